//! What surrounds a silence: the source's last record before it and first after
//! it, and what every other source logged around its start (errors first).

use crate::level::Level;
use crate::source::Source;
use crate::time::{NANOS_PER_SEC, Nanos};

/// How far from a silence's start other sources' records count as nearby
/// (`casefile silences --window`'s default; the screen uses it too).
pub const DEFAULT_WINDOW: Nanos = 10 * NANOS_PER_SEC;
/// At most this many nearby records per silence (`--nearby`'s default).
pub const DEFAULT_NEARBY: usize = 20;

/// A record of the silent source, with its line number in the source (1-based):
/// its text is cut ([`text`]), the line says where to read it whole.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Edge {
    pub time: Option<String>,
    pub line: u64,
    pub text: String,
    /// The record, so the screen can show it as its pane does.
    #[serde(skip)]
    pub record: usize,
    /// As `show` prints it (`shown`), and its level: for the text output.
    #[serde(skip)]
    pub shown: String,
    #[serde(skip)]
    pub level: Option<Level>,
    /// The level was inferred from a phrase (`GPU HANG`): the text marks it.
    #[serde(skip)]
    pub inferred: bool,
}

/// A record of another source near a silence's start.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Nearby {
    pub source: String,
    pub time: String,
    /// The record's first line in its source, counted from 1 (0 until
    /// [`number_lines`] counted it).
    pub line: u64,
    pub level: Option<Level>,
    pub text: String,
    /// As `show` prints it (`shown`): for the text output.
    #[serde(skip)]
    pub shown: String,
    /// The level was inferred from a phrase (`GPU HANG`): the text marks it
    /// (`ER?`), and the JSON says so as `show` and `merge` do.
    #[serde(rename = "level_inferred")]
    pub inferred: bool,
    #[serde(skip)]
    pub at: Nanos,
    /// Where the record is: the source's position in the list given, and the record.
    #[serde(skip)]
    pub source_index: usize,
    #[serde(skip)]
    pub record: usize,
}

/// The record's first line, safe to print, cut after
/// [`crate::headless::TEXT_MAX_CHARS`] characters with how many bytes were
/// left out: a one-line record of 50 MB is quoted in a few KB (and only
/// what is kept is decoded).
pub fn text(src: &Source, i: usize) -> String {
    let line = src.first_line(i);
    let (head, more) = crate::ansi::cut_bytes(line, crate::headless::TEXT_MAX_CHARS);
    let shown = crate::ansi::display_text(head);
    if more.is_empty() {
        shown.trim_end().to_string()
    } else {
        shown + &more
    }
}

/// A record's first line as `show` prints it: as its pane reads it (a JSON
/// line as its message and fields, a text line without the stamp and level
/// its columns show), cut after `TEXT_MAX_CHARS` characters as `text` is.
pub fn shown(src: &Source, i: usize) -> String {
    let e = src.entry(i);
    let (own, level) = (e.is_some_and(|e| e.own_time()), e.and_then(|e| e.level()));
    let format = &src.detection.format;
    // A journal entry (`-o verbose`, `-o export`) is read whole, then cut:
    // its message may be its last field.
    if format.entries().is_some() {
        let text = crate::format::shown::first_line(format, src.first_line(i), own, level);
        let (head, more) = crate::ansi::cut_bytes(text.as_bytes(), crate::headless::TEXT_MAX_CHARS);
        return String::from_utf8_lossy(head).trim_end().to_string() + &more;
    }
    let (head, more) = crate::ansi::cut_bytes(src.first_line(i), crate::headless::TEXT_MAX_CHARS);
    let text = crate::format::shown::first_line(format, head, own, level);
    text.trim_end().to_string() + &more
}

/// 1-based line numbers of the records `recs` of `src`, found in one pass over
/// the bytes up to the last of them (the blocks of them counted before, by
/// this read or one it went on from, not counted again).
pub fn line_numbers(src: &Source, recs: &[usize]) -> Vec<u64> {
    let mut order: Vec<(u64, usize)> = recs
        .iter()
        .enumerate()
        .map(|(k, &i)| (src.entry(i).map_or(0, |e| e.offset()), k))
        .collect();
    order.sort_unstable();
    let mut out = vec![0; recs.len()];
    let (mut pos, mut lines) = (0u64, 0u64);
    for (off, k) in order {
        // Whole blocks between known by their counts (`LineMarks`).
        (pos, lines) = src.line_marks.skip_to(&src.parts, (pos, lines), off);
        let (n, reached) = crate::source::newlines(&src.parts, pos, off);
        (pos, lines) = (reached, lines + n);
        out[k] = lines + 1;
    }
    out
}

/// The edge records of a source for its silences, in the order given.
pub fn edges(src: &Source, recs: &[Option<usize>]) -> Vec<Option<Edge>> {
    let present: Vec<usize> = recs.iter().flatten().copied().collect();
    let mut lines = line_numbers(src, &present).into_iter();
    recs.iter()
        .map(|r| {
            r.map(|i| {
                let e = src.entry(i);
                Edge {
                    time: src.time(i).map(crate::time::format_rfc3339),
                    line: lines.next().unwrap_or(0),
                    text: text(src, i),
                    record: i,
                    shown: shown(src, i),
                    level: e.and_then(|e| e.level()),
                    inferred: e.is_some_and(|e| e.level_inferred()),
                }
            })
        })
        .collect()
}

/// Records of every source but `own` within `window` of `t`: errors first
/// (then warnings, then the rest), each group closest to `t` first; at most
/// `max`. Candidates are picked from the index alone; only the kept ones'
/// bytes are read, so a busy source's thousands of records a second cost
/// little.
pub fn nearby(sources: &[&Source], own: usize, t: Nanos, window: Nanos, max: usize) -> Vec<Nearby> {
    // (severity, distance, time, source, record): the order kept, ties in
    // source and file order.
    let mut picked: Vec<(u8, Nanos, Nanos, usize, usize)> = Vec::new();
    for (k, s) in sources.iter().enumerate() {
        if k == own {
            continue;
        }
        let Some(from) = s.at_or_after(t - window) else {
            continue;
        };
        for i in from..s.index.len() {
            let Some(at) = s.time(i) else { continue };
            if at > t + window {
                break;
            }
            let level = s.entry(i).and_then(|e| e.level());
            picked.push((severity_rank(level), (at - t).abs(), at, k, i));
        }
    }
    if picked.len() > max && max > 0 {
        picked.select_nth_unstable(max - 1);
    }
    picked.truncate(max);
    picked.sort_unstable();
    picked
        .into_iter()
        .map(|(_, _, at, k, i)| {
            let s = sources[k];
            let e = s.entry(i);
            Nearby {
                source: s.name.clone(),
                time: crate::time::format_rfc3339(at),
                line: 0,
                level: e.and_then(|e| e.level()),
                text: text(s, i),
                shown: shown(s, i),
                inferred: e.is_some_and(|e| e.level_inferred()),
                at,
                source_index: k,
                record: i,
            }
        })
        .collect()
}

/// Sets the line number of every nearby record in `near`, one pass over each
/// source's bytes (`sources` as given to [`nearby`]).
pub fn number_lines<'a>(sources: &[&Source], near: impl Iterator<Item = &'a mut Nearby>) {
    let mut by_source: Vec<Vec<&mut Nearby>> = (0..sources.len()).map(|_| Vec::new()).collect();
    for n in near {
        by_source[n.source_index].push(n);
    }
    for (k, near) in by_source.into_iter().enumerate() {
        if near.is_empty() {
            continue;
        }
        let recs: Vec<usize> = near.iter().map(|n| n.record).collect();
        for (n, line) in near.into_iter().zip(line_numbers(sources[k], &recs)) {
            n.line = line;
        }
    }
}

fn severity_rank(l: Option<Level>) -> u8 {
    match l {
        Some(l) if l.is_error() => 0,
        Some(Level::Warn) => 1,
        _ => 2,
    }
}
