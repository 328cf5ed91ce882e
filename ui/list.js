// @ts-check
// The applications list: search, sort, add, invite (native confirmation, then
// link + email), copy the link, and each row's email outcome.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { pageSize, statuses } from "./vocabulary.js";
import { $, $$, el, notify, showFieldErrors, clearFieldErrors } from "./dom.js";
import { emailOutcome, linkWhen } from "./outcome.js";
import { openDetail } from "./detail.js";
import { stageChart } from "./chart.js";
import { initImporter } from "./importer.js";
import { readyToInvite, loadSetup } from "./setup.js";

const state = {
  search: "",
  jobId: null,
  status: null, // workflow status filter
  stage: null, // the email filter, or a chart segment's stage
  jobs: [], // the offers with their stage counts (the selected one's chart)
  selected: new Set(), // application ids ticked for a batch
  batchRunning: false,
  sort: "applied",
  descending: false,
  rows: [],
  total: 0,
  offset: 0, // the page shown (pageSize() rows from here)
  busy: new Set(), // application ids with a command in flight
  // Rows the recruiter just acted on stay where they were, even once they no
  // longer match the filter (an invited "Nouvelle"), until the recruiter
  // reloads the list (a new filter, search, sort or page, or Actualiser).
  kept: new Set(),
  stale: new Set(), // of those, the ones shown though they no longer match
};

// The email filter: the stages before the outcome, named as the row's badge.
const STAGE_BADGE = {
  not_invited: "not_invited",
  link_created: "link_active",
  sending: "sending",
  sent: "sent",
  failed: "send_failed",
  unknown: "send_unknown",
  expired: "link_expired",
  revoked: "link_revoked",
};
// Past the invitation, a stage is a workflow status: the status filter shows it.
const WORKFLOW_STAGES = ["interviewed", "hired", "rejected", "withdrawn"];

/** Keeps an application's row in view after an action on it (see `state.kept`). */
export function keepShown(applicationId) {
  state.kept.add(applicationId);
}


// The list's filter and sort as the commands take them.
/** @returns {ListRequest} */
function query() {
  return {
    search: state.search || null,
    job_id: state.jobId,
    status: /** @type {ApplicationStatus | null} */ (state.status),
    stage: /** @type {Stage | null} */ (state.stage),
    sort: /** @type {SortKey} */ (state.sort),
    descending: state.descending,
  };
}

// After something changed the data (an invitation, a batch, an import, an
// edit): the page and the offers' counts with it. A search keystroke only
// needs the page.
export function refreshAll() {
  return Promise.all([refresh(), loadJobs(), loadSetup()]);
}

// The list from its first page again (after a new filter, search or sort).
function refreshFromStart() {
  state.offset = 0;
  state.kept.clear();
  return refresh();
}

export async function refresh() {
  try {
    const reply = await api.listApplications({ ...query(), limit: pageSize(), offset: state.offset });
    // The last page emptied meanwhile (a filter, a deletion): back one page.
    if (reply.rows.length === 0 && state.offset > 0) {
      state.offset = Math.max(0, state.offset - pageSize());
      return refresh();
    }
    state.rows = await withKeptRows(reply.rows);
    state.total = reply.total;
    render();
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

// The page's rows, and in their old places the kept rows that no longer
// match, fresh from the store (a deleted one is simply gone).
async function withKeptRows(rows) {
  const shown = new Set(rows.map((r) => r.application_id));
  // Kept until the recruiter reloads, even while it matches again: an
  // answer fetched before the action (the window's focus after the native
  // dialog) must not drop it. A handful of rows at most: those acted on.
  // Without a filter a row only moves (another page, another place): nothing
  // is kept out of the filter's way.
  const missing = filtering()
    ? state.rows.map((row, index) => ({ id: row.application_id, index })).filter(({ id }) => state.kept.has(id) && !shown.has(id))
    : [];
  const fresh = await Promise.all(
    missing.map(({ id }) => api.applicationHistory(id).then((h) => h.application, () => null)),
  );
  const stale = new Set();
  const merged = [...rows];
  missing.forEach(({ id, index }, i) => {
    const app = fresh[i];
    if (!app) return;
    stale.add(id);
    merged.splice(Math.min(index, merged.length), 0, app);
  });
  state.stale = stale;
  return merged;
}

// A search, a status or an email state narrows the list (an offer only picks one).
const filtering = () => state.search.trim() !== "" || state.status !== null || state.stage !== null;

function render() {
  $("#applications tbody").replaceChildren(...state.rows.map(renderRow));
  const narrowed = filtering();
  $("#empty").hidden = state.rows.length > 0 || narrowed;
  $("#no-match").hidden = !(narrowed && state.rows.length === 0);
  $("#applications").hidden = state.rows.length === 0;
  const n = state.total;
  $("#count").textContent = n === 1 ? t("list.count.one", { n }) : t("list.count.many", { n });
  // Pages: the webview never holds more than one.
  const pager = $("#pager");
  pager.hidden = state.total <= pageSize();
  const format = (x) => x.toLocaleString(document.documentElement.lang === "en" ? "en-GB" : "fr-FR");
  $("#page-range").textContent = t("pager.range", {
    from: format(state.offset + 1),
    to: format(state.offset + state.rows.length),
    total: format(state.total),
  });
  $("#page-previous").disabled = state.offset === 0;
  $("#page-next").disabled = state.offset + state.rows.length >= state.total;
  for (const th of $$("th[data-sort]")) {
    const active = th.dataset.sort === state.sort;
    th.classList.toggle("sorted", active);
    th.setAttribute("aria-sort", active ? (state.descending ? "descending" : "ascending") : "none");
  }
  // Ticks survive a refresh only for rows still shown.
  const shown = new Set(state.rows.map((r) => r.application_id));
  for (const id of [...state.selected]) if (!shown.has(id)) state.selected.delete(id);
  const matching = state.rows.filter((r) => !state.stale.has(r.application_id) && !r.erased);
  $("#select-all").checked = matching.length > 0 && matching.every((r) => state.selected.has(r.application_id));
  updateBulkBar();
}

function updateBulkBar() {
  const selected = $("#invite-selected");
  selected.hidden = state.selected.size === 0;
  selected.textContent = t("bulk.selected", { n: state.selected.size });
  selected.disabled = state.batchRunning;
  const all = $("#invite-all");
  all.hidden = state.jobId === null;
  all.textContent = t("bulk.all");
  all.disabled = state.batchRunning;
}

export async function loadJobs() {
  const select = $("#job-filter");
  try {
    state.jobs = await api.jobOverview();
    const current = state.jobId;
    select.replaceChildren(
      el("option", { value: "" }, t("list.all_jobs")),
      ...state.jobs.map((j) => el("option", { value: String(j.id) }, `${j.title} (${j.applications})`)),
    );
    select.value = current === null ? "" : String(current);
    select.hidden = state.jobs.length === 0;
    // The chosen offer at a glance, above its applications.
    const job = state.jobs.find((j) => j.id === current);
    $("#job-summary").replaceChildren(...(job ? [stageChart(job, (stage) => { showStage(stage); refreshFromStart(); })] : []));
    $("#job-summary").hidden = !job;
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}


// Shows the list filtered on one job offer (from the Offres view), and on
// one of its chart's stages if one was clicked.
/** @param {number | null} jobId @param {Stage | null} [stage] */
export function showJob(jobId, stage = null) {
  state.jobId = jobId;
  state.offset = 0;
  state.kept.clear();
  $("#job-filter").value = jobId === null ? "" : String(jobId);
  if (stage) showStage(stage);
}

// A chart segment: its applications, and the filters say which. Past the
// invitation the stage is a workflow status (the status filter); before, it
// is the email filter, among the applications still in the running.
/** @param {Stage} stage */
function showStage(stage) {
  // The segment's count is the list's: no search narrows it further.
  state.search = "";
  /** @type {HTMLInputElement} */ ($("#search")).value = "";
  if (WORKFLOW_STAGES.includes(stage)) {
    state.status = stage;
    state.stage = null;
  } else {
    state.status = null;
    state.stage = stage;
  }
  $("#status-filter").value = state.status ?? "";
  $("#stage-filter").value = state.stage ?? "";
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
  queued: "invite.send",
  sent: null,
};

function statusCell(app, stale = false) {
  const status = app.invitation_status;
  const cell = el("td", { class: "col-status" }, el("span", { class: `badge badge-${status}` }, t(`status.${status}`)));
  // The workflow status, once it says more than "new" or "invited".
  if (!["new", "invited"].includes(app.status)) {
    cell.append(" ", el("span", { class: `badge badge-app badge-app-${app.status}` }, t(`appstatus.${app.status}`)));
  }
  const email = app.last_email;
  if (status === "sent" && email?.sent_at_local) {
    cell.append(el("div", { class: "status-detail muted" }, t("email.sent_at", { date: email.sent_at_local })));
  } else if ((status === "send_failed" || status === "send_unknown") && email?.error) {
    // Three lines at most in the row; the whole message in the tooltip and the notice.
    cell.append(el("div", { class: "status-detail error-text clamp", title: email.error }, email.error));
  }
  if (stale) {
    cell.append(
      el(
        "div",
        { class: "stale-note muted" },
        t("list.stale_row"),
        " ",
        el("button", { type: "button", class: "btn-link reload-list", onclick: () => refreshFromStart() }, t("list.reload")),
      ),
    );
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
    el("div", { class: `link-expiry ${active ? "" : "muted"}` }, linkWhen(link)),
  );
  return cell;
}

function renderRow(app) {
  const busy = state.busy.has(app.application_id);
  // While a batch runs, its queued rows are its own.
  // A decision (closed application or offer) is final: no action on its link.
  const closed = app.decided || app.erased;
  const label = (state.batchRunning && app.invitation_status === "queued") || closed ? null : ACTIONS[app.invitation_status];
  const action = el("td", { class: "col-action" });
  const buttons = el("div", { class: "row-actions" });
  if (label) {
    buttons.append(
      el("button", { type: "button", class: "btn btn-primary invite", disabled: busy, onclick: () => invite(app) }, busy ? t("invite.busy") : t(label)),
    );
  }
  buttons.append(
    el(
      "button",
      { type: "button", class: "btn btn-small details", "aria-label": t("list.details_of", { name: app.candidate_name }), onclick: () => openDetail(app.application_id) },
      t("list.details"),
    ),
  );
  action.append(buttons);
  const tick = el("input", {
    type: "checkbox",
    class: "select-row",
    "aria-label": t("list.select_row", { name: app.candidate_name }),
    checked: state.selected.has(app.application_id),
    // An erased candidate is never invited again: nothing to tick.
    disabled: app.erased,
    onchange: (e) => {
      if (e.target.checked) state.selected.add(app.application_id);
      else state.selected.delete(app.application_id);
      updateBulkBar();
    },
  });
  const stale = state.stale.has(app.application_id);
  return el(
    "tr",
    { class: stale ? "row-stale" : "", dataset: { applicationId: String(app.application_id), status: app.invitation_status } },
    el("td", { class: "col-select" }, tick),
    // Cut with "…" when long: whole in the tooltip and in Détails.
    el("td", { class: "col-candidate cut", title: app.candidate_name }, app.candidate_name),
    // An erased candidate's stored address is a placeholder, not an address.
    app.erased ? el("td", { class: "col-email muted" }, "—") : el("td", { class: "col-email cut", title: app.email }, app.email),
    el("td", { class: "col-job cut", title: app.job_title }, app.job_title),
    statusCell(app, stale),
    linkCell(app),
    action,
  );
}

// Inviter (or Envoyer, Réessayer, Renvoyer an uncertain one): the native
// confirmation, then the link and the email. `box` is where the outcome is told.
export async function invite(app, box = undefined) {
  if (state.busy.has(app.application_id)) return;
  // What is missing is said first (nothing is made); a private-network link
  // address is agreed once; then the native dialog: nothing happens unless
  // the recruiter says OK.
  if (!(await readyToInvite(box))) return;
  const confirmed = await api.confirmInvite(app);
  if (!confirmed) return;
  state.busy.add(app.application_id);
  keepShown(app.application_id);
  render();
  try {
    const reply = await api.invite(app.application_id);
    const [text, kind] = emailOutcome(reply.email, app, reply.application.last_email?.error);
    notify(text, kind, box);
  } catch (error) {
    notify(api.errorMessage(error), "error", box);
  } finally {
    state.busy.delete(app.application_id);
    await refreshAll();
  }
}

// "Exporter la liste": what the filter shows, every page, as CSV.
async function exportList() {
  try {
    const reply = await api.exportList(query());
    if (reply) notify(t("list.exported", { n: reply.rows, path: reply.path }), "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

async function copyLink(url) {
  const ok = await api.copyText(url);
  notify(t(ok ? "link.copied" : "link.copy_failed"), ok ? "success" : "error");
}

// ---- batches -------------------------------------------------------------

// One confirmation with the count, then the batch with a live progress bar.
async function inviteMany(applicationIds, jobId) {
  if (state.batchRunning) return;
  let preview;
  try {
    preview = await api.batchPreview(applicationIds, jobId);
  } catch (error) {
    notify(api.errorMessage(error), "error");
    return;
  }
  const ids = preview.application_ids;
  if (ids.length === 0) {
    notify(t("bulk.none"), "info");
    return;
  }
  // Who (how many), for which offer, and what happens.
  const chosen = new Set(ids);
  const titles = new Set(state.rows.filter((r) => chosen.has(r.application_id)).map((r) => r.job_title));
  const job = jobId !== null ? state.jobs.find((j) => j.id === jobId)?.title : titles.size === 1 ? [...titles][0] : undefined;
  const offers = job !== undefined ? 1 : titles.size;
  let message = t("bulk.confirm", { n: ids.length, offers, job: job ?? "" });
  if (preview.quota.exceeds) {
    message += "\n\n" + t("bulk.confirm_quota", { sent: preview.quota.sent_last_24h, n: ids.length, quota: preview.quota.quota });
  }
  if (preview.dry_run) message += "\n\n" + t("bulk.confirm_dry_run");
  if (!(await readyToInvite())) return;
  if (!(await api.confirmBatch(message))) return;
  await runBatch(ids, preview.dry_run);
}

async function runBatch(ids, dryRun) {
  const emails = new Map(state.rows.map((r) => [r.application_id, r.email]));
  const emailOf = (id) => emails.get(id) ?? `#${id}`;
  const counts = { total: ids.length, sent: 0, failed: 0, skipped: 0 };
  const panel = $("#batch-panel");
  const log = $("#batch-log");
  const note = $("#batch-note");
  log.replaceChildren();
  note.hidden = true;
  panel.hidden = false;
  $("#batch-title").textContent = t(dryRun ? "batch.title_dry_run" : "batch.title", { n: ids.length });
  const cancel = $("#batch-cancel");
  cancel.hidden = false;
  cancel.disabled = false;
  cancel.textContent = t("batch.cancel");
  $("#batch-retry").hidden = true;
  $("#batch-close").hidden = true;
  let started = false;
  const show = () => {
    const done = counts.sent + counts.failed + counts.skipped;
    $("#batch-progress").max = Math.max(counts.total, 1);
    $("#batch-progress").value = done;
    // Until the server answers, say so: the bar alone would look frozen.
    $("#batch-counts").textContent = started ? t("batch.counts", { done, ...counts }) : t("batch.connecting");
  };
  const say = (text, kind) => {
    note.textContent = text;
    note.className = `batch-note batch-note-${kind}`;
    note.hidden = false;
  };
  const line = (text, kind) => log.prepend(el("li", { class: `batch-${kind}` }, text));
  let refreshTimer = null;
  const refreshSoon = () => {
    if (refreshTimer === null) refreshTimer = setTimeout(() => ((refreshTimer = null), refresh()), 700);
  };
  show();
  state.batchRunning = true;
  updateBulkBar();
  let failedToStart = false;
  try {
    const report = await api.inviteBatch(ids, (event) => {
      switch (event.kind) {
        case "started":
          started = true;
          counts.total = event.total;
          break;
        case "sent":
          counts.sent += 1;
          line(t("batch.sent", { email: emailOf(event.application_id) }), "sent");
          break;
        case "failed": {
          const error = currentLangText(event);
          if (event.will_retry) line(t("batch.retry", { email: emailOf(event.application_id), error }), "retry");
          else {
            counts.failed += 1;
            line(t("batch.failed", { email: emailOf(event.application_id), error }), "failed");
          }
          break;
        }
        case "skipped":
          counts.skipped += 1;
          line(t("batch.skipped", { email: emailOf(event.application_id) }), "skipped");
          break;
        case "cancelling":
          // What Annuler can and cannot stop, said at once.
          if (event.in_flight === 0 && event.queued === 0) say(t("batch.cancel_too_late"), "info");
          else say(t("batch.cancel_heard", { in_flight: event.in_flight, queued: event.queued }), "info");
          break;
      }
      show();
      refreshSoon();
    });
    const summary = t("batch.done", report);
    if (report.stopped_by) notify(t("batch.stopped", { error: api.errorMessage(report.stopped_by) }), "error");
    else if (report.unrecorded > 0) notify(`${summary} ${t("batch.unrecorded", report)}`, "warning");
    else notify(summary, report.failed > 0 ? "error" : "success");
    $("#batch-counts").textContent = summary;
  } catch (error) {
    // Before "started" nothing was created or sent (the server or the key
    // refused first): the panel says why and offers to try again. After it,
    // the error is said; what was sent stays sent.
    failedToStart = !started;
    if (!started) $("#batch-counts").textContent = "";
    say(api.errorMessage(error), "error");
  } finally {
    state.batchRunning = false;
    cancel.hidden = true;
    $("#batch-close").hidden = false;
    const retry = $("#batch-retry");
    retry.hidden = !failedToStart;
    retry.onclick = () => runBatch(ids, dryRun);
    state.selected.clear();
    await refreshAll();
  }
}

const currentLangText = (event) => api.errorMessage(event);

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
    const data = new FormData(form);
    const field = (name) => String(data.get(name) ?? "");
    const reply = await api.addApplication({ job_title: field("job_title"), candidate_name: field("candidate_name"), email: field("email") });
    const a = reply.application;
    notify(t(reply.added ? "add.done" : "add.already", { name: a.candidate_name, job: a.job_title }), reply.added ? "success" : "info");
    form.reset();
    form.querySelector("input").focus();
    await Promise.all([refresh(), loadJobs()]);
  } catch (error) {
    if (!showFieldErrors(form, error)) notify(api.errorMessage(error), "error");
  }
}

let searchTimer;
export function initList() {
  $("#search").addEventListener("input", (e) => {
    state.search = e.target.value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refreshFromStart, 120);
  });
  for (const th of $$("th[data-sort]")) {
    th.tabIndex = 0;
    const sortBy = () => {
      if (state.sort === th.dataset.sort) state.descending = !state.descending;
      else {
        state.sort = th.dataset.sort;
        state.descending = false;
      }
      refreshFromStart();
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), sortBy()));
  }
  $("#job-filter").addEventListener("change", (e) => {
    state.jobId = e.target.value === "" ? null : Number(e.target.value);
    refreshFromStart();
    loadJobs();
  });
  const statusFilter = $("#status-filter");
  statusFilter.replaceChildren(
    el("option", { value: "" }, t("list.all_statuses")),
    ...statuses().map((s) => el("option", { value: s }, t(`appstatus.${s}`))),
  );
  statusFilter.addEventListener("change", (e) => {
    state.status = e.target.value === "" ? null : e.target.value;
    // The other way round: a decided status clears the email state.
    if (state.status !== null && !["new", "invited"].includes(state.status) && state.stage !== null) {
      state.stage = null;
      $("#stage-filter").value = "";
    }
    refreshFromStart();
  });
  const stageFilter = $("#stage-filter");
  stageFilter.replaceChildren(
    el("option", { value: "" }, t("list.all_stages")),
    ...Object.entries(STAGE_BADGE).map(([stage, badge]) => el("option", { value: stage }, t(`status.${badge}`))),
  );
  stageFilter.addEventListener("change", (e) => {
    state.stage = e.target.value === "" ? null : e.target.value;
    // Email states are those of applications still in the running: a
    // decided status beside one would always show nothing.
    if (state.stage !== null && state.status !== null && !["new", "invited"].includes(state.status)) {
      state.status = null;
      $("#status-filter").value = "";
    }
    refreshFromStart();
  });
  $("#select-all").addEventListener("change", (e) => {
    // The rows that match: one kept in view out of the filter is not "all".
    for (const row of state.rows.filter((r) => !state.stale.has(r.application_id) && !r.erased)) {
      if (e.target.checked) state.selected.add(row.application_id);
      else state.selected.delete(row.application_id);
    }
    render();
  });
  $("#invite-selected").addEventListener("click", () => inviteMany([...state.selected], null));
  $("#invite-all").addEventListener("click", () => inviteMany([], state.jobId));
  $("#batch-cancel").addEventListener("click", async (e) => {
    e.currentTarget.disabled = true;
    e.currentTarget.textContent = t("batch.cancelling");
    await api.cancelBatch();
  });
  $("#batch-close").addEventListener("click", () => {
    $("#batch-panel").hidden = true;
  });
  $("#page-previous").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - pageSize());
    state.kept.clear();
    refresh();
  });
  $("#page-next").addEventListener("click", () => {
    state.offset += pageSize();
    state.kept.clear();
    refresh();
  });
  $("#export-list").addEventListener("click", exportList);
  initImporter(() => Promise.all([refreshFromStart(), loadJobs()]));
  $("#toggle-add").addEventListener("click", () => showForm($("#add-form").hidden));
  $("#cancel-add").addEventListener("click", () => showForm(false));
  $("#add-form").addEventListener("submit", submitForm);
}
