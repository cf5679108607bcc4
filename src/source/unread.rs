//! What the index says of a source in place of "no timestamps": a shape of
//! log casefile does not read, or a Go dump cut short before its first
//! goroutine was complete, said as `casefile goroutines` says it; and,
//! besides it, a dump cut in or right after its last goroutine's header.

use crate::format::Detection;

pub(super) enum Unread {
    /// `format::unread_shape`: said only when no line is dated.
    Shape(&'static str),
    /// A dump cut before its first goroutine was complete: said even after
    /// dated log lines, which `goroutines` reads past as it does.
    CutDump(String),
    /// A dump cut in or right after its last goroutine's header, after
    /// goroutines it read whole or a log's lines: said besides what the
    /// index says of the format (`Dump::cut_at_end`).
    CutAtEnd(String),
}

impl Unread {
    pub(super) fn of(detection: &Detection, sample: &[u8], total: u64) -> Option<Unread> {
        crate::format::unread_shape(sample)
            .map(Unread::Shape)
            .or_else(|| cut_dump(detection, sample, total))
    }

    pub(super) fn text(&self) -> &str {
        match self {
            Unread::Shape(why) => why,
            Unread::CutDump(why) | Unread::CutAtEnd(why) => why,
        }
    }

    /// Whether it is said when `dated` lines of the source carry a time.
    pub(super) fn said(&self, dated: u64) -> bool {
        !matches!(self, Unread::Shape(_)) || dated == 0
    }

    /// Whether it is said in place of what the index says of the format
    /// (a dump's note, "no timestamps"), not besides it.
    pub(super) fn in_place(&self) -> bool {
        !matches!(self, Unread::CutAtEnd(_))
    }
}

/// A whole text whose last line that is not blank is a goroutine's header,
/// cut short or with no frame under it (alone, after a dump's preamble,
/// after complete goroutines or after log lines, in any format), whatever
/// newline or blank lines follow it: read with the detected format as
/// `casefile goroutines` reads it, and said as it says it. Only such a text
/// is parsed here; a text longer than the sample is not.
fn cut_dump(detection: &Detection, sample: &[u8], total: u64) -> Option<Unread> {
    use crate::goroutine::line;
    if sample.len() as u64 != total {
        return None;
    }
    let last = sample.trim_ascii_end();
    let last = line::trim(&last[memchr::memrchr(b'\n', last).map_or(0, |i| i + 1)..]);
    if !line::header_cut(last) && line::header(last).is_none() {
        return None;
    }
    let dumps = crate::goroutine::captured::parse_log(&detection.format, sample).split(sample);
    if let Some(cut) = dumps.first()?.cut_before_first_goroutine() {
        return Some(Unread::CutDump(cut));
    }
    dumps.last()?.cut_at_end().map(Unread::CutAtEnd)
}
