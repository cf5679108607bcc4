//! A log written newest first (`journalctl -r`, `tac`, a web console's
//! export) is read in time order: once it is indexed whole, its records are
//! reversed. A record's lines stay as written (an entry points at its first
//! line and the record runs to the next record in the file), so record `i`
//! ends where record `i - 1` begins; `Index::end_of` and `Index::holding`
//! answer for either order, and line numbers stay the file's own.

use std::sync::Arc;

use super::{Index, Segment, flags, summarize};
use crate::time::Nanos;

impl Index {
    /// The log, as written, runs newest first: its first time is later than
    /// its last, and it steps back in time more than twice as often as
    /// forward. Not just more often: a file interleaving a host whose clock
    /// is behind steps back to it and forward from it about equally, and each
    /// host in it is written oldest first.
    pub fn newest_first(&self) -> bool {
        if self.reversed || self.stats.backwards <= 2 * self.stats.forwards {
            return false;
        }
        let first = (0..self.len)
            .map_while(|i| self.get(i))
            .find(|e| e.own_time())
            .map(|e| e.time());
        matches!((first, self.last_own), (Some(a), Some(b)) if a > b)
    }

    /// Records are in the reverse of file order (`reverse`).
    pub fn reversed(&self) -> bool {
        self.reversed
    }

    /// Puts the records in the reverse of their order, oldest first for a
    /// log written newest first. A record without a time of its own takes
    /// the one before it in the new order, as it would in the log written
    /// oldest first; steps back are counted again. Call once it is whole:
    /// `append` after it would place records wrongly.
    pub fn reverse(&mut self) {
        self.rebuild(true, |t| t);
        self.reversed = !self.reversed;
    }

    /// Builds the segments again, in reverse order when `reverse`, with each
    /// own time `t` made `retime(t)` (called in the new order): a record
    /// without a time of its own takes the one before it, steps back, the
    /// first and last times and the blocks' summaries are counted again.
    pub(super) fn rebuild(&mut self, reverse: bool, mut retime: impl FnMut(Nanos) -> Nanos) {
        let mut segments = std::mem::take(&mut self.segments);
        // The records a mark was taken before are rebuilt.
        self.mark = None;
        if reverse {
            segments.reverse();
        }
        self.starts.clear();
        self.prefix_max.clear();
        self.len = 0;
        let (mut last_own, mut last_time): (Option<Nanos>, Option<Nanos>) = (None, None);
        let (mut backwards, mut forwards) = (0, 0);
        let mut running = Nanos::MIN;
        let (mut first, mut last) = (Nanos::MAX, Nanos::MIN);
        for seg in segments {
            // A partial index handed to the screen may still share it.
            let mut entries =
                Arc::try_unwrap(seg).map_or_else(|s| s.entries.clone(), |s| s.entries);
            if reverse {
                entries.reverse();
            }
            for e in &mut entries {
                if e.own_time() {
                    let t = retime(e.time());
                    let back = last_own.is_some_and(|p| t < p);
                    backwards += u64::from(back);
                    forwards += u64::from(last_own.is_some_and(|p| t > p));
                    let (set, clear) = if back {
                        (flags::BACKWARDS, 0)
                    } else {
                        (0, flags::BACKWARDS)
                    };
                    e.set_time(t, set, clear);
                    // Chunks give their first and last times: the log's
                    // first and last are its least and greatest.
                    first = first.min(t);
                    last = last.max(t);
                    last_own = Some(t);
                    last_time = Some(t);
                } else {
                    match last_time {
                        Some(t) => e.set_time(t, flags::INHERITED, flags::UNKNOWN),
                        None => e.set_time(Nanos::MIN, flags::UNKNOWN, flags::INHERITED),
                    }
                }
            }
            let blocks = summarize(&entries);
            running = running.max(blocks.iter().map(|b| b.max).max().unwrap_or(Nanos::MIN));
            self.starts.push(self.len);
            self.len += entries.len();
            self.prefix_max.push(running);
            self.segments.push(Arc::new(Segment { entries, blocks }));
        }
        if last_own.is_some() {
            (self.stats.first, self.stats.last) = (Some(first), Some(last));
        }
        self.stats.backwards = backwards;
        self.stats.forwards = forwards;
        self.last_own = last_own;
        self.last_time = last_time;
    }

    /// Where record `i`'s bytes end: where the record after it in the file
    /// begins (`u64::MAX` for the file's last record).
    #[inline]
    pub fn end_of(&self, i: usize) -> u64 {
        let next = if self.reversed {
            i.checked_sub(1)
        } else {
            i.checked_add(1)
        };
        next.and_then(|n| self.get(n))
            .map_or(u64::MAX, |e| e.offset())
    }

    /// The record holding byte `offset`: the last one in the file that
    /// starts at or before it.
    pub fn holding(&self, offset: u64) -> Option<usize> {
        // Records ascend in offset one way or the other: count those that
        // start at or before `offset`.
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let before = self.get(mid).is_some_and(|e| e.offset() <= offset);
            if before != self.reversed {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if self.reversed {
            (lo < self.len).then_some(lo)
        } else {
            lo.checked_sub(1)
        }
    }
}
