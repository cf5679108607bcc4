//! Test harness: real fixture logs through the real loader and indexer, keys
//! parsed by the keymap's parser, worker jobs run inline, `TestBackend` screens.

mod captured;
mod case;
mod demo_screens;
mod details;
mod dumps;
mod goroutines;
mod levels;
mod notes;
mod patterns;
mod screens;
mod search;
mod separators;
mod silence_list;
mod silences;
mod state;
mod tables;
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

pub fn spec(name: &str) -> SourceSpec {
    SourceSpec {
        name: name.to_string(),
        input: Input::Files(vec![fixture(name)]),
        settings: Settings::default(),
    }
}

pub fn load(spec: &SourceSpec) -> source::Source {
    let opts = LoadOptions {
        zone: Zone::Fixed(0),
        now: 1_700_000_000_000_000_000,
    };
    let (parts, warnings) = source::open(spec).expect("fixture opens");
    source::index(spec, Arc::new(parts), warnings, &opts, |_| {})
}

/// An app over the demo incident (`assets/demo/*`, read as UTC), fully loaded.
pub fn demo_app(w: u16, h: u16) -> App {
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
    let specs: Vec<SourceSpec> = names
        .iter()
        .zip(files)
        .map(|(n, f)| SourceSpec {
            name: n.to_string(),
            input: Input::Files(vec![dir.join(f)]),
            settings: Settings::default(),
        })
        .collect();
    loaded(specs, w, h, true)
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
    let view = ViewOptions {
        since: None,
        until: None,
        display_zone: Zone::Fixed(0),
        asked: None,
        // No user config in tests.
        config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
    };
    let mut app = new_app(specs.iter().map(|s| s.name.clone()).collect(), &view, color);
    app.size = (w, h);
    // As `tui::run` does: the loader does not carry `--set NAME.time=`.
    app.dumps.set_times = specs.iter().map(|s| s.settings.time).collect();
    for (id, spec) in specs.iter().enumerate() {
        let src = load(spec);
        update(
            &mut app,
            Msg::Load(Box::new(LoadEvent::Done {
                id,
                source: Box::new(src),
            })),
        );
    }
    app.message = None;
    run_jobs(&mut app);
    app
}

/// Runs queued worker jobs inline until none are left.
pub fn run_jobs(app: &mut App) {
    loop {
        let jobs = super::update::take_effects(app).jobs;
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
    for r in w.wait() {
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
