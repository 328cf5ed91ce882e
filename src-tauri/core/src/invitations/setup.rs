//! The first-run checklist: what must be set before a real email can go
//! (the sender, the link address, the key) and what is recommended (a test
//! email that went out).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Invitations;
use crate::dto::ErrorDto;
use crate::error::{CoreError, Result};
use crate::secret;
use crate::settings::{self, LinkPlace};
use crate::store::Fact;

/// Whether the SendGrid key can be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    Present,
    Missing,
    /// There, but the keyring cannot be read or the key is malformed.
    Unusable,
}

/// Where the first-run checklist stands.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SetupStatus {
    /// Nothing is really sent: the checklist does not apply.
    pub dry_run: bool,
    /// The sender's address, once set.
    pub sender: Option<String>,
    /// The interview links' address, and where it leads.
    pub base_url: String,
    pub link_place: LinkPlace,
    /// A private-network address the recruiter confirmed (always true for
    /// any other place).
    pub link_address_confirmed: bool,
    pub key: KeyState,
    /// Where the last test email that went out was sent.
    pub test_email_to: Option<String>,
    /// Why Inviter would refuse now, before any link is made (what is
    /// missing, or links to this computer); `None` when an email can go (the
    /// test email is only advised).
    pub blocked: Option<ErrorDto>,
}

/// What a test email that went out proved: that this sender, through this
/// server, reaches an inbox. Another sender or server needs a new test.
pub(crate) struct TestEmailProof<'a> {
    pub to: &'a str,
    pub from: &'a str,
    pub host: &'a str,
}

impl<'a> TestEmailProof<'a> {
    /// One line each (none of them can hold a line break: validated).
    pub fn encode(&self) -> String {
        format!("{}\n{}\n{}", self.to, self.from, self.host)
    }

    pub fn decode(value: &'a str) -> Option<TestEmailProof<'a>> {
        let mut parts = value.split('\n');
        Some(TestEmailProof {
            to: parts.next()?,
            from: parts.next()?,
            host: parts.next()?,
        })
    }
}

impl Invitations {
    /// Whether the key can be had now (`SENDGRID_API_KEY`, else the keyring).
    pub(crate) fn key_state(&self) -> KeyState {
        match secret::resolve(self.secrets.as_ref()) {
            Ok(Some(_)) => KeyState::Present,
            Ok(None) => KeyState::Missing,
            Err(_) => KeyState::Unusable,
        }
    }

    /// Where the first-run checklist stands: what is set, what is missing.
    pub fn setup_status(&self) -> Result<SetupStatus> {
        let settings = self.mail_settings()?;
        let key = self.key_state();
        // Inviter's own check, so the page and the command never disagree
        // (before the store is held here: it takes it itself).
        let blocked = match self.ready_with_key(&settings, key) {
            Ok(()) => None,
            Err(
                e @ (CoreError::NotReadyToSend { .. } | CoreError::BaseUrlOnThisComputer { .. }),
            ) => Some(ErrorDto::from(&e)),
            Err(e) => return Err(e),
        };
        let store = self.store()?;
        let base_url = store.base_url()?;
        let link_place = settings::link_place(&base_url);
        let confirmed = store
            .fact(Fact::PrivateBaseUrlConfirmed)?
            .is_some_and(|(url, _)| url == base_url);
        // A test through today's sender and server (an older one proved another).
        let from = settings.from.as_ref().map(|from| from.email.to_string());
        let test_email = store.fact(Fact::TestEmailSent)?.and_then(|(value, _)| {
            TestEmailProof::decode(&value)
                .filter(|proof| {
                    Some(proof.from) == from.as_deref() && proof.host == settings.smtp.host
                })
                .map(|proof| proof.to.to_owned())
        });
        Ok(SetupStatus {
            blocked,
            dry_run: settings.dry_run_dir.is_some(),
            sender: from,
            link_place,
            link_address_confirmed: link_place != LinkPlace::Private || confirmed,
            base_url,
            key,
            test_email_to: test_email,
        })
    }

    /// The recruiter confirmed links on a private network: not asked again
    /// for this address.
    pub fn confirm_private_base_url(&self, now: DateTime<Utc>) -> Result<()> {
        let mut store = self.store()?;
        let base_url = store.base_url()?;
        store.record_fact(Fact::PrivateBaseUrlConfirmed, &base_url, now)
    }
}
