//! The goroutine view: `d` on a dump pane (or on a Go panic in a log) opens
//! it, a worker parses and groups the dump, and the view's keys move through
//! groups, lock groups and the diff of two dumps.

use std::sync::Arc;

use crate::format::Format;
use crate::goroutine::when::{self, DumpTime, Placement, TimeOrigin};
use crate::headless::goroutines::Analysis;
use crate::time::Nanos;
use crate::tui::action::Action;
use crate::tui::app::{App, ListState, Load, Mode};
use crate::tui::goroutine_view::{
    DumpKey, Follow, GoAction, GoroutineView, Parsed, Section, Slot, Step, diff_pair, group_rows,
    panic_row,
};
use crate::tui::work::Job;

fn is_dump(app: &App, p: usize) -> bool {
    app.source(p)
        .is_some_and(|s| s.detection.format == Format::GoDump)
}

/// Asks a worker for a dump's analysis at a grouping, unless it has it or asked.
fn request(app: &mut App, key: DumpKey, similar: bool) {
    if app.dumps.slots.contains_key(&(key, similar)) {
        return;
    }
    let Some(src) = app.source(key.pane).cloned() else {
        return;
    };
    let range = key.record.map(|r| {
        let start = src.index.get(r).map_or(0, |e| e.offset());
        let end = src.index.end_of(r).min(src.parts.total_len());
        (start, end)
    });
    let time = match key.record {
        // A dump before a source's last has no time but its own log line's
        // (the file's is its last dump's): the worker dates it.
        _ if key.part.is_some() => None,
        Some(r) => src.time(r).map(|time| DumpTime {
            time,
            origin: TimeOrigin::LogLine,
        }),
        // A dump printed inside a log is dated by the worker, from the log
        // line its panic was printed in, unless a time was set.
        None => app.dumps.times.get(&key.pane).copied().or_else(|| {
            let set = app.dumps.set_times.get(key.pane).copied().flatten();
            when::decide(set, None, None, None).time()
        }),
    };
    let bytes = range.map_or(src.parts.total_len(), |(a, b)| b - a);
    let source = (key.pane, key.record);
    let parsed = app.dumps.parsed.get(&source).cloned();
    // Read before: only the grouping is left to do.
    let step = parsed.as_ref().map(|p| Step::Grouping {
        goroutines: p.dump(key.part).0.total(),
    });
    let generation = app.next_generation();
    app.dumps.slots.insert(
        (key, similar),
        Slot::Pending {
            generation,
            bytes,
            step,
        },
    );
    if parsed.is_none() {
        // A read under way: this analysis starts from it once it is done.
        if let Some(waiting) = app.dumps.reading.get_mut(&source) {
            waiting.push((key, similar));
            return;
        }
        app.dumps.reading.insert(source, Vec::new());
    }
    app.jobs.push(Job::Goroutines {
        key,
        similar,
        generation,
        source: src,
        range,
        time,
        parsed,
    });
}

/// A source finished loading: a dump is analysed at once (the view is then
/// ready when asked for); once every source is read, dumps are dated and,
/// when only dumps are open, the first one's view opens.
pub fn on_loaded(app: &mut App, id: usize) {
    if is_dump(app, id) {
        request(app, DumpKey::pane(id), false);
        // Read again (`R`, following) with the view open on this source:
        // what it shows was forgotten with the old read; analysed anew.
        if let Mode::Goroutines(v) = &app.mode
            && v.key.pane == id
        {
            let (key, similar) = (v.key, v.similar);
            request(app, key, similar);
        }
    }
    if app
        .panes
        .iter()
        .any(|p| matches!(p.load, Load::Opening | Load::Indexing { .. }))
    {
        return;
    }
    let dumps: Vec<usize> = (0..app.panes.len()).filter(|&p| is_dump(app, p)).collect();
    place_dumps(app);
    // Dumps alone: the cursor starts at the first one's time.
    super::nav::follow_start(app);
    // With logs open, the panes (in time) come first and `d` opens the view;
    // with only dumps there is no timeline to show, so the view opens at once.
    let all_dumps = !dumps.is_empty()
        && app
            .panes
            .iter()
            .enumerate()
            .all(|(p, pane)| dumps.contains(&p) || pane.source.is_none());
    if all_dumps && app.mode == Mode::Normal && !app.dumps.opened {
        app.dumps.opened = true;
        app.focus = dumps[0];
        app.mode = Mode::Goroutines(GoroutineView::new(DumpKey::pane(dumps[0])));
    }
}

/// Gives each dump pane that prints no time its time, as the headless
/// commands do (`when::placements`), so it sits on the overview and in time
/// with the logs; says how to place one whose file's time is no help.
fn place_dumps(app: &mut App) {
    let panes: Vec<usize> = (0..app.panes.len())
        .filter(|&p| app.source(p).is_some() && !app.dumps.times.contains_key(&p))
        .collect();
    let srcs: Vec<&crate::source::Source> = panes.iter().filter_map(|&p| app.source(p)).collect();
    let set: Vec<Option<Nanos>> = panes
        .iter()
        .map(|&p| app.dumps.set_times.get(p).copied().flatten())
        .collect();
    for (k, placement) in when::placements(&srcs, &set) {
        let p = panes[k];
        match placement {
            Placement::At(t) => {
                app.dumps.times.insert(p, t);
                if let Some(src) = app.panes[p].source.as_mut() {
                    when::date(src, t);
                }
            }
            Placement::MtimeTooFar { away, .. } => {
                let note = when::too_far_note(&app.panes[p].name, away);
                app.info(note);
            }
            Placement::Unknown => {}
        }
    }
}

/// The dump the cursor is on: the focused dump pane, or a log record that
/// opens a Go panic or fatal error.
fn dump_at_cursor(app: &App) -> Result<DumpKey, String> {
    let (p, rec) = if app.merged {
        app.merged_cursor()
            .map(|(p, r)| (p, Some(r)))
            .ok_or("no record at the cursor")?
    } else {
        let p = app.focus;
        let rec = app.cursor_row(p).and_then(|k| Some(app.rows(p)?.record(k)));
        (p, rec)
    };
    let Some(src) = app.source(p) else {
        return Err("that source is still opening".into());
    };
    if src.detection.format == Format::GoDump {
        return Ok(DumpKey::pane(p));
    }
    let rec = rec.ok_or("no record at the cursor")?;
    if starts_go_crash(&src.detection.format, src.first_line(rec)) || holds_goroutines(src, rec) {
        return Ok(DumpKey {
            pane: p,
            record: Some(rec),
            part: None,
        });
    }
    Err(format!(
        "no goroutine dump here: {} is not a dump and its cursor record is not a Go panic (e finds errors)",
        app.panes[p].name
    ))
}

/// A record's first line opens a Go panic or fatal error (or a goroutine
/// dump, in a log that prefixes lines), alone or after a log prefix
/// (`… app[12]: panic: …`, a journal entry's message), or ends in the
/// runtime's `SIGQUIT: quit`.
fn starts_go_crash(format: &Format, line: &[u8]) -> bool {
    use crate::goroutine::line::{crash_opener, dump_opener, signal_dump_at};
    format.message(line).is_some_and(|m| dump_opener(&m.text()))
        || crash_opener(line).is_some()
        || signal_dump_at(line).is_some()
        || ["panic: ", "fatal error: "].iter().any(|w| {
            memchr::memmem::find(line, w.as_bytes())
                .is_some_and(|at| crash_opener(&line[at..]).is_some())
        })
}

/// How far into a record a goroutine header is looked for.
const HEADER_REACH: u64 = 64 << 10;

/// A log record that holds goroutines: a stack the program logged (`…
/// stack: goroutine 1 [running]:`), or a `?debug=2` dump written into a log
/// under one of its lines. Its header is near the record's start.
fn holds_goroutines(src: &crate::source::Source, rec: usize) -> bool {
    use crate::goroutine::line;
    let start = src.index.get(rec).map_or(0, |e| e.offset());
    let end = src.index.end_of(rec).min(start + HEADER_REACH);
    let bytes = src.parts.slice(start, end);
    memchr::memmem::find_iter(bytes, b"goroutine ").any(|k| {
        let rest = &bytes[k..];
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let header = &rest[..end];
        line::header(header.strip_suffix(b"\r").unwrap_or(header)).is_some()
    })
}

fn view_mut(app: &mut App) -> Option<&mut GoroutineView> {
    match &mut app.mode {
        Mode::Goroutines(v) => Some(v),
        _ => None,
    }
}

/// The analysis the view shows, once the worker has answered.
pub fn shown(app: &App) -> Option<(GoroutineView, Arc<Analysis>)> {
    let Mode::Goroutines(v) = &app.mode else {
        return None;
    };
    let a = app.dumps.ready(v.key, v.similar)?.clone();
    Some((v.clone(), a))
}

/// `w`: the panes to when the selected group's longest wait began, the
/// earlier end of its minute (`when::wait_began`), the view closed.
fn wait_began(app: &mut App) {
    let Some((v, a)) = shown(app) else { return };
    let Some(&k) = group_rows(&a, &v).ranked.get(v.list.selected) else {
        return;
    };
    let g = &a.groups[a.ranked[k].group];
    let dumped = crate::tui::goroutine_view::dump_time(app, &v, &a);
    let Some((from, _)) = dumped.and_then(|t| when::wait_began(t.time, g.wait_max)) else {
        let name = app.panes[v.key.pane].name.clone();
        return app.info(match dumped {
            None => format!("{name} has no known time: --set {name}.time=… dates it"),
            Some(_) => "this group waited under a minute (the dump prints no wait)".to_string(),
        });
    };
    let who = match crate::goroutine::rank::own_frame(&a.dump, g) {
        Some(f) => format!(" in {}", a.dump.name(a.dump.frame(f).function)),
        None => String::new(),
    };
    let began =
        crate::headless::goroutines::wait_began_text(dumped, g, &app.zone).unwrap_or_default();
    app.mode = Mode::Normal;
    super::nav::goto(app, from);
    app.info(format!(
        "{} goroutine{}{who} began waiting {began} (w in the goroutine view)",
        g.count,
        if g.count == 1 { "" } else { "s" }
    ));
}

/// The dump panes and their times, for the diff.
fn dump_panes(app: &App) -> Vec<(usize, Option<Nanos>)> {
    (0..app.panes.len())
        .filter(|&p| is_dump(app, p))
        .map(|p| (p, app.dumps.times.get(&p).map(|t| t.time)))
        .collect()
}

pub fn apply(app: &mut App, action: GoAction) {
    match action {
        GoAction::Back => {
            if let Some(v) = view_mut(app).filter(|v| !v.filter.is_empty()) {
                v.filter.clear();
                v.list = ListState::default();
                return;
            }
            apply(app, GoAction::Toggle);
        }
        GoAction::Toggle => {
            if let Mode::Goroutines(v) = &app.mode {
                let (pane, whole) = (v.key.pane, v.key.record.is_none());
                let at = selected_record(app).filter(|_| whole);
                if whole {
                    app.focus = pane;
                }
                app.mode = Mode::Normal;
                // The raw text of the group selected: its first goroutine.
                if let Some(r) = at {
                    super::nav::go_to(app, pane, r);
                }
                return;
            }
            match dump_at_cursor(app) {
                Ok(key) => {
                    app.mode = Mode::Goroutines(GoroutineView::new(key));
                    request(app, key, false);
                }
                Err(e) => app.info(e),
            }
        }
        GoAction::Unfold => {
            let Some((v, a)) = shown(app) else { return };
            let selected = group_rows(&a, &v).ranked.get(v.list.selected).copied();
            let mut v = v;
            v.unfold = !v.unfold;
            // The selected group stays selected.
            let rows = group_rows(&a, &v);
            v.list.selected = selected
                .and_then(|k| rows.ranked.iter().position(|&r| r == k))
                .unwrap_or(0);
            app.info(if v.unfold {
                "idle standard-library groups shown (a folds them)"
            } else {
                "idle standard-library groups folded (a shows them)"
            });
            app.mode = Mode::Goroutines(v);
        }
        GoAction::Panic => {
            let Some((mut v, a)) = shown(app) else { return };
            if a.dump.panic.is_none() {
                app.info("no panic in this dump");
                return;
            }
            v.section = Section::Groups;
            if panic_row(&a, &group_rows(&a, &v)).is_none() {
                v.filter.clear();
            }
            match panic_row(&a, &group_rows(&a, &v)) {
                Some(row) => v.list.selected = row,
                None => {
                    app.info("the panicking goroutine is not in the dump (only its message is)")
                }
            }
            app.mode = Mode::Goroutines(v);
        }
        GoAction::Note => note(app),
        GoAction::Similarity => {
            let Some(v) = view_mut(app) else { return };
            v.similar = !v.similar;
            v.list = ListState::default();
            let (key, similar) = (v.key, v.similar);
            request(app, key, similar);
            diff_if_ready(app);
            app.info(if similar {
                "grouped by similar stacks: the same functions, any line (x: exact)"
            } else {
                "grouped by exact stacks: the same function, file and line in every frame (x: similar)"
            });
        }
        GoAction::Section(d) => {
            let (pair, earlier) = match &app.mode {
                Mode::Goroutines(v) if v.key.record.is_none() => (
                    diff_pair(&dump_panes(app), v.key.pane),
                    v.key.part.is_some(),
                ),
                _ => (None, false),
            };
            // The diff compares each file's last dump.
            let offered = pair.filter(|_| !earlier);
            let Some(v) = view_mut(app) else { return };
            let mut order = vec![Section::Groups, Section::Locks];
            if offered.is_some() {
                order.push(Section::Diff);
            }
            let at = order.iter().position(|s| *s == v.section).unwrap_or(0) as i64;
            v.section = order[(at + d).rem_euclid(order.len() as i64) as usize];
            v.list = ListState::default();
            if offered.is_none() && d > 0 && v.section == Section::Groups {
                let why = if pair.is_some() {
                    let next = app.keymap.by_name("goroutines-next-dump");
                    let keys = next.map_or_else(String::new, |b| app.keymap.keys_of(b));
                    format!("the diff compares each file's last dump ({keys} steps there)")
                } else {
                    "the diff needs two dumps of the program open (casefile old.txt new.txt)".into()
                };
                app.info(why);
            }
            diff_if_ready(app);
        }
        GoAction::Filter => {
            if let Some(v) = view_mut(app) {
                v.section = Section::Groups;
                v.typing = true;
            }
        }
        GoAction::Dump(d) => step_dump(app, d),
        GoAction::WaitBegan => wait_began(app),
    }
}

/// The record holding the first goroutine of the group the view selects.
fn selected_record(app: &App) -> Option<usize> {
    let (v, a) = shown(app)?;
    if v.section != Section::Groups {
        return None;
    }
    let k = *group_rows(&a, &v).ranked.get(v.list.selected)?;
    let g = &a.groups[a.ranked[k].group];
    let offset = a.dump.goroutines.get(*g.members.first()? as usize)?.offset;
    app.source(v.key.pane)?.index.holding(offset)
}

/// `{` `}`: the previous or next dump of a source holding several (a
/// profile, then a panic). The filter, grouping and folding stay; the group
/// selected is followed into the other dump (`Follow`) once it is analysed.
fn step_dump(app: &mut App, d: i64) {
    let Some((mut v, a)) = shown(app) else {
        // Which dumps come before and after is known once this one is read.
        if matches!(app.mode, Mode::Goroutines(_)) {
            app.info("the dump asked for is still being read");
        }
        return;
    };
    let Some(p) = a.dump.part.as_ref() else {
        app.info("this source holds one dump");
        return;
    };
    let to = p.number as i64 - 1 + d;
    if to < 0 || to >= p.of as i64 {
        let end = if to < 0 { "first" } else { "last" };
        app.info(format!(
            "dump {} of {} is the file's {end} dump",
            p.number, p.of
        ));
        return;
    }
    let to = to as usize;
    v.follow = match v.section {
        Section::Groups => Follow::of(&a, &group_rows(&a, &v), v.list.selected),
        _ => None,
    };
    // Its last dump is the source's own key, the one the diff and the time go with.
    v.key.part = (to + 1 < p.of).then_some(to);
    v.list = ListState::default();
    if v.section == Section::Diff && v.key.part.is_some() {
        v.section = Section::Groups;
    }
    let (key, similar) = (v.key, v.similar);
    app.mode = Mode::Goroutines(v);
    request(app, key, similar);
    follow(app);
    diff_if_ready(app);
}

/// Selects in the shown dump the group `GoroutineView::follow` asks for,
/// once its analysis is there.
fn follow(app: &mut App) {
    let Some((mut v, a)) = shown(app) else { return };
    let Some(f) = v.follow.take() else { return };
    v.list.selected = f.row(&a, &group_rows(&a, &v));
    app.mode = Mode::Goroutines(v);
}

/// Keys while the filter is typed: they edit it (the prompt's bindings).
/// True when the action was the filter's.
pub fn typing(app: &mut App, action: &Action) -> bool {
    let Mode::Goroutines(v) = &mut app.mode else {
        return false;
    };
    if !v.typing {
        return false;
    }
    match action {
        Action::Input(c) => v.filter.push(*c),
        Action::Backspace => {
            v.filter.pop();
        }
        Action::ClearInput => v.filter.clear(),
        Action::Submit => v.typing = false,
        Action::Cancel => {
            v.typing = false;
            v.filter.clear();
        }
        _ => return false,
    }
    v.list = ListState::default();
    true
}

/// A worker says what it is doing with a dump: kept while it is the latest asked for.
pub fn on_progress(app: &mut App, key: DumpKey, similar: bool, generation: u64, now: Step) {
    if let Some(Slot::Pending {
        generation: g,
        step,
        ..
    }) = app.dumps.slots.get_mut(&(key, similar))
        && *g == generation
    {
        *step = Some(now);
    }
}

/// A worker's analysis: kept if it is the latest asked for. The source's
/// dumps, when it read them, are kept in any case: every later analysis of
/// the source starts from them.
pub fn on_done(
    app: &mut App,
    (key, similar): (DumpKey, bool),
    generation: u64,
    a: Arc<Analysis>,
    parsed: Option<Arc<Parsed>>,
) {
    if let Some(p) = parsed {
        app.dumps.parses += 1;
        app.dumps.parsed.insert((key.pane, key.record), p);
        // What was asked for while it was read is grouped from it now.
        for (k, s) in app
            .dumps
            .reading
            .remove(&(key.pane, key.record))
            .unwrap_or_default()
        {
            if matches!(app.dumps.slots.get(&(k, s)), Some(Slot::Pending { .. })) {
                app.dumps.slots.remove(&(k, s));
                request(app, k, s);
            }
        }
    }
    match app.dumps.slots.get(&(key, similar)) {
        Some(Slot::Pending { generation: g, .. }) if *g == generation => {}
        _ => return,
    }
    let viewed = matches!(&app.mode, Mode::Goroutines(v) if v.key == key);
    if let Some(w) = a.dump.warnings.first()
        && viewed
    {
        app.warn(format!("{}: {w}", app.panes[key.pane].name));
    } else if viewed
        && matches!(app.binary, crate::tui::symbols::BinaryState::None)
        && !app.dumps.told_addresses_only
        && crate::headless::goroutines::addresses_only(&a.dump)
    {
        // Once: another grouping or dump of it says no more.
        app.dumps.told_addresses_only = true;
        app.warn(format!(
            "{}: {}",
            app.panes[key.pane].name,
            crate::headless::goroutines::ADDRESSES_ONLY
        ));
    }
    app.dumps.slots.insert((key, similar), Slot::Ready(a));
    follow(app);
    super::symbols::request_dump(app, key, similar);
    diff_if_ready(app);
}

/// Computes the diff of the viewed dump pane and the other one once both are
/// read at the view's grouping (group counts, not goroutines: fast).
fn diff_if_ready(app: &mut App) {
    let Mode::Goroutines(v) = &app.mode else {
        return;
    };
    if v.key.record.is_some() || v.key.part.is_some() {
        return;
    }
    let similar = v.similar;
    let Some((old, new)) = diff_pair(&dump_panes(app), v.key.pane) else {
        return;
    };
    if app.dumps.diffs.contains_key(&(old, new, similar)) {
        return;
    }
    let k = DumpKey::pane;
    request(app, k(old), similar);
    request(app, k(new), similar);
    let (Some(a), Some(b)) = (
        app.dumps.ready(k(old), similar),
        app.dumps.ready(k(new), similar),
    ) else {
        return;
    };
    let d = crate::goroutine::diff::diff(&a.dump, &a.groups, &b.dump, &b.groups, a.similarity);
    app.dumps.diffs.insert((old, new, similar), Arc::new(d));
}

/// `n`: hands the selected group to the notes editor, anchored on the group's
/// first goroutine (or on the log record the dump was printed in).
fn note(app: &mut App) {
    let Some((v, a)) = shown(app) else { return };
    if v.section != Section::Groups {
        app.info("notes go on a group: Tab back to the groups");
        return;
    }
    let rows = group_rows(&a, &v);
    let Some(&k) = rows.ranked.get(v.list.selected) else {
        app.info("no group selected");
        return;
    };
    let d = &a.dump;
    let g = &a.groups[a.ranked[k].group];
    let frames = d.stacks[g.stack as usize]
        .frames
        .iter()
        .map(|&f| {
            let fr = d.frame(f);
            format!("{} ({}:{})", d.name(fr.function), d.name(fr.file), fr.line)
        })
        .collect();
    let record = match v.key.record {
        Some(r) => Some(r),
        None => g.members.first().and_then(|&m| {
            let offset = d.goroutines[m as usize].offset;
            // The record holding the goroutine's header.
            app.source(v.key.pane)?.index.holding(offset)
        }),
    };
    let at = match v.key.record {
        Some(r) => app.source(v.key.pane).and_then(|s| s.time(r)),
        // The pane's time is its last dump's.
        None if v.key.part.is_some() => a.time.map(|t| t.time),
        None => app.dumps.times.get(&v.key.pane).map(|t| t.time),
    };
    let group = crate::tui::notes::GoroutineGroup {
        pane: v.key.pane,
        at,
        state: d.name(g.state).to_string(),
        count: g.count,
        frames,
        record,
    };
    super::apply(
        app,
        Action::Note(crate::tui::notes::NoteAction::AnnotateGoroutines(Box::new(
            group,
        ))),
    );
}
