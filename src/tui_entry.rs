//! Starts the interactive view from a resolved command line. `commands` calls
//! this; it never calls back into `commands`.

use std::process::ExitCode;

use crate::cli::Resolved;
use crate::index::Zone;

pub fn run(
    r: Resolved,
    display_zone: Zone,
    config: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
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
        display_zone,
        config_path: config,
    };
    crate::tui::run(r.specs, r.opts, view)?;
    Ok(ExitCode::SUCCESS)
}
