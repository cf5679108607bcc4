//! When a goroutine group's longest wait began (the dump's time known): said
//! in the view's details, and `w` takes the panes there.

use super::goroutines::{demo_with_dump, instant};
use super::*;
use crate::tui::app::Mode;

/// The selected group's details say when its longest wait began, in the
/// zone times are shown in: the push service's waiters got stuck as the
/// kiosk went quiet (14:31:07), which the minutes alone did not show.
#[test]
fn the_details_say_when_the_longest_wait_began() {
    let mut specs = demo_specs();
    specs[1].settings.time = Some(instant("2026-11-20T14:35:20Z"));
    let mut app = loaded(specs, 80, 24, true);
    press(&mut app, ":focus goroutines<enter>d");
    assert!(
        screen(&app).contains(" longest wait began 2026-11-20 14:30:20–14:31:20 UTC"),
        "{}",
        screen(&app)
    );
}

/// `w` in the goroutine view: the panes go to when the selected group's
/// longest wait began (the earlier end of its minute), to read what the
/// logs said as the goroutines got stuck; the status line says so.
#[test]
fn w_goes_to_when_the_selected_groups_wait_began() {
    let mut specs = demo_specs();
    specs[1].settings.time = Some(instant("2026-11-20T14:35:20Z"));
    let mut app = loaded(specs, 80, 24, true);
    press(&mut app, ":focus goroutines<enter>dw");
    assert_eq!(app.mode, Mode::Normal, "back to the panes");
    assert_eq!(app.cursor, instant("2026-11-20T14:30:20Z"));
    assert!(
        message(&app).contains("69 goroutines in main.(*Hub).Push began waiting"),
        "{}",
        message(&app)
    );
    assert!(
        screen(&app).contains(" 14:30:19.738 INF [render]"),
        "{}",
        screen(&app)
    );
}

/// `w` on a group that waited under a minute (the runtime prints no wait)
/// says so and leaves the view and the cursor as they were.
#[test]
fn w_on_a_wait_under_a_minute_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dump = dir.path().join("goroutines.txt");
    std::fs::write(
        &dump,
        "goroutine 7 [chan receive]:\nmain.worker()\n\t/a/main.go:9 +0x20\n\
         created by main.main\n\t/a/main.go:5 +0x30\n",
    )
    .expect("write");
    let mut app = demo_with_dump(dump, Some("2026-11-20T14:35:20Z"), 80, 24);
    press(&mut app, ":focus goroutines<enter>d");
    let cursor = app.cursor;
    press(&mut app, "w");
    assert!(matches!(app.mode, Mode::Goroutines(_)), "{:?}", app.mode);
    assert_eq!(app.cursor, cursor);
    assert_eq!(
        message(&app),
        "this group waited under a minute (the dump prints no wait)"
    );
}
