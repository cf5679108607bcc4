//! Bookmarks kept in the case file: saved on every change, found again by
//! content when the sources load — after the log grew and after it rotated.

use std::path::Path;

use super::*;
use crate::case::Store;
use crate::tui::action::{Action, Dir};
use crate::tui::update::apply;

/// An app over `files` (one source each, named by `names`) with `case` set
/// before the sources load, as the screen starts.
pub fn app_with_case(names: &[&str], files: Vec<Vec<PathBuf>>, case: &Path) -> App {
    let specs: Vec<SourceSpec> = names
        .iter()
        .zip(files)
        .map(|(n, f)| SourceSpec {
            name: n.to_string(),
            input: Input::Files(f),
            settings: Settings::default(),
        })
        .collect();
    app_with_specs(specs, case)
}

/// An app over `specs` with `case` set before the sources load, as the screen starts.
pub fn app_with_specs(specs: Vec<SourceSpec>, case: &Path) -> App {
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &test_view(),
        true,
    );
    app.size = (200, 40);
    // As `tui_entry` does: the sources go into the case file with its first change.
    let mut store = Store::open(case).expect("case file");
    for spec in &specs {
        let mut e = crate::case::SourceEntry::from_spec(spec, false, &Zone::Fixed(0));
        if let Some(old) = store.case().sources.iter().find(|o| o.name == e.name) {
            e.offset_marks.clone_from(&old.offset_marks);
        }
        if !store.case().sources.contains(&e) {
            store.change(crate::case::Change::PutSource(e));
        }
    }
    app.case = Some(crate::case::Writer::spawn(store));
    for (id, spec) in specs.iter().enumerate() {
        update(&mut app, done(id, spec));
    }
    run_jobs(&mut app);
    app
}

pub fn text(app: &App, (p, r): (usize, usize)) -> String {
    String::from_utf8_lossy(app.source(p).expect("loaded").record_bytes(r)).into_owned()
}

#[test]
fn bookmarks_come_back_on_the_same_records_after_growth_and_rotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = dir.path().join("api.log");
    let db = dir.path().join("db.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    std::fs::copy(fixture("db"), &db).expect("copy");
    let case = dir.path().join("t.casefile.json");

    let mut first = app_with_case(
        &["api", "db"],
        vec![vec![api.clone()], vec![db.clone()]],
        &case,
    );
    apply(&mut first, Action::Command("goto 17:21:10.5".into()));
    apply(&mut first, Action::ToggleBookmark);
    settle(&mut first);
    let msg = first
        .message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default();
    assert!(msg.contains("saved bookmark to"), "{msg}");
    apply(&mut first, Action::Focus(1));
    apply(&mut first, Action::Command("goto 17:26:30".into()));
    apply(&mut first, Action::ToggleBookmark);
    settle(&mut first);
    let marks = first.bookmarks.clone();
    let texts: Vec<String> = marks.iter().map(|&m| text(&first, m)).collect();
    assert_eq!(
        Store::open(&case).expect("reopen").case().bookmarks.len(),
        2
    );

    // The log grows; casefile starts again on the same case file.
    let mut grown = std::fs::read(&api).expect("read");
    grown.extend_from_slice(b"2022-03-24 17:40:00.000 INFO  later\n");
    std::fs::write(&api, grown).expect("grow");
    let second = app_with_case(
        &["api", "db"],
        vec![vec![api.clone()], vec![db.clone()]],
        &case,
    );
    assert_eq!(second.bookmarks, marks);

    // Rotation: api.log becomes api.log.1 and a new api.log starts.
    std::fs::rename(&api, dir.path().join("api.log.1")).expect("rotate");
    std::fs::write(&api, "2022-03-24 17:41:00.000 INFO  new file\n").expect("write");
    let rotated = crate::source::discover::with_rotated(&api);
    let mut third = app_with_case(&["api", "db"], vec![rotated, vec![db.clone()]], &case);
    let back: Vec<String> = third.bookmarks.iter().map(|&m| text(&third, m)).collect();
    assert_eq!(back, texts);
    apply(&mut third, Action::Start);
    apply(&mut third, Action::Bookmark(Dir::Next));
    let landed = third.last_bookmark.expect("jumped to a bookmark");
    assert_eq!(text(&third, landed), texts[0]);

    // Removing one is saved too.
    apply(&mut third, Action::ToggleBookmark);
    settle(&mut third);
    assert_eq!(
        Store::open(&case).expect("reopen").case().bookmarks.len(),
        1
    );
}
