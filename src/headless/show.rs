//! `casefile show --at TIME`: each source's records around a time.

use std::io::Write;

use serde::Serialize;

use super::{Print, Row, display_time, level_tag, write_record};
use crate::index::Zone;
use crate::source::Source;
use crate::time::{Nanos, format_duration, format_rfc3339};
use crate::timeline::position;

#[derive(Debug, Serialize)]
pub struct Shown {
    pub name: String,
    /// The record at or just before the cursor, if any.
    pub cursor_record: Option<usize>,
    /// The first record at the cursor record's instant: records from here to
    /// `cursor_record` share its time (seven kernel lines in one second), and
    /// all of them are shown before the `--before` context.
    pub cursor_first: Option<usize>,
    /// Distance to the nearest record when the time falls in one of the
    /// source's silences (`silence::Analysis::quiet`, as the panes say).
    pub quiet_for: Option<String>,
    pub quiet_for_ns: Option<Nanos>,
    /// The source has no timestamps (a goroutine dump, plain output): it cannot
    /// be placed at a time, so its first records are shown.
    pub untimed: bool,
    pub rows: Vec<Row>,
}

/// `quiet`: the silence analysis's "quiet for" of this source at `at`.
pub fn around(
    src: &Source,
    at: Nanos,
    (before, after): (usize, usize),
    quiet: Option<Nanos>,
) -> Shown {
    if src.index.stats.timestamped_lines == 0 {
        return Shown {
            name: src.name.clone(),
            cursor_record: None,
            cursor_first: None,
            quiet_for: None,
            quiet_for_ns: None,
            untimed: true,
            // `--before` and `--after` may be as large as a u64.
            rows: (0..before
                .saturating_add(after)
                .saturating_add(1)
                .min(src.index.len()))
                .map(|i| Row::of(src, i))
                .collect(),
        };
    }
    let pos = position(src, at);
    let cursor = pos.record.filter(|&i| src.time(i).is_none_or(|t| t <= at));
    let first = cursor.map(|c| same_instant_from(src, c));
    let (lo, hi) = match (first.zip(cursor), pos.record) {
        (Some((f, c)), _) => (
            f.saturating_sub(before),
            c.saturating_add(after)
                .saturating_add(1)
                .min(src.index.len()),
        ),
        // Every record is after the cursor: show the first ones.
        (None, Some(_)) => (0, after.min(src.index.len())),
        (None, None) => (0, 0),
    };
    Shown {
        name: src.name.clone(),
        cursor_record: cursor,
        cursor_first: first,
        quiet_for: quiet.map(format_duration),
        quiet_for_ns: quiet,
        untimed: false,
        rows: (lo..hi).map(|i| Row::of(src, i)).collect(),
    }
}

/// Keeps only the records in the --since/--until range, as the panes keep
/// to it (a source without timestamps shows its first records all the same).
pub fn within(sources: &[&Source], shown: &mut [Shown], range: &crate::user_time::Range) {
    if range.since.is_none() && range.until.is_none() {
        return;
    }
    let inside =
        |t: Nanos| range.since.is_none_or(|a| t >= a) && range.until.is_none_or(|b| t <= b);
    for (src, s) in sources.iter().zip(shown.iter_mut()) {
        if !s.untimed {
            s.rows.retain(|r| src.time(r.record).is_some_and(inside));
        }
    }
}

/// What `show` calls quiet: the silence analysis, as the panes use it
/// (`floor`: `--min-silence`).
pub fn silences(sources: &[&Source], floor: Nanos) -> crate::silence::Analysis {
    crate::silence::analyze(sources, floor)
}

/// Every source around `at`, each said quiet where `silences` says so.
pub fn all_around(
    sources: &[&Source],
    silences: &crate::silence::Analysis,
    at: Nanos,
    context: (usize, usize),
) -> Vec<Shown> {
    sources
        .iter()
        .enumerate()
        .map(|(k, s)| around(s, at, context, silences.quiet(k, at)))
        .collect()
}

/// Records sharing one instant that are shown together; a source that logs
/// thousands of lines in one second (with second precision) shows its last.
const MAX_SAME_INSTANT: usize = 1000;

/// The first record with the same time as record `c`, going back no further
/// than `MAX_SAME_INSTANT` records.
fn same_instant_from(src: &Source, c: usize) -> usize {
    let Some(t) = src.time(c) else { return c };
    let mut f = c;
    while f > 0 && c - f < MAX_SAME_INSTANT - 1 && src.time(f - 1) == Some(t) {
        f -= 1;
    }
    f
}

/// The cursor time and the zone every time below is shown in; where no
/// source has timestamps (`at` None), the time as typed, placed nowhere.
pub fn write_heading(
    out: &mut impl Write,
    at: Option<Nanos>,
    typed: &str,
    zone: &Zone,
) -> std::io::Result<()> {
    match at {
        Some(at) => writeln!(out, "at {} {}", display_time(Some(at), zone), zone.label()),
        None => writeln!(
            out,
            "at {} placed nowhere: no source has timestamps",
            crate::ansi::display_text(typed.trim().as_bytes())
        ),
    }
}

pub fn write_text(
    out: &mut impl Write,
    src: &Source,
    s: &Shown,
    print: &Print,
) -> std::io::Result<()> {
    let quiet = s
        .quiet_for
        .as_ref()
        .map_or(String::new(), |q| format!("  (quiet for {q})"));
    writeln!(
        out,
        "== {}{quiet}",
        crate::ansi::display_text(s.name.as_bytes())
    )?;
    if s.untimed {
        // A dump that prints no time may have been given one (`--set
        // NAME.time`, or its file's time): it sits there, as in the panes.
        match src.first_time() {
            Some(t) => writeln!(
                out,
                "   -- no times of its own: placed at {}; its first records --",
                display_time(Some(t), &print.zone)
            )?,
            None => writeln!(
                out,
                "   -- no timestamps: cannot be placed in time; its first records --"
            )?,
        }
    } else if s.cursor_record.is_none() {
        writeln!(out, "   -- cursor is before the first record --")?;
    }
    for r in &s.rows {
        // Every record at the cursor's instant is marked.
        let at_cursor = s
            .cursor_first
            .zip(s.cursor_record)
            .is_some_and(|(f, c)| (f..=c).contains(&r.record));
        let mark = if at_cursor { ">" } else { " " };
        let t = display_time(src.time(r.record), &print.zone);
        let inh = if r.time_inherited { "~" } else { " " };
        write_record(
            out,
            &format!("{mark} {t}{inh} {} ", level_tag(r.level, r.level_inferred)),
            src,
            r.record,
            print.raw,
            true,
        )?;
    }
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct ShowJson<'a> {
    /// Null when no source has timestamps: a time of day then has no date.
    pub at: Option<String>,
    pub sources: &'a [Shown],
}

pub fn json(at: Option<Nanos>, shown: &[Shown]) -> ShowJson<'_> {
    ShowJson {
        at: at.map(format_rfc3339),
        sources: shown,
    }
}
