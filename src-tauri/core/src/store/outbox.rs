//! The outbox: every email is a row here before it leaves.
//!
//! `queued` → `sending` (claimed by one process, one attempt recorded) → `sent`
//! | `failed_temporary` | `failed_permanent`. The link and the outbox row are
//! written in the same transaction, so a confirmed invitation is never lost
//! between the two.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::{
    create_or_get_link, current_link, optional_time_column, record_event, time_column,
    ApplicationRecord, EventKind, LinkOutcome, LinkRecord, LinkState, Store, StoredTemplate,
};
use crate::error::{CoreError, Result};
use crate::mail::RenderedEmail;
use crate::time::to_stored;

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

/// What the caller renders for a new outbox row.
pub struct PreparedEmail {
    pub recipient: String,
    pub recipient_name: String,
    pub email: RenderedEmail,
    pub message_id: String,
}

/// What to do after the link exists.
#[derive(Debug, Clone)]
pub enum Delivery {
    /// This row must be sent now.
    Send(OutboxEntry),
    /// The current link was already emailed: nothing is sent again without
    /// the recruiter asking for a resend.
    AlreadySent { sent_at: Option<DateTime<Utc>> },
    /// Another window or command is sending it right now.
    InProgress,
}

#[derive(Debug, Clone)]
pub struct PreparedInvitation {
    pub link: LinkOutcome,
    pub delivery: Delivery,
}

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
    /// Creates (or reuses) the application's link and, in the same
    /// transaction, the outbox row that will carry it — unless the link was
    /// already emailed or is being emailed by another process. `compose` renders
    /// the message from the application and its link.
    pub fn prepare_invitation(
        &mut self,
        application_id: i64,
        now: DateTime<Utc>,
        compose: impl FnOnce(&ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>,
    ) -> Result<PreparedInvitation> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let link = create_or_get_link(&tx, application_id, now, self.zone)?;
        let delivery = queue_email(
            &tx,
            application_id,
            &link.link,
            now,
            EmailKind::Invitation,
            false,
            compose,
        )?;
        tx.commit()?;
        Ok(PreparedInvitation { link, delivery })
    }

    /// An email for the application's valid link even if one was already sent:
    /// the invitation again ("Renvoyer", same link, today's expiry in the text)
    /// or the news of an extension. A link that is not valid gets nothing: the
    /// error says why.
    pub fn prepare_follow_up(
        &mut self,
        application_id: i64,
        now: DateTime<Utc>,
        kind: EmailKind,
        compose: impl FnOnce(&ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>,
    ) -> Result<(LinkRecord, Delivery)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        super::require_undecided(&tx, application_id)?;
        let link = match current_link(&tx, application_id)? {
            Some(link) if link.state(now) == LinkState::Active => link,
            Some(link) => {
                return Err(CoreError::NoActiveLink {
                    id: application_id,
                    state: Some(link.state(now)),
                })
            }
            // None current: never invited, or the last link was revoked.
            None => {
                super::lifecycle::require_application(&tx, application_id)?;
                return Err(super::lifecycle::no_active_link(&tx, application_id, now)?);
            }
        };
        let delivery = queue_email(&tx, application_id, &link, now, kind, true, compose)?;
        tx.commit()?;
        Ok((link, delivery))
    }

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
        remake: Option<&super::Remake<'_>>,
    ) -> Result<Option<OutboxEntry>> {
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
                         FROM outbox o
                         JOIN applications a ON a.id = o.application_id
                         JOIN candidates c ON c.id = a.candidate_id
                         WHERE o.id = ?1",
                        [outbox_id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )?;
                if !current {
                    super::editing::remake_rows(
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
}

impl Store {
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

    /// How many emails were sent since `since` (for the daily quota).
    pub fn count_sent_since(&self, since: DateTime<Utc>) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND sent_at >= ?1",
            [to_stored(since)],
            |r| r.get(0),
        )?)
    }

    /// The latest outbox rows, newest first.
    pub fn list_outbox(&self, limit: u32) -> Result<Vec<EmailRecord>> {
        let sql = format!(
            "SELECT {} FROM outbox o ORDER BY o.id DESC LIMIT ?1",
            email_columns("o")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([limit], |r| read_email_record(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        Ok(rows)
    }
}

/// What to send for `link`: the row already queued for it, nothing if one is
/// being sent (or, unless `again`, was sent), else a new row from `compose`.
fn queue_email(
    tx: &rusqlite::Transaction<'_>,
    application_id: i64,
    link: &LinkRecord,
    now: DateTime<Utc>,
    kind: EmailKind,
    again: bool,
    compose: impl FnOnce(&ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>,
) -> Result<Delivery> {
    let latest: Option<(i64, String, Option<String>)> = tx
        .query_row(
            "SELECT id, state, sent_at FROM outbox WHERE link_id = ?1 ORDER BY id DESC LIMIT 1",
            [link.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match latest {
        Some((_, state, sent_at)) if state == "sent" && !again => {
            return Ok(Delivery::AlreadySent {
                sent_at: sent_at.and_then(|t| crate::time::from_stored(&t).ok()),
            })
        }
        Some((_, state, _)) if state == "sending" => return Ok(Delivery::InProgress),
        Some((id, state, _)) if state == "queued" => {
            return Ok(Delivery::Send(read_entry(tx, id)?))
        }
        // No email yet, the last one failed (or is unknown), or the recruiter
        // asked for another: a new message is queued.
        _ => {}
    }
    let sql = format!("{} WHERE a.id = ?1", super::select_applications());
    let application = tx.query_row(&sql, [application_id], super::read_application)?;
    let template = super::templates::template_for_email(tx, application.job_id, now)?;
    let prepared = compose(&application, link, &template)?;
    tx.execute(
        "INSERT INTO outbox (application_id, link_id, recipient, recipient_name, subject,
                             body_text, body_html, message_id, created_at, updated_at, kind,
                             template_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
        params![
            application_id,
            link.id,
            prepared.recipient,
            prepared.recipient_name,
            prepared.email.subject,
            prepared.email.text,
            prepared.email.html,
            prepared.message_id,
            to_stored(now),
            kind.as_str(),
            template.id
        ],
    )?;
    let id = tx.last_insert_rowid();
    record_event(
        tx,
        application_id,
        now,
        EventKind::EmailQueued,
        Some(kind.as_str()),
    )?;
    Ok(Delivery::Send(read_entry(tx, id)?))
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
