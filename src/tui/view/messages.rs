//! `!`: the latest messages in full, newest first, wrapped at word boundaries
//! (the status line shows only the last one, shortened to fit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::tui::app::App;
use crate::tui::overlay::message_lines;

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 4 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let lines = message_lines(app, body.width as usize);
    let h = body.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(h));
    for (i, (text, style)) in lines.iter().skip(scroll).take(h).enumerate() {
        buf.set_stringn(body.x, body.y + i as u16, text, body.width as usize, *style);
    }
}
