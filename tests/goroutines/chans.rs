//! Goroutines blocked on channels: 80 takers (`<-results`) and 40 rangers
//! (`for range results`) receive on one channel, 30 producers send on
//! another, and 10 wait in a select on `results` and `quit`. A traceback
//! prints a channel's address only in the runtime's own frames
//! (`runtime.chanrecv(0xc000068240, …)`), which only GOTRACEBACK=system or
//! crash shows; a select's channels are never printed.

use std::collections::HashMap;

use serde_json::Value;

use crate::common::*;
use crate::support::*;

const TAKERS: u64 = 80;
const RANGERS: u64 = 40;
const PRODUCERS: u64 = 30;
const SELECTORS: u64 = 10;

fn scenario() -> Vec<String> {
    [
        ("-scenario", "chans".to_string()),
        ("-takers", TAKERS.to_string()),
        ("-rangers", RANGERS.to_string()),
        ("-producers", PRODUCERS.to_string()),
        ("-selectors", SELECTORS.to_string()),
    ]
    .into_iter()
    .flat_map(|(k, v)| [k.to_string(), v])
    .collect()
}

/// The channels' addresses as the program logged them (`results=%p jobs=%p`).
fn logged_channels(stderr: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find(|l| l.contains("channels: results="))
        .unwrap_or_else(|| panic!("no channel line in {text}"));
    let field = |k: &str| {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(k))
            .expect("field")
            .to_string()
    };
    (field("results="), field("jobs="))
}

/// How many goroutines the dump text shows in `function(0x…, …)`, by that
/// first argument: the channel, read off the text itself.
fn first_args(dump: &str, function: &str) -> HashMap<String, u64> {
    let mut by = HashMap::new();
    for l in dump.lines() {
        if let Some(args) = l.strip_prefix(function).and_then(|r| r.strip_prefix('(')) {
            let first = args.split([',', ')']).next().expect("an argument");
            *by.entry(first.to_string()).or_insert(0) += 1;
        }
    }
    by
}

/// The lock groups of a `--json` answer, by (kind, address).
fn locks(v: &Value) -> HashMap<(String, String), &Value> {
    v["lock_groups"]
        .as_array()
        .expect("lock_groups")
        .iter()
        .map(|l| {
            let k = l["kind"].as_str().expect("kind").to_string();
            let a = l["address"].as_str().expect("address").to_string();
            ((k, a), l)
        })
        .collect()
}

/// `{function: count}` of a lock group's waiters.
fn by_function(l: &Value) -> HashMap<String, u64> {
    l["functions"]
        .as_array()
        .unwrap_or_else(|| panic!("no functions in {l}"))
        .iter()
        .map(|f| {
            (
                f["function"].as_str().expect("function").to_string(),
                f["count"].as_u64().expect("count"),
            )
        })
        .collect()
}

/// The waits of the program's own functions that a `--json` answer says it
/// could not tie to an object, as `{(state, function): count}` (in a served
/// dump, the main goroutine waits inside net/http for that dump).
fn unaddressed(v: &Value) -> HashMap<(String, String), u64> {
    v["unaddressed_waits"]
        .as_array()
        .unwrap_or_else(|| panic!("no unaddressed_waits: {v}"))
        .iter()
        .filter(|w| {
            w["function"]
                .as_str()
                .is_some_and(|f| f.starts_with("main."))
        })
        .map(|w| {
            let s = w["state"].as_str().expect("state").to_string();
            let f = w["function"].as_str().expect("function").to_string();
            ((s, f), w["count"].as_u64().expect("count"))
        })
        .collect()
}

fn hm<K: std::hash::Hash + Eq, V>(v: impl IntoIterator<Item = (K, V)>) -> HashMap<K, V> {
    v.into_iter().collect()
}

fn key(state: &str, function: &str) -> (String, String) {
    (state.to_string(), function.to_string())
}

/// GOTRACEBACK=system prints the runtime's frames, and with them each
/// channel's address: the receivers of `results` are one lock group however
/// they receive, the producers on `jobs` another, and the select waiters,
/// whose channels no frame names, are said to be waiting on what the dump
/// does not print.
#[test]
fn goroutines_blocked_on_one_channel_are_grouped_by_its_address() {
    let test = "goroutines_blocked_on_one_channel_are_grouped_by_its_address";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let mut args = scenario();
        args.extend(["-sigquit", "-out"].map(String::from));
        args.push(s(dir.path()).to_string());
        let out = output_via_files(
            std::process::Command::new(go.plain())
                .args(&args)
                .env("GOTRACEBACK", "system"),
        );
        let (results, jobs) = logged_channels(&out.stderr);
        let dump = write(dir.path(), "sigquit-system.txt", &out.stderr);
        let text = String::from_utf8_lossy(&out.stderr);
        // The addresses, as the dump prints them, are the channels the program made.
        let recv = first_args(&text, "runtime.chanrecv");
        let send = first_args(&text, "runtime.chansend");
        assert_eq!(recv, hm([(results.clone(), TAKERS + RANGERS)]), "{name}");
        assert_eq!(send, hm([(jobs.clone(), PRODUCERS)]), "{name}");

        let v = goroutines_json(&[s(&dump)]);
        assert_no_warnings(&v, name);
        let l = locks(&v);
        let r = l
            .get(&("channel (receive)".into(), results.clone()))
            .unwrap_or_else(|| panic!("{name}: no receive group on {results}: {l:?}"));
        assert_eq!(r["count"], TAKERS + RANGERS, "{name}: {r}");
        assert_eq!(
            by_function(r),
            hm([("main.take".into(), TAKERS), ("main.drain".into(), RANGERS)]),
            "{name}: {r}"
        );
        let p = l
            .get(&("channel (send)".into(), jobs.clone()))
            .unwrap_or_else(|| panic!("{name}: no send group on {jobs}: {l:?}"));
        assert_eq!(p["count"], PRODUCERS, "{name}: {p}");
        assert_eq!(p["function"], "main.produce", "{name}: {p}");
        assert_eq!(by_function(p), hm([("main.produce".into(), PRODUCERS)]));
        // The receive group is the largest: it comes first.
        assert_eq!(v["lock_groups"][0]["address"], results.as_str(), "{name}");
        // No other channel is blamed for the program's goroutines.
        let own: u64 = l
            .values()
            .filter(|l| {
                l["function"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("main."))
            })
            .map(|l| l["count"].as_u64().expect("count"))
            .sum();
        assert_eq!(own, TAKERS + RANGERS + PRODUCERS, "{name}: {l:?}");
        // A select names no channel: said, not guessed.
        assert_eq!(
            unaddressed(&v),
            hm([(key("select", "main.await"), SELECTORS)]),
            "{name}"
        );

        let o = casefile(&["goroutines", s(&dump)]);
        let out = stdout(&o);
        assert!(
            out.contains(&format!(
                "{} goroutines wait on channel (receive) {results} in main.take ({TAKERS}), main.drain ({RANGERS})",
                TAKERS + RANGERS
            )),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!(
                "{PRODUCERS} goroutines wait on channel (send) {jobs} in main.produce"
            )),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!("{SELECTORS} goroutines in select in main.await")),
            "{name}: {out}"
        );
        if panicparse_counts(&dump).is_some_and(|c| !c.is_empty()) {
            cross_check(&dump, &v, name);
        }
    }
}

/// The dump the program serves at /debug/pprof/goroutine?debug=2 hides the
/// runtime's frames, so it prints no channel at all: casefile groups no
/// goroutine by a channel and says which waits it could not place.
#[test]
fn a_pprof_dump_that_prints_no_channel_says_so() {
    let test = "a_pprof_dump_that_prints_no_channel_says_so";
    for go in toolchains(test) {
        let name = &go.name;
        let args = scenario();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let dir = run_ok(&go.plain(), &args, name);
        let d2 = dir.path().join("chans-debug2.txt");
        let text = std::fs::read_to_string(&d2).expect("dump");
        assert!(
            !text.contains("runtime.chanrecv") && !text.contains("runtime.chansend"),
            "{name}: the runtime's frames are hidden"
        );
        let v = goroutines_json(&[s(&d2)]);
        assert_no_warnings(&v, name);
        let chans: Vec<&Value> = v["lock_groups"]
            .as_array()
            .expect("lock_groups")
            .iter()
            .filter(|l| l["kind"].as_str().is_some_and(|k| k.starts_with("channel")))
            .collect();
        assert!(chans.is_empty(), "{name}: no channel is printed: {chans:?}");
        assert_eq!(
            unaddressed(&v),
            hm([
                (key("chan receive", "main.take"), TAKERS),
                (key("chan receive", "main.drain"), RANGERS),
                (key("chan send", "main.produce"), PRODUCERS),
                (key("select", "main.await"), SELECTORS),
            ]),
            "{name}"
        );
        // The stack groups hold what the program started.
        let count = |f: &str| {
            v["groups"]
                .as_array()
                .expect("groups")
                .iter()
                .filter(|g| g["own_function"] == f)
                .map(|g| g["count"].as_u64().expect("count"))
                .sum::<u64>()
        };
        assert_eq!(
            [
                count("main.take"),
                count("main.drain"),
                count("main.produce"),
                count("main.await")
            ],
            [TAKERS, RANGERS, PRODUCERS, SELECTORS],
            "{name}"
        );
        let o = casefile(&["goroutines", s(&d2)]);
        let out = stdout(&o);
        assert!(
            out.contains(&format!("{TAKERS} goroutines in chan receive in main.take"))
                && out.contains("GOTRACEBACK=system"),
            "{name}: {out}"
        );
        cross_check(&d2, &v, name);
        // The ?debug=1 profile of the same moment counts the same.
        let v1 = goroutines_json(&[s(&dir.path().join("chans-debug1.txt"))]);
        assert_eq!(v1["total"], v["total"], "{name}");
    }
}
