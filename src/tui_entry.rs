//! Starts the interactive view from a resolved command line. `commands` calls
//! this; it never calls back into `commands`.

use std::process::ExitCode;

use crate::cli::Resolved;
use crate::index::Zone;
use crate::user_time::Asked;

pub fn run(
    r: Resolved,
    display_zone: Option<Zone>,
    config: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    // Arguments that name nothing loadable (an empty directory) are reported
    // before the screen takes over; every other source still opens.
    for (name, error) in &r.errors {
        let line = format!("casefile: {name}: {error}");
        eprintln!("{}", crate::ansi::display_lines(&line));
    }
    if r.specs.is_empty() {
        return Ok(ExitCode::from(1));
    }
    // Until the sources are read, times show in the zone they are set to be
    // read in; --since/--until apply once their days are known.
    let asked = Asked::of(&r, display_zone);
    let view = crate::tui::ViewOptions {
        since: None,
        until: None,
        display_zone: asked.zone_of_specs(&r.specs),
        asked: Some(asked),
        config_path: config,
    };
    crate::tui::run(r.specs, r.opts, view)?;
    Ok(ExitCode::SUCCESS)
}
