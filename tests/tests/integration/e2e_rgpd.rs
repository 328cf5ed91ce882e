//! Candidates' rights in the real window (issue 14, items 1 and 2): the detail
//! panel's « Exporter ses données » writes, through the native save dialog,
//! the JSON document of everything JobGate holds on that person; « Effacer ce
//! candidat (RGPD) » asks natively what will go, then erases — and the raw
//! bytes of the database file no longer hold the address, the name or the
//! token. Screenshots `rgpd-*`.

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{answer_dialog, screen_shot, wait_for_window, Answer, Desktop, Gui};

const SAVE_TITLE: &str = "Exporter les données du candidat (JSON)";
const CONFIRM_TITLE: &str = "Confirmer l'action";

/// Whether `needle` appears anywhere in the database file or its WAL.
fn in_database_bytes(dir: &std::path::Path, needle: &str) -> bool {
    ["jobgate.sqlite3", "jobgate.sqlite3-wal"]
        .iter()
        .any(|name| {
            std::fs::read(dir.join(name)).is_ok_and(|bytes| {
                bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_bytes())
            })
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_detail_panel_exports_then_erases_a_candidate_for_good() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    data.import_text(
        "job_title,candidate_name,email\n\
         Comptable,Amélie Roux,amelie.roux@exemple.fr\n\
         Comptable,Paul Martin,paul.martin@exemple.fr\n",
    );
    let rows = data.list_json();
    let amelie = rows[0]["application_id"].as_i64().unwrap();
    for row in rows.as_array().unwrap() {
        mail.run(&["invite", &row["application_id"].to_string(), "--yes"]);
    }
    let token = data.list_json()[0]["link"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(in_database_bytes(data.path(), "amelie.roux@exemple.fr"));

    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.click(&format!(
        "tr[data-application-id=\"{amelie}\"] button.details"
    ))
    .await?;
    gui.wait_for("#detail:not([hidden]) button.erase-candidate")
        .await?;

    // Exporter ses données: the native save dialog, a name typed in it.
    let file = data.path().join("amelie.json");
    gui.click("#detail button.export-data").await?;
    jobgate_tests::choose_file(SAVE_TITLE, &file)?;
    gui.wait_until("the export is written", || async { Ok(file.exists()) })
        .await?;
    let document: serde_json::Value = serde_json::from_slice(&std::fs::read(&file)?)?;
    assert_eq!(document["candidate"]["email"], "amelie.roux@exemple.fr");
    let text = document.to_string();
    assert!(text.contains(&token), "her link is in her data");
    assert!(!text.contains("paul.martin"), "nothing of anyone else");

    // Effacer ce candidat: the native question says what goes; Annuler first.
    gui.click("#detail button.erase-candidate").await?;
    wait_for_window(CONFIRM_TITLE)?;
    screen_shot("rgpd-erase-confirmation")?;
    answer_dialog(CONFIRM_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(in_database_bytes(data.path(), "amelie.roux@exemple.fr"));

    gui.click("#detail button.erase-candidate").await?;
    answer_dialog(CONFIRM_TITLE, Answer::Ok)?;
    gui.wait_for("#detail:not([hidden]) .erased-note").await?;
    gui.screenshot("rgpd-detail-after-erasure").await?;
    for needle in [
        "amelie.roux@exemple.fr",
        "Amélie Roux",
        "amelie roux",
        &token,
    ] {
        assert!(
            !in_database_bytes(data.path(), needle),
            "{needle:?} still in the database file"
        );
    }
    assert!(in_database_bytes(data.path(), "paul.martin@exemple.fr"));
    gui.click("#detail-close").await?;
    gui.wait_until("the list shows the skeleton", || async {
        let rows = gui.row_texts().await?;
        Ok(rows.len() == 2
            && !rows.iter().any(|r| r.contains("Amélie"))
            // The skeleton: no placeholder address shown, no Inviter.
            && rows.iter().any(|r| {
                r.contains("Candidat effacé") && !r.contains("efface-") && !r.contains("Inviter")
            }))
    })
    .await?;
    gui.screenshot("rgpd-list-after-erasure").await?;

    // Her row in a later CSV: skipped, with its line and why, unless ticked.
    let csv = data.write_file(
        "relance.csv",
        "job_title,candidate_name,email\n\
         Comptable,Amélie Roux,Amelie.Roux@exemple.fr\n\
         Comptable,Zoé Petit,zoe.petit@exemple.fr\n"
            .as_bytes(),
    );
    let import_title = "Importer des candidatures (CSV)";
    for include in [false, true] {
        gui.click("#import-csv").await?;
        jobgate_tests::choose_file(import_title, &csv)?;
        gui.wait_for("#import-panel:not([hidden]) #import-erased-block:not([hidden])")
            .await?;
        let errors = gui.text_of("#import-errors").await?;
        assert!(
            errors.contains("Ligne 2") && errors.contains("effacé à sa demande"),
            "{errors}"
        );
        if include {
            gui.click("#import-include-erased").await?;
        } else {
            gui.screenshot("rgpd-import-erased-row").await?;
        }
        gui.click("#import-confirm").await?;
        gui.wait_for("#import-panel[hidden]").await?;
        let expected = if include { 4 } else { 3 };
        gui.wait_until("the list after the import", || async {
            Ok(gui.row_texts().await?.len() == expected)
        })
        .await?;
        let back = data.list_json().as_array().unwrap().iter().any(|r| {
            r["email"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case("amelie.roux@exemple.fr"))
        });
        assert_eq!(back, include, "she comes back only when ticked");
    }
    gui.close().await
}

/// Retention (item 4) in the real window: at start-up a banner says who is
/// past `retention_months`; « Voir » lists them with why; « Effacer » asks
/// natively, Annuler keeps everyone, OK erases them for good; Réglages ›
/// À propos then lists the run in the register. Screenshots `retention-*`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_up_banner_lists_who_is_past_the_retention_period_and_erases_on_ok(
) -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let mail = MailDataDir::new();
    let data = &mail.data;
    data.import_text(
        "job_title,candidate_name,email\n\
         Comptable,Amélie Roux,amelie.roux@exemple.fr\n\
         Comptable,Bastien Lenoir,bastien.lenoir@exemple.fr\n\
         Comptable,Paul Martin,paul.martin@exemple.fr\n",
    );
    crate::retention::age(&mail, "amelie.roux@exemple.fr", "2024-05-02T09:00:00Z");
    crate::retention::age(&mail, "bastien.lenoir@exemple.fr", "2023-11-20T09:00:00Z");

    let gui = Gui::start(data).await?;
    gui.wait_for("#retention:not([hidden])").await?;
    let banner = gui.text_of("#retention-text").await?;
    assert_eq!(
        banner,
        "2 candidats dépassent la durée de conservation de 24 mois."
    );
    gui.screenshot("retention-banner").await?;
    gui.click("#retention-show").await?;
    gui.wait_for("#retention-list:not([hidden])").await?;
    let listed = gui.text_of("#retention-list").await?;
    // Longest inactive first, with why.
    let bastien = listed.find("Bastien Lenoir").expect("Bastien listed");
    let amelie = listed.find("Amélie Roux").expect("Amélie listed");
    assert!(bastien < amelie, "{listed}");
    assert!(listed.contains("candidature du 20/11/2023"), "{listed}");
    assert!(!listed.contains("Paul Martin"), "{listed}");
    gui.screenshot("retention-banner-list").await?;

    // Effacer: the native question; Annuler keeps everyone.
    gui.click("#retention-erase").await?;
    wait_for_window(RETENTION_TITLE)?;
    screen_shot("retention-confirmation")?;
    answer_dialog(RETENTION_TITLE, Answer::Cancel)?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(in_database_bytes(data.path(), "amelie.roux@exemple.fr"));
    assert!(!gui.text_of("#retention-text").await?.is_empty());

    gui.click("#retention-erase").await?;
    answer_dialog(RETENTION_TITLE, Answer::Ok)?;
    gui.wait_for("#retention[hidden]").await?;
    gui.wait_until("the list shows the skeletons", || async {
        let rows = gui.row_texts().await?;
        Ok(rows.len() == 3
            && rows
                .iter()
                .filter(|r| r.contains("Candidat effacé"))
                .count()
                == 2
            && rows.iter().any(|r| r.contains("Paul Martin")))
    })
    .await?;
    for needle in [
        "amelie.roux@exemple.fr",
        "Amélie Roux",
        "bastien.lenoir@exemple.fr",
        "Bastien Lenoir",
    ] {
        assert!(
            !in_database_bytes(data.path(), needle),
            "{needle:?} still in the database file"
        );
    }
    assert!(in_database_bytes(data.path(), "paul.martin@exemple.fr"));

    // Réglages › À propos: the run, with no name or address.
    gui.click("#nav-settings").await?;
    gui.wait_until("the register lists the run", || async {
        Ok(gui
            .text_now("#about-register")
            .await?
            .is_some_and(|t| t.contains("application de la durée de conservation : 2 candidats")))
    })
    .await?;
    gui.client
        .execute(
            "document.querySelector('#about-register').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await?;
    gui.screenshot("retention-register").await?;
    let register = gui.text_of("#about-register").await?;
    assert!(
        !register.contains("Amélie") && !register.contains("exemple.fr"),
        "{register}"
    );
    gui.close().await
}

const RETENTION_TITLE: &str = "Durée de conservation dépassée";
