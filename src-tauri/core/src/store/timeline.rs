//! An application's history: its events and every attempt at sending it an
//! email, read back in the order they happened.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::{
    optional_time_column, time_column, EmailKind, EventKind, OutboxState, RevokeReason, Store,
};
use crate::domain::ApplicationStatus;
use crate::error::Result;
use crate::time::from_stored;

/// One line of an application's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineKind {
    ApplicationAdded,
    LinkCreated {
        expires_at: Option<DateTime<Utc>>,
    },
    LinkRevoked {
        reason: RevokeReason,
    },
    LinkExtended {
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    },
    StatusChanged {
        from: Option<ApplicationStatus>,
        to: Option<ApplicationStatus>,
    },
    EmailQueued {
        kind: EmailKind,
    },
    /// Written to a file (dry run) instead of being sent.
    EmailDryRun,
    /// The candidate's name or address was corrected; `requeued` emails
    /// waiting to leave were made again for the corrected candidate.
    CandidateEdited {
        email_changed: bool,
        requeued: u32,
    },
    /// The candidate was erased at their request (RGPD).
    CandidateErased,
    /// One try at sending, with what the server said.
    EmailAttempt {
        kind: EmailKind,
        /// `None` while the attempt is under way.
        outcome: Option<OutboxState>,
        smtp_code: Option<u16>,
        reply: Option<String>,
        queue_id: Option<String>,
        error_code: Option<String>,
    },
    /// An event this build does not know (written by a newer one).
    Other {
        kind: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
}

/// Finished attempts, in the order they finished, with when.
type Attempts = VecDeque<(DateTime<Utc>, TimelineKind)>;
/// Attempts still under way, with when they started.
type Unfinished = Vec<(DateTime<Utc>, TimelineKind)>;

impl Store {
    /// An application's history, oldest first: its events and every attempt
    /// at sending it an email, with the server's code and reply.
    ///
    /// The events are the one ordered record (by id, so two things in the same
    /// second keep their order). Each finished attempt was recorded together
    /// with one `email_sent` / `email_failed` / `email_unknown` event: those
    /// events take, in order, the details of the attempts in the order they
    /// finished. An attempt still under way comes last.
    pub fn timeline(&self, application_id: i64) -> Result<Vec<TimelineEntry>> {
        let (mut finished, unfinished) = self.attempts(application_id)?;
        let mut entries = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, kind, detail FROM events WHERE application_id = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([application_id])?;
        while let Some(row) = rows.next()? {
            let at = time_column(row, 0)?;
            let stored: String = row.get(1)?;
            let detail: Option<String> = row.get(2)?;
            let kind = match EventKind::parse(&stored) {
                Some(
                    kind
                    @ (EventKind::EmailSent | EventKind::EmailFailed | EventKind::EmailUnknown),
                ) => match finished.pop_front() {
                    Some((_, attempt)) => attempt,
                    // An attempt whose row was since removed: what the event says.
                    None => event_kind(kind, detail.as_deref()),
                },
                Some(kind) => event_kind(kind, detail.as_deref()),
                None => TimelineKind::Other { kind: stored },
            };
            entries.push(TimelineEntry { at, kind });
        }
        entries.extend(
            finished
                .into_iter()
                .chain(unfinished)
                .map(|(at, kind)| TimelineEntry { at, kind }),
        );
        if entries.is_empty() {
            // Tell an application with no history from one that does not exist.
            self.application(application_id)?;
        }
        Ok(entries)
    }

    /// The application's attempts: finished ones in the order they finished,
    /// and those still under way.
    fn attempts(&self, application_id: i64) -> Result<(Attempts, Unfinished)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.started_at, e.finished_at, e.outcome, e.smtp_code, e.reply, e.queue_id, e.error_code, o.kind
             FROM email_attempts e JOIN outbox o ON o.id = e.outbox_id
             WHERE o.application_id = ?1 ORDER BY e.finished_at IS NULL, e.finished_at, e.id",
        )?;
        let mut rows = stmt.query([application_id])?;
        let (mut finished, mut unfinished) = (VecDeque::new(), Vec::new());
        while let Some(row) = rows.next()? {
            let started = time_column(row, 0)?;
            let done = optional_time_column(row, 1)?;
            let outcome: Option<String> = row.get(2)?;
            let attempt = TimelineKind::EmailAttempt {
                kind: EmailKind::parse(&row.get::<_, String>(7)?),
                outcome: outcome.as_deref().and_then(OutboxState::parse),
                smtp_code: row.get(3)?,
                reply: row.get(4)?,
                queue_id: row.get(5)?,
                error_code: row.get(6)?,
            };
            match done {
                Some(at) => finished.push_back((at, attempt)),
                None => unfinished.push((started, attempt)),
            }
        }
        Ok((finished, unfinished))
    }
}

/// Reads a stored event back. Every [`EventKind`] has its arm: adding a kind
/// without saying how the history shows it does not compile.
fn event_kind(kind: EventKind, detail: Option<&str>) -> TimelineKind {
    let json = || {
        detail
            .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
            .unwrap_or_default()
    };
    let instant =
        |v: &serde_json::Value, key: &str| v[key].as_str().and_then(|t| from_stored(t).ok());
    let status = |v: &serde_json::Value, key: &str| {
        v[key]
            .as_str()
            .and_then(|s| ApplicationStatus::parse(s).ok())
    };
    let outcome = |state: OutboxState| TimelineKind::EmailAttempt {
        kind: EmailKind::Invitation,
        outcome: Some(state),
        smtp_code: None,
        reply: None,
        queue_id: None,
        error_code: detail.map(str::to_owned),
    };
    match kind {
        EventKind::ApplicationAdded => TimelineKind::ApplicationAdded,
        EventKind::LinkCreated => TimelineKind::LinkCreated {
            expires_at: detail.and_then(|d| from_stored(d).ok()),
        },
        EventKind::LinkRevoked => TimelineKind::LinkRevoked {
            reason: RevokeReason::parse(detail.unwrap_or("")),
        },
        EventKind::LinkExtended => {
            let v = json();
            TimelineKind::LinkExtended {
                from: instant(&v, "from"),
                to: instant(&v, "to"),
            }
        }
        EventKind::StatusChanged => {
            let v = json();
            TimelineKind::StatusChanged {
                from: status(&v, "from"),
                to: status(&v, "to"),
            }
        }
        EventKind::EmailQueued => TimelineKind::EmailQueued {
            kind: EmailKind::parse(detail.unwrap_or("")),
        },
        EventKind::EmailDryRun => TimelineKind::EmailDryRun,
        EventKind::EmailSent => outcome(OutboxState::Sent),
        EventKind::EmailFailed => outcome(OutboxState::FailedPermanent),
        EventKind::EmailUnknown => outcome(OutboxState::Unknown),
        EventKind::CandidateErased => TimelineKind::CandidateErased,
        EventKind::CandidateEdited => {
            let v = json();
            TimelineKind::CandidateEdited {
                email_changed: v["email_changed"].as_bool().unwrap_or(false),
                requeued: v["requeued"]
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0),
            }
        }
    }
}
