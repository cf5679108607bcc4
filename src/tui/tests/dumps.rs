//! A dump's analysis as it goes (the worker's progress on screen), and a
//! dump's time decided alike by the screen and the headless commands.

use super::*;
use crate::tui::app::Mode;
use crate::tui::goroutine_view::{Slot, Step};
use crate::tui::update::Msg;
use crate::tui::work::{Job, WorkDone};

/// The demo with the dump's pane focused and its view asked for, the
/// worker's job taken but not run: the view waits for it. `read`: the dump
/// was read before (else the job reads it).
fn waiting_view_of(read: bool) -> (App, Job) {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus goroutines<enter>d");
    if !read {
        app.dumps.parsed.clear();
    }
    // Similar grouping is asked for by `x`: a new job, not yet run.
    update(&mut app, Msg::Key(parse_keys("x").expect("key")[0]));
    let mut jobs = crate::tui::update::take_effects(&mut app).jobs;
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    (app, jobs.remove(0))
}

/// `waiting_view_of` a dump not read yet: its job reads it.
fn waiting_view() -> (App, Job) {
    waiting_view_of(false)
}

fn pending_generation(app: &App) -> u64 {
    let Mode::Goroutines(v) = &app.mode else {
        panic!("not in the goroutine view")
    };
    match app.dumps.slots.get(&(v.key, v.similar)) {
        Some(Slot::Pending { generation, .. }) => *generation,
        other => panic!("not pending: {other:?}"),
    }
}

fn progress(app: &mut App, generation: u64, step: Step) {
    let Mode::Goroutines(v) = &app.mode else {
        panic!("not in the goroutine view")
    };
    let (key, similar) = (v.key, v.similar);
    update(
        app,
        Msg::Work(WorkDone::GoroutineProgress {
            key,
            similar,
            generation,
            step,
        }),
    );
}

#[test]
fn the_workers_progress_shows_as_a_fraction_of_the_bytes_and_then_what_it_does() {
    let (mut app, _job) = waiting_view();
    let generation = pending_generation(&app);
    let s = screen(&app);
    assert!(s.contains("  0%"), "{s}");
    progress(
        &mut app,
        generation,
        Step::Parsing {
            parsed: 37 << 20,
            total: 100 << 20,
        },
    );
    let s = screen(&app);
    assert!(s.contains(" 37%"), "{s}");
    assert!(
        s.contains("parsing goroutines: 37.0 MiB of 100.0 MiB"),
        "{s}"
    );
    progress(&mut app, generation, Step::Grouping { goroutines: 155 });
    let s = screen(&app);
    assert!(s.contains("100%"), "{s}");
    assert!(s.contains("grouping 155 goroutines by stack"), "{s}");
    // An older job's word is not this one's.
    progress(
        &mut app,
        generation - 1,
        Step::Parsing {
            parsed: 1,
            total: 100,
        },
    );
    assert!(screen(&app).contains("grouping 155 goroutines"));
}

#[test]
fn the_worker_reports_each_step_before_its_answer() {
    let (mut app, job) = waiting_view();
    let mut steps = Vec::new();
    let done = job
        .run_with(&mut |d| {
            if let WorkDone::GoroutineProgress { step, .. } = d {
                steps.push(step);
            }
        })
        .expect("an answer");
    let total = app.source(1).expect("the dump").parts.total_len();
    // Parsing from nothing to every byte, never backwards (the worker also
    // says how far it is every 100 ms), then the steps after it in order.
    let parsing: Vec<u64> = steps
        .iter()
        .map_while(|s| match s {
            Step::Parsing { parsed, total: t } if *t == total => Some(*parsed),
            _ => None,
        })
        .collect();
    assert_eq!(parsing.first(), Some(&0), "{steps:?}");
    assert_eq!(parsing.last(), Some(&total), "{steps:?}");
    assert!(parsing.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    assert_eq!(steps[parsing.len()..], [Step::Grouping { goroutines: 155 }]);
    update(&mut app, Msg::Work(done));
    assert!(screen(&app).contains("similar stacks"));

    // Read before (by `d`): the job only groups, and the view says so at once.
    let (mut app, job) = waiting_view_of(true);
    assert!(screen(&app).contains("grouping 155 goroutines by stack"));
    let mut steps = Vec::new();
    let done = job
        .run_with(&mut |d| {
            if let WorkDone::GoroutineProgress { step, .. } = d {
                steps.push(step);
            }
        })
        .expect("an answer");
    assert_eq!(steps, [Step::Grouping { goroutines: 155 }]);
    assert!(matches!(&done, WorkDone::Goroutines { parsed: None, .. }));
    update(&mut app, Msg::Work(done));
    assert!(screen(&app).contains("similar stacks"));
    assert_eq!(app.dumps.parses, 1);
}

#[test]
fn goroutine_view_parsing_80x24() {
    let (mut app, _job) = waiting_view();
    let generation = pending_generation(&app);
    progress(
        &mut app,
        generation,
        Step::Parsing {
            parsed: 61 << 20,
            total: 250 << 20,
        },
    );
    insta::assert_snapshot!(snapshot(&app));
}

/// The demo's logs and `dump` as `goroutines`, read by the headless
/// commands' loader (`show`, `merge`, `silences`, `patterns`): the dump's
/// first time, as they have it.
fn headless_time(dump: &std::path::Path, set: Option<&str>, with_logs: bool) -> Option<i64> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut sources: Vec<std::ffi::OsString> =
        vec![format!("goroutines={}", dump.display()).into()];
    if with_logs {
        for n in ["backend", "kern", "kiosk-client", "supervisord"] {
            sources.push(format!("{n}={}", dir.join(format!("{n}.log")).display()).into());
        }
    }
    let args = crate::cli::SourceArgs {
        sources,
        tz: Some("UTC".into()),
        set: set
            .map(|t| vec![format!("goroutines.time={t}")])
            .unwrap_or_default(),
        ..Default::default()
    };
    let (loaded, _, _) = crate::commands::load_all(&args).expect("loads");
    let dump = loaded
        .iter()
        .find(|s| s.name == "goroutines")
        .expect("the dump");
    dump.first_time()
}

#[test]
fn the_screen_and_the_headless_commands_date_a_dump_alike() {
    use super::goroutines::{demo_with_dump, dump_copy, instant};
    let tmp = tempfile::tempdir().expect("tempdir");
    let near = dump_copy(tmp.path(), "near.txt", None, "2026-11-20T14:40:00Z");
    let far = dump_copy(tmp.path(), "far.txt", None, "2026-12-01T11:00:00Z");
    let set = "2026-11-20T14:35:20Z";
    let cases = [
        (&near, None, Some(instant("2026-11-20T14:40:00Z"))),
        (&far, None, None),
        (&far, Some(set), Some(instant(set))),
        (&near, Some(set), Some(instant(set))),
    ];
    for (dump, time, expected) in cases {
        let tui = demo_with_dump(dump.clone(), time, 80, 24);
        let on_screen = tui.source(1).and_then(|s| s.first_time());
        assert_eq!(on_screen, expected, "the screen: {dump:?} {time:?}");
        assert_eq!(
            headless_time(dump, time, true),
            on_screen,
            "headless and the screen: {dump:?} {time:?}"
        );
    }
    // Read alone there is nothing to judge the file's time by: both take it,
    // and so does `casefile goroutines`.
    let alone = loaded(vec![file_spec("goroutines", far.clone())], 80, 24, true);
    let mtime = Some(instant("2026-12-01T11:00:00Z"));
    assert_eq!(alone.source(0).and_then(|s| s.first_time()), mtime);
    assert_eq!(headless_time(&far, None, false), mtime);
    let spec = file_spec("goroutines", far);
    let opts = LoadOptions {
        zone: Zone::Fixed(0),
        now: 1_700_000_000_000_000_000,
        levels: true,
    };
    let a = crate::headless::goroutines::analyse(&spec, &opts, crate::goroutine::Similarity::Exact)
        .expect("analysed")
        .pop()
        .expect("a dump");
    assert_eq!(a.time.map(|t| t.time), mtime);
}

#[test]
fn a_dated_dump_is_a_moment_not_a_source_that_falls_silent() {
    use super::goroutines::{demo_with_dump, dump_copy};
    let tmp = tempfile::tempdir().expect("tempdir");
    let dump = dump_copy(tmp.path(), "dump.txt", None, "2026-12-01T11:00:00Z");
    let app = demo_with_dump(dump, Some("2026-11-20T14:35:20Z"), 80, 24);
    assert!(app.panes[1].timed(), "the dump sits at its time");
    let a = app.silences.clone().expect("the silence analysis");
    assert!(
        a.silences.iter().all(|s| s.source != 1),
        "the dump has no silence: {:?}",
        a.silences
    );
    assert_eq!(
        a.silences
            .first()
            .map(|s| app.panes[s.source].name.as_str()),
        Some("kiosk-client"),
        "the demo's silence comes first"
    );
}

/// `x` pressed while the dump is still being read asks for no second read:
/// the similar grouping waits for the read under way, then only groups.
#[test]
fn another_grouping_asked_while_the_dump_is_read_waits_for_that_read() {
    let dump = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt");
    let spec = file_spec("goroutines", dump);
    let mut app = unloaded_app(&["goroutines"]);
    app.size = (80, 24);
    update(&mut app, done(0, &spec));
    // Only dumps: the view opens, its read under way.
    let is_dump_job = |j: &Job| matches!(j, Job::Goroutines { .. });
    let first = take_jobs(&mut app, is_dump_job);
    assert_eq!(first.len(), 1, "{first:?}");
    open_goroutine_view(&app);
    update(&mut app, Msg::Key(parse_keys("x").expect("key")[0]));
    let asked = take_jobs(&mut app, is_dump_job);
    assert!(asked.is_empty(), "{} more jobs: a second read", asked.len());
    assert!(screen(&app).contains("goroutines"));
    // The read's answer: the similar grouping is asked for from it.
    for job in first {
        let done = job.run().expect("an answer");
        update(&mut app, Msg::Work(done));
    }
    let then = take_jobs(&mut app, is_dump_job);
    assert!(
        matches!(
            then.as_slice(),
            [Job::Goroutines {
                parsed: Some(_),
                similar: true,
                ..
            }]
        ),
        "{} jobs, not one grouping from the read",
        then.len()
    );
    for job in then {
        let done = job.run().expect("an answer");
        update(&mut app, Msg::Work(done));
    }
    assert_eq!(app.dumps.parses, 1);
    assert!(screen(&app).contains("similar"), "{}", screen(&app));
}
