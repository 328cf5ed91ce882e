//! The core's one error type.
//!
//! Every variant a recruiter can meet carries enough data to say what happened and
//! what to do, in French (the product's first language) and English. `Display` gives
//! the French text; [`CoreError::message`] picks a language; [`CoreError::code`] is a
//! stable machine-readable name the UI and scripts can match on.

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A required field was empty after trimming.
    #[error("{}", self.message(Lang::Fr))]
    EmptyField { field: Field },

    /// A text field is longer than the product accepts.
    #[error("{}", self.message(Lang::Fr))]
    FieldTooLong { field: Field, max: usize },

    /// A text field holds a control character (CR, LF, TAB, NUL...), which could
    /// otherwise end up in an email header.
    #[error("{}", self.message(Lang::Fr))]
    ControlCharacter { field: Field },

    #[error("{}", self.message(Lang::Fr))]
    InvalidEmail { value: String },

    #[error("{}", self.message(Lang::Fr))]
    InvalidBaseUrl { value: String },

    #[error("{}", self.message(Lang::Fr))]
    InvalidValidityDays { value: String },

    #[error("{}", self.message(Lang::Fr))]
    UnknownSetting { name: String },

    #[error("{}", self.message(Lang::Fr))]
    InvalidSetting { name: &'static str, value: String },

    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),

    #[error(transparent)]
    Secret(#[from] crate::secret::SecretError),

    #[error("{}", self.message(Lang::Fr))]
    UnknownStatus { value: String },

    #[error("{}", self.message(Lang::Fr))]
    ApplicationNotFound { id: i64 },

    #[error("{}", self.message(Lang::Fr))]
    OutboxNotFound { id: i64 },

    /// The same candidate already applied to the same job offer.
    #[error("{}", self.message(Lang::Fr))]
    DuplicateApplication { email: String, job_title: String },

    /// The application is rejected, hired or withdrawn: no new link for it.
    #[error("{}", self.message(Lang::Fr))]
    ApplicationClosed {
        id: i64,
        status: crate::domain::ApplicationStatus,
    },

    /// The job offer is closed: no new link for its applications.
    #[error("{}", self.message(Lang::Fr))]
    JobClosed { job_title: String },

    /// Issue 13 (a decision is final): extending would push the link past
    /// its longest life (`store::MAX_LINK_LIFETIME_DAYS` after it was made);
    /// `until_fr`/`until_en` is that limit in the recruiter's zone.
    #[error("{}", self.message(Lang::Fr))]
    LinkAtMaximumLifetime {
        id: i64,
        until_fr: String,
        until_en: String,
    },

    /// The action needs a valid link, and the application has none (`state`
    /// says why: no link yet, or the latest expired or was revoked).
    #[error("{}", self.message(Lang::Fr))]
    NoActiveLink {
        id: i64,
        state: Option<crate::store::LinkState>,
    },

    #[error("{}", self.message(Lang::Fr))]
    JobNotFound { id: i64 },

    #[error("{}", self.message(Lang::Fr))]
    CandidateNotFound { id: i64 },

    /// Another candidate already has this email.
    #[error("{}", self.message(Lang::Fr))]
    EmailTaken { email: String },

    /// Another job offer already has this title.
    #[error("{}", self.message(Lang::Fr))]
    JobTitleTaken { title: String },

    /// The application had a link or an email: deleting it would drop its history.
    #[error("{}", self.message(Lang::Fr))]
    ApplicationHasHistory { id: i64 },

    /// An application asked for under a job offer it does not belong to.
    #[error("{}", self.message(Lang::Fr))]
    ApplicationOfAnotherJob {
        id: i64,
        job_id: i64,
        its_job_id: i64,
        its_job_title: String,
    },

    /// The links export could not be written where the recruiter asked.
    #[error("{}", self.message(Lang::Fr))]
    ExportFailed { path: String, detail: String },

    /// The backup file could not be written where the recruiter asked.
    #[error("{}", self.message(Lang::Fr))]
    BackupFailed { path: String, detail: String },

    /// The file given to restore is not a usable JobGate backup.
    #[error("{}", self.message(Lang::Fr))]
    BackupInvalid { path: String, reason: BackupProblem },

    /// The backup was made by a newer JobGate (a schema this build does not know).
    #[error("{}", self.message(Lang::Fr))]
    BackupTooNew {
        path: String,
        found: i64,
        supported: i64,
    },

    /// Emails are being sent: a restore now would mix their outcome into the
    /// restored data.
    #[error("{}", self.message(Lang::Fr))]
    RestoreWhileSending { count: u64 },

    /// Another JobGate window or command works on the same data.
    #[error("{}", self.message(Lang::Fr))]
    RestoreWhileOtherProcess { count: usize },

    /// Putting a backup in place of an unusable database failed midway: what
    /// was moved is in `safety_dir`.
    #[error("{}", self.message(Lang::Fr))]
    ReplaceFailed {
        path: String,
        safety_dir: String,
        detail: String,
    },

    /// The current data could not be kept aside before a restore.
    #[error("{}", self.message(Lang::Fr))]
    SafetyCopyFailed { path: String, detail: String },

    /// The database file is damaged (or is not a database): JobGate leaves it as
    /// it is and says how to restore a backup.
    #[error("{}", self.message(Lang::Fr))]
    DatabaseDamaged { path: String, detail: String },

    /// The database was written by a newer JobGate.
    #[error("{}", self.message(Lang::Fr))]
    DatabaseTooNew {
        path: String,
        found: i64,
        supported: i64,
    },

    /// A template's subject or body is empty (`part`: "subject" or "body").
    #[error("{}", self.message(Lang::Fr))]
    TemplateEmpty { part: &'static str },

    #[error("{}", self.message(Lang::Fr))]
    TemplateTooLong { part: &'static str, max: usize },

    #[error("{}", self.message(Lang::Fr))]
    TemplateSubjectNotOneLine,

    /// A `{name}` the templates do not know.
    #[error("{}", self.message(Lang::Fr))]
    TemplateUnknownPlaceholder { part: &'static str, name: String },

    /// A `{` with no `}` (write `{{` for a brace).
    #[error("{}", self.message(Lang::Fr))]
    TemplateUnclosedBrace { part: &'static str },

    /// The body never gives the candidate their link.
    #[error("{}", self.message(Lang::Fr))]
    TemplateMissingStartUrl,

    /// The OS random generator failed; no token was made.
    #[error("{}", self.message(Lang::Fr))]
    Randomness(String),

    /// The CSV file could not be read as CSV at all (not a per-row problem).
    #[error("{}", self.message(Lang::Fr))]
    CsvUnreadable { detail: String },

    /// The CSV header lacks a required column.
    #[error("{}", self.message(Lang::Fr))]
    CsvMissingColumns { missing: Vec<&'static str> },

    #[error("{}", self.message(Lang::Fr))]
    DataDirUnavailable { path: String, detail: String },

    /// A previous operation panicked while holding the database.
    #[error("{}", self.message(Lang::Fr))]
    Internal,

    // Issue 13, item 2 (exports and backups never destroy data).
    /// A file the recruiter chose is the database, one of its journals, the
    /// data folder or inside its own files ([`crate::files::DataFolder`]).
    #[error("{}", self.message(Lang::Fr))]
    DestinationIsJobGateData { path: String, data_dir: String },

    // Issue 13, item 8 (clear words for the disk): made from SQLite's and the
    // OS's codes by the `From` conversions below, naming the data folder.
    /// The disk holding the data folder is full (SQLITE_FULL, ENOSPC).
    #[error("{}", self.message(Lang::Fr))]
    DiskFull { data_dir: String },
    /// The data folder or the database cannot be written (SQLITE_READONLY,
    /// SQLITE_CANTOPEN, EROFS): a read-only disk or folder, or missing rights.
    #[error("{}", self.message(Lang::Fr))]
    DataReadOnly { data_dir: String },
    /// Another program kept the database locked past the wait (SQLITE_BUSY, SQLITE_LOCKED).
    #[error("{}", self.message(Lang::Fr))]
    DatabaseLocked { data_dir: String },

    #[error("{}", self.message(Lang::Fr))]
    Database(rusqlite::Error),

    #[error("{}", self.message(Lang::Fr))]
    Migration(#[from] rusqlite_migration::Error),

    #[error("{}", self.message(Lang::Fr))]
    Io(std::io::Error),
}

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

/// Why a file cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupProblem {
    /// No file at that path, or it cannot be read.
    Unreadable(String),
    /// Not a SQLite database at all.
    NotSqlite,
    /// A SQLite database, but not JobGate's.
    NotJobGate,
    /// SQLite's integrity check found damage.
    Damaged(String),
    /// A folder, not a file.
    NotAFile,
}

impl BackupProblem {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (BackupProblem::Unreadable(detail), Lang::Fr) => {
                format!("le fichier est illisible ({detail})")
            }
            (BackupProblem::Unreadable(detail), Lang::En) => {
                format!("the file cannot be read ({detail})")
            }
            (BackupProblem::NotSqlite, Lang::Fr) => {
                "ce n'est pas une sauvegarde JobGate (pas une base SQLite)".into()
            }
            (BackupProblem::NotSqlite, Lang::En) => {
                "it is not a JobGate backup (not a SQLite database)".into()
            }
            (BackupProblem::NotJobGate, Lang::Fr) => {
                "c'est une base SQLite, mais pas une sauvegarde JobGate".into()
            }
            (BackupProblem::NotJobGate, Lang::En) => {
                "it is a SQLite database, but not a JobGate backup".into()
            }
            (BackupProblem::Damaged(detail), Lang::Fr) => {
                format!("la sauvegarde est endommagée ({detail})")
            }
            (BackupProblem::Damaged(detail), Lang::En) => {
                format!("the backup is damaged ({detail})")
            }
            (BackupProblem::NotAFile, Lang::Fr) => "c'est un dossier, pas un fichier".into(),
            (BackupProblem::NotAFile, Lang::En) => "it is a folder, not a file".into(),
        }
    }
}

/// The user-editable fields errors can point at; the UI shows the message next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    JobTitle,
    CandidateName,
    Email,
    BaseUrl,
    LinkValidityDays,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::JobTitle => "job_title",
            Field::CandidateName => "candidate_name",
            Field::Email => "email",
            Field::BaseUrl => crate::settings::BASE_URL,
            Field::LinkValidityDays => crate::settings::LINK_VALIDITY_DAYS,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::JobTitle, Lang::Fr) => "l'intitulé du poste",
            (Field::JobTitle, Lang::En) => "the job title",
            (Field::CandidateName, Lang::Fr) => "le nom du candidat",
            (Field::CandidateName, Lang::En) => "the candidate's name",
            (Field::Email, Lang::Fr) => "l'adresse e-mail",
            (Field::Email, Lang::En) => "the email address",
            (Field::BaseUrl, Lang::Fr) => "l'adresse de base des liens",
            (Field::BaseUrl, Lang::En) => "the link base URL",
            (Field::LinkValidityDays, Lang::Fr) => "la durée de validité des liens",
            (Field::LinkValidityDays, Lang::En) => "the link validity",
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

impl CoreError {
    /// A stable name for scripts and the UI (`invalid_email`, `application_not_found`...).
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::EmptyField { .. } => "empty_field",
            CoreError::FieldTooLong { .. } => "field_too_long",
            CoreError::ControlCharacter { .. } => "control_character",
            CoreError::InvalidEmail { .. } => "invalid_email",
            CoreError::InvalidBaseUrl { .. } => "invalid_base_url",
            CoreError::InvalidValidityDays { .. } => "invalid_validity_days",
            CoreError::UnknownSetting { .. } => "unknown_setting",
            CoreError::InvalidSetting { .. } => "invalid_setting",
            CoreError::Mail(e) => e.code(),
            CoreError::Secret(e) => e.code(),
            CoreError::UnknownStatus { .. } => "unknown_status",
            CoreError::ApplicationNotFound { .. } => "application_not_found",
            CoreError::OutboxNotFound { .. } => "outbox_not_found",
            CoreError::DuplicateApplication { .. } => "duplicate_application",
            CoreError::ApplicationClosed { .. } => "application_closed",
            CoreError::JobClosed { .. } => "job_closed",
            CoreError::NoActiveLink { .. } => "no_active_link",
            CoreError::LinkAtMaximumLifetime { .. } => "link_at_maximum_lifetime",
            CoreError::JobNotFound { .. } => "job_not_found",
            CoreError::CandidateNotFound { .. } => "candidate_not_found",
            CoreError::EmailTaken { .. } => "email_taken",
            CoreError::JobTitleTaken { .. } => "job_title_taken",
            CoreError::ApplicationHasHistory { .. } => "application_has_history",
            CoreError::ApplicationOfAnotherJob { .. } => "application_of_another_job",
            CoreError::ExportFailed { .. } => "export_failed",
            CoreError::BackupFailed { .. } => "backup_failed",
            CoreError::BackupInvalid { .. } => "backup_invalid",
            CoreError::BackupTooNew { .. } => "backup_too_new",
            CoreError::DatabaseDamaged { .. } => "database_damaged",
            CoreError::RestoreWhileSending { .. } => "restore_while_sending",
            CoreError::RestoreWhileOtherProcess { .. } => "restore_while_other_process",
            CoreError::SafetyCopyFailed { .. } => "safety_copy_failed",
            CoreError::ReplaceFailed { .. } => "replace_failed",
            CoreError::DatabaseTooNew { .. } => "database_too_new",
            CoreError::TemplateEmpty { .. } => "template_empty",
            CoreError::TemplateTooLong { .. } => "template_too_long",
            CoreError::TemplateSubjectNotOneLine => "template_subject_not_one_line",
            CoreError::TemplateUnknownPlaceholder { .. } => "template_unknown_placeholder",
            CoreError::TemplateUnclosedBrace { .. } => "template_unclosed_brace",
            CoreError::TemplateMissingStartUrl => "template_missing_start_url",
            CoreError::Randomness(_) => "randomness",
            CoreError::CsvUnreadable { .. } => "csv_unreadable",
            CoreError::CsvMissingColumns { .. } => "csv_missing_columns",
            CoreError::DataDirUnavailable { .. } => "data_dir_unavailable",
            CoreError::Internal => "internal",
            CoreError::DestinationIsJobGateData { .. } => "destination_is_jobgate_data",
            CoreError::DiskFull { .. } => "disk_full",
            CoreError::DataReadOnly { .. } => "data_read_only",
            CoreError::DatabaseLocked { .. } => "database_locked",
            CoreError::Database(e) if crate::store::backup::is_damage(e) => "database_damaged",
            CoreError::Database(_) => "database",
            CoreError::Migration(_) => "migration",
            CoreError::Io(_) => "io",
        }
    }

    /// The form field this error is about, when there is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            CoreError::EmptyField { field }
            | CoreError::FieldTooLong { field, .. }
            | CoreError::ControlCharacter { field } => Some(*field),
            CoreError::InvalidEmail { .. } => Some(Field::Email),
            CoreError::InvalidBaseUrl { .. } => Some(Field::BaseUrl),
            CoreError::InvalidValidityDays { .. } => Some(Field::LinkValidityDays),
            _ => None,
        }
    }

    /// The form field or setting this error is about, as the UI names it.
    pub fn field_name(&self) -> Option<&'static str> {
        match self {
            CoreError::InvalidSetting { name, .. } => Some(name),
            CoreError::Secret(_) => Some("api_key"),
            CoreError::TemplateEmpty { part }
            | CoreError::TemplateTooLong { part, .. }
            | CoreError::TemplateUnknownPlaceholder { part, .. }
            | CoreError::TemplateUnclosedBrace { part } => Some(part),
            CoreError::TemplateSubjectNotOneLine => Some("subject"),
            CoreError::EmailTaken { .. } => Some("email"),
            CoreError::JobTitleTaken { .. } => Some("job_title"),
            CoreError::TemplateMissingStartUrl => Some("body"),
            _ => self.field().map(Field::name),
        }
    }

    /// What happened and what to do, in the recruiter's language.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::{En, Fr};
        match (self, lang) {
            (CoreError::EmptyField { field }, Fr) => {
                format!("Renseignez {} : ce champ est obligatoire.", field.label(Fr))
            }
            (CoreError::EmptyField { field }, En) => {
                format!("Enter {}: this field is required.", field.label(En))
            }
            (CoreError::FieldTooLong { field, max }, Fr) => format!(
                "{} est trop long : {max} caractères au plus. Raccourcissez-le.",
                capitalise(field.label(Fr))
            ),
            (CoreError::FieldTooLong { field, max }, En) => format!(
                "{} is too long: {max} characters at most. Shorten it.",
                capitalise(field.label(En))
            ),
            (CoreError::ControlCharacter { field }, Fr) => format!(
                "{} contient un retour à la ligne ou un caractère de contrôle. Gardez-le sur une seule ligne.",
                capitalise(field.label(Fr))
            ),
            (CoreError::ControlCharacter { field }, En) => format!(
                "{} contains a line break or a control character. Keep it on one line.",
                capitalise(field.label(En))
            ),
            (CoreError::InvalidEmail { value }, Fr) => format!(
                "« {} » n'est pas une adresse e-mail valide. Corrigez-la (exemple : prenom.nom@exemple.fr).",
                shorten(value)
            ),
            (CoreError::InvalidEmail { value }, En) => format!(
                "\"{}\" is not a valid email address. Correct it (e.g. first.last@example.com).",
                shorten(value)
            ),
            (CoreError::InvalidBaseUrl { value }, Fr) => format!(
                "« {} » n'est pas une adresse web valide pour les liens. Indiquez une adresse http:// ou https://, par exemple https://entretiens.exemple.fr.",
                shorten(value)
            ),
            (CoreError::InvalidBaseUrl { value }, En) => format!(
                "\"{}\" is not a valid web address for links. Use an http:// or https:// address such as https://interviews.example.com.",
                shorten(value)
            ),
            (CoreError::InvalidValidityDays { value }, Fr) => format!(
                "« {} » n'est pas une durée de validité possible. Indiquez un nombre de jours entre 1 et 365.",
                shorten(value)
            ),
            (CoreError::InvalidValidityDays { value }, En) => format!(
                "\"{}\" is not a possible validity. Enter a number of days between 1 and 365.",
                shorten(value)
            ),
            (CoreError::UnknownSetting { name }, Fr) => format!(
                "Le réglage « {} » n'existe pas. Réglages connus : {}.",
                shorten(name),
                crate::settings::SETTING_NAMES.join(", ")
            ),
            (CoreError::UnknownSetting { name }, En) => format!(
                "There is no setting \"{}\". Known settings: {}.",
                shorten(name),
                crate::settings::SETTING_NAMES.join(", ")
            ),
            (CoreError::UnknownStatus { value }, Fr) => format!(
                "Le statut « {} » n'existe pas. Statuts possibles : {}.",
                shorten(value),
                status_names()
            ),
            (CoreError::UnknownStatus { value }, En) => format!(
                "There is no status \"{}\". Possible statuses: {}.",
                shorten(value),
                status_names()
            ),
            (CoreError::InvalidSetting { name, value }, Fr) => format!(
                "« {} » n'est pas une valeur possible pour {} ({name}) : {}",
                shorten(value),
                setting_label(name, Fr),
                setting_hint(name, Fr)
            ),
            (CoreError::InvalidSetting { name, value }, En) => format!(
                "\"{}\" is not a possible value for {} ({name}): {}",
                shorten(value),
                setting_label(name, En),
                setting_hint(name, En)
            ),
            (CoreError::Mail(e), lang) => e.message(lang),
            (CoreError::Secret(e), lang) => e.message(lang),
            (CoreError::ApplicationNotFound { id }, Fr) => format!(
                "La candidature n° {id} n'existe pas (ou plus). Actualisez la liste."
            ),
            (CoreError::ApplicationNotFound { id }, En) => format!(
                "Application #{id} does not exist (any more). Refresh the list."
            ),
            (CoreError::OutboxNotFound { id }, Fr) => format!(
                "Le message n° {id} n'existe pas dans la boîte d'envoi. Actualisez la liste."
            ),
            (CoreError::OutboxNotFound { id }, En) => format!(
                "Message #{id} is not in the outbox. Refresh the list."
            ),
            (CoreError::DuplicateApplication { email, job_title }, Fr) => format!(
                "{} a déjà postulé à l'offre « {} ». Rien n'a été ajouté.",
                shorten(email),
                shorten(job_title)
            ),
            (CoreError::DuplicateApplication { email, job_title }, En) => format!(
                "{} has already applied to \"{}\". Nothing was added.",
                shorten(email),
                shorten(job_title)
            ),
            (CoreError::ApplicationClosed { id, status }, Fr) => format!(
                "La candidature n° {id} est close (statut « {} ») : aucun lien ni email ne lui est plus envoyé, et son lien ne peut être ni prolongé ni renvoyé. Rien n'a été modifié. Changez son statut si vous voulez l'inviter à nouveau.",
                status.label(Fr)
            ),
            (CoreError::ApplicationClosed { id, status }, En) => format!(
                "Application #{id} is closed (status \"{}\"): it gets no link or email any more, and its link can be neither extended nor resent. Nothing was changed. Change its status to invite this candidate again.",
                status.label(En)
            ),
            (CoreError::JobClosed { job_title }, Fr) => format!(
                "L'offre « {} » est fermée : ses candidats ne reçoivent plus ni lien ni email, et leurs liens ne peuvent être ni prolongés ni renvoyés. Rien n'a été modifié. Rouvrez l'offre pour inviter.",
                shorten(job_title)
            ),
            (CoreError::JobClosed { job_title }, En) => format!(
                "The job offer \"{}\" is closed: its candidates get no link or email any more, and their links can be neither extended nor resent. Nothing was changed. Reopen it to invite.",
                shorten(job_title)
            ),
            (CoreError::LinkAtMaximumLifetime { id, until_fr, .. }, Fr) => format!(
                "Le lien de la candidature n° {id} ne peut pas être prolongé au-delà d'un an après sa création ({until_fr}). Rien n'a été modifié. Pour lui laisser plus de temps, révoquez ce lien (ou attendez qu'il expire), puis faites-lui un nouveau lien."
            ),
            (CoreError::LinkAtMaximumLifetime { id, until_en, .. }, En) => format!(
                "The link of application #{id} cannot be extended past one year after it was made ({until_en}). Nothing was changed. To give more time, revoke this link (or let it expire), then make a new one."
            ),
            (CoreError::NoActiveLink { id, state }, Fr) => match state {
                None => format!(
                    "La candidature n° {id} n'a pas encore de lien : invitez d'abord le candidat (Inviter)."
                ),
                Some(crate::store::LinkState::Revoked) => format!(
                    "Le lien de la candidature n° {id} a été révoqué : il ne peut plus servir. Créez-en un nouveau avec Inviter."
                ),
                Some(_) => format!(
                    "Le lien de la candidature n° {id} a expiré : prolongez-le, ou créez-en un nouveau avec Inviter."
                ),
            },
            (CoreError::NoActiveLink { id, state }, En) => match state {
                None => format!(
                    "Application #{id} has no link yet: invite the candidate first (Invite)."
                ),
                Some(crate::store::LinkState::Revoked) => format!(
                    "The link of application #{id} was revoked and can no longer be used. Create a new one with Invite."
                ),
                Some(_) => format!(
                    "The link of application #{id} has expired: extend it, or create a new one with Invite."
                ),
            },
            (CoreError::JobNotFound { id }, Fr) => format!(
                "Il n'y a pas d'offre n° {id}. Vérifiez le numéro (jobgate job list)."
            ),
            (CoreError::JobNotFound { id }, En) => {
                format!("There is no job offer #{id}. Check the number (jobgate job list).")
            }
            (
                CoreError::ApplicationOfAnotherJob {
                    id,
                    job_id,
                    its_job_id,
                    its_job_title,
                },
                Fr,
            ) => format!(
                "La candidature n° {id} est pour l'offre n° {its_job_id} (« {} »), pas pour l'offre n° {job_id}. Choisissez une candidature de cette offre.",
                shorten(its_job_title)
            ),
            (
                CoreError::ApplicationOfAnotherJob {
                    id,
                    job_id,
                    its_job_id,
                    its_job_title,
                },
                En,
            ) => format!(
                "Application #{id} is for job offer #{its_job_id} (\"{}\"), not job offer #{job_id}. Choose an application of this offer.",
                shorten(its_job_title)
            ),
            (CoreError::CandidateNotFound { id }, Fr) => {
                format!("Le candidat n° {id} n'existe pas (ou plus). Actualisez la liste.")
            }
            (CoreError::CandidateNotFound { id }, En) => {
                format!("Candidate #{id} does not exist (any more). Refresh the list.")
            }
            (CoreError::EmailTaken { email }, Fr) => format!(
                "Un autre candidat a déjà l'adresse {} : rien n'a été modifié. Vérifiez l'adresse.",
                shorten(email)
            ),
            (CoreError::EmailTaken { email }, En) => format!(
                "Another candidate already has the address {}: nothing was changed. Check the address.",
                shorten(email)
            ),
            (CoreError::JobTitleTaken { title }, Fr) => format!(
                "Une autre offre s'appelle déjà « {} » : rien n'a été modifié. Choisissez un autre intitulé.",
                shorten(title)
            ),
            (CoreError::JobTitleTaken { title }, En) => format!(
                "Another job offer is already called \"{}\": nothing was changed. Choose another title.",
                shorten(title)
            ),
            (CoreError::ApplicationHasHistory { id }, Fr) => format!(
                "La candidature n° {id} a déjà reçu un lien ou un email : la supprimer effacerait son historique. Passez-la plutôt au statut « Retirée par le candidat » ou « Non retenue »."
            ),
            (CoreError::ApplicationHasHistory { id }, En) => format!(
                "Application #{id} already had a link or an email: deleting it would erase its history. Mark it \"Withdrawn\" or \"Rejected\" instead."
            ),
            (CoreError::BackupFailed { path, detail }, Fr) => format!(
                "Impossible d'écrire la sauvegarde dans « {} » ({detail}). Choisissez un autre dossier (une clé USB, un dossier synchronisé) ; vos données n'ont pas changé.",
                shorten(path)
            ),
            (CoreError::BackupFailed { path, detail }, En) => format!(
                "Could not write the backup to \"{}\" ({detail}). Choose another folder (a USB stick, a synced folder); your data has not changed.",
                shorten(path)
            ),
            (CoreError::BackupInvalid { path, reason }, Fr) => format!(
                "« {} » ne peut pas être restauré : {}. Rien n'a été modifié ; choisissez un fichier créé par Réglages → Sauvegarder (ou jobgate backup).",
                shorten(path),
                reason.describe(Fr)
            ),
            (CoreError::BackupInvalid { path, reason }, En) => format!(
                "\"{}\" cannot be restored: {}. Nothing was changed; choose a file made by Settings → Back up (or jobgate backup).",
                shorten(path),
                reason.describe(En)
            ),
            (CoreError::BackupTooNew { path, found, supported }, Fr) => format!(
                "« {} » a été créée par une version plus récente de JobGate (schéma {found}, cette version lit jusqu'au schéma {supported}). Rien n'a été modifié ; installez la dernière version de JobGate pour la restaurer.",
                shorten(path)
            ),
            (CoreError::BackupTooNew { path, found, supported }, En) => format!(
                "\"{}\" was made by a newer JobGate (schema {found}; this version reads up to schema {supported}). Nothing was changed; install the latest JobGate to restore it.",
                shorten(path)
            ),
            (CoreError::RestoreWhileSending { count }, Fr) => format!(
                "Rien n'a été restauré : {count} email(s) sont en cours d'envoi. Attendez la fin de l'envoi (Boîte d'envoi), puis restaurez."
            ),
            (CoreError::RestoreWhileSending { count }, En) => format!(
                "Nothing was restored: {count} email(s) are being sent. Wait for the sending to end (Outbox), then restore."
            ),
            (CoreError::RestoreWhileOtherProcess { count }, Fr) => format!(
                "Rien n'a été restauré : {count} autre(s) fenêtre(s) ou commande(s) JobGate travaillent sur ces données. Fermez-les (ou attendez la fin de la commande), puis restaurez."
            ),
            (CoreError::RestoreWhileOtherProcess { count }, En) => format!(
                "Nothing was restored: {count} other JobGate window(s) or command(s) are working on this data. Close them (or let the command finish), then restore."
            ),
            (CoreError::ReplaceFailed { path, safety_dir, detail }, Fr) => format!(
                "La sauvegarde n'a pas pu remplacer {path} ({detail}). Rien n'est perdu : ce qui a été déplacé est dans {safety_dir}. Vérifiez les droits du dossier et la place libre, puis recommencez la restauration."
            ),
            (CoreError::ReplaceFailed { path, safety_dir, detail }, En) => format!(
                "The backup could not replace {path} ({detail}). Nothing is lost: what was moved is in {safety_dir}. Check the folder's permissions and free space, then restore again."
            ),
            (CoreError::SafetyCopyFailed { path, detail }, Fr) => format!(
                "Rien n'a été restauré : la copie de sécurité des données actuelles n'a pas pu être écrite dans {path} ({detail}). Libérez de la place sur le disque ou vérifiez les droits du dossier de données, puis réessayez."
            ),
            (CoreError::SafetyCopyFailed { path, detail }, En) => format!(
                "Nothing was restored: the safety copy of the current data could not be written to {path} ({detail}). Free some disk space or check the data folder's permissions, then try again."
            ),
            (CoreError::DatabaseDamaged { path, detail }, Fr) => format!(
                "Le fichier de données {path} est endommagé ({detail}). JobGate ne l'a ni modifié ni recréé. Restaurez votre dernière sauvegarde : « Restaurer une sauvegarde… » dans la fenêtre, ou jobgate restore FICHIER --yes (le fichier endommagé est gardé à part)."
            ),
            (CoreError::DatabaseDamaged { path, detail }, En) => format!(
                "The data file {path} is damaged ({detail}). JobGate neither changed nor recreated it. Restore your latest backup: \"Restore a backup…\" in the window, or jobgate restore FILE --yes (the damaged file is kept aside)."
            ),
            (CoreError::DatabaseTooNew { path, found, supported }, Fr) => format!(
                "Les données {path} ont été écrites par une version plus récente de JobGate (schéma {found}, cette version lit jusqu'au schéma {supported}). Rien n'a été modifié ; installez la dernière version de JobGate."
            ),
            (CoreError::DatabaseTooNew { path, found, supported }, En) => format!(
                "The data in {path} was written by a newer JobGate (schema {found}; this version reads up to schema {supported}). Nothing was changed; install the latest JobGate."
            ),
            (CoreError::ExportFailed { path, detail }, Fr) => format!(
                "Impossible d'écrire l'export dans « {} » ({detail}). Choisissez un autre dossier ; rien n'a été écrit.",
                shorten(path)
            ),
            (CoreError::ExportFailed { path, detail }, En) => format!(
                "Could not write the export to \"{}\" ({detail}). Choose another folder; nothing was written.",
                shorten(path)
            ),
            (CoreError::TemplateEmpty { part }, Fr) => {
                format!("{} du modèle est vide : écrivez-le.", part_label(part, Fr))
            }
            (CoreError::TemplateEmpty { part }, En) => {
                format!(
                    "The template's {} is empty: write it.",
                    part_label(part, En).to_lowercase()
                )
            }
            (CoreError::TemplateTooLong { part, max }, Fr) => format!(
                "{} du modèle est trop long : {max} caractères au plus.",
                part_label(part, Fr)
            ),
            (CoreError::TemplateTooLong { part, max }, En) => format!(
                "The template's {} is too long: {max} characters at most.",
                part_label(part, En).to_lowercase()
            ),
            (CoreError::TemplateSubjectNotOneLine, Fr) => {
                "L'objet doit tenir sur une ligne : retirez les retours à la ligne.".to_owned()
            }
            (CoreError::TemplateSubjectNotOneLine, En) => {
                "The subject must be one line: remove the line breaks.".to_owned()
            }
            (CoreError::TemplateUnknownPlaceholder { part, name }, Fr) => format!(
                "{} contient {{{}}}, que JobGate ne connaît pas. Utilisez : {}.",
                part_label(part, Fr),
                shorten(name),
                placeholder_list()
            ),
            (CoreError::TemplateUnknownPlaceholder { part, name }, En) => format!(
                "The {} contains {{{}}}, which JobGate does not know. Use: {}.",
                part_label(part, En).to_lowercase(),
                shorten(name),
                placeholder_list()
            ),
            (CoreError::TemplateUnclosedBrace { part }, Fr) => format!(
                "{} ouvre une accolade « {{ » sans la fermer. Fermez-la, ou écrivez {{{{ pour une accolade.",
                part_label(part, Fr)
            ),
            (CoreError::TemplateUnclosedBrace { part }, En) => format!(
                "The {} opens a brace \"{{\" and never closes it. Close it, or write {{{{ for a brace.",
                part_label(part, En).to_lowercase()
            ),
            (CoreError::TemplateMissingStartUrl, Fr) => {
                "Le texte ne contient pas {start_url} : sans lui, le candidat ne reçoit pas son lien. Ajoutez-le.".to_owned()
            }
            (CoreError::TemplateMissingStartUrl, En) => {
                "The text does not contain {start_url}: without it the candidate gets no link. Add it.".to_owned()
            }
            (CoreError::Randomness(detail), Fr) => format!(
                "Le générateur aléatoire du système n'a pas répondu ({detail}) ; aucun lien n'a été créé. Réessayez ; si cela persiste, redémarrez l'ordinateur."
            ),
            (CoreError::Randomness(detail), En) => format!(
                "The system's random generator failed ({detail}); no link was created. Try again; if it persists, restart the computer."
            ),
            (CoreError::CsvUnreadable { detail }, Fr) => format!(
                "Le fichier ne peut pas être lu comme un CSV ({detail}). Enregistrez-le au format CSV (UTF-8) depuis votre tableur, puis réessayez. Rien n'a été importé."
            ),
            (CoreError::CsvUnreadable { detail }, En) => format!(
                "The file cannot be read as CSV ({detail}). Save it as CSV (UTF-8) from your spreadsheet and try again. Nothing was imported."
            ),
            (CoreError::CsvMissingColumns { missing }, Fr) => format!(
                "Colonnes manquantes dans l'en-tête : {}. La première ligne doit être job_title,candidate_name,email. Rien n'a été importé.",
                missing.join(", ")
            ),
            (CoreError::CsvMissingColumns { missing }, En) => format!(
                "Missing header columns: {}. The first line must be job_title,candidate_name,email. Nothing was imported.",
                missing.join(", ")
            ),
            (CoreError::DataDirUnavailable { path, detail }, Fr) => format!(
                "Le dossier de données {path} est inaccessible ({detail}). Vérifiez ses droits ou choisissez-en un autre avec JOBGATE_DATA_DIR."
            ),
            (CoreError::DataDirUnavailable { path, detail }, En) => format!(
                "The data folder {path} cannot be used ({detail}). Check its permissions or choose another one with JOBGATE_DATA_DIR."
            ),
            (CoreError::DestinationIsJobGateData { path, data_dir }, Fr) => format!(
                "« {} » fait partie des données de JobGate (la base, ses journaux, les copies de sécurité ou le journal, dans {data_dir}) : rien n'y a été écrit, vos données sont intactes. Choisissez un autre emplacement, par exemple votre dossier Documents.",
                shorten(path)
            ),
            (CoreError::DestinationIsJobGateData { path, data_dir }, En) => format!(
                "\"{}\" is part of JobGate's own data (the database, its journals, the safety copies or the log, in {data_dir}): nothing was written there and your data is intact. Choose another place, such as your Documents folder.",
                shorten(path)
            ),
            (CoreError::DiskFull { data_dir }, Fr) => format!(
                "Le disque qui contient le dossier de données de JobGate ({data_dir}) est plein : rien n'a été enregistré. Libérez de la place sur ce disque (videz la corbeille, supprimez ou déplacez de gros fichiers), puis réessayez."
            ),
            (CoreError::DiskFull { data_dir }, En) => format!(
                "The disk holding JobGate's data folder ({data_dir}) is full: nothing was saved. Free some space on that disk (empty the trash, delete or move large files), then try again."
            ),
            (CoreError::DataReadOnly { data_dir }, Fr) => format!(
                "JobGate ne peut pas écrire dans son dossier de données ({data_dir}) : le disque ou le dossier est en lecture seule, ou vos droits ne le permettent pas. Rien n'a été enregistré. Vérifiez que le disque est branché et accessible en écriture et que le dossier vous appartient, puis réessayez."
            ),
            (CoreError::DataReadOnly { data_dir }, En) => format!(
                "JobGate cannot write to its data folder ({data_dir}): the disk or the folder is read-only, or your rights do not allow it. Nothing was saved. Check that the disk is connected and writable and that the folder is yours, then try again."
            ),
            (CoreError::DatabaseLocked { data_dir }, Fr) => format!(
                "La base de données de JobGate ({data_dir}) est verrouillée par un autre programme depuis plus de 10 secondes : rien n'a été modifié. Fermez ce qui l'utilise (une autre fenêtre ou commande JobGate, un outil SQLite, un logiciel de sauvegarde ou de synchronisation), puis réessayez."
            ),
            (CoreError::DatabaseLocked { data_dir }, En) => format!(
                "JobGate's database ({data_dir}) has been locked by another program for more than 10 seconds: nothing was changed. Close what is using it (another JobGate window or command, an SQLite tool, a backup or sync program), then try again."
            ),
            (CoreError::Internal, Fr) => "JobGate a rencontré une erreur interne. Fermez puis rouvrez l'application ; vos données sont conservées.".into(),
            (CoreError::Internal, En) => "JobGate hit an internal error. Close and reopen the app; your data is kept.".into(),
            (CoreError::Database(e), Fr) if crate::store::backup::is_damage(e) => format!(
                "Le fichier de données est endommagé ({e}). Restaurez votre dernière sauvegarde : Réglages → Restaurer… dans la fenêtre, ou jobgate restore FICHIER --yes (la copie endommagée est gardée à part)."
            ),
            (CoreError::Database(e), En) if crate::store::backup::is_damage(e) => format!(
                "The data file is damaged ({e}). Restore your latest backup: Settings → Restore… in the window, or jobgate restore FILE --yes (the damaged copy is kept aside)."
            ),
            (CoreError::Database(e), Fr) => format!(
                "La base de données locale a renvoyé une erreur ({e}). Rien n'a été modifié ; réessayez. Si cela persiste, fermez les autres fenêtres JobGate."
            ),
            (CoreError::Database(e), En) => format!(
                "The local database returned an error ({e}). Nothing was changed; try again. If it persists, close other JobGate windows."
            ),
            (CoreError::Migration(e), Fr) => format!(
                "La base de données n'a pas pu être mise à jour ({}). Vos données n'ont pas été modifiées ; installez la dernière version de JobGate.",
                shorten(&e.to_string())
            ),
            (CoreError::Migration(e), En) => format!(
                "The database could not be upgraded ({}). Your data was not changed; install the latest version of JobGate.",
                shorten(&e.to_string())
            ),
            (CoreError::Io(e), Fr) => format!("Erreur de lecture ou d'écriture de fichier : {e}."),
            (CoreError::Io(e), En) => format!("File read or write error: {e}."),
        }
    }
}

/// Keeps an echoed user value short enough for one line of an error message.
/// "L'objet" / "Le texte", "Subject" / "Body".
fn part_label(part: &str, lang: Lang) -> &'static str {
    match (part, lang) {
        ("subject", Lang::Fr) => "L'objet",
        (_, Lang::Fr) => "Le texte",
        ("subject", Lang::En) => "Subject",
        (_, Lang::En) => "Body",
    }
}

/// `{candidate_name}, {job_title}, …`
fn placeholder_list() -> String {
    crate::template::PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn shorten(value: &str) -> String {
    const MAX: usize = 80;
    let clean: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= MAX {
        clean
    } else {
        let mut s: String = clean.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

fn setting_label(name: &str, lang: Lang) -> &'static str {
    use crate::settings::*;
    match (name, lang) {
        (SMTP_HOST, Lang::Fr) => "le serveur SMTP",
        (SMTP_HOST, Lang::En) => "the SMTP server",
        (SMTP_PORT, Lang::Fr) => "le port SMTP",
        (SMTP_PORT, Lang::En) => "the SMTP port",
        (SMTP_SECURITY, Lang::Fr) => "la sécurité SMTP",
        (SMTP_SECURITY, Lang::En) => "the SMTP security",
        (SMTP_USERNAME, Lang::Fr) => "l'identifiant SMTP",
        (SMTP_USERNAME, Lang::En) => "the SMTP user name",
        (SMTP_CA_FILE, Lang::Fr) => "le certificat d'autorité",
        (SMTP_CA_FILE, Lang::En) => "the CA certificate",
        (SMTP_CONNECTIONS, Lang::Fr) => "le nombre de connexions",
        (SMTP_CONNECTIONS, Lang::En) => "the number of connections",
        (RATE_LIMIT_PER_MINUTE, Lang::Fr) => "la limite par minute",
        (RATE_LIMIT_PER_MINUTE, Lang::En) => "the per-minute limit",
        (DAILY_QUOTA, Lang::Fr) => "le quota quotidien",
        (DAILY_QUOTA, Lang::En) => "the daily quota",
        (DELIVERY_MODE, Lang::Fr) => "le mode d'envoi",
        (DELIVERY_MODE, Lang::En) => "the delivery mode",
        (DRY_RUN_DIR, Lang::Fr) => "le dossier du mode essai",
        (DRY_RUN_DIR, Lang::En) => "the dry-run folder",
        (SMTP_TIMEOUT_SECONDS, Lang::Fr) => "le délai maximal",
        (SMTP_TIMEOUT_SECONDS, Lang::En) => "the time limit",
        (FROM, Lang::Fr) => "l'expéditeur",
        (FROM, Lang::En) => "the sender",
        (REPLY_TO, Lang::Fr) => "l'adresse de réponse",
        (REPLY_TO, Lang::En) => "the reply-to address",
        (LOG_LEVEL, Lang::Fr) => "le niveau du journal",
        (LOG_LEVEL, Lang::En) => "the log level",
        (_, Lang::Fr) => "ce réglage",
        (_, Lang::En) => "this setting",
    }
}

fn setting_hint(name: &str, lang: Lang) -> &'static str {
    use crate::settings::*;
    match (name, lang) {
        (SMTP_HOST, Lang::Fr) => "indiquez un nom de serveur sans espace, par exemple smtp.sendgrid.net.",
        (SMTP_HOST, Lang::En) => "give a server name without spaces, such as smtp.sendgrid.net.",
        (SMTP_PORT, Lang::Fr) => "indiquez un port entre 1 et 65535 (587 pour STARTTLS, 465 pour TLS).",
        (SMTP_PORT, Lang::En) => "give a port between 1 and 65535 (587 for STARTTLS, 465 for TLS).",
        (SMTP_SECURITY, Lang::Fr) => "choisissez starttls, tls ou plain.",
        (SMTP_SECURITY, Lang::En) => "choose starttls, tls or plain.",
        (SMTP_USERNAME, Lang::Fr) => "indiquez un identifiant (apikey pour SendGrid).",
        (SMTP_USERNAME, Lang::En) => "give a user name (apikey for SendGrid).",
        (SMTP_CA_FILE, Lang::Fr) => "indiquez le chemin d'un fichier de certificat PEM existant, ou laissez vide.",
        (SMTP_CA_FILE, Lang::En) => "give the path of an existing PEM certificate file, or leave it empty.",
        (SMTP_CONNECTIONS, Lang::Fr) => "indiquez un nombre de connexions entre 1 et 16.",
        (SMTP_CONNECTIONS, Lang::En) => "give a number of connections between 1 and 16.",
        (RATE_LIMIT_PER_MINUTE, Lang::Fr) => "indiquez un nombre d'emails par minute (0 : sans limite).",
        (RATE_LIMIT_PER_MINUTE, Lang::En) => "give a number of emails per minute (0: no limit).",
        (DAILY_QUOTA, Lang::Fr) => "indiquez un nombre d'emails par jour (0 : sans quota ; 100 pour l'offre gratuite de SendGrid).",
        (DAILY_QUOTA, Lang::En) => "give a number of emails per day (0: no quota; 100 for SendGrid's free tier).",
        (DELIVERY_MODE, Lang::Fr) => "choisissez smtp (envoi réel) ou dry_run (fichiers .eml, rien n'est envoyé).",
        (DELIVERY_MODE, Lang::En) => "choose smtp (real sending) or dry_run (.eml files, nothing is sent).",
        (DRY_RUN_DIR, Lang::Fr) => "indiquez un dossier, ou laissez vide.",
        (DRY_RUN_DIR, Lang::En) => "give a folder, or leave it empty.",
        (SMTP_TIMEOUT_SECONDS, Lang::Fr) => "indiquez un nombre de secondes entre 1 et 300.",
        (SMTP_TIMEOUT_SECONDS, Lang::En) => "give a number of seconds between 1 and 300.",
        (FROM | REPLY_TO, Lang::Fr) => "indiquez une adresse, éventuellement avec un nom : Acme Recrutement <recrutement@acme.fr>.",
        (FROM | REPLY_TO, Lang::En) => "give an address, optionally with a name: Acme Recruiting <jobs@acme.com>.",
        (LOG_LEVEL, Lang::Fr) => "choisissez error, warn, info ou debug.",
        (LOG_LEVEL, Lang::En) => "choose error, warn, info or debug.",
        (_, Lang::Fr) => "corrigez la valeur.",
        (_, Lang::En) => "correct the value.",
    }
}

fn status_names() -> String {
    crate::domain::ApplicationStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_exist_in_both_languages_and_differ() {
        let e = CoreError::InvalidEmail {
            value: "pas-une-adresse".into(),
        };
        assert!(e
            .message(Lang::Fr)
            .contains("n'est pas une adresse e-mail valide"));
        assert!(e.message(Lang::En).contains("is not a valid email address"));
        assert_eq!(e.to_string(), e.message(Lang::Fr));
        assert_eq!(e.field(), Some(Field::Email));
    }

    #[test]
    fn echoed_values_lose_control_characters_and_length() {
        let e = CoreError::InvalidEmail {
            value: format!("a\r\nb{}", "x".repeat(500)),
        };
        let m = e.message(Lang::En);
        assert!(!m.contains('\n') && !m.contains('\r'));
        assert!(m.chars().count() < 200);
    }
}
