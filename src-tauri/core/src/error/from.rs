//! How library and system errors become [`CoreError`]s: a full disk, a read-only
//! folder and a lock held by another program get their own variants.

use super::CoreError;

/// The data folder as errors about the disk name it.
fn data_dir_shown() -> String {
    crate::paths::configured_data_dir()
        .map(|dir| dir.display().to_string())
        .unwrap_or_else(|| "(app data)".into())
}

impl From<rusqlite::Error> for CoreError {
    /// A full disk, a read-only folder and a lock held by another program are
    /// said as such; every other SQLite error stays `Database`.
    fn from(e: rusqlite::Error) -> CoreError {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => CoreError::DiskFull {
                data_dir: data_dir_shown(),
            },
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen) => CoreError::DataReadOnly {
                data_dir: data_dir_shown(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                CoreError::DatabaseLocked {
                    data_dir: data_dir_shown(),
                }
            }
            // "disk I/O error": the disk itself says whether it is full or read-only.
            Some(ErrorCode::SystemIoFailure) => {
                let state = crate::paths::configured_data_dir()
                    .map(|dir| crate::files::disk_state(&dir))
                    .unwrap_or(crate::files::DiskState::Unremarkable);
                match state {
                    crate::files::DiskState::Full => CoreError::DiskFull {
                        data_dir: data_dir_shown(),
                    },
                    crate::files::DiskState::ReadOnly => CoreError::DataReadOnly {
                        data_dir: data_dir_shown(),
                    },
                    crate::files::DiskState::Unremarkable => CoreError::Database(e),
                }
            }
            _ => CoreError::Database(e),
        }
    }
}

impl From<std::io::Error> for CoreError {
    /// ENOSPC and EROFS on the data folder's files are said as such.
    fn from(e: std::io::Error) -> CoreError {
        match e.kind() {
            std::io::ErrorKind::StorageFull => CoreError::DiskFull {
                data_dir: data_dir_shown(),
            },
            std::io::ErrorKind::ReadOnlyFilesystem => CoreError::DataReadOnly {
                data_dir: data_dir_shown(),
            },
            _ => CoreError::Io(e),
        }
    }
}

impl std::error::Error for CoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CoreError::Mail(e) => Some(e),
            CoreError::Secret(e) => Some(e),
            CoreError::Database(e) => Some(e),
            CoreError::Migration(e) => Some(e),
            CoreError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<crate::mail::MailError> for CoreError {
    fn from(e: crate::mail::MailError) -> CoreError {
        CoreError::Mail(e)
    }
}

impl From<crate::secret::SecretError> for CoreError {
    fn from(e: crate::secret::SecretError) -> CoreError {
        CoreError::Secret(e)
    }
}

impl From<rusqlite_migration::Error> for CoreError {
    fn from(e: rusqlite_migration::Error) -> CoreError {
        CoreError::Migration(e)
    }
}
