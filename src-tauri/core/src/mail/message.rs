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
use crate::i18n::{render, FluentArgs, Lang};

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
    crate::template::default_template(Lang::Fr).render(&crate::template::Values {
        candidate_name: f.candidate_name,
        job_title: f.job_title,
        start_url: f.start_url,
        expires_at: f.expires_local,
        company: f.team,
        recruiter_name: f.team,
    })
}

/// The candidate's link was extended: the same link, its new expiry, in the
/// campaign's language (`mail-extension-*`).
pub fn render_extension(f: &InvitationFields<'_>, lang: Lang) -> RenderedEmail {
    let line = |id: &str| {
        crate::tr!(
            lang,
            id,
            candidate_name = f.candidate_name,
            job_title = f.job_title,
            start_url = f.start_url,
            expires_at = f.expires_local,
            team = f.team,
        )
    };
    let subject = line("mail-extension-subject");
    let text = [
        line("mail-extension-hello"),
        line("mail-extension-intro"),
        line("mail-extension-start"),
        line("mail-extension-expiry"),
        format!("{}\n{}", line("mail-regards"), line("mail-signature")),
    ]
    .join("\n\n")
        + "\n";
    let url = escape_html(f.start_url);
    let link = format!("<a href=\"{url}\">{url}</a>");
    let html_line = |id: &str| {
        html_of(
            lang,
            id,
            &[
                ("candidate_name", escape_html(f.candidate_name)),
                (
                    "job_title",
                    format!("<strong>{}</strong>", escape_html(f.job_title)),
                ),
                ("start_url", link.clone()),
                ("expires_at", escape_html(f.expires_local)),
                ("team", escape_html(f.team)),
            ],
        )
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:Arial,Helvetica,sans-serif;color:#1d2733;line-height:1.5\">\
         <p>{hello}</p>\
         <p>{intro}</p>\
         <p>🎯 <a href=\"{url}\" style=\"display:inline-block;background:#1f4e8c;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:13px;color:#555\">{copy}</p>\
         <p>{expiry}</p>\
         <p>{regards}<br>{signature}</p>\
         </body></html>\n",
        lang = lang.code(),
        title = escape_html(&subject),
        hello = html_line("mail-extension-hello"),
        intro = html_line("mail-extension-intro"),
        button = escape_html(&crate::tr!(lang, "template-start-button")),
        copy = html_line("mail-extension-copy"),
        expiry = html_line("mail-extension-expiry"),
        regards = html_line("mail-regards"),
        signature = html_line("mail-signature"),
    );
    RenderedEmail {
        subject,
        text,
        html,
    }
}

/// Message `id` as HTML: its words escaped, each argument replaced by the HTML
/// given for it (already escaped, or markup such as a link). The arguments go
/// through Fluent as private-use markers, so that the translator's words and
/// the values are escaped apart and a value's markup is never escaped twice.
fn html_of(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let marker = |i: usize| format!("\u{E000}{i}\u{E001}");
    let mut fluent_args = FluentArgs::new();
    for (i, (name, _)) in args.iter().enumerate() {
        fluent_args.set(*name, marker(i));
    }
    let mut html = escape_html(&render(lang, id, Some(&fluent_args))).replace('\n', "<br>");
    for (i, (_, value)) in args.iter().enumerate() {
        html = html.replace(&marker(i), value);
    }
    html
}

/// A `mailto:` address (RFC 6068) that opens the recruiter's own mail client
/// with the same subject and text, for when SendGrid fails or the candidate
/// says nothing arrived. Every value is percent-encoded, so nothing in a name
/// or title can add a header or a recipient.
pub fn mailto_url(to: &str, subject: &str, text: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    // RFC 3986 unreserved characters stay as they are.
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    // RFC 6068: line breaks are CRLF in a mailto body.
    let body = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let to = utf8_percent_encode(to, KEEP)
        .to_string()
        .replace("%40", "@");
    format!(
        "mailto:{to}?subject={}&body={}",
        utf8_percent_encode(subject, KEEP),
        utf8_percent_encode(&body, KEEP)
    )
}

/// The seed's test message, for "Envoyer un email de test" (`mail-test-*`).
/// It stays French, as the seed's did.
pub fn render_test_email(team: &str) -> RenderedEmail {
    let lang = Lang::Fr;
    let subject = crate::tr!(lang, "mail-test-subject");
    let text = format!(
        "{}\n\n{}\n\n{}\n{}\n",
        crate::tr!(lang, "mail-test-hello"),
        crate::tr!(lang, "mail-test-body"),
        crate::tr!(lang, "mail-regards"),
        crate::tr!(lang, "mail-signature", team = team),
    );
    let team = [("team", escape_html(team))];
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <p>{hello}</p><p>{body}</p><p>{regards}<br>{signature}</p></body></html>\n",
        lang = lang.code(),
        title = escape_html(&subject),
        hello = html_of(lang, "mail-test-hello", &[]),
        body = html_of(lang, "mail-test-body", &[]),
        regards = html_of(lang, "mail-regards", &[]),
        signature = html_of(lang, "mail-signature", &team),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> InvitationFields<'static> {
        InvitationFields {
            candidate_name: "Élodie <b>Brûlé</b>",
            job_title: "Dev & Ops l'été",
            start_url: "http://localhost:3000/interview/start/abc?x=1&y=2",
            expires_local: "01/12/2026 à 10:00 (Europe/Paris)",
            team: "Acme \"RH\"",
        }
    }

    /// The extension email reads as it did when its words were in the code.
    #[test]
    fn the_extension_email_reads_whole_and_escapes_its_values() {
        let e = render_extension(&fields(), Lang::Fr);
        assert_eq!(
            e.subject,
            "Votre lien d'entretien vidéo est prolongé — Dev & Ops l'été"
        );
        assert_eq!(
            e.text,
            "Bonjour Élodie <b>Brûlé</b>,\n\n\
             Bonne nouvelle : vous avez plus de temps pour passer l'entretien vidéo pour le poste de Dev & Ops l'été.\n\n\
             🎯 Commencez votre entretien ici : http://localhost:3000/interview/start/abc?x=1&y=2\n\n\
             ⏰ Ce lien expire désormais le 01/12/2026 à 10:00 (Europe/Paris).\n\n\
             Cordialement,\nL'équipe Acme \"RH\"\n"
        );
        assert!(e.html.contains(
            "<p>Bonne nouvelle : vous avez plus de temps pour passer l&#39;entretien vidéo pour le poste de \
             <strong>Dev &amp; Ops l&#39;été</strong>.</p>"
        ));
        assert!(e.html.contains(
            "Ou copiez ce lien dans votre navigateur : <a href=\"http://localhost:3000/interview/start/abc?x=1&amp;y=2\">"
        ));
        assert!(e
            .html
            .contains("<p>Bonjour Élodie &lt;b&gt;Brûlé&lt;/b&gt;,</p>"));
        assert!(e.html.contains("<br>L&#39;équipe Acme &quot;RH&quot;</p>"));
        let en = render_extension(&fields(), Lang::En);
        assert!(en.text.ends_with("Best regards,\nThe Acme \"RH\" team\n"));
        assert!(en.html.contains(">Start my interview</a>"));
    }

    #[test]
    fn the_test_email_is_the_seeds() {
        let e = render_test_email("Acme");
        assert_eq!(e.subject, "Test JobGate - Invitation Candidat");
        assert_eq!(
            e.text,
            "Bonjour,\n\nCeci est un message de test envoyé par JobGate pour vérifier la configuration d'envoi.\n\
             Si vous le lisez, les invitations aux entretiens vidéo partiront correctement.\n\n\
             Cordialement,\nL'équipe Acme\n"
        );
        assert!(e.html.contains("d&#39;envoi.<br>Si vous le lisez"));
    }
}
