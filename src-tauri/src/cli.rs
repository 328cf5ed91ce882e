//! The command line: `jobgate import|list|invite|config ...`. Same core, same
//! database, no window.
//!
//! Exit codes: 0 success; 1 failure (the message says why and what to do);
//! 2 usage error or a refused confirmation; 3 import finished but some rows were rejected.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;
use clap::{Parser, Subcommand};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::View;
use jobgate_core::import::import_csv;
use jobgate_core::store::{ListQuery, SortKey, Store};
use jobgate_core::{paths, settings, CoreError, Lang};

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
    },
    /// Liste les candidatures / list applications.
    List {
        /// Sortie JSON (un tableau) / JSON output (an array).
        #[arg(long)]
        json: bool,
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
    /// Crée le lien d'entretien d'une candidature / create an application's interview link.
    Invite {
        /// Numéro de la candidature (application_id) / application id.
        application_id: i64,
        /// Confirme l'invitation (obligatoire) / confirms the invitation (required).
        #[arg(long)]
        yes: bool,
    },
    /// Lit ou modifie un réglage / read or change a setting.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigAction {
    /// Affiche un réglage / show a setting.
    Get { name: String },
    /// Modifie un réglage / change a setting.
    Set { name: String, value: String },
}

const SUBCOMMANDS: &[&str] = &["import", "list", "invite", "config", "help"];

/// True when the arguments ask for the command line rather than the window.
/// Anything else (no argument, or arguments a launcher or WebDriver adds)
/// opens the window.
pub fn wants_cli(args: &[OsString]) -> bool {
    match args.get(1).and_then(|a| a.to_str()) {
        Some(first) => {
            SUBCOMMANDS.contains(&first) || matches!(first, "-h" | "--help" | "-V" | "--version")
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
    match execute(cli.command, lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", error_text(&e, lang));
            EXIT_FAILURE
        }
    }
}

fn error_text(e: &CoreError, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("Erreur : {}", e.message(Lang::Fr)),
        Lang::En => format!("Error: {}", e.message(Lang::En)),
    }
}

fn open_store() -> Result<Store, CoreError> {
    Store::open(&paths::database_path(&paths::data_dir()?))
}

fn execute(command: Command, lang: Lang) -> Result<i32, CoreError> {
    let now = Utc::now();
    let mut out = std::io::stdout().lock();
    match command {
        Command::Import { file } => {
            let bytes = std::fs::read(&file)?;
            let mut store = open_store()?;
            let report = import_csv(&mut store, &bytes, now)?;
            for row in &report.rejected {
                let reasons: Vec<String> = row.errors.iter().map(|e| e.message(lang)).collect();
                let _ = match lang {
                    Lang::Fr => writeln!(out, "ligne {} ignorée : {}", row.line, reasons.join(" ")),
                    Lang::En => writeln!(out, "line {} skipped: {}", row.line, reasons.join(" ")),
                };
            }
            let _ = match lang {
                Lang::Fr => writeln!(
                    out,
                    "{} ligne(s) lue(s) : {} candidature(s) ajoutée(s), {} déjà présente(s), {} rejetée(s).",
                    report.rows, report.added, report.already_present, report.rejected.len()
                ),
                Lang::En => writeln!(
                    out,
                    "{} row(s) read: {} application(s) added, {} already present, {} rejected.",
                    report.rows, report.added, report.already_present, report.rejected.len()
                ),
            };
            if report.rejected.is_empty() {
                Ok(0)
            } else {
                let _ = match lang {
                    Lang::Fr => writeln!(out, "Corrigez les lignes indiquées puis réimportez le fichier : les lignes déjà importées ne seront pas dupliquées."),
                    Lang::En => writeln!(out, "Fix the lines above and import the file again: rows already imported will not be duplicated."),
                };
                Ok(EXIT_ROWS_REJECTED)
            }
        }
        Command::List {
            json,
            search,
            job_id,
            status,
            limit,
        } => {
            let status = status
                .as_deref()
                .map(ApplicationStatus::parse)
                .transpose()?;
            let store = open_store()?;
            let base_url = store.base_url()?;
            let view = View::for_recruiter(&base_url, now, lang);
            let query = ListQuery {
                search,
                job_id,
                status,
                sort: SortKey::Applied,
                descending: false,
                limit: Some(limit.unwrap_or(jobgate_core::store::MAX_PAGE_SIZE)),
                offset: 0,
            };
            let page = store.list_applications(&query)?;
            let rows: Vec<_> = page.rows.iter().map(|r| view.application(r)).collect();
            if json {
                let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
                let _ = writeln!(out, "{text}");
            } else {
                for r in &rows {
                    let link = r
                        .link
                        .as_ref()
                        .map(|l| format!("{} ({})", l.start_url, l.expires_at_local))
                        .unwrap_or_else(|| "-".into());
                    let _ = writeln!(
                        out,
                        "{:>5}  {:<24}  {:<30}  {:<24}  {:<11}  {}",
                        r.application_id, r.candidate_name, r.email, r.job_title, r.status, link
                    );
                }
                if rows.is_empty() {
                    let _ = match lang {
                        Lang::Fr => writeln!(out, "Aucune candidature. Importez-en avec : jobgate import candidatures.csv"),
                        Lang::En => writeln!(out, "No applications. Import some with: jobgate import applications.csv"),
                    };
                }
            }
            Ok(0)
        }
        Command::Invite {
            application_id,
            yes,
        } => {
            let mut store = open_store()?;
            let app = store.application(application_id)?;
            if !yes {
                let _ = match lang {
                    Lang::Fr => writeln!(std::io::stderr(), "Rien n'a été fait : pour inviter {} ({}) à l'entretien vidéo différé, confirmez en ajoutant --yes :\n  jobgate invite {application_id} --yes", app.candidate_name, app.job_title),
                    Lang::En => writeln!(std::io::stderr(), "Nothing done: to invite {} ({}) to the asynchronous video interview, confirm by adding --yes:\n  jobgate invite {application_id} --yes", app.candidate_name, app.job_title),
                };
                return Ok(EXIT_USAGE);
            }
            let outcome = store.create_or_get_link(application_id, now)?;
            let base_url = store.base_url()?;
            let view = View::for_recruiter(&base_url, now, lang);
            let link = view.link(&outcome.link);
            let name = &app.candidate_name;
            let headline = match (lang, outcome.created) {
                (Lang::Fr, true) => format!("Lien créé pour {name} :"),
                (Lang::Fr, false) => format!("{name} a déjà un lien valide :"),
                (Lang::En, true) => format!("Link created for {name}:"),
                (Lang::En, false) => format!("{name} already has a valid link:"),
            };
            let expiry = match lang {
                Lang::Fr => format!("Ce lien expire le {}.", link.expires_at_local),
                Lang::En => format!("This link expires on {}.", link.expires_at_local),
            };
            let _ = writeln!(out, "{headline} {}\n{expiry}", link.start_url);
            Ok(0)
        }
        Command::Config { action } => {
            let mut store = open_store()?;
            match action {
                ConfigAction::Get { name } => {
                    let value = store.setting(&name)?;
                    let _ = writeln!(out, "{value}");
                    if name == settings::BASE_URL {
                        if let Some(env) = settings::base_url_from_env()? {
                            let _ =
                                writeln!(std::io::stderr(), "({} = {env})", settings::BASE_URL_ENV);
                        }
                    }
                }
                ConfigAction::Set { name, value } => {
                    let stored = store.set_setting(&name, &value)?;
                    let _ = writeln!(out, "{name} = {stored}");
                }
            }
            Ok(0)
        }
    }
}
