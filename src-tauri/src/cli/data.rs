//! `jobgate backup FILE`, `jobgate restore FILE --yes` and `jobgate about`:
//! the recruiter's data as one file, and what support asks for first.

use std::path::Path;

use chrono::Utc;
use jobgate_core::store::backup::{BackupSummary, CheckedBackup};
use jobgate_core::store::Store;
use jobgate_core::time::{format_local, recruiter_zone};
use jobgate_core::{paths, CoreError, Lang};

use super::{say, EXIT_USAGE};

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
        say(
            lang,
            format!(
                "Sauvegarde écrite : {} ({} candidature(s), {} offre(s), {} lien(s), {} email(s), {} octets). La clé API n'y est pas : elle reste dans le trousseau.",
                file.display(), made.applications, made.job_offers, made.links, made.emails, made.bytes
            ),
            format!(
                "Backup written: {} ({} application(s), {} job offer(s), {} link(s), {} email(s), {} bytes). The API key is not in it: it stays in the keyring.",
                file.display(), made.applications, made.job_offers, made.links, made.emails, made.bytes
            ),
        )
    );
    Ok(0)
}

fn describe(summary: &BackupSummary, lang: Lang) -> String {
    let when = summary
        .modified_at
        .map(|at| format_local(at, recruiter_zone(), lang))
        .unwrap_or_else(|| "?".into());
    say(
        lang,
        format!(
            "{} : sauvegarde du {when}, {} candidature(s), {} offre(s), {} lien(s), {} email(s) (schéma {}).",
            summary.path, summary.applications, summary.job_offers, summary.links, summary.emails, summary.schema_version
        ),
        format!(
            "{}: backup of {when}, {} application(s), {} job offer(s), {} link(s), {} email(s) (schema {}).",
            summary.path, summary.applications, summary.job_offers, summary.links, summary.emails, summary.schema_version
        ),
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
                println!(
                    "{}",
                    say(
                        lang,
                        format!("Réglage d'envoi changé par la sauvegarde : {name} : {current} → {backup} (votre clé API serait envoyée à ce serveur)."),
                        format!("Sending setting changed by the backup: {name}: {current} → {backup} (your API key would be sent to this server)."),
                    )
                );
            }
        }
    }
    if !yes {
        eprintln!(
            "{}",
            say(
                lang,
                "Rien n'a été restauré. Ajoutez --yes pour remplacer les données actuelles par cette sauvegarde (une copie de sécurité des données actuelles est gardée).".into(),
                "Nothing was restored. Add --yes to replace the current data with this backup (a safety copy of the current data is kept).".into(),
            )
        );
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
    let (version, schema_label, data_label, logs_label, supported) = match lang {
        Lang::Fr => (
            "Version",
            "Schéma de la base",
            "Données",
            "Journaux",
            "schéma le plus récent connu",
        ),
        Lang::En => (
            "Version",
            "Database schema",
            "Data",
            "Logs",
            "newest schema known",
        ),
    };
    println!("JobGate");
    println!("{version}: {}", env!("CARGO_PKG_VERSION"));
    println!(
        "{schema_label}: {schema} ({supported}: {})",
        jobgate_core::latest_schema_version()
    );
    println!("{data_label}: {}", data_dir.display());
    println!("{logs_label}: {logs}");
    println!("SQLite: {}", jobgate_core::store::sqlite_version());
    Ok(0)
}
