//! Where everything goes on a screen of a given size. Both `update` (mouse
//! clicks, page size, overview steps) and `view` (drawing) need this geometry,
//! so it lives here and neither imports the other.

use ratatui::layout::Rect;

use super::app::{App, Layout, Load};
use super::text::wrap;
use crate::source::Source;
use crate::time::Nanos;
use crate::timeline;

/// Screens shorter than this leave out the overview strip.
const OVERVIEW_MIN_HEIGHT: u16 = 14;
/// Narrowest pane that goes beside another.
pub const MIN_PANE_WIDTH: u16 = 60;
/// Lowest row of a grid of panes (title and a few records).
const MIN_GRID_HEIGHT: u16 = 8;
/// Narrowest pane side by side when asked for (`L`): a time, a level and
/// some of the record's text. Narrower, panes go in rows of fewer columns.
pub const MIN_FORCED_PANE_WIDTH: u16 = 32;
/// Lowest row of such a grid: a title and two records.
const MIN_FORCED_GRID_HEIGHT: usize = 3;
/// Records the focused pane shows at least when panes are stacked.
const FOCUS_MIN_ROWS: usize = 8;
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

impl Areas {
    /// Whether some panes stand side by side.
    pub fn tiled(&self) -> bool {
        self.panes
            .iter()
            .enumerate()
            .any(|(i, (_, a))| self.panes[..i].iter().any(|(_, b)| b.y == a.y))
    }
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
    let n = app.panes.len();
    match grid(app, body.width, body.height) {
        Some(cols) => tile(&mut out, body, n, cols),
        None => stack(app, &mut out, body),
    }
    out
}

/// Columns of a grid of `cols` side by side when it fits: every pane gets at
/// least `MIN_PANE_WIDTH` columns and, when panes take several rows, each row
/// `MIN_GRID_HEIGHT` lines. None stacks the panes.
pub fn grid(app: &App, width: u16, height: u16) -> Option<usize> {
    let n = app.panes.len().max(1);
    let fit_cols = (width as usize + 1) / (MIN_PANE_WIDTH as usize + 1);
    match app.layout {
        Layout::Stacked => None,
        // Asked for: one row while every pane keeps a readable width, else
        // rows of as many as keep it (short rows allowed), else stacked.
        Layout::SideBySide => {
            let fit = (width as usize + 1) / (MIN_FORCED_PANE_WIDTH as usize + 1);
            let rows = n.div_ceil(fit.max(1));
            (fit >= n.min(2) && height as usize >= rows * MIN_FORCED_GRID_HEIGHT)
                .then(|| n.div_ceil(rows))
        }
        Layout::Auto if fit_cols >= n => Some(n),
        Layout::Auto if fit_cols >= 2 => {
            let rows = n.div_ceil(fit_cols);
            // As few columns as keep the same number of rows: wider panes.
            let cols = n.div_ceil(rows);
            (height as usize >= rows * MIN_GRID_HEIGHT as usize).then_some(cols)
        }
        Layout::Auto => None,
    }
}

/// Panes in rows of `cols`, one separator column between neighbours; the last
/// row's panes share its whole width.
fn tile(out: &mut Areas, body: Rect, n: usize, cols: usize) {
    let rows = n.div_ceil(cols);
    let mut y = body.y;
    for row in 0..rows {
        let h = body.height / rows as u16 + u16::from((row as u16) < body.height % rows as u16);
        let first = row * cols;
        let k = (n - first).min(cols) as u16;
        let usable = body.width.saturating_sub(k - 1);
        let mut x = body.x;
        for i in 0..k {
            let w = usable / k + u16::from(i < usable % k);
            out.panes.push((first + i as usize, Rect::new(x, y, w, h)));
            x += w;
            if i + 1 < k {
                out.separators.push(Rect::new(x, y, 1, h));
                x += 1;
            }
        }
        y += h;
    }
}

/// Stacked panes: the focused one gets room to read (half the height, at least
/// a title, `FOCUS_MIN_ROWS` records and two wrapped lines), every other pane its title and cursor
/// row at least; a pane that failed to load needs only its title and the error.
fn stack(app: &App, out: &mut Areas, body: Rect) {
    let n = app.panes.len().min(body.height as usize).max(1);
    let focus = app.focus.min(n - 1);
    let h = body.height as usize;
    let failed = |p: usize| matches!(app.panes[p].load, Load::Failed(_));
    let mut heights = vec![0usize; n];
    if h >= 2 * n {
        let others = n - 1;
        // Title, the records, and two lines for the cursor record's wrapped text;
        // a focused pane that failed, its title and its message, when others
        // have records to show in the rows.
        let want = if failed(focus) && (0..n).any(|p| !failed(p)) {
            let w = body.width.saturating_sub(1) as usize;
            let lines = failed_message(&app.panes[focus]).map_or(1, |t| wrap(&t, w).len());
            (1 + lines).min(h / 2)
        } else {
            (h / 2).max(FOCUS_MIN_ROWS + 3)
        };
        let f = want.min(h - 2 * others).max(2);
        heights[focus] = f;
        let fixed: Vec<usize> = (0..n).filter(|&p| p != focus && failed(p)).collect();
        for &p in &fixed {
            heights[p] = 2;
        }
        let flex: Vec<usize> = (0..n).filter(|&p| p != focus && !failed(p)).collect();
        let rest = h - f - 2 * fixed.len();
        for (i, &p) in flex.iter().enumerate() {
            heights[p] = rest / flex.len() + usize::from(i < rest % flex.len());
        }
        if flex.is_empty() {
            heights[focus] += rest;
        }
    } else {
        // Too short for every pane's title and cursor row: share evenly.
        for (p, x) in heights.iter_mut().enumerate() {
            *x = h / n + usize::from(p < h % n);
        }
    }
    let mut y = body.y;
    for (p, &ph) in heights.iter().enumerate() {
        out.panes
            .push((p, Rect::new(body.x, y, body.width, ph as u16)));
        y += ph as u16;
    }
}

/// What a pane whose source failed to load says in place of its records.
pub fn failed_message(pane: &super::app::Pane) -> Option<String> {
    let Load::Failed(e) = &pane.load else {
        return None;
    };
    // Core errors name their source already (a path given as the name).
    let why = crate::ansi::display_text(e.to_string().as_bytes());
    Some(if why.starts_with(&format!("{}:", pane.name)) {
        format!("cannot show {why}")
    } else {
        format!("cannot show {}: {why}", pane.name)
    })
}

/// Rows of the overview strip: the axis and one row per source.
pub fn overview_height(app: &App) -> u16 {
    1 + overview_panes(app).len() as u16
}

/// The panes with a row in the overview: all but those known to have no
/// timestamps (a goroutine dump) or that failed, whose rows would stay empty.
pub fn overview_panes(app: &App) -> Vec<usize> {
    (0..app.panes.len())
        .filter(|&p| {
            let pane = &app.panes[p];
            match pane.load {
                Load::Failed(_) => false,
                Load::Ready => pane.timed(),
                Load::Opening | Load::Indexing { .. } => true,
            }
        })
        .take(OVERVIEW_MAX_ROWS)
        .collect()
}

/// Width of the overview's source-name column (with its trailing space): at
/// least the strip's start time (`14:30:55`), which sits there so that the
/// cursor mark at the first column never hides it.
pub fn overview_label_width(app: &App) -> usize {
    app.panes
        .iter()
        .map(|p| super::text::width(&p.name))
        .max()
        .unwrap_or(0)
        .clamp(8, 10)
        + 1
}

/// Time columns of the overview strip on a screen `width` wide.
pub fn overview_columns(app: &App, width: u16) -> usize {
    (width as usize).saturating_sub(overview_label_width(app))
}

/// The time range the strip covers: the user's zoom, else from where every
/// source has begun (system logs hold days of history that would squeeze the
/// incident into a few columns) to the end; `--since`/`--until` win. It does
/// not follow the cursor: a cursor outside it is marked at the edge.
pub fn overview_span(app: &App) -> Option<(Nanos, Nanos)> {
    if let Some(r) = app.overview_range {
        return Some(r);
    }
    timeline::incident_span(&timed_sources(app), app.since, app.until)
}

/// The strip's columns over `overview_span`, `cols` of them: a long stretch
/// in which no source has a record is a narrow break (`scale`).
pub fn overview_scale(app: &App, cols: usize) -> Option<super::scale::Scale> {
    let (a, b) = overview_span(app)?;
    let gaps = timeline::gaps(&timed_sources(app));
    Some(super::scale::Scale::new(a, b, cols, &gaps))
}

/// The widest range the overview can zoom out to: every record of every source.
pub fn overview_full_span(app: &App) -> Option<(Nanos, Nanos)> {
    let (a, b) = timeline::span(&timed_sources(app))?;
    let (a, b) = (app.since.unwrap_or(a), app.until.unwrap_or(b));
    Some((a, b.max(a + 1)))
}

fn timed_sources(app: &App) -> Vec<&Source> {
    app.panes
        .iter()
        .filter(|p| p.timed())
        .filter_map(|p| p.source.as_ref())
        .collect()
}
