//! The separator lines that mark silences inside the panes and the merged
//! view (`┄┄ silent 1m20s ┄┄`), and the cursor's "quiet for" note folded
//! into the one it falls in.

use ratatui::text::{Line, Span};

use super::panes::clock;
use crate::silence::Silence;
use crate::time::format_duration;
use crate::tui::app::App;

/// What a separator says; `name` (the merged view) says whose silence it is.
pub fn text(app: &App, s: &Silence, name: Option<&str>) -> String {
    let who = name.map_or_else(String::new, |n| format!("{n} "));
    let len = format_duration(s.gap.duration());
    if s.open() {
        format!(
            "{who}silent since {} (never came back: {len} to the end)",
            clock(app, s.gap.start)
        )
    } else {
        format!("{who}silent {len}")
    }
}

/// Separator lines for `list` (silences below one row, earliest first).
/// `cursor_quiet`: the cursor's "quiet for" in this pane, said on the
/// separator of the silence the cursor is in. Returns the lines and whether
/// that note found its silence among them.
pub fn lines(
    app: &App,
    list: &[&Silence],
    name: Option<&str>,
    cursor_quiet: Option<i64>,
) -> (Vec<(Line<'static>, bool)>, bool) {
    let mut told = false;
    let out = list
        .iter()
        .map(|s| {
            let mut t = text(app, s, name);
            if let Some(q) = cursor_quiet
                && s.gap.start < app.cursor
                && app.cursor < s.gap.end
            {
                told = true;
                t.push_str(&format!(
                    " · quiet for {} at the cursor {}",
                    format_duration(q),
                    clock(app, app.cursor)
                ));
            }
            let line = Line::from(Span::styled(format!(" ┄┄ {t} ┄┄"), app.theme.warning()));
            (line, false)
        })
        .collect();
    (out, told)
}
