//! A log that grows or is rotated while it is open: the pane says so, and `R`
//! reads it again in the background, the old source shown until the new one
//! is in, the cursor's time kept.

use super::*;
use crate::source::DiskChange;
use crate::tui::app::Load;

/// Three lines a second apart, as the logs these tests grow begin.
pub(super) const LINES: &str = "\
2026-11-23T14:00:00Z INFO start
2026-11-23T14:00:01Z INFO tick 1
2026-11-23T14:00:02Z INFO tick 2
";

/// An app over `app.log` in `dir`, written with `text` and read.
fn app_over(dir: &std::path::Path, text: &str) -> (PathBuf, SourceSpec, App) {
    let path = dir.join("app.log");
    std::fs::write(&path, text).expect("write");
    let spec = file_spec("app", path.clone());
    let app = loaded(vec![spec.clone()], 120, 20, false);
    (path, spec, app)
}

fn records(app: &App) -> usize {
    app.source(0).map_or(0, |s| s.index.len())
}

#[test]
fn a_log_that_grew_is_read_again_with_r() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);
    press(&mut app, "G");
    let cursor = app.cursor;

    // Nothing changed: R says so (once the watcher looked) and reads nothing.
    press(&mut app, "R");
    look(&mut app, std::slice::from_ref(&spec));
    assert!(
        message(&app).starts_with("no source's file changed"),
        "{}",
        message(&app)
    );
    assert!(
        crate::tui::update::take_effects(&mut app)
            .reloads
            .is_empty()
    );

    // The log grows: the next tick says so, once, and the title shows it.
    append(&path, "2026-11-23T14:00:03Z ERROR lost the GPU\n");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.panes[0].on_disk, Some(DiskChange::Grew(40)));
    assert!(
        message(&app).contains("app grew by 40 bytes since it was read: R reads it again"),
        "{}",
        message(&app)
    );
    app.message = None;
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(message(&app), "", "said once");
    assert!(
        screen(&app).contains("grew 40 bytes (R)"),
        "{}",
        screen(&app)
    );

    // R asks the loader to read it again; until the new source is in, the
    // old one stays shown.
    press(&mut app, "R");
    assert_eq!(crate::tui::update::take_effects(&mut app).reloads, vec![0]);
    assert!(app.panes[0].reloading);
    assert_eq!(message(&app), "reading app again…");
    update(
        &mut app,
        Msg::Load(Box::new(crate::loader::LoadEvent::Opened {
            id: 0,
            parts: std::sync::Arc::new(crate::source::Parts(Vec::new())),
        })),
    );
    assert_eq!(
        records(&app),
        3,
        "the old source stays while the new one is read"
    );
    assert!(matches!(app.panes[0].load, Load::Ready));
    assert!(screen(&app).contains("reading again"), "{}", screen(&app));

    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 4);
    assert!(!app.panes[0].reloading);
    assert_eq!(app.panes[0].on_disk, None);
    assert_eq!(message(&app), "app read again: 4 records (+1)");
    assert_eq!(app.cursor, cursor, "the cursor keeps its time");
    press(&mut app, "G");
    assert!(screen(&app).contains("lost the GPU"), "{}", screen(&app));
    assert!(!screen(&app).contains("(R)"));
}

#[test]
fn a_rotated_log_is_said_and_its_new_file_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);

    // Renamed away: nothing at the path yet, nothing to say.
    std::fs::rename(&path, dir.path().join("app.log.1")).expect("rename");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.panes[0].on_disk, None);
    std::fs::write(&path, "2026-11-23T14:05:00Z INFO new file\n").expect("write");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.panes[0].on_disk, Some(DiskChange::Replaced));
    assert!(
        message(&app).contains("app: another file is at its path now (rotated?)"),
        "{}",
        message(&app)
    );
    assert!(screen(&app).contains("replaced (R)"), "{}", screen(&app));

    // A read that fails keeps what was read before.
    press(&mut app, "R");
    crate::tui::update::take_effects(&mut app);
    update(
        &mut app,
        Msg::Load(Box::new(crate::loader::LoadEvent::Failed {
            id: 0,
            name: "app".into(),
            error: crate::error::Error::Invalid {
                name: "app".into(),
                message: "gone".into(),
            },
        })),
    );
    assert_eq!(records(&app), 3);
    assert!(
        message(&app).contains("could not be read again"),
        "{}",
        message(&app)
    );
    assert!(!app.panes[0].reloading);

    press(&mut app, "R");
    assert_eq!(crate::tui::update::take_effects(&mut app).reloads, vec![0]);
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 1);
    assert_eq!(message(&app), "app read again: 1 record (−2)");
}

/// A goroutine dump taken again over the same file: `R` reads the new one,
/// and the goroutine view shows it, not what it had read of the old one.
#[test]
fn a_dump_taken_again_is_shown_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("goroutines.txt");
    let demo = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt"),
    )
    .expect("demo dump");
    std::fs::write(&path, &demo).expect("write");
    let spec = file_spec("goroutines", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    run_jobs(&mut app);
    let total = |app: &App| {
        let a = shown_analysis(app);
        a.groups.iter().map(|g| g.count).sum::<u64>()
    };
    assert_eq!(total(&app), 155);

    // The program's next dump: its first two goroutines only.
    let second = demo
        .match_indices("\n\ngoroutine ")
        .nth(1)
        .map_or(demo.as_str(), |(at, _)| &demo[..at + 1]);
    std::fs::rename(&path, dir.path().join("goroutines.txt.1")).expect("rename");
    std::fs::write(&path, second).expect("write");
    press(&mut app, "q");
    look(&mut app, std::slice::from_ref(&spec));
    press(&mut app, "R");
    assert_eq!(app.reloads, vec![0]);
    app.reloads.clear();
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    press(&mut app, "d");
    assert_eq!(total(&app), 2);
}

/// `F`: a log that grows is read again by itself, and a cursor at the end
/// of the logs stays at the end, as `tail -f` does; one elsewhere stays put.
#[test]
fn following_reads_a_growing_log_and_keeps_the_end_in_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);
    press(&mut app, "F");
    assert_eq!(
        message(&app),
        "following: files read again as they grow (F stops)"
    );
    press(&mut app, "G");
    assert!(screen(&app).contains("following"), "{}", screen(&app));

    append(&path, "2026-11-23T14:00:03Z ERROR lost the GPU\n");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.reloads, vec![0], "read again without R");
    app.reloads.clear();
    app.message = None;
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 4);
    assert_eq!(message(&app), "", "following reads quietly");
    assert_eq!(spot(&app), (0, 3), "the cursor followed the end");

    // Elsewhere in the logs, the cursor stays where it is.
    press(&mut app, "g");
    let cursor = app.cursor;
    app.follow_next = None;
    append(&path, "2026-11-23T14:00:04Z INFO back\n");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.reloads, vec![0]);
    app.reloads.clear();
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 5);
    assert_eq!(app.cursor, cursor);

    // Not again before the wait after a read is over; F stops following.
    append(&path, "2026-11-23T14:00:05Z INFO more\n");
    look(&mut app, std::slice::from_ref(&spec));
    assert!(
        app.reloads.is_empty(),
        "within the wait after the last read"
    );
    // Rotated: the new file waits for R (reading it would take what the
    // pane shows out of sight), and the status line says so.
    app.follow_next = None;
    std::fs::rename(&path, dir.path().join("app.log.1")).expect("rename");
    std::fs::write(&path, "2026-11-23T14:05:00Z INFO new file\n").expect("write");
    look(&mut app, std::slice::from_ref(&spec));
    assert!(app.reloads.is_empty());
    assert!(
        message(&app).contains("another file is at its path now"),
        "{}",
        message(&app)
    );
    press(&mut app, "F");
    assert_eq!(message(&app), "not following: R reads grown files again");
    app.follow_next = None;
    look(&mut app, std::slice::from_ref(&spec));
    assert!(app.reloads.is_empty());
    assert!(screen(&app).contains("(R)"), "{}", screen(&app));
}

/// Read again, a source's load warnings (a zone assumed) and the notes or
/// bookmarks that stay detached are not said again: following a log would
/// say them every two seconds.
#[test]
fn what_was_said_of_a_source_is_not_said_again_when_it_is_read_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(
        &path,
        "2026-11-23 14:00:00 INFO start\n2026-11-23 14:00:01 INFO tick 1\n",
    )
    .expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 20, false);
    let warned = |app: &App| app.messages.iter().filter(|m| m.0.contains("zone")).count();
    assert_eq!(warned(&app), 1, "{:?}", app.messages);
    press(&mut app, "F");
    for i in 2..5 {
        append(&path, &format!("2026-11-23 14:00:0{i} INFO tick {i}\n"));
        app.follow_next = None;
        look(&mut app, std::slice::from_ref(&spec));
        assert_eq!(app.reloads, vec![0]);
        app.reloads.clear();
        update(&mut app, done(0, &spec));
        run_jobs(&mut app);
    }
    assert_eq!(records(&app), 5);
    assert_eq!(warned(&app), 1, "{:?}", app.messages);
}

/// logrotate's copytruncate: the file emptied in place and written again.
/// Said, marked `shrank (R)`; following reads it again by itself, as
/// `tail -F` does (what was read is gone from the file already).
#[test]
fn a_log_cut_shorter_in_place_is_said_and_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);
    std::fs::write(&path, "2026-11-23T14:10:00Z INFO after the copy\n").expect("truncate");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.panes[0].on_disk, Some(DiskChange::Shrank));
    assert!(
        message(&app).contains("app was cut shorter since it was read (copytruncate?)"),
        "{}",
        message(&app)
    );
    assert!(screen(&app).contains("shrank (R)"), "{}", screen(&app));
    press(&mut app, "F");
    assert_eq!(app.reloads, vec![0], "following reads it again");
    app.reloads.clear();
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 1);
}

/// copytruncate while following, the cursor at the end: the file read empty,
/// then written again. The cursor stayed at the old end (the overview's `◀`),
/// as "at the end" of logs with no record was false, and the status line
/// went on saying `app: empty: the source has no lines` beside the new
/// records. It follows the end, and what was said of the empty file goes.
#[test]
fn a_followed_log_emptied_and_written_again_keeps_the_end_in_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);
    press(&mut app, "GF");
    std::fs::write(&path, "").expect("truncate");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.reloads, vec![0], "following reads it again");
    app.reloads.clear();
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 0);
    assert!(message(&app).contains("app: empty"), "{}", message(&app));

    app.follow_next = None;
    append(
        &path,
        "2026-11-23T15:00:00Z INFO back\n2026-11-23T15:00:01Z INFO on\n",
    );
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.reloads, vec![0]);
    app.reloads.clear();
    update(&mut app, done(0, &spec));
    run_jobs(&mut app);
    assert_eq!(records(&app), 2);
    let last = app.source(0).and_then(|s| s.time(1));
    assert_eq!(Some(app.cursor), last, "the cursor followed the end");
    assert!(!message(&app).contains("empty"), "{}", message(&app));
}

/// Reads a source again as the event loop does: the real loader on `spec`,
/// given the pane's source as read, its events handed to `update` until the
/// read is over; the jobs they ask for are left queued.
pub(super) fn read_again_queued(app: &mut App, id: usize, spec: &crate::source::SourceSpec) {
    let (tx, rx) = crossbeam_channel::unbounded();
    let previous = app.panes[id].source.clone();
    let opts = crate::source::test_support::options();
    crate::loader::read_again(id, spec.clone(), opts, previous, &tx);
    drop(tx);
    for ev in rx {
        update(app, Msg::Load(Box::new(ev)));
    }
}

/// `read_again_queued`, then the jobs run.
pub(super) fn read_again(app: &mut App, id: usize, spec: &crate::source::SourceSpec) {
    read_again_queued(app, id, spec);
    run_jobs(app);
}

/// A followed log deleted after it grew (its program stopped, a cleanup ran):
/// the pane keeps what it read and says so once, not every two seconds.
#[test]
fn a_followed_log_deleted_is_said_once_and_not_read_again_and_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);
    press(&mut app, "F");
    append(&path, "2026-11-23T14:00:03Z ERROR lost the GPU\n");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(app.reloads, vec![0]);
    app.reloads.clear();
    // Deleted before the read opens it.
    std::fs::remove_file(&path).expect("remove");
    read_again(&mut app, 0, &spec);
    assert_eq!(records(&app), 3, "the pane keeps what it read");
    for _ in 0..3 {
        app.follow_next = None;
        look(&mut app, std::slice::from_ref(&spec));
        let asked = std::mem::take(&mut app.reloads);
        for id in asked {
            read_again(&mut app, id, &spec);
        }
    }
    let failed = app
        .messages
        .iter()
        .filter(|m| m.0.contains("could not be read again"))
        .count();
    assert_eq!(failed, 1, "{:?}", app.messages);
    assert!(!screen(&app).contains("grew"), "{}", screen(&app));
}

/// A source that stopped logging starts again, and is read again: its
/// silence closes, and the work over the new read (silences, then
/// templates) does not mix the templates mined from the old read with the
/// new one's records (the precursor job indexed past them and panicked).
#[test]
fn a_silent_source_that_resumes_is_read_again_with_its_silences_and_templates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let lines = |step: usize, to: usize, who: &str| -> String {
        (0..to)
            .step_by(step)
            .map(|i| {
                format!(
                    "2026-12-04T14:{:02}:{:02}Z INFO {who} tick {i}\n",
                    i / 60,
                    i % 60
                )
            })
            .collect()
    };
    std::fs::write(&a, lines(1, 120, "a")).expect("write");
    std::fs::write(&b, lines(5, 1800, "b")).expect("write");
    let specs = vec![file_spec("a", a.clone()), file_spec("b", b.clone())];
    let mut app = loaded(specs.clone(), 120, 30, false);
    run_jobs(&mut app);
    let silences_of_a = |app: &App| {
        app.silences
            .as_ref()
            .map(|s| s.silences.iter().filter(|s| s.source == 0).count())
    };
    assert_eq!(silences_of_a(&app), Some(1), "a never came back");
    assert!(app.patterns.is_some());

    press(&mut app, "F");
    append(
        &a,
        "2026-12-04T14:20:00Z INFO a back\n2026-12-04T14:20:01Z INFO a back\n",
    );
    look(&mut app, &specs);
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &specs[0]);
    assert_eq!(records(&app), 122);
    assert_eq!(
        silences_of_a(&app),
        Some(2),
        "a came back at 14:20, then stopped again"
    );
    let mined = app.patterns.as_ref().expect("mined again");
    assert_eq!(
        mined.patterns[0].ids.len(),
        122,
        "templates of the new read"
    );
}

/// Following with the pane filtered to a template, the cursor at the end:
/// the new records that pass the filter come in after the read (filtered
/// again, then once more when the new read is mined), and the cursor goes
/// on to the last of them, as it does without a filter.
#[test]
fn following_a_filtered_pane_keeps_the_cursor_at_its_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.log");
    let lines = |from: usize, to: usize| -> String {
        (from..to)
            .map(|i| {
                let what = if i % 2 == 1 {
                    format!("user {i} logged in")
                } else {
                    format!("disk usage {i} percent")
                };
                format!("2026-12-04T14:{:02}:{:02}Z INFO {what}\n", i / 60, i % 60)
            })
            .collect()
    };
    std::fs::write(&path, lines(0, 40)).expect("write");
    let spec = file_spec("a", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 20, false);
    run_jobs(&mut app);
    press(&mut app, "p");
    let view = screen(&app);
    assert!(view.contains("disk usage <*> percent"), "{view}");
    // The first template in the list: which one is a tie; filter to it.
    press(&mut app, "<enter>");
    run_jobs(&mut app);
    press(&mut app, "F");
    press(&mut app, "G");
    let kept = screen(&app);
    let template = if kept.contains("disk usage 38 percent") {
        "disk usage 58 percent"
    } else {
        "user 59 logged in"
    };
    append(&path, &lines(40, 60));
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(records(&app), 60);
    let last = app.source(0).map(|s| s.index.len()).unwrap_or(0) - 1;
    let want = if template.starts_with("disk") {
        last - 1
    } else {
        last
    };
    assert_eq!(spot(&app), (0, want), "{}", screen(&app));
    assert!(screen(&app).contains(template), "{}", screen(&app));
}

/// `R` while following (a rotated log waits for it): the read it asked for
/// ends with its message, as without `F`; "reading app again…" does not
/// stay in the status line after the read is in.
#[test]
fn r_while_following_says_when_its_read_is_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, spec, mut app) = app_over(dir.path(), LINES);
    press(&mut app, "F");
    std::fs::rename(&path, dir.path().join("app.log.1")).expect("rename");
    std::fs::write(&path, "2026-11-23T14:05:00Z INFO new file\n").expect("write");
    look(&mut app, std::slice::from_ref(&spec));
    press(&mut app, "R");
    assert_eq!(message(&app), "reading app again…");
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(message(&app), "app read again: 1 record (−2)");

    // What following reads by itself stays quiet.
    app.message = None;
    app.follow_next = None;
    append(&path, "2026-11-23T14:05:01Z INFO more\n");
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(records(&app), 2);
    assert_eq!(message(&app), "");
}

/// The pattern view open while a followed log is read again and mined anew:
/// the selection stays on the template it was on, though the counts
/// reorder the list.
#[test]
fn the_pattern_view_keeps_its_template_selected_when_a_read_is_mined() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.log");
    let line =
        |i: usize, what: &str| format!("2026-12-04T14:{:02}:{:02}Z INFO {what}\n", i / 60, i % 60);
    let kinds = [
        "user {} logged in",
        "disk usage {} percent",
        "cache miss {}",
    ];
    let text: String = (0..60)
        .map(|i| line(i, &kinds[i % 3].replace("{}", &i.to_string())))
        .collect();
    std::fs::write(&path, text).expect("write");
    let spec = file_spec("a", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    run_jobs(&mut app);
    press(&mut app, "Fp");
    let selected = |app: &App| match &app.mode {
        crate::tui::app::Mode::Patterns(v) => {
            let rows = crate::tui::pattern_list::rows(app, v);
            crate::tui::pattern_list::text(app, &rows[v.list.selected]).to_string()
        }
        m => panic!("not in the pattern view: {m:?}"),
    };
    while selected(&app) != "cache miss <*>" {
        press(&mut app, "j");
    }
    let more: String = (60..100)
        .map(|i| line(i, &format!("cache miss {i}")))
        .collect();
    append(&path, &more);
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(records(&app), 100);
    assert!(
        screen(&app).contains("    60 "),
        "mined anew: {}",
        screen(&app)
    );
    assert_eq!(selected(&app), "cache miss <*>", "{}", screen(&app));
}

/// The silence list open while a followed source is read again: the
/// selection stays on the silence it was on (same source, same start),
/// though the new silences rank around it.
#[test]
fn the_silence_list_keeps_its_silence_selected_when_a_read_is_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let at = |s: usize, who: &str| {
        format!(
            "2026-12-04T14:{:02}:{:02}Z INFO {who} tick {s}\n",
            s / 60,
            s % 60
        )
    };
    // a: quiet from 14:02 to 14:03, then from 14:05 on; b throughout.
    let a_text: String = (0..120).chain(180..300).map(|s| at(s, "a")).collect();
    std::fs::write(&a, a_text).expect("write");
    std::fs::write(
        &b,
        (0..1800).step_by(5).map(|s| at(s, "b")).collect::<String>(),
    )
    .expect("write");
    let specs = vec![file_spec("a", a.clone()), file_spec("b", b.clone())];
    let mut app = loaded(specs.clone(), 120, 30, false);
    run_jobs(&mut app);
    press(&mut app, "FQ");
    let selected = |app: &App| match &app.mode {
        crate::tui::app::Mode::Silences { list, by_time } => {
            let a = app.silences.as_ref().expect("analysis");
            match crate::tui::silence_list::items(a, *by_time)[list.selected] {
                crate::tui::silence_list::Item::Silence(k) => {
                    (a.silences[k].source, a.silences[k].gap.start)
                }
                crate::tui::silence_list::Item::Quiet(k) => (usize::MAX, a.quiet_periods[k].0),
            }
        }
        m => panic!("not in the silence list: {m:?}"),
    };
    // The one that ended (14:01:59 to 14:03): below the one never ended.
    press(&mut app, "j");
    let chosen = selected(&app);
    assert_eq!(chosen.0, 0);
    // a comes back for a while and stops again: a long silence ranks first.
    let more: String = (1500..1560).map(|s| at(s, "a")).collect();
    append(&a, &more);
    look(&mut app, &specs);
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &specs[0]);
    assert_eq!(records(&app), 300);
    assert_eq!(selected(&app), chosen, "{}", screen(&app));
}

/// A file the program appends its goroutine dumps to, followed, the
/// goroutine view open on an earlier dump: when the next dump is read the
/// view still shows the dump it was on, not "reading 0 bytes" for ever.
#[test]
fn the_goroutine_view_on_an_earlier_dump_is_shown_again_after_a_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("goroutines.txt");
    let demo = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt"),
    )
    .expect("demo dump");
    // The program's later dumps: its first goroutines only.
    let first = |n: usize| {
        demo.match_indices("\n\ngoroutine ")
            .nth(n - 1)
            .map_or(demo.as_str(), |(at, _)| &demo[..at + 1])
            .to_string()
    };
    std::fs::write(&path, format!("{demo}\n{}", first(1))).expect("write");
    let spec = file_spec("goroutines", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    run_jobs(&mut app);
    // Only dumps: the view opens at once; F is a key of the panes.
    press(&mut app, "qFd");
    run_jobs(&mut app);
    assert!(app.follow);
    press(&mut app, "{");
    run_jobs(&mut app);
    let total = |app: &App| {
        let a = shown_analysis(app);
        a.groups.iter().map(|g| g.count).sum::<u64>()
    };
    assert_eq!(total(&app), 155, "the first dump");
    append(&path, &format!("\n{}", first(2)));
    look(&mut app, std::slice::from_ref(&spec));
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(total(&app), 155, "{}", screen(&app));
}
