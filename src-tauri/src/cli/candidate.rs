//! `jobgate candidate export|erase`: a candidate's rights (RGPD, issue 14),
//! the candidate found by their address (any case, as stored). The window's
//! "Exporter ses données" and "Effacer ce candidat (RGPD)" (`commands/rgpd.rs`)
//! run the same core calls.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use jobgate_core::dto::View;
use jobgate_core::files::DataFolder;
use jobgate_core::rgpd::{self, PersonalDataExport};
use jobgate_core::store::{RgpdAction, Store};
use jobgate_core::{paths, tr, CoreError, Lang};

use super::{open_invitations, EXIT_USAGE};

#[derive(Debug, Subcommand)]
pub enum CandidateAction {
    /// Exporte en JSON tout ce que JobGate garde sur ce candidat (droit d'accès) /
    /// export as JSON everything JobGate holds about this candidate (right of access).
    Export {
        /// Adresse email du candidat (majuscules indifférentes) / the candidate's address (any case).
        email: String,
        /// Fichier de sortie (sinon la sortie standard) / output file (else standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Efface ce candidat à sa demande : liens révoqués, emails en attente retirés, nom,
    /// adresse, liens et textes supprimés / erase this candidate at their request: links
    /// revoked, waiting emails withdrawn, name, address, links and texts removed.
    Erase {
        /// Adresse email du candidat (majuscules indifférentes) / the candidate's address (any case).
        email: String,
        /// Confirme l'effacement (obligatoire, définitif) / confirms the erasure (required, final).
        #[arg(long)]
        yes: bool,
    },
}

pub fn candidate(action: CandidateAction, lang: Lang) -> Result<i32, CoreError> {
    // With the lease, and what a dead process left `sending` marked unknown
    // first: such a row no longer holds an erasure back.
    let invitations = open_invitations()?;
    match action {
        CandidateAction::Export { email, output } => {
            let (document, applications) = {
                let store = invitations.store()?;
                let id = find(&store, &email)?;
                let records = store.personal_records(id)?;
                let base_url = store.base_url()?;
                let view = View::for_recruiter(&base_url, Utc::now(), lang);
                (
                    PersonalDataExport::new(&records, &view),
                    records.applications.len(),
                )
            };
            match &output {
                None => document.write_json(&mut std::io::stdout().lock())?,
                Some(path) => {
                    let data = DataFolder::new(paths::data_dir()?);
                    document.write_file(path, &data)?;
                    let path = path.display().to_string();
                    eprintln!(
                        "{}",
                        tr!(
                            lang,
                            "cli-candidate-exported",
                            count = applications,
                            path = path
                        )
                    );
                }
            }
            // Once the document is written, the register says it was.
            invitations
                .store()?
                .log_rgpd(RgpdAction::Export, 1, Utc::now())?;
            Ok(0)
        }
        CandidateAction::Erase { email, yes } => {
            let id = find(&*invitations.store()?, &email)?;
            if !yes {
                let plan = invitations.store()?.erasure_plan(id)?;
                let (name, email) = (plan.name.as_str(), plan.email.as_str());
                eprintln!(
                    "{}",
                    tr!(
                        lang,
                        "cli-candidate-erase-confirm",
                        name = name,
                        email = email,
                        applications = plan.applications,
                        links = plan.links,
                        emails = plan.emails
                    )
                );
                return Ok(EXIT_USAGE);
            }
            let erasure = rgpd::erase(&invitations, id, Utc::now())?;
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-candidate-erased",
                    id = id,
                    applications = erasure.applications,
                    links = erasure.links_revoked,
                    emails = erasure.emails_withdrawn
                )
            );
            if !erasure.compacted {
                eprintln!("{}", tr!(lang, "cli-candidate-erased-not-compacted"));
            }
            Ok(0)
        }
    }
}

/// The candidate with this address (any case), or the error saying there is none.
fn find(store: &Store, email: &str) -> Result<i64, CoreError> {
    store
        .candidate_by_email(email)?
        .ok_or_else(|| CoreError::NoCandidateWithEmail {
            email: email.trim().to_owned(),
        })
}
