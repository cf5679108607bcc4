//! Drawing: a pure function of `App`. Panes ask only for the rows they show.

mod editor;
mod goroutines;
mod help;
mod list_details;
mod messages;
mod notes;
pub use crate::tui::overlay::help_lines;
pub mod overview;
mod palette;
mod pane_lines;
mod panes;
mod patterns;
mod silence_lines;
mod silences;
mod status;

use ratatui::Frame;

use super::app::{App, Mode};
use super::layout::areas;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let a = areas(app, area);
    if a.status.height == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    overview::render(app, a.overview, buf);
    for &(p, r) in &a.panes {
        if app.merged {
            panes::render_merged(app, r, buf);
        } else {
            panes::render_pane(app, p, r, buf);
        }
    }
    for s in &a.separators {
        for y in s.top()..s.bottom() {
            buf[(s.x, y)].set_symbol("│").set_style(app.theme.dim());
        }
    }
    status::render(app, a.status, buf);
    view(app, &app.mode, area, buf);
    // The command line opened over a list view (on the status line, which
    // views leave): the view under it.
    if let Mode::Prompt { over: Some(v), .. } = &app.mode {
        view(app, v, area, buf);
    }
}

/// A view drawn over the panes, for `mode`.
fn view(app: &App, mode: &Mode, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    match mode {
        Mode::Help(list) => help::render(app, list.selected, area, buf),
        Mode::Palette { input, list } => palette::render(app, input, list.selected, area, buf),
        Mode::Messages(list) => messages::render(app, list.selected, area, buf),
        Mode::Silences { list, by_time } => silences::render(app, *list, *by_time, area, buf),
        Mode::NoteEditor(e) => editor::render(app, e, area, buf),
        Mode::Notes(l) => notes::render(app, l, area, buf),
        Mode::Patterns(v) => patterns::render(app, v, area, buf),
        Mode::Goroutines(v) => goroutines::render(app, v, area, buf),
        Mode::Normal | Mode::Prompt { .. } => {}
    }
}
