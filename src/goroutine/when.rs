//! When a dump was taken, so it sits in time with the logs: the time the user
//! set, the log line the panic was printed in, or the file's modification time.

use crate::format::Format;
use crate::source::Source;
use crate::time::{NANOS_PER_HOUR, Nanos};

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

impl TimeOrigin {
    /// As the text outputs and the screen say it: `file modified`.
    pub fn label(self) -> &'static str {
        match self {
            TimeOrigin::Set => "set",
            TimeOrigin::LogLine => "log line",
            TimeOrigin::FileModified => "file modified",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DumpTime {
    pub time: Nanos,
    pub origin: TimeOrigin,
}

/// From one dump's time to a later one's (negative: the second is earlier),
/// when both are known: what the diff's text, JSON and screen say.
pub fn interval(before: Option<DumpTime>, after: Option<DumpTime>) -> Option<Nanos> {
    Some(after?.time - before?.time)
}

/// When a wait printed as `minutes` began, given the dump's time: the
/// runtime prints whole minutes (`[semacquire, 4 minutes]`: 4 or more,
/// under 5), so between `minutes + 1` and `minutes` before the dump, earlier
/// first. None under a minute, which it does not print.
pub fn wait_began(dump: Nanos, minutes: u32) -> Option<(Nanos, Nanos)> {
    const MINUTE: Nanos = 60 * crate::time::NANOS_PER_SEC;
    (minutes > 0).then(|| {
        let latest = dump - i64::from(minutes) * MINUTE;
        (latest - MINUTE, latest)
    })
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
    src.time(src.index.holding(offset)?)
}

/// How far from the other sources a dump file's modification time may lie
/// and still say when the dump was taken: a copied file's mtime says when it
/// was copied.
pub const MTIME_SLACK: Nanos = NANOS_PER_HOUR;

/// Where a dump sits in time. One rule for the screen and every headless
/// command, so that they place a dump alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    At(DumpTime),
    /// Only the file's modification time was known, and it lies `away` from
    /// the other sources: not when the dump was taken (`--set NAME.time=`).
    MtimeTooFar {
        mtime: Nanos,
        away: Nanos,
    },
    Unknown,
}

impl Placement {
    pub fn time(self) -> Option<DumpTime> {
        match self {
            Placement::At(t) => Some(t),
            _ => None,
        }
    }
}

/// A dump's time, by precedence: the time set (`--set NAME.time=`), the log
/// line its panic (or first goroutine) was printed in, the file's
/// modification time when it lies within `MTIME_SLACK` of `others` (the span
/// of the other sources' times; None: no other source to compare with).
pub fn decide(
    set: Option<Nanos>,
    log_line: Option<Nanos>,
    mtime: Option<Nanos>,
    others: Option<(Nanos, Nanos)>,
) -> Placement {
    let at = |time, origin| Placement::At(DumpTime { time, origin });
    if let Some(t) = set {
        return at(t, TimeOrigin::Set);
    }
    if let Some(t) = log_line {
        return at(t, TimeOrigin::LogLine);
    }
    let Some(mtime) = mtime else {
        return Placement::Unknown;
    };
    let away = match others {
        Some((first, _)) if mtime < first => first - mtime,
        Some((_, last)) => mtime.saturating_sub(last),
        None => 0,
    };
    if away > MTIME_SLACK {
        Placement::MtimeTooFar { mtime, away }
    } else {
        at(mtime, TimeOrigin::FileModified)
    }
}

/// The dumps among `sources` that print no time of their own, each with
/// where it goes (`decide`, against the span of the sources that carry
/// times; `set`: each source's `--set NAME.time=`, by position).
pub fn placements(sources: &[&Source], set: &[Option<Nanos>]) -> Vec<(usize, Placement)> {
    let timed: Vec<&Source> = sources
        .iter()
        .copied()
        .filter(|s| s.first_time().is_some())
        .collect();
    let others = crate::timeline::span(&timed);
    sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.detection.format == Format::GoDump && s.first_time().is_none())
        .map(|(k, s)| {
            let mtime = s.parts.0.last().and_then(|p| p.mtime);
            let set = set.get(k).copied().flatten();
            (k, decide(set, None, mtime, others))
        })
        .collect()
}

/// Puts a dump's records at time `t` (the dump prints none), so that it
/// sits on the overview and in time with the logs.
pub fn date(src: &mut Source, t: DumpTime) {
    src.index = src.index.dated_at(t.time.saturating_sub(src.offset));
}

/// Why a dump was left without a time, as the screen's status line and the
/// headless commands' stderr say it.
pub fn too_far_note(name: &str, away: Nanos) -> String {
    format!(
        "{name}: its file was modified {} away from the other sources, so that is not when it was taken; --set {name}.time=… places it",
        crate::time::format_duration(away)
    )
}
