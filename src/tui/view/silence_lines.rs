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

/// Separator lines for `list` (silences below one row, earliest first), in
/// `width` columns. `cursor_quiet`: the cursor's "quiet for" in this pane,
/// said on the separator of the silence the cursor is in. Returns the lines
/// and whether that note found its silence among them.
pub fn lines(
    app: &App,
    list: &[&Silence],
    name: Option<&str>,
    cursor_quiet: Option<i64>,
    width: usize,
) -> (Vec<(Line<'static>, bool)>, bool) {
    let mut told = false;
    let out = list
        .iter()
        .map(|s| {
            let t = text(app, s, name);
            let quiet = cursor_quiet
                .filter(|_| s.gap.start < app.cursor && app.cursor < s.gap.end)
                .map(|q| {
                    told = true;
                    let q = format!(" · quiet for {}", format_duration(q));
                    let at = format!(" at the cursor {}", clock(app, app.cursor));
                    (q, at)
                });
            let line = Line::from(Span::styled(
                separator(&t, quiet, width),
                app.theme.warning(),
            ));
            (line, false)
        })
        .collect();
    (out, told)
}

/// The cursor's "quiet for" on a line of its own, when its silence lies
/// among rows a filter hides, in `width` columns: shortened as a separator
/// is, the cursor's time first.
pub fn cursor_quiet(app: &App, quiet: i64, width: usize) -> String {
    let text = format!("quiet for {}", format_duration(quiet));
    let at = format!(" at the cursor {}", clock(app, app.cursor));
    separator(&text, Some((String::new(), at)), width)
}

/// ` ┄┄ {text}{quiet}{at} ┄┄` in `width` columns: where it is too long, the
/// cursor's time goes first (the status line shows it), then the text gives
/// way at a word to `…`, so that what shows is never cut mid-word.
fn separator(text: &str, quiet: Option<(String, String)>, width: usize) -> String {
    use crate::tui::text::{shorten, width as cols};
    let frame = |t: &str| format!(" ┄┄ {t} ┄┄");
    let (q, at) = quiet.unwrap_or_default();
    let whole = format!("{text}{q}{at}");
    if cols(&frame(&whole)) <= width {
        return frame(&whole);
    }
    let room = width.saturating_sub(cols(&frame("")));
    let without_at = format!("{text}{q}");
    if cols(&without_at) <= room {
        return frame(&without_at);
    }
    // The quiet note is the row's own news: it stays whole when the text
    // before it can give way.
    let head = shorten(text, room.saturating_sub(cols(&q)));
    if !q.is_empty() && cols(&head) > 1 {
        return frame(&format!("{head}{q}"));
    }
    frame(&shorten(&without_at, room))
}
