//! Candidates' rights (RGPD / GDPR, issue 14): the right of access — one
//! JSON document with everything JobGate holds about a person
//! ([`PersonalDataExport`], `jobgate candidate export`, the detail panel's
//! "Exporter ses données") — and the right to erasure
//! ([`crate::store::Store::erase_candidate`], `jobgate candidate erase`,
//! "Effacer ce candidat (RGPD)"), which leaves a skeleton named here.
//!
//! The CLI finds a candidate by their address (any case, as stored); the
//! window by the candidate's id. After an erasure the address is gone, so an
//! export by address says there is nobody; by id it is the skeleton, with no
//! personal value in it.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dto::{TimelineDto, View};
use crate::error::Result;
use crate::files::DataFolder;
use crate::store::{
    EmailKind, Erasure, LinkState, OutboxState, PersonalRecords, RgpdAction, WhenSending,
};
use crate::time::to_stored;

/// The document's `format`: what it is, for whoever receives it.
pub const EXPORT_FORMAT: &str = "jobgate-personal-data";
/// The document's `version`; a change of its fields makes a new one.
pub const EXPORT_VERSION: u32 = 1;

/// The stored address of an erased candidate: `efface-<id>@invalid`. No
/// address the import or the forms accept has a domain without a dot, so it
/// can be nobody's.
pub fn erased_address(candidate_id: i64) -> String {
    format!("efface-{candidate_id}@invalid")
}

/// Whether a stored address is an erased candidate's.
pub fn is_erased_address(email: &str) -> bool {
    email
        .strip_suffix("@invalid")
        .and_then(|local| local.strip_prefix("efface-"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The stored name of an erased candidate (French, the product's first
/// language; the window and the CLI show `candidate-erased-name` in theirs).
pub fn erased_name() -> String {
    crate::tr!(crate::Lang::Fr, "candidate-erased-name")
}

/// The erasure for the CLI and the window: [`crate::store::Store::erase_candidate`],
/// then the dry-run `.eml` files that hold their address, a Message-ID or a
/// link of theirs (in the dry-run folder set now, or the default one): a dry
/// run's outbox row is gone once written, so the file is found by what it says.
pub fn erase(
    invitations: &crate::invitations::Invitations,
    candidate_id: i64,
    now: DateTime<Utc>,
) -> Result<Erasure> {
    erase_many(
        invitations,
        &[candidate_id],
        WhenSending::Refuse,
        RgpdAction::Erasure,
        now,
    )?
    .pop()
    .ok_or(crate::CoreError::CandidateNotFound { id: candidate_id })
}

/// [`erase`] for several candidates at once (one transaction, one rewrite of
/// the file): see [`crate::store::Store::erase_candidates`].
pub fn erase_many(
    invitations: &crate::invitations::Invitations,
    candidate_ids: &[i64],
    when_sending: WhenSending,
    action: RgpdAction,
    now: DateTime<Utc>,
) -> Result<Vec<Erasure>> {
    let (mut erasures, folder) = {
        let mut store = invitations.store()?;
        let folder = store.setting(crate::settings::DRY_RUN_DIR)?;
        (
            store.erase_candidates(candidate_ids, when_sending, action, now)?,
            folder,
        )
    };
    let folder = if folder.trim().is_empty() {
        crate::settings::default_dry_run_dir()
    } else {
        std::path::PathBuf::from(folder)
    };
    for erasure in &mut erasures {
        let traces: Vec<Vec<u8>> = std::mem::take(&mut erasure.traces)
            .into_iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.to_ascii_lowercase().into_bytes())
            .collect();
        erasure.files_removed = remove_files_naming(&folder, &traces);
    }
    Ok(erasures)
}

/// Removes the `.eml` files of `folder` that contain one of `traces`
/// (lower case; the files compared in lower case too). Returns how many.
fn remove_files_naming(folder: &Path, traces: &[Vec<u8>]) -> u32 {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("eml") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let bytes = bytes.to_ascii_lowercase();
        let names = traces.iter().any(|t| occurs_whole(&bytes, t));
        if names && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether `needle` stands in `hay` as a whole value, not inside a longer
/// one: erasing `a@b.fr` must leave `anna@b.fr`'s and `a@b.fr.com`'s files.
fn occurs_whole(hay: &[u8], needle: &[u8]) -> bool {
    // What continues an address, a token or a Message-ID on either side.
    let part_of_value = |c: u8| c.is_ascii_alphanumeric() || b"._%+-@".contains(&c);
    if needle.is_empty() || needle.len() > hay.len() {
        return false;
    }
    (0..=hay.len() - needle.len()).any(|start| {
        let end = start + needle.len();
        if &hay[start..end] != needle {
            return false;
        }
        let before_ok = start == 0 || !part_of_value(hay[start - 1]);
        // A final dot ends a sentence unless a name goes on after it.
        let after_ok = match hay.get(end) {
            None => true,
            Some(b'.') => !hay.get(end + 1).is_some_and(|c| c.is_ascii_alphanumeric()),
            Some(&c) => !part_of_value(c),
        };
        before_ok && after_ok
    })
}

#[cfg(test)]
mod whole_value_tests {
    use super::occurs_whole;

    #[test]
    fn erasing_an_address_leaves_the_files_of_longer_ones() {
        let file = b"To: Anna <anna@b.fr>\nCc: a@b.fr.com\nmarie-jean@acme.fr";
        assert!(!occurs_whole(file, b"a@b.fr"));
        assert!(!occurs_whole(file, b"jean@acme.fr"));
        assert!(occurs_whole(b"To: Ana <a@b.fr>\n", b"a@b.fr"));
        assert!(occurs_whole(b"ecrivez a a@b.fr.", b"a@b.fr"));
        assert!(occurs_whole(
            b"/interview/start/abc-def_123\n",
            b"abc-def_123"
        ));
    }
}

/// Everything JobGate holds about one candidate (GDPR art. 15).
#[derive(Debug, Clone, Serialize)]
pub struct PersonalDataExport {
    /// Always [`EXPORT_FORMAT`].
    pub format: &'static str,
    /// [`EXPORT_VERSION`].
    pub version: u32,
    /// When the document was made (RFC 3339, UTC).
    pub exported_at: String,
    /// The language of the `text` fields of the history.
    pub language: &'static str,
    pub candidate: CandidateData,
    pub applications: Vec<ApplicationData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateData {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub created_at: String,
    /// True when the candidate was erased: what is left holds no personal value.
    pub erased: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApplicationData {
    pub id: i64,
    pub job_id: i64,
    pub job_title: String,
    /// new, invited, interviewed, rejected, hired, withdrawn.
    pub status: &'static str,
    /// The same, in the document's language.
    pub status_label: &'static str,
    pub created_at: String,
    pub links: Vec<LinkData>,
    pub emails: Vec<EmailData>,
    /// The application's history, oldest first, as the detail panel says it.
    pub history: Vec<TimelineDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkData {
    pub id: i64,
    pub token: String,
    pub start_url: String,
    pub created_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
    /// When it stopped being the application's current link.
    pub retired_at: Option<String>,
    pub state: LinkState,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmailData {
    pub id: i64,
    pub link_id: i64,
    pub kind: EmailKind,
    pub state: OutboxState,
    pub recipient: String,
    pub recipient_name: String,
    pub subject: String,
    /// The text as rendered for this candidate.
    pub text: String,
    pub html: String,
    pub message_id: String,
    pub created_at: String,
    pub updated_at: String,
    pub sent_at: Option<String>,
    /// The last answer of the server: its code, reply, queue id.
    pub smtp_code: Option<u16>,
    pub server_reply: Option<String>,
    pub queue_id: Option<String>,
    pub error_code: Option<String>,
    pub error: Option<String>,
    pub attempts: Vec<AttemptData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttemptData {
    pub started_at: String,
    pub finished_at: Option<String>,
    pub outcome: Option<OutboxState>,
    pub smtp_code: Option<u16>,
    pub server_reply: Option<String>,
    pub queue_id: Option<String>,
    pub error_code: Option<String>,
}

impl PersonalDataExport {
    /// The document for `records`, with links and words as `view` gives them.
    pub fn new(records: &PersonalRecords, view: &View<'_>) -> PersonalDataExport {
        let stored = |at: DateTime<Utc>| to_stored(at);
        let candidate = &records.candidate;
        PersonalDataExport {
            format: EXPORT_FORMAT,
            version: EXPORT_VERSION,
            exported_at: stored(view.now),
            language: view.lang.code(),
            candidate: CandidateData {
                id: candidate.id,
                name: candidate.name.clone(),
                email: candidate.email.clone(),
                created_at: stored(candidate.created_at),
                erased: is_erased_address(&candidate.email),
            },
            applications: records
                .applications
                .iter()
                .map(|app| ApplicationData {
                    id: app.record.id,
                    job_id: app.record.job_id,
                    job_title: app.record.job_title.clone(),
                    status: app.record.status.as_str(),
                    status_label: app.record.status.label(view.lang),
                    created_at: stored(app.record.created_at),
                    links: app
                        .links
                        .iter()
                        .map(|l| LinkData {
                            id: l.link.id,
                            token: l.link.token.as_str().to_owned(),
                            start_url: view.start_url(l.link.token.as_str()),
                            created_at: stored(l.link.created_at),
                            expires_at: stored(l.link.expires_at),
                            revoked_at: l.link.revoked_at.map(stored),
                            retired_at: l.retired_at.map(stored),
                            state: l.link.state(view.now),
                        })
                        .collect(),
                    emails: app
                        .emails
                        .iter()
                        .map(|e| EmailData {
                            id: e.record.outbox_id,
                            link_id: e.record.link_id,
                            kind: e.record.kind,
                            state: e.record.state,
                            recipient: e.record.recipient.clone(),
                            recipient_name: e.record.recipient_name.clone(),
                            subject: e.record.subject.clone(),
                            text: e.text.clone(),
                            html: e.html.clone(),
                            message_id: e.message_id.clone(),
                            created_at: stored(e.record.created_at),
                            updated_at: stored(e.record.updated_at),
                            sent_at: e.record.sent_at.map(stored),
                            smtp_code: e.record.smtp_code,
                            server_reply: e.record.reply.clone(),
                            queue_id: e.record.queue_id.clone(),
                            error_code: e.record.error_code.clone(),
                            error: match view.lang {
                                crate::Lang::Fr => e.record.error_fr.clone(),
                                crate::Lang::En => e.record.error_en.clone(),
                            },
                            attempts: e
                                .tries
                                .iter()
                                .map(|t| AttemptData {
                                    started_at: stored(t.started_at),
                                    finished_at: t.finished_at.map(stored),
                                    outcome: t.outcome,
                                    smtp_code: t.smtp_code,
                                    server_reply: t.reply.clone(),
                                    queue_id: t.queue_id.clone(),
                                    error_code: t.error_code.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                    history: app.timeline.iter().map(|t| view.timeline(t)).collect(),
                })
                .collect(),
        }
    }

    /// Writes the document as pretty UTF-8 JSON, with a final newline.
    pub fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        Ok(())
    }

    /// Writes the document to `path` whole or not at all, private (`0600`),
    /// never over the data folder's own files (as every export).
    pub fn write_file(&self, path: &Path, data: &DataFolder) -> Result<()> {
        crate::export::write_file_atomically(path, data, |out| self.write_json(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_erased_address_is_recognised_and_no_valid_address_is_one() {
        assert!(is_erased_address(&erased_address(42)));
        assert!(!is_erased_address("efface-@invalid"));
        assert!(!is_erased_address("efface-4x@invalid"));
        assert!(!is_erased_address("efface-1@invalid.fr"));
        // What the import and the forms accept is never an erased address.
        assert!(crate::domain::EmailAddress::parse(&erased_address(1)).is_err());
    }
}
