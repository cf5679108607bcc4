//! Sources that do not overlap in time: nginx's access log (13:35:30 to
//! 13:35:32) and the journal (14:08:38 to 14:08:45), from the corpus. The
//! overview spans both, the 33 minutes between them a narrow break, and the
//! first cursor stands on the earliest record.

use std::path::PathBuf;

use super::*;

fn corpus_spec(name: &str, rel: &str) -> SourceSpec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    file_spec(name, path)
}

fn apart(w: u16, h: u16) -> App {
    let specs = vec![
        corpus_spec("nginx", "nginx/access-combined.log"),
        corpus_spec("journal", "journald/journalctl-short-iso.txt"),
    ];
    loaded(specs, w, h, true)
}

#[test]
fn the_overview_spans_sources_apart_in_time_with_the_gap_a_break() {
    let mut app = apart(100, 24);
    let nginx_first = app.panes[0].source.as_ref().and_then(|s| s.first_time());
    assert_eq!(Some(app.cursor), nginx_first, "the first cursor");
    let s = screen(&app);
    assert!(s.contains("┆33m06s┆"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
    // At the end: the journal's last record.
    press(&mut app, "G");
    insta::assert_snapshot!("apart_at_the_end", snapshot(&app));
}

/// With an incident window (`--since`), the first cursor is at its start.
#[test]
fn the_first_cursor_is_at_the_window_start_when_one_is_set() {
    let specs = [
        corpus_spec("nginx", "nginx/access-combined.log"),
        corpus_spec("journal", "journald/journalctl-short-iso.txt"),
    ];
    let since = crate::time::civil_to_nanos(2026, 11, 23, 14, 8, 40, 0).expect("time");
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &ViewOptions {
            since: Some(since),
            ..test_view()
        },
        true,
    );
    app.size = (100, 24);
    for (id, spec) in specs.iter().enumerate() {
        update(&mut app, done(id, spec));
    }
    run_jobs(&mut app);
    assert_eq!(app.cursor, since);
}
