//! What some errors carry: the form field they point at, why a backup cannot be
//! restored.

use super::CoreError;

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
    /// The catalog's name for the problem (`$reason` of `error-backup_invalid`)
    /// and what the system said, if anything.
    pub fn code_and_detail(&self) -> (&'static str, &str) {
        match self {
            BackupProblem::Unreadable(detail) => ("unreadable", detail),
            BackupProblem::NotSqlite => ("not_sqlite", ""),
            BackupProblem::NotJobGate => ("not_jobgate", ""),
            BackupProblem::Damaged(detail) => ("damaged", detail),
            BackupProblem::NotAFile => ("not_a_file", ""),
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
}

impl CoreError {
    /// The form field this error is about, when there is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            CoreError::EmptyField { field }
            | CoreError::FieldTooLong { field, .. }
            | CoreError::ControlCharacter { field } => Some(*field),
            CoreError::InvalidEmail { .. } => Some(Field::Email),
            CoreError::InvalidBaseUrl { .. } | CoreError::BaseUrlOnThisComputer { .. } => {
                Some(Field::BaseUrl)
            }
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
}

impl CoreError {
    /// A stable name for scripts and the UI (`invalid_email`,
    /// `application_not_found`...): the variant's name in snake case.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Mail(e) => e.code(),
            CoreError::Secret(e) => e.code(),
            CoreError::Database(e) if crate::store::backup::is_damage(e) => "database_damaged",
            other => other.into(),
        }
    }
}
