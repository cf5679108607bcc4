//! Code addresses to function, file and line, with the program's binary:
//! from DWARF where the binary has it (`addr2line`), else from the Go
//! runtime's own line table (`pclntab`), which survives `-ldflags='-s -w'`.

pub mod dump;
mod dwarf;
mod moduledata;
pub mod pclntab;

use std::path::Path;

use object::{Object, ObjectSymbol};

/// Where an address is in the source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Resolved {
    pub address: String,
    pub function: String,
    pub file: String,
    pub line: u32,
    /// The functions the code at the address was inlined into, innermost
    /// first; `function` is the function whose code it is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inlined_into: Vec<String>,
    /// The line table's inline trees could not be read (see
    /// `Binary::inline_trees_unread`): `function` may be the function the
    /// code was inlined into.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inlined_unknown: bool,
    /// `dwarf` or `pclntab`.
    pub via: &'static str,
    /// The record the address was read in names functions (a traceback)
    /// and this is none of them: the binary is not the build that wrote it
    /// ([`mark_unnamed`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_in_record: bool,
}

/// An opened binary.
pub struct Binary {
    dwarf: Option<dwarf::Dwarf>,
    pcln: Option<pclntab::Pclntab>,
    /// The symbol table's data symbols (package-level variables), by
    /// address: `(address, size, name)`. Empty when stripped.
    data: Vec<(u64, u64, String)>,
}

impl std::fmt::Debug for Binary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Binary")
            .field("dwarf", &self.dwarf.is_some())
            .field("pclntab", &self.pcln.is_some())
            .finish()
    }
}

impl Binary {
    pub fn open(path: &Path) -> anyhow::Result<Binary> {
        let data = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("--binary {}", crate::error::Error::open(path, e)))?;
        let file = object::File::parse(&*data).map_err(|e| {
            anyhow::anyhow!(
                "--binary {}: not an executable this build can read ({e}); give the program's ELF, Mach-O or PE file",
                path.display()
            )
        })?;
        let dwarf = dwarf::Dwarf::load(&file);
        let pcln = pclntab::Pclntab::from_object(&file);
        if dwarf.is_none() && pcln.is_none() {
            anyhow::bail!(
                "--binary {}: has neither DWARF nor a Go line table (.gopclntab): is it a Go program?",
                path.display()
            );
        }
        let mut data: Vec<(u64, u64, String)> = file
            .symbols()
            .filter(|s| s.kind() == object::SymbolKind::Data && s.size() > 0)
            .filter_map(|s| Some((s.address(), s.size(), s.name().ok()?.to_string())))
            .collect();
        data.sort_unstable();
        Ok(Binary { dwarf, pcln, data })
    }

    /// The package-level variable at `addr`, from the symbol table:
    /// `main.mu`, or `main.cfg+8` inside one.
    pub fn variable(&self, addr: u64) -> Option<String> {
        let i = self
            .data
            .partition_point(|(a, _, _)| *a <= addr)
            .checked_sub(1)?;
        let (start, size, name) = &self.data[i];
        match addr - start {
            0 => Some(name.clone()),
            off if off < *size => Some(format!("{name}+{off}")),
            _ => None,
        }
    }

    pub fn has_dwarf(&self) -> bool {
        self.dwarf.is_some()
    }

    /// Resolves one address: DWARF first (it knows inlined calls), then pclntab.
    pub fn resolve(&self, addr: u64) -> Option<Resolved> {
        self.dwarf
            .as_ref()
            .and_then(|d| d.resolve(addr))
            .or_else(|| self.pcln.as_ref().and_then(|p| p.resolve(addr)))
    }

    /// The code range of a function, from the Go line table.
    pub fn function(&self, name: &str) -> Option<(u64, u64)> {
        self.pcln.as_ref().and_then(|p| p.function(name))
    }

    /// Why the line table cannot name inlined code, when the binary has no
    /// DWARF to do it instead.
    pub fn inline_trees_unread(&self) -> Option<&str> {
        if self.dwarf.is_some() {
            return None;
        }
        self.pcln.as_ref().and_then(|p| p.inline_trees_unread())
    }

    /// `moduledata.gofunc` as found without the symbol table (the Go line
    /// table's inline trees are offsets from it).
    pub fn gofunc(&self) -> Option<u64> {
        self.pcln.as_ref().and_then(|p| p.gofunc())
    }

    /// Every function's code range `[entry, end)`, from the Go line table.
    pub fn functions(&self) -> Vec<(u64, u64)> {
        self.pcln
            .as_ref()
            .map_or_else(Vec::new, |p| p.functions().collect())
    }

    pub fn has_pclntab(&self) -> bool {
        self.pcln.is_some()
    }

    /// Resolves each address inside the binary's code, dropping the others
    /// (a record's `addr=` is usually the data address that faulted).
    pub fn resolve_all(&self, addrs: &[u64]) -> Vec<Resolved> {
        addrs.iter().filter_map(|&a| self.resolve(a)).collect()
    }

    /// Resolves with the Go line table only (to cross-check, and for tests).
    pub fn resolve_pclntab(&self, addr: u64) -> Option<Resolved> {
        self.pcln.as_ref().and_then(|p| p.resolve(addr))
    }
}

/// `0x6b9ec1`, `6b9ec1`, `pc=0x6b9ec1` (pasted from a panic) → the address.
pub fn parse_address(s: &str) -> Option<u64> {
    let t = s.trim();
    let t = t.strip_prefix("pc=").unwrap_or(t);
    let digits = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    u64::from_str_radix(digits, 16).ok()
}

/// How many addresses of one record are looked up (a record may be a whole
/// GOTRACEBACK=crash dump with thousands).
pub const RECORD_ADDRESSES: usize = 16;

/// The code addresses a Go program prints in a log record: `pc=0x…` (the
/// `[signal …]` line, GOTRACEBACK=crash frames) and `addr=0x…`, first seen
/// first, each once, at most `RECORD_ADDRESSES`. The screen (the cursor record)
/// and `casefile addr --in` both read records with it.
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

/// How much of a record is read for the functions its frames name: a
/// panic's own goroutine comes first, and its `pc=` with it.
const FRAMES_READ: usize = 256 << 10;

/// The functions a Go traceback in a record names: each frame's (a call line
/// with its `file.go:N` under it) and each `created by`'s, read in its first
/// [`FRAMES_READ`] bytes. Empty for a record without a traceback (one whose
/// frames a capturer prefixed, too: nothing is claimed of it).
pub fn record_functions(bytes: &[u8]) -> Vec<String> {
    use crate::goroutine::line;
    let bytes = &bytes[..bytes.len().min(FRAMES_READ)];
    let mut out: Vec<String> = Vec::new();
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .peekable();
    while let Some(l) = lines.next() {
        let function = match (line::call(l), line::created_by(l)) {
            (Some(c), _) if lines.peek().is_some_and(|n| line::location(n).is_some()) => c.function,
            (_, Some((f, _))) => f,
            _ => continue,
        };
        let f = String::from_utf8_lossy(function).into_owned();
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Marks each address of a record resolved to a function that none of the
/// record's frames (`named`, [`record_functions`]) is, nor any function it
/// was inlined into: the binary is another build than the one that wrote
/// the record, and what it names there is not what ran. Nothing is marked
/// when the record names no function.
pub fn mark_unnamed(resolved: &mut [Resolved], named: &[String]) {
    if named.is_empty() {
        return;
    }
    for r in resolved {
        r.not_in_record = !std::iter::once(&r.function)
            .chain(&r.inlined_into)
            .any(|f| named.contains(f));
    }
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
