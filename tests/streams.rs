//! Inputs that are read as streams into a capped temporary copy: FIFOs,
//! process substitution, /proc files, devices, standard input, commands and
//! compressed or UTF-16 files. Nothing is lost silently, nothing fills the disk.

mod common;
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const TEXT: &str = "2022-03-24 17:00:00 INFO first\n2022-03-24 17:00:01 WARN second\n";

/// Waits for `child` with a deadline: a hang is a failure, not a stuck test.
fn finish(mut child: Child, what: &str) -> std::process::Output {
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what}: casefile did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn spawn(args: &[&str]) -> Child {
    Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run casefile")
}

fn json(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}{}", stdout(o), stderr(o)))
}

fn mkfifo(path: &std::path::Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_with_a_writer_is_read_as_a_stream() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("app.pipe");
    mkfifo(&fifo);
    let child = spawn(&[
        "index",
        "--json",
        "--tz",
        "UTC",
        fifo.to_str().expect("path"),
    ]);
    // Opening for writing blocks until casefile opens it for reading.
    std::fs::write(&fifo, TEXT).expect("write into the FIFO");
    let o = finish(child, "FIFO");
    let s = &json(&o)["sources"][0];
    assert_eq!(
        (s["records"].as_u64(), s["first"].as_str()),
        (Some(2), Some("2022-03-24T17:00:00Z")),
        "{s}"
    );
}

#[test]
fn process_substitution_is_read() {
    let script = format!(
        "'{}' index --json --tz UTC <(printf '{}')",
        bin(),
        TEXT.replace('\n', "\\n")
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("bash");
    let s = &json(&o)["sources"][0];
    assert_eq!(s["records"], 2, "{s}");
}

#[test]
fn a_proc_file_is_read() {
    // /proc files say their size is 0; their content only comes by reading.
    let v = index_json(&["/proc/self/status"]);
    let s = &v["sources"][0];
    assert!(s["lines"].as_u64().expect("lines") > 5, "{v}");
}

#[test]
fn dev_zero_is_refused_as_binary_after_its_first_bytes() {
    let o = finish(spawn(&["index", "--json", "/dev/zero"]), "/dev/zero");
    let err = stderr(&o);
    assert!(err.contains("/dev/zero") && err.contains("binary"), "{err}");
    assert_eq!(o.status.code(), Some(1));
}

/// `n` bytes of `line` repeated, gzip-compressed (a decompression bomb).
fn gzip_bomb(dir: &std::path::Path, name: &str, line: &[u8], n: usize) -> String {
    let p = dir.join(name);
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&p).expect("create"),
        flate2::Compression::fast(),
    );
    let block = line.repeat((1 << 20) / line.len());
    let mut written = 0;
    while written < n {
        enc.write_all(&block).expect("compress");
        written += block.len();
    }
    enc.finish().expect("finish");
    p.to_string_lossy().into_owned()
}

/// Lines of `len` bytes in the first `cap` bytes: the copy stops after the
/// last whole line.
fn whole_lines(cap: usize, len: usize) -> u64 {
    (cap / len) as u64
}

#[test]
fn a_gzip_bomb_is_cut_at_the_cap_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = b"2022-03-24 17:00:00 INFO the same line again and again\n";
    let bomb = gzip_bomb(dir.path(), "bomb.log.gz", line, 100 << 20);
    let o = finish(
        spawn(&["index", "--json", "--tz", "UTC", "--max-temp", "10M", &bomb]),
        "bomb",
    );
    let s = &json(&o)["sources"][0];
    let records = s["records"].as_u64().expect("records");
    // Cut at 10 MiB: every whole line below the cap, and no more.
    assert_eq!(records, whole_lines(10 << 20, line.len()), "{s}");
    assert!(
        s["warnings"]
            .to_string()
            .contains("cap of 10 MiB (--max-temp)"),
        "{s}"
    );
    assert!(stderr(&o).contains("cap of 10 MiB"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(1));

    // The output is read as it comes (a pipe that fills would block casefile).
    let o = casefile(&["merge", "--tz", "UTC", "--max-temp", "1M", &bomb]);
    assert!(
        stderr(&o).contains("bomb.log.gz: cut at the temporary-space cap of 1 MiB"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_all_zero_bomb_is_called_binary_from_its_first_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bomb = gzip_bomb(dir.path(), "zeros.gz", &[0u8; 4096], 200 << 20);
    // With a 1 MiB cap, a check made only at the end would report the cap.
    let o = finish(
        spawn(&["index", "--json", "--max-temp", "1M", &bomb]),
        "zero bomb",
    );
    let err = stderr(&o);
    assert!(
        err.contains("zeros.gz") && err.contains("binary data"),
        "{err}"
    );
    assert!(!err.contains("cap"), "{err}");
}

#[test]
fn standard_input_gets_the_same_cap() {
    let script = format!(
        "yes '2022-03-24 17:00:00 INFO y' | '{}' index --json --tz UTC --max-temp 1M -",
        bin()
    );
    let child = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash");
    let o = finish(child, "yes | casefile -");
    let s = &json(&o)["sources"][0];
    let line = "2022-03-24 17:00:00 INFO y\n".len();
    assert_eq!(s["records"], whole_lines(1 << 20, line), "{s}");
    assert!(s["warnings"].to_string().contains("cap of 1 MiB"), "{s}");
}

/// A command that prints two lines, then waits until the test lets it end:
/// the records must be indexed and printed while it still runs.
fn waiting_command(dir: &std::path::Path) -> (String, std::path::PathBuf) {
    let gate = dir.join("gate");
    mkfifo(&gate);
    let cmd = format!(
        "printf '{}'; read x < '{}'",
        TEXT.replace('\n', "\\n"),
        gate.display()
    );
    (cmd, gate)
}

#[test]
fn records_arrive_while_a_command_still_runs() {
    use casefile::loader::{LoadEvent, spawn};
    use casefile::source::{Input, LoadOptions, Settings, SourceSpec};
    let dir = tempfile::tempdir().expect("tempdir");
    let (cmd, gate) = waiting_command(dir.path());
    let spec = SourceSpec {
        name: "slow".into(),
        input: Input::Command(cmd),
        settings: Settings::default(),
    };
    let rx = spawn(vec![spec], LoadOptions::default());
    let mut progressed = false;
    while !progressed {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(LoadEvent::Progress { index, .. }) => progressed = index.len() == 2,
            Ok(LoadEvent::Done { .. }) => panic!("Done before the command ended"),
            Ok(LoadEvent::Failed { error, .. }) => panic!("{error}"),
            Ok(_) => {}
            Err(e) => panic!("no progress with records while the command runs: {e}"),
        }
    }
    std::fs::write(&gate, "\n").expect("let the command end");
    loop {
        match rx.recv_timeout(Duration::from_secs(60)).expect("Done") {
            LoadEvent::Done { source, .. } => {
                assert_eq!(source.index.len(), 2);
                break;
            }
            LoadEvent::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
}

#[test]
fn index_prints_name_and_format_while_a_command_still_runs() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("tempdir");
    let (cmd, gate) = waiting_command(dir.path());
    let mut child = spawn(&["index", "--tz", "UTC", "-c", &format!("slow={cmd}")]);
    let out = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(out).lines();
    let first = lines.next().expect("a line").expect("text");
    let second = lines.next().expect("a line").expect("text");
    assert!(first.starts_with("slow  "), "{first}");
    assert!(
        second.contains("format     ") && second.contains("(confidence 1.00)"),
        "{second}"
    );
    std::fs::write(&gate, "\n").expect("let the command end");
    let rest: Vec<String> = lines.map(|l| l.expect("text")).collect();
    assert!(rest.iter().any(|l| l.contains("records    2")), "{rest:?}");
    let o = finish(child, "index -c");
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn byte_order_marks_utf16_and_zstd_skippable_frames_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let utf16 = |be: bool| -> Vec<u8> {
        "\u{feff}"
            .encode_utf16()
            .chain(TEXT.encode_utf16())
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    };
    let mut skippable = vec![0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, b'm', b'e', b't', b'a'];
    skippable.extend(zstd::encode_all(TEXT.as_bytes(), 3).expect("zstd"));
    let files = [
        (
            "bom.log",
            [b"\xef\xbb\xbf".as_slice(), TEXT.as_bytes()].concat(),
        ),
        ("le.log", utf16(false)),
        ("be.log", utf16(true)),
        ("skip.log.zst", skippable),
    ];
    for (name, bytes) in files {
        let p = write(dir.path(), name, &bytes);
        let v = index_json(&[p.to_str().expect("path")]);
        let s = &v["sources"][0];
        assert_eq!(
            (
                s["records"].as_u64(),
                s["first"].as_str(),
                s["timestamped_fraction"].as_f64()
            ),
            (Some(2), Some("2022-03-24T17:00:00Z"), Some(1.0)),
            "{name}: {v}"
        );
        let o = casefile(&[
            "merge",
            "--tz",
            "UTC",
            "--display-tz",
            "UTC",
            p.to_str().expect("path"),
        ]);
        assert!(
            stdout(&o).starts_with("2022-03-24 17:00:00.000 ") && stdout(&o).ends_with("second\n"),
            "{name}: the first record is dated and has no mark: {:?}",
            stdout(&o)
        );
    }
}

#[test]
fn a_gzip_stream_is_indexed_before_it_ends() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("app.log.gz");
    mkfifo(&fifo);
    let mut child = spawn(&["index", "--tz", "UTC", fifo.to_str().expect("path")]);
    let (go_on, wait) = std::sync::mpsc::channel::<()>();
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open FIFO");
        let mut enc = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
        enc.write_all(TEXT.as_bytes()).expect("compress");
        // A sync flush: what was written so far can be decoded.
        enc.flush().expect("flush");
        wait.recv().expect("the test saw the format");
        enc.write_all(TEXT.as_bytes()).expect("compress");
        enc.finish().expect("finish");
    });
    let out = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(out).lines();
    let first = lines.next().expect("a line").expect("text");
    let second = lines.next().expect("a line").expect("text");
    assert!(first.starts_with("app  "), "{first}");
    assert!(second.contains("(confidence 1.00)"), "{second}");
    go_on.send(()).expect("writer waits");
    writer.join().expect("writer");
    let rest: Vec<String> = lines.map(|l| l.expect("text")).collect();
    assert!(rest.iter().any(|l| l.contains("records    4")), "{rest:?}");
    assert!(finish(child, "gzip FIFO").status.success());
}

/// `-` and `/dev/stdin` (or one FIFO named twice) are one stream: two readers
/// would each take part of it, tearing lines between two panes. Refused, as
/// `-` twice is, before anything is read.
#[test]
fn one_stream_named_twice_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("app.pipe");
    mkfifo(&fifo);
    let fifo = fifo.to_str().expect("path");
    let run = |args: &[&str]| {
        let mut child = Command::new(bin())
            .args(args)
            .env("TZ", "UTC")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run casefile");
        // Written from a thread: a reader that takes it all must not block this one.
        let mut input = child.stdin.take().expect("stdin");
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(TEXT.repeat(2000).as_bytes());
        });
        let o = finish(child, &format!("{args:?}"));
        let _ = writer.join();
        o
    };
    for args in [
        vec!["index", "-", "/dev/stdin"],
        vec!["index", "x=/dev/stdin", "y=/dev/stdin"],
        vec!["index", fifo, fifo],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("one stream") && stderr(&o).contains("read only once"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
    }
}
