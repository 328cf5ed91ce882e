// @ts-check
// The template editor of one job offer: language, subject and body with
// placeholders, and a live preview with a real candidate's data — the
// invitation exactly as it would be sent. Saving makes a new version.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { $, el, notify, showFieldErrors, clearFieldErrors } from "./dom.js";

let job = null; // the offer being edited (from the job overview)
let saved = null; // the template as last loaded or saved
let previewTimer = null;
let previewSeq = 0;
let onSaved = async () => {};

const form = () => $("#template-form");
const say = (text, kind) => notify(text, kind, $("#template-notice"));

export function initTemplateEditor(afterSave) {
  onSaved = afterSave;
  $("#template-close").addEventListener("click", closeEditor);
  $("#detail-backdrop").addEventListener("click", closeEditor);
  document.addEventListener("keydown", (e) => e.key === "Escape" && !$("#template-editor").hidden && closeEditor());
  form().addEventListener("submit", save);
  form().addEventListener("input", changed);
  form().lang.addEventListener("change", changed);
  $("#preview-application").addEventListener("change", schedulePreview);
  $("#template-default").addEventListener("click", useDefault);
}

export async function openEditor(jobOverview) {
  job = jobOverview;
  $("#template-notice").hidden = true;
  clearFieldErrors(form());
  try {
    const [template, page] = await Promise.all([
      api.getTemplate(job.id),
      api.listApplications({ job_id: job.id, limit: 50 }),
    ]);
    fill(template);
    $("#preview-application").replaceChildren(
      ...page.rows.map((a) => el("option", { value: String(a.application_id) }, `${a.candidate_name} <${a.email}>`)),
    );
    $("#preview-application").hidden = page.rows.length === 0;
    $("#template-chips").replaceChildren(
      ...template.placeholders.map((p) =>
        el("button", { type: "button", class: "chip", dataset: { placeholder: p }, onclick: () => insert(`{${p}}`) }, `{${p}}`),
      ),
    );
  } catch (error) {
    notify(api.errorMessage(error), "error");
    return;
  }
  $("#template-title").textContent = t("template.title", { title: job.title });
  $("#template-editor").hidden = false;
  $("#detail-backdrop").hidden = false;
  await preview();
  form().subject.focus();
}

export function closeEditor() {
  $("#template-editor").hidden = true;
  if ($("#detail").hidden) $("#detail-backdrop").hidden = true;
  job = null;
}

function fill(template) {
  saved = template;
  const f = form();
  f.lang.value = template.lang;
  f.subject.value = template.subject;
  f.body.value = template.body;
  const kind = template.custom ? t("template.kind_custom", { version: template.version }) : t("template.kind_default");
  $("#template-version").textContent =
    template.version === 0 ? t("template.never_saved") : t("template.version_info", { version: template.version, kind });
  $("#template-editor").dataset.version = String(template.version);
  $("#template-dirty").hidden = true;
}

function draft() {
  const f = form();
  return { lang: f.lang.value, subject: f.subject.value, body: f.body.value };
}

function changed() {
  const d = draft();
  $("#template-dirty").hidden = !!saved && d.lang === saved.lang && d.subject === saved.subject && d.body === saved.body;
  schedulePreview();
}

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 200);
}

// Renders the draft through Rust: the preview is what would be sent.
async function preview() {
  if (!job) return;
  const seq = ++previewSeq;
  const selected = $("#preview-application").value;
  try {
    const p = await api.previewTemplate(job.id, selected ? Number(selected) : null, draft());
    if (seq !== previewSeq) return; // a newer keystroke's preview is on its way
    clearFieldErrors(form());
    $("#preview-subject").textContent = p.subject;
    $("#preview-text").textContent = p.text;
    const notes = [];
    if (p.application_id === null) notes.push(t("template.preview_sample_candidate"));
    if (p.sample_link) notes.push(t("template.preview_sample_link"));
    $("#preview-note").textContent = notes.join(" ");
    $("#preview-note").hidden = notes.length === 0;
    $("#template-editor").dataset.preview = "ok";
  } catch (error) {
    if (seq !== previewSeq) return;
    // The draft does not parse: say why next to the field, keep the last preview.
    if (!showFieldErrors(form(), error)) say(api.errorMessage(error), "error");
    $("#template-editor").dataset.preview = "error";
  }
}

async function save(event) {
  event.preventDefault();
  clearFieldErrors(form());
  try {
    const d = draft();
    const template = await api.saveTemplate(job.id, d);
    fill(template);
    say(t("template.saved", { version: template.version, lang: t(`lang.name.${template.lang}`) }), "success");
    await onSaved();
  } catch (error) {
    showFieldErrors(form(), error);
    say(api.errorMessage(error), "error");
  }
}

// The built-in text of the chosen language, in the form (saved with "Enregistrer").
async function useDefault() {
  const lang = form().lang.value;
  if (!(await api.confirmAction(t("template.default_confirm", { lang: t(`lang.name.${lang}`) })))) return;
  const [subject, body] = saved.defaults[lang];
  form().subject.value = subject;
  form().body.value = body;
  changed();
}

// Puts a placeholder at the cursor of the field last focused (the body by default).
let lastField = null;
document.addEventListener("focusin", (e) => {
  // Focus lands on elements (or the document): only form fields have a name.
  const target = /** @type {HTMLInputElement} */ (e.target);
  if (target?.closest?.("#template-form") && ["subject", "body"].includes(target.name)) lastField = target;
});

function insert(text) {
  const field = lastField ?? form().body;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  field.setRangeText(text, start, end, "end");
  field.focus();
  changed();
}
