// @ts-check
// The outbox: every email, its offer, its state, its tries, what JobGate
// advises and the server's own words, each labelled; Ouvrir shows the
// application, Réessayer makes its latest failed email again (the list's own
// flow: native confirmation, then the email).

import * as api from "./api.js";
import { t, currentLang } from "./i18n.js";
import { $, el, notify } from "./dom.js";
import { openDetail } from "./detail.js";

/** @type {(app: ApplicationDto) => Promise<unknown>} */
let invite = async () => undefined;

const RETRIED = ["failed_temporary", "failed_permanent", "unknown"];

/** @param {OutboxDto} r */
function whatHappened(r) {
  const server = [r.smtp_code, r.reply].filter((x) => x !== null && x !== undefined && x !== "").join(" ");
  const cell = el("td", { class: "status-detail outbox-detail" });
  if (r.error) cell.append(el("div", { class: "error-text" }, r.error));
  if (server) cell.append(el("div", { class: "muted outbox-server" }, t("detail.server", { reply: server })));
  if (!r.latest && RETRIED.includes(r.state)) cell.append(el("div", { class: "muted" }, t("outbox.older")));
  return cell;
}

/** @param {OutboxDto} r */
async function retry(r) {
  try {
    const history = await api.applicationHistory(r.application_id);
    await invite(history.application);
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
  await load();
}

/** @param {OutboxDto} r */
function row(r) {
  const actions = el(
    "div",
    { class: "row-actions" },
    // The list's own action for that state (Rust decides when there is one).
    r.retry
      ? el("button", { type: "button", class: "btn btn-primary btn-small retry", onclick: () => retry(r) }, t(r.retry === "resend" ? "invite.resend" : "invite.retry"))
      : null,
    el(
      "button",
      { type: "button", class: "btn btn-small open-application", "aria-label": t("outbox.open_title", { name: r.recipient_name }), onclick: () => openDetail(r.application_id) },
      t("outbox.open"),
    ),
  );
  return el(
    "tr",
    { dataset: { outboxId: String(r.outbox_id), applicationId: String(r.application_id), state: r.state } },
    el("td", { class: "muted nowrap" }, new Date(r.updated_at).toLocaleString(currentLang() === "en" ? "en-GB" : "fr-FR")),
    el("td", { title: `${r.recipient_name} <${r.recipient}>` }, el("div", { class: "col-candidate cut" }, r.recipient_name), el("div", { class: "muted cut" }, r.recipient)),
    el("td", { class: "outbox-job", title: r.job_title }, el("div", { class: "cut" }, r.job_title)),
    el("td", {}, el("span", { class: `badge badge-outbox-${r.state}` }, t(`outbox.state.${r.state}`))),
    el("td", { class: "num" }, String(r.attempts)),
    whatHappened(r),
    el("td", { class: "col-action" }, actions),
  );
}

export async function load() {
  try {
    const rows = await api.listOutbox();
    $("#outbox-table tbody").replaceChildren(...rows.map(row));
    $("#outbox-table").hidden = rows.length === 0;
    $("#outbox-empty").hidden = rows.length > 0;
    $("#outbox-count").textContent = t("outbox.count", { n: rows.length });
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

/** @param {{ invite: (app: ApplicationDto) => Promise<unknown> }} hooks */
export function initOutbox(hooks) {
  invite = hooks.invite;
  $("#outbox-refresh").addEventListener("click", load);
}
