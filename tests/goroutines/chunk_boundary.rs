//! A dump that its capturer dated line by line (`docker logs -t`) and that
//! is larger than the indexer's look-ahead at a chunk cut: the leak
//! scenario's second dump, thousands of reapers, placed so that a chunk
//! boundary (`casefile::index::CHUNK`) falls in its middle, stays one record.

use crate::common::*;
use crate::support::{run_ok, toolchains};

/// `docker logs -t`'s stamp: RFC 3339 with nine fraction digits and a space.
fn dated(n: usize, text: &str) -> String {
    format!(
        "2026-12-01T15:{:02}:{:02}.{:09}Z {text}\n",
        n / 60_000_000 % 60,
        n / 1_000_000 % 60,
        n % 1_000_000 * 1000
    )
}

#[test]
fn a_dated_dump_across_a_chunk_boundary_stays_one_record() {
    let test = "a_dated_dump_across_a_chunk_boundary_stays_one_record";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(
            &go.plain(),
            &["-scenario", "reaper", "-requests", "3000"],
            name,
        );
        let dump = std::fs::read_to_string(dir.path().join("reaper2-debug2.txt")).expect("dump");
        let goroutines = dump.lines().filter(|l| l.starts_with("goroutine ")).count();
        // A second after the lines before it (tens of thousands, a microsecond apart).
        let mut n = 1_000_000;
        let body: String = dump
            .lines()
            .map(|l| {
                n += 1;
                dated(n, l)
            })
            .collect();
        assert!(
            body.len() > 2 << 20,
            "{name}: a dump of {} bytes",
            body.len()
        );
        // The service's own lines before it, up to where the dump's middle
        // falls on the first chunk boundary, and a few after it.
        let boundary = casefile::index::CHUNK;
        let mut log = String::new();
        let mut before = 0;
        while log.len() + body.len() / 2 < boundary {
            log += &dated(before, &format!("GET /items/{before} 200"));
            before += 1;
        }
        let start = log.len();
        log += &body;
        let after = 3;
        for k in 0..after {
            log += &dated(n + k + 1, "GET /health 200");
        }
        assert!(start < boundary && start + body.len() > boundary, "{name}");
        let path = write(dir.path(), "service.log", log.as_bytes());
        let v = index_json(&[path.to_str().expect("path")]);
        let s = &v["sources"][0];
        assert_eq!(s["format"], "iso8601", "{name}: {s}");
        assert_eq!(
            s["records"],
            before + 1 + after,
            "{name}: the dump ({goroutines} goroutines, bytes {start}..{}) is one record: {s}",
            start + body.len()
        );
        let g = crate::support::goroutines_json(&[path.to_str().expect("path")]);
        assert_eq!(g["total"], goroutines, "{name}");
    }
}
