//! Réglages keep the recruiter where they are (issue 18, item 6): what a
//! button did is said next to it, errors go when the values are shown again,
//! and saving the language brings the window back on Réglages, in it. And
//! they keep the recruiter's work: leaving Réglages or the template editor
//! with unsaved changes asks natively first.

use jobgate_tests::{answer_dialog, screen_shot, wait_for_window, Answer, DataDir, Desktop, Gui};

/// The native question before unsaved edits go.
const LEAVE_TITLE: &str = "Modifications non enregistrées";

/// Whether the settings field `name` takes room on the page (not folded away).
async fn shown_on_screen(gui: &Gui, name: &str) -> anyhow::Result<bool> {
    let script = format!(
        "return document.querySelector('#settings-form [name={name}]').getClientRects().length > 0"
    );
    Ok(gui.client.execute(&script, vec![]).await?.as_bool() == Some(true))
}

/// Where the screenshots of these screens are looked at.
fn keep_shot(png: &std::path::Path) -> anyhow::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/shots");
    std::fs::create_dir_all(&dir)?;
    if let Some(name) = png.file_name() {
        std::fs::copy(png, dir.join(name))?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_say_it_next_to_the_button_and_stay_on_settings() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    let gui = Gui::start(&data).await?;
    gui.click("#nav-settings").await?;

    // A wrong value: said next to its field and next to Enregistrer (the
    // SMTP server is under Avancé, folded until opened).
    gui.click("#settings-advanced > summary").await?;
    let port = gui.wait_for("#settings-form [name=smtp_port]").await?;
    gui.wait_until("the settings are shown", || async {
        Ok(port.prop("value").await?.as_deref() == Some("587"))
    })
    .await?;
    port.clear().await?;
    port.send_keys("99999").await?;
    gui.click("#save-settings").await?;
    gui.wait_for("#save-settings + .form-status-error").await?;
    assert!(!gui.text_of("[data-error-for=smtp_port]").await?.is_empty());

    // Shown again (another view — leaving the wrong value — and back): the
    // old error is gone.
    gui.click("#nav-list").await?;
    answer_dialog(LEAVE_TITLE, Answer::Ok)?;
    gui.click("#nav-settings").await?;
    gui.wait_until("the settings are shown again", || async {
        Ok(port.prop("value").await?.as_deref() == Some("587"))
    })
    .await?;
    gui.wait_until("the field error is cleared", || async {
        Ok(gui
            .text_now("[data-error-for=smtp_port]")
            .await?
            .unwrap_or_default()
            .is_empty())
    })
    .await?;

    // Saved: said right there.
    let company = gui.wait_for("#settings-form [name=company]").await?;
    company.send_keys("Acme").await?;
    gui.click("#save-settings").await?;
    let status = gui
        .wait_for("#save-settings + .form-status-success")
        .await?;
    assert_eq!(status.text().await?, "Réglages enregistrés.");
    gui.client
        .execute(
            "document.querySelector('#save-settings').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await?;
    gui.screenshot("58-settings-saved-next-to-the-button")
        .await?;

    // English: the window starts again in it, on Réglages (Settings).
    gui.client
        .execute(
            "const s = document.querySelector('#settings-form [name=ui_language]'); s.value = 'en';",
            vec![],
        )
        .await?;
    gui.click("#save-settings").await?;
    gui.wait_until("the window is back in English on Settings", || async {
        let tab = gui.text_now("#nav-settings[aria-current=page]").await?;
        let shown = gui.text_now("#view-settings:not([hidden]) h1").await?;
        Ok(tab.as_deref() == Some("Settings") && shown.is_some())
    })
    .await?;
    gui.screenshot("59-settings-after-language").await?;
    gui.close().await
}

/// Issue 18, item 6: an edit in Réglages vanished on navigation without a
/// word. Now the window asks natively: Rester keeps the edit and the view,
/// Quitter sans enregistrer drops it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_settings_with_unsaved_changes_asks_first() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    let gui = Gui::start(&data).await?;
    gui.click("#nav-settings").await?;
    let port = gui.wait_for("#settings-form [name=smtp_port]").await?;
    gui.wait_until("the settings are shown", || async {
        Ok(port.prop("value").await?.as_deref() == Some("587"))
    })
    .await?;

    // The expert settings are folded away, under Avancé.
    assert!(
        !shown_on_screen(&gui, "smtp_port").await?,
        "the SMTP port starts folded"
    );
    gui.client
        .execute(
            "document.querySelector('#settings-advanced').scrollIntoView({block: 'end'})",
            vec![],
        )
        .await?;
    keep_shot(&gui.screenshot("60-settings-advanced-closed").await?)?;
    gui.click("#settings-advanced > summary").await?;
    assert!(shown_on_screen(&gui, "smtp_port").await?, "Avancé opens");
    gui.client
        .execute(
            "document.querySelector('#settings-advanced').scrollIntoView({block: 'start'})",
            vec![],
        )
        .await?;
    keep_shot(&gui.screenshot("61-settings-advanced-open").await?)?;

    let company = gui.wait_for("#settings-form [name=company]").await?;
    company.send_keys("Acme Vidéo").await?;

    // Another view: asked; Rester keeps the edit, and Réglages.
    gui.click("#nav-list").await?;
    wait_for_window(LEAVE_TITLE)?;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    keep_shot(&screen_shot("62-settings-leave-asked")?)?;
    answer_dialog(LEAVE_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        gui.text_now("#view-settings:not([hidden]) h1")
            .await?
            .is_some(),
        "still on Réglages"
    );
    assert_eq!(
        company.prop("value").await?.as_deref(),
        Some("Acme Vidéo"),
        "the edit is kept"
    );

    // Asked again; Quitter sans enregistrer: the other view, nothing saved.
    gui.click("#nav-jobs").await?;
    answer_dialog(LEAVE_TITLE, Answer::Ok)?;
    gui.wait_for("#view-jobs:not([hidden])").await?;
    gui.click("#nav-settings").await?;
    let company = gui.wait_for("#settings-form [name=company]").await?;
    gui.wait_until("the old value is shown again", || async {
        Ok(company.prop("value").await?.as_deref() == Some(""))
    })
    .await?;
    assert_eq!(
        jobgate_tests::ok(&data.run(&["config", "get", "company"])).trim(),
        "",
        "nothing saved"
    );

    // Unchanged: no question.
    gui.click("#nav-list").await?;
    gui.wait_for("#view-list:not([hidden])").await?;
    gui.close().await
}

/// Issue 18, item 6: in the template editor ✕ dropped unsaved edits without
/// asking, an invalid draft's preview silently showed the old text, the
/// error banner stayed after the fix, and the placeholders were English codes
/// in a French window.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_editor_asks_before_dropping_edits_and_shows_no_stale_preview(
) -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    data.import_text(
        "job_title,candidate_name,email\nDéveloppeur Rust,Élodie Brûlé,elodie@exemple.fr\n",
    );
    let job = data.list_json()[0]["job_id"]
        .as_i64()
        .expect("job_id")
        .to_string();
    let gui = Gui::start(&data).await?;
    gui.click("#nav-jobs").await?;
    gui.click("#jobs-grid .job-card button.edit-template")
        .await?;
    gui.wait_for("#template-editor:not([hidden])[data-preview=ok]")
        .await?;

    // The placeholders read in French; the chips insert them so.
    let body = gui.wait_for("#template-form [name=body]").await?;
    let text = body.prop("value").await?.unwrap_or_default();
    assert!(text.starts_with("Bonjour {nom du candidat},"), "{text}");
    assert!(text.contains("{lien de l'entretien}"), "{text}");
    assert!(!text.contains("{candidate_name}"), "{text}");
    assert_eq!(
        gui.text_of("#template-chips [data-placeholder=job_title]")
            .await?,
        "{intitulé du poste}"
    );

    // An unknown placeholder: the error, not the old text, in the preview.
    let subject = gui.wait_for("#template-form [name=subject]").await?;
    subject.clear().await?;
    subject.send_keys("Entretien {prenom}").await?;
    gui.wait_for("#template-editor[data-preview=error]").await?;
    let preview = gui.text_of("#preview-text").await?;
    assert!(preview.starts_with("Pas d'aperçu"), "{preview}");
    assert!(
        !preview.contains("Bonjour Élodie"),
        "no stale preview: {preview}"
    );
    assert_eq!(gui.text_of("#preview-subject").await?, "");
    let error = gui
        .text_of("#template-form [data-error-for=subject]")
        .await?;
    assert!(
        error.contains("{prenom}") && error.contains("{nom du candidat}"),
        "the known ones by their names: {error}"
    );
    // Saving it: refused, said in the banner too.
    gui.click("#template-save").await?;
    gui.wait_for("#template-notice.notice-error:not([hidden])")
        .await?;
    keep_shot(&gui.screenshot("63-template-invalid-draft").await?)?;

    // Fixed: the preview comes back, the banner and the field error go.
    subject.clear().await?;
    subject.send_keys("Entretien — {intitulé du poste}").await?;
    gui.wait_for("#template-editor[data-preview=ok]").await?;
    gui.wait_until("the preview follows the fix", || async {
        Ok(gui.text_now("#preview-subject").await?.as_deref()
            == Some("Entretien — Développeur Rust"))
    })
    .await?;
    gui.wait_until("the banner is gone", || async {
        Ok(gui
            .text_now("#template-notice:not([hidden])")
            .await?
            .is_none())
    })
    .await?;
    assert_eq!(
        gui.text_of("#template-form [data-error-for=subject]")
            .await?,
        ""
    );
    assert!(gui
        .text_of("#preview-text")
        .await?
        .starts_with("Bonjour Élodie Brûlé,"));

    // English over the recruiter's own text: the text stays, and the editor
    // says the date follows the email's language.
    gui.client
        .execute(
            "const s = document.querySelector('#template-form [name=lang]'); s.value = 'en'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await?;
    let note = gui.wait_for("#template-lang-note:not([hidden])").await?;
    assert!(
        note.text().await?.contains("anglais"),
        "{}",
        note.text().await?
    );
    gui.wait_until("the date in English", || async {
        Ok(gui
            .text_now("#preview-text")
            .await?
            .is_some_and(|t| t.starts_with("Bonjour Élodie") && t.contains(" at ")))
    })
    .await?;
    // The HTML part's button too speaks the email's language.
    assert!(
        gui.text_of("#template-html-note")
            .await?
            .contains("« Start my interview »"),
        "the button named as the email writes it"
    );
    keep_shot(&gui.screenshot("64-template-editor").await?)?;

    // ✕ with unsaved edits: asked; Rester keeps the editor and the edits.
    gui.click("#template-close").await?;
    answer_dialog(LEAVE_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    gui.wait_for("#template-editor:not([hidden])").await?;
    assert_eq!(
        subject.prop("value").await?.as_deref(),
        Some("Entretien — {intitulé du poste}")
    );

    // Saved with its French names: stored with the codes.
    gui.click("#template-save").await?;
    gui.wait_for("#template-editor[data-version=\"1\"]").await?;
    let shown = jobgate_tests::ok(&data.run(&["template", "show", "--job", &job, "--json"]));
    assert!(shown.contains("Entretien — {job_title}"), "{shown}");
    assert!(shown.contains("{candidate_name}"), "{shown}");
    assert!(!shown.contains("{nom du candidat}"), "{shown}");
    assert_eq!(
        subject.prop("value").await?.as_deref(),
        Some("Entretien — {intitulé du poste}"),
        "shown again with its names"
    );

    // Edited again, ✕, Fermer sans enregistrer: closed, the edit gone.
    subject.send_keys(" !").await?;
    gui.click("#template-close").await?;
    answer_dialog(LEAVE_TITLE, Answer::Ok)?;
    gui.wait_for("#template-editor[hidden]").await?;
    gui.click("#jobs-grid .job-card button.edit-template")
        .await?;
    gui.wait_for("#template-editor:not([hidden])[data-preview=ok]")
        .await?;
    let subject = gui.wait_for("#template-form [name=subject]").await?;
    assert_eq!(
        subject.prop("value").await?.as_deref(),
        Some("Entretien — {intitulé du poste}")
    );
    // Nothing changed: ✕ closes at once.
    gui.click("#template-close").await?;
    gui.wait_for("#template-editor[hidden]").await?;
    gui.close().await
}

/// The main window's title, as the window manager's close button meets it.
const MAIN_TITLE: &str = "JobGate — Entretiens vidéo différés";

/// Closing the window (the window manager's close button: WM_DELETE_WINDOW)
/// with Réglages edited and not saved asks natively first; « Rester » keeps
/// the window and the edit. Once saved, closing asks nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_window_over_unsaved_settings_asks_first() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    let gui = Gui::start(&data).await?;
    gui.click("#nav-settings").await?;
    // Réglages filled (the key's line is written with the values).
    gui.wait_until("Réglages loaded", || async {
        Ok(gui
            .text_now("#key-status")
            .await?
            .is_some_and(|t| !t.is_empty()))
    })
    .await?;
    let company = gui.wait_for("#settings-form [name=company]").await?;
    company.send_keys("Acme Conseil").await?;
    // The page tells Rust on the next input event: give it a moment.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    jobgate_tests::request_close(MAIN_TITLE)?;
    wait_for_window(LEAVE_TITLE)?;
    keep_shot(&screen_shot("65-close-with-unsaved-settings")?)?;
    answer_dialog(LEAVE_TITLE, Answer::Cancel)?;
    assert!(
        !jobgate_tests::window_is_gone(MAIN_TITLE)?,
        "« Rester » keeps the window"
    );
    let kept: serde_json::Value = gui
        .client
        .execute(
            "return document.querySelector('#settings-form [name=company]').value",
            vec![],
        )
        .await?;
    assert_eq!(kept, "Acme Conseil", "and the edit");

    // Saved: nothing to lose, the window closes at once.
    gui.click("#save-settings").await?;
    gui.wait_until("the company saved", || async {
        Ok(
            jobgate_tests::text(&data.run(&["config", "get", "company"]).stdout).trim()
                == "Acme Conseil",
        )
    })
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    jobgate_tests::request_close(MAIN_TITLE)?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !jobgate_tests::window_is_gone(MAIN_TITLE)? {
        assert!(
            std::time::Instant::now() < deadline,
            "the window closes when nothing is unsaved"
        );
        assert!(
            jobgate_tests::window_is_gone(LEAVE_TITLE)?,
            "no question once saved"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The driver's session ended with its window: dropping `gui` stops the rest.
    drop(gui);
    Ok(())
}
