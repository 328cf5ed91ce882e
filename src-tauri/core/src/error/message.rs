//! A [`CoreError`] in words: its catalog message (`locales/<lang>/errors.ftl`,
//! `error-<code>`) rendered with its arguments. Values the recruiter typed are
//! echoed on one line and shortened; lists come from the types that define them.

use fluent_bundle::{FluentArgs, FluentValue};

use super::{CoreError, Lang};

impl CoreError {
    /// What happened and what to do, in the recruiter's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CoreError::Mail(e) => e.message(lang),
            CoreError::Secret(e) => e.message(lang),
            _ => crate::i18n::render(lang, &self.message_id(), Some(&self.message_args(lang))),
        }
    }

    /// The catalog message: `error-` and the code, but for a database found
    /// damaged while in use (the window is open: the way out differs).
    pub fn message_id(&self) -> String {
        match self {
            CoreError::Database(e) if crate::store::backup::is_damage(e) => {
                "error-database_damaged_in_use".to_owned()
            }
            _ => format!("error-{}", self.code()),
        }
    }

    /// The message's arguments, named as in the catalog.
    pub fn message_args(&self, lang: Lang) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        let mut set = |name: &'static str, value: FluentValue<'static>| args.set(name, value);
        let text = |value: &str| FluentValue::from(shorten(value));
        let number = |n: i64| FluentValue::from(n);
        match self {
            CoreError::EmptyField { field } | CoreError::ControlCharacter { field } => {
                set("field", field.name().into())
            }
            CoreError::FieldTooLong { field, max } => {
                set("field", field.name().into());
                set("max", FluentValue::from(*max));
            }
            CoreError::InvalidEmail { value }
            | CoreError::InvalidBaseUrl { value }
            | CoreError::BaseUrlOnThisComputer { value }
            | CoreError::InvalidValidityDays { value } => set("value", text(value)),
            CoreError::UnknownSetting { name } => {
                set("name", text(name));
                set(
                    "known",
                    crate::settings::names()
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                );
            }
            CoreError::InvalidSetting { name, value } => {
                set("name", (*name).into());
                set("value", text(value));
            }
            CoreError::UnknownStatus { value } => {
                set("value", text(value));
                let known: Vec<_> = crate::domain::ApplicationStatus::ALL
                    .iter()
                    .map(|s| s.as_str())
                    .collect();
                set("known", known.join(", ").into());
            }
            CoreError::NotReadyToSend {
                sender_missing,
                key_missing,
            } => {
                let word = |b: bool| FluentValue::from(if b { "yes" } else { "no" });
                set("sender", word(*sender_missing));
                set("key", word(*key_missing));
            }
            CoreError::UnknownStage { value } => {
                set("value", text(value));
                let known: Vec<_> = crate::store::Stage::ALL
                    .iter()
                    .map(|s| s.as_str())
                    .collect();
                set("known", known.join(", ").into());
            }
            CoreError::ApplicationNotFound { id }
            | CoreError::OutboxNotFound { id }
            | CoreError::JobNotFound { id }
            | CoreError::CandidateNotFound { id }
            | CoreError::CandidateErased { id }
            | CoreError::ApplicationHasHistory { id } => set("id", number(*id)),
            CoreError::DuplicateApplication { email, job_title } => {
                set("email", text(email));
                set("job_title", text(job_title));
            }
            CoreError::ApplicationClosed { id, status } => {
                set("id", number(*id));
                set("status", status.label(lang).into());
            }
            CoreError::JobClosed { job_title } => set("job_title", text(job_title)),
            CoreError::LinkAtMaximumLifetime {
                id,
                until_fr,
                until_en,
            } => {
                set("id", number(*id));
                let until = if lang == Lang::Fr { until_fr } else { until_en };
                set("until", until.clone().into());
            }
            CoreError::NoActiveLink { id, state } => {
                set("id", number(*id));
                let state = match state {
                    None => "none",
                    Some(crate::store::LinkState::Revoked) => "revoked",
                    Some(_) => "expired",
                };
                set("state", state.into());
            }
            CoreError::ApplicationOfAnotherJob {
                id,
                job_id,
                its_job_id,
                its_job_title,
            } => {
                set("id", number(*id));
                set("job_id", number(*job_id));
                set("its_job_id", number(*its_job_id));
                set("its_job_title", text(its_job_title));
            }
            CoreError::EmailTaken { email } | CoreError::NoCandidateWithEmail { email } => {
                set("email", text(email))
            }
            CoreError::EraseWhileSending { count } => set("count", FluentValue::from(*count)),
            CoreError::JobTitleTaken { title } => set("title", text(title)),
            CoreError::ErasedAtRequest { erased_at } => set(
                "date",
                crate::time::format_date(*erased_at, crate::time::recruiter_zone(), lang).into(),
            ),
            CoreError::ExportFailed { path, detail }
            | CoreError::BackupFailed { path, detail }
            | CoreError::ErasureRegisterFailed { path, detail } => {
                set("path", text(path));
                set("detail", detail.clone().into());
            }
            CoreError::BackupInvalid { path, reason } => {
                let (reason, detail) = reason.code_and_detail();
                set("path", text(path));
                set("reason", reason.into());
                set("detail", detail.to_owned().into());
            }
            CoreError::BackupTooNew {
                path,
                found,
                supported,
            } => {
                set("path", text(path));
                set("found", number(*found));
                set("supported", number(*supported));
            }
            CoreError::DatabaseTooNew {
                path,
                found,
                supported,
            } => {
                set("path", path.clone().into());
                set("found", number(*found));
                set("supported", number(*supported));
            }
            CoreError::RestoreWhileSending { count } => set("count", FluentValue::from(*count)),
            CoreError::RestoreWhileOtherProcess { count } => {
                set("count", FluentValue::from(*count))
            }
            CoreError::ReplaceFailed {
                path,
                safety_dir,
                detail,
            } => {
                set("path", path.clone().into());
                set("safety_dir", safety_dir.clone().into());
                set("detail", detail.clone().into());
            }
            CoreError::SafetyCopyFailed { path, detail }
            | CoreError::DatabaseDamaged { path, detail }
            | CoreError::DataDirUnavailable { path, detail } => {
                set("path", path.clone().into());
                set("detail", detail.clone().into());
            }
            CoreError::TemplateEmpty { part } | CoreError::TemplateUnclosedBrace { part } => {
                set("part", (*part).into())
            }
            CoreError::TemplateTooLong { part, max } => {
                set("part", (*part).into());
                set("max", FluentValue::from(*max));
            }
            CoreError::TemplateUnknownPlaceholder { part, name } => {
                set("part", (*part).into());
                set("placeholder", format!("{{{}}}", shorten(name)).into());
                set("known", placeholder_list().into());
            }
            CoreError::TemplateMissingStartUrl => {
                set("placeholder", "{start_url}".to_owned().into())
            }
            CoreError::Randomness(detail) | CoreError::CsvUnreadable { detail } => {
                set("detail", detail.clone().into())
            }
            CoreError::CsvMissingColumns { missing } => set("missing", missing.join(", ").into()),
            CoreError::DestinationIsJobGateData { path, data_dir } => {
                set("path", text(path));
                set("data_dir", data_dir.clone().into());
            }
            CoreError::DiskFull { data_dir }
            | CoreError::DataReadOnly { data_dir }
            | CoreError::DatabaseLocked { data_dir } => set("data_dir", data_dir.clone().into()),
            CoreError::Database(e) => set("detail", e.to_string().into()),
            CoreError::Migration(e) => set("detail", shorten(&e.to_string()).into()),
            CoreError::Io(e) => set("detail", e.to_string().into()),
            CoreError::TemplateSubjectNotOneLine
            | CoreError::RestoreSettingsChanged
            | CoreError::RestoreOverUsable
            | CoreError::NoAppDataDir
            | CoreError::Internal
            | CoreError::Mail(_)
            | CoreError::Secret(_) => {}
        }
        args
    }
}

impl std::fmt::Display for CoreError {
    /// The French message (the product's first language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

/// `{candidate_name}, {job_title}, …`
fn placeholder_list() -> String {
    crate::template::PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keeps an echoed user value on one line and short enough for a message.
fn shorten(value: &str) -> String {
    const MAX: usize = 80;
    let clean: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= MAX {
        clean
    } else {
        let mut s: String = clean.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_exist_in_both_languages_and_differ() {
        let e = CoreError::InvalidEmail {
            value: "pas-une-adresse".into(),
        };
        assert!(e
            .message(Lang::Fr)
            .contains("n'est pas une adresse e-mail valide"));
        assert!(e.message(Lang::En).contains("is not a valid email address"));
        assert_eq!(e.to_string(), e.message(Lang::Fr));
        assert_eq!(e.field(), Some(crate::error::Field::Email));
    }

    #[test]
    fn echoed_values_lose_control_characters_and_length() {
        let e = CoreError::InvalidEmail {
            value: format!("a\r\nb{}", "x".repeat(500)),
        };
        let m = e.message(Lang::En);
        assert!(!m.contains('\n') && !m.contains('\r'));
        assert!(m.chars().count() < 200);
    }
}
