//! When a dump was taken, so it sits in time with the logs: the time the user
//! set, the log line the panic was printed in, or the file's modification time.

use crate::source::Source;
use crate::time::Nanos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeOrigin {
    /// `--set NAME.time=…`.
    Set,
    /// The time of the log record the panic (or first goroutine) was printed in.
    LogLine,
    /// The dump file's modification time.
    FileModified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DumpTime {
    pub time: Nanos,
    pub origin: TimeOrigin,
}

/// The byte offset whose log record dates the dump: the panic, else the first goroutine.
pub fn anchor(d: &super::Dump) -> Option<u64> {
    d.panic
        .as_ref()
        .map(|p| p.offset)
        .or_else(|| d.goroutines.first().map(|g| g.offset))
}

/// The time of the record holding byte `offset` of an indexed source.
pub fn record_time(src: &Source, offset: u64) -> Option<Nanos> {
    let n = src.index.len();
    // Records are in offset order: the last one starting at or before `offset`.
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if src.index.get(mid).is_some_and(|e| e.offset() <= offset) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    src.time(lo.checked_sub(1)?)
}

/// Picks the dump's time by precedence: set, log line, file modification time.
pub fn choose(
    set: Option<Nanos>,
    log_line: Option<Nanos>,
    mtime: Option<Nanos>,
) -> Option<DumpTime> {
    let pick = |t: Option<Nanos>, origin| t.map(|time| DumpTime { time, origin });
    pick(set, TimeOrigin::Set)
        .or(pick(log_line, TimeOrigin::LogLine))
        .or(pick(mtime, TimeOrigin::FileModified))
}
