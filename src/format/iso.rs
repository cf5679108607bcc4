//! ISO-8601 timestamps at the start of a line: most application logs,
//! supervisord, log4j/logback defaults, Python `logging`, zap console.

use super::{LineInfo, Stamp, clock, digits, sniff_level, zone_abbrev, zone_offset};
use crate::level::Level;
use crate::time::{Nanos, civil_to_nanos};

/// Parses `YYYY-MM-DD[T ]HH:MM:SS[.,fraction][zone]` at `pos`.
/// Returns the stamp and the number of bytes consumed.
pub fn parse_iso(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    let year = digits(b, pos, 4)?;
    if b.get(pos + 4) != Some(&b'-') || b.get(pos + 7) != Some(&b'-') {
        return None;
    }
    let month = digits(b, pos + 5, 2)?;
    let day = digits(b, pos + 8, 2)?;
    if !matches!(b.get(pos + 10), Some(b'T' | b' ' | b't' | b'_')) {
        return None;
    }
    let (wall, mut end) = parse_clock(b, pos + 11, year as i32, month, day)?;
    match zone_offset(b, end) {
        // A zone glued to the time, or separated by one space (`17:23:05 +0000`).
        Some((off, used)) => {
            end += used;
            Some((
                Stamp::Utc(wall - Nanos::from(off) * 1_000_000_000),
                end - pos,
            ))
        }
        None if b.get(end) == Some(&b' ') && matches!(b.get(end + 1), Some(b'+' | b'-')) => {
            match zone_offset(b, end + 1) {
                Some((off, used)) if !b.get(end + 1 + used).is_some_and(u8::is_ascii_digit) => {
                    Some((
                        Stamp::Utc(wall - Nanos::from(off) * 1_000_000_000),
                        end + 1 + used - pos,
                    ))
                }
                _ => Some((Stamp::Local(wall), end - pos)),
            }
        }
        None => Some((Stamp::Local(wall), end - pos)),
    }
}

/// Parses `HH:MM:SS[.,fraction]` at `pos` for the given date, as if UTC.
pub fn parse_clock(
    b: &[u8],
    pos: usize,
    year: i32,
    month: u32,
    day: u32,
) -> Option<(Nanos, usize)> {
    let (of_day, end) = clock(b, pos)?;
    Some((civil_to_nanos(year, month, day, 0, 0, 0, 0)? + of_day, end))
}

/// An ISO stamp at `pos`, also reading a zone abbreviation after it
/// (`2026-11-23 08:10:34.925 CST`, PostgreSQL and journalctl style).
/// Returns the stamp and the end position.
pub fn stamp_at(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    let (stamp, used) = parse_iso(b, pos)?;
    let end = pos + used;
    if let Stamp::Local(wall) = stamp
        && b.get(end) == Some(&b' ')
    {
        let limit = b.len().min(end + 6);
        let word_end = (end + 1..limit)
            .find(|&i| !b[i].is_ascii_uppercase())
            .unwrap_or(limit);
        if matches!(b.get(word_end), None | Some(b' ' | b']'))
            && let Some(off) = zone_abbrev(&b[end + 1..word_end])
        {
            return Some((
                Stamp::Utc(wall - Nanos::from(off) * 1_000_000_000),
                word_end,
            ));
        }
    }
    Some((stamp, end))
}

/// Position of an ISO stamp at the start of a line, behind one `[`, or behind a
/// weekday (`Mon 2026-11-23 15:05:45 CET`, journalctl `short-full` and `verbose`).
#[inline]
pub fn start_pos(line: &[u8]) -> usize {
    match line {
        [b'[', ..] => 1,
        [a, b, c, b' ', d, ..]
            if a.is_ascii_uppercase()
                && b.is_ascii_lowercase()
                && c.is_ascii_lowercase()
                && d.is_ascii_digit() =>
        {
            4
        }
        _ => 0,
    }
}

/// etcd's capnslog writes one letter between the stamp and ` | ` (`I | etcdmain: ...`).
fn letter_level(rest: &[u8]) -> Option<Level> {
    match rest {
        [b' ', c, b' ', b'|', ..] if c.is_ascii_uppercase() => Level::parse(&[*c]),
        _ => None,
    }
}

pub fn parse_line(line: &[u8]) -> LineInfo {
    let pos = start_pos(line);
    match stamp_at(line, pos) {
        Some((stamp, end)) => {
            let rest = &line[end.min(line.len())..];
            LineInfo {
                stamp: Some(stamp),
                level: letter_level(rest).or_else(|| sniff_level(rest, 40)),
            }
        }
        None => LineInfo::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Nanos {
        chrono::DateTime::parse_from_rfc3339(s)
            .expect("valid")
            .timestamp_nanos_opt()
            .expect("range")
    }

    #[test]
    fn zoned_and_zoneless() {
        let i = parse_line(b"2022-03-24T17:23:05.123456+01:00 vm sshd[1]: hi");
        assert_eq!(
            i.stamp,
            Some(Stamp::Utc(utc("2022-03-24T16:23:05.123456Z")))
        );
        let i = parse_line(b"2022-03-24 17:23:05,123 INFO spawned");
        assert_eq!(i.stamp, Some(Stamp::Local(utc("2022-03-24T17:23:05.123Z"))));
        assert_eq!(i.level, Some(Level::Info));
        let i = parse_line(b"[2026-11-23 14:06:48 +0000] [11988] [INFO] Starting");
        assert_eq!(i.stamp, Some(Stamp::Utc(utc("2026-11-23T14:06:48Z"))));
        assert_eq!(i.level, Some(Level::Info));
    }

    #[test]
    fn zone_abbreviation() {
        let i = parse_line(b"2026-11-23 08:10:34.925 CST [16282] LOG:  x");
        assert_eq!(i.stamp, Some(Stamp::Utc(utc("2026-11-23T14:10:34.925Z"))));
        let i = parse_line(b"2026-11-23 08:10:34.925 CSTX");
        assert_eq!(i.stamp, Some(Stamp::Local(utc("2026-11-23T08:10:34.925Z"))));
    }

    #[test]
    fn capnslog_letter() {
        let i = parse_line(b"2026-11-23 14:10:13.032871 W | etcdserver: slow");
        assert_eq!(i.level, Some(Level::Warn));
    }

    #[test]
    fn weekday_prefix() {
        let i = parse_line(b"Mon 2026-11-23 15:05:45 CET vm redis-server[1]: x");
        assert_eq!(i.stamp, Some(Stamp::Utc(utc("2026-11-23T14:05:45Z"))));
    }

    #[test]
    fn not_a_date() {
        assert_eq!(parse_line(b"2022-13-24 17:23:05 x").stamp, None);
        assert_eq!(parse_line(b"hello").stamp, None);
    }
}
