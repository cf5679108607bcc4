//! Silences in the TUI: the background analysis, `s`/`S`, separators, the list.

use super::*;
use crate::tui::work::Job;

#[test]
fn s_jumps_to_the_kiosk_client_silence_and_says_what_it_is() {
    let mut app = demo_app(160, 40);
    assert!(app.silences.is_some(), "computed once every source loaded");
    press(&mut app, "s");
    assert_eq!(app.panes[app.focus].name, "kiosk-client");
    assert_eq!(app.cursor, demo_at(14, 31, 7, 219), "its last line");
    assert_eq!(
        message(&app),
        "kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1"
    );
    press(&mut app, "s");
    assert_eq!(message(&app), "no silence after the cursor");
    assert_eq!(app.cursor, demo_at(14, 31, 7, 219), "stays");
    press(&mut app, "GS");
    assert_eq!(app.cursor, demo_at(14, 31, 7, 219), "S walks back to it");
    assert_eq!(app.panes[app.focus].name, "kiosk-client");
    press(&mut app, "S");
    assert_eq!(message(&app), "no silence before the cursor");
}

#[test]
fn at_80_columns_the_status_line_still_says_how_long_and_its_rank() {
    let mut app = demo_app(80, 24);
    press(&mut app, "s");
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    let line = status(&app);
    // The focus names the source and the cursor time is the start, so the
    // date and those give way; the messages view keeps the whole sentence.
    assert!(
        line.starts_with(" 14:31:07.219 UTC │ ▸ kiosk-client (4/5) │ silent 12m16s · rank 1 of 1 "),
        "{line}"
    );
    assert!(!line.contains("more"), "the short form fits: {line}");
    press(&mut app, "!");
    assert!(
        screen(&app).contains("kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1"),
        "{}",
        screen(&app)
    );
    press(&mut app, "!s");
    // The next message has no short form of its own.
    assert_eq!(message(&app), "no silence after the cursor");
    assert!(app.message_short.is_none());
    // Wide enough, the whole sentence and the date show.
    let mut wide = demo_app(160, 40);
    press(&mut wide, "s");
    let line = status(&wide);
    assert!(line.starts_with(" 2026-11-20 14:31:07.219 UTC │"), "{line}");
    assert!(
        line.contains("kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1"),
        "{line}"
    );
}

#[test]
fn the_analysis_waits_for_every_source_and_keeps_only_the_newest() {
    let specs = [spec("api"), spec("db")];
    let mut app = unloaded_app(&["api", "db"]);
    update(&mut app, done(0, &specs[0]));
    let silence_jobs = |app: &mut App| take_jobs(app, |j| matches!(j, Job::Silences { .. }));
    assert!(silence_jobs(&mut app).is_empty(), "db is still loading");
    press(&mut app, "s");
    assert_eq!(message(&app), "silences: still reading the sources");
    update(&mut app, done(1, &specs[1]));
    let first = silence_jobs(&mut app);
    assert_eq!(first.len(), 1);
    // A newer analysis (db reloaded) supersedes the first: its answer is dropped.
    update(&mut app, done(1, &specs[1]));
    let second = silence_jobs(&mut app);
    for job in first {
        update(&mut app, Msg::Work(job.run().expect("runs")));
    }
    assert!(app.silences.is_none(), "a stale answer is dropped");
    for job in second {
        update(&mut app, Msg::Work(job.run().expect("runs")));
    }
    assert!(app.silences.is_some());
}
