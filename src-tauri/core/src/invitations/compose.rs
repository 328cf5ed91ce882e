//! Rendering the emails the outbox stores: the invitation from the offer's
//! template, or the news of an extension, each with a fresh Message-ID; and
//! remaking a corrected candidate's waiting emails.

use chrono::{DateTime, Utc};

use super::Invitations;
use crate::domain::{EmailAddress, PersonName};
use crate::error::{CoreError, Result};
use crate::mail::message::{new_message_id, InvitationFields};
use crate::mail::{render_extension, RenderedEmail};
use crate::settings::{self, MailSettings};
use crate::store::{
    ApplicationRecord, CandidateCorrection, EmailKind, LinkRecord, PreparedEmail, Store,
    StoredTemplate,
};
use crate::template::{EmailTemplate, Values};
use crate::time::format_for_email;

impl Invitations {
    /// Renders an email of `kind` for an application and its link, with a
    /// fresh Message-ID, as the outbox stores it.
    pub(super) fn composer(
        &self,
        store: &Store,
        settings: &MailSettings,
        kind: EmailKind,
    ) -> Result<
        impl FnOnce(&ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>,
    > {
        let compose = self.any_composer(store, settings)?;
        Ok(
            move |app: &ApplicationRecord, link: &LinkRecord, stored: &StoredTemplate| {
                compose(kind, app, link, stored)
            },
        )
    }

    /// [`Invitations::composer`] for any kind of email.
    pub(super) fn any_composer(
        &self,
        store: &Store,
        settings: &MailSettings,
    ) -> Result<
        impl Fn(EmailKind, &ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>,
    > {
        let context = EmailContext::new(store, settings)?;
        let domain = settings
            .from
            .as_ref()
            .map(|m| m.email.domain().to_owned())
            .unwrap_or_else(|| "jobgate.invalid".to_owned());
        Ok(
            move |kind: EmailKind,
                  app: &ApplicationRecord,
                  link: &LinkRecord,
                  stored: &StoredTemplate| {
                Ok(PreparedEmail {
                    recipient: app.email.clone(),
                    recipient_name: app.candidate_name.clone(),
                    email: render_email(kind, app, link, &stored.template, &context),
                    message_id: new_message_id(&domain)?,
                })
            },
        )
    }

    /// Corrects a candidate's name and address; the emails of theirs still
    /// waiting to leave are made again for the corrected details (see
    /// [`Store::update_candidate`]).
    pub fn update_candidate(
        &self,
        candidate_id: i64,
        name: &PersonName,
        email: &EmailAddress,
        now: DateTime<Utc>,
    ) -> Result<CandidateCorrection> {
        let mut store = self.lock()?;
        // The composer is needed only for emails waiting to leave: settings a
        // send would refuse do not block correcting a name.
        let (compose, failure) = match settings::mail_settings(|name| store.setting(name))
            .and_then(|settings| self.any_composer(&store, &settings))
        {
            Ok(compose) => (Some(compose), None),
            Err(e) => (None, Some(e)),
        };
        // The first remake stops the correction, so one error is all it needs.
        let failure = std::cell::Cell::new(failure);
        let remake = |kind: EmailKind,
                      app: &ApplicationRecord,
                      link: &LinkRecord,
                      template: &StoredTemplate| match &compose {
            Some(compose) => compose(kind, app, link, template),
            None => Err(failure.take().unwrap_or(CoreError::Internal)),
        };
        let correction = store.update_candidate(candidate_id, name, email, now, &remake)?;
        tracing::info!(
            candidate_id,
            requeued = correction.requeued,
            in_flight = correction.in_flight,
            "candidate corrected"
        );
        Ok(correction)
    }
}

/// An email that carries the link: the invitation from the offer's template,
/// or the news of an extension in the template's language; the expiry in the
/// recruiter's zone, zone named, written for that language.
pub(super) fn render_email(
    kind: EmailKind,
    app: &ApplicationRecord,
    link: &LinkRecord,
    template: &EmailTemplate,
    context: &EmailContext,
) -> RenderedEmail {
    let start_url = format!(
        "{}/interview/start/{}",
        context.base_url,
        link.token.as_str()
    );
    let lang = template.lang();
    let expires = format_for_email(link.expires_at, context.zone, lang);
    match kind {
        EmailKind::Invitation => template.render(&Values {
            candidate_name: &app.candidate_name,
            job_title: &app.job_title,
            start_url: &start_url,
            expires_at: &expires,
            company: &context.company,
            recruiter_name: &context.recruiter,
        }),
        EmailKind::Extension => render_extension(
            &InvitationFields {
                candidate_name: &app.candidate_name,
                job_title: &app.job_title,
                start_url: &start_url,
                expires_local: &expires,
                team: &context.company,
            },
            lang,
        ),
    }
}

/// What every email of one request shares: where links point, the zone, who signs.
pub struct EmailContext {
    pub base_url: String,
    pub zone: chrono_tz::Tz,
    pub company: String,
    pub recruiter: String,
}

impl EmailContext {
    pub fn new(store: &Store, settings: &MailSettings) -> Result<EmailContext> {
        Ok(EmailContext {
            base_url: store.base_url()?,
            zone: store.time_zone(),
            company: settings.team(),
            recruiter: settings.recruiter(),
        })
    }
}
