//! oVirt's VDSM (and any Python logging configured the same way):
//! `THREAD::LEVEL::YYYY-MM-DD HH:MM:SS,mmm::MODULE::LINE::LOGGER::(FUNC) msg`,
//! fields joined by `::`, the thread's name first and the stamp third, in the
//! host's local time.

use super::header::Header;
use super::{LineInfo, Stamp, iso};
use crate::level::Level;
use std::ops::Range;

/// Longest thread name looked through.
const THREAD_MAX: usize = 64;

/// The level, where it stands, the stamp and where it ends.
fn fields(line: &[u8]) -> Option<(Level, Range<usize>, Stamp, usize)> {
    let head = &line[..line.len().min(THREAD_MAX + 2)];
    let thread = memchr::memmem::find(head, b"::")?;
    if thread == 0 || head[..thread].iter().any(|&b| b == b' ' || b == b':') {
        return None;
    }
    let from = thread + 2;
    let len = line[from..].iter().take(10).position(|&b| b == b':')?;
    let level = Level::parse(&line[from..from + len])?;
    let at = from + len;
    if line.get(at + 1) != Some(&b':') {
        return None;
    }
    let (stamp, used) = iso::parse_iso(line, at + 2)?;
    let end = at + 2 + used;
    line.get(end..end + 2)
        .filter(|s| *s == b"::")
        .map(|_| (level, from..from + len, stamp, end))
}

pub fn parse(line: &[u8]) -> LineInfo {
    match fields(line) {
        Some((level, _, stamp, _)) => LineInfo {
            stamp: Some(stamp),
            level: Some(level),
        },
        None => LineInfo::default(),
    }
}

/// The level and the stamp with the `::` after each, cut as one (cut
/// apart, they would leave `MainThread::::vdsm`); the thread and the fields
/// after stay on the row: `MainThread::vdsm::71::vds::(run) I am …`.
pub fn header(line: &[u8]) -> Option<Header> {
    fields(line).map(|(_, level, _, end)| Header {
        stamp: level.start..end + 2,
        level: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_level_then_the_stamp() {
        let line = b"Thread-1950::INFO::2011-12-07 12:14:15,018::dispatcher::94::Storage.Dispatcher.Protect::(run) Run and protect: getDeviceList";
        let i = parse(line);
        assert_eq!(i.level, Some(Level::Info));
        assert_eq!(i.stamp, iso::parse_iso(line, 19).map(|(s, _)| s));
        assert!(i.stamp.is_some());
        let h = header(line).expect("header");
        assert_eq!(&line[h.stamp.clone()], b"INFO::2011-12-07 12:14:15,018::");
        let e =
            parse(b"MainThread::ERROR::2011-12-05 07:04:56,300::vdsm::74::vds::(run) Traceback");
        assert_eq!(e.level, Some(Level::Error));
        for other in [
            &b"MainThread::NOPE::2011-12-05 07:04:56,300::vdsm"[..],
            b"Main Thread::INFO::2011-12-05 07:04:56,300::vdsm",
            b"MainThread::INFO::2011-12-05 07:04:56,300 vdsm",
            b"MainThread::INFO::yesterday::vdsm",
            b"File \"/usr/share/vdsm/vdsm\", line 72, in run",
        ] {
            assert_eq!(
                parse(other),
                LineInfo::default(),
                "{:?}",
                String::from_utf8_lossy(other)
            );
        }
    }
}
