//! The window JobGate opens when its database cannot be opened (damaged, or
//! written by a newer JobGate): it says what happened and offers the way out —
//! restore a backup (the unusable file is moved aside, never deleted), open the
//! data folder, or quit. Nothing is recreated behind the recruiter's back.

use std::path::PathBuf;

use chrono::Utc;
use jobgate_core::restore::{RestorePlan, RestoreTarget};
use jobgate_core::store::Store;
use jobgate_core::{paths, CoreError, Lang};
use serde::Serialize;
use tauri::{Runtime, State};

use crate::commands::files::{self, DialogText, FileRequest};
use crate::error::CommandError;

pub struct Recovery {
    data_dir: PathBuf,
    code: &'static str,
    fr: String,
    en: String,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RecoveryInfo {
    pub code: &'static str,
    pub fr: String,
    pub en: String,
    /// The OS language (the settings cannot be read).
    pub lang: Lang,
    pub data_dir: String,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_info(state: State<'_, Recovery>) -> Result<RecoveryInfo, CommandError> {
    Ok(RecoveryInfo {
        code: state.code,
        fr: state.fr.clone(),
        en: state.en.clone(),
        lang: Lang::from_env(),
        data_dir: state.data_dir.display().to_string(),
    })
}

/// Restores the chosen backup in place of the unusable file.
#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_restore<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Recovery>,
    dialog: DialogText,
) -> Result<Option<String>, CommandError> {
    // The backup is chosen in the native dialog opened here, never by the page.
    let Some(path) = files::choose(&app, FileRequest::new(false, &dialog, files::BACKUP)).await
    else {
        return Ok(None);
    };
    let data_dir = state.data_dir.clone();
    let report = tauri::async_runtime::spawn_blocking(move || {
        // As before the backup is even opened (no copy of it is made for
        // nothing): data that opens now, or another JobGate at work on it.
        let database = paths::database_path(&data_dir);
        if Store::verify(&database)
            .and_then(|()| Store::open(&database))
            .is_ok()
        {
            return Err(CoreError::RestoreOverUsable);
        }
        jobgate_core::restore::refuse_while_others_work(&data_dir, None)?;
        let plan = RestorePlan::prepare(&data_dir, &path, None)?;
        plan.apply(RestoreTarget::OverUnusable, &[], Utc::now())
    })
    .await
    .map_err(|_| CoreError::Internal)?
    .map_err(|e| match e {
        // Restored meanwhile (another window, the command line): nothing to replace.
        CoreError::RestoreOverUsable => CommandError::AlreadyUsable,
        e => e.into(),
    })?;
    tracing::info!(
        applications = report.restored.applications,
        safety_copy = report.safety_copy.is_some(),
        "backup restored over an unusable database"
    );
    Ok(Some(report.describe(Lang::from_env())))
}

/// Starts JobGate again, on the restored data, then closes this window. Not
/// `AppHandle::restart`: the new process must not inherit a WebDriver
/// session's automation variables (its WebKit would wait for a driver that is
/// not there), so it is spawned here without them.
#[tauri::command(rename_all = "snake_case")]
pub fn recovery_restart<R: Runtime>(app: tauri::AppHandle<R>) -> Result<(), CommandError> {
    let spawned = std::env::current_exe().and_then(|exe| {
        let mut command = std::process::Command::new(exe);
        // JobGate itself, the one child that is given the key it was started with.
        if let Some(key) = jobgate_core::secret::env_key() {
            command.env(jobgate_core::secret::API_KEY_ENV, key);
        }
        command
            .args(std::env::args_os().skip(1))
            .env_remove("TAURI_WEBVIEW_AUTOMATION")
            .env_remove("TAURI_AUTOMATION")
            .env_remove("WEBKIT_INSPECTOR_SERVER")
            .spawn()
    });
    match spawned {
        Ok(_) => {
            tracing::info!("restarting after a restore");
            app.exit(0);
            Ok(())
        }
        Err(e) => Err(CommandError::Restart(e.to_string())),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_open_folder<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Recovery>,
) -> Result<(), CommandError> {
    crate::commands::data::show_folder(&app, &state.data_dir)
}

/// Runs the recovery window until the recruiter closes it. No single-instance
/// lock here, so that the restarted app can take it.
pub fn run(
    data_dir: PathBuf,
    problem: &CoreError,
    mut context: tauri::Context<tauri::Wry>,
) -> anyhow::Result<()> {
    if let Some(window) = context.config_mut().app.windows.first_mut() {
        window.url = tauri::WebviewUrl::App("recovery.html".into());
    }
    let state = Recovery {
        data_dir,
        code: problem.code(),
        fr: problem.message(Lang::Fr),
        en: problem.message(Lang::En),
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(files::Chooser::Native)
        .invoke_handler(tauri::generate_handler![
            recovery_info,
            recovery_restore,
            recovery_restart,
            recovery_open_folder,
            crate::commands::catalog::catalog,
        ])
        .build(context)?
        .run(|_, event| {
            if let tauri::RunEvent::Exit = event {
                crate::logging::flush();
            }
        });
    Ok(())
}
