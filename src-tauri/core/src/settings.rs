//! Recruiter settings stored in SQLite, with the seed's environment overrides.
//!
//! Secrets are not settings: the SendGrid key lives in the OS keyring only and
//! never passes through this module.

use crate::error::{CoreError, Result};

pub const BASE_URL: &str = "base_url";
pub const LINK_VALIDITY_DAYS: &str = "link_validity_days";

/// Every setting `config get/set` knows.
pub const SETTING_NAMES: &[&str] = &[BASE_URL, LINK_VALIDITY_DAYS];

/// The seed's FRONTEND_BASE_URL default.
pub const DEFAULT_BASE_URL: &str = "http://localhost:3000";
/// The seed's lifecycle: links expire after 7 days by default.
pub const DEFAULT_LINK_VALIDITY_DAYS: u32 = 7;
pub const MAX_LINK_VALIDITY_DAYS: u32 = 365;

/// The seed's environment variable that overrides `base_url`.
pub const BASE_URL_ENV: &str = "FRONTEND_BASE_URL";

pub fn default_value(name: &str) -> Result<String> {
    match name {
        BASE_URL => Ok(DEFAULT_BASE_URL.to_owned()),
        LINK_VALIDITY_DAYS => Ok(DEFAULT_LINK_VALIDITY_DAYS.to_string()),
        other => Err(CoreError::UnknownSetting {
            name: other.to_owned(),
        }),
    }
}

/// Checks and normalises a value before it is stored.
pub fn validate(name: &str, raw: &str) -> Result<String> {
    match name {
        BASE_URL => normalise_base_url(raw),
        LINK_VALIDITY_DAYS => parse_validity_days(raw).map(|d| d.to_string()),
        other => Err(CoreError::UnknownSetting {
            name: other.to_owned(),
        }),
    }
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
    fn validity_days() {
        assert_eq!(parse_validity_days(" 7 ").unwrap(), 7);
        for bad in ["0", "366", "-1", "sept", "1.5"] {
            assert!(parse_validity_days(bad).is_err(), "{bad}");
        }
    }
}
