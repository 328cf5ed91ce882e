//! What the recruiter reads across applications: each job offer with its
//! applications counted by stage (the per-offer chart), and every link for
//! the interview platform's export.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    optional_time_column, time_column, InvitationStatus, LinkRecord, LinkState, OutboxState, Store,
};
use crate::domain::{ApplicationStatus, Token};
use crate::error::{CoreError, Result};

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
    Deserialize,
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

    /// A stage named by its code (`jobgate list --stage failed`).
    pub fn parse(s: &str) -> Result<Stage> {
        s.trim().parse().map_err(|_| CoreError::UnknownStage {
            value: s.to_owned(),
        })
    }

    /// What an application at this stage is: past the invitation, its
    /// workflow status; before, still in the running (new or invited) with
    /// one of these invitation statuses. [`Stage::of`] read backwards, which
    /// the list's stage filter turns into SQL.
    pub fn members(self) -> StageMembers {
        use InvitationStatus as I;
        let workflow = |status| StageMembers::Workflow(status);
        let invitation = |statuses: &'static [InvitationStatus]| StageMembers::Invitation(statuses);
        match self {
            Stage::Interviewed => workflow(ApplicationStatus::Interviewed),
            Stage::Hired => workflow(ApplicationStatus::Hired),
            Stage::Rejected => workflow(ApplicationStatus::Rejected),
            Stage::Withdrawn => workflow(ApplicationStatus::Withdrawn),
            Stage::NotInvited => invitation(&[I::NotInvited]),
            Stage::LinkCreated => invitation(&[I::LinkActive]),
            Stage::Sending => invitation(&[I::Queued, I::Sending]),
            Stage::Sent => invitation(&[I::Sent]),
            Stage::Failed => invitation(&[I::SendFailed]),
            Stage::Unknown => invitation(&[I::SendUnknown]),
            Stage::Expired => invitation(&[I::LinkExpired]),
            Stage::Revoked => invitation(&[I::LinkRevoked]),
        }
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

/// The applications at one stage: see [`Stage::members`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageMembers {
    /// Those with this workflow status, whatever their invitation.
    Workflow(ApplicationStatus),
    /// Those still new or invited whose invitation is one of these.
    Invitation(&'static [InvitationStatus]),
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
