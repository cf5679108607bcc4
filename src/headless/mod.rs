//! The headless commands: everything the panes show, printed as text or JSON.

pub mod addr;
pub mod addr_log;
pub mod goroutines;
pub mod index;
pub mod merge;
pub mod note;
pub mod patterns;
pub mod report;
pub mod show;
pub mod silences;

use std::io::Write;

use crate::index::Zone;
use crate::source::Source;
use crate::time::Nanos;
use crate::timeparse::to_wall;

/// A record as printed: the same fields the panes show.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub record: usize,
    /// RFC 3339 UTC time with the source's offset applied; null when unknown.
    pub time: Option<String>,
    pub level: Option<crate::level::Level>,
    /// True when the level was inferred from a phrase in the text (`GPU HANG`), not read from the line.
    pub level_inferred: bool,
    /// True when the record has no time of its own and took the one before it.
    pub time_inherited: bool,
    pub text: String,
}

impl Row {
    pub fn of(src: &Source, i: usize) -> Row {
        let e = src.entry(i);
        Row {
            record: i,
            time: src.time(i).map(crate::time::format_rfc3339),
            level: e.and_then(|e| e.level()),
            level_inferred: e.is_some_and(|e| e.level_inferred()),
            time_inherited: e.is_some_and(|e| e.has(crate::index::flags::INHERITED)),
            text: String::from_utf8_lossy(src.record_bytes(i)).into_owned(),
        }
    }
}

/// `2022-03-24 17:23:05.123` in the display zone; blanks when unknown.
pub fn display_time(t: Option<Nanos>, zone: &Zone) -> String {
    match t {
        Some(t) => to_wall(t, zone).format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
        None => " ".repeat(23),
    }
}

/// Most characters of a template or a record's line a summary quotes
/// (`silences`, `patterns`, the report; text and `--json`) and `show` prints:
/// a one-line record of 50 MB is one template, and a terminal or a JSON
/// reader gets it cut. `show --json` and `merge` keep records whole, and
/// `goroutines --json` a panic's message.
pub const TEXT_MAX_CHARS: usize = 2000;

/// `text` cut after [`TEXT_MAX_CHARS`] characters, saying how many bytes it
/// left out (`xxx… (+52,426,800 bytes)`): what a summary quotes of a template.
pub fn quote(text: &str) -> String {
    let (head, more) = crate::ansi::cut_bytes(text.as_bytes(), TEXT_MAX_CHARS);
    String::from_utf8_lossy(head).into_owned() + &more
}

/// `text` as [`quote`] cuts it, and cut after its first `max_lines` lines,
/// saying on a line of its own how many lines and bytes it left out
/// (`  … (+4,681 more lines, 304,264 bytes)`): a panic quoting a 300 KiB
/// error page prints its head, not a screen of the same page.
pub fn quote_lines(text: &str, max_lines: usize) -> String {
    let Some((end, _)) = text.match_indices('\n').nth(max_lines.saturating_sub(1)) else {
        return quote(text);
    };
    let (head, rest) = (&text[..end], &text[end + 1..]);
    // Lines too long for the character cut: that cut says what it left out.
    if rest.is_empty()
        || !crate::ansi::cut_bytes(head.as_bytes(), TEXT_MAX_CHARS)
            .1
            .is_empty()
    {
        return quote(text);
    }
    format!(
        "{head}\n  … (+{} more lines, {} bytes)",
        crate::ansi::thousands(rest.lines().count()),
        crate::ansi::thousands(rest.len())
    )
}

/// Five-column level tag: the level's name (`ERROR`), or the panes' `ER?`
/// when it was inferred from a phrase (`GPU HANG`) in a line without one.
pub fn level_tag(level: Option<crate::level::Level>, inferred: bool) -> String {
    if inferred && level.is_some() {
        return format!("{:<5}", crate::level::column_tag(level, true));
    }
    format!("{:<5}", level.map_or("", |l| l.name()).to_ascii_uppercase())
}

/// Writes text output, treating a closed pipe (`| head`) as a normal end.
pub fn finish(r: std::io::Result<()>) -> std::io::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// `write_record_head` for a journal entry's record (`-o verbose`, `-o
/// export`): its text is read from its fields first, then cut.
fn write_entries(
    out: &mut impl Write,
    (prefix, pad): (&str, &str),
    src: &Source,
    i: usize,
    cut: bool,
    max_lines: usize,
) -> std::io::Result<usize> {
    let format = &src.detection.format;
    let e = src.entry(i);
    let (head, rest) = crate::format::shown::headline(format, src.record_bytes(i));
    let first = crate::format::shown::first_line(
        format,
        head,
        e.is_some_and(|e| e.own_time()),
        e.and_then(|e| e.level()),
    );
    let lines: Vec<String> = std::iter::once(first)
        .chain(
            crate::format::shown::continuations(format, rest)
                .iter()
                .map(|l| crate::ansi::display_text(l)),
        )
        .collect();
    for (k, text) in lines.iter().enumerate() {
        if k == max_lines {
            return Ok(lines.len() - k);
        }
        let (shown, more) = if cut {
            crate::ansi::cut_bytes(text.as_bytes(), TEXT_MAX_CHARS)
        } else {
            (text.as_bytes(), String::new())
        };
        let lead = if k == 0 { prefix } else { pad };
        writeln!(out, "{lead}{}{more}", String::from_utf8_lossy(shown))?;
    }
    Ok(0)
}

/// How text output prints records.
#[derive(Debug, Clone)]
pub struct Print {
    /// The zone times are shown in.
    pub zone: Zone,
    /// Lines as written; otherwise as the panes show them
    /// (`format::shown::first_line`).
    pub raw: bool,
}

/// Prints the lines of a record, continuation lines indented under the first.
/// The first line reads as in the panes: JSON as `message  key=value …`,
/// without the timestamp and level the prefix already shows; the lines of a
/// trace dated line by line read as their messages. With `cut` each line is
/// cut after `TEXT_MAX_CHARS` characters, saying how many bytes it left out
/// (`show`, as a pane; `merge` prints every byte).
pub fn write_record(
    out: &mut impl Write,
    prefix: &str,
    src: &Source,
    i: usize,
    raw: bool,
    cut: bool,
) -> std::io::Result<()> {
    write_record_head(out, prefix, src, i, (raw, cut), usize::MAX).map(|_| ())
}

/// `write_record`'s first `max_lines` lines; returns how many lines it left
/// out, counted with memchr: the rest of a record of 100,000 lines is never
/// read as text.
pub fn write_record_head(
    out: &mut impl Write,
    prefix: &str,
    src: &Source,
    i: usize,
    (raw, cut): (bool, bool),
    max_lines: usize,
) -> std::io::Result<usize> {
    let bytes = src.record_bytes(i);
    let pad = " ".repeat(unicode_width::UnicodeWidthStr::width(prefix));
    if !raw && src.detection.format.entries().is_some() {
        return write_entries(out, (prefix, &pad), src, i, cut, max_lines);
    }
    // Read by its headline (a JUL record's message line), unless as written;
    // `rest` is None when no line follows.
    let (mut line, mut rest) = if raw {
        match memchr::memchr(b'\n', bytes) {
            Some(nl) => (&bytes[..nl], Some(&bytes[nl + 1..])),
            None => (bytes, None),
        }
    } else {
        let (head, rest) = crate::format::shown::headline(&src.detection.format, bytes);
        (head, (!rest.is_empty()).then_some(rest))
    };
    for k in 0.. {
        if k == max_lines {
            // This line and those of the rest.
            return Ok(1 + rest.map_or(0, |r| memchr::memchr_iter(b'\n', r).count() + 1));
        }
        let (shown, more) = if cut {
            crate::ansi::cut_bytes(line, TEXT_MAX_CHARS)
        } else {
            (line, String::new())
        };
        if k == 0 {
            let text = if raw {
                crate::ansi::display_text(shown)
            } else {
                let e = src.entry(i);
                crate::format::shown::first_line(
                    &src.detection.format,
                    shown,
                    e.is_some_and(|e| e.own_time()),
                    e.and_then(|e| e.level()),
                )
            };
            writeln!(out, "{prefix}{text}{more}")?;
        } else if raw {
            writeln!(out, "{pad}{}{more}", crate::ansi::display_text(shown))?;
        } else {
            let text = crate::format::shown::continuation_line(&src.detection.format, shown);
            writeln!(out, "{pad}{text}{more}")?;
        }
        let Some(r) = rest else { break };
        (line, rest) = match memchr::memchr(b'\n', r) {
            Some(nl) => (&r[..nl], Some(&r[nl + 1..])),
            None => (r, None),
        };
    }
    Ok(0)
}
