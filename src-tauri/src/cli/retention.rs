//! `jobgate retention list|apply`: who is past the retention limit
//! (`retention_months`, RGPD issue 14, item 4) and erasing them, only ever
//! on `--yes`. The window's banner runs the same core calls.

use chrono::Utc;
use clap::Subcommand;
use jobgate_core::retention;
use jobgate_core::time::{format_date, recruiter_zone};
use jobgate_core::{tr, CoreError, Lang};

use super::{open_invitations, EXIT_USAGE};

#[derive(Debug, Subcommand)]
pub enum RetentionAction {
    /// Les candidats dont la dernière activité dépasse la durée de conservation, et pourquoi /
    /// the candidates whose last activity is past the retention period, and why.
    List {
        /// Sortie JSON / JSON output.
        #[arg(long)]
        json: bool,
        /// Compte aussi les candidats recrutés / counts hired candidates too.
        #[arg(long)]
        include_hired: bool,
    },
    /// Efface ces candidats comme à leur demande (définitif) /
    /// erases those candidates as at their request (final).
    Apply {
        /// Confirme l'effacement (obligatoire) / confirms the erasure (required).
        #[arg(long)]
        yes: bool,
        /// Efface aussi les candidats recrutés / erases hired candidates too.
        #[arg(long)]
        include_hired: bool,
    },
}

pub fn retention(action: RetentionAction, lang: Lang) -> Result<i32, CoreError> {
    let invitations = open_invitations()?;
    let now = Utc::now();
    match action {
        RetentionAction::List {
            json,
            include_hired,
        } => {
            let (months, overdue) = {
                let store = invitations.store()?;
                let months = retention::retention_months(&store)?;
                (months, store.past_retention(months, include_hired, now)?)
            };
            if json {
                let text = serde_json::to_string_pretty(&overdue).unwrap_or_else(|_| "[]".into());
                println!("{text}");
                return Ok(0);
            }
            if months == 0 {
                println!("{}", tr!(lang, "cli-retention-off"));
                return Ok(0);
            }
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-retention-count",
                    count = overdue.len(),
                    months = months
                )
            );
            let zone = recruiter_zone();
            for o in &overdue {
                let date = format_date(o.last_activity_at, zone, lang);
                let why = tr!(
                    lang,
                    "retention-why",
                    activity = o.last_activity.code(),
                    date = date,
                    months = o.months_inactive
                );
                let hired = if o.hired {
                    format!(" {}", tr!(lang, "cli-retention-hired"))
                } else {
                    String::new()
                };
                println!("  {} <{}> — {why}{hired}", o.name, o.email);
            }
            if !overdue.is_empty() {
                println!("{}", tr!(lang, "cli-retention-how"));
            }
            Ok(0)
        }
        RetentionAction::Apply { yes, include_hired } => {
            if !yes {
                let (months, count) = {
                    let store = invitations.store()?;
                    let months = retention::retention_months(&store)?;
                    let count = store.past_retention(months, include_hired, now)?.len();
                    (months, count)
                };
                eprintln!(
                    "{}",
                    tr!(
                        lang,
                        "cli-retention-confirm",
                        count = count,
                        months = months
                    )
                );
                return Ok(EXIT_USAGE);
            }
            let run = retention::apply_retention(&invitations, include_hired, now)?;
            println!(
                "{}",
                tr!(
                    lang,
                    "cli-retention-applied",
                    count = run.erased,
                    months = run.months
                )
            );
            if run.left_sending > 0 {
                eprintln!(
                    "{}",
                    tr!(lang, "cli-retention-left-sending", count = run.left_sending)
                );
            }
            if !run.compacted {
                eprintln!("{}", tr!(lang, "cli-candidate-erased-not-compacted"));
            }
            Ok(0)
        }
    }
}
