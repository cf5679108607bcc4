//! The runtime ending the process: a deadlock, concurrent map writes, a panic
//! in a deferred cleanup, and recovered panics panicked again.

use serde_json::Value;

use crate::common::*;
use crate::support::*;

#[test]
fn a_deadlock_is_a_fatal_error_that_blames_no_goroutine() {
    let test = "a_deadlock_is_a_fatal_error_that_blames_no_goroutine";
    for go in toolchains(test) {
        let name = &go.name;
        let out = run(&go.plain(), &["-scenario", "deadlock"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "deadlock.log", &out.stderr);
        let v = goroutines_json(&[s(&log)]);
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
        cross_check(&log, &v, name);
    }
}

#[test]
fn concurrent_map_writes_is_a_fatal_error_that_blames_the_writer() {
    let test = "concurrent_map_writes_is_a_fatal_error_that_blames_the_writer";
    let line = source_line("c.hits[k]++");
    for go in toolchains(test) {
        let name = &go.name;
        let (_, v) = crash_json(&go.plain(), "mapwrites", name);
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
    for go in toolchains(test) {
        let name = &go.name;
        let (text, v) = crash_json(&go.plain(), "nested", name);
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
        assert!(has_frame(p, "main.writeReport", write_line), "{name}: {p}");
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
    for go in toolchains(test) {
        let name = &go.name;
        let (text, v) = crash_json(&go.plain(), "repanic", name);
        let value = "parse request 42: unexpected EOF";
        let mark = if go.minor >= 23 {
            newest = true;
            "[recovered, repanicked]"
        } else {
            "[recovered]"
        };
        let printed = if go.minor >= 23 {
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
        assert!(has_frame(p, "main.parse", parse), "{name}: {p}");
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
    for go in toolchains(test) {
        let name = &go.name;
        let (text, v) = crash_json(&go.plain(), "repanicflush", name);
        let value = "parse request 7: unexpected EOF";
        let last = "flush request 7: broken pipe";
        let chain = if go.minor >= 23 {
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
