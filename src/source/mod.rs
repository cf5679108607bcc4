//! A source: one log (file, rotated set, stdin or command) with its bytes,
//! detected format, record index and the warnings a user should see.

pub mod command;
pub mod data;
pub mod discover;
mod extend;
pub mod fault;
mod first_lines;
mod line_marks;
mod parts;
mod read_warnings;
pub mod spec;
pub mod stream;
#[cfg(test)]
pub(crate) mod test_support;
mod unread;
pub mod utf16;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use data::{Data, DiskChange};
pub use extend::{Resume, extend, resume_point};
pub use first_lines::FirstLines;
pub use line_marks::{LineMarks, newlines};
pub use parts::{Part, Parts};
pub use spec::{Input, Settings, SourceSpec};

use crate::error::{Error, Result};
use crate::format::{Detection, Format, detect, long_panic};
use crate::index::{CHUNK, ChunkCtx, Entry, Grouping, Index, Resolver, Slice, Zone};
use crate::time::Nanos;
use unread::Unread;

#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// The path or command as the user gave it.
    pub origin: String,
    pub parts: Arc<Parts>,
    pub index: Index,
    pub detection: Detection,
    pub zone: Zone,
    /// Clock correction added to every record's time.
    pub offset: Nanos,
    pub warnings: Vec<String>,
    /// This read's number, unique in the process: what was worked out from
    /// a read (its mined templates) is known by it.
    pub read: u64,
    /// The read this one went on from (`extend`), as it was.
    pub read_on: Option<ReadOn>,
    /// Its newlines counted by block, shared with the reads that go on from it.
    pub line_marks: Arc<LineMarks>,
}

/// A read another went on from (`extend`): its first `records` records are
/// the first of the new one's, but the last of those may have grown (lines
/// added to it). They are all its records, or all but its last (rarely its
/// last two): those read again from their start, their last line not ended
/// or going on in the new bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOn {
    pub read: u64,
    pub records: usize,
    /// Where the new read went on from: where the record after those kept
    /// begins, unless lines were added to the last of them.
    pub bytes: u64,
}

/// A new read's number (`Source::read`).
pub fn next_read() -> u64 {
    static READS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    READS.fetch_add(1, Ordering::Relaxed)
}

/// Settings that apply to every source unless a source overrides them.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub zone: Zone,
    pub now: Nanos,
    /// Read each record's level. A command that prints none (`patterns`) sets
    /// false: a plain text log's level sniffing and the phrase scan of
    /// `format::infer` are then skipped (records, times and grouping are the
    /// same; levels may be missing).
    pub levels: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            zone: Zone::Local,
            now: chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0),
            levels: true,
        }
    }
}

impl Source {
    /// The bytes of record `i` without its final newline.
    pub fn record_bytes(&self, i: usize) -> &[u8] {
        let Some(e) = self.index.get(i) else {
            return &[];
        };
        self.bytes_to(e, self.index.end_of(i))
    }

    /// The bytes of the record at `e`, which ends at `end` (the next record's
    /// offset), without its final newline.
    fn bytes_to(&self, e: Entry, end: u64) -> &[u8] {
        let b = self.parts.slice(e.offset(), end);
        let b = b.strip_suffix(b"\n").unwrap_or(b);
        b.strip_suffix(b"\r").unwrap_or(b)
    }

    /// The line record `i` is read by: its first, but a java.util.logging
    /// record's `LEVEL: message` line, or a journal entry's lines, its
    /// first entry's (`-o verbose`, `-o export`; `shown::headline`).
    pub fn first_line(&self, i: usize) -> &[u8] {
        let b = self.record_bytes(i);
        if self.detection.format == crate::format::Format::Jul
            || self.detection.format.entries().is_some()
        {
            return crate::format::shown::headline(&self.detection.format, b).0;
        }
        first_line_of(b)
    }

    /// The first line and time (`time`) of each record in `range`, walking the
    /// index in order: one lookup for the whole range instead of three a
    /// record, for passes over every record (pattern mining). The same bytes
    /// as `first_line(i)`.
    pub fn first_lines(&self, range: std::ops::Range<usize>) -> FirstLines<'_> {
        let n = range
            .len()
            .min(self.index.len().saturating_sub(range.start));
        let mut slices = self.index.slices_from(range.start);
        let cur = slices.next().unwrap_or(&[]);
        FirstLines::new(self, n, cur, Box::new(slices), range.start)
    }

    pub fn entry(&self, i: usize) -> Option<Entry> {
        self.index.get(i)
    }

    /// Record time with the source's clock offset applied; None when unknown.
    pub fn time(&self, i: usize) -> Option<Nanos> {
        self.index.get(i).and_then(|e| self.entry_time(e))
    }

    /// An entry's time with the clock offset applied; None when unknown.
    pub(crate) fn entry_time(&self, e: Entry) -> Option<Nanos> {
        if e.has(crate::index::flags::UNKNOWN) {
            return None;
        }
        self.shifted(e.time())
    }

    /// A stored time with the clock offset applied; None when that moves it
    /// past the times casefile places (an offset of decades on an old log).
    fn shifted(&self, t: Nanos) -> Option<Nanos> {
        t.checked_add(self.offset).and_then(crate::time::in_range)
    }

    /// Last record at or before aligned time `t` (offset applied).
    pub fn at_or_before(&self, t: Nanos) -> Option<usize> {
        self.index.at_or_before(t.saturating_sub(self.offset))
    }

    pub fn at_or_after(&self, t: Nanos) -> Option<usize> {
        self.index.at_or_after(t.saturating_sub(self.offset))
    }

    /// Why part of the source could not be read (an archive cut short or
    /// corrupt): headless commands say so on stderr and exit 1.
    pub fn incomplete(&self) -> Vec<String> {
        let mut why = Vec::new();
        for p in &self.parts.0 {
            if let Some(cut) = p.data.incomplete() {
                why.push(p.note(&cut));
            }
            let readable = p.readable.load(Ordering::Relaxed);
            if readable < p.data.len() {
                why.push(format!(
                    "{}: the file shrank to {readable} bytes while it was being read (truncated, or rotated by copytruncate); records past that are not printed",
                    p.label
                ));
            }
        }
        why
    }

    /// Whether record `i` starts before the end of what may still be read.
    pub fn readable(&self, i: usize) -> bool {
        self.index.get(i).is_some_and(|e| {
            self.parts
                .part_of(e.offset())
                .is_some_and(|p| e.offset() - p.base < p.readable.load(Ordering::Relaxed) as u64)
        })
    }

    pub fn first_time(&self) -> Option<Nanos> {
        self.index.stats.first.and_then(|t| self.shifted(t))
    }

    pub fn last_time(&self) -> Option<Nanos> {
        self.index.stats.last.and_then(|t| self.shifted(t))
    }
}

/// The first line of a record's bytes (already without its final newline).
pub(crate) fn first_line_of(b: &[u8]) -> &[u8] {
    let line = memchr::memchr(b'\n', b).map_or(b, |n| &b[..n]);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Opens the bytes of a source. Errors are fatal for this source only.
pub fn open(spec: &SourceSpec) -> Result<(Parts, Vec<String>)> {
    let cap = spec.settings.max_temp;
    let mut warnings = Vec::new();
    let mut parts = Vec::new();
    let mut base = 0u64;
    let mut push = |label: String, data: Data, mtime: Option<Nanos>, parts: &mut Vec<Part>| {
        let len = data.len() as u64;
        // A private copy cannot shrink, and a stream's grows: no limit.
        let readable = AtomicUsize::new(match data.current_len() {
            Some(_) => data.len(),
            None => usize::MAX,
        });
        parts.push(Part {
            label,
            data,
            base,
            mtime,
            readable,
        });
        base += len;
    };
    match &spec.input {
        Input::Files(paths) => {
            // Rotated siblings come before the file the user named: a bad one
            // is skipped with a warning instead of failing the whole source.
            let live = paths.len().saturating_sub(1);
            for (k, p) in paths.iter().enumerate() {
                let opened = if k < live {
                    discover::check_sibling(p).and_then(|()| open_checked(p, cap))
                } else {
                    open_checked(p, cap)
                };
                let data = match opened {
                    Ok((d, note)) => {
                        warnings.extend(note);
                        d
                    }
                    Err(e) if k < live => {
                        warnings.push(format!("rotated sibling skipped: {e}"));
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                // The next part starts where this one ends: only the last
                // part may still be decoding while it is indexed.
                if k < live {
                    data.wait_end();
                }
                let mtime = std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|m| chrono::DateTime::<chrono::Utc>::from(m).timestamp_nanos_opt());
                push(p.display().to_string(), data, mtime, &mut parts);
            }
        }
        Input::Stdin => {
            let data = Data::from_reader(std::io::stdin(), "standard input", cap, None)?;
            push("-".into(), data, None, &mut parts);
        }
        Input::Command(cmd) => {
            let data = command::run(&spec.name, cmd, cap)?;
            push(format!("!{cmd}"), data, None, &mut parts);
        }
    }
    Ok((Parts(parts), warnings))
}

/// Opens one file and refuses binary content; text after a binary start
/// (zeros a crash left, stray bytes) is read, with a warning saying where
/// the binary data ends.
fn open_checked(p: &std::path::Path, cap: Option<u64>) -> Result<(Data, Option<String>)> {
    let data = Data::open(p, cap)?;
    // Checked again over what is left if the file shrank meanwhile: a page
    // past its new end reads as zeros (see `fault`), which is not binary data.
    let mut n = data.len();
    loop {
        let head = &data[..n.min(8192)];
        let why = data::binary_reason(head);
        let text = why
            .as_ref()
            .and_then(|_| data::text_after_binary(&data[..n]));
        let now = data.current_len().map_or(n, |l| n.min(l as usize));
        if now == n {
            return match (why, text) {
                (None, _) => Ok((data, None)),
                (Some(why), Some(at)) => {
                    let line = memchr::memchr_iter(b'\n', &data[..at]).count() + 1;
                    let note = format!(
                        "binary data before line {line} ({why}): read as text, its control bytes shown as symbols"
                    );
                    Ok((data, Some(note)))
                }
                (Some(why), None) => Err(Error::Binary {
                    path: p.to_path_buf(),
                    why,
                }),
            };
        }
        n = now;
    }
}

/// Bytes indexed between two checks that the file did not shrink.
const STEP: usize = 64 << 20;

/// How many bytes of the start of a source format detection reads.
pub const SAMPLE: usize = 256 * 1024;

/// What `index` reports while it works.
#[derive(Debug)]
pub enum Stage<'a> {
    /// The format is known (within milliseconds): callers can show it at once.
    Detected(&'a Detection),
    /// Between batches: the index so far.
    Indexed {
        index: &'a Index,
        bytes_done: u64,
        bytes_total: u64,
        /// The final call: the index is complete.
        last: bool,
    },
}

/// Detects the format (unless overridden) and indexes every part.
pub fn index(
    spec: &SourceSpec,
    parts: Arc<Parts>,
    warnings: Vec<String>,
    opts: &LoadOptions,
    progress: impl FnMut(Stage<'_>),
) -> Source {
    index_with(spec, parts, warnings, opts, None, progress)
}

/// `index`, or with `resume` the rest of a source read before
/// (`extend::extend`): its format kept, its index taken on from where it
/// stopped.
fn index_with(
    spec: &SourceSpec,
    parts: Arc<Parts>,
    mut warnings: Vec<String>,
    opts: &LoadOptions,
    resume: Option<extend::Resume<'_>>,
    mut progress: impl FnMut(Stage<'_>),
) -> Source {
    // A stream still running is sampled once it has a full sample, has ended,
    // or a moment after its first lines (a command that prints a few lines
    // and then waits must show them).
    for p in &parts.0 {
        p.data.wait_beyond(SAMPLE - 1, DETECT_WAIT);
    }
    let sample_part = parts.0.iter().find(|p| !p.data.is_empty());
    let (sample, whole) = sample_part.map_or((&[][..], true), |p| {
        let bom = bom_len(&p.data);
        let end = p.safe_len().min(SAMPLE).max(bom);
        let ended = p.data.wait_beyond(0, Duration::ZERO).ended;
        (&p.data[bom..end], ended && end < SAMPLE)
    });
    // Cut the sample at its last newline so a partial line does not skew detection.
    let sample = match memchr::memrchr(b'\n', sample) {
        Some(n) if !whole => &sample[..n],
        _ => sample,
    };
    let detection = match (&resume, &spec.settings.format) {
        // The same first bytes as before: the same format.
        (Some(r), _) => r.detection.clone(),
        (None, Some(f)) => Detection {
            format: f.clone(),
            confidence: detect_confidence(f, sample),
        },
        (None, None) => match detect(sample) {
            d if d.format == Format::Plain => {
                // A Go panic whose message fills the sample.
                sample_part
                    .and_then(|p| long_panic(&p.data[bom_len(&p.data)..p.safe_len()], sample.len()))
                    .unwrap_or(d)
            }
            d => d,
        },
    };
    progress(Stage::Detected(&detection));
    if std::str::from_utf8(sample).is_err() {
        warnings.push("invalid UTF-8 in the text: shown with replacement characters".into());
    }
    // Classic Mac OS and some serial consoles end lines with CR alone: the
    // whole sample is then one line, which would be one record, said nowhere.
    if memchr::memchr(b'\n', sample).is_none()
        && memchr::memchr_iter(b'\r', sample).nth(1).is_some()
    {
        warnings.push("lines end in a carriage return alone (classic Mac OS, a serial console): read as one line; convert them with tr '\\r' '\\n'".into());
    }
    let zone = spec
        .settings
        .zone
        .clone()
        .unwrap_or_else(|| opts.zone.clone());
    // Stamps without a year or a date are placed by when the file was last
    // written: the end of `--set NAME.date=`'s day, else its modification time.
    let year_ref = spec
        .settings
        .date
        .map(|d| d + crate::time::NANOS_PER_DAY - 1)
        .or_else(|| parts.0.last().and_then(|p| p.mtime))
        .unwrap_or(opts.now);
    let grouping = if detection.format != Format::Plain && detection.confidence >= 0.5 {
        Grouping::Dense
    } else {
        Grouping::Sparse
    };
    let mut resolver = Resolver::new(zone.clone(), year_ref, spec.settings.boot_time);
    if detection.format.times_of_day() {
        // A file's last line dates the others; a stream's is not written yet.
        let last = parts
            .0
            .iter()
            .rev()
            .find(|p| p.mtime.is_some() && p.safe_len() > 0)
            .and_then(|p| {
                crate::format::clock::last_of_day(&detection.format, &p.data[..p.safe_len()])
            });
        match spec.settings.date {
            Some(day) => resolver.clock_on(day, last),
            None => resolver.anchor_clock(last),
        }
    }
    let ctx = ChunkCtx {
        format: detection.format.clone(),
        resolver,
        grouping,
        levels: opts.levels,
    };
    let line_marks = resume
        .as_ref()
        .map_or_else(Default::default, |r| r.line_marks.clone());
    let (mut idx, from) = match &resume {
        Some(r) if r.last_record => (before_last_record(r, &parts, &ctx), (r.part, r.offset)),
        Some(r) => (r.index.clone(), (r.part, r.offset)),
        None => (Index::default(), (0, 0)),
    };
    let read_on = resume.as_ref().map(|r| ReadOn {
        read: r.read,
        records: idx.len(),
        bytes: parts.0[r.part].base + r.offset as u64,
    });
    for (k, p) in parts.0.iter().enumerate().skip(from.0) {
        // A UTF-8 byte-order mark is not part of the first record.
        let first = bom_len(&p.data);
        let mut start = if k == from.0 {
            first.max(from.1)
        } else {
            first
        };
        let mut seen = 0;
        loop {
            // Streams grow while they are indexed: only whole lines (journal
            // entries) are taken until the stream ends.
            let g = p.data.wait_beyond(seen, Duration::from_secs(3600));
            seen = g.len;
            let end = if g.ended {
                g.len
            } else {
                crate::index::whole_end(&ctx.format, &p.data, start, g.len)
            };
            if !index_range(
                p,
                start..end,
                first,
                &mut idx,
                &ctx,
                &parts,
                &mut warnings,
                &mut progress,
            ) {
                break;
            }
            if g.ended {
                break;
            }
            if end - start < CHUNK {
                // A slow stream: gather lines for a moment instead of making
                // a segment per line.
                std::thread::sleep(GATHER);
            }
            start = end;
        }
    }
    // Written newest first (`journalctl -r`, `tac`): read in time order. A
    // rotated set's parts are in order already; a part of it is left alone.
    if parts.0.len() == 1 && idx.newest_first() {
        idx.reverse();
    }
    // Stamps without an offset, read in a zone that repeats an hour when
    // daylight saving time ends: its records are placed as written.
    if idx.stats.assumptions.used_zone {
        for r in idx.place_repeated_hours(&zone) {
            warnings.push(read_warnings::repeated_hour_note(&r, &zone));
        }
    }
    let total = parts.total_len();
    progress(Stage::Indexed {
        index: &idx,
        bytes_done: total,
        bytes_total: total,
        last: true,
    });
    // A shrink during the last step (or a recovered fault) is noticed here.
    warnings.extend(parts.refresh());
    for p in &parts.0 {
        if let Some(cut) = p.data.incomplete() {
            warnings.push(p.note(&cut));
        }
        warnings.extend(p.data.notes());
    }
    // A dump cut at the end of a source, of its newest file in a rotated
    // set, is in its tail, whatever the sample holds.
    let entries = detection.format.entries();
    let tail = match parts.0.as_slice() {
        [p] => Some(unread::Tail::of_file(
            &p.data[..p.safe_len()],
            &idx,
            entries,
        )),
        set => unread::Tail::of_set(set, &idx, entries),
    };
    let unread = Unread::of(&detection, sample, tail);
    // Undated and nothing but white space (looked at only until a byte that
    // is not: a log's first).
    let white = idx.stats.timestamped_lines == 0
        && parts
            .0
            .iter()
            .all(|p| p.data[..p.safe_len()].iter().all(u8::is_ascii_whitespace));
    warnings.extend(read_warnings::index_warnings(
        &idx,
        &detection,
        (unread.as_ref(), white),
        // A zone the user gave (--tz, --set NAME.tz) is no assumption.
        spec.settings.zone.is_none().then_some(&zone),
        &ctx.resolver,
        (year_ref, spec.settings.date.is_some()),
        total,
    ));
    Source {
        name: spec.name.clone(),
        origin: spec.origin(),
        parts,
        index: idx,
        detection,
        zone,
        offset: spec.settings.offset,
        warnings,
        read: next_read(),
        read_on,
        line_marks,
    }
}

/// The old index without its records from the one read again on (its last,
/// rarely the one before), as a whole read of the bytes before makes it: the index before its last chunk that made
/// records (`Index::before_last_chunk`, its segments shared, nothing of the
/// old index changed: the screen still shows it), indexed on to where that
/// record begins (`resume.offset`, in the same part, `resume_point` checked).
fn before_last_record(resume: &extend::Resume<'_>, parts: &Parts, ctx: &ChunkCtx) -> Index {
    let p = &parts.0[resume.part];
    let (mut idx, at, part_start) = resume
        .index
        .before_last_chunk()
        .expect("resume_point found the chunk");
    let slice = Slice {
        data: &p.data,
        base: p.base,
        range: (at - p.base) as usize..resume.offset,
        part_start,
    };
    idx.append(slice, ctx, |_, _| {});
    debug_assert_eq!(
        resume.index.get(idx.len()).map(|e| e.offset()),
        Some(p.base + resume.offset as u64),
        "the records before the one read again"
    );
    idx
}

/// How long detection waits for a running stream's first 256 KiB.
const DETECT_WAIT: Duration = Duration::from_millis(250);
/// How long a slow stream's lines are gathered before they are indexed.
const GATHER: Duration = Duration::from_millis(50);

/// Length of a UTF-8 byte-order mark at the start of `data`.
fn bom_len(data: &[u8]) -> usize {
    if data.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    }
}

/// Indexes `range` of part `p` in steps, checking between them that nobody
/// shrank the file (touching mapped pages past a new end would fault).
/// False when the file shrank.
#[allow(clippy::too_many_arguments)]
fn index_range(
    p: &Part,
    range: std::ops::Range<usize>,
    first: usize,
    idx: &mut Index,
    ctx: &ChunkCtx,
    parts: &Parts,
    warnings: &mut Vec<String>,
    progress: &mut impl FnMut(Stage<'_>),
) -> bool {
    let mut start = range.start;
    while start < range.end {
        let mut end = (start + STEP).min(range.end);
        if end < range.end {
            end = crate::index::step_end(&ctx.format, &p.data, end, range.end);
        }
        if let Some(now) = p.data.current_len()
            && (now as usize) < end
        {
            warnings.push(format!(
                "{}: the file shrank to {now} bytes while being read (truncated, or rotated by copytruncate): indexed the first {start} bytes; reopen to see the new content",
                p.label
            ));
            p.readable.fetch_min(now as usize, Ordering::Relaxed);
            return false;
        }
        let slice = Slice {
            data: &p.data,
            base: p.base,
            range: start..end,
            part_start: start == first,
        };
        let done_before = p.base + start as u64;
        let total = parts.total_len();
        idx.append(slice, ctx, |index, done| {
            progress(Stage::Indexed {
                index,
                bytes_done: done_before + done as u64,
                bytes_total: total,
                last: false,
            })
        });
        start = end;
    }
    true
}

fn detect_confidence(f: &Format, sample: &[u8]) -> f32 {
    let lines: Vec<&[u8]> = sample
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .take(400)
        .collect();
    if lines.is_empty() {
        return 0.0;
    }
    lines
        .iter()
        .filter(|l| f.parse(&crate::ansi::strip_cow(l)).stamp.is_some())
        .count() as f32
        / lines.len() as f32
}

#[cfg(test)]
mod tests;
