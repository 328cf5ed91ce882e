//! What leaves the core for the outside world: the `list --json` output and the
//! UI's IPC replies share these shapes. They are separate from the domain types
//! so the wire format can stay stable while the domain changes.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::CoreError;
use crate::i18n::Lang;
use crate::store::{
    ApplicationRecord, EmailKind, EmailRecord, LinkRecord, LinkState, OutboxLine, OutboxState,
    RevokeReason, Stage, TimelineEntry, TimelineKind,
};
use crate::time::{format_local, to_stored};

pub mod replies;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ApplicationDto {
    pub application_id: i64,
    pub job_id: i64,
    pub job_title: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub email: String,
    /// The workflow status: new, invited, interviewed, rejected, hired, withdrawn.
    #[ts(as = "crate::domain::ApplicationStatus")]
    pub status: &'static str,
    /// Where the invitation stands: not_invited, link_active (link, no email yet),
    /// queued, sending, sent, send_failed, send_unknown, link_expired, link_revoked.
    #[ts(as = "crate::store::InvitationStatus")]
    pub invitation_status: &'static str,
    /// Where it stands for the per-offer chart: the workflow status once past
    /// the invitation (interviewed, hired, rejected, withdrawn), else the
    /// invitation's (not_invited, link_created, sending, sent, failed, unknown,
    /// expired, revoked).
    pub stage: Stage,
    /// RFC 3339, UTC.
    pub applied_at: String,
    pub link: Option<LinkDto>,
    /// Null until an invitation email has been attempted.
    pub last_email: Option<LastEmailDto>,
    /// Whether the job offer is open.
    pub job_open: bool,
    /// A decision was made (the application is rejected, hired or withdrawn,
    /// or its offer is closed): no link action applies any more, and the
    /// window offers none (the store refuses them anyway).
    pub decided: bool,
    /// The candidate was erased at their request (RGPD): the row is what is
    /// left (offer, dates, status), with no name, address or link.
    pub erased: bool,
    /// What the recruiter may do now, so the page never re-derives the rules
    /// (the store refuses anything else anyway).
    pub can: AllowedActions,
}

/// The actions an application allows now.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct AllowedActions {
    /// Inviter (a first link, or a new one for an expired or revoked link; an
    /// unsent valid link is emailed).
    pub invite: bool,
    /// Renvoyer: the valid link was emailed already.
    pub resend: bool,
    /// Prolonger: the link is valid or expired.
    pub extend: bool,
    /// Révoquer and Envoyer depuis ma messagerie: the link is valid.
    pub revoke: bool,
    /// Supprimer: never invited (no link, no email), so no history is dropped.
    pub delete: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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

/// The application's latest invitation email.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LastEmailDto {
    /// invitation or extension (the news that the link was extended).
    pub kind: EmailKind,
    /// queued, sending, sent, failed_temporary, failed_permanent, unknown.
    pub state: OutboxState,
    /// The server's last reply code (250 when sent, 535, 550, 421...).
    pub smtp_code: Option<u16>,
    /// The server's last reply text.
    pub reply: Option<String>,
    /// What went wrong and what to do, in the view's language; null when sent.
    pub error: Option<String>,
    pub error_code: Option<String>,
    /// RFC 3339, UTC; null until sent.
    pub sent_at: Option<String>,
    /// `sent_at` in the recruiter's zone.
    pub sent_at_local: Option<String>,
    /// When the state last changed (RFC 3339, UTC).
    pub updated_at: String,
    /// `updated_at` in the recruiter's zone.
    pub updated_at_local: String,
    pub attempts: i64,
    /// True when this email carried the application's latest link.
    pub for_current_link: bool,
}

/// One outbox row, for `jobgate outbox --json` and the Outbox view.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OutboxDto {
    pub outbox_id: i64,
    pub application_id: i64,
    pub job_id: i64,
    pub job_title: String,
    /// The application's latest email: the one Réessayer would make again.
    pub latest: bool,
    /// The button its row offers (the list's action for that state), or none:
    /// an email that went, an older one, a decided application, a link no
    /// longer the one that failed (revoked, expired, replaced).
    pub retry: Option<OutboxRetry>,
    pub recipient: String,
    pub recipient_name: String,
    pub subject: String,
    /// invitation or extension.
    pub kind: EmailKind,
    /// queued, sending, sent, failed_temporary, failed_permanent, unknown.
    pub state: OutboxState,
    pub attempts: i64,
    pub smtp_code: Option<u16>,
    pub reply: Option<String>,
    /// The id the server gave the message ("queued as …").
    pub queue_id: Option<String>,
    pub error: Option<String>,
    pub error_code: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub sent_at: Option<String>,
}

/// What the Boîte d'envoi offers for an email that did not go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OutboxRetry {
    /// Réessayer: it failed.
    Retry,
    /// Renvoyer: uncertain, it may have arrived.
    Resend,
}

/// One line of an application's history.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TimelineDto {
    /// RFC 3339, UTC.
    pub at: String,
    /// `at` in the recruiter's zone, zone named.
    pub at_local: String,
    /// application_added, link_created, link_revoked, link_extended,
    /// status_changed, email_queued, email_dry_run, candidate_edited,
    /// candidate_erased, email_attempt, other.
    pub kind: &'static str,
    /// What happened, in the view's language.
    pub text: String,
    /// For an email attempt: queued… unknown, or null while under way.
    pub outcome: Option<OutboxState>,
    pub smtp_code: Option<u16>,
    pub reply: Option<String>,
    pub queue_id: Option<String>,
}

/// An application and its history: the detail panel, `jobgate application history`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct HistoryDto {
    pub application: ApplicationDto,
    pub timeline: Vec<TimelineDto>,
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

    pub fn outbox(&self, line: &OutboxLine) -> OutboxDto {
        let row = &line.email;
        OutboxDto {
            outbox_id: row.outbox_id,
            application_id: row.application_id,
            job_id: line.job_id,
            job_title: line.job_title.clone(),
            latest: line.latest,
            retry: line.application.as_ref().and_then(|app| self.retry_of(app)),
            recipient: row.recipient.clone(),
            recipient_name: row.recipient_name.clone(),
            subject: row.subject.clone(),
            kind: row.kind,
            state: row.state,
            attempts: row.attempts,
            smtp_code: row.smtp_code,
            reply: row.reply.clone(),
            queue_id: row.queue_id.clone(),
            error: self.error_of(row),
            error_code: row.error_code.clone(),
            created_at: to_stored(row.created_at),
            updated_at: to_stored(row.updated_at),
            sent_at: row.sent_at.map(to_stored),
        }
    }

    /// What the Boîte d'envoi's button does for an application whose latest
    /// email did not go: the list's own action for that state, and none once
    /// a decision was made or the link is no longer the one that failed.
    fn retry_of(&self, app: &ApplicationRecord) -> Option<OutboxRetry> {
        if app.decision_closed().is_some() {
            return None;
        }
        match app.invitation_status(self.now) {
            crate::store::InvitationStatus::SendFailed => Some(OutboxRetry::Retry),
            // May have arrived: sent again only on purpose, as in the list.
            crate::store::InvitationStatus::SendUnknown => Some(OutboxRetry::Resend),
            _ => None,
        }
    }

    /// The recorded error, in the view's language.
    fn error_of(&self, email: &EmailRecord) -> Option<String> {
        match self.lang {
            Lang::Fr => email.error_fr.clone(),
            Lang::En => email.error_en.clone(),
        }
    }

    pub fn last_email(&self, email: &EmailRecord, current_link: Option<i64>) -> LastEmailDto {
        LastEmailDto {
            kind: email.kind,
            state: email.state,
            smtp_code: email.smtp_code,
            reply: email.reply.clone(),
            error: self.error_of(email),
            error_code: email.error_code.clone(),
            sent_at: email.sent_at.map(to_stored),
            sent_at_local: email.sent_at.map(|t| format_local(t, self.zone, self.lang)),
            updated_at: to_stored(email.updated_at),
            updated_at_local: format_local(email.updated_at, self.zone, self.lang),
            attempts: email.attempts,
            for_current_link: Some(email.link_id) == current_link,
        }
    }

    pub fn application(&self, record: &ApplicationRecord) -> ApplicationDto {
        let invitation_status = record.invitation_status(self.now).as_str();
        let erased = crate::rgpd::is_erased_address(&record.email);
        ApplicationDto {
            application_id: record.id,
            job_id: record.job_id,
            job_title: record.job_title.clone(),
            candidate_id: record.candidate_id,
            candidate_name: if erased {
                crate::tr!(self.lang, "candidate-erased-name")
            } else {
                record.candidate_name.clone()
            },
            email: record.email.clone(),
            status: record.status.as_str(),
            invitation_status,
            stage: record.stage(self.now),
            applied_at: to_stored(record.created_at),
            link: record.link.as_ref().map(|l| self.link(l)),
            job_open: record.job_open,
            decided: record.decision_closed().is_some(),
            erased,
            last_email: record
                .last_email
                .as_ref()
                .map(|e| self.last_email(e, record.link.as_ref().map(|l| l.id))),
            can: self.allowed(record),
        }
    }

    fn allowed(&self, record: &ApplicationRecord) -> AllowedActions {
        let erased = crate::rgpd::is_erased_address(&record.email);
        let open = record.decision_closed().is_none() && !erased;
        let state = record.link.as_ref().map(|l| l.state(self.now));
        let emailed = match (&record.link, &record.last_email) {
            (Some(link), Some(email)) => email.link_id == link.id,
            _ => false,
        };
        let active = state == Some(LinkState::Active);
        AllowedActions {
            invite: open && !(active && emailed),
            resend: open && active && emailed,
            extend: open && matches!(state, Some(LinkState::Active | LinkState::Expired)),
            revoke: open && active,
            delete: !erased && record.link.is_none() && record.last_email.is_none(),
        }
    }
}

impl View<'_> {
    fn local(&self, at: Option<DateTime<Utc>>) -> String {
        at.map(|t| format_local(t, self.zone, self.lang))
            .unwrap_or_else(|| "?".to_owned())
    }

    /// One history line, in words from the catalog (`history-<kind>`,
    /// locales/*/history.ftl).
    pub fn timeline(&self, entry: &TimelineEntry) -> TimelineDto {
        let lang = self.lang;
        let status = |s: Option<crate::domain::ApplicationStatus>| match s {
            Some(s) => s.label(lang).to_owned(),
            None => crate::tr!(lang, "history-status-unknown"),
        };
        let email_kind = |kind: &EmailKind| match kind {
            EmailKind::Invitation => "invitation",
            EmailKind::Extension => "extension",
        };
        let mut dto = TimelineDto {
            at: to_stored(entry.at),
            at_local: format_local(entry.at, self.zone, lang),
            kind: "other",
            text: String::new(),
            outcome: None,
            smtp_code: None,
            reply: None,
            queue_id: None,
        };
        let mut args = crate::i18n::FluentArgs::new();
        let kind = match &entry.kind {
            TimelineKind::ApplicationAdded => "application_added",
            TimelineKind::LinkCreated { expires_at } => {
                args.set("until", self.local(*expires_at));
                "link_created"
            }
            TimelineKind::LinkRevoked { reason } => {
                let reason = match reason {
                    RevokeReason::Recruiter => "recruiter",
                    RevokeReason::JobClosed => "job_closed",
                    RevokeReason::Closed(s) => {
                        args.set("status", s.label(lang));
                        "closed"
                    }
                };
                args.set("reason", reason);
                "link_revoked"
            }
            TimelineKind::LinkExtended { from, to } => {
                args.set("from", self.local(*from));
                args.set("to", self.local(*to));
                "link_extended"
            }
            TimelineKind::StatusChanged { from, to } => {
                args.set("from", status(*from));
                args.set("to", status(*to));
                "status_changed"
            }
            TimelineKind::EmailQueued { kind } => {
                args.set("kind", email_kind(kind));
                "email_queued"
            }
            TimelineKind::EmailDryRun => "email_dry_run",
            TimelineKind::CandidateEdited {
                email_changed,
                requeued,
            } => {
                args.set("email_changed", if *email_changed { "yes" } else { "no" });
                args.set("requeued", *requeued);
                "candidate_edited"
            }
            TimelineKind::CandidateErased => "candidate_erased",
            TimelineKind::EmailAttempt {
                kind,
                outcome,
                smtp_code,
                reply,
                queue_id,
                ..
            } => {
                dto.outcome = *outcome;
                dto.smtp_code = *smtp_code;
                dto.reply = reply.clone();
                dto.queue_id = queue_id.clone();
                args.set("kind", email_kind(kind));
                let outcome = match outcome {
                    Some(OutboxState::Queued | OutboxState::Sending) | None => "sending",
                    Some(state) => state.as_str(),
                };
                args.set("outcome", outcome);
                "email_attempt"
            }
            // An event this build does not know: its stored name.
            TimelineKind::Other { kind } => {
                dto.text = kind.clone();
                return dto;
            }
        };
        dto.kind = kind;
        dto.text = crate::i18n::render(lang, &format!("history-{kind}"), Some(&args));
        dto
    }
}

/// An error as the UI and `--json` consumers receive it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ErrorDto {
    pub code: &'static str,
    /// The form field (or setting name) the error is about.
    pub field: Option<&'static str>,
    /// The message in every language: `fr`, `en`, … (flattened).
    #[serde(flatten)]
    pub text: crate::i18n::Texts,
}

impl From<&CoreError> for ErrorDto {
    fn from(e: &CoreError) -> Self {
        ErrorDto {
            code: e.code(),
            field: e.field_name(),
            text: crate::i18n::texts(|lang| e.message(lang)),
        }
    }
}
