//! Notes from the screen: the editor, saving through the writer ("saved" only
//! once on disk), the notes list, the palette, search, markers, and everything
//! the case file keeps coming back when casefile starts again.

use std::path::Path;

use super::case::{app_with_case, text};
use super::*;
use crate::case::{About, Store};
use crate::tui::action::Action;
use crate::tui::app::Mode;
use crate::tui::notes::{GoroutineGroup, NoteAction};
use crate::tui::update::apply;

pub(super) fn setup(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let api = dir.join("api.log");
    let db = dir.join("db.log");
    std::fs::copy(fixture("api"), &api).expect("copy");
    std::fs::copy(fixture("db"), &db).expect("copy");
    (api, db, dir.join("t.casefile.json"))
}

pub(super) fn two(api: &Path, db: &Path, case: &Path) -> App {
    app_with_case(
        &["api", "db"],
        vec![vec![api.to_path_buf()], vec![db.to_path_buf()]],
        case,
    )
}

pub(super) fn notes_on_disk(case: &Path) -> Vec<crate::case::Note> {
    Store::open(case).expect("reopen").case().notes.clone()
}

/// Writes a note on the cursor record with the keys a user types.
pub(super) fn write_note(app: &mut App, keys: &str) {
    press(app, "a");
    assert!(
        matches!(app.mode, Mode::NoteEditor(_)),
        "a opens the editor"
    );
    press(app, keys);
    press(app, "<C-s>");
    settle(app);
}

#[test]
fn a_note_is_written_saved_and_marked_on_its_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "t17:21:10.5<enter>a");
    press(&mut app, "slow orders<enter>pool exhausted?<A-2>");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("editor open")
    };
    assert_eq!(e.lines, ["slow orders", "pool exhausted?"]);
    assert!(!case.exists(), "nothing is on disk before saving");
    press(&mut app, "<C-s>");
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        message(&app).starts_with("saving note"),
        "{}",
        message(&app)
    );
    settle(&mut app);
    assert!(
        message(&app).starts_with("saved note \"slow orders\" to "),
        "{}",
        message(&app)
    );
    let notes = notes_on_disk(&case);
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert_eq!(n.text, "slow orders\npool exhausted?");
    assert_eq!(n.tags, ["hypothesis"]);
    let a = n.anchor.as_ref().expect("anchored on the record");
    assert_eq!(a.source, "api");
    assert!(a.line.contains("slow request GET /orders"), "{}", a.line);
    let at = app.notes.rows[&n.id].expect("found");
    assert!(app.notes.marked.contains(&at));
    assert!(text(&app, at).contains("slow request"));
}

#[test]
fn esc_asks_before_throwing_a_typed_note_away() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "a<esc>");
    assert_eq!(app.mode, Mode::Normal, "nothing typed: Esc just closes");
    press(&mut app, "ahalf a thought<esc>");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("still open after one Esc")
    };
    assert!(e.confirm_discard);
    press(&mut app, "!");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("typing goes on")
    };
    assert!(!e.confirm_discard);
    assert_eq!(e.text(), "half a thought!");
    press(&mut app, "<esc><esc>");
    assert_eq!(app.mode, Mode::Normal);
    settle(&mut app);
    assert!(!case.exists(), "a discarded note is never written");
    // Ctrl-S on an empty note saves nothing and says so.
    press(&mut app, "a<C-s>");
    assert!(matches!(app.mode, Mode::NoteEditor(_)));
    assert!(message(&app).contains("empty note"), "{}", message(&app));
}

#[test]
fn the_list_sorts_jumps_edits_and_deletes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    // Written late first, early second: time order and creation order differ.
    press(&mut app, "t17:26:30<enter><tab>");
    write_note(&mut app, "db later");
    press(&mut app, "<tab>t17:20:01.25<enter>");
    write_note(&mut app, "api earlier");
    let order = |app: &App, by_created| -> Vec<String> {
        crate::tui::notes::sorted(app, by_created)
            .iter()
            .map(|n| n.text.clone())
            .collect()
    };
    assert_eq!(order(&app, false), ["api earlier", "db later"]);
    assert_eq!(order(&app, true), ["db later", "api earlier"]);
    press(&mut app, "'");
    assert!(matches!(app.mode, Mode::Notes(_)));
    press(&mut app, "s");
    let Mode::Notes(l) = &app.mode else {
        panic!("list")
    };
    assert!(l.by_created);
    // By creation, the first is "db later": Enter goes to its record.
    press(&mut app, "<enter>");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, 1);
    let here = crate::tui::update::cursor_ref(&app).expect("row");
    assert!(app.notes.marked.contains(&here));
    // Edit the other one: same id, new text.
    press(&mut app, "'e");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("editor")
    };
    assert!(!e.new);
    press(&mut app, " (edited)<C-s>");
    settle(&mut app);
    let texts: Vec<String> = notes_on_disk(&case).into_iter().map(|n| n.text).collect();
    assert_eq!(texts, ["db later", "api earlier (edited)"]);
    // Saved, the editor goes back to the list it was opened from.
    assert!(matches!(app.mode, Mode::Notes(_)), "{:?}", app.mode);
    // Delete asks first.
    press(&mut app, "d");
    assert_eq!(notes_on_disk(&case).len(), 2);
    press(&mut app, "d");
    settle(&mut app);
    assert_eq!(notes_on_disk(&case).len(), 1);
    assert!(
        message(&app).contains("saved deletion"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_palette_finds_notes_by_text_and_tag_and_search_can_include_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "t17:21:10.5<enter>");
    write_note(&mut app, "orders are slow<A-1>");
    let marked = *app.notes.marked.iter().next().expect("marked");
    press(&mut app, "g");
    let found = crate::tui::palette::entries(&app, "#symptom");
    assert!(found[0].label.contains("orders are slow"), "{found:?}");
    press(&mut app, "<C-p>orders are slow<enter>");
    assert_eq!(crate::tui::update::cursor_ref(&app), Some(marked));
    // Search: a word only the note has finds nothing, until notes are included.
    press(&mut app, "g/are slow<enter>");
    assert!(app.panes.iter().all(|p| p.matches.is_empty()));
    press(&mut app, "#");
    assert!(app.notes.search_notes);
    assert_eq!(app.panes[0].matches.as_slice(), [marked.1 as u32]);
    press(&mut app, "gn");
    assert_eq!(crate::tui::update::cursor_ref(&app), Some(marked));
}

#[test]
fn notes_on_a_range_a_silence_and_a_goroutine_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "t17:22:00<enter>A");
    assert!(message(&app).contains("time range starts"));
    press(&mut app, "t17:21:10.5<enter>A");
    press(&mut app, "outage<C-s>");
    settle(&mut app);
    let n = notes_on_disk(&case).pop().expect("range note");
    let t = |s: &str| crate::case::model::parse_rfc3339(s).expect("time");
    assert_eq!(
        (n.at, n.until),
        (
            Some(t("2022-03-24T17:21:10.5Z")),
            Some(t("2022-03-24T17:22:00Z"))
        )
    );

    // The goroutine view's hook.
    notes_on_a_goroutine_group(&mut app, &case, dir.path());
}

/// `A` … `A` between records: the range runs from cursor time to cursor
/// time, not from the focused pane's record at or before each (api logs
/// nothing from 17:20:30 to 17:21:10.5, then from 17:22:00 to 17:23:05.1;
/// its records there would make the range 17:20:30 → 17:22:00, or 0s when
/// both ends fall in one quiet stretch).
#[test]
fn a_range_note_runs_between_the_cursor_times_not_the_records_before_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    let t = |s: &str| crate::case::model::parse_rfc3339(s).expect("time");
    press(&mut app, "t17:20:50<enter>A");
    assert!(
        message(&app).contains("starts at 17:20:50.000"),
        "{}",
        message(&app)
    );
    press(&mut app, "t17:22:40<enter>A");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("the second A opens the editor")
    };
    assert!(
        e.about.contains("17:20:50.000 → 17:22:40.000 (1m50s)"),
        "{}",
        e.about
    );
    press(&mut app, "db slow<C-s>");
    settle(&mut app);
    let n = notes_on_disk(&case).pop().expect("range note");
    assert_eq!(
        (n.at, n.until),
        (
            Some(t("2022-03-24T17:20:50Z")),
            Some(t("2022-03-24T17:22:40Z"))
        )
    );
    // Still on the record at or before its start, for the report to quote.
    assert_eq!(
        n.anchor.as_ref().and_then(|a| a.time),
        Some(t("2022-03-24T17:20:30Z"))
    );

    // Both ends in one quiet stretch of the focused pane.
    press(&mut app, "t17:22:10<enter>At17:22:50<enter>A");
    press(&mut app, "quiet<C-s>");
    settle(&mut app);
    let n = notes_on_disk(&case)
        .into_iter()
        .find(|n| n.text == "quiet")
        .expect("second range note");
    assert_eq!(
        (n.at, n.until),
        (
            Some(t("2022-03-24T17:22:10Z")),
            Some(t("2022-03-24T17:22:50Z"))
        )
    );
}

fn notes_on_a_goroutine_group(app: &mut App, case: &Path, dir: &Path) {
    let t = |s: &str| crate::case::model::parse_rfc3339(s).expect("time");
    let g = GoroutineGroup {
        pane: 1,
        at: Some(t("2022-03-24T17:23:00Z")),
        state: "chan receive".into(),
        count: 412,
        frames: vec!["main.worker (main.go:42)".into()],
        record: None,
    };
    apply(
        app,
        Action::Note(NoteAction::AnnotateGoroutines(Box::new(g))),
    );
    press(app, "leak<C-s>");
    settle(app);
    let n = notes_on_disk(case).pop().expect("group note");
    assert_eq!(
        n.about,
        Some(About::Goroutines {
            source: "db".into(),
            state: "chan receive".into(),
            count: 412,
            frames: vec!["main.worker (main.go:42)".into()],
        })
    );
    // The report quotes the group's stack.
    let md = report(app, dir);
    assert!(
        md.contains("412 goroutines in db: chan receive")
            && md.contains("main.worker (main.go:42)"),
        "{md}"
    );
}

#[test]
fn a_silence_gets_a_note_where_s_lands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("demo.casefile.json");
    let mut app = demo_app(200, 50);
    app.case = Some(crate::case::Writer::spawn(
        Store::open(&case).expect("case"),
    ));
    run_jobs(&mut app);
    press(&mut app, "s:note-silence<enter>");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("editor on the silence: {}", message(&app))
    };
    assert!(e.about.starts_with("silence: "), "{}", e.about);
    press(&mut app, "client went quiet<C-s>");
    settle(&mut app);
    let n = notes_on_disk(&case).pop().expect("silence note");
    let Some(About::Silence { source }) = &n.about else {
        panic!("{n:?}")
    };
    let s = app
        .silences
        .as_ref()
        .expect("analysed")
        .by_time()
        .into_iter()
        .find(|s| n.at == Some(s.gap.start))
        .expect("the silence");
    assert_eq!(source, &app.panes[s.source].name);
    assert_eq!(n.until, Some(s.gap.end));
    // The report says the finding is a silence, as `note list` does: it
    // quoted only the record before it, a range with a log line.
    let finding = report_finding(&mut app, dir.path(), "client went quiet");
    assert!(
        finding.contains(&format!("\n  _silence of {source}_\n")),
        "{finding}"
    );
    // From the silence list: the selected one (the first, by score).
    press(&mut app, "gQa");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("editor from the list: {}", message(&app))
    };
    let first = app.silences.as_ref().expect("analysed").silences[0].clone();
    assert_eq!(e.note.at, Some(first.gap.start), "{}", e.about);
}

/// A note on the silence (`s`, `:note-silence`) is written up with what a
/// reader needs beside it: the other sources' errors and warnings around its
/// start, as the silence list shows them (the kernel's inferred GPU HANG
/// first), with their times in the report's zone.
#[test]
fn a_silence_notes_finding_says_what_the_others_logged_around_its_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("demo.casefile.json");
    let mut specs = demo_specs();
    for s in &mut specs {
        s.settings.zone = Some(Zone::Fixed(0));
    }
    let mut app = super::case::app_with_specs(specs, &case);
    press(&mut app, "s:note-silence<enter>client went quiet<C-s>");
    settle(&mut app);
    let finding = report_finding(&mut app, dir.path(), "client went quiet");
    assert!(
        finding.contains("\n  _silence of kiosk-client_\n"),
        "{finding}"
    );
    let around = finding
        .split_once("  Other sources' errors and warnings within 10s of its start:\n")
        .map(|(_, a)| a)
        .unwrap_or_else(|| panic!("nothing said around the silence:\n{finding}"));
    let first = around.lines().nth(2).unwrap_or_default();
    assert!(
        first.starts_with("  2026-11-20 14:31:07.000 kern ER? ") && first.contains("GPU HANG"),
        "{around}"
    );
    assert!(around.contains(" backend WRN ws disconnect"), "{around}");
}

#[test]
fn a_failed_save_says_so_keeps_the_note_and_retries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, _) = setup(dir.path());
    let sub = dir.path().join("cases");
    std::fs::create_dir(&sub).expect("mkdir");
    let case = sub.join("t.casefile.json");
    let mut app = two(&api, &db, &case);
    std::fs::remove_dir(&sub).expect("the disk goes away");
    write_note(&mut app, "do not lose me");
    let m = message(&app);
    assert!(
        m.starts_with("NOT SAVED (1 change(s) kept in memory"),
        "{m}"
    );
    assert_eq!(app.case.as_ref().expect("case").case().notes.len(), 1);
    assert!(!m.contains("saved note"));
    std::fs::create_dir(&sub).expect("back");
    // The writer retries on its own; its next reply confirms the note.
    let rx = app.case.as_ref().expect("case").replies();
    loop {
        let r = rx.recv().expect("reply");
        let saved = matches!(r, crate::case::Reply::Saved { .. });
        update(&mut app, Msg::Case(r));
        if saved {
            break;
        }
    }
    assert!(message(&app).starts_with("saved note \"do not lose me\""));
    assert_eq!(notes_on_disk(&case).len(), 1);
}

#[test]
fn the_report_is_written_by_a_worker_and_named_on_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "t17:21:10.5<enter>");
    write_note(&mut app, "orders slow #symptom");
    press(&mut app, ":report<enter>");
    let want = dir.path().join("t.report.md");
    assert!(message(&app).contains(&want.display().to_string()));
    let rx = app.case.as_ref().expect("case").replies();
    let r = rx.recv().expect("report reply");
    update(&mut app, Msg::Case(r));
    assert_eq!(
        message(&app),
        format!("report written to {}", want.display())
    );
    // At 80 columns the status line still says where, the path given way
    // from its left: it said "report written to…".
    let deep = dir
        .path()
        .join("incident-2026-11-20-kiosk-07-gpu-hang-after-reconnect/reports");
    std::fs::create_dir_all(&deep).expect("mkdir");
    press(
        &mut app,
        &format!(":report {}/t.report.md<enter>", deep.display()),
    );
    let r = rx.recv().expect("report reply");
    update(&mut app, Msg::Case(r));
    app.size = (80, 24);
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default();
    assert!(
        status.contains("report written to …/reports/t.report.md"),
        "{status}"
    );
    let md = std::fs::read_to_string(&want).expect("report");
    assert!(md.contains("orders slow"), "{md}");
    assert!(
        md.contains("slow request GET /orders"),
        "quotes the record: {md}"
    );
}

fn quiet(app: &mut App) {
    app.message = None;
}

#[test]
fn snapshot_the_editor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    app.size = (100, 24);
    press(&mut app, "t17:21:10.5<enter>a");
    press(
        &mut app,
        "slow orders since 17:21<enter>pool exhausted? #db<A-2><tab>ops",
    );
    insta::assert_snapshot!(snapshot(&app));
    press(&mut app, "<esc>");
    insta::assert_snapshot!("snapshot_the_editor_asking", snapshot(&app));
}

#[test]
fn snapshot_the_notes_list_and_the_markers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    app.size = (100, 24);
    press(&mut app, "t17:21:10.5<enter>");
    write_note(&mut app, "slow orders<enter>second line<A-1>");
    press(&mut app, "<tab>t17:26:30<enter>");
    write_note(&mut app, "db restarted<A-4>");
    press(&mut app, "<tab>t17:22:00<enter>m");
    settle(&mut app);
    press(&mut app, "t17:21:10.5<enter>");
    quiet(&mut app);
    // The rows: ✎ on noted records, ▌ on the bookmark; ✎ on the overview's axis.
    insta::assert_snapshot!("markers", snapshot(&app));
    press(&mut app, "'");
    quiet(&mut app);
    insta::assert_snapshot!("notes_list", snapshot(&app));
    press(&mut app, "d");
    quiet(&mut app);
    insta::assert_snapshot!("notes_list_asking_to_delete", snapshot(&app));
}

#[test]
fn a_save_held_up_by_the_disk_does_not_hold_up_the_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    // Another process holds the case file's lock: the writer's save waits for it.
    let held = crate::case::lock::lock(&case, crate::case::lock::WAIT).expect("lock");
    press(&mut app, "t17:21:10.5<enter>a");
    press(&mut app, "written while the disk is busy<C-s>");
    // The keys were handled while the save waits: the screen goes on.
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        message(&app).starts_with("saving note"),
        "{}",
        message(&app)
    );
    press(&mut app, "j'");
    assert!(
        matches!(app.mode, Mode::Notes(_)),
        "the list opens meanwhile"
    );
    assert_eq!(
        app.case.as_ref().expect("case").unsaved(),
        1,
        "not claimed saved"
    );
    drop(held);
    settle(&mut app);
    assert!(message(&app).starts_with("saved note"), "{}", message(&app));
    assert_eq!(notes_on_disk(&case).len(), 1);
}

/// Issue 16 item 2: a note on a goroutine group, written from the goroutine
/// view with `n`: it names the group's state, size and stack, and anchors on
/// the group's first goroutine in the dump.
#[test]
fn n_in_the_goroutine_view_writes_a_note_on_the_selected_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dump = dir.path().join("goroutines.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt"),
        &dump,
    )
    .expect("copy");
    let case = dir.path().join("g.casefile.json");
    let mut app = app_with_case(&["goroutines"], vec![vec![dump]], &case);
    if !matches!(app.mode, Mode::Goroutines(_)) {
        press(&mut app, "d");
    }
    settle(&mut app);
    let (v, a) = (open_goroutine_view(&app), shown_analysis(&app).clone());
    let rows = crate::tui::goroutine_view::group_rows(&a, v);
    let g = &a.groups[a.ranked[rows.ranked[0]].group];
    let top = crate::tui::goroutine_view::headline(&a, g);
    press(&mut app, "n");
    assert!(
        matches!(app.mode, Mode::NoteEditor(_)),
        "n opens the editor: {:?}",
        app.mode
    );
    press(&mut app, "the leak<C-s>");
    settle(&mut app);
    let n = notes_on_disk(&case).pop().expect("a note on disk");
    assert_eq!(n.text, "the leak");
    let anchor = n
        .anchor
        .as_ref()
        .expect("anchored on a goroutine of the dump");
    let first = a.dump.goroutines[g.members[0] as usize].offset;
    assert_eq!(anchor.offset, first, "on the group's first goroutine");
    let Some(About::Goroutines {
        count,
        frames,
        source,
        ..
    }) = n.about
    else {
        panic!("about a goroutine group: {:?}", n.about)
    };
    assert_eq!(source, "goroutines");
    assert_eq!(count, g.count);
    assert!(
        frames.iter().any(|f| f.starts_with(&top)),
        "{top} in {frames:?}"
    );
}

/// A note on a time range says its range in the notes list, as the editor
/// did when it was written: once saved on the record at its start, the list
/// quoted that record alone and the range's end was said nowhere.
#[test]
fn the_notes_list_says_a_range_notes_range() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "t17:21:10.5<enter>At17:22:00<enter>A");
    assert!(matches!(app.mode, Mode::NoteEditor(_)), "{:?}", app.mode);
    press(&mut app, "outage<C-s>");
    settle(&mut app);
    press(&mut app, "'");
    let s = screen(&app);
    assert!(s.contains("→ 17:22:00.000"), "{s}");
    // At 80 columns the quoted record still shows: the list's header has
    // the source and the start already, so they are not said again.
    app.size = (80, 24);
    let s = screen(&app);
    let range = s
        .lines()
        .find(|l| l.contains("→ 17:22:00.000"))
        .unwrap_or_else(|| panic!("the range:\n{s}"));
    assert!(range.contains("WRN slow request GET /orders"), "{s}");
}

/// The notes list quotes a note's record as its row reads it: a JSON line as
/// `message  key=value …` (it was quoted as written, braces and quotes), a
/// text line without the stamp the list's own header shows, each after its
/// level; and a tag the note's text carries shows once, where it was typed.
#[test]
fn the_notes_list_quotes_records_as_rows_read_them_and_tags_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, _, case) = setup(dir.path());
    let events = dir.path().join("events.log");
    std::fs::copy(fixture("events"), &events).expect("copy");
    let mut app = app_with_case(&["events", "api"], vec![vec![events], vec![api]], &case);
    press(&mut app, "t17:21:40.25<enter>");
    write_note(&mut app, "rebalance storm #cause");
    press(&mut app, "<tab>t17:21:10.5<enter>");
    write_note(&mut app, "slow orders<A-1>");
    press(&mut app, "'");
    let s = screen(&app);
    let line = |needle: &str| {
        s.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}:\n{s}"))
            .to_string()
    };
    assert!(
        line("└").contains("└ WRN slow request GET /orders 1200ms"),
        "{s}"
    );
    assert!(!s.contains("{\"time\""), "JSON quoted as written:\n{s}");
    assert!(s.contains("└ WRN rebalance  reason="), "{s}");
    assert!(!s.contains("17:21:10.500 WARN"), "the stamp again:\n{s}");
    let noted = line("rebalance storm");
    assert_eq!(noted.matches("#cause").count(), 1, "{noted}");
    assert!(line("slow orders").contains("#symptom"), "{s}");
}

/// The palette lists a note with the tags its text does not carry: a tag
/// typed in the text showed twice (`note: storm #cause   #cause`).
#[test]
fn the_palette_shows_a_notes_tag_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    press(&mut app, "t17:21:10.5<enter>");
    write_note(&mut app, "rebalance storm #cause<A-1>");
    press(&mut app, "<C-p>rebalance");
    let s = screen(&app);
    let line = s
        .lines()
        .find(|l| l.contains("note: rebalance storm"))
        .unwrap_or_else(|| panic!("the note in the palette:\n{s}"));
    assert_eq!(line.matches("#cause").count(), 1, "{line}");
    assert!(line.contains("#symptom"), "the other tag: {line}");
}

/// Ctrl-C in the note editor was ignored without a word; it says how to
/// leave (the editor's own keys) and keeps what was typed.
#[test]
fn ctrl_c_in_the_editor_says_how_to_leave_and_keeps_the_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, db, case) = setup(dir.path());
    let mut app = two(&api, &db, &case);
    app.message = None;
    press(&mut app, "ahalf a thought<C-c>");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("still open")
    };
    assert_eq!(e.text(), "half a thought");
    assert!(!e.confirm_discard);
    let m = message(&app);
    assert!(
        m.contains("<esc> closes") && m.contains("<C-s> saves"),
        "{m}"
    );
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default();
    assert!(status.contains("<esc> closes"), "{status}");
}

/// `:report` written into `dir` (`r.md`), as written.
fn report(app: &mut App, dir: &std::path::Path) -> String {
    let out = dir.join("r.md");
    press(app, &format!(":report {}<enter>", out.display()));
    let rx = app.case.as_ref().expect("case").replies();
    let r = rx.recv().expect("report reply");
    update(app, Msg::Case(r));
    std::fs::read_to_string(&out).expect("report")
}

/// `:report` written into `dir`, and its finding holding `text`.
fn report_finding(app: &mut App, dir: &std::path::Path, text: &str) -> String {
    let md = report(app, dir);
    md.split("\n- **")
        .find(|f| f.contains(text))
        .unwrap_or_else(|| panic!("the finding:\n{md}"))
        .to_string()
}
