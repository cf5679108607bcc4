//! Moving the shared cursor: by record, page, time, level, match.

use crate::level::Level;
use crate::time::Nanos;
use crate::timeline;
use crate::tui::action::{Dir, Scope, Severity};
use crate::tui::app::App;
use crate::tui::layout;

/// Puts the cursor exactly on record `rec` of pane `p`.
pub fn set_row(app: &mut App, p: usize, rec: usize) {
    app.moved = true;
    let Some(pane) = app.panes.get_mut(p) else {
        return;
    };
    if !pane.timed() {
        pane.untimed_row = rec;
        app.pin = Some((p, rec));
        return;
    }
    if let Some(t) = app.panes[p].source.as_ref().and_then(|s| s.time(rec)) {
        app.cursor = t;
    }
    app.pin = Some((p, rec));
}

pub fn goto(app: &mut App, t: Nanos) {
    app.moved = true;
    app.cursor = t;
    app.pin = None;
}

/// Rows in one page of the focused pane.
pub fn page_rows(app: &App) -> usize {
    let areas = layout::screen(app);
    let h = areas
        .panes
        .iter()
        .find(|(p, _)| *p == app.focus || app.merged)
        .map_or(10, |(_, r)| r.height as usize);
    h.saturating_sub(2).max(1)
}

pub fn records(app: &mut App, n: i64) {
    if app.merged {
        let Some(at) = app.merged_cursor() else {
            return;
        };
        let walked = if n >= 0 {
            app.merged_after(at, n as usize)
        } else {
            app.merged_before(at, n.unsigned_abs() as usize)
        };
        if let Some(&(p, k)) = walked.last()
            && let Some((p, rec)) = app.row_ref(p, k)
        {
            set_row(app, p, rec);
            app.focus = p;
        }
        return;
    }
    let p = app.focus;
    let (Some(k), Some(rows)) = (app.cursor_row(p), app.rows(p)) else {
        return;
    };
    let k2 = (k as i64 + n).clamp(0, rows.len() as i64 - 1) as usize;
    let rec = rows.record(k2);
    set_row(app, p, rec);
}

/// First (or last) visible row of every pane; the earliest (latest) wins.
fn extreme(app: &App, last: bool) -> Option<(Nanos, usize, usize)> {
    let mut best: Option<(Nanos, usize, usize)> = None;
    for p in app.timed_panes() {
        let Some(rows) = app.rows(p) else { continue };
        if rows.is_empty() {
            continue;
        }
        let k = if last { rows.len() - 1 } else { 0 };
        let t = rows.time_key(k);
        let better = match best {
            None => true,
            Some((bt, _, _)) => (if last { t > bt } else { t < bt }) || (t == bt && p == app.focus),
        };
        if better {
            best = Some((t, p, rows.record(k)));
        }
    }
    best
}

/// Where `g` and `G` go in time: `--since` (`--until`), else the earliest
/// (latest) record of any source. None before any record is read.
fn bounds(app: &App) -> Option<(Nanos, Nanos)> {
    let lo = app.since.or_else(|| extreme(app, false).map(|e| e.0))?;
    let hi = app.until.or_else(|| extreme(app, true).map(|e| e.0))?;
    Some((lo, hi.max(lo)))
}

/// Whether the cursor is at the end of the logs (where `G` puts it); with
/// no record read anywhere (a followed log emptied by copytruncate), nothing
/// lies past it: at the end, so following takes it to the records to come.
pub fn at_end(app: &App) -> bool {
    bounds(app).is_none_or(|(_, hi)| app.cursor >= hi)
}

/// The cursor to the start (`last`: the end) of the logs, as `g` (`G`) puts it
/// when a timed pane has the focus.
fn to_edge(app: &mut App, last: bool) {
    let bound = if last { app.until } else { app.since };
    if let Some(t) = bound {
        return goto(app, t);
    }
    if let Some((_, p, r)) = extreme(app, last) {
        set_row(app, p, r);
    }
}

/// `g`: the earliest record of any source. A focused pane without
/// timestamps (a goroutine dump) goes to its own first row too; it used to
/// go there alone, leaving the cursor where it was.
pub fn start(app: &mut App) {
    if !app.panes.get(app.focus).is_some_and(|p| p.timed()) && !app.merged {
        set_row(
            app,
            app.focus,
            app.rows(app.focus).map_or(0, |r| r.record(0)),
        );
    }
    to_edge(app, false);
}

/// `G`: the latest record of any source (and a focused untimed pane's last row).
pub fn end(app: &mut App) {
    if !app.panes.get(app.focus).is_some_and(|p| p.timed())
        && !app.merged
        && let Some(rows) = app.rows(app.focus)
        && !rows.is_empty()
    {
        let r = rows.record(rows.len() - 1);
        set_row(app, app.focus, r);
    }
    to_edge(app, true);
}

/// Moves the cursor `n` time steps, never out of the logs: a step that would
/// leave them stops on their first (last) record, where `g` (`G`) goes, and
/// the status line says it was cut short, as a pager says it is at its end
/// (a cursor outside every log is of no use, and nothing says it is there).
pub fn time_step(app: &mut App, n: i64) {
    let step = app.step_size();
    let t = app.cursor.saturating_add(n.saturating_mul(step));
    let Some((lo, hi)) = bounds(app) else {
        return goto(app, t);
    };
    if (lo..=hi).contains(&t) {
        return goto(app, t);
    }
    let last = t > hi;
    let was_inside = (lo..=hi).contains(&app.cursor);
    let short = if last { t - hi } else { lo - t };
    to_edge(app, last);
    let (edge, which) = if last {
        ("end", "last")
    } else {
        ("start", "first")
    };
    let how = if was_inside {
        let step = crate::time::format_duration(step);
        let short = crate::time::format_duration(short);
        format!("the {step} step stopped at the {which} record, {short} short")
    } else {
        format!("back to the {which} record")
    };
    app.info_short(
        format!("{edge} of the logs: {how}"),
        format!("{edge} of the logs"),
    );
}

/// Moves by `n` columns of the overview strip (a break is a few columns
/// however long it is: `tui::scale`).
pub fn coarse(app: &mut App, n: i64) {
    let cols = layout::overview_columns(app, app.size.0).max(1);
    let Some(scale) = layout::overview_scale(app, cols) else {
        return;
    };
    let (a, b) = (scale.col_time(0), scale.col_time(cols));
    if scale.breaks().next().is_none() {
        let step = ((b - a) / cols as i64).max(1);
        let t = app.cursor + n * step;
        return goto(app, t.clamp(a, b));
    }
    let Some(c) = scale.column_of(app.cursor.clamp(a, b)) else {
        return;
    };
    let c = (c as i64 + n).clamp(0, cols as i64) as usize;
    goto(app, scale.col_time(c));
}

/// Shortest range the overview zooms in to.
const MIN_OVERVIEW: Nanos = 10 * crate::time::NANOS_PER_SEC;

/// Zooms the overview in (`n` > 0: half the range per step, centred on the
/// cursor) or out (double, up to every record of every source).
pub fn overview_zoom(app: &mut App, n: i64) {
    let (Some((a, b)), Some((lo, hi))) =
        (layout::overview_span(app), layout::overview_full_span(app))
    else {
        return;
    };
    let mut w = i128::from(b - a);
    for _ in 0..n.unsigned_abs() {
        w = if n > 0 { w / 2 } else { w * 2 };
    }
    let full = i128::from(hi - lo);
    let w = w.clamp(i128::from(MIN_OVERVIEW).min(full), full) as Nanos;
    let centre = if n > 0 {
        app.cursor.clamp(lo, hi)
    } else {
        a + (b - a) / 2
    };
    let start = (centre - w / 2).clamp(lo, hi - w);
    app.overview_range = Some((start, start + w));
    let span = crate::time::format_duration(w);
    app.info(format!("overview: {span} (+ zooms in, - out)"));
}

/// The record the cursor stands on in pane `p`, before filtering.
fn cursor_record(app: &App, p: usize) -> Option<usize> {
    let k = app.cursor_row(p)?;
    Some(app.rows(p)?.record(k))
}

/// Whether record `rec` of pane `p` is shown: it passes the filters and lies in the time range.
fn visible(app: &App, p: usize, rec: usize) -> bool {
    app.rows(p).is_some_and(|rows| rows.contains(rec))
}

/// Next/previous record of pane `p` from `from` with a wanted level that passes the filters.
fn level_from(
    app: &App,
    p: usize,
    from: usize,
    dir: Dir,
    want: fn(Option<Level>) -> bool,
) -> Option<usize> {
    let src = app.source(p)?;
    let mut at = from;
    loop {
        let r = match dir {
            Dir::Next => src.index.next_level(at, want)?,
            Dir::Prev => src.index.prev_level(at, want)?,
        };
        if visible(app, p, r) {
            return Some(r);
        }
        at = r;
    }
}

fn severity_pred(s: Severity) -> fn(Option<Level>) -> bool {
    match s {
        Severity::Error => |l| l.is_some_and(Level::is_error),
        Severity::Warning => |l| l == Some(Level::Warn),
    }
}

pub fn level(app: &mut App, dir: Dir, severity: Severity, scope: Scope) {
    let want = severity_pred(severity);
    let word = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let Some(panes) = jump_panes(app, scope == Scope::All) else {
        return;
    };
    let found = pick(app, &panes, dir, |app, p, from| {
        level_from(app, p, from, dir, want)
    });
    match found {
        Some((p, r)) => go_to(app, p, r),
        None => {
            let whence = if panes.len() == 1 {
                app.panes[panes[0]].name.clone()
            } else {
                "any pane".into()
            };
            let more = if dir == Dir::Next { "after" } else { "before" };
            app.info(format!("no {word} {more} the cursor in {whence}"));
        }
    }
}

/// The panes a jump looks in: every timed pane across all panes or in the
/// merged view, else the focused one. None when there is no pane at all.
fn jump_panes(app: &App, all: bool) -> Option<Vec<usize>> {
    app.panes.get(app.focus)?;
    Some(if all || app.merged {
        app.timed_panes()
    } else {
        vec![app.focus]
    })
}

/// Moves the cursor to row `r` of pane `p`, focusing it outside the merged view.
pub fn go_to(app: &mut App, p: usize, r: usize) {
    set_row(app, p, r);
    if !app.merged {
        app.focus = p;
    }
}

/// Among `panes`, the candidate row nearest the cursor in direction `dir`.
/// `find(app, p, from)` returns the next record of `p` strictly beyond `from`.
fn pick(
    app: &App,
    panes: &[usize],
    dir: Dir,
    find: impl Fn(&App, usize, usize) -> Option<usize>,
) -> Option<(usize, usize)> {
    let mut best: Option<(Nanos, usize, usize)> = None;
    for &p in panes {
        let Some(from) = cursor_record(app, p) else {
            continue;
        };
        let pinned = app.pin.is_some_and(|(pp, _)| pp == p);
        // An unpinned pane's cursor record lies at or before the cursor time and
        // has not been visited: going back, it is a candidate itself.
        let candidate = if !pinned && dir == Dir::Prev && panes.len() > 1 {
            find(app, p, from + 1)
        } else {
            find(app, p, from)
        };
        let Some(r) = candidate else { continue };
        let Some(src) = app.source(p) else { continue };
        let t = src
            .index
            .get(r)
            .map_or(Nanos::MIN, |e| e.time().saturating_add(src.offset));
        let better = match best {
            None => true,
            Some((bt, _, _)) => match dir {
                Dir::Next => t < bt,
                Dir::Prev => t > bt,
            },
        };
        if better {
            best = Some((t, p, r));
        }
    }
    best.map(|(_, p, r)| (p, r))
}

/// Where the cursor should rest while nobody has moved it: where every source
/// has begun (see `timeline::common_start`), on the first record there of a
/// source that begins with several in one instant (a kernel log's boot lines
/// in one second), not the last, which the time alone would show.
pub fn follow_start(app: &mut App) {
    if app.moved {
        return;
    }
    if let Some(t) = app.since {
        app.cursor = t;
        return;
    }
    let srcs: Vec<_> = app.panes.iter().filter_map(|p| p.source.as_ref()).collect();
    let Some(a) = timeline::common_start(&srcs) else {
        return;
    };
    app.cursor = a;
    let begins_with_several = |p: usize| {
        app.source(p)
            .is_some_and(|s| s.time(0) == Some(a) && s.at_or_before(a) != Some(0))
    };
    let pinned = std::iter::once(app.focus)
        .chain(0..app.panes.len())
        .find(|&p| app.panes.get(p).is_some_and(|x| x.timed()) && begins_with_several(p));
    app.pin = pinned.map(|p| (p, 0));
}
