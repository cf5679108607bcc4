//! The text of the help (`?`) and messages (`!`) overlays, shared by
//! `update/`, which keeps their scroll within it, and `view/`, which draws it.

use ratatui::style::{Modifier, Style};

use super::app::{App, Mode};
use super::cmdline::COMMANDS;
use super::keymap::Context;
use super::text::wrap;

/// Every binding and command, generated from the keymap table the input
/// handler uses: (text, heading).
pub fn help_lines(app: &App) -> Vec<(String, bool)> {
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

/// The latest messages in full, newest first, wrapped to `width` columns.
pub fn message_lines(app: &App, width: usize) -> Vec<(String, Style)> {
    let th = &app.theme;
    let mut lines: Vec<(String, Style)> = vec![(
        "messages, newest first (j/k scroll, ! or q closes)".into(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    if app.messages.is_empty() {
        lines.push(("  (none yet)".into(), th.dim()));
    }
    let w = width.saturating_sub(2);
    for (msg, warn) in app.messages.iter().rev() {
        let style = if *warn { th.warning() } else { Style::new() };
        for (i, l) in wrap(msg, w).into_iter().enumerate() {
            let lead = if i == 0 { "• " } else { "  " };
            lines.push((format!("{lead}{l}"), style));
        }
    }
    lines
}

/// The overlays cover the screen above the status line.
fn body_height(app: &App) -> usize {
    usize::from(app.size.1.saturating_sub(1))
}

/// The first line an overlay can show at the top, its last screenful's: how
/// far it scrolls. None in other modes.
pub fn max_scroll(app: &App) -> Option<usize> {
    let lines = match app.mode {
        Mode::Help(_) => help_lines(app).len(),
        Mode::Messages(_) => message_lines(app, usize::from(app.size.0)).len(),
        _ => return None,
    };
    Some(lines.saturating_sub(body_height(app)))
}
