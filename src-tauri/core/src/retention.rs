//! How long candidates are kept (RGPD issue 14, item 4): who is past
//! `retention_months` and why ([`RetentionStatus`], the window's banner,
//! `jobgate retention list`), and erasing them on the recruiter's word only
//! ([`apply_retention`]: the banner's "Effacer", `jobgate retention apply
//! --yes`). The rule (the clock starts at the last activity; hired candidates
//! left out) is `Store::past_retention`'s. Also the register of what was done
//! for candidates' rights as the window lists it ([`RgpdLogDto`]).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dto::View;
use crate::error::Result;
use crate::rgpd::erase_many;
use crate::store::{Activity, Overdue, RgpdAction, RgpdLogEntry, Store, WhenSending};
use crate::time::{format_date, format_local};

/// The retention limit set now (`retention_months`; 0: none).
pub fn retention_months(store: &Store) -> Result<u32> {
    Ok(store
        .setting(crate::settings::RETENTION_MONTHS)?
        .trim()
        .parse()
        .unwrap_or(0))
}

/// What a retention run did: the limit, who was erased, and how many past
/// it were left because an email to them was being sent.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RetentionRun {
    pub months: u32,
    pub erased: usize,
    pub left_sending: usize,
    /// The file could not be rewritten yet (finished at the next opening).
    pub compacted: bool,
}

/// Erases everyone past the retention limit now (hired candidates only with
/// `include_hired`), as an erasure at their request does; one line in the
/// register of what was done, even when nobody is past it. Only ever run on
/// the recruiter's word (`retention apply --yes`, the banner's "Effacer").
pub fn apply_retention(
    invitations: &crate::invitations::Invitations,
    include_hired: bool,
    now: DateTime<Utc>,
) -> Result<RetentionRun> {
    let (months, overdue) = {
        let store = invitations.store()?;
        let months = retention_months(&store)?;
        (months, store.past_retention(months, include_hired, now)?)
    };
    let ids: Vec<i64> = overdue.iter().map(|o| o.candidate_id).collect();
    let erasures = erase_many(
        invitations,
        &ids,
        WhenSending::Skip,
        RgpdAction::Retention,
        now,
    )?;
    tracing::info!(months, erased = erasures.len(), "retention applied");
    Ok(RetentionRun {
        months,
        erased: erasures.len(),
        left_sending: ids.len() - erasures.len(),
        compacted: erasures.iter().all(|e| e.compacted),
    })
}

/// The candidates the banner shows at most ("… et N autres" after them).
pub const SHOWN: usize = 100;

/// The window's banner: the limit, how many are past it, and the first of
/// them with why.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RetentionStatus {
    /// 0: no limit (no banner).
    pub months: u32,
    pub count: usize,
    pub candidates: Vec<OverdueDto>,
}

/// One candidate past the limit, as the banner lists them.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OverdueDto {
    pub candidate_id: i64,
    pub name: String,
    pub email: String,
    pub last_activity: Activity,
    /// The day of the last activity, in the recruiter's zone and language.
    pub last_activity_date: String,
    pub months_inactive: u32,
}

impl RetentionStatus {
    /// Who is past the limit now (hired candidates left out).
    pub fn read(store: &Store, view: &View<'_>) -> Result<RetentionStatus> {
        let months = retention_months(store)?;
        let overdue = store.past_retention(months, false, view.now)?;
        Ok(RetentionStatus {
            months,
            count: overdue.len(),
            candidates: overdue
                .iter()
                .take(SHOWN)
                .map(|o| OverdueDto::new(o, view))
                .collect(),
        })
    }
}

impl OverdueDto {
    fn new(o: &Overdue, view: &View<'_>) -> OverdueDto {
        OverdueDto {
            candidate_id: o.candidate_id,
            name: o.name.clone(),
            email: o.email.clone(),
            last_activity: o.last_activity,
            last_activity_date: format_date(o.last_activity_at, view.zone, view.lang),
            months_inactive: o.months_inactive,
        }
    }
}

/// One line of the register of what was done, as Réglages list it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RgpdLogDto {
    /// In the recruiter's zone and language.
    pub at_local: String,
    pub action: RgpdAction,
    pub count: u32,
    pub actor: String,
}

impl RgpdLogDto {
    pub fn new(entry: &RgpdLogEntry, view: &View<'_>) -> RgpdLogDto {
        RgpdLogDto {
            at_local: format_local(entry.at, view.zone, view.lang),
            action: entry.action,
            count: entry.count,
            actor: entry.actor.clone(),
        }
    }
}
