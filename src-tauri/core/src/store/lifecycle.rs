//! An invitation's life after its link is made: the application's workflow
//! status, revoking and extending links, closing a job offer, the history of an
//! application, the per-offer overview and the links export.
//!
//! Every change here is one `BEGIN IMMEDIATE` transaction that also writes the
//! application's history (`events`), so what the timeline shows is what happened.

use std::collections::{BTreeMap, VecDeque};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::{
    current_link, optional_time_column, record_event, time_column, EventKind, InvitationStatus,
    LinkRecord, LinkState, OutboxState, Store,
};
use crate::domain::{ApplicationStatus, Token};
use crate::error::{CoreError, Result};
use crate::settings::parse_validity_days;
use crate::time::{add_local_days, from_stored, to_stored};

/// No link lives longer than this many calendar days after it was made,
/// however often it is extended: a bearer link must not stay usable for ever.
pub const MAX_LINK_LIFETIME_DAYS: u32 = 365;

/// What an outbox row carries: the invitation (first sent or sent again), or
/// the news that the link was extended.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString, ts_rs::TS,
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

/// Where an application stands, for the per-offer chart: its workflow status
/// once the recruiter moved it past the invitation, else its invitation.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    ts_rs::TS,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    NotInvited,
    LinkCreated,
    Sending,
    Sent,
    Failed,
    Unknown,
    Expired,
    Revoked,
    Interviewed,
    Hired,
    Rejected,
    Withdrawn,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::NotInvited,
        Stage::LinkCreated,
        Stage::Sending,
        Stage::Sent,
        Stage::Failed,
        Stage::Unknown,
        Stage::Expired,
        Stage::Revoked,
        Stage::Interviewed,
        Stage::Hired,
        Stage::Rejected,
        Stage::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn of(status: ApplicationStatus, invitation: InvitationStatus) -> Stage {
        match status {
            ApplicationStatus::Interviewed => return Stage::Interviewed,
            ApplicationStatus::Hired => return Stage::Hired,
            ApplicationStatus::Rejected => return Stage::Rejected,
            ApplicationStatus::Withdrawn => return Stage::Withdrawn,
            ApplicationStatus::New | ApplicationStatus::Invited => {}
        }
        match invitation {
            InvitationStatus::NotInvited => Stage::NotInvited,
            InvitationStatus::LinkActive => Stage::LinkCreated,
            InvitationStatus::Queued | InvitationStatus::Sending => Stage::Sending,
            InvitationStatus::Sent => Stage::Sent,
            InvitationStatus::SendFailed => Stage::Failed,
            InvitationStatus::SendUnknown => Stage::Unknown,
            InvitationStatus::LinkExpired => Stage::Expired,
            InvitationStatus::LinkRevoked => Stage::Revoked,
        }
    }
}

/// A job offer with how many of its applications are at each stage.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct JobOverview {
    pub id: i64,
    pub title: String,
    pub open: bool,
    pub link_validity_days: u32,
    /// The current template's language (`fr` until one was saved), version
    /// (0: never saved) and whether it is the recruiter's own text.
    pub template_lang: crate::Lang,
    pub template_version: u32,
    pub template_custom: bool,
    pub applications: u64,
    /// Every stage, zero counts included, in [`Stage::ALL`] order.
    pub stages: BTreeMap<Stage, u64>,
}

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

    fn parse(s: &str) -> RevokeReason {
        match s.strip_prefix("status:") {
            Some(status) => ApplicationStatus::parse(status)
                .map(RevokeReason::Closed)
                .unwrap_or(RevokeReason::Recruiter),
            None if s == "job_closed" => RevokeReason::JobClosed,
            None => RevokeReason::Recruiter,
        }
    }
}

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

/// One link of the export for interview platforms.
#[derive(Debug, Clone)]
pub struct LinkExportRow {
    pub application_id: i64,
    pub candidate_name: String,
    pub email: String,
    pub job_id: i64,
    pub job_title: String,
    pub link: LinkRecord,
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

    /// Every job offer with its applications counted by stage, by title.
    pub fn job_overview(&self, now: DateTime<Utc>) -> Result<Vec<JobOverview>> {
        let mut jobs: Vec<JobOverview> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT j.id, j.title, j.status, cp.link_validity_days, t.lang, t.version, t.custom
                 FROM job_offers j
                 JOIN campaigns cp ON cp.job_id = j.id
                 LEFT JOIN email_templates t ON t.id =
                     (SELECT id FROM email_templates WHERE job_id = j.id ORDER BY version DESC LIMIT 1)
                 ORDER BY j.title_key",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(JobOverview {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        open: r.get::<_, String>(2)? == "open",
                        link_validity_days: r.get(3)?,
                        template_lang: r
                            .get::<_, Option<String>>(4)?
                            .as_deref()
                            .and_then(crate::Lang::parse)
                            .unwrap_or(crate::Lang::Fr),
                        template_version: r.get::<_, Option<u32>>(5)?.unwrap_or(0),
                        template_custom: r.get::<_, Option<bool>>(6)?.unwrap_or(false),
                        applications: 0,
                        stages: Stage::ALL.iter().map(|s| (*s, 0)).collect(),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let index: BTreeMap<i64, usize> = jobs.iter().enumerate().map(|(i, j)| (j.id, i)).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.job_id, a.status, l.id, l.expires_at, l.revoked_at, o.link_id, o.state
             FROM applications a
             LEFT JOIN invite_links l ON l.id = (SELECT MAX(id) FROM invite_links WHERE application_id = a.id)
             LEFT JOIN outbox o ON o.id = (SELECT MAX(id) FROM outbox WHERE application_id = a.id)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let job_id: i64 = row.get(0)?;
            let status = ApplicationStatus::parse(&row.get::<_, String>(1)?)?;
            let link = match row.get::<_, Option<i64>>(2)? {
                Some(id) => {
                    let expires_at = time_column(row, 3)?;
                    let revoked = row.get::<_, Option<String>>(4)?.is_some();
                    let state = if revoked {
                        LinkState::Revoked
                    } else if now >= expires_at {
                        LinkState::Expired
                    } else {
                        LinkState::Active
                    };
                    Some((id, state))
                }
                None => None,
            };
            let email = match row.get::<_, Option<i64>>(5)? {
                Some(link_id) => {
                    let state: String = row.get(6)?;
                    Some((
                        link_id,
                        OutboxState::parse(&state).unwrap_or(OutboxState::Unknown),
                    ))
                }
                None => None,
            };
            let stage = Stage::of(status, InvitationStatus::from_parts(link, email));
            if let Some(job) = index.get(&job_id).and_then(|&i| jobs.get_mut(i)) {
                job.applications += 1;
                *job.stages.entry(stage).or_insert(0) += 1;
            }
        }
        Ok(jobs)
    }

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

    /// Every link ever made (the job offer's, or all), with its application,
    /// for the interview platform: it needs the valid tokens, and to know the
    /// revoked and expired ones.
    pub fn export_links(&self, job_id: Option<i64>) -> Result<Vec<LinkExportRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, c.name, c.email, j.id, j.title,
                    l.id, l.token, l.created_at, l.expires_at, l.revoked_at
             FROM invite_links l
             JOIN applications a ON a.id = l.application_id
             JOIN candidates c ON c.id = a.candidate_id
             JOIN job_offers j ON j.id = a.job_id
             WHERE (?1 IS NULL OR a.job_id = ?1)
             ORDER BY a.id, l.id",
        )?;
        let rows = stmt
            .query_map([job_id], |r| {
                Ok(LinkExportRow {
                    application_id: r.get(0)?,
                    candidate_name: r.get(1)?,
                    email: r.get(2)?,
                    job_id: r.get(3)?,
                    job_title: r.get(4)?,
                    link: LinkRecord {
                        id: r.get(5)?,
                        token: Token::from_stored(r.get(6)?),
                        created_at: time_column(r, 7)?,
                        expires_at: time_column(r, 8)?,
                        revoked_at: optional_time_column(r, 9)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
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
