//! Silences in the TUI: the background analysis, `s`/`S`, separators, the list.

use super::*;
use crate::time::civil_to_nanos;
use crate::tui::update::take_effects;
use crate::tui::work::Job;

fn demo_at(h: u32, m: u32, s: u32, ms: u32) -> i64 {
    civil_to_nanos(2026, 11, 20, h, m, s, ms * 1_000_000).expect("valid time")
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

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
fn the_analysis_waits_for_every_source_and_keeps_only_the_newest() {
    let specs = [spec("api"), spec("db")];
    let view = crate::tui::ViewOptions {
        since: None,
        until: None,
        display_zone: crate::index::Zone::Fixed(0),
        asked: None,
        config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
    };
    let mut app = crate::tui::new_app(vec!["api".into(), "db".into()], &view, true);
    let done = |id: usize| {
        Msg::Load(Box::new(LoadEvent::Done {
            id,
            source: Box::new(load(&specs[id])),
        }))
    };
    update(&mut app, done(0));
    let silence_jobs = |app: &mut App| {
        take_effects(app)
            .jobs
            .into_iter()
            .filter(|j| matches!(j, Job::Silences { .. }))
            .collect::<Vec<_>>()
    };
    assert!(silence_jobs(&mut app).is_empty(), "db is still loading");
    press(&mut app, "s");
    assert_eq!(message(&app), "silences: still reading the sources");
    update(&mut app, done(1));
    let first = silence_jobs(&mut app);
    assert_eq!(first.len(), 1);
    // A newer analysis (db reloaded) supersedes the first: its answer is dropped.
    update(&mut app, done(1));
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
