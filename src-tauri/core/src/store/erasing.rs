//! Erasing candidates (RGPD, issue 14): the right to erasure, the
//! retention runs and the erasures made again after a restore. What is
//! removed and what skeleton stays: see `personal.rs`.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{record_event, Erasure, EventKind, RgpdAction, Store};
use crate::domain::{search_key, Token};
use crate::error::{CoreError, Result};
use crate::time::to_stored;

impl Store {
    /// Erases the candidate at their request, in one transaction: every link
    /// of theirs revoked, their waiting emails withdrawn, every personal value
    /// removed (see the module's list), an `candidate_erased` event (no
    /// personal data) on each application. Refused while an email to them is
    /// being sent ([`CoreError::EraseWhileSending`]): its outcome must still
    /// find its row. Then the file and its journal are rewritten so that
    /// SQLite keeps none of the erased bytes (`secure_delete` is on for every
    /// connection; a WAL checkpoint, `VACUUM`, a checkpoint again).
    pub fn erase_candidate(&mut self, candidate_id: i64, now: DateTime<Utc>) -> Result<Erasure> {
        self.erase_candidates(
            &[candidate_id],
            WhenSending::Refuse,
            RgpdAction::Erasure,
            now,
        )?
        .pop()
        .ok_or(CoreError::CandidateNotFound { id: candidate_id })
    }

    /// Erases several candidates as [`Store::erase_candidate`] does one, in
    /// one transaction and one rewrite of the file (the retention's "Effacer",
    /// `jobgate retention apply`). One being sent to, or gone meanwhile, is
    /// refused or left out as `when_sending` says; the result lists those
    /// erased. The register of what was done gets one `action` line, in the
    /// same transaction.
    pub fn erase_candidates(
        &mut self,
        candidate_ids: &[i64],
        when_sending: WhenSending,
        action: RgpdAction,
        now: DateTime<Utc>,
    ) -> Result<Vec<Erasure>> {
        let folder = self.data_folder();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The erasure register first (`crate::erasures`): the data folder's
        // file is written before this transaction commits, and its failure
        // leaves everything as it was. Had the database gone first, a crash
        // or a full disk in between would leave an erasure the register does
        // not know, which an older backup or the next import would undo. The
        // other way round, the worst is a register naming someone not erased
        // yet: the erasure was asked for and is reported failed, and a
        // restore or an import would only erase or skip them. The database's
        // copy (which travels with backups) is written in this transaction.
        let mut register = super::erasure_register::full_register(&tx, folder.as_ref())?;
        let mut recorded = false;
        let mut erasures = Vec::with_capacity(candidate_ids.len());
        for &candidate_id in candidate_ids {
            let found: Option<(String, String)> = tx
                .query_row(
                    "SELECT name, email FROM candidates WHERE id = ?1",
                    [candidate_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((old_name, old_email)) = found else {
                match when_sending {
                    WhenSending::Refuse => {
                        return Err(CoreError::CandidateNotFound { id: candidate_id })
                    }
                    WhenSending::Skip => continue,
                }
            };
            let sending: u64 = tx.query_row(
                &format!("SELECT COUNT(*) FROM outbox WHERE state = 'sending' AND {THEIRS}"),
                [candidate_id],
                |r| r.get(0),
            )?;
            if sending > 0 {
                match when_sending {
                    WhenSending::Refuse => {
                        return Err(CoreError::EraseWhileSending { count: sending })
                    }
                    WhenSending::Skip => continue,
                }
            }
            if !crate::rgpd::is_erased_address(&old_email) {
                register.record(&old_email, now)?;
                recorded = true;
            }
            erasures.push(erase_rows(&tx, candidate_id, &old_name, &old_email, now)?);
        }
        if recorded {
            if let Some(folder) = &folder {
                register.save(folder.path())?;
            }
            super::erasure_register::write_register(&tx, &register)?;
        }
        super::retention::log_rgpd(&tx, action, erasures.len(), now)?;
        tx.commit()?;
        if erasures.is_empty() {
            return Ok(erasures);
        }
        let compacted = self.rewrite_without_free_pages();
        if !compacted {
            // Finished at the next opening (`finish_pending_rewrite`).
            self.record_fact(super::Fact::RewritePending, "erasure", now)?;
        }
        for erasure in &mut erasures {
            erasure.compacted = compacted;
            tracing::info!(
                candidate_id = erasure.candidate_id,
                applications = erasure.applications,
                links_revoked = erasure.links_revoked,
                emails_withdrawn = erasure.emails_withdrawn,
                compacted,
                "candidate erased"
            );
        }
        Ok(erasures)
    }

    /// Copies the journal into the file and empties it, rebuilds the file
    /// (`VACUUM`: no free page keeps old bytes), and empties the journal
    /// again. False when another connection kept the journal from being
    /// emptied, or the rebuild failed (the erasure itself is committed).
    pub(super) fn rewrite_without_free_pages(&self) -> bool {
        let checkpoint = || -> rusqlite::Result<bool> {
            // (busy, frames in the log, frames copied); busy = 1: a reader
            // kept part of the log.
            let busy: i64 = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
            Ok(busy == 0)
        };
        let run = || -> rusqlite::Result<bool> {
            checkpoint()?;
            self.conn.execute_batch("VACUUM")?;
            checkpoint()
        };
        match run() {
            Ok(done) => done,
            Err(e) => {
                tracing::warn!(error = %e, "rewriting the database after an erasure failed");
                false
            }
        }
    }
}

/// What an erasure of several candidates does with one being sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenSending {
    /// The whole erasure is refused ([`CoreError::EraseWhileSending`]).
    Refuse,
    /// They are left out, for a later run.
    Skip,
}

/// Which rows are the candidate's (`?1`), in the tables keyed by application.
const THEIRS: &str = "application_id IN (SELECT id FROM applications WHERE candidate_id = ?1)";

/// Erases one candidate's personal values inside `tx` (see the module's list).
fn erase_rows(
    tx: &rusqlite::Transaction<'_>,
    candidate_id: i64,
    old_name: &str,
    old_email: &str,
    now: DateTime<Utc>,
) -> Result<Erasure> {
    let now_text = to_stored(now);
    let applications: Vec<i64> = {
        let mut stmt =
            tx.prepare("SELECT id FROM applications WHERE candidate_id = ?1 ORDER BY id")?;
        let ids = stmt
            .query_map([candidate_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids
    };
    let mut erasure = Erasure {
        candidate_id,
        applications: applications.len() as u32,
        ..Erasure::default()
    };

    erasure.traces = {
        let mut stmt = tx.prepare(&format!(
            "SELECT message_id FROM outbox WHERE {THEIRS}
             UNION ALL SELECT token FROM invite_links WHERE {THEIRS}"
        ))?;
        let mut traces = stmt
            .query_map([candidate_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        traces.push(old_email.to_owned());
        traces
    };

    // Links: every one revoked (a bearer link must not outlive its owner's
    // data), its token replaced by fresh randomness (the schema wants one).
    erasure.links_revoked = tx.execute(
        &format!(
            "UPDATE invite_links SET revoked_at = ?2, retired_at = COALESCE(retired_at, ?2)
             WHERE revoked_at IS NULL AND {THEIRS}"
        ),
        params![candidate_id, now_text],
    )? as u32;
    let links: Vec<i64> = {
        let mut stmt = tx.prepare(&format!("SELECT id FROM invite_links WHERE {THEIRS}"))?;
        let ids = stmt
            .query_map([candidate_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids
    };
    for link in links {
        tx.execute(
            "UPDATE invite_links SET token = ?2 WHERE id = ?1",
            params![link, Token::generate()?.as_str()],
        )?;
    }

    // Waiting emails: one never tried is dropped, one waiting for a retry
    // ends as failed (as revoking a link does).
    erasure.emails_withdrawn = tx.execute(
        &format!("DELETE FROM outbox WHERE state = 'queued' AND attempts = 0 AND {THEIRS}"),
        [candidate_id],
    )? as u32;
    erasure.emails_withdrawn += tx.execute(
        &format!(
            "UPDATE outbox SET state = 'failed_permanent', updated_at = ?2,
                    last_error_code = 'link_revoked', last_error_fr = ?3, last_error_en = ?4
             WHERE state IN ('queued', 'failed_temporary') AND {THEIRS}"
        ),
        params![
            candidate_id,
            now_text,
            crate::tr!(crate::Lang::Fr, "outbox-error-link_revoked"),
            crate::tr!(crate::Lang::En, "outbox-error-link_revoked"),
        ],
    )? as u32;

    // What is left of each email: its state, dates and codes.
    let erased_name = crate::rgpd::erased_name();
    let erased_email = crate::rgpd::erased_address(candidate_id);
    erasure.emails_scrubbed = tx.execute(
        &format!(
            "UPDATE outbox SET recipient = ?2, recipient_name = ?3, subject = '',
                    body_text = '', body_html = '', message_id = 'erased-' || id || '@invalid',
                    queue_id = NULL, last_reply = NULL,
                    last_error_fr = CASE WHEN last_error_code = 'link_revoked' THEN last_error_fr END,
                    last_error_en = CASE WHEN last_error_code = 'link_revoked' THEN last_error_en END
             WHERE {THEIRS}"
        ),
        params![candidate_id, erased_email, erased_name],
    )? as u32;
    tx.execute(
        &format!(
            "UPDATE email_attempts SET reply = NULL, queue_id = NULL
             WHERE outbox_id IN (SELECT id FROM outbox WHERE {THEIRS})"
        ),
        [candidate_id],
    )?;
    // No writer puts a name or an address in an event; one that would
    // (a newer build's, a hand-edited file) loses its detail.
    tx.execute(
        &format!(
            "UPDATE events SET detail = NULL WHERE {THEIRS}
             AND (instr(lower(detail), lower(?2)) > 0 OR instr(lower(detail), lower(?3)) > 0)"
        ),
        params![candidate_id, old_email, old_name],
    )?;
    tx.execute(
        "UPDATE candidates SET name = ?2, name_key = ?3, email = ?4 WHERE id = ?1",
        params![
            candidate_id,
            erased_name,
            search_key(&erased_name),
            erased_email
        ],
    )?;
    for id in &applications {
        record_event(tx, *id, now, EventKind::CandidateErased, None)?;
    }
    // A test email the recruiter sent to this very address (the
    // first-run checklist's proof, `to` on its first line) goes too.
    tx.execute(
        "DELETE FROM facts WHERE name = 'test_email_sent'
           AND lower(substr(value, 1, instr(value || char(10), char(10)) - 1)) = lower(?1)",
        [old_email],
    )?;
    Ok(erasure)
}
