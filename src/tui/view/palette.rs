//! The command palette popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::app::App;
use crate::tui::palette::entries;
use crate::tui::text::{pad, width};

pub fn render(app: &App, input: &str, selected: usize, area: Rect, buf: &mut Buffer) {
    // Wide enough on a wide screen for the longest description beside its
    // name and keys.
    let w = area.width.saturating_sub(4).min(160);
    let h = area.height.saturating_sub(4).min(18);
    if w < 10 || h < 4 {
        return;
    }
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 2, w, h);
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" command palette: type to filter, enter runs, esc closes ");
    let inner = block.inner(r);
    block.render(r, buf);
    let th = &app.theme;
    buf.set_stringn(
        inner.x,
        inner.y,
        format!("> {input}"),
        inner.width as usize,
        ratatui::style::Style::new(),
    );
    let list = entries(app, input);
    let rows = inner.height.saturating_sub(1) as usize;
    let sel = selected.min(list.len().saturating_sub(1));
    let first = sel.saturating_sub(rows.saturating_sub(1));
    for (i, e) in list.iter().enumerate().skip(first).take(rows) {
        let y = inner.y + 1 + (i - first) as u16;
        // Entries without keys (patterns, sources) give the label the room.
        let text = if e.keys.is_empty() && width(&e.label) > 24 {
            let room = (inner.width as usize).saturating_sub(width(&e.description) + 1);
            format!("{} {}", pad(&e.label, room.max(24)), e.description)
        } else {
            format!(
                "{} {} {}",
                pad(&e.label, 24),
                pad(&e.keys, 12),
                e.description
            )
        };
        let style = if i == sel {
            th.cursor()
        } else {
            ratatui::style::Style::new()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        let text = crate::tui::text::cut(&text, inner.width as usize);
        buf.set_stringn(inner.x, y, text, inner.width as usize, style);
    }
}
