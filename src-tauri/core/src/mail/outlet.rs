//! Where messages go: an SMTP server, or — in dry-run mode — `.eml` files in
//! a folder, so a recruiter can preview a batch and tests can read what would
//! have been sent. Nothing else differs between the two.

use std::path::PathBuf;
use std::sync::Arc;

use lettre::Message;

use super::{MailError, Mailer, MailerConnection, SmtpReceipt};
use crate::files::DataFolder;

#[derive(Clone)]
pub enum Outlet {
    Smtp(Arc<Mailer>),
    DryRun(DryRunFolder),
}

/// Where dry-run emails go, and the data folder they must keep out of.
#[derive(Debug, Clone)]
pub struct DryRunFolder {
    pub dir: PathBuf,
    pub data: Option<DataFolder>,
}

/// One worker's way out: its own SMTP connection, or the dry-run folder.
pub enum OutletConnection {
    Smtp(Box<MailerConnection>),
    DryRun(DryRunFolder),
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

/// Writes the message as `<message-id>.eml`, atomically (a reader never sees
/// half a file) and privately, never into the data folder's own files.
fn write_eml(folder: &DryRunFolder, message: &Message) -> Result<SmtpReceipt, MailError> {
    let dir = &folder.dir;
    let fail = |e: std::io::Error| MailError::DryRun {
        path: dir.display().to_string(),
        detail: e.to_string(),
    };
    let id = message
        .headers()
        .get_raw("Message-ID")
        .unwrap_or("message")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect::<String>();
    let name = format!("{}.eml", if id.is_empty() { "message" } else { &id });
    let path = dir.join(&name);
    if let Some(data) = &folder.data {
        data.check_destination(&path)
            .map_err(|_| MailError::DryRunIntoData {
                path: dir.display().to_string(),
                data_dir: data.path().display().to_string(),
            })?;
    }
    crate::files::create_private_dir(dir).map_err(fail)?;
    crate::files::write_private_file(&path, |out| {
        std::io::Write::write_all(out, &message.formatted())
    })
    .map_err(fail)?;
    Ok(SmtpReceipt {
        code: 250,
        reply: format!("dry run: {name}"),
        dry_run: true,
    })
}
