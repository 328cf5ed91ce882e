//! `jobgate backup FILE`, `jobgate restore FILE --yes` and `jobgate about`:
//! the recruiter's data as one file, and what support asks for first.

use std::path::Path;

use chrono::Utc;
use jobgate_core::restore::{RestorePlan, RestoreTarget};
use jobgate_core::store::backup::BackupSummary;
use jobgate_core::store::Store;
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{paths, CoreError, Lang};

use jobgate_core::tr;

use super::EXIT_USAGE;

pub fn backup(file: &Path, lang: Lang) -> Result<i32, CoreError> {
    let store = super::open_store()?;
    let made = store.backup_to(file)?;
    tracing::info!(
        applications = made.applications,
        bytes = made.bytes,
        "backup written (CLI)"
    );
    println!(
        "{}",
        tr!(
            lang,
            "cli-backup-written",
            path = file.display().to_string(),
            applications = made.applications,
            job_offers = made.job_offers,
            links = made.links,
            emails = made.emails,
            bytes = made.bytes
        )
    );
    Ok(0)
}

fn describe(summary: &BackupSummary, lang: Lang) -> String {
    let when = summary
        .modified_at
        .map(|at| format_local(at, recruiter_zone(), lang))
        .unwrap_or_else(|| "?".into());
    tr!(
        lang,
        "cli-backup-described",
        path = summary.path.as_str(),
        when = when,
        applications = summary.applications,
        job_offers = summary.job_offers,
        links = summary.links,
        emails = summary.emails,
        schema = summary.schema_version
    )
}

pub fn restore(file: &Path, yes: bool, lang: Lang) -> Result<i32, CoreError> {
    let data_dir = paths::data_dir()?;
    let plan = RestorePlan::prepare(&data_dir, file, None)?;
    println!("{}", describe(plan.summary(), lang));
    // Where the API key is sent: every change shown before anything is done.
    let changes = plan.changes_in_data_folder()?;
    for change in &changes {
        let (current, backup) = (change.current.as_str(), change.backup.as_str());
        println!(
            "{}",
            tr!(
                lang,
                "cli-restore-key-destination",
                name = change.name,
                current = current,
                backup = backup
            )
        );
    }
    if !yes {
        eprintln!("{}", tr!(lang, "cli-restore-confirm"));
        return Ok(EXIT_USAGE);
    }
    // In place if the data opens, else over the damaged (or newer) file.
    let report = plan.apply(RestoreTarget::Either, &changes, Utc::now())?;
    tracing::info!(
        applications = report.restored.applications,
        upgraded_from = report.upgraded_from,
        "backup restored (CLI)"
    );
    println!("{}", report.describe(lang));
    Ok(0)
}

pub fn about(lang: Lang) -> Result<i32, CoreError> {
    let data_dir = paths::data_dir()?;
    let store = Store::open(&paths::database_path(&data_dir));
    let schema = match &store {
        Ok(store) => store.schema_version()?.to_string(),
        Err(e) => e.message(lang),
    };
    let logs = crate::logging::directory()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| paths::log_dir(&data_dir).display().to_string());
    let latest = jobgate_core::latest_schema_version();
    println!("JobGate");
    println!(
        "{}",
        tr!(
            lang,
            "cli-about-version",
            version = env!("CARGO_PKG_VERSION")
        )
    );
    println!(
        "{}",
        tr!(lang, "cli-about-schema", schema = schema, latest = latest)
    );
    let data = data_dir.display().to_string();
    println!("{}", tr!(lang, "cli-about-data", path = data));
    println!("{}", tr!(lang, "cli-about-logs", path = logs));
    println!("SQLite: {}", jobgate_core::store::sqlite_version());
    // What was done for candidates' rights, to show the CNIL (issue 14, item 6).
    if let Ok(store) = &store {
        let log = store.rgpd_log(20)?;
        if log.is_empty() {
            println!("{}", tr!(lang, "cli-about-register-empty"));
        } else {
            println!("{}", tr!(lang, "cli-about-register"));
            let zone = jobgate_core::time::recruiter_zone();
            for entry in &log {
                let date = jobgate_core::time::format_local(entry.at, zone, lang);
                let (action, actor) = (entry.action.code(), entry.actor.as_str());
                println!(
                    "  {}",
                    tr!(
                        lang,
                        "rgpd-log_line",
                        date = date,
                        action = action,
                        count = entry.count,
                        actor = actor
                    )
                );
            }
        }
    }
    Ok(0)
}
