//! Notes, offsets, marks, filters and the cursor found again when a case is
//! reopened over logs that grew, were rotated, or lost the noted record.

use std::path::Path;

use super::case::text;
use super::notes::{notes_on_disk, setup, two, write_note};
use super::*;
use crate::case::Store;

#[test]
fn notes_offsets_marks_filters_and_cursor_come_back_after_growth_and_rotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut first = two(&api, &db, &case);
    press(&mut first, "t17:21:10.5<enter>");
    write_note(&mut first, "slow orders");
    let noted = text(&first, *first.notes.marked.iter().next().expect("marked"));
    // Align db to api: mark an api record, then a db record.
    press(&mut first, "o<tab>t17:26:30<enter>o");
    settle(&mut first);
    let offset = first.source(1).expect("db").offset;
    assert_ne!(offset, 0);
    let marks = first.notes.offset_marks[&1];
    let mark_texts: Vec<String> = marks
        .iter()
        .map(|m| text(&first, m.expect("row")))
        .collect();
    press(
        &mut first,
        ":filter-out health<enter>:level-all info<enter>",
    );
    settle(&mut first);
    press(&mut first, "<tab>t17:23:05<enter>");
    let cursor_text = text(
        &first,
        crate::tui::update::cursor_ref(&first).expect("cursor"),
    );
    crate::tui::update::case_on_quit(&mut first);
    settle(&mut first);
    let saved = Store::open(&case).expect("reopen").case().clone();
    assert_eq!(saved.filters.len(), 2, "{:?}", saved.filters);
    let db_entry = saved
        .sources
        .iter()
        .find(|s| s.name == "db")
        .expect("db entry");
    assert_eq!(db_entry.offset, offset);
    assert!(db_entry.offset_marks.is_some());
    drop(first);

    let check = |app: &App, when: &str| {
        let at = *app.notes.marked.iter().next().expect(when);
        assert_eq!(text(app, at), noted, "{when}: the note's record");
        let m = app.notes.offset_marks[&1];
        let back: Vec<String> = m.iter().map(|m| text(app, m.expect(when))).collect();
        assert_eq!(back, mark_texts, "{when}: the offset marks");
        assert_eq!(
            app.panes[1].filters.filters.len(),
            1,
            "{when}: db's own filter"
        );
        assert_eq!(
            app.global_filters.min_level,
            Some(crate::level::Level::Info),
            "{when}"
        );
        let here = crate::tui::update::cursor_ref(app).expect(when);
        assert_eq!(text(app, here), cursor_text, "{when}: the cursor");
    };
    // The log grows; casefile starts again on the same case file. The
    // offset comes from the case file's source entries, as tui_entry applies them.
    let mut grown = std::fs::read(&api).expect("read");
    grown.extend_from_slice(b"2022-03-24 17:40:00.000 INFO  later\n");
    std::fs::write(&api, grown).expect("grow");
    let second = reopen(&case, vec![vec![api.clone()], vec![db.clone()]]);
    assert_eq!(second.source(1).expect("db").offset, offset);
    check(&second, "after growth");
    drop(second);

    std::fs::rename(&api, dir.path().join("api.log.1")).expect("rotate");
    std::fs::write(&api, "2022-03-24 17:41:00.000 INFO  new file\n").expect("write");
    let rotated = crate::source::discover::with_rotated(&api);
    let third = reopen(&case, vec![rotated, vec![db.clone()]]);
    check(&third, "after rotation");
}

/// An app over `files` with each source's settings as the case file saved them.
fn reopen(case: &Path, files: Vec<Vec<PathBuf>>) -> App {
    let saved = Store::open(case).expect("case").case().clone();
    let names = ["api", "db"];
    let specs: Vec<SourceSpec> = names
        .iter()
        .zip(files)
        .map(|(n, f)| {
            let offset = saved
                .sources
                .iter()
                .find(|s| s.name == *n)
                .map_or(0, |s| s.offset);
            SourceSpec {
                name: n.to_string(),
                input: Input::Files(f),
                settings: Settings {
                    offset,
                    ..Settings::default()
                },
            }
        })
        .collect();
    super::case::app_with_specs(specs, case)
}

#[test]
fn a_note_no_longer_in_its_source_is_kept_and_shown_detached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut first = two(&api, &db, &case);
    press(&mut first, "t17:21:10.5<enter>");
    write_note(&mut first, "slow orders");
    drop(first);
    // The file is fetched again without that record.
    let kept: String = std::fs::read_to_string(&api)
        .expect("read")
        .lines()
        .filter(|l| !l.contains("slow request"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&api, kept).expect("rewrite");
    let mut app = two(&api, &db, &case);
    let id = notes_on_disk(&case)[0].id.clone();
    assert!(app.notes.is_detached(&id));
    assert!(
        app.messages
            .iter()
            .any(|(m, _)| m.contains("1 note(s) point at records no longer in it"))
    );
    press(&mut app, "'");
    let shown = screen(&app);
    assert!(shown.contains("(detached: no longer in api)"), "{shown}");
    press(&mut app, "<enter>");
    assert!(message(&app).contains("detached"));
}
