//! The product's languages and its one message catalog.
//!
//! Every sentence a recruiter or a candidate reads lives in the Fluent files
//! under `locales/<lang>/*.ftl` at the workspace root, embedded at build time
//! (`build.rs`). Rust renders them with [`render`] or the [`tr!`](crate::tr)
//! macro; the page receives the same files ([`ftl_source`]) and renders them
//! with `@fluent/bundle`, so one catalog serves both sides. French comes first:
//! it is the default whenever the environment does not clearly ask for
//! English, and a message missing in another language falls back to it.
//!
//! Adding a language is "copy a folder and translate": copy `locales/fr` to
//! `locales/<code>`, translate its values, and add the code to [`Lang`].

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
pub use fluent_bundle::{FluentArgs, FluentValue};

include!(concat!(env!("OUT_DIR"), "/ftl_files.rs"));

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// Every language the catalog has a folder for, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

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

/// This language's FTL files, in file-name order.
fn files_of(lang: Lang) -> &'static [(&'static str, &'static str)] {
    FTL_FILES
        .iter()
        .find(|(code, _)| *code == lang.code())
        .map(|(_, files)| *files)
        .unwrap_or(&[])
}

/// The whole catalog of one language as one FTL text, for the page.
pub fn ftl_source(lang: Lang) -> String {
    let mut text = String::new();
    for (_, source) in files_of(lang) {
        text.push_str(source);
        text.push('\n');
    }
    text
}

/// Every FTL file of every language folder: `(language folder, file name, source)`
/// (the catalog tests check them all, including folders [`Lang`] does not know yet).
pub fn ftl_files() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    FTL_FILES.iter().flat_map(|(lang, files)| {
        files
            .iter()
            .map(move |(name, source)| (*lang, *name, *source))
    })
}

struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    bundles: Lang::ALL
        .iter()
        .map(|&lang| (lang, bundle_of(lang)))
        .collect(),
});

fn bundle_of(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the texts go into emails,
    // terminals and CSV files, where the invisible marks would be noise.
    bundle.set_use_isolating(false);
    for (name, source) in files_of(lang) {
        // A syntax error keeps the rest of the file (the catalog tests fail on it).
        let resource =
            FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(file = name, errors = errors.len(), "FTL syntax errors");
                partial
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                file = name,
                errors = errors.len(),
                "FTL message ids defined twice"
            );
        }
    }
    bundle
}

impl Catalog {
    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }
}

/// One text per language of the catalog, keyed by its code (`fr`, `en`, …):
/// how a message crosses IPC, so the page shows it in its own language —
/// a language added to [`Lang::ALL`] travels with no other change.
pub type Texts = std::collections::BTreeMap<Lang, String>;

/// `text` in every language of the catalog.
pub fn texts(text: impl Fn(Lang) -> String) -> Texts {
    Lang::ALL.iter().map(|&lang| (lang, text(lang))).collect()
}

/// Renders message `id` (or `id.attribute`) in `lang` with `args`: the one way
/// Rust turns a catalog entry into text. A message missing in `lang` comes from
/// French; one missing everywhere renders as its id (the catalog tests make
/// sure no code asks for such a message).
pub fn render(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    for lang in [lang, Lang::Fr] {
        let Some(bundle) = CATALOG.bundle(lang) else {
            continue;
        };
        let mut errors = vec![];
        if let Some(text) = format(bundle, id, args, &mut errors) {
            if !errors.is_empty() {
                tracing::warn!(
                    id,
                    errors = errors.len(),
                    "FTL message rendered with errors"
                );
            }
            return text;
        }
    }
    tracing::warn!(id, "FTL message missing");
    id.to_string()
}

/// Message `id` in every language, one per line: for the few texts said
/// before the recruiter's language is known (start-up failures).
pub fn render_every_language(id: &str, args: Option<&FluentArgs>) -> String {
    Lang::ALL
        .iter()
        .map(|&lang| render(lang, id, args))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Message `id` (or the attribute of `id.attribute`) of `bundle`, formatted;
/// `None` when the bundle has no such message.
fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<fluent_bundle::FluentError>,
) -> Option<String> {
    let (message_id, attribute) = match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    };
    let message = bundle.get_message(message_id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    Some(bundle.format_pattern(pattern, args, errors).into_owned())
}

/// `tr!(lang, "message-id")` or `tr!(lang, "message-id", name = value, count = n)`:
/// renders a catalog message with named arguments (strings or numbers; numbers
/// drive Fluent's plural selectors).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:expr $(,)?) => {
        $crate::i18n::render($lang, $id, None)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::FluentValue::from($value)); )+
        $crate::i18n::render($lang, $id, Some(&args))
    }};
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

    #[test]
    fn renders_with_arguments_and_plurals() {
        assert_eq!(
            tr!(Lang::Fr, "catalog-selftest", count = 1),
            "1 candidature"
        );
        assert_eq!(
            tr!(Lang::Fr, "catalog-selftest", count = 0),
            "0 candidature"
        );
        assert_eq!(
            tr!(Lang::Fr, "catalog-selftest", count = 3),
            "3 candidatures"
        );
        assert_eq!(
            tr!(Lang::En, "catalog-selftest", count = 1),
            "1 application"
        );
        assert_eq!(
            tr!(Lang::En, "catalog-selftest", count = 0),
            "0 applications"
        );
        assert_eq!(
            render(Lang::En, "no-such-message-anywhere", None),
            "no-such-message-anywhere"
        );
    }
}
