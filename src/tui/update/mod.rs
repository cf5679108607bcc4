//! The only place that changes `App`: keys become actions through the
//! keymap, and actions, loader events and worker results are applied here.

mod case;
mod clock;
mod command;
mod filter;
mod goroutines;
mod load;
mod nav;
mod notes;
mod pattern_view;
pub mod patterns;
mod search;
mod silence_list;
mod silences;
pub mod symbols;
pub mod zones;

pub use clock::cursor_ref;

use ratatui::crossterm::event::KeyCode;

use super::action::{Action, PromptKind, Scope};
use super::app::{App, Layout, ListState, Mode, Relative};
use super::keymap::{Context, Key};
use super::work::WorkDone;
use crate::loader::LoadEvent;

/// Everything the main loop feeds to `update`.
#[derive(Debug)]
pub enum Msg {
    Key(Key),
    Action(Action),
    Load(Box<LoadEvent>),
    Work(WorkDone),
    Resize(u16, u16),
    /// Mouse wheel: records to move.
    Scroll(i64),
    /// Mouse click at (column, row): focus the pane there.
    Click(u16, u16),
    /// The progress spinner's timer; following's next read.
    Tick,
    /// What the disk watcher saw: files that shrank, grew, were replaced or
    /// can be read now (`tui::watch`).
    Disk(super::watch::Report),
    /// The case file's writer: saved, failed (retrying), or a report written.
    Case(crate::case::Reply),
}

/// What the event loop must do outside the app after applying messages.
#[derive(Debug, Default)]
pub struct Effects {
    /// Work for worker threads (tests run it inline).
    pub jobs: Vec<super::work::Job>,
    /// Clear the terminal before the next frame (`<C-l>`).
    pub clear_screen: bool,
    /// Panes whose source the loader reads again (`R`), and each one's
    /// source as read (a log that only grew is read on from it).
    pub reloads: Vec<usize>,
    pub previous: Vec<Option<crate::source::Source>>,
    /// Ask the disk watcher to look at every file now (`R`, `F`).
    pub look_now: bool,
}

/// Hands the pending effects to the event loop, leaving none behind.
pub fn take_effects(app: &mut App) -> Effects {
    let reloads = std::mem::take(&mut app.reloads);
    let previous = reloads
        .iter()
        .map(|&p| app.panes.get(p).and_then(|p| p.source.clone()))
        .collect();
    Effects {
        jobs: std::mem::take(&mut app.jobs),
        clear_screen: std::mem::take(&mut app.clear_screen),
        reloads,
        previous,
        look_now: std::mem::take(&mut app.look_now),
    }
}

pub fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Key(key) => {
            if let Some(action) = key_action(app, key) {
                apply(app, action);
            }
        }
        Msg::Action(a) => apply(app, a),
        Msg::Load(ev) => load::on_event(app, *ev),
        Msg::Work(WorkDone::Silences {
            generation,
            analysis,
        }) => {
            silences::on_done(app, generation, analysis);
            patterns::start_precursors(app);
        }
        Msg::Work(WorkDone::SilenceReport { generation, report }) => {
            silences::on_report(app, generation, report)
        }
        Msg::Work(WorkDone::PatternProgress {
            generation,
            progress,
        }) => patterns::on_progress(app, generation, progress),
        Msg::Work(WorkDone::Patterns { generation, mined }) => {
            patterns::on_done(app, generation, mined)
        }
        Msg::Work(WorkDone::Precursors {
            generation,
            precursors,
        }) => patterns::on_precursors(app, generation, precursors),
        Msg::Work(WorkDone::Goroutines {
            key,
            similar,
            generation,
            analysis,
            parsed,
        }) => goroutines::on_done(app, (key, similar), generation, analysis.0, parsed),
        Msg::Work(WorkDone::GoroutineProgress {
            key,
            similar,
            generation,
            step,
        }) => goroutines::on_progress(app, key, similar, generation, step),
        Msg::Work(WorkDone::Binary(result)) => symbols::on_binary(app, result),
        Msg::Work(WorkDone::DumpSymbols {
            key,
            similar,
            analysis,
            symbols,
        }) => symbols::on_dump_symbols(app, key, similar, analysis.0, symbols),
        Msg::Work(WorkDone::RecordAddresses {
            pane,
            record,
            resolved,
        }) => symbols::on_record(app, pane, record, resolved),
        Msg::Work(done) => filter::on_done(app, done),
        Msg::Resize(w, h) => {
            let before = side_by_side_shape(app);
            app.size = (w, h);
            if before != side_by_side_shape(app) {
                say_side_by_side(app);
            }
            move_list(app, 0);
        }
        Msg::Scroll(n) => {
            if app.mode.list_mut().is_some() {
                move_list(app, n);
            } else if app.mode == Mode::Normal {
                apply(app, Action::Records(n));
            }
        }
        Msg::Click(x, y) => {
            let areas = super::layout::screen(app);
            if let Some((p, _)) = areas.panes.iter().find(|(_, r)| r.contains((x, y).into()))
                && !app.merged
            {
                app.focus = *p;
            }
        }
        Msg::Tick => {
            app.tick = app.tick.wrapping_add(1);
            if app.follow {
                load::follow(app);
            }
        }
        Msg::Disk(report) => load::on_disk(app, report),
        Msg::Case(r) => notes::on_reply(app, r),
    }
    silence_list::clamp(app);
    symbols::follow_cursor(app);
}

/// Moves the open list view by `d` entries. Help and the messages scroll
/// no further than their last screenful, here rather than when drawn, so a
/// key pressed past the end is not spent later.
fn move_list(app: &mut App, d: i64) {
    let max = crate::tui::overlay::max_scroll(app);
    if let Some(list) = app.mode.list_mut() {
        list.move_by(d);
        if let Some(max) = max {
            list.selected = list.selected.min(max);
        }
    }
}

/// `?`: the help over the current view, scrolled to that view's keys; again
/// (or `q`, `Esc`): back to the view as it was.
fn toggle_help(app: &mut App) {
    if matches!(app.mode, Mode::Help(_)) {
        app.mode = app.behind.pop().unwrap_or(Mode::Normal);
        return;
    }
    let ctx = app.mode.context();
    let mut list = ListState::default();
    if ctx != Context::Normal {
        list.selected = crate::tui::overlay::help_heading(app, ctx).unwrap_or(0);
    }
    let behind = std::mem::replace(&mut app.mode, Mode::Help(list));
    if behind != Mode::Normal {
        app.behind.push(behind);
    }
    let max = crate::tui::overlay::max_scroll(app).unwrap_or(0);
    if let Some(l) = app.mode.list_mut() {
        l.selected = l.selected.min(max);
    }
}

/// `!`: the messages over the panes or a list view, which closing them goes
/// back to as it was.
fn toggle_messages(app: &mut App) {
    if matches!(app.mode, Mode::Messages(_)) {
        app.mode = app.behind.pop().unwrap_or(Mode::Normal);
        return;
    }
    let behind = std::mem::replace(&mut app.mode, Mode::Messages(ListState::default()));
    if behind != Mode::Normal {
        app.behind.push(behind);
    }
}

/// On quit: the cursor goes into the case file (see `case::on_quit`).
/// On quit: a note still being typed is kept as a draft, and the cursor is
/// saved. Returns what stderr should say of the draft.
pub fn case_on_quit(app: &mut App) -> Option<String> {
    let draft = notes::keep_draft(app);
    case::on_quit(app);
    draft
}

pub fn context(app: &App) -> Context {
    app.mode.context()
}

fn key_action(app: &App, key: Key) -> Option<Action> {
    let ctx = context(app);
    if let Some(a) = app.keymap.lookup(ctx, key) {
        return Some(a.clone());
    }
    match ctx {
        Context::Prompt | Context::Palette | Context::Editor => key.typed().map(Action::Input),
        // The list views answer the help key too (the status line offers
        // it everywhere): help opens at their own keys.
        Context::Messages
        | Context::Silences
        | Context::Notes
        | Context::Patterns
        | Context::Goroutines
            if app.keymap.lookup(Context::Normal, key) == Some(&Action::ToggleHelp) =>
        {
            Some(Action::ToggleHelp)
        }
        Context::Help
        | Context::Messages
        | Context::Silences
        | Context::Notes
        | Context::Patterns
        | Context::Goroutines => match key.code {
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::Pages(1)),
            KeyCode::PageUp => Some(Action::Pages(-1)),
            _ => panes_key(app, ctx, key)
                .map(Action::NotInView)
                .or_else(|| no_such_key(app, ctx, key)),
        },
        Context::Normal => no_such_key(app, ctx, key),
    }
}

/// A key bound nowhere in `ctx`: the status line says so, and names the
/// view that binds it, if one does (`x: no such key here; in the goroutines
/// view: goroutines-similar`). `<esc>` stays quiet: it is pressed to be
/// sure nothing is open.
fn no_such_key(app: &App, ctx: Context, key: Key) -> Option<Action> {
    let name = key.name();
    if key.code == KeyCode::Esc || name.contains('?') && name != "?" {
        return None;
    }
    let help = app
        .keymap
        .by_name("help")
        .and_then(|b| b.keys.first())
        .map_or_else(|| "?".to_string(), Key::name);
    let elsewhere = app
        .keymap
        .bindings
        .iter()
        .find(|b| b.context != ctx && is_view(b.context) && b.keys.contains(&key))
        .map(|b| format!("; in the {} view: {}", b.context.name(), b.name))
        .unwrap_or_default();
    Some(Action::NoSuchKey(format!(
        "{name}: no such key here{elsewhere} ({help} for keys)"
    )))
}

/// A list view the command line opens over (`:` there).
fn is_list_view(mode: &Mode) -> bool {
    is_list_context(mode.context())
}

/// The list views' contexts: silences, notes, patterns, goroutines.
fn is_list_context(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Silences | Context::Notes | Context::Patterns | Context::Goroutines
    )
}

/// The contexts a user opens and works in (not a prompt, the palette or
/// the editor, whose keys type).
fn is_view(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Normal
            | Context::Silences
            | Context::Notes
            | Context::Patterns
            | Context::Goroutines
    )
}

/// A key of the panes pressed in a list view, which has no such key: what
/// the status line says instead of nothing (`<C-p> (palette) is a key of
/// the panes: d closes this view`).
fn panes_key(app: &App, ctx: Context, key: Key) -> Option<String> {
    if !is_list_context(ctx) {
        return None;
    }
    let b = app
        .keymap
        .bindings
        .iter()
        .find(|b| b.context == Context::Normal && b.keys.contains(&key))?;
    let close = app
        .keymap
        .by_name(&format!("{}-close", ctx.name()))
        .and_then(|c| c.keys.first())
        .map_or_else(|| "q".to_string(), Key::name);
    Some(format!(
        "{} ({}) is a key of the panes: {close} closes this view",
        key.name(),
        b.name
    ))
}

pub fn apply(app: &mut App, action: Action) {
    // A new action replaces the last message; typing and scrolling keep it.
    if !matches!(
        action,
        Action::Input(_)
            | Action::Note(super::notes::NoteAction::Edit(_))
            | Action::Backspace
            | Action::ClearInput
            | Action::Redraw
            | Action::SelectUp
            | Action::SelectDown
            | Action::ScrollDetails(_)
            | Action::PageDetails(_)
            | Action::ToggleMessages
    ) {
        app.message = None;
        app.message_short = None;
        app.message_end = None;
    }
    if goroutines::typing(app, &action) {
        return;
    }
    if search::cancels_pending(&action) {
        app.pending_match = None;
    }
    match action {
        Action::Quit => notes::quit(app),
        Action::ToggleHelp => toggle_help(app),
        Action::ToggleMessages => toggle_messages(app),
        Action::OpenPalette => {
            app.mode = Mode::Palette {
                input: String::new(),
                list: ListState::default(),
            }
        }
        Action::OpenPrompt(kind) => {
            let over = (kind == PromptKind::Command && is_list_view(&app.mode))
                .then(|| Box::new(std::mem::replace(&mut app.mode, Mode::Normal)));
            app.mode = Mode::Prompt {
                kind,
                input: String::new(),
                over,
            }
        }
        Action::CommandPrompt(input) => {
            app.mode = Mode::Prompt {
                kind: PromptKind::Command,
                input,
                over: None,
            }
        }
        Action::NotInView(said) => app.info(said),
        Action::NoSuchKey(said) => app.hint(&said),
        Action::SetZone(zone) => {
            app.info(format!("times shown in {}", zone.label()));
            app.zone = zone;
        }
        Action::Cancel => {
            if app.mode == Mode::Normal {
                app.offset_mark = None;
                app.notes.range_start = None;
                search::search(app, "");
            } else {
                app.mode = match std::mem::replace(&mut app.mode, Mode::Normal) {
                    Mode::Prompt { over: Some(v), .. } => *v,
                    _ => Mode::Normal,
                };
            }
        }
        Action::Redraw => app.clear_screen = true,
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.info(if app.mouse {
                "mouse on (F2: off, to select text)"
            } else {
                "mouse off: the terminal selects text (F2: on)"
            });
        }
        Action::Records(n) => nav::records(app, n),
        Action::Pages(n) => {
            if app.mode.list_mut().is_some() {
                move_list(app, n * 10);
            } else {
                let page = nav::page_rows(app) as i64;
                nav::records(app, n * page);
            }
        }
        Action::Start => nav::start(app),
        Action::End => nav::end(app),
        Action::TimeStep(n) => nav::time_step(app, n),
        Action::StepSize(d) => {
            let len = super::app::STEPS.len() as i64;
            app.step = (app.step as i64 + d).clamp(0, len - 1) as usize;
            let step = crate::time::format_duration(app.step_size());
            app.info(format!("time step {step}"));
        }
        Action::Coarse(n) => nav::coarse(app, n),
        Action::OverviewZoom(n) => nav::overview_zoom(app, n),
        Action::GotoTime(t) => nav::goto(app, t),
        Action::GotoTyped(t, note) => zones::go_to_typed(app, t, note),
        Action::Level {
            dir,
            severity,
            scope,
        } => nav::level(app, dir, severity, scope),
        Action::Match(dir) => search::next_match(app, dir),
        Action::Silence(dir) => silences::jump(app, dir),
        Action::OpenSilences { by_time } => silence_list::open(app, by_time),
        Action::ToggleSilenceOrder => silence_list::toggle_order(app),
        Action::GotoSilence(k) => silences::go_to(app, k),
        Action::Bookmark(dir) => clock::bookmark_jump(app, dir),
        Action::ToggleBookmark => clock::toggle_bookmark(app),
        Action::FocusNext => focus_by(app, 1),
        Action::FocusPrev => focus_by(app, -1),
        Action::Focus(p) => {
            if p < app.panes.len() {
                app.focus = p;
                app.merged = false;
            }
        }
        Action::ToggleMerged => {
            app.merged = !app.merged;
            app.zoom = false;
        }
        Action::ToggleZoom => {
            app.zoom = !app.zoom;
            app.merged = false;
        }
        // One pane has no layout: the one a case keeps for its panes stays.
        Action::ToggleLayout if app.panes.len() < 2 => say_layout(app),
        Action::ToggleLayout => {
            // Tiled ↔ stacked; back from stacked to the automatic choice when it tiles.
            // The panes' layout, also under the merged or zoomed view (which
            // never tiles, so `L` there only ever asked for side by side).
            let (merged, zoom) = (app.merged, app.zoom);
            (app.merged, app.zoom) = (false, false);
            let tiled = |app: &App| super::layout::screen(app).tiled();
            app.layout = if tiled(app) {
                Layout::Stacked
            } else {
                app.layout = Layout::Auto;
                if tiled(app) {
                    Layout::Auto
                } else {
                    Layout::SideBySide
                }
            };
            (app.merged, app.zoom) = (merged, zoom);
            say_layout(app);
        }
        Action::Reload => load::reload(app),
        Action::ToggleFollow => load::toggle_follow(app),
        // A mode a screen whose lines all fit does not show: each says
        // what it switched to.
        Action::ToggleWrap => {
            app.wrap = !app.wrap;
            say_switch(
                app,
                app.wrap,
                "long lines wrapped (\\ cuts them again)",
                "long lines cut with … (\\ wraps them)",
            );
        }
        Action::ToggleStamps => {
            app.show_stamps = !app.show_stamps;
            say_switch(
                app,
                app.show_stamps,
                "lines as written, stamps and all (= reads them again)",
                "lines as read: the stamp and level in their columns (= shows them as written)",
            );
        }
        Action::ToggleContinuation => {
            app.expand = !app.expand;
            say_switch(
                app,
                app.expand,
                "continuation lines shown under their records (c collapses them)",
                "continuation lines collapsed: [+N lines] (c shows them)",
            );
        }
        Action::Sideways(n) => {
            let step = (app.size.0 as i64 / 4).max(8);
            let before = app.hscroll;
            app.hscroll = (app.hscroll as i64 + n * step).max(0) as usize;
            app.info(match app.hscroll {
                0 if before == 0 => "already at the left edge".to_string(),
                0 => "scrolled back to the left edge".to_string(),
                k => format!("scrolled {k} columns right (h scrolls back)"),
            });
        }
        Action::CycleRelative => {
            app.relative = match app.relative {
                Relative::Off => Relative::Previous,
                Relative::Previous => Relative::Cursor,
                Relative::Cursor => Relative::Bookmark,
                Relative::Bookmark => Relative::Off,
            };
            // Said each time: "+0.411s" reads the same whatever it is from.
            app.info(match app.relative {
                Relative::Previous => "times relative to the row above (r: to the cursor)",
                Relative::Cursor => "times relative to the cursor (r: to the last bookmark)",
                Relative::Bookmark if app.last_bookmark.is_none() => {
                    "relative to a bookmark: none yet (press m on a row)"
                }
                Relative::Bookmark => "times relative to the last bookmark (r: times only)",
                Relative::Off => "the time column shows times only",
            });
        }
        Action::Search(re) => search::search(app, &re),
        Action::Filter { kind, regex, scope } => {
            filter::add_filter(app, kind, &regex, scope);
            case::filters_changed(app);
        }
        Action::MinLevel { level, scope } => {
            filter::min_level(app, level, scope);
            case::filters_changed(app);
        }
        Action::ClearFilters(scope) => {
            filter::clear(app, scope);
            case::filters_changed(app);
        }
        Action::SetOffset(d) => {
            clock::set_offset(app, app.focus, d);
            // A typed offset no longer comes from the marked events.
            case::offset_changed(app, app.focus, Some(None));
            app.notes.offset_marks.remove(&app.focus);
        }
        Action::NudgeOffset(d) => {
            let cur = app.source(app.focus).map_or(0, |s| s.offset);
            clock::set_offset(app, app.focus, cur + d);
            case::offset_changed(app, app.focus, None);
        }
        Action::MarkOffset => clock::mark_offset(app),
        Action::Note(a) => notes::apply(app, a),
        Action::TogglePatterns => pattern_view::toggle(app),
        Action::ShowPatterns { pane, template } => pattern_view::show(app, pane, template),
        Action::PatternScope => pattern_view::scope(app),
        Action::PatternSort => pattern_view::sort(app),
        Action::PatternWindow => pattern_view::window(app),
        Action::Command(line) => command::run(app, &line),
        Action::Goroutines(a) => goroutines::apply(app, a),
        Action::Input(c) => match &mut app.mode {
            Mode::Prompt { input, .. } => input.push(c),
            Mode::Palette { input, list } => {
                input.push(c);
                *list = ListState::default();
            }
            Mode::NoteEditor(e) => e.insert(c),
            _ => {}
        },
        Action::Backspace => match &mut app.mode {
            Mode::Prompt { input, .. } | Mode::Palette { input, .. } => {
                input.pop();
            }
            _ => {}
        },
        Action::ClearInput => {
            if let Mode::Prompt { input, .. } = &mut app.mode {
                input.clear();
            }
        }
        Action::SelectUp | Action::SelectDown => {
            let d: i64 = if action == Action::SelectUp { -1 } else { 1 };
            move_list(app, d);
        }
        Action::ScrollDetails(n) | Action::PageDetails(n) => {
            let drawn = app.details_drawn.get();
            let lines = match action {
                Action::PageDetails(_) => n * drawn.height.saturating_sub(1).max(1) as i64,
                _ => n,
            };
            if let Some(list) = app.mode.list_mut() {
                list.scroll_details(lines, drawn);
            }
        }
        Action::Submit => submit(app),
    }
}

fn submit(app: &mut App) {
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Prompt { kind, input, over } => {
            match kind {
                PromptKind::Command => apply(app, Action::Command(input)),
                PromptKind::Search => apply(app, Action::Search(input)),
                PromptKind::Goto => apply(app, Action::Command(format!("goto {input}"))),
            }
            // Back to the view the line was opened over, unless the command
            // opened another.
            if let Some(v) = over
                && app.mode == Mode::Normal
            {
                app.mode = *v;
            }
        }
        Mode::Palette { input, list } => {
            let entries = super::palette::entries(app, &input);
            let pick = entries.get(list.selected.min(entries.len().saturating_sub(1)));
            if let Some(e) = pick {
                let action = e.action.clone();
                apply(app, action);
            }
        }
        Mode::Silences { list, by_time } => silence_list::submit(app, list, by_time),
        Mode::Patterns(v) => pattern_view::filter_selected(app, &v),
        other => app.mode = other,
    }
}

fn focus_by(app: &mut App, d: i64) {
    let n = app.panes.len() as i64;
    if n == 0 {
        return;
    }
    app.focus = (app.focus as i64 + d).rem_euclid(n) as usize;
    if app.merged {
        app.merged = false;
    }
}

/// Scope names used by commands and messages.
pub fn scope_label(app: &App, scope: Scope) -> String {
    match scope {
        Scope::All => "all panes".into(),
        Scope::Focused => app
            .panes
            .get(app.focus)
            .map_or_else(String::new, |p| p.name.clone()),
    }
}

/// How panes asked to stand side by side (`L`) are drawn: `Some(columns)`
/// of the first row, or `None` stacked; nothing to say (`Err`) when they
/// were not asked for or the merged or zoomed view hides them.
fn side_by_side_shape(app: &App) -> Result<Option<usize>, ()> {
    if app.layout != Layout::SideBySide || app.merged || app.zoom || app.panes.len() < 2 {
        return Err(());
    }
    let a = super::layout::screen(app);
    let first = a.panes.first().map(|(_, r)| r.y);
    Ok(a.tiled()
        .then(|| a.panes.iter().filter(|(_, r)| Some(r.y) == first).count()))
}

/// What a display toggle switched to (`on`: its new state).
fn say_switch(app: &mut App, on: bool, when_on: &str, when_off: &str) {
    app.info(if on { when_on } else { when_off });
}

/// Which layout `L` switched to: each switch says it, as the stacked and
/// automatic ones said nothing.
fn say_layout(app: &mut App) {
    let name = match app.layout {
        Layout::SideBySide => "side by side",
        Layout::Stacked => "stacked",
        Layout::Auto => "automatic",
    };
    if app.panes.len() < 2 {
        return app.info("one pane: no layout to switch");
    }
    if app.merged || app.zoom {
        let view = if app.merged { "merged" } else { "zoomed" };
        return app.info(format!("{name} layout, once the {view} view closes"));
    }
    match app.layout {
        Layout::SideBySide => say_side_by_side(app),
        Layout::Stacked => app.info("stacked: one pane above another"),
        Layout::Auto => {
            let n = app.panes.len();
            let a = super::layout::screen(app);
            let first = a.panes.first().map(|(_, r)| r.y);
            let cols = a.panes.iter().filter(|(_, r)| Some(r.y) == first).count();
            app.info(if cols >= n {
                format!("automatic layout: {n} panes side by side")
            } else {
                format!("automatic layout: {n} panes in {cols} columns")
            });
        }
    }
}

/// How panes asked to stand side by side are drawn, and why not all in one
/// row: each keeps `MIN_FORCED_PANE_WIDTH` columns, so they take rows of
/// fewer, or stack. Said by `L` and by a resize that changes it.
fn say_side_by_side(app: &mut App) {
    let n = app.panes.len();
    let Ok(shape) = side_by_side_shape(app) else {
        return;
    };
    let need = n * (super::layout::MIN_FORCED_PANE_WIDTH as usize + 1) - 1;
    match shape {
        None => app.info_short(
            format!(
                "stacked: too narrow for panes side by side ({n} need {need} columns in a row)"
            ),
            "stacked: too narrow",
        ),
        Some(cols) if cols < n => app.info_short(
            format!("side by side in {cols} columns: {n} panes need {need} in a row"),
            format!("side by side in {cols} columns"),
        ),
        Some(_) => app.info(format!("side by side: {n} panes in one row")),
    }
}
