//! "Envoyer depuis ma messagerie" on a computer with no mail client (issue 18,
//! item 5): one sentence in the recruiter's words, never the launcher's dump,
//! and buttons that copy the subject and text, then the address — read back
//! from the real X clipboard.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use fantoccini::Locator;
use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{Desktop, Gui};

/// The X clipboard, as another application pasting would get it.
fn clipboard() -> String {
    let out = Command::new("timeout")
        .args(["5", "xclip", "-selection", "clipboard", "-o"])
        .output()
        .expect("run xclip (scripts/test.sh installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_mail_client_the_invitation_is_copied_instead() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    let csv = data.write_file(
        "candidatures.csv",
        "job_title,candidate_name,email\nComptable,Amélie Durand,amelie@exemple.fr\n".as_bytes(),
    );
    assert!(data
        .run(&["import", csv.to_str().unwrap()])
        .status
        .success());
    let app = &data.list_json()[0];
    let id = app["application_id"].as_i64().unwrap();
    mail.run(&["invite", &id.to_string(), "--yes"]);
    let start_url = data.list_json()[0]["link"]["start_url"]
        .as_str()
        .unwrap()
        .to_owned();

    // No mail client: the launchers the opener tries say so, as xdg-open does
    // when nothing handles mailto: (exit 3), ahead of whatever this machine has.
    let stubs = tempfile::tempdir()?;
    for launcher in ["xdg-open", "gio", "gnome-open", "kde-open", "wslview"] {
        let path = stubs.path().join(launcher);
        std::fs::write(&path, "#!/bin/sh\nexit 3\n")?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
    }
    let path = format!(
        "{}:{}",
        stubs.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY), ("PATH", &path)]).await?;
    let details = gui
        .row(id)
        .await?
        .find(Locator::Css("button.details"))
        .await?;
    // French elides before a vowel: « d'Amélie », never « de Amélie ».
    assert_eq!(
        details.attr("aria-label").await?.as_deref(),
        Some("Détails et historique d'Amélie Durand")
    );
    details.click().await?;
    gui.wait_for(&format!("#detail[data-application-id=\"{id}\"] #timeline"))
        .await?;
    gui.click("#detail button.mailto").await?;
    gui.wait_for("#detail-notice .copy-draft").await?;
    let notice = gui.text_of("#detail-notice").await?;
    assert!(
        notice.starts_with("Aucune messagerie ne s'est ouverte sur cet ordinateur."),
        "{notice}"
    );
    for dump in ["Launcher", "ExitStatus", "mailto:", "gio"] {
        assert!(!notice.contains(dump), "{notice}");
    }
    gui.screenshot("26-no-mail-client").await?;

    gui.click("#detail-notice .copy-draft").await?;
    gui.wait_until("the draft is copied", || async {
        Ok(gui.text_of("#detail-notice .copy-draft").await? == "Objet et texte copiés ✓")
    })
    .await?;
    let copied = clipboard();
    assert!(
        copied.starts_with("Invitation à l'entretien vidéo — Comptable\n\nBonjour Amélie Durand,"),
        "{copied}"
    );
    assert!(copied.contains(&start_url), "{copied}");

    gui.click("#detail-notice .copy-address").await?;
    gui.wait_until("the address is copied", || async {
        Ok(gui.text_of("#detail-notice .copy-address").await? == "Adresse copiée ✓")
    })
    .await?;
    assert_eq!(clipboard(), "amelie@exemple.fr");
    gui.screenshot("27-no-mail-client-copied").await?;
    gui.close().await
}
