//! Goroutines blocked on one object: the receiver of a `sync` call or the
//! channel of a channel operation, where the dump prints it; and the waits
//! whose object it does not print (a `?debug=2` dump hides the runtime's
//! frames, where a channel's address is; a select names none of its channels).

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::rank::Ranked;
use super::std_pkgs::package;
use super::{Dump, Group, LockKind};

mod holders;
pub use holders::SUSPECTS;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockGroup {
    pub kind: LockKind,
    pub address: u64,
    pub count: u64,
    /// The program's function that waits (the first caller outside sync and
    /// the runtime): the one most members wait in.
    pub function: Option<String>,
    /// Every function members wait in, with how many, most first: one
    /// channel is often received from in several places.
    pub functions: Vec<(String, u64)>,
    pub wait_max: u32,
    /// Indices into `Dump::goroutines`.
    pub members: Vec<u32>,
    /// Goroutines inside one of `functions` that are not waiting on the
    /// object: whoever holds a lock taken there is among them. Empty when no goroutine is.
    pub holders: Vec<u64>,
    /// The types whose methods `functions` are (`main.Broker` for
    /// `main.(*Broker).Send`): a lock in a struct is taken by its methods.
    pub types: Vec<String>,
    /// Goroutines inside another method of one of `types`, not waiting on
    /// the object, by that method (first met first): the lock may have been
    /// taken there and still be held (`Flush` blocked on a send with it).
    pub other_methods: Vec<OtherMethod>,
    /// The packages of `functions` (`main`), searched when no goroutine is
    /// in `functions` or `other_methods`: a package-level lock, or a
    /// struct's taken by a plain function. Empty when not searched.
    pub packages: Vec<String>,
    /// Goroutines blocked in another function of one of `packages` (its own
    /// frame waits, or a read, write or sleep it calls: `flushAll` blocked on
    /// a send), not waiting on the object, by that function: only when
    /// they are at most `SUSPECTS`.
    pub other_functions: Vec<OtherMethod>,
    /// How many goroutines those are, named in `other_functions` or not.
    pub other_functions_count: u64,
}

/// Goroutines inside one method of a lock's type (or one function of its
/// package), not waiting on the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMethod {
    pub function: String,
    pub goroutines: Vec<u64>,
    /// Their state, when they share one (`chan send`), and their longest
    /// wait: blocked as long as the waiters, a holder explains them.
    pub state: Option<String>,
    pub wait_max: u32,
}

impl LockGroup {
    /// Whether its object is held by someone: a lock is; a channel, a
    /// WaitGroup or a Cond waits for others to act.
    pub fn is_held(&self) -> bool {
        matches!(
            self.kind,
            LockKind::Mutex | LockKind::RwMutexRead | LockKind::RwMutexWrite | LockKind::Semaphore
        )
    }

    /// Where the members wait: `main.Send`, or `main.take (80), main.drain (40)`.
    pub fn places(&self) -> Option<String> {
        match self.functions.as_slice() {
            [] => self.function.clone(),
            [(f, _)] => Some(f.clone()),
            many => Some(
                many.iter()
                    .map(|(f, n)| format!("{f} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        }
    }

    /// "237 goroutines wait on mutex 0xc00012e0f0 in main.(*Broker).Send; the
    /// longest for 6274 minutes; no goroutine in the dump is inside a function that holds it".
    pub fn sentence(&self) -> String {
        self.sentence_naming(None)
    }

    /// The same, naming the package-level variable the lock is (`main.mu`,
    /// which `--binary`'s symbol table knows: `symbol::dump::DumpSymbols`)
    /// after its address and wherever else the sentence speaks of it.
    pub fn sentence_naming(&self, variable: Option<&str>) -> String {
        let it = variable.unwrap_or("it");
        let who = if self.count == 1 {
            "1 goroutine waits".to_string()
        } else {
            format!("{} goroutines wait", self.count)
        };
        let mut s = format!("{who} on {} {:#x}", self.kind.name(), self.address);
        if let Some(v) = variable {
            s.push_str(&format!(" ({v})"));
        }
        if let Some(p) = &self.places() {
            s.push_str(&format!(" in {p}"));
        }
        if self.wait_max > 0 {
            s.push_str(&format!("; the longest for {} minutes", self.wait_max));
        }
        let held = self.is_held();
        let inside = match self.functions.as_slice() {
            [] | [_] => self.function.clone(),
            many => Some(
                many.iter()
                    .map(|(f, _)| f.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
            ),
        };
        if let Some(f) = inside.as_ref().filter(|_| held) {
            let types = self.types.join(" or ");
            match (self.holders.as_slice(), self.other_methods.is_empty()) {
                ([], true) => s.push_str(&self.in_package(f, &types, it)),
                ([], false) => s.push_str(&format!(
                    "; no other goroutine in the dump is inside {f}; inside another method of \
                     {types}, not waiting on {it}: {}, which may hold {it}",
                    list(&self.other_methods, "methods")
                )),
                (h, _) => {
                    s.push_str(&format!(
                        "; also inside {f}, not waiting: {}",
                        ids(h, h.len())
                    ));
                    if !self.other_methods.is_empty() {
                        s.push_str(&format!(
                            "; inside another method of {types}, not waiting on {it}: {}",
                            list(&self.other_methods, "methods")
                        ));
                    }
                }
            }
        }
        s
    }

    /// What a possible holder's group says of it: `may hold mutex 0xc0000a4030,
    /// which 77 goroutines wait on`.
    pub fn may_hold(&self) -> String {
        self.may_hold_naming(None)
    }

    /// The same, naming the package-level variable the lock is after its
    /// address, as `sentence_naming` does: `may hold mutex 0x994eb0
    /// (main.ledgerMu), which 20 goroutines wait on`.
    pub fn may_hold_naming(&self, variable: Option<&str>) -> String {
        format!(
            "may hold {} {:#x}{}, which {} wait on",
            self.kind.name(),
            self.address,
            variable.map_or_else(String::new, |v| format!(" ({v})")),
            if self.count == 1 {
                "1 goroutine".to_string()
            } else {
                format!("{} goroutines", self.count)
            }
        )
    }

    /// What a held lock's sentence says when no goroutine is inside the
    /// waiters' function (`f`) or another method of its type (`types`):
    /// who is blocked in another function of its package, if searched. `it`
    /// is the lock's variable's name, or "it".
    fn in_package(&self, f: &str, types: &str, it: &str) -> String {
        let searched = if types.is_empty() {
            format!("inside {f}")
        } else {
            format!("inside {f} or another method of {types}")
        };
        let packages = self.packages.join(" or ");
        match (self.other_functions_count, self.other_functions.is_empty()) {
            _ if packages.is_empty() => format!(
                "; no other goroutine in the dump is {searched}: whoever took {it} returned without \
                 releasing it"
            ),
            (0, _) => format!(
                "; no other goroutine in the dump is {searched}, or blocked in another function \
                 of package {packages}: whoever took {it} returned without releasing it"
            ),
            (_, false) => format!(
                "; no other goroutine in the dump is {searched}; blocked in another function of \
                 package {packages}, not waiting on {it}: {}, which may hold {it}",
                list(&self.other_functions, "functions")
            ),
            (n, true) => format!(
                "; no other goroutine in the dump is {searched}; {n} goroutines are blocked in \
                 other functions of package {packages}, not waiting on {it}: too many to tell \
                 which may hold {it}"
            ),
        }
    }
}

/// `goroutine 19 in main.(*Broker).Flush, goroutines 20, 21 in
/// main.(*Broker).Stats`, a few of each, the first few methods (`what`).
fn list(found: &[OtherMethod], what: &str) -> String {
    const METHODS: usize = 3;
    const IDS: usize = 5;
    let mut parts: Vec<String> = found
        .iter()
        .take(METHODS)
        .map(|m| {
            let g = &m.goroutines;
            let mut part = format!("{} in {}", ids(&g[..g.len().min(IDS)], g.len()), m.function);
            match (&m.state, m.wait_max) {
                (Some(st), 0) => part.push_str(&format!(" [{st}]")),
                (Some(st), w) => part.push_str(&format!(" [{st}, {w} minutes]")),
                (None, _) => {}
            }
            part
        })
        .collect();
    if found.len() > METHODS {
        parts.push(format!("and {} more {what}", found.len() - METHODS));
    }
    parts.join(", ")
}

/// `goroutine 19`, `goroutines 20, 21` or `goroutines 1, 2, 3 … (40 in all)`:
/// `shown` of `total` goroutines' ids.
fn ids(shown: &[u64], total: usize) -> String {
    let list = shown
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match total {
        1 => format!("goroutine {list}"),
        n if n > shown.len() => format!("goroutines {list} … ({n} in all)"),
        _ => format!("goroutines {list}"),
    }
}

/// Packages whose frames are the mechanics of waiting, not the waiter.
fn is_mechanics(function: &str) -> bool {
    matches!(package(function), "sync" | "internal/sync" | "runtime")
}

/// The first function below the frame a goroutine waits in (`from`) that
/// is not the mechanics of waiting, as a name index.
fn waiting_function(d: &Dump, frames: &[u32], from: usize) -> Option<u32> {
    frames
        .iter()
        .skip(from)
        .map(|&f| d.frame(f).function)
        .find(|&f| !is_mechanics(d.name(f)))
}

/// Groups goroutines by the object they are blocked on, largest first.
pub fn lock_groups(d: &Dump) -> Vec<LockGroup> {
    let mut by: HashMap<(LockKind, u64), usize, FxBuildHasher> = HashMap::default();
    let mut out: Vec<LockGroup> = Vec::new();
    // Per group: waiters by function (name index).
    let mut places: Vec<HashMap<Option<u32>, u64, FxBuildHasher>> = Vec::new();
    // A stack's waiting function and the frame it was found below, found
    // once per stack (a million goroutines share a few stacks).
    let mut waiting: Vec<Option<(u16, Option<u32>)>> = vec![None; d.stacks.len()];
    // States are interned: compare them once, not once per goroutine.
    let active: Vec<bool> = d
        .names
        .iter()
        .map(|n| matches!(n.as_str(), "running" | "runnable"))
        .collect();
    for (i, g) in d.goroutines.iter().enumerate() {
        let Some(b) = g.blocked_on else { continue };
        if active[g.state as usize] {
            continue;
        }
        let k = *by.entry((b.kind, b.address)).or_insert_with(|| {
            out.push(LockGroup {
                kind: b.kind,
                address: b.address,
                count: 0,
                function: None,
                functions: Vec::new(),
                wait_max: 0,
                members: Vec::new(),
                holders: Vec::new(),
                types: Vec::new(),
                other_methods: Vec::new(),
                packages: Vec::new(),
                other_functions: Vec::new(),
                other_functions_count: 0,
            });
            places.push(HashMap::default());
            out.len() - 1
        });
        let function = match waiting[g.stack as usize] {
            Some((frame, f)) if frame == b.frame => f,
            _ => {
                let f = waiting_function(d, &d.stack(g).frames, usize::from(b.frame) + 1);
                waiting[g.stack as usize] = Some((b.frame, f));
                f
            }
        };
        *places[k].entry(function).or_insert(0) += u64::from(g.count);
        let lg = &mut out[k];
        lg.count += u64::from(g.count);
        lg.wait_max = lg.wait_max.max(g.wait_minutes.unwrap_or(0));
        lg.members.push(i as u32);
    }
    for (lg, p) in out.iter_mut().zip(places) {
        let mut named: Vec<(String, u64)> = p
            .into_iter()
            .filter_map(|(f, n)| Some((d.name(f?).to_string(), n)))
            .collect();
        named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        lg.function = named.first().map(|(f, _)| f.clone());
        lg.functions = named;
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then(b.wait_max.cmp(&a.wait_max)));
    holders::find(d, &mut out);
    out
}

/// Goroutines in a wait on an object that the dump does not name, by state
/// and the function that waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnaddressedWait {
    pub state: String,
    pub function: Option<String>,
    pub count: u64,
}

impl UnaddressedWait {
    /// "80 goroutines in chan receive in main.take".
    pub fn sentence(&self) -> String {
        let who = if self.count == 1 {
            "1 goroutine".to_string()
        } else {
            format!("{} goroutines", self.count)
        };
        match &self.function {
            Some(f) => format!("{who} in {} in {f}", self.state),
            None => format!("{who} in {}", self.state),
        }
    }
}

/// Why a dump names no object for these waits, for the outputs to say.
pub fn unaddressed_note(waits: &[UnaddressedWait]) -> Option<String> {
    let has = |p: fn(&str) -> bool| waits.iter().any(|w| p(&w.state));
    let mut why = Vec::new();
    if has(|s| s.starts_with("chan ")) {
        why.push("a traceback prints a channel's address only in the runtime's frames, which GOTRACEBACK=system or crash shows");
    }
    if has(|s| s == "select") {
        why.push("a select names none of its channels");
    }
    if has(|s| !s.starts_with("chan ") && s != "select") {
        why.push("a sync call's receiver is not printed where it was inlined or its value is uncertain (`?`)");
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// States that wait on one object (or, for select, several).
fn waits_on_object(state: &str) -> bool {
    matches!(
        state.split(',').next().unwrap_or(state),
        "chan receive"
            | "chan send"
            | "select"
            | "semacquire"
            | "sync.Mutex.Lock"
            | "sync.RWMutex.RLock"
            | "sync.RWMutex.Lock"
            | "sync.WaitGroup.Wait"
            | "sync.Cond.Wait"
    )
}

/// The goroutines of the groups a view lists (idle standard-library groups
/// left out) that wait on an object the dump does not print, largest first.
pub fn unaddressed_waits(d: &Dump, groups: &[Group], ranked: &[Ranked]) -> Vec<UnaddressedWait> {
    let mut by: HashMap<(u32, Option<u32>), u64, FxBuildHasher> = HashMap::default();
    for r in ranked.iter().filter(|r| !r.idle) {
        let g = &groups[r.group];
        if !waits_on_object(d.name(g.state)) {
            continue;
        }
        let n: u64 = g
            .members
            .iter()
            .map(|&m| &d.goroutines[m as usize])
            .filter(|m| m.blocked_on.is_none())
            .map(|m| u64::from(m.count))
            .sum();
        if n > 0 {
            let f = waiting_function(d, &d.stacks[g.stack as usize].frames, 0);
            *by.entry((g.state, f)).or_insert(0) += n;
        }
    }
    let mut out: Vec<UnaddressedWait> = by
        .into_iter()
        .map(|((s, f), count)| UnaddressedWait {
            state: d.name(s).to_string(),
            function: f.map(|f| d.name(f).to_string()),
            count,
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.state.cmp(&b.state))
            .then_with(|| a.function.cmp(&b.function))
    });
    out
}

/// The sync or channel operation a frame's first argument identifies.
pub(super) fn lock_kind(function: &[u8]) -> Option<LockKind> {
    const TABLE: [(&[u8], LockKind); 11] = [
        (b"sync.(*Mutex).Lock", LockKind::Mutex),
        (b"sync.(*Mutex).lockSlow", LockKind::Mutex),
        (b"sync.(*RWMutex).RLock", LockKind::RwMutexRead),
        (b"sync.(*RWMutex).Lock", LockKind::RwMutexWrite),
        (b"sync.(*WaitGroup).Wait", LockKind::WaitGroup),
        (b"sync.(*Cond).Wait", LockKind::Cond),
        (b"runtime.chansend1", LockKind::ChanSend),
        (b"runtime.chansend", LockKind::ChanSend),
        (b"runtime.chanrecv1", LockKind::ChanReceive),
        (b"runtime.chanrecv2", LockKind::ChanReceive),
        (b"runtime.chanrecv", LockKind::ChanReceive),
    ];
    if function.starts_with(b"sync.runtime_Semacquire")
        || function.starts_with(b"internal/sync.runtime_Semacquire")
    {
        return Some(LockKind::Semaphore);
    }
    TABLE.iter().find_map(|(name, kind)| {
        // `sync.…` or a vendored/internal copy such as `internal/sync.…` (Go 1.24+).
        let prefix = function.strip_suffix(*name)?;
        (prefix.is_empty() || prefix.ends_with(b"/")).then_some(*kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(kind: LockKind) -> LockGroup {
        LockGroup {
            kind,
            address: 0xc0000680c0,
            count: 2,
            function: Some("main.receive".into()),
            functions: vec![("main.receive".into(), 2)],
            wait_max: 9,
            members: vec![0, 1],
            holders: Vec::new(),
            types: Vec::new(),
            other_methods: Vec::new(),
            packages: Vec::new(),
            other_functions: Vec::new(),
            other_functions_count: 0,
        }
    }

    /// What a group says of the goroutines in other methods of its type.
    #[test]
    fn other_methods_are_named_with_a_few_of_their_goroutines() {
        let mut g = waiting(LockKind::Mutex);
        g.function = Some("main.(*Hub).Deliver".into());
        g.functions = vec![("main.(*Hub).Deliver".into(), 2)];
        g.types = vec!["main.Hub".into()];
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; no other goroutine in the dump is inside main.(*Hub).Deliver or another \
                 method of main.Hub: whoever took it returned without releasing it"
            ),
            "{s}"
        );
        g.other_methods = vec![
            OtherMethod {
                function: "main.(*Hub).Flush".into(),
                goroutines: vec![19],
                state: Some("chan send".into()),
                wait_max: 9,
            },
            OtherMethod {
                function: "main.(*Hub).Stats".into(),
                goroutines: (30..40).collect(),
                state: None,
                wait_max: 2,
            },
        ];
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; no other goroutine in the dump is inside main.(*Hub).Deliver; inside another \
                 method of main.Hub, not waiting on it: goroutine 19 in main.(*Hub).Flush \
                 [chan send, 9 minutes], goroutines 30, 31, 32, 33, 34 … (10 in all) in \
                 main.(*Hub).Stats, which may hold it"
            ),
            "{s}"
        );
        g.holders = vec![7];
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; also inside main.(*Hub).Deliver, not waiting: goroutine 7; inside another \
                 method of main.Hub, not waiting on it: goroutine 19 in main.(*Hub).Flush \
                 [chan send, 9 minutes], goroutines 30, 31, 32, 33, 34 … (10 in all) in \
                 main.(*Hub).Stats"
            ),
            "{s}"
        );
    }

    /// A lock nobody is inside the waiters' function or type for: what its
    /// package's search found, said as searched.
    #[test]
    fn a_search_of_the_package_says_what_it_searched_and_found() {
        let mut g = waiting(LockKind::Mutex);
        g.function = Some("main.record".into());
        g.functions = vec![("main.record".into(), 2)];
        g.packages = vec!["main".into()];
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; no other goroutine in the dump is inside main.record, or blocked in another \
                 function of package main: whoever took it returned without releasing it"
            ),
            "{s}"
        );
        g.other_functions = vec![OtherMethod {
            function: "main.flushAll".into(),
            goroutines: vec![20],
            state: Some("chan send".into()),
            wait_max: 9,
        }];
        g.other_functions_count = 1;
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; no other goroutine in the dump is inside main.record; blocked in another \
                 function of package main, not waiting on it: goroutine 20 in main.flushAll \
                 [chan send, 9 minutes], which may hold it"
            ),
            "{s}"
        );
        // A method's waiters: its type was searched first.
        g.function = Some("main.(*Broker).Send".into());
        g.functions = vec![("main.(*Broker).Send".into(), 2)];
        g.types = vec!["main.Broker".into()];
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; no other goroutine in the dump is inside main.(*Broker).Send or another method \
                 of main.Broker; blocked in another function of package main, not waiting on it: \
                 goroutine 20 in main.flushAll [chan send, 9 minutes], which may hold it"
            ),
            "{s}"
        );
        // Too many to be believed: counted, none named.
        g.other_functions.clear();
        g.other_functions_count = 40;
        let s = g.sentence();
        assert!(
            s.ends_with(
                "; no other goroutine in the dump is inside main.(*Broker).Send or another method \
                 of main.Broker; 40 goroutines are blocked in other functions of package main, \
                 not waiting on it: too many to tell which may hold it"
            ),
            "{s}"
        );
        // A package not searched (the waiters wait in the standard library's
        // primitives) is not said to be.
        g.packages.clear();
        g.other_functions_count = 0;
        let s = g.sentence();
        assert!(
            s.ends_with(
                "inside main.(*Broker).Send or another method of main.Broker: whoever took it \
                 returned without releasing it"
            ),
            "{s}"
        );
    }

    /// A lock the binary names (`main.ledgerMu`) is named wherever the sentence
    /// speaks of it, not only after its address; unnamed, it stays "it".
    #[test]
    fn a_named_lock_is_named_in_the_whole_sentence() {
        let named = |g: &LockGroup| g.sentence_naming(Some("main.ledgerMu"));
        let mut g = waiting(LockKind::Mutex);
        g.function = Some("main.record".into());
        g.functions = vec![("main.record".into(), 2)];
        g.packages = vec!["main".into()];
        let s = named(&g);
        assert!(
            s.starts_with(
                "2 goroutines wait on mutex 0xc0000680c0 (main.ledgerMu) in main.record;"
            ) && s.ends_with(
                "or blocked in another function of package main: whoever took \
                     main.ledgerMu returned without releasing it"
            ),
            "{s}"
        );
        g.other_functions = vec![OtherMethod {
            function: "main.flushAll".into(),
            goroutines: vec![20],
            state: Some("chan send".into()),
            wait_max: 9,
        }];
        g.other_functions_count = 1;
        let s = named(&g);
        assert!(
            s.ends_with(
                "; blocked in another function of package main, not waiting on main.ledgerMu: \
                 goroutine 20 in main.flushAll [chan send, 9 minutes], which may hold main.ledgerMu"
            ),
            "{s}"
        );
        assert!(
            g.sentence().ends_with(", which may hold it"),
            "{}",
            g.sentence()
        );
        // The holder's own line names it after its address too.
        assert_eq!(
            g.may_hold_naming(Some("main.ledgerMu")),
            "may hold mutex 0xc0000680c0 (main.ledgerMu), which 2 goroutines wait on"
        );
        assert_eq!(
            g.may_hold(),
            "may hold mutex 0xc0000680c0, which 2 goroutines wait on"
        );
        g.other_functions.clear();
        g.other_functions_count = 40;
        let s = named(&g);
        assert!(
            s.ends_with(
                "; 40 goroutines are blocked in other functions of package main, not waiting on \
                 main.ledgerMu: too many to tell which may hold main.ledgerMu"
            ),
            "{s}"
        );
        g.packages.clear();
        let s = named(&g);
        assert!(
            s.ends_with("whoever took main.ledgerMu returned without releasing it"),
            "{s}"
        );
        // A lock in a package-level struct (`main.hub+8`) taken by its methods.
        g.function = Some("main.(*Hub).Deliver".into());
        g.functions = vec![("main.(*Hub).Deliver".into(), 2)];
        g.types = vec!["main.Hub".into()];
        g.other_methods = vec![OtherMethod {
            function: "main.(*Hub).Flush".into(),
            goroutines: vec![19],
            state: None,
            wait_max: 0,
        }];
        let s = g.sentence_naming(Some("main.hub+8"));
        assert!(
            s.ends_with(
                "; inside another method of main.Hub, not waiting on main.hub+8: goroutine 19 \
                 in main.(*Hub).Flush, which may hold main.hub+8"
            ),
            "{s}"
        );
        g.holders = vec![7];
        let s = g.sentence_naming(Some("main.hub+8"));
        assert!(
            s.ends_with(
                "; also inside main.(*Hub).Deliver, not waiting: goroutine 7; inside another \
                 method of main.Hub, not waiting on main.hub+8: goroutine 19 in main.(*Hub).Flush"
            ),
            "{s}"
        );
    }

    /// 200,000 receivers on one channel were said to wait because "whoever
    /// took it returned without releasing it": only a lock is taken.
    #[test]
    fn only_a_lock_is_said_to_be_left_held() {
        let s = waiting(LockKind::Mutex).sentence();
        assert!(s.contains("returned without releasing it"), "{s}");
        for kind in [
            LockKind::ChanReceive,
            LockKind::ChanSend,
            LockKind::WaitGroup,
            LockKind::Cond,
        ] {
            let s = waiting(kind).sentence();
            assert!(
                s.starts_with("2 goroutines wait on ")
                    && s.contains(" in main.receive; the longest for 9 minutes")
                    && !s.contains("releasing")
                    && !s.contains("inside"),
                "{s}"
            );
        }
    }

    /// One channel received from in two places: the sentence names both,
    /// with their counts, and a lock's holders are looked for in both.
    #[test]
    fn a_channel_received_in_two_places_names_both() {
        let mut g = waiting(LockKind::ChanReceive);
        g.count = 120;
        g.functions = vec![("main.take".into(), 80), ("main.drain".into(), 40)];
        let s = g.sentence();
        assert!(
            s.starts_with("120 goroutines wait on channel (receive) 0xc0000680c0 in main.take (80), main.drain (40);"),
            "{s}"
        );
        g.kind = LockKind::Mutex;
        let s = g.sentence();
        assert!(
            s.contains("no other goroutine in the dump is inside main.take or main.drain"),
            "{s}"
        );
    }
}
