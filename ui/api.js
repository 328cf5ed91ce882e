// @ts-check
// The one module that talks to Rust. Views never call invoke directly.
// Every call goes through `invoke`, typed by the command table of
// ui/types/ipc.d.ts (generated from the Rust types): a wrong command name,
// argument or reply use is a tsc error (./scripts/typecheck.sh).

import { t, currentLang } from "./i18n.js";

const bridge = window.__TAURI__;

/**
 * @template {keyof Commands} K
 * @param {K} command
 * @param {Commands[K]["args"]} args
 * @returns {Promise<Commands[K]["reply"]>}
 */
function invoke(command, args) {
  if (!bridge?.core) return Promise.reject({ code: "no_bridge", fr: t("error.no_bridge"), en: t("error.no_bridge"), fields: [] });
  return /** @type {Promise<Commands[K]["reply"]>} */ (bridge.core.invoke(command, args));
}

/**
 * A tauri channel whose messages go to `listener`.
 * @template T
 * @param {(message: T) => void} listener
 * @returns {Channel<T>}
 */
function channel(listener) {
  /** @type {Channel<T>} */
  const made = new bridge.core.Channel();
  made.onmessage = listener;
  return made;
}

/** @typedef {{ lang: Lang, subject: string, body: string }} TemplateDraft */

/** @param {ListRequest} query */
export const listApplications = (query) => invoke("list_applications", { query });
/** @param {NewApplicationRequest} input */
export const addApplication = (input) => invoke("add_application", { input });
/** @param {number} applicationId */
export const invite = (applicationId) => invoke("invite", { application_id: applicationId });
export const appInfo = () => invoke("app_info", {});
// Every language's message catalog (locales/<lang>/*.ftl), for i18n.js.
export const catalog = () => invoke("catalog", {});
// The statuses, limits and page size the page must know (vocabulary.js).
export const vocabulary = () => invoke("vocabulary", {});
export const getSettings = () => invoke("get_settings", {});
/** @param {{ [name: string]: string }} values */
export const saveSettings = (values) => invoke("save_settings", { values });
/** @param {string} key */
export const setApiKey = (key) => invoke("set_api_key", { key });
export const deleteApiKey = () => invoke("delete_api_key", {});
export const checkConnection = () => invoke("check_connection", {});
/** @param {string} address */
export const sendTestEmail = (address) => invoke("send_test_email", { address });
export const listOutbox = () => invoke("list_outbox", { limit: 500 });
/**
 * @param {number[]} applicationIds
 * @param {number | null} [jobId]
 */
export const batchPreview = (applicationIds, jobId) =>
  invoke("batch_preview", { application_ids: applicationIds, job_id: jobId ?? null });
export const cancelBatch = () => invoke("cancel_batch", {});
/** @param {number} applicationId */
export const applicationHistory = (applicationId) => invoke("application_history", { application_id: applicationId });
/**
 * @param {number} applicationId
 * @param {ApplicationStatus} status
 */
export const setApplicationStatus = (applicationId, status) =>
  invoke("set_application_status", { application_id: applicationId, status });
/** @param {number} applicationId */
export const revokeLink = (applicationId) => invoke("revoke_link", { application_id: applicationId });
/**
 * @param {number} applicationId
 * @param {number} days
 * @param {boolean} notify
 */
export const extendLink = (applicationId, days, notify) =>
  invoke("extend_link", { application_id: applicationId, days, notify });
/** @param {number} applicationId */
export const resendInvitation = (applicationId) => invoke("resend_invitation", { application_id: applicationId });
/** @param {number} applicationId */
export const openMailto = (applicationId) => invoke("open_mailto", { application_id: applicationId });
/** @param {number} applicationId */
export const mailDraft = (applicationId) => invoke("mail_draft", { application_id: applicationId });
export const jobOverview = () => invoke("job_overview", {});
/**
 * @param {number} jobId
 * @param {boolean} open
 */
export const setJobOpen = (jobId, open) => invoke("set_job_open", { job_id: jobId, open });
/**
 * @param {number} jobId
 * @param {number | string} days
 */
export const setJobValidity = (jobId, days) => invoke("set_job_validity", { job_id: jobId, days: String(days) });

/** @param {number} jobId */
export const getTemplate = (jobId) => invoke("get_template", { job_id: jobId });
/**
 * @param {number} jobId
 * @param {TemplateDraft} draft
 */
export const saveTemplate = (jobId, draft) => invoke("save_template", { job_id: jobId, ...draft });
/**
 * @param {number} jobId
 * @param {number | null} applicationId
 * @param {TemplateDraft} draft
 */
export const previewTemplate = (jobId, applicationId, draft) =>
  invoke("preview_template", { job_id: jobId, application_id: applicationId, ...draft });

// The page proposes, Rust disposes: Rust opens every file dialog itself and
// never takes a path from the page; the page only proposes the dialog's title
// and a file name.

// "Exporter les liens": Rust opens the native save dialog, then writes the file.
// Resolves to null when the recruiter cancels the dialog.
/** @param {number | null} [jobId] */
export const exportLinks = (jobId) =>
  invoke("export_links", {
    job_id: jobId ?? null,
    dialog: { title: t("export.title"), file_name: t("export.default_name"), filter: "CSV" },
  });

// "Importer un CSV": Rust opens the native file picker, then previews the file
// (null when cancelled); `importFile` imports that same file.
export const previewImport = () =>
  invoke("preview_import", { dialog: { title: t("import.dialog_title"), filter: "CSV" } });
// The confirmed import; `onProgress({done, total})` hears how far it is;
// `includeErased`: import the rows of candidates erased at their request too.
/**
 * @param {(progress: ImportProgress) => void} onProgress
 * @param {boolean} [includeErased]
 */
export function importFile(onProgress, includeErased = false) {
  return invoke("import_file", { on_progress: channel(onProgress), include_erased: includeErased });
}
/**
 * @param {number} candidateId
 * @param {number} applicationId
 * @param {string} candidateName
 * @param {string} email
 */
export const updateCandidate = (candidateId, applicationId, candidateName, email) =>
  invoke("update_candidate", { candidate_id: candidateId, application_id: applicationId, candidate_name: candidateName, email });
/**
 * @param {number} jobId
 * @param {string} title
 */
export const renameJob = (jobId, title) => invoke("rename_job", { job_id: jobId, title });
/** @param {number} applicationId */
export const deleteApplication = (applicationId) => invoke("delete_application", { application_id: applicationId });

// "Exporter ses données" (RGPD): Rust opens the native save dialog, then
// writes everything JobGate holds about the application's candidate as JSON.
// Resolves to null when the recruiter cancels the dialog.
/** @param {number} applicationId */
export const exportCandidateData = (applicationId) =>
  invoke("export_candidate_data", {
    application_id: applicationId,
    dialog: { title: t("detail.export_data_title"), file_name: t("detail.export_data_name"), filter: "JSON" },
  });
// "Effacer ce candidat (RGPD)", once the recruiter confirmed natively.
/** @param {number} candidateId */
export const eraseCandidate = (candidateId) => invoke("erase_candidate", { candidate_id: candidateId });
// The retention banner: who is past `retention_months`, and erasing them.
export const retentionStatus = () => invoke("retention_status", {});
export const applyRetention = () => invoke("apply_retention", {});
// Réglages › À propos: the register of what was done for candidates' rights.
export const rgpdLog = () => invoke("rgpd_log", {});

// "Exporter la liste": Rust opens the native save dialog, then writes every row of `query`.
/** @param {ListRequest} query */
export const exportList = (query) =>
  invoke("export_list", {
    query,
    dialog: { title: t("list.export_title"), file_name: t("list.export_name"), filter: "CSV" },
  });

// A native yes/no question before an action that cannot be undone or sends an email.
/**
 * @param {string} message
 * @param {string} [okLabel]
 * @returns {Promise<boolean>}
 */
export async function confirmAction(message, okLabel) {
  return bridge.dialog.ask(message, {
    title: t("confirm.title"),
    kind: "warning",
    okLabel: okLabel ?? t("confirm.ok"),
    cancelLabel: t("confirm.cancel"),
  });
}

// The native question before candidates past the retention period are erased.
/** @param {string} message */
export async function confirmRetention(message) {
  return bridge.dialog.ask(message, {
    title: t("retention.dialog_title"),
    kind: "warning",
    okLabel: t("retention.dialog_ok"),
    cancelLabel: t("confirm.cancel"),
  });
}

// The native question before unsaved edits are dropped: true to leave
// (the edits are lost), false to stay (they are kept).
/**
 * @param {string} message
 * @param {string} leaveLabel
 * @param {string} stayLabel
 * @returns {Promise<boolean>}
 */
export async function confirmLeave(message, leaveLabel, stayLabel) {
  return bridge.dialog.ask(message, {
    title: t("settings.leave_title"),
    kind: "warning",
    okLabel: leaveLabel,
    cancelLabel: stayLabel,
  });
}

// Runs a batch; `onEvent` hears each outcome as it happens (a tauri Channel).
/**
 * @param {number[]} applicationIds
 * @param {(event: BatchEvent) => void} onEvent
 */
export function inviteBatch(applicationIds, onEvent) {
  return invoke("invite_batch", { application_ids: applicationIds, on_event: channel(onEvent) });
}

// The native confirmation for a batch, with the count (and the quota or dry-run warning).
/**
 * @param {string} message
 * @returns {Promise<boolean>}
 */
export async function confirmBatch(message) {
  return bridge.dialog.ask(message, {
    title: t("invite.dialog_title"),
    kind: "info",
    okLabel: t("invite.ok"),
    cancelLabel: t("invite.cancel"),
  });
}

// The first-run checklist, and the recruiter's yes to a private-network link address.
export const setupStatus = () => invoke("setup_status", {});
/** Whether closing the window would lose edits (Rust then asks first). @param {boolean} unsaved */
export const setUnsavedChanges = (unsaved) => invoke("set_unsaved_changes", { unsaved });
export const confirmLinkAddress = () => invoke("confirm_link_address", {});

// The native confirmation dialog. The plugin's dialog is asynchronous: it
// must be awaited (a bare window.confirm would always look like "OK").
/**
 * @param {{ candidate_name: string, job_title: string, email: string }} app
 * @returns {Promise<boolean>}
 */
export async function confirmInvite(app) {
  // Who, for which offer, to which address: what the recruiter confirms.
  return bridge.dialog.ask(t("invite.confirm", { name: app.candidate_name, job: app.job_title, email: app.email }), {
    title: t("invite.dialog_title"),
    kind: "info",
    okLabel: t("invite.ok"),
    cancelLabel: t("invite.cancel"),
  });
}

// The message of an error a command returned, in the interface's language.
/**
 * @param {unknown} error a rejected command's CommandError, or anything thrown
 * @returns {string}
 */
export function errorMessage(error) {
  const known = error && typeof error === "object" ? /** @type {Partial<CommandError>} */ (error) : null;
  // One text per language of the catalog (French first, the fallback).
  const text = known ? known[currentLang()] ?? known.fr : undefined;
  if (text) return text;
  return t("error.generic", { message: String(error) });
}

/**
 * @param {string} text
 * @returns {Promise<boolean>}
 */
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

// Settings → Sauvegarde: Rust opens the native save dialog, then writes the backup.
// Resolves to null when the recruiter cancels.
export function backupData() {
  const today = new Date().toISOString().slice(0, 10);
  return invoke("backup_data", {
    dialog: { title: t("backup.save_title"), file_name: t("backup.default_name", { date: today }), filter: t("backup.filter") },
  });
}

/** @returns {DialogText} */
const backupPicker = () => ({ title: t("backup.open_title"), filter: t("backup.filter") });
// Rust opens the native file picker, then checks the backup (null when cancelled);
// `restoreBackup` restores that same file, asking natively first if it changes
// where the API key is sent.
export const inspectBackup = () => invoke("inspect_backup", { dialog: backupPicker() });
export const restoreBackup = () => invoke("restore_backup", {});
/** @param {"data" | "logs"} which */
export const openFolder = (which) => invoke("open_folder", { which });

// The recovery window (recovery.html), when the data cannot be opened.
export const recoveryInfo = () => invoke("recovery_info", {});
export const recoveryRestore = () => invoke("recovery_restore", { dialog: backupPicker() });
export const recoveryRestart = () => invoke("recovery_restart", {});
export const recoveryOpenFolder = () => invoke("recovery_open_folder", {});
