// @ts-check
// The outbox: every email, its state, its tries and the server's last words.

import * as api from "./api.js";
import { t, currentLang } from "./i18n.js";
import { $, el, notify } from "./dom.js";

function row(r) {
  const server = r.error ?? [r.smtp_code, r.reply].filter((x) => x !== null && x !== undefined).join(" ");
  return el(
    "tr",
    { dataset: { outboxId: String(r.outbox_id), state: r.state } },
    el("td", { class: "muted nowrap" }, new Date(r.updated_at).toLocaleString(currentLang() === "en" ? "en-GB" : "fr-FR")),
    el("td", {}, el("div", { class: "col-candidate" }, r.recipient_name), el("div", { class: "muted" }, r.recipient)),
    el("td", {}, el("span", { class: `badge badge-outbox-${r.state}` }, t(`outbox.state.${r.state}`))),
    el("td", { class: "num" }, String(r.attempts)),
    el("td", { class: r.error ? "status-detail error-text" : "status-detail" }, server),
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

export function initOutbox() {
  $("#outbox-refresh").addEventListener("click", load);
}
