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
use chrono_tz::Tz;

use crate::error::{CoreError, Result};
use crate::files::DataFolder;
use crate::i18n::{render, FluentArgs, Lang};
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
                Own(&row.application_id.to_string()),
                Text(&row.candidate_name),
                Text(&row.email),
                Own(&row.job_id.to_string()),
                Text(&row.job_title),
                Own(token),
                Own(&format!("{base_url}/interview/start/{token}")),
                Own(&to_stored(row.link.created_at)),
                Own(&to_stored(row.link.expires_at)),
                Own(link_status(row.link.state(now))),
                Own(&row.link.revoked_at.map(to_stored).unwrap_or_default()),
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

/// How the list export is written.
#[derive(Debug, Clone, Copy)]
pub enum ListCsv {
    /// For a spreadsheet, as the recruiter reads the list: headers and words
    /// in `lang`, times on the recruiter's clock (`zone`, named in the
    /// headers), a UTF-8 byte-order mark; French: `;`-separated and
    /// `31/12/2026 14:05` (what Excel set to French opens as columns and
    /// dates), English: `,` and `2026-12-31 14:05`.
    Spreadsheet { lang: Lang, zone: Tz },
    /// For programs (`jobgate list --csv --machine`): the codes, RFC 3339 in
    /// UTC, `,`, no byte-order mark — [`LIST_EXPORT_COLUMNS`] as headers.
    Machine,
}

/// The applications as the list shows them (its filter and sort, every page), as CSV.
pub fn write_applications_csv<W: Write>(
    rows: &[crate::dto::ApplicationDto],
    style: ListCsv,
    mut out: W,
) -> Result<()> {
    let mut builder = csv::WriterBuilder::new();
    if let ListCsv::Spreadsheet { lang, .. } = style {
        out.write_all("\u{feff}".as_bytes())
            .map_err(CoreError::Io)?;
        builder.delimiter(if lang == Lang::Fr { b';' } else { b',' });
    }
    let mut csv = builder.from_writer(out);
    let header: Vec<String> = match style {
        ListCsv::Machine => LIST_EXPORT_COLUMNS.map(str::to_owned).to_vec(),
        ListCsv::Spreadsheet { lang, zone } => {
            let mut args = FluentArgs::new();
            args.set("zone", zone.name());
            LIST_EXPORT_COLUMNS
                .map(|c| render(lang, &format!("export-column-{c}"), Some(&args)))
                .to_vec()
        }
    };
    csv.write_record(&header).map_err(csv_error)?;
    for r in rows {
        let link = r.link.as_ref();
        let email = r.last_email.as_ref();
        let (status, invitation, link_state, email_state) = match style {
            ListCsv::Machine => (
                r.status.to_owned(),
                r.invitation_status.to_owned(),
                link.map(|l| link_status(l.state).to_owned()),
                email.map(|e| e.state.as_str().to_owned()),
            ),
            ListCsv::Spreadsheet { lang, .. } => {
                let word = |id: String| render(lang, &id, None);
                (
                    word(format!("status-{}", r.status)),
                    word(format!("status-{}", r.invitation_status)),
                    link.map(|l| word(format!("export-link-{}", link_status(l.state)))),
                    email.map(|e| word(format!("outbox-state-{}", e.state.as_str()))),
                )
            }
        };
        let when = |stored: Option<&str>| -> String {
            let Some(stored) = stored else {
                return String::new();
            };
            match style {
                ListCsv::Machine => stored.to_owned(),
                ListCsv::Spreadsheet { lang, zone } => DateTime::parse_from_rfc3339(stored)
                    .map(|at| {
                        let pattern = if lang == Lang::Fr {
                            "%d/%m/%Y %H:%M"
                        } else {
                            "%Y-%m-%d %H:%M"
                        };
                        at.with_timezone(&zone).format(pattern).to_string()
                    })
                    .unwrap_or_else(|_| stored.to_owned()),
            }
        };
        write_cells(
            &mut csv,
            [
                Own(&r.application_id.to_string()),
                Text(&r.candidate_name),
                Text(&r.email),
                Text(&r.job_title),
                Own(&status),
                Own(&invitation),
                Own(&when(Some(&r.applied_at))),
                Own(link.map(|l| l.start_url.as_str()).unwrap_or("")),
                Own(&when(link.map(|l| l.expires_at.as_str()))),
                Own(link_state.as_deref().unwrap_or("")),
                Own(email_state.as_deref().unwrap_or("")),
                Own(&when(email.and_then(|e| e.sent_at.as_deref()))),
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

/// A CSV cell: text someone typed or imported (a name, an address, a title),
/// which could be made to start a formula, or a value JobGate made itself (an
/// id, a token, a URL, an instant, a state code), written exactly — the
/// interview platform must read the token it was given. JobGate's values
/// cannot form a formula: tokens are base64url (letters, digits, `-`, `_`),
/// and nothing else starts with a formula character.
enum Cell<'a> {
    Text(&'a str),
    Own(&'a str),
}
use Cell::{Own, Text};

/// One CSV record, every text cell [`spreadsheet_safe`]: the one way JobGate
/// writes CSV rows.
fn write_cells<W: Write, const N: usize>(
    csv: &mut csv::Writer<W>,
    cells: [Cell<'_>; N],
) -> Result<()> {
    let cells = cells.map(|cell| match cell {
        Text(text) => spreadsheet_safe(text),
        Own(value) => std::borrow::Cow::Borrowed(value),
    });
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

    /// Every word the spreadsheet form writes exists in every language (a
    /// missing one would be written as its id).
    #[test]
    fn every_word_of_the_spreadsheet_export_is_in_the_catalog() {
        let statuses = crate::domain::ApplicationStatus::ALL.map(|s| s.as_str());
        // Every word the enums can write, not a list kept by hand.
        use strum::VariantArray;
        let invitations = crate::store::InvitationStatus::VARIANTS
            .iter()
            .map(|s| s.as_str());
        let emails = crate::store::OutboxState::VARIANTS
            .iter()
            .map(|s| s.as_str());
        let links = [LinkState::Active, LinkState::Expired, LinkState::Revoked].map(link_status);
        let ids = statuses
            .iter()
            .copied()
            .chain(invitations)
            .map(|s| format!("status-{s}"))
            .chain(emails.map(|e| format!("outbox-state-{e}")))
            .chain(links.iter().map(|l| format!("export-link-{l}")))
            .chain(
                LIST_EXPORT_COLUMNS
                    .iter()
                    .map(|c| format!("export-column-{c}")),
            );
        for id in ids {
            for lang in Lang::ALL {
                assert_ne!(render(lang, &id, None), id, "{id} in {lang:?}");
            }
        }
    }

    #[test]
    fn a_token_starting_with_a_dash_is_exported_exactly() {
        // The formula rule once put a `'` before such tokens (1 in 64): the
        // interview platform then refused a valid link. Only typed text is
        // guarded; JobGate's own values go out exactly.
        use crate::domain::Token;
        use crate::store::LinkRecord;
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 1, 9, 0, 0).unwrap();
        let token = "-VBwXgVZyhq3o62uqhNLpIv5M_iqOeFEPW0qFZ9kAv0";
        let row = LinkExportRow {
            application_id: 1,
            candidate_name: "=HYPERLINK(\"http://x\")".into(),
            email: "ana@exemple.fr".into(),
            job_id: 2,
            job_title: "-Dev".into(),
            link: LinkRecord {
                id: 3,
                token: Token::from_stored(token.into()),
                created_at: at,
                expires_at: at + chrono::Duration::days(7),
                revoked_at: None,
            },
        };
        let mut out = Vec::new();
        write_links_csv(&[row], "https://x.example", at, &mut out).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[5], token);
        assert_eq!(
            &record[6],
            format!("https://x.example/interview/start/{token}")
        );
        assert_eq!(&record[1], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&record[4], "'-Dev");
    }

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
