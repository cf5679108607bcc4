//! The record index of one source: a compact entry per record, stored in
//! immutable segments (cheap to share with the UI while indexing goes on),
//! with per-block summaries so that time and level jumps never scan.

pub mod chunk;
pub mod entry;
mod machine_zone;
mod order;
pub mod repeated_hour;
pub use repeated_hour::repeats_an_hour;
pub mod resolve;

use std::sync::Arc;

use rayon::prelude::*;

pub use chunk::{ChunkCtx, Grouping};
pub use entry::{Entry, MAX_FIRST_LINE, flags};
pub use resolve::{Assumptions, Resolver, Zone};

use crate::level::Level;
use crate::time::Nanos;

/// Records per block summary.
pub const BLOCK: usize = 1024;
/// Bytes per parallel indexing chunk.
pub const CHUNK: usize = 4 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Largest own time of a record in this block (`Nanos::MIN` if none).
    pub max: Nanos,
    /// Bit `code` set when a record of that level code is in the block.
    pub levels: u8,
}

/// Summaries of consecutive runs of `BLOCK` entries.
pub fn summarize(entries: &[Entry]) -> Vec<Block> {
    entries
        .chunks(BLOCK)
        .map(|c| {
            let mut b = Block {
                max: Nanos::MIN,
                levels: 0,
            };
            for e in c {
                if e.own_time() {
                    b.max = b.max.max(e.time());
                }
                b.levels |= 1 << Level::code(e.level());
            }
            b
        })
        .collect()
}

/// An immutable run of entries from one chunk, with its block summaries.
#[derive(Debug)]
struct Segment {
    entries: Vec<Entry>,
    blocks: Vec<Block>,
}

/// Counters reported by `casefile index`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub lines: u64,
    pub timestamped_lines: u64,
    /// Records per level code (0 = no level).
    pub levels: [u64; 8],
    /// Records per level code whose level was inferred from the text.
    pub inferred: [u64; 8],
    pub backwards: u64,
    /// Steps to a later time: a log with more steps back is newest first.
    pub forwards: u64,
    /// The least and greatest own times (the timeline's range), whatever
    /// the order written and wherever chunks were cut.
    pub first: Option<Nanos>,
    pub last: Option<Nanos>,
    pub longest_line: usize,
    pub assumptions: Assumptions,
    pub no_year_sample: Option<(u8, u8)>,
    /// Lines whose stamp casefile cannot place, and the first one's line number.
    pub out_of_range: u64,
    pub first_out_of_range: Option<u64>,
}

/// A range of one file part to index.
#[derive(Debug, Clone)]
pub struct Slice<'a> {
    /// The whole part's bytes.
    pub data: &'a [u8],
    /// Virtual offset of `data[0]` in the source (parts follow each other).
    pub base: u64,
    /// Must start at a line start and end at a line end or the end of `data`.
    pub range: std::ops::Range<usize>,
    /// No record exists before this range (the start of a part).
    pub part_start: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    segments: Vec<Arc<Segment>>,
    /// Record number of each segment's first entry.
    starts: Vec<usize>,
    /// Running maximum of own times through the end of each segment.
    prefix_max: Vec<Nanos>,
    len: usize,
    pub stats: Stats,
    last_time: Option<Nanos>,
    last_own: Option<Nanos>,
    /// The record rule's state after the last line indexed (`RecordState`).
    end_state: crate::format::records::RecordState,
    /// Records are in the reverse of file order (`order.rs`).
    reversed: bool,
    /// The index as it was before its last chunk that made records was
    /// stitched on: where a read that goes on from its last record starts
    /// (`before_last_chunk`).
    mark: Option<Arc<Mark>>,
}

/// What an index was before a chunk was stitched on, and where that chunk
/// began: indexing from there on, from this state, makes the records a
/// whole read makes (the same cut a whole read may make).
#[derive(Debug, Clone)]
struct Mark {
    /// The chunk's first line (virtual offset) and whether it began a part.
    offset: u64,
    part_start: bool,
    segments: usize,
    len: usize,
    stats: Stats,
    last_time: Option<Nanos>,
    last_own: Option<Nanos>,
    end_state: crate::format::records::RecordState,
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
        self.segments
            .iter()
            .map(|s| {
                s.entries.capacity() * std::mem::size_of::<Entry>()
                    + s.blocks.capacity() * std::mem::size_of::<Block>()
                    + 64
            })
            .sum()
    }

    fn segment_of(&self, i: usize) -> usize {
        self.starts.partition_point(|&st| st <= i) - 1
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<Entry> {
        if i >= self.len {
            return None;
        }
        let s = self.segment_of(i);
        Some(self.segments[s].entries[i - self.starts[s]])
    }

    /// Iterates entries from record `from` onwards.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = (usize, Entry)> + '_ {
        self.slices_from(from)
            .flatten()
            .enumerate()
            .map(move |(k, e)| (from + k, *e))
    }

    /// The entries from record `from` onwards, as the slices they are stored
    /// in: for walks that want no per-entry iterator overhead.
    pub fn slices_from(&self, from: usize) -> impl Iterator<Item = &[Entry]> + '_ {
        let s = if from >= self.len {
            self.segments.len()
        } else {
            self.segment_of(from)
        };
        self.segments[s..]
            .iter()
            .zip(&self.starts[s..])
            .map(move |(seg, &st)| &seg.entries[from.saturating_sub(st).min(seg.entries.len())..])
            .filter(|e| !e.is_empty())
    }

    /// Indexes `slice` and appends its records. Runs chunks in parallel on the
    /// rayon pool; `progress` is called after each batch with the bytes done
    /// so far, and may look at the partial index.
    pub fn append(
        &mut self,
        slice: Slice<'_>,
        ctx: &ChunkCtx,
        progress: impl FnMut(&Index, usize),
    ) {
        self.append_in_chunks(slice, ctx, CHUNK, progress);
    }

    /// `append` in chunks of about `chunk` bytes. The records do not depend
    /// on where chunks are cut: a chunk that started from another state of
    /// the record rule than the chunk before it ended in (a trace open across
    /// the cut, rare: cuts avoid traces' own lines) is indexed again from it.
    pub fn append_in_chunks(
        &mut self,
        slice: Slice<'_>,
        ctx: &ChunkCtx,
        chunk: usize,
        mut progress: impl FnMut(&Index, usize),
    ) {
        let Slice {
            data,
            base,
            range,
            part_start,
        } = slice;
        let bounds = chunk_bounds(data, range.start, range.end, chunk);
        let bounds = cuts_outside_traces(data, bounds, &ctx.format);
        let threads = rayon::current_num_threads().max(1);
        let mut next = 0;
        while next < bounds.len() {
            // A small first batch gives the UI a first screen fast; later ones
            // are larger so that stitching in order rarely idles a core.
            let batch = if next == 0 { threads } else { threads * 4 };
            let group = &bounds[next..(next + batch).min(bounds.len())];
            let first = next == 0;
            let outs: Vec<_> = group
                .par_iter()
                .enumerate()
                .map(|(k, &(s, e))| {
                    chunk::index_chunk(data, base, s, e, ctx, part_start && first && k == 0)
                })
                .collect();
            for (k, (out, &(s, e))) in outs.into_iter().zip(group).enumerate() {
                let part_first = part_start && first && k == 0;
                let out = if part_first || out.start_state == self.end_state {
                    out
                } else {
                    chunk::index_chunk_from(data, base, s, e, ctx, false, self.end_state)
                };
                if !out.entries.is_empty() {
                    self.mark = Some(Arc::new(self.mark_at(base + s as u64, part_first)));
                }
                self.end_state = out.end_state;
                self.stitch(out);
            }
            next += group.len();
            progress(self, group.last().map_or(range.end, |g| g.1) - range.start);
        }
    }

    /// This index as a `Mark` before a chunk at `offset`.
    fn mark_at(&self, offset: u64, part_start: bool) -> Mark {
        Mark {
            offset,
            part_start,
            segments: self.segments.len(),
            len: self.len,
            stats: self.stats.clone(),
            last_time: self.last_time,
            last_own: self.last_own,
            end_state: self.end_state,
        }
    }

    /// This index as it was before its last chunk that made records, and
    /// where that chunk began (a virtual offset; whether it began a part):
    /// indexing on from there gives what a whole read gives. Shares the
    /// segments before; None when no chunk made records or the records
    /// were rebuilt since (reversed, a repeated hour placed).
    pub fn before_last_chunk(&self) -> Option<(Index, u64, bool)> {
        let m = self.mark.as_deref()?;
        Some((self.cut_at(m), m.offset, m.part_start))
    }

    /// Where the chunk `before_last_chunk` goes on from began (a virtual
    /// offset), without building anything.
    pub fn last_chunk_offset(&self) -> Option<u64> {
        self.mark.as_deref().map(|m| m.offset)
    }

    fn cut_at(&self, m: &Mark) -> Index {
        Index {
            segments: self.segments[..m.segments].to_vec(),
            starts: self.starts[..m.segments].to_vec(),
            prefix_max: self.prefix_max[..m.segments].to_vec(),
            len: m.len,
            stats: m.stats.clone(),
            last_time: m.last_time,
            last_own: m.last_own,
            end_state: m.end_state,
            reversed: false,
            mark: None,
        }
    }

    fn stitch(&mut self, mut out: chunk::ChunkOut) {
        for e in &mut out.entries[..out.leading_untimed] {
            if let Some(t) = self.last_time {
                e.set_time(t, flags::INHERITED, flags::UNKNOWN);
            }
        }
        if let (Some(prev), Some(first)) = (self.last_own, out.first_own)
            && first < prev
        {
            out.backwards += 1;
            if let Some(e) = out.entries.iter_mut().find(|e| e.own_time()) {
                e.add_flag(flags::BACKWARDS);
            }
        } else if let (Some(prev), Some(first)) = (self.last_own, out.first_own)
            && first > prev
        {
            out.forwards += 1;
        }
        let st = &mut self.stats;
        if st.first_out_of_range.is_none() {
            st.first_out_of_range = out.first_out_of_range.map(|l| st.lines + l);
        }
        st.out_of_range += out.out_of_range;
        st.lines += out.lines;
        st.timestamped_lines += out.timestamped_lines;
        for (a, b) in st.levels.iter_mut().zip(out.levels) {
            *a += b;
        }
        for (a, b) in st.inferred.iter_mut().zip(out.inferred) {
            *a += b;
        }
        st.backwards += out.backwards;
        st.forwards += out.forwards;
        st.longest_line = st.longest_line.max(out.longest_line);
        let a = &mut st.assumptions;
        a.used_zone |= out.assumptions.used_zone;
        a.inferred_year |= out.assumptions.inferred_year;
        a.inferred_date |= out.assumptions.inferred_date;
        a.missing_boot_time |= out.assumptions.missing_boot_time;
        if st.no_year_sample.is_none() {
            st.no_year_sample = out.no_year_sample;
        }
        if let Some(f) = out.least_own {
            st.first = Some(st.first.map_or(f, |x| x.min(f)));
        }
        if let Some(l) = out.greatest_own {
            st.last = Some(st.last.map_or(l, |x| x.max(l)));
        }
        if let Some(l) = out.last_own {
            self.last_own = Some(l);
        }
        if out.last_time.is_some() {
            self.last_time = out.last_time;
        }
        if out.entries.is_empty() {
            return;
        }
        let seg_max = out.blocks.iter().map(|b| b.max).max().unwrap_or(Nanos::MIN);
        let running = self
            .prefix_max
            .last()
            .copied()
            .unwrap_or(Nanos::MIN)
            .max(seg_max);
        self.starts.push(self.len);
        self.len += out.entries.len();
        self.prefix_max.push(running);
        self.segments.push(Arc::new(Segment {
            entries: out.entries,
            blocks: out.blocks,
        }));
    }

    /// A copy in which every record without a time of its own is at `t`, as
    /// its own time: a goroutine dump prints no times, and placed at the
    /// moment it was taken it sits on the overview and in time with the logs.
    pub fn dated_at(&self, t: Nanos) -> Index {
        let mut entries: Vec<Entry> = self.iter_from(0).map(|(_, e)| e).collect();
        for e in entries.iter_mut().filter(|e| !e.own_time()) {
            e.set_time(t, 0, flags::UNKNOWN | flags::INHERITED);
        }
        let first = entries.iter().map(Entry::time).min();
        let last = entries.iter().map(Entry::time).max();
        let mut stats = self.stats.clone();
        stats.first = first;
        stats.last = last;
        let mut out = Index {
            stats,
            last_time: last,
            last_own: entries.last().map(Entry::time),
            reversed: self.reversed,
            ..Index::default()
        };
        if entries.is_empty() {
            return out;
        }
        let blocks = summarize(&entries);
        out.prefix_max
            .push(blocks.iter().map(|b| b.max).max().unwrap_or(Nanos::MIN));
        out.starts.push(0);
        out.len = entries.len();
        out.segments.push(Arc::new(Segment { entries, blocks }));
        out
    }

    /// The last record at or before instant `t`, in file order: the record just
    /// before the first one whose time (running maximum) is after `t`.
    /// None when every record is after `t`.
    pub fn at_or_before(&self, t: Nanos) -> Option<usize> {
        let s = self.prefix_max.partition_point(|&m| m <= t);
        if s == self.segments.len() {
            return self.len.checked_sub(1);
        }
        let seg = &self.segments[s];
        let mut running = if s == 0 {
            Nanos::MIN
        } else {
            self.prefix_max[s - 1]
        };
        for (b, blk) in seg.blocks.iter().enumerate() {
            if running.max(blk.max) <= t {
                running = running.max(blk.max);
                continue;
            }
            let lo = b * BLOCK;
            for (k, e) in seg.entries[lo..].iter().enumerate() {
                if e.own_time() && e.time() > t {
                    return (self.starts[s] + lo + k).checked_sub(1);
                }
            }
        }
        // Unreachable when prefix_max is consistent; answer safely anyway.
        self.len.checked_sub(1)
    }

    /// The first record at or after instant `t`.
    pub fn at_or_after(&self, t: Nanos) -> Option<usize> {
        // The record after the last one before `t`: the first of several that
        // share time `t`, not the last (at_or_before(t) would give that one).
        let i = self.at_or_before(t.saturating_sub(1)).map_or(0, |i| i + 1);
        (i < self.len).then_some(i)
    }

    /// Next record after `from` whose level satisfies `want`; skips whole blocks.
    pub fn next_level(&self, from: usize, want: impl Fn(Option<Level>) -> bool) -> Option<usize> {
        let mask = level_mask(&want);
        let start = from.checked_add(1)?;
        if start >= self.len {
            return None;
        }
        let first_seg = self.segment_of(start);
        for s in first_seg..self.segments.len() {
            let seg = &self.segments[s];
            let local_start = start.saturating_sub(self.starts[s]);
            for b in local_start / BLOCK..seg.blocks.len() {
                if seg.blocks[b].levels & mask == 0 {
                    continue;
                }
                let lo = (b * BLOCK).max(local_start);
                let hi = ((b + 1) * BLOCK).min(seg.entries.len());
                if let Some(k) = seg.entries[lo..hi].iter().position(|e| want(e.level())) {
                    return Some(self.starts[s] + lo + k);
                }
            }
        }
        None
    }

    /// Previous record before `from` whose level satisfies `want`.
    pub fn prev_level(&self, from: usize, want: impl Fn(Option<Level>) -> bool) -> Option<usize> {
        let mask = level_mask(&want);
        let end = from.min(self.len);
        if end == 0 {
            return None;
        }
        let last_seg = self.segment_of(end - 1);
        for s in (0..=last_seg).rev() {
            let seg = &self.segments[s];
            let local_end = (end - self.starts[s]).min(seg.entries.len());
            for b in (0..local_end.div_ceil(BLOCK)).rev() {
                if seg.blocks[b].levels & mask == 0 {
                    continue;
                }
                let lo = b * BLOCK;
                let hi = ((b + 1) * BLOCK).min(local_end);
                if let Some(k) = seg.entries[lo..hi].iter().rposition(|e| want(e.level())) {
                    return Some(self.starts[s] + lo + k);
                }
            }
        }
        None
    }
}

fn level_mask(want: &impl Fn(Option<Level>) -> bool) -> u8 {
    (0..8u8)
        .filter(|&c| want(Level::from_code(c)))
        .fold(0, |m, c| m | 1 << c)
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

/// Moves each cut between chunks off lines that continue a trace its capturer
/// dated line by line (a chunk starts with no trace open, so it would be
/// indexed again, one after the other, from the state the chunk before ended
/// in): to the next line that does not, however far (a dump of a million
/// goroutines is hundreds of MB; its chunk is then that large). Most cuts
/// look at one line. Then, in any log, off a Python or Java exception
/// (`cuts_off_exceptions`).
pub fn cuts_outside_traces(
    data: &[u8],
    bounds: Vec<(usize, usize)>,
    format: &crate::format::Format,
) -> Vec<(usize, usize)> {
    if bounds.len() < 2 {
        return bounds;
    }
    if *format == crate::format::Format::Jul {
        return cuts_off_exceptions(data, cuts_off_jul_levels(data, bounds));
    }
    if matches!(
        format,
        crate::format::Format::JournalVerbose | crate::format::Format::JournalExport
    ) {
        return cuts_at_entries(
            data,
            bounds,
            *format == crate::format::Format::JournalVerbose,
        );
    }
    // A W3C or Zeek log's directive block is one record (a W3C one dated
    // by its `#Date:`).
    if format.directives() {
        return move_cuts(bounds, |mut at, end| {
            while at < end {
                let (line, nl) = line_at(data, at, end);
                if line.first() != Some(&b'#') {
                    break;
                }
                at = nl;
            }
            at
        });
    }
    if !format.prefixes_lines() {
        return cuts_off_exceptions(data, bounds);
    }
    let traced = move_cuts(bounds, |mut at, end| {
        while at < end {
            let (line, nl) = line_at(data, at, end);
            if !crate::format::records::continues_trace(format, line) {
                break;
            }
            at = nl;
        }
        at
    });
    cuts_off_exceptions(data, traced)
}

/// Cuts moved on to where a journal entry begins (`-o verbose`: a line not
/// indented; `-o export`: `__CURSOR=` after a blank line, which a binary
/// value's bytes would hardly hold), so that no entry's lines are split
/// between chunks: its end decides its record (`journal_entry`).
fn cuts_at_entries(data: &[u8], bounds: Vec<(usize, usize)>, verbose: bool) -> Vec<(usize, usize)> {
    move_cuts(bounds, |at, end| entry_start_from(data, at, end, verbose))
}

/// The first journal entry start at or after the line start `at` (as
/// `cuts_at_entries` finds them), or `end`.
fn entry_start_from(data: &[u8], mut at: usize, end: usize, verbose: bool) -> usize {
    let mut above_blank = false;
    while at < end {
        let (line, nl) = line_at(data, at, end);
        let starts = if verbose {
            line.first().is_some_and(|&b| b != b' ')
        } else {
            above_blank && line.starts_with(b"__CURSOR=")
        };
        if starts {
            break;
        }
        above_blank = line.is_empty();
        at = nl;
    }
    at
}

/// Where a step of `index_range` that would end at `at` ends: at the next
/// line start, or for journal entries (`-o verbose`, `-o export`) the next
/// entry's, since an entry's end decides its record.
pub fn step_end(format: &crate::format::Format, data: &[u8], at: usize, end: usize) -> usize {
    let at = memchr::memchr(b'\n', &data[at..end]).map_or(end, |k| at + k + 1);
    match format.entries() {
        Some(verbose) => entry_start_from(data, at, end, verbose),
        None => at,
    }
}

/// Whether reading `data` on from the line start `at` leaves the records
/// before it as a whole read makes them: not when the line there belongs
/// to the record above and changes it, java.util.logging's `LEVEL: message`
/// under its header (its level) or a journal entry's later line (its level,
/// its time, whether it joins a Go panic's record). Traces need no such
/// care: the record rule's state at `at` is the index's `end_state`.
pub fn resumes_at(format: &crate::format::Format, data: &[u8], at: usize) -> bool {
    if at >= data.len() {
        return true;
    }
    let (line, _) = line_at(data, at, data.len());
    match format.entries() {
        Some(true) => line.first() != Some(&b' '),
        Some(false) => data[..at].ends_with(b"\n\n") && line.starts_with(b"__CURSOR="),
        None => *format != crate::format::Format::Jul || crate::format::jul_level(line).is_none(),
    }
}

/// Whether a chunk starting at the line start `at` reads that line as a
/// whole read does, given the level of the record above (None: no record
/// above it in its part): not when it opens a Python or Java exception and
/// the record above is below a warning. A whole read makes that exception a
/// record of its own; a chunk, seeing no record above, takes it for the
/// record above's (`records::Start::Exception`; `cuts_off_exceptions`
/// keeps a whole read's cuts off it).
pub fn exception_resumes_at(data: &[u8], at: usize, above: Option<Option<Level>>) -> bool {
    if at >= data.len() {
        return true;
    }
    let line = crate::ansi::strip_cow(line_at(data, at, data.len()).0);
    match above {
        Some(level) => crate::format::traces::opener(&line).is_none() || level >= Some(Level::Warn),
        None => true,
    }
}

/// How much of a growing stream's `data[start..len]` is indexed now: its
/// whole lines, or for journal entries the whole entries.
pub fn whole_end(format: &crate::format::Format, data: &[u8], start: usize, len: usize) -> usize {
    let lines = memchr::memrchr(b'\n', &data[start..len]).map_or(start, |k| start + k + 1);
    match format.entries() {
        Some(verbose) => whole_entries_end(data, start, lines, verbose),
        None => lines,
    }
}

/// Where the last whole journal entry in `data[start..end]` (whole lines)
/// ends: where the last entry there begins.
fn whole_entries_end(data: &[u8], start: usize, end: usize, verbose: bool) -> usize {
    let mut at = end;
    while at > start {
        let Some(nl) = memchr::memrchr(b'\n', &data[start..at - 1]).map(|k| start + k) else {
            return start;
        };
        let line = &data[nl + 1..at];
        let starts = if verbose {
            line.first().is_some_and(|&b| b != b' ' && b != b'\n')
        } else {
            nl > start && data[nl - 1] == b'\n' && line.starts_with(b"__CURSOR=")
        };
        if starts {
            return nl + 1;
        }
        at = nl + 1;
    }
    start
}

/// The line at `at` (without its line end) and where the next one starts.
fn line_at(data: &[u8], at: usize, end: usize) -> (&[u8], usize) {
    let nl = memchr::memchr(b'\n', &data[at..end]).map_or(end, |k| at + k + 1);
    let line = data[at..nl].strip_suffix(b"\n").unwrap_or(&data[at..nl]);
    (crate::format::trim_cr(line), nl)
}

/// Moves each cut between `bounds` on to `skip(cut, end)` (never back), and
/// drops the chunks that leaves empty.
fn move_cuts(
    bounds: Vec<(usize, usize)>,
    mut skip: impl FnMut(usize, usize) -> usize,
) -> Vec<(usize, usize)> {
    if bounds.len() < 2 {
        return bounds;
    }
    let end = bounds.last().map_or(0, |b| b.1);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(bounds.len());
    let mut start = bounds[0].0;
    for &(cut, _) in &bounds[1..] {
        let at = skip(cut.max(start), end);
        if at > start {
            out.push((start, at));
            start = at;
        }
    }
    if start < end {
        out.push((start, end));
    }
    out
}

/// java.util.logging: moves each cut that falls on a `LEVEL: message` line
/// one line on, so that the line stays with the header above it, whose
/// record it gives its level (`records::Start::Level`).
fn cuts_off_jul_levels(data: &[u8], bounds: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    move_cuts(bounds, |at, end| {
        let (line, nl) = line_at(data, at, end);
        if crate::format::jul_level(line).is_some() {
            nl
        } else {
            at
        }
    })
}

/// In a log of the program's own lines, moves each cut that falls on a
/// Python or Java exception's first line past the exception: whether it
/// continues the record above depends on that record's level
/// (`records::Start::Exception`), which the chunk after the cut does not see.
fn cuts_off_exceptions(data: &[u8], bounds: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    use crate::format::traces;
    move_cuts(bounds, |mut at, end| {
        if at >= end || traces::opener(line_at(data, at, end).0).is_none() {
            return at;
        }
        at = line_at(data, at, end).1;
        while at < end {
            let (line, nl) = line_at(data, at, end);
            if traces::opener(line).is_none() && !traces::continues_any(line) {
                break;
            }
            at = nl;
        }
        at
    })
}

#[cfg(test)]
mod tests;
