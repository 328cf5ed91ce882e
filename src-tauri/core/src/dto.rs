//! What leaves the core for the outside world: the `list --json` output and the
//! UI's IPC replies share these shapes. They are separate from the domain types
//! so the wire format can stay stable while the domain changes.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::CoreError;
use crate::i18n::Lang;
use crate::store::{ApplicationRecord, LinkRecord, LinkState};
use crate::time::{format_local, to_stored};

#[derive(Debug, Clone, Serialize)]
pub struct ApplicationDto {
    pub application_id: i64,
    pub job_id: i64,
    pub job_title: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub email: String,
    /// The workflow status: new, invited, interviewed, rejected, hired, withdrawn.
    pub status: &'static str,
    /// Where the invitation stands: not_invited, link_active, link_expired, link_revoked.
    pub invitation_status: &'static str,
    /// RFC 3339, UTC.
    pub applied_at: String,
    pub link: Option<LinkDto>,
    /// Null until the invitation email has been attempted.
    pub last_email: Option<LastEmailDto>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkDto {
    pub token: String,
    pub start_url: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
    /// The expiry in the recruiter's zone, zone named: "01/12/2026 à 07:47 (Europe/Paris)".
    pub expires_at_local: String,
    pub revoked: bool,
    pub state: LinkState,
}

/// The last attempt to email the invitation (filled once sending exists).
#[derive(Debug, Clone, Serialize)]
pub struct LastEmailDto {
    pub state: String,
    pub smtp_code: Option<u16>,
    pub error: Option<String>,
    pub sent_at: Option<String>,
}

/// Everything needed to turn records into DTOs: one per request, not per row.
pub struct View<'a> {
    pub base_url: &'a str,
    pub now: DateTime<Utc>,
    pub zone: Tz,
    pub lang: Lang,
}

impl<'a> View<'a> {
    /// A view in the recruiter's own time zone (`TZ`, else the OS zone).
    pub fn for_recruiter(base_url: &'a str, now: DateTime<Utc>, lang: Lang) -> View<'a> {
        View {
            base_url,
            now,
            zone: crate::time::recruiter_zone(),
            lang,
        }
    }

    pub fn start_url(&self, token: &str) -> String {
        format!("{}/interview/start/{}", self.base_url, token)
    }

    pub fn link(&self, link: &LinkRecord) -> LinkDto {
        LinkDto {
            token: link.token.as_str().to_owned(),
            start_url: self.start_url(link.token.as_str()),
            created_at: to_stored(link.created_at),
            expires_at: to_stored(link.expires_at),
            expires_at_local: format_local(link.expires_at, self.zone, self.lang),
            revoked: link.revoked_at.is_some(),
            state: link.state(self.now),
        }
    }

    pub fn application(&self, record: &ApplicationRecord) -> ApplicationDto {
        let invitation_status = match record.link.as_ref().map(|l| l.state(self.now)) {
            None => "not_invited",
            Some(LinkState::Active) => "link_active",
            Some(LinkState::Expired) => "link_expired",
            Some(LinkState::Revoked) => "link_revoked",
        };
        ApplicationDto {
            application_id: record.id,
            job_id: record.job_id,
            job_title: record.job_title.clone(),
            candidate_id: record.candidate_id,
            candidate_name: record.candidate_name.clone(),
            email: record.email.clone(),
            status: record.status.as_str(),
            invitation_status,
            applied_at: to_stored(record.created_at),
            link: record.link.as_ref().map(|l| self.link(l)),
            last_email: None,
        }
    }
}

/// An error as the UI and `--json` consumers receive it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorDto {
    pub code: &'static str,
    pub field: Option<crate::error::Field>,
    pub fr: String,
    pub en: String,
}

impl From<&CoreError> for ErrorDto {
    fn from(e: &CoreError) -> Self {
        ErrorDto {
            code: e.code(),
            field: e.field(),
            fr: e.message(Lang::Fr),
            en: e.message(Lang::En),
        }
    }
}
