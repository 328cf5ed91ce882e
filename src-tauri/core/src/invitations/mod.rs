//! Inviting a candidate, end to end: the link and its outbox row in one
//! transaction, then the email over SMTP, then the outcome recorded. Used by
//! the window and the command line alike.
//!
//! The database lock is never held across the network: prepare (locked),
//! send (unlocked), record (locked).
//!
//! Here: [`Invitations`] itself, opening it, and the first invitation
//! (prepare → claim → send → record). Beside it: `sending` (the transport
//! cache, the MIME message, the connection check and the test email),
//! `compose` (rendering the emails the outbox stores), `follow_up` (resend,
//! extend), `outcome` (writing down how a send ended, later if need be) and
//! `preview` (the editor's preview, the `mailto:` link).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use crate::error::{CoreError, Result};
use crate::files::DataFolder;
use crate::lease::ProcessLease;
use crate::mail::{MailError, SmtpReceipt};
use crate::secret::SecretStore;
use crate::settings::{self, MailSettings};
use crate::store::{Delivery, EmailKind, OutboxEntry, PreparedInvitation, Store};

mod compose;
mod follow_up;
mod outcome;
mod preview;
mod sending;
mod setup;

pub use compose::EmailContext;
pub use preview::{MailDraft, Preview};
pub use sending::MailerCache;
pub use setup::{KeyState, SetupStatus};

/// SendGrid category of invitation emails.
pub const INVITATION_CATEGORY: &str = "jobgate-invitation";
pub const TEST_CATEGORY: &str = "jobgate-test";

/// What inviting needs, built once and kept: the database, where the key is
/// kept, the transport cache.
pub struct Invitations {
    store: Mutex<Store>,
    secrets: Box<dyn SecretStore>,
    mailers: MailerCache,
    /// This process's lease and the data folder holding every lease, when on disk.
    lease: Option<(ProcessLease, PathBuf)>,
    /// Outcomes of emails that were handed to the server (or refused) but
    /// could not be written (database busy past its time-out, disk full):
    /// written as soon as the database takes writes again. Should the process
    /// stop first, the row is still `sending` under this process's lease and
    /// becomes `unknown` at the next start — never "not sent".
    unrecorded: Mutex<Vec<Unrecorded>>,
}

struct Unrecorded {
    outbox_id: i64,
    at: DateTime<Utc>,
    result: Result<SmtpReceipt, MailError>,
    retrying: bool,
}

#[derive(Debug)]
pub enum EmailOutcome {
    Sent(SmtpReceipt),
    /// The server accepted the email, but writing that down failed (`error`
    /// says why); JobGate writes it as soon as it can. Never send it again.
    SentUnrecorded {
        receipt: SmtpReceipt,
        error: CoreError,
    },
    /// The link exists and stays valid; the attempt is recorded with this error.
    Failed(MailError),
    AlreadySent {
        sent_at: Option<DateTime<Utc>>,
    },
    InProgress,
}

/// A command-line run, a test: before the process lets go of its rows, a few
/// more tries at the outcomes not yet written (the window does this on a
/// timer and at exit). What still fails becomes `unknown` at the next start.
impl Drop for Invitations {
    fn drop(&mut self) {
        for pause in [0, 1, 3] {
            std::thread::sleep(std::time::Duration::from_secs(pause));
            if self.record_pending() == 0 {
                return;
            }
        }
    }
}

#[derive(Debug)]
pub struct InviteResult {
    /// True when this call created the link.
    pub link_created: bool,
    pub email: EmailOutcome,
}

impl Invitations {
    /// Without a lease (in-memory databases, tests): rows it claims carry no owner.
    pub fn new(store: Store, secrets: Box<dyn SecretStore>) -> Invitations {
        Invitations {
            store: Mutex::new(store),
            secrets,
            mailers: MailerCache::default(),
            lease: None,
            unrecorded: Mutex::new(Vec::new()),
        }
    }

    /// Opens the database of `data_dir` for this process: takes a lease, then
    /// marks `unknown` the rows that a dead process left `sending`.
    pub fn open(data_dir: &Path, secrets: Box<dyn SecretStore>) -> Result<Invitations> {
        let lease = ProcessLease::acquire(data_dir)?;
        let store = Store::open(&crate::paths::database_path(data_dir))?;
        let invitations = Invitations {
            store: Mutex::new(store),
            secrets,
            mailers: MailerCache::default(),
            lease: Some((lease, data_dir.to_owned())),
            unrecorded: Mutex::new(Vec::new()),
        };
        // An erasure another program kept from rewriting the file: now.
        if !invitations.lock()?.finish_pending_rewrite()? {
            tracing::warn!(
                "the file still holds an erasure's freed pages: retried at the next opening"
            );
        }
        let interrupted = invitations.recover_interrupted()?;
        if interrupted > 0 {
            tracing::warn!(
                interrupted,
                "emails left mid-send by a stopped process marked unknown"
            );
        }
        // A restore erases again whom the erasure register names before it
        // returns; a restore killed in between leaves that to here, before
        // anything can send. Never fatal: a register that cannot be read, or
        // an email to them being sent by another process, is left for the
        // next opening (and said in the log).
        let erased_again = invitations
            .lock()
            .and_then(|mut store| store.erase_registered(Utc::now()));
        match erased_again {
            Ok(0) => {}
            Ok(count) => tracing::warn!(count, "erased candidates found again and erased"),
            Err(e) => tracing::warn!(error = %e, "the erasure register could not be applied"),
        }
        Ok(invitations)
    }

    /// Rows left `sending` by processes that died become `unknown` (never resent
    /// automatically); rows live processes are sending are left alone.
    pub fn recover_interrupted(&self) -> Result<usize> {
        let data_dir = self.lease.as_ref().map(|(_, dir)| dir.clone());
        self.lock()?.recover_interrupted(Utc::now(), |owner| {
            data_dir
                .as_deref()
                .is_some_and(|dir| crate::lease::is_alive(dir, owner))
        })
    }

    /// The data folder no dry-run email may go into the files of.
    fn data_folder(&self) -> Option<DataFolder> {
        match &self.lease {
            Some((_, dir)) => Some(DataFolder::new(dir)),
            None => self.store().ok()?.data_folder(),
        }
    }

    /// This process's lease id (none for a store opened without a data folder).
    pub fn lease_id(&self) -> Option<&str> {
        self.lease.as_ref().map(|(lease, _)| lease.id())
    }

    /// The database, for everything that is not sending. Never hold it across an await.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| CoreError::Internal)
    }

    pub fn secrets(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }

    fn lock(&self) -> Result<MutexGuard<'_, Store>> {
        self.store()
    }

    /// Settings as sending sees them (environment overrides applied).
    pub fn mail_settings(&self) -> Result<MailSettings> {
        let store = self.lock()?;
        settings::mail_settings(|name| store.setting(name))
    }

    /// Confirmed "Inviter": the link (created or reused) and the email.
    pub async fn invite(
        &self,
        application_id: i64,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<InviteResult> {
        let settings = self.mail_settings()?;
        self.ready_to_email(&settings, application_id)?;
        let prepared = self.prepare(&settings, application_id, now())?;
        let link_created = prepared.link.created;
        tracing::info!(
            application_id,
            link_id = prepared.link.link.id,
            link_created,
            "invitation confirmed"
        );
        let entry = match prepared.delivery {
            Delivery::Send(entry) => entry,
            Delivery::AlreadySent { sent_at } => {
                return Ok(InviteResult {
                    link_created,
                    email: EmailOutcome::AlreadySent { sent_at },
                })
            }
            Delivery::InProgress => {
                return Ok(InviteResult {
                    link_created,
                    email: EmailOutcome::InProgress,
                })
            }
        };
        Ok(InviteResult {
            link_created,
            email: self.deliver(&settings, &entry, now).await?,
        })
    }

    /// Claims a prepared row, sends it, records the outcome.
    async fn deliver(
        &self,
        settings: &MailSettings,
        entry: &OutboxEntry,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<EmailOutcome> {
        let Some(entry) = self.claim(settings, entry.id, now())? else {
            return Ok(EmailOutcome::InProgress);
        };
        let entry = &entry;
        let result = match self.message_for(settings, entry) {
            Ok(message) => match self.outlet(settings) {
                Ok(outlet) => outlet.send(message).await,
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        let unrecorded = self.record(entry.id, now(), &result, false)?;
        Ok(match (result, unrecorded) {
            (Ok(receipt), None) => EmailOutcome::Sent(receipt),
            (Ok(receipt), Some(error)) => EmailOutcome::SentUnrecorded { receipt, error },
            (Err(e), _) => EmailOutcome::Failed(e),
        })
    }

    /// The link (created or reused) and, in the same transaction, the outbox
    /// row with the rendered invitation.
    /// Refuses, before any link is made, a real email that cannot go: no
    /// sender or no key (what is missing is said), or links that would lead
    /// to this computer (the seed's `http://localhost:3000` left as it is: no
    /// candidate could open them). A dry run needs only the sender. A key that is
    /// there but unusable (keyring locked, malformed) is said by the send
    /// itself, with its own remedy.
    /// [`Invitations::ready_to_send`] for one application, once it is known
    /// to exist and to be in the running: what is wrong with the application
    /// itself is said first.
    pub(crate) fn ready_to_email(
        &self,
        settings: &MailSettings,
        application_id: i64,
    ) -> Result<()> {
        if let Some(closed) = self.store()?.application(application_id)?.decision_closed() {
            return Err(closed);
        }
        self.ready_to_send(settings)
    }

    pub(crate) fn ready_to_send(&self, settings: &MailSettings) -> Result<()> {
        self.ready_with_key(settings, self.key_state())
    }

    /// [`Invitations::ready_to_send`] with the key already looked for (one
    /// Secret Service round trip per question, not two).
    pub(crate) fn ready_with_key(&self, settings: &MailSettings, key: KeyState) -> Result<()> {
        let dry_run = settings.dry_run_dir.is_some();
        // A dry run writes the very message: it needs its sender, not a key.
        let sender_missing = settings.from.is_none();
        let key_missing = !dry_run && key == KeyState::Missing;
        if sender_missing || key_missing {
            return Err(CoreError::NotReadyToSend {
                sender_missing,
                key_missing,
            });
        }
        if dry_run {
            return Ok(());
        }
        let base_url = self.store()?.base_url()?;
        if settings::is_on_this_computer(&base_url) {
            return Err(CoreError::BaseUrlOnThisComputer { value: base_url });
        }
        Ok(())
    }

    pub(crate) fn prepare(
        &self,
        settings: &MailSettings,
        application_id: i64,
        now: DateTime<Utc>,
    ) -> Result<PreparedInvitation> {
        self.record_pending();
        let mut store = self.lock()?;
        let compose = self.composer(&store, settings, EmailKind::Invitation)?;
        store.prepare_invitation(application_id, now, compose)
    }

    /// Takes a queued row for this process (its lease recorded), as it
    /// stands now, made again first if the candidate was corrected meanwhile.
    pub(crate) fn claim(
        &self,
        settings: &MailSettings,
        outbox_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<OutboxEntry>> {
        let lease = self.lease.as_ref().map(|(lease, _)| lease.id());
        let mut store = self.lock()?;
        let remake = self.any_composer(&store, settings)?;
        store.claim_outbox_entry(outbox_id, now, lease, Some(&remake))
    }
}
