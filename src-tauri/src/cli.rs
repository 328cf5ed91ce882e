//! The command line: `jobgate import|list|invite|config|key|check|send-test|outbox`,
//! and the lifecycle commands `application`, `link`, `links`, `job` (`cli/lifecycle.rs`).
//! Same core, same database, no window.
//!
//! Exit codes: 0 success; 1 failure (the message says why and what to do);
//! 2 usage error or a refused confirmation; 3 import finished but some rows were rejected.

mod data;
mod lifecycle;
mod template;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;

use chrono::Utc;
use clap::{CommandFactory, Parser, Subcommand};
use jobgate_core::batch::{BatchEvent, BatchOptions};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::View;
use jobgate_core::import::{import_csv, preview_csv};
use jobgate_core::invitations::{EmailOutcome, Invitations};
use jobgate_core::lease::ProcessLease;
use jobgate_core::secret::{self, ApiKey, KeySource, OsKeyring, SecretStore};
use jobgate_core::store::{EmailKind, ListQuery, SortKey, Store};
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{paths, settings, tr, CoreError, Lang};

pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_ROWS_REJECTED: i32 = 3;

#[derive(Debug, Parser)]
#[command(
    name = "jobgate",
    version,
    about = "JobGate — invitations aux entretiens vidéo différés / asynchronous video interview invitations",
    long_about = "Sans sous-commande, ouvre la fenêtre. Avec une sous-commande, travaille en ligne de commande sur les mêmes données.\nWithout a subcommand, opens the window. With one, works on the same data from the command line.\n\nDonnées / data: JOBGATE_DATA_DIR, sinon le dossier de données de l'OS / else the OS app-data folder."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Importe des candidatures depuis un CSV (job_title,candidate_name,email) / import applications from CSV.
    Import {
        /// Fichier CSV / CSV file.
        file: PathBuf,
        /// Dit ce que l'import ferait, sans rien enregistrer / say what the import would do, saving nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Liste les candidatures / list applications.
    List {
        /// Sortie JSON (un tableau) / JSON output (an array).
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Sortie CSV (les colonnes de l'export de la liste) / CSV output (the list export's columns).
        #[arg(long)]
        csv: bool,
        /// Filtre texte sur nom, e-mail ou poste / text filter on name, email or job.
        #[arg(long)]
        search: Option<String>,
        /// Seulement cette offre / only this job offer.
        #[arg(long = "job")]
        job_id: Option<i64>,
        /// Seulement ce statut / only this status (new, invited, interviewed, rejected, hired, withdrawn).
        #[arg(long)]
        status: Option<String>,
        /// Nombre maximal de lignes / maximum number of rows.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Invite : crée le lien d'entretien et envoie l'email / invite: create the link and send the email.
    Invite {
        /// Numéro(s) de candidature (application_id) / application id(s).
        #[arg(required_unless_present = "job")]
        application_ids: Vec<i64>,
        /// Toutes les candidatures pas encore invitées de cette offre (avec --all) /
        /// every not-yet-invited application of this job offer (with --all).
        #[arg(long = "job", requires = "all", conflicts_with = "application_ids")]
        job: Option<i64>,
        /// Avec --job : toutes les candidatures pas encore invitées / with --job: all not yet invited.
        #[arg(long, requires = "job")]
        all: bool,
        /// Confirme l'invitation (obligatoire) / confirms the invitation (required).
        #[arg(long)]
        yes: bool,
        /// Envoie même si le quota quotidien est dépassé / send even past the daily quota.
        #[arg(long)]
        over_quota: bool,
    },
    /// Lit ou modifie un réglage / read or change a setting.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// La clé API SendGrid, dans le trousseau du système / the SendGrid API key, in the OS keyring.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Se connecte au serveur SMTP et s'authentifie, sans rien envoyer / log in to the SMTP server, send nothing.
    Check,
    /// Envoie l'email de test à une adresse / send the test email to an address.
    SendTest {
        /// Adresse du destinataire / recipient address.
        address: String,
    },
    /// La boîte d'envoi : chaque email et son état / the outbox: every email and its state.
    Outbox {
        /// Sortie JSON (un tableau) / JSON output (an array).
        #[arg(long)]
        json: bool,
        /// Nombre maximal de lignes / maximum number of rows.
        #[arg(long, default_value_t = 200)]
        limit: u32,
    },
    /// Une candidature : statut, historique / an application: status, history.
    Application {
        #[command(subcommand)]
        action: lifecycle::ApplicationAction,
    },
    /// Le lien d'une candidature : révoquer, prolonger, renvoyer / an application's link: revoke, extend, resend.
    Link {
        #[command(subcommand)]
        action: lifecycle::LinkAction,
    },
    /// Tous les liens, pour la plateforme d'entretien / every link, for the interview platform.
    Links {
        #[command(subcommand)]
        action: lifecycle::LinksAction,
    },
    /// Les offres : liste, fermeture, validité des liens / job offers: list, close, link validity.
    Job {
        #[command(subcommand)]
        action: lifecycle::JobAction,
    },
    /// Le modèle d'invitation d'une offre : afficher, modifier, revenir au défaut, aperçu /
    /// a job offer's invitation template: show, change, reset, preview.
    Template {
        #[command(subcommand)]
        action: template::TemplateAction,
    },
    /// Sauvegarde toutes les données dans un fichier (pas la clé API) /
    /// back up all the data to one file (not the API key).
    Backup {
        /// Fichier à écrire / file to write.
        file: PathBuf,
    },
    /// Remplace les données par celles d'une sauvegarde (copie de sécurité gardée) /
    /// replace the data with a backup's (a safety copy is kept).
    Restore {
        /// Fichier de sauvegarde / backup file.
        file: PathBuf,
        /// Confirme le remplacement (obligatoire) / confirms the replacement (required).
        #[arg(long)]
        yes: bool,
    },
    /// Version, schéma de la base, dossiers des données et des journaux /
    /// version, database schema, data and log folders.
    About,
}

#[derive(Debug, Subcommand)]
enum ConfigAction {
    /// Affiche un réglage / show a setting.
    Get { name: String },
    /// Modifie un réglage / change a setting.
    Set { name: String, value: String },
}

#[derive(Debug, Subcommand)]
enum KeyAction {
    /// Enregistre la clé lue sur l'entrée standard / store the key read from standard input.
    Set,
    /// Dit si une clé est enregistrée (4 derniers caractères) / tell whether a key is set (last 4 characters).
    Status,
    /// Supprime la clé du trousseau / delete the key from the keyring.
    Delete,
}

/// True when the arguments ask for the command line rather than the window.
/// Anything else (no argument, or arguments a launcher or WebDriver adds)
/// opens the window.
pub fn wants_cli(args: &[OsString]) -> bool {
    match args.get(1).and_then(|a| a.to_str()) {
        Some(first) => {
            matches!(first, "help" | "-h" | "--help" | "-V" | "--version")
                || Cli::command()
                    .get_subcommands()
                    .any(|c| c.get_name() == first)
        }
        None => false,
    }
}

/// Runs the command line and returns the process exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    let lang = Lang::from_env();
    let result = match cli.command {
        Command::Import { file, dry_run } => import(&file, dry_run, lang),
        Command::List {
            json,
            csv,
            search,
            job_id,
            status,
            limit,
        } => list(
            ListFormat::of(json, csv),
            search,
            job_id,
            status,
            limit,
            lang,
        ),
        Command::Invite {
            application_ids,
            job,
            yes,
            over_quota,
            ..
        } => match (job, application_ids.as_slice()) {
            (None, [single]) => invite(*single, yes, lang),
            (Some(job), _) => invite_job(job, yes, over_quota, lang),
            (None, ids) => invite_batch(ids.to_vec(), yes, over_quota, lang),
        },
        Command::Config { action } => config(action),
        Command::Key { action } => key(action, lang),
        Command::Check => check(lang),
        Command::SendTest { address } => send_test(&address, lang),
        Command::Outbox { json, limit } => outbox(json, limit, lang),
        Command::Application { action } => lifecycle::application(action, lang),
        Command::Link { action } => lifecycle::link(action, lang),
        Command::Links { action } => lifecycle::links(action, lang),
        Command::Job { action } => lifecycle::job(action, lang),
        Command::Template { action } => template::template(action, lang),
        Command::Backup { file } => data::backup(&file, lang),
        Command::Restore { file, yes } => data::restore(&file, yes, lang),
        Command::About => data::about(lang),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            tracing::warn!(error = e.code(), "command failed");
            eprintln!("{}", error_text(&e, lang));
            EXIT_FAILURE
        }
    }
}

fn error_text(e: &CoreError, lang: Lang) -> String {
    tr!(lang, "cli-error", message = e.message(lang))
}

/// The database, with this process's lease held for as long as it is open
/// (like [`invitations`]): a restore, which refuses while another JobGate
/// process holds one, cannot replace the data under an import, a setting
/// change or a backup.
struct LeasedStore {
    store: Store,
    _lease: ProcessLease,
}

impl std::ops::Deref for LeasedStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl std::ops::DerefMut for LeasedStore {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

/// The database (the lease taken first), with the log level its settings ask for.
fn open_store() -> Result<LeasedStore, CoreError> {
    let data_dir = paths::data_dir()?;
    let lease = ProcessLease::acquire(&data_dir)?;
    let store = Store::open(&paths::database_path(&data_dir))?;
    crate::logging::apply_setting(&store.setting(settings::LOG_LEVEL)?);
    Ok(LeasedStore {
        store,
        _lease: lease,
    })
}

/// A single-threaded runtime for the commands that talk to the network.
fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, CoreError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(future))
}

fn import(file: &std::path::Path, dry_run: bool, lang: Lang) -> Result<i32, CoreError> {
    // The lease first: no restore can start while the file is read and imported.
    let mut store = open_store()?;
    let bytes = std::fs::read(file)?;
    let mut out = std::io::stdout().lock();
    // The same report either way: a dry run says what an import would do.
    let (rows, added, present, duplicates, rejected, encoding) = if dry_run {
        let p = preview_csv(&store, &bytes)?;
        (
            p.rows,
            p.new,
            p.already_present,
            p.duplicates,
            p.rejected,
            p.encoding,
        )
    } else {
        let r = import_csv(&mut store, &bytes, Utc::now())?;
        (
            r.rows,
            r.added,
            r.already_present,
            r.duplicates,
            r.rejected,
            r.encoding,
        )
    };
    if encoding != "utf-8" {
        let _ = writeln!(out, "{}", tr!(lang, "cli-import-windows-1252"));
    }
    for row in &rejected {
        let reasons: Vec<String> = row.errors.iter().map(|e| e.message(lang)).collect();
        let reasons = reasons.join(" ");
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-import-rejected-line",
                line = row.line,
                reasons = reasons
            )
        );
    }
    for d in &duplicates {
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-import-duplicate-line",
                line = d.line,
                first_line = d.first_line
            )
        );
    }
    let rejected = rejected.len();
    let summary = tr!(
        lang,
        "cli-import-summary",
        dry_run = if dry_run { "yes" } else { "no" },
        rows = rows,
        added = added,
        present = present,
        rejected = rejected
    );
    let _ = writeln!(out, "{summary}");
    if rejected == 0 {
        return Ok(0);
    }
    let _ = writeln!(out, "{}", tr!(lang, "cli-import-fix-and-retry"));
    Ok(EXIT_ROWS_REJECTED)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ListFormat {
    Table,
    Json,
    Csv,
}

impl ListFormat {
    fn of(json: bool, csv: bool) -> ListFormat {
        match (json, csv) {
            (true, _) => ListFormat::Json,
            (_, true) => ListFormat::Csv,
            _ => ListFormat::Table,
        }
    }
}

fn list(
    format: ListFormat,
    search: Option<String>,
    job_id: Option<i64>,
    status: Option<String>,
    limit: Option<u32>,
    lang: Lang,
) -> Result<i32, CoreError> {
    let status = status
        .as_deref()
        .map(ApplicationStatus::parse)
        .transpose()?;
    let invitations = invitations()?;
    let store = invitations.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), lang);
    let query = ListQuery {
        search,
        job_id,
        status,
        sort: SortKey::Applied,
        descending: false,
        limit,
        offset: 0,
    };
    let rows: Vec<_> = store
        .list_every(&query)?
        .iter()
        .map(|r| view.application(r))
        .collect();
    let mut out = std::io::stdout().lock();
    if format == ListFormat::Csv {
        jobgate_core::export::write_applications_csv(&rows, &mut out)?;
        return Ok(0);
    }
    if format == ListFormat::Json {
        let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
        let _ = writeln!(out, "{text}");
        return Ok(0);
    }
    for r in &rows {
        let link = r
            .link
            .as_ref()
            .map(|l| format!("{} ({})", l.start_url, l.expires_at_local))
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "{:>5}  {:<24}  {:<30}  {:<24}  {:<12}  {}",
            r.application_id, r.candidate_name, r.email, r.job_title, r.invitation_status, link
        );
    }
    if rows.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-list-empty"));
    }
    Ok(0)
}

fn invite(application_id: i64, yes: bool, lang: Lang) -> Result<i32, CoreError> {
    let store = open_store()?;
    let app = store.application(application_id)?;
    let (name, job) = (&app.candidate_name, &app.job_title);
    if !yes {
        let (name, job) = (name.as_str(), job.as_str());
        eprintln!(
            "{}",
            tr!(
                lang,
                "cli-invite-confirm",
                name = name,
                job = job,
                id = application_id
            )
        );
        return Ok(EXIT_USAGE);
    }
    let invitations = invitations()?;
    let result = block_on(invitations.invite(application_id, Utc::now))??;

    let store = invitations.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), lang);
    let app = store.application(application_id)?;
    if let Some(link) = app.link.as_ref().map(|l| view.link(l)) {
        let (name, url) = (name.as_str(), link.start_url.as_str());
        let headline = if result.link_created {
            tr!(lang, "cli-invite-link-created", name = name, url = url)
        } else {
            tr!(lang, "cli-invite-link-kept", name = name, url = url)
        };
        let expiry = tr!(
            lang,
            "cli-invite-expires",
            expires = link.expires_at_local.as_str()
        );
        println!("{headline}\n{expiry}");
    }
    Ok(report_email(
        &app.email,
        result.email,
        EmailKind::Invitation,
        lang,
    ))
}

/// Prints what happened to an email and returns the exit code (1 if it did not go out).
fn report_email(email: &str, outcome: EmailOutcome, kind: EmailKind, lang: Lang) -> i32 {
    let kind = match kind {
        EmailKind::Invitation => "invitation",
        EmailKind::Extension => "extension",
    };
    match outcome {
        EmailOutcome::Sent(ref receipt) | EmailOutcome::SentUnrecorded { ref receipt, .. }
            if receipt.dry_run =>
        {
            let reply = receipt.reply.as_str();
            println!(
                "{}",
                tr!(lang, "cli-email-dry-run", email = email, reply = reply)
            );
            0
        }
        EmailOutcome::Sent(ref receipt) | EmailOutcome::SentUnrecorded { ref receipt, .. } => {
            let (code, reply) = (receipt.code, receipt.reply.as_str());
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-email-sent",
                    kind = kind,
                    email = email,
                    code = code,
                    reply = reply
                )
            );
            if matches!(outcome, EmailOutcome::SentUnrecorded { .. }) {
                eprintln!("{}", tr!(lang, "cli-email-unrecorded"));
            }
            0
        }
        EmailOutcome::Failed(e) => {
            let message = e.message(lang);
            eprintln!(
                "{}",
                tr!(lang, "cli-email-failed", kind = kind, message = message)
            );
            EXIT_FAILURE
        }
        EmailOutcome::AlreadySent { sent_at } => {
            let when = sent_at
                .map(|t| format_local(t, recruiter_zone(), lang))
                .unwrap_or_default();
            println!(
                "{}",
                tr!(lang, "cli-email-already-sent", email = email, when = when)
            );
            0
        }
        EmailOutcome::InProgress => {
            println!("{}", tr!(lang, "cli-email-in-progress"));
            0
        }
    }
}

fn invite_job(job: i64, yes: bool, over_quota: bool, lang: Lang) -> Result<i32, CoreError> {
    let ids = invitations()?.awaiting_invitation(job, Utc::now())?;
    if ids.is_empty() {
        println!("{}", tr!(lang, "cli-batch-none-awaiting", job = job));
        return Ok(0);
    }
    invite_batch(ids, yes, over_quota, lang)
}

/// Several invitations at once: links and outbox rows first, then the emails
/// over the configured number of connections, each outcome printed as it comes.
fn invite_batch(ids: Vec<i64>, yes: bool, over_quota: bool, lang: Lang) -> Result<i32, CoreError> {
    let invitations = invitations()?;
    let n = ids.len();
    if !yes {
        eprintln!("{}", tr!(lang, "cli-batch-confirm", count = n));
        return Ok(EXIT_USAGE);
    }
    let quota = invitations.quota_check(n, Utc::now())?;
    if quota.exceeds && !over_quota {
        let (sent, quota) = (quota.sent_last_24h, quota.quota);
        eprintln!(
            "{}",
            tr!(
                lang,
                "cli-batch-over-quota",
                sent = sent,
                count = n,
                quota = quota
            )
        );
        return Ok(EXIT_USAGE);
    }
    let emails: std::collections::HashMap<i64, String> = {
        let store = invitations.store()?;
        ids.iter()
            .filter_map(|id| store.application(*id).ok().map(|a| (*id, a.email)))
            .collect()
    };
    let email_of = |id: i64| emails.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let on_event = |event: BatchEvent| match event {
        BatchEvent::Started {
            to_send, dry_run, ..
        } => {
            if dry_run {
                println!("{}", tr!(lang, "cli-batch-dry-run"));
            }
            println!("{}", tr!(lang, "cli-batch-to-send", count = to_send));
        }
        BatchEvent::Sent {
            application_id,
            smtp_code,
        } => {
            let email = email_of(application_id);
            println!(
                "{}",
                tr!(lang, "cli-batch-sent", email = email, code = smtp_code)
            );
        }
        BatchEvent::Failed {
            application_id,
            fr,
            en,
            will_retry,
            ..
        } => {
            let message = if lang == Lang::Fr { fr } else { en };
            let will_retry = if will_retry { "yes" } else { "no" };
            let email = email_of(application_id);
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-batch-failed",
                    email = email,
                    message = message,
                    will_retry = will_retry
                )
            );
        }
        BatchEvent::Skipped {
            application_id,
            reason,
        } => {
            let email = email_of(application_id);
            println!(
                "{}",
                tr!(lang, "cli-batch-skipped", email = email, reason = reason)
            );
        }
        BatchEvent::Finished { .. } => {}
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report =
        block_on(invitations.invite_many(&ids, &BatchOptions::default(), &cancel, &on_event))??;
    println!(
        "{}",
        tr!(
            lang,
            "cli-batch-summary",
            sent = report.sent,
            failed = report.failed,
            skipped = report.skipped,
            total = report.total
        )
    );
    if report.unrecorded > 0 {
        eprintln!(
            "{}",
            tr!(lang, "cli-batch-unrecorded", count = report.unrecorded)
        );
    }
    Ok(if report.failed > 0 { EXIT_FAILURE } else { 0 })
}

fn config(action: ConfigAction) -> Result<i32, CoreError> {
    let mut store = open_store()?;
    match action {
        ConfigAction::Get { name } => {
            println!("{}", store.setting(&name)?);
            let env_override = match name.as_str() {
                settings::BASE_URL => Some(settings::BASE_URL_ENV),
                settings::FROM => Some(settings::FROM_ENV),
                _ => None,
            };
            if let Some(var) = env_override {
                if let Some(value) = std::env::var(var).ok().filter(|v| !v.trim().is_empty()) {
                    eprintln!("({var} = {value})");
                }
            }
        }
        ConfigAction::Set { name, value } => {
            let stored = store.set_setting(&name, &value)?;
            println!("{name} = {stored}");
        }
    }
    Ok(0)
}

fn key(action: KeyAction, lang: Lang) -> Result<i32, CoreError> {
    let keyring = OsKeyring::new();
    match action {
        KeyAction::Set => {
            let mut raw = String::new();
            std::io::stdin().read_to_string(&mut raw)?;
            let key = ApiKey::parse(&raw)?;
            keyring.set(&key)?;
            println!("{}", tr!(lang, "cli-key-stored", hint = key.hint()));
        }
        KeyAction::Status => {
            let status = secret::status(&keyring);
            if let Some(e) = status.keyring_error {
                eprintln!("{}", if lang == Lang::Fr { e.fr } else { e.en });
                return Ok(EXIT_FAILURE);
            }
            let line = match (status.hint, status.source) {
                (Some(hint), Some(KeySource::Environment)) => {
                    let variable = secret::API_KEY_ENV;
                    tr!(
                        lang,
                        "cli-key-from-environment",
                        variable = variable,
                        hint = hint
                    )
                }
                (Some(hint), _) => tr!(lang, "cli-key-stored", hint = hint),
                (None, _) => tr!(lang, "cli-key-none"),
            };
            println!("{line}");
            if !status.set {
                return Ok(EXIT_FAILURE);
            }
        }
        KeyAction::Delete => {
            let deleted = keyring.delete()?;
            let id = if deleted {
                "cli-key-deleted"
            } else {
                "cli-key-was-none"
            };
            println!("{}", tr!(lang, id));
        }
    }
    Ok(0)
}

/// The database with this process's lease: emails a dead process left
/// half-sent are marked unknown first.
fn invitations() -> Result<Invitations, CoreError> {
    let invitations = Invitations::open(&paths::data_dir()?, Box::new(OsKeyring::new()))?;
    crate::logging::apply_setting(&invitations.store()?.setting(settings::LOG_LEVEL)?);
    Ok(invitations)
}

fn outbox(json: bool, limit: u32, lang: Lang) -> Result<i32, CoreError> {
    let invitations = invitations()?;
    let store = invitations.store()?;
    let base_url = store.base_url()?;
    let view = View::for_recruiter(&base_url, Utc::now(), lang);
    let rows: Vec<_> = store
        .list_outbox(limit)?
        .iter()
        .map(|r| view.outbox(r))
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
        );
        return Ok(0);
    }
    for r in &rows {
        let detail = r
            .error
            .clone()
            .or_else(|| r.reply.clone())
            .unwrap_or_default();
        println!(
            "{:>5}  {:<17}  {:<30}  {:>3}  {}",
            r.outbox_id,
            r.state.as_str(),
            r.recipient,
            r.smtp_code.map(|c| c.to_string()).unwrap_or_default(),
            detail
        );
    }
    if rows.is_empty() {
        println!("{}", tr!(lang, "cli-outbox-empty"));
    }
    Ok(0)
}

fn check(lang: Lang) -> Result<i32, CoreError> {
    let invitations = invitations()?;
    let config = invitations.mail_settings()?.smtp;
    block_on(invitations.check_connection())??;
    let (host, port, security) = (config.host.as_str(), config.port, config.security.as_str());
    println!(
        "{}",
        tr!(
            lang,
            "cli-check-ok",
            host = host,
            port = port,
            security = security
        )
    );
    Ok(0)
}

fn send_test(address: &str, lang: Lang) -> Result<i32, CoreError> {
    let receipt = block_on(invitations()?.send_test(address))??;
    let (code, reply) = (receipt.code, receipt.reply.as_str());
    println!(
        "{}",
        tr!(
            lang,
            "cli-send-test-ok",
            email = address,
            code = code,
            reply = reply
        )
    );
    Ok(0)
}
