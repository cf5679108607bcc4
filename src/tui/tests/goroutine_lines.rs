//! Where the goroutine view says a dump's lines are: a rotated set's and a
//! panic record's, by the file and that file's own line, as `casefile index`
//! and `casefile goroutines` say them.

use super::*;

/// A rotated set of Go dumps read whole (the corpus's panic, from its
/// `panic:` line, in `app.log.1`, and again in `app.log` ending in a bare
/// `goroutine 9 [running]:`): the view of the last dump names the file and
/// its own line, as `casefile index` and `goroutines --rotated` do, in its
/// warning and where the dump begins (it said the set's lines, counted from
/// the oldest file's start).
#[test]
fn a_rotated_sets_dump_names_the_file_and_its_own_line() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/go/panic-index-out-of-range.log");
    let text = std::fs::read_to_string(path).expect("corpus");
    let panic = &text[text.find("panic: ").expect("the panic")..];
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("app.log.1");
    std::fs::write(&old, panic).expect("write");
    let live = dir.path().join("app.log");
    let newest = format!("{panic}goroutine 9 [running]:\n");
    std::fs::write(&live, &newest).expect("write");
    let spec = SourceSpec {
        name: "app".to_string(),
        input: Input::Files(crate::source::discover::with_rotated(&live)),
        settings: Settings::default(),
    };
    // With only dumps, the view opens by itself.
    let app = loaded(vec![spec], 200, 50, false);
    let a = shown_analysis(&app);
    let live = live.display().to_string();
    let line = newest.lines().count();
    assert_eq!(
        a.dump.warnings,
        [format!(
            "{live}: line {line}: goroutine 9 has a header but no frames (truncated?)"
        )]
    );
    let s = screen(&app);
    assert!(s.contains(&format!("begins at {live}: line 1 ·")), "{s}");
}

/// A log of a few app lines, then the corpus's panic with its last
/// goroutine cut to a bare `goroutine 7 [sleep]:`, and the file's line of
/// that header.
fn app_log_with_a_cut_panic(path: &std::path::Path) -> usize {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/go/panic-index-out-of-range.log");
    let text = std::fs::read_to_string(corpus).expect("corpus");
    let (app_lines, panic) = text.split_at(text.find("panic: ").expect("the panic"));
    let head: String = app_lines
        .lines()
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    let kept = &panic[..panic.find("goroutine 7 [sleep]:").expect("goroutine 7")];
    let log = format!("{head}{kept}goroutine 7 [sleep]:\n");
    std::fs::write(path, &log).expect("write");
    log.lines().count()
}

/// The warnings of the panic record's dump that `d` opens, and the screen.
fn record_dump_warnings(spec: SourceSpec) -> (Vec<String>, String) {
    let mut app = loaded(vec![spec], 200, 50, false);
    press(&mut app, "ed");
    let v = open_goroutine_view(&app);
    assert!(v.key.record.is_some(), "{v:?}");
    let a = shown_analysis(&app);
    (a.dump.warnings.clone(), screen(&app))
}

/// `d` on a Go panic printed into a log opens the record's bytes: its
/// warning counts the file's own line, as the whole file's view and
/// `casefile goroutines` do (it counted from the record's start).
#[test]
fn a_panic_records_dump_counts_the_files_own_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    let line = app_log_with_a_cut_panic(&path);
    let (warnings, s) = record_dump_warnings(file_spec("app", path));
    let warning = format!("line {line}: goroutine 7 has a header but no frames (truncated?)");
    assert_eq!(warnings, std::slice::from_ref(&warning), "{s}");
    assert!(s.contains(&warning), "{s}");
}

/// In a rotated set (app lines in `app.log.1`, the panic in `app.log`),
/// the record's warning names the file and its own line, as a set's dump
/// read whole does.
#[test]
fn a_panic_record_in_a_rotated_set_names_the_file_and_its_own_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/go/panic-index-out-of-range.log");
    let text = std::fs::read_to_string(corpus).expect("corpus");
    let old: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("app.log.1"), old).expect("write");
    let live = dir.path().join("app.log");
    let line = app_log_with_a_cut_panic(&live);
    let spec = SourceSpec {
        name: "app".to_string(),
        input: Input::Files(crate::source::discover::with_rotated(&live)),
        settings: Settings::default(),
    };
    let (warnings, s) = record_dump_warnings(spec);
    let warning = format!(
        "{}: line {line}: goroutine 7 has a header but no frames (truncated?)",
        live.display()
    );
    assert_eq!(warnings, std::slice::from_ref(&warning), "{s}");
    assert!(s.contains(&warning), "{s}");
}
