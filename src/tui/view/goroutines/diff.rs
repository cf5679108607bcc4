//! The goroutine view's diff of two dumps: which dumps, when each was taken,
//! and the groups that grew, appeared, shrank or went.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Line, bold, draw_details, draw_list, put, wall};

use crate::goroutine::diff::Change;
use crate::goroutine::when::DumpTime;
use crate::time::format_duration;
use crate::tui::app::App;
use crate::tui::goroutine_view::{DumpKey, GoroutineView, diff_pair};

/// The dumps of the view's diff, the older first (by their times, else
/// their panes' order).
pub(super) fn diff_panes(app: &App, v: &GoroutineView) -> Option<(usize, usize)> {
    let dumps: Vec<(usize, Option<i64>)> = (0..app.panes.len())
        .filter(|&p| {
            app.source(p)
                .is_some_and(|s| s.detection.format == crate::format::Format::GoDump)
        })
        .map(|p| (p, app.dumps.times.get(&p).map(|t| t.time)))
        .collect();
    // The diff compares each file's last dump: it shows on that one only.
    if v.key.part.is_some() {
        return None;
    }
    diff_pair(&dumps, v.key.pane)
}

/// When each dump of the diff was taken and how much later the new one
/// was, as `goroutines --diff` says it; or that a dump has no known time.
/// One row where it fits: with both names, else without them (the diff's
/// heading below names the dumps in the same order) and with the day and a
/// shared origin said once; two rows only where even that does not fit.
pub(super) fn diff_time_lines(app: &App, v: &GoroutineView, width: u16) -> Vec<Line> {
    let Some((old, new)) = diff_panes(app, v) else {
        return Vec::new();
    };
    let th = &app.theme;
    let times = app.dumps.diff_times(old, new, v.similar);
    let name = |pane: usize| app.panes[pane].name.as_str();
    let taken = |pane: usize, t: Option<DumpTime>| -> String {
        match t {
            Some(t) => format!(
                "{} taken {} ({})",
                name(pane),
                wall(app, t.time),
                t.origin.label()
            ),
            None => format!(
                "{0} taken at no known time: --set {0}.time=… places it",
                name(pane)
            ),
        }
    };
    let apart = match times.interval {
        Some(d) if d >= 0 => format!(", {} later", format_duration(d)),
        Some(d) => format!(", {} earlier", format_duration(-d)),
        None => String::new(),
    };
    let style = if times.before.is_some() && times.after.is_some() {
        th.dim()
    } else {
        th.warning()
    };
    let fits = |t: &str| width as usize >= crate::tui::text::width(t);
    let whole = format!(
        " {} → {}{apart}",
        taken(old, times.before),
        taken(new, times.after)
    );
    if fits(&whole) {
        return vec![(whole, style)];
    }
    if let (Some(b), Some(a)) = (times.before, times.after) {
        let (bw, aw) = (wall(app, b.time), wall(app, a.time));
        // The new dump's day only when it is another.
        let after = match (bw.split_once(' '), aw.split_once(' ')) {
            (Some((bd, _)), Some((ad, at))) if bd == ad => at.to_string(),
            _ => aw.clone(),
        };
        let origins = if b.origin == a.origin {
            format!("both {}", b.origin.label())
        } else {
            format!("{}, {}", b.origin.label(), a.origin.label())
        };
        let short = format!(" taken {bw} → {after}{apart} ({origins})");
        if fits(&short) {
            return vec![(short, style)];
        }
    }
    let line = |pane: usize, t: Option<DumpTime>| -> Line {
        let style = if t.is_some() { th.dim() } else { th.warning() };
        (format!(" {}", taken(pane, t)), style)
    };
    let before = line(old, times.before);
    let (mut text, style) = line(new, times.after);
    text.push_str(&apart);
    vec![before, (text, style)]
}

pub(super) fn draw_diff(app: &App, v: &GoroutineView, list: Rect, details: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let Some((old, new)) = diff_panes(app, v) else {
        put(
            buf,
            list,
            0,
            "  the diff needs a second dump of the program",
            th.dim(),
        );
        return;
    };
    let Some(d) = app.dumps.diffs.get(&(old, new, v.similar)) else {
        let k = DumpKey::pane;
        let waiting = [old, new]
            .iter()
            .filter(|&&p| app.dumps.ready(k(p), v.similar).is_none())
            .map(|&p| app.panes[p].name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        put(buf, list, 0, &format!("  reading {waiting}…"), th.dim());
        return;
    };
    let rows: Vec<(&str, &Change)> = [
        ("grown", &d.grown),
        ("new", &d.new),
        ("shrunk", &d.shrunk),
        ("gone", &d.gone),
    ]
    .into_iter()
    .flat_map(|(label, l)| l.iter().map(move |c| (label, c)))
    .collect();
    let header = format!(
        "  {} → {}: {} → {} goroutines",
        app.panes[old].name, app.panes[new].name, d.total_before, d.total_after
    );
    let lines: Vec<Line> = rows
        .iter()
        .map(|(label, c)| {
            let place = c.own_function.as_deref().unwrap_or(&c.top_function);
            let style = match *label {
                "grown" | "new" => th.warning(),
                _ => Style::new(),
            };
            (
                format!(
                    " {label:<6} {:>+7} {:>7} → {:<7} [{}] {place}",
                    c.delta(),
                    c.before,
                    c.after,
                    c.states(" → ")
                ),
                style,
            )
        })
        .collect();
    let sel = v.list.selected.min(rows.len().saturating_sub(1));
    draw_list(app, buf, list, &header, &lines, sel);
    match rows.get(sel) {
        Some((label, c)) => {
            let mut out: Vec<Line> = vec![(
                format!(
                    " {label}: {} → {} goroutines [{}]",
                    c.before,
                    c.after,
                    c.states(" → ")
                ),
                bold(),
            )];
            out.push((format!("   top frame  {}", c.top_function), Style::new()));
            if let Some(o) = &c.own_function {
                out.push((format!("   own code   {o}"), Style::new()));
            }
            if let Some(cb) = &c.created_by {
                out.push((format!("   created by {cb}"), Style::new()));
            }
            if let Some(l) = &c.labels {
                out.push((format!("   labels     {l}"), Style::new()));
            }
            draw_details(app, buf, details, &out, v, None);
        }
        None => put(
            buf,
            details,
            0,
            "  the two dumps hold the same groups",
            th.dim(),
        ),
    }
}
