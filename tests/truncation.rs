//! A log truncated while a headless command reads it (copytruncate rotation, a
//! writer that empties its file): no death by signal, and a clear message.

mod common;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;

const LINE: &[u8] =
    b"2022-03-24 17:00:00 INFO a line long enough to fill the pages of a mapped file quickly\n";

/// Appends to `path` and empties it again, over and over, until `stop`.
fn truncating_writer(
    path: std::path::PathBuf,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let block = LINE.repeat(10_000);
        while !stop.load(Ordering::Relaxed) {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&path)
                .expect("open for writing");
            for _ in 0..20 {
                f.write_all(&block).expect("append");
            }
        }
    })
}

#[test]
fn a_file_truncated_while_read_never_kills_a_headless_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("live.log");
    std::fs::write(&live, LINE.repeat(200_000)).expect("write");
    let good = write(dir.path(), "good.log", b"2022-03-24 17:00:00 INFO steady\n");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = truncating_writer(live.clone(), stop.clone());
    let (live, good) = (live.to_str().expect("path"), good.to_str().expect("path"));
    let mut shrank = 0;
    for round in 0..16 {
        let cmd: &[&str] = match round % 4 {
            0 => &["merge", "--json"],
            1 => &["merge"],
            2 => &["show", "--at", "2022-03-24 17:00:00"],
            _ => &["index"],
        };
        let mut args = cmd.to_vec();
        args.extend(["--tz", "UTC", live, good]);
        let o = casefile(&args);
        let err = stderr(&o);
        assert_eq!(o.status.signal(), None, "{cmd:?} died by a signal: {err}");
        let other = if cmd[0] == "index" {
            "good  "
        } else {
            "steady"
        };
        assert!(
            stdout(&o).contains(other),
            "{cmd:?}: the other source printed"
        );
        match o.status.code() {
            Some(0) => {}
            Some(1) => {
                assert!(
                    err.contains("live.log") && err.contains("shrank"),
                    "{cmd:?}: {err}"
                );
                shrank += 1;
            }
            c => panic!("{cmd:?} exited {c:?}: {err}"),
        }
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().expect("writer");
    eprintln!("{shrank} of 16 runs saw the file shrink");
}
