//! The note editor: text editing and the tag keys.

use super::Context::Editor;
use super::Row;
use crate::tui::action::Action as A;
use crate::tui::editor::Op;
use crate::tui::notes::NoteAction as NA;

pub(super) fn rows() -> Vec<Row> {
    vec![
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
            "<C-c>",
            "note-how-to-leave",
            A::Note(NA::HowToLeave),
            "say how to leave the editor (the text stays)",
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
    ]
}
