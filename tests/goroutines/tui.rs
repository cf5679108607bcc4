//! The goroutine view in the TUI, on the same real dumps: its state, driven by
//! keys through the keymap, with the worker's jobs run inline.

use crate::common::*;
use crate::support::*;

/// The screen over real dumps, and what its goroutine view lists.
pub mod view {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use casefile::index::Zone;
    use casefile::loader::LoadEvent;
    use casefile::source::{self, Input, LoadOptions, Settings, SourceSpec};
    use casefile::tui::app::{App, Mode};
    use casefile::tui::goroutine_view::{GoroutineView, Section, group_rows, headline};
    use casefile::tui::update::{Msg, take_effects, update};

    /// The screen over `files` (named after them), every source loaded.
    pub fn open(files: &[&Path]) -> App {
        open_with(files, |_| {})
    }

    /// The same, `before` run on the app before any source loads (e.g. the
    /// `--binary` job asked for, which then runs with the loader's jobs).
    pub fn open_with(files: &[&Path], before: impl FnOnce(&mut App)) -> App {
        let files: Vec<(&Path, Option<i64>)> = files.iter().map(|&p| (p, None)).collect();
        open_set(&files, before)
    }

    /// The screen over `files`, each with its `--set NAME.time=` (ns).
    pub fn open_set(files: &[(&Path, Option<i64>)], before: impl FnOnce(&mut App)) -> App {
        let specs: Vec<SourceSpec> = files
            .iter()
            .map(|&(p, time)| SourceSpec {
                name: p.file_stem().expect("name").to_string_lossy().into_owned(),
                input: Input::Files(vec![p.to_path_buf()]),
                settings: Settings {
                    time,
                    ..Settings::default()
                },
            })
            .collect();
        let view = casefile::tui::ViewOptions {
            since: None,
            until: None,
            display_zone: Zone::Fixed(0),
            asked: None,
            config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
            skipped: Vec::new(),
        };
        let names = specs.iter().map(|s| s.name.clone()).collect();
        let mut app = casefile::tui::new_app(names, &view, false);
        app.size = (120, 40);
        app.dumps.set_times = specs.iter().map(|s| s.settings.time).collect();
        before(&mut app);
        let opts = LoadOptions {
            zone: Zone::Fixed(0),
            ..Default::default()
        };
        for (id, spec) in specs.iter().enumerate() {
            let (parts, warnings) = source::open(spec).expect("opens");
            let src = source::index(spec, Arc::new(parts), warnings, &opts, |_| {});
            let done = LoadEvent::Done {
                id,
                source: Box::new(src),
            };
            update(&mut app, Msg::Load(Box::new(done)));
        }
        run_jobs(&mut app);
        app
    }

    pub fn run_jobs(app: &mut App) {
        loop {
            let jobs = take_effects(app).jobs;
            if jobs.is_empty() {
                return;
            }
            for job in jobs {
                if let Some(done) = job.run() {
                    update(app, Msg::Work(done));
                }
            }
        }
    }

    pub fn press(app: &mut App, keys: &str) {
        for k in casefile::tui::keymap::parse_keys(keys).expect("keys") {
            update(app, Msg::Key(k));
            run_jobs(app);
        }
    }

    pub fn view(app: &App) -> &GoroutineView {
        match &app.mode {
            Mode::Goroutines(v) => v,
            m => panic!("not in the goroutine view: {m:?}"),
        }
    }

    /// The listed groups as (count, headline), in order.
    pub fn listed(app: &App) -> Vec<(u64, String)> {
        let v = view(app);
        let a = app.dumps.ready(v.key, v.similar).expect("analysed");
        group_rows(a, v)
            .ranked
            .iter()
            .map(|&k| {
                let g = &a.groups[a.ranked[k].group];
                (g.count, headline(a, g))
            })
            .collect()
    }

    pub fn folded(app: &App) -> (u64, u64) {
        let v = view(app);
        let a = app.dumps.ready(v.key, v.similar).expect("analysed");
        let r = group_rows(a, v);
        (r.folded_groups, r.folded_goroutines)
    }

    pub fn section(app: &App) -> Section {
        view(app).section
    }

    /// The screen's text, drawn as the terminal would show it.
    pub fn screen(app: &App) -> String {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let (w, h) = app.size;
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        term.draw(|f| casefile::tui::view::render(app, f))
            .expect("draw");
        let buf = term.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                line.trim_end().to_string() + "\n"
            })
            .collect()
    }
}

#[test]
fn the_tui_view_of_a_lost_mutex_folds_idle_groups_and_names_the_lock() {
    let test = "the_tui_view_of_a_lost_mutex_folds_idle_groups_and_names_the_lock";
    for go in toolchains(test) {
        let name = &go.name;
        let (dir, out) = run_out(
            &go.plain(),
            &["-scenario", "mutex", "-waiters", "300", "-sigquit"],
        );
        let dump = write(dir.path(), "sigquit.txt", &out.stderr);
        // A dump alone: the view opens by itself.
        let mut app = view::open(&[&dump]);
        let listed = view::listed(&app);
        assert_eq!(
            listed[0],
            (300, "main.(*Broker).Send".to_string()),
            "{name}: {listed:?}"
        );
        // It folds what `casefile goroutines` folds, and says how many.
        let v = goroutines_json(&[s(&dump)]);
        let (groups, goroutines) = view::folded(&app);
        assert!(groups > 0, "{name}: the runtime's idle goroutines fold");
        assert_eq!(
            (groups, goroutines),
            (
                v["folded"]["groups"].as_u64().expect("n"),
                v["folded"]["goroutines"].as_u64().expect("n")
            ),
            "{name}"
        );
        view::press(&mut app, "a");
        assert_eq!(view::folded(&app), (0, 0));
        assert_eq!(
            view::listed(&app).len(),
            v["groups"].as_array().expect("g").len(),
            "{name}"
        );
        view::press(&mut app, "a<tab>");
        assert_eq!(
            view::section(&app),
            casefile::tui::goroutine_view::Section::Locks
        );
        let v2 = view::view(&app);
        let a = app.dumps.ready(v2.key, false).expect("analysed");
        assert!(
            a.locks[0]
                .sentence()
                .starts_with("300 goroutines wait on mutex 0x"),
            "{name}: {}",
            a.locks[0].sentence()
        );
        // Filtering by package keeps the program's groups only.
        view::press(&mut app, "<S-tab>/broker<enter>");
        assert!(
            view::listed(&app).iter().all(|(_, f)| f.contains("Broker")),
            "{name}: {:?}",
            view::listed(&app)
        );
    }
}

#[test]
fn the_tui_view_of_two_reaper_dumps_shows_the_leak_grown_first() {
    let test = "the_tui_view_of_two_reaper_dumps_shows_the_leak_grown_first";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = reaper_dumps(&go);
        let old = dir.path().join("reaper1-debug2.txt");
        let new = dir.path().join("reaper2-debug2.txt");
        let mut app = view::open(&[&old, &new]);
        view::press(&mut app, "<tab><tab>");
        assert_eq!(
            view::section(&app),
            casefile::tui::goroutine_view::Section::Diff
        );
        let (_, d) = app.dumps.diffs.iter().next().expect("the diff");
        let top = &d.grown[0];
        assert_eq!(
            top.own_function.as_deref(),
            Some("main.(*pool).reap"),
            "{name}: {d:?}"
        );
        assert_eq!((top.before, top.after), (40, 120), "{name}");
    }
}

/// A diff screen without what differs from run to run of the same program:
/// the rows of the runtime's and net/http's own goroutines (which come and
/// go), the lines left blank, and the goroutine and group counts. The rows
/// of the program's own code stay, and the details beside them in place;
/// so do the waits the dump names no object for, the goroutine fetching each
/// dump's among them (the program serves a dump once it waits for it).
fn steady(screen: &str) -> String {
    let volatile = regex::Regex::new(r"^ (grown|new|shrunk|gone) +[-+]\d").expect("regex");
    let own = |list: &str| !volatile.is_match(list) || list.contains(" main.");
    let counts = regex::Regex::new(r"\d+ in \d+ groups").expect("regex");
    let totals = regex::Regex::new(r"debug2: \d+ → \d+ goroutines").expect("regex");
    let folded = regex::Regex::new(r"\d+ idle groups? \(\d+ goroutines\)").expect("regex");
    let lines: Vec<&str> = screen.lines().collect();
    let (status, body) = lines.split_last().expect("a screen");
    // Side by side, the list's own rows move up beside the same details.
    let mut lists = body
        .iter()
        .filter_map(|l| l.split_once('│').map(|(list, _)| list))
        .filter(|list| own(list));
    let mask = |s: &str| {
        let s = counts.replace_all(s, "<n> in <m> groups");
        let s = totals.replace_all(&s, "debug2: <n> → <n> goroutines");
        folded
            .replace_all(&s, "<n> idle groups (<n> goroutines)")
            .into_owned()
    };
    let mut out = String::new();
    for l in body {
        // Masked before the list is padded, so the details stay in their column.
        let line = match l.split_once('│') {
            Some((list, details)) => {
                let width = list.chars().count();
                let list = mask(lists.next().unwrap_or(""));
                format!("{list:<width$}│{details}")
            }
            None if own(l) => mask(l),
            None => continue,
        };
        if line.chars().all(|c| c == ' ' || c == '│') {
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out + status + "\n"
}

/// The diff's header says when each dump was taken, in the screen's zone,
/// and how much later the new one was: the times `goroutines --diff` prints
/// (snapshots at 80×24 and 200×50, times set so that they hold still).
#[test]
fn the_tui_diff_says_when_each_dump_was_taken_and_how_far_apart() {
    use casefile::goroutine::when::{DumpTime, TimeOrigin};
    use casefile::tui::goroutine_view::DiffTimes;
    let test = "the_tui_diff_says_when_each_dump_was_taken_and_how_far_apart";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = reaper_dumps(&go);
        let old = dir.path().join("reaper1-debug2.txt");
        let new = dir.path().join("reaper2-debug2.txt");
        // 2026-11-30 09:00:00 UTC, and twelve and a half minutes later.
        let t0: i64 = 1_796_029_200 * 1_000_000_000;
        let t1 = t0 + 750 * 1_000_000_000;
        // The new dump first: the view still takes the earlier one as the before.
        let mut app = view::open_set(&[(&new, Some(t1)), (&old, Some(t0))], |_| {});
        view::press(&mut app, "<tab><tab>");
        assert_eq!(
            view::section(&app),
            casefile::tui::goroutine_view::Section::Diff
        );
        let set = |time| {
            Some(DumpTime {
                time,
                origin: TimeOrigin::Set,
            })
        };
        assert_eq!(
            app.dumps.diff_times(1, 0, false),
            DiffTimes {
                before: set(t0),
                after: set(t1),
                interval: Some(750 * 1_000_000_000),
            },
            "{name}"
        );
        // The headless diff says the same times and interval.
        let v = goroutines_json(&[
            "--diff",
            s(&old),
            s(&new),
            "--set",
            "reaper1-debug2.time=2026-11-30T09:00:00Z",
            "--set",
            "reaper2-debug2.time=2026-11-30T09:12:30Z",
        ]);
        assert_eq!(v["times"]["interval_s"], 750.0, "{name}: {v}");
        assert_eq!(
            v["times"]["before"]["time"], "2026-11-30T09:00:00Z",
            "{name}"
        );
        // One row: with both names where they fit; at 80 columns the names
        // are the diff's own heading's, below it, and the day and a shared
        // origin are said once.
        for (w, h, said) in [
            (
                80,
                24,
                " taken 2026-11-30 09:00:00 → 09:12:30, 12m30s later (both set)",
            ),
            (
                200,
                50,
                " reaper1-debug2 taken 2026-11-30 09:00:00 (set) → reaper2-debug2 taken 2026-11-30 09:12:30 (set), 12m30s later",
            ),
        ] {
            app.size = (w, h);
            let screen = view::screen(&app);
            let rows: Vec<&str> = screen.lines().collect();
            assert_eq!(rows[2], said, "{name} {w}x{h}:\n{screen}");
            assert!(
                rows[3].starts_with("  reaper1-debug2 → reaper2-debug2: "),
                "{name} {w}x{h}:\n{screen}"
            );
        }
        for (w, h) in [(80, 24), (200, 50)] {
            app.size = (w, h);
            let screen = steady(&view::screen(&app));
            insta::assert_snapshot!(
                format!("tui_reaper_diff_times_go1_{}_{w}x{h}", go.minor),
                screen
            );
        }

        // Beside a log an hour and more from the files' times, a dump with
        // no time set has none: the header says so, and how to give it one.
        let log = write(
            dir.path(),
            "server.log",
            b"2020-01-01T00:00:00Z INFO serving\n2020-01-01T00:00:01Z INFO still serving\n",
        );
        let mut app = view::open_set(&[(&old, Some(t0)), (&new, None), (&log, None)], |_| {});
        // The log opens first: go to a dump's pane and its goroutines.
        app.focus = 0;
        view::press(&mut app, "d<tab><tab>");
        assert_eq!(
            app.dumps.diff_times(0, 1, false),
            DiffTimes {
                before: set(t0),
                after: None,
                interval: None,
            },
            "{name}"
        );
        let screen = view::screen(&app);
        assert!(
            screen.contains(
                " reaper2-debug2 taken at no known time: --set reaper2-debug2.time=… places it"
            ),
            "{name}:\n{screen}"
        );
    }
}

#[test]
fn the_tui_opens_a_workers_panic_from_its_log_with_one_key() {
    let test = "the_tui_opens_a_workers_panic_from_its_log_with_one_key";
    for go in toolchains(test) {
        let name = &go.name;
        let out = run(&go.plain(), &["-scenario", "panic"]);
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "worker.log", &out.stderr);
        let mut app = view::open(&[&log]);
        assert_eq!(
            app.mode,
            casefile::tui::app::Mode::Normal,
            "{name}: a log opens in its pane"
        );
        // `e` lands on the panic (an error-level record), `d` opens it as a dump.
        view::press(&mut app, "ed");
        let v = view::view(&app).clone();
        assert!(v.key.record.is_some(), "{name}: {v:?}");
        let a = app.dumps.ready(v.key, false).expect("analysed").clone();
        assert_eq!(
            a.dump.panic.as_ref().map(|p| p.message.as_str()),
            Some("runtime error: invalid memory address or nil pointer dereference"),
            "{name}"
        );
        view::press(&mut app, "jp");
        assert_eq!(
            view::view(&app).list.selected,
            0,
            "{name}: p selects the panicking goroutine"
        );
        assert!(a.ranked[0].panicking, "{name}");
        assert_eq!(view::listed(&app)[0].1, "main.(*worker).process", "{name}");
    }
}

/// Two tenants' workers share one stack: the view lists them apart and the
/// selected group's details name its labels.
#[test]
fn the_tui_shows_the_labels_of_a_profiles_groups() {
    let test = "the_tui_shows_the_labels_of_a_profiles_groups";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &["-scenario", "labels", "-acme", "25", "-globex", "15"],
            name,
        );
        let mut app = view::open(&[&dir.path().join("labels-debug1.txt")]);
        let listed = view::listed(&app);
        assert_eq!(
            listed[..2],
            [
                (25, "main.serveTenant".to_string()),
                (15, "main.serveTenant".to_string())
            ],
            "{name}: {listed:?}"
        );
        let s = view::screen(&app);
        assert!(
            s.contains(r#"labels: {"role":"worker", "tenant":"acme"}"#),
            "{name}:\n{s}"
        );
        // The rows tell the two groups apart.
        assert!(
            s.lines()
                .any(|l| l.contains("main.serveTenant") && l.contains(r#""tenant":"globex""#)),
            "{name}:\n{s}"
        );
        view::press(&mut app, "j");
        let s = view::screen(&app);
        assert!(
            s.contains(r#"labels: {"role":"worker", "tenant":"globex"}"#),
            "{name}:\n{s}"
        );

        // Beside a later profile with more acme workers (the view takes the
        // earlier dump as the before), the diff's grown group is acme's, and says so.
        let later = run_ok(
            &go.plain(),
            &["-scenario", "labels", "-acme", "40", "-globex", "15"],
            name,
        );
        let new = later.path().join("labels-debug1.txt");
        let mut app = view::open(&[&dir.path().join("labels-debug1.txt"), &new]);
        view::press(&mut app, "<tab><tab>");
        assert_eq!(
            view::section(&app),
            casefile::tui::goroutine_view::Section::Diff
        );
        let s = view::screen(&app);
        assert!(
            s.contains("+15      25 → 40")
                && s.contains(r#"labels     {"role":"worker", "tenant":"acme"}"#),
            "{name}:\n{s}"
        );
    }
}

/// The pprof dump prints no channel: the lock section says which waits it
/// could not tie to one, and why.
#[test]
fn the_tui_lock_section_names_the_waits_the_dump_gives_no_object_for() {
    let test = "the_tui_lock_section_names_the_waits_the_dump_gives_no_object_for";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &[
                "-scenario",
                "chans",
                "-takers",
                "8",
                "-rangers",
                "4",
                "-producers",
                "3",
                "-selectors",
                "2",
            ],
            name,
        );
        let mut app = view::open(&[&dir.path().join("chans-debug2.txt")]);
        view::press(&mut app, "<tab>");
        assert_eq!(
            view::section(&app),
            casefile::tui::goroutine_view::Section::Locks
        );
        let s = view::screen(&app);
        for line in [
            "no goroutine is blocked on a mutex, waitgroup or channel the dump names",
            "waiting on what the dump does not name:",
            "8 goroutines in chan receive in main.take",
            "3 goroutines in chan send in main.produce",
            "2 goroutines in select in main.await",
            "GOTRACEBACK=system",
        ] {
            assert!(s.contains(line), "{name}: no {line:?} in\n{s}");
        }
    }
}

/// With the runtime's frames (GOTRACEBACK=system) the channels are named:
/// the lock list's row of the receive channel says both places its
/// goroutines receive in, not only the first.
#[test]
fn the_tui_lock_list_names_every_place_a_channel_is_waited_on() {
    let test = "the_tui_lock_list_names_every_place_a_channel_is_waited_on";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let out = output_via_files(
            std::process::Command::new(go.plain())
                .args(["-scenario", "chans", "-takers", "8", "-rangers", "4"])
                .args(["-producers", "3", "-selectors", "2", "-sigquit", "-out"])
                .arg(dir.path())
                .env("GOTRACEBACK", "system"),
        );
        let dump = write(dir.path(), "sigquit-system.txt", &out.stderr);
        let mut app = view::open(&[&dump]);
        view::press(&mut app, "<tab>");
        let s = view::screen(&app);
        assert!(
            s.lines().any(|l| l.contains("12  channel (receive) 0x")
                && l.contains("in main.take (8), main.drain (4)")),
            "{name}:\n{s}"
        );
        assert!(
            s.lines()
                .any(|l| l.contains("3  channel (send) 0x") && l.contains("in main.produce")),
            "{name}:\n{s}"
        );
    }
}

/// The pprof dump of the chans scenario names no channel: the lock section
/// holds no lock group and five waits it cannot tie to one (the fifth is the
/// main goroutine's, in net/http waiting for that very dump). Its tab says so,
/// and the waits scroll with the details' keys like every other detail, down
/// to the note on why (snapshots at 80×24 and 200×50; the waits and the note
/// run below a 16-row screen).
#[test]
fn the_tui_lock_section_says_what_it_holds_and_scrolls_to_its_last_wait() {
    let test = "the_tui_lock_section_says_what_it_holds_and_scrolls_to_its_last_wait";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "chans"], name);
        let dump = dir.path().join("chans-debug2.txt");
        // The view alone dates the dump by its file: a fixed one for the snapshots.
        let taken = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_271_720);
        std::fs::File::options()
            .write(true)
            .open(&dump)
            .and_then(|f| f.set_modified(taken))
            .expect("set the dump's mtime");
        let v = goroutines_json(&[s(&dump)]);
        let waits: Vec<String> = v["unaddressed_waits"]
            .as_array()
            .expect("unaddressed_waits")
            .iter()
            .map(|w| {
                let n = w["count"].as_u64().expect("count");
                let state = w["state"].as_str().expect("state");
                let f = w["function"].as_str().expect("function");
                let s = if n == 1 { "" } else { "s" };
                format!("{n} goroutine{s} in {state} in {f}")
            })
            .collect();
        assert_eq!(v["lock_groups"].as_array().map(Vec::len), Some(0), "{name}");
        assert_eq!(waits.len(), 5, "{name}: {waits:?}");

        let mut app = view::open(&[&dump]);
        view::press(&mut app, "<tab>");
        for (w, h) in [(80, 24), (200, 50)] {
            app.size = (w, h);
            let s = view::screen(&app);
            assert!(
                s.contains("[locks 0 · unnamed waits 5]"),
                "{name}: the tab says what the section holds:\n{s}"
            );
            insta::assert_snapshot!(format!("tui_chans_lock_section_{w}x{h}"), s);
        }
        app.size = (80, 16);
        let mut seen = String::new();
        for _ in 0..12 {
            seen.push_str(&view::screen(&app));
            view::press(&mut app, "J");
        }
        for wait in &waits {
            assert!(
                seen.contains(wait.as_str()),
                "{name}: {wait:?} never in sight:\n{seen}"
            );
        }
        assert!(
            seen.contains("names none of its channels)"),
            "{name}: the note's end never in sight:\n{seen}"
        );
    }
}

/// A `?debug=1` profile prints no state: the selected group's heading read
/// `#1 25 goroutines []`, empty brackets, where its row and `casefile
/// goroutines` say `-`; it now says `[-]` as they do.
#[test]
fn a_profiles_group_heading_shows_its_missing_state_as_the_text_does() {
    let test = "a_profiles_group_heading_shows_its_missing_state_as_the_text_does";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &["-scenario", "labels", "-acme", "25", "-globex", "15"],
            name,
        );
        let path = dir.path().join("labels-debug1.txt");
        let app = view::open(&[&path]);
        let s = view::screen(&app);
        assert!(!s.contains(" goroutines []"), "{name}:\n{s}");
        let (text, _) = casefile_exits(0, &["goroutines", s_(&path)]);
        let heading = text
            .lines()
            .find(|l| l.starts_with("#1 "))
            .expect("the first group's heading");
        assert!(
            s.contains(&format!(" {heading}")),
            "{name}: {heading:?}\n{s}"
        );
    }
}

fn s_(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
