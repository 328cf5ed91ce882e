// The one module that talks to Rust. Views never call invoke directly.

import { t, currentLang } from "./i18n.js";

const bridge = window.__TAURI__;

function invoke(command, args) {
  if (!bridge?.core) return Promise.reject({ code: "no_bridge", fr: t("error.no_bridge"), en: t("error.no_bridge"), fields: [] });
  return bridge.core.invoke(command, args);
}

export const listApplications = (query) => invoke("list_applications", { query });
export const addApplication = (input) => invoke("add_application", { input });
export const invite = (applicationId) => invoke("invite", { application_id: applicationId });
export const appInfo = () => invoke("app_info", {});
export const getSettings = () => invoke("get_settings", {});
export const saveSettings = (values) => invoke("save_settings", { values });
export const setApiKey = (key) => invoke("set_api_key", { key });
export const deleteApiKey = () => invoke("delete_api_key", {});
export const checkConnection = () => invoke("check_connection", {});
export const sendTestEmail = (address) => invoke("send_test_email", { address });
export const listOutbox = () => invoke("list_outbox", { limit: 500 });
export const batchPreview = (applicationIds, jobId) =>
  invoke("batch_preview", { application_ids: applicationIds, job_id: jobId ?? null });
export const cancelBatch = () => invoke("cancel_batch", {});
export const applicationHistory = (applicationId) => invoke("application_history", { application_id: applicationId });
export const setApplicationStatus = (applicationId, status) =>
  invoke("set_application_status", { application_id: applicationId, status });
export const revokeLink = (applicationId) => invoke("revoke_link", { application_id: applicationId });
export const extendLink = (applicationId, days, notify) =>
  invoke("extend_link", { application_id: applicationId, days, notify });
export const resendInvitation = (applicationId) => invoke("resend_invitation", { application_id: applicationId });
export const openMailto = (applicationId) => invoke("open_mailto", { application_id: applicationId });
export const jobOverview = () => invoke("job_overview", {});
export const setJobOpen = (jobId, open) => invoke("set_job_open", { job_id: jobId, open });
export const setJobValidity = (jobId, days) => invoke("set_job_validity", { job_id: jobId, days: String(days) });

export const getTemplate = (jobId) => invoke("get_template", { job_id: jobId });
export const saveTemplate = (jobId, draft) => invoke("save_template", { job_id: jobId, ...draft });
export const previewTemplate = (jobId, applicationId, draft) =>
  invoke("preview_template", { job_id: jobId, application_id: applicationId, ...draft });

// "Exporter les liens": the native save dialog, then Rust writes the file.
// Resolves to null when the recruiter cancels the dialog.
export async function exportLinks(jobId) {
  const path = await bridge.dialog.save({
    title: t("export.title"),
    defaultPath: t("export.default_name"),
    filters: [{ name: "CSV", extensions: ["csv"] }],
  });
  if (!path) return null;
  return invoke("export_links", { path, job_id: jobId ?? null });
}

export const previewImport = (path) => invoke("preview_import", { path });
// The confirmed import; `onProgress({done, total})` hears how far it is.
export function importFile(path, onProgress) {
  const channel = new bridge.core.Channel();
  channel.onmessage = onProgress;
  return invoke("import_file", { path, on_progress: channel });
}
export const updateCandidate = (candidateId, applicationId, candidateName, email) =>
  invoke("update_candidate", { candidate_id: candidateId, application_id: applicationId, candidate_name: candidateName, email });
export const renameJob = (jobId, title) => invoke("rename_job", { job_id: jobId, title });
export const deleteApplication = (applicationId) => invoke("delete_application", { application_id: applicationId });

// The native file picker for a CSV; null when the recruiter cancels.
export async function pickCsv() {
  const path = await bridge.dialog.open({
    title: t("import.dialog_title"),
    multiple: false,
    directory: false,
    filters: [{ name: "CSV", extensions: ["csv", "txt", "CSV"] }],
  });
  return path ?? null;
}

// "Exporter la liste": the native save dialog, then every row of `query`.
export async function exportList(query) {
  const path = await bridge.dialog.save({
    title: t("list.export_title"),
    defaultPath: t("list.export_name"),
    filters: [{ name: "CSV", extensions: ["csv"] }],
  });
  if (!path) return null;
  return invoke("export_list", { path, query });
}

// A native yes/no question before an action that cannot be undone or sends an email.
export async function confirmAction(message, okLabel) {
  return bridge.dialog.ask(message, {
    title: t("confirm.title"),
    kind: "warning",
    okLabel: okLabel ?? t("confirm.ok"),
    cancelLabel: t("confirm.cancel"),
  });
}

// Runs a batch; `onEvent` hears each outcome as it happens (a tauri Channel).
export function inviteBatch(applicationIds, onEvent) {
  const channel = new bridge.core.Channel();
  channel.onmessage = onEvent;
  return invoke("invite_batch", { application_ids: applicationIds, on_event: channel });
}

// The native confirmation for a batch, with the count (and the quota or dry-run warning).
export async function confirmBatch(message) {
  return bridge.dialog.ask(message, {
    title: t("invite.dialog_title"),
    kind: "info",
    okLabel: t("invite.ok"),
    cancelLabel: t("invite.cancel"),
  });
}

// The native confirmation dialog. The plugin's dialog is asynchronous: it
// must be awaited (a bare window.confirm would always look like "OK").
export async function confirmInvite(candidateName) {
  return bridge.dialog.ask(t("invite.confirm", { name: candidateName }), {
    title: t("invite.dialog_title"),
    kind: "info",
    okLabel: t("invite.ok"),
    cancelLabel: t("invite.cancel"),
  });
}

// The message of an error a command returned, in the interface's language.
export function errorMessage(error) {
  if (error && typeof error === "object" && (error.fr || error.en)) {
    return currentLang() === "en" ? error.en : error.fr;
  }
  return t("error.generic", { message: String(error) });
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older WebKitGTK: fall back to a selected, hidden text area.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

// Settings → Sauvegarde: the native save dialog, then Rust writes the backup.
// Resolves to null when the recruiter cancels.
export async function backupData() {
  const today = new Date().toISOString().slice(0, 10);
  const path = await bridge.dialog.save({
    title: t("backup.save_title"),
    defaultPath: t("backup.default_name", { date: today }),
    filters: [{ name: t("backup.filter"), extensions: ["sqlite3", "db", "jobgate"] }],
  });
  if (!path) return null;
  return invoke("backup_data", { path });
}

// The native file picker for a backup; null when the recruiter cancels.
export async function pickBackupFile() {
  const path = await bridge.dialog.open({
    title: t("backup.open_title"),
    multiple: false,
    directory: false,
    filters: [
      { name: t("backup.filter"), extensions: ["sqlite3", "db", "jobgate"] },
      { name: t("backup.all_files"), extensions: ["*"] },
    ],
  });
  return path ?? null;
}

export const inspectBackup = (path) => invoke("inspect_backup", { path });
export const restoreBackup = (path) => invoke("restore_backup", { path });
export const openFolder = (which) => invoke("open_folder", { which });

// The recovery window (recovery.html), when the data cannot be opened.
export const recoveryInfo = () => invoke("recovery_info", {});
export const recoveryRestore = (path) => invoke("recovery_restore", { path });
export const recoveryRestart = () => invoke("recovery_restart", {});
export const recoveryOpenFolder = () => invoke("recovery_open_folder", {});
