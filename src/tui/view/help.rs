//! `?`: every binding, generated from the keymap table the input handler uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Clear, Widget};

use crate::tui::app::App;
use crate::tui::cmdline::COMMANDS;
use crate::tui::keymap::Context;

pub fn lines(app: &App) -> Vec<(String, bool)> {
    let mut out = vec![
        (
            "casefile keys: j/k scroll, ? or q closes; rebind in the config file's [keys] by command name".to_string(),
            true,
        ),
        (String::new(), false),
    ];
    for ctx in [
        Context::Normal,
        Context::Prompt,
        Context::Palette,
        Context::Help,
        Context::Messages,
        Context::Silences,
        Context::Editor,
        Context::Notes,
        Context::Patterns,
        Context::Goroutines,
    ] {
        out.push((format!("{} mode", ctx.name()), true));
        for b in app.keymap.bindings.iter().filter(|b| b.context == ctx) {
            let keys = app.keymap.keys_of(b);
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys
            };
            out.push((
                format!("  {keys:<22} {:<18} {}", b.name, b.description),
                false,
            ));
        }
        out.push((String::new(), false));
    }
    out.push((
        ":commands (also every command name above)".to_string(),
        true,
    ));
    for c in COMMANDS {
        out.push((format!("  :{:<26} {}", c.usage(), c.description), false));
    }
    out
}

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width == 0 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let all = lines(app);
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
