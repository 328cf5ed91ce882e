// The applications list: search, sort, add, invite (native confirmation, then
// link + email), copy the link, and each row's email outcome.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { $, $$, el, notify, showFieldErrors, clearFieldErrors } from "./dom.js";

const state = {
  search: "",
  sort: "applied",
  descending: false,
  rows: [],
  total: 0,
  busy: new Set(), // application ids with a command in flight
};

export async function refresh() {
  try {
    const reply = await api.listApplications({
      search: state.search || null,
      sort: state.sort,
      descending: state.descending,
    });
    state.rows = reply.rows;
    state.total = reply.total;
    render();
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

function render() {
  $("#applications tbody").replaceChildren(...state.rows.map(renderRow));
  const filtering = state.search.trim() !== "";
  $("#empty").hidden = state.total > 0 || filtering;
  $("#no-match").hidden = !(filtering && state.total === 0);
  $("#applications").hidden = state.total === 0;
  const n = state.total;
  $("#count").textContent = n === 1 ? t("list.count.one", { n }) : t("list.count.many", { n });
  for (const th of $$("th[data-sort]")) {
    const active = th.dataset.sort === state.sort;
    th.classList.toggle("sorted", active);
    th.setAttribute("aria-sort", active ? (state.descending ? "descending" : "ascending") : "none");
  }
}

// What the action button of a row does, by invitation status.
const ACTIONS = {
  not_invited: "invite.button",
  link_expired: "invite.button",
  link_revoked: "invite.button",
  link_active: "invite.send",
  send_failed: "invite.retry",
  send_unknown: "invite.resend", // never resent automatically: only on this click
  sending: null,
  sent: null,
};

function statusCell(app) {
  const status = app.invitation_status;
  const cell = el("td", { class: "col-status" }, el("span", { class: `badge badge-${status}` }, t(`status.${status}`)));
  const email = app.last_email;
  if (status === "sent" && email?.sent_at_local) {
    cell.append(el("div", { class: "status-detail muted" }, t("email.sent_at", { date: email.sent_at_local })));
  } else if ((status === "send_failed" || status === "send_unknown") && email?.error) {
    // Three lines at most in the row; the whole message in the tooltip and the notice.
    cell.append(el("div", { class: "status-detail error-text clamp", title: email.error }, email.error));
  }
  return cell;
}

function linkCell(app) {
  const link = app.link;
  const cell = el("td", { class: "col-link" });
  if (!link) {
    cell.append(el("span", { class: "muted" }, t("link.none")));
    return cell;
  }
  const active = link.state === "active";
  const copy = active
    ? el("button", { type: "button", class: "btn btn-small copy", onclick: () => copyLink(link.start_url) }, t("link.copy"))
    : null;
  cell.append(
    el("div", { class: "link-line" }, el("code", { class: "link-url", title: link.start_url }, link.start_url), copy),
    el("div", { class: `link-expiry ${active ? "" : "muted"}` }, t(active ? "link.expires" : "link.expired", { date: link.expires_at_local })),
  );
  return cell;
}

function renderRow(app) {
  const busy = state.busy.has(app.application_id);
  const label = ACTIONS[app.invitation_status];
  const action = el("td", { class: "col-action" });
  if (label) {
    action.append(
      el("button", { type: "button", class: "btn btn-primary invite", disabled: busy, onclick: () => invite(app) }, busy ? t("invite.busy") : t(label)),
    );
  }
  return el(
    "tr",
    { dataset: { applicationId: String(app.application_id), status: app.invitation_status } },
    el("td", { class: "col-candidate" }, app.candidate_name),
    el("td", { class: "col-email" }, app.email),
    el("td", { class: "col-job" }, app.job_title),
    statusCell(app),
    linkCell(app),
    action,
  );
}

async function invite(app) {
  if (state.busy.has(app.application_id)) return;
  // The native dialog: nothing happens unless the recruiter says OK.
  const confirmed = await api.confirmInvite(app.candidate_name);
  if (!confirmed) return;
  state.busy.add(app.application_id);
  render();
  try {
    const reply = await api.invite(app.application_id);
    const name = app.candidate_name;
    switch (reply.email) {
      case "sent":
        notify(t("invite.sent", { name, email: app.email }), "success");
        break;
      case "failed":
        notify(t("invite.failed", { name, error: reply.application.last_email?.error ?? "" }), "error");
        break;
      case "dry_run":
        notify(t("invite.dry_run", { name }), "info");
        break;
      case "already_sent":
        notify(t("invite.already_sent", { name }), "info");
        break;
      default:
        notify(t("invite.in_progress", { name }), "info");
    }
  } catch (error) {
    notify(api.errorMessage(error), "error");
  } finally {
    state.busy.delete(app.application_id);
    await refresh();
  }
}

async function copyLink(url) {
  const ok = await api.copyText(url);
  notify(t(ok ? "link.copied" : "link.copy_failed"), ok ? "success" : "error");
}

// ---- add form ----------------------------------------------------------

function showForm(show) {
  const form = $("#add-form");
  form.hidden = !show;
  if (show) form.querySelector("input").focus();
  else {
    form.reset();
    clearFieldErrors(form);
  }
}

async function submitForm(event) {
  event.preventDefault();
  const form = $("#add-form");
  clearFieldErrors(form);
  try {
    const reply = await api.addApplication(Object.fromEntries(new FormData(form)));
    const a = reply.application;
    notify(t(reply.added ? "add.done" : "add.already", { name: a.candidate_name, job: a.job_title }), reply.added ? "success" : "info");
    form.reset();
    form.querySelector("input").focus();
    await refresh();
  } catch (error) {
    if (!showFieldErrors(form, error)) notify(api.errorMessage(error), "error");
  }
}

let searchTimer;
export function initList() {
  $("#search").addEventListener("input", (e) => {
    state.search = e.target.value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refresh, 120);
  });
  for (const th of $$("th[data-sort]")) {
    th.tabIndex = 0;
    const sortBy = () => {
      if (state.sort === th.dataset.sort) state.descending = !state.descending;
      else {
        state.sort = th.dataset.sort;
        state.descending = false;
      }
      refresh();
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), sortBy()));
  }
  $("#toggle-add").addEventListener("click", () => showForm($("#add-form").hidden));
  $("#cancel-add").addEventListener("click", () => showForm(false));
  $("#add-form").addEventListener("submit", submitForm);
}
