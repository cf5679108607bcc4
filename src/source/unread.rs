//! What the index says of a source in place of "no timestamps": a shape of
//! log casefile does not read, or a Go dump cut short before its first
//! goroutine was complete, said as `casefile goroutines` says it; and,
//! besides it, a dump cut in or right after its last goroutine's header:
//! looked for in the source's tail (its whole when it is short; a rotated
//! set's newest file's; a journal's last messages), and read from
//! the record the tail begins in when the tail holds none of its goroutines.

use std::borrow::Cow;

use crate::format::Detection;
use crate::index::Index;

pub(super) enum Unread {
    /// `format::unread_shape`: said only when no line is dated.
    Shape(&'static str),
    /// A dump cut before its first goroutine was complete: said even after
    /// dated log lines, which `goroutines` reads past as it does.
    CutDump(String),
    /// A dump cut in or right after its last goroutine's header, after
    /// goroutines it read whole, a panic or a log's lines: said besides what
    /// the index says of the format (`Dump::cut_at_end`).
    CutAtEnd(String),
}

impl Unread {
    /// `sample`: the source's first bytes, as detection read them; `tail`:
    /// its end (its whole when it is short).
    pub(super) fn of(
        detection: &Detection,
        sample: &[u8],
        tail: Option<Tail<'_>>,
    ) -> Option<Unread> {
        crate::format::unread_shape(sample)
            .map(Unread::Shape)
            .or_else(|| cut_dump(detection, &tail?))
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

/// The end of a source: of its file, or of its newest file in a rotated
/// set; a dump cut short at its end is there, whatever came before it.
pub(super) struct Tail<'a> {
    /// The file's bytes.
    data: &'a [u8],
    /// Where the tail begins: `TAIL` bytes before the end or fewer, at a
    /// line's start (an entry's, in a journal of entries).
    from: usize,
    /// Where the record the tail begins in begins (a panic whose text runs
    /// into the tail), `REACH` before it at most; else `from`.
    record: usize,
    /// The file's lines as the index counted them (of a one-file source);
    /// else those before a start are counted.
    lines: Option<u64>,
    /// The file named in what is said, a rotated set's newest: its lines
    /// are that file's, as `casefile goroutines FILE` names them.
    part: Option<&'a super::Part>,
}

/// How much of a source's end is read for a dump cut there: a few thousand
/// goroutines before the cut one, the sample's size.
const TAIL: usize = super::SAMPLE;

/// How far before the tail the start of its first record is looked for.
const REACH: usize = 64 << 20;

impl<'a> Tail<'a> {
    /// The end of a one-file source, `data`, indexed as `idx`; `entries`:
    /// `Format::entries`.
    pub(super) fn of_file(data: &'a [u8], idx: &Index, entries: Option<bool>) -> Tail<'a> {
        let from = window(data, entries);
        Tail {
            data,
            from,
            record: record_start(idx, 0, from),
            lines: Some(idx.stats.lines),
            part: None,
        }
    }

    /// The end of a rotated set, indexed as `idx`: its newest file that is
    /// not empty.
    pub(super) fn of_set(
        parts: &'a [super::Part],
        idx: &Index,
        entries: Option<bool>,
    ) -> Option<Tail<'a>> {
        let p = parts.iter().rev().find(|p| p.safe_len() > 0)?;
        let data = &p.data[..p.safe_len()];
        let from = window(data, entries);
        Some(Tail {
            data,
            from,
            record: record_start(idx, p.base, from),
            lines: None,
            part: Some(p),
        })
    }

    /// The file's lines before `start`: each newline ends one, and the last
    /// line counts without one as the index counts it.
    fn lines_before(&self, start: usize) -> u64 {
        let Some(lines) = self.lines else {
            return memchr::memchr_iter(b'\n', &self.data[..start]).count() as u64;
        };
        let text = &self.data[start..];
        let unended = !text.is_empty() && !text.ends_with(b"\n");
        let own = memchr::memchr_iter(b'\n', text).count() as u64 + u64::from(unended);
        lines.saturating_sub(own)
    }

    /// What is said of the file: a rotated set's names it.
    fn said(&self, what: String) -> String {
        match self.part {
            Some(p) => p.note(&what),
            None => what,
        }
    }
}

/// Where the record holding the byte before `from` of the file at `base`
/// (in the source's bytes) begins in that file, when `REACH` or less
/// before: the index keeps a panic's text and stacks in one record.
fn record_start(idx: &Index, base: u64, from: usize) -> usize {
    let Some(before) = from.checked_sub(1) else {
        return from;
    };
    // None before the first record (a byte-order mark): the tail is whole.
    let Some(start) = idx.holding(base + before as u64).and_then(|i| idx.get(i)) else {
        return from;
    };
    let start = (start.offset().max(base) - base) as usize;
    if from - start.min(from) <= REACH {
        start.min(from)
    } else {
        from
    }
}

/// Where the tail of `data` begins: `TAIL` bytes before its end, at the
/// next line's start (a journal's next entry's), past a byte-order mark.
fn window(data: &[u8], entries: Option<bool>) -> usize {
    let from = data.len().saturating_sub(TAIL);
    if from == 0 {
        return super::bom_len(data);
    }
    let from = memchr::memchr(b'\n', &data[from - 1..]).map_or(data.len(), |k| from + k);
    match entries {
        None => from,
        // `-o verbose`: an entry's header is the line that is not indented.
        Some(true) => {
            let mut at = from;
            while at < data.len() && matches!(data[at], b' ' | b'\n' | b'\r') {
                at = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |k| at + k + 1);
            }
            at
        }
        // `-o export`: a blank line ends an entry.
        Some(false) => memchr::memmem::find(&data[from.saturating_sub(1)..], b"\n\n")
            .map_or(data.len(), |k| from.saturating_sub(1) + k + 2),
    }
}

/// The text's last line that is not blank, as the dump is read from it: a
/// prefixed line's message (journald's, docker's), a journal's last entry's.
fn last_line<'a>(format: &crate::format::Format, text: &'a [u8]) -> Cow<'a, [u8]> {
    use crate::format::journal_entry;
    let Some(verbose) = format.entries() else {
        let last = text.trim_ascii_end();
        let last = &last[memchr::memrchr(b'\n', last).map_or(0, |i| i + 1)..];
        let last = last.strip_suffix(b"\r").unwrap_or(last);
        return match format
            .prefixes_lines()
            .then(|| format.message(last))
            .flatten()
        {
            Some(m) => m.text(),
            None => Cow::Borrowed(last),
        };
    };
    let (mut at, mut last) = (0, &text[..0]);
    while at < text.len() {
        let (end, next) = journal_entry::first_entry(verbose, &text[at..]);
        let entry = &text[at..at + end];
        if !entry.iter().all(u8::is_ascii_whitespace) {
            last = entry;
        }
        if next == 0 {
            break;
        }
        at += next;
    }
    journal_entry::message(verbose, last)
}

/// A tail whose last line that is not blank (a journal's last entry's
/// message) is a goroutine's header, cut short or with no frame under it
/// (alone, after a dump's preamble, after complete goroutines or after log
/// lines, in any format), whatever newline or blank lines follow it: read
/// with the detected format as `casefile goroutines` reads it, and said as
/// it says it, of the file's lines. Only such a text is parsed here; others
/// cost a look at their last line (a journal's, at its entries).
fn cut_dump(detection: &Detection, tail: &Tail<'_>) -> Option<Unread> {
    use crate::goroutine::line;
    let last = last_line(&detection.format, &tail.data[tail.from..]);
    let last = line::trim(&last);
    if !line::header_cut(last) && line::header(last).is_none() {
        return None;
    }
    match read_from(detection, tail, tail.from)? {
        // No goroutine of the dump in the tail: it may have begun before,
        // a panic's text running into the tail; read from that record.
        Unread::CutDump(_) if tail.record < tail.from => read_from(detection, tail, tail.record),
        said => Some(said),
    }
}

/// What is said of the dump cut at the end of `tail`, read from `start`.
fn read_from(detection: &Detection, tail: &Tail<'_>, start: usize) -> Option<Unread> {
    let text = &tail.data[start..];
    let mut dumps = crate::goroutine::captured::parse_log(&detection.format, text).split(text);
    let before = tail.lines_before(start);
    for d in dumps.iter_mut().flat_map(|d| d.damage.iter_mut()) {
        d.line += before;
    }
    if let Some(cut) = dumps.first()?.cut_before_first_goroutine() {
        return Some(Unread::CutDump(tail.said(cut)));
    }
    let cut = dumps.last()?.cut_at_end()?;
    Some(Unread::CutAtEnd(tail.said(cut)))
}
