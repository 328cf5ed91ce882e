//! The erasure register (issue 14, item 3) against real files in a data
//! folder: it never holds an address in clear; restoring a backup made
//! before an erasure erases that person again before the restore returns;
//! a backup carries the register to another data folder; an import skips
//! the rows of erased candidates with their line and the date, unless asked.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use jobgate_core::erasures::{register_path, Register};
use jobgate_core::import::{import_csv_with_options, preview_csv, ImportOptions};
use jobgate_core::restore::{RestorePlan, RestoreTarget};
use jobgate_core::store::{AddOutcome, ListQuery, NewApplication, Store};
use jobgate_core::{paths, CoreError, Lang};

const NAME: &str = "Xavière Dûpont";
const EMAIL: &str = "Xaviere.Dupont@exemple.fr";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 30, 0).unwrap()
}

fn add(store: &mut Store, name: &str, email: &str) -> i64 {
    let new = NewApplication::parse("Comptable", name, email).unwrap();
    match store.add_application(&new, t0()).unwrap() {
        AddOutcome::Added { application_id } => application_id,
        other => panic!("expected a new application, got {other:?}"),
    }
}

fn candidate_of(store: &Store, email: &str) -> i64 {
    store
        .candidate_by_email(email)
        .unwrap()
        .expect("a candidate")
}

fn emails(store: &Store) -> Vec<String> {
    let mut emails: Vec<String> = store
        .list_every(&ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|a| a.email)
        .collect();
    emails.sort();
    emails
}

/// The database file and its journal, as bytes on disk, in lower case.
fn raw_bytes(data: &Path) -> Vec<u8> {
    let path = paths::database_path(data);
    let mut bytes = std::fs::read(&path).unwrap();
    let mut wal = path.into_os_string();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(PathBuf::from(wal)) {
        bytes.extend(more);
    }
    bytes.to_ascii_lowercase()
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase().into_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_slice())
}

fn data_folder(dir: &Path) -> (PathBuf, Store) {
    let data = dir.join("donnees");
    std::fs::create_dir_all(&data).unwrap();
    let store = Store::open(&paths::database_path(&data)).unwrap();
    (data, store)
}

#[test]
fn the_register_file_holds_a_keyed_hash_and_the_date_never_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let (data, mut store) = data_folder(dir.path());
    add(&mut store, NAME, EMAIL);
    add(&mut store, "Yann Kermarrec", "yann@exemple.fr");
    let id = candidate_of(&store, EMAIL);
    store.erase_candidate(id, t0()).unwrap();

    let file = register_path(&data);
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let lower = text.to_lowercase();
    for piece in ["xaviere", "dupont", "exemple"] {
        assert!(!lower.contains(piece), "{piece} in {text}");
    }
    assert!(text.contains("2026-12-03T09:30:00Z"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The file and the database's copy name them, in any case.
    let register = Register::load(&data).unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(register.erased_at(" xaviere.dupont@EXEMPLE.fr"), Some(t0()));
    assert_eq!(register.erased_at("yann@exemple.fr"), None);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(
        store.erasure_register().unwrap().erased_at(EMAIL),
        Some(t0())
    );
}

#[test]
fn an_erasure_whose_register_cannot_be_written_erases_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (data, mut store) = data_folder(dir.path());
    add(&mut store, NAME, EMAIL);
    let id = candidate_of(&store, EMAIL);
    // A folder where the file should be: it cannot be replaced.
    std::fs::create_dir(register_path(&data)).unwrap();
    let e = store.erase_candidate(id, t0()).unwrap_err();
    assert!(
        matches!(e, CoreError::ErasureRegisterFailed { .. }),
        "{e:?}"
    );
    assert!(e.message(Lang::Fr).starts_with("Rien n'a été effacé"));
    assert_eq!(emails(&store), [EMAIL]);
}

/// Her and Yann in a data folder, a backup of both, then her erasure at `at`.
fn backed_up_then_erased(dir: &Path, at: DateTime<Utc>) -> (PathBuf, Store, PathBuf) {
    let (data, mut store) = data_folder(dir);
    add(&mut store, NAME, EMAIL);
    add(&mut store, "Yann Kermarrec", "yann@exemple.fr");
    let backup = dir.join("avant.jobgate");
    store.backup_to(&backup).unwrap();
    let id = candidate_of(&store, EMAIL);
    store.erase_candidate(id, at).unwrap();
    (data, store, backup)
}

#[test]
fn restoring_a_backup_made_before_an_erasure_erases_them_again() {
    let dir = tempfile::tempdir().unwrap();
    let later = t0() + chrono::Duration::days(2);
    let (data, mut store, backup) = backed_up_then_erased(dir.path(), later);
    assert!(!holds(&raw_bytes(&data), EMAIL));

    // In place (the window).
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let changes = plan.changes(&store).unwrap();
    let report = plan
        .apply(RestoreTarget::InPlace(&mut store), &changes, later)
        .unwrap();
    assert_eq!(report.erased_again, 1);
    assert!(report.describe(Lang::Fr).contains("effacé de nouveau"));
    assert!(!holds(&raw_bytes(&data), EMAIL), "the address came back");
    assert!(!holds(&raw_bytes(&data), "Dûpont"), "the name came back");
    assert_eq!(emails(&store).len(), 2);
    assert!(emails(&store).contains(&"yann@exemple.fr".to_owned()));
    // The register keeps the entry and its first date, in both places.
    assert_eq!(Register::load(&data).unwrap().erased_at(EMAIL), Some(later));
    std::fs::remove_file(register_path(&data)).unwrap();
    let copy = store.erasure_register().unwrap();
    assert_eq!(copy.erased_at(EMAIL), Some(later));
    copy.save(&data).unwrap();
    drop(store);

    // The command line's way (the data folder's database, whichever it is):
    // the backup's copy of the register does not name them, the file does.
    let plan = RestorePlan::prepare(&data, &backup, None).unwrap();
    let report = plan.apply(RestoreTarget::Either, &[], later).unwrap();
    assert_eq!(report.erased_again, 1);
    assert!(!holds(&raw_bytes(&data), EMAIL));
    assert_eq!(Register::load(&data).unwrap().erased_at(EMAIL), Some(later));
}

#[test]
fn a_backup_carries_the_register_to_another_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = data_folder(dir.path());
    add(&mut store, NAME, EMAIL);
    let id = candidate_of(&store, EMAIL);
    store.erase_candidate(id, t0()).unwrap();
    let backup = dir.path().join("apres.jobgate");
    store.backup_to(&backup).unwrap();

    let elsewhere = tempfile::tempdir().unwrap();
    let (other, mut store) = data_folder(elsewhere.path());
    let plan = RestorePlan::prepare(&other, &backup, None).unwrap();
    let changes = plan.changes(&store).unwrap();
    plan.apply(RestoreTarget::InPlace(&mut store), &changes, t0())
        .unwrap();
    assert_eq!(Register::load(&other).unwrap().erased_at(EMAIL), Some(t0()));
    let csv = format!("job_title,candidate_name,email\nComptable,{NAME},{EMAIL}\n");
    let preview = preview_csv(&store, csv.as_bytes()).unwrap();
    assert_eq!((preview.new, preview.erased), (0, 1));
}

#[test]
fn an_import_skips_erased_candidates_with_the_line_and_date_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = data_folder(dir.path());
    add(&mut store, NAME, EMAIL);
    let id = candidate_of(&store, EMAIL);
    store.erase_candidate(id, t0()).unwrap();

    let csv = format!(
        "job_title,candidate_name,email\n\
         Comptable,Yann Kermarrec,yann@exemple.fr\n\
         Comptable,{NAME},  xaviere.dupont@EXEMPLE.fr\n\
         Juriste,{NAME},{EMAIL}\n\
         Juriste,{NAME},{EMAIL}\n"
    );
    let preview = preview_csv(&store, csv.as_bytes()).unwrap();
    assert_eq!((preview.new, preview.erased), (1, 3));
    let lines: Vec<u64> = preview.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 5]);
    let reason = preview.rejected[0].errors[0].message(Lang::Fr);
    assert!(
        reason.starts_with("Candidat effacé à sa demande le 03/12/2026"),
        "{reason}"
    );
    assert!(preview.rejected[0].errors[0]
        .message(Lang::En)
        .contains("erased at their request on 3 December 2026"));

    let report = import_csv_with_options(
        &mut store,
        csv.as_bytes(),
        t0(),
        ImportOptions::default(),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(
        (report.added, report.erased, report.rejected.len()),
        (1, 3, 3)
    );
    assert!(emails(&store).contains(&"yann@exemple.fr".to_owned()));
    assert!(store.candidate_by_email(EMAIL).unwrap().is_none());

    // Asked for: imported again (one candidate, two offers).
    let asked = ImportOptions {
        include_erased: true,
    };
    let preview =
        jobgate_core::import::preview_csv_with_options(&store, csv.as_bytes(), asked).unwrap();
    assert_eq!((preview.new, preview.erased), (2, 3));
    assert!(preview.rejected.is_empty());
    let report =
        import_csv_with_options(&mut store, csv.as_bytes(), t0(), asked, &mut |_, _| {}).unwrap();
    assert_eq!((report.added, report.erased), (2, 0));
    // The register forgets them: nothing erases them again behind the
    // recruiter's back (a later erasure puts them back).
    assert!(store.erasure_register().unwrap().is_empty());
    assert_eq!(store.erase_registered(t0()).unwrap(), 0);
    assert!(store
        .candidate_by_email("xaviere.dupont@exemple.fr")
        .unwrap()
        .is_some());
}

#[test]
fn opening_the_data_folder_erases_whom_a_killed_restore_left() {
    let dir = tempfile::tempdir().unwrap();
    let (data, store, backup) = backed_up_then_erased(dir.path(), t0());
    drop(store);
    // A restore killed after the copy, before erasing again: the old file in place.
    let database = paths::database_path(&data);
    for suffix in ["-wal", "-shm"] {
        let mut side = database.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::copy(&backup, &database).unwrap();
    assert!(holds(&raw_bytes(&data), EMAIL));

    let invitations = jobgate_core::invitations::Invitations::open(
        &data,
        Box::new(jobgate_core::secret::MemorySecretStore::default()),
    )
    .unwrap();
    assert!(invitations
        .store()
        .unwrap()
        .candidate_by_email(EMAIL)
        .unwrap()
        .is_none());
    assert!(!holds(&raw_bytes(&data), EMAIL));
    drop(invitations);
    // Nothing more to do: the register is not rewritten at each opening.
    let before = std::fs::metadata(register_path(&data))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = jobgate_core::invitations::Invitations::open(
        &data,
        Box::new(jobgate_core::secret::MemorySecretStore::default()),
    )
    .unwrap();
    drop(again);
    let after = std::fs::metadata(register_path(&data))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}
