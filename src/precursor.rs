//! Precursors: templates that keep appearing in the windows before a source's
//! silences and rarely elsewhere. Every source is searched, not only the
//! silent one: a server dropping connections can be what precedes a client's
//! silence.

use crate::pattern::SourcePatterns;
use crate::silence::Analysis;
use crate::source::Source;
use crate::time::{NANOS_PER_HOUR, Nanos};

/// A template seen before most of one source's silences.
#[derive(Debug, Clone, PartialEq)]
pub struct Precursor {
    /// The source the silences are in.
    pub silent: usize,
    /// The source the template comes from.
    pub source: usize,
    pub template: u32,
    /// Occurrences in the window before each silence, in time order.
    pub before_counts: Vec<u64>,
    /// Occurrences per hour outside those windows.
    pub baseline_per_hour: f64,
}

/// In-window rate must be at least this many times the rate elsewhere.
pub const LIFT: f64 = 5.0;

/// Finds precursors of every source with at least two silences. `window`: how
/// far before each silence to look.
pub fn find(
    sources: &[&Source],
    mined: &[SourcePatterns],
    a: &Analysis,
    window: Nanos,
) -> Vec<Precursor> {
    let mut out = Vec::new();
    for silent in 0..sources.len() {
        let mut starts: Vec<Nanos> = a
            .silences
            .iter()
            .filter(|s| s.source == silent)
            .map(|s| s.gap.start)
            .collect();
        if starts.len() < 2 {
            continue;
        }
        starts.sort_unstable();
        // The last record before the silence is part of its window.
        let wins: Vec<(Nanos, Nanos)> = starts.iter().map(|&s| (s - window, s + 1)).collect();
        let joined = crate::silence::rank::union(wins.clone());
        let in_len: Nanos = joined.iter().map(|(a, b)| b - a).sum();
        for (p, src) in sources.iter().enumerate() {
            let Some(ids) = mined.get(p).map(|m| &m.ids) else {
                continue;
            };
            let (Some(first), Some(last)) = (src.first_time(), src.last_time()) else {
                continue;
            };
            let n_t = mined[p].templates.len();
            let mut per_win = vec![vec![0u64; wins.len()]; n_t];
            for (w, &(a, b)) in wins.iter().enumerate() {
                for i in records_in(src, a, b) {
                    per_win[ids[i] as usize][w] += 1;
                }
            }
            let mut inside = vec![0u64; n_t];
            for &(a, b) in &joined {
                for i in records_in(src, a, b) {
                    inside[ids[i] as usize] += 1;
                }
            }
            let out_hours =
                ((last - first) - in_len).max(NANOS_PER_HOUR / 60) as f64 / NANOS_PER_HOUR as f64;
            let in_hours = in_len.max(1) as f64 / NANOS_PER_HOUR as f64;
            for (t, counts) in per_win.into_iter().enumerate() {
                let windows_with = counts.iter().filter(|&&c| c > 0).count();
                if 2 * windows_with <= wins.len() {
                    continue;
                }
                let outside = mined[p].templates[t].count.saturating_sub(inside[t]);
                let base = outside as f64 / out_hours;
                let rate = inside[t] as f64 / in_hours;
                if rate >= LIFT * base && inside[t] >= 2 {
                    out.push(Precursor {
                        silent,
                        source: p,
                        template: t as u32,
                        before_counts: counts,
                        baseline_per_hour: (base * 100.0).round() / 100.0,
                    });
                }
            }
        }
    }
    // Strongest first: most occurrences before the silences per occurrence elsewhere.
    let strength =
        |p: &Precursor| p.before_counts.iter().sum::<u64>() as f64 / (1.0 + p.baseline_per_hour);
    out.sort_by(|a, b| strength(b).total_cmp(&strength(a)));
    out
}

/// Records of `src` with times in `[a, b)`.
fn records_in(src: &Source, a: Nanos, b: Nanos) -> std::ops::Range<usize> {
    let lo = src.at_or_after(a).unwrap_or(src.index.len());
    let hi = src.at_or_after(b).unwrap_or(src.index.len());
    lo..hi.max(lo)
}
