use super::*;

/// A 10,000-line file opened as a source (not yet indexed).
fn live_file(
    dir: &std::path::Path,
) -> (
    std::path::PathBuf,
    SourceSpec,
    Parts,
    Vec<String>,
    &'static [u8],
) {
    let line: &'static [u8] =
        b"2022-03-24 17:00:00 INFO a line that is long enough to fill pages\n";
    let p = dir.join("live.log");
    std::fs::write(&p, line.repeat(10_000)).expect("write");
    let spec = SourceSpec {
        name: "live".into(),
        input: Input::Files(vec![p.clone()]),
        settings: Settings::default(),
    };
    let (parts, warnings) = open(&spec).expect("open");
    (p, spec, parts, warnings, line)
}

fn shrink(p: &std::path::Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(p)
        .expect("open")
        .set_len(len)
        .expect("truncate");
}

#[test]
fn a_file_that_shrinks_before_indexing_is_cut_not_faulted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, spec, parts, warnings, _) = live_file(dir.path());
    // copytruncate: the writer empties the file while it is mapped here.
    shrink(&p, 100);
    let src = index(
        &spec,
        Arc::new(parts),
        warnings,
        &LoadOptions::default(),
        |_| {},
    );
    assert!(
        src.warnings.iter().any(|w| w.contains("shrank")),
        "{:?}",
        src.warnings
    );
}

#[test]
fn refresh_stops_reads_past_a_new_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, spec, parts, warnings, line) = live_file(dir.path());
    let src = index(
        &spec,
        Arc::new(parts),
        warnings,
        &LoadOptions::default(),
        |_| {},
    );
    assert_eq!(src.index.len(), 10_000);
    assert!(src.parts.refresh().is_empty());
    shrink(&p, line.len() as u64 * 2);
    let msgs = src.parts.refresh();
    assert!(msgs.len() == 1 && msgs[0].contains("shrank"), "{msgs:?}");
    assert!(src.parts.refresh().is_empty(), "reported once");
    assert_eq!(src.record_bytes(1).len(), line.len() - 1);
    assert!(
        src.record_bytes(5000).is_empty(),
        "no read past the new end"
    );
}

/// copytruncate: the file emptied in place, then written again past the
/// length it had: it shrank, whatever its length is when next looked at (the
/// bytes read before are gone from it), once its shrinking was seen.
#[test]
fn a_file_truncated_then_written_past_its_old_length_still_shrank() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, _spec, parts, _warnings, line) = live_file(dir.path());
    assert_eq!(parts.changed_on_disk(), None);
    shrink(&p, 0);
    assert_eq!(parts.refresh().len(), 1);
    assert_eq!(parts.changed_on_disk(), Some(DiskChange::Shrank));
    std::fs::write(&p, line.repeat(20_000)).expect("write");
    assert_eq!(parts.changed_on_disk(), Some(DiskChange::Shrank));
}
