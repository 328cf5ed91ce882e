//! What the window keeps between commands, built once: the open database, the
//! keyring and the SMTP transport cache (inside [`Invitations`]).

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, MutexGuard};

use jobgate_core::invitations::Invitations;
use jobgate_core::secret::{OsKeyring, SecretStore};
use jobgate_core::store::Store;
use jobgate_core::{paths, CoreError};

use crate::error::CommandError;

/// Cheap to clone (one shared [`Shared`]): a command hands a clone to a
/// thread for blocking work (`commands::blocking`).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub invitations: Invitations,
    pub data_dir: PathBuf,
    /// One batch at a time: set while a batch runs.
    pub batch_running: AtomicBool,
    /// Set by "Annuler" to stop the running batch.
    pub batch_cancel: AtomicBool,
    /// The page holds edits not saved (Réglages, the template editor): closing
    /// the window asks first, in `unsaved_lang` (the interface's language
    /// when the page said so: the close request must not wait for the store).
    pub unsaved_changes: AtomicBool,
    pub unsaved_lang: std::sync::Mutex<Option<jobgate_core::Lang>>,
}

impl AppState {
    pub fn new(store: Store, secrets: Box<dyn SecretStore>, data_dir: PathBuf) -> AppState {
        AppState::with(Invitations::new(store, secrets), data_dir)
    }

    fn with(invitations: Invitations, data_dir: PathBuf) -> AppState {
        AppState(Arc::new(Shared {
            invitations,
            data_dir,
            batch_running: AtomicBool::new(false),
            batch_cancel: AtomicBool::new(false),
            unsaved_changes: AtomicBool::new(false),
            unsaved_lang: std::sync::Mutex::new(None),
        }))
    }

    /// Opens the database in the data folder (`JOBGATE_DATA_DIR` or the OS
    /// app-data directory) with the OS keyring; emails a dead process left
    /// half-sent are marked unknown.
    pub fn open_default() -> Result<AppState, CoreError> {
        let data_dir = paths::data_dir()?;
        // The whole file is checked once, before anything is shown or written.
        Store::verify(&paths::database_path(&data_dir))?;
        let invitations = Invitations::open(&data_dir, Box::new(OsKeyring::new()))?;
        Ok(AppState::with(invitations, data_dir))
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        Ok(self.invitations.store()?)
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
