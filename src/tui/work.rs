//! Jobs that read whole sources (filtering, searching) run on worker threads
//! and send back owned results tagged with a generation; the UI keeps only
//! the newest generation, and a worker stops early once it is superseded.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use regex::bytes::Regex;

use super::action::FilterKind;
use super::goroutine_view::{DumpKey, Shared};
use super::symbols::{self, SharedBinary};
use crate::headless::addr::DumpSymbols;
use crate::level::Level;
use crate::source::Source;
use crate::symbol::Resolved;

/// How often a worker checks whether its job is still wanted.
const CHECK_EVERY: usize = 1 << 16;

#[derive(Debug)]
pub enum Job {
    Filter {
        pane: usize,
        generation: u64,
        latest: Arc<AtomicU64>,
        source: Source,
        filters: Vec<(FilterKind, Regex)>,
        min_level: Option<Level>,
        /// Only records of this template: (the mined patterns, the pane's
        /// entry in them, the template id).
        template: Option<(Arc<super::mining::Mined>, usize, u32)>,
    },
    Search {
        pane: usize,
        generation: u64,
        latest: Arc<AtomicU64>,
        source: Source,
        regex: Regex,
        /// The same pattern for whole runs of records (see `chunk_regex`);
        /// None searches record by record.
        chunk: Option<Regex>,
        /// The first record at or after the cursor: searched first, and its
        /// first match reported early (`WorkDone::FirstMatch`), so the cursor
        /// can jump before a big source is searched to the end.
        from: usize,
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
    /// A dump's analysis (`goroutine_view::analyse`).
    Goroutines {
        key: DumpKey,
        similar: bool,
        generation: u64,
        analysis: Shared,
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
                let symbols = symbols::dump_symbols(&binary, &path, &analysis.0.dump);
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
                binary,
            } => Some(WorkDone::RecordAddresses {
                pane,
                record,
                resolved: symbols::resolve_all(&binary, &addresses),
            }),
            Job::Goroutines {
                key,
                similar,
                generation,
                source,
                range,
                time,
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
                let a = super::goroutine_view::analyse(
                    &source.name,
                    &source,
                    range,
                    time,
                    sim,
                    &mut report,
                );
                Some(WorkDone::Goroutines {
                    key,
                    similar,
                    generation,
                    analysis: Shared(Arc::new(a)),
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
            } => {
                let mut progress = |progress| {
                    early(WorkDone::PatternProgress {
                        generation,
                        progress,
                    })
                };
                let mined = super::mining::mine(&sources, generation, &latest, &mut progress)?;
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
            } => {
                let keep = |i: usize| {
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
                    if filters.is_empty() {
                        return true;
                    }
                    let bytes = source.record_bytes(i);
                    filters.iter().all(|(kind, re)| match kind {
                        FilterKind::In => re.is_match(bytes),
                        FilterKind::Out => !re.is_match(bytes),
                    })
                };
                let rows = collect(source.index.len(), generation, &latest, keep)?;
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
                regex,
                chunk,
                from,
            } => {
                let n = source.index.len();
                let from = from.min(n);
                let search = Search {
                    source: &source,
                    regex: &regex,
                    chunk: chunk.as_ref(),
                    generation,
                    latest: &latest,
                };
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

fn collect(
    n: usize,
    generation: u64,
    latest: &AtomicU64,
    keep: impl Fn(usize) -> bool,
) -> Option<Vec<u32>> {
    let mut rows = Vec::new();
    for i in 0..n {
        if i % CHECK_EVERY == 0 && latest.load(Ordering::Relaxed) != generation {
            return None;
        }
        if keep(i) {
            rows.push(i as u32);
        }
    }
    Some(rows)
}

/// The search pattern compiled for whole runs of records: `^` and `$` at every
/// line (CRLF too), so every record that matches on its own has a match that
/// starts inside it. None when the pattern could match only in a lone record
/// (`\A`, `\z`, inline flags that could turn multi-line off).
pub fn chunk_regex(pattern: &str, case_insensitive: bool) -> Option<Regex> {
    if pattern.contains("\\A") || pattern.contains("\\z") || pattern.contains("(?") {
        return None;
    }
    regex::bytes::RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .multi_line(true)
        .crlf(true)
        .build()
        .ok()
}

/// One search over one source.
struct Search<'a> {
    source: &'a Source,
    regex: &'a Regex,
    chunk: Option<&'a Regex>,
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
            match self.chunk {
                Some(chunk) => search_chunk(self.source, self.regex, chunk, at, end, rows),
                None => rows.extend(
                    (at..end)
                        .filter(|&i| self.regex.is_match(self.source.record_bytes(i)))
                        .map(|i| i as u32),
                ),
            }
            batch(rows);
            at = end;
        }
        Some(())
    }
}

/// The records in `lo..hi` matching `regex`, found by running `chunk` over
/// their mapped bytes at once (one call per match, not one per record). Each
/// hit is mapped to its record through the index and confirmed with `regex` on
/// that record alone, so the answer equals the record-by-record one.
fn search_chunk(
    source: &Source,
    regex: &Regex,
    chunk: &Regex,
    lo: usize,
    hi: usize,
    rows: &mut Vec<u32>,
) {
    let index = &source.index;
    let n = index.len();
    let offset = |i: usize| index.get(i).map_or(u64::MAX, |e| e.offset());
    let start = offset(lo);
    let end = if hi < n { offset(hi) } else { u64::MAX };
    let bytes = source.parts.slice(start, end);
    // The records must lie in one part (a slice stops at a part's end), in
    // file order (not a log written newest first, read reversed).
    if index.reversed() || (bytes.len() as u64) <= offset(hi - 1) - start {
        rows.extend(
            (lo..hi)
                .filter(|&i| regex.is_match(source.record_bytes(i)))
                .map(|i| i as u32),
        );
        return;
    }
    let mut i = lo;
    let mut pos = 0;
    while let Some(m) = chunk.find_at(bytes, pos) {
        let at = start + m.start() as u64;
        i = record_at(&offset, i, hi, at);
        if regex.is_match(source.record_bytes(i)) {
            rows.push(i as u32);
        }
        i += 1;
        if i >= hi {
            break;
        }
        pos = (offset(i) - start) as usize;
    }
}

/// The last record in `from..hi` that starts at or before byte `at`
/// (`offset(from) <= at`; offsets ascend).
fn record_at(offset: &impl Fn(usize) -> u64, from: usize, hi: usize, at: u64) -> usize {
    if from + 1 >= hi || offset(from + 1) > at {
        return from;
    }
    let (mut a, mut b) = (from + 1, hi);
    while b - a > 1 {
        let mid = a + (b - a) / 2;
        if offset(mid) <= at {
            a = mid;
        } else {
            b = mid;
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::index::Zone;
    use crate::source::{self, Input, LoadOptions, Settings, SourceSpec};

    fn source_of(text: &str) -> (tempfile::NamedTempFile, Source) {
        let mut f = tempfile::NamedTempFile::new().expect("temp file");
        f.write_all(text.as_bytes()).expect("write");
        let spec = SourceSpec {
            name: "t".into(),
            input: Input::Files(vec![f.path().to_path_buf()]),
            settings: Settings::default(),
        };
        let opts = LoadOptions {
            zone: Zone::Fixed(0),
            now: 1_700_000_000_000_000_000,
            levels: true,
        };
        let (parts, warnings) = source::open(&spec).expect("opens");
        let src = source::index(&spec, Arc::new(parts), warnings, &opts, |_| {});
        (f, src)
    }

    fn by_record(src: &Source, re: &Regex) -> Vec<u32> {
        (0..src.index.len())
            .filter(|&i| re.is_match(src.record_bytes(i)))
            .map(|i| i as u32)
            .collect()
    }

    #[test]
    fn chunk_search_equals_record_search() {
        let mut text = String::new();
        for k in 0..3000 {
            let level = ["INFO", "WARN", "ERROR"][k % 3];
            text.push_str(&format!(
                "2024-03-01T10:{:02}:{:02}Z {level} request {k} done\r\n",
                (k / 60) % 60,
                k % 60
            ));
            if k % 7 == 0 {
                text.push_str("java.lang.Oops: bad\n\tat foo.Bar(Bar.java:12)\n");
            }
        }
        text.push_str("2024-03-01T11:00:00Z ERROR ZZQ-needle-4711 at the end");
        let (_f, src) = source_of(&text);
        assert!(src.index.len() >= 3000);
        for pattern in [
            "ZZQ-needle-[0-9]+",
            "error",
            "^2024",
            "^\tat",
            "done$",
            "end$",
            r"done\s+java",
            r"Oops: bad\n\tat",
            "request 1\\d\\d done",
            "x*",
            "(?i)oops",
            r"\Ajava",
            "nothing-matches-this",
        ] {
            let ci = !pattern.chars().any(char::is_uppercase);
            let re = regex::bytes::RegexBuilder::new(pattern)
                .case_insensitive(ci)
                .build()
                .expect("valid");
            let want = by_record(&src, &re);
            let n = src.index.len();
            for from in [0, 1, n / 2, n - 1, n] {
                let job = Job::Search {
                    pane: 0,
                    generation: 1,
                    latest: Arc::new(AtomicU64::new(1)),
                    source: src.clone(),
                    regex: re.clone(),
                    chunk: chunk_regex(pattern, ci),
                    from,
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
            regex: Regex::new("a").expect("valid"),
            chunk: chunk_regex("a", true),
            from: 0,
        };
        assert_eq!(job.run(), None);
    }

    #[test]
    fn record_at_finds_the_containing_record() {
        let offs = [0u64, 10, 20, 30, 40];
        let off = |i: usize| offs[i];
        assert_eq!(record_at(&off, 0, 5, 0), 0);
        assert_eq!(record_at(&off, 0, 5, 9), 0);
        assert_eq!(record_at(&off, 0, 5, 10), 1);
        assert_eq!(record_at(&off, 0, 5, 35), 3);
        assert_eq!(record_at(&off, 2, 5, 99), 4);
    }
}
