//! The list and the detail panel: applications, their workflow status and the
//! candidate's corrections (`jobgate add|list|application …` on the command line).

use chrono::Utc;
use jobgate_core::domain::{ApplicationStatus, EmailAddress, PersonName};
use jobgate_core::dto::replies::{
    AddReply, CandidateReply, ListReply, ListRequest, NewApplicationRequest, StatusReply,
};
use jobgate_core::dto::HistoryDto;
use jobgate_core::store::{AddOutcome, NewApplication};
use tauri::State;

use super::{history, with_store};
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_applications(
    state: State<'_, AppState>,
    query: ListRequest,
) -> Result<ListReply, CommandError> {
    let query = query.into_query(true)?;
    with_store(&state, |store, view| {
        let page = store.list_applications(&query)?;
        Ok(ListReply {
            rows: page.rows.iter().map(|r| view.application(r)).collect(),
            total: page.total,
        })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_application(
    state: State<'_, AppState>,
    input: NewApplicationRequest,
) -> Result<AddReply, CommandError> {
    let new = NewApplication::parse(&input.job_title, &input.candidate_name, &input.email)
        .map_err(CommandError::Validation)?;
    with_store(&state, |store, view| {
        let (added, id) = match store.add_application(&new, view.now)? {
            AddOutcome::Added { application_id } => (true, application_id),
            AddOutcome::AlreadyPresent { application_id } => (false, application_id),
        };
        Ok(AddReply {
            added,
            application: view.application(&store.application(id)?),
        })
    })
}

/// The detail panel: the application and its history.
#[tauri::command(rename_all = "snake_case")]
pub async fn application_history(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<HistoryDto, CommandError> {
    with_store(&state, |store, view| history(store, view, application_id))
}

/// Moves an application along its workflow (rejected, hired and withdrawn
/// revoke its valid link).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_application_status(
    state: State<'_, AppState>,
    application_id: i64,
    status: String,
) -> Result<StatusReply, CommandError> {
    let status = ApplicationStatus::parse(&status)?;
    with_store(&state, |store, view| {
        let change = store.set_application_status(application_id, status, view.now)?;
        Ok(StatusReply {
            revoked_link: change.revoked_link,
            history: history(store, view, application_id)?,
        })
    })
}

/// Corrects a candidate's name and email; each wrong field gets its message.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_candidate(
    state: State<'_, AppState>,
    candidate_id: i64,
    application_id: i64,
    candidate_name: String,
    email: String,
) -> Result<CandidateReply, CommandError> {
    let name = PersonName::parse(&candidate_name);
    let email = EmailAddress::parse(&email);
    let (name, email) = match (name, email) {
        (Ok(n), Ok(e)) => (n, e),
        (n, e) => {
            return Err(CommandError::Validation(
                [n.err(), e.err()].into_iter().flatten().collect(),
            ))
        }
    };
    let correction = state
        .invitations
        .update_candidate(candidate_id, &name, &email, Utc::now())?;
    with_store(&state, |store, view| {
        Ok(CandidateReply {
            history: history(store, view, application_id)?,
            correction,
        })
    })
}

/// Deletes an application never invited (asked natively first by the page).
#[tauri::command(rename_all = "snake_case")]
pub async fn delete_application(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<(), CommandError> {
    Ok(state.store()?.delete_application(application_id)?)
}
