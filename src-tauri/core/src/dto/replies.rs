//! The window's requests and replies, beside the DTOs they carry. The shell's
//! commands only fill them in; ts-rs declares them for the page
//! (`ui/types/ipc.d.ts`), so the two sides cannot drift apart.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::batch::QuotaCheck;
use crate::domain::ApplicationStatus;
use crate::dto::{ApplicationDto, ErrorDto, HistoryDto};
use crate::error::Result;
use crate::i18n::Lang;
use crate::import::{DuplicateRow, ImportPreview, ImportReport, PreviewRow, RejectedRow};
use crate::invitations::EmailOutcome;
use crate::store::{CandidateCorrection, JobOverview, ListQuery, SortKey, Stage, StoredTemplate};
use crate::template;

/// The list's filter, sort and page, as the page sends it.
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
// Every field has a default (`serde(default)`): the page sends only what it sets.
#[ts(optional_fields = nullable)]
pub struct ListRequest {
    pub search: Option<String>,
    pub job_id: Option<i64>,
    #[ts(as = "Option<crate::domain::ApplicationStatus>")]
    pub status: Option<String>,
    /// Only this stage: a chart segment, the email filter.
    pub stage: Option<Stage>,
    #[ts(as = "Option<SortKey>", optional)]
    pub sort: SortKey,
    #[ts(as = "Option<bool>", optional)]
    pub descending: bool,
    pub limit: Option<u32>,
    #[ts(as = "Option<u32>", optional)]
    pub offset: u32,
}

impl ListRequest {
    /// The store's query: this page of rows (`paged`), or every row.
    pub fn into_query(self, paged: bool) -> Result<ListQuery> {
        let status = match self.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(ApplicationStatus::parse(s)?),
        };
        Ok(ListQuery {
            search: self.search,
            job_id: self.job_id,
            status,
            stage: self.stage,
            sort: self.sort,
            descending: self.descending,
            limit: if paged { self.limit } else { None },
            offset: if paged { self.offset } else { 0 },
        })
    }
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ListReply {
    pub rows: Vec<ApplicationDto>,
    pub total: u64,
}

#[derive(Debug, Deserialize, ts_rs::TS)]
pub struct NewApplicationRequest {
    pub job_title: String,
    pub candidate_name: String,
    pub email: String,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct AddReply {
    /// False when this candidate had already applied to this offer.
    pub added: bool,
    pub application: ApplicationDto,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct InviteReply {
    /// False when the application already had a valid link (reused as it is).
    pub created: bool,
    /// What happened to the email: sent, sent_unrecorded, dry_run (written to
    /// a file, not sent), failed, already_sent, in_progress ([`email_word`]).
    /// The details (error message, SMTP code) are in `application.last_email`.
    pub email: &'static str,
    pub application: ApplicationDto,
}

/// What happened to an email, in one word for the page: sent, sent_unrecorded
/// (sent, not yet written down), dry_run (written to a file, not sent),
/// failed, already_sent, in_progress.
pub fn email_word(outcome: &EmailOutcome) -> &'static str {
    match outcome {
        EmailOutcome::Sent(receipt) | EmailOutcome::SentUnrecorded { receipt, .. }
            if receipt.dry_run =>
        {
            "dry_run"
        }
        EmailOutcome::Sent(_) => "sent",
        EmailOutcome::SentUnrecorded { .. } => "sent_unrecorded",
        EmailOutcome::Failed(_) => "failed",
        EmailOutcome::AlreadySent { .. } => "already_sent",
        EmailOutcome::InProgress => "in_progress",
    }
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: &'static str,
    /// The interface's language: `fr` or `en`.
    pub ui_lang: Lang,
    pub schema_version: i64,
    /// The newest schema this build reads and writes.
    pub latest_schema_version: usize,
    pub sqlite_version: &'static str,
    pub data_dir: String,
    /// Where the log files are.
    pub log_dir: String,
    pub base_url: String,
    pub time_zone: String,
    /// Dry-run mode: emails are written to this folder, nothing is sent.
    pub dry_run_dir: Option<String>,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct SettingsReply {
    /// Every setting's stored value (or default).
    pub values: BTreeMap<String, String>,
    /// Settings overridden by an environment variable: name → (variable, value).
    pub overrides: BTreeMap<String, (String, String)>,
    /// Whether a key is set, its last 4 characters, where it comes from. Never the key.
    pub key: crate::secret::KeyStatus,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct SmtpReply {
    pub host: String,
    pub port: u16,
    pub security: &'static str,
    pub code: Option<u16>,
    pub reply: Option<String>,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BatchPreview {
    pub application_ids: Vec<i64>,
    pub quota: QuotaCheck,
    pub dry_run: bool,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct StatusReply {
    /// True when the change revoked the application's valid link.
    pub revoked_link: bool,
    pub history: HistoryDto,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct EmailReply {
    /// What happened to the email (the words of `InviteReply.email`); null
    /// when none was asked for.
    pub email: Option<&'static str>,
    pub history: HistoryDto,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct JobChangeReply {
    /// How many valid links closing the offer revoked.
    pub revoked: usize,
    pub jobs: Vec<JobOverview>,
}

/// A file written by an export: where, and how many rows it holds.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ExportReply {
    pub path: String,
    pub rows: usize,
}

/// A job offer's invitation template, for the editor.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct TemplateReply {
    pub job_id: i64,
    /// 0: never saved (the seed's French default).
    pub version: u32,
    pub lang: Lang,
    /// False for a built-in default.
    pub custom: bool,
    pub subject: String,
    pub body: String,
    /// Every placeholder the editor offers.
    pub placeholders: &'static [&'static str],
    /// The built-in texts: `{fr: [subject, body], en: [subject, body]}`.
    pub defaults: BTreeMap<&'static str, (&'static str, &'static str)>,
}

impl From<&StoredTemplate> for TemplateReply {
    fn from(stored: &StoredTemplate) -> TemplateReply {
        TemplateReply {
            job_id: stored.job_id,
            version: stored.version,
            lang: stored.template.lang(),
            custom: stored.custom,
            subject: stored.template.subject_source().to_owned(),
            body: stored.template.body_source().to_owned(),
            placeholders: &template::PLACEHOLDERS,
            defaults: [Lang::Fr, Lang::En]
                .into_iter()
                .map(|l| (l.code(), template::default_text(l)))
                .collect(),
        }
    }
}

/// One rejected row of an import, with every reason.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RejectedRowDto {
    pub line: u64,
    pub errors: Vec<ErrorDto>,
}

fn rejected_rows(rows: &[RejectedRow]) -> Vec<RejectedRowDto> {
    rows.iter()
        .map(|r| RejectedRowDto {
            line: r.line,
            errors: r.errors.iter().map(ErrorDto::from).collect(),
        })
        .collect()
}

/// What importing the chosen file would do: counts, first rows, every bad line.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ImportPreviewReply {
    pub path: String,
    pub file_name: String,
    pub rows: usize,
    pub new: usize,
    pub already_present: usize,
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRowDto>,
    /// Rows of candidates erased at their request (RGPD): skipped, among
    /// `rejected`, unless `import_file` is asked to include them.
    pub erased: usize,
    pub sample: Vec<PreviewRow>,
    /// `utf-8`, or `windows-1252` (the file was converted).
    pub encoding: &'static str,
}

impl ImportPreviewReply {
    /// The preview of the file at `path`.
    pub fn new(path: &Path, preview: ImportPreview) -> ImportPreviewReply {
        ImportPreviewReply {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.display().to_string(),
            rows: preview.rows,
            new: preview.new,
            already_present: preview.already_present,
            duplicates: preview.duplicates,
            rejected: rejected_rows(&preview.rejected),
            erased: preview.erased,
            sample: preview.sample,
            encoding: preview.encoding,
        }
    }
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ImportReply {
    pub rows: usize,
    pub added: usize,
    pub already_present: usize,
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRowDto>,
    /// Rows of candidates erased at their request, skipped (among `rejected`).
    pub erased: usize,
    pub encoding: &'static str,
}

impl From<ImportReport> for ImportReply {
    fn from(report: ImportReport) -> ImportReply {
        ImportReply {
            rows: report.rows,
            added: report.added,
            already_present: report.already_present,
            duplicates: report.duplicates,
            rejected: rejected_rows(&report.rejected),
            erased: report.erased,
            encoding: report.encoding,
        }
    }
}

/// How far a confirmed import is: `done` of `total` good rows.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// The application after a correction, and what the correction did to the
/// emails waiting to leave and to links already emailed to the old address.
#[derive(Serialize, ts_rs::TS)]
pub struct CandidateReply {
    #[serde(flatten)]
    pub history: HistoryDto,
    pub correction: CandidateCorrection,
}
