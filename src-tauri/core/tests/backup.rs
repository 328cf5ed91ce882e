//! Backup and restore against real database files: a round trip of a populated
//! database while another connection keeps it open, every refusal leaving the
//! current data as it was, and damaged files detected at opening, never
//! recreated.

mod common;
use common::compose;

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use jobgate_core::error::BackupProblem;
use jobgate_core::store::backup::{CheckedBackup, SAFETY_DIR};
use jobgate_core::store::{AddOutcome, ListQuery, NewApplication, Store};
use jobgate_core::CoreError;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn add(store: &mut Store, job: &str, name: &str, email: &str) -> i64 {
    let new = NewApplication::parse(job, name, email).expect("valid test application");
    match store.add_application(&new, t0()).unwrap() {
        AddOutcome::Added { application_id } => application_id,
        other => panic!("expected a new application, got {other:?}"),
    }
}

/// Every application as (candidate, email, job, link token) — what a restore must bring back.
fn contents(store: &Store) -> Vec<(String, String, String, Option<String>)> {
    store
        .list_every(&ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.candidate_name,
                a.email,
                a.job_title,
                a.link.map(|l| l.token.as_str().to_owned()),
            )
        })
        .collect()
}

fn populated(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    let first = add(
        &mut store,
        "Développeuse Rust",
        "Élodie Brûlé",
        "elodie@exemple.fr",
    );
    add(
        &mut store,
        "Chef de projet",
        "Jean O'Neil",
        "jean@exemple.fr",
    );
    store.create_or_get_link(first, t0()).unwrap();
    store.set_setting("company", "Agence Lumière").unwrap();
    store
}

#[test]
fn a_backup_restores_everything_while_another_connection_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    let mut store = populated(&db);
    // The window's connection stays open throughout.
    let window = Store::open(&db).unwrap();
    let before = contents(&store);

    let file = dir.path().join("ma sauvegarde.jobgate");
    let made = store.backup_to(&file).unwrap();
    assert_eq!(made.applications, 2);
    assert_eq!(made.links, 1);
    assert!(made.bytes > 0);
    assert!(!dir.path().join("ma sauvegarde.jobgate.part").exists());

    // Later changes, which the restore must undo.
    add(&mut store, "Comptable", "Zoé Martin", "zoe@exemple.fr");
    store.set_setting("company", "Autre société").unwrap();
    assert_eq!(contents(&window).len(), 3);

    let checked = CheckedBackup::open(&file, dir.path()).unwrap();
    assert_eq!(checked.summary.applications, 2);
    assert_eq!(checked.upgraded_from, None);
    let report = store
        .restore_from(&checked, &dir.path().join(SAFETY_DIR), t0())
        .unwrap();
    drop(checked);

    assert_eq!(contents(&store), before);
    assert_eq!(
        contents(&window),
        before,
        "the other connection sees the restored data"
    );
    assert_eq!(store.setting("company").unwrap(), "Agence Lumière");
    // The data replaced is kept, whole.
    let safety = report.safety_copy.expect("a safety copy");
    let kept = Store::open(Path::new(&safety)).unwrap();
    assert_eq!(contents(&kept).len(), 3);
    assert_eq!(kept.setting("company").unwrap(), "Autre société");
    // The private copy used for checking is gone.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".restauration"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    let store = populated(&db);
    let writer_db = db.clone();
    let started = std::sync::Arc::new(std::sync::Barrier::new(2));
    let writer_started = started.clone();
    let writer = std::thread::spawn(move || {
        let mut other = Store::open(&writer_db).unwrap();
        writer_started.wait();
        // Each application brings its candidate and often its offer: three
        // tables written per transaction.
        for i in 0..400 {
            add(
                &mut other,
                &format!("Stage {}", i % 7),
                &format!("Candidat {i}"),
                &format!("c{i}@exemple.fr"),
            );
        }
    });
    started.wait();
    let mut sizes = Vec::new();
    // Backups one after another for as long as the writer writes.
    for n in 0..200 {
        if writer.is_finished() && n >= 2 {
            break;
        }
        let file = dir.path().join(format!("pendant-{n}.jobgate"));
        let made = store.backup_to(&file).unwrap();
        // Every reference resolves and every application is listed whole:
        // no transaction is half in the copy.
        let copy = rusqlite::Connection::open(&file).unwrap();
        let dangling: i64 = copy
            .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(dangling, 0, "backup {n}");
        let candidates: i64 = copy
            .query_row("SELECT COUNT(*) FROM candidates", [], |r| r.get(0))
            .unwrap();
        let listed = contents(&Store::open(&file).unwrap()).len();
        assert_eq!(listed as u64, made.applications, "backup {n}");
        // One candidate per application here, each added with its application.
        assert_eq!(candidates as u64, made.applications, "backup {n}");
        sizes.push(made.applications);
    }
    writer.join().unwrap();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert!(
        sizes.first() != sizes.last(),
        "the backups did not overlap the writes: {sizes:?}"
    );
}

fn refused(file: &Path, work: &Path) -> CoreError {
    match CheckedBackup::open(file, work) {
        Ok(_) => panic!("{} should be refused", file.display()),
        Err(e) => e,
    }
}

#[test]
fn files_that_are_not_usable_backups_are_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    let store = populated(&db);
    let before = contents(&store);

    let missing = refused(&dir.path().join("absent.jobgate"), dir.path());
    assert!(matches!(
        missing,
        CoreError::BackupInvalid {
            reason: BackupProblem::Unreadable(_),
            ..
        }
    ));

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Nom;Email\nJean;jean@exemple.fr\n".repeat(200)).unwrap();
    let e = refused(&text, dir.path());
    assert!(
        matches!(
            e,
            CoreError::BackupInvalid {
                reason: BackupProblem::NotSqlite,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e
        .message(jobgate_core::Lang::Fr)
        .contains("pas une sauvegarde JobGate"));

    let other = dir.path().join("autre.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let e = refused(&other, dir.path());
    assert!(
        matches!(
            e,
            CoreError::BackupInvalid {
                reason: BackupProblem::NotJobGate,
                ..
            }
        ),
        "{e:?}"
    );

    let newer = dir.path().join("future.jobgate");
    store.backup_to(&newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let e = refused(&newer, dir.path());
    assert!(
        matches!(e, CoreError::BackupTooNew { found: 99, .. }),
        "{e:?}"
    );
    assert!(e
        .message(jobgate_core::Lang::Fr)
        .contains("version plus récente"));
    assert!(e.message(jobgate_core::Lang::En).contains("newer JobGate"));

    let damaged = dir.path().join("abimee.jobgate");
    store.backup_to(&damaged).unwrap();
    damage_pages(&damaged);
    let e = refused(&damaged, dir.path());
    assert!(
        matches!(
            e,
            CoreError::BackupInvalid {
                reason: BackupProblem::Damaged(_) | BackupProblem::NotSqlite,
                ..
            }
        ),
        "{e:?}"
    );

    assert_eq!(contents(&store), before);
}

/// Overwrites every page after the first with noise (the header stays valid).
fn damage_pages(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    assert!(bytes.len() > 8192, "a file of several pages");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i as u8).wrapping_mul(31).wrapping_add(7);
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_database_is_reported_never_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    // Enough rows for several pages.
    {
        let mut store = populated(&db);
        for i in 0..300 {
            add(
                &mut store,
                "Stage",
                &format!("Candidat {i}"),
                &format!("c{i}@exemple.fr"),
            );
        }
        // Fold the WAL into the file so the damage below hits the real data.
        store.backup_to(&dir.path().join("bonne.jobgate")).unwrap();
    }
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    damage_pages(&db);
    let damaged_bytes = std::fs::read(&db).unwrap();

    let e = match Store::verify(&db) {
        Ok(()) => panic!("a damaged file must not pass the check"),
        Err(e) => e,
    };
    assert!(matches!(e, CoreError::DatabaseDamaged { .. }), "{e:?}");
    assert!(e
        .message(jobgate_core::Lang::Fr)
        .contains("jobgate restore"));
    assert_eq!(std::fs::read(&db).unwrap(), damaged_bytes, "left as it was");

    // Garbage from the first byte: not a database at all.
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, vec![0x5a_u8; 10_000]).unwrap();
    assert!(matches!(
        Store::open(&garbage),
        Err(CoreError::DatabaseDamaged { .. })
    ));
    assert_eq!(std::fs::read(&garbage).unwrap(), vec![0x5a_u8; 10_000]);

    // The way out: restore over it; the damaged file is kept aside.
    let checked = CheckedBackup::open(&dir.path().join("bonne.jobgate"), dir.path()).unwrap();
    let report = checked
        .replace_unusable(&db, &dir.path().join(SAFETY_DIR), t0())
        .unwrap();
    let aside = report.safety_copy.expect("the damaged file kept");
    assert_eq!(std::fs::read(&aside).unwrap(), damaged_bytes);
    let store = Store::open(&db).unwrap();
    assert_eq!(contents(&store).len(), 302);
}

#[test]
fn a_database_from_a_newer_jobgate_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    drop(populated(&db));
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 42)
        .unwrap();
    match Store::open(&db) {
        Err(CoreError::DatabaseTooNew {
            found: 42,
            supported,
            ..
        }) => {
            assert_eq!(supported, jobgate_core::latest_schema_version() as i64)
        }
        Err(other) => panic!("unexpected error {other:?}"),
        Ok(_) => panic!("a newer schema must be refused"),
    }
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 42);
}

#[test]
fn a_backup_cannot_be_written_where_there_is_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = populated(&dir.path().join("jobgate.sqlite3"));
    let e = store
        .backup_to(&dir.path().join("absent").join("x.jobgate"))
        .unwrap_err();
    assert!(matches!(e, CoreError::BackupFailed { .. }), "{e:?}");
    assert!(e
        .message(jobgate_core::Lang::Fr)
        .contains("Choisissez un autre dossier"));
}

#[test]
fn a_damaged_database_goes_aside_with_its_journals() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("bonne.jobgate");
    populated(&dir.path().join("source.sqlite3"))
        .backup_to(&good)
        .unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    std::fs::write(&db, vec![0x5a_u8; 10_000]).unwrap();
    // Leftovers of the damaged database, which must never be replayed into the restored one.
    std::fs::write(dir.path().join("jobgate.sqlite3-wal"), b"old wal").unwrap();
    std::fs::write(dir.path().join("jobgate.sqlite3-journal"), b"old journal").unwrap();

    let report = CheckedBackup::open(&good, dir.path())
        .unwrap()
        .replace_unusable(&db, &dir.path().join(SAFETY_DIR), t0())
        .unwrap();
    let aside = report.safety_copy.expect("kept aside");
    for suffix in ["-wal", "-journal"] {
        assert!(
            Path::new(&format!("{aside}{suffix}")).is_file(),
            "{suffix} kept aside"
        );
    }
    assert!(!dir.path().join("jobgate.sqlite3-journal").exists());
    assert_eq!(contents(&Store::open(&db).unwrap()).len(), 2);
}

#[test]
fn a_backup_is_never_written_over_the_database_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jobgate.sqlite3");
    let store = populated(&db);
    for target in ["jobgate.sqlite3", "jobgate.sqlite3-wal"] {
        let e = store.backup_to(&dir.path().join(target)).unwrap_err();
        assert!(
            matches!(e, CoreError::DestinationIsJobGateData { .. }),
            "{target}: {e:?}"
        );
    }
    // Through another spelling of the same folder, too.
    let sub = dir.path().join("sous-dossier");
    std::fs::create_dir(&sub).unwrap();
    let e = store
        .backup_to(&sub.join("..").join("jobgate.sqlite3"))
        .unwrap_err();
    assert!(
        matches!(e, CoreError::DestinationIsJobGateData { .. }),
        "{e:?}"
    );
    assert_eq!(contents(&store).len(), 2);
}

#[test]
fn a_backup_carrying_anything_beyond_jobgates_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = populated(&dir.path().join("jobgate.sqlite3"));
    let file = dir.path().join("piégée.jobgate");
    store.backup_to(&file).unwrap();
    // A trigger that would redirect every email.
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER redirect AFTER INSERT ON outbox BEGIN
               UPDATE outbox SET recipient = 'attacker@exemple.com' WHERE id = NEW.id;
             END;",
        )
        .unwrap();
    let e = refused(&file, dir.path());
    assert!(
        matches!(
            e,
            CoreError::BackupInvalid {
                reason: BackupProblem::NotJobGate,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_restore_waits_for_emails_being_sent() {
    use jobgate_core::store::Delivery;
    let dir = tempfile::tempdir().unwrap();
    let mut store = populated(&dir.path().join("jobgate.sqlite3"));
    let file = dir.path().join("sauvegarde.jobgate");
    store.backup_to(&file).unwrap();
    let id = store
        .list_every(&ListQuery::default())
        .unwrap()
        .first()
        .map(|a| a.id)
        .unwrap();
    let prepared = store.prepare_invitation(id, t0(), compose).unwrap();
    let Delivery::Send(entry) = prepared.delivery else {
        panic!("a row to send")
    };
    assert!(store.claim_outbox(entry.id, t0(), None).unwrap());

    let checked = CheckedBackup::open(&file, dir.path()).unwrap();
    let e = store
        .restore_from(&checked, &dir.path().join(SAFETY_DIR), t0())
        .unwrap_err();
    assert!(
        matches!(e, CoreError::RestoreWhileSending { count: 1 }),
        "{e:?}"
    );
    assert!(e
        .message(jobgate_core::Lang::Fr)
        .contains("en cours d'envoi"));
    assert!(!dir.path().join(SAFETY_DIR).exists(), "nothing done");
}
