//! A note being typed when casefile is made to quit without its keys (SIGTERM,
//! SIGHUP when the terminal closes, the input gone): it is kept, never lost.

use std::path::Path;

use super::case::app_with_case;
use super::*;
use crate::case::{Note, Store};
use crate::tui::app::Mode;
use crate::tui::update::case_on_quit;

fn api_app(dir: &Path) -> (App, PathBuf) {
    let api = dir.join("api.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    let case = dir.join("t.casefile.json");
    (app_with_case(&["api"], vec![vec![api]], &case), case)
}

fn finish(mut app: App) {
    if let Some(w) = app.case.take() {
        w.finish().expect("finish");
    }
}

fn notes_on_disk(case: &Path) -> Vec<Note> {
    Store::open(case).expect("reopen").case().notes.clone()
}

#[test]
fn a_note_being_typed_at_a_signal_is_saved_as_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, case) = api_app(dir.path());
    press(
        &mut app,
        "t17:23:05.1<enter>adb pool exhausted<enter>after deploy<A-4>",
    );
    assert!(matches!(app.mode, Mode::NoteEditor(_)));
    let said = case_on_quit(&mut app);
    finish(app);
    let notes = notes_on_disk(&case);
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    assert_eq!(n.text, "db pool exhausted\nafter deploy");
    assert_eq!(n.tags, ["cause", "draft"]);
    assert_eq!(
        n.anchor.as_ref().map(|a| a.line.as_str()),
        Some("2022-03-24 17:23:05.100 ERROR upstream db timeout after 5000ms")
    );
    let said = said.expect("stderr says so");
    assert!(
        said.contains("saved as a draft (#draft)") && said.contains("db pool exhausted"),
        "{said}"
    );
}

#[test]
fn an_edit_cut_short_keeps_the_note_and_its_draft_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, case) = api_app(dir.path());
    press(&mut app, "t17:23:05.1<enter>aretry storm<C-s>");
    settle(&mut app);
    // Half-way through rewriting it.
    press(&mut app, "'e<bs><bs><bs><bs><bs>");
    assert!(matches!(app.mode, Mode::NoteEditor(_)));
    let said = case_on_quit(&mut app);
    finish(app);
    let mut texts: Vec<(String, Vec<String>)> = notes_on_disk(&case)
        .into_iter()
        .map(|n| (n.text, n.tags))
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        [
            ("retry".to_string(), vec!["draft".to_string()]),
            ("retry storm".to_string(), vec![]),
        ]
    );
    assert!(said.is_some_and(|s| s.contains("\"retry\"")));
}

#[test]
fn nothing_typed_nothing_kept_and_without_a_case_file_the_text_is_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, case) = api_app(dir.path());
    press(&mut app, "a");
    assert_eq!(case_on_quit(&mut app), None);
    finish(app);
    assert!(notes_on_disk(&case).is_empty());

    let mut app = loaded(vec![spec("api")], 80, 24, false);
    press(&mut app, "aonly here<enter>second line");
    let said = case_on_quit(&mut app).expect("printed");
    assert!(
        said.contains("not saved (no case file)") && said.contains("only here\nsecond line"),
        "{said}"
    );
}
