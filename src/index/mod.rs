//! The record index of one source: a compact entry per record, stored in
//! immutable segments (cheap to share with the UI while indexing goes on),
//! with per-block summaries so that time and level jumps never scan.

pub mod chunk;
pub mod entry;
pub mod resolve;

use std::sync::Arc;

use rayon::prelude::*;

pub use chunk::{ChunkCtx, Grouping};
pub use entry::{Entry, flags};
pub use resolve::{Assumptions, Resolver, Zone};

use crate::level::Level;
use crate::time::Nanos;

/// Records per block summary.
pub const BLOCK: usize = 1024;
/// Bytes per parallel indexing chunk.
pub const CHUNK: usize = 8 << 20;

#[derive(Debug, Clone, Copy)]
struct Block {
    /// Largest own time of any record up to the end of this block (a running max),
    /// so that binary search works even when times go backwards.
    prefix_max: Nanos,
    /// Bit `code` set when a record of that level code is in the block.
    levels: u8,
}

/// Counters reported by `casefile index`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub lines: u64,
    pub timestamped_lines: u64,
    /// Records per level code (0 = no level).
    pub levels: [u64; 8],
    pub backwards: u64,
    pub first: Option<Nanos>,
    pub last: Option<Nanos>,
    pub longest_line: usize,
    pub assumptions: Assumptions,
    pub no_year_sample: Option<(u8, u8)>,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    segments: Vec<Arc<[Entry]>>,
    starts: Vec<usize>,
    len: usize,
    blocks: Vec<Block>,
    pub stats: Stats,
    last_time: Option<Nanos>,
    last_own: Option<Nanos>,
}

impl Index {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Heap bytes held by the entries and summaries (the mapped file not included).
    pub fn heap_bytes(&self) -> usize {
        self.len * std::mem::size_of::<Entry>()
            + self.blocks.len() * std::mem::size_of::<Block>()
            + self.segments.len() * 32
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<Entry> {
        if i >= self.len {
            return None;
        }
        let s = self.starts.partition_point(|&st| st <= i) - 1;
        Some(self.segments[s][i - self.starts[s]])
    }

    /// Iterates entries from record `from` onwards.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = (usize, Entry)> + '_ {
        let s = if from >= self.len {
            self.segments.len()
        } else {
            self.starts.partition_point(|&st| st <= from) - 1
        };
        // Slice into the first segment rather than skipping entry by entry:
        // segments hold ~100k entries and lookups start mid-segment.
        self.segments[s.min(self.segments.len())..]
            .iter()
            .zip(self.starts[s.min(self.starts.len())..].iter())
            .flat_map(move |(seg, &st)| {
                let skip = from.saturating_sub(st).min(seg.len());
                seg[skip..]
                    .iter()
                    .enumerate()
                    .map(move |(k, e)| (st + skip + k, *e))
            })
    }

    /// Indexes `data[start..end]` (which must start at a line start and end at
    /// a line end or EOF) and appends its records. `base` is the virtual offset of
    /// `data[0]`; `part_start` says this range begins a new file part.
    /// Runs chunks in parallel on the rayon pool; `progress` is called after each
    /// batch with the bytes done so far, and may look at the partial index.
    pub fn append(
        &mut self,
        data: &[u8],
        base: u64,
        start: usize,
        end: usize,
        ctx: &ChunkCtx,
        part_start: bool,
        mut progress: impl FnMut(&Index, usize),
    ) {
        let bounds = chunk_bounds(data, start, end, CHUNK);
        let batch = rayon::current_num_threads().max(1) * 2;
        for (b, group) in bounds.chunks(batch).enumerate() {
            let outs: Vec<_> = group
                .par_iter()
                .enumerate()
                .map(|(k, &(s, e))| {
                    chunk::index_chunk(data, base, s, e, ctx, part_start && b == 0 && k == 0)
                })
                .collect();
            for out in outs {
                self.stitch(out);
            }
            progress(self, group.last().map_or(end, |g| g.1) - start);
        }
    }

    fn stitch(&mut self, mut out: chunk::ChunkOut) {
        for e in &mut out.entries[..out.leading_untimed] {
            if let Some(t) = self.last_time {
                e.set_time(t, flags::INHERITED, flags::UNKNOWN);
            }
        }
        if let (Some(prev), Some(first)) = (self.last_own, out.first_own) {
            if first < prev {
                out.backwards += 1;
                if let Some(e) = out.entries.iter_mut().find(|e| e.own_time()) {
                    e.add_flag(flags::BACKWARDS);
                }
            }
        }
        let st = &mut self.stats;
        st.lines += out.lines;
        st.timestamped_lines += out.timestamped_lines;
        for (a, b) in st.levels.iter_mut().zip(out.levels) {
            *a += b;
        }
        st.backwards += out.backwards;
        st.longest_line = st.longest_line.max(out.longest_line);
        let a = &mut st.assumptions;
        a.used_zone |= out.assumptions.used_zone;
        a.inferred_year |= out.assumptions.inferred_year;
        a.missing_boot_time |= out.assumptions.missing_boot_time;
        if st.no_year_sample.is_none() {
            st.no_year_sample = out.no_year_sample;
        }
        if let Some(f) = out.first_own {
            st.first = Some(st.first.map_or(f, |x| x.min(f)));
        }
        if let Some(l) = out.last_own {
            st.last = Some(st.last.map_or(l, |x| x.max(l)));
            self.last_own = Some(l);
        }
        if out.last_time.is_some() {
            self.last_time = out.last_time;
        }
        if out.entries.is_empty() {
            return;
        }
        self.push_segment(out.entries);
    }

    fn push_segment(&mut self, entries: Vec<Entry>) {
        let first_new = self.len;
        self.starts.push(self.len);
        self.len += entries.len();
        self.segments.push(Arc::from(entries));
        // Recompute the last (possibly partial) block and add new ones.
        let first_block = first_new / BLOCK;
        self.blocks.truncate(first_block);
        let mut running = if first_block == 0 {
            Nanos::MIN
        } else {
            self.blocks[first_block - 1].prefix_max
        };
        let mut i = first_block * BLOCK;
        while i < self.len {
            let stop = (i + BLOCK).min(self.len);
            let mut levels = 0u8;
            for (_, e) in self.iter_from(i).take(stop - i) {
                if e.own_time() {
                    running = running.max(e.time());
                }
                levels |= 1 << Level::code(e.level());
            }
            self.blocks.push(Block {
                prefix_max: running,
                levels,
            });
            i = stop;
        }
    }

    /// The last record at or before instant `t`, in file order: the record just
    /// before the first one whose time (running maximum) is after `t`.
    /// None when every record is after `t`.
    pub fn at_or_before(&self, t: Nanos) -> Option<usize> {
        let b = self.blocks.partition_point(|blk| blk.prefix_max <= t);
        if b == self.blocks.len() {
            return self.len.checked_sub(1);
        }
        let mut running = if b == 0 {
            Nanos::MIN
        } else {
            self.blocks[b - 1].prefix_max
        };
        for (i, e) in self.iter_from(b * BLOCK).take(BLOCK) {
            if e.own_time() {
                running = running.max(e.time());
            }
            if running > t {
                return i.checked_sub(1);
            }
        }
        self.len.checked_sub(1)
    }

    /// The first record at or after instant `t`.
    pub fn at_or_after(&self, t: Nanos) -> Option<usize> {
        let i = match self.at_or_before(t) {
            Some(i) if self.get(i).is_some_and(|e| e.time() >= t) => i,
            Some(i) => i + 1,
            None => 0,
        };
        (i < self.len).then_some(i)
    }

    /// Next record after `from` whose level satisfies `want`; skips whole blocks.
    pub fn next_level(&self, from: usize, want: impl Fn(Option<Level>) -> bool) -> Option<usize> {
        let mask = self.level_mask(&want);
        let mut i = from + 1;
        while i < self.len {
            let b = i / BLOCK;
            if self.blocks[b].levels & mask == 0 {
                i = (b + 1) * BLOCK;
                continue;
            }
            let stop = ((b + 1) * BLOCK).min(self.len);
            if let Some((k, _)) = self
                .iter_from(i)
                .take(stop - i)
                .find(|(_, e)| want(e.level()))
            {
                return Some(k);
            }
            i = stop;
        }
        None
    }

    /// Previous record before `from` whose level satisfies `want`.
    pub fn prev_level(&self, from: usize, want: impl Fn(Option<Level>) -> bool) -> Option<usize> {
        let mask = self.level_mask(&want);
        let mut i = from.min(self.len);
        while i > 0 {
            let b = (i - 1) / BLOCK;
            let lo = b * BLOCK;
            if self.blocks[b].levels & mask != 0 {
                let found = self
                    .iter_from(lo)
                    .take(i - lo)
                    .filter(|(_, e)| want(e.level()))
                    .last();
                if let Some((k, _)) = found {
                    return Some(k);
                }
            }
            i = lo;
        }
        None
    }

    fn level_mask(&self, want: &impl Fn(Option<Level>) -> bool) -> u8 {
        (0..8u8)
            .filter(|&c| want(Level::from_code(c)))
            .fold(0, |m, c| m | 1 << c)
    }
}

/// Splits `data[start..end]` into ranges of about `size` bytes that end at newlines.
pub fn chunk_bounds(data: &[u8], start: usize, end: usize, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = start;
    while s < end {
        let target = (s + size).min(end);
        let e = if target == end {
            end
        } else {
            memchr::memchr(b'\n', &data[target..end]).map_or(end, |i| target + i + 1)
        };
        out.push((s, e));
        s = e;
    }
    out
}

#[cfg(test)]
mod tests;
