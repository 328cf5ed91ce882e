//! A Cancel that cancels (issue 18, item 3), in the real window against a real
//! SMTP server: a batch of 20 cancelled after 2 sends no more than what was
//! already handed to the server — counted at the server — says so at once,
//! ends, and its panel can be closed; with the server down the panel says why
//! and offers Réessayer.

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{answer_dialog, wait_for_window, Answer, Desktop, Gui};

const DIALOG_TITLE: &str = "Inviter à l'entretien";

fn twenty(mail: &MailDataDir) {
    let mut csv = String::from("job_title,candidate_name,email\n");
    for i in 0..20 {
        csv.push_str(&format!(
            "Comptable,Candidate {i},candidate{i}@exemple.fr\n"
        ));
    }
    assert_eq!(mail.import(&csv).status.code(), Some(0));
}

async fn start_batch(gui: &Gui) -> anyhow::Result<()> {
    gui.wait_until("20 rows", || async {
        Ok(gui.row_texts().await?.len() == 20)
    })
    .await?;
    gui.click("#select-all").await?;
    gui.click("#invite-selected").await?;
    wait_for_window(DIALOG_TITLE)?;
    answer_dialog(DIALOG_TITLE, Answer::Ok)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_of_20_cancelled_after_2_sends_only_what_had_left() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    twenty(&mail);
    mail.use_server(&server);
    // One email a second over 4 connections: each worker waits for its slot,
    // where an Annuler once went unheard.
    mail.set("rate_limit_per_minute", "60");
    mail.set("daily_quota", "0");
    let data = &mail.data;
    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    start_batch(&gui).await?;
    gui.wait_until("two invitations are sent", || async {
        Ok(server.message_count() >= 2)
    })
    .await?;
    gui.click("#batch-cancel").await?;
    let at_click = server.message_count();
    let note = gui.wait_for("#batch-note:not([hidden])").await?;
    let heard = note.text().await?;
    assert!(
        heard.starts_with("Annulé : plus aucun nouvel email ne part."),
        "{heard}"
    );
    let counts = gui.wait_for("#batch-counts").await?;
    gui.wait_until("the batch ends", || async {
        Ok(counts.text().await?.starts_with("Terminé"))
    })
    .await?;
    let summary = counts.text().await?;
    gui.screenshot("14-batch-cancelled-after-2").await?;

    // What the server got: what had left at the click, and what was then in
    // flight (at most one: sends are spaced a second apart) — nothing after.
    let received = server.message_count();
    assert!(
        received >= at_click && received <= at_click + 1,
        "{at_click} → {received}"
    );
    let listed = data.list_json();
    let rows = listed.as_array().unwrap();
    let sent = rows
        .iter()
        .filter(|a| a["invitation_status"] == "sent")
        .count();
    assert_eq!(sent, received, "the list says what the server got");
    let waiting = rows
        .iter()
        .filter(|a| a["invitation_status"] == "link_active")
        .count();
    assert_eq!(waiting, 20 - sent, "the others await their email");
    assert!(
        summary.contains(&format!("{sent} envoyé"))
            && summary.contains(&format!("{} annulés", 20 - sent)),
        "{summary}"
    );
    // What the panel said at the click holds: those it said were taken back
    // (waiting in the queue or for their slot) are exactly the ones not sent.
    let taken_back: usize = heard
        .split(" ; ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("how many are left, in: {heard}"));
    assert_eq!(taken_back, 20 - sent, "{heard}");
    // Settled a moment later still: no straggler left.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(server.message_count(), received);

    // Finished: Annuler is gone, Fermer closes the panel.
    assert!(
        !gui.client
            .find(fantoccini::Locator::Css("#batch-cancel"))
            .await?
            .is_displayed()
            .await?
    );
    gui.click("#batch-close").await?;
    gui.wait_until("the panel closes", || async {
        Ok(!gui
            .client
            .find(fantoccini::Locator::Css("#batch-panel"))
            .await?
            .is_displayed()
            .await?)
    })
    .await?;
    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_server_down_the_batch_panel_says_so_and_offers_to_try_again() -> anyhow::Result<()>
{
    let _desktop = Desktop::take();
    let mail = MailDataDir::new();
    twenty(&mail);
    {
        // A server that was there and is gone: nothing listens on its port.
        let server = SmtpServer::start(ServerOptions::starttls());
        mail.use_server(&server);
    }
    let gui = Gui::start_with_env(&mail.data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    start_batch(&gui).await?;
    let note = gui
        .wait_for("#batch-note.batch-note-error:not([hidden])")
        .await?;
    let said = note.text().await?;
    assert!(!said.is_empty(), "the panel says why");
    gui.wait_for("#batch-retry:not([hidden])").await?;
    gui.screenshot("15-batch-server-down").await?;
    // Nothing was created: no link counts down for a batch that never started.
    let listed = mail.data.list_json();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["invitation_status"] == "not_invited"));
    gui.click("#batch-close").await?;
    gui.close().await
}
