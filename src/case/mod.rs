//! The case file: everything an investigation holds — its sources, notes,
//! bookmarks, filters and cursor — in one human-readable JSON file that is
//! saved atomically on every change and merged, never clobbered, when two
//! casefile processes share it.
//!
//! JSON rather than TOML: a case file with 10,000 notes must serialize, parse
//! and reach the disk in well under 20 ms, and `jq` reads it.

pub mod anchor;
pub mod file;
pub mod journal;
pub mod lock;
pub mod model;
pub mod report_target;
pub mod sources;
pub mod store;
pub mod writer;

pub use anchor::{Anchor, Resolved};
pub use model::{About, Bookmark, CaseFile, Cursor, FilterEntry, Note, SourceEntry};
pub use store::{Change, Saved, Store};
pub use writer::{Reply, Writer};

use std::path::PathBuf;

/// The case file format this build writes; files with a larger number are refused.
pub const VERSION: u32 = 1;

/// What can go wrong with a case file, each naming the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error(
        "{path}: the case file is damaged ({why}); casefile will not overwrite it: repair it by hand, or move it away to start a new one"
    )]
    Damaged { path: PathBuf, why: String },
    #[error(
        "{path}: written by a newer casefile (case file version {found}, this build reads up to {VERSION}); casefile will not overwrite it: upgrade casefile"
    )]
    Newer { path: PathBuf, found: u64 },
    // The cause is a field, not the error's source: said once, in the message
    // (`{e:#}` would say a source again after it).
    #[error("{path}: cannot read the case file: {}", cause_of(cause))]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{path}: could not save the case file ({}); the previous version is intact and nothing was changed on disk",
        write_cause(cause)
    )]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{path}: another casefile process has held the case file's lock for {secs} s; close it, or wait and try again"
    )]
    Busy { path: PathBuf, secs: u64 },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

pub type Result<T, E = CaseError> = std::result::Result<T, E>;

/// An I/O error's cause as casefile says it of a file: without the OS's error
/// number, or a path the library added (a temporary file's, `at path …`).
pub fn cause_of(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" at path ").next().unwrap_or(&s).to_string()
        }
    }
}

/// Why a file could not be written: a missing file there is its directory.
pub fn write_cause(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "its directory does not exist".into(),
        _ => cause_of(e),
    }
}

/// The case file used when none is given: named after the sources, so opening
/// the same sources again (from the same directory) reopens it.
/// `client+kern+backend-5f3a9c.casefile.json`: names for people, a hash of the
/// sources' origins so that two sets with the same names do not collide.
pub fn default_path(sources: &[SourceEntry]) -> PathBuf {
    let mut names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let mut label: String = names
        .join("+")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_+".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if more > 0 {
        label.push_str(&format!("+{more}"));
    }
    if label.is_empty() {
        label.push_str("case");
    }
    let mut origins: Vec<String> = sources.iter().map(SourceEntry::identity).collect();
    origins.sort();
    let h = anchor::fnv1a(origins.join("\n").as_bytes());
    PathBuf::from(format!("{label}-{:06x}.casefile.json", h & 0xff_ffff))
}

/// The one case file in `dir` when `--case` is not given to a command that
/// needs one; an error listing them when there are several or none.
pub fn find_in(dir: &std::path::Path) -> Result<PathBuf, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot list the directory: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".casefile.json") && !n.starts_with('.'))
        })
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(format!(
            "no case file (*.casefile.json) in {}: give one with --case FILE",
            dir.display()
        )),
        _ => Err(format!(
            "several case files in {}: choose one with --case FILE ({})",
            dir.display(),
            found
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
