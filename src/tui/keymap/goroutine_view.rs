//! `d` and the goroutine view's keys.

use super::Context::{Goroutines, Normal};
use super::Row;
use crate::tui::action::Action as A;
use crate::tui::goroutine_view::GoAction as Go;

pub(super) fn rows() -> Vec<Row> {
    vec![
        (
            Normal,
            "d",
            "goroutines",
            A::Goroutines(Go::Toggle),
            "goroutine view of the focused dump, or of the Go panic at the cursor",
        ),
        (
            Goroutines,
            "d q",
            "goroutines-close",
            A::Goroutines(Go::Toggle),
            "back to the raw pane",
        ),
        (
            Goroutines,
            "<esc>",
            "goroutines-back",
            A::Goroutines(Go::Back),
            "clear the filter; without one, back to the raw pane",
        ),
        (
            Goroutines,
            "!",
            "goroutines-messages",
            A::ToggleMessages,
            "the latest messages in full (warnings and errors so far); ! closes them back to this view",
        ),
        (
            Goroutines,
            "R",
            "goroutines-reload",
            A::Reload,
            "read again the sources whose files changed on disk; this view stays open on its selection",
        ),
        (
            Goroutines,
            "F",
            "goroutines-follow",
            A::ToggleFollow,
            "follow files as they grow (F stops); this view stays open on its selection",
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
            "w",
            "goroutines-wait-began",
            A::Goroutines(Go::WaitBegan),
            "the panes to when the selected group's longest wait began (the dump's time known)",
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
            "}",
            "goroutines-next-dump",
            A::Goroutines(Go::Dump(1)),
            "the next dump of a file holding several (a profile, then a panic)",
        ),
        (
            Goroutines,
            "{",
            "goroutines-prev-dump",
            A::Goroutines(Go::Dump(-1)),
            "the previous dump of the file",
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
    ]
}
