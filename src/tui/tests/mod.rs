//! Test harness: real fixture logs through the real loader and indexer, keys
//! parsed by the keymap's parser, worker jobs run inline, `TestBackend` screens.

mod apart;
mod captured;
mod case;
mod command_over_views;
mod demo_screens;
mod details;
mod disk_watch;
mod drafts;
mod dumps;
mod goroutine_lines;
mod goroutines;
mod huge_template;
mod levels;
mod list_views_reload;
mod long_names;
mod newest_first;
mod notes;
mod notes_reopened;
mod pattern_columns;
mod patterns;
mod read_on;
mod reload;
mod screens;
mod search;
mod separators;
mod silence_list;
mod silences;
mod small_screens;
mod stamps;
mod state;
mod tables;
mod views_help;
mod wait_began;
mod wire;
mod zones;

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::App;
use super::keymap::parse_keys;
use super::update::{Msg, update};
use super::{ViewOptions, new_app};
use crate::index::Zone;
use crate::loader::LoadEvent;
use crate::source::{self, Input, LoadOptions, Settings, SourceSpec};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui")
        .join(format!("{name}.log"))
}

/// A fixture of tests/fixtures/tui as a source named after it.
pub fn spec(name: &str) -> SourceSpec {
    file_spec(name, fixture(name))
}

/// The file at `path` as a source named `name`, with no settings.
pub fn file_spec(name: &str, path: PathBuf) -> SourceSpec {
    SourceSpec {
        name: name.to_string(),
        input: Input::Files(vec![path]),
        settings: Settings::default(),
    }
}

/// Writes `text` to `dir/NAME.log` and returns it as a source named `name`.
pub fn written_spec(dir: &std::path::Path, name: &str, text: &str) -> SourceSpec {
    let path = dir.join(format!("{name}.log"));
    std::fs::write(&path, text).expect("write log");
    file_spec(name, path)
}

pub fn load(spec: &SourceSpec) -> source::Source {
    let opts = LoadOptions {
        zone: Zone::Fixed(0),
        now: 1_700_000_000_000_000_000,
        levels: true,
    };
    let (parts, warnings) = source::open(spec).expect("fixture opens");
    source::index(spec, Arc::new(parts), warnings, &opts, |_| {})
}

/// An app over the demo incident (`assets/demo/*`, read as UTC), fully loaded.
pub fn demo_app(w: u16, h: u16) -> App {
    loaded(demo_specs(), w, h, true)
}

/// The demo's five sources, named as the screen names them.
pub fn demo_specs() -> Vec<SourceSpec> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let names = [
        "backend",
        "goroutines",
        "kern",
        "kiosk-client",
        "supervisord",
    ];
    let files = [
        "backend.log",
        "goroutines.txt",
        "kern.log",
        "kiosk-client.log",
        "supervisord.log",
    ];
    names
        .iter()
        .zip(files)
        .map(|(n, f)| file_spec(n, dir.join(f)))
        .collect()
}

/// An app over the named fixtures, fully loaded, at the given screen size.
pub fn app(names: &[&str], w: u16, h: u16) -> App {
    app_color(names, w, h, true)
}

pub fn app_color(names: &[&str], w: u16, h: u16, color: bool) -> App {
    let specs = names.iter().map(|n| spec(n)).collect();
    loaded(specs, w, h, color)
}

pub fn loaded(specs: Vec<SourceSpec>, w: u16, h: u16, color: bool) -> App {
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &test_view(),
        color,
    );
    app.size = (w, h);
    // As `tui::run` does: the loader does not carry `--set NAME.time=`.
    app.dumps.set_times = specs.iter().map(|s| s.settings.time).collect();
    for (id, spec) in specs.iter().enumerate() {
        update(&mut app, done(id, spec));
    }
    app.message = None;
    run_jobs(&mut app);
    app
}

/// How every test app is viewed: times shown in UTC, no range, no user config.
pub fn test_view() -> ViewOptions {
    ViewOptions {
        since: None,
        until: None,
        display_zone: Zone::Fixed(0),
        asked: None,
        // No user config in tests.
        config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
        skipped: Vec::new(),
    }
}

/// An app with a pane for each of `names` and no source read yet: each
/// arrives with `done`, as the loader's threads finish.
pub fn unloaded_app(names: &[&str]) -> App {
    new_app(
        names.iter().map(|n| n.to_string()).collect(),
        &test_view(),
        true,
    )
}

/// The loader's word that source `id` is read: `spec` loaded as `load` does.
pub fn done(id: usize, spec: &SourceSpec) -> Msg {
    source_done(id, load(spec))
}

/// The loader's word that source `id` is read, with the source as given.
pub fn source_done(id: usize, source: source::Source) -> Msg {
    Msg::Load(Box::new(LoadEvent::Done {
        id,
        source: Box::new(source),
    }))
}

/// Takes the jobs `update` asked for and keeps those `pick` chooses, unrun.
pub fn take_jobs(app: &mut App, pick: fn(&super::work::Job) -> bool) -> Vec<super::work::Job> {
    super::update::take_effects(app)
        .jobs
        .into_iter()
        .filter(pick)
        .collect()
}

/// The open goroutine view; fails, with the mode, when another has the keyboard.
pub fn open_goroutine_view(app: &App) -> &super::goroutine_view::GoroutineView {
    match &app.mode {
        super::app::Mode::Goroutines(v) => v,
        m => panic!("not in the goroutine view: {m:?} ({:?})", app.messages),
    }
}

/// The analysis the goroutine view shows (exact or similar groups, as set).
pub fn shown_analysis(app: &App) -> &Arc<crate::headless::goroutines::Analysis> {
    let v = open_goroutine_view(app);
    app.dumps.ready(v.key, v.similar).expect("analysed")
}

/// The status line's message, or "" when there is none.
pub fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

/// An instant on the demo incident's day (2026-11-20), UTC.
pub fn demo_at(h: u32, m: u32, s: u32, ms: u32) -> i64 {
    crate::time::civil_to_nanos(2026, 11, 20, h, m, s, ms * 1_000_000).expect("valid time")
}

/// An instant on the fixtures' day (2022-03-24), UTC.
pub fn fixture_at(h: u32, m: u32, s: u32, ms: u32) -> i64 {
    crate::time::civil_to_nanos(2022, 3, 24, h, m, s, ms * 1_000_000).expect("valid time")
}

/// The record pane `p` shows at the cursor.
pub fn record_at_cursor(app: &App, p: usize) -> usize {
    let k = app.cursor_row(p).expect("a row");
    app.rows(p).expect("rows").record(k)
}

/// (focused pane, its record at the cursor).
pub fn spot(app: &App) -> (usize, usize) {
    (app.focus, record_at_cursor(app, app.focus))
}

/// The disk watcher's look at `specs`' files, handed to `update` as the
/// event loop hands it: the watcher's own `look`, run here (a look asked for
/// by `R` or `F` answers it).
pub fn look(app: &mut App, specs: &[SourceSpec]) {
    let asked = std::mem::take(&mut app.look_now);
    let list = super::watch::list(app, specs);
    update(app, Msg::Disk(super::watch::look(&list, asked)));
}

/// Appends `text` to the file at `path` (a log written to while it is open).
pub fn append(path: &std::path::Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("append");
    f.write_all(text.as_bytes()).expect("append");
}

/// Runs queued worker jobs inline until none are left.
pub fn run_jobs(app: &mut App) {
    loop {
        let effects = super::update::take_effects(app);
        // What is not a job stays for the test to take (`R`'s reads).
        app.reloads.extend(effects.reloads);
        app.look_now |= effects.look_now;
        let jobs = effects.jobs;
        if jobs.is_empty() {
            break;
        }
        for job in jobs {
            if let Some(done) = job.run() {
                update(app, Msg::Work(done));
            }
        }
    }
}

/// Waits until the case file's writer has confirmed (or failed) every change
/// sent, and hands its replies to `update` as the event loop does.
pub fn settle(app: &mut App) {
    let Some(w) = app.case.as_mut() else {
        return;
    };
    let replies = w.wait(std::time::Duration::from_secs(60));
    let failed = matches!(replies.last(), Some(crate::case::Reply::Failed { .. }));
    assert!(
        failed || w.unsaved() == 0,
        "the case file writer left {} change(s) unconfirmed for a minute",
        w.unsaved()
    );
    for r in replies {
        update(app, Msg::Case(r));
    }
}

/// Presses the keys of a key string, as the config file spells them.
pub fn press(app: &mut App, keys: &str) {
    for k in parse_keys(keys).expect("valid key string") {
        update(app, Msg::Key(k));
        run_jobs(app);
    }
}

pub fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| super::view::render(app, f)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        // A wide character covers the cell after it, which holds a blank the
        // terminal never prints.
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += (crate::tui::text::width(sym) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// What a snapshot records: the screen's text, then one hash of every cell's
/// style (as gitu does), so cursor rows, highlights and colours are checked
/// without cell-by-cell assertions.
pub fn snapshot(app: &App) -> String {
    let buf = buffer(app);
    format!("{}style digest: {:016x}\n", screen(app), style_digest(&buf))
}

/// FNV-1a over (x, y, style) wherever the style changes along the rows: stable
/// across runs and Rust versions, unlike `DefaultHasher`.
pub fn style_digest(buf: &ratatui::buffer::Buffer) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let style = format!("{:?}/{:?}/{:?}", c.fg, c.bg, c.modifier);
            if style != last {
                for b in format!("{x},{y}:{style};").bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
                last = style;
            }
        }
    }
    h
}

pub fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| super::view::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}
