//! Search across panes: where the cursor lands, and how `n`/`N` walk.

use super::*;
use crate::tui::action::{Action, Dir};
use crate::tui::update::apply;
use crate::tui::work::WorkDone;

#[test]
fn search_lands_on_the_nearest_match_in_any_pane() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    assert_eq!(spot(&app), (0, 0));
    // Only db says "ready": the cursor goes there although api has the focus.
    press(&mut app, "/ready<enter>");
    assert_eq!(spot(&app), (1, 0));
    assert_eq!(app.cursor, fixture_at(17, 20, 2, 500));
    assert_eq!(message(&app), "db: match 1/2");
}

#[test]
fn search_counts_the_cursor_time_and_looks_forward_first() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::GotoTime(fixture_at(17, 23, 5, 100)));
    press(&mut app, "/timeout|ready<enter>");
    // api's 17:23:05.100 record is at the cursor: it counts, db's earlier one does not.
    assert_eq!(spot(&app), (0, 5));
    assert_eq!(message(&app), "api: match 1/2 · 4 in 2 panes");
}

#[test]
fn n_and_shift_n_walk_every_pane_in_time_order() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    press(&mut app, "/timeout|ready<enter>");
    let mut seen = vec![spot(&app)];
    for _ in 0..3 {
        apply(&mut app, Action::Match(Dir::Next));
        seen.push(spot(&app));
    }
    // db 17:20:02.5, api 17:23:05.1, api 17:23:06, db 17:26:30.
    assert_eq!(seen, vec![(1, 0), (0, 5), (0, 7), (1, 5)]);
    apply(&mut app, Action::Match(Dir::Next));
    assert_eq!(spot(&app), (1, 5));
    assert_eq!(message(&app), "no more matches below");
    let mut back = Vec::new();
    for _ in 0..3 {
        apply(&mut app, Action::Match(Dir::Prev));
        back.push(spot(&app));
    }
    assert_eq!(back, vec![(0, 7), (0, 5), (1, 0)]);
}

/// A regex no pane matches says so: "no more matches below" read as if the
/// matches were all above the cursor, and sent the user back up to look.
#[test]
fn a_search_that_matches_nothing_anywhere_says_so() {
    let mut app = app(&["api", "db"], 200, 40);
    press(&mut app, "/zzz-nowhere<enter>");
    assert_eq!(message(&app), "/zzz-nowhere/: no match in any pane");
    press(&mut app, "nN");
    assert_eq!(message(&app), "/zzz-nowhere/: no match in any pane");
}

#[test]
fn matches_at_the_same_instant_go_in_pane_order() {
    // worker's "job 1 done" and events' "consumer started" are both at 17:20:05.
    let mut app = app(&["worker", "events"], 200, 40);
    apply(&mut app, Action::Start);
    press(&mut app, "/job 1|consumer started<enter>");
    assert_eq!(spot(&app), (0, 1));
    apply(&mut app, Action::Match(Dir::Next));
    assert_eq!(spot(&app), (1, 0));
    assert_eq!(app.cursor, fixture_at(17, 20, 5, 0));
    apply(&mut app, Action::Match(Dir::Next));
    assert_eq!(message(&app), "no more matches below");
    apply(&mut app, Action::Match(Dir::Prev));
    assert_eq!(spot(&app), (0, 1));
}

#[test]
fn filtered_out_matches_are_skipped() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Focus(1));
    press(&mut app, ":filter-out again<enter>");
    press(&mut app, "/timeout|ready<enter>n");
    assert_eq!(spot(&app), (0, 5));
    press(&mut app, "nn");
    assert_eq!(spot(&app), (0, 7), "db's 17:26:30 match is filtered out");
}

/// Runs the queued jobs, delivering their early answers first and keeping
/// their final results back.
fn run_early(app: &mut App) -> Vec<WorkDone> {
    let mut early = Vec::new();
    let finals: Vec<WorkDone> = app
        .jobs
        .drain(..)
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|job| job.run_with(&mut |d| early.push(d)))
        .collect();
    for d in early {
        update(app, Msg::Work(d));
    }
    finals
}

#[test]
fn the_first_jump_needs_only_each_panes_early_answer() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Search("timeout|ready".into()));
    assert!(app.pending_match.is_some());
    let finals = run_early(&mut app);
    assert_eq!(spot(&app), (1, 0), "jumped on the early answers");
    assert!(app.panes.iter().all(|p| p.searching));
    assert_eq!(message(&app), "db: match (still searching)");
    for d in finals {
        update(&mut app, Msg::Work(d));
    }
    assert_eq!(app.panes[1].matches.as_slice(), &[0, 5]);
    assert_eq!(message(&app), "db: match 1/2 · 4 in 2 panes");
    apply(&mut app, Action::Match(Dir::Next));
    assert_eq!(spot(&app), (0, 5));
}

#[test]
fn n_waits_for_running_searches_and_moving_cancels_it() {
    let mut app = app(&["api", "db"], 200, 40);
    press(&mut app, "/timeout|ready<enter>");
    apply(&mut app, Action::Start);
    // A new search is running (jobs queued, not run): n waits for it.
    apply(&mut app, Action::Search("retry".into()));
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Match(Dir::Next));
    assert_eq!(message(&app), "searching…");
    run_jobs(&mut app);
    assert_eq!(spot(&app), (0, 6), "api's 'retrying GET /orders'");
    // Moving while a jump waits drops the jump.
    apply(&mut app, Action::Search("circuit".into()));
    apply(&mut app, Action::GotoTime(fixture_at(17, 20, 0, 0)));
    run_jobs(&mut app);
    assert_eq!(app.cursor, fixture_at(17, 20, 0, 0));
    assert!(app.pending_match.is_none());
}

/// The demo's race: the cursor jumped into db on its early answer after two
/// other panes had finished, so the message carried their count; db's own
/// matches must still replace "(still searching)" with its place.
#[test]
fn a_late_pane_recounts_even_when_others_finished_first() {
    let mut app = app(&["api", "db", "worker"], 200, 40);
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Search("timeout|ready".into()));
    app.jobs.clear();
    app.pending_match = None;
    app.panes[0].matches = Arc::new(vec![1, 2]);
    app.panes[0].searching = false;
    app.panes[2].matches = Arc::new(vec![3]);
    app.panes[2].searching = false;
    app.pin = Some((1, 0));
    app.message = Some(("db: match (still searching) · 3 in 2 panes".into(), false));
    let generation = app.panes[1]
        .search_gen
        .load(std::sync::atomic::Ordering::Relaxed);
    update(
        &mut app,
        Msg::Work(WorkDone::Matches {
            pane: 1,
            generation,
            rows: Arc::new(vec![0, 5]),
        }),
    );
    assert_eq!(message(&app), "db: match 1/2 · 5 in 3 panes");
}

/// A JSON log whose pane reads `ws connect  component=ws  client=…`.
fn json_app(dir: &std::path::Path) -> App {
    let text = concat!(
        r#"{"time":"2026-11-20T14:31:07.201Z","level":"INFO","msg":"ws connect","component":"ws","client":"kiosk-07"}"#,
        "\n",
        r#"{"time":"2026-11-20T14:31:08.000Z","level":"INFO","msg":"GET /orders","component":"http"}"#,
        "\n",
        r#"{"time":"2026-11-20T14:31:09.500Z","level":"WARN","msg":"ws closed","component":"ws","code":1006}"#,
        "\n",
    );
    loaded(vec![written_spec(dir, "api", text)], 200, 40, false)
}

/// What the pane shows is searched, not only the line as written: the row
/// reads `component=ws`, so `/component=ws` finds it (it found nothing), and
/// the JSON as written still matches.
#[test]
fn search_matches_the_text_the_pane_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = json_app(dir.path());
    apply(&mut app, Action::Start);
    press(&mut app, "/component=ws<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[0, 2]);
    assert_eq!(message(&app), "api: match 1/2");
    // `code=1006` is only in the shown text; `"code":1006` only in the line.
    press(&mut app, "/code=1006<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[2]);
    press(&mut app, "/\"component\":\"http\"<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[1]);
    // `^` anchors at the start of the shown message too.
    press(&mut app, "/^ws<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[0, 2]);
}

#[test]
fn filters_match_the_text_the_pane_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = json_app(dir.path());
    press(&mut app, ":filter-in component=ws<enter>");
    assert_eq!(app.panes[0].visible.as_deref(), Some(&vec![0, 2]));
    press(&mut app, ":clear-filters<enter>");
    press(&mut app, ":filter-out component=ws<enter>");
    assert_eq!(app.panes[0].visible.as_deref(), Some(&vec![1]));
}

/// A text log's row starts with the message (stamp and level are in their
/// columns): `^Connection` finds it, as the pane shows it.
#[test]
fn search_anchors_at_the_start_of_a_text_rows_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "2026-11-20 14:31:07,201 INFO Connection refused by db-1\n\
                2026-11-20 14:31:08,000 WARN retrying: Connection refused\n";
    let mut app = loaded(vec![written_spec(dir.path(), "app", text)], 200, 40, false);
    press(&mut app, "/^Connection<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[0]);
    press(&mut app, ":filter-in ^retrying<enter>");
    assert_eq!(app.panes[0].visible.as_deref(), Some(&vec![1]));
}

/// The text of each screen line's cells drawn as a search match (the
/// colourless theme underlines them), for the lines that have any.
fn highlighted(app: &App) -> Vec<String> {
    let buf = buffer(app);
    let area = buf.area;
    (area.top()..area.bottom())
        .filter_map(|y| {
            let s: String = (area.left()..area.right())
                .map(|x| &buf[(x, y)])
                .filter(|c| {
                    c.modifier.contains(
                        ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::BOLD,
                    )
                })
                .map(|c| c.symbol())
                .collect();
            (!s.is_empty()).then_some(s)
        })
        .collect()
}

/// A row found by its JSON as written (`/"code":1006`) shows why: what the
/// row reads of the match is highlighted (`code=1006`), as a match in the
/// shown text is. What the row does not show (the level, in its column) is
/// said on the status line instead.
#[test]
fn a_row_matched_by_its_json_as_written_highlights_what_it_shows_of_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = json_app(dir.path());
    apply(&mut app, Action::Start);
    press(&mut app, "/\"code\":1006<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[2]);
    assert_eq!(highlighted(&app), ["code=1006"], "{}", screen(&app));
    press(&mut app, "/\"component\":\"http\"<enter>");
    assert_eq!(highlighted(&app), ["component=http"], "{}", screen(&app));
    // Part of a value, and part of the message.
    press(&mut app, "/ent\":\"ht<enter>");
    assert_eq!(highlighted(&app), ["ent=ht"], "{}", screen(&app));
    press(&mut app, "g/\"msg\":\"ws c<enter>");
    assert_eq!(highlighted(&app), ["ws c", "ws c"], "{}", screen(&app));
    assert_eq!(message(&app), "api: match 1/2");
    // The level is not in the row's text: nothing to light up, so the status
    // line says where the match is.
    press(&mut app, "/\"level\":\"WARN\"<enter>");
    assert_eq!(app.panes[0].matches.as_slice(), &[2]);
    assert!(highlighted(&app).is_empty(), "{:?}", highlighted(&app));
    assert_eq!(
        message(&app),
        "api: match 1/1 · in the line as written, not in what the row shows (= shows it)"
    );
}

/// "searching…" is progress: the status line shows it, the messages (`!`)
/// keep what the search found. Typing a search on the demo left nine
/// "searching…" there, above the warnings.
#[test]
fn searching_stays_out_of_the_messages() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Search("retry".into()));
    for _ in 0..3 {
        apply(&mut app, Action::Match(Dir::Next));
        assert_eq!(message(&app), "searching…");
    }
    run_jobs(&mut app);
    let said: Vec<&str> = app.messages.iter().map(|(m, _)| m.as_str()).collect();
    assert!(!said.contains(&"searching…"), "{said:?}");
    assert!(said.last().is_some_and(|m| m.contains("match")), "{said:?}");
}
