//! A leaking reaper: one goroutine per request that never ends, dumped twice.

use crate::common::*;
use crate::support::*;

#[test]
fn a_leaking_reaper_grows_between_two_dumps() {
    let test = "a_leaking_reaper_grows_between_two_dumps";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = reaper_dumps(&go);
        for level in ["debug2", "debug1"] {
            let old = dir.path().join(format!("reaper1-{level}.txt"));
            let new = dir.path().join(format!("reaper2-{level}.txt"));
            let v = goroutines_json(&["--diff", s(&old), s(&new)]);
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
            let o = casefile(&["goroutines", "--diff", s(&old), s(&new)]);
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
                cross_check(&new, &goroutines_json(&[s(&new)]), name);
            }
            // The main goroutine fetches both dumps from two lines of
            // runReaper: the same functions, not one goroutine gone and
            // another new (`new +1 main.dump` and `gone -1 main.dump`).
            let key = |c: &serde_json::Value| {
                (
                    c["state"].clone(),
                    c["own_function"].clone(),
                    c["created_by"].clone(),
                )
            };
            let gone: Vec<_> = v["gone"]
                .as_array()
                .expect("gone")
                .iter()
                .map(key)
                .collect();
            for c in v["new"].as_array().expect("new") {
                assert!(
                    c["own_function"].is_null() || !gone.contains(&key(c)),
                    "{name} {level}: {c} is both new and gone: {v}"
                );
            }
        }
    }
}

/// Sets a file's modification time to `secs` after the epoch.
fn touch(path: &std::path::Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set the mtime");
}

/// `--diff` dates both dumps by the rule the other commands use: each by
/// its `--set` time, its log line or its file's time, the file's time only
/// within an hour of the other dump's own time; it prints both and the
/// interval between them.
#[test]
fn the_diff_dates_both_dumps_and_says_how_far_apart_they_are() {
    let test = "the_diff_dates_both_dumps_and_says_how_far_apart_they_are";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = reaper_dumps(&go);
        let old = dir.path().join("reaper1-debug2.txt");
        let new = dir.path().join("reaper2-debug2.txt");
        // 2026-11-20 14:30:00 UTC and five minutes later.
        touch(&old, 1_795_185_000);
        touch(&new, 1_795_185_300);
        let v = goroutines_json(&["--diff", s(&old), s(&new)]);
        let t = &v["times"];
        assert_eq!(t["before"]["time"], "2026-11-20T14:30:00Z", "{name}: {v}");
        assert_eq!(t["before"]["time_origin"], "file_modified", "{name}: {t}");
        assert_eq!(t["after"]["time"], "2026-11-20T14:35:00Z", "{name}: {t}");
        assert_eq!(t["interval_s"], 300.0, "{name}: {t}");
        let o = casefile(&["goroutines", "--diff", s(&old), s(&new)]);
        let text = stdout(&o);
        assert!(
            text.contains("reaper1-debug2 taken 2026-11-20 14:30:00.000 UTC (file modified)")
                && text.contains(
                    "reaper2-debug2 taken 2026-11-20 14:35:00.000 UTC (file modified), 5m00s later"
                ),
            "{name}:\n{text}"
        );

        // The old dump placed by hand; the new one's file copied days later
        // says nothing of when it was taken.
        touch(&new, 1_795_185_300 + 3 * 86_400);
        let set = ["--set", "reaper1-debug2.time=2026-11-20T14:30:00Z"];
        let mut args = vec!["goroutines", "--json", "--diff", s(&old), s(&new)];
        args.extend(set);
        let o = casefile(&args);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let t = &v["times"];
        assert_eq!(t["before"]["time_origin"], "set", "{name}: {t}");
        assert_eq!(t["after"]["time"], serde_json::Value::Null, "{name}: {t}");
        assert_eq!(t["interval_s"], serde_json::Value::Null, "{name}: {t}");
        assert!(
            stderr(&o).contains("--set reaper2-debug2.time="),
            "{name}: {}",
            stderr(&o)
        );
    }
}

/// Options go in any order: `--diff` is a switch and the two dumps are the
/// command's operands, so `--diff --json OLD NEW` (once refused: clap took
/// `--json` for OLD) reads as `--json --diff OLD NEW` does.
#[test]
fn the_diff_takes_its_options_in_any_order() {
    let test = "the_diff_takes_its_options_in_any_order";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = reaper_dumps(&go);
        let old = dir.path().join("reaper1-debug2.txt");
        let new = dir.path().join("reaper2-debug2.txt");
        let (old, new) = (s(&old), s(&new));
        let json = |args: &[&str]| {
            let o = casefile(args);
            assert!(o.status.success(), "{name}: {args:?}: {}", stderr(&o));
            serde_json::from_slice::<serde_json::Value>(&o.stdout)
                .unwrap_or_else(|e| panic!("{name}: {args:?}: not JSON ({e}): {}", stdout(&o)))
        };
        let want = json(&["goroutines", "--json", "--diff", old, new]);
        assert_eq!(want["grown"][0]["after"], 120, "{name}: {want}");
        for args in [
            ["goroutines", "--diff", "--json", old, new],
            ["goroutines", "--diff", old, new, "--json"],
            ["goroutines", old, "--diff", new, "--json"],
        ] {
            assert_eq!(json(&args), want, "{name}: {args:?}");
        }
        // One dump with --diff, or two without: a clear word, no output.
        for args in [
            &["goroutines", "--diff", "--json", old][..],
            &["goroutines", "--json", old, new][..],
        ] {
            let o = casefile(args);
            assert!(
                !o.status.success() && o.stdout.is_empty(),
                "{name}: {args:?}"
            );
            assert!(
                stderr(&o).contains("--diff OLD NEW"),
                "{name}: {args:?}: {}",
                stderr(&o)
            );
        }
    }
}
