//! The hour a zone repeats when daylight saving time ends: a log written in
//! local time without an offset (syslog, most text logs) writes 01:00–01:59
//! twice, and each stamp alone could be either. The resolver picks one
//! instant for every such stamp (the earlier, in a named zone and the
//! machine's alike), which put one of the two passes an hour off: the second
//! among the records of the hour before, or the first an hour late, leaving
//! a silence of an hour that never was. Read in the order written, the
//! first pass is before the clocks went back and the records from the step
//! back on are after.

use chrono::{Offset, TimeZone};

use super::Index;
use super::resolve::Zone;
use crate::time::{NANOS_PER_SEC, Nanos, to_datetime};

const DAY: Nanos = 86_400 * NANOS_PER_SEC;

/// A step back in time of less than this inside the repeated hour is a
/// log's own disorder (threads writing out of order), not the clocks.
const SLACK: Nanos = 60 * NANOS_PER_SEC;

/// The zone's offset from UTC (seconds) at instant `t`; None for a fixed
/// offset, which never repeats an hour.
fn offset_at(zone: &Zone, t: Nanos) -> Option<i32> {
    let utc = to_datetime(t).naive_utc();
    match zone {
        Zone::Fixed(_) => None,
        Zone::Named(tz) => Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()),
        Zone::Local => Some(
            chrono::Local
                .offset_from_utc_datetime(&utc)
                .fix()
                .local_minus_utc(),
        ),
    }
}

/// Whether daylight saving time ends in `zone` between `from` and `to` (a
/// day's margin each side): stamps without an offset read there may need
/// `Index::place_repeated_hours`.
pub fn repeats_an_hour(zone: &Zone, from: Nanos, to: Nanos) -> bool {
    !fall_backs(zone, from, to).is_empty()
}

/// Where the offset drops (daylight saving time ends) between `from` and
/// `to`: each instant and by how much the clocks went back.
fn fall_backs(zone: &Zone, from: Nanos, to: Nanos) -> Vec<(Nanos, Nanos)> {
    let mut out = Vec::new();
    let mut t = from.saturating_sub(DAY);
    let Some(mut before) = offset_at(zone, t) else {
        return out;
    };
    while t < to.saturating_add(DAY) {
        let next = t.saturating_add(DAY);
        let Some(after) = offset_at(zone, next) else {
            return out;
        };
        if after < before {
            // The second at which it changed: zones change on whole seconds.
            let (mut lo, mut hi) = (
                t.div_euclid(NANOS_PER_SEC),
                next.div_euclid(NANOS_PER_SEC) + 1,
            );
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(zone, mid * NANOS_PER_SEC) == Some(before) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push((
                hi * NANOS_PER_SEC,
                Nanos::from(before - after) * NANOS_PER_SEC,
            ));
        }
        (t, before) = (next, after);
    }
    out
}

/// What `place_repeated_hours` did, for the source's warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// When the clocks went back (UTC) and by how much.
    pub at: Nanos,
    pub by: Nanos,
    /// Records read in the repeated hour, and how many of them were written
    /// after the clocks went back.
    pub records: u64,
    pub after: u64,
}

impl Index {
    /// Places the records of each hour `zone` repeats in the order written
    /// (see the module's comment). Call once the index is whole and in time
    /// order (after `reverse`), for a source whose stamps carry no offset.
    pub fn place_repeated_hours(&mut self, zone: &Zone) -> Vec<Repeated> {
        let (Some(first), Some(last)) = (self.stats.first, self.stats.last) else {
            return Vec::new();
        };
        let falls = fall_backs(zone, first, last);
        if falls.is_empty() {
            return Vec::new();
        }
        // Each repeated hour read as either pass: an instant in it whichever
        // the resolver chose.
        let within = |t: Nanos| {
            falls
                .iter()
                .position(|&(at, by)| t >= at - by && t < at + by)
        };
        let any = self
            .slices_from(0)
            .flatten()
            .any(|e| e.own_time() && within(e.time()).is_some());
        if !any {
            return Vec::new();
        }
        let mut done: Vec<Repeated> = falls
            .iter()
            .map(|&(at, by)| Repeated {
                at,
                by,
                records: 0,
                after: 0,
            })
            .collect();
        // Per repeated hour: past the step back yet, and the last time placed in it.
        let mut passed = vec![false; falls.len()];
        let mut prev: Vec<Option<Nanos>> = vec![None; falls.len()];
        self.rebuild(false, |t| {
            for (k, &(at, by)) in falls.iter().enumerate() {
                if t >= at + by {
                    passed[k] = true;
                }
            }
            let Some(k) = within(t) else {
                return t;
            };
            let (at, by) = falls[k];
            let early = if t < at { t } else { t - by };
            if prev[k].is_some_and(|p| early + SLACK < p) {
                passed[k] = true;
            }
            let placed = if passed[k] { early + by } else { early };
            prev[k] = Some(placed);
            done[k].records += 1;
            done[k].after += u64::from(passed[k]);
            placed
        });
        done.retain(|r| r.records > 0);
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_yorks_fall_back_of_2024_is_found_to_the_second() {
        let zone = Zone::Named(chrono_tz::America::New_York);
        let day = crate::time::civil_to_nanos(2024, 11, 3, 0, 0, 0, 0).expect("time");
        let falls = fall_backs(&zone, day + 123_456_789, day + DAY);
        // 02:00 EDT is 06:00 UTC.
        let at = crate::time::civil_to_nanos(2024, 11, 3, 6, 0, 0, 0).expect("time");
        assert_eq!(falls, vec![(at, 3600 * NANOS_PER_SEC)]);
        assert!(fall_backs(&Zone::Fixed(0), day, day + DAY).is_empty());
    }
}
