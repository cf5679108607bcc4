//! The bottom line: cursor time with zone, focused source, filters, search,
//! messages and `? help`; or the prompt while one is open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::panes::{clock, date};
use crate::time::format_duration;
use crate::tui::action::PromptKind;
use crate::tui::app::{App, Load, Mode};
use crate::tui::keymap::Context;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    if let Mode::Prompt { kind, input } = &app.mode {
        let lead = match kind {
            PromptKind::Command => ":",
            PromptKind::Search => "/",
            PromptKind::Goto => "goto time (17:23, +5m, -30s): ",
        };
        let text = format!("{lead}{input}");
        // Keep the end of a long input visible.
        let w = area.width as usize;
        let n = text.chars().count();
        let shown: String = text.chars().skip((n + 1).saturating_sub(w)).collect();
        buf.set_stringn(area.x, area.y, &shown, w, ratatui::style::Style::new());
        let cx = area.x + shown.chars().count().min(w.saturating_sub(1)) as u16;
        if cx < area.right() {
            buf[(cx, area.y)].set_symbol(" ").set_style(th.cursor());
        }
        return;
    }
    let help_key = app
        .keymap
        .bindings
        .iter()
        .find(|b| b.context == Context::Normal && b.name == "help")
        .and_then(|b| b.keys.first())
        .map_or_else(|| ":help".to_string(), |k| k.name());
    let right = format!(" {help_key} help ");
    let mut parts = vec![format!(
        " {} {} {}",
        date(app, app.cursor),
        clock(app, app.cursor),
        app.zone.label()
    )];
    parts.push(format!("step {}", format_duration(app.step_size())));
    if app.merged {
        parts.push("merged".into());
    } else if let Some(p) = app.panes.get(app.focus) {
        parts.push(format!(
            "▸ {} ({}/{})",
            p.name,
            app.focus + 1,
            app.panes.len()
        ));
    }
    let loading = app
        .panes
        .iter()
        .filter(|p| matches!(p.load, Load::Opening | Load::Indexing { .. }))
        .count();
    if loading > 0 {
        parts.push(format!("indexing {loading} of {}", app.panes.len()));
    }
    let global = app.global_filters.describe();
    if !global.is_empty() {
        parts.push(format!("all: {global}"));
    }
    if let Some(re) = &app.search {
        parts.push(format!("/{}/", re.as_str()));
    }
    let left = parts.join(" │ ");
    let bar = Rect::new(area.x, area.y, area.width, 1);
    buf.set_style(bar, th.cursor().remove_modifier(Modifier::BOLD));
    let w = area.width as usize;
    let rw = right.chars().count();
    let used = left.chars().count();
    buf.set_stringn(area.x, area.y, &left, w, th.cursor());
    if let Some((msg, warn)) = &app.message {
        let x = used + 3;
        if x + 4 < w.saturating_sub(rw) {
            let style = if *warn {
                th.warning().add_modifier(Modifier::REVERSED)
            } else {
                th.cursor()
            };
            buf.set_stringn(area.x + x as u16, area.y, msg, w - rw - x, style);
        }
    }
    if w > rw + used {
        buf.set_stringn(
            area.x + (w - rw) as u16,
            area.y,
            &right,
            rw,
            th.cursor().add_modifier(Modifier::BOLD),
        );
    }
}
