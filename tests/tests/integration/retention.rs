//! Retention (issue 14, item 4) and the register of what was done (item 6)
//! from the command line, against a real SMTP server on loopback: the test
//! database aged as time would, `jobgate retention list` says who is past
//! `retention_months` and why, `apply` asks for `--yes` and then erases them
//! for good, and `jobgate about` lists what was done with no personal data.
//! The store-level rules are in src-tauri/core/tests/retention.rs.

use jobgate_tests::smtp::{files_under, MailDataDir, ServerOptions, SmtpServer};
use jobgate_tests::{fails, ok, text};
use serde_json::Value;

const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie.brule@exemple.fr\n\
    Développeur Full Stack,Marc Lefèvre,marc@exemple.fr\n\
    Développeur Full Stack,Hervé Recruté,herve@exemple.fr\n";

const ELODIE: &str = "elodie.brule@exemple.fr";
const MARC: &str = "marc@exemple.fr";
const HERVE: &str = "herve@exemple.fr";

/// Moves every instant stored about the candidate at `email` back to `at`,
/// as if all of it had happened then.
pub(crate) fn age(data: &MailDataDir, email: &str, at: &str) {
    let db = rusqlite::Connection::open(data.path().join("jobgate.sqlite3")).unwrap();
    let theirs = "application_id IN (SELECT a.id FROM applications a
         JOIN candidates c ON c.id = a.candidate_id WHERE c.email = ?2)";
    for sql in [
        "UPDATE candidates SET created_at = ?1 WHERE email = ?2".to_owned(),
        "UPDATE applications SET created_at = ?1
           WHERE candidate_id = (SELECT id FROM candidates WHERE email = ?2)"
            .to_owned(),
        format!("UPDATE events SET at = ?1 WHERE {theirs}"),
        format!("UPDATE outbox SET created_at = ?1, updated_at = ?1 WHERE {theirs}"),
    ] {
        db.execute(&sql, [at, email]).unwrap();
    }
}

#[test]
fn candidates_past_the_retention_period_are_listed_with_why_and_erased_on_yes() {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    let out = data.import(CANDIDATES);
    assert_eq!(out.status.code(), Some(0), "import: {}", text(&out.stdout));
    data.use_server(&server);
    ok(&data.invite(ELODIE));
    let hired = data.row(HERVE)["application_id"].to_string();
    ok(&data.run(&["application", "status", &hired, "hired"]));
    // Élodie's invitation went out 30 months ago, Hervé was hired then; Marc
    // applied today.
    age(&data, ELODIE, "2024-06-04T09:00:00Z");
    age(&data, HERVE, "2024-06-04T09:00:00Z");

    let listed = ok(&data.run(&["retention", "list"]));
    assert!(
        listed.contains("1 candidat dépasse la durée de conservation de 24 mois"),
        "{listed}"
    );
    assert!(
        listed.contains("Élodie Brûlé <elodie.brule@exemple.fr>"),
        "{listed}"
    );
    assert!(
        listed.contains("dernier email envoyé le 04/06/2024"),
        "{listed}"
    );
    assert!(listed.contains("mois sans activité"), "{listed}");
    assert!(listed.contains("jobgate retention apply --yes"), "{listed}");
    assert!(
        !listed.contains(MARC) && !listed.contains(HERVE),
        "{listed}"
    );
    let json: Value =
        serde_json::from_str(&ok(&data.run(&["retention", "list", "--json"]))).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{json}");
    assert_eq!(rows[0]["email"], ELODIE);
    assert_eq!(rows[0]["last_activity"], "email_sent");
    assert!(rows[0]["months_inactive"].as_u64().unwrap() >= 29, "{json}");
    // Hired candidates only when asked for.
    let with_hired = ok(&data.run(&["retention", "list", "--include-hired"]));
    assert!(
        with_hired.contains(HERVE) && with_hired.contains("(recruté)"),
        "{with_hired}"
    );

    // Without --yes: nothing erased, what would go is said.
    let refused = fails(&data.run(&["retention", "apply"]), 2);
    assert!(refused.contains("Rien n'a été effacé"), "{refused}");
    assert!(refused.contains("Confirmez en ajoutant --yes"), "{refused}");
    assert_eq!(data.row(ELODIE)["candidate_name"], "Élodie Brûlé");

    let done = ok(&data.run(&["retention", "apply", "--yes"]));
    assert!(done.contains("1 candidat effacé"), "{done}");
    // No file JobGate keeps holds her address or her name any more (the
    // test's own CSV, which the recruiter chose, aside).
    for needle in [ELODIE, "Élodie Brûlé"] {
        let holding: Vec<String> = files_under(data.path())
            .into_iter()
            .filter(|f| !f.ends_with("import.csv"))
            .filter(|f| {
                jobgate_tests::smtp::contains(
                    &std::fs::read(f).unwrap_or_default(),
                    needle.as_bytes(),
                )
            })
            .map(|f| f.display().to_string())
            .collect();
        assert!(holding.is_empty(), "{needle} still in {holding:?}");
    }
    assert_eq!(data.row(MARC)["candidate_name"], "Marc Lefèvre");
    assert_eq!(data.row(HERVE)["candidate_name"], "Hervé Recruté");
    let listed = ok(&data.run(&["retention", "list"]));
    assert!(listed.contains("Aucun candidat ne dépasse"), "{listed}");

    // The register: the export and the run, with who and how many, and no
    // name or address.
    ok(&data.run(&["candidate", "export", MARC]));
    let about = ok(&data.run(&["about"]));
    assert!(about.contains("Registre RGPD"), "{about}");
    assert!(
        about.contains("application de la durée de conservation : 1 candidat — par "),
        "{about}"
    );
    assert!(
        about.contains("export des données : 1 candidat — par "),
        "{about}"
    );
    assert!(!about.contains(MARC) && !about.contains("Marc"), "{about}");

    // 0: no limit, nobody listed.
    data.set("retention_months", "0");
    let off = ok(&data.run(&["retention", "list"]));
    assert!(off.contains("Aucune durée de conservation"), "{off}");
    assert_eq!(
        server.messages().len(),
        1,
        "nothing was sent by any of this"
    );
}
