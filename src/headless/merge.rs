//! `casefile merge`: every record of every source in time order.

use std::io::Write;

use super::{display_time, level_tag, write_record};
use crate::index::Zone;
use crate::source::Source;
use crate::time::Nanos;
use crate::timeline::Merge;

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
    for row in Merge::new(sources, since, until) {
        let src = sources[row.source];
        if json {
            let mut r = super::Row::of(src, row.record);
            r.text = r.text.trim_end().to_string();
            let v = serde_json::json!({
                "source": src.name, "record": r.record, "time": r.time, "level": r.level,
                "time_inherited": r.time_inherited, "text": r.text,
            });
            writeln!(out, "{v}")?;
        } else {
            let level = level_tag(src.entry(row.record).and_then(|e| e.level()));
            let prefix = format!(
                "{} {:<width$} {level} ",
                display_time(row.time, zone),
                src.name
            );
            write_record(out, &prefix, src, row.record)?;
        }
    }
    Ok(())
}
