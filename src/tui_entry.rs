//! Starts the interactive view from parsed arguments.

use std::process::ExitCode;

use crate::cli::{DisplayArgs, SourceArgs, resolve};
use crate::commands::{UsageError, display_zone};

pub fn run(
    s: &SourceArgs,
    d: &DisplayArgs,
    config: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let r = resolve(s).map_err(UsageError)?;
    // Arguments that name nothing loadable (an empty directory) are reported
    // before the screen takes over; every other source still opens.
    for (name, error) in &r.errors {
        eprintln!("casefile: {name}: {error}");
    }
    if r.specs.is_empty() {
        return Ok(ExitCode::from(1));
    }
    let view = crate::tui::ViewOptions {
        since: r.since,
        until: r.until,
        display_zone: display_zone(d)?,
        config_path: config,
    };
    crate::tui::run(r.specs, r.opts, view)?;
    Ok(ExitCode::SUCCESS)
}
