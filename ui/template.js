// @ts-check
// The template editor of one job offer: language, subject and body with
// placeholders, and a live preview with a real candidate's data — the
// invitation exactly as it would be sent. Saving makes a new version.
//
// The placeholders are shown with names in the interface's language
// ({nom du candidat}); what goes to Rust and is stored keeps the stable
// codes ({candidate_name}), which the editor also accepts as typed.

import * as api from "./api.js";
import { t, tIn, languages } from "./i18n.js";
import { $, el, formsChanged, notify, showFieldErrors, clearFieldErrors } from "./dom.js";

let job = null; // the offer being edited (from the job overview)
let saved = null; // the template as last loaded or saved
let previewTimer = null;
let previewSeq = 0;
let onSaved = async () => {};
let codes = []; // every placeholder's stable code, from Rust
let shownLang = "fr"; // the email language the form shows

const form = () => $("#template-form");
const say = (text, kind) => notify(text, kind, $("#template-notice"));

// `{{`, `}}` (a literal brace) or `{name}`, as Rust's template parser reads them.
const BRACES = /\{\{|\}\}|\{([^{}\n]*)\}/g;

// A placeholder's name in the interface's language.
const nameOf = (code) => t(`template.placeholder.${code}`);

// A typed name, compared without case, extra spaces or curly apostrophes.
const normal = (name) => name.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ");

// The code a typed name stands for: the code itself, or its name in any language.
function codeOf(name) {
  const typed = normal(name);
  return codes.find((code) => code === typed || languages().some((l) => normal(tIn(l, `template.placeholder.${code}`)) === typed));
}

/** Stored text (codes) → the text the recruiter edits (names). @param {string} text */
function withNames(text) {
  return text.replace(BRACES, (match, name) => {
    const code = name === undefined ? undefined : codes.find((c) => c === name.trim());
    return code ? `{${nameOf(code)}}` : match;
  });
}

/** Edited text (names or codes) → the text Rust reads (codes). @param {string} text */
function withCodes(text) {
  return text.replace(BRACES, (match, name) => {
    const code = name === undefined ? undefined : codeOf(name);
    return code ? `{${code}}` : match;
  });
}

// An error of Rust's names placeholders by code: here, by their names.
const errorText = (error) => withNames(api.errorMessage(error));

// The draft's errors next to their fields (the rest in the banner); none: both cleared.
function showErrors(error) {
  if (!error) {
    clearFieldErrors(form());
    if ($("#template-notice").classList.contains("notice-error")) $("#template-notice").hidden = true;
    return;
  }
  const placed = showFieldErrors(form(), error);
  for (const span of form().querySelectorAll("[data-error-for]")) span.textContent = withNames(span.textContent ?? "");
  // The banner says what no field shows; errors beside their fields need no banner.
  if (!placed) say(errorText(error), "error");
  else if ($("#template-notice").classList.contains("notice-error")) $("#template-notice").hidden = true;
}

export function initTemplateEditor(afterSave) {
  onSaved = afterSave;
  $("#template-close").addEventListener("click", () => closeEditor());
  $("#detail-backdrop").addEventListener("click", () => closeEditor());
  document.addEventListener("keydown", (e) => e.key === "Escape" && !$("#template-editor").hidden && closeEditor());
  form().addEventListener("submit", save);
  form().addEventListener("input", (e) => e.target !== form().lang && changed());
  form().lang.addEventListener("change", languageChanged);
  $("#preview-application").addEventListener("change", schedulePreview);
  $("#template-default").addEventListener("click", useDefault);
}

export async function openEditor(jobOverview) {
  job = jobOverview;
  $("#template-notice").hidden = true;
  $("#template-lang-note").hidden = true;
  clearFieldErrors(form());
  try {
    const [template, page] = await Promise.all([
      api.getTemplate(job.id),
      api.listApplications({ job_id: job.id, limit: 50 }),
    ]);
    codes = template.placeholders;
    fill(template);
    $("#preview-application").replaceChildren(
      ...page.rows.map((a) => el("option", { value: String(a.application_id) }, `${a.candidate_name} <${a.email}>`)),
    );
    $("#preview-application").hidden = page.rows.length === 0;
    $("#template-chips").replaceChildren(
      ...codes.map((p) =>
        el("button", { type: "button", class: "chip", dataset: { placeholder: p }, onclick: () => insert(`{${nameOf(p)}}`) }, `{${nameOf(p)}}`),
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

// Whether the form holds edits not saved (false once closed).
export function isDirty() {
  if (!saved) return false;
  const d = draft();
  return d.lang !== saved.lang || d.subject !== withCodes(withNames(saved.subject)) || d.body !== withCodes(withNames(saved.body));
}

// Closes the editor; edits not saved are dropped only once the recruiter says so.
let asking = false;
export async function closeEditor() {
  if ($("#template-editor").hidden || asking) return false;
  if (isDirty()) {
    asking = true;
    try {
      const leave = await api.confirmLeave(t("template.leave_question"), t("template.leave_ok"), t("template.leave_stay"));
      if (!leave) return false;
    } finally {
      asking = false;
    }
  }
  $("#template-editor").hidden = true;
  if ($("#detail").hidden) $("#detail-backdrop").hidden = true;
  job = null;
  saved = null;
  formsChanged();
  return true;
}

function fill(template) {
  saved = template;
  const f = form();
  f.lang.value = template.lang;
  shownLang = template.lang;
  sayButton(template.lang);
  f.subject.value = withNames(template.subject);
  f.body.value = withNames(template.body);
  const kind = template.custom ? t("template.kind_custom", { version: template.version }) : t("template.kind_default");
  $("#template-version").textContent =
    template.version === 0 ? t("template.never_saved") : t("template.version_info", { version: template.version, kind });
  $("#template-editor").dataset.version = String(template.version);
  $("#template-dirty").hidden = true;
  formsChanged();
}

// The HTML part's button, named as the email of `lang` writes it.
function sayButton(lang) {
  $("#template-html-note").textContent = t("template.html_note", { button: tIn(lang, "template.start.button") });
}

function draft() {
  const f = form();
  return { lang: /** @type {Lang} */ (f.lang.value), subject: withCodes(f.subject.value), body: withCodes(f.body.value) };
}

function changed() {
  $("#template-dirty").hidden = !isDirty();
  schedulePreview();
}

// The email's language changes its date and its button, never the recruiter's
// words: an untouched built-in text comes in the new language, a text of
// their own stays, and the editor says so.
function languageChanged() {
  const f = form();
  const lang = f.lang.value;
  const d = draft();
  const [oldSubject, oldBody] = saved.defaults[shownLang] ?? ["", ""];
  const [subject, body] = saved.defaults[lang];
  const untouched = d.subject === oldSubject && d.body === oldBody;
  if (untouched) {
    f.subject.value = withNames(subject);
    f.body.value = withNames(body);
  }
  const own = !untouched && !(d.subject === subject && d.body === body);
  $("#template-lang-note").textContent = t("template.lang_note", { lang: t(`lang.name.${lang}`) });
  $("#template-lang-note").hidden = !own;
  shownLang = lang;
  sayButton(lang);
  changed();
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
    showErrors(null);
    $("#preview-subject").textContent = p.subject;
    $("#preview-text").textContent = p.text;
    $("#preview-text").classList.remove("preview-error");
    $(".preview-subject").hidden = false;
    const notes = [];
    if (p.application_id === null) notes.push(t("template.preview_sample_candidate"));
    if (p.sample_link) notes.push(t("template.preview_sample_link"));
    $("#preview-note").textContent = notes.join(" ");
    $("#preview-note").hidden = notes.length === 0;
    $("#template-editor").dataset.preview = "ok";
  } catch (error) {
    if (seq !== previewSeq) return;
    // The draft does not parse: say why next to the field, and show no
    // preview of an older text as if it were this one.
    showErrors(error);
    $("#preview-subject").textContent = "";
    $(".preview-subject").hidden = true;
    $("#preview-text").textContent = t("template.preview_error");
    $("#preview-text").classList.add("preview-error");
    $("#preview-note").hidden = true;
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
    $("#template-lang-note").hidden = true;
    say(t("template.saved", { version: template.version, lang: t(`lang.name.${template.lang}`) }), "success");
    await onSaved();
  } catch (error) {
    showErrors(error);
    // Saving failed: said in the banner too, until the draft is right again.
    say(errorText(error), "error");
  }
}

// The built-in text of the chosen language, in the form (saved with "Enregistrer").
async function useDefault() {
  const lang = form().lang.value;
  if (!(await api.confirmAction(t("template.default_confirm", { lang: t(`lang.name.${lang}`) })))) return;
  const [subject, body] = saved.defaults[lang];
  form().subject.value = withNames(subject);
  form().body.value = withNames(body);
  $("#template-lang-note").hidden = true;
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
