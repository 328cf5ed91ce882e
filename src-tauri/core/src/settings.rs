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
/// Months a candidate's data is kept after their last activity (item 4 of the
/// RGPD issue: the CNIL's 2 years); 0: no limit.
pub const RETENTION_MONTHS: &str = "retention_months";
/// The longest `retention_months` accepted (10 years).
pub const MAX_RETENTION_MONTHS: u64 = 120;
/// Who is responsible for the candidates' data (the notice in every email);
/// empty: the company.
pub const PRIVACY_CONTROLLER: &str = "privacy_controller";
/// Where candidates exercise their rights (the notice); empty: the Reply-To
/// address, else the sender.
pub const PRIVACY_CONTACT: &str = "privacy_contact";
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

/// The seed's FRONTEND_BASE_URL default.
pub const DEFAULT_BASE_URL: &str = "http://localhost:3000";
/// The seed's lifecycle: links expire after 7 days by default.
pub const DEFAULT_LINK_VALIDITY_DAYS: u32 = 7;
pub const MAX_LINK_VALIDITY_DAYS: u32 = 365;

mod table;
pub use table::*;

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

/// Whether links to `base_url` would lead to the computer that opens them
/// (`localhost`, `*.localhost`, a loopback or unspecified address): fine for
/// a dry run, useless to a candidate.
pub fn is_on_this_computer(base_url: &str) -> bool {
    match url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback() || ip.is_unspecified(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback()
                || ip.is_unspecified()
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_loopback() || v4.is_unspecified())
        }
        None => false,
    }
}

/// Where interview links lead, as the first-run checklist tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LinkPlace {
    /// This computer ([`is_on_this_computer`]): refused for real emails.
    ThisComputer,
    /// A private network (10/8, 172.16/12, 192.168/16, link-local, IPv6
    /// unique-local, a one-word host name or `.local`, `.lan`, `.internal`,
    /// `.home.arpa`): only candidates on that network could open the links,
    /// so the recruiter is asked once.
    Private,
    /// Anywhere else: the Internet.
    Public,
}

/// Where links to `base_url` lead.
pub fn link_place(base_url: &str) -> LinkPlace {
    if is_on_this_computer(base_url) {
        return LinkPlace::ThisComputer;
    }
    let private = match url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            !name.contains('.')
                || [".local", ".lan", ".internal", ".home.arpa", ".intranet"]
                    .iter()
                    .any(|suffix| name.ends_with(suffix))
        }
        Some(url::Host::Ipv4(ip)) => ip.is_private() || ip.is_link_local(),
        Some(url::Host::Ipv6(ip)) => {
            let first = ip.segments()[0];
            // fc00::/7 (unique local) and fe80::/10 (link-local).
            (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_private() || v4.is_link_local())
        }
        None => false,
    };
    if private {
        LinkPlace::Private
    } else {
        LinkPlace::Public
    }
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
        for name in names() {
            let default = default_value(name).unwrap();
            assert_eq!(validate(name, &default).unwrap(), default, "{name}");
        }
    }

    #[test]
    fn the_table_holds_each_setting_once_with_a_valid_default() {
        let mut seen = std::collections::BTreeSet::new();
        for setting in SETTINGS {
            assert!(seen.insert(setting.name), "{} twice", setting.name);
            assert_eq!(setting.label, format!("setting-{}", setting.name));
        }
        assert_eq!(
            default_value(LINK_VALIDITY_DAYS).unwrap(),
            DEFAULT_LINK_VALIDITY_DAYS.to_string()
        );
        assert_eq!(default_value(BASE_URL).unwrap(), DEFAULT_BASE_URL);
        assert!(matches!(
            validate("smtp_hots", "x"),
            Err(CoreError::UnknownSetting { .. })
        ));
        let overridden: Vec<_> = SETTINGS.iter().filter_map(|s| s.env).collect();
        assert_eq!(overridden, [BASE_URL_ENV, FROM_ENV]);
    }

    #[test]
    fn validity_days() {
        assert_eq!(parse_validity_days(" 7 ").unwrap(), 7);
        for bad in ["0", "366", "-1", "sept", "1.5"] {
            assert!(parse_validity_days(bad).is_err(), "{bad}");
        }
    }
}

#[cfg(test)]
mod link_place_tests {
    use super::{link_place, LinkPlace};

    #[test]
    fn where_links_lead_this_computer_private_or_public() {
        for url in [
            "http://localhost:3000",
            "http://127.0.0.1",
            "http://[::1]:8080",
        ] {
            assert_eq!(link_place(url), LinkPlace::ThisComputer, "{url}");
        }
        for url in [
            "http://192.168.1.20:8080",
            "http://10.0.0.5",
            "https://172.20.1.1",
            "http://169.254.3.4",
            "http://intranet",
            "https://entretiens.local",
            "https://rh.home.arpa",
            "http://[fd00::1]",
            "http://[fe80::1]",
        ] {
            assert_eq!(link_place(url), LinkPlace::Private, "{url}");
        }
        for url in [
            "https://entretiens.exemple.fr",
            "https://8.8.8.8",
            "https://172.32.0.1",
        ] {
            assert_eq!(link_place(url), LinkPlace::Public, "{url}");
        }
    }
}
