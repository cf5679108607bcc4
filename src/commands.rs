//! Runs a parsed command line: the headless subcommands here, the TUI in `tui`.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, DisplayArgs, Shell, SourceArgs, resolve};
use crate::headless;
use crate::index::Zone;
use crate::loader::{LoadEvent, load_in_order};
use crate::source::{self, Source};
use crate::timeparse::parse_time;

/// What went wrong with the command line as a whole (as opposed to one source).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Index { sources, json }) => index(&sources, json),
        Some(Command::Show {
            sources,
            display,
            at,
            before,
            after,
            json,
        }) => show(&sources, &display, &at, before, after, json),
        Some(Command::Merge {
            sources,
            display,
            json,
        }) => merge(&sources, &display, json),
        Some(Command::Completions { shell }) => {
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
                Shell::Elvish => clap_complete::Shell::Elvish,
                Shell::Powershell => clap_complete::Shell::PowerShell,
            };
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "casefile",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            headless::finish(std::io::stdout().write_all(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let r = resolve(&cli.sources).map_err(UsageError)?;
            crate::tui_entry::run(r, display_zone(&cli.display)?, cli.config)
        }
    }
}

pub fn display_zone(d: &DisplayArgs) -> anyhow::Result<Zone> {
    Ok(d.display_tz
        .as_deref()
        .map(Zone::parse)
        .transpose()
        .map_err(UsageError)?
        .unwrap_or(Zone::Local))
}

/// Prints per-argument and per-source errors to stderr; they never stop the others.
fn report(name: &str, error: &str) {
    eprintln!(
        "casefile: {}{error}",
        if error.starts_with(name) || name.is_empty() {
            String::new()
        } else {
            format!("{name}: ")
        }
    );
}

fn index(args: &SourceArgs, json: bool) -> anyhow::Result<ExitCode> {
    let r = resolve(args).map_err(UsageError)?;
    let mut failed = !r.errors.is_empty();
    for (n, e) in &r.errors {
        report(n, e);
    }
    source::fault::recover();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summaries = Vec::new();
    let mut errors = Vec::new();
    let mut write_err = Ok(());
    let specs_meta: Vec<(String, String)> = r
        .specs
        .iter()
        .map(|s| (s.name.clone(), s.origin()))
        .collect();
    load_in_order(r.specs, r.opts, |ev| match ev {
        // Text output starts with name and format as soon as they are known.
        LoadEvent::Detected { id, detection } if !json && write_err.is_ok() => {
            let (name, path) = &specs_meta[id];
            write_err = headless::index::write_header(&mut out, name, path, &detection)
                .and_then(|_| out.flush());
        }
        LoadEvent::Done { source, .. } => {
            failed |= incomplete(std::slice::from_ref(&source));
            let s = headless::index::summarize(&source, r.since, r.until);
            if json {
                summaries.push(s);
            } else if write_err.is_ok() {
                write_err = headless::index::write_body(&mut out, &s).and_then(|_| out.flush());
            }
        }
        LoadEvent::Failed { name, error, .. } => {
            failed = true;
            let error = error.to_string();
            report(&name, &error);
            errors.push(serde_json::json!({"name": name, "error": error}));
        }
        _ => {}
    });
    headless::finish(write_err)?;
    if json {
        let v = serde_json::json!({"sources": summaries, "errors": errors});
        headless::finish(writeln!(out, "{}", serde_json::to_string_pretty(&v)?))?;
    }
    headless::finish(out.flush())?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads every source, reporting failures; returns the ones that loaded.
fn load_all(args: &SourceArgs) -> anyhow::Result<(Vec<Source>, crate::cli::Resolved, bool)> {
    let mut r = resolve(args).map_err(UsageError)?;
    let mut failed = !r.errors.is_empty();
    for (n, e) in &r.errors {
        report(n, e);
    }
    source::fault::recover();
    let mut sources = Vec::new();
    load_in_order(
        std::mem::take(&mut r.specs),
        r.opts.clone(),
        |ev| match ev {
            LoadEvent::Done { source, .. } => sources.push(*source),
            LoadEvent::Failed { name, error, .. } => {
                failed = true;
                report(&name, &error.to_string());
            }
            _ => {}
        },
    );
    Ok((sources, r, failed))
}

fn show(
    args: &SourceArgs,
    d: &DisplayArgs,
    at: &str,
    before: usize,
    after: usize,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let zone = display_zone(d)?;
    let (sources, _, failed) = load_all(args)?;
    let refs: Vec<&Source> = sources.iter().collect();
    // Relative times (`-5m`) count from the end of the incident.
    let end = crate::timeline::span(&refs).map_or(0, |(_, b)| b);
    let at = parse_time(at, end, &zone).map_err(UsageError)?;
    // Rendered into memory, and again when a file shrank while it was read
    // (a recovered fault): what is printed comes only from bytes still there.
    let mut buf = Vec::new();
    for _ in 0..3 {
        let faults = source::fault::faults();
        headless::merge::refresh(&refs);
        let shown: Vec<_> = sources
            .iter()
            .map(|s| headless::show::around(s, at, before, after))
            .collect();
        buf.clear();
        if json {
            let text = serde_json::to_string_pretty(&headless::show::json(at, &shown))?;
            writeln!(buf, "{text}")?;
        } else {
            for (s, sh) in sources.iter().zip(&shown) {
                headless::show::write_text(&mut buf, s, sh, &zone)?;
            }
        }
        if source::fault::faults() == faults {
            break;
        }
    }
    headless::finish(std::io::stdout().lock().write_all(&buf))?;
    Ok(exit(failed | incomplete(&sources)))
}

/// Says on stderr which sources could not be read whole; true if any.
fn incomplete(sources: &[Source]) -> bool {
    let mut any = false;
    for s in sources {
        for why in s.incomplete() {
            any = true;
            report(&s.name, &why);
        }
    }
    any
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn merge(args: &SourceArgs, d: &DisplayArgs, json: bool) -> anyhow::Result<ExitCode> {
    let zone = display_zone(d)?;
    let (sources, r, failed) = load_all(args)?;
    let refs: Vec<&Source> = sources.iter().collect();
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let res = headless::merge::write(&mut out, &refs, r.since, r.until, &zone, json);
    headless::finish(res.and_then(|_| out.flush()))?;
    headless::merge::refresh(&refs);
    Ok(exit(failed | incomplete(&sources)))
}
