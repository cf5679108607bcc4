//! `casefile silences`: every source's silences ranked, what the others logged
//! at that moment, the stretches when everyone was quiet, and precursors.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::display_time;
use crate::cli::SilencesArgs;
use crate::commands::{UsageError, chosen_display_zone, load_all, reading};
use crate::index::Zone;
use crate::silence::correlate::{self, Edge, Nearby};
use crate::silence::{Analysis, analyze};
use crate::source::Source;
use crate::time::{NANOS_PER_SEC, Nanos, format_duration, format_rfc3339};
use crate::timeparse::parse_duration;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SilenceOut {
    pub source: String,
    pub start: String,
    /// Null when the source never logged again.
    pub end: Option<String>,
    pub duration_s: f64,
    pub score: f64,
    pub before: Option<Edge>,
    pub after: Option<Edge>,
    pub nearby: Vec<Nearby>,
    /// Set when no other source was logging at its start, and why: it ranks
    /// after every silence with company ("no other source logging at its
    /// start (others begin 10h23m after it starts)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alone: Option<String>,
    /// Set when nobody logged on both sides of it though others were logging
    /// at its start: seconds after its start the last of them stopped (the
    /// text: "others stopped 3m00s after it began").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub others_stopped_s: Option<f64>,
    /// Not in the JSON: who else logged through it, as the text says it
    /// ("3 of 3 other sources logged through it", or `alone`).
    #[serde(skip)]
    pub company: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuietOut {
    pub start: String,
    pub end: String,
    pub duration_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub silences: Vec<SilenceOut>,
    pub quiet_periods: Vec<QuietOut>,
    pub precursors: Vec<PrecursorOut>,
}

/// A template seen before most silences of `silent`, rarely elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrecursorOut {
    /// The source the template comes from.
    pub source: String,
    pub template: String,
    /// Occurrences in the window before each silence of `silent`, in time order.
    pub before_counts: Vec<u64>,
    pub baseline_per_hour: f64,
    /// The source whose silences it precedes.
    pub silent: String,
}

/// A duration option, with a message naming the option and value when it is wrong.
pub fn positive_duration(opt: &str, v: &str) -> Result<Nanos, UsageError> {
    match parse_duration(v) {
        Ok(d) if d > 0 => Ok(d),
        Ok(_) => Err(UsageError(format!(
            "{opt} '{v}': must be longer than zero (e.g. 30s, 2m)"
        ))),
        Err(e) => Err(UsageError(format!("{opt} {e}"))),
    }
}

fn secs(d: Nanos) -> f64 {
    (d as f64 / NANOS_PER_SEC as f64 * 1000.0).round() / 1000.0
}

/// Builds the report: correlation reads the edge and nearby records' bytes.
pub fn report(
    sources: &[&Source],
    a: &Analysis,
    window: Nanos,
    nearby_max: usize,
    range: (Option<Nanos>, Option<Nanos>),
) -> Report {
    let keep =
        |s: Nanos, e: Nanos| range.0.is_none_or(|t| e >= t) && range.1.is_none_or(|t| s <= t);
    let shown: Vec<_> = a
        .silences
        .iter()
        .filter(|s| keep(s.gap.start, s.gap.end))
        .collect();
    // Line numbers are counted in one pass per source.
    let mut edges: Vec<Vec<Option<Edge>>> = vec![Vec::new(); sources.len()];
    let mut wanted: Vec<Vec<Option<usize>>> = vec![Vec::new(); sources.len()];
    for s in &shown {
        wanted[s.source].push(Some(s.gap.before));
        wanted[s.source].push(s.gap.after);
    }
    for (k, w) in wanted.iter().enumerate() {
        edges[k] = correlate::edges(sources[k], w);
    }
    let mut next = vec![0usize; sources.len()];
    let mut silences: Vec<SilenceOut> = shown
        .iter()
        .map(|s| {
            let k = s.source;
            let (before, after) = (edges[k][next[k]].take(), edges[k][next[k] + 1].take());
            next[k] += 2;
            SilenceOut {
                source: sources[k].name.clone(),
                start: format_rfc3339(s.gap.start),
                end: s.gap.after.map(|_| format_rfc3339(s.gap.end)),
                duration_s: secs(s.gap.duration()),
                score: s.score,
                before,
                after,
                nearby: correlate::nearby(sources, k, s.gap.start, window, nearby_max),
                alone: s.company.alone_why(),
                others_stopped_s: s.company.stopped.map(secs),
                company: s.company.says(),
            }
        })
        .collect();
    correlate::number_lines(sources, silences.iter_mut().flat_map(|s| &mut s.nearby));
    let quiet_periods = a
        .quiet_periods
        .iter()
        .filter(|q| keep(q.0, q.1))
        .map(|&(s, e)| QuietOut {
            start: format_rfc3339(s),
            end: format_rfc3339(e),
            duration_s: secs(e - s),
        })
        .collect();
    Report {
        silences,
        quiet_periods,
        precursors: Vec::new(),
    }
}

/// Mines templates (only when some source has two silences or more) and
/// reports those seen before most of them.
pub fn precursors(sources: &[&Source], a: &Analysis, window: Nanos) -> Vec<PrecursorOut> {
    let several =
        (0..sources.len()).any(|k| a.silences.iter().filter(|s| s.source == k).count() >= 2);
    if !several {
        return Vec::new();
    }
    let mined = crate::pattern::mine_all(sources);
    crate::precursor::find(sources, &mined, a, window)
        .into_iter()
        .take(20)
        .map(|p| PrecursorOut {
            source: sources[p.source].name.clone(),
            template: super::quote(&mined[p.source].templates[p.template as usize].text),
            before_counts: p.before_counts,
            baseline_per_hour: p.baseline_per_hour,
            silent: sources[p.silent].name.clone(),
        })
        .collect()
}

pub fn run(args: &SilencesArgs) -> anyhow::Result<ExitCode> {
    let chosen = chosen_display_zone(&args.display)?;
    let floor = positive_duration("--min-silence", &args.min_silence)?;
    let window = positive_duration("--window", &args.window)?;
    let pre_window = positive_duration("--precursor-window", &args.precursor_window)?;
    let (sources, r, failed) = load_all(&args.sources)?;
    let refs: Vec<&Source> = sources.iter().collect();
    let (zone, range) = reading(&crate::user_time::Asked::of(&r, chosen), &refs)?;
    super::merge::say_if_empty(&refs, &range, &zone);
    let a = analyze(&refs, floor);
    let mut rep = report(&refs, &a, window, args.nearby, (range.since, range.until));
    rep.precursors = precursors(&refs, &a, pre_window);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let res = if args.json {
        let text = crate::ansi::json_escape_controls(serde_json::to_string_pretty(&rep)?);
        writeln!(out, "{text}")
    } else {
        let given = range.since.is_some() || range.until.is_some();
        let none = if given && !super::merge::range_holds_record(&refs, &range) {
            "no record in the --since/--until range"
        } else {
            none_found(&refs)
        };
        write_text(&mut out, &rep, &zone, none)
    };
    super::finish(res.and_then(|_| out.flush()))?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn wall(rfc: &str, zone: &Zone) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(rfc)
        .ok()
        .and_then(|d| d.timestamp_nanos_opt());
    display_time(t, zone)
}

/// Why there are no silences: sources without a timestamp cannot go quiet.
fn none_found(sources: &[&Source]) -> &'static str {
    if sources.is_empty() {
        "no source was read"
    } else if sources.iter().all(|s| s.index.stats.timestamped_lines == 0) {
        "no source has timestamps"
    } else {
        "every source kept to its own rhythm"
    }
}

/// `none`: what is said when there are no silences (`none_found`).
pub fn write_text(
    out: &mut impl Write,
    rep: &Report,
    zone: &Zone,
    none: &str,
) -> std::io::Result<()> {
    if rep.silences.is_empty() {
        writeln!(out, "no silences: {none}")?;
    }
    for (n, s) in rep.silences.iter().enumerate() {
        let len = format_duration((s.duration_s * 1e9) as Nanos);
        let end = s
            .end
            .as_deref()
            .map_or("(never came back)".to_string(), |e| wall(e, zone));
        writeln!(
            out,
            "#{} {} silent {len}  {} .. {end}  score {:.2}; {}",
            n + 1,
            crate::ansi::display_text(s.source.as_bytes()),
            wall(&s.start, zone),
            s.score,
            s.company
        )?;
        for (label, e) in [("last", &s.before), ("next", &s.after)] {
            if let Some(e) = e {
                let t = e
                    .time
                    .as_deref()
                    .map_or(display_time(None, zone), |t| wall(t, zone));
                writeln!(
                    out,
                    "    {label}    {t}  line {}  {} {}",
                    e.line,
                    super::level_tag(e.level, e.inferred),
                    e.shown
                )?;
            }
        }
        for r in &s.nearby {
            writeln!(
                out,
                "    nearby  {}  {} {} {}",
                wall(&r.time, zone),
                crate::ansi::display_text(r.source.as_bytes()),
                super::level_tag(r.level, r.inferred),
                r.shown
            )?;
        }
    }
    if !rep.precursors.is_empty() {
        writeln!(
            out,
            "before the silences (count in the window before each; rate elsewhere):"
        )?;
        for p in &rep.precursors {
            let counts: Vec<String> = p.before_counts.iter().map(u64::to_string).collect();
            writeln!(
                out,
                "    {} before {}'s silences: {}  [{}; {:.2} per hour otherwise]",
                crate::ansi::display_text(p.source.as_bytes()),
                crate::ansi::display_text(p.silent.as_bytes()),
                crate::ansi::display_text(p.template.as_bytes()),
                counts.join(", "),
                p.baseline_per_hour
            )?;
        }
    }
    if !rep.quiet_periods.is_empty() {
        writeln!(out, "every source quiet:")?;
        for q in &rep.quiet_periods {
            writeln!(
                out,
                "    {} .. {}  {}",
                wall(&q.start, zone),
                wall(&q.end, zone),
                format_duration((q.duration_s * 1e9) as Nanos)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A silence after a one-line record of 50 MiB, and that record's template
    /// as a precursor: the report holds each cut after 2,000 characters with
    /// how many bytes were left out (`correlate::text`, `quote`; the JSON
    /// prints them so), and the text prints them so, not cut again.
    #[test]
    fn text_prints_a_50_mb_record_and_template_cut_once() {
        let huge = super::super::quote(&format!(
            "cache flush stalled on {}\u{1b}[2J",
            "x".repeat(50 << 20)
        ));
        let edge = Edge {
            time: Some("2022-03-24T17:00:01Z".into()),
            line: 2,
            text: huge.clone(),
            record: 1,
            shown: huge.clone(),
            level: None,
            inferred: false,
        };
        let rep = Report {
            silences: vec![SilenceOut {
                source: "huge".into(),
                start: "2022-03-24T17:00:01Z".into(),
                end: None,
                duration_s: 60.0,
                score: 1.0,
                before: Some(edge),
                after: None,
                nearby: vec![Nearby {
                    source: "other".into(),
                    time: "2022-03-24T17:00:01Z".into(),
                    level: None,
                    line: 7,
                    text: huge.clone(),
                    shown: huge.clone(),
                    inferred: false,
                    at: 0,
                    source_index: 1,
                    record: 0,
                }],
                alone: None,
                others_stopped_s: None,
                company: "1 of 1 other sources logged through it".into(),
            }],
            quiet_periods: Vec::new(),
            precursors: vec![PrecursorOut {
                source: "huge".into(),
                template: huge.clone(),
                before_counts: vec![1, 1],
                baseline_per_hour: 0.0,
                silent: "huge".into(),
            }],
        };
        let mut out = Vec::new();
        write_text(&mut out, &rep, &Zone::Fixed(0), "").expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        let cut = format!(
            "cache flush stalled on {}… (+52,426,827 bytes)",
            "x".repeat(1977)
        );
        for what in [
            "    last ",
            "    nearby ",
            "    huge before huge's silences: ",
        ] {
            let line = text
                .lines()
                .find(|l| l.starts_with(what))
                .unwrap_or_else(|| panic!("no {what:?} line in {} bytes", text.len()));
            assert!(
                line.contains(&cut) && line.len() < cut.len() + 100,
                "{what:?}: a line of {} bytes: {}…",
                line.len(),
                &line[..line.len().min(200)]
            );
        }
        assert!(!text.contains('\u{1b}'), "nothing raw reaches the terminal");
    }
}
