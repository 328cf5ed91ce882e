//! JobGate's core: everything the desktop app and its command line do, with no
//! Tauri in sight.
//!
//! - [`domain`]: validated types (`EmailAddress`, `PersonName`, `JobTitle`, `Token`).
//! - [`store`]: the SQLite database, the only place that runs SQL.
//! - [`import`]: CSV import, row by row with line numbers.
//! - [`dto`]: the JSON shapes shown to the UI and scripts.
//! - [`export`]: the links export (CSV) for interview platforms.
//! - [`files`]: where a file may be written, whole and private.
//! - [`erasures`]: the erasure register (keyed hashes of erased addresses).
//! - [`restore`]: restoring a backup, the one use case of the CLI and both windows.
//! - [`template`]: invitation templates with `{placeholders}`, French and English.
//! - [`settings`], [`time`], [`paths`], [`i18n`], [`error`].
//!
//! ```
//! use jobgate_core::store::{NewApplication, Store};
//! let mut store = Store::open_in_memory()?;
//! let now = chrono::Utc::now();
//! let app = NewApplication::parse("Développeur Rust", "Élodie Brûlé", "elodie@exemple.fr")
//!     .map_err(|mut errs| errs.remove(0))?;
//! let added = store.add_application(&app, now)?;
//! # let id = match added { jobgate_core::store::AddOutcome::Added { application_id } => application_id, _ => unreachable!() };
//! let first = store.create_or_get_link(id, now)?;
//! let again = store.create_or_get_link(id, now)?;
//! assert!(first.created && !again.created);
//! assert_eq!(first.link.token, again.link.token);
//! # Ok::<(), jobgate_core::CoreError>(())
//! ```

pub mod batch;
pub mod domain;
pub mod dto;
pub mod erasures;
pub mod error;
pub mod export;
pub mod files;
pub mod i18n;
pub mod import;
pub mod invitations;
pub mod lease;
pub mod mail;
mod migrations;
pub mod paths;
pub mod restore;
pub mod retention;
pub mod rgpd;
pub mod secret;
pub mod settings;
pub mod store;
pub mod template;
pub mod time;
pub mod vocabulary;

pub use error::{CoreError, Result};
pub use i18n::Lang;
pub use migrations::latest_version as latest_schema_version;
