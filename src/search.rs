//! Which records a regex the user typed matches (search `/`, `:filter-in`,
//! `:filter-out`): a record matches when the regex matches its bytes as
//! written **or** the text casefile shows for it (`shown::record`: the first
//! line without the stamp and level the columns show, a JSON line as
//! `message  key=value …`, tabs as spaces, and the lines under it as an
//! expanded row shows them). So `/component=ws` finds the JSON row that reads
//! `component=ws`, `/"component":"ws"` still finds it, and `^Connection`
//! finds the row whose message starts so.
//!
//! On a log read as text a pattern without assertions (`^`, `$`, `\b`) is
//! matched against the bytes as written only (see `matching`).
//!
//! The bytes as written are searched first, a whole run of records at a time
//! (one regex call per match, not per record); the shown text is then built
//! only for the records that did not match, in parallel (`rayon`), reusing
//! the pattern miner's JSON reader so that a JSON line is read without a
//! `serde_json::Value`.

use std::ops::Range;

use rayon::prelude::*;
use regex::bytes::{Regex, RegexBuilder};

use crate::format::{Format, shown};
use crate::pattern::json_line::JsonReader;
use crate::source::Source;

/// Records handed to one rayon task when shown texts are matched.
const TASK: usize = 2048;

/// A user's regex, compiled for one record and for whole runs of records.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Regex,
    /// The same pattern for whole runs of records (see `chunk_regex`); None
    /// searches the bytes as written record by record.
    chunk: Option<Regex>,
    /// No `^`, `$`, `\b`, `\A`…: a match depends only on the bytes matched.
    lookless: bool,
}

impl Pattern {
    /// `pattern` compiled (`case_insensitive`: lnav's and less's smart case
    /// is the caller's choice).
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<Pattern, regex::Error> {
        let regex = RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .build()?;
        let lookless = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .is_ok_and(|hir| hir.properties().look_set().is_empty());
        Ok(Pattern {
            regex,
            chunk: chunk_regex(pattern, case_insensitive),
            lookless,
        })
    }

    /// Only record by record (the run-wide regex left out): the slow path
    /// that `matching` must equal.
    pub fn record_by_record(mut self) -> Pattern {
        self.chunk = None;
        self
    }

    /// Whether record `i` of `src` matches, as written or as shown (as
    /// `matching` says: the shown text only where it can hold more).
    pub fn is_match(&self, src: &Source, i: usize, shown: &mut Shown) -> bool {
        self.regex.is_match(src.record_bytes(i))
            || self.asks_shown(src) && self.regex.is_match(shown.of(src, i))
    }

    /// Whether a record's shown text can match where its bytes do not: on a
    /// log read as text, a pattern without assertions is answered by the
    /// bytes as written (see `matching`).
    fn asks_shown(&self, src: &Source) -> bool {
        !self.lookless || shows_fields(&src.detection.format)
    }

    /// Whether the bytes of record `i` as written match.
    fn raw_match(&self, src: &Source, i: usize) -> bool {
        self.regex.is_match(src.record_bytes(i))
    }

    /// Appends the records in `lo..hi` that match (as written or as shown),
    /// in order, to `rows`.
    pub fn matching(&self, src: &Source, lo: usize, hi: usize, rows: &mut Vec<u32>) {
        if lo >= hi {
            return;
        }
        // A pattern without assertions on a log read as text: what a row
        // shows is its bytes with the stamp and level taken out, so the
        // bytes as written answer but for a match across what was taken out
        // or a tab shown as spaces. Building every record's shown text to
        // catch those would make a search that finds nothing on 1 GiB cost
        // about 1.7 s of CPU instead of 0.1 s (docs/BENCHMARKS.md).
        if !self.asks_shown(src) {
            self.matching_as_written(src, lo, hi, rows);
            return;
        }
        let mut raw = Vec::new();
        self.matching_as_written(src, lo, hi, &mut raw);
        // The shown text of every record the bytes did not match, unless
        // it is a run of the record's own bytes.
        let shown = keep_par(lo..hi, |shown, i| {
            raw.binary_search(&(i as u32)).is_err()
                && !(self.lookless && Shown::is_written_run(src, i))
                && self.regex.is_match(shown.of(src, i))
        });
        merge_sorted(&raw, &shown, rows);
    }

    /// Appends the records in `lo..hi` whose bytes as written match, in
    /// order, to `rows` (the first half of `matching`).
    pub fn matching_as_written(&self, src: &Source, lo: usize, hi: usize, rows: &mut Vec<u32>) {
        if lo >= hi {
            return;
        }
        match &self.chunk {
            Some(chunk) => raw_chunk(src, self, chunk, lo, hi, rows),
            None => rows.extend(
                (lo..hi)
                    .filter(|&i| self.raw_match(src, i))
                    .map(|i| i as u32),
            ),
        }
    }
}

/// The records in `range` for which `keep` holds, in order; `keep` runs on
/// rayon's threads, each with its own `Shown` buffers.
pub fn keep_par(range: Range<usize>, keep: impl Fn(&mut Shown, usize) -> bool + Sync) -> Vec<u32> {
    let tasks: Vec<Range<usize>> = range
        .clone()
        .step_by(TASK)
        .map(|s| s..(s + TASK).min(range.end))
        .collect();
    let parts: Vec<Vec<u32>> = tasks
        .into_par_iter()
        .map_init(Shown::default, |shown, r| {
            r.filter(|&i| keep(shown, i)).map(|i| i as u32).collect()
        })
        .collect();
    parts.concat()
}

/// Whether a format's rows show its records' fields rewritten
/// (`message  key=value …`), not their bytes: JSON lines, alone or behind
/// `docker compose logs`' service names.
fn shows_fields(format: &Format) -> bool {
    matches!(format, Format::Json(_) | Format::DockerCompose)
}

/// `a` and `b` (each ascending, disjoint) appended to `out` in order.
fn merge_sorted(a: &[u32], b: &[u32], out: &mut Vec<u32>) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] < b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// A record's shown text (`shown::record`), built into a buffer kept from
/// record to record. A one-line JSON record is read by the pattern miner's
/// `JsonReader` (the text of `json_text::readable`, without a
/// `serde_json::Value`), and a line that is all printable ASCII is already
/// what `display_text` would make of it.
#[derive(Debug, Default)]
pub struct Shown {
    json: JsonReader,
    line: Vec<u8>,
    text: Vec<u8>,
}

impl Shown {
    /// Whether record `i`'s shown text is a run of its bytes as written:
    /// the stamp and level word cut from the front of its first line (or a
    /// JUL header line before it), nothing else changed (all printable ASCII,
    /// the lines under it as written). A pattern without look-around
    /// assertions that matches such a text matches the record as written, so
    /// the text need not be searched.
    pub fn is_written_run(src: &Source, i: usize) -> bool {
        let format = &src.detection.format;
        let bytes = src.record_bytes(i);
        // JSON reads as its fields (and is not parsed twice to say so).
        if matches!(format, Format::Json(_))
            || format.entries().is_some()
            || shown::compose_json(format, bytes)
        {
            return false;
        }
        // Without an early exit, so that the loop is vectorised.
        let unprintable = bytes.iter().fold(false, |any, &b| {
            any | ((b < 0x20 && b != b'\n') | (b >= 0x7f))
        });
        if unprintable {
            return false;
        }
        let e = src.entry(i);
        let (own, level) = (e.is_some_and(|e| e.own_time()), e.and_then(|e| e.level()));
        let (head, rest) = shown::headline(format, bytes);
        let first = shown::first_line_bytes(format, head, own, level);
        let std::borrow::Cow::Borrowed(first) = first else {
            return false;
        };
        let head_end = head.as_ptr_range().end;
        if first.as_ptr_range().end != head_end {
            return false;
        }
        if rest.is_empty() {
            return true;
        }
        // The lines under it follow the headline's newline, each shown whole.
        rest.as_ptr() == head_end.wrapping_add(1)
            && rest.split(|&b| b == b'\n').all(|line| {
                matches!(shown::continuation_bytes(format, line),
                    std::borrow::Cow::Borrowed(c) if c.len() == line.len())
            })
    }

    /// The text record `i` of `src` shows.
    pub fn of(&mut self, src: &Source, i: usize) -> &[u8] {
        let format = &src.detection.format;
        let bytes = src.record_bytes(i);
        self.text.clear();
        if matches!(format, Format::Json(_))
            && memchr::memchr(b'\n', bytes).is_none()
            && self.json.read(bytes, &mut self.line)
        {
            push_displayed(&mut self.text, &self.line);
            return &self.text;
        }
        let e = src.entry(i);
        let (own, level) = (e.is_some_and(|e| e.own_time()), e.and_then(|e| e.level()));
        let (head, rest) = shown::headline(format, bytes);
        push_displayed(
            &mut self.text,
            &shown::first_line_bytes(format, head, own, level),
        );
        for line in shown::continuations(format, rest) {
            self.text.push(b'\n');
            push_displayed(&mut self.text, &line);
        }
        &self.text
    }
}

/// Appends `display_text(line)`: `line` itself when it is all printable
/// ASCII, its tabs expanded when it has tabs too (every character one column).
fn push_displayed(out: &mut Vec<u8>, line: &[u8]) {
    let plain = |b: &u8| (0x20..0x7f).contains(b);
    if line.iter().all(plain) {
        out.extend_from_slice(line);
    } else if line.iter().all(|b| plain(b) || *b == b'\t') {
        let start = out.len();
        for &b in line {
            if b == b'\t' {
                let n = 4 - (out.len() - start) % 4;
                out.extend(std::iter::repeat_n(b' ', n));
            } else {
                out.push(b);
            }
        }
    } else {
        out.extend_from_slice(crate::ansi::display_text(line).as_bytes());
    }
}

/// The pattern compiled for whole runs of records: `^` and `$` at every
/// line (CRLF too), so every record that matches on its own has a match that
/// starts inside it. None when the pattern could match only in a lone record
/// (`\A`, `\z`, inline flags that could turn multi-line off).
pub fn chunk_regex(pattern: &str, case_insensitive: bool) -> Option<Regex> {
    if pattern.contains("\\A") || pattern.contains("\\z") || pattern.contains("(?") {
        return None;
    }
    RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .multi_line(true)
        .crlf(true)
        .build()
        .ok()
}

/// The records in `lo..hi` whose bytes as written match, found by running
/// `chunk` over their mapped bytes at once (one call per match, not one per
/// record). Each hit is mapped to its record through the index and confirmed
/// on that record alone, so the answer equals the record-by-record one.
fn raw_chunk(
    source: &Source,
    pattern: &Pattern,
    chunk: &Regex,
    lo: usize,
    hi: usize,
    rows: &mut Vec<u32>,
) {
    let index = &source.index;
    let n = index.len();
    let offset = |i: usize| index.get(i).map_or(u64::MAX, |e| e.offset());
    let start = offset(lo);
    let end = if hi < n { offset(hi) } else { u64::MAX };
    let bytes = source.parts.slice(start, end);
    // The records must lie in one part (a slice stops at a part's end), in
    // file order (not a log written newest first, read reversed).
    if index.reversed() || (bytes.len() as u64) <= offset(hi - 1) - start {
        rows.extend(
            (lo..hi)
                .filter(|&i| pattern.raw_match(source, i))
                .map(|i| i as u32),
        );
        return;
    }
    let mut i = lo;
    let mut pos = 0;
    while let Some(m) = chunk.find_at(bytes, pos) {
        let at = start + m.start() as u64;
        i = record_at(&offset, i, hi, at);
        if pattern.raw_match(source, i) {
            rows.push(i as u32);
        }
        i += 1;
        if i >= hi {
            break;
        }
        pos = (offset(i) - start) as usize;
    }
}

/// The last record in `from..hi` that starts at or before byte `at`
/// (`offset(from) <= at`; offsets ascend).
fn record_at(offset: &impl Fn(usize) -> u64, from: usize, hi: usize, at: u64) -> usize {
    if from + 1 >= hi || offset(from + 1) > at {
        return from;
    }
    let (mut a, mut b) = (from + 1, hi);
    while b - a > 1 {
        let mid = a + (b - a) / 2;
        if offset(mid) <= at {
            a = mid;
        } else {
            b = mid;
        }
    }
    a
}

mod shown_match;

pub use shown_match::shown_ranges;

#[cfg(test)]
mod tests;
