//! Saving a note (issue 16): "durable before the screen says saved, and under
//! 20 ms with 10,000 notes in the case file".
//!
//! ```text
//! cargo bench --bench case_save
//! CASEFILE_BENCH_DIR=/some/disk cargo bench --bench case_save
//! ```
//!
//! Measures `Store::change(PutNote)` + `Store::save()` — lock, check for other
//! writers, append to the journal, fsync — on a case file holding 10,000
//! notes (each anchored, tagged, ~150 characters), in `CASEFILE_BENCH_DIR`
//! (default: `target/`, the disk casefile would use). Also `Store::compact()`,
//! the atomic rewrite of the whole file that follows in the background, and
//! the screen's path: `Writer::change` until the writer thread answers
//! "saved". The
//! peer, measured in the same run on the same bytes: a bare write + fsync +
//! rename + directory fsync of the whole file, what saving by rewriting costs
//! at the least.
//! A measurement, never a test: it prints a markdown table and exits 0.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casefile::case::file;
use casefile::case::model::new_id;
use casefile::case::{Anchor, CaseFile, Change, Note, Reply, Store, Writer};

const NOTES: usize = 10_000;
const RUNS: usize = 60;

fn note(k: usize) -> Note {
    Note {
        id: new_id(),
        at: Some(1_795_186_200_000_000_000 + k as i64 * 1_000_000),
        until: None,
        source: Some("kiosk-client".into()),
        anchor: Some(Anchor {
            source: "kiosk-client".into(),
            time: Some(1_795_186_200_000_000_000 + k as i64 * 1_000_000),
            hash: 0x9e37_79b9_7f4a_7c15 ^ k as u64,
            offset: k as u64 * 130,
            nth: 0,
            line: format!(
                "2026-11-20 14:31:07.219 INFO [render] uploading textures for playlist rev {k} (14 textures, 187 MiB)"
            ),
        }),
        tags: vec!["symptom".into(), "hypothesis".into()],
        text: format!(
            "finding {k}: the client log goes silent right after the websocket reconnect; the kernel reports a GPU hang"
        ),
        created: 1_795_186_800_000_000_000 + k as i64,
        about: None,
    }
}

fn stats(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(v[v.len() / 2]),
        ms(v[v.len() * 95 / 100]),
        ms(v[v.len() - 1]),
    )
}

fn bare_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("bare.tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(path.parent().unwrap_or(Path::new(".")))?.sync_all()
}

fn main() {
    let base = std::env::var_os("CASEFILE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = tempfile::tempdir_in(&base).expect("temp dir");
    let path = dir.path().join("bench.casefile.json");
    let seed = CaseFile {
        notes: (0..NOTES).map(note).collect(),
        ..CaseFile::default()
    };
    file::write_atomic(&path, &file::to_bytes(&seed)).expect("seed");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

    let t = Instant::now();
    let mut store = Store::open(&path).expect("open");
    let open = t.elapsed();

    let mut saves = Vec::new();
    let mut compactions = Vec::new();
    for k in 0..RUNS {
        let t = Instant::now();
        store.change(Change::PutNote(note(NOTES + k)));
        store.save().expect("save");
        saves.push(t.elapsed());
        // The TUI compacts after a burst of notes; here after every fifth.
        if k % 5 == 4 {
            let t = Instant::now();
            store.compact().expect("compact");
            compactions.push(t.elapsed());
        }
    }
    let bytes = file::to_bytes(store.case());
    // The screen's path: the change handed to the writer thread, until it
    // answers "saved" (what the status line waits for).
    let mut writer = Writer::spawn(store);
    let mut round_trips = Vec::new();
    for k in 0..RUNS {
        let t = Instant::now();
        writer.change(Change::PutNote(note(NOTES + RUNS + k)));
        let replies = writer.wait(std::time::Duration::from_secs(60));
        assert!(
            matches!(replies.last(), Some(Reply::Saved { .. })),
            "{replies:?}"
        );
        round_trips.push(t.elapsed());
    }
    let notes = writer.case().notes.len();
    let peer_path = dir.path().join("peer.json");
    let mut peer = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        bare_write(&peer_path, &bytes).expect("bare write");
        peer.push(t.elapsed());
    }
    let (m, p95, max) = stats(saves);
    let (pm, pp95, pmax) = stats(peer);
    let (cm, cp95, cmax) = stats(compactions);
    let (wm, wp95, wmax) = stats(round_trips);
    println!(
        "case file: {} notes, {:.1} MiB, in {}; opened in {:.1} ms\n",
        notes,
        size as f64 / (1 << 20) as f64,
        base.display(),
        open.as_secs_f64() * 1000.0
    );
    println!("| {RUNS} runs | median | p95 | max | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| casefile: add a note and save it (lock, journal append, fsync) | {m:.1} ms | {p95:.1} ms | {max:.1} ms | < 20 ms |"
    );
    println!(
        "| casefile: the screen's save, through the writer thread until it answers \"saved\" | {wm:.1} ms | {wp95:.1} ms | {wmax:.1} ms | < 20 ms |"
    );
    println!(
        "| casefile: compaction, after \"saved\" (JSON, temp file, fsync, rename, fsync dir) | {cm:.1} ms | {cp95:.1} ms | {cmax:.1} ms | |"
    );
    println!(
        "| peer: write + fsync + rename + fsync dir of the whole file | {pm:.1} ms | {pp95:.1} ms | {pmax:.1} ms | |"
    );
}
