//! The notes list (`'`, `:notes`): each note on two lines — its time, source,
//! tags and first line of text; then what it points at (the quoted record, a
//! range's end and the record at its start, a silence, a goroutine group),
//! detached notes marked as such.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::ansi::display_text;
use crate::timeparse::to_wall;
use crate::tui::app::App;
use crate::tui::notes::{NotesList, clock, describe_target, quoted, sorted, tags_apart, time_of};
use crate::tui::text::cut;

pub fn render(app: &App, l: &NotesList, area: Rect, buf: &mut Buffer) {
    if area.height < 6 || area.width < 24 {
        return;
    }
    let r = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(r, buf);
    let by = if l.by_created { "creation" } else { "time" };
    let title =
        format!(" notes by {by}: Enter goes to it · e edits · d d deletes · s sorts · ' closes ");
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(r);
    block.render(r, buf);
    let th = &app.theme;
    let w = inner.width as usize;
    let notes = sorted(app, l.by_created);
    if notes.is_empty() {
        let hint = if app.case.is_some() {
            "no notes yet: press a on a record (A: a time range) to write one"
        } else {
            "no case file in this session: notes are not kept"
        };
        buf.set_stringn(inner.x, inner.y, hint, w, th.dim());
        return;
    }
    let per_page = (inner.height as usize / 2).max(1);
    let sel = l.list.selected.min(notes.len() - 1);
    let first = sel.saturating_sub(per_page - 1);
    for (k, n) in notes.iter().enumerate().skip(first).take(per_page) {
        let y = inner.y + 2 * (k - first) as u16;
        let when = time_of(app, n).map_or_else(
            || "--:--:--.---".to_string(),
            |t| to_wall(t, &app.zone).format("%H:%M:%S%.3f").to_string(),
        );
        let source = n
            .source
            .as_deref()
            .or(n.anchor.as_ref().map(|a| a.source.as_str()))
            .unwrap_or("-");
        let text = display_text(n.text.lines().next().unwrap_or("").as_bytes());
        let more = if n.text.lines().count() > 1 {
            " …"
        } else {
            ""
        };
        let head_style = if k == sel { th.cursor() } else { Style::new() };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), head_style);
        let mut x = inner.x;
        for (s, st) in [
            (format!("{when} "), head_style.patch(th.fg(th.time))),
            (
                format!("{source} "),
                head_style.add_modifier(Modifier::BOLD),
            ),
            (
                format!("{} ", tags_apart(n, &text)),
                head_style.patch(th.note()),
            ),
            (format!("{text}{more}"), head_style),
        ] {
            let left = (inner.x + inner.width).saturating_sub(x) as usize;
            if left == 0 || s.trim().is_empty() {
                continue;
            }
            let s = cut(&s, left);
            buf.set_stringn(x, y, &s, left, st);
            x += crate::tui::text::width(&s) as u16;
        }
        let detached = app.notes.is_detached(&n.id);
        // The header has the time and source already: a record is quoted alone.
        let row = app.notes.rows.get(&n.id).copied().flatten();
        let target = match (row, &n.about, n.at, n.until) {
            (Some(at), None, _, None) => quoted(app, at),
            // A range on the record at its start: its end, then the record.
            (Some(at), None, Some(a), Some(u)) => format!(
                "range → {} ({}) │ {}",
                clock(app, u),
                crate::time::format_duration(u - a),
                quoted(app, at)
            ),
            _ => describe_target(app, n),
        };
        let line = format!("  └ {}", display_text(target.as_bytes()));
        let style = if detached { th.warning() } else { th.dim() };
        if y + 1 < inner.y + inner.height {
            buf.set_stringn(inner.x, y + 1, cut(&line, w), w, style);
        }
        if l.armed_delete.as_deref() == Some(n.id.as_str()) {
            let ask = " press d again to delete ";
            let ax = inner.x + inner.width.saturating_sub(ask.len() as u16);
            buf.set_stringn(ax, y, ask, ask.len(), th.warning());
        }
    }
}
