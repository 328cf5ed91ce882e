//! Interview links: the one current link of an application, made or kept.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::domain::{ApplicationStatus, Token};
use crate::error::{CoreError, Result};
use crate::time::{add_local_days, to_stored};
use chrono_tz::Tz;

use super::*;

impl Store {
    /// The seed's idempotent create: returns the application's valid link if it
    /// has one (`created: false`), else makes a new one valid for the campaign's
    /// number of days. Safe against double clicks and concurrent processes: the
    /// whole check-and-insert holds the write lock, and the schema refuses a
    /// second current link anyway.
    pub fn create_or_get_link(
        &mut self,
        application_id: i64,
        now: DateTime<Utc>,
    ) -> Result<LinkOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = create_or_get_link(&tx, application_id, now, self.zone)?;
        tx.commit()?;
        Ok(outcome)
    }
}

/// The check-and-insert behind [`Store::create_or_get_link`], inside a write transaction.
pub(crate) fn create_or_get_link(
    tx: &Transaction<'_>,
    application_id: i64,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<LinkOutcome> {
    let (status, job_status, job_title, validity_days, email): (
        String,
        String,
        String,
        i64,
        String,
    ) = tx
        .query_row(
            "SELECT a.status, j.status, j.title, cp.link_validity_days, c.email
             FROM applications a
             JOIN job_offers j ON j.id = a.job_id
             JOIN campaigns cp ON cp.job_id = a.job_id
             JOIN candidates c ON c.id = a.candidate_id
             WHERE a.id = ?1",
            [application_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(CoreError::ApplicationNotFound { id: application_id })?;
    // An erased candidate gets nothing again (no address to send it to).
    if crate::rgpd::is_erased_address(&email) {
        return Err(CoreError::CandidateErased { id: application_id });
    }

    // A decision is final: not even a still-valid link is handed out again.
    let status = ApplicationStatus::parse(&status)?;
    if let Some(closed) = closed_error(application_id, status, job_status == "open", &job_title) {
        return Err(closed);
    }
    if let Some(current) = current_link(tx, application_id)? {
        if current.state(now) == LinkState::Active {
            return Ok(LinkOutcome {
                link: current,
                created: false,
            });
        }
        // Expired (or revoked): it stops being the current link.
        tx.execute(
            "UPDATE invite_links SET retired_at = ?2 WHERE id = ?1",
            params![current.id, to_stored(now)],
        )?;
    }

    let token = Token::generate()?;
    let expires_at = add_local_days(now, u32::try_from(validity_days).unwrap_or(7), zone);
    tx.execute(
        "INSERT INTO invite_links (application_id, token, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            application_id,
            token.as_str(),
            to_stored(now),
            to_stored(expires_at)
        ],
    )?;
    let link_id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE applications SET status = 'invited' WHERE id = ?1 AND status = 'new'",
        [application_id],
    )?;
    record_event(
        tx,
        application_id,
        now,
        EventKind::LinkCreated,
        Some(&to_stored(expires_at)),
    )?;
    Ok(LinkOutcome {
        link: LinkRecord {
            id: link_id,
            token,
            created_at: truncate_to_seconds(now),
            expires_at: truncate_to_seconds(expires_at),
            revoked_at: None,
        },
        created: true,
    })
}

/// A valid link whose invitation never reached the candidate — a batch
/// cancelled before its turn, a send refused or failed, a dry run, a link
/// made to be copied — counts its validity again from the email being prepared now (none
/// queued for it, whose text states the old date), so
/// the candidate gets the offer's whole validity and the email states it
/// (ARCHITECTURE.md, "a link's clock starts with its first email"). Never
/// shortens a link, never past its lifetime cap; said in its history.
pub(crate) fn restart_unsent_link(
    tx: &Transaction<'_>,
    application_id: i64,
    link: &mut LinkRecord,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<()> {
    let emailed: bool = tx.query_row(
        // A dry run's email reached no one: the real one starts the clock.
        "SELECT EXISTS (SELECT 1 FROM outbox
                         WHERE link_id = ?1 AND state IN ('sent', 'sending', 'unknown', 'queued'))",
        [link.id],
        |r| r.get(0),
    )?;
    if emailed {
        return Ok(());
    }
    let validity_days: i64 = tx.query_row(
        "SELECT cp.link_validity_days FROM applications a
         JOIN campaigns cp ON cp.job_id = a.job_id WHERE a.id = ?1",
        [application_id],
        |r| r.get(0),
    )?;
    let limit = add_local_days(
        link.created_at,
        super::lifecycle::MAX_LINK_LIFETIME_DAYS,
        zone,
    );
    let days = u32::try_from(validity_days).unwrap_or(7);
    let to = truncate_to_seconds(add_local_days(now, days, zone).min(limit));
    // Made a moment ago (the same invitation): nothing worth a history line.
    if to <= link.expires_at + chrono::Duration::minutes(1) {
        return Ok(());
    }
    tx.execute(
        "UPDATE invite_links SET expires_at = ?2 WHERE id = ?1",
        params![link.id, to_stored(to)],
    )?;
    let detail = serde_json::json!({ "from": to_stored(link.expires_at), "to": to_stored(to) });
    record_event(
        tx,
        application_id,
        now,
        EventKind::LinkExtended,
        Some(&detail.to_string()),
    )?;
    link.expires_at = to;
    Ok(())
}

/// Renders an email of a kind for an application and its link, as the outbox
/// stores it (the shell's composer: template, links, sender domain).
pub type Remake<'a> = dyn Fn(EmailKind, &ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>
    + 'a;

/// A link by its id, whatever its state.
pub(super) fn link_by_id(tx: &Transaction<'_>, link_id: i64) -> Result<Option<LinkRecord>> {
    Ok(tx
        .query_row(
            "SELECT id, token, created_at, expires_at, revoked_at FROM invite_links WHERE id = ?1",
            [link_id],
            read_link,
        )
        .optional()?)
}

pub(super) fn read_link(row: &Row<'_>) -> rusqlite::Result<LinkRecord> {
    Ok(LinkRecord {
        id: row.get(0)?,
        token: Token::from_stored(row.get(1)?),
        created_at: time_column(row, 2)?,
        expires_at: time_column(row, 3)?,
        revoked_at: optional_time_column(row, 4)?,
    })
}

pub(super) fn current_link(
    tx: &Transaction<'_>,
    application_id: i64,
) -> Result<Option<LinkRecord>> {
    Ok(tx
        .query_row(
            "SELECT id, token, created_at, expires_at, revoked_at FROM invite_links
             WHERE application_id = ?1 AND retired_at IS NULL",
            [application_id],
            read_link,
        )
        .optional()?)
}
