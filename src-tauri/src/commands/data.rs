//! Settings → Sauvegarde, Journal, À propos: backup and restore of the
//! recruiter's data, and the folders support asks for.

use std::path::{Path, PathBuf};

use chrono::Utc;
use jobgate_core::store::backup::{BackupSummary, CheckedBackup, RestoreReport};
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{paths, settings, CoreError};
use serde::Serialize;
use tauri::State;

use super::files::{self, DialogText, FileRequest, Picked};
use super::{ui_lang, with_store};
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
    let made = state.store()?.backup_to(&path)?;
    tracing::info!(
        applications = made.applications,
        bytes = made.bytes,
        "backup written"
    );
    Ok(Some(made))
}

/// A setting that decides where the API key goes, as it is and as the backup
/// would make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SettingChange {
    pub name: &'static str,
    pub current: String,
    pub backup: String,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BackupInspection {
    pub summary: BackupSummary,
    /// When the file was written, on the recruiter's clock, in the interface's language.
    pub made_at: Option<String>,
    pub upgraded_from: Option<i64>,
    /// The SMTP settings the restore would change (asked natively before it).
    pub smtp_changes: Vec<SettingChange>,
}

/// The settings deciding where the key is sent that restoring `checked` changes.
pub fn smtp_changes(
    store: &jobgate_core::store::Store,
    checked: &CheckedBackup,
) -> Result<Vec<SettingChange>, CommandError> {
    key_destination_changes(store, |name| Ok(Some(checked.setting(name)?)))
}

/// The settings of `settings::KEY_DESTINATION` that `new` (`None`: left as
/// is) would change — the one list a restore and the settings form ask about.
pub fn key_destination_changes(
    store: &jobgate_core::store::Store,
    new: impl Fn(&'static str) -> Result<Option<String>, CommandError>,
) -> Result<Vec<SettingChange>, CommandError> {
    let mut changes = Vec::new();
    for name in settings::KEY_DESTINATION {
        let Some(backup) = new(name)? else {
            continue;
        };
        let current = store.setting(name)?;
        if current != backup {
            changes.push(SettingChange {
                name,
                current,
                backup,
            });
        }
    }
    Ok(changes)
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
    let checked = CheckedBackup::open(&path, &state.data_dir)?;
    let store = state.store()?;
    let lang = ui_lang(&store)?;
    Ok(Some(BackupInspection {
        made_at: checked
            .summary
            .modified_at
            .map(|at| format_local(at, recruiter_zone(), lang)),
        summary: checked.summary.clone(),
        upgraded_from: checked.upgraded_from,
        smtp_changes: smtp_changes(&store, &checked)?,
    }))
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
    // Outcomes not yet written would leave rows `sending` and refuse the restore.
    state.invitations.record_pending();
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
    let checked = CheckedBackup::open(&path, &state.data_dir)?;
    let (changes, lang) = {
        let store = state.store()?;
        (smtp_changes(&store, &checked)?, ui_lang(&store)?)
    };
    if !changes.is_empty() {
        let (title, message, ok, cancel) =
            smtp_question(&changes, lang, KeyDestinationChange::Restore);
        if !files::ask(&app, &title, &message, &ok, &cancel).await {
            return Err(CommandError::RestoreDeclined);
        }
    }
    with_store(&state, |store, _| {
        // Asked about the settings as they were: changed meanwhile, ask again.
        if smtp_changes(store, &checked)? != changes {
            return Err(CommandError::RestoreDeclined);
        }
        let report =
            store.restore_from(&checked, &paths::safety_dir(&state.data_dir), Utc::now())?;
        crate::logging::apply_setting(&store.setting(settings::LOG_LEVEL)?);
        tracing::info!(
            applications = report.restored.applications,
            upgraded_from = report.upgraded_from,
            smtp_changed = !changes.is_empty(),
            "backup restored"
        );
        if let Ok(mut slot) = picked.backup.lock() {
            *slot = None;
        }
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
