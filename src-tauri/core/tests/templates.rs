//! Each offer's template in versions, and each email made from one of them.

mod common;
use common::percent_decode;

use chrono::{DateTime, TimeZone, Utc};
use jobgate_core::invitations::Invitations;
use jobgate_core::mail::RenderedEmail;
use jobgate_core::secret::MemorySecretStore;
use jobgate_core::store::{AddOutcome, Delivery, NewApplication, PreparedEmail, Store};
use jobgate_core::template::EmailTemplate;
use jobgate_core::{CoreError, Lang};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 25, 9, 0, 0).unwrap()
}

fn store_with(job: &str, name: &str, email: &str) -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    store.set_time_zone("Europe/Paris".parse().unwrap());
    let new = NewApplication::parse(job, name, email).unwrap();
    let AddOutcome::Added { application_id } = store.add_application(&new, t0()).unwrap() else {
        panic!("added")
    };
    let job_id = store.application(application_id).unwrap().job_id;
    (store, application_id, job_id)
}

#[test]
fn templates_are_versions_never_edited_and_each_email_records_its_own() {
    let (mut store, app, job) = store_with("Dev", "Ana", "ana@exemple.fr");
    // Never saved: the seed's French text, version 0.
    let first = store.job_template(job).unwrap();
    assert_eq!((first.id, first.version, first.custom), (None, 0, false));
    assert_eq!(first.template.lang(), Lang::Fr);
    assert!(first
        .template
        .subject_source()
        .starts_with("Invitation à l'entretien vidéo"));

    // The first email writes version 1 (the default) and points at it.
    let prepared = store
        .prepare_invitation(app, t0(), |a, _, t| {
            assert_eq!(t.version, 1);
            Ok(PreparedEmail {
                recipient: a.email.clone(),
                recipient_name: a.candidate_name.clone(),
                email: RenderedEmail {
                    subject: t.template.subject_source().to_owned(),
                    text: "t".into(),
                    html: "h".into(),
                },
                message_id: "<1@test>".into(),
            })
        })
        .unwrap();
    assert!(matches!(prepared.delivery, Delivery::Send(_)));
    let v1 = store.job_template(job).unwrap();
    assert_eq!(v1.version, 1);
    let email = &store.list_outbox(1).unwrap()[0];
    assert_eq!(email.email.template_id, v1.id);

    // Saving the recruiter's text, then switching to English: versions 2 and 3.
    let custom =
        EmailTemplate::parse(Lang::Fr, "Entretien — {job_title}", "Lien : {start_url}").unwrap();
    let v2 = store.save_job_template(job, &custom, t0()).unwrap();
    assert_eq!((v2.version, v2.custom), (2, true));
    let v3 = store.use_default_template(job, Lang::En, t0()).unwrap();
    assert_eq!((v3.version, v3.custom), (3, false));
    assert_eq!(store.job_template(job).unwrap().template.lang(), Lang::En);
    // The email already made still points at version 1.
    assert_eq!(store.list_outbox(1).unwrap()[0].email.template_id, v1.id);

    assert!(matches!(
        store.job_template(999),
        Err(CoreError::JobNotFound { id: 999 })
    ));
}

#[test]
fn an_english_campaign_writes_its_emails_in_english_with_an_unambiguous_date() {
    let (mut store, app, job) = store_with("Backend developer", "Sam Lee", "sam@example.com");
    store.use_default_template(job, Lang::En, t0()).unwrap();
    store.create_or_get_link(app, t0()).unwrap();
    store.set_setting("company", "Acme").unwrap();
    // A mailto is a real email: its links lead to the interview platform.
    store
        .set_setting("base_url", "https://interviews.example.com")
        .unwrap();
    let invitations = Invitations::new(store, Box::<MemorySecretStore>::default());
    let url = invitations.mailto(app, t0()).unwrap();
    let decoded = percent_decode(&url);
    assert!(
        decoded.contains("subject=Video interview invitation — Backend developer"),
        "{decoded}"
    );
    assert!(decoded.contains("Hello Sam Lee,"), "{decoded}");
    // Made on Wednesday 25 March at 10:00 in Paris: 1 April at 10:00, summer time.
    assert!(
        decoded.contains("This link expires on 1 April 2026 at 10:00 (Europe/Paris)."),
        "{decoded}"
    );
    assert!(decoded.contains("The Acme team"), "{decoded}");
}

/// Issue 18, item 6: a custom French text set to English read « valable
/// jusqu'au 9 December 2026 at 00:09 ». That is the rule, kept on purpose: the
/// date (and the button) follow the email's language — the one the template
/// chose —, whatever words its text holds; the editor now says so when the
/// language changes under a text of the recruiter's own.
#[test]
fn the_expiry_date_follows_the_emails_language_whatever_words_its_text_holds() {
    let (mut store, app, job) = store_with("Dev", "Ana", "ana@exemple.fr");
    store.create_or_get_link(app, t0()).unwrap();
    let invitations = Invitations::new(store, Box::<MemorySecretStore>::default());
    let preview = |lang, body| {
        let template = EmailTemplate::parse(lang, "Entretien — {job_title}", body).unwrap();
        invitations
            .preview(job, Some(app), &template, t0())
            .unwrap()
    };

    // French words, English email: the date reads in English.
    let english = preview(Lang::En, "Valable jusqu'au {expires_at} : {start_url}\n");
    assert_eq!(english.lang, Lang::En);
    assert!(
        english
            .text
            .contains("Valable jusqu'au 1 April 2026 at 10:00 (Europe/Paris)"),
        "{}",
        english.text
    );
    assert!(
        english.html.contains("Start my interview"),
        "{}",
        english.html
    );

    // English words, French email: the date reads in French.
    let french = preview(Lang::Fr, "Valid until {expires_at}: {start_url}\n");
    assert!(
        french
            .text
            .contains("Valid until 01/04/2026 à 10:00 (Europe/Paris)"),
        "{}",
        french.text
    );
    assert!(
        french.html.contains("Commencer mon entretien"),
        "{}",
        french.html
    );
}
