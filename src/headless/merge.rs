//! `casefile merge`: every record of every source in time order.

use crate::ansi::display_text;
use std::io::Write;

use super::{Print, display_time, level_tag, write_record};
use crate::index::Zone;
use crate::source::{Source, fault};
use crate::time::Nanos;
use crate::timeline::{Merge, MergedRow};
use crate::user_time::Range;

/// What `write` wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// Records of sources with timestamps, in time order.
    pub timed: usize,
    /// Sources without timestamps left out because a --since/--until range
    /// was given: they cannot be placed in it.
    pub left_out: Vec<String>,
}

/// Writes the records of the sources with timestamps in time order, then
/// each source without any (a goroutine dump) in file order: in text under a
/// heading, in JSON marked `"untimed": true`; both keep the source's tag.
/// `patterns` (JSON only; indexed like `sources`): each record's pattern id,
/// added as `pattern`.
pub fn write(
    out: &mut impl Write,
    sources: &[&Source],
    since: Option<Nanos>,
    until: Option<Nanos>,
    print: &Print,
    json: bool,
    patterns: Option<&[Vec<u64>]>,
) -> std::io::Result<Written> {
    let width = sources
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(display_text(s.name.as_bytes()).as_str()))
        .max()
        .unwrap_or(0);
    let (timed, untimed): (Vec<&Source>, Vec<&Source>) =
        sources.iter().partition(|s| s.first_time().is_some());
    let mut w = RowWriter {
        sources,
        rec: Vec::new(),
        seen: fault::faults(),
        width,
        print,
        json,
        patterns,
    };
    let mut written = Written::default();
    for (k, row) in Merge::new(&timed, since, until).enumerate() {
        if k % RECHECK_EVERY == 0 {
            refresh(sources);
        }
        if w.write(out, timed[row.source], &row, false)? {
            written.timed += 1;
        }
    }
    for src in untimed {
        if since.is_some() || until.is_some() {
            written.left_out.push(src.name.clone());
            continue;
        }
        if !json {
            writeln!(
                out,
                "== {}: no timestamps, in file order",
                display_text(src.name.as_bytes())
            )?;
        }
        for record in 0..src.index.len() {
            let row = MergedRow {
                source: 0,
                record,
                time: None,
            };
            w.write(out, src, &row, true)?;
        }
    }
    Ok(written)
}

/// Formats each record into `rec` first: if a mapped file shrank while it
/// was read (a recovered fault), sizes are re-checked and the record is
/// formatted again from what remains, or dropped.
struct RowWriter<'a> {
    sources: &'a [&'a Source],
    rec: Vec<u8>,
    seen: u64,
    width: usize,
    print: &'a Print,
    json: bool,
    patterns: Option<&'a [Vec<u64>]>,
}

impl RowWriter<'_> {
    /// Writes one record; false when it is no longer readable.
    fn write(
        &mut self,
        out: &mut impl Write,
        src: &Source,
        row: &MergedRow,
        untimed: bool,
    ) -> std::io::Result<bool> {
        let pattern = self.patterns.and_then(|p| {
            let k = self.sources.iter().position(|s| std::ptr::eq(*s, src))?;
            p.get(k)?.get(row.record).copied()
        });
        for _ in 0..2 {
            if !src.readable(row.record) {
                return Ok(false);
            }
            self.rec.clear();
            format_row(
                &mut self.rec,
                src,
                row,
                self.width,
                self.print,
                self.json,
                Tags { untimed, pattern },
            )?;
            let now = fault::faults();
            if now == self.seen {
                break;
            }
            self.seen = now;
            refresh(self.sources);
        }
        out.write_all(&self.rec)?;
        Ok(true)
    }
}

/// What to say when --since/--until match no record: the range as read, and
/// what the sources do cover.
pub fn empty_range(sources: &[&Source], range: &Range, zone: &Zone) -> String {
    let t = |x: Option<Nanos>, open: &str| {
        x.map_or_else(|| open.to_string(), |x| display_time(Some(x), zone))
    };
    let span = crate::timeline::span(sources);
    // A range that meets the span is empty of records, not outside them.
    let meets = span.is_some_and(|(a, b)| {
        range.since.is_none_or(|s| s <= b) && range.until.is_none_or(|u| u >= a)
    });
    if meets {
        if let (Some(s), Some(u)) = (range.since, range.until)
            && s == u
        {
            return format!(
                "no record at {} {}: --since and --until are the same instant \
                 (--until +1m reads a minute from --since)",
                display_time(Some(s), zone),
                zone.label()
            );
        }
        return format!(
            "no records from {} to {} {}: no source logged in that stretch of their span",
            t(range.since, "the start"),
            t(range.until, "the end"),
            zone.label()
        );
    }
    let covered = span.map_or_else(
        || "no source has timestamps".to_string(),
        |(a, b)| {
            format!(
                "the sources cover {} to {} {}",
                display_time(Some(a), zone),
                display_time(Some(b), zone),
                zone.label()
            )
        },
    );
    format!(
        "no records from {} to {} {}: {covered}",
        t(range.since, "the start"),
        t(range.until, "the end"),
        zone.label()
    )
}

/// Whether a record of any source lies in the --since/--until range.
pub fn range_holds_record(sources: &[&Source], range: &Range) -> bool {
    sources.iter().any(|s| {
        s.at_or_after(range.since.unwrap_or(Nanos::MIN))
            .and_then(|i| s.time(i))
            .is_some_and(|t| range.until.is_none_or(|u| t <= u))
    })
}

/// Says on stderr, as `merge` does, that a --since/--until range given to a
/// command holds no record (`index`, `silences`).
pub fn say_if_empty(sources: &[&Source], range: &Range, zone: &Zone) {
    let given = range.since.is_some() || range.until.is_some();
    if given && !range_holds_record(sources, range) {
        crate::commands::report("", &empty_range(sources, range, zone));
    }
}

/// Records printed between two checks that no file shrank.
const RECHECK_EVERY: usize = 1024;

/// Stops reads past the new end of any file that shrank; the loss is
/// reported afterwards from `Source::incomplete`.
pub fn refresh(sources: &[&Source]) {
    for s in sources {
        s.parts.refresh();
    }
}

/// What a JSON row says beyond the record itself.
struct Tags {
    /// The source has no timestamps: printed after the others, in file order.
    untimed: bool,
    /// `merge --patterns`: the record's pattern id.
    pattern: Option<u64>,
}

fn format_row(
    out: &mut Vec<u8>,
    src: &Source,
    row: &MergedRow,
    width: usize,
    print: &Print,
    json: bool,
    Tags { untimed, pattern }: Tags,
) -> std::io::Result<()> {
    if json {
        let mut r = super::Row::of(src, row.record);
        r.text = r.text.trim_end().to_string();
        let mut v = serde_json::json!({
            "source": src.name, "record": r.record, "time": r.time, "level": r.level,
            "level_inferred": r.level_inferred, "time_inherited": r.time_inherited, "untimed": untimed, "text": r.text,
        });
        if let Some(p) = pattern {
            v["pattern"] = p.into();
        }
        writeln!(out, "{}", crate::ansi::json_escape_controls(v.to_string()))
    } else {
        let e = src.entry(row.record);
        let level = level_tag(
            e.and_then(|e| e.level()),
            e.is_some_and(|e| e.level_inferred()),
        );
        // Padded in display columns: a CJK source name takes two per character.
        let name = display_text(src.name.as_bytes());
        let name_w = unicode_width::UnicodeWidthStr::width(name.as_str());
        let prefix = format!(
            "{} {}{} {level} ",
            display_time(row.time, &print.zone),
            name,
            " ".repeat(width.saturating_sub(name_w))
        );
        write_record(out, &prefix, src, row.record, print.raw, false)
    }
}
