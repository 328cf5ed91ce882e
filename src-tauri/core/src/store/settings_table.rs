//! The settings table: read, checked and written through `crate::settings`.

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::settings;

use super::*;

impl Store {
    /// A setting's stored value, or its default. Environment overrides are applied
    /// by [`Store::base_url`], not here, so `config get` shows what is stored.
    pub fn setting(&self, name: &str) -> Result<String> {
        let default = settings::default_value(name)?;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(stored.unwrap_or(default))
    }

    /// Checks a value as [`Store::set_setting`] would store it: its shape, and
    /// what only a changed value must satisfy (a CA file that exists).
    pub fn check_setting(&self, name: &str, raw: &str) -> Result<String> {
        let value = settings::validate(name, raw)?;
        if value != self.setting(name)? {
            settings::check_new_value(name, &value)?;
        }
        Ok(value)
    }

    /// Validates, normalises and stores a setting; returns the stored value.
    pub fn set_setting(&mut self, name: &str, raw: &str) -> Result<String> {
        let value = self.check_setting(name, raw)?;
        self.conn.execute(
            "INSERT INTO settings (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, value],
        )?;
        Ok(value)
    }

    /// The base of interview links: `FRONTEND_BASE_URL` when set, else the setting.
    pub fn base_url(&self) -> Result<String> {
        match settings::base_url_from_env()? {
            Some(url) => Ok(url),
            None => self.setting(settings::BASE_URL),
        }
    }

    /// How many days new campaigns' links stay valid.
    pub fn default_link_validity_days(&self) -> Result<u32> {
        settings::parse_validity_days(&self.setting(settings::LINK_VALIDITY_DAYS)?)
    }
}
