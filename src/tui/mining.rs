//! Patterns and precursors for the screen: every source's templates are mined
//! on a worker once all sources are loaded (sources in parallel, each source's
//! chunks in parallel too), and precursors follow once the silence analysis
//! is there too. Results reach the `App` as `Arc`s; `update/patterns.rs`
//! starts the jobs and keeps the newest answers.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::pattern::occurrences::Occurrences;
use crate::pattern::{Resumable, SourcePatterns, mine_resumable};
use crate::precursor::Precursor;
use crate::silence::Analysis;
use crate::source::Source;
use crate::time::{NANOS_PER_MIN, Nanos};

/// How far before each silence precursors are looked for (as `casefile silences`).
pub const PRECURSOR_WINDOW: Nanos = 10 * NANOS_PER_MIN;

/// The templates of every pane that has a source, as parallel arrays
/// (`patterns` is a slice `precursor::find` takes as it is).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mined {
    /// The pane each entry belongs to, ascending.
    pub panes: Vec<usize>,
    pub patterns: Vec<SourcePatterns>,
    pub occurrences: Vec<Occurrences>,
    /// Each source's clock offset when it was mined: a template's first and
    /// last times move with the offset the user sets later.
    pub offsets: Vec<Nanos>,
    /// The read each entry mined (`Source::read`), and what mining it left
    /// to mine the records appended since from.
    pub reads: Vec<u64>,
    pub states: States,
}

/// Each source's `Resumable`, shared by the mining results that hold it.
#[derive(Debug, Clone, Default)]
pub struct States(pub Vec<Arc<Resumable>>);

impl PartialEq for States {
    fn eq(&self, other: &States) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// How a source is mined, given what the mining before it gave.
#[derive(Debug)]
pub(crate) enum Plan<'a> {
    /// The very read mined before: taken as it is.
    Same(usize),
    /// A read that went on from the read mined before: its new records mined.
    On(&'a SourcePatterns, &'a Resumable),
    Whole,
}

/// How `src` (pane `pane`) is mined after `before`.
pub(crate) fn plan<'a>(pane: usize, src: &Source, before: Option<&'a Mined>) -> Plan<'a> {
    let Some((b, k)) = before.and_then(|b| Some((b, b.entry(pane)?))) else {
        return Plan::Whole;
    };
    let (Some(&read), Some(state)) = (b.reads.get(k), b.states.0.get(k)) else {
        return Plan::Whole;
    };
    if read == src.read {
        return Plan::Same(k);
    }
    match src.read_on {
        // The state is of the records before the last mined (`Resumable`):
        // those the read on kept. Mining reads a record whole in some
        // formats (journal entries): the last of them, when it is the last
        // the read on kept, must not have grown (new lines joined to it).
        // Spans of the records mined before are at its offset: the new
        // records' must be too.
        Some(on)
            if on.read == read
                && b.offsets[k] == src.offset
                && state.records() <= on.records
                && (state.records() < on.records
                    || on
                        .records
                        .checked_sub(1)
                        .is_none_or(|i| src.index.end_of(i) == on.bytes)) =>
        {
            Plan::On(&b.patterns[k], state)
        }
        _ => Plan::Whole,
    }
}

impl Mined {
    /// Which entry holds pane `p`.
    pub fn entry(&self, p: usize) -> Option<usize> {
        self.panes.binary_search(&p).ok()
    }

    /// Whether these templates were mined from `sources` as they are now: a
    /// source read again (`R`, following) has other records until its own
    /// mining is done, and a template id per record of another read would
    /// point past them.
    pub fn covers(&self, sources: &[(usize, Source)]) -> bool {
        self.panes.iter().zip(&self.patterns).all(|(&p, m)| {
            sources
                .iter()
                .any(|(k, s)| *k == p && s.index.len() == m.ids.len())
        })
    }

    pub fn templates(&self) -> usize {
        self.patterns.iter().map(|p| p.templates.len()).sum()
    }
}

/// Mining progress: sources done of all, and records mined of all (a big
/// source is mined for seconds: its records say how far it got).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub records: usize,
    pub of: usize,
}

impl Progress {
    /// Of the records, how many mined, in percent once any are (floor:
    /// 100% only once every record is mined).
    fn percent(&self) -> Option<usize> {
        (self.records > 0 && self.of > 0).then(|| self.records.min(self.of) * 100 / self.of)
    }
}

/// How often a running job says how many records it mined.
const REPORT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// The state of the pattern jobs the `App` keeps.
#[derive(Debug, Default)]
pub struct PatternWork {
    /// Generation of the latest mining job, also read by its worker so a
    /// superseded job skips the sources it has not started.
    pub generation: u64,
    pub latest: Arc<AtomicU64>,
    /// Some while a mining job runs.
    pub progress: Option<Progress>,
    pub precursor_gen: u64,
}

impl PatternWork {
    /// "mining patterns… 2/5 sources" while a mining job runs, "mining
    /// patterns… 43% (2/5 sources)" once records are mined.
    pub fn label(&self) -> Option<String> {
        let p = self.progress?;
        let sources = format!("{}/{} sources", p.done, p.total);
        Some(match p.percent() {
            None => format!("mining patterns… {sources}"),
            Some(pct) => format!("mining patterns… {pct}% ({sources})"),
        })
    }

    /// The label beside a message: "mining patterns… 0/5", "mining
    /// patterns… 43%".
    pub fn short_label(&self) -> Option<String> {
        let p = self.progress?;
        Some(match p.percent() {
            None => format!("mining patterns… {}/{}", p.done, p.total),
            Some(pct) => format!("mining patterns… {pct}%"),
        })
    }
}

/// Mines every source in parallel, reporting each source as it finishes;
/// None when a newer job superseded this one.
pub fn mine(
    sources: &[(usize, Source)],
    before: Option<&Mined>,
    generation: u64,
    latest: &AtomicU64,
    progress: &mut dyn FnMut(Progress),
) -> Option<Mined> {
    let total = sources.len();
    let of = sources.iter().map(|(_, s)| s.index.len()).sum();
    let folded: Vec<AtomicUsize> = (0..total).map(|_| AtomicUsize::new(0)).collect();
    let (tx, rx) = crossbeam_channel::unbounded();
    type Result = (SourcePatterns, Occurrences, Arc<Resumable>, Nanos);
    let mut results: Vec<Option<Result>> = vec![None; total];
    std::thread::scope(|scope| {
        let folded = &folded;
        scope.spawn(move || {
            sources
                .par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (k, (_, src))| {
                    if latest.load(Ordering::Relaxed) != generation {
                        return;
                    }
                    let r = match plan(sources[k].0, src, before) {
                        Plan::Same(e) => {
                            let b = before.expect("planned from it");
                            folded[k].fetch_add(src.index.len(), Ordering::Relaxed);
                            let state = b.states.0[e].clone();
                            let (p, occ) = (b.patterns[e].clone(), b.occurrences[e].clone());
                            (p, occ, state, b.offsets[e])
                        }
                        plan => {
                            let on = match plan {
                                Plan::On(p, r) => Some((p, r)),
                                _ => None,
                            };
                            let (p, state) = mine_resumable(src, on, &folded[k]);
                            let occ = Occurrences::build(&p.ids, p.templates.len());
                            (p, occ, Arc::new(state), src.offset)
                        }
                    };
                    let _ = tx.send((k, r));
                });
        });
        let mut done = 0;
        loop {
            match rx.recv_timeout(REPORT_EVERY) {
                Ok((k, r)) => {
                    results[k] = Some(r);
                    done += 1;
                }
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
            }
            let records = folded.iter().map(|f| f.load(Ordering::Relaxed)).sum();
            progress(Progress {
                done,
                total,
                records,
                of,
            });
        }
    });
    if latest.load(Ordering::Relaxed) != generation {
        return None;
    }
    let mut mined = Mined::default();
    for ((pane, src), r) in sources.iter().zip(results) {
        let (p, occ, state, offset) = r?;
        mined.panes.push(*pane);
        mined.patterns.push(p);
        mined.occurrences.push(occ);
        mined.offsets.push(offset);
        mined.reads.push(src.read);
        mined.states.0.push(state);
    }
    Some(mined)
}

/// Precursors over the panes that were mined, with `silent` and `source` as
/// pane numbers (`analysis` speaks in pane numbers too). `sources` are the
/// panes' current sources, so the windows follow the offsets set since.
pub fn precursors(
    sources: &[(usize, Source)],
    mined: &Mined,
    analysis: &Analysis,
) -> Vec<Precursor> {
    let by_pane = |p: usize| sources.iter().find(|(k, _)| *k == p).map(|(_, s)| s);
    let Some(srcs) = mined
        .panes
        .iter()
        .map(|&p| by_pane(p))
        .collect::<Option<Vec<&Source>>>()
    else {
        return Vec::new();
    };
    // The analysis numbers sources by pane; `find` by position in `srcs`.
    let mut a = analysis.clone();
    a.silences.retain_mut(|s| match mined.entry(s.source) {
        Some(k) => {
            s.source = k;
            true
        }
        None => false,
    });
    let mut out = crate::precursor::find(&srcs, &mined.patterns, &a, PRECURSOR_WINDOW);
    for p in &mut out {
        p.silent = mined.panes[p.silent];
        p.source = mined.panes[p.source];
    }
    out
}

/// The answer of a precursor job, shared with the views.
pub type Precursors = Arc<Vec<Precursor>>;
