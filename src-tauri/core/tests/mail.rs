//! The invitation message, parsed back by a real MIME parser (mail-parser).

use jobgate_core::mail::message::{
    build_message, render_invitation, Envelope, InvitationFields, XSmtpApi,
};
use lettre::message::Mailbox;
use mail_parser::{MessageParser, MimeHeaders};

fn invitation(name: &str, job: &str) -> Vec<u8> {
    let email = render_invitation(&InvitationFields {
        candidate_name: name,
        job_title: job,
        start_url: "https://entretiens.exemple.fr/interview/start/abc_DEF-123",
        expires_local: "01/12/2026 à 07:58 (Europe/Paris)",
        team: "Acme Recrutement",
    });
    let from: Mailbox = "Acme Recrutement <recrutement@acme.fr>".parse().unwrap();
    let reply_to: Mailbox = "rh@acme.fr".parse().unwrap();
    build_message(
        Envelope {
            from: &from,
            reply_to: Some(&reply_to),
            to: Mailbox::new(
                Some(name.to_owned()),
                "candidat@exemple.fr".parse().unwrap(),
            ),
            message_id: "<id-1@acme.fr>",
            smtpapi: XSmtpApi::new("jobgate-invitation", Some(42)),
        },
        &email,
    )
    .unwrap()
    .formatted()
}

#[test]
fn the_seed_email_survives_a_real_mime_parser() {
    let raw = invitation("Élodie Brûlé", "Développeur Full Stack");
    let msg = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        msg.subject(),
        Some("Invitation à l'entretien vidéo — Développeur Full Stack")
    );
    let from = msg.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Acme Recrutement"));
    assert_eq!(from.address(), Some("recrutement@acme.fr"));
    let to = msg.to().unwrap().first().unwrap();
    assert_eq!(to.name(), Some("Élodie Brûlé"));
    assert_eq!(
        msg.reply_to().unwrap().first().unwrap().address(),
        Some("rh@acme.fr")
    );
    assert_eq!(msg.message_id(), Some("id-1@acme.fr"));
    assert!(msg.date().is_some());

    let text = msg.body_text(0).unwrap();
    assert!(text.starts_with("Bonjour Élodie Brûlé,"));
    assert!(text.contains("pour le poste de Développeur Full Stack."));
    assert!(text.contains(
        "Commencez votre entretien ici : https://entretiens.exemple.fr/interview/start/abc_DEF-123"
    ));
    assert!(text.contains("Ce lien expire le 01/12/2026 à 07:58 (Europe/Paris)."));
    assert!(text.contains("L'équipe Acme Recrutement"));
    let html = msg.body_html(0).unwrap();
    assert!(html.contains("href=\"https://entretiens.exemple.fr/interview/start/abc_DEF-123\""));
    assert_eq!(msg.text_body.len(), 1);
    assert_eq!(msg.html_body.len(), 1);
    let root = msg.parts.first().unwrap();
    assert_eq!(root.content_type().unwrap().subtype(), Some("alternative"));

    let smtpapi = msg.header_raw("X-SMTPAPI").unwrap();
    let json: serde_json::Value = serde_json::from_str(smtpapi.trim()).unwrap();
    assert_eq!(json["filters"]["clicktrack"]["settings"]["enable"], 0);
    assert_eq!(json["category"][0], "jobgate-invitation");
    assert_eq!(json["unique_args"]["invitation_id"], "42");
    assert!(
        !smtpapi.contains('@'),
        "no email address in what SendGrid keeps"
    );
}

#[test]
fn markup_in_names_is_escaped_in_html_and_kept_in_text() {
    let raw = invitation(
        "Zoé <b>Roux</b> & \"Cie\"",
        "Chef <script>alert(1)</script>",
    );
    let msg = MessageParser::default().parse(&raw).unwrap();
    let html = msg.body_html(0).unwrap();
    assert!(html.contains("Zoé &lt;b&gt;Roux&lt;/b&gt; &amp; &quot;Cie&quot;"));
    assert!(html.contains("Chef &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>Roux"));
    let text = msg.body_text(0).unwrap();
    assert!(text.contains("Bonjour Zoé <b>Roux</b> & \"Cie\","));
    assert_eq!(
        msg.subject(),
        Some("Invitation à l'entretien vidéo — Chef <script>alert(1)</script>")
    );
}

#[test]
fn the_subject_stays_one_header_whatever_its_length() {
    let long_title = "Responsable ".repeat(16);
    let raw = invitation("Ana", long_title.trim());
    let msg = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(
        msg.subject().unwrap(),
        format!("Invitation à l'entretien vidéo — {}", long_title.trim())
    );
    let headers: Vec<&str> = msg.headers().iter().map(|h| h.name()).collect();
    for expected in [
        "From",
        "Reply-To",
        "To",
        "Subject",
        "Message-ID",
        "Date",
        "X-SMTPAPI",
        "MIME-Version",
        "Content-Type",
    ] {
        assert_eq!(
            headers
                .iter()
                .filter(|h| h.eq_ignore_ascii_case(expected))
                .count(),
            1,
            "{expected} in {headers:?}"
        );
    }
    assert_eq!(headers.len(), 9, "no other header: {headers:?}");
}
