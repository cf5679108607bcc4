//! Time across sources: where each source stands at a cursor time, and every
//! record of every source in time order. (Whether a source is quiet there is
//! the silence analysis's answer: `silence::Analysis::quiet`.)

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::source::Source;
use crate::time::Nanos;

/// A source's position relative to a cursor time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The record at or just before the cursor (or the first record, when all are after it).
    pub record: Option<usize>,
}

/// Where `src` stands at time `t`.
pub fn position(src: &Source, t: Nanos) -> Position {
    if src.index.is_empty() {
        return Position { record: None };
    }
    Position {
        record: src.at_or_before(t).or(Some(0)),
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

/// The incident's time range as the screen's overview shows it by default:
/// from where every source has begun (system logs hold days of history that
/// would squeeze the incident into a few columns) to the end; `since` and
/// `until` win. The pattern view and `patterns --buckets` cut it the same way.
pub fn incident_span(
    sources: &[&Source],
    since: Option<Nanos>,
    until: Option<Nanos>,
) -> Option<(Nanos, Nanos)> {
    let (first, b) = span(sources)?;
    let a = since.or_else(|| common_start(sources)).unwrap_or(first);
    let b = until.unwrap_or(b);
    Some((a, b.max(a + 1)))
}

/// Where every timed source has begun: the latest first time. System logs
/// (kern.log, syslog) hold days of history before an incident; this is where
/// a look across all sources starts to make sense. Sources that do not
/// overlap in time (one log from 09:00 to 09:10, another from 11:00) have no
/// such place: it starts where the first of those that ended before the
/// latest began does, so that every one of them is in view.
pub fn common_start(sources: &[&Source]) -> Option<Nanos> {
    let (_, end) = span(sources)?;
    // A source at one instant (a goroutine dump at the moment it was taken)
    // is a point on the timeline, not a stretch that begins there.
    let points = !sources
        .iter()
        .any(|s| s.first_time().is_some() && s.first_time() != s.last_time());
    let stretches = || {
        sources
            .iter()
            .filter(move |s| points || s.first_time() != s.last_time())
    };
    let latest = stretches().filter_map(|s| s.first_time()).max()?;
    let ended = stretches()
        .filter(|s| s.last_time().is_some_and(|l| l < latest))
        .filter_map(|s| s.first_time())
        .min();
    Some(ended.unwrap_or(latest).min(latest).min(end))
}

/// Stretches in which no source has a record, in time order: where none of
/// the sources' spans (first to last record) reaches. Logs that do not
/// overlap in time have one between them.
pub fn gaps(sources: &[&Source]) -> Vec<(Nanos, Nanos)> {
    let mut spans: Vec<(Nanos, Nanos)> = sources
        .iter()
        .filter_map(|s| Some((s.first_time()?, s.last_time()?)))
        .collect();
    spans.sort_unstable();
    let mut out = Vec::new();
    let Some(&(_, mut end)) = spans.first() else {
        return out;
    };
    for &(a, b) in &spans[1..] {
        if a > end {
            out.push((end, a));
        }
        end = end.max(b);
    }
    out
}
