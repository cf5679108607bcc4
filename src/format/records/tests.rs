//! Which lines start a record, on real lines of each format.

use super::*;

fn records(format: &Format, dense: bool, text: &str) -> Vec<String> {
    let mut st = RecordState::default();
    let mut out: Vec<String> = Vec::new();
    for l in text.lines() {
        match format.undated_start(l.as_bytes(), dense, &mut st) {
            Start::New(_) | Start::Exception(_) => out.push(l.to_string()),
            Start::Continue | Start::Level(_) | Start::Time => match out.last_mut() {
                Some(r) => {
                    r.push('\n');
                    r.push_str(l);
                }
                None => out.push(l.to_string()),
            },
        }
    }
    out
}

const DUMP: &str = "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\ngoroutine 2 [select]:\nmain.loop(0x1)\n\t/a/main.go:9 +0x1\ncreated by main.main in goroutine 1\n\t/a/main.go:2 +0x3\n";

#[test]
fn a_dump_is_one_record_per_goroutine() {
    let r = records(&Format::GoDump, true, DUMP);
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r[1].starts_with("goroutine 1 ") && r[2].starts_with("goroutine 2 "));
    assert!(r[2].ends_with("/a/main.go:2 +0x3"));
}

#[test]
fn a_panic_in_a_sparse_log_keeps_its_stack() {
    let text = format!("starting\n{DUMP}next line of the log\n");
    let r = records(&Format::Plain, false, &text);
    assert_eq!(r.len(), 3, "{r:?}");
    assert!(r[1].starts_with("panic: boom") && r[1].contains("goroutine 2 [select]:"));
    assert_eq!(r[2], "next line of the log");
}

/// A logged trace runs to the next dated line where dated lines follow
/// a format (the caller sees the dated lines: here only undated ones);
/// in a plain log what follows a trace is the program's.
#[test]
fn a_logged_trace_runs_to_the_next_dated_line_in_a_formatted_log() {
    let text = "PHP Fatal error:  Uncaught Exception: boom\nStack trace:\n#0 /srv/a.php(3): f()\n#1 {main}\n  thrown in /srv/a.php on line 3\n\"} \nnext output\n";
    let r = records(&Format::Iso8601, false, text);
    assert_eq!(r.len(), 1, "{r:?}");
    let r = records(&Format::Plain, false, text);
    assert_eq!(r.len(), 3, "{r:?}");
    assert_eq!(r[1], "\"} ");
    // A dated line ends the trace.
    let mut st = RecordState::default();
    for l in text.lines().take(4) {
        Format::Iso8601.undated_start(l.as_bytes(), false, &mut st);
    }
    Format::Iso8601.dated_start(b"2023-05-15 18:19:32 next", &mut st);
    assert_eq!(
        Format::Iso8601.undated_start(b"program output", false, &mut st),
        Start::New(None)
    );
}

/// Every line dated, as journald prints a service's stderr: the rule's
/// answer for each line.
fn dated(format: &Format, text: &str) -> Vec<Dated> {
    let mut st = RecordState::default();
    text.lines()
        .map(|l| format.dated(l.as_bytes(), &mut st))
        .collect()
}

const JOURNAL: &str = "Nov 23 14:08:39 vm app[7]: working\n\
Nov 23 14:08:39 vm app[7]: panic: boom\n\
Nov 23 14:08:39 vm app[7]: goroutine 21 [running]:\n\
Nov 23 14:08:39 vm sshd[9]: Server listening on 127.0.0.1 port 12223.\n\
Nov 23 14:08:39 vm app[7]: main.main()\n\
Nov 23 14:08:39 vm app[7]:         /a/main.go:3 +0x2\n\
Nov 23 14:08:40 vm app[7]: restarting\n";

/// `docker compose logs` without `-t`: the service prefix is the unit.
#[test]
fn an_undated_compose_trace_continues_per_service() {
    let log = "worker-1  | panic: boom\n\
worker-1  | \n\
web-1     | GET /health 200\n\
worker-1  | goroutine 1 [running]:\n\
worker-1  | main.main()\n\
worker-1  | \t/a/main.go:3 +0x2\n\
web-1     | GET /health 200\n";
    let r = records(&Format::DockerCompose, false, log);
    let firsts: Vec<&str> = r
        .iter()
        .map(|r| &r[..r.find('|').unwrap_or(0) + 3])
        .collect();
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(
        r[0].ends_with("worker-1  | ") && r[2].ends_with("+0x2"),
        "{r:?}"
    );
    assert_eq!(
        firsts,
        [
            "worker-1  | p",
            "web-1     | G",
            "worker-1  | g",
            "web-1     | G"
        ]
    );
}

#[test]
fn a_dated_trace_continues_per_unit() {
    use Dated::*;
    assert_eq!(
        dated(&Format::Syslog3164, JOURNAL),
        [
            Outside,
            Opens(Some(Level::Panic)),
            Joins,
            Other,
            Resumes,
            Joins,
            Outside
        ]
    );
    // The same lines behind Docker's stamps (one stream, no unit).
    let docker: String = JOURNAL
        .lines()
        .filter(|l| !l.contains("sshd"))
        .map(|l| format!("2026-11-23T14:08:39.123456789Z {}\n", &l[27..]))
        .collect();
    assert_eq!(
        dated(&Format::Iso8601, &docker),
        [
            Outside,
            Opens(Some(Level::Panic)),
            Joins,
            Joins,
            Joins,
            Outside
        ]
    );
}

/// A Go program on Android: its runtime logs each line of a panic as an
/// entry of its own, tag `Go`; logcat dates them and names the process.
#[test]
fn a_logcat_trace_continues_per_process() {
    use Dated::*;
    let text = "11-23 14:08:39.001  4242  4260 I GoLog   : working\n\
11-23 14:08:39.002  4242  4260 E Go      : panic: boom\n\
11-23 14:08:39.002  4242  4260 E Go      : goroutine 21 [running]:\n\
11-23 14:08:39.003  1702  1820 D DisplayPowerController: Animating brightness: target=38\n\
11-23 14:08:39.003  4242  4260 E Go      : main.main()\n\
11-23 14:08:39.003  4242  4260 E Go      : \t/a/main.go:3 +0x2\n\
11-23 14:08:40.100  4242  4242 I GoLog   : restarting\n";
    assert_eq!(
        dated(&Format::Logcat, text),
        [
            Outside,
            Opens(Some(Level::Panic)),
            Joins,
            Other,
            Resumes,
            Joins,
            Outside
        ]
    );
}

#[test]
fn logcats_markers_are_records_of_their_own() {
    let log = "--------- beginning of main\n\
--------- beginning of crash\n\
--------- switch to system\n";
    assert_eq!(records(&Format::Logcat, true, log).len(), 3);
}

#[test]
fn another_units_dump_opens_its_own_trace() {
    use Dated::*;
    let text = "Nov 23 14:08:39 vm app[7]: panic: boom\n\
Nov 23 14:08:39 vm db[8]: goroutine 1 [running]:\n\
Nov 23 14:08:39 vm db[8]: main.main()\n\
Nov 23 14:08:39 vm app[7]: goroutine 21 [running]:\n";
    assert_eq!(
        dated(&Format::Syslog3164, text),
        [Opens(Some(Level::Panic)), Opens(None), Joins, Opens(None)]
    );
}

#[test]
fn a_trace_is_given_up_after_many_other_lines() {
    let mut text = String::from("Nov 23 14:08:39 vm app[7]: panic: boom\n");
    for _ in 0..=OTHERS_MAX {
        text += "Nov 23 14:08:39 vm db[8]: busy\n";
    }
    text += "Nov 23 14:08:39 vm app[7]: main.main()\n";
    let got = dated(&Format::Syslog3164, &text);
    assert_eq!(got[OTHERS_MAX as usize], Dated::Other);
    assert_eq!(
        got[OTHERS_MAX as usize + 1..],
        [Dated::Outside, Dated::Outside]
    );
}

#[test]
fn detection_needs_a_header_and_the_dump_shape() {
    let lines: Vec<&[u8]> = DUMP.lines().map(str::as_bytes).collect();
    assert!(looks_like_go_dump(&lines).is_some());
    let prose: Vec<&[u8]> = ["goroutine 1 [x]:", "hello", "world", "more"]
        .iter()
        .map(|s| s.as_bytes())
        .collect();
    assert!(looks_like_go_dump(&prose).is_none());
}

#[test]
fn trace_lines_and_messages_are_told_apart() {
    for l in [
        "java.lang.IllegalStateException: health check of 127.0.0.1:1 failed",
        "urllib.error.URLError: <urlopen error [Errno 111] Connection refused>",
        "KeyboardInterrupt",
        "main.(*worker).process",
        "go.opentelemetry.io/collector/exporter/exporterqueue.(*asyncQueue[...]).Start.func1",
        "#0 /srv/app/vendor/Container.php(795): build()",
        "#12 {main}",
    ] {
        assert!(looks_like_trace_line(l.as_bytes()), "{l}");
    }
    for l in [
        "Error: disk full",
        "Exception: boom",
        "ERROR: relation does not exist",
        "Done.",
        "Starting server on :8080",
        "ready",
        "NameError is not an error here",
        "#hashtag",
        "# comment",
        "1.2.3",
    ] {
        assert!(!looks_like_trace_line(l.as_bytes()), "{l}");
    }
}
