//! End-to-end: notes, bookmarks and a clock offset made with keys in the real
//! screen (a private tmux server), casefile quit and started again — on the
//! same case file, after the log grew, after it was rotated — and SIGHUP and
//! SIGKILL at random moments while notes are being saved.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use casefile::case::Store;
use common::tmux::{Tmux, status};
use common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui")
        .join(format!("{name}.log"))
}

/// The api and db fixtures copied into `d` as api.log and db.log.
fn copy_api_and_db(d: &Path) {
    for name in ["api", "db"] {
        std::fs::copy(fixture(name), d.join(format!("{name}.log"))).expect("copy");
    }
}

/// The screen row showing `text`.
fn row<'a>(screen: &'a str, text: &str) -> &'a str {
    screen.lines().find(|l| l.contains(text)).unwrap_or("")
}

fn goto(t: &Tmux, time: &str) {
    t.keys(&["t"]);
    t.text(time);
    t.keys(&["Enter"]);
    t.wait(&format!("the cursor at {time}"), |s| {
        status(s).contains(&format!("2022-03-24 {time}"))
    });
}

/// Starts casefile in `dir` with `args`, in place of the previous run, and
/// waits for its first screen (the pane is cleared when the run starts).
fn start(t: &Tmux, dir: &Path, args: &str) {
    t.run(dir, &format!("{} --tz UTC --display-tz UTC {args}", bin()));
    t.wait("the panes", |s| {
        s.contains(" api ") && s.contains(" db ") && s.contains("? help") && !s.contains("indexing")
    });
}

fn case_file(dir: &Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".casefile.json") && !n.starts_with('.'))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one case file in {}: {found:?}",
        dir.display()
    );
    found[0].clone()
}

#[test]
fn notes_bookmarks_and_an_offset_come_back_on_the_same_records() {
    let Some(t) = Tmux::start("notes-trip", 100, 40) else {
        return;
    };
    t.wait("the shell prompt", |s| s.contains('$'));
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    copy_api_and_db(d);
    start(&t, d, "api.log db.log");

    // A note on the slow request, typed over two lines, tagged with Alt-1.
    goto(&t, "17:21:10.500");
    t.keys(&["a"]);
    t.wait("the editor", |s| {
        s.contains("new note") && s.contains("Ctrl-S")
    });
    t.text("slow orders");
    t.keys(&["Enter"]);
    t.text("pool exhausted?");
    t.keys(&["M-1", "C-s"]);
    t.wait("the note saved", |s| {
        status(s).contains("saved note \"slow orders\"")
    });
    // A bookmark one record later.
    goto(&t, "17:22:00.000");
    t.keys(&["m"]);
    t.wait("the bookmark saved", |s| {
        status(s).contains("saved bookmark")
    });
    // Align db to api: the api record, then db's restart (o … o).
    goto(&t, "17:21:10.500");
    t.keys(&["o", "Tab"]);
    goto(&t, "17:26:30.000");
    t.keys(&["o"]);
    t.wait("the offset saved, and what it is", |s| {
        status(s).contains("db: clock offset -5m19s · saved")
    });
    t.keys(&["q"]);
    assert_eq!(
        t.wait_exited("quit after the offset"),
        0,
        "quit after the offset"
    );

    let case = case_file(d);
    let saved = Store::open(&case).expect("case file").case().clone();
    assert_eq!(saved.notes.len(), 1);
    assert_eq!(saved.notes[0].text, "slow orders\npool exhausted?");
    assert_eq!(saved.notes[0].tags, ["symptom"]);
    assert_eq!(saved.bookmarks.len(), 1);
    let db = saved.sources.iter().find(|s| s.name == "db").expect("db");
    // 17:21:10.500 (api) − 17:26:30.000 (db)
    assert_eq!(db.offset, -319_500_000_000, "{db:?}");
    assert!(db.offset_marks.is_some());

    let check = |when: &str| {
        let s = t.wait(&format!("everything back {when}"), |s| {
            row(s, "slow request GET /orders").starts_with('✎')
                && row(s, "GET /orders 200 35ms").starts_with('▌')
                && row(s, "database system is ready").contains("17:21:10.500")
                && status(s).contains("2022-03-24 17:21:10.500")
        });
        // The offset's marks are marked in the gutter too.
        assert!(
            row(&s, "database system is ready").starts_with('o'),
            "{when}:\n{s}"
        );
        t.keys(&["'"]);
        t.wait(&format!("the notes list {when}"), |s| {
            s.contains("#symptom slow orders") && s.contains("slow request GET /orders")
        });
        t.keys(&["q", "q"]);
        assert_eq!(t.wait_exited(&format!("quit {when}")), 0, "quit {when}");
    };
    start(&t, d, "api.log db.log");
    check("on reopening");

    // The log grows.
    let mut grown = std::fs::read(d.join("api.log")).expect("read");
    grown.extend_from_slice(b"2022-03-24 17:40:00.000 INFO  later\n");
    std::fs::write(d.join("api.log"), grown).expect("grow");
    start(&t, d, "api.log db.log");
    check("after the log grew");

    // The log rotates: api.log becomes api.log.1 and a new api.log starts.
    std::fs::rename(d.join("api.log"), d.join("api.log.1")).expect("rotate");
    std::fs::write(
        d.join("api.log"),
        "2022-03-24 17:41:00.000 INFO  new file\n",
    )
    .expect("new");
    start(&t, d, "--rotated api.log db.log");
    check("after rotation");
    assert_eq!(case_file(d), case, "the same case file every time");
}

/// A small pseudo-random sequence (no crate needed for a few kill moments).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn sighup_and_sigkill_while_saving_never_lose_a_confirmed_note() {
    let Some(t) = Tmux::start("notes-kill", 120, 30) else {
        return;
    };
    t.wait("the shell prompt", |s| s.contains('$'));
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    copy_api_and_db(d);
    let case = d.join("kill.casefile.json");
    let seed = match std::env::var("CASEFILE_TEST_SEED") {
        Ok(s) => s.parse().expect("CASEFILE_TEST_SEED is a u64"),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(7, |d| d.as_nanos() as u64),
    };
    eprintln!("kill moments seeded with {seed} (replay: CASEFILE_TEST_SEED={seed})");
    let mut rng = Lcg(seed);
    let mut confirmed: Vec<String> = Vec::new();
    let mut k = 0;
    for round in 0..12 {
        start(&t, d, &format!("--case {} api.log db.log", case.display()));
        // One note confirmed on screen…
        k += 1;
        let text = format!("note {k}");
        t.keys(&["a"]);
        t.wait("the editor", |s| s.contains("new note"));
        t.text(&text);
        t.keys(&["C-s"]);
        t.wait(&format!("{text} saved"), |s| {
            status(s).contains(&format!("saved note \"{text}\""))
        });
        confirmed.push(text);
        // …then another being saved when the signal comes.
        k += 1;
        let text = format!("note {k}");
        t.keys(&["j", "a"]);
        t.text(&text);
        // Typed in full first, so that the signal lands near the save, not
        // while casefile is still reading the note's keys.
        t.wait(&format!("{text} in the editor"), |s| {
            s.contains("new note") && s.contains(&text)
        });
        t.keys(&["C-s"]);
        std::thread::sleep(Duration::from_millis(rng.next(40)));
        let signal = if rng.next(2) == 0 { "-HUP" } else { "-KILL" };
        let pid = t.child_pid().expect("casefile runs under the pane's sh");
        let ok = Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill {signal} {pid}");
        // SIGHUP is a quit (the terminal restored); SIGKILL kills it (128 + 9).
        let exited = t.wait_exited(&format!("round {round} ({signal})"));
        let expected = if signal == "-HUP" { 0 } else { 137 };
        assert_eq!(exited, expected, "round {round} ({signal}): exit status");
        let bytes = std::fs::read(&case).expect("the case file exists");
        assert!(
            !bytes.is_empty(),
            "round {round} ({signal}): empty case file"
        );
        let store =
            Store::open(&case).unwrap_or_else(|e| panic!("round {round} ({signal}): damaged: {e}"));
        let texts: Vec<&str> = store.case().notes.iter().map(|n| n.text.as_str()).collect();
        for c in &confirmed {
            assert!(
                texts.contains(&c.as_str()),
                "round {round} ({signal}): confirmed {c} lost: {texts:?}"
            );
        }
    }
}
