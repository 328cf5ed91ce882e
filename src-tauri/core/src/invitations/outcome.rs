//! Writing down how a send ended. The email has left (or was refused)
//! whatever happens here: an outcome the database will not take now is kept
//! and written as soon as it does.

use chrono::{DateTime, Utc};

use super::{Invitations, Unrecorded};
use crate::error::{CoreError, Result};
use crate::mail::{MailError, SmtpReceipt};
use crate::store::{DeliveryOutcome, OutboxState};
use crate::Lang;

impl Invitations {
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
}
