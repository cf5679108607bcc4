//! Ranking silences: abnormal for the source, others busy through it, long.
//!
//! `score = log2(1 + duration / baseline) × (0.25 + 0.75 × busy) × log2(2 + minutes)`
//! where `baseline` is the source's usual long gap and `busy` the share of the
//! other sources (those with records on both sides of the silence) that logged
//! in its middle half. A silence nobody else logged through is "everyone was
//! quiet": it is reported as a quiet period instead. A silence no other source
//! was logging at the start of (none had begun, or all had stopped: a log that
//! ends hours before the incident begins) is no evidence of anything: it ranks
//! after every silence with company, whatever its score (`Company::alone`).
//! One that others were logging at the start of, every one of them stopping
//! before it ended, says when the last of them stopped (`Company::stopped`).

use super::{Analysis, Gap, Silence};
use crate::time::{NANOS_PER_MIN, NANOS_PER_SEC, Nanos, format_duration};

/// What the other sources did during a silence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Company {
    /// Other sources with records before the start and after the end.
    pub around: usize,
    /// Of those, the ones with a record in the silence's middle half.
    pub busy: usize,
    /// Set when no other source was logging at its start though others log
    /// at other times: it is no evidence of anything.
    pub alone: Option<Alone>,
    /// Set when nobody is around but others were logging at its start: how
    /// long after its start the last of them stopped.
    pub stopped: Option<Nanos>,
}

/// Why a silence had no other source logging at its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alone {
    /// None had begun: the first begins this long after the start.
    OthersBegin(Nanos),
    /// Every other source had stopped before it.
    OthersEnded,
}

impl Company {
    pub fn share(&self) -> f64 {
        if self.around == 0 {
            0.0
        } else {
            self.busy as f64 / self.around as f64
        }
    }

    /// Why it is no evidence, when no other source was logging at its start:
    /// "no other source logging at its start (others begin 10h23m after it starts)".
    pub fn alone_why(&self) -> Option<String> {
        let then = match self.alone? {
            Alone::OthersBegin(d) => format!("others begin {} after it starts", format_duration(d)),
            Alone::OthersEnded => "the others had stopped".to_string(),
        };
        Some(format!("no other source logging at its start ({then})"))
    }

    /// Who else logged through it, as the text and the screen say it.
    pub fn says(&self) -> String {
        match (self.alone_why(), self.busy, self.around) {
            (Some(why), _, _) => why,
            (None, _, 0) => match self.stopped {
                Some(d) => format!("others stopped {} after it began", format_duration(d)),
                None => "no other source around".to_string(),
            },
            (None, b, a) => format!("{b} of {a} other sources logged through it"),
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
    let mut c = Company {
        around: 0,
        busy: 0,
        alone: None,
        stopped: None,
    };
    // Other sources that log over a stretch; those logging at its start; how
    // soon after it the first of the others begins; how long after it the
    // last of those logging at its start stops.
    let (mut logs, mut at_start, mut begins, mut stops) = (0, 0, Nanos::MAX, 0);
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
        // A moment (one time: a goroutine dump placed in time) logs nothing around.
        if first < last {
            logs += 1;
            if first <= g.start && g.start <= last {
                at_start += 1;
                stops = stops.max(last - g.start);
            } else if first > g.start {
                begins = begins.min(first - g.start);
            }
        }
    }
    // Nobody around though some were logging at its start: each of those
    // stopped before it ended.
    if c.around == 0 && at_start > 0 {
        c.stopped = Some(stops);
    }
    if logs > 0 && at_start == 0 {
        c.alone = Some(if begins < Nanos::MAX {
            Alone::OthersBegin(begins)
        } else {
            Alone::OthersEnded
        });
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

/// Ranks every source's gaps (`gaps[k]`: source `k`'s): those nobody else
/// logged through become quiet periods, the rest silences, highest score first.
pub fn rank<T: Timeline>(gaps: Vec<Vec<Gap>>, sources: &[T]) -> Analysis {
    let mut silences = Vec::new();
    let mut quiet = Vec::new();
    for (k, gs) in gaps.into_iter().enumerate() {
        for gap in gs {
            let company = company(k, &gap, sources);
            if company.all_quiet() {
                quiet.push((gap.start, gap.end));
                continue;
            }
            silences.push(Silence {
                source: k,
                score: score(&gap, &company),
                gap,
                company,
            });
        }
    }
    // A silence nobody else was logging at the start of says nothing about
    // the others: after every one that does, whatever its score.
    silences.sort_by(|a, b| {
        (a.company.alone.is_some())
            .cmp(&b.company.alone.is_some())
            .then(b.score.total_cmp(&a.score))
            .then(a.gap.start.cmp(&b.gap.start))
            .then(a.source.cmp(&b.source))
    });
    Analysis {
        silences,
        quiet_periods: union(quiet),
    }
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
        assert_eq!((with_busy.around, with_busy.busy), (1, 1));
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

    /// Every `step_ms` from `from` to `to` seconds, nothing strictly inside `hole`.
    fn every(step_ms: i64, from: i64, to: i64, hole: Option<(i64, i64)>) -> Times {
        let ms = NANOS_PER_SEC / 1000;
        let inside = |t: i64| hole.is_some_and(|(a, b)| t > a * 1000 && t < b * 1000);
        Times(
            (from * 1000..=to * 1000)
                .step_by(step_ms as usize)
                .filter(|&t| !inside(t))
                .map(|t| t * ms)
                .collect(),
        )
    }

    fn ranked(sources: &[Times]) -> Analysis {
        let end = sources.iter().filter_map(|s| s.last()).max();
        let gaps = sources
            .iter()
            .map(|s| {
                super::super::detect::gaps(s.0.iter().copied().enumerate(), end, 5 * NANOS_PER_SEC)
            })
            .collect();
        rank(gaps, sources)
    }

    /// A log that stops at 04:07 opened with an incident that starts at 14:30:
    /// its "silence until the end" began when no other source was logging,
    /// so it says nothing about the incident and ranks below the client's
    /// 12m16s silence that the backend logged through, however long it is.
    #[test]
    fn a_silence_no_other_source_was_logging_at_the_start_of_ranks_last() {
        let h = 3600;
        let (from, to) = (14 * h + 30 * 60, 16 * h + 30 * 60);
        let early = every(100, 4 * h, 4 * h + 7 * 60, None);
        let client = every(1000, from, to, Some((52267, 53003)));
        let backend = every(500, from, to, None);
        let a = ranked(&[early, client, backend]);
        let who: Vec<usize> = a.silences.iter().map(|s| s.source).collect();
        assert_eq!(who, [1, 0], "{a:?}");
        eprintln!(
            "{:?}",
            a.silences.iter().map(|s| s.score).collect::<Vec<_>>()
        );
        let s = NANOS_PER_SEC;
        assert_eq!(a.silences[0].company.alone, None);
        assert_eq!(
            a.silences[1].company.alone,
            Some(Alone::OthersBegin((10 * h + 23 * 60) * s))
        );
    }

    /// Every other source had stopped before it began: as alone. A moment
    /// (one time: a goroutine dump placed in time) is no source logging.
    #[test]
    fn after_the_others_stopped_is_alone_and_a_moment_is_nobody() {
        let s = NANOS_PER_SEC;
        let g = gap(1040, 1090, 1);
        let own = || every(500, 1000, 1100, Some((1040, 1090)));
        let gone = every(500, 0, 500, None);
        let c = company(0, &g, &[own(), gone, Times(vec![1060 * s])]);
        assert_eq!(c.alone, Some(Alone::OthersEnded));
        // Alone with only a moment beside it: nobody to compare with, not "alone".
        let c = company(0, &g, &[own(), Times(vec![1060 * s])]);
        assert_eq!(c.alone, None);
    }

    /// Another source was logging at its start but stopped 3m after it
    /// began: nobody is "around" (no one logged on both sides of it), yet
    /// "no other source around" was wrong; it says when they stopped.
    #[test]
    fn others_that_stopped_during_it_are_said_to_have_stopped() {
        let s = NANOS_PER_SEC;
        let g = gap(1040, 1640, 1);
        let own = every(500, 1000, 1700, Some((1040, 1640)));
        let stopping = every(500, 900, 1220, None);
        let c = company(0, &g, &[own, stopping]);
        assert_eq!((c.around, c.alone), (0, None));
        assert_eq!(c.stopped, Some(180 * s));
        assert_eq!(c.says(), "others stopped 3m00s after it began");
        // Nobody else at all: still nobody around.
        let c = company(0, &g, &[every(500, 1000, 1700, Some((1040, 1640)))]);
        assert_eq!(
            (c.stopped, c.says().as_str()),
            (None, "no other source around")
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
