//! A log still being written, read again from where the last read stopped:
//! following a 1 GiB log that grows by a few lines costs those lines, not a
//! whole new index. A last line not ended (a writer that flushes blocks) or
//! a last record still being written is read again from where that record
//! begins. Only when that gives the index a whole read would: anything else
//! (a rotated file, one cut shorter, a decoded copy, a log whose times of
//! day are dated by its last line) is read whole again.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::{LoadOptions, Parts, SAMPLE, Source, SourceSpec, Stage, index_with};
use crate::format::Detection;
use crate::index::Index;

/// Where a source read before stops in its files opened again: the part
/// that grew and the offset in it from which to read on.
#[derive(Debug, Clone, Copy)]
pub struct Resume<'a> {
    pub(super) read: u64,
    pub(super) line_marks: &'a Arc<super::LineMarks>,
    pub(super) detection: &'a Detection,
    pub(super) index: &'a Index,
    pub(super) part: usize,
    pub(super) offset: usize,
    /// `offset` is where one of the old index's last records begins (the
    /// last, rarely the one before), not where the old read ended: that
    /// record is read again (its last line was not ended, or the new lines
    /// go on with it), from the index before it (`Index::before_last_chunk`,
    /// indexed on to `offset`).
    pub(super) last_record: bool,
}

/// How many of the old index's last records a read on may begin at.
const BACK: usize = 2;

/// Where `old` stops in `parts` (its files opened again), when reading on
/// from there indexes the files as reading them whole would: `parts` are the
/// same files mapped in place, each as long as before but the newest, which
/// may have grown (a log being written), and its last bytes are as they were
/// (`Data::grown_into`: a file written over in place between two of the
/// watcher's looks is no longer what was read). It reads on from where the
/// old read ended, or, when its last line was not ended (a writer that
/// flushes blocks: `python app.py > app.log`, a JVM's stdout) or the new
/// lines go on with its last record (a trace, a journal entry, JUL's
/// `LEVEL:` line: `index::resumes_at`), from where that record begins (or
/// the one before, when the last record's first line goes on with it).
/// None when they must be read whole: a file rotated, cut shorter or
/// decoded; a record read again whose start a whole read would read
/// otherwise (its line now a JUL `LEVEL:` line, an exception under a record
/// below a warning: `index::exception_resumes_at`), or that began before the
/// old index's last chunk that made records; stamps without a year, once
/// the day their year is inferred from changed; a newest file shorter than
/// format detection's sample (detection might read it otherwise; such a
/// file is read again in no time); a log written newest first, or whose
/// times of day are dated by its last line (both are laid out from the
/// file's end).
pub fn resume_point<'a>(old: &'a Source, parts: &Parts) -> Option<Resume<'a>> {
    let (before, now) = (&old.parts.0, &parts.0);
    if before.len() != now.len() || now.is_empty() {
        return None;
    }
    let last = now.len() - 1;
    for (k, (a, b)) in before.iter().zip(now).enumerate() {
        let read_whole = a.readable.load(Ordering::Relaxed) >= a.data.len();
        let same_len = k == last || b.data.len() == a.data.len();
        if !(a.data.grown_into(&b.data) && read_whole && same_len) {
            return None;
        }
    }
    let grown = &before[last];
    // The sample detection read: the first part with bytes.
    let sampled = before.iter().position(|p| !p.data.is_empty())?;
    let sample_whole = sampled < last || grown.data.len() >= SAMPLE;
    let format = &old.detection.format;
    if !sample_whole || old.index.reversed() || format.times_of_day() {
        return None;
    }
    let data = &now[last].data;
    // The level of the record before `at` in the grown part (None: none).
    let above = |records: usize| {
        let e = old.index.get(records.checked_sub(1)?)?;
        (e.offset() >= now[last].base).then(|| e.level())
    };
    let ended_line = grown.data.last() == Some(&b'\n');
    let end = grown.data.len();
    let (offset, last_record) = if ended_line
        && crate::index::resumes_at(format, data, end)
        && crate::index::exception_resumes_at(data, end, above(old.index.len()))
    {
        (end, false)
    } else {
        // Read on from where the last record begins, in the grown part, at
        // or after the chunk the index before it is kept to; or the record
        // before, when the last one's first line, now longer, goes on with
        // it (a JUL `LEVEL:` line read as far as `W`).
        let n = old.index.len();
        let base = now[last].base;
        let chunk = old.index.last_chunk_offset()?;
        let at = (n.saturating_sub(BACK)..n).rev().find_map(|k| {
            let start = old.index.get(k)?.offset();
            let at = start.checked_sub(base)? as usize;
            let alike = start >= chunk
                && crate::index::resumes_at(format, data, at)
                && crate::index::exception_resumes_at(data, at, above(k));
            alike.then_some(at)
        })?;
        (at, true)
    };
    // Stamps without a year take it from the day of the newest file's
    // mtime: once that day changed, a whole read may date lines read before
    // a year on (`Jan  1` lines read on New Year's Eve, written east of UTC).
    let day = |t: Option<i64>| t.map(|t| t.div_euclid(crate::time::NANOS_PER_DAY));
    if old.index.stats.assumptions.inferred_year && day(grown.mtime) != day(now[last].mtime) {
        return None;
    }
    Some(Resume {
        read: old.read,
        line_marks: &old.line_marks,
        detection: &old.detection,
        index: &old.index,
        part: last,
        offset,
        last_record,
    })
}

/// Reads on from `resume` (`resume_point` of the source read before) in
/// `parts`: the old source's records, then those of the bytes added since.
/// None when the result would differ from a whole read after all: a
/// daylight saving time hour repeated within the source's times, whose
/// records are placed over the whole index.
pub fn extend(
    spec: &SourceSpec,
    parts: Arc<Parts>,
    warnings: Vec<String>,
    opts: &LoadOptions,
    resume: Resume<'_>,
    progress: impl FnMut(Stage<'_>),
) -> Option<Source> {
    let src = index_with(spec, parts, warnings, opts, Some(resume), progress);
    let repeats = src.index.stats.assumptions.used_zone
        && match (src.index.stats.first, src.index.stats.last) {
            (Some(a), Some(b)) => crate::index::repeats_an_hour(&src.zone, a, b),
            _ => false,
        };
    (!repeats).then_some(src)
}

#[cfg(test)]
mod tests;
