//! The invitation lifecycle against a real SQLite database, with the clock
//! injected: revoke, extend, resend, the workflow status, closing an offer,
//! the history, the per-offer overview and the links export.

mod common;
use common::{compose, percent_decode};

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::export::{write_links_csv, LINK_EXPORT_COLUMNS};
use jobgate_core::store::{
    AddOutcome, Delivery, DeliveryOutcome, EmailKind, LinkState, NewApplication, OutboxState,
    Stage, Store, TimelineKind,
};
use jobgate_core::CoreError;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn paris() -> Tz {
    "Europe/Paris".parse().unwrap()
}

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.set_time_zone(paris());
    store
}

fn add(store: &mut Store, job: &str, name: &str, email: &str) -> i64 {
    let new = NewApplication::parse(job, name, email).expect("valid test application");
    match store.add_application(&new, t0()).unwrap() {
        AddOutcome::Added { application_id } => application_id,
        other => panic!("expected a new application, got {other:?}"),
    }
}

/// Invites and records the email as sent by the server, at `at`.
fn invite_and_send(store: &mut Store, id: i64, at: DateTime<Utc>) -> i64 {
    let prepared = store.prepare_invitation(id, at, compose).unwrap();
    let Delivery::Send(entry) = prepared.delivery else {
        panic!("a row to send")
    };
    record_sent(store, entry.id, at);
    entry.id
}

fn record_sent(store: &mut Store, outbox_id: i64, at: DateTime<Utc>) {
    assert!(store.claim_outbox(outbox_id, at, None).unwrap());
    store
        .record_delivery(
            outbox_id,
            at,
            &DeliveryOutcome {
                state: OutboxState::Sent,
                smtp_code: Some(250),
                reply: Some("Ok: queued as 4XyZ"),
                queue_id: Some("4XyZ"),
                error_code: None,
                error_fr: None,
                error_en: None,
            },
        )
        .unwrap();
}

fn state_of(store: &Store, id: i64, now: DateTime<Utc>) -> LinkState {
    store.application(id).unwrap().link.unwrap().state(now)
}

#[test]
fn a_week_is_seven_days_on_the_recruiters_calendar_across_the_spring_change() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    // Wednesday 25 March 2026 at 10:00 in Paris (UTC+1).
    let made = Utc.with_ymd_and_hms(2026, 3, 25, 9, 0, 0).unwrap();
    let link = store.create_or_get_link(id, made).unwrap().link;
    // Expires Wednesday 1 April at 10:00 in Paris (UTC+2): stored in UTC.
    assert_eq!(
        link.expires_at,
        Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap()
    );
    // Valid until the second before, expired from that very instant.
    assert_eq!(
        state_of(&store, id, link.expires_at - Duration::seconds(1)),
        LinkState::Active
    );
    assert_eq!(state_of(&store, id, link.expires_at), LinkState::Expired);
}

#[test]
fn revoking_ends_a_valid_link_now_and_withdraws_its_queued_email() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    // No link yet: nothing to revoke, and the error says so.
    match store.revoke_link(id, t0()) {
        Err(CoreError::NoActiveLink { state: None, .. }) => {}
        other => panic!("expected no_active_link, got {other:?}"),
    }
    let prepared = store.prepare_invitation(id, t0(), compose).unwrap();
    let Delivery::Send(entry) = prepared.delivery else {
        panic!("a row to send")
    };
    let at = t0() + Duration::hours(1);
    let revoked = store.revoke_link(id, at).unwrap();
    assert_eq!(revoked.revoked_at, Some(at));
    assert_eq!(state_of(&store, id, at), LinkState::Revoked);
    // The queued email is gone, and nothing can claim it.
    assert!(!store.claim_outbox(entry.id, at, None).unwrap());
    assert!(store.list_outbox(10).unwrap().is_empty());
    // Twice: the error says it was revoked.
    match store.revoke_link(id, at) {
        Err(CoreError::NoActiveLink {
            state: Some(LinkState::Revoked),
            ..
        }) => {}
        other => panic!("expected revoked, got {other:?}"),
    }
    // Inviting again makes a new, different link.
    let again = store.create_or_get_link(id, at).unwrap();
    assert!(again.created);
    assert_ne!(again.link.token, revoked.token);
    // Unknown application.
    assert!(matches!(
        store.revoke_link(999, at),
        Err(CoreError::ApplicationNotFound { id: 999 })
    ));
}

#[test]
fn an_expired_link_cannot_be_revoked_or_resent_but_can_be_extended() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let link = store.create_or_get_link(id, t0()).unwrap().link;
    let later = link.expires_at + Duration::days(2);
    assert!(matches!(
        store.revoke_link(id, later),
        Err(CoreError::NoActiveLink {
            state: Some(LinkState::Expired),
            ..
        })
    ));
    assert!(matches!(
        store.prepare_follow_up(id, later, EmailKind::Invitation, compose),
        Err(CoreError::NoActiveLink {
            state: Some(LinkState::Expired),
            ..
        })
    ));
    // Extending an expired link counts from now: the same link works again.
    let extended = store.extend_link(id, 3, later).unwrap();
    assert_eq!(extended.token, link.token);
    assert_eq!(extended.expires_at, later + Duration::days(3));
    assert_eq!(state_of(&store, id, later), LinkState::Active);
}

#[test]
fn extending_moves_the_expiry_by_calendar_days_and_never_revives_a_revoked_link() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    // Made Wednesday 21 October 2026 at 10:00 in Paris (UTC+2): expires the 28th at 10:00 (UTC+1).
    let made = Utc.with_ymd_and_hms(2026, 10, 21, 8, 0, 0).unwrap();
    let link = store.create_or_get_link(id, made).unwrap().link;
    assert_eq!(link.expires_at - made, Duration::hours(169));
    // Extended by 2 days before it expires: from its expiry, not from now.
    let extended = store.extend_link(id, 2, made + Duration::days(1)).unwrap();
    assert_eq!(extended.id, link.id);
    assert_eq!(extended.expires_at, link.expires_at + Duration::days(2));
    // The exact new boundary.
    assert_eq!(
        state_of(&store, id, extended.expires_at - Duration::seconds(1)),
        LinkState::Active
    );
    assert_eq!(
        state_of(&store, id, extended.expires_at),
        LinkState::Expired
    );
    // Days are checked.
    for bad in [0, 366] {
        assert!(matches!(
            store.extend_link(id, bad, made),
            Err(CoreError::InvalidValidityDays { .. })
        ));
    }
    store.revoke_link(id, made + Duration::days(1)).unwrap();
    assert!(matches!(
        store.extend_link(id, 2, made + Duration::days(1)),
        Err(CoreError::NoActiveLink {
            state: Some(LinkState::Revoked),
            ..
        })
    ));
}

#[test]
fn resending_queues_the_same_link_again_even_after_it_was_sent() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let first = invite_and_send(&mut store, id, t0());
    // Inviting again sends nothing: it was sent.
    let again = store.prepare_invitation(id, t0(), compose).unwrap();
    assert!(matches!(again.delivery, Delivery::AlreadySent { .. }));
    // Resending does.
    let (link, delivery) = store
        .prepare_follow_up(
            id,
            t0() + Duration::hours(2),
            EmailKind::Invitation,
            compose,
        )
        .unwrap();
    let Delivery::Send(entry) = delivery else {
        panic!("a new row to send")
    };
    assert_ne!(entry.id, first);
    assert!(entry.email.text.contains(link.token.as_str()));
    // A second click before it is sent does not queue a third email.
    let (_, twice) = store
        .prepare_follow_up(
            id,
            t0() + Duration::hours(2),
            EmailKind::Invitation,
            compose,
        )
        .unwrap();
    assert!(matches!(twice, Delivery::Send(ref e) if e.id == entry.id));
    assert_eq!(store.list_outbox(10).unwrap().len(), 2);
    // Nothing to resend without a link.
    let other = add(&mut store, "Dev", "Bo", "bo@exemple.fr");
    assert!(matches!(
        store.prepare_follow_up(other, t0(), EmailKind::Invitation, compose),
        Err(CoreError::NoActiveLink { state: None, .. })
    ));
}

#[test]
fn closing_an_application_revokes_its_link_and_reopening_gives_no_link_back() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    store.create_or_get_link(id, t0()).unwrap();
    let change = store
        .set_application_status(id, ApplicationStatus::Interviewed, t0())
        .unwrap();
    assert_eq!(change.from, ApplicationStatus::Invited);
    assert!(!change.revoked_link, "interviewed keeps the link");
    for closed in [
        ApplicationStatus::Rejected,
        ApplicationStatus::Hired,
        ApplicationStatus::Withdrawn,
    ] {
        let mut store = self::store();
        let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
        store.create_or_get_link(id, t0()).unwrap();
        let change = store.set_application_status(id, closed, t0()).unwrap();
        assert!(change.revoked_link, "{closed:?} revokes");
        assert_eq!(state_of(&store, id, t0()), LinkState::Revoked);
        assert!(matches!(
            store.create_or_get_link(id, t0()),
            Err(CoreError::ApplicationClosed { .. })
        ));
        // Reopened, it can be invited again — with a new link.
        store
            .set_application_status(id, ApplicationStatus::Interviewed, t0())
            .unwrap();
        assert_eq!(state_of(&store, id, t0()), LinkState::Revoked);
        assert!(store.create_or_get_link(id, t0()).unwrap().created);
    }
    // The same status again changes nothing and writes no history.
    let before = store.timeline(id).unwrap().len();
    store
        .set_application_status(id, ApplicationStatus::Interviewed, t0())
        .unwrap();
    assert_eq!(store.timeline(id).unwrap().len(), before);
}

#[test]
fn closing_a_job_offer_revokes_its_current_links_and_no_other_offers() {
    let mut store = store();
    let a = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let b = add(&mut store, "Dev", "Bo", "bo@exemple.fr");
    let c = add(&mut store, "Dev", "Cy", "cy@exemple.fr");
    let other = add(&mut store, "Chef de projet", "Di", "di@exemple.fr");
    store.create_or_get_link(a, t0()).unwrap();
    store.create_or_get_link(other, t0()).unwrap();
    // b's link has expired by the time the offer closes; c has none.
    store
        .create_or_get_link(b, t0() - Duration::days(30))
        .unwrap();
    let job = store.application(a).unwrap().job_id;
    // Valid or expired, both are retired (issue 13: an expired link must not
    // come back to life by an extension).
    assert_eq!(store.set_job_open(job, false, t0()).unwrap(), 2);
    assert_eq!(state_of(&store, a, t0()), LinkState::Revoked);
    assert_eq!(state_of(&store, b, t0()), LinkState::Revoked);
    assert!(store.application(c).unwrap().link.is_none());
    assert_eq!(state_of(&store, other, t0()), LinkState::Active);
    assert!(matches!(
        store.create_or_get_link(c, t0()),
        Err(CoreError::JobClosed { .. })
    ));
    store.set_job_open(job, true, t0()).unwrap();
    assert!(store.create_or_get_link(c, t0()).unwrap().created);
    assert!(matches!(
        store.set_job_open(999, false, t0()),
        Err(CoreError::JobNotFound { id: 999 })
    ));
}

#[test]
fn validity_is_set_per_campaign() {
    let mut store = store();
    let a = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let b = add(&mut store, "Chef de projet", "Bo", "bo@exemple.fr");
    let dev = store.application(a).unwrap().job_id;
    store.set_job_link_validity(dev, 14).unwrap();
    assert_eq!(
        store.create_or_get_link(a, t0()).unwrap().link.expires_at,
        t0() + Duration::days(14)
    );
    assert_eq!(
        store.create_or_get_link(b, t0()).unwrap().link.expires_at,
        t0() + Duration::days(7)
    );
    assert!(store.set_job_link_validity(dev, 0).is_err());
}

#[test]
fn the_history_tells_every_action_and_attempt_in_order() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    invite_and_send(&mut store, id, t0() + Duration::minutes(1));
    store
        .extend_link(id, 3, t0() + Duration::minutes(2))
        .unwrap();
    store
        .set_application_status(id, ApplicationStatus::Rejected, t0() + Duration::minutes(3))
        .unwrap();
    let kinds: Vec<String> = store
        .timeline(id)
        .unwrap()
        .into_iter()
        .map(|e| match e.kind {
            TimelineKind::ApplicationAdded => "added".to_owned(),
            TimelineKind::LinkCreated { .. } => "link".to_owned(),
            TimelineKind::EmailQueued { kind } => format!("queued {}", kind.as_str()),
            TimelineKind::EmailAttempt {
                outcome,
                smtp_code,
                reply,
                ..
            } => format!(
                "attempt {} {} {}",
                outcome.map(|o| o.as_str()).unwrap_or("-"),
                smtp_code.unwrap_or(0),
                reply.unwrap_or_default()
            ),
            TimelineKind::LinkExtended { from, to } => {
                format!("extended {}", (to.unwrap() - from.unwrap()).num_days())
            }
            TimelineKind::StatusChanged { from, to } => {
                format!("status {:?}->{:?}", from.unwrap(), to.unwrap())
            }
            TimelineKind::LinkRevoked { reason } => format!("revoked {reason:?}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "added",
            "link",
            "queued invitation",
            "attempt sent 250 Ok: queued as 4XyZ",
            "extended 3",
            "status Invited->Rejected",
            "revoked Closed(Rejected)",
        ]
    );
    assert!(matches!(
        store.timeline(999),
        Err(CoreError::ApplicationNotFound { id: 999 })
    ));
}

#[test]
fn the_overview_counts_each_offers_applications_by_stage() {
    let mut store = store();
    let sent = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let linked = add(&mut store, "Dev", "Bo", "bo@exemple.fr");
    let _new = add(&mut store, "Dev", "Cy", "cy@exemple.fr");
    let hired = add(&mut store, "Dev", "Di", "di@exemple.fr");
    let expired = add(&mut store, "Dev", "Ed", "ed@exemple.fr");
    let elsewhere = add(&mut store, "Chef de projet", "Flo", "flo@exemple.fr");
    invite_and_send(&mut store, sent, t0());
    store.create_or_get_link(linked, t0()).unwrap();
    store
        .set_application_status(hired, ApplicationStatus::Hired, t0())
        .unwrap();
    store
        .create_or_get_link(expired, t0() - Duration::days(10))
        .unwrap();
    store.create_or_get_link(elsewhere, t0()).unwrap();
    store.revoke_link(elsewhere, t0()).unwrap();
    let overview = store.job_overview(t0()).unwrap();
    let titles: Vec<&str> = overview.iter().map(|j| j.title.as_str()).collect();
    assert_eq!(titles, ["Chef de projet", "Dev"]);
    let dev = &overview[1];
    assert_eq!(dev.applications, 5);
    let count = |s: Stage| dev.stages[&s];
    assert_eq!(count(Stage::Sent), 1);
    assert_eq!(count(Stage::LinkCreated), 1);
    assert_eq!(count(Stage::NotInvited), 1);
    assert_eq!(count(Stage::Hired), 1);
    assert_eq!(count(Stage::Expired), 1);
    assert_eq!(dev.stages.values().sum::<u64>(), 5);
    assert_eq!(overview[0].stages[&Stage::Revoked], 1);
    assert_eq!(dev.link_validity_days, 7);
}

#[test]
fn the_links_export_round_trips_through_a_csv_reader() {
    let mut store = store();
    // Commas, quotes and semicolons in names survive.
    let a = add(
        &mut store,
        "Dev, \"senior\"",
        "O'Brien; \"Jo\", Élodie",
        "jo@exemple.fr",
    );
    let b = add(&mut store, "Chef de projet", "Bo", "bo@exemple.fr");
    let c = add(&mut store, "Chef de projet", "Cy", "cy@exemple.fr");
    let revoked = store.create_or_get_link(a, t0()).unwrap().link;
    store.revoke_link(a, t0()).unwrap();
    let active = store.create_or_get_link(a, t0()).unwrap().link;
    let expired = store
        .create_or_get_link(b, t0() - Duration::days(8))
        .unwrap()
        .link;
    let _ = c;
    let rows = store.export_links(None).unwrap();
    let mut out = Vec::new();
    write_links_csv(&rows, "https://entretiens.exemple.fr", t0(), &mut out).unwrap();

    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, LINK_EXPORT_COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 3, "every link ever made, none for c");
    let find = |token: &str| {
        records
            .iter()
            .find(|r| &r[5] == token)
            .unwrap_or_else(|| panic!("token {token} exported"))
    };
    let r = find(active.token.as_str());
    assert_eq!(&r[0], a.to_string());
    assert_eq!(&r[1], "O'Brien; \"Jo\", Élodie");
    assert_eq!(&r[2], "jo@exemple.fr");
    assert_eq!(&r[4], "Dev, \"senior\"");
    assert_eq!(
        &r[6],
        format!(
            "https://entretiens.exemple.fr/interview/start/{}",
            active.token.as_str()
        )
    );
    assert_eq!(
        DateTime::parse_from_rfc3339(&r[8]).unwrap(),
        active.expires_at
    );
    assert_eq!(&r[9], "active");
    assert_eq!(&r[10], "");
    assert_eq!(&find(revoked.token.as_str())[9], "revoked");
    assert!(!find(revoked.token.as_str())[10].is_empty());
    assert_eq!(&find(expired.token.as_str())[9], "expired");
    // One offer only.
    let job = store.application(b).unwrap().job_id;
    let only = store.export_links(Some(job)).unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].link.token, expired.token);
}

#[test]
fn an_export_is_written_whole_or_not_at_all() {
    let mut store = store();
    let a = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    store.create_or_get_link(a, t0()).unwrap();
    let rows = store.export_links(None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("liens.csv");
    let data = jobgate_core::files::DataFolder::new(dir.path().join("données"));
    jobgate_core::export::write_links_file(&path, &data, &rows, "http://localhost:3000", t0())
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("application_id,candidate_name,email,"));
    assert!(!dir.path().join("liens.csv.part").exists());
    // A folder that does not exist: a clear error, nothing written.
    let bad = dir.path().join("missing").join("liens.csv");
    match jobgate_core::export::write_links_file(&bad, &data, &rows, "http://localhost:3000", t0())
    {
        Err(e @ CoreError::ExportFailed { .. }) => {
            assert!(e
                .message(jobgate_core::Lang::Fr)
                .contains("rien n'a été écrit"));
        }
        other => panic!("expected export_failed, got {other:?}"),
    }
}

#[test]
fn the_mailto_carries_the_invitation_with_its_expiry_in_the_recruiters_zone() {
    use jobgate_core::invitations::Invitations;
    use jobgate_core::secret::MemorySecretStore;
    let mut store = store();
    let id = add(&mut store, "Dev & Ops", "Ana <b>", "ana@exemple.fr");
    // A mailto is a real email: its links must lead to the interview platform.
    store
        .set_setting("base_url", "https://entretiens.exemple.fr")
        .unwrap();
    // Wednesday 25 March 2026 at 10:00 in Paris: the link expires on 1 April at 10:00 summer time.
    let made = Utc.with_ymd_and_hms(2026, 3, 25, 9, 0, 0).unwrap();
    store.create_or_get_link(id, made).unwrap();
    let invitations = Invitations::new(store, Box::<MemorySecretStore>::default());
    let url = invitations.mailto(id, made).unwrap();
    assert!(url.starts_with("mailto:ana@exemple.fr?subject="), "{url}");
    // Nothing in a value can add a header or a recipient.
    let query = url.split_once('?').unwrap().1;
    assert_eq!(query.matches('&').count(), 1, "{url}");
    assert!(!url.contains(' ') && !url.contains('\n') && !url.contains('<'));
    let body = percent_decode(query.split_once("&body=").unwrap().1);
    assert!(
        body.contains("Ce lien expire le 01/04/2026 à 10:00 (Europe/Paris)."),
        "{body}"
    );
    assert!(body.contains("\r\n"), "CRLF line breaks");
    assert!(body.contains("Bonjour Ana <b>,"));
    // Without a valid link there is nothing to send.
    let later = made + Duration::days(8);
    assert!(matches!(
        invitations.mailto(id, later),
        Err(CoreError::NoActiveLink {
            state: Some(LinkState::Expired),
            ..
        })
    ));
}

#[test]
fn what_happens_in_the_same_second_keeps_its_order_in_the_history() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    // Sent, revoked and closed within one second: the history keeps that order.
    invite_and_send(&mut store, id, t0());
    store.revoke_link(id, t0()).unwrap();
    store
        .set_application_status(id, ApplicationStatus::Withdrawn, t0())
        .unwrap();
    let kinds: Vec<&'static str> = store
        .timeline(id)
        .unwrap()
        .iter()
        .map(|e| match &e.kind {
            TimelineKind::ApplicationAdded => "added",
            TimelineKind::LinkCreated { .. } => "link",
            TimelineKind::EmailQueued { .. } => "queued",
            TimelineKind::EmailAttempt { .. } => "attempt",
            TimelineKind::LinkRevoked { .. } => "revoked",
            TimelineKind::StatusChanged { .. } => "status",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["added", "link", "queued", "attempt", "revoked", "status"]
    );
}

#[test]
fn resending_after_a_revocation_says_the_link_was_revoked() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    invite_and_send(&mut store, id, t0());
    store.revoke_link(id, t0()).unwrap();
    match store.prepare_follow_up(id, t0(), EmailKind::Invitation, compose) {
        Err(
            e @ CoreError::NoActiveLink {
                state: Some(LinkState::Revoked),
                ..
            },
        ) => assert!(e.message(jobgate_core::Lang::Fr).contains("révoqué")),
        other => panic!("expected revoked, got {other:?}"),
    }
    assert!(matches!(
        store.prepare_follow_up(999, t0(), EmailKind::Invitation, compose),
        Err(CoreError::ApplicationNotFound { id: 999 })
    ));
}

// ---- Issue 13: a decision is final; corrections reach the outbox; every
// history event has words.

/// The composer as `Store::update_candidate` calls it (any kind of email).
fn remake(
    _kind: EmailKind,
    app: &jobgate_core::store::ApplicationRecord,
    link: &jobgate_core::store::LinkRecord,
    template: &jobgate_core::store::StoredTemplate,
) -> jobgate_core::Result<jobgate_core::store::PreparedEmail> {
    let mut prepared = compose(app, link, template)?;
    prepared.email.text = format!(
        "Bonjour {}, link {}",
        app.candidate_name,
        link.token.as_str()
    );
    Ok(prepared)
}

#[test]
fn a_rejected_candidates_expired_link_is_not_revived_by_an_extension() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    invite_and_send(&mut store, id, t0());
    let after_expiry = t0() + Duration::days(30);
    assert_eq!(state_of(&store, id, after_expiry), LinkState::Expired);
    let change = store
        .set_application_status(id, ApplicationStatus::Rejected, after_expiry)
        .unwrap();
    assert!(change.revoked_link, "the expired link is retired too");
    assert_eq!(state_of(&store, id, after_expiry), LinkState::Revoked);
    // Extending, resending, a new link, the mailto: refused, saying why.
    match store.extend_link(id, 30, after_expiry) {
        Err(CoreError::ApplicationClosed { .. }) => {}
        other => panic!("expected application_closed, got {other:?}"),
    }
    match store.prepare_follow_up(id, after_expiry, EmailKind::Extension, compose) {
        Err(CoreError::ApplicationClosed { .. }) => {}
        other => panic!("expected application_closed, got {other:?}"),
    }
    match store.prepare_invitation(id, after_expiry, compose) {
        Err(CoreError::ApplicationClosed { .. }) => {}
        other => panic!("expected application_closed, got {other:?}"),
    }
    let message = CoreError::ApplicationClosed {
        id,
        status: ApplicationStatus::Rejected,
    }
    .message(jobgate_core::Lang::Fr);
    assert!(message.contains("prolongé"), "{message}");
    // The export never says valid: it says revoked.
    let rows = store.export_links(None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].link.state(after_expiry), LinkState::Revoked);
    // The history says why.
    let timeline = store.timeline(id).unwrap();
    assert!(timeline.iter().any(|e| matches!(
        e.kind,
        TimelineKind::LinkRevoked {
            reason: jobgate_core::store::RevokeReason::Closed(ApplicationStatus::Rejected)
        }
    )));
}

#[test]
fn closing_an_offer_retires_expired_links_so_none_can_be_extended() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    invite_and_send(&mut store, id, t0());
    let job = store.application(id).unwrap().job_id;
    let after_expiry = t0() + Duration::days(30);
    assert_eq!(store.set_job_open(job, false, after_expiry).unwrap(), 1);
    assert_eq!(state_of(&store, id, after_expiry), LinkState::Revoked);
    match store.extend_link(id, 30, after_expiry) {
        Err(CoreError::JobClosed { .. }) => {}
        other => panic!("expected job_closed, got {other:?}"),
    }
    // Reopening revives nothing; inviting again makes a new link.
    store.set_job_open(job, true, after_expiry).unwrap();
    assert_eq!(state_of(&store, id, after_expiry), LinkState::Revoked);
    let again = store.create_or_get_link(id, after_expiry).unwrap();
    assert!(again.created);
}

#[test]
fn a_closed_offers_still_valid_link_is_neither_resent_extended_nor_mailed() {
    // A link an older build left valid under a closed offer (migration 9
    // retires those; this is the gate behind it): every action refuses.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jobgate.sqlite3");
    let id = {
        let mut store = Store::open(&path).unwrap();
        let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
        invite_and_send(&mut store, id, t0());
        let job = store.application(id).unwrap().job_id;
        store.set_job_open(job, false, t0()).unwrap();
        id
    };
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE invite_links SET revoked_at = NULL, retired_at = NULL",
            [],
        )
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(state_of(&store, id, t0()), LinkState::Active);
    fn closed<T>(r: jobgate_core::Result<T>) -> bool {
        matches!(r, Err(CoreError::JobClosed { .. }))
    }
    assert!(closed(store.prepare_follow_up(
        id,
        t0(),
        EmailKind::Invitation,
        compose
    )));
    assert!(closed(store.extend_link(id, 3, t0())));
    assert!(closed(store.prepare_invitation(id, t0(), compose)));
    let app = store.application(id).unwrap();
    assert!(!app.awaits_invitation(t0()));
    let invitations = jobgate_core::invitations::Invitations::new(
        store,
        Box::new(jobgate_core::secret::MemorySecretStore::default()),
    );
    assert!(closed(invitations.mailto(id, t0())));
}

#[test]
fn repeated_extensions_cannot_push_a_link_past_a_year_after_it_was_made() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let link = store.create_or_get_link(id, t0()).unwrap().link;
    let limit = link.created_at + Duration::days(365);
    let mut last = link.expires_at;
    for _ in 0..3 {
        match store.extend_link(id, 200, t0()) {
            Ok(extended) => {
                assert!(extended.expires_at <= limit + Duration::hours(1));
                assert!(extended.expires_at > last);
                last = extended.expires_at;
            }
            Err(CoreError::LinkAtMaximumLifetime { .. }) => break,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    match store.extend_link(id, 1, t0()) {
        Err(e @ CoreError::LinkAtMaximumLifetime { .. }) => {
            assert_eq!(e.code(), "link_at_maximum_lifetime");
            assert!(e.message(jobgate_core::Lang::Fr).contains("un an"));
        }
        other => panic!("expected link_at_maximum_lifetime, got {other:?}"),
    }
    assert_eq!(
        store.application(id).unwrap().link.unwrap().expires_at,
        last,
        "nothing changed"
    );
}

#[test]
fn an_older_database_with_links_left_under_decisions_is_mended_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jobgate.sqlite3");
    let (id, bo, cy) = {
        let mut store = Store::open(&path).unwrap();
        let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
        let bo = add(&mut store, "Chef", "Bo", "bo@exemple.fr");
        let cy = add(&mut store, "Dev", "Cy", "cy@exemple.fr");
        for app in [id, bo, cy] {
            store.prepare_invitation(app, t0(), compose).unwrap();
        }
        store
            .set_application_status(id, ApplicationStatus::Rejected, t0())
            .unwrap();
        let chef = store.application(bo).unwrap().job_id;
        store.set_job_open(chef, false, t0()).unwrap();
        (id, bo, cy)
    };
    // What an older build could leave: links current and not revoked under a
    // decision, their emails waiting (Bo's after a temporary failure), Cy's
    // link extended two years on, and schema version 8.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "DELETE FROM events WHERE kind = 'link_revoked';
             UPDATE invite_links SET revoked_at = NULL, retired_at = NULL;
             DELETE FROM outbox;
             INSERT INTO outbox (application_id, link_id, recipient, recipient_name, subject,
                 body_text, body_html, message_id, created_at, updated_at)
               SELECT application_id, id, 'x@exemple.fr', 'X', 's', 't', 'h', '<old' || id || '@test>',
                 created_at, created_at FROM invite_links;
             UPDATE outbox SET state = 'failed_temporary', attempts = 1 WHERE application_id = {bo};
             UPDATE invite_links SET expires_at = '2028-11-24T09:30:00Z' WHERE application_id = {cy};
             PRAGMA user_version = 8;"
        ))
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap() as usize,
        jobgate_core::latest_schema_version()
    );
    assert_eq!(state_of(&store, id, t0()), LinkState::Revoked);
    assert_eq!(state_of(&store, bo, t0()), LinkState::Revoked);
    assert_eq!(
        state_of(&store, cy, t0()),
        LinkState::Active,
        "Cy is in the running"
    );
    assert_eq!(
        store.application(cy).unwrap().link.unwrap().expires_at,
        t0() + Duration::days(365),
        "capped at a year after it was made"
    );
    let outbox = store.list_outbox(10).unwrap();
    assert_eq!(outbox.len(), 2, "Ana's untried email withdrawn: {outbox:?}");
    let bo_row = outbox
        .iter()
        .find(|r| r.email.application_id == bo)
        .unwrap();
    assert_eq!(bo_row.email.state, OutboxState::FailedPermanent);
    assert_eq!(bo_row.email.error_code.as_deref(), Some("link_revoked"));
    for (app, reason) in [
        (
            id,
            jobgate_core::store::RevokeReason::Closed(ApplicationStatus::Rejected),
        ),
        (bo, jobgate_core::store::RevokeReason::JobClosed),
    ] {
        assert!(
            store
                .timeline(app)
                .unwrap()
                .iter()
                .any(|e| e.kind == TimelineKind::LinkRevoked { reason }),
            "the history of {app} says why"
        );
    }
}

#[test]
fn correcting_an_address_remakes_the_queued_email_for_the_new_one() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let prepared = store.prepare_invitation(id, t0(), compose).unwrap();
    let Delivery::Send(entry) = prepared.delivery else {
        panic!("a row to send")
    };
    assert_eq!(entry.recipient, "ana@exemple.fr");
    let candidate = store.application(id).unwrap().candidate_id;
    let name = jobgate_core::domain::PersonName::parse("Ana Lopez").unwrap();
    let email = jobgate_core::domain::EmailAddress::parse("ana.lopez@exemple.fr").unwrap();
    let correction = store
        .update_candidate(candidate, &name, &email, t0(), &remake)
        .unwrap();
    assert!(correction.email_changed);
    assert_eq!(correction.requeued, 1);
    assert!(
        correction.link_sent_to_old_address.is_empty(),
        "nothing left yet"
    );
    // What a sender claims now is the corrected email, not the old copy.
    let claimed = store
        .claim_outbox_entry(entry.id, t0(), None, None)
        .unwrap()
        .expect("claimed");
    assert_eq!(claimed.recipient, "ana.lopez@exemple.fr");
    assert_eq!(claimed.recipient_name, "Ana Lopez");
    assert!(
        claimed.email.text.starts_with("Bonjour Ana Lopez"),
        "{}",
        claimed.email.text
    );
    // The history says what the correction did.
    assert!(store.timeline(id).unwrap().iter().any(|e| e.kind
        == TimelineKind::CandidateEdited {
            email_changed: true,
            requeued: 1
        }));
}

#[test]
fn correcting_an_address_after_the_link_was_emailed_names_the_exposed_link() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    invite_and_send(&mut store, id, t0());
    let candidate = store.application(id).unwrap().candidate_id;
    let name = jobgate_core::domain::PersonName::parse("Ana").unwrap();
    let email = jobgate_core::domain::EmailAddress::parse("ana.lopez@exemple.fr").unwrap();
    let correction = store
        .update_candidate(candidate, &name, &email, t0(), &remake)
        .unwrap();
    assert_eq!(correction.requeued, 0);
    assert_eq!(correction.link_sent_to_old_address, vec![id]);
    // Only the name changes: the link was emailed to this very address.
    let name = jobgate_core::domain::PersonName::parse("Ana L.").unwrap();
    let correction = store
        .update_candidate(candidate, &name, &email, t0(), &remake)
        .unwrap();
    assert!(!correction.email_changed);
    assert!(correction.link_sent_to_old_address.is_empty());
}

#[test]
fn a_retry_after_a_correction_goes_to_the_corrected_address() {
    // The email was being sent when the address was corrected; it failed for
    // a while and was put back for a retry: the retry must not use the old one.
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let prepared = store.prepare_invitation(id, t0(), compose).unwrap();
    let Delivery::Send(entry) = prepared.delivery else {
        panic!("a row to send")
    };
    assert!(store.claim_outbox(entry.id, t0(), None).unwrap());
    let candidate = store.application(id).unwrap().candidate_id;
    let name = jobgate_core::domain::PersonName::parse("Ana Lopez").unwrap();
    let email = jobgate_core::domain::EmailAddress::parse("ana.lopez@exemple.fr").unwrap();
    let correction = store
        .update_candidate(candidate, &name, &email, t0(), &remake)
        .unwrap();
    assert_eq!((correction.requeued, correction.in_flight), (0, 1));
    store
        .record_delivery(
            entry.id,
            t0(),
            &DeliveryOutcome {
                state: OutboxState::FailedTemporary,
                smtp_code: Some(451),
                reply: Some("4.3.0 Try later"),
                queue_id: None,
                error_code: Some("temporary"),
                error_fr: None,
                error_en: None,
            },
        )
        .unwrap();
    assert!(store.requeue_outbox(entry.id, t0()).unwrap());
    let retry = store
        .claim_outbox_entry(entry.id, t0(), None, Some(&remake))
        .unwrap()
        .expect("claimed again");
    assert_eq!(retry.recipient, "ana.lopez@exemple.fr");
    assert_eq!(retry.recipient_name, "Ana Lopez");
    assert!(retry.email.text.starts_with("Bonjour Ana Lopez"));
}

#[test]
fn every_event_kind_written_has_words_in_both_languages() {
    // Writes one event of every kind (as the store writes them), then reads
    // the history back and renders it: none may come out raw ("other").
    use jobgate_core::dto::View;
    use jobgate_core::store::EventKind;
    use strum::IntoEnumIterator;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jobgate.sqlite3");
    let id = {
        let mut store = Store::open(&path).unwrap();
        add(&mut store, "Dev", "Ana", "ana@exemple.fr")
    };
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("DELETE FROM events", []).unwrap();
        for kind in EventKind::iter() {
            conn.execute(
                "INSERT INTO events (application_id, at, kind, detail) VALUES (?1, ?2, ?3, NULL)",
                rusqlite::params![id, "2026-11-24T09:30:00Z", kind.as_str()],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let timeline = store.timeline(id).unwrap();
    assert_eq!(timeline.len(), EventKind::iter().count());
    for lang in [jobgate_core::Lang::Fr, jobgate_core::Lang::En] {
        let view = View::for_recruiter("https://x.example", t0(), lang);
        for (entry, kind) in timeline.iter().zip(EventKind::iter()) {
            let dto = view.timeline(entry);
            assert_ne!(dto.kind, "other", "{kind} has no words");
            assert!(!dto.text.is_empty(), "{kind}");
            assert!(
                !dto.text.contains(kind.as_str()),
                "{kind} shown raw: {}",
                dto.text
            );
        }
    }
    // The one the window showed raw before: a corrected candidate.
    let view = View::for_recruiter("https://x.example", t0(), jobgate_core::Lang::Fr);
    let edited = timeline
        .iter()
        .find(|e| matches!(e.kind, TimelineKind::CandidateEdited { .. }))
        .unwrap();
    assert!(view.timeline(edited).text.contains("corrig"));
}

/// A link whose email never left (a batch cancelled before its turn) starts
/// its clock with its first email: the candidate gets the whole validity, the
/// email states it, and the history says so. A link already emailed keeps its
/// date.
#[test]
fn a_link_whose_email_never_left_counts_its_validity_from_its_first_email() {
    let mut store = store();
    let id = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let first = store.prepare_invitation(id, t0(), compose).unwrap();
    let Delivery::Send(entry) = first.delivery else {
        panic!("a row to send")
    };
    let made = first.link.link.expires_at;
    assert_eq!(made, t0() + Duration::days(7));
    // Annuler before its turn: the row is taken back, nothing was sent.
    store.withdraw_queued(entry.id, t0()).unwrap();

    let later = t0() + Duration::days(3);
    let second = store.prepare_invitation(id, later, compose).unwrap();
    assert!(!second.link.created, "the same link");
    assert_eq!(second.link.link.token, first.link.link.token);
    assert_eq!(second.link.link.expires_at, later + Duration::days(7));
    let Delivery::Send(entry) = second.delivery else {
        panic!("a row to send")
    };
    let stored = store.application(id).unwrap().link.unwrap();
    assert_eq!(stored.expires_at, later + Duration::days(7));
    let extended: Vec<_> = store
        .timeline(id)
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.kind, TimelineKind::LinkExtended { .. }))
        .collect();
    assert_eq!(extended.len(), 1, "{extended:?}");

    // Sent: a later invitation keeps the date the candidate was given.
    record_sent(&mut store, entry.id, later);
    let again = store
        .prepare_invitation(id, later + Duration::days(1), compose)
        .unwrap();
    assert!(matches!(again.delivery, Delivery::AlreadySent { .. }));
    assert_eq!(again.link.link.expires_at, later + Duration::days(7));
}

/// The list's stage filter (SQL) and each row's stage (Rust) are one rule:
/// every application is found under its own stage, and only there — the
/// chart's counts are the filter's totals.
#[test]
fn the_stage_filter_agrees_with_every_rows_stage() {
    use jobgate_core::store::ListQuery;
    let mut store = store();
    let now = t0() + Duration::days(3);
    let failed = |state, code: u16| DeliveryOutcome {
        state,
        smtp_code: Some(code),
        reply: Some("refused"),
        queue_id: None,
        error_code: Some("smtp_rejected"),
        error_fr: Some("refusé".into()),
        error_en: Some("refused".into()),
    };
    let queued = |store: &mut Store, id: i64, at| {
        let prepared = store.prepare_invitation(id, at, compose).unwrap();
        let Delivery::Send(entry) = prepared.delivery else {
            panic!("a row to send")
        };
        entry.id
    };
    let mut n = 0;
    let mut next = |store: &mut Store| {
        n += 1;
        add(
            store,
            "Dev",
            &format!("Cand {n}"),
            &format!("c{n}@exemple.fr"),
        )
    };
    let _not_invited = next(&mut store);
    let link_only = next(&mut store);
    store.create_or_get_link(link_only, t0()).unwrap();
    let waiting = next(&mut store);
    queued(&mut store, waiting, t0());
    let sending = next(&mut store);
    let row = queued(&mut store, sending, t0());
    assert!(store.claim_outbox(row, t0(), None).unwrap());
    let sent = next(&mut store);
    invite_and_send(&mut store, sent, t0());
    for (state, code) in [
        (OutboxState::FailedTemporary, 421),
        (OutboxState::FailedPermanent, 550),
        (OutboxState::Unknown, 0),
    ] {
        let id = next(&mut store);
        let row = queued(&mut store, id, t0());
        assert!(store.claim_outbox(row, t0(), None).unwrap());
        store
            .record_delivery(row, t0(), &failed(state, code))
            .unwrap();
    }
    // A link made long ago, expired by now.
    let expired = next(&mut store);
    invite_and_send(&mut store, expired, t0() - Duration::days(30));
    let revoked = next(&mut store);
    invite_and_send(&mut store, revoked, t0());
    store.revoke_link(revoked, t0()).unwrap();
    // The email carried an older link: the new one is still unsent.
    let relinked = next(&mut store);
    invite_and_send(&mut store, relinked, t0() - Duration::days(30));
    store.create_or_get_link(relinked, t0()).unwrap();
    // Past the invitation, the workflow status is the stage, whatever the email.
    for status in [
        ApplicationStatus::Interviewed,
        ApplicationStatus::Hired,
        ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn,
    ] {
        let id = next(&mut store);
        let row = queued(&mut store, id, t0());
        assert!(store.claim_outbox(row, t0(), None).unwrap());
        store
            .record_delivery(row, t0(), &failed(OutboxState::FailedPermanent, 550))
            .unwrap();
        store.set_application_status(id, status, t0()).unwrap();
    }

    let everyone = store
        .list_applications_at(&ListQuery::default(), now)
        .unwrap();
    let overview = store.job_overview(now).unwrap();
    let mut found = 0;
    for stage in Stage::ALL {
        let page = store
            .list_applications_at(
                &ListQuery {
                    stage: Some(stage),
                    ..ListQuery::default()
                },
                now,
            )
            .unwrap();
        for row in &page.rows {
            assert_eq!(
                row.stage(now),
                stage,
                "application {} under {stage:?}",
                row.id
            );
        }
        let expected = everyone
            .rows
            .iter()
            .filter(|r| r.stage(now) == stage)
            .count();
        assert_eq!(page.total as usize, expected, "{stage:?}");
        assert!(expected > 0, "the test makes every stage: {stage:?}");
        // The chart counts the same.
        assert_eq!(overview[0].stages[&stage], page.total, "{stage:?}");
        found += page.total;
    }
    assert_eq!(found, everyone.total);
}

/// The Boîte d'envoi's button: Réessayer on a failed latest email, Renvoyer
/// on an uncertain one, none once the link that failed is revoked (a new
/// link for someone deliberately revoked is not a "retry").
#[test]
fn the_outbox_offers_retry_only_where_the_list_would() {
    use jobgate_core::dto::{OutboxRetry, View};
    let mut store = store();
    let failed = |state| DeliveryOutcome {
        state,
        smtp_code: Some(550),
        reply: Some("refused"),
        queue_id: None,
        error_code: Some("smtp_rejected"),
        error_fr: Some("refusé".into()),
        error_en: Some("refused".into()),
    };
    let send = |store: &mut Store, id: i64, state| {
        let prepared = store.prepare_invitation(id, t0(), compose).unwrap();
        let Delivery::Send(entry) = prepared.delivery else {
            panic!("a row to send")
        };
        assert!(store.claim_outbox(entry.id, t0(), None).unwrap());
        store
            .record_delivery(entry.id, t0(), &failed(state))
            .unwrap();
    };
    let ana = add(&mut store, "Dev", "Ana", "ana@exemple.fr");
    let bea = add(&mut store, "Dev", "Bea", "bea@exemple.fr");
    send(&mut store, ana, OutboxState::FailedPermanent);
    send(&mut store, bea, OutboxState::Unknown);
    let view = View {
        base_url: "https://entretiens.exemple.fr",
        now: t0(),
        zone: paris(),
        lang: jobgate_core::Lang::Fr,
    };
    let retry_of = |store: &Store, id: i64| {
        let lines = store.list_outbox(10).unwrap();
        let line = lines.iter().find(|l| l.email.application_id == id).unwrap();
        view.outbox(line).retry
    };
    assert_eq!(retry_of(&store, ana), Some(OutboxRetry::Retry));
    assert_eq!(retry_of(&store, bea), Some(OutboxRetry::Resend));
    store.revoke_link(ana, t0()).unwrap();
    assert_eq!(retry_of(&store, ana), None, "revoked on purpose");
    store
        .set_application_status(bea, ApplicationStatus::Rejected, t0())
        .unwrap();
    assert_eq!(retry_of(&store, bea), None, "a decision is final");
}
