//! The overview strip: the whole incident's time range, one row per source
//! with its density over time, errors in red, the cursor, bookmarks and
//! notes. Columns without records are blank where that is the source's own
//! rhythm and `┄` where they fall in one of its silences. A long stretch in
//! which no source has a record (logs that do not overlap) is a narrow break
//! `┆ 1h50m ┆` (`tui::scale`). Each column costs two index lookups
//! (O(columns × log n)).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::panes::clock;
use crate::level::Level;
use crate::source::Source;
use crate::time::Nanos;
use crate::tui::app::App;
use crate::tui::layout::{overview_columns, overview_label_width, overview_scale};
use crate::tui::scale::{Scale, break_label};

const BARS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// A column with no records inside one of its source's silences.
const SILENT: &str = "┄";

/// Per column: whether it overlaps one of pane `p`'s silences.
fn silent_columns(app: &App, p: usize, scale: &Scale) -> Vec<bool> {
    let (a, b) = (scale.col_time(0), scale.col_time(scale.cols));
    let mut out = vec![false; scale.cols];
    let Some(analysis) = app.silences.as_deref() else {
        return out;
    };
    for s in analysis.silences.iter().filter(|s| s.source == p) {
        if s.gap.end <= a || s.gap.start >= b {
            continue;
        }
        let c0 = scale.column_of(s.gap.start.max(a));
        let c1 = scale.column_of(s.gap.end.min(b));
        if let (Some(c0), Some(c1)) = (c0, c1) {
            out[c0..=c1].iter_mut().for_each(|x| *x = true);
        }
    }
    out
}

fn first_error_from(src: &Source, i: usize) -> Option<usize> {
    let want = |l: Option<Level>| l.is_some_and(Level::is_error);
    if i == 0 {
        if src.index.get(0).is_some_and(|e| want(e.level())) {
            return Some(0);
        }
        return src.index.next_level(0, want);
    }
    src.index.next_level(i - 1, want)
}

/// Per column: (records, has an error). A column holds the records from
/// its start up to the next column's, as `Scale::column_of` places times
/// (the cursor mark's and the silences' columns); the last column of a
/// stretch also those at its end, so the records at a break's edges show
/// beside it rather than under it.
fn histogram(src: &Source, scale: &Scale) -> Vec<(usize, bool)> {
    let count_to = |t: Nanos| src.at_or_before(t).map_or(0, |i| i + 1);
    let cols = scale.cols;
    let mut out = Vec::with_capacity(cols);
    let mut lo = count_to(scale.col_time(0) - 1);
    let mut next_err: Option<usize> = None;
    let mut err_checked_from = usize::MAX;
    for c in 0..cols {
        let piece = scale.piece_of(c);
        if let Some(g) = piece.filter(|p| p.gap) {
            // Nothing is drawn under a break; what it ends at is the next
            // column's.
            lo = count_to(g.t1 - 1).max(lo);
            out.push((0, false));
            continue;
        }
        let end = match piece {
            Some(p) if c + 1 == p.c1 => count_to(p.t1),
            _ => count_to(scale.col_start(c + 1) - 1),
        };
        let hi = end.max(lo);
        let mut err = false;
        if hi > lo {
            if err_checked_from == usize::MAX || next_err.is_some_and(|e| e < lo) {
                next_err = first_error_from(src, lo);
                err_checked_from = lo;
            }
            err = next_err.is_some_and(|e| e >= lo && e < hi);
        }
        out.push((hi - lo, err));
        lo = hi;
    }
    out
}

/// Where the range crosses midnight in the zone times are shown in, the new
/// day's date on the axis (`2026-11-20`, or `11-20` when the full dates do
/// not all fit), at the column holding midnight (after a break that holds
/// it; just after the cursor mark that stands there): the range's end labels
/// are times of day, and `14:30:55 … 14:49:59` over two days reads as 19
/// minutes. A date that would cover another label, the end time or a break
/// is left out.
fn day_labels(
    app: &App,
    scale: &Scale,
    end_at: Option<usize>,
    mark: Option<usize>,
) -> Vec<(usize, String)> {
    use crate::timeparse::{from_wall, to_wall};
    let cols = scale.cols;
    let (a, b) = (scale.col_time(0), scale.col_time(cols));
    let (first, last) = (to_wall(a, &app.zone).date(), to_wall(b, &app.zone).date());
    let days = (last - first).num_days();
    if days <= 0 || cols == 0 {
        return Vec::new();
    }
    // More days than columns: a label every few days is all that can show.
    let stride = (days as usize).div_ceil(cols).max(1);
    let midnights: Vec<(usize, chrono::NaiveDate)> = first
        .iter_days()
        .skip(1)
        .step_by(stride)
        .take_while(|d| *d <= last)
        .filter_map(|d| {
            let t = from_wall(d.and_hms_opt(0, 0, 0)?, &app.zone)?;
            let c = scale.column_of(t)?;
            let c = scale.piece_of(c).filter(|p| p.gap).map_or(c, |p| p.c1);
            Some((c, d))
        })
        .collect();
    let mut taken = vec![false; cols];
    let mut take = |from: usize, to: usize| {
        for x in taken.iter_mut().take(to.min(cols)).skip(from) {
            *x = true;
        }
    };
    if let Some(at) = end_at {
        take(at.saturating_sub(1), cols);
    }
    for g in scale.breaks() {
        take(g.c0, g.c1);
    }
    let place = |fmt: &str, taken: &mut Vec<bool>| {
        let mut out = Vec::new();
        for &(c, d) in &midnights {
            let label = d.format(fmt).to_string();
            let n = label.len();
            let c = if mark.is_some_and(|m| (c..c + n).contains(&m)) {
                mark.map_or(c, |m| m + 1)
            } else {
                c
            };
            if c + n > cols || taken[c..c + n].iter().any(|&x| x) {
                continue;
            }
            // One blank column after each date keeps two apart.
            for x in taken.iter_mut().take((c + n + 1).min(cols)).skip(c) {
                *x = true;
            }
            out.push((c, label));
        }
        out
    };
    let mut full_taken = taken.clone();
    let full = place("%Y-%m-%d", &mut full_taken);
    if full.len() == midnights.len() {
        return full;
    }
    place("%m-%d", &mut taken)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let th = &app.theme;
    let lw = overview_label_width(app);
    let cols = overview_columns(app, area.width);
    let Some(scale) = overview_scale(app, cols) else {
        buf.set_stringn(
            area.x,
            area.y,
            " overview: waiting for timestamps",
            area.width as usize,
            th.dim(),
        );
        return;
    };
    let (a, b) = (scale.col_time(0), scale.col_time(cols));
    let column_of = |t: Nanos| scale.column_of(t);
    let x0 = area.x + lw as u16;
    let cursor_col = column_of(app.cursor);
    // A cursor outside the range is marked at the edge it lies beyond.
    let beyond = match cursor_col {
        None if cols > 0 && app.cursor < a => Some((0, "◀")),
        None if cols > 0 && app.cursor > b => Some((cols - 1, "▶")),
        _ => None,
    };
    // Axis: range ends, bookmarks, the cursor.
    let axis_style = th.dim();
    for c in 0..cols {
        buf[(x0 + c as u16, area.y)]
            .set_symbol("─")
            .set_style(axis_style);
    }
    // Notes, at their record's time (or the time they were noted at); the
    // range's end labels are drawn over them.
    for t in crate::tui::notes::times(app) {
        if let Some(c) = column_of(t) {
            buf[(x0 + c as u16, area.y)]
                .set_symbol(crate::tui::notes::MARK)
                .set_style(th.note());
        }
    }
    let start = clock(app, a);
    let end = clock(app, b);
    // The start time sits in the label column (wide enough for it), so the
    // cursor mark at the first column does not hide its first digit.
    buf.set_stringn(x0 - 9, area.y, &start[..8], 8, axis_style);
    let mark_col = cursor_col.or(beyond.map(|(c, _)| c));
    // At the right edge, unless the cursor mark stands there: then just left
    // of it, so neither hides the other.
    let end_at = (cols > 20).then(|| match mark_col {
        Some(c) if c + 8 >= cols => c.saturating_sub(8),
        _ => cols - 8,
    });
    // Breaks: `┆1h50m┆` on the axis, `┆   ┆` on every source's row. A break
    // the end time would cover keeps its edge but not its length: digits
    // cut there run into the time (`┆3.522:39:35`).
    for g in scale.breaks() {
        let label = match end_at {
            Some(at) if g.c1 > at => "┆".to_string(),
            _ => format!("┆{}┆", break_label(g.t1 - g.t0)),
        };
        buf.set_stringn(x0 + g.c0 as u16, area.y, &label, g.c1 - g.c0, axis_style);
    }
    if let Some(at) = end_at {
        buf.set_stringn(x0 + at as u16, area.y, &end[..8], 8, axis_style);
    }
    for (c, label) in day_labels(app, &scale, end_at, mark_col) {
        let n = crate::tui::text::width(&label);
        buf.set_stringn(x0 + c as u16, area.y, &label, n, axis_style);
    }
    for &(p, r) in &app.bookmarks {
        if let Some(c) = app.source(p).and_then(|s| s.time(r)).and_then(column_of) {
            buf[(x0 + c as u16, area.y)]
                .set_symbol("◆")
                .set_style(th.fg(th.bookmark));
        }
    }
    if let Some((c, mark)) = cursor_col.map(|c| (c, "▼")).or(beyond) {
        buf[(x0 + c as u16, area.y)]
            .set_symbol(mark)
            .set_style(th.cursor());
    }
    let shown = crate::tui::layout::overview_panes(app);
    for (row, &p) in shown.iter().take(area.height as usize - 1).enumerate() {
        let pane = &app.panes[p];
        let y = area.y + 1 + row as u16;
        let names: Vec<&str> = app.panes.iter().map(|x| x.name.as_str()).collect();
        let name = crate::tui::text::cut_apart(&names, p, lw - 1);
        let style = if p == app.focus {
            th.source(p).add_modifier(Modifier::BOLD)
        } else {
            th.source(p)
        };
        buf.set_stringn(area.x, y, name, lw - 1, style);
        let Some(src) = pane.source.as_ref().filter(|_| pane.timed()) else {
            continue;
        };
        let hist = histogram(src, &scale);
        let silent = silent_columns(app, p, &scale);
        let max = hist.iter().map(|h| h.0).max().unwrap_or(0).max(1);
        for (c, &(n, err)) in hist.iter().enumerate() {
            let level = if n == 0 {
                0
            } else {
                (n * 8).div_ceil(max).clamp(1, 8)
            };
            let mut st = if err {
                th.level(Some(Level::Error))
            } else {
                th.source(p)
            };
            if Some(c) == cursor_col {
                st = st.add_modifier(Modifier::REVERSED);
            }
            let glyph = if err && !th.color && n > 0 {
                "!"
            } else if n == 0 && silent[c] {
                st = th.warning();
                if Some(c) == cursor_col {
                    st = st.add_modifier(Modifier::REVERSED);
                }
                SILENT
            } else {
                BARS[level]
            };
            buf[(x0 + c as u16, y)].set_symbol(glyph).set_style(st);
        }
        for g in scale.breaks() {
            for c in g.c0..g.c1 {
                let edge = c == g.c0 || c + 1 == g.c1;
                let mut st = th.dim();
                if Some(c) == cursor_col {
                    st = st.add_modifier(Modifier::REVERSED);
                }
                buf[(x0 + c as u16, y)]
                    .set_symbol(if edge { "┆" } else { " " })
                    .set_style(st);
            }
        }
    }
}
