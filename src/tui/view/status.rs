//! The bottom line: cursor time with zone, focused source, filters, search,
//! messages and `? help`; or the prompt while one is open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::panes::{clock, date};
use crate::time::format_duration;
use crate::tui::action::PromptKind;
use crate::tui::app::{App, Load, Mode};
use crate::tui::keymap::Context;
use crate::tui::text::{shorten, shorten_before, tail, width};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    if let Mode::Prompt { kind, input, .. } = &app.mode {
        let lead = match kind {
            PromptKind::Command => ":",
            PromptKind::Search => "/",
            PromptKind::Goto => "goto time (17:23, +5m, -30s): ",
        };
        let text = format!("{lead}{input}");
        // Keep the end of a long input visible, and a column for the cursor.
        let w = area.width as usize;
        let shown = tail(&text, w.saturating_sub(1));
        buf.set_stringn(area.x, area.y, shown, w, ratatui::style::Style::new());
        let cx = area.x + width(shown).min(w.saturating_sub(1)) as u16;
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
    let key_of = |name: &str| {
        app.keymap
            .bindings
            .iter()
            .find(|b| b.context == Context::Normal && b.name == name)
            .and_then(|b| b.keys.first())
            .map(|k| k.name())
    };
    let mut right = format!(" {help_key} help ");
    let time = format!(
        " {} {} {}",
        date(app, app.cursor),
        clock(app, app.cursor),
        app.zone.label()
    );
    // Where the line is short of room, the date (every pane's title shows it)
    // gives way first, then the message to its short form.
    let time_of_day = format!(" {} {}", clock(app, app.cursor), app.zone.label());
    // Every source failed: no time to show (the cursor is the epoch's), and
    // each pane says why its source could not be read.
    let none_read =
        !app.panes.is_empty() && app.panes.iter().all(|p| matches!(p.load, Load::Failed(_)));
    let (time, time_of_day) = if none_read {
        let none = " no source could be read".to_string();
        (none.clone(), none)
    } else {
        (time, time_of_day)
    };
    // The essentials come first and always show: time, focus, what is filtered
    // or searched. The last message takes the room that is left, and the help
    // key keeps its place at the right edge.
    let mut context = Vec::new();
    // The parts that give way to a message that does not fit: the focus
    // (its pane's title is highlighted) and the search (each pane's title
    // counts its matches).
    let mut yields = Vec::new();
    if app.merged {
        context.push("merged".to_string());
    } else if let Some(p) = app.panes.get(app.focus) {
        yields.push(1 + context.len());
        context.push(format!(
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
        context.push(format!("indexing {loading} of {}", app.panes.len()));
    }
    let global = app.global_filters.describe();
    if !global.is_empty() {
        context.push(format!("all: {global}"));
    }
    if let Some(re) = &app.search {
        yields.push(1 + context.len());
        context.push(format!("/{}/", re.as_str()));
    }
    let mut parts: Vec<(String, Style)> = vec![(time, th.cursor())];
    parts.extend(context.into_iter().map(|c| (c, th.cursor())));
    if let Some(unsaved) = crate::tui::notes::unsaved_label(app) {
        parts.push((unsaved, th.warning().add_modifier(Modifier::REVERSED)));
    }
    let step = (
        format!("step {}", format_duration(app.step_size())),
        th.cursor(),
    );
    let mut message_at = None;
    let mut mining_at = None;
    if let Some((msg, warn)) = &app.message {
        let style = if *warn {
            th.warning().add_modifier(Modifier::REVERSED)
        } else {
            th.cursor()
        };
        message_at = Some(parts.len());
        parts.push((msg.clone(), style));
        // Mining stays in sight after a message (shorter where room is
        // short): a load warning answers no key, and would hide it until
        // one was pressed.
        if let Some(mining) = app.pattern_work.label() {
            mining_at = Some(parts.len());
            parts.push((mining, th.cursor()));
        }
    } else if let Some(mining) = app.pattern_work.label() {
        parts.push((mining, th.cursor()));
    } else if app.mode == Mode::Normal {
        // The step moves the panes' cursor: over a view it means nothing.
        parts.push(step);
    }
    let bar = Rect::new(area.x, area.y, area.width, 1);
    buf.set_style(bar, th.cursor());
    let w = area.width as usize;
    let room_for = |right: &str| {
        let rw = width(right);
        // On a very narrow terminal the help key gives way to the time.
        if w >= rw + 24 { w - rw } else { w }
    };
    let needed = |parts: &[(String, Style)]| {
        let shown = parts.iter().filter(|(t, _)| !t.is_empty());
        shown.clone().map(|(t, _)| width(t)).sum::<usize>() + 3 * (shown.count() - 1)
    };
    if needed(&parts) > room_for(&right) {
        parts[0].0 = time_of_day;
        if let (Some(k), Some(short)) = (mining_at, app.pattern_work.short_label()) {
            parts[k].0 = short;
        }
        // The message's short form leans on the focus (`silent 12m16s`
        // beside `▸ kiosk-client`): tried first, with it.
        let short = message_at.zip(app.message_short.as_ref());
        let mut fits = false;
        if let Some((k, short)) = short {
            let mut with_short = parts.clone();
            with_short[k].0.clone_from(short);
            fits = needed(&with_short) <= room_for(&right);
            if fits {
                parts = with_short;
            }
        }
        if !fits && message_at.is_some() {
            for &k in &yields {
                if needed(&parts) <= room_for(&right) {
                    break;
                }
                parts[k].0.clear();
            }
        }
    }
    // The message's place once the parts that gave way are gone.
    let message_at =
        message_at.map(|k| k - parts[..k].iter().filter(|(t, _)| t.is_empty()).count());
    parts.retain(|(t, _)| !t.is_empty());
    // A message that will not fit whole points to the messages view.
    if app.message.is_some()
        && app.mode == Mode::Normal
        && needed(&parts) > room_for(&right)
        && let Some(k) = key_of("messages")
    {
        right = format!(" {k} more  {help_key} help ");
    }
    let rw = width(&right);
    let room = room_for(&right);
    let mut x = 0usize;
    for (i, (text, style)) in parts.iter().enumerate() {
        let sep = if i == 0 { "" } else { " │ " };
        let tx = x + width(sep);
        if tx + 1 >= room {
            break;
        }
        // Whole words only: a part that does not fit ends in `…`; the
        // messages view shows it in full. A message's end that says where
        // (" · saved to FILE") stays, what comes before it gives way.
        let end = app.message_end.as_ref().filter(|_| Some(i) == message_at);
        // The message leaves room for what follows it (the mining progress).
        let after: usize = match message_at {
            Some(k) if k == i => parts[i + 1..].iter().map(|(t, _)| width(t) + 3).sum(),
            _ => 0,
        };
        let max = (room - tx).saturating_sub(after).max(1);
        let text = match end {
            Some((lead, path)) if text.ends_with(&format!("{lead}{path}")) => {
                let head = &text[..text.len() - lead.len() - path.len()];
                shorten_before(head, lead, path, max)
            }
            _ => shorten(text, max),
        };
        buf.set_stringn(area.x + x as u16, area.y, sep, room - x, th.cursor());
        buf.set_stringn(area.x + tx as u16, area.y, &text, room - tx, *style);
        x = tx + width(&text);
    }
    if room < w {
        buf.set_stringn(
            area.x + (w - rw) as u16,
            area.y,
            &right,
            rw,
            th.cursor().add_modifier(Modifier::BOLD),
        );
    }
}
