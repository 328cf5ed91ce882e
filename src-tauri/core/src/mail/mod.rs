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

use crate::i18n::Lang;
use crate::secret::API_KEY_ENV;

/// Why an email did not go out. `smtp_code()` and `reply()` are recorded with
/// the attempt; `is_temporary()` says whether trying again later may work.
#[derive(Debug, Clone, thiserror::Error)]
pub enum MailError {
    #[error("{}", self.message(Lang::Fr))]
    NoApiKey,
    /// The key could not be had: keyring unavailable, or an invalid `SENDGRID_API_KEY`.
    #[error("{}", self.message(Lang::Fr))]
    Key(crate::secret::SecretError),
    #[error("{}", self.message(Lang::Fr))]
    NoSender,
    #[error("{}", self.message(Lang::Fr))]
    PlainNotLoopback { host: String },
    #[error("{}", self.message(Lang::Fr))]
    CaFile { path: String, detail: String },
    /// 535: the key was refused.
    #[error("{}", self.message(Lang::Fr))]
    AuthRejected { code: u16, reply: String },
    /// 550 "does not match a verified Sender Identity" (SendGrid's docs also say 403).
    #[error("{}", self.message(Lang::Fr))]
    SenderNotVerified { code: u16, reply: String },
    /// Any other 5xx: final, not retried.
    #[error("{}", self.message(Lang::Fr))]
    Rejected { code: u16, reply: String },
    /// 4xx: the server asks to try again later.
    #[error("{}", self.message(Lang::Fr))]
    Temporary { code: u16, reply: String },
    #[error("{}", self.message(Lang::Fr))]
    ConnectionRefused { host: String, port: u16 },
    #[error("{}", self.message(Lang::Fr))]
    Dns { host: String },
    #[error("{}", self.message(Lang::Fr))]
    Timeout { host: String, seconds: u64 },
    #[error("{}", self.message(Lang::Fr))]
    Tls { detail: String },
    #[error("{}", self.message(Lang::Fr))]
    Network { detail: String },
    #[error("{}", self.message(Lang::Fr))]
    Compose { detail: String },
    /// The connection failed after the message body was handed over: the
    /// server may have it. Never retried automatically.
    #[error("{}", self.message(Lang::Fr))]
    Uncertain { detail: String },
    /// Dry-run mode could not write its file.
    #[error("{}", self.message(Lang::Fr))]
    DryRun { path: String, detail: String },
    // Issue 13, item 2: the dry-run folder is inside the data folder's own files.
    #[error("{}", self.message(Lang::Fr))]
    DryRunIntoData { path: String, data_dir: String },
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
            MailError::Uncertain { .. } => "uncertain",
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

    /// What happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::{En, Fr};
        match (self, lang) {
            (MailError::NoApiKey, Fr) => format!("Aucune clé API SendGrid n'est enregistrée : l'email n'est pas parti. Un administrateur doit la saisir dans Réglages (ou définir {API_KEY_ENV}), puis réessayez ; le lien reste valide."),
            (MailError::NoApiKey, En) => format!("No SendGrid API key is stored: the email was not sent. An admin must enter it in Settings (or set {API_KEY_ENV}), then try again; the link stays valid."),
            (MailError::Key(e), Fr) => format!("L'email n'est pas parti, faute de clé API utilisable. {} Le lien reste valide.", e.message(Fr)),
            (MailError::Key(e), En) => format!("The email was not sent: no usable API key. {} The link stays valid.", e.message(En)),
            (MailError::NoSender, Fr) => "Aucune adresse d'expéditeur (From) n'est réglée : l'email n'est pas parti. Indiquez-la dans Réglages — une adresse vérifiée dans SendGrid — puis réessayez.".into(),
            (MailError::NoSender, En) => "No sender (From) address is set: the email was not sent. Enter one in Settings — an address verified in SendGrid — then try again.".into(),
            (MailError::PlainNotLoopback { host }, Fr) => format!("La sécurité « plain » (sans chiffrement) n'est permise que vers cette machine, pas vers {host}. Choisissez starttls (port 587) ou tls (port 465)."),
            (MailError::PlainNotLoopback { host }, En) => format!("Security \"plain\" (no encryption) is only allowed to this machine, not to {host}. Choose starttls (port 587) or tls (port 465)."),
            (MailError::CaFile { path, detail }, Fr) => format!("Le certificat d'autorité {path} est illisible ({detail}). Indiquez un fichier PEM valide dans Réglages, ou videz le champ."),
            (MailError::CaFile { path, detail }, En) => format!("The CA certificate {path} cannot be read ({detail}). Give a valid PEM file in Settings, or clear the field."),
            (MailError::AuthRejected { code, reply }, Fr) => format!("Le serveur a refusé la clé API ({code} : {}). Vérifiez dans SendGrid que la clé existe toujours et qu'elle a la permission « Mail Send », puis enregistrez-la de nouveau dans Réglages.", short(reply)),
            (MailError::AuthRejected { code, reply }, En) => format!("The server rejected the API key ({code}: {}). Check in SendGrid that the key still exists and has the \"Mail Send\" permission, then enter it again in Settings.", short(reply)),
            (MailError::SenderNotVerified { code, reply }, Fr) => format!("SendGrid refuse l'expéditeur : l'adresse From n'est pas une identité vérifiée ({code} : {}). Vérifiez-la dans SendGrid (Settings → Sender Authentication : Single Sender ou authentification du domaine), ou choisissez une adresse déjà vérifiée dans Réglages.", short(reply)),
            (MailError::SenderNotVerified { code, reply }, En) => format!("SendGrid refuses the sender: the From address is not a verified identity ({code}: {}). Verify it in SendGrid (Settings → Sender Authentication: Single Sender or domain authentication), or choose an already verified address in Settings.", short(reply)),
            (MailError::Rejected { code, reply }, Fr) => format!("Le serveur a refusé définitivement ce message ({code} : {}). Il ne sera pas renvoyé tel quel : vérifiez l'adresse du candidat, puis réessayez ou envoyez le lien depuis votre messagerie.", short(reply)),
            (MailError::Rejected { code, reply }, En) => format!("The server permanently refused this message ({code}: {}). It will not be retried as is: check the candidate's address, then try again or send the link from your own mail client.", short(reply)),
            (MailError::Temporary { code, reply }, Fr) => format!("Le serveur a demandé de réessayer plus tard ({code} : {}). Le lien reste valide ; réessayez dans quelques minutes.", short(reply)),
            (MailError::Temporary { code, reply }, En) => format!("The server asked to try again later ({code}: {}). The link stays valid; try again in a few minutes.", short(reply)),
            (MailError::ConnectionRefused { host, port }, Fr) => format!("Connexion refusée par {host}:{port}. Vérifiez le serveur et le port dans Réglages (SendGrid : smtp.sendgrid.net, port 587), puis réessayez."),
            (MailError::ConnectionRefused { host, port }, En) => format!("Connection refused by {host}:{port}. Check the server and port in Settings (SendGrid: smtp.sendgrid.net, port 587), then try again."),
            (MailError::Dns { host }, Fr) => format!("Le serveur {host} est introuvable (DNS). Vérifiez la connexion Internet, un éventuel proxy, et l'orthographe du serveur dans Réglages."),
            (MailError::Dns { host }, En) => format!("The server {host} cannot be found (DNS). Check the Internet connection, any proxy, and the server's spelling in Settings."),
            (MailError::Timeout { host, seconds }, Fr) => format!("{host} n'a pas répondu en {seconds} s. Vérifiez la connexion réseau (un pare-feu bloque peut-être le port), puis réessayez ; le lien reste valide."),
            (MailError::Timeout { host, seconds }, En) => format!("{host} did not answer within {seconds} s. Check the network connection (a firewall may block the port), then try again; the link stays valid."),
            (MailError::Tls { detail }, Fr) => format!("La connexion sécurisée (TLS) a échoué : {detail}. Vérifiez le serveur et le mode de sécurité ; pour un relais d'entreprise, indiquez son certificat d'autorité dans Réglages."),
            (MailError::Tls { detail }, En) => format!("The secure (TLS) connection failed: {detail}. Check the server and security mode; for a corporate relay, give its CA certificate in Settings."),
            (MailError::Network { detail }, Fr) => format!("Erreur réseau pendant l'envoi : {detail}. Réessayez ; le lien reste valide."),
            (MailError::Network { detail }, En) => format!("Network error while sending: {detail}. Try again; the link stays valid."),
            (MailError::Uncertain { detail }, Fr) => format!("La connexion s'est interrompue juste après l'envoi du message ({detail}) : on ne sait pas s'il est arrivé. Il n'est pas renvoyé automatiquement ; vérifiez auprès du candidat ou dans l'activité SendGrid, puis renvoyez-le si besoin."),
            (MailError::Uncertain { detail }, En) => format!("The connection broke right after the message was handed over ({detail}): it is not known whether it arrived. It is not resent automatically; check with the candidate or in SendGrid's activity, then send it again if needed."),
            (MailError::DryRun { path, detail }, Fr) => format!("Mode essai : l'email n'a pas pu être écrit dans {path} ({detail}). Vérifiez le dossier du mode essai dans Réglages."),
            (MailError::DryRun { path, detail }, En) => format!("Dry run: the email could not be written to {path} ({detail}). Check the dry-run folder in Settings."),
            (MailError::DryRunIntoData { path, data_dir }, Fr) => format!("Mode essai : le dossier {path} fait partie des données de JobGate ({data_dir}), aucun email n'y est écrit. Choisissez un autre dossier du mode essai dans Réglages (ou laissez-le vide)."),
            (MailError::DryRunIntoData { path, data_dir }, En) => format!("Dry run: the folder {path} is part of JobGate's own data ({data_dir}), no email is written there. Choose another dry-run folder in Settings (or leave it empty)."),
            (MailError::Compose { detail }, Fr) => format!("Le message n'a pas pu être composé ({detail}). Vérifiez l'adresse du candidat et l'expéditeur."),
            (MailError::Compose { detail }, En) => format!("The message could not be composed ({detail}). Check the candidate's address and the sender."),
        }
    }
}

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
