//! Unix seconds as a line's time where the line's shape leaves no doubt:
//! BGL's and Thunderbird's supercomputer logs (Loghub) write an alert tag
//! (`-` when none, else an upper-case category such as `KERNDTLB`), then
//! the seconds, then the rest (`- 1131566461 2005.11.09 dn228 Nov 9 …`).
//! The seconds have ten digits, within 2001–2099, optionally with `.mmm`
//! (Squid's `1286536309.586`); a space follows. Longer fractions (strace's
//! `-ttt`, Zeek's `ts`, `journalctl -o short-unix`) are not this shape.

use super::{Header, LineInfo, Stamp, sniff_level};

/// The latest seconds read as a time: 2100-01-01T00:00:00Z.
const LATEST: i64 = 4_102_444_800;

/// The alert tag's end (the seconds' start), the seconds' end and the
/// stamp, if the line has this shape.
fn fields(line: &[u8]) -> Option<(usize, usize, Stamp)> {
    let tag = line.iter().take(33).take_while(|&&b| b != b' ').count();
    let start = match tag {
        0 => return None,
        _ if line.first()?.is_ascii_digit() => 0,
        _ if alert_tag(&line[..tag]) && line.get(tag) == Some(&b' ') => tag + 1,
        _ => return None,
    };
    let digits = line[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits != 10 {
        return None;
    }
    let mut end = start + 10;
    let mut millis = 0;
    if line.get(end) == Some(&b'.') {
        let frac = line.get(end + 1..end + 4)?;
        if !frac.iter().all(u8::is_ascii_digit) {
            return None;
        }
        millis = frac.iter().fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
        end += 4;
    }
    if line.get(end) != Some(&b' ') {
        return None;
    }
    let secs = line[start..start + 10]
        .iter()
        .fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
    (secs < LATEST).then(|| {
        let nanos = secs * 1_000_000_000 + millis * 1_000_000;
        (start, end, Stamp::Utc(nanos))
    })
}

/// `-`, or an upper-case category (`KERNDTLB`, `APPREAD`, `VAPI`): letters,
/// digits and `_`, starting with a letter.
fn alert_tag(tag: &[u8]) -> bool {
    tag == b"-"
        || tag.first().is_some_and(u8::is_ascii_uppercase)
            && tag
                .iter()
                .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

pub fn parse(line: &[u8]) -> LineInfo {
    match fields(line) {
        Some((_, end, stamp)) => LineInfo {
            stamp: Some(stamp),
            level: sniff_level(&line[end..], 64),
        },
        None => LineInfo::default(),
    }
}

/// The seconds are the stamp; the alert tag stays (a category is what the
/// line is about).
pub fn header(line: &[u8]) -> Option<Header> {
    fields(line).map(|(start, end, _)| Header::stamp(start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(line: &str) -> Option<Stamp> {
        parse(line.as_bytes()).stamp
    }

    #[test]
    fn tagged_seconds() {
        let at = Some(Stamp::Utc(1_131_566_461_000_000_000));
        assert_eq!(stamp("- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 x"), at);
        assert_eq!(stamp("KERNDTLB 1131566461 2005.11.09 x"), at);
        assert_eq!(
            stamp("1286536309.586    921 192.168.0.68 TCP_MISS/200"),
            Some(Stamp::Utc(1_286_536_309_586_000_000))
        );
        let h = header(b"- 1131566461 2005.11.09 x").expect("header");
        assert_eq!(h.stamp, 2..12);
    }

    #[test]
    fn other_numbers_are_not_seconds() {
        for line in [
            "10000 1697048351.000001 execve(\"/bin/ls\")",
            "1697048351.000001 execve(\"/bin/ls\")",
            "1331901000.000000\tCtPZjS20MLrsMUOJi2\t192.168.202.79",
            "- 113156646 2005.11.09 nine digits",
            "- 11315664610 eleven digits",
            "- 9999999999 2286 is past the range",
            "x 1131566461 a lower-case word first",
            "- 1131566461",
            "1131566461.58 two fraction digits",
        ] {
            assert_eq!(stamp(line), None, "{line}");
        }
    }
}
