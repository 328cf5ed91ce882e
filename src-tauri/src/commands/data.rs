//! Settings → Sauvegarde, Journal, À propos: backup and restore of the
//! recruiter's data, and the folders support asks for.

use std::path::{Path, PathBuf};

use chrono::Utc;
use jobgate_core::restore::{self, RestorePlan, RestoreTarget};
use jobgate_core::store::backup::{BackupSummary, RestoreReport};
use jobgate_core::store::Store;
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{paths, settings, CoreError};
use serde::Serialize;
use tauri::State;

use super::files::{self, DialogText, FileRequest, Picked};
use super::{blocking, ui_lang, with_store};
use crate::error::CommandError;
use crate::state::AppState;

/// Where the log files are: the running log's folder, else where it would be.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    crate::logging::directory()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| paths::log_dir(data_dir))
}

/// "Sauvegarder…": the native save dialog (opened here), then everything but
/// the API key to the file chosen. Null when the recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_data<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    dialog: DialogText,
) -> Result<Option<BackupSummary>, CommandError> {
    let Some(path) = files::choose(&app, FileRequest::new(true, &dialog, files::BACKUP)).await
    else {
        return Ok(None);
    };
    let made = blocking(&state, move |state| Ok(state.store()?.backup_to(&path)?)).await?;
    tracing::info!(
        applications = made.applications,
        bytes = made.bytes,
        "backup written"
    );
    Ok(Some(made))
}

pub use jobgate_core::restore::SettingChange;

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BackupInspection {
    pub summary: BackupSummary,
    /// When the file was written, on the recruiter's clock, in the interface's language.
    pub made_at: Option<String>,
    pub upgraded_from: Option<i64>,
    /// The SMTP settings the restore would change (asked natively before it).
    pub smtp_changes: Vec<SettingChange>,
}

/// The settings of `settings::KEY_DESTINATION` that `new` (`None`: left as
/// is) would change — the one list a restore and the settings form ask about.
pub fn key_destination_changes(
    store: &Store,
    new: impl Fn(&'static str) -> Result<Option<String>, CommandError>,
) -> Result<Vec<SettingChange>, CommandError> {
    restore::key_destination_changes(store, new)
}

/// "Restaurer…": the native file picker (opened here), then what the backup
/// holds, checked, before the recruiter confirms. The file is remembered for
/// `restore_backup`. Null when the recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspect_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    picked: State<'_, Picked>,
    dialog: DialogText,
) -> Result<Option<BackupInspection>, CommandError> {
    let Some(path) = files::choose(&app, FileRequest::new(false, &dialog, files::BACKUP)).await
    else {
        return Ok(None);
    };
    Picked::remember(&picked.backup, &path);
    let inspection = blocking(&state, move |state| {
        let plan = RestorePlan::prepare(&state.data_dir, &path, state.invitations.lease_id())?;
        let store = state.store()?;
        let lang = ui_lang(&store)?;
        Ok(BackupInspection {
            made_at: plan
                .summary()
                .modified_at
                .map(|at| format_local(at, recruiter_zone(), lang)),
            summary: plan.summary().clone(),
            upgraded_from: plan.upgraded_from(),
            smtp_changes: plan.changes(&store)?,
        })
    })
    .await?;
    Ok(Some(inspection))
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RestoreReply {
    pub report: RestoreReport,
    /// What happened, in the interface's language.
    pub text: String,
}

/// Why the key's destination would change: a restore, or the settings form.
#[derive(Clone, Copy)]
pub enum KeyDestinationChange {
    Restore,
    Settings,
}

/// The native question before the server the key is sent to changes
/// (a restore, or saved settings): each difference, and what it means.
pub fn smtp_question(
    changes: &[SettingChange],
    lang: jobgate_core::Lang,
    why: KeyDestinationChange,
) -> (String, String, String, String) {
    use jobgate_core::tr;
    let shown = |v: &str| {
        if v.is_empty() {
            "—".to_owned()
        } else {
            v.to_owned()
        }
    };
    let lines: Vec<String> = changes
        .iter()
        .map(|c| {
            let (current, backup) = (shown(&c.current), shown(&c.backup));
            tr!(
                lang,
                "key-destination-line",
                name = c.name,
                current = current,
                backup = backup
            )
        })
        .collect();
    let lines = lines.join("\n");
    let id = match why {
        KeyDestinationChange::Restore => "key-destination-restore",
        KeyDestinationChange::Settings => "key-destination-settings",
    };
    let part = |attribute: &str| {
        let mut args = jobgate_core::i18n::FluentArgs::new();
        args.set("lines", lines.as_str());
        jobgate_core::i18n::render(lang, &format!("{id}{attribute}"), Some(&args))
    };
    (part(""), part(".body"), part(".ok"), part(".cancel"))
}

/// The confirmed restore of the file `inspect_backup` picked: checked again;
/// if it changes where the key is sent, the recruiter is asked natively here
/// (the page cannot skip it); then the current data is kept as a safety copy
/// and replaced in one transaction.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    picked: State<'_, Picked>,
) -> Result<RestoreReply, CommandError> {
    let path = Picked::recall(&picked.backup).ok_or(CommandError::NoFileChosen)?;
    let (plan, changes, lang) = blocking(&state, move |state| {
        // Outcomes not yet written would leave rows `sending` and refuse the restore.
        state.invitations.record_pending();
        if state
            .batch_running
            .load(std::sync::atomic::Ordering::SeqCst)
        {
            return Err(CommandError::BatchRunning);
        }
        let own_lease = state.invitations.lease_id();
        // Refused before the recruiter is asked anything.
        restore::refuse_while_others_work(&state.data_dir, own_lease)?;
        let plan = RestorePlan::prepare(&state.data_dir, &path, own_lease)?;
        let store = state.store()?;
        let (changes, lang) = (plan.changes(&store)?, ui_lang(&store)?);
        Ok((plan, changes, lang))
    })
    .await?;
    if !changes.is_empty() {
        let (title, message, ok, cancel) =
            smtp_question(&changes, lang, KeyDestinationChange::Restore);
        if !files::ask(&app, &title, &message, &ok, &cancel).await {
            return Err(CommandError::RestoreDeclined);
        }
    }
    let reply = blocking(&state, move |state| {
        with_store(state, |store, _| {
            let smtp_changed = !changes.is_empty();
            let report = plan
                .apply(RestoreTarget::InPlace(store), &changes, Utc::now())
                .map_err(|e| match e {
                    // Asked about the settings as they were: changed meanwhile, ask again.
                    CoreError::RestoreSettingsChanged => CommandError::RestoreDeclined,
                    e => e.into(),
                })?;
            crate::logging::apply_setting(&store.setting(settings::LOG_LEVEL)?);
            tracing::info!(
                applications = report.restored.applications,
                upgraded_from = report.upgraded_from,
                smtp_changed,
                "backup restored"
            );
            // The restored data may be in another language.
            let lang = ui_lang(store)?;
            Ok(RestoreReply {
                text: report.describe(lang),
                report,
            })
        })
    })
    .await?;
    if let Ok(mut slot) = picked.backup.lock() {
        *slot = None;
    }
    Ok(reply)
}

/// Opens the log folder (or the data folder) in the OS file manager.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_folder<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    which: String,
) -> Result<(), CommandError> {
    let folder = match which.as_str() {
        "logs" => log_dir(&state.data_dir),
        _ => state.data_dir.clone(),
    };
    let _ = std::fs::create_dir_all(&folder);
    show_folder(&app, &folder)
}

/// `folder` in the OS file manager (also the recovery window's way).
pub fn show_folder<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    folder: &Path,
) -> Result<(), CommandError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(folder.display().to_string(), None::<&str>)
        .map_err(|e| CommandError::FileManager(e.to_string()))
}
