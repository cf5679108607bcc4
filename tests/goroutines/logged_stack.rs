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

        let v = goroutines_json(&[s(&log)]);
        let dumps = v["dumps"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: {v}"));
        assert_eq!(dumps.len(), 2, "{name}: {v}");
        for d in dumps {
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
