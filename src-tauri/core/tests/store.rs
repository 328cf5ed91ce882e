//! The store against real SQLite databases, in memory and on disk.

use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, TimeZone, Utc};
use jobgate_core::store::{AddOutcome, LinkState, ListQuery, NewApplication, SortKey, Store};
use jobgate_core::CoreError;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn app(job: &str, name: &str, email: &str) -> NewApplication {
    NewApplication::parse(job, name, email).expect("valid test application")
}

fn add(store: &mut Store, job: &str, name: &str, email: &str) -> i64 {
    match store.add_application(&app(job, name, email), t0()).unwrap() {
        AddOutcome::Added { application_id } => application_id,
        other => panic!("expected a new application, got {other:?}"),
    }
}

#[test]
fn a_fresh_database_is_at_the_latest_schema_and_empty() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        jobgate_core::latest_schema_version() as i64
    );
    let page = store.list_applications(&ListQuery::default()).unwrap();
    assert_eq!(page.total, 0);
    assert!(page.rows.is_empty());
}

#[test]
fn reopening_a_file_database_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let id = {
        let mut store = Store::open(&path).unwrap();
        add(
            &mut store,
            "Développeur Rust",
            "Élodie Brûlé",
            "elodie@exemple.fr",
        )
    };
    let store = Store::open(&path).unwrap();
    let rec = store.application(id).unwrap();
    assert_eq!(rec.candidate_name, "Élodie Brûlé");
    assert_eq!(rec.job_title, "Développeur Rust");
}

#[test]
fn candidates_are_one_per_email_whatever_the_case_and_applications_one_per_offer() {
    let mut store = Store::open_in_memory().unwrap();
    let first = add(
        &mut store,
        "Comptable",
        "Jean Dupont",
        "Jean.Dupont@Exemple.fr",
    );
    // Same person, same offer, other case: already present.
    let again = store
        .add_application(
            &app("COMPTABLE", "J. Dupont", "jean.dupont@EXEMPLE.FR"),
            t0(),
        )
        .unwrap();
    assert_eq!(
        again,
        AddOutcome::AlreadyPresent {
            application_id: first
        }
    );
    // Same person, other offer: a second application for the same candidate.
    let other = add(
        &mut store,
        "Auditeur",
        "Jean Dupont",
        "JEAN.DUPONT@exemple.fr",
    );
    let a = store.application(first).unwrap();
    let b = store.application(other).unwrap();
    assert_eq!(a.candidate_id, b.candidate_id);
    assert_ne!(a.job_id, b.job_id);
    assert_eq!(
        store
            .list_applications(&ListQuery::default())
            .unwrap()
            .total,
        2
    );
}

#[test]
fn the_seed_create_is_idempotent_and_links_expire_after_the_campaign_validity() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add(
        &mut store,
        "Développeur Full Stack",
        "Camille Martin",
        "camille@exemple.fr",
    );
    let first = store.create_or_get_link(id, t0()).unwrap();
    assert!(first.created);
    assert_eq!(first.link.expires_at, t0() + Duration::days(7));
    assert_eq!(first.link.created_at, t0());
    // 43 base64url characters = 256 bits.
    assert_eq!(first.link.token.as_str().len(), 43);

    let second = store
        .create_or_get_link(id, t0() + Duration::hours(3))
        .unwrap();
    assert!(!second.created);
    assert_eq!(second.link.token, first.link.token);
    assert_eq!(second.link.expires_at, first.link.expires_at);

    let rec = store.application(id).unwrap();
    assert_eq!(rec.status.as_str(), "invited");
    assert_eq!(rec.link.unwrap().token, first.link.token);
}

#[test]
fn a_link_is_valid_until_the_second_before_expires_at_and_replaced_from_that_instant() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add(&mut store, "Juriste", "Paul Durand", "paul@exemple.fr");
    let first = store.create_or_get_link(id, t0()).unwrap().link;
    let just_before = first.expires_at - Duration::seconds(1);
    assert_eq!(first.state(just_before), LinkState::Active);
    assert_eq!(first.state(first.expires_at), LinkState::Expired);

    let before = store.create_or_get_link(id, just_before).unwrap();
    assert!(!before.created);
    assert_eq!(before.link.token, first.token);

    let at = store.create_or_get_link(id, first.expires_at).unwrap();
    assert!(
        at.created,
        "at expires_at the old link has expired: a new one is made"
    );
    assert_ne!(at.link.token, first.token);
    assert_eq!(at.link.expires_at, first.expires_at + Duration::days(7));
}

#[test]
fn the_campaign_validity_comes_from_the_setting_when_the_offer_is_created() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_setting("link_validity_days", "14").unwrap();
    let id = add(&mut store, "Designer", "Léa Petit", "lea@exemple.fr");
    let link = store.create_or_get_link(id, t0()).unwrap().link;
    assert_eq!(link.expires_at, t0() + Duration::days(14));
}

#[test]
fn unknown_applications_get_a_clear_error() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(matches!(
        store.create_or_get_link(404, t0()),
        Err(CoreError::ApplicationNotFound { id: 404 })
    ));
}

#[test]
fn the_schema_itself_refuses_a_second_current_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = add(&mut store, "Juriste", "Paul Durand", "paul@exemple.fr");
    store.create_or_get_link(id, t0()).unwrap();
    drop(store);
    // Bypass the store, as buggy code or a second process would.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let second = conn.execute(
        "INSERT INTO invite_links (application_id, token, created_at, expires_at)
         VALUES (?1, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '2026-11-24T09:30:00Z', '2026-12-01T09:30:00Z')",
        [id],
    );
    let err = second.expect_err("a second current link must be refused");
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    // A too-short (weak) token is refused too.
    let weak = conn.execute(
        "UPDATE invite_links SET token = 'a1b2c3d4e5' WHERE application_id = ?1",
        [id],
    );
    assert!(weak.is_err());
}

#[test]
fn concurrent_creates_from_two_connections_make_exactly_one_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut ids = Vec::new();
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..20 {
            ids.push(add(
                &mut store,
                "Support",
                &format!("Candidat {i}"),
                &format!("c{i}@exemple.fr"),
            ));
        }
    }
    let ids = Arc::new(ids);
    let barrier = Arc::new(Barrier::new(2));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (path, ids, barrier) = (path.clone(), ids.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let mut results = Vec::new();
                for &id in ids.iter() {
                    barrier.wait();
                    let outcome = store.create_or_get_link(id, t0()).unwrap();
                    results.push((outcome.created, outcome.link.token.as_str().to_owned()));
                }
                results
            })
        })
        .collect();
    let results: Vec<Vec<(bool, String)>> =
        workers.into_iter().map(|w| w.join().unwrap()).collect();
    for (i, (a, b)) in results[0].iter().zip(&results[1]).enumerate() {
        assert!(
            a.0 ^ b.0,
            "exactly one of the two calls creates the link (row {i})"
        );
        assert_eq!(a.1, b.1, "both calls see the same token (row {i})");
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let links: i64 = conn
        .query_row("SELECT COUNT(*) FROM invite_links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(links, ids.len() as i64);
}

#[test]
fn closed_applications_and_offers_get_no_new_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let rejected = add(&mut store, "Juriste", "Paul Durand", "paul@exemple.fr");
    let closed_job = add(&mut store, "Stage", "Zoé Roux", "zoe@exemple.fr");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE applications SET status = 'rejected' WHERE id = ?1",
        [rejected],
    )
    .unwrap();
    conn.execute(
        "UPDATE job_offers SET status = 'closed' WHERE id = (SELECT job_id FROM applications WHERE id = ?1)",
        [closed_job],
    )
    .unwrap();
    assert!(matches!(
        store.create_or_get_link(rejected, t0()),
        Err(CoreError::ApplicationClosed { .. })
    ));
    assert!(matches!(
        store.create_or_get_link(closed_job, t0()),
        Err(CoreError::JobClosed { .. })
    ));
}

#[test]
fn search_sort_and_page_happen_in_sqlite() {
    let mut store = Store::open_in_memory().unwrap();
    add(&mut store, "Comptable", "Bruno Lefèvre", "bruno@exemple.fr");
    add(
        &mut store,
        "Développeur",
        "alice Martin",
        "alice@exemple.fr",
    );
    add(
        &mut store,
        "Développeur",
        "Chloé 100%_Sûre",
        "chloe@autre.fr",
    );

    let names = |q: &ListQuery| -> Vec<String> {
        store
            .list_applications(q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.candidate_name)
            .collect()
    };
    let by_name = ListQuery {
        sort: SortKey::Candidate,
        ..Default::default()
    };
    assert_eq!(
        names(&by_name),
        ["alice Martin", "Bruno Lefèvre", "Chloé 100%_Sûre"]
    );
    let desc = ListQuery {
        sort: SortKey::Candidate,
        descending: true,
        ..Default::default()
    };
    assert_eq!(
        names(&desc),
        ["Chloé 100%_Sûre", "Bruno Lefèvre", "alice Martin"]
    );

    let search = |s: &str| ListQuery {
        search: Some(s.into()),
        sort: SortKey::Candidate,
        ..Default::default()
    };
    // Case and accents do not matter, either way.
    assert_eq!(
        names(&search("DÉVELOPPEUR")),
        ["alice Martin", "Chloé 100%_Sûre"]
    );
    assert_eq!(
        names(&search("developpeur")),
        ["alice Martin", "Chloé 100%_Sûre"]
    );
    assert_eq!(names(&search("lefevre")), ["Bruno Lefèvre"]);
    assert_eq!(names(&search("CHLOÉ")), ["Chloé 100%_Sûre"]);
    assert_eq!(names(&search("AUTRE.FR")), ["Chloé 100%_Sûre"]);
    // LIKE wildcards in the search text are taken literally.
    assert_eq!(names(&search("%")), ["Chloé 100%_Sûre"]);
    assert_eq!(names(&search("_")), ["Chloé 100%_Sûre"]);
    assert_eq!(names(&search("  ")).len(), 3);

    let page = store
        .list_applications(&ListQuery {
            sort: SortKey::Candidate,
            limit: Some(2),
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.rows.len(), 2);
    assert_eq!(page.rows[0].candidate_name, "Bruno Lefèvre");
}

#[test]
fn hostile_text_is_stored_literally() {
    let mut store = Store::open_in_memory().unwrap();
    let name = "Robert'); DROP TABLE applications;-- <script>alert(1)</script>";
    let id = add(
        &mut store,
        "Poste \"spécial\" & <b>",
        name,
        "bobby@exemple.fr",
    );
    let rec = store.application(id).unwrap();
    assert_eq!(rec.candidate_name, name);
    assert_eq!(rec.job_title, "Poste \"spécial\" & <b>");
    assert_eq!(
        store
            .list_applications(&ListQuery::default())
            .unwrap()
            .total,
        1
    );
}

#[test]
fn settings_are_validated_and_default_to_the_seed() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.setting("base_url").unwrap(), "http://localhost:3000");
    assert_eq!(store.setting("link_validity_days").unwrap(), "7");
    assert_eq!(
        store
            .set_setting("base_url", "https://entretiens.exemple.fr/")
            .unwrap(),
        "https://entretiens.exemple.fr"
    );
    assert!(matches!(
        store.set_setting("base_url", "pas une url"),
        Err(CoreError::InvalidBaseUrl { .. })
    ));
    assert!(matches!(
        store.set_setting("link_validity_days", "0"),
        Err(CoreError::InvalidValidityDays { .. })
    ));
    assert!(matches!(
        store.set_setting("sendgrid_api_key", "SG.x"),
        Err(CoreError::UnknownSetting { .. })
    ));
    assert_eq!(
        store.setting("base_url").unwrap(),
        "https://entretiens.exemple.fr"
    );
}

#[test]
fn interrupted_sends_become_unknown_unless_their_process_lives() {
    use jobgate_core::mail::RenderedEmail;
    use jobgate_core::store::{Delivery, PreparedEmail};
    let mut store = Store::open_in_memory().unwrap();
    let claim = |store: &mut Store, email: &str, owner: &str| {
        let id = add(store, "Dev", "X", email);
        let prepared = store
            .prepare_invitation(id, t0(), |app, _, _| {
                Ok(PreparedEmail {
                    recipient: app.email.clone(),
                    recipient_name: app.candidate_name.clone(),
                    email: RenderedEmail {
                        subject: "s".into(),
                        text: "t".into(),
                        html: "h".into(),
                    },
                    message_id: format!("<{email}>"),
                })
            })
            .unwrap();
        let Delivery::Send(entry) = prepared.delivery else {
            panic!("a row to send")
        };
        assert!(store.claim_outbox(entry.id, t0(), Some(owner)).unwrap());
        assert!(
            !store.claim_outbox(entry.id, t0(), Some("other")).unwrap(),
            "claimed once only"
        );
    };
    claim(&mut store, "dead@exemple.fr", "dead-process");
    claim(&mut store, "live@exemple.fr", "live-process");
    let changed = store
        .recover_interrupted(t0(), |owner| owner == "live-process")
        .unwrap();
    assert_eq!(changed, 1);
    let states: Vec<(String, String)> = store
        .list_outbox(10)
        .unwrap()
        .into_iter()
        .map(|r| (r.email.recipient, r.email.state.as_str().to_owned()))
        .collect();
    assert_eq!(
        states,
        [
            ("live@exemple.fr".to_owned(), "sending".to_owned()),
            ("dead@exemple.fr".to_owned(), "unknown".to_owned())
        ]
    );
}

/// Issue 13, item 9: `list_every` (exports, `jobgate list`) reads page after
/// page; an application added between two pages, sorted first, used to shift
/// the next pages by one and repeat a row.
#[test]
fn a_paged_export_reads_one_snapshot_while_another_process_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let seed: Vec<_> = (0..1000)
        .map(|i| app("Comptable", "Jeanne Martin", &format!("seed{i}@exemple.fr")))
        .collect();
    store.add_applications(&seed, t0()).unwrap();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut other = Store::open(&path).unwrap();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) && i < 20_000 {
                let new = app("Comptable", "Paul Durand", &format!("late{i}@exemple.fr"));
                other
                    .add_application(&new, t0() + Duration::seconds(i + 1))
                    .unwrap();
                i += 1;
            }
        })
    };
    let query = ListQuery {
        sort: SortKey::Applied,
        descending: true,
        ..ListQuery::default()
    };
    for _ in 0..30 {
        let rows = store.list_every(&query).unwrap();
        let ids: std::collections::HashSet<i64> = rows.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), rows.len(), "a row came twice in one export");
        // One snapshot: every seed row, and the late rows committed before it,
        // with none missing (they are committed in order).
        let late: Vec<usize> = rows
            .iter()
            .filter_map(|r| r.email.strip_prefix("late"))
            .filter_map(|rest| rest.split('@').next()?.parse().ok())
            .collect();
        assert_eq!(rows.len() - late.len(), 1000, "seed rows went missing");
        let newest = late.iter().max().map_or(0, |m| m + 1);
        assert_eq!(late.len(), newest, "late rows skipped in one export");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.join().unwrap();
}
