//! Crash safety of the outbox: a process killed (`kill -9`) while it is sending
//! leaves its email `unknown` at the next start — shown to the recruiter, never
//! resent automatically — while an email a live process is still sending is
//! never taken for unknown.

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

fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(100));
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
    assert_eq!(rows[1]["subject"], "Invitation à l'entretien vidéo — Dev");
    assert!(rows[1]["sent_at"].is_string());

    let table = text(&data.run(&["outbox"]).stdout);
    assert!(
        table.contains("sent") && table.contains("failed_permanent"),
        "{table}"
    );
}
