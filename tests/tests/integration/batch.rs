//! Batches against the real loopback SMTP server (STARTTLS + AUTH): many
//! invitations over a few reused connections, faults injected by recipient
//! (see tests/support/README.md), and nothing ever sent twice.

use std::collections::HashSet;

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer};
use jobgate_tests::text;
use mail_parser::MessageParser;
use serde_json::Value;

/// `n` applications to one job offer; `special` (index → email) replaces some addresses.
fn csv(n: usize, special: &[(usize, &str)]) -> String {
    let mut out = String::from("job_title,candidate_name,email\n");
    for i in 0..n {
        let email = special
            .iter()
            .find(|(at, _)| *at == i)
            .map(|(_, e)| (*e).to_owned())
            .unwrap_or_else(|| format!("candidat{i}@exemple.fr"));
        out.push_str(&format!("Développeur Rust,Candidat {i},{email}\n"));
    }
    out
}

fn setup(n: usize, special: &[(usize, &str)]) -> (MailDataDir, SmtpServer, String) {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    assert_eq!(data.import(&csv(n, special)).status.code(), Some(0));
    data.use_server(&server);
    data.set("smtp_connections", "4");
    data.set("daily_quota", "0");
    let job = data.list_json()[0]["job_id"].as_i64().unwrap().to_string();
    (data, server, job)
}

fn outbox(data: &MailDataDir) -> Vec<Value> {
    let out = data.run(&["outbox", "--json", "--limit", "1000"]);
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn states(data: &MailDataDir) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for row in outbox(data) {
        *counts
            .entry(row["state"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    counts
}

/// Every message the server accepted went to a different recipient, with a different Message-ID.
fn assert_no_duplicates(server: &SmtpServer) {
    let mut ids = HashSet::new();
    let mut recipients = HashSet::new();
    for raw in server.messages() {
        let msg = MessageParser::default().parse(&raw).unwrap();
        assert!(
            ids.insert(msg.message_id().unwrap().to_owned()),
            "a Message-ID reached the server twice"
        );
        let to = msg
            .to()
            .unwrap()
            .first()
            .unwrap()
            .address()
            .unwrap()
            .to_owned();
        assert!(recipients.insert(to.clone()), "{to} was emailed twice");
    }
}

#[test]
fn one_550_recipient_among_100_and_the_other_99_go_out_once() {
    let (data, server, job) = setup(100, &[(37, "nouser550.refus@exemple.fr")]);
    let out = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "one failure → exit 1\n{stdout}");
    assert!(
        stdout.contains("99 envoyés, 1 en échec, 0 ignoré sur 100."),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "échec : nouser550.refus@exemple.fr : Le serveur a refusé définitivement ce message (550"
        ),
        "{stdout}"
    );
    assert_eq!(server.message_count(), 99);
    assert_no_duplicates(&server);
    let counts = states(&data);
    assert_eq!(counts.get("sent"), Some(&99));
    assert_eq!(counts.get("failed_permanent"), Some(&1));
    let refused = outbox(&data)
        .into_iter()
        .find(|r| r["state"] == "failed_permanent")
        .unwrap();
    assert_eq!(refused["smtp_code"], 550);
    assert_eq!(refused["attempts"], 1, "a final refusal is never retried");
    // Every row is accounted for in the list too.
    let list = data.list_json();
    let sent = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["invitation_status"] == "sent")
        .count();
    assert_eq!(sent, 99);

    // "Invite all" again: the 99 are not emailed twice; the refused one is tried again.
    let again = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert!(
        text(&again.stdout).contains("0 envoyé, 1 en échec, 0 ignoré sur 1."),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(server.message_count(), 99);
}

#[test]
fn a_421_mid_batch_is_retried_on_a_fresh_connection_and_the_rest_go_out() {
    let (data, server, job) = setup(12, &[(5, "temp421.occupe@exemple.fr")]);
    let out = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("11 envoyés, 1 en échec"), "{stdout}");
    assert!(stdout.contains("nouvel essai plus tard"), "{stdout}");
    assert_eq!(server.message_count(), 11);
    assert_no_duplicates(&server);
    let row = outbox(&data)
        .into_iter()
        .find(|r| r["recipient"] == "temp421.occupe@exemple.fr")
        .unwrap();
    assert_eq!(row["state"], "failed_temporary");
    assert_eq!(row["smtp_code"], 421);
    assert_eq!(
        row["attempts"], 3,
        "tried three times, then left for the recruiter"
    );
}

#[test]
fn a_refused_key_stops_before_anything_is_created() {
    let server = SmtpServer::start(ServerOptions::starttls().auth_fail_always());
    let data = MailDataDir::new();
    assert_eq!(data.import(&csv(5, &[])).status.code(), Some(0));
    data.use_server(&server);
    let job = data.list_json()[0]["job_id"].as_i64().unwrap().to_string();
    let out = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("refusé la clé API"),
        "{}",
        text(&out.stderr)
    );
    assert!(outbox(&data).is_empty(), "no outbox row");
    assert!(
        data.list_json()
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["link"].is_null()),
        "no link"
    );
}

#[test]
fn a_batch_asks_for_yes_and_respects_the_daily_quota() {
    let (data, server, job) = setup(6, &[]);
    let refused = data.run(&["invite", "--job", &job, "--all"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("pour inviter 6 candidats"),
        "{}",
        text(&refused.stderr)
    );

    data.set("daily_quota", "4");
    let over = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert_eq!(over.status.code(), Some(2));
    assert!(
        text(&over.stderr).contains("dépasseraient le quota quotidien de 4"),
        "{}",
        text(&over.stderr)
    );
    assert_eq!(server.message_count(), 0);
    assert!(outbox(&data).is_empty());

    let forced = data.run(&["invite", "--job", &job, "--all", "--yes", "--over-quota"]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stdout));
    assert_eq!(server.message_count(), 6);
    let nothing_left = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert!(text(&nothing_left.stdout).contains("n'attend d'invitation"));
}

#[test]
fn a_dry_run_writes_eml_files_sends_nothing_and_leaves_the_invitations_to_do() {
    let (data, server, job) = setup(5, &[]);
    let folder = data.path().join("apercu");
    data.set("delivery_mode", "dry_run");
    data.set("dry_run_dir", folder.to_str().unwrap());
    let out = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("MODE ESSAI : aucun email n'est envoyé"),
        "{stdout}"
    );
    assert_eq!(server.message_count(), 0, "nothing reached the server");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(files.len(), 5);
    let raw = std::fs::read(&files[0]).unwrap();
    let msg = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        msg.subject(),
        Some("Invitation à l'entretien vidéo — Développeur Rust")
    );
    // Nothing counts as sent: once back to SMTP, "invite all" sends them for real.
    assert!(outbox(&data).is_empty());
    let list = data.list_json();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["invitation_status"] == "link_active"));
    data.set("delivery_mode", "smtp");
    let real = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert_eq!(real.status.code(), Some(0), "{}", text(&real.stdout));
    assert_eq!(server.message_count(), 5);
}

#[test]
fn a_connection_reset_after_data_is_uncertain_and_never_retried() {
    let (data, server, job) = setup(10, &[(4, "reset.coupure@exemple.fr")]);
    let out = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("9 envoyés, 1 en échec"), "{stdout}");
    assert!(
        stdout.contains("on ne sait pas s'il est arrivé"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("nouvel essai"),
        "an uncertain message is never retried: {stdout}"
    );
    assert_eq!(server.message_count(), 9);
    assert_no_duplicates(&server);
    let row = outbox(&data)
        .into_iter()
        .find(|r| r["recipient"] == "reset.coupure@exemple.fr")
        .unwrap();
    assert_eq!(row["state"], "unknown");
    assert_eq!(row["error_code"], "uncertain");
    assert_eq!(row["attempts"], 1);
    assert_eq!(
        data.row("reset.coupure@exemple.fr")["invitation_status"],
        "send_unknown"
    );
    // "Invite all" again leaves it to the recruiter.
    let again = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert!(
        text(&again.stdout).contains("n'attend d'invitation"),
        "{}",
        text(&again.stdout)
    );
}
