//! Application logs that start with an ISO stamp followed by a level in a
//! library-specific place: supervisord, Python `logging`/loguru, log4j/logback
//! (Kafka, ZooKeeper, Log4j 2), PostgreSQL. They all parse like `iso8601`; each
//! flavour reads its level exactly and its shape doubles as a detection signature.
//! Also Redis and java.util.logging, which have their own stamps.

use std::ops::Range;

use super::header::{Header, LevelField};
use super::{LineInfo, Stamp, clock, digits, iso, month_abbrev, trim_cr};
use crate::level::Level;
use crate::time::civil_to_nanos;
use memchr::memmem;

/// Parses the ISO stamp and hands what follows it to a flavour's level reader.
/// Lines whose level is not where the flavour puts it still get the stamp.
pub fn parse_with(line: &[u8], level: fn(&[u8]) -> Option<Level>) -> LineInfo {
    let Some((stamp, end)) = iso::stamp_at(line, iso::start_pos(line)) else {
        return LineInfo::default();
    };
    let rest = &line[end.min(line.len())..];
    LineInfo {
        stamp: Some(stamp),
        level: level(rest).or_else(|| super::sniff_level(rest, 40)),
    }
}

/// Where `parse_with` reads the stamp and, with `fields` (a flavour's level
/// reader telling where), the level word.
pub fn header_with(
    line: &[u8],
    fields: fn(&[u8]) -> Option<(Level, LevelField)>,
) -> Option<Header> {
    let end = iso::stamp_at(line, iso::start_pos(line))?.1.min(line.len());
    Some(match fields(&line[end..]) {
        Some((_, f)) => Header {
            stamp: 0..end + f.stamp_tail,
            level: Some(end + f.word.start..end + f.word.end),
        },
        None => Header::stamp(0..iso::stamp_end(line)?),
    })
}

/// True when the flavour finds its level where it expects it.
pub fn signature(line: &[u8], level: fn(&[u8]) -> Option<Level>) -> bool {
    iso::stamp_at(line, iso::start_pos(line))
        .is_some_and(|(_, end)| level(&line[end.min(line.len())..]).is_some())
}

fn upper_word(s: &[u8]) -> &[u8] {
    let n = s
        .iter()
        .take(12)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    &s[..n]
}

/// supervisord's lines (`supervisor/loggers.py`: `%(asctime)s %(levelname)s
/// %(message)s`): its asctime `2026-11-23 14:08:56,011`, local with comma
/// millis, then one of its level names. Another ISO stamp (`T`, `Z`, an
/// offset, a bracket) before `INFO msg` is a generic ISO log's.
pub fn supervisord_signature(line: &[u8]) -> bool {
    const SHAPE: &[u8; 23] = b"dddd-dd-dd dd:dd:dd,ddd";
    line.len() > SHAPE.len()
        && SHAPE.iter().zip(line).all(|(&s, &c)| match s {
            b'd' => c.is_ascii_digit(),
            _ => c == s,
        })
        && supervisord_level(&line[SHAPE.len()..]).is_some()
}

/// supervisord's level word (`supervisord_level`) and where it is.
pub fn supervisord_word(rest: &[u8]) -> Option<(Level, LevelField)> {
    let level = supervisord_level(rest)?;
    Some((
        level,
        LevelField {
            stamp_tail: 0,
            word: 1..5,
        },
    ))
}

/// supervisord: ` INFO spawned: ...` with its own four-letter names.
pub fn supervisord_level(rest: &[u8]) -> Option<Level> {
    let w = rest.strip_prefix(b" ")?.get(..5)?;
    let level = match &w[..4] {
        b"CRIT" => Level::Fatal,
        b"ERRO" => Level::Error,
        b"WARN" => Level::Warn,
        b"INFO" => Level::Info,
        b"DEBG" => Level::Debug,
        b"TRAC" | b"BLAT" => Level::Trace,
        _ => return None,
    };
    (w[4] == b' ' && rest.get(6).is_some_and(u8::is_ascii_alphabetic)).then_some(level)
}

/// Python: ` - name - LEVEL - msg` (`%(asctime)s - %(name)s - ...`), loguru's
/// ` | LEVEL    | `, or `%(levelname)-8s` padding.
pub fn python_level(rest: &[u8]) -> Option<Level> {
    python_fields(rest).map(|(l, _)| l)
}

/// `python_level` and where the level is: the separator after the stamp
/// (` - `, ` | `) goes with the stamp, the one after the level with it.
#[inline]
pub fn python_fields(rest: &[u8]) -> Option<(Level, LevelField)> {
    if let Some(r) = rest.strip_prefix(b" - ") {
        let dash = memmem::find(&r[..r.len().min(80)], b" - ")?;
        let after = &r[dash + 3..];
        let w = upper_word(after);
        if after.get(w.len()..w.len() + 3) != Some(b" - ") {
            return None;
        }
        let at = 3 + dash + 3;
        return Level::parse(w).map(|l| {
            let word = at..at + w.len() + 3;
            (
                l,
                LevelField {
                    stamp_tail: 3,
                    word,
                },
            )
        });
    }
    let (r, close) = match rest.strip_prefix(b" | ") {
        Some(r) => (r, b'|'),
        None => (rest.strip_prefix(b" ")?, 0),
    };
    let w = upper_word(r);
    if w.is_empty() || w.len() > 8 || !r.get(w.len()..8)?.iter().all(|&c| c == b' ') {
        return None;
    }
    let ok = match close {
        b'|' => r.get(8..10) == Some(b" |"),
        _ => r.get(8) == Some(&b' ') && r.get(9).is_some_and(|c| *c != b' '),
    };
    if !ok {
        return None;
    }
    // loguru's word, padding and bar; `%(levelname)-8s`'s word and padding.
    let at = rest.len() - r.len();
    let len = if close == b'|' { 10 } else { 8 };
    Level::parse(w).map(|l| {
        let word = at..at + len;
        (
            l,
            LevelField {
                stamp_tail: at,
                word,
            },
        )
    })
}

/// log4j/logback: `%-5p` padded level, optionally behind ` - ` (ZooKeeper) or a
/// `[thread]`, or right after Kafka's `[stamp] `.
pub fn log4j_level(rest: &[u8]) -> Option<Level> {
    log4j_fields(rest).map(|(l, _)| l)
}

/// `log4j_level` and where the level is: Kafka's `]` and ZooKeeper's ` - `
/// go with the stamp, a `[thread]` before the level stays.
#[inline(always)]
pub fn log4j_fields(rest: &[u8]) -> Option<(Level, LevelField)> {
    if let Some(r) = rest.strip_prefix(b"] ") {
        let w = upper_word(r);
        if r.get(w.len()) != Some(&b' ') {
            return None;
        }
        let word = 2..2 + w.len();
        return Level::parse(w).map(|l| {
            (
                l,
                LevelField {
                    stamp_tail: 1,
                    word,
                },
            )
        });
    }
    let mut r = rest.strip_prefix(b" ")?;
    let mut stamp_tail = 0;
    if let Some(x) = r.strip_prefix(b"- ") {
        r = x;
        stamp_tail = 3;
    } else if r.first() == Some(&b'[') {
        let close = memchr::memchr(b']', &r[..r.len().min(64)])?;
        r = r.get(close + 1..)?.strip_prefix(b" ")?;
    }
    let w = upper_word(r);
    if w.is_empty() || w.len() > 5 {
        return None;
    }
    let padded = r
        .get(w.len()..5)
        .is_some_and(|p| p.iter().all(|&c| c == b' '))
        && r.get(5) == Some(&b' ');
    let bracket = r.get(w.len()..w.len() + 2) == Some(b" [");
    if !(padded || bracket) {
        return None;
    }
    let at = rest.len() - r.len();
    let word = at..at + w.len();
    Level::parse(w).map(|l| (l, LevelField { stamp_tail, word }))
}

/// Spark/Hadoop's log4j pattern `yy/MM/dd HH:mm:ss LEVEL class: msg`: wall clock.
fn short_year_stamp(b: &[u8]) -> Option<(Stamp, usize)> {
    if b.get(2) != Some(&b'/') || b.get(5) != Some(&b'/') || b.get(8) != Some(&b' ') {
        return None;
    }
    let (yy, month, day) = (digits(b, 0, 2)?, digits(b, 3, 2)?, digits(b, 6, 2)?);
    let (of_day, end) = clock(b, 9)?;
    let midnight = civil_to_nanos(2000 + yy as i32, month, day, 0, 0, 0, 0)?;
    Some((Stamp::Local(midnight + of_day), end))
}

fn short_year_level(line: &[u8], end: usize) -> Option<Level> {
    short_year_word(line, end).map(|(l, _)| l)
}

/// The level word after the stamp ending at `end`, and where it is.
#[inline(always)]
fn short_year_word(line: &[u8], end: usize) -> Option<(Level, Range<usize>)> {
    let r = line.get(end..)?.strip_prefix(b" ")?;
    let w = upper_word(r);
    if r.get(w.len()) != Some(&b' ') {
        return None;
    }
    Level::parse(w).map(|l| (l, end + 1..end + 1 + w.len()))
}

/// Hadoop's HDFS logs (Loghub's sample): `081109 203615 148 INFO …`, the
/// stamp `yyMMdd HHmmss` without separators, then the thread's number.
fn compact_stamp(b: &[u8]) -> Option<(Stamp, usize)> {
    if b.get(6) != Some(&b' ') || b.get(13) != Some(&b' ') {
        return None;
    }
    let (yy, month, day) = (digits(b, 0, 2)?, digits(b, 2, 2)?, digits(b, 4, 2)?);
    let (hour, min, sec) = (digits(b, 7, 2)?, digits(b, 9, 2)?, digits(b, 11, 2)?);
    if hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let at = civil_to_nanos(2000 + yy as i32, month, day, hour, min, sec, 0)?;
    Some((Stamp::Local(at), 13))
}

/// After HDFS's stamp: ` 148 INFO `, the thread's number and the level.
fn thread_level(line: &[u8], end: usize) -> Option<Level> {
    thread_word(line, end).map(|(l, _)| l)
}

/// `thread_level` and where the level word is (the thread's number stays).
#[inline(always)]
fn thread_word(line: &[u8], end: usize) -> Option<(Level, Range<usize>)> {
    let r = line.get(end..)?.strip_prefix(b" ")?;
    let n = r.iter().take(12).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    short_year_word(r, n).map(|(l, w)| (l, end + 1 + w.start..end + 1 + w.end))
}

/// log4j: ISO stamps with the level in one of the `log4j_level` places, Spark's
/// two-digit-year stamp followed by the level, or HDFS's (`compact_stamp`).
pub fn parse_log4j(line: &[u8]) -> LineInfo {
    if let Some((stamp, end)) = short_year_stamp(line) {
        return LineInfo {
            stamp: Some(stamp),
            level: short_year_level(line, end).or_else(|| super::sniff_level(&line[end..], 40)),
        };
    }
    if let Some((stamp, end)) = compact_stamp(line) {
        return LineInfo {
            stamp: Some(stamp),
            level: thread_level(line, end).or_else(|| super::sniff_level(&line[end..], 40)),
        };
    }
    parse_with(line, log4j_level)
}

/// Where `parse_log4j` reads the stamp and the level word.
pub fn header_log4j(line: &[u8]) -> Option<Header> {
    if let Some((_, end)) = short_year_stamp(line) {
        return Some(Header {
            stamp: 0..end,
            level: short_year_word(line, end).map(|(_, w)| w),
        });
    }
    if let Some((_, end)) = compact_stamp(line) {
        return Some(Header {
            stamp: 0..end,
            level: thread_word(line, end).map(|(_, w)| w),
        });
    }
    header_with(line, log4j_fields)
}

pub fn log4j_signature(line: &[u8]) -> bool {
    if let Some((_, end)) = short_year_stamp(line) {
        return short_year_level(line, end).is_some();
    }
    if let Some((_, end)) = compact_stamp(line) {
        return thread_level(line, end).is_some();
    }
    signature(line, log4j_level)
}

/// PostgreSQL `log_line_prefix='%m [%p] '`: ` [pid] LEVEL:  msg`.
pub fn postgres_level(rest: &[u8]) -> Option<Level> {
    let r = rest.strip_prefix(b" [")?;
    let close = r.iter().take(12).position(|&c| c == b']')?;
    if close == 0 || !r[..close].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let r = r.get(close + 1..)?.strip_prefix(b" ")?;
    let w = upper_word(r);
    (r.get(w.len()) == Some(&b':'))
        .then(|| Level::parse(w))
        .flatten()
}

/// Redis: `9947:M 23 Nov 2026 14:03:13.460 * msg`; the mark after the time is the level.
pub fn parse_redis(line: &[u8]) -> LineInfo {
    match redis_stamp(line) {
        Some((stamp, at)) => LineInfo {
            stamp: Some(stamp),
            level: redis_mark(line, at.end),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_redis` reads the stamp (after `pid:role`, which stays) and the mark.
pub fn header_redis(line: &[u8]) -> Option<Header> {
    let (_, at) = redis_stamp(line)?;
    let end = at.end;
    Some(Header {
        stamp: at,
        level: redis_mark(line, end).map(|_| end + 1..end + 2),
    })
}

/// Redis's stamp and where it is.
fn redis_stamp(line: &[u8]) -> Option<(Stamp, Range<usize>)> {
    let colon = line.iter().take(8).position(|&c| c == b':')?;
    let p = colon + 3;
    if colon == 0 || line.get(colon + 2) != Some(&b' ') {
        return None;
    }
    let (day, month, year) = (
        digits(line, p, 2)?,
        line.get(p + 3..).and_then(month_abbrev)?,
        digits(line, p + 7, 4)?,
    );
    if line.get(p + 2) != Some(&b' ') || line.get(p + 6) != Some(&b' ') {
        return None;
    }
    let (of_day, end) = clock(line, p + 12)?;
    let stamp = super::local_stamp(year, month, day, of_day)?;
    Some((stamp, p..end))
}

/// The level redis's mark after the stamp ending at `end` gives.
fn redis_mark(line: &[u8], end: usize) -> Option<Level> {
    match line.get(end + 1) {
        Some(b'.' | b'-') => Some(Level::Debug),
        Some(b'*') => Some(Level::Info),
        Some(b'#') => Some(Level::Warn),
        _ => None,
    }
}

/// java.util.logging SimpleFormatter: `Nov 23, 2026 2:06:48 PM class method`, then
/// `INFO: msg` on the next line (which gets the level but no stamp).
pub fn parse_jul(line: &[u8]) -> LineInfo {
    if let Some(month) = month_abbrev(line)
        && line.get(3) == Some(&b' ')
        && let Some(comma) = line.iter().take(7).position(|&c| c == b',')
        && let Some(day) = digits(line, 4, comma - 4)
        && let Some(year) = digits(line, comma + 2, 4)
    {
        let p = comma + 7;
        let hour_len = if line.get(p + 1) == Some(&b':') { 1 } else { 2 };
        let hour = digits(line, p, hour_len);
        let mut padded = [b'0'; 8];
        if let (Some(hour), Some(ms)) = (hour, line.get(p + hour_len..p + hour_len + 6)) {
            padded[2..].copy_from_slice(ms);
            let pm = match line.get(p + hour_len + 7..p + hour_len + 9) {
                Some(b"AM") => false,
                Some(b"PM") => true,
                _ => return LineInfo::default(),
            };
            if let Some((of_day, 8)) = clock(&padded, 0)
                && (1..=12).contains(&hour)
                && let h = i64::from(hour % 12 + if pm { 12 } else { 0 })
                && let Some(stamp) =
                    super::local_stamp(year, month, day, h * 3_600_000_000_000 + of_day)
            {
                return LineInfo {
                    stamp: Some(stamp),
                    level: None,
                };
            }
        }
        return LineInfo::default();
    }
    LineInfo {
        stamp: None,
        level: jul_level(line),
    }
}

/// The level of SimpleFormatter's second line, `SEVERE: msg`: JUL's own
/// level names only (`ERROR:` in a message is no JUL level line).
pub fn jul_level(line: &[u8]) -> Option<Level> {
    let w = upper_word(line);
    if line.get(w.len()..w.len() + 2) != Some(b": ") {
        return None;
    }
    match w {
        b"SEVERE" => Some(Level::Error),
        b"WARNING" => Some(Level::Warn),
        b"INFO" => Some(Level::Info),
        b"CONFIG" | b"FINE" => Some(Level::Debug),
        b"FINER" | b"FINEST" => Some(Level::Trace),
        _ => None,
    }
}

/// A JUL record's `LEVEL: msg` line and the bytes after it, when `record`
/// starts with SimpleFormatter's header and that line: the line the record
/// is read by (shown, mined), as its header holds only time, class and method.
pub fn jul_message(record: &[u8]) -> Option<(&[u8], &[u8])> {
    let nl = memchr::memchr(b'\n', record)?;
    parse_jul(trim_cr(&record[..nl])).stamp?;
    let rest = &record[nl + 1..];
    let end = memchr::memchr(b'\n', rest);
    let line = trim_cr(&rest[..end.unwrap_or(rest.len())]);
    jul_level(line)?;
    Some((line, end.map_or(&[][..], |e| &rest[e + 1..])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lvl(line: &[u8], f: fn(&[u8]) -> Option<Level>) -> Option<Level> {
        if signature(line, f) {
            parse_with(line, f).level
        } else {
            None
        }
    }

    #[test]
    fn flavours_find_their_level() {
        let sup = b"2026-11-23 14:08:56,011 CRIT Supervisor is running as root.";
        assert_eq!(lvl(sup, supervisord_level), Some(Level::Fatal));
        assert_eq!(lvl(sup, log4j_level), None);
        assert_eq!(lvl(sup, python_level), None);
        let py = b"2026-11-23 14:08:47,739 - demo.client - WARNING - slow";
        assert_eq!(lvl(py, python_level), Some(Level::Warn));
        let py = b"2026-11-23T11:08:48-0300 INFO     [MainThread] demo.client: x";
        assert_eq!(lvl(py, python_level), Some(Level::Info));
        let lg = b"2026-11-23 14:08:48.959 | ERROR    | __main__:<module>:23 - x";
        assert_eq!(lvl(lg, python_level), Some(Level::Error));
        for l in [
            &b"2026-11-24 00:41:47,339 INFO  [main] r-1001 c.e.o.OrderService - x"[..],
            b"2026-11-23 14:11:45,374 - INFO  [main:QuorumPeerConfig@177] - x",
            b"2026-11-24T00:41:47.339+10:30 [main] INFO  com.example.X - x",
            b"[2022-03-24 17:23:05,123] INFO msg (kafka.Server)",
            b"2025-01-24T07:00:30,139 INFO [background-preinit] Version",
        ] {
            assert_eq!(
                lvl(l, log4j_level),
                Some(Level::Info),
                "{}",
                String::from_utf8_lossy(l)
            );
            assert_eq!(lvl(l, supervisord_level), None);
        }
        let pg = b"2026-11-23 08:10:34.925 CST [16282] ERROR:  syntax error";
        assert_eq!(lvl(pg, postgres_level), Some(Level::Error));
    }

    #[test]
    fn spark_two_digit_year() {
        let i = parse_log4j(b"17/06/09 20:10:40 WARN executor.Backend: x");
        let want = civil_to_nanos(2017, 6, 9, 20, 10, 40, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(i.level, Some(Level::Warn));
        assert!(log4j_signature(
            b"17/06/09 20:10:40 INFO spark.SecurityManager: x"
        ));
    }

    #[test]
    fn redis_and_jul() {
        let i = parse_redis(b"9947:M 23 Nov 2026 14:03:13.460 # Warning: no config");
        let want = civil_to_nanos(2026, 11, 23, 14, 3, 13, 460_000_000).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(i.level, Some(Level::Warn));
        let i = parse_jul(b"Nov 23, 2026 2:06:48 PM JulDemo main");
        let want = civil_to_nanos(2026, 11, 23, 14, 6, 48, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        let i = parse_jul(b"Nov 3, 2026 12:06:48 AM JulDemo main");
        let want = civil_to_nanos(2026, 11, 3, 0, 6, 48, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(
            parse_jul(b"SEVERE: configuration rejected").level,
            Some(Level::Error)
        );
        assert_eq!(parse_jul(b"FINEST: x").level, Some(Level::Trace));
        assert_eq!(parse_jul(b"CONFIG: x").level, Some(Level::Debug));
        assert_eq!(parse_jul(b"ERROR: not a JUL level").level, None);
        let rec = b"Nov 23, 2026 2:06:48 PM JulDemo main\r\nINFO: up\r\n\tat x";
        assert_eq!(jul_message(rec), Some((&b"INFO: up"[..], &b"\tat x"[..])));
        assert_eq!(jul_message(b"INFO: up"), None);
    }
}
