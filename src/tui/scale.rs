//! The overview strip's columns over its time range. Time runs evenly
//! through them, except across a stretch in which no source has a record
//! (logs that do not overlap: one from 09:00 to 09:10, the next from 11:00)
//! long enough to take a quarter of the strip or more: that is drawn as a
//! break a few columns wide, labelled with its length, so that every source
//! keeps its share of the strip instead of a sliver beside an empty middle.

use crate::time::{Nanos, format_duration};

/// A stretch without records takes this part of the range or more (1/N) to
/// be drawn as a break.
const BREAK_SHARE: i128 = 4;

/// Columns a stretch with records gets at least, beside breaks.
const MIN_COVERED: usize = 4;

/// Columns the last stretch gets at least after a break: the range's end
/// time (`14:31:11`) and a column between it and the break's label.
const MIN_LAST: usize = 9;

/// A run of columns and the time it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub t0: Nanos,
    pub t1: Nanos,
    pub c0: usize,
    pub c1: usize,
    /// No source has a record in it: drawn as a break.
    pub gap: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub cols: usize,
    pieces: Vec<Piece>,
}

impl Scale {
    /// `cols` columns over `a..b`, with each of `gaps` (stretches no source
    /// has a record in) that is long enough drawn as a break.
    pub fn new(a: Nanos, b: Nanos, cols: usize, gaps: &[(Nanos, Nanos)]) -> Scale {
        let linear = Scale {
            cols,
            pieces: vec![Piece {
                t0: a,
                t1: b,
                c0: 0,
                c1: cols,
                gap: false,
            }],
        };
        let range = i128::from(b - a).max(1);
        let gaps: Vec<(Nanos, Nanos)> = gaps
            .iter()
            .map(|&(s, e)| (s.max(a), e.min(b)))
            .filter(|&(s, e)| e > s && i128::from(e - s) * BREAK_SHARE >= range)
            .collect();
        if gaps.is_empty() {
            return linear;
        }
        let mut covered = Vec::with_capacity(gaps.len() + 1);
        let mut from = a;
        for &(s, e) in &gaps {
            covered.push((from, s));
            from = e;
        }
        covered.push((from, b));
        let gap_cols: usize = gaps.iter().map(|&(s, e)| break_width(e - s)).sum();
        let least = (covered.len() - 1) * MIN_COVERED + MIN_LAST;
        let Some(free) = cols.checked_sub(gap_cols).filter(|&f| f >= least) else {
            return linear;
        };
        // Each stretch with records gets columns by its length, at least
        // MIN_COVERED (the last MIN_LAST); the last takes what rounding leaves.
        let spare = (free - least) as i128;
        let total: i128 = covered
            .iter()
            .map(|&(s, e)| i128::from(e - s))
            .sum::<i128>()
            .max(1);
        let mut pieces = Vec::with_capacity(covered.len() + gaps.len());
        let mut c = 0;
        for (k, &(t0, t1)) in covered.iter().enumerate() {
            let w = if k + 1 == covered.len() {
                cols - c
                    - gaps[k..]
                        .iter()
                        .map(|&(s, e)| break_width(e - s))
                        .sum::<usize>()
            } else {
                MIN_COVERED + (spare * i128::from(t1 - t0) / total) as usize
            };
            pieces.push(Piece {
                t0,
                t1,
                c0: c,
                c1: c + w,
                gap: false,
            });
            c += w;
            if let Some(&(s, e)) = gaps.get(k) {
                let w = break_width(e - s);
                pieces.push(Piece {
                    t0: s,
                    t1: e,
                    c0: c,
                    c1: c + w,
                    gap: true,
                });
                c += w;
            }
        }
        Scale { cols, pieces }
    }

    /// The time at which column `c` begins (`cols`: the range's end).
    pub fn col_time(&self, c: usize) -> Nanos {
        let p = self
            .pieces
            .iter()
            .find(|p| c < p.c1)
            .or(self.pieces.last())
            .expect("a scale has a piece");
        let c = c.min(p.c1);
        let w = (p.c1 - p.c0).max(1) as i128;
        p.t0 + (i128::from(p.t1 - p.t0) * (c - p.c0) as i128 / w) as Nanos
    }

    /// The column of time `t`, if inside the range. A break holds neither
    /// of its ends: they are the records beside it (the last before, the
    /// first after), in the columns next to it.
    pub fn column_of(&self, t: Nanos) -> Option<usize> {
        let (first, last) = (self.pieces.first()?, self.pieces.last()?);
        if t < first.t0 || t > last.t1 || self.cols == 0 {
            return None;
        }
        let p = self
            .pieces
            .iter()
            .find(|p| t < p.t1 || !p.gap && t == p.t1)
            .unwrap_or(last);
        let span = i128::from(p.t1 - p.t0).max(1);
        let c = p.c0 + (i128::from(t - p.t0) * (p.c1 - p.c0) as i128 / span) as usize;
        Some(c.min(p.c1.saturating_sub(1)).min(self.cols - 1))
    }

    /// The first time `column_of` puts in column `c`: `col_time` rounded up,
    /// which differs where a stretch is shorter in nanoseconds than it is
    /// wide (every record at one instant: all of them in its first column).
    pub fn col_start(&self, c: usize) -> Nanos {
        let Some(p) = self.piece_of(c) else {
            return self.col_time(c);
        };
        let w = (p.c1 - p.c0).max(1) as i128;
        let k = (c - p.c0) as i128;
        p.t0 + ((i128::from(p.t1 - p.t0) * k + w - 1) / w) as Nanos
    }

    /// The piece column `c` belongs to.
    pub fn piece_of(&self, c: usize) -> Option<&Piece> {
        self.pieces.iter().find(|p| c < p.c1)
    }

    /// The breaks: stretches without records drawn narrow.
    pub fn breaks(&self) -> impl Iterator<Item = &Piece> {
        self.pieces.iter().filter(|p| p.gap)
    }
}

/// A break's label: its length.
pub fn break_label(d: Nanos) -> String {
    format_duration(d)
}

/// Columns a break takes: its label between two edge marks.
fn break_width(d: Nanos) -> usize {
    break_label(d).chars().count() + 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::NANOS_PER_SEC;

    const MIN: Nanos = 60 * NANOS_PER_SEC;

    #[test]
    fn a_long_stretch_without_records_is_a_narrow_break() {
        // 09:00–09:10 and 11:00–11:05 on 100 columns.
        let (a, b) = (0, 125 * MIN);
        let s = Scale::new(a, b, 100, &[(10 * MIN, 120 * MIN)]);
        let gap: Vec<_> = s.breaks().copied().collect();
        assert_eq!(gap.len(), 1);
        assert_eq!(gap[0].c1 - gap[0].c0, "1h50m".len() + 2);
        // The rest is shared by length beyond MIN_COVERED (the last
        // MIN_LAST): 10 minutes twice the columns of 5.
        let before = gap[0].c0 - MIN_COVERED;
        let after = 100 - gap[0].c1 - MIN_LAST;
        assert_eq!(before + after, 93 - MIN_COVERED - MIN_LAST);
        assert!(
            (before as i64 - 2 * after as i64).abs() <= 3,
            "{before} {after}"
        );
        for c in 0..100 {
            let (t, next) = (s.col_time(c), s.col_time(c + 1));
            assert!(next > t, "column {c}");
            assert_eq!(s.column_of(next - 1), Some(c), "column {c} ends at {next}");
        }
        assert_eq!((s.col_time(0), s.col_time(100)), (a, b));
        assert_eq!(s.column_of(b), Some(99));
        assert_eq!(s.column_of(b + 1), None);
    }

    #[test]
    fn short_stretches_and_narrow_strips_stay_even() {
        let linear = |s: &Scale| s.breaks().count() == 0;
        // A 20-minute pause in two hours is not a break.
        assert!(linear(&Scale::new(
            0,
            120 * MIN,
            100,
            &[(50 * MIN, 70 * MIN)]
        )));
        // Too few columns for a break and both sides.
        assert!(linear(&Scale::new(
            0,
            125 * MIN,
            12,
            &[(10 * MIN, 120 * MIN)]
        )));
        let s = Scale::new(0, 100, 10, &[]);
        assert_eq!((s.column_of(55), s.col_time(5)), (Some(5), 50));
    }
}
