//! The command line and the other one-line prompts (`:`, `/`, `t`).

use super::Context::Prompt;
use super::Row;
use crate::tui::action::Action as A;

pub(super) fn rows() -> Vec<Row> {
    vec![
        (Prompt, "<esc> <C-c>", "prompt-cancel", A::Cancel, "cancel"),
        (Prompt, "<enter>", "prompt-submit", A::Submit, "run"),
        (
            Prompt,
            "<bs>",
            "prompt-backspace",
            A::Backspace,
            "delete a character",
        ),
        (
            Prompt,
            "<C-u>",
            "prompt-clear",
            A::ClearInput,
            "clear the line",
        ),
    ]
}
