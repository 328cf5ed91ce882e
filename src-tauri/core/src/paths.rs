//! Where the recruiter's data lives.

use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// The app's identifier; also the name of its folder in the OS app-data directory
/// (the same folder Tauri's `app_data_dir` resolves to).
pub const APP_IDENTIFIER: &str = "io.jobgate.desktop";

/// Environment variable that overrides the data folder (tests, portable use).
pub const DATA_DIR_ENV: &str = "JOBGATE_DATA_DIR";

pub(crate) const DATABASE_FILE: &str = "jobgate.sqlite3";

/// The data folder, created if missing (`0700` on Unix): `JOBGATE_DATA_DIR`,
/// else the OS app-data directory (`~/.local/share/io.jobgate.desktop` on Linux).
pub fn data_dir() -> Result<PathBuf> {
    let dir = configured_data_dir().ok_or(CoreError::NoAppDataDir)?;
    crate::files::create_private_dir(&dir).map_err(|e| CoreError::DataDirUnavailable {
        path: dir.display().to_string(),
        detail: e.to_string(),
    })?;
    Ok(dir)
}

/// Where the data folder is (whether or not it exists yet); `None` when the OS
/// gives no application data directory. Errors about the disk name it.
pub fn configured_data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER)),
    }
}

/// Where the log files go: `logs/` in the data folder when `JOBGATE_DATA_DIR`
/// is set (tests, portable use), else the OS log directory Tauri also uses
/// (`~/.local/share/io.jobgate.desktop/logs` on Linux,
/// `~/Library/Logs/io.jobgate.desktop` on macOS, `%LOCALAPPDATA%\io.jobgate.desktop\logs`
/// on Windows). Not created here.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    let overridden = std::env::var_os(DATA_DIR_ENV).is_some_and(|v| !v.is_empty());
    let os_dir = if cfg!(target_os = "macos") {
        dirs::home_dir().map(|home| home.join("Library/Logs").join(APP_IDENTIFIER))
    } else {
        dirs::data_local_dir().map(|dir| dir.join(APP_IDENTIFIER).join("logs"))
    };
    match os_dir {
        Some(dir) if !overridden => dir,
        _ => data_dir.join("logs"),
    }
}

/// Where safety copies of the data go before a restore.
pub fn safety_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(crate::store::backup::SAFETY_DIR)
}

pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}
