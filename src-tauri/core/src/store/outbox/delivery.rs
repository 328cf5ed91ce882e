//! A queued row's way out: claimed by one process (one attempt opened), its
//! outcome recorded; rows a stopped process left `sending` marked `unknown`;
//! a dry run's row discarded; a temporary failure requeued; a cancelled
//! batch's rows withdrawn.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{read_entry, OutboxEntry, OutboxState};
use crate::error::{CoreError, Result};
use crate::store::{record_event, EventKind, Store};
use crate::time::to_stored;

/// How one attempt ended.
pub struct DeliveryOutcome<'a> {
    pub state: OutboxState,
    pub smtp_code: Option<u16>,
    pub reply: Option<&'a str>,
    /// The id the server gave an accepted message.
    pub queue_id: Option<&'a str>,
    pub error_code: Option<&'a str>,
    pub error_fr: Option<String>,
    pub error_en: Option<String>,
}

impl Store {
    /// Takes a queued row for sending: true if this process got it (and one
    /// attempt is recorded), false if another process already did.
    /// `lease` is the claiming process's lease id (see `crate::lease`).
    pub fn claim_outbox(
        &mut self,
        outbox_id: i64,
        now: DateTime<Utc>,
        lease: Option<&str>,
    ) -> Result<bool> {
        Ok(self
            .claim_outbox_entry(outbox_id, now, lease, None)?
            .is_some())
    }

    /// [`Store::claim_outbox`], returning the row as it stands at the claim:
    /// what is sent is what the outbox says now, never a copy read when the
    /// batch was prepared. With `remake`, a row whose recipient is no longer
    /// the candidate's address or name (corrected while it was being sent and
    /// then put back for a retry) is made again for them first, in the same
    /// transaction: an email never goes to an address the recruiter corrected.
    pub fn claim_outbox_entry(
        &mut self,
        outbox_id: i64,
        now: DateTime<Utc>,
        lease: Option<&str>,
        remake: Option<&crate::store::Remake<'_>>,
    ) -> Result<Option<OutboxEntry>> {
        // The links as today's settings make them: a row queued under another
        // base URL (a dry run's localhost, interrupted) is made again.
        let start = format!("{}/interview/start/", self.base_url()?);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let claimed = tx.execute(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2, claimed_by = ?3
             WHERE id = ?1 AND state = 'queued'
               AND link_id IN (SELECT id FROM invite_links WHERE revoked_at IS NULL)",
            params![outbox_id, to_stored(now), lease],
        )? == 1;
        let entry = if claimed {
            tx.execute(
                "INSERT INTO email_attempts (outbox_id, started_at) VALUES (?1, ?2)",
                params![outbox_id, to_stored(now)],
            )?;
            if let Some(remake) = remake {
                let (application_id, link_id, kind, current): (i64, i64, String, bool) = tx
                    .query_row(
                        "SELECT o.application_id, o.link_id, o.kind,
                                o.recipient = c.email AND o.recipient_name = c.name
                                    AND instr(o.body_text, ?2) > 0
                         FROM outbox o
                         JOIN applications a ON a.id = o.application_id
                         JOIN candidates c ON c.id = a.candidate_id
                         WHERE o.id = ?1",
                        params![outbox_id, start],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )?;
                if !current {
                    crate::store::editing::remake_rows(
                        &tx,
                        application_id,
                        &[(outbox_id, link_id, kind)],
                        now,
                        remake,
                    )?;
                }
            }
            Some(read_entry(&tx, outbox_id)?)
        } else {
            None
        };
        tx.commit()?;
        Ok(entry)
    }

    /// Records how the attempt on a claimed row ended.
    pub fn record_delivery(
        &mut self,
        outbox_id: i64,
        now: DateTime<Utc>,
        outcome: &DeliveryOutcome<'_>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (application_id, state): (i64, String) = tx
            .query_row(
                "SELECT application_id, state FROM outbox WHERE id = ?1",
                [outbox_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(CoreError::OutboxNotFound { id: outbox_id })?;
        if state != OutboxState::Sending.as_str() {
            // Not the row this process claimed any more (the data was restored
            // meanwhile): its outcome belongs to no row here.
            tracing::warn!(
                outbox_id,
                state,
                "outcome of a row no longer being sent: not recorded"
            );
            return Ok(());
        }
        let sent_at = (outcome.state == OutboxState::Sent).then(|| to_stored(now));
        tx.execute(
            "UPDATE outbox SET state = ?2, updated_at = ?3, sent_at = COALESCE(?4, sent_at),
                    last_smtp_code = ?5, last_reply = ?6, last_error_code = ?7,
                    last_error_fr = ?8, last_error_en = ?9, queue_id = COALESCE(?10, queue_id)
             WHERE id = ?1",
            params![
                outbox_id,
                outcome.state.as_str(),
                to_stored(now),
                sent_at,
                outcome.smtp_code,
                outcome.reply,
                outcome.error_code,
                outcome.error_fr,
                outcome.error_en,
                outcome.queue_id
            ],
        )?;
        tx.execute(
            "UPDATE email_attempts SET finished_at = ?2, outcome = ?3, smtp_code = ?4, reply = ?5, error_code = ?6,
                    queue_id = ?7
             WHERE id = (SELECT MAX(id) FROM email_attempts WHERE outbox_id = ?1)",
            params![
                outbox_id,
                to_stored(now),
                outcome.state.as_str(),
                outcome.smtp_code,
                outcome.reply,
                outcome.error_code,
                outcome.queue_id
            ],
        )?;
        let kind = if outcome.state == OutboxState::Sent {
            EventKind::EmailSent
        } else {
            EventKind::EmailFailed
        };
        record_event(&tx, application_id, now, kind, outcome.error_code)?;
        tx.commit()?;
        Ok(())
    }

    /// Rows left `sending` by a process that is no longer alive become
    /// `unknown`: the message may or may not have reached the server, so it is
    /// shown to the recruiter and never resent automatically. Rows a live
    /// process is sending are left alone. Returns how many rows changed.
    pub fn recover_interrupted(
        &mut self,
        now: DateTime<Utc>,
        is_alive: impl Fn(&str) -> bool,
    ) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sending: Vec<(i64, i64, Option<String>)> = {
            let mut stmt = tx.prepare(
                "SELECT id, application_id, claimed_by FROM outbox WHERE state = 'sending'",
            )?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let mut changed = 0;
        for (id, application_id, owner) in sending {
            if owner.as_deref().is_some_and(&is_alive) {
                continue;
            }
            tx.execute(
                "UPDATE outbox SET state = 'unknown', updated_at = ?2, last_error_code = 'interrupted',
                        last_error_fr = ?3, last_error_en = ?4, last_smtp_code = NULL, last_reply = NULL
                 WHERE id = ?1 AND state = 'sending'",
                params![
                    id,
                    to_stored(now),
                    crate::tr!(crate::Lang::Fr, "outbox-error-interrupted"),
                    crate::tr!(crate::Lang::En, "outbox-error-interrupted"),
                ],
            )?;
            tx.execute(
                "UPDATE email_attempts SET finished_at = ?2, outcome = 'unknown', error_code = 'interrupted'
                 WHERE id = (SELECT MAX(id) FROM email_attempts WHERE outbox_id = ?1) AND finished_at IS NULL",
                params![id, to_stored(now)],
            )?;
            record_event(&tx, application_id, now, EventKind::EmailUnknown, None)?;
            changed += 1;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// A dry run wrote the message to a file instead of sending it: the row is
    /// removed (its link stays), so the application still awaits a real email.
    pub fn discard_dry_run(&mut self, outbox_id: i64, now: DateTime<Utc>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(application_id) = tx
            .query_row(
                "SELECT application_id FROM outbox WHERE id = ?1",
                [outbox_id],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        {
            tx.execute("DELETE FROM outbox WHERE id = ?1", [outbox_id])?;
            record_event(&tx, application_id, now, EventKind::EmailDryRun, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Puts a row that failed temporarily back in the queue, for a retry.
    pub fn requeue_outbox(&mut self, outbox_id: i64, now: DateTime<Utc>) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'queued', updated_at = ?2 WHERE id = ?1 AND state = 'failed_temporary'",
            params![outbox_id, to_stored(now)],
        )? == 1)
    }

    /// Takes a queued row back when its batch is cancelled: a row never tried
    /// is removed (its link stays); one waiting for a retry keeps its failure.
    pub fn withdraw_queued(&mut self, outbox_id: i64, now: DateTime<Utc>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM outbox WHERE id = ?1 AND state = 'queued' AND attempts = 0",
            [outbox_id],
        )?;
        tx.execute(
            "UPDATE outbox SET state = 'failed_temporary', updated_at = ?2 WHERE id = ?1 AND state = 'queued'",
            params![outbox_id, to_stored(now)],
        )?;
        tx.commit()?;
        Ok(())
    }
}
