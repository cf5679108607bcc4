//! Jobs that read whole sources (filtering, searching) run on worker threads
//! and send back owned results tagged with a generation; the UI keeps only
//! the newest generation, and a worker stops early once it is superseded.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::action::FilterKind;
use super::goroutine_view::{DumpKey, Parsed, Shared};
use super::symbols::{self, SharedBinary};
use crate::level::Level;
use crate::search::Pattern;
use crate::source::Source;
use crate::symbol::Resolved;
use crate::symbol::dump::DumpSymbols;

/// How often a worker checks whether its job is still wanted.
const CHECK_EVERY: usize = 1 << 16;

#[derive(Debug)]
pub enum Job {
    Filter {
        pane: usize,
        generation: u64,
        latest: Arc<AtomicU64>,
        source: Source,
        /// Each matched as written or as shown (`search::Pattern`).
        filters: Vec<(FilterKind, Pattern)>,
        min_level: Option<Level>,
        /// Only records of this template: (the mined patterns, the pane's
        /// entry in them, the template id).
        template: Option<(Arc<super::mining::Mined>, usize, u32)>,
        /// Rows filtered before by the same filters, valid for the records
        /// before the number given (a log read on since): only the records
        /// from there are filtered.
        from: Option<(Arc<Vec<u32>>, usize)>,
    },
    Search {
        pane: usize,
        generation: u64,
        latest: Arc<AtomicU64>,
        source: Source,
        /// Matched as written or as shown (`search::Pattern`).
        pattern: Pattern,
        /// The first record at or after the cursor: searched first, and its
        /// first match reported early (`WorkDone::FirstMatch`), so the cursor
        /// can jump before a big source is searched to the end.
        from: usize,
        /// Matches found before by the same search, valid for the records
        /// before the number given (a log read on since): only the records
        /// from there are searched.
        kept: Option<(Arc<Vec<u32>>, usize)>,
    },
    /// Every loaded source's silences (`silence::analyze`), from the index alone.
    Silences {
        generation: u64,
        /// (pane, source) for each pane with a source.
        sources: Vec<(usize, Source)>,
        /// `--min-silence` (the floor) and `--window` (nearby records).
        settings: crate::silence::Settings,
    },
    /// What `casefile silences` prints about an analysis (edge and nearby
    /// records), for the silence list; after the analysis, so `s` need not wait.
    SilenceReport {
        generation: u64,
        sources: Vec<(usize, Source)>,
        analysis: Arc<crate::silence::Analysis>,
        /// `--window`: how far from the start nearby records are taken.
        window: crate::time::Nanos,
    },
    /// Every loaded source's templates (`mining::mine`).
    Patterns {
        generation: u64,
        latest: Arc<AtomicU64>,
        sources: Vec<(usize, Source)>,
        /// What the last mining gave: sources not read since are not mined
        /// again, nor the records a log had before it grew.
        before: Option<Arc<super::mining::Mined>>,
    },
    /// Templates seen before most silences (`mining::precursors`).
    Precursors {
        generation: u64,
        sources: Vec<(usize, Source)>,
        mined: Arc<super::mining::Mined>,
        analysis: Arc<crate::silence::Analysis>,
    },
    /// A goroutine dump (a dump pane, or a panic record's bytes) parsed and grouped.
    Goroutines {
        key: DumpKey,
        similar: bool,
        generation: u64,
        source: Source,
        /// The record's bytes (a panic inside a log); None: the whole source.
        range: Option<(u64, u64)>,
        time: Option<crate::goroutine::when::DumpTime>,
        /// The source's dumps, read before: grouped, not read again.
        parsed: Option<Arc<Parsed>>,
    },
    /// `--binary`: the program's binary opened and parsed.
    OpenBinary { path: std::path::PathBuf },
    /// An analysed dump's addresses resolved with the binary.
    DumpSymbols {
        key: DumpKey,
        similar: bool,
        analysis: Shared,
        binary: SharedBinary,
        path: std::path::PathBuf,
    },
    /// The code addresses in one log record resolved with the binary.
    RecordAddresses {
        pane: usize,
        record: usize,
        addresses: Vec<u64>,
        /// The functions the record's frames name (`symbol::record_functions`).
        named: Vec<String>,
        binary: SharedBinary,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum WorkDone {
    Visible {
        pane: usize,
        generation: u64,
        rows: Arc<Vec<u32>>,
    },
    Matches {
        pane: usize,
        generation: u64,
        rows: Arc<Vec<u32>>,
    },
    /// The first match at or after record `from` (None: none after it), sent
    /// before the rest of the source is searched.
    FirstMatch {
        pane: usize,
        generation: u64,
        from: usize,
        rec: Option<u32>,
    },
    /// The silence analysis, its `Silence::source` already a pane number.
    Silences {
        generation: u64,
        analysis: Arc<crate::silence::Analysis>,
    },
    /// The report on the analysis of that generation (`silence_list::report`).
    SilenceReport {
        generation: u64,
        report: Arc<crate::headless::silences::Report>,
    },
    /// Sources mined so far, sent as each finishes.
    PatternProgress {
        generation: u64,
        progress: super::mining::Progress,
    },
    Patterns {
        generation: u64,
        mined: Arc<super::mining::Mined>,
    },
    /// Precursors, their sources pane numbers.
    Precursors {
        generation: u64,
        precursors: super::mining::Precursors,
    },
    /// What the worker analysing a dump is doing, sent as it goes.
    GoroutineProgress {
        key: DumpKey,
        similar: bool,
        generation: u64,
        step: super::goroutine_view::Step,
    },
    /// A dump's analysis (`goroutine_view::analyse`), and the source's
    /// dumps when the worker read them for it.
    Goroutines {
        key: DumpKey,
        similar: bool,
        generation: u64,
        analysis: Shared,
        parsed: Option<Arc<Parsed>>,
    },
    /// The binary opened, or why not.
    Binary(Result<SharedBinary, String>),
    /// What the binary says about the dump analysed as `analysis`.
    DumpSymbols {
        key: DumpKey,
        similar: bool,
        analysis: Shared,
        symbols: Arc<DumpSymbols>,
    },
    /// A record's code addresses resolved (those inside the binary's code).
    RecordAddresses {
        pane: usize,
        record: usize,
        resolved: Vec<Resolved>,
    },
}

impl Job {
    /// Runs the job; None when a newer job made it pointless.
    pub fn run(self) -> Option<WorkDone> {
        self.run_with(&mut |_| {})
    }

    /// Runs the job, handing partial results (`FirstMatch`) to `early` as
    /// soon as they are known; returns the final result.
    pub fn run_with(self, early: &mut dyn FnMut(WorkDone)) -> Option<WorkDone> {
        match self {
            Job::OpenBinary { path } => Some(WorkDone::Binary(symbols::open(&path))),
            Job::DumpSymbols {
                key,
                similar,
                analysis,
                binary,
                path,
            } => {
                let symbols = symbols::dump_symbols(&binary, &path, &analysis.0);
                Some(WorkDone::DumpSymbols {
                    key,
                    similar,
                    analysis,
                    symbols: Arc::new(symbols),
                })
            }
            Job::RecordAddresses {
                pane,
                record,
                addresses,
                named,
                binary,
            } => {
                let mut resolved = symbols::resolve_all(&binary, &addresses);
                crate::symbol::mark_unnamed(&mut resolved, &named);
                Some(WorkDone::RecordAddresses {
                    pane,
                    record,
                    resolved,
                })
            }
            Job::Goroutines {
                key,
                similar,
                generation,
                source,
                range,
                time,
                parsed,
            } => {
                let sim = if similar {
                    crate::goroutine::Similarity::Similar
                } else {
                    crate::goroutine::Similarity::Exact
                };
                let mut report = |step| {
                    early(WorkDone::GoroutineProgress {
                        key,
                        similar,
                        generation,
                        step,
                    })
                };
                let (a, parsed) = super::goroutine_view::analyse(
                    &source.name,
                    &source,
                    range,
                    key.part,
                    time,
                    sim,
                    parsed,
                    &mut report,
                );
                Some(WorkDone::Goroutines {
                    key,
                    similar,
                    generation,
                    analysis: Shared(Arc::new(a)),
                    parsed,
                })
            }
            Job::Silences {
                generation,
                sources,
                settings,
            } => {
                let srcs: Vec<&Source> = sources.iter().map(|(_, s)| s).collect();
                let mut analysis = crate::silence::analyze(&srcs, settings.floor);
                for s in &mut analysis.silences {
                    s.source = sources[s.source].0;
                }
                Some(WorkDone::Silences {
                    generation,
                    analysis: Arc::new(analysis),
                })
            }
            Job::SilenceReport {
                generation,
                sources,
                analysis,
                window,
            } => Some(WorkDone::SilenceReport {
                generation,
                report: Arc::new(super::silence_list::report(&sources, &analysis, window)),
            }),
            Job::Patterns {
                generation,
                latest,
                sources,
                before,
            } => {
                let mut progress = |progress| {
                    early(WorkDone::PatternProgress {
                        generation,
                        progress,
                    })
                };
                let mined = super::mining::mine(
                    &sources,
                    before.as_deref(),
                    generation,
                    &latest,
                    &mut progress,
                )?;
                Some(WorkDone::Patterns {
                    generation,
                    mined: Arc::new(mined),
                })
            }
            Job::Precursors {
                generation,
                sources,
                mined,
                analysis,
            } => Some(WorkDone::Precursors {
                generation,
                precursors: Arc::new(super::mining::precursors(&sources, &mined, &analysis)),
            }),
            Job::Filter {
                pane,
                generation,
                latest,
                source,
                filters,
                min_level,
                template,
                from,
            } => {
                let keep = |shown: &mut crate::search::Shown, i: usize| {
                    if let Some((mined, k, t)) = &template
                        && mined.patterns.get(*k).and_then(|p| p.ids.get(i)) != Some(t)
                    {
                        return false;
                    }
                    if let Some(min) = min_level {
                        match source.index.get(i).and_then(|e| e.level()) {
                            Some(l) if l >= min => {}
                            _ => return false,
                        }
                    }
                    filters.iter().all(|(kind, p)| match kind {
                        FilterKind::In => p.is_match(&source, i, shown),
                        FilterKind::Out => !p.is_match(&source, i, shown),
                    })
                };
                // Rows kept from before: those of records before `start`.
                let (mut rows, start) = match from {
                    Some((rows, upto)) => (before(&rows, upto), upto),
                    None => (Vec::new(), 0),
                };
                rows.extend(collect(
                    start..source.index.len(),
                    generation,
                    &latest,
                    keep,
                )?);
                Some(WorkDone::Visible {
                    pane,
                    generation,
                    rows: Arc::new(rows),
                })
            }
            Job::Search {
                pane,
                generation,
                latest,
                source,
                pattern,
                from,
                kept,
            } => {
                let n = source.index.len();
                let from = from.min(n);
                let search = Search {
                    source: &source,
                    pattern: &pattern,
                    generation,
                    latest: &latest,
                };
                if let Some((kept, upto)) = kept {
                    let mut rows = before(&kept, upto);
                    search.range(upto, n, &mut rows, &mut |_| {})?;
                    let at = rows.partition_point(|&r| (r as usize) < from);
                    early(WorkDone::FirstMatch {
                        pane,
                        generation,
                        from,
                        rec: rows.get(at).copied(),
                    });
                    return Some(WorkDone::Matches {
                        pane,
                        generation,
                        rows: Arc::new(rows),
                    });
                }
                // From the cursor to the end first, then the records before it.
                let mut after = Vec::new();
                let mut reported = false;
                search.range(from, n, &mut after, &mut |rows| {
                    if let (false, Some(&rec)) = (reported, rows.first()) {
                        reported = true;
                        early(WorkDone::FirstMatch {
                            pane,
                            generation,
                            from,
                            rec: Some(rec),
                        });
                    }
                })?;
                if !reported {
                    early(WorkDone::FirstMatch {
                        pane,
                        generation,
                        from,
                        rec: None,
                    });
                }
                let mut rows = Vec::new();
                search.range(0, from, &mut rows, &mut |_| {})?;
                rows.extend(after);
                Some(WorkDone::Matches {
                    pane,
                    generation,
                    rows: Arc::new(rows),
                })
            }
        }
    }
}

/// The records for which `keep` holds, a run of `CHECK_EVERY` at a time
/// (each on rayon's threads); None once superseded.
/// The rows before record `upto` (rows ascend).
fn before(rows: &[u32], upto: usize) -> Vec<u32> {
    rows[..rows.partition_point(|&r| (r as usize) < upto)].to_vec()
}

fn collect(
    records: std::ops::Range<usize>,
    generation: u64,
    latest: &AtomicU64,
    keep: impl Fn(&mut crate::search::Shown, usize) -> bool + Sync,
) -> Option<Vec<u32>> {
    let mut rows = Vec::new();
    let n = records.end;
    for lo in records.step_by(CHECK_EVERY) {
        if latest.load(Ordering::Relaxed) != generation {
            return None;
        }
        let hi = (lo + CHECK_EVERY).min(n);
        rows.extend(crate::search::keep_par(lo..hi, &keep));
    }
    Some(rows)
}

/// One search over one source.
struct Search<'a> {
    source: &'a Source,
    pattern: &'a Pattern,
    generation: u64,
    latest: &'a AtomicU64,
}

impl Search<'_> {
    /// Appends the records in `lo..hi` matching the pattern to `rows`, calling
    /// `batch(rows)` after every run of records; None once superseded.
    fn range(
        &self,
        lo: usize,
        hi: usize,
        rows: &mut Vec<u32>,
        batch: &mut dyn FnMut(&[u32]),
    ) -> Option<()> {
        let mut at = lo;
        while at < hi {
            if self.latest.load(Ordering::Relaxed) != self.generation {
                return None;
            }
            let end = (at + CHECK_EVERY).min(hi);
            self.pattern.matching(self.source, at, end, rows);
            batch(rows);
            at = end;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::test_support::source_of;

    /// The whole search (early answer, then every match) equals matching
    /// each record on its own, from any cursor.
    #[test]
    fn search_reports_the_first_match_after_the_cursor_then_all() {
        let mut text = String::new();
        for k in 0..3000 {
            let level = ["INFO", "WARN", "ERROR"][k % 3];
            text.push_str(&format!(
                "2024-03-01T10:{:02}:{:02}Z {level} request {k} done\n",
                (k / 60) % 60,
                k % 60
            ));
        }
        let (_f, src) = source_of(&text);
        for pattern in ["request 1\\d\\d done", "^request 7", "nothing-matches-this"] {
            let p = Pattern::new(pattern, true).expect("valid");
            let mut shown = crate::search::Shown::default();
            let want: Vec<u32> = (0..src.index.len())
                .filter(|&i| p.is_match(&src, i, &mut shown))
                .map(|i| i as u32)
                .collect();
            let n = src.index.len();
            for from in [0, 1, n / 2, n - 1, n] {
                let job = Job::Search {
                    pane: 0,
                    generation: 1,
                    latest: Arc::new(AtomicU64::new(1)),
                    source: src.clone(),
                    pattern: p.clone(),
                    from,
                    kept: None,
                };
                let mut first = Vec::new();
                let done = job.run_with(&mut |d| first.push(d));
                let Some(WorkDone::Matches { rows, .. }) = done else {
                    panic!("pattern {pattern:?}: no result");
                };
                assert_eq!(*rows, want, "pattern {pattern:?} from {from}");
                let expect = want.iter().copied().find(|&r| r as usize >= from);
                assert_eq!(
                    first,
                    vec![WorkDone::FirstMatch {
                        pane: 0,
                        generation: 1,
                        from,
                        rec: expect
                    }],
                    "pattern {pattern:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn superseded_search_stops() {
        let (_f, src) = source_of("2024-03-01T10:00:00Z INFO a\n");
        let latest = Arc::new(AtomicU64::new(2));
        let job = Job::Search {
            pane: 0,
            generation: 1,
            latest,
            source: src,
            pattern: Pattern::new("a", true).expect("valid"),
            from: 0,
            kept: None,
        };
        assert_eq!(job.run(), None);
    }
}
