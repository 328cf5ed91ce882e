//! Recruiter settings stored in SQLite, with the seed's environment overrides.
//!
//! Secrets are not settings: the SendGrid key lives in the OS keyring only and
//! never passes through this module.

use lettre::message::Mailbox;

use crate::error::{CoreError, Result};
use crate::mail::{Security, SmtpConfig};

pub const BASE_URL: &str = "base_url";
pub const LINK_VALIDITY_DAYS: &str = "link_validity_days";
pub const SMTP_HOST: &str = "smtp_host";
pub const SMTP_PORT: &str = "smtp_port";
pub const SMTP_SECURITY: &str = "smtp_security";
pub const SMTP_USERNAME: &str = "smtp_username";
pub const SMTP_CA_FILE: &str = "smtp_ca_file";
pub const SMTP_TIMEOUT_SECONDS: &str = "smtp_timeout_seconds";
pub const FROM: &str = "from";
pub const REPLY_TO: &str = "reply_to";
pub const SMTP_CONNECTIONS: &str = "smtp_connections";
pub const RATE_LIMIT_PER_MINUTE: &str = "rate_limit_per_minute";
pub const DAILY_QUOTA: &str = "daily_quota";
pub const DELIVERY_MODE: &str = "delivery_mode";
pub const DRY_RUN_DIR: &str = "dry_run_dir";
/// The company name emails sign with (`{company}`); empty: the From display name.
pub const COMPANY: &str = "company";
/// The recruiter's name (`{recruiter_name}`); empty: the company.
pub const RECRUITER_NAME: &str = "recruiter_name";
/// The interface's language, `fr` or `en`; empty: the OS language.
pub const UI_LANGUAGE: &str = "ui_language";
/// How much the log file records: `error`, `warn`, `info` (default) or `debug`.
pub const LOG_LEVEL: &str = "log_level";
/// The log levels, least detailed first.
pub const LOG_LEVELS: &[&str] = &["error", "warn", "info", "debug"];

/// The settings that decide where the API key is sent (issue 13, item 6): a
/// restore never changes them without the recruiter seeing the difference and
/// agreeing.
pub const KEY_DESTINATION: &[&str] = &[
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_USERNAME,
    SMTP_CA_FILE,
];

/// Every setting `config get/set` knows.
pub const SETTING_NAMES: &[&str] = &[
    BASE_URL,
    LINK_VALIDITY_DAYS,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_USERNAME,
    SMTP_CA_FILE,
    SMTP_TIMEOUT_SECONDS,
    FROM,
    REPLY_TO,
    SMTP_CONNECTIONS,
    RATE_LIMIT_PER_MINUTE,
    DAILY_QUOTA,
    DELIVERY_MODE,
    DRY_RUN_DIR,
    COMPANY,
    RECRUITER_NAME,
    UI_LANGUAGE,
    LOG_LEVEL,
];

/// The seed's environment variable that overrides `from`.
pub const FROM_ENV: &str = "DEFAULT_FROM_EMAIL";

/// The seed's FRONTEND_BASE_URL default.
pub const DEFAULT_BASE_URL: &str = "http://localhost:3000";
/// The seed's lifecycle: links expire after 7 days by default.
pub const DEFAULT_LINK_VALIDITY_DAYS: u32 = 7;
pub const MAX_LINK_VALIDITY_DAYS: u32 = 365;

/// The seed's environment variable that overrides `base_url`.
pub const BASE_URL_ENV: &str = "FRONTEND_BASE_URL";

/// Defaults: the seed's (SendGrid over STARTTLS on 587, user `apikey`). No
/// sender address by default: it must be one the recruiter verified in SendGrid.
pub fn default_value(name: &str) -> Result<String> {
    Ok(match name {
        BASE_URL => DEFAULT_BASE_URL.to_owned(),
        LINK_VALIDITY_DAYS => DEFAULT_LINK_VALIDITY_DAYS.to_string(),
        SMTP_HOST => "smtp.sendgrid.net".to_owned(),
        SMTP_PORT => "587".to_owned(),
        SMTP_SECURITY => "starttls".to_owned(),
        SMTP_USERNAME => "apikey".to_owned(),
        SMTP_TIMEOUT_SECONDS => "30".to_owned(),
        SMTP_CONNECTIONS => "4".to_owned(),
        RATE_LIMIT_PER_MINUTE => "0".to_owned(),
        // SendGrid's free tier.
        DAILY_QUOTA => "100".to_owned(),
        DELIVERY_MODE => "smtp".to_owned(),
        LOG_LEVEL => "info".to_owned(),
        SMTP_CA_FILE | FROM | REPLY_TO | DRY_RUN_DIR | COMPANY | RECRUITER_NAME | UI_LANGUAGE => {
            String::new()
        }
        other => {
            return Err(CoreError::UnknownSetting {
                name: other.to_owned(),
            })
        }
    })
}

/// What only a newly chosen value must satisfy, beyond [`validate`]: a CA
/// file being set must exist (one set earlier may since have gone, and that
/// is said when sending, not here).
pub fn check_new_value(name: &str, value: &str) -> Result<()> {
    if name == SMTP_CA_FILE && !value.is_empty() && !std::path::Path::new(value).is_file() {
        return Err(CoreError::InvalidSetting {
            name: SMTP_CA_FILE,
            value: value.to_owned(),
        });
    }
    Ok(())
}

/// Checks and normalises a value before it is stored.
pub fn validate(name: &str, raw: &str) -> Result<String> {
    let value = raw.trim();
    let invalid = |name: &'static str| CoreError::InvalidSetting {
        name,
        value: value.to_owned(),
    };
    match name {
        BASE_URL => normalise_base_url(raw),
        LINK_VALIDITY_DAYS => parse_validity_days(raw).map(|d| d.to_string()),
        SMTP_HOST => {
            if value.is_empty()
                || value.len() > 253
                || value
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '/')
            {
                Err(invalid(SMTP_HOST))
            } else {
                Ok(value.to_ascii_lowercase())
            }
        }
        SMTP_PORT => match value.parse::<u16>() {
            Ok(port) if port > 0 => Ok(port.to_string()),
            _ => Err(invalid(SMTP_PORT)),
        },
        SMTP_SECURITY => Security::parse(value)
            .map(|s| s.as_str().to_owned())
            .ok_or_else(|| invalid(SMTP_SECURITY)),
        SMTP_USERNAME => {
            if value.is_empty() || value.chars().any(char::is_control) {
                Err(invalid(SMTP_USERNAME))
            } else {
                Ok(value.to_owned())
            }
        }
        // Only the value's shape: whether the file is there is checked when it
        // is set (`check_new_value`) and when a transport is built
        // (`MailError::CaFile`), so a CA file that went missing blocks SMTP
        // only, never the `mailto:` fallback or the other settings.
        SMTP_CA_FILE => {
            if value.chars().any(char::is_control) {
                Err(invalid(SMTP_CA_FILE))
            } else {
                Ok(value.to_owned())
            }
        }
        SMTP_TIMEOUT_SECONDS => match value.parse::<u64>() {
            Ok(s) if (1..=300).contains(&s) => Ok(s.to_string()),
            _ => Err(invalid(SMTP_TIMEOUT_SECONDS)),
        },
        SMTP_CONNECTIONS => bounded(value, 1, 16).ok_or_else(|| invalid(SMTP_CONNECTIONS)),
        RATE_LIMIT_PER_MINUTE => {
            bounded(value, 0, 100_000).ok_or_else(|| invalid(RATE_LIMIT_PER_MINUTE))
        }
        DAILY_QUOTA => bounded(value, 0, 10_000_000).ok_or_else(|| invalid(DAILY_QUOTA)),
        DELIVERY_MODE => match value {
            "smtp" | "dry_run" => Ok(value.to_owned()),
            _ => Err(invalid(DELIVERY_MODE)),
        },
        DRY_RUN_DIR => {
            if value.chars().any(char::is_control) {
                Err(invalid(DRY_RUN_DIR))
            } else {
                Ok(value.to_owned())
            }
        }
        // One line: they go into subjects and signatures.
        COMPANY | RECRUITER_NAME => {
            let name = if name == COMPANY {
                COMPANY
            } else {
                RECRUITER_NAME
            };
            if value.chars().count() > 100 || value.chars().any(char::is_control) {
                Err(invalid(name))
            } else {
                Ok(value.to_owned())
            }
        }
        LOG_LEVEL => {
            let level = value.to_ascii_lowercase();
            if LOG_LEVELS.contains(&level.as_str()) {
                Ok(level)
            } else {
                Err(invalid(LOG_LEVEL))
            }
        }
        UI_LANGUAGE => match value {
            "" | "fr" | "en" => Ok(value.to_owned()),
            _ => Err(invalid(UI_LANGUAGE)),
        },
        FROM => {
            if value.is_empty() {
                Ok(String::new())
            } else {
                parse_mailbox(value)
                    .map(|m| m.to_string())
                    .ok_or_else(|| invalid(FROM))
            }
        }
        REPLY_TO => {
            if value.is_empty() {
                Ok(String::new())
            } else {
                parse_mailbox(value)
                    .map(|m| m.to_string())
                    .ok_or_else(|| invalid(REPLY_TO))
            }
        }
        other => Err(CoreError::UnknownSetting {
            name: other.to_owned(),
        }),
    }
}

/// A whole number within `min..=max`, normalised.
fn bounded(value: &str, min: u64, max: u64) -> Option<String> {
    value
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .map(|n| n.to_string())
}

/// `Name <address>` or a bare address; the address checked like a candidate's,
/// the display name on one line.
pub fn parse_mailbox(value: &str) -> Option<Mailbox> {
    if value.chars().any(char::is_control) {
        return None;
    }
    let mailbox: Mailbox = value.trim().parse().ok()?;
    crate::domain::EmailAddress::parse(mailbox.email.as_ref()).ok()?;
    Some(mailbox)
}

/// What sending needs from the settings, environment overrides applied.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub smtp: SmtpConfig,
    pub from: Option<Mailbox>,
    pub reply_to: Option<Mailbox>,
    /// Dedicated connections a batch sends over.
    pub connections: usize,
    /// 0: no limit.
    pub rate_limit_per_minute: u32,
    /// 0: no quota. A batch that would exceed it is announced first.
    pub daily_quota: u32,
    /// Where emails go instead of SMTP, in dry-run mode (`None`: SMTP).
    pub dry_run_dir: Option<std::path::PathBuf>,
    /// The `company` setting as stored (may be empty).
    pub company: String,
    /// The `recruiter_name` setting as stored (may be empty).
    pub recruiter_name: String,
}

impl MailSettings {
    /// Who signs the email (`{company}`): the `company` setting, else the
    /// From display name, else "JobGate".
    pub fn team(&self) -> String {
        Some(self.company.trim().to_owned())
            .filter(|c| !c.is_empty())
            .or_else(|| {
                self.from
                    .as_ref()
                    .and_then(|m| m.name.clone())
                    .filter(|n| !n.trim().is_empty())
            })
            .unwrap_or_else(|| "JobGate".to_owned())
    }

    /// `{recruiter_name}`: the `recruiter_name` setting, else [`Self::team`].
    pub fn recruiter(&self) -> String {
        Some(self.recruiter_name.trim().to_owned())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| self.team())
    }
}

/// Where dry-run emails go when `dry_run_dir` is empty: `dry-run/` in the data folder.
pub fn default_dry_run_dir() -> std::path::PathBuf {
    crate::paths::data_dir()
        .unwrap_or_else(|_| std::env::temp_dir())
        .join("dry-run")
}

/// Builds [`MailSettings`] from stored values (`get` gives a setting's stored
/// value or default) and `DEFAULT_FROM_EMAIL`.
pub fn mail_settings(get: impl Fn(&str) -> Result<String>) -> Result<MailSettings> {
    let stored = |name: &'static str| -> Result<String> {
        let raw = get(name)?;
        // Re-validate: a hand-edited database must not reach the transport.
        validate(name, &raw)
    };
    let from_env = std::env::var(FROM_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty());
    let from = match from_env {
        Some(v) => Some(parse_mailbox(&v).ok_or(CoreError::InvalidSetting {
            name: FROM,
            value: v.clone(),
        })?),
        None => Some(stored(FROM)?)
            .filter(|v| !v.is_empty())
            .and_then(|v| parse_mailbox(&v)),
    };
    let reply_to = Some(stored(REPLY_TO)?)
        .filter(|v| !v.is_empty())
        .and_then(|v| parse_mailbox(&v));
    let ca = stored(SMTP_CA_FILE)?;
    let number = |name: &'static str| -> Result<u64> { Ok(stored(name)?.parse().unwrap_or(0)) };
    let dry_run_dir = (stored(DELIVERY_MODE)? == "dry_run").then(|| {
        let dir = stored(DRY_RUN_DIR).unwrap_or_default();
        if dir.is_empty() {
            default_dry_run_dir()
        } else {
            std::path::PathBuf::from(dir)
        }
    });
    Ok(MailSettings {
        connections: number(SMTP_CONNECTIONS)?.clamp(1, 16) as usize,
        rate_limit_per_minute: number(RATE_LIMIT_PER_MINUTE)? as u32,
        daily_quota: number(DAILY_QUOTA)? as u32,
        dry_run_dir,
        company: stored(COMPANY)?,
        recruiter_name: stored(RECRUITER_NAME)?,
        smtp: SmtpConfig {
            host: stored(SMTP_HOST)?,
            port: stored(SMTP_PORT)?.parse().unwrap_or(587),
            security: Security::parse(&stored(SMTP_SECURITY)?).unwrap_or(Security::Starttls),
            username: stored(SMTP_USERNAME)?,
            ca_file: Some(ca)
                .filter(|c| !c.is_empty())
                .map(std::path::PathBuf::from),
            timeout: std::time::Duration::from_secs(
                stored(SMTP_TIMEOUT_SECONDS)?.parse().unwrap_or(30),
            ),
        },
        from,
        reply_to,
    })
}

/// An absolute http(s) URL without query or fragment; the trailing slash is
/// dropped so `{base}/interview/start/{token}` has exactly one.
pub fn normalise_base_url(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let invalid = || CoreError::InvalidBaseUrl {
        value: trimmed.to_owned(),
    };
    let parsed = url::Url::parse(trimmed).map_err(|_| invalid())?;
    if !matches!(parsed.scheme(), "http" | "https")
        || parsed.host_str().is_none()
        || parsed.query().is_some()
        || parsed.fragment().is_some()
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return Err(invalid());
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

pub fn parse_validity_days(raw: &str) -> Result<u32> {
    let invalid = || CoreError::InvalidValidityDays {
        value: raw.trim().to_owned(),
    };
    let days: u32 = raw.trim().parse().map_err(|_| invalid())?;
    if (1..=MAX_LINK_VALIDITY_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(invalid())
    }
}

/// The value of `FRONTEND_BASE_URL` when set and valid. An invalid value is an
/// error rather than silently ignored: links must not point somewhere unexpected.
pub fn base_url_from_env() -> Result<Option<String>> {
    match std::env::var(BASE_URL_ENV) {
        Ok(v) if !v.trim().is_empty() => normalise_base_url(&v).map(Some),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            normalise_base_url("https://entretiens.exemple.fr/").unwrap(),
            "https://entretiens.exemple.fr"
        );
        assert_eq!(
            normalise_base_url(" http://localhost:3000 ").unwrap(),
            "http://localhost:3000"
        );
        assert_eq!(
            normalise_base_url("https://exemple.fr/jobgate/").unwrap(),
            "https://exemple.fr/jobgate"
        );
        for bad in [
            "",
            "localhost:3000",
            "ftp://x.fr",
            "javascript:alert(1)",
            "https://x.fr/?a=b",
            "https://u:p@x.fr",
        ] {
            assert!(normalise_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn smtp_settings() {
        assert_eq!(
            validate(SMTP_HOST, " SMTP.SendGrid.net ").unwrap(),
            "smtp.sendgrid.net"
        );
        assert!(validate(SMTP_HOST, "smtp sendgrid").is_err());
        assert_eq!(validate(SMTP_PORT, "465").unwrap(), "465");
        assert!(validate(SMTP_PORT, "0").is_err());
        assert!(validate(SMTP_PORT, "70000").is_err());
        assert_eq!(validate(SMTP_SECURITY, "STARTTLS").unwrap(), "starttls");
        assert!(validate(SMTP_SECURITY, "ssl").is_err());
        // A missing CA file is refused when it is chosen, not when stored
        // settings are read back (it would block the mailto: fallback).
        assert!(check_new_value(SMTP_CA_FILE, "/nonexistent/ca.pem").is_err());
        assert!(validate(SMTP_CA_FILE, "/nonexistent/ca.pem").is_ok());
        assert_eq!(validate(SMTP_CA_FILE, "").unwrap(), "");
        assert_eq!(
            validate(FROM, "Acme Recrutement <recrutement@acme.fr>").unwrap(),
            "Acme Recrutement <recrutement@acme.fr>"
        );
        assert_eq!(
            validate(FROM, "recrutement@acme.fr").unwrap(),
            "recrutement@acme.fr"
        );
        assert!(validate(FROM, "Acme <pas-une-adresse>").is_err());
        assert!(validate(FROM, "Acme\r\nBcc: x@y.fr <a@acme.fr>").is_err());
        assert!(validate(REPLY_TO, "a@b").is_err());
        for name in SETTING_NAMES {
            let default = default_value(name).unwrap();
            assert_eq!(validate(name, &default).unwrap(), default, "{name}");
        }
    }

    #[test]
    fn validity_days() {
        assert_eq!(parse_validity_days(" 7 ").unwrap(), 7);
        for bad in ["0", "366", "-1", "sept", "1.5"] {
            assert!(parse_validity_days(bad).is_err(), "{bad}");
        }
    }
}
