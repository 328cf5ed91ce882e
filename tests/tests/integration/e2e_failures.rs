//! Failures in plain sight (issue 18, item 4), in the real window against the
//! real SMTP server: the email filter lists who never got their email; each
//! chart segment, in the list and in Offres, shows exactly the applications it
//! counts; Détails shows the last failure's reason whole, JobGate's advice and
//! the server's reply each labelled; the Boîte d'envoi names the offer, opens
//! the application and has Réessayer, which really tries again (native
//! confirmation answered by a click). And the row just invited stays in view
//! under the "Nouvelle" filter until the recruiter reloads the list.
//! Screenshots `failures-*`.

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{answer_dialog, Answer, Desktop, Gui};
use serde_json::Value;

const INVITE_DIALOG: &str = "Inviter à l'entretien";

/// Sets a `<select>` as the recruiter does, and waits for the list to show
/// `rows` rows.
async fn choose(gui: &Gui, select: &str, value: &str) -> anyhow::Result<()> {
    gui.client
        .execute(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));",
            vec![Value::from(select), Value::from(value)],
        )
        .await?;
    Ok(())
}

/// The emails of the rows shown, in order.
async fn shown_emails(gui: &Gui) -> anyhow::Result<Vec<String>> {
    let value = gui
        .client
        .execute(
            "return [...document.querySelectorAll('#applications tbody tr')].map(r => r.querySelector('.col-email').textContent);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

async fn wait_for_emails(gui: &Gui, what: &str, expected: &[&str]) -> anyhow::Result<()> {
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    gui.wait_until(what, || {
        let want = want.clone();
        async move {
            let mut got = shown_emails(gui).await?;
            got.sort();
            Ok(got == want)
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_never_got_their_email_is_one_click_away_and_can_be_retried() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    let csv = "job_title,candidate_name,email\n\
               Comptable,Alice Martin,alice@exemple.fr\n\
               Comptable,Bruno Petit,nouser550.bruno@exemple.fr\n\
               Comptable,Chloé Durand,chloe@exemple.fr\n\
               Comptable,Hugo Blanc,hugo@exemple.fr\n\
               Juriste,Inès Roux,ines@exemple.fr\n";
    let file = data.write_file("candidats.csv", csv.as_bytes());
    let out = data.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", jobgate_tests::text(&out.stdout));
    let rows = data.list_json();
    let id_of = |email: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["email"] == email)
            .and_then(|r| r["application_id"].as_i64())
            .unwrap()
    };
    for email in [
        "alice@exemple.fr",
        "nouser550.bruno@exemple.fr",
        "ines@exemple.fr",
    ] {
        mail.run(&["invite", &id_of(email).to_string(), "--yes"]);
    }
    let bruno = id_of("nouser550.bruno@exemple.fr");
    let refused = data.list_json();
    let reason = refused
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["application_id"] == bruno)
        .and_then(|r| r["last_email"]["error"].as_str())
        .map(str::to_owned)
        .expect("the refusal's reason");
    assert!(reason.len() > 120, "a long reason: {reason}");

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    wait_for_emails(
        &gui,
        "the five applications",
        &[
            "alice@exemple.fr",
            "nouser550.bruno@exemple.fr",
            "chloe@exemple.fr",
            "hugo@exemple.fr",
            "ines@exemple.fr",
        ],
    )
    .await?;

    // The email filter: who never got their email, who did.
    choose(&gui, "#stage-filter", "failed").await?;
    wait_for_emails(
        &gui,
        "only the refused one",
        &["nouser550.bruno@exemple.fr"],
    )
    .await?;
    choose(&gui, "#stage-filter", "not_invited").await?;
    wait_for_emails(
        &gui,
        "the never invited",
        &["chloe@exemple.fr", "hugo@exemple.fr"],
    )
    .await?;
    choose(&gui, "#stage-filter", "sent").await?;
    wait_for_emails(
        &gui,
        "the emailed",
        &["alice@exemple.fr", "ines@exemple.fr"],
    )
    .await?;
    choose(&gui, "#stage-filter", "").await?;

    // The list's chart on one offer: each segment shows what it counts.
    choose(&gui, "#job-filter", &rows[0]["job_id"].to_string()).await?;
    gui.wait_for("#job-summary:not([hidden]) button.chart-seg.seg-failed")
        .await?;
    let count: String = gui
        .wait_for("#job-summary button.chart-seg.seg-failed")
        .await?
        .attr("data-count")
        .await?
        .unwrap_or_default();
    assert_eq!(count, "1");
    gui.click("#job-summary button.chart-seg.seg-failed")
        .await?;
    wait_for_emails(
        &gui,
        "the failed segment's one row",
        &["nouser550.bruno@exemple.fr"],
    )
    .await?;
    let filter: Value = gui
        .client
        .execute(
            "return document.querySelector('#stage-filter').value",
            vec![],
        )
        .await?;
    assert_eq!(filter, "failed", "the filter says what is shown");
    gui.screenshot("failures-list-filtered").await?;

    // Détails: the reason whole, the advice and the server's reply labelled.
    gui.click(&format!(
        "tr[data-application-id=\"{bruno}\"] button.details"
    ))
    .await?;
    let failure = gui.text_of("#detail:not([hidden]) #detail-failure").await?;
    // The heading is shown in capitals (CSS): compared without case.
    assert!(
        failure
            .to_lowercase()
            .contains("dernier envoi : échec de l'envoi"),
        "{failure}"
    );
    assert!(failure.contains("Que faire"), "{failure}");
    assert!(
        failure.contains(reason.trim()),
        "the whole reason: {failure}\n---\n{reason}"
    );
    assert!(failure.contains("Réponse du serveur : 550"), "{failure}");
    gui.screenshot("failures-detail").await?;
    gui.click("#detail-close").await?;

    // Offres: a legend entry opens the list on that offer and that stage.
    gui.click("#nav-jobs").await?;
    let card = format!(".job-card[data-job-id=\"{}\"]", rows[0]["job_id"]);
    gui.click(&format!(
        "{card} .chart-legend li[data-stage=\"not_invited\"] button"
    ))
    .await?;
    wait_for_emails(
        &gui,
        "the offer's never invited",
        &["chloe@exemple.fr", "hugo@exemple.fr"],
    )
    .await?;

    // The Boîte d'envoi: the offer, Ouvrir, Réessayer.
    gui.click("#nav-outbox").await?;
    let failed_row = format!("#outbox-table tr[data-application-id=\"{bruno}\"]");
    gui.wait_for(&failed_row).await?;
    let text = gui
        .client
        .execute(
            "return document.querySelector(arguments[0]).innerText",
            vec![Value::from(failed_row.as_str())],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned();
    gui.screenshot("failures-outbox").await?;
    assert!(text.contains("Comptable"), "the offer is shown: {text}");
    assert!(text.contains("Échec de l'envoi — à corriger"), "{text}");
    assert!(
        text.contains("Réponse du serveur : 550"),
        "the server's words, labelled: {text}"
    );
    let sent_row = "#outbox-table tr[data-state=\"sent\"]";
    assert!(
        gui.text_now(&format!("{sent_row} button.retry"))
            .await?
            .is_none(),
        "no Réessayer on a sent email"
    );
    gui.click(&format!("{failed_row} button.open-application"))
        .await?;
    let opened = gui.wait_for("#detail:not([hidden])").await?;
    assert_eq!(
        opened.attr("data-application-id").await?,
        Some(bruno.to_string())
    );
    gui.click("#detail-close").await?;

    let attempts = |json: &Value| -> i64 {
        json.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["application_id"] == bruno)
            .map(|r| r["attempts"].as_i64().unwrap_or(0))
            .sum()
    };
    let before = attempts(&serde_json::from_slice(
        &data.run(&["outbox", "--json"]).stdout,
    )?);
    gui.click(&format!("{failed_row} button.retry")).await?;
    answer_dialog(INVITE_DIALOG, Answer::Ok)?;
    gui.wait_until("Réessayer tried again at the server", || async {
        let out = data.run(&["outbox", "--json"]);
        Ok(attempts(&serde_json::from_slice(&out.stdout)?) > before)
    })
    .await?;
    gui.wait_until("the Boîte d'envoi shows the new try", || async {
        Ok(gui
            .text_now("#view-outbox .notice:not([hidden])")
            .await?
            .is_some_and(|t| t.contains("Bruno Petit")))
    })
    .await?;

    // The row just invited stays in view under "Nouvelle" until a reload.
    gui.click("#nav-list").await?;
    choose(&gui, "#job-filter", "").await?;
    choose(&gui, "#stage-filter", "").await?;
    choose(&gui, "#status-filter", "new").await?;
    wait_for_emails(
        &gui,
        "the new ones",
        &["chloe@exemple.fr", "hugo@exemple.fr"],
    )
    .await?;
    let chloe = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "chloe@exemple.fr")
        .and_then(|r| r["application_id"].as_i64())
        .unwrap();
    gui.click(&format!(
        "tr[data-application-id=\"{chloe}\"] button.invite"
    ))
    .await?;
    answer_dialog(INVITE_DIALOG, Answer::Ok)?;
    gui.wait_until("Chloé's row says she was invited, and stays", || async {
        Ok(gui
            .text_now(&format!("tr.row-stale[data-application-id=\"{chloe}\"]"))
            .await?
            .is_some_and(|t| {
                t.contains("Invitation envoyée") && t.contains("Ne correspond plus aux filtres")
            }))
    })
    .await?;
    gui.screenshot("failures-kept-row").await?;
    gui.click(&format!(
        "tr[data-application-id=\"{chloe}\"] button.reload-list"
    ))
    .await?;
    wait_for_emails(&gui, "the reload applies the filter", &["hugo@exemple.fr"]).await?;
    gui.close().await
}
