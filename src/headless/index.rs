//! `casefile index`: per-source facts.

use std::io::Write;

use serde::Serialize;

use crate::ansi::{display_lines, display_text};
use crate::index::Zone;
use crate::level::Level;
use crate::source::Source;
use crate::time::{Nanos, format_rfc3339};

#[derive(Debug, Serialize)]
pub struct Summary {
    pub name: String,
    pub path: String,
    pub format: String,
    pub confidence: f64,
    pub records: usize,
    pub lines: u64,
    /// RFC 3339 UTC.
    pub first: Option<String>,
    pub last: Option<String>,
    /// The same, for the text, which shows them in the display zone.
    #[serde(skip)]
    pub first_at: Option<Nanos>,
    #[serde(skip)]
    pub last_at: Option<Nanos>,
    pub timestamped_fraction: f64,
    pub levels: serde_json::Map<String, serde_json::Value>,
    /// Of `levels`, how many were inferred from phrases in the text.
    pub levels_inferred: serde_json::Map<String, serde_json::Value>,
    pub warnings: Vec<String>,
}

/// Summarises a source, restricted to records in `[since, until]` when given
/// (found by seeking in the time index).
pub fn summarize(src: &Source, since: Option<Nanos>, until: Option<Nanos>) -> Summary {
    let st = &src.index.stats;
    let mut levels = serde_json::Map::new();
    let mut levels_inferred = serde_json::Map::new();
    let (records, counts, inferred, first, last) = if since.is_none() && until.is_none() {
        (
            src.index.len(),
            st.levels,
            st.inferred,
            src.first_time(),
            src.last_time(),
        )
    } else {
        let lo = since
            .map_or(Some(0), |t| src.at_or_after(t))
            .unwrap_or(src.index.len());
        let hi = until
            .map_or(src.index.len(), |t| {
                src.at_or_before(t).map_or(0, |i| i + 1)
            })
            .max(lo);
        let mut counts = [0u64; 8];
        let mut inferred = [0u64; 8];
        for (_, e) in src.index.iter_from(lo).take(hi - lo) {
            let code = usize::from(Level::code(e.level()));
            counts[code] += 1;
            if e.level_inferred() {
                inferred[code] += 1;
            }
        }
        let times = (lo..hi).filter_map(|i| src.time(i));
        let (first, last) =
            times.fold((None, None), |(a, b): (Option<Nanos>, Option<Nanos>), t| {
                (
                    Some(a.map_or(t, |x| x.min(t))),
                    Some(b.map_or(t, |x| x.max(t))),
                )
            });
        (hi - lo, counts, inferred, first, last)
    };
    for l in Level::ALL {
        let code = usize::from(Level::code(Some(l)));
        if counts[code] > 0 {
            levels.insert(l.name().into(), counts[code].into());
        }
        if inferred[code] > 0 {
            levels_inferred.insert(l.name().into(), inferred[code].into());
        }
    }
    Summary {
        name: src.name.clone(),
        path: src.origin.clone(),
        format: src.detection.format.name().into(),
        // Four places, as `timestamped_fraction`: one dated line in the 400
        // sampled is 0.0025, not nothing.
        confidence: (f64::from(src.detection.confidence) * 10_000.0).round() / 10_000.0,
        records,
        lines: st.lines,
        first: first.map(format_rfc3339),
        last: last.map(format_rfc3339),
        first_at: first,
        last_at: last,
        timestamped_fraction: if st.lines == 0 {
            0.0
        } else {
            (st.timestamped_lines as f64 / st.lines as f64 * 10_000.0).round() / 10_000.0
        },
        levels,
        levels_inferred,
        warnings: src.warnings.clone(),
    }
}

/// The first lines of a source's text summary, printed as soon as the format is known.
pub fn write_header(
    out: &mut impl Write,
    name: &str,
    path: &str,
    d: &crate::format::Detection,
) -> std::io::Result<()> {
    let (name, path) = (display_text(name.as_bytes()), display_text(path.as_bytes()));
    writeln!(out, "{name}  {path}")?;
    writeln!(
        out,
        "  format     {} (confidence {})",
        d.format.name(),
        share(f64::from(d.confidence), 2)
    )
}

/// The rest of the text summary, once the source is indexed; times in
/// `zone` (the zone is named), as `merge` and `silences` show them.
pub fn write_body(out: &mut impl Write, s: &Summary, zone: &Zone) -> std::io::Result<()> {
    writeln!(
        out,
        "  records    {} in {} lines ({}% with their own timestamp)",
        s.records,
        s.lines,
        share(s.timestamped_fraction * 100.0, 1)
    )?;
    match (s.first_at, s.last_at) {
        (Some(a), Some(b)) => writeln!(
            out,
            "  time       {} .. {} {}",
            super::display_time(Some(a), zone),
            super::display_time(Some(b), zone),
            zone.label()
        )?,
        _ => writeln!(out, "  time       unknown")?,
    }
    if !s.levels.is_empty() {
        let l: Vec<String> = s
            .levels
            .iter()
            .map(|(k, v)| match s.levels_inferred.get(k) {
                Some(i) => format!("{k} {v} ({i} inferred)"),
                None => format!("{k} {v}"),
            })
            .collect();
        writeln!(out, "  levels     {}", l.join(", "))?;
    }
    for w in &s.warnings {
        writeln!(out, "  warning    {}", display_lines(w))?;
    }
    Ok(())
}

/// `x` with `places` decimals, or, when that would round a share that is not
/// nothing to zero (one dated line in 2,538), with up to two significant
/// digits: 0.0025, 0.04.
fn share(x: f64, places: usize) -> String {
    let shown = |p: usize| (x * 10f64.powi(p as i32)).round() != 0.0;
    if x <= 0.0 || shown(places) {
        return format!("{x:.places$}");
    }
    let mut places = places;
    while !shown(places) && places < 9 {
        places += 1;
    }
    let places = places + 1;
    format!("{x:.places$}").trim_end_matches('0').to_string()
}
