//! The restore use case (`restore::RestorePlan`) against real database files in
//! a data folder: where the API key is sent said before and checked again
//! after the confirmation, the database restored in place or over an unusable
//! one as the entry point allows, and refusals that change nothing.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use jobgate_core::lease::ProcessLease;
use jobgate_core::restore::{RestorePlan, RestoreTarget, SettingChange};
use jobgate_core::store::backup::SAFETY_DIR;
use jobgate_core::store::{AddOutcome, ListQuery, NewApplication, Store};
use jobgate_core::{paths, settings, CoreError, Lang};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn add(store: &mut Store, name: &str, email: &str) {
    let new = NewApplication::parse("Comptable", name, email).expect("valid test application");
    assert!(matches!(
        store.add_application(&new, t0()).unwrap(),
        AddOutcome::Added { .. }
    ));
}

/// The candidates' names, in alphabetical order.
fn names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .list_every(&ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|a| a.candidate_name)
        .collect();
    names.sort();
    names
}

/// A data folder whose database holds Ana, sent through `host`, and a backup
/// of it (`sauvegarde.jobgate`, beside the folder); then Bo is added and the
/// host set to `smtp.sendgrid.net`. Returns the open store and the backup.
fn data_folder_with_backup(dir: &Path, host: &str) -> (Store, std::path::PathBuf) {
    let data = dir.join("donnees");
    std::fs::create_dir_all(&data).unwrap();
    let mut store = Store::open(&paths::database_path(&data)).unwrap();
    add(&mut store, "Ana", "ana@exemple.fr");
    store.set_setting(settings::SMTP_HOST, host).unwrap();
    let backup = dir.join("sauvegarde.jobgate");
    store.backup_to(&backup).unwrap();
    add(&mut store, "Bo", "bo@exemple.fr");
    store
        .set_setting(settings::SMTP_HOST, "smtp.sendgrid.net")
        .unwrap();
    (store, backup)
}

fn data_dir(dir: &Path) -> std::path::PathBuf {
    dir.join("donnees")
}

#[test]
fn a_backup_changing_the_key_destination_says_so_then_restores_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = data_folder_with_backup(dir.path(), "smtp.relais.example");
    let data = data_dir(dir.path());

    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    assert_eq!(plan.summary().applications, 1);
    assert_eq!(plan.upgraded_from(), None);
    let changes = plan.changes(&store).unwrap();
    assert_eq!(
        changes,
        vec![SettingChange {
            name: settings::SMTP_HOST,
            current: "smtp.sendgrid.net".into(),
            backup: "smtp.relais.example".into(),
        }]
    );
    // The CLI's way (the data folder's database opened afresh) finds the same.
    assert_eq!(plan.changes_in_data_folder().unwrap(), changes);

    let report = plan
        .apply(RestoreTarget::InPlace(&mut store), &changes, t0())
        .unwrap();
    assert_eq!(report.restored.applications, 1);
    let copy = report.safety_copy.expect("the replaced data kept");
    assert!(copy.contains("avant-restauration-"), "{copy}");
    assert_eq!(names(&store), ["Ana"]);
    assert_eq!(
        store.setting(settings::SMTP_HOST).unwrap(),
        "smtp.relais.example"
    );
    // The replaced data, Bo and all, is in the safety copy.
    assert_eq!(
        names(&Store::open(Path::new(&copy)).unwrap()),
        ["Ana", "Bo"]
    );
}

#[test]
fn a_key_destination_changed_after_the_confirmation_refuses_the_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = data_folder_with_backup(dir.path(), "smtp.relais.example");
    let data = data_dir(dir.path());

    // In place (the window): asked about the host; the user name changes
    // while the dialog is open.
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let confirmed = plan.changes(&store).unwrap();
    store
        .set_setting(settings::SMTP_USERNAME, "quelquun")
        .unwrap();
    let e = plan
        .apply(RestoreTarget::InPlace(&mut store), &confirmed, t0())
        .unwrap_err();
    assert!(matches!(e, CoreError::RestoreSettingsChanged), "{e:?}");
    assert_eq!(e.code(), "restore_settings_changed");
    assert!(
        e.message(Lang::Fr).starts_with("Rien n'a été restauré"),
        "{}",
        e.message(Lang::Fr)
    );
    assert!(e.message(Lang::En).starts_with("Nothing was restored"));

    // Either (the CLI): confirmed as "nothing changes", but the host does.
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let e = plan.apply(RestoreTarget::Either, &[], t0()).unwrap_err();
    assert!(matches!(e, CoreError::RestoreSettingsChanged), "{e:?}");

    assert_eq!(names(&store), ["Ana", "Bo"], "nothing restored");
    assert_eq!(
        store.setting(settings::SMTP_HOST).unwrap(),
        "smtp.sendgrid.net"
    );
    assert!(
        !data.join(SAFETY_DIR).exists(),
        "no safety copy for nothing"
    );
}

#[test]
fn an_unusable_database_is_replaced_and_a_usable_one_only_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (store, backup) = data_folder_with_backup(dir.path(), "smtp.relais.example");
    let data = data_dir(dir.path());
    let database = paths::database_path(&data);

    // The recovery window's restore over a database that opens: refused.
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let e = plan
        .apply(RestoreTarget::OverUnusable, &[], t0())
        .unwrap_err();
    assert!(matches!(e, CoreError::RestoreOverUsable), "{e:?}");
    assert!(e.message(Lang::En).starts_with("Nothing was replaced"));
    assert_eq!(names(&store), ["Ana", "Bo"]);
    assert!(!data.join(SAFETY_DIR).exists(), "nothing moved aside");
    drop(store);

    // Damaged: nothing to compare the key's destination with; replaced, the
    // damaged file kept aside as it was.
    let noise = vec![0x5a_u8; 10_000];
    std::fs::write(&database, &noise).unwrap();
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", database.display()));
    }
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    assert_eq!(plan.changes_in_data_folder().unwrap(), []);
    let report = plan.apply(RestoreTarget::OverUnusable, &[], t0()).unwrap();
    let aside = report.safety_copy.expect("the damaged file kept");
    assert!(aside.contains("endommagee-"), "{aside}");
    assert_eq!(std::fs::read(&aside).unwrap(), noise);
    assert_eq!(names(&Store::open(&database).unwrap()), ["Ana"]);

    // Written by a newer JobGate: the CLI's restore replaces it too.
    rusqlite::Connection::open(&database)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .unwrap();
    assert!(matches!(
        Store::open(&database),
        Err(CoreError::DatabaseTooNew { .. })
    ));
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let report = plan.apply(RestoreTarget::Either, &[], t0()).unwrap();
    assert!(report
        .safety_copy
        .is_some_and(|copy| copy.contains("endommagee-")));
    let store = Store::open(&database).unwrap();
    assert_eq!(names(&store), ["Ana"]);

    // Usable again: the CLI's restore goes in place, after a safety copy.
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let report = plan.apply(RestoreTarget::Either, &[], t0()).unwrap();
    assert!(report
        .safety_copy
        .is_some_and(|copy| copy.contains("avant-restauration-")));
}

#[test]
fn another_process_working_on_the_data_refuses_the_restore_but_not_its_own_lease() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = data_folder_with_backup(dir.path(), "smtp.relais.example");
    let data = data_dir(dir.path());
    let lease = ProcessLease::acquire(&data).unwrap();

    for target in [RestoreTarget::Either, RestoreTarget::InPlace(&mut store)] {
        let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
        let e = plan.apply(target, &[], t0()).unwrap_err();
        assert!(
            matches!(e, CoreError::RestoreWhileOtherProcess { count: 1 }),
            "{e:?}"
        );
    }
    assert!(!data.join(SAFETY_DIR).exists(), "nothing done");

    // The window's own lease is not another process.
    let plan = RestorePlan::prepare(&data, &backup, Some(lease.id())).unwrap();
    let changes = plan.changes(&store).unwrap();
    plan.apply(RestoreTarget::InPlace(&mut store), &changes, t0())
        .unwrap();
    assert_eq!(names(&store), ["Ana"]);
}
