//! Which processes are alive: each window or command holds an exclusive OS lock
//! on its own lease file for as long as it runs. The lock dies with the process,
//! even on `kill -9` or a power cut, so a lease whose file can be locked by
//! someone else belongs to a dead process.
//!
//! The outbox records the lease of the process sending a row: at start-up, a
//! row left `sending` by a dead process is marked `unknown`, while one a live
//! process (another window, a CLI batch) is still sending is left alone.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::domain::Token;
use crate::error::{CoreError, Result};

const LEASES_DIR: &str = "leases";

/// This process's lease; released (and its file removed) on drop.
#[derive(Debug)]
pub struct ProcessLease {
    id: String,
    path: PathBuf,
    file: File,
}

impl ProcessLease {
    pub fn acquire(data_dir: &Path) -> Result<ProcessLease> {
        let dir = data_dir.join(LEASES_DIR);
        std::fs::create_dir_all(&dir)?;
        // Random, so a reused PID can never be mistaken for the old process.
        let id = Token::generate()?.as_str()[..22].to_owned();
        // Locked under a name nobody looks at, then renamed: a `.lock` file is
        // never there unlocked, so another process's `is_alive` cannot take it
        // for a dead one's and remove it between its creation and its lock
        // (the lock is on the file, and follows it through the rename).
        let pending = dir.join(format!("{id}.new"));
        let path = dir.join(format!("{id}.lock"));
        let file = OpenOptions::new()
            .create_new(true)
            .write(true)
            .open(&pending)?;
        file.try_lock().map_err(|e| match e {
            TryLockError::Error(io) => CoreError::Io(io),
            TryLockError::WouldBlock => CoreError::Internal,
        })?;
        if let Err(e) = std::fs::rename(&pending, &path) {
            let _ = std::fs::remove_file(&pending);
            return Err(e.into());
        }
        Ok(ProcessLease { id, path, file })
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Drop for ProcessLease {
    fn drop(&mut self) {
        let _ = self.file.unlock();
        let _ = std::fs::remove_file(&self.path);
    }
}

/// True while the process that took lease `id` is running.
pub fn is_alive(data_dir: &Path, id: &str) -> bool {
    // Lease ids are ours (base64url); anything else names no live process.
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return false;
    }
    let path = data_dir.join(LEASES_DIR).join(format!("{id}.lock"));
    let Ok(file) = File::open(&path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => {
            // Nobody held it: the owner is gone. Clean up after it.
            let _ = file.unlock();
            let _ = std::fs::remove_file(&path);
            false
        }
        Err(TryLockError::WouldBlock) => true,
        // Cannot tell: assume alive, so nothing is wrongly marked unknown.
        Err(TryLockError::Error(_)) => true,
    }
}

/// How many other JobGate processes (windows, commands) hold a lease on
/// `data_dir`; `own` is this process's lease, if it has one.
pub fn others_alive(data_dir: &Path, own: Option<&str>) -> usize {
    let Ok(entries) = std::fs::read_dir(data_dir.join(LEASES_DIR)) else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".lock"))
                .map(str::to_owned)
        })
        .filter(|id| Some(id.as_str()) != own && is_alive(data_dir, id))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lease_is_alive_and_a_released_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let lease = ProcessLease::acquire(dir.path()).unwrap();
        let id = lease.id().to_owned();
        assert!(is_alive(dir.path(), &id));
        drop(lease);
        assert!(!is_alive(dir.path(), &id));
        assert!(!is_alive(dir.path(), "never-existed"));
        assert!(!is_alive(dir.path(), "../../etc/passwd"));
    }

    /// Issue 13, item 9: a lease file was created, then locked; another
    /// process's `others_alive` in between found it unlocked, took it for a
    /// dead process's and removed it: the new process then ran with no lease
    /// anyone could see (a restore could run under it).
    #[test]
    fn a_lease_file_cannot_be_removed_between_its_creation_and_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let sweeper = {
            let (dir, stop) = (dir.path().to_owned(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    others_alive(&dir, None);
                }
            })
        };
        let mut lost = 0;
        for _ in 0..3000 {
            let lease = ProcessLease::acquire(dir.path()).unwrap();
            if !lease.path.exists() {
                lost += 1;
            }
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        sweeper.join().unwrap();
        assert_eq!(lost, 0, "leases removed by another process's sweep");
    }
}
