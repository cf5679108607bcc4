//! Placeholder until the TUI lands: the interactive view is built in `tui`.

use std::process::ExitCode;

use crate::cli::{DisplayArgs, SourceArgs};

pub fn run(
    _s: &SourceArgs,
    _d: &DisplayArgs,
    _c: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    eprintln!("casefile: the interactive view is not built yet; use `casefile index|show|merge`");
    Ok(ExitCode::from(2))
}
