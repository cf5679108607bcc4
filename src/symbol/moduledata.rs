//! Where the Go linker put `go:func.*` (the runtime's `moduledata.gofunc`),
//! found without a symbol table. Inline trees are funcdata, and funcdata are
//! offsets from that address (Go 1.18 and later), which pclntab itself does
//! not hold: only `runtime.firstmoduledata` does.
//!
//! moduledata starts with a pointer to pclntab's header and the slice of its
//! function names, so it is found by scanning the data sections for that pair.
//! Where `gofunc` sits in it depends on the Go version (runtime/symtab.go and
//! cmd/link/internal/ld/symtab.go of each): word 38 in Go 1.18 and 1.19, 40
//! from Go 1.20 (coverage counters added), 43 in Go 1.27 (type and itab
//! bounds added). In every version it follows `rodata`, the start of a
//! section, which rules out most words; the caller then checks the inline
//! trees the candidate leads to, so an unknown layout is never guessed.

use object::{Object, ObjectSection, SectionKind};

/// The words of moduledata read; enough to pass `gofunc` in every known layout.
const WORDS: usize = 60;

/// `gofunc`'s word in the layouts read from the Go sources, newest first.
const KNOWN: [usize; 3] = [43, 40, 38];

/// A candidate for `moduledata.gofunc`: its address and the bytes from there
/// to the end of the section holding it.
pub struct GoFunc {
    pub address: u64,
    pub data: Vec<u8>,
}

/// Candidates for `gofunc`, the layouts read from the Go sources first, then
/// every other word that follows a section's start. Err says why none.
pub fn gofunc_candidates(
    file: &object::File<'_>,
    pclntab: u64,
    funcnames: u64,
    ptr: usize,
) -> Result<Vec<GoFunc>, &'static str> {
    let words = firstmoduledata(file, pclntab, funcnames, ptr)
        .ok_or("no runtime.firstmoduledata points at the line table")?;
    let starts: Vec<u64> = file
        .sections()
        .filter(|s| s.size() > 0)
        .map(|s| s.address())
        .collect();
    let others = (32..WORDS).filter(|k| !KNOWN.contains(k));
    let mut out = Vec::new();
    for k in KNOWN.into_iter().chain(others) {
        let (Some(&rodata), Some(&gofunc)) = (words.get(k - 1), words.get(k)) else {
            continue;
        };
        if !starts.contains(&rodata) {
            continue;
        }
        if let Some(data) = bytes_from(file, gofunc) {
            out.push(GoFunc {
                address: gofunc,
                data,
            });
        }
    }
    if out.is_empty() {
        return Err("runtime.firstmoduledata has no go:func.* address in a known place");
    }
    Ok(out)
}

/// The first words of `runtime.firstmoduledata`: the pointer-aligned place in
/// a data section holding pclntab's address followed by its names' address.
fn firstmoduledata(
    file: &object::File<'_>,
    pclntab: u64,
    funcnames: u64,
    ptr: usize,
) -> Option<Vec<u64>> {
    let little = file.is_little_endian();
    let word = |b: &[u8]| -> u64 {
        match (ptr, little) {
            (4, true) => u64::from(u32::from_le_bytes(b.try_into().unwrap_or_default())),
            (4, false) => u64::from(u32::from_be_bytes(b.try_into().unwrap_or_default())),
            (_, true) => u64::from_le_bytes(b.try_into().unwrap_or_default()),
            (_, false) => u64::from_be_bytes(b.try_into().unwrap_or_default()),
        }
    };
    let names = pclntab.checked_add(funcnames)?;
    for section in file.sections() {
        if section.kind() != SectionKind::Data {
            continue;
        }
        let Ok(data) = section.data() else { continue };
        let start = (section.address() % ptr as u64) as usize;
        let found = data
            .get(start..)?
            .chunks_exact(ptr)
            .enumerate()
            .position(|(i, w)| {
                word(w) == pclntab
                    && data
                        .get(start + (i + 1) * ptr..start + (i + 2) * ptr)
                        .is_some_and(|n| word(n) == names)
            });
        if let Some(i) = found {
            let at = start + i * ptr;
            let rest = data.get(at..)?;
            return Some(rest.chunks_exact(ptr).take(WORDS).map(word).collect());
        }
    }
    None
}

/// The bytes at a virtual address to the end of the section holding it.
pub fn bytes_from(file: &object::File<'_>, address: u64) -> Option<Vec<u8>> {
    let section = file.sections().find(|s| {
        s.address() <= address
            && address < s.address() + s.size()
            && !matches!(s.kind(), SectionKind::UninitializedData | SectionKind::Text)
    })?;
    let data = section.uncompressed_data().ok()?;
    let from = usize::try_from(address - section.address()).ok()?;
    Some(data.get(from..)?.to_vec())
}
