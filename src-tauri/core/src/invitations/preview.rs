//! The email rendered but not sent by JobGate: the template editor's preview
//! (the invitation exactly as it would be sent) and "Envoyer depuis ma
//! messagerie" (a `mailto:` link).

use chrono::{DateTime, Utc};

use super::compose::{render_email, EmailContext};
use super::Invitations;
use crate::error::{CoreError, Result};
use crate::mail::mailto_url;
use crate::settings;
use crate::store::{ApplicationRecord, EmailKind, LinkRecord, LinkState};
use crate::template::EmailTemplate;
use crate::Lang;

/// What the template editor shows: the invitation exactly as it would be sent.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct Preview {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub lang: Lang,
    /// The application whose data fills it (`None`: the offer has none yet,
    /// and sample values are used).
    pub application_id: Option<i64>,
    pub candidate_name: String,
    pub email: String,
    /// True when the application has no valid link yet: the link shown is a
    /// sample, and the real one is made when the invitation is sent.
    pub sample_link: bool,
}

impl Invitations {
    /// The invitation `template` would make for an application of `job_id`
    /// (`application_id`, else the offer's first), with its real link and
    /// expiry when it has a valid one — what the email will say, to the letter.
    pub fn preview(
        &self,
        job_id: i64,
        application_id: Option<i64>,
        template: &EmailTemplate,
        now: DateTime<Utc>,
    ) -> Result<Preview> {
        let store = self.lock()?;
        let settings = settings::mail_settings(|name| store.setting(name))?;
        let context = EmailContext::new(&store, &settings)?;
        let app = match application_id {
            Some(id) => {
                let app = store.application(id)?;
                if app.job_id != job_id {
                    return Err(CoreError::ApplicationOfAnotherJob {
                        id,
                        job_id,
                        its_job_id: app.job_id,
                        its_job_title: app.job_title,
                    });
                }
                Some(app)
            }
            None => store
                .list_applications(&crate::store::ListQuery {
                    job_id: Some(job_id),
                    limit: Some(1),
                    ..Default::default()
                })?
                .rows
                .into_iter()
                .next(),
        };
        let validity = store.job_link_validity(job_id)?;
        let job_title = match &app {
            Some(a) => a.job_title.clone(),
            None => store
                .list_jobs()?
                .into_iter()
                .find(|j| j.id == job_id)
                .map(|j| j.title)
                .unwrap_or_default(),
        };
        let (link, sample_link) = match app.as_ref().and_then(|a| a.link.clone()) {
            Some(link) if link.state(now) == LinkState::Active => (link, false),
            _ => (
                LinkRecord {
                    id: 0,
                    token: crate::domain::Token::from_stored(
                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".to_owned(),
                    ),
                    created_at: now,
                    expires_at: crate::time::add_local_days(now, validity, context.zone),
                    revoked_at: None,
                },
                true,
            ),
        };
        let (candidate_name, email) = match &app {
            Some(a) => (a.candidate_name.clone(), a.email.clone()),
            None => (
                "Camille Martin".to_owned(),
                "camille.martin@exemple.fr".to_owned(),
            ),
        };
        let values_app = ApplicationRecord {
            id: app.as_ref().map(|a| a.id).unwrap_or(0),
            job_id,
            job_title,
            candidate_id: 0,
            candidate_name: candidate_name.clone(),
            email: email.clone(),
            status: crate::domain::ApplicationStatus::New,
            created_at: now,
            link: None,
            job_open: true,
            last_email: None,
        };
        let rendered = render_email(
            EmailKind::Invitation,
            &values_app,
            &link,
            template,
            &context,
        );
        Ok(Preview {
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            lang: template.lang(),
            application_id: app.map(|a| a.id),
            candidate_name,
            email,
            sample_link,
        })
    }

    /// "Envoyer depuis ma messagerie": the invitation for the application's
    /// valid link, as the recruiter's own mail client sends it — through a
    /// `mailto:` ([`Invitations::mailto`]), or copied by hand when no mail
    /// client opens (webmail included).
    pub fn mail_draft(&self, application_id: i64, now: DateTime<Utc>) -> Result<MailDraft> {
        let store = self.lock()?;
        let app = store.application(application_id)?;
        if let Some(closed) = app.decision_closed() {
            return Err(closed);
        }
        let link = match &app.link {
            Some(link) if link.state(now) == LinkState::Active => link,
            other => {
                return Err(CoreError::NoActiveLink {
                    id: application_id,
                    state: other.as_ref().map(|l| l.state(now)),
                })
            }
        };
        // The recruiter's own mail client sends for real, dry run or not.
        let base_url = store.base_url()?;
        if settings::is_on_this_computer(&base_url) {
            return Err(CoreError::BaseUrlOnThisComputer { value: base_url });
        }
        let settings = settings::mail_settings(|name| store.setting(name))?;
        let template = store.job_template(app.job_id)?.template;
        let context = EmailContext::new(&store, &settings)?;
        let email = render_email(EmailKind::Invitation, &app, link, &template, &context);
        Ok(MailDraft {
            to: app.email.clone(),
            subject: email.subject,
            text: email.text,
        })
    }

    /// The `mailto:` of [`Invitations::mail_draft`].
    pub fn mailto(&self, application_id: i64, now: DateTime<Utc>) -> Result<String> {
        let draft = self.mail_draft(application_id, now)?;
        Ok(mailto_url(&draft.to, &draft.subject, &draft.text))
    }
}

/// An invitation to send by hand: to whom, its subject and its text.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct MailDraft {
    pub to: String,
    pub subject: String,
    pub text: String,
}
