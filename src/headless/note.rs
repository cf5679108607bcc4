//! `casefile init`, `casefile note add`, `casefile note list`: a case file
//! from scripts (an alert hook can open a case and add the first note).

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::case::model::{Note, SourceEntry, new_id, now};
use crate::case::{Anchor, Change, Store, sources};
use crate::cli::{InitArgs, NoteAdd, NoteCommand, NoteList, resolve};
use crate::commands::{UsageError, chosen_display_zone};
use crate::index::Zone;
use crate::report::Quote;
use crate::time::Nanos;
use crate::timeparse::parse_time;

pub fn run(cmd: NoteCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        NoteCommand::Add(a) => add(&a),
        NoteCommand::List(a) => list(&a),
    }
}

/// Creates the case file for the sources (or adds them) and prints its path.
pub fn init(a: &InitArgs) -> anyhow::Result<ExitCode> {
    let no_sources = a.sources.sources.is_empty() && a.sources.commands.is_empty();
    let (entries, errors) = if no_sources {
        (Vec::new(), Vec::new())
    } else {
        let r = resolve(&a.sources).map_err(UsageError)?;
        let entries: Vec<SourceEntry> = r
            .specs
            .iter()
            .map(|s| SourceEntry::from_spec(s, a.sources.rotated, &r.opts.zone))
            .collect();
        (entries, r.errors)
    };
    for (name, e) in &errors {
        crate::commands::report(name, &e.to_string());
    }
    // A file not there yet is kept (its logs may be fetched later), but said:
    // a typo would otherwise be saved without a word.
    for e in &entries {
        for f in &e.files {
            if let Err(err) = std::fs::metadata(f) {
                let err = crate::error::Error::open(f, err);
                crate::commands::report(
                    &e.name,
                    &format!("{err} (kept in the case file: it is read once it is there)"),
                );
            }
        }
    }
    let path = match &a.case {
        Some(p) => p.clone(),
        None if no_sources => {
            return Err(UsageError(
                "init needs sources or --case FILE (a case file may start empty)".into(),
            )
            .into());
        }
        None => crate::case::default_path(&entries),
    };
    let mut store = Store::open(&path)?;
    for e in entries {
        store.change(Change::PutSource(e));
    }
    let saved = store.compact()?;
    let names: Vec<&str> = store
        .case()
        .sources
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    // Names and paths come from file names, which may hold a terminal's escapes.
    println!(
        "{}",
        crate::ansi::display_lines(&format!(
            "saved {} (rev {}): {} source{}{}{}",
            path.display(),
            saved.rev,
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            if names.is_empty() { "" } else { ": " },
            names.join(", ")
        ))
    );
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn note_text(words: &[String]) -> anyhow::Result<String> {
    if words.len() == 1 && words[0] == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(s.trim_end().to_string());
    }
    Ok(words.join(" "))
}

fn add(a: &NoteAdd) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&a.case)?;
    if let Some(name) = &a.source {
        known_source(&store, &a.case, name)?;
    }
    // Times are read as the screen reads them: in the zone the sources are
    // read in (--tz to say another), on the day they cover.
    let given = a.tz.as_deref().map(Zone::parse).transpose();
    let zone = case_zone(given.map_err(UsageError)?, store.case());
    parse_time(&a.at, now(), &zone).map_err(UsageError)?;
    // A relative time or `now` is about the present (an alert's note): the
    // sources are read only to place a time or a record, or to say that an
    // absolute time lies outside them.
    let relative = a.at.trim_start().starts_with(['+', '-']);
    let present = relative || a.at.trim().eq_ignore_ascii_case("now");
    let loaded = if a.source.is_some() || !present {
        sources::load(&store.case().sources, a.source.as_deref())
    } else {
        Vec::new()
    };
    let srcs: Vec<&crate::source::Source> = loaded
        .iter()
        .filter_map(|l| l.source.as_ref().ok())
        .collect();
    for l in &loaded {
        match &l.source {
            Ok(s) => crate::commands::report_warnings(s),
            // Said here when the note is on a time alone; `anchor_at` says it for --source.
            Err(e) if a.source.is_none() => crate::commands::report(&l.entry.name, e),
            Err(_) => {}
        }
    }
    let span = crate::user_time::common_span(&srcs);
    // A relative time counts from now (an alert's "-5m"); one without a date
    // is taken on the sources' last day it falls in.
    let anchor = span.filter(|_| !relative).map_or(now(), |s| s.1);
    let typed = crate::user_time::read_time(&a.at, &zone, span, anchor).map_err(UsageError)?;
    if let Some(n) = typed.note {
        eprintln!("casefile: --at {n}");
    }
    let at = typed.at;
    // A note may be about a time before the logs; said, as `show --at` says it.
    if let Some(n) = crate::user_time::outside(at, &srcs, &zone) {
        crate::commands::report("", &format!("--at {n}"));
    }
    let until = a
        .until
        .as_deref()
        .map(|u| crate::user_time::read_time(u, &zone, span, at).map(|t| t.at))
        .transpose()
        .map_err(UsageError)?;
    if until.is_some_and(|u| u < at) {
        return Err(UsageError(format!(
            "--until '{}' is before --at '{}'",
            a.until.as_deref().unwrap_or(""),
            a.at
        ))
        .into());
    }
    let mut tags = Vec::new();
    for t in &a.tags {
        let clean = Note::clean_tag(t).ok_or_else(|| {
            UsageError(format!(
                "--tag '{t}' is not a tag: one word such as symptom, cause, ruled-out, action"
            ))
        })?;
        if !tags.contains(&clean) {
            tags.push(clean);
        }
    }
    let text = note_text(&a.text)?;
    if text.trim().is_empty() && tags.is_empty() {
        return Err(UsageError("the note is empty: give a TEXT or a --tag".into()).into());
    }
    let anchor = match (&a.source, loaded.into_iter().next()) {
        // A range (a silence) is about its times, not one record.
        (Some(name), Some(l)) if until.is_none() => anchor_at(l, name, at, a.matching.as_deref())?,
        _ => None,
    };
    let note = Note {
        id: new_id(),
        at: Some(at),
        until,
        source: a.source.clone(),
        anchor,
        tags,
        text,
        created: now(),
        about: None,
    };
    let id = note.id.clone();
    store.change(Change::PutNote(note));
    let saved = store.save()?;
    // Printed only now: the note is on disk and fsynced.
    println!(
        "{}",
        crate::ansi::display_lines(&format!(
            "saved note {id} to {} (rev {}, {})",
            a.case.display(),
            saved.rev,
            match store.case().notes.len() {
                1 => "1 note".to_string(),
                n => format!("{n} notes"),
            }
        ))
    );
    // Fold the journal into the one readable file; the note is safe either way.
    if let Err(e) = store.compact() {
        eprintln!("casefile: the note is saved (in the case file's journal), but {e}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The anchor on `name`'s record at or just before `at`; a source that cannot
/// be loaded leaves the note on the time alone (said on stderr).
fn anchor_at(
    l: sources::Loaded,
    name: &str,
    at: Nanos,
    matching: Option<&str>,
) -> anyhow::Result<Option<Anchor>> {
    let src = match l.source {
        Ok(s) => s,
        Err(e) => {
            let why = format!("{e}; the note keeps its time but no record");
            crate::commands::report(name, &why);
            return Ok(None);
        }
    };
    let found = match matching {
        Some(text) => nearest_matching(&src, at, text),
        None => src.at_or_before(at),
    };
    let Some(i) = found else {
        let what = match matching {
            Some(t) => format!("no record containing '{t}' within a minute of"),
            None => "no record at or before".into(),
        };
        return Err(UsageError(format!(
            "{name} has {what} {}; check --at and --tz, or leave out --source to note the time alone",
            crate::time::format_rfc3339(at)
        ))
        .into());
    };
    let a = Anchor::of(&src, i);
    if let Some(a) = &a {
        let gap = src.time(i).map_or(0, |t| at - t);
        let far = if gap > crate::time::NANOS_PER_MIN {
            format!(" ({} before --at)", crate::time::format_duration(gap))
        } else {
            String::new()
        };
        let said = format!("casefile: on {name}'s record{far}: {}", a.line);
        eprintln!("{}", crate::ansi::display_lines(&said));
    }
    Ok(a)
}

/// The record nearest `at` (within a minute) whose text contains `text`.
fn nearest_matching(src: &crate::source::Source, at: Nanos, text: &str) -> Option<usize> {
    let win = crate::time::NANOS_PER_MIN;
    let start = src.at_or_after(at - win)?;
    let needle = text.as_bytes();
    let mut best: Option<(Nanos, usize)> = None;
    for i in start..src.index.len() {
        let Some(t) = src.time(i) else { continue };
        if t > at + win {
            break;
        }
        let hit = memchr::memmem::find(src.record_bytes(i), needle).is_some();
        if hit && best.is_none_or(|(d, _)| (t - at).abs() < d) {
            best = Some(((t - at).abs(), i));
        }
    }
    best.map(|(_, i)| i)
}

fn known_source(store: &Store, case: &Path, name: &str) -> anyhow::Result<()> {
    let entries = &store.case().sources;
    if !entries.iter().any(|e| e.name == name) {
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        return Err(UsageError(format!(
            "no source named '{name}' in {} ({}); add it with: casefile init --case {} {name}=PATH",
            case.display(),
            if names.is_empty() {
                "it has no sources".to_string()
            } else {
                format!("sources: {}", names.join(", "))
            },
            case.display()
        ))
        .into());
    }
    Ok(())
}

/// The zone times are shown in: --display-tz, else the zone every source of
/// the case reads its times in (the demo's UTC), else this machine's.
pub fn case_zone(chosen: Option<Zone>, case: &crate::case::CaseFile) -> Zone {
    if let Some(z) = chosen {
        return z;
    }
    let mut zones = case.sources.iter().map(|s| s.tz.as_deref());
    match zones.next() {
        Some(Some(first)) if zones.all(|z| z == Some(first)) => {
            Zone::parse(first).unwrap_or(Zone::Local)
        }
        _ => Zone::Local,
    }
}

#[derive(serde::Serialize)]
struct ListJson<'a> {
    case: PathBuf,
    notes: Vec<NoteJson<'a>>,
    bookmarks: &'a [crate::case::Bookmark],
}

/// A note as the case file holds it, and its record as `report` quotes it.
#[derive(serde::Serialize)]
struct NoteJson<'a> {
    #[serde(flatten)]
    note: &'a Note,
    /// The record's lines as its row reads them (the report's quote); the
    /// line as noted when the record is detached.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    shown: Vec<String>,
    /// Why the record could not be quoted as it is now.
    #[serde(skip_serializing_if = "Option::is_none")]
    detached: Option<String>,
}

/// The case file `case` names, else the one in this directory, opened; one
/// that is not there is a usage error (a mistyped name would otherwise list
/// no notes, "0 notes", or report an empty case), as `note list` and
/// `report` say it.
pub(crate) fn existing_case(case: &Option<PathBuf>) -> anyhow::Result<(PathBuf, Store)> {
    let path = match case {
        Some(p) => p.clone(),
        None => crate::case::find_in(Path::new(".")).map_err(UsageError)?,
    };
    let store = Store::open(&path)?;
    if !store.exists() {
        return Err(UsageError(format!(
            "{}: no such case file (create one with casefile init or casefile note add)",
            path.display()
        ))
        .into());
    }
    Ok((path, store))
}

fn list(a: &NoteList) -> anyhow::Result<ExitCode> {
    let (path, store) = existing_case(&a.case)?;
    let zone = case_zone(chosen_display_zone(&a.display)?, store.case());
    let case = store.case();
    let mut notes: Vec<&Note> = case.notes.iter().collect();
    notes.sort_by_key(|n| (n.at.is_none(), n.at, n.created));
    // Only the sources a note quotes are read, as the report reads them.
    let quoted: Vec<SourceEntry> = case
        .sources
        .iter()
        .filter(|e| {
            notes
                .iter()
                .any(|n| n.anchor.as_ref().is_some_and(|a| a.source == e.name))
        })
        .cloned()
        .collect();
    let loaded = sources::load(&quoted, None);
    for l in &loaded {
        match &l.source {
            Ok(s) => crate::commands::report_warnings(s),
            Err(e) => {
                let said = crate::error::named(&l.entry.name, e);
                crate::commands::report("", &format!("{said} (its notes quote the line as noted)"));
            }
        }
    }
    let quotes = crate::report::Quotes::new(case, &loaded);
    let shown: Vec<(&Note, Quote)> = notes
        .into_iter()
        .map(|n| (n, quotes.of(n.anchor.as_ref()).0))
        .collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let r = if a.json {
        let notes = shown
            .iter()
            .map(|(n, q)| NoteJson {
                note: n,
                shown: q.lines(),
                detached: match q {
                    Quote::Detached { why, .. } => Some(why.clone()),
                    _ => None,
                },
            })
            .collect();
        let v = ListJson {
            case: path.clone(),
            notes,
            bookmarks: &case.bookmarks,
        };
        serde_json::to_writer_pretty(&mut out, &v)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        write_list(&mut out, &shown, case.bookmarks.len(), &zone)
    };
    super::finish(r.and_then(|_| out.flush()))?;
    Ok(ExitCode::SUCCESS)
}

fn write_list(
    out: &mut impl Write,
    notes: &[(&Note, Quote)],
    bookmarks: usize,
    zone: &Zone,
) -> std::io::Result<()> {
    for (n, quote) in notes {
        let mut head = super::display_time(n.at, zone);
        if let Some(u) = n.until {
            head.push_str(&format!(" – {}", super::display_time(Some(u), zone)));
        }
        if let Some(s) = &n.source {
            head.push_str(&format!("  {s}"));
        }
        for t in Note::tags_not_typed(&n.tags, &n.text) {
            head.push_str(&format!("  #{t}"));
        }
        writeln!(out, "{}", crate::ansi::display_text(head.as_bytes()))?;
        for line in n.text.lines() {
            writeln!(out, "    {}", crate::ansi::display_text(line.as_bytes()))?;
        }
        if let Some(a) = &n.about {
            for l in a.lines() {
                writeln!(out, "    > {}", crate::ansi::display_text(l.as_bytes()))?;
            }
        }
        if let Quote::Detached { why, .. } = quote {
            let why = crate::ansi::display_text(why.as_bytes());
            writeln!(out, "    detached ({why}); as noted:")?;
        }
        // Made text already (the report's quote, an anchor's excerpt); made
        // safe again as every other line here.
        for l in quote.lines() {
            writeln!(out, "    > {}", crate::ansi::display_text(l.as_bytes()))?;
        }
    }
    writeln!(
        out,
        "{} note{}, {bookmarks} bookmark{}",
        notes.len(),
        if notes.len() == 1 { "" } else { "s" },
        if bookmarks == 1 { "" } else { "s" }
    )
}
