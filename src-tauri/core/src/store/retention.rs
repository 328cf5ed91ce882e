//! How long candidates are kept (issue 14, item 4) and the register of what
//! was done for their rights (item 6).
//!
//! The clock of a candidate starts at their last activity: the latest of
//! their applications, of the emails sent to them and of the events of their
//! history (an invitation, a status change, a link revoked or extended...).
//! A candidate is past the limit when that instant is more than
//! `retention_months` ago. Hired candidates are left out unless asked for:
//! their data follows them into the employer's staff records. Erased
//! skeletons are nobody and never listed.

use chrono::{DateTime, Months, Utc};
use rusqlite::params;

use super::Store;
use crate::error::Result;
use crate::time::{from_stored, to_stored};

/// What a candidate's last activity was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// They applied (or were imported or added).
    Applied,
    /// An email was sent to them.
    EmailSent,
    /// Something happened in their history.
    History,
}

impl Activity {
    pub fn code(self) -> &'static str {
        match self {
            Activity::Applied => "applied",
            Activity::EmailSent => "email_sent",
            Activity::History => "history",
        }
    }
}

/// A candidate past the retention limit, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Overdue {
    pub candidate_id: i64,
    pub name: String,
    pub email: String,
    pub last_activity_at: DateTime<Utc>,
    pub last_activity: Activity,
    /// Whole months since their last activity.
    pub months_inactive: u32,
    /// One of their applications is `hired` (listed only when asked for).
    pub hired: bool,
}

/// The instant before which a last activity is past `months`; `None` when
/// `months` is 0 (no limit).
pub fn retention_cutoff(months: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if months == 0 {
        return None;
    }
    now.checked_sub_months(Months::new(months))
}

/// Whole months from `from` to `to`.
fn months_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|at| at <= to)
    {
        months += 1;
    }
    months
}

/// One thing done for candidates' rights, as the register keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RgpdAction {
    /// A right-of-access export.
    Export,
    /// An erasure at the candidate's request.
    Erasure,
    /// A retention run ("Effacer" on the banner, `retention apply`).
    Retention,
    /// Erased again after a restore or at start-up (the erasure register).
    Reerasure,
}

impl RgpdAction {
    pub fn code(self) -> &'static str {
        match self {
            RgpdAction::Export => "export",
            RgpdAction::Erasure => "erasure",
            RgpdAction::Retention => "retention",
            RgpdAction::Reerasure => "reerasure",
        }
    }

    fn from_code(code: &str) -> Option<RgpdAction> {
        [
            RgpdAction::Export,
            RgpdAction::Erasure,
            RgpdAction::Retention,
            RgpdAction::Reerasure,
        ]
        .into_iter()
        .find(|a| a.code() == code)
    }
}

/// One line of the register: when, what, how many candidates, by which
/// account of this computer. No personal data of a candidate.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RgpdLogEntry {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub action: RgpdAction,
    pub count: u32,
    pub actor: String,
}

/// The account of this computer that runs JobGate (the OS user name, read
/// with `whoami`; else `USER`, `USERNAME` or `LOGNAME`), else "?".
pub fn current_actor() -> String {
    whoami::fallible::username()
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        })
        .unwrap_or_else(|| "?".to_owned())
}

/// Writes one line of the register (in the caller's transaction, if any).
pub(super) fn log_rgpd(
    conn: &rusqlite::Connection,
    action: RgpdAction,
    count: usize,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO rgpd_log (at, action, count, actor) VALUES (?1, ?2, ?3, ?4)",
        params![to_stored(now), action.code(), count as i64, current_actor()],
    )?;
    Ok(())
}

impl Store {
    /// The candidates whose last activity is more than `months` before
    /// `now`, longest inactive first (hired ones only with `include_hired`).
    /// Empty when `months` is 0.
    pub fn past_retention(
        &self,
        months: u32,
        include_hired: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<Overdue>> {
        let Some(cutoff) = retention_cutoff(months, now) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, name, email, applied, emailed, evented, hired FROM (
                 SELECT c.id, c.name, c.email,
                   COALESCE((SELECT MAX(a.created_at) FROM applications a
                     WHERE a.candidate_id = c.id), c.created_at) AS applied,
                   (SELECT MAX(o.updated_at) FROM outbox o JOIN applications a ON a.id = o.application_id
                     WHERE a.candidate_id = c.id AND o.state = 'sent') AS emailed,
                   (SELECT MAX(e.at) FROM events e JOIN applications a ON a.id = e.application_id
                     WHERE a.candidate_id = c.id) AS evented,
                   EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id
                     AND a.status = 'hired') AS hired
                 FROM candidates c
                 WHERE NOT (c.email LIKE 'efface-%@invalid')
             )
             WHERE max(applied, COALESCE(emailed, ''), COALESCE(evented, '')) < ?1
               AND (?2 OR NOT hired)",
        )?;
        // The instants are stored in one format (`to_stored`): as text they
        // compare as time does; '' stands for none.
        let sql_rows = stmt.query_map(params![to_stored(cutoff), include_hired], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })?;
        let mut overdue = Vec::new();
        for row in sql_rows {
            let (candidate_id, name, email, applied, emailed, evented, hired) = row?;
            let parsed = |text: Option<String>| text.and_then(|t| from_stored(&t).ok());
            // On a tie the more telling one wins: the last of the maxima.
            let (last_activity_at, last_activity) = [
                (parsed(evented), Activity::History),
                (parsed(applied), Activity::Applied),
                (parsed(emailed), Activity::EmailSent),
            ]
            .into_iter()
            .filter_map(|(at, what)| Some((at?, what)))
            .max_by_key(|(at, _)| *at)
            .unwrap_or((cutoff, Activity::Applied));
            overdue.push(Overdue {
                candidate_id,
                name,
                email,
                last_activity_at,
                last_activity,
                months_inactive: months_between(last_activity_at, now),
                hired,
            });
        }
        overdue.sort_by_key(|o| (o.last_activity_at, o.candidate_id));
        Ok(overdue)
    }

    /// Writes one line of the register of what was done.
    pub fn log_rgpd(&self, action: RgpdAction, count: usize, now: DateTime<Utc>) -> Result<()> {
        log_rgpd(&self.conn, action, count, now)
    }

    /// The register of what was done, newest first (`limit` lines at most).
    pub fn rgpd_log(&self, limit: u32) -> Result<Vec<RgpdLogEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, action, count, actor FROM rgpd_log ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(at, action, count, actor)| {
                Some(RgpdLogEntry {
                    at: from_stored(&at).ok()?,
                    action: RgpdAction::from_code(&action)?,
                    count,
                    actor,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn months_are_counted_whole() {
        let at = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap();
        assert_eq!(months_between(at(2024, 1, 31), at(2024, 2, 29)), 1);
        assert_eq!(months_between(at(2024, 12, 4), at(2026, 12, 3)), 23);
        assert_eq!(months_between(at(2024, 12, 4), at(2026, 12, 4)), 24);
        assert_eq!(retention_cutoff(0, at(2026, 12, 4)), None);
        assert_eq!(retention_cutoff(24, at(2026, 12, 4)), Some(at(2024, 12, 4)));
    }
}
