//! Case files driven from the command line: a copy of the demo, notes added
//! headless, the case as casefile reads it (used by `case_file.rs` and `case_report.rs`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use casefile::case::{CaseFile, Store};

use super::*;

pub fn ok(o: &std::process::Output) -> String {
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
pub fn read_case(p: &Path) -> CaseFile {
    Store::open(p).expect("readable").case().clone()
}

/// The demo logs copied into `dir/logs`, kern.log dated in November 2026 so
/// that its year (taken from the mtime) does not depend on the checkout date.
pub fn demo_copy(dir: &Path) -> Vec<String> {
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

pub fn add(case: &Path, args: &[&str]) -> std::process::Output {
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
pub fn note_the_demo(case: &Path) {
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
pub fn noted_demo_case(dir: &Path) -> PathBuf {
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
