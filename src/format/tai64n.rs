//! daemontools' and s6's TAI64N labels (`multilog t`, `s6-log t`, runit's
//! `svlogd -t`): `@4000000043322583 3b6e1a8c` written as one 24-digit hex
//! word before each line, the seconds and nanoseconds of TAI64N. The writers
//! (djb's `libtai`, `tai_now`) label UTC seconds plus 2^62 + 10 and know no
//! leap seconds, so taking exactly that off gives back the UTC instant, as
//! `tai64nlocal` does.

use super::header::Header;
use super::{LineInfo, Stamp, sniff_level};
use crate::time::NANOS_PER_SEC;

/// What `libtai` adds to a Unix second.
const BASE: u64 = (1 << 62) + 10;

/// The label at the line's start and where it ends (a space or the line's
/// end after it).
pub fn stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    let hex = line.strip_prefix(b"@")?.get(..24)?;
    if !matches!(line.get(25), None | Some(b' ' | b'\t')) {
        return None;
    }
    let word = |h: &[u8]| {
        h.iter().try_fold(0u64, |n, &b| {
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                _ => return None,
            };
            Some(n << 4 | u64::from(d))
        })
    };
    let secs = word(&hex[..16])?.checked_sub(BASE)?;
    let nanos = word(&hex[16..])?;
    if nanos >= NANOS_PER_SEC as u64 {
        return None;
    }
    let secs = i64::try_from(secs).ok()?;
    let at = secs.checked_mul(NANOS_PER_SEC)?.checked_add(nanos as i64)?;
    Some((Stamp::Utc(at), 25))
}

pub fn parse(line: &[u8]) -> LineInfo {
    match stamp(line) {
        Some((s, end)) => LineInfo {
            stamp: Some(s),
            level: sniff_level(&line[end..], 40),
        },
        None => LineInfo::default(),
    }
}

/// The label; a level is found as a word.
pub fn header(line: &[u8]) -> Option<Header> {
    stamp(line).map(|(_, end)| Header::stamp(0..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_utc_after_libtais_offset() {
        // `tai64nlocal` on a UTC machine prints 2005-09-22 03:31:05.997071500.
        let (s, end) = stamp(b"@40000000433225833b6e1a8c tcpserver: status: 5/30").expect("label");
        assert_eq!(end, 25);
        assert_eq!(
            s,
            Stamp::Utc(crate::time::at("2005-09-22T03:31:05.997071500Z"))
        );
    }

    #[test]
    fn other_words_are_no_labels() {
        for line in [
            "@4000000043322583 3b6e1a8c x",
            "@40000000433225833B6E1A8C x",
            "@40000000433225833b6e1a8cz x",
            "@3fffffffffffffff3b6e1a8c x",
            "@400000004332258300000000ffffffff x",
            "@400000004332258340000000 x",
            "40000000433225833b6e1a8c x",
        ] {
            assert_eq!(stamp(line.as_bytes()), None, "{line}");
        }
    }
}
