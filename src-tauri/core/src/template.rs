//! Invitation templates: a subject and a body with `{placeholders}`, in French
//! or English, rendered to the text and HTML parts of the email.
//!
//! Written here rather than taken from a template crate: the syntax is the
//! recruiter's (`{candidate_name}`, not `{{ candidate_name }}`), there are six
//! names and no logic, and every error must name the placeholder at fault in
//! French and English. `{{` and `}}` write a literal brace.
//!
//! Values are inserted as they are in the text part, escaped in the HTML part,
//! and the subject stays one line whatever the values hold.

use std::sync::LazyLock;

use crate::error::{CoreError, Result};
use crate::i18n::{render, FluentArgs, Lang};
use crate::mail::message::escape_html;
use crate::mail::RenderedEmail;

/// Every placeholder a template may use.
pub const PLACEHOLDERS: [&str; 6] = [
    "candidate_name",
    "job_title",
    "start_url",
    "expires_at",
    "company",
    "recruiter_name",
];

pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 20_000;

/// The values of one email.
#[derive(Debug, Clone)]
pub struct Values<'a> {
    pub candidate_name: &'a str,
    pub job_title: &'a str,
    pub start_url: &'a str,
    /// The expiry, formatted for the template's language, zone named.
    pub expires_at: &'a str,
    pub company: &'a str,
    pub recruiter_name: &'a str,
}

impl Values<'_> {
    fn get(&self, name: &str) -> &str {
        match name {
            "candidate_name" => self.candidate_name,
            "job_title" => self.job_title,
            "start_url" => self.start_url,
            "expires_at" => self.expires_at,
            "company" => self.company,
            "recruiter_name" => self.recruiter_name,
            _ => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Text(String),
    Field(&'static str),
}

/// A template checked by construction: every placeholder known, `{start_url}`
/// in the body, a one-line subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTemplate {
    lang: Lang,
    subject_source: String,
    body_source: String,
    subject: Vec<Segment>,
    body: Vec<Segment>,
}

/// The seed's French invitation, and its English translation.
pub fn default_template(lang: Lang) -> EmailTemplate {
    let (subject, body) = default_text(lang);
    // The defaults are checked by a test; a failure here is a programming error.
    EmailTemplate::parse(lang, subject, body).unwrap_or_else(|_| EmailTemplate {
        lang,
        subject_source: subject.to_owned(),
        body_source: body.to_owned(),
        subject: vec![Segment::Text(subject.to_owned())],
        body: vec![Segment::Text(body.to_owned())],
    })
}

/// The default subject and body of `lang`, as the recruiter would write them
/// (`{job_title}`…): the catalog's `template-default-subject` and
/// `template-default-body`, rendered once with each placeholder as its own value.
pub fn default_text(lang: Lang) -> (&'static str, &'static str) {
    static DEFAULTS: LazyLock<Vec<(Lang, String, String)>> = LazyLock::new(|| {
        Lang::ALL
            .iter()
            .map(|&lang| {
                let mut args = FluentArgs::new();
                for name in PLACEHOLDERS {
                    args.set(name, format!("{{{name}}}"));
                }
                let subject = render(lang, "template-default-subject", Some(&args));
                // Fluent trims a pattern's last line break; the body ends with one.
                let body = render(lang, "template-default-body", Some(&args)) + "\n";
                (lang, subject, body)
            })
            .collect()
    });
    DEFAULTS
        .iter()
        .find(|(l, _, _)| *l == lang)
        .map(|(_, subject, body)| (subject.as_str(), body.as_str()))
        .unwrap_or(("", ""))
}

/// A template as the recruiter edits it, in the window or on the command line:
/// the parts given, the others kept from the current template.
#[derive(Debug, Clone, Copy, Default)]
pub struct TemplateDraft<'a> {
    pub lang: Option<Lang>,
    pub subject: Option<&'a str>,
    pub body: Option<&'a str>,
}

impl TemplateDraft<'_> {
    /// The template this draft makes of `current` (`custom`: false for a
    /// built-in text), checked. A part not given is kept — unless the language
    /// changes under a built-in text, which then comes in the new language.
    pub fn apply(
        &self,
        current: &EmailTemplate,
        custom: bool,
    ) -> Result<EmailTemplate, Vec<CoreError>> {
        let lang = self.lang.unwrap_or(current.lang());
        let (subject, body) = if !custom && lang != current.lang() {
            default_text(lang)
        } else {
            (current.subject_source(), current.body_source())
        };
        EmailTemplate::parse(
            lang,
            self.subject.unwrap_or(subject),
            self.body.unwrap_or(body),
        )
    }
}

/// A template's language as the editor or the command line names it.
pub fn parse_lang(code: &str) -> Result<Lang, CoreError> {
    Lang::parse(code).ok_or_else(|| CoreError::InvalidSetting {
        name: "lang",
        value: code.to_owned(),
    })
}

impl EmailTemplate {
    /// Checks a template as the recruiter typed it. Every problem is reported
    /// at once, each naming what is wrong.
    pub fn parse(lang: Lang, subject: &str, body: &str) -> Result<EmailTemplate, Vec<CoreError>> {
        let mut errors = Vec::new();
        let subject_text = subject.trim();
        if subject_text.is_empty() {
            errors.push(CoreError::TemplateEmpty { part: "subject" });
        } else if subject_text.chars().count() > MAX_SUBJECT_CHARS {
            errors.push(CoreError::TemplateTooLong {
                part: "subject",
                max: MAX_SUBJECT_CHARS,
            });
        } else if subject_text.chars().any(char::is_control) {
            errors.push(CoreError::TemplateSubjectNotOneLine);
        }
        let body_text = body.replace("\r\n", "\n");
        if body_text.trim().is_empty() {
            errors.push(CoreError::TemplateEmpty { part: "body" });
        } else if body_text.chars().count() > MAX_BODY_CHARS {
            errors.push(CoreError::TemplateTooLong {
                part: "body",
                max: MAX_BODY_CHARS,
            });
        }
        let subject_segments = segments(subject_text, "subject", &mut errors);
        let body_segments = segments(&body_text, "body", &mut errors);
        if !body_segments.contains(&Segment::Field("start_url")) && !body_text.trim().is_empty() {
            errors.push(CoreError::TemplateMissingStartUrl);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EmailTemplate {
            lang,
            subject_source: subject_text.to_owned(),
            body_source: body_text,
            subject: subject_segments,
            body: body_segments,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn subject_source(&self) -> &str {
        &self.subject_source
    }

    pub fn body_source(&self) -> &str {
        &self.body_source
    }

    pub fn render(&self, values: &Values<'_>) -> RenderedEmail {
        let subject: String = self
            .subject
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.as_str(),
                Segment::Field(name) => values.get(name),
            })
            .collect::<String>()
            // Values are one line already; a subject must stay one whatever happens.
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let text: String = self
            .body
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.as_str(),
                Segment::Field(name) => values.get(name),
            })
            .collect();
        let html = self.html(&subject, values);
        RenderedEmail {
            subject,
            text,
            html,
        }
    }

    /// Paragraphs at blank lines, `<br>` at single line breaks, every value
    /// escaped, the start link a link — and, after the paragraph that first
    /// gives it, a button to it.
    fn html(&self, subject: &str, values: &Values<'_>) -> String {
        let url = escape_html(values.start_url);
        let button = render(self.lang, "template-start-button", None);
        let mut paragraphs: Vec<String> = vec![String::new()];
        let mut has_link = vec![false];
        for segment in &self.body {
            match segment {
                Segment::Field("start_url") => {
                    let current = paragraphs.len() - 1;
                    paragraphs[current].push_str(&format!("<a href=\"{url}\">{url}</a>"));
                    has_link[current] = true;
                }
                Segment::Field(name) => {
                    let current = paragraphs.len() - 1;
                    paragraphs[current].push_str(&escape_html(values.get(name)));
                }
                Segment::Text(text) => {
                    for (i, part) in text.split("\n\n").enumerate() {
                        if i > 0 {
                            paragraphs.push(String::new());
                            has_link.push(false);
                        }
                        let current = paragraphs.len() - 1;
                        let lines: Vec<String> = part.split('\n').map(escape_html).collect();
                        paragraphs[current].push_str(&lines.join("<br>"));
                    }
                }
            }
        }
        let mut body = String::new();
        let mut button_done = false;
        for (paragraph, link) in paragraphs.iter().zip(has_link) {
            let trimmed = paragraph.trim_matches(|c| c == '\n' || c == ' ');
            let trimmed = trimmed.trim_start_matches("<br>").trim_end_matches("<br>");
            if trimmed.is_empty() {
                continue;
            }
            body.push_str(&format!("<p>{trimmed}</p>"));
            if link && !button_done {
                body.push_str(&format!(
                    "<p><a href=\"{url}\" style=\"display:inline-block;background:#1f4e8c;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none\">{button}</a></p>"
                ));
                button_done = true;
            }
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
             <body style=\"font-family:Arial,Helvetica,sans-serif;color:#1d2733;line-height:1.5\">{body}</body></html>\n",
            lang = self.lang.code(),
            title = escape_html(subject),
        )
    }
}

/// Splits `source` into text and placeholders; unknown names and unclosed
/// braces go to `errors`.
fn segments(source: &str, part: &'static str, errors: &mut Vec<CoreError>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = source.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let rest = &source[i + 1..];
                match rest.find(['}', '{', '\n']) {
                    Some(end) if rest[end..].starts_with('}') => {
                        let name = &rest[..end];
                        match PLACEHOLDERS.iter().find(|p| **p == name.trim()) {
                            Some(known) => {
                                if !text.is_empty() {
                                    out.push(Segment::Text(std::mem::take(&mut text)));
                                }
                                out.push(Segment::Field(known));
                            }
                            None => errors.push(CoreError::TemplateUnknownPlaceholder {
                                part,
                                name: name.to_owned(),
                            }),
                        }
                        // Skip the name and its closing brace.
                        for _ in 0..=name.chars().count() {
                            chars.next();
                        }
                    }
                    _ => {
                        errors.push(CoreError::TemplateUnclosedBrace { part });
                        text.push('{');
                    }
                }
            }
            other => text.push(other),
        }
    }
    if !text.is_empty() {
        out.push(Segment::Text(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            candidate_name: "Élodie <b>Brûlé</b>",
            job_title: "Dev & Ops",
            start_url: "http://localhost:3000/interview/start/abc?x=1&y=2",
            expires_at: "01/12/2026 à 10:00 (Europe/Paris)",
            company: "Acme",
            recruiter_name: "Camille",
        }
    }

    #[test]
    fn every_placeholder_renders_in_text_subject_and_html() {
        let body = PLACEHOLDERS
            .iter()
            .map(|p| format!("{p}=[{{{p}}}]"))
            .collect::<Vec<_>>()
            .join("\n");
        let subject = PLACEHOLDERS
            .iter()
            .map(|p| format!("{{{p}}}"))
            .collect::<Vec<_>>()
            .join("|");
        let t = EmailTemplate::parse(Lang::En, &subject, &body).unwrap();
        let v = values();
        let out = t.render(&v);
        for p in PLACEHOLDERS {
            let value = v.get(p);
            assert!(
                out.text.contains(&format!("{p}=[{value}]")),
                "{p}: {}",
                out.text
            );
            assert!(out.subject.contains(value), "{p} in the subject");
            assert!(out.html.contains(&escape_html(value)), "{p} in the HTML");
        }
        assert!(!out.html.contains("<b>Brûlé"), "values are escaped in HTML");
        assert!(out.html.contains("&lt;b&gt;Brûlé&lt;/b&gt;"));
        assert!(out.html.contains("<html lang=\"en\">"));
    }

    #[test]
    fn unknown_placeholders_and_a_missing_start_url_are_each_named() {
        let errors =
            EmailTemplate::parse(Lang::Fr, "Bonjour {prenom}", "Merci {nom} !").unwrap_err();
        let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
        assert_eq!(
            codes,
            [
                "template_unknown_placeholder",
                "template_unknown_placeholder",
                "template_missing_start_url"
            ]
        );
        let fr = errors[0].message(Lang::Fr);
        assert!(
            fr.contains("{prenom}") && fr.contains("{candidate_name}"),
            "{fr}"
        );
        assert!(errors[1].message(Lang::En).contains("{nom}"));
        assert!(errors[2].message(Lang::Fr).contains("{start_url}"));
    }

    #[test]
    fn braces_can_be_written_and_an_unclosed_one_is_refused() {
        let t = EmailTemplate::parse(Lang::Fr, "A {{b}}", "{{x}} {start_url}").unwrap();
        let out = t.render(&values());
        assert_eq!(out.subject, "A {b}");
        assert!(out.text.starts_with("{x} http://"));
        let errors = EmailTemplate::parse(Lang::Fr, "A {job_title", "{start_url}").unwrap_err();
        assert_eq!(errors[0].code(), "template_unclosed_brace");
    }

    #[test]
    fn the_subject_stays_one_line() {
        assert_eq!(
            EmailTemplate::parse(Lang::Fr, "a\nb", "{start_url}").unwrap_err()[0].code(),
            "template_subject_not_one_line"
        );
        let t = EmailTemplate::parse(Lang::Fr, "{candidate_name}", "{start_url}").unwrap();
        let mut v = values();
        v.candidate_name = "Eve\r\nBcc: x@y.z";
        assert_eq!(t.render(&v).subject, "Eve  Bcc: x@y.z");
    }

    /// The catalog's defaults are, byte for byte, the texts JobGate has always
    /// stored and shown.
    #[test]
    fn the_defaults_read_as_they_always_have() {
        assert_eq!(
            default_text(Lang::Fr),
            (
                "Invitation à l'entretien vidéo — {job_title}",
                "Bonjour {candidate_name},\n\n\
                 Vous êtes invité(e) à passer un entretien vidéo pour le poste de {job_title}.\n\n\
                 🎯 Commencez votre entretien ici : {start_url}\n\n\
                 ⏰ Ce lien expire le {expires_at}.\n\n\
                 Cordialement,\n\
                 L'équipe {company}\n",
            )
        );
        assert_eq!(
            default_text(Lang::En),
            (
                "Video interview invitation — {job_title}",
                "Hello {candidate_name},\n\n\
                 You are invited to a video interview for the position of {job_title}.\n\n\
                 🎯 Start your interview here: {start_url}\n\n\
                 ⏰ This link expires on {expires_at}.\n\n\
                 Best regards,\n\
                 The {company} team\n",
            )
        );
        let en = default_template(Lang::En).render(&values());
        assert!(en.html.contains(">Start my interview</a>"));
    }

    #[test]
    fn the_defaults_are_valid_and_the_french_one_is_the_seeds() {
        for lang in [Lang::Fr, Lang::En] {
            let (s, b) = default_text(lang);
            assert!(EmailTemplate::parse(lang, s, b).is_ok(), "{lang:?}");
        }
        let out = default_template(Lang::Fr).render(&values());
        assert_eq!(out.subject, "Invitation à l'entretien vidéo — Dev & Ops");
        assert!(out.text.contains(
            "🎯 Commencez votre entretien ici : http://localhost:3000/interview/start/abc?x=1&y=2"
        ));
        assert!(out
            .text
            .contains("⏰ Ce lien expire le 01/12/2026 à 10:00 (Europe/Paris)."));
        assert!(out.html.contains("Commencer mon entretien"));
        assert!(out
            .html
            .contains("href=\"http://localhost:3000/interview/start/abc?x=1&amp;y=2\""));
    }
}
