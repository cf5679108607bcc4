//! The list-with-details layout the silence list and the goroutine view
//! share (the pattern view uses its list): a list whose selected row stays in
//! sight under a pinned column header (a section's heading only with the row
//! after it: `draw_grouped_list`), saying how many entries are cut off above
//! and below it, and the selected entry's details
//! beside it on a wide screen or below a rule on a narrow one, scrolled with
//! `J`/`K` and saying how much more there is above and below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::app::{App, DetailsDrawn, Mode};
use crate::tui::keymap::Context;

/// Where the list and the details go.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    pub list: Rect,
    pub details: Rect,
}

/// How the list and the details share an area.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// From this width the details stand beside the list.
    pub wide_from: u16,
    /// The list's width beside the details.
    pub list_width: u16,
    /// Rows the list would like when the details are below it (its header
    /// included); it takes at most 2/5 of the height.
    pub list_rows: u16,
}

/// Splits `area` and draws the rule between the two parts: a `│` column
/// beside, a `─` row below.
pub fn split(app: &App, buf: &mut Buffer, area: Rect, shape: Shape) -> Split {
    let rule = app.theme.dim();
    if area.width >= shape.wide_from {
        let lw = shape.list_width.min(area.width.saturating_sub(3));
        for y in area.top()..area.bottom() {
            buf[(area.x + lw, y)].set_symbol("│").set_style(rule);
        }
        Split {
            list: Rect::new(area.x, area.y, lw, area.height),
            details: Rect::new(area.x + lw + 2, area.y, area.width - lw - 2, area.height),
        }
    } else {
        let lh = shape
            .list_rows
            .min((area.height * 2 / 5).max(3))
            .min(area.height);
        let rule_y = area.y + lh;
        if rule_y < area.bottom() {
            let line = "─".repeat(area.width as usize);
            buf.set_stringn(area.x, rule_y, line, area.width as usize, rule);
        }
        let dy = (lh + 1).min(area.height);
        Split {
            list: Rect::new(area.x, area.y, area.width, lh),
            details: Rect::new(area.x, area.y + dy, area.width, area.height - dy),
        }
    }
}

/// Which rows of a list show in its `h` rows (its header apart) with row
/// `selected` among them; a list cut off says so, a row each for `↑ N more`
/// above and `↓ N more` below (none in under 3 rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first row shown and how many show.
    pub first: usize,
    pub shown: usize,
    /// The rows said to be above and below (0: no marker).
    pub above: usize,
    pub below: usize,
}

pub fn window(len: usize, h: usize, selected: Option<usize>) -> Window {
    let sel = selected.unwrap_or(0).min(len.saturating_sub(1));
    let plain = |first: usize| Window {
        first,
        shown: len.saturating_sub(first).min(h),
        above: 0,
        below: 0,
    };
    if len <= h {
        return plain(0);
    }
    if h < 3 {
        return plain((sel + 1).saturating_sub(h.max(1)));
    }
    let (first, shown) = if sel < h - 1 {
        (0, h - 1)
    } else if sel >= len - (h - 1) {
        (len - (h - 1), h - 1)
    } else {
        // The selected row last, as the list scrolls down.
        (sel + 2 - (h - 1), h - 2)
    };
    Window {
        first,
        shown,
        above: first,
        below: len - first - shown,
    }
}

/// Draws `rows` under `header` (kept on the first row), scrolled so that row
/// `selected` shows, highlighted across the whole width.
pub fn draw_list(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    header: Option<Line<'_>>,
    rows: &[Line<'_>],
    selected: Option<usize>,
) {
    draw_grouped_list(app, buf, area, header, rows, selected, &[]);
}

/// `draw_list` for a list in sections: the rows in `with_next` (ascending; a
/// section's heading and the blank line above it) are drawn only with the
/// row after them, so a heading never ends the visible rows with its
/// entries out of sight below it, as if it had none; and `↑`/`↓ N more`
/// count entries, not them.
pub fn draw_grouped_list(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    header: Option<Line<'_>>,
    rows: &[Line<'_>],
    selected: Option<usize>,
    with_next: &[usize],
) {
    let h = area.height.saturating_sub(u16::from(header.is_some())) as usize;
    let mut win = window(rows.len(), h, selected);
    let goes_on = |i: usize| with_next.binary_search(&i).is_ok();
    while win.shown > 1 && win.first + win.shown < rows.len() && goes_on(win.first + win.shown - 1)
    {
        win.shown -= 1;
    }
    let entries = |r: std::ops::Range<usize>| r.filter(|&i| !goes_on(i)).count();
    if win.above > 0 {
        win.above = entries(0..win.first);
    }
    if win.below > 0 {
        win.below = entries(win.first + win.shown..rows.len());
    }
    let shown = &rows[win.first..win.first + win.shown];
    let sel = selected.and_then(|s| s.checked_sub(win.first));
    draw_window(app, buf, area, header, shown, win, sel);
}

/// `draw_list` for a list that builds only the rows that show (the pattern
/// view's may be thousands): `shown` are the rows of `win` (from `window`),
/// `selected` counts among them.
pub fn draw_window(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    header: Option<Line<'_>>,
    shown: &[Line<'_>],
    win: Window,
    selected: Option<usize>,
) {
    if area.height == 0 {
        return;
    }
    let mut y = area.y;
    if let Some(h) = header {
        set_line(buf, area.x, y, &h, area.width);
        y += 1;
    }
    let dim = app.theme.dim();
    let more = |buf: &mut Buffer, y: &mut u16, text: String| {
        if *y < area.bottom() {
            buf.set_line(area.x, *y, &Line::styled(text, dim), area.width);
            *y += 1;
        }
    };
    if win.above > 0 {
        more(buf, &mut y, format!("↑ {} more", win.above));
    }
    for (i, line) in shown.iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        if Some(i) == selected {
            let cursor = app.theme.cursor();
            buf.set_style(Rect::new(area.x, y, area.width, 1), cursor);
        }
        set_line(buf, area.x, y, line, area.width);
        y += 1;
    }
    if win.below > 0 {
        // On the last row, below any a heading left.
        let mut y = y.max(area.bottom() - 1);
        more(buf, &mut y, format!("↓ {} more", win.below));
    }
}

/// `Buffer::set_line`, with `…` in the last column when the line is wider
/// than `width`: a cut row or stack line must not read as all there is.
pub fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, width: u16) {
    buf.set_line(x, y, line, width);
    if width > 0 && line.width() > usize::from(width) {
        buf[(x + width - 1, y)].set_symbol("…");
    }
}

/// Draws the details from line `top` (clamped to what there is), with
/// `↑ N more` on the first row when lines are above and `↓ N more` on the
/// last when lines are below; records how far they can scroll for `J`/`K`.
/// `unbuilt`: what exists below the lines given that was not turned into
/// lines (`12 more goroutines`: a group's beyond the screenfuls asked for),
/// said after the count of lines below.
pub fn draw_details(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    lines: &[Line<'_>],
    top: usize,
    unbuilt: Option<String>,
) {
    let h = area.height as usize;
    if h == 0 {
        return;
    }
    // With lines hidden above or below, a row each goes to saying so.
    let fits = lines.len() <= h && unbuilt.is_none();
    let mut max_top = if fits {
        0
    } else {
        lines.len().saturating_sub(h.saturating_sub(2).max(1))
    };
    let top = top.min(max_top);
    if unbuilt.is_some() {
        // One more line down makes the view build more.
        max_top = max_top.max(top + 1);
    }
    app.details_drawn.set(DetailsDrawn { max_top, height: h });
    if fits {
        for (i, line) in lines.iter().enumerate() {
            set_line(buf, area.x, area.y + i as u16, line, area.width);
        }
        return;
    }
    let above = top > 0;
    let body_h = h.saturating_sub(usize::from(above) + 1).max(1);
    let shown = lines.iter().skip(top).take(body_h);
    let mut y = area.y;
    let dim = app.theme.dim();
    if above && h >= 3 {
        let up = keys(app, "details-up");
        let text = format!("↑ {top} more ({up})");
        buf.set_line(area.x, y, &Line::styled(text, dim), area.width);
        y += 1;
    }
    for line in shown {
        set_line(buf, area.x, y, line, area.width);
        y += 1;
    }
    let below = lines.len().saturating_sub(top + body_h);
    if (below > 0 || unbuilt.is_some()) && y < area.bottom() {
        let down = keys(app, "details-down");
        let lines_below = (below > 0).then(|| match below {
            1 => "1 more line".to_string(),
            n => format!("{n} more lines"),
        });
        let more: Vec<String> = lines_below.into_iter().chain(unbuilt).collect();
        let text = format!("↓ {} ({down})", more.join(" and "));
        let y = area.bottom() - 1;
        buf.set_line(area.x, y, &Line::styled(text, dim), area.width);
    }
}

/// The keys of the open view's details command `what` (`details-down`), as
/// the keymap has them now: `J`.
pub fn keys(app: &App, what: &str) -> String {
    let ctx = match app.mode {
        Mode::Silences { .. } => Context::Silences,
        _ => Context::Goroutines,
    };
    let name = format!("{}-{what}", ctx.name());
    let found = app
        .keymap
        .bindings
        .iter()
        .find(|b| b.context == ctx && b.name == name)
        .and_then(|b| b.keys.first());
    found.map_or_else(|| format!(":{name}"), |k| k.name())
}

/// A line in one style, made safe for the terminal (dump and log text can
/// hold escape sequences).
pub fn text_line(text: &str, style: Style) -> Line<'static> {
    Line::from(Span::styled(
        crate::ansi::display_text(text.as_bytes()),
        style,
    ))
}
