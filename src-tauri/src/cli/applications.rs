//! `jobgate import FILE` and `jobgate list`: applications in and out, the
//! window's Candidatures list (`commands/applications.rs`, `commands/transfer.rs`).

use std::io::Write;

use chrono::Utc;
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::View;
use jobgate_core::export::ListCsv;
use jobgate_core::import::{import_csv_with_options, preview_csv_with_options, ImportOptions};
use jobgate_core::store::{ListQuery, SortKey, Stage};
use jobgate_core::time::recruiter_zone;
use jobgate_core::{settings, tr, CoreError, Lang};

use super::{open_invitations, open_store, EXIT_ROWS_REJECTED};

pub(super) fn import(
    file: &std::path::Path,
    dry_run: bool,
    include_erased: bool,
    lang: Lang,
) -> Result<i32, CoreError> {
    // The lease first: no restore can start while the file is read and imported.
    let mut store = open_store()?;
    let bytes = std::fs::read(file)?;
    let mut out = std::io::stdout().lock();
    let options = ImportOptions { include_erased };
    // The same report either way: a dry run says what an import would do.
    let (rows, added, present, duplicates, rejected, erased, encoding) = if dry_run {
        let p = preview_csv_with_options(&store, &bytes, options)?;
        let erased = if include_erased { 0 } else { p.erased };
        (
            p.rows,
            p.new,
            p.already_present,
            p.duplicates,
            p.rejected,
            erased,
            p.encoding,
        )
    } else {
        let r = import_csv_with_options(&mut store, &bytes, Utc::now(), options, &mut |_, _| {})?;
        (
            r.rows,
            r.added,
            r.already_present,
            r.duplicates,
            r.rejected,
            r.erased,
            r.encoding,
        )
    };
    if encoding != "utf-8" {
        let _ = writeln!(out, "{}", tr!(lang, "cli-import-windows-1252"));
    }
    for row in &rejected {
        let reasons: Vec<String> = row.errors.iter().map(|e| e.message(lang)).collect();
        let reasons = reasons.join(" ");
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-import-rejected-line",
                line = row.line,
                reasons = reasons
            )
        );
    }
    for d in &duplicates {
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-import-duplicate-line",
                line = d.line,
                first_line = d.first_line
            )
        );
    }
    // Rows of erased candidates are skipped as asked, not rows to correct:
    // they do not make the import fail.
    let rejected = rejected.len() - erased;
    let summary = tr!(
        lang,
        "cli-import-summary",
        dry_run = if dry_run { "yes" } else { "no" },
        rows = rows,
        added = added,
        present = present,
        rejected = rejected
    );
    let _ = writeln!(out, "{summary}");
    if erased > 0 {
        let _ = writeln!(out, "{}", tr!(lang, "cli-import-erased", count = erased));
    }
    if rejected == 0 {
        return Ok(0);
    }
    let _ = writeln!(out, "{}", tr!(lang, "cli-import-fix-and-retry"));
    Ok(EXIT_ROWS_REJECTED)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ListFormat {
    Table,
    Json,
    /// The window's list export, for a spreadsheet.
    Csv,
    /// The list export for programs.
    MachineCsv,
}

impl ListFormat {
    pub(super) fn of(json: bool, csv: bool, machine: bool) -> ListFormat {
        match (json, csv, machine) {
            (true, _, _) => ListFormat::Json,
            (_, true, true) => ListFormat::MachineCsv,
            (_, true, false) => ListFormat::Csv,
            _ => ListFormat::Table,
        }
    }
}

/// `jobgate list`'s filter, as typed.
pub(super) struct ListFilter {
    pub search: Option<String>,
    pub job_id: Option<i64>,
    pub status: Option<String>,
    pub stage: Option<String>,
}

pub(super) fn list(
    format: ListFormat,
    filter: ListFilter,
    limit: Option<u32>,
    lang: Lang,
) -> Result<i32, CoreError> {
    let ListFilter {
        search,
        job_id,
        status,
        stage,
    } = filter;
    let status = status
        .as_deref()
        .map(ApplicationStatus::parse)
        .transpose()?;
    let stage = stage.as_deref().map(Stage::parse).transpose()?;
    let invitations = open_invitations()?;
    let store = invitations.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), lang);
    let query = ListQuery {
        search,
        job_id,
        status,
        stage,
        sort: SortKey::Applied,
        descending: false,
        limit,
        offset: 0,
    };
    let rows: Vec<_> = store
        .list_every(&query)?
        .iter()
        .map(|r| view.application(r))
        .collect();
    let mut out = std::io::stdout().lock();
    if matches!(format, ListFormat::Csv | ListFormat::MachineCsv) {
        // What the window's export writes: in the interface's language.
        let style = match format {
            ListFormat::MachineCsv => ListCsv::Machine,
            _ => ListCsv::Spreadsheet {
                lang: Lang::parse(&store.setting(settings::UI_LANGUAGE)?).unwrap_or(lang),
                zone: recruiter_zone(),
            },
        };
        jobgate_core::export::write_applications_csv(&rows, style, &mut out)?;
        return Ok(0);
    }
    if format == ListFormat::Json {
        let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
        let _ = writeln!(out, "{text}");
        return Ok(0);
    }
    for r in &rows {
        let link = r
            .link
            .as_ref()
            .map(|l| format!("{} ({})", l.start_url, l.expires_at_local))
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "{:>5}  {:<24}  {:<30}  {:<24}  {:<12}  {}",
            r.application_id, r.candidate_name, r.email, r.job_title, r.invitation_status, link
        );
    }
    if rows.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-list-empty"));
    }
    Ok(0)
}
