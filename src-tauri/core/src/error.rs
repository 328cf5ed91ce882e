//! The core's one error type.
//!
//! Every variant a recruiter can meet carries enough data to say what happened and
//! what to do. The words live in the catalog (`locales/<lang>/errors.ftl`, one
//! `error-<code>` message per variant); [`CoreError::message`] renders them in a
//! language with the variant's arguments (`message.rs`), `Display` gives the French
//! text, and [`CoreError::code`] is a stable machine-readable name the UI and
//! scripts can match on.

use crate::i18n::Lang;

mod from;
mod message;
mod parts;

pub use parts::{BackupProblem, Field};

#[derive(Debug, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum CoreError {
    /// A required field was empty after trimming.
    EmptyField {
        field: Field,
    },

    /// A text field is longer than the product accepts.
    FieldTooLong {
        field: Field,
        max: usize,
    },

    /// A text field holds a control character (CR, LF, TAB, NUL...), which could
    /// otherwise end up in an email header.
    ControlCharacter {
        field: Field,
    },

    InvalidEmail {
        value: String,
    },

    InvalidBaseUrl {
        value: String,
    },

    /// Real emails would link to this computer (`localhost`, a loopback address).
    BaseUrlOnThisComputer {
        value: String,
    },

    InvalidValidityDays {
        value: String,
    },

    UnknownSetting {
        name: String,
    },

    InvalidSetting {
        name: &'static str,
        value: String,
    },

    Mail(crate::mail::MailError),

    Secret(crate::secret::SecretError),

    UnknownStatus {
        value: String,
    },

    UnknownStage {
        value: String,
    },

    /// A real email cannot go yet: the sender or the key is missing. Said
    /// before any link is made.
    NotReadyToSend {
        sender_missing: bool,
        key_missing: bool,
    },

    ApplicationNotFound {
        id: i64,
    },

    OutboxNotFound {
        id: i64,
    },

    /// The same candidate already applied to the same job offer.
    DuplicateApplication {
        email: String,
        job_title: String,
    },

    /// The application is rejected, hired or withdrawn: no new link for it.
    ApplicationClosed {
        id: i64,
        status: crate::domain::ApplicationStatus,
    },

    /// The job offer is closed: no new link for its applications.
    JobClosed {
        job_title: String,
    },

    /// Issue 13 (a decision is final): extending would push the link past
    /// its longest life (`store::MAX_LINK_LIFETIME_DAYS` after it was made);
    /// `until_fr`/`until_en` is that limit in the recruiter's zone.
    LinkAtMaximumLifetime {
        id: i64,
        until_fr: String,
        until_en: String,
    },

    /// The action needs a valid link, and the application has none (`state`
    /// says why: no link yet, or the latest expired or was revoked).
    NoActiveLink {
        id: i64,
        state: Option<crate::store::LinkState>,
    },

    JobNotFound {
        id: i64,
    },

    CandidateNotFound {
        id: i64,
    },

    /// No candidate has this address (any case): nothing to export or erase.
    NoCandidateWithEmail {
        email: String,
    },

    /// Issue 14 (RGPD): the candidate was erased at their request; their
    /// applications get no link, email or `mailto:` any more.
    CandidateErased {
        id: i64,
    },

    /// An email to the candidate is being handed to the server right now:
    /// erasing now would lose track of its outcome. Wait, then erase.
    EraseWhileSending {
        count: u64,
    },

    /// The erasure register (`erasures.json` in the data folder) could not
    /// be read or written: nothing was erased (an erasure not in the register
    /// would come back with an older backup).
    ErasureRegisterFailed {
        path: String,
        detail: String,
    },

    /// An import row whose address was erased at the candidate's request
    /// (the erasure register knows its keyed hash): skipped unless the
    /// recruiter asks to import erased candidates again.
    ErasedAtRequest {
        erased_at: chrono::DateTime<chrono::Utc>,
    },

    /// Another candidate already has this email.
    EmailTaken {
        email: String,
    },

    /// Another job offer already has this title.
    JobTitleTaken {
        title: String,
    },

    /// The application had a link or an email: deleting it would drop its history.
    ApplicationHasHistory {
        id: i64,
    },

    /// An application asked for under a job offer it does not belong to.
    ApplicationOfAnotherJob {
        id: i64,
        job_id: i64,
        its_job_id: i64,
        its_job_title: String,
    },

    /// The links export could not be written where the recruiter asked.
    ExportFailed {
        path: String,
        detail: String,
    },

    /// The backup file could not be written where the recruiter asked.
    BackupFailed {
        path: String,
        detail: String,
    },

    /// The file given to restore is not a usable JobGate backup.
    BackupInvalid {
        path: String,
        reason: BackupProblem,
    },

    /// The backup was made by a newer JobGate (a schema this build does not know).
    BackupTooNew {
        path: String,
        found: i64,
        supported: i64,
    },

    /// Emails are being sent: a restore now would mix their outcome into the
    /// restored data.
    RestoreWhileSending {
        count: u64,
    },

    /// Another JobGate window or command works on the same data.
    RestoreWhileOtherProcess {
        count: usize,
    },

    /// A setting deciding where the API key is sent changed between the
    /// recruiter's confirmation and the restore: nothing restored, ask again.
    RestoreSettingsChanged,

    /// A restore meant only for a database that cannot be opened found one
    /// that opens (restored meanwhile): nothing replaced.
    RestoreOverUsable,

    /// Putting a backup in place of an unusable database failed midway: what
    /// was moved is in `safety_dir`.
    ReplaceFailed {
        path: String,
        safety_dir: String,
        detail: String,
    },

    /// The current data could not be kept aside before a restore.
    SafetyCopyFailed {
        path: String,
        detail: String,
    },

    /// The database file is damaged (or is not a database): JobGate leaves it as
    /// it is and says how to restore a backup.
    DatabaseDamaged {
        path: String,
        detail: String,
    },

    /// The database was written by a newer JobGate.
    DatabaseTooNew {
        path: String,
        found: i64,
        supported: i64,
    },

    /// A template's subject or body is empty (`part`: "subject" or "body").
    TemplateEmpty {
        part: &'static str,
    },

    TemplateTooLong {
        part: &'static str,
        max: usize,
    },

    TemplateSubjectNotOneLine,

    /// A `{name}` the templates do not know.
    TemplateUnknownPlaceholder {
        part: &'static str,
        name: String,
    },

    /// A `{` with no `}` (write `{{` for a brace).
    TemplateUnclosedBrace {
        part: &'static str,
    },

    /// The body never gives the candidate their link.
    TemplateMissingStartUrl,

    /// The OS random generator failed; no token was made.
    Randomness(String),

    /// The CSV file could not be read as CSV at all (not a per-row problem).
    CsvUnreadable {
        detail: String,
    },

    /// The CSV header lacks a required column.
    CsvMissingColumns {
        missing: Vec<&'static str>,
    },

    /// The OS names no application-data folder (and JOBGATE_DATA_DIR is unset).
    NoAppDataDir,

    DataDirUnavailable {
        path: String,
        detail: String,
    },

    /// A previous operation panicked while holding the database.
    Internal,

    // Issue 13, item 2 (exports and backups never destroy data).
    /// A file the recruiter chose is the database, one of its journals, the
    /// data folder or inside its own files ([`crate::files::DataFolder`]).
    #[strum(serialize = "destination_is_jobgate_data")]
    DestinationIsJobGateData {
        path: String,
        data_dir: String,
    },

    // Issue 13, item 8 (clear words for the disk): made from SQLite's and the
    // OS's codes by the `From` conversions below, naming the data folder.
    /// The disk holding the data folder is full (SQLITE_FULL, ENOSPC).
    DiskFull {
        data_dir: String,
    },
    /// The data folder or the database cannot be written (SQLITE_READONLY,
    /// SQLITE_CANTOPEN, EROFS): a read-only disk or folder, or missing rights.
    DataReadOnly {
        data_dir: String,
    },
    /// Another program kept the database locked past the wait (SQLITE_BUSY, SQLITE_LOCKED).
    DatabaseLocked {
        data_dir: String,
    },

    Database(rusqlite::Error),

    Migration(rusqlite_migration::Error),

    Io(std::io::Error),
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
