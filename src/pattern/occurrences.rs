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

/// Template `t`'s count in each of `buckets` equal slices of `[from, to)`
/// (aligned times). Empty when the range is empty or no buckets are asked.
pub fn density(
    src: &Source,
    occ: &Occurrences,
    t: u32,
    (from, to): (Nanos, Nanos),
    buckets: usize,
) -> Vec<u64> {
    if buckets == 0 || to <= from {
        return Vec::new();
    }
    let span = (to - from) as i128;
    let edge = |k: usize| from + (span * k as i128 / buckets as i128) as Nanos;
    (0..buckets)
        .map(|k| occ.count_in(t, records_between(src, edge(k), edge(k + 1))))
        .collect()
}

/// How a template's rate around a moment compares with its rate before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Occurrences within the window around the moment.
    pub within: u64,
    /// Occurrences from the source's first record up to the window.
    pub before: u64,
    /// What `before` predicts for a stretch as long as the window.
    pub expected: f64,
    /// `(within + 1) / (expected + 1)`: 1 means "as usual"; the `+ 1` keeps a
    /// template never seen before finite and ranks it by how often it now
    /// occurs (41 for 40 new occurrences), and keeps one stray line from
    /// outranking a burst.
    pub score: f64,
}

/// Template `t` in `[at - half, at + half)` against the source's records
/// before that window. The rate before is taken over the time the source had
/// logged by then (from its first record), so a template that was steady all
/// along scores about 1 wherever the window is.
pub fn change(src: &Source, occ: &Occurrences, t: u32, at: Nanos, half: Nanos) -> Change {
    let (a, b) = (at.saturating_sub(half), at.saturating_add(half));
    let within = occ.count_in(t, records_between(src, a, b));
    let before_recs = 0..records_between(src, a, b).start;
    let before = occ.count_in(t, before_recs);
    let logged = src.first_time().map_or(0, |f| (a - f).max(0));
    let expected = if logged > 0 {
        before as f64 * (b - a) as f64 / logged as f64
    } else {
        0.0
    };
    Change {
        within,
        before,
        expected,
        score: (within as f64 + 1.0) / (expected + 1.0),
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

    #[test]
    fn sparkline_scales_to_the_highest_count() {
        assert_eq!(sparkline(&[0, 1, 4, 8]), " ▁▄█");
        assert_eq!(sparkline(&[0, 0]), "  ");
        assert_eq!(sparkline(&[1, 1000]), "▁█", "a single record still shows");
    }
}
