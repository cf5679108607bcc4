//! Case files from the command line: `init`, `note add`, `note list`,
//! `report`, and what must never happen to a case file (damage, lost notes).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use casefile::case::{CaseFile, Store, file};
use common::*;

fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status,
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

/// The case as casefile reads it: the file plus its journal.
fn read_case(p: &Path) -> CaseFile {
    Store::open(p).expect("readable").case().clone()
}

/// The demo logs copied into `dir/logs`, kern.log dated in November 2026 so
/// that its year (taken from the mtime) does not depend on the checkout date.
fn demo_copy(dir: &Path) -> Vec<String> {
    let logs = dir.join("logs");
    std::fs::create_dir(&logs).expect("mkdir");
    let mut out = Vec::new();
    for f in [
        "backend.log",
        "goroutines.txt",
        "kern.log",
        "kiosk-client.log",
        "supervisord.log",
    ] {
        let to = logs.join(f);
        std::fs::copy(demo(f), &to).expect("copy");
        let when = std::time::UNIX_EPOCH + Duration::from_secs(1_795_186_200); // 2026-11-20T14:50:00Z
        std::fs::File::options()
            .write(true)
            .open(&to)
            .and_then(|h| h.set_modified(when))
            .expect("set mtime");
        out.push(to.to_string_lossy().into_owned());
    }
    out
}

fn add(case: &Path, args: &[&str]) -> std::process::Output {
    let mut a = vec![
        "note",
        "add",
        "--case",
        case.to_str().expect("utf-8"),
        "--tz",
        "UTC",
    ];
    a.extend_from_slice(args);
    casefile(&a)
}

/// The demo incident's findings, as an on-call engineer would note them.
fn note_the_demo(case: &Path) {
    for args in [
        &[
            "--at",
            "2026-11-20 14:31:07.219",
            "--source",
            "kiosk-client",
            "--tag",
            "symptom",
            "client log silent from 14:31:07 until the restart at 14:43:23",
        ][..],
        &[
            "--at",
            "2026-11-20 14:31:07",
            "--source",
            "kern",
            "--matching",
            "GPU HANG",
            "--tag",
            "#cause",
            "kernel: GPU hang in kiosk-client [2211], the same second",
        ],
        &[
            "--at",
            "2026-11-20 14:31:07",
            "--until",
            "2026-11-20 14:43:12",
            "--source",
            "supervisord",
            "--tag",
            "ruled-out",
            "supervisord: no restart; it thought kiosk-client was RUNNING",
        ],
        &[
            "--at",
            "2026-11-20 14:12:31",
            "--source",
            "kiosk-client",
            "--matching",
            "closed abnormally",
            "--tag",
            "hypothesis",
            "--tag",
            "ruled-out",
            "a Wi-Fi roam alone does not hang the client: 14:12 reconnected fine",
        ],
        &[
            "--at",
            "2026-11-20 14:35:20",
            "--source",
            "backend",
            "--matching",
            "backlog",
            "--tag",
            "symptom",
            "--tag",
            "impact",
            "push hub wedged for every kiosk: Broadcast blocks on kiosk-07 holding the hub mutex",
        ],
        &[
            "--at",
            "2026-11-20 14:43:30",
            "--tag",
            "action",
            "client: handle GPU context loss\n(a watchdog on the render thread)",
        ],
        &[
            "--at",
            "2026-11-20 14:43:31",
            "--tag",
            "action",
            "hub: never block Broadcast on one client's channel",
        ],
    ] {
        ok(&add(case, args));
    }
}

/// A case over a copy of the demo in `dir` (`init --tz UTC`) with the
/// story's notes added headless; returns the case file's path.
fn noted_demo_case(dir: &Path) -> PathBuf {
    let logs = demo_copy(dir);
    let case = dir.join("kiosk.casefile.json");
    let mut init = vec![
        "init",
        "--case",
        case.to_str().expect("utf-8"),
        "--tz",
        "UTC",
    ];
    init.extend(logs.iter().map(String::as_str));
    ok(&casefile(&init));
    note_the_demo(&case);
    case
}

#[test]
fn report_for_the_demo_incident() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = noted_demo_case(dir.path());
    // When each note was recorded is "now": pin it, so the response timeline is stable.
    let mut c = read_case(&case);
    c.title = Some("kiosk-07 goes black after a Wi-Fi reconnect".into());
    for (k, n) in c.notes.iter_mut().enumerate() {
        n.created = casefile::time::NANOS_PER_SEC * (1_795_186_800 + 60 * k as i64);
    }
    file::write_atomic(&case, &file::to_bytes(&c)).expect("write");
    let out = dir.path().join("report.md");
    let o = casefile(&[
        "report",
        "--case",
        case.to_str().expect("utf-8"),
        "--display-tz",
        "UTC",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    ok(&o);
    let md = std::fs::read_to_string(&out).expect("report written");
    let md = md.replace(&dir.path().to_string_lossy().into_owned(), "[dir]");
    insta::assert_snapshot!(md);
}

#[test]
fn notes_added_headless_list_in_time_order_with_their_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = noted_demo_case(dir.path());
    let v: serde_json::Value = serde_json::from_str(&ok(&casefile(&[
        "note",
        "list",
        "--json",
        "--case",
        case.to_str().expect("utf-8"),
    ])))
    .expect("json");
    let notes = v["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 7);
    let ats: Vec<chrono::DateTime<chrono::FixedOffset>> = notes
        .iter()
        .map(|n| {
            chrono::DateTime::parse_from_rfc3339(n["at"].as_str().unwrap_or("")).expect("rfc 3339")
        })
        .collect();
    let mut sorted = ats.clone();
    sorted.sort();
    assert_eq!(ats, sorted, "time order");
    // --matching picked the GPU HANG line, read off kern.log line 1523.
    let cause = notes
        .iter()
        .find(|n| n["tags"][0] == "cause")
        .expect("cause note");
    assert_eq!(
        cause["anchor"]["line"],
        "Nov 20 14:31:07 kiosk-07 kernel: [86412.331208] i915 0000:00:02.0: [drm] *ERROR* GPU HANG: ecode 9:1:85dffffb, in kiosk-client [2211]"
    );
    assert_eq!(cause["anchor"]["time"], "2026-11-20T14:31:07Z");
    let text = ok(&casefile(&[
        "note",
        "list",
        "--display-tz",
        "UTC",
        "--case",
        case.to_str().expect("utf-8"),
    ]));
    assert!(
        text.contains("2026-11-20 14:31:07.000 – 2026-11-20 14:43:12.000  supervisord  #ruled-out"),
        "{text}"
    );
    assert!(text.ends_with("7 notes, 0 bookmarks\n"), "{text}");
}

#[test]
fn a_case_file_may_start_with_no_sources_and_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("alert.casefile.json");
    let o = add(
        &case,
        &[
            "--at",
            "2022-03-24T17:23:05Z",
            "--tag",
            "symptom",
            "pager: kiosk-07 offline",
        ],
    );
    assert!(ok(&o).starts_with("saved note "), "{}", stdout(&o));
    let mode = std::fs::metadata(&case).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let c = read_case(&case);
    assert!(c.sources.is_empty());
    assert_eq!(c.notes[0].text, "pager: kiosk-07 offline");
    // A source it does not have is named, with the way to add it.
    let o = add(&case, &["--at", "17:23", "--source", "kern", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no source named 'kern'"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("casefile init --case"),
        "{}",
        stderr(&o)
    );
    // The report of a case with no sources still has every heading.
    let md = ok(&casefile(&[
        "report",
        "--case",
        case.to_str().expect("utf-8"),
        "--display-tz",
        "UTC",
    ]));
    for h in [
        "## Sources",
        "## Timeline of findings",
        "## Impact",
        "## Root cause",
        "## Action items",
    ] {
        assert!(md.contains(h), "{h} in {md}");
    }
}

#[test]
fn damaged_and_newer_case_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (body, says) in [
        (
            &b"{\"version\": 1, \"notes\": [{\"id\": \"a\", \"te"[..],
            "damaged",
        ),
        (b"", "it is empty"),
        (
            b"{\"version\": 9, \"notes\": {}}",
            "newer casefile (case file version 9",
        ),
    ] {
        let case = dir.path().join("c.casefile.json");
        std::fs::write(&case, body).expect("write");
        let o = add(&case, &["--at", "17:23", "x"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
        assert!(stderr(&o).contains("will not overwrite"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&case).expect("read"), body);
        let o = casefile(&["report", "--case", case.to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    }
}

#[test]
fn concurrent_note_adds_keep_every_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("c.casefile.json");
    let children: Vec<_> = (0..8)
        .map(|k| {
            Command::new(bin())
                .args(["note", "add", "--case"])
                .arg(&case)
                .args(["--at", "2022-03-24T17:23:05Z", &format!("note {k}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        ok(&c.wait_with_output().expect("wait"));
    }
    let mut texts: Vec<String> = read_case(&case).notes.into_iter().map(|n| n.text).collect();
    texts.sort();
    assert_eq!(
        texts,
        (0..8).map(|k| format!("note {k}")).collect::<Vec<_>>()
    );
}

/// A small xorshift generator: the kill test's moments, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// SIGKILL and SIGHUP at random moments of `note add` (mostly while it
/// writes a 2 MB case file): after every kill the file must parse, hold every
/// note that was confirmed ("saved note" printed), and never shrink.
#[test]
fn killing_note_add_never_damages_the_case_file_nor_loses_a_confirmed_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("c.casefile.json");
    // A case file big enough that a save takes a while: 6,000 notes.
    let mut c = CaseFile::default();
    for k in 0..6000 {
        c.notes.push(casefile::case::Note {
            id: format!("seed-{k}"),
            at: Some(k),
            until: None,
            source: None,
            anchor: None,
            tags: vec!["symptom".into()],
            text: format!("seed note {k}: {}", "x".repeat(200)),
            created: k,
            about: None,
        });
    }
    file::write_atomic(&case, &file::to_bytes(&c)).expect("seed");
    let seed = std::env::var("CASEFILE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("kill test seed: {seed} (rerun with CASEFILE_TEST_SEED={seed})");
    let mut rng = Rng(seed);
    let spawn = |text: &str| {
        Command::new(bin())
            .args(["note", "add", "--case"])
            .arg(&case)
            .args(["--at", "2022-03-24T17:23:05Z", text])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    // How long an uninterrupted add takes (the quickest of three, so that a
    // slow first run on a busy machine does not put every kill after the end).
    let mut span = u64::MAX;
    for k in 0..3 {
        let t0 = Instant::now();
        ok(&spawn(&format!("calibration {k}"))
            .wait_with_output()
            .expect("wait"));
        span = span.min(t0.elapsed().as_micros() as u64);
    }
    let span = span.max(1000);
    let mut confirmed: Vec<String> = (0..3).map(|k| format!("calibration {k}")).collect();
    let mut last_count = read_case(&case).notes.len();
    let (mut killed, mut confirmed_then_killed) = (0, 0);
    for round in 0..40 {
        let text = format!("round {round}");
        let mut child = spawn(&text);
        std::thread::sleep(Duration::from_micros(rng.next() % (span + span / 4)));
        if round % 2 == 0 {
            let _ = child.kill();
        } else {
            let _ = Command::new("kill")
                .args(["-HUP", &child.id().to_string()])
                .status();
        }
        let o = child.wait_with_output().expect("wait");
        let saved = stdout(&o).starts_with("saved note ");
        if saved {
            confirmed.push(text);
        }
        if !o.status.success() {
            // Killed before "saved", or after it, during the compaction.
            if saved {
                confirmed_then_killed += 1;
            } else {
                killed += 1;
            }
        }
        assert!(
            file::read(&case).is_ok_and(|c| c.is_some()),
            "round {round} (seed {seed}): the case file is damaged or gone"
        );
        let now = Store::open(&case)
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): the case is damaged: {e}"))
            .case()
            .clone();
        let texts: Vec<&str> = now.notes.iter().map(|n| n.text.as_str()).collect();
        for t in &confirmed {
            assert!(
                texts.contains(&t.as_str()),
                "round {round} (seed {seed}): lost '{t}'"
            );
        }
        assert!(
            now.notes.len() >= last_count,
            "round {round} (seed {seed}): notes shrank"
        );
        last_count = now.notes.len();
    }
    eprintln!(
        "kill test: {killed} killed before saving, {confirmed_then_killed} killed while compacting"
    );
    assert!(
        killed + confirmed_then_killed > 0,
        "no round was interrupted: the kill moments are not spread over the save"
    );
    // No temporary file outlives the next save.
    ok(&spawn("after").wait_with_output().expect("wait"));
    let temps: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

/// A real full disk: the case file on a 64 KiB tmpfs (needs root and mount;
/// SKIPPED otherwise). The injected-error variant is `case::file`'s unit test.
#[test]
fn a_full_disk_keeps_the_previous_case_file_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        skip(
            "a_full_disk_keeps_the_previous_case_file_and_says_so",
            "cannot mount a small tmpfs (needs root)",
        );
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let case = mnt.join("c.casefile.json");
    let big = "y".repeat(6000);
    let mut confirmed = 0;
    let mut failure = None;
    for k in 0..40 {
        let before = std::fs::read(&case).ok();
        let o = add(
            &case,
            &["--at", "2022-03-24T17:23:05Z", &format!("{k} {big}")],
        );
        if stdout(&o).starts_with("saved note ") {
            confirmed += 1;
        }
        if !o.status.success() {
            failure = Some((o, before));
            break;
        }
    }
    let (o, before) = failure.expect("the disk filled up");
    let err = stderr(&o);
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("the previous version is intact"), "{err}");
    assert!(!stdout(&o).contains("saved"), "{}", stdout(&o));
    assert_eq!(
        std::fs::read(&case).ok(),
        before,
        "the case file is unchanged"
    );
    assert_eq!(
        read_case(&case).notes.len(),
        confirmed,
        "every confirmed note is there"
    );
}

#[test]
fn a_dumps_set_time_is_kept_in_the_case_file_and_dates_it_in_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = demo_copy(dir.path());
    // A copied dump's mtime says when it was copied: only --set places it.
    let dump = logs
        .iter()
        .find(|l| l.ends_with("goroutines.txt"))
        .expect("dump");
    let copied = std::time::UNIX_EPOCH + Duration::from_secs(1_796_000_000); // 2026-11-29
    std::fs::File::options()
        .write(true)
        .open(dump)
        .and_then(|h| h.set_modified(copied))
        .expect("set mtime");
    let case = dir.path().join("kiosk.casefile.json");
    let mut init = vec![
        "init",
        "--case",
        case.to_str().expect("utf-8"),
        "--tz",
        "UTC",
        "--set",
        "goroutines.time=2026-11-20T14:35:20Z",
    ];
    init.extend(logs.iter().map(String::as_str));
    ok(&casefile(&init));
    let saved = std::fs::read_to_string(&case).expect("case written");
    assert!(
        saved.contains(r#""time": "2026-11-20T14:35:20Z""#),
        "the dump's time is not in the case file:\n{saved}"
    );
    let out = dir.path().join("report.md");
    ok(&casefile(&[
        "report",
        "--case",
        case.to_str().expect("utf-8"),
        "--display-tz",
        "UTC",
        "-o",
        out.to_str().expect("utf-8"),
    ]));
    let md = std::fs::read_to_string(&out).expect("report written");
    let row = md
        .lines()
        .find(|l| l.starts_with("| goroutines |"))
        .expect("the dump's row");
    assert!(
        row.contains("2026-11-20 14:35:20.000 – 2026-11-20 14:35:20.000"),
        "the report does not date the dump where --set put it: {row}"
    );
}

/// `note add --at` reads a time as the screen does (README: typed times are
/// read in the zone times are shown in; one without a date falls on the day
/// the sources cover): `--at 14:31:07 --source kern` on a case read in UTC,
/// from a machine in New York, took today's date in New York's zone and
/// anchored the note on kern's last record, 12 days earlier, saying so only
/// on stderr.
#[test]
fn note_add_reads_a_time_without_a_date_on_the_sources_day_in_their_zone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = demo_copy(dir.path());
    let case = dir.path().join("k.casefile.json");
    let c = case.to_str().expect("utf-8");
    let run = |args: &[&str]| {
        let o = Command::new(bin())
            .args(args)
            .env("TZ", "America/New_York")
            .output()
            .expect("run");
        ok(&o)
    };
    run(&["init", "--case", c, "--tz", "UTC", &logs[2]]);
    run(&[
        "note", "add", "--case", c, "--at", "14:31:07", "--source", "kern", "GPU hang",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&run(&["note", "list", "--json", "--case", c])).expect("json");
    let note = &v["notes"][0];
    assert_eq!(note["at"], "2026-11-20T14:31:07Z", "{note}");
    assert_eq!(note["anchor"]["time"], "2026-11-20T14:31:07Z", "{note}");
    // A relative time counts from now, as --help says, sources or not.
    let before = chrono::Utc::now() - chrono::Duration::minutes(6);
    run(&[
        "note", "add", "--case", c, "--at", "-5m", "--source", "kern", "paged",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&run(&["note", "list", "--json", "--case", c])).expect("json");
    let at = v["notes"][1]["at"].as_str().expect("at");
    let at = chrono::DateTime::parse_from_rfc3339(at).expect("rfc 3339");
    assert!(at > before, "-5m read as {at}: {v}");
}

/// The report quotes a record as the notes list (and its row) reads it: a
/// JSON line as `message  key=value …` after its level, a text line without
/// the stamp the finding's heading shows; and a tag the note's text carries
/// is not repeated in the heading. It quoted the lines as written (braces,
/// quotes, the stamp again) and said `#cause` twice.
#[test]
fn the_report_quotes_records_as_rows_read_them_and_tags_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let case = dir.path().join("c.casefile.json");
    let case_s = case.to_str().expect("utf-8");
    let (events, api) = (fixtures.join("events.log"), fixtures.join("api.log"));
    ok(&casefile(&[
        "init",
        "--case",
        case_s,
        "--tz",
        "UTC",
        &format!("events={}", events.display()),
        &format!("api={}", api.display()),
    ]));
    let at = |t: &str, source: &str, words: &str, args: &[&str]| {
        let mut a = vec!["--at", t, "--source", source, "--matching", words];
        a.extend_from_slice(args);
        ok(&add(&case, &a));
    };
    at(
        "2022-03-24 17:21:40.250",
        "events",
        "rebalance",
        &["--tag", "cause", "rebalance storm #cause"],
    );
    at(
        "2022-03-24 17:21:10.500",
        "api",
        "slow request",
        &["--tag", "symptom", "slow orders"],
    );
    let md = ok(&casefile(&[
        "report",
        "--case",
        case_s,
        "--display-tz",
        "UTC",
    ]));
    for want in [
        "- **2022-03-24 17:21:10.500** · api `#symptom`\n  slow orders\n\n  ```text\n  WRN slow request GET /orders 1200ms\n  ```\n",
        "- **2022-03-24 17:21:40.250** · events\n  rebalance storm #cause\n\n  ```text\n  WRN rebalance  reason=\"member left\"  generation=12\n  ```\n",
    ] {
        assert!(md.contains(want), "want:\n{want}\nin:\n{md}");
    }
    // The review section still takes the note by its tag.
    assert!(
        md.contains("## Root cause\n\n- rebalance storm #cause"),
        "{md}"
    );
}

/// `note list` quotes a record as the report (and the row) reads it: the
/// JSON line as `message  key=value …` after its level, the text line without
/// its stamp; `--json` keeps each note's fields (the anchor's `line` as
/// noted) and adds `shown`, the quoted lines. A note whose source is gone
/// says so and quotes the line as noted. It quoted every line as written
/// (braces, quotes, the stamp again).
#[test]
fn note_list_quotes_records_as_the_report_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let (events, api) = (dir.path().join("events.log"), dir.path().join("api.log"));
    std::fs::copy(fixtures.join("events.log"), &events).expect("copy");
    std::fs::copy(fixtures.join("api.log"), &api).expect("copy");
    let case = dir.path().join("c.casefile.json");
    let case_s = case.to_str().expect("utf-8");
    ok(&casefile(&[
        "init",
        "--case",
        case_s,
        "--tz",
        "UTC",
        &format!("events={}", events.display()),
        &format!("api={}", api.display()),
    ]));
    for (t, source, words, text) in [
        ("2022-03-24 17:21:40.250", "events", "rebalance", "storm"),
        ("2022-03-24 17:21:10.500", "api", "slow request", "slow"),
    ] {
        ok(&add(
            &case,
            &["--at", t, "--source", source, "--matching", words, text],
        ));
    }
    let list = |json: bool| {
        let mut a = vec!["note", "list", "--case", case_s, "--display-tz", "UTC"];
        if json {
            a.push("--json");
        }
        ok(&casefile(&a))
    };
    let out = list(false);
    for want in [
        "    slow\n    > WRN slow request GET /orders 1200ms\n",
        "    storm\n    > WRN rebalance  reason=\"member left\"  generation=12\n",
    ] {
        assert!(out.contains(want), "want:\n{want}\nin:\n{out}");
    }
    let v: serde_json::Value = serde_json::from_str(&list(true)).expect("json");
    let notes = &v["notes"];
    assert_eq!(
        notes[0]["shown"],
        serde_json::json!(["WRN slow request GET /orders 1200ms"]),
        "{v}"
    );
    assert_eq!(
        notes[1]["shown"],
        serde_json::json!(["WRN rebalance  reason=\"member left\"  generation=12"]),
        "{v}"
    );
    // The note's own fields keep their meaning: the anchor's line as noted.
    assert_eq!(
        notes[1]["anchor"]["line"],
        std::fs::read_to_string(&events)
            .expect("read")
            .lines()
            .nth(1)
            .expect("line"),
        "{v}"
    );
    assert_eq!(notes[1]["text"], "storm", "{v}");
    // The source gone: the note is detached, quoted as noted.
    std::fs::remove_file(&api).expect("rm");
    let out = list(false);
    assert!(
        out.contains("    slow\n    detached (api could not be opened: "),
        "{out}"
    );
    assert!(
        out.contains(
            "; as noted:\n    > 2022-03-24 17:21:10.500 WARN  slow request GET /orders 1200ms\n"
        ),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&list(true)).expect("json");
    let slow = &v["notes"][0];
    assert_eq!(
        slow["shown"],
        serde_json::json!(["2022-03-24 17:21:10.500 WARN  slow request GET /orders 1200ms"]),
        "{v}"
    );
    assert!(
        slow["detached"]
            .as_str()
            .is_some_and(|w| w.starts_with("api could not be opened")),
        "{v}"
    );
    assert!(v["notes"][1]["detached"].is_null(), "{v}");
}

/// The report quotes a noted record's first 12 lines, each cut as text
/// reports cut a line, and counts the lines left: on a record of one line of
/// 20 MB and on a trace of 200,000 lines, through `note add` and `report`.
#[test]
fn the_report_quotes_the_start_of_huge_records_and_counts_the_rest() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("huge.log");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).expect("create"));
    f.write_all(b"2022-03-24 17:00:00 INFO before\n2022-03-24 17:00:01 WARN ")
        .expect("write");
    f.write_all(&vec![b'y'; 20 << 20]).expect("write");
    f.write_all(b"\n2022-03-24 17:00:02 ERROR request failed\n")
        .expect("write");
    for k in 1..200_000 {
        writeln!(f, "    at frame{k} (handler.js:{k}:7)").expect("write");
    }
    f.write_all(b"2022-03-24 17:00:03 INFO after\n")
        .expect("write");
    f.flush().expect("flush");
    drop(f);
    let case = dir.path().join("t.casefile.json");
    let case = case.to_str().expect("path");
    let run = casefile_ok;
    run(&[
        "init",
        "--case",
        case,
        "--tz",
        "UTC",
        p.to_str().expect("path"),
    ]);
    for (at, text) in [
        ("17:00:01", "the huge line"),
        ("17:00:02", "the huge trace"),
    ] {
        let at = format!("2022-03-24 {at}");
        run(&[
            "note", "add", "--case", case, "--tz", "UTC", "--at", &at, "--source", "huge", text,
        ]);
    }
    let md = run(&["report", "--case", case]);
    assert!(md.len() < 100_000, "{} bytes of report", md.len());
    let line = md
        .lines()
        .find(|l| l.contains("yyy"))
        .expect("the huge line");
    let cut = format!("{}… (+20,969,545 bytes)", "y".repeat(1975));
    assert!(line.ends_with(&cut), "{}…", &line[..line.len().min(200)]);
    let quote: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.contains("ERR request failed"))
        .take(14)
        .collect();
    assert_eq!(quote.len(), 14, "{md}");
    for (k, l) in quote[1..12].iter().enumerate() {
        assert_eq!(
            l.trim(),
            format!("at frame{} (handler.js:{}:7)", k + 1, k + 1)
        );
    }
    assert_eq!(quote[12].trim(), "… (199,988 more lines)", "{quote:?}");
    assert!(quote[13].trim().starts_with("```"), "{quote:?}");
}
