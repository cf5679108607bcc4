//! A lost mutex: hundreds of senders wait on a lock a rare path never unlocked.

use crate::common::*;
use crate::support::*;

#[test]
fn a_mutex_never_unlocked_groups_its_waiters_on_one_address() {
    let test = "a_mutex_never_unlocked_groups_its_waiters_on_one_address";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &["-scenario", "mutex", "-waiters", "300"],
            name,
        );
        let d2 = dir.path().join("mutex-debug2.txt");
        let v = goroutines_json(&[s(&d2)]);
        let top = &v["groups"][0];
        let state = if go.minor >= 20 {
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
        assert!(has_frame(top, "main.(*Broker).Send", send), "{name}: {top}");
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
        assert_no_warnings(&v, name);
        assert!(v["panic"].is_null());
        cross_check(&d2, &v, name);

        // The ?debug=1 profile of the same moment: the same 300 in one record, and the same total.
        let v1 = goroutines_json(&[s(&dir.path().join("mutex-debug1.txt"))]);
        assert_eq!(v1["kind"], "profile");
        assert_eq!(v1["total"], v["total"], "{name}");
        assert_eq!(v1["groups"][0]["count"], 300, "{name}: {}", v1["groups"][0]);
        assert_eq!(v1["groups"][0]["own_function"], "main.(*Broker).Send");

        // Opened as a source, the dump is one record per goroutine.
        let idx = index_json(&[s(&d2)]);
        assert_eq!(idx["sources"][0]["format"], "go-dump", "{name}");
        assert_eq!(idx["sources"][0]["records"], v["total"], "{name}");

        // The text names the lock and says nobody holds it.
        let o = casefile(&["goroutines", s(&d2)]);
        let text = stdout(&o);
        assert!(
            text.contains("300 goroutines wait on mutex 0x")
                && text.contains(
                    "in main.(*Broker).Send; no other goroutine in the dump is inside \
                     main.(*Broker).Send or another method of main.Broker, or blocked in \
                     another function of package main: whoever took it returned without \
                     releasing it"
                ),
            "{name}: {text}"
        );
        assert_eq!(
            lock["other_methods"],
            serde_json::json!([]),
            "{name}: {lock}"
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
    for go in toolchains(test) {
        let name = &go.name;
        let (dir, out) = run_out(
            &go.plain(),
            &["-scenario", "mutex", "-waiters", "50", "-sigquit"],
        );
        let dump = write(dir.path(), "sigquit.txt", &out.stderr);
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(text.starts_with("SIGQUIT: quit"), "{name}: {text}");
        if go.minor >= 23 {
            assert!(
                text.contains(" gp=0x"),
                "{name}: newer runtimes print gp= in headers"
            );
        }
        let v = goroutines_json(&[s(&dump)]);
        assert_eq!(v["groups"][0]["count"], 50, "{name}: {}", v["groups"][0]);
        assert_eq!(v["lock_groups"][0]["count"], 50, "{name}");
        assert_no_warnings(&v, name);
        // The runtime's own goroutines (GC workers, the finalizer) fold as idle.
        assert!(v["groups"].as_array().expect("groups").iter().any(|g| {
            g["idle"] == true
                && g["top_function"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("runtime."))
        }));
        // panicparse 2.3 reads no goroutine of the gp= headers; where it reads them, it agrees.
        if panicparse_counts(&dump).is_some_and(|c| !c.is_empty()) {
            cross_check(&dump, &v, name);
        }
    }
}

/// The lock is held by a goroutine blocked in another method of the same
/// type (`Flush` sends to a subscriber that is gone, holding the lock), while
/// the senders wait in `Send`: the group names that goroutine as the one that
/// may hold it, where it said "whoever took it returned without releasing it".
#[test]
fn a_mutex_held_in_another_method_of_its_type_names_the_holder() {
    let test = "a_mutex_held_in_another_method_of_its_type_names_the_holder";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "held", "-waiters", "120"], name);
        let d2 = dir.path().join("held-debug2.txt");
        let v = goroutines_json(&[s(&d2)]);
        let groups = v["groups"].as_array().expect("groups");
        let flush = group_of(&v, "main.(*Broker).Flush", name);
        let flush_id = flush["ids"][0].as_u64().expect("Flush's goroutine");
        let lock = &v["lock_groups"][0];
        assert_eq!(
            (lock["kind"].as_str(), lock["count"].as_u64()),
            (Some("mutex"), Some(120)),
            "{name}: {lock}"
        );
        assert_eq!(lock["function"], "main.(*Broker).Send", "{name}");
        assert_eq!(
            lock["holders"],
            serde_json::json!([]),
            "{name}: nobody else is inside Send"
        );
        assert_eq!(
            lock["other_methods"],
            serde_json::json!([{
                "function": "main.(*Broker).Flush",
                "goroutines": [flush_id],
                "state": "chan send",
                "wait_max_minutes": 0,
            }]),
            "{name}: {lock}"
        );
        // Few enough to be suspects, the holder ranks right after the
        // largest group waiting on the lock, and says what it may hold up.
        assert_eq!(groups[0]["own_function"], "main.(*Broker).Send", "{name}");
        assert_eq!(groups[1]["own_function"], "main.(*Broker).Flush", "{name}");
        assert_eq!(
            groups[1]["may_hold"],
            serde_json::json!({
                "kind": "mutex",
                "address": lock["address"],
                "waiters": 120,
                "variable": null,
            }),
            "{name}"
        );
        assert!(groups[0]["may_hold"].is_null(), "{name}");
        let text = stdout(&casefile(&["goroutines", s(&d2)]));
        let holder = format!(
            "#2 1 goroutine [chan send]\n  may hold mutex {}, which 120 goroutines wait on (blocked on one object, above)\n",
            lock["address"].as_str().expect("address")
        );
        assert!(text.contains(&holder), "{name}: {text}");
        let said = format!(
            "in main.(*Broker).Send; no other goroutine in the dump is inside main.(*Broker).Send; \
             inside another method of main.Broker, not waiting on it: goroutine {flush_id} in \
             main.(*Broker).Flush [chan send], which may hold it"
        );
        assert!(text.contains(&said), "{name}: {text}");
        assert!(
            !text.contains("returned without releasing"),
            "{name}: {text}"
        );
    }
}

/// The lock group of `scenario` (run with 100 waiters), its holder's group
/// (`holder`, the one goroutine blocked in it) and the text: the holder,
/// blocked in a plain function of the waiters' package, is named where
/// the text said "whoever took it returned without releasing it", ranks
/// right after the waiters and says what it may hold up.
fn held_by_a_plain_function(scenario: &str, waits_in: &str, holder: &str, said_before: &str) {
    let test = format!("a_lock_held_by_a_plain_function_names_it ({scenario})");
    for go in toolchains(&test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &["-scenario", scenario, "-waiters", "100"],
            name,
        );
        let d2 = dir.path().join(format!("{scenario}-debug2.txt"));
        let v = goroutines_json(&[s(&d2)]);
        let groups = v["groups"].as_array().expect("groups");
        let held = group_of(&v, holder, name);
        let id = held["ids"][0].as_u64().expect("the holder's goroutine");
        let lock = &v["lock_groups"][0];
        assert_eq!(
            (lock["kind"].as_str(), lock["count"].as_u64()),
            (Some("mutex"), Some(100)),
            "{name}: {lock}"
        );
        assert_eq!(lock["function"], waits_in, "{name}");
        assert_eq!(
            (&lock["holders"], &lock["other_methods"]),
            (&serde_json::json!([]), &serde_json::json!([])),
            "{name}: {lock}"
        );
        assert_eq!(
            lock["other_functions"],
            serde_json::json!([{
                "function": holder,
                "goroutines": [id],
                "state": "chan send",
                "wait_max_minutes": 0,
            }]),
            "{name}: {lock}"
        );
        assert_eq!(lock["other_functions_count"], 1, "{name}: {lock}");
        assert_eq!(groups[0]["own_function"], waits_in, "{name}");
        assert_eq!(groups[1]["own_function"], holder, "{name}");
        assert_eq!(
            groups[1]["may_hold"],
            serde_json::json!({
                "kind": "mutex",
                "address": lock["address"],
                "waiters": 100,
                "variable": null,
            }),
            "{name}"
        );
        let text = stdout(&casefile(&["goroutines", s(&d2)]));
        let said = format!(
            "in {waits_in}; no other goroutine in the dump is {said_before}; blocked in another \
             function of package main, not waiting on it: goroutine {id} in {holder} \
             [chan send], which may hold it"
        );
        assert!(text.contains(&said), "{name}: {text}");
        let ranked = format!(
            "#2 1 goroutine [chan send]\n  may hold mutex {}, which 100 goroutines wait on",
            lock["address"].as_str().expect("address")
        );
        assert!(text.contains(&ranked), "{name}: {text}");
        assert!(
            !text.contains("returned without releasing"),
            "{name}: {text}"
        );
    }
}

/// A package-level mutex (`var ledgerMu sync.Mutex`) taken by plain
/// functions: `record` waits on it, `flushAll` holds it, blocked on a send.
#[test]
fn a_package_level_mutex_held_by_a_plain_function_names_the_holder() {
    held_by_a_plain_function(
        "pkgheld",
        "main.record",
        "main.flushAll",
        "inside main.record",
    );
}

/// A Broker's mutex held by a plain function (`handOff(b, to)`), not a
/// method, while the senders wait in the method `Send`.
#[test]
fn a_structs_mutex_held_by_a_plain_function_names_the_holder() {
    held_by_a_plain_function(
        "fnheld",
        "main.(*Broker).Send",
        "main.handOff",
        "inside main.(*Broker).Send or another method of main.Broker",
    );
}

/// Six pollers asleep in another function of the package, one of which
/// holds the lock: too many to tell which, none is named or ranked as
/// its holder, and the text says how many there are.
#[test]
fn many_goroutines_blocked_in_the_package_are_counted_not_named() {
    let test = "many_goroutines_blocked_in_the_package_are_counted_not_named";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &["-scenario", "pkgbusy", "-waiters", "100"],
            name,
        );
        let d2 = dir.path().join("pkgbusy-debug2.txt");
        let v = goroutines_json(&[s(&d2)]);
        let lock = &v["lock_groups"][0];
        assert_eq!(lock["function"], "main.record", "{name}: {lock}");
        assert_eq!(
            lock["other_functions"],
            serde_json::json!([]),
            "{name}: {lock}"
        );
        assert_eq!(lock["other_functions_count"], 6, "{name}: {lock}");
        let groups = v["groups"].as_array().expect("groups");
        assert!(
            groups.iter().all(|g| g["may_hold"].is_null()),
            "{name}: {v}"
        );
        let text = stdout(&casefile(&["goroutines", s(&d2)]));
        assert!(
            text.contains(
                "in main.record; no other goroutine in the dump is inside main.record; 6 \
                 goroutines are blocked in other functions of package main, not waiting on it: \
                 too many to tell which may hold it"
            ),
            "{name}: {text}"
        );
        assert!(
            !text.contains(", which may hold it") && !text.contains("may hold mutex"),
            "{name}: {text}"
        );
        // With the binary the lock is named throughout.
        let bin = go.plain();
        let text = stdout(&casefile(&["goroutines", "--binary", s(&bin), s(&d2)]));
        assert!(
            text.contains(
                "not waiting on main.ledgerMu: too many to tell which may hold main.ledgerMu\n"
            ),
            "{name}: {text}"
        );
    }
}

/// With the program's binary, a lock that is a package-level variable is
/// named from the symbol table (`main.ledgerMu`); a lock in a struct on the
/// heap names none; a stripped binary, without a symbol table, names none.
#[test]
fn a_package_level_mutex_is_named_with_the_binary() {
    let test = "a_package_level_mutex_is_named_with_the_binary";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let dir = run_ok(&bin, &["-scenario", "pkgheld", "-waiters", "20"], name);
        let d2 = dir.path().join("pkgheld-debug2.txt");
        let v = goroutines_json(&["--binary", s(&bin), s(&d2)]);
        let lock = &v["lock_groups"][0];
        assert_eq!(lock["variable"], "main.ledgerMu", "{name}: {lock}");
        let text = stdout(&casefile(&["goroutines", "--binary", s(&bin), s(&d2)]));
        let said = format!(
            "20 goroutines wait on mutex {} (main.ledgerMu) in main.record;",
            lock["address"].as_str().expect("address")
        );
        assert!(text.contains(&said), "{name}: {text}");
        // The whole sentence names it, its possible holder's part too.
        let flush = group_of(&v, "main.flushAll", name);
        let holder = format!(
            "; blocked in another function of package main, not waiting on main.ledgerMu: \
             goroutine {} in main.flushAll [chan send], which may hold main.ledgerMu\n",
            flush["ids"][0]
        );
        assert!(text.contains(&holder), "{name}: {text}");
        let sentence = text
            .lines()
            .find(|l| l.contains("(main.ledgerMu)"))
            .expect("the lock's sentence");
        assert!(!sentence.contains(" it"), "{name}: {sentence}");
        // The possible holder's own group names it too, in text and JSON.
        let line = format!(
            "\n  may hold mutex {} (main.ledgerMu), which 20 goroutines wait on \
             (blocked on one object, above)\n",
            lock["address"].as_str().expect("address")
        );
        assert!(text.contains(&line), "{name}: {line:?} not in {text}");
        assert_eq!(
            flush["may_hold"]["variable"], "main.ledgerMu",
            "{name}: {flush}"
        );
        let v = goroutines_json(&[s(&d2)]);
        assert!(v["lock_groups"][0]["variable"].is_null(), "{name}");
        let flush = group_of(&v, "main.flushAll", name);
        assert_eq!(flush["may_hold"]["kind"], "mutex", "{name}: {flush}");
        assert!(flush["may_hold"]["variable"].is_null(), "{name}: {flush}");
        let stripped = go.build("stripped", &["-ldflags=-s -w"]);
        let dir = run_ok(&stripped, &["-scenario", "pkgheld", "-waiters", "20"], name);
        let d2 = dir.path().join("pkgheld-debug2.txt");
        let v = goroutines_json(&["--binary", s(&stripped), s(&d2)]);
        assert!(v["lock_groups"][0]["variable"].is_null(), "{name}: {v}");

        let dir = run_ok(&bin, &["-scenario", "fnheld", "-waiters", "20"], name);
        let d2 = dir.path().join("fnheld-debug2.txt");
        let v = goroutines_json(&["--binary", s(&bin), s(&d2)]);
        let lock = &v["lock_groups"][0];
        assert_eq!(lock["function"], "main.(*Broker).Send", "{name}: {lock}");
        assert!(lock["variable"].is_null(), "{name}: {lock}");
    }
}

/// The group of `v` (`goroutines --json`) whose own function is `function`.
fn group_of<'a>(v: &'a serde_json::Value, function: &str, name: &str) -> &'a serde_json::Value {
    v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["own_function"] == function)
        .unwrap_or_else(|| panic!("{name}: no {function} group in {v}"))
}
