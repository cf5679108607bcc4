//! Lines that start with a time of day and no date: logback's default pattern
//! (`14:11:47.525 [main] INFO com.example.Job - msg`), zerolog's console
//! writer (`2:05PM INF msg`, kitchen time without seconds), Go's `log` with
//! `Ltime` (`15:04:05.123456 msg`), `strace -tt`. The day is the index's to
//! find (`Stamp::NoDate`: from the file's modification time or `--set
//! NAME.time=`).

use super::header::Header;
use std::ops::Range;

use super::{LineInfo, Stamp, digits, fraction, sniff_level};
use crate::level::Level;
use crate::time::NANOS_PER_SEC;

const HOUR: i64 = 3600 * NANOS_PER_SEC;
const MINUTE: i64 = 60 * NANOS_PER_SEC;

/// The time of day at the line's start (`H:MM:SS`, `HH:MM:SS` with an
/// optional `.` or `,` fraction of up to nine digits, or `H:MMAM`/`H:MMPM`)
/// and where it ends; a space or the line's end must follow it, so a
/// duration or an address (`10:30:00:01`) is none.
pub fn stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    // One digit of hour or two (`9:05:01`, `2:05PM`).
    let at = 1 + usize::from(line.get(1).is_some_and(u8::is_ascii_digit));
    let hour = i64::from(digits(line, 0, at)?);
    if line.get(at) != Some(&b':') {
        return None;
    }
    let minute = i64::from(digits(line, at + 1, 2)?);
    if minute > 59 {
        return None;
    }
    let mut end = at + 3;
    let nanos = match line.get(end) {
        Some(b':') => {
            let second = i64::from(digits(line, end + 1, 2)?);
            // A leap second (`:60`) is read as the minute's last.
            if hour > 23 || second > 60 {
                return None;
            }
            end += 3;
            let mut frac = 0;
            if matches!(line.get(end), Some(b'.' | b',')) {
                let (n, used) = fraction(line, end + 1);
                // More than nanoseconds is no clock a logger writes.
                if used > 9 {
                    return None;
                }
                if used > 0 {
                    frac = i64::from(n);
                    end += 1 + used;
                }
            }
            hour * HOUR + minute * MINUTE + second.min(59) * NANOS_PER_SEC + frac
        }
        // Go's `time.Kitchen`: a 12-hour clock, no seconds.
        Some(b'A' | b'P') if line.get(end + 1) == Some(&b'M') => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let pm = line[end] == b'P';
            end += 2;
            (hour % 12 + if pm { 12 } else { 0 }) * HOUR + minute * MINUTE
        }
        _ => return None,
    };
    if !matches!(line.get(end), None | Some(b' ' | b'\t')) {
        return None;
    }
    Some((
        Stamp::NoDate {
            offset_min: None,
            nanos_of_day: nanos,
        },
        end,
    ))
}

/// The level word right after the stamp, or after a `[thread]` there
/// (logback's `[main] INFO`, zerolog's `INF`): an upper-case level name with
/// a space or the line's end after it; where it stands in `rest` (the line
/// after the stamp).
fn placed_level(rest: &[u8]) -> Option<(Level, Range<usize>)> {
    let mut at = 1;
    let mut r = rest.strip_prefix(b" ")?;
    if r.first() == Some(&b'[') {
        let close = memchr::memchr(b']', &r[..r.len().min(64)])?;
        r = r.get(close + 1..)?.strip_prefix(b" ")?;
        at += close + 2;
    }
    let len = r.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if !(3..=7).contains(&len) || !matches!(r.get(len), None | Some(b' ')) {
        return None;
    }
    Level::parse(&r[..len]).map(|l| (l, at..at + len))
}

/// A line's stamp and its level: where logback and zerolog put it
/// (`placed_level`), else a level word near the stamp.
pub fn parse(line: &[u8]) -> LineInfo {
    match stamp(line) {
        Some((s, end)) => LineInfo {
            stamp: Some(s),
            level: placed_level(&line[end..])
                .map(|(l, _)| l)
                .or_else(|| sniff_level(&line[end..], 40)),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse` reads the stamp and the level word.
pub fn header(line: &[u8]) -> Option<Header> {
    let (_, end) = stamp(line)?;
    Some(Header {
        stamp: 0..end,
        level: placed_level(&line[end..]).map(|(_, w)| end + w.start..end + w.end),
    })
}

/// How far back from a file's end `last_of_day` looks for a dated line.
const TAIL: usize = 1 << 20;

/// The time of day of the last line of `data` that `format` reads one
/// from (without its escape sequences), within its last MiB.
pub fn last_of_day(format: &super::Format, data: &[u8]) -> Option<i64> {
    let tail = &data[data.len().saturating_sub(TAIL)..];
    tail.rsplit(|&b| b == b'\n').find_map(|l| {
        match format
            .parse(&crate::ansi::strip_cow(super::trim_cr(l)))
            .stamp?
        {
            Stamp::NoDate { nanos_of_day, .. } => Some(nanos_of_day),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of_day(line: &str) -> Option<i64> {
        match stamp(line.as_bytes()) {
            Some((Stamp::NoDate { nanos_of_day, .. }, _)) => Some(nanos_of_day),
            _ => None,
        }
    }

    #[test]
    fn reads_clock_times_and_kitchen_times() {
        let at = |h: i64, m: i64, s: i64, n: i64| h * HOUR + m * MINUTE + s * NANOS_PER_SEC + n;
        assert_eq!(
            of_day("14:11:47.525 [main] INFO x"),
            Some(at(14, 11, 47, 525_000_000))
        );
        assert_eq!(of_day("9:05:01,250 msg"), Some(at(9, 5, 1, 250_000_000)));
        assert_eq!(
            of_day("15:04:05.123456789"),
            Some(at(15, 4, 5, 123_456_789))
        );
        assert_eq!(of_day("2:05PM INF msg"), Some(at(14, 5, 0, 0)));
        assert_eq!(of_day("12:30AM INF msg"), Some(at(0, 30, 0, 0)));
        assert_eq!(of_day("12:30PM INF msg"), Some(at(12, 30, 0, 0)));
    }

    #[test]
    fn durations_addresses_and_versions_are_no_times() {
        for line in [
            "24:00:00 msg",
            "10:60:00 msg",
            "10:30:00:01 fe80",
            "10:30 msg",
            "10:30:00.1234567890 msg",
            "13:05PM msg",
            "1:2:3 msg",
            "12:30:45ms took",
            "v1:30:45 x",
        ] {
            assert_eq!(of_day(line), None, "{line}");
        }
    }
}
