//! Indexing one chunk of a file: the part that runs in parallel. A chunk
//! knows nothing of its neighbours; `Index::append` stitches results in order.

use memchr::{memchr, memchr_iter};

use super::entry::{Entry, flags};
use super::resolve::{Assumptions, Resolver};
use crate::format::journal_entry::Settle;
use crate::format::records::{RecordState, Start};
use crate::format::{Format, infer, trim_cr, w3c};
use crate::level::Level;
use crate::time::Nanos;

/// Parsers look at most this far into a line: timestamps and levels sit near
/// the start, and a 50 MB line must not be copied to strip escapes.
pub const PARSE_WINDOW: usize = 64 * 1024;

/// How lines without a timestamp are grouped into records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Most lines carry a time: an undated line continues the record before it
    /// (stack traces, pretty-printed JSON) unless the format's rule says it
    /// starts one (`Format::undated_start`: a Go panic, a goroutine).
    Dense,
    /// Few or no lines carry a time: an undated line is a record of its own
    /// (inheriting the time before it) unless it looks like a continuation.
    Sparse,
}

#[derive(Debug, Clone)]
pub struct ChunkCtx {
    pub format: Format,
    pub resolver: Resolver,
    pub grouping: Grouping,
    /// Read levels (`LoadOptions::levels`); without, a plain text line is not
    /// parsed at all and no phrase is looked for.
    pub levels: bool,
}

#[derive(Debug, Default)]
pub struct ChunkOut {
    pub entries: Vec<Entry>,
    pub blocks: Vec<super::Block>,
    /// Entries at the start that had no time to inherit within the chunk.
    pub leading_untimed: usize,
    pub lines: u64,
    pub timestamped_lines: u64,
    pub levels: [u64; 8],
    /// Records per level code whose level was inferred (a subset of `levels`).
    pub inferred: [u64; 8],
    pub backwards: u64,
    /// Steps to a later time (equal times are neither way).
    pub forwards: u64,
    pub first_own: Option<Nanos>,
    /// The least and greatest own times: a log's first and last wherever
    /// chunks are cut (times may step back within a chunk).
    pub least_own: Option<Nanos>,
    pub greatest_own: Option<Nanos>,
    pub last_time: Option<Nanos>,
    pub last_own: Option<Nanos>,
    pub assumptions: Assumptions,
    pub longest_line: usize,
    /// First no-year stamp seen, to name the assumed year in a warning.
    pub no_year_sample: Option<(u8, u8)>,
    /// Lines whose stamp lies outside the times casefile places, and the first
    /// one's line number within the chunk (1-based).
    pub out_of_range: u64,
    pub first_out_of_range: Option<u64>,
    /// The record rule's state the chunk started from, and ended in: the
    /// index redoes a chunk whose start is not where the one before ended.
    pub start_state: RecordState,
    pub end_state: RecordState,
}

/// Indexes `data[start..end]`, which begins at a line start. `base` is added
/// to every offset. `part_start` says no record exists before this chunk.
/// The record rule starts from what the line before the chunk tells
/// (`Format::state_after`: a compose service's); `Index::append` redoes the
/// chunk with `index_chunk_from` when more was open there (a trace).
pub fn index_chunk(
    data: &[u8],
    base: u64,
    start: usize,
    end: usize,
    ctx: &ChunkCtx,
    part_start: bool,
) -> ChunkOut {
    let state = match line_before(data, start) {
        Some(above) if !part_start => {
            let above = &above[..above.len().min(PARSE_WINDOW)];
            if memchr(0x1b, above).is_some() {
                let mut stripped = Vec::new();
                crate::ansi::strip_into(above, &mut stripped);
                ctx.format.state_after(&stripped)
            } else {
                ctx.format.state_after(above)
            }
        }
        _ => RecordState::default(),
    };
    index_chunk_from(data, base, start, end, ctx, part_start, state)
}

/// `index_chunk` with the record rule starting from `state`.
pub fn index_chunk_from(
    data: &[u8],
    base: u64,
    start: usize,
    end: usize,
    ctx: &ChunkCtx,
    part_start: bool,
    state: RecordState,
) -> ChunkOut {
    let args = (data, base, start, end);
    // The journal entry formats' steps (`-o verbose`, `-o export`: their
    // rule, a binary value's lines, what an entry's end decides) and the
    // rule for W3C's and Zeek's `#` lines (a W3C log's columns, which its
    // `#Fields:` lines change) are compiled out of every other format's loop.
    if ctx.format.entries().is_some() {
        index_lines::<true, false>(args, ctx, part_start, state)
    } else if ctx.format.directives() {
        index_lines::<false, true>(args, ctx, part_start, state)
    } else {
        index_lines::<false, false>(args, ctx, part_start, state)
    }
}

/// `index_chunk_from`'s loop; `ENTRIES`: the format is a journal entry one;
/// `COLUMNS`: a format with `#` directives (`Format::directives`); a W3C
/// log's lines are read with the columns its last `#Fields:` named.
fn index_lines<const ENTRIES: bool, const COLUMNS: bool>(
    (data, base, start, end): (&[u8], u64, usize, usize),
    ctx: &ChunkCtx,
    part_start: bool,
    mut state: RecordState,
) -> ChunkOut {
    let mut out = ChunkOut {
        entries: Vec::with_capacity((end - start) / 80 + 1),
        start_state: state,
        ..Default::default()
    };
    let mut resolver = ctx.resolver.clone();
    let mut scratch = Vec::new();
    let mut last_time: Option<Nanos> = None;
    let mut last_own: Option<Nanos> = None;
    let mut have_record = !part_start;
    // Line ends come from one streaming newline search over the chunk, and
    // escape sequences are looked for per line only in chunks that hold one:
    // a per-line two-needle search cost more than all the parsing.
    let region = &data[start..end];
    let chunk_has_esc = memchr(0x1b, region).is_some();
    let mut ends = memchr_iter(b'\n', region);
    // Phrases that imply a level, found in one pass over the chunk.
    let mut phrases = (ctx.levels && infer::applies(&ctx.format)).then(|| infer::Scan::new(region));
    // Asked once, not per line: whether that comparison of formats (which
    // hold data) is inlined depends on how the compiler splits the crate.
    let parse_lines = ctx.levels || ctx.format != Format::Plain;
    let export = ENTRIES && ctx.format == Format::JournalExport;
    // W3C, Zeek: the line above was a directive (`w3c::directive`).
    let mut directive_above = COLUMNS
        && !part_start
        && line_before(data, start).is_some_and(|l| l.first() == Some(&b'#'));
    let entries = ENTRIES;
    let mut pos = start;
    while pos < end {
        let nl = ends.next().map_or(end, |i| start + i);
        // The lines an export binary value spans are its bytes: no line's.
        if export && state.in_binary((nl + 1 - pos) as u64) {
            out.lines += 1;
            pos = nl + 1;
            continue;
        }
        let esc = chunk_has_esc && memchr(0x1b, &data[pos..nl]).is_some();
        let raw = trim_cr(&data[pos..nl]);
        out.lines += 1;
        out.longest_line = out.longest_line.max(raw.len());
        let window = &raw[..raw.len().min(PARSE_WINDOW)];
        let line: &[u8] = if esc {
            scratch.clear();
            crate::ansi::strip_into(window, &mut scratch);
            &scratch
        } else {
            window
        };
        let directive = COLUMNS && line.first() == Some(&b'#');
        let mut info = if COLUMNS && let Some(c) = state.w3c {
            crate::format::w3c::parse(line, c)
        } else if parse_lines {
            ctx.format.parse(line)
        } else {
            crate::format::LineInfo::default()
        };
        let mut lflags = 0;
        if let Some(l) = phrases
            .as_mut()
            .and_then(|s| s.level_in(pos - start, nl - start))
            && info.level.is_none_or(|cur| cur < l)
        {
            info.level = Some(l);
            lflags = flags::INFERRED;
        }
        if let Some(crate::format::Stamp::NoYear { month, day, .. }) = info.stamp {
            out.no_year_sample.get_or_insert((month, day));
        }
        let time = info
            .stamp
            .and_then(|s| resolver.resolve(s, &mut out.assumptions));
        if time.is_none()
            && let Some(s) = info.stamp
            && !(matches!(s, crate::format::Stamp::SinceBoot(_)) && resolver.boot_time.is_none())
        {
            out.out_of_range += 1;
            out.first_out_of_range.get_or_insert(out.lines);
        }
        let offset = base + pos as u64;
        // A record's first line is this line, newline excluded.
        let first_line = nl - pos;
        match time {
            Some(t) => {
                out.timestamped_lines += 1;
                let mut f = lflags;
                if last_own.is_some_and(|p| t < p) {
                    f |= flags::BACKWARDS;
                    out.backwards += 1;
                } else if last_own.is_some_and(|p| t > p) {
                    out.forwards += 1;
                }
                out.first_own.get_or_insert(t);
                out.least_own = Some(out.least_own.map_or(t, |x| x.min(t)));
                out.greatest_own = Some(out.greatest_own.map_or(t, |x| x.max(t)));
                last_own = Some(t);
                last_time = Some(t);
                let rule = if ENTRIES {
                    ctx.format.entry_start(line, true, &mut state)
                } else if directive {
                    w3c::directive(&ctx.format, line, true, directive_above, &mut state)
                } else {
                    ctx.format.dated_start(line, &mut state)
                };
                if entries {
                    settle(&mut out, &mut state);
                }
                match rule {
                    // A line of a trace its capturer dated line by line.
                    Start::Continue if have_record => {}
                    // A journal entry's time under its first line.
                    Start::Time if have_record => date_last(&mut out, t, f),
                    Start::New(Some(l)) => push(
                        &mut out,
                        Entry::new(offset, t, Some(l), f & !flags::INFERRED)
                            .with_first_line(first_line),
                    ),
                    _ => push(
                        &mut out,
                        Entry::new(offset, t, info.level, f).with_first_line(first_line),
                    ),
                }
                have_record = true;
            }
            None => {
                // A stamp casefile cannot place (time since boot without a
                // boot time) still marks the capturer's prefix.
                let rule = if ENTRIES {
                    ctx.format
                        .entry_start(line, info.stamp.is_some(), &mut state)
                } else if directive {
                    w3c::directive(&ctx.format, line, false, directive_above, &mut state)
                } else if info.stamp.is_some() {
                    ctx.format.dated_start(line, &mut state)
                } else {
                    ctx.format
                        .undated_start(line, ctx.grouping == Grouping::Dense, &mut state)
                };
                if entries {
                    settle(&mut out, &mut state);
                    if export {
                        state.export_binary(line, data.get(nl + 1..).unwrap_or(&[]));
                    }
                }
                // A crash opener's own level is no inference.
                let (starts, level, lflags) = match rule {
                    Start::New(Some(l)) => (true, Some(l), 0),
                    Start::New(None) => (true, info.level, lflags),
                    Start::Continue | Start::Time => (!have_record, info.level, lflags),
                    // JUL's level line gives its header's record the level
                    // (a cut never falls on it: `index::cuts_outside_traces`).
                    Start::Level(l) => {
                        let level = info.level.or(Some(l));
                        match out.entries.pop() {
                            Some(e) => {
                                unpush(&mut out, e);
                                push(&mut out, e.with_level(level, lflags));
                                (false, level, lflags)
                            }
                            // A journal entry's `PRIORITY=` with its first
                            // line in an earlier read of a stream: its level
                            // is lost, its lines stay its record's.
                            None if entries => (!have_record, level, lflags),
                            None => (true, level, lflags),
                        }
                    }
                    // A logged exception belongs to the warning or error
                    // that logged it; one on its own is an error (a cut
                    // never falls on it: `index::cuts_outside_traces`).
                    Start::Exception(l) => {
                        let logged = have_record
                            && out
                                .entries
                                .last()
                                .is_none_or(|e| e.level() >= Some(Level::Warn));
                        (!logged, Some(l), 0)
                    }
                };
                if starts {
                    let e = match last_time {
                        Some(t) => Entry::new(offset, t, level, flags::INHERITED | lflags),
                        None => {
                            out.leading_untimed = out.entries.len() + 1;
                            Entry::new(offset, Nanos::MIN, level, flags::UNKNOWN | lflags)
                        }
                    };
                    push(&mut out, e.with_first_line(first_line));
                    have_record = true;
                }
            }
        }
        directive_above = directive;
        pos = nl + 1;
    }
    if entries {
        // A chunk ends where an entry does (`index::cuts_outside_traces`).
        state.end_entry();
        settle(&mut out, &mut state);
    }
    out.last_time = last_time;
    out.last_own = last_own;
    out.end_state = state;
    out.entries.shrink_to_fit();
    out.blocks = super::summarize(&out.entries);
    out
}

/// What the end of a journal entry (`-o verbose`, `-o export`) decided of
/// its record, the last entry: it joins the trace above, or takes the
/// level of the panic it opens.
#[inline(never)]
fn settle(out: &mut ChunkOut, state: &mut RecordState) {
    let Some(s) = state.take_settled() else {
        return;
    };
    let Some(e) = out.entries.pop() else {
        return;
    };
    unpush(out, e);
    match s {
        Settle::Join => out.leading_untimed = out.leading_untimed.min(out.entries.len()),
        Settle::Level(l) => push(out, e.with_level(Some(l), 0)),
    }
}

/// Gives the last record the time `t` of a line under its first, when
/// its first line gave it none.
#[inline(never)]
fn date_last(out: &mut ChunkOut, t: Nanos, f: u8) {
    let n = out.entries.len();
    if let Some(e) = out.entries.last_mut()
        && !e.own_time()
    {
        if e.has(flags::UNKNOWN) && out.leading_untimed == n {
            out.leading_untimed -= 1;
        }
        e.set_time(t, f & flags::BACKWARDS, flags::INHERITED | flags::UNKNOWN);
    }
}

/// Takes back `push`'s counts of `e`, which left the entries.
fn unpush(out: &mut ChunkOut, e: Entry) {
    let code = usize::from(Level::code(e.level()));
    out.levels[code] -= 1;
    if e.level_inferred() {
        out.inferred[code] -= 1;
    }
}

/// The line that ends right before `start` (a line start), without its line end.
fn line_before(data: &[u8], start: usize) -> Option<&[u8]> {
    let before = data[..start].strip_suffix(b"\n")?;
    let from = memchr::memrchr(b'\n', before).map_or(0, |k| k + 1);
    Some(trim_cr(&before[from..]))
}

#[inline]
fn push(out: &mut ChunkOut, e: Entry) {
    let code = usize::from(Level::code(e.level()));
    out.levels[code] += 1;
    if e.level_inferred() {
        out.inferred[code] += 1;
    }
    out.entries.push(e);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::resolve::Zone;

    fn ctx(grouping: Grouping) -> ChunkCtx {
        ChunkCtx {
            format: Format::Iso8601,
            resolver: Resolver::new(Zone::Fixed(0), 0, None),
            grouping,
            levels: true,
        }
    }

    #[test]
    fn stack_traces_join_their_record_in_dense_logs() {
        let data = b"2022-03-24 17:00:00 ERROR boom\njava.lang.X: y\n\tat a.b(C.java:1)\n2022-03-24 17:00:01 INFO ok\n";
        let out = index_chunk(data, 0, 0, data.len(), &ctx(Grouping::Dense), true);
        assert_eq!(out.entries.len(), 2);
        assert_eq!(out.lines, 4);
        assert_eq!(out.timestamped_lines, 2);
        assert_eq!(out.entries[0].level(), Some(Level::Error));
        assert_eq!(out.entries[1].offset(), 64);
    }

    #[test]
    fn go_panic_gets_its_own_record() {
        let data = b"2022-03-24 17:00:00 INFO handling\npanic: runtime error: invalid memory address\n\ngoroutine 1 [running]:\nmain.main()\n";
        let out = index_chunk(data, 0, 0, data.len(), &ctx(Grouping::Dense), true);
        assert_eq!(out.entries.len(), 2);
        assert_eq!(out.entries[1].level(), Some(Level::Panic));
        assert!(out.entries[1].has(flags::INHERITED));
        assert_eq!(out.entries[1].time(), out.entries[0].time());
    }

    #[test]
    fn sparse_lines_inherit_time() {
        let data = b"no time here\n2022-03-24 17:00:00 INFO a\nplain line\n  indented\n";
        let out = index_chunk(data, 0, 0, data.len(), &ctx(Grouping::Sparse), true);
        assert_eq!(out.entries.len(), 3);
        assert!(out.entries[0].has(flags::UNKNOWN));
        assert_eq!(out.leading_untimed, 1);
        assert!(out.entries[2].has(flags::INHERITED));
    }

    #[test]
    fn counts_backwards_steps() {
        let data = b"2022-03-24 17:00:05 a\n2022-03-24 17:00:01 b\n2022-03-24 17:00:09 c\n";
        let out = index_chunk(data, 0, 0, data.len(), &ctx(Grouping::Dense), true);
        assert_eq!(out.backwards, 1);
        assert!(out.entries[1].has(flags::BACKWARDS));
    }

    /// Real kernel lines (quoted in public bug reports; see `format::infer`).
    #[test]
    fn kernel_fault_lines_get_an_inferred_level() {
        let data = b"Jul  6 10:01:39 camlinux kernel: [667904.232297] [drm] GPU HANG: ecode 7:0:0x85df3c1c, in Xorg [19819], reason: Ring hung, action: reset\n\
Jul  6 10:01:39 camlinux kernel: [667904.234413] drm/i915: Resetting chip after gpu hang\n\
Mar  5 08:31:52 puma kernel: [10359910.034733] INFO: task ThreadPoolForeg:1181536 blocked for more than 120 seconds.\n\
<6>Mar  5 08:31:53 puma kernel: xawtv.bin[3666]: segfault at 0 ip 00007fba0a529441 sp 00007fffa00bdff8 error 4\n";
        let mut c = ctx(Grouping::Dense);
        c.format = Format::Syslog3164;
        let out = index_chunk(data, 0, 0, data.len(), &c, true);
        let got: Vec<_> = out
            .entries
            .iter()
            .map(|e| (e.level(), e.level_inferred()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(Level::Error), true),
                (None, false),
                // "INFO:" is read as a level word, but the phrase says more.
                (Some(Level::Error), true),
                // The kernel prints segfaults at info: the phrase says more.
                (Some(Level::Error), true),
            ]
        );
        let error = usize::from(Level::code(Some(Level::Error)));
        assert_eq!((out.levels[error], out.inferred[error]), (3, 3));
        // Formats with a level field of their own are left alone.
        c.format = Format::Iso8601;
        let data = b"2022-03-24 17:00:00 nothing to see: GPU HANG\n";
        let out = index_chunk(data, 0, 0, data.len(), &c, true);
        assert_eq!(out.entries[0].level(), None);
    }

    /// `patterns` reads no level: the records, their times and the grouping
    /// must not change with it.
    #[test]
    fn without_levels_the_records_are_the_same() {
        let plain = b"boot ok\nERROR disk gone\n  detail\nsegfault at 0 ip 1\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:3\nWARN after\n";
        let syslog = b"Jul  6 10:01:39 cam kernel: [1.2] GPU HANG: ecode 7\nJul  6 10:01:40 cam kernel: ok\n\tcontinued\nJul  6 10:01:41 cam app[3]: ERROR x\n";
        let key = |o: &ChunkOut| -> Vec<(u64, Nanos, bool, bool)> {
            o.entries
                .iter()
                .map(|e| {
                    let f = (e.has(flags::INHERITED), e.has(flags::UNKNOWN));
                    (e.offset(), e.time(), f.0, f.1)
                })
                .collect()
        };
        // Errors with and without levels: a plain line is not read at all; a
        // syslog line keeps the level its parser reads, not the phrase's.
        for (data, format, grouping, errors_with, errors_without) in [
            (&plain[..], Format::Plain, Grouping::Sparse, 2, 0),
            (&syslog[..], Format::Syslog3164, Grouping::Dense, 2, 1),
        ] {
            let mut c = ctx(grouping);
            c.format = format;
            let with = index_chunk(data, 0, 0, data.len(), &c, true);
            c.levels = false;
            let without = index_chunk(data, 0, 0, data.len(), &c, true);
            assert_eq!(key(&with), key(&without), "{:?}", c.format);
            assert!(with.entries.len() >= 3);
            let errors = |o: &ChunkOut| {
                let found = o.entries.iter().filter(|e| e.level() == Some(Level::Error));
                found.count()
            };
            assert_eq!(errors(&with), errors_with, "{:?}", c.format);
            assert_eq!(errors(&without), errors_without, "{:?}", c.format);
        }
    }

    #[test]
    fn chunk_not_at_part_start_folds_leading_continuations() {
        let data = b"\tat x\n2022-03-24 17:00:05 a\n";
        let out = index_chunk(data, 100, 0, data.len(), &ctx(Grouping::Dense), false);
        assert_eq!(out.entries.len(), 1);
        assert_eq!(out.entries[0].offset(), 106);
    }
}
