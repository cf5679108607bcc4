//! Test harness: real fixture logs through the real loader and indexer, keys
//! parsed by the keymap's parser, worker jobs run inline, `TestBackend` screens.

mod screens;
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

/// An app over the named fixtures, fully loaded, at the given screen size.
pub fn app(names: &[&str], w: u16, h: u16) -> App {
    app_color(names, w, h, true)
}

pub fn app_color(names: &[&str], w: u16, h: u16, color: bool) -> App {
    let view = ViewOptions {
        since: None,
        until: None,
        display_zone: Zone::Fixed(0),
        asked: None,
        // No user config in tests.
        config_path: Some(PathBuf::from("/nonexistent/casefile-test-config.toml")),
    };
    let mut app = new_app(names.iter().map(|s| s.to_string()).collect(), &view, color);
    app.size = (w, h);
    for (id, n) in names.iter().enumerate() {
        let src = load(&spec(n));
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
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| super::view::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}
