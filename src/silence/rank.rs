//! Ranking silences: abnormal for the source, others busy through it, long.
//!
//! `score = log2(1 + duration / baseline) × (0.25 + 0.75 × busy) × log2(2 + minutes)`
//! where `baseline` is the source's usual long gap and `busy` the share of the
//! other sources (those with records on both sides of the silence) that logged
//! in its middle half. A silence nobody else logged through is "everyone was
//! quiet": it is reported as a quiet period instead.

use super::Gap;
use crate::time::{NANOS_PER_MIN, NANOS_PER_SEC, Nanos};

/// What the other sources did during a silence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Company {
    /// Other sources with records before the start and after the end.
    pub around: usize,
    /// Of those, the ones with a record in the silence's middle half.
    pub busy: usize,
}

impl Company {
    pub fn share(&self) -> f64 {
        if self.around == 0 {
            0.0
        } else {
            self.busy as f64 / self.around as f64
        }
    }

    /// Everyone else was quiet too (and there was someone else to ask).
    pub fn all_quiet(&self) -> bool {
        self.around > 0 && self.busy == 0
    }
}

/// A source's times, as far as ranking needs them.
pub trait Timeline {
    fn first(&self) -> Option<Nanos>;
    fn last(&self) -> Option<Nanos>;
    /// True when the source has a record with a time in `[a, b]`.
    fn logs_between(&self, a: Nanos, b: Nanos) -> bool;
}

/// What the sources other than `own` did during `g`.
pub fn company<T: Timeline>(own: usize, g: &Gap, sources: &[T]) -> Company {
    let q = g.duration() / 4;
    let (a, b) = (g.start + q, g.end - q);
    let mut c = Company { around: 0, busy: 0 };
    for (k, s) in sources.iter().enumerate() {
        if k == own {
            continue;
        }
        let (Some(first), Some(last)) = (s.first(), s.last()) else {
            continue;
        };
        if first <= g.start && last >= g.end {
            c.around += 1;
            if s.logs_between(a, b) {
                c.busy += 1;
            }
        }
    }
    c
}

pub fn score(g: &Gap, c: &Company) -> f64 {
    let d = g.duration() as f64;
    let base = g.baseline.max(NANOS_PER_SEC / 10) as f64;
    let abnormal = (1.0 + d / base).log2();
    let length = (2.0 + d / NANOS_PER_MIN as f64).log2();
    let s = abnormal * (0.25 + 0.75 * c.share()) * length;
    (s * 1000.0).round() / 1000.0
}

/// Joins overlapping stretches (sorted by start) into one.
pub fn union(mut spans: Vec<(Nanos, Nanos)>) -> Vec<(Nanos, Nanos)> {
    spans.sort_unstable();
    let mut out: Vec<(Nanos, Nanos)> = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(l) if a <= l.1 => l.1 = l.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Times(Vec<Nanos>);
    impl Timeline for Times {
        fn first(&self) -> Option<Nanos> {
            self.0.first().copied()
        }
        fn last(&self) -> Option<Nanos> {
            self.0.last().copied()
        }
        fn logs_between(&self, a: Nanos, b: Nanos) -> bool {
            self.0.iter().any(|&t| t >= a && t <= b)
        }
    }

    fn gap(start: i64, end: i64, baseline: i64) -> Gap {
        let s = NANOS_PER_SEC;
        Gap {
            before: 0,
            after: Some(1),
            start: start * s,
            end: end * s,
            baseline: baseline * s,
        }
    }

    #[test]
    fn silent_while_others_log_outranks_everyone_quiet() {
        let s = NANOS_PER_SEC;
        let busy = Times((0..1000).map(|i| i * s).collect());
        let quiet = Times(vec![0, 999 * s]);
        let own = Times(vec![0, 100 * s, 400 * s, 999 * s]);
        let g = gap(100, 400, 5);
        let with_busy = company(0, &g, &[&own, &busy].map(|t| Times(t.0.clone())));
        let with_quiet = company(0, &g, &[&own, &quiet].map(|t| Times(t.0.clone())));
        assert_eq!(with_busy, Company { around: 1, busy: 1 });
        assert!(with_quiet.all_quiet());
        assert!(score(&g, &with_busy) > 2.0 * score(&g, &with_quiet));
        // Longer and more abnormal rank higher, all else equal.
        assert!(score(&gap(100, 700, 5), &with_busy) > score(&g, &with_busy));
        assert!(score(&gap(100, 400, 1), &with_busy) > score(&g, &with_busy));
    }

    #[test]
    fn a_source_that_has_not_started_is_not_asked() {
        let s = NANOS_PER_SEC;
        let late = Times(vec![500 * s, 600 * s]);
        assert_eq!(
            company(1, &gap(100, 400, 5), &[late, Times(vec![])]).around,
            0
        );
    }

    #[test]
    fn union_joins_overlaps() {
        assert_eq!(
            union(vec![(5, 9), (1, 3), (2, 4), (9, 10)]),
            [(1, 4), (5, 10)]
        );
    }
}
