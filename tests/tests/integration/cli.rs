//! The command line, run as a user runs it: the real binary, a fresh data folder,
//! no display (proving no window opens for a subcommand).

use jobgate_tests::{ok, text, DataDir};

const SAMPLE: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
    Développeur Full Stack,Sans Adresse,pas-une-adresse\n\
    Comptable,Jean Dupont,jean.dupont@exemple.fr\n";

fn imported() -> DataDir {
    let data = DataDir::new();
    let csv = data.write_file("c.csv", SAMPLE.as_bytes());
    data.run(&["import", csv.to_str().unwrap()]);
    data
}

/// A dry run with a sender: links are made and emails written to a folder,
/// nothing leaves the machine (a real email also needs a key).
fn offline(data: &DataDir) {
    let essai = data.path().join("essai");
    for (name, value) in [
        ("delivery_mode", "dry_run"),
        ("dry_run_dir", essai.to_str().unwrap()),
        ("from", "Acme Recrutement <recrutement@acme.fr>"),
    ] {
        ok(&data.run(&["config", "set", name, value]));
    }
}

#[test]
fn import_keeps_good_rows_reports_bad_lines_and_exits_3() {
    let data = DataDir::new();
    let csv = data.write_file("c.csv", SAMPLE.as_bytes());
    let out = data.run(&["import", csv.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(
        stdout
            .contains("ligne 3 ignorée : « pas-une-adresse » n'est pas une adresse e-mail valide"),
        "{stdout}"
    );
    assert!(stdout.contains("2 candidatures ajoutées"), "{stdout}");
    assert_eq!(data.list_json().as_array().unwrap().len(), 2);

    // Importing the same file again duplicates nothing.
    let again = data.run(&["import", csv.to_str().unwrap()]);
    assert!(text(&again.stdout).contains("0 candidature ajoutée, 2 déjà présentes"));
    assert_eq!(data.list_json().as_array().unwrap().len(), 2);
}

#[test]
fn a_clean_import_exits_0() {
    let data = DataDir::new();
    let csv = data.write_file(
        "c.csv",
        b"job_title,candidate_name,email\nDev,Ana,ana@exemple.fr\n",
    );
    let out = data.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn unreadable_inputs_fail_with_a_message_and_change_nothing() {
    let data = DataDir::new();
    let missing = data.run(&["import", "/nonexistent/candidats.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).starts_with("Erreur : "),
        "{}",
        text(&missing.stderr)
    );

    let no_header = data.write_file("bad.csv", b"nom,adresse\nAna,ana@exemple.fr\n");
    let out = data.run(&["import", no_header.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("Colonnes manquantes") && stderr.contains("job_title"),
        "{stderr}"
    );
    assert_eq!(data.list_json().as_array().unwrap().len(), 0);
}

#[test]
fn list_json_has_the_documented_shape() {
    let data = imported();
    let list = data.list_json();
    let first = &list.as_array().unwrap()[0];
    for key in [
        "application_id",
        "job_id",
        "job_title",
        "candidate_name",
        "email",
        "status",
        "invitation_status",
        "applied_at",
        "link",
        "last_email",
    ] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
    assert_eq!(first["candidate_name"], "Élodie Brûlé");
    assert_eq!(first["status"], "new");
    assert_eq!(first["invitation_status"], "not_invited");
    assert!(first["link"].is_null());
    assert!(first["last_email"].is_null());
}

#[test]
fn invite_needs_yes_then_creates_one_link_and_is_idempotent() {
    let data = imported();
    let id = data.list_json()[0]["application_id"]
        .as_i64()
        .unwrap()
        .to_string();

    let refused = data.run(&["invite", &id]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("--yes") && stderr.contains("Élodie Brûlé"),
        "{stderr}"
    );
    assert!(
        data.list_json()[0]["link"].is_null(),
        "nothing created without --yes"
    );

    // No sender and no key in this data folder: the email could not go, so
    // no link is made, and the command says what is missing (issue 18).
    let refused = data.run(&["invite", &id, "--yes"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("Rien n'a été créé ni envoyé"),
        "{}",
        text(&refused.stderr)
    );
    assert!(data.list_json()[0]["link"].is_null(), "no link made");

    // In a dry run (a sender, no key) the link is made and the email written.
    offline(&data);
    let first = data.run(&["invite", &id, "--yes"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    assert!(
        stdout.starts_with("Lien créé pour Élodie Brûlé : http://localhost:3000/interview/start/"),
        "{stdout}"
    );
    assert!(stdout.contains("Ce lien expire le "), "{stdout}");

    let link = data.list_json()[0]["link"].clone();
    let token = link["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 43);
    assert_eq!(
        link["start_url"],
        format!("http://localhost:3000/interview/start/{token}")
    );
    assert_eq!(link["revoked"], false);
    let created =
        chrono::DateTime::parse_from_rfc3339(link["created_at"].as_str().unwrap()).unwrap();
    let expires =
        chrono::DateTime::parse_from_rfc3339(link["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!(expires - created, chrono::Duration::days(7));
    assert_eq!(data.list_json()[0]["status"], "invited");

    // Asking again reuses the same link.
    let second = data.run(&["invite", &id, "--yes"]);
    assert!(
        text(&second.stdout).contains("a déjà un lien valide"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(data.list_json()[0]["link"]["token"], token.as_str());
}

#[test]
fn inviting_an_unknown_application_says_so() {
    let data = imported();
    let out = data.run(&["invite", "999", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("La candidature n° 999 n'existe pas"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn base_url_setting_and_the_seed_environment_override() {
    let data = imported();
    offline(&data);
    let id = data.list_json()[0]["application_id"]
        .as_i64()
        .unwrap()
        .to_string();
    data.run(&["invite", &id, "--yes"]);

    let bad = data.run(&["config", "set", "base_url", "entretiens.exemple.fr"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("n'est pas une adresse web valide"));

    let set = data.run(&[
        "config",
        "set",
        "base_url",
        "https://entretiens.exemple.fr/",
    ]);
    assert!(set.status.success());
    assert_eq!(
        text(&data.run(&["config", "get", "base_url"]).stdout).trim(),
        "https://entretiens.exemple.fr"
    );
    let url = data.list_json()[0]["link"]["start_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        url.starts_with("https://entretiens.exemple.fr/interview/start/"),
        "{url}"
    );

    let out = data
        .cli()
        .args(["list", "--json"])
        .env("FRONTEND_BASE_URL", "https://autre.exemple.fr")
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list[0]["link"]["start_url"]
        .as_str()
        .unwrap()
        .starts_with("https://autre.exemple.fr/interview/start/"));
}

#[test]
fn list_filters_by_search_status_and_job() {
    let data = imported();
    let out = data.run(&["list", "--json", "--search", "dupont"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["candidate_name"], "Jean Dupont");
    let bad = data.run(&["list", "--status", "pending"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("Statuts possibles"));
}

#[test]
fn messages_follow_an_english_locale() {
    let data = DataDir::new();
    let out = data
        .cli()
        .args(["invite", "5", "--yes"])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stderr).trim(),
        "Error: Application #5 does not exist (any more). Refresh the list."
    );
}

#[test]
fn usage_errors_exit_2_and_help_opens_no_window() {
    let data = DataDir::new();
    assert_eq!(data.run(&["invite"]).status.code(), Some(2));
    let help = data.run(&["--help"]);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("import"));
}

#[test]
fn the_data_folder_is_created_with_the_database_inside() {
    let data = DataDir::new();
    let nested = data.path().join("a/b");
    let out = data
        .cli()
        .args(["list"])
        .env("JOBGATE_DATA_DIR", &nested)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Aucune candidature"));
    assert!(nested.join("jobgate.sqlite3").exists());
}

#[test]
fn without_a_display_the_window_explains_instead_of_crashing() {
    let data = DataDir::new();
    let out = data.run(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("Aucun affichage graphique (DISPLAY)"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_dry_run_import_reports_like_an_import_and_saves_nothing() {
    let data = DataDir::new();
    let csv = data.write_file(
        "c.csv",
        "Poste;Nom du candidat;Courriel\n\
         Comptable;Ana;ana@exemple.fr\n\
         Comptable;Ana bis;ANA@exemple.fr\n\
         Comptable;Sans Adresse;pas-une-adresse\n"
            .as_bytes(),
    );
    let out = data.run(&["import", "--dry-run", csv.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("ligne 4 ignorée : « pas-une-adresse »"),
        "{stdout}"
    );
    assert!(
        stdout.contains("ligne 3 : même offre et même e-mail que la ligne 2, fusionnée avec elle."),
        "{stdout}"
    );
    assert!(
        stdout.contains("ESSAI, rien n'a été enregistré. 3 lignes lues : 1 candidature serait ajoutée, 1 déjà présente, 1 rejetée."),
        "{stdout}"
    );
    assert_eq!(
        data.list_json().as_array().unwrap().len(),
        0,
        "nothing saved"
    );
    // The real import says the same, and saves.
    let out = data.run(&["import", csv.to_str().unwrap()]);
    assert!(text(&out.stdout)
        .contains("3 lignes lues : 1 candidature ajoutée, 1 déjà présente, 1 rejetée."));
    assert_eq!(data.list_json().as_array().unwrap().len(), 1);
}

#[test]
fn a_windows_1252_file_is_read_and_said_so() {
    let data = DataDir::new();
    let csv = data.write_file(
        "excel.csv",
        b"job_title,candidate_name,email\nD\xe9veloppeur,Zo\xe9 C\x9cur,zoe@exemple.fr\n",
    );
    let out = data.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("lu comme du Windows-1252"));
    assert_eq!(data.list_json()[0]["candidate_name"], "Zoé Cœur");
}

#[test]
fn list_csv_machine_exports_every_row_of_the_filter() {
    let data = imported();
    let out = data.run(&["list", "--csv", "--machine", "--search", "developpeur"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("application_id,candidate_name,email,job_title,status,invitation_status,applied_at,start_url,expires_at,link_status,email_state,sent_at")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{stdout}");
    assert!(
        rows[0].contains("Élodie Brûlé,elodie@exemple.fr,Développeur Full Stack,new,not_invited")
    );
}

/// `config list` reads the one settings table: every setting, its value, its
/// label as Réglages shows it, and the seed's environment override.
#[test]
fn config_list_shows_every_setting_with_its_label_and_override() {
    let data = DataDir::new();
    assert!(data
        .run(&["config", "set", "company", "Acme"])
        .status
        .success());
    let out = data
        .cli()
        .args(["config", "list"])
        .env("FRONTEND_BASE_URL", "https://autre.exemple.fr")
        .output()
        .expect("run jobgate");
    assert!(out.status.success());
    let listed = text(&out.stdout);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(
        lines.len(),
        jobgate_core::settings::SETTINGS.len(),
        "one line per setting: {listed}"
    );
    for setting in jobgate_core::settings::SETTINGS {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{} = ", setting.name))),
            "{} listed: {listed}",
            setting.name
        );
    }
    assert!(
        lines.contains(
            &"base_url = http://localhost:3000  # Adresse de la plateforme d'entretien \
              (FRONTEND_BASE_URL = https://autre.exemple.fr)"
        ),
        "{listed}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("company = Acme  # Nom de l'entreprise")),
        "{listed}"
    );
    assert!(lines.contains(&"smtp_port = 587  # Port"), "{listed}");
}

/// `list --csv` writes what the window's export writes (issue 18, item 7):
/// for Excel set to French, a byte-order mark, `;`, French headers naming the
/// zone, the statuses in words and the times on the recruiter's clock.
#[test]
fn list_csv_opens_as_columns_in_a_french_spreadsheet() {
    let data = imported();
    let out = data
        .cli()
        .args(["list", "--csv", "--search", "developpeur"])
        .env("TZ", "Europe/Paris")
        .output()
        .expect("run jobgate");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let body = stdout
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte-order mark");
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "N° de candidature;Candidat;E-mail;Offre;Statut de la candidature;Invitation;\
              Candidature reçue le (Europe/Paris);Lien d'entretien;\
              Lien valable jusqu'au (Europe/Paris);État du lien;Dernier email;\
              Email envoyé le (Europe/Paris)"
        )
    );
    let row = lines.next().expect("one row");
    assert!(
        row.contains(
            ";Élodie Brûlé;elodie@exemple.fr;Développeur Full Stack;Nouvelle;Non invitée;"
        ),
        "{row}"
    );
    let applied = row.split(';').nth(6).expect("the applied column");
    assert!(
        chrono::NaiveDateTime::parse_from_str(applied, "%d/%m/%Y %H:%M").is_ok(),
        "{applied}"
    );

    // English, as the interface: commas, English words, ISO dates.
    assert!(data
        .run(&["config", "set", "ui_language", "en"])
        .status
        .success());
    let english = text(
        &data
            .run(&["list", "--csv", "--search", "developpeur"])
            .stdout,
    );
    let english = english.strip_prefix('\u{feff}').expect("a byte-order mark");
    assert!(
        english.starts_with("Application no.,Candidate,Email,Job offer,"),
        "{english}"
    );
    assert!(english.contains(",New,Not invited,"), "{english}");
}

/// `--stage` keeps one part of an offer's bar; an unknown stage is named,
/// with the possible ones.
#[test]
fn list_by_stage_shows_who_never_got_their_email() {
    let data = imported();
    let all = data.list_json().as_array().unwrap().len();
    let out = data.run(&["list", "--json", "--stage", "not_invited"]);
    let rows = jobgate_tests::parse_list_json(&out);
    assert_eq!(rows.as_array().unwrap().len(), all);
    let out = data.run(&["list", "--json", "--stage", "sent"]);
    assert_eq!(jobgate_tests::parse_list_json(&out), serde_json::json!([]));
    let bad = data.run(&["list", "--stage", "perdu"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = text(&bad.stderr);
    assert!(
        stderr.contains("L'étape « perdu » n'existe pas")
            && stderr.contains("not_invited, link_created"),
        "{stderr}"
    );
}
