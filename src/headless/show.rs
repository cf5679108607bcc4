//! `casefile show --at TIME`: each source's records around a time.

use std::io::Write;

use serde::Serialize;

use super::{Row, display_time, level_tag, write_record};
use crate::index::Zone;
use crate::source::Source;
use crate::time::{Nanos, format_duration, format_rfc3339};
use crate::timeline::position;

#[derive(Debug, Serialize)]
pub struct Shown {
    pub name: String,
    /// The record at or just before the cursor, if any.
    pub cursor_record: Option<usize>,
    /// Distance to the nearest record when the source is quiet there
    /// (`timeline::quiet_after`, as the panes say).
    pub quiet_for: Option<String>,
    pub quiet_for_ns: Option<Nanos>,
    /// The source has no timestamps (a goroutine dump, plain output): it cannot
    /// be placed at a time, so its first records are shown.
    pub untimed: bool,
    pub rows: Vec<Row>,
}

pub fn around(src: &Source, at: Nanos, before: usize, after: usize) -> Shown {
    if src.index.stats.timestamped_lines == 0 {
        return Shown {
            name: src.name.clone(),
            cursor_record: None,
            quiet_for: None,
            quiet_for_ns: None,
            untimed: true,
            rows: (0..(before + after + 1).min(src.index.len()))
                .map(|i| Row::of(src, i))
                .collect(),
        };
    }
    let pos = position(src, at);
    let cursor = pos.record.filter(|&i| src.time(i).is_none_or(|t| t <= at));
    let (lo, hi) = match (cursor, pos.record) {
        (Some(c), _) => (
            c.saturating_sub(before),
            (c + after + 1).min(src.index.len()),
        ),
        // Every record is after the cursor: show the first ones.
        (None, Some(_)) => (0, after.min(src.index.len())),
        (None, None) => (0, 0),
    };
    Shown {
        name: src.name.clone(),
        cursor_record: cursor,
        quiet_for: pos.quiet.map(format_duration),
        quiet_for_ns: pos.quiet,
        untimed: false,
        rows: (lo..hi).map(|i| Row::of(src, i)).collect(),
    }
}

/// The cursor time and the zone every time below is shown in.
pub fn write_heading(out: &mut impl Write, at: Nanos, zone: &Zone) -> std::io::Result<()> {
    writeln!(out, "at {} {}", display_time(Some(at), zone), zone.label())
}

pub fn write_text(
    out: &mut impl Write,
    src: &Source,
    s: &Shown,
    zone: &Zone,
) -> std::io::Result<()> {
    let quiet = s
        .quiet_for
        .as_ref()
        .map_or(String::new(), |q| format!("  (quiet for {q})"));
    writeln!(out, "== {}{quiet}", s.name)?;
    if s.untimed {
        writeln!(
            out,
            "   -- no timestamps: cannot be placed in time; its first records --"
        )?;
    } else if s.cursor_record.is_none() {
        writeln!(out, "   -- cursor is before the first record --")?;
    }
    for r in &s.rows {
        let mark = if Some(r.record) == s.cursor_record {
            ">"
        } else {
            " "
        };
        let t = display_time(src.time(r.record), zone);
        let inh = if r.time_inherited { "~" } else { " " };
        write_record(
            out,
            &format!("{mark} {t}{inh} {} ", level_tag(r.level)),
            src,
            r.record,
        )?;
    }
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct ShowJson<'a> {
    pub at: String,
    pub sources: &'a [Shown],
}

pub fn json(at: Nanos, shown: &[Shown]) -> ShowJson<'_> {
    ShowJson {
        at: format_rfc3339(at),
        sources: shown,
    }
}
