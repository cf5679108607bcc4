//! Where each template occurs, and what follows from it over time: counts per
//! time bucket (the pattern view's density line, `patterns --buckets`) and how
//! much more often a template occurs around a moment than before it ("what
//! changed", `patterns --around`). Both answer from record numbers alone:
//! binary searches, no log bytes read, so the screen can ask on every frame.

use std::ops::Range;

use crate::source::Source;
use crate::time::Nanos;

/// Each template's record numbers, ascending, in one flat array (one offset
/// per template into it): 4 bytes a record, built once after mining.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Occurrences {
    /// Template `t`'s records are `records[starts[t]..starts[t + 1]]`.
    starts: Vec<u32>,
    records: Vec<u32>,
}

impl Occurrences {
    /// From each record's template id (`SourcePatterns::ids`); a counting sort.
    pub fn build(ids: &[u32], templates: usize) -> Occurrences {
        let mut starts = vec![0u32; templates + 1];
        for &t in ids {
            starts[t as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut records = vec![0u32; ids.len()];
        for (i, &t) in ids.iter().enumerate() {
            let at = &mut next[t as usize];
            records[*at as usize] = i as u32;
            *at += 1;
        }
        Occurrences { starts, records }
    }

    pub fn templates(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Template `t`'s records, ascending (empty for an unknown template).
    pub fn of(&self, t: u32) -> &[u32] {
        let t = t as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.records[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many of template `t`'s records lie in `records`.
    pub fn count_in(&self, t: u32, records: Range<usize>) -> u64 {
        let of = self.of(t);
        let lo = of.partition_point(|&r| (r as usize) < records.start);
        let hi = of.partition_point(|&r| (r as usize) < records.end);
        hi.saturating_sub(lo) as u64
    }
}

/// The records of `src` with aligned times in `[a, b)` (offset applied).
pub fn records_between(src: &Source, a: Nanos, b: Nanos) -> Range<usize> {
    let n = src.index.len();
    let lo = src.at_or_after(a).unwrap_or(n);
    let hi = src.at_or_after(b).unwrap_or(n);
    lo..hi.max(lo)
}

/// Record boundaries of `buckets` equal slices of `[from, to]` (aligned
/// times), as the overview strip cuts its columns: slice `k` holds the records
/// `edges[k]..edges[k + 1]`, those timed from its start up to its end (the
/// last slice includes `to`). `buckets + 1` edges; none when no buckets are
/// asked or the range is empty.
pub fn bucket_edges(src: &Source, (from, to): (Nanos, Nanos), buckets: usize) -> Vec<usize> {
    if buckets == 0 || to < from {
        return Vec::new();
    }
    let span = i128::from(to - from);
    let count_to = |t: Nanos| src.at_or_before(t).map_or(0, |i| i + 1);
    let mut edges = Vec::with_capacity(buckets + 1);
    edges.push(count_to(from - 1));
    let n = buckets as i128;
    for k in 1..=buckets {
        // A slice starts at the first time its column holds (rounded up):
        // a range shorter in nanoseconds than it has slices keeps every
        // record in its first slice, where the cursor's column is.
        let t = from + ((span * k as i128 + n - 1) / n) as Nanos;
        let end = if k == buckets {
            count_to(to)
        } else {
            count_to(t - 1)
        };
        let e = end.max(*edges.last().unwrap_or(&0));
        edges.push(e);
    }
    edges
}

impl Occurrences {
    /// Template `t`'s count between consecutive `edges` (`bucket_edges`).
    pub fn counts(&self, t: u32, edges: &[usize]) -> Vec<u64> {
        edges
            .windows(2)
            .map(|w| self.count_in(t, w[0]..w[1]))
            .collect()
    }
}

/// Template `t`'s count in each of `buckets` equal slices of `[from, to]`.
pub fn density(
    src: &Source,
    occ: &Occurrences,
    t: u32,
    range: (Nanos, Nanos),
    buckets: usize,
) -> Vec<u64> {
    occ.counts(t, &bucket_edges(src, range, buckets))
}

/// How a template's rate around a moment compares with its rate before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Occurrences within the window around the moment.
    pub within: u64,
    /// Occurrences from the source's first record up to the window.
    pub before: u64,
    /// What `before` predicts for a stretch as long as the window; None when
    /// the source logged nothing before the window: no rate to go by.
    pub expected: Option<f64>,
    /// `(within + 1) / (expected + 1)`: 1 means "as usual"; the `+ 1` keeps a
    /// template never seen before finite and ranks it by how often it now
    /// occurs (41 for 40 new occurrences), and keeps one stray line from
    /// outranking a burst. None without a before window: every template
    /// would score its count + 1, a rise out of nothing that did not happen.
    /// None too for a template absent from the window: a rate of nothing
    /// (`×1.0` for one never seen at all) says nothing about the window.
    pub score: Option<f64>,
}

impl Change {
    /// "What changed" order: scored templates by score, then those with no
    /// before window by their count within it; ties by that count; templates
    /// absent from the window after every template present in it.
    pub fn rank(a: &Change, b: &Change) -> std::cmp::Ordering {
        let key = |c: &Change| c.score.unwrap_or(f64::NEG_INFINITY);
        (b.within > 0)
            .cmp(&(a.within > 0))
            .then(key(b).total_cmp(&key(a)))
            .then(b.within.cmp(&a.within))
    }

    /// The source logged nothing before the window: no rate to compare with.
    pub fn no_before_window(&self) -> bool {
        self.expected.is_none()
    }
}

/// One source's records around a moment and before it, found once and asked
/// for every template.
#[derive(Debug, Clone, PartialEq)]
pub struct Around {
    /// Records in `[at - half, at + half)`.
    pub within: Range<usize>,
    /// Records before that window.
    pub before: Range<usize>,
    /// Window length over the time the source had logged before the window
    /// (from its first record); 0 when it had logged nothing before.
    pub scale: f64,
}

impl Around {
    /// The window `[at - half, at + half)` of `src` (aligned times).
    pub fn new(src: &Source, at: Nanos, half: Nanos) -> Around {
        let (a, b) = (at.saturating_sub(half), at.saturating_add(half));
        let within = records_between(src, a, b);
        let logged = src.first_time().map_or(0, |f| (a - f).max(0));
        Around {
            before: 0..within.start,
            within,
            scale: if logged > 0 {
                (b - a) as f64 / logged as f64
            } else {
                0.0
            },
        }
    }

    /// Template `t` in the window against its rate before it: a template
    /// steady all along scores about 1 wherever the window is.
    pub fn change(&self, occ: &Occurrences, t: u32) -> Change {
        let within = occ.count_in(t, self.within.clone());
        let before = occ.count_in(t, self.before.clone());
        let expected = (self.scale > 0.0).then_some(before as f64 * self.scale);
        Change {
            within,
            before,
            expected,
            score: expected
                .filter(|_| within > 0)
                .map(|e| (within as f64 + 1.0) / (e + 1.0)),
        }
    }
}

/// One line of unicode blocks for counts: the highest count fills the cell, a
/// count of 0 is a space, any other count shows at least the lowest block.
pub fn sparkline(counts: &[u64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&c| {
            if c == 0 || max == 0 {
                ' '
            } else {
                let k = ((c as u128 * 8).div_ceil(max as u128) as usize).clamp(1, 8);
                BLOCKS[k - 1]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_lists_each_templates_records_in_order() {
        let ids = [0, 1, 0, 2, 1, 0];
        let occ = Occurrences::build(&ids, 4);
        assert_eq!(occ.templates(), 4);
        assert_eq!(occ.of(0), &[0, 2, 5]);
        assert_eq!(occ.of(1), &[1, 4]);
        assert_eq!(occ.of(2), &[3]);
        assert_eq!(occ.of(3), &[] as &[u32]);
        assert_eq!(occ.of(9), &[] as &[u32]);
        assert_eq!(occ.count_in(0, 1..5), 1);
        assert_eq!(occ.count_in(0, 0..6), 3);
        assert_eq!(occ.count_in(1, 2..2), 0);
    }

    /// One record a minute from 10:00 to 10:59; records 50..55 are template 1.
    fn minutes() -> (tempfile::NamedTempFile, Source, Occurrences) {
        let text: String = (0..60)
            .map(|m| format!("2024-03-01T10:{m:02}:00Z INFO tick {m}\n"))
            .collect();
        let (f, src) = crate::source::test_support::source_of(text);
        let ids: Vec<u32> = (0..60).map(|i| u32::from((50..55).contains(&i))).collect();
        let occ = Occurrences::build(&ids, 2);
        (f, src, occ)
    }

    #[test]
    fn density_cuts_the_range_as_the_overview_does() {
        let (_f, src, occ) = minutes();
        let (a, b) = (
            src.first_time().expect("timed"),
            src.last_time().expect("timed"),
        );
        let d0 = density(&src, &occ, 0, (a, b), 6);
        let d1 = density(&src, &occ, 1, (a, b), 6);
        assert_eq!(
            d0.iter().sum::<u64>(),
            55,
            "the first and the last record count"
        );
        assert_eq!(d1, [0, 0, 0, 0, 0, 5]);
        assert_eq!(d0[0], 10, "10:00 to 10:09:50 inclusive");
        assert!(density(&src, &occ, 0, (a, b), 0).is_empty());
    }

    #[test]
    fn change_compares_the_window_with_the_rate_before_it() {
        let (_f, src, occ) = minutes();
        let at = src.first_time().expect("timed") + 52 * 60_000_000_000;
        let around = Around::new(&src, at, 5 * 60_000_000_000);
        assert_eq!(around.within, 47..57);
        let steady = around.change(&occ, 0);
        assert_eq!((steady.within, steady.before), (5, 47));
        assert!(
            steady.expected.is_some_and(|e| (e - 10.0).abs() < 1e-9),
            "{steady:?}"
        );
        let burst = around.change(&occ, 1);
        assert_eq!((burst.within, burst.before), (5, 0));
        assert_eq!(burst.score, Some(6.0), "never seen before: within + 1");
        assert!(steady.score.is_some_and(|s| s < 1.0));
        // At the very start nothing was logged before: no rate to compare with.
        let first = Around::new(&src, src.first_time().expect("timed"), 60_000_000_000);
        assert_eq!(first.scale, 0.0);
        let c = first.change(&occ, 0);
        assert_eq!(
            (c.within, c.before, c.expected, c.score),
            (1, 0, None, None)
        );
    }

    #[test]
    fn sparkline_scales_to_the_highest_count() {
        assert_eq!(sparkline(&[0, 1, 4, 8]), " ▁▄█");
        assert_eq!(sparkline(&[0, 0]), "  ");
        assert_eq!(sparkline(&[1, 1000]), "▁█", "a single record still shows");
    }
}
