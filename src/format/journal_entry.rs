//! `journalctl -o verbose` and `-o export`: a journal entry written over many
//! lines, one `FIELD=value` a line, read as one record that reads as its
//! `journalctl -o json` line does (`json_text::journald`:
//! `IDENT[PID]: MESSAGE`, then the fields the program sent itself).
//!
//! verbose: a header line, `Mon 2026-11-23 14:08:38.881981 UTC [s=…;t=…;x=…]`,
//! then `    FIELD=value` lines; a multi-line value goes on in lines indented
//! past its `=`; a value journalctl would not print reads `FIELD=[N blob data]`.
//! The time is the cursor's `t=` (`__REALTIME_TIMESTAMP` in hex microseconds):
//! the header's local time and zone abbreviation can be ambiguous, and are
//! read only when there is no `t=`.
//!
//! export (<https://systemd.io/JOURNAL_EXPORT_FORMATS/>): entries are blocks
//! of `FIELD=value` lines ended by a blank line; a binary field is its name
//! alone on a line, a little-endian u64 length, that many bytes and a
//! newline. The length, not blank-looking lines inside the bytes, says where
//! the value ends (`RecordState::export_binary`). The time is
//! `__REALTIME_TIMESTAMP` (decimal microseconds), wherever it stands.
//!
//! The indexer reads these line by line like any log (`records`): an entry's
//! first line starts its record, `PRIORITY=` gives it its level, and at its
//! end the trace rule of journald's other outputs decides, from its
//! `MESSAGE` and unit, whether it joins a Go panic's record.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::records::{Facts, RecordState, Start};
use super::{LineInfo, Stamp};
use crate::level::Level;

/// What verbose indents a field with.
const INDENT: &[u8] = b"    ";

/// A verbose line: its header's time; field lines carry none.
pub(super) fn parse_verbose(line: &[u8]) -> LineInfo {
    if line.first().is_none_or(|&b| b == b' ') {
        return LineInfo::default();
    }
    let stamp = cursor_time(line).or_else(|| super::iso::parse_line(line).stamp);
    LineInfo { stamp, level: None }
}

/// An export line: `__REALTIME_TIMESTAMP=` dates its entry.
pub(super) fn parse_export(line: &[u8]) -> LineInfo {
    let stamp = line
        .strip_prefix(b"__REALTIME_TIMESTAMP=")
        .and_then(|d| micros(d, 10));
    LineInfo { stamp, level: None }
}

/// The cursor's `t=` in a verbose header's `[s=…;t=…;…]`, when the field is
/// whole (a line cut inside it is dated by its header).
fn cursor_time(line: &[u8]) -> Option<Stamp> {
    let open = memchr::memrchr(b'[', line)?;
    let cursor = &line[open + 1..];
    let mut at = 0;
    for field in cursor.split(|&b| b == b';' || b == b']') {
        at += field.len();
        let whole = cursor.get(at).is_some_and(|&b| b == b';' || b == b']');
        at += 1;
        if let Some(hex) = field.strip_prefix(b"t=") {
            return whole.then(|| micros(hex, 16)).flatten();
        }
    }
    None
}

/// Microseconds since the epoch in `radix` digits, as a stamp.
fn micros(digits: &[u8], radix: u32) -> Option<Stamp> {
    let s = std::str::from_utf8(digits).ok()?;
    let us = i64::from_str_radix(s, radix).ok().filter(|&v| v >= 0)?;
    Some(us.checked_mul(1000).map_or(Stamp::OutOfRange, Stamp::Utc))
}

/// A field name as journald allows them (upper case, digits, `_`); export's
/// binary fields stand alone on their line, so lower case is taken too.
fn is_name(name: &[u8]) -> bool {
    !name.is_empty() && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `NAME=value` (export) or `    NAME=value` (verbose).
fn field(line: &[u8], verbose: bool) -> Option<(&[u8], &[u8])> {
    let line = if verbose {
        line.strip_prefix(INDENT)
            .filter(|l| l.first() != Some(&b' '))?
    } else {
        line
    };
    let eq = memchr::memchr(b'=', line)?;
    is_name(&line[..eq]).then(|| (&line[..eq], &line[eq + 1..]))
}

/// `PRIORITY`'s syslog severity as a level.
fn priority(value: &[u8]) -> Option<Level> {
    match value {
        [d @ b'0'..=b'7'] => Some(Level::from_syslog_severity(d - b'0')),
        _ => None,
    }
}

/// The hash the trace rule knows a unit by (`records::fnv1a`).
fn unit_hash(value: &[u8]) -> u64 {
    super::records::fnv1a(value)
}

/// What the entry being read has told the record rule so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntryState {
    /// An entry is being read (export: no blank line since its first).
    open: bool,
    pid: Option<u64>,
    ident: Option<u64>,
    /// Its `MESSAGE`, as the trace rule reads it.
    message: Option<Facts>,
    /// export: bytes of a binary value still to come, its newline included.
    binary_left: u64,
    /// What the last entry's end decided of its record, for the indexer.
    settled: Option<Settle>,
}

/// What the end of an entry does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settle {
    /// It continues the trace above: its record joins that one.
    Join,
    /// It opened a trace (a Go panic): its record gets this level.
    Level(Level),
}

impl RecordState {
    /// export: whether a line of `len` bytes (its newline included) lies
    /// in a binary value, which it is then counted off.
    #[inline]
    pub fn in_binary(&mut self, len: u64) -> bool {
        let left = &mut self.entry.binary_left;
        if *left == 0 {
            return false;
        }
        *left = left.saturating_sub(len);
        true
    }

    /// What ended entries decided, taken once.
    pub fn take_settled(&mut self) -> Option<Settle> {
        self.entry.settled.take()
    }

    /// A field of the entry being read.
    fn note(&mut self, name: &[u8], value: &[u8]) {
        match name {
            b"MESSAGE" => self.entry.message = Some(Facts::of(value, self.trace_kind())),
            b"_PID" => self.entry.pid = Some(unit_hash(value)),
            b"SYSLOG_IDENTIFIER" => self.entry.ident = Some(unit_hash(value)),
            _ => {}
        }
    }

    /// Ends the entry being read: the trace rule of journald's one-line
    /// outputs, on its message and unit (`_PID`, else `SYSLOG_IDENTIFIER`).
    pub fn end_entry(&mut self) {
        let e = std::mem::take(&mut self.entry);
        if !e.open {
            return;
        }
        let unit = e.pid.or(e.ident).unwrap_or_else(|| unit_hash(b""));
        let opens = e.message.is_some_and(|m| m.opens());
        self.entry.settled = match self.decide(e.message.as_ref(), opens, unit) {
            super::records::Dated::Opens(Some(l)) => Some(Settle::Level(l)),
            super::records::Dated::Joins => Some(Settle::Join),
            _ => None,
        };
    }

    /// A new entry begins at this line.
    fn begin_entry(&mut self) {
        self.end_entry();
        self.entry.open = true;
    }

    /// export: a binary field's name alone on `line`; `after` is what the
    /// data holds after its newline. Its value is read (a binary `MESSAGE`
    /// is the entry's message) and the lines it spans are skipped by the
    /// indexer (`binary_left`). False when `line` is no binary field.
    #[inline(never)]
    pub fn export_binary(&mut self, line: &[u8], after: &[u8]) -> bool {
        if !self.entry.open || !is_name(line) {
            return false;
        }
        let Some(len) = after.get(..8) else {
            // Cut inside the length: the rest is the value's.
            self.entry.binary_left = after.len() as u64;
            return true;
        };
        let len = u64::from_le_bytes(len.try_into().unwrap_or([0; 8]));
        let value = &after[8..after.len().min(8usize.saturating_add(len as usize))];
        self.note(line, value);
        self.entry.binary_left = len.saturating_add(9);
        true
    }
}

impl super::Format {
    /// For `-o verbose` (true) and `-o export` (false): a record is read
    /// entry by entry, not line by line.
    pub fn entries(&self) -> Option<bool> {
        match self {
            super::Format::JournalVerbose => Some(true),
            super::Format::JournalExport => Some(false),
            _ => None,
        }
    }

    /// The record rule for a line of `-o verbose` or `-o export` (`dated`:
    /// its parse read a stamp), which the indexer asks instead of
    /// `dated_start` and `undated_start`: checked there, the format cost
    /// every other format's lines a look at it.
    #[inline(never)]
    pub fn entry_start(&self, line: &[u8], dated: bool, st: &mut RecordState) -> Start {
        if matches!(self, super::Format::JournalVerbose) {
            if line.first().is_none_or(|&b| b == b' ') {
                if let Some((name, value)) = field(line, true) {
                    st.note(name, value);
                    if name == b"PRIORITY"
                        && let Some(l) = priority(value)
                    {
                        return Start::Level(l);
                    }
                }
                return Start::Continue;
            }
            st.begin_entry();
            return Start::New(None);
        }
        if line.is_empty() {
            st.end_entry();
            return Start::Continue;
        }
        let first = !st.entry.open;
        if first {
            st.begin_entry();
        }
        if let Some((name, value)) = field(line, false) {
            st.note(name, value);
            if name == b"PRIORITY"
                && let Some(l) = priority(value)
            {
                return if first {
                    Start::New(Some(l))
                } else {
                    Start::Level(l)
                };
            }
        }
        match (first, dated) {
            (true, _) => Start::New(None),
            (false, true) => Start::Time,
            (false, false) => Start::Continue,
        }
    }
}

/// Where the first entry of `record` ends (verbose: at the next header;
/// export: at the blank line after it, past binary values), and where the
/// next begins.
pub fn first_entry(verbose: bool, record: &[u8]) -> (usize, usize) {
    let mut at = 0;
    let mut first = true;
    while at < record.len() {
        let nl = memchr::memchr(b'\n', &record[at..]).map_or(record.len(), |k| at + k);
        let line = super::trim_cr(&record[at..nl]);
        if verbose {
            if !first && line.first().is_some_and(|&b| b != b' ') {
                return (at.saturating_sub(1), at);
            }
        } else if line.is_empty() {
            return (at.saturating_sub(1), (nl + 1).min(record.len()));
        } else if !first
            && field(line, false).is_none()
            && is_name(line)
            && let Some(len) = record.get(nl + 1..nl + 9)
        {
            let len = u64::from_le_bytes(len.try_into().unwrap_or([0; 8]));
            at = (nl as u64 + 10)
                .saturating_add(len)
                .min(record.len() as u64) as usize;
            continue;
        }
        first = false;
        at = nl + 1;
    }
    (record.len(), record.len())
}

/// The fields of one entry (`first_entry`'s bytes), values as journald
/// holds them: a verbose multi-line value joined by newlines, an export
/// binary value's bytes.
pub fn fields(verbose: bool, entry: &[u8]) -> Vec<(&[u8], Cow<'_, [u8]>)> {
    let mut out: Vec<(&[u8], Cow<'_, [u8]>)> = Vec::new();
    let mut at = 0;
    let mut first = true;
    while at < entry.len() {
        let nl = memchr::memchr(b'\n', &entry[at..]).map_or(entry.len(), |k| at + k);
        let line = super::trim_cr(&entry[at..nl]);
        let header = std::mem::take(&mut first) && verbose;
        if header {
            at = nl + 1;
            continue;
        }
        if let Some((name, value)) = field(line, verbose) {
            out.push((name, Cow::Borrowed(value)));
        } else if verbose && line.starts_with(INDENT) {
            // A multi-line value goes on indented past its `=`.
            if let Some((name, value)) = out.last_mut() {
                let indent = INDENT.len() + name.len() + 1;
                let lead = line.iter().take(indent).take_while(|&&b| b == b' ').count();
                let v = value.to_mut();
                v.push(b'\n');
                v.extend_from_slice(&line[lead..]);
            }
        } else if !verbose && is_name(line) && nl < entry.len() {
            let after = &entry[nl + 1..];
            let Some(len) = after.get(..8) else {
                out.push((line, Cow::Borrowed(&[])));
                break;
            };
            let len = u64::from_le_bytes(len.try_into().unwrap_or([0; 8]));
            let end = 8usize.saturating_add(usize::try_from(len).unwrap_or(usize::MAX));
            out.push((line, Cow::Borrowed(&after[8..after.len().min(end)])));
            at = (nl + 1).saturating_add(end).saturating_add(1);
            continue;
        }
        at = nl + 1;
    }
    out
}

/// An entry as `journalctl -o json` would have written it, as a JSON object:
/// a field given twice becomes an array, as there. A value that is not UTF-8
/// is read as text all the same (journalctl's JSON writes its bytes as
/// numbers, which no one reads).
fn object(fields: &[(&[u8], Cow<'_, [u8]>)]) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, value) in fields {
        let name = String::from_utf8_lossy(name).into_owned();
        let value = Value::String(String::from_utf8_lossy(value).into_owned());
        match map.get_mut(&name) {
            Some(Value::Array(a)) => a.push(value),
            Some(v) => *v = Value::Array(vec![v.take(), value]),
            None => {
                map.insert(name, value);
            }
        }
    }
    map
}

/// What an entry reads as: `json_text::journald` of its fields.
pub fn text(verbose: bool, entry: &[u8]) -> String {
    super::json_text::journald(&object(&fields(verbose, entry)))
}

/// An entry's message alone (a trace's line under its record's first).
pub fn message(verbose: bool, entry: &[u8]) -> Cow<'_, [u8]> {
    fields(verbose, entry)
        .into_iter()
        .rev()
        .find(|(n, _)| *n == b"MESSAGE")
        .map_or(Cow::Borrowed(&[][..]), |(_, v)| v)
}

/// Where in `entry` its `MESSAGE` field (the last, as `unit_and_message`
/// reads it) begins: the line its message is read on.
pub fn message_at(verbose: bool, entry: &[u8]) -> Option<usize> {
    fields(verbose, entry)
        .into_iter()
        .rev()
        .find(|(n, _)| *n == b"MESSAGE")
        .map(|(n, _)| n.as_ptr() as usize - entry.as_ptr() as usize)
}

/// An entry's unit as the trace rule knows it (`_PID`, else
/// `SYSLOG_IDENTIFIER`) and its message.
pub fn unit_and_message(verbose: bool, entry: &[u8]) -> (Cow<'_, [u8]>, Cow<'_, [u8]>) {
    let mut pid = None;
    let mut ident = None;
    let mut message = None;
    for (name, value) in fields(verbose, entry) {
        match name {
            b"_PID" => pid = Some(value),
            b"SYSLOG_IDENTIFIER" => ident = Some(value),
            b"MESSAGE" => message = Some(value),
            _ => {}
        }
    }
    let none = || Cow::Borrowed(&[][..]);
    (
        pid.or(ident).unwrap_or_else(none),
        message.unwrap_or_else(none),
    )
}

/// The entries of a record after its first, each as its message.
pub fn messages(verbose: bool, mut rest: &[u8]) -> Vec<Cow<'_, [u8]>> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (end, next) = first_entry(verbose, rest);
        let entry = &rest[..end];
        if !entry.iter().all(u8::is_ascii_whitespace) {
            out.push(message(verbose, entry));
        }
        if next == 0 {
            break;
        }
        rest = &rest[next.min(rest.len())..];
    }
    out
}

/// Does the sample look like `-o verbose` (headers with a cursor, then
/// indented fields) or `-o export` (`FIELD=value` blocks)? Read once per
/// source, on the detection sample: no other format pays for it. The
/// confidence is the share of lines dated (an entry's one), as for any
/// format.
///
/// A file cut inside an entry (`tail -n`, `tail -c`) begins with that
/// entry's rest: a first line perhaps cut mid-line, then fields, up to the
/// first entry that is whole, which then says what the file is.
pub fn detect(lines: &[&[u8]]) -> Option<(super::Format, f32)> {
    let share = |n: usize| n as f32 / lines.len() as f32;
    // Where the first whole entry starts, after a cut one's `fields`.
    let first_whole = |starts: &dyn Fn(&[u8]) -> bool, fields: &dyn Fn(&[u8]) -> bool| {
        let at = lines.iter().position(|l| starts(l))?;
        (at < 2 || lines[1..at].iter().all(|l| fields(l))).then_some(at)
    };
    let export = |l: &[u8]| l.starts_with(b"__CURSOR=") || l.starts_with(b"__REALTIME_TIMESTAMP=");
    if first_whole(&export, &|l| field(l, false).is_some()).is_some() {
        let fields = lines.iter().filter(|l| field(l, false).is_some()).count();
        let dated = lines.iter().filter(|l| parse_export(l).stamp.is_some());
        return (share(fields) >= 0.5)
            .then(|| (super::Format::JournalExport, share(dated.count())));
    }
    let header = |l: &[u8]| {
        !l.starts_with(b" ") && cursor_time(l).is_some() && l.ends_with(b"]") && {
            let open = memchr::memrchr(b'[', l).unwrap_or(0);
            l[open..].starts_with(b"[s=")
        }
    };
    first_whole(&header, &|l| l.starts_with(INDENT))?;
    let headers = lines.iter().filter(|l| header(l)).count();
    let fields = lines.iter().filter(|l| l.starts_with(INDENT)).count();
    // Confidence is what it is for every format: the share of lines dated.
    (share(headers + fields) >= 0.9).then(|| (super::Format::JournalVerbose, share(headers)))
}

#[cfg(test)]
mod tests;
