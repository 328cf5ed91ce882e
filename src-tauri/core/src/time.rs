//! Time: stored in UTC, shown in the recruiter's zone with the zone named.
//!
//! Nothing in the core reads the clock: callers pass `now`, so tests can put the
//! clock anywhere (an expiry boundary, a daylight-saving change).

use chrono::format::StrftimeItems;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

use crate::i18n::Lang;

/// The one text form of an instant in the database: RFC 3339, UTC, whole
/// seconds (`2026-11-24T06:47:38Z`). Fixed width, so text order is time order.
pub fn to_stored(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads an instant written by [`to_stored`]. A malformed value (a hand-edited
/// database) is reported as a conversion error, never a panic.
pub fn from_stored(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|dt| dt.with_timezone(&Utc))
}

/// The recruiter's time zone: `TZ` when it names an IANA zone, else the OS
/// zone, else UTC.
pub fn recruiter_zone() -> Tz {
    if let Ok(tz) = std::env::var("TZ") {
        if let Ok(zone) = tz.trim_start_matches(':').parse::<Tz>() {
            return zone;
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// `days` calendar days after `at`, on the recruiter's wall clock: a link made
/// on Wednesday at 10:00 in Paris expires the next Wednesday at 10:00 in Paris,
/// even across a daylight-saving change (so 167 or 169 hours later, not 168).
/// A local time that does not exist (the spring-forward gap) moves forward by
/// the gap; one that exists twice (autumn) takes the earlier instant.
pub fn add_local_days(at: DateTime<Utc>, days: u32, zone: Tz) -> DateTime<Utc> {
    use chrono::{LocalResult, TimeZone};
    let fallback = at + chrono::Duration::days(i64::from(days));
    let Some(local) = at
        .with_timezone(&zone)
        .naive_local()
        .checked_add_days(chrono::Days::new(u64::from(days)))
    else {
        return fallback;
    };
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        // In the gap: the same wall-clock reading an hour on (no zone's gap is longer).
        LocalResult::None => zone
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(fallback),
    }
}

/// "01/12/2026 à 07:47 (Europe/Paris)" — the seed's `dd/mm/YYYY à HH:MM`, with
/// the zone named so a reader elsewhere does not misread it (`time-local`).
pub fn format_local(at: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    format_with(at, zone, lang, "time-local")
}

/// The expiry as an email says it, in the email's language (`time-email`): the
/// seed's `01/12/2026 à 07:47 (Europe/Paris)` in French; in English, a month
/// name (`1 December 2026 at 07:47 (Europe/Paris)`), since 01/12 reads as
/// January to many English readers.
pub fn format_for_email(at: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    format_with(at, zone, lang, "time-email")
}

/// The day alone, "03/12/2026" (`time-date`): when a candidate was erased.
pub fn format_date(at: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    format_with(at, zone, lang, "time-date")
}

/// `at` in `zone` by the catalog's strftime pattern `id`. A pattern chrono
/// cannot read (a translator's slip) falls back to the stored RFC 3339 form
/// rather than fail: a date is never worth an error.
fn format_with(at: DateTime<Utc>, zone: Tz, lang: Lang, id: &str) -> String {
    // The zone's name goes into the pattern: any `%` in it must stay a `%`.
    let pattern = crate::tr!(lang, id, zone = zone.name().replace('%', "%%"));
    match StrftimeItems::new(&pattern).parse() {
        Ok(items) => at
            .with_timezone(&zone)
            .format_with_items(items.iter())
            .to_string(),
        Err(_) => {
            tracing::warn!(id, "unreadable date pattern in the catalog");
            to_stored(at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_form_round_trips_and_sorts() {
        let a = Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 59).unwrap();
        let b = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
        assert_eq!(to_stored(a), "2026-03-29T00:59:59Z");
        assert_eq!(from_stored(&to_stored(a)).unwrap(), a);
        assert!(to_stored(a) < to_stored(b));
    }

    #[test]
    fn days_are_calendar_days_on_the_recruiters_clock_across_dst() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // Wednesday 25 March 2026, 10:00 in Paris (UTC+1)...
        let made = Utc.with_ymd_and_hms(2026, 3, 25, 9, 0, 0).unwrap();
        let expires = add_local_days(made, 7, paris);
        // ...expires Wednesday 1 April at 10:00 in Paris, now UTC+2: 167 hours later.
        assert_eq!(expires, Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap());
        assert_eq!(expires - made, chrono::Duration::hours(167));
        // In autumn the week is 169 hours long.
        let made = Utc.with_ymd_and_hms(2026, 10, 21, 8, 0, 0).unwrap();
        assert_eq!(
            add_local_days(made, 7, paris) - made,
            chrono::Duration::hours(169)
        );
        // In UTC a day is 24 hours.
        assert_eq!(
            add_local_days(made, 7, chrono_tz::UTC) - made,
            chrono::Duration::days(7)
        );
    }

    #[test]
    fn a_wall_clock_time_that_does_not_exist_moves_forward() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // 02:30 on 22 March 2026 in Paris (UTC+1) → 02:30 on 29 March does not exist.
        let made = Utc.with_ymd_and_hms(2026, 3, 22, 1, 30, 0).unwrap();
        let expires = add_local_days(made, 7, paris);
        assert_eq!(
            format_local(expires, paris, Lang::Fr),
            "29/03/2026 à 03:30 (Europe/Paris)"
        );
        // A wall-clock time that exists twice takes the earlier instant.
        let made = Utc.with_ymd_and_hms(2026, 10, 18, 0, 30, 0).unwrap(); // 02:30 CEST
        let expires = add_local_days(made, 7, paris);
        assert_eq!(
            expires,
            Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap()
        );
    }

    #[test]
    fn emails_give_the_expiry_in_their_own_language() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        assert_eq!(
            format_for_email(at, paris, Lang::Fr),
            "01/12/2026 à 10:00 (Europe/Paris)"
        );
        assert_eq!(
            format_for_email(at, paris, Lang::En),
            "1 December 2026 at 10:00 (Europe/Paris)"
        );
    }

    #[test]
    fn local_format_names_the_zone_across_dst() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // 00:30 UTC on the day Paris moves to summer time is still winter (UTC+1)...
        let before = Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap();
        assert_eq!(
            format_local(before, paris, Lang::Fr),
            "29/03/2026 à 01:30 (Europe/Paris)"
        );
        // ...and 01:30 UTC is summer time (UTC+2).
        let after = Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap();
        assert_eq!(
            format_local(after, paris, Lang::En),
            "29/03/2026 at 03:30 (Europe/Paris)"
        );
    }
}
