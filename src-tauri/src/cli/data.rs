//! `jobgate backup FILE`, `jobgate restore FILE --yes` and `jobgate about`:
//! the recruiter's data as one file, and what support asks for first.

use std::path::Path;

use chrono::Utc;
use jobgate_core::store::backup::{BackupSummary, CheckedBackup};
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
    let checked = CheckedBackup::open(file, &data_dir)?;
    println!("{}", describe(&checked.summary, lang));
    // Where the API key is sent: every change shown before anything is done.
    if let Ok(store) = Store::open(&paths::database_path(&data_dir)) {
        for name in jobgate_core::settings::KEY_DESTINATION {
            let (current, backup) = (store.setting(name)?, checked.setting(name)?);
            if current != backup {
                let (current, backup) = (current.as_str(), backup.as_str());
                println!(
                    "{}",
                    tr!(
                        lang,
                        "cli-restore-key-destination",
                        name = *name,
                        current = current,
                        backup = backup
                    )
                );
            }
        }
    }
    if !yes {
        eprintln!("{}", tr!(lang, "cli-restore-confirm"));
        return Ok(EXIT_USAGE);
    }
    // A window or a command working on the data meanwhile would write into
    // the data being replaced (or send from it).
    let others = jobgate_core::lease::others_alive(&data_dir, None);
    if others > 0 {
        return Err(CoreError::RestoreWhileOtherProcess { count: others });
    }
    let database = paths::database_path(&data_dir);
    let safety = paths::safety_dir(&data_dir);
    let report = match Store::verify(&database).and_then(|()| Store::open(&database)) {
        Ok(mut store) => store.restore_from(&checked, &safety, Utc::now())?,
        Err(CoreError::DatabaseDamaged { .. } | CoreError::DatabaseTooNew { .. }) => {
            checked.replace_unusable(&database, &safety, Utc::now())?
        }
        Err(e) => return Err(e),
    };
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
    let schema = match Store::open(&paths::database_path(&data_dir)) {
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
    Ok(0)
}
