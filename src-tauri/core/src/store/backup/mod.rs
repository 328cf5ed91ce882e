//! Backup and restore of the recruiter's data.
//!
//! A backup is one SQLite file holding everything JobGate keeps: applications,
//! candidates, offers, links, emails and their history, templates and settings.
//! The SendGrid key is not in it: it stays in the OS keyring.
//!
//! - A backup is taken with SQLite's online backup API, so it is consistent
//!   while the window (or a CLI command) keeps working; it is written next to
//!   its destination into a new private `.FILE.<random>.part` file, checked,
//!   synced, then renamed: a failed backup never leaves a half-written file
//!   under the chosen name, and never goes into the data folder's own files.
//! - A restore first checks a private copy of the file (SQLite integrity check,
//!   JobGate's tables, schema version — a newer schema is refused, an older one
//!   is brought up to date on the copy), keeps the current data as a safety
//!   copy in `sauvegardes/`, then copies the checked data over the live
//!   database in one backup-API step, which SQLite commits as one transaction:
//!   a crash or an error midway leaves the previous data.
//! - A damaged database is never overwritten: it is moved aside into
//!   `sauvegardes/` and the checked copy is renamed into place.
//!
//! Here: writing a backup, restoring a checked one over the live database,
//! and the checks both use. Reading the chosen file (its private copy, its
//! checks, replacing a damaged database with it) is `checked`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode};

use super::Store;
use crate::error::{CoreError, Result};
use crate::files::DataFolder;
use crate::i18n::Lang;

mod checked;

pub use checked::CheckedBackup;

/// The folder, inside the data folder, where safety copies are kept.
pub const SAFETY_DIR: &str = "sauvegardes";

/// The private copies a restore checks, in the data folder.
pub(crate) const COPY_PREFIX: &str = ".restauration-";

/// What a backup file holds, as shown before restoring it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct BackupSummary {
    pub path: String,
    pub bytes: u64,
    /// The schema version the file was written with.
    pub schema_version: i64,
    pub applications: u64,
    pub job_offers: u64,
    pub links: u64,
    pub emails: u64,
    /// When the file was last written.
    pub modified_at: Option<DateTime<Utc>>,
}

/// What a restore did.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RestoreReport {
    pub restored: BackupSummary,
    /// Where the data that was replaced is kept.
    pub safety_copy: Option<String>,
    /// The backup's schema was older than this build's: it was brought up to date.
    pub upgraded_from: Option<i64>,
    /// Emails the backup recorded as being sent, now marked "unknown".
    pub interrupted_emails: usize,
    /// Candidates the backup still held whom the erasure register names
    /// (erased since it was made): erased again before the restore returned.
    pub erased_again: u32,
}

impl Store {
    /// Writes a consistent copy of every table to `destination` (replacing a
    /// file already there only once the new one is complete and checked).
    /// The database's own files are refused as a destination.
    pub fn backup_to(&self, destination: &Path) -> Result<BackupSummary> {
        if let Some(data) = self.data_folder() {
            data.check_destination(destination)?;
        }
        self.write_copy(destination, true)
    }

    /// The folder holding this database (none in memory).
    pub fn data_folder(&self) -> Option<DataFolder> {
        let own = self.conn.path().filter(|p| !p.is_empty())?;
        DataFolder::of_database(Path::new(own))
    }

    /// The copy itself. `require_sound`: refuse a copy SQLite's integrity
    /// check finds damaged (a backup must be restorable); a safety copy is
    /// kept whatever its state, as it is the data being replaced.
    fn write_copy(&self, destination: &Path, require_sound: bool) -> Result<BackupSummary> {
        let shown = destination.display().to_string();
        let failed = |detail: String| CoreError::BackupFailed {
            path: shown.clone(),
            detail,
        };
        // Private and new: SQLite writes into a file made here, never one a
        // link or an earlier file put in its place; its journal gets its rights.
        let part = crate::files::part_file_for(destination)
            .map_err(|e| failed(e.to_string()))?
            .into_temp_path();
        let result = (|| -> Result<BackupSummary> {
            let mut out = Connection::open(&part).map_err(|e| failed(e.to_string()))?;
            copy_database(&self.conn, &mut out).map_err(|e| failed(e.to_string()))?;
            let _mode: String = out
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
                .map_err(|e| failed(e.to_string()))?;
            if let Some(problem) = integrity(&out).map_err(|e| failed(e.to_string()))? {
                if require_sound {
                    return Err(CoreError::DatabaseDamaged {
                        path: self.conn.path().unwrap_or_default().to_owned(),
                        detail: problem,
                    });
                }
                tracing::warn!("the safety copy holds damaged data; kept as it is");
            }
            let mut summary = BackupSummary {
                path: shown.clone(),
                bytes: 0,
                schema_version: 0,
                applications: 0,
                job_offers: 0,
                links: 0,
                emails: 0,
                modified_at: Some(Utc::now()),
            };
            // A damaged safety copy may not count: it is kept all the same.
            let counted = out
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map(|v| summary.schema_version = v)
                .and_then(|()| count_rows(&out, &mut summary));
            if require_sound {
                counted?;
            }
            drop(out);
            let file = std::fs::File::open(&part).map_err(|e| failed(e.to_string()))?;
            file.sync_all().map_err(|e| failed(e.to_string()))?;
            let bytes = file.metadata().map_err(|e| failed(e.to_string()))?.len();
            Ok(BackupSummary { bytes, ..summary })
        })();
        match result {
            Ok(summary) => {
                part.persist(destination)
                    .map_err(|e| failed(e.error.to_string()))?;
                Ok(summary)
            }
            Err(e) => {
                // The `.part` file goes with `part`; its journal, if any, here.
                let _ = std::fs::remove_file(journal_path(&part));
                Err(e)
            }
        }
    }

    /// Replaces every table with the checked backup's, after keeping the
    /// current data as a safety copy in `safety_dir`. One SQLite transaction:
    /// other connections (the window, a CLI command) see the old data or the
    /// new, never a mix.
    pub fn restore_from(
        &mut self,
        backup: &CheckedBackup,
        safety_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        let sending: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM outbox WHERE state = 'sending'",
            [],
            |r| r.get(0),
        )?;
        if sending > 0 {
            return Err(CoreError::RestoreWhileSending {
                count: sending as u64,
            });
        }
        crate::files::create_private_dir(safety_dir).map_err(|e| CoreError::BackupFailed {
            path: safety_dir.display().to_string(),
            detail: e.to_string(),
        })?;
        let safety = unused(safety_dir, "avant-restauration", now);
        self.write_copy(&safety, false)
            .map_err(|e| CoreError::SafetyCopyFailed {
                path: safety.display().to_string(),
                detail: e.to_string(),
            })?;
        copy_database(backup.conn()?, &mut self.conn)?;
        let interrupted_emails = self.recover_interrupted(now, |_| false)?;
        Ok(RestoreReport {
            restored: backup.summary.clone(),
            safety_copy: Some(safety.display().to_string()),
            upgraded_from: backup.upgraded_from,
            interrupted_emails,
            erased_again: 0,
        })
    }
}

impl RestoreReport {
    /// What the restore did, in one paragraph (the window and the CLI say it):
    /// the catalog's `restore-report-*` sentences that apply.
    pub fn describe(&self, lang: Lang) -> String {
        let restored = &self.restored;
        let mut sentences = vec![crate::tr!(
            lang,
            "restore-report-done",
            applications = restored.applications,
            job_offers = restored.job_offers
        )];
        if let Some(copy) = &self.safety_copy {
            sentences.push(crate::tr!(
                lang,
                "restore-report-safety-copy",
                path = copy.as_str()
            ));
        }
        if let Some(schema) = self.upgraded_from {
            sentences.push(crate::tr!(lang, "restore-report-upgraded", schema = schema));
        }
        if self.interrupted_emails > 0 {
            let count = self.interrupted_emails;
            sentences.push(crate::tr!(
                lang,
                "restore-report-interrupted",
                count = count
            ));
        }
        if self.erased_again > 0 {
            let count = self.erased_again;
            sentences.push(crate::tr!(
                lang,
                "restore-report-erased-again",
                count = count
            ));
        }
        sentences.join(" ")
    }
}

/// Copies every page of `from` into `to` in one step (one write transaction on
/// `to`), waiting up to 10 s while another connection holds a lock.
fn copy_database(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    let started = Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if started.elapsed() > Duration::from_secs(10) => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    // Said as DatabaseLocked (errors.ftl), like any other lock.
                    None,
                ));
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// What the summary counts: applications, offers, links and emails.
fn count_rows(conn: &Connection, summary: &mut BackupSummary) -> rusqlite::Result<()> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0).map(|n| n as u64));
    summary.applications = count("SELECT COUNT(*) FROM applications")?;
    summary.job_offers = count("SELECT COUNT(*) FROM job_offers")?;
    summary.links = count("SELECT COUNT(*) FROM invite_links")?;
    summary.emails = count("SELECT COUNT(*) FROM outbox")?;
    Ok(())
}

/// SQLite's verdict on the whole file: `None` when it is sound, else the first
/// problems it reports.
pub(crate) fn integrity(conn: &Connection) -> rusqlite::Result<Option<String>> {
    verdict(conn, "PRAGMA integrity_check(5)")
}

/// The quick form of the check (no index cross-checks), run on every start-up.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    verdict(conn, "PRAGMA quick_check(5)")
}

fn verdict(conn: &Connection, pragma: &str) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare(pragma)?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(None)
    } else {
        Ok(Some(lines.join("; ")))
    }
}

/// True for the errors SQLite gives on a damaged file or one that is not a database.
pub(crate) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// `DIR/PREFIX-YYYYMMDD-HHMMSS.sqlite3`, with `-2`, `-3`... when taken.
fn unused(dir: &Path, prefix: &str, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut path = dir.join(format!("{prefix}-{stamp}.sqlite3"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{prefix}-{stamp}-{n}.sqlite3"));
        n += 1;
    }
    path
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn journal_path(path: &Path) -> PathBuf {
    with_suffix(path, "-journal")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_backup_is_brought_up_to_date_on_the_copy_only() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("v5.sqlite3");
        {
            let mut conn = Connection::open(&old).unwrap();
            crate::migrations::migrations()
                .to_version(&mut conn, 5)
                .unwrap();
            conn.execute(
                "INSERT INTO settings (name, value) VALUES ('company', 'Agence 2025')",
                [],
            )
            .unwrap();
        }
        let checked = CheckedBackup::open(&old, dir.path()).unwrap();
        assert_eq!(checked.upgraded_from, Some(5));
        assert_eq!(checked.summary.schema_version, 5);
        let untouched: i64 = Connection::open(&old)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(untouched, 5, "the recruiter's file is never changed");

        let mut store = Store::open(&dir.path().join("jobgate.sqlite3")).unwrap();
        store
            .restore_from(&checked, &dir.path().join(SAFETY_DIR), Utc::now())
            .unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            crate::migrations::latest_version() as i64
        );
        assert_eq!(store.setting("company").unwrap(), "Agence 2025");
    }
}
