//! The recruiter's data as the `jobgate` binary handles it: backup and restore
//! of a populated database (links, emails sent, history), refusals that change
//! nothing, damaged or newer databases reported and never recreated, and the
//! log file of a full invitation run against the real SMTP server on loopback,
//! which must hold neither the API key nor anything of the emails.

use std::path::{Path, PathBuf};

use jobgate_tests::smtp::{files_under, MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{fails, ok, text, DataDir};
use mail_parser::MessageParser;
use serde_json::Value;

const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
    Développeur Full Stack,Jean Martin,jean.martin@exemple.fr\n\
    Chef de projet,Zoé Durand,zoe.durand@exemple.fr\n";

fn invited_data() -> (MailDataDir, SmtpServer) {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    ok(&data.import(CANDIDATES));
    data.use_server(&server);
    (data, server)
}

/// What a restore must bring back, row by row.
fn essentials(list: &Value) -> Vec<(Value, Value, Value, Value, Value)> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["application_id"].clone(),
                r["email"].clone(),
                r["job_title"].clone(),
                r["invitation_status"].clone(),
                r["link"]["start_url"].clone(),
            )
        })
        .collect()
}

fn log_text(data_dir: &Path) -> String {
    let logs: Vec<PathBuf> = files_under(&data_dir.join("logs"));
    assert!(!logs.is_empty(), "no log file under {}", data_dir.display());
    logs.iter()
        .map(|f| text(&std::fs::read(f).expect("read the log")))
        .collect()
}

#[test]
fn the_log_of_a_full_invitation_run_holds_neither_the_key_nor_the_emails() {
    let (data, server) = invited_data();
    // The most detailed level a recruiter can choose.
    data.set("log_level", "debug");
    ok(&data.invite("elodie@exemple.fr"));
    let job = data.row("jean.martin@exemple.fr")["job_id"].to_string();
    ok(&data.run(&["invite", "--job", &job, "--all", "--yes"]));
    let elodie = data.id_of("elodie@exemple.fr");
    ok(&data.run(&["link", "resend", &elodie, "--yes"]));
    ok(&data.run(&["send-test", "test@exemple.fr"]));
    assert_eq!(server.message_count(), 4);

    let log = log_text(data.path());
    assert!(log.contains("email sent"), "{log}");
    assert!(log.contains("batch finished"), "{log}");
    assert!(log.contains("invitation confirmed"), "{log}");

    // Nothing of the key, the links, the candidates or the emails' text.
    assert!(!log.contains(TEST_KEY), "the API key is in the log");
    let mut forbidden: Vec<String> = vec![
        "elodie@exemple.fr".into(),
        "jean.martin@exemple.fr".into(),
        "Élodie".into(),
        "Brûlé".into(),
        "test@exemple.fr".into(),
    ];
    for row in data.list_json().as_array().expect("rows") {
        if let Some(url) = row["link"]["start_url"].as_str() {
            let token = url.rsplit('/').next().expect("a token").to_owned();
            forbidden.push(token);
        }
    }
    for raw in server.messages() {
        let msg = MessageParser::default().parse(&raw).expect("MIME");
        forbidden.push(msg.subject().expect("subject").to_owned());
        let body = msg.body_text(0).expect("a text part");
        forbidden.extend(
            body.lines()
                .map(str::trim)
                .filter(|l| l.chars().count() >= 20)
                .map(str::to_owned),
        );
    }
    for needle in &forbidden {
        assert!(
            !log.contains(needle.as_str()),
            "{needle:?} is in the log:\n{log}"
        );
    }
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn a_backup_of_a_database_with_links_and_emails_restores_whole() {
    let (data, server) = invited_data();
    ok(&data.invite("elodie@exemple.fr"));
    ok(&data.invite("zoe.durand@exemple.fr"));
    assert_eq!(server.message_count(), 2);
    let before = data.list_json();
    let elodie = data.id_of("elodie@exemple.fr");
    let history_before = ok(&data.run(&["application", "history", &elodie, "--json"]));

    let file = data.path().join("sauvegarde du 25-11.sqlite3");
    let file_arg = file.to_str().expect("UTF-8 path");
    let out = ok(&data.run(&["backup", file_arg]));
    assert!(
        out.contains("Sauvegarde écrite") && out.contains("3 candidatures"),
        "{out}"
    );
    assert!(out.contains("La clé API n'y est pas"), "{out}");

    // Changes after the backup.
    ok(&data.run(&["application", "status", &elodie, "rejected"]));
    ok(&data.import("job_title,candidate_name,email\nComptable,Paul Roux,paul@exemple.fr\n"));
    assert_eq!(data.list_json().as_array().map(Vec::len), Some(4));

    // Without --yes: said, nothing done.
    let err = fails(&data.run(&["restore", file_arg]), 2);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(data.list_json().as_array().map(Vec::len), Some(4));

    let out = ok(&data.run(&["restore", file_arg, "--yes"]));
    assert!(
        out.contains("Sauvegarde restaurée : 3 candidatures"),
        "{out}"
    );
    assert!(out.contains("avant-restauration-"), "{out}");
    assert_eq!(essentials(&data.list_json()), essentials(&before));
    assert_eq!(
        ok(&data.run(&["application", "history", &elodie, "--json"])),
        history_before
    );
    // The replaced data is kept.
    let safety: Vec<_> = files_under(&data.path().join("sauvegardes"));
    assert_eq!(safety.len(), 1, "{safety:?}");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn restoring_something_else_is_refused_and_changes_nothing() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let before = data.list_json();

    let csv = data.path().join("import.csv");
    let err = fails(
        &data.run(&["restore", csv.to_str().expect("UTF-8"), "--yes"]),
        1,
    );
    assert!(err.contains("pas une sauvegarde JobGate"), "{err}");
    let err = fails(&data.run(&["restore", "/nulle/part.sqlite3", "--yes"]), 1);
    assert!(err.contains("illisible"), "{err}");

    let newer = data.path().join("future.sqlite3");
    ok(&data.run(&["backup", newer.to_str().expect("UTF-8")]));
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("make the backup look newer");
    let err = fails(
        &data.run(&["restore", newer.to_str().expect("UTF-8"), "--yes"]),
        1,
    );
    assert!(
        err.contains("version plus récente de JobGate (schéma 99"),
        "{err}"
    );

    assert_eq!(data.list_json(), before);
    assert!(
        !data.path().join("sauvegardes").exists(),
        "no safety copy for nothing"
    );
}

#[test]
fn a_damaged_database_is_reported_with_the_way_out_and_never_recreated() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let good = data.path().join("bonne.sqlite3");
    ok(&data.run(&["backup", good.to_str().expect("UTF-8")]));
    let before = data.list_json();

    let db = data.path().join("jobgate.sqlite3");
    let noise = data.damage_database();
    let csv = data.path().join("import.csv");

    for args in [
        &["list"][..],
        &["invite", "1", "--yes"],
        &["import", csv.to_str().expect("UTF-8")],
    ] {
        let err = fails(&data.run(args), 1);
        assert!(err.contains("est endommagé"), "{args:?}: {err}");
        assert!(err.contains("jobgate restore FICHIER --yes"), "{err}");
        assert_eq!(
            std::fs::read(&db).expect("read"),
            noise,
            "{args:?} changed the file"
        );
    }
    let out = data
        .cli()
        .env("LANG", "en_GB.UTF-8")
        .arg("list")
        .output()
        .expect("run");
    assert!(
        text(&out.stderr).contains("is damaged"),
        "{}",
        text(&out.stderr)
    );

    let out = ok(&data.run(&["restore", good.to_str().expect("UTF-8"), "--yes"]));
    assert!(out.contains("endommagee-"), "{out}");
    assert_eq!(data.list_json(), before);
    let aside = files_under(&data.path().join("sauvegardes"));
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(&aside[0]).expect("read"),
        noise,
        "the damaged file kept as it was"
    );
}

#[test]
fn a_database_from_a_newer_jobgate_is_refused_and_left_alone() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    // One past this build's last migration, whatever that is now: a
    // hard-coded number turns into "the current schema" with the next
    // migration and the test then fails for the wrong reason.
    let newer = i64::try_from(jobgate_core::latest_schema_version()).expect("small") + 1;
    rusqlite::Connection::open(data.path().join("jobgate.sqlite3"))
        .and_then(|c| c.pragma_update(None, "user_version", newer))
        .expect("a newer schema");
    let err = fails(&data.run(&["list"]), 1);
    assert!(
        err.contains(&format!("version plus récente de JobGate (schéma {newer}")),
        "{err}"
    );
    let version: i64 = rusqlite::Connection::open(data.path().join("jobgate.sqlite3"))
        .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .expect("read the version");
    assert_eq!(version, newer);
}

#[test]
fn about_says_the_version_the_schema_and_the_folders() {
    let data = DataDir::new();
    let out = ok(&data.run(&["about"]));
    assert!(
        out.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Schéma de la base: {}",
            jobgate_core::latest_schema_version()
        )),
        "{out}"
    );
    assert!(out.contains(&data.path().display().to_string()), "{out}");
    assert!(out.contains("logs"), "{out}");
}

/// Puts `pristine` (a backup file) in place as the data folder's database.
fn reset_database(data: &DataDir, pristine: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(data.path().join(format!("jobgate.sqlite3{suffix}")));
    }
    std::fs::copy(pristine, data.path().join("jobgate.sqlite3")).expect("reset the database");
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_data_or_the_new() {
    // The backup: 20,000 applications.
    let big = DataDir::new();
    let mut csv = String::from("job_title,candidate_name,email\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Offre {},Candidat {i},c{i}@exemple.fr\n", i % 40));
    }
    big.import_text(&csv);
    let backup = big.path().join("big.sqlite3");
    ok(&big.run(&["backup", backup.to_str().expect("UTF-8")]));

    // The data it replaces: 3 applications.
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let pristine = data.path().join("pristine.sqlite3");
    ok(&data.run(&["backup", pristine.to_str().expect("UTF-8")]));

    // How long a whole restore takes here.
    reset_database(&data, &pristine);
    let started = std::time::Instant::now();
    ok(&data.run(&["restore", backup.to_str().expect("UTF-8"), "--yes"]));
    let whole = started.elapsed();

    let mut outcomes = Vec::new();
    for step in 1..=10u32 {
        reset_database(&data, &pristine);
        let mut child = data
            .cli()
            .args(["restore", backup.to_str().expect("UTF-8"), "--yes"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start a restore");
        std::thread::sleep(whole * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        let list = data.run(&["list", "--json"]);
        assert!(
            list.status.success(),
            "killed after {step}/10 of a restore, the data does not open: {}",
            text(&list.stderr)
        );
        let rows = jobgate_tests::parse_list_json(&list)
            .as_array()
            .map(Vec::len)
            .unwrap_or(0);
        assert!(
            rows == 3 || rows == 20_000,
            "killed after {step}/10 of a restore: {rows} applications, neither the old data nor the new"
        );
        outcomes.push(rows);
    }
    eprintln!("restore of {whole:?} killed at tenths: {outcomes:?}");
}

#[test]
fn damage_past_the_first_page_is_found_too_and_restored_over() {
    let data = DataDir::new();
    let mut csv = String::from("job_title,candidate_name,email\n");
    for i in 0..500 {
        csv.push_str(&format!("Stage,Candidat {i},c{i}@exemple.fr\n"));
    }
    data.import_text(&csv);
    let good = data.path().join("bonne.sqlite3");
    ok(&data.run(&["backup", good.to_str().expect("UTF-8")]));
    let before = data.list_json();
    // The WAL folded in, then every page but the first overwritten.
    rusqlite::Connection::open(data.path().join("jobgate.sqlite3"))
        .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
        .expect("checkpoint");
    let db = data.path().join("jobgate.sqlite3");
    let mut bytes = std::fs::read(&db).expect("read");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i as u8).wrapping_mul(31).wrapping_add(7);
    }
    std::fs::write(&db, &bytes).expect("damage");

    let err = fails(&data.run(&["list"]), 1);
    assert!(err.contains("endommagé"), "{err}");
    assert!(err.contains("jobgate restore FICHIER --yes"), "{err}");
    let out = ok(&data.run(&["restore", good.to_str().expect("UTF-8"), "--yes"]));
    assert!(out.contains("endommagee-"), "{out}");
    assert_eq!(data.list_json(), before);
}

#[test]
fn a_restore_waits_for_other_jobgate_windows_and_commands() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let file = data.path().join("sauvegarde.sqlite3");
    ok(&data.run(&["backup", file.to_str().expect("UTF-8")]));
    // Another JobGate process: a lease file locked by a live process (this one).
    std::fs::create_dir_all(data.path().join("leases")).expect("leases folder");
    let lease = std::fs::File::create(data.path().join("leases/autreProcessusJobGate1.lock"))
        .expect("a lease file");
    lease.lock().expect("hold the lease");

    let err = fails(
        &data.run(&["restore", file.to_str().expect("UTF-8"), "--yes"]),
        1,
    );
    assert!(
        err.contains("une autre fenêtre ou commande JobGate travaille"),
        "{err}"
    );
    assert!(!data.path().join("sauvegardes").exists(), "nothing done");

    lease.unlock().expect("release the lease");
    drop(lease);
    ok(&data.run(&["restore", file.to_str().expect("UTF-8"), "--yes"]));
}

/// True once a JobGate process holds a lease on `data` (waits up to 10 s).
fn a_lease_appears(data: &DataDir) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let leases = std::fs::read_dir(data.path().join("leases"))
            .map(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".lock"))
            })
            .unwrap_or(false);
        if leases {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    false
}

/// `jobgate restore FILE --yes` now: refused because another command works.
fn restore_is_refused(data: &DataDir, file: &Path) {
    let out = data.run(&["restore", file.to_str().expect("UTF-8"), "--yes"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the restore ran: {err}");
    assert!(
        err.contains("autre fenêtre ou commande JobGate")
            || err.contains("autres fenêtres ou commandes JobGate"),
        "{err}"
    );
    assert!(!data.path().join("sauvegardes").exists(), "nothing done");
}

fn backup_of(data: &DataDir) -> PathBuf {
    let file = data.path().join("sauvegarde.sqlite3");
    ok(&data.run(&["backup", file.to_str().expect("UTF-8")]));
    file
}

/// Issue 13, item 9: `jobgate import` took no lease, so a restore could
/// replace the data under it. The CSV comes through a FIFO, so the import is
/// still reading it when the restore is tried.
#[test]
fn a_restore_is_refused_while_a_cli_import_runs() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let file = backup_of(&data);
    let fifo = data.path().join("arrivee.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let import = data
        .cli()
        .args(["import", fifo.to_str().expect("UTF-8")])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the import");
    a_lease_appears(&data);
    restore_is_refused(&data, &file);
    std::fs::write(
        &fifo,
        "job_title,candidate_name,email\nComptable,Paul Durand,paul@exemple.fr\n",
    )
    .expect("feed the import");
    let out = import.wait_with_output().expect("the import ends");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert_eq!(data.list_json().as_array().map(Vec::len), Some(4));
}

/// Issue 13, item 9: `jobgate config set` took no lease. It is held here
/// waiting for the database's write lock (another writer holds it).
#[test]
fn a_restore_is_refused_while_a_cli_config_set_runs() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let file = backup_of(&data);
    let writer = rusqlite::Connection::open(data.path().join("jobgate.sqlite3")).expect("open");
    writer
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    let set = data
        .cli()
        .args(["config", "set", "company", "Acme"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start config set");
    assert!(a_lease_appears(&data), "config set holds no lease");
    restore_is_refused(&data, &file);
    writer.execute_batch("ROLLBACK").expect("release");
    let out = set.wait_with_output().expect("config set ends");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert_eq!(ok(&data.run(&["config", "get", "company"])).trim(), "Acme");
}

/// Issue 13, item 9: `jobgate backup` took no lease. Paused (SIGSTOP) once
/// its lease appears, it is still writing the backup when the restore is tried.
#[test]
fn a_restore_is_refused_while_a_cli_backup_runs() {
    let data = DataDir::new();
    let mut csv = String::from("job_title,candidate_name,email\n");
    for i in 0..5000 {
        csv.push_str(&format!("Comptable,Paul Durand,paul{i}@exemple.fr\n"));
    }
    data.import_text(&csv);
    let file = backup_of(&data);
    let second = data.path().join("deuxieme.sqlite3");
    let backup = data
        .cli()
        .args(["backup", second.to_str().expect("UTF-8")])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the backup");
    let pid = backup.id().to_string();
    let seen = a_lease_appears(&data);
    let paused = std::process::Command::new("kill")
        .args(["-STOP", &pid])
        .status()
        .expect("kill -STOP");
    let finished_first = !paused.success();
    let resume = || {
        let _ = std::process::Command::new("kill")
            .args(["-CONT", &pid])
            .status();
    };
    if !seen || finished_first {
        resume();
        let _ = backup.wait_with_output();
        panic!("the backup held no lease while it ran (seen: {seen})");
    }
    let refused = std::panic::catch_unwind(|| restore_is_refused(&data, &file));
    resume();
    let out = backup.wait_with_output().expect("the backup ends");
    assert!(refused.is_ok(), "the restore ran under a backup");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(second.exists());
}
