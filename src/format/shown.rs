//! A record's first line as the panes show it, shared by the screen and the
//! headless commands so that both print the same: JSON lines read as
//! `message  key=value …`, and other lines lose the timestamp and level word
//! that the time and level columns already show, cut where the format's
//! parser read them (`Format::header`).

use std::borrow::Cow;
use std::ops::Range;

use super::{Format, Header, docker, json_text};
use crate::ansi::display_text;
use crate::level::Level;

/// The first line of a record, readable and safe for a terminal. `own_time`:
/// the line carries the timestamp the time column shows (not inherited).
/// What the time and level columns show is cut where the format's parser
/// read it (`Format::header`), wherever the line has it: logfmt's `time=`,
/// an access log's `[stamp]`, the stamp after compose's `svc-1  | ` or
/// redis's `pid:role`.
pub fn first_line(format: &Format, line: &[u8], own_time: bool, level: Option<Level>) -> String {
    display_text(&first_line_bytes(format, line, own_time, level))
}

/// `first_line` before `display_text` made it safe for a terminal (text
/// that is all printable ASCII is already safe).
pub fn first_line_bytes<'a>(
    format: &Format,
    line: &'a [u8],
    own_time: bool,
    level: Option<Level>,
) -> Cow<'a, [u8]> {
    if matches!(format, Format::Json(_))
        && let Some(r) = json_text::readable(line)
    {
        return Cow::Owned(r.into_bytes());
    }
    // A journal entry (`headline`'s) reads as its JSON line would.
    if let Some(verbose) = format.entries() {
        return Cow::Owned(super::journal_entry::text(verbose, line).into_bytes());
    }
    let line = crate::ansi::strip_cow(line);
    if compose_json(format, &line)
        && let Some(r) = json_text::readable(&line)
    {
        return Cow::Owned(r.into_bytes());
    }
    // logrus's colour line has no stamp: its level letters go, as a level
    // word after a stamp does; its `[0000]`, the only time it gives, stays.
    if matches!(format, Format::LogrusTty)
        && level.is_some()
        && super::logrus::head(&line).is_some()
    {
        return match line {
            Cow::Borrowed(line) => Cow::Borrowed(&line[4..]),
            Cow::Owned(line) => Cow::Owned(line[4..].to_vec()),
        };
    }
    let header = own_time.then(|| format.header(&line)).flatten();
    // `grep -H`'s `app.log:12:` is glued to the stamp: a space keeps it
    // apart from the message once the stamp is cut.
    let apart = matches!(format, Format::Prefixed(_));
    match line {
        Cow::Borrowed(line) => without_header(line, header, level, apart),
        Cow::Owned(line) => Cow::Owned(without_header(&line, header, level, apart).into_owned()),
    }
}

/// A container's JSON behind compose's prefix: it reads as JSON lines do.
pub fn compose_json(format: &Format, line: &[u8]) -> bool {
    matches!(format, Format::DockerCompose)
        && docker::prefix_end(line).is_some_and(|p| line.get(p) == Some(&b'{'))
}

/// `line` without its header's stamp and level word, nor a level word that
/// names `level` right after the stamp (or at the start of a line without
/// one), each cut with the blanks after it. A line that is all header stays
/// whole. `apart`: what was before the cuts and what follows them are kept
/// apart by a space when no blank is left between them.
fn without_header(
    line: &[u8],
    header: Option<Header>,
    level: Option<Level>,
    apart: bool,
) -> Cow<'_, [u8]> {
    let (stamp, word) = match header {
        Some(h) => (Some(h.stamp), h.level),
        None => (None, None),
    };
    let after_stamp = stamp.as_ref().map_or(0, |s| blanks_end(line, s.end));
    let word = word.or_else(|| leading_level(line, after_stamp, level));
    let mut cuts: Vec<Range<usize>> = stamp.into_iter().chain(word).collect();
    if cuts.is_empty() {
        return Cow::Borrowed(line);
    }
    cuts.sort_by_key(|c| c.start);
    // Cuts from the start on leave the rest of the line as written.
    let mut front = 0;
    let mut prefix = true;
    for c in &cuts {
        if c.start > front {
            prefix = false;
            break;
        }
        front = front.max(blanks_end(line, c.end.min(line.len())));
    }
    if prefix {
        let rest = &line[front.min(line.len())..];
        return Cow::Borrowed(if rest.trim_ascii().is_empty() {
            line
        } else {
            rest
        });
    }
    let mut out = Vec::with_capacity(line.len());
    let mut at = 0;
    for c in cuts {
        let start = c.start.clamp(at, line.len());
        out.extend_from_slice(&line[at..start]);
        at = blanks_end(line, c.end.clamp(start, line.len()));
    }
    if at == line.len() {
        // The last cut ended the line (logfmt's `time=` last): no blanks before it.
        out.truncate(out.trim_ascii_end().len());
    } else if apart && out.last().is_some_and(|b| !b.is_ascii_whitespace()) {
        out.push(b' ');
    }
    out.extend_from_slice(&line[at..]);
    if out.trim_ascii().is_empty() {
        return Cow::Borrowed(line);
    }
    Cow::Owned(out)
}

/// Where the spaces and tabs from `at` end.
fn blanks_end(line: &[u8], at: usize) -> usize {
    let n = line[at.min(line.len())..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    at + n
}

/// The level word (`INFO`, `[WARN]`, `ERROR:`) at `at` that names `level`:
/// the level column already shows it. Only upper-case words of three letters
/// or more, so that "Log in failed" or "I think" stay whole; never the whole
/// rest of the line.
fn leading_level(line: &[u8], at: usize, level: Option<Level>) -> Option<Range<usize>> {
    let level = level?;
    let rest = line.get(at..)?;
    let names = |word: &[u8]| {
        word.len() >= 3
            && word.iter().all(u8::is_ascii_uppercase)
            && Level::parse(word) == Some(level)
    };
    if let Some(word_end) = rest.iter().position(|&b| b == b' ' || b == b'\t') {
        let token = &rest[..word_end];
        let word = token
            .strip_prefix(b"[")
            .and_then(|t| t.strip_suffix(b"]"))
            .or_else(|| token.strip_suffix(b":"))
            .unwrap_or(token);
        if names(word) {
            return Some(at..at + word_end);
        }
    }
    // Python logging's default `LEVEL:name:msg`: the colon with no blank after it.
    let colon = rest.iter().take(10).position(|&b| b == b':')?;
    let next = rest.get(colon + 1)?;
    (!next.is_ascii_whitespace() && names(&rest[..colon])).then_some(at..at + colon + 1)
}

/// A whole record as casefile shows it: the first line as `first_line` reads
/// it (after a JUL record's header, `headline`), then each line under it as
/// `continuation_line` reads it, joined by newlines; what `show` prints and
/// an expanded pane row shows, whole. Search and filters match this text as
/// well as the record as written.
pub fn record(format: &Format, record: &[u8], own_time: bool, level: Option<Level>) -> String {
    let (head, rest) = headline(format, record);
    let mut out = first_line(format, head, own_time, level);
    for line in continuations(format, rest) {
        out.push('\n');
        out.push_str(&display_text(&line));
    }
    out
}

/// The lines under a record's headline as they read (`continuation_bytes`
/// each), or, for a journal entry's record, each entry after the first as
/// its message.
pub fn continuations<'a>(format: &Format, rest: &'a [u8]) -> Vec<Cow<'a, [u8]>> {
    if rest.is_empty() {
        return Vec::new();
    }
    match format.entries() {
        Some(verbose) => super::journal_entry::messages(verbose, rest),
        None => rest
            .split(|&b| b == b'\n')
            .map(|line| continuation_bytes(format, line))
            .collect(),
    }
}

/// The line a record is read by (shown first, mined for its pattern) and the
/// lines after it: its first line, but a java.util.logging record's
/// `LEVEL: message` line under the header that only dates it (class and
/// method show as written, with `=` or `--raw`).
pub fn headline<'a>(format: &Format, record: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    if matches!(format, Format::Jul)
        && let Some(m) = super::app::jul_message(record)
    {
        return m;
    }
    // A journal entry's record is read by its first entry, whole.
    if let Some(verbose) = format.entries() {
        let (end, next) = super::journal_entry::first_entry(verbose, record);
        return (&record[..end], &record[next.min(record.len())..]);
    }
    match memchr::memchr(b'\n', record) {
        Some(nl) => (super::trim_cr(&record[..nl]), &record[nl + 1..]),
        None => (super::trim_cr(record), &[]),
    }
}

/// The record from its headline on (without a JUL record's header line).
pub fn from_headline<'a>(format: &Format, record: &'a [u8]) -> &'a [u8] {
    let head = headline(format, record).0;
    let start = (head.as_ptr() as usize).saturating_sub(record.as_ptr() as usize);
    record.get(start..).unwrap_or(record)
}

/// A line under a record's first, readable and safe for a terminal: where
/// the capturer dated every line of a trace (journald, `docker logs -t`), its
/// message without the prefix the first line already shows.
pub fn continuation_line(format: &Format, line: &[u8]) -> String {
    display_text(&continuation_bytes(format, line))
}

/// `continuation_line` before `display_text`.
pub fn continuation_bytes<'a>(format: &Format, line: &'a [u8]) -> Cow<'a, [u8]> {
    let captured = format.parse(line).stamp.is_some();
    match format.message(line).filter(|_| captured) {
        Some(m) => m.text(),
        None => Cow::Borrowed(line),
    }
}

#[cfg(test)]
mod tests;
