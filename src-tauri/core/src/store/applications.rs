//! Applications, candidates and job offers: adding them, reading one, and the
//! query every read of an application starts from (a page of the list is in
//! `list`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::domain::{search_key, ApplicationStatus, Token};
use crate::error::{CoreError, Result};
use crate::settings;
use crate::time::to_stored;

use super::*;

impl Store {
    /// Adds one application, creating its job offer (with its campaign) and its
    /// candidate when they are new. Adding an application that exists is not an
    /// error for the store: it says so.
    pub fn add_application(
        &mut self,
        new: &NewApplication,
        now: DateTime<Utc>,
    ) -> Result<AddOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = insert_application(&tx, new, now)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Adds many applications in one transaction (an import): either all the
    /// good rows are saved or, on a database failure, none. Each row gets its own result.
    pub fn add_applications(
        &mut self,
        rows: &[NewApplication],
        now: DateTime<Utc>,
    ) -> Result<Vec<AddOutcome>> {
        self.add_applications_with_progress(rows, now, &mut |_| {})
    }

    /// [`Store::add_applications`], telling `progress` how many rows are done
    /// every [`PROGRESS_EVERY`] rows (a large import's progress bar).
    pub fn add_applications_with_progress(
        &mut self,
        rows: &[NewApplication],
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<AddOutcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            outcomes.push(insert_application(&tx, row, now)?);
            if (i + 1) % PROGRESS_EVERY == 0 {
                progress(i + 1);
            }
        }
        tx.commit()?;
        progress(rows.len());
        Ok(outcomes)
    }

    pub fn application(&self, id: i64) -> Result<ApplicationRecord> {
        let sql = format!("{} WHERE a.id = ?1", select_applications());
        self.conn
            .query_row(&sql, [id], read_application)
            .optional()?
            .ok_or(CoreError::ApplicationNotFound { id })
    }

    /// Every job offer with its number of applications, by title.
    pub fn list_jobs(&self) -> Result<Vec<JobRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT j.id, j.title, j.status, COUNT(a.id) FROM job_offers j
             LEFT JOIN applications a ON a.job_id = j.id
             GROUP BY j.id ORDER BY j.title_key",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(JobRecord {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    open: r.get::<_, String>(2)? == "open",
                    applications: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// The list's query: each application with its job, candidate, latest link
/// and latest email (columns 14.. are [`outbox::EMAIL_COLUMNS`]).
pub(super) fn select_applications() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "SELECT a.id, a.job_id, j.title, c.id, c.name, c.email, a.status, a.created_at,
                    l.id, l.token, l.created_at, l.expires_at, l.revoked_at, j.status, {}
             FROM applications a
             JOIN job_offers j ON j.id = a.job_id
             JOIN candidates c ON c.id = a.candidate_id
             LEFT JOIN invite_links l ON l.id = (SELECT MAX(id) FROM invite_links WHERE application_id = a.id)
             LEFT JOIN outbox o ON o.id = (SELECT MAX(id) FROM outbox WHERE application_id = a.id)",
            outbox::email_columns("o")
        )
    })
}

pub(super) fn read_application(row: &Row<'_>) -> rusqlite::Result<ApplicationRecord> {
    let status: String = row.get(6)?;
    let link_id: Option<i64> = row.get(8)?;
    let link = match link_id {
        Some(id) => Some(LinkRecord {
            id,
            token: Token::from_stored(row.get(9)?),
            created_at: time_column(row, 10)?,
            expires_at: time_column(row, 11)?,
            revoked_at: optional_time_column(row, 12)?,
        }),
        None => None,
    };
    Ok(ApplicationRecord {
        id: row.get(0)?,
        job_id: row.get(1)?,
        job_title: row.get(2)?,
        candidate_id: row.get(3)?,
        candidate_name: row.get(4)?,
        email: row.get(5)?,
        status: ApplicationStatus::parse(&status).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
        })?,
        created_at: time_column(row, 7)?,
        link,
        job_open: row.get::<_, String>(13)? == "open",
        last_email: outbox::read_email_record(row, 14)?,
    })
}

/// The one rule behind "a decision is final": a rejected, hired or withdrawn
/// application, or any application of a closed offer, gets no new link, no
/// email, no extension and no `mailto:`. The error says which and what to do.
pub(crate) fn closed_error(
    id: i64,
    status: ApplicationStatus,
    job_open: bool,
    job_title: &str,
) -> Option<CoreError> {
    if status.is_closed() {
        Some(CoreError::ApplicationClosed { id, status })
    } else if !job_open {
        Some(CoreError::JobClosed {
            job_title: job_title.to_owned(),
        })
    } else {
        None
    }
}

/// [`closed_error`] for an application read inside a transaction.
pub(crate) fn require_undecided(tx: &Transaction<'_>, application_id: i64) -> Result<()> {
    let (status, job_status, job_title): (String, String, String) = tx
        .query_row(
            "SELECT a.status, j.status, j.title FROM applications a
             JOIN job_offers j ON j.id = a.job_id WHERE a.id = ?1",
            [application_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(CoreError::ApplicationNotFound { id: application_id })?;
    let status = ApplicationStatus::parse(&status)?;
    match closed_error(application_id, status, job_status == "open", &job_title) {
        Some(closed) => Err(closed),
        None => Ok(()),
    }
}

pub(super) fn insert_application(
    tx: &Transaction<'_>,
    new: &NewApplication,
    now: DateTime<Utc>,
) -> Result<AddOutcome> {
    let now_text = to_stored(now);
    let job_id = match tx
        .query_row(
            "SELECT id FROM job_offers WHERE title_key = ?1",
            [search_key(new.job_title.as_str())],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    {
        Some(id) => id,
        None => {
            tx.execute(
                "INSERT INTO job_offers (title, title_key, created_at) VALUES (?1, ?2, ?3)",
                params![
                    new.job_title.as_str(),
                    search_key(new.job_title.as_str()),
                    now_text
                ],
            )?;
            let job_id = tx.last_insert_rowid();
            let validity: String = tx
                .query_row(
                    "SELECT value FROM settings WHERE name = ?1",
                    [settings::LINK_VALIDITY_DAYS],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_else(|| settings::DEFAULT_LINK_VALIDITY_DAYS.to_string());
            let validity = settings::parse_validity_days(&validity)
                .unwrap_or(settings::DEFAULT_LINK_VALIDITY_DAYS);
            tx.execute(
                "INSERT INTO campaigns (job_id, link_validity_days, created_at) VALUES (?1, ?2, ?3)",
                params![job_id, validity, now_text],
            )?;
            job_id
        }
    };
    // The email column compares without case: an existing candidate is reused
    // (their stored name is kept).
    let candidate_id = match tx
        .query_row(
            "SELECT id FROM candidates WHERE email = ?1",
            [new.email.as_str()],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    {
        Some(id) => id,
        None => {
            tx.execute(
                "INSERT INTO candidates (name, name_key, email, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![
                    new.candidate_name.as_str(),
                    search_key(new.candidate_name.as_str()),
                    new.email.as_str(),
                    now_text
                ],
            )?;
            tx.last_insert_rowid()
        }
    };
    if let Some(existing) = tx
        .query_row(
            "SELECT id FROM applications WHERE job_id = ?1 AND candidate_id = ?2",
            params![job_id, candidate_id],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    {
        return Ok(AddOutcome::AlreadyPresent {
            application_id: existing,
        });
    }
    tx.execute(
        "INSERT INTO applications (job_id, candidate_id, created_at) VALUES (?1, ?2, ?3)",
        params![job_id, candidate_id, now_text],
    )?;
    let application_id = tx.last_insert_rowid();
    record_event(tx, application_id, now, EventKind::ApplicationAdded, None)?;
    Ok(AddOutcome::Added { application_id })
}
