//! `casefile goroutines`: a Go goroutine dump or panic, grouped and ranked,
//! as text or JSON; `--diff OLD NEW` compares two dumps of one program.

use std::borrow::Cow;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::cli::{GoroutinesArgs, SourceArgs, resolve};
use crate::commands::UsageError;
use crate::goroutine::group::members_by_wait;
use crate::goroutine::lock::{
    LockGroup, UnaddressedWait, lock_groups, unaddressed_note, unaddressed_waits,
};
use crate::goroutine::rank::{Ranked, own_frame, promote_holders, rank};
use crate::goroutine::when::{DumpTime, Placement, anchor, decide, record_time, too_far_note};
use crate::goroutine::{Dump, DumpKind, Group, Similarity, Stack, diff, group};
use crate::index::Zone;
use crate::source::{self, LoadOptions, SourceSpec};
use crate::symbol::Resolved;
use crate::time::{Nanos, format_rfc3339};

mod json;
pub use json::to_json;

/// A dump read from a source, with everything the outputs print.
#[derive(Debug)]
pub struct Analysis {
    pub name: String,
    /// Shared: the screen keeps every dump of a file it read, and groups
    /// each (exact, similar) from the one read.
    pub dump: Arc<Dump>,
    pub time: Option<DumpTime>,
    pub similarity: Similarity,
    pub groups: Vec<Group>,
    pub ranked: Vec<Ranked>,
    pub locks: Vec<LockGroup>,
    /// Waits whose object the dump does not print, outside idle groups.
    pub unaddressed: Vec<UnaddressedWait>,
    /// Addresses resolved with `--binary`, and what they said about the binary.
    pub symbols: Option<crate::symbol::dump::DumpSymbols>,
}

impl Analysis {
    /// Groups, ranks and finds the lock groups of a parsed dump.
    pub fn new(
        name: String,
        dump: Arc<Dump>,
        time: Option<DumpTime>,
        similarity: Similarity,
    ) -> Analysis {
        let groups = group(&dump, similarity);
        let mut ranked = rank(&dump, &groups);
        let locks = lock_groups(&dump);
        promote_holders(&dump, &groups, &locks, &mut ranked);
        let unaddressed = unaddressed_waits(&dump, &groups, &ranked);
        Analysis {
            name,
            dump,
            time,
            similarity,
            groups,
            ranked,
            locks,
            unaddressed,
            symbols: None,
        }
    }
}

/// What a dump's time is decided from (`when::decide`).
#[derive(Debug, Clone, Copy)]
struct Dating {
    set: Option<Nanos>,
    log_line: Option<Nanos>,
    mtime: Option<Nanos>,
}

impl Dating {
    fn decide(self, others: Option<(Nanos, Nanos)>) -> Placement {
        decide(self.set, self.log_line, self.mtime, others)
    }

    /// A time of the dump's own (set, or its log line's), not its file's.
    fn own(self) -> Option<Nanos> {
        self.set.or(self.log_line)
    }
}

/// Opens, parses, dates and groups the dumps of one source (most hold one).
pub fn analyse(
    spec: &SourceSpec,
    opts: &LoadOptions,
    similarity: Similarity,
) -> anyhow::Result<Vec<Analysis>> {
    let read = read(spec, opts, similarity)?;
    Ok(read
        .into_iter()
        .map(|(mut a, dating)| {
            // Read alone: no other source to judge the file's time by.
            a.time = dating.decide(None).time();
            a
        })
        .collect())
}

/// Opens, parses and groups the dumps of one source (`Dump::split`: a
/// profile and then a panic are two), and says what dates each.
fn read(
    spec: &SourceSpec,
    opts: &LoadOptions,
    similarity: Similarity,
) -> anyhow::Result<Vec<(Analysis, Dating)>> {
    let (parts, mut open_warnings) = source::open(spec)?;
    let data: Cow<'_, [u8]> = match parts.0.as_slice() {
        [one] => Cow::Borrowed(&one.data[..one.safe_len()]),
        many => Cow::Owned(
            many.iter()
                .flat_map(|p| p.data[..p.safe_len()].iter().copied())
                .collect(),
        ),
    };
    let format = spec.settings.format.clone().unwrap_or_else(|| {
        let sample = &data[..data.len().min(crate::source::SAMPLE)];
        crate::format::detect(sample).format
    });
    let mut dumps = crate::goroutine::captured::parse_log(&format, &data).split(&data);
    drop(data);
    if parts.0.len() > 1 {
        let before = lines_before_each(&parts);
        for d in &mut dumps {
            name_files(d, &parts, &before);
        }
    }
    let mtime = parts.0.last().and_then(|p| p.mtime);
    // Only a dump printed inside a log has a log line to take its time from.
    let src = (dumps[0].embedded && spec.settings.time.is_none())
        .then(|| source::index(spec, Arc::new(parts), Vec::new(), opts, |_| {}));
    open_warnings.append(&mut dumps[0].warnings);
    dumps[0].warnings = open_warnings;
    let last = dumps.len() - 1;
    Ok(dumps
        .into_iter()
        .enumerate()
        .map(|(k, dump)| {
            let log_line = src
                .as_ref()
                .and_then(|src| anchor(&dump).and_then(|o| record_time(src, o)));
            // The file's time (set, or its mtime) is when its last dump was written.
            let dating = Dating {
                set: spec.settings.time.filter(|_| k == last),
                log_line,
                mtime: mtime.filter(|_| k == last),
            };
            (
                Analysis::new(spec.name.clone(), Arc::new(dump), None, similarity),
                dating,
            )
        })
        .collect())
}

/// A rotated set's warnings, and where each of its dumps begins, name the
/// file and its own line, as `index` says them (`app.log: line 35: …`), not
/// the line of the set read as one text from its oldest file's start; the
/// damage keeps the set's lines. `before`: `lines_before_each(parts)`,
/// counted once for all of a set's dumps.
pub fn name_files(d: &mut Dump, parts: &source::Parts, before: &[u64]) {
    // The file holding the set's line, and that line in it.
    let locate = |line: u64| {
        let k = before.partition_point(|&b| b < line).max(1) - 1;
        (&parts.0[k], line - before[k])
    };
    if let Some(p) = &mut d.part {
        let (file, own) = locate(p.line);
        p.line = own;
        p.file = Some(file.label.clone());
    }
    if d.warnings.len() != d.damage.len() {
        return;
    }
    for (w, damage) in d.warnings.iter_mut().zip(&d.damage) {
        let (file, own) = locate(damage.line);
        *w = file.note(&format!("line {own}: {}", damage.kind));
    }
}

/// The lines before each file of a rotated set, as the set read as one text
/// counts them.
pub fn lines_before_each(parts: &source::Parts) -> Vec<u64> {
    let mut before = Vec::with_capacity(parts.0.len());
    let mut lines = 0;
    for p in &parts.0 {
        before.push(lines);
        lines += memchr::memchr_iter(b'\n', &p.data[..p.safe_len()]).count() as u64;
    }
    before
}

/// A dump read from a record's bytes (the screen's `d` on a panic in a
/// log) counts its lines from the file's start, as the whole file's dump
/// does: `lines_before` is how many lines come before the record.
pub fn count_from_file_start(d: &mut Dump, lines_before: u64) {
    if let Some(p) = &mut d.part {
        p.line += lines_before;
    }
    for damage in &mut d.damage {
        damage.line += lines_before;
    }
    if d.warnings.len() == d.damage.len() {
        d.warnings = d.damage.iter().map(ToString::to_string).collect();
    }
}

/// Where a dump of several begins: its line, and in a rotated set the file
/// before it (`app.log: line 8`).
pub fn dump_start(p: &crate::goroutine::parts::PartOf) -> String {
    match &p.file {
        Some(file) => format!("{file}: line {}", p.line),
        None => format!("line {}", p.line),
    }
}

/// Dates two dumps of a diff as every command dates a dump: each file's time
/// counts only within an hour of the other dump's own time (set, or its log
/// line), as it would beside that dump on the screen. What cannot be placed
/// is said on stderr.
fn date_pair(pair: &mut [(Analysis, Dating)]) {
    let owns: Vec<Option<Nanos>> = pair.iter().map(|(_, d)| d.own()).collect();
    for (k, (a, dating)) in pair.iter_mut().enumerate() {
        let other = owns[1 - k].map(|t| (t, t));
        match dating.decide(other) {
            Placement::At(t) => a.time = Some(t),
            Placement::MtimeTooFar { away, .. } => {
                crate::commands::report("", &too_far_note(&a.name, away));
            }
            Placement::Unknown => {}
        }
    }
}

/// Most lines of a panic's message (and of each earlier panic's) the text
/// prints: its head says what went wrong; `--json` gives it whole.
const MESSAGE_LINES: usize = 8;

const NO_DUMP: &str = "no Go goroutine dump or panic in it (`casefile goroutines` reads goroutine \
     profiles, SIGQUIT and GOTRACEBACK output, and panics with their stacks)";

/// Nothing in the input was read as a dump: no goroutine, panic or profile header.
fn holds_nothing(d: &Dump) -> bool {
    d.goroutines.is_empty() && d.panic.is_none() && d.declared_total.is_none() && d.opener.is_none()
}

pub fn run(a: &GoroutinesArgs) -> anyhow::Result<ExitCode> {
    let inputs = match (a.diff, a.dumps.len()) {
        (true, 2) | (false, 1) => a.dumps.clone(),
        (true, _) => {
            return Err(UsageError("--diff compares two dumps: --diff OLD NEW".into()).into());
        }
        (false, _) => {
            return Err(
                UsageError("one DUMP at a time; to compare two, --diff OLD NEW".into()).into(),
            );
        }
    };
    // A directory would give as many sources as it holds files, each taken
    // for one more dump of a single file.
    if let Some(d) = inputs.iter().find(|p| std::path::Path::new(p).is_dir()) {
        return Err(UsageError(format!(
            "{d}: a directory: `casefile goroutines` reads one file a DUMP (name one of its files)"
        ))
        .into());
    }
    let chosen = crate::commands::chosen_display_zone(&a.display)?;
    // With `--rotated`, a file's siblings are one source with it, read as
    // one text (`read`), as the screen reads the set.
    let sargs = SourceArgs {
        sources: inputs.into_iter().map(Into::into).collect(),
        rotated: a.rotated,
        tz: a.tz.clone(),
        set: a.set.clone(),
        ..Default::default()
    };
    let r = resolve(&sargs).map_err(UsageError)?;
    // A file that cannot be read is no usage error: said, and exit 1, as
    // every command that reads sources does.
    if !r.errors.is_empty() {
        for (n, e) in &r.errors {
            crate::commands::report(n, e);
        }
        return Ok(ExitCode::from(1));
    }
    if r.specs.len() != a.dumps.len() {
        // NAME=DIR: as above.
        return Err(UsageError(format!(
            "`casefile goroutines` reads one file a DUMP: {} gave {} sources",
            a.dumps.join(" "),
            r.specs.len()
        ))
        .into());
    }
    // The text's times: in the zone the dumps' logs are read in, or the one
    // chosen, as `index` shows them before its sources are read.
    let zone = crate::user_time::Asked::of(&r, chosen).zone_of_specs(&r.specs);
    let similarity = if a.similar {
        Similarity::Similar
    } else {
        Similarity::Exact
    };
    let mut read_all = Vec::new();
    for spec in &r.specs {
        let mut dumps = match read(spec, &r.opts, similarity) {
            Ok(dumps) => dumps,
            Err(e) => {
                crate::commands::report(&spec.name, &format!("{e:#}"));
                return Ok(ExitCode::from(1));
            }
        };
        if let Some(cut) = dumps[0].0.dump.cut_before_first_goroutine() {
            crate::commands::report(&spec.name, &cut);
            return Ok(ExitCode::from(1));
        }
        if dumps.iter().all(|(an, _)| holds_nothing(&an.dump)) {
            // An empty result would read as "a dump of no goroutines".
            for w in &dumps[0].0.dump.warnings {
                crate::commands::report(&spec.name, w);
            }
            crate::commands::report(&spec.name, NO_DUMP);
            return Ok(ExitCode::from(1));
        }
        if a.diff && dumps.len() > 1 {
            // A diff compares one dump of each: the file's latest.
            let (last, _) = &dumps[dumps.len() - 1];
            let start = last.dump.part.as_ref().map_or("line 1".into(), dump_start);
            crate::commands::report(
                &spec.name,
                &format!(
                    "holds {} dumps: the last one ({start}) is compared",
                    dumps.len()
                ),
            );
            dumps.drain(..dumps.len() - 1);
        }
        for (an, _) in &mut dumps {
            if let Some(path) = &a.binary {
                let bin = crate::symbol::Binary::open(path)?;
                let name = path.display().to_string();
                an.symbols = Some(crate::symbol::dump::dump_symbols(
                    &bin, &name, &an.dump, &an.locks,
                ));
            }
        }
        read_all.push(dumps);
    }
    let diffing = a.diff;
    let mut read_all: Vec<(Analysis, Dating)> = read_all.into_iter().flatten().collect();
    if diffing {
        date_pair(&mut read_all);
    } else {
        for (one, dating) in &mut read_all {
            one.time = dating.decide(None).time();
        }
    }
    let analyses: Vec<Analysis> = read_all.into_iter().map(|(a, _)| a).collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    // What the dump says (states, names, the panic's message) may hold a
    // terminal's control bytes: the text is written whole, then cleaned line
    // by line; JSON escapes C1 controls too.
    let mut text = Vec::new();
    let json = |v: &Value| -> anyhow::Result<String> {
        Ok(crate::ansi::json_escape_controls(
            serde_json::to_string_pretty(v)?,
        ))
    };
    let res = match analyses.as_slice() {
        [old, new] if diffing => {
            let d = diff::diff(&old.dump, &old.groups, &new.dump, &new.groups, similarity);
            if a.json {
                let mut v = serde_json::to_value(&d)?;
                v["times"] = diff_times_json(old, new);
                v["warnings"] = json!(diff_warnings(old, new));
                writeln!(out, "{}", json(&v)?)
            } else {
                write_diff(&mut text, old, new, &d, &zone)
            }
        }
        [one] => {
            if a.json {
                writeln!(out, "{}", json(&to_json(one))?)
            } else {
                write_text(&mut text, one, a.all, &zone)
            }
        }
        // One file holding several dumps: each read as its own.
        several => {
            if a.json {
                let dumps: Vec<Value> = several.iter().map(to_json).collect();
                let v = json!({"source": several[0].name, "dumps": dumps});
                writeln!(out, "{}", json(&v)?)
            } else {
                several.iter().enumerate().try_for_each(|(k, one)| {
                    if k > 0 {
                        writeln!(text)?;
                    }
                    write_text(&mut text, one, a.all, &zone)
                })
            }
        }
    };
    let res = res.and_then(|_| {
        out.write_all(crate::ansi::display_lines(&String::from_utf8_lossy(&text)).as_bytes())
    });
    super::finish(res.and_then(|_| out.flush()))?;
    Ok(ExitCode::SUCCESS)
}

/// What the text output and the TUI fold: idle standard-library groups.
pub fn folded(a: &Analysis) -> (u64, u64) {
    a.ranked
        .iter()
        .filter(|r| r.idle && !r.panicking)
        .fold((0, 0), |(n, c), r| (n + 1, c + a.groups[r.group].count))
}

/// A frame as shown: as the dump printed it, or (a profile's, with
/// `--binary`) known only by its `@` address, resolved by the binary.
pub enum Shown<'a> {
    Printed(u32),
    Address(u64, Option<&'a Resolved>),
}

/// A stack's frames as shown: with `--binary`, a profile's stack has a frame
/// per `@` address, the printed ones in their places. Printed frames that do
/// not line up with the addresses (pc = address - 1) show as printed only.
pub fn shown_frames<'a>(
    d: &Dump,
    symbols: Option<&'a crate::symbol::dump::DumpSymbols>,
    stack: &Stack,
) -> Vec<Shown<'a>> {
    let printed_only = || stack.frames.iter().map(|&f| Shown::Printed(f)).collect();
    let Some(symbols) = symbols.filter(|_| !stack.addresses.is_empty()) else {
        return printed_only();
    };
    let mut printed = stack.frames.iter().peekable();
    let mut shown = Vec::with_capacity(stack.addresses.len());
    for &ret in &stack.addresses {
        let pc = ret.saturating_sub(1);
        match printed.next_if(|&&f| d.frame(f).pc == pc) {
            Some(&f) => shown.push(Shown::Printed(f)),
            None => shown.push(Shown::Address(pc, symbols.frames.get(&pc))),
        }
    }
    if printed.next().is_some() {
        return printed_only();
    }
    shown
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// When a dump was taken, in `zone` (named), and what said so.
fn taken_at(t: DumpTime, zone: &Zone) -> String {
    format!(
        "{} {} ({})",
        super::display_time(Some(t.time), zone),
        zone.label(),
        t.origin.label()
    )
}

fn write_text(out: &mut impl Write, a: &Analysis, all: bool, zone: &Zone) -> std::io::Result<()> {
    let d = &a.dump;
    let kind = match d.kind {
        DumpKind::Traceback => "traceback",
        DumpKind::Profile => "?debug=1 profile",
    };
    let when = a
        .time
        .map_or("time unknown".to_string(), |t| taken_at(t, zone));
    let part = d.part.as_ref().map_or(String::new(), |p| {
        format!(" (dump {} of {}, {})", p.number, p.of, dump_start(p))
    });
    writeln!(
        out,
        "{}{part}: {} in {}, {kind}, {when}",
        a.name,
        plural(d.total(), "goroutine", "goroutines"),
        plural(a.groups.len() as u64, "group", "groups"),
    )?;
    if let Some(p) = &d.panic {
        writeln!(
            out,
            "\n{}: {}",
            p.kind,
            super::quote_lines(&p.message, MESSAGE_LINES)
        )?;
        for earlier in &p.chain {
            writeln!(
                out,
                "  after: {}",
                super::quote_lines(earlier, MESSAGE_LINES)
            )?;
        }
        if let Some(s) = &p.signal {
            let hex = |v: Option<u64>| v.map_or("?".into(), |v| format!("{v:#x}"));
            writeln!(
                out,
                "  {} ({}) addr={} pc={}",
                s.name,
                s.description,
                hex(s.addr),
                hex(s.pc)
            )?;
        }
        if let Some(r) = a.symbols.as_ref().and_then(|s| s.panic_pc.as_ref()) {
            writeln!(out, "  pc {} is {}", r.address, super::addr::describe(r))?;
        }
        if let Some(id) = p.goroutine {
            writeln!(out, "  in goroutine {id}")?;
        }
    }
    if !a.locks.is_empty() {
        writeln!(out, "\nblocked on one object:")?;
        for l in &a.locks {
            let variable = a.symbols.as_ref().and_then(|s| s.variable(l.address));
            writeln!(out, "  {}", l.sentence_naming(variable))?;
        }
    }
    if !a.unaddressed.is_empty() {
        writeln!(out, "\nwaiting on what the dump does not name:")?;
        for w in &a.unaddressed {
            writeln!(out, "  {}", w.sentence())?;
        }
        if let Some(why) = unaddressed_note(&a.unaddressed) {
            writeln!(out, "  ({why})")?;
        }
    }
    writeln!(out, "\ngroups, most suspicious first:")?;
    for (n, r) in a.ranked.iter().enumerate() {
        let g = &a.groups[r.group];
        if r.idle && !r.panicking && !all {
            continue;
        }
        write_group(out, a, (n + 1, r, g), zone)?;
    }
    let folded = folded(a);
    if folded.0 > 0 && !all {
        writeln!(
            out,
            "\n({} of the standard library's idle goroutines in {} folded; --all lists them)",
            folded.1,
            plural(folded.0, "group", "groups")
        )?;
    }
    let warnings = warnings_of(a);
    if !warnings.is_empty() {
        writeln!(out, "\nwarnings:")?;
        for w in warnings {
            writeln!(out, "  {w}")?;
        }
    }
    Ok(())
}

/// When the group's longest wait began (`when::wait_began`), as the text and
/// the screen say it: `2026-11-20 14:30:20–14:31:20 UTC`, from the time the
/// dump was taken. None without it or a wait of a minute.
pub fn wait_began_text(dumped: Option<DumpTime>, g: &Group, zone: &Zone) -> Option<String> {
    let (from, to) = crate::goroutine::when::wait_began(dumped?.time, g.wait_max)?;
    let (from, to) = (
        crate::timeparse::to_wall(from, zone),
        crate::timeparse::to_wall(to, zone),
    );
    let to_format = if from.date() == to.date() {
        "%H:%M:%S"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    Some(format!(
        "{}–{} {}",
        from.format("%Y-%m-%d %H:%M:%S"),
        to.format(to_format),
        zone.label()
    ))
}

fn write_group(
    out: &mut impl Write,
    a: &Analysis,
    (n, r, g): (usize, &Ranked, &Group),
    zone: &Zone,
) -> std::io::Result<()> {
    let d = &a.dump;
    let wait = match (g.wait_min, g.wait_max) {
        (_, 0) => String::new(),
        (lo, hi) if lo == hi => format!(", {hi} min"),
        (lo, hi) => format!(", {lo}-{hi} min"),
    };
    let mark = if r.panicking { "  <- panicked" } else { "" };
    let state = match d.name(g.state) {
        "" => "-",
        s => s,
    };
    writeln!(
        out,
        "\n#{n} {} [{state}{wait}]{mark}",
        plural(g.count, "goroutine", "goroutines")
    )?;
    if let Some(began) = wait_began_text(a.time, g, zone) {
        writeln!(out, "  longest wait began {began}")?;
    }
    if let Some(l) = r.may_hold.and_then(|l| a.locks.get(l)) {
        let variable = a.symbols.as_ref().and_then(|s| s.variable(l.address));
        writeln!(
            out,
            "  {} (blocked on one object, above)",
            l.may_hold_naming(variable)
        )?;
    }
    let stack = &d.stacks[g.stack as usize];
    for shown in shown_frames(&a.dump, a.symbols.as_ref(), stack) {
        match shown {
            Shown::Printed(f) => {
                let fr = d.frame(f);
                writeln!(
                    out,
                    "    {}\n        {}:{}",
                    d.name(fr.function),
                    d.name(fr.file),
                    fr.line
                )?;
            }
            Shown::Address(_, Some(r)) => writeln!(
                out,
                "    {} (address only)\n        {}:{}",
                r.function, r.file, r.line
            )?,
            Shown::Address(pc, None) => writeln!(out, "    ? (address only: {pc:#x})")?,
        }
    }
    if stack.elided {
        writeln!(out, "    ...additional frames elided...")?;
    }
    if let Some(c) = g.created_by {
        writeln!(out, "  created by {}", d.describe(c))?;
    }
    if let Some(l) = g.labels {
        writeln!(out, "  labels: {}", d.name(l))?;
    }
    // Longest wait first, as the TUI lists them; the wait only where it varies.
    let by_wait = members_by_wait(d, g);
    let ids: Vec<String> = by_wait
        .iter()
        .map(|&m| &d.goroutines[m as usize])
        .filter(|gr| gr.id != 0)
        .take(20)
        .map(|gr| match gr.wait_minutes {
            Some(w) if g.wait_min != g.wait_max => format!("{} ({w} min)", gr.id),
            _ => gr.id.to_string(),
        })
        .collect();
    if !ids.is_empty() {
        let more = if g.members.len() > 20 { " …" } else { "" };
        let order = if g.wait_min != g.wait_max {
            ", longest wait first"
        } else {
            ""
        };
        writeln!(out, "  goroutines{order}: {}{more}", ids.join(" "))?;
    }
    Ok(())
}

/// What parsing the dump (a truncated dump: where it broke off) and
/// `--binary` said about it.
fn warnings_of(a: &Analysis) -> Vec<String> {
    let mut warnings = a.dump.warnings.clone();
    match &a.symbols {
        Some(s) => warnings.extend(s.warnings.iter().cloned()),
        None if addresses_only(&a.dump) => warnings.push(ADDRESSES_ONLY.to_string()),
        None => {}
    }
    warnings
}

/// What a profile of addresses alone is told (`goroutines`, the screen's
/// status line): its stacks read `?` until a binary names them.
pub const ADDRESSES_ONLY: &str = "its stacks are addresses only (no `#` lines under `N @ 0x…`): --binary PROGRAM, the program that wrote it, resolves them";

/// A `?debug=1` profile whose `#` lines are gone (dropped as comments by a
/// tool it went through): every stack known by its `@` addresses only. (One
/// record of the runtime's own frames alone has no `#` line in any profile.)
pub fn addresses_only(d: &Dump) -> bool {
    let mut addressed = d.stacks.iter().filter(|s| !s.addresses.is_empty());
    d.kind == DumpKind::Profile
        && addressed.clone().next().is_some()
        && addressed.all(|s| s.frames.is_empty())
}

/// Both dumps' warnings, each named: a dump cut short compared with a
/// whole one has fewer goroutines, which the diff alone shows as gone.
fn diff_warnings(old: &Analysis, new: &Analysis) -> Vec<String> {
    [old, new]
        .iter()
        .flat_map(|a| {
            warnings_of(a)
                .into_iter()
                .map(|w| format!("{}: {w}", a.name))
        })
        .collect()
}

fn write_diff(
    out: &mut impl Write,
    old: &Analysis,
    new: &Analysis,
    d: &diff::Diff,
    zone: &Zone,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} -> {}: {} -> {} goroutines",
        old.name, new.name, d.total_before, d.total_after
    )?;
    let taken = |a: &Analysis| match a.time {
        Some(t) => format!("  {} taken {}", a.name, taken_at(t, zone)),
        None => format!("  {} taken at no known time", a.name),
    };
    writeln!(out, "{}", taken(old))?;
    let later = match interval(old, new) {
        Some(d) if d >= 0 => format!(", {} later", crate::time::format_duration(d)),
        Some(d) => format!(", {} earlier", crate::time::format_duration(-d)),
        None => String::new(),
    };
    writeln!(out, "{}{later}", taken(new))?;
    for (title, list) in [
        ("grown", &d.grown),
        ("new", &d.new),
        ("shrunk", &d.shrunk),
        ("gone", &d.gone),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}:")?;
        for c in list {
            let place = c.own_function.as_deref().unwrap_or(&c.top_function);
            let created = c
                .created_by
                .as_deref()
                .map_or(String::new(), |c| format!(", created by {c}"));
            let labels = c
                .labels
                .as_deref()
                .map_or(String::new(), |l| format!(", labels {l}"));
            writeln!(
                out,
                "  {:>+7}  {} -> {}  [{}] {place}{created}{labels}",
                c.delta(),
                c.before,
                c.after,
                c.states(" -> ")
            )?;
        }
    }
    let warnings = diff_warnings(old, new);
    if !warnings.is_empty() {
        writeln!(out, "\nwarnings:")?;
        for w in warnings {
            writeln!(out, "  {w}")?;
        }
    }
    Ok(())
}

/// From the old dump's time to the new one's, when both are known.
fn interval(old: &Analysis, new: &Analysis) -> Option<Nanos> {
    crate::goroutine::when::interval(old.time, new.time)
}

/// `{"before": {"name", "time", "time_origin"}, "after": {…}, "interval_s"}`.
fn diff_times_json(old: &Analysis, new: &Analysis) -> Value {
    let one = |a: &Analysis| {
        json!({
            "name": a.name,
            "time": a.time.map(|t| format_rfc3339(t.time)),
            "time_origin": a.time.map(|t| t.origin),
        })
    };
    json!({
        "before": one(old),
        "after": one(new),
        "interval_s": interval(old, new).map(|d| d as f64 / 1e9),
    })
}
