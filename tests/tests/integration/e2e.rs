//! End-to-end: the real app in its real window under Xvfb, driven through
//! tauri-driver + WebKitWebDriver; the native confirmation dialog is a real GTK
//! window answered by a mouse click; invitations go to a real SMTP server on
//! loopback (STARTTLS + AUTH). Screenshots land in tests/artifacts/e2e/.

use fantoccini::Locator;
use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{answer_dialog, screen_shot, wait_for_window, Answer, DataDir, Desktop, Gui};
use mail_parser::MessageParser;
use serde_json::Value;

const DIALOG_TITLE: &str = "Inviter à l'entretien";

fn import_sample(data: &DataDir) {
    let csv = data.write_file(
        "candidatures.csv",
        "job_title,candidate_name,email\n\
         Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
         Développeur Full Stack,Jean Dupont,jean.dupont@exemple.fr\n\
         Comptable,Camille Martin,camille@exemple.fr\n\
         Comptable,Paul Refus,reject550.paul@exemple.fr\n"
            .as_bytes(),
    );
    let out = data.run(&["import", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "import: {}",
        jobgate_tests::text(&out.stdout)
    );
}

fn application(data: &DataDir, name: &str) -> serde_json::Value {
    data.list_json()
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["candidate_name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} is in the list"))
}

fn application_id(data: &DataDir, name: &str) -> i64 {
    application(data, name)["application_id"].as_i64().unwrap()
}

/// Waits until the row's invitation status (its `data-status`) is `status`.
async fn wait_for_status(gui: &Gui, id: i64, status: &str) -> anyhow::Result<()> {
    let css = format!("tr[data-application-id=\"{id}\"][data-status=\"{status}\"]");
    gui.wait_for(&css).await.map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inviting_asks_first_cancel_changes_nothing_and_ok_sends_the_email() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    import_sample(data);
    let jean = application_id(data, "Jean Dupont");
    let paul = application_id(data, "Paul Refus");

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.wait_until("four rows are listed", || async {
        Ok(gui.row_texts().await?.len() == 4)
    })
    .await?;
    let rows = gui.row_texts().await?;
    assert!(rows
        .iter()
        .any(|r| r.contains("Élodie Brûlé") && r.contains("Développeur Full Stack")));
    assert!(rows.iter().all(|r| r.contains("Non invitée")), "{rows:?}");
    gui.screenshot("01-list-imported").await?;

    // Inviter → the native dialog asks, with the seed's question. Cancel.
    let row = gui.row(jean).await?;
    row.find(Locator::Css("button.invite"))
        .await?
        .click()
        .await?;
    wait_for_window(DIALOG_TITLE)?;
    screen_shot("02-native-confirmation")?;
    answer_dialog(DIALOG_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let row = gui.row(jean).await?;
    assert!(
        row.find(Locator::Css("button.invite")).await.is_ok(),
        "still invitable after Cancel"
    );
    assert!(
        row.find(Locator::Css(".link-url")).await.is_err(),
        "no link after Cancel"
    );
    assert!(
        application(data, "Jean Dupont")["link"].is_null(),
        "Cancel created nothing"
    );
    assert_eq!(server.message_count(), 0, "Cancel sent nothing");

    // Inviter again → OK: the link is created and the email goes out.
    row.find(Locator::Css("button.invite"))
        .await?
        .click()
        .await?;
    answer_dialog(DIALOG_TITLE, Answer::Ok)?;
    wait_for_status(&gui, jean, "sent").await?;
    let row = gui.row(jean).await?;
    let row_text = row.text().await?;
    assert!(row_text.contains("Invitation envoyée"), "{row_text}");
    assert!(
        row_text.contains("Expire le") && row_text.contains("(Europe/Paris)"),
        "{row_text}"
    );
    assert!(row.find(Locator::Css("button.copy")).await.is_ok());
    assert!(
        row.find(Locator::Css("button.invite")).await.is_err(),
        "nothing to click once sent"
    );
    let shown_url = row
        .find(Locator::Css(".link-url"))
        .await?
        .attr("title")
        .await?
        .unwrap_or_default();
    let notice = gui.text_of("#view-list .notice").await?;
    assert_eq!(
        notice,
        "Invitation envoyée à Jean Dupont (jean.dupont@exemple.fr)."
    );
    gui.screenshot("03-invitation-sent").await?;

    // The server received exactly that invitation, with the link on screen.
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let message = MessageParser::default().parse(&messages[0]).unwrap();
    assert_eq!(
        message.subject(),
        Some("Invitation à l'entretien vidéo — Développeur Full Stack")
    );
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some("jean.dupont@exemple.fr")
    );
    assert!(message.body_text(0).unwrap().contains(&shown_url));
    let jean_json = application(data, "Jean Dupont");
    let token = jean_json["link"]["token"].as_str().unwrap();
    assert_eq!(token.len(), 43);
    assert_eq!(
        shown_url,
        format!("{}/interview/start/{token}", jobgate_tests::smtp::BASE_URL)
    );
    assert_eq!(jean_json["last_email"]["state"], "sent");

    // A refused sender (550): the row says why and what to do; the link stays.
    gui.row(paul)
        .await?
        .find(Locator::Css("button.invite"))
        .await?
        .click()
        .await?;
    answer_dialog(DIALOG_TITLE, Answer::Ok)?;
    wait_for_status(&gui, paul, "send_failed").await?;
    let row = gui.row(paul).await?;
    let row_text = row.text().await?;
    assert!(row_text.contains("Échec de l'envoi"), "{row_text}");
    // The row shows the start of the reason; its tooltip holds all of it.
    // (Read in one script call: the row may be re-rendered at any time.)
    let reason = gui
        .client
        .execute(
            "const r = document.querySelector(arguments[0]); return r ? [r.innerText, r.title] : null;",
            vec![serde_json::json!(format!(
                "tr[data-application-id=\"{paul}\"] .status-detail"
            ))],
        )
        .await?;
    let shown = reason[0].as_str().unwrap_or_default();
    let full_reason = reason[1].as_str().unwrap_or_default();
    assert!(
        shown.starts_with("SendGrid refuse l'expéditeur"),
        "{reason}"
    );
    assert!(full_reason.contains("Sender Authentication"), "{reason}");
    assert_eq!(
        row.find(Locator::Css("button.invite"))
            .await?
            .text()
            .await?,
        "Réessayer"
    );
    assert!(
        row.find(Locator::Css(".link-url")).await.is_ok(),
        "the link stays"
    );
    let notice = gui.text_of("#view-list .notice").await?;
    assert!(
        notice.starts_with("Le lien de Paul Refus est créé, mais l'email n'est pas parti."),
        "{notice}"
    );
    gui.screenshot("04-send-failed").await?;
    assert_eq!(server.message_count(), 1);
    let paul_json = application(data, "Paul Refus");
    assert_eq!(paul_json["last_email"]["smtp_code"], 550);
    assert_eq!(paul_json["link"]["state"], "active");

    // The window's log (written out when it closes) tells the sends by id and
    // code, never with the key, the link or the candidate.
    gui.close().await?;
    let log: String = jobgate_tests::smtp::files_under(&data.path().join("logs"))
        .iter()
        .map(|f| jobgate_tests::text(&std::fs::read(f).unwrap_or_default()))
        .collect();
    assert!(log.contains("command=\"window\""), "{log}");
    assert!(
        log.contains("email sent") && log.contains("email not sent"),
        "{log}"
    );
    let token = jean_json["link"]["start_url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .unwrap_or("no token");
    for secret in [TEST_KEY, token, "jean.dupont", "Jean Dupont", "Paul Refus"] {
        assert!(
            !log.contains(secret),
            "{secret:?} is in the window's log:\n{log}"
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_show_the_key_hint_validate_each_field_check_and_send_a_test() -> anyhow::Result<()>
{
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    let port = server.port().to_string();

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.click("#nav-settings").await?;
    let status = gui.wait_for("#key-status").await?;
    gui.wait_until("the key status shows", || async {
        Ok(!status.text().await?.is_empty())
    })
    .await?;
    assert_eq!(
        status.text().await?,
        "Clé fournie par la variable SENDGRID_API_KEY : SG.…6789"
    );
    let from = gui.wait_for("#settings-form [name=from]").await?;
    assert_eq!(
        from.prop("value").await?.unwrap_or_default(),
        "Acme Recrutement <recrutement@acme.fr>"
    );
    let page = gui.client.source().await?;
    assert!(
        !page.contains("do-not-leak"),
        "the key itself never reaches the page"
    );
    gui.screenshot("05-settings").await?;

    // "Vérifier la connexion" logs in and sends nothing.
    gui.click("#check-connection").await?;
    let notice = gui
        .wait_for("#view-settings .notice.notice-success")
        .await?;
    assert!(notice
        .text()
        .await?
        .starts_with("Connexion réussie à 127.0.0.1:"));
    assert_eq!(server.message_count(), 0);

    // "Envoyer un email de test" to a typed address.
    let address = gui.wait_for("#test-form [name=test_address]").await?;
    address.send_keys("admin@exemple.fr").await?;
    gui.click("#send-test").await?;
    gui.wait_until("the test email arrives", || async {
        Ok(server.message_count() == 1)
    })
    .await?;
    let messages = server.messages();
    let test = MessageParser::default().parse(&messages[0]).unwrap();
    assert_eq!(test.subject(), Some("Test JobGate - Invitation Candidat"));

    // Wrong values: a message next to each, and nothing saved. The SMTP
    // server is under Avancé, folded until opened.
    gui.click("#settings-advanced > summary").await?;
    let port_input = gui.wait_for("#settings-form [name=smtp_port]").await?;
    port_input.clear().await?;
    port_input.send_keys("99999").await?;
    from.clear().await?;
    from.send_keys("Acme <pas-une-adresse>").await?;
    gui.click("#save-settings").await?;
    let port_error = gui.wait_for("[data-error-for=smtp_port]").await?;
    gui.wait_until("field errors show", || async {
        Ok(!port_error.text().await?.is_empty())
    })
    .await?;
    assert!(port_error.text().await?.contains("entre 1 et 65535"));
    let from_error = gui
        .client
        .find(Locator::Css("[data-error-for=from]"))
        .await?
        .text()
        .await?;
    assert!(
        from_error.contains("n'est pas une valeur possible pour l'expéditeur (from)"),
        "{from_error}"
    );
    gui.client
        .execute("window.scrollTo(0, document.body.scrollHeight)", vec![])
        .await?;
    gui.screenshot("06-settings-errors").await?;
    let stored = data.run(&["config", "get", "smtp_port"]);
    assert_eq!(
        jobgate_tests::text(&stored.stdout).trim(),
        port,
        "nothing saved"
    );

    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_empty_list_explains_and_the_form_validates_next_to_each_field() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    let gui = Gui::start(&data).await?;

    // A second launch on the same data hands over to this window and exits.
    let mut second = std::process::Command::new(jobgate_tests::jobgate_bin())
        .env("JOBGATE_DATA_DIR", data.path())
        .env("NO_AT_BRIDGE", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = second.kill();
            anyhow::bail!("a second window opened instead of handing over to the first");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status:?}");
    let empty = gui.wait_for("#empty").await?;
    gui.wait_until("the empty state shows", || async {
        Ok(empty.is_displayed().await?)
    })
    .await?;
    let text = empty.text().await?;
    assert!(text.contains("Aucune candidature pour l'instant"), "{text}");
    assert!(text.contains("jobgate import"), "{text}");
    gui.screenshot("07-empty-list").await?;

    gui.click("#toggle-add").await?;
    gui.submit_add_form(&[
        ("job_title", "Chargée de recrutement"),
        ("email", "zoe.roux@exemple"),
    ])
    .await?;
    let name_error = gui.wait_for("[data-error-for=candidate_name]").await?;
    gui.wait_until("field errors show", || async {
        Ok(!name_error.text().await?.is_empty())
    })
    .await?;
    assert_eq!(
        name_error.text().await?,
        "Renseignez le nom du candidat : ce champ est obligatoire."
    );
    let email_error = gui
        .client
        .find(Locator::Css("[data-error-for=email]"))
        .await?
        .text()
        .await?;
    assert!(
        email_error.contains("n'est pas une adresse e-mail valide"),
        "{email_error}"
    );
    let job_error = gui
        .client
        .find(Locator::Css("[data-error-for=job_title]"))
        .await?
        .text()
        .await?;
    assert!(
        job_error.is_empty(),
        "the valid field has no message: {job_error}"
    );
    gui.screenshot("08-form-errors").await?;
    assert_eq!(
        data.list_json().as_array().unwrap().len(),
        0,
        "nothing saved"
    );

    // Correct the fields; the application appears in the list.
    gui.submit_add_form(&[
        ("candidate_name", "Zoé <b>Roux</b>"),
        ("email", "zoe.roux@exemple.fr"),
    ])
    .await?;
    gui.wait_until("the new row shows", || async {
        Ok(gui.row_texts().await?.len() == 1)
    })
    .await?;
    let rows = gui.row_texts().await?;
    // Markup in a name is shown as text, never interpreted.
    assert!(rows[0].contains("Zoé <b>Roux</b>"), "{rows:?}");
    assert!(gui
        .client
        .find(Locator::Css("#applications tbody b"))
        .await
        .is_err());

    // Search filters as one types, case and accents aside.
    gui.submit_add_form(&[
        ("job_title", "Comptable"),
        ("candidate_name", "Paul Martin"),
        ("email", "paul@exemple.fr"),
    ])
    .await?;
    gui.wait_until("two rows", || async {
        Ok(gui.row_texts().await?.len() == 2)
    })
    .await?;
    gui.client
        .find(Locator::Css("#search"))
        .await?
        .send_keys("ZOE")
        .await?;
    gui.wait_until("the search keeps one row", || async {
        Ok(gui.row_texts().await?.len() == 1)
    })
    .await?;
    assert!(gui.row_texts().await?[0].contains("Zoé"));
    gui.screenshot("09-search").await?;

    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_asks_once_shows_progress_can_be_cancelled_and_fills_the_outbox(
) -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    let mut csv =
        String::from("job_title,candidate_name,email\nComptable,Zoé Roux,zoe@exemple.fr\n");
    for i in 0..12 {
        csv.push_str(&format!(
            "Développeur Rust,Candidat {i},candidat{i}@exemple.fr\n"
        ));
    }
    assert_eq!(mail.import(&csv).status.code(), Some(0));
    mail.use_server(&server);
    // One email a second: slow enough to watch, and to cancel half-way.
    mail.set("rate_limit_per_minute", "60");
    mail.set("daily_quota", "0");
    let data = &mail.data;
    let job = application(data, "Candidat 0")["job_id"].as_i64().unwrap();

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.wait_until("13 rows", || async {
        Ok(gui.row_texts().await?.len() == 13)
    })
    .await?;
    gui.client
        .execute(
            "const s = document.querySelector('#job-filter'); s.value = String(arguments[0]); s.dispatchEvent(new Event('change'));",
            vec![serde_json::json!(job)],
        )
        .await?;
    gui.wait_until("the job's 12 rows", || async {
        Ok(gui.row_texts().await?.len() == 12)
    })
    .await?;
    gui.click("#invite-all").await?;
    wait_for_window(DIALOG_TITLE)?;
    screen_shot("10-batch-confirmation")?;
    answer_dialog(DIALOG_TITLE, Answer::Ok)?;

    gui.wait_for("#batch-progress").await?;
    let sent_so_far = || async {
        let value = gui
            .client
            .execute(
                "return document.querySelector('#batch-progress').value;",
                vec![],
            )
            .await?;
        Ok::<_, anyhow::Error>(value.as_f64().unwrap_or(0.0))
    };
    gui.wait_until("three invitations are sent", || async {
        Ok(sent_so_far().await? >= 3.0)
    })
    .await?;
    gui.screenshot("11-batch-progress").await?;
    gui.click("#batch-cancel").await?;
    let counts = gui.wait_for("#batch-counts").await?;
    gui.wait_until("the batch ends", || async {
        Ok(counts.text().await?.starts_with("Terminé"))
    })
    .await?;
    let summary = counts.text().await?;
    assert!(
        summary.contains("annulé") && !summary.contains(" 0 annulé"),
        "{summary}"
    );
    gui.screenshot("12-batch-cancelled").await?;

    // What the server got is exactly what the app says was sent, once each.
    let listed = data.list_json();
    let sent: Vec<&Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["invitation_status"] == "sent")
        .collect();
    assert!(sent.len() >= 3 && sent.len() < 12, "{} sent", sent.len());
    assert_eq!(server.message_count(), sent.len());
    let mut recipients: Vec<String> = server
        .messages()
        .iter()
        .map(|raw| {
            let msg = MessageParser::default().parse(raw).unwrap();
            msg.to()
                .unwrap()
                .first()
                .unwrap()
                .address()
                .unwrap()
                .to_owned()
        })
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), sent.len(), "nobody emailed twice");
    // The ones never tried keep their link and await an email.
    let waiting = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["invitation_status"] == "link_active")
        .count();
    assert_eq!(waiting + sent.len(), 12);

    gui.click("#nav-outbox").await?;
    gui.wait_until("the outbox lists the sent emails", || async {
        Ok(gui
            .client
            .find_all(Locator::Css("#outbox-table tbody tr[data-state=sent]"))
            .await?
            .len()
            == sent.len())
    })
    .await?;
    gui.screenshot("13-outbox").await?;
    gui.close().await
}

const CONFIRM_TITLE: &str = "Confirmer l'action";

/// The start link of the message the server received at `index`.
fn start_link_of(server: &SmtpServer, index: usize) -> String {
    let raw = &server.messages()[index];
    let message = MessageParser::default().parse(raw).unwrap();
    let text = message.body_text(0).unwrap().into_owned();
    text.split_whitespace()
        .find(|w| w.contains("/interview/start/"))
        .expect("a start link in the email")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_detail_panel_resends_the_same_link_and_revokes_it_after_asking() -> anyhow::Result<()>
{
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    import_sample(data);
    let jean = application_id(data, "Jean Dupont");
    // Invited from the command line: the email is at the server.
    let out = mail.invite("jean.dupont@exemple.fr");
    assert!(out.status.success(), "{}", jobgate_tests::text(&out.stderr));
    assert_eq!(server.message_count(), 1);
    let first_link = start_link_of(&server, 0);

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    wait_for_status(&gui, jean, "sent").await?;

    // Détails: the panel shows the link and the history, with the server's reply.
    gui.row(jean)
        .await?
        .find(Locator::Css("button.details"))
        .await?
        .click()
        .await?;
    gui.wait_for(&format!(
        "#detail[data-application-id=\"{jean}\"] #timeline"
    ))
    .await?;
    assert_eq!(gui.text_of("#detail-name").await?, "Jean Dupont");
    let timeline = gui.text_of("#timeline").await?;
    assert!(
        timeline.contains("Email d'invitation : envoyé"),
        "{timeline}"
    );
    assert!(timeline.contains("Réponse du serveur : 250"), "{timeline}");
    assert!(
        timeline.contains("Lien créé, valable jusqu'au"),
        "{timeline}"
    );
    assert!(timeline.contains("(Europe/Paris)"), "{timeline}");
    gui.screenshot("20-detail-panel").await?;

    // Renvoyer → the native dialog asks. Cancel sends nothing.
    gui.click("#detail button.resend").await?;
    wait_for_window(CONFIRM_TITLE)?;
    screen_shot("21-resend-confirmation")?;
    answer_dialog(CONFIRM_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(server.message_count(), 1, "Cancel sent nothing");

    // OK: the same link goes out again, and the history shows both attempts.
    gui.click("#detail button.resend").await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_until("the second email reached the server", || async {
        Ok(server.message_count() == 2)
    })
    .await?;
    assert_eq!(start_link_of(&server, 1), first_link, "the same link");
    gui.wait_until("the history shows two attempts", || async {
        Ok(gui
            .client
            .find_all(Locator::Css("#timeline li[data-kind=email_attempt]"))
            .await?
            .len()
            == 2)
    })
    .await?;
    assert_eq!(
        gui.text_of("#detail-notice").await?,
        "Invitation envoyée à Jean Dupont (jean.dupont@exemple.fr)."
    );

    // Révoquer → asked first; OK → the link stops working, the row says so.
    gui.click("#detail button.revoke").await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_for("#detail[data-status=link_revoked]").await?;
    assert!(gui
        .text_of("#timeline li[data-kind=link_revoked]")
        .await?
        .contains("Lien révoqué"));
    gui.screenshot("22-detail-revoked").await?;
    wait_for_status(&gui, jean, "link_revoked").await?;
    assert_eq!(
        application(data, "Jean Dupont")["link"]["state"],
        "revoked",
        "revoked in the database"
    );
    assert_eq!(server.message_count(), 2, "revoking sends nothing");

    // The panel now offers a new link, and closing it shows the list.
    assert!(gui.wait_for("#detail button.new-link").await.is_ok());
    gui.click("#detail-close").await?;
    gui.wait_until("the panel is closed", || async {
        Ok(!gui.wait_for("#detail").await?.is_displayed().await?)
    })
    .await?;
    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offers_show_each_chart_and_closing_one_asks_and_revokes_its_links() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    import_sample(&data);
    let set = |name: &str, value: &str| {
        assert!(data.run(&["config", "set", name, value]).status.success());
    };
    set("delivery_mode", "dry_run");
    set("from", "Acme Recrutement <recrutement@acme.fr>");
    let elodie = application_id(&data, "Élodie Brûlé");
    let jean = application_id(&data, "Jean Dupont");
    assert!(data
        .run(&["invite", &elodie.to_string(), "--yes"])
        .status
        .success());
    assert!(data
        .run(&["application", "status", &jean.to_string(), "hired"])
        .status
        .success());

    let gui = Gui::start(&data).await?;
    gui.click("#nav-jobs").await?;
    gui.wait_for("#jobs-grid .job-card .chart-bar").await?;
    let cards = gui
        .client
        .find_all(Locator::Css("#jobs-grid .job-card"))
        .await?;
    assert_eq!(cards.len(), 2);
    let legend = gui
        .client
        .execute(
            "return [...document.querySelectorAll('.job-card')].map(c => [c.querySelector('h2').textContent, [...c.querySelectorAll('.chart-seg')].map(s => s.dataset.stage + '=' + s.dataset.count)]);",
            vec![],
        )
        .await?;
    assert_eq!(
        legend,
        serde_json::json!([
            ["Comptable", ["not_invited=2"]],
            ["Développeur Full Stack", ["link_created=1", "hired=1"]]
        ])
    );
    gui.screenshot("23-offers-charts").await?;

    // Closing an offer asks first, then revokes its valid links.
    gui.click("#jobs-grid .job-card:last-child button.close-job")
        .await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_for("#jobs-grid .job-card.job-closed").await?;
    assert!(gui
        .text_of("#view-jobs .notice")
        .await?
        .contains("1 lien révoqué"));
    assert_eq!(
        application(&data, "Élodie Brûlé")["link"]["state"],
        "revoked"
    );
    gui.screenshot("24-offer-closed").await?;

    // "Voir les candidatures": the list filtered on that offer, its chart on top.
    gui.click("#jobs-grid .job-card:last-child button.show-applications")
        .await?;
    gui.wait_for("#job-summary:not([hidden]) .chart-bar")
        .await?;
    gui.wait_until("only that offer's rows", || async {
        Ok(gui.row_texts().await?.len() == 2)
    })
    .await?;
    gui.screenshot("25-list-with-offer-chart").await?;
    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_editor_previews_live_and_an_english_campaign_invites_in_english(
) -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    import_sample(data);
    for (name, value) in [("ui_language", "en"), ("company", "Acme")] {
        assert!(data.run(&["config", "set", name, value]).status.success());
    }
    let jean = application_id(data, "Jean Dupont");

    // The interface in English, as chosen in the settings.
    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    assert_eq!(gui.text_of("#nav-list").await?, "Applications");
    assert_eq!(gui.text_of("#view-list h1").await?, "Applications");
    gui.wait_until("the rows are listed in English", || async {
        Ok(gui
            .row_texts()
            .await?
            .iter()
            .any(|r| r.contains("Not invited")))
    })
    .await?;
    gui.screenshot("30-english-ui").await?;

    // Job offers → Email template: the French default, previewed with a real candidate.
    gui.click("#nav-jobs").await?;
    gui.click("#jobs-grid .job-card:last-child button.edit-template")
        .await?;
    gui.wait_for("#template-editor:not([hidden])[data-preview=ok]")
        .await?;
    let preview = gui.text_of("#preview-text").await?;
    assert!(preview.starts_with("Bonjour Élodie Brûlé,"), "{preview}");
    assert!(preview.contains("L'équipe Acme"), "{preview}");

    // An unknown placeholder is named next to the field, live.
    let subject = gui.wait_for("#template-form input[name=subject]").await?;
    subject.clear().await?;
    subject.send_keys("Hello {prenom}").await?;
    gui.wait_for("#template-editor[data-preview=error]").await?;
    let error = gui
        .text_of("#template-form [data-error-for=subject]")
        .await?;
    assert!(
        error.contains("{prenom}") && error.contains("{candidate_name}"),
        "{error}"
    );
    gui.screenshot("31-template-error").await?;

    // English, with its default text (asked first): the preview follows.
    gui.click("#template-form select[name=lang] option[value=en]")
        .await?;
    gui.click("#template-default").await?;
    answer_dialog("Please confirm", Answer::Ok)?;
    gui.wait_until("the English preview", || async {
        Ok(gui
            .text_now("#preview-text")
            .await?
            .is_some_and(|t| t.starts_with("Hello Élodie Brûlé,")))
    })
    .await?;
    let preview = gui.text_of("#preview-text").await?;
    assert!(preview.contains("This link expires on "), "{preview}");
    assert!(preview.contains("The Acme team"), "{preview}");
    assert_eq!(
        gui.text_of("#preview-subject").await?,
        "Video interview invitation — Développeur Full Stack"
    );
    gui.screenshot("32-template-preview-english").await?;
    gui.click("#template-save").await?;
    gui.wait_for("#template-editor[data-version=\"1\"]").await?;
    assert_eq!(
        gui.text_of("#template-notice").await?,
        "Template saved: version 1, in English."
    );
    gui.click("#template-close").await?;
    gui.wait_until("the card says English", || async {
        Ok(gui
            .text_now("#jobs-grid .job-card:last-child .template-info")
            .await?
            .is_some_and(|t| t.contains("Email in English")))
    })
    .await?;

    // Inviting Jean now sends the English invitation.
    gui.click("#nav-list").await?;
    gui.click(&format!("tr[data-application-id=\"{jean}\"] button.invite"))
        .await?;
    answer_dialog("Invite to the interview", Answer::Ok)?;
    wait_for_status(&gui, jean, "sent").await?;
    let raw = &server.messages()[0];
    let message = MessageParser::default().parse(raw).unwrap();
    assert_eq!(
        message.subject(),
        Some("Video interview invitation — Développeur Full Stack")
    );
    let text = message.body_text(0).unwrap();
    assert!(text.starts_with("Hello Jean Dupont,"), "{text}");
    assert!(text.contains("This link expires on "), "{text}");
    let html = message.body_html(0).unwrap();
    assert!(html.contains("lang=\"en\"") && html.contains("Start my interview"));
    assert_eq!(
        gui.text_of("#view-list .notice").await?,
        "Invitation sent to Jean Dupont (jean.dupont@exemple.fr)."
    );
    gui.screenshot("33-english-invitation-sent").await?;
    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_through_the_file_dialog_previews_first_then_keeps_the_good_rows(
) -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    import_sample(&data);
    // French Excel: semicolons, BOM, French headers, an extra column.
    let csv = data.write_file(
        "export ATS.csv",
        "\u{feff}Poste;Nom du candidat;Courriel;Téléphone\n\
         Comptable;Camille Martin;CAMILLE@exemple.fr;0600000000\n\
         Comptable;Zoé Roux;zoe@exemple.fr;0600000001\n\
         Chef de projet;Luc Petit;luc@exemple.fr;\n\
         Chef de projet;Sans Adresse;pas-une-adresse;\n\
         Chef de projet;Luc Petit;LUC@exemple.fr;\n\
         Data analyst;Inès Faure;ines@exemple.fr;\n"
            .as_bytes(),
    );

    let gui = Gui::start(&data).await?;
    gui.click("#import-csv").await?;
    let title = "Importer des candidatures (CSV)";
    wait_for_window(title)?;
    screen_shot("40-import-file-dialog")?;
    jobgate_tests::choose_file(title, &csv)?;

    // The preview: nothing saved yet, every outcome told.
    gui.wait_for("#import-panel:not([hidden])[data-new=\"3\"]")
        .await?;
    assert_eq!(
        gui.text_of("#import-summary").await?,
        "6 lignes lues : 3 nouvelles candidatures, 2 déjà présentes, 1 en erreur."
    );
    let errors = gui.text_of("#import-errors").await?;
    assert!(
        errors.starts_with("Ligne 5 : « pas-une-adresse » n'est pas une adresse e-mail valide"),
        "{errors}"
    );
    assert!(gui
        .text_of("#import-duplicates")
        .await?
        .contains("Ligne 6 : même offre et même e-mail que la ligne 4."));
    assert_eq!(
        data.list_json().as_array().unwrap().len(),
        4,
        "nothing saved by the preview"
    );
    gui.screenshot("41-import-preview").await?;

    // Import: the good rows, in one go.
    gui.click("#import-confirm").await?;
    gui.wait_for("#import-panel[hidden]").await?;
    assert_eq!(
        gui.text_of("#view-list .notice").await?,
        "Import terminé : 3 candidatures ajoutées, 2 déjà présentes, 1 ligne ignorée."
    );
    gui.wait_until("seven rows are listed", || async {
        Ok(gui.row_texts().await?.len() == 7)
    })
    .await?;
    assert_eq!(data.list_json().as_array().unwrap().len(), 7);
    gui.screenshot("42-imported").await?;

    // A typo is corrected in the panel; an application never invited can be deleted.
    let ines = application_id(&data, "Inès Faure");
    gui.click(&format!(
        "tr[data-application-id=\"{ines}\"] button.details"
    ))
    .await?;
    let name = gui
        .wait_for("#detail .candidate-form input[name=candidate_name]")
        .await?;
    name.clear().await?;
    name.send_keys("Inès Faure-Martin").await?;
    gui.click("#detail button.save-candidate").await?;
    gui.wait_until("the name is saved", || async {
        Ok(gui.text_now("#detail-name").await?.as_deref() == Some("Inès Faure-Martin"))
    })
    .await?;
    gui.click("#detail button.delete-application").await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_until("six rows are left", || async {
        Ok(gui.row_texts().await?.len() == 6)
    })
    .await?;
    assert!(data
        .list_json()
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["application_id"] != ines));
    gui.close().await
}

/// Opens the detail panel of `id` from its row.
async fn open_detail(gui: &Gui, id: i64) -> anyhow::Result<()> {
    gui.row(id)
        .await?
        .find(Locator::Css("button.details"))
        .await?
        .click()
        .await?;
    gui.wait_for(&format!("#detail[data-application-id=\"{id}\"] #timeline"))
        .await
        .map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decided_application_offers_no_link_action_and_a_corrected_address_offers_to_revoke(
) -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    // Issue 13: the panel of a rejected candidate still offered Prolonger,
    // Envoyer depuis ma messagerie and Révoquer; a corrected address said
    // nothing about the link already emailed to the old one.
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    import_sample(data);
    let jean = application_id(data, "Jean Dupont");
    let elodie = application_id(data, "Élodie Brûlé");
    for email in ["jean.dupont@exemple.fr", "elodie@exemple.fr"] {
        let out = mail.invite(email);
        assert!(out.status.success(), "{}", jobgate_tests::text(&out.stderr));
    }
    assert_eq!(server.message_count(), 2);

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    wait_for_status(&gui, jean, "sent").await?;
    open_detail(&gui, jean).await?;
    assert!(gui.wait_for("#detail form.extend-form").await.is_ok());
    // Non retenue, chosen in the panel: asked natively first (the link is valid).
    gui.wait_for("#detail-status")
        .await?
        .select_by_value("rejected")
        .await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_for("#detail .decided-note").await?;
    for action in [
        "form.extend-form",
        "button.mailto",
        "button.revoke",
        "button.resend",
        "button.new-link",
        "button.invite-now",
    ] {
        assert!(
            gui.client
                .find_all(Locator::Css(&format!("#detail {action}")))
                .await?
                .is_empty(),
            "a rejected application offers {action}"
        );
    }
    assert!(gui
        .text_of("#detail .decided-note")
        .await?
        .contains("plus rien ne lui est envoyé"));
    gui.screenshot("30-detail-rejected").await?;
    assert_eq!(application(data, "Jean Dupont")["link"]["state"], "revoked");
    gui.click("#detail-close").await?;

    // Élodie's address corrected after her link was emailed: the panel says
    // so and offers to revoke it, through the usual confirmation.
    open_detail(&gui, elodie).await?;
    let email = gui
        .wait_for("#detail form.candidate-form input[name=email]")
        .await?;
    email.clear().await?;
    email.send_keys("elodie.brule@exemple.fr").await?;
    gui.click("#detail button.save-candidate").await?;
    gui.wait_for("#detail-notice button.revoke-old-link")
        .await?;
    let notice = gui.text_of("#detail-notice").await?;
    assert!(notice.contains("ancienne adresse"), "{notice}");
    gui.screenshot("31-detail-corrected-address").await?;
    gui.click("#detail-notice button.revoke-old-link").await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_for("#detail[data-status=link_revoked]").await?;
    assert_eq!(
        application(data, "Élodie Brûlé")["link"]["state"],
        "revoked"
    );
    assert_eq!(server.message_count(), 2, "nothing was sent meanwhile");
    gui.close().await
}
