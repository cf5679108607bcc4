//! The Go runtime's own line table (`runtime.pclntab`, section `.gopclntab`),
//! which the runtime needs for tracebacks and therefore survives
//! `-ldflags='-s -w'`. Layout of Go 1.18 and later (header magics
//! 0xfffffff0 and 0xfffffff1), as documented in `runtime/symtab.go` and read
//! by the standard library's `debug/gosym`.

use std::collections::HashMap;
use std::sync::OnceLock;

use object::{Object, ObjectSection};

mod inline;

const MAGIC_118: u32 = 0xffff_fff0;
const MAGIC_120: u32 = 0xffff_fff1;

pub struct Pclntab {
    data: Vec<u8>,
    little: bool,
    quantum: u64,
    ptr: usize,
    nfunc: usize,
    text_start: u64,
    funcnames: usize,
    cutab: usize,
    filetab: usize,
    pctab: usize,
    pcln: usize,
    /// Size of a `_func` before its pcdata offsets: 40 bytes up to Go 1.19,
    /// 44 from Go 1.20 (`startLine`).
    func_header: usize,
    /// The inline trees, or why they could not be read.
    inline: Result<inline::Trees, String>,
    /// Function name → (entry, end), built on first use.
    by_name: OnceLock<HashMap<String, (u64, u64)>>,
}

impl Pclntab {
    /// Finds and checks the table in an executable; None when there is none
    /// or it is of a Go older than 1.18.
    pub fn from_object(file: &object::File<'_>) -> Option<Pclntab> {
        let section = file.section_by_name(".gopclntab")?;
        let data = section.uncompressed_data().ok()?.into_owned();
        let text = file.section_by_name(".text").map(|s| s.address());
        let mut t = Pclntab::parse(data, file.is_little_endian(), text)?;
        t.inline = t.find_inline_trees(file, section.address());
        Some(t)
    }

    pub fn parse(data: Vec<u8>, little: bool, text_section: Option<u64>) -> Option<Pclntab> {
        let mut t = Pclntab {
            data,
            little,
            quantum: 1,
            ptr: 8,
            nfunc: 0,
            text_start: 0,
            funcnames: 0,
            cutab: 0,
            filetab: 0,
            pctab: 0,
            pcln: 0,
            func_header: 40,
            inline: Err("not read".into()),
            by_name: OnceLock::new(),
        };
        let magic = t.u32_at(0)?;
        t.func_header = match magic {
            MAGIC_118 => 40,
            MAGIC_120 => 44,
            _ => return None,
        };
        t.quantum = u64::from(*t.data.get(6)?);
        t.ptr = usize::from(*t.data.get(7)?);
        if t.ptr != 4 && t.ptr != 8 {
            return None;
        }
        let mut words = [0u64; 8];
        for (k, w) in words.iter_mut().enumerate() {
            *w = t.uint_at(8 + k * t.ptr)?;
        }
        let size = |w: u64| usize::try_from(w).ok();
        t.nfunc = size(words[0])?;
        // A position-independent binary leaves the start of text to the loader: take .text's.
        t.text_start = match words[2] {
            0 => text_section?,
            v => v,
        };
        t.funcnames = size(words[3])?;
        t.cutab = size(words[4])?;
        t.filetab = size(words[5])?;
        t.pctab = size(words[6])?;
        t.pcln = size(words[7])?;
        Some(t)
    }

    fn u32_at(&self, off: usize) -> Option<u32> {
        let b: [u8; 4] = self.data.get(off..off + 4)?.try_into().ok()?;
        Some(if self.little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    fn uint_at(&self, off: usize) -> Option<u64> {
        if self.ptr == 4 {
            return self.u32_at(off).map(u64::from);
        }
        let b: [u8; 8] = self.data.get(off..off + 8)?.try_into().ok()?;
        Some(if self.little {
            u64::from_le_bytes(b)
        } else {
            u64::from_be_bytes(b)
        })
    }

    fn cstr(&self, off: usize) -> Option<&str> {
        let rest = self.data.get(off..)?;
        let end = memchr::memchr(0, rest)?;
        std::str::from_utf8(&rest[..end]).ok()
    }

    /// The `functab` entry `i`: (entry offset from text start, offset of `_func`).
    fn functab(&self, i: usize) -> Option<(u64, usize)> {
        let off = self.pcln + i * 8;
        Some((u64::from(self.u32_at(off)?), self.u32_at(off + 4)? as usize))
    }

    /// Field `n` (1-based, 4 bytes each after the 4-byte entry offset) of a `_func`.
    fn field(&self, func: usize, n: usize) -> Option<u32> {
        self.u32_at(self.pcln + func + 4 * n)
    }

    /// The code range `[entry, end)` of the function with this name.
    pub fn function(&self, name: &str) -> Option<(u64, u64)> {
        self.by_name
            .get_or_init(|| {
                (0..self.nfunc)
                    .filter_map(|i| {
                        let (entry, func) = self.functab(i)?;
                        let end = self.functab(i + 1)?.0;
                        let name = self.cstr(self.funcnames + self.field(func, 1)? as usize)?;
                        Some((
                            name.to_string(),
                            (self.text_start + entry, self.text_start + end),
                        ))
                    })
                    .collect()
            })
            .get(name)
            .copied()
    }

    /// The function holding `addr`: its index in `functab`, entry and `_func` offset.
    fn find(&self, addr: u64) -> Option<(u64, usize)> {
        let rel = addr.checked_sub(self.text_start)?;
        // The last function whose entry is at or before the address (the table ends with a sentinel).
        let (mut lo, mut hi) = (0usize, self.nfunc);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.functab(mid)?.0 <= rel {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let i = lo.checked_sub(1)?;
        let end = self.functab(i + 1)?.0;
        if rel >= end {
            return None;
        }
        let (entry_off, func) = self.functab(i)?;
        Some((self.text_start + entry_off, func))
    }

    /// The code ranges `[entry, end)` of every function, in address order.
    pub fn functions(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        (0..self.nfunc).filter_map(|i| {
            let entry = self.functab(i)?.0;
            let end = self.functab(i + 1)?.0;
            Some((self.text_start + entry, self.text_start + end))
        })
    }

    /// A function's name, from its `nameOff`.
    fn name(&self, name_off: u32) -> Option<&str> {
        self.cstr(self.funcnames + name_off as usize)
    }

    pub fn resolve(&self, addr: u64) -> Option<super::Resolved> {
        let (entry, func) = self.find(addr)?;
        let name = self.name(self.field(func, 1)?)?;
        let line = self.pcvalue(self.field(func, 6)?, entry, addr)?;
        let fileno = self.pcvalue(self.field(func, 5)?, entry, addr)?;
        let cu = self.field(func, 8)? as usize;
        let file_off = self.u32_at(self.cutab + 4 * (cu + usize::try_from(fileno).ok()?))?;
        let file = self.cstr(self.filetab + file_off as usize)?;
        // Innermost first; where the inline tree cannot be read, the
        // function it was inlined into, and said so.
        let (mut names, inlined_unknown) = match &self.inline {
            Ok(trees) => match self.inlined_at(trees, func, entry, addr) {
                Some(inner) => (inner, false),
                None => (Vec::new(), true),
            },
            Err(_) => (Vec::new(), true),
        };
        names.push(name);
        let function = names.remove(0).to_string();
        Some(super::Resolved {
            address: format!("{addr:#x}"),
            function,
            file: file.to_string(),
            line: u32::try_from(line).ok()?,
            inlined_into: names.into_iter().map(str::to_string).collect(),
            inlined_unknown,
            via: "pclntab",
            not_in_record: false,
        })
    }

    /// `moduledata.gofunc`, where the inline trees are, when it was found.
    pub fn gofunc(&self) -> Option<u64> {
        self.inline.as_ref().ok().map(|t| t.address)
    }

    /// Why code inlined into a function cannot be named, if it cannot.
    pub fn inline_trees_unread(&self) -> Option<&str> {
        self.inline.as_ref().err().map(String::as_str)
    }

    /// The offset into `pctab` of a function's pcdata table `i`, if it has one.
    fn pcdata(&self, func: usize, i: usize) -> Option<u32> {
        if i >= self.field(func, 7)? as usize {
            return None;
        }
        let off = self.u32_at(self.pcln + func + self.func_header + 4 * i)?;
        (off != 0).then_some(off)
    }

    /// A function's funcdata `i`, as an offset from `moduledata.gofunc`.
    fn funcdata(&self, func: usize, i: usize) -> Option<u32> {
        let nfuncdata = *self.data.get(self.pcln + func + self.func_header - 1)?;
        if i >= usize::from(nfuncdata) {
            return None;
        }
        let npcdata = self.field(func, 7)? as usize;
        let off = self.u32_at(self.pcln + func + self.func_header + 4 * (npcdata + i))?;
        (off != u32::MAX).then_some(off)
    }

    /// Decodes a pc-value table up to the row that covers `target`.
    fn pcvalue(&self, off: u32, entry: u64, target: u64) -> Option<i64> {
        self.pc_values(off, entry)?
            .find(|&(end, _)| target < end)
            .map(|(_, v)| v)
    }

    /// The rows of a pc-value table (zig-zag value deltas, pc deltas in
    /// quanta): each row's end pc and value, from the function's entry.
    fn pc_values(&self, off: u32, entry: u64) -> Option<impl Iterator<Item = (u64, i64)> + '_> {
        if off == 0 {
            return None;
        }
        let mut p = self.data.get(self.pctab + off as usize..)?;
        let mut pc = entry;
        let mut val: i64 = -1;
        let mut first = true;
        Some(std::iter::from_fn(move || {
            let uv = varint(&mut p)?;
            if uv == 0 && !first {
                return None;
            }
            first = false;
            let delta = if uv & 1 != 0 {
                !(uv >> 1) as i64
            } else {
                (uv >> 1) as i64
            };
            val += delta;
            pc += varint(&mut p)? * self.quantum;
            Some((pc, val))
        }))
    }
}

fn varint(p: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let (&b, rest) = p.split_first()?;
        *p = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_bad_headers() {
        let mut p: &[u8] = &[0x96, 0x01, 0x05];
        assert_eq!(varint(&mut p), Some(150));
        assert_eq!(varint(&mut p), Some(5));
        assert_eq!(varint(&mut p), None);
        assert!(
            Pclntab::parse(vec![0xfb, 0xff, 0xff, 0xff, 0, 0, 1, 8], true, None).is_none(),
            "Go 1.2-1.15 tables are not read"
        );
        assert!(Pclntab::parse(vec![1, 2], true, None).is_none());
    }
}
