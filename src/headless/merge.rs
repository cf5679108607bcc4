//! `casefile merge`: every record of every source in time order.

use std::io::Write;

use super::{display_time, level_tag, write_record};
use crate::index::Zone;
use crate::source::{Source, fault};
use crate::time::Nanos;
use crate::timeline::{Merge, MergedRow};

pub fn write(
    out: &mut impl Write,
    sources: &[&Source],
    since: Option<Nanos>,
    until: Option<Nanos>,
    zone: &Zone,
    json: bool,
) -> std::io::Result<()> {
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
    }
    Ok(())
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
