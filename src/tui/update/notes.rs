//! Notes from the screen: the editor on a record, a time range, a silence or a
//! goroutine group; the notes list; saving through the case file's writer
//! ("saved" is said only when the writer confirms the note is on disk); and
//! finding each note's record again when its source loads.

use super::clock::cursor_ref;
use super::nav::{goto, set_row};
use crate::case::anchor::resolve_all;
use crate::case::model::{new_id, now};
use crate::case::{About, Anchor, Change, Note, Reply};
use crate::time::Nanos;
use crate::tui::app::{App, Mode, RowRef};
use crate::tui::editor::Editor;
use crate::tui::keymap::Context;
use crate::tui::notes::{
    GoroutineGroup, NoteAction, NotesList, about_row, clock, describe_target, sorted,
};

pub fn apply(app: &mut App, a: NoteAction) {
    // A first `d` in the list asks; any other action cancels the question.
    if !matches!(a, NoteAction::ListDelete)
        && let Mode::Notes(l) = &mut app.mode
    {
        l.armed_delete = None;
    }
    match a {
        NoteAction::Annotate => annotate(app),
        NoteAction::MarkRange => mark_range(app),
        NoteAction::AnnotateSilence(which) => annotate_silence(app, which),
        NoteAction::AnnotateGoroutines(g) => annotate_goroutines(app, &g),
        NoteAction::Edit(op) => {
            if let Mode::NoteEditor(e) = &mut app.mode {
                e.apply(op);
            }
        }
        NoteAction::Save => save(app),
        NoteAction::Close => close(app),
        NoteAction::HowToLeave => how_to_leave(app),
        NoteAction::OpenList => {
            app.mode = match app.mode {
                Mode::Notes(_) => Mode::Normal,
                _ => Mode::Notes(NotesList::default()),
            }
        }
        NoteAction::ListJump => {
            if let Some(id) = selected(app) {
                app.mode = Mode::Normal;
                jump(app, &id);
            }
        }
        NoteAction::ListEdit => {
            if let Some(id) = selected(app) {
                edit(app, &id);
            }
        }
        NoteAction::ListDelete => list_delete(app),
        NoteAction::ListSort => {
            if let Mode::Notes(l) = &mut app.mode {
                l.by_created = !l.by_created;
                let by = if l.by_created { "creation" } else { "time" };
                app.info(format!("notes sorted by {by}"));
            }
        }
        NoteAction::Jump(id) => jump(app, &id),
        NoteAction::ToggleSearchNotes => {
            app.notes.search_notes = !app.notes.search_notes;
            app.info(if app.notes.search_notes {
                "search (/) includes notes: their text and #tags match on their records"
            } else {
                "search (/) looks at log records only"
            });
            if let Some(re) = app.search.as_ref().map(|r| r.as_str().to_string()) {
                super::search::search(app, &re);
            }
        }
        NoteAction::Report(path) => super::case::report(app, path),
    }
}

fn blank_note() -> Note {
    Note {
        id: new_id(),
        at: None,
        until: None,
        source: None,
        anchor: None,
        tags: Vec::new(),
        text: String::new(),
        created: now(),
        about: None,
    }
}

fn on_row(app: &App, note: &mut Note, (p, r): RowRef) {
    if let Some(src) = app.source(p) {
        note.anchor = Anchor::of(src, r);
        note.at = src.time(r);
        note.source = Some(src.name.clone());
    }
}

/// The editor over the current view, which it goes back to once closed.
fn open(app: &mut App, note: Note, about: String, new: bool) {
    let editor = Mode::NoteEditor(Box::new(Editor::new(note, about, new)));
    let behind = std::mem::replace(&mut app.mode, editor);
    if matches!(
        behind,
        Mode::Silences { .. } | Mode::Goroutines(_) | Mode::Notes(_) | Mode::Patterns(_)
    ) {
        app.behind.push(behind);
    }
}

/// Closes the editor: back to the view it was opened over.
fn leave(app: &mut App) {
    app.mode = app.behind.pop().unwrap_or(Mode::Normal);
}

fn annotate(app: &mut App) {
    let Some(at) = cursor_ref(app) else {
        app.info("no record here to annotate");
        return;
    };
    let mut note = blank_note();
    on_row(app, &mut note, at);
    let about = about_row(app, at);
    open(app, note, about, true);
}

/// `A` … `A`: a note from the cursor's time at the first press to its time at
/// the second. The cursor is a time: after `t` or a step it may lie well past
/// the focused pane's record (in its silence), and that record's time would
/// shorten the range, to nothing when both ends fall in one quiet stretch.
/// The record at the start anchors the note, so the report can quote it.
fn mark_range(app: &mut App) {
    let here = cursor_ref(app);
    let t = app.cursor;
    let Some((start, start_row)) = app.notes.range_start.take() else {
        app.notes.range_start = Some((t, here));
        app.info(format!(
            "time range starts at {}: move to its end and press A again (Esc forgets it)",
            clock(app, t)
        ));
        return;
    };
    let (from, until, row) = if t >= start {
        (start, t, start_row)
    } else {
        (t, start, here)
    };
    let mut note = blank_note();
    if let Some(r) = row {
        on_row(app, &mut note, r);
    }
    note.at = Some(from);
    note.until = Some(until);
    let about = format!(
        "time range {} → {} ({})",
        clock(app, from),
        clock(app, until),
        crate::time::format_duration(until - from)
    );
    open(app, note, about, true);
}

/// A note on a silence: the one starting at `which`, or the focused source's at the cursor.
pub fn annotate_silence(app: &mut App, which: Option<(usize, Nanos)>) {
    let Some(analysis) = app.silences.clone() else {
        app.info("silences: still reading the sources");
        return;
    };
    // In the silence list: the selected silence.
    let which = match (&app.mode, which) {
        (Mode::Silences { list, by_time }, None) => {
            let items = crate::tui::silence_list::items(&analysis, *by_time);
            match items.get(list.selected.min(items.len().saturating_sub(1))) {
                Some(&crate::tui::silence_list::Item::Silence(k)) => {
                    let s = &analysis.silences[k];
                    Some((s.source, s.gap.start))
                }
                _ => {
                    app.info("a quiet period of every source: move to a silence of one source to note it");
                    return;
                }
            }
        }
        (_, w) => w,
    };
    let found = analysis.silences.iter().find(|s| match which {
        Some((p, start)) => s.source == p && s.gap.start == start,
        None => s.source == app.focus && s.gap.start <= app.cursor && app.cursor < s.gap.end,
    });
    let Some(s) = found else {
        app.info("no silence here: press s to go to the next one, then this again");
        return;
    };
    let mut note = blank_note();
    on_row(app, &mut note, (s.source, s.gap.before));
    let name = app.panes.get(s.source).map_or("?", |x| x.name.as_str());
    note.at = Some(s.gap.start);
    note.until = Some(s.gap.end);
    note.source = Some(name.to_string());
    note.about = Some(About::Silence {
        source: name.to_string(),
    });
    let about = format!(
        "silence: {name} quiet {} from {}",
        crate::time::format_duration(s.gap.duration()),
        clock(app, s.gap.start)
    );
    open(app, note, about, true);
}

/// A note on a goroutine group: the goroutine view calls this with the group under its cursor.
pub fn annotate_goroutines(app: &mut App, g: &GoroutineGroup) {
    let Some(name) = app.panes.get(g.pane).map(|p| p.name.clone()) else {
        return;
    };
    let mut note = blank_note();
    if let Some(r) = g.record {
        on_row(app, &mut note, (g.pane, r));
    }
    note.at = g.at.or(note.at);
    note.source = Some(name.clone());
    note.about = Some(About::Goroutines {
        source: name.clone(),
        state: g.state.clone(),
        count: g.count,
        frames: g.frames.clone(),
    });
    let top = g.frames.first().map_or("", String::as_str);
    let about = format!("goroutines: {} × {} in {name} │ {top}", g.count, g.state);
    open(app, note, about, true);
}

/// Opens the editor on the note `id` of the case file.
fn edit(app: &mut App, id: &str) {
    let Some(note) = app
        .case
        .as_ref()
        .and_then(|c| c.case().notes.iter().find(|n| n.id == id).cloned())
    else {
        return;
    };
    let about = describe_target(app, &note);
    open(app, note, about, false);
}

fn first_line(text: &str) -> String {
    let l = text.lines().next().unwrap_or("");
    let cut: String = l.chars().take(40).collect();
    if cut.len() < l.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn save(app: &mut App) {
    let Mode::NoteEditor(e) = &app.mode else {
        return;
    };
    let Some(note) = e.finished() else {
        let hint = if e.new {
            "empty note: nothing saved (type its text, or Esc to leave)"
        } else {
            "an empty note is not saved: to remove it, press d twice in the notes list (')"
        };
        app.info(hint);
        return;
    };
    leave(app);
    let row = note.anchor.as_ref().and_then(|a| {
        let p = app.panes.iter().position(|p| p.name == a.source)?;
        Some(a.resolve(app.source(p)?).record().map(|r| (p, r)))
    });
    let what = format!("note \"{}\"", first_line(&note.text));
    let id = note.id.clone();
    let Some(w) = app.case.as_mut() else {
        app.warn("notes are not kept: this session has no case file");
        return;
    };
    let seq = w.change(Change::PutNote(note));
    if let Some(r) = row {
        app.notes.set_row(&id, r);
    }
    app.notes.awaiting.push((seq, format!("saved {what}")));
    app.info(format!("saving {what} …"));
}

/// Quitting with the editor open, which only a signal (SIGTERM, SIGHUP as the
/// terminal closes) or the input's end can do: what was typed is kept, tagged
/// `#draft`. An edit cut short becomes a draft beside the note it was editing,
/// which stays as it was. Returns what to tell stderr; None when nothing was
/// typed. Without a case file the text itself is printed.
pub fn keep_draft(app: &mut App) -> Option<String> {
    let Mode::NoteEditor(e) = &app.mode else {
        return None;
    };
    if !e.changed() {
        return None;
    }
    let mut note = e.finished()?;
    if !e.new {
        note.id = new_id();
        note.created = now();
    }
    if !note.tags.iter().any(|t| t == "draft") {
        note.tags.push("draft".into());
    }
    let Some(w) = app.case.as_mut() else {
        return Some(format!(
            "the note being written was not saved (no case file):\n{}",
            note.text
        ));
    };
    let what = first_line(&note.text);
    w.change(Change::PutNote(note));
    Some(format!(
        "the note being written was saved as a draft (#draft) in {}: \"{what}\"",
        w.path().display()
    ))
}

/// Ctrl-C quits elsewhere; in the editor it would lose the text, so it
/// says the editor's own keys for leaving instead (as bound).
fn how_to_leave(app: &mut App) {
    let key = |name: &str| {
        app.keymap
            .bindings
            .iter()
            .find(|b| b.context == Context::Editor && b.name == name)
            .and_then(|b| b.keys.first())
            .map_or_else(|| format!(":{name}"), |k| k.name())
    };
    let (close, save) = (key("note-close"), key("note-save"));
    app.info_short(
        format!(
            "{close} closes the editor (asks first when something was typed), {save} saves the note"
        ),
        format!("{close} closes, {save} saves"),
    );
}

fn close(app: &mut App) {
    let Mode::NoteEditor(e) = &mut app.mode else {
        return;
    };
    if e.changed() && !e.confirm_discard {
        e.confirm_discard = true;
        return;
    }
    leave(app);
}

fn selected(app: &App) -> Option<String> {
    let Mode::Notes(l) = &app.mode else {
        return None;
    };
    let notes = sorted(app, l.by_created);
    let k = l.list.selected.min(notes.len().checked_sub(1)?);
    Some(notes[k].id.clone())
}

fn list_delete(app: &mut App) {
    let Some(id) = selected(app) else {
        return;
    };
    let Mode::Notes(l) = &mut app.mode else {
        return;
    };
    if l.armed_delete.as_deref() != Some(&id) {
        l.armed_delete = Some(id);
        app.info("press d again to delete this note");
        return;
    }
    l.armed_delete = None;
    let Some(w) = app.case.as_mut() else {
        return;
    };
    let what = w
        .case()
        .notes
        .iter()
        .find(|n| n.id == id)
        .map(|n| format!("deletion of note \"{}\"", first_line(&n.text)))
        .unwrap_or_default();
    let seq = w.change(Change::DeleteNote(id.clone()));
    app.notes.rows.remove(&id);
    app.notes.remark();
    app.notes.awaiting.push((seq, format!("saved {what}")));
    app.info("deleting the note …");
}

/// Moves the cursor to note `id`'s record, or its time when it has no record.
pub fn jump(app: &mut App, id: &str) {
    let Some(note) = app
        .case
        .as_ref()
        .and_then(|c| c.case().notes.iter().find(|n| n.id == id).cloned())
    else {
        return;
    };
    match (app.notes.rows.get(id).copied().flatten(), note.at) {
        (Some((p, r)), _) => {
            set_row(app, p, r);
            if !app.merged {
                app.focus = p;
            }
        }
        (None, Some(t)) => {
            goto(app, t);
            if app.notes.is_detached(id) {
                app.warn(
                    "the note's record is no longer in its source (detached): moved to its time",
                );
            }
        }
        (None, None) => app.warn("this note has no record and no time to go to"),
    }
}

/// Takes a reply of the case file's writer: says "saved" for the changes it
/// confirms, or the error (the changes stay in memory and are retried).
pub fn on_reply(app: &mut App, r: Reply) {
    let Some(w) = app.case.as_mut() else {
        return;
    };
    w.on_reply(&r);
    let path = w.path().display().to_string();
    match r {
        Reply::Saved { upto, merged } => {
            let (done, left): (Vec<_>, Vec<_>) = std::mem::take(&mut app.notes.awaiting)
                .into_iter()
                .partition(|(s, _)| *s <= upto);
            app.notes.awaiting = left;
            if let Some((_, what)) = done.last() {
                let more = if done.len() > 1 {
                    format!(" (and {} more changes)", done.len() - 1)
                } else {
                    String::new()
                };
                // "· saved" belongs with "to FILE": kept whole with it.
                let (head, lead) = match what.strip_suffix(" · saved") {
                    Some(head) => (head, format!(" · saved{more} to ")),
                    None => (what.as_str(), format!("{more} to ")),
                };
                app.info_ending(head, &lead, &path);
            }
            if merged.is_some() {
                for p in 0..app.panes.len() {
                    resolve_pane(app, p);
                }
            }
        }
        Reply::Failed { error, retry, .. } => {
            let n = w.unsaved();
            app.warn(format!(
                "NOT SAVED ({n} change(s) kept in memory, retrying in {}): {error}",
                crate::time::format_duration(retry.as_nanos() as Nanos)
            ));
        }
        Reply::Report { path, result } => match result {
            Ok(()) => app.info_ending("report written", " to ", &path.display().to_string()),
            Err(e) => app.warn(e),
        },
    }
}

/// Finds pane `p`'s notes in its (newly loaded) source. Returns how many are detached.
pub fn resolve_pane(app: &mut App, p: usize) -> usize {
    let (Some(w), Some(src)) = (app.case.as_ref(), app.source(p)) else {
        return 0;
    };
    let mine: Vec<(&str, &Anchor)> = w
        .case()
        .notes
        .iter()
        .filter_map(|n| Some((n.id.as_str(), n.anchor.as_ref()?)))
        .filter(|(_, a)| a.source == src.name)
        .collect();
    let anchors: Vec<&Anchor> = mine.iter().map(|(_, a)| *a).collect();
    let found: Vec<(String, Option<RowRef>)> = mine
        .iter()
        .zip(resolve_all(&anchors, src))
        .map(|((id, _), r)| (id.to_string(), r.record().map(|r| (p, r))))
        .collect();
    let detached = found.iter().filter(|(_, r)| r.is_none()).count();
    app.notes.rows.retain(|_, r| r.is_none_or(|(q, _)| q != p));
    app.notes.rows.extend(found);
    app.notes.remark();
    detached
}

/// Records of pane `p` whose notes match the search (text or `#tag`), when
/// searches include notes (`#`), ascending.
fn note_matches(app: &App, p: usize) -> Vec<u32> {
    let (true, Some(re), Some(w)) = (app.notes.search_notes, app.search.as_ref(), &app.case) else {
        return Vec::new();
    };
    let mut rows: Vec<u32> = w
        .case()
        .notes
        .iter()
        .filter(|n| re.is_match(&n.text) || n.tags.iter().any(|t| re.is_match(&format!("#{t}"))))
        .filter_map(|n| app.notes.rows.get(&n.id).copied().flatten())
        .filter(|&(q, _)| q == p)
        .map(|(_, r)| r as u32)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// Pane `p`'s search matches now include the records of matching notes.
pub fn add_note_matches(app: &mut App, p: usize) {
    let extra = note_matches(app, p);
    if extra.is_empty() {
        return;
    }
    let pane = &mut app.panes[p];
    let mut all: Vec<u32> = pane.matches.iter().copied().chain(extra).collect();
    all.sort_unstable();
    all.dedup();
    pane.matches = std::sync::Arc::new(all);
}

/// The early answer of pane `p`'s search counts a matching note's record that comes first.
pub fn first_note_match(app: &mut App, p: usize) {
    let extra = note_matches(app, p);
    let pane = &mut app.panes[p];
    if let Some((from, rec)) = pane.first_match
        && let Some(&n) = extra.iter().find(|&&r| r as usize >= from)
        && rec.is_none_or(|r| n < r)
    {
        pane.first_match = Some((from, Some(n)));
    }
}

/// `q`: quits, unless changes are still unsaved after a failed save; then the
/// first `q` says so, and a second quits (printing them, see `tui::run`).
pub fn quit(app: &mut App) {
    let unsaved = app
        .case
        .as_ref()
        .filter(|w| w.error().is_some())
        .map_or(0, |w| w.unsaved());
    if unsaved == 0 || app.notes.quit_armed {
        app.quit = true;
        return;
    }
    app.notes.quit_armed = true;
    app.warn(format!(
        "{unsaved} change(s) are not saved yet (the case file's last save failed; retrying): q again quits and prints them to the terminal"
    ));
}
