//! What the program's binary says about a Go dump (`--binary`, headless and
//! on the screen alike): its addresses resolved, whether it is the binary
//! that printed the dump, and which of its locks are package-level variables.

use std::collections::HashMap;

use super::{Binary, Resolved};
use crate::goroutine::Dump;
use crate::goroutine::lock::LockGroup;

/// What a binary says about a dump's addresses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DumpSymbols {
    /// The panic's `pc=`, resolved.
    pub panic_pc: Option<Resolved>,
    /// Frames with an address (a `?debug=1` profile's, printed or only on
    /// its `@` line), as the binary resolves them, by address.
    pub frames: HashMap<u64, Resolved>,
    /// How many frame addresses were checked, and how many resolved to
    /// another function than the dump names.
    pub checked: usize,
    pub mismatched: usize,
    pub warnings: Vec<String>,
    /// The locks that are package-level variables, by address: the name the
    /// symbol table gives it (`main.mu`, or `main.cfg+8` inside one).
    pub variables: HashMap<u64, String>,
}

impl DumpSymbols {
    /// The package-level variable a lock at `address` is, if the binary names one.
    pub fn variable(&self, address: u64) -> Option<&str> {
        self.variables.get(&address).map(String::as_str)
    }
}

/// What an opened binary (`name` in warnings) says about a dump's addresses
/// and about its `locks` (`lock_groups` of it).
pub fn dump_symbols(bin: &Binary, name: &str, d: &Dump, locks: &[LockGroup]) -> DumpSymbols {
    let mut out = DumpSymbols {
        variables: locks
            .iter()
            .filter_map(|l| Some((l.address, bin.variable(l.address)?)))
            .collect(),
        ..DumpSymbols::default()
    };
    if let Some(pc) = d
        .panic
        .as_ref()
        .and_then(|p| p.signal.as_ref())
        .and_then(|s| s.pc)
    {
        match bin.resolve(pc) {
            Some(r) => {
                // The faulting function must be on the panicking goroutine's stack.
                let on_stack = d.panicking().is_none_or(|g| {
                    d.stack(g).frames.iter().any(|&f| {
                        let fun = d.name(d.frame(f).function);
                        fun == r.function || r.inlined_into.iter().any(|i| i == fun)
                    })
                });
                // The fault is at the line the traceback prints for that
                // function (unless the binary cannot say which inlined code it is).
                let printed_line = d.panicking().and_then(|g| {
                    d.stack(g).frames.iter().find_map(|&f| {
                        let fr = d.frame(f);
                        (d.name(fr.function) == r.function).then_some(fr.line)
                    })
                });
                if !on_stack {
                    out.warnings.push(format!(
                        "{name} does not match the dump: pc={pc:#x} is in {} ({}:{}), which is not on the panicking goroutine's stack (another build?)",
                        r.function, r.file, r.line
                    ));
                } else if let Some(line) =
                    printed_line.filter(|&l| l != r.line && !r.inlined_unknown)
                {
                    out.warnings.push(format!(
                        "{name} does not match the dump: pc={pc:#x} is line {} of {} in it, line {line} in the dump (another build?)",
                        r.line, r.function
                    ));
                }
                out.panic_pc = Some(r);
            }
            None => out.warnings.push(format!(
                "{name} does not match the dump: pc={pc:#x} is outside its code (another build?)"
            )),
        }
    }
    for stack in &d.stacks {
        for (k, &fi) in stack.frames.iter().enumerate() {
            let f = d.frame(fi);
            if f.pc == 0 || out.frames.contains_key(&f.pc) {
                continue;
            }
            out.checked += 1;
            // A profile prints each frame's pc as runtime.CallersFrames gives
            // it: a caller's is already inside its call instruction. Where
            // the line table's inline trees could not be read, it names only
            // the function they were inlined into, which the profile prints
            // as a frame below.
            let r = bin.resolve(f.pc);
            let named = d.name(f.function);
            let matches = r.as_ref().is_some_and(|r| {
                r.function == named
                    || r.inlined_into.iter().any(|i| i == named)
                    || (r.inlined_unknown
                        && stack.frames[k + 1..]
                            .iter()
                            .any(|&below| d.name(d.frame(below).function) == r.function))
            });
            if !matches {
                out.mismatched += 1;
            }
            if let Some(r) = r {
                out.frames.insert(f.pc, r);
            }
        }
    }
    // A profile's `@` addresses are return addresses: the call is the byte
    // before, as the runtime and pprof look them up.
    for a in d.stacks.iter().flat_map(|s| &s.addresses) {
        let pc = a.saturating_sub(1);
        if let (false, Some(r)) = (out.frames.contains_key(&pc), bin.resolve(pc)) {
            out.frames.insert(pc, r);
        }
    }
    if out.mismatched > 0 {
        out.warnings.push(format!(
            "{name} does not match the dump: {} of {} addresses resolve to other functions than the dump names (another build?)",
            out.mismatched, out.checked
        ));
    }
    if let Some(why) = bin.inline_trees_unread() {
        out.warnings.push(format!(
            "{name}: code inlined into a function is named after that function ({why})"
        ));
    }
    if let Some(w) = check_offsets(bin, d) {
        out.warnings
            .push(format!("{name} does not match the dump: {w}"));
    }
    out
}

/// A traceback prints each frame's function, line and `+0x` offset from the
/// function's entry: in the binary that printed it, entry + offset lies in
/// that function at that line. Says how many frames another build misplaces.
fn check_offsets(bin: &Binary, d: &Dump) -> Option<String> {
    if !bin.has_pclntab() {
        return None;
    }
    let (mut checked, mut wrong) = (0usize, 0usize);
    let mut example = None;
    let mut seen = std::collections::HashSet::new();
    for stack in &d.stacks {
        // An inlined call prints no offset; the frame that inlined it then
        // shows the call's line, while the line table holds the inlined body's.
        let mut after_inlined = false;
        for &fi in &stack.frames {
            let f = d.frame(fi);
            let Some(off) = f.offset else {
                after_inlined = true;
                continue;
            };
            let line_known = !std::mem::take(&mut after_inlined);
            let function = d.name(f.function);
            // Generic functions print `F[...]`; the table names each shape.
            if function.contains("[...]") || !seen.insert(fi) {
                continue;
            }
            checked += 1;
            let found = match bin.function(function) {
                None => Some(format!("{function} is not in it")),
                Some((entry, end)) => {
                    let pc = entry + u64::from(off);
                    let at = |a: u64| bin.resolve_pclntab(a).map(|r| r.line);
                    if pc > end {
                        Some(format!("{function}+{off:#x} is past the function's end"))
                    } else if line_known
                        && at(pc.saturating_sub(1)) != Some(f.line)
                        && at(pc) != Some(f.line)
                    {
                        Some(format!(
                            "{function}+{off:#x} is line {} in it, line {} in the dump",
                            at(pc.saturating_sub(1)).unwrap_or(0),
                            f.line
                        ))
                    } else {
                        None
                    }
                }
            };
            if let Some(e) = found {
                wrong += 1;
                example.get_or_insert(e);
            }
        }
    }
    example.map(|e| {
        format!("{wrong} of {checked} frames are not where the dump puts them (e.g. {e}): another build?")
    })
}
