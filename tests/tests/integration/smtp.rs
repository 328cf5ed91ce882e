//! Sending invitations for real: the `jobgate` binary against a real SMTP server
//! on loopback (tests/support/smtp_server.py: STARTTLS or implicit TLS, AUTH,
//! and recipients whose local part makes it answer 550, 554, 421, 451 or stall).
//! Each test has its own data folder and its own server. The key comes from
//! `SENDGRID_API_KEY` and the OS keyring is made unreachable, so these tests
//! never read or change a real keyring (tests/keyring.rs does, on purpose).

use std::time::Duration;

use jobgate_tests::smtp::{
    alternative_parts, closed_port, contains, Certs, KeyFrom, MailDataDir, ServerOptions,
    SmtpServer, CLI_LIMIT, TEST_KEY,
};
use jobgate_tests::text;
use mail_parser::{Message, MessageParser};
use serde_json::Value;

const ELODIE: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n";

/// A data folder with Élodie imported, pointed at a fresh server with `options`.
fn setup(options: ServerOptions) -> (MailDataDir, SmtpServer) {
    setup_with(options, ELODIE)
}

fn setup_with(options: ServerOptions, csv: &str) -> (MailDataDir, SmtpServer) {
    let server = SmtpServer::start(options);
    let data = MailDataDir::new();
    let out = data.import(csv);
    assert_eq!(out.status.code(), Some(0), "import: {}", text(&out.stdout));
    data.use_server(&server);
    (data, server)
}

fn parse(raw: &[u8]) -> Message<'_> {
    MessageParser::default()
        .parse(raw)
        .expect("the server received a parseable MIME message")
}

/// The X-SMTPAPI header as sent (unfolded) and parsed.
fn smtpapi(msg: &Message<'_>) -> (String, Value) {
    let raw: String = msg
        .header_raw("X-SMTPAPI")
        .expect("an X-SMTPAPI header")
        .replace(['\r', '\n'], "");
    let json = serde_json::from_str(raw.trim()).expect("X-SMTPAPI is JSON");
    (raw, json)
}

/// Every top-level header name, lower case.
fn header_names(msg: &Message<'_>) -> Vec<String> {
    msg.headers()
        .iter()
        .map(|h| h.name().to_ascii_lowercase())
        .collect()
}

/// The headers an invitation may carry; anything else is an injected header.
const EXPECTED_HEADERS: &[&str] = &[
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "x-smtpapi",
    "mime-version",
    "content-type",
    "reply-to",
];

fn assert_only_expected_headers(msg: &Message<'_>) {
    for name in header_names(msg) {
        assert!(
            EXPECTED_HEADERS.contains(&name.as_str()),
            "unexpected header {name:?} in the message"
        );
    }
}

/// The invite failed as it should: exit 1, the link printed and kept.
fn assert_failed_keeping_link(
    data: &MailDataDir,
    email: &str,
    out: &std::process::Output,
) -> Value {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert!(
        stderr.contains("l'email d'invitation n'est pas parti"),
        "{stderr}"
    );
    assert!(
        stdout.contains("/interview/start/"),
        "link printed: {stdout}"
    );
    let row = data.row(email);
    assert_eq!(row["link"]["state"], "active", "the link is kept: {row}");
    assert_eq!(row["invitation_status"], "send_failed", "{row}");
    row
}

#[test]
fn an_invitation_reaches_the_server_as_a_well_formed_email() {
    let (data, server) = setup(ServerOptions::starttls());
    let out = data.invite("elodie@exemple.fr");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("Email d'invitation envoyé à elodie@exemple.fr") && stdout.contains("250"),
        "{stdout}"
    );

    let messages = server.messages();
    assert_eq!(messages.len(), 1, "exactly one message received");
    let msg = parse(&messages[0]);

    let from = msg.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.name(), Some("Acme Recrutement"));
    assert_eq!(from.address(), Some("recrutement@acme.fr"));
    let to = msg.to().and_then(|a| a.first()).expect("To");
    assert_eq!(to.name(), Some("Élodie Brûlé"));
    assert_eq!(to.address(), Some("elodie@exemple.fr"));
    assert_eq!(msg.to().unwrap().iter().count(), 1, "one recipient");
    assert!(msg.cc().is_none() && msg.bcc().is_none());
    assert_eq!(
        msg.subject(),
        Some("Invitation à l'entretien vidéo — Développeur Full Stack")
    );
    assert!(msg.date().is_some(), "Date header");
    let message_id = msg.message_id().expect("Message-ID header");
    assert!(message_id.ends_with("@acme.fr"), "{message_id}");
    assert_only_expected_headers(&msg);

    let row = data.row("elodie@exemple.fr");
    let start_url = row["link"]["start_url"].as_str().expect("start_url");
    let expiry = format!(
        "Ce lien expire le {}",
        row["link"]["expires_at_local"].as_str().expect("expiry")
    );
    let (plain, html) = alternative_parts(&msg);
    assert!(plain.contains(start_url), "text part has the link: {plain}");
    assert!(plain.contains(&expiry), "text part has the expiry: {plain}");
    assert!(plain.contains("Bonjour Élodie Brûlé"), "{plain}");
    assert!(
        html.contains(&format!("href=\"{start_url}\"")),
        "HTML part links to the start URL: {html}"
    );
    assert!(html.contains(&expiry), "HTML part has the expiry: {html}");

    let (raw_api, api) = smtpapi(&msg);
    assert_eq!(
        api["filters"]["clicktrack"]["settings"]["enable"], 0,
        "click tracking off: {raw_api}"
    );
    let category = &api["category"];
    assert!(
        category.as_str().is_some_and(|c| !c.is_empty())
            || category.as_array().is_some_and(|c| !c.is_empty()),
        "a category: {raw_api}"
    );
    assert!(
        !api["unique_args"]["invitation_id"].is_null(),
        "unique_args.invitation_id: {raw_api}"
    );
    let lower = raw_api.to_lowercase();
    assert!(
        !lower.contains("elodie") && !lower.contains("élodie") && !lower.contains("exemple.fr"),
        "X-SMTPAPI must not name the candidate: {raw_api}"
    );

    let log = server.log();
    assert_eq!(log[0]["tls"], true, "{}", log[0]);
    assert_eq!(log[0]["auth_user"], "apikey", "{}", log[0]);
    assert_eq!(log[0]["mail_from"], "recrutement@acme.fr");
    assert_eq!(log[0]["rcpt_tos"], serde_json::json!(["elodie@exemple.fr"]));

    let email = &row["last_email"];
    assert_eq!(email["state"], "sent", "{row}");
    assert_eq!(email["smtp_code"], 250, "{row}");
    assert!(email["sent_at"].is_string(), "{row}");
    assert!(
        email["error"].is_null() && email["error_code"].is_null(),
        "{row}"
    );
    assert_eq!(row["invitation_status"], "sent", "{row}");

    // Inviting again sends nothing more.
    let again = data.invite("elodie@exemple.fr");
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("L'invitation a déjà été envoyée à elodie@exemple.fr"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(server.message_count(), 1, "nothing sent the second time");
    assert_eq!(
        data.row("elodie@exemple.fr")["link"],
        row["link"],
        "same link"
    );

    assert!(!contains(&messages[0], TEST_KEY.as_bytes()));
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn header_injection_is_impossible_and_html_is_escaped() {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    let csv = "job_title,candidate_name,email\n\
        Dev,\"Eve\r\nBcc: attacker@evil.example\",eve@exemple.fr\n\
        \"Dev\nBcc: attacker@evil.example\",Mallory,mallory@exemple.fr\n\
        Dev,Trudy,\"trudy@exemple.fr\r\nBcc: attacker@evil.example\"\n\
        Dev,Zoé <b>Roux</b>,zoe@exemple.fr\n";
    let out = data.import(csv);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "rows rejected: {stdout}");
    assert!(
        stdout.contains("1 candidature ajoutée") && stdout.contains("3 rejetées"),
        "{stdout}"
    );
    let list = data.list_json();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert!(!list.to_string().contains("evil.example"), "{list}");

    // Nor through the sender setting.
    let bad_from = data.run(&[
        "config",
        "set",
        "from",
        "Acme\r\nBcc: attacker@evil.example <recrutement@acme.fr>",
    ]);
    assert_eq!(
        bad_from.status.code(),
        Some(1),
        "{}",
        text(&bad_from.stdout)
    );

    data.use_server(&server);
    let out = data.invite("zoe@exemple.fr");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        server.log()[0]["rcpt_tos"],
        serde_json::json!(["zoe@exemple.fr"]),
        "one recipient, no Bcc"
    );
    let msg = parse(&messages[0]);
    assert_only_expected_headers(&msg);
    assert!(msg.bcc().is_none() && msg.cc().is_none());
    let to = msg.to().and_then(|a| a.first()).expect("To");
    assert_eq!(to.name(), Some("Zoé <b>Roux</b>"));
    assert_eq!(to.address(), Some("zoe@exemple.fr"));

    let (plain, html) = alternative_parts(&msg);
    assert!(
        plain.contains("Bonjour Zoé <b>Roux</b>,"),
        "raw in text: {plain}"
    );
    assert!(
        html.contains("Zoé &lt;b&gt;Roux&lt;/b&gt;"),
        "escaped in HTML: {html}"
    );
    assert!(!html.contains("<b>Roux"), "{html}");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn a_rejected_key_535_keeps_the_link_and_says_what_to_do() {
    let (data, server) = setup(ServerOptions::starttls().auth_fail_always());
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("refusé la clé API") && stderr.contains("Mail Send"),
        "{stderr}"
    );
    let email = &row["last_email"];
    assert_eq!(email["state"], "failed_permanent", "{row}");
    assert_eq!(email["smtp_code"], 535, "{row}");
    assert_eq!(email["error_code"], "auth_rejected", "{row}");
    assert!(
        email["error"]
            .as_str()
            .unwrap()
            .contains("refusé la clé API"),
        "{row}"
    );
    assert_eq!(server.message_count(), 0, "nothing delivered");

    let check = data.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stdout));
    let stderr = text(&check.stderr);
    assert!(
        stderr.contains("refusé la clé API") && stderr.contains("Mail Send"),
        "{stderr}"
    );
    assert!(text(&check.stdout).is_empty(), "no success claimed");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn check_logs_in_without_sending() {
    let (data, server) = setup(ServerOptions::starttls());
    let out = data.run(&["check"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains("Connexion réussie") && stdout.contains("Aucun email n'a été envoyé"),
        "{stdout}"
    );
    assert_eq!(server.message_count(), 0);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn permanent_refusals_550_and_554_are_final_failures() {
    let csv = "job_title,candidate_name,email\n\
        Dev,Ana,reject550@exemple.fr\n\
        Dev,Bob,perm554@exemple.fr\n";
    let (data, server) = setup_with(ServerOptions::starttls(), csv);

    let out = data.invite("reject550@exemple.fr");
    let row = assert_failed_keeping_link(&data, "reject550@exemple.fr", &out);
    let email = &row["last_email"];
    assert_eq!(email["state"], "failed_permanent", "{row}");
    assert_eq!(email["smtp_code"], 550, "{row}");
    assert_eq!(email["error_code"], "sender_not_verified", "{row}");
    assert!(
        email["error"]
            .as_str()
            .unwrap()
            .contains("Sender Authentication"),
        "{row}"
    );
    assert!(
        text(&out.stderr).contains("Sender Authentication"),
        "{}",
        text(&out.stderr)
    );

    let out = data.invite("perm554@exemple.fr");
    let row = assert_failed_keeping_link(&data, "perm554@exemple.fr", &out);
    let email = &row["last_email"];
    assert_eq!(email["state"], "failed_permanent", "{row}");
    assert_eq!(email["smtp_code"], 554, "{row}");
    assert_eq!(email["error_code"], "rejected", "{row}");
    assert!(text(&out.stderr).contains("554"), "{}", text(&out.stderr));

    assert_eq!(server.message_count(), 0);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn temporary_refusals_421_and_451_can_be_tried_again() {
    let csv = "job_title,candidate_name,email\n\
        Dev,Ana,temp421@exemple.fr\n\
        Dev,Bob,temp451@exemple.fr\n";
    let (data, server) = setup_with(ServerOptions::starttls(), csv);

    for (email, code) in [("temp421@exemple.fr", 421), ("temp451@exemple.fr", 451)] {
        let out = data.invite(email);
        let row = assert_failed_keeping_link(&data, email, &out);
        let last = &row["last_email"];
        assert_eq!(last["state"], "failed_temporary", "{row}");
        assert_eq!(last["smtp_code"], code, "{row}");
        assert_eq!(last["error_code"], "temporary", "{row}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("réessayer plus tard") && stderr.contains(&code.to_string()),
            "{stderr}"
        );

        // Inviting again makes a new attempt (not "already sent"), on the same link.
        let again = data.invite(email);
        let row_again = assert_failed_keeping_link(&data, email, &again);
        assert!(
            !text(&again.stdout).contains("déjà été envoyée"),
            "{}",
            text(&again.stdout)
        );
        assert!(
            text(&again.stderr).contains(&code.to_string()),
            "the server answered again: {}",
            text(&again.stderr)
        );
        assert_eq!(row_again["last_email"]["state"], "failed_temporary");
        assert_eq!(row_again["link"], row["link"], "same link");
    }
    assert_eq!(server.message_count(), 0);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn after_a_temporary_failure_inviting_again_delivers() {
    let data = MailDataDir::new();
    data.import(ELODIE);
    // No server yet: the first attempt meets a closed port.
    let server = SmtpServer::start(ServerOptions::starttls());
    data.use_server(&server);
    let port = closed_port();
    data.set("smtp_port", &port.to_string());
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(row["last_email"]["state"], "failed_temporary", "{row}");
    assert_eq!(
        row["last_email"]["error_code"], "connection_refused",
        "{row}"
    );

    // The server is back: the same link goes out.
    data.set("smtp_port", &server.port().to_string());
    let out = data.invite("elodie@exemple.fr");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(server.message_count(), 1);
    let after = data.row("elodie@exemple.fr");
    assert_eq!(after["last_email"]["state"], "sent", "{after}");
    assert_eq!(after["invitation_status"], "sent", "{after}");
    assert_eq!(after["link"], row["link"], "same link");
    let start_url = after["link"]["start_url"].as_str().unwrap();
    let messages = server.messages();
    let (plain, _) = alternative_parts(&parse(&messages[0]));
    assert!(plain.contains(start_url), "{plain}");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn a_stalled_server_times_out() {
    let csv = "job_title,candidate_name,email\nDev,Ana,stall@exemple.fr\n";
    let (data, server) = setup_with(ServerOptions::starttls(), csv);
    data.set("smtp_timeout_seconds", "2");
    let id = data.id_of("stall@exemple.fr");
    let mut cmd = data.cli();
    cmd.args(["invite", &id, "--yes"]);
    // A generous outer limit: the product's own 2 s limit must end it long before.
    let out = data.output_of(cmd, None, Duration::from_secs(30));
    let row = assert_failed_keeping_link(&data, "stall@exemple.fr", &out);
    assert_eq!(row["last_email"]["error_code"], "timeout", "{row}");
    assert_eq!(row["last_email"]["state"], "failed_temporary", "{row}");
    assert!(
        text(&out.stderr).contains("n'a pas répondu en 2 s"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(server.message_count(), 0);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn network_failures_are_named() {
    let (data, server) = setup(ServerOptions::starttls());

    // Connection refused, naming host:port.
    let port = closed_port();
    data.set("smtp_port", &port.to_string());
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(
        row["last_email"]["error_code"], "connection_refused",
        "{row}"
    );
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");

    // DNS.
    data.set("smtp_port", &server.port().to_string());
    data.set("smtp_host", "nonexistent.invalid");
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(row["last_email"]["error_code"], "dns", "{row}");
    assert!(
        text(&out.stderr).contains("nonexistent.invalid"),
        "{}",
        text(&out.stderr)
    );

    // TLS: the server's certificate is not signed by the CA we trust.
    data.set("smtp_host", "127.0.0.1");
    data.set("smtp_ca_file", Certs::get().other_ca().to_str().unwrap());
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(row["last_email"]["error_code"], "tls", "{row}");
    assert!(text(&out.stderr).contains("TLS"), "{}", text(&out.stderr));

    assert_eq!(server.message_count(), 0);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn starttls_is_never_silently_dropped() {
    // A server without TLS that would happily take AUTH and the message in clear.
    let (data, server) = setup(ServerOptions::plain());
    data.set("smtp_security", "starttls");
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(row["last_email"]["error_code"], "tls", "{row}");
    assert_eq!(server.message_count(), 0, "nothing sent in clear");
    data.assert_never_leaked(TEST_KEY);
}

/// This machine's address on its default route, if it has one (a UDP
/// "connect" picks the interface without sending anything).
fn non_loopback_ip() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn plain_is_refused_to_a_non_loopback_host_before_connecting() {
    let (data, server) = setup(ServerOptions::plain());
    data.set("smtp_security", "plain");
    data.set("smtp_host", "example.com");
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(
        row["last_email"]["error_code"], "plain_not_loopback",
        "{row}"
    );
    assert!(
        text(&out.stderr).contains("example.com"),
        "{}",
        text(&out.stderr)
    );

    // To a listening address of this machine that is not loopback: no connection at all.
    if let Some(ip) = non_loopback_ip() {
        let listener =
            std::net::TcpListener::bind((ip, 0)).expect("bind on the non-loopback address");
        listener.set_nonblocking(true).unwrap();
        data.set("smtp_host", &ip.to_string());
        data.set(
            "smtp_port",
            &listener.local_addr().unwrap().port().to_string(),
        );
        let out = data.invite("elodie@exemple.fr");
        let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
        assert_eq!(
            row["last_email"]["error_code"], "plain_not_loopback",
            "{row}"
        );
        match listener.accept() {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            other => panic!("a connection was attempted: {other:?}"),
        }
    }
    assert_eq!(server.message_count(), 0);
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn plain_to_loopback_works() {
    let (data, server) = setup(ServerOptions::plain());
    let out = data.invite("elodie@exemple.fr");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let log = server.log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["tls"], false);
    assert_eq!(log[0]["auth_user"], "apikey");
    assert_eq!(data.row("elodie@exemple.fr")["last_email"]["state"], "sent");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn implicit_tls_works() {
    let (data, server) = setup(ServerOptions::implicit_tls());
    let out = data.invite("elodie@exemple.fr");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let log = server.log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["tls"], true);
    assert_eq!(log[0]["auth_user"], "apikey");
    let row = data.row("elodie@exemple.fr");
    assert_eq!(row["last_email"]["state"], "sent", "{row}");
    assert_eq!(row["last_email"]["smtp_code"], 250, "{row}");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn send_test_delivers_the_test_message() {
    let (data, server) = setup(ServerOptions::starttls());
    let out = data.run(&["send-test", "admin@exemple.fr"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Email de test envoyé à admin@exemple.fr"),
        "{}",
        text(&out.stdout)
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let msg = parse(&messages[0]);
    assert_eq!(msg.subject(), Some("Test JobGate - Invitation Candidat"));
    let to = msg.to().and_then(|a| a.first()).expect("To");
    assert_eq!(to.address(), Some("admin@exemple.fr"));
    let from = msg.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.name(), Some("Acme Recrutement"));
    assert_eq!(from.address(), Some("recrutement@acme.fr"));
    assert_only_expected_headers(&msg);
    let (raw_api, api) = smtpapi(&msg);
    assert_eq!(api["filters"]["clicktrack"]["settings"]["enable"], 0);
    assert!(!raw_api.contains("admin"), "{raw_api}");
    assert_eq!(server.log()[0]["tls"], true);

    // A bad address sends nothing.
    let bad = data.run(&["send-test", "pas-une-adresse"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).starts_with("Erreur : "),
        "{}",
        text(&bad.stderr)
    );
    assert_eq!(server.message_count(), 1);
    // Sending a test touches no application.
    assert!(data.row("elodie@exemple.fr")["last_email"].is_null());
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn without_a_sender_nothing_is_sent() {
    let (data, server) = setup(ServerOptions::starttls());
    data.set("from", "");
    // Said before any link is made (issue 18): no link for an email that
    // cannot go, and what is missing is named.
    let out = data.invite("elodie@exemple.fr");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("Rien n'a été créé ni envoyé : l'adresse d'expéditeur (From) manque"),
        "{}",
        text(&out.stderr)
    );
    let row = data.row("elodie@exemple.fr");
    assert!(row["link"].is_null(), "no link made: {row}");
    assert!(row["last_email"].is_null(), "{row}");
    assert_eq!(server.message_count(), 0);

    // DEFAULT_FROM_EMAIL (the seed's variable) stands in for the setting.
    let id = data.id_of("elodie@exemple.fr");
    let mut cmd = data.cli();
    cmd.args(["invite", &id, "--yes"])
        .env("DEFAULT_FROM_EMAIL", "Equipe RH <rh@acme.fr>");
    let out = data.output_of(cmd, None, CLI_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let msg = parse(&messages[0]);
    let from = msg.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.address(), Some("rh@acme.fr"));
    assert_eq!(from.name(), Some("Equipe RH"));
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn without_a_key_the_link_is_kept_and_the_message_says_what_to_do() {
    let server = SmtpServer::start(ServerOptions::starttls());
    // No SENDGRID_API_KEY, and no keyring reachable.
    let data = MailDataDir::with_key(KeyFrom::Nowhere);
    data.import(ELODIE);
    data.use_server(&server);
    let out = data.invite("elodie@exemple.fr");
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("SENDGRID_API_KEY") && stderr.contains("Le lien reste valide"),
        "{stderr}"
    );
    assert_eq!(
        row["last_email"]["error_code"], "keyring_unavailable",
        "{row}"
    );
    assert!(row["last_email"]["smtp_code"].is_null(), "{row}");
    assert_eq!(server.message_count(), 0);

    // An unusable SENDGRID_API_KEY is refused before anything is sent...
    let id = data.id_of("elodie@exemple.fr");
    let mut cmd = data.cli();
    cmd.args(["invite", &id, "--yes"])
        .env("SENDGRID_API_KEY", "SG.has a-space-0123456789");
    let out = data.output_of(cmd, None, CLI_LIMIT);
    let row = assert_failed_keeping_link(&data, "elodie@exemple.fr", &out);
    assert_eq!(
        row["last_email"]["error_code"], "api_key_whitespace",
        "{row}"
    );
    assert!(
        text(&out.stderr).contains("espace"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(server.message_count(), 0);

    // ...while a pasted trailing newline is just trimmed.
    let mut cmd = data.cli();
    cmd.args(["invite", &id, "--yes"])
        .env("SENDGRID_API_KEY", format!("{TEST_KEY}\n"));
    let out = data.output_of(cmd, None, CLI_LIMIT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(server.message_count(), 1);
    assert_eq!(server.log()[0]["auth_user"], "apikey");
    data.assert_never_leaked(TEST_KEY);
}

#[test]
fn the_key_never_reaches_the_data_folder_or_the_output() {
    let csv = "job_title,candidate_name,email\n\
        Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
        Dev,Ana,reject550@exemple.fr\n\
        Dev,Bob,temp451@exemple.fr\n\
        Dev,Carl,carl@exemple.fr\n";
    let (data, server) = setup_with(ServerOptions::starttls(), csv);
    // Hold the database open so SQLite keeps its -wal and -shm files on disk
    // (the last connection to close deletes them): the scan then covers them too.
    let db = data.path().join("jobgate.sqlite3");
    let hold = rusqlite::Connection::open(&db).expect("open the database");
    hold.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .expect("read the database");
    for email in [
        "elodie@exemple.fr",
        "reject550@exemple.fr",
        "temp451@exemple.fr",
    ] {
        data.invite(email);
    }
    data.run(&["check"]);
    data.run(&["send-test", "admin@exemple.fr"]);
    data.run(&["list"]);
    data.run(&["list", "--json"]);
    data.run(&["key", "status"]);
    for name in ["smtp_host", "smtp_username", "from", "smtp_ca_file"] {
        data.run(&["config", "get", name]);
    }

    // A server refusing the key: the failure is recorded, the key is not.
    let refusing = SmtpServer::start(ServerOptions::starttls().auth_fail_always());
    data.set("smtp_port", &refusing.port().to_string());
    data.invite("carl@exemple.fr");
    data.run(&["check"]);
    data.run(&["list", "--json"]);
    let status = data.run(&["key", "status"]);
    let hint = &TEST_KEY[TEST_KEY.len() - 4..];
    assert!(
        text(&status.stdout).contains(&format!("SG.…{hint}")),
        "{}",
        text(&status.stdout)
    );

    assert_eq!(
        server.message_count(),
        2,
        "the invitation and the test message"
    );
    for raw in server.messages() {
        assert!(
            !contains(&raw, TEST_KEY.as_bytes()),
            "the key is in an email"
        );
    }
    let wal = data.path().join("jobgate.sqlite3-wal");
    assert!(
        std::fs::metadata(&wal)
            .map(|m| m.len() > 0)
            .unwrap_or(false),
        "the write-ahead log {} is there to be scanned",
        wal.display()
    );
    assert!(data.path().join("jobgate.sqlite3-shm").exists());
    data.assert_never_leaked(TEST_KEY);
    // The key's distinctive middle part either (a truncated copy would still leak).
    data.assert_never_leaked("do-not-leak");
    drop(hold);
}

// ---- Issue 13, truthful outcomes: JobGate itself in this test process (a
// window keeps one `Invitations` for its whole life), on a data folder the CLI
// set up, against the real server.

/// `Invitations` on `data`'s folder as the window opens it, the key in memory.
fn in_process(data: &MailDataDir) -> jobgate_core::invitations::Invitations {
    use jobgate_core::secret::{ApiKey, MemorySecretStore, SecretStore};
    let secrets = MemorySecretStore::default();
    secrets
        .set(&ApiKey::parse(TEST_KEY).expect("test key"))
        .expect("memory store");
    jobgate_core::invitations::Invitations::open(data.path(), Box::new(secrets))
        .expect("open the data folder")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

const TWO: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
    Développeur Full Stack,Marc Lefèvre,slow.marc@exemple.fr\n";

#[test]
fn a_kept_connection_the_server_closed_with_421_is_replaced_before_the_next_email() {
    use jobgate_core::invitations::EmailOutcome;
    // Postfix-like: an idle client gets "421 … timeout exceeded" and is cut.
    let (data, server) = setup_with(
        ServerOptions::starttls().idle_timeout(Duration::from_secs(1)),
        "job_title,candidate_name,email\n\
         Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
         Développeur Full Stack,Marc Lefèvre,marc@exemple.fr\n",
    );
    let invitations = in_process(&data);
    let rt = runtime();
    let elodie: i64 = data.id_of("elodie@exemple.fr").parse().unwrap();
    let marc: i64 = data.id_of("marc@exemple.fr").parse().unwrap();
    let first = rt
        .block_on(invitations.invite(elodie, chrono::Utc::now))
        .unwrap();
    assert!(matches!(first.email, EmailOutcome::Sent(_)), "{first:?}");
    // The kept connection is now closed by the server, its 421 unread.
    std::thread::sleep(Duration::from_millis(2500));
    let second = rt
        .block_on(invitations.invite(marc, chrono::Utc::now))
        .unwrap();
    assert!(
        matches!(second.email, EmailOutcome::Sent(_)),
        "the 421 of a dead idle connection must not fail the email: {second:?}"
    );
    assert_eq!(server.message_count(), 2);
}

#[test]
fn an_email_that_left_while_the_database_was_locked_is_said_sent_and_recorded_later() {
    use jobgate_core::invitations::EmailOutcome;
    let (data, server) = setup_with(ServerOptions::starttls(), TWO);
    let invitations = in_process(&data);
    let marc: i64 = data.id_of("slow.marc@exemple.fr").parse().unwrap();
    let db = data.path().join("jobgate.sqlite3");
    let state = |conn: &rusqlite::Connection| -> String {
        conn.query_row(
            "SELECT state FROM outbox WHERE application_id = ?1",
            [marc],
            |r| r.get(0),
        )
        .unwrap_or_default()
    };
    let outcome = std::thread::scope(|scope| {
        let sending =
            scope.spawn(|| runtime().block_on(invitations.invite(marc, chrono::Utc::now)));
        // While the server takes its time over the message, another program
        // takes the database's write lock and keeps it past JobGate's 10 s wait.
        let locker = rusqlite::Connection::open(&db).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while state(&locker) != "sending" {
            assert!(std::time::Instant::now() < deadline, "never claimed");
            std::thread::sleep(Duration::from_millis(20));
        }
        locker.execute_batch("BEGIN IMMEDIATE").unwrap();
        let outcome = sending.join().expect("the invite thread");
        assert_eq!(
            state(&locker),
            "sending",
            "nothing could be written meanwhile"
        );
        locker.execute_batch("ROLLBACK").unwrap();
        outcome
    });
    let outcome = outcome.expect("the email left: no error for the recruiter");
    match &outcome.email {
        EmailOutcome::SentUnrecorded { receipt, .. } => assert_eq!(receipt.code, 250),
        other => panic!("expected sent-but-unrecorded, got {other:?}"),
    }
    assert_eq!(server.message_count(), 1, "sent once");
    // As soon as the database takes writes, the outcome lands.
    assert_eq!(invitations.record_pending(), 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(state(&conn), "sent");
}

/// Candidates were emailed `http://localhost:3000/…` links (the seed's
/// default) and nothing warned (issue 18, item 2): a real email whose links
/// lead to this computer is refused before anything is made, saying where to
/// set the address; the dry run still takes it.
#[test]
fn links_to_this_computer_are_refused_for_real_emails() {
    let (data, server) = setup(ServerOptions::starttls());
    for local in [
        "http://localhost:3000",
        "http://127.0.0.1:8080",
        "http://[::1]",
        "http://app.localhost",
    ] {
        data.set("base_url", local);
        let out = data.invite("elodie@exemple.fr");
        assert_eq!(out.status.code(), Some(1), "{local}");
        let stderr = text(&out.stderr);
        assert!(
            stderr
                .contains("une adresse de cet ordinateur : aucun candidat ne pourrait les ouvrir")
                && stderr.contains("Réglages → Liens d'entretien"),
            "{stderr}"
        );
        let row = data.row("elodie@exemple.fr");
        assert!(row["link"].is_null(), "nothing made: {row}");
        assert_eq!(row["invitation_status"], "not_invited");
    }
    assert_eq!(server.message_count(), 0);

    // The same in a batch: refused before the server is even asked.
    let job = data.row("elodie@exemple.fr")["job_id"].to_string();
    let out = data.run(&["invite", "--job", &job, "--all", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(data.row("elodie@exemple.fr")["link"].is_null());
    assert!(server.log().is_empty(), "no connection made");

    // A dry run writes files for the recruiter's eyes only: allowed.
    let folder = tempfile::tempdir().unwrap();
    data.set("delivery_mode", "dry_run");
    data.set("dry_run_dir", folder.path().to_str().unwrap());
    let out = data.invite("elodie@exemple.fr");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(data.row("elodie@exemple.fr")["link"]["state"], "active");
}
