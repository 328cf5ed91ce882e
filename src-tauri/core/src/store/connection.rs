//! Opening the database: the file's checks, the schema's migrations, the
//! per-connection settings.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use crate::error::{CoreError, Result};
use chrono_tz::Tz;

use super::*;

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

    pub(super) fn from_connection(mut conn: Connection) -> Result<Store> {
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
}

/// Per-connection settings; comments say why.
pub(super) fn configure(conn: &Connection) -> Result<()> {
    // WAL: readers (the window) never block the writer (a CLI import) and a crash
    // cannot corrupt the file. In memory this reports "memory", which is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // FULL: a commit is on disk before we act on it (e.g. before an email goes out).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Deleted or rewritten content is overwritten with zeros, not left in
    // free space (issue 14: an erased candidate's bytes must not stay in the
    // file). JobGate rarely deletes, so the extra writes cost little.
    let _secure: i64 = conn.query_row("PRAGMA secure_delete = ON", [], |r| r.get(0))?;
    // SQLite leaves foreign keys off unless asked, per connection.
    conn.pragma_update(None, "foreign_keys", true)?;
    // Another process holding the write lock briefly (the window and a CLI
    // command at once) makes us wait rather than fail.
    conn.busy_timeout(Duration::from_secs(10))?;
    Ok(())
}
