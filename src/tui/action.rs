//! What the user asked for, as plain data: produced by the keymap, the command
//! line and the palette; consumed only by `update`.

use crate::index::Zone;
use crate::level::Level;
use crate::time::Nanos;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Next,
    Prev,
}

/// Which severities a level jump stops at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Whether a command acts on the focused pane or on every pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Focused,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    /// Keep only lines matching.
    In,
    /// Hide lines matching.
    Out,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Command,
    Search,
    Goto,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    ToggleHelp,
    /// The messages view: the latest messages in full.
    ToggleMessages,
    OpenPalette,
    OpenPrompt(PromptKind),
    /// The `:` command line with this text already typed (the palette's commands with arguments).
    CommandPrompt(String),
    /// Close whatever popup or prompt is open; clear the search otherwise.
    Cancel,
    Redraw,
    /// Mouse reporting on or off (off lets the terminal select and copy text).
    ToggleMouse,

    // Movement of the shared cursor.
    Records(i64),
    Pages(i64),
    Start,
    End,
    /// Move by this many steps of the current step size.
    TimeStep(i64),
    /// Pick the next larger (+1) or smaller (-1) step size.
    StepSize(i64),
    /// Move by this many columns of the overview strip.
    Coarse(i64),
    /// Zoom the overview's time range in (+1: half as long, around the cursor) or out (-1).
    OverviewZoom(i64),
    GotoTime(Nanos),
    /// A time the user typed (`t`, `:goto`), and which day it was taken on
    /// when the sources cover several.
    GotoTyped(Nanos, Option<String>),
    Level {
        dir: Dir,
        severity: Severity,
        scope: Scope,
    },
    Match(Dir),
    /// The next or previous silence of any source, by start time.
    Silence(Dir),
    /// The silence list, sorted by start time or by score.
    OpenSilences {
        by_time: bool,
    },
    /// In the silence list: by score ↔ by time.
    ToggleSilenceOrder,
    /// Every pane to the start of this silence (its index in the ranked analysis).
    GotoSilence(usize),
    Bookmark(Dir),
    ToggleBookmark,

    // Panes and layout.
    FocusNext,
    FocusPrev,
    Focus(usize),
    ToggleMerged,
    ToggleZoom,
    ToggleLayout,
    /// Read again the sources whose files changed on disk, or can be read now.
    Reload,
    /// Read files again by themselves as they grow.
    ToggleFollow,
    ToggleWrap,
    ToggleStamps,
    ToggleContinuation,
    /// Scroll long lines sideways by this many steps (a quarter pane each).
    Sideways(i64),
    CycleRelative,

    // Search, filters, clocks.
    Search(String),
    Filter {
        kind: FilterKind,
        regex: String,
        scope: Scope,
    },
    MinLevel {
        level: Option<Level>,
        scope: Scope,
    },
    ClearFilters(Scope),
    SetOffset(Nanos),
    NudgeOffset(Nanos),
    MarkOffset,
    /// Show times in this zone.
    SetZone(Zone),

    /// Notes: the editor, the notes list, the report.
    Note(super::notes::NoteAction),
    /// The pattern view (`p`): open it on the focused source, or close it.
    TogglePatterns,
    /// Open the pattern view on one pane's templates (None: every source's),
    /// with `template` selected (the palette's pattern entries).
    ShowPatterns {
        pane: Option<usize>,
        template: Option<u32>,
    },
    /// In the pattern view: every source's templates or the focused one's.
    PatternScope,
    /// In the pattern view: the next sort order.
    PatternSort,
    /// In the pattern view: the next "what changed" window.
    PatternWindow,
    /// The goroutine view's keys.
    Goroutines(super::goroutine_view::GoAction),

    /// A command line as typed after `:`.
    Command(String),
    /// A key of the panes pressed in a list view: what the status line says.
    NotInView(String),
    /// A key bound nowhere in this view: what the status line says.
    NoSuchKey(String),

    // Text entry in the prompt and palette.
    Input(char),
    Backspace,
    ClearInput,
    Submit,
    SelectUp,
    SelectDown,
    /// Scroll a list view's details (the silence list's, the goroutine
    /// view's) by lines, or by pages of the details' height.
    ScrollDetails(i64),
    PageDetails(i64),
}
