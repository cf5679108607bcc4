//! A `?debug=2` profile and then a panic in one file (a program that wrote
//! its goroutines to stderr, then died): goroutine 1 is in both, and only
//! the panic's is the one that panicked. The file is read as the two dumps
//! it holds, in the text, `--json` and the screen.

use std::path::PathBuf;

use crate::common::*;
use crate::support::*;
use crate::tui::view;

/// Three goroutines stuck on a lock, the goroutines written out, then a
/// nil-map write in main: the runtime's panic follows the profile.
const PROGRAM: &str = r#"package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < 3; i++ {
		go func() { mu.Lock() }()
	}
	time.Sleep(200 * time.Millisecond)
	pprof.Lookup("goroutine").WriteTo(os.Stderr, 2)
	var m map[string]int
	m["boom"] = 1
}
"#;

/// The program's stderr, saved as `profile-then-panic.log`.
pub fn profile_then_panic(go: &Go, dir: &std::path::Path) -> PathBuf {
    let src = tempfile::tempdir().expect("tempdir");
    std::fs::write(src.path().join("go.mod"), "module twodumps\n\ngo 1.19\n").expect("go.mod");
    std::fs::write(src.path().join("main.go"), PROGRAM).expect("main.go");
    // -trimpath: frames read `twodumps/main.go` wherever it was built.
    let bin = go.build_from(src.path(), "twodumps", &["-trimpath"]);
    let out = run(&bin, &[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}: {}",
        go.name,
        String::from_utf8_lossy(&out.stderr)
    );
    write(dir, "profile-then-panic.log", &out.stderr)
}

/// The headline of the group the view selects.
fn selected(app: &casefile::tui::app::App) -> String {
    use casefile::tui::goroutine_view::{group_rows, headline};
    let v = view::view(app);
    let a = app.dumps.ready(v.key, v.similar).expect("analysed");
    let k = group_rows(a, v).ranked[v.list.selected];
    headline(a, &a.groups[a.ranked[k].group])
}

/// Which of the file's dumps the view shows: (number, of).
fn shown_dump(app: &casefile::tui::app::App) -> (usize, usize) {
    let v = view::view(app);
    let a = app.dumps.ready(v.key, v.similar).expect("analysed");
    a.dump
        .part
        .as_ref()
        .map(|p| (p.number, p.of))
        .expect("one of several")
}

fn panicked(groups: &serde_json::Value) -> usize {
    groups
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["panicking"] == true)
        .count()
}

#[test]
fn a_profile_then_a_panic_in_one_file_reads_as_two_dumps() {
    let test = "a_profile_then_a_panic_in_one_file_reads_as_two_dumps";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = profile_then_panic(&go, dir.path());
        let text = std::fs::read_to_string(&log).expect("log");
        let panic_line = text
            .lines()
            .position(|l| l.starts_with("panic: "))
            .expect("a panic") as u64
            + 1;

        let dumps = dumps_of(&log, 2, name);
        let (profile, crash) = (&dumps[0], &dumps[1]);
        assert_eq!(
            profile["dump"],
            serde_json::json!({"number": 1, "of": 2, "line": 1}),
            "{name}"
        );
        assert_eq!(
            crash["dump"],
            serde_json::json!({"number": 2, "of": 2, "line": panic_line}),
            "{name}"
        );
        // The profile: main writing it and the three waiters; nobody panicked.
        assert_eq!(profile["total"], 4, "{name}: {profile}");
        assert!(profile["panic"].is_null(), "{name}: {profile}");
        assert_eq!(panicked(&profile["groups"]), 0, "{name}: {profile}");
        assert_eq!(profile["groups"][0]["count"], 3, "{name}: {profile}");
        // The panic: goroutine 1 alone, the one group that panicked.
        assert_eq!(crash["total"], 1, "{name}: {crash}");
        assert_eq!(crash["panic"]["goroutine"], 1, "{name}: {crash}");
        assert_eq!(panicked(&crash["groups"]), 1, "{name}: {crash}");
        assert!(
            has_frame(&crash["panic"], "main.main", 19),
            "{name}: {}",
            crash["panic"]
        );
        for d in &dumps {
            assert_no_warnings(d, name);
        }

        let o = casefile(&["goroutines", s(&log)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("profile-then-panic.log (dump 1 of 2, line 1): 4 goroutines")
                || out.contains("profile-then-panic (dump 1 of 2, line 1): 4 goroutines"),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!(
                "(dump 2 of 2, line {panic_line}): 1 goroutine in 1 group"
            )),
            "{name}: {out}"
        );
        assert_eq!(out.matches("<- panicked").count(), 1, "{name}: {out}");

        // The screen shows the file's last dump, the panic, and says so.
        let mut app = view::open(&[&log]);
        let listed = view::listed(&app);
        assert_eq!(listed, [(1, "main.main".to_string())], "{name}");
        app.size = (120, 30);
        let screen = view::screen(&app);
        assert!(
            screen.contains(" · dump 2 of 2 · ")
                && screen.contains(&format!(" begins at line {panic_line} · ")),
            "{name}:\n{screen}"
        );
        let v = view::view(&app);
        let a = app.dumps.ready(v.key, v.similar).expect("analysed");
        assert_eq!(a.ranked.iter().filter(|r| r.panicking).count(), 1, "{name}");
        assert_eq!(a.dump.total(), 1, "{name}");
    }
}

/// `{` and `}` step through the dumps of the file: the profile (no time of
/// its own: the file's is its last dump's) and the panic (the file's time).
/// The selected group follows: the same function where the other dump has
/// it, else the panicking goroutine's; at either end the view stays.
#[test]
fn braces_step_between_the_profile_and_the_panic_of_one_file() {
    let test = "braces_step_between_the_profile_and_the_panic_of_one_file";
    // 2026-11-30T09:12:30Z
    let t = 1_796_029_950_000_000_000;
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = profile_then_panic(&go, dir.path());
        let mut app = view::open_set(&[(&log, Some(t))], |_| {});
        app.size = (120, 30);
        assert_eq!(shown_dump(&app), (2, 2), "{name}: the last dump first");
        assert_eq!(selected(&app), "main.main", "{name}");
        let title = |app: &casefile::tui::app::App| {
            view::screen(app).lines().next().unwrap_or("").to_string()
        };
        let first = title(&app);
        assert!(first.contains("dump 2 of 2"), "{name}: {first}");
        assert!(
            first.contains("taken 2026-11-30 09:12:30 (set)"),
            "{name}: {first}"
        );

        // The profile: main writing it and the three waiters, nobody
        // panicked; main.main's group is selected, as it was in the panic.
        view::press(&mut app, "{");
        assert_eq!(shown_dump(&app), (1, 2), "{name}");
        let listed = view::listed(&app);
        assert_eq!(
            listed.iter().map(|l| l.0).sum::<u64>(),
            4,
            "{name}: {listed:?}"
        );
        assert_eq!(listed[0], (3, "main.main.func1".to_string()), "{name}");
        assert_eq!(selected(&app), "main.main", "{name}");
        let first = title(&app);
        assert!(first.contains("dump 1 of 2"), "{name}: {first}");
        assert!(first.contains("time unknown"), "{name}: {first}");
        assert!(!first.contains("09:12:30"), "{name}: {first}");
        // At 80 columns where it begins is said whole, shorter: it was cut
        // at "(the file's is its l".
        app.size = (80, 24);
        let narrow = view::screen(&app);
        assert!(
            narrow.contains("\n begins at line 1 · } next dump · no time of its own\n"),
            "{name}:\n{narrow}"
        );
        insta::assert_snapshot!(
            format!("two_dumps_the_profile_go1_{}_80x24", go.minor),
            narrow
        );
        app.size = (120, 30);
        let v = view::view(&app);
        let a = app.dumps.ready(v.key, v.similar).expect("analysed");
        assert!(a.dump.panic.is_none(), "{name}");
        // Before the first dump there is none: the view stays and says so.
        view::press(&mut app, "{");
        assert_eq!(shown_dump(&app), (1, 2), "{name}");
        let said = app.message.clone().map(|m| m.0).unwrap_or_default();
        assert!(said.contains("the file's first dump"), "{name}: {said}");

        // The waiters are not in the panic's dump: its panicking goroutine is selected.
        view::press(&mut app, "k");
        assert_eq!(selected(&app), "main.main.func1", "{name}");
        view::press(&mut app, "}");
        assert_eq!(shown_dump(&app), (2, 2), "{name}");
        assert_eq!(selected(&app), "main.main", "{name}");
        view::press(&mut app, "}");
        assert_eq!(shown_dump(&app), (2, 2), "{name}");
        let said = app.message.clone().map(|m| m.0).unwrap_or_default();
        assert!(said.contains("the file's last dump"), "{name}: {said}");

        for (w, h) in [(80, 24), (200, 50)] {
            app.size = (w, h);
            insta::assert_snapshot!(
                format!("two_dumps_the_panic_go1_{}_{w}x{h}", go.minor),
                view::screen(&app)
            );
        }
    }
}

/// The same program's goroutines written twice to one file (`curl
/// ?debug=2 >> dumps.txt`, or a program that writes them on a signal): no
/// line parts them, but goroutine 1 comes again, and each dump begins with
/// the goroutine writing it.
const TWICE: &str = r#"package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < 3; i++ {
		go func() { mu.Lock() }()
	}
	time.Sleep(200 * time.Millisecond)
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
	done := make(chan bool)
	go func() {
		pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
		done <- true
	}()
	<-done
}
"#;

#[test]
fn two_profiles_written_one_after_the_other_read_as_two_dumps() {
    let test = "two_profiles_written_one_after_the_other_read_as_two_dumps";
    for go in toolchains(test) {
        let name = &go.name;
        let src = tempfile::tempdir().expect("tempdir");
        std::fs::write(src.path().join("go.mod"), "module twice\n\ngo 1.19\n").expect("go.mod");
        std::fs::write(src.path().join("main.go"), TWICE).expect("main.go");
        let bin = go.build_from(src.path(), "twice", &[]);
        let out = run(&bin, &[]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "twice.txt", &out.stdout);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // The second dump begins with its writer, the goroutine main started.
        let second = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("goroutine ") && l.contains("[running]"))
            .nth(1)
            .map(|(k, _)| k as u64 + 1)
            .expect("a second writer");
        let dumps = dumps_of(&path, 2, name);
        assert_eq!(dumps[1]["dump"]["line"], second, "{name}");
        // Main and three waiters; then main waiting, the writer and the three.
        assert_eq!(
            (dumps[0]["total"].as_u64(), dumps[1]["total"].as_u64()),
            (Some(4), Some(5)),
            "{name}"
        );
        for d in &dumps {
            let ids: Vec<u64> = d["groups"]
                .as_array()
                .expect("groups")
                .iter()
                .flat_map(|g| {
                    g["ids"]
                        .as_array()
                        .expect("ids")
                        .iter()
                        .map(|i| i.as_u64().expect("id"))
                })
                .collect();
            assert_eq!(ids.iter().filter(|&&i| i == 1).count(), 1, "{name}: {d}");
            assert_no_warnings(d, name);
        }
    }
}

/// The lines of `text` up to and including line `n` (from 1), each ended.
fn lines_to(text: &str, n: usize) -> String {
    text.lines().take(n).map(|l| format!("{l}\n")).collect()
}

fn warnings(d: &serde_json::Value) -> Vec<String> {
    d["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w.as_str().expect("a warning").to_string())
        .collect()
}

/// A file of two dumps with one of them cut mid-stack (a profile whose
/// writer was cut off, then the panic; the panic itself cut short; the
/// profile cut mid-line and the panic written on after it): the cut dump
/// says where it broke, once, and the other dump is read whole, with no
/// warning of its own.
#[test]
fn a_dump_cut_mid_stack_in_a_file_of_two_says_so_and_the_other_reads_whole() {
    let test = "a_dump_cut_mid_stack_in_a_file_of_two_says_so_and_the_other_reads_whole";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = profile_then_panic(&go, dir.path());
        let text = std::fs::read_to_string(&log).expect("log");
        let lines: Vec<&str> = text.lines().collect();
        let panic_at = lines
            .iter()
            .position(|l| l.starts_with("panic: "))
            .expect("a panic");
        // The profile's first waiter, cut after its second function line.
        let waiter = lines
            .iter()
            .position(|l| l.starts_with("goroutine ") && !l.contains("[running]"))
            .expect("a waiter");
        let id = lines[waiter]
            .split_whitespace()
            .nth(1)
            .expect("an id")
            .to_string();
        let cut = waiter + 3;
        let function = lines[cut]
            .rsplit_once('(')
            .map(|(f, _)| f.to_string())
            .expect("a function line");
        let mut cut_profile = lines_to(&text, cut + 1);
        cut_profile.push_str(&lines[panic_at..].join("\n"));
        cut_profile.push('\n');
        let path = write(dir.path(), "cut-profile.log", cut_profile.as_bytes());
        let dumps = dumps_of(&path, 2, name);
        assert_eq!(
            warnings(&dumps[0]),
            [format!(
                "line {}: goroutine {id}: the text ends after `{function}` without its file:line (truncated?)",
                cut + 1
            )],
            "{name}"
        );
        // The panic, whole: its line, message, goroutine and no warning.
        let crash = &dumps[1];
        assert_eq!(crash["dump"]["line"], cut as u64 + 2, "{name}: {crash}");
        assert_eq!(warnings(crash), Vec::<String>::new(), "{name}");
        assert_eq!(crash["total"], 1, "{name}: {crash}");
        assert_eq!(crash["panic"]["goroutine"], 1, "{name}: {crash}");
        assert_eq!(panicked(&crash["groups"]), 1, "{name}: {crash}");
        // The text says it under the cut dump, before the next begins.
        let o = casefile(&["goroutines", s(&path)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = stdout(&o);
        let second = out.find("(dump 2 of 2, ").expect("the second dump");
        let said = out.find("without its file:line").expect("the warning");
        assert!(said < second, "{name}:\n{out}");

        // The panic cut after its goroutine's first function line: one
        // warning, on that line; the profile before it reads whole.
        let main_at = lines[panic_at..]
            .iter()
            .position(|l| l.starts_with("main.main("))
            .expect("main's frame")
            + panic_at;
        let path = write(
            dir.path(),
            "cut-panic.log",
            lines_to(&text, main_at + 1).as_bytes(),
        );
        let dumps = dumps_of(&path, 2, name);
        assert_eq!(dumps[0]["total"], 4, "{name}: {}", dumps[0]);
        assert_eq!(warnings(&dumps[0]), Vec::<String>::new(), "{name}");
        assert_eq!(
            warnings(&dumps[1]),
            [format!(
                "line {}: goroutine 1: the text ends after `main.main` without its file:line (truncated?)",
                main_at + 1
            )],
            "{name}"
        );
        assert_eq!(
            dumps[1]["panic"]["message"], "assignment to entry in nil map",
            "{name}"
        );

        // The profile cut mid-line, in the waiter's file:line, and the panic
        // written on after it (a write cut short, then another appended):
        // the profile says so at that line, the panic reads whole from there.
        let mut glued = lines_to(&text, cut + 1);
        glued.push_str(&lines[cut + 1][..6]);
        glued.push_str(&lines[panic_at..].join("\n"));
        glued.push('\n');
        let path = write(dir.path(), "glued.log", glued.as_bytes());
        let dumps = dumps_of(&path, 2, name);
        assert_eq!(
            warnings(&dumps[0]),
            [format!(
                "line {}: goroutine {id} is cut off mid-line where another dump begins (a dump cut short, then another written after it)",
                cut + 2
            )],
            "{name}"
        );
        let crash = &dumps[1];
        assert_eq!(crash["dump"]["line"], cut as u64 + 2, "{name}: {crash}");
        assert_eq!(warnings(crash), Vec::<String>::new(), "{name}");
        assert_eq!(
            crash["panic"]["message"], "assignment to entry in nil map",
            "{name}"
        );
        assert_eq!(panicked(&crash["groups"]), 1, "{name}: {crash}");
    }
}

/// The file is read once, in the background: `{` and `}` step between the
/// dumps that reading found, and `x` groups them again, without reading the
/// file again; the title still says which dump of how many is shown.
#[test]
fn stepping_between_the_dumps_of_one_file_reads_it_once() {
    let test = "stepping_between_the_dumps_of_one_file_reads_it_once";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = profile_then_panic(&go, dir.path());
        let mut app = view::open(&[&log]);
        app.size = (120, 30);
        assert_eq!(app.dumps.parses, 1, "{name}");
        // `{`: a worker groups the profile, read already; the view says so.
        for k in casefile::tui::keymap::parse_keys("{").expect("keys") {
            casefile::tui::update::update(&mut app, casefile::tui::update::Msg::Key(k));
        }
        let screen = view::screen(&app);
        assert!(
            screen.contains("grouping 4 goroutines by stack") && !screen.contains("reading"),
            "{name}:\n{screen}"
        );
        view::run_jobs(&mut app);
        let title = |app: &casefile::tui::app::App| {
            view::screen(app).lines().next().unwrap_or("").to_string()
        };
        for (keys, shown) in [("", (1, 2)), ("}", (2, 2)), ("x", (2, 2)), ("{", (1, 2))] {
            view::press(&mut app, keys);
            assert_eq!(shown_dump(&app), shown, "{name} {keys}");
            let t = title(&app);
            assert!(
                t.contains(&format!("dump {} of 2", shown.0)),
                "{name} {keys}: {t}"
            );
            assert_eq!(app.dumps.parses, 1, "{name}: {keys} read the file again");
            // The dump shown is the one read at first.
            let read = &app.dumps.parsed[&(0, None)];
            let v = view::view(&app);
            let a = app.dumps.ready(v.key, v.similar).expect("analysed");
            assert_eq!(read.dumps.len(), 2, "{name}");
            assert!(
                std::sync::Arc::ptr_eq(&a.dump, &read.dumps[shown.0 - 1]),
                "{name} {keys}"
            );
        }
        assert!(view::view(&app).similar, "{name}");
    }
}
