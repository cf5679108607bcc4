//! The incident write-up: a Markdown report from a case file and its sources.
//! The timeline lists every finding in time order with the log lines it points
//! to; the review sections are filled from the notes' tags and left as bare
//! headings where nothing is known, for people to complete.

use std::collections::HashMap;
use std::fmt::Write;

use crate::ansi::display_text;
use crate::case::anchor::resolve_all;
use crate::case::model::duration;
use crate::case::sources::Loaded;
use crate::case::{Anchor, CaseFile, Resolved};
use crate::index::Zone;
use crate::source::Source;
use crate::time::Nanos;
use crate::timeparse::to_wall;

/// Lines of a record quoted before the rest is cut.
const QUOTE_LINES: usize = 12;

/// Review sections and the tags that fill them (a note may land in several).
const SECTIONS: &[(&str, &[&str])] = &[
    ("Summary", &["summary"]),
    ("Impact", &["symptom", "impact"]),
    ("Detection", &["symptom", "detection"]),
    ("Root cause", &["cause"]),
    ("Hypotheses ruled out", &["ruled-out"]),
    ("What went well", &["went-well", "good"]),
    ("What went poorly", &["went-poorly", "bad"]),
    ("Action items", &["action"]),
];

/// What a finding quotes from its source.
#[derive(Debug)]
pub enum Quote {
    None,
    /// The record's lines, as they are in the source now.
    Lines(Vec<String>),
    /// The record is gone (or its source could not be opened): the first line as it was noted.
    Detached {
        line: String,
        why: String,
    },
}

impl Quote {
    /// The lines quoted: the record's, or the line as noted when detached.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Quote::None => Vec::new(),
            Quote::Lines(l) => l.clone(),
            Quote::Detached { line, .. } => vec![line.clone()],
        }
    }
}

#[derive(Debug)]
struct Finding<'a> {
    at: Option<Nanos>,
    until: Option<Nanos>,
    created: Option<Nanos>,
    source: Option<&'a str>,
    tags: &'a [String],
    text: &'a str,
    /// What a note on something other than a record is about (`silence of
    /// kiosk-client`), said before its quote, as `note list` says it.
    about: Option<String>,
    quote: Quote,
    /// A silence's surroundings: the other sources' errors and warnings
    /// around its start (`None` for a finding that is no silence).
    around: Option<Vec<Around>>,
}

/// A record of another source near a silence's start, as the report quotes it.
#[derive(Debug)]
struct Around {
    at: Nanos,
    source: String,
    /// The level column's tag and the row's text (`ER? kiosk-07 kernel: …`).
    text: String,
}

/// At most this many of the other sources' records are quoted around a silence.
const AROUND_MAX: usize = 5;

/// The other sources' errors and warnings within the silence list's window
/// of `start`, errors first, then the closest (`correlate::nearby`, as the
/// silence list and `casefile silences` pick them).
fn around(sources: &[Loaded], silent: &str, start: Nanos) -> Option<Vec<Around>> {
    use crate::silence::correlate::{DEFAULT_WINDOW, nearby};
    let loaded: Vec<(&str, &Source)> = sources
        .iter()
        .filter_map(|l| Some((l.entry.name.as_str(), l.source.as_ref().ok()?)))
        .collect();
    let own = loaded.iter().position(|(n, _)| *n == silent)?;
    let srcs: Vec<&Source> = loaded.iter().map(|(_, s)| *s).collect();
    let near = nearby(&srcs, own, start, DEFAULT_WINDOW, AROUND_MAX);
    Some(
        near.into_iter()
            .filter(|n| n.level.is_some_and(|l| l >= crate::level::Level::Warn))
            .map(|n| Around {
                at: n.at,
                text: format!(
                    "{} {}",
                    crate::level::column_tag(n.level, n.inferred),
                    n.shown
                ),
                source: n.source,
            })
            .collect(),
    )
}

/// Renders the report. `sources` are the case file's sources as loaded now.
pub fn render(case: &CaseFile, sources: &[Loaded], zone: &Zone) -> String {
    let findings = findings(case, sources);
    let mut md = String::new();
    let title = case.title.as_deref().unwrap_or("Incident report");
    let _ = writeln!(md, "# {}\n", clean(title));
    let _ = writeln!(md, "{}\n", time_range(&findings, sources, zone));
    sources_table(&mut md, sources, zone);

    let _ = writeln!(md, "## Timeline of findings\n");
    for f in &findings {
        finding(&mut md, f, zone);
    }
    if findings.is_empty() {
        let _ = writeln!(md, "No notes yet.\n");
    }
    for (heading, tags) in SECTIONS {
        let _ = writeln!(md, "## {heading}\n");
        let hits: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.tags.iter().any(|t| tags.contains(&t.as_str())))
            .collect();
        for f in &hits {
            let box_ = if *heading == "Action items" {
                "[ ] "
            } else {
                ""
            };
            let _ = writeln!(md, "- {box_}{}{}", first_line(f.text), where_(f, zone));
        }
        if !hits.is_empty() {
            md.push('\n');
        }
        if *heading == "Detection" {
            // The response timeline comes right after detection in a review.
            response_timeline(&mut md, &findings, zone);
        }
    }
    md.truncate(md.trim_end().len());
    md.push('\n');
    md
}

/// What a case's anchors quote from its sources as loaded now: one place for
/// the report's timeline and `note list`.
pub struct Quotes<'a> {
    by_name: HashMap<&'a str, &'a Loaded>,
    resolved: HashMap<*const Anchor, (Resolved, &'a Source)>,
}

impl<'a> Quotes<'a> {
    /// Resolves every anchor of the case (notes and bookmarks) in one pass per source.
    pub fn new(case: &'a CaseFile, sources: &'a [Loaded]) -> Quotes<'a> {
        let by_name = sources.iter().map(|l| (l.entry.name.as_str(), l)).collect();
        let mut anchors: Vec<&Anchor> = case
            .notes
            .iter()
            .filter_map(|n| n.anchor.as_ref())
            .collect();
        anchors.extend(case.bookmarks.iter().map(|b| &b.anchor));
        let mut resolved = HashMap::new();
        for l in sources {
            let Ok(src) = &l.source else { continue };
            let mine: Vec<&Anchor> = anchors
                .iter()
                .copied()
                .filter(|a| a.source == l.entry.name)
                .collect();
            for (a, r) in mine.iter().zip(resolve_all(&mine, src)) {
                resolved.insert(*a as *const Anchor, (r, src));
            }
        }
        Quotes { by_name, resolved }
    }

    /// The anchored record's quote and its time now; `a` must be one of the case's anchors.
    pub fn of(&self, a: Option<&Anchor>) -> (Quote, Option<Nanos>) {
        let Some(a) = a else {
            return (Quote::None, None);
        };
        match self.resolved.get(&(a as *const Anchor)) {
            Some((Resolved::Record(i), src)) => (Quote::Lines(record_lines(src, *i)), src.time(*i)),
            Some((Resolved::Detached, _)) => (
                Quote::Detached {
                    line: a.line.clone(),
                    why: format!("the record is no longer in {}", a.source),
                },
                None,
            ),
            None => {
                let why = match self.by_name.get(a.source.as_str()).map(|l| &l.source) {
                    Some(Err(e)) => format!("{} could not be opened: {e}", a.source),
                    _ => format!("{} is not a source of this case", a.source),
                };
                (
                    Quote::Detached {
                        line: a.line.clone(),
                        why,
                    },
                    None,
                )
            }
        }
    }
}

fn findings<'a>(case: &'a CaseFile, sources: &'a [Loaded]) -> Vec<Finding<'a>> {
    let by_name: HashMap<&str, &Loaded> =
        sources.iter().map(|l| (l.entry.name.as_str(), l)).collect();
    let quotes = Quotes::new(case, sources);
    let quote = |a: Option<&Anchor>| quotes.of(a);
    let mut out: Vec<Finding> = Vec::new();
    for n in &case.notes {
        let (mut q, t) = quote(n.anchor.as_ref());
        let (mut about, mut near) = (None, None);
        match &n.about {
            // A goroutine group is quoted as its stack, not as a dump's record.
            Some(a @ crate::case::About::Goroutines { .. }) => q = Quote::Lines(a.lines()),
            // A silence quotes the record before it: said as the silence's,
            // with what the others logged as it began.
            Some(a @ crate::case::About::Silence { source }) => {
                about = a.lines().into_iter().next();
                near = n.at.and_then(|start| around(sources, source, start));
            }
            None => {}
        }
        out.push(Finding {
            at: t.or(n.at),
            until: n.until,
            created: Some(n.created),
            source: n
                .source
                .as_deref()
                .or(n.anchor.as_ref().map(|a| a.source.as_str())),
            tags: &n.tags,
            text: &n.text,
            about,
            quote: q,
            around: near,
        });
    }
    for b in &case.bookmarks {
        let (q, t) = quote(Some(&b.anchor));
        let offset = by_name
            .get(b.anchor.source.as_str())
            .map_or(0, |l| l.entry.offset);
        out.push(Finding {
            at: t.or(b.anchor.aligned(offset)),
            until: None,
            created: None,
            source: Some(&b.anchor.source),
            tags: &[],
            text: "",
            about: None,
            quote: q,
            around: None,
        });
    }
    out.sort_by_key(|f| (f.at.is_none(), f.at, f.created));
    out
}

/// Record `i` as its row reads it, after its level, as the notes list quotes
/// it (`WRN rebalance  reason=member left`): a JSON line as `message
/// key=value …`, a text line without the stamp the finding's heading shows;
/// continuation lines under it. Each line is cut as text reports cut it.
fn record_lines(src: &Source, i: usize) -> Vec<String> {
    let e = src.entry(i);
    let level = e.and_then(|e| e.level());
    let prefix = match level {
        Some(_) => {
            let inferred = e.is_some_and(|e| e.level_inferred());
            format!("{} ", crate::level::column_tag(level, inferred))
        }
        None => String::new(),
    };
    let mut out = Vec::new();
    // Only the lines quoted are read as text; the rest are counted. Writing
    // to memory cannot fail.
    let left =
        crate::headless::write_record_head(&mut out, &prefix, src, i, (false, true), QUOTE_LINES)
            .unwrap_or(0);
    let text = String::from_utf8_lossy(&out);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if left > 0 {
        lines.push(format!("… ({} more lines)", crate::ansi::thousands(left)));
    }
    lines
}

fn when(t: Option<Nanos>, zone: &Zone) -> String {
    match t {
        Some(t) => to_wall(t, zone).format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
        None => "(no time)".into(),
    }
}

fn time_range(findings: &[Finding], sources: &[Loaded], zone: &Zone) -> String {
    let times: Vec<Nanos> = findings
        .iter()
        .flat_map(|f| [f.at, f.until])
        .flatten()
        .collect();
    let (what, lo, hi) = match (times.iter().min(), times.iter().max()) {
        (Some(&a), Some(&b)) => ("Findings", a, b),
        _ => {
            let spans: Vec<(Nanos, Nanos)> = sources
                .iter()
                .filter_map(|l| l.source.as_ref().ok())
                .filter_map(|s| s.first_time().zip(s.last_time()))
                .collect();
            match (
                spans.iter().map(|s| s.0).min(),
                spans.iter().map(|s| s.1).max(),
            ) {
                (Some(a), Some(b)) => ("Logs", a, b),
                _ => {
                    return format!(
                        "Time range: unknown (no notes with a time, no timed sources); times in {}",
                        zone.label()
                    );
                }
            }
        }
    };
    format!(
        "{what} from **{}** to **{}** ({}); times in {}.",
        when(Some(lo), zone),
        when(Some(hi), zone),
        crate::time::format_duration(hi - lo),
        zone.label()
    )
}

fn sources_table(md: &mut String, sources: &[Loaded], zone: &Zone) {
    let _ = writeln!(md, "## Sources\n");
    if sources.is_empty() {
        let _ = writeln!(md, "No sources in the case file.\n");
        return;
    }
    let _ = writeln!(
        md,
        "| source | from | span | zone | clock offset | format |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for l in sources {
        let e = &l.entry;
        let from = if let Some(c) = &e.command {
            format!("`{c}` (command)")
        } else if e.stdin {
            "standard input".into()
        } else {
            let last = e
                .files
                .last()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            match (e.rotated, e.files.len()) {
                (true, _) => format!("{last} and its rotated files"),
                (false, n) if n > 1 => format!("{last} and {} more", n - 1),
                _ => last,
            }
        };
        let (span, format) = match &l.source {
            Ok(s) => (
                match (s.first_time(), s.last_time()) {
                    (Some(a), Some(b)) => {
                        format!("{} – {}", when(Some(a), zone), when(Some(b), zone))
                    }
                    _ => "no times".into(),
                },
                s.detection.format.name().to_string(),
            ),
            Err(why) => (
                format!("not opened: {why}"),
                e.format.clone().unwrap_or_default(),
            ),
        };
        let offset = if e.offset == 0 {
            "none".into()
        } else {
            duration::format(e.offset)
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&e.name),
            cell(&from),
            cell(&span),
            // Read in the machine's zone: named, since the report is read elsewhere.
            cell(
                &e.tz
                    .clone()
                    .unwrap_or_else(|| format!("local ({})", Zone::Local.label()))
            ),
            offset,
            cell(&format)
        );
    }
    md.push('\n');
}

fn finding(md: &mut String, f: &Finding, zone: &Zone) {
    let mut head = format!("- **{}**", when(f.at, zone));
    if let Some(u) = f.until {
        let _ = write!(head, " – **{}**", when(Some(u), zone));
    }
    if let Some(s) = f.source {
        let _ = write!(head, " · {}", clean(s));
    }
    for t in crate::case::Note::tags_not_typed(f.tags, f.text) {
        let _ = write!(head, " `#{t}`");
    }
    if f.text.is_empty() && f.tags.is_empty() {
        head.push_str(" · bookmark");
    }
    let _ = writeln!(md, "{head}");
    for line in f.text.lines() {
        let _ = writeln!(md, "  {}", clean(line));
    }
    if let Some(a) = &f.about {
        let _ = writeln!(md, "  _{}_", clean(a));
    }
    if let Quote::Detached { why, .. } = &f.quote {
        let _ = writeln!(md, "  _Detached ({why}); as noted:_");
    }
    let lines = f.quote.lines();
    if !lines.is_empty() {
        let fence = fence_for(&lines);
        let _ = writeln!(md, "\n  {fence}text");
        for l in &lines {
            let _ = writeln!(md, "  {l}");
        }
        let _ = writeln!(md, "  {fence}");
    }
    if let Some(near) = &f.around {
        around_lines(md, near, zone);
    }
    md.push('\n');
}

/// What the other sources said as a silence began, or that they said no
/// error or warning then.
fn around_lines(md: &mut String, near: &[Around], zone: &Zone) {
    let window = crate::time::format_duration(crate::silence::correlate::DEFAULT_WINDOW);
    if near.is_empty() {
        let _ = writeln!(
            md,
            "\n  _No other source logged an error or warning within {window} of its start._"
        );
        return;
    }
    let _ = writeln!(
        md,
        "\n  Other sources' errors and warnings within {window} of its start:"
    );
    let lines: Vec<String> = near
        .iter()
        .map(|n| format!("{} {} {}", when(Some(n.at), zone), clean(&n.source), n.text))
        .collect();
    let fence = fence_for(&lines);
    let _ = writeln!(md, "\n  {fence}text");
    for l in &lines {
        let _ = writeln!(md, "  {l}");
    }
    let _ = writeln!(md, "  {fence}");
}

/// Notes in the order they were recorded: how the investigation went.
fn response_timeline(md: &mut String, findings: &[Finding], zone: &Zone) {
    let _ = writeln!(md, "## Response timeline\n");
    let mut recorded: Vec<&Finding> = findings.iter().filter(|f| f.created.is_some()).collect();
    recorded.sort_by_key(|f| f.created);
    for f in &recorded {
        let _ = writeln!(
            md,
            "- {} noted: {}{}",
            when(f.created, zone),
            first_line(f.text),
            where_(f, zone)
        );
    }
    if !recorded.is_empty() {
        md.push('\n');
    }
}

fn where_(f: &Finding, zone: &Zone) -> String {
    let src = f
        .source
        .map(|s| format!(", {}", clean(s)))
        .unwrap_or_default();
    format!(" ({}{src})", when(f.at, zone))
}

fn first_line(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let more = if text.lines().nth(1).is_some() {
        " …"
    } else {
        ""
    };
    format!("{}{more}", clean(first))
}

/// A note's text made safe: no control characters, no escape sequences.
fn clean(s: &str) -> String {
    display_text(s.as_bytes())
}

fn cell(s: &str) -> String {
    clean(s).replace('|', "\\|")
}

/// A code fence longer than any run of backticks in the quoted lines.
fn fence_for(lines: &[String]) -> String {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`').map(str::len))
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests;
