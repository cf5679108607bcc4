//! Time across sources: where each source stands at a cursor time, how far
//! its nearest record is, and every record of every source in time order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::source::Source;
use crate::time::{NANOS_PER_SEC, Nanos};

/// A source whose nearest record is farther than this from a time is "quiet"
/// there. The one definition for the panes and `show`.
const QUIET_AFTER: Nanos = 10 * NANOS_PER_SEC;

/// How far from its nearest record `src` counts as quiet. A function of the
/// source so that silence detection can swap in a per-source baseline.
pub fn quiet_after(_src: &Source) -> Nanos {
    QUIET_AFTER
}

/// A source's position relative to a cursor time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The record at or just before the cursor (or the first record, when all are after it).
    pub record: Option<usize>,
    /// Distance from the cursor to the source's nearest timed record, when that
    /// record is farther than `quiet_after`: the pane says "quiet for ...".
    pub quiet: Option<Nanos>,
}

/// Where `src` stands at time `t`. A record within `quiet_after` of `t`
/// (either side) counts as near.
pub fn position(src: &Source, t: Nanos) -> Position {
    if src.index.is_empty() {
        return Position {
            record: None,
            quiet: None,
        };
    }
    let before = src.at_or_before(t);
    let after = match before {
        Some(i) => (i + 1 < src.index.len()).then_some(i + 1),
        None => Some(0),
    };
    let gap_before = before.and_then(|i| src.time(i)).map(|x| t - x);
    let gap_after = after.and_then(|i| src.time(i)).map(|x| x - t);
    let nearest = match (gap_before, gap_after) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Position {
        record: before.or(Some(0)),
        quiet: nearest.filter(|&g| g > quiet_after(src)),
    }
}

/// One row of the merged view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedRow {
    pub source: usize,
    pub record: usize,
    pub time: Option<Nanos>,
}

/// Every record of every source in time order (offsets applied). Records
/// without a known time keep their place after the record before them.
/// Ties go to the source listed first, so the order is stable.
pub struct Merge<'a> {
    sources: Vec<&'a Source>,
    next: Vec<usize>,
    end: Vec<usize>,
    heap: BinaryHeap<Reverse<(Nanos, usize)>>,
}

impl<'a> Merge<'a> {
    /// Merges records with aligned time in `[since, until]` (None = unbounded).
    pub fn new(sources: &[&'a Source], since: Option<Nanos>, until: Option<Nanos>) -> Merge<'a> {
        let mut m = Merge {
            sources: sources.to_vec(),
            next: vec![],
            end: vec![],
            heap: BinaryHeap::new(),
        };
        for (k, s) in sources.iter().enumerate() {
            let start = since
                .map_or(Some(0), |t| s.at_or_after(t))
                .unwrap_or(s.index.len());
            let end = until.map_or(s.index.len(), |t| s.at_or_before(t).map_or(0, |i| i + 1));
            m.next.push(start);
            m.end.push(end.max(start));
            m.push(k);
        }
        m
    }

    fn push(&mut self, k: usize) {
        let i = self.next[k];
        if i < self.end[k] {
            let t = self.sources[k].time(i).unwrap_or(Nanos::MIN);
            self.heap.push(Reverse((t, k)));
        }
    }
}

impl Iterator for Merge<'_> {
    type Item = MergedRow;
    fn next(&mut self) -> Option<MergedRow> {
        let Reverse((_, k)) = self.heap.pop()?;
        let record = self.next[k];
        self.next[k] += 1;
        self.push(k);
        Some(MergedRow {
            source: k,
            record,
            time: self.sources[k].time(record),
        })
    }
}

/// The earliest first and latest last time over all sources.
pub fn span(sources: &[&Source]) -> Option<(Nanos, Nanos)> {
    let first = sources.iter().filter_map(|s| s.first_time()).min()?;
    let last = sources.iter().filter_map(|s| s.last_time()).max()?;
    Some((first, last))
}

/// Where every timed source has begun: the latest first time. System logs
/// (kern.log, syslog) hold days of history before an incident; this is where
/// a look across all sources starts to make sense.
pub fn common_start(sources: &[&Source]) -> Option<Nanos> {
    let (_, end) = span(sources)?;
    let t = sources.iter().filter_map(|s| s.first_time()).max()?;
    Some(t.min(end))
}
