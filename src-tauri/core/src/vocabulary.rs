//! The words and limits the page shares with Rust, in one reply.
//!
//! The page used to keep its own copies of the status list, the "closed"
//! rule, the page size and the field limits; they now come from the types that
//! enforce them, so a change here is a change everywhere.

use serde::Serialize;

use crate::domain::{ApplicationStatus, MAX_EMAIL_LEN, MAX_TEXT_LEN};
use crate::i18n::Lang;
use crate::settings::MAX_LINK_VALIDITY_DAYS;
use crate::store::{Stage, DEFAULT_PAGE_SIZE};
use crate::template::{MAX_BODY_CHARS, MAX_SUBJECT_CHARS, PLACEHOLDERS};

/// A workflow status and whether it closes the application (no new link,
/// no link action).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StatusWord {
    pub code: ApplicationStatus,
    pub closed: bool,
}

/// The field limits the store enforces (in characters), for `maxlength`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FieldLimits {
    pub text: usize,
    pub email: usize,
    pub template_subject: usize,
    pub template_body: usize,
    pub link_validity_days: u32,
}

/// Everything the page needs to know before it shows anything.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Vocabulary {
    /// The workflow statuses in the order the page lists them.
    pub statuses: Vec<StatusWord>,
    /// The stages of the per-offer chart, in its order.
    pub stages: Vec<Stage>,
    /// Rows per page of the list.
    pub page_size: u32,
    pub limits: FieldLimits,
    /// The template placeholders (`{candidate_name}` …), without braces.
    pub placeholders: Vec<&'static str>,
    /// The interface languages, French first.
    pub languages: Vec<Lang>,
}

/// The vocabulary of this build.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        statuses: ApplicationStatus::ALL
            .into_iter()
            .map(|code| StatusWord {
                code,
                closed: code.is_closed(),
            })
            .collect(),
        stages: Stage::ALL.to_vec(),
        page_size: DEFAULT_PAGE_SIZE,
        limits: FieldLimits {
            text: MAX_TEXT_LEN,
            email: MAX_EMAIL_LEN,
            template_subject: MAX_SUBJECT_CHARS,
            template_body: MAX_BODY_CHARS,
            link_validity_days: MAX_LINK_VALIDITY_DAYS,
        },
        placeholders: PLACEHOLDERS.to_vec(),
        languages: Lang::ALL.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_statuses_are_the_decisions() {
        let closed: Vec<_> = vocabulary()
            .statuses
            .into_iter()
            .filter(|s| s.closed)
            .map(|s| s.code)
            .collect();
        assert_eq!(
            closed,
            [
                ApplicationStatus::Rejected,
                ApplicationStatus::Hired,
                ApplicationStatus::Withdrawn
            ]
        );
    }
}
