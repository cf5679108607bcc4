//! The one key table: each entry names a command, its action, the keys bound
//! to it and a description. Dispatch, the `?` help, the `:` command names and
//! the palette all read this table, so they cannot drift apart.

pub use super::keys::{Key, parse_keys};

use super::action::{Action, Dir, PromptKind, Scope, Severity};
use crate::time::{NANOS_PER_SEC, Nanos};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Normal,
    Help,
    Palette,
    Prompt,
    Messages,
    Silences,
    Editor,
    Notes,
    Patterns,
    Goroutines,
}

impl Context {
    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Help => "help",
            Context::Palette => "palette",
            Context::Prompt => "prompt",
            Context::Messages => "messages",
            Context::Silences => "silences",
            Context::Editor => "editor",
            Context::Notes => "notes",
            Context::Patterns => "patterns",
            Context::Goroutines => "goroutines",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    /// The command name: `:name` runs it, the config file rebinds it.
    pub name: &'static str,
    pub action: Action,
    pub description: &'static str,
}

const NUDGE: Nanos = NANOS_PER_SEC / 10;

/// The default table. Keys follow lnav where lnav has one.
fn defaults() -> Vec<(Context, &'static str, &'static str, Action, &'static str)> {
    use super::editor::Op;
    use super::goroutine_view::GoAction as Go;
    use super::notes::NoteAction as NA;
    use Action as A;
    use Context::{
        Editor, Goroutines, Help, Messages, Normal, Notes, Palette, Patterns, Prompt, Silences,
    };
    let lvl = |dir, severity, scope| A::Level {
        dir,
        severity,
        scope,
    };
    vec![
        (Normal, "?", "help", A::ToggleHelp, "show or hide this help"),
        (Normal, "q <C-c>", "quit", A::Quit, "quit casefile"),
        (
            Normal,
            "<C-p>",
            "palette",
            A::OpenPalette,
            "command palette: fuzzy-find a command or source",
        ),
        (
            Normal,
            ":",
            "command-line",
            A::OpenPrompt(PromptKind::Command),
            "type a command (goto, filter-in, offset ...)",
        ),
        (
            Normal,
            "/",
            "search",
            A::OpenPrompt(PromptKind::Search),
            "search every pane for a regex",
        ),
        (
            Normal,
            "t",
            "goto",
            A::OpenPrompt(PromptKind::Goto),
            "go to a time: 17:23, 03-24 17:23:05, +5m, -30s",
        ),
        (
            Normal,
            "<esc>",
            "cancel",
            A::Cancel,
            "clear the search and the offset mark",
        ),
        (
            Normal,
            "j <down>",
            "down",
            A::Records(1),
            "next record in the focused pane",
        ),
        (
            Normal,
            "k <up>",
            "up",
            A::Records(-1),
            "previous record in the focused pane",
        ),
        (
            Normal,
            "<pgdn> <space> <C-f>",
            "page-down",
            A::Pages(1),
            "one page down",
        ),
        (
            Normal,
            "<pgup> b <C-b>",
            "page-up",
            A::Pages(-1),
            "one page up",
        ),
        (
            Normal,
            "g <home>",
            "start",
            A::Start,
            "the first record of all sources",
        ),
        (
            Normal,
            "G <end>",
            "end",
            A::End,
            "the last record of all sources",
        ),
        (
            Normal,
            "<right>",
            "step-forward",
            A::TimeStep(1),
            "forward in time by the step size",
        ),
        (
            Normal,
            "<left>",
            "step-back",
            A::TimeStep(-1),
            "back in time by the step size",
        ),
        (
            Normal,
            "]",
            "step-larger",
            A::StepSize(1),
            "larger time step (1s, 1m, 10m, 1h)",
        ),
        (
            Normal,
            "[",
            "step-smaller",
            A::StepSize(-1),
            "smaller time step",
        ),
        (
            Normal,
            ". <S-right>",
            "overview-forward",
            A::Coarse(1),
            "forward one overview column",
        ),
        (
            Normal,
            ", <S-left>",
            "overview-back",
            A::Coarse(-1),
            "back one overview column",
        ),
        (
            Normal,
            "+",
            "overview-zoom-in",
            A::OverviewZoom(1),
            "zoom the overview in around the cursor",
        ),
        (
            Normal,
            "-",
            "overview-zoom-out",
            A::OverviewZoom(-1),
            "zoom the overview out",
        ),
        (
            Normal,
            "e",
            "next-error",
            lvl(Dir::Next, Severity::Error, Scope::Focused),
            "next error in the focused pane",
        ),
        (
            Normal,
            "E",
            "prev-error",
            lvl(Dir::Prev, Severity::Error, Scope::Focused),
            "previous error in the focused pane",
        ),
        (
            Normal,
            "w",
            "next-warning",
            lvl(Dir::Next, Severity::Warning, Scope::Focused),
            "next warning in the focused pane",
        ),
        (
            Normal,
            "W",
            "prev-warning",
            lvl(Dir::Prev, Severity::Warning, Scope::Focused),
            "previous warning in the focused pane",
        ),
        (
            Normal,
            "<gt>",
            "next-error-any",
            lvl(Dir::Next, Severity::Error, Scope::All),
            "next error in any pane",
        ),
        (
            Normal,
            "<lt>",
            "prev-error-any",
            lvl(Dir::Prev, Severity::Error, Scope::All),
            "previous error in any pane",
        ),
        (
            Normal,
            ")",
            "next-warning-any",
            lvl(Dir::Next, Severity::Warning, Scope::All),
            "next warning in any pane",
        ),
        (
            Normal,
            "(",
            "prev-warning-any",
            lvl(Dir::Prev, Severity::Warning, Scope::All),
            "previous warning in any pane",
        ),
        (
            Normal,
            "n",
            "next-match",
            A::Match(Dir::Next),
            "next search match",
        ),
        (
            Normal,
            "N",
            "prev-match",
            A::Match(Dir::Prev),
            "previous search match",
        ),
        (
            Normal,
            "s",
            "next-silence",
            A::Silence(Dir::Next),
            "next silence: a source quiet beyond its own rhythm",
        ),
        (
            Normal,
            "S",
            "prev-silence",
            A::Silence(Dir::Prev),
            "previous silence of any source",
        ),
        (
            Normal,
            "m",
            "bookmark",
            A::ToggleBookmark,
            "bookmark the cursor row (again: remove)",
        ),
        (
            Normal,
            "u",
            "next-bookmark",
            A::Bookmark(Dir::Next),
            "next bookmark",
        ),
        (
            Normal,
            "U",
            "prev-bookmark",
            A::Bookmark(Dir::Prev),
            "previous bookmark",
        ),
        (
            Normal,
            "<tab>",
            "focus-next",
            A::FocusNext,
            "focus the next pane",
        ),
        (
            Normal,
            "<S-tab>",
            "focus-prev",
            A::FocusPrev,
            "focus the previous pane",
        ),
        (
            Normal,
            "M",
            "merged",
            A::ToggleMerged,
            "merged view: all sources in one pane, by time",
        ),
        (
            Normal,
            "z",
            "zoom",
            A::ToggleZoom,
            "zoom the focused pane to the full screen",
        ),
        (
            Normal,
            "L",
            "layout",
            A::ToggleLayout,
            "panes side by side or stacked",
        ),
        (Normal, "\\", "wrap", A::ToggleWrap, "wrap long lines"),
        (
            Normal,
            "c",
            "continuation",
            A::ToggleContinuation,
            "show or collapse continuation lines",
        ),
        (
            Normal,
            "l",
            "scroll-right",
            A::Sideways(1),
            "scroll long lines right",
        ),
        (
            Normal,
            "h",
            "scroll-left",
            A::Sideways(-1),
            "scroll long lines left",
        ),
        (
            Normal,
            "r",
            "relative",
            A::CycleRelative,
            "relative time column: previous record, cursor, bookmark, off",
        ),
        (
            Normal,
            "o",
            "mark-offset",
            A::MarkOffset,
            "mark this event; mark the same event in another pane to align clocks",
        ),
        (
            Normal,
            "}",
            "offset-later",
            A::NudgeOffset(NUDGE),
            "shift the focused source's clock +100ms",
        ),
        (
            Normal,
            "{",
            "offset-earlier",
            A::NudgeOffset(-NUDGE),
            "shift the focused source's clock -100ms",
        ),
        (Normal, "<C-l>", "redraw", A::Redraw, "redraw the screen"),
        (
            Normal,
            "=",
            "raw-lines",
            A::ToggleStamps,
            "lines as written: their own timestamps, raw JSON",
        ),
        (
            Normal,
            "<f2>",
            "mouse",
            A::ToggleMouse,
            "mouse on/off (off: the terminal selects and copies text)",
        ),
        (
            Normal,
            "!",
            "messages",
            A::ToggleMessages,
            "the latest messages in full (the status line shortens them)",
        ),
        (
            Normal,
            "Q",
            "silences",
            A::OpenSilences { by_time: false },
            "the silence list: every source's silences, ranked, with what the others logged",
        ),
        (
            Normal,
            "a",
            "note",
            A::Note(NA::Annotate),
            "write a note on the cursor record (multi-line; Ctrl-S saves)",
        ),
        (
            Normal,
            "A",
            "note-range",
            A::Note(NA::MarkRange),
            "mark the start of a time range; again at its end: a note on the range",
        ),
        (
            Normal,
            "",
            "note-silence",
            A::Note(NA::AnnotateSilence(None)),
            "a note on the silence at the cursor (after s lands on one)",
        ),
        (
            Normal,
            "'",
            "notes",
            A::Note(NA::OpenList),
            "the notes list: by time or creation, Enter jumps, e edits, d deletes",
        ),
        (
            Normal,
            "#",
            "search-notes",
            A::Note(NA::ToggleSearchNotes),
            "search (/) includes notes: a note's text or #tag matching marks its record",
        ),
        (
            Normal,
            "p",
            "patterns",
            A::TogglePatterns,
            "pattern view: message templates, counts, density; what changed around the cursor",
        ),
        (
            Patterns,
            "p q <esc>",
            "patterns-close",
            A::TogglePatterns,
            "close the pattern view",
        ),
        (
            Patterns,
            "j <down>",
            "patterns-down",
            A::SelectDown,
            "select the next template",
        ),
        (
            Patterns,
            "k <up>",
            "patterns-up",
            A::SelectUp,
            "select the previous template",
        ),
        (
            Patterns,
            "<enter>",
            "patterns-filter",
            A::Submit,
            "show only this template's records in its pane (:clear-filters shows all)",
        ),
        (
            Patterns,
            "a",
            "patterns-scope",
            A::PatternScope,
            "every source's templates, or the focused source's",
        ),
        (
            Patterns,
            "s",
            "patterns-sort",
            A::PatternSort,
            "sort by count, first appearance, or what changed around the cursor",
        ),
        (
            Patterns,
            "w",
            "patterns-window",
            A::PatternWindow,
            "the what-changed window around the cursor: ±1m, ±5m, ±15m, ±1h",
        ),
        (
            Normal,
            "d",
            "goroutines",
            A::Goroutines(Go::Toggle),
            "goroutine view of the focused dump, or of the Go panic at the cursor",
        ),
        (
            Goroutines,
            "d q <esc>",
            "goroutines-close",
            A::Goroutines(Go::Toggle),
            "back to the raw pane",
        ),
        (
            Goroutines,
            "j <down>",
            "goroutines-down",
            A::SelectDown,
            "select the next group",
        ),
        (
            Goroutines,
            "k <up>",
            "goroutines-up",
            A::SelectUp,
            "select the previous group",
        ),
        (
            Goroutines,
            "a",
            "goroutines-unfold",
            A::Goroutines(Go::Unfold),
            "show or fold the standard library's idle groups",
        ),
        (
            Goroutines,
            "p",
            "goroutines-panic",
            A::Goroutines(Go::Panic),
            "select the panicking goroutine",
        ),
        (
            Goroutines,
            "n",
            "goroutines-note",
            A::Goroutines(Go::Note),
            "write a note on the selected group (its state, size and stack go with it)",
        ),
        (
            Goroutines,
            "x",
            "goroutines-similar",
            A::Goroutines(Go::Similarity),
            "group by exact stacks or by similar ones (same functions)",
        ),
        (
            Goroutines,
            "<tab>",
            "goroutines-next-section",
            A::Goroutines(Go::Section(1)),
            "groups, lock groups, diff",
        ),
        (
            Goroutines,
            "<S-tab>",
            "goroutines-prev-section",
            A::Goroutines(Go::Section(-1)),
            "previous section",
        ),
        (
            Goroutines,
            "J <S-down>",
            "goroutines-details-down",
            A::ScrollDetails(1),
            "scroll the selected group's stack and goroutines down",
        ),
        (
            Goroutines,
            "K <S-up>",
            "goroutines-details-up",
            A::ScrollDetails(-1),
            "scroll the details up",
        ),
        (
            Goroutines,
            "<C-d>",
            "goroutines-details-page-down",
            A::PageDetails(1),
            "the details a page down",
        ),
        (
            Goroutines,
            "<C-u>",
            "goroutines-details-page-up",
            A::PageDetails(-1),
            "the details a page up",
        ),
        (
            Goroutines,
            "/",
            "goroutines-filter",
            A::Goroutines(Go::Filter),
            "fuzzy filter by function or package name",
        ),
        (Help, "? q <esc>", "help-close", A::ToggleHelp, "close help"),
        (
            Messages,
            "! q <esc>",
            "messages-close",
            A::ToggleMessages,
            "close the messages",
        ),
        (
            Messages,
            "j <down>",
            "messages-down",
            A::SelectDown,
            "scroll the messages down",
        ),
        (
            Messages,
            "k <up>",
            "messages-up",
            A::SelectUp,
            "scroll the messages up",
        ),
        (
            Help,
            "j <down>",
            "help-down",
            A::SelectDown,
            "scroll help down",
        ),
        (Help, "k <up>", "help-up", A::SelectUp, "scroll help up"),
        (
            Palette,
            "<esc> <C-c>",
            "palette-close",
            A::Cancel,
            "close the palette",
        ),
        (
            Palette,
            "<enter>",
            "palette-run",
            A::Submit,
            "run the selected entry",
        ),
        (
            Palette,
            "<down> <C-n>",
            "palette-down",
            A::SelectDown,
            "select the next entry",
        ),
        (
            Palette,
            "<up> <C-p>",
            "palette-up",
            A::SelectUp,
            "select the previous entry",
        ),
        (
            Palette,
            "<bs>",
            "palette-backspace",
            A::Backspace,
            "delete a character",
        ),
        (
            Silences,
            "Q q <esc>",
            "silences-close",
            A::Cancel,
            "close the silence list",
        ),
        (
            Silences,
            "j <down>",
            "silences-down",
            A::SelectDown,
            "select the next silence",
        ),
        (
            Silences,
            "k <up>",
            "silences-up",
            A::SelectUp,
            "select the previous silence",
        ),
        (
            Silences,
            "J <S-down>",
            "silences-details-down",
            A::ScrollDetails(1),
            "scroll the selected silence's records, precursors and nearby records down",
        ),
        (
            Silences,
            "K <S-up>",
            "silences-details-up",
            A::ScrollDetails(-1),
            "scroll the details up",
        ),
        (
            Silences,
            "<C-d>",
            "silences-details-page-down",
            A::PageDetails(1),
            "the details a page down",
        ),
        (
            Silences,
            "<C-u>",
            "silences-details-page-up",
            A::PageDetails(-1),
            "the details a page up",
        ),
        (
            Silences,
            "s",
            "silences-sort",
            A::ToggleSilenceOrder,
            "sort by score or by start time",
        ),
        (
            Silences,
            "a",
            "silences-note",
            A::Note(NA::AnnotateSilence(None)),
            "write a note on the selected silence",
        ),
        (
            Silences,
            "<enter>",
            "silences-jump",
            A::Submit,
            "close the list; every pane goes to the selected silence's start",
        ),
        (
            Editor,
            "<C-s> <A-enter>",
            "note-save",
            A::Note(NA::Save),
            "save the note",
        ),
        (
            Editor,
            "<esc>",
            "note-close",
            A::Note(NA::Close),
            "close the editor (asks first when something was typed)",
        ),
        (
            Editor,
            "<enter>",
            "note-newline",
            A::Note(NA::Edit(Op::Newline)),
            "a new line",
        ),
        (
            Editor,
            "<tab>",
            "note-tags",
            A::Note(NA::Edit(Op::SwitchField)),
            "between the text and the tags field",
        ),
        (
            Editor,
            "<bs>",
            "note-backspace",
            A::Note(NA::Edit(Op::Backspace)),
            "delete the character before the cursor",
        ),
        (
            Editor,
            "<del>",
            "note-delete-char",
            A::Note(NA::Edit(Op::Delete)),
            "delete the character under the cursor",
        ),
        (
            Editor,
            "<left>",
            "note-left",
            A::Note(NA::Edit(Op::Left)),
            "cursor left",
        ),
        (
            Editor,
            "<right>",
            "note-right",
            A::Note(NA::Edit(Op::Right)),
            "cursor right",
        ),
        (
            Editor,
            "<up>",
            "note-up",
            A::Note(NA::Edit(Op::Up)),
            "cursor up",
        ),
        (
            Editor,
            "<down>",
            "note-down",
            A::Note(NA::Edit(Op::Down)),
            "cursor down (from the last line: the tags field)",
        ),
        (
            Editor,
            "<home> <C-a>",
            "note-home",
            A::Note(NA::Edit(Op::Home)),
            "start of the line",
        ),
        (
            Editor,
            "<end> <C-e>",
            "note-end",
            A::Note(NA::Edit(Op::End)),
            "end of the line",
        ),
        (
            Editor,
            "<A-1>",
            "tag-symptom",
            A::Note(NA::Edit(Op::ToggleTag(0))),
            "add or remove #symptom",
        ),
        (
            Editor,
            "<A-2>",
            "tag-hypothesis",
            A::Note(NA::Edit(Op::ToggleTag(1))),
            "add or remove #hypothesis",
        ),
        (
            Editor,
            "<A-3>",
            "tag-ruled-out",
            A::Note(NA::Edit(Op::ToggleTag(2))),
            "add or remove #ruled-out",
        ),
        (
            Editor,
            "<A-4>",
            "tag-cause",
            A::Note(NA::Edit(Op::ToggleTag(3))),
            "add or remove #cause",
        ),
        (
            Editor,
            "<A-5>",
            "tag-action",
            A::Note(NA::Edit(Op::ToggleTag(4))),
            "add or remove #action",
        ),
        (
            Notes,
            "' q <esc>",
            "notes-close",
            A::Cancel,
            "close the notes list",
        ),
        (
            Notes,
            "<enter>",
            "notes-jump",
            A::Note(NA::ListJump),
            "go to the note's record (or its time)",
        ),
        (
            Notes,
            "e",
            "notes-edit",
            A::Note(NA::ListEdit),
            "edit the note",
        ),
        (
            Notes,
            "d",
            "notes-delete",
            A::Note(NA::ListDelete),
            "delete the note (press twice)",
        ),
        (
            Notes,
            "s",
            "notes-sort",
            A::Note(NA::ListSort),
            "sort by time or by creation",
        ),
        (Notes, "j <down>", "notes-down", A::SelectDown, "next note"),
        (Notes, "k <up>", "notes-up", A::SelectUp, "previous note"),
        (Prompt, "<esc> <C-c>", "prompt-cancel", A::Cancel, "cancel"),
        (Prompt, "<enter>", "prompt-submit", A::Submit, "run"),
        (
            Prompt,
            "<bs>",
            "prompt-backspace",
            A::Backspace,
            "delete a character",
        ),
        (
            Prompt,
            "<C-u>",
            "prompt-clear",
            A::ClearInput,
            "clear the line",
        ),
    ]
}

/// The key table in use: defaults plus the user's overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = defaults()
            .into_iter()
            .map(|(context, keys, name, action, description)| Binding {
                context,
                keys: keys
                    .split(' ')
                    .filter_map(|k| parse_keys(k).ok()?.into_iter().next())
                    .collect(),
                name,
                action,
                description,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn lookup(&self, context: Context, key: Key) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| &b.action)
    }

    pub fn by_name(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.name == name)
    }

    /// Rebinds command `name` to `keys` (replacing its defaults); the keys are
    /// taken away from other commands of the same context. Returns warnings.
    pub fn rebind(&mut self, name: &str, keys: &[String]) -> Vec<String> {
        let mut warnings = Vec::new();
        let Some(pos) = self.bindings.iter().position(|b| b.name == name) else {
            return vec![format!("config: unknown command '{name}' in [keys]")];
        };
        let mut parsed = Vec::new();
        for k in keys {
            match parse_keys(k) {
                Ok(v) if v.len() == 1 => parsed.push(v[0]),
                Ok(_) => warnings.push(format!(
                    "config: '{k}' for '{name}' is not one key (write <C-x>, <tab>, j ...)"
                )),
                Err(e) => warnings.push(format!("config: {e}")),
            }
        }
        let ctx = self.bindings[pos].context;
        for b in self.bindings.iter_mut().filter(|b| b.context == ctx) {
            b.keys.retain(|k| !parsed.contains(k));
        }
        self.bindings[pos].keys = parsed;
        warnings
    }

    /// The keys of a command, as shown in help: `j <down>`.
    pub fn keys_of(&self, b: &Binding) -> String {
        b.keys.iter().map(Key::name).collect::<Vec<_>>().join(" ")
    }
}
