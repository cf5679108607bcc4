//! `casefile addr --binary PROG --in LOG`: every record of a log whose
//! `pc=0x…`/`addr=0x…` are in the program's code, resolved with the same
//! extraction (`symbol::record_addresses`) and lookup (`Binary::resolve_all`)
//! as the screen for the record at the cursor (under its first line).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use crate::cli::{AddrArgs, SourceArgs};
use crate::index::Zone;
use crate::source::Source;
use crate::symbol::{Binary, Resolved, record_addresses};
use crate::time::Nanos;

/// One record's resolved code addresses.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecordAddresses {
    pub source: String,
    pub record: usize,
    /// RFC 3339 UTC; null when the record has no time.
    pub time: Option<String>,
    /// The same, for the text, which shows it in the display zone.
    #[serde(skip)]
    pub at: Option<Nanos>,
    /// The record's first line in the source, counted from 1.
    pub line: u64,
    /// The record's first line, safe to print, cut after
    /// [`super::TEXT_MAX_CHARS`] characters with how many bytes were left
    /// out (`correlate::text`, as `silences` quotes records): `line` is
    /// where to read it whole.
    pub text: String,
    pub addresses: Vec<Resolved>,
}

/// The records of `src` with at least one address in `bin`'s code, in the
/// order read (time order for a log written newest first), each with its
/// line in the file.
pub fn records(bin: &Binary, src: &Source) -> Vec<RecordAddresses> {
    let mut out = Vec::new();
    for i in 0..src.index.len() {
        let bytes = src.record_bytes(i);
        let addrs = record_addresses(bytes);
        if addrs.is_empty() {
            continue;
        }
        let mut addresses = bin.resolve_all(&addrs);
        if addresses.is_empty() {
            continue;
        }
        crate::symbol::mark_unnamed(&mut addresses, &crate::symbol::record_functions(bytes));
        out.push(RecordAddresses {
            source: src.name.clone(),
            record: i,
            time: src.time(i).map(crate::time::format_rfc3339),
            at: src.time(i),
            line: 0,
            text: crate::silence::correlate::text(src, i),
            addresses,
        });
    }
    // Lines before each record, counted in one pass over the bytes.
    let recs: Vec<usize> = out.iter().map(|r| r.record).collect();
    let lines = crate::silence::correlate::line_numbers(src, &recs);
    for (r, line) in out.iter_mut().zip(lines) {
        r.line = line;
    }
    out
}

pub fn run(a: &AddrArgs) -> anyhow::Result<ExitCode> {
    let chosen = crate::commands::chosen_display_zone(&a.display)?;
    let bin = Binary::open(&a.binary)?;
    let args = SourceArgs {
        sources: a.logs.clone(),
        tz: a.tz.clone(),
        ..SourceArgs::default()
    };
    let (sources, r, failed) = crate::commands::load_all(&args)?;
    // Times in the zone the logs are read in, or the one chosen, as `merge` shows them.
    let refs: Vec<&Source> = sources.iter().collect();
    let zone = crate::user_time::Asked::of(&r, chosen).zone(&refs);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut found = 0usize;
    let res = sources.iter().try_for_each(|src| {
        records(&bin, src).iter().try_for_each(|r| {
            found += 1;
            write(&mut out, r, a.json, &zone)
        })
    });
    super::finish(res.and_then(|_| out.flush()))?;
    if let Some(why) = bin.inline_trees_unread() {
        eprintln!(
            "casefile: {}: code inlined into a function is named after that function ({why})",
            a.binary.display()
        );
    }
    // A log that could not be read has said so; "no record holds" is said
    // only of logs that were read.
    if found == 0 && !sources.is_empty() {
        eprintln!(
            "casefile: no record holds a pc=0x…/addr=0x… inside {}'s code",
            a.binary.display()
        );
    }
    Ok(if failed || found == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Text: `source:line time zone` and the record's first line (cut), then
/// each address as the screen shows it, `0x… → function file:line (inlined
/// into …)`. JSON: the time RFC 3339 UTC.
fn write(
    out: &mut impl Write,
    r: &RecordAddresses,
    json: bool,
    zone: &Zone,
) -> std::io::Result<()> {
    if json {
        let v = serde_json::to_string(r).unwrap_or_default();
        return writeln!(out, "{}", crate::ansi::json_escape_controls(v));
    }
    let time = r.at.map_or("-".to_string(), |t| {
        format!("{} {}", super::display_time(Some(t), zone), zone.label())
    });
    writeln!(
        out,
        "{}:{} {time} {}",
        crate::ansi::display_text(r.source.as_bytes()),
        r.line,
        r.text
    )?;
    for a in &r.addresses {
        writeln!(out, "    {} → {}", a.address, super::addr::describe(a))?;
    }
    Ok(())
}
