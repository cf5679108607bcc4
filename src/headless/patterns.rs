//! `casefile patterns`: each source's message templates with counts and the
//! first and last time each occurs; `merge --json --patterns` tags records.
//! `--buckets N` adds each template's density over the incident's range and
//! `--around TIME` its "what changed" score, as the pattern view shows them.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::display_time;
use crate::cli::PatternsArgs;
use crate::commands::{UsageError, chosen_display_zone, load_all_with, reading, report};
use crate::headless::silences::positive_duration;
use crate::index::Zone;
use crate::pattern::occurrences::{Around, Change, Occurrences, bucket_edges, sparkline};
use crate::pattern::{SourcePatterns, id_bases, mine_all};
use crate::source::Source;
use crate::time::{Nanos, format_duration, format_rfc3339};
use crate::user_time::Range;

#[derive(Debug, Serialize)]
pub struct PatternOut {
    /// Unique across the sources of one run: the same ids `merge --json --patterns` prints.
    pub id: u64,
    pub source: String,
    pub template: String,
    pub count: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// With `--buckets`: the count in each slice of `range`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub density: Option<Vec<u64>>,
    /// With `--around`: the window against the time before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeOut {
    /// Occurrences within the window.
    pub within: u64,
    /// Occurrences from the source's first record up to the window.
    pub before: u64,
    /// What the rate before predicts for the window; null when the source
    /// logged nothing before the window.
    pub expected: Option<f64>,
    /// (within + 1) / (expected + 1): 1 is as usual; null with no before
    /// window, and for a template absent from the window.
    pub score: Option<f64>,
}

impl ChangeOut {
    fn change(&self) -> Change {
        Change {
            within: self.within,
            before: self.before,
            expected: self.expected,
            score: self.score,
        }
    }
}

impl From<Change> for ChangeOut {
    fn from(c: Change) -> ChangeOut {
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        ChangeOut {
            within: c.within,
            before: c.before,
            expected: c.expected.map(round),
            score: c.score.map(round),
        }
    }
}

/// What `--buckets` and `--around` ask beyond the plain list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extra {
    /// The range and the number of slices to cut it in.
    pub buckets: Option<((Nanos, Nanos), usize)>,
    /// The time and the half-width of the window.
    pub around: Option<(Nanos, Nanos)>,
}

/// Every source's templates, most frequent first within each source (with
/// `--around`: highest "what changed" score first).
pub fn list(sources: &[&Source], mined: &[SourcePatterns], extra: Extra) -> Vec<PatternOut> {
    let bases = id_bases(mined);
    let mut out = Vec::new();
    for (k, p) in mined.iter().enumerate() {
        let needs_occ = extra.buckets.is_some() || extra.around.is_some();
        let occ = needs_occ.then(|| Occurrences::build(&p.ids, p.templates.len()));
        let edges = extra
            .buckets
            .map(|(range, n)| bucket_edges(sources[k], range, n));
        let around = extra
            .around
            .map(|(at, half)| Around::new(sources[k], at, half));
        let mut v: Vec<PatternOut> = p
            .templates
            .iter()
            .enumerate()
            // None in a --since/--until range (`within`): not listed.
            .filter(|(_, f)| f.count > 0)
            .map(|(t, f)| PatternOut {
                id: (bases[k] + t + 1) as u64,
                source: sources[k].name.clone(),
                template: super::quote(&f.text),
                count: f.count,
                first: f.first.map(format_rfc3339),
                last: f.last.map(format_rfc3339),
                density: occ
                    .as_ref()
                    .zip(edges.as_ref())
                    .map(|(o, e)| o.counts(t as u32, e)),
                change: occ
                    .as_ref()
                    .zip(around.as_ref())
                    .map(|(o, a)| a.change(o, t as u32).into()),
            })
            .collect();
        v.sort_by(|a, b| {
            let by_change = match (&a.change, &b.change) {
                (Some(x), Some(y)) => Change::rank(&x.change(), &y.change()),
                _ => std::cmp::Ordering::Equal,
            };
            by_change.then(b.count.cmp(&a.count)).then(a.id.cmp(&b.id))
        });
        out.extend(v);
    }
    out
}

/// Each template's count, first and last over the records in the
/// --since/--until range only, as `merge` prints them: templates are mined
/// from whole sources (ids stay those of `merge --patterns`), then counted
/// there. A source without timestamps has no record in any range, and is
/// said to be left out, as `merge` says it.
fn within(sources: &[&Source], mined: &mut [SourcePatterns], range: &Range) {
    if range.since.is_none() && range.until.is_none() {
        return;
    }
    for (src, p) in sources.iter().zip(mined.iter_mut()) {
        if src.first_time().is_none() && !p.ids.is_empty() {
            report(
                &src.name,
                "no timestamps: left out of the --since/--until range (patterns without a range lists it)",
            );
        }
        for f in &mut p.templates {
            (f.count, f.first, f.last) = (0, None, None);
        }
        for (i, &t) in p.ids.iter().enumerate() {
            let Some(time) = src.time(i) else { continue };
            if range.since.is_some_and(|s| time < s) || range.until.is_some_and(|u| time > u) {
                continue;
            }
            let f = &mut p.templates[t as usize];
            f.count += 1;
            f.first = Some(f.first.map_or(time, |x| x.min(time)));
            f.last = Some(f.last.map_or(time, |x| x.max(time)));
        }
    }
}

/// Each record's pattern id, per source (ids as `list` gives them).
pub fn record_ids(sources: &[&Source]) -> Vec<Vec<u64>> {
    let mined = mine_all(sources);
    let bases = id_bases(&mined);
    mined
        .iter()
        .zip(bases)
        .map(|(p, b)| p.ids.iter().map(|&t| (b + t as usize + 1) as u64).collect())
        .collect()
}

pub fn run(args: &PatternsArgs) -> anyhow::Result<ExitCode> {
    let chosen = chosen_display_zone(&args.display)?;
    // Refused before the sources are read (a gigabyte's wait, then its warnings).
    check_buckets(args)?;
    positive_duration("--window", &args.window)?;
    // Templates, counts and times: no level is printed, so none is read.
    let (sources, r, failed) = load_all_with(&args.sources, false)?;
    let refs: Vec<&Source> = sources.iter().collect();
    let (zone, range) = reading(&crate::user_time::Asked::of(&r, chosen), &refs)?;
    let extra = extra(args, &refs, &zone, (range.since, range.until))?;
    super::merge::say_if_empty(&refs, &range, &zone);
    let mut mined = mine_all(&refs);
    within(&refs, &mut mined, &range);
    let list = list(&refs, &mined, extra);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let res = if args.json {
        let mut v = serde_json::json!({ "patterns": list });
        if let Some(((from, to), n)) = extra.buckets {
            v["range"] = serde_json::json!({
                "from": format_rfc3339(from),
                "to": format_rfc3339(to),
                "buckets": n,
            });
        }
        if let Some((at, half)) = extra.around {
            v["around"] = serde_json::json!({
                "time": format_rfc3339(at),
                "window_s": half as f64 / 1e9,
            });
        }
        let text = crate::ansi::json_escape_controls(serde_json::to_string_pretty(&v)?);
        writeln!(out, "{text}")
    } else {
        write_heading(&mut out, extra, &zone).and_then(|_| write_text(&mut out, &list, &zone))
    };
    super::finish(res.and_then(|_| out.flush()))?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Most slices `--buckets` cuts the range in.
const MAX_BUCKETS: usize = 1000;

fn check_buckets(args: &PatternsArgs) -> Result<(), UsageError> {
    match args.buckets {
        Some(n) if !(1..=MAX_BUCKETS).contains(&n) => Err(UsageError(format!(
            "--buckets {n}: give between 1 and {MAX_BUCKETS} slices of the time range"
        ))),
        _ => Ok(()),
    }
}

/// Reads `--buckets`, `--around` and `--window` once the sources are loaded.
fn extra(
    args: &PatternsArgs,
    refs: &[&Source],
    zone: &Zone,
    (since, until): (Option<Nanos>, Option<Nanos>),
) -> Result<Extra, UsageError> {
    let mut extra = Extra::default();
    check_buckets(args)?;
    if let Some(n) = args.buckets {
        extra.buckets = crate::timeline::incident_span(refs, since, until).map(|r| (r, n));
        if extra.buckets.is_none() {
            report(
                "",
                "--buckets: no source has timestamps, so there is no time range to cut",
            );
        }
    }
    let half = positive_duration("--window", &args.window)?;
    if args.around.is_some() && crate::timeline::span(refs).is_none() {
        // A time of day would be read on 1970-01-01 and every record be "before" it.
        report(
            "",
            "--around: no source has timestamps, so there is no time to score around",
        );
    } else if let Some(at) = &args.around {
        // Relative times (`-5m`) count from the end of the incident, as `show --at`.
        let end = crate::timeline::span(refs).map_or(0, |(_, b)| b);
        let typed = crate::user_time::read_time(at, zone, crate::user_time::common_span(refs), end)
            .map_err(|e| UsageError(format!("--around: {e}")))?;
        if let Some(n) = &typed.note {
            report("", &format!("--around {n}"));
        }
        if let Some(n) = crate::user_time::outside(typed.at, refs, zone) {
            report("", &format!("--around {n}"));
        }
        extra.around = Some((typed.at, half));
    }
    Ok(extra)
}

fn write_heading(out: &mut impl Write, extra: Extra, zone: &Zone) -> std::io::Result<()> {
    if let Some(((from, to), n)) = extra.buckets {
        writeln!(
            out,
            "# density: {} .. {} in {n} slices",
            display_time(Some(from), zone),
            display_time(Some(to), zone)
        )?;
    }
    if let Some((at, half)) = extra.around {
        writeln!(
            out,
            "# what changed: ±{} around {}; ×score = (within + 1) / (expected from before + 1)",
            format_duration(half),
            display_time(Some(at), zone)
        )?;
    }
    Ok(())
}

fn write_text(out: &mut impl Write, list: &[PatternOut], zone: &Zone) -> std::io::Result<()> {
    let mut current: Option<&str> = None;
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .and_then(|d| d.timestamp_nanos_opt())
    };
    for p in list {
        if current != Some(p.source.as_str()) {
            // A source that logged nothing before the window has no scores.
            let unscored = match &p.change {
                Some(c) if c.expected.is_none() => {
                    " (logged nothing before the window: by count within it)"
                }
                _ => "",
            };
            // A file's name may hold a terminal's escapes, as its lines may.
            let name = crate::ansi::display_text(p.source.as_bytes());
            writeln!(out, "== {name}{unscored}")?;
            current = Some(&p.source);
        }
        let mut extra = String::new();
        if let Some(d) = &p.density {
            extra.push_str(&format!("{}  ", sparkline(d)));
        }
        if let Some(c) = &p.change {
            extra.push_str(&match c.score {
                Some(score) => format!(
                    "{:>7} ({} within, {} before)  ",
                    format!("×{score:.1}"),
                    c.within,
                    c.before
                ),
                None if c.expected.is_none() => {
                    format!("{:>7} ({} within, no before window)  ", "-", c.within)
                }
                // Absent from the window: a rate of nothing is no figure.
                None => format!("{:>7} ({} within, {} before)  ", "", c.within, c.before),
            });
        }
        writeln!(
            out,
            "{:>9}  #{:<5} {} .. {}  {extra}{}",
            p.count,
            p.id,
            display_time(parse(&p.first), zone),
            display_time(parse(&p.last), zone),
            crate::ansi::display_text(p.template.as_bytes())
        )?;
    }
    Ok(())
}
