//! The disk is looked at by the watcher's thread only: the screen's thread
//! applies what the watcher saw, so a hung mount or a slow disk never
//! freezes it.

use super::*;
use crate::source::data::disk_looks;
use std::io::Write;

const LINES: &str = "\
2026-11-23T14:00:00Z INFO start
2026-11-23T14:00:01Z INFO tick 1
2026-11-23T14:00:02Z INFO tick 2
";

fn append(path: &std::path::Path, text: &str) {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("append");
    f.write_all(text.as_bytes()).expect("append");
}

/// Keys, ticks and frames on the screen's thread while a log grows, then is
/// cut shorter: none of them stats the file; the change is seen only once
/// the watcher's look is handed in.
#[test]
fn the_screen_never_looks_at_the_disk_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(&path, LINES).expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 20, false);
    let before = disk_looks::on_this_thread();

    append(&path, "2026-11-23T14:00:03Z ERROR lost the GPU\n");
    update(&mut app, Msg::Tick);
    press(&mut app, "FRF");
    let _ = screen(&app);
    // Cut shorter: not drawn before the watcher's look (its pages are gone).
    std::fs::write(&path, "").expect("truncate");
    update(&mut app, Msg::Tick);
    press(&mut app, "G");
    assert_eq!(
        disk_looks::on_this_thread(),
        before,
        "the screen's thread looked at the disk"
    );
    assert_eq!(app.panes[0].on_disk, None);
    assert!(app.reloads.is_empty(), "nothing read on what was not seen");

    // The watcher's look (on its thread in the event loop), which R asked
    // for: the shrink is warned of and kept with the source, and R's answer
    // reads the file again; the frame reads nothing past the new end.
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(
        app.panes[0].on_disk,
        Some(crate::source::DiskChange::Shrank)
    );
    let warnings = &app.source(0).expect("source").warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("the file shrank to 0 bytes")),
        "{warnings:?}"
    );
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    assert_eq!(message(&app), "reading app again…");
    assert!(
        screen(&app).contains("no longer in the file"),
        "{}",
        screen(&app)
    );
}
