//! `:` in a list view: the command line opens over the view. It was a key
//! of the panes there, so what was typed after it ran as the view's keys
//! (`:report kern.log` in the goroutine view: `n` opened a note that took
//! `.log` as its text). Esc closes the line back to the view as it was; a
//! command runs and the view comes back, unless the command opened another.

use super::*;
use crate::tui::app::Mode;

/// The keys that open a list view, its name and a check that it is the one open.
type View = (&'static str, &'static str, fn(&Mode) -> bool);

fn views() -> [View; 4] {
    [
        (":focus goroutines<enter>dj", "goroutines", |m| {
            matches!(m, Mode::Goroutines(_))
        }),
        ("Qj", "silences", |m| matches!(m, Mode::Silences { .. })),
        ("pj", "patterns", |m| matches!(m, Mode::Patterns(_))),
        ("'", "notes", |m| matches!(m, Mode::Notes(_))),
    ]
}

#[test]
fn colon_in_a_list_view_opens_the_command_line_over_it() {
    let mut app = demo_app(80, 24);
    for (open, name, is_view) in views() {
        press(&mut app, open);
        assert!(is_view(&app.mode), "{name}: {:?}", app.mode);
        let view = app.mode.clone();
        press(&mut app, ":report kern.log");
        let Mode::Prompt { input, over, .. } = &app.mode else {
            panic!("{name}: no command line: {:?}", app.mode);
        };
        assert_eq!(input, "report kern.log", "{name}: the keys were typed");
        assert_eq!(over.as_deref(), Some(&view), "{name}: the view under it");
        let bottom = screen(&app).lines().last().unwrap_or_default().to_string();
        assert!(bottom.starts_with(":report kern.log"), "{name}: {bottom}");
        // The view is drawn under the line.
        assert!(screen(&app).contains(name), "{name}: {}", screen(&app));
        press(&mut app, "<esc>");
        assert_eq!(
            app.mode, view,
            "{name}: Esc goes back to the view as it was"
        );
        // A command runs and the view comes back.
        let at = app.cursor;
        press(&mut app, ":goto +5m<enter>");
        assert_eq!(app.cursor, at + 300 * crate::time::NANOS_PER_SEC, "{name}");
        assert!(
            is_view(&app.mode),
            "{name}: back in the view: {:?}",
            app.mode
        );
        press(&mut app, ":goto -5m<enter>");
        // Leaving the view for another: the other stays open.
        let other = if name == "silences" {
            "patterns"
        } else {
            "silences"
        };
        press(&mut app, &format!(":{other}<enter>"));
        assert!(
            !is_view(&app.mode),
            "{name}: {other} opened: {:?}",
            app.mode
        );
        app.mode = Mode::Normal;
    }
    // The panes' `:` is as it was: Esc back to the panes.
    press(&mut app, ":goto +1m<esc>");
    assert_eq!(app.mode, Mode::Normal);
}

/// The line over the goroutine view at 80×24: the view as it was, the
/// typed command alone on the bottom row (nothing of the view's own last
/// row left beside it).
#[test]
fn the_command_line_over_the_goroutine_view() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus goroutines<enter>dj:goto +1");
    insta::assert_snapshot!(snapshot(&app));
}
