//! A log still being written, read again from where the last read stopped:
//! following a 1 GiB log that grows by a few lines costs those lines, not a
//! whole new index. Only when that gives the index a whole read would:
//! anything else (a rotated file, one cut shorter, a decoded copy, a log whose
//! times of day are dated by its last line) is read whole again.

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
}

/// Where `old` stops in `parts` (its files opened again), when reading on
/// from there indexes the files as reading them whole would: `parts` are the
/// same files mapped in place, each as long as before but the newest, which
/// may have grown (a log being written), what `old` read ended a line and
/// its last bytes are as they were (`Data::grown_into`: a file written over
/// in place between two of the watcher's looks is no longer what was read).
/// None when they must be read whole: a file rotated, cut shorter or
/// decoded; a last line not ended (its record would change), or the new
/// lines going on with the last record (`index::resumes_at`); stamps without
/// a year, once the day their year is inferred from changed; a newest file
/// shorter than format detection's sample (detection might read it
/// otherwise; such a file is read again in no time); a log written newest
/// first, or whose times of day are dated by its last line (both are
/// laid out from the file's end).
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
    let ended_line = grown.data.last() == Some(&b'\n');
    // The sample detection read: the first part with bytes.
    let sampled = before.iter().position(|p| !p.data.is_empty())?;
    let sample_whole = sampled < last || grown.data.len() >= SAMPLE;
    let format = &old.detection.format;
    if !ended_line || !sample_whole || old.index.reversed() || format.times_of_day() {
        return None;
    }
    if !crate::index::resumes_at(format, &now[last].data, grown.data.len()) {
        return None;
    }
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
        offset: grown.data.len(),
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
