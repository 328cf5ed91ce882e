// The applications list: search, sort, add, invite (with the native
// confirmation), copy the link. Rows are built with DOM calls and textContent
// only: candidate data can never become HTML.

import * as api from "./api.js";
import { t, translateDocument, setLang } from "./i18n.js";

const state = {
  search: "",
  sort: "applied",
  descending: false,
  rows: [],
  total: 0,
  busy: new Set(), // application ids with a command in flight
};

const $ = (sel) => document.querySelector(sel);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let noticeTimer;
function notify(message, kind = "info") {
  const box = $("#notice");
  box.textContent = message;
  box.className = `notice notice-${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  if (kind !== "error") noticeTimer = setTimeout(() => (box.hidden = true), 6000);
}

async function refresh() {
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
  const tbody = $("#applications tbody");
  tbody.replaceChildren(...state.rows.map(renderRow));
  const filtering = state.search.trim() !== "";
  $("#empty").hidden = state.total > 0 || filtering;
  $("#no-match").hidden = !(filtering && state.total === 0);
  $("#applications").hidden = state.total === 0;
  const n = state.total;
  $("#count").textContent = n === 1 ? t("list.count.one", { n }) : t("list.count.many", { n });
  for (const th of document.querySelectorAll("th[data-sort]")) {
    const active = th.dataset.sort === state.sort;
    th.classList.toggle("sorted", active);
    th.setAttribute("aria-sort", active ? (state.descending ? "descending" : "ascending") : "none");
  }
}

function renderRow(app) {
  const link = app.link;
  const active = link && link.state === "active";
  const busy = state.busy.has(app.application_id);

  const linkCell = el("td", { class: "col-link" });
  if (link) {
    const url = el("code", { class: "link-url", title: link.start_url }, link.start_url);
    const copy = active
      ? el("button", { type: "button", class: "btn btn-small copy", onclick: () => copyLink(link.start_url) }, t("link.copy"))
      : null;
    const expiry = el(
      "div",
      { class: `link-expiry ${active ? "" : "muted"}` },
      t(active ? "link.expires" : "link.expired", { date: link.expires_at_local }),
    );
    linkCell.append(el("div", { class: "link-line" }, url, copy), expiry);
  } else {
    linkCell.append(el("span", { class: "muted" }, t("link.none")));
  }

  const action = el("td", { class: "col-action" });
  if (!active) {
    action.append(
      el(
        "button",
        {
          type: "button",
          class: "btn btn-primary invite",
          disabled: busy ? "" : null,
          onclick: () => invite(app),
        },
        busy ? t("invite.busy") : t("invite.button"),
      ),
    );
  }

  return el(
    "tr",
    { dataset: { applicationId: String(app.application_id) } },
    el("td", { class: "col-candidate" }, app.candidate_name),
    el("td", { class: "col-email" }, app.email),
    el("td", { class: "col-job" }, app.job_title),
    el("td", { class: "col-status" }, el("span", { class: `badge badge-${app.invitation_status}` }, t(`status.${app.invitation_status}`))),
    linkCell,
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
    const reply = await api.createInviteLink(app.application_id);
    notify(t(reply.created ? "invite.created" : "invite.existing", { name: app.candidate_name }), "success");
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
    clearFieldErrors();
  }
}

function clearFieldErrors() {
  for (const span of document.querySelectorAll("[data-error-for]")) span.textContent = "";
  for (const input of $("#add-form").querySelectorAll("input")) input.removeAttribute("aria-invalid");
}

async function submitForm(event) {
  event.preventDefault();
  const form = $("#add-form");
  const data = Object.fromEntries(new FormData(form));
  clearFieldErrors();
  try {
    const reply = await api.addApplication(data);
    const a = reply.application;
    notify(t(reply.added ? "add.done" : "add.already", { name: a.candidate_name, job: a.job_title }), reply.added ? "success" : "info");
    form.reset();
    form.querySelector("input").focus();
    await refresh();
  } catch (error) {
    const fields = error?.fields ?? [];
    if (fields.length === 0) {
      notify(api.errorMessage(error), "error");
      return;
    }
    for (const f of fields) {
      const span = form.querySelector(`[data-error-for="${f.field}"]`);
      if (span) span.textContent = api.errorMessage(f);
      form.querySelector(`input[name="${f.field}"]`)?.setAttribute("aria-invalid", "true");
    }
    form.querySelector('[aria-invalid="true"]')?.focus();
  }
}

// ---- wiring ------------------------------------------------------------

let searchTimer;
function init() {
  setLang("fr");
  translateDocument();
  $("#search").addEventListener("input", (e) => {
    state.search = e.target.value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refresh, 120);
  });
  for (const th of document.querySelectorAll("th[data-sort]")) {
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
  window.addEventListener("focus", refresh); // a CLI import may have run meanwhile
  // Tests (and people) can tell when the first list has arrived.
  refresh().finally(() => (document.body.dataset.ready = "true"));
}

init();
