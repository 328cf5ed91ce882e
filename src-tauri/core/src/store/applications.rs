//! Applications, candidates and job offers: adding them, reading one, listing
//! a page of them.

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

    /// One page of the list and the number of rows the filter matches.
    ///
    /// Built to stay fast at 100,000 applications (BENCHMARKS.md): the page's
    /// application ids are chosen first, over the applications table with only
    /// the joins the sort needs, so that the default order and the filters walk
    /// an index and stop at the page's end; only those rows are then read in
    /// full (job, candidate, latest link and email). The search looks at the
    /// candidates and offers once per query rather than once per application.
    /// Ids, rows and total come from one read snapshot.
    pub fn list_applications(&self, query: &ListQuery) -> Result<ListPage> {
        let pattern = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| like_pattern(&search_key(s)));
        let status = query.status.map(ApplicationStatus::as_str);
        let limit = query.limit.unwrap_or(DEFAULT_PAGE_SIZE).min(MAX_PAGE_SIZE);

        // Only the conditions asked for: `?n IS NULL OR …` would keep SQLite
        // from using the job and status indexes. Every application has its
        // candidate and its offer (NOT NULL foreign keys, enforced), so
        // testing their ids is the same as joining them. The unary `+` keeps
        // SQLite walking applications in the sort's order (and stopping at the
        // page's end) rather than gathering every match before sorting.
        let mut conditions = Vec::new();
        let mut args: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
        if let Some(pattern) = &pattern {
            conditions.push(
                "(+a.candidate_id IN (SELECT id FROM candidates \
                     WHERE name_key LIKE :search ESCAPE '\\' OR email LIKE :search ESCAPE '\\') \
                  OR +a.job_id IN (SELECT id FROM job_offers WHERE title_key LIKE :search ESCAPE '\\'))",
            );
            args.push((":search", pattern));
        }
        if let Some(job_id) = &query.job_id {
            conditions.push("a.job_id = :job");
            args.push((":job", job_id));
        }
        if let Some(status) = &status {
            conditions.push("a.status = :status");
            args.push((":status", status));
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        // The joins the sort column needs, and no other.
        let joins = match query.sort {
            SortKey::Candidate | SortKey::Email => "JOIN candidates c ON c.id = a.candidate_id",
            SortKey::Job => "JOIN job_offers j ON j.id = a.job_id",
            SortKey::Status | SortKey::Applied => "",
            SortKey::Expires => {
                "LEFT JOIN invite_links l ON l.id = \
                 (SELECT MAX(id) FROM invite_links WHERE application_id = a.id)"
            }
        };
        let direction = if query.descending { "DESC" } else { "ASC" };
        let ids_sql = format!(
            "SELECT a.id FROM applications a {joins} {filter} \
             ORDER BY {} {direction}, a.id {direction} LIMIT :limit OFFSET :offset",
            query.sort.column()
        );

        // A read transaction: the page and its total are from one snapshot
        // (unless the caller already holds a transaction).
        let snapshot = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction()?)
        } else {
            None
        };
        let ids: Vec<i64> = {
            let mut page_args = args.clone();
            page_args.push((":limit", &limit));
            page_args.push((":offset", &query.offset));
            let mut stmt = self.conn.prepare_cached(&ids_sql)?;
            let ids = stmt
                .query_map(&page_args[..], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids
        };
        let rows = if ids.is_empty() {
            Vec::new()
        } else {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let mut stmt = self.conn.prepare_cached(&format!(
                "{} WHERE a.id IN (SELECT value FROM json_each(?1))",
                select_applications()
            ))?;
            let mut by_id = stmt
                .query_map([format!("[{list}]")], read_application)?
                .map(|r| r.map(|app| (app.id, app)))
                .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
            ids.iter().filter_map(|id| by_id.remove(id)).collect()
        };
        // A first page that is not full holds every match: no need to count.
        let total: u64 = if query.offset == 0 && (ids.len() as u64) < u64::from(limit) {
            ids.len() as u64
        } else {
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT COUNT(*) FROM applications a {filter}"))?;
            stmt.query_row(&args[..], |r| r.get(0))?
        };
        if let Some(snapshot) = snapshot {
            snapshot.commit()?;
        }
        Ok(ListPage { rows, total })
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

/// `%text%` with LIKE's wildcards in the user's text escaped.
pub(super) fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
