//! `--binary` in the TUI, on the nil-pointer panic of a worker (the Kafka
//! incident: the log kept only `pc=0x…`): the binary is opened by a worker,
//! the panic's pc is resolved in the goroutine view, the record's addresses
//! under the cursor record, and a missing or wrong binary is said.

use std::path::Path;

use casefile::symbol::Resolved;
use casefile::tui::app::App;
use casefile::tui::goroutine_view::Section;
use casefile::tui::symbols::BinaryState;

use crate::common::*;
use crate::support::*;
use crate::tui::view;

/// The screen over `log` with `--binary bin`, the binary's worker run inline.
fn open_with(log: &Path, bin: &Path) -> App {
    view::open_with(&[log], |app| {
        casefile::tui::update::symbols::open(app, bin.to_path_buf());
        assert!(
            matches!(&app.binary, BinaryState::Opening(p) if p == bin),
            "the screen does not wait for the binary: {:?}",
            app.binary
        );
    })
}

/// The resolution of the record at the cursor.
fn record_resolved(app: &App) -> Vec<Resolved> {
    app.record_symbols.resolved.clone().unwrap_or_default()
}

/// The screen with what differs between runs and checkouts masked: code
/// addresses, goroutine ids, record numbers, times and where the repository
/// is; each line cut 6 columns short, so a masked number's width does not
/// move what the screen's edge cut.
fn masked(screen: &str, w: usize) -> String {
    let repo = env!("CARGO_MANIFEST_DIR");
    let hex = regex::Regex::new(r"0x[0-9a-f]+").expect("regex");
    let time = regex::Regex::new(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d(\.\d+)?").expect("regex");
    // Which goroutine panics, and how many log lines come before it, vary.
    let ids = regex::Regex::new(r"(goroutine|record) \d+").expect("regex");
    let members = regex::Regex::new(r"(?m)^(.*│)?( +)\d+$").expect("regex");
    let s = screen.replace(repo, "<repo>");
    let s = hex.replace_all(&s, "0x…");
    // The panic's message gives way to its goroutine, whose id's width
    // moves where the message is cut: its last word, cut or not, goes.
    let cut = regex::Regex::new(r"\S* ?… · goroutine").expect("regex");
    let s = cut.replace_all(&s, "… · goroutine");
    let s = ids.replace_all(&s, "$1 <n>");
    let s = members.replace_all(&s, "$1$2<n>");
    time.replace_all(&s, "<time>")
        .lines()
        .map(|l| l.chars().take(w - 6).collect::<String>() + "\n")
        .collect()
}

/// `casefile addr --in` prints the record at the cursor with the addresses
/// the screen resolved, and only that record (the log's others hold none).
fn headless_says_the_same(bin: &Path, log: &Path, app: &App, what: &str) {
    let (_, record) = app.record_symbols.asked.expect("the cursor's record asked");
    let tui = serde_json::to_value(record_resolved(app)).expect("json");
    let rows = casefile_ndjson(&["addr", "--json", "--binary", s(bin), "--in", s(log)]);
    assert_eq!(rows.len(), 1, "{what}: {rows:?}");
    let row = &rows[0];
    assert_eq!(row["record"], record, "{what}: {row}");
    assert_eq!(row["addresses"], tui, "{what}: {row}");
    assert!(row["time"].is_string(), "{what}: {row}");
    // `line` is where the record starts in the file.
    let text = std::fs::read_to_string(log).expect("log");
    let line = row["line"].as_u64().expect("line") as usize;
    let first = text.lines().nth(line - 1).expect("the line in the log");
    assert!(
        first.starts_with("panic: "),
        "{what}: line {line} is {first:?}"
    );
    assert!(
        row["text"].as_str().is_some_and(|t| t.starts_with(first)),
        "{what}: {row}"
    );
    // Text: the screen's words, with the file's whole path.
    let out = casefile(&["addr", "--binary", s(bin), "--in", s(log)]);
    assert!(out.status.success(), "{what}: {}", stderr(&out));
    let r = &record_resolved(app)[0];
    let said = format!(
        "    {} → main.(*worker).process {}:{} (inlined into main.runPanic.func1)\n",
        r.address, r.file, r.line
    );
    assert!(
        stdout(&out).starts_with(&format!(
            "{}:{line} ",
            row["source"].as_str().unwrap_or("?")
        )) && stdout(&out).ends_with(&said),
        "{what}: {}",
        stdout(&out)
    );
}

#[test]
fn the_tui_resolves_a_worker_panics_pc_with_the_binary_plain_stripped_and_trimpath() {
    let test = "the_tui_resolves_a_worker_panics_pc_with_the_binary_plain_stripped_and_trimpath";
    let line = source_line("return w.current.id * 2");
    for go in toolchains(test) {
        let name = &go.name;
        for (variant, flags) in [
            ("plain", &[][..]),
            ("stripped", &["-ldflags=-s -w"][..]),
            ("trimpath", &["-trimpath"][..]),
        ] {
            let what = format!("{name} {variant}");
            let bin = go.build(variant, flags);
            let out = run(&bin, &["-scenario", "panic"]);
            let dir = tempfile::tempdir().expect("tempdir");
            let log = write(dir.path(), "worker.log", &out.stderr);
            let pc = String::from_utf8_lossy(&out.stderr)
                .split_once(" pc=")
                .and_then(|(_, r)| r.split(']').next().map(str::to_string))
                .unwrap_or_else(|| panic!("{what}: no pc= in the log"));
            let mut app = open_with(&log, &bin);
            assert!(app.binary.ready().is_some(), "{what}: {:?}", app.binary);

            // `e` lands on the panic: its pc= resolved under it.
            view::press(&mut app, "e");
            let r = record_resolved(&app);
            assert_eq!(r.len(), 1, "{what}: {r:?}");
            assert_eq!(r[0].address, pc, "{what}");
            assert_eq!(r[0].function, "main.(*worker).process", "{what}");
            assert_eq!(r[0].inlined_into, ["main.runPanic.func1"], "{what}");
            assert_eq!(r[0].line as u64, line, "{what}");
            app.message = None;
            app.size = (200, 50);
            let screen = view::screen(&app);
            assert!(
                screen.contains(&format!(
                    "{pc} → main.(*worker).process main.go:{line} (inlined into main.runPanic.func1)"
                )),
                "{what}:\n{screen}"
            );
            headless_says_the_same(&bin, &log, &app, &what);
            // One record up, no address: nothing said.
            view::press(&mut app, "k");
            assert_eq!(record_resolved(&app), [], "{what}");
            assert!(!view::screen(&app).contains(" → main."), "{what}");

            // `d` opens it as a dump: the panicking goroutine's details say
            // where the pc is, as `casefile goroutines --binary` does.
            view::press(&mut app, "jd");
            let v = view::view(&app).clone();
            let sy = app
                .dumps
                .symbols(v.key, false)
                .expect("the dump's addresses resolved");
            assert!(sy.warnings.is_empty(), "{what}: {:?}", sy.warnings);
            let json = goroutines_json(&["--binary", s(&bin), s(&log)]);
            assert_eq!(
                serde_json::to_value(sy.panic_pc.as_ref().expect("pc resolved")).expect("json"),
                json["panic"]["pc_resolved"],
                "{what}"
            );
            let screen = view::screen(&app);
            assert!(
                screen.contains(&format!(" pc {pc} is main.(*worker).process ")),
                "{what}:\n{screen}"
            );
            // At 80 columns the panic's line keeps its goroutine and the
            // key to it whole, the message giving way: it was cut at
            // "dereference · gorou".
            app.size = (80, 24);
            let narrow = view::screen(&app);
            let panic_line = narrow
                .lines()
                .find(|l| l.starts_with(" panic: "))
                .unwrap_or_else(|| panic!("{what}: no panic line:\n{narrow}"));
            assert!(
                panic_line.trim_end().ends_with(" (p)") && panic_line.contains("… · goroutine "),
                "{what}: {panic_line:?}"
            );
            // Snapshots of the -trimpath build: its paths are the same in every checkout.
            if variant == "trimpath" {
                for (w, h) in [(80, 24), (200, 50)] {
                    app.size = (w, h);
                    insta::assert_snapshot!(
                        format!("tui_binary_panic_go1_{}_{w}x{h}", go.minor),
                        masked(&view::screen(&app), w.into())
                    );
                }
            }
        }
    }
}

/// In a log pane the cursor record's resolved `pc=` shows under the record
/// itself, also while a message holds the status line (here the `m` that
/// bookmarked it), at 80×24 as at 200×50; a record without one shows none.
#[test]
fn the_cursor_records_resolution_shows_in_its_pane_while_a_message_holds_the_status_line() {
    let test =
        "the_cursor_records_resolution_shows_in_its_pane_while_a_message_holds_the_status_line";
    let line = source_line("return w.current.id * 2");
    let which = regex::Regex::new(r"worker \d").expect("regex");
    for go in toolchains(test) {
        let what = &go.name;
        // -trimpath: its paths are the same in every checkout.
        let bin = go.build("trimpath", &["-trimpath"]);
        let out = run(&bin, &["-scenario", "panic"]);
        // The workers' lines race (their order, the overview's density, an
        // out-of-order warning): the snapshots keep the last one and the panic.
        let text = String::from_utf8_lossy(&out.stderr);
        let panic_at = text.find("\npanic: ").expect("a panic") + 1;
        let last = text[..panic_at - 1].rfind('\n').map_or(0, |i| i + 1);
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "worker.log", text[last..].as_bytes());
        let mut app = open_with(&log, &bin);
        view::press(&mut app, "em");
        assert!(
            app.message
                .as_ref()
                .is_some_and(|(m, _)| m.contains("bookmark")),
            "{what}: {:?}",
            app.message
        );
        let r = record_resolved(&app);
        assert_eq!(r.len(), 1, "{what}: {r:?}");
        let said = format!(
            "{} → main.(*worker).process main.go:{line} (inlined into main.runPanic.func1)",
            r[0].address
        );
        for (w, h) in [(80u16, 24u16), (200, 50)] {
            app.size = (w, h);
            let screen = view::screen(&app);
            // Read as one text: at 80 columns it wraps at a space.
            let words: Vec<&str> = screen.split_whitespace().collect();
            assert!(
                words.join(" ").contains(&said),
                "{what} {w}x{h}: {said:?} not in\n{screen}"
            );
            let status = screen.lines().last().unwrap_or_default();
            assert!(status.contains("bookmark"), "{what} {w}x{h}: {status}");
            insta::assert_snapshot!(
                format!("tui_binary_record_go1_{}_{w}x{h}", go.minor),
                which.replace_all(&masked(&screen, w.into()), "worker <n>")
            );
        }
        // One record up, no address: nothing said in the pane or below it.
        view::press(&mut app, "k");
        assert_eq!(record_resolved(&app), [], "{what}");
        let screen = view::screen(&app);
        assert!(!screen.contains("→ main."), "{what}:\n{screen}");
    }
}

/// A profile's frames that print only as `@` addresses show in the group's
/// stack once the binary is read, as `casefile goroutines --binary` prints them.
#[test]
fn the_tui_shows_a_profiles_address_only_frames_with_the_binary() {
    let test = "the_tui_shows_a_profiles_address_only_frames_with_the_binary";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let dir = run_ok(&bin, &["-scenario", "labels", "-acme", "25"], name);
        let d1 = dir.path().join("labels-debug1.txt");
        let app = view::open(&[&d1]);
        let without = view::screen(&app);
        assert!(!without.contains("(address only)"), "{name}:\n{without}");
        let mut app = open_with(&d1, &bin);
        // Wide enough for the newest toolchain's long GOROOT.
        app.size = (300, 50);
        let screen = view::screen(&app);
        let text = stdout(&casefile(&["goroutines", "--binary", s(&bin), s(&d1)]));
        // The selected group (the first) lists the frames the text lists first.
        let first: Vec<&str> = text
            .split("\n#1 ")
            .nth(1)
            .expect("a first group")
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("    "))
            .filter(|l| !l.starts_with("        "))
            .map(|l| l.trim().trim_end_matches(" (address only)"))
            .collect();
        assert!(first.first() == Some(&"runtime.gopark"), "{name}: {text}");
        let at: Vec<Option<usize>> = first
            .iter()
            .map(|f| screen.find(&format!("│    {f}  ")))
            .collect();
        assert!(
            at.iter().all(Option::is_some) && at.is_sorted(),
            "{name}: {first:?} in order in\n{screen}"
        );
        assert!(screen.contains("(address only)"), "{name}:\n{screen}");
    }
}

/// The other toolchain's binary puts the panic's pc in a function the
/// record's frames do not name: under the cursor record the screen says so,
/// as `casefile addr --in` does, with the same resolution.
#[test]
fn the_tui_says_a_pc_no_frame_of_its_record_names() {
    let test = "the_tui_says_a_pc_no_frame_of_its_record_names";
    let gos = toolchains(test);
    if gos.len() < 2 {
        return;
    }
    let mut said = 0;
    for (k, go) in gos.iter().enumerate() {
        let other = gos[1 - k.min(1)].plain();
        let out = run(&go.plain(), &["-scenario", "panic"]);
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "worker.log", &out.stderr);
        let mut app = open_with(&log, &other);
        view::press(&mut app, "e");
        let r = record_resolved(&app);
        // Outside the other binary's code: nothing resolved, nothing to say.
        let Some(first) = r.first() else { continue };
        assert!(first.not_in_record, "{}: {r:?}", go.name);
        said += 1;
        app.message = None;
        app.size = (200, 50);
        let screen = view::screen(&app);
        assert!(
            screen.contains("(no frame of this record names it: another build?)"),
            "{}:\n{screen}",
            go.name
        );
        let rows = casefile_ndjson(&["addr", "--json", "--binary", s(&other), "--in", s(&log)]);
        let tui = serde_json::to_value(&r).expect("json");
        assert_eq!(rows[0]["addresses"], tui, "{}", go.name);
    }
    assert!(
        said > 0,
        "neither toolchain's binary misplaced the other's pc"
    );
}

#[test]
fn the_tui_says_when_the_binary_is_missing_not_a_program_or_another_build() {
    let test = "the_tui_says_when_the_binary_is_missing_not_a_program_or_another_build";
    for go in toolchains(test).into_iter().take(1) {
        let name = &go.name;
        let bin = go.plain();
        let out = run(&bin, &["-scenario", "panic"]);
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "worker.log", &out.stderr);

        let app = open_with(&log, Path::new("/nonexistent/worker"));
        match &app.binary {
            BinaryState::Failed(_, why) => assert!(why.contains("/nonexistent/worker"), "{why}"),
            b => panic!("{name}: {b:?}"),
        }
        assert!(
            app.messages
                .iter()
                .any(|(m, warn)| *warn && m.contains("/nonexistent/worker")),
            "{name}: {:?}",
            app.messages
        );
        let notes = write(dir.path(), "notes.txt", b"just text\n");
        let app = open_with(&log, &notes);
        assert!(
            matches!(&app.binary, BinaryState::Failed(_, why) if why.contains("not an executable")),
            "{name}: {:?}",
            app.binary
        );

        // Another build (the other variant's line table places nothing where
        // this dump's frames are): the view says it does not match.
        let other = go.shifted();
        let mut app = open_with(&log, &other);
        view::press(&mut app, "ed");
        app.size = (200, 50);
        let screen = view::screen(&app);
        assert!(
            screen.contains("does not match the dump"),
            "{name}:\n{screen}"
        );
        // As `casefile goroutines --binary` says it.
        let v = goroutines_json(&["--binary", s(&other), s(&log)]);
        assert!(
            v["warnings"].to_string().contains("in it, line"),
            "{name}: {}",
            v["warnings"]
        );
    }
}

/// The lock tab names a lock that is a package-level variable from the
/// binary's symbol table, in its row and in its sentence, as `casefile
/// goroutines --binary` does (`main.ledgerMu`); without the binary, or with a
/// stripped one, it names none.
#[test]
fn the_lock_tab_names_a_package_level_mutex_with_the_binary() {
    let test = "the_lock_tab_names_a_package_level_mutex_with_the_binary";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let dir = run_ok(&bin, &["-scenario", "pkgheld", "-waiters", "20"], name);
        let d2 = dir.path().join("pkgheld-debug2.txt");
        let json = goroutines_json(&["--binary", s(&bin), s(&d2)]);
        let address = json["lock_groups"][0]["address"]
            .as_str()
            .expect("address")
            .to_string();
        let text = stdout(&casefile(&["goroutines", "--binary", s(&bin), s(&d2)]));
        // The headless sentence.
        let said = text
            .lines()
            .find(|l| l.contains(&format!("wait on mutex {address} (main.ledgerMu)")))
            .unwrap_or_else(|| panic!("{name}: {text}"))
            .trim()
            .to_string();
        assert!(
            said.ends_with("[chan send], which may hold main.ledgerMu"),
            "{name}: {said}"
        );

        let mut app = open_with(&d2, &bin);
        assert!(app.binary.ready().is_some(), "{name}: {:?}", app.binary);
        app.size = (200, 50);
        view::press(&mut app, "<tab>");
        assert_eq!(view::section(&app), Section::Locks, "{name}");
        let screen = view::screen(&app);
        let row = format!("20  mutex {address} (main.ledgerMu) in main.record");
        assert!(screen.contains(&row), "{name}: {row:?} not in\n{screen}");
        // The details column, read as one text: the sentence wraps at a space.
        let details: Vec<&str> = screen
            .lines()
            .filter_map(|l| l.split_once('│').map(|(_, d)| d))
            .flat_map(str::split_whitespace)
            .collect();
        assert!(
            details.join(" ").contains(&said),
            "{name}: {said:?} not in\n{screen}"
        );
        // Its possible holder's group (second, right after the waiters) names it too.
        view::press(&mut app, "<tab>");
        assert_eq!(view::section(&app), Section::Groups, "{name}");
        view::press(&mut app, "j");
        let screen = view::screen(&app);
        let line = format!(
            "may hold mutex {address} (main.ledgerMu), which 20 goroutines wait on (Tab: locks)"
        );
        assert!(screen.contains(&line), "{name}: {line:?} not in\n{screen}");

        // Without the binary, and with a stripped one: no name.
        let mut app = view::open(&[&d2]);
        app.size = (200, 50);
        view::press(&mut app, "<tab>");
        let screen = view::screen(&app);
        assert!(
            screen.contains(&format!("mutex {address} in main.record")),
            "{name}:\n{screen}"
        );
        assert!(!screen.contains("main.ledgerMu"), "{name}:\n{screen}");
        let stripped = go.build("stripped", &["-ldflags=-s -w"]);
        let dir = run_ok(&stripped, &["-scenario", "pkgheld", "-waiters", "20"], name);
        let d2 = dir.path().join("pkgheld-debug2.txt");
        let mut app = open_with(&d2, &stripped);
        assert!(app.binary.ready().is_some(), "{name}: {:?}", app.binary);
        app.size = (200, 50);
        view::press(&mut app, "<tab>");
        let screen = view::screen(&app);
        assert!(screen.contains(" in main.record"), "{name}:\n{screen}");
        assert!(!screen.contains("main.ledgerMu"), "{name}:\n{screen}");
    }
}
