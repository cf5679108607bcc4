//! ISO-8601 timestamps at the start of a line: most application logs,
//! supervisord, log4j/logback defaults, Python `logging`, zap console.

use super::{LineInfo, Stamp, digits, sniff_level, zone_abbrev, zone_offset};
use std::cell::Cell;
use std::ops::Range;

use crate::level::Level;
use crate::time::{Nanos, civil_to_nanos, date_out_of_range};

thread_local! {
    /// The last `YYYY-MM-DD?HH:MM` seen on this thread and its wall-clock
    /// nanoseconds: consecutive lines mostly share their minute, and the date
    /// arithmetic is the larger part of parsing a stamp.
    static MINUTE: Cell<Option<(u128, Nanos)>> = const { Cell::new(None) };
}

/// Parses `YYYY-MM-DD[T ]HH:MM:SS[.,fraction][zone]` at `pos`.
/// Returns the stamp and the number of bytes consumed.
pub fn parse_iso(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    let key = b
        .get(pos..pos + 16)
        .and_then(|k| <[u8; 16]>::try_from(k).ok())
        .map(u128::from_le_bytes)?;
    // None: a real minute outside the years casefile places.
    let minute = if let Some((cached, minute)) = MINUTE.get()
        && cached == key
    {
        Some(minute)
    } else {
        let minute = parse_minute(b, pos)?;
        if let Some(m) = minute {
            MINUTE.set(Some((key, m)));
        }
        minute
    };
    if b.get(pos + 16) != Some(&b':') {
        return None;
    }
    let sec = digits(b, pos + 17, 2)?;
    if sec > 60 {
        return None;
    }
    let mut end = pos + 19;
    let mut nanos = 0;
    if matches!(b.get(end), Some(b'.' | b',')) {
        let (n, used) = super::fraction(b, end + 1);
        if used > 0 {
            nanos = n;
            end += 1 + used;
        }
    }
    let local = minute.map_or(Stamp::OutOfRange, |m| {
        Stamp::Local(m + Nanos::from(sec.min(59)) * 1_000_000_000 + Nanos::from(nanos))
    });
    match zone_offset(b, end) {
        // A zone glued to the time, or separated by one space (`17:23:05 +0000`).
        Some((off, used)) => {
            end += used;
            Some((super::with_offset(local, off), end - pos))
        }
        None if b.get(end) == Some(&b' ') && matches!(b.get(end + 1), Some(b'+' | b'-')) => {
            match zone_offset(b, end + 1) {
                Some((off, used)) if !b.get(end + 1 + used).is_some_and(u8::is_ascii_digit) => {
                    Some((super::with_offset(local, off), end + 1 + used - pos))
                }
                _ => Some((local, end - pos)),
            }
        }
        None => Some((local, end - pos)),
    }
}

/// `YYYY-MM-DD?HH:MM` at `pos` as wall-clock nanoseconds, fully validated;
/// `Some(None)` for a real minute outside the years casefile places.
fn parse_minute(b: &[u8], pos: usize) -> Option<Option<Nanos>> {
    let year = digits(b, pos, 4)?;
    if b.get(pos + 4) != Some(&b'-') || b.get(pos + 7) != Some(&b'-') {
        return None;
    }
    let month = digits(b, pos + 5, 2)?;
    let day = digits(b, pos + 8, 2)?;
    if !matches!(b.get(pos + 10), Some(b'T' | b' ' | b't' | b'_')) || b.get(pos + 13) != Some(&b':')
    {
        return None;
    }
    let hour = digits(b, pos + 11, 2)?;
    let min = digits(b, pos + 14, 2)?;
    match civil_to_nanos(year as i32, month, day, hour, min, 0, 0) {
        Some(t) => Some(Some(t)),
        None if hour <= 23 && min <= 59 && date_out_of_range(year as i32, month, day) => Some(None),
        None => None,
    }
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

/// A level word in the place a format fixes after a `[`…`]` stamp (`rest`
/// starts after the stamp's `]`), and where it is in `rest`: gunicorn's
/// `[pid] [LEVEL]` (`[11988] [INFO] Starting`), with its brackets; Monolog's
/// (Laravel's) `channel.LEVEL:` (`local.ERROR: …`), its dot and word.
fn placed_level(rest: &[u8]) -> Option<(Level, Range<usize>)> {
    let word = |from: usize| {
        let n = rest[from.min(rest.len())..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let w = &rest[from..from + n];
        (n >= 3)
            .then(|| Level::parse(w))
            .flatten()
            .map(|l| (l, from + n))
    };
    let after = rest.strip_prefix(b" ")?;
    if let Some(ids) = after.strip_prefix(b"[") {
        // gunicorn: `[pid] [LEVEL]`.
        let pid = ids.iter().take_while(|b| b.is_ascii_digit()).count();
        let at = 2 + pid;
        if pid == 0 || rest.get(at..at + 3) != Some(b"] [") {
            return None;
        }
        let (level, end) = word(at + 3)?;
        return (rest.get(end) == Some(&b']')).then_some((level, at + 2..end + 1));
    }
    // Monolog: `channel.LEVEL:`.
    let channel = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let dot = 1 + channel;
    if channel == 0 || rest.get(dot) != Some(&b'.') {
        return None;
    }
    let (level, end) = word(dot + 1)?;
    (rest.get(end) == Some(&b':')).then_some((level, dot..end))
}

/// Where `parse_line` reads its stamp (with a weekday before it, a zone
/// after it, the `[`…`]` around it) and a level word in a fixed place:
/// capnslog's letter with its ` | `, gunicorn's and Monolog's (`placed_level`).
pub fn header(line: &[u8]) -> Option<super::Header> {
    let pos = start_pos(line);
    let (_, end) = stamp_at(line, pos)?;
    let stamp_end = closed(line, pos, end);
    let rest = &line[end.min(line.len())..];
    let level = match letter_level(rest) {
        Some(_) => Some(end + 1..end + 4),
        None if stamp_end > end => {
            placed_level(&line[stamp_end..]).map(|(_, r)| r.start + stamp_end..r.end + stamp_end)
        }
        None => None,
    };
    Some(super::Header {
        stamp: 0..stamp_end,
        level,
    })
}

/// Where the stamp `stamp_at` reads at `start_pos` ends, after its `]`.
pub fn stamp_end(line: &[u8]) -> Option<usize> {
    let pos = start_pos(line);
    stamp_at(line, pos).map(|(_, end)| closed(line, pos, end))
}

/// A stamp that opened with `[` ends after its `]`.
fn closed(line: &[u8], pos: usize, end: usize) -> usize {
    end + usize::from(pos == 1 && line.get(end) == Some(&b']'))
}

pub fn parse_line(line: &[u8]) -> LineInfo {
    let pos = start_pos(line);
    match stamp_at(line, pos) {
        Some((stamp, end)) => {
            let rest = &line[end.min(line.len())..];
            let stamp_end = closed(line, pos, end);
            let placed = || {
                (stamp_end > end)
                    .then(|| placed_level(&line[stamp_end..]))
                    .flatten()
                    .map(|(l, _)| l)
            };
            LineInfo {
                stamp: Some(stamp),
                level: letter_level(rest)
                    .or_else(placed)
                    .or_else(|| sniff_level(rest, 40)),
            }
        }
        None => LineInfo::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::time::at as utc;

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

    #[test]
    fn the_minute_cache_never_changes_an_answer() {
        let a = parse_line(b"2022-03-24 17:23:05,123 INFO a");
        let b = parse_line(b"2022-03-24 17:23:59.9 INFO b");
        assert_eq!(a.stamp, Some(Stamp::Local(utc("2022-03-24T17:23:05.123Z"))));
        assert_eq!(b.stamp, Some(Stamp::Local(utc("2022-03-24T17:23:59.900Z"))));
        // Same first 16 bytes, broken seconds: still rejected.
        assert_eq!(parse_line(b"2022-03-24 17:23:x5 INFO c").stamp, None);
        assert_eq!(parse_line(b"2022-03-24 17:23:75 INFO c").stamp, None);
        // A different minute after a cached one, and sixteen NUL bytes.
        let c = parse_line(b"2022-03-24 17:24:00 INFO d");
        assert_eq!(c.stamp, Some(Stamp::Local(utc("2022-03-24T17:24:00Z"))));
        assert_eq!(parse_line(&[0u8; 24]).stamp, None);
    }
}
