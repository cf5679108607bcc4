//! What a case file holds, as it is written to disk. Times are RFC 3339 (UTC)
//! and durations like `-2.5s`, so the file reads and diffs well.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use crate::format::Format;
use crate::index::Zone;
use crate::source::{Input, Settings, SourceSpec};
use crate::time::Nanos;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFile {
    /// The case file format (see `case::VERSION`).
    pub version: u32,
    /// Bumped by every save; tells a process that someone else saved meanwhile.
    #[serde(default)]
    pub rev: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<FilterEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<Cursor>,
}

impl Default for CaseFile {
    fn default() -> Self {
        CaseFile {
            version: super::VERSION,
            rev: 0,
            title: None,
            sources: Vec::new(),
            notes: Vec::new(),
            bookmarks: Vec::new(),
            filters: Vec::new(),
            cursor: None,
        }
    }
}

/// One source as it is reopened: where its bytes come from and its settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    pub name: String,
    /// Absolute paths, oldest first (a rotated set), or one file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<PathBuf>,
    /// Rotated siblings are looked up again on reopening (the set changes as logs rotate).
    #[serde(default, skip_serializing_if = "is_false")]
    pub rotated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Standard input cannot be read again: kept so notes on it keep their source.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stdin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    #[serde(default, with = "duration", skip_serializing_if = "is_zero")]
    pub offset: Nanos,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, with = "opt_time", skip_serializing_if = "Option::is_none")]
    pub boot: Option<Nanos>,
    /// When a goroutine dump was taken (`--set NAME.time=`): a copied dump's
    /// mtime cannot say it again when the case is reopened.
    #[serde(default, with = "opt_time", skip_serializing_if = "Option::is_none")]
    pub time: Option<Nanos>,
    /// The day a log without dates or years was last written (`--set
    /// NAME.date=`), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The two events the offset was derived from (`o` … `o`): this source's, then the reference's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_marks: Option<[Anchor; 2]>,
}

/// A finding: free text and tags on a record (an anchor), a time, or a time range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    /// When it happened, as shown on screen (UTC, clock offsets applied).
    #[serde(default, with = "opt_time", skip_serializing_if = "Option::is_none")]
    pub at: Option<Nanos>,
    /// The end of a time range (a silence, an outage).
    #[serde(default, with = "opt_time", skip_serializing_if = "Option::is_none")]
    pub until: Option<Nanos>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The record the note is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub text: String,
    #[serde(with = "time")]
    pub created: Nanos,
    /// What the note is about when it is a silence or a goroutine group rather
    /// than (only) a record or a time range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
}

/// What a note points at beyond a record: kept with what is needed to find it
/// again and to quote it in the report when it cannot be found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum About {
    /// `source` quiet from the note's `at` to its `until`.
    Silence { source: String },
    /// A group of goroutines in a dump source: its identity is the group's
    /// stack (the top frames, as shown), with its state and size when noted.
    Goroutines {
        source: String,
        state: String,
        count: u64,
        /// The stack's frames, innermost first (function and file:line).
        frames: Vec<String>,
    },
}

impl About {
    /// What the note points at, as the report quotes it and `note list` shows it.
    pub fn lines(&self) -> Vec<String> {
        match self {
            About::Silence { source } => vec![format!("silence of {source}")],
            About::Goroutines {
                source,
                state,
                count,
                frames,
            } => {
                let mut out = vec![format!("{count} goroutines in {source}: {state}")];
                out.extend(frames.iter().map(|f| format!("    {f}")));
                out
            }
        }
    }
}

/// A record marked without text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub anchor: Anchor,
}

/// A filter as the screen applies it: `in`/`out` with a regex, `level` with a
/// level name, or `template` with a mined template's text (one source's: a
/// pane filtered to a pattern). Older casefiles ignore kinds they do not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterEntry {
    /// None: every source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub kind: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(with = "time")]
    pub at: Nanos,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

impl SourceEntry {
    /// What the user opened, as a case file records it. Relative paths become
    /// absolute so the case file works from any directory.
    /// `zone` is the zone given for every source (`--tz`), kept unless it is the local one.
    pub fn from_spec(spec: &SourceSpec, rotated: bool, zone: &Zone) -> SourceEntry {
        let tz = spec.settings.zone.as_ref().or(match zone {
            Zone::Local => None,
            z => Some(z),
        });
        let mut e = SourceEntry {
            name: spec.name.clone(),
            files: Vec::new(),
            rotated: false,
            command: None,
            stdin: false,
            tz: tz.map(Zone::label),
            offset: spec.settings.offset,
            format: spec.settings.format.as_ref().map(|f| f.name().to_string()),
            boot: spec.settings.boot_time,
            time: spec.settings.time,
            date: spec.settings.date.map(crate::time::format_date),
            offset_marks: None,
        };
        match &spec.input {
            Input::Files(paths) => {
                e.files = paths.iter().map(|p| absolute(p)).collect();
                e.rotated = rotated;
                if e.rotated {
                    // The rotated set is found again from the live file on reopening.
                    e.files = e.files.last().cloned().into_iter().collect();
                }
            }
            Input::Stdin => e.stdin = true,
            Input::Command(c) => e.command = Some(c.clone()),
        }
        e
    }

    /// The spec to load this source again; an error names what is wrong.
    pub fn to_spec(&self) -> Result<SourceSpec, String> {
        let input = if let Some(c) = &self.command {
            Input::Command(c.clone())
        } else if self.stdin {
            return Err(format!(
                "source '{}' was read from standard input, which cannot be read again",
                self.name
            ));
        } else if self.rotated {
            let live = self
                .files
                .last()
                .ok_or_else(|| format!("source '{}' has no file", self.name))?;
            Input::Files(crate::source::discover::with_rotated(live))
        } else if self.files.is_empty() {
            return Err(format!(
                "source '{}' has neither files nor a command",
                self.name
            ));
        } else {
            Input::Files(self.files.clone())
        };
        let zone = self
            .tz
            .as_deref()
            .map(Zone::parse)
            .transpose()
            .map_err(|e| format!("source '{}': {e}", self.name))?;
        let format = match &self.format {
            Some(f) => Some(
                Format::by_name(f)
                    .ok_or_else(|| format!("source '{}': unknown format '{f}'", self.name))?,
            ),
            None => None,
        };
        Ok(SourceSpec {
            name: self.name.clone(),
            input,
            settings: Settings {
                zone,
                offset: self.offset,
                format,
                boot_time: self.boot,
                time: self.time,
                date: match &self.date {
                    Some(d) => Some(
                        crate::time::parse_date(d)
                            .map_err(|e| format!("source '{}': {e}", self.name))?,
                    ),
                    None => None,
                },
                // A resource cap for this run, not part of the investigation.
                ..Settings::default()
            },
        })
    }

    /// What makes two entries the same source: the live file or the command.
    pub fn identity(&self) -> String {
        match (&self.command, self.files.last()) {
            (Some(c), _) => format!("!{c}"),
            (None, Some(p)) => p.display().to_string(),
            (None, None) => "-".into(),
        }
    }
}

fn absolute(p: &std::path::Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

impl Note {
    /// A tag as stored: without `#`, lower case; None when it is not one word.
    pub fn clean_tag(tag: &str) -> Option<String> {
        let t = tag.trim().trim_start_matches('#').to_lowercase();
        (!t.is_empty() && !t.chars().any(char::is_whitespace)).then_some(t)
    }

    /// `#word`s in `text`, lower case, without `#`, in order of appearance.
    pub fn hashtags(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, _) in text.match_indices('#') {
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '#') {
                continue;
            }
            let word: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let word = word.trim_end_matches(['-', '_']);
            if let Some(t) = Self::clean_tag(word)
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
        out
    }

    /// Of `tags`, those `text` does not carry as `#words` already: a tag
    /// typed in the text (`rebalance storm #cause`) is said there, once.
    /// Every list of notes (the screen's, `note list`, the report) asks it.
    pub fn tags_not_typed<'a>(tags: &'a [String], text: &str) -> Vec<&'a str> {
        let typed = Self::hashtags(text);
        tags.iter()
            .filter(|t| !typed.contains(t))
            .map(String::as_str)
            .collect()
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// A fresh id for a note or bookmark: unique across processes sharing a case file.
pub fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0);
    let mut seed = Vec::with_capacity(24);
    seed.extend_from_slice(&now.to_le_bytes());
    seed.extend_from_slice(&std::process::id().to_le_bytes());
    seed.extend_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    format!("{:016x}", super::anchor::fnv1a(&seed))
}

pub fn now() -> Nanos {
    chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &Nanos) -> bool {
    *n == 0
}

pub(crate) fn parse_rfc3339(s: &str) -> Result<Nanos, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("'{s}' is not an RFC 3339 time: {e}"))?
        .timestamp_nanos_opt()
        .ok_or_else(|| format!("'{s}' is out of range"))
}

/// Instants as RFC 3339 strings.
pub(crate) mod time {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::time::Nanos;

    pub fn serialize<S: Serializer>(t: &Nanos, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::format_rfc3339(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Nanos, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_rfc3339(&s).map_err(serde::de::Error::custom)
    }
}

pub(crate) mod opt_time {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::time::Nanos;

    pub fn serialize<S: Serializer>(t: &Option<Nanos>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::time::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Nanos>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| super::parse_rfc3339(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// Durations as `-2.5s` (exact to the nanosecond, readable).
pub(crate) mod duration {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::time::Nanos;

    pub fn format(n: Nanos) -> String {
        let sign = if n < 0 { "-" } else { "" };
        let a = n.unsigned_abs();
        let frac = format!("{:09}", a % 1_000_000_000);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            format!("{sign}{}s", a / 1_000_000_000)
        } else {
            format!("{sign}{}.{frac}s", a / 1_000_000_000)
        }
    }

    pub fn serialize<S: Serializer>(n: &Nanos, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(*n))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Nanos, D::Error> {
        let s = String::deserialize(d)?;
        crate::timeparse::parse_duration(&s).map_err(serde::de::Error::custom)
    }
}

/// A note for the case file's tests: a fresh id, at 1 µs after the epoch,
/// created at 5 ns, tagged `symptom`.
#[cfg(test)]
pub(crate) fn test_note(text: &str) -> Note {
    Note {
        id: new_id(),
        at: Some(1_000),
        until: None,
        source: None,
        anchor: None,
        tags: vec!["symptom".into()],
        text: text.into(),
        created: 5,
        about: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_exact_and_readable() {
        for n in [0, -2_500_000_000, 1, 90 * 1_000_000_000, -1_000_000] {
            let s = duration::format(n);
            assert_eq!(crate::timeparse::parse_duration(&s), Ok(n), "{s}");
        }
        assert_eq!(duration::format(-2_500_000_000), "-2.5s");
    }

    #[test]
    fn a_source_entry_gives_back_its_spec() {
        let spec = SourceSpec {
            name: "kern".into(),
            input: Input::Files(vec!["/var/log/kern.log".into()]),
            settings: Settings {
                zone: Some(Zone::parse("Europe/Berlin").expect("zone")),
                offset: -2_500_000_000,
                format: Format::by_name("syslog-rfc3164"),
                boot_time: Some(1_000_000_000),
                ..Settings::default()
            },
        };
        let e = SourceEntry::from_spec(&spec, false, &Zone::Local);
        let json = serde_json::to_string(&e).expect("ser");
        let back: SourceEntry = serde_json::from_str(&json).expect("de");
        assert_eq!(back.to_spec(), Ok(spec));
        assert!(json.contains("\"offset\":\"-2.5s\""), "{json}");
    }

    #[test]
    fn a_goroutine_group_is_quoted_with_its_stack() {
        let g = About::Goroutines {
            source: "dump".into(),
            state: "chan receive".into(),
            count: 412,
            frames: vec![
                "main.worker (main.go:42)".into(),
                "main.main (main.go:9)".into(),
            ],
        };
        assert_eq!(
            g.lines(),
            [
                "412 goroutines in dump: chan receive",
                "    main.worker (main.go:42)",
                "    main.main (main.go:9)"
            ]
        );
        let json = serde_json::to_string(&g).expect("ser");
        assert!(json.starts_with("{\"kind\":\"goroutines\""), "{json}");
        assert_eq!(serde_json::from_str::<About>(&json).expect("de"), g);
    }

    #[test]
    fn tags_are_one_word_without_hash() {
        assert_eq!(Note::clean_tag("#Symptom"), Some("symptom".into()));
        assert_eq!(Note::clean_tag("ruled-out"), Some("ruled-out".into()));
        assert_eq!(Note::clean_tag("# "), None);
        assert_eq!(Note::clean_tag("two words"), None);
    }
}
