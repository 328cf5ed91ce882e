//! The interface's texts: one file per language (ui/i18n/fr.js, ui/i18n/en.js)
//! with the same keys, and every key a view asks for exists in both. Read as
//! text, so the check needs no JavaScript runtime.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui")
}

/// The keys of one language file: every `"key": "text",` line.
fn keys_of(lang: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(ui_dir().join("i18n").join(format!("{lang}.js"))).unwrap();
    let keys: BTreeSet<String> = text
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix('"')?;
            let (key, after) = rest.split_once('"')?;
            after.trim_start().starts_with(':').then(|| key.to_owned())
        })
        .collect();
    assert!(keys.len() > 100, "{lang}.js read: {} keys", keys.len());
    keys
}

/// Every literal key the views ask for: `t("key"`, and `data-i18n*="key"` in the HTML.
fn used_keys() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut literal = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    for entry in std::fs::read_dir(ui_dir()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        match path.extension().and_then(|e| e.to_str()) {
            Some("js") => {
                for (i, _) in text.match_indices("t(") {
                    // Only calls of `t` itself, not `notify(`, `at(`...
                    let before = text[..i].chars().last();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let rest = &text[i + 2..];
                    if let Some(r) = rest.strip_prefix('"') {
                        if let Some((key, _)) = r.split_once('"') {
                            literal.insert(key.to_owned());
                        }
                    } else if let Some(r) = rest.strip_prefix('`') {
                        // t(`status.${x}`): the family `status.` must exist.
                        if let Some((head, _)) = r.split_once("${") {
                            prefixes.insert(head.to_owned());
                        }
                    }
                }
            }
            Some("html") => {
                for attr in [
                    "data-i18n=\"",
                    "data-i18n-placeholder=\"",
                    "data-i18n-aria=\"",
                ] {
                    for (i, _) in text.match_indices(attr) {
                        let rest = &text[i + attr.len()..];
                        if let Some((key, _)) = rest.split_once('"') {
                            literal.insert(key.to_owned());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (literal, prefixes)
}

#[test]
fn french_and_english_hold_the_same_keys() {
    let (fr, en) = (keys_of("fr"), keys_of("en"));
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(only_fr.is_empty(), "missing in en.js: {only_fr:?}");
    assert!(only_en.is_empty(), "missing in fr.js: {only_en:?}");
}

#[test]
fn every_key_the_interface_asks_for_exists_in_both_languages() {
    let (literal, prefixes) = used_keys();
    assert!(
        literal.len() > 100,
        "keys found in the views: {}",
        literal.len()
    );
    for lang in ["fr", "en"] {
        let keys = keys_of(lang);
        let missing: Vec<_> = literal.iter().filter(|k| !keys.contains(*k)).collect();
        assert!(missing.is_empty(), "{lang}.js lacks {missing:?}");
        for prefix in &prefixes {
            assert!(
                keys.iter().any(|k| k.starts_with(prefix.as_str())),
                "{lang}.js has no key of the family {prefix}…"
            );
        }
    }
}

#[test]
fn french_is_not_english_twice() {
    // A key copied without translation shows up as the same text in both.
    let read = |lang: &str| {
        std::fs::read_to_string(ui_dir().join("i18n").join(format!("{lang}.js"))).unwrap()
    };
    let (fr, en) = (read("fr"), read("en"));
    for (key, word) in [("nav.list", "Candidatures"), ("invite.button", "Inviter")] {
        assert!(
            fr.contains(&format!("\"{key}\": \"{word}\"")),
            "{key} in French"
        );
        assert!(
            !en.contains(&format!("\"{key}\": \"{word}\"")),
            "{key} translated in English"
        );
    }
}
