//! Candidates' rights (issue 14) against a real database file: the access
//! document holds everything about one person and nobody else; an erasure
//! leaves no byte of theirs in the file or its journal, keeps the offers'
//! counts, and is refused while an email to them is being sent.

use chrono::{DateTime, TimeZone, Utc};
use jobgate_core::domain::ApplicationStatus;
use jobgate_core::dto::View;
use jobgate_core::mail::RenderedEmail;
use jobgate_core::rgpd::PersonalDataExport;
use jobgate_core::store::{
    AddOutcome, ApplicationRecord, Delivery, DeliveryOutcome, LinkRecord, NewApplication,
    OutboxState, PreparedEmail, Stage, Store, StoredTemplate, TimelineKind,
};
use jobgate_core::{CoreError, Lang};

const NAME: &str = "Xavière Dûpont-Lefèvre";
const NAME_KEY: &str = "xaviere dupont-lefevre";
const EMAIL: &str = "Xaviere.Dupont@exemple.fr";
const OTHER_NAME: &str = "Yann Kermarrec";
const OTHER_EMAIL: &str = "yann.kermarrec@exemple.fr";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn add(store: &mut Store, job: &str, name: &str, email: &str) -> i64 {
    let new = NewApplication::parse(job, name, email).unwrap();
    match store.add_application(&new, t0()).unwrap() {
        AddOutcome::Added { application_id } => application_id,
        other => panic!("expected a new application, got {other:?}"),
    }
}

/// An email as the real composer makes it: the name in the subject and the
/// bodies, the link in the text.
fn compose(
    app: &ApplicationRecord,
    link: &LinkRecord,
    _template: &StoredTemplate,
) -> jobgate_core::Result<PreparedEmail> {
    Ok(PreparedEmail {
        recipient: app.email.clone(),
        recipient_name: app.candidate_name.clone(),
        email: RenderedEmail {
            subject: format!("Entretien {} — {}", app.job_title, app.candidate_name),
            text: format!(
                "Bonjour {},\nhttps://entretiens.exemple.fr/interview/start/{}",
                app.candidate_name,
                link.token.as_str()
            ),
            html: format!("<p>Bonjour {}</p>", app.candidate_name),
        },
        message_id: format!("<{}.{}@jobgate.exemple.fr>", app.id, link.id),
    })
}

fn queue(store: &mut Store, id: i64) -> i64 {
    match store
        .prepare_invitation(id, t0(), compose)
        .unwrap()
        .delivery
    {
        Delivery::Send(entry) => entry.id,
        other => panic!("a row to send, got {other:?}"),
    }
}

fn outcome<'a>(state: OutboxState, code: u16, reply: &'a str) -> DeliveryOutcome<'a> {
    DeliveryOutcome {
        state,
        smtp_code: Some(code),
        reply: Some(reply),
        // "Ok: queued as Q4XyZ": the id the server gave the message.
        queue_id: reply
            .strip_prefix("Ok: queued as ")
            .filter(|_| state == OutboxState::Sent),
        error_code: (state != OutboxState::Sent).then_some("smtp_4xx"),
        error_fr: (state != OutboxState::Sent).then(|| format!("Le serveur a dit : {reply}")),
        error_en: (state != OutboxState::Sent).then(|| format!("The server said: {reply}")),
    }
}

fn send(store: &mut Store, row: i64, state: OutboxState, code: u16, reply: &str) {
    assert!(store.claim_outbox(row, t0(), None).unwrap());
    store
        .record_delivery(row, t0(), &outcome(state, code, reply))
        .unwrap();
}

/// The database file and its write-ahead log, as bytes on disk.
fn raw_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let wal = path.with_extension("sqlite3-wal");
    if let Ok(more) = std::fs::read(wal) {
        bytes.extend(more);
    }
    bytes
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_erasure_leaves_no_byte_of_the_candidate_and_keeps_the_offers_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jobgate.sqlite3");
    let mut store = Store::open(&path).unwrap();
    // Offer A: theirs (sent, then interviewed) beside someone else's.
    let sent = add(&mut store, "Offre A", NAME, EMAIL);
    let other = add(&mut store, "Offre A", OTHER_NAME, OTHER_EMAIL);
    // Offer B: an email still queued. Offer C: a failed try whose reply quotes them.
    let queued = add(&mut store, "Offre B", NAME, EMAIL);
    let failed = add(&mut store, "Offre C", NAME, EMAIL);
    let row = queue(&mut store, sent);
    send(
        &mut store,
        row,
        OutboxState::Sent,
        250,
        "Ok: queued as Q4XyZ",
    );
    store
        .set_application_status(sent, ApplicationStatus::Interviewed, t0())
        .unwrap();
    let row = queue(&mut store, other);
    send(
        &mut store,
        row,
        OutboxState::Sent,
        250,
        "Ok: queued as Q9AbC",
    );
    queue(&mut store, queued);
    let row = queue(&mut store, failed);
    let reply = "450 4.2.1 <xaviere.dupont@exemple.fr>: Xavière Dûpont-Lefèvre's mailbox is busy";
    send(&mut store, row, OutboxState::FailedTemporary, 450, reply);

    let candidate = store
        .candidate_by_email("XAVIERE.dupont@EXEMPLE.fr")
        .unwrap();
    let candidate = candidate.expect("found whatever the case");
    let other_candidate = store.application(other).unwrap().candidate_id;

    // Access: everything about them, nothing about anyone else.
    let view = View::for_recruiter("https://entretiens.exemple.fr", t0(), Lang::Fr);
    let records = store.personal_records(candidate).unwrap();
    let document = PersonalDataExport::new(&records, &view);
    let mut json = Vec::new();
    document.write_json(&mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "jobgate-personal-data");
    assert_eq!(value["version"], 1);
    assert_eq!(value["candidate"]["email"], "Xaviere.Dupont@exemple.fr");
    assert_eq!(value["applications"].as_array().unwrap().len(), 3);
    let tokens: Vec<String> = records
        .applications
        .iter()
        .flat_map(|a| a.links.iter().map(|l| l.link.token.as_str().to_owned()))
        .collect();
    assert_eq!(tokens.len(), 3);
    let message_ids: Vec<String> = records
        .applications
        .iter()
        .flat_map(|a| a.emails.iter().map(|e| e.message_id.clone()))
        .collect();
    assert_eq!(message_ids.len(), 3);
    for token in &tokens {
        assert!(json.contains(token.as_str()));
    }
    assert!(json.contains("Entretien Offre B — Xavière Dûpont-Lefèvre"));
    assert!(json.contains("mailbox is busy"));
    assert!(json.contains("\"interviewed\""));
    assert!(!json.contains(OTHER_NAME) && !json.contains(OTHER_EMAIL));
    let other_token = store
        .application(other)
        .unwrap()
        .link
        .unwrap()
        .token
        .as_str()
        .to_owned();
    assert!(!json.contains(other_token.as_str()));

    let before = raw_bytes(&path);
    assert!(holds(&before, EMAIL) && holds(&before, NAME) && holds(&before, NAME_KEY));
    let overview_before = store.job_overview(t0()).unwrap();

    let erasure = store.erase_candidate(candidate, t0()).unwrap();
    assert_eq!(erasure.applications, 3);
    assert_eq!(erasure.links_revoked, 3);
    // The queued email dropped, the one waiting for a retry ended.
    assert_eq!(erasure.emails_withdrawn, 2);
    assert!(erasure.compacted);

    // The bytes on disk, with the store still open (nothing left to a close).
    let after = raw_bytes(&path);
    for gone in [
        EMAIL,
        &EMAIL.to_lowercase(),
        NAME,
        NAME_KEY,
        "Dûpont",
        "dupont",
        "Q4XyZ",
    ] {
        assert!(!holds(&after, gone), "{gone:?} is still in the file");
    }
    for token in &tokens {
        assert!(!holds(&after, token), "a token is still in the file");
    }
    for id in &message_ids {
        assert!(!holds(&after, id), "{id} is still in the file");
    }
    // Someone else's data is untouched.
    assert!(holds(&after, OTHER_EMAIL) && holds(&after, OTHER_NAME));
    assert!(holds(&after, &other_token) && holds(&after, "Q9AbC"));

    // The skeleton: their applications, offers, dates and statuses.
    let skeleton = store.application(sent).unwrap();
    assert_eq!(skeleton.status, ApplicationStatus::Interviewed);
    assert_eq!(
        skeleton.email,
        jobgate_core::rgpd::erased_address(candidate)
    );
    assert!(store.candidate_by_email(EMAIL).unwrap().is_none());
    let dto = view.application(&skeleton);
    assert!(dto.erased);
    assert_eq!(dto.candidate_name, "Candidat effacé");
    assert!(!dto.can.invite && !dto.can.resend && !dto.can.delete);
    let english = View::for_recruiter("https://x.example", t0(), Lang::En);
    assert_eq!(
        english.application(&skeleton).candidate_name,
        "Erased candidate"
    );
    // The offers count the same applications; offer A, decided, by the same stages.
    let overview_after = store.job_overview(t0()).unwrap();
    assert_eq!(overview_before.len(), overview_after.len());
    for (b, a) in overview_before.iter().zip(&overview_after) {
        assert_eq!(b.applications, a.applications, "{}", b.title);
        assert_eq!(
            b.stages.values().sum::<u64>(),
            a.stages.values().sum::<u64>()
        );
    }
    assert_eq!(overview_before[0].stages, overview_after[0].stages);
    assert_eq!(overview_after[0].stages[&Stage::Interviewed], 1);
    assert_eq!(overview_after[1].stages[&Stage::Revoked], 1);
    // Said in each history, with no personal data.
    let timeline = store.timeline(queued).unwrap();
    assert!(matches!(
        timeline.last().unwrap().kind,
        TimelineKind::CandidateErased
    ));
    // The export by id is the skeleton, with nothing of theirs.
    let records = store.personal_records(candidate).unwrap();
    let mut json = Vec::new();
    PersonalDataExport::new(&records, &view)
        .write_json(&mut json)
        .unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(json.contains("\"erased\": true"));
    assert!(!json.contains("Dupont") && !json.contains("Dûpont"));
    // No new link, email or mailto for an erased candidate.
    assert!(matches!(
        store.create_or_get_link(queued, t0()),
        Err(CoreError::CandidateErased { .. })
    ));
    // The other candidate still works as before.
    assert_eq!(
        store
            .personal_records(other_candidate)
            .unwrap()
            .candidate
            .email,
        OTHER_EMAIL
    );
    drop(store);
    let closed = raw_bytes(&path);
    assert!(!holds(&closed, EMAIL) && !holds(&closed, NAME));
}

#[test]
fn an_erasure_is_refused_while_an_email_to_them_is_being_sent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jobgate.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = add(&mut store, "Offre A", NAME, EMAIL);
    let row = queue(&mut store, id);
    assert!(store.claim_outbox(row, t0(), None).unwrap());
    let candidate = store.application(id).unwrap().candidate_id;
    let plan = store.erasure_plan(candidate).unwrap();
    assert_eq!((plan.applications, plan.emails, plan.sending), (1, 1, 1));
    match store.erase_candidate(candidate, t0()) {
        Err(e @ CoreError::EraseWhileSending { count: 1 }) => {
            assert!(e.message(Lang::Fr).contains("en cours d'envoi"));
            assert!(e.message(Lang::En).contains("being sent"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nothing changed: the row is still theirs and still being sent.
    let app = store.application(id).unwrap();
    assert_eq!(app.email, "Xaviere.Dupont@exemple.fr");
    assert_eq!(app.last_email.unwrap().state, OutboxState::Sending);
    // Once its outcome is in, the erasure goes through.
    store
        .record_delivery(row, t0(), &outcome(OutboxState::Sent, 250, "Ok"))
        .unwrap();
    store.erase_candidate(candidate, t0()).unwrap();
    assert!(!holds(&raw_bytes(&path), EMAIL));
}

#[test]
fn an_unknown_candidate_is_said_so() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(store
        .candidate_by_email("personne@exemple.fr")
        .unwrap()
        .is_none());
    assert!(matches!(
        store.erase_candidate(7, t0()),
        Err(CoreError::CandidateNotFound { id: 7 })
    ));
    assert!(matches!(
        store.personal_records(7),
        Err(CoreError::CandidateNotFound { id: 7 })
    ));
}

/// An erased candidate who was never invited is not "awaiting an
/// invitation": « Inviter tous les non-invités de l'offre » leaves them out
/// instead of failing for the whole offer on their refusal.
#[test]
fn inviting_a_whole_offer_leaves_an_erased_never_invited_candidate_out() {
    use jobgate_core::invitations::Invitations;
    use jobgate_core::secret::MemorySecretStore;
    let mut store = Store::open_in_memory().unwrap();
    let erased = add(&mut store, "Comptable", NAME, EMAIL);
    let kept = add(&mut store, "Comptable", OTHER_NAME, OTHER_EMAIL);
    let record = store.application(erased).unwrap();
    store.erase_candidate(record.candidate_id, t0()).unwrap();
    let invitations = Invitations::new(store, Box::new(MemorySecretStore::default()));
    let waiting = invitations
        .awaiting_invitation(record.job_id, t0())
        .unwrap();
    assert_eq!(waiting, vec![kept]);
}

/// A test email the recruiter once sent to the candidate's own address (the
/// first-run checklist keeps where it went) is forgotten with them.
#[test]
fn an_erasure_forgets_a_test_email_sent_to_that_address() {
    use jobgate_core::store::Fact;
    let mut store = Store::open_in_memory().unwrap();
    let id = add(&mut store, "Comptable", NAME, EMAIL);
    let proof = format!(
        "{}\nrecrutement@acme.fr\nsmtp.sendgrid.net",
        EMAIL.to_lowercase()
    );
    store
        .record_fact(Fact::TestEmailSent, &proof, t0())
        .unwrap();
    let candidate = store.application(id).unwrap().candidate_id;
    store.erase_candidate(candidate, t0()).unwrap();
    assert_eq!(store.fact(Fact::TestEmailSent).unwrap(), None);
}
