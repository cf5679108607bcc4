//! uWSGI's request log, its default `log-format`: `[pid: 88185|app: 0|req:
//! 1/1] 127.0.0.1 () {38 vars in 696 bytes} [Sun Mar 13 22:49:12 2016] POST
//! /update_metrics => generated 47 bytes in 129 msecs (HTTP/1.1 200) 9
//! headers in 378 bytes (1 switches on core 3)`. The stamp is C's `ctime`
//! (local time) in brackets in the middle of the line, after the request's
//! counters, address, user and variables; the status gives the level as an
//! access log's does.

use memchr::memmem;

use super::header::Header;
use super::{LineInfo, Stamp, digits, kernel, web};

/// How far into a line the stamp's bracket is looked for: the counters,
/// an address, a user name and the variables' sizes come before it.
const REACH: usize = 256;

/// The stamp and where it is, brackets included, when the line has
/// uWSGI's shape: `[pid: ` first, the variables' `} ` right before it.
fn stamp(line: &[u8]) -> Option<(Stamp, std::ops::Range<usize>)> {
    if !line.starts_with(b"[pid: ") {
        return None;
    }
    let open = memmem::find(&line[..line.len().min(REACH)], b"} [")? + 2;
    let (stamp, end) = kernel::ctime(line, open + 1)?;
    (line.get(end) == Some(&b']')).then_some((stamp, open..end + 1))
}

/// The status in `(HTTP/1.1 200)` after the stamp.
fn status(line: &[u8], from: usize) -> Option<u32> {
    let rest = line.get(from..)?;
    let proto = memmem::find(rest, b" (HTTP")? + 2;
    let space = memchr::memchr(b' ', &rest[proto..])? + proto;
    let code = digits(rest, space + 1, 3)?;
    (rest.get(space + 4) == Some(&b')')).then_some(code)
}

/// Out of line: only a uWSGI log's lines come here.
#[inline(never)]
pub fn parse(line: &[u8]) -> LineInfo {
    match stamp(line) {
        Some((s, at)) => LineInfo {
            stamp: Some(s),
            level: status(line, at.end).map(web::status_level_of),
        },
        None => LineInfo::default(),
    }
}

/// The bracketed stamp; the counters, address and variables before it stay
/// on the row (which worker served the request), as an access log's client.
pub fn header(line: &[u8]) -> Option<Header> {
    stamp(line).map(|(_, at)| Header::stamp(at))
}

/// What follows the stamp (`POST /path => generated …`): the request's
/// message, mined without the counters and sizes before it. Found by byte
/// classes only (`[pid: `, the first `} [` and the `]` after it), never a
/// digit's value, so the line keys' guarantees hold; the whole line when
/// it has no such shape.
pub fn message(line: &[u8]) -> &[u8] {
    if !line.starts_with(b"[pid: ") {
        return line;
    }
    let Some(open) = memmem::find(&line[..line.len().min(REACH)], b"} [") else {
        return line;
    };
    match memchr::memchr(b']', &line[open + 3..]) {
        Some(k) => line[open + 3 + k + 1..].trim_ascii_start(),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::level::Level;

    const LINE: &[u8] = b"[pid: 88185|app: 0|req: 1/1] 127.0.0.1 () {38 vars in 696 bytes} [Sun Mar 13 22:49:12 2016] POST /update_metrics => generated 47 bytes in 129 msecs (HTTP/1.1 200) 9 headers in 378 bytes (1 switches on core 3)";

    #[test]
    fn the_stamp_in_the_middle_is_local_time() {
        let info = parse(LINE);
        let want = crate::time::civil_to_nanos(2016, 3, 13, 22, 49, 12, 0).expect("valid");
        assert_eq!(info.stamp, Some(Stamp::Local(want)));
        assert_eq!(info.level, Some(Level::Info));
        let h = header(LINE).expect("header");
        assert_eq!(&LINE[h.stamp], b"[Sun Mar 13 22:49:12 2016]");
        assert!(message(LINE).starts_with(b"POST /update_metrics => generated"));
    }

    #[test]
    fn the_status_gives_the_level() {
        let line = |code: &str| {
            String::from_utf8_lossy(LINE).replace("HTTP/1.1 200", &format!("HTTP/1.1 {code}"))
        };
        assert_eq!(parse(line("502").as_bytes()).level, Some(Level::Error));
        assert_eq!(parse(line("404").as_bytes()).level, Some(Level::Warn));
    }

    #[test]
    fn other_lines_are_not_uwsgi() {
        for l in [
            "*** Starting uWSGI 2.0.12 (64bit) on [Sun Mar 13 22:49:00 2016] ***",
            "[pid: 1|app: 0|req: 1/1] 127.0.0.1 () {38 vars in 696 bytes} POST /x",
            "127.0.0.1 - - [23/Nov/2026:05:35:30 -0800] \"GET / HTTP/1.1\" 200 1",
        ] {
            assert_eq!(parse(l.as_bytes()).stamp, None, "{l}");
            assert_eq!(header(l.as_bytes()), None, "{l}");
        }
    }
}
