//! End-to-end, the recruiter's data in the real window under Xvfb: Settings →
//! Sauvegarder… and Restaurer… through the real GTK file chooser and the native
//! confirmation, while the CLI changes the same database; and the recovery
//! window a damaged database opens on, restoring through the file chooser.
//! Screenshots land in tests/artifacts/e2e/.

use jobgate_tests::{answer_dialog, ok, wait_for_window, Answer, DataDir, Desktop, Gui};

const CANDIDATES: &str = "job_title,candidate_name,email\n\
    Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
    Développeur Full Stack,Jean Martin,jean.martin@exemple.fr\n\
    Chef de projet,Zoé Durand,zoe.durand@exemple.fr\n";

const SAVE_TITLE: &str = "Sauvegarder les données JobGate";
const OPEN_TITLE: &str = "Choisir une sauvegarde JobGate";
const CONFIRM_TITLE: &str = "Confirmer l'action";
const MAIN_TITLE: &str = "JobGate — Entretiens vidéo différés";

fn populated() -> DataDir {
    let data = DataDir::new();
    data.import_text(CANDIDATES);
    data
}

/// The process that owns X window `id` (_NET_WM_PID).
fn window_pid(id: u64) -> Option<u32> {
    let out = std::process::Command::new("xdotool")
        .args(["getwindowpid", &id.to_string()])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Waits until `css`'s text starts with `prefix`.
async fn says(gui: &Gui, css: &str, prefix: &str) -> anyhow::Result<()> {
    gui.wait_until(&format!("{css} says {prefix:?}"), || async {
        Ok(gui
            .text_now(css)
            .await?
            .is_some_and(|t| t.starts_with(prefix)))
    })
    .await
}

fn count(data: &DataDir) -> usize {
    data.list_json().as_array().map(Vec::len).unwrap_or(0)
}

#[tokio::test]
async fn settings_back_up_and_restore_while_the_window_is_open() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = populated();
    let gui = Gui::start(&data).await?;
    gui.click("#nav-settings").await?;
    gui.wait_until("À propos is filled", || async {
        Ok(gui.text_now("#about-version").await?.as_deref() == Some(env!("CARGO_PKG_VERSION")))
    })
    .await?;
    assert_eq!(
        gui.text_of("#about-schema").await?,
        jobgate_core::latest_schema_version().to_string()
    );
    assert_eq!(
        gui.text_of("#about-data-dir").await?,
        data.path().display().to_string()
    );
    assert_eq!(
        gui.text_of("#about-log-dir").await?,
        data.path().join("logs").display().to_string()
    );

    // Sauvegarder…: the native save dialog, a name typed in it.
    let file = data.path().join("ma sauvegarde.sqlite3");
    gui.click("#backup-save").await?;
    jobgate_tests::choose_file(SAVE_TITLE, &file)?;
    gui.wait_until("the backup is said", || async {
        Ok(gui
            .text_now("#backup-result")
            .await?
            .is_some_and(|t| t.starts_with("Sauvegarde écrite") && t.contains("3 candidatures")))
    })
    .await?;
    let said = gui.text_of("#backup-result").await?;
    assert!(file.is_file(), "the backup file exists: {said}");
    gui.client
        .execute(
            "document.querySelector('#about-card').scrollIntoView({block: 'end'})",
            vec![],
        )
        .await?;
    gui.screenshot("50-settings-backup-about").await?;

    // Meanwhile, the CLI adds an application to the same database.
    data.import_text("job_title,candidate_name,email\nComptable,Paul Roux,paul@exemple.fr\n");
    assert_eq!(count(&data), 4);

    // Restaurer…, then Annuler in the confirmation: nothing changes.
    gui.click("#backup-restore").await?;
    jobgate_tests::choose_file(OPEN_TITLE, &file)?;
    wait_for_window(CONFIRM_TITLE)?;
    jobgate_tests::screen_shot("51-restore-confirmation")?;
    answer_dialog(CONFIRM_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(count(&data), 4, "Annuler restores nothing");

    // Again, and OK: the backup's three applications are back.
    gui.click("#backup-restore").await?;
    jobgate_tests::choose_file(OPEN_TITLE, &file)?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    says(
        &gui,
        "#backup-result",
        "Sauvegarde restaurée : 3 candidatures",
    )
    .await?;
    assert_eq!(count(&data), 3);
    assert!(!data
        .list_json()
        .as_array()
        .expect("rows")
        .iter()
        .any(|r| r["email"] == "paul@exemple.fr"));
    gui.screenshot("52-restored").await?;
    gui.click("#nav-list").await?;
    gui.wait_until("the list shows the restored rows", || async {
        Ok(gui.row_texts().await?.len() == 3)
    })
    .await?;
    // The replaced data is kept as a safety copy.
    let kept = std::fs::read_dir(data.path().join("sauvegardes"))?.count();
    assert_eq!(kept, 1);
    gui.close().await
}

#[tokio::test]
async fn a_damaged_database_opens_the_recovery_window_which_restores_a_backup() -> anyhow::Result<()>
{
    let _desktop = Desktop::take();
    let data = populated();
    let good = data.path().join("bonne.sqlite3");
    ok(&data.run(&["backup", good.to_str().expect("UTF-8")]));
    let before = data.list_json();
    let db = data.path().join("jobgate.sqlite3");
    let noise = data.damage_database();

    let gui = Gui::start(&data).await?;
    let problem = gui.text_of("#recovery-problem").await?;
    assert!(problem.contains("est endommagé"), "{problem}");
    assert_eq!(
        gui.text_of("#recovery-dir").await?,
        data.path().display().to_string()
    );
    assert_eq!(std::fs::read(&db)?, noise, "opening changed nothing");
    gui.screenshot("53-recovery-window").await?;

    gui.click("#recovery-restore").await?;
    jobgate_tests::choose_file(OPEN_TITLE, &good)?;
    says(
        &gui,
        "#recovery-result",
        "Sauvegarde restaurée : 3 candidatures",
    )
    .await?;
    gui.wait_for("#recovery-restart:not([hidden])").await?;
    gui.screenshot("54-recovery-restored").await?;

    // "Ouvrir JobGate" starts the app again: a new process's window replaces
    // this one (X may give it the same window id, so processes are compared).
    let recovery_pid = window_pid(wait_for_window(MAIN_TITLE)?.id);
    assert!(recovery_pid.is_some(), "the recovery window's process");
    // The process exits while WebDriver answers the click: its error is expected.
    let _ = gui.click("#recovery-restart").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let now = wait_for_window(MAIN_TITLE)
            .ok()
            .and_then(|w| window_pid(w.id));
        if now.is_some() && now != recovery_pid {
            break;
        }
        if std::time::Instant::now() > deadline {
            anyhow::bail!("no new JobGate window after Ouvrir JobGate");
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    jobgate_tests::screen_shot("55-restarted-after-recovery")?;
    // Closing the session stops the restarted app too (same process group).
    gui.close().await?;

    assert_eq!(data.list_json(), before);
    // The damaged file is kept aside, as it was.
    let aside: Vec<_> = std::fs::read_dir(data.path().join("sauvegardes"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0])?, noise);

    // Started again, JobGate opens on the restored data.
    let gui = Gui::start(&data).await?;
    gui.wait_until("three rows", || async {
        Ok(gui.row_texts().await?.len() == 3)
    })
    .await?;
    gui.close().await
}

/// Issue 13, item 6: a restore from the window silently changed the SMTP
/// server the API key is sent to. Now Rust asks natively, with the difference.
#[tokio::test]
async fn a_restore_that_changes_the_smtp_server_is_confirmed_natively() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = populated();
    ok(&data.run(&["config", "set", "smtp_host", "smtp.relais-inconnu.example"]));
    let file = data.path().join("sauvegarde-douteuse.sqlite3");
    ok(&data.run(&["backup", file.to_str().expect("UTF-8")]));
    ok(&data.run(&["config", "set", "smtp_host", "smtp.sendgrid.net"]));

    let gui = Gui::start(&data).await?;
    gui.click("#nav-settings").await?;
    gui.click("#backup-restore").await?;
    jobgate_tests::choose_file(OPEN_TITLE, &file)?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    let smtp_title = "Réglages d'envoi modifiés";
    wait_for_window(smtp_title)?;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    jobgate_tests::screen_shot("56-restore-smtp-changed")?;
    answer_dialog(smtp_title, Answer::Cancel)?;
    says(&gui, "#backup-result", "Restauration annulée").await?;
    assert_eq!(
        ok(&data.run(&["config", "get", "smtp_host"])).trim(),
        "smtp.sendgrid.net"
    );
    gui.close().await
}

/// Issue 13, item 6: the file manager (`xdg-open`) inherited
/// `SENDGRID_API_KEY`. A stand-in `xdg-open` first on PATH writes down its
/// environment.
#[tokio::test]
async fn the_file_manager_is_started_without_the_api_key() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = populated();
    let bin = data.path().join("faux-bin");
    std::fs::create_dir_all(&bin)?;
    let seen = data.path().join("xdg-open.env");
    let script = bin.join("xdg-open");
    std::fs::write(&script, format!("#!/bin/sh\nenv > '{}'\n", seen.display()))?;
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let gui = Gui::start_with_env(
        &data,
        &[
            ("PATH", &path),
            ("SENDGRID_API_KEY", "SG.cle-de-test-e2e.0123456789"),
        ],
    )
    .await?;
    gui.click("#nav-settings").await?;
    gui.click("#open-logs").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !seen.exists() {
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "xdg-open was not started"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let env = std::fs::read_to_string(&seen)?;
    assert!(env.contains("JOBGATE_DATA_DIR="), "the stand-in ran: {env}");
    assert!(
        !env.contains("SENDGRID_API_KEY"),
        "the key reached xdg-open"
    );
    assert!(!env.contains("cle-de-test-e2e"), "the key reached xdg-open");
    gui.close().await
}

/// Issue 13, item 6: the key is bound to the server it was saved for.
/// Réglages could send it to another SMTP server without a word; now Rust
/// asks natively, naming the change, and Annuler saves nothing.
#[tokio::test]
async fn moving_the_key_to_another_smtp_server_is_confirmed_natively() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let data = populated();
    let gui = Gui::start_with_env(
        &data,
        &[("SENDGRID_API_KEY", "SG.cle-de-test-e2e.0123456789")],
    )
    .await?;
    gui.click("#nav-settings").await?;
    gui.click("#settings-advanced > summary").await?;
    let host = gui.wait_for("#settings-form [name=smtp_host]").await?;
    host.clear().await?;
    host.send_keys("smtp.relais-inconnu.example").await?;
    gui.click("#save-settings").await?;
    let title = "Serveur d'envoi modifié";
    wait_for_window(title)?;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    jobgate_tests::screen_shot("57-settings-smtp-changed")?;
    answer_dialog(title, Answer::Cancel)?;
    says(&gui, "#view-settings .notice", "Réglages non enregistrés").await?;
    assert_eq!(
        ok(&data.run(&["config", "get", "smtp_host"])).trim(),
        "smtp.sendgrid.net"
    );
    gui.click("#save-settings").await?;
    wait_for_window(title)?;
    answer_dialog(title, Answer::Ok)?;
    gui.wait_until("the new server is saved", || async {
        Ok(ok(&data.run(&["config", "get", "smtp_host"])).trim() == "smtp.relais-inconnu.example")
    })
    .await?;
    gui.close().await
}
