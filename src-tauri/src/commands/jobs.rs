//! Job offers: the per-offer chart, closing and reopening, renaming, and how
//! long new links stay valid (`jobgate job …` on the command line).

use chrono::Utc;
use jobgate_core::domain::JobTitle;
use jobgate_core::dto::replies::JobChangeReply;
use jobgate_core::settings;
use jobgate_core::store::JobOverview;
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The per-offer chart: every job offer with its applications counted by stage.
#[tauri::command(rename_all = "snake_case")]
pub async fn job_overview(state: State<'_, AppState>) -> Result<Vec<JobOverview>, CommandError> {
    Ok(state.store()?.job_overview(Utc::now())?)
}

/// Closes (revoking its valid links) or reopens a job offer.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_job_open(
    state: State<'_, AppState>,
    job_id: i64,
    open: bool,
) -> Result<JobChangeReply, CommandError> {
    let mut store = state.store()?;
    let now = Utc::now();
    let revoked = store.set_job_open(job_id, open, now)?;
    Ok(JobChangeReply {
        revoked,
        jobs: store.job_overview(now)?,
    })
}

/// How long the offer's new links stay valid.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_job_validity(
    state: State<'_, AppState>,
    job_id: i64,
    days: String,
) -> Result<Vec<JobOverview>, CommandError> {
    let days = settings::parse_validity_days(&days)?;
    let mut store = state.store()?;
    store.set_job_link_validity(job_id, days)?;
    Ok(store.job_overview(Utc::now())?)
}

/// Renames a job offer.
#[tauri::command(rename_all = "snake_case")]
pub async fn rename_job(
    state: State<'_, AppState>,
    job_id: i64,
    title: String,
) -> Result<Vec<JobOverview>, CommandError> {
    let title = JobTitle::parse(&title)?;
    let mut store = state.store()?;
    store.rename_job(job_id, &title)?;
    Ok(store.job_overview(Utc::now())?)
}
