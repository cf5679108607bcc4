//! State tests: actions in, state out.

use super::*;
use crate::time::NANOS_PER_SEC;
use crate::tui::action::{Action, Dir, FilterKind, Scope, Severity};
use crate::tui::update::apply;

#[test]
fn starts_where_every_source_has_begun_and_aligns_panes() {
    let app = app(&["api", "db", "worker"], 200, 40);
    // worker starts at 17:19:58 and api at 17:20:00, but db only at 17:20:02.5.
    assert_eq!(app.cursor, fixture_at(17, 20, 2, 500));
    let mut app = app;
    apply(&mut app, Action::GotoTime(fixture_at(17, 23, 5, 200)));
    assert_eq!(record_at_cursor(&app, 0), 5, "api: the 17:23:05.100 error");
    assert_eq!(record_at_cursor(&app, 1), 4, "db: the 17:23:02.700 fatal");
    assert_eq!(record_at_cursor(&app, 2), 2, "worker: the 17:23:04 warning");
}

/// A kernel log's boot lines share their first second: the first cursor
/// stands on the first of them, where `g` goes, not on the last (the record
/// at or before the start), which left the boot's first lines above the pane.
#[test]
fn the_first_cursor_is_on_the_first_record_of_its_second() {
    let dir = tempfile::tempdir().expect("tempdir");
    let boot = written_spec(
        dir.path(),
        "boot",
        "2022-03-24T17:20:00Z kernel: Linux version 5.10\n\
         2022-03-24T17:20:00Z kernel: Command line: ro quiet\n\
         2022-03-24T17:20:00Z kernel: BIOS-provided physical RAM map\n\
         2022-03-24T17:20:07Z kernel: usb 1-1: new device\n",
    );
    for specs in [vec![boot.clone()], vec![spec("api"), boot]] {
        let mut app = loaded(specs, 120, 30, false);
        let p = app.panes.len() - 1;
        assert_eq!(app.cursor, fixture_at(17, 20, 0, 0));
        assert_eq!(record_at_cursor(&app, p), 0, "boot's first line");
        // Gone to by its time, the pane shows the record at or before it.
        apply(&mut app, Action::GotoTime(fixture_at(17, 20, 0, 0)));
        assert_eq!(record_at_cursor(&app, p), 2);
    }
}

#[test]
fn records_step_through_the_focused_pane() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Records(3));
    assert_eq!(app.cursor, fixture_at(17, 21, 10, 500));
    assert_eq!(record_at_cursor(&app, 0), 3);
    apply(&mut app, Action::Records(-100));
    assert_eq!(record_at_cursor(&app, 0), 0);
    apply(&mut app, Action::End);
    assert_eq!(app.cursor, fixture_at(17, 27, 0, 0));
}

#[test]
fn goto_relative_and_time_steps() {
    let mut app = app(&["api"], 80, 24);
    apply(&mut app, Action::Command("goto 17:23".into()));
    assert_eq!(app.cursor, fixture_at(17, 23, 0, 0));
    apply(&mut app, Action::Command("goto +3m".into()));
    assert_eq!(app.cursor, fixture_at(17, 26, 0, 0));
    apply(&mut app, Action::StepSize(-2));
    apply(&mut app, Action::TimeStep(-3));
    assert_eq!(app.cursor, fixture_at(17, 25, 57, 0));
    apply(&mut app, Action::Command("goto nonsense".into()));
    assert!(app.message.as_ref().is_some_and(|(_, warn)| *warn));
    assert_eq!(app.cursor, fixture_at(17, 25, 57, 0));
}

#[test]
fn errors_in_focused_pane_and_across_panes() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    let next_err = |scope| Action::Level {
        dir: Dir::Next,
        severity: Severity::Error,
        scope,
    };
    apply(&mut app, next_err(Scope::Focused));
    assert_eq!((app.focus, record_at_cursor(&app, 0)), (0, 5));
    apply(&mut app, Action::Start);
    apply(&mut app, next_err(Scope::All));
    assert_eq!(app.focus, 1, "db's error at 17:23:02.6 comes first");
    assert_eq!(app.cursor, fixture_at(17, 23, 2, 600));
    apply(&mut app, next_err(Scope::All));
    assert_eq!(
        app.cursor,
        fixture_at(17, 23, 2, 700),
        "db's fatal counts as an error"
    );
    apply(&mut app, next_err(Scope::All));
    assert_eq!((app.focus, app.cursor), (0, fixture_at(17, 23, 5, 100)));
    apply(
        &mut app,
        Action::Level {
            dir: Dir::Prev,
            severity: Severity::Warning,
            scope: Scope::Focused,
        },
    );
    assert_eq!(app.cursor, fixture_at(17, 21, 10, 500));
}

#[test]
fn focus_cycles() {
    let mut app = app(&["api", "db", "worker"], 200, 40);
    apply(&mut app, Action::FocusNext);
    apply(&mut app, Action::FocusNext);
    assert_eq!(app.focus, 2);
    apply(&mut app, Action::FocusNext);
    assert_eq!(app.focus, 0);
    apply(&mut app, Action::FocusPrev);
    assert_eq!(app.focus, 2);
    apply(&mut app, Action::Command("focus db".into()));
    assert_eq!(app.focus, 1);
}

#[test]
fn offsets_set_nudge_and_derive() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::FocusNext);
    apply(&mut app, Action::Command("offset +2.5s".into()));
    assert_eq!(app.source(1).map(|s| s.offset), Some(2_500_000_000));
    apply(&mut app, Action::NudgeOffset(-NANOS_PER_SEC / 10));
    assert_eq!(app.source(1).map(|s| s.offset), Some(2_400_000_000));
    apply(&mut app, Action::SetOffset(0));
    // Mark api's error, then db's: db's clock is set so they coincide.
    apply(&mut app, Action::Focus(0));
    apply(&mut app, Action::GotoTime(fixture_at(17, 23, 5, 100)));
    apply(&mut app, Action::MarkOffset);
    assert_eq!(app.offset_mark, Some((0, 5)));
    apply(&mut app, Action::Focus(1));
    apply(&mut app, Action::Command("goto 17:23:02.6".into()));
    assert_eq!(record_at_cursor(&app, 1), 3);
    apply(&mut app, Action::MarkOffset);
    assert_eq!(app.source(1).map(|s| s.offset), Some(2_500_000_000));
    assert_eq!(
        app.source(1).and_then(|s| s.time(3)),
        Some(fixture_at(17, 23, 5, 100))
    );
    let msg = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert!(msg.contains("coincides"), "{msg}");
}

#[test]
fn filters_hide_rows_and_navigation_skips_them() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(
        &mut app,
        Action::Filter {
            kind: FilterKind::Out,
            regex: "health".into(),
            scope: Scope::Focused,
        },
    );
    run_jobs(&mut app);
    let visible = app.panes[0].visible.clone().expect("filtered");
    assert!(!visible.contains(&1) && !visible.contains(&8) && visible.contains(&7));
    assert!(app.panes[1].visible.is_none(), "only the focused pane");
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Records(1));
    assert_eq!(record_at_cursor(&app, 0), 2, "GET /health skipped");
    apply(&mut app, Action::Command("level-all warn".into()));
    run_jobs(&mut app);
    assert_eq!(app.panes[1].visible.as_deref().map(Vec::len), Some(3));
    apply(&mut app, Action::Command("clear-filters-all".into()));
    run_jobs(&mut app);
    assert!(app.panes.iter().all(|p| p.visible.is_none()));
    apply(&mut app, Action::Command("filter-in [".into()));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, w)| *w && m.contains("bad regex"))
    );
}

#[test]
fn stale_filter_results_are_dropped() {
    let mut app = app(&["api"], 80, 24);
    apply(&mut app, Action::Command("filter-in health".into()));
    let stale: Vec<_> = app.jobs.drain(..).collect();
    apply(&mut app, Action::Command("filter-in orders".into()));
    for job in stale {
        // The newer job supersedes it: it stops or its result is ignored.
        if let Some(done) = job.run() {
            update(&mut app, Msg::Work(done));
        }
    }
    assert!(app.panes[0].visible.is_none() && app.panes[0].filtering);
    run_jobs(&mut app);
    assert!(
        app.panes[0]
            .visible
            .as_deref()
            .is_some_and(|v| v.is_empty())
    );
}

#[test]
fn search_jumps_and_cycles() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Search("timeout".into()));
    run_jobs(&mut app);
    assert_eq!(app.panes[0].matches.as_slice(), &[5, 7]);
    assert_eq!(record_at_cursor(&app, 0), 5);
    apply(&mut app, Action::Match(Dir::Next));
    assert_eq!(record_at_cursor(&app, 0), 7);
    apply(&mut app, Action::Match(Dir::Prev));
    assert_eq!(record_at_cursor(&app, 0), 5);
    apply(&mut app, Action::Cancel);
    assert!(app.search.is_none());
}

#[test]
fn bookmarks_jump_in_time_order() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::Command("goto 17:21:10.5".into()));
    apply(&mut app, Action::ToggleBookmark);
    apply(&mut app, Action::Focus(1));
    apply(&mut app, Action::Command("goto 17:26:30".into()));
    apply(&mut app, Action::ToggleBookmark);
    apply(&mut app, Action::Start);
    apply(&mut app, Action::Bookmark(Dir::Next));
    assert_eq!((app.focus, app.cursor), (0, fixture_at(17, 21, 10, 500)));
    apply(&mut app, Action::Bookmark(Dir::Next));
    assert_eq!((app.focus, app.cursor), (1, fixture_at(17, 26, 30, 0)));
    apply(&mut app, Action::Bookmark(Dir::Prev));
    assert_eq!(app.focus, 0);
}

#[test]
fn merged_walk_interleaves_by_time() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::ToggleMerged);
    apply(&mut app, Action::Start);
    let mut seen = Vec::new();
    for _ in 0..6 {
        let (p, k) = app.merged_cursor().expect("cursor");
        seen.push(app.row_ref(p, k).expect("row"));
        apply(&mut app, Action::Records(1));
    }
    assert_eq!(seen, vec![(0, 0), (0, 1), (1, 0), (0, 2), (1, 1), (1, 2)]);
    apply(&mut app, Action::Records(-2));
    let (p, k) = app.merged_cursor().expect("cursor");
    assert_eq!(app.row_ref(p, k), Some((1, 1)));
}

/// A record the cursor was put on (`j`, a bookmark), then hidden by a filter:
/// the merged view stayed on that pane's first visible row, 45 minutes after
/// the cursor, while the status line and the other sources stood at the cursor.
#[test]
fn merged_view_stays_at_the_cursor_when_a_filter_hides_the_pinned_record() {
    let mut app = demo_app(120, 30);
    press(&mut app, "t14:00<enter>j");
    let at = app.cursor;
    press(&mut app, "M:level error<enter>");
    assert_eq!(app.cursor, at);
    let (p, k) = app.merged_cursor().expect("cursor");
    let rows = app.rows(p).expect("rows");
    let t = rows.src.time(rows.record(k)).expect("timed");
    assert!(
        t <= at && at - t < 60 * crate::time::NANOS_PER_SEC,
        "the merged cursor row is at {} for a cursor at {}",
        crate::time::format_rfc3339(t),
        crate::time::format_rfc3339(at)
    );
}

/// db logs a few lines minutes apart: 90 s without a line is its rhythm,
/// not quiet (a silence of a busy source is: `tests/separators.rs`).
#[test]
fn a_sparse_sources_gap_is_not_quiet() {
    let mut app = app(&["api", "db"], 200, 40);
    apply(&mut app, Action::GotoTime(fixture_at(17, 25, 0, 0)));
    assert_eq!(app.quiet(1), None);
    assert_eq!(app.quiet(0), None);
}

#[test]
fn config_rebinds_and_warns() {
    let mut km = crate::tui::keymap::Keymap::default();
    let mut theme = crate::tui::theme::Theme::new(true);
    let w = crate::tui::config::apply(
        "[keys]\nnext-error = [\"x\", \"<C-e>\"]\nno-such = \"y\"\nprev-error = \"<bogus>\"\n[colors]\nerror = \"lightred\"\nnope = \"red\"\n[other]\n",
        &mut km,
        &mut theme,
    );
    assert_eq!(w.len(), 4, "{w:?}");
    let x = crate::tui::keymap::Key::char('x');
    assert!(matches!(
        km.lookup(crate::tui::keymap::Context::Normal, x),
        Some(Action::Level { .. })
    ));
    assert!(
        km.lookup(
            crate::tui::keymap::Context::Normal,
            crate::tui::keymap::Key::char('e')
        )
        .is_none()
    );
    assert_eq!(theme.error, ratatui::style::Color::LightRed);
    let bad = crate::tui::config::apply("[keys", &mut km, &mut theme);
    assert_eq!(bad.len(), 1);
}

#[test]
fn key_strings_round_trip() {
    use crate::tui::keymap::{Key, parse_keys};
    let keys = parse_keys("jG<C-p><S-tab><space><lt>>?<enter>").expect("parses");
    let names: Vec<String> = keys.iter().map(Key::name).collect();
    assert_eq!(
        names,
        [
            "j", "G", "<C-p>", "<S-tab>", "<space>", "<lt>", ">", "?", "<enter>"
        ]
    );
    assert!(parse_keys("<nope>").is_err());
}

#[test]
fn partial_indexes_show_while_loading() {
    let mut app = unloaded_app(&["api", "gone"]);
    let full = load(&spec("api"));
    update(
        &mut app,
        Msg::Load(Box::new(LoadEvent::Opened {
            id: 0,
            parts: full.parts.clone(),
        })),
    );
    update(
        &mut app,
        Msg::Load(Box::new(LoadEvent::Progress {
            id: 0,
            index: Box::new(full.index.clone()),
            bytes_done: 300,
            bytes_total: 780,
        })),
    );
    update(
        &mut app,
        Msg::Load(Box::new(LoadEvent::Failed {
            id: 1,
            name: "gone".into(),
            error: crate::error::Error::NotFound {
                path: "/x/gone.log".into(),
            },
        })),
    );
    assert!(app.loading());
    apply(&mut app, Action::Records(2));
    assert_eq!(record_at_cursor(&app, 0), 2);
    let s = screen(&app);
    assert!(s.contains("indexing 38%"), "{s}");
    assert!(s.contains("/x/gone.log: no such file"), "{s}");
}

#[test]
fn since_and_until_keep_every_move_inside_the_range() {
    let mut app = app(&["api"], 200, 40);
    app.since = Some(fixture_at(17, 21, 0, 0));
    app.until = Some(fixture_at(17, 23, 5, 200));
    apply(&mut app, Action::Start);
    assert_eq!(
        record_at_cursor(&app, 0),
        3,
        "the first record at or after --since"
    );
    assert_eq!(
        app.rows(0).expect("rows").len(),
        3,
        "17:21:10.5, 17:22:00, 17:23:05.1"
    );
    apply(&mut app, Action::Records(-5));
    assert_eq!(record_at_cursor(&app, 0), 3, "no record before --since");
    apply(&mut app, Action::Records(10));
    assert_eq!(record_at_cursor(&app, 0), 5, "no record after --until");
    // The 17:23:06 error lies after --until: next error finds nothing more.
    apply(&mut app, Action::Start);
    apply(
        &mut app,
        Action::Level {
            dir: Dir::Next,
            severity: Severity::Error,
            scope: Scope::Focused,
        },
    );
    assert_eq!(record_at_cursor(&app, 0), 5);
    apply(
        &mut app,
        Action::Level {
            dir: Dir::Next,
            severity: Severity::Error,
            scope: Scope::Focused,
        },
    );
    assert_eq!(
        record_at_cursor(&app, 0),
        5,
        "the next error is outside the range"
    );
}

#[test]
fn f2_toggles_mouse_reporting_like_lnav() {
    let mut app = app(&["api"], 80, 24);
    assert!(app.mouse, "on by default: wheel and click work");
    let f2 = crate::tui::keymap::parse_keys("<f2>").expect("key")[0];
    let action = app
        .keymap
        .lookup(crate::tui::update::context(&app), f2)
        .cloned()
        .expect("F2 is bound");
    apply(&mut app, action);
    assert!(!app.mouse, "off: the terminal can select text");
}

/// The overview keeps one range however the cursor moves (`g` used to widen
/// it back to the first record, `t` not); `+` and `-` zoom it.
#[test]
fn overview_range_stays_put_and_zooms_around_the_cursor() {
    let mut app = app(&["api", "db", "worker"], 120, 40);
    let span = |app: &App| crate::tui::layout::overview_span(app).expect("a range");
    let first = span(&app);
    press(&mut app, "t17:23<enter>");
    assert_eq!(span(&app), first);
    press(&mut app, "g");
    assert_eq!(span(&app), first, "g starts before the common start");
    press(&mut app, "t17:23<enter>+");
    let (a, b) = span(&app);
    assert_eq!(b - a, (first.1 - first.0) / 2);
    assert!(a <= app.cursor && app.cursor <= b);
    assert_eq!(a + (b - a) / 2, app.cursor, "centred on the cursor");
    press(&mut app, "++++++++++++");
    let (a, b) = span(&app);
    assert_eq!(b - a, 10 * NANOS_PER_SEC, "no shorter than 10s");
    press(&mut app, "------------------");
    let full = crate::tui::layout::overview_full_span(&app).expect("full");
    assert_eq!(span(&app), full, "out to every record of every source");
}

/// Issue 12 item 7: pane titles, tags, the overview and the status line show
/// names and messages through the log-text sanitiser.
#[test]
fn names_and_messages_are_sanitised() {
    let evil = "x\u{1b}]52;c;aGk=\u{7}\u{9b}2J\u{1b}[31m";
    let pane = crate::tui::app::Pane::new(evil.to_string());
    assert!(!pane.name.chars().any(char::is_control), "{:?}", pane.name);
    let mut app = app(&["api"], 100, 30);
    app.warn(format!("{evil}: cannot open"));
    let (msg, _) = app.message.clone().expect("message");
    assert!(!msg.chars().any(char::is_control), "{msg:?}");
}

/// Help and the messages scroll no further than their last screenful in the
/// state itself: after `j` pressed past the end, one `k` moves the view (it
/// is not spent undoing presses the screen never showed).
#[test]
fn help_and_messages_stop_scrolling_at_their_end() {
    let mut app = app(&["api"], 80, 24);
    press(&mut app, "?");
    for _ in 0..500 {
        apply(&mut app, Action::SelectDown);
    }
    let end = screen(&app);
    apply(&mut app, Action::SelectUp);
    assert_ne!(screen(&app), end, "k at the end of the help moves it");

    press(&mut app, "q");
    for k in 0..40 {
        app.warn(format!("message {k}: the source could not be read in full"));
    }
    press(&mut app, "!");
    apply(&mut app, Action::Pages(50));
    let end = screen(&app);
    assert!(
        end.contains("message 0:"),
        "the oldest message is in sight:\n{end}"
    );
    apply(&mut app, Action::SelectUp);
    assert_ne!(screen(&app), end, "k at the end of the messages moves them");
}

/// A time step never leaves the logs: past either end it stops on the
/// earliest (latest) record of any source, where g (G) goes, and the status
/// line says the step was cut short, as a pager says it is at its end.
#[test]
fn time_steps_stop_at_the_ends_of_the_logs() {
    // api runs 17:20:00 → 17:27:00, db 17:20:02.5 → 17:26:31.
    let mut app = app(&["api", "db"], 80, 24);
    apply(&mut app, Action::GotoTime(fixture_at(17, 26, 30, 0)));
    apply(&mut app, Action::StepSize(1));
    assert_eq!(app.step_size(), 10 * 60 * NANOS_PER_SEC);
    apply(&mut app, Action::TimeStep(1));
    assert_eq!(app.cursor, fixture_at(17, 27, 0, 0), "api's last record");
    let last = app.source(0).expect("api").index.len() - 1;
    assert_eq!(spot(&app), (0, last));
    let msg = message(&app);
    assert!(msg.starts_with("end of the logs"), "{msg}");
    assert!(msg.contains("9m30s short"), "{msg}");
    apply(&mut app, Action::TimeStep(1));
    assert_eq!(app.cursor, fixture_at(17, 27, 0, 0), "still at the end");
    assert!(message(&app).starts_with("end of the logs"));

    apply(&mut app, Action::TimeStep(-1));
    assert_eq!(app.cursor, fixture_at(17, 20, 0, 0), "api's first record");
    let msg = message(&app);
    assert!(msg.starts_with("start of the logs"), "{msg}");
    apply(&mut app, Action::TimeStep(-1));
    assert_eq!(app.cursor, fixture_at(17, 20, 0, 0), "still at the start");

    // A step inside the logs says nothing of their ends.
    apply(&mut app, Action::StepSize(-1));
    apply(&mut app, Action::TimeStep(1));
    assert_eq!(app.cursor, fixture_at(17, 21, 0, 0));
    assert!(!message(&app).contains("of the logs"), "{}", message(&app));

    // A typed time beyond the end stays where it was put; a step from there
    // comes back to the last record rather than further out.
    apply(&mut app, Action::GotoTime(fixture_at(17, 40, 0, 0)));
    apply(&mut app, Action::TimeStep(-1));
    assert_eq!(app.cursor, fixture_at(17, 27, 0, 0));
}

/// The help names every step size `]` and `[` go through (it left out 10s).
#[test]
fn the_help_names_every_time_step() {
    let mut app = app(&["api"], 100, 60);
    press(&mut app, "?");
    let s = screen(&app);
    let line = s
        .lines()
        .find(|l| l.contains("step-larger"))
        .unwrap_or_else(|| panic!("the step-larger row:\n{s}"));
    let sizes: Vec<String> = crate::tui::app::STEPS
        .iter()
        .map(|&d| {
            let t = crate::time::format_duration(d);
            t.strip_suffix("00s")
                .or_else(|| t.strip_suffix("00m"))
                .map_or(t.clone(), str::to_string)
        })
        .collect();
    assert!(line.contains(&sizes.join(", ")), "{sizes:?} in {line}");
}

/// `r` says what the time column's second column measures from: the first
/// two presses said nothing, and "+0.411s" reads the same from the row
/// above as from the cursor.
#[test]
fn r_says_what_the_relative_times_measure_from() {
    let mut app = app(&["api"], 100, 30);
    for (k, says) in [
        (1, "relative to the row above"),
        (2, "relative to the cursor"),
        (3, "relative to a bookmark: none yet (press m on a row)"),
        (4, "the time column shows times only"),
    ] {
        press(&mut app, "r");
        let m = message(&app);
        assert!(m.contains(says), "r #{k}: {m:?}");
    }
    press(&mut app, "mr");
    assert!(message(&app).contains("relative to the row above"));
    press(&mut app, "rr");
    assert!(
        message(&app).contains("relative to the last bookmark"),
        "{}",
        message(&app)
    );
}

/// The display toggles said nothing: `\` (wrap), `=` (lines as written) and
/// `c` (continuation lines) changed a mode that a screen whose lines all fit
/// does not show, and `h` at the left edge did nothing. Each now says what
/// it switched to, and how to switch back.
#[test]
fn display_toggles_say_what_they_switched_to() {
    let mut app = demo_app(80, 24);
    for (keys, said) in [
        ("\\", "long lines wrapped"),
        ("\\", "long lines cut"),
        ("=", "lines as written"),
        ("=", "lines as read"),
        ("c", "continuation lines collapsed"),
        ("c", "continuation lines shown"),
        ("l", "scrolled 20 columns right"),
        ("h", "scrolled back to the left edge"),
        ("h", "already at the left edge"),
    ] {
        press(&mut app, keys);
        let m = message(&app);
        assert!(m.starts_with(said), "{keys}: {m:?}");
    }
}

/// `o` in a screen of one pane marked the record and asked for "the same
/// event in another pane", of which there is none; it says why it marks
/// nothing and which keys shift the one pane's clock.
#[test]
fn o_in_one_pane_says_there_is_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = written_spec(
        dir.path(),
        "one",
        "2026-11-20T14:31:00Z INFO a\n2026-11-20T14:31:05Z INFO b\n",
    );
    let mut app = loaded(vec![one], 80, 24, false);
    press(&mut app, "o");
    assert_eq!(app.offset_mark, None);
    let m = message(&app);
    assert!(m.starts_with("one pane:") && m.contains("{ }"), "{m:?}");
}
