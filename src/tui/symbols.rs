//! `--binary FILE` in the screen: the program's binary, opened and parsed by a
//! worker (`Job::OpenBinary`), then used by workers to resolve each analysed
//! dump's addresses (`Job::DumpSymbols`: the panic's `pc=`, a profile's `@`
//! addresses) and the code addresses of the log record at the cursor
//! (`Job::RecordAddresses`). The UI thread only keeps the owned answers.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::headless::addr::DumpSymbols;
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

/// A dump's addresses as the binary resolves them, and what they say about
/// whether it is the binary that printed the dump (the worker's part).
pub fn dump_symbols(
    bin: &SharedBinary,
    path: &std::path::Path,
    d: &crate::goroutine::Dump,
) -> DumpSymbols {
    let name = path.display().to_string();
    bin.with(|b| crate::headless::addr::dump_symbols(b, &name, d))
}

/// How many addresses of one record are looked up (a record may be a whole
/// GOTRACEBACK=crash dump with thousands).
const RECORD_ADDRESSES: usize = 16;

/// The code addresses a Go program prints in a record: `pc=0x…` (the
/// `[signal …]` line, GOTRACEBACK=crash frames) and `addr=0x…`, first seen
/// first, each once, at most `RECORD_ADDRESSES`.
pub fn record_addresses(bytes: &[u8]) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for key in memchr::memmem::find_iter(bytes, b"=0x") {
        let before = &bytes[..key];
        if !(before.ends_with(b"pc") || before.ends_with(b"addr")) {
            continue;
        }
        let digits = &bytes[key + 3..];
        let n = digits
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count()
            .min(16);
        let v = std::str::from_utf8(&digits[..n])
            .ok()
            .and_then(|h| u64::from_str_radix(h, 16).ok());
        if let Some(v) = v.filter(|&v| v != 0 && !out.contains(&v)) {
            out.push(v);
            if out.len() == RECORD_ADDRESSES {
                break;
            }
        }
    }
    out
}

/// A record's addresses resolved: only those inside the binary's code (an
/// `addr=` is usually the data address that faulted).
pub fn resolve_all(bin: &SharedBinary, addrs: &[u64]) -> Vec<Resolved> {
    bin.with(|b| addrs.iter().filter_map(|&a| b.resolve(a)).collect())
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

/// The status line's account of the record at the cursor: each code address
/// as `0x… → function file:line (inlined into …)`, the file by its name.
pub fn record_line(app: &super::app::App) -> Option<String> {
    if app.mode != super::app::Mode::Normal {
        return None;
    }
    let resolved = app.record_symbols.resolved.as_ref()?;
    let shown: Vec<String> = resolved
        .iter()
        .map(|r| format!("{} → {}", r.address, describe_short(r)))
        .collect();
    (!shown.is_empty()).then(|| shown.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_addresses_finds_pc_and_addr_each_once() {
        let rec = b"panic: boom\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f0c3]\n\
            main.f()\n\t/x.go:3 +0x1d fp=0xc000 sp=0xc0001 pc=0x48f0c3\nruntime.main()\n\t/y.go:1 +0x2 fp=0x1 sp=0x2 pc=0x43a5d6\n";
        assert_eq!(record_addresses(rec), vec![0x48f0c3, 0x43a5d6]);
        assert_eq!(record_addresses(b"id=0x12 offset=0x40"), Vec::<u64>::new());
        assert_eq!(record_addresses(b"fault addr=0xdeadbeef"), vec![0xdeadbeef]);
    }
}
