// @ts-check
// The first-run checklist above the list: until the sender, the link address
// and the key are set and a test email went out, what is done, what is left,
// and a button to each (the test email is advised, not required). And the
// one question a private-network link address asks, once.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { $, el, notify } from "./dom.js";

/** @type {(selector: string) => unknown} */
let openSetting = () => undefined;

/** @param {{ openSetting: (selector: string) => unknown }} hooks */
export function initSetup(hooks) {
  openSetting = hooks.openSetting;
}

/**
 * @param {string} id the item (sender, link, key, test)
 * @param {"done" | "todo" | "advised" | "warning"} state
 * @param {string} text
 * @param {string} selector the Réglages field its button goes to
 * @param {string} go the button's label
 */
function item(id, state, text, selector, go) {
  const mark = state === "done" ? "✓" : state === "warning" ? "!" : "○";
  return el(
    "li",
    { class: `setup-item setup-${state}`, dataset: { item: id, state } },
    el("span", { class: "setup-mark", "aria-hidden": "true" }, mark),
    el(
      "div",
      { class: "setup-body" },
      el("strong", {}, t(`setup.${id}`), state === "advised" ? el("span", { class: "setup-advised" }, ` — ${t("setup.advised")}`) : null),
      el("p", { class: "muted" }, text),
      state === "done" ? null : el("button", { type: "button", class: "btn btn-small setup-go", onclick: () => openSetting(selector) }, go),
    ),
  );
}

/** Shows the checklist while something is left; hides it once all is done. */
export async function loadSetup() {
  const box = $("#setup");
  let status;
  try {
    status = await api.setupStatus();
  } catch {
    box.hidden = true; // the list says its own errors
    return;
  }
  const link =
    status.link_place === "this_computer"
      ? item("link", "todo", t("setup.link_this_computer", { url: status.base_url }), '#settings-form [name="base_url"]', t("setup.go"))
      : item(
          "link",
          status.link_address_confirmed ? "done" : "warning",
          t(status.link_place === "private" ? "setup.link_private" : "setup.link_done", { url: status.base_url }),
          '#settings-form [name="base_url"]',
          t("setup.go"),
        );
  const key =
    status.key === "present"
      ? item("key", "done", t("setup.key_done"), '#key-form [name="api_key"]', t("setup.go"))
      : item("key", "todo", t(status.key === "unusable" ? "setup.key_unusable" : "setup.key_todo"), '#key-form [name="api_key"]', t("setup.go"));
  const items = [
    status.sender
      ? item("sender", "done", t("setup.sender_done", { sender: status.sender }), '#settings-form [name="from"]', t("setup.go"))
      : item("sender", "todo", t("setup.sender_todo"), '#settings-form [name="from"]', t("setup.go")),
    link,
    key,
    status.test_email_to
      ? item("test", "done", t("setup.test_done", { to: status.test_email_to }), '#test-form [name="test_address"]', t("setup.go_test"))
      : item("test", "advised", t("setup.test_todo"), '#test-form [name="test_address"]', t("setup.go_test")),
  ];
  // A dry run sends nothing: there is nothing to set up for it.
  box.hidden = status.dry_run || (status.blocked === null && status.key === "present" && status.test_email_to !== null && status.link_address_confirmed);
  box.replaceChildren(
    el("h2", {}, t("setup.title")),
    el("p", { class: "muted setup-intro" }, t("setup.intro")),
    el("ol", { class: "setup-list" }, ...items),
  );
}

/**
 * Before Inviter asks its question: says at once why an email could not go
 * (the command's own check: nothing is made), and asks once (native dialog)
 * about a private-network link address. Resolves to false to stop there.
 * @param {Element | undefined} box where to say it (the view's notice by default)
 * @returns {Promise<boolean>}
 */
export async function readyToInvite(box = undefined) {
  let status;
  try {
    status = await api.setupStatus();
  } catch {
    return true; // the invitation itself will say what is wrong
  }
  if (status.blocked) {
    notify(api.errorMessage(status.blocked), "error", box);
    loadSetup();
    return false;
  }
  if (status.dry_run || status.link_address_confirmed) return true;
  const yes = await api.confirmAction(t("setup.confirm_private", { url: status.base_url }), t("setup.confirm_private_ok"));
  if (!yes) return false;
  try {
    await api.confirmLinkAddress();
  } catch {
    // Asked again next time: no harm.
  }
  return true;
}
