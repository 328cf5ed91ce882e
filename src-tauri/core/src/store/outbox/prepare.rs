//! Queuing an email: the link (created or reused) and its outbox row in one
//! transaction for a first invitation; for a follow-up (resend, extension),
//! a new row for the valid link even if one was sent.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{read_entry, EmailKind, OutboxEntry};
use crate::error::{CoreError, Result};
use crate::mail::RenderedEmail;
use crate::store::{
    create_or_get_link, current_link, record_event, ApplicationRecord, EventKind, LinkOutcome,
    LinkRecord, LinkState, Store, StoredTemplate,
};
use crate::time::to_stored;

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
        let mut link = create_or_get_link(&tx, application_id, now, self.zone)?;
        if !link.created {
            crate::store::links::restart_unsent_link(
                &tx,
                application_id,
                &mut link.link,
                now,
                self.zone,
            )?;
        }
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
        crate::store::require_undecided(&tx, application_id)?;
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
                crate::store::lifecycle::require_application(&tx, application_id)?;
                return Err(crate::store::lifecycle::no_active_link(
                    &tx,
                    application_id,
                    now,
                )?);
            }
        };
        let delivery = queue_email(&tx, application_id, &link, now, kind, true, compose)?;
        tx.commit()?;
        Ok((link, delivery))
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
    let sql = format!("{} WHERE a.id = ?1", crate::store::select_applications());
    let application = tx.query_row(&sql, [application_id], crate::store::read_application)?;
    let template = crate::store::templates::template_for_email(tx, application.job_id, now)?;
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
