//! Réglages: the settings form, the key in the OS keyring, the connection
//! check and the test email, and À propos (`jobgate config|key|check|send-test`).

use std::collections::BTreeMap;

use jobgate_core::dto::replies::{AppInfo, SettingsReply, SmtpReply};
use jobgate_core::invitations::SetupStatus;
use jobgate_core::secret::{self, ApiKey, KeyStatus};
use jobgate_core::store::Store;
use jobgate_core::{settings, time, CoreError};
use tauri::State;

use super::data::{self, SettingChange};
use super::{files, ui_lang, with_store};
use crate::error::CommandError;
use crate::state::AppState;

fn settings_reply(state: &AppState) -> Result<SettingsReply, CommandError> {
    let store = state.store()?;
    let mut values = BTreeMap::new();
    for setting in settings::SETTINGS {
        values.insert(setting.name.to_owned(), store.setting(setting.name)?);
    }
    drop(store);
    let overrides = settings::env_overrides()
        .map(|(setting, variable, value)| (setting.to_owned(), (variable.to_owned(), value)))
        .collect();
    Ok(SettingsReply {
        values,
        overrides,
        key: secret::status(state.invitations.secrets()),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsReply, CommandError> {
    settings_reply(&state)
}

/// Saves the settings form: every value is checked first, and nothing is saved
/// unless all are valid (each wrong field gets its own message).
///
/// The key is bound to where it is sent: while one is saved, a change of the
/// SMTP server, port, security, user name or CA (`settings::KEY_DESTINATION`)
/// is confirmed in a native dialog Rust opens, naming each difference; on
/// Annuler nothing is saved.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_settings<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    values: BTreeMap<String, String>,
) -> Result<SettingsReply, CommandError> {
    let (changes, lang) = {
        let store = state.store()?;
        let errors: Vec<_> = values
            .iter()
            .filter_map(|(name, value)| store.check_setting(name, value).err())
            .collect();
        if !errors.is_empty() {
            return Err(CommandError::Validation(errors));
        }
        (key_destination_changes(&store, &values)?, ui_lang(&store)?)
    };
    if !changes.is_empty() && secret::status(state.invitations.secrets()).set {
        let (title, message, ok, cancel) =
            data::smtp_question(&changes, lang, data::KeyDestinationChange::Settings);
        if !files::ask(&app, &title, &message, &ok, &cancel).await {
            return Err(CommandError::SettingsDeclined);
        }
    }
    {
        let mut store = state.store()?;
        // Asked about the settings as they were: changed meanwhile, ask again.
        if key_destination_changes(&store, &values)? != changes {
            return Err(CommandError::SettingsDeclined);
        }
        for (name, value) in &values {
            store.set_setting(name, value)?;
        }
        crate::logging::apply_setting(&store.setting(settings::LOG_LEVEL)?);
    }
    tracing::info!(settings = ?values.keys().collect::<Vec<_>>(), "settings saved");
    settings_reply(&state)
}

/// The settings of `settings::KEY_DESTINATION` that `values` would change.
fn key_destination_changes(
    store: &Store,
    values: &BTreeMap<String, String>,
) -> Result<Vec<SettingChange>, CommandError> {
    data::key_destination_changes(store, |name| {
        Ok(values
            .get(name)
            .map(|raw| settings::validate(name, raw))
            .transpose()?)
    })
}

/// Stores the SendGrid key in the OS keyring. The reply shows only its last 4 characters.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_api_key(
    state: State<'_, AppState>,
    key: String,
) -> Result<KeyStatus, CommandError> {
    let key = ApiKey::parse(&key).map_err(CoreError::from)?;
    state
        .invitations
        .secrets()
        .set(&key)
        .map_err(CoreError::from)?;
    Ok(secret::status(state.invitations.secrets()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_api_key(state: State<'_, AppState>) -> Result<KeyStatus, CommandError> {
    state
        .invitations
        .secrets()
        .delete()
        .map_err(CoreError::from)?;
    Ok(secret::status(state.invitations.secrets()))
}

/// "Vérifier la connexion": logs in without sending.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_connection(state: State<'_, AppState>) -> Result<SmtpReply, CommandError> {
    let smtp = state.invitations.mail_settings()?.smtp;
    state.invitations.check_connection().await?;
    Ok(SmtpReply {
        host: smtp.host,
        port: smtp.port,
        security: smtp.security.as_str(),
        code: None,
        reply: None,
    })
}

/// "Envoyer un email de test" to the address the admin typed.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_test_email(
    state: State<'_, AppState>,
    address: String,
) -> Result<SmtpReply, CommandError> {
    let smtp = state.invitations.mail_settings()?.smtp;
    let receipt = state.invitations.send_test(&address).await?;
    Ok(SmtpReply {
        host: smtp.host,
        port: smtp.port,
        security: smtp.security.as_str(),
        code: Some(receipt.code),
        reply: Some(receipt.reply),
    })
}

/// The page says whether it holds edits not saved (Réglages, the template
/// editor), so closing the window asks first (`lib.rs`).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_unsaved_changes(
    state: State<'_, AppState>,
    unsaved: bool,
) -> Result<(), CommandError> {
    if unsaved {
        let lang = ui_lang(&*state.store()?)?;
        if let Ok(mut kept) = state.unsaved_lang.lock() {
            *kept = Some(lang);
        }
    }
    state
        .unsaved_changes
        .store(unsaved, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// The first-run checklist: sender, link address, key, test email.
#[tauri::command(rename_all = "snake_case")]
pub async fn setup_status(state: State<'_, AppState>) -> Result<SetupStatus, CommandError> {
    Ok(state.invitations.setup_status()?)
}

/// The recruiter answered yes to links on a private network (native
/// dialog): not asked again for this address.
#[tauri::command(rename_all = "snake_case")]
pub async fn confirm_link_address(state: State<'_, AppState>) -> Result<SetupStatus, CommandError> {
    state
        .invitations
        .confirm_private_base_url(chrono::Utc::now())?;
    Ok(state.invitations.setup_status()?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    with_store(&state, |store, _| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            ui_lang: ui_lang(store)?,
            schema_version: store.schema_version()?,
            latest_schema_version: jobgate_core::latest_schema_version(),
            sqlite_version: jobgate_core::store::sqlite_version(),
            data_dir: state.data_dir.display().to_string(),
            log_dir: data::log_dir(&state.data_dir).display().to_string(),
            base_url: store.base_url()?,
            time_zone: time::recruiter_zone().name().to_owned(),
            dry_run_dir: settings::mail_settings(|name| store.setting(name))?
                .dry_run_dir
                .map(|d| d.display().to_string()),
        })
    })
}
