//! Keys of the screen as a whole: help, quit, the palette, the command line,
//! search, going to a time, cancelling.

use super::Context::{Goroutines, Normal, Notes, Patterns, Silences};
use super::Row;
use crate::tui::action::{Action as A, PromptKind};

pub(super) fn rows() -> Vec<Row> {
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
        // Over a list view too, which stays under the line (its own keys
        // would take what is typed after `:` otherwise).
        (
            Silences,
            ":",
            "silences-command-line",
            A::OpenPrompt(PromptKind::Command),
            "type a command over this view (Esc: back to it)",
        ),
        (
            Patterns,
            ":",
            "patterns-command-line",
            A::OpenPrompt(PromptKind::Command),
            "type a command over this view (Esc: back to it)",
        ),
        (
            Goroutines,
            ":",
            "goroutines-command-line",
            A::OpenPrompt(PromptKind::Command),
            "type a command over this view (Esc: back to it)",
        ),
        (
            Notes,
            ":",
            "notes-command-line",
            A::OpenPrompt(PromptKind::Command),
            "type a command over this view (Esc: back to it)",
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
    ]
}
