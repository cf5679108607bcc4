//! What the index says of a source in place of "no timestamps": a shape of
//! log casefile does not read, or a Go dump cut short before its first
//! goroutine was complete, said as `casefile goroutines` says it; and,
//! besides it, a dump cut in or right after its last goroutine's header:
//! looked for in the whole source when it fits the sample, else in its tail.

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
    /// `tail`: the source's end, when it is longer than the sample.
    pub(super) fn of(
        detection: &Detection,
        sample: &[u8],
        total: u64,
        tail: Option<Tail<'_>>,
    ) -> Option<Unread> {
        crate::format::unread_shape(sample)
            .map(Unread::Shape)
            .or_else(|| match (sample.len() as u64 == total, tail) {
                (true, _) => cut_dump(detection, sample, 0),
                (false, Some(t)) if detection.format.entries().is_none() => {
                    cut_dump(detection, t.text, t.lines_before())
                }
                _ => None,
            })
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

/// The end of a one-file source longer than the sample: a dump cut short
/// at its end is there, whatever came before it.
pub(super) struct Tail<'a> {
    /// The source's last `TAIL` bytes or fewer, from a line's start.
    text: &'a [u8],
    /// The source's lines, as the index counted them.
    lines: u64,
}

/// How much of a source's end is read for a dump cut there: a few thousand
/// goroutines before the cut one, the sample's size.
const TAIL: usize = super::SAMPLE;

impl<'a> Tail<'a> {
    pub(super) fn of(data: &'a [u8], lines: u64) -> Tail<'a> {
        let from = data.len().saturating_sub(TAIL);
        let from = match from {
            0 => 0,
            _ => memchr::memchr(b'\n', &data[from - 1..]).map_or(data.len(), |k| from + k),
        };
        Tail {
            text: &data[from..],
            lines,
        }
    }

    /// The source's lines before `text`: each newline ends one, and the
    /// last line counts without one as the index counts it.
    fn lines_before(&self) -> u64 {
        let unended = !self.text.is_empty() && !self.text.ends_with(b"\n");
        let own = memchr::memchr_iter(b'\n', self.text).count() as u64 + u64::from(unended);
        self.lines.saturating_sub(own)
    }
}

/// A text whose last line that is not blank is a goroutine's header, cut
/// short or with no frame under it (alone, after a dump's preamble, after
/// complete goroutines or after log lines, in any format), whatever newline
/// or blank lines follow it: read with the detected format as `casefile
/// goroutines` reads it, and said as it says it. The text is a whole source
/// (`before` 0) or its tail, after `before` lines: the lines it says are
/// the source's. Only such a text is parsed here; others cost a look at
/// their last line.
fn cut_dump(detection: &Detection, text: &[u8], before: u64) -> Option<Unread> {
    use crate::goroutine::line;
    let last = text.trim_ascii_end();
    let last = line::trim(&last[memchr::memrchr(b'\n', last).map_or(0, |i| i + 1)..]);
    if !line::header_cut(last) && line::header(last).is_none() {
        return None;
    }
    let mut dumps = crate::goroutine::captured::parse_log(&detection.format, text).split(text);
    for d in dumps.iter_mut().flat_map(|d| d.damage.iter_mut()) {
        d.line += before;
    }
    if let Some(cut) = dumps.first()?.cut_before_first_goroutine() {
        return Some(Unread::CutDump(cut));
    }
    dumps.last()?.cut_at_end().map(Unread::CutAtEnd)
}
