//! Normal-mode keys that open the messages and the silence list, and that
//! write, list and search notes.

use super::Context::Normal;
use super::Row;
use crate::tui::action::Action as A;
use crate::tui::notes::NoteAction as NA;

pub(super) fn rows() -> Vec<Row> {
    vec![
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
    ]
}
