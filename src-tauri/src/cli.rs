//! The command line: `jobgate import|list|invite|config|key|check|send-test|outbox`,
//! the lifecycle commands `application`, `link`, `links`, `job` (`cli/lifecycle.rs`),
//! and a candidate's rights, `candidate export|erase` (`cli/candidate.rs`).
//! Same core, same database, no window.
//!
//! Exit codes: 0 success; 1 failure (the message says why and what to do);
//! 2 usage error or a refused confirmation; 3 import finished but some rows were rejected.

mod applications;
mod candidate;
mod data;
mod invitations;
mod lifecycle;
mod retention;
mod settings;
mod template;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};
use jobgate_core::invitations::Invitations;
use jobgate_core::lease::ProcessLease;
use jobgate_core::secret::OsKeyring;
use jobgate_core::store::Store;
use jobgate_core::{paths, tr, CoreError, Lang};

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
        /// Importe aussi les candidats effacés à leur demande (RGPD), ignorés sinon /
        /// also import candidates erased at their request (GDPR), skipped otherwise.
        #[arg(long)]
        include_erased: bool,
    },
    /// Liste les candidatures / list applications.
    List {
        /// Sortie JSON (un tableau) / JSON output (an array).
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Sortie CSV, celle d'« Exporter la liste » (langue de l'interface, pour un tableur) /
        /// CSV output, the window's "Export the list" (interface language, for a spreadsheet).
        #[arg(long)]
        csv: bool,
        /// Avec --csv : la forme pour les programmes (virgules, codes, UTC, sans BOM) /
        /// with --csv: the form for programs (commas, codes, UTC, no BOM).
        #[arg(long, requires = "csv")]
        machine: bool,
        /// Filtre texte sur nom, e-mail ou poste / text filter on name, email or job.
        #[arg(long)]
        search: Option<String>,
        /// Seulement cette offre / only this job offer.
        #[arg(long = "job")]
        job_id: Option<i64>,
        /// Seulement ce statut / only this status (new, invited, interviewed, rejected, hired, withdrawn).
        #[arg(long)]
        status: Option<String>,
        /// Seulement cette étape, celle du graphique de l'offre / only this stage, the offer chart's
        /// (not_invited, link_created, sending, sent, failed, unknown, expired, revoked,
        /// interviewed, hired, rejected, withdrawn).
        #[arg(long)]
        stage: Option<String>,
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
    /// Les droits d'un candidat (RGPD) : exporter ses données, l'effacer /
    /// a candidate's rights (GDPR): export their data, erase them.
    Candidate {
        #[command(subcommand)]
        action: candidate::CandidateAction,
    },
    /// Durée de conservation : qui la dépasse, et les effacer /
    /// retention period: who is past it, and erasing them.
    Retention {
        #[command(subcommand)]
        action: retention::RetentionAction,
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
    /// Tous les réglages, leur valeur et leur libellé / every setting, its value and label.
    List,
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
        Command::Import {
            file,
            dry_run,
            include_erased,
        } => applications::import(&file, dry_run, include_erased, lang),
        Command::List {
            json,
            csv,
            machine,
            search,
            job_id,
            status,
            stage,
            limit,
        } => applications::list(
            applications::ListFormat::of(json, csv, machine),
            applications::ListFilter {
                search,
                job_id,
                status,
                stage,
            },
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
            (None, [single]) => invitations::invite(*single, yes, lang),
            (Some(job), _) => invitations::invite_job(job, yes, over_quota, lang),
            (None, ids) => invitations::invite_batch(ids.to_vec(), yes, over_quota, lang),
        },
        Command::Config { action } => settings::config(action, lang),
        Command::Key { action } => settings::key(action, lang),
        Command::Check => settings::check(lang),
        Command::SendTest { address } => settings::send_test(&address, lang),
        Command::Outbox { json, limit } => invitations::outbox(json, limit, lang),
        Command::Application { action } => lifecycle::application(action, lang),
        Command::Link { action } => lifecycle::link(action, lang),
        Command::Links { action } => lifecycle::links(action, lang),
        Command::Job { action } => lifecycle::job(action, lang),
        Command::Candidate { action } => candidate::candidate(action, lang),
        Command::Retention { action } => retention::retention(action, lang),
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
    crate::logging::apply_setting(&store.setting(jobgate_core::settings::LOG_LEVEL)?);
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

/// The database with this process's lease: emails a dead process left
/// half-sent are marked unknown first.
pub(crate) fn open_invitations() -> Result<Invitations, CoreError> {
    let invitations = Invitations::open(&paths::data_dir()?, Box::new(OsKeyring::new()))?;
    crate::logging::apply_setting(
        &invitations
            .store()?
            .setting(jobgate_core::settings::LOG_LEVEL)?,
    );
    Ok(invitations)
}
