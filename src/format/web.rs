//! Web servers: NCSA common/combined access logs (nginx, Apache, gunicorn, and
//! Python `http.server`'s `[23/Nov/2026 14:08:47]` variant) and the Apache 2.4 error log.

use super::{LineInfo, Stamp, clock, digits, kernel, month_abbrev, sniff_level, zone_offset};
use crate::level::Level;

use memchr::{memchr, memmem};

/// `dd/Mon/yyyy:HH:MM:SS +zzzz` (or `dd/Mon/yyyy HH:MM:SS` without zone) at `pos`.
fn clf_stamp(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    let day = digits(b, pos, 2)?;
    if b.get(pos + 2) != Some(&b'/') || b.get(pos + 6) != Some(&b'/') {
        return None;
    }
    let month = month_abbrev(b.get(pos + 3..)?)?;
    let year = digits(b, pos + 7, 4)?;
    if !matches!(b.get(pos + 11), Some(b':' | b' ')) {
        return None;
    }
    let (of_day, end) = clock(b, pos + 12)?;
    let local = super::local_stamp(year, month, day, of_day)?;
    if b.get(end) == Some(&b' ')
        && let Some((off, used)) = zone_offset(b, end + 1)
    {
        return Some((super::with_offset(local, off), end + 1 + used));
    }
    Some((local, end))
}

/// An HTTP status's level: 5xx error, 4xx warn, else info (access logs,
/// uWSGI's and W3C's request logs).
pub(super) fn status_level_of(code: u32) -> Level {
    match code {
        500.. => Level::Error,
        400..=499 => Level::Warn,
        _ => Level::Info,
    }
}

/// Level from the status code after the quoted request: 5xx error, 4xx warn.
fn status_level(b: &[u8], from: usize) -> Option<Level> {
    let rest = b.get(from..)?;
    for i in memmem::find_iter(rest, b"\" ") {
        if let Some(code) = digits(rest, i + 2, 3)
            && matches!(rest.get(i + 5), None | Some(b' '))
        {
            return Some(status_level_of(code));
        }
    }
    None
}

pub fn parse_access(line: &[u8]) -> LineInfo {
    match access_stamp(line) {
        Some((stamp, at)) => LineInfo {
            stamp: Some(stamp),
            level: status_level(line, at.end),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_access` reads its stamp, brackets included: in the middle
/// of the line, after the client's address, ident and user.
pub fn header_access(line: &[u8]) -> Option<super::Header> {
    access_stamp(line).map(|(_, at)| super::Header::stamp(at))
}

fn access_stamp(line: &[u8]) -> Option<(Stamp, std::ops::Range<usize>)> {
    let head = &line[..line.len().min(160)];
    let open = memchr(b'[', head)?;
    // The stamp follows the client address, ident and user: never first.
    if open == 0 {
        return None;
    }
    match clf_stamp(line, open + 1) {
        Some((stamp, end)) if line.get(end) == Some(&b']') => Some((stamp, open..end + 1)),
        _ => None,
    }
}

/// `[Mon Nov 23 19:05:51.221355 2026] [core:info] [pid ...] msg`: local time, level
/// after the module name (Apache 2.2 writes `[error]` without module).
pub fn parse_apache_error(line: &[u8]) -> LineInfo {
    let Some((stamp, end)) = apache_stamp(line) else {
        return LineInfo::default();
    };
    let tag = &line[end + 3..line.len().min(end + 40)];
    let level = memchr(b']', tag).and_then(|close| {
        let word = &tag[..close];
        Level::parse(memchr::memrchr(b':', word).map_or(word, |c| &word[c + 1..]))
    });
    LineInfo {
        stamp: Some(stamp),
        level: level.or_else(|| sniff_level(&line[end..], 64)),
    }
}

/// Where `parse_apache_error` reads its stamp, brackets included; the
/// `[module:level]` tag stays, as Apache wrote it.
pub fn header_apache_error(line: &[u8]) -> Option<super::Header> {
    apache_stamp(line).map(|(_, end)| super::Header::stamp(0..end + 1))
}

/// The stamp and where it ends (before its `]`).
fn apache_stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    if line.first() != Some(&b'[') {
        return None;
    }
    let (stamp, end) = kernel::ctime(line, 1)?;
    // The `[module:level]` tag is what tells this from `dmesg -T`, which has the same stamp.
    (line.get(end..end + 3) == Some(b"] [")).then_some((stamp, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil_to_nanos;

    #[test]
    fn combined_with_status_levels() {
        let i = parse_access(
            b"127.0.0.1 - - [23/Nov/2026:05:35:30 -0800] \"GET /x HTTP/1.1\" 404 153 \"-\" \"curl\"",
        );
        let want = civil_to_nanos(2026, 11, 23, 13, 35, 30, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Utc(want)));
        assert_eq!(i.level, Some(Level::Warn));
        let i = parse_access(b"h - - [23/Nov/2026:05:35:30 +0000] \"GET / HTTP/1.1\" 503 1");
        assert_eq!(i.level, Some(Level::Error));
        let i = parse_access(b"127.0.0.1 - - [23/Nov/2026 14:08:47] \"GET / HTTP/1.1\" 200 -");
        let want = civil_to_nanos(2026, 11, 23, 14, 8, 47, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(i.level, Some(Level::Info));
        assert_eq!(parse_access(b"[23/Nov/2026:05:35:30 -0800] x").stamp, None);
    }

    #[test]
    fn apache_error() {
        let i = parse_apache_error(
            b"[Mon Nov 23 19:05:51.221355 2026] [mpm_event:notice] [pid 9517:tid 9517] AH00489",
        );
        let want = civil_to_nanos(2026, 11, 23, 19, 5, 51, 221_355_000).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(i.level, Some(Level::Info));
        let i = parse_apache_error(b"[Mon Nov 23 19:05:51 2026] [error] [client 1.2.3.4] x");
        assert_eq!(i.level, Some(Level::Error));
    }
}
