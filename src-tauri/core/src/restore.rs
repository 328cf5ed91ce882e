//! Restoring a backup: the one use case behind `jobgate restore FILE --yes`,
//! the window's Settings → Restaurer… and the recovery window.
//!
//! [`RestorePlan::prepare`] checks the chosen file (a private copy, brought up
//! to date: [`CheckedBackup`]) and says what it holds and which settings
//! deciding where the API key is sent ([`settings::KEY_DESTINATION`]) it would
//! change; the caller shows that and asks (the CLI prints it, the window opens
//! a native dialog). [`RestorePlan::apply`] then does it where the caller
//! allows ([`RestoreTarget`]): it refuses while another JobGate process holds
//! a lease, checks the key's destination again against what was confirmed,
//! and restores in place ([`Store::restore_from`]) or over a database that
//! cannot be opened ([`CheckedBackup::replace_unusable`]); then erases again
//! everyone the erasure register names ([`Store::erase_registered`]).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::paths;
use crate::settings;
use crate::store::backup::{BackupSummary, CheckedBackup, RestoreReport};
use crate::store::Store;

/// A setting that decides where the API key goes, as it is and as the backup
/// (or the settings form) would make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SettingChange {
    pub name: &'static str,
    pub current: String,
    pub backup: String,
}

/// The settings of [`settings::KEY_DESTINATION`] that `new` (`None`: left as
/// is) would change in `current` — the one comparison a restore and the
/// settings form ask about.
pub fn key_destination_changes<E: From<CoreError>>(
    current: &Store,
    new: impl Fn(&'static str) -> std::result::Result<Option<String>, E>,
) -> std::result::Result<Vec<SettingChange>, E> {
    let mut changes = Vec::new();
    for name in settings::KEY_DESTINATION {
        let Some(backup) = new(name)? else {
            continue;
        };
        let current = current.setting(name)?;
        if current != backup {
            changes.push(SettingChange {
                name,
                current,
                backup,
            });
        }
    }
    Ok(changes)
}

/// Refuses while another JobGate window or command (a process holding a
/// lease other than `own_lease`) works on the data in `data_dir`: it would
/// write into the data being replaced, or send from it.
pub fn refuse_while_others_work(data_dir: &Path, own_lease: Option<&str>) -> Result<()> {
    let others = crate::lease::others_alive(data_dir, own_lease);
    if others > 0 {
        return Err(CoreError::RestoreWhileOtherProcess { count: others });
    }
    Ok(())
}

/// Where a restore may put the backup: what its entry point allows.
pub enum RestoreTarget<'a> {
    /// The database the caller holds open (the window): replaced in place,
    /// in one transaction.
    InPlace(&'a mut Store),
    /// Only a database that cannot be opened — damaged, or written by a newer
    /// JobGate (the recovery window): moved aside, the backup put in its
    /// place. One that opens is refused ([`CoreError::RestoreOverUsable`]).
    OverUnusable,
    /// The data folder's database, whichever it is (the CLI): in place when
    /// it opens and its whole file checks, else over it.
    Either,
}

/// A backup checked and ready to restore into one data folder.
pub struct RestorePlan {
    backup: CheckedBackup,
    data_dir: PathBuf,
    own_lease: Option<String>,
}

impl RestorePlan {
    /// Checks `backup_file` (a private copy in `data_dir`, brought up to date;
    /// nothing else is touched). `own_lease` is the caller's own lease, if it
    /// holds one: it does not count as another process.
    pub fn prepare(
        data_dir: &Path,
        backup_file: &Path,
        own_lease: Option<&str>,
    ) -> Result<RestorePlan> {
        Ok(RestorePlan {
            backup: CheckedBackup::open(backup_file, data_dir)?,
            data_dir: data_dir.to_owned(),
            own_lease: own_lease.map(str::to_owned),
        })
    }

    /// What the backup holds.
    pub fn summary(&self) -> &BackupSummary {
        &self.backup.summary
    }

    /// The backup's schema version when it was older than this build's (it
    /// was brought up to date on the copy).
    pub fn upgraded_from(&self) -> Option<i64> {
        self.backup.upgraded_from
    }

    /// The settings deciding where the key is sent that restoring over
    /// `current` would change.
    pub fn changes(&self, current: &Store) -> Result<Vec<SettingChange>> {
        key_destination_changes(current, |name| Ok(Some(self.backup.setting(name)?)))
    }

    /// [`RestorePlan::changes`] against the data folder's database as it
    /// opens now; none when it cannot be opened (nothing to compare with).
    pub fn changes_in_data_folder(&self) -> Result<Vec<SettingChange>> {
        match Store::open(&paths::database_path(&self.data_dir)) {
            Ok(store) => self.changes(&store),
            Err(_) => Ok(Vec::new()),
        }
    }

    /// Restores the backup into `target`, if `confirmed` (what the recruiter
    /// was shown, from [`RestorePlan::changes`]) is still what it changes
    /// where the key is sent (else [`CoreError::RestoreSettingsChanged`],
    /// nothing done). The current data is kept in `sauvegardes/` either way.
    pub fn apply(
        self,
        target: RestoreTarget<'_>,
        confirmed: &[SettingChange],
        now: DateTime<Utc>,
    ) -> Result<RestoreReport> {
        let database = paths::database_path(&self.data_dir);
        let safety = paths::safety_dir(&self.data_dir);
        // Then, before the restore returns (nothing reads or sends from the
        // restored data in between: the window's store is held here, other
        // processes were refused), everyone the erasure register names is
        // erased again (`crate::erasures`).
        let over_unusable = |backup: CheckedBackup| -> Result<RestoreReport> {
            let mut report = backup.replace_unusable(&database, &safety, now)?;
            report.erased_again = Store::open(&database)?.erase_registered(now)?;
            Ok(report)
        };
        match target {
            RestoreTarget::InPlace(store) => {
                self.refuse_while_others_work()?;
                self.check_confirmed(store, confirmed)?;
                let mut report = store.restore_from(&self.backup, &safety, now)?;
                report.erased_again = store.erase_registered(now)?;
                Ok(report)
            }
            RestoreTarget::OverUnusable => {
                // Restored meanwhile (another window, the command line):
                // nothing to replace.
                if open_usable(&database).is_ok() {
                    return Err(CoreError::RestoreOverUsable);
                }
                self.refuse_while_others_work()?;
                over_unusable(self.backup)
            }
            RestoreTarget::Either => {
                self.refuse_while_others_work()?;
                match open_usable(&database) {
                    Ok(mut store) => {
                        self.check_confirmed(&store, confirmed)?;
                        let mut report = store.restore_from(&self.backup, &safety, now)?;
                        report.erased_again = store.erase_registered(now)?;
                        Ok(report)
                    }
                    // Nothing to compare the key's destination with: an
                    // unusable database's settings cannot be read.
                    Err(CoreError::DatabaseDamaged { .. } | CoreError::DatabaseTooNew { .. }) => {
                        over_unusable(self.backup)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    fn refuse_while_others_work(&self) -> Result<()> {
        refuse_while_others_work(&self.data_dir, self.own_lease.as_deref())
    }

    /// Asked about the settings as they were: changed meanwhile, ask again.
    fn check_confirmed(&self, current: &Store, confirmed: &[SettingChange]) -> Result<()> {
        if self.changes(current)? != confirmed {
            return Err(CoreError::RestoreSettingsChanged);
        }
        Ok(())
    }
}

/// The database at `path` if it opens and its whole file checks.
fn open_usable(path: &Path) -> Result<Store> {
    Store::verify(path)?;
    Store::open(path)
}
