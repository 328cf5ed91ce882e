//! Files in and out: the CSV import (preview, then the confirmed import) and
//! the links and list exports, each file chosen in a native dialog opened here
//! (`jobgate import|links export|list --csv` on the command line).

use std::path::Path;

use chrono::Utc;
use jobgate_core::dto::replies::{
    ExportReply, ImportPreviewReply, ImportProgress, ImportReply, ListRequest,
};
use jobgate_core::export::{self, ListCsv};
use jobgate_core::files::DataFolder;
use jobgate_core::import::{import_csv_with_options, preview_csv, ImportOptions};
use jobgate_core::time::recruiter_zone;
use jobgate_core::CoreError;
use tauri::ipc::Channel;
use tauri::State;

use super::files::{self, DialogText, FileRequest, Picked};
use super::{blocking, with_store};
use crate::error::CommandError;
use crate::state::AppState;

fn read_import_file(path: &Path) -> Result<Vec<u8>, CommandError> {
    Ok(std::fs::read(path).map_err(CoreError::from)?)
}

/// "Importer un CSV": the native file picker (opened here), then what
/// importing that file would do; nothing is saved. The file is remembered for
/// `import_file`. Null when the recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    picked: State<'_, Picked>,
    dialog: DialogText,
) -> Result<Option<ImportPreviewReply>, CommandError> {
    let Some(path) = files::choose(&app, FileRequest::new(false, &dialog, files::CSV)).await else {
        return Ok(None);
    };
    Picked::remember(&picked.import, &path);
    blocking(&state, move |state| preview_import_of(state, &path))
        .await
        .map(Some)
}

/// What importing `path` (picked natively) would do.
pub fn preview_import_of(
    state: &AppState,
    path: &Path,
) -> Result<ImportPreviewReply, CommandError> {
    let bytes = read_import_file(path)?;
    let preview = preview_csv(&*state.store()?, &bytes)?;
    Ok(ImportPreviewReply::new(path, preview))
}

/// The confirmed import of the file `preview_import` picked: good rows saved
/// in one transaction, bad rows skipped; `on_progress` hears how far it is
/// (every 1,000 rows). `include_erased`: the preview's checkbox "Importer
/// aussi les candidats effacés à leur demande" (absent: unticked).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_file(
    state: State<'_, AppState>,
    picked: State<'_, Picked>,
    on_progress: Channel<ImportProgress>,
    include_erased: Option<bool>,
) -> Result<ImportReply, CommandError> {
    let options = ImportOptions {
        include_erased: include_erased.unwrap_or(false),
    };
    // The file previewed, never one the page names.
    let path = Picked::recall(&picked.import).ok_or(CommandError::NoFileChosen)?;
    blocking(&state, move |state| {
        let bytes = read_import_file(&path)?;
        let report = import_csv_with_options(
            &mut *state.store()?,
            &bytes,
            Utc::now(),
            options,
            &mut |done, total| {
                let _ = on_progress.send(ImportProgress { done, total });
            },
        )?;
        Ok(ImportReply::from(report))
    })
    .await
}

/// "Exporter les liens": the native save dialog (opened here), then the file.
/// Null when the recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_links<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    job_id: Option<i64>,
    dialog: DialogText,
) -> Result<Option<ExportReply>, CommandError> {
    let Some(path) = files::choose(&app, FileRequest::new(true, &dialog, &["csv"])).await else {
        return Ok(None);
    };
    export_links_to(&state, &path, job_id).map(Some)
}

/// The links export to `path`, which the native dialog returned.
pub fn export_links_to(
    state: &AppState,
    path: &Path,
    job_id: Option<i64>,
) -> Result<ExportReply, CommandError> {
    let (rows, base_url) = {
        let store = state.store()?;
        (store.export_links(job_id)?, store.base_url()?)
    };
    let data = DataFolder::new(&state.data_dir);
    export::write_links_file(path, &data, &rows, &base_url, Utc::now())?;
    Ok(ExportReply {
        path: path.display().to_string(),
        rows: rows.len(),
    })
}

/// "Exporter la liste": every row of the current filter and sort, as CSV, to
/// the file chosen in the native save dialog (opened here). Null when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_list<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    query: ListRequest,
    dialog: DialogText,
) -> Result<Option<ExportReply>, CommandError> {
    let query = query.into_query(false)?;
    let Some(path) = files::choose(&app, FileRequest::new(true, &dialog, &["csv"])).await else {
        return Ok(None);
    };
    let (rows, lang) = with_store(&state, |store, view| {
        let rows = store.list_every(&query)?;
        Ok((
            rows.iter().map(|r| view.application(r)).collect::<Vec<_>>(),
            view.lang,
        ))
    })?;
    let style = ListCsv::Spreadsheet {
        lang,
        zone: recruiter_zone(),
    };
    let data = DataFolder::new(&state.data_dir);
    export::write_file_atomically(&path, &data, |out| {
        export::write_applications_csv(&rows, style, out)
    })?;
    Ok(Some(ExportReply {
        path: path.display().to_string(),
        rows: rows.len(),
    }))
}
