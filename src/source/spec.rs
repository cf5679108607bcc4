//! What the user asked to open, and per-source settings.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use crate::format::Format;
use crate::index::Zone;
use crate::time::Nanos;

/// Where a source's bytes come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One file, or a file and its rotated siblings (oldest first), read as one source.
    Files(Vec<PathBuf>),
    Stdin,
    /// A shell command whose standard output is the log (`journalctl -u x -o short-iso`).
    Command(String),
}

/// Per-source settings; unset fields fall back to the global ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub zone: Option<Zone>,
    /// Added to every record's time: corrects a host whose clock is off.
    pub offset: Nanos,
    pub format: Option<Format>,
    pub boot_time: Option<Nanos>,
    /// Cap on the temporary copy of a decoded or streamed source (bytes);
    /// None: `stream::DEFAULT_CAP` or half the temp filesystem's free space.
    pub max_temp: Option<u64>,
    /// When a goroutine dump was taken (`--set NAME.time=`), for dumps that print no time.
    pub time: Option<Nanos>,
    /// The day a log whose stamps have no date or no year was last written
    /// (`--set NAME.date=`), its midnight as wall-clock nanoseconds: a copied
    /// file's modification time says when it was copied.
    pub date: Option<Nanos>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceSpec {
    pub name: String,
    pub input: Input,
    pub settings: Settings,
}

impl SourceSpec {
    /// The path or command shown to the user.
    pub fn origin(&self) -> String {
        match &self.input {
            Input::Files(p) => p
                .last()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            Input::Stdin => "-".into(),
            Input::Command(c) => format!("!{c}"),
        }
    }
}

/// Splits `name=value` when the part before `=` is a plain name; a path that
/// exists as typed always wins, so `a=b.log` can still be a file. Works on
/// bytes: the path after `=` need not be UTF-8.
pub fn split_name(arg: &OsStr) -> (Option<&str>, &OsStr) {
    if std::path::Path::new(arg).exists() {
        return (None, arg);
    }
    let bytes = arg.as_bytes();
    let Some(eq) = bytes.iter().position(|&b| b == b'=') else {
        return (None, arg);
    };
    match std::str::from_utf8(&bytes[..eq]) {
        Ok(n) if !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) => {
            (Some(n), OsStr::from_bytes(&bytes[eq + 1..]))
        }
        _ => (None, arg),
    }
}

/// A short display name from a path: `/var/log/nginx/error.log` → `error`,
/// `app.log.2.gz` → `app`, `syslog` → `syslog`.
pub fn default_name(path: &std::path::Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source".into());
    let mut stem = file.as_str();
    while let Some((head, ext)) = stem.rsplit_once('.') {
        let strip = ext.chars().all(|c| c.is_ascii_digit())
            || matches!(
                ext,
                "gz" | "zst" | "zstd" | "log" | "txt" | "out" | "err" | "json" | "jsonl" | "ndjson"
            );
        if !strip || head.is_empty() {
            break;
        }
        stem = head;
    }
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_paths() {
        assert_eq!(default_name("/var/log/nginx/error.log".as_ref()), "error");
        assert_eq!(default_name("app.log.2.gz".as_ref()), "app");
        assert_eq!(default_name("syslog".as_ref()), "syslog");
        assert_eq!(default_name("kern.log.1".as_ref()), "kern");
        assert_eq!(default_name("goroutines.txt".as_ref()), "goroutines");
    }

    #[test]
    fn name_prefix() {
        let split = |s: &'static str| split_name(OsStr::new(s));
        assert_eq!(
            split("client=/no/such/file.log"),
            (Some("client"), OsStr::new("/no/such/file.log"))
        );
        assert_eq!(split("/no/such"), (None, OsStr::new("/no/such")));
        let raw = OsStr::from_bytes(b"db=/no/caf\xe9.log");
        assert_eq!(
            split_name(raw),
            (Some("db"), OsStr::from_bytes(b"/no/caf\xe9.log"))
        );
    }
}
