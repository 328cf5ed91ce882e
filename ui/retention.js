// @ts-check
// The banner at start-up when candidates are past the retention period
// (`retention_months`): how many, "Voir" lists them with why, "Effacer"
// erases them after a native confirmation. Nothing is ever erased without
// that click.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { $, el, notify } from "./dom.js";

/** @type {() => Promise<unknown>} */
let afterErase = async () => undefined;

/** @param {{ afterErase: () => Promise<unknown> }} hooks */
export function initRetention(hooks) {
  afterErase = hooks.afterErase;
}

export async function loadRetention() {
  const banner = $("#retention");
  let status;
  try {
    status = await api.retentionStatus();
  } catch (error) {
    // The list works without the banner; the next start tries again.
    console.warn(api.errorMessage(error));
    return;
  }
  if (status.months === 0 || status.count === 0) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  const list = el(
    "ul",
    { id: "retention-list", class: "retention-list", hidden: true },
    ...status.candidates.map((c) =>
      el(
        "li",
        { dataset: { candidate: String(c.candidate_id) } },
        el("strong", {}, c.name),
        ` <${c.email}> — `,
        el("span", { class: "muted" }, t("retention.why", { activity: c.last_activity, date: c.last_activity_date, months: c.months_inactive })),
      ),
    ),
    status.count > status.candidates.length ? el("li", { class: "muted" }, t("retention.more", { count: status.count - status.candidates.length })) : null,
  );
  const toggle = el("button", { type: "button", id: "retention-show", class: "btn btn-small btn-secondary" }, t("retention.show"));
  toggle.addEventListener("click", () => {
    list.hidden = !list.hidden;
    toggle.textContent = t(list.hidden ? "retention.show" : "retention.hide");
  });
  const erase = el("button", { type: "button", id: "retention-erase", class: "btn btn-small btn-danger" }, t("retention.erase"));
  erase.addEventListener("click", () => eraseOverdue(status));
  banner.replaceChildren(
    el("div", { class: "retention-head" }, el("p", { id: "retention-text" }, t("retention.banner", { count: status.count, months: status.months })), toggle, erase),
    list,
  );
  banner.hidden = false;
}

/** @param {RetentionStatus} status */
async function eraseOverdue(status) {
  const question = t("retention.dialog_question", { count: status.count, months: status.months });
  if (!(await api.confirmRetention(question))) return;
  try {
    const run = await api.applyRetention();
    notify(t("retention.done", { count: run.erased }), "success");
    if (run.left_sending > 0) notify(t("retention.left_sending", { count: run.left_sending }), "warning");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
  await Promise.all([loadRetention(), afterErase()]);
}
