//! `p` and the pattern view's keys.

use super::Context::{Normal, Patterns};
use super::Row;
use crate::tui::action::Action as A;

pub(super) fn rows() -> Vec<Row> {
    vec![
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
            "!",
            "patterns-messages",
            A::ToggleMessages,
            "the latest messages in full (warnings and errors so far); ! closes them back to this view",
        ),
        (
            Patterns,
            "R",
            "patterns-reload",
            A::Reload,
            "read again the sources whose files changed on disk; this view stays open on its selection",
        ),
        (
            Patterns,
            "F",
            "patterns-follow",
            A::ToggleFollow,
            "follow files as they grow (F stops); this view stays open on its selection",
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
            "what changed, in the next window around the cursor: ±1m, ±5m, ±15m, ±1h",
        ),
    ]
}
