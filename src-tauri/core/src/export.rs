//! The links export for interview platforms.
//!
//! The page at `{base_url}/interview/start/{token}` is served by the recruiter's
//! interview platform, not by JobGate, so that platform needs the tokens: every
//! link ever made, with whether it is `active`, `expired` or `revoked` now.
//! Written with the csv crate (quoting, embedded commas and line breaks);
//! UTF-8, comma-separated, one header line; no cell can start a spreadsheet
//! formula ([`spreadsheet_safe`]).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::{CoreError, Result};
use crate::files::DataFolder;
use crate::store::{LinkExportRow, LinkState};
use crate::time::to_stored;

/// The export's columns, in order.
pub const LINK_EXPORT_COLUMNS: [&str; 11] = [
    "application_id",
    "candidate_name",
    "email",
    "job_id",
    "job_title",
    "token",
    "start_url",
    "created_at",
    "expires_at",
    "status",
    "revoked_at",
];

pub fn link_status(state: LinkState) -> &'static str {
    match state {
        LinkState::Active => "active",
        LinkState::Expired => "expired",
        LinkState::Revoked => "revoked",
    }
}

/// Writes the rows as CSV. Instants are RFC 3339 in UTC; `status` is the
/// link's state at `now`.
pub fn write_links_csv<W: Write>(
    rows: &[LinkExportRow],
    base_url: &str,
    now: DateTime<Utc>,
    out: W,
) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(LINK_EXPORT_COLUMNS).map_err(csv_error)?;
    for row in rows {
        let token = row.link.token.as_str();
        write_cells(
            &mut csv,
            [
                row.application_id.to_string().as_str(),
                &row.candidate_name,
                &row.email,
                &row.job_id.to_string(),
                &row.job_title,
                token,
                &format!("{base_url}/interview/start/{token}"),
                &to_stored(row.link.created_at),
                &to_stored(row.link.expires_at),
                link_status(row.link.state(now)),
                &row.link.revoked_at.map(to_stored).unwrap_or_default(),
            ],
        )?;
    }
    // Io, not `?`: a full disk here is the export's disk, not the data folder's.
    csv.flush().map_err(CoreError::Io)?;
    Ok(())
}

/// Writes the export to `path` whole or not at all: into a file beside it
/// first, then renamed over it, so a full disk or a crash never leaves a
/// half-written export where the platform would read it. Never into the data
/// folder's own files (`data`).
pub fn write_links_file(
    path: &Path,
    data: &DataFolder,
    rows: &[LinkExportRow],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write_file_atomically(path, data, |out| write_links_csv(rows, base_url, now, out))
}

/// The columns of the list export ("Exporter la liste"), in order.
pub const LIST_EXPORT_COLUMNS: [&str; 12] = [
    "application_id",
    "candidate_name",
    "email",
    "job_title",
    "status",
    "invitation_status",
    "applied_at",
    "start_url",
    "expires_at",
    "link_status",
    "email_state",
    "sent_at",
];

/// The applications as the list shows them (its filter and sort, every page), as CSV.
pub fn write_applications_csv<W: Write>(rows: &[crate::dto::ApplicationDto], out: W) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(LIST_EXPORT_COLUMNS).map_err(csv_error)?;
    for r in rows {
        let link = r.link.as_ref();
        let email = r.last_email.as_ref();
        write_cells(
            &mut csv,
            [
                r.application_id.to_string().as_str(),
                &r.candidate_name,
                &r.email,
                &r.job_title,
                r.status,
                r.invitation_status,
                &r.applied_at,
                link.map(|l| l.start_url.as_str()).unwrap_or(""),
                link.map(|l| l.expires_at.as_str()).unwrap_or(""),
                link.map(|l| link_status(l.state)).unwrap_or(""),
                email.map(|e| e.state.as_str()).unwrap_or(""),
                email.and_then(|e| e.sent_at.as_deref()).unwrap_or(""),
            ],
        )?;
    }
    // Io, not `?`: a full disk here is the export's disk, not the data folder's.
    csv.flush().map_err(CoreError::Io)?;
    Ok(())
}

/// The csv crate's error, its I/O error kept as it is (a full disk stays one).
fn csv_error(e: csv::Error) -> CoreError {
    let text = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => CoreError::Io(io),
        _ => CoreError::Io(std::io::Error::other(text)),
    }
}

/// One CSV record, every cell [`spreadsheet_safe`]: the one way JobGate writes CSV rows.
fn write_cells<W: Write, const N: usize>(csv: &mut csv::Writer<W>, cells: [&str; N]) -> Result<()> {
    let cells = cells.map(spreadsheet_safe);
    csv.write_record(cells.iter().map(|c| c.as_bytes()))
        .map_err(csv_error)
}

/// A cell Excel and LibreOffice show as the text it is, never as a formula
/// (OWASP "CSV injection"): one that starts with `=`, `+`, `-`, `@`, TAB or
/// CR gets a leading `'`, which both spreadsheets hide and read as "text".
/// A plain number (`-12`, `-3.5`, `-3,5`) is left as it is: it is no formula.
/// Hand-written: no maintained crate does this one rule.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_negative_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// `-` then digits, with at most one decimal point or comma between digits.
fn is_plain_negative_number(cell: &str) -> bool {
    let Some(number) = cell.strip_prefix('-') else {
        return false;
    };
    let mut parts = number.splitn(2, ['.', ',']);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match (parts.next(), parts.next()) {
        (Some(whole), None) => digits(whole),
        (Some(whole), Some(fraction)) => digits(whole) && digits(fraction),
        _ => false,
    }
}

/// Writes `write` into `path` whole or not at all, private (`0600` on Unix):
/// refused when `path` is the data folder's own (the database, its journals,
/// `sauvegardes/`…); else a `.part` file created new under a random name,
/// synced and renamed over `path` ([`crate::files::write_private_file`]).
pub fn write_file_atomically(
    path: &Path,
    data: &DataFolder,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    data.check_destination(path)?;
    crate::files::write_private_file(path, |out| {
        write(out).map_err(|e| match e {
            CoreError::Io(io) => io,
            other => std::io::Error::other(other.to_string()),
        })
    })
    .map_err(|e| CoreError::ExportFailed {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_start_a_formula_get_a_leading_quote() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
            ("-Marie", "'-Marie"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("-2+3", "'-2+3"),
            ("-1e5", "'-1e5"),
            ("-", "'-"),
            ("-12", "-12"),
            ("-3.5", "-3.5"),
            ("-3,5", "-3,5"),
            ("Jean-Pierre", "Jean-Pierre"),
            ("", ""),
            ("'=déjà", "'=déjà"),
        ] {
            assert_eq!(spreadsheet_safe(cell), written, "{cell:?}");
        }
    }
}
