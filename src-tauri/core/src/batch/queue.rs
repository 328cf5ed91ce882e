//! The batch's shared state: the queue of rows to send, the spare
//! connections, the counters, the pacing under `rate_limit_per_minute` and
//! the watch that tells the page Annuler was heard.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::{BatchEvent, BatchOptions, BatchReport};
use crate::mail::OutletConnection;
use crate::settings::MailSettings;
use crate::store::OutboxEntry;

pub(super) struct Item {
    pub(super) entry: OutboxEntry,
    pub(super) attempt: u32,
    pub(super) not_before: Instant,
}

pub(super) enum Next {
    Item(Box<Item>),
    Wait(Duration),
    Done,
}

pub(super) struct Shared<'a> {
    pub(super) queue: Mutex<VecDeque<Item>>,
    /// Connections opened before the batch started, for the workers to take.
    pub(super) spare: Mutex<Vec<OutletConnection>>,
    /// Set when an error that every message would meet stops the batch.
    pub(super) stop: AtomicBool,
    /// Rows claimed and not yet recorded: being handed to the server.
    pub(super) in_flight: AtomicUsize,
    /// Rows a worker took from the queue and has not claimed yet (waiting for
    /// its rate-limit slot): still taken back on Annuler.
    pub(super) held: AtomicUsize,
    /// Workers still running.
    pub(super) active: AtomicUsize,
    pub(super) report: Mutex<BatchReport>,
    pub(super) next_slot: Mutex<Instant>,
    pub(super) interval: Option<Duration>,
    pub(super) settings: &'a MailSettings,
    pub(super) options: &'a BatchOptions,
    pub(super) cancel: &'a AtomicBool,
    pub(super) on_event: &'a (dyn Fn(BatchEvent) + Send + Sync),
}

impl Shared<'_> {
    pub(super) fn next(&self) -> Next {
        let Ok(mut queue) = self.queue.lock() else {
            return Next::Done;
        };
        let now = Instant::now();
        match queue.iter().position(|item| item.not_before <= now) {
            Some(i) => queue.remove(i).map_or(Next::Done, |item| {
                // Counted before the lock is let go: never in neither count.
                self.held.fetch_add(1, Ordering::SeqCst);
                Next::Item(Box::new(item))
            }),
            None => match queue.iter().map(|item| item.not_before).min() {
                Some(first) => Next::Wait(first - now),
                None => Next::Done,
            },
        }
    }

    pub(super) fn push(&self, item: Item) {
        if let Ok(mut queue) = self.queue.lock() {
            queue.push_back(item);
        }
    }

    pub(super) fn count(&self, f: impl FnOnce(&mut BatchReport)) {
        if let Ok(mut report) = self.report.lock() {
            f(&mut report);
        }
    }

    /// Whether Annuler was clicked or an error stopped the batch.
    pub(super) fn halted(&self) -> bool {
        self.cancel.load(Ordering::SeqCst) || self.stop.load(Ordering::SeqCst)
    }

    /// Waits for this send's slot under `rate_limit_per_minute`; false when
    /// the batch was cancelled or stopped meanwhile (nothing may be claimed).
    pub(super) async fn pace(&self) -> bool {
        let Some(interval) = self.interval else {
            return !self.halted();
        };
        let wait = match self.next_slot.lock() {
            Ok(mut next) => {
                let now = Instant::now();
                let slot = (*next).max(now);
                *next = slot + interval;
                slot - now
            }
            Err(_) => Duration::ZERO,
        };
        // Annuler is heard within 50 ms, not after the slot.
        let until = Instant::now() + wait;
        while !self.halted() {
            let now = Instant::now();
            if now >= until {
                return true;
            }
            tokio::time::sleep((until - now).min(Duration::from_millis(50))).await;
        }
        false
    }

    /// Tells the page, once, that Annuler was heard and what still goes out.
    ///
    /// The flag is read before the workers' count: when Annuler makes the
    /// last workers stop between two looks, it is still said.
    pub(super) async fn watch_cancel(&self) {
        loop {
            if self.cancel.load(Ordering::SeqCst) {
                let queued = self.queue.lock().map(|q| q.len()).unwrap_or(0)
                    + self.held.load(Ordering::SeqCst);
                (self.on_event)(BatchEvent::Cancelling {
                    in_flight: self.in_flight.load(Ordering::SeqCst),
                    queued,
                });
                return;
            }
            if self.active.load(Ordering::SeqCst) == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// One row counted in `held` or `in_flight`, uncounted when the guard goes
/// (its claim settled; its outcome recorded, or the worker stopped on an
/// error recording it).
pub(super) struct Counted<'a>(&'a AtomicUsize);

impl<'a> Counted<'a> {
    /// Counts one more.
    pub(super) fn new(counter: &'a AtomicUsize) -> Counted<'a> {
        counter.fetch_add(1, Ordering::SeqCst);
        Counted(counter)
    }

    /// Takes over one already counted (`held`, counted under the queue's lock).
    pub(super) fn adopt(counter: &'a AtomicUsize) -> Counted<'a> {
        Counted(counter)
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the watch over a batch whose workers have all stopped, Annuler
    /// clicked or not; returns what the page heard.
    async fn watch_after_the_workers_stopped(clicked: bool) -> Vec<(usize, usize)> {
        let settings = crate::settings::mail_settings(crate::settings::default_value)
            .expect("default settings");
        let options = BatchOptions::default();
        let cancel = AtomicBool::new(clicked);
        let heard = Mutex::new(Vec::new());
        let on_event = |event: BatchEvent| {
            if let (BatchEvent::Cancelling { in_flight, queued }, Ok(mut heard)) =
                (event, heard.lock())
            {
                heard.push((in_flight, queued));
            }
        };
        let shared = Shared {
            queue: Mutex::new(VecDeque::new()),
            spare: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            in_flight: AtomicUsize::new(0),
            held: AtomicUsize::new(0),
            active: AtomicUsize::new(0),
            report: Mutex::new(BatchReport::default()),
            next_slot: Mutex::new(Instant::now()),
            interval: None,
            settings: &settings,
            options: &options,
            cancel: &cancel,
            on_event: &on_event,
        };
        shared.watch_cancel().await;
        let heard = heard.lock().map(|h| h.clone()).unwrap_or_default();
        heard
    }

    /// The bug: the watch looked at the workers' count before the flag, so
    /// when Annuler made the last workers stop between two looks, the page
    /// never heard it ("Annulé : …" did not appear, the batch just ended).
    #[tokio::test]
    async fn annuler_is_said_even_when_it_stopped_the_last_workers_between_two_looks() {
        assert_eq!(watch_after_the_workers_stopped(true).await, vec![(0, 0)]);
    }

    #[tokio::test]
    async fn a_batch_that_ends_without_annuler_says_nothing_about_it() {
        assert_eq!(watch_after_the_workers_stopped(false).await, vec![]);
    }
}
