//! The outbox: every email is a row here before it leaves.
//!
//! `queued` → `sending` (claimed by one process, one attempt recorded) → `sent`
//! | `failed_temporary` | `failed_permanent`. The link and the outbox row are
//! written in the same transaction, so a confirmed invitation is never lost
//! between the two.
//!
//! Here: a row and reading it back (its state and kind, the list's and the
//! outbox view's [`EmailRecord`]), listing and counting rows. Writing them:
//! `prepare` (the link and its queued row in one transaction, follow-ups),
//! `delivery` (claim, record the outcome, recover rows left mid-send,
//! requeue, withdraw).

use chrono::{DateTime, Utc};
use rusqlite::Row;

use super::{optional_time_column, time_column, Store};
use crate::error::Result;
use crate::mail::RenderedEmail;
use crate::time::to_stored;

mod delivery;
mod prepare;

pub use delivery::DeliveryOutcome;
pub use prepare::{Delivery, PreparedEmail, PreparedInvitation};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    ts_rs::TS,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    Queued,
    Sending,
    Sent,
    FailedTemporary,
    FailedPermanent,
    Unknown,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<OutboxState> {
        s.parse().ok()
    }
}

/// What an outbox row carries: the invitation (first sent or sent again), or
/// the news that the link was extended.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    ts_rs::TS,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    Invitation,
    Extension,
}

impl EmailKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What a stored kind says; an unknown one is an invitation (the first kind).
    pub(super) fn parse(s: &str) -> EmailKind {
        s.parse().unwrap_or(EmailKind::Invitation)
    }
}

/// One outbox row as the list, the outbox view and `jobgate outbox` show it.
#[derive(Debug, Clone)]
pub struct EmailRecord {
    pub outbox_id: i64,
    pub application_id: i64,
    pub link_id: i64,
    pub recipient: String,
    pub recipient_name: String,
    pub subject: String,
    pub state: OutboxState,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub smtp_code: Option<u16>,
    pub reply: Option<String>,
    pub error_code: Option<String>,
    pub error_fr: Option<String>,
    pub error_en: Option<String>,
    pub queue_id: Option<String>,
    pub kind: EmailKind,
    /// The template version the email was made from (`None` before templates existed).
    pub template_id: Option<i64>,
}

/// The columns [`read_email_record`] reads, in its order (prefix them with a
/// table alias where needed).
pub(super) const EMAIL_COLUMNS: [&str; 19] = [
    "id",
    "application_id",
    "link_id",
    "recipient",
    "recipient_name",
    "subject",
    "state",
    "attempts",
    "created_at",
    "updated_at",
    "sent_at",
    "last_smtp_code",
    "last_reply",
    "last_error_code",
    "last_error_fr",
    "last_error_en",
    "queue_id",
    "kind",
    "template_id",
];

pub(super) fn email_columns(alias: &str) -> String {
    EMAIL_COLUMNS
        .iter()
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A message ready to go, as stored.
#[derive(Debug, Clone)]
pub struct OutboxEntry {
    pub id: i64,
    pub application_id: i64,
    pub recipient: String,
    pub recipient_name: String,
    pub email: RenderedEmail,
    pub message_id: String,
}

impl Store {
    /// How many emails were sent since `since` (for the daily quota).
    pub fn count_sent_since(&self, since: DateTime<Utc>) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND sent_at >= ?1",
            [to_stored(since)],
            |r| r.get(0),
        )?)
    }

    /// The latest outbox rows, newest first, each with its offer and whether
    /// it is its application's latest email (the one Réessayer would redo).
    pub fn list_outbox(&self, limit: u32) -> Result<Vec<OutboxLine>> {
        let sql = format!(
            "SELECT {}, j.id, j.title,
                    o.id = (SELECT MAX(id) FROM outbox WHERE application_id = o.application_id)
             FROM outbox o
             JOIN applications a ON a.id = o.application_id
             JOIN job_offers j ON j.id = a.job_id
             ORDER BY o.id DESC LIMIT ?1",
            email_columns("o")
        );
        let first_job_column = EMAIL_COLUMNS.len();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok(
                    read_email_record(r, 0)?.map(|email| -> rusqlite::Result<OutboxLine> {
                        Ok(OutboxLine {
                            email,
                            job_id: r.get(first_job_column)?,
                            job_title: r.get(first_job_column + 1)?,
                            latest: r.get(first_job_column + 2)?,
                            application: None,
                        })
                    }),
                )
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect::<rusqlite::Result<Vec<OutboxLine>>>()?;
        // What Réessayer would redo needs the application as it stands: only
        // for the latest email of an application, when it did not go.
        let mut rows = rows;
        for line in rows.iter_mut().filter(|l| {
            l.latest
                && matches!(
                    l.email.state,
                    OutboxState::FailedTemporary
                        | OutboxState::FailedPermanent
                        | OutboxState::Unknown
                )
        }) {
            line.application = Some(self.application(line.email.application_id)?);
        }
        Ok(rows)
    }
}

/// One line of the Boîte d'envoi: an email, its offer, and whether it is its
/// application's latest.
#[derive(Debug, Clone)]
pub struct OutboxLine {
    pub email: EmailRecord,
    pub job_id: i64,
    pub job_title: String,
    pub latest: bool,
    /// The application as it stands, for the latest email that did not go
    /// (failed or uncertain): what Réessayer would do depends on it.
    pub application: Option<super::ApplicationRecord>,
}

fn read_entry(tx: &rusqlite::Transaction<'_>, id: i64) -> Result<OutboxEntry> {
    Ok(tx.query_row(
        "SELECT id, application_id, recipient, recipient_name, subject, body_text, body_html, message_id
         FROM outbox WHERE id = ?1",
        [id],
        |r| {
            Ok(OutboxEntry {
                id: r.get(0)?,
                application_id: r.get(1)?,
                recipient: r.get(2)?,
                recipient_name: r.get(3)?,
                email: RenderedEmail {
                    subject: r.get(4)?,
                    text: r.get(5)?,
                    html: r.get(6)?,
                },
                message_id: r.get(7)?,
            })
        },
    )?)
}

/// Reads [`EMAIL_COLUMNS`] starting at column `first`; `None` when the row
/// has no email (a LEFT JOIN that found none).
pub(super) fn read_email_record(
    row: &Row<'_>,
    first: usize,
) -> rusqlite::Result<Option<EmailRecord>> {
    let Some(outbox_id) = row.get::<_, Option<i64>>(first)? else {
        return Ok(None);
    };
    let state: String = row.get(first + 6)?;
    Ok(Some(EmailRecord {
        outbox_id,
        application_id: row.get(first + 1)?,
        link_id: row.get(first + 2)?,
        recipient: row.get(first + 3)?,
        recipient_name: row.get(first + 4)?,
        subject: row.get(first + 5)?,
        state: OutboxState::parse(&state).unwrap_or(OutboxState::Unknown),
        attempts: row.get(first + 7)?,
        created_at: time_column(row, first + 8)?,
        updated_at: time_column(row, first + 9)?,
        sent_at: optional_time_column(row, first + 10)?,
        smtp_code: row.get(first + 11)?,
        reply: row.get(first + 12)?,
        error_code: row.get(first + 13)?,
        error_fr: row.get(first + 14)?,
        error_en: row.get(first + 15)?,
        queue_id: row.get(first + 16)?,
        kind: EmailKind::parse(&row.get::<_, String>(first + 17)?),
        template_id: row.get(first + 18)?,
    }))
}
