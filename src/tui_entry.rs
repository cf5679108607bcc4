//! Starts the interactive view from a resolved command line. `commands` calls
//! this; it never calls back into `commands`.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::Resolved;
use crate::index::Zone;
use crate::user_time::Asked;

const NO_TERMINAL: &str = "the screen needs a terminal, and standard output is not one. \
To print instead: casefile index SOURCE... (each source's format, time range, levels), \
casefile show --at TIME SOURCE... (each source around a time), \
casefile merge SOURCE... (every record in time order); see casefile --help";

pub fn run(
    r: Resolved,
    display_zone: Option<Zone>,
    config: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    // Without a terminal the screen cannot start; say what works instead of
    // the terminal library's "No such device or address (os error 6)".
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(NO_TERMINAL);
    }
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
