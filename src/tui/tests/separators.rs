//! Silences on the screen: separator rows in the panes and the merged view,
//! the overview's silent stretches, one definition of "quiet", and the
//! analysis found again when a clock offset or `--min-silence` changes it.

use std::path::Path;

use super::*;
use crate::silence::Settings as SilenceSettings;
use crate::time::NANOS_PER_SEC;
use crate::tui::action::Action;
use crate::tui::update::apply;

const S: i64 = NANOS_PER_SEC;

/// Two logs with their own rhythms: `ticker` every 100 ms with one stop of
/// 20.1 s (after `tick 1199` at 12:01:59.900, `tick 1200` at 12:02:20.000),
/// and `cron` once a minute (12:00:10, 12:01:10, … 12:04:10), which logs
/// through ticker's stop.
fn write_rhythms(dir: &Path) -> Vec<SourceSpec> {
    let mut ticker = String::new();
    for i in 0..2400i64 {
        let ms = i * 100 + if i >= 1200 { 20_000 } else { 0 };
        let t = demo_at(12, 0, 0, 0) + ms * 1_000_000;
        let stamp = crate::time::format_rfc3339(t);
        ticker.push_str(&format!("{stamp} INFO tick {i}\n"));
    }
    let mut cron = String::new();
    for m in 0..5 {
        let stamp = crate::time::format_rfc3339(demo_at(12, m, 10, 0));
        cron.push_str(&format!("{stamp} INFO job ran: rotate-logs\n"));
    }
    [("ticker", ticker), ("cron", cron)]
        .into_iter()
        .map(|(name, text)| written_spec(dir, name, &text))
        .collect()
}

/// The rhythm logs, loaded, analysed with `settings` as `--min-silence` and
/// `--window` set them. The directory lives as long as the app needs it.
pub fn rhythm_app_with(w: u16, h: u16, settings: SilenceSettings) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let specs = write_rhythms(dir.path());
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &test_view(),
        true,
    );
    app.size = (w, h);
    app.silence_settings = settings;
    for (id, spec) in specs.iter().enumerate() {
        update(&mut app, done(id, spec));
    }
    app.message = None;
    run_jobs(&mut app);
    (app, dir)
}

pub fn rhythm_app(w: u16, h: u16) -> (App, tempfile::TempDir) {
    rhythm_app_with(w, h, SilenceSettings::default())
}

const TICKER: usize = 0;
const CRON: usize = 1;

/// The screen line right after the first line containing `text`.
fn line_after<'a>(screen: &'a str, text: &str) -> &'a str {
    let mut lines = screen.lines();
    lines.find(|l| l.contains(text));
    lines.next().unwrap_or_default()
}

/// Issue 14 item 1: "quiet" was "nearest record 10 s away", so a cron log's
/// minute was "quiet for 30s"; now only a silence of the source is quiet.
#[test]
fn a_sparse_rhythm_is_not_quiet_and_a_stop_in_a_busy_source_is() {
    let (mut app, _dir) = rhythm_app(120, 30);
    apply(&mut app, Action::GotoTime(demo_at(12, 1, 40, 0)));
    assert_eq!(
        app.quiet(CRON),
        None,
        "30 s after cron's record: its rhythm"
    );
    assert_eq!(app.quiet(TICKER), None);
    apply(&mut app, Action::GotoTime(demo_at(12, 2, 5, 0)));
    assert_eq!(
        app.quiet(TICKER),
        Some(5 * S + S / 10),
        "5.1 s after tick 1199"
    );
    assert_eq!(app.quiet(CRON), None);
    let s = screen(&app);
    assert!(
        s.contains("quiet for 5.100s at the cursor 12:02:05.000"),
        "{s}"
    );
    assert!(!s.contains("cron  2026-11-20  quiet"), "{s}");
}

#[test]
fn a_pane_marks_its_silence_below_the_last_row_before_it_anywhere_on_screen() {
    let (mut app, _dir) = rhythm_app(80, 24);
    // The cursor above the stop: the separator is drawn where the gap is.
    press(&mut app, "t12:01:59.700<enter>");
    let s = screen(&app);
    assert_eq!(line_after(&s, "tick 1199"), " ┄┄ silent 20s ┄┄", "{s}");
    assert!(line_after(&s, "silent 20s").contains("tick 1200"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn a_pane_inside_its_silence_says_how_long_on_the_separator_wide() {
    let (mut app, _dir) = rhythm_app(200, 40);
    press(&mut app, "t12:02:05<enter>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn j_k_pages_and_search_step_over_the_separator() {
    let (mut app, _dir) = rhythm_app(80, 24);
    press(&mut app, "t12:01:59.900<enter>");
    assert_eq!(record_at_cursor(&app, TICKER), 1199);
    press(&mut app, "j");
    assert_eq!(
        record_at_cursor(&app, TICKER),
        1200,
        "the separator is no row"
    );
    press(&mut app, "k");
    assert_eq!(record_at_cursor(&app, TICKER), 1199);
    press(&mut app, "kk<pgdn>");
    let paged = record_at_cursor(&app, TICKER);
    assert!(paged > 1200, "a page crosses the stop: {paged}");
    press(&mut app, "<pgup>");
    assert_eq!(
        record_at_cursor(&app, TICKER),
        1197,
        "and back, record for record"
    );
    press(&mut app, "/tick 1200$<enter>");
    assert_eq!(
        record_at_cursor(&app, TICKER),
        1200,
        "search lands on the record"
    );
    // Merged: ticker's last line, the cron line inside its silence, then its return.
    press(&mut app, "Mt12:01:59.900<enter>");
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (p, k) = app.merged_cursor().expect("cursor");
        seen.push(app.row_ref(p, k).expect("row"));
        press(&mut app, "j");
    }
    assert_eq!(seen, [(TICKER, 1199), (CRON, 2), (TICKER, 1200)]);
}

#[test]
fn a_silence_among_filtered_out_rows_shows_between_the_rows_around_it() {
    let (mut app, _dir) = rhythm_app(80, 24);
    press(&mut app, ":filter-out tick 119<enter>t12:01:58.900<enter>");
    let s = screen(&app);
    assert!(!s.contains("tick 1199"), "{s}");
    assert_eq!(line_after(&s, "tick 1189"), " ┄┄ silent 20s ┄┄", "{s}");
}

#[test]
fn the_merged_view_marks_a_silence_where_it_begins_naming_the_source() {
    let (mut app, _dir) = rhythm_app(80, 24);
    press(&mut app, "Mt12:01:59.900<enter>");
    let s = screen(&app);
    assert_eq!(
        line_after(&s, "tick 1199"),
        " ┄┄ ticker silent 20s ┄┄",
        "{s}"
    );
    assert!(line_after(&s, "silent 20s").contains("rotate-logs"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
}

/// The demo incident: the client's stop at 14:31:07.219, until its restart.
#[test]
fn demo_merged_80x24_at_the_clients_last_line() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Mt14:31:07.219<enter>");
    let s = screen(&app);
    assert!(s.contains("┄┄ kiosk-client silent 12m16s ┄┄"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn demo_merged_200x50_at_the_clients_last_line() {
    let mut app = demo_app(200, 50);
    press(&mut app, "Mt14:31:07.219<enter>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn demo_pane_80x24_marks_the_clients_silence() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus kiosk-client<enter>t14:31:07.219<enter>");
    let s = screen(&app);
    assert_eq!(line_after(&s, "187 MiB)"), " ┄┄ silent 12m16s ┄┄", "{s}");
    insta::assert_snapshot!(snapshot(&app));
}

/// An open silence (the source never came back) says so, on the separator and the status line.
#[test]
fn a_source_that_never_came_back_says_so() {
    let mut app = app(&["api", "wide"], 120, 30);
    press(&mut app, ":focus wide<enter>G");
    let s = screen(&app);
    assert!(
        s.contains("┄┄ silent since 17:22:00.000 (never came back: 5m00s to the end) ┄┄"),
        "{s}"
    );
    // `S` from the end lands on it, and the status line words it the same way.
    press(&mut app, "GS");
    let said = app
        .message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default();
    assert!(
        said.starts_with("wide silent") && said.contains("(never came back)"),
        "{said}"
    );
}

/// Issue 14 item 6: the overview draws a silence apart from a sparse rhythm.
#[test]
fn the_overview_draws_silent_stretches_apart_from_sparse_ones() {
    let (app, _dir) = rhythm_app(100, 24);
    let s = screen(&app);
    let row = |name: &str| {
        s.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("ticker").contains('┄'), "{s}");
    assert!(row("cron").contains("  "), "cron's minutes are blank: {s}");
    assert!(!row("cron").contains('┄'), "and not silent: {s}");
    insta::assert_snapshot!(snapshot(&app));
}

/// Issue 14 item 6: an offset moves a source in time, so its silences and
/// who logged through them change; the analysis is done again.
#[test]
fn a_clock_offset_finds_the_silences_again() {
    let (mut app, _dir) = rhythm_app(120, 30);
    let start = |app: &App| {
        let a = app.silences.as_ref().expect("analysed");
        a.silences.iter().map(|s| s.gap.start).collect::<Vec<_>>()
    };
    assert_eq!(start(&app), [demo_at(12, 1, 59, 900)]);
    // One minute later, cron's 12:03:10 line still falls inside it.
    apply(&mut app, Action::SetOffset(60 * S));
    assert!(app.silences.is_none(), "the old places are not drawn");
    run_jobs(&mut app);
    assert_eq!(start(&app), [demo_at(12, 2, 59, 900)]);
    // 30 s later nobody logs through it: everyone was quiet, not a silence.
    apply(&mut app, Action::SetOffset(30 * S));
    run_jobs(&mut app);
    let a = app.silences.clone().expect("analysed");
    assert!(a.silences.is_empty(), "{a:?}");
    assert_eq!(
        a.quiet_periods,
        [(demo_at(12, 2, 29, 900), demo_at(12, 2, 50, 0))]
    );
}

/// `--min-silence` and `--window` given to the screen set its analysis.
#[test]
fn min_silence_and_window_apply_to_the_screen() {
    let settings = crate::commands::silence_settings(Some("30s"), Some("2s")).expect("valid");
    assert_eq!(
        settings,
        SilenceSettings {
            floor: 30 * S,
            window: 2 * S
        }
    );
    let (mut app, _dir) = rhythm_app_with(120, 30, settings);
    assert_eq!(app.silence_settings, settings);
    let a = app.silences.clone().expect("analysed");
    assert!(a.silences.is_empty(), "20.1 s is under 30 s: {a:?}");
    apply(&mut app, Action::GotoTime(demo_at(12, 2, 5, 0)));
    assert_eq!(app.quiet(TICKER), None);
    // --window: cron's 12:02:10 line is 10.1 s after ticker's stop began.
    let near = |window: i64| {
        let settings = SilenceSettings {
            window,
            ..SilenceSettings::default()
        };
        let (app, _dir) = rhythm_app_with(120, 30, settings);
        let report = app.silence_report.clone().expect("correlated");
        report.silences[0].nearby.len()
    };
    assert_eq!(near(10 * S), 0, "the default window");
    assert_eq!(near(11 * S), 1, "cron's line");
    let e = crate::commands::silence_settings(Some("0s"), None).expect_err("zero");
    assert!(e.to_string().contains("--min-silence '0s'"), "{e}");
    let e = crate::commands::silence_settings(None, Some("soon")).expect_err("not a duration");
    assert!(e.to_string().contains("--window"), "{e}");
    let cli =
        crate::cli::parse_from(&["casefile", "--min-silence", "30s", "a.log"]).expect("parses");
    assert_eq!(cli.min_silence.as_deref(), Some("30s"));
}

/// A separator too long for its pane is shortened so that what shows is
/// whole: the cursor's "at the cursor …" goes first, then words give way to
/// `…`; it was cut at the pane's edge mid-word (`· quiet for 5h` for 5h00m).
#[test]
fn a_separator_wider_than_its_pane_is_shortened_not_cut() {
    let mut app = app(&["api", "wide"], 80, 24);
    press(&mut app, ":focus wide<enter>G:focus api<enter>");
    // The cursor inside wide's silence: its separator carries "quiet for".
    press(&mut app, ":focus wide<enter>t17:25<enter>");
    let s = screen(&app);
    let sep = s
        .lines()
        .find(|l| l.contains("┄┄ silent since"))
        .unwrap_or_else(|| panic!("the separator:\n{s}"));
    let sep = sep.trim_end();
    assert!(sep.ends_with("┄┄"), "{sep:?}\n{s}");
    assert!(sep.contains("quiet for 3m00s"), "{sep:?}\n{s}");
    for w in [60, 40] {
        app.size = (w, 24);
        let s = screen(&app);
        let sep = s
            .lines()
            .find(|l| l.contains("┄┄ silent since"))
            .unwrap_or_else(|| panic!("the separator at {w}:\n{s}"));
        assert!(sep.trim_end().ends_with("┄┄"), "{sep:?}\n{s}");
    }
}

/// The cursor's "quiet for … at the cursor" line, drawn apart when a filter
/// hides every row before the silence, is shortened as the separators are:
/// the cursor's time goes first, then words give way to `…`. It was cut at
/// the pane's edge mid-word (`┄┄ quiet for 3` side by side at 80 columns).
#[test]
fn the_cursors_quiet_line_is_shortened_at_a_word_not_cut() {
    let mut app = demo_app(80, 24);
    // Only the client's records after its silence pass: the cursor, inside
    // the silence, stands before every row.
    press(
        &mut app,
        ":focus kiosk-client<enter>:filter-in ^2026-11-20 14:4[3-9]<enter>t14:35<enter>",
    );
    let quiet_line = |app: &App| {
        let s = screen(app);
        let line = s
            .lines()
            .find(|l| l.contains("┄┄ quiet"))
            .unwrap_or_else(|| panic!("the quiet line:\n{s}"))
            .to_string();
        // Side by side: the client's pane's part of the line.
        let part = line
            .split('│')
            .find(|p| p.contains("┄┄ quiet"))
            .expect("its pane")
            .trim_end()
            .to_string();
        (part, s)
    };
    let (whole, s) = quiet_line(&app);
    assert_eq!(
        whole, " ┄┄ quiet for 3m52s at the cursor 14:35:00.000 ┄┄",
        "{s}"
    );
    for w in [40, 24] {
        app.size = (w, 24);
        let (part, s) = quiet_line(&app);
        assert!(part.ends_with(" ┄┄"), "at {w}: {part:?}\n{s}");
        assert!(part.contains("quiet for 3m52s"), "at {w}: {part:?}\n{s}");
    }
    app.size = (80, 24);
    press(&mut app, "L");
    let (part, s) = quiet_line(&app);
    assert!(part.ends_with(" ┄┄"), "side by side: {part:?}\n{s}");
    assert!(part.contains("quiet"), "side by side: {part:?}\n{s}");
}
