//! Addresses to source lines with `--binary` and `casefile addr`: a worker's
//! nil-pointer panic built plain, stripped and with -trimpath, and a binary
//! from another build said not to match.

use std::path::Path;

use crate::common::*;
use crate::support::*;

#[test]
fn a_worker_nil_panic_resolves_its_pc_plain_stripped_and_trimpath() {
    let test = "a_worker_nil_panic_resolves_its_pc_plain_stripped_and_trimpath";
    let line = source_line("return w.current.id * 2");
    let mut binaries = Vec::new();
    for go in toolchains(test) {
        let name = &go.name;
        for (variant, flags) in [
            ("plain", &[][..]),
            ("stripped", &["-ldflags=-s -w"][..]),
            ("trimpath", &["-trimpath"][..]),
        ] {
            let bin = go.build(variant, flags);
            let out = run(&bin, &["-scenario", "panic"]);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name} {variant}: a panic exits with 2"
            );
            let dir = tempfile::tempdir().expect("tempdir");
            let log = write(dir.path(), "worker.log", &out.stderr);
            let v = goroutines_json(&["--binary", s(&bin), s(&log)]);
            let p = &v["panic"];
            assert_eq!(
                p["message"], "runtime error: invalid memory address or nil pointer dereference",
                "{name} {variant}"
            );
            assert_eq!(p["signal"]["name"], "SIGSEGV");
            assert_eq!(p["signal"]["addr"], 0);
            let r = &p["pc_resolved"];
            assert_eq!(r["line"].as_u64(), Some(line), "{name} {variant}: {r}");
            assert!(
                r["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with("incidents/main.go")),
                "{name} {variant}: {r}"
            );
            assert_no_warnings(&v, &format!("{name} {variant}"));
            // The panic sits in time with the log around it: the last log line's second.
            assert_eq!(v["time_origin"], "log_line", "{name} {variant}");
            // The panicking goroutine's group comes first.
            assert_eq!(v["groups"][0]["panicking"], true);
            assert_eq!(v["groups"][0]["ids"][0], p["goroutine"]);
            // `addr` prints the same, from the pc= as pasted.
            let pc = format!(
                "pc={}",
                p["signal"]["pc"]
                    .as_u64()
                    .map(|v| format!("{v:#x}"))
                    .unwrap_or_default()
            );
            let o = casefile(&["addr", "--binary", s(&bin), &pc]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(
                stdout(&o).trim_end().ends_with(&format!("main.go:{line}")),
                "{name} {variant}: {}",
                stdout(&o)
            );
            binaries.push((bin, log, dir));
        }
    }
    // Another build's binary (the other toolchain's) is said not to match.
    if binaries.len() == 6 {
        let (other, _, _) = &binaries[3];
        let (_, log, _) = &binaries[0];
        let v = goroutines_json(&["--binary", s(other), s(log)]);
        let w = v["warnings"].to_string();
        assert!(w.contains("does not match the dump"), "{w}");
    }
}

/// Another build of the same program: the incident program with three lines
/// added under its package clause, so every function sits lower in the file.
#[test]
fn a_dump_read_with_another_builds_binary_is_said_not_to_match() {
    let test = "a_dump_read_with_another_builds_binary_is_said_not_to_match";
    let src = incidents_dir();
    let shifted = Path::new(env!("CARGO_TARGET_TMPDIR")).join("incidents-shifted");
    std::fs::create_dir_all(&shifted).expect("mkdir");
    std::fs::copy(src.join("go.mod"), shifted.join("go.mod")).expect("copy go.mod");
    let main = std::fs::read_to_string(src.join("main.go")).expect("main.go");
    let main = main.replacen("package main\n", "package main\n\n// Another build.\n\n", 1);
    std::fs::write(shifted.join("main.go"), main).expect("write main.go");
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let other = go.build_from(&shifted, "shifted", &[]);
        let dir = run_ok(&bin, &["-scenario", "mutex", "-waiters", "20"], name);
        let d2 = dir.path().join("mutex-debug2.txt");
        let own = goroutines_json(&["--binary", s(&bin), s(&d2)]);
        assert_no_warnings(&own, &format!("{name}: its own binary matches"));
        let theirs = goroutines_json(&["--binary", s(&other), s(&d2)]);
        let w = theirs["warnings"].to_string();
        assert!(
            w.contains("does not match the dump")
                && w.contains("frames are not where the dump puts them"),
            "{name}: {w}"
        );
    }
}

#[test]
fn bad_input_gets_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = casefile(&["addr", "--binary", "/nonexistent/prog", "0x1"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("/nonexistent/prog"), "{}", stderr(&o));
    let notbin = write(dir.path(), "notes.txt", b"just text\n");
    let o = casefile(&["addr", "--binary", s(&notbin), "0x1"]);
    assert!(stderr(&o).contains("not an executable"), "{}", stderr(&o));
    let o = casefile(&["addr", "--binary", s(&notbin), "xyz"]);
    assert!(
        stderr(&o).contains("'xyz' is not a code address"),
        "{}",
        stderr(&o)
    );
    // Text that is no dump at all: no groups, no crash.
    let v = goroutines_json(&[s(&notbin)]);
    assert_eq!(v["total"], 0);
}
