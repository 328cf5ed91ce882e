//! The shell's one error type: what a command returns to the UI.

use jobgate_core::dto::ErrorDto;
use jobgate_core::i18n::{self, FluentArgs};
use jobgate_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Core(#[from] CoreError),

    /// Several fields of a form are wrong at once.
    #[error("invalid input")]
    Validation(Vec<CoreError>),

    /// A batch is already running in this window.
    #[error("a batch is already running")]
    BatchRunning,

    /// The OS could not open the recruiter's mail client. What the launcher
    /// said is not kept: it quotes the `mailto:`, the candidate's link in it.
    #[error("no mail client opened")]
    MailClient,

    /// The recovery window was asked to restore, but the data opens now.
    #[error("the data opens")]
    AlreadyUsable,

    /// JobGate could not start itself again after a restore.
    #[error("no restart: {0}")]
    Restart(String),

    /// The OS could not show a folder in its file manager.
    #[error("no file manager opened: {0}")]
    FileManager(String),

    // Issue 13, item 6 (the page proposes, Rust disposes).
    /// The second step of an import or a restore, with no file picked in the
    /// native dialog first (or a restore the recruiter did not confirm).
    #[error("no file chosen")]
    NoFileChosen,
    /// The recruiter declined the native confirmation of changed SMTP settings.
    #[error("restore declined")]
    RestoreDeclined,
    /// Issue 13, item 6: the recruiter declined to send the key to a changed
    /// SMTP server (or it changed while they were asked).
    #[error("settings declined")]
    SettingsDeclined,
}

impl CommandError {
    /// The shell's own errors are `error-<code>` messages of the catalog
    /// (locales/*/errors.ftl), like the core's.
    fn summary(&self) -> ErrorDto {
        let (code, detail) = match self {
            CommandError::Core(e) => return ErrorDto::from(e),
            // With one problem only, say that problem rather than "see below".
            CommandError::Validation(errors) if errors.len() == 1 => {
                return ErrorDto::from(&errors[0])
            }
            CommandError::Validation(_) => ("validation", None),
            CommandError::BatchRunning => ("batch_running", None),
            CommandError::MailClient => ("mail_client", None),
            CommandError::AlreadyUsable => ("already_usable", None),
            CommandError::Restart(detail) => ("restart", Some(detail)),
            CommandError::FileManager(detail) => ("file_manager", Some(detail)),
            CommandError::NoFileChosen => ("no_file_chosen", None),
            CommandError::SettingsDeclined => ("settings_declined", None),
            CommandError::RestoreDeclined => ("restore_declined", None),
        };
        let mut args = FluentArgs::new();
        if let Some(detail) = detail {
            args.set("detail", detail.as_str());
        }
        let id = format!("error-{code}");
        ErrorDto {
            code,
            field: None,
            text: i18n::texts(|lang| i18n::render(lang, &id, Some(&args))),
        }
    }
}

/// What the UI receives: `{code, field, fr, en, fields: [{code, field, fr, en}...]}`.
/// A struct of its own so that the serialized shape and its TypeScript
/// declaration (ui/types/ipc.d.ts, named `CommandError`) are one definition.
#[derive(serde::Serialize, ts_rs::TS)]
#[ts(rename = "CommandError")]
pub struct CommandErrorWire {
    pub code: &'static str,
    pub field: Option<&'static str>,
    /// The message in every language: `fr`, `en`, … (flattened).
    #[serde(flatten)]
    pub text: i18n::Texts,
    pub fields: Vec<ErrorDto>,
}

impl serde::Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let summary = self.summary();
        let fields: Vec<ErrorDto> = match self {
            CommandError::Validation(errors) => errors.iter().map(ErrorDto::from).collect(),
            CommandError::Core(e) if e.field_name().is_some() => vec![ErrorDto::from(e)],
            _ => Vec::new(),
        };
        CommandErrorWire {
            code: summary.code,
            field: summary.field,
            text: summary.text,
            fields,
        }
        .serialize(serializer)
    }
}
