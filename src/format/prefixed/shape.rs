//! How a line of a format begins, by byte classes only (which bytes are
//! digits, letters, spaces; never their values), so that where a token ends
//! before it is decided alike for two lines that differ only in digits, as
//! mining's line keys need (`pattern::mask::line_key`). Used where a token's
//! end is in doubt: after `grep -H`'s name or `grep -Hn`'s number, and at
//! which `-` a context line of `grep -C` without `-n` ends its file's name.

use crate::format::Format;

/// Does `inner` have a shape to check? Formats written with an ISO date
/// first are found by `prefix_end` already; the rest have none here.
pub(super) fn known(inner: &Format) -> bool {
    !patterns(inner).is_empty()
        || matches!(
            inner,
            Format::Redis | Format::TimeOfDay | Format::Strace | Format::AccessLog
        )
}

/// Does `text` start as a line of `inner` does?
pub(super) fn leads(inner: &Format, text: &[u8]) -> bool {
    match inner {
        Format::Redis => redis(text),
        Format::TimeOfDay | Format::Strace => clock(text),
        Format::AccessLog => ipv4(text),
        _ => patterns(inner).iter().any(|p| fits(text, p)),
    }
}

/// A line's start as a pattern of classes: `9` a digit, `A` an upper-case
/// letter, `a` a lower-case one, `_` a space, `d` a digit or a space (a
/// day of the month written `%e`); any other byte stands for itself.
fn patterns(inner: &Format) -> &'static [&'static [u8]] {
    match inner {
        // `Nov 23 14:05:45`, `Nov  3 14:05:45`
        Format::Syslog3164 => &[b"Aaa_d9_99:99:99"],
        // `I1123 14:05:12.710033`
        Format::Klog => &[b"A9999_99:99:99"],
        // `2026/11/23 14:05:11`
        Format::GoLog | Format::NginxError => &[b"9999/99/99_99:99:99"],
        // `[Sun Mar 13 22:49:12 2016]`
        Format::ApacheError | Format::DmesgT => &[b"[Aaa_Aaa_d9_99:99:99"],
        // `[ 8883.794614]`
        Format::Dmesg | Format::JournalMonotonic => &[b"[_", b"[9"],
        // `11-23 14:05:11.123`
        Format::Logcat => &[b"99-99_99:99:99"],
        Format::Tai64n => &[b"@4000"],
        Format::Syslog5424 => &[b"<9"],
        Format::Logfmt => &[b"time=", b"ts="],
        _ => &[],
    }
}

fn fits(text: &[u8], pattern: &[u8]) -> bool {
    text.len() >= pattern.len()
        && text.iter().zip(pattern).all(|(&b, &p)| match p {
            b'9' => b.is_ascii_digit(),
            b'A' => b.is_ascii_uppercase(),
            b'a' => b.is_ascii_lowercase(),
            b'_' => b == b' ',
            b'd' => b == b' ' || b.is_ascii_digit(),
            _ => b == p,
        })
}

/// Redis's `pid:role ` and a day's digit: `9947:M 23 Nov …`.
fn redis(text: &[u8]) -> bool {
    let run = text.iter().take_while(|b| b.is_ascii_digit()).count();
    run > 0
        && text.get(run) == Some(&b':')
        && text.get(run + 2) == Some(&b' ')
        && text.get(run + 3).is_some_and(u8::is_ascii_digit)
}

/// A time of day (`clock::stamp`'s shape): `H:MM:SS` or `HH:MM:SS` with a
/// fraction, or `H:MMAM`, then a space or the end (strace without `-f`
/// starts with one too).
fn clock(text: &[u8]) -> bool {
    let digit = |i: usize| text.get(i).is_some_and(u8::is_ascii_digit);
    let h = 1 + usize::from(digit(1));
    if !(digit(0) && text.get(h) == Some(&b':') && digit(h + 1) && digit(h + 2)) {
        return false;
    }
    let mut end = h + 3;
    match text.get(end) {
        Some(b':') if digit(end + 1) && digit(end + 2) => {
            end += 3;
            if matches!(text.get(end), Some(b'.' | b',')) {
                end += 1;
                while digit(end) {
                    end += 1;
                }
            }
        }
        Some(b'A' | b'P') if text.get(end + 1) == Some(&b'M') => end += 2,
        _ => return false,
    }
    matches!(text.get(end), None | Some(b' ' | b'\t'))
}

/// An IPv4 address and a space: an access log's client.
fn ipv4(text: &[u8]) -> bool {
    let run = text
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    run >= 7
        && text[..run].iter().filter(|&&b| b == b'.').count() == 3
        && text.get(run) == Some(&b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shape_takes_its_formats_lines_and_not_a_file_name() {
        let cases: [(Format, &[u8]); 12] = [
            (Format::Syslog3164, b"Nov 23 14:05:45 vm sshd[1]: x"),
            (Format::Syslog3164, b"Nov  3 14:05:45 vm sshd[1]: x"),
            (Format::Klog, b"I1123 14:05:12.710033 1 a.go:3] x"),
            (Format::GoLog, b"2026/11/23 14:05:11 x"),
            (Format::ApacheError, b"[Sun Mar 13 22:49:12 2016] [error] x"),
            (Format::Dmesg, b"[ 8883.794614] x"),
            (Format::Logcat, b"11-23 14:05:11.123  1 2 I tag: x"),
            (Format::Tai64n, b"@4000000043322583 x"),
            (Format::Redis, b"9947:M 23 Nov 2026 14:03:43.885 * x"),
            (Format::TimeOfDay, b"14:11:47.525 [main] INFO x"),
            (Format::TimeOfDay, b"2:05PM INF x"),
            (
                Format::AccessLog,
                b"127.0.0.1 - - [23/Nov/2026:14:05:11 +0000] x",
            ),
        ];
        for (f, line) in cases {
            assert!(known(&f), "{f:?}");
            assert!(leads(&f, line), "{f:?} {:?}", String::from_utf8_lossy(line));
            // What stands before a line in a name: `auth-` of `auth-x.log-`.
            for name in [&b"x.log-"[..], b"rsyslog.log-", b"1.log-", b"12:"] {
                let mut named = name.to_vec();
                named.extend_from_slice(line);
                assert!(
                    !leads(&f, &named),
                    "{f:?} {:?}",
                    String::from_utf8_lossy(&named)
                );
            }
        }
        assert!(!leads(&Format::TimeOfDay, b"11:47.525 [main]"));
        assert!(!leads(&Format::TimeOfDay, b"12:14:11:47.525 [main]"));
        assert!(!leads(&Format::Redis, b"12:9947:M 23 Nov"));
        assert!(!known(&Format::Iso8601));
    }
}
