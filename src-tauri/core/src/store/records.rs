//! The store's records: what a query returns and what a write takes.

use chrono::{DateTime, Utc};

use crate::domain::{ApplicationStatus, EmailAddress, JobTitle, PersonName, Token};
use crate::error::{CoreError, Result};

use super::*;

/// One application as the recruiter types it (or a CSV row gives it), validated.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub job_title: JobTitle,
    pub candidate_name: PersonName,
    pub email: EmailAddress,
}

impl NewApplication {
    /// Validates every field and returns every problem, so a form can show each
    /// message next to its field at once.
    pub fn parse(
        job_title: &str,
        candidate_name: &str,
        email: &str,
    ) -> Result<Self, Vec<CoreError>> {
        let job_title = JobTitle::parse(job_title);
        let candidate_name = PersonName::parse(candidate_name);
        let email = EmailAddress::parse(email);
        match (job_title, candidate_name, email) {
            (Ok(job_title), Ok(candidate_name), Ok(email)) => Ok(NewApplication {
                job_title,
                candidate_name,
                email,
            }),
            (j, n, e) => Err([j.err(), n.err(), e.err()].into_iter().flatten().collect()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    Added {
        application_id: i64,
    },
    /// This candidate (same email, any case) already applied to this offer.
    AlreadyPresent {
        application_id: i64,
    },
}

/// Where a link stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Active,
    Expired,
    Revoked,
}

#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub id: i64,
    pub token: Token,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl LinkRecord {
    /// A link is valid strictly before `expires_at`; at that instant it has expired.
    pub fn state(&self, now: DateTime<Utc>) -> LinkState {
        if self.revoked_at.is_some() {
            LinkState::Revoked
        } else if now >= self.expires_at {
            LinkState::Expired
        } else {
            LinkState::Active
        }
    }
}

#[derive(Debug, Clone)]
pub struct ApplicationRecord {
    pub id: i64,
    pub job_id: i64,
    pub job_title: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub email: String,
    pub status: ApplicationStatus,
    pub created_at: DateTime<Utc>,
    /// The application's latest link, whatever its state.
    pub link: Option<LinkRecord>,
    /// Whether its job offer is open.
    pub job_open: bool,
    /// The application's latest email, whatever its state.
    pub last_email: Option<EmailRecord>,
}

/// A job offer, for the job filter.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JobRecord {
    pub id: i64,
    pub title: String,
    pub open: bool,
    pub applications: i64,
}

/// Where an application's invitation stands, all things considered.
/// Sent as `as_str()`'s word (`ApplicationDto::invitation_status`); the
/// TypeScript union is declared from the same variants.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    ts_rs::TS,
)]
#[strum(serialize_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum InvitationStatus {
    NotInvited,
    /// A valid link, no email yet.
    LinkActive,
    /// The email waits in the outbox (a batch not finished, or interrupted).
    Queued,
    Sending,
    Sent,
    SendFailed,
    SendUnknown,
    LinkExpired,
    LinkRevoked,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl InvitationStatus {
    /// From the latest link (id, state) and the latest email (the link it
    /// carried, its state). The email only speaks for the link it carried, and
    /// only while that link is valid.
    pub fn from_parts(
        link: Option<(i64, LinkState)>,
        email: Option<(i64, OutboxState)>,
    ) -> InvitationStatus {
        let email_state = email
            .filter(|(link_id, _)| Some(*link_id) == link.map(|(id, _)| id))
            .map(|(_, state)| state);
        match (link.map(|(_, state)| state), email_state) {
            (None, _) => InvitationStatus::NotInvited,
            (Some(LinkState::Revoked), _) => InvitationStatus::LinkRevoked,
            (Some(LinkState::Expired), _) => InvitationStatus::LinkExpired,
            (Some(LinkState::Active), None) => InvitationStatus::LinkActive,
            (Some(LinkState::Active), Some(OutboxState::Sent)) => InvitationStatus::Sent,
            (Some(LinkState::Active), Some(OutboxState::Queued)) => InvitationStatus::Queued,
            (Some(LinkState::Active), Some(OutboxState::Sending)) => InvitationStatus::Sending,
            (
                Some(LinkState::Active),
                Some(OutboxState::FailedTemporary | OutboxState::FailedPermanent),
            ) => InvitationStatus::SendFailed,
            (Some(LinkState::Active), Some(OutboxState::Unknown)) => InvitationStatus::SendUnknown,
        }
    }
}

/// [`InvitationStatus::from_parts`] in SQL, for application `a` at `:now`
/// (stored form): the same latest link and latest email, the same order of
/// cases. The list's stage filter uses it; a test holds the two together
/// (`the_stage_filter_agrees_with_every_rows_stage`).
pub(super) fn invitation_status_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        use InvitationStatus as I;
        use OutboxState as O;
        let q = |s: &str| format!("'{s}'");
        format!(
            "(SELECT CASE \
               WHEN l.id IS NULL THEN {not_invited} \
               WHEN l.revoked_at IS NOT NULL THEN {revoked} \
               WHEN l.expires_at <= :now THEN {expired} \
               WHEN o.id IS NULL OR o.link_id <> l.id THEN {active} \
               WHEN o.state = {o_sent} THEN {sent} \
               WHEN o.state = {o_queued} THEN {queued} \
               WHEN o.state = {o_sending} THEN {sending} \
               WHEN o.state IN ({o_temp}, {o_perm}) THEN {failed} \
               ELSE {unknown} END \
             FROM (SELECT 1) \
             LEFT JOIN invite_links l ON l.id = \
                 (SELECT MAX(id) FROM invite_links WHERE application_id = a.id) \
             LEFT JOIN outbox o ON o.id = \
                 (SELECT MAX(id) FROM outbox WHERE application_id = a.id))",
            not_invited = q(I::NotInvited.as_str()),
            revoked = q(I::LinkRevoked.as_str()),
            expired = q(I::LinkExpired.as_str()),
            active = q(I::LinkActive.as_str()),
            sent = q(I::Sent.as_str()),
            queued = q(I::Queued.as_str()),
            sending = q(I::Sending.as_str()),
            failed = q(I::SendFailed.as_str()),
            unknown = q(I::SendUnknown.as_str()),
            o_sent = q(O::Sent.as_str()),
            o_queued = q(O::Queued.as_str()),
            o_sending = q(O::Sending.as_str()),
            o_temp = q(O::FailedTemporary.as_str()),
            o_perm = q(O::FailedPermanent.as_str()),
        )
    })
}

impl ApplicationRecord {
    /// Why no link action applies to this application any more (a decision
    /// was made), as the error to show; `None` while it is in the running.
    pub fn decision_closed(&self) -> Option<CoreError> {
        closed_error(self.id, self.status, self.job_open, &self.job_title)
    }

    pub fn invitation_status(&self, now: DateTime<Utc>) -> InvitationStatus {
        InvitationStatus::from_parts(
            self.link.as_ref().map(|l| (l.id, l.state(now))),
            self.last_email.as_ref().map(|e| (e.link_id, e.state)),
        )
    }

    /// Where the application stands for the per-offer chart.
    pub fn stage(&self, now: DateTime<Utc>) -> Stage {
        Stage::of(self.status, self.invitation_status(now))
    }

    /// "Not yet invited": what "invite all" picks (a queued email is taken
    /// over: only one process can claim it). Sent, being sent, uncertain
    /// (resent only deliberately) and revoked invitations, closed
    /// applications and erased candidates are left out.
    pub fn awaits_invitation(&self, now: DateTime<Utc>) -> bool {
        // An erased candidate (RGPD) is never invited again.
        !crate::rgpd::is_erased_address(&self.email)
            && self.decision_closed().is_none()
            && matches!(
                self.invitation_status(now),
                InvitationStatus::NotInvited
                    | InvitationStatus::LinkActive
                    | InvitationStatus::Queued
                    | InvitationStatus::LinkExpired
                    | InvitationStatus::SendFailed
            )
    }
}

#[derive(Debug, Clone)]
pub struct LinkOutcome {
    pub link: LinkRecord,
    /// False when a valid link already existed and was returned as it is.
    pub created: bool,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Candidate,
    Email,
    Job,
    Status,
    #[default]
    Applied,
    Expires,
}

impl SortKey {
    /// Column expressions come from this fixed list only, never from input.
    pub(super) fn column(self) -> &'static str {
        match self {
            SortKey::Candidate => "c.name_key",
            SortKey::Email => "c.email COLLATE NOCASE",
            SortKey::Job => "j.title_key",
            SortKey::Status => "a.status",
            SortKey::Applied => "a.created_at",
            SortKey::Expires => "l.expires_at",
        }
    }
}

/// How often a large import reports its progress, in rows.
pub const PROGRESS_EVERY: usize = 1000;

pub const DEFAULT_PAGE_SIZE: u32 = 200;
pub const MAX_PAGE_SIZE: u32 = 10_000;

/// What the list shows: a filter, a sort and a page. The webview never gets every row.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Matched, case-insensitively, against the candidate's name and email and the job title.
    pub search: Option<String>,
    pub job_id: Option<i64>,
    pub status: Option<ApplicationStatus>,
    /// Only the applications at this stage (the chart's segments, the
    /// list's email filter).
    pub stage: Option<Stage>,
    pub sort: SortKey,
    pub descending: bool,
    /// `None`: [`DEFAULT_PAGE_SIZE`]; capped at [`MAX_PAGE_SIZE`].
    pub limit: Option<u32>,
    pub offset: u32,
}

#[derive(Debug, Clone)]
pub struct ListPage {
    pub rows: Vec<ApplicationRecord>,
    /// How many applications match the filter, all pages together.
    pub total: u64,
}
