//! The two languages of the product. French comes first: it is the default
//! whenever the environment does not clearly ask for English.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The language the OS environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`),
    /// falling back to French.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if value.is_empty() {
                    continue;
                }
                return Lang::from_locale(&value);
            }
        }
        Lang::Fr
    }

    /// `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// `fr` or `en` (what the settings and the database store).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// `en_US.UTF-8` → English; anything else (fr_FR, C, POSIX...) → French.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Fr
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_mapping() {
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("fr_FR.UTF-8"), Lang::Fr);
        assert_eq!(Lang::from_locale("C"), Lang::Fr);
        assert_eq!(Lang::from_locale("de_DE"), Lang::Fr);
    }
}
