// @ts-check
// Settings: the SendGrid key (kept in the OS keyring; only its last 4
// characters ever come back), the sender, links, and the SMTP server, with
// "Vérifier la connexion" and "Envoyer un email de test".

import * as api from "./api.js";
import { t, currentLang } from "./i18n.js";
import { $, $$, el, formsChanged, notify, sayNear, showFieldErrors, clearFieldErrors } from "./dom.js";

function renderKey(key) {
  const status = $("#key-status");
  if (key.keyring_error) {
    status.className = "key-status key-error";
    status.textContent = api.errorMessage(key.keyring_error);
  } else if (key.set) {
    status.className = "key-status key-set";
    status.textContent = t(key.source === "environment" ? "key.set_env" : "key.set", { hint: key.hint });
  } else {
    status.className = "key-status key-unset";
    status.textContent = t("key.unset");
  }
  $("#delete-key").hidden = !(key.set && key.source === "keyring");
}

// Settings → À propos: what support asks for first.
async function renderAbout() {
  const info = await api.appInfo();
  $("#about-version").textContent = info.version;
  $("#about-schema").textContent =
    info.schema_version === info.latest_schema_version
      ? String(info.schema_version)
      : t("about.schema_behind", { version: info.schema_version, latest: info.latest_schema_version });
  $("#about-data-dir").textContent = info.data_dir;
  $("#about-log-dir").textContent = info.log_dir;
  $("#about-time-zone").textContent = info.time_zone;
  $("#about-sqlite").textContent = info.sqlite_version;
  // What was done for candidates' rights (no personal data in it).
  const log = await api.rgpdLog();
  $("#about-register").replaceChildren(
    ...(log.length === 0
      ? [el("li", { class: "muted" }, t("about.register_empty"))]
      : log.map((e) => el("li", {}, t("rgpd.log_line", { date: e.at_local, action: e.action, count: e.count, actor: e.actor })))),
  );
}

// The values the form was filled with: saving sends only what the recruiter
// changed, so a change made meanwhile elsewhere (the CLI) is not overwritten.
let shown = {};
// The form as it was filled (what "unsaved changes" is measured against);
// null until it was (a failed load has nothing to lose).
/** @type {string | null} */
let filled = null;

const formState = () => JSON.stringify([...new FormData($("#settings-form"))].map(([name, value]) => [name, String(value)]));

// Whether Réglages hold edits not saved: a field changed, or a key typed.
export function hasUnsavedChanges() {
  return (filled !== null && formState() !== filled) || $("#key-form [name=api_key]").value !== "";
}

// Before another view replaces Réglages: true when nothing is lost, or the
// recruiter chose to leave (the edits go); false to stay, edits kept.
export async function canLeave() {
  if ($("#view-settings").hidden || !hasUnsavedChanges()) return true;
  const leave = await api.confirmLeave(t("settings.leave_question"), t("settings.leave_ok"), t("settings.leave_stay"));
  if (leave) $("#key-form [name=api_key]").value = "";
  return leave;
}

// An error in the folded Avancé section opens it, so the recruiter sees it.
function openAdvancedOnError() {
  if ($("#settings-advanced [aria-invalid=true]")) /** @type {HTMLDetailsElement} */ ($("#settings-advanced")).open = true;
  /** @type {HTMLElement | null} */ ($("#settings-form [aria-invalid=true]"))?.focus();
}

function render(reply) {
  const form = $("#settings-form");
  // The values as they are now: yesterday's field errors no longer apply.
  clearFieldErrors(form);
  shown = { ...reply.values };
  for (const [name, value] of Object.entries(reply.values)) {
    const input = form.querySelector(`[name="${name}"]`);
    if (input) input.value = value;
  }
  $("#log-level").value = reply.values.log_level || "info";
  // Never chosen: the language the interface follows now (the OS's).
  if (!reply.values.ui_language) form.ui_language.value = currentLang();
  for (const note of $$("[data-override-for]", form)) {
    const override = reply.overrides[note.dataset.overrideFor];
    note.hidden = !override;
    if (override) note.textContent = t("settings.overridden", { variable: override[0], value: override[1] });
  }
  filled = formState();
  renderKey(reply.key);
  formsChanged();
}

export async function load() {
  try {
    render(await api.getSettings());
    await renderAbout();
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

async function save(event) {
  event.preventDefault();
  const form = $("#settings-form");
  clearFieldErrors(form);
  // Every settings field is text: its value as the string Rust expects.
  const typed = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
  const values = Object.fromEntries(Object.entries(typed).filter(([name, value]) => shown[name] !== value));
  try {
    render(await api.saveSettings(values));
    // A new interface language: the whole window starts again in it, back
    // on Réglages.
    if (values.ui_language && values.ui_language !== currentLang()) {
      sessionStorage.setItem("jobgate.view", "settings");
      window.location.reload();
      return;
    }
    notify(t("settings.saved"), "success");
    sayNear($("#save-settings"), t("settings.saved"), "success");
  } catch (error) {
    showFieldErrors(form, error);
    openAdvancedOnError();
    notify(api.errorMessage(error), "error");
    sayNear($("#save-settings"), api.errorMessage(error), "error");
  }
}

async function saveKey(event) {
  event.preventDefault();
  const form = $("#key-form");
  const input = form.querySelector("[name=api_key]");
  clearFieldErrors(form);
  try {
    renderKey(await api.setApiKey(input.value));
    input.value = "";
    formsChanged();
    notify(t("key.saved"), "success");
  } catch (error) {
    const span = form.querySelector('[data-error-for="api_key"]');
    span.textContent = api.errorMessage(error);
    input.setAttribute("aria-invalid", "true");
  }
}

async function deleteKey() {
  try {
    renderKey(await api.deleteApiKey());
    notify(t("key.deleted"), "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

// Runs a network action with its button busy, then says how it went.
async function withBusy(button, action) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t("settings.working");
  try {
    // Said at the top and next to the button that was pressed.
    const done = await action();
    if (done) sayNear(button, done, "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
    sayNear(button, api.errorMessage(error), "error");
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

function backupResult(text, kind) {
  const line = $("#backup-result");
  line.textContent = text;
  line.className = kind === "error" ? "help field-error" : "help";
}

async function backup() {
  try {
    const made = await api.backupData();
    if (!made) return;
    const text = t("backup.done", { path: made.path, applications: made.applications, size: formatSize(made.bytes) });
    backupResult(text);
    notify(text, "success");
  } catch (error) {
    backupResult(api.errorMessage(error), "error");
    notify(api.errorMessage(error), "error");
  }
}

async function restore(onRestored) {
  try {
    const found = await api.inspectBackup();
    if (!found) return;
    const s = found.summary;
    const question = t("backup.confirm", {
      when: found.made_at ?? "?",
      applications: s.applications,
      jobs: s.job_offers,
      emails: s.emails,
    });
    if (!(await api.confirmAction(question, t("backup.confirm_ok")))) return;
    const reply = await api.restoreBackup();
    backupResult(reply.text);
    await onRestored();
    // The restored settings may speak another language: start the window again in it.
    const info = await api.appInfo();
    if (info.ui_lang !== currentLang()) {
      window.location.reload();
      return;
    }
    await load();
    notify(reply.text, "success");
  } catch (error) {
    backupResult(api.errorMessage(error), "error");
    notify(api.errorMessage(error), "error");
  }
}

function formatSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} ${t("size.mb")}`;
  return `${Math.max(1, Math.round(bytes / 1024))} ${t("size.kb")}`;
}

async function saveLogLevel(event) {
  try {
    // Only the level: the rest of Réglages keeps what the recruiter is typing.
    const reply = await api.saveSettings({ log_level: event.currentTarget.value });
    shown.log_level = reply.values.log_level;
    $("#log-level").value = reply.values.log_level || "info";
    notify(t("log.saved"), "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

// `onRestored` refreshes the other views after a restore.
/** @param {() => Promise<unknown>} [onRestored] */
export function initSettings(onRestored = async () => {}) {
  $("#backup-save").addEventListener("click", backup);
  $("#backup-restore").addEventListener("click", () => restore(onRestored));
  $("#log-level").addEventListener("change", saveLogLevel);
  $("#open-logs").addEventListener("click", () =>
    api.openFolder("logs").catch((error) => notify(api.errorMessage(error), "error")),
  );
  $("#open-data").addEventListener("click", () =>
    api.openFolder("data").catch((error) => notify(api.errorMessage(error), "error")),
  );
  $("#settings-form").addEventListener("submit", save);
  $("#key-form").addEventListener("submit", saveKey);
  $("#delete-key").addEventListener("click", deleteKey);
  $("#check-connection").addEventListener("click", (e) =>
    withBusy(e.currentTarget, async () => {
      const r = await api.checkConnection();
      const text = t("settings.check_ok", { host: r.host, port: r.port, security: r.security });
      notify(text, "success");
      return text;
    }),
  );
  $("#test-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const address = $("#test-form [name=test_address]").value;
    withBusy($("#send-test"), async () => {
      const r = await api.sendTestEmail(address);
      const text = t("settings.test_ok", { address, code: r.code, reply: r.reply });
      notify(text, "success");
      return text;
    });
  });
}
