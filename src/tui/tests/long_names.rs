//! Two sources whose names differ only at their ends (one kiosk's log and
//! another's): where a column cuts names, they must not read the same.

use std::path::PathBuf;

use super::*;

/// The demo's kiosk log, and its first 3,000 lines as another kiosk's (which
/// stops for good: each has a silence of its own).
fn twins(dir: &std::path::Path, w: u16, h: u16) -> App {
    let log = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/kiosk-client.log");
    let text = std::fs::read_to_string(&log).expect("the demo's log");
    let head: String = text.lines().take(3000).map(|l| format!("{l}\n")).collect();
    let other = dir.join("hbf-4.log");
    std::fs::write(&other, head).expect("write");
    let specs = vec![
        file_spec("kiosk-client-berlin-hbf-3", log),
        file_spec("kiosk-client-berlin-hbf-4", other),
    ];
    loaded(specs, w, h, true)
}

#[test]
fn names_alike_but_for_their_ends_stay_apart_at_80_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = twins(dir.path(), 80, 24);
    let s = screen(&app);
    // The overview's labels (its rows under the axis).
    let labels: Vec<String> = s
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split_whitespace().next().unwrap_or_default().to_string())
        .collect();
    assert_ne!(labels[0], labels[1], "{s}");
    assert!(
        labels[0].ends_with("hbf-3") && labels[1].ends_with("hbf-4"),
        "{labels:?}\n{s}"
    );
    // The silence list's source column: each kiosk's row says which.
    press(&mut app, "Q");
    let s = screen(&app);
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| l.starts_with("   1  ") || l.starts_with("   2  "))
        .collect();
    assert_eq!(rows.len(), 2, "{s}");
    assert!(
        rows.iter().any(|r| r.contains("hbf-3")) && rows.iter().any(|r| r.contains("hbf-4")),
        "{s}"
    );
    // The merged view's source tags.
    press(&mut app, "qM");
    let s = screen(&app);
    assert!(s.contains("hbf-3") && s.contains("hbf-4"), "{s}");
}
