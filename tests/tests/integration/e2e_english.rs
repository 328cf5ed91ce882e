//! Every screen of the window in English, as a recruiter who chose English in
//! Réglages sees it: the list with a sent, a failed and a never-invited row,
//! the detail panel, the offers, the outbox, the settings with their field
//! errors, the template editor. Each is asserted on a few English words (and
//! none of the French ones it replaces) and kept as a screenshot `en-*`.

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{Desktop, Gui};

/// Where the page says it in French: none of this may show in English.
const FRENCH: [&str; 6] = [
    "Candidatures",
    "Réglages",
    "Envoyé",
    "Inviter",
    "Offres",
    "Boîte d'envoi",
];

async fn english_only(gui: &Gui, screen: &str) -> anyhow::Result<()> {
    let text = gui.text_of("body").await?;
    for word in FRENCH {
        assert!(!text.contains(word), "{screen} shows {word:?}: {text}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_reads_in_english() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    let csv = data.write_file(
        "applications.csv",
        "job_title,candidate_name,email\n\
         Full Stack Developer,Emily Brown,emily@example.com\n\
         Full Stack Developer,John Smith,john.smith@example.com\n\
         Accountant,Paul Refused,reject550.paul@example.com\n"
            .as_bytes(),
    );
    assert!(data
        .run(&["import", csv.to_str().unwrap()])
        .status
        .success());
    assert!(data
        .run(&["config", "set", "ui_language", "en"])
        .status
        .success());
    let id_of = |name: &str| {
        data.list_json()
            .as_array()
            .and_then(|rows| rows.iter().find(|a| a["candidate_name"] == name).cloned())
            .and_then(|a| a["application_id"].as_i64())
            .unwrap_or_else(|| panic!("{name} is listed"))
    };
    let (emily, paul) = (id_of("Emily Brown"), id_of("Paul Refused"));
    for id in [emily, paul] {
        mail.run(&["invite", &id.to_string(), "--yes"]);
    }
    assert_eq!(
        server.message_count(),
        1,
        "Emily's email went, Paul's was refused"
    );

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.wait_until("the rows are listed in English", || async {
        let rows = gui.row_texts().await?;
        Ok(rows.len() == 3 && rows.iter().any(|r| r.contains("Not invited")))
    })
    .await?;
    assert_eq!(gui.text_of("#nav-list").await?, "Applications");
    english_only(&gui, "the list").await?;
    gui.screenshot("en-01-list").await?;

    // The detail panel of the invited candidate: its link, its history and
    // the actions its `can` allows.
    gui.row(emily)
        .await?
        .find(fantoccini::Locator::Css("button.details"))
        .await?
        .click()
        .await?;
    gui.wait_for(&format!(
        "#detail[data-application-id=\"{emily}\"] #timeline"
    ))
    .await?;
    gui.wait_for("#detail button.resend").await?;
    gui.wait_for("#detail button.revoke").await?;
    english_only(&gui, "the detail panel").await?;
    gui.screenshot("en-02-detail").await?;
    gui.click("#detail-close").await?;

    gui.click("#nav-jobs").await?;
    gui.wait_for("#jobs-grid .job-card .chart-bar").await?;
    english_only(&gui, "the offers").await?;
    gui.screenshot("en-03-offers").await?;

    gui.click("#jobs-grid .job-card:last-child button.edit-template")
        .await?;
    gui.wait_for("#template-editor:not([hidden])[data-preview=ok]")
        .await?;
    gui.screenshot("en-04-template-editor").await?;
    gui.click("#template-close").await?;

    gui.click("#nav-outbox").await?;
    // innerText: WebDriver's own text leaves out what is cut with "…"
    // (text-overflow), though it is on screen.
    gui.wait_until("the outbox lists both emails", || async {
        Ok(gui
            .client
            .execute(
                "return document.querySelector('#view-outbox').innerText",
                vec![],
            )
            .await?
            .as_str()
            .is_some_and(|t| t.contains("reject550.paul@example.com")))
    })
    .await?;
    english_only(&gui, "the outbox").await?;
    gui.screenshot("en-05-outbox").await?;

    // Réglages, and a wrong value's message in English next to its field.
    gui.click("#nav-settings").await?;
    gui.click("#settings-advanced > summary").await?;
    let port = gui.wait_for("#settings-form [name=smtp_port]").await?;
    port.clear().await?;
    port.send_keys("99999").await?;
    gui.click("#save-settings").await?;
    let error = gui.wait_for("[data-error-for=smtp_port]").await?;
    gui.wait_until("the field error shows", || async {
        Ok(!error.text().await?.is_empty())
    })
    .await?;
    let message = error.text().await?;
    assert!(message.contains("between 1 and 65535"), "{message}");
    english_only(&gui, "the settings").await?;
    gui.screenshot("en-06-settings-errors").await?;
    gui.close().await
}
