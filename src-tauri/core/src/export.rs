//! The links export for interview platforms.
//!
//! The page at `{base_url}/interview/start/{token}` is served by the recruiter's
//! interview platform, not by JobGate, so that platform needs the tokens: every
//! link ever made, with whether it is `active`, `expired` or `revoked` now.
//! Written with the csv crate (quoting, embedded commas and line breaks);
//! UTF-8, comma-separated, one header line.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::{CoreError, Result};
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
    let io = |e: csv::Error| CoreError::Io(std::io::Error::other(e.to_string()));
    csv.write_record(LINK_EXPORT_COLUMNS).map_err(io)?;
    for row in rows {
        let token = row.link.token.as_str();
        csv.write_record([
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
        ])
        .map_err(io)?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes the export to `path` whole or not at all: into a file beside it
/// first, then renamed over it, so a full disk or a crash never leaves a
/// half-written export where the platform would read it.
pub fn write_links_file(
    path: &Path,
    rows: &[LinkExportRow],
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    write_file_atomically(path, |out| write_links_csv(rows, base_url, now, out))
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
    let io = |e: csv::Error| CoreError::Io(std::io::Error::other(e.to_string()));
    csv.write_record(LIST_EXPORT_COLUMNS).map_err(io)?;
    for r in rows {
        let link = r.link.as_ref();
        let email = r.last_email.as_ref();
        csv.write_record([
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
        ])
        .map_err(io)?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes `write` into `path` whole or not at all (a `.part` file renamed over it).
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let failed = |e: &dyn std::fmt::Display| CoreError::ExportFailed {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = std::path::PathBuf::from(part);
    let result = (|| -> std::io::Result<()> {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&part)?);
        write(&mut file).map_err(|e| std::io::Error::other(e.to_string()))?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&part, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&part);
        failed(&e)
    })
}
