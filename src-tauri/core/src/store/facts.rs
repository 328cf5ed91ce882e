//! Facts the app records once (migration 10): the first-run checklist's "a
//! test email went out", the link address the recruiter confirmed.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{time_column, Store};
use crate::error::Result;
use crate::time::to_stored;

/// A fact's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// A test email went out (Réglages → Envoyer un email de test); its value
    /// is the address it went to.
    TestEmailSent,
    /// The recruiter confirmed links on a private network; its value is the
    /// link address confirmed (another address asks again).
    PrivateBaseUrlConfirmed,
    /// An erasure could not rewrite the file without the erased bytes (a
    /// reader held the journal): done at the next opening.
    RewritePending,
}

impl Fact {
    fn name(self) -> &'static str {
        match self {
            Fact::TestEmailSent => "test_email_sent",
            Fact::PrivateBaseUrlConfirmed => "private_base_url_confirmed",
            Fact::RewritePending => "rewrite_pending",
        }
    }
}

impl Store {
    /// Records `fact` with `value` at `now` (replacing an older one).
    pub fn record_fact(&mut self, fact: Fact, value: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO facts (name, value, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value, at = excluded.at",
            params![fact.name(), value, to_stored(now)],
        )?;
        Ok(())
    }

    /// An erasure's unfinished rewrite (checkpoint, VACUUM), done now; the
    /// fact goes once it worked. True when nothing is left pending.
    pub fn finish_pending_rewrite(&mut self) -> Result<bool> {
        if self.fact(Fact::RewritePending)?.is_none() {
            return Ok(true);
        }
        if !self.rewrite_without_free_pages() {
            return Ok(false);
        }
        self.conn.execute(
            "DELETE FROM facts WHERE name = ?1",
            [Fact::RewritePending.name()],
        )?;
        // The fact's own deletion leaves nothing personal behind: a checkpoint
        // is enough for it.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(true)
    }

    /// The fact's value and when it was recorded, if ever.
    pub fn fact(&self, fact: Fact) -> Result<Option<(String, DateTime<Utc>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value, at FROM facts WHERE name = ?1",
                [fact.name()],
                |r| Ok((r.get(0)?, time_column(r, 1)?)),
            )
            .optional()?)
    }
}
