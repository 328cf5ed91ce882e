//! Retention (issue 14, item 4) and the register of what was done (item 6)
//! against a real database file: candidates of different ages, the clock at
//! their last activity (application, email sent, history), hired ones left
//! out unless asked for, one being sent to left for later, the erased bytes
//! gone from the file, and a register line with no personal data.

use chrono::{DateTime, Months, TimeZone, Utc};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::mail::RenderedEmail;
use jobgate_core::store::{
    Activity, AddOutcome, ApplicationRecord, Delivery, DeliveryOutcome, LinkRecord, NewApplication,
    OutboxState, PreparedEmail, RgpdAction, Store, StoredTemplate, WhenSending,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap()
}

fn months_ago(months: u32) -> DateTime<Utc> {
    now().checked_sub_months(Months::new(months)).unwrap()
}

fn add(store: &mut Store, job: &str, name: &str, email: &str, at: DateTime<Utc>) -> i64 {
    let new = NewApplication::parse(job, name, email).unwrap();
    match store.add_application(&new, at).unwrap() {
        AddOutcome::Added { application_id } => application_id,
        other => panic!("expected a new application, got {other:?}"),
    }
}

fn compose(
    app: &ApplicationRecord,
    link: &LinkRecord,
    _template: &StoredTemplate,
) -> jobgate_core::Result<PreparedEmail> {
    Ok(PreparedEmail {
        recipient: app.email.clone(),
        recipient_name: app.candidate_name.clone(),
        email: RenderedEmail {
            subject: format!("Entretien — {}", app.candidate_name),
            text: format!(
                "Bonjour {}, /interview/start/{}",
                app.candidate_name,
                link.token.as_str()
            ),
            html: String::new(),
        },
        message_id: format!("<{}.{}@jobgate.exemple.fr>", app.id, link.id),
    })
}

/// Queues the invitation at `at`; `sent`: and records it sent then.
fn invite(store: &mut Store, id: i64, at: DateTime<Utc>, sent: bool) {
    let Delivery::Send(entry) = store.prepare_invitation(id, at, compose).unwrap().delivery else {
        panic!("a row to send");
    };
    assert!(store.claim_outbox(entry.id, at, None).unwrap());
    if sent {
        let outcome = DeliveryOutcome {
            state: OutboxState::Sent,
            smtp_code: Some(250),
            reply: Some("Ok: queued as Q1"),
            queue_id: Some("Q1"),
            error_code: None,
            error_fr: None,
            error_en: None,
        };
        store.record_delivery(entry.id, at, &outcome).unwrap();
    }
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn candidates_past_the_limit_are_found_by_their_last_activity_and_erased_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jobgate.sqlite3");
    let mut store = Store::open(&path).unwrap();
    // Applied 30 months ago, nothing since: past 24 months.
    add(
        &mut store,
        "Comptable",
        "Anaïs Ancienne",
        "anais@exemple.fr",
        months_ago(30),
    );
    // Applied 36 months ago, invited 26 months ago: past, by the email.
    let emailed = add(
        &mut store,
        "Comptable",
        "Bruno Relancé",
        "bruno@exemple.fr",
        months_ago(36),
    );
    invite(&mut store, emailed, months_ago(26), true);
    // Applied 40 months ago, rejected 3 months ago: the clock started again.
    let decided = add(
        &mut store,
        "Comptable",
        "Chloé Récente",
        "chloe@exemple.fr",
        months_ago(40),
    );
    store
        .set_application_status(decided, ApplicationStatus::Rejected, months_ago(3))
        .unwrap();
    // Hired 30 months ago: left out unless asked for.
    let hired = add(
        &mut store,
        "Comptable",
        "Denis Recruté",
        "denis@exemple.fr",
        months_ago(31),
    );
    store
        .set_application_status(hired, ApplicationStatus::Hired, months_ago(30))
        .unwrap();
    // Applied last month.
    add(
        &mut store,
        "Comptable",
        "Emma Nouvelle",
        "emma@exemple.fr",
        months_ago(1),
    );
    // Past the limit, but an email to them is being sent right now.
    let busy = add(
        &mut store,
        "Comptable",
        "Fanny Envoi",
        "fanny@exemple.fr",
        months_ago(28),
    );
    invite(&mut store, busy, months_ago(27), false);

    let overdue = store.past_retention(24, false, now()).unwrap();
    let names: Vec<&str> = overdue.iter().map(|o| o.name.as_str()).collect();
    // Longest inactive first.
    assert_eq!(names, ["Anaïs Ancienne", "Fanny Envoi", "Bruno Relancé"]);
    assert_eq!(overdue[0].last_activity, Activity::Applied);
    assert_eq!(overdue[0].months_inactive, 30);
    assert_eq!(overdue[2].last_activity, Activity::EmailSent);
    assert_eq!(overdue[2].months_inactive, 26);
    let with_hired = store.past_retention(24, true, now()).unwrap();
    assert!(with_hired
        .iter()
        .any(|o| o.name == "Denis Recruté" && o.hired));
    assert_eq!(with_hired.len(), 4);
    // A longer limit, or none.
    assert_eq!(store.past_retention(29, false, now()).unwrap().len(), 1);
    assert!(store.past_retention(0, true, now()).unwrap().is_empty());

    let ids: Vec<i64> = overdue.iter().map(|o| o.candidate_id).collect();
    let erased = store
        .erase_candidates(&ids, WhenSending::Skip, RgpdAction::Retention, now())
        .unwrap();
    assert_eq!(erased.len(), 2, "the one being sent to is left for later");
    assert!(erased.iter().all(|e| e.compacted));

    // The bytes on disk: their names and addresses are gone, the others' stay.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(path.with_extension("sqlite3-wal")).unwrap_or_default());
    for gone in [
        "Anaïs Ancienne",
        "anais@exemple.fr",
        "Bruno Relancé",
        "bruno@exemple.fr",
    ] {
        assert!(!holds(&bytes, gone), "{gone} is still in the file");
    }
    for kept in ["chloe@exemple.fr", "denis@exemple.fr", "fanny@exemple.fr"] {
        assert!(holds(&bytes, kept), "{kept} went too");
    }
    // Erased skeletons are nobody: not listed again.
    let left: Vec<String> = store
        .past_retention(24, false, now())
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(left, ["Fanny Envoi"]);

    // The register: one line, who and how many, no personal value.
    let log = store.rgpd_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, RgpdAction::Retention);
    assert_eq!(log[0].count, 2);
    assert_eq!(log[0].at, now());
    assert!(!log[0].actor.is_empty());
}

#[test]
fn every_erasure_and_export_is_a_line_of_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("jobgate.sqlite3")).unwrap();
    let id = add(
        &mut store,
        "Comptable",
        "Gaël Martin",
        "gael@exemple.fr",
        now(),
    );
    let candidate = store.application(id).unwrap().candidate_id;
    store.log_rgpd(RgpdAction::Export, 1, now()).unwrap();
    store.erase_candidate(candidate, now()).unwrap();
    let log = store.rgpd_log(10).unwrap();
    let actions: Vec<(RgpdAction, u32)> = log.iter().map(|e| (e.action, e.count)).collect();
    // Newest first.
    assert_eq!(actions, [(RgpdAction::Erasure, 1), (RgpdAction::Export, 1)]);
}
