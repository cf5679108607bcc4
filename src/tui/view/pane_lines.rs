//! A pane's lines laid out around its cursor row, and drawn: the cursor row
//! at mid-height with rows before it above and after it below, and a
//! cursor record the pane's bottom cuts marked so.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::panes::Out;
use crate::tui::app::App;
use crate::tui::text::width;

/// Lays out lines: the cursor row at mid-height (or higher near the start),
/// rows before it above, rows after it below.
pub(super) fn fill(
    h: usize,
    cursor: Vec<Out>,
    mut above: impl FnMut() -> Option<Vec<Out>>,
    mut below: impl FnMut() -> Option<Vec<Out>>,
) -> (Vec<Out>, bool) {
    let mut cursor = cursor;
    // In a short pane the cursor row itself comes before the lines around it
    // (a date line, a "quiet for" note).
    while cursor.len() > h && cursor.first().is_some_and(|(_, cur)| !cur) {
        cursor.remove(0);
    }
    // Rows above take at most half the pane and leave the cursor block whole.
    let target = (h / 2).min(h.saturating_sub(cursor.len()));
    let mut up: std::collections::VecDeque<Out> = Default::default();
    while up.len() < target {
        let Some(ls) = above() else { break };
        for l in ls.into_iter().rev() {
            up.push_front(l);
        }
    }
    while up.len() > target {
        up.pop_front();
    }
    let mut out: Vec<Out> = up.into();
    let cursor_end = out.len()
        + cursor
            .iter()
            .rposition(|(_, cur)| *cur)
            .map_or(0, |i| i + 1);
    out.extend(cursor);
    while out.len() < h {
        let Some(ls) = below() else { break };
        out.extend(ls);
    }
    out.truncate(h);
    // The cursor record cut by the pane's bottom (a wrapped line in a pane
    // of one row): its last row shown says that it goes on.
    (out, cursor_end > h)
}

/// Draws `lines` from the top of `area`; `cut`: the last one's record goes
/// on below the area, and it ends in `…` to say so.
pub(super) fn draw_lines(
    app: &App,
    (lines, cut): (Vec<Out>, bool),
    area: Rect,
    buf: &mut Buffer,
    focused: bool,
) {
    let cursor_style = if focused {
        app.theme
            .cursor()
            .add_modifier(ratatui::style::Modifier::BOLD)
    } else {
        app.theme.cursor()
    };
    let n = lines.len();
    for (i, (line, is_cursor)) in lines.into_iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        let row = Rect::new(area.x, y, area.width, 1);
        buf.set_line(area.x, y, &line, area.width);
        if cut && i + 1 == n {
            mark_cut(buf, row, line.width());
        }
        if is_cursor {
            buf.set_style(row, cursor_style);
        }
    }
}

/// `…` after a row's text (`used` columns), or over its last column when
/// the text fills it; a row already ending in `…` is left as it is.
fn mark_cut(buf: &mut Buffer, row: Rect, used: usize) {
    if row.width == 0 {
        return;
    }
    let last = row.x + (used.min(row.width as usize) as u16).saturating_sub(1);
    if used > 0 && buf[(last, row.y)].symbol() == "…" {
        return;
    }
    let x = if used < row.width as usize {
        row.x + used as u16
    } else {
        // A wide character whose second half the mark would take gives way.
        if row.width >= 2 && width(buf[(row.right() - 2, row.y)].symbol()) > 1 {
            buf[(row.right() - 2, row.y)].set_symbol(" ");
        }
        row.right() - 1
    };
    buf[(x, row.y)].set_symbol("…");
}
