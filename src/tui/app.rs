//! The investigator's state. Only `update` changes it; views read it.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use regex::Regex;

use super::action::{Dir, FilterKind, PromptKind};
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use super::work::Job;
use crate::index::Zone;
use crate::level::Level;
use crate::source::Source;
use crate::time::{NANOS_PER_HOUR, NANOS_PER_MIN, NANOS_PER_SEC, Nanos};

/// Time step sizes cycled by `[` and `]`.
pub const STEPS: [Nanos; 5] = [
    NANOS_PER_SEC,
    10 * NANOS_PER_SEC,
    NANOS_PER_MIN,
    10 * NANOS_PER_MIN,
    NANOS_PER_HOUR,
];

#[derive(Debug, Clone)]
pub enum Load {
    Opening,
    Indexing {
        done: u64,
        total: u64,
    },
    Ready,
    /// The loader's error, kept typed (shared: the state is cloned in tests).
    Failed(Arc<crate::error::Error>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub kind: FilterKind,
    pub pattern: String,
}

/// Only the records of one template (Enter in the pattern view): a pane's
/// own filter, as template ids are per source.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateFilter {
    /// Index into the pane's mined templates; None until patterns are mined
    /// (a filter restored from the case file, which keeps only the text).
    pub id: Option<u32>,
    pub text: String,
}

/// Which rows a pane shows, as far as filters are concerned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterSet {
    pub filters: Vec<Filter>,
    pub min_level: Option<Level>,
    pub template: Option<TemplateFilter>,
}

impl FilterSet {
    pub fn is_empty(&self) -> bool {
        self.filters.is_empty() && self.min_level.is_none() && self.template.is_none()
    }

    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .filters
            .iter()
            .map(|f| match f.kind {
                FilterKind::In => format!("+/{}/", f.pattern),
                FilterKind::Out => format!("-/{}/", f.pattern),
            })
            .collect();
        if let Some(l) = self.min_level {
            parts.push(format!("≥{}", l.name()));
        }
        if let Some(t) = &self.template {
            let text = super::text::clean_head(t.text.as_bytes(), 40);
            parts.push(format!("pattern “{}”", super::text::shorten(&text, 40)));
        }
        parts.join(" ")
    }
}

/// Rows found by `by` (a filter set, a search as typed) among the first
/// `records` records of a read (`Source::read`).
#[derive(Debug, Clone, PartialEq)]
pub struct RowsOf<K> {
    pub read: u64,
    pub records: usize,
    pub by: K,
}

impl<K: PartialEq> RowsOf<K> {
    /// What `by` found in `src`: these rows are of its read.
    pub fn of(src: &Source, by: K) -> RowsOf<K> {
        RowsOf {
            read: src.read,
            records: src.index.len(),
            by,
        }
    }

    /// When `src` was read on from the read `rows` (these) were found in,
    /// by the same `by`: `rows`, and the record from which to look again:
    /// the last the read on kept (it may have grown), and every one after
    /// (a read on may read the last records again: `ReadOn::records`).
    pub fn kept(
        this: Option<&Self>,
        rows: Option<&Arc<Vec<u32>>>,
        by: &K,
        src: &Source,
    ) -> Option<(Arc<Vec<u32>>, usize)> {
        let (this, rows, on) = (this?, rows?, src.read_on?);
        (this.by == *by && on.read == this.read && on.records <= this.records)
            .then(|| (rows.clone(), on.records.saturating_sub(1)))
    }
}

#[derive(Debug)]
pub struct Pane {
    pub name: String,
    /// The source, partial while indexing; None until its bytes are open.
    pub source: Option<Source>,
    pub load: Load,
    pub filters: FilterSet,
    /// Record numbers that pass the filters, ascending; None shows every record.
    pub visible: Option<Arc<Vec<u32>>>,
    /// True while a filter job for this pane is running.
    pub filtering: bool,
    /// What `visible` was filtered from, and what the running filter job
    /// filters: a log read on since is filtered from its first new record.
    pub visible_of: Option<RowsOf<FilterSet>>,
    pub filter_asked: Option<RowsOf<FilterSet>>,
    /// Likewise for `matches`: the search (its pattern as typed) and the
    /// records searched.
    pub matches_of: Option<RowsOf<String>>,
    pub search_asked: Option<RowsOf<String>>,
    /// Records matching the search, ascending.
    pub matches: Arc<Vec<u32>>,
    pub searching: bool,
    /// The worker's early answer: (record searched from, its first match at or after it).
    pub first_match: Option<(usize, Option<u32>)>,
    /// Latest job generations, read by workers so stale jobs stop early.
    pub filter_gen: Arc<AtomicU64>,
    pub search_gen: Arc<AtomicU64>,
    /// Cursor row of a source without timestamps, which cannot follow the cursor time.
    pub untimed_row: usize,
    /// The user changed the clock offset: keep it when the loader delivers the final source.
    pub offset_set: bool,
    /// How its file changed on disk since it was read (`R` reads it again).
    pub on_disk: Option<crate::source::DiskChange>,
    /// Being read again: the source read before stays shown until the new one is in.
    pub reloading: bool,
    /// When it was asked to be read again (following waits as long again).
    pub reload_asked: Option<std::time::Instant>,
    /// Asked by following, not with `R`: its read is in quietly.
    pub reload_quiet: bool,
    /// The case's bookmarks and notes found detached when it was last read:
    /// said again only when that changes.
    pub detached_bookmarks: usize,
    pub detached_notes: usize,
}

impl Pane {
    pub fn new(name: String) -> Pane {
        Pane {
            // Titles, tags, the overview and the status line all show this.
            name: crate::ansi::display_text(name.as_bytes()),
            source: None,
            load: Load::Opening,
            filters: FilterSet::default(),
            visible: None,
            filtering: false,
            matches: Arc::new(Vec::new()),
            searching: false,
            first_match: None,
            filter_gen: Arc::new(AtomicU64::new(0)),
            visible_of: None,
            filter_asked: None,
            matches_of: None,
            search_asked: None,
            search_gen: Arc::new(AtomicU64::new(0)),
            untimed_row: 0,
            offset_set: false,
            on_disk: None,
            reloading: false,
            reload_asked: None,
            reload_quiet: false,
            detached_bookmarks: 0,
            detached_notes: 0,
        }
    }

    pub fn timed(&self) -> bool {
        self.source
            .as_ref()
            .is_some_and(|s| s.first_time().is_some())
    }
}

/// Messages the messages view keeps.
const MESSAGES_KEPT: usize = 50;

/// The position in a list view: the selected entry (for help, the first line
/// shown), and how far its details are scrolled where the view has details.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// The first line of the selected entry's details shown (`J`/`K`).
    pub details: usize,
}

impl ListState {
    /// Moves by `d` entries; the renderer clamps to the list's length, which
    /// depends on what the list shows at that moment. Another entry's
    /// details start at their top.
    pub fn move_by(&mut self, d: i64) {
        self.select((self.selected as i64 + d).max(0) as usize);
    }

    pub fn select(&mut self, entry: usize) {
        if entry != self.selected {
            self.details = 0;
        }
        self.selected = entry;
    }

    /// Scrolls the details by `d` lines, no further than the last frame
    /// showed there was to see (`drawn`).
    pub fn scroll_details(&mut self, d: i64, drawn: DetailsDrawn) {
        let top = self.details.min(drawn.max_top) as i64 + d;
        self.details = top.clamp(0, drawn.max_top as i64) as usize;
    }
}

/// What the last frame drew of a list view's details: how far they can
/// scroll and how many lines show at once. The view records it (as
/// ratatui's stateful widgets keep their offset) because only it knows how
/// the details wrap at the screen's width; `J`/`K` and pages read it, so a
/// key pressed past the end does not have to be undone before `K` moves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailsDrawn {
    pub max_top: usize,
    pub height: usize,
}

/// What has the keyboard: the panes (`Normal`), or a view drawn over them.
/// A list view (help, the palette; next silences, goroutines, notes) is a
/// variant holding a `ListState`, a `Context` for its keys, a render function
/// in `view/` and an update file: j/k, pages and the wheel move every list.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    Help(ListState),
    Palette {
        input: String,
        list: ListState,
    },
    Prompt {
        kind: PromptKind,
        input: String,
        /// The list view the command line was opened over (`:` there): drawn
        /// under it, and back once the line is closed or its command ran.
        over: Option<Box<Mode>>,
    },
    /// The latest messages in full, newest first.
    Messages(ListState),
    /// The silence list (`update/silence_list.rs`), by score or by start time.
    Silences {
        list: ListState,
        by_time: bool,
    },
    /// The note editor over the panes.
    NoteEditor(Box<super::editor::Editor>),
    /// The case file's notes, by time or creation.
    Notes(super::notes::NotesList),
    /// Message templates with counts and density (`p`).
    Patterns(super::pattern_list::PatternView),
    /// A Go goroutine dump: groups, stacks, lock groups, the diff.
    Goroutines(super::goroutine_view::GoroutineView),
}

impl Mode {
    /// Which bindings of the keymap apply.
    pub fn context(&self) -> Context {
        match self {
            Mode::Normal => Context::Normal,
            Mode::Help(_) => Context::Help,
            Mode::Palette { .. } => Context::Palette,
            Mode::Prompt { .. } => Context::Prompt,
            Mode::Messages(_) => Context::Messages,
            Mode::Silences { .. } => Context::Silences,
            Mode::NoteEditor(_) => Context::Editor,
            Mode::Notes(_) => Context::Notes,
            Mode::Patterns(_) => Context::Patterns,
            // The filter takes typed keys as the prompt does.
            Mode::Goroutines(v) if v.typing => Context::Prompt,
            Mode::Goroutines(_) => Context::Goroutines,
        }
    }

    /// The list of a list view.
    pub fn list_mut(&mut self) -> Option<&mut ListState> {
        match self {
            Mode::Help(l)
            | Mode::Palette { list: l, .. }
            | Mode::Messages(l)
            | Mode::Silences { list: l, .. }
            | Mode::Notes(super::notes::NotesList { list: l, .. }) => Some(l),
            Mode::Patterns(v) => Some(&mut v.list),
            Mode::Goroutines(v) => Some(&mut v.list),
            Mode::Normal | Mode::Prompt { .. } | Mode::NoteEditor(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Side by side, or in a grid, when panes get enough room (`layout::grid`); else stacked.
    Auto,
    SideBySide,
    Stacked,
}

/// What the relative-time column measures from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Off,
    Previous,
    Cursor,
    Bookmark,
}

/// A jump to a search match that waits for search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingMatch {
    pub dir: Dir,
    /// The cursor's own row counts (the jump right after a new search).
    pub inclusive: bool,
}

/// A row of a source: (pane, record).
pub type RowRef = (usize, usize);

#[derive(Debug)]
pub struct App {
    /// Mouse reporting wanted; the event loop applies it to the terminal.
    pub mouse: bool,
    pub panes: Vec<Pane>,
    pub focus: usize,
    /// The shared cursor time (aligned: offsets applied).
    pub cursor: Nanos,
    /// The exact row the cursor is on when it was moved by record, so that
    /// records sharing a timestamp can be stepped through.
    pub pin: Option<RowRef>,
    /// False until the user moves: the cursor follows the start of the data while loading.
    pub moved: bool,
    pub step: usize,
    pub mode: Mode,
    /// The views the help (`?`), the messages (`!`) or the note editor were
    /// opened over, innermost last: closing one goes back to the last (the
    /// panes when none). A stack, as the help opens over the messages.
    pub behind: Vec<Mode>,
    pub merged: bool,
    pub zoom: bool,
    pub layout: Layout,
    pub wrap: bool,
    /// Show each line's own timestamp text next to the aligned time column.
    pub show_stamps: bool,
    pub expand: bool,
    pub hscroll: usize,
    pub relative: Relative,
    pub search: Option<Regex>,
    /// A match jump waiting for the panes' search workers to answer.
    pub pending_match: Option<PendingMatch>,
    pub global_filters: FilterSet,
    pub bookmarks: Vec<RowRef>,
    pub last_bookmark: Option<RowRef>,
    /// The case file, saved by its writer thread (None: not kept, as in tests).
    pub case: Option<crate::case::Writer>,
    /// The case file's notes as the screen shows them.
    pub notes: super::notes::Notes,
    pub offset_mark: Option<RowRef>,
    pub message: Option<(String, bool)>,
    /// A shorter form of `message` for a status line too narrow for it (a
    /// silence jump's, without what the focus and the cursor already say).
    pub message_short: Option<String>,
    /// The end of `message` the status line keeps whole, shortening what is
    /// before it: a lead and a file's path (" · saved to ", the case file),
    /// the path shortened from its left when even they do not fit.
    pub message_end: Option<(String, String)>,
    /// The latest messages, oldest first (the status line shows only the last,
    /// shortened; the messages view shows these in full).
    pub messages: Vec<(String, bool)>,
    pub size: (u16, u16),
    pub keymap: Keymap,
    pub theme: Theme,
    pub zone: Zone,
    /// What the user asked about zones and times, and the zone shown while
    /// loading: settled once every source is read (`update::zones`).
    pub asked: Option<(crate::user_time::Asked, Zone)>,
    /// Arguments that opened nothing: warned at start, and again once every
    /// source is read, so that no source's warning leaves them unseen.
    pub skipped: Vec<String>,
    pub since: Option<Nanos>,
    pub until: Option<Nanos>,
    /// Work for worker threads, taken by the runner (or run inline by tests).
    pub jobs: Vec<Job>,
    /// Panes whose source the loader is to read again (`R`), taken by the runner.
    pub reloads: Vec<usize>,
    /// The disk watcher is to look at every file now (`R`, `F`), taken by the runner.
    pub look_now: bool,
    /// `R` waits for the watcher's answer to read what else changed (true:
    /// it started a read already, so "nothing changed" is not said).
    pub reload_pending: Option<bool>,
    /// `F`: files that grow are read again by themselves.
    pub follow: bool,
    /// Following, no file is read again before this (a read's own time after
    /// the last one, at least `WATCH`: a log written fast keeps a core busy
    /// half the time at most).
    pub follow_next: Option<std::time::Instant>,
    /// The overview's time range when the user zoomed it; None: the whole incident.
    pub overview_range: Option<(Nanos, Nanos)>,
    pub next_gen: u64,
    pub quit: bool,
    /// `<C-l>` asked for the terminal to be cleared before the next frame.
    pub clear_screen: bool,
    /// Frame counter for the progress spinner.
    pub tick: usize,
    /// Written by the view when it draws a list's details (see `DetailsDrawn`).
    pub details_drawn: std::cell::Cell<DetailsDrawn>,
    /// Every source's silences, once all are loaded (computed by a worker).
    pub silences: Option<Arc<crate::silence::Analysis>>,
    /// What `casefile silences` prints about them (edge and nearby records),
    /// computed by the same worker: the silence list's details.
    pub silence_report: Option<Arc<crate::headless::silences::Report>>,
    /// Generation of the latest silence job; older answers are dropped.
    pub silence_gen: u64,
    /// Every source's templates, once all are loaded (`update/patterns.rs`).
    pub patterns: Option<Arc<super::mining::Mined>>,
    /// Templates seen before most silences, once patterns and silences are in.
    pub precursors: Option<super::mining::Precursors>,
    /// Generations and progress of the pattern jobs.
    pub pattern_work: super::mining::PatternWork,
    /// `--min-silence` and `--window` for the analysis.
    pub silence_settings: crate::silence::Settings,
    /// Goroutine dumps analysed for the goroutine view.
    pub dumps: super::goroutine_view::Dumps,
    /// `--binary`: the program's binary, opened by a worker.
    pub binary: super::symbols::BinaryState,
    /// With the binary: the code addresses of the focused record at the cursor.
    pub record_symbols: super::symbols::RecordSymbols,
}

impl App {
    pub fn new(names: Vec<String>, zone: Zone, theme: Theme, keymap: Keymap) -> App {
        App {
            mouse: true,
            panes: names.into_iter().map(Pane::new).collect(),
            focus: 0,
            cursor: 0,
            pin: None,
            moved: false,
            step: 2,
            mode: Mode::Normal,
            behind: Vec::new(),
            merged: false,
            zoom: false,
            layout: Layout::Auto,
            wrap: false,
            show_stamps: false,
            expand: true,
            hscroll: 0,
            relative: Relative::Off,
            search: None,
            pending_match: None,
            global_filters: FilterSet::default(),
            bookmarks: Vec::new(),
            last_bookmark: None,
            case: None,
            notes: Default::default(),
            offset_mark: None,
            message: None,
            message_short: None,
            message_end: None,
            messages: Vec::new(),
            size: (80, 24),
            keymap,
            theme,
            zone,
            asked: None,
            skipped: Vec::new(),
            since: None,
            until: None,
            jobs: Vec::new(),
            reloads: Vec::new(),
            follow: false,
            follow_next: None,
            look_now: false,
            reload_pending: None,
            overview_range: None,
            next_gen: 1,
            quit: false,
            clear_screen: false,
            tick: 0,
            details_drawn: Default::default(),
            silences: None,
            silence_report: None,
            silence_gen: 0,
            patterns: None,
            precursors: None,
            pattern_work: Default::default(),
            silence_settings: crate::silence::Settings::default(),
            dumps: Default::default(),
            binary: Default::default(),
            record_symbols: Default::default(),
        }
    }

    pub fn source(&self, p: usize) -> Option<&Source> {
        self.panes.get(p)?.source.as_ref()
    }

    pub fn info(&mut self, msg: impl Into<String>) {
        self.say(msg.into(), false);
    }

    /// Messages quote names, paths and errors: shown through the same sanitiser as log text.
    pub fn warn(&mut self, msg: impl Into<String>) {
        self.say(msg.into(), true);
    }

    /// `info`, with the shorter form the status line shows when the whole
    /// message does not fit (the messages view keeps the whole).
    pub fn info_short(&mut self, msg: impl Into<String>, short: impl Into<String>) {
        self.say(msg.into(), false);
        self.message_short = Some(crate::ansi::display_text(short.into().as_bytes()));
    }

    /// `info` of `head`, `lead` and `path`, the status line keeping `lead`
    /// and `path` whole (the path from its left if need be) and shortening
    /// `head`: where a change was saved is the point of "… · saved to FILE".
    pub fn info_ending(&mut self, head: &str, lead: &str, path: &str) {
        self.say(format!("{head}{lead}{path}"), false);
        let clean = |s: &str| crate::ansi::display_text(s.as_bytes());
        self.message_end = Some((clean(lead), clean(path)));
    }

    /// Progress ("searching…"): on the status line until the next message,
    /// kept out of the messages view, which keeps what it came to.
    pub fn progress(&mut self, msg: &str) {
        self.message_short = None;
        self.message_end = None;
        self.message = Some((msg.to_string(), false));
    }

    /// A word on the status line that the messages view does not keep (a
    /// key pressed by mistake is not news).
    pub fn hint(&mut self, msg: &str) {
        self.progress(msg);
    }

    fn say(&mut self, msg: String, warn: bool) {
        self.message_short = None;
        self.message_end = None;
        let msg = crate::ansi::display_text(msg.as_bytes());
        if self.messages.len() >= MESSAGES_KEPT {
            self.messages.remove(0);
        }
        self.messages.push((msg.clone(), warn));
        self.message = Some((msg, warn));
    }

    pub fn loading(&self) -> bool {
        self.panes.iter().any(|p| {
            matches!(p.load, Load::Opening | Load::Indexing { .. })
                || p.filtering
                || p.searching
                || p.reloading
        })
    }

    /// Whether following waits for its next read: the screen then wakes
    /// every 2 s to start it (the disk watcher reports only changes).
    pub fn watching(&self) -> bool {
        self.follow
            && self
                .panes
                .iter()
                .any(|p| matches!(p.load, Load::Ready | Load::Failed(_)))
    }

    pub fn step_size(&self) -> Nanos {
        STEPS[self.step.min(STEPS.len() - 1)]
    }

    pub fn next_generation(&mut self) -> u64 {
        self.next_gen += 1;
        self.next_gen
    }
}
