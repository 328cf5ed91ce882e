//! The only module that runs SQL.
//!
//! A [`Store`] owns one SQLite connection. Writes that must not interleave with
//! another process (the window and a CLI command may run at once) take the
//! database's write lock up front (`BEGIN IMMEDIATE`), and the schema enforces
//! what must never happen even if code is wrong (one current link per application).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};

use crate::time::{from_stored, to_stored};
use chrono_tz::Tz;

pub mod backup;
mod editing;
mod erasing;
mod erasure_register;
pub use editing::CandidateCorrection;
mod events;
mod facts;
pub use facts::Fact;
mod lifecycle;
mod outbox;
mod overview;
mod personal;
mod retention;
mod templates;
mod timeline;
pub use erasing::WhenSending;
pub(crate) use events::record_event;
pub use events::EventKind;
pub use lifecycle::{RevokeReason, StatusChange};
pub use outbox::{
    Delivery, DeliveryOutcome, EmailKind, EmailRecord, OutboxEntry, OutboxLine, OutboxState,
    PreparedEmail, PreparedInvitation,
};
pub use overview::{JobOverview, LinkExportRow, Stage, StageMembers};
pub use personal::{
    CandidateRecord, Erasure, ErasurePlan, PersonalApplication, PersonalRecords, StoredAttempt,
    StoredEmail, StoredLink,
};
pub use retention::{current_actor, retention_cutoff, Activity, Overdue, RgpdAction, RgpdLogEntry};
pub use templates::StoredTemplate;
pub use timeline::{TimelineEntry, TimelineKind};

// `connection` opens the file; `records` holds the types queries return;
// `applications`, `links` and `settings_table` read and write those tables;
// `list` reads a page of applications.
mod applications;
mod connection;
mod links;
mod list;
mod records;
mod settings_table;
use applications::*;
use links::*;
pub use list::{ListStatements, ListValue};
pub use records::*;

/// The version of the SQLite library compiled in (shown in "À propos").
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

pub struct Store {
    conn: Connection,
    /// The recruiter's zone: link validity is counted in calendar days on their clock.
    zone: Tz,
}

pub(crate) fn time_column(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    from_stored(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn optional_time_column(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        from_stored(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// Instants are stored to the second; what we return must equal what a re-read gives.
fn truncate_to_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    from_stored(&to_stored(at)).unwrap_or(at)
}
