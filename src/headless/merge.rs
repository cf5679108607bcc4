//! `casefile merge`: every record of every source in time order.

use std::io::Write;

use super::{display_time, level_tag, write_record};
use crate::index::Zone;
use crate::source::{Source, fault};
use crate::time::Nanos;
use crate::timeline::{Merge, MergedRow};
use crate::user_time::Range;

/// Writes the merged records; returns how many.
pub fn write(
    out: &mut impl Write,
    sources: &[&Source],
    since: Option<Nanos>,
    until: Option<Nanos>,
    zone: &Zone,
    json: bool,
) -> std::io::Result<usize> {
    let mut written = 0;
    let width = sources
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    // Each record is formatted into `rec` first: if a mapped file shrank
    // while it was read (a recovered fault), sizes are re-checked and the
    // record is formatted again from what remains, or dropped.
    let mut rec = Vec::new();
    let mut seen = fault::faults();
    for (k, row) in Merge::new(sources, since, until).enumerate() {
        if k % RECHECK_EVERY == 0 {
            refresh(sources);
        }
        let src = sources[row.source];
        if !src.readable(row.record) {
            continue;
        }
        rec.clear();
        format_row(&mut rec, src, &row, width, zone, json)?;
        let now = fault::faults();
        if now != seen {
            seen = now;
            refresh(sources);
            if !src.readable(row.record) {
                continue;
            }
            rec.clear();
            format_row(&mut rec, src, &row, width, zone, json)?;
        }
        out.write_all(&rec)?;
        written += 1;
    }
    Ok(written)
}

/// What to say when --since/--until match no record: the range as read, and
/// what the sources do cover.
pub fn empty_range(sources: &[&Source], range: &Range, zone: &Zone) -> String {
    let t = |x: Option<Nanos>, open: &str| {
        x.map_or_else(|| open.to_string(), |x| display_time(Some(x), zone))
    };
    let covered = crate::timeline::span(sources).map_or_else(
        || "no source has timestamps".to_string(),
        |(a, b)| {
            format!(
                "the sources cover {} to {}",
                display_time(Some(a), zone),
                display_time(Some(b), zone)
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

/// Records printed between two checks that no file shrank.
const RECHECK_EVERY: usize = 1024;

/// Stops reads past the new end of any file that shrank; the loss is
/// reported afterwards from `Source::incomplete`.
pub fn refresh(sources: &[&Source]) {
    for s in sources {
        s.parts.refresh();
    }
}

fn format_row(
    out: &mut Vec<u8>,
    src: &Source,
    row: &MergedRow,
    width: usize,
    zone: &Zone,
    json: bool,
) -> std::io::Result<()> {
    if json {
        let mut r = super::Row::of(src, row.record);
        r.text = r.text.trim_end().to_string();
        let v = serde_json::json!({
            "source": src.name, "record": r.record, "time": r.time, "level": r.level,
            "time_inherited": r.time_inherited, "text": r.text,
        });
        writeln!(out, "{v}")
    } else {
        let level = level_tag(src.entry(row.record).and_then(|e| e.level()));
        let prefix = format!(
            "{} {:<width$} {level} ",
            display_time(row.time, zone),
            src.name
        );
        write_record(out, &prefix, src, row.record)
    }
}
