//! Goroutines blocked on one object: the receiver of a `sync` call or the
//! channel of a channel operation, where the dump prints it.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::std_pkgs::package;
use super::{Dump, LockKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockGroup {
    pub kind: LockKind,
    pub address: u64,
    pub count: u64,
    /// The program's function that waits (the first caller outside sync and the runtime).
    pub function: Option<String>,
    pub wait_max: u32,
    /// Indices into `Dump::goroutines`.
    pub members: Vec<u32>,
    /// Goroutines inside `function` that are not waiting on the object: whoever
    /// holds a lock taken there is among them. Empty when no goroutine is.
    pub holders: Vec<u64>,
}

impl LockGroup {
    /// "237 goroutines wait on mutex 0xc00012e0f0 in main.(*Broker).Send; the
    /// longest for 6274 minutes; no goroutine in the dump is inside a function that holds it".
    pub fn sentence(&self) -> String {
        let who = if self.count == 1 {
            "1 goroutine waits".to_string()
        } else {
            format!("{} goroutines wait", self.count)
        };
        let mut s = format!("{who} on {} {:#x}", self.kind.name(), self.address);
        if let Some(f) = &self.function {
            s.push_str(&format!(" in {f}"));
        }
        if self.wait_max > 0 {
            s.push_str(&format!("; the longest for {} minutes", self.wait_max));
        }
        // Only a lock is held by someone; a channel, a WaitGroup or a Cond waits for others to act.
        let held = matches!(
            self.kind,
            LockKind::Mutex | LockKind::RwMutexRead | LockKind::RwMutexWrite | LockKind::Semaphore
        );
        if let Some(f) = self.function.as_ref().filter(|_| held) {
            match self.holders.as_slice() {
                [] => s.push_str(&format!(
                    "; no other goroutine in the dump is inside {f}: whoever took it returned without releasing it"
                )),
                h => s.push_str(&format!(
                    "; also inside {f}, not waiting: goroutine{} {}",
                    if h.len() == 1 { "" } else { "s" },
                    h.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
                )),
            }
        }
        s
    }
}

const HOLDER_SEARCHES: usize = 32;

/// Packages whose frames are the mechanics of waiting, not the waiter.
fn is_mechanics(function: &str) -> bool {
    matches!(package(function), "sync" | "internal/sync" | "runtime")
}

/// Groups goroutines by the object they are blocked on, largest first.
pub fn lock_groups(d: &Dump) -> Vec<LockGroup> {
    let mut by: HashMap<(LockKind, u64), usize, FxBuildHasher> = HashMap::default();
    let mut out: Vec<LockGroup> = Vec::new();
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
            let frames = &d.stack(g).frames;
            let function = frames
                .iter()
                .skip(usize::from(b.frame) + 1)
                .map(|&f| d.name(d.frame(f).function))
                .find(|f| !is_mechanics(f))
                .map(str::to_string);
            out.push(LockGroup {
                kind: b.kind,
                address: b.address,
                count: 0,
                function,
                wait_max: 0,
                members: Vec::new(),
                holders: Vec::new(),
            });
            out.len() - 1
        });
        let lg = &mut out[k];
        lg.count += u64::from(g.count);
        lg.wait_max = lg.wait_max.max(g.wait_minutes.unwrap_or(0));
        lg.members.push(i as u32);
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then(b.wait_max.cmp(&a.wait_max)));
    // Holders are looked for in the largest groups only: each search reads every goroutine.
    for lg in out.iter_mut().take(HOLDER_SEARCHES) {
        let Some(f) = lg.function.as_deref() else {
            continue;
        };
        let inside: Vec<bool> = d
            .stacks
            .iter()
            .map(|s| s.frames.iter().any(|&fr| d.name(d.frame(fr).function) == f))
            .collect();
        // Members are in dump order: walk them beside the goroutines.
        let mut waiting = lg.members.iter().copied().peekable();
        lg.holders = d
            .goroutines
            .iter()
            .enumerate()
            .filter(|&(i, g)| {
                let member = waiting.next_if_eq(&(i as u32)).is_some();
                inside[g.stack as usize] && !member
            })
            .map(|(_, g)| g.id)
            .collect();
    }
    out
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
            wait_max: 9,
            members: vec![0, 1],
            holders: Vec::new(),
        }
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
}
