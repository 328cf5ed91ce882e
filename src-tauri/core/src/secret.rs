//! The SendGrid API key: validated, redacted, kept only in the OS keyring (or
//! the seed's `SENDGRID_API_KEY` environment variable, which wins).
//!
//! The key never reaches SQLite, logs, IPC replies, JSON output or error
//! texts: [`ApiKey`] has no `Display`, its `Debug` is redacted, and the only
//! thing shown of it is [`ApiKey::hint`] (the last four characters).

use std::fmt;

use crate::i18n::{FluentArgs, Lang};

/// The seed's environment variable; when set it overrides the keyring.
pub const API_KEY_ENV: &str = "SENDGRID_API_KEY";
/// Keyring service and account names.
pub const KEYRING_SERVICE: &str = crate::paths::APP_IDENTIFIER;
pub const KEYRING_ACCOUNT: &str = "sendgrid_api_key";

#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A SendGrid key starts with `SG.` and holds no whitespace: a stray
    /// newline or space is a known cause of 535 errors, so it is refused here
    /// rather than sent. Surrounding whitespace (from a paste or `echo`) is trimmed.
    pub fn parse(raw: &str) -> Result<ApiKey, SecretError> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(SecretError::Empty);
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(SecretError::Whitespace);
        }
        if !key.starts_with("SG.") || key.len() < 10 {
            return Err(SecretError::NotSendGrid);
        }
        Ok(ApiKey(key.to_owned()))
    }

    /// The secret itself, for the SMTP login only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What may be shown: `SG.…abcd`.
    pub fn hint(&self) -> String {
        let tail: String = self
            .0
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("SG.…{tail}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.hint())
    }
}

/// Where the key in use comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Environment,
    Keyring,
}

#[derive(Debug, Clone)]
pub enum SecretError {
    Empty,
    Whitespace,
    NotSendGrid,
    /// No usable keyring on this machine (no Secret Service, a locked keyring...).
    Unavailable {
        reason: Unavailable,
    },
}

impl fmt::Display for SecretError {
    /// The French message (the product's first language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for SecretError {}

/// Why the keyring cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The keyring exists but is locked or refuses access.
    Locked,
    /// No secret service answers (no D-Bus session, no keyring daemon).
    NoService,
    /// What was stored could not be read back.
    ReadBackMismatch,
    Other(String),
}

impl Unavailable {
    /// The `$reason` of `secret-keyring-reason`, and the platform's words for `other`.
    fn code_and_detail(&self) -> (&'static str, &str) {
        match self {
            Unavailable::Locked => ("locked", ""),
            Unavailable::NoService => ("no_service", ""),
            Unavailable::ReadBackMismatch => ("read_back_mismatch", ""),
            Unavailable::Other(detail) => ("other", detail),
        }
    }
}

impl SecretError {
    pub fn code(&self) -> &'static str {
        match self {
            SecretError::Empty => "api_key_empty",
            SecretError::Whitespace => "api_key_whitespace",
            SecretError::NotSendGrid => "api_key_format",
            SecretError::Unavailable { .. } => "keyring_unavailable",
        }
    }

    /// What is wrong with the key and what to do (`secret-error-<code>`).
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::render(
            lang,
            &format!("secret-error-{}", self.code()),
            Some(&self.message_args()),
        )
    }

    /// The arguments of this error's message, and of `mail-error-key` when an
    /// email could not go out for it.
    pub fn message_args(&self) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        args.set("variable", API_KEY_ENV);
        args.set("kind", self.code());
        if let SecretError::Unavailable { reason } = self {
            let (reason, detail) = reason.code_and_detail();
            args.set("reason", reason);
            args.set("detail", detail.to_owned());
        }
        args
    }
}

/// Where the key is kept. The real one is [`OsKeyring`]; tests of code that
/// only needs *a* store use [`MemorySecretStore`].
pub trait SecretStore: Send + Sync {
    fn get(&self) -> Result<Option<ApiKey>, SecretError>;
    fn set(&self, key: &ApiKey) -> Result<(), SecretError>;
    /// True when a key was there to delete.
    fn delete(&self) -> Result<bool, SecretError>;
}

/// The OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.
pub struct OsKeyring {
    service: String,
    account: String,
}

impl OsKeyring {
    pub fn new() -> OsKeyring {
        OsKeyring {
            service: KEYRING_SERVICE.to_owned(),
            account: KEYRING_ACCOUNT.to_owned(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, &self.account).map_err(unavailable)
    }
}

impl Default for OsKeyring {
    fn default() -> Self {
        OsKeyring::new()
    }
}

/// keyring's errors, told apart from "there is no key". Their text names the
/// platform's problem (no D-Bus session, locked collection); never the secret.
fn unavailable(e: keyring::Error) -> SecretError {
    let reason = match &e {
        keyring::Error::NoStorageAccess(_) => Unavailable::Locked,
        keyring::Error::PlatformFailure(_) => Unavailable::NoService,
        other => Unavailable::Other(other.to_string()),
    };
    SecretError::Unavailable { reason }
}

impl SecretStore for OsKeyring {
    fn get(&self) -> Result<Option<ApiKey>, SecretError> {
        match self.entry()?.get_password() {
            Ok(stored) => Ok(ApiKey::parse(&stored).ok()),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, key: &ApiKey) -> Result<(), SecretError> {
        let entry = self.entry()?;
        entry.set_password(key.expose()).map_err(unavailable)?;
        // Never claim to have stored what cannot be read back (keyring with no
        // backend silently keeps secrets in memory for this entry only).
        match keyring::Entry::new(&self.service, &self.account)
            .and_then(|fresh| fresh.get_password())
        {
            Ok(read) if read == key.expose() => {
                // That it happened, never what was stored.
                tracing::info!("API key saved in the OS keyring");
                Ok(())
            }
            Ok(_) => Err(SecretError::Unavailable {
                reason: Unavailable::ReadBackMismatch,
            }),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn delete(&self) -> Result<bool, SecretError> {
        match self.entry()?.delete_credential() {
            Ok(()) => {
                tracing::info!("API key deleted from the OS keyring");
                Ok(true)
            }
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// A store in memory, for unit tests.
#[derive(Default)]
pub struct MemorySecretStore(std::sync::Mutex<Option<ApiKey>>);

impl SecretStore for MemorySecretStore {
    fn get(&self) -> Result<Option<ApiKey>, SecretError> {
        Ok(self.0.lock().map(|k| k.clone()).unwrap_or(None))
    }
    fn set(&self, key: &ApiKey) -> Result<(), SecretError> {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(key.clone());
        }
        Ok(())
    }
    fn delete(&self) -> Result<bool, SecretError> {
        Ok(self
            .0
            .lock()
            .map(|mut k| k.take().is_some())
            .unwrap_or(false))
    }
}

/// `SENDGRID_API_KEY` as it was when the process started (issue 13, item 6).
static ENV_KEY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Reads `SENDGRID_API_KEY` once and removes it from the process environment,
/// so that no child process (mail client, file manager, `xdg-open`, WebKit's
/// own processes) inherits it. Call first thing at start-up, while no other
/// thread runs (changing the environment is only sound then).
pub fn take_env_key() {
    ENV_KEY.get_or_init(|| {
        let value = std::env::var(API_KEY_ENV).ok();
        // Edition 2021: safe to call; sound because no other thread exists yet.
        std::env::remove_var(API_KEY_ENV);
        value
    });
}

/// The environment's key: the one taken at start-up, else (tests, a library
/// user that never called [`take_env_key`]) the variable itself.
pub fn env_key() -> Option<String> {
    match ENV_KEY.get() {
        Some(taken) => taken.clone(),
        None => std::env::var(API_KEY_ENV).ok(),
    }
}

/// The key to use: `SENDGRID_API_KEY` when set (and valid), else the keyring's.
pub fn resolve(store: &dyn SecretStore) -> Result<Option<(ApiKey, KeySource)>, SecretError> {
    if let Some(raw) = env_key() {
        if !raw.trim().is_empty() {
            return ApiKey::parse(&raw).map(|k| Some((k, KeySource::Environment)));
        }
    }
    Ok(store.get()?.map(|k| (k, KeySource::Keyring)))
}

/// What Settings may show about the key: never the key.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct KeyStatus {
    pub set: bool,
    pub hint: Option<String>,
    pub source: Option<KeySource>,
    /// Set when the keyring cannot be used; the message says what to do.
    pub keyring_error: Option<crate::dto::ErrorDto>,
}

pub fn status(store: &dyn SecretStore) -> KeyStatus {
    match resolve(store) {
        Ok(Some((key, source))) => KeyStatus {
            set: true,
            hint: Some(key.hint()),
            source: Some(source),
            keyring_error: None,
        },
        Ok(None) => KeyStatus {
            set: false,
            hint: None,
            source: None,
            keyring_error: None,
        },
        Err(e) => KeyStatus {
            set: false,
            hint: None,
            source: None,
            keyring_error: Some(crate::dto::ErrorDto {
                code: e.code(),
                field: None,
                text: crate::i18n::texts(|lang| e.message(lang)),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_validated_and_never_printed() {
        let key = ApiKey::parse(" SG.abcdefghij.klmnopqrstuv\n").unwrap();
        assert_eq!(key.expose(), "SG.abcdefghij.klmnopqrstuv");
        assert_eq!(key.hint(), "SG.…stuv");
        assert!(!format!("{key:?}").contains("abcdefghij"));
        assert!(matches!(
            ApiKey::parse("SG.abc def.ghijkl"),
            Err(SecretError::Whitespace)
        ));
        assert!(matches!(
            ApiKey::parse("SG.abcdefgh\nijkl"),
            Err(SecretError::Whitespace)
        ));
        assert!(matches!(
            ApiKey::parse("abcdefghijklmnop"),
            Err(SecretError::NotSendGrid)
        ));
        assert!(matches!(ApiKey::parse("  "), Err(SecretError::Empty)));
    }

    #[test]
    fn memory_store_round_trip() {
        let store = MemorySecretStore::default();
        assert!(store.get().unwrap().is_none());
        let key = ApiKey::parse("SG.test-key-1234").unwrap();
        store.set(&key).unwrap();
        assert_eq!(store.get().unwrap(), Some(key));
        assert!(store.delete().unwrap());
        assert!(!store.delete().unwrap());
    }
}
