//! The silence list (`Q`, `:silences`) and the palette's silence entries.

use super::*;
use crate::time::civil_to_nanos;
use crate::tui::app::Mode;
use crate::tui::palette::entries;
use crate::tui::silence_list::{Item, items};

fn list_mode(app: &App) -> Option<(usize, bool)> {
    match app.mode {
        Mode::Silences { list, by_time } => Some((list.selected, by_time)),
        _ => None,
    }
}

/// Two sources logging every second from 10:00 to 10:30. `flaky` stops for a
/// minute at 10:05 and for ten at 10:15 while `steady` goes on; both stop
/// from 10:09:59 to 10:11 (everyone quiet). In the two minutes before each of
/// flaky's silences `steady` also logs a reconnect attempt every second.
fn two_rhythms(dir: &std::path::Path) -> Vec<SourceSpec> {
    let mut specs = Vec::new();
    for name in ["steady", "flaky"] {
        let mut text = String::new();
        for s in 0..=1800 {
            let (m, sec) = (s / 60, s % 60);
            let both_quiet = (600..660).contains(&s);
            let flaky_quiet = (301..360).contains(&s) || (901..1500).contains(&s);
            if both_quiet || (name == "flaky" && flaky_quiet) {
                continue;
            }
            text.push_str(&format!(
                "2026-11-20 10:{m:02}:{sec:02}.000 INFO {name} tick {s}\n"
            ));
            let burst = (180..300).contains(&s) || (780..900).contains(&s);
            if name == "steady" && burst {
                text.push_str(&format!(
                    "2026-11-20 10:{m:02}:{sec:02}.500 WARN reconnect attempt {s}\n"
                ));
            }
        }
        specs.push(written_spec(dir, name, &text));
    }
    specs
}

fn at(m: u32, s: u32) -> i64 {
    civil_to_nanos(2026, 11, 20, 10, m, s, 0).expect("valid time")
}

#[test]
fn q_and_colon_silences_open_the_list_and_q_closes_it() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Q");
    assert_eq!(list_mode(&app), Some((0, false)), "by score");
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, ":silences<enter>");
    assert_eq!(list_mode(&app), Some((0, false)));
    press(&mut app, "<esc>:silences time<enter>");
    assert_eq!(list_mode(&app), Some((0, true)), "by time");
    press(&mut app, "Q:silences sideways<enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.message,
        Some((
            "'sideways' is not a silence order: score or time".into(),
            true
        ))
    );
}

#[test]
fn enter_closes_the_list_and_jumps_as_s_does() {
    let mut by_s = demo_app(80, 24);
    press(&mut by_s, "s");
    let mut app = demo_app(80, 24);
    press(&mut app, "Qjjk<enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.cursor,
        demo_at(14, 31, 7, 219),
        "the client's last line"
    );
    assert_eq!(app.panes[app.focus].name, "kiosk-client");
    assert_eq!(
        message(&app),
        "kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1"
    );
    assert_eq!(
        (app.cursor, app.pin, app.focus),
        (by_s.cursor, by_s.pin, by_s.focus)
    );
    assert_eq!(message(&app), message(&by_s));
}

#[test]
fn s_toggles_score_and_time_order_and_keeps_the_selection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(two_rhythms(dir.path()), 100, 30, true);
    let a = app.silences.clone().expect("analysed");
    assert_eq!(a.silences.len(), 2, "{a:?}");
    assert_eq!(a.quiet_periods.len(), 1, "{a:?}");
    // By score the ten minutes come first; by time the minute at 10:05.
    assert!(a.silences[0].gap.duration() > a.silences[1].gap.duration());
    assert_eq!(
        items(&a, false),
        [Item::Silence(0), Item::Silence(1), Item::Quiet(0)]
    );
    assert_eq!(
        items(&a, true),
        [Item::Silence(1), Item::Silence(0), Item::Quiet(0)]
    );
    press(&mut app, "Q");
    assert!(screen(&app).contains("silences by score (s: by time"));
    press(&mut app, "s");
    assert_eq!(list_mode(&app), Some((1, true)), "rank 1 is second by time");
    assert!(screen(&app).contains("silences by time (s: by score"));
    press(&mut app, "k<enter>");
    assert_eq!(app.cursor, at(5, 0), "flaky's last line before the minute");
    assert_eq!(app.panes[app.focus].name, "flaky");
    assert_eq!(
        message(&app),
        "flaky silent 1m00s from 10:05:00 · rank 2 of 2"
    );
    // j past the end stays on the last entry: one k leaves it.
    press(&mut app, "Qjjjjjk");
    assert_eq!(list_mode(&app), Some((1, false)));
    press(&mut app, "j<enter>");
    assert_eq!(app.cursor, a.quiet_periods[0].0, "a quiet period's start");
    assert!(
        message(&app).starts_with("every source quiet 1m"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_list_says_when_sources_are_still_loading() {
    let specs = [spec("api"), spec("db")];
    let mut app = unloaded_app(&["api", "db"]);
    app.size = (80, 24);
    update(&mut app, done(0, &specs[0]));
    press(&mut app, "Q");
    assert!(
        screen(&app).contains("1 of 2 still loading"),
        "{}",
        screen(&app)
    );
    press(&mut app, "<enter>");
    assert!(list_mode(&app).is_some(), "Enter waits for the analysis");
    assert_eq!(message(&app), "silences: still reading the sources");
}

#[test]
fn the_details_are_what_casefile_silences_reports() {
    use clap::Parser;
    let app = demo_app(80, 24);
    // The screen's report against one built as `casefile silences` builds it,
    // with the command line's own defaults.
    let cli = crate::cli::Cli::try_parse_from(["casefile", "silences", "x.log"]).expect("parses");
    let Some(crate::cli::Command::Silences(args)) = cli.command else {
        panic!("not the silences command");
    };
    let window = crate::timeparse::parse_duration(&args.window).expect("window");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let sources: Vec<_> = app
        .panes
        .iter()
        .map(|p| {
            let file = std::fs::read_dir(&dir)
                .expect("demo dir")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|f| f.file_stem().is_some_and(|s| s.to_str() == Some(&p.name)))
                .expect("demo file");
            load(&file_spec(&p.name, file))
        })
        .collect();
    let refs: Vec<&crate::source::Source> = sources.iter().collect();
    let analysis = crate::silence::analyze(&refs, crate::silence::DEFAULT_FLOOR);
    let headless =
        crate::headless::silences::report(&refs, &analysis, window, args.nearby, (None, None));
    let shown = app.silence_report.as_deref().expect("reported");
    assert_eq!(
        serde_json::to_value(shown).expect("json"),
        serde_json::to_value(&headless).expect("json")
    );
    assert_eq!(shown.silences[0].nearby.len(), 20);
}

#[test]
fn details_show_the_edges_and_the_kernel_hang_first() {
    // At 80 columns an error wraps under its text: the hang is read in full.
    let mut narrow = demo_app(80, 24);
    press(&mut narrow, "Q");
    let s = screen(&narrow);
    assert!(s.contains("*ERROR* GPU HANG: ecode"), "{s}");
    assert!(s.contains("9:1:85dffffb, in kiosk-client [2211]"), "{s}");
    let mut app = demo_app(200, 50);
    press(&mut app, "Q");
    let s = screen(&app);
    assert!(
        s.contains("kiosk-client silent 12m16s · rank 1 of 1"),
        "{s}"
    );
    assert!(s.contains("3 of 3 other sources logged through it"), "{s}");
    assert!(s.contains("last line 5010"), "{s}");
    assert!(s.contains("[render] uploading textures"), "{s}");
    assert!(s.contains("next line 5011"), "{s}");
    let hang = s
        .lines()
        .position(|l| l.contains("ER? kern") && l.contains("GPU HANG"))
        .expect("the hang, with its level tag as its pane shows it");
    let disconnect = s
        .lines()
        .position(|l| l.contains("WRN backend") && l.contains("ws disconnect"))
        .expect("the backend's warning, read as its pane reads JSON");
    assert!(hang < disconnect, "errors first:\n{s}");
}

#[test]
fn the_palette_finds_silences_and_jumps_there() {
    let mut app = demo_app(100, 30);
    let found = entries(&app, "silence kiosk");
    assert_eq!(found[0].label, "silence kiosk-client 14:31:07 12m16s");
    // A label without keys takes their column too: the time and length show.
    press(&mut app, "<C-p>silence");
    let s = screen(&app);
    assert!(
        s.lines()
            .any(|l| l.contains("silence kiosk-client 14:31:07 12m16s ")
                && l.contains("rank 1 of 1, score 40.19")),
        "{s}"
    );
    press(&mut app, "<esc>");
    press(&mut app, "<C-p>silence kiosk<enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.cursor, demo_at(14, 31, 7, 219));
    assert_eq!(
        message(&app),
        "kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1"
    );
}

#[test]
fn demo_silence_list_80x24() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Q");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn demo_silence_list_200x50() {
    let mut app = demo_app(200, 50);
    press(&mut app, "Q");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn quiet_periods_are_listed_apart_80x24() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(two_rhythms(dir.path()), 80, 24, true);
    press(&mut app, "Qs");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn precursors_show_between_the_edges_and_the_others_once_mined() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(two_rhythms(dir.path()), 120, 40, true);
    assert!(app.precursors.is_some(), "mined and computed inline");
    press(&mut app, "Q");
    let s = screen(&app);
    let line = |needle: &str| {
        s.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{s}"))
    };
    let head = line("before flaky's 2 silences (the 10m00s before each; rate elsewhere):");
    let burst = line("steady         120× reconnect attempt <*>  [120, 120; 0.00/h elsewhere]");
    assert!(line("next line") < head && head < burst, "{s}");
    assert!(burst < line("the others within 10s"), "{s}");
    // Until the pattern worker answers, the list says it is mining.
    app.precursors = None;
    assert!(screen(&app).contains("precursors: mining patterns…"));
    // The demo's client has one silence: nothing to compare, nothing shown.
    let mut demo = demo_app(200, 50);
    press(&mut demo, "Q");
    assert!(!screen(&demo).contains("precursors"));
}

#[test]
fn s_works_before_the_details_are_read_and_stale_details_are_dropped() {
    use crate::tui::work::{Job, WorkDone};
    let dir = tempfile::tempdir().expect("temp dir");
    let specs = two_rhythms(dir.path());
    let mut app = unloaded_app(&["steady", "flaky"]);
    app.size = (100, 30);
    for (id, s) in specs.iter().enumerate() {
        update(&mut app, done(id, s));
    }
    for job in take_jobs(&mut app, |j| matches!(j, Job::Silences { .. })) {
        update(&mut app, Msg::Work(job.run().expect("runs")));
    }
    assert!(app.silences.is_some() && app.silence_report.is_none());
    let reports = take_jobs(&mut app, |j| matches!(j, Job::SilenceReport { .. }));
    assert_eq!(reports.len(), 1, "the details follow the analysis");
    update(&mut app, Msg::Key(crate::tui::keymap::Key::char('s')));
    assert_eq!(
        message(&app),
        "flaky silent 1m00s from 10:05:00 · rank 2 of 2"
    );
    update(&mut app, Msg::Key(crate::tui::keymap::Key::char('Q')));
    assert!(
        screen(&app).contains("reading the records around it…"),
        "{}",
        screen(&app)
    );
    // A newer analysis (db reloaded) makes the pending report stale.
    update(&mut app, done(1, &specs[1]));
    for job in reports {
        let done = job.run().expect("runs");
        assert!(matches!(done, WorkDone::SilenceReport { .. }));
        update(&mut app, Msg::Work(done));
    }
    assert!(app.silence_report.is_none(), "a stale report is dropped");
    run_jobs(&mut app);
    assert!(app.silence_report.is_some());
    assert!(!screen(&app).contains("reading the records around it…"));
}

/// The details' scroll hint counts in English: "↓ 1 more line", not
/// "↓ 1 more lines" (seen scrolling the demo's silence list at 80x24).
#[test]
fn the_details_hint_says_one_more_line() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Q");
    let mut saw_one = false;
    for _ in 0..40 {
        let s = screen(&app);
        assert!(!s.contains(" 1 more lines"), "{s}");
        saw_one |= s.contains("↓ 1 more line (J)");
        if !s.contains("↓ ") {
            break;
        }
        press(&mut app, "J");
    }
    assert!(saw_one, "scrolled the details to their last line");
}

/// The records around a silence's start come errors first, then warnings,
/// each closest to the start first: the heading says so, since after the
/// errors the times go back and forth (14:31:07.201, 14:31:08.798,
/// 14:31:05.458) and read as unsorted.
#[test]
fn the_nearby_heading_says_the_closest_come_first() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Q");
    let s = screen(&app);
    assert!(
        s.contains("the others within 10s of its start, errors first, then the closest:"),
        "{s}"
    );
}

/// `two_rhythms` and a log that stopped the day before (`early`, 04:00 to
/// 04:07, every 500 ms).
fn with_early(dir: &std::path::Path) -> Vec<SourceSpec> {
    let mut specs = two_rhythms(dir);
    let mut text = String::new();
    for i in 0..840 {
        let ms = i * 500;
        let s = ms / 1000;
        text.push_str(&format!(
            "2026-11-19 04:{:02}:{:02}.{:03} INFO early tick {i}\n",
            s / 60,
            s % 60,
            ms % 1000
        ));
    }
    specs.push(written_spec(dir, "early", &text));
    specs
}

/// `with_early`: early's silence until the end began with no other source
/// logging, so it is no evidence. It is listed after flaky's, under a line
/// that says why; its details and the status line after Enter say why too.
#[test]
fn a_silence_alone_at_its_start_is_listed_last_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(with_early(dir.path()), 120, 24, true);
    let a = app.silences.clone().expect("analysed");
    let who: Vec<&str> = a
        .silences
        .iter()
        .map(|s| app.panes[s.source].name.as_str())
        .collect();
    assert_eq!(who, ["flaky", "flaky", "early"]);
    press(&mut app, "Qjj");
    let s = screen(&app);
    let line = |needle: &str| {
        s.lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{s}"))
    };
    let heading = line("no other source logging at their start (ranked last)");
    assert!(
        line("   2  flaky") < heading && heading < line("   3  early"),
        "{s}"
    );
    assert!(
        s.contains("no other source logging at its start (others begin 1d05h after it starts)"),
        "{s}"
    );
    insta::assert_snapshot!(snapshot(&app));
    press(&mut app, "<enter>");
    assert_eq!(
        message(&app),
        "early silent 1d06h (never came back) from 04:06:59 · rank 3 of 3 · \
         no other source logging at its start (others begin 1d05h after it starts)"
    );
}

/// `app` stops from 10:10 to 10:20; `worker`, logging at 10:10, stops for
/// good at 10:13. Nobody logged on both sides of app's silence, but another
/// source was logging at its start: its details say when that one stopped,
/// as `casefile silences` does, not "no other source around".
#[test]
fn others_that_stopped_during_a_silence_are_said_to_have_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = |name: &str, from: u32, to: u32, hole: Option<(u32, u32)>| {
        let mut text = String::new();
        for t in (from..=to).filter(|&t| !hole.is_some_and(|(a, b)| t > a && t < b)) {
            let (h, m, s) = (9 + t / 3600, t % 3600 / 60, t % 60);
            text.push_str(&format!(
                "2026-11-20 {h:02}:{m:02}:{s:02}.000 INFO {name} tick {t}\n"
            ));
        }
        written_spec(dir.path(), name, &text)
    };
    let specs = vec![
        log("app", 3600, 5400, Some((4200, 4800))),
        log("worker", 3300, 4380, None),
    ];
    let mut app = loaded(specs, 120, 24, true);
    press(&mut app, "Qj");
    let s = screen(&app);
    assert!(
        s.contains("from 10:10:00.000 to 10:20:00.000; others stopped 3m00s after it began"),
        "{s}"
    );
    assert!(!s.contains("no other source around"), "{s}");
}

/// At 80×24 the list has 7 rows: flaky's two silences, early's under the
/// line saying it ranks last, then the everyone-quiet period under its own
/// heading, one row too many. The heading showed on the list's last row
/// with its entry out of sight below it, as if it had none; a heading
/// shows with its first entry or not at all, whichever way the list is
/// scrolled.
#[test]
fn a_heading_never_shows_without_its_first_entry_80x24() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(with_early(dir.path()), 80, 24, true);
    let quiet = "every source quiet (no source logged)";
    let alone = "no other source logging at their start (ranked last)";
    for (keys, selected) in [
        ("Q", "   1  flaky"),
        ("j", "   2  flaky"),
        ("j", "   3  early"),
    ] {
        press(&mut app, keys);
        let s = screen(&app);
        let list: Vec<&str> = s.lines().take_while(|l| !l.starts_with('─')).collect();
        assert!(list.iter().any(|l| l.starts_with(selected)), "{s}");
        for (heading, entry) in [(quiet, "11-20 10:09:59"), (alone, "3  early")] {
            if let Some(at) = list.iter().position(|l| *l == heading) {
                assert!(
                    list.get(at + 1)
                        .is_some_and(|l| l.trim_start().starts_with(entry)),
                    "{heading:?} without {entry:?} under it, {selected:?} selected:\n{s}"
                );
            }
        }
        if keys == "Q" {
            insta::assert_snapshot!(snapshot(&app));
        }
    }
    // The last entry, selected: its heading above it.
    press(&mut app, "j");
    let s = screen(&app);
    let list: Vec<&str> = s.lines().take_while(|l| !l.starts_with('─')).collect();
    let at = list
        .iter()
        .position(|l| *l == quiet)
        .unwrap_or_else(|| panic!("{s}"));
    assert!(
        list[at + 1].trim_start().starts_with("11-20 10:09:59"),
        "{s}"
    );
}

/// `steady` logs every second for half an hour; `flaky` with it, but for a
/// minute in every two and a half: twelve silences, more than the list's
/// rows at 80×24.
fn many_silences(dir: &std::path::Path) -> Vec<SourceSpec> {
    let mut specs = Vec::new();
    for name in ["steady", "flaky"] {
        let mut text = String::new();
        for s in 0..1800 {
            if name == "flaky" && (60..120).contains(&(s % 150)) {
                continue;
            }
            let (m, sec) = (s / 60, s % 60);
            text.push_str(&format!(
                "2026-11-20 10:{m:02}:{sec:02}.000 INFO {name} tick {s}\n"
            ));
        }
        specs.push(written_spec(dir, name, &text));
    }
    specs
}

/// The list's lines on a narrow screen: between its column header and the
/// rule above the details.
fn list_lines(s: &str) -> Vec<String> {
    s.lines()
        .skip(2)
        .take_while(|l| !l.starts_with('─'))
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[test]
fn a_cut_list_says_how_many_silences_are_above_and_below_80x24() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(many_silences(dir.path()), 80, 24, true);
    let total = app.silences.clone().expect("analysed").silences.len();
    assert_eq!(total, 12);
    press(&mut app, "Q");
    let rows = list_lines(&screen(&app));
    // Seven rows under the header: six silences and what is below.
    assert_eq!(rows.len(), 7, "{rows:#?}");
    assert_eq!(rows[6], "↓ 6 more", "{rows:#?}");
    press(&mut app, &"j".repeat(11));
    let rows = list_lines(&screen(&app));
    assert_eq!(rows[0], "↑ 6 more", "{rows:#?}");
    assert!(rows.iter().all(|r| !r.starts_with('↓')), "{rows:#?}");
    assert!(rows[6].contains("10:"), "the last silence shows: {rows:#?}");
    // Back up past the top rows: the first six show again.
    press(&mut app, "kkkkkk");
    let rows = list_lines(&screen(&app));
    assert_eq!(rows[6], "↓ 6 more", "{rows:#?}");
    assert!(rows[0].starts_with("   1  flaky"), "{rows:#?}");
}

#[test]
fn a_cut_list_beside_its_details_says_how_many_are_below() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = loaded(many_silences(dir.path()), 160, 14, true);
    press(&mut app, "Q");
    let s = screen(&app);
    // The list's column beside the details: its last row says what is below.
    let rows: Vec<&str> = s.lines().skip(2).take(11).collect();
    assert!(rows[0].contains('│'), "beside the details:\n{s}");
    let last = rows.last().expect("rows");
    assert!(last.starts_with("↓ 2 more "), "{s}");
}
