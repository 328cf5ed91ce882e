//! The only module that runs SQL.
//!
//! A [`Store`] owns one SQLite connection. Writes that must not interleave with
//! another process (the window and a CLI command may run at once) take the
//! database's write lock up front (`BEGIN IMMEDIATE`), and the schema enforces
//! what must never happen even if code is wrong (one current link per application).

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::domain::{search_key, ApplicationStatus, EmailAddress, JobTitle, PersonName, Token};
use crate::error::{CoreError, Result};
use crate::settings;
use crate::time::{add_local_days, from_stored, to_stored};
use chrono_tz::Tz;

pub mod backup;
mod editing;
pub use editing::CandidateCorrection;
mod events;
mod lifecycle;
mod outbox;
mod templates;
pub(crate) use events::record_event;
pub use events::EventKind;
pub use lifecycle::{
    EmailKind, JobOverview, LinkExportRow, RevokeReason, Stage, StatusChange, TimelineEntry,
    TimelineKind,
};
pub use outbox::{
    Delivery, DeliveryOutcome, EmailRecord, OutboxEntry, OutboxState, PreparedEmail,
    PreparedInvitation,
};
pub use templates::StoredTemplate;

/// One application as the recruiter types it (or a CSV row gives it), validated.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub job_title: JobTitle,
    pub candidate_name: PersonName,
    pub email: EmailAddress,
}

impl NewApplication {
    /// Validates every field and returns every problem, so a form can show each
    /// message next to its field at once.
    pub fn parse(
        job_title: &str,
        candidate_name: &str,
        email: &str,
    ) -> Result<Self, Vec<CoreError>> {
        let job_title = JobTitle::parse(job_title);
        let candidate_name = PersonName::parse(candidate_name);
        let email = EmailAddress::parse(email);
        match (job_title, candidate_name, email) {
            (Ok(job_title), Ok(candidate_name), Ok(email)) => Ok(NewApplication {
                job_title,
                candidate_name,
                email,
            }),
            (j, n, e) => Err([j.err(), n.err(), e.err()].into_iter().flatten().collect()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    Added {
        application_id: i64,
    },
    /// This candidate (same email, any case) already applied to this offer.
    AlreadyPresent {
        application_id: i64,
    },
}

/// Where a link stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Active,
    Expired,
    Revoked,
}

#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub id: i64,
    pub token: Token,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl LinkRecord {
    /// A link is valid strictly before `expires_at`; at that instant it has expired.
    pub fn state(&self, now: DateTime<Utc>) -> LinkState {
        if self.revoked_at.is_some() {
            LinkState::Revoked
        } else if now >= self.expires_at {
            LinkState::Expired
        } else {
            LinkState::Active
        }
    }
}

#[derive(Debug, Clone)]
pub struct ApplicationRecord {
    pub id: i64,
    pub job_id: i64,
    pub job_title: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub email: String,
    pub status: ApplicationStatus,
    pub created_at: DateTime<Utc>,
    /// The application's latest link, whatever its state.
    pub link: Option<LinkRecord>,
    /// Whether its job offer is open.
    pub job_open: bool,
    /// The application's latest email, whatever its state.
    pub last_email: Option<EmailRecord>,
}

/// A job offer, for the job filter.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JobRecord {
    pub id: i64,
    pub title: String,
    pub open: bool,
    pub applications: i64,
}

/// Where an application's invitation stands, all things considered.
/// Sent as `as_str()`'s word (`ApplicationDto::invitation_status`); the
/// TypeScript union is declared from the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ts_rs::TS)]
#[ts(rename_all = "snake_case")]
pub enum InvitationStatus {
    NotInvited,
    /// A valid link, no email yet.
    LinkActive,
    /// The email waits in the outbox (a batch not finished, or interrupted).
    Queued,
    Sending,
    Sent,
    SendFailed,
    SendUnknown,
    LinkExpired,
    LinkRevoked,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::NotInvited => "not_invited",
            InvitationStatus::LinkActive => "link_active",
            InvitationStatus::Queued => "queued",
            InvitationStatus::Sending => "sending",
            InvitationStatus::Sent => "sent",
            InvitationStatus::SendFailed => "send_failed",
            InvitationStatus::SendUnknown => "send_unknown",
            InvitationStatus::LinkExpired => "link_expired",
            InvitationStatus::LinkRevoked => "link_revoked",
        }
    }
}

impl InvitationStatus {
    /// From the latest link (id, state) and the latest email (the link it
    /// carried, its state). The email only speaks for the link it carried, and
    /// only while that link is valid.
    pub fn from_parts(
        link: Option<(i64, LinkState)>,
        email: Option<(i64, OutboxState)>,
    ) -> InvitationStatus {
        let email_state = email
            .filter(|(link_id, _)| Some(*link_id) == link.map(|(id, _)| id))
            .map(|(_, state)| state);
        match (link.map(|(_, state)| state), email_state) {
            (None, _) => InvitationStatus::NotInvited,
            (Some(LinkState::Revoked), _) => InvitationStatus::LinkRevoked,
            (Some(LinkState::Expired), _) => InvitationStatus::LinkExpired,
            (Some(LinkState::Active), None) => InvitationStatus::LinkActive,
            (Some(LinkState::Active), Some(OutboxState::Sent)) => InvitationStatus::Sent,
            (Some(LinkState::Active), Some(OutboxState::Queued)) => InvitationStatus::Queued,
            (Some(LinkState::Active), Some(OutboxState::Sending)) => InvitationStatus::Sending,
            (
                Some(LinkState::Active),
                Some(OutboxState::FailedTemporary | OutboxState::FailedPermanent),
            ) => InvitationStatus::SendFailed,
            (Some(LinkState::Active), Some(OutboxState::Unknown)) => InvitationStatus::SendUnknown,
        }
    }
}

impl ApplicationRecord {
    /// Why no link action applies to this application any more (a decision
    /// was made), as the error to show; `None` while it is in the running.
    pub fn decision_closed(&self) -> Option<CoreError> {
        closed_error(self.id, self.status, self.job_open, &self.job_title)
    }

    pub fn invitation_status(&self, now: DateTime<Utc>) -> InvitationStatus {
        InvitationStatus::from_parts(
            self.link.as_ref().map(|l| (l.id, l.state(now))),
            self.last_email.as_ref().map(|e| (e.link_id, e.state)),
        )
    }

    /// Where the application stands for the per-offer chart.
    pub fn stage(&self, now: DateTime<Utc>) -> Stage {
        Stage::of(self.status, self.invitation_status(now))
    }

    /// "Not yet invited": what "invite all" picks (a queued email is taken
    /// over: only one process can claim it). Sent, being sent, uncertain
    /// (resent only deliberately) and revoked invitations, and closed
    /// applications, are left out.
    pub fn awaits_invitation(&self, now: DateTime<Utc>) -> bool {
        self.decision_closed().is_none()
            && matches!(
                self.invitation_status(now),
                InvitationStatus::NotInvited
                    | InvitationStatus::LinkActive
                    | InvitationStatus::Queued
                    | InvitationStatus::LinkExpired
                    | InvitationStatus::SendFailed
            )
    }
}

#[derive(Debug, Clone)]
pub struct LinkOutcome {
    pub link: LinkRecord,
    /// False when a valid link already existed and was returned as it is.
    pub created: bool,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Candidate,
    Email,
    Job,
    Status,
    #[default]
    Applied,
    Expires,
}

impl SortKey {
    /// Column expressions come from this fixed list only, never from input.
    fn column(self) -> &'static str {
        match self {
            SortKey::Candidate => "c.name_key",
            SortKey::Email => "c.email COLLATE NOCASE",
            SortKey::Job => "j.title_key",
            SortKey::Status => "a.status",
            SortKey::Applied => "a.created_at",
            SortKey::Expires => "l.expires_at",
        }
    }
}

/// How often a large import reports its progress, in rows.
pub const PROGRESS_EVERY: usize = 1000;

pub const DEFAULT_PAGE_SIZE: u32 = 200;
pub const MAX_PAGE_SIZE: u32 = 10_000;

/// What the list shows: a filter, a sort and a page. The webview never gets every row.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Matched, case-insensitively, against the candidate's name and email and the job title.
    pub search: Option<String>,
    pub job_id: Option<i64>,
    pub status: Option<ApplicationStatus>,
    pub sort: SortKey,
    pub descending: bool,
    /// `None`: [`DEFAULT_PAGE_SIZE`]; capped at [`MAX_PAGE_SIZE`].
    pub limit: Option<u32>,
    pub offset: u32,
}

#[derive(Debug, Clone)]
pub struct ListPage {
    pub rows: Vec<ApplicationRecord>,
    /// How many applications match the filter, all pages together.
    pub total: u64,
}

/// The version of the SQLite library compiled in (shown in "À propos").
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

pub struct Store {
    conn: Connection,
    /// The recruiter's zone: link validity is counted in calendar days on their clock.
    zone: Tz,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    ///
    /// A file that is not a database is refused with
    /// [`CoreError::DatabaseDamaged`] before anything writes to it, and one
    /// written by a newer JobGate with [`CoreError::DatabaseTooNew`]: neither is
    /// ever recreated or changed here. Damage deeper in the file is found by
    /// [`Store::verify`] (the window runs it at start-up) or by the query that
    /// meets it.
    pub fn open(path: &Path) -> Result<Store> {
        let damaged = |e: rusqlite::Error| {
            if backup::is_damage(&e) {
                CoreError::DatabaseDamaged {
                    path: path.display().to_string(),
                    detail: e.to_string(),
                }
            } else {
                CoreError::from(e)
            }
        };
        // Private before SQLite opens it: its journals get the same rights.
        crate::files::prepare_database_file(path);
        let conn = Connection::open(path).map_err(damaged)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(damaged)?;
        let supported = crate::migrations::latest_version() as i64;
        if found > supported {
            return Err(CoreError::DatabaseTooNew {
                path: path.display().to_string(),
                found,
                supported,
            });
        }
        Store::from_connection(conn).map_err(|e| match e {
            CoreError::Database(e) => damaged(e),
            other => other,
        })
    }

    /// SQLite's quick check over the whole file at `path` (about 0.1 s per
    /// 10 MB here), run when the window starts: a damaged database is
    /// reported with the way out before anything is shown or written. A
    /// missing file is fine (the first start creates it).
    pub fn verify(path: &Path) -> Result<()> {
        if !path.exists() {
            return Ok(());
        }
        let damaged = |detail: String| CoreError::DatabaseDamaged {
            path: path.display().to_string(),
            detail,
        };
        // Only SQLite's own verdict is damage: a file that cannot be opened
        // (rights, a lock) is another error, never a reason to restore over it.
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        match backup::quick_check(&conn) {
            Ok(None) => Ok(()),
            Ok(Some(problem)) => Err(damaged(problem)),
            Err(e) if backup::is_damage(&e) => Err(damaged(e.to_string())),
            Err(e) => Err(e.into()),
        }
    }

    /// A private database in memory: for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(mut conn: Connection) -> Result<Store> {
        configure(&conn)?;
        let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        crate::migrations::migrations().to_latest(&mut conn)?;
        let after = crate::migrations::latest_version() as i64;
        if before != after {
            tracing::info!(
                from = before,
                to = after,
                "database schema brought up to date"
            );
        }
        Ok(Store {
            conn,
            zone: crate::time::recruiter_zone(),
        })
    }

    /// The zone link validity is counted in (the recruiter's, by default).
    pub fn time_zone(&self) -> Tz {
        self.zone
    }

    /// Counts link validity on another zone's calendar (tests; a recruiter who travels).
    pub fn set_time_zone(&mut self, zone: Tz) {
        self.zone = zone;
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

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

    /// The seed's idempotent create: returns the application's valid link if it
    /// has one (`created: false`), else makes a new one valid for the campaign's
    /// number of days. Safe against double clicks and concurrent processes: the
    /// whole check-and-insert holds the write lock, and the schema refuses a
    /// second current link anyway.
    pub fn create_or_get_link(
        &mut self,
        application_id: i64,
        now: DateTime<Utc>,
    ) -> Result<LinkOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = create_or_get_link(&tx, application_id, now, self.zone)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// A setting's stored value, or its default. Environment overrides are applied
    /// by [`Store::base_url`], not here, so `config get` shows what is stored.
    pub fn setting(&self, name: &str) -> Result<String> {
        let default = settings::default_value(name)?;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(stored.unwrap_or(default))
    }

    /// Checks a value as [`Store::set_setting`] would store it: its shape, and
    /// what only a changed value must satisfy (a CA file that exists).
    pub fn check_setting(&self, name: &str, raw: &str) -> Result<String> {
        let value = settings::validate(name, raw)?;
        if value != self.setting(name)? {
            settings::check_new_value(name, &value)?;
        }
        Ok(value)
    }

    /// Validates, normalises and stores a setting; returns the stored value.
    pub fn set_setting(&mut self, name: &str, raw: &str) -> Result<String> {
        let value = self.check_setting(name, raw)?;
        self.conn.execute(
            "INSERT INTO settings (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, value],
        )?;
        Ok(value)
    }

    /// The base of interview links: `FRONTEND_BASE_URL` when set, else the setting.
    pub fn base_url(&self) -> Result<String> {
        match settings::base_url_from_env()? {
            Some(url) => Ok(url),
            None => self.setting(settings::BASE_URL),
        }
    }

    /// How many days new campaigns' links stay valid.
    pub fn default_link_validity_days(&self) -> Result<u32> {
        settings::parse_validity_days(&self.setting(settings::LINK_VALIDITY_DAYS)?)
    }
}

/// The check-and-insert behind [`Store::create_or_get_link`], inside a write transaction.
pub(crate) fn create_or_get_link(
    tx: &Transaction<'_>,
    application_id: i64,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<LinkOutcome> {
    let (status, job_status, job_title, validity_days): (String, String, String, i64) = tx
        .query_row(
            "SELECT a.status, j.status, j.title, cp.link_validity_days
             FROM applications a
             JOIN job_offers j ON j.id = a.job_id
             JOIN campaigns cp ON cp.job_id = a.job_id
             WHERE a.id = ?1",
            [application_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(CoreError::ApplicationNotFound { id: application_id })?;

    // A decision is final: not even a still-valid link is handed out again.
    let status = ApplicationStatus::parse(&status)?;
    if let Some(closed) = closed_error(application_id, status, job_status == "open", &job_title) {
        return Err(closed);
    }
    if let Some(current) = current_link(tx, application_id)? {
        if current.state(now) == LinkState::Active {
            return Ok(LinkOutcome {
                link: current,
                created: false,
            });
        }
        // Expired (or revoked): it stops being the current link.
        tx.execute(
            "UPDATE invite_links SET retired_at = ?2 WHERE id = ?1",
            params![current.id, to_stored(now)],
        )?;
    }

    let token = Token::generate()?;
    let expires_at = add_local_days(now, u32::try_from(validity_days).unwrap_or(7), zone);
    tx.execute(
        "INSERT INTO invite_links (application_id, token, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            application_id,
            token.as_str(),
            to_stored(now),
            to_stored(expires_at)
        ],
    )?;
    let link_id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE applications SET status = 'invited' WHERE id = ?1 AND status = 'new'",
        [application_id],
    )?;
    record_event(
        tx,
        application_id,
        now,
        EventKind::LinkCreated,
        Some(&to_stored(expires_at)),
    )?;
    Ok(LinkOutcome {
        link: LinkRecord {
            id: link_id,
            token,
            created_at: truncate_to_seconds(now),
            expires_at: truncate_to_seconds(expires_at),
            revoked_at: None,
        },
        created: true,
    })
}

/// Per-connection settings; comments say why.
fn configure(conn: &Connection) -> Result<()> {
    // WAL: readers (the window) never block the writer (a CLI import) and a crash
    // cannot corrupt the file. In memory this reports "memory", which is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // FULL: a commit is on disk before we act on it (e.g. before an email goes out).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // SQLite leaves foreign keys off unless asked, per connection.
    conn.pragma_update(None, "foreign_keys", true)?;
    // Another process holding the write lock briefly (the window and a CLI
    // command at once) makes us wait rather than fail.
    conn.busy_timeout(Duration::from_secs(10))?;
    Ok(())
}

/// The list's query: each application with its job, candidate, latest link
/// and latest email (columns 14.. are [`outbox::EMAIL_COLUMNS`]).
fn select_applications() -> &'static str {
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

fn read_application(row: &Row<'_>) -> rusqlite::Result<ApplicationRecord> {
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

/// Renders an email of a kind for an application and its link, as the outbox
/// stores it (the shell's composer: template, links, sender domain).
pub type Remake<'a> = dyn Fn(EmailKind, &ApplicationRecord, &LinkRecord, &StoredTemplate) -> Result<PreparedEmail>
    + 'a;

/// A link by its id, whatever its state.
fn link_by_id(tx: &Transaction<'_>, link_id: i64) -> Result<Option<LinkRecord>> {
    Ok(tx
        .query_row(
            "SELECT id, token, created_at, expires_at, revoked_at FROM invite_links WHERE id = ?1",
            [link_id],
            read_link,
        )
        .optional()?)
}

fn read_link(row: &Row<'_>) -> rusqlite::Result<LinkRecord> {
    Ok(LinkRecord {
        id: row.get(0)?,
        token: Token::from_stored(row.get(1)?),
        created_at: time_column(row, 2)?,
        expires_at: time_column(row, 3)?,
        revoked_at: optional_time_column(row, 4)?,
    })
}

fn current_link(tx: &Transaction<'_>, application_id: i64) -> Result<Option<LinkRecord>> {
    Ok(tx
        .query_row(
            "SELECT id, token, created_at, expires_at, revoked_at FROM invite_links
             WHERE application_id = ?1 AND retired_at IS NULL",
            [application_id],
            read_link,
        )
        .optional()?)
}

fn insert_application(
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

pub(crate) fn time_column(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    from_stored(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn optional_time_column(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        from_stored(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// Instants are stored to the second; what we return must equal what a re-read gives.
fn truncate_to_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    from_stored(&to_stored(at)).unwrap_or(at)
}

/// `%text%` with LIKE's wildcards in the user's text escaped.
fn like_pattern(text: &str) -> String {
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
