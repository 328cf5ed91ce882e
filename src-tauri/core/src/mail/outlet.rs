//! Where messages go: an SMTP server, or — in dry-run mode — `.eml` files in
//! a folder, so a recruiter can preview a batch and tests can read what would
//! have been sent. Nothing else differs between the two.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lettre::Message;

use super::{MailError, Mailer, MailerConnection, SmtpReceipt};

#[derive(Clone)]
pub enum Outlet {
    Smtp(Arc<Mailer>),
    DryRun(PathBuf),
}

/// One worker's way out: its own SMTP connection, or the dry-run folder.
pub enum OutletConnection {
    Smtp(Box<MailerConnection>),
    DryRun(PathBuf),
}

impl Outlet {
    /// One message on its own (the pooled transport, or a file).
    pub async fn send(&self, message: Message) -> Result<SmtpReceipt, MailError> {
        match self {
            Outlet::Smtp(mailer) => mailer.send(message).await,
            Outlet::DryRun(dir) => write_eml(dir, &message),
        }
    }

    /// A connection for a batch worker.
    pub async fn connect(&self) -> Result<OutletConnection, MailError> {
        match self {
            Outlet::Smtp(mailer) => Ok(OutletConnection::Smtp(Box::new(mailer.connect().await?))),
            Outlet::DryRun(dir) => Ok(OutletConnection::DryRun(dir.clone())),
        }
    }

    pub fn is_dry_run(&self) -> bool {
        matches!(self, Outlet::DryRun(_))
    }
}

impl OutletConnection {
    pub async fn send(&mut self, message: &Message) -> Result<SmtpReceipt, MailError> {
        match self {
            OutletConnection::Smtp(conn) => conn.send(message).await,
            OutletConnection::DryRun(dir) => write_eml(dir, message),
        }
    }

    pub async fn close(self) {
        if let OutletConnection::Smtp(conn) = self {
            conn.close().await;
        }
    }
}

/// Writes the message as `<message-id>.eml`, atomically (a reader never sees half a file).
fn write_eml(dir: &Path, message: &Message) -> Result<SmtpReceipt, MailError> {
    let fail = |e: std::io::Error| MailError::DryRun {
        path: dir.display().to_string(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let id = message
        .headers()
        .get_raw("Message-ID")
        .unwrap_or("message")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect::<String>();
    let name = format!("{}.eml", if id.is_empty() { "message" } else { &id });
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, message.formatted()).map_err(fail)?;
    std::fs::rename(&tmp, dir.join(&name)).map_err(fail)?;
    Ok(SmtpReceipt {
        code: 250,
        reply: format!("dry run: {name}"),
        dry_run: true,
    })
}
