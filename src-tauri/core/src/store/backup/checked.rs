//! The backup file a recruiter chose, checked on a private copy before
//! anything is restored from it: SQLite's integrity check, JobGate's tables
//! and schema for its version (a newer one refused, an older one brought up
//! to date on the copy). The copy can then replace a database that cannot be
//! opened.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OptionalExtension};

use super::{
    count_rows, integrity, journal_path, unused, with_suffix, BackupSummary, RestoreReport,
    COPY_PREFIX,
};
use crate::error::{BackupProblem, CoreError, Result};
use crate::store::Store;

/// A database's files: its journals first, the main file last.
const SIDE_FILES: &[&str] = &["-journal", "-wal", "-shm", ""];

/// The tables a JobGate database has from its first version.
const JOBGATE_TABLES: &[&str] = &[
    "job_offers",
    "candidates",
    "applications",
    "invite_links",
    "outbox",
    "settings",
];

/// The first 16 bytes of every SQLite database.
fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

/// Every schema object a database holds, as (type, name, SQL), SQLite's own
/// internal tables left out.
fn schema_of(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// JobGate's schema at `version`, built from its migrations in memory.
fn expected_schema(version: i64) -> Result<Vec<(String, String, Option<String>)>> {
    let mut conn = Connection::open_in_memory()?;
    let version = usize::try_from(version).map_err(|_| CoreError::Internal)?;
    crate::migrations::migrations().to_version(&mut conn, version)?;
    schema_of(&conn)
}

/// Copies left by a restore that was killed (their `Drop` never ran): any
/// older than ten minutes — a restore takes seconds.
fn remove_stale_copies(work_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(work_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(600));
        if stale && entry.file_name().to_string_lossy().starts_with(COPY_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A backup file checked and brought up to date, in a private copy inside the
/// data folder; the copy is deleted when this is dropped.
pub struct CheckedBackup {
    conn: Option<Connection>,
    copy: PathBuf,
    pub summary: BackupSummary,
    pub upgraded_from: Option<i64>,
}

impl Drop for CheckedBackup {
    fn drop(&mut self) {
        drop(self.conn.take());
        let _ = std::fs::remove_file(&self.copy);
        let _ = std::fs::remove_file(journal_path(&self.copy));
    }
}

impl CheckedBackup {
    /// Checks `source` on a private copy made in `work_dir` (the data folder,
    /// so that the copy can later be renamed over a damaged database).
    pub fn open(source: &Path, work_dir: &Path) -> Result<CheckedBackup> {
        let shown = source.display().to_string();
        let invalid = |reason| CoreError::BackupInvalid {
            path: shown.clone(),
            reason,
        };
        let metadata = std::fs::metadata(source)
            .map_err(|e| invalid(BackupProblem::Unreadable(e.to_string())))?;
        if !metadata.is_file() {
            return Err(invalid(BackupProblem::NotAFile));
        }
        if !has_sqlite_header(source) {
            return Err(invalid(BackupProblem::NotSqlite));
        }
        remove_stale_copies(work_dir);
        // The bytes into a new private file under a random name: never the
        // source's rights (a read-only backup would give a copy SQLite cannot
        // bring up to date) nor its time (this copy is new).
        let copy = crate::files::copy_into_new_private_file(source, work_dir, COPY_PREFIX)
            .map_err(|e| invalid(BackupProblem::Unreadable(e.to_string())))?;
        let mut checked = CheckedBackup {
            conn: None,
            copy,
            summary: BackupSummary {
                path: shown.clone(),
                bytes: metadata.len(),
                schema_version: 0,
                applications: 0,
                job_offers: 0,
                links: 0,
                emails: 0,
                modified_at: metadata.modified().ok().map(DateTime::<Utc>::from),
            },
            upgraded_from: None,
        };
        let mut conn = Connection::open(&checked.copy).map_err(|e| invalid(classify(&e)))?;
        // Not a database at all shows up on the first read.
        let verdict = integrity(&conn).map_err(|e| invalid(classify(&e)))?;
        if let Some(problem) = verdict {
            return Err(invalid(BackupProblem::Damaged(problem)));
        }
        for table in JOBGATE_TABLES {
            let found: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .map_err(|e| invalid(classify(&e)))?;
            if found == 0 {
                return Err(invalid(BackupProblem::NotJobGate));
            }
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| invalid(classify(&e)))?;
        let supported = crate::migrations::latest_version() as i64;
        if version < 1 {
            return Err(invalid(BackupProblem::NotJobGate));
        }
        if version > supported {
            return Err(CoreError::BackupTooNew {
                path: shown,
                found: version,
                supported,
            });
        }
        checked.summary.schema_version = version;
        // Nothing but JobGate's own schema for that version: no extra trigger,
        // view, table or index can come in with the data.
        if schema_of(&conn)? != expected_schema(version)? {
            return Err(invalid(BackupProblem::NotJobGate));
        }
        if version < supported {
            crate::migrations::migrations().to_latest(&mut conn)?;
            checked.upgraded_from = Some(version);
        }
        // A self-contained file: no WAL beside it.
        let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        count_rows(&conn, &mut checked.summary)?;
        checked.conn = Some(conn);
        Ok(checked)
    }

    pub(super) fn conn(&self) -> Result<&Connection> {
        self.conn.as_ref().ok_or(CoreError::Internal)
    }

    /// A setting as the backup holds it (stored, else the default): what a
    /// restore would bring (issue 13, item 6: SMTP changes are shown first).
    pub fn setting(&self, name: &str) -> Result<String> {
        let default = crate::settings::default_value(name)?;
        let stored: Option<String> = self
            .conn()?
            .query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(stored.unwrap_or(default))
    }

    /// Puts the checked data in place of a database that cannot be opened
    /// (damaged, or written by a newer JobGate): that file is moved aside into
    /// `sauvegardes/`, never deleted, and the checked copy is renamed into place.
    pub fn replace_unusable(
        mut self,
        database: &Path,
        safety_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        let failed = |e: std::io::Error| CoreError::ReplaceFailed {
            path: database.display().to_string(),
            safety_dir: safety_dir.display().to_string(),
            detail: e.to_string(),
        };
        crate::files::create_private_dir(safety_dir).map_err(failed)?;
        // Every file of the old database goes aside, its journals first: a
        // journal left beside the restored file would be replayed into it.
        let present: Vec<&str> = SIDE_FILES
            .iter()
            .copied()
            .filter(|suffix| with_suffix(database, suffix).exists())
            .collect();
        let mut safety_copy = None;
        if !present.is_empty() {
            let aside = unused(safety_dir, "endommagee", now);
            for suffix in &present {
                std::fs::rename(with_suffix(database, suffix), with_suffix(&aside, suffix))
                    .map_err(failed)?;
            }
            safety_copy = Some(aside.display().to_string());
        }
        drop(self.conn.take());
        std::fs::File::open(&self.copy)
            .and_then(|f| f.sync_all())
            .map_err(failed)?;
        std::fs::rename(&self.copy, database).map_err(failed)?;
        let mut store = Store::open(database)?;
        let interrupted_emails = store.recover_interrupted(now, |_| false)?;
        Ok(RestoreReport {
            restored: self.summary.clone(),
            safety_copy,
            upgraded_from: self.upgraded_from,
            interrupted_emails,
            erased_again: 0,
        })
    }
}

fn classify(e: &rusqlite::Error) -> BackupProblem {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => BackupProblem::NotSqlite,
        Some(ErrorCode::DatabaseCorrupt) => BackupProblem::Damaged(e.to_string()),
        _ => BackupProblem::Unreadable(e.to_string()),
    }
}
