//! Bookmarks kept in the case file: saved on every change, found again by
//! content when the sources load — after the log grew and after it rotated.

use std::path::Path;

use super::*;
use crate::case::Store;
use crate::tui::action::{Action, Dir};
use crate::tui::app::Mode;
use crate::tui::pattern_list;
use crate::tui::update::apply;
use crate::tui::work::Job;

/// An app over `files` (one source each, named by `names`) with `case` set
/// before the sources load, as the screen starts.
pub fn app_with_case(names: &[&str], files: Vec<Vec<PathBuf>>, case: &Path) -> App {
    let specs: Vec<SourceSpec> = names
        .iter()
        .zip(files)
        .map(|(n, f)| SourceSpec {
            name: n.to_string(),
            input: Input::Files(f),
            settings: Settings::default(),
        })
        .collect();
    app_with_specs(specs, case)
}

/// An app over `specs` with `case` set before the sources load, as the screen starts.
pub fn app_with_specs(specs: Vec<SourceSpec>, case: &Path) -> App {
    let mut app = loaded_with_case(specs, case);
    run_jobs(&mut app);
    app
}

/// As `app_with_specs`, but mining is held back: the patterns job is returned
/// unrun, every other job has run.
pub fn app_before_mining(specs: Vec<SourceSpec>, case: &Path) -> (App, Vec<Job>) {
    let mut app = loaded_with_case(specs, case);
    let mut held = Vec::new();
    loop {
        let jobs = crate::tui::update::take_effects(&mut app).jobs;
        if jobs.is_empty() {
            break;
        }
        for job in jobs {
            if matches!(job, Job::Patterns { .. }) {
                held.push(job);
            } else if let Some(done) = job.run() {
                update(&mut app, Msg::Work(done));
            }
        }
    }
    (app, held)
}

/// The sources loaded into an app with `case`; their jobs are not run yet.
fn loaded_with_case(specs: Vec<SourceSpec>, case: &Path) -> App {
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &test_view(),
        true,
    );
    app.size = (200, 40);
    // As `tui_entry` does: the sources go into the case file with its first change.
    let mut store = Store::open(case).expect("case file");
    for spec in &specs {
        let mut e = crate::case::SourceEntry::from_spec(spec, false, &Zone::Fixed(0));
        if let Some(old) = store.case().sources.iter().find(|o| o.name == e.name) {
            e.offset_marks.clone_from(&old.offset_marks);
        }
        if !store.case().sources.contains(&e) {
            store.change(crate::case::Change::PutSource(e));
        }
    }
    app.case = Some(crate::case::Writer::spawn(store));
    for (id, spec) in specs.iter().enumerate() {
        update(&mut app, done(id, spec));
    }
    app
}

pub fn text(app: &App, (p, r): (usize, usize)) -> String {
    String::from_utf8_lossy(app.source(p).expect("loaded").record_bytes(r)).into_owned()
}

/// Reopened, the case's latest bookmark is the one `r` counts times from, as
/// it was before quitting; `r` said "relative to a bookmark: none yet (press
/// m on a row)" with both bookmarks marked on screen.
#[test]
fn a_reopened_cases_latest_bookmark_is_what_times_are_relative_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    let db = dir.path().join("db.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    std::fs::copy(fixture("db"), &db).expect("copy");
    let case = dir.path().join("t.casefile.json");
    let files = || vec![vec![api.clone()], vec![db.clone()]];
    let mut first = app_with_case(&["api", "db"], files(), &case);
    press(&mut first, "t17:26:30<enter><tab>m<tab>t17:21:10.5<enter>m");
    settle(&mut first);
    let latest = first.last_bookmark.expect("the api row just marked");
    assert_eq!(latest.0, 0);
    drop(first);

    let mut second = app_with_case(&["api", "db"], files(), &case);
    assert_eq!(second.bookmarks.len(), 2);
    press(&mut second, "rrr");
    assert_eq!(
        message(&second),
        "times relative to the last bookmark (r: times only)"
    );
    assert_eq!(second.last_bookmark, Some(latest));
}

#[test]
fn bookmarks_come_back_on_the_same_records_after_growth_and_rotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    let db = dir.path().join("db.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    std::fs::copy(fixture("db"), &db).expect("copy");
    let case = dir.path().join("t.casefile.json");

    let mut first = app_with_case(
        &["api", "db"],
        vec![vec![api.clone()], vec![db.clone()]],
        &case,
    );
    apply(&mut first, Action::Command("goto 17:21:10.5".into()));
    apply(&mut first, Action::ToggleBookmark);
    settle(&mut first);
    let msg = first
        .message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default();
    assert!(msg.contains("saved bookmark to"), "{msg}");
    apply(&mut first, Action::Focus(1));
    apply(&mut first, Action::Command("goto 17:26:30".into()));
    apply(&mut first, Action::ToggleBookmark);
    settle(&mut first);
    let marks = first.bookmarks.clone();
    let texts: Vec<String> = marks.iter().map(|&m| text(&first, m)).collect();
    assert_eq!(
        Store::open(&case).expect("reopen").case().bookmarks.len(),
        2
    );

    // The log grows; casefile starts again on the same case file.
    let mut grown = std::fs::read(&api).expect("read");
    grown.extend_from_slice(b"2022-03-24 17:40:00.000 INFO  later\n");
    std::fs::write(&api, grown).expect("grow");
    let second = app_with_case(
        &["api", "db"],
        vec![vec![api.clone()], vec![db.clone()]],
        &case,
    );
    assert_eq!(second.bookmarks, marks);

    // Rotation: api.log becomes api.log.1 and a new api.log starts.
    std::fs::rename(&api, dir.path().join("api.log.1")).expect("rotate");
    std::fs::write(&api, "2022-03-24 17:41:00.000 INFO  new file\n").expect("write");
    let rotated = crate::source::discover::with_rotated(&api);
    let mut third = app_with_case(&["api", "db"], vec![rotated, vec![db.clone()]], &case);
    let back: Vec<String> = third.bookmarks.iter().map(|&m| text(&third, m)).collect();
    assert_eq!(back, texts);
    apply(&mut third, Action::Start);
    apply(&mut third, Action::Bookmark(Dir::Next));
    let landed = third.last_bookmark.expect("jumped to a bookmark");
    assert_eq!(text(&third, landed), texts[0]);

    // Removing one is saved too.
    apply(&mut third, Action::ToggleBookmark);
    settle(&mut third);
    assert_eq!(
        Store::open(&case).expect("reopen").case().bookmarks.len(),
        1
    );
}

/// The records of pane `p` the screen shows (all of them when unfiltered).
fn shown(app: &App, p: usize) -> Vec<String> {
    let rows = app.rows(p).expect("rows");
    (0..rows.len())
        .map(|k| text(app, (p, rows.record(k))))
        .collect()
}

/// Filters the client (pane 1 of `burst_specs`) to its reconnect attempts in
/// the pattern view, as Enter does.
fn filter_client_to_reconnects(app: &mut App) {
    apply(app, Action::Focus(1));
    press(app, "p");
    let Mode::Patterns(v) = app.mode.clone() else {
        panic!("not the pattern view: {:?}", app.mode);
    };
    let k = pattern_list::rows(app, &v)
        .iter()
        .position(|r| r.pane == 1 && pattern_list::text(app, r).contains("reconnect attempt"))
        .expect("the reconnect template is listed");
    for _ in 0..k {
        press(app, "j");
    }
    press(app, "<enter>");
    settle(app);
}

#[test]
fn a_pane_filtered_to_a_pattern_is_filtered_to_it_again_once_the_reopened_case_is_mined() {
    let dir = tempfile::tempdir().expect("tempdir");
    let specs = super::patterns::burst_specs(dir.path());
    let case = dir.path().join("t.casefile.json");
    let mut first = app_with_specs(specs.clone(), &case);
    filter_client_to_reconnects(&mut first);
    let only = shown(&first, 1);
    assert_eq!(only.len(), 80, "two bursts of 40 attempts");
    assert!(only.iter().all(|t| t.contains("reconnect attempt")));
    let saved = std::fs::read_to_string(&case).expect("case file");
    assert!(saved.contains("\"kind\":\"template\""), "{saved}");

    // casefile starts again on the case: patterns are mined in the
    // background, and the filter waits for them rather than show every record.
    let (mut second, held) = app_before_mining(specs, &case);
    assert_eq!(held.len(), 1, "mining started once the sources loaded");
    assert!(second.patterns.is_none());
    let pending = second.panes[1].filters.template.clone().expect("restored");
    assert!(pending.text.contains("reconnect attempt"), "{pending:?}");
    assert!(second.panes[1].filtering, "the pane waits for mining");
    for job in held {
        let done = job.run().expect("mined");
        update(&mut second, Msg::Work(done));
    }
    run_jobs(&mut second);
    assert!(!second.panes[1].filtering);
    assert_eq!(shown(&second, 1), only);
    // The server is not filtered.
    assert!(second.panes[0].visible.is_none());
}

#[test]
fn a_saved_pattern_filter_whose_template_is_gone_says_so_on_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let specs = super::patterns::burst_specs(dir.path());
    let case = dir.path().join("t.casefile.json");
    let mut first = app_with_specs(specs.clone(), &case);
    filter_client_to_reconnects(&mut first);
    // The client's log is fetched again without its reconnect attempts.
    let client = dir.path().join("client.log");
    let kept: String = std::fs::read_to_string(&client)
        .expect("read")
        .lines()
        .filter(|l| !l.contains("reconnect"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&client, kept).expect("write");
    let second = app_with_specs(specs, &case);
    assert!(second.panes[1].filters.template.is_none());
    assert!(second.panes[1].visible.is_none(), "every record is shown");
    let said: Vec<&str> = second.messages.iter().map(|(m, _)| m.as_str()).collect();
    assert!(
        said.iter()
            .any(|m| m.starts_with("client: pattern “") && m.contains("is no longer found")),
        "{said:?}"
    );
}

#[test]
fn a_case_file_from_before_pattern_filters_still_loads_with_its_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let specs = super::patterns::burst_specs(dir.path());
    let case = dir.path().join("t.casefile.json");
    // As an older casefile wrote it: regex and level filters, no pattern.
    std::fs::write(
        &case,
        r#"{"version": 1, "rev": 3, "sources": [], "notes": [], "bookmarks": [],
  "filters": [{"source":"client","kind":"in","value":"attempt 3"},{"source":"client","kind":"level","value":"warn"}]}
"#,
    )
    .expect("write");
    let app = app_with_specs(specs, &case);
    let set = &app.panes[1].filters;
    assert!(set.template.is_none());
    assert_eq!(set.filters.len(), 1);
    assert!(set.min_level.is_some());
    let lines = shown(&app, 1);
    // attempt 3 and 30 to 39, in both bursts.
    assert_eq!(lines.len(), 22, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|t| t.contains("WARN ws reconnect attempt 3"))
    );
}

/// Quitting with the goroutine dump's pane focused and reopening the case
/// brings the cursor back to where it was: the dump's pane holds no times of
/// its own, so its record alone cannot say where the cursor stood.
#[test]
fn the_cursor_comes_back_when_it_was_saved_on_a_dump_pane() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let specs: Vec<SourceSpec> = [
        ("backend", "backend.log"),
        ("goroutines", "goroutines.txt"),
        ("kern", "kern.log"),
    ]
    .iter()
    .map(|(n, f)| {
        let mut s = file_spec(n, demo.join(f));
        if *n == "goroutines" {
            s.settings.time = Some(demo_at(14, 35, 20, 0));
        }
        s
    })
    .collect();
    let case = dir.path().join("t.casefile.json");
    let mut first = app_with_specs(specs.clone(), &case);
    // A bookmark makes the case file worth keeping; then the cursor goes to
    // 14:37:18 with the dump's pane focused.
    press(&mut first, "mt14:37:18<enter>:focus goroutines<enter>j");
    let (at, row) = (first.cursor, crate::tui::update::cursor_ref(&first));
    assert_eq!(at, demo_at(14, 37, 18, 0));
    crate::tui::update::case_on_quit(&mut first);
    settle(&mut first);
    drop(first);

    let second = app_with_specs(specs, &case);
    assert_eq!(second.focus, 1, "the dump's pane focused again");
    assert_eq!(
        crate::tui::update::cursor_ref(&second),
        row,
        "on its record"
    );
    assert_eq!(
        crate::time::format_rfc3339(second.cursor),
        crate::time::format_rfc3339(at),
        "the cursor where it was"
    );
}

/// Once a filter change is saved, the status line still says what the change
/// did: `:clear-filters` said only "saved filters to FILE" (the writer's
/// reply took the place of "filters cleared"), and `:level` said nothing else.
#[test]
fn a_saved_filter_change_still_says_what_it_did() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    std::fs::copy(super::fixture("api"), &api).expect("copy");
    let case = dir.path().join("t.casefile.json");
    let mut app = app_with_case(&["api"], vec![vec![api]], &case);
    let said = |app: &mut App, keys: &str| {
        press(app, keys);
        settle(app);
        message(app)
    };
    let msg = said(&mut app, ":filter-in GET<enter>");
    assert!(msg.contains("api: keeping lines matching /GET/"), "{msg}");
    assert!(msg.contains("saved to"), "{msg}");
    said(&mut app, ":filter-out health<enter>");
    let msg = said(&mut app, ":level warn<enter>");
    assert!(msg.contains("api: only warn and worse"), "{msg}");
    let msg = said(&mut app, ":clear-filters<enter>");
    assert!(msg.starts_with("api: 3 filters cleared"), "{msg}");
    assert!(msg.contains("saved to"), "{msg}");
    let msg = said(&mut app, ":clear-filters<enter>");
    assert_eq!(msg, "api: no filters to clear");
    // A filter of all panes is not the focused pane's to clear: said so.
    said(
        &mut app,
        ":filter-out-all health<enter>:filter-in GET<enter>",
    );
    let msg = said(&mut app, ":clear-filters<enter>");
    assert!(
        msg.starts_with("api: 1 filter cleared; 1 filter for all panes still applies"),
        "{msg}"
    );
    let msg = said(&mut app, ":clear-filters-all<enter>");
    assert!(msg.starts_with("all panes: 1 filter cleared"), "{msg}");
}

/// Once a clock offset is saved, the status line still says the offset:
/// "kiosk-client: clock offset -0.219s" gave way to "saved clock offset to
/// FILE" at once, so `o` … `o` never said what it set.
#[test]
fn a_saved_clock_offset_still_says_the_offset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    std::fs::copy(super::fixture("api"), &api).expect("copy");
    let case = dir.path().join("t.casefile.json");
    let mut app = app_with_case(&["api"], vec![vec![api]], &case);
    press(&mut app, ":offset +2.5s<enter>");
    settle(&mut app);
    let msg = message(&app);
    assert!(
        msg.starts_with("api: clock offset +2.500s · saved to"),
        "{msg}"
    );
}

/// A long change message is shortened before its "· saved to FILE": the
/// status line cut it at its end, so a long filter hid that it was saved and
/// where. What changed keeps its first words, the file's path gives way from
/// its left (`…/cases/t.casefile.json`), and with no room for both, "saved"
/// stays without where.
#[test]
fn a_long_saved_message_keeps_where_it_was_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    std::fs::copy(super::fixture("api"), &api).expect("copy");
    std::fs::create_dir(dir.path().join("cases")).expect("mkdir");
    let case = dir.path().join("cases").join("t.casefile.json");
    let mut app = app_with_case(&["api"], vec![vec![api]], &case);
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    let saved = format!(" · saved to {}", case.display());
    app.size = (80 + saved.len() as u16, 24);
    press(
        &mut app,
        ":filter-in (connection reset|handshake timeout|upstream refused) while talking to the payment gateway<enter>",
    );
    settle(&mut app);
    assert!(message(&app).ends_with(&saved), "{}", message(&app));
    // What changed first: the path gives way from its left.
    let s = status(&app);
    assert!(
        s.contains("api: keeping lines matching /(connection reset|handshake… · saved to …/cases/t.casefile.json "),
        "{s}"
    );
    // At 80 columns there is no room for both: "saved" stays, `!` says where.
    app.size = (80, 24);
    let s = status(&app);
    assert!(s.contains("│ api: keeping lines matching… · saved "), "{s}");
}

/// The demo with its case file named as by default
/// (`backend+goroutines+kern+2-f214d0.casefile.json`, 46 columns), in a
/// directory whose name has a fixed width, so that snapshots can hide it.
fn demo_with_its_case_file() -> (tempfile::TempDir, App) {
    let dir = tempfile::Builder::new()
        .prefix("cf")
        .rand_bytes(6)
        .tempdir_in("/tmp")
        .expect("tempdir");
    let case = dir
        .path()
        .join("backend+goroutines+kern+2-f214d0.casefile.json");
    let app = app_with_specs(demo_specs(), &case);
    (dir, app)
}

/// The screen with the case file's directory (`/tmp/cfXXXXXX`) hidden.
fn snapshot_hiding(app: &App, dir: &Path) -> String {
    let shown = dir.display().to_string();
    snapshot(app).replace(&shown, "/tmp/cfXXXXXX")
}

/// A saved change at 80×24 read `kiosk-client… · saved to …214d0.casefile.json`:
/// the value changed was lost to the path. The change keeps its first words
/// (what it set), the path gives way harder (its file name's end).
#[test]
fn a_saved_change_keeps_what_it_changed_before_the_path_80x24_and_200x50() {
    let (dir, mut app) = demo_with_its_case_file();
    app.size = (80, 24);
    press(&mut app, ":focus kiosk-client<enter>:level warn<enter>");
    settle(&mut app);
    let msg = message(&app);
    assert!(
        msg.starts_with("kiosk-client: only warn and worse · saved to /"),
        "{msg}"
    );
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    // No room for both: what changed, and that it was saved; `!` has where.
    let s = status(&app);
    assert!(
        s.contains("│ kiosk-client: only warn and worse · saved  "),
        "{s}"
    );
    assert!(s.contains("! more"), "{s}");
    insta::assert_snapshot!("saved_change_80x24", snapshot_hiding(&app, dir.path()));
    // Twenty columns more and the file's name shows, from its left.
    app.size = (100, 24);
    let s = status(&app);
    assert!(
        s.contains("│ kiosk-client: only warn and… · saved to …"),
        "{s}"
    );
    assert!(s.contains("f214d0.casefile.json "), "{s}");
    app.size = (200, 50);
    let s = status(&app);
    assert!(s.contains(&msg), "whole at 200 columns: {s}");
    insta::assert_snapshot!("saved_change_200x50", snapshot_hiding(&app, dir.path()));
}

/// `:report` onto the case file (or one of its logs) is refused on the status
/// line: the worker wrote the report over it, every note gone.
#[test]
fn report_onto_the_case_file_or_a_log_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    let case = dir.path().join("t.casefile.json");
    let mut app = app_with_case(&["api"], vec![vec![api.clone()]], &case);
    press(&mut app, "akeep me<C-s>");
    settle(&mut app);
    let log = std::fs::read(&api).expect("read");
    for (out, what) in [(&case, "the case file itself"), (&api, "source api's log")] {
        press(&mut app, &format!(":report {}<enter>", out.display()));
        assert_eq!(
            message(&app),
            format!(
                "{}: is {what}: the report would replace it; write it elsewhere",
                out.display()
            )
        );
    }
    drop(app);
    assert_eq!(std::fs::read(&api).expect("read"), log);
    let notes = Store::open(&case).expect("reopen").case().notes.clone();
    assert_eq!(notes.len(), 1, "{notes:?}");
}

/// Quit with the cursor between two records of the focused pane (after `t`,
/// in its quiet stretch): reopened, the cursor is at that time again, not at
/// the record before it, so the other panes show what they showed.
#[test]
fn the_cursor_comes_back_at_its_time_between_two_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    let db = dir.path().join("db.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    std::fs::copy(fixture("db"), &db).expect("copy");
    let case = dir.path().join("t.casefile.json");
    let files = || vec![vec![api.clone()], vec![db.clone()]];
    let mut first = app_with_case(&["api", "db"], files(), &case);
    // A bookmark puts the case on disk; the cursor is saved with it on quit.
    press(&mut first, "mt17:22:40<enter>");
    settle(&mut first);
    let shown = (record_at_cursor(&first, 0), record_at_cursor(&first, 1));
    crate::tui::update::case_on_quit(&mut first);
    first.case.take().expect("case").finish().expect("finish");

    let second = app_with_case(&["api", "db"], files(), &case);
    assert_eq!(second.cursor, fixture_at(17, 22, 40, 0));
    assert_eq!(
        (record_at_cursor(&second, 0), record_at_cursor(&second, 1)),
        shown
    );
}
