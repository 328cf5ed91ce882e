//! Each job offer's invitation template, with versions.
//!
//! A template is never edited in place: saving, switching language or going
//! back to the default appends a version, and each email records the version
//! it was made from (`outbox.template_id`). An offer that never had one uses
//! the seed's French text; its version 1 is written the first time an email
//! is made from it, so every email points at the exact text it used.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::lifecycle::require_job;
use super::{time_column, Store};
use crate::error::Result;
use crate::i18n::Lang;
use crate::template::{default_template, EmailTemplate};
use crate::time::to_stored;

/// A job offer's template as stored.
#[derive(Debug, Clone)]
pub struct StoredTemplate {
    /// `None` until a version was written (the seed's French default).
    pub id: Option<i64>,
    pub job_id: i64,
    /// 0 until a version was written.
    pub version: u32,
    /// False for a built-in default (French or English).
    pub custom: bool,
    pub template: EmailTemplate,
    pub created_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The offer's current template.
    pub fn job_template(&self, job_id: i64) -> Result<StoredTemplate> {
        require_job(&self.conn, job_id)?;
        current(&self.conn, job_id)
    }

    /// Saves the recruiter's text as the offer's new version.
    pub fn save_job_template(
        &mut self,
        job_id: i64,
        template: &EmailTemplate,
        now: DateTime<Utc>,
    ) -> Result<StoredTemplate> {
        self.append_version(job_id, template, true, now)
    }

    /// The built-in text of `lang` becomes the offer's new version: switching
    /// the campaign's language, or going back to the default.
    pub fn use_default_template(
        &mut self,
        job_id: i64,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<StoredTemplate> {
        self.append_version(job_id, &default_template(lang), false, now)
    }

    fn append_version(
        &mut self,
        job_id: i64,
        template: &EmailTemplate,
        custom: bool,
        now: DateTime<Utc>,
    ) -> Result<StoredTemplate> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        require_job(&tx, job_id)?;
        let stored = insert_version(&tx, job_id, template, custom, now)?;
        tx.commit()?;
        Ok(stored)
    }
}

/// The template an email of this offer is made from, written as version 1
/// first if the offer never had one.
pub(super) fn template_for_email(
    tx: &Transaction<'_>,
    job_id: i64,
    now: DateTime<Utc>,
) -> Result<StoredTemplate> {
    let stored = current(tx, job_id)?;
    if stored.id.is_some() {
        return Ok(stored);
    }
    insert_version(tx, job_id, &stored.template, false, now)
}

fn insert_version(
    tx: &Transaction<'_>,
    job_id: i64,
    template: &EmailTemplate,
    custom: bool,
    now: DateTime<Utc>,
) -> Result<StoredTemplate> {
    let version: u32 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM email_templates WHERE job_id = ?1",
        [job_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO email_templates (job_id, version, lang, subject, body, custom, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            job_id,
            version,
            template.lang().code(),
            template.subject_source(),
            template.body_source(),
            custom,
            to_stored(now)
        ],
    )?;
    Ok(StoredTemplate {
        id: Some(tx.last_insert_rowid()),
        job_id,
        version,
        custom,
        template: template.clone(),
        created_at: Some(super::truncate_to_seconds(now)),
    })
}

fn current(conn: &rusqlite::Connection, job_id: i64) -> Result<StoredTemplate> {
    let row = conn
        .query_row(
            "SELECT id, version, lang, subject, body, custom, created_at FROM email_templates
             WHERE job_id = ?1 ORDER BY version DESC LIMIT 1",
            [job_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                    time_column(r, 6)?,
                ))
            },
        )
        .optional()?;
    let Some((id, version, lang, subject, body, custom, created_at)) = row else {
        return Ok(StoredTemplate {
            id: None,
            job_id,
            version: 0,
            custom: false,
            template: default_template(Lang::Fr),
            created_at: None,
        });
    };
    let lang = Lang::parse(&lang).unwrap_or(Lang::Fr);
    // A stored version was checked when it was saved; one that no longer
    // parses (a hand-edited database) falls back to the default of its language.
    let template =
        EmailTemplate::parse(lang, &subject, &body).unwrap_or_else(|_| default_template(lang));
    Ok(StoredTemplate {
        id: Some(id),
        job_id,
        version,
        custom,
        template,
        created_at: Some(created_at),
    })
}
