//! The disk is looked at by the watcher's thread only: the screen's thread
//! applies what the watcher saw, so a hung mount or a slow disk never
//! freezes it.

use super::reload::LINES;
use super::*;
use crate::source::data::disk_looks;
use crate::tui::app::Load;

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

/// Every view drawn over the demo's sources (jobs left to their workers):
/// no look at the disk on the screen's thread either.
#[test]
fn no_view_looks_at_the_disk() {
    let mut app = demo_app(120, 40);
    let before = disk_looks::on_this_thread();
    for keys in [
        "Q", "q", "p", "q", "'", "q", "!", "!", "?", "?", "M", "M", "G", "g",
    ] {
        press(&mut app, keys);
        let _ = screen(&app);
    }
    press(&mut app, ":focus goroutines<enter>d");
    let _ = screen(&app);
    assert_eq!(disk_looks::on_this_thread(), before);
}

/// The screen over `specs`, each read by the real loader as at start (a
/// file missing fails its pane).
fn opened(specs: &[SourceSpec]) -> App {
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &test_view(),
        false,
    );
    app.size = (120, 20);
    for (id, spec) in specs.iter().enumerate() {
        super::reload::read_again(&mut app, id, spec);
    }
    app
}

/// `casefile app.log kernel.log` before app.log is made: its pane failed.
/// Once the file is there the watcher's look says so, once, the title
/// shows it, and `R` reads it.
#[test]
fn a_file_missing_at_start_is_said_when_it_exists_and_read_with_r() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    let specs = vec![
        file_spec("app", path.clone()),
        written_spec(dir.path(), "kernel", LINES),
    ];
    let mut app = opened(&specs);
    assert!(matches!(app.panes[0].load, Load::Failed(_)));
    look(&mut app, &specs);
    assert_eq!(app.panes[0].on_disk, None, "not there yet");

    std::fs::write(&path, LINES).expect("write");
    app.message = None;
    look(&mut app, &specs);
    assert_eq!(
        message(&app),
        format!("{} exists now: R reads it", path.display())
    );
    assert!(screen(&app).contains("exists now (R)"), "{}", screen(&app));
    app.message = None;
    look(&mut app, &specs);
    assert_eq!(message(&app), "", "said once");

    press(&mut app, "R");
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    super::reload::read_again(&mut app, 0, &specs[0]);
    assert_eq!(app.source(0).map(|s| s.index.len()), Some(3));
    assert_eq!(message(&app), "app read: 3 records");
    assert!(screen(&app).contains("tick 2"), "{}", screen(&app));
    assert!(!screen(&app).contains("(R)"), "{}", screen(&app));

    // Read, it is watched as any file: it grows.
    append(&path, "2026-11-23T14:00:03Z ERROR lost the GPU\n");
    look(&mut app, &specs);
    assert_eq!(
        app.panes[0].on_disk,
        Some(crate::source::DiskChange::Grew(40))
    );
}

/// Following, a file made after start is read by itself, as `tail -F`
/// does; standard input and commands that failed are not looked for.
#[test]
fn following_reads_a_file_made_after_start_by_itself() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    let specs = vec![
        file_spec("app", path.clone()),
        written_spec(dir.path(), "kernel", LINES),
    ];
    let mut app = opened(&specs);
    press(&mut app, "F");
    look(&mut app, &specs);
    assert!(app.reloads.is_empty());
    std::fs::write(&path, LINES).expect("write");
    look(&mut app, &specs);
    assert_eq!(
        message(&app),
        format!("{} exists now: reading it", path.display())
    );
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    app.message = None;
    super::reload::read_again(&mut app, 0, &specs[0]);
    assert_eq!(app.source(0).map(|s| s.index.len()), Some(3));
    assert_eq!(message(&app), "", "following reads quietly");

    let command = SourceSpec {
        name: "cmd".into(),
        input: crate::source::Input::Command("no-such-program-here".into()),
        settings: crate::source::Settings::default(),
    };
    let mut app = unloaded_app(&["cmd"]);
    update(
        &mut app,
        Msg::Load(Box::new(crate::loader::LoadEvent::Failed {
            id: 0,
            name: "cmd".into(),
            error: crate::error::Error::Invalid {
                name: "cmd".into(),
                message: "printed nothing".into(),
            },
        })),
    );
    assert!(matches!(app.panes[0].load, Load::Failed(_)));
    assert!(crate::tui::watch::list(&app, &[command]).is_empty());
}

/// A frame drawn after a file was cut shorter, before the watcher's next
/// size look (within 100 ms): the screen recovers the fault as headless
/// commands do (a page of zeros in place of the one the file lost) instead
/// of ending; the look then stops reads at the new end and says so.
#[test]
fn a_frame_before_the_watchers_look_survives_a_file_cut_shorter() {
    crate::tui::terminal::recover_faults();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(&path, LINES).expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 20, false);
    std::fs::write(&path, "").expect("truncate");
    let _ = screen(&app);
    look(&mut app, std::slice::from_ref(&spec));
    let warnings = &app.source(0).expect("source").warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("the file shrank to 0 bytes")),
        "{warnings:?}"
    );
    assert!(
        screen(&app).contains("no longer in the file"),
        "{}",
        screen(&app)
    );
}

/// A file that failed at start for what it holds (binary data), not for
/// being missing or unreadable, is no file that "exists now": nothing to say
/// of it until it changes.
#[test]
fn a_file_that_failed_for_its_content_is_not_said_to_exist_now() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("random.bin");
    let noise: Vec<u8> = (0..20_000u32)
        .map(|k| (k.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &noise).expect("write");
    let specs = vec![
        file_spec("random", path.clone()),
        written_spec(dir.path(), "kernel", LINES),
    ];
    let mut app = opened(&specs);
    assert!(matches!(app.panes[0].load, Load::Failed(_)));
    app.message = None;
    look(&mut app, &specs);
    assert_eq!(app.panes[0].on_disk, None);
    assert!(!message(&app).contains("exists now"), "{}", message(&app));
    assert!(!screen(&app).contains("exists now"), "{}", screen(&app));
}
