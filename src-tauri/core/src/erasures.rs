//! The erasure register (RGPD, issue 14, item 3): who was erased at their
//! request, so that an erasure survives a restore and a re-import.
//!
//! It holds, for each erased address, a keyed hash (HMAC-SHA256 of the
//! address trimmed and in lower case) and the instant of the erasure — never
//! the address. It lives in two places:
//!
//! - `erasures.json` in the data folder (private, `0600`, written whole or
//!   not at all): outside the restorable data, the source of truth a restore
//!   cannot take back;
//! - the tables `erasure_keys` and `erasures` of the database (migration 11),
//!   so that every backup carries the register to wherever it is restored.
//!
//! A restore merges the two (union of keys and of entries), erases again
//! every candidate the union names, and writes the union to both places
//! ([`crate::restore::RestorePlan::apply`]). An import skips the rows it names
//! ([`crate::import`]).
//!
//! The key is 32 random bytes made at the first erasure; several keys can
//! meet when a backup from another data folder is restored (each entry
//! matches under the key it was made with; an address is checked against
//! every key). Since backups must carry the register to re-erase elsewhere,
//! they carry the key too: a stolen backup lets one test guessed addresses
//! against it, which the backup's own data would tell anyway. The key keeps
//! the hashes from being compared across data folders or looked up in a
//! table of hashed addresses made in advance.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::error::{CoreError, Result};
use crate::time::{from_stored, to_stored};

/// The register's file in the data folder.
pub const REGISTER_FILE: &str = "erasures.json";

const FORMAT: &str = "jobgate-erasures";
const VERSION: u32 = 1;

/// The register's path in `data_dir`.
pub fn register_path(data_dir: &Path) -> PathBuf {
    data_dir.join(REGISTER_FILE)
}

/// The form an address is hashed in: trimmed, in lower case.
fn normalise(address: &str) -> String {
    address.trim().to_lowercase()
}

/// The hex HMAC-SHA256 of the normalised `address` under `key`.
fn keyed_hash(key: &[u8], address: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes a key of any length.
        Err(_) => return String::new(),
    };
    mac.update(normalise(address).as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The register: keys (base64) and, per hash, when it was erased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    /// The first is the one new entries are made with.
    keys: Vec<String>,
    entries: BTreeMap<String, DateTime<Utc>>,
}

#[derive(Serialize, Deserialize)]
struct RegisterFile {
    format: String,
    version: u32,
    keys: Vec<String>,
    entries: Vec<EntryFile>,
}

#[derive(Serialize, Deserialize)]
struct EntryFile {
    hash: String,
    erased_at: String,
}

impl Register {
    /// How many erasures it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys, as stored (base64).
    pub(crate) fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Every entry: (hash, when).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, DateTime<Utc>)> {
        self.entries.iter().map(|(h, at)| (h.as_str(), *at))
    }

    pub(crate) fn from_parts(
        keys: Vec<String>,
        entries: impl IntoIterator<Item = (String, DateTime<Utc>)>,
    ) -> Register {
        let mut register = Register {
            keys: Vec::new(),
            entries: BTreeMap::new(),
        };
        for key in keys {
            register.add_key(key);
        }
        for (hash, at) in entries {
            register.add_entry(hash, at);
        }
        register
    }

    fn add_key(&mut self, key: String) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    /// Keeps the earliest instant for a hash met twice: the erasure's own.
    fn add_entry(&mut self, hash: String, at: DateTime<Utc>) {
        self.entries
            .entry(hash)
            .and_modify(|old| *old = (*old).min(at))
            .or_insert(at);
    }

    fn decoded_keys(&self) -> Vec<Vec<u8>> {
        self.keys
            .iter()
            .filter_map(|k| base64::engine::general_purpose::STANDARD.decode(k).ok())
            .collect()
    }

    /// When `address` was erased, if it was (under any key).
    pub fn erased_at(&self, address: &str) -> Option<DateTime<Utc>> {
        if self.entries.is_empty() {
            return None;
        }
        self.decoded_keys()
            .iter()
            .filter_map(|key| self.entries.get(&keyed_hash(key, address)).copied())
            .min()
    }

    /// Adds `address`, erased at `at` (a key is made first if there is none).
    /// An address already there keeps its first date.
    pub fn record(&mut self, address: &str, at: DateTime<Utc>) -> Result<()> {
        if self.erased_at(address).is_some() {
            return Ok(());
        }
        let key = match self.decoded_keys().into_iter().next() {
            Some(key) => key,
            None => {
                let mut key = [0u8; 32];
                rand::TryRngCore::try_fill_bytes(&mut rand::rngs::OsRng, &mut key)
                    .map_err(|e| CoreError::Randomness(e.to_string()))?;
                self.keys
                    .insert(0, base64::engine::general_purpose::STANDARD.encode(key));
                key.to_vec()
            }
        };
        self.add_entry(keyed_hash(&key, address), at);
        Ok(())
    }

    /// Removes `address` (under every key): the recruiter imported them
    /// again. Whether it was there.
    pub fn forget(&mut self, address: &str) -> bool {
        let mut found = false;
        for key in self.decoded_keys() {
            found |= self.entries.remove(&keyed_hash(&key, address)).is_some();
        }
        found
    }

    /// Whether both hold the same keys (in any order) and entries.
    pub fn same_as(&self, other: &Register) -> bool {
        let keys = |r: &Register| r.keys.iter().cloned().collect::<BTreeSet<String>>();
        self.entries == other.entries && keys(self) == keys(other)
    }

    /// The union of `self` and `other` (the current key stays first).
    pub fn merge(&mut self, other: &Register) {
        for key in &other.keys {
            self.add_key(key.clone());
        }
        for (hash, at) in &other.entries {
            self.add_entry(hash.clone(), *at);
        }
    }

    /// The register of `data_dir`'s file; empty when there is no file yet. A
    /// file that cannot be read is an error, never an empty register: that
    /// would let an erased candidate come back.
    pub fn load(data_dir: &Path) -> Result<Register> {
        let path = register_path(data_dir);
        let failed = |detail: String| CoreError::ErasureRegisterFailed {
            path: path.display().to_string(),
            detail,
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Register::default()),
            Err(e) => return Err(failed(e.to_string())),
        };
        let file: RegisterFile =
            serde_json::from_slice(&bytes).map_err(|e| failed(e.to_string()))?;
        if file.format != FORMAT || file.version > VERSION {
            return Err(failed(format!("{} v{}", file.format, file.version)));
        }
        let mut entries = Vec::with_capacity(file.entries.len());
        for entry in file.entries {
            let at = from_stored(&entry.erased_at).map_err(|e| failed(e.to_string()))?;
            entries.push((entry.hash, at));
        }
        Ok(Register::from_parts(file.keys, entries))
    }

    /// Writes the register to `data_dir`'s file, whole or not at all, private.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        let path = register_path(data_dir);
        let file = RegisterFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            keys: self.keys.clone(),
            entries: self
                .entries
                .iter()
                .map(|(hash, at)| EntryFile {
                    hash: hash.clone(),
                    erased_at: to_stored(*at),
                })
                .collect(),
        };
        crate::files::write_private_file(&path, |out| {
            serde_json::to_writer_pretty(&mut *out, &file).map_err(std::io::Error::from)?;
            out.write_all(b"\n")
        })
        .map_err(|e| CoreError::ErasureRegisterFailed {
            path: path.display().to_string(),
            detail: e.to_string(),
        })
    }

    /// The hashes, for tests and the count of `jobgate about`.
    pub fn hashes(&self) -> BTreeSet<&str> {
        self.entries.keys().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_address_is_found_in_any_case_and_under_any_key_never_stored_in_clear() {
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
        let mut a = Register::default();
        a.record(" Elodie@Exemple.fr ", at).unwrap();
        assert_eq!(a.erased_at("elodie@exemple.fr"), Some(at));
        assert_eq!(a.erased_at("autre@exemple.fr"), None);
        let mut b = Register::default();
        b.record("jean@exemple.fr", at + chrono::Duration::days(1))
            .unwrap();
        // Another data folder's key: each hash still matches under its own.
        assert_ne!(a.keys, b.keys);
        a.merge(&b);
        assert_eq!(a.len(), 2);
        assert!(a.erased_at("JEAN@exemple.fr").is_some());
        // Recording again keeps the first date.
        a.record("elodie@exemple.fr", at + chrono::Duration::days(9))
            .unwrap();
        assert_eq!(a.erased_at("elodie@exemple.fr"), Some(at));

        let dir = tempfile::tempdir().unwrap();
        a.save(dir.path()).unwrap();
        let bytes = std::fs::read(register_path(dir.path())).unwrap();
        let text = String::from_utf8(bytes).unwrap().to_lowercase();
        assert!(!text.contains("elodie") && !text.contains("exemple"));
        assert_eq!(Register::load(dir.path()).unwrap(), a);
    }
}
