//! `strace -f` written to a file (`-o`, `-ff`'s merged output, or a
//! terminal's `[pid N]`): a pid, then the time strace's `-t` options print,
//! then a system call, a signal (`--- SIGSEGV …`), an exit (`+++ exited …`)
//! or a call resumed (`<... futex resumed>`). `-ttt` prints Unix seconds
//! with microseconds (UTC); `-tt` and `-t` a time of day without a date,
//! which the index dates as `time-of-day`'s (`Stamp::NoDate`). Lines without
//! `-f`'s pid read as `journal-short-unix` and `time-of-day`.

use super::header::Header;
use super::{LineInfo, Stamp, clock};
use crate::time::NANOS_PER_SEC;

/// Where the line's pid ends, with the spaces after it: `10000 ` or
/// `[pid 10000] `.
fn after_pid(line: &[u8]) -> Option<usize> {
    let (start, close) = match line.strip_prefix(b"[pid ") {
        Some(r) => (
            line.len() - r.len() + r.iter().take_while(|&&b| b == b' ').count(),
            true,
        ),
        None => (0, false),
    };
    let digits = line[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 10 {
        return None;
    }
    let mut at = start + digits;
    if close {
        if line.get(at) != Some(&b']') {
            return None;
        }
        at += 1;
    }
    let spaces = line[at..].iter().take_while(|&&b| b == b' ').count();
    (spaces > 0).then_some(at + spaces)
}

/// `-ttt`'s `1697048351.000001`: ten digits of seconds, six of micros.
fn epoch(line: &[u8], at: usize) -> Option<(Stamp, usize)> {
    let b = line.get(at..at + 17)?;
    if b[10] != b'.' || !b[..10].iter().chain(&b[11..]).all(u8::is_ascii_digit) {
        return None;
    }
    let num = |d: &[u8]| d.iter().fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
    let t = num(&b[..10])
        .checked_mul(NANOS_PER_SEC)
        .and_then(|s| s.checked_add(num(&b[11..]) * 1_000));
    Some((t.map_or(Stamp::OutOfRange, Stamp::Utc), at + 17))
}

/// What strace prints after its stamp: a call's name and `(`, a signal's
/// `--- `, an exit's `+++ `, or `<... name resumed>`.
fn event(rest: &[u8]) -> bool {
    if rest.starts_with(b"--- ") || rest.starts_with(b"+++ ") || rest.starts_with(b"<... ") {
        return true;
    }
    let name = rest
        .iter()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'_')
        .count();
    name > 0 && rest[0].is_ascii_lowercase() && rest.get(name) == Some(&b'(')
}

/// The stamp and where it ends, for a line of strace's shape.
pub fn stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    let at = after_pid(line)?;
    let (s, end) = epoch(line, at).or_else(|| {
        clock::stamp(&line[at..])
            .filter(|(s, _)| matches!(s, Stamp::NoDate { .. }))
            .map(|(s, e)| (s, at + e))
    })?;
    (line.get(end) == Some(&b' ') && event(&line[end + 1..])).then_some((s, end))
}

/// strace writes no level.
pub fn parse(line: &[u8]) -> LineInfo {
    LineInfo {
        stamp: stamp(line).map(|(s, _)| s),
        level: None,
    }
}

/// The pid stays on the row (which process made the call); the stamp goes.
pub fn header(line: &[u8]) -> Option<Header> {
    let at = after_pid(line)?;
    stamp(line).map(|(_, end)| Header::stamp(at..end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OF_DAY: i64 = (18 * 3600 + 19 * 60 + 11) * NANOS_PER_SEC;

    #[test]
    fn the_three_stamps_of_strace() {
        let line = |s: &str| stamp(s.as_bytes()).map(|(s, _)| s);
        assert_eq!(
            line("10000 1697048351.000541 brk(NULL)                 = 0x55b1f2e94000 <0.000009>"),
            Some(Stamp::Utc(1_697_048_351_000_541_000))
        );
        assert_eq!(
            line("10000 18:19:11.000541 brk(NULL) = 0x55b1f2e94000"),
            Some(Stamp::NoDate {
                offset_min: None,
                nanos_of_day: OF_DAY + 541_000
            })
        );
        assert_eq!(
            line("[pid 10003] 18:19:11 +++ exited with 0 +++"),
            Some(Stamp::NoDate {
                offset_min: None,
                nanos_of_day: OF_DAY
            })
        );
        assert_eq!(
            line("10001 1697048351.011450 <... futex resumed>) = 0"),
            Some(Stamp::Utc(1_697_048_351_011_450_000))
        );
        assert_eq!(
            line("10000 1697048351.215623 --- SIGSEGV {si_signo=SIGSEGV} ---"),
            Some(Stamp::Utc(1_697_048_351_215_623_000))
        );
    }

    /// Ten digits of seconds can pass 64-bit nanoseconds (year 2262): such
    /// a line is out of range, said in a warning, never an overflow.
    #[test]
    fn seconds_past_64_bit_nanoseconds_are_out_of_range() {
        let l = b"10000 9999999999.999999 brk(NULL) = 0";
        assert_eq!(stamp(l).map(|(s, _)| s), Some(Stamp::OutOfRange));
    }

    #[test]
    fn a_pid_and_a_time_before_prose_are_no_strace() {
        for l in [
            "10000 1697048351.000541 Started server",
            "10000 18:19:11 INFO started",
            "1697048351.000541 brk(NULL) = 0",
            "[pid 12] brk(NULL) = 0",
            "12345678901 1697048351.000541 brk(NULL)",
        ] {
            assert_eq!(stamp(l.as_bytes()), None, "{l}");
        }
    }

    #[test]
    fn the_row_keeps_the_pid() {
        let l = b"10000 1697048351.000541 brk(NULL) = 0";
        assert_eq!(header(l), Some(Header::stamp(6..24)));
    }
}
