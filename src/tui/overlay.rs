//! The text of the help (`?`) and messages (`!`) overlays, shared by
//! `update/`, which keeps their scroll within it, and `view/`, which draws it.

use ratatui::style::{Modifier, Style};

use super::app::{App, Mode};
use super::cmdline::COMMANDS;
use super::keymap::Context;
use super::text::width as cols;
use super::text::wrap;

/// Every binding and command, generated from the keymap table the input
/// handler uses, wrapped to the screen's width: (text, heading).
pub fn help_lines(app: &App) -> Vec<(String, bool)> {
    let width = match usize::from(app.size.0) {
        0 => usize::MAX,
        w => w,
    };
    let mut out = Vec::new();
    let heading = |out: &mut Vec<(String, bool)>, text: &str| {
        out.extend(hang("", text, width).into_iter().map(|l| (l, true)));
    };
    heading(
        &mut out,
        "casefile keys: j/k scroll, ? or q closes; rebind in the config file's [keys] by command name",
    );
    out.push((String::new(), false));
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
        heading(&mut out, &format!("{} mode", ctx.name()));
        let rows: Vec<_> = app
            .keymap
            .bindings
            .iter()
            .filter(|b| b.context == ctx)
            .map(|b| {
                let keys = app.keymap.keys_of(b);
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys
                };
                (keys, b)
            })
            .collect();
        // Columns as wide as this mode's longest keys and name, so every
        // description starts in one column (names such as
        // goroutines-details-page-down pushed theirs out of line).
        let kw = rows.iter().map(|(k, _)| cols(k)).max().unwrap_or(0).max(8);
        let nw = rows.iter().map(|(_, b)| cols(b.name)).max().unwrap_or(0);
        for (keys, b) in rows {
            let lead = format!(
                "  {keys}{} {}{} ",
                " ".repeat(kw - cols(&keys)),
                b.name,
                " ".repeat(nw - cols(b.name))
            );
            out.extend(
                hang(&lead, b.description, width)
                    .into_iter()
                    .map(|l| (l, false)),
            );
        }
        out.push((String::new(), false));
    }
    heading(&mut out, ":commands (also every command name above)");
    for c in COMMANDS {
        let lead = format!("  :{:<26} ", c.usage());
        out.extend(
            hang(&lead, c.description, width)
                .into_iter()
                .map(|l| (l, false)),
        );
    }
    out
}

/// The line of `help_lines` that heads `ctx`'s keys.
pub fn help_heading(app: &App, ctx: Context) -> Option<usize> {
    let heading = format!("{} mode", ctx.name());
    help_lines(app)
        .iter()
        .position(|(l, h)| *h && *l == heading)
}

/// `lead` then `text` in lines of at most `width` columns: the text wrapped
/// under its own column, or, when that column leaves it too little room (a
/// narrow screen), under the lead on lines of its own.
fn hang(lead: &str, text: &str, width: usize) -> Vec<String> {
    const NARROWEST: usize = 20;
    let lw = super::text::width(lead);
    if lw + super::text::width(text) <= width {
        return vec![format!("{lead}{text}")];
    }
    if width >= lw + NARROWEST {
        let pad = " ".repeat(lw);
        return wrap(text, width - lw)
            .into_iter()
            .enumerate()
            .map(|(i, l)| format!("{}{l}", if i == 0 { lead } else { &pad }))
            .collect();
    }
    let indent = if lead.is_empty() { 0 } else { 6.min(width / 4) };
    let pad = " ".repeat(indent);
    let mut lines: Vec<String> = if lead.trim().is_empty() {
        Vec::new()
    } else {
        wrap(lead.trim_end(), width)
    };
    lines.extend(
        wrap(text, width - indent)
            .into_iter()
            .map(|l| format!("{pad}{l}")),
    );
    lines
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
