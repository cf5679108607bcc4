//! Jobs that read whole sources (filtering, searching) run on worker threads
//! and send back owned results tagged with a generation; the UI keeps only
//! the newest generation, and a worker stops early once it is superseded.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use regex::bytes::Regex;

use super::action::FilterKind;
use crate::level::Level;
use crate::source::Source;

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
    },
    Search {
        pane: usize,
        generation: u64,
        latest: Arc<AtomicU64>,
        source: Source,
        regex: Regex,
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
}

impl Job {
    /// Runs the job; None when a newer job made it pointless.
    pub fn run(self) -> Option<WorkDone> {
        match self {
            Job::Filter {
                pane,
                generation,
                latest,
                source,
                filters,
                min_level,
            } => {
                let keep = |i: usize| {
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
            } => {
                let rows = collect(source.index.len(), generation, &latest, |i| {
                    regex.is_match(source.record_bytes(i))
                })?;
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
