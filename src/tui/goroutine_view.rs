//! The goroutine view's state and what it derives from an analysis: read by
//! `update/goroutines.rs` (which changes it) and `view/goroutines.rs` (which
//! draws it), so neither imports the other.
//!
//! A dump is parsed and grouped by a worker (`Job::Goroutines`); the result
//! is kept per dump and grouping, so switching between views, grouping modes
//! and back costs nothing. A source is read once: every dump found in it is
//! kept (`Parsed`), and another of them (`{` `}`) or another grouping is
//! grouped from what was read, by a worker too.

use std::collections::HashMap;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::app::ListState;
use crate::goroutine::diff::Diff;
use crate::goroutine::rank::own_frame;
use crate::goroutine::when::DumpTime;
use crate::goroutine::{Dump, Group, Similarity};
use crate::headless::goroutines::Analysis;
use crate::symbol::dump::DumpSymbols;
use crate::time::Nanos;

/// Which dump: a dump pane's whole source, or one record of a log pane
/// (a Go panic printed inside a log); of a source holding several dumps (a
/// profile, then a panic), which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DumpKey {
    pub pane: usize,
    pub record: Option<usize>,
    /// Which of the source's dumps, from 0; None: its last, the program's
    /// latest state (the one the file's time dates and the diff compares).
    pub part: Option<usize>,
}

impl DumpKey {
    /// The last (or only) dump of a pane's whole source.
    pub fn pane(pane: usize) -> DumpKey {
        DumpKey {
            pane,
            record: None,
            part: None,
        }
    }
}

/// What the view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Groups,
    Locks,
    /// Two dumps of one program: what grew and shrank.
    Diff,
}

/// The goroutine view's keys (plain data, like every action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoAction {
    /// From the panes: the focused dump's view (or the panic at the cursor);
    /// from the view: back to the raw pane.
    Toggle,
    /// `Esc`: clear a kept filter; without one, as `Toggle`.
    Back,
    /// Show or fold the standard library's idle groups.
    Unfold,
    /// Select the panicking goroutine's group.
    Panic,
    /// Exact or similar grouping.
    Similarity,
    /// The next (+1) or previous (-1) section: groups, lock groups, diff.
    Section(i64),
    /// Start typing the fuzzy filter.
    Filter,
    /// A note on the selected group (the notes editor opens).
    Note,
    /// The next (+1) or previous (-1) dump of a source holding several.
    Dump(i64),
    /// The panes to when the selected group's longest wait began.
    WaitBegan,
}

/// The view's state (it lives in `Mode::Goroutines`).
#[derive(Debug, Clone, PartialEq)]
pub struct GoroutineView {
    pub key: DumpKey,
    pub similar: bool,
    pub section: Section,
    pub list: ListState,
    /// Idle standard-library groups shown.
    pub unfold: bool,
    /// Fuzzy filter over the groups' function and package names.
    pub filter: String,
    /// Keys type into the filter.
    pub typing: bool,
    /// The group selected in the dump shown before, to select its like once
    /// this dump's analysis is there (`follow`).
    pub follow: Option<Follow>,
}

impl GoroutineView {
    pub fn new(key: DumpKey) -> GoroutineView {
        GoroutineView {
            key,
            similar: false,
            section: Section::Groups,
            list: ListState::default(),
            unfold: false,
            filter: String::new(),
            typing: false,
            follow: None,
        }
    }

    pub fn similarity(&self) -> Similarity {
        if self.similar {
            Similarity::Similar
        } else {
            Similarity::Exact
        }
    }
}

/// Every dump of one source (or one record of it), as a worker read them,
/// in input order (`Dump::split`).
#[derive(Debug)]
pub struct Parsed {
    pub dumps: Vec<Arc<Dump>>,
}

impl Parsed {
    /// Dump `part` (None or past the end: the last), and whether it is the last.
    pub fn dump(&self, part: Option<usize>) -> (Arc<Dump>, bool) {
        let n = self.dumps.len();
        let k = part.filter(|&k| k < n).unwrap_or(n.saturating_sub(1));
        (self.dumps.get(k).cloned().unwrap_or_default(), k + 1 >= n)
    }
}

impl PartialEq for Parsed {
    /// The same dumps, not equal ones: a worker's answer holds what it read.
    fn eq(&self, other: &Self) -> bool {
        self.dumps.len() == other.dumps.len()
            && self
                .dumps
                .iter()
                .zip(&other.dumps)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// An analysis shared between the worker's answer and the app; compared by
/// identity (the answer carries it, tests compare answers).
#[derive(Debug, Clone)]
pub struct Shared(pub Arc<Analysis>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug, Clone)]
pub enum Slot {
    /// A worker is parsing it (`bytes` long: the view says how much), and
    /// the last step it reported.
    Pending {
        generation: u64,
        bytes: u64,
        step: Option<Step>,
    },
    Ready(Arc<Analysis>),
}

/// What the worker analysing a dump is doing, sent as it goes: a dump of
/// hundreds of MB takes seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the goroutines: bytes parsed of all.
    Parsing { parsed: u64, total: u64 },
    /// Grouping the goroutines by stack, ranking the groups, finding the
    /// goroutines blocked on one object.
    Grouping { goroutines: u64 },
}

/// How often the worker says how far the parse is.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// An analysis and what `--binary` said about it (None: a worker is asking).
pub type SymbolsOf = (Shared, Option<Arc<DumpSymbols>>);

/// Whose bytes a dump is read from: a pane's source, or one of its records.
pub type SourceOf = (usize, Option<usize>);

/// Every dump analysed so far, by dump and grouping (`true`: similar).
#[derive(Debug, Default)]
pub struct Dumps {
    pub slots: HashMap<(DumpKey, bool), Slot>,
    /// Diffs of two dump panes (old, new, similar), computed once both are read.
    pub diffs: HashMap<(usize, usize, bool), Arc<Diff>>,
    /// `--set NAME.time=` of each pane, by pane (the loader does not carry it).
    pub set_times: Vec<Option<Nanos>>,
    /// The time each dump pane was placed at (panes left untimed are absent).
    pub times: HashMap<usize, crate::goroutine::when::DumpTime>,
    /// The view opened by itself once (only dumps open): not again.
    pub opened: bool,
    /// Each source's dumps as read, by (pane, record): analyses of any of
    /// them, at any grouping, start from these.
    pub parsed: HashMap<SourceOf, Arc<Parsed>>,
    /// How many times a worker read a source's bytes into dumps.
    pub parses: u64,
    /// Sources (pane, record) a worker is reading, and the analyses asked
    /// for meanwhile (pending, no job yet): they start from that read.
    pub reading: HashMap<SourceOf, Vec<(DumpKey, bool)>>,
    /// With `--binary`: each analysis's addresses resolved (None: asked),
    /// with the analysis they belong to.
    pub symbols: HashMap<(DumpKey, bool), SymbolsOf>,
    /// A profile of addresses alone was told of `--binary` (once a session).
    pub told_addresses_only: bool,
}

impl Dumps {
    /// Forgets what was read and analysed of pane `p`'s dumps (its source is
    /// read again: another dump may be in the file now).
    pub fn forget(&mut self, p: usize) {
        self.slots.retain(|(k, _), _| k.pane != p);
        self.diffs.retain(|&(a, b, _), _| a != p && b != p);
        self.times.remove(&p);
        self.parsed.retain(|&(pane, _), _| pane != p);
        self.reading.retain(|&(pane, _), _| pane != p);
        self.symbols.retain(|(k, _), _| k.pane != p);
    }

    pub fn ready(&self, key: DumpKey, similar: bool) -> Option<&Arc<Analysis>> {
        match self.slots.get(&(key, similar))? {
            Slot::Ready(a) => Some(a),
            Slot::Pending { .. } => None,
        }
    }

    /// When a whole dump pane was taken: where it was placed beside the
    /// other sources, else what its analysis was dated by (its log line).
    pub fn time_of(&self, pane: usize, similar: bool) -> Option<DumpTime> {
        let key = DumpKey::pane(pane);
        self.times
            .get(&pane)
            .copied()
            .or_else(|| self.ready(key, similar)?.time)
    }

    /// Both dumps' times of the diff `old` → `new`, and how much later the
    /// new one was taken (`when::interval`, as `goroutines --diff` says it).
    pub fn diff_times(&self, old: usize, new: usize, similar: bool) -> DiffTimes {
        let (before, after) = (self.time_of(old, similar), self.time_of(new, similar));
        DiffTimes {
            before,
            after,
            interval: crate::goroutine::when::interval(before, after),
        }
    }

    /// What `--binary` says about the analysis `ready` gives.
    pub fn symbols(&self, key: DumpKey, similar: bool) -> Option<&DumpSymbols> {
        let a = self.ready(key, similar)?;
        match self.symbols.get(&(key, similar))? {
            (Shared(of), Some(s)) if Arc::ptr_eq(of, a) => Some(s),
            _ => None,
        }
    }
}

/// When the two dumps of a diff were taken (None: not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffTimes {
    pub before: Option<DumpTime>,
    pub after: Option<DumpTime>,
    pub interval: Option<Nanos>,
}

/// The groups the view lists (indices into `Analysis::ranked`), and how many
/// idle groups and goroutines it folds away.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub ranked: Vec<usize>,
    pub folded_groups: u64,
    pub folded_goroutines: u64,
}

/// The function names a group's filter looks at: its frames and its creator.
fn functions<'a>(a: &'a Analysis, g: &'a Group) -> impl Iterator<Item = &'a str> + 'a {
    let d = &a.dump;
    d.stacks[g.stack as usize]
        .frames
        .iter()
        .chain(g.created_by.iter())
        .map(move |&f| d.name(d.frame(f).function))
}

/// The listed groups, in rank order: those the filter matches, the idle
/// ones folded unless unfolded (a panicking group is never folded).
pub fn group_rows(a: &Analysis, v: &GoroutineView) -> Rows {
    let matcher = SkimMatcherV2::default();
    let mut rows = Rows::default();
    for (k, r) in a.ranked.iter().enumerate() {
        let g = &a.groups[r.group];
        if !v.filter.is_empty()
            && !functions(a, g).any(|f| matcher.fuzzy_match(f, &v.filter).is_some())
        {
            continue;
        }
        if r.idle && !r.panicking && !v.unfold {
            rows.folded_groups += 1;
            rows.folded_goroutines += g.count;
            continue;
        }
        rows.ranked.push(k);
    }
    rows
}

/// A group, as another dump of the same source may hold its like: its
/// stack's functions and the function it is read by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    functions: Vec<String>,
    headline: String,
}

impl Follow {
    /// The group listed at `row` (past the end: the last, as drawn), if any.
    pub fn of(a: &Analysis, rows: &Rows, row: usize) -> Option<Follow> {
        let row = row.min(rows.ranked.len().saturating_sub(1));
        let g = &a.groups[a.ranked[*rows.ranked.get(row)?].group];
        Some(Follow {
            functions: stack_functions(a, g),
            headline: headline(a, g),
        })
    }

    /// The row to select in another dump's `rows`: a group of the same
    /// functions, else one read by the same function, else the panicking
    /// goroutine's, else the first.
    pub fn row(&self, a: &Analysis, rows: &Rows) -> usize {
        let group = |k: &usize| &a.groups[a.ranked[*k].group];
        rows.ranked
            .iter()
            .position(|k| stack_functions(a, group(k)) == self.functions)
            .or_else(|| {
                rows.ranked
                    .iter()
                    .position(|k| headline(a, group(k)) == self.headline)
            })
            .or_else(|| panic_row(a, rows))
            .unwrap_or(0)
    }
}

fn stack_functions(a: &Analysis, g: &Group) -> Vec<String> {
    let d = &a.dump;
    d.stacks[g.stack as usize]
        .frames
        .iter()
        .map(|&f| d.name(d.frame(f).function).to_string())
        .collect()
}

/// The row of the panicking goroutine's group, if the dump has one and it is listed.
pub fn panic_row(a: &Analysis, rows: &Rows) -> Option<usize> {
    rows.ranked.iter().position(|&k| a.ranked[k].panicking)
}

/// The function a group is read by: the first frame of the program's own
/// code, else its top frame.
pub fn headline(a: &Analysis, g: &Group) -> String {
    let d = &a.dump;
    own_frame(d, g)
        .or_else(|| d.stacks[g.stack as usize].frames.first().copied())
        .map_or_else(|| "?".into(), |f| d.name(d.frame(f).function).to_string())
}

/// `4 min`, `0–4 min`, or empty when no member waited a minute.
pub fn wait_range(lo: u32, hi: u32) -> String {
    match (lo, hi) {
        (_, 0) => String::new(),
        (lo, hi) if lo == hi => format!("{hi} min"),
        (lo, hi) => format!("{lo}–{hi} min"),
    }
}

/// The (old, new) dump panes the diff compares: the viewed pane and another
/// dump pane, the earlier-dated (else the earlier pane) first.
pub fn diff_pair(dumps: &[(usize, Option<Nanos>)], viewed: usize) -> Option<(usize, usize)> {
    let me = dumps.iter().find(|d| d.0 == viewed)?;
    let other = dumps.iter().find(|d| d.0 != viewed)?;
    let older = |a: &(usize, Option<Nanos>), b: &(usize, Option<Nanos>)| match (a.1, b.1) {
        (Some(x), Some(y)) if x != y => x < y,
        _ => a.0 < b.0,
    };
    Some(if older(me, other) {
        (me.0, other.0)
    } else {
        (other.0, me.0)
    })
}

/// Groups, ranks and finds the lock groups of one of a source's dumps
/// (`part`; None: its last), reading the source first unless `parsed` holds
/// its dumps: the worker's part (a million goroutines take seconds), saying
/// what it is doing to `report` as it goes. The same analysis `casefile
/// goroutines` prints. Returns what it read, when it read the source.
#[allow(clippy::too_many_arguments)]
pub fn analyse(
    name: &str,
    source: &crate::source::Source,
    range: Option<(u64, u64)>,
    part: Option<usize>,
    time: Option<crate::goroutine::when::DumpTime>,
    similarity: Similarity,
    parsed: Option<Arc<Parsed>>,
    report: &mut dyn FnMut(Step),
) -> (Analysis, Option<Arc<Parsed>>) {
    let (parsed, read) = match parsed {
        Some(p) => (p, false),
        None => (Arc::new(read(source, range, report)), true),
    };
    // A file of several dumps (a profile, then a panic) shows its last
    // unless another is asked for: the program's latest state, the one its
    // time says. The view's title says which it is.
    let (dump, last) = parsed.dump(part);
    // As `casefile goroutines` dates it: a dump inside a log by its log line.
    use crate::goroutine::when;
    let log_line = || {
        let offset = range.map_or(0, |r| r.0) + when::anchor(&dump)?;
        when::record_time(source, offset)
    };
    let time = match time {
        Some(t) => Some(t),
        None if dump.embedded => {
            // The file's time is when its last dump was written.
            let mtime = source.parts.0.last().and_then(|p| p.mtime).filter(|_| last);
            when::decide(None, log_line(), mtime, None).time()
        }
        None => None,
    };
    report(Step::Grouping {
        goroutines: dump.total(),
    });
    let a = Analysis::new(name.to_string(), dump, time, similarity);
    (a, read.then_some(parsed))
}

/// Reads a source's bytes (or a record's) into its dumps, saying how far
/// it is to `report`.
fn read(
    source: &crate::source::Source,
    range: Option<(u64, u64)>,
    report: &mut dyn FnMut(Step),
) -> Parsed {
    use std::borrow::Cow;
    use std::sync::atomic::{AtomicU64, Ordering};
    let parts = &source.parts.0;
    let format = &source.detection.format;
    let data: Cow<'_, [u8]> = match (range, parts.as_slice()) {
        (Some((start, end)), _) => {
            // A panic whose capturer dated each line: its record may be the
            // first piece of it (see `format::records`).
            let after = source.parts.slice(start, source.parts.total_len());
            let end = crate::goroutine::captured::trace_end(format, after, (end - start) as usize);
            Cow::Borrowed(&after[..end.min(after.len())])
        }
        (None, [one]) => Cow::Borrowed(&one.data[..one.safe_len()]),
        (None, many) => Cow::Owned(
            many.iter()
                .flat_map(|p| p.data[..p.safe_len()].iter().copied())
                .collect(),
        ),
    };
    let total = data.len() as u64;
    let parsed = AtomicU64::new(0);
    report(Step::Parsing { parsed: 0, total });
    // The parse runs beside this thread, which says how far it is.
    let dump = std::thread::scope(|scope| {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let (data, parsed) = (&data, &parsed);
        scope.spawn(move || {
            let _ = tx.send(crate::goroutine::captured::parse_log_counting(
                format, data, parsed,
            ));
        });
        loop {
            match rx.recv_timeout(PROGRESS_EVERY) {
                Ok(dump) => break dump,
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => report(Step::Parsing {
                    parsed: parsed.load(Ordering::Relaxed).min(total),
                    total,
                }),
                // The parser panicked: the scope passes the panic on.
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                    break crate::goroutine::Dump::default();
                }
            }
        }
    });
    report(Step::Parsing {
        parsed: total,
        total,
    });
    let mut dumps = dump.split(&data);
    // A record's lines count from the file's start, as its whole file's do.
    let lines_before = range.map(|(start, _)| lines_before(&source.parts, start));
    // A rotated set: as `casefile goroutines --rotated` names them (its
    // files' lines counted once for all its dumps).
    let before_each =
        (parts.len() > 1).then(|| crate::headless::goroutines::lines_before_each(&source.parts));
    for d in &mut dumps {
        if let Some(lines) = lines_before {
            crate::headless::goroutines::count_from_file_start(d, lines);
        }
        if let Some(before) = &before_each {
            crate::headless::goroutines::name_files(d, &source.parts, before);
        }
    }
    Parsed {
        dumps: dumps.into_iter().map(Arc::new).collect(),
    }
}

/// How many lines of a source (a rotated set read as one text) come before
/// the byte at `offset`.
fn lines_before(parts: &crate::source::Parts, offset: u64) -> u64 {
    parts
        .0
        .iter()
        .filter(|p| p.base < offset)
        .map(|p| {
            let end = ((offset - p.base) as usize).min(p.safe_len());
            memchr::memchr_iter(b'\n', &p.data[..end]).count() as u64
        })
        .sum()
}

/// When the dump shown was taken: a pane's time is its last dump's; an
/// earlier dump's is its own.
pub fn dump_time(app: &super::app::App, v: &GoroutineView, a: &Analysis) -> Option<DumpTime> {
    match v.key.record {
        None if v.key.part.is_none() => app.dumps.time_of(v.key.pane, v.similar),
        _ => a.time,
    }
}
