// @ts-check
// Offres: every job offer at a glance — its chart, open or closed, how long
// its new links last, and the links export for the interview platform.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { limits } from "./vocabulary.js";
import { $, el, notify } from "./dom.js";
import { stageChart } from "./chart.js";
import { openEditor } from "./template.js";

/** @type {(jobId: number, stage?: Stage | null) => void} */
let onShowApplications = () => {};

function card(job) {
  const validity = el("input", {
    type: "number",
    min: "1",
    max: "365",
    name: "link_validity_days",
    value: String(job.link_validity_days),
    "aria-label": t("jobs.validity"),
  });
  const saveValidity = async (event) => {
    event.preventDefault();
    try {
      render(await api.setJobValidity(job.id, validity.value));
      notify(t("jobs.validity_saved", { title: job.title, days: validity.value }), "success");
    } catch (error) {
      notify(api.errorMessage(error), "error");
    }
  };
  const toggle = el(
    "button",
    { type: "button", class: job.open ? "btn btn-ghost danger close-job" : "btn btn-secondary reopen-job", onclick: () => setOpen(job, !job.open) },
    t(job.open ? "jobs.close" : "jobs.reopen"),
  );
  const title = el("h2", {}, job.title);
  const rename = el("button", { type: "button", class: "btn btn-small rename-job", onclick: () => renameForm(job, title, rename) }, t("jobs.rename"));
  return el(
    "article",
    { class: `card job-card ${job.open ? "" : "job-closed"}`, dataset: { jobId: String(job.id) } },
    el(
      "header",
      { class: "job-head" },
      title,
      rename,
      el("span", { class: `badge ${job.open ? "badge-open" : "badge-closed"}` }, t(job.open ? "jobs.state.open" : "jobs.state.closed")),
      el("div", { class: "spacer" }),
      el("span", { class: "muted" }, t("jobs.applications", { n: job.applications })),
    ),
    // A segment shows its applications: the list on this offer and that stage.
    stageChart(job, (stage) => onShowApplications(job.id, stage)),
    el(
      "div",
      { class: "job-template" },
      el(
        "span",
        { class: "muted template-info" },
        t("jobs.template_info", {
          lang: t(`lang.name.${job.template_lang}`),
          kind: job.template_custom ? t("template.kind_custom", { version: job.template_version }) : t("template.kind_default"),
        }),
      ),
      el("button", { type: "button", class: "btn btn-small edit-template", onclick: () => openEditor(job) }, t("jobs.template")),
    ),
    el(
      "footer",
      { class: "job-actions" },
      el(
        "form",
        { class: "validity-form", onsubmit: saveValidity },
        el("label", {}, el("span", { class: "muted" }, t("jobs.validity")), validity),
        el("button", { type: "submit", class: "btn btn-small" }, t("jobs.validity_save")),
      ),
      el("div", { class: "spacer" }),
      el("button", { type: "button", class: "btn btn-small show-applications", onclick: () => onShowApplications(job.id) }, t("jobs.open_list")),
      el("button", { type: "button", class: "btn btn-small export-job", onclick: () => exportLinks(job.id) }, t("jobs.export")),
      toggle,
    ),
  );
}

// The title becomes a field with its own error line; Enregistrer renames.
function renameForm(job, title, renameButton) {
  const input = el("input", { type: "text", name: "job_title", value: job.title, maxlength: String(limits().text), "aria-label": t("field.job_title") });
  const error = el("span", { class: "field-error", dataset: { errorFor: "job_title" }, role: "alert" });
  const form = el("form", { class: "rename-form", novalidate: true }, input, el("button", { type: "submit", class: "btn btn-small" }, t("jobs.rename_save")), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      render(await api.renameJob(job.id, input.value));
      notify(t("jobs.renamed", { title: input.value.trim() }), "success");
    } catch (e) {
      error.textContent = api.errorMessage(e);
      input.setAttribute("aria-invalid", "true");
    }
  });
  title.replaceWith(form);
  renameButton.hidden = true;
  input.focus();
}

function render(jobs) {
  $("#jobs-grid").replaceChildren(...jobs.map(card));
  $("#jobs-empty").hidden = jobs.length > 0;
  $("#jobs-count").textContent = t("jobs.count", { n: jobs.length });
}

async function setOpen(job, open) {
  if (!open && !(await api.confirmAction(t("jobs.confirm_close", { title: job.title }), t("jobs.close")))) return;
  try {
    const reply = await api.setJobOpen(job.id, open);
    render(reply.jobs);
    notify(open ? t("jobs.reopened", { title: job.title }) : t("jobs.closed", { title: job.title, n: reply.revoked }), "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

export async function exportLinks(jobId) {
  try {
    const reply = await api.exportLinks(jobId);
    if (reply) notify(t("export.done", { n: reply.rows, path: reply.path }), "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

export async function load() {
  try {
    render(await api.jobOverview());
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

// `showApplications(jobId, stage)` switches to the list filtered on that
// offer (and on that stage of its chart, if one was clicked).
export function initJobs(showApplications) {
  onShowApplications = showApplications;
  $("#export-all").addEventListener("click", () => exportLinks(null));
}
