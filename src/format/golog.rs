//! Go's standard `log` package (`2022/03/22 18:19:00[.123456] msg`), nginx's error
//! log which uses the same stamp (`2026/11/23 05:35:29 [notice] 9263#9263: ...`),
//! and klog/glog (`I0322 18:19:00.123456   12345 file.go:12] msg`).

use super::{LineInfo, Stamp, clock, digits, sniff_level};
use crate::level::Level;

/// `YYYY/MM/DD HH:MM:SS[.frac]` at the start of the line: wall clock, no zone.
fn slash_stamp(b: &[u8]) -> Option<(Stamp, usize)> {
    let year = digits(b, 0, 4)?;
    if b.get(4) != Some(&b'/') || b.get(7) != Some(&b'/') || b.get(10) != Some(&b' ') {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    let (of_day, end) = clock(b, 11)?;
    Some((super::local_stamp(year, month, day, of_day)?, end))
}

/// `[level]` right after the stamp, as nginx writes it.
fn bracket_level(b: &[u8], end: usize) -> Option<Level> {
    bracket_word(b, end).map(|(l, _)| l)
}

/// nginx's `[level]` after the stamp ending at `end`, and where it is.
fn bracket_word(b: &[u8], end: usize) -> Option<(Level, std::ops::Range<usize>)> {
    if b.get(end..end + 2) != Some(b" [") {
        return None;
    }
    let word = b.get(end + 2..b.len().min(end + 12))?;
    let close = memchr::memchr(b']', word)?;
    Level::parse(&word[..close]).map(|l| (l, end + 1..end + 3 + close))
}

/// Go `log` and nginx error lines: the level is nginx's `[level]` when present,
/// otherwise a level word early in the message (`stdlog.go:12: [demo] INFO ...`).
pub fn parse(line: &[u8]) -> LineInfo {
    match slash_stamp(line) {
        Some((stamp, end)) => LineInfo {
            stamp: Some(stamp),
            level: bracket_level(line, end).or_else(|| sniff_level(&line[end..], 40)),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse` reads its stamp, and nginx's `[level]`.
pub fn header(line: &[u8]) -> Option<super::Header> {
    let (_, end) = slash_stamp(line)?;
    Some(super::Header {
        stamp: 0..end,
        level: bracket_word(line, end).map(|(_, at)| at),
    })
}

/// Tells nginx's error log from Go's: the bracketed level after the stamp.
pub fn nginx_signature(line: &[u8]) -> bool {
    slash_stamp(line).is_some_and(|(_, end)| bracket_level(line, end).is_some())
}

/// klog/glog: severity letter, `MMDD`, clock; no year and no zone.
pub fn parse_klog(line: &[u8]) -> LineInfo {
    match klog_stamp(line) {
        Some((level, stamp, _)) => LineInfo {
            stamp: Some(stamp),
            level: Some(level),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_klog` reads its stamp, the severity letter in front.
pub fn header_klog(line: &[u8]) -> Option<super::Header> {
    klog_stamp(line).map(|(_, _, end)| super::Header::stamp(0..end))
}

/// A klog message as mining reads it (`pattern::message_of`): a structured
/// record's message is quoted after the header (`file.go:15] "listening"
/// addr=…`), and is read as its words, unquoted, then the fields as written,
/// as a logfmt line's `msg` is (`logfmt::mining_text`). `msg` is the line's
/// message as `pattern::mask::message` finds it. False (and `out`
/// unspecified) when it does not start with a quoted string that whitespace
/// or the end follows. Only quotes and backslashes decide, so the line keys'
/// guarantees hold.
pub fn klog_mining_text(msg: &[u8], out: &mut Vec<u8>) -> bool {
    let Some(rest) = msg.strip_prefix(b"\"") else {
        return false;
    };
    // The first quote no backslash escapes (`\\"` escapes the backslash).
    let Some(k) = memchr::memchr_iter(b'"', rest)
        .find(|&k| rest[..k].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0)
    else {
        return false;
    };
    if rest.get(k + 1).is_some_and(|b| !b.is_ascii_whitespace()) {
        return false;
    }
    out.clear();
    super::logfmt::unescape(&rest[..k], out);
    out.extend_from_slice(&rest[k + 1..]);
    true
}

fn klog_stamp(line: &[u8]) -> Option<(Level, Stamp, usize)> {
    let level = match line.first() {
        Some(b'I') => Level::Info,
        Some(b'W') => Level::Warn,
        Some(b'E') => Level::Error,
        Some(b'F') => Level::Fatal,
        _ => return None,
    };
    let (month, day) = (digits(line, 1, 2)?, digits(line, 3, 2)?);
    if line.get(5) != Some(&b' ') || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    match clock(line, 6) {
        Some((nanos_of_day, end)) if line.get(end) == Some(&b' ') => Some((
            level,
            Stamp::NoYear {
                month: month as u8,
                day: day as u8,
                offset_min: None,
                nanos_of_day,
            },
            end,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil_to_nanos;

    #[test]
    fn a_klog_message_is_unquoted_before_its_fields() {
        let text = |msg: &[u8]| {
            let mut out = Vec::new();
            klog_mining_text(msg, &mut out).then(|| String::from_utf8(out).expect("utf-8"))
        };
        assert_eq!(
            text(b"\"listening\" addr=\"x\"").as_deref(),
            Some("listening addr=\"x\"")
        );
        assert_eq!(text(b"\"say \\\"hi\\\"\"").as_deref(), Some("say \"hi\""));
        assert_eq!(text(b"\"a\\\\\" b").as_deref(), Some("a\\ b"));
        // Not a quoted message: a value that goes on, an unclosed quote, words.
        assert_eq!(text(b"\"a\"b c"), None);
        assert_eq!(text(b"\"open"), None);
        assert_eq!(text(b"plain words"), None);
    }

    #[test]
    fn go_log_and_nginx() {
        let i = parse(b"2026/11/23 14:05:11.429589 stdlog.go:12: [demo] INFO starting");
        let want = civil_to_nanos(2026, 11, 23, 14, 5, 11, 429_589_000).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(i.level, Some(Level::Info));
        let n = b"2026/11/23 05:35:29 [error] 9263#9263: *3 open() failed";
        assert_eq!(parse(n).level, Some(Level::Error));
        assert!(nginx_signature(n));
        assert!(!nginx_signature(b"2026/11/23 05:35:29 GET /user"));
    }

    #[test]
    fn klog_letters() {
        let i = parse_klog(b"W0517 15:04:22.619751    2452992 logging_unittest.cc:263] x");
        assert_eq!(i.level, Some(Level::Warn));
        assert_eq!(
            i.stamp,
            Some(Stamp::NoYear {
                month: 5,
                day: 17,
                offset_min: None,
                nanos_of_day: (15 * 3600 + 4 * 60 + 22) * 1_000_000_000 + 619_751_000
            })
        );
        assert_eq!(parse_klog(b"Info 15:04:22 x").stamp, None);
    }
}
