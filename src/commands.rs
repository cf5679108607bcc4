//! Runs a parsed command line: the headless subcommands here, the TUI in `tui`.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, DisplayArgs, Shell, SourceArgs, resolve};
use crate::headless;
use crate::index::Zone;
use crate::loader::{LoadEvent, load_in_order};
use crate::source::{self, Source};
use crate::user_time::{self, Asked, Range};

/// What went wrong with the command line as a whole (as opposed to one source).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Index {
            sources,
            display,
            json,
        }) => index(&sources, &display, json),
        Some(Command::Show {
            sources,
            display,
            at,
            before,
            after,
            json,
            raw,
            min_silence,
        }) => {
            let floor = silence_settings(Some(&min_silence), None)?.floor;
            show(&sources, &display, &at, (before, after), (json, raw), floor)
        }
        Some(Command::Merge {
            sources,
            display,
            json,
            raw,
            patterns,
        }) => merge(&sources, &display, json, raw, patterns),
        Some(Command::Silences(a)) => headless::silences::run(&a),
        Some(Command::Init(a)) => headless::note::init(&a),
        Some(Command::Note { command }) => headless::note::run(command),
        Some(Command::Report(a)) => headless::report::run(&a),
        Some(Command::Patterns(a)) => headless::patterns::run(&a),
        Some(Command::Goroutines(a)) => headless::goroutines::run(&a),
        Some(Command::Addr(a)) => headless::addr::run(&a),
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
            crate::man::render(Cli::command(), &mut buf)?;
            headless::finish(std::io::stdout().write_all(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let silence = silence_settings(cli.min_silence.as_deref(), cli.window.as_deref())?;
            let (r, case) = crate::tui_entry::case_and_sources(&cli.sources, cli.case)?;
            let zone = chosen_display_zone(&cli.display)?;
            crate::tui_entry::run(r, zone, cli.config, case, silence, cli.binary)
        }
    }
}

/// The zone the user chose with --display-tz, if any.
pub fn chosen_display_zone(d: &DisplayArgs) -> anyhow::Result<Option<Zone>> {
    Ok(d.display_tz
        .as_deref()
        .map(Zone::parse)
        .transpose()
        .map_err(UsageError)?)
}

/// `--min-silence` and `--window` given to the screen, checked as
/// `casefile silences` checks them (unset: the same defaults).
pub fn silence_settings(
    min_silence: Option<&str>,
    window: Option<&str>,
) -> Result<crate::silence::Settings, UsageError> {
    use crate::headless::silences::positive_duration;
    let mut s = crate::silence::Settings::default();
    if let Some(v) = min_silence {
        s.floor = positive_duration("--min-silence", v)?;
    }
    if let Some(v) = window {
        s.window = positive_duration("--window", v)?;
    }
    Ok(s)
}

/// Once the sources are loaded: the zone times are shown and typed in, and
/// --since/--until read in it. Notes on how a time was read go to stderr.
pub fn reading(asked: &Asked, sources: &[&Source]) -> anyhow::Result<(Zone, Range)> {
    let zone = asked.zone(sources);
    let range = asked.range(&zone, sources).map_err(UsageError)?;
    for n in &range.notes {
        report("", n);
    }
    Ok((zone, range))
}

/// Prints per-argument and per-source errors to stderr; they never stop the others.
pub fn report(name: &str, error: &str) {
    let line = format!("casefile: {}", crate::error::named(name, error));
    eprintln!("{}", crate::ansi::display_lines(&line));
}

fn index(args: &SourceArgs, d: &DisplayArgs, json: bool) -> anyhow::Result<ExitCode> {
    let chosen = chosen_display_zone(d)?;
    let mut r = resolve(args).map_err(UsageError)?;
    let mut failed = !r.errors.is_empty();
    for (n, e) in &r.errors {
        report(n, e);
    }
    source::fault::recover();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut errors = Vec::new();
    let mut write_err = Ok(());
    let specs_meta: Vec<(String, String)> = r
        .specs
        .iter()
        .map(|s| (s.name.clone(), s.origin()))
        .collect();
    let set_times: Vec<Option<crate::time::Nanos>> =
        r.specs.iter().map(|s| s.settings.time).collect();
    // Text output streams: name and format as soon as they are known. A
    // --since/--until range is read against every source, so it waits.
    let stream = !json && r.since.is_none() && r.until.is_none();
    // Streamed text cannot wait for every source to say which zone they were
    // read in: it takes the zone they are set to be read in, as the screen does.
    let asked = Asked::of(&r, chosen);
    let stream_zone = asked.zone_of_specs(&r.specs);
    let mut loaded = Vec::new();
    load_in_order(
        std::mem::take(&mut r.specs),
        r.opts.clone(),
        |ev| match ev {
            LoadEvent::Detected { id, detection } if stream && write_err.is_ok() => {
                let (name, path) = &specs_meta[id];
                write_err = headless::index::write_header(&mut out, name, path, &detection)
                    .and_then(|_| out.flush());
            }
            LoadEvent::Done { id, mut source } => {
                failed |= incomplete(std::slice::from_ref(&source));
                // A dump given a time sits there, as in the other commands
                // (a time from the file's date needs every source: not here).
                if let Some(&Some(t)) = set_times.get(id) {
                    let set = [(source.name.clone(), Some(t))];
                    date_dumps(std::slice::from_mut(&mut *source), &set);
                }
                if stream {
                    let s = headless::index::summarize(&source, None, None);
                    if write_err.is_ok() {
                        write_err = headless::index::write_body(&mut out, &s, &stream_zone)
                            .and_then(|_| out.flush());
                    }
                } else {
                    loaded.push(*source);
                }
            }
            LoadEvent::Failed { name, error, .. } => {
                failed = true;
                let error = error.to_string();
                report(&name, &error);
                errors.push(serde_json::json!({"name": name, "error": error}));
            }
            _ => {}
        },
    );
    headless::finish(write_err)?;
    if !stream {
        let refs: Vec<&Source> = loaded.iter().collect();
        let (zone, range) = reading(&asked, &refs)?;
        let summaries: Vec<_> = loaded
            .iter()
            .map(|s| headless::index::summarize(s, range.since, range.until))
            .collect();
        headless::merge::say_if_empty(&refs, &range, &zone);
        if json {
            let v = serde_json::json!({"sources": summaries, "errors": errors});
            let text = crate::ansi::json_escape_controls(serde_json::to_string_pretty(&v)?);
            headless::finish(writeln!(out, "{text}"))?;
        } else {
            for (src, sum) in loaded.iter().zip(&summaries) {
                headless::finish(
                    headless::index::write_header(&mut out, &src.name, &src.origin, &src.detection)
                        .and_then(|_| headless::index::write_body(&mut out, sum, &zone)),
                )?;
            }
        }
    }
    headless::finish(out.flush())?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads every source, reporting failures; returns the ones that loaded.
pub fn load_all(args: &SourceArgs) -> anyhow::Result<(Vec<Source>, crate::cli::Resolved, bool)> {
    load_all_with(args, true)
}

/// `load_all`, reading records' levels only if `levels` (`LoadOptions::levels`).
pub fn load_all_with(
    args: &SourceArgs,
    levels: bool,
) -> anyhow::Result<(Vec<Source>, crate::cli::Resolved, bool)> {
    let mut r = resolve(args).map_err(UsageError)?;
    r.opts.levels = levels;
    let mut failed = !r.errors.is_empty();
    for (n, e) in &r.errors {
        report(n, e);
    }
    source::fault::recover();
    let set_times: Vec<(String, Option<crate::time::Nanos>)> = r
        .specs
        .iter()
        .map(|s| (s.name.clone(), s.settings.time))
        .collect();
    let mut sources = Vec::new();
    load_in_order(
        std::mem::take(&mut r.specs),
        r.opts.clone(),
        |ev| match ev {
            LoadEvent::Done { source, .. } => {
                report_warnings(&source);
                sources.push(*source);
            }
            LoadEvent::Failed { name, error, .. } => {
                failed = true;
                report(&name, &error.to_string());
            }
            _ => {}
        },
    );
    date_dumps(&mut sources, &set_times);
    Ok((sources, r, failed))
}

/// Says on stderr, named after the source, what `index` lists and the screen
/// shows of how it was read (a zone or year assumed, times out of order…):
/// results read wrong without it. A part read only in part is said once, at
/// the end, by `incomplete`.
pub fn report_warnings(s: &Source) {
    let incomplete = s.incomplete();
    for w in s.warnings.iter().filter(|w| !incomplete.contains(w)) {
        report(&s.name, w);
    }
}

/// Gives each goroutine dump that prints no time the time the screen gives
/// it (`goroutine::when::placements`), or says on stderr why it has none.
fn date_dumps(sources: &mut [Source], set_times: &[(String, Option<crate::time::Nanos>)]) {
    use crate::goroutine::when::{self, Placement};
    let set: Vec<_> = sources
        .iter()
        .map(|s| {
            set_times
                .iter()
                .find(|(n, _)| *n == s.name)
                .and_then(|(_, t)| *t)
        })
        .collect();
    let placed = when::placements(&sources.iter().collect::<Vec<_>>(), &set);
    for (k, placement) in placed {
        match placement {
            Placement::At(t) => when::date(&mut sources[k], t),
            Placement::MtimeTooFar { away, .. } => {
                report("", &when::too_far_note(&sources[k].name, away))
            }
            Placement::Unknown => {}
        }
    }
}

fn show(
    args: &SourceArgs,
    d: &DisplayArgs,
    at: &str,
    (before, after): (usize, usize),
    (json, raw): (bool, bool),
    floor: crate::time::Nanos,
) -> anyhow::Result<ExitCode> {
    let chosen = chosen_display_zone(d)?;
    // A time that cannot be read fails now, before the sources are (as
    // --since and --until do); it is read for good once their days are known.
    crate::timeparse::parse_time(at, 0, &Zone::Fixed(0))
        .map_err(|e| UsageError(format!("--at: {e}")))?;
    let (sources, r, failed) = load_all(args)?;
    let refs: Vec<&Source> = sources.iter().collect();
    let (zone, range) = reading(&Asked::of(&r, chosen), &refs)?;
    // Relative times (`-5m`) count from the end of the incident.
    let end = crate::timeline::span(&refs).map_or(0, |(_, b)| b);
    let typed = user_time::read_time(at, &zone, user_time::common_span(&refs), end)
        .map_err(|e| UsageError(format!("--at: {e}")))?;
    if let Some(n) = &typed.note {
        report("", &format!("--at {n}"));
    }
    let at_typed = at;
    let at = typed.at;
    // Without a timestamp anywhere, a time of day would be read on 1970-01-01.
    let placed = crate::timeline::span(&refs).map(|_| at);
    if let Some(n) = user_time::outside(at, &refs, &zone) {
        report("", &format!("--at {n}"));
    }
    // Rendered into memory, and again when a file shrank while it was read
    // (a recovered fault): what is printed comes only from bytes still there.
    let mut buf = Vec::new();
    // "Quiet" is the silence analysis's answer, as in the panes.
    let silences = headless::show::silences(&refs, floor);
    for _ in 0..3 {
        let faults = source::fault::faults();
        headless::merge::refresh(&refs);
        let mut shown = headless::show::all_around(&refs, &silences, at, (before, after));
        headless::show::within(&refs, &mut shown, &range);
        buf.clear();
        if json {
            let text = crate::ansi::json_escape_controls(serde_json::to_string_pretty(
                &headless::show::json(placed, &shown),
            )?);
            writeln!(buf, "{text}")?;
        } else {
            headless::show::write_heading(&mut buf, placed, at_typed, &zone)?;
            let print = headless::Print {
                zone: zone.clone(),
                raw,
            };
            for (s, sh) in sources.iter().zip(&shown) {
                headless::show::write_text(&mut buf, s, sh, &print)?;
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

fn merge(
    args: &SourceArgs,
    d: &DisplayArgs,
    json: bool,
    raw: bool,
    patterns: bool,
) -> anyhow::Result<ExitCode> {
    let chosen = chosen_display_zone(d)?;
    let (sources, r, failed) = load_all(args)?;
    let refs: Vec<&Source> = sources.iter().collect();
    let (zone, range) = reading(&Asked::of(&r, chosen), &refs)?;
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let print = headless::Print {
        zone: zone.clone(),
        raw,
    };
    let ids = patterns.then(|| headless::patterns::record_ids(&refs));
    let res = headless::merge::write(
        &mut out,
        &refs,
        range.since,
        range.until,
        &print,
        json,
        ids.as_deref(),
    );
    let written = match res {
        Ok(w) => headless::finish(out.flush()).map(|_| w),
        // A closed pipe (`| head`) is a normal end, not an empty range.
        Err(e) => headless::finish(Err(e)).map(|_| headless::merge::Written {
            timed: 1,
            left_out: Vec::new(),
        }),
    }?;
    headless::merge::refresh(&refs);
    for name in &written.left_out {
        report(
            name,
            "no timestamps: left out of the --since/--until range (merge without a range prints it last)",
        );
    }
    if written.timed == 0 && (range.since.is_some() || range.until.is_some()) {
        report("", &headless::merge::empty_range(&refs, &range, &zone));
    }
    Ok(exit(failed | incomplete(&sources)))
}
