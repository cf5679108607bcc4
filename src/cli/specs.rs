//! Turning command-line arguments into source specs and time bounds.

use std::path::{Path, PathBuf};

use super::SourceArgs;
use crate::format::Format;
use crate::index::Zone;
use crate::source::spec::{default_name, split_name};
use crate::source::{Input, LoadOptions, Settings, SourceSpec};
use crate::time::Nanos;
use crate::timeparse::{parse_offset, parse_time};

/// Everything a command needs to load its sources.
#[derive(Debug)]
pub struct Resolved {
    pub specs: Vec<SourceSpec>,
    pub opts: LoadOptions,
    /// `--since`/`--until` as typed: they are read once the sources are, in the
    /// zone times are shown in and on the day the sources cover (`user_time::read_range`).
    pub since: Option<String>,
    pub until: Option<String>,
    /// Problems with individual arguments (e.g. an empty directory): reported, not fatal.
    pub errors: Vec<(String, String)>,
}

/// Builds source specs. Fails on arguments that make no sense at all (a bad
/// zone or format name); per-source problems go to `errors`.
pub fn resolve(args: &SourceArgs) -> Result<Resolved, String> {
    let zone = args
        .tz
        .as_deref()
        .map(Zone::parse)
        .transpose()?
        .unwrap_or(Zone::Local);
    let opts = LoadOptions {
        zone: zone.clone(),
        ..LoadOptions::default()
    };
    let format = args.format.as_deref().map(parse_format).transpose()?;
    let boot_time = args
        .boot_time
        .as_deref()
        .map(|s| parse_time(s, opts.now, &zone))
        .transpose()?;
    let max_temp = args
        .max_temp
        .as_deref()
        .map(crate::source::stream::parse_size)
        .transpose()
        .map_err(|e| format!("--max-temp {e}"))?;
    // A zone given with --tz is the user's choice for every source: it is no
    // assumption to warn about, and times are shown in it.
    let base = Settings {
        zone: args.tz.is_some().then(|| zone.clone()),
        offset: 0,
        format,
        boot_time,
        max_temp,
        time: None,
        date: None,
    };
    let mut specs: Vec<SourceSpec> = Vec::new();
    // Whether each spec's name was typed by the user (NAME=PATH, -c NAME=CMD).
    let mut typed = Vec::new();
    let mut errors = Vec::new();
    if args.sources.is_empty() && args.commands.is_empty() {
        return Err(
            "no sources: give log files, directories, - for standard input, or -c COMMAND".into(),
        );
    }
    // Streams named so far, by what they are on the system: `-` and
    // `/dev/stdin`, or one FIFO named twice, would be two readers of one
    // stream, each taking part of it.
    let mut streams = Streams::default();
    for arg in &args.sources {
        let (name, path) = split_name(arg);
        if path == "-" {
            if specs.iter().any(|s| s.input == Input::Stdin) {
                return Err(format!(
                    "'-' given twice ('{}'): standard input can be read only once; \
                     save it to a file to open it as two sources",
                    arg.to_string_lossy()
                ));
            }
            streams.add(stdin_identity(), path)?;
            typed.push(name.is_some());
            specs.push(SourceSpec {
                name: name.unwrap_or("stdin").into(),
                input: Input::Stdin,
                settings: base.clone(),
            });
            continue;
        }
        let p = Path::new(path);
        streams.add(std::fs::metadata(p).ok().and_then(|m| identity(&m)), path)?;
        if p.is_dir() {
            match crate::source::discover::dir_sources(p, args.rotated) {
                Ok(groups) => {
                    for files in groups {
                        typed.push(false);
                        specs.push(file_spec(None, files, &base));
                    }
                }
                Err(e) => errors.push((path.to_string_lossy().into_owned(), e.to_string())),
            }
            continue;
        }
        let files = if args.rotated {
            crate::source::discover::with_rotated(p)
        } else {
            vec![PathBuf::from(path)]
        };
        typed.push(name.is_some());
        specs.push(file_spec(name, files, &base));
    }
    for c in &args.commands {
        let (name, cmd) = match c.split_once('=') {
            Some((n, rest)) if !n.is_empty() && !n.contains(' ') && !rest.is_empty() => {
                typed.push(true);
                (n.to_string(), rest)
            }
            _ => {
                typed.push(false);
                (
                    c.split_whitespace()
                        .next()
                        .unwrap_or("command")
                        .rsplit('/')
                        .next()
                        .unwrap_or("command")
                        .into(),
                    c.as_str(),
                )
            }
        };
        specs.push(SourceSpec {
            name,
            input: Input::Command(cmd.into()),
            settings: base.clone(),
        });
    }
    unique_names(&mut specs, &typed)?;
    for s in &args.set {
        apply_set(&mut specs, s, opts.now, &zone)?;
    }
    // Bad times fail now, before anything is loaded; they are read for good
    // once the sources' days are known.
    crate::user_time::read_range(
        args.since.as_deref(),
        args.until.as_deref(),
        &zone,
        None,
        opts.now,
    )?;
    Ok(Resolved {
        specs,
        opts,
        since: args.since.clone(),
        until: args.until.clone(),
        errors,
    })
}

/// What a source that can be read only once is on the system (a pipe, a
/// FIFO, a socket or a character device: its device and inode, and what to
/// call it), so that two arguments naming it are caught before either is read.
/// None for a regular file, mapped and read by any number of sources, and
/// for a path that cannot be looked at (opening it says why).
type Identity = ((u64, u64), &'static str);

fn identity(meta: &std::fs::Metadata) -> Option<Identity> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let t = meta.file_type();
    let what = if t.is_fifo() {
        "a pipe or FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else {
        return None;
    };
    Some(((meta.dev(), meta.ino()), what))
}

/// Standard input's identity (`-`), as `/dev/stdin` names it too.
fn stdin_identity() -> Option<Identity> {
    use std::os::fd::AsFd;
    let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
    let meta = std::fs::File::from(fd).metadata().ok()?;
    identity(&meta).map(|(id, _)| (id, "standard input"))
}

#[derive(Default)]
struct Streams(Vec<(Identity, String)>);

impl Streams {
    /// Refuses a stream already named by another argument.
    fn add(&mut self, id: Option<Identity>, arg: &std::ffi::OsStr) -> Result<(), String> {
        let Some(id) = id else { return Ok(()) };
        let arg = arg.to_string_lossy().into_owned();
        if let Some(((_, what), first)) = self.0.iter().find(|((seen, _), _)| *seen == id.0) {
            let what = if id.1 == "standard input" { id.1 } else { what };
            return Err(format!(
                "'{first}' and '{arg}' are one stream ({what}): it can be read only once; \
                 save it to a file to open it as two sources"
            ));
        }
        self.0.push((id, arg));
        Ok(())
    }
}

fn file_spec(name: Option<&str>, files: Vec<PathBuf>, base: &Settings) -> SourceSpec {
    let name = name.map_or_else(
        || {
            files
                .last()
                .map_or_else(|| "source".into(), |p| default_name(p))
        },
        String::from,
    );
    SourceSpec {
        name,
        input: Input::Files(files),
        settings: base.clone(),
    }
}

/// Names the user typed must differ; a name taken from a file or command
/// gives way to them and to each other by a `-2`, `-3`, ... suffix.
fn unique_names(specs: &mut [SourceSpec], typed: &[bool]) -> Result<(), String> {
    let mut taken: Vec<String> = Vec::new();
    for (s, _) in specs.iter().zip(typed).filter(|(_, t)| **t) {
        if taken.contains(&s.name) {
            return Err(format!(
                "two sources named '{}': give each its own NAME= (names pick sources for --set and label panes)",
                s.name
            ));
        }
        taken.push(s.name.clone());
    }
    for (s, _) in specs.iter_mut().zip(typed).filter(|(_, t)| !**t) {
        let base = s.name.clone();
        let mut k = 2;
        while taken.contains(&s.name) {
            s.name = format!("{base}-{k}");
            k += 1;
        }
        taken.push(s.name.clone());
    }
    Ok(())
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::by_name(name).ok_or_else(|| {
        // The 20-odd `prefixed-…` names are one shape, named once.
        let own: Vec<&str> = Format::names()
            .into_iter()
            .filter(|n| !n.starts_with(crate::format::prefixed::NAME_PREFIX))
            .collect();
        format!(
            "unknown format '{name}'; known formats: {}, prefixed-FORMAT (any of them behind grep -H's or kubectl --prefix's token)",
            own.join(", ")
        )
    })
}

/// Applies `NAME.KEY=VALUE` to the named source.
fn apply_set(specs: &mut [SourceSpec], arg: &str, now: Nanos, zone: &Zone) -> Result<(), String> {
    let bad = || {
        format!(
            "--set '{arg}': expected NAME.KEY=VALUE with KEY one of name, tz, offset, format, boot, time, date"
        )
    };
    let (lhs, value) = arg.split_once('=').ok_or_else(bad)?;
    let (name, key) = lhs.rsplit_once('.').ok_or_else(bad)?;
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let spec = specs.iter_mut().find(|s| s.name == name).ok_or_else(|| {
        format!(
            "--set '{arg}': no source named '{name}' (sources: {})",
            names.join(", ")
        )
    })?;
    match key {
        "name" if value.is_empty() => {
            return Err(format!("--set '{arg}': a name cannot be empty"));
        }
        "name" if value != name && names.iter().any(|n| n == value) => {
            return Err(format!(
                "--set '{arg}': another source is already named '{value}'; choose a name no other source has"
            ));
        }
        "name" => spec.name = value.to_string(),
        "tz" => spec.settings.zone = Some(Zone::parse(value)?),
        "offset" => {
            spec.settings.offset = parse_offset(value).map_err(|e| format!("--set '{arg}': {e}"))?
        }
        "format" => spec.settings.format = Some(parse_format(value)?),
        "boot" => spec.settings.boot_time = Some(parse_time(value, now, zone)?),
        "time" => spec.settings.time = Some(parse_time(value, now, zone)?),
        "date" => {
            spec.settings.date =
                Some(crate::time::parse_date(value).map_err(|e| format!("--set '{arg}': {e}"))?)
        }
        _ => return Err(bad()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(sources: &[&str], set: &[&str]) -> SourceArgs {
        SourceArgs {
            sources: sources.iter().map(std::ffi::OsString::from).collect(),
            set: set.iter().map(|s| s.to_string()).collect(),
            tz: Some("UTC".into()),
            ..Default::default()
        }
    }

    #[test]
    fn names_settings_and_bounds() {
        let mut a = args(
            &[
                "client=/nope/kiosk.log",
                "/nope/kern.log",
                "/nope2/kern.log",
            ],
            &["kern.offset=-2.5s", "kern-2.tz=Europe/Berlin"],
        );
        a.since = Some("2022-03-24 17:00".into());
        a.until = Some("+30m".into());
        let r = resolve(&a).expect("resolves");
        let names: Vec<_> = r.specs.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["client", "kern", "kern-2"]);
        assert_eq!(r.specs[1].settings.offset, -2_500_000_000);
        assert!(r.specs[2].settings.zone.is_some());
        assert_eq!(r.until.as_deref(), Some("+30m"));
    }

    #[test]
    fn clear_errors() {
        assert!(
            resolve(&args(&["x"], &["nosuch.tz=UTC"]))
                .unwrap_err()
                .contains("no source named 'nosuch'")
        );
        assert!(
            resolve(&args(&["x"], &["x.color=red"]))
                .unwrap_err()
                .contains("KEY one of")
        );
        assert_eq!(
            resolve(&args(&["x"], &["x.date=2026-13-01"])).unwrap_err(),
            "--set 'x.date=2026-13-01': '2026-13-01' is not a date: expected YYYY-MM-DD, like 2026-11-20"
        );
        let ok = resolve(&args(&["x"], &["x.date=2026-11-20"])).expect("a date");
        assert_eq!(
            ok.specs[0].settings.date,
            Some(crate::time::parse_date("2026-11-20").expect("date"))
        );
        let mut a = args(&["x"], &[]);
        a.format = Some("klingon".into());
        let e = resolve(&a).unwrap_err();
        assert!(e.contains("known formats"), "{e}");
        // Formats behind a grep or kubectl token are named once, as a shape.
        assert!(
            e.contains(
                "prefixed-FORMAT (any of them behind grep -H's or kubectl --prefix's token)"
            ) && !e.contains("prefixed-syslog-rfc3164"),
            "{e}"
        );
        assert!(resolve(&args(&[], &[])).unwrap_err().contains("no sources"));
    }

    /// Issue 12 item 12: an empty name, or two sources under one name, made
    /// `--set` and the panes ambiguous.
    #[test]
    fn names_are_never_empty_or_shared() {
        let e = resolve(&args(&["/nope/kern.log"], &["kern.name="])).unwrap_err();
        assert!(
            e.contains("--set 'kern.name=': a name cannot be empty"),
            "{e}"
        );
        let e = resolve(&args(&["/nope/a.log", "/nope/b.log"], &["b.name=a"])).unwrap_err();
        assert!(e.contains("another source is already named 'a'"), "{e}");
        let e = resolve(&args(&["db=/nope/x.log", "db=/nope/y.log"], &[])).unwrap_err();
        assert!(e.contains("two sources named 'db'"), "{e}");
        // A name the user typed keeps it; a name taken from a file name gives way.
        let r = resolve(&args(&["/nope/db.log", "db=/nope/y.log"], &[])).expect("resolves");
        let names: Vec<_> = r.specs.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["db-2", "db"]);
        let mut a = args(&["x=/nope/a.log"], &[]);
        a.commands = vec!["x=echo hi".into()];
        let e = resolve(&a).unwrap_err();
        assert!(e.contains("two sources named 'x'"), "{e}");
    }

    /// Issue 12 item 5: a second `-` read an already drained standard input as an empty source.
    #[test]
    fn standard_input_only_once() {
        let e = resolve(&args(&["-", "x", "b=-"], &[])).unwrap_err();
        assert!(e.contains("'-' given twice"), "{e}");
        assert!(resolve(&args(&["-", "x"], &[])).is_ok());
    }
}
