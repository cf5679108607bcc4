//! The notes list (`'`).

use super::Context::Notes;
use super::Row;
use crate::tui::action::Action as A;
use crate::tui::notes::NoteAction as NA;

pub(super) fn rows() -> Vec<Row> {
    vec![
        (
            Notes,
            "' q <esc>",
            "notes-close",
            A::Cancel,
            "close the notes list",
        ),
        (
            Notes,
            "!",
            "notes-messages",
            A::ToggleMessages,
            "the latest messages in full (warnings and errors so far); ! closes them back to this view",
        ),
        (
            Notes,
            "R",
            "notes-reload",
            A::Reload,
            "read again the sources whose files changed on disk; this view stays open on its selection",
        ),
        (
            Notes,
            "F",
            "notes-follow",
            A::ToggleFollow,
            "follow files as they grow (F stops); this view stays open on its selection",
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
    ]
}
