//! The message catalog for the page: the same Fluent files Rust renders
//! from (`locales/`), handed over once at start so the page and Rust never
//! hold two copies of a sentence.

use jobgate_core::i18n::{ftl_source, Lang};
use serde::Serialize;

/// One language's whole catalog, as FTL text the page gives `@fluent/bundle`.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct LanguageCatalog {
    pub code: &'static str,
    pub ftl: String,
}

/// Every language's catalog, French first (the fallback).
#[tauri::command(rename_all = "snake_case")]
pub fn catalog() -> Vec<LanguageCatalog> {
    Lang::ALL
        .iter()
        .map(|&lang| LanguageCatalog {
            code: lang.code(),
            ftl: ftl_source(lang),
        })
        .collect()
}
