//! One program's dumps from two Go versions: Go 1.20 and later name some
//! waits after the sync call (`[sync.Mutex.Lock]`) that Go 1.19 wrote as
//! `[semacquire]`, and the standard library's frames differ (files, lines,
//! `internal/sync`), so `--diff` reported the same stuck goroutines as gone
//! and new. The diff pairs them, printing each dump's own words.

use crate::common::*;
use crate::support::*;

/// Go 1.19 and a Go of 1.25 or later (which says `sync.Mutex.Lock`), when both are installed.
fn old_and_new(test: &str) -> Option<(Go, Go)> {
    let mut all = toolchains(test);
    let old = all.iter().position(|g| g.minor < 20)?;
    let old = all.remove(old);
    let new = all.into_iter().find(|g| g.minor >= 25)?;
    Some((old, new))
}

#[test]
fn a_diff_across_go_versions_pairs_the_same_stuck_goroutines() {
    let test = "a_diff_across_go_versions_pairs_the_same_stuck_goroutines";
    let Some((go19, latest)) = old_and_new(test) else {
        skip(test, "needs Go 1.19 and Go 1.25 or later");
        return;
    };
    let mutex = |go: &Go, waiters: &str| {
        run_ok(
            &go.plain(),
            &["-scenario", "mutex", "-waiters", waiters],
            &go.name,
        )
    };
    let (d19, d27) = (mutex(&go19, "30"), mutex(&latest, "50"));
    let (old, new) = (
        d19.path().join("mutex-debug2.txt"),
        d27.path().join("mutex-debug2.txt"),
    );
    let send = |c: &serde_json::Value| c["own_function"] == "main.(*Broker).Send";
    for similar in [false, true] {
        for (a, b, before, after, words) in [
            (&old, &new, 30, 50, ("semacquire", "sync.Mutex.Lock")),
            (&new, &old, 50, 30, ("sync.Mutex.Lock", "semacquire")),
        ] {
            let what = format!("{} -> {} similar {similar}", a.display(), b.display());
            let mut args = vec!["--diff", s(a), s(b)];
            if similar {
                args.push("--similar");
            }
            let v = goroutines_json(&args);
            let list = if after > before { "grown" } else { "shrunk" };
            let moved: Vec<&serde_json::Value> = v[list]
                .as_array()
                .expect("list")
                .iter()
                .filter(|c| send(c))
                .collect();
            assert_eq!(moved.len(), 1, "{what}: {v}");
            let c = moved[0];
            assert_eq!(
                (c["before"].as_u64(), c["after"].as_u64()),
                (Some(before), Some(after)),
                "{what}: {c}"
            );
            // Each dump's own words for the wait.
            assert_eq!(
                (c["state_before"].as_str(), c["state"].as_str()),
                (Some(words.0), Some(words.1)),
                "{what}: {c}"
            );
            // Nothing of the program's own is new or gone: main.main's
            // goroutine waits in the same select in both.
            for l in ["new", "gone"] {
                assert!(
                    v[l].as_array()
                        .expect("list")
                        .iter()
                        .all(|c| c["own_function"].is_null()),
                    "{what}: {l}: {v}"
                );
            }
            let mut text_args = args.clone();
            text_args.insert(0, "goroutines");
            let o = casefile(&text_args);
            assert!(o.status.success(), "{what}: {}", stderr(&o));
            let text = stdout(&o);
            let change = format!(
                "{before} -> {after}  [{} -> {}] main.(*Broker).Send",
                words.0, words.1
            );
            assert!(text.contains(&change), "{what}: {change}\n{text}");
        }
    }
    // One version on both sides: the words are the same and said once.
    let again = mutex(&latest, "40");
    let v = goroutines_json(&["--diff", s(&again.path().join("mutex-debug2.txt")), s(&new)]);
    let c = v["grown"]
        .as_array()
        .expect("grown")
        .iter()
        .find(|c| send(c))
        .cloned();
    let c = c.unwrap_or_else(|| panic!("{v}"));
    assert_eq!(c["state"], "sync.Mutex.Lock", "{c}");
    assert!(c.get("state_before").is_none(), "{c}");
}
