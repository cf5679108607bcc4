//! The silence list (`Q`).

use super::Context::Silences;
use super::Row;
use crate::tui::action::Action as A;
use crate::tui::notes::NoteAction as NA;

pub(super) fn rows() -> Vec<Row> {
    vec![
        (
            Silences,
            "Q q <esc>",
            "silences-close",
            A::Cancel,
            "close the silence list",
        ),
        (
            Silences,
            "!",
            "silences-messages",
            A::ToggleMessages,
            "the latest messages in full (warnings and errors so far); ! closes them back to this view",
        ),
        (
            Silences,
            "R",
            "silences-reload",
            A::Reload,
            "read again the sources whose files changed on disk; this view stays open on its selection",
        ),
        (
            Silences,
            "F",
            "silences-follow",
            A::ToggleFollow,
            "follow files as they grow (F stops); this view stays open on its selection",
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
    ]
}
