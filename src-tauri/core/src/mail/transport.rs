//! The SMTP transport, on lettre's SMTP client: built once per configuration
//! and key, its connections reused message after message, every step bounded
//! in time (lettre's own timeout covers the connection only). It speaks MAIL,
//! RCPT and DATA itself so that it knows when a failure leaves a message's
//! fate uncertain (after the body was handed over) — that one is never retried.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, Tls, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, MailBodyParameter, MailParameter};
use lettre::{Executor, Message, Tokio1Executor};

use super::MailError;
use crate::secret::ApiKey;

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which is required: never a silent downgrade (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only to a server on this machine (a local relay, tests).
    Plain,
}

impl Security {
    pub fn parse(s: &str) -> Option<Security> {
        match s.trim().to_ascii_lowercase().as_str() {
            "starttls" => Some(Security::Starttls),
            "tls" => Some(Security::Tls),
            "plain" => Some(Security::Plain),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::Plain => "plain",
        }
    }
}

/// Where and how to send.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    /// An extra CA certificate (PEM) to trust, for corporate relays.
    pub ca_file: Option<PathBuf>,
    pub timeout: Duration,
}

/// True for addresses that never leave this machine.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

/// What the server said when it accepted a message.
#[derive(Debug, Clone)]
pub struct SmtpReceipt {
    pub code: u16,
    /// The server's reply, e.g. "OK queued as 4F2A…" (the queue id is in it).
    pub reply: String,
    /// Written to the dry-run folder: nothing was sent.
    pub dry_run: bool,
}

impl SmtpReceipt {
    /// The id the server gave the message, from "… queued as <id>" (SendGrid,
    /// Postfix and most servers word it so).
    pub fn queue_id(&self) -> Option<&str> {
        let lower = self.reply.to_ascii_lowercase();
        let at = lower.find("queued as")? + "queued as".len();
        self.reply[at..]
            .split_whitespace()
            .next()
            .map(|id| id.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|id| !id.is_empty())
    }
}

/// A reusable SMTP transport for one configuration and key: it opens
/// connections (TLS, login) and keeps one idle connection for the next
/// single message, so a confirmed invitation does not pay for a new handshake.
pub struct Mailer {
    config: SmtpConfig,
    tls: Tls,
    credentials: Credentials,
    /// Connections kept for the next single message, with when each was parked.
    idle: Mutex<Vec<(Instant, MailerConnection)>>,
}

/// Idle connections kept for single messages (a batch opens its own).
const MAX_IDLE: usize = 2;

/// A parked connection older than this is closed instead of reused: servers
/// drop idle clients (SendGrid after about a minute, Postfix after 300 s), and
/// one that was dropped answers the next command with a 421 or nothing.
pub const MAX_IDLE_AGE: Duration = Duration::from_secs(60);

impl Mailer {
    pub fn new(config: &SmtpConfig, key: &ApiKey) -> Result<Mailer, MailError> {
        if config.security == Security::Plain && !is_loopback(&config.host) {
            return Err(MailError::PlainNotLoopback {
                host: config.host.clone(),
            });
        }
        let mut params = TlsParameters::builder(config.host.clone());
        if let Some(path) = &config.ca_file {
            let ca_error = |detail: String| MailError::CaFile {
                path: path.display().to_string(),
                detail,
            };
            let pem = std::fs::read(path).map_err(|e| ca_error(e.to_string()))?;
            let cert = Certificate::from_pem(&pem).map_err(|e| ca_error(e.to_string()))?;
            params = params.add_root_certificate(cert);
        }
        let tls = match config.security {
            Security::Plain => Tls::None,
            security => {
                let params = params.build().map_err(|e| MailError::Tls {
                    detail: e.to_string(),
                })?;
                if security == Security::Starttls {
                    // Required: no silent downgrade to plain text.
                    Tls::Required(params)
                } else {
                    Tls::Wrapper(params)
                }
            }
        };
        Ok(Mailer {
            config: config.clone(),
            tls,
            credentials: Credentials::new(config.username.clone(), key.expose().to_owned()),
            idle: Mutex::new(Vec::new()),
        })
    }

    pub fn config(&self) -> &SmtpConfig {
        &self.config
    }

    /// A connection of its own: connected, secured and logged in, then reused
    /// message after message with no check in between.
    pub async fn connect(&self) -> Result<MailerConnection, MailError> {
        let connect = async {
            let mut conn = <Tokio1Executor as Executor>::connect(
                &self.config.host,
                self.config.port,
                Some(self.config.timeout),
                &ClientId::default(),
                &self.tls,
            )
            .await?;
            conn.auth(MECHANISMS, &self.credentials).await?;
            Ok::<_, lettre::transport::smtp::Error>(conn)
        };
        match tokio::time::timeout(self.config.timeout, connect).await {
            Err(_) => Err(timed_out(&self.config)),
            Ok(Err(e)) => Err(MailError::classify(&e, &self.config)),
            Ok(Ok(conn)) => Ok(MailerConnection {
                conn,
                config: self.config.clone(),
            }),
        }
    }

    /// Connects, secures the connection and logs in, without sending anything.
    pub async fn check(&self) -> Result<(), MailError> {
        self.connect().await?.close().await;
        Ok(())
    }

    /// Sends one message on a kept connection that still answers, or a new
    /// one. A kept connection is first asked NOOP: one that answers anything
    /// but 250 (a 421 "closing", a reset, silence) is dropped before the
    /// message is given to it, so a server's idle time-out never becomes a
    /// failed email; connections parked longer than [`MAX_IDLE_AGE`] are not
    /// even asked. One that answered NOOP and then breaks before DATA (a
    /// reset, silence, a 421) is also replaced: nothing was handed over yet.
    /// The message is sent once — never twice.
    pub async fn send(&self, message: Message) -> Result<SmtpReceipt, MailError> {
        while let Some(mut conn) = self.take_idle() {
            if conn.still_answers().await {
                match conn.send(&message).await {
                    Ok(receipt) => {
                        self.park(conn);
                        return Ok(receipt);
                    }
                    Err(
                        MailError::Network { .. }
                        | MailError::Timeout { .. }
                        | MailError::Temporary { code: 421, .. },
                    ) => break,
                    Err(e) => return Err(e),
                }
            }
        }
        let mut conn = self.connect().await?;
        let result = conn.send(&message).await;
        if result.is_ok() {
            self.park(conn);
        }
        result
    }

    fn park(&self, conn: MailerConnection) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE {
                idle.push((Instant::now(), conn));
            }
        }
    }

    /// The most recently parked connection young enough to reuse; older ones
    /// are dropped (closing the socket).
    fn take_idle(&self) -> Option<MailerConnection> {
        let mut idle = self.idle.lock().ok()?;
        idle.retain(|(parked, _)| parked.elapsed() < MAX_IDLE_AGE);
        idle.pop().map(|(_, conn)| conn)
    }
}

/// One SMTP connection, owned by one sender at a time.
pub struct MailerConnection {
    conn: AsyncSmtpConnection,
    config: SmtpConfig,
}

impl MailerConnection {
    /// Sends one message, each step bounded in time. Any error leaves the
    /// connection unusable: drop it. A failure once the message body has been
    /// handed over is [`MailError::Uncertain`]: the server may have it.
    pub async fn send(&mut self, message: &Message) -> Result<SmtpReceipt, MailError> {
        let envelope = message.envelope();
        let mut options = Vec::new();
        let non_ascii_address = envelope
            .to()
            .iter()
            .chain(envelope.from())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii_address {
            options.push(MailParameter::SmtpUtfEight);
        }
        let bytes = message.formatted();
        if !bytes.is_ascii() {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        self.step(Mail::new(envelope.from().cloned(), options).to_string())
            .await?;
        for to in envelope.to() {
            self.step(Rcpt::new(to.clone(), Vec::new()).to_string())
                .await?;
        }
        self.step(Data.to_string()).await?;
        // From here the server may have the message whatever happens next.
        // Body and end-of-data marker leave in one write (see `data_payload`).
        let sent = match String::from_utf8(data_payload(&bytes)) {
            Ok(payload) => {
                tokio::time::timeout(self.config.timeout, self.conn.command(payload)).await
            }
            Err(_) => tokio::time::timeout(self.config.timeout, self.conn.message(&bytes)).await,
        };
        match sent {
            Ok(Ok(response)) => Ok(receipt(&response)),
            Ok(Err(e)) if e.status().is_some() => Err(MailError::classify(&e, &self.config)),
            Ok(Err(e)) => Err(MailError::Uncertain {
                detail: e.to_string(),
            }),
            Err(_) => Err(MailError::UncertainTimeout {
                seconds: self.config.timeout.as_secs(),
            }),
        }
    }

    /// Whether a kept connection still works: NOOP answered 250 in time.
    async fn still_answers(&mut self) -> bool {
        let probe = Duration::from_secs(5).min(self.config.timeout);
        matches!(
            tokio::time::timeout(probe, self.conn.test_connected()).await,
            Ok(true)
        )
    }

    async fn step(&mut self, command: String) -> Result<(), MailError> {
        match tokio::time::timeout(self.config.timeout, self.conn.command(command)).await {
            Err(_) => Err(timed_out(&self.config)),
            Ok(Err(e)) => Err(MailError::classify(&e, &self.config)),
            Ok(Ok(_)) => Ok(()),
        }
    }

    /// Says goodbye (QUIT), briefly.
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(2), self.conn.quit()).await;
    }
}

const MECHANISMS: &[Mechanism] = &[Mechanism::Plain, Mechanism::Login];

/// The DATA payload: the message dot-stuffed (RFC 5321 §4.5.2: a line starting
/// with "." gets another) and followed by the end-of-data marker, as lettre
/// would send it — but in one buffer. lettre writes the marker in a second
/// write, which Nagle's algorithm holds until the server's delayed ACK of the
/// body: 40 ms lost per message on every connection (measured, BENCHMARKS.md).
/// Written here because lettre's encoder is private.
fn data_payload(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 16);
    let mut at_line_start = true;
    for &byte in message {
        if at_line_start && byte == b'.' {
            out.push(b'.');
        }
        out.push(byte);
        at_line_start = byte == b'\n';
    }
    out.extend_from_slice(b"\r\n.\r\n");
    out
}

fn receipt(response: &lettre::transport::smtp::response::Response) -> SmtpReceipt {
    SmtpReceipt {
        code: response.code().to_string().parse().unwrap_or(250),
        reply: response.message().collect::<Vec<_>>().join(" "),
        dry_run: false,
    }
}

fn timed_out(config: &SmtpConfig) -> MailError {
    MailError::Timeout {
        host: config.host.clone(),
        seconds: config.timeout.as_secs(),
    }
}

#[cfg(test)]
mod tests {
    use super::{data_payload, SmtpReceipt};

    #[test]
    fn queue_ids_are_read_from_the_reply() {
        let id = |reply: &str| {
            SmtpReceipt {
                code: 250,
                reply: reply.to_owned(),
                dry_run: false,
            }
            .queue_id()
            .map(str::to_owned)
        };
        assert_eq!(
            id("Ok: queued as 4F2a_1x-Yz").as_deref(),
            Some("4F2a_1x-Yz")
        );
        assert_eq!(
            id("2.0.0 Ok: queued as ABC123 <x@y>").as_deref(),
            Some("ABC123")
        );
        assert_eq!(id("OK queued as 3").as_deref(), Some("3"));
        assert_eq!(id("OK"), None);
    }

    #[test]
    fn the_data_payload_is_dot_stuffed_and_terminated() {
        assert_eq!(
            data_payload(b".first\r\nmiddle.dot\r\n.\r\n..two\r\n"),
            b"..first\r\nmiddle.dot\r\n..\r\n...two\r\n\r\n.\r\n".to_vec()
        );
        assert_eq!(data_payload(b""), b"\r\n.\r\n".to_vec());
    }
}
