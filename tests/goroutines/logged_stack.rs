//! A program that logs a goroutine's stack (`debug.Stack()` in a log line)
//! and then panics: the runtime's `panic:` follows the logged stack's last
//! line with no blank line between, as its stderr log collects them. The
//! logged line is no prefix of the lines after it: the stack reads whole and
//! the panic reads as the panic.

use crate::common::*;
use crate::support::*;

const PROGRAM: &str = r#"package main

import (
	"log"
	"runtime/debug"
)

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.Printf("worker: handled request id=%d", 7)
	log.Printf("slow request, stack: %s", debug.Stack())
	var m map[string]int
	m["boom"] = 1
}
"#;

#[test]
fn a_panic_right_after_a_logged_stack_reads_as_the_panic() {
    let test = "a_panic_right_after_a_logged_stack_reads_as_the_panic";
    for go in toolchains(test) {
        let name = &go.name;
        let src = tempfile::tempdir().expect("tempdir");
        std::fs::write(src.path().join("go.mod"), "module logged\n\ngo 1.19\n").expect("go.mod");
        std::fs::write(src.path().join("main.go"), PROGRAM).expect("main.go");
        let bin = go.build_from(src.path(), "logged", &["-trimpath"]);
        let out = run(&bin, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("panic: "))
            .expect("a panic");
        // The stack's last line, then the panic: no blank line between.
        assert!(lines[at - 1].starts_with('\t'), "{name}: {text}");
        let logged = lines
            .iter()
            .position(|l| l.ends_with("stack: goroutine 1 [running]:"))
            .expect("the logged stack") as u64
            + 1;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "app.log", &out.stderr);

        let dumps = dumps_of(&log, 2, name);
        for d in &dumps {
            assert_no_warnings(d, name);
        }
        // The logged stack: goroutine 1 in debug.Stack, called from main.
        let stack = &dumps[0];
        assert_eq!(stack["dump"]["line"], logged, "{name}: {stack}");
        assert!(stack["panic"].is_null(), "{name}: {stack}");
        let g = &stack["groups"][0];
        assert_eq!(
            g["frames"][0]["function"], "runtime/debug.Stack",
            "{name}: {g}"
        );
        assert!(has_frame(g, "main.main", 11), "{name}: {g}");
        // The panic: its message, goroutine 1 at the nil-map write.
        let crash = &dumps[1];
        assert_eq!(crash["dump"]["line"], at as u64 + 1, "{name}: {crash}");
        assert_eq!(
            crash["panic"]["message"], "assignment to entry in nil map",
            "{name}: {crash}"
        );
        assert_eq!(crash["panic"]["goroutine"], 1, "{name}: {crash}");
        assert!(
            has_frame(&crash["panic"], "main.main", 13),
            "{name}: {crash}"
        );
        assert_eq!(crash["groups"][0]["panicking"], true, "{name}: {crash}");

        let o = casefile(&["goroutines", s(&log)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("panic: assignment to entry in nil map"),
            "{name}: {out}"
        );
        assert_eq!(out.matches("<- panicked").count(), 1, "{name}: {out}");
    }
}

/// On the screen, `d` on a log record that holds goroutines opens them: a
/// stack the program logged (`… stack: goroutine 1 [running]:`), and a
/// `?debug=2` dump written into a log under one of its lines.
#[test]
fn d_opens_the_goroutines_a_log_record_holds() {
    let test = "d_opens_the_goroutines_a_log_record_holds";
    for go in toolchains(test) {
        let name = &go.name;
        let src = tempfile::tempdir().expect("tempdir");
        std::fs::write(src.path().join("go.mod"), "module logged\n\ngo 1.19\n").expect("go.mod");
        std::fs::write(src.path().join("main.go"), PROGRAM).expect("main.go");
        let bin = go.build_from(src.path(), "logged", &["-trimpath"]);
        let out = run(&bin, &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "app.log", &out.stderr);
        let mut app = crate::tui::view::open(&[&log]);
        crate::tui::view::press(&mut app, "/slow request<enter>d");
        let listed = crate::tui::view::listed(&app);
        assert_eq!(listed, [(1, "main.main".to_string())], "{name}");
        let v = crate::tui::view::view(&app);
        let a = app.dumps.ready(v.key, v.similar).expect("analysed");
        assert!(
            a.dump.panic.is_none() && a.dump.warnings.is_empty(),
            "{name}"
        );

        // 50 waiters' ?debug=2 dump under a log line, more lines after it.
        let run = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let dump = std::fs::read_to_string(run.path().join("mutex-debug2.txt")).expect("dump");
        let lines = |minute: u32| -> String {
            (0..10)
                .map(|i| format!("2026/12/03 09:{minute:02}:{i:02} worker {i}: ok\n"))
                .collect()
        };
        let text = format!(
            "{}2026/12/03 09:10:30 dumping goroutines\n{dump}{}",
            lines(10),
            lines(11)
        );
        let path = write(dir.path(), "dumped.log", text.as_bytes());
        let mut app = crate::tui::view::open(&[&path]);
        crate::tui::view::press(&mut app, "/dumping goroutines<enter>d");
        let listed = crate::tui::view::listed(&app);
        assert_eq!(
            listed[0],
            (50, "main.(*Broker).Send".to_string()),
            "{name}: {listed:?}"
        );
        let v = crate::tui::view::view(&app);
        let a = app.dumps.ready(v.key, v.similar).expect("analysed");
        let alone = goroutines_json(&[s(&run.path().join("mutex-debug2.txt"))]);
        assert_eq!(Some(a.dump.total()), alone["total"].as_u64(), "{name}");
    }
}
