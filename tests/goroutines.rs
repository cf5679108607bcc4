//! `casefile goroutines` and `casefile addr` on real runtime output: the Go
//! program in tests/go/incidents reproduces each incident of issue 15 (a lost
//! mutex, a leaking reaper, a nil-pointer panic in a worker, a deadlock) and
//! is built and run with every Go toolchain available (Debian's Go 1.19 and
//! the newest, `$CASEFILE_GO_LATEST`). Group counts are cross-checked
//! against Debian's `panicparse` on the same dumps.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use serde_json::Value;

/// Builds tests/go/incidents with `go` and extra build flags; caches under target/.
fn build(go: &Path, variant: &str, flags: &[&str]) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/incidents");
    build_from(go, &src, variant, flags)
}

fn build_from(go: &Path, src: &Path, variant: &str, flags: &[&str]) -> PathBuf {
    let (_, minor) = go_version(go);
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let bin = tmp.join(format!("incidents-go1.{minor}-{variant}"));
    go_build(go, src, &bin, flags);
    bin
}

/// Runs a scenario; the program ends by itself (a watchdog, or the runtime).
fn run(bin: &Path, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .output()
        .expect("run the incident program")
}

fn goroutines_json(args: &[&str]) -> Value {
    let mut a = vec!["goroutines", "--json"];
    a.extend_from_slice(args);
    let o = casefile(&a);
    assert!(o.status.success(), "casefile {a:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&o)))
}

/// panicparse's group sizes (its -aggressive mode ignores arguments, as casefile's exact mode does).
fn panicparse_counts(dump: &Path) -> Option<Vec<u64>> {
    let o = Command::new("panicparse")
        .args(["-parse=false", "-no-color", "-aggressive"])
        .arg(dump)
        .output()
        .ok()?;
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    let mut v: Vec<u64> = text
        .lines()
        .filter_map(|l| l.split_once(": ").and_then(|(n, _)| n.parse().ok()))
        .collect();
    v.sort_unstable();
    Some(v)
}

fn our_counts(v: &Value) -> Vec<u64> {
    let mut c: Vec<u64> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["count"].as_u64().expect("count"))
        .collect();
    c.sort_unstable();
    c
}

/// Cross-checks group sizes with panicparse; returns false when it is not installed.
fn cross_check(dump: &Path, ours: &Value, name: &str) -> bool {
    let Some(theirs) = panicparse_counts(dump) else {
        skip(
            "panicparse cross-check",
            "panicparse is not installed (apt-get install panicparse)",
        );
        return false;
    };
    assert_eq!(
        our_counts(ours),
        theirs,
        "{name}: group sizes differ from panicparse's on {}",
        dump.display()
    );
    true
}

/// The line of `needle` in the incident program's source, so expectations follow edits.
fn source_line(needle: &str) -> u64 {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/incidents/main.go"),
    )
    .expect("source");
    src.lines()
        .position(|l| l.contains(needle))
        .expect("needle in source") as u64
        + 1
}

#[test]
fn a_mutex_never_unlocked_groups_its_waiters_on_one_address() {
    let test = "a_mutex_never_unlocked_groups_its_waiters_on_one_address";
    for go in go_toolchains(test) {
        let (name, minor) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run(
            &bin,
            &[
                "-scenario",
                "mutex",
                "-waiters",
                "300",
                "-out",
                dir.path().to_str().expect("path"),
            ],
        );
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let d2 = dir.path().join("mutex-debug2.txt");
        let v = goroutines_json(&[d2.to_str().expect("path")]);
        let top = &v["groups"][0];
        let state = if minor >= 20 {
            "sync.Mutex.Lock"
        } else {
            "semacquire"
        };
        assert_eq!(
            (top["count"].as_u64(), top["state"].as_str()),
            (Some(300), Some(state)),
            "{name}: {top}"
        );
        assert_eq!(top["own_function"], "main.(*Broker).Send", "{name}");
        let send = source_line("b.mu.Lock()");
        assert!(
            top["frames"]
                .as_array()
                .expect("frames")
                .iter()
                .any(|f| f["function"] == "main.(*Broker).Send" && f["line"] == send),
            "{name}: {top}"
        );
        assert_eq!(top["ids"].as_array().map(Vec::len), Some(300));
        let lock = &v["lock_groups"][0];
        assert_eq!(
            (lock["kind"].as_str(), lock["count"].as_u64()),
            (Some("mutex"), Some(300)),
            "{name}: {lock}"
        );
        assert_eq!(lock["function"], "main.(*Broker).Send");
        assert_eq!(
            lock["holders"].as_array().map(Vec::len),
            Some(0),
            "nobody else is inside Send"
        );
        assert!(
            v["warnings"].as_array().is_some_and(Vec::is_empty),
            "{name}: {}",
            v["warnings"]
        );
        assert!(v["panic"].is_null());
        cross_check(&d2, &v, &name);

        // The ?debug=1 profile of the same moment: the same 300 in one record, and the same total.
        let v1 = goroutines_json(&[dir.path().join("mutex-debug1.txt").to_str().expect("path")]);
        assert_eq!(v1["kind"], "profile");
        assert_eq!(v1["total"], v["total"], "{name}");
        assert_eq!(v1["groups"][0]["count"], 300, "{name}: {}", v1["groups"][0]);
        assert_eq!(v1["groups"][0]["own_function"], "main.(*Broker).Send");

        // Opened as a source, the dump is one record per goroutine.
        let idx = index_json(&[d2.to_str().expect("path")]);
        assert_eq!(idx["sources"][0]["format"], "go-dump", "{name}");
        assert_eq!(idx["sources"][0]["records"], v["total"], "{name}");

        // The text names the lock and says nobody holds it.
        let o = casefile(&["goroutines", d2.to_str().expect("path")]);
        let text = stdout(&o);
        assert!(
            text.contains("300 goroutines wait on mutex 0x")
                && text.contains("in main.(*Broker).Send; no other goroutine"),
            "{name}: {text}"
        );
        assert!(
            text.contains("idle goroutines"),
            "{name}: the standard library's idle groups are folded: {text}"
        );
    }
}

#[test]
fn a_sigquit_dump_reads_like_the_pprof_one() {
    let test = "a_sigquit_dump_reads_like_the_pprof_one";
    for go in go_toolchains(test) {
        let (name, minor) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run(
            &bin,
            &[
                "-scenario",
                "mutex",
                "-waiters",
                "50",
                "-sigquit",
                "-out",
                dir.path().to_str().expect("path"),
            ],
        );
        let dump = write(dir.path(), "sigquit.txt", &out.stderr);
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(text.starts_with("SIGQUIT: quit"), "{name}: {text}");
        if minor >= 23 {
            assert!(
                text.contains(" gp=0x"),
                "{name}: newer runtimes print gp= in headers"
            );
        }
        let v = goroutines_json(&[dump.to_str().expect("path")]);
        assert_eq!(v["groups"][0]["count"], 50, "{name}: {}", v["groups"][0]);
        assert_eq!(v["lock_groups"][0]["count"], 50, "{name}");
        assert!(
            v["warnings"].as_array().is_some_and(Vec::is_empty),
            "{name}: {}",
            v["warnings"]
        );
        // The runtime's own goroutines (GC workers, the finalizer) fold as idle.
        assert!(v["groups"].as_array().expect("groups").iter().any(|g| {
            g["idle"] == true
                && g["top_function"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("runtime."))
        }));
        // panicparse 2.3 reads no goroutine of the gp= headers; where it reads them, it agrees.
        if panicparse_counts(&dump).is_some_and(|c| !c.is_empty()) {
            cross_check(&dump, &v, &name);
        }
    }
}

#[test]
fn a_leaking_reaper_grows_between_two_dumps() {
    let test = "a_leaking_reaper_grows_between_two_dumps";
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run(
            &bin,
            &[
                "-scenario",
                "reaper",
                "-requests",
                "40",
                "-out",
                dir.path().to_str().expect("path"),
            ],
        );
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for level in ["debug2", "debug1"] {
            let old = dir.path().join(format!("reaper1-{level}.txt"));
            let new = dir.path().join(format!("reaper2-{level}.txt"));
            let v =
                goroutines_json(&["--diff", old.to_str().expect("p"), new.to_str().expect("p")]);
            let top = &v["grown"][0];
            assert_eq!(
                top["own_function"], "main.(*pool).reap",
                "{name} {level}: {v}"
            );
            assert_eq!(
                (top["before"].as_u64(), top["after"].as_u64()),
                (Some(40), Some(120)),
                "{name} {level}: {top}"
            );
            let o = casefile(&[
                "goroutines",
                "--diff",
                old.to_str().expect("p"),
                new.to_str().expect("p"),
            ]);
            let text = stdout(&o);
            let first = text
                .lines()
                .find(|l| l.trim_start().starts_with('+'))
                .unwrap_or_default();
            assert!(
                first.contains("+80") && first.contains("main.(*pool).reap"),
                "{name} {level}: largest growth first:\n{text}"
            );
            if level == "debug2" {
                cross_check(&new, &goroutines_json(&[new.to_str().expect("p")]), &name);
            }
        }
    }
}

#[test]
fn a_worker_nil_panic_resolves_its_pc_plain_stripped_and_trimpath() {
    let test = "a_worker_nil_panic_resolves_its_pc_plain_stripped_and_trimpath";
    let line = source_line("return w.current.id * 2");
    let mut binaries = Vec::new();
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        for (variant, flags) in [
            ("plain", &[][..]),
            ("stripped", &["-ldflags=-s -w"][..]),
            ("trimpath", &["-trimpath"][..]),
        ] {
            let bin = build(&go, variant, flags);
            let out = run(&bin, &["-scenario", "panic"]);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name} {variant}: a panic exits with 2"
            );
            let dir = tempfile::tempdir().expect("tempdir");
            let log = write(dir.path(), "worker.log", &out.stderr);
            let v = goroutines_json(&[
                "--binary",
                bin.to_str().expect("p"),
                log.to_str().expect("p"),
            ]);
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
            assert!(
                v["warnings"].as_array().is_some_and(Vec::is_empty),
                "{name} {variant}: {}",
                v["warnings"]
            );
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
            let o = casefile(&["addr", "--binary", bin.to_str().expect("p"), &pc]);
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
        let v = goroutines_json(&[
            "--binary",
            other.to_str().expect("p"),
            log.to_str().expect("p"),
        ]);
        let w = v["warnings"].to_string();
        assert!(w.contains("does not match the dump"), "{w}");
    }
}

#[test]
fn a_deadlock_is_a_fatal_error_that_blames_no_goroutine() {
    let test = "a_deadlock_is_a_fatal_error_that_blames_no_goroutine";
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let out = run(&bin, &["-scenario", "deadlock"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "deadlock.log", &out.stderr);
        let v = goroutines_json(&[log.to_str().expect("p")]);
        assert_eq!(v["panic"]["kind"], "fatal error");
        assert_eq!(
            v["panic"]["message"],
            "all goroutines are asleep - deadlock!"
        );
        assert!(v["panic"]["goroutine"].is_null(), "{name}: {}", v["panic"]);
        assert_eq!(v["total"], 5);
        let sends: Vec<&Value> = v["groups"]
            .as_array()
            .expect("g")
            .iter()
            .filter(|g| g["state"] == "chan send")
            .collect();
        assert_eq!(sends.len(), 1, "{name}: the four senders are one group");
        assert_eq!(sends[0]["count"], 4);
        cross_check(&log, &v, &name);
    }
}

#[test]
fn bad_input_gets_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = casefile(&["addr", "--binary", "/nonexistent/prog", "0x1"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("/nonexistent/prog"), "{}", stderr(&o));
    let notbin = write(dir.path(), "notes.txt", b"just text\n");
    let o = casefile(&["addr", "--binary", notbin.to_str().expect("p"), "0x1"]);
    assert!(stderr(&o).contains("not an executable"), "{}", stderr(&o));
    let o = casefile(&["addr", "--binary", notbin.to_str().expect("p"), "xyz"]);
    assert!(
        stderr(&o).contains("'xyz' is not a code address"),
        "{}",
        stderr(&o)
    );
    // Text that is no dump at all: no groups, no crash.
    let v = goroutines_json(&[notbin.to_str().expect("p")]);
    assert_eq!(v["total"], 0);
}

/// The panic journald kept without timestamps (`journalctl -o cat`) and the
/// one in a Go `log` stream: each is one record holding its whole stack, and
/// the log line after it is a record of its own.
#[test]
fn a_panic_inside_a_log_is_one_record_with_its_stack() {
    // (file, the panic's first line, the record after it; read off the files)
    for (file, opener, next) in [
        (
            "journald/journalctl-cat.txt",
            "panic: runtime error",
            Some("Server listening on 127.0.0.1 port 12223."),
        ),
        (
            "go/panic-index-out-of-range.log",
            "panic: runtime error",
            None,
        ),
        (
            "go/http-handler-panic-recovered.log",
            "http: panic serving 127.0.0.1:32938",
            Some("2026/11/23 14:05:13.287483 client: Get"),
        ),
    ] {
        let path = corpus(file);
        let text = std::fs::read_to_string(&path).expect("corpus");
        let o = casefile(&["merge", "--json", "--tz", "UTC", &path]);
        let rows: Vec<Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        let k = rows
            .iter()
            .position(|r| r["text"].as_str().is_some_and(|t| t.contains(opener)))
            .expect("panic record");
        let record = rows[k]["text"].as_str().expect("text");
        // Every line from the opener to the record after it is in the panic's record.
        let start = text.find(opener).expect("opener");
        let end = next.map_or(text.len(), |n| {
            text[start..].find(n).map(|e| start + e).expect("next")
        });
        let stack: Vec<&str> = text[start..end]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let got: Vec<&str> = record.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(stack.len() > 5, "{file}: {stack:?}");
        assert!(
            got.ends_with(&stack[1..]),
            "{file}: the stack is not in the panic's record:\n{record}"
        );
        if let Some(n) = next {
            assert!(
                rows[k + 1]["text"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(n)),
                "{file}: {}",
                rows[k + 1]
            );
        }
    }
}

/// Another build of the same program: the incident program with three lines
/// added under its package clause, so every function sits lower in the file.
#[test]
fn a_dump_read_with_another_builds_binary_is_said_not_to_match() {
    let test = "a_dump_read_with_another_builds_binary_is_said_not_to_match";
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/incidents");
    let shifted = Path::new(env!("CARGO_TARGET_TMPDIR")).join("incidents-shifted");
    std::fs::create_dir_all(&shifted).expect("mkdir");
    std::fs::copy(src.join("go.mod"), shifted.join("go.mod")).expect("copy go.mod");
    let main = std::fs::read_to_string(src.join("main.go")).expect("main.go");
    let main = main.replacen("package main\n", "package main\n\n// Another build.\n\n", 1);
    std::fs::write(shifted.join("main.go"), main).expect("write main.go");
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let other = build_from(&go, &shifted, "shifted", &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run(
            &bin,
            &[
                "-scenario",
                "mutex",
                "-waiters",
                "20",
                "-out",
                dir.path().to_str().expect("p"),
            ],
        );
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let d2 = dir.path().join("mutex-debug2.txt");
        let d2 = d2.to_str().expect("p");
        let own = goroutines_json(&["--binary", bin.to_str().expect("p"), d2]);
        assert!(
            own["warnings"].as_array().is_some_and(Vec::is_empty),
            "{name}: its own binary matches: {}",
            own["warnings"]
        );
        let theirs = goroutines_json(&["--binary", other.to_str().expect("p"), d2]);
        let w = theirs["warnings"].to_string();
        assert!(
            w.contains("does not match the dump")
                && w.contains("frames are not where the dump puts them"),
            "{name}: {w}"
        );
    }
}

/// The runtime's crash output for a scenario: exit status 2, stderr saved as NAME.log.
fn crash_json(bin: &Path, scenario: &str, name: &str) -> (String, Value) {
    let out = run(bin, &["-scenario", scenario]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{name} {scenario}: the runtime ends the process with 2: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let log = write(dir.path(), &format!("{scenario}.log"), &out.stderr);
    let v = goroutines_json(&[log.to_str().expect("p")]);
    assert!(
        v["warnings"].as_array().is_some_and(Vec::is_empty),
        "{name} {scenario}: {}",
        v["warnings"]
    );
    // The panicking goroutine's group comes first and holds it.
    let g = &v["groups"][0];
    assert_eq!(g["panicking"], true, "{name} {scenario}: {g}");
    assert!(
        g["ids"]
            .as_array()
            .is_some_and(|ids| ids.contains(&v["panic"]["goroutine"])),
        "{name} {scenario}: {g} {}",
        v["panic"]
    );
    (String::from_utf8_lossy(&out.stderr).into_owned(), v)
}

/// The first frame of the panicking goroutine in the program's own code.
fn first_own_frame(v: &Value) -> (String, u64) {
    let f = v["panic"]["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .find(|f| {
            f["function"]
                .as_str()
                .is_some_and(|f| f.starts_with("main."))
        })
        .unwrap_or_else(|| panic!("no frame in main: {}", v["panic"]));
    (
        f["function"].as_str().expect("function").to_string(),
        f["line"].as_u64().expect("line"),
    )
}

#[test]
fn concurrent_map_writes_is_a_fatal_error_that_blames_the_writer() {
    let test = "concurrent_map_writes_is_a_fatal_error_that_blames_the_writer";
    let line = source_line("c.hits[k]++");
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let (_, v) = crash_json(&bin, "mapwrites", &name);
        let p = &v["panic"];
        assert_eq!(
            (p["kind"].as_str(), p["message"].as_str()),
            (Some("fatal error"), Some("concurrent map writes")),
            "{name}: {p}"
        );
        assert!(p["goroutine"].is_u64(), "{name}: the writer is blamed: {p}");
        // Go 1.24+ puts internal/runtime/maps.fatal on top; the own frame is the same.
        assert_eq!(
            first_own_frame(&v),
            ("main.(*cache).record".to_string(), line),
            "{name}: {p}"
        );
        assert_eq!(v["groups"][0]["own_function"], "main.(*cache).record");
    }
}

#[test]
fn a_panic_in_a_deferred_cleanup_is_a_nested_panic_chain() {
    let test = "a_panic_in_a_deferred_cleanup_is_a_nested_panic_chain";
    let close = source_line(r#"panic(fmt.Sprintf("close %s"#);
    let write_line = source_line(r#"panic("write " + name"#);
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let (text, v) = crash_json(&bin, "nested", &name);
        // Both runtimes print the first panic, then the second indented under it.
        assert!(
            text.contains(
                "panic: write report.txt: disk full\n\tpanic: close report.txt: already closed\n"
            ),
            "{name}: {text}"
        );
        let p = &v["panic"];
        assert_eq!(p["kind"], "panic");
        assert_eq!(p["message"], "close report.txt: already closed", "{name}");
        assert_eq!(
            p["chain"],
            serde_json::json!(["write report.txt: disk full"]),
            "{name}"
        );
        assert_eq!(
            first_own_frame(&v),
            ("main.closeFile".to_string(), close),
            "{name}: {p}"
        );
        // The first panic's frame is further down the same stack, under runtime's panic.
        assert!(
            p["frames"]
                .as_array()
                .expect("frames")
                .iter()
                .any(|f| f["function"] == "main.writeReport" && f["line"] == write_line),
            "{name}: {p}"
        );
        assert_eq!(v["groups"][0]["own_function"], "main.closeFile");
    }
}

/// A recovered panic panicked again. Go 1.23+ prints it on one line,
/// `panic: V [recovered, repanicked]`; older runtimes print `panic: V [recovered]`
/// then `\tpanic: V`. Only the newest toolchain ($CASEFILE_GO_LATEST, Go 1.27)
/// prints the first form, so without it this test skips (and fails under CI).
#[test]
fn a_repanicked_panic_reads_the_same_on_every_runtime() {
    let test = "a_repanicked_panic_reads_the_same_on_every_runtime";
    let repanic = source_line("panic(r)");
    let parse = source_line(r#"panic(fmt.Sprintf("parse request"#);
    let mut newest = false;
    for go in go_toolchains(test) {
        let (name, minor) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let (text, v) = crash_json(&bin, "repanic", &name);
        let value = "parse request 42: unexpected EOF";
        let mark = if minor >= 23 {
            newest = true;
            "[recovered, repanicked]"
        } else {
            "[recovered]"
        };
        let printed = if minor >= 23 {
            format!("panic: {value} {mark}\n\n")
        } else {
            format!("panic: {value} {mark}\n\tpanic: {value}\n")
        };
        assert!(text.contains(&printed), "{name}: {text}");
        let p = &v["panic"];
        assert_eq!(p["message"], value, "{name}: the message is the value: {p}");
        assert_eq!(
            p["chain"],
            serde_json::json!([format!("{value} {mark}")]),
            "{name}: {p}"
        );
        assert_eq!(
            first_own_frame(&v),
            ("main.handle.func1".to_string(), repanic),
            "{name}: {p}"
        );
        assert!(
            p["frames"]
                .as_array()
                .expect("frames")
                .iter()
                .any(|f| f["function"] == "main.parse" && f["line"] == parse),
            "{name}: {p}"
        );
    }
    if !newest {
        skip(
            test,
            "no Go 1.23+ toolchain: `[recovered, repanicked]` is not tested",
        );
    }
}

/// A repanic, then a deferred call panics while it unwinds. Go 1.27 prints
/// `panic: V [recovered, repanicked]` then `\tpanic: W`; Go 1.19 prints
/// `panic: V [recovered]`, `\tpanic: V`, `\tpanic: W`.
#[test]
fn a_panic_after_a_repanic_keeps_the_chain_as_printed() {
    let test = "a_panic_after_a_repanic_keeps_the_chain_as_printed";
    let flush = source_line(r#"panic(fmt.Sprintf("flush request"#);
    let mut newest = false;
    for go in go_toolchains(test) {
        let (name, minor) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let (text, v) = crash_json(&bin, "repanicflush", &name);
        let value = "parse request 7: unexpected EOF";
        let last = "flush request 7: broken pipe";
        let chain = if minor >= 23 {
            newest = true;
            serde_json::json!([format!("{value} [recovered, repanicked]")])
        } else {
            serde_json::json!([format!("{value} [recovered]"), value])
        };
        assert!(
            text.contains(&format!("\tpanic: {last}\n")),
            "{name}: {text}"
        );
        let p = &v["panic"];
        assert_eq!(p["message"], last, "{name}: {p}");
        assert_eq!(p["chain"], chain, "{name}: {p}");
        assert_eq!(
            first_own_frame(&v),
            ("main.flush".to_string(), flush),
            "{name}: {p}"
        );
    }
    if !newest {
        skip(
            test,
            "no Go 1.23+ toolchain: `[recovered, repanicked]` is not tested",
        );
    }
}

// The goroutine view in the TUI, on the same real dumps: its state, driven by
// keys through the keymap, with the worker's jobs run inline.
mod view {
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
        let specs: Vec<SourceSpec> = files
            .iter()
            .map(|p| SourceSpec {
                name: p.file_stem().expect("name").to_string_lossy().into_owned(),
                input: Input::Files(vec![p.to_path_buf()]),
                settings: Settings::default(),
            })
            .collect();
        let view = casefile::tui::ViewOptions {
            since: None,
            until: None,
            display_zone: Zone::Fixed(0),
            asked: None,
            config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
        };
        let names = specs.iter().map(|s| s.name.clone()).collect();
        let mut app = casefile::tui::new_app(names, &view, false);
        app.size = (120, 40);
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

    fn run_jobs(app: &mut App) {
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
}

#[test]
fn the_tui_view_of_a_lost_mutex_folds_idle_groups_and_names_the_lock() {
    let test = "the_tui_view_of_a_lost_mutex_folds_idle_groups_and_names_the_lock";
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run(
            &bin,
            &[
                "-scenario",
                "mutex",
                "-waiters",
                "300",
                "-sigquit",
                "-out",
                dir.path().to_str().expect("p"),
            ],
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
        let v = goroutines_json(&[dump.to_str().expect("p")]);
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
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = run(
            &bin,
            &[
                "-scenario",
                "reaper",
                "-requests",
                "40",
                "-out",
                dir.path().to_str().expect("p"),
            ],
        );
        assert!(out.status.success(), "{name}");
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

#[test]
fn the_tui_opens_a_workers_panic_from_its_log_with_one_key() {
    let test = "the_tui_opens_a_workers_panic_from_its_log_with_one_key";
    for go in go_toolchains(test) {
        let (name, _) = go_version(&go);
        let bin = build(&go, "plain", &[]);
        let out = run(&bin, &["-scenario", "panic"]);
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
