//! `jobgate config|key|check|send-test`: the window's Réglages — settings,
//! the key in the OS keyring, the connection check and the test email
//! (`commands/settings.rs`).

use std::io::Read;

use jobgate_core::secret::{self, ApiKey, KeySource, OsKeyring, SecretStore};
use jobgate_core::{i18n, settings, tr, CoreError, Lang};

use super::{block_on, open_invitations, open_store, ConfigAction, KeyAction, EXIT_FAILURE};

pub(super) fn config(action: ConfigAction, lang: Lang) -> Result<i32, CoreError> {
    let mut store = open_store()?;
    let overridden = |name: &str| {
        settings::env_overrides()
            .find(|(setting, _, _)| *setting == name)
            .map(|(_, variable, value)| format!("({variable} = {value})"))
    };
    match action {
        ConfigAction::Get { name } => {
            println!("{}", store.setting(&name)?);
            if let Some(note) = overridden(&name) {
                eprintln!("{note}");
            }
        }
        ConfigAction::Set { name, value } => {
            let stored = store.set_setting(&name, &value)?;
            println!("{name} = {stored}");
        }
        ConfigAction::List => {
            for setting in settings::SETTINGS {
                let label = i18n::render(lang, setting.label, None);
                let value = store.setting(setting.name)?;
                let note = overridden(setting.name).unwrap_or_default();
                let line = format!("{} = {value}  # {label} {note}", setting.name);
                println!("{}", line.trim_end());
            }
        }
    }
    Ok(0)
}

pub(super) fn key(action: KeyAction, lang: Lang) -> Result<i32, CoreError> {
    let keyring = OsKeyring::new();
    match action {
        KeyAction::Set => {
            let mut raw = String::new();
            std::io::stdin().read_to_string(&mut raw)?;
            let key = ApiKey::parse(&raw)?;
            keyring.set(&key)?;
            println!("{}", tr!(lang, "cli-key-stored", hint = key.hint()));
        }
        KeyAction::Status => {
            let status = secret::status(&keyring);
            if let Some(e) = status.keyring_error {
                let text = e.text.get(&lang).cloned().unwrap_or_default();
                eprintln!("{text}");
                return Ok(EXIT_FAILURE);
            }
            let line = match (status.hint, status.source) {
                (Some(hint), Some(KeySource::Environment)) => {
                    let variable = secret::API_KEY_ENV;
                    tr!(
                        lang,
                        "cli-key-from-environment",
                        variable = variable,
                        hint = hint
                    )
                }
                (Some(hint), _) => tr!(lang, "cli-key-stored", hint = hint),
                (None, _) => tr!(lang, "cli-key-none"),
            };
            println!("{line}");
            if !status.set {
                return Ok(EXIT_FAILURE);
            }
        }
        KeyAction::Delete => {
            let deleted = keyring.delete()?;
            let id = if deleted {
                "cli-key-deleted"
            } else {
                "cli-key-was-none"
            };
            println!("{}", tr!(lang, id));
        }
    }
    Ok(0)
}

pub(super) fn check(lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let config = invitations.mail_settings()?.smtp;
    block_on(invitations.check_connection())??;
    let (host, port, security) = (config.host.as_str(), config.port, config.security.as_str());
    println!(
        "{}",
        tr!(
            lang,
            "cli-check-ok",
            host = host,
            port = port,
            security = security
        )
    );
    Ok(0)
}

pub(super) fn send_test(address: &str, lang: Lang) -> Result<i32, CoreError> {
    let receipt = block_on(open_invitations()?.send_test(address))??;
    let (code, reply) = (receipt.code, receipt.reply.as_str());
    println!(
        "{}",
        tr!(
            lang,
            "cli-send-test-ok",
            email = address,
            code = code,
            reply = reply
        )
    );
    Ok(0)
}
