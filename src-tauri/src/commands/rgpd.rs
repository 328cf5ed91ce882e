//! A candidate's rights (RGPD, issue 14) from the detail panel: "Exporter ses
//! données" (the access document, to a file chosen in the native save dialog
//! opened here) and "Effacer ce candidat (RGPD)" (asked natively first by the
//! page). `jobgate candidate export|erase` on the command line.

use chrono::Utc;
use jobgate_core::dto::replies::ExportReply;
use jobgate_core::files::DataFolder;
use jobgate_core::retention::{self, RetentionRun, RetentionStatus, RgpdLogDto};
use jobgate_core::rgpd::{self, PersonalDataExport};
use jobgate_core::store::{Erasure, RgpdAction};
use tauri::State;

use super::files::{self, DialogText, FileRequest};
use super::{blocking, with_store};
use crate::error::CommandError;
use crate::state::AppState;

const JSON: &[&str] = &["json"];

/// "Exporter ses données": everything JobGate holds about the candidate of
/// this application, as one JSON document, to the file chosen in the native
/// save dialog. `rows` is the number of their applications. Null when the
/// recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_candidate_data<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    application_id: i64,
    dialog: DialogText,
) -> Result<Option<ExportReply>, CommandError> {
    // An unknown application is said before any dialog opens.
    let candidate_id = state.store()?.application(application_id)?.candidate_id;
    let Some(path) = files::choose(&app, FileRequest::new(true, &dialog, JSON)).await else {
        return Ok(None);
    };
    // Read after the dialog: the document is the data as it is when written.
    let document = with_store(&state, |store, view| {
        Ok(PersonalDataExport::new(
            &store.personal_records(candidate_id)?,
            view,
        ))
    })?;
    blocking(&state, move |state| {
        document.write_file(&path, &DataFolder::new(&state.data_dir))?;
        // Once the document is written, the register says it was.
        state.store()?.log_rgpd(RgpdAction::Export, 1, Utc::now())?;
        Ok(ExportReply {
            path: path.display().to_string(),
            rows: document.applications.len(),
        })
    })
    .await
    .map(Some)
}

/// "Effacer ce candidat (RGPD)", after the page's native confirmation: the
/// candidate's links revoked, waiting emails withdrawn, every personal value
/// removed in one transaction, the file rewritten without them. Refused
/// while an email to them is being sent.
#[tauri::command(rename_all = "snake_case")]
pub async fn erase_candidate(
    state: State<'_, AppState>,
    candidate_id: i64,
) -> Result<Erasure, CommandError> {
    blocking(&state, move |state| {
        // What a stopped process left `sending` is `unknown` first, as the
        // command line does: else the erasure would wait for it forever.
        state.invitations.recover_interrupted()?;
        Ok(rgpd::erase(&state.invitations, candidate_id, Utc::now())?)
    })
    .await
}

/// The banner at start-up: who is past `retention_months` now, and why.
#[tauri::command(rename_all = "snake_case")]
pub async fn retention_status(state: State<'_, AppState>) -> Result<RetentionStatus, CommandError> {
    with_store(&state, |store, view| {
        Ok(RetentionStatus::read(store, view)?)
    })
}

/// The banner's "Effacer", after the page's native confirmation: everyone
/// past the limit now is erased as at their request (hired candidates left
/// out). Never run without that click.
#[tauri::command(rename_all = "snake_case")]
pub async fn apply_retention(state: State<'_, AppState>) -> Result<RetentionRun, CommandError> {
    blocking(&state, move |state| {
        state.invitations.recover_interrupted()?;
        Ok(retention::apply_retention(
            &state.invitations,
            false,
            Utc::now(),
        )?)
    })
    .await
}

/// Réglages › À propos: the register of what was done for candidates'
/// rights, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn rgpd_log(state: State<'_, AppState>) -> Result<Vec<RgpdLogDto>, CommandError> {
    with_store(&state, |store, view| {
        Ok(store
            .rgpd_log(50)?
            .iter()
            .map(|e| RgpdLogDto::new(e, view))
            .collect())
    })
}
