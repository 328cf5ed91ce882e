//! Candidates' rights (issue 14) from the command line, against a real SMTP
//! server on loopback: `jobgate candidate export` gives one person's whole
//! record and nobody else's; `jobgate candidate erase` asks for `--yes`, then
//! leaves no byte of theirs in any file of the data folder, and the list and
//! the offers keep the skeleton. The store-level rules are in
//! src-tauri/core/tests/rgpd.rs.

use jobgate_tests::smtp::{files_under, MailDataDir, ServerOptions, SmtpServer};
use jobgate_tests::{fails, ok, text};
use mail_parser::MessageParser;
use serde_json::Value;

const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,Elodie.Brule@exemple.fr\n\
    Développeur Full Stack,Marc Lefèvre,marc@exemple.fr\n";

const ELODIE: &str = "Elodie.Brule@exemple.fr";
const MARC: &str = "marc@exemple.fr";

fn contains(haystack: &[u8], needle: &str) -> bool {
    jobgate_tests::smtp::contains(haystack, needle.as_bytes())
}

/// Every file of the data folder that holds `needle`.
fn files_holding(data: &MailDataDir, needle: &str) -> Vec<String> {
    files_under(data.path())
        .into_iter()
        .filter(|f| contains(&std::fs::read(f).unwrap_or_default(), needle))
        .map(|f| f.display().to_string())
        .collect()
}

#[test]
fn a_candidate_is_exported_then_erased_for_good() {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    let out = data.import(CANDIDATES);
    assert_eq!(out.status.code(), Some(0), "import: {}", text(&out.stdout));
    data.use_server(&server);
    ok(&data.invite(ELODIE));
    ok(&data.invite(MARC));
    assert_eq!(server.messages().len(), 2);
    let elodie = data.row(ELODIE);
    let marc = data.row(MARC);
    let token = elodie["link"]["token"].as_str().unwrap().to_owned();
    let marc_token = marc["link"]["token"].as_str().unwrap().to_owned();
    let received = server
        .messages()
        .into_iter()
        .find(|m| contains(m, &token))
        .expect("her invitation reached the server");
    let message = MessageParser::default().parse(&received).unwrap();
    let subject = message.subject().unwrap().to_owned();
    let jobs_before: Value =
        serde_json::from_str(&ok(&data.run(&["job", "list", "--json"]))).unwrap();

    // Access, found by her address in any case: everything about her only.
    let json = ok(&data.run(&["candidate", "export", "ELODIE.brule@EXEMPLE.fr"]));
    let doc: Value = serde_json::from_str(&json).expect("one JSON document");
    assert_eq!(doc["format"], "jobgate-personal-data");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["candidate"]["email"], ELODIE);
    assert_eq!(doc["candidate"]["name"], "Élodie Brûlé");
    assert_eq!(doc["candidate"]["erased"], false);
    let application = &doc["applications"][0];
    assert_eq!(application["job_title"], "Développeur Full Stack");
    assert_eq!(application["status"], "invited");
    assert_eq!(application["links"][0]["token"], token.as_str());
    assert_eq!(application["links"][0]["state"], "active");
    let email = &application["emails"][0];
    assert_eq!(email["subject"], subject.as_str());
    assert_eq!(email["recipient"], ELODIE);
    assert_eq!(email["state"], "sent");
    assert_eq!(email["smtp_code"], 250);
    assert!(email["text"].as_str().unwrap().contains(&token));
    assert_eq!(email["attempts"][0]["outcome"], "sent");
    assert!(email["attempts"][0]["server_reply"].is_string(), "{email}");
    assert!(!application["history"].as_array().unwrap().is_empty());
    assert!(!json.contains(MARC) && !json.contains("Lefèvre") && !json.contains(&marc_token));

    // To a file: private, whole, said on standard error.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("elodie.json");
    let out = data.run(&["candidate", "export", ELODIE, "-o", file.to_str().unwrap()]);
    assert!(ok(&out).is_empty());
    assert!(
        text(&out.stderr).contains("exportées dans"),
        "{}",
        text(&out.stderr)
    );
    let written: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(written["candidate"], doc["candidate"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Without --yes: nothing erased, what would go is said.
    let refused = fails(&data.run(&["candidate", "erase", ELODIE]), 2);
    assert!(refused.contains("Rien n'a été effacé"), "{refused}");
    assert!(
        refused.contains("Élodie Brûlé") && refused.contains("--yes"),
        "{refused}"
    );
    assert_eq!(data.row(ELODIE)["link"]["state"], "active");

    let done = ok(&data.run(&["candidate", "erase", "elodie.brule@exemple.fr", "--yes"]));
    assert!(
        done.contains("effacé") && done.contains("1 lien révoqué"),
        "{done}"
    );

    // No file of the data folder holds her address, name or link any more
    // (the database, its journal, the logs, everything) but the CSV the
    // harness imported, which is the recruiter's.
    std::fs::remove_file(data.path().join("import.csv")).unwrap();
    for gone in [
        ELODIE,
        "elodie.brule@exemple.fr",
        "Élodie Brûlé",
        "elodie brule",
        "Brûlé",
        &token,
    ] {
        assert_eq!(files_holding(&data, gone), Vec::<String>::new(), "{gone:?}");
    }
    let database = std::fs::read(data.path().join("jobgate.sqlite3")).unwrap();
    assert!(contains(&database, MARC) && contains(&database, &marc_token));

    // The skeleton in the list; Marc untouched.
    let rows = data.list_json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let skeleton = rows
        .iter()
        .find(|r| r["application_id"] == elodie["application_id"])
        .unwrap();
    assert_eq!(skeleton["erased"], true, "{skeleton}");
    assert_eq!(skeleton["candidate_name"], "Candidat effacé");
    assert!(skeleton["email"].as_str().unwrap().ends_with("@invalid"));
    assert_eq!(skeleton["status"], "invited");
    assert_eq!(skeleton["link"]["state"], "revoked");
    assert_eq!(skeleton["job_title"], "Développeur Full Stack");
    assert_eq!(data.row(MARC)["link"]["state"], "active");
    let jobs_after: Value =
        serde_json::from_str(&ok(&data.run(&["job", "list", "--json"]))).unwrap();
    assert_eq!(
        jobs_before[0]["applications"], jobs_after[0]["applications"],
        "{jobs_after}"
    );

    // Her address is gone: an export or an erasure by it finds nobody.
    let nobody = fails(&data.run(&["candidate", "export", ELODIE]), 1);
    assert!(nobody.contains("Aucun candidat n'a l'adresse"), "{nobody}");
    fails(&data.run(&["candidate", "erase", ELODIE, "--yes"]), 1);
    // Nothing goes to her again.
    let id = elodie["application_id"].to_string();
    let again = fails(&data.run(&["invite", &id, "--yes"]), 1);
    assert!(again.contains("effacé"), "{again}");
    assert_eq!(server.messages().len(), 2);
}

/// Issue 14, item 3: a backup made before an erasure, restored, erases her
/// again before `restore` returns; a CSV that still lists her skips her row
/// with its line and the date, unless `--include-erased`.
#[test]
fn an_erasure_survives_a_restore_and_a_re_import() {
    let data = jobgate_tests::DataDir::new();
    data.import_text(CANDIDATES);
    let outside = tempfile::tempdir().unwrap();
    let backup = outside.path().join("avant.jobgate");
    let backup_arg = backup.to_str().unwrap();
    ok(&data.run(&["backup", backup_arg]));
    ok(&data.run(&["candidate", "erase", ELODIE, "--yes"]));

    // The register: a keyed hash and the date, never her address.
    let register = std::fs::read(data.path().join("erasures.json")).unwrap();
    for gone in [ELODIE, "elodie.brule@exemple.fr", "exemple.fr"] {
        assert!(!contains(&register, gone), "{gone} in the register");
    }

    let restored = ok(&data.run(&["restore", backup_arg, "--yes"]));
    assert!(restored.contains("effacé de nouveau"), "{restored}");
    std::fs::remove_file(data.path().join("import.csv")).unwrap();
    let files = files_under(data.path())
        .into_iter()
        .filter(|f| !f.starts_with(data.path().join("sauvegardes")))
        .filter(|f| {
            let bytes = std::fs::read(f).unwrap_or_default();
            contains(&bytes, ELODIE) || contains(&bytes, "Élodie Brûlé")
        })
        .collect::<Vec<_>>();
    assert!(files.is_empty(), "{files:?}");
    let rows = data.list_json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().any(|r| r["erased"] == true), "{rows:?}");
    assert!(rows.iter().any(|r| r["email"] == MARC));

    // Re-import: her row skipped with its line and the date, Marc's present.
    let csv = data.write_file(
        "again.csv",
        format!("{CANDIDATES}Chef de projet,Élodie Brûlé,elodie.brule@exemple.fr\n").as_bytes(),
    );
    let csv_arg = csv.to_str().unwrap();
    let out = ok(&data.run(&["import", csv_arg]));
    assert!(
        out.contains("ligne 2 ignorée : Candidat effacé à sa demande le "),
        "{out}"
    );
    assert!(out.contains("ligne 4 ignorée"), "{out}");
    assert!(out.contains("--include-erased"), "{out}");
    assert_eq!(data.list_json().as_array().unwrap().len(), 2);
    // Asked for: imported again.
    let out = ok(&data.run(&["import", csv_arg, "--include-erased"]));
    assert!(!out.contains("effacé à sa demande"), "{out}");
    let rows = data.list_json();
    let again: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["email"] == ELODIE || r["email"] == "elodie.brule@exemple.fr")
        .collect();
    assert_eq!(again.len(), 2, "{rows}");
}
