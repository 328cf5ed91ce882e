//! Inviting a candidate, end to end: the link and its outbox row in one
//! transaction, then the email over SMTP, then the outcome recorded. Used by
//! the window and the command line alike.
//!
//! The database lock is never held across the network: prepare (locked),
//! send (unlocked), record (locked).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use lettre::message::Mailbox;

use crate::domain::{EmailAddress, PersonName};
use crate::error::{CoreError, Result};
use crate::files::DataFolder;
use crate::lease::ProcessLease;
use crate::mail::message::{build_message, new_message_id, Envelope, InvitationFields, XSmtpApi};
use crate::mail::outlet::DryRunFolder;
use crate::mail::{
    mailto_url, render_extension, render_test_email, MailError, Mailer, Outlet, RenderedEmail,
    SmtpConfig, SmtpReceipt,
};
use crate::secret::{self, ApiKey, SecretStore};
use crate::settings::{self, MailSettings};
use crate::store::{
    ApplicationRecord, CandidateCorrection, Delivery, DeliveryOutcome, EmailKind, LinkRecord,
    LinkState, OutboxEntry, OutboxState, PreparedEmail, PreparedInvitation, Store, StoredTemplate,
};
use crate::template::{EmailTemplate, Values};
use crate::time::format_for_email;
use crate::Lang;

/// SendGrid category of invitation emails.
pub const INVITATION_CATEGORY: &str = "jobgate-invitation";
pub const TEST_CATEGORY: &str = "jobgate-test";

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
        let interrupted = invitations.recover_interrupted()?;
        if interrupted > 0 {
            tracing::warn!(
                interrupted,
                "emails left mid-send by a stopped process marked unknown"
            );
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

    /// Confirmed "Inviter": the link (created or reused) and the email.
    pub async fn invite(
        &self,
        application_id: i64,
        now: impl Fn() -> DateTime<Utc>,
    ) -> Result<InviteResult> {
        let settings = self.mail_settings()?;
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

    /// "Envoyer depuis ma messagerie": a `mailto:` with the invitation's
    /// subject and text for the application's valid link.
    pub fn mailto(&self, application_id: i64, now: DateTime<Utc>) -> Result<String> {
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
        let settings = settings::mail_settings(|name| store.setting(name))?;
        let template = store.job_template(app.job_id)?.template;
        let context = EmailContext::new(&store, &settings)?;
        let email = render_email(EmailKind::Invitation, &app, link, &template, &context);
        Ok(mailto_url(&app.email, &email))
    }

    /// The link (created or reused) and, in the same transaction, the outbox
    /// row with the rendered invitation.
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

    /// Renders an email of `kind` for an application and its link, with a
    /// fresh Message-ID, as the outbox stores it.
    fn composer(
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
    fn any_composer(
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

    /// Records an attempt's outcome. `retrying`: a temporary failure that will
    /// be tried again goes back to the queue. The email has left (or was
    /// refused) whatever happens here: when the write fails, the outcome is
    /// kept and written later ([`Invitations::record_pending`]), and the error
    /// is returned as `Some` for the recruiter to be told — never as a failure
    /// of the send.
    pub(crate) fn record(
        &self,
        outbox_id: i64,
        now: DateTime<Utc>,
        result: &Result<SmtpReceipt, MailError>,
        retrying: bool,
    ) -> Result<Option<CoreError>> {
        self.record_pending();
        match self.write_outcome(outbox_id, now, result, retrying) {
            Ok(()) => Ok(None),
            // Only what passes with time is kept for later: a busy or full
            // database. Anything else would fail for ever (the row is gone, the
            // data was replaced): it is logged, and the row, if still
            // `sending`, becomes `unknown` at the next start.
            Err(
                error @ (CoreError::DatabaseLocked { .. }
                | CoreError::DiskFull { .. }
                | CoreError::DataReadOnly { .. }
                | CoreError::Io(_)),
            ) => {
                tracing::error!(
                    outbox_id,
                    error = error.code(),
                    "the outcome of an email could not be written; kept to write later"
                );
                self.unrecorded
                    .lock()
                    .map_err(|_| CoreError::Internal)?
                    .push(Unrecorded {
                        outbox_id,
                        at: now,
                        result: result.clone(),
                        retrying,
                    });
                Ok(Some(error))
            }
            Err(CoreError::Internal) => Err(CoreError::Internal),
            Err(error) => {
                tracing::error!(
                    outbox_id,
                    error = error.code(),
                    "the outcome of an email could not be written and will not be"
                );
                Ok(Some(error))
            }
        }
    }

    /// Whether outcomes are waiting to be written ([`Invitations::record_pending`]).
    pub fn has_unrecorded(&self) -> bool {
        self.unrecorded
            .lock()
            .map(|u| !u.is_empty())
            .unwrap_or(false)
    }

    /// Writes the outcomes that could not be written when their email was
    /// sent; returns how many are still waiting. Called before every new
    /// outcome and every new email, so they land as soon as the database
    /// takes writes again.
    pub fn record_pending(&self) -> usize {
        let Ok(mut waiting) = self.unrecorded.lock() else {
            return 0;
        };
        // Oldest first; the first that still fails stops the round (each try
        // may wait for the database's busy time-out).
        let mut written = 0;
        for u in waiting.iter() {
            if self
                .write_outcome(u.outbox_id, u.at, &u.result, u.retrying)
                .is_err()
            {
                break;
            }
            written += 1;
        }
        waiting.drain(..written);
        waiting.len()
    }

    fn write_outcome(
        &self,
        outbox_id: i64,
        now: DateTime<Utc>,
        result: &Result<SmtpReceipt, MailError>,
        retrying: bool,
    ) -> Result<()> {
        if let Ok(receipt) = result {
            if receipt.dry_run {
                return self.lock()?.discard_dry_run(outbox_id, now);
            }
        }
        let outcome = match result {
            Ok(receipt) => DeliveryOutcome {
                state: OutboxState::Sent,
                smtp_code: Some(receipt.code),
                reply: Some(&receipt.reply),
                queue_id: receipt.queue_id(),
                error_code: None,
                error_fr: None,
                error_en: None,
            },
            Err(e) => DeliveryOutcome {
                state: match e {
                    MailError::Uncertain { .. } | MailError::UncertainTimeout { .. } => {
                        OutboxState::Unknown
                    }
                    e if e.is_temporary() => OutboxState::FailedTemporary,
                    _ => OutboxState::FailedPermanent,
                },
                smtp_code: e.smtp_code(),
                reply: e.reply(),
                queue_id: None,
                error_code: Some(e.code()),
                error_fr: Some(e.message(Lang::Fr)),
                error_en: Some(e.message(Lang::En)),
            },
        };
        match result {
            Ok(receipt) => tracing::info!(
                outbox_id,
                smtp_code = receipt.code,
                queue_id = receipt.queue_id(),
                "email sent"
            ),
            Err(e) => tracing::warn!(
                outbox_id,
                error = e.code(),
                smtp_code = e.smtp_code(),
                retrying,
                "email not sent"
            ),
        }
        let mut store = self.lock()?;
        store.record_delivery(outbox_id, now, &outcome)?;
        if retrying {
            store.requeue_outbox(outbox_id, now)?;
        }
        Ok(())
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
        Ok(self.outlet(&settings)?.send(message).await?)
    }
}

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
}

/// An email that carries the link: the invitation from the offer's template,
/// or the news of an extension in the template's language; the expiry in the
/// recruiter's zone, zone named, written for that language.
fn render_email(
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

fn mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, MailError> {
    let address = address
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Compose {
            detail: e.to_string(),
        })?;
    Ok(Mailbox::new(name.map(str::to_owned), address))
}
