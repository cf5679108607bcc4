//! `!`: the latest messages in full, newest first, wrapped at word boundaries
//! (the status line shows only the last one, shortened to fit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use crate::tui::app::App;
use crate::tui::text::wrap;

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 4 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let th = &app.theme;
    let mut lines: Vec<(String, Style)> = vec![(
        "messages, newest first (j/k scroll, ! or q closes)".into(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    if app.messages.is_empty() {
        lines.push(("  (none yet)".into(), th.dim()));
    }
    let w = body.width as usize - 2;
    for (msg, warn) in app.messages.iter().rev() {
        let style = if *warn { th.warning() } else { Style::new() };
        for (i, l) in wrap(msg, w).into_iter().enumerate() {
            let lead = if i == 0 { "• " } else { "  " };
            lines.push((format!("{lead}{l}"), style));
        }
    }
    let h = body.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(h));
    for (i, (text, style)) in lines.iter().skip(scroll).take(h).enumerate() {
        buf.set_stringn(body.x, body.y + i as u16, text, body.width as usize, *style);
    }
}
