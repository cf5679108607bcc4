//! A dump or panic inside a log whose capturer prefixed every line (journald,
//! `docker logs -t`, JSON journal entries): the parser reads each line's
//! message, written `unit: message` so that its log-prefix tag tells the
//! panicking process from the others journald merged in.

use crate::format::Format;
use crate::format::records::{Dated, RecordState};

use std::sync::atomic::AtomicU64;

use super::{Dump, parse_parallel_counting};

/// Parses the dumps and panics in a log's bytes. Offsets in the dump are the
/// log's, and warnings name the log's lines.
pub fn parse_log(format: &Format, data: &[u8]) -> Dump {
    parse_log_counting(format, data, &AtomicU64::new(0))
}

/// Parses like `parse_log`, adding the bytes parsed to `parsed` as it goes
/// (`parse_parallel_counting`). In a log whose lines carry a prefix, what is
/// counted is the messages' bytes, fewer than the log's.
pub fn parse_log_counting(format: &Format, data: &[u8], parsed: &AtomicU64) -> Dump {
    let entries = format
        .entries()
        .map(|verbose| entry_messages(verbose, data));
    let Some(text) = entries
        .as_ref()
        .map(|(text, _)| text.clone())
        .or_else(|| messages(format, data))
    else {
        return parse_parallel_counting(data, parsed);
    };
    let mut dump = parse_parallel_counting(&text, parsed);
    let mut slots: Vec<&mut u64> = dump.goroutines.iter_mut().map(|g| &mut g.offset).collect();
    if let Some(p) = dump.panic.as_mut() {
        slots.push(&mut p.offset);
    }
    if let Some(o) = dump.opener.as_mut() {
        slots.push(o);
    }
    for part in &mut dump.more {
        slots.push(&mut part.offset);
        if let Some(p) = part.panic.as_mut() {
            slots.push(&mut p.offset);
        }
    }
    match &entries {
        Some((_, starts)) => to_entry_offsets(&text, starts, &mut slots),
        None => to_log_offsets(&text, data, &mut slots),
    }
    if let (Some((_, starts)), Some(verbose)) = (&entries, format.entries()) {
        entry_line_numbers(verbose, data, starts, &mut dump.damage);
        dump.warnings = super::damage::warnings(&dump.damage);
    }
    dump
}

/// Damage at a line of the entries' text (line 34, the 34th entry) is at
/// the file's line that entry's message is on instead, as a reader of the
/// file counts them; its first line when it has no message.
fn entry_line_numbers(verbose: bool, data: &[u8], starts: &[usize], damage: &mut [super::Damage]) {
    let Some(last) = starts.len().checked_sub(1) else {
        return;
    };
    let offset = |line: u64| {
        let at = starts[(line.saturating_sub(1) as usize).min(last)];
        let (end, _) = crate::format::journal_entry::first_entry(verbose, &data[at..]);
        let message = crate::format::journal_entry::message_at(verbose, &data[at..at + end]);
        at + message.unwrap_or(0)
    };
    let mut at: Vec<(usize, usize)> = damage
        .iter()
        .enumerate()
        .map(|(i, d)| (i, offset(d.line)))
        .collect();
    // Lines counted once, in the file's order.
    at.sort_by_key(|&(_, offset)| offset);
    let (mut line, mut pos) = (1u64, 0usize);
    for (i, offset) in at {
        line += memchr::memchr_iter(b'\n', &data[pos..offset.max(pos)]).count() as u64;
        pos = offset.max(pos);
        damage[i].line = line;
    }
}

/// A log of journal entries (`-o verbose`, `-o export`) as one line an
/// entry, `unit: message` as `messages` reads the JSON journal's lines, and
/// where each entry starts in `data`.
fn entry_messages(verbose: bool, data: &[u8]) -> (Vec<u8>, Vec<usize>) {
    let (mut text, mut starts) = (Vec::new(), Vec::new());
    let mut at = 0;
    while at < data.len() {
        let (end, next) = crate::format::journal_entry::first_entry(verbose, &data[at..]);
        let entry = &data[at..at + end];
        if !entry.iter().all(u8::is_ascii_whitespace) {
            starts.push(at);
            let (unit, message) = crate::format::journal_entry::unit_and_message(verbose, entry);
            if !unit.is_empty() {
                text.extend_from_slice(&unit);
                text.extend_from_slice(b": ");
            }
            text.extend(message.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
            text.push(b'\n');
        }
        if next == 0 {
            break;
        }
        at += next;
    }
    (text, starts)
}

/// Moves offsets in `text` (made by `entry_messages`) to the start of the
/// entry its line was made from.
fn to_entry_offsets(text: &[u8], starts: &[usize], slots: &mut [&mut u64]) {
    for slot in slots {
        let line = memchr::memchr_iter(b'\n', &text[..(**slot as usize).min(text.len())]).count();
        **slot = starts.get(line).or(starts.last()).map_or(0, |&s| s as u64);
    }
}

/// How far past its record a trace is looked for: journald may put other
/// units' lines between a panic's, but not megabytes of them.
const TRACE_REACH: usize = 64 << 20;

/// The end of the trace whose first line starts `data`: past the pieces of
/// it that other units' lines split off (see `format::records`), so that the
/// dump view of a panic record holds its whole stack. `record_end`: where the
/// trace's own record ends, the answer when the format does not prefix lines.
pub fn trace_end(format: &Format, data: &[u8], record_end: usize) -> usize {
    if !format.prefixes_lines() {
        return record_end;
    }
    let data = &data[..data.len().min(record_end.max(TRACE_REACH))];
    let mut st = RecordState::default();
    let mut end = record_end;
    let mut pos = 0;
    for line in data.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let at = pos;
        pos += line.len();
        match format.dated(body, &mut st) {
            Dated::Opens(_) if at == 0 => {}
            Dated::Joins | Dated::Resumes => end = end.max(pos),
            Dated::Other => {}
            Dated::Opens(_) | Dated::Outside => break,
        }
    }
    end
}

/// The log with each prefixed line turned into its message, behind its unit
/// (`vm app[12]: `, a journal entry's `12: `); other lines as they are. One
/// line for one line, so line numbers hold. None when the format does not
/// prefix lines.
pub fn messages(format: &Format, data: &[u8]) -> Option<Vec<u8>> {
    if !format.prefixes_lines() {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for line in data.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        match format.message(body) {
            Some(m) => {
                let unit = m.unit();
                if !unit.is_empty() {
                    out.extend_from_slice(unit);
                    out.extend_from_slice(b": ");
                }
                // A message with newlines in it stays on its line.
                out.extend(m.text().iter().map(|&b| if b == b'\n' { b' ' } else { b }));
            }
            None => out.extend_from_slice(body),
        }
        if line.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    Some(out)
}

/// Moves offsets in `text` (made by `messages`) to the start of the same
/// line in `data`.
fn to_log_offsets(text: &[u8], data: &[u8], slots: &mut [&mut u64]) {
    slots.sort_by_key(|s| **s);
    let mut text_ends = memchr::memchr_iter(b'\n', text).peekable();
    let mut data_ends = memchr::memchr_iter(b'\n', data);
    let mut line_start = 0;
    for slot in slots {
        while let Some(&end) = text_ends.peek()
            && end < **slot as usize
        {
            text_ends.next();
            line_start = data_ends.next().map_or(line_start, |e| e + 1);
        }
        **slot = line_start as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_entries_read_as_their_messages() {
        let f = Format::by_name("journal-json").expect("format");
        let log = concat!(
            r#"{"_PID":"7","MESSAGE":"starting"}"#,
            "\n",
            r#"{"_PID":"7","MESSAGE":"panic: boom"}"#,
            "\n",
            r#"{"_PID":"9","MESSAGE":"other: unit"}"#,
            "\n",
            r#"{"_PID":"7","MESSAGE":"goroutine 1 [running]:"}"#,
            "\n",
            r#"{"_PID":"7","MESSAGE":"main.main()"}"#,
            "\n",
            r#"{"_PID":"7","MESSAGE":"\t/a/main.go:3 +0x2"}"#,
            "\n",
        );
        let text = messages(&f, log.as_bytes()).expect("captured");
        assert_eq!(
            String::from_utf8_lossy(&text),
            "7: starting\n7: panic: boom\n9: other: unit\n7: goroutine 1 [running]:\n7: main.main()\n7: \t/a/main.go:3 +0x2\n"
        );
        let d = parse_log(&f, log.as_bytes());
        let p = d.panic.as_ref().expect("panic");
        assert_eq!((p.message.as_str(), p.goroutine), ("boom", Some(1)));
        // Offsets are the log's: the lines the panic and its goroutine start.
        let line_start = |n: usize| {
            log.split_inclusive('\n')
                .take(n)
                .map(str::len)
                .sum::<usize>() as u64
        };
        assert_eq!(p.offset, line_start(1));
        assert_eq!(d.goroutines[0].offset, line_start(3));
        assert_eq!(d.stack(&d.goroutines[0]).frames.len(), 1);
    }

    #[test]
    fn formats_without_prefixes_are_read_as_they_are() {
        assert!(messages(&Format::Plain, b"panic: boom\n").is_none());
        assert!(messages(&Format::GoDump, b"goroutine 1 [running]:\n").is_none());
    }
}
