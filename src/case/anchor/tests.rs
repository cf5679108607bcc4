use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::index::Zone;
use crate::source::{self, Input, LoadOptions, Settings, SourceSpec};

fn load_files(name: &str, files: Vec<PathBuf>, zone: Zone) -> Source {
    let spec = SourceSpec {
        name: name.into(),
        input: Input::Files(files),
        settings: Settings {
            zone: Some(zone),
            ..Settings::default()
        },
    };
    let (parts, warnings) = source::open(&spec).expect("open");
    source::index(
        &spec,
        Arc::new(parts),
        warnings,
        &LoadOptions::default(),
        |_| {},
    )
}

fn load(path: &Path) -> Source {
    load_files("app", vec![path.to_path_buf()], Zone::Fixed(0))
}

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel)
}

/// Twelve records; the three at 17:00:02 are identical.
const LOG: &str = "\
2022-03-24 17:00:00 INFO start
2022-03-24 17:00:01 WARN slow disk
2022-03-24 17:00:02 INFO tick
2022-03-24 17:00:02 INFO tick
2022-03-24 17:00:02 INFO tick
2022-03-24 17:00:03 ERROR boom
Traceback (most recent call last):
  File \"x.py\", line 1
2022-03-24 17:00:04 INFO after
";

fn text(src: &Source, i: usize) -> String {
    String::from_utf8_lossy(src.record_bytes(i)).into_owned()
}

#[test]
fn fnv1a_matches_the_published_test_vectors() {
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn identical_records_are_told_apart_by_their_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("app.log");
    std::fs::write(&p, LOG).expect("write");
    let src = load(&p);
    let nths: Vec<u32> = (2..5)
        .map(|i| Anchor::of(&src, i).expect("anchor").nth)
        .collect();
    assert_eq!(nths, [0, 1, 2]);
    // Without a usable offset hint the time path must still pick the second.
    let mut a = Anchor::of(&src, 3).expect("anchor");
    a.offset = 1;
    assert_eq!(a.resolve(&src), Resolved::Record(3));
}

#[test]
fn anchors_survive_the_log_growing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("app.log");
    std::fs::write(&p, LOG).expect("write");
    let before = load(&p);
    let anchors: Vec<Anchor> = (0..before.index.len())
        .map(|i| Anchor::of(&before, i).expect("anchor"))
        .collect();
    let mut grown = LOG.to_string();
    grown.push_str("2022-03-24 17:00:05 INFO more\n2022-03-24 17:00:02 INFO tick\n");
    std::fs::write(&p, grown).expect("grow");
    let after = load(&p);
    assert_eq!(after.index.len(), before.index.len() + 2);
    for (i, a) in anchors.iter().enumerate() {
        assert_eq!(a.resolve(&after), Resolved::Record(i), "{a:?}");
        assert_eq!(text(&after, i), text(&before, i));
    }
}

#[test]
fn anchors_survive_rotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let live = dir.path().join("app.log");
    std::fs::write(
        dir.path().join("app.log.1"),
        "2022-03-24 16:00:00 INFO older\n",
    )
    .expect("write");
    std::fs::write(&live, LOG).expect("write");
    let before = load_files("app", source::discover::with_rotated(&live), Zone::Fixed(0));
    let anchors: Vec<Anchor> = (0..before.index.len())
        .map(|i| Anchor::of(&before, i).expect("anchor"))
        .collect();
    // logrotate: app.log.1 → app.log.2, app.log → app.log.1, a new app.log.
    std::fs::rename(dir.path().join("app.log.1"), dir.path().join("app.log.2")).expect("mv");
    std::fs::rename(&live, dir.path().join("app.log.1")).expect("mv");
    std::fs::write(&live, "2022-03-24 17:10:00 INFO new file\n").expect("write");
    let after = load_files("app", source::discover::with_rotated(&live), Zone::Fixed(0));
    assert_eq!(after.index.len(), before.index.len() + 1);
    for (i, a) in anchors.iter().enumerate() {
        let r = a.resolve(&after);
        assert_eq!(r, Resolved::Record(i), "{a:?}");
        assert_eq!(text(&after, i), text(&before, i));
    }
    // Opened without the rotated set, the records are not there: detached.
    let live_only = load(&live);
    assert_eq!(anchors[5].resolve(&live_only), Resolved::Detached);
}

#[test]
fn a_record_that_moved_in_the_file_is_found_by_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("app.log");
    std::fs::write(&p, LOG).expect("write");
    let a = Anchor::of(&load(&p), 5).expect("anchor");
    // Fetched again, with an extra record before it: every offset shifts.
    std::fs::write(&p, format!("2022-03-24 16:59:59 INFO earlier\n{LOG}")).expect("write");
    let src = load(&p);
    assert_eq!(a.resolve(&src), Resolved::Record(6));
    assert!(text(&src, 6).starts_with("2022-03-24 17:00:03 ERROR boom\nTraceback"));
}

#[test]
fn a_corrected_zone_still_finds_the_record_by_its_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("app.log");
    std::fs::write(&p, format!("2022-03-24 16:59:59 INFO earlier\n{LOG}")).expect("write");
    let a = Anchor::of(&load(&p), 6).expect("anchor");
    std::fs::write(&p, LOG).expect("write");
    let berlin = load_files(
        "app",
        vec![p.clone()],
        Zone::parse("Europe/Berlin").expect("zone"),
    );
    assert_ne!(berlin.entry(5).map(|e| e.time()), a.time);
    assert_eq!(a.resolve(&berlin), Resolved::Record(5));
}

#[test]
fn a_record_that_is_gone_is_detached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("app.log");
    std::fs::write(&p, LOG).expect("write");
    let a = Anchor::of(&load(&p), 1).expect("anchor");
    std::fs::write(&p, LOG.replace("WARN slow disk", "WARN slow net")).expect("write");
    assert_eq!(a.resolve(&load(&p)), Resolved::Detached);
}

/// The fast paths (offset hint, time) agree with the plain answer — the
/// record itself — on real logs with many records per second and multi-line
/// records; with the hint broken, the time path alone gives the same answer.
#[test]
fn resolution_matches_the_record_on_real_logs() {
    for rel in [
        "loghub/HDFS_2k.log",
        "python/gunicorn-error.log",
        "supervisord/supervisord.log",
    ] {
        let src = load(&corpus(rel));
        assert!(src.index.len() > 10, "{rel}");
        let anchors: Vec<Anchor> = (0..src.index.len())
            .map(|i| Anchor::of(&src, i).expect("anchor"))
            .collect();
        let refs: Vec<&Anchor> = anchors.iter().collect();
        let direct = resolve_all(&refs, &src);
        let hintless: Vec<Anchor> = anchors
            .iter()
            .cloned()
            .map(|mut a| {
                a.offset = u64::MAX;
                a
            })
            .collect();
        let refs: Vec<&Anchor> = hintless.iter().collect();
        let by_time = resolve_all(&refs, &src);
        for i in 0..src.index.len() {
            // Identical records are interchangeable: compare what they say.
            let want = text(&src, i);
            for r in [direct[i], by_time[i]] {
                let got = r.record().map(|j| text(&src, j));
                assert_eq!(got.as_deref(), Some(want.as_str()), "{rel} record {i}");
            }
            assert_eq!(direct[i], Resolved::Record(i), "{rel} record {i}");
        }
    }
}

#[test]
fn an_anchor_reads_back_from_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("app.log");
    std::fs::write(&p, LOG).expect("write");
    let a = Anchor::of(&load(&p), 4).expect("anchor");
    let json = serde_json::to_string(&a).expect("ser");
    assert!(json.contains("\"time\":\"2022-03-24T17:00:02Z\""), "{json}");
    assert_eq!(serde_json::from_str::<Anchor>(&json).expect("de"), a);
}
