//! An invitation's life after its link is made: the application's workflow
//! status, revoking and extending links, opening and closing a job offer and
//! its links' validity. The per-offer overview and the links export are in
//! `overview`, the history of an application in `timeline`.
//!
//! Every change here is one `BEGIN IMMEDIATE` transaction that also writes the
//! application's history (`events`), so what the timeline shows is what happened.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::{current_link, record_event, EventKind, LinkRecord, LinkState, Store};
use crate::domain::ApplicationStatus;
use crate::error::{CoreError, Result};
use crate::settings::parse_validity_days;
use crate::time::{add_local_days, from_stored, to_stored};

/// No link lives longer than this many calendar days after it was made,
/// however often it is extended: a bearer link must not stay usable for ever.
pub const MAX_LINK_LIFETIME_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    /// True when the change revoked the application's valid link.
    pub revoked_link: bool,
}

/// Why a link was revoked, as the history says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeReason {
    /// The recruiter clicked "Révoquer".
    Recruiter,
    /// The application became rejected, hired or withdrawn.
    Closed(ApplicationStatus),
    /// Its job offer was closed.
    JobClosed,
}

impl RevokeReason {
    fn stored(self) -> String {
        match self {
            RevokeReason::Recruiter => "recruiter".to_owned(),
            RevokeReason::Closed(status) => format!("status:{}", status.as_str()),
            RevokeReason::JobClosed => "job_closed".to_owned(),
        }
    }

    pub(super) fn parse(s: &str) -> RevokeReason {
        match s.strip_prefix("status:") {
            Some(status) => ApplicationStatus::parse(status)
                .map(RevokeReason::Closed)
                .unwrap_or(RevokeReason::Recruiter),
            None if s == "job_closed" => RevokeReason::JobClosed,
            None => RevokeReason::Recruiter,
        }
    }
}

impl Store {
    /// Moves an application along its workflow. Rejected, hired or withdrawn
    /// revoke its valid link in the same transaction (a candidate who is no
    /// longer in the running cannot start an interview).
    pub fn set_application_status(
        &mut self,
        application_id: i64,
        to: ApplicationStatus,
        now: DateTime<Utc>,
    ) -> Result<StatusChange> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from: String = tx
            .query_row(
                "SELECT status FROM applications WHERE id = ?1",
                [application_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(CoreError::ApplicationNotFound { id: application_id })?;
        let from = ApplicationStatus::parse(&from)?;
        let mut change = StatusChange {
            from,
            to,
            revoked_link: false,
        };
        if from != to {
            tx.execute(
                "UPDATE applications SET status = ?2 WHERE id = ?1",
                params![application_id, to.as_str()],
            )?;
            let detail = serde_json::json!({ "from": from.as_str(), "to": to.as_str() });
            record_event(
                &tx,
                application_id,
                now,
                EventKind::StatusChanged,
                Some(&detail.to_string()),
            )?;
            if to.is_closed() {
                change.revoked_link =
                    retire_current(&tx, application_id, now, RevokeReason::Closed(to))?.is_some();
            }
        }
        tx.commit()?;
        Ok(change)
    }

    /// "Révoquer": the application's valid link stops working now. An email
    /// still waiting in the outbox for it is withdrawn.
    pub fn revoke_link(&mut self, application_id: i64, now: DateTime<Utc>) -> Result<LinkRecord> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_application(&tx, application_id)?;
        let Some(link) = retire_current(&tx, application_id, now, RevokeReason::Recruiter)? else {
            return Err(no_active_link(&tx, application_id, now)?);
        };
        tx.commit()?;
        Ok(link)
    }

    /// "Prolonger": the current link (valid, or expired but not replaced) stays
    /// the same and expires `days` calendar days after its expiry — or after
    /// now, if it has already expired. A revoked link cannot be extended, nor
    /// the link of a closed application or offer (a decision is final), nor
    /// any link past [`MAX_LINK_LIFETIME_DAYS`] after it was made.
    pub fn extend_link(
        &mut self,
        application_id: i64,
        days: u32,
        now: DateTime<Utc>,
    ) -> Result<LinkRecord> {
        let days = parse_validity_days(&days.to_string())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        super::require_undecided(&tx, application_id)?;
        let link = match current_link(&tx, application_id)? {
            Some(link) if link.revoked_at.is_none() => link,
            _ => return Err(no_active_link(&tx, application_id, now)?),
        };
        let from = link.expires_at;
        let limit = add_local_days(link.created_at, MAX_LINK_LIFETIME_DAYS, self.zone);
        let to = add_local_days(from.max(now), days, self.zone).min(limit);
        if to <= from.max(now) {
            return Err(CoreError::LinkAtMaximumLifetime {
                id: application_id,
                until_fr: crate::time::format_local(limit, self.zone, crate::Lang::Fr),
                until_en: crate::time::format_local(limit, self.zone, crate::Lang::En),
            });
        }
        tx.execute(
            "UPDATE invite_links SET expires_at = ?2 WHERE id = ?1",
            params![link.id, to_stored(to)],
        )?;
        let detail = serde_json::json!({ "from": to_stored(from), "to": to_stored(to) });
        record_event(
            &tx,
            application_id,
            now,
            EventKind::LinkExtended,
            Some(&detail.to_string()),
        )?;
        let link = current_link(&tx, application_id)?.ok_or(CoreError::Internal)?;
        tx.commit()?;
        Ok(link)
    }

    /// Opens or closes a job offer. Closing revokes every valid link of its
    /// applications (returned: how many). Reopening revives none: the
    /// recruiter invites again.
    pub fn set_job_open(&mut self, job_id: i64, open: bool, now: DateTime<Utc>) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_job(&tx, job_id)?;
        tx.execute(
            "UPDATE job_offers SET status = ?2 WHERE id = ?1",
            params![job_id, if open { "open" } else { "closed" }],
        )?;
        let mut revoked = 0;
        if !open {
            let ids: Vec<i64> = {
                // Every current link, valid or expired: an expired one must not
                // come back to life by an extension.
                let mut stmt = tx.prepare(
                    "SELECT a.id FROM applications a
                     JOIN invite_links l ON l.application_id = a.id AND l.retired_at IS NULL
                     WHERE a.job_id = ?1 AND l.revoked_at IS NULL",
                )?;
                let ids = stmt
                    .query_map(params![job_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                ids
            };
            for id in ids {
                if retire_current(&tx, id, now, RevokeReason::JobClosed)?.is_some() {
                    revoked += 1;
                }
            }
        }
        tx.commit()?;
        Ok(revoked)
    }

    /// How many days the offer's new links stay valid (its campaign).
    pub fn set_job_link_validity(&mut self, job_id: i64, days: u32) -> Result<u32> {
        let days = parse_validity_days(&days.to_string())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_job(&tx, job_id)?;
        tx.execute(
            "UPDATE campaigns SET link_validity_days = ?2 WHERE job_id = ?1",
            params![job_id, days],
        )?;
        tx.commit()?;
        Ok(days)
    }

    /// How many days the offer's new links stay valid.
    pub fn job_link_validity(&self, job_id: i64) -> Result<u32> {
        require_job(&self.conn, job_id)?;
        Ok(self.conn.query_row(
            "SELECT link_validity_days FROM campaigns WHERE job_id = ?1",
            [job_id],
            |r| r.get(0),
        )?)
    }
}

/// Revokes the application's current link and withdraws the emails queued
/// for it. Returns the revoked link. The recruiter's "Révoquer" acts on a
/// valid link only; a decision (closed application or offer) retires the
/// current link whatever its state, so an expired link of a rejected
/// candidate can never be extended back to life.
fn retire_current(
    tx: &Transaction<'_>,
    application_id: i64,
    now: DateTime<Utc>,
    reason: RevokeReason,
) -> Result<Option<LinkRecord>> {
    let Some(mut link) = current_link(tx, application_id)? else {
        return Ok(None);
    };
    let retirable = match reason {
        RevokeReason::Recruiter => link.state(now) == LinkState::Active,
        RevokeReason::Closed(_) | RevokeReason::JobClosed => link.revoked_at.is_none(),
    };
    if !retirable {
        return Ok(None);
    }
    let now_text = to_stored(now);
    tx.execute(
        "UPDATE invite_links SET revoked_at = ?2, retired_at = ?2 WHERE id = ?1",
        params![link.id, now_text],
    )?;
    // An email not yet tried is dropped; one waiting for a retry ends as failed.
    tx.execute(
        "DELETE FROM outbox WHERE link_id = ?1 AND state = 'queued' AND attempts = 0",
        [link.id],
    )?;
    tx.execute(
        "UPDATE outbox SET state = 'failed_permanent', updated_at = ?2, last_error_code = 'link_revoked',
                last_error_fr = ?3, last_error_en = ?4
         WHERE link_id = ?1 AND state IN ('queued', 'failed_temporary')",
        params![
            link.id,
            now_text,
            crate::tr!(crate::Lang::Fr, "outbox-error-link_revoked"),
            crate::tr!(crate::Lang::En, "outbox-error-link_revoked"),
        ],
    )?;
    record_event(
        tx,
        application_id,
        now,
        EventKind::LinkRevoked,
        Some(&reason.stored()),
    )?;
    link.revoked_at = Some(super::truncate_to_seconds(now));
    Ok(Some(link))
}

/// The error for an action that needs a valid link, saying why there is none.
pub(super) fn no_active_link(
    tx: &Transaction<'_>,
    application_id: i64,
    now: DateTime<Utc>,
) -> Result<CoreError> {
    let latest: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT expires_at, revoked_at FROM invite_links WHERE application_id = ?1
             ORDER BY id DESC LIMIT 1",
            [application_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let state = match latest {
        None => None,
        Some((_, Some(_))) => Some(LinkState::Revoked),
        Some((expires, None)) => match from_stored(&expires) {
            Ok(at) if at > now => Some(LinkState::Active),
            _ => Some(LinkState::Expired),
        },
    };
    Ok(CoreError::NoActiveLink {
        id: application_id,
        state,
    })
}

pub(super) fn require_application(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.query_row("SELECT 1 FROM applications WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or(CoreError::ApplicationNotFound { id })
}

pub(super) fn require_job(conn: &rusqlite::Connection, id: i64) -> Result<()> {
    conn.query_row("SELECT 1 FROM job_offers WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or(CoreError::JobNotFound { id })
}
