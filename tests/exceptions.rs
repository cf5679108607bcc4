//! Python tracebacks stay whole and an uncaught one is an error, whether the
//! program wrote its log or a capturer (journald, `docker logs -t`) dated each
//! line of its stderr. The traces are a real Python program's; the capturers'
//! prefixes are put on its lines as `journalctl -o short` and `docker logs -t`
//! print them.

mod common;
use common::*;
use serde_json::Value;

/// Logs a handled exception (`logging.exception`), a chained one at warning
/// (`exc_info=True`), lets a thread die of one, then dies of an uncaught one.
const PROGRAM: &str = r#"
import logging, threading
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("worker")
def name(msg):
    return msg["user"]["name"]
log.info("handling message 1")
try:
    name({"user": None})
except Exception:
    log.exception("message 1 failed")
log.info("handling message 2")
try:
    try:
        name({})
    except KeyError as e:
        raise RuntimeError("no user") from e
except RuntimeError:
    log.warning("message 2 dropped", exc_info=True)
log.info("handling message 3")
t = threading.Thread(target=name, args=({},), name="reaper")
t.start()
t.join()
name({})
"#;

/// The program's stderr lines (its log, then the uncaught exception).
fn run_program() -> Option<Vec<String>> {
    let out = match std::process::Command::new("python3")
        .args(["-c", PROGRAM])
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            skip("exceptions", &format!("python3 did not run: {e}"));
            return None;
        }
    };
    assert_eq!(
        out.status.code(),
        Some(1),
        "the program dies of its exception"
    );
    let text = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        text.contains("Traceback (most recent call last):"),
        "{text}"
    );
    Some(text.lines().map(str::to_owned).collect())
}

fn merged(path: &std::path::Path) -> Vec<Value> {
    casefile_ndjson(&["merge", "--json", "--tz", "UTC", &path.to_string_lossy()])
}

fn text(r: &Value) -> &str {
    r["text"].as_str().expect("text")
}

fn level(r: &Value) -> &str {
    r["level"].as_str().unwrap_or("")
}

/// Every line of the program is in exactly one record, in order.
fn assert_lines_kept(rows: &[Value], lines: &[String], strip: impl Fn(&str) -> &str) {
    let joined: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            text(r)
                .lines()
                .map(|l| strip(l).to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(joined, lines, "every line once, in order");
}

#[test]
fn a_python_programs_own_log() {
    let Some(lines) = run_program() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let log = write(
        dir.path(),
        "worker.log",
        (lines.join("\n") + "\n").as_bytes(),
    );
    let rows = merged(&log);
    assert_lines_kept(&rows, &lines, |l| l);
    let shape: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (level(r), text(r).lines().last().unwrap_or("")))
        .collect();
    // The logged exceptions are in the records that logged them; the thread's
    // and the uncaught one are errors of their own, each ending with its
    // exception's line.
    assert_eq!(rows.len(), 7, "{shape:#?}");
    assert_eq!(
        shape.iter().map(|s| s.0).collect::<Vec<_>>(),
        ["info", "error", "info", "warn", "info", "error", "error"],
        "{shape:#?}"
    );
    assert!(text(&rows[1]).starts_with(&lines[1]), "{}", text(&rows[1]));
    assert_eq!(
        shape[1].1,
        "TypeError: 'NoneType' object is not subscriptable"
    );
    assert!(
        text(&rows[3]).contains("KeyError: 'user'"),
        "{}",
        text(&rows[3])
    );
    assert_eq!(shape[3].1, "RuntimeError: no user");
    assert!(
        text(&rows[5]).starts_with("Exception in thread reaper"),
        "{}",
        text(&rows[5])
    );
    assert!(text(&rows[6]).starts_with("Traceback (most recent call last):"));
    for r in &rows[5..] {
        assert_eq!(
            text(r).lines().last(),
            Some("KeyError: 'user'"),
            "{}",
            text(r)
        );
    }
}

/// `journalctl -o short`: `Dec 02 13:10:05 host worker[4242]: LINE`.
#[test]
fn a_python_programs_stderr_in_the_journal() {
    let Some(lines) = run_program() else { return };
    let prefixed: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("Dec 02 13:10:{:02} bastion worker[4242]: {l}", 5 + i / 10))
        .collect();
    captured(&lines, &prefixed, "worker-journal.log");
}

/// `docker logs -t`: `2026-12-02T13:10:05.000000001Z LINE`.
#[test]
fn a_python_programs_stderr_from_docker() {
    let Some(lines) = run_program() else { return };
    let prefixed: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("2026-12-02T13:10:05.{:09}Z {l}", i + 1))
        .collect();
    captured(&lines, &prefixed, "worker-docker.log");
}

/// A capturer dated each line: the log's records are its lines, and each
/// traceback (chained ones and a thread's heading included) is one record,
/// an error, ending with its exception.
fn captured(lines: &[String], prefixed: &[String], name: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let log = write(dir.path(), name, (prefixed.join("\n") + "\n").as_bytes());
    let rows = merged(&log);
    let traces: Vec<&Value> = rows
        .iter()
        .filter(|r| {
            let t = text(r);
            t.contains("Traceback (most recent call last):")
        })
        .collect();
    let firsts: Vec<&str> = traces
        .iter()
        .map(|r| text(r).lines().next().unwrap_or(""))
        .collect();
    assert_eq!(traces.len(), 4, "{firsts:#?}");
    for r in &traces {
        assert_eq!(level(r), "error", "{}", text(r));
        let last = text(r).lines().last().unwrap_or("");
        assert!(
            [
                "TypeError: 'NoneType' object is not subscriptable",
                "RuntimeError: no user",
                "KeyError: 'user'"
            ]
            .iter()
            .any(|e| last.ends_with(e)),
            "ends with its exception: {}",
            text(r)
        );
    }
    // The chained one holds both tracebacks; the thread's, its heading.
    assert!(text(traces[1]).contains("The above exception was the direct cause"));
    assert!(
        firsts[2].contains("Exception in thread reaper"),
        "{firsts:#?}"
    );
    // Every other record is one log line of the program.
    let others = rows.len() - traces.len();
    let in_traces: usize = traces.iter().map(|r| text(r).lines().count()).sum();
    assert_eq!(others + in_traces, lines.len(), "every line once");
}
