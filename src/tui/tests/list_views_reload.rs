//! `R` and `F` in the list views (silence list, pattern view, goroutine
//! view, note list): they read again what changed on disk, as in the panes,
//! and the view stays open on what it had selected.

use super::reload::read_again;
use super::*;
use crate::tui::app::Mode;

fn line(s: usize, what: &str) -> String {
    format!(
        "2026-12-04T14:{:02}:{:02}Z INFO {what}\n",
        s / 60 % 60,
        s % 60
    )
}

/// (source, start) of the silence selected in the silence list.
fn selected_silence(app: &App) -> (usize, i64) {
    let Mode::Silences { list, by_time } = &app.mode else {
        panic!("not in the silence list: {:?}", app.mode);
    };
    let a = app.silences.as_ref().expect("analysis");
    match crate::tui::silence_list::items(a, *by_time)[list.selected] {
        crate::tui::silence_list::Item::Silence(k) => {
            (a.silences[k].source, a.silences[k].gap.start)
        }
        crate::tui::silence_list::Item::Quiet(k) => (usize::MAX, a.quiet_periods[k].0),
    }
}

/// A log that grew, `R` in the silence list: read again, the list still
/// open on the silence it was on; its help lists the key.
#[test]
fn r_in_the_silence_list_reads_a_grown_log_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let a_text: String = (0..120)
        .chain(180..300)
        .map(|s| line(s, &format!("a tick {s}")))
        .collect();
    std::fs::write(&a, a_text).expect("write");
    let b_text: String = (0..1800)
        .step_by(5)
        .map(|s| line(s, &format!("b tick {s}")))
        .collect();
    std::fs::write(&b, b_text).expect("write");
    let specs = vec![file_spec("a", a.clone()), file_spec("b", b)];
    let mut app = loaded(specs.clone(), 120, 30, false);
    run_jobs(&mut app);
    press(&mut app, "Qj");
    let chosen = selected_silence(&app);
    let more: String = (1500..1560)
        .map(|s| line(s, &format!("a tick {s}")))
        .collect();
    append(&a, &more);
    look(&mut app, &specs);

    press(&mut app, "R");
    assert_eq!(message(&app), "reading a again…");
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &specs[0]);
    assert_eq!(app.source(0).map(|s| s.index.len()), Some(300));
    assert_eq!(message(&app), "a read again: 300 records (+60)");
    assert_eq!(selected_silence(&app), chosen, "{}", screen(&app));

    press(&mut app, "?");
    assert!(screen(&app).contains("silences-reload"), "{}", screen(&app));
}

/// A log rotated (renamed away, a new one made), `R` in the pattern view:
/// the new file is read and mined, the view still on its template.
#[test]
fn r_in_the_pattern_view_reads_a_rotated_log_and_keeps_its_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.log");
    let kinds = [
        "user {} logged in",
        "disk usage {} percent",
        "cache miss {}",
    ];
    let text = |n: usize| -> String {
        (0..n)
            .map(|i| line(i, &kinds[i % 3].replace("{}", &i.to_string())))
            .collect()
    };
    std::fs::write(&path, text(60)).expect("write");
    let spec = file_spec("a", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    run_jobs(&mut app);
    press(&mut app, "p");
    let selected = |app: &App| match &app.mode {
        Mode::Patterns(v) => {
            let rows = crate::tui::pattern_list::rows(app, v);
            crate::tui::pattern_list::text(app, &rows[v.list.selected]).to_string()
        }
        m => panic!("not in the pattern view: {m:?}"),
    };
    while selected(&app) != "cache miss <*>" {
        press(&mut app, "j");
    }
    std::fs::rename(&path, dir.path().join("a.log.1")).expect("rename");
    std::fs::write(&path, text(90)).expect("write");
    look(&mut app, std::slice::from_ref(&spec));
    press(&mut app, "R");
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(app.source(0).map(|s| s.index.len()), Some(90));
    assert!(screen(&app).contains("    30 "), "{}", screen(&app));
    assert_eq!(selected(&app), "cache miss <*>", "{}", screen(&app));
}

/// A dump file cut shorter and written again in place (copytruncate), `F`
/// in the goroutine view: following reads it by itself, the view open.
#[test]
fn f_in_the_goroutine_view_follows_a_dump_file_cut_shorter() {
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
    assert_eq!(total(&app), 155, "only dumps: the view opens at once");
    let first_two = demo
        .match_indices("\n\ngoroutine ")
        .nth(1)
        .map_or(demo.as_str(), |(at, _)| &demo[..at + 1]);
    std::fs::write(&path, first_two).expect("truncate and write");
    look(&mut app, std::slice::from_ref(&spec));
    press(&mut app, "F");
    assert!(app.follow);
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert!(matches!(app.mode, Mode::Goroutines(_)), "{:?}", app.mode);
    assert_eq!(total(&app), 2, "{}", screen(&app));
}

/// `R` and `F` in the note list: the log is read again, the list stays.
#[test]
fn r_and_f_in_the_note_list_read_and_follow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.log");
    std::fs::write(&path, line(0, "start") + &line(1, "tick 1")).expect("write");
    let spec = file_spec("a", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    press(&mut app, "'");
    assert!(matches!(app.mode, Mode::Notes(_)), "{:?}", app.mode);
    append(&path, &line(2, "tick 2"));
    look(&mut app, std::slice::from_ref(&spec));
    press(&mut app, "R");
    assert_eq!(std::mem::take(&mut app.reloads), vec![0]);
    read_again(&mut app, 0, &spec);
    assert_eq!(message(&app), "a read again: 3 records (+1)");
    assert!(matches!(app.mode, Mode::Notes(_)), "{:?}", app.mode);

    press(&mut app, "F");
    assert_eq!(
        message(&app),
        "following: files read again as they grow (F stops)"
    );
    assert!(matches!(app.mode, Mode::Notes(_)), "{:?}", app.mode);
}
