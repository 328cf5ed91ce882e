//! An invitation's life after its link is made, from the command line as a user
//! runs it: `jobgate application|link|links|job`, against a real SMTP server on
//! loopback (tests/support/smtp_server.py, STARTTLS and AUTH). Each test has its
//! own data folder and its own server; the key comes from `SENDGRID_API_KEY` and
//! the OS keyring is out of reach. The store-level rules are in
//! src-tauri/core/tests/lifecycle.rs; here is what the recruiter sees and what
//! reaches the server.

use std::collections::HashMap;
use std::process::Output;

use chrono::{DateTime, Duration, FixedOffset};
use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, CLI_LIMIT};
use jobgate_tests::text;
use jobgate_tests::{fails, ok};
use mail_parser::{Message, MessageParser};
use serde_json::Value;

const DEV: &str = "Développeur Full Stack";

/// Two candidates for one offer, one for another.
const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
    Développeur Full Stack,Marc Lefèvre,marc@exemple.fr\n\
    Comptable,Jean Dupont,jean.dupont@exemple.fr\n";

const ELODIE: &str = "elodie@exemple.fr";
const MARC: &str = "marc@exemple.fr";
const JEAN: &str = "jean.dupont@exemple.fr";

/// The links export's header, in order.
const EXPORT_HEADER: [&str; 11] = [
    "application_id",
    "candidate_name",
    "email",
    "job_id",
    "job_title",
    "token",
    "start_url",
    "created_at",
    "expires_at",
    "status",
    "revoked_at",
];

/// A data folder with [`CANDIDATES`] imported, pointed at a fresh server.
fn setup() -> (MailDataDir, SmtpServer) {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    let out = data.import(CANDIDATES);
    assert_eq!(out.status.code(), Some(0), "import: {}", text(&out.stdout));
    data.use_server(&server);
    (data, server)
}

/// Invites the candidate (the email must reach the server) and returns the application id.
fn invited(data: &MailDataDir, server: &SmtpServer, email: &str) -> String {
    let before = server.message_count();
    ok(&data.invite(email));
    assert_eq!(server.message_count(), before + 1, "the invitation arrived");
    data.id_of(email)
}

/// `application history ID --json`, parsed.
fn history(data: &MailDataDir, id: &str) -> Value {
    let out = ok(&data.run(&["application", "history", id, "--json"]));
    serde_json::from_str(&out).expect("history --json prints JSON")
}

/// The timeline entries of one kind.
fn entries<'a>(history: &'a Value, kind: &str) -> Vec<&'a Value> {
    history["timeline"]
        .as_array()
        .expect("a timeline array")
        .iter()
        .filter(|e| e["kind"] == kind)
        .collect()
}

/// `jobgate ARGS...` with an English locale.
fn run_en(data: &MailDataDir, args: &[&str]) -> Output {
    let mut cmd = data.cli();
    cmd.args(args).env("LANG", "en_US.UTF-8");
    data.output_of(cmd, None, CLI_LIMIT)
}

fn parse(raw: &[u8]) -> Message<'_> {
    MessageParser::default()
        .parse(raw)
        .expect("the server received a parseable MIME message")
}

/// The text/plain part of a received message.
fn plain(raw: &[u8]) -> String {
    parse(raw).body_text(0).expect("a text part").into_owned()
}

fn instant(v: &Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(v.as_str().expect("an RFC 3339 string")).expect("RFC 3339")
}

/// The links export read back with a CSV reader: the header checked, one map per row.
fn export_rows(csv_bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("a header line")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, EXPORT_HEADER);
    reader
        .records()
        .map(|r| {
            let record = r.expect("a well-formed CSV record");
            assert_eq!(record.len(), EXPORT_HEADER.len(), "{record:?}");
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// `%XX` sequences decoded (UTF-8), for reading a mailto: URL back.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 once decoded")
}

#[test]
fn resend_needs_yes_then_sends_the_same_link_again_and_the_history_lists_both_attempts() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let row = data.row(ELODIE);
    let token = row["link"]["token"].as_str().expect("token").to_owned();
    let start_url = row["link"]["start_url"]
        .as_str()
        .expect("start_url")
        .to_owned();
    assert!(plain(&server.messages()[0]).contains(&start_url));

    // Without --yes: exit 2, the command to type, nothing sent.
    let refused = data.run(&["link", "resend", &id]);
    let stderr = fails(&refused, 2);
    assert!(
        stderr.contains(ELODIE) && stderr.contains(&format!("jobgate link resend {id} --yes")),
        "{stderr}"
    );
    assert_eq!(server.message_count(), 1, "nothing sent without --yes");

    let stdout = ok(&data.run(&["link", "resend", &id, "--yes"]));
    assert!(
        stdout.contains(&format!("Email d'invitation envoyé à {ELODIE}")) && stdout.contains("250"),
        "{stdout}"
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 2, "a second message arrived");
    let (first, second) = (parse(&messages[0]), parse(&messages[1]));
    assert_eq!(
        second.subject(),
        Some(format!("Invitation à l'entretien vidéo — {DEV}").as_str())
    );
    assert_eq!(
        second
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some(ELODIE)
    );
    assert_ne!(
        first.message_id(),
        second.message_id(),
        "a new Message-ID for the new email"
    );
    let text_part = plain(&messages[1]);
    assert!(
        text_part.contains(&start_url),
        "the same start link: {text_part}"
    );
    assert!(text_part.contains(&format!(
        "Ce lien expire le {}",
        row["link"]["expires_at_local"].as_str().unwrap()
    )));

    // The link is untouched.
    let after = data.row(ELODIE);
    assert_eq!(after["link"]["token"], token.as_str());
    assert_eq!(after["link"]["expires_at"], row["link"]["expires_at"]);
    assert_eq!(after["link"]["state"], "active");
    assert_eq!(after["invitation_status"], "sent");

    // Two attempts, each with the server's code and its own reply.
    let history = history(&data, &id);
    let attempts = entries(&history, "email_attempt");
    assert_eq!(attempts.len(), 2, "{history:#}");
    for (n, attempt) in attempts.iter().enumerate() {
        assert_eq!(attempt["smtp_code"], 250, "{attempt}");
        assert_eq!(attempt["outcome"], "sent", "{attempt}");
        assert_eq!(attempt["text"], "Email d'invitation : envoyé", "{attempt}");
        let reply = attempt["reply"].as_str().expect("the server's reply text");
        assert!(
            reply.contains(&format!("queued as {}", n + 1)),
            "attempt {n}: {reply}"
        );
    }
    assert_eq!(
        entries(&history, "email_queued").len(),
        2,
        "two emails prepared"
    );
    assert_eq!(entries(&history, "link_created").len(), 1, "one link");
}

#[test]
fn extend_with_notify_emails_the_new_expiry_and_without_it_sends_nothing() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let before = data.row(ELODIE)["link"].clone();

    // Without --notify: the expiry moves two days on, nothing is sent.
    let stdout = ok(&data.run(&["link", "extend", &id, "--days", "2"]));
    let quiet = data.row(ELODIE)["link"].clone();
    assert_eq!(quiet["token"], before["token"], "the same link");
    let moved = instant(&quiet["expires_at"]) - instant(&before["expires_at"]);
    assert!(
        (moved - Duration::days(2)).num_hours().abs() <= 1,
        "two calendar days: {moved}"
    );
    assert!(
        stdout.contains(&format!(
            "est prolongé : il expire le {}",
            quiet["expires_at_local"].as_str().unwrap()
        )),
        "{stdout}"
    );
    assert_eq!(server.message_count(), 1, "no email without --notify");

    // An impossible number of days changes nothing.
    let stderr = fails(&data.run(&["link", "extend", &id, "--days", "0"]), 1);
    assert!(stderr.contains("entre 1 et 365"), "{stderr}");
    assert_eq!(data.row(ELODIE)["link"]["expires_at"], quiet["expires_at"]);

    // With --notify: three more days, and the candidate is told the new date.
    let stdout = ok(&data.run(&["link", "extend", &id, "--days", "3", "--notify"]));
    assert!(
        stdout.contains(&format!("Email de prolongation envoyé à {ELODIE}")),
        "{stdout}"
    );
    let row = data.row(ELODIE);
    let link = &row["link"];
    assert_eq!(link["token"], before["token"]);
    assert_eq!(link["state"], "active");
    let moved = instant(&link["expires_at"]) - instant(&quiet["expires_at"]);
    assert!(
        (moved - Duration::days(3)).num_hours().abs() <= 1,
        "three calendar days: {moved}"
    );
    let new_expiry = link["expires_at_local"].as_str().unwrap();
    assert_ne!(new_expiry, quiet["expires_at_local"].as_str().unwrap());

    let messages = server.messages();
    assert_eq!(messages.len(), 2, "exactly one extension email");
    let msg = parse(&messages[1]);
    let subject = msg.subject().expect("a subject");
    assert!(
        subject.starts_with("Votre lien d'entretien vidéo est prolongé"),
        "{subject}"
    );
    assert!(subject.ends_with(DEV), "{subject}");
    assert_eq!(
        msg.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some(ELODIE)
    );
    let body = plain(&messages[1]);
    assert!(
        body.contains(&format!("Ce lien expire désormais le {new_expiry}")),
        "the new date, as list --json shows it ({new_expiry}): {body}"
    );
    assert!(
        body.contains(link["start_url"].as_str().unwrap()),
        "the same link: {body}"
    );
    let html = msg.body_html(0).expect("an HTML part");
    assert!(html.contains(new_expiry), "{html}");

    assert_eq!(row["last_email"]["kind"], "extension", "{row}");
    assert_eq!(row["last_email"]["state"], "sent", "{row}");
    let history = history(&data, &id);
    assert_eq!(entries(&history, "link_extended").len(), 2, "{history:#}");
    let attempts = entries(&history, "email_attempt");
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[1]["text"], "Email de prolongation : envoyé");
    assert_eq!(attempts[1]["smtp_code"], 250);
}

#[test]
fn a_revoked_link_stops_working_and_inviting_again_makes_a_new_one() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let old = data.row(ELODIE)["link"].clone();
    let old_token = old["token"].as_str().unwrap().to_owned();

    let stdout = ok(&data.run(&["link", "revoke", &id]));
    assert!(
        stdout.contains(&format!("Le lien de la candidature n° {id} est révoqué"))
            && stdout.contains(&format!("jobgate invite {id} --yes")),
        "{stdout}"
    );
    let row = data.row(ELODIE);
    assert_eq!(row["invitation_status"], "link_revoked", "{row}");
    assert_eq!(row["link"]["state"], "revoked");
    assert_eq!(row["link"]["revoked"], true);
    assert_eq!(row["link"]["token"], old_token.as_str());

    // Revoked twice: refused, and the message says why.
    let stderr = fails(&data.run(&["link", "revoke", &id]), 1);
    assert!(stderr.contains("a été révoqué"), "{stderr}");

    // Resending a revoked link fails and sends nothing.
    let stderr = fails(&data.run(&["link", "resend", &id, "--yes"]), 1);
    assert!(stderr.starts_with("Erreur : "), "{stderr}");
    // Extending it too.
    let stderr = fails(&data.run(&["link", "extend", &id, "--days", "2"]), 1);
    assert!(stderr.contains("révoqué"), "{stderr}");
    assert_eq!(server.message_count(), 1, "nothing new reached the server");
    assert_eq!(data.row(ELODIE)["link"]["expires_at"], old["expires_at"]);

    let history = history(&data, &id);
    let revoked = entries(&history, "link_revoked");
    assert_eq!(revoked.len(), 1, "{history:#}");
    assert_eq!(revoked[0]["text"], "Lien révoqué");

    // Inviting again makes a new link, and the new email carries it.
    let stdout = ok(&data.invite(ELODIE));
    assert!(
        stdout.contains("Lien créé pour Élodie Brûlé"),
        "a new link: {stdout}"
    );
    let row = data.row(ELODIE);
    let new_token = row["link"]["token"].as_str().unwrap();
    assert_ne!(new_token, old_token, "a different token");
    assert_eq!(row["link"]["state"], "active");
    assert_eq!(row["invitation_status"], "sent");
    let messages = server.messages();
    assert_eq!(messages.len(), 2);
    let body = plain(&messages[1]);
    assert!(body.contains(new_token), "{body}");
    assert!(!body.contains(&old_token), "{body}");
}

/// The recruiter is told the link was revoked, not that there never was one.
#[test]
fn resending_a_revoked_link_says_it_was_revoked() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    ok(&data.run(&["link", "revoke", &id]));
    let stderr = fails(&data.run(&["link", "resend", &id, "--yes"]), 1);
    assert!(stderr.contains("révoqué"), "{stderr}");
    assert_eq!(server.message_count(), 1);
}

#[test]
fn a_closing_status_revokes_the_link_and_blocks_new_invitations() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let token = data.row(ELODIE)["link"]["token"].clone();

    let stdout = ok(&data.run(&["application", "status", &id, "rejected"]));
    assert!(
        stdout.contains(&format!("Candidature n° {id} : Invitée → Non retenue.")),
        "{stdout}"
    );
    assert!(
        stdout.contains("Son lien d'entretien a été révoqué"),
        "{stdout}"
    );
    let row = data.row(ELODIE);
    assert_eq!(row["status"], "rejected", "{row}");
    assert_eq!(row["invitation_status"], "link_revoked", "{row}");
    assert_eq!(row["stage"], "rejected", "{row}");
    assert_eq!(row["link"]["state"], "revoked");

    // A closed application gets no new link.
    let stderr = fails(&data.invite(ELODIE), 1);
    assert!(
        stderr.contains(&format!("La candidature n° {id} est close"))
            && stderr.contains("Changez son statut"),
        "{stderr}"
    );
    assert_eq!(data.row(ELODIE)["link"]["token"], token, "no new link");
    assert_eq!(server.message_count(), 1, "nothing sent");

    // An unknown status: exit 1, the possible ones listed, nothing changed.
    let stderr = fails(&data.run(&["application", "status", &id, "pending"]), 1);
    assert!(
        stderr.contains("Le statut « pending » n'existe pas")
            && stderr.contains("new, invited, interviewed, rejected, hired, withdrawn"),
        "{stderr}"
    );
    assert_eq!(data.row(ELODIE)["status"], "rejected");
    // An unknown application.
    let stderr = fails(&data.run(&["application", "status", "999", "hired"]), 1);
    assert!(
        stderr.contains("La candidature n° 999 n'existe pas"),
        "{stderr}"
    );

    // A status that does not close the application keeps its link.
    let marc = invited(&data, &server, MARC);
    let stdout = ok(&data.run(&["application", "status", &marc, "interviewed"]));
    assert!(!stdout.contains("révoqué"), "{stdout}");
    let row = data.row(MARC);
    assert_eq!(row["status"], "interviewed");
    assert_eq!(row["link"]["state"], "active");

    let history = history(&data, &id);
    let changes = entries(&history, "status_changed");
    assert_eq!(changes.len(), 1, "{history:#}");
    assert_eq!(changes[0]["text"], "Statut : Invitée → Non retenue");
    let revoked = entries(&history, "link_revoked");
    assert_eq!(revoked.len(), 1);
    assert_eq!(
        revoked[0]["text"],
        "Lien révoqué : candidature « Non retenue »"
    );
}

#[test]
fn closing_a_job_revokes_its_links_and_job_list_counts_stages() {
    let (data, server) = setup();
    let elodie = invited(&data, &server, ELODIE);
    invited(&data, &server, JEAN);
    let dev_job = data.row(ELODIE)["job_id"].as_i64().unwrap();
    let accounting_job = data.row(JEAN)["job_id"].as_i64().unwrap();
    assert_ne!(dev_job, accounting_job);
    let jean_token = data.row(JEAN)["link"]["token"].clone();

    let stdout = ok(&data.run(&["job", "close", &dev_job.to_string()]));
    assert!(
        stdout.contains(&format!("Offre n° {dev_job} fermée : 1 lien révoqué")),
        "{stdout}"
    );
    assert_eq!(data.row(ELODIE)["invitation_status"], "link_revoked");
    assert_eq!(data.row(MARC)["invitation_status"], "not_invited");
    let jean = data.row(JEAN);
    assert_eq!(
        jean["invitation_status"], "sent",
        "the other offer's link stays"
    );
    assert_eq!(jean["link"]["state"], "active");
    assert_eq!(jean["link"]["token"], jean_token);

    let out = ok(&data.run(&["job", "list", "--json"]));
    let jobs: Value = serde_json::from_str(&out).expect("job list --json prints JSON");
    let job = |id: i64| -> Value {
        jobs.as_array()
            .expect("an array")
            .iter()
            .find(|j| j["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("job {id} missing from {jobs:#}"))
    };
    let dev = job(dev_job);
    assert_eq!(dev["title"], DEV);
    assert_eq!(dev["open"], false, "{dev}");
    assert_eq!(dev["applications"], 2);
    let stages = dev["stages"].as_object().expect("stages is an object");
    assert_eq!(stages.len(), 12, "every stage, zero counts included: {dev}");
    assert_eq!(stages["revoked"], 1, "{dev}");
    assert_eq!(stages["not_invited"], 1, "{dev}");
    assert_eq!(stages["sent"], 0, "{dev}");
    let accounting = job(accounting_job);
    assert_eq!(accounting["title"], "Comptable");
    assert_eq!(accounting["open"], true, "{accounting}");
    assert_eq!(accounting["applications"], 1);
    assert_eq!(accounting["stages"]["sent"], 1, "{accounting}");
    assert_eq!(accounting["stages"]["revoked"], 0, "{accounting}");

    // The text view says the same.
    let out = ok(&data.run(&["job", "list"]));
    let line = out
        .lines()
        .find(|l| l.contains(DEV))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("fermée") && line.contains("revoked 1") && line.contains("not_invited 1"),
        "{line}"
    );

    // A closed offer takes no invitation.
    let stderr = fails(&data.invite(MARC), 1);
    assert!(
        stderr.contains(&format!("L'offre « {DEV} » est fermée")),
        "{stderr}"
    );
    assert_eq!(server.message_count(), 2, "nothing sent");
    assert!(data.row(MARC)["link"].is_null(), "no link made");

    // An unknown offer.
    let stderr = fails(&data.run(&["job", "close", "999"]), 1);
    assert!(stderr.contains("Il n'y a pas d'offre n° 999"), "{stderr}");

    // Reopened: invitations again, but the revoked link stays revoked.
    ok(&data.run(&["job", "open", &dev_job.to_string()]));
    invited(&data, &server, MARC);
    assert_eq!(data.row(ELODIE)["invitation_status"], "link_revoked");
    let history = history(&data, &elodie);
    let revoked = entries(&history, "link_revoked");
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["text"], "Lien révoqué : l'offre a été fermée");
}

#[test]
fn links_export_reads_back_as_csv_on_stdout_and_in_a_file() {
    let (data, server) = setup();
    let elodie = invited(&data, &server, ELODIE);
    invited(&data, &server, JEAN);
    // Élodie's first link revoked, a second one made.
    ok(&data.run(&["link", "revoke", &elodie]));
    let revoked_token = data.row(ELODIE)["link"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    invited(&data, &server, ELODIE);
    let list = data.list_json();
    let by_token: HashMap<String, Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["link"].is_null())
        .map(|r| (r["link"]["token"].as_str().unwrap().to_owned(), r.clone()))
        .collect();
    assert_eq!(by_token.len(), 2, "two current links");

    let out = data.run(&["links", "export"]);
    let stdout_bytes = out.stdout.clone();
    ok(&out);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let rows = export_rows(&stdout_bytes);
    assert_eq!(rows.len(), 3, "every link ever made: {rows:#?}");
    for row in &rows {
        let token = &row["token"];
        assert_eq!(token.len(), 43, "{row:?}");
        assert_eq!(
            row["start_url"],
            format!("{}/interview/start/{token}", jobgate_tests::smtp::BASE_URL)
        );
        instant(&Value::String(row["created_at"].clone()));
        instant(&Value::String(row["expires_at"].clone()));
        match by_token.get(token) {
            // A current link: what list --json says of it.
            Some(app) => {
                assert_eq!(row["status"], "active", "{row:?}");
                assert_eq!(row["revoked_at"], "", "{row:?}");
                assert_eq!(app["link"]["state"], "active");
                assert_eq!(row["application_id"], app["application_id"].to_string());
                assert_eq!(
                    row["candidate_name"],
                    app["candidate_name"].as_str().unwrap()
                );
                assert_eq!(row["email"], app["email"].as_str().unwrap());
                assert_eq!(row["job_id"], app["job_id"].to_string());
                assert_eq!(row["job_title"], app["job_title"].as_str().unwrap());
                assert_eq!(
                    row["created_at"],
                    app["link"]["created_at"].as_str().unwrap()
                );
                assert_eq!(
                    row["expires_at"],
                    app["link"]["expires_at"].as_str().unwrap()
                );
            }
            // The replaced one.
            None => {
                assert_eq!(token, &revoked_token, "{row:?}");
                assert_eq!(row["status"], "revoked", "{row:?}");
                assert_eq!(row["application_id"], elodie);
                assert_eq!(row["candidate_name"], "Élodie Brûlé");
                instant(&Value::String(row["revoked_at"].clone()));
            }
        }
    }

    // --output: the same content, in the file.
    let file = data.path().join("liens.csv");
    let out = data.run(&["links", "export", "--output", file.to_str().unwrap()]);
    ok(&out);
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("3 liens exportés dans"),
        "{}",
        text(&out.stderr)
    );
    let written = std::fs::read(&file).expect("the export file");
    assert_eq!(text(&written), text(&stdout_bytes));
    assert!(
        !data.path().join("liens.csv.part").exists(),
        "no temporary file left"
    );

    // --job: only that offer's links.
    let jean_job = data.row(JEAN)["job_id"].as_i64().unwrap().to_string();
    let out = data.run(&["links", "export", "--job", &jean_job]);
    let rows = export_rows(&out.stdout);
    ok(&out);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["email"], JEAN);
    assert_eq!(rows[0]["job_id"], jean_job);
    assert_eq!(rows[0]["job_title"], "Comptable");
    assert_eq!(
        rows[0]["token"],
        data.row(JEAN)["link"]["token"].as_str().unwrap()
    );
}

#[test]
fn links_export_into_a_missing_folder_fails_and_writes_nothing() {
    let (data, server) = setup();
    invited(&data, &server, ELODIE);
    let folder = data.path().join("absent");
    let file = folder.join("liens.csv");
    let stderr = fails(
        &data.run(&["links", "export", "--output", file.to_str().unwrap()]),
        1,
    );
    assert!(
        stderr.contains("Impossible d'écrire l'export")
            && stderr.contains(file.to_str().unwrap())
            && stderr.contains("rien n'a été écrit"),
        "{stderr}"
    );
    assert!(!folder.exists(), "no folder made");
    assert!(!file.exists(), "no file left");
}

#[test]
fn mailto_prints_the_invitation_for_the_recruiters_own_mail_client() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let row = data.row(ELODIE);
    let stdout = ok(&data.run(&["link", "mailto", &id]));
    let url = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "one line: {stdout}");
    assert!(
        url.starts_with(&format!("mailto:{ELODIE}?subject=")),
        "{url}"
    );
    let (subject, body) = url
        .split_once("?subject=")
        .and_then(|(_, rest)| rest.split_once("&body="))
        .expect("subject and body");
    assert_eq!(
        percent_decode(subject),
        format!("Invitation à l'entretien vidéo — {DEV}")
    );
    let body = percent_decode(body);
    assert!(
        body.contains(row["link"]["start_url"].as_str().unwrap()),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "Ce lien expire le {}",
            row["link"]["expires_at_local"].as_str().unwrap()
        )),
        "{body}"
    );
    assert_eq!(server.message_count(), 1, "mailto sends nothing");

    // Without a valid link there is nothing to write.
    let marc = data.id_of(MARC);
    let stderr = fails(&data.run(&["link", "mailto", &marc]), 1);
    assert!(stderr.contains("n'a pas encore de lien"), "{stderr}");
}

#[test]
fn history_and_messages_follow_an_english_locale() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    // No pause: what happens in the same second keeps its order in the history.
    let out = run_en(&data, &["link", "extend", &id, "--days", "1"]);
    let stdout = ok(&out);
    assert!(
        stdout.contains(&format!("The link of application #{id} is extended")),
        "{stdout}"
    );
    let stdout = ok(&run_en(&data, &["link", "revoke", &id]));
    assert!(
        stdout.contains(&format!("The link of application #{id} is revoked")),
        "{stdout}"
    );
    let stderr = fails(&run_en(&data, &["link", "revoke", &id]), 1);
    assert!(
        stderr.starts_with("Error: ") && stderr.contains("was revoked"),
        "{stderr}"
    );

    let stdout = ok(&run_en(&data, &["application", "history", &id]));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("Élodie Brûlé <{ELODIE}> — {DEV} (Invited)"),
        "{stdout}"
    );
    let position = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{stdout}"))
    };
    let added = position("Application added");
    let created = position("Link created, valid until ");
    let sent = position("Invitation email: sent — 250 ");
    let extended = position("Link extended until ");
    let revoked = position("Link revoked");
    assert!(
        added < created && created < sent && sent < extended && extended < revoked,
        "in order: {stdout}"
    );
    assert!(lines[sent].contains("queued as 1"), "{}", lines[sent]);
    for french in ["Lien créé", "Candidature ajoutée", "Lien révoqué", " à "] {
        assert!(!stdout.contains(french), "{french:?} in: {stdout}");
    }
    // The same history in French, for contrast.
    let stdout = ok(&data.run(&["application", "history", &id]));
    assert!(stdout.contains("Lien créé, valable jusqu'au "), "{stdout}");
}

/// Moves every link of the data folder's database into the past, as time
/// would (the test plays a clock; only the store runs SQL in the app).
fn expire_links(data: &MailDataDir) {
    let conn = rusqlite::Connection::open(data.path().join("jobgate.sqlite3")).expect("open");
    conn.execute(
        "UPDATE invite_links SET created_at = '2026-01-01T09:00:00Z', expires_at = '2026-01-08T09:00:00Z'",
        [],
    )
    .expect("expire the links");
}

#[test]
fn a_rejected_candidates_expired_link_cannot_be_extended_and_emailed_again() {
    // Issue 13: `link extend --notify` revived the expired link of a rejected
    // candidate and emailed them.
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    expire_links(&data);
    ok(&data.run(&["application", "status", &id, "rejected"]));
    assert_eq!(data.row(ELODIE)["link"]["state"], "revoked");
    let stderr = fails(
        &data.run(&["link", "extend", &id, "--days", "30", "--notify"]),
        1,
    );
    assert!(
        stderr.contains(&format!("La candidature n° {id} est close"))
            && stderr.contains("ni prolongé"),
        "{stderr}"
    );
    for action in [
        &["link", "resend", &id, "--yes"][..],
        &["link", "mailto", &id],
    ] {
        let stderr = fails(&data.run(action), 1);
        assert!(stderr.contains("est close"), "{action:?}: {stderr}");
    }
    assert_eq!(server.message_count(), 1, "nothing more was sent");
    // The export for the interview platform calls it revoked.
    let csv = ok(&data.run(&["links", "export"]));
    let rows = export_rows(csv.as_bytes());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "revoked", "{csv}");
}

#[test]
fn a_closed_offers_expired_link_cannot_be_extended_and_emailed_again() {
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let job = data.row(ELODIE)["job_id"].as_i64().unwrap().to_string();
    expire_links(&data);
    ok(&data.run(&["job", "close", &job]));
    assert_eq!(data.row(ELODIE)["link"]["state"], "revoked");
    let stderr = fails(
        &data.run(&["link", "extend", &id, "--days", "30", "--notify"]),
        1,
    );
    assert!(stderr.contains("est fermée"), "{stderr}");
    assert_eq!(server.message_count(), 1, "nothing more was sent");
}

#[test]
fn a_ca_file_that_went_missing_blocks_neither_the_mailto_nor_other_settings() {
    // Issue 13: every reading of the settings re-checked that the CA file
    // existed, so a moved certificate broke "Envoyer depuis ma messagerie".
    let (data, server) = setup();
    let id = invited(&data, &server, ELODIE);
    let ca = data.path().join("moved-ca.pem");
    std::fs::copy(jobgate_tests::smtp::Certs::get().ca(), &ca).unwrap();
    data.set("smtp_ca_file", ca.to_str().unwrap());
    std::fs::remove_file(&ca).unwrap();
    let url = ok(&data.run(&["link", "mailto", &id]));
    assert!(url.starts_with("mailto:"), "{url}");
    data.set("company", "Acme");
    // Choosing a missing file is still refused, naming the setting.
    let stderr = fails(
        &data.run(&["config", "set", "smtp_ca_file", "/nonexistent/other.pem"]),
        1,
    );
    assert!(stderr.contains("certificat"), "{stderr}");
    // Sending says what is wrong with the certificate.
    let stderr = fails(&data.invite(MARC), 1);
    assert!(stderr.contains("moved-ca.pem"), "{stderr}");
}
