//! The settings table: every setting's name, environment override, default,
//! rule and Réglages labels, and the one check of a value by its rule.

use super::*;

/// How a setting's value is checked and normalised (leading and trailing
/// spaces dropped first).
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// An absolute http(s) address ([`normalise_base_url`]).
    BaseUrl,
    /// 1 to [`MAX_LINK_VALIDITY_DAYS`] days ([`parse_validity_days`]).
    ValidityDays,
    /// A host name: no spaces, no '/', at most 253 characters; lower-cased.
    Host,
    /// `starttls`, `tls` or `plain`, any case.
    Security,
    /// One line of text, `required` or not, at most `max_chars` characters.
    Text {
        required: bool,
        max_chars: Option<usize>,
    },
    /// A whole number within `min..=max`.
    Number { min: u64, max: u64 },
    /// One of `words` (`lowercase`: compared lower-cased, and stored so).
    Choice {
        words: &'static [&'static str],
        lowercase: bool,
    },
    /// `Name <address>` or a bare address, or nothing ([`parse_mailbox`]).
    Mailbox,
}

/// One setting: its name, the seed's environment variable that overrides it,
/// its default, its rule, and the catalog ids of its label and hint in
/// Réglages (`setting-<name>`, `setting-<name>-placeholder`).
#[derive(Debug)]
pub struct Setting {
    pub name: &'static str,
    pub env: Option<&'static str>,
    pub default: &'static str,
    pub rule: Rule,
    pub label: &'static str,
    pub hint: Option<&'static str>,
}

/// The seed's environment variable that overrides `from`.
pub const FROM_ENV: &str = "DEFAULT_FROM_EMAIL";
/// The seed's environment variable that overrides `base_url`.
pub const BASE_URL_ENV: &str = "FRONTEND_BASE_URL";

const LINE: Rule = Rule::Text {
    required: false,
    max_chars: None,
};
/// They go into subjects and signatures.
const SIGNATURE: Rule = Rule::Text {
    required: false,
    max_chars: Some(100),
};

/// Every setting `config get/set` and Réglages know. Defaults: the seed's
/// (SendGrid over STARTTLS on 587, user `apikey`). No sender address by
/// default: it must be one the recruiter verified in SendGrid.
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: BASE_URL,
        env: Some(BASE_URL_ENV),
        default: DEFAULT_BASE_URL,
        rule: Rule::BaseUrl,
        label: "setting-base_url",
        hint: None,
    },
    Setting {
        name: LINK_VALIDITY_DAYS,
        env: None,
        default: "7",
        rule: Rule::ValidityDays,
        label: "setting-link_validity_days",
        hint: None,
    },
    Setting {
        name: SMTP_HOST,
        env: None,
        default: "smtp.sendgrid.net",
        rule: Rule::Host,
        label: "setting-smtp_host",
        hint: None,
    },
    Setting {
        name: SMTP_PORT,
        env: None,
        default: "587",
        rule: Rule::Number { min: 1, max: 65535 },
        label: "setting-smtp_port",
        hint: None,
    },
    Setting {
        name: SMTP_SECURITY,
        env: None,
        default: "starttls",
        rule: Rule::Security,
        label: "setting-smtp_security",
        hint: None,
    },
    Setting {
        name: SMTP_USERNAME,
        env: None,
        default: "apikey",
        rule: Rule::Text {
            required: true,
            max_chars: None,
        },
        label: "setting-smtp_username",
        hint: None,
    },
    // Only the value's shape: whether the file is there is checked when it is
    // set (`check_new_value`) and when a transport is built
    // (`MailError::CaFile`), so a CA file that went missing blocks SMTP only,
    // never the `mailto:` fallback or the other settings.
    Setting {
        name: SMTP_CA_FILE,
        env: None,
        default: "",
        rule: LINE,
        label: "setting-smtp_ca_file",
        hint: Some("setting-smtp_ca_file-placeholder"),
    },
    Setting {
        name: SMTP_TIMEOUT_SECONDS,
        env: None,
        default: "30",
        rule: Rule::Number { min: 1, max: 300 },
        label: "setting-smtp_timeout_seconds",
        hint: None,
    },
    Setting {
        name: FROM,
        env: Some(FROM_ENV),
        default: "",
        rule: Rule::Mailbox,
        label: "setting-from",
        hint: Some("setting-from-placeholder"),
    },
    Setting {
        name: REPLY_TO,
        env: None,
        default: "",
        rule: Rule::Mailbox,
        label: "setting-reply_to",
        hint: Some("setting-reply_to-placeholder"),
    },
    Setting {
        name: SMTP_CONNECTIONS,
        env: None,
        default: "4",
        rule: Rule::Number { min: 1, max: 16 },
        label: "setting-smtp_connections",
        hint: None,
    },
    Setting {
        name: RATE_LIMIT_PER_MINUTE,
        env: None,
        default: "0",
        rule: Rule::Number {
            min: 0,
            max: 100_000,
        },
        label: "setting-rate_limit_per_minute",
        hint: None,
    },
    // SendGrid's free tier.
    Setting {
        name: DAILY_QUOTA,
        env: None,
        default: "100",
        rule: Rule::Number {
            min: 0,
            max: 10_000_000,
        },
        label: "setting-daily_quota",
        hint: None,
    },
    Setting {
        name: DELIVERY_MODE,
        env: None,
        default: "smtp",
        rule: Rule::Choice {
            words: &["smtp", "dry_run"],
            lowercase: false,
        },
        label: "setting-delivery_mode",
        hint: None,
    },
    Setting {
        name: DRY_RUN_DIR,
        env: None,
        default: "",
        rule: LINE,
        label: "setting-dry_run_dir",
        hint: Some("setting-dry_run_dir-placeholder"),
    },
    Setting {
        name: COMPANY,
        env: None,
        default: "",
        rule: SIGNATURE,
        label: "setting-company",
        hint: Some("setting-company-placeholder"),
    },
    Setting {
        name: RECRUITER_NAME,
        env: None,
        default: "",
        rule: SIGNATURE,
        label: "setting-recruiter_name",
        hint: Some("setting-recruiter_name-placeholder"),
    },
    Setting {
        name: PRIVACY_CONTROLLER,
        env: None,
        default: "",
        rule: SIGNATURE,
        label: "setting-privacy_controller",
        hint: Some("setting-privacy_controller-placeholder"),
    },
    Setting {
        name: PRIVACY_CONTACT,
        env: None,
        default: "",
        rule: Rule::Mailbox,
        label: "setting-privacy_contact",
        hint: Some("setting-privacy_contact-placeholder"),
    },
    Setting {
        name: RETENTION_MONTHS,
        env: None,
        default: "24",
        rule: Rule::Number {
            min: 0,
            max: MAX_RETENTION_MONTHS,
        },
        label: "setting-retention_months",
        hint: None,
    },
    Setting {
        name: UI_LANGUAGE,
        env: None,
        default: "",
        rule: Rule::Choice {
            words: &["", "fr", "en"],
            lowercase: false,
        },
        label: "setting-ui_language",
        hint: None,
    },
    Setting {
        name: LOG_LEVEL,
        env: None,
        default: "info",
        rule: Rule::Choice {
            words: LOG_LEVELS,
            lowercase: true,
        },
        label: "setting-log_level",
        hint: None,
    },
];

/// The setting called `name`.
pub fn setting(name: &str) -> Result<&'static Setting> {
    SETTINGS
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| CoreError::UnknownSetting {
            name: name.to_owned(),
        })
}

/// Every setting's name, in Réglages' order.
pub fn names() -> impl Iterator<Item = &'static str> {
    SETTINGS.iter().map(|s| s.name)
}

/// A setting's default.
pub fn default_value(name: &str) -> Result<String> {
    Ok(setting(name)?.default.to_owned())
}

/// The settings an environment variable overrides now: (setting, variable, value).
pub fn env_overrides() -> impl Iterator<Item = (&'static str, &'static str, String)> {
    SETTINGS.iter().filter_map(|s| {
        let variable = s.env?;
        let value = std::env::var(variable)
            .ok()
            .filter(|v| !v.trim().is_empty())?;
        Some((s.name, variable, value))
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

/// Checks and normalises a value before it is stored, by its setting's rule.
pub fn validate(name: &str, raw: &str) -> Result<String> {
    let setting = setting(name)?;
    let value = raw.trim();
    let invalid = || CoreError::InvalidSetting {
        name: setting.name,
        value: value.to_owned(),
    };
    let one_line = !value.chars().any(char::is_control);
    match setting.rule {
        Rule::BaseUrl => normalise_base_url(raw),
        Rule::ValidityDays => parse_validity_days(raw).map(|d| d.to_string()),
        Rule::Host => {
            if value.is_empty()
                || value.len() > 253
                || value.chars().any(|c| c.is_whitespace() || c == '/')
                || !one_line
            {
                Err(invalid())
            } else {
                Ok(value.to_ascii_lowercase())
            }
        }
        Rule::Security => Security::parse(value)
            .map(|s| s.as_str().to_owned())
            .ok_or_else(invalid),
        Rule::Text {
            required,
            max_chars,
        } => {
            let too_long = max_chars.is_some_and(|max| value.chars().count() > max);
            if (required && value.is_empty()) || too_long || !one_line {
                Err(invalid())
            } else {
                Ok(value.to_owned())
            }
        }
        Rule::Number { min, max } => value
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(|n| n.to_string())
            .ok_or_else(invalid),
        Rule::Choice { words, lowercase } => {
            let word = if lowercase {
                value.to_ascii_lowercase()
            } else {
                value.to_owned()
            };
            if words.contains(&word.as_str()) {
                Ok(word)
            } else {
                Err(invalid())
            }
        }
        Rule::Mailbox if value.is_empty() => Ok(String::new()),
        Rule::Mailbox => parse_mailbox(value)
            .map(|m| m.to_string())
            .ok_or_else(invalid),
    }
}
