//! Where messages go and what they are: the transport cache, the outlet
//! (SMTP or the dry-run folder), the MIME message of an outbox row, and the
//! settings form's connection check and test email.

use std::sync::{Arc, Mutex};

use lettre::message::Mailbox;

use super::{Invitations, INVITATION_CATEGORY, TEST_CATEGORY};
use crate::error::Result;
use crate::mail::message::{build_message, new_message_id, Envelope, XSmtpApi};
use crate::mail::outlet::DryRunFolder;
use crate::mail::{
    render_test_email, MailError, Mailer, Outlet, RenderedEmail, SmtpConfig, SmtpReceipt,
};
use crate::secret::{self, ApiKey};
use crate::settings::MailSettings;
use crate::store::{Fact, OutboxEntry};

use super::setup::TestEmailProof;

/// The transport built for the current settings and key, rebuilt only when
/// either changes, so its pooled connections are reused across sends.
#[derive(Default)]
pub struct MailerCache(Mutex<Option<(SmtpConfig, ApiKey, Arc<Mailer>)>>);

impl MailerCache {
    pub fn get(&self, config: &SmtpConfig, key: &ApiKey) -> Result<Arc<Mailer>, MailError> {
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((c, k, mailer)) = slot.as_ref() {
            if c == config && k == key {
                return Ok(mailer.clone());
            }
        }
        let mailer = Arc::new(Mailer::new(config, key)?);
        *slot = Some((config.clone(), key.clone(), mailer.clone()));
        Ok(mailer)
    }
}

impl Invitations {
    /// Where messages go for the current settings: the dry-run folder, or the
    /// SMTP transport for the current settings and key.
    pub(crate) fn outlet(&self, settings: &MailSettings) -> Result<Outlet, MailError> {
        match &settings.dry_run_dir {
            Some(dir) => Ok(Outlet::DryRun(DryRunFolder {
                dir: dir.clone(),
                data: self.data_folder(),
            })),
            None => Ok(Outlet::Smtp(self.mailer(settings)?)),
        }
    }

    /// The transport for the current settings and key.
    fn mailer(&self, settings: &MailSettings) -> Result<Arc<Mailer>, MailError> {
        let key = match secret::resolve(self.secrets.as_ref()) {
            Ok(Some((key, _))) => key,
            Ok(None) => return Err(MailError::NoApiKey),
            Err(e) => return Err(MailError::Key(e)),
        };
        self.mailers.get(&settings.smtp, &key)
    }

    /// The MIME message for an outbox row, with today's sender settings.
    pub(crate) fn message_for(
        &self,
        settings: &MailSettings,
        entry: &OutboxEntry,
    ) -> Result<lettre::Message, MailError> {
        let from = settings.from.as_ref().ok_or(MailError::NoSender)?;
        let to = mailbox(Some(&entry.recipient_name), &entry.recipient)?;
        build_message(
            Envelope {
                from,
                reply_to: settings.reply_to.as_ref(),
                to,
                message_id: &entry.message_id,
                smtpapi: XSmtpApi::new(INVITATION_CATEGORY, Some(entry.id)),
            },
            &entry.email,
        )
    }

    /// "Vérifier la connexion": connect, secure, log in; send nothing.
    pub async fn check_connection(&self) -> Result<()> {
        let settings = self.mail_settings()?;
        match self.outlet(&settings)? {
            Outlet::Smtp(mailer) => Ok(mailer.check().await?),
            Outlet::DryRun(_) => Ok(()),
        }
    }

    /// "Envoyer un email de test" to an address the admin typed.
    pub async fn send_test(&self, to: &str) -> Result<SmtpReceipt> {
        let to = crate::domain::EmailAddress::parse(to)?;
        let settings = self.mail_settings()?;
        let from = settings.from.as_ref().ok_or(MailError::NoSender)?;
        let email: RenderedEmail = render_test_email(&settings.team());
        let message = build_message(
            Envelope {
                from,
                reply_to: settings.reply_to.as_ref(),
                to: mailbox(None, to.as_str())?,
                message_id: &new_message_id(from.email.domain())?,
                smtpapi: XSmtpApi::new(TEST_CATEGORY, None),
            },
            &email,
        )?;
        let receipt = self.outlet(&settings)?.send(message).await?;
        // The first-run checklist's last item (a dry run proves nothing),
        // kept with the sender and server it proved. The email went: a
        // failure to write that down is logged, never reported as a failed send.
        if settings.dry_run_dir.is_none() {
            let proof = TestEmailProof {
                to: to.as_str(),
                from: from.email.as_ref(),
                host: &settings.smtp.host,
            };
            let recorded = self.store().and_then(|mut store| {
                store.record_fact(Fact::TestEmailSent, &proof.encode(), chrono::Utc::now())
            });
            if let Err(error) = recorded {
                tracing::warn!(
                    code = error.code(),
                    "the test email went out but could not be noted"
                );
            }
        }
        Ok(receipt)
    }
}

fn mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, MailError> {
    let address = address
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Compose {
            detail: e.to_string(),
        })?;
    Ok(Mailbox::new(name.map(str::to_owned), address))
}
