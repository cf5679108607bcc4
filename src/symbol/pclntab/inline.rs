//! Inline trees: which calls the compiler inlined at a pc, as the runtime's
//! traceback reads them (`runtime/symtabinl.go`; `runtime/traceback.go` in Go
//! 1.19). A function's FUNCDATA_InlTree is an array of `inlinedCall`s at an
//! offset from `moduledata.gofunc`; its PCDATA_InlTreeIndex table gives, per
//! pc, the innermost call's index, or -1 outside inlined code. Up to Go 1.19
//! each call holds its caller's index; from Go 1.20 only `parentPc`, an
//! instruction at its call site, whose index is the caller's. (Go 1.19's
//! own traceback follows `parentPc` too, and at a few pcs skips callers that
//! the parent index and DWARF name.)

use super::Pclntab;
use crate::symbol::moduledata;

const PCDATA_INL_TREE_INDEX: usize = 2;
const FUNCDATA_INL_TREE: usize = 3;
/// Deeper than any inlining budget allows: a cycle means a damaged table.
const MAX_DEPTH: usize = 256;

/// The bytes at `moduledata.gofunc` and how an `inlinedCall` is laid out.
pub struct Trees {
    /// `moduledata.gofunc`.
    pub address: u64,
    data: Vec<u8>,
    layout: Layout,
}

/// `inlinedCall` up to Go 1.19 (magic 0xfffffff0): parent int16, funcID,
/// pad, file, line, func_ (name offset), parentPc: 20 bytes. From Go 1.20
/// (0xfffffff1): funcID, 3 pad, nameOff, parentPc, startLine: 16 bytes.
#[derive(Clone, Copy)]
struct Layout {
    size: usize,
    /// The caller's index (int16), where the layout has one.
    parent: Option<usize>,
    name: usize,
    parent_pc: usize,
}

const GO_118: Layout = Layout {
    size: 20,
    parent: Some(0),
    name: 12,
    parent_pc: 16,
};
const GO_120: Layout = Layout {
    size: 16,
    parent: None,
    name: 4,
    parent_pc: 8,
};

/// One `inlinedCall`.
struct Call {
    /// The callee's name, as an offset into the name table.
    name: u32,
    /// The caller's index, where the layout has one.
    parent: Option<i64>,
    /// An instruction at the call site, as an offset from the function's entry.
    parent_pc: u32,
}

impl Pclntab {
    /// Finds `gofunc` and keeps the first candidate under which every
    /// function's inline tree reads as calls of named functions inside it.
    pub(super) fn find_inline_trees(
        &self,
        file: &object::File<'_>,
        pclntab: u64,
    ) -> Result<Trees, String> {
        let layout = self.inline_layout();
        let candidates =
            moduledata::gofunc_candidates(file, pclntab, self.funcnames as u64, self.ptr)?;
        candidates
            .into_iter()
            .map(|c| Trees {
                address: c.address,
                data: c.data,
                layout,
            })
            .find(|t| self.trees_read_well(t))
            .ok_or_else(|| {
                "the inline trees at every go:func.* address runtime.firstmoduledata may hold are not of a layout this build reads".into()
            })
    }

    /// Whether every function's inline tree reads well with `moduledata.gofunc`
    /// at `address`: how each candidate is checked.
    pub fn inline_trees_read_at(&self, file: &object::File<'_>, address: u64) -> bool {
        let layout = self.inline_layout();
        moduledata::bytes_from(file, address).is_some_and(|data| {
            self.trees_read_well(&Trees {
                address,
                data,
                layout,
            })
        })
    }

    /// The functions inlined at `addr` in function `func`, innermost first,
    /// without the function itself; None when its tree does not read.
    pub(super) fn inlined_at(
        &self,
        trees: &Trees,
        func: usize,
        entry: u64,
        addr: u64,
    ) -> Option<Vec<&str>> {
        let mut names = Vec::new();
        let Some(tree) = self.funcdata(func, FUNCDATA_INL_TREE) else {
            return Some(names);
        };
        let Some(table) = self.pcdata(func, PCDATA_INL_TREE_INDEX) else {
            return Some(names);
        };
        let mut index = self.pcvalue(table, entry, addr).unwrap_or(-1);
        while index >= 0 {
            let call = self.call(trees, tree, usize::try_from(index).ok()?)?;
            names.push(self.name(call.name)?);
            if names.len() > MAX_DEPTH {
                return None;
            }
            index = match call.parent {
                Some(parent) => parent,
                None => self
                    .pcvalue(table, entry, entry + u64::from(call.parent_pc))
                    .unwrap_or(-1),
            };
        }
        Some(names)
    }

    fn inline_layout(&self) -> Layout {
        if self.func_header == 40 {
            GO_118
        } else {
            GO_120
        }
    }

    /// The inlined call `index` of the tree at offset `tree` from `gofunc`.
    fn call(&self, trees: &Trees, tree: u32, index: usize) -> Option<Call> {
        let l = trees.layout;
        let at = (tree as usize).checked_add(index.checked_mul(l.size)?)?;
        let bytes = |off: usize, n: usize| trees.data.get(at + off..at + off + n);
        let field = |off: usize| -> Option<u32> {
            let b: [u8; 4] = bytes(off, 4)?.try_into().ok()?;
            Some(if self.little {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            })
        };
        let parent = match l.parent {
            Some(off) => {
                let b: [u8; 2] = bytes(off, 2)?.try_into().ok()?;
                let v = if self.little {
                    i16::from_le_bytes(b)
                } else {
                    i16::from_be_bytes(b)
                };
                Some(i64::from(v))
            }
            None => None,
        };
        Some(Call {
            name: field(l.name)?,
            parent,
            parent_pc: field(l.parent_pc)?,
        })
    }

    /// Every function's tree under this `gofunc`: each index its pcdata
    /// names is a call whose callee's name starts a string of the name
    /// table and whose call site lies inside the function.
    fn trees_read_well(&self, trees: &Trees) -> bool {
        let names_len = self.cutab.saturating_sub(self.funcnames);
        let name_ok = |off: u32| {
            let off = off as usize;
            off < names_len
                && (off == 0 || self.data.get(self.funcnames + off - 1) == Some(&0))
                && self.name(off as u32).is_some_and(|n| !n.is_empty())
        };
        (0..self.nfunc).all(|i| {
            let (Some((entry_off, func)), Some((end_off, _))) =
                (self.functab(i), self.functab(i + 1))
            else {
                return false;
            };
            let (Some(tree), Some(table)) = (
                self.funcdata(func, FUNCDATA_INL_TREE),
                self.pcdata(func, PCDATA_INL_TREE_INDEX),
            ) else {
                return true;
            };
            let entry = self.text_start + entry_off;
            let Some(rows) = self.pc_values(table, entry) else {
                return false;
            };
            let max = rows.map(|(_, v)| v).max().unwrap_or(-1);
            (0..=max).all(|ix| {
                self.call(trees, tree, ix as usize).is_some_and(|c| {
                    name_ok(c.name)
                        && u64::from(c.parent_pc) < end_off - entry_off
                        && c.parent.is_none_or(|p| p < ix)
                })
            })
        })
    }
}
