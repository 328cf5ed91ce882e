//! First run (issue 18, item 2), in the real window: until the sender, the
//! link address and the key are set and a test email went out, the list shows
//! a checklist with a button to each; Inviter says what is missing and makes
//! no link; a private-network link address is asked about once (the native
//! dialog answered by a click), then invitations go to the real SMTP server;
//! once everything is done the checklist is gone. Screenshots `setup-*`.

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{answer_dialog, wait_for_window, window_is_gone, Answer, Desktop, Gui};
use serde_json::Value;

const INVITE_DIALOG: &str = "Inviter à l'entretien";
const CONFIRM_DIALOG: &str = "Confirmer l'action";

/// Each checklist item and its state (done, todo, warning, advised), in order.
async fn checklist(gui: &Gui) -> anyhow::Result<Value> {
    Ok(gui
        .client
        .execute(
            "const box = document.querySelector('#setup'); \
             if (box.hidden) return null; \
             return [...box.querySelectorAll('.setup-item')].map(i => [i.dataset.item, i.dataset.state]);",
            vec![],
        )
        .await?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_run_checklist_leads_to_a_first_invitation_that_works() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    let data = &mail.data;
    data.import_text(
        "job_title,candidate_name,email\n\
         Comptable,Amélie Roux,amelie@exemple.fr\n\
         Comptable,Paul Martin,paul@exemple.fr\n",
    );
    let rows = data.list_json();
    let id_of = |i: usize| rows[i]["application_id"].as_i64().unwrap();

    // Nothing set: no sender, no key, links to this computer (the default).
    let gui = Gui::start(data).await?;
    gui.wait_for("#setup:not([hidden]) .setup-item").await?;
    assert_eq!(
        checklist(&gui).await?,
        serde_json::json!([
            ["sender", "todo"],
            ["link", "todo"],
            ["key", "todo"],
            ["test", "advised"]
        ])
    );
    gui.screenshot("setup-checklist").await?;

    // Inviter says what is missing, asks nothing, makes nothing.
    gui.click(&format!(
        "tr[data-application-id=\"{}\"] button.invite",
        id_of(0)
    ))
    .await?;
    gui.wait_until("Inviter says what is missing", || async {
        Ok(gui
            .text_now("#view-list .notice:not([hidden])")
            .await?
            .is_some_and(|t| {
                t.contains(
                    "Rien n'a été créé ni envoyé : l'adresse d'expéditeur (From) et la clé API SendGrid manquent",
                )
            }))
    })
    .await?;
    assert!(
        window_is_gone(INVITE_DIALOG)?,
        "no question for an email that cannot go"
    );
    assert!(data.list_json()[0]["link"].is_null(), "no link made");
    gui.screenshot("setup-inviter-says-what-is-missing").await?;

    // Each item's button opens Réglages at its field.
    gui.click(".setup-item[data-item=\"sender\"] button.setup-go")
        .await?;
    gui.wait_until("Réglages, the sender's field focused", || async {
        let focused: Value = gui
            .client
            .execute(
                "return !document.querySelector('#view-settings').hidden && document.activeElement?.name",
                vec![],
            )
            .await?;
        Ok(focused == "from")
    })
    .await?;
    gui.close().await?;

    // The sender, the key, and links on a private network.
    mail.use_server(&server);
    mail.set("base_url", "http://192.168.1.20:8080");
    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.wait_until("the checklist follows the settings", || async {
        Ok(checklist(&gui).await?
            == serde_json::json!([
                ["sender", "done"],
                ["link", "warning"],
                ["key", "done"],
                ["test", "advised"]
            ]))
    })
    .await?;
    gui.screenshot("setup-private-network").await?;

    // The first invitation asks about the private network once, then as always.
    gui.click(&format!(
        "tr[data-application-id=\"{}\"] button.invite",
        id_of(0)
    ))
    .await?;
    let question = wait_for_window(CONFIRM_DIALOG)?;
    assert!(question.width > 0);
    jobgate_tests::screen_shot("setup-private-question")?;
    answer_dialog(CONFIRM_DIALOG, Answer::Ok)?;
    answer_dialog(INVITE_DIALOG, Answer::Ok)?;
    gui.wait_until("the first email reached the server", || async {
        Ok(server.message_count() == 1)
    })
    .await?;
    // The second: no question about the address any more.
    gui.click(&format!(
        "tr[data-application-id=\"{}\"] button.invite",
        id_of(1)
    ))
    .await?;
    answer_dialog(INVITE_DIALOG, Answer::Ok)?;
    gui.wait_until("the second email reached the server", || async {
        Ok(server.message_count() == 2)
    })
    .await?;
    assert!(window_is_gone(CONFIRM_DIALOG)?);

    // The test email, from the checklist's button: then the checklist is gone.
    gui.click(".setup-item[data-item=\"test\"] button.setup-go")
        .await?;
    let address = gui.wait_for("#test-form [name=test_address]").await?;
    address.send_keys("admin@exemple.fr").await?;
    gui.click("#send-test").await?;
    gui.wait_until("the test email reached the server", || async {
        Ok(server.message_count() == 3)
    })
    .await?;
    gui.click("#nav-list").await?;
    gui.wait_until("everything done: no checklist", || async {
        Ok(checklist(&gui).await?.is_null())
    })
    .await?;
    gui.screenshot("setup-done").await?;
    mail.assert_never_leaked(TEST_KEY);
    gui.close().await
}
