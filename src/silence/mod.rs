//! Silences: stretches in which a source says nothing for longer than its own
//! rhythm explains (`detect`), ranked by how telling they are (`rank`), with
//! what the other sources said at that moment (`correlate`).
//!
//! This is casefile's one definition of "quiet": a source is silent at `t` when
//! `t` falls inside one of its silences (`Analysis::silent_at`); the panes' and
//! `show`'s "quiet for" label is `Analysis::quiet`. Everything here
//! reads the index only; `correlate` is the one part that reads log bytes.

pub mod correlate;
pub mod detect;
pub mod rank;

use rayon::prelude::*;

pub use detect::{DEFAULT_FLOOR, Gap};
pub use rank::{Alone, Company};

use crate::source::Source;
use crate::time::Nanos;

/// What the user chose for the analysis (`--min-silence`, `--window`), for the
/// screen as for `casefile silences`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// No gap shorter than this is a silence.
    pub floor: Nanos,
    /// Other sources' records this close to a silence's start are its company.
    pub window: Nanos,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            floor: DEFAULT_FLOOR,
            window: correlate::DEFAULT_WINDOW,
        }
    }
}

/// One ranked silence of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Silence {
    /// Index of the source in the list analysed.
    pub source: usize,
    pub gap: Gap,
    pub company: Company,
    pub score: f64,
}

impl Silence {
    /// The source never logged again (the gap runs to the end of the incident).
    pub fn open(&self) -> bool {
        self.gap.after.is_none()
    }

    /// How far `t` (inside this silence) is from the source's nearest record:
    /// the last one before, or the first one after when it came back.
    pub fn quiet_at(&self, t: Nanos) -> Nanos {
        let since = t.saturating_sub(self.gap.start);
        match self.gap.after {
            Some(_) => since.min(self.gap.end.saturating_sub(t)),
            None => since,
        }
    }
}

/// Every source's silences, ranked, and the stretches when every source was quiet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Highest score first, those alone at their start (`Company::alone`)
    /// after all the others; ties by start time.
    pub silences: Vec<Silence>,
    /// Stretches in which no source logged (silences nobody else logged through), by start.
    pub quiet_periods: Vec<(Nanos, Nanos)>,
}

impl Analysis {
    /// The silence of `source` that `t` falls in, if any.
    pub fn silent_at(&self, source: usize, t: Nanos) -> Option<&Silence> {
        self.silences
            .iter()
            .find(|s| s.source == source && s.gap.start < t && t < s.gap.end)
    }

    /// "Quiet for": how far `source`'s nearest record is from `t`, when `t`
    /// falls in one of its silences. A sparse source's normal rhythm is not
    /// quiet, nor is a time before a source begins.
    pub fn quiet(&self, source: usize, t: Nanos) -> Option<Nanos> {
        self.silent_at(source, t).map(|s| s.quiet_at(t))
    }

    /// Silences in time order (the order a "next silence" key walks).
    pub fn by_time(&self) -> Vec<&Silence> {
        let mut v: Vec<&Silence> = self.silences.iter().collect();
        v.sort_by_key(|s| (s.gap.start, s.source));
        v
    }
}

/// A source's records with a time of their own: (record, time with offset).
pub fn own_times(src: &Source) -> impl Iterator<Item = (usize, Nanos)> + '_ {
    let off = src.offset;
    src.index
        .iter_from(0)
        .filter(|(_, e)| e.own_time())
        .map(move |(i, e)| (i, e.time() + off))
}

/// The end of the incident: the last record of any source.
pub fn incident_end(sources: &[&Source]) -> Option<Nanos> {
    sources.iter().filter_map(|s| s.last_time()).max()
}

/// The silences of one source, unranked (cheap enough to run per source after indexing).
/// A goroutine dump placed in time is a snapshot taken at one moment, not a
/// log that can fall silent.
pub fn detect_source(src: &Source, end: Option<Nanos>, floor: Nanos) -> Vec<Gap> {
    if src.detection.format == crate::format::Format::GoDump {
        return Vec::new();
    }
    detect::gaps(own_times(src), end, floor)
}

impl rank::Timeline for &Source {
    fn first(&self) -> Option<Nanos> {
        self.first_time()
    }
    fn last(&self) -> Option<Nanos> {
        self.last_time()
    }
    fn logs_between(&self, a: Nanos, b: Nanos) -> bool {
        self.at_or_after(a)
            .and_then(|i| self.time(i))
            .is_some_and(|t| t <= b)
    }
}

/// Detects (one source per core) and ranks every source's silences. `floor`:
/// no gap shorter than this is a silence.
pub fn analyze(sources: &[&Source], floor: Nanos) -> Analysis {
    let end = incident_end(sources);
    let gaps: Vec<Vec<Gap>> = sources
        .par_iter()
        .map(|s| detect_source(s, end, floor))
        .collect();
    rank::rank(gaps, sources)
}
