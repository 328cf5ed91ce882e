//! The commands the page invokes, by area (mirroring `cli/`). Thin: parse the
//! IPC payload, call the core, fill in a reply from `jobgate_core::dto`. Only
//! this module (and `lib.rs`) knows IPC.

use chrono::Utc;
use jobgate_core::dto::{HistoryDto, View};
use jobgate_core::store::Store;
use jobgate_core::Lang;

use crate::error::CommandError;
use crate::state::AppState;

pub mod applications;
pub mod catalog;
pub mod data;
pub mod files;
pub mod invitations;
pub mod jobs;
pub mod rgpd;
pub mod settings;
pub mod templates;
pub mod transfer;
pub mod vocabulary;

/// Runs `f` with the store and a view for DTOs built at the same instant, in
/// the interface's language.
pub(crate) fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store, &View<'_>) -> Result<T, CommandError>,
) -> Result<T, CommandError> {
    let mut store = state.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), ui_lang(&store)?);
    f(&mut store, &view)
}

/// The interface's language: the `ui_language` setting, else the OS language
/// (French unless it asks for English).
pub(crate) fn ui_lang(store: &Store) -> Result<Lang, CommandError> {
    Ok(
        Lang::parse(&store.setting(jobgate_core::settings::UI_LANGUAGE)?)
            .unwrap_or_else(Lang::from_env),
    )
}

/// Runs `work` with the window's state on a thread meant for blocking work
/// (files, SQLite: a backup, a restore, a 100,000-row import), so the async
/// runtime's threads stay free; native dialogs are awaited outside it.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&AppState) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    let state = state.clone();
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        // The work panicked (its transaction rolled back): said like a lock a
        // panic left behind.
        .map_err(|_| jobgate_core::CoreError::Internal)?
}

/// The detail panel's content: the application and its history.
pub(crate) fn history(
    store: &Store,
    view: &View<'_>,
    application_id: i64,
) -> Result<HistoryDto, CommandError> {
    Ok(HistoryDto {
        application: view.application(&store.application(application_id)?),
        timeline: store
            .timeline(application_id)?
            .iter()
            .map(|e| view.timeline(e))
            .collect(),
    })
}
