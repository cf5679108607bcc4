//! `--binary FILE` in the screen: the program's binary, opened and parsed by a
//! worker (`Job::OpenBinary`), then used by workers to resolve each analysed
//! dump's addresses (`Job::DumpSymbols`: the panic's `pc=`, a profile's `@`
//! addresses, the locks that are package-level variables) and the code addresses of the log record at the cursor
//! (`Job::RecordAddresses`, found by `symbol::record_addresses`). The UI thread only keeps the owned answers.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::symbol::dump::DumpSymbols;
use crate::symbol::{Binary, Resolved};

/// An opened binary shared with workers (a DWARF lookup fills caches, so one
/// worker at a time); compared by identity.
#[derive(Clone)]
pub struct SharedBinary(pub Arc<Mutex<Binary>>);

impl std::fmt::Debug for SharedBinary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedBinary")
    }
}

impl PartialEq for SharedBinary {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedBinary {
    /// Runs `f` on the binary (a worker panicked while holding it: still readable).
    pub fn with<T>(&self, f: impl FnOnce(&Binary) -> T) -> T {
        let guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }
}

/// `--binary` as far as the screen knows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum BinaryState {
    #[default]
    None,
    Opening(PathBuf),
    Ready(PathBuf, SharedBinary),
    /// Missing, unreadable or not a Go program: why, as said to the user.
    Failed(PathBuf, String),
}

impl BinaryState {
    pub fn ready(&self) -> Option<&SharedBinary> {
        match self {
            BinaryState::Ready(_, b) => Some(b),
            _ => None,
        }
    }

    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            BinaryState::None => None,
            BinaryState::Opening(p) | BinaryState::Ready(p, _) | BinaryState::Failed(p, _) => {
                Some(p)
            }
        }
    }
}

/// Opens and parses the binary (the worker's part).
pub fn open(path: &std::path::Path) -> Result<SharedBinary, String> {
    Binary::open(path)
        .map(|b| SharedBinary(Arc::new(Mutex::new(b))))
        .map_err(|e| e.to_string())
}

/// A dump's addresses as the binary resolves them, what they say about
/// whether it is the binary that printed the dump, and which of its locks are
/// package-level variables (the worker's part).
pub fn dump_symbols(
    bin: &SharedBinary,
    path: &std::path::Path,
    a: &crate::headless::goroutines::Analysis,
) -> DumpSymbols {
    let name = path.display().to_string();
    bin.with(|b| crate::symbol::dump::dump_symbols(b, &name, &a.dump, &a.locks))
}

/// A record's addresses resolved (`Binary::resolve_all`, as `casefile addr --in`).
pub fn resolve_all(bin: &SharedBinary, addrs: &[u64]) -> Vec<Resolved> {
    bin.with(|b| b.resolve_all(addrs))
}

/// The resolution of the record at the cursor, kept until the cursor moves.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordSymbols {
    /// (pane, record) asked for; None: nothing asked.
    pub asked: Option<(usize, usize)>,
    /// The answer for `asked` (None while a worker looks it up).
    pub resolved: Option<Vec<Resolved>>,
}

/// `function file:line (inlined into …)` as `casefile addr` says it, the
/// file by its name alone (the screen is narrow; the stack has the path).
pub fn describe_short(r: &Resolved) -> String {
    let file = r.file.rsplit('/').next().unwrap_or(&r.file);
    let short = Resolved {
        file: file.to_string(),
        ..r.clone()
    };
    crate::headless::addr::describe(&short)
}
