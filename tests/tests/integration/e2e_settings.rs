//! Réglages keep the recruiter where they are (issue 18, item 6): what a
//! button did is said next to it, errors go when the values are shown again,
//! and saving the language brings the window back on Réglages, in it.

use jobgate_tests::{DataDir, Desktop, Gui};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_say_it_next_to_the_button_and_stay_on_settings() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = DataDir::new();
    let gui = Gui::start(&data).await?;
    gui.click("#nav-settings").await?;

    // A wrong value: said next to its field and next to Enregistrer.
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

    // Shown again (another view and back): the old error is gone.
    gui.click("#nav-list").await?;
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
