//! Crash safety of the outbox: a process killed (`kill -9`) while it is sending
//! leaves its email `unknown` at the next start — shown to the recruiter, never
//! resent automatically — while an email a live process is still sending is
//! never taken for unknown.

use std::collections::HashSet;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer};
use jobgate_tests::text;
use serde_json::Value;

/// A stalling recipient: the server accepts RCPT then never answers DATA.
const CSV: &str = "job_title,candidate_name,email\nDev,Ana Stall,stall.ana@exemple.fr\n";

fn outbox(data: &MailDataDir) -> Vec<Value> {
    let out = data.run(&["outbox", "--json"]);
    assert!(out.status.success(), "outbox: {}", text(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// Each check is a `jobgate` process that takes the database for a moment:
/// polled gently, so that on a loaded machine (the whole suite in one binary)
/// the polls do not keep the sender itself from the write lock.
fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// `jobgate invite ID --yes` in the background (it will stall at DATA).
fn spawn_invite(data: &MailDataDir, id: &str) -> Child {
    let mut cmd = data.cli();
    cmd.args(["invite", id, "--yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd.spawn().expect("spawn jobgate invite")
}

#[test]
fn an_email_cut_off_by_kill_9_becomes_unknown_but_a_live_send_is_left_alone() {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    assert_eq!(data.import(CSV).status.code(), Some(0));
    data.use_server(&server);
    // Long enough that the stalled send is still running when we look.
    data.set("smtp_timeout_seconds", "120");
    let id = data.id_of("stall.ana@exemple.fr");

    let mut sender = spawn_invite(&data, &id);
    wait_until("the email is being sent", || {
        outbox(&data)
            .first()
            .is_some_and(|r| r["state"] == "sending")
    });

    // Another process starting now (this `outbox` command, or a window) must
    // not take the live send for an interrupted one.
    std::thread::sleep(Duration::from_millis(300));
    let rows = outbox(&data);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0]["state"], "sending",
        "a live send is never marked unknown"
    );

    // kill -9 mid-send: no chance to record anything.
    sender.kill().expect("kill -9");
    sender.wait().unwrap();

    let rows = outbox(&data);
    assert_eq!(rows.len(), 1, "nothing was queued again");
    assert_eq!(rows[0]["state"], "unknown");
    assert_eq!(rows[0]["error_code"], "interrupted");
    assert!(rows[0]["error"]
        .as_str()
        .unwrap()
        .contains("on ne sait pas si l'email est parti"));
    let app = data.row("stall.ana@exemple.fr");
    assert_eq!(app["invitation_status"], "send_unknown");
    assert_eq!(
        app["link"]["state"], "active",
        "the link survives the crash"
    );

    // Starting again resends nothing by itself.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(outbox(&data).len(), 1);
    assert_eq!(server.message_count(), 0);

    // Only the recruiter's explicit request sends it again: a new outbox row,
    // same link (here it stalls again and times out, which is recorded).
    data.set("smtp_timeout_seconds", "2");
    let again = data.run(&["invite", &id, "--yes"]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again.stderr));
    let rows = outbox(&data);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["state"], "failed_temporary");
    assert_eq!(rows[0]["error_code"], "timeout");
    assert_eq!(rows[1]["state"], "unknown");
    assert_eq!(data.row("stall.ana@exemple.fr")["link"], app["link"]);
}

#[test]
fn the_outbox_lists_every_email_with_its_state() {
    let server = SmtpServer::start(ServerOptions::starttls());
    let data = MailDataDir::new();
    let csv = "job_title,candidate_name,email\nDev,Ana,ana@exemple.fr\nDev,Bob,reject550.bob@exemple.fr\n";
    assert_eq!(data.import(csv).status.code(), Some(0));
    data.use_server(&server);
    assert!(data
        .run(&["invite", &data.id_of("ana@exemple.fr"), "--yes"])
        .status
        .success());
    assert_eq!(
        data.run(&["invite", &data.id_of("reject550.bob@exemple.fr"), "--yes"])
            .status
            .code(),
        Some(1)
    );

    let rows = outbox(&data);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["recipient"], "reject550.bob@exemple.fr");
    assert_eq!(rows[0]["state"], "failed_permanent");
    assert_eq!(rows[0]["smtp_code"], 550);
    assert_eq!(rows[1]["recipient"], "ana@exemple.fr");
    assert_eq!(rows[1]["state"], "sent");
    assert_eq!(rows[1]["smtp_code"], 250);
    assert_eq!(rows[1]["attempts"], 1);
    // The test server answers "250 OK queued as <n>".
    assert!(
        rows[1]["queue_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty()),
        "{}",
        rows[1]
    );
    assert_eq!(rows[1]["subject"], "Invitation à l'entretien vidéo — Dev");
    assert!(rows[1]["sent_at"].is_string());

    let table = text(&data.run(&["outbox"]).stdout);
    assert!(
        table.contains("sent") && table.contains("failed_permanent"),
        "{table}"
    );
}

/// `kill -9` a batch at several points: every row is accounted for, nothing
/// reached the server twice, every `sent` row's message did reach it, at most
/// one row per connection is left uncertain, and finishing the batch sends
/// the rest once — never the uncertain ones.
#[test]
fn a_batch_killed_at_several_points_loses_nothing_and_sends_nothing_twice() {
    const N: usize = 30;
    const CONNECTIONS: usize = 4;
    for kill_after in [2, 9, 17] {
        let server = SmtpServer::start(ServerOptions::starttls());
        let data = MailDataDir::new();
        let mut csv = String::from("job_title,candidate_name,email\n");
        for i in 0..N {
            csv.push_str(&format!("Support,Candidat {i},candidat{i}@exemple.fr\n"));
        }
        assert_eq!(data.import(&csv).status.code(), Some(0));
        data.use_server(&server);
        data.set("smtp_connections", &CONNECTIONS.to_string());
        data.set("rate_limit_per_minute", "600");
        data.set("daily_quota", "0");
        let job = data.list_json()[0]["job_id"].as_i64().unwrap().to_string();

        let mut cmd = data.cli();
        cmd.args(["invite", "--job", &job, "--all", "--yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut batch = cmd.spawn().expect("spawn the batch");
        wait_until("the server has received some messages", || {
            server.message_count() >= kill_after
        });
        batch.kill().expect("kill -9");
        batch.wait().unwrap();

        // The next start accounts for every row.
        let rows = outbox(&data);
        let count = |state: &str| rows.iter().filter(|r| r["state"] == state).count();
        assert_eq!(
            count("sending"),
            0,
            "nothing stays 'sending' after a restart"
        );
        assert!(
            count("unknown") <= CONNECTIONS,
            "at most one uncertain row per connection: {rows:?}"
        );
        let received: HashSet<String> = server
            .log()
            .iter()
            .map(|entry| entry["rcpt_tos"][0].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            received.len(),
            server.message_count(),
            "nothing reached the server twice"
        );
        for row in &rows {
            let recipient = row["recipient"].as_str().unwrap();
            match row["state"].as_str().unwrap() {
                "sent" => assert!(
                    received.contains(recipient),
                    "{recipient} is 'sent' but never arrived"
                ),
                "unknown" => {}
                "queued" => assert!(
                    !received.contains(recipient),
                    "{recipient} arrived yet is still queued"
                ),
                other => panic!("unexpected state {other} for {recipient}"),
            }
        }
        for recipient in &received {
            let state = rows
                .iter()
                .find(|r| r["recipient"] == recipient.as_str())
                .map(|r| r["state"].clone());
            assert!(
                matches!(
                    state.as_ref().and_then(Value::as_str),
                    Some("sent" | "unknown")
                ),
                "{recipient} arrived but is {state:?}"
            );
        }
        let unknown = count("unknown");

        // Finishing the batch sends the rest, once; the uncertain ones wait for the recruiter.
        let finish = data.run(&["invite", "--job", &job, "--all", "--yes"]);
        assert_eq!(finish.status.code(), Some(0), "{}", text(&finish.stdout));
        let received: Vec<String> = server
            .log()
            .iter()
            .map(|entry| entry["rcpt_tos"][0].as_str().unwrap().to_owned())
            .collect();
        let distinct: HashSet<&String> = received.iter().collect();
        assert_eq!(
            distinct.len(),
            received.len(),
            "nobody emailed twice (kill after {kill_after})"
        );
        let rows = outbox(&data);
        assert_eq!(rows.len(), N, "one outbox row per application");
        assert_eq!(
            rows.iter().filter(|r| r["state"] == "sent").count(),
            N - unknown
        );
        assert!(received.len() >= N - unknown && received.len() <= N);
    }
}
