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

use super::{current_link, record_event, EventKind, LinkState, Store};
use crate::domain::{search_key, EmailAddress, JobTitle, PersonName};
use crate::error::{CoreError, Result};
use crate::store::{EmailKind, NewApplication};

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
    ///
    /// In the same transaction, every email of theirs still waiting to leave
    /// (queued, or failed and waiting for a retry) is made again by `remake`
    /// for the corrected name and address, so nothing goes to the old address;
    /// what is being sent at this very moment cannot be stopped and is counted.
    /// An application whose valid link was already emailed to the old address
    /// is named, so the recruiter can revoke a link sitting in the wrong mailbox.
    pub fn update_candidate(
        &mut self,
        candidate_id: i64,
        name: &PersonName,
        email: &EmailAddress,
        now: DateTime<Utc>,
        remake: &super::Remake<'_>,
    ) -> Result<CandidateCorrection> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // An erased candidate (RGPD) is given no identity again: a name and
        // an address put on their history would make them invitable.
        let erased: Option<i64> = tx
            .query_row(
                "SELECT a.id FROM candidates c JOIN applications a ON a.candidate_id = c.id
                 WHERE c.id = ?1 ORDER BY a.id LIMIT 1",
                [candidate_id],
                |r| r.get(0),
            )
            .optional()?
            .filter(|_| {
                tx.query_row(
                    "SELECT email FROM candidates WHERE id = ?1",
                    [candidate_id],
                    |r| r.get::<_, String>(0),
                )
                .is_ok_and(|email| crate::rgpd::is_erased_address(&email))
            });
        if let Some(id) = erased {
            return Err(CoreError::CandidateErased { id });
        }
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
        let (old_name, old_email): (String, String) = tx
            .query_row(
                "SELECT name, email FROM candidates WHERE id = ?1",
                [candidate_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(CoreError::CandidateNotFound { id: candidate_id })?;
        let mut correction = CandidateCorrection {
            email_changed: old_email != email.as_str(),
            ..CandidateCorrection::default()
        };
        if old_name == name.as_str() && !correction.email_changed {
            return Ok(correction);
        }
        tx.execute(
            "UPDATE candidates SET name = ?2, name_key = ?3, email = ?4 WHERE id = ?1",
            params![
                candidate_id,
                name.as_str(),
                search_key(name.as_str()),
                email.as_str()
            ],
        )?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM applications WHERE candidate_id = ?1")?;
            let ids = stmt
                .query_map([candidate_id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids
        };
        for id in ids {
            let requeued = remake_waiting_emails(&tx, id, now, remake)?;
            correction.requeued += requeued;
            correction.in_flight += tx.query_row(
                "SELECT COUNT(*) FROM outbox WHERE application_id = ?1 AND state = 'sending'",
                [id],
                |r| r.get::<_, u32>(0),
            )?;
            if correction.email_changed && link_emailed_elsewhere(&tx, id, email, now)? {
                correction.link_sent_to_old_address.push(id);
            }
            let detail = serde_json::json!({
                "email_changed": correction.email_changed,
                "requeued": requeued,
            });
            record_event(
                &tx,
                id,
                now,
                EventKind::CandidateEdited,
                Some(&detail.to_string()),
            )?;
        }
        tx.commit()?;
        Ok(correction)
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

/// What correcting a candidate did beyond their name and address.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct CandidateCorrection {
    pub email_changed: bool,
    /// Emails waiting to leave, made again for the corrected name and address.
    pub requeued: u32,
    /// Emails being handed to the server at this moment, with the old details.
    pub in_flight: u32,
    /// Applications whose valid link was already emailed to another address
    /// than the corrected one (a bearer link may sit in the wrong mailbox).
    pub link_sent_to_old_address: Vec<i64>,
}

/// Makes every waiting email of the application again; returns how many.
fn remake_waiting_emails(
    tx: &rusqlite::Transaction<'_>,
    application_id: i64,
    now: DateTime<Utc>,
    remake: &super::Remake<'_>,
) -> Result<u32> {
    let waiting: Vec<(i64, i64, String)> = {
        let mut stmt = tx.prepare(
            "SELECT id, link_id, kind FROM outbox
             WHERE application_id = ?1 AND state IN ('queued', 'failed_temporary')",
        )?;
        let rows = stmt
            .query_map([application_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    remake_rows(tx, application_id, &waiting, now, remake)
}

/// Makes the given outbox rows (`id, link_id, kind`) of one application
/// again for the candidate as they are now: recipient, name, text and a new
/// Message-ID, from the offer's current template. Returns how many.
pub(super) fn remake_rows(
    tx: &rusqlite::Transaction<'_>,
    application_id: i64,
    rows: &[(i64, i64, String)],
    now: DateTime<Utc>,
    remake: &super::Remake<'_>,
) -> Result<u32> {
    if rows.is_empty() {
        return Ok(0);
    }
    let sql = format!("{} WHERE a.id = ?1", super::select_applications());
    let application = tx.query_row(&sql, [application_id], super::read_application)?;
    let template = super::templates::template_for_email(tx, application.job_id, now)?;
    let mut remade = 0;
    for (outbox_id, link_id, kind) in rows {
        let Some(link) = super::link_by_id(tx, *link_id)? else {
            continue;
        };
        let prepared = remake(EmailKind::parse(kind), &application, &link, &template)?;
        remade += tx.execute(
            "UPDATE outbox SET recipient = ?2, recipient_name = ?3, subject = ?4, body_text = ?5,
                    body_html = ?6, message_id = ?7, template_id = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                outbox_id,
                prepared.recipient,
                prepared.recipient_name,
                prepared.email.subject,
                prepared.email.text,
                prepared.email.html,
                prepared.message_id,
                template.id,
                crate::time::to_stored(now)
            ],
        )? as u32;
    }
    Ok(remade)
}

/// Whether the application's valid link was emailed (or may have been) to
/// an address other than `email`.
fn link_emailed_elsewhere(
    tx: &rusqlite::Transaction<'_>,
    application_id: i64,
    email: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(link) = current_link(tx, application_id)? else {
        return Ok(false);
    };
    if link.state(now) != LinkState::Active {
        return Ok(false);
    }
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE link_id = ?1
             AND state IN ('sent', 'unknown', 'sending') AND recipient <> ?2 COLLATE NOCASE)",
        params![link.id, email.as_str()],
        |r| r.get(0),
    )?)
}
