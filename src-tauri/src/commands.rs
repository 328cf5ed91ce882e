//! The commands the UI invokes. Thin: parse the IPC payload, call the core,
//! turn the result into a DTO. Only this module (and `lib.rs`) knows IPC.

use chrono::Utc;
use jobgate_core::batch::{BatchEvent, BatchOptions, BatchReport, QuotaCheck};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::domain::{EmailAddress, JobTitle, PersonName};
use jobgate_core::dto::ErrorDto;
use jobgate_core::dto::OutboxDto;
use jobgate_core::dto::{ApplicationDto, HistoryDto, View};
use jobgate_core::import::{import_csv_with_progress, preview_csv, DuplicateRow, PreviewRow};
use jobgate_core::invitations::{EmailOutcome, Preview};
use jobgate_core::secret::{self, ApiKey, KeyStatus};
use jobgate_core::store::JobOverview;
use jobgate_core::store::StoredTemplate;
use jobgate_core::store::{AddOutcome, ListQuery, NewApplication, SortKey, Store};
use jobgate_core::template::{self, EmailTemplate};
use jobgate_core::{settings, time, CoreError, Lang};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

pub mod catalog;
pub mod data;
pub mod files;
pub mod vocabulary;

use files::{DialogText, FileRequest, Picked};

/// The list's filter, sort and page, as the UI sends it.
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
// Every field has a default (`serde(default)`): the page sends only what it sets.
#[ts(optional_fields = nullable)]
pub struct ListRequest {
    pub search: Option<String>,
    pub job_id: Option<i64>,
    #[ts(as = "Option<jobgate_core::domain::ApplicationStatus>")]
    pub status: Option<String>,
    #[ts(as = "Option<SortKey>", optional)]
    pub sort: SortKey,
    #[ts(as = "Option<bool>", optional)]
    pub descending: bool,
    pub limit: Option<u32>,
    #[ts(as = "Option<u32>", optional)]
    pub offset: u32,
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
    /// What happened to the email: sent, dry_run (written to a file, not sent),
    /// failed, already_sent, in_progress.
    /// The details (error message, SMTP code) are in `application.last_email`.
    pub email: &'static str,
    pub application: ApplicationDto,
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

/// Runs `f` with the store and a view for DTOs built at the same instant, in
/// the interface's language.
pub(crate) fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store, &View<'_>) -> Result<T, CommandError>,
) -> Result<T, CommandError> {
    let mut store = state.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), ui_lang(&store)?);
    f(&mut store, &view)
}

/// The interface's language: the `ui_language` setting, else the OS language
/// (French unless it asks for English).
pub(crate) fn ui_lang(store: &Store) -> Result<Lang, CommandError> {
    Ok(Lang::parse(&store.setting(settings::UI_LANGUAGE)?).unwrap_or_else(Lang::from_env))
}

/// The list's request as the store's query: its page (`paged`), or every row.
fn list_query(request: ListRequest, paged: bool) -> Result<ListQuery, CommandError> {
    let status = match request.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ApplicationStatus::parse(s)?),
    };
    Ok(ListQuery {
        search: request.search,
        job_id: request.job_id,
        status,
        sort: request.sort,
        descending: request.descending,
        limit: if paged { request.limit } else { None },
        offset: if paged { request.offset } else { 0 },
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_applications(
    state: State<'_, AppState>,
    query: ListRequest,
) -> Result<ListReply, CommandError> {
    let query = list_query(query, true)?;
    with_store(&state, |store, view| {
        let page = store.list_applications(&query)?;
        Ok(ListReply {
            rows: page.rows.iter().map(|r| view.application(r)).collect(),
            total: page.total,
        })
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_application(
    state: State<'_, AppState>,
    input: NewApplicationRequest,
) -> Result<AddReply, CommandError> {
    let new = NewApplication::parse(&input.job_title, &input.candidate_name, &input.email)
        .map_err(CommandError::Validation)?;
    with_store(&state, |store, view| {
        let (added, id) = match store.add_application(&new, view.now)? {
            AddOutcome::Added { application_id } => (true, application_id),
            AddOutcome::AlreadyPresent { application_id } => (false, application_id),
        };
        Ok(AddReply {
            added,
            application: view.application(&store.application(id)?),
        })
    })
}

/// The recruiter confirmed "Inviter" in the native dialog: create (or reuse)
/// the link and send the invitation email. A failed email is not an error of
/// the command: the link exists, and the reply says what happened to the email.
#[tauri::command(rename_all = "snake_case")]
pub async fn invite(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<InviteReply, CommandError> {
    let result = state.invitations.invite(application_id, Utc::now).await?;
    let email = email_word(&result.email);
    with_store(&state, |store, view| {
        Ok(InviteReply {
            created: result.link_created,
            email,
            application: view.application(&store.application(application_id)?),
        })
    })
}

/// What happened to an email, in one word for the UI: sent, sent_unrecorded
/// (sent, not yet written down), dry_run (written to a file, not sent),
/// failed, already_sent, in_progress.
fn email_word(outcome: &EmailOutcome) -> &'static str {
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
pub struct SettingsReply {
    /// Every setting's stored value (or default).
    pub values: BTreeMap<String, String>,
    /// Settings overridden by an environment variable: name → (variable, value).
    pub overrides: BTreeMap<String, (String, String)>,
    /// Whether a key is set, its last 4 characters, where it comes from. Never the key.
    pub key: KeyStatus,
}

fn settings_reply(state: &AppState) -> Result<SettingsReply, CommandError> {
    let store = state.store()?;
    let mut values = BTreeMap::new();
    for name in settings::SETTING_NAMES {
        values.insert((*name).to_owned(), store.setting(name)?);
    }
    let mut overrides = BTreeMap::new();
    for (name, var) in [
        (settings::BASE_URL, settings::BASE_URL_ENV),
        (settings::FROM, settings::FROM_ENV),
    ] {
        if let Some(value) = std::env::var(var).ok().filter(|v| !v.trim().is_empty()) {
            overrides.insert(name.to_owned(), (var.to_owned(), value));
        }
    }
    drop(store);
    Ok(SettingsReply {
        values,
        overrides,
        key: secret::status(state.invitations.secrets()),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsReply, CommandError> {
    settings_reply(&state)
}

/// Saves the settings form: every value is checked first, and nothing is saved
/// unless all are valid (each wrong field gets its own message).
///
/// The key is bound to where it is sent: while one is saved, a change of the
/// SMTP server, port, security, user name or CA (`settings::KEY_DESTINATION`)
/// is confirmed in a native dialog Rust opens, naming each difference; on
/// Annuler nothing is saved.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_settings<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    values: BTreeMap<String, String>,
) -> Result<SettingsReply, CommandError> {
    let (changes, lang) = {
        let store = state.store()?;
        let errors: Vec<_> = values
            .iter()
            .filter_map(|(name, value)| store.check_setting(name, value).err())
            .collect();
        if !errors.is_empty() {
            return Err(CommandError::Validation(errors));
        }
        (key_destination_changes(&store, &values)?, ui_lang(&store)?)
    };
    if !changes.is_empty() && secret::status(state.invitations.secrets()).set {
        let (title, message, ok, cancel) =
            data::smtp_question(&changes, lang, data::KeyDestinationChange::Settings);
        if !files::ask(&app, &title, &message, &ok, &cancel).await {
            return Err(CommandError::SettingsDeclined);
        }
    }
    {
        let mut store = state.store()?;
        // Asked about the settings as they were: changed meanwhile, ask again.
        if key_destination_changes(&store, &values)? != changes {
            return Err(CommandError::SettingsDeclined);
        }
        for (name, value) in &values {
            store.set_setting(name, value)?;
        }
        crate::logging::apply_setting(&store.setting(settings::LOG_LEVEL)?);
    }
    tracing::info!(settings = ?values.keys().collect::<Vec<_>>(), "settings saved");
    settings_reply(&state)
}

/// The settings of `settings::KEY_DESTINATION` that `values` would change.
fn key_destination_changes(
    store: &Store,
    values: &BTreeMap<String, String>,
) -> Result<Vec<data::SettingChange>, CommandError> {
    data::key_destination_changes(store, |name| {
        Ok(values
            .get(name)
            .map(|raw| settings::validate(name, raw))
            .transpose()?)
    })
}

/// Stores the SendGrid key in the OS keyring. The reply shows only its last 4 characters.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_api_key(
    state: State<'_, AppState>,
    key: String,
) -> Result<KeyStatus, CommandError> {
    let key = ApiKey::parse(&key).map_err(CoreError::from)?;
    state
        .invitations
        .secrets()
        .set(&key)
        .map_err(CoreError::from)?;
    Ok(secret::status(state.invitations.secrets()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_api_key(state: State<'_, AppState>) -> Result<KeyStatus, CommandError> {
    state
        .invitations
        .secrets()
        .delete()
        .map_err(CoreError::from)?;
    Ok(secret::status(state.invitations.secrets()))
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct SmtpReply {
    pub host: String,
    pub port: u16,
    pub security: &'static str,
    pub code: Option<u16>,
    pub reply: Option<String>,
}

/// "Vérifier la connexion": logs in without sending.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_connection(state: State<'_, AppState>) -> Result<SmtpReply, CommandError> {
    let smtp = state.invitations.mail_settings()?.smtp;
    state.invitations.check_connection().await?;
    Ok(SmtpReply {
        host: smtp.host,
        port: smtp.port,
        security: smtp.security.as_str(),
        code: None,
        reply: None,
    })
}

/// "Envoyer un email de test" to the address the admin typed.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_test_email(
    state: State<'_, AppState>,
    address: String,
) -> Result<SmtpReply, CommandError> {
    let smtp = state.invitations.mail_settings()?.smtp;
    let receipt = state.invitations.send_test(&address).await?;
    Ok(SmtpReply {
        host: smtp.host,
        port: smtp.port,
        security: smtp.security.as_str(),
        code: Some(receipt.code),
        reply: Some(receipt.reply),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    with_store(&state, |store, _| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            ui_lang: ui_lang(store)?,
            schema_version: store.schema_version()?,
            latest_schema_version: jobgate_core::latest_schema_version(),
            sqlite_version: jobgate_core::store::sqlite_version(),
            data_dir: state.data_dir.display().to_string(),
            log_dir: data::log_dir(&state.data_dir).display().to_string(),
            base_url: store.base_url()?,
            time_zone: time::recruiter_zone().name().to_owned(),
            dry_run_dir: settings::mail_settings(|name| store.setting(name))?
                .dry_run_dir
                .map(|d| d.display().to_string()),
        })
    })
}

/// Which applications a batch would invite: the given ones, or the job
/// offer's not-yet-invited ones.
fn batch_ids(
    state: &AppState,
    application_ids: Vec<i64>,
    job_id: Option<i64>,
) -> Result<Vec<i64>, CommandError> {
    match job_id {
        Some(job) => Ok(state.invitations.awaiting_invitation(job, Utc::now())?),
        None => Ok(application_ids),
    }
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BatchPreview {
    pub application_ids: Vec<i64>,
    pub quota: QuotaCheck,
    pub dry_run: bool,
}

/// What the confirmation dialog says before a batch: how many, the quota, dry run.
#[tauri::command(rename_all = "snake_case")]
pub async fn batch_preview(
    state: State<'_, AppState>,
    application_ids: Vec<i64>,
    job_id: Option<i64>,
) -> Result<BatchPreview, CommandError> {
    let ids = batch_ids(&state, application_ids, job_id)?;
    Ok(BatchPreview {
        quota: state.invitations.quota_check(ids.len(), Utc::now())?,
        dry_run: state.invitations.mail_settings()?.dry_run_dir.is_some(),
        application_ids: ids,
    })
}

/// Runs a confirmed batch; each outcome goes to `on_event` as it happens.
#[tauri::command(rename_all = "snake_case")]
pub async fn invite_batch(
    state: State<'_, AppState>,
    application_ids: Vec<i64>,
    on_event: Channel<BatchEvent>,
) -> Result<BatchReport, CommandError> {
    if state.batch_running.swap(true, Ordering::SeqCst) {
        return Err(CommandError::BatchRunning);
    }
    state.batch_cancel.store(false, Ordering::SeqCst);
    let send = |event: BatchEvent| {
        let _ = on_event.send(event);
    };
    let result = state
        .invitations
        .invite_many(
            &application_ids,
            &BatchOptions::default(),
            &state.batch_cancel,
            &send,
        )
        .await;
    state.batch_running.store(false, Ordering::SeqCst);
    Ok(result?)
}

/// "Annuler": the running batch stops taking new messages.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_batch(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.batch_cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_outbox(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> Result<Vec<OutboxDto>, CommandError> {
    with_store(&state, |store, view| {
        Ok(store
            .list_outbox(limit.unwrap_or(500).min(5000))?
            .iter()
            .map(|r| view.outbox(r))
            .collect())
    })
}

/// The detail panel: the application and its history.
#[tauri::command(rename_all = "snake_case")]
pub async fn application_history(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<HistoryDto, CommandError> {
    with_store(&state, |store, view| history(store, view, application_id))
}

fn history(
    store: &Store,
    view: &View<'_>,
    application_id: i64,
) -> Result<HistoryDto, CommandError> {
    Ok(HistoryDto {
        application: view.application(&store.application(application_id)?),
        timeline: store
            .timeline(application_id)?
            .iter()
            .map(|e| view.timeline(e))
            .collect(),
    })
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct StatusReply {
    /// True when the change revoked the application's valid link.
    pub revoked_link: bool,
    pub history: HistoryDto,
}

/// Moves an application along its workflow (rejected, hired and withdrawn
/// revoke its valid link).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_application_status(
    state: State<'_, AppState>,
    application_id: i64,
    status: String,
) -> Result<StatusReply, CommandError> {
    let status = ApplicationStatus::parse(&status)?;
    with_store(&state, |store, view| {
        let change = store.set_application_status(application_id, status, view.now)?;
        Ok(StatusReply {
            revoked_link: change.revoked_link,
            history: history(store, view, application_id)?,
        })
    })
}

/// "Révoquer" (after the native confirmation): the link stops working now.
#[tauri::command(rename_all = "snake_case")]
pub async fn revoke_link(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<HistoryDto, CommandError> {
    with_store(&state, |store, view| {
        store.revoke_link(application_id, view.now)?;
        history(store, view, application_id)
    })
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct EmailReply {
    /// What happened to the email (see `InviteReply::email`); null when none was asked for.
    pub email: Option<&'static str>,
    pub history: HistoryDto,
}

/// "Prolonger de N jours", optionally emailing the candidate the new date.
#[tauri::command(rename_all = "snake_case")]
pub async fn extend_link(
    state: State<'_, AppState>,
    application_id: i64,
    days: u32,
    notify: bool,
) -> Result<EmailReply, CommandError> {
    let (_, email) = state
        .invitations
        .extend(application_id, days, notify, Utc::now)
        .await?;
    with_store(&state, |store, view| {
        Ok(EmailReply {
            email: email.as_ref().map(email_word),
            history: history(store, view, application_id)?,
        })
    })
}

/// "Renvoyer l'invitation": the same valid link, emailed again.
#[tauri::command(rename_all = "snake_case")]
pub async fn resend_invitation(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<EmailReply, CommandError> {
    let email = state.invitations.resend(application_id, Utc::now).await?;
    with_store(&state, |store, view| {
        Ok(EmailReply {
            email: Some(email_word(&email)),
            history: history(store, view, application_id)?,
        })
    })
}

/// "Envoyer depuis ma messagerie": the recruiter's own mail client opens with
/// the invitation's subject and text. The address is built here, never by the page.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_mailto<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<(), CommandError> {
    use tauri_plugin_opener::OpenerExt;
    let url = state.invitations.mailto(application_id, Utc::now())?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CommandError::MailClient(e.to_string()))
}

/// The per-offer chart: every job offer with its applications counted by stage.
#[tauri::command(rename_all = "snake_case")]
pub async fn job_overview(state: State<'_, AppState>) -> Result<Vec<JobOverview>, CommandError> {
    Ok(state.store()?.job_overview(Utc::now())?)
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct JobChangeReply {
    /// How many valid links closing the offer revoked.
    pub revoked: usize,
    pub jobs: Vec<JobOverview>,
}

/// Closes (revoking its valid links) or reopens a job offer.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_job_open(
    state: State<'_, AppState>,
    job_id: i64,
    open: bool,
) -> Result<JobChangeReply, CommandError> {
    let mut store = state.store()?;
    let now = Utc::now();
    let revoked = store.set_job_open(job_id, open, now)?;
    Ok(JobChangeReply {
        revoked,
        jobs: store.job_overview(now)?,
    })
}

/// How long the offer's new links stay valid.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_job_validity(
    state: State<'_, AppState>,
    job_id: i64,
    days: String,
) -> Result<Vec<JobOverview>, CommandError> {
    let days = settings::parse_validity_days(&days)?;
    let mut store = state.store()?;
    store.set_job_link_validity(job_id, days)?;
    Ok(store.job_overview(Utc::now())?)
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ExportReply {
    pub path: String,
    pub links: usize,
}

/// "Exporter les liens": the native save dialog (opened here), then the file.
/// Null when the recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_links<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    job_id: Option<i64>,
    dialog: DialogText,
) -> Result<Option<ExportReply>, CommandError> {
    let Some(path) = files::choose(&app, FileRequest::new(true, &dialog, &["csv"])).await else {
        return Ok(None);
    };
    export_links_to(&state, &path, job_id).map(Some)
}

/// The links export to `path`, which the native dialog returned.
pub fn export_links_to(
    state: &AppState,
    path: &std::path::Path,
    job_id: Option<i64>,
) -> Result<ExportReply, CommandError> {
    let (rows, base_url) = {
        let store = state.store()?;
        (store.export_links(job_id)?, store.base_url()?)
    };
    let data = jobgate_core::files::DataFolder::new(&state.data_dir);
    jobgate_core::export::write_links_file(path, &data, &rows, &base_url, Utc::now())?;
    Ok(ExportReply {
        path: path.display().to_string(),
        links: rows.len(),
    })
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

fn template_reply(stored: &StoredTemplate) -> TemplateReply {
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

/// The draft as typed, checked: every problem goes next to its field.
fn parse_template(lang: &str, subject: &str, body: &str) -> Result<EmailTemplate, CommandError> {
    let lang = Lang::parse(lang).ok_or_else(|| {
        CommandError::Core(CoreError::InvalidSetting {
            name: "lang",
            value: lang.to_owned(),
        })
    })?;
    EmailTemplate::parse(lang, subject, body).map_err(CommandError::Validation)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_template(
    state: State<'_, AppState>,
    job_id: i64,
) -> Result<TemplateReply, CommandError> {
    Ok(template_reply(&state.store()?.job_template(job_id)?))
}

/// "Enregistrer le modèle": a new version of the offer's template.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_template(
    state: State<'_, AppState>,
    job_id: i64,
    lang: String,
    subject: String,
    body: String,
) -> Result<TemplateReply, CommandError> {
    let template = parse_template(&lang, &subject, &body)?;
    let stored = state
        .store()?
        .save_job_template(job_id, &template, Utc::now())?;
    Ok(template_reply(&stored))
}

/// The live preview: the draft rendered with a real candidate's data, exactly
/// as it would be sent.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_template(
    state: State<'_, AppState>,
    job_id: i64,
    application_id: Option<i64>,
    lang: String,
    subject: String,
    body: String,
) -> Result<Preview, CommandError> {
    let template = parse_template(&lang, &subject, &body)?;
    Ok(state
        .invitations
        .preview(job_id, application_id, &template, Utc::now())?)
}

/// One rejected row of an import, with every reason.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RejectedRowDto {
    pub line: u64,
    pub errors: Vec<ErrorDto>,
}

fn rejected_rows(rows: &[jobgate_core::import::RejectedRow]) -> Vec<RejectedRowDto> {
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
    pub sample: Vec<PreviewRow>,
    /// `utf-8`, or `windows-1252` (the file was converted).
    pub encoding: &'static str,
}

fn read_import_file(path: &std::path::Path) -> Result<Vec<u8>, CommandError> {
    Ok(std::fs::read(path).map_err(CoreError::from)?)
}

/// "Importer un CSV": the native file picker (opened here), then what
/// importing that file would do; nothing is saved. The file is remembered for
/// `import_file`. Null when the recruiter cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    picked: State<'_, Picked>,
    dialog: DialogText,
) -> Result<Option<ImportPreviewReply>, CommandError> {
    let Some(path) = files::choose(&app, FileRequest::new(false, &dialog, files::CSV)).await else {
        return Ok(None);
    };
    Picked::remember(&picked.import, &path);
    preview_import_of(&state, &path).map(Some)
}

/// What importing `path` (picked natively) would do.
pub fn preview_import_of(
    state: &AppState,
    path: &std::path::Path,
) -> Result<ImportPreviewReply, CommandError> {
    let bytes = read_import_file(path)?;
    let preview = preview_csv(&*state.store()?, &bytes)?;
    Ok(ImportPreviewReply {
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
        sample: preview.sample,
        encoding: preview.encoding,
    })
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ImportReply {
    pub rows: usize,
    pub added: usize,
    pub already_present: usize,
    pub duplicates: Vec<DuplicateRow>,
    pub rejected: Vec<RejectedRowDto>,
    pub encoding: &'static str,
}

/// How far a confirmed import is: `done` of `total` good rows.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// The confirmed import of the file `preview_import` picked: good rows saved in one transaction, bad rows
/// skipped; `on_progress` hears how far it is (every 1,000 rows).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_file(
    state: State<'_, AppState>,
    picked: State<'_, Picked>,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReply, CommandError> {
    // The file previewed, never one the page names.
    let path = Picked::recall(&picked.import).ok_or(CommandError::NoFileChosen)?;
    let bytes = read_import_file(&path)?;
    let report = import_csv_with_progress(
        &mut *state.store()?,
        &bytes,
        Utc::now(),
        &mut |done, total| {
            let _ = on_progress.send(ImportProgress { done, total });
        },
    )?;
    Ok(ImportReply {
        rows: report.rows,
        added: report.added,
        already_present: report.already_present,
        duplicates: report.duplicates,
        rejected: rejected_rows(&report.rejected),
        encoding: report.encoding,
    })
}

/// Corrects a candidate's name and email; each wrong field gets its message.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_candidate(
    state: State<'_, AppState>,
    candidate_id: i64,
    application_id: i64,
    candidate_name: String,
    email: String,
) -> Result<CandidateReply, CommandError> {
    let name = PersonName::parse(&candidate_name);
    let email = EmailAddress::parse(&email);
    let (name, email) = match (name, email) {
        (Ok(n), Ok(e)) => (n, e),
        (n, e) => {
            return Err(CommandError::Validation(
                [n.err(), e.err()].into_iter().flatten().collect(),
            ))
        }
    };
    let correction = state
        .invitations
        .update_candidate(candidate_id, &name, &email, Utc::now())?;
    with_store(&state, |store, view| {
        Ok(CandidateReply {
            history: history(store, view, application_id)?,
            correction,
        })
    })
}

/// The application after a correction, and what the correction did to the
/// emails waiting to leave and to links already emailed to the old address.
#[derive(Serialize, ts_rs::TS)]
pub struct CandidateReply {
    #[serde(flatten)]
    history: HistoryDto,
    correction: jobgate_core::store::CandidateCorrection,
}

/// Renames a job offer.
#[tauri::command(rename_all = "snake_case")]
pub async fn rename_job(
    state: State<'_, AppState>,
    job_id: i64,
    title: String,
) -> Result<Vec<JobOverview>, CommandError> {
    let title = JobTitle::parse(&title)?;
    let mut store = state.store()?;
    store.rename_job(job_id, &title)?;
    Ok(store.job_overview(Utc::now())?)
}

/// Deletes an application never invited (asked natively first by the UI).
#[tauri::command(rename_all = "snake_case")]
pub async fn delete_application(
    state: State<'_, AppState>,
    application_id: i64,
) -> Result<(), CommandError> {
    Ok(state.store()?.delete_application(application_id)?)
}

/// "Exporter la liste": every row of the current filter and sort, as CSV, to
/// the file chosen in the native save dialog (opened here). Null when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_list<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    query: ListRequest,
    dialog: DialogText,
) -> Result<Option<ExportReply>, CommandError> {
    let query = list_query(query, false)?;
    let Some(path) = files::choose(&app, FileRequest::new(true, &dialog, &["csv"])).await else {
        return Ok(None);
    };
    let rows = with_store(&state, |store, view| {
        Ok(store
            .list_every(&query)?
            .iter()
            .map(|r| view.application(r))
            .collect::<Vec<_>>())
    })?;
    let data = jobgate_core::files::DataFolder::new(&state.data_dir);
    jobgate_core::export::write_file_atomically(&path, &data, |out| {
        jobgate_core::export::write_applications_csv(&rows, out)
    })?;
    Ok(Some(ExportReply {
        path: path.display().to_string(),
        links: rows.len(),
    }))
}
