//! The application's history as stored: one `events` row per thing that
//! happened. [`EventKind`] is the one list of what can happen, shared by the
//! writers (every store function that changes an application) and the reader
//! ([`super::Store::timeline`]), so a kind cannot be written that the history
//! does not know how to say.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

use crate::error::Result;
use crate::time::to_stored;

/// What an `events` row records. The stored text is the snake_case name
/// (`link_revoked`, …); the derived forms replace hand-written `as_str`/`parse`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::Display,
)]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    ApplicationAdded,
    /// Detail: the link's expiry (stored instant).
    LinkCreated,
    /// Detail: the [`super::RevokeReason`].
    LinkRevoked,
    /// Detail: `{"from": …, "to": …}`.
    LinkExtended,
    /// Detail: `{"from": …, "to": …}` (application statuses).
    StatusChanged,
    /// Detail: the [`super::EmailKind`].
    EmailQueued,
    EmailDryRun,
    /// Detail: none (the attempt holds the server's reply).
    EmailSent,
    /// Detail: the error code.
    EmailFailed,
    EmailUnknown,
    /// The candidate's name or address was corrected. Detail:
    /// `{"email_changed": bool, "requeued": n}`.
    CandidateEdited,
    /// The candidate was erased at their request (RGPD): their links revoked,
    /// waiting emails withdrawn, every personal value gone. Detail: none.
    CandidateErased,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind of a stored row; `None` for one written by a newer build.
    pub fn parse(stored: &str) -> Option<EventKind> {
        stored.parse().ok()
    }
}

/// Appends one event to an application's history, inside the change's transaction.
pub(crate) fn record_event(
    tx: &Transaction<'_>,
    application_id: i64,
    at: DateTime<Utc>,
    kind: EventKind,
    detail: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO events (application_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)",
        params![application_id, to_stored(at), kind.as_str(), detail],
    )?;
    Ok(())
}
