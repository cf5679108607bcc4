//! A log that grew, read again (`R`, following): read on from where the
//! last read stopped, its new records mined on from there, and the other
//! sources' templates kept as mined.

use std::sync::Arc;

use super::*;

/// A text log over format detection's sample: request lines of a few
/// shapes, one a second.
fn big_log() -> String {
    let mut text = String::new();
    let mut k = 0u32;
    while text.len() < 400 << 10 {
        let (m, s) = (k / 60 % 60, k % 60);
        let line = match k % 3 {
            0 => format!(
                "2026-11-23T14:{m:02}:{s:02}Z INFO GET /api/items/{k} 200 in {}ms\n",
                k % 97
            ),
            1 => format!(
                "2026-11-23T14:{m:02}:{s:02}Z WARN slow query took {}ms rows={k}\n",
                k % 89
            ),
            _ => format!(
                "2026-11-23T14:{m:02}:{s:02}Z INFO cache hit ratio 0.{:02}\n",
                k % 100
            ),
        };
        text.push_str(&line);
        k += 1;
    }
    text
}

#[test]
fn a_grown_log_is_read_and_mined_on_and_the_others_are_not_mined_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app_path = dir.path().join("app.log");
    std::fs::write(&app_path, big_log()).expect("write");
    let app_spec = file_spec("app", app_path.clone());
    let kern = written_spec(
        dir.path(),
        "kern",
        "2026-11-23T14:00:05Z kernel: usb 1-1: new device\n2026-11-23T14:03:00Z kernel: eth0 link up\n",
    );
    let mut app = loaded(vec![app_spec.clone(), kern], 120, 30, false);
    run_jobs(&mut app);
    let before = app.patterns.clone().expect("mined");
    let old = app.panes[0].source.clone().expect("read");

    grow_and_read_again(
        &mut app,
        &app_path,
        &app_spec,
        "2026-11-23T15:00:00Z ERROR GPU hang in renderer\n2026-11-23T15:00:01Z INFO GET /api/items/7 200 in 3ms\n",
    );
    run_jobs(&mut app);

    let src = app.panes[0].source.as_ref().expect("read again");
    let on = src
        .read_on
        .expect("read on from the read before, not whole");
    assert_eq!((on.read, on.records), (old.read, old.index.len()));
    // Its new records mined on from the templates mined before.
    let plan = crate::tui::mining::plan(0, src, Some(&before));
    assert!(matches!(plan, crate::tui::mining::Plan::On(..)), "{plan:?}");
    assert_eq!(src.index.len(), old.index.len() + 2);
    let whole = load(&app_spec);
    let mined = app.patterns.clone().expect("mined again");
    assert_eq!(
        mined.patterns[mined.entry(0).expect("app")].ids.len(),
        src.index.len()
    );
    let k = mined.entry(0).expect("app mined");
    assert_eq!(mined.patterns[k], crate::pattern::mine_source(&whole));
    assert!(
        mined.patterns[k]
            .templates
            .iter()
            .any(|t| t.text == "GPU hang in renderer"),
        "{:?}",
        mined.patterns[k].templates
    );
    // The kernel log was not read again: its templates are those mined before.
    let (a, b) = (
        before.entry(1).expect("kern"),
        mined.entry(1).expect("kern"),
    );
    assert!(Arc::ptr_eq(&before.states.0[a], &mined.states.0[b]));
    assert_eq!(before.patterns[a], mined.patterns[b]);
}

/// Appends `lines` to `path`, then reads pane 0 again as the event loop does
/// and hands its events to `update`; the jobs it asks for are left queued.
fn grow_and_read_again(
    app: &mut App,
    path: &std::path::Path,
    spec: &crate::source::SourceSpec,
    lines: &str,
) {
    append(path, lines);
    app.panes[0].reloading = true;
    super::reload::read_again_queued(app, 0, spec);
}

/// Runs `jobs`, then every job they lead to.
fn run_all(app: &mut App, jobs: Vec<crate::tui::work::Job>) {
    for job in jobs {
        if let Some(done) = job.run() {
            update(app, Msg::Work(done));
        }
    }
    run_jobs(app);
}

/// The records of pane 0's source whose text holds `needle`.
fn holding(app: &App, needle: &str) -> Vec<u32> {
    let src = app.panes[0].source.as_ref().expect("read");
    (0..src.index.len())
        .filter(|&i| String::from_utf8_lossy(src.record_bytes(i)).contains(needle))
        .map(|i| i as u32)
        .collect()
}

/// A filtered pane over a log read on: its records before the last it had
/// keep their rows, only the rest are filtered, and the rows are those a
/// whole filtering gives.
#[test]
fn a_filtered_pane_over_a_grown_log_filters_only_the_new_records() {
    use crate::tui::work::Job;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(&path, big_log()).expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    press(&mut app, ":filter-in slow query<enter>");
    let before = app.panes[0].visible.clone().expect("filtered");
    let old = app.panes[0].source.as_ref().expect("read").index.len();
    assert_eq!(before.len(), (old + 1) / 3, "every third line");

    grow_and_read_again(
        &mut app,
        &path,
        &spec,
        "2026-11-23T15:00:00Z WARN slow query took 9000ms rows=1\n2026-11-23T15:00:01Z INFO cache hit ratio 0.5\n",
    );
    let jobs = take_jobs(&mut app, |j| matches!(j, Job::Filter { .. }));
    assert_eq!(jobs.len(), 1);
    match &jobs[0] {
        Job::Filter {
            from: Some((rows, upto)),
            ..
        } => {
            assert!(Arc::ptr_eq(rows, &before));
            assert_eq!(
                *upto,
                old - 1,
                "the last record read before is filtered again"
            );
        }
        j => panic!("filtered whole: {j:?}"),
    }
    run_all(&mut app, jobs);
    let whole = holding(&app, "slow query");
    assert_eq!(app.panes[0].visible.as_deref(), Some(&whole));
    assert_eq!(whole.len(), before.len() + 1);
}

/// A search over a log read on: the matches found before are kept, only the
/// records from the last one read before are searched, and the matches are
/// those of a whole search.
#[test]
fn a_search_over_a_grown_log_searches_only_the_new_records() {
    use crate::tui::work::Job;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(&path, big_log()).expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    press(&mut app, "/cache hit<enter>");
    let before = app.panes[0].matches.clone();
    let old = app.panes[0].source.as_ref().expect("read").index.len();
    assert_eq!(before.len(), old / 3, "every third line");

    grow_and_read_again(
        &mut app,
        &path,
        &spec,
        "2026-11-23T15:00:00Z INFO cache hit ratio 0.5\n2026-11-23T15:00:01Z WARN slow query took 9000ms rows=1\n",
    );
    let jobs = take_jobs(&mut app, |j| matches!(j, Job::Search { .. }));
    assert_eq!(jobs.len(), 1);
    match &jobs[0] {
        Job::Search {
            kept: Some((rows, upto)),
            ..
        } => {
            assert!(Arc::ptr_eq(rows, &before));
            assert_eq!(
                *upto,
                old - 1,
                "the last record read before is searched again"
            );
        }
        j => panic!("searched whole: {j:?}"),
    }
    run_all(&mut app, jobs);
    let whole = holding(&app, "cache hit");
    assert_eq!(*app.panes[0].matches, whole);
    assert_eq!(whole.len(), before.len() + 1);
}

/// Following waits for the last read's mining: a read taken meanwhile would
/// be mined whole (mining goes on only from the read it ended with), and on a
/// big log each whole mining would outlast the wait before the next read.
#[test]
fn following_reads_again_once_mining_is_done() {
    use crate::tui::work::Job;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(&path, big_log()).expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = new_app(vec!["app".into()], &test_view(), false);
    app.size = (120, 30);
    update(&mut app, done(0, &spec));
    // Mining runs (its job not done yet).
    let mining = take_jobs(&mut app, |j| matches!(j, Job::Patterns { .. }));
    assert_eq!(mining.len(), 1);
    assert!(app.pattern_work.progress.is_some());
    update(&mut app, Msg::Key(parse_keys("F").expect("key")[0]));
    append(&path, "2026-11-23T15:00:00Z ERROR GPU hang in renderer\n");
    look(&mut app, std::slice::from_ref(&spec));
    update(&mut app, Msg::Tick);
    assert!(app.reloads.is_empty(), "read again while mining ran");
    for job in mining {
        if let Some(done) = job.run() {
            update(&mut app, Msg::Work(done));
        }
    }
    assert!(app.pattern_work.progress.is_none(), "mined");
    look(&mut app, std::slice::from_ref(&spec));
    update(&mut app, Msg::Tick);
    assert_eq!(app.reloads, vec![0], "read again once mined");
}

/// A log whose writer flushes blocks (`python app.py > app.log`) ends inside
/// a line at most reads: read again, it is read on from its last record's
/// start and mined on (not whole), and its filter rows, search matches and
/// templates are those of a whole read.
#[test]
fn a_log_read_inside_a_line_is_read_and_mined_on() {
    use crate::tui::work::Job;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    let text = big_log() + "2026-11-23T15:00:00Z WARN slow query took 9000ms rows=1\n";
    // Cut inside the last line: `… WARN slow qu`.
    let cut = text.len() - 30;
    std::fs::write(&path, &text[..cut]).expect("write");
    let spec = file_spec("app", path.clone());
    let mut app = loaded(vec![spec.clone()], 120, 30, false);
    run_jobs(&mut app);
    press(&mut app, ":filter-in slow query<enter>");
    press(&mut app, "/slow query<enter>");
    run_jobs(&mut app);
    let before = app.patterns.clone().expect("mined");
    let old = app.panes[0].source.clone().expect("read");
    assert_eq!(
        holding(&app, "slow query").len(),
        (old.index.len() - 1 + 1) / 3
    );

    grow_and_read_again(
        &mut app,
        &path,
        &spec,
        &format!(
            "{}2026-11-23T15:00:01Z INFO cache hit ratio 0.5\n",
            &text[cut..]
        ),
    );
    let src = app.panes[0].source.clone().expect("read again");
    let on = src.read_on.expect("read on, not whole");
    assert_eq!(
        (on.read, on.records),
        (old.read, old.index.len() - 1),
        "the last record read again"
    );
    let plan = crate::tui::mining::plan(0, &src, Some(&before));
    assert!(matches!(plan, crate::tui::mining::Plan::On(..)), "{plan:?}");
    let jobs = take_jobs(&mut app, |_| true);
    // Filtered and searched from the last record kept: it may have grown.
    let from = old.index.len() - 2;
    let filtered = jobs
        .iter()
        .filter(|j| matches!(j, Job::Filter { from: Some((_, upto)), .. } if *upto == from));
    let searched = jobs
        .iter()
        .filter(|j| matches!(j, Job::Search { kept: Some((_, upto)), .. } if *upto == from));
    assert_eq!((filtered.count(), searched.count()), (1, 1));
    run_all(&mut app, jobs);
    let whole = load(&spec);
    assert_eq!(src.index.len(), whole.index.len());
    let slow = holding(&app, "slow query");
    assert_eq!(app.panes[0].visible.as_deref(), Some(&slow));
    assert_eq!(*app.panes[0].matches, slow);
    let mined = app.patterns.clone().expect("mined again");
    let k = mined.entry(0).expect("app mined");
    let want = crate::pattern::mine_source(&whole);
    assert!(
        mined.patterns[k] == want,
        "{:?}",
        mined.patterns[k].templates
    );
}
