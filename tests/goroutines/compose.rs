//! A Go panic printed by a `docker compose` service: `docker compose logs`
//! puts `SERVICE<pad> | ` before every line (the name left-aligned in the
//! width of the longest service name plus one, then ` | `), with `-t` its
//! RFC 3339 stamp with nine fraction digits and a space after that, and
//! interleaves the services' lines. Shape read from compose's
//! `cmd/formatter/logs.go` (`presenter.setPrefix`, `logConsumer.write`); the
//! lines are the Go runtime's, from tests/go/incidents on both toolchains.

use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::support::{run, toolchains};
use crate::tui::view;

const WORKER: &str = "worker-1";
const WEB: &str = "web-1";

/// `docker compose logs [-t]` of two services: every line of the worker's
/// stderr, and after every second one a line of the web service's.
fn compose_logs(worker: &[&str], web: &[&str], stamps: bool) -> String {
    let width = WORKER.len().max(WEB.len()) + 1;
    let mut n = 0;
    let mut line = |service: &str, text: &str| {
        n += 1;
        let stamp = if stamps {
            format!("2026-12-01T15:04:05.{:09}Z ", 100_000_000 + n * 1_000)
        } else {
            String::new()
        };
        format!("{service:<width$} | {stamp}{text}\n")
    };
    let mut web = web.iter().cycle();
    let mut log = String::new();
    for (k, l) in worker.iter().enumerate() {
        log += &line(WORKER, l);
        if k % 2 == 1
            && let Some(w) = web.next()
        {
            log += &line(WEB, w);
        }
    }
    log
}

#[test]
fn a_panic_under_docker_compose_logs_is_read_past_the_service_prefix() {
    let test = "a_panic_under_docker_compose_logs_is_read_past_the_service_prefix";
    for go in toolchains(test) {
        let name = &go.name;
        let worker = run(&go.plain(), &["-scenario", "panic"]);
        let worker = String::from_utf8_lossy(&worker.stderr).into_owned();
        let worker: Vec<&str> = worker.lines().collect();
        let start = worker
            .iter()
            .position(|l| l.starts_with("panic: "))
            .expect("panic");
        // The web service: another run's log lines (before its own panic).
        let web = run(&go.plain(), &["-scenario", "panic"]);
        let web = String::from_utf8_lossy(&web.stderr).into_owned();
        let web: Vec<&str> = web
            .lines()
            .take_while(|l| !l.starts_with("panic: "))
            .collect();
        let panic: Vec<String> = worker[start..].iter().map(|l| l.to_string()).collect();
        let mut nonblank = panic.clone();
        nonblank.retain(|l| !l.is_empty());
        let dir = tempfile::tempdir().expect("tempdir");
        for stamps in [false, true] {
            let what = format!("{name}, -t {stamps}");
            let log = compose_logs(&worker, &web, stamps);
            let path = write(dir.path(), &format!("compose-{stamps}.log"), log.as_bytes());
            let path = path.to_str().expect("path");
            let v = index_json(&[path]);
            assert_eq!(v["sources"][0]["format"], "docker-compose", "{what}: {v}");

            // Each web line is a record of its own; the worker's panic starts
            // a record at its `panic:` line, and its lines are that record
            // and the pieces the web lines split off.
            let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", path]);
            let texts: Vec<&str> = rows
                .iter()
                .map(|r| r["text"].as_str().expect("text"))
                .collect();
            let web_prefix = format!("{WEB:<9} | ");
            let web_rows: Vec<&&str> = texts
                .iter()
                .filter(|t| t.starts_with(&web_prefix))
                .collect();
            assert!(
                web_rows.iter().all(|t| t.lines().count() == 1),
                "{what}: {texts:#?}"
            );
            let at = texts
                .iter()
                .position(|t| t.contains(" | panic: ") || t.contains("Z panic: "))
                .unwrap_or_else(|| panic!("{what}: no record starts at the panic: {texts:#?}"));
            assert!(texts[at].contains(&panic[0]), "{what}: {}", texts[at]);
            assert_eq!(rows[at]["level"], "panic", "{what}: {}", rows[at]);
            let worker_lines_after: usize = texts[at..]
                .iter()
                .filter(|t| !t.starts_with(&web_prefix))
                .map(|t| t.lines().count())
                .sum();
            assert_eq!(worker_lines_after, panic.len(), "{what}: {texts:#?}");

            assert_goroutines_find(&goroutines_json(path), &nonblank, &what);
            // `e` lands on the panic, `d` opens it as a dump.
            let mut app = view::open(&[Path::new(path)]);
            view::press(&mut app, "ed");
            let v = view::view(&app);
            let a = app.dumps.ready(v.key, v.similar).expect("analysed").clone();
            assert_eq!(
                a.dump.panic.as_ref().map(|p| p.message.as_str()),
                Some("runtime error: invalid memory address or nil pointer dereference"),
                "{what}"
            );
            assert_eq!(view::listed(&app)[0].1, "main.(*worker).process", "{what}");
        }
    }
}

fn goroutines_json(path: &str) -> Value {
    crate::support::goroutines_json(&[path])
}

/// `goroutines --json` found the panic the lines show: its message,
/// goroutine, top frame and every goroutine.
fn assert_goroutines_find(v: &Value, lines: &[String], what: &str) {
    let header = lines
        .iter()
        .position(|l| l.starts_with("goroutine "))
        .expect("a goroutine");
    let id: u64 = lines[header]["goroutine ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id");
    let call = &lines[header + 1];
    let function = &call[..call.rfind('(').expect("call")];
    let message = lines[0].strip_prefix("panic: ").expect("panic");
    assert_eq!(v["panic"]["message"], message, "{what}: {v}");
    assert_eq!(v["panic"]["goroutine"], id, "{what}: {v}");
    assert_eq!(v["panic"]["frames"][0]["function"], function, "{what}: {v}");
    let headers = lines.iter().filter(|l| l.starts_with("goroutine ")).count() as u64;
    assert_eq!(v["total"], headers, "{what}: every goroutine is read");
}

/// The service a line of `docker compose logs` is from (its prefix's name).
fn service(line: &str) -> &str {
    line.split(' ').next().unwrap_or("")
}

/// Every record holds lines of one service only.
fn assert_one_service_each(texts: &[&str], what: &str) {
    for t in texts {
        let services: std::collections::BTreeSet<&str> = t.lines().map(service).collect();
        assert_eq!(services.len(), 1, "{what}: a record of two services: {t:?}");
    }
}

/// `docker compose logs` without `-t` of a Go worker, whose `log` lines are
/// dated, and of a Flask service that dates none (its lines from the corpus),
/// interleaved as compose writes them: most lines are dated, yet each Flask
/// line is a record of its own, never joined to the worker's record above it,
/// in `merge` and in `show`; the worker's lines and panic keep their records.
#[test]
fn an_undated_services_lines_between_dated_ones_start_their_own_records() {
    let test = "an_undated_services_lines_between_dated_ones_start_their_own_records";
    for go in toolchains(test).into_iter().take(1) {
        let name = &go.name;
        let worker = run(&go.plain(), &["-scenario", "panic"]);
        let worker = String::from_utf8_lossy(&worker.stderr).into_owned();
        let worker: Vec<&str> = worker.lines().collect();
        let flask = std::fs::read_to_string(corpus("docker/lnav-logfile_docker_compose.0"))
            .expect("corpus");
        let web: Vec<&str> = flask
            .lines()
            .filter_map(|l| l.strip_prefix("\x1b[2Kweb-1  | "))
            .collect();
        assert!(web.len() >= 5, "{name}: {web:?}");
        let log = compose_logs(&worker, &web, false);
        let web_lines = log.lines().filter(|l| service(l) == WEB).count();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "compose.log", log.as_bytes());
        let path = path.to_str().expect("path");
        let v = index_json(&[path]);
        assert_eq!(v["sources"][0]["format"], "docker-compose", "{name}: {v}");

        let rows = casefile_ndjson(&["merge", "--json", "--raw", "--tz", "UTC", path]);
        let texts: Vec<&str> = rows
            .iter()
            .map(|r| r["text"].as_str().expect("text"))
            .collect();
        assert_one_service_each(&texts, &format!("{name}, merge"));
        // Each web line, between two worker lines, is a record.
        let web_rows: Vec<&serde_json::Value> = rows
            .iter()
            .filter(|r| r["text"].as_str().is_some_and(|t| service(t) == WEB))
            .collect();
        assert_eq!(web_rows.len(), web_lines, "{name}: {texts:#?}");
        assert!(
            web_rows.iter().all(|r| r["time_inherited"] == true),
            "{name}: {web_rows:#?}"
        );
        // The worker's dated lines are a record each; its panic starts one,
        // and its lines after a web line start a piece of it (as with -t).
        let dated = worker
            .iter()
            .take_while(|l| !l.starts_with("panic: "))
            .count();
        let own_time = |r: &serde_json::Value| r["time_inherited"] == false;
        let worker_dated = rows.iter().filter(|r| own_time(r)).count();
        assert_eq!(worker_dated, dated, "{name}: {texts:#?}");
        for (k, t) in texts.iter().enumerate() {
            if service(t) == WORKER && !own_time(&rows[k]) {
                assert!(
                    t.contains(" | panic: ") || service(texts[k - 1]) == WEB,
                    "{name}: record {k} {t:?} in {texts:#?}"
                );
            }
        }

        // `show` around a worker line in the middle: the same records.
        let at = rows
            .iter()
            .filter(|r| r["time_inherited"] == false)
            .nth(dated / 2)
            .and_then(|r| r["time"].as_str())
            .expect("a dated worker record");
        let shown = casefile_json(&[
            "show", "--json", "--raw", "--tz", "UTC", "--at", at, "--before", "6", "--after", "6",
            path,
        ]);
        let shown: Vec<&str> = shown["sources"][0]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["text"].as_str().expect("text"))
            .collect();
        assert!(shown.len() >= 10, "{name}: {shown:#?}");
        assert_one_service_each(&shown, &format!("{name}, show"));
        assert!(
            shown.iter().any(|t| service(t) == WEB),
            "{name}: {shown:#?}"
        );
    }
}
