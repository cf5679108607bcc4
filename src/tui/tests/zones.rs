//! Zones on the screen (issue 13 §1): with `--tz` alone, times show in that
//! zone and the status line names it; `t`/`:goto` and `--since` read typed
//! times in it, on the day the sources cover.

use super::*;
use crate::time::at;
use crate::tui::action::{Action, PromptKind};
use crate::tui::update::apply;
use crate::user_time::Asked;

fn shanghai() -> Zone {
    Zone::parse("Asia/Shanghai").expect("zone")
}

/// The api fixture read as Shanghai time (as `--tz Asia/Shanghai` does),
/// opened the way `tui_entry` opens it, with `since` typed by the user.
fn app_in_shanghai(since: Option<&str>) -> App {
    let mut spec = spec("api");
    spec.settings.zone = Some(shanghai());
    let asked = Asked {
        display_zone: None,
        read_zone: shanghai(),
        since: since.map(str::to_string),
        until: None,
        now: at("2026-12-01T08:00:00Z"),
    };
    let view = ViewOptions {
        display_zone: asked.zone_of_specs(std::slice::from_ref(&spec)),
        asked: Some(asked),
        ..test_view()
    };
    let mut app = new_app(vec!["api".into()], &view, true);
    app.size = (120, 20);
    let opts = LoadOptions {
        zone: shanghai(),
        now: 1_700_000_000_000_000_000,
        levels: true,
    };
    let (parts, warnings) = source::open(&spec).expect("fixture opens");
    let src = source::index(&spec, Arc::new(parts), warnings, &opts, |_| {});
    update(&mut app, source_done(0, src));
    run_jobs(&mut app);
    app
}

fn status(app: &App) -> String {
    screen(app).lines().last().unwrap_or("").to_string()
}

#[test]
fn tz_alone_shows_times_as_the_files_write_them_and_names_the_zone() {
    let mut app = app_in_shanghai(None);
    assert_eq!(app.zone, shanghai());
    let s = status(&app);
    assert!(s.contains("2022-03-24 17:20:00.000 Asia/Shanghai"), "{s}");
    assert!(!s.contains("local"), "{s}");
    // `t 17:22` is 17:22 in Shanghai, as the file writes it.
    apply(&mut app, Action::OpenPrompt(PromptKind::Goto));
    for c in "17:22".chars() {
        apply(&mut app, Action::Input(c));
    }
    apply(&mut app, Action::Submit);
    assert_eq!(app.cursor, at("2022-03-24T09:22:00Z"));
    let s = status(&app);
    assert!(s.contains("2022-03-24 17:22:00.000 Asia/Shanghai"), "{s}");
    assert!(
        screen(&app).contains("17:22:00.000 INF"),
        "{}",
        screen(&app)
    );
}

#[test]
fn since_without_a_date_is_read_on_the_sources_day_in_the_display_zone() {
    let app = app_in_shanghai(Some("17:21"));
    assert_eq!(app.since, Some(at("2022-03-24T09:21:00Z")));
    assert_eq!(app.cursor, at("2022-03-24T09:21:00Z"));
}

#[test]
fn the_machine_zone_is_never_called_local() {
    let app = app(&["api"], 120, 20);
    let mut app = app;
    app.zone = Zone::Local;
    let s = status(&app);
    assert!(!s.contains(" local"), "{s}");
}

/// `t` says which day a time without a date was taken on when the sources
/// cover several (as `--since` says it on stderr), and how far outside the
/// sources a time lies, as `show --at` does: a cursor a year away from every
/// record otherwise just shows each pane's first record, as if it were there.
#[test]
fn t_says_which_day_it_took_and_how_far_outside_the_sources_a_time_is() {
    let mut night = super::app(&["night"], 120, 20);
    press(&mut night, "t23:59:59.5<enter>");
    assert_eq!(night.cursor, at("2022-03-24T23:59:59.5Z"));
    assert!(
        message(&night).contains(
            "'23:59:59.5' read as 2022-03-24 23:59:59.500 UTC (the sources cover 2022-03-24 to 2022-03-25)"
        ),
        "{}",
        message(&night)
    );
    press(&mut night, "t2021-03-24 00:00<enter>");
    assert_eq!(night.cursor, at("2021-03-24T00:00:00Z"));
    assert!(
        message(&night).starts_with("2021-03-24 00:00:00.000 UTC is ")
            && message(&night).ends_with(
                " before the first record: the sources cover 2022-03-24 23:59:58.000 to 2022-03-25 00:00:02.000 UTC"
            ),
        "{}",
        message(&night)
    );
    // Inside one day's sources, nothing to say.
    let mut app = super::app(&["api"], 120, 20);
    app.message = None;
    press(&mut app, "t17:22<enter>");
    assert_eq!(message(&app), "");
}

/// `:goto 01:30` on lnav's DST log read in New York time: 01:30 came twice
/// that night. The status line says which was taken and how to type the
/// other, which then goes to the second pass (it went to the first, unsaid).
#[test]
fn goto_in_the_repeated_hour_says_which_pass_and_the_other_goes_there() {
    let ny = Zone::parse("America/New_York").expect("zone");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/syslog-rfc3164/lnav-logfile_dst.0");
    let mut spec = file_spec("dst", path);
    spec.settings.zone = Some(ny.clone());
    spec.settings.date = Some(at("2024-11-03T00:00:00Z"));
    let view = ViewOptions {
        display_zone: ny.clone(),
        ..test_view()
    };
    let mut app = new_app(vec!["dst".into()], &view, true);
    app.size = (120, 20);
    let opts = LoadOptions {
        zone: ny,
        now: 1_700_000_000_000_000_000,
        levels: true,
    };
    let (parts, warnings) = source::open(&spec).expect("corpus file opens");
    let src = source::index(&spec, Arc::new(parts), warnings, &opts, |_| {});
    update(&mut app, source_done(0, src));
    run_jobs(&mut app);
    press(&mut app, ":goto 01:30<enter>");
    assert_eq!(app.cursor, at("2024-11-03T05:30:00Z"));
    assert_eq!(
        message(&app),
        "'01:30' came twice in America/New_York (daylight saving time ended): read as the first, \
         2024-11-03T01:30:00-04:00; the second is 1h00m later: type 2024-11-03T01:30:00-05:00"
    );
    press(&mut app, ":goto 2024-11-03T01:30:00-05:00<enter>");
    assert_eq!(app.cursor, at("2024-11-03T06:30:00Z"));
    // The second pass's 01:24:56, the record at or before it.
    assert_eq!(record_at_cursor(&app, 0), 5);
}
