//! Errors of the core, each naming the source and the operation that failed.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },
    #[error(
        "{path}: permission denied (run as a user who can read it, or copy it somewhere readable)"
    )]
    PermissionDenied { path: PathBuf },
    #[error("{path}: cannot open: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: a directory with no log files in it (looked for text files; pass --rotated to include rotated ones)"
    )]
    EmptyDir { path: PathBuf },
    #[error("{path}: binary data, not a log ({why})")]
    Binary { path: PathBuf, why: String },
    #[error("{name}: command '{command}' could not start: {source}")]
    CommandStart {
        name: String,
        command: String,
        source: std::io::Error,
    },
    #[error("{name}: command '{command}' {status}{stderr}")]
    CommandFailed {
        name: String,
        command: String,
        status: String,
        stderr: String,
    },
    #[error("{name}: {message}")]
    Invalid { name: String, message: String },
    #[error("{name}: cannot start a thread to load it: {source}")]
    Thread {
        name: String,
        source: std::io::Error,
    },
}

impl Error {
    /// Maps an I/O error from opening `path` to the most specific variant.
    pub fn open(path: impl Into<PathBuf>, e: std::io::Error) -> Error {
        let path = path.into();
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path },
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied { path },
            _ => Error::Open { path, source: e },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `message` about the source (or argument) `name`, said once: after the
/// name, unless it already begins with it (an error about a file begins with
/// its path, which is the name when the path was given as the name).
pub fn named(name: &str, message: &str) -> String {
    let begins = message
        .strip_prefix(name)
        .is_some_and(|rest| rest.starts_with(": "));
    if name.is_empty() || begins {
        message.to_string()
    } else {
        format!("{name}: {message}")
    }
}
