//! Where everything goes on a screen of a given size. Both `update` (mouse
//! clicks, page size, overview steps) and `view` (drawing) need this geometry,
//! so it lives here and neither imports the other.

use ratatui::layout::Rect;

use super::app::{App, Load};
use crate::source::Source;
use crate::time::Nanos;
use crate::timeline;

/// Screens shorter than this leave out the overview strip.
const OVERVIEW_MIN_HEIGHT: u16 = 14;
/// Source rows the overview strip shows at most.
pub const OVERVIEW_MAX_ROWS: usize = 6;

#[derive(Debug, Clone, PartialEq)]
pub struct Areas {
    pub overview: Rect,
    /// (pane, area); a single entry for the merged view (pane = the focused one).
    pub panes: Vec<(usize, Rect)>,
    /// Vertical separator columns between side-by-side panes.
    pub separators: Vec<Rect>,
    pub status: Rect,
}

/// The areas of the whole screen (`app.size`), as the last frame drew them.
pub fn screen(app: &App) -> Areas {
    areas(app, Rect::new(0, 0, app.size.0, app.size.1))
}

pub fn areas(app: &App, area: Rect) -> Areas {
    let mut out = Areas {
        overview: Rect::default(),
        panes: Vec::new(),
        separators: Vec::new(),
        status: Rect::default(),
    };
    if area.height == 0 || area.width == 0 {
        return out;
    }
    out.status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let mut body = Rect::new(area.x, area.y, area.width, area.height - 1);
    if body.height >= OVERVIEW_MIN_HEIGHT && !app.zoom {
        let h = overview_height(app).min(body.height / 3);
        out.overview = Rect::new(body.x, body.y, body.width, h);
        body.y += h;
        body.height -= h;
    }
    if app.panes.is_empty() || body.height == 0 {
        return out;
    }
    if app.merged || app.zoom {
        out.panes.push((app.focus.min(app.panes.len() - 1), body));
        return out;
    }
    let n = app.panes.len() as u16;
    if app.side_by_side(area.width) && body.width >= 2 * n {
        // One separator column between neighbours.
        let usable = body.width - (n - 1);
        let mut x = body.x;
        for p in 0..n {
            let w = usable / n + u16::from(p < usable % n);
            out.panes
                .push((p as usize, Rect::new(x, body.y, w, body.height)));
            x += w;
            if p + 1 < n {
                out.separators.push(Rect::new(x, body.y, 1, body.height));
                x += 1;
            }
        }
    } else {
        let n = n.min(body.height).max(1);
        // A pane that failed to load needs two rows (its title and the error);
        // the others share the rest.
        let failed = |p: u16| matches!(app.panes[p as usize].load, Load::Failed(_));
        let nf = (0..n).filter(|&p| failed(p)).count() as u16;
        let others = n - nf;
        let compact = nf > 0 && others > 0 && body.height >= nf * 2 + others;
        let (rest, k) = if compact {
            (body.height - nf * 2, others)
        } else {
            (body.height, n)
        };
        let mut y = body.y;
        let mut i = 0;
        for p in 0..n {
            let h = if compact && failed(p) {
                2
            } else {
                let h = rest / k + u16::from(i < rest % k);
                i += 1;
                h
            };
            out.panes
                .push((p as usize, Rect::new(body.x, y, body.width, h)));
            y += h;
        }
    }
    out
}

/// Rows of the overview strip: the axis and one row per source.
pub fn overview_height(app: &App) -> u16 {
    1 + app.panes.len().min(OVERVIEW_MAX_ROWS) as u16
}

/// Width of the overview's source-name column (with its trailing space).
pub fn overview_label_width(app: &App) -> usize {
    app.panes
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(3, 10)
        + 1
}

/// Time columns of the overview strip on a screen `width` wide.
pub fn overview_columns(app: &App, width: u16) -> usize {
    (width as usize).saturating_sub(overview_label_width(app))
}

/// The time range the strip covers: from where every source has begun (system
/// logs hold days of history that would squeeze the incident into a few
/// columns), reaching back to the cursor when it is earlier; `--since`/`--until` win.
pub fn overview_span(app: &App) -> Option<(Nanos, Nanos)> {
    let srcs: Vec<&Source> = app
        .panes
        .iter()
        .filter(|p| p.timed())
        .filter_map(|p| p.source.as_ref())
        .collect();
    let (a, b) = match (app.since, app.until, timeline::span(&srcs)) {
        (Some(a), Some(b), _) => (a, b),
        (Some(a), None, Some((_, b))) => (a, b),
        (None, Some(b), Some(_)) => (live_start(&srcs, app.cursor), b),
        (None, None, Some((_, b))) => (live_start(&srcs, app.cursor), b),
        _ => return None,
    };
    Some((a, b.max(a + 1)))
}

fn live_start(srcs: &[&Source], cursor: Nanos) -> Nanos {
    timeline::common_start(srcs).map_or(cursor, |t| t.min(cursor))
}
