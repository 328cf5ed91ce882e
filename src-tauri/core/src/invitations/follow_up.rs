//! After the first email, for the same valid link: "Renvoyer" (the
//! invitation again) and "Prolonger" (the link extended, the candidate told
//! if the recruiter asks).

use chrono::{DateTime, Utc};

use super::{EmailOutcome, Invitations};
use crate::error::Result;
use crate::store::{Delivery, EmailKind, LinkRecord};

impl Invitations {
    /// "Renvoyer": the invitation again, for the same valid link, even if it
    /// was sent (the candidate says nothing arrived). Its text gives the link's
    /// expiry as it is now.
    pub async fn resend(
        &self,
        application_id: i64,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<EmailOutcome> {
        self.follow_up(application_id, EmailKind::Invitation, now)
            .await
    }

    /// "Prolonger": the link's expiry moves `days` days on; with `notify`, the
    /// candidate is emailed the new date (the link stays extended whatever
    /// happens to that email).
    pub async fn extend(
        &self,
        application_id: i64,
        days: u32,
        notify: bool,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<(LinkRecord, Option<EmailOutcome>)> {
        // An email that cannot go (no sender, no key, links to this
        // computer) is said before anything changes.
        if notify {
            self.ready_to_email(&self.mail_settings()?, application_id)?;
        }
        let link = self.lock()?.extend_link(application_id, days, now())?;
        if !notify {
            return Ok((link, None));
        }
        let email = self
            .follow_up(application_id, EmailKind::Extension, now)
            .await?;
        Ok((link, Some(email)))
    }

    async fn follow_up(
        &self,
        application_id: i64,
        kind: EmailKind,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<EmailOutcome> {
        let settings = self.mail_settings()?;
        self.ready_to_email(&settings, application_id)?;
        self.record_pending();
        let delivery = {
            let mut store = self.lock()?;
            let compose = self.composer(&store, &settings, kind)?;
            store
                .prepare_follow_up(application_id, now(), kind, compose)?
                .1
        };
        match delivery {
            Delivery::Send(entry) => self.deliver(&settings, &entry, now).await,
            Delivery::AlreadySent { sent_at } => Ok(EmailOutcome::AlreadySent { sent_at }),
            Delivery::InProgress => Ok(EmailOutcome::InProgress),
        }
    }
}
