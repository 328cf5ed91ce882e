//! Many invitations at once, over a small set of reused SMTP connections.
//!
//! 1. Every application gets its link and a `queued` outbox row first (so a
//!    crash later loses nothing: what was not sent is still queued, what was
//!    being sent becomes `unknown`).
//! 2. `connections` workers, each with its own connection, take rows one at a
//!    time: claim (`sending`, this process's lease) → send → record. At most
//!    one row per worker is ever `sending`.
//! 3. Temporary failures (4xx, network) go back to the queue and are retried
//!    with exponential backoff, a bounded number of times; final ones (5xx) are
//!    never retried; a bad recipient never stops the others.
//! 4. `rate_limit_per_minute` spaces the sends; cancelling stops taking new
//!    rows and takes back the ones never tried.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::time::Instant;

use crate::error::{CoreError, Result};
use crate::invitations::Invitations;
use crate::mail::{MailError, Outlet, OutletConnection, SmtpReceipt};
use crate::settings::MailSettings;
use crate::store::{Delivery, ListQuery, OutboxEntry};

mod queue;
use queue::{Counted, Item, Next, Shared};

#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Tries per message, the first included.
    pub max_attempts: u32,
    /// Wait before the first retry; doubled at each further one.
    pub retry_base: Duration,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            max_attempts: 3,
            retry_base: Duration::from_secs(2),
        }
    }
}

/// What the progress bar and the CLI hear, as it happens.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BatchEvent {
    /// Links and outbox rows are ready; `to_send` messages will go out.
    Started {
        total: usize,
        to_send: usize,
        dry_run: bool,
    },
    Sent {
        application_id: i64,
        smtp_code: u16,
    },
    Failed {
        application_id: i64,
        error_code: &'static str,
        smtp_code: Option<u16>,
        /// Why, in every language: `fr`, `en`, … (flattened).
        #[serde(flatten)]
        text: crate::i18n::Texts,
        will_retry: bool,
    },
    /// Annuler was heard: no email is claimed any more. `in_flight` were
    /// already handed to the server and finish anyway (their outcome comes as
    /// Sent or Failed); `queued` were still waiting and are taken back. Both
    /// zero: the click came after the last email left.
    Cancelling {
        in_flight: usize,
        queued: usize,
    },
    /// Not sent, and not a failure: already sent, being sent elsewhere, closed...
    Skipped {
        application_id: i64,
        reason: String,
    },
    Finished {
        report: BatchReport,
    },
}

#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct BatchReport {
    pub total: usize,
    pub sent: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Never tried because the batch was cancelled or stopped (their links exist).
    pub cancelled: usize,
    /// Of `sent`: emails that left but whose outcome the database would not
    /// take yet (kept and written as soon as it does; else `unknown` at the
    /// next start). Never to be sent again.
    pub unrecorded: usize,
    /// Why the batch stopped before the end, when an error every message would
    /// meet (a refused key, an unverified sender...) made it stop.
    pub stopped_by: Option<crate::dto::ErrorDto>,
}

/// Emails already sent in the last 24 hours, and what the batch would add.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct QuotaCheck {
    pub sent_last_24h: u64,
    pub quota: u32,
    pub batch: usize,
    pub exceeds: bool,
}

impl Invitations {
    /// The applications of a job offer that "invite all" would invite (all
    /// of them, page after page).
    pub fn awaiting_invitation(&self, job_id: i64, now: DateTime<Utc>) -> Result<Vec<i64>> {
        let rows = self.store()?.list_every(&ListQuery {
            job_id: Some(job_id),
            limit: None,
            ..ListQuery::default()
        })?;
        Ok(rows
            .iter()
            .filter(|a| a.awaits_invitation(now))
            .map(|a| a.id)
            .collect())
    }

    /// Whether sending `batch` more emails would exceed the daily quota.
    pub fn quota_check(&self, batch: usize, now: DateTime<Utc>) -> Result<QuotaCheck> {
        let settings = self.mail_settings()?;
        let sent = self
            .store()?
            .count_sent_since(now - chrono::Duration::hours(24))?;
        let quota = settings.daily_quota;
        Ok(QuotaCheck {
            sent_last_24h: sent,
            quota,
            batch,
            exceeds: quota > 0 && sent + batch as u64 > u64::from(quota),
        })
    }

    /// Invites every application in `ids` (links + emails), concurrently over
    /// `smtp_connections` connections. Stops taking new messages once `cancel`
    /// is set, or when an error every message would meet occurs (the report
    /// says which). The sender, the key and the server (one login) are checked
    /// before anything is created, so a batch that cannot start changes nothing.
    pub async fn invite_many(
        &self,
        ids: &[i64],
        options: &BatchOptions,
        cancel: &AtomicBool,
        on_event: &(dyn Fn(BatchEvent) + Send + Sync),
    ) -> Result<BatchReport> {
        let settings = self.mail_settings()?;
        self.ready_to_send(&settings)?;
        let outlet = self.outlet(&settings)?;
        // Log in before creating anything: a refused key or an unreachable
        // server changes nothing and is said once.
        let first_connection = outlet.connect().await?;

        let mut report = BatchReport {
            total: ids.len(),
            ..BatchReport::default()
        };
        let mut queue = VecDeque::new();
        // Annuler while logging in or preparing: what is not prepared yet is
        // never prepared (no link made, no row queued).
        let mut never_prepared = 0;
        for (i, &id) in ids.iter().enumerate() {
            if cancel.load(Ordering::SeqCst) {
                never_prepared = ids.len() - i;
                break;
            }
            match self.prepare(&settings, id, Utc::now()) {
                Ok(prepared) => match prepared.delivery {
                    Delivery::Send(entry) => queue.push_back(Item {
                        entry,
                        attempt: 1,
                        not_before: Instant::now(),
                    }),
                    Delivery::AlreadySent { .. } => skip(&mut report, on_event, id, "already_sent"),
                    Delivery::InProgress => skip(&mut report, on_event, id, "in_progress"),
                },
                // One application that cannot be invited (closed, deleted, erased...) does not stop the rest.
                Err(
                    e @ (CoreError::ApplicationNotFound { .. }
                    | CoreError::ApplicationClosed { .. }
                    | CoreError::JobClosed { .. }
                    | CoreError::CandidateErased { .. }),
                ) => skip(&mut report, on_event, id, e.code()),
                Err(e) => return Err(e),
            }
        }
        tracing::info!(
            total = ids.len(),
            to_send = queue.len(),
            dry_run = outlet.is_dry_run(),
            "batch started"
        );
        on_event(BatchEvent::Started {
            total: ids.len(),
            to_send: queue.len(),
            dry_run: outlet.is_dry_run(),
        });

        let workers = settings.connections.min(queue.len()).max(1);
        let shared = Shared {
            queue: Mutex::new(queue),
            spare: Mutex::new(vec![first_connection]),
            stop: AtomicBool::new(false),
            in_flight: AtomicUsize::new(0),
            held: AtomicUsize::new(0),
            active: AtomicUsize::new(workers),
            report: Mutex::new(report),
            next_slot: Mutex::new(Instant::now()),
            interval: (settings.rate_limit_per_minute > 0)
                .then(|| Duration::from_secs(60) / settings.rate_limit_per_minute),
            settings: &settings,
            options,
            cancel,
            on_event,
        };
        let (results, ()) = futures_util::future::join(
            futures_util::future::join_all((0..workers).map(|_| async {
                let result = self.worker(&outlet, &shared).await;
                shared.active.fetch_sub(1, Ordering::SeqCst);
                result
            })),
            shared.watch_cancel(),
        )
        .await;

        // Cancelled: take back what was never tried.
        let left: Vec<Item> = shared
            .queue
            .lock()
            .map(|mut q| q.drain(..).collect())
            .unwrap_or_default();
        for item in &left {
            // Left queued if the database will not take it now: harmless, the
            // next invitation or batch takes it over.
            if let Err(e) = self
                .store()
                .and_then(|mut store| store.withdraw_queued(item.entry.id, Utc::now()))
            {
                tracing::warn!(
                    outbox_id = item.entry.id,
                    error = e.code(),
                    "queued row not withdrawn"
                );
            }
        }
        self.record_pending();
        let mut report = shared.report.lock().map(|r| r.clone()).unwrap_or_default();
        report.cancelled += never_prepared;
        for item in left {
            if item.attempt == 1 {
                report.cancelled += 1;
            } else {
                report.failed += 1;
            }
        }
        for result in results {
            result?;
        }
        tracing::info!(
            sent = report.sent,
            failed = report.failed,
            skipped = report.skipped,
            cancelled = report.cancelled,
            "batch finished"
        );
        on_event(BatchEvent::Finished {
            report: report.clone(),
        });
        Ok(report)
    }

    /// One connection's loop: take, claim, send, record — until the queue is
    /// empty or the batch is cancelled.
    async fn worker(&self, outlet: &Outlet, shared: &Shared<'_>) -> Result<()> {
        let mut connection: Option<OutletConnection> =
            shared.spare.lock().ok().and_then(|mut spare| spare.pop());
        loop {
            if shared.halted() {
                break;
            }
            let item = match shared.next() {
                Next::Done => break,
                Next::Wait(d) => {
                    tokio::time::sleep(d.min(Duration::from_millis(100))).await;
                    continue;
                }
                Next::Item(item) => item,
            };
            let held = Counted::adopt(&shared.held);
            // Cancelled while waiting for its slot: taken back, never claimed.
            if !shared.pace().await {
                shared.push(*item);
                break;
            }
            let claimed = self.claim(shared.settings, item.entry.id, Utc::now());
            let _in_flight =
                matches!(claimed, Ok(Some(_))).then(|| Counted::new(&shared.in_flight));
            drop(held);
            let entry = match claimed {
                Ok(Some(entry)) => entry,
                Ok(None) => continue, // another process took it
                // The database would not take the claim (busy, full disk):
                // nothing was sent for this row; the batch stops and says why,
                // and the row is taken back with the others never tried.
                Err(e) => {
                    if !shared.stop.swap(true, Ordering::SeqCst) {
                        let stopped_by = crate::dto::ErrorDto::from(&e);
                        shared.count(|r| r.stopped_by = Some(stopped_by));
                    }
                    shared.push(*item);
                    break;
                }
            };
            let result = self
                .send_one(outlet, &mut connection, shared.settings, &entry)
                .await;
            let application_id = item.entry.application_id;
            match &result {
                Ok(receipt) => {
                    let unrecorded = self.record(item.entry.id, Utc::now(), &result, false)?;
                    shared.count(|r| {
                        r.sent += 1;
                        r.unrecorded += usize::from(unrecorded.is_some());
                    });
                    (shared.on_event)(BatchEvent::Sent {
                        application_id,
                        smtp_code: receipt.code,
                    });
                }
                Err(e) => {
                    if e.stops_batch() && !shared.stop.swap(true, Ordering::SeqCst) {
                        let stopped_by = crate::dto::ErrorDto::from(&CoreError::Mail(e.clone()));
                        shared.count(|r| r.stopped_by = Some(stopped_by));
                    }
                    let mut will_retry =
                        e.is_temporary() && item.attempt < shared.options.max_attempts;
                    // An outcome not yet written leaves the row `sending`: no
                    // retry can claim it in this batch (it is requeued when
                    // the outcome is written).
                    if self
                        .record(item.entry.id, Utc::now(), &result, will_retry)?
                        .is_some()
                    {
                        will_retry = false;
                    }
                    if !will_retry {
                        shared.count(|r| r.failed += 1);
                    }
                    (shared.on_event)(BatchEvent::Failed {
                        application_id,
                        error_code: e.code(),
                        smtp_code: e.smtp_code(),
                        text: crate::i18n::texts(|lang| e.message(lang)),
                        will_retry,
                    });
                    if will_retry {
                        let backoff = shared.options.retry_base * 2u32.pow(item.attempt - 1);
                        shared.push(Item {
                            entry: item.entry,
                            attempt: item.attempt + 1,
                            not_before: Instant::now() + backoff,
                        });
                    }
                }
            }
        }
        if let Some(connection) = connection {
            connection.close().await;
        }
        Ok(())
    }

    /// Sends one row over the worker's connection, opening it if needed and
    /// dropping it when it broke.
    async fn send_one(
        &self,
        outlet: &Outlet,
        connection: &mut Option<OutletConnection>,
        settings: &MailSettings,
        entry: &OutboxEntry,
    ) -> Result<SmtpReceipt, MailError> {
        let message = self.message_for(settings, entry)?;
        if connection.is_none() {
            *connection = Some(outlet.connect().await?);
        }
        let Some(conn) = connection.as_mut() else {
            return Err(MailError::Network {
                detail: "no connection".into(),
            });
        };
        let result = conn.send(&message).await;
        if result.is_err() {
            // lettre closes a connection after any error (and one cut by our
            // time limit is mid-command): the next message opens a new one.
            *connection = None;
        }
        result
    }
}

fn skip(
    report: &mut BatchReport,
    on_event: &(dyn Fn(BatchEvent) + Send + Sync),
    application_id: i64,
    reason: &str,
) {
    report.skipped += 1;
    on_event(BatchEvent::Skipped {
        application_id,
        reason: reason.to_owned(),
    });
}
