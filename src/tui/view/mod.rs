//! Drawing: a pure function of `App`. Panes ask only for the rows they show.

mod help;
pub mod overview;
mod palette;
mod panes;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Mode};

/// Where everything goes on a screen of a given size.
#[derive(Debug, Clone, PartialEq)]
pub struct Areas {
    pub overview: Rect,
    /// (pane, area); a single entry for the merged view (pane = the focused one).
    pub panes: Vec<(usize, Rect)>,
    /// Vertical separator columns between side-by-side panes.
    pub separators: Vec<Rect>,
    pub status: Rect,
}

/// Screens shorter than this leave out the overview strip.
const OVERVIEW_MIN_HEIGHT: u16 = 14;

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
        let h = overview::height(app).min(body.height / 3);
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
        let failed =
            |p: u16| matches!(app.panes[p as usize].load, crate::tui::app::Load::Failed(_));
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

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let a = areas(app, area);
    if a.status.height == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    overview::render(app, a.overview, buf);
    for &(p, r) in &a.panes {
        if app.merged {
            panes::render_merged(app, r, buf);
        } else {
            panes::render_pane(app, p, r, buf);
        }
    }
    for s in &a.separators {
        for y in s.top()..s.bottom() {
            buf[(s.x, y)].set_symbol("│").set_style(app.theme.dim());
        }
    }
    status::render(app, a.status, buf);
    match &app.mode {
        Mode::Help { scroll } => help::render(app, *scroll, area, buf),
        Mode::Palette { input, selected } => palette::render(app, input, *selected, area, buf),
        _ => {}
    }
}
