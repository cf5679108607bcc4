//! Syslog in its file and wire shapes: RFC 3164 (`Mar  2 18:19:00 host tag:`,
//! also journalctl `short` and `short-precise`), RFC 5424 (`<38>1 ISO host app ...`),
//! and RFC 3339 stamped files (rsyslog `FileFormat`, journalctl `short-iso`).

use super::{LineInfo, Stamp, clock, digits, iso, month_abbrev, sniff_level};
use crate::level::Level;

/// `<PRI>` at the start: (severity level, position after `>`).
#[inline]
pub(super) fn pri(b: &[u8]) -> (Option<Level>, usize) {
    if b.first() != Some(&b'<') {
        return (None, 0);
    }
    let mut v: u32 = 0;
    for (i, &c) in b.iter().enumerate().skip(1).take(4) {
        if c == b'>' && i > 1 && v <= 191 {
            return (Some(Level::from_syslog_severity((v & 7) as u8)), i + 1);
        }
        if !c.is_ascii_digit() {
            break;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    (None, 0)
}

/// `Mmm dD HH:MM:SS[.frac]` at `pos`: the BSD stamp without a year.
pub fn bsd_stamp(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    let (month, len) = match month_abbrev(b.get(pos..)?) {
        Some(m) => (m, 3),
        None => super::digits::month_localized(b.get(pos..)?)?,
    };
    // The day after the month, two wide (` 3` or `03`).
    let at = pos + len;
    if b.get(at) != Some(&b' ') || b.get(at + 3) != Some(&b' ') {
        return None;
    }
    let day = match b.get(at + 1)? {
        b' ' => digits(b, at + 2, 1)?,
        _ => digits(b, at + 1, 2)?,
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    let (nanos_of_day, end) = clock(b, at + 4)?;
    Some((
        Stamp::NoYear {
            month: month as u8,
            day: day as u8,
            offset_min: None,
            nanos_of_day,
        },
        end,
    ))
}

/// Where `parse_3164` reads its stamp, with the `<PRI>` before it.
pub fn header_3164(line: &[u8]) -> Option<super::Header> {
    let (_, pos) = pri(line);
    bsd_stamp(line, pos).map(|(_, end)| super::Header::stamp(0..end))
}

pub fn parse_3164(line: &[u8]) -> LineInfo {
    let (level, pos) = pri(line);
    match bsd_stamp(line, pos) {
        Some((stamp, end)) => LineInfo {
            stamp: Some(stamp),
            level: level.or_else(|| sniff_level(&line[end..], 64)),
        },
        None => LineInfo::default(),
    }
}

/// `<PRI>VERSION TIMESTAMP HOST APP PROCID MSGID SD MSG`; a `-` timestamp is NILVALUE.
pub fn parse_5424(line: &[u8]) -> LineInfo {
    match stamp_5424(line) {
        Some((level, stamp, _)) => LineInfo {
            stamp: Some(stamp),
            level,
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_5424` reads its stamp, with the `<PRI>` and version before it.
pub fn header_5424(line: &[u8]) -> Option<super::Header> {
    stamp_5424(line).map(|(_, _, end)| super::Header::stamp(0..end))
}

/// An RFC 5424 line's severity, stamp, and where the stamp ends.
fn stamp_5424(line: &[u8]) -> Option<(Option<Level>, Stamp, usize)> {
    let (level, pos) = pri(line);
    if level.is_none() || !line.get(pos).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let sp = line[pos..].iter().take(3).position(|&c| c == b' ')?;
    let at = pos + sp + 1;
    iso::parse_iso(line, at).map(|(stamp, used)| (level, stamp, at + used))
}

/// `journalctl -o short-unix`: `1795442918.881981 host tag: msg`, epoch seconds
/// with a fraction (required, so that counters and ids do not read as dates).
pub fn parse_unix(line: &[u8]) -> LineInfo {
    match unix_stamp(line) {
        Some((stamp, end)) => LineInfo {
            stamp: Some(stamp),
            level: sniff_level(&line[end..], 64),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_unix` reads its stamp.
pub fn header_unix(line: &[u8]) -> Option<super::Header> {
    unix_stamp(line).map(|(_, end)| super::Header::stamp(0..end))
}

fn unix_stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    super::digits::epoch(line, 0).filter(|&(_, end)| {
        line.get(end) == Some(&b' ') && memchr::memchr(b'.', &line[..end]).is_some()
    })
}

/// `host tag[pid]: ` or `host tag: ` at `pos`: the header every syslog-to-file
/// writer puts after its stamp. Used to tell these files from other ISO logs.
pub fn header_at(b: &[u8], pos: usize) -> bool {
    let Some(rest) = b.get(pos..) else {
        return false;
    };
    let Some(host_len) = rest.iter().take(256).position(|&c| c == b' ') else {
        return false;
    };
    if host_len == 0 {
        return false;
    }
    let tag = &rest[host_len + 1..];
    match tag.iter().take(96).position(|&c| c == b':' || c == b' ') {
        Some(i) if i > 0 && tag[i] == b':' => {
            matches!(tag.get(i + 1), None | Some(b' '))
                && tag[0].is_ascii_graphic()
                && tag[0] != b'['
        }
        _ => false,
    }
}

/// True when the line is `ISO+offset host tag:` (rsyslog RFC 3339 files, journalctl
/// `short-iso`; both parse as plain ISO). `colon_less` asks for journalctl's `+0000`
/// spelling (rsyslog writes `+01:00`).
pub fn iso_syslog_signature(line: &[u8], colon_less: bool) -> bool {
    let Some((Stamp::Utc(_), used)) = iso::parse_iso(line, 0) else {
        return false;
    };
    let zone = &line[..used];
    let plain_offset = zone.len() > 5
        && matches!(zone[zone.len() - 5], b'+' | b'-')
        && zone[zone.len() - 4..].iter().all(u8::is_ascii_digit);
    plain_offset == colon_less && line.get(used) == Some(&b' ') && header_at(line, used + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_as_other_languages_write_them() {
        let month = |l: &str| match parse_3164(l.as_bytes()).stamp {
            Some(Stamp::NoYear { month, day, .. }) => Some((month, day)),
            _ => None,
        };
        for (line, want) in [
            ("août 19 11:08:37 nlaptop symphorien[4961]: test", (8, 19)),
            ("déc. 04 11:08:37 h p: x", (12, 4)),
            ("févr.  4 11:08:37 h p: x", (2, 4)),
            ("avril 30 11:08:37 h p: x", (4, 30)),
            ("Dez 04 11:08:37 h p: x", (12, 4)),
            ("Mär 14 11:08:37 h p: x", (3, 14)),
            ("Okt 01 11:08:37 h p: x", (10, 1)),
            ("ene 05 11:08:37 h p: x", (1, 5)),
            ("ago 05 11:08:37 h p: x", (8, 5)),
            ("gen 05 11:08:37 h p: x", (1, 5)),
            ("out 05 11:08:37 h p: x", (10, 5)),
            ("mrt 05 11:08:37 h p: x", (3, 5)),
            ("paź 05 11:08:37 h p: x", (10, 5)),
            ("сен 05 11:08:37 h p: x", (9, 5)),
            ("Nov 23 15:03:31 vm sshd[1]: x", (11, 23)),
        ] {
            assert_eq!(month(line), Some(want), "{line}");
        }
        for line in [
            "août 19 11:08 h p: x",
            "xyz 19 11:08:37 h p: x",
            "au 19 11:08:37 h p: x",
            // Words in capitals are no month glibc writes.
            "OUT 19 11:08:37 h p: x",
        ] {
            assert_eq!(month(line), None, "{line}");
        }
    }

    #[test]
    fn bsd_with_and_without_pri() {
        let i = parse_3164(b"<38>Nov 23 15:03:31 vm sshd[10092]: Server listening");
        assert_eq!(
            i.stamp,
            Some(Stamp::NoYear {
                month: 11,
                day: 23,
                offset_min: None,
                nanos_of_day: (15 * 3600 + 3 * 60 + 31) * 1_000_000_000
            })
        );
        assert_eq!(i.level, Some(Level::Info));
        let i = parse_3164(b"Mar  2 18:19:00.5 host prog: error: disk full");
        assert_eq!(
            i.stamp,
            Some(Stamp::NoYear {
                month: 3,
                day: 2,
                offset_min: None,
                nanos_of_day: (18 * 3600 + 19 * 60) * 1_000_000_000 + 500_000_000
            })
        );
        assert_eq!(i.level, Some(Level::Error));
        assert_eq!(parse_3164(b"Mar 32 18:19:00 h p: x").stamp, None);
    }

    #[test]
    fn rfc5424_level_from_pri() {
        let i = parse_5424(b"<132>1 2026-11-23T14:03:45.918357+00:00 vm df - DISK [x] m");
        assert!(matches!(i.stamp, Some(Stamp::Utc(_))));
        assert_eq!(i.level, Some(Level::Warn));
        assert_eq!(parse_5424(b"<13>1 - vm app - - - m").stamp, None);
        assert_eq!(parse_5424(b"2026-11-23T14:03:45Z x").stamp, None);
    }

    #[test]
    fn unix_seconds() {
        let i = parse_unix(b"1795442918.881981 vm redis-server[14304]: x");
        assert_eq!(i.stamp, Some(Stamp::Utc(1_795_442_918_881_981_000)));
        assert_eq!(parse_unix(b"1795442918 vm x").stamp, None);
        assert_eq!(parse_unix(b"10000 1697048351.000001 execve").stamp, None);
    }

    #[test]
    fn iso_syslog_signatures() {
        let rs = b"2026-11-23T15:03:29.600858+01:00 vm rsyslogd: [origin] start";
        assert!(iso_syslog_signature(rs, false));
        assert!(!iso_syslog_signature(rs, true));
        let j = b"2026-11-23T19:38:38+0530 vm redis-server[14304]: 1:C x";
        assert!(iso_syslog_signature(j, true));
        assert!(!iso_syslog_signature(
            b"2026-11-23T11:08:48-0300 INFO     [Main] x:",
            true
        ));
    }
}
