//! The files JobGate writes, as a user meets them through the command line:
//! nothing is ever written over the data (issue 13, item 2), CSV cells never
//! start a formula (item 3), every file is private (item 4), and a full,
//! read-only or locked disk is said in clear words (item 8).
//!
//! The disk tests mount a small tmpfs as the data folder: they need root (CI
//! runs as root) and skip, saying why, where mounting is refused.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jobgate_tests::{fails, ok, text, DataDir};

const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Rust,Élodie Brûlé,elodie@exemple.fr\n\
    Comptable,Jean Dupont,jean@exemple.fr\n";

/// One more application.
const ZOE: &str = "job_title,candidate_name,email\nComptable,Zoé Martin,zoe@exemple.fr\n";

const SENDER: &str = "Recrutement <recrutement@exemple.fr>";

/// Two applications, each with a link and a dry-run email in `<data>/apercu`.
fn invited() -> DataDir {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    dry_run_into(&data, &data.path().join("apercu"));
    ok(&invite_all(&|args| data.run(args)));
    data
}

/// `jobgate invite ID… --yes` for every application (`run` runs jobgate).
fn invite_all(run: &dyn Fn(&[&str]) -> Output) -> Output {
    let list: serde_json::Value =
        serde_json::from_str(&ok(&run(&["list", "--json"]))).expect("list --json");
    let ids: Vec<String> = list
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["application_id"].to_string())
        .collect();
    let mut args = vec!["invite"];
    args.extend(ids.iter().map(String::as_str));
    args.push("--yes");
    run(&args)
}

fn dry_run_into(data: &DataDir, folder: &Path) {
    ok(&data.run(&["config", "set", "from", SENDER]));
    ok(&data.run(&["config", "set", "delivery_mode", "dry_run"]));
    ok(&data.run(&[
        "config",
        "set",
        "dry_run_dir",
        folder.to_str().expect("UTF-8"),
    ]));
}

fn database(data: &DataDir) -> PathBuf {
    data.path().join("jobgate.sqlite3")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The files of `dir` whose name ends with `suffix`.
fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default()
}

fn assert_refused(stderr: &str, path: &Path) {
    assert!(
        stderr.contains("fait partie des données de JobGate")
            && stderr.contains("rien n'y a été écrit")
            && stderr.contains("Choisissez un autre emplacement"),
        "{}: {stderr}",
        path.display()
    );
}

// ---------------------------------------------------------------------------
// Item 2: exports and backups never destroy data.

#[test]
fn export_to_the_database_path_is_refused() {
    let data = invited();
    let db = database(&data);
    let before = std::fs::read(&db).expect("the database");
    let wal = db.with_file_name("jobgate.sqlite3-wal");
    let safety = data.path().join("sauvegardes");
    std::fs::create_dir_all(&safety).expect("sauvegardes/");
    let sub = data.path().join("sous-dossier");
    std::fs::create_dir_all(&sub).expect("a sub-folder");
    let targets = [
        db.clone(),
        wal.clone(),
        db.with_file_name("jobgate.sqlite3-journal"),
        // Another spelling of the same file.
        sub.join("..").join("jobgate.sqlite3"),
        safety.join("avant-restauration-20261125-090000.sqlite3"),
        data.path().join("logs").join("jobgate.2026-11-25.log"),
    ];
    for target in &targets {
        let arg = target.to_str().expect("UTF-8");
        let stderr = fails(&data.run(&["links", "export", "--output", arg]), 1);
        assert_refused(&stderr, target);
        let stderr = fails(&data.run(&["backup", arg]), 1);
        assert_refused(&stderr, target);
    }
    // A link already standing where the export goes, leading to the database.
    let link = data.path().join("liens.csv");
    std::os::unix::fs::symlink(&db, &link).expect("symlink");
    let stderr = fails(
        &data.run(&["links", "export", "--output", link.to_str().unwrap()]),
        1,
    );
    assert_refused(&stderr, &link);

    assert_eq!(
        std::fs::read(&db).expect("the database"),
        before,
        "the database is byte for byte what it was"
    );
    assert!(!safety
        .join("avant-restauration-20261125-090000.sqlite3")
        .exists());
    assert_eq!(data.list_json().as_array().map(Vec::len), Some(2));
    assert!(files_ending(data.path(), ".part").is_empty());
}

#[test]
fn a_dry_run_into_the_data_folders_own_files_is_refused() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let safety = data.path().join("sauvegardes");
    dry_run_into(&data, &safety);
    let out = invite_all(&|args| data.run(args));
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        all.contains("fait partie des données de JobGate")
            && all.contains("Choisissez un autre dossier du mode essai"),
        "{all}"
    );
    assert!(!safety.exists(), "no folder made, no email written there");
}

#[test]
fn an_export_part_file_cannot_be_redirected_by_a_symlink() {
    let data = invited();
    let out = tempfile::tempdir().expect("a folder");
    let victim = out.path().join("précieux.txt");
    std::fs::write(&victim, b"ne pas toucher").expect("victim");
    // Where JobGate used to write its temporary file, a link to another file.
    let export = out.path().join("liens.csv");
    std::os::unix::fs::symlink(&victim, out.path().join("liens.csv.part")).expect("symlink");
    ok(&data.run(&["links", "export", "--output", export.to_str().unwrap()]));
    assert_eq!(std::fs::read(&victim).unwrap(), b"ne pas toucher");
    assert!(text(&std::fs::read(&export).unwrap()).starts_with("application_id,"));
    assert!(files_ending(out.path(), ".part")
        .iter()
        .all(|p| p.ends_with("liens.csv.part")));
}

// ---------------------------------------------------------------------------
// Item 3: spreadsheet-safe CSV.

#[test]
fn csv_cells_that_start_a_formula_are_written_as_text() {
    let data = DataDir::new();
    // Legitimate text that spreadsheets would take for formulas.
    data.import_text(
        "job_title,candidate_name,email\n\
         =1+1,\"=HYPERLINK(\"\"http://attaquant.example/\"\")\",ana@exemple.fr\n\
         Comptable,+33 6 12 34 56 78,bob@exemple.fr\n\
         Comptable,-Marie,marie@exemple.fr\n\
         Comptable,@SOMME(A1:A9),cid@exemple.fr\n\
         Comptable,-12,douze@exemple.fr\n\
         Comptable,Jean-Pierre,jp@exemple.fr\n",
    );
    // The names import as they are: they are text, not formulas.
    let names: Vec<String> = data
        .list_json()
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["candidate_name"].as_str().unwrap_or("").to_owned())
        .collect();
    for name in [
        "=HYPERLINK(\"http://attaquant.example/\")",
        "+33 6 12 34 56 78",
        "-Marie",
        "@SOMME(A1:A9)",
        "-12",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} imported: {names:?}"
        );
    }
    dry_run_into(&data, &data.path().join("apercu"));
    ok(&invite_all(&|args| data.run(args)));

    let links = data.run(&["links", "export"]);
    let list = data.run(&["list", "--csv", "--machine"]);
    let spreadsheet = data.run(&["list", "--csv"]);
    // The spreadsheet form too: every cell, whatever its column's name.
    let spreadsheet = ok(&spreadsheet);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(spreadsheet.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.expect("a record").iter() {
            let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !formula || cell == "-12",
                "list --csv: a cell starts a formula: {cell:?}"
            );
        }
    }
    for (what, out) in [("links export", links), ("list --csv --machine", list)] {
        let csv_text = ok(&out);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers = reader.headers().expect("header").clone();
        let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
        let (name, title) = (column("candidate_name"), column("job_title"));
        let mut seen = Vec::new();
        for record in reader.records() {
            let record = record.expect("a record");
            for cell in record.iter() {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula || cell == "-12",
                    "{what}: a cell starts a formula: {cell:?}"
                );
            }
            seen.push((record[name].to_owned(), record[title].to_owned()));
        }
        for expected in [
            "'=HYPERLINK(\"http://attaquant.example/\")",
            "'+33 6 12 34 56 78",
            "'-Marie",
            "'@SOMME(A1:A9)",
            "-12",
            "Jean-Pierre",
        ] {
            assert!(
                seen.iter().any(|(n, _)| n == expected),
                "{what}: {expected} in {seen:?}"
            );
        }
        assert!(seen.iter().any(|(_, t)| t == "'=1+1"), "{what}: {seen:?}");
    }
}

// ---------------------------------------------------------------------------
// Item 4: private files.

#[test]
fn every_file_jobgate_writes_is_private() {
    let scratch = DataDir::new();
    // A data folder JobGate creates itself.
    let dir = scratch.path().join("données");
    let run = |args: &[&str]| {
        scratch
            .cli()
            .env("JOBGATE_DATA_DIR", &dir)
            .args(args)
            .output()
            .expect("run jobgate")
    };
    let csv = scratch.write_file("c.csv", CANDIDATES.as_bytes());
    ok(&run(&["import", csv.to_str().unwrap()]));
    let dry = dir.join("apercu");
    ok(&run(&["config", "set", "from", SENDER]));
    ok(&run(&["config", "set", "delivery_mode", "dry_run"]));
    ok(&run(&[
        "config",
        "set",
        "dry_run_dir",
        dry.to_str().unwrap(),
    ]));
    ok(&invite_all(&run));
    let exports = scratch.path().join("exports");
    std::fs::create_dir(&exports).expect("exports/");
    let export = exports.join("liens.csv");
    ok(&run(&[
        "links",
        "export",
        "--output",
        export.to_str().unwrap(),
    ]));
    let backup = exports.join("sauvegarde.sqlite3");
    ok(&run(&["backup", backup.to_str().unwrap()]));
    ok(&run(&["restore", backup.to_str().unwrap(), "--yes"]));
    // The window's journals exist while a connection is open: hold one.
    let conn = rusqlite::Connection::open(dir.join("jobgate.sqlite3")).expect("open");
    let _: i64 = conn
        .query_row("SELECT COUNT(*) FROM applications", [], |r| r.get(0))
        .expect("read");

    assert_eq!(mode(&dir), 0o700, "the data folder");
    let mut private = vec![dir.join("jobgate.sqlite3"), export, backup];
    for suffix in ["-wal", "-shm"] {
        let journal = dir.join(format!("jobgate.sqlite3{suffix}"));
        assert!(journal.exists(), "{}", journal.display());
        private.push(journal);
    }
    let emails = files_ending(&dry, ".eml");
    assert_eq!(emails.len(), 2, "{emails:?}");
    let logs = files_ending(&dir.join("logs"), ".log");
    assert!(!logs.is_empty(), "a log file");
    let safety = files_ending(&dir.join("sauvegardes"), ".sqlite3");
    assert_eq!(safety.len(), 1, "{safety:?}");
    for file in private.iter().chain(&emails).chain(&logs).chain(&safety) {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    for folder in [&dry, &dir.join("logs"), &dir.join("sauvegardes")] {
        assert_eq!(mode(folder), 0o700, "{}", folder.display());
    }
}

#[test]
fn a_data_folder_open_to_others_is_made_private_at_start_up() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(database(&data), std::fs::Permissions::from_mode(0o644)).unwrap();
    ok(&data.run(&["list"]));
    assert_eq!(mode(data.path()), 0o700);
    assert_eq!(mode(&database(&data)), 0o600);
    let log: String = files_ending(&data.path().join("logs"), ".log")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    assert!(
        log.contains("a JobGate folder was open to other users: made private")
            && log.contains("from=\"755\""),
        "{log}"
    );
}

/// The uid and gid the restore runs as: root reads and writes a `444` file
/// anyway, so the bug a recruiter meets only shows for an ordinary user.
const NOBODY: u32 = 65534;

#[test]
fn restoring_a_read_only_backup_works() {
    use std::os::unix::process::CommandExt;
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    let backup = data.path().join("sauvegarde.sqlite3");
    ok(&data.run(&["backup", backup.to_str().unwrap()]));
    let before = std::fs::read(&backup).unwrap();
    data.import_text(ZOE);
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o444)).unwrap();

    let mut restore = data.cli();
    restore.args(["restore", backup.to_str().unwrap(), "--yes"]);
    if is_root() {
        chown_tree(data.path(), NOBODY);
        restore.uid(NOBODY).gid(NOBODY);
    }
    let out = ok(&restore.output().expect("run jobgate"));
    assert!(
        out.contains("Sauvegarde restaurée : 2 candidatures"),
        "{out}"
    );
    assert_eq!(data.list_json().as_array().map(Vec::len), Some(2));
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        before,
        "the backup is untouched"
    );
    assert_eq!(mode(&backup), 0o444);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| text(&o.stdout).trim() == "0")
}

fn chown_tree(dir: &Path, uid: u32) {
    let status = Command::new("chown")
        .args(["-R", &format!("{uid}:{uid}")])
        .arg(dir)
        .status()
        .expect("chown");
    assert!(status.success());
}

// ---------------------------------------------------------------------------
// Item 8: clear words for the disk.

/// A small tmpfs mounted on a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (with the reason printed) where mounting is not allowed.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("a folder");
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs { dir }),
            Ok(out) => {
                eprintln!(
                    "SKIPPED: cannot mount a tmpfs here ({}); this test needs root",
                    text(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: no mount command ({e})");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .expect("remount");
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

fn jobgate_on(dir: &Path, lang: &str, args: &[&str]) -> std::process::Output {
    DataDir::new()
        .cli()
        .env("JOBGATE_DATA_DIR", dir)
        .env("LANG", lang)
        .args(args)
        .output()
        .expect("run jobgate")
}

/// A CSV of `n` applications, each line long enough to fill pages fast.
fn many_candidates(n: usize) -> String {
    let mut csv = String::from("job_title,candidate_name,email\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Poste {},Candidat {i} {},c{i}@exemple.fr\n",
            i % 50,
            "x".repeat(150)
        ));
    }
    csv
}

/// A data folder on a fresh tmpfs of `size` holding [`CANDIDATES`], and a
/// scratch folder for input files; `None` where mounting is refused.
fn imported_on_tmpfs(size: &str) -> Option<(Tmpfs, PathBuf, DataDir)> {
    let disk = Tmpfs::mount(size)?;
    let dir = disk.path().join("données");
    let scratch = DataDir::new();
    let csv = scratch.write_file("un.csv", CANDIDATES.as_bytes());
    ok(&jobgate_on(
        &dir,
        "fr_FR.UTF-8",
        &["import", csv.to_str().unwrap()],
    ));
    Some((disk, dir, scratch))
}

#[test]
fn a_full_disk_names_the_data_folder_and_what_to_do() {
    let Some((disk, dir, scratch)) = imported_on_tmpfs("1500k") else {
        return;
    };
    // Fill what is left of the disk.
    let filler = disk.path().join("remplissage");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=4096"])
        .arg(format!("of={}", filler.display()))
        .output();
    let big = scratch.write_file("beaucoup.csv", many_candidates(3000).as_bytes());
    let big = big.to_str().unwrap();

    let stderr = fails(&jobgate_on(&dir, "fr_FR.UTF-8", &["import", big]), 1);
    assert!(
        stderr.contains("Le disque qui contient le dossier de données de JobGate")
            && stderr.contains(dir.to_str().unwrap())
            && stderr.contains("est plein")
            && stderr.contains("Libérez de la place"),
        "{stderr}"
    );
    assert!(!stderr.contains("fermez les autres fenêtres"), "{stderr}");
    let stderr = fails(&jobgate_on(&dir, "en_US.UTF-8", &["import", big]), 1);
    assert!(
        stderr.contains("The disk holding JobGate's data folder")
            && stderr.contains(dir.to_str().unwrap())
            && stderr.contains("Free some space"),
        "{stderr}"
    );
    // Room again: nothing was lost, nothing half-imported.
    std::fs::remove_file(&filler).unwrap();
    let list = jobgate_on(&dir, "fr_FR.UTF-8", &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&ok(&list)).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_read_only_data_folder_says_so() {
    let Some((disk, dir, scratch)) = imported_on_tmpfs("8m") else {
        return;
    };
    disk.remount_read_only();
    let more = scratch.write_file("deux.csv", ZOE.as_bytes());
    let stderr = fails(
        &jobgate_on(&dir, "fr_FR.UTF-8", &["import", more.to_str().unwrap()]),
        1,
    );
    assert!(
        stderr.contains("JobGate ne peut pas écrire dans son dossier de données")
            && stderr.contains(dir.to_str().unwrap())
            && stderr.contains("lecture seule"),
        "{stderr}"
    );
}

#[test]
fn a_database_locked_by_another_program_says_so() {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    // Another program holds the write lock for longer than JobGate waits.
    let other = rusqlite::Connection::open(database(&data)).expect("open");
    other.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let more = data.write_file("deux.csv", ZOE.as_bytes());
    let stderr = fails(&data.run(&["import", more.to_str().unwrap()]), 1);
    assert!(
        stderr.contains("est verrouillée par un autre programme")
            && stderr.contains(data.path().to_str().unwrap())
            && stderr.contains("Fermez ce qui l'utilise"),
        "{stderr}"
    );
    other.execute_batch("ROLLBACK").expect("unlock");
    assert_eq!(data.list_json().as_array().map(Vec::len), Some(2));
}
