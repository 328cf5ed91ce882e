//! The commands the UI invokes. Thin: parse the IPC payload, call the core,
//! turn the result into a DTO. Only this module (and `lib.rs`) knows IPC.

use chrono::Utc;
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::{ApplicationDto, View};
use jobgate_core::store::{AddOutcome, ListQuery, NewApplication, SortKey, Store};
use jobgate_core::{time, Lang};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// The list's filter, sort and page, as the UI sends it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListRequest {
    pub search: Option<String>,
    pub job_id: Option<i64>,
    pub status: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
    pub limit: Option<u32>,
    pub offset: u32,
}

#[derive(Debug, Serialize)]
pub struct ListReply {
    pub rows: Vec<ApplicationDto>,
    pub total: u64,
}

#[derive(Debug, Deserialize)]
pub struct NewApplicationRequest {
    pub job_title: String,
    pub candidate_name: String,
    pub email: String,
}

#[derive(Debug, Serialize)]
pub struct AddReply {
    /// False when this candidate had already applied to this offer.
    pub added: bool,
    pub application: ApplicationDto,
}

#[derive(Debug, Serialize)]
pub struct InviteReply {
    /// False when the application already had a valid link (returned as it is).
    pub created: bool,
    pub application: ApplicationDto,
}

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub schema_version: i64,
    pub data_dir: String,
    pub base_url: String,
    pub time_zone: String,
}

/// Runs `f` with the store and a view for DTOs built at the same instant.
fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store, &View<'_>) -> Result<T, CommandError>,
) -> Result<T, CommandError> {
    let mut store = state.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), Lang::Fr);
    f(&mut store, &view)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_applications(
    state: State<'_, AppState>,
    query: ListRequest,
) -> Result<ListReply, CommandError> {
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ApplicationStatus::parse(s)?),
    };
    let query = ListQuery {
        search: query.search,
        job_id: query.job_id,
        status,
        sort: query.sort,
        descending: query.descending,
        limit: query.limit,
        offset: query.offset,
    };
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

/// Creates the application's interview link, or returns its valid one.
/// The UI calls this only after the recruiter confirmed in the native dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_invite_link(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<InviteReply, CommandError> {
    with_store(&state, |store, view| {
        let outcome = store.create_or_get_link(application_id, view.now)?;
        Ok(InviteReply {
            created: outcome.created,
            application: view.application(&store.application(application_id)?),
        })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    with_store(&state, |store, _| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            schema_version: store.schema_version()?,
            data_dir: state.data_dir.display().to_string(),
            base_url: store.base_url()?,
            time_zone: time::recruiter_zone().name().to_owned(),
        })
    })
}
