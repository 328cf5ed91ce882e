//! The invitation email: text, HTML and the MIME message lettre sends.
//!
//! Every value that comes from a recruiter or a CSV (names, titles) was validated
//! as one line with no control characters, so it cannot add a header; in the
//! HTML part each value is escaped; lettre encodes UTF-8 headers (RFC 2047) and
//! bodies (quoted-printable) itself.

use lettre::message::header::{self, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::Message;

use super::MailError;

/// What an invitation says, once rendered. Stored in the outbox as it is, so a
/// retry sends exactly what was first prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The values an invitation is made from.
pub struct InvitationFields<'a> {
    pub candidate_name: &'a str,
    pub job_title: &'a str,
    pub start_url: &'a str,
    /// The expiry in the recruiter's zone, zone named ("01/12/2026 à 07:58 (Europe/Paris)").
    pub expires_local: &'a str,
    /// Who signs: the From display name, else "JobGate".
    pub team: &'a str,
}

/// The seed's French invitation (the default template), with the candidate
/// greeted by name and the expiry's time zone named.
pub fn render_invitation(f: &InvitationFields<'_>) -> RenderedEmail {
    crate::template::default_template(crate::Lang::Fr).render(&crate::template::Values {
        candidate_name: f.candidate_name,
        job_title: f.job_title,
        start_url: f.start_url,
        expires_at: f.expires_local,
        company: f.team,
        recruiter_name: f.team,
    })
}

/// The candidate's link was extended: the same link, its new expiry, in the
/// campaign's language.
pub fn render_extension(f: &InvitationFields<'_>, lang: crate::Lang) -> RenderedEmail {
    let wording = match lang {
        crate::Lang::Fr => Wording {
            hello: "Bonjour",
            subject: "Votre lien d'entretien vidéo est prolongé",
            intro: "Bonne nouvelle : vous avez plus de temps pour passer l'entretien vidéo pour le poste de",
            start: "Commencez votre entretien ici :",
            button: "Commencer mon entretien",
            copy: "Ou copiez ce lien dans votre navigateur :",
            expiry: "Ce lien expire désormais le",
            regards: "Cordialement,",
            signature: "L'équipe {team}",
        },
        crate::Lang::En => Wording {
            hello: "Hello",
            subject: "Your video interview link has been extended",
            intro: "Good news: you have more time for the video interview for the position of",
            start: "Start your interview here:",
            button: "Start my interview",
            copy: "Or copy this link into your browser:",
            expiry: "This link now expires on",
            regards: "Best regards,",
            signature: "The {team} team",
        },
    };
    render_link_email(f, &wording, lang)
}

/// The words of the extension email, in one language.
struct Wording {
    hello: &'static str,
    subject: &'static str,
    /// Followed by the job title and a full stop.
    intro: &'static str,
    /// Followed by the link.
    start: &'static str,
    button: &'static str,
    copy: &'static str,
    /// Followed by the expiry and a full stop.
    expiry: &'static str,
    regards: &'static str,
    /// `{team}` stands for the team's name.
    signature: &'static str,
}

fn render_link_email(f: &InvitationFields<'_>, w: &Wording, lang: crate::Lang) -> RenderedEmail {
    let subject = format!("{} — {}", w.subject, f.job_title);
    let text = format!(
        "{hello} {name},\n\n\
         {intro} {job}.\n\n\
         🎯 {start} {url}\n\n\
         ⏰ {expiry} {expires}.\n\n\
         {regards}\n\
         {signature}\n",
        hello = w.hello,
        start = w.start,
        regards = w.regards,
        signature = w.signature.replace("{team}", f.team),
        intro = w.intro,
        expiry = w.expiry,
        name = f.candidate_name,
        job = f.job_title,
        url = f.start_url,
        expires = f.expires_local,
    );
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body style=\"font-family:Arial,Helvetica,sans-serif;color:#1d2733;line-height:1.5\">\
         <p>{hello} {name},</p>\
         <p>{intro} <strong>{job}</strong>.</p>\
         <p>🎯 <a href=\"{url}\" style=\"display:inline-block;background:#1f4e8c;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:13px;color:#555\">{copy} <a href=\"{url}\">{url}</a></p>\
         <p>⏰ {expiry} {expires}.</p>\
         <p>{regards}<br>{signature}</p>\
         </body></html>\n",
        lang = lang.code(),
        hello = escape_html(w.hello),
        button = escape_html(w.button),
        copy = escape_html(w.copy),
        regards = escape_html(w.regards),
        signature = escape_html(w.signature).replace("{team}", &escape_html(f.team)),
        subject = escape_html(&subject),
        intro = escape_html(w.intro),
        expiry = escape_html(w.expiry),
        name = escape_html(f.candidate_name),
        job = escape_html(f.job_title),
        url = escape_html(f.start_url),
        expires = escape_html(f.expires_local),
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// A `mailto:` address (RFC 6068) that opens the recruiter's own mail client
/// with the same subject and text, for when SendGrid fails or the candidate
/// says nothing arrived. Every value is percent-encoded, so nothing in a name
/// or title can add a header or a recipient.
pub fn mailto_url(to: &str, email: &RenderedEmail) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    // RFC 3986 unreserved characters stay as they are.
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    // RFC 6068: line breaks are CRLF in a mailto body.
    let body = email.text.replace("\r\n", "\n").replace('\n', "\r\n");
    let to = utf8_percent_encode(to, KEEP)
        .to_string()
        .replace("%40", "@");
    format!(
        "mailto:{to}?subject={}&body={}",
        utf8_percent_encode(&email.subject, KEEP),
        utf8_percent_encode(&body, KEEP)
    )
}

/// The seed's test message, for "Envoyer un email de test".
pub fn render_test_email(team: &str) -> RenderedEmail {
    let subject = "Test JobGate - Invitation Candidat".to_owned();
    let text = format!(
        "Bonjour,\n\nCeci est un message de test envoyé par JobGate pour vérifier la configuration d'envoi.\n\
         Si vous le lisez, les invitations aux entretiens vidéo partiront correctement.\n\n\
         Cordialement,\nL'équipe {team}\n"
    );
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{subject}</title></head><body>\
         <p>Bonjour,</p><p>Ceci est un message de test envoyé par JobGate pour vérifier la configuration d'envoi.<br>\
         Si vous le lisez, les invitations aux entretiens vidéo partiront correctement.</p>\
         <p>Cordialement,<br>L'équipe {team}</p></body></html>\n",
        team = escape_html(team)
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// SendGrid's per-message settings. Click tracking off so the interview link
/// reaches the candidate as it is; a category and the invitation's id to find
/// it in SendGrid's activity — never the candidate's email (SendGrid keeps
/// these forever).
#[derive(Debug, Clone)]
pub struct XSmtpApi(String);

impl XSmtpApi {
    pub fn new(category: &str, invitation_id: Option<i64>) -> XSmtpApi {
        let mut value = serde_json::json!({
            "filters": { "clicktrack": { "settings": { "enable": 0, "enable_text": false } } },
            "category": [category],
        });
        if let Some(id) = invitation_id {
            value["unique_args"] = serde_json::json!({ "invitation_id": id.to_string() });
        }
        XSmtpApi(value.to_string())
    }
}

impl Header for XSmtpApi {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-SMTPAPI")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(XSmtpApi(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// Everything that goes around a rendered email.
pub struct Envelope<'a> {
    pub from: &'a Mailbox,
    pub reply_to: Option<&'a Mailbox>,
    pub to: Mailbox,
    pub message_id: &'a str,
    pub smtpapi: XSmtpApi,
}

/// The MIME message: multipart/alternative with text/plain then text/html,
/// Date and Message-ID set, From with its display name.
pub fn build_message(envelope: Envelope<'_>, email: &RenderedEmail) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(envelope.from.clone())
        .to(envelope.to)
        .subject(email.subject.clone())
        .message_id(Some(envelope.message_id.to_owned()))
        .date_now()
        .header(envelope.smtpapi);
    if let Some(reply_to) = envelope.reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .header(header::ContentTransferEncoding::QuotedPrintable)
                        .body(email.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .header(header::ContentTransferEncoding::QuotedPrintable)
                        .body(email.html.clone()),
                ),
        )
        .map_err(|e| MailError::Compose {
            detail: e.to_string(),
        })
}

/// A new Message-ID on the sender's domain: `<random@domain>`.
pub fn new_message_id(domain: &str) -> Result<String, MailError> {
    let token = crate::domain::Token::generate().map_err(|e| MailError::Compose {
        detail: e.to_string(),
    })?;
    Ok(format!("<{}@{domain}>", token.as_str()))
}
