//! Patterns in the TUI: background mining with progress, precursors, the
//! pattern view, its filter and the palette's pattern entries.

use super::*;
use crate::tui::action::Action;
use crate::tui::mining::Progress;
use crate::tui::update::take_effects;
use crate::tui::work::{Job, WorkDone};

/// A server logging steadily, and a client that logs every half second and
/// stops twice, each time after a burst of reconnect attempts (as in
/// `tests/silences.rs`). Written to `dir`; specs in pane order server, client.
pub fn burst_specs(dir: &std::path::Path) -> Vec<SourceSpec> {
    let at = |ms: i64| {
        let s = ms / 1000;
        format!(
            "2026-11-20T10:{:02}:{:02}.{:03}Z",
            s / 60,
            s % 60,
            ms % 1000
        )
    };
    let mut client = String::new();
    let mut ms = 0;
    for stop in [600_000, 1_500_000] {
        while ms < stop - 30_000 {
            client += &format!("{} INFO frame {} drawn\n", at(ms), ms / 500);
            ms += 500;
        }
        for n in 0..40 {
            client += &format!("{} WARN ws reconnect attempt {n}\n", at(ms));
            ms += 500;
        }
        ms = stop + 120_000;
    }
    while ms < 2_400_000 {
        client += &format!("{} INFO frame {} drawn\n", at(ms), ms / 500);
        ms += 500;
    }
    let server: String = (0..2400)
        .map(|s| format!("{} INFO served request {s}\n", at(s * 1000 + 250)))
        .collect();
    ["server", "client"]
        .iter()
        .zip([server, client])
        .map(|(name, text)| {
            let path = dir.join(format!("{name}.log"));
            std::fs::write(&path, text).expect("write");
            SourceSpec {
                name: name.to_string(),
                input: Input::Files(vec![path]),
                settings: Settings::default(),
            }
        })
        .collect()
}

fn template_texts(app: &App, pane: usize) -> Vec<String> {
    let mined = app.patterns.as_ref().expect("mined");
    let k = mined.entry(pane).expect("pane mined");
    mined.patterns[k]
        .templates
        .iter()
        .map(|t| t.text.clone())
        .collect()
}

#[test]
fn every_source_is_mined_once_all_are_loaded() {
    let app = demo_app(120, 40);
    let mined = app.patterns.as_ref().expect("mined after loading");
    assert_eq!(mined.panes, [0, 1, 2, 3, 4], "one entry per pane");
    for (k, &p) in mined.panes.iter().enumerate() {
        let src = app.source(p).expect("loaded");
        assert_eq!(mined.patterns[k].ids.len(), src.index.len(), "every record");
        let total: u64 = mined.patterns[k].templates.iter().map(|t| t.count).sum();
        assert_eq!(total as usize, src.index.len());
        assert_eq!(
            mined.occurrences[k].templates(),
            mined.patterns[k].templates.len()
        );
    }
    assert!(
        template_texts(&app, 3)
            .iter()
            .any(|t| t.starts_with("websocket closed abnormally")),
        "{:?}",
        template_texts(&app, 3)
    );
    assert_eq!(app.pattern_work.label(), None, "no progress once done");
    assert!(app.precursors.is_some(), "computed after the silences");
}

#[test]
fn mining_reports_progress_and_keeps_only_the_newest_answer() {
    let specs = [spec("api"), spec("db")];
    let view = crate::tui::ViewOptions {
        since: None,
        until: None,
        display_zone: crate::index::Zone::Fixed(0),
        asked: None,
        config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
    };
    let mut app = crate::tui::new_app(vec!["api".into(), "db".into()], &view, true);
    app.size = (120, 30);
    let done = |id: usize| {
        Msg::Load(Box::new(LoadEvent::Done {
            id,
            source: Box::new(load(&specs[id])),
        }))
    };
    let mining_jobs = |app: &mut App| {
        take_effects(app)
            .jobs
            .into_iter()
            .filter(|j| matches!(j, Job::Patterns { .. }))
            .collect::<Vec<_>>()
    };
    update(&mut app, done(0));
    assert!(mining_jobs(&mut app).is_empty(), "db is still loading");
    assert_eq!(app.pattern_work.label(), None);
    update(&mut app, done(1));
    let first = mining_jobs(&mut app);
    assert_eq!(first.len(), 1);
    assert_eq!(
        app.pattern_work.label().as_deref(),
        Some("mining patterns… 0/2 sources")
    );
    assert!(screen(&app).contains("mining patterns… 0/2 sources"));
    // db loads again: the first job is superseded and stops.
    update(&mut app, done(1));
    let second = mining_jobs(&mut app);
    for job in first {
        assert_eq!(job.run(), None, "a superseded job gives no answer");
    }
    let mut reports = Vec::new();
    let mut last = None;
    for job in second {
        last = job.run_with(&mut |d| reports.push(d));
    }
    let progress: Vec<Progress> = reports
        .iter()
        .filter_map(|d| match d {
            WorkDone::PatternProgress { progress, .. } => Some(*progress),
            _ => None,
        })
        .collect();
    assert_eq!(
        progress,
        [
            Progress { done: 1, total: 2 },
            Progress { done: 2, total: 2 }
        ]
    );
    update(&mut app, Msg::Work(reports[0].clone()));
    assert_eq!(
        app.pattern_work.label().as_deref(),
        Some("mining patterns… 1/2 sources")
    );
    assert!(app.patterns.is_none());
    update(&mut app, Msg::Work(last.expect("an answer")));
    assert_eq!(app.pattern_work.label(), None);
    assert_eq!(
        app.patterns.as_ref().map(|m| m.panes.clone()),
        Some(vec![0, 1])
    );
    // A progress report arriving after the answer changes nothing.
    update(&mut app, Msg::Work(reports[1].clone()));
    assert_eq!(app.pattern_work.label(), None);
}

#[test]
fn precursors_name_the_burst_in_pane_numbers_and_follow_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = loaded(burst_specs(dir.path()), 120, 30, true);
    let silent: Vec<usize> = app
        .silences
        .as_ref()
        .expect("silences")
        .silences
        .iter()
        .map(|s| s.source)
        .collect();
    assert_eq!(silent, [1, 1], "the client (pane 1) stops twice");
    let pre = app.precursors.clone().expect("precursors");
    let first = pre.first().expect("a precursor");
    assert_eq!((first.silent, first.source), (1, 1));
    let mined = app.patterns.as_ref().expect("mined");
    let k = mined.entry(1).expect("client mined");
    assert_eq!(
        mined.patterns[k].templates[first.template as usize].text,
        "ws reconnect attempt <*>"
    );
    assert_eq!(first.before_counts, [40, 40]);
    // A clock offset moves times: silences are found again, then precursors.
    update(&mut app, Msg::Action(Action::SetOffset(3_600_000_000_000)));
    let jobs: Vec<Job> = take_effects(&mut app).jobs;
    assert!(
        jobs.iter().any(|j| matches!(j, Job::Silences { .. })),
        "{jobs:?}"
    );
    for job in jobs {
        if let Some(d) = job.run() {
            update(&mut app, Msg::Work(d));
        }
    }
    run_jobs(&mut app);
    let again = app.precursors.clone().expect("precursors");
    assert!(!Arc::ptr_eq(&pre, &again), "a new answer");
}
