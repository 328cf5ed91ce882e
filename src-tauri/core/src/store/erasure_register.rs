//! The database's copy of the erasure register (`crate::erasures`; tables
//! `erasure_keys` and `erasures`, migration 11), and the erasure again of
//! everyone it names (after a restore).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{time_column, Store};
use crate::erasures::Register;
use crate::error::Result;
use crate::files::DataFolder;
use crate::time::to_stored;

/// The register as the database holds it.
pub(super) fn read_register(conn: &Connection) -> Result<Register> {
    let keys = {
        let mut stmt = conn.prepare_cached("SELECT key FROM erasure_keys ORDER BY rowid")?;
        let keys = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        keys
    };
    let entries = {
        let mut stmt = conn.prepare_cached("SELECT hash, erased_at FROM erasures")?;
        let entries = stmt
            .query_map([], |r| Ok((r.get(0)?, time_column(r, 1)?)))?
            .collect::<rusqlite::Result<Vec<(String, DateTime<Utc>)>>>()?;
        entries
    };
    Ok(Register::from_parts(keys, entries))
}

/// Adds what `register` holds to the database's copy (nothing is removed;
/// a hash already there keeps its earliest date).
pub(super) fn write_register(conn: &Connection, register: &Register) -> Result<()> {
    for key in register.keys() {
        conn.execute(
            "INSERT OR IGNORE INTO erasure_keys (key) VALUES (?1)",
            [key],
        )?;
    }
    for (hash, at) in register.entries() {
        conn.execute(
            "INSERT INTO erasures (hash, erased_at) VALUES (?1, ?2)
             ON CONFLICT (hash) DO UPDATE SET erased_at = min(erased_at, excluded.erased_at)",
            params![hash, to_stored(at)],
        )?;
    }
    Ok(())
}

/// The whole register: the data folder's file (if the database has a
/// folder) merged with the database's copy.
pub(super) fn full_register(conn: &Connection, folder: Option<&DataFolder>) -> Result<Register> {
    let mut register = match folder {
        Some(folder) => Register::load(folder.path())?,
        None => Register::default(),
    };
    register.merge(&read_register(conn)?);
    Ok(register)
}

impl Store {
    /// The erasure register: the data folder's `erasures.json` merged with
    /// the database's copy (in memory: the copy alone).
    pub fn erasure_register(&self) -> Result<Register> {
        full_register(&self.conn, self.data_folder().as_ref())
    }

    /// Takes `addresses` out of the register, in the data folder's file
    /// first, then in the database's copy: the recruiter imports them again
    /// on purpose (`--include-erased`), and a register still naming them
    /// would erase them again at the next opening or restore. A later
    /// erasure puts them back. Returns how many were there.
    pub fn forget_erasures(&mut self, addresses: &[&str]) -> Result<usize> {
        let folder = self.data_folder();
        let mut register = full_register(&self.conn, folder.as_ref())?;
        let forgotten = addresses.iter().filter(|a| register.forget(a)).count();
        if forgotten == 0 {
            return Ok(0);
        }
        if let Some(folder) = &folder {
            register.save(folder.path())?;
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM erasures", [])?;
        write_register(&tx, &register)?;
        tx.commit()?;
        tracing::info!(forgotten, "erased candidates imported again on request");
        Ok(forgotten)
    }

    /// Erases again every candidate whose address the register names (the
    /// data folder's file in `data_dir`, or this database's folder's, merged
    /// with the database's copy), then writes the union to both. What a
    /// restore does before it returns: an older backup brings back people
    /// erased since. Returns how many were erased.
    /// Each place is written only when it lacks part of the union.
    pub fn erase_registered(&mut self, now: DateTime<Utc>) -> Result<u32> {
        let folder = self.data_folder();
        let file = match &folder {
            Some(folder) => Register::load(folder.path())?,
            None => Register::default(),
        };
        let copy = read_register(&self.conn)?;
        let mut register = file.clone();
        register.merge(&copy);
        if let Some(folder) = &folder {
            if !file.same_as(&register) {
                register.save(folder.path())?;
            }
        }
        if !copy.same_as(&register) {
            write_register(&self.conn, &register)?;
        }
        if register.is_empty() {
            return Ok(0);
        }
        let named: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, email FROM candidates ORDER BY id")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .filter(|(_, email)| {
                    !crate::rgpd::is_erased_address(email) && register.erased_at(email).is_some()
                })
                .map(|(id, _)| id)
                .collect()
        };
        if !named.is_empty() {
            self.erase_candidates(
                &named,
                super::WhenSending::Refuse,
                super::RgpdAction::Reerasure,
                now,
            )?;
        }
        if !named.is_empty() {
            tracing::info!(count = named.len(), "erased candidates erased again");
        }
        Ok(named.len() as u32)
    }
}
