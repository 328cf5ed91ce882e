//! The applications data beyond the list's page: every row of a filter (for
//! exports), whether an application exists (import previews), and changing
//! what was imported or typed — a candidate's name or address, an offer's
//! title, deleting an application.
//!
//! Nothing here drops invitation history silently: an application that ever
//! had a link or an email cannot be deleted (the schema refuses it too); the
//! recruiter is told to mark it withdrawn instead.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{record_event, Store};
use crate::domain::{search_key, EmailAddress, JobTitle, PersonName};
use crate::error::{CoreError, Result};
use crate::store::NewApplication;

impl Store {
    /// Every application the query matches, page after page (its `limit`
    /// caps the total; `None`: all), in the query's order.
    pub fn list_every(&self, query: &super::ListQuery) -> Result<Vec<super::ApplicationRecord>> {
        let cap = query.limit.map(u64::from);
        // One read snapshot for every page: a write between two pages (an
        // import, a new application sorted first) would otherwise shift the
        // offsets and repeat or skip rows.
        let snapshot = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        let mut rows = Vec::new();
        let mut page = super::ListQuery {
            limit: Some(super::MAX_PAGE_SIZE),
            offset: 0,
            ..query.clone()
        };
        loop {
            let got = self.list_applications(&page)?;
            let n = got.rows.len();
            rows.extend(got.rows);
            if let Some(cap) = cap {
                if rows.len() as u64 >= cap {
                    rows.truncate(cap as usize);
                    break;
                }
            }
            if n < super::MAX_PAGE_SIZE as usize {
                break;
            }
            page.offset += super::MAX_PAGE_SIZE;
        }
        if let Some(snapshot) = snapshot {
            snapshot.commit()?;
        }
        Ok(rows)
    }

    /// True when this candidate (email, any case) already applied to this
    /// offer (title, any case and accents).
    pub fn application_exists(&self, app: &NewApplication) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM applications a
             JOIN job_offers j ON j.id = a.job_id
             JOIN candidates c ON c.id = a.candidate_id
             WHERE j.title_key = ?1 AND c.email = ?2",
        )?;
        Ok(stmt
            .query_row(
                params![search_key(app.job_title.as_str()), app.email.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Corrects a candidate's name and email (for all their applications).
    /// Another candidate with that email: refused, nothing changed.
    pub fn update_candidate(
        &mut self,
        candidate_id: i64,
        name: &PersonName,
        email: &EmailAddress,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM candidates WHERE email = ?1 AND id <> ?2",
                params![email.as_str(), candidate_id],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            return Err(CoreError::EmailTaken {
                email: email.as_str().to_owned(),
            });
        }
        let changed = tx.execute(
            "UPDATE candidates SET name = ?2, name_key = ?3, email = ?4 WHERE id = ?1",
            params![
                candidate_id,
                name.as_str(),
                search_key(name.as_str()),
                email.as_str()
            ],
        )?;
        if changed == 0 {
            return Err(CoreError::CandidateNotFound { id: candidate_id });
        }
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM applications WHERE candidate_id = ?1")?;
            let ids = stmt
                .query_map([candidate_id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids
        };
        for id in ids {
            record_event(&tx, id, now, "candidate_edited", None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Renames a job offer. Another offer with that title (any case and
    /// accents): refused.
    pub fn rename_job(&mut self, job_id: i64, title: &JobTitle) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        super::lifecycle::require_job(&tx, job_id)?;
        let key = search_key(title.as_str());
        let other: Option<i64> = tx
            .query_row(
                "SELECT id FROM job_offers WHERE title_key = ?1 AND id <> ?2",
                params![key, job_id],
                |r| r.get(0),
            )
            .optional()?;
        if other.is_some() {
            return Err(CoreError::JobTitleTaken {
                title: title.as_str().to_owned(),
            });
        }
        tx.execute(
            "UPDATE job_offers SET title = ?2, title_key = ?3 WHERE id = ?1",
            params![job_id, title.as_str(), key],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes an application that was never invited (no link, no email):
    /// a typo, a double. One with invitation history is refused, with the way
    /// out (mark it withdrawn). A candidate left with no application goes too.
    pub fn delete_application(&mut self, application_id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let candidate_id: i64 = tx
            .query_row(
                "SELECT candidate_id FROM applications WHERE id = ?1",
                [application_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(CoreError::ApplicationNotFound { id: application_id })?;
        let history: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM invite_links WHERE application_id = ?1)
                 OR EXISTS (SELECT 1 FROM outbox WHERE application_id = ?1)",
            [application_id],
            |r| r.get(0),
        )?;
        if history {
            return Err(CoreError::ApplicationHasHistory { id: application_id });
        }
        tx.execute(
            "DELETE FROM events WHERE application_id = ?1",
            [application_id],
        )?;
        tx.execute("DELETE FROM applications WHERE id = ?1", [application_id])?;
        tx.execute(
            "DELETE FROM candidates WHERE id = ?1
             AND NOT EXISTS (SELECT 1 FROM applications WHERE candidate_id = ?1)",
            [candidate_id],
        )?;
        tx.commit()?;
        Ok(())
    }
}
