//! End-to-end: the real app in its real window under Xvfb, driven through
//! tauri-driver + WebKitWebDriver; the native confirmation dialog is a real GTK
//! window answered by a mouse click. Screenshots land in tests/artifacts/e2e/.

use fantoccini::Locator;
use jobgate_tests::{answer_dialog, screen_shot, wait_for_window, Answer, DataDir, Gui};

const DIALOG_TITLE: &str = "Inviter à l'entretien";

fn import_sample(data: &DataDir) {
    let csv = data.write_file(
        "candidatures.csv",
        "job_title,candidate_name,email\n\
         Développeur Full Stack,Élodie Brûlé,elodie@exemple.fr\n\
         Développeur Full Stack,Jean Dupont,jean.dupont@exemple.fr\n\
         Comptable,Camille Martin,camille@exemple.fr\n"
            .as_bytes(),
    );
    let out = data.run(&["import", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "import: {}",
        jobgate_tests::text(&out.stdout)
    );
}

fn application_id(data: &DataDir, name: &str) -> i64 {
    data.list_json()
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["candidate_name"] == name)
        .and_then(|a| a["application_id"].as_i64())
        .unwrap_or_else(|| panic!("{name} is in the list"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inviting_asks_first_cancel_changes_nothing_and_ok_shows_the_link() -> anyhow::Result<()> {
    let data = DataDir::new();
    import_sample(&data);
    let jean = application_id(&data, "Jean Dupont");

    let gui = Gui::start(&data).await?;
    gui.wait_until("three rows are listed", || async {
        Ok(gui.row_texts().await?.len() == 3)
    })
    .await?;
    let rows = gui.row_texts().await?;
    assert!(rows
        .iter()
        .any(|r| r.contains("Élodie Brûlé") && r.contains("Développeur Full Stack")));
    assert!(rows.iter().all(|r| r.contains("Non invité")), "{rows:?}");
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
    let listed = data.list_json();
    let jean_json = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["application_id"] == jean)
        .unwrap();
    assert!(
        jean_json["link"].is_null(),
        "Cancel created nothing in the database"
    );

    // Inviter again → OK: the row shows the link, its expiry and Copy.
    row.find(Locator::Css("button.invite"))
        .await?
        .click()
        .await?;
    answer_dialog(DIALOG_TITLE, Answer::Ok)?;
    let link_css = format!("tr[data-application-id=\"{jean}\"] .link-url");
    let link = gui.wait_for(&link_css).await?;
    let shown_url = link.attr("title").await?.unwrap_or_default();
    let row = gui.row(jean).await?;
    let row_text = row.text().await?;
    assert!(row_text.contains("Lien créé"), "{row_text}");
    assert!(
        row_text.contains("Expire le") && row_text.contains("(Europe/Paris)"),
        "{row_text}"
    );
    assert!(row.find(Locator::Css("button.copy")).await.is_ok());
    assert!(
        row.find(Locator::Css("button.invite")).await.is_err(),
        "no second Inviter once the link exists"
    );
    let notice = gui
        .client
        .find(Locator::Css("#notice"))
        .await?
        .text()
        .await?;
    assert_eq!(notice, "Lien d'entretien créé pour Jean Dupont.");
    gui.screenshot("03-link-created").await?;

    // The database agrees with the screen: one link, 256-bit token, the seed's URL shape.
    let listed = data.list_json();
    let jean_json = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["application_id"] == jean)
        .unwrap();
    let token = jean_json["link"]["token"].as_str().unwrap();
    assert_eq!(token.len(), 43);
    assert_eq!(
        shown_url,
        format!("http://localhost:3000/interview/start/{token}")
    );
    assert_eq!(jean_json["link"]["start_url"], shown_url.as_str());
    // Others are untouched.
    let others_invited = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["link"].is_null())
        .count();
    assert_eq!(others_invited, 1);

    gui.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_empty_list_explains_and_the_form_validates_next_to_each_field() -> anyhow::Result<()> {
    let data = DataDir::new();
    let gui = Gui::start(&data).await?;
    let empty = gui.wait_for("#empty").await?;
    gui.wait_until("the empty state shows", || async {
        Ok(empty.is_displayed().await?)
    })
    .await?;
    let text = empty.text().await?;
    assert!(text.contains("Aucune candidature pour l'instant"), "{text}");
    assert!(text.contains("jobgate import"), "{text}");
    gui.screenshot("04-empty-list").await?;

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
    gui.screenshot("05-form-errors").await?;
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

    // Search filters as one types.
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
        .send_keys("compta")
        .await?;
    gui.wait_until("the search keeps one row", || async {
        Ok(gui.row_texts().await?.len() == 1)
    })
    .await?;
    assert!(gui.row_texts().await?[0].contains("Paul Martin"));
    gui.screenshot("06-search").await?;

    gui.close().await
}
