//! Email: composing the invitation and sending it over SMTP (SendGrid by default).
//!
//! - [`message`]: the rendered text/HTML, the X-SMTPAPI header, the MIME message.
//! - [`transport`]: [`Mailer`], the reusable, time-bounded SMTP transport.
//! - [`MailError`]: every way sending fails, classified, with what to do.

pub mod message;
pub mod outlet;
pub mod transport;

pub use message::{
    mailto_url, render_extension, render_invitation, render_test_email, RenderedEmail,
};
pub use outlet::{Outlet, OutletConnection};
pub use transport::{is_loopback, Mailer, MailerConnection, Security, SmtpConfig, SmtpReceipt};

use crate::i18n::{FluentArgs, Lang};
use crate::secret::API_KEY_ENV;

/// Why an email did not go out. `smtp_code()` and `reply()` are recorded with
/// the attempt; `is_temporary()` says whether trying again later may work.
#[derive(Debug, Clone)]
pub enum MailError {
    NoApiKey,
    /// The key could not be had: keyring unavailable, or an invalid `SENDGRID_API_KEY`.
    Key(crate::secret::SecretError),
    NoSender,
    PlainNotLoopback {
        host: String,
    },
    CaFile {
        path: String,
        detail: String,
    },
    /// 535: the key was refused.
    AuthRejected {
        code: u16,
        reply: String,
    },
    /// 550 "does not match a verified Sender Identity" (SendGrid's docs also say 403).
    SenderNotVerified {
        code: u16,
        reply: String,
    },
    /// Any other 5xx: final, not retried.
    Rejected {
        code: u16,
        reply: String,
    },
    /// 4xx: the server asks to try again later.
    Temporary {
        code: u16,
        reply: String,
    },
    ConnectionRefused {
        host: String,
        port: u16,
    },
    Dns {
        host: String,
    },
    Timeout {
        host: String,
        seconds: u64,
    },
    Tls {
        detail: String,
    },
    Network {
        detail: String,
    },
    Compose {
        detail: String,
    },
    /// The connection failed after the message body was handed over: the
    /// server may have it. Never retried automatically.
    Uncertain {
        detail: String,
    },
    /// The server did not answer within the time limit once it had the
    /// message body: as uncertain, and said with the limit.
    UncertainTimeout {
        seconds: u64,
    },
    /// Dry-run mode could not write its file.
    DryRun {
        path: String,
        detail: String,
    },
    // Issue 13, item 2: the dry-run folder is inside the data folder's own files.
    DryRunIntoData {
        path: String,
        data_dir: String,
    },
}

impl MailError {
    pub fn code(&self) -> &'static str {
        match self {
            MailError::NoApiKey => "no_api_key",
            MailError::Key(e) => e.code(),
            MailError::NoSender => "no_sender",
            MailError::PlainNotLoopback { .. } => "plain_not_loopback",
            MailError::CaFile { .. } => "ca_file",
            MailError::AuthRejected { .. } => "auth_rejected",
            MailError::SenderNotVerified { .. } => "sender_not_verified",
            MailError::Rejected { .. } => "rejected",
            MailError::Temporary { .. } => "temporary",
            MailError::ConnectionRefused { .. } => "connection_refused",
            MailError::Dns { .. } => "dns",
            MailError::Timeout { .. } => "timeout",
            MailError::Tls { .. } => "tls",
            MailError::Network { .. } => "network",
            MailError::Compose { .. } => "compose",
            MailError::DryRun { .. } => "dry_run",
            MailError::DryRunIntoData { .. } => "dry_run_into_data",
            MailError::Uncertain { .. } | MailError::UncertainTimeout { .. } => "uncertain",
        }
    }

    pub fn smtp_code(&self) -> Option<u16> {
        match self {
            MailError::AuthRejected { code, .. }
            | MailError::SenderNotVerified { code, .. }
            | MailError::Rejected { code, .. }
            | MailError::Temporary { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The server's own words, when it answered.
    pub fn reply(&self) -> Option<&str> {
        match self {
            MailError::AuthRejected { reply, .. }
            | MailError::SenderNotVerified { reply, .. }
            | MailError::Rejected { reply, .. }
            | MailError::Temporary { reply, .. } => Some(reply),
            _ => None,
        }
    }

    /// Worth trying again later without changing anything: 4xx replies, and
    /// network trouble. A refused key, sender or recipient is final.
    pub fn is_temporary(&self) -> bool {
        matches!(
            self,
            MailError::Temporary { .. }
                | MailError::ConnectionRefused { .. }
                | MailError::Dns { .. }
                | MailError::Timeout { .. }
                | MailError::Network { .. }
        )
    }

    /// An error that every other message of a batch would meet too (the key,
    /// the sender, the TLS set-up): the batch stops rather than repeat it.
    pub fn stops_batch(&self) -> bool {
        matches!(
            self,
            MailError::NoApiKey
                | MailError::Key(_)
                | MailError::NoSender
                | MailError::PlainNotLoopback { .. }
                | MailError::CaFile { .. }
                | MailError::AuthRejected { .. }
                | MailError::SenderNotVerified { .. }
                | MailError::Tls { .. }
                | MailError::DryRun { .. }
                | MailError::DryRunIntoData { .. }
        )
    }

    /// Turns lettre's error into what happened. Certificate problems come back
    /// from rustls as connection errors, so the text is looked at too.
    pub fn classify(e: &lettre::transport::smtp::Error, config: &SmtpConfig) -> MailError {
        if let Some(code) = e.status() {
            let code: u16 = code.to_string().parse().unwrap_or(0);
            let reply = server_reply(e);
            let lower = reply.to_ascii_lowercase();
            return if code == 535 || (code == 530 && lower.contains("auth")) {
                MailError::AuthRejected { code, reply }
            } else if (code == 550 || code == 403) && lower.contains("sender identity") {
                MailError::SenderNotVerified { code, reply }
            } else if e.is_transient() || (400..500).contains(&code) {
                MailError::Temporary { code, reply }
            } else {
                MailError::Rejected { code, reply }
            };
        }
        let chain = error_chain(e);
        let lower = chain.to_ascii_lowercase();
        if e.is_timeout() || lower.contains("timed out") {
            MailError::Timeout {
                host: config.host.clone(),
                seconds: config.timeout.as_secs(),
            }
        } else if lower.contains("connection refused") {
            MailError::ConnectionRefused {
                host: config.host.clone(),
                port: config.port,
            }
        } else if lower.contains("lookup address")
            || lower.contains("name or service not known")
            || lower.contains("no address")
            || lower.contains("nodename nor servname")
            || lower.contains("no such host")
        {
            MailError::Dns {
                host: config.host.clone(),
            }
        } else if e.is_tls()
            || lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
            || lower.contains("starttls")
        {
            MailError::Tls {
                detail: short(&chain),
            }
        } else {
            MailError::Network {
                detail: short(&chain),
            }
        }
    }

    /// What happened and what to do (`mail-error-<code>`; `mail-error-key`
    /// for a key that could not be had, whatever its own code).
    pub fn message(&self, lang: Lang) -> String {
        let id = match self {
            MailError::Key(_) => "mail-error-key".to_owned(),
            MailError::UncertainTimeout { .. } => "mail-error-uncertain_timeout".to_owned(),
            other => format!("mail-error-{}", other.code()),
        };
        crate::i18n::render(lang, &id, Some(&self.message_args()))
    }

    /// The message's arguments, named as in the catalog.
    fn message_args(&self) -> FluentArgs<'static> {
        let mut args = match self {
            MailError::Key(e) => e.message_args(),
            _ => FluentArgs::new(),
        };
        let mut set = |name: &'static str, value: String| args.set(name, value);
        match self {
            MailError::NoApiKey => set("variable", API_KEY_ENV.to_owned()),
            MailError::PlainNotLoopback { host } | MailError::Dns { host } => {
                set("host", host.clone())
            }
            MailError::CaFile { path, detail } | MailError::DryRun { path, detail } => {
                set("path", path.clone());
                set("detail", detail.clone());
            }
            MailError::AuthRejected { code, reply }
            | MailError::SenderNotVerified { code, reply }
            | MailError::Rejected { code, reply }
            | MailError::Temporary { code, reply } => {
                // Codes, ports and seconds as written, never as localized numbers.
                set("code", code.to_string());
                set("reply", short(reply));
            }
            MailError::ConnectionRefused { host, port } => {
                set("host", host.clone());
                set("port", port.to_string());
            }
            MailError::Timeout { host, seconds } => {
                set("host", host.clone());
                set("seconds", seconds.to_string());
            }
            MailError::Tls { detail }
            | MailError::Network { detail }
            | MailError::Compose { detail }
            | MailError::Uncertain { detail } => set("detail", detail.clone()),
            MailError::UncertainTimeout { seconds } => set("seconds", seconds.to_string()),
            MailError::DryRunIntoData { path, data_dir } => {
                set("path", path.clone());
                set("data_dir", data_dir.clone());
            }
            MailError::Key(_) | MailError::NoSender => {}
        }
        args
    }
}

impl std::fmt::Display for MailError {
    /// The French message (the product's first language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for MailError {}

/// lettre's error text carries the server's reply after the code.
fn server_reply(e: &lettre::transport::smtp::Error) -> String {
    let text = e.to_string();
    // "permanent error (535): 5.7.8 Authentication credentials invalid"
    match text.split_once("): ") {
        Some((_, reply)) => reply.trim().to_owned(),
        None => text,
    }
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn short(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > 300 {
        clean.chars().take(300).collect::<String>() + "…"
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::{SecretError, Unavailable};

    /// Every variant finds its message and every argument it names, in every
    /// language (Fluent leaves `{$name}` in place of a missing argument).
    #[test]
    fn every_error_renders_whole_in_every_language() {
        let s = |v: &str| v.to_owned();
        let errors = vec![
            MailError::NoApiKey,
            MailError::Key(SecretError::Empty),
            MailError::Key(SecretError::Whitespace),
            MailError::Key(SecretError::NotSendGrid),
            MailError::Key(SecretError::Unavailable {
                reason: Unavailable::Locked,
            }),
            MailError::Key(SecretError::Unavailable {
                reason: Unavailable::Other(s("no D-Bus")),
            }),
            MailError::NoSender,
            MailError::PlainNotLoopback { host: s("h") },
            MailError::CaFile {
                path: s("/ca.pem"),
                detail: s("d"),
            },
            MailError::AuthRejected {
                code: 535,
                reply: s("r"),
            },
            MailError::SenderNotVerified {
                code: 550,
                reply: s("r"),
            },
            MailError::Rejected {
                code: 550,
                reply: s("r"),
            },
            MailError::Temporary {
                code: 451,
                reply: s("r"),
            },
            MailError::ConnectionRefused {
                host: s("h"),
                port: 2525,
            },
            MailError::Dns { host: s("h") },
            MailError::Timeout {
                host: s("h"),
                seconds: 30,
            },
            MailError::Tls { detail: s("d") },
            MailError::Network { detail: s("d") },
            MailError::Compose { detail: s("d") },
            MailError::Uncertain { detail: s("d") },
            MailError::UncertainTimeout { seconds: 30 },
            MailError::DryRun {
                path: s("/p"),
                detail: s("d"),
            },
            MailError::DryRunIntoData {
                path: s("/p"),
                data_dir: s("/d"),
            },
        ];
        for e in &errors {
            for lang in Lang::ALL {
                let text = e.message(lang);
                assert!(
                    !text.contains('{') && !text.starts_with("mail-error"),
                    "{e:?} in {lang:?}: {text}"
                );
            }
        }
        assert_eq!(
            MailError::ConnectionRefused {
                host: s("smtp.example"),
                port: 2525
            }
            .message(Lang::En),
            "Connection refused by smtp.example:2525. Check the server and port in Settings \
             (SendGrid: smtp.sendgrid.net, port 587), then try again."
        );
        let locked = MailError::Key(SecretError::Unavailable {
            reason: Unavailable::Locked,
        })
        .message(Lang::Fr);
        assert!(locked.contains("(trousseau verrouillé ou inaccessible)"));
        // The caller says the email did not go out (cli-email-failed,
        // invite-failed): the reason does not say it again.
        assert_eq!(locked.matches("n'est pas parti").count(), 0, "{locked}");
        assert!(locked.contains("SENDGRID_API_KEY") && locked.contains("Le lien reste valide"));
    }
}
