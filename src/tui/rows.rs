//! Where each pane stands: its rows after filtering, its cursor row at the
//! shared cursor time, and the merged order of all panes walked outward from
//! the cursor (never materialised).

use super::app::{App, RowRef};
use crate::source::Source;
use crate::time::Nanos;

/// Order of rows in the merged view: (aligned time, pane, record).
pub type MergeKey = (Nanos, usize, usize);

/// The rows of one pane: every record in the `--since`/`--until` range, or
/// the filtered list cut to that range.
#[derive(Clone, Copy)]
pub struct Rows<'a> {
    pub src: &'a Source,
    pub visible: Option<&'a [u32]>,
    /// First record in range (used when there is no filter list).
    lo: usize,
    /// One past the last record in range.
    hi: usize,
}

impl<'a> Rows<'a> {
    /// Rows of `src` limited to records `lo..hi` (found by seeking in the time index).
    pub fn new(src: &'a Source, visible: Option<&'a [u32]>, lo: usize, hi: usize) -> Rows<'a> {
        let hi = hi.min(src.index.len()).max(lo);
        let visible = visible.map(|v| {
            let a = v.partition_point(|&r| (r as usize) < lo);
            let b = v.partition_point(|&r| (r as usize) < hi);
            &v[a..b.max(a)]
        });
        Rows {
            src,
            visible,
            lo,
            hi,
        }
    }
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        match self.visible {
            Some(v) => v.len(),
            None => self.hi - self.lo,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn record(&self, k: usize) -> usize {
        match self.visible {
            Some(v) => v.get(k).map_or(usize::MAX, |&r| r as usize),
            None if k < self.len() => self.lo + k,
            None => usize::MAX,
        }
    }

    /// The last row whose record is at or before `rec`.
    pub fn at_or_before(&self, rec: usize) -> Option<usize> {
        match self.visible {
            Some(v) => v.partition_point(|&r| r as usize <= rec).checked_sub(1),
            None if self.is_empty() || rec < self.lo => None,
            None => Some(rec.min(self.hi - 1) - self.lo),
        }
    }

    /// Whether record `rec` is one of these rows.
    pub fn contains(&self, rec: usize) -> bool {
        match self.visible {
            Some(v) => v.binary_search(&(rec as u32)).is_ok(),
            None => (self.lo..self.hi).contains(&rec),
        }
    }

    /// Sort key of row `k` in the merged order: aligned time (inherited for
    /// records without their own), then pane, then record.
    pub fn time_key(&self, k: usize) -> Nanos {
        let rec = self.record(k);
        self.src
            .index
            .get(rec)
            .map_or(Nanos::MIN, |e| e.time().saturating_add(self.src.offset))
    }
}

impl App {
    pub fn rows(&self, p: usize) -> Option<Rows<'_>> {
        let pane = self.panes.get(p)?;
        let src = pane.source.as_ref()?;
        // --since/--until: the range is found by seeking in the time index.
        let lo = self
            .since
            .map_or(0, |t| src.at_or_after(t).unwrap_or(src.index.len()));
        let hi = self.until.map_or(src.index.len(), |t| {
            src.at_or_before(t).map_or(0, |i| i + 1)
        });
        // A filter result computed on a shorter partial index is still valid for its prefix.
        Some(Rows::new(
            src,
            pane.visible.as_deref().map(Vec::as_slice),
            lo,
            hi,
        ))
    }

    /// The record pane `p` would show at the cursor before filtering.
    fn raw_cursor_record(&self, p: usize) -> Option<usize> {
        let pane = self.panes.get(p)?;
        let src = pane.source.as_ref()?;
        if src.index.is_empty() {
            return None;
        }
        if let Some((pp, r)) = self.pin
            && pp == p
        {
            return Some(r);
        }
        if !pane.timed() {
            return Some(pane.untimed_row.min(src.index.len() - 1));
        }
        Some(src.at_or_before(self.cursor).unwrap_or(0))
    }

    /// The cursor's row (position in `rows(p)`) in pane `p`.
    pub fn cursor_row(&self, p: usize) -> Option<usize> {
        let rows = self.rows(p)?;
        if rows.is_empty() {
            return None;
        }
        let rec = self.raw_cursor_record(p)?;
        Some(rows.at_or_before(rec).unwrap_or(0))
    }

    /// How long pane `p` has been quiet at the cursor, when the cursor is in
    /// one of its silences (the silence analysis decides, as for `show`).
    pub fn quiet(&self, p: usize) -> Option<Nanos> {
        if self.pin.is_some_and(|(pp, _)| pp == p) || !self.panes.get(p)?.timed() {
            return None;
        }
        self.silences.as_ref()?.quiet(p, self.cursor)
    }

    /// Panes taking part in time alignment and the merged view.
    pub fn timed_panes(&self) -> Vec<usize> {
        (0..self.panes.len())
            .filter(|&p| self.panes[p].timed())
            .collect()
    }

    fn key(&self, p: usize, k: usize) -> Option<MergeKey> {
        let rows = self.rows(p)?;
        (k < rows.len()).then(|| (rows.time_key(k), p, rows.record(k)))
    }

    /// The merged view's cursor row: the pinned row, else the latest row at or
    /// before the cursor time over all panes, else the earliest row. A pinned
    /// record a filter hides pins nothing: its pane's nearest visible row may
    /// lie far from the cursor, where the other panes' rows are.
    pub fn merged_cursor(&self) -> Option<(usize, usize)> {
        if let Some((p, r)) = self.pin
            && let Some(k) = self.cursor_row(p)
            && self.rows(p).is_some_and(|rows| rows.record(k) == r)
        {
            return Some((p, k));
        }
        type Best = Option<(MergeKey, (usize, usize))>;
        let mut best: Best = None;
        let mut first: Best = None;
        for p in self.timed_panes() {
            let Some(k) = self.cursor_row(p) else {
                continue;
            };
            let Some(key) = self.key(p, k) else { continue };
            if key.0 <= self.cursor {
                if best.is_none_or(|(b, _)| key > b) {
                    best = Some((key, (p, k)));
                }
            } else if first.is_none_or(|(b, _)| key < b) {
                first = Some((key, (p, k)));
            }
        }
        best.or(first).map(|(_, at)| at)
    }

    /// Per timed pane, the first row after `at` in merged order.
    fn split(&self, at: (usize, usize)) -> Vec<(usize, usize)> {
        let Some((t, p0, _)) = self.key(at.0, at.1) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for p in self.timed_panes() {
            let Some(rows) = self.rows(p) else { continue };
            let next = if p == p0 {
                at.1 + 1
            } else {
                // Ties go to the pane listed first.
                let bound = if p < p0 { t } else { t.saturating_sub(1) };
                match rows.src.at_or_before(bound) {
                    Some(rec) => rows.at_or_before(rec).map_or(0, |k| k + 1),
                    None => 0,
                }
            };
            out.push((p, next));
        }
        out
    }

    /// Up to `n` rows after `at` in merged order, nearest first.
    pub fn merged_after(&self, at: (usize, usize), n: usize) -> Vec<(usize, usize)> {
        let mut next = self.split(at);
        let mut out = Vec::new();
        while out.len() < n {
            let best = next
                .iter()
                .enumerate()
                .filter_map(|(i, &(p, k))| Some((self.key(p, k)?, i)))
                .min();
            let Some((_, i)) = best else { break };
            out.push(next[i]);
            next[i].1 += 1;
        }
        out
    }

    /// Up to `n` rows before `at` in merged order, nearest first.
    pub fn merged_before(&self, at: (usize, usize), n: usize) -> Vec<(usize, usize)> {
        // One past the last row before `at`, per pane.
        let mut prev: Vec<(usize, usize)> = self
            .split(at)
            .into_iter()
            .map(|(p, k)| if p == at.0 { (p, at.1) } else { (p, k) })
            .collect();
        let mut out = Vec::new();
        while out.len() < n {
            let best = prev
                .iter()
                .enumerate()
                .filter(|(_, (_, k))| *k > 0)
                .filter_map(|(i, &(p, k))| Some((self.key(p, k - 1)?, i)))
                .max();
            let Some((_, i)) = best else { break };
            prev[i].1 -= 1;
            out.push(prev[i]);
        }
        out
    }

    /// Records of pane `p` as a row reference.
    pub fn row_ref(&self, p: usize, k: usize) -> Option<RowRef> {
        let rows = self.rows(p)?;
        (k < rows.len()).then(|| (p, rows.record(k)))
    }
}

pub use crate::level::column_tag as level_tag;
