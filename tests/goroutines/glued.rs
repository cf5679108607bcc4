//! A SIGQUIT dump written into a log mid-line: the program's stderr and its
//! log writer share one file, and the runtime's `SIGQUIT: quit` lands right
//! after a log line the writer had not ended. The dump is found where it
//! begins, read whole, and dated by that line, in the text, `--json` and the
//! screen.

use crate::common::*;
use crate::support::*;
use crate::tui::view;

/// `n` lines of the program's log, at 09:MM:SS.
fn log_lines(minute: u32, n: u32) -> String {
    (0..n)
        .map(|i| {
            format!("2026/12/03 09:{minute:02}:{i:02}.000000 worker {i}: handled request id={i}\n")
        })
        .collect()
}

#[test]
fn a_sigquit_dump_glued_after_a_partial_log_line_is_found_and_read() {
    let test = "a_sigquit_dump_glued_after_a_partial_log_line_is_found_and_read";
    for go in toolchains(test) {
        let name = &go.name;
        // Two runs ended by SIGQUIT, told apart by their waiters.
        let quit = |waiters: &str| {
            let (_dir, out) = run_out(
                &go.plain(),
                &["-scenario", "mutex", "-waiters", waiters, "-sigquit"],
            );
            let text = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(text.starts_with("SIGQUIT: quit\n"), "{name}: {text}");
            text
        };
        let (first, second) = (quit("5"), quit("3"));
        let dir = tempfile::tempdir().expect("tempdir");
        let alone = |file: &str, text: &str| {
            let v = goroutines_json(&[s(&write(dir.path(), file, text.as_bytes()))]);
            v["total"].as_u64().expect("total")
        };
        let totals = (alone("first.txt", &first), alone("second.txt", &second));
        // The first cut after `: ` (where a log prefix could end), the
        // second mid-word.
        let text = format!(
            "{}2026/12/03 09:10:30.000000 worker 20: upstream failed: {first}{}2026/12/03 09:11:30.000000 worker 20: handled req{second}",
            log_lines(10, 20),
            log_lines(11, 20),
        );
        let log = write(dir.path(), "app.log", text.as_bytes());
        let glued: Vec<u64> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.ends_with("SIGQUIT: quit"))
            .map(|(k, _)| k as u64 + 1)
            .collect();
        assert_eq!(glued.len(), 2, "{name}");

        let dumps = dumps_of(&log, 2, name);
        let read: Vec<(u64, u64, &str)> = dumps
            .iter()
            .map(|d| {
                (
                    d["dump"]["line"].as_u64().expect("line"),
                    d["total"].as_u64().expect("total"),
                    d["time"].as_str().expect("a time"),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (glued[0], totals.0, "2026-12-03T09:10:30Z"),
                (glued[1], totals.1, "2026-12-03T09:11:30Z")
            ],
            "{name}"
        );
        for d in &dumps {
            assert_no_warnings(d, name);
            assert_eq!(d["groups"][0]["count"], d["lock_groups"][0]["count"]);
        }
        assert_eq!(dumps[0]["groups"][0]["count"], 5, "{name}");
        assert_eq!(dumps[1]["groups"][0]["count"], 3, "{name}");

        // In the log each dump is one record, from the glued line to the
        // registers the runtime prints last; the log's next line is its own.
        let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", s(&log)]);
        let texts: Vec<&str> = rows
            .iter()
            .map(|r| r["text"].as_str().expect("text"))
            .collect();
        for (k, after) in [(20, "2026/12/03 09:11:00"), (41, "")] {
            assert!(
                texts[k].ends_with("SIGQUIT: quit") || texts[k].contains("SIGQUIT: quit\nPC=0x"),
                "{name}: {}",
                texts[k]
            );
            assert!(
                texts[k]
                    .lines()
                    .last()
                    .is_some_and(|l| l.starts_with("gs ")),
                "{name}: record {k} ends {:?}",
                texts[k].lines().last()
            );
            assert_eq!(
                texts.get(k + 1).map_or("", |t| &t[..after.len()]),
                after,
                "{name}"
            );
        }
        assert_eq!(texts.len(), 42, "{name}");

        // On the screen, `d` on the line the dump is glued to opens it.
        for (search, total, waiters) in [
            ("failed: SIGQUIT", totals.0, 5),
            ("handled reqSIGQUIT", totals.1, 3),
        ] {
            let mut app = view::open(&[&log]);
            view::press(&mut app, &format!("/{search}<enter>d"));
            let v = view::view(&app);
            let a = app.dumps.ready(v.key, v.similar).expect("analysed");
            assert_eq!(a.dump.total(), total, "{name} {search}");
            assert_eq!(view::listed(&app)[0].0, waiters, "{name} {search}");
            assert!(a.dump.warnings.is_empty(), "{name}: {:?}", a.dump.warnings);
            // No panic: the title names the record's dump as what it is.
            app.size = (120, 30);
            let title = view::screen(&app).lines().next().unwrap_or("").to_string();
            assert!(
                title.contains("app, the dump in record ") && !title.contains("panic"),
                "{name}: {title}"
            );
        }
    }
}
