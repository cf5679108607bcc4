//! Notes on the screen: what the panes, the overview and the notes list need
//! to know about the case file's notes (where each one's record is now), and
//! the note actions, as plain data.

use std::collections::{HashMap, HashSet};

use super::action::Action;
use super::app::{App, ListState, RowRef};
use super::editor::Op;
use crate::case::{About, Note};
use crate::time::Nanos;
use crate::timeparse::to_wall;

/// What a goroutine view hands over to annotate one of its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoroutineGroup {
    /// The pane of the dump.
    pub pane: usize,
    /// The dump's time, when known (the note is placed there in the timeline).
    pub at: Option<Nanos>,
    /// The group's state (`chan receive`, `running`) and size.
    pub state: String,
    pub count: u64,
    /// Its stack, innermost frame first, as shown (`main.worker (main.go:42)`).
    pub frames: Vec<String>,
    /// A record of the dump to anchor on (the group's first goroutine header), when known.
    pub record: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NoteAction {
    /// A note on the cursor record.
    Annotate,
    /// First press: marks the start of a time range at the cursor; second: a note on the range.
    MarkRange,
    /// A note on a silence: (pane, start) of one, or None for the focused
    /// source's silence at the cursor (where `s` lands).
    AnnotateSilence(Option<(usize, Nanos)>),
    /// A note on a goroutine group (the goroutine view's hook).
    AnnotateGoroutines(Box<GoroutineGroup>),
    /// An editing key in the note editor.
    Edit(Op),
    /// Save the note being edited (Ctrl-S, Alt-Enter).
    Save,
    /// Close the editor; asks first when something was typed.
    Close,
    /// Ctrl-C in the editor, where it neither quits nor closes: says which
    /// keys do, keeping the text.
    HowToLeave,
    /// The notes list.
    OpenList,
    /// In the notes list: jump to the selected note's record or time.
    ListJump,
    ListEdit,
    /// Delete the selected note (pressed twice: the first press asks).
    ListDelete,
    /// Sort by time or by creation.
    ListSort,
    /// Jump to the note with this id (the palette's entries).
    Jump(String),
    /// `/` searches the notes' text and tags too.
    ToggleSearchNotes,
    /// Write the Markdown report (default: named after the case file).
    Report(Option<String>),
}

/// The notes list's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NotesList {
    pub list: ListState,
    /// Sorted by creation instead of time.
    pub by_created: bool,
    /// The note a first `d` asked about.
    pub armed_delete: Option<String>,
}

/// Where the case file's notes are on screen, kept current as sources load
/// and notes change.
#[derive(Debug, Default)]
pub struct Notes {
    /// Note id → its record (None: detached, the record is gone). Notes
    /// without an anchor, or whose source has not loaded, are absent.
    pub rows: HashMap<String, Option<RowRef>>,
    /// Rows carrying at least one note (the panes' marker).
    pub marked: HashSet<RowRef>,
    /// The start of a time range being marked (`A`): time and the row.
    pub range_start: Option<(Nanos, Option<RowRef>)>,
    /// Searches include notes' text and tags.
    pub search_notes: bool,
    /// Saves whose confirmation is waited for: (sequence, what to say before
    /// " to FILE": "saved bookmark", "api: 2 filters cleared · saved").
    pub awaiting: Vec<(u64, String)>,
    /// The clock-offset marks of each pane, found again (pane → its mark and the reference's).
    pub offset_marks: HashMap<usize, [Option<RowRef>; 2]>,
    /// The saved filters and cursor were applied (once, when every source had loaded).
    pub restored: bool,
    /// `q` was pressed with unsaved changes: the next `q` quits.
    pub quit_armed: bool,
}

impl Notes {
    pub fn set_row(&mut self, id: &str, at: Option<RowRef>) {
        self.rows.insert(id.to_string(), at);
        self.remark();
    }

    pub fn remark(&mut self) {
        self.marked = self.rows.values().filter_map(|r| *r).collect();
    }

    pub fn is_detached(&self, id: &str) -> bool {
        matches!(self.rows.get(id), Some(None))
    }
}

/// The case file's notes in the list's order: by time (the record's time as
/// shown now, else the note's), or by creation.
pub fn sorted(app: &App, by_created: bool) -> Vec<&Note> {
    let Some(w) = app.case.as_ref() else {
        return Vec::new();
    };
    let mut v: Vec<&Note> = w.case().notes.iter().collect();
    if by_created {
        v.sort_by_key(|n| n.created);
    } else {
        v.sort_by_key(|n| {
            let t = time_of(app, n);
            (t.is_none(), t, n.created)
        });
    }
    v
}

/// Where a note stands in time now: its record's time (with the current
/// clock offset), else the time it was noted at.
pub fn time_of(app: &App, n: &Note) -> Option<Nanos> {
    app.notes
        .rows
        .get(&n.id)
        .copied()
        .flatten()
        .and_then(|(p, r)| app.source(p)?.time(r))
        .or(n.at)
}

/// The note's tags but those `shown` (its text as a list shows it) carries
/// as `#words` already, where they were typed: "#cause storm #cause" said
/// it twice.
pub fn tags_apart(n: &Note, shown: &str) -> String {
    Note::tags_not_typed(&n.tags, shown)
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The palette's entries for notes: found by their text and tags; run, they jump to the note.
pub fn palette_entries(app: &App) -> Vec<(String, String, Action)> {
    sorted(app, false)
        .into_iter()
        .map(|n| {
            let text = n.text.replace('\n', " ");
            let label = format!("note: {text}");
            let mut desc = tags_apart(n, &text);
            if app.notes.is_detached(&n.id) {
                desc.push_str(" (detached)");
            }
            (label, desc, Action::Note(NoteAction::Jump(n.id.clone())))
        })
        .collect()
}

pub fn clock(app: &App, t: Nanos) -> String {
    to_wall(t, &app.zone).format("%H:%M:%S%.3f").to_string()
}

/// More columns than any editor box: a record's line is cleaned no further.
const ABOUT_COLUMNS: usize = 500;

/// The header line of a note on record `(p, r)`: "kern 17:23:05.120 │ ER? GPU hang …".
pub fn about_row(app: &App, (p, r): RowRef) -> String {
    let name = app.panes.get(p).map_or("?", |x| x.name.as_str());
    let t = app
        .source(p)
        .and_then(|s| s.time(r))
        .map_or_else(String::new, |t| format!(" {}", clock(app, t)));
    format!("{name}{t} │ {}", quoted(app, (p, r)))
}

/// Record `(p, r)` as its row reads it, after its level (`WRN rebalance
/// reason=…`): a JSON line as `message  key=value …`, a text line without
/// the stamp and level its row shows in columns (`shown::first_line`), as
/// written with `=`. Notes quote their record so: the time is beside it.
pub fn quoted(app: &App, (p, r): RowRef) -> String {
    let Some(src) = app.source(p) else {
        return String::new();
    };
    let e = src.entry(r);
    let level = e.and_then(|e| e.level());
    // A line can be megabytes long: only what can show is read.
    let whole = src.first_line(r);
    // A journal entry (`-o verbose`, `-o export`) is read whole: its
    // message may be its last field; `=` shows its first line.
    let keep = match src.detection.format.entries() {
        Some(_) => whole.len(),
        None => ABOUT_COLUMNS * 4 + 64,
    };
    let line = &whole[..whole.len().min(keep)];
    let mut text = if app.show_stamps {
        crate::ansi::display_text(crate::source::first_line_of(line))
    } else {
        let own = e.is_some_and(|e| e.own_time());
        crate::format::shown::first_line(&src.detection.format, line, own, level)
    };
    if line.len() < whole.len() {
        text.push('…');
    }
    match level {
        Some(_) => {
            let inferred = e.is_some_and(|e| e.level_inferred());
            format!("{} {text}", super::rows::level_tag(level, inferred))
        }
        None => text,
    }
}

/// What a note points at, in one line (the editor's header, the list's second line).
pub fn describe_target(app: &App, n: &Note) -> String {
    let row = app.notes.rows.get(&n.id).copied().flatten();
    match (&n.about, row) {
        (Some(About::Silence { source }), _) => {
            let span = match (n.at, n.until) {
                (Some(a), Some(b)) => format!(
                    " {} from {}",
                    crate::time::format_duration(b - a),
                    clock(app, a)
                ),
                _ => String::new(),
            };
            format!("silence: {source} quiet{span}")
        }
        (
            Some(About::Goroutines {
                source,
                state,
                count,
                frames,
            }),
            _,
        ) => format!(
            "goroutines: {count} × {state} in {source} │ {}",
            frames.first().map_or("", String::as_str)
        ),
        // A range on the record at its start: the range first.
        (None, Some(at)) => match (n.at, n.until) {
            (Some(a), Some(u)) => format!(
                "time range {} → {} ({}) │ {}",
                clock(app, a),
                clock(app, u),
                crate::time::format_duration(u - a),
                about_row(app, at)
            ),
            _ => about_row(app, at),
        },
        (None, None) => match (&n.anchor, n.until) {
            (Some(a), _) if app.notes.is_detached(&n.id) => {
                format!("(detached: no longer in {}) {}", a.source, a.line)
            }
            (Some(a), _) => format!("{} │ {}", a.source, a.line),
            (None, Some(u)) => format!(
                "time range {} → {}",
                n.at.map_or_else(String::new, |t| clock(app, t)),
                clock(app, u)
            ),
            (None, None) => n.at.map_or_else(
                || "no time".to_string(),
                |t| format!("at {}", clock(app, t)),
            ),
        },
    }
}

/// The marker of a row or overview column that carries a note.
pub const MARK: &str = "✎";

/// Every note's time as it stands now (see `time_of`).
pub fn times(app: &App) -> Vec<Nanos> {
    app.case.as_ref().map_or_else(Vec::new, |w| {
        w.case()
            .notes
            .iter()
            .filter_map(|n| time_of(app, n))
            .collect()
    })
}

/// A row one of the saved clock offsets was derived from (`o` … `o`).
pub fn is_offset_mark(app: &App, at: RowRef) -> bool {
    app.notes
        .offset_marks
        .values()
        .any(|m| m.contains(&Some(at)))
}

/// "NOT SAVED (2)" while the case file's last save failed (the writer retries).
pub fn unsaved_label(app: &App) -> Option<String> {
    let w = app.case.as_ref()?;
    w.error()?;
    Some(format!("NOT SAVED ({})", w.unsaved()))
}
