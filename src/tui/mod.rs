//! The investigator's screen: time-aligned panes over several sources.
//!
//! Event → action → update → view: input, loader and worker results arrive on
//! channels; `update` is the only code that changes `App`; `view::render` draws
//! it. After each wake-up every pending event is applied, then one frame drawn.

pub mod action;
pub mod app;
pub mod cmdline;
pub mod config;
pub mod editor;
pub mod goroutine_view;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod mining;
pub mod notes;
pub mod overlay;
pub mod palette;
pub mod pattern_list;
pub mod rows;
pub mod scale;
pub mod silence_list;
pub mod silence_rows;
pub mod symbols;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
pub mod watch;
pub mod wire;
pub mod work;

#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::time::Duration;

use crossbeam_channel::{Receiver, never, select, unbounded};
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};

use crate::index::Zone;
use crate::loader::{self, LoadEvent};
use crate::source::{LoadOptions, SourceSpec};
use crate::time::Nanos;
use app::App;
use keymap::{Key, Keymap};
use theme::Theme;
use update::{Msg, update};

/// How the screen shows the sources (wired from the command line).
#[derive(Debug, Clone)]
pub struct ViewOptions {
    pub since: Option<Nanos>,
    pub until: Option<Nanos>,
    pub display_zone: Zone,
    /// Zones and --since/--until as the user gave them, to be read again once
    /// the sources are (None: nothing to settle).
    pub asked: Option<crate::user_time::Asked>,
    pub config_path: Option<PathBuf>,
    /// Arguments that named nothing to open (`NAME: why`, a directory with no
    /// log in it): said on the screen too, as stderr is hidden under it.
    pub skipped: Vec<String>,
}

/// Redraw interval while a spinner animates (sources indexing, jobs running).
const SPIN_EVERY: Duration = Duration::from_millis(150);

/// Whether to use colour: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Builds the app state: keymap and theme with the user's config applied.
pub fn new_app(names: Vec<String>, view: &ViewOptions, color: bool) -> App {
    let mut keymap = Keymap::default();
    let mut theme = Theme::new(color);
    let path = view.config_path.clone().or_else(config::default_path);
    let warnings = path.map_or_else(Vec::new, |p| config::load(&p, &mut keymap, &mut theme));
    let mut app = App::new(names, view.display_zone.clone(), theme, keymap);
    app.asked = view.asked.clone().map(|a| (a, view.display_zone.clone()));
    app.since = view.since;
    app.until = view.until;
    if let Some(t) = view.since {
        app.cursor = t;
    }
    if let Some(w) = warnings.first() {
        let more = if warnings.len() > 1 {
            format!(" (+{} more)", warnings.len() - 1)
        } else {
            String::new()
        };
        app.warn(format!("{w}{more}"));
    }
    for s in &view.skipped {
        app.warn(s.clone());
    }
    app.skipped.clone_from(&view.skipped);
    app
}

/// Opens `specs` and runs the investigator until the user quits.
/// Notes, bookmarks, offsets, filters and the cursor are kept in `case` when given.
pub fn run(
    specs: Vec<SourceSpec>,
    opts: LoadOptions,
    view: ViewOptions,
    case: Option<crate::case::Store>,
    silence: crate::silence::Settings,
    binary: Option<PathBuf>,
) -> anyhow::Result<()> {
    let names = specs.iter().map(|s| s.name.clone()).collect();
    let mut app = new_app(names, &view, color_enabled());
    app.case = case.map(crate::case::Writer::spawn);
    app.silence_settings = silence;
    app.dumps.set_times = specs.iter().map(|s| s.settings.time).collect();
    if let Some(path) = binary {
        update::symbols::open(&mut app, path);
    }
    // The sender stays with the loop, which reads sources again with it (`R`).
    let (load_tx, load_rx) = crossbeam_channel::unbounded();
    loader::spawn_into(specs.clone(), opts.clone(), &load_tx);
    let loads = Loads {
        specs,
        opts,
        tx: load_tx,
        rx: load_rx,
    };
    let mut term = terminal::setup()?;
    let result = event_loop(&mut app, &mut term, loads);
    terminal::restore();
    finish_case(&mut app);
    result
}

/// On quit: a note being typed is kept as a draft, the cursor is saved, what
/// is pending is written and the journal folded into the one file. What could
/// not be saved is printed, so a full disk at the very end still loses nothing.
fn finish_case(app: &mut App) {
    if let Some(said) = update::case_on_quit(app) {
        eprintln!("casefile: {said}");
    }
    let Some(w) = app.case.take() else {
        return;
    };
    let path = w.path().display().to_string();
    let unsaved: Vec<String> = w
        .unsaved_changes()
        .filter_map(|c| serde_json::to_string(c).ok())
        .collect();
    if let Err(e) = w.finish() {
        eprintln!("casefile: {path}: {e}");
        if !unsaved.is_empty() {
            eprintln!(
                "casefile: these changes may not be in the case file; each line is one, as the case file's journal holds them:"
            );
            for u in unsaved {
                eprintln!("{u}");
            }
        }
    }
}

fn input_thread() -> Receiver<Event> {
    let (tx, rx) = unbounded();
    let _ = std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            while let Ok(ev) = event::read() {
                if tx.send(ev).is_err() {
                    break;
                }
            }
        });
    rx
}

fn translate(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(Key::from_event(&k))),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Msg::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Msg::Scroll(-3)),
            MouseEventKind::Down(_) => Some(Msg::Click(m.column, m.row)),
            _ => None,
        },
        _ => None,
    }
}

/// The sources as asked for, and the loader's channel: what reading a
/// source again needs.
struct Loads {
    specs: Vec<SourceSpec>,
    opts: LoadOptions,
    tx: crossbeam_channel::Sender<LoadEvent>,
    rx: Receiver<LoadEvent>,
}

/// How often the screen wakes while following waits for its next read.
const WATCH_EVERY: Duration = Duration::from_secs(2);

fn event_loop(app: &mut App, term: &mut terminal::Term, loads: Loads) -> anyhow::Result<()> {
    let load_rx = loads.rx.clone();
    let size = term.size()?;
    update(app, Msg::Resize(size.width, size.height));
    let input = input_thread();
    let (sig_tx, sig_rx) = unbounded::<i32>();
    terminal::watch_signals(move |s| {
        let _ = sig_tx.send(s);
    })?;
    let (work_tx, work_rx) = unbounded();
    let mut load_rx = load_rx;
    let case_rx = app
        .case
        .as_ref()
        .map_or_else(never, crate::case::Writer::replies);
    let mut mouse = app.mouse;
    // The disk is looked at on the watcher's thread only (`watch`).
    let (disk_tx, disk_rx) = unbounded();
    let watcher = watch::spawn(disk_tx);
    let mut watched = Vec::new();
    loop {
        let effects = update::take_effects(app);
        let now = watch::list(app, &loads.specs);
        if !watch::same_list(&now, &watched) {
            let _ = watcher.send(watch::Order::Watch(now.clone()));
            watched = now;
        }
        if effects.look_now {
            let _ = watcher.send(watch::Order::LookNow);
        }
        for job in effects.jobs {
            let tx = work_tx.clone();
            let _ = std::thread::Builder::new()
                .name("work".into())
                .spawn(move || {
                    if let Some(done) = job.run_with(&mut |d| {
                        let _ = tx.send(d);
                    }) {
                        let _ = tx.send(done);
                    }
                });
        }
        for (id, previous) in effects.reloads.into_iter().zip(effects.previous) {
            if let Some(spec) = loads.specs.get(id) {
                // A log that only grew is read on from where this read stopped.
                loader::read_again(id, spec.clone(), loads.opts.clone(), previous, &loads.tx);
            }
        }
        if app.mouse != mouse {
            mouse = app.mouse;
            terminal::set_mouse(mouse);
        }
        if effects.clear_screen {
            term.clear()?;
        }
        term.draw(|f| view::render(app, f))?;
        if app.quit {
            return Ok(());
        }
        let timeout = if app.loading() {
            SPIN_EVERY
        } else if app.watching() {
            WATCH_EVERY
        } else {
            Duration::from_secs(3600)
        };
        let mut msgs: Vec<Msg> = Vec::new();
        // Block for one event, then take everything already queued.
        select! {
            recv(input) -> ev => match ev {
                Ok(ev) => msgs.extend(translate(ev)),
                Err(_) => return Ok(()),
            },
            recv(load_rx) -> ev => match ev {
                Ok(ev) => msgs.push(Msg::Load(Box::new(ev))),
                Err(_) => load_rx = never(),
            },
            recv(work_rx) -> done => if let Ok(d) = done { msgs.push(Msg::Work(d)) },
            recv(case_rx) -> r => if let Ok(r) = r { msgs.push(Msg::Case(r)) },
            recv(disk_rx) -> r => if let Ok(r) = r { msgs.push(Msg::Disk(r)) },
            recv(sig_rx) -> _ => return Ok(()),
            default(timeout) => msgs.push(Msg::Tick),
        }
        msgs.extend(input.try_iter().filter_map(translate));
        msgs.extend(load_rx.try_iter().map(|e| Msg::Load(Box::new(e))));
        msgs.extend(work_rx.try_iter().map(Msg::Work));
        msgs.extend(case_rx.try_iter().map(Msg::Case));
        msgs.extend(disk_rx.try_iter().map(Msg::Disk));
        if sig_rx.try_recv().is_ok() {
            return Ok(());
        }
        for m in msgs {
            update(app, m);
        }
    }
}
