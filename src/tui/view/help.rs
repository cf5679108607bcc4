//! `?`: every binding, generated from the keymap table the input handler uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Clear, Widget};

use crate::tui::app::App;
use crate::tui::overlay::help_lines;

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width == 0 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let all = help_lines(app);
    let h = body.height as usize;
    let scroll = scroll.min(all.len().saturating_sub(h));
    for (i, (text, heading)) in all.iter().skip(scroll).take(h).enumerate() {
        let style = if *heading {
            ratatui::style::Style::new().add_modifier(Modifier::BOLD)
        } else {
            ratatui::style::Style::new()
        };
        buf.set_stringn(body.x, body.y + i as u16, text, body.width as usize, style);
    }
}
