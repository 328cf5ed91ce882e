//! Settings → Sauvegarde, Journal, À propos: backup and restore of the
//! recruiter's data, and the folders support asks for.

use std::path::{Path, PathBuf};

use chrono::Utc;
use jobgate_core::store::backup::{BackupSummary, CheckedBackup, RestoreReport};
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{paths, settings, CoreError};
use serde::Serialize;
use tauri::State;

use super::{ui_lang, with_store};
use crate::error::CommandError;
use crate::state::AppState;

/// Where the log files are: the running log's folder, else where it would be.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    crate::logging::directory()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| paths::log_dir(data_dir))
}

/// "Sauvegarder…": everything but the API key, to the file the recruiter chose.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_data(
    state: State<'_, AppState>,
    path: String,
) -> Result<BackupSummary, CommandError> {
    let made = state.store()?.backup_to(Path::new(&path))?;
    tracing::info!(
        applications = made.applications,
        bytes = made.bytes,
        "backup written"
    );
    Ok(made)
}

#[derive(Debug, Serialize)]
pub struct BackupInspection {
    pub summary: BackupSummary,
    /// When the file was written, on the recruiter's clock, in the interface's language.
    pub made_at: Option<String>,
    pub upgraded_from: Option<i64>,
}

/// What a backup file holds, checked, before the recruiter confirms.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspect_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<BackupInspection, CommandError> {
    let lang = ui_lang(&*state.store()?)?;
    let checked = CheckedBackup::open(Path::new(&path), &state.data_dir)?;
    Ok(BackupInspection {
        made_at: checked
            .summary
            .modified_at
            .map(|at| format_local(at, recruiter_zone(), lang)),
        summary: checked.summary.clone(),
        upgraded_from: checked.upgraded_from,
    })
}

#[derive(Debug, Serialize)]
pub struct RestoreReply {
    pub report: RestoreReport,
    /// What happened, in the interface's language.
    pub text: String,
}

/// The confirmed restore: the file is checked again, the current data kept as
/// a safety copy, then replaced in one transaction.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<RestoreReply, CommandError> {
    if state
        .batch_running
        .load(std::sync::atomic::Ordering::SeqCst)
    {
        return Err(CommandError::BatchRunning);
    }
    let others = jobgate_core::lease::others_alive(&state.data_dir, state.invitations.lease_id());
    if others > 0 {
        return Err(CoreError::RestoreWhileOtherProcess { count: others }.into());
    }
    let checked = CheckedBackup::open(Path::new(&path), &state.data_dir)?;
    with_store(&state, |store, _| {
        let report =
            store.restore_from(&checked, &paths::safety_dir(&state.data_dir), Utc::now())?;
        crate::logging::apply_setting(&store.setting(settings::LOG_LEVEL)?);
        tracing::info!(
            applications = report.restored.applications,
            upgraded_from = report.upgraded_from,
            "backup restored"
        );
        // The restored data may be in another language.
        let lang = ui_lang(store)?;
        Ok(RestoreReply {
            text: report.describe(lang),
            report,
        })
    })
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
