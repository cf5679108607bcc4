//! Instants as nanoseconds since the Unix epoch (UTC), and the small amount of
//! calendar arithmetic the hot parsing path needs without going through chrono.

use chrono::{DateTime, NaiveDate, Utc};

/// Nanoseconds since 1970-01-01T00:00:00Z (casefile uses years `YEARS`).
pub type Nanos = i64;

pub const NANOS_PER_SEC: i64 = 1_000_000_000;
pub const NANOS_PER_MIN: i64 = 60 * NANOS_PER_SEC;
pub const NANOS_PER_HOUR: i64 = 60 * NANOS_PER_MIN;
pub const NANOS_PER_DAY: i64 = 24 * NANOS_PER_HOUR;

/// The years casefile places in time: 292 whole years, so that the distance
/// between any two of its times fits in `Nanos` (which holds 1677-09-21 to
/// 2262-04-11) and adding a time of day or a zone to a date cannot overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2191;
/// 1900-01-01T00:00:00Z, the earliest instant casefile places.
pub const MIN_TIME: Nanos = -2_208_988_800 * NANOS_PER_SEC;
/// 2191-12-31T23:59:59.999999999Z, the latest instant casefile places.
pub const MAX_TIME: Nanos = 7_005_657_600 * NANOS_PER_SEC - 1;

/// The largest clock offset a source may be given: a device whose clock reset
/// to 1970 is off by decades, none by more than a century.
pub const MAX_OFFSET: Nanos = 36_525 * NANOS_PER_DAY;

/// `t` when casefile can place it (between `MIN_TIME` and `MAX_TIME`).
#[inline]
pub fn in_range(t: Nanos) -> Option<Nanos> {
    (MIN_TIME..=MAX_TIME).contains(&t).then_some(t)
}

/// A real calendar date that lies outside `YEARS`: a stamp that must be
/// reported as out of range rather than silently not read as a time.
pub fn date_out_of_range(year: i32, month: u32, day: u32) -> bool {
    !YEARS.contains(&year) && valid_date(year, month, day)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
/// Month is 1..=12, day 1..=31; the caller validates ranges.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Checks that day exists in that month (Feb 29 only in leap years).
pub fn valid_date(year: i32, month: u32, day: u32) -> bool {
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let max = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= max
}

/// Builds an instant from civil fields read as UTC. Returns None on out-of-range fields.
pub fn civil_to_nanos(
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    min: u32,
    sec: u32,
    nanos: u32,
) -> Option<Nanos> {
    // Leap second 60 is folded into 59 so that the instant stays monotonic enough.
    if !YEARS.contains(&year)
        || !valid_date(year, month, day)
        || hour > 23
        || min > 59
        || sec > 60
        || nanos >= 1_000_000_000
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs =
        days * 86_400 + i64::from(hour) * 3600 + i64::from(min) * 60 + i64::from(sec.min(59));
    secs.checked_mul(NANOS_PER_SEC)?
        .checked_add(i64::from(nanos))
}

/// A day given as `YYYY-MM-DD` (`--set NAME.date=`): its midnight, as
/// nanoseconds of a wall clock read as UTC.
pub fn parse_date(s: &str) -> Result<Nanos, String> {
    let bad = || format!("'{s}' is not a date: expected YYYY-MM-DD, like 2026-11-20");
    use chrono::Datelike;
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    civil_to_nanos(d.year(), d.month(), d.day(), 0, 0, 0, 0).ok_or_else(bad)
}

/// A midnight `parse_date` gives, as `YYYY-MM-DD`.
pub fn format_date(day: Nanos) -> String {
    to_datetime(day).format("%Y-%m-%d").to_string()
}

pub fn to_datetime(t: Nanos) -> DateTime<Utc> {
    DateTime::from_timestamp_nanos(t)
}

/// RFC 3339 in UTC with as many fraction digits as the value needs (0, 3, 6 or 9).
pub fn format_rfc3339(t: Nanos) -> String {
    let dt = to_datetime(t);
    let frac = t.rem_euclid(NANOS_PER_SEC);
    let fmt = if frac == 0 {
        "%Y-%m-%dT%H:%M:%SZ"
    } else if frac % 1_000_000 == 0 {
        "%Y-%m-%dT%H:%M:%S%.3fZ"
    } else if frac % 1_000 == 0 {
        "%Y-%m-%dT%H:%M:%S%.6fZ"
    } else {
        "%Y-%m-%dT%H:%M:%S%.9fZ"
    };
    dt.format(fmt).to_string()
}

/// A short human duration: `0.120s`, `4m12s`, `3h05m`, `2d04h`, past a
/// year `6y324d`.
pub fn format_duration(d: i64) -> String {
    let sign = if d < 0 { "-" } else { "" };
    let a = d.unsigned_abs();
    let s = a / 1_000_000_000;
    if s < 60 {
        let ms = (a / 1_000_000) % 1000;
        if s < 10 && !a.is_multiple_of(1_000_000_000) {
            return format!("{sign}{s}.{ms:03}s");
        }
        return format!("{sign}{s}s");
    }
    let (m, s) = (s / 60, s % 60);
    if m < 60 {
        return format!("{sign}{m}m{s:02}s");
    }
    let (h, m) = (m / 60, m % 60);
    if h < 24 {
        return format!("{sign}{h}h{m:02}m");
    }
    let (days, h) = (h / 24, h % 24);
    if days < 365 {
        return format!("{sign}{days}d{h:02}h");
    }
    // Years of 365 days: a gap this long is a wrong year or clock, and
    // `6y324d` says so where `2514d14h` had to be worked out.
    format!("{sign}{}y{}d", days / 365, days % 365)
}

/// The civil date of an instant, used for year inference.
pub fn civil_date(t: Nanos) -> NaiveDate {
    to_datetime(t).date_naive()
}

/// An RFC 3339 literal as nanoseconds, for tests.
#[cfg(test)]
pub fn at(s: &str) -> Nanos {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("valid RFC 3339")
        .timestamp_nanos_opt()
        .expect("in range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_matches_chrono() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2022, 3, 24),
            (2026, 12, 31),
            (1969, 12, 31),
        ] {
            let ours = civil_to_nanos(y, m, d, 17, 23, 5, 123).expect("valid");
            let theirs = NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|x| x.and_hms_nano_opt(17, 23, 5, 123))
                .expect("valid")
                .and_utc()
                .timestamp_nanos_opt()
                .expect("in range");
            assert_eq!(ours, theirs, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn the_range_is_whole_years_and_leaves_room() {
        assert_eq!(MIN_TIME, at("1900-01-01T00:00:00Z"));
        assert_eq!(MAX_TIME + 1, at("2192-01-01T00:00:00Z"));
        assert!(
            MAX_TIME.checked_sub(MIN_TIME).is_some(),
            "any distance fits"
        );
        // A day and a zone either side never overflow.
        assert!(
            MAX_TIME
                .checked_add(NANOS_PER_DAY + 14 * NANOS_PER_HOUR)
                .is_some()
        );
        assert!(
            MIN_TIME
                .checked_sub(NANOS_PER_DAY + 14 * NANOS_PER_HOUR)
                .is_some()
        );
        assert!(civil_to_nanos(2192, 1, 1, 0, 0, 0, 0).is_none());
        assert!(civil_to_nanos(1899, 12, 31, 0, 0, 0, 0).is_none());
        assert!(date_out_of_range(2262, 4, 11) && !date_out_of_range(2262, 2, 30));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(civil_to_nanos(2023, 2, 29, 0, 0, 0, 0).is_none());
        assert!(civil_to_nanos(2023, 13, 1, 0, 0, 0, 0).is_none());
        assert!(civil_to_nanos(2023, 4, 31, 0, 0, 0, 0).is_none());
        assert!(civil_to_nanos(2023, 4, 30, 24, 0, 0, 0).is_none());
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(120_000_000), "0.120s");
        assert_eq!(format_duration(252 * NANOS_PER_SEC), "4m12s");
        assert_eq!(format_duration(-30 * NANOS_PER_SEC), "-30s");
        assert_eq!(
            format_duration(3 * NANOS_PER_HOUR + 5 * NANOS_PER_MIN),
            "3h05m"
        );
        assert_eq!(format_duration(52 * NANOS_PER_HOUR), "2d04h");
        // Past a year (365 days), years and days: `2514d14h` was read as days.
        assert_eq!(
            format_duration(364 * NANOS_PER_DAY + 23 * NANOS_PER_HOUR),
            "364d23h"
        );
        assert_eq!(format_duration(365 * NANOS_PER_DAY), "1y0d");
        assert_eq!(
            format_duration(2514 * NANOS_PER_DAY + 14 * NANOS_PER_HOUR),
            "6y324d"
        );
        assert_eq!(format_duration(-400 * NANOS_PER_DAY), "-1y35d");
        assert_eq!(format_duration(i64::MIN), "-292y171d");
    }

    #[test]
    fn rfc3339_uses_needed_precision() {
        let t = civil_to_nanos(2022, 3, 24, 17, 23, 5, 123_000_000).expect("valid");
        assert_eq!(format_rfc3339(t), "2022-03-24T17:23:05.123Z");
        assert_eq!(format_rfc3339(t + 456), "2022-03-24T17:23:05.123000456Z");
    }
}
