//! Who may hold a lock: a goroutine inside the function its waiters wait in,
//! or inside another method of that function's type (a lock in a struct is
//! taken by its methods), or else blocked in another function of that
//! function's package (a package-level mutex, or a struct's lock taken by a
//! plain function).

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::{LockGroup, OtherMethod};
use crate::goroutine::Dump;
use crate::goroutine::std_pkgs::package;

/// A lock's possible holders are named as such when they are few: at most
/// so many goroutines.
pub const SUSPECTS: usize = 3;

/// Holders are looked for in the largest groups only: each search reads every goroutine.
const HOLDER_SEARCHES: usize = 32;

/// The type whose method `function` is, with its package (`main.(*Broker).Send`
/// and its closures → `main.Broker`; `net/http.Header.Get` → `net/http.Header`);
/// None for a function that is no method, or its closures (`main.main.func1`).
pub(super) fn receiver_type(function: &str) -> Option<String> {
    let pkg = package(function);
    let rest = function.get(pkg.len()..)?.strip_prefix('.')?;
    if let Some(r) = rest.strip_prefix("(*") {
        return Some(format!("{pkg}.{}", &r[..r.find(')')?]));
    }
    // `T.M` or `T[...].M`, a value receiver; `F.func1`, a closure of F.
    let name_end = match (rest.find('.'), rest.find('[')) {
        (Some(d), Some(b)) if b < d => b + rest[b..].find(']')? + 1,
        (Some(d), _) => d,
        (None, _) => return None,
    };
    let method = rest[name_end..].strip_prefix('.')?;
    let closure = ["func", "gowrap", "deferwrap"].iter().any(|w| {
        method
            .strip_prefix(w)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    });
    (!closure).then(|| format!("{pkg}.{}", &rest[..name_end]))
}

/// Packages a goroutine blocks in on behalf of its caller: a channel, a
/// select, a lock, a sleep, a read or a write. The first frame below them is
/// the function that is blocked. Not net/http or database/sql: every
/// program's main goroutine and servers sit in them, called from its own
/// package, and would be suspects of every lock of package main.
fn is_primitive(function: &str) -> bool {
    let pkg = package(function);
    matches!(
        pkg,
        "runtime" | "sync" | "time" | "net" | "os" | "syscall" | "io" | "bufio" | "crypto/tls"
    ) || pkg.starts_with("internal/")
}

/// Fills each of the largest lock groups' `holders`, `types` and
/// `other_methods`, and, for a lock none of them may hold, `packages` and
/// `other_functions`.
pub(super) fn find(d: &Dump, out: &mut [LockGroup]) {
    // Each interned name's receiver type, as an index into `type_names`, read
    // once for every search below.
    let mut type_names: Vec<String> = Vec::new();
    let mut type_ids: HashMap<String, u32, FxBuildHasher> = HashMap::default();
    let type_of: Vec<Option<u32>> = d
        .names
        .iter()
        .map(|n| {
            let t = receiver_type(n)?;
            Some(*type_ids.entry(t).or_insert_with_key(|t| {
                type_names.push(t.clone());
                type_names.len() as u32 - 1
            }))
        })
        .collect();
    // Per stack, the function it is blocked in (`is_primitive`), read once
    // and only when a lock has no other suspect.
    let mut blocked_in: Option<Vec<Option<u32>>> = None;
    for lg in out.iter_mut().take(HOLDER_SEARCHES) {
        if lg.functions.is_empty() {
            continue;
        }
        let mut types: Vec<u32> = lg
            .functions
            .iter()
            .filter_map(|(f, _)| receiver_type(f).and_then(|t| type_ids.get(&t).copied()))
            .collect();
        types.sort_unstable();
        types.dedup();
        // Per stack: inside a waiting function, or else the first frame in
        // another method of their types.
        let inside: Vec<(bool, Option<u32>)> = d
            .stacks
            .iter()
            .map(|s| {
                let names = || s.frames.iter().map(|&fr| d.frame(fr).function);
                let waits = |n: u32| lg.functions.iter().any(|(f, _)| f == d.name(n));
                if names().any(waits) {
                    return (true, None);
                }
                let method =
                    names().find(|&n| type_of[n as usize].is_some_and(|t| types.contains(&t)));
                (false, method)
            })
            .collect();
        let mut holders = Vec::new();
        let mut others = Others::default();
        for (i, g) in not_waiting(d, lg) {
            match inside[g.stack as usize] {
                (true, _) => holders.push(g.id),
                (false, Some(m)) => others.add(m, d, i, usize::MAX),
                (false, None) => {}
            }
        }
        lg.holders = holders;
        lg.other_methods = others.into_list(d);
        lg.types = types
            .iter()
            .map(|&t| type_names[t as usize].clone())
            .collect();
        if lg.is_held() && lg.holders.is_empty() && lg.other_methods.is_empty() {
            let blocked_in = blocked_in.get_or_insert_with(|| blocked_functions(d));
            in_package(d, lg, blocked_in);
        }
    }
}

/// The goroutines of the dump that do not wait on `lg`'s object, with their
/// places in the dump.
fn not_waiting<'a>(
    d: &'a Dump,
    lg: &'a LockGroup,
) -> impl Iterator<Item = (usize, &'a crate::goroutine::Goroutine)> + 'a {
    // Members are in dump order: walk them beside the goroutines.
    let mut waiting = lg.members.iter().copied().peekable();
    d.goroutines
        .iter()
        .enumerate()
        .filter(move |(i, _)| waiting.next_if_eq(&(*i as u32)).is_none())
}

/// Per stack, the function it is blocked in: its first frame from the top
/// that is not a primitive a goroutine blocks in, as a name index.
fn blocked_functions(d: &Dump) -> Vec<Option<u32>> {
    let primitive: Vec<bool> = d.names.iter().map(|n| is_primitive(n)).collect();
    d.stacks
        .iter()
        .map(|s| {
            s.frames
                .iter()
                .map(|&f| d.frame(f).function)
                .find(|&n| !primitive[n as usize])
        })
        .collect()
}

/// Goroutines blocked in another function of the package of the function
/// the waiters wait in, not waiting on the lock: named when they are at most
/// `SUSPECTS`, else only counted.
fn in_package(d: &Dump, lg: &mut LockGroup, blocked_in: &[Option<u32>]) {
    let mut packages: Vec<String> = lg
        .functions
        .iter()
        .filter(|(f, _)| !is_primitive(f))
        .map(|(f, _)| package(f).to_string())
        .collect();
    packages.sort_unstable();
    packages.dedup();
    if packages.is_empty() {
        return;
    }
    let ours: Vec<Option<u32>> = blocked_in
        .iter()
        .map(|&f| f.filter(|&f| packages.iter().any(|p| p == package(d.name(f)))))
        .collect();
    let mut others = Others::default();
    for (i, g) in not_waiting(d, lg) {
        if let Some(f) = ours[g.stack as usize] {
            others.add(f, d, i, SUSPECTS);
        }
    }
    lg.other_functions_count = others.count;
    if others.count <= SUSPECTS as u64 {
        lg.other_functions = others.into_list(d);
    }
    lg.packages = packages;
}

/// Goroutines by the function they were found in (first met first), and
/// how many in all.
#[derive(Default)]
struct Others {
    /// Per function: its goroutines, their one state (or none), the longest wait.
    by: Vec<(u32, Vec<u64>, Option<u32>, u32)>,
    count: u64,
}

impl Others {
    /// Counts goroutine `i`, found in `function`; keeps it while no more
    /// than `keep` are counted.
    fn add(&mut self, function: u32, d: &Dump, i: usize, keep: usize) {
        let g = &d.goroutines[i];
        self.count += u64::from(g.count);
        if self.count > keep as u64 {
            return;
        }
        let wait = g.wait_minutes.unwrap_or(0);
        match self.by.iter_mut().find(|o| o.0 == function) {
            Some(o) => {
                o.1.push(g.id);
                o.2 = o.2.filter(|&s| s == g.state);
                o.3 = o.3.max(wait);
            }
            None => self.by.push((function, vec![g.id], Some(g.state), wait)),
        }
    }

    fn into_list(self, d: &Dump) -> Vec<OtherMethod> {
        self.by
            .into_iter()
            .map(|(m, goroutines, state, wait_max)| OtherMethod {
                function: d.name(m).to_string(),
                goroutines,
                state: state.map(|s| d.name(s).to_string()),
                wait_max,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two goroutines of package main not waiting on the package's mutex:
    /// the main goroutine in `net/http.Get` (where every program's main
    /// goroutine and servers sit) is no suspect; `flushAll`, blocked on a
    /// network write it makes, is.
    #[test]
    fn a_goroutine_blocked_in_a_write_of_the_package_may_hold_its_lock() {
        let wait = |id: u32| {
            format!(
                "goroutine {id} [semacquire]:\n\
                 sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)\n\t/go/src/runtime/sema.go:77 +0x25\n\
                 sync.(*Mutex).lockSlow(0x99e170)\n\t/go/src/sync/mutex.go:171 +0x165\n\
                 sync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\n\
                 main.record(0x1)\n\t/src/main.go:110 +0x4e\n\
                 created by main.start\n\t/src/main.go:131 +0x20\n\n"
            )
        };
        let text = "goroutine 1 [select]:\n\
             net/http.(*persistConn).roundTrip(0xc0001ba120, 0xc000066040)\n\t/go/src/net/http/transport.go:2620 +0x974\n\
             net/http.Get({0xc0000ce0f0?, 0x0?})\n\t/go/src/net/http/client.go:479 +0x45\n\
             main.dump({0xc0000ce0f0, 0x16})\n\t/src/main.go:100 +0x10\n\
             main.main()\n\t/src/main.go:90 +0x20\n\n\
             goroutine 20 [IO wait]:\n\
             internal/poll.runtime_pollWait(0x7f, 0x77)\n\t/go/src/runtime/netpoll.go:305 +0x89\n\
             internal/poll.(*FD).Write(0xc000, {0xc0, 0x5, 0x5})\n\t/go/src/internal/poll/fd_unix.go:380 +0x1\n\
             net.(*conn).Write(0xc0, {0xc0, 0x5, 0x5})\n\t/go/src/net/net.go:195 +0x45\n\
             main.flushAll(0xc0)\n\t/src/main.go:120 +0x10\n\
             created by main.start\n\t/src/main.go:130 +0x20\n\n"
            .to_string()
            + &wait(5)
            + &wait(6);
        let d = crate::goroutine::parse::parse(text.as_bytes());
        let locks = super::super::lock_groups(&d);
        let l = &locks[0];
        assert_eq!((l.count, l.address), (2, 0x99e170), "{l:?}");
        assert_eq!(l.packages, ["main"], "{l:?}");
        assert_eq!(l.other_functions_count, 1, "{l:?}");
        assert_eq!(
            l.other_functions,
            [OtherMethod {
                function: "main.flushAll".into(),
                goroutines: vec![20],
                state: Some("IO wait".into()),
                wait_max: 0,
            }]
        );
    }

    #[test]
    fn receiver_types_as_go_names_methods() {
        for (function, t) in [
            ("main.(*Broker).Send", Some("main.Broker")),
            ("main.(*Broker).Send.func1", Some("main.Broker")),
            ("main.(*Broker).Send-fm", Some("main.Broker")),
            ("net/http.Header.Get", Some("net/http.Header")),
            (
                "github.com/a/b.(*Pool[...]).Get",
                Some("github.com/a/b.Pool[...]"),
            ),
            (
                "github.com/a/b.List[...].Len",
                Some("github.com/a/b.List[...]"),
            ),
            (
                "gopkg.in/yaml%2ev3.(*parser).parse",
                Some("gopkg.in/yaml%2ev3.parser"),
            ),
            ("main.main", None),
            ("main.main.func1", None),
            ("main.main.func1.2", None),
            ("main.worker.gowrap1", None),
            ("main.Map[...]", None),
            ("sync.(*Mutex).Lock", Some("sync.Mutex")),
        ] {
            assert_eq!(receiver_type(function).as_deref(), t, "{function}");
        }
    }
}
