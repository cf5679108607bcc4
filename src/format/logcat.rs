//! Android `adb logcat` output, as liblog's `logprint.cpp` prints it:
//! `threadtime` (the default since Android 7), `03-17 16:13:38.811  1702  2395 D Tag: msg`,
//! and `time`, `03-17 16:13:38.811 D/Tag     ( 1702): msg`, with the modifiers
//! that change the stamp (`year`, `zone`/`UTC`, `epoch`, `monotonic`, `usec`,
//! `nsec`) or add the uid before the pid (`uid`).

use std::ops::Range;

use super::{LineInfo, Stamp, clock, digits, epoch, fraction, zone_offset};
use crate::level::Level;

/// What a logcat line's header holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub stamp: Stamp,
    pub level: Option<Level>,
    /// The process id's digits.
    pub pid: Range<usize>,
    /// The tag, without the padding logcat puts after it.
    pub tag: Range<usize>,
    /// Where the message starts.
    pub message: usize,
    /// The priority letter, with the `/` after it in `time` lines.
    pub letter: Range<usize>,
}

/// The header of a `threadtime` or `time` line, with any of the stamp modifiers.
pub fn header(line: &[u8]) -> Option<Header> {
    let (stamp, end) = stamp(line)?;
    if line.get(end) != Some(&b' ') {
        return None;
    }
    let time = line.get(end + 2) == Some(&b'/');
    let (pid, tag, message, letter) = if time {
        time_rest(line, end + 1)?
    } else {
        threadtime_rest(line, end + 1)?
    };
    // `D/Tag` with `-v time`; `ids D Tag` (one space before the tag) otherwise.
    let letter_at = if time {
        end + 1..end + 3
    } else {
        tag.start - 2..tag.start - 1
    };
    Some(Header {
        stamp,
        level: priority(letter)?,
        pid,
        tag,
        message,
        letter: letter_at,
    })
}

/// The priority letter (`filterPriToChar`): None for a letter logcat does not
/// print, `Some(None)` for its `?` of an unknown priority.
fn priority(letter: u8) -> Option<Option<Level>> {
    Some(Some(match letter {
        b'V' => Level::Trace,
        b'D' => Level::Debug,
        b'I' => Level::Info,
        b'W' => Level::Warn,
        b'E' => Level::Error,
        // `A`: Java's `Log.ASSERT`, the same priority as fatal, as Android
        // Studio's logcat prints it.
        b'F' | b'A' => Level::Fatal,
        b'?' => return Some(None),
        _ => return None,
    }))
}

/// The stamp at the start: `MM-DD HH:MM:SS.fff` (no year), `YYYY-MM-DD ...`
/// (`-v year`), either followed by ` +hhmm` (`-v zone`); or seconds with a
/// fraction, right-aligned (`-v epoch`: UTC; `-v monotonic`: since boot).
/// Returns the stamp and where it ends.
fn stamp(b: &[u8]) -> Option<(Stamp, usize)> {
    let at = b.iter().take(20).take_while(|&&c| c == b' ').count();
    let (stamp, end) = if b.get(at + 2) == Some(&b'-') {
        let (month, day) = (digits(b, at, 2)?, digits(b, at + 3, 2)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let (nanos_of_day, end) = time_of_day(b, at + 5)?;
        let stamp = Stamp::NoYear {
            month: month as u8,
            day: day as u8,
            offset_min: None,
            nanos_of_day,
        };
        (stamp, end)
    } else if b.get(at + 4) == Some(&b'-') && b.get(at + 7) == Some(&b'-') {
        let year = digits(b, at, 4)?;
        let (month, day) = (digits(b, at + 5, 2)?, digits(b, at + 8, 2)?);
        let (of_day, end) = time_of_day(b, at + 10)?;
        (super::local_stamp(year, month, day, of_day)?, end)
    } else {
        return seconds(b, at);
    };
    // `-v zone` prints the offset strftime's `%z` gives: `+0000`, `-0530`.
    if b.get(end) == Some(&b' ')
        && matches!(b.get(end + 1), Some(b'+' | b'-'))
        && let Some((off, 5)) = zone_offset(b, end + 1)
    {
        return Some((super::with_offset(stamp, off), end + 6));
    }
    Some((stamp, end))
}

/// ` HH:MM:SS.fff` at `pos`, with the fraction logcat always prints.
fn time_of_day(b: &[u8], pos: usize) -> Option<(i64, usize)> {
    if b.get(pos) != Some(&b' ') || b.get(pos + 9) != Some(&b'.') {
        return None;
    }
    clock(b, pos + 1).filter(|&(_, end)| end > pos + 10)
}

/// `1710692018.811` (UTC seconds) or `  4242.811` (seconds since boot) at `pos`.
/// Nine digits or more are a date (1973 on): a phone's uptime is shorter.
fn seconds(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    let n = b[pos.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 || b.get(pos + n) != Some(&b'.') {
        return None;
    }
    let (frac, used) = fraction(b, pos + n + 1);
    if used == 0 {
        return None;
    }
    if n >= 9 {
        return epoch(b, pos).filter(|&(_, end)| end == pos + n + 1 + used);
    }
    let secs = i64::from(digits(b, pos, n)?);
    let stamp = Stamp::SinceBoot(secs * 1_000_000_000 + i64::from(frac));
    Some((stamp, pos + n + 1 + used))
}

/// `threadtime` after the stamp and a space: `%5d %5d %c %-8s: ` (pid, tid,
/// priority, tag), behind the uid with `-v uid`.
fn threadtime_rest(b: &[u8], pos: usize) -> Option<(Range<usize>, Range<usize>, usize, u8)> {
    // The words before the priority: [uid] pid tid.
    let mut words = [0..0, 0..0, 0..0];
    let mut n = 0;
    let mut i = pos;
    let letter = loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(|&c| c != b' ') {
            i += 1;
        }
        if i == start || b.get(i).is_none() {
            return None;
        }
        // A one-byte word after two ids is the priority, unless it is an
        // id itself (init's `1` after the uid `root`).
        if i == start + 1 && n >= 2 && !b[start].is_ascii_digit() {
            break b[start];
        }
        if n == 3 {
            return None;
        }
        words[n] = start..i;
        n += 1;
    };
    let ids = &words[n - 2..n];
    let uid_ok = n == 2 || b[words[0].clone()].iter().all(u8::is_ascii_alphanumeric);
    if !uid_ok
        || !ids
            .iter()
            .all(|w| b[w.clone()].iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    // One space, then the tag up to the first `: ` (or a colon ending the line).
    let tag_start = i + 1;
    let colon = colon_space(b, tag_start)?;
    Some((
        ids[0].clone(),
        trim_end(b, tag_start..colon),
        (colon + 2).min(b.len()),
        letter,
    ))
}

/// `time` after the stamp and a space: `%c/%-8s(%5d): ` (priority, tag, pid),
/// with the uid (`%5s:`) before the pid with `-v uid`. The tag ends at the
/// `(` of the last parentheses before the first `): `.
fn time_rest(b: &[u8], pos: usize) -> Option<(Range<usize>, Range<usize>, usize, u8)> {
    let letter = *b.get(pos)?;
    let tag_start = pos + 2;
    let close = tag_start + memchr::memmem::find(b.get(tag_start..)?, b"):")?;
    if !matches!(b.get(close + 2), None | Some(b' ')) {
        return None;
    }
    let open = tag_start + memchr::memrchr(b'(', &b[tag_start..close])?;
    // `( 1702`, `(10037: 1702`, `( root:  512`.
    let inside = &b[open + 1..close];
    let ids = inside
        .iter()
        .rposition(|&c| c == b' ' || c == b':')
        .map_or(0, |k| k + 1);
    let pid = open + 1 + ids..close;
    let uid = inside[..ids].trim_ascii();
    let uid_ok = uid.is_empty()
        || uid
            .strip_suffix(b":")
            .is_some_and(|u| u.iter().all(u8::is_ascii_alphanumeric));
    if pid.is_empty() || !b[pid.clone()].iter().all(u8::is_ascii_digit) || !uid_ok {
        return None;
    }
    Some((
        pid,
        trim_end(b, tag_start..open),
        (close + 3).min(b.len()),
        letter,
    ))
}

/// The first `: ` at or after `from`, or a colon that ends the line.
fn colon_space(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    match memchr::memmem::find(rest, b": ") {
        Some(k) => Some(from + k),
        None if rest.ends_with(b":") => Some(b.len() - 1),
        None => None,
    }
}

fn trim_end(b: &[u8], r: Range<usize>) -> Range<usize> {
    let len = b[r.clone()].trim_ascii_end().len();
    r.start..r.start + len
}

/// Where `parse` reads its stamp and priority letter, for a line `header`
/// reads; a letter that names no level (`?`) stays.
pub fn header_span(line: &[u8]) -> Option<super::Header> {
    let h = header(line)?;
    stamp(line).map(|(_, end)| super::Header {
        stamp: 0..end,
        level: h.level.map(|_| h.letter),
    })
}

pub fn parse(line: &[u8]) -> LineInfo {
    match header(line) {
        Some(h) => LineInfo {
            stamp: Some(h.stamp),
            level: h.level,
        },
        None => LineInfo::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{NANOS_PER_SEC, at, civil_to_nanos};

    const OF_DAY: i64 = (16 * 3600 + 13 * 60 + 38) * NANOS_PER_SEC;

    fn no_year(offset_min: Option<i16>, frac: i64) -> Stamp {
        Stamp::NoYear {
            month: 3,
            day: 17,
            offset_min,
            nanos_of_day: OF_DAY + frac,
        }
    }

    /// The header's parts as text: (tag, pid, message).
    fn parts(line: &str) -> (Stamp, Option<Level>, &str, &str, &str) {
        let h = header(line.as_bytes()).unwrap_or_else(|| panic!("no header in {line:?}"));
        (
            h.stamp,
            h.level,
            &line[h.tag],
            &line[h.pid],
            &line[h.message..],
        )
    }

    #[test]
    fn threadtime() {
        assert_eq!(
            parts("03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs"),
            (
                no_year(None, 811_000_000),
                Some(Level::Debug),
                "WindowManager",
                "1702",
                "printFreezingDisplayLogs"
            )
        );
        // Short ids are padded to five columns, short tags to eight.
        assert_eq!(
            parts("12-25 11:02:32.478   446   446 I zukgit1 :      at com.x.y(Y.java:239)"),
            (
                Stamp::NoYear {
                    month: 12,
                    day: 25,
                    offset_min: None,
                    nanos_of_day: (11 * 3600 + 2 * 60 + 32) * NANOS_PER_SEC + 478_000_000
                },
                Some(Level::Info),
                "zukgit1",
                "446",
                "     at com.x.y(Y.java:239)"
            )
        );
        // A message that has colons of its own keeps them.
        let (.., tag, _, msg) = parts("03-17 16:13:38.811  1702  2395 E Go      : panic: boom");
        assert_eq!((tag, msg), ("Go", "panic: boom"));
    }

    #[test]
    fn time_format() {
        assert_eq!(
            parts("03-17 16:13:38.811 D/WindowManager( 1702): printFreezingDisplayLogs"),
            (
                no_year(None, 811_000_000),
                Some(Level::Debug),
                "WindowManager",
                "1702",
                "printFreezingDisplayLogs"
            )
        );
        let (.., tag, pid, msg) = parts("03-17 16:13:38.811 W/Go      (  446): x (y): z");
        assert_eq!((tag, pid, msg), ("Go", "446", "x (y): z"));
        // A tag with parentheses of its own.
        let (.., tag, pid, msg) = parts("03-17 16:13:38.811 I/cr_Ime(x)(12345): shown");
        assert_eq!((tag, pid, msg), ("cr_Ime(x)", "12345", "shown"));
    }

    /// `-v uid`: the uid (a name when it has five letters or fewer) before the pid.
    #[test]
    fn uid_modifier() {
        let (_, level, tag, pid, msg) =
            parts("03-17 16:13:38.811 10037  2227  2794 E KeyguardUpdateMonitor: isSimPinSecure");
        assert_eq!(
            (level, tag, pid, msg),
            (
                Some(Level::Error),
                "KeyguardUpdateMonitor",
                "2227",
                "isSimPinSecure"
            )
        );
        let (.., pid, msg) = parts("03-17 16:13:38.811  root   512   512 I init    : started");
        assert_eq!((pid, msg), ("512", "started"));
        let (.., pid, msg) = parts("03-17 16:13:38.811  root     1     1 I init    : started");
        assert_eq!((pid, msg), ("1", "started"));
        let (.., pid, msg) = parts("03-17 16:13:38.811 I/init    ( root:  512): started");
        assert_eq!((pid, msg), ("512", "started"));
    }

    #[test]
    fn tags_with_spaces_and_colons() {
        let (.., tag, _, msg) = parts("03-17 16:13:38.811  1702  2395 I Media Player: prepared");
        assert_eq!((tag, msg), ("Media Player", "prepared"));
        let (.., tag, _, msg) = parts("03-17 16:13:38.811  1702  2395 I chromium:cc: frame 3");
        assert_eq!((tag, msg), ("chromium:cc", "frame 3"));
        let (.., tag, _, msg) = parts("03-17 16:13:38.811 I/Media Player( 1702): prepared");
        assert_eq!((tag, msg), ("Media Player", "prepared"));
    }

    /// logcat prints `Tag: ` and then the message: an empty one leaves the
    /// header, or (trailing blanks trimmed) the header's colon.
    #[test]
    fn lines_without_a_message() {
        for line in [
            "03-17 16:13:38.811  1702  2395 W Tag: ",
            "03-17 16:13:38.811  1702  2395 W Tag:",
            "03-17 16:13:38.811 W/Tag     ( 1702): ",
            "03-17 16:13:38.811 W/Tag     ( 1702):",
        ] {
            let (_, level, tag, pid, msg) = parts(line);
            assert_eq!(
                (level, tag, pid, msg),
                (Some(Level::Warn), "Tag", "1702", "")
            );
        }
    }

    #[test]
    fn every_priority_letter() {
        for (c, want) in [
            ('V', Some(Level::Trace)),
            ('D', Some(Level::Debug)),
            ('I', Some(Level::Info)),
            ('W', Some(Level::Warn)),
            ('E', Some(Level::Error)),
            ('F', Some(Level::Fatal)),
            // ASSERT, as Android Studio prints it.
            ('A', Some(Level::Fatal)),
            // An unknown priority.
            ('?', None),
        ] {
            let line = format!("03-17 16:13:38.811  1702  2395 {c} Tag: m");
            let i = parse(line.as_bytes());
            assert_eq!((i.stamp.is_some(), i.level), (true, want), "{line}");
            let line = format!("03-17 16:13:38.811 {c}/Tag( 1702): m");
            assert_eq!(parse(line.as_bytes()).level, want, "{line}");
        }
        for c in ['X', 'd', 'S'] {
            let line = format!("03-17 16:13:38.811  1702  2395 {c} Tag: m");
            assert_eq!(parse(line.as_bytes()), LineInfo::default(), "{line}");
        }
    }

    /// `-v year`, `-v zone` (`-v UTC` prints `+0000`), `-v usec`, `-v nsec`.
    #[test]
    fn stamp_modifiers() {
        let i = parse(b"2026-03-17 16:13:38.811  1702  2395 D Tag: msg");
        let wall = civil_to_nanos(2026, 3, 17, 16, 13, 38, 811_000_000).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(wall)));
        assert_eq!(i.level, Some(Level::Debug));
        let i = parse(b"2026-03-17 16:13:38.811 +0800  1702  2395 D Tag: msg");
        assert_eq!(i.stamp, Some(Stamp::Utc(at("2026-03-17T08:13:38.811Z"))));
        let i = parse(b"03-17 16:13:38.811 +0000  1702  2395 I Tag: msg");
        assert_eq!(i.stamp, Some(no_year(Some(0), 811_000_000)));
        let i = parse(b"03-17 16:13:38.811 -0530 I/Tag( 1702): msg");
        assert_eq!(i.stamp, Some(no_year(Some(-330), 811_000_000)));
        let i = parse(b"03-17 16:13:38.811123  1702  2395 I Tag: msg");
        assert_eq!(i.stamp, Some(no_year(None, 811_123_000)));
        let i = parse(b"03-17 16:13:38.811123456 I/Tag( 1702): msg");
        assert_eq!(i.stamp, Some(no_year(None, 811_123_456)));
    }

    /// `-v epoch` prints UTC seconds (right-aligned in 19 columns), `-v
    /// monotonic` seconds since boot (in 6).
    #[test]
    fn epoch_and_monotonic() {
        let utc = Some(Stamp::Utc(at("2024-03-17T16:13:38.811Z")));
        for line in [
            "1710692018.811  1702  2395 D Tag: msg",
            "         1710692018.811  1702  2395 D Tag: msg",
            "1710692018.811 D/Tag( 1702): msg",
        ] {
            let i = parse(line.as_bytes());
            assert_eq!((i.stamp, i.level), (utc, Some(Level::Debug)), "{line}");
        }
        let i = parse(b"  4242.811123  1702  2395 I Tag: msg");
        assert_eq!(
            i.stamp,
            Some(Stamp::SinceBoot(4242 * NANOS_PER_SEC + 811_123_000))
        );
        let i = parse(b"     0.042 I/Tag( 1702): msg");
        assert_eq!(i.stamp, Some(Stamp::SinceBoot(42_000_000)));
        // Seconds without a fraction are not logcat's.
        assert_eq!(parse(b"1710692018  1702  2395 D Tag: msg").stamp, None);
    }

    #[test]
    fn not_logcat() {
        for line in [
            // logcat's own markers between its buffers: no stamp, no level.
            "--------- beginning of main",
            "--------- beginning of crash",
            "--------- switch to system",
            // No such month or day.
            "13-40 16:13:38.811  1702  2395 D Tag: msg",
            "00-17 16:13:38.811  1702  2395 D Tag: msg",
            "2026-13-40 16:13:38.811  1702  2395 D Tag: msg",
            "03-17 25:13:38.811  1702  2395 D Tag: msg",
            // Headers cut short or of other logs.
            "03-17 16:13:38.811",
            "03-17 16:13:38.811  1702  2395 D",
            "03-17 16:13:38.811  1702  2395 D Tag",
            "03-17 16:13:38.811  1702 D Tag: msg",
            "03-17 16:13:38.811  17x2  2395 D Tag: msg",
            "03-17 16:13:38.811 D/Tag( 1702) msg",
            "03-17 16:13:38.811 D/Tag(main): msg",
            "2026-03-17 16:13:38,811 INFO  [main] x: y",
            "1795442918.881981 vm redis-server[14304]: x",
            "I1123 14:05:12.710033   10929 klogdemo.go:35] x",
            "",
        ] {
            assert_eq!(parse(line.as_bytes()), LineInfo::default(), "{line:?}");
        }
    }
}
