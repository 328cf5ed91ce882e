//! A candidate's personal data (RGPD, issue 14): everything stored about one
//! person, read in one snapshot (the right of access, `crate::rgpd` makes the
//! document), and erasing it (the right to erasure).
//!
//! Where personal values live (migrations 1–10): `candidates` (name, its
//! `name_key`, email); `invite_links.token` (a bearer link that names them
//! to the interview platform); `outbox` (recipient, recipient name, the
//! rendered subject and bodies, the Message-ID and the server's queue id that
//! find the message in a mailbox or a relay's log, the server's last reply and
//! the error texts made from it, which may quote the address);
//! `email_attempts` (each reply and queue id). `events` hold codes, statuses
//! and instants only (checked anyway). Offers, templates, settings and facts
//! are the recruiter's.
//!
//! An erasure keeps a skeleton with none of those values: the candidate row
//! (placeholder name, `efface-<id>@invalid`, which no real address can be:
//! an address needs a dotted domain), its applications with their offer,
//! dates and status, every link (revoked, its token replaced by fresh
//! randomness) and every email (state, dates, codes; no text), so the offers'
//! counts and charts stay true.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::outbox::{email_columns, read_email_record};
use super::{
    optional_time_column, time_column, ApplicationRecord, EmailRecord, LinkRecord, OutboxState,
    Store, TimelineEntry,
};
use crate::domain::Token;
use crate::error::{CoreError, Result};

/// A candidate as stored.
#[derive(Debug, Clone)]
pub struct CandidateRecord {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// A link with when it stopped being the application's current one.
#[derive(Debug, Clone)]
pub struct StoredLink {
    pub link: LinkRecord,
    pub retired_at: Option<DateTime<Utc>>,
}

/// One try at sending an email, as stored.
#[derive(Debug, Clone)]
pub struct StoredAttempt {
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub outcome: Option<OutboxState>,
    pub smtp_code: Option<u16>,
    pub reply: Option<String>,
    pub queue_id: Option<String>,
    pub error_code: Option<String>,
}

/// An outbox row whole: its record, the texts as rendered, its tries.
#[derive(Debug, Clone)]
pub struct StoredEmail {
    pub record: EmailRecord,
    pub text: String,
    pub html: String,
    pub message_id: String,
    pub tries: Vec<StoredAttempt>,
}

/// One application of the candidate with everything attached to it.
#[derive(Debug, Clone)]
pub struct PersonalApplication {
    pub record: ApplicationRecord,
    pub links: Vec<StoredLink>,
    pub emails: Vec<StoredEmail>,
    pub timeline: Vec<TimelineEntry>,
}

/// Everything JobGate holds about one candidate.
#[derive(Debug, Clone)]
pub struct PersonalRecords {
    pub candidate: CandidateRecord,
    pub applications: Vec<PersonalApplication>,
}

/// What erasing a candidate would remove (said before the CLI's `--yes`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErasurePlan {
    pub candidate_id: i64,
    pub name: String,
    pub email: String,
    pub applications: u32,
    pub links: u32,
    pub emails: u32,
    /// Emails being handed to the server now: the erasure would be refused.
    pub sending: u32,
}

/// What an erasure did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Erasure {
    pub candidate_id: i64,
    /// Applications kept as a skeleton (offer, dates, status).
    pub applications: u32,
    /// Links that were still usable or current, revoked now.
    pub links_revoked: u32,
    /// Emails waiting to leave, withdrawn (never sent).
    pub emails_withdrawn: u32,
    /// Outbox rows whose texts, recipient and server replies were removed.
    pub emails_scrubbed: u32,
    /// The database file and its journal were rewritten without the erased
    /// bytes (false: another program kept the journal open, or the rewrite
    /// failed; the next opening of the data by JobGate finishes it).
    pub compacted: bool,
    /// Dry-run `.eml` files of their emails removed ([`crate::rgpd::erase`]).
    pub files_removed: u32,
    /// What finds their dry-run files (their old address, Message-IDs and
    /// tokens); in memory only, never serialized.
    #[serde(skip)]
    #[ts(skip)]
    pub traces: Vec<String>,
}

impl Store {
    /// The candidate with this address (any case, as stored), if any.
    pub fn candidate_by_email(&self, email: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM candidates WHERE email = ?1",
                [email.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Everything stored about the candidate, read in one snapshot.
    pub fn personal_records(&self, candidate_id: i64) -> Result<PersonalRecords> {
        let snapshot = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        let candidate = self
            .conn
            .query_row(
                "SELECT id, name, email, created_at FROM candidates WHERE id = ?1",
                [candidate_id],
                |r| {
                    Ok(CandidateRecord {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        email: r.get(2)?,
                        created_at: time_column(r, 3)?,
                    })
                },
            )
            .optional()?
            .ok_or(CoreError::CandidateNotFound { id: candidate_id })?;
        let mut applications = Vec::new();
        for id in self.applications_of(candidate_id)? {
            applications.push(PersonalApplication {
                record: self.application(id)?,
                links: self.links_of(id)?,
                emails: self.emails_of(id)?,
                timeline: self.timeline(id)?,
            });
        }
        if let Some(snapshot) = snapshot {
            snapshot.commit()?;
        }
        Ok(PersonalRecords {
            candidate,
            applications,
        })
    }

    /// What [`Store::erase_candidate`] would remove.
    pub fn erasure_plan(&self, candidate_id: i64) -> Result<ErasurePlan> {
        let (name, email): (String, String) = self
            .conn
            .query_row(
                "SELECT name, email FROM candidates WHERE id = ?1",
                [candidate_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(CoreError::CandidateNotFound { id: candidate_id })?;
        let count = |sql: &str| -> Result<u32> {
            Ok(self.conn.query_row(sql, [candidate_id], |r| r.get(0))?)
        };
        Ok(ErasurePlan {
            candidate_id,
            name,
            email,
            applications: count("SELECT COUNT(*) FROM applications WHERE candidate_id = ?1")?,
            links: count(
                "SELECT COUNT(*) FROM invite_links WHERE application_id IN
                     (SELECT id FROM applications WHERE candidate_id = ?1)",
            )?,
            emails: count(
                "SELECT COUNT(*) FROM outbox WHERE application_id IN
                     (SELECT id FROM applications WHERE candidate_id = ?1)",
            )?,
            sending: count(
                "SELECT COUNT(*) FROM outbox WHERE state = 'sending' AND application_id IN
                     (SELECT id FROM applications WHERE candidate_id = ?1)",
            )?,
        })
    }
}

impl Store {
    fn applications_of(&self, candidate_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM applications WHERE candidate_id = ?1 ORDER BY id")?;
        let ids = stmt
            .query_map([candidate_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    fn links_of(&self, application_id: i64) -> Result<Vec<StoredLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, token, created_at, expires_at, revoked_at, retired_at
             FROM invite_links WHERE application_id = ?1 ORDER BY id",
        )?;
        let links = stmt
            .query_map([application_id], |r| {
                Ok(StoredLink {
                    link: LinkRecord {
                        id: r.get(0)?,
                        token: Token::from_stored(r.get(1)?),
                        created_at: time_column(r, 2)?,
                        expires_at: time_column(r, 3)?,
                        revoked_at: optional_time_column(r, 4)?,
                    },
                    retired_at: optional_time_column(r, 5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(links)
    }

    fn emails_of(&self, application_id: i64) -> Result<Vec<StoredEmail>> {
        let columns = super::outbox::EMAIL_COLUMNS.len();
        let sql = format!(
            "SELECT {}, o.body_text, o.body_html, o.message_id
             FROM outbox o WHERE o.application_id = ?1 ORDER BY o.id",
            email_columns("o")
        );
        let rows: Vec<(EmailRecord, String, String, String)> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt
                .query_map([application_id], |r| {
                    Ok(read_email_record(r, 0)?.map(|record| {
                        Ok::<_, rusqlite::Error>((
                            record,
                            r.get(columns)?,
                            r.get(columns + 1)?,
                            r.get(columns + 2)?,
                        ))
                    }))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .flatten()
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let mut emails = Vec::with_capacity(rows.len());
        for (record, text, html, message_id) in rows {
            let tries = self.tries_of(record.outbox_id)?;
            emails.push(StoredEmail {
                record,
                text,
                html,
                message_id,
                tries,
            });
        }
        Ok(emails)
    }

    fn tries_of(&self, outbox_id: i64) -> Result<Vec<StoredAttempt>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT started_at, finished_at, outcome, smtp_code, reply, queue_id, error_code
             FROM email_attempts WHERE outbox_id = ?1 ORDER BY id",
        )?;
        let tries = stmt
            .query_map([outbox_id], |r| {
                let outcome: Option<String> = r.get(2)?;
                Ok(StoredAttempt {
                    started_at: time_column(r, 0)?,
                    finished_at: optional_time_column(r, 1)?,
                    outcome: outcome.as_deref().and_then(OutboxState::parse),
                    smtp_code: r.get(3)?,
                    reply: r.get(4)?,
                    queue_id: r.get(5)?,
                    error_code: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(tries)
    }
}
