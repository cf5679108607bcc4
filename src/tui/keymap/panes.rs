//! The panes: focus, merged view, layout, how records show (wrap, sideways
//! scroll, relative times, lines as written), each source's clock offset;
//! redraw and the mouse.

use super::Context::Normal;
use super::Row;
use crate::time::{NANOS_PER_SEC, Nanos};
use crate::tui::action::Action as A;

/// What `{` and `}` shift a source's clock by.
const NUDGE: Nanos = NANOS_PER_SEC / 10;

pub(super) fn rows() -> Vec<Row> {
    vec![
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
        (
            Normal,
            "R",
            "reload",
            A::Reload,
            "read again the sources whose files changed on disk (grew, replaced, cut shorter, or made after start)",
        ),
        (
            Normal,
            "F",
            "follow",
            A::ToggleFollow,
            "follow files as they grow: read them again by themselves, the end kept in view",
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
            "relative time column: previous row, cursor, bookmark, off",
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
    ]
}
