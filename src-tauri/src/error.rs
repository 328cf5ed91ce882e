//! The shell's one error type: what a command returns to the UI.

use jobgate_core::dto::ErrorDto;
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

    /// The OS could not open the recruiter's mail client.
    #[error("no mail client opened: {0}")]
    MailClient(String),

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
    fn summary(&self) -> ErrorDto {
        match self {
            CommandError::Core(e) => ErrorDto::from(e),
            // With one problem only, say that problem rather than "see below".
            CommandError::Validation(errors) if errors.len() == 1 => ErrorDto::from(&errors[0]),
            CommandError::BatchRunning => ErrorDto {
                code: "batch_running",
                field: None,
                fr: "Un envoi groupé est déjà en cours : attendez sa fin ou annulez-le.".into(),
                en: "A batch is already being sent: wait for it to end or cancel it.".into(),
            },
            CommandError::MailClient(detail) => ErrorDto {
                code: "mail_client",
                field: None,
                fr: format!(
                    "Aucune messagerie ne s'est ouverte ({detail}). Configurez une application de messagerie par défaut, ou copiez le lien et écrivez au candidat vous-même."
                ),
                en: format!(
                    "No mail client opened ({detail}). Set a default mail application, or copy the link and write to the candidate yourself."
                ),
            },
            CommandError::AlreadyUsable => ErrorDto {
                code: "already_usable",
                field: None,
                fr: "Les données s'ouvrent déjà (elles ont été restaurées entre-temps) : rien n'a été remplacé. Cliquez sur « Ouvrir JobGate » ou rouvrez JobGate.".into(),
                en: "The data opens already (it was restored meanwhile): nothing was replaced. Click \"Open JobGate\" or open JobGate again.".into(),
            },
            CommandError::Restart(detail) => ErrorDto {
                code: "restart",
                field: None,
                fr: format!(
                    "JobGate n'a pas pu se relancer ({detail}). Vos données sont restaurées : fermez cette fenêtre et rouvrez JobGate."
                ),
                en: format!(
                    "JobGate could not start again ({detail}). Your data is restored: close this window and open JobGate again."
                ),
            },
            CommandError::FileManager(detail) => ErrorDto {
                code: "file_manager",
                field: None,
                fr: format!(
                    "Le gestionnaire de fichiers ne s'est pas ouvert ({detail}). Le chemin du dossier est affiché dans Réglages → À propos : ouvrez-le vous-même."
                ),
                en: format!(
                    "The file manager did not open ({detail}). The folder's path is shown in Settings → About: open it yourself."
                ),
            },
            CommandError::NoFileChosen => ErrorDto {
                code: "no_file_chosen",
                field: None,
                fr: "Aucun fichier n'a été choisi : rien n'a été fait. Recommencez en choisissant le fichier dans la fenêtre qui s'ouvre.".into(),
                en: "No file was chosen: nothing was done. Start again and pick the file in the window that opens.".into(),
            },
            CommandError::SettingsDeclined => ErrorDto {
                code: "settings_declined",
                field: None,
                fr: "Réglages non enregistrés : le serveur d'envoi et votre clé restent ceux d'avant.".into(),
                en: "Settings not saved: the sending server and your key stay as they were.".into(),
            },
            CommandError::RestoreDeclined => ErrorDto {
                code: "restore_declined",
                field: None,
                fr: "Restauration annulée : rien n'a changé, vos données et vos réglages d'envoi sont ceux d'avant.".into(),
                en: "Restore cancelled: nothing changed, your data and sending settings are as they were.".into(),
            },
            CommandError::Validation(_) => ErrorDto {
                code: "validation",
                field: None,
                fr: "Certains champs sont à corriger : voyez les messages sous chaque champ."
                    .into(),
                en: "Some fields need correcting: see the message under each field.".into(),
            },
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
    pub fr: String,
    pub en: String,
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
            fr: summary.fr,
            en: summary.en,
            fields,
        }
        .serialize(serializer)
    }
}
