//! `jobgate application|link|links|job`: an invitation's life after the link
//! is made, from the command line. Same core calls as the window's.

use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::View;
use jobgate_core::export::{write_links_csv, write_links_file};
use jobgate_core::store::{EmailKind, Stage};
use jobgate_core::{paths, settings, CoreError, Lang};

use jobgate_core::tr;

use super::invitations::report_email;
use super::{block_on, open_invitations, EXIT_USAGE};

#[derive(Debug, Subcommand)]
pub enum ApplicationAction {
    /// Change le statut / change the status (new, invited, interviewed, rejected, hired, withdrawn).
    /// rejected, hired, withdrawn révoquent le lien valide / revoke the valid link.
    Status { id: i64, status: String },
    /// L'historique : chaque action et chaque tentative d'envoi / the history: every action and send attempt.
    History {
        id: i64,
        /// Sortie JSON / JSON output.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LinkAction {
    /// Révoque le lien valide : il ne fonctionne plus / revoke the valid link: it stops working.
    Revoke { id: i64 },
    /// Prolonge le lien de N jours / extend the link by N days.
    Extend {
        id: i64,
        /// Nombre de jours (1 à 365) / number of days (1 to 365).
        #[arg(long)]
        days: u32,
        /// Envoie au candidat la nouvelle date / email the candidate the new date.
        #[arg(long)]
        notify: bool,
    },
    /// Renvoie l'invitation avec le même lien valide / send the invitation again, same valid link.
    Resend {
        id: i64,
        /// Confirme l'envoi (obligatoire) / confirms the email (required).
        #[arg(long)]
        yes: bool,
    },
    /// Affiche un lien mailto: avec le même objet et le même texte / print a mailto: link with the same subject and text.
    Mailto { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum LinksAction {
    /// Exporte tous les liens en CSV / export every link as CSV.
    Export {
        /// Seulement cette offre / only this job offer.
        #[arg(long = "job")]
        job_id: Option<i64>,
        /// Fichier de sortie (sinon la sortie standard) / output file (else standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobAction {
    /// Les offres et leurs candidatures par étape / job offers and their applications by stage.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Ferme l'offre : ses liens valides sont révoqués / close the offer: its valid links are revoked.
    Close { id: i64 },
    /// Rouvre l'offre / reopen the offer.
    Open { id: i64 },
    /// Durée de validité des nouveaux liens de l'offre, en jours / validity of the offer's new links, in days.
    Validity { id: i64, days: String },
}

pub fn application(action: ApplicationAction, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let mut store = invitations.store()?;
    match action {
        ApplicationAction::Status { id, status } => {
            let status = ApplicationStatus::parse(&status)?;
            let change = store.set_application_status(id, status, Utc::now())?;
            let (from, to) = (change.from.label(lang), change.to.label(lang));
            println!(
                "{}",
                tr!(lang, "cli-status-changed", id = id, from = from, to = to)
            );
            if change.revoked_link {
                println!("{}", tr!(lang, "cli-status-link-revoked"));
            }
            Ok(0)
        }
        ApplicationAction::History { id, json } => {
            let base_url = store.base_url()?;
            let view = View::for_recruiter(&base_url, Utc::now(), lang);
            let app = store.application(id)?;
            let timeline: Vec<_> = store
                .timeline(id)?
                .iter()
                .map(|e| view.timeline(e))
                .collect();
            if json {
                let history = jobgate_core::dto::HistoryDto {
                    application: view.application(&app),
                    timeline,
                };
                println!(
                    "{}",
                    serde_json::to_string_pretty(&history).unwrap_or_else(|_| "{}".into())
                );
                return Ok(0);
            }
            println!(
                "{} <{}> — {} ({})",
                app.candidate_name,
                app.email,
                app.job_title,
                app.status.label(lang)
            );
            for entry in timeline {
                let server = match (entry.smtp_code, entry.reply.as_deref()) {
                    (Some(code), Some(reply)) => format!(" — {code} {reply}"),
                    (Some(code), None) => format!(" — {code}"),
                    _ => String::new(),
                };
                println!("{}  {}{server}", entry.at_local, entry.text);
            }
            Ok(0)
        }
    }
}

pub fn link(action: LinkAction, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let view_link = |id: i64| -> Result<String, CoreError> {
        let store = invitations.store()?;
        let base_url = store.base_url()?;
        let view = View::for_recruiter(&base_url, Utc::now(), lang);
        let app = store.application(id)?;
        Ok(app
            .link
            .as_ref()
            .map(|l| view.link(l).expires_at_local)
            .unwrap_or_default())
    };
    match action {
        LinkAction::Revoke { id } => {
            invitations.store()?.revoke_link(id, Utc::now())?;
            println!("{}", tr!(lang, "cli-link-revoked", id = id));
            Ok(0)
        }
        LinkAction::Extend { id, days, notify } => {
            let (_, email) = block_on(invitations.extend(id, days, notify, Utc::now))??;
            let until = view_link(id)?;
            println!(
                "{}",
                tr!(lang, "cli-link-extended", id = id, until = until.as_str())
            );
            match email {
                None => Ok(0),
                Some(outcome) => {
                    let address = invitations.store()?.application(id)?.email;
                    Ok(report_email(&address, outcome, EmailKind::Extension, lang))
                }
            }
        }
        LinkAction::Resend { id, yes } => {
            let address = invitations.store()?.application(id)?.email;
            if !yes {
                let email = address.as_str();
                eprintln!(
                    "{}",
                    tr!(lang, "cli-resend-confirm", email = email, id = id)
                );
                return Ok(EXIT_USAGE);
            }
            let outcome = block_on(invitations.resend(id, Utc::now))??;
            Ok(report_email(&address, outcome, EmailKind::Invitation, lang))
        }
        LinkAction::Mailto { id } => {
            println!("{}", invitations.mailto(id, Utc::now())?);
            Ok(0)
        }
    }
}

pub fn links(action: LinksAction, lang: Lang) -> Result<i32, CoreError> {
    let LinksAction::Export { job_id, output } = action;
    let invitations = open_invitations()?;
    let (rows, base_url) = {
        let store = invitations.store()?;
        (store.export_links(job_id)?, store.base_url()?)
    };
    match output {
        None => {
            write_links_csv(&rows, &base_url, Utc::now(), std::io::stdout().lock())?;
        }
        Some(path) => {
            let data = jobgate_core::files::DataFolder::new(paths::data_dir()?);
            write_links_file(&path, &data, &rows, &base_url, Utc::now())?;
            let n = rows.len();
            let path = path.display();
            eprintln!(
                "{}",
                tr!(
                    lang,
                    "cli-links-exported",
                    count = n,
                    path = path.to_string()
                )
            );
        }
    }
    Ok(0)
}

pub fn job(action: JobAction, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let mut store = invitations.store()?;
    let now = Utc::now();
    match action {
        JobAction::List { json } => {
            let jobs = store.job_overview(now)?;
            let mut out = std::io::stdout().lock();
            if json {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&jobs).unwrap_or_else(|_| "[]".into())
                );
                return Ok(0);
            }
            for job in &jobs {
                let state = tr!(
                    lang,
                    "cli-job-state",
                    open = if job.open { "yes" } else { "no" }
                );
                let validity = tr!(
                    lang,
                    "cli-job-validity-short",
                    days = job.link_validity_days
                );
                let stages: Vec<String> = Stage::ALL
                    .iter()
                    .filter(|s| job.stages.get(s).copied().unwrap_or(0) > 0)
                    .map(|s| format!("{} {}", s.as_str(), job.stages[s]))
                    .collect();
                let _ = writeln!(
                    out,
                    "{:>4}  {:<30}  {:<8}  {:>5}  {:>5}  {}",
                    job.id,
                    job.title,
                    state,
                    validity,
                    job.applications,
                    stages.join(", ")
                );
            }
            Ok(0)
        }
        JobAction::Close { id } => {
            let revoked = store.set_job_open(id, false, now)?;
            println!(
                "{}",
                tr!(lang, "cli-job-closed", id = id, revoked = revoked)
            );
            Ok(0)
        }
        JobAction::Open { id } => {
            store.set_job_open(id, true, now)?;
            println!("{}", tr!(lang, "cli-job-reopened", id = id));
            Ok(0)
        }
        JobAction::Validity { id, days } => {
            let days = settings::parse_validity_days(&days)?;
            store.set_job_link_validity(id, days)?;
            println!("{}", tr!(lang, "cli-job-validity", id = id, days = days));
            Ok(0)
        }
    }
}
