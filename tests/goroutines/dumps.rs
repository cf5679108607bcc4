//! What the scenarios' pprof dumps hold must not depend on how far the
//! scheduler had got when they were taken: the tests count the waits in them.
//! Under load, the goroutine fetching a dump was caught runnable on its way
//! to the select that waits for the answer (a lock section then listed four
//! waits instead of five), and most dumps caught the client's writer still in
//! its write system call, or the listener on its way back to accept.

use crate::support::*;

/// Each goroutine of a traceback, its lines from the header on.
fn goroutines(dump: &str) -> Vec<&str> {
    dump.split("\n\n")
        .map(str::trim)
        .filter(|g| g.starts_with("goroutine "))
        .collect()
}

/// A goroutine's state: "select" of "goroutine 1 [select, 2 minutes]:".
fn state(goroutine: &str) -> &str {
    goroutine
        .split_once('[')
        .and_then(|(_, s)| s.split([',', ']']).next())
        .unwrap_or("")
}

/// In every `?debug=2` dump the program serves, every goroutine waits but
/// the one writing the dump and the server's background reader (which
/// net/http starts just before the handler, in any dump served over HTTP),
/// and the one fetching the dump is in its select for the answer.
#[test]
fn every_served_dump_holds_each_goroutine_waiting_but_its_writer() {
    let test = "every_served_dump_holds_each_goroutine_waiting_but_its_writer";
    for go in toolchains(test) {
        let name = &go.name;
        let scenarios: [(&[&str], &[&str]); 4] = [
            (&["-scenario", "mutex", "-waiters", "300"], &["mutex"]),
            (&["-scenario", "chans"], &["chans"]),
            (&["-scenario", "labels"], &["labels"]),
            (&["-scenario", "reaper"], &["reaper1", "reaper2"]),
        ];
        for (args, dumps) in scenarios {
            let dir = run_ok(&go.plain(), args, name);
            for dump in dumps {
                let path = dir.path().join(format!("{dump}-debug2.txt"));
                let text = std::fs::read_to_string(&path).expect("dump");
                let all = goroutines(&text);
                let reader = "created by net/http.(*connReader).startBackgroundRead";
                let moving: Vec<&str> = all
                    .iter()
                    .copied()
                    .filter(|g| !g.contains(reader))
                    .filter(|g| {
                        matches!(state(g), "running" | "runnable" | "syscall" | "preempted")
                    })
                    .collect();
                assert!(
                    moving.len() == 1
                        && state(moving[0]) == "running"
                        && moving[0].contains("net/http/pprof.handler.ServeHTTP"),
                    "{name} {dump}: only the dump's writer runs: {moving:#?}"
                );
                let fetcher = all
                    .iter()
                    .find(|g| g.starts_with("goroutine 1 "))
                    .expect("the main goroutine");
                assert!(
                    state(fetcher) == "select"
                        && fetcher
                            .lines()
                            .nth(1)
                            .is_some_and(|f| f.starts_with("net/http.(*persistConn).roundTrip(")),
                    "{name} {dump}: the fetcher waits for the answer:\n{fetcher}"
                );
            }
        }
    }
}
