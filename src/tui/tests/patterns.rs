//! Patterns in the TUI: background mining with progress, precursors, the
//! pattern view, its filter and the palette's pattern entries.

use super::*;
use crate::tui::action::Action;
use crate::tui::mining::Progress;
use crate::tui::update::take_effects;
use crate::tui::work::{Job, WorkDone};

#[path = "../../../tests/common/burst_logs.rs"]
mod burst_logs;

/// A server logging steadily, and a client that logs every half second and
/// stops twice, each time after a burst of reconnect attempts (the scenario
/// `tests/silences.rs` runs headless). Written to `dir`; specs in pane order
/// server, client.
pub fn burst_specs(dir: &std::path::Path) -> Vec<SourceSpec> {
    let (server, client) = burst_logs::burst_logs();
    ["server", "client"]
        .iter()
        .zip([server, client])
        .map(|(name, text)| written_spec(dir, name, &text))
        .collect()
}

fn template_texts(app: &App, pane: usize) -> Vec<String> {
    let mined = app.patterns.as_ref().expect("mined");
    let k = mined.entry(pane).expect("pane mined");
    mined.patterns[k]
        .templates
        .iter()
        .map(|t| t.text.clone())
        .collect()
}

#[test]
fn every_source_is_mined_once_all_are_loaded() {
    let app = demo_app(120, 40);
    let mined = app.patterns.as_ref().expect("mined after loading");
    assert_eq!(mined.panes, [0, 1, 2, 3, 4], "one entry per pane");
    for (k, &p) in mined.panes.iter().enumerate() {
        let src = app.source(p).expect("loaded");
        assert_eq!(mined.patterns[k].ids.len(), src.index.len(), "every record");
        let total: u64 = mined.patterns[k].templates.iter().map(|t| t.count).sum();
        assert_eq!(total as usize, src.index.len());
        assert_eq!(
            mined.occurrences[k].templates(),
            mined.patterns[k].templates.len()
        );
    }
    assert!(
        template_texts(&app, 3)
            .iter()
            .any(|t| t.starts_with("websocket closed abnormally")),
        "{:?}",
        template_texts(&app, 3)
    );
    assert_eq!(app.pattern_work.label(), None, "no progress once done");
    assert!(app.precursors.is_some(), "computed after the silences");
}

#[test]
fn mining_reports_progress_and_keeps_only_the_newest_answer() {
    let specs = [spec("api"), spec("db")];
    let mut app = unloaded_app(&["api", "db"]);
    app.size = (120, 30);
    let mining_jobs = |app: &mut App| take_jobs(app, |j| matches!(j, Job::Patterns { .. }));
    update(&mut app, done(0, &specs[0]));
    assert!(mining_jobs(&mut app).is_empty(), "db is still loading");
    assert_eq!(app.pattern_work.label(), None);
    update(&mut app, done(1, &specs[1]));
    let first = mining_jobs(&mut app);
    assert_eq!(first.len(), 1);
    assert_eq!(
        app.pattern_work.label().as_deref(),
        Some("mining patterns… 0/2 sources")
    );
    app.message = None;
    assert!(screen(&app).contains("mining patterns… 0/2 sources"));
    // A message comes first, the progress stays after it.
    app.info("db: clock offset +1s");
    let s = screen(&app);
    assert!(
        s.contains("│ db: clock offset +1s │ mining patterns… 0/2 sources"),
        "{s}"
    );
    app.message = None;
    // db loads again: the first job is superseded and stops.
    update(&mut app, done(1, &specs[1]));
    let second = mining_jobs(&mut app);
    for job in first {
        assert_eq!(job.run(), None, "a superseded job gives no answer");
    }
    let mut reports = Vec::new();
    let mut last = None;
    for job in second {
        last = job.run_with(&mut |d| reports.push(d));
    }
    let progress: Vec<Progress> = reports
        .iter()
        .filter_map(|d| match d {
            WorkDone::PatternProgress { progress, .. } => Some(*progress),
            _ => None,
        })
        .collect();
    // A report as each source is done (and every 250 ms while one is mined):
    // sources and records only grow, up to every record of both.
    let of: usize = (0..app.panes.len())
        .filter_map(|p| app.source(p))
        .map(|s| s.index.len())
        .sum();
    assert!(of > 0);
    let mut dones: Vec<usize> = progress.iter().map(|p| p.done).collect();
    dones.dedup();
    assert!(dones.ends_with(&[1, 2]), "{progress:?}");
    assert!(
        progress
            .windows(2)
            .all(|w| w[0].done <= w[1].done && w[0].records <= w[1].records),
        "{progress:?}"
    );
    assert_eq!(
        progress.last(),
        Some(&Progress {
            done: 2,
            total: 2,
            records: of,
            of
        })
    );
    let one = reports
        .iter()
        .find(|d| matches!(d, WorkDone::PatternProgress { progress, .. } if progress.done == 1))
        .expect("a report after the first source");
    update(&mut app, Msg::Work(one.clone()));
    let WorkDone::PatternProgress { progress: p, .. } = one else {
        unreachable!()
    };
    assert_eq!(
        app.pattern_work.label(),
        Some(format!(
            "mining patterns… {}% (1/2 sources)",
            p.records * 100 / of
        ))
    );
    assert!(app.patterns.is_none());
    update(&mut app, Msg::Work(last.expect("an answer")));
    assert_eq!(app.pattern_work.label(), None);
    assert_eq!(
        app.patterns.as_ref().map(|m| m.panes.clone()),
        Some(vec![0, 1])
    );
    // A progress report arriving after the answer changes nothing.
    update(&mut app, Msg::Work(reports[1].clone()));
    assert_eq!(app.pattern_work.label(), None);
}

/// A load warning on the status line hid the mining progress until a key
/// was pressed (the demo: `supervisord: no time zone in timestamps…` over
/// `mining patterns… 43%`). Both show: the warning first, then the progress, shorter.
#[test]
fn a_load_warning_leaves_the_mining_progress_in_sight() {
    // The demo's logs (its dump, dated apart, ends on a note of its own).
    let specs: Vec<SourceSpec> = demo_specs()
        .into_iter()
        .filter(|s| s.name != "goroutines")
        .collect();
    let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
    let mut app = unloaded_app(&names);
    app.size = (80, 24);
    for (id, s) in specs.iter().enumerate() {
        update(&mut app, done(id, s));
    }
    let held = take_jobs(&mut app, |j| matches!(j, Job::Patterns { .. }));
    assert_eq!(held.len(), 1);
    let (msg, warn) = app.message.clone().expect("a message");
    assert!(warn, "a warning: {msg}");
    let first = format!("│ {}", msg.split(' ').next().unwrap_or_default());
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    let s = status(&app);
    assert!(s.contains(&first), "the warning: {s}");
    assert!(s.contains("mining patterns… 0/4"), "the progress: {s}");
    let of: usize = (0..app.panes.len())
        .filter_map(|p| app.source(p))
        .map(|s| s.index.len())
        .sum();
    let progress = Progress {
        done: 1,
        total: 4,
        records: of * 43 / 100 + 1,
        of,
    };
    let generation = app.pattern_work.generation;
    update(
        &mut app,
        Msg::Work(WorkDone::PatternProgress {
            generation,
            progress,
        }),
    );
    let s = status(&app);
    assert!(s.contains(&first), "{s}");
    assert!(s.contains("│ mining patterns… 43% "), "{s}");
    assert!(s.contains("! more"), "the warning whole in `!`: {s}");
    // Wide, both whole.
    app.size = (200, 50);
    let s = status(&app);
    assert!(s.contains(&msg), "{s}");
    assert!(s.contains("mining patterns… 43% (1/4 sources)"), "{s}");
}

#[test]
fn precursors_name_the_burst_in_pane_numbers_and_follow_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = loaded(burst_specs(dir.path()), 120, 30, true);
    let silent: Vec<usize> = app
        .silences
        .as_ref()
        .expect("silences")
        .silences
        .iter()
        .map(|s| s.source)
        .collect();
    assert_eq!(silent, [1, 1], "the client (pane 1) stops twice");
    let pre = app.precursors.clone().expect("precursors");
    let first = pre.first().expect("a precursor");
    assert_eq!((first.silent, first.source), (1, 1));
    let mined = app.patterns.as_ref().expect("mined");
    let k = mined.entry(1).expect("client mined");
    assert_eq!(
        mined.patterns[k].templates[first.template as usize].text,
        "ws reconnect attempt <*>"
    );
    assert_eq!(first.before_counts, [40, 40]);
    // A clock offset moves times: silences are found again, then precursors.
    update(&mut app, Msg::Action(Action::SetOffset(3_600_000_000_000)));
    let jobs: Vec<Job> = take_effects(&mut app).jobs;
    assert!(
        jobs.iter().any(|j| matches!(j, Job::Silences { .. })),
        "{jobs:?}"
    );
    for job in jobs {
        if let Some(d) = job.run() {
            update(&mut app, Msg::Work(d));
        }
    }
    run_jobs(&mut app);
    let again = app.precursors.clone().expect("precursors");
    assert!(!Arc::ptr_eq(&pre, &again), "a new answer");
}

use crate::tui::app::Mode;
use crate::tui::pattern_list::{self, PatternView, Sort};

pub(super) fn view(app: &App) -> PatternView {
    match &app.mode {
        Mode::Patterns(v) => v.clone(),
        other => panic!("not the pattern view: {other:?}"),
    }
}

pub(super) fn listed(app: &App) -> Vec<pattern_list::Row> {
    pattern_list::rows(app, &view(app))
}

fn selected_text(app: &App) -> String {
    let rows = listed(app);
    let v = view(app);
    pattern_list::text(app, &rows[v.list.selected]).to_string()
}

/// The demo with the cursor on the kiosk client's silence, pattern view open.
pub(super) fn demo_patterns(w: u16, h: u16) -> App {
    let mut app = demo_app(w, h);
    press(&mut app, "s");
    app.message = None;
    press(&mut app, "p");
    app
}

#[test]
fn p_lists_the_focused_sources_templates_and_a_toggles_every_source() {
    let mut app = demo_patterns(120, 40);
    let rows = listed(&app);
    assert!(
        rows.iter().all(|r| r.pane == 3),
        "the focused kiosk-client only"
    );
    assert_eq!(rows.len(), 37);
    assert_eq!(selected_text(&app), "frame <*> presented in <*>ms");
    assert_eq!(rows[0].count, 4752);
    assert!(
        rows.windows(2).all(|w| w[0].count >= w[1].count),
        "by count"
    );
    assert!(screen(&app).starts_with("patterns: kiosk-client (4/5) · 37 templates · by count"));
    // j selects the next; a keeps it selected among every source's templates.
    press(&mut app, "j");
    assert_eq!(selected_text(&app), "websocket ping rtt=<*>ms");
    press(&mut app, "a");
    assert!(view(&app).all);
    assert_eq!(
        selected_text(&app),
        "websocket ping rtt=<*>ms",
        "still selected"
    );
    let panes: std::collections::BTreeSet<usize> = listed(&app).iter().map(|r| r.pane).collect();
    assert_eq!(panes.into_iter().collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert!(screen(&app).starts_with("patterns: all 5 sources · 171 templates · by count"));
    press(&mut app, "a");
    assert!(!view(&app).all);
    // p, q and esc close it.
    for close in ["p", "q", "<esc>"] {
        press(&mut app, close);
        assert_eq!(app.mode, Mode::Normal, "{close}");
        press(&mut app, "p");
    }
    // :patterns all opens every source's; :patterns NAME one source's.
    press(&mut app, "q:patterns all<enter>");
    assert!(view(&app).all);
    press(&mut app, "q:patterns kern<enter>");
    assert!(!view(&app).all);
    assert_eq!(app.panes[app.focus].name, "kern");
    assert!(listed(&app).iter().all(|r| r.pane == 2));
    press(&mut app, "q:patterns nosuch<enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, warn)| *warn && m.contains("nosuch"))
    );
}

#[test]
fn s_cycles_count_first_appearance_and_what_changed_around_the_cursor() {
    let mut app = demo_patterns(120, 40);
    press(&mut app, "s");
    assert_eq!(view(&app).sort, Sort::First);
    let rows = listed(&app);
    let firsts: Vec<i64> = rows.iter().map(|r| r.first.expect("timed")).collect();
    assert!(
        firsts.windows(2).all(|w| w[0] <= w[1]),
        "by first appearance"
    );
    assert!(
        screen(&app)
            .starts_with("patterns: kiosk-client (4/5) · 37 templates · by first appearance")
    );
    press(&mut app, "s");
    assert_eq!(view(&app).sort, Sort::Changed);
    let rows = listed(&app);
    assert!(
        rows.windows(2)
            .all(|w| w[0].change.score >= w[1].change.score),
        "by score"
    );
    // Three failed reconnects in the ±5m around the silence, none before.
    assert_eq!(
        selected_text(&app),
        "websocket connect attempt <*> failed: java.net.NoRouteToHostException: No route to host"
    );
    assert_eq!((rows[0].change.within, rows[0].change.before), (3, 0));
    assert_eq!(rows[0].change.score, Some(4.0));
    assert!(
        screen(&app).starts_with(
            "patterns: kiosk-client (4/5) · 37 templates · what changed ±5m around 14:31:07"
        ),
        "{}",
        screen(&app)
    );
    // Every source: the push backlog and the overdue heartbeats lead.
    press(&mut app, "a");
    press(&mut app, "k");
    let top: Vec<String> = listed(&app)
        .iter()
        .take(2)
        .map(|r| pattern_list::text(&app, r).to_string())
        .collect();
    assert!(top[0].starts_with("push queue backlog"), "{top:?}");
    assert!(top[1].starts_with("heartbeat overdue"), "{top:?}");
    // w widens the window.
    press(&mut app, "w");
    assert_eq!(view(&app).window_label(), "±15m");
    assert!(screen(&app).contains("what changed ±15m around 14:31:07"));
    press(&mut app, "www");
    assert_eq!(view(&app).window_label(), "±5m", "around the cycle");
    press(&mut app, "s");
    assert_eq!(view(&app).sort, Sort::Count);
}

/// The window is what-changed's: `w` in another order showed nothing of it
/// (and moved the selection to the top); it now shows that order.
#[test]
fn w_in_another_order_shows_what_changed_in_the_new_window() {
    let mut app = demo_patterns(120, 40);
    assert_eq!(view(&app).sort, Sort::Count);
    press(&mut app, "w");
    assert_eq!(view(&app).sort, Sort::Changed);
    assert!(
        screen(&app).contains("what changed ±15m around 14:31:07"),
        "{}",
        screen(&app)
    );
}

#[test]
fn enter_filters_the_templates_pane_and_clear_filters_undoes_it() {
    let mut app = demo_patterns(120, 40);
    let k = listed(&app)
        .iter()
        .position(|r| pattern_list::text(&app, r).starts_with("websocket closed abnormally"))
        .expect("listed");
    for _ in 0..k {
        press(&mut app, "j");
    }
    press(&mut app, "<enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, 3);
    let visible = app.panes[3].visible.clone().expect("filtered");
    assert_eq!(visible.len(), 2);
    for &r in visible.iter() {
        let text = String::from_utf8_lossy(app.source(3).expect("loaded").record_bytes(r as usize))
            .to_string();
        assert!(text.contains("websocket closed abnormally"), "{text}");
    }
    let (msg, _) = app.message.clone().expect("says so");
    assert!(
        msg.starts_with("kiosk-client: only the 2 records of pattern “websocket closed abnormally"),
        "{msg}"
    );
    assert!(
        screen(&app).contains("only the 2 records"),
        "the status line says so"
    );
    // Other panes are not filtered.
    assert!(app.panes[0].visible.is_none());
    press(&mut app, ":clear-filters<enter>");
    assert!(app.panes[3].visible.is_none());
    assert!(app.panes[3].filters.template.is_none());
}

#[test]
fn a_template_filter_follows_its_text_when_patterns_are_mined_again() {
    let mut app = demo_patterns(120, 40);
    press(&mut app, "<enter>");
    let before = app.panes[3].visible.clone().expect("filtered");
    // Mined again (a source finished loading anew): same text, same rows.
    let mut mined = (**app.patterns.as_ref().expect("mined")).clone();
    let k = mined.entry(3).expect("kiosk");
    let t = app.panes[3]
        .filters
        .template
        .clone()
        .expect("set")
        .id
        .expect("mined") as usize;
    // Move the template to the end, as a different mining order would.
    let last = mined.patterns[k].templates.len() as u32;
    let moved = mined.patterns[k].templates[t].clone();
    mined.patterns[k].templates.push(moved);
    mined.patterns[k].templates[t].text = "something else".into();
    for id in &mut mined.patterns[k].ids {
        if *id == t as u32 {
            *id = last;
        }
    }
    let generation = app.pattern_work.generation;
    update(
        &mut app,
        Msg::Work(WorkDone::Patterns {
            generation,
            mined: Arc::new(mined),
        }),
    );
    run_jobs(&mut app);
    assert_eq!(
        app.panes[3].filters.template.as_ref().and_then(|f| f.id),
        Some(last)
    );
    assert_eq!(app.panes[3].visible, Some(before));
}

#[test]
fn first_and_last_times_follow_a_clock_offset() {
    let mut app = demo_patterns(120, 40);
    let first = listed(&app)[0].first.expect("timed");
    press(&mut app, "q");
    update(&mut app, Msg::Action(Action::SetOffset(60_000_000_000)));
    run_jobs(&mut app);
    press(&mut app, "p");
    assert_eq!(listed(&app)[0].first, Some(first + 60_000_000_000));
}

/// The pattern view on the demo at the sizes the issue names: the kiosk
/// client's templates by count, then every source's by what changed around
/// the silence.
#[test]
fn pattern_view_80x24() {
    let mut app = demo_patterns(80, 24);
    insta::assert_snapshot!("patterns_80x24_focused_by_count", snapshot(&app));
    press(&mut app, "s");
    insta::assert_snapshot!("patterns_80x24_focused_by_first_appearance", snapshot(&app));
    press(&mut app, "as");
    // The header says the window, its time and that some sources have no
    // score, within 80 columns (it was cut after "14:31:07 · –").
    let s = screen(&app);
    let head = s.lines().next().unwrap_or_default();
    assert!(
        head.contains("±5m at 14:31:07 · – no before window") && head.chars().count() <= 80,
        "{head}"
    );
    insta::assert_snapshot!("patterns_80x24_all_by_what_changed", snapshot(&app));
}

#[test]
fn pattern_view_200x50() {
    let mut app = demo_patterns(200, 50);
    insta::assert_snapshot!("patterns_200x50_focused_by_count", snapshot(&app));
    press(&mut app, "ass");
    insta::assert_snapshot!("patterns_200x50_all_by_what_changed", snapshot(&app));
}

#[test]
fn the_palette_finds_a_pattern_by_its_text_and_opens_the_view_on_it() {
    let mut app = demo_app(120, 40);
    press(&mut app, "<C-p>abnormally");
    let Mode::Palette { input, .. } = &app.mode else {
        panic!("palette open");
    };
    let found = crate::tui::palette::entries(&app, input);
    assert_eq!(
        found[0].label,
        "pattern websocket closed abnormally, reconnecting in <*>s"
    );
    assert_eq!(found[0].description, "kiosk-client: 2 records");
    let s = screen(&app);
    assert!(
        s.contains("pattern websocket closed abnormally, reconnecting in"),
        "the label takes the room keys would:\n{s}"
    );
    press(&mut app, "<enter>");
    assert_eq!(app.focus, 3);
    assert!(!view(&app).all);
    assert_eq!(
        selected_text(&app),
        "websocket closed abnormally, reconnecting in <*>s"
    );
    // Enter there filters to it.
    press(&mut app, "<enter>");
    assert_eq!(app.panes[3].visible.as_ref().map(|v| v.len()), Some(2));
}

/// `casefile patterns --buckets N --around TIME` prints what the view shows:
/// the same scores for the same window, the same counts per slice of the
/// same range (the overview's).
#[test]
fn headless_patterns_print_what_the_view_shows() {
    use crate::headless::patterns::{Extra, list};
    use crate::pattern::occurrences::bucket_edges;
    let app = demo_patterns(200, 50);
    let mut v = view(&app);
    v.all = true;
    v.sort = Sort::Changed;
    let mined = app.patterns.clone().expect("mined");
    let refs: Vec<&crate::source::Source> = mined
        .panes
        .iter()
        .map(|&p| app.source(p).expect("loaded"))
        .collect();
    let span = crate::tui::layout::overview_span(&app).expect("timed");
    assert_eq!(
        crate::timeline::incident_span(&refs, None, None),
        Some(span),
        "one range for the overview, the view and --buckets"
    );
    let extra = Extra {
        buckets: Some((span, 20)),
        around: Some((app.cursor, v.half_window())),
    };
    let printed = list(&refs, &mined.patterns, extra);
    let rows = pattern_list::rows(&app, &v);
    assert_eq!(printed.len(), rows.len());
    for r in &rows {
        let name = &app.panes[r.pane].name;
        let text = pattern_list::text(&app, r);
        let p = printed
            .iter()
            .find(|p| &p.source == name && p.template == text)
            .unwrap_or_else(|| panic!("{name}: {text} not printed"));
        let c = p.change.as_ref().expect("change");
        assert_eq!(
            (c.within, c.before),
            (r.change.within, r.change.before),
            "{text}"
        );
        match (c.score, r.change.score) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-3, "{text}"),
            (a, b) => assert_eq!(a, b, "{text}: scored in one, not the other"),
        }
        let src = app.source(r.pane).expect("loaded");
        let shown = mined.occurrences[r.entry].counts(r.template, &bucket_edges(src, span, 20));
        assert_eq!(p.density.as_ref(), Some(&shown), "{text}");
    }
}

#[test]
fn precursors_are_marked_in_the_pattern_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = loaded(burst_specs(dir.path()), 100, 24, true);
    press(&mut app, ":focus client<enter>p");
    let rows = listed(&app);
    let marked: Vec<&str> = rows
        .iter()
        .filter(|r| r.precursor)
        .map(|r| pattern_list::text(&app, r))
        .collect();
    assert_eq!(marked, ["ws reconnect attempt <*>"]);
    let s = screen(&app);
    assert!(s.contains("▲ ws reconnect attempt <*>"), "{s}");
    assert!(s.contains("▲ seen before most silences"), "{s}");
    // The server's steady lines are no precursor.
    press(&mut app, "q:focus server<enter>p");
    assert!(listed(&app).iter().all(|r| !r.precursor));
    assert!(!screen(&app).contains('▲'));
}

/// A template absent from the window has no rate there: the demo's "previous
/// run ended without a shutdown marker" (none within ±5m of 14:31:07, none
/// before) showed `×1.0` and others with 0 within `×0.7`, ranked among
/// templates that did occur in the window.
#[test]
fn a_template_absent_from_the_window_has_no_rate_and_ranks_last() {
    let mut app = demo_patterns(200, 50);
    press(&mut app, "ass");
    assert_eq!(view(&app).sort, Sort::Changed);
    let rows = listed(&app);
    let absent: Vec<&pattern_list::Row> = rows.iter().filter(|r| r.change.within == 0).collect();
    assert!(!absent.is_empty());
    for r in &absent {
        assert_eq!(
            r.change.score,
            None,
            "{}: a rate for nothing",
            pattern_list::text(&app, r)
        );
    }
    let first_absent = rows.iter().position(|r| r.change.within == 0);
    assert!(
        rows.iter()
            .skip(first_absent.unwrap_or(rows.len()))
            .all(|r| r.change.within == 0),
        "every template present in the window ranks first"
    );
    let shutdown = rows
        .iter()
        .position(|r| {
            pattern_list::text(&app, r).contains("previous run ended without a shutdown marker")
        })
        .expect("listed");
    // Bring it into sight and read its row as drawn.
    for _ in 0..shutdown {
        press(&mut app, "j");
    }
    let s = screen(&app);
    let line = s
        .lines()
        .find(|l| l.contains("previous run ended without a shutdown marker"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(!line.contains('×'), "{line}");
}
