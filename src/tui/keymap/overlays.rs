//! The help, messages and palette overlays.

use super::Context::{Help, Messages, Palette};
use super::Row;
use crate::tui::action::Action as A;

/// Pages that reach past either end of any text: scrolling stops there.
const END: i64 = 1 << 40;

pub(super) fn rows() -> Vec<Row> {
    vec![
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
            Help,
            "g <home>",
            "help-top",
            A::Pages(-END),
            "the top of the help",
        ),
        (
            Help,
            "G <end>",
            "help-end",
            A::Pages(END),
            "the end of the help",
        ),
        (
            Messages,
            "g <home>",
            "messages-top",
            A::Pages(-END),
            "the newest messages",
        ),
        (
            Messages,
            "G <end>",
            "messages-end",
            A::Pages(END),
            "the oldest messages",
        ),
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
    ]
}
