//! Starts the interactive view from a resolved command line. `commands` calls
//! this; it never calls back into `commands`.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::case::{Change, SourceEntry, Store};
use crate::cli::{Resolved, resolve};
use crate::index::Zone;
use crate::source::Input;
use crate::user_time::Asked;

const NO_TERMINAL: &str = "the screen needs a terminal, and standard output is not one. \
To print instead: casefile index SOURCE... (each source's format, time range, levels), \
casefile show --at TIME SOURCE... (each source around a time), \
casefile merge SOURCE... (every record in time order); see casefile --help";

/// The sources to open and the case file to keep bookmarks in: the sources
/// given (added to the case file), or with `--case` alone, the case file's own.
/// A damaged case file stops here, before the screen, with its message.
pub fn case_and_sources(
    args: &crate::cli::SourceArgs,
    case: Option<std::path::PathBuf>,
) -> anyhow::Result<(Resolved, Store)> {
    // `casefile kiosk.casefile.json`: a case file as the only source is
    // reopened, as `--case` alone would, not read as a JSON log.
    if case.is_none()
        && let Some(path) = lone_case_file(args)
    {
        let only_case = crate::cli::SourceArgs {
            sources: Vec::new(),
            commands: Vec::new(),
            ..args.clone()
        };
        return case_and_sources(&only_case, Some(path));
    }
    let no_sources = args.sources.is_empty() && args.commands.is_empty();
    if let (Some(path), true) = (&case, no_sources) {
        let store = Store::open(path)?;
        if !store.exists() {
            anyhow::bail!(
                "{}: no such case file; give sources to start one: casefile --case {} SOURCE...",
                path.display(),
                path.display()
            );
        }
        let mut r = crate::cli::Resolved {
            specs: Vec::new(),
            opts: crate::source::LoadOptions::default(),
            since: None,
            until: None,
            errors: Vec::new(),
        };
        for e in &store.case().sources {
            match e.to_spec() {
                Ok(s) => r.specs.push(s),
                Err(why) => r.errors.push((e.name.clone(), why)),
            }
        }
        return Ok((r, store));
    }
    let mut r = resolve(args).map_err(anyhow::Error::msg)?;
    let entries: Vec<SourceEntry> = r
        .specs
        .iter()
        .map(|s| {
            let rotated = args.rotated && matches!(&s.input, Input::Files(f) if !f.is_empty());
            SourceEntry::from_spec(s, rotated, &r.opts.zone)
        })
        .collect();
    let path = case.unwrap_or_else(|| crate::case::default_path(&entries));
    let mut store = Store::open(&path)?;
    for (mut e, spec) in entries.into_iter().zip(&mut r.specs) {
        keep_saved_offset(&mut e, spec, &store.case().sources);
        if !store.case().sources.contains(&e) {
            // Written with the first change: opening logs alone leaves no file behind.
            store.change(Change::PutSource(e));
        }
    }
    Ok((r, store))
}

/// The one SOURCE given, when it is a case file (named `*.casefile.json` and
/// read as one).
fn lone_case_file(args: &crate::cli::SourceArgs) -> Option<std::path::PathBuf> {
    let [only] = args.sources.as_slice() else {
        return None;
    };
    if !args.commands.is_empty() {
        return None;
    }
    let path = std::path::PathBuf::from(only);
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".casefile.json"));
    (named && matches!(crate::case::file::read(&path), Ok(Some(_)))).then_some(path)
}

/// The same source opened again without an offset on the command line gets
/// the offset the case file saved (set in the screen), and keeps the marks it
/// was derived from; so does a dump's time (`--set NAME.time=`).
fn keep_saved_offset(
    e: &mut SourceEntry,
    spec: &mut crate::source::SourceSpec,
    saved: &[SourceEntry],
) {
    let Some(old) = saved
        .iter()
        .find(|o| o.name == e.name && o.identity() == e.identity())
    else {
        return;
    };
    if e.offset == 0 && old.offset != 0 {
        e.offset = old.offset;
        spec.settings.offset = old.offset;
    }
    if e.offset == old.offset {
        e.offset_marks.clone_from(&old.offset_marks);
    }
    if e.time.is_none() && old.time.is_some() {
        e.time = old.time;
        spec.settings.time = old.time;
    }
    if e.date.is_none()
        && let Some(d) = &old.date
        && let Ok(day) = crate::time::parse_date(d)
    {
        e.date = Some(d.clone());
        spec.settings.date = Some(day);
    }
}

pub fn run(
    r: Resolved,
    display_zone: Option<Zone>,
    config: Option<std::path::PathBuf>,
    case: Store,
    silence: crate::silence::Settings,
    binary: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    // Without a terminal the screen cannot start; say what works instead of
    // the terminal library's "No such device or address (os error 6)".
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(NO_TERMINAL);
    }
    // Arguments that name nothing loadable (an empty directory) are reported
    // before the screen takes over; every other source still opens.
    let skipped: Vec<String> = r
        .errors
        .iter()
        .map(|(n, e)| crate::error::named(n, e))
        .collect();
    for s in &skipped {
        eprintln!("{}", crate::ansi::display_lines(&format!("casefile: {s}")));
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
        skipped,
    };
    crate::tui::run(r.specs, r.opts, view, Some(case), silence, binary)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `casefile kiosk.casefile.json` reopens the case, as `--case` alone
    /// does: it showed the case file's JSON as a log, its own pane, and kept
    /// a new case named after it.
    #[test]
    fn a_case_file_given_as_the_only_source_reopens_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = dir.path().join("app.log");
        std::fs::write(&log, "2022-03-24T17:20:00Z INFO up\n").expect("write");
        let case = dir.path().join("kiosk.casefile.json");
        let with = |sources: Vec<std::ffi::OsString>, case: Option<std::path::PathBuf>| {
            let args = crate::cli::SourceArgs {
                sources,
                ..Default::default()
            };
            case_and_sources(&args, case).expect("opens")
        };
        let (_, mut store) = with(vec![log.clone().into()], Some(case.clone()));
        store.save().expect("save");
        let (r, store) = with(vec![case.clone().into()], None);
        assert_eq!(store.path(), case.as_path());
        let names: Vec<&str> = r.specs.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["app"]);
        // A JSON log that is no case file stays a log.
        let other = dir.path().join("events.casefile.json");
        std::fs::write(&other, "{\"msg\":\"up\"}\n").expect("write");
        let (r, _) = with(vec![other.into()], None);
        assert_eq!(r.specs[0].name, "events.casefile");
    }
}
