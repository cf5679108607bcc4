//! `casefile patterns`: each source's message templates with counts and the
//! first and last time each occurs; `merge --json --patterns` tags records.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::display_time;
use crate::cli::PatternsArgs;
use crate::commands::{chosen_display_zone, load_all, reading};
use crate::index::Zone;
use crate::pattern::{SourcePatterns, id_bases, mine_all};
use crate::source::Source;
use crate::time::format_rfc3339;

#[derive(Debug, Serialize)]
pub struct PatternOut {
    /// Unique across the sources of one run: the same ids `merge --json --patterns` prints.
    pub id: u64,
    pub source: String,
    pub template: String,
    pub count: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Every source's templates, most frequent first within each source.
pub fn list(sources: &[&Source], mined: &[SourcePatterns]) -> Vec<PatternOut> {
    let bases = id_bases(mined);
    let mut out = Vec::new();
    for (k, p) in mined.iter().enumerate() {
        let mut v: Vec<PatternOut> = p
            .templates
            .iter()
            .enumerate()
            .map(|(t, f)| PatternOut {
                id: (bases[k] + t + 1) as u64,
                source: sources[k].name.clone(),
                template: f.text.clone(),
                count: f.count,
                first: f.first.map(format_rfc3339),
                last: f.last.map(format_rfc3339),
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
        out.extend(v);
    }
    out
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
    let (sources, r, failed) = load_all(&args.sources)?;
    let refs: Vec<&Source> = sources.iter().collect();
    let (zone, _) = reading(&crate::user_time::Asked::of(&r, chosen), &refs)?;
    let mined = mine_all(&refs);
    let list = list(&refs, &mined);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let res = if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "patterns": list }))?
        )
    } else {
        write_text(&mut out, &list, &zone)
    };
    super::finish(res.and_then(|_| out.flush()))?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
            writeln!(out, "== {}", p.source)?;
            current = Some(&p.source);
        }
        writeln!(
            out,
            "{:>9}  #{:<5} {} .. {}  {}",
            p.count,
            p.id,
            display_time(parse(&p.first), zone),
            display_time(parse(&p.last), zone),
            p.template
        )?;
    }
    Ok(())
}
