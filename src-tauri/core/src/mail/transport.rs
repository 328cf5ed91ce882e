//! The SMTP transport: built once per configuration and key, reused for every
//! message (lettre pools its connections), and bounded in time — lettre's own
//! timeout covers the connection only, so every send is also wrapped in a
//! tokio timeout.

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::PoolConfig;
use lettre::Executor;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

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
}

/// A reusable SMTP transport for one configuration and key.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    config: SmtpConfig,
    /// What a dedicated connection needs (see [`Mailer::connect`]).
    tls: Tls,
    credentials: Credentials,
}

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
                    Tls::Required(params)
                } else {
                    Tls::Wrapper(params)
                }
            }
        };
        let credentials = Credentials::new(config.username.clone(), key.expose().to_owned());
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            .tls(tls.clone())
            .port(config.port)
            .credentials(credentials.clone())
            .authentication(MECHANISMS.to_vec())
            .timeout(Some(config.timeout))
            // SendGrid accepts up to 5,000 messages per connection; a few connections are plenty.
            .pool_config(
                PoolConfig::new()
                    .max_size(4)
                    .idle_timeout(Duration::from_secs(60)),
            )
            .build();
        Ok(Mailer {
            transport,
            config: config.clone(),
            tls,
            credentials,
        })
    }

    /// A connection of its own, for a batch worker: connected, secured and
    /// logged in, then reused message after message with no check in between
    /// (the pool's checkout costs a NOOP round trip per message).
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
            Err(_) => Err(self.timed_out()),
            Ok(Err(e)) => Err(MailError::classify(&e, &self.config)),
            Ok(Ok(conn)) => Ok(MailerConnection {
                conn,
                config: self.config.clone(),
            }),
        }
    }

    pub fn config(&self) -> &SmtpConfig {
        &self.config
    }

    /// Connects, secures the connection and logs in, without sending anything.
    pub async fn check(&self) -> Result<(), MailError> {
        match tokio::time::timeout(self.config.timeout, self.transport.test_connection()).await {
            Err(_) => Err(self.timed_out()),
            Ok(Err(e)) => Err(MailError::classify(&e, &self.config)),
            Ok(Ok(true)) => Ok(()),
            Ok(Ok(false)) => Err(MailError::Network {
                detail: "the server closed the connection".into(),
            }),
        }
    }

    /// Sends one message, bounded in time.
    pub async fn send(&self, message: Message) -> Result<SmtpReceipt, MailError> {
        match tokio::time::timeout(self.config.timeout, self.transport.send(message)).await {
            Err(_) => Err(self.timed_out()),
            Ok(Err(e)) => Err(MailError::classify(&e, &self.config)),
            Ok(Ok(response)) => Ok(receipt(&response)),
        }
    }

    fn timed_out(&self) -> MailError {
        timed_out(&self.config)
    }
}

/// One SMTP connection owned by one batch worker.
pub struct MailerConnection {
    conn: AsyncSmtpConnection,
    config: SmtpConfig,
}

impl MailerConnection {
    /// Sends one message, bounded in time. After an error the connection may
    /// be unusable: check [`MailerConnection::is_broken`].
    pub async fn send(&mut self, message: &Message) -> Result<SmtpReceipt, MailError> {
        let bytes = message.formatted();
        let send = self.conn.send(message.envelope(), &bytes);
        match tokio::time::timeout(self.config.timeout, send).await {
            Err(_) => Err(timed_out(&self.config)),
            Ok(Err(e)) => Err(MailError::classify(&e, &self.config)),
            Ok(Ok(response)) => Ok(receipt(&response)),
        }
    }

    /// True when the connection cannot carry another message (a network or
    /// TLS error, a 421, a time-out in the middle of a command).
    pub fn is_broken(&self) -> bool {
        self.conn.has_broken()
    }

    /// Says goodbye (QUIT), briefly.
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(2), self.conn.quit()).await;
    }
}

const MECHANISMS: &[Mechanism] = &[Mechanism::Plain, Mechanism::Login];

fn receipt(response: &lettre::transport::smtp::response::Response) -> SmtpReceipt {
    SmtpReceipt {
        code: response.code().to_string().parse().unwrap_or(250),
        reply: response.message().collect::<Vec<_>>().join(" "),
    }
}

fn timed_out(config: &SmtpConfig) -> MailError {
    MailError::Timeout {
        host: config.host.clone(),
        seconds: config.timeout.as_secs(),
    }
}
