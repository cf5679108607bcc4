//! Times and durations as users type them: `17:23`, `2022-03-24 17:23:05`,
//! `03-24 17:23`, `+5m`, `-30s`, `1h30m`, `2022-03-24T17:23:05Z`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::index::Zone;
use crate::time::{MAX_OFFSET, NANOS_PER_DAY, NANOS_PER_SEC, Nanos, in_range, to_datetime};

/// Parses a signed duration: `+5m`, `-30s`, `1h30m`, `250ms`, `-1.5s`, `2d`.
pub fn parse_duration(s: &str) -> Result<Nanos, String> {
    let t = s.trim();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty() {
        return Err(format!(
            "'{s}' is not a duration: try 30s, 5m, 1h30m, 250ms, -2h"
        ));
    }
    let mut total: f64 = 0.0;
    let mut rest = body;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let unit_end = rest[num_end..]
            .find(|c: char| c.is_ascii_digit())
            .map_or(rest.len(), |i| num_end + i);
        let num: f64 = rest[..num_end]
            .parse()
            .map_err(|_| format!("'{s}' is not a duration: try 30s, 5m, 1h30m, 250ms, -2h"))?;
        let unit = match &rest[num_end..unit_end] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" | "sec" | "" if unit_end == rest.len() || !rest[num_end..unit_end].is_empty() => {
                1.0
            }
            "m" | "min" => 60.0,
            "h" => 3600.0,
            "d" => 86400.0,
            other => {
                return Err(format!(
                    "'{s}': unknown unit '{other}' (use ns, us, ms, s, m, h, d)"
                ));
            }
        };
        total += num * unit;
        rest = &rest[unit_end..];
    }
    let n = (total * NANOS_PER_SEC as f64).round();
    // `as` would saturate silently; anything near i64's end is out of every range anyway.
    if !n.is_finite() || n >= i64::MAX as f64 {
        return Err(out_of_range(s));
    }
    let n = n as Nanos;
    Ok(if neg { -n } else { n })
}

/// A clock offset as typed (`--set NAME.offset=`, `:offset`): a duration of
/// at most `MAX_OFFSET` either way.
pub fn parse_offset(s: &str) -> Result<Nanos, String> {
    let d = parse_duration(s)?;
    if d.unsigned_abs() > MAX_OFFSET.unsigned_abs() {
        return Err(format!(
            "'{s}' is out of range: a clock offset is at most {} days either way",
            MAX_OFFSET / NANOS_PER_DAY
        ));
    }
    Ok(d)
}

fn out_of_range(s: &str) -> String {
    format!("'{s}' is out of range: casefile places times from 1900 to 2191")
}

/// Parses a time the user typed. Relative forms (`+5m`, `-30s`) are taken from
/// `anchor`; partial absolute forms (`17:23`, `03-24 17:23`) take the missing
/// date parts from `anchor` as seen in `zone`. Zoneless times are read in `zone`.
pub fn parse_time(s: &str, anchor: Nanos, zone: &Zone) -> Result<Nanos, String> {
    let t = s.trim();
    if t.starts_with('+') || t.starts_with('-') {
        return parse_duration(t).and_then(|d| {
            anchor
                .checked_add(d)
                .and_then(in_range)
                .ok_or_else(|| out_of_range(s))
        });
    }
    if t.eq_ignore_ascii_case("now") {
        return Ok(chrono::Utc::now().timestamp_nanos_opt().unwrap_or(anchor));
    }
    // chrono reads the first nine digits of a fraction and drops the rest:
    // a time typed finer than casefile keeps is refused, not cut unsaid.
    if let Some(n) = fraction_digits(t).filter(|&n| n > 9) {
        return Err(format!(
            "'{s}' has {n} digits after the second's point: casefile reads times to the \
             nanosecond, at most 9 (17:23:05.123456789)"
        ));
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return dt
            .timestamp_nanos_opt()
            .and_then(in_range)
            .ok_or_else(|| out_of_range(s));
    }
    let anchor_wall = to_wall(anchor, zone);
    let normalized = t.replace('T', " ").replace(',', ".");
    let date_time = |d: &str, tm: &str| -> Option<NaiveDateTime> {
        let time = parse_clock(tm)?;
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(d, "%Y/%m/%d"))
            .ok()
            .or_else(|| {
                let (m, dd) = d.split_once(['-', '/'])?;
                NaiveDate::from_ymd_opt(anchor_wall.year(), m.parse().ok()?, dd.parse().ok()?)
            })?;
        Some(date.and_time(time))
    };
    let wall = match normalized.split_once(' ') {
        Some((d, tm)) => date_time(d, tm.trim()),
        None if normalized.contains(':') => parse_clock(&normalized).map(|tm| anchor_wall.date().and_time(tm)),
        None => NaiveDate::parse_from_str(&normalized, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)),
    }
    .ok_or_else(|| {
        format!("'{s}' is not a time: try 17:23, 17:23:05.250, 03-24 17:23, 2022-03-24 17:23:05, +5m or -30s")
    })?;
    from_wall(wall, zone).ok_or_else(|| out_of_range(s))
}

/// The longest run of digits after a `.` or `,` that follows a digit: a
/// typed time's fraction of a second.
fn fraction_digits(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    (1..b.len())
        .filter(|&i| matches!(b[i], b'.' | b',') && b[i - 1].is_ascii_digit())
        .map(|i| b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count())
        .max()
}

fn parse_clock(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
}

/// The wall-clock time of an instant in a zone.
pub fn to_wall(t: Nanos, zone: &Zone) -> NaiveDateTime {
    let dt = to_datetime(t);
    match zone {
        Zone::Fixed(o) => (dt + chrono::Duration::seconds(i64::from(*o))).naive_utc(),
        Zone::Named(tz) => dt.with_timezone(tz).naive_local(),
        Zone::Local => dt.with_timezone(&chrono::Local).naive_local(),
    }
}

/// The instant of a wall-clock time in a zone (the earlier one in a repeated hour).
pub fn from_wall(wall: NaiveDateTime, zone: &Zone) -> Option<Nanos> {
    let as_utc = wall.and_utc().timestamp_nanos_opt()?;
    let mut r = crate::index::Resolver::new(zone.clone(), 0, None);
    r.resolve(crate::format::Stamp::Local(as_utc), &mut Default::default())
}

/// Both instants of a wall-clock time a zone shows twice (the hour
/// repeated when daylight saving time ends), earlier first; None for a
/// time it shows once.
pub fn both_of_wall(wall: NaiveDateTime, zone: &Zone) -> Option<(Nanos, Nanos)> {
    use chrono::{LocalResult, TimeZone};
    fn both<T: TimeZone>(r: LocalResult<chrono::DateTime<T>>) -> Option<(Nanos, Nanos)> {
        match r {
            LocalResult::Ambiguous(a, b) => {
                let (a, b) = (a.timestamp_nanos_opt()?, b.timestamp_nanos_opt()?);
                Some((a.min(b), a.max(b)))
            }
            _ => None,
        }
    }
    match zone {
        Zone::Fixed(_) => None,
        Zone::Named(tz) => both(tz.from_local_datetime(&wall)),
        Zone::Local => both(crate::index::resolve::local_from_wall(wall)),
    }
}

/// Whether `zone` skips the wall-clock time `wall` (the hour the clocks jump
/// over when daylight saving time begins).
pub fn skipped(wall: NaiveDateTime, zone: &Zone) -> bool {
    use chrono::{LocalResult, TimeZone};
    match zone {
        Zone::Fixed(_) => false,
        Zone::Named(tz) => matches!(tz.from_local_datetime(&wall), LocalResult::None),
        Zone::Local => matches!(
            crate::index::resolve::local_from_wall(wall),
            LocalResult::None
        ),
    }
}

/// An instant as its wall-clock time in `zone` and that zone's offset then,
/// in a form `parse_time` reads back as that very instant:
/// `2024-11-03T01:30:00-05:00`.
pub fn with_offset(t: Nanos, zone: &Zone) -> String {
    let wall = to_wall(t, zone);
    let utc = to_datetime(t).naive_utc();
    let off = (wall - utc).num_minutes();
    let sign = if off < 0 { '-' } else { '+' };
    format!(
        "{}{sign}{:02}:{:02}",
        wall.format("%Y-%m-%dT%H:%M:%S%.f"),
        off.abs() / 60,
        off.abs() % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::time::at;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("+5m"), Ok(300 * NANOS_PER_SEC));
        assert_eq!(parse_duration("-30s"), Ok(-30 * NANOS_PER_SEC));
        assert_eq!(parse_duration("1h30m"), Ok(5400 * NANOS_PER_SEC));
        assert_eq!(parse_duration("250ms"), Ok(250_000_000));
        assert_eq!(parse_duration("-1.5s"), Ok(-1_500_000_000));
        assert_eq!(parse_duration("2"), Ok(2 * NANOS_PER_SEC));
        assert!(parse_duration("5x").is_err());
        // Issue 12 item 6: past i64 nanoseconds, `as` saturated silently.
        assert!(
            parse_duration("106752d")
                .unwrap_err()
                .contains("out of range")
        );
        assert!(
            parse_offset("106751d")
                .unwrap_err()
                .contains("'106751d' is out of range")
        );
        assert_eq!(
            parse_offset("-36525d"),
            Ok(-36_525 * crate::time::NANOS_PER_DAY)
        );
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn absolute_and_partial_times() {
        let anchor = at("2022-03-24T10:00:00Z");
        let utc = Zone::Fixed(0);
        assert_eq!(
            parse_time("17:23", anchor, &utc),
            Ok(at("2022-03-24T17:23:00Z"))
        );
        assert_eq!(
            parse_time("17:23:05.250", anchor, &utc),
            Ok(at("2022-03-24T17:23:05.250Z"))
        );
        assert_eq!(
            parse_time("03-25 17:23", anchor, &utc),
            Ok(at("2022-03-25T17:23:00Z"))
        );
        assert_eq!(
            parse_time("2021-01-02 03:04:05", anchor, &utc),
            Ok(at("2021-01-02T03:04:05Z"))
        );
        assert_eq!(
            parse_time("2021-01-02T03:04:05+01:00", anchor, &utc),
            Ok(at("2021-01-02T02:04:05Z"))
        );
        assert_eq!(
            parse_time("+5m", anchor, &utc),
            Ok(at("2022-03-24T10:05:00Z"))
        );
        let berlin = Zone::parse("Europe/Berlin").expect("zone");
        assert_eq!(
            parse_time("17:23", anchor, &berlin),
            Ok(at("2022-03-24T16:23:00Z"))
        );
        assert!(
            parse_time("yesterday-ish", anchor, &utc)
                .unwrap_err()
                .contains("try 17:23")
        );
    }
}
