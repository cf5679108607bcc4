//! What the index says of a source in place of "no timestamps": a shape of
//! log casefile does not read, or a Go dump cut short before its first
//! goroutine was complete, said as `casefile goroutines` says it.

use crate::format::{Detection, Format};

pub(super) enum Unread {
    /// `format::unread_shape`: said only when no line is dated.
    Shape(&'static str),
    /// A dump cut before its first goroutine was complete: said even after
    /// dated log lines, which `goroutines` reads past as it does.
    CutDump(String),
}

impl Unread {
    pub(super) fn of(detection: &Detection, sample: &[u8], total: u64) -> Option<Unread> {
        crate::format::unread_shape(sample)
            .map(Unread::Shape)
            .or_else(|| cut_dump(detection, sample, total).map(Unread::CutDump))
    }

    pub(super) fn text(&self) -> &str {
        match self {
            Unread::Shape(why) => why,
            Unread::CutDump(why) => why,
        }
    }

    /// Whether it is said when `dated` lines of the source carry a time.
    pub(super) fn said(&self, dated: u64) -> bool {
        matches!(self, Unread::CutDump(_)) || dated == 0
    }
}

/// A whole text whose last line that is not blank is a goroutine's header cut
/// short (alone, after a dump's preamble or after log lines, in any format),
/// or a short `go-dump` that ends right after that header (`goroutine 1
/// [running]:` and its newline): read with the detected format as `casefile
/// goroutines` reads it, and said as it says it.
fn cut_dump(detection: &Detection, sample: &[u8], total: u64) -> Option<String> {
    let whole = sample.len() as u64 == total;
    // Cut inside it: the text's last line that is not blank, with its
    // newline or without.
    let last = sample.trim_ascii_end();
    let last = &last[memchr::memrchr(b'\n', last).map_or(0, |i| i + 1)..];
    let in_header = crate::goroutine::line::header_cut(crate::goroutine::line::trim(last));
    // A header alone is short: a longer dump is not parsed twice.
    let bare = detection.format == Format::GoDump && sample.len() <= 4096;
    if !whole || !(in_header || bare) {
        return None;
    }
    memchr::memmem::find(sample, b"goroutine ")?;
    crate::goroutine::captured::parse_log(&detection.format, sample)
        .split(sample)
        .first()?
        .cut_before_first_goroutine()
}
