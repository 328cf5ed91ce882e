//! What the window keeps between commands: the open database, built once.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use jobgate_core::store::Store;
use jobgate_core::{paths, CoreError};

use crate::error::CommandError;

pub struct AppState {
    store: Mutex<Store>,
    pub data_dir: PathBuf,
}

impl AppState {
    pub fn new(store: Store, data_dir: PathBuf) -> AppState {
        AppState {
            store: Mutex::new(store),
            data_dir,
        }
    }

    /// Opens the database in the data folder (`JOBGATE_DATA_DIR` or the OS app-data directory).
    pub fn open_default() -> Result<AppState, CoreError> {
        let data_dir = paths::data_dir()?;
        let store = Store::open(&paths::database_path(&data_dir))?;
        Ok(AppState::new(store, data_dir))
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        self.store
            .lock()
            .map_err(|_| CommandError::StateUnavailable)
    }
}
