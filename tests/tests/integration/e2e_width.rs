//! The list at any width (issue 18, item 1): with the longest name, address
//! and offer title JobGate accepts, at 1024, 1200 and 1920 px, the table has
//! no horizontal scroll, every row's Inviter / Réessayer / Détails stays in
//! sight and on top, and the long values are cut with "…", whole in the
//! tooltip. Screenshots `list-width-*`.

use jobgate_tests::smtp::{MailDataDir, ServerOptions, SmtpServer, TEST_KEY};
use jobgate_tests::{Desktop, Gui};
use serde_json::Value;

/// The longest values the import takes: 200 characters of name and title, a
/// 254-character address (64 before the @, labels of 63).
fn longest() -> (String, String, String) {
    let name: String = "Marie-Christine Anne-Sophie de La Tour d'Auvergne "
        .chars()
        .cycle()
        .take(200)
        .collect();
    let title: String = "Responsable administratif et financier adjoint — "
        .chars()
        .cycle()
        .take(200)
        .collect();
    let domain = format!(
        "{}.{}.{}.fr",
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(58)
    );
    (
        name.trim_end().to_owned(),
        title.trim_end().to_owned(),
        domain,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_keeps_its_actions_in_sight_at_any_width() -> anyhow::Result<()> {
    let _desktop = Desktop::take();
    let server = SmtpServer::start(ServerOptions::starttls());
    let mail = MailDataDir::new();
    mail.use_server(&server);
    let data = &mail.data;
    let (name, title, domain) = longest();
    let sent = format!("{}@{domain}", "a".repeat(64));
    let refused = format!("reject550.{}@{domain}", "r".repeat(54));
    let second: String = name
        .chars()
        .take(190)
        .collect::<String>()
        .trim_end()
        .to_owned()
        + " II";
    assert_eq!(sent.len(), 254);
    let csv = format!(
        "job_title,candidate_name,email\n\
         \"{title}\",\"{name}\",{sent}\n\
         \"{title}\",\"{second}\",{refused}\n\
         Comptable,Jean Dupont,jean@exemple.fr\n"
    );
    let file = data.write_file("longues.csv", csv.as_bytes());
    let out = data.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", jobgate_tests::text(&out.stdout));
    let rows = data.list_json();
    let rows = rows.as_array().unwrap();
    for row in rows.iter().filter(|r| r["email"] != "jean@exemple.fr") {
        let id = row["application_id"].as_i64().unwrap().to_string();
        mail.run(&["invite", &id, "--yes"]);
    }
    let gui = Gui::start_with_env(data, &[("SENDGRID_API_KEY", TEST_KEY)]).await?;
    gui.wait_until("three rows, one failed", || async {
        let rows = gui.row_texts().await?;
        Ok(rows.len() == 3 && rows.iter().any(|r| r.contains("Réessayer")))
    })
    .await?;

    for (width, height) in [(1024, 760), (1200, 760), (1920, 1080)] {
        gui.client.set_window_size(width, height).await?;
        gui.wait_until("the window takes its new width", || async {
            let inner = gui
                .client
                .execute("return window.innerWidth", vec![])
                .await?;
            Ok(inner
                .as_u64()
                .is_some_and(|w| w + 40 >= u64::from(width) && w <= u64::from(width)))
        })
        .await?;
        let layout: Value = gui
            .client
            .execute(
                r##"
                const card = document.querySelector("#view-list .table-card");
                const view = window.innerWidth;
                const buttons = [...document.querySelectorAll("#applications tbody .row-actions button")];
                const hidden = buttons.filter((b) => {
                  const r = b.getBoundingClientRect();
                  const x = r.left + r.width / 2, y = r.top + r.height / 2;
                  return r.left < 0 || r.right > view || document.elementFromPoint(x, y)?.closest("button") !== b;
                }).map((b) => b.textContent);
                const cut = [...document.querySelectorAll("#applications td.cut")]
                  .filter((td) => td.scrollWidth > td.clientWidth)
                  .map((td) => td.title.length);
                const tallest = Math.max(...[...document.querySelectorAll("#applications tbody tr")]
                  .map((tr) => tr.getBoundingClientRect().height));
                return { scroll: card.scrollWidth - card.clientWidth, buttons: buttons.length, hidden, cut, tallest };
                "##,
                vec![],
            )
            .await?;
        assert_eq!(
            layout["scroll"], 0,
            "{width} px: no horizontal scroll: {layout}"
        );
        assert_eq!(layout["buttons"], 5, "{width} px: {layout}");
        assert_eq!(
            layout["hidden"],
            serde_json::json!([]),
            "{width} px: {layout}"
        );
        // The long names, addresses and titles are cut, and whole in the tooltip.
        let cut = layout["cut"].as_array().unwrap();
        assert!(cut.len() >= 6, "{width} px: {layout}");
        assert!(cut.iter().all(|len| len.as_u64() >= Some(60)), "{layout}");
        assert!(
            layout["tallest"].as_f64().unwrap() < 140.0,
            "{width} px: rows stay low: {layout}"
        );
        gui.screenshot(&format!("list-width-{width}")).await?;
    }
    gui.close().await
}
