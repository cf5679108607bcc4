//! Finding the gaps in one source that are long *for that source*.
//!
//! A gap is the time from the latest record so far to the next record that is
//! later still (times that go backwards never open a gap). Each gap is judged
//! against the source's recent rhythm: the 95th percentile of the positive gaps
//! in a window before it. A gap is a silence when it is at least `FACTOR` times
//! that baseline and at least the floor. Only times are read (the index), never
//! log bytes, and the cost is one pass plus a quantile per *candidate* gap (one
//! at least as long as the floor), which are rare.

use crate::time::{NANOS_PER_SEC, Nanos};

/// Positive gaps in a baseline window.
pub const WINDOW: usize = 1024;
/// The window moves in steps of this many gaps, so one quantile serves many gaps.
pub const STRIDE: usize = 256;
/// A silence is at least this many times the source's usual long gap (its p95).
pub const FACTOR: i64 = 4;
/// Default floor: no gap shorter than this is a silence, however regular the source.
pub const DEFAULT_FLOOR: Nanos = 5 * NANOS_PER_SEC;

/// A gap long enough to be a silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// The record that set the latest time before the gap.
    pub before: usize,
    /// The first later record, None when the source never logs again.
    pub after: Option<usize>,
    pub start: Nanos,
    /// For an open gap: the end of the incident (the last record of any source).
    pub end: Nanos,
    /// The source's usual long gap (p95 of recent positive gaps) it was judged against.
    pub baseline: Nanos,
}

impl Gap {
    pub fn duration(&self) -> Nanos {
        self.end - self.start
    }
}

/// The p95 of `v` (index `(len-1)*95/100` of the sorted values); reorders `v`.
pub fn p95(v: &mut [Nanos]) -> Nanos {
    if v.is_empty() {
        return 0;
    }
    let k = (v.len() - 1) * 95 / 100;
    *v.select_nth_unstable(k).1
}

/// Which positive gaps form the baseline window of gap number `k` (0-based,
/// counting positive gaps only), given `m` positive gaps in all. Gaps before the
/// first full step are judged by the source's opening rhythm.
pub fn window(k: usize, m: usize) -> std::ops::Range<usize> {
    let e = k / STRIDE * STRIDE;
    if e == 0 {
        0..m.min(WINDOW)
    } else {
        e.saturating_sub(WINDOW)..e
    }
}

/// The silence threshold for a baseline.
pub fn threshold(baseline: Nanos, floor: Nanos) -> Nanos {
    floor.max(baseline.saturating_mul(FACTOR))
}

/// Finds the silences among `times` (record number, time; in file order; only
/// records with a time of their own). `end` is the end of the incident: when it
/// is later than this source's last time by more than a silence, the source is
/// silent until it (an open gap).
pub fn gaps(
    times: impl IntoIterator<Item = (usize, Nanos)>,
    end: Option<Nanos>,
    floor: Nanos,
) -> Vec<Gap> {
    let mut b = Baselines {
        ring: Ring::new(WINDOW + STRIDE),
        cache: None,
        scratch: Vec::with_capacity(WINDOW),
    };
    // Candidates among the first STRIDE gaps wait for the opening window to fill.
    let mut pending: Vec<Gap> = Vec::new();
    let mut out = Vec::new();
    let mut last: Option<(usize, Nanos)> = None;
    for (i, t) in times {
        let Some((prev_i, prev_t)) = last else {
            last = Some((i, t));
            continue;
        };
        if t < prev_t {
            continue;
        }
        last = Some((i, t));
        if t == prev_t {
            continue;
        }
        let g = t - prev_t;
        let k = b.ring.pushed;
        if g >= floor {
            let gap = Gap {
                before: prev_i,
                after: Some(i),
                start: prev_t,
                end: t,
                baseline: 0,
            };
            if k < STRIDE {
                pending.push(gap);
            } else {
                let base = b.at(k, usize::MAX);
                if g >= threshold(base, floor) {
                    out.push(Gap {
                        baseline: base,
                        ..gap
                    });
                }
            }
        }
        b.ring.push(g);
        if b.ring.pushed == WINDOW {
            b.judge(&mut pending, &mut out, WINDOW, floor);
        }
    }
    let m = b.ring.pushed;
    b.judge(&mut pending, &mut out, m, floor);
    if let (Some((prev_i, prev_t)), Some(end)) = (last, end)
        && end - prev_t >= floor
    {
        let base = b.at(m, m);
        if end - prev_t >= threshold(base, floor) {
            out.push(Gap {
                before: prev_i,
                after: None,
                start: prev_t,
                end,
                baseline: base,
            });
        }
    }
    out.sort_by_key(|g| g.start);
    out
}

/// Baseline quantiles over the ring of latest gaps, one per window.
struct Baselines {
    ring: Ring,
    cache: Option<(std::ops::Range<usize>, Nanos)>,
    scratch: Vec<Nanos>,
}

impl Baselines {
    /// The baseline of gap number `k` when `m` gaps exist in all (only needed
    /// for the opening window; later windows end before `k`).
    fn at(&mut self, k: usize, m: usize) -> Nanos {
        let w = window(k, m);
        if let Some((r, b)) = &self.cache
            && *r == w
        {
            return *b;
        }
        self.scratch.clear();
        self.scratch.extend(self.ring.range(w.clone()));
        let b = p95(&mut self.scratch);
        self.cache = Some((w, b));
        b
    }

    /// Judges the candidates that waited for the opening window, once `m` gaps are known.
    fn judge(&mut self, pending: &mut Vec<Gap>, out: &mut Vec<Gap>, m: usize, floor: Nanos) {
        if pending.is_empty() {
            return;
        }
        let base = self.at(0, m);
        for gap in pending.drain(..) {
            if gap.duration() >= threshold(base, floor) {
                out.push(Gap {
                    baseline: base,
                    ..gap
                });
            }
        }
    }
}

/// The last `cap` gaps pushed, addressable by their gap number.
struct Ring {
    buf: Vec<Nanos>,
    cap: usize,
    pushed: usize,
}

impl Ring {
    fn new(cap: usize) -> Ring {
        Ring {
            buf: Vec::with_capacity(cap),
            cap,
            pushed: 0,
        }
    }

    fn push(&mut self, g: Nanos) {
        if self.buf.len() < self.cap {
            self.buf.push(g);
        } else {
            self.buf[self.pushed % self.cap] = g;
        }
        self.pushed += 1;
    }

    /// Gaps numbered in `r`; the window rules guarantee they are still held.
    fn range(&self, r: std::ops::Range<usize>) -> impl Iterator<Item = Nanos> + '_ {
        debug_assert!(r.start + self.cap >= self.pushed && r.end <= self.pushed);
        r.map(move |n| self.buf[n % self.cap])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    /// The definition, written plainly: every positive gap, its window sorted in full.
    fn reference(times: &[Nanos], end: Option<Nanos>, floor: Nanos) -> Vec<Gap> {
        let mut g = Vec::new(); // (before, after, start, end)
        let mut last: Option<(usize, Nanos)> = None;
        for (i, &t) in times.iter().enumerate() {
            match last {
                None => last = Some((i, t)),
                Some((_, p)) if t < p => {}
                Some((_, p)) if t == p => last = Some((i, t)),
                Some((pi, p)) => {
                    g.push((pi, Some(i), p, t));
                    last = Some((i, t));
                }
            }
        }
        let m = g.len();
        // Memoised by window only because sorting each one per gap is slow in a debug build.
        let mut memo = std::collections::HashMap::new();
        let mut base = |k: usize| {
            let lo_hi = if k < 256 {
                (0, m.min(1024))
            } else {
                let e = k - k % 256;
                (e.saturating_sub(1024), e)
            };
            *memo.entry(lo_hi).or_insert_with(|| {
                let mut w: Vec<Nanos> = g[lo_hi.0..lo_hi.1].iter().map(|x| x.3 - x.2).collect();
                w.sort_unstable();
                if w.is_empty() {
                    0
                } else {
                    w[(w.len() - 1) * 95 / 100]
                }
            })
        };
        let mut out = Vec::new();
        for (k, &(b, a, s, e)) in g.iter().enumerate() {
            let base = base(k);
            if e - s >= floor.max(4 * base) {
                out.push(Gap {
                    before: b,
                    after: a,
                    start: s,
                    end: e,
                    baseline: base,
                });
            }
        }
        if let (Some((li, lt)), Some(end)) = (last, end) {
            let base = base(m);
            if end - lt >= floor.max(4 * base) {
                out.push(Gap {
                    before: li,
                    after: None,
                    start: lt,
                    end,
                    baseline: base,
                });
            }
        }
        out
    }

    /// Sources with changing rates, bursts, equal stamps, backwards steps and long stops.
    fn random_times(r: &mut XorShift, n: usize) -> Vec<Nanos> {
        let mut t: Nanos = 1_000 * NANOS_PER_SEC;
        let mut rate = 100_000_000i64;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            match r.below(1000) {
                0..=2 => rate = (r.below(5_000) as i64 + 1) * 1_000_000,
                3..=6 => t += (r.below(120) as i64 + 1) * NANOS_PER_SEC,
                7..=9 => t -= r.below(3) as i64 * NANOS_PER_SEC,
                10..=200 => {}
                _ => t += r.below(rate as u64 * 2) as i64,
            }
            v.push(t);
        }
        v
    }

    #[test]
    fn fast_detection_matches_the_plain_definition() {
        let mut r = XorShift(0x9e37_79b9_7f4a_7c15);
        let mut found = [0usize; 2];
        for case in 0..200 {
            let n = match case % 4 {
                0 => r.below(20) as usize,
                1 => r.below(400) as usize,
                2 => 1000 + r.below(1500) as usize,
                _ => 3000 + r.below(6000) as usize,
            };
            let times = random_times(&mut r, n);
            let last = times.iter().copied().max().unwrap_or(0);
            let end = (case % 3 == 0).then(|| last + (r.below(600) as i64) * NANOS_PER_SEC);
            let floor = [NANOS_PER_SEC, DEFAULT_FLOOR, 30 * NANOS_PER_SEC][case % 3];
            let fast = gaps(times.iter().copied().enumerate(), end, floor);
            assert_eq!(
                fast,
                reference(&times, end, floor),
                "case {case}, {n} records"
            );
            found[0] += fast.iter().filter(|g| g.after.is_some()).count();
            found[1] += fast.iter().filter(|g| g.after.is_none()).count();
        }
        // The cases exercise both kinds of silence, not only "nothing found".
        assert!(found[0] > 100 && found[1] > 5, "{found:?}");
    }

    #[test]
    fn a_stop_in_a_busy_source_is_a_silence_and_a_sparse_rhythm_is_not() {
        let s = NANOS_PER_SEC;
        // Every 100 ms for ten minutes, a 20 s stop in the middle.
        let mut busy: Vec<Nanos> = (0..6000).map(|i| i * s / 10).collect();
        for t in &mut busy[3000..] {
            *t += 20 * s;
        }
        let g = gaps(busy.iter().copied().enumerate(), None, DEFAULT_FLOOR);
        assert_eq!(g.len(), 1);
        assert_eq!(
            (g[0].before, g[0].after, g[0].duration()),
            (2999, Some(3000), 20 * s + s / 10)
        );
        // Hourly cron, with an hour and a half once: its own rhythm, not a silence.
        let mut cron: Vec<Nanos> = (0..48).map(|i| i * 3600 * s).collect();
        cron[20..].iter_mut().for_each(|t| *t += 1800 * s);
        assert!(gaps(cron.iter().copied().enumerate(), None, DEFAULT_FLOOR).is_empty());
        // A supervisor with routine lines every 20-90 s.
        let sup: Vec<Nanos> = (0..200).map(|i| i * 55 * s + (i * 7919 % 35) * s).collect();
        assert!(gaps(sup.iter().copied().enumerate(), None, DEFAULT_FLOOR).is_empty());
    }

    #[test]
    fn a_source_that_stops_for_good_is_silent_until_the_end() {
        let s = NANOS_PER_SEC;
        let busy: Vec<Nanos> = (0..600).map(|i| i * s / 2).collect();
        let g = gaps(
            busy.iter().copied().enumerate(),
            Some(600 * s),
            DEFAULT_FLOOR,
        );
        assert_eq!(g.len(), 1);
        assert_eq!(
            (g[0].after, g[0].start, g[0].end),
            (None, 299 * s + s / 2, 600 * s)
        );
        // Ending with the others is no silence.
        assert!(
            gaps(
                busy.iter().copied().enumerate(),
                Some(300 * s),
                DEFAULT_FLOOR
            )
            .is_empty()
        );
    }
}
