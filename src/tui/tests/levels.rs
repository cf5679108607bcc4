//! Levels inferred from kernel fault phrases: where next-error lands.

use super::*;
use crate::tui::action::{Action, Dir, Scope, Severity};
use crate::tui::update::apply;

const NEXT_ERROR: Action = Action::Level {
    dir: Dir::Next,
    severity: Severity::Error,
    scope: Scope::Focused,
};

/// `kern.log` holds real kernel messages (quoted in public bug reports)
/// re-stamped into the fixtures' story.

#[test]
fn next_error_lands_on_inferred_kernel_faults() {
    let mut app = app(&["api", "kern"], 200, 40);
    apply(&mut app, Action::Focus(1));
    apply(&mut app, Action::Start);
    let mut seen = Vec::new();
    for _ in 0..5 {
        apply(&mut app, NEXT_ERROR);
        seen.push(spot(&app));
    }
    // segfault, GPU HANG, blocked task, OOM; then nothing more.
    assert_eq!(seen, vec![(1, 1), (1, 2), (1, 4), (1, 5), (1, 5)]);
    let src = app.source(1).expect("kern");
    let e = src.entry(2).expect("GPU HANG");
    assert!(e.level_inferred());
    assert!(src.entry(3).expect("follow-up").level().is_none());
}

#[test]
fn next_error_lands_on_the_demos_gpu_hang() {
    let spec = file_spec(
        "kern",
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/kern.log"),
    );
    let mut app = app(&[], 120, 30);
    app.panes.push(crate::tui::app::Pane::new("kern".into()));
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    apply(&mut app, Action::Start);
    apply(&mut app, NEXT_ERROR);
    apply(&mut app, NEXT_ERROR);
    let (p, rec) = spot(&app);
    let line = String::from_utf8_lossy(app.source(p).expect("kern").first_line(rec)).into_owned();
    assert!(line.contains("GPU HANG: ecode"), "{line}");
}

/// A java.util.logging record shows its level and message, not its header
/// (time, class, method) as its first line; `=` shows the header as written.
#[test]
fn a_jul_record_shows_its_message() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/log4j/jul-simpleformatter.log");
    let mut app = loaded(vec![file_spec("jul", path)], 120, 20, false);
    apply(&mut app, Action::Start);
    let s = screen(&app);
    let rows: Vec<&str> = s.lines().filter(|l| l.starts_with(" 14:11:47")).collect();
    assert_eq!(rows.len(), 4, "{s}");
    for (row, want) in rows.iter().zip([
        "INF Replicator starting",
        "WRN replica lag above threshold",
        "ERR configuration rejected",
        "INF Replicator stopped",
    ]) {
        assert!(row.contains(want) && !row.contains("JulDemo"), "{s}");
    }
    press(&mut app, "=");
    assert!(screen(&app).contains("PM JulDemo main"), "{}", screen(&app));
}
