//! Orders groups by how suspicious they are: the panicking goroutine first,
//! then many goroutines, long waits and waits on locks in the program's own
//! code; the standard library's idle goroutines (keep-alive readers,
//! `signal.loop`, tickers, the runtime's workers) last, marked foldable.

use super::lock::{LockGroup, SUSPECTS};
use super::std_pkgs::is_std;
use super::{Dump, Group};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Index into the groups.
    pub group: usize,
    pub score: f64,
    /// Only standard-library frames: a view may fold it away.
    pub idle: bool,
    pub panicking: bool,
    /// The lock group (an index into the dump's lock groups) this group's
    /// goroutines may hold: they are its few possible holders
    /// (`promote_holders`).
    pub may_hold: Option<usize>,
}

/// How strongly a wait state points at a bug.
fn state_weight(state: &str) -> f64 {
    let s = state.split(" (").next().unwrap_or(state);
    match s {
        "semacquire" | "sync.Mutex.Lock" | "sync.RWMutex.Lock" | "sync.RWMutex.RLock" => 4.0,
        "sync.WaitGroup.Wait" | "sync.Cond.Wait" => 3.0,
        "chan send" | "chan receive" => 3.0,
        "select" => 1.5,
        "running" | "runnable" => 1.0,
        _ => 0.5,
    }
}

/// True when every frame of the group, and its creator, is standard library.
/// A goroutine without a frame (its stack cut off, or unavailable) shows no
/// such thing: it is never folded away as idle; nor is one whose stack the
/// text cut off after library frames (`sync.(*Mutex).Lock(..`), which hid
/// the program's own frames under them.
pub fn is_idle(d: &Dump, g: &Group) -> bool {
    let frames = &d.stacks[g.stack as usize].frames;
    let mut cut = d.damage.iter().filter_map(|x| x.kind.cut_goroutine());
    !frames.is_empty()
        && !cut.any(|id| g.ids(d).any(|m| m == id))
        && frames
            .iter()
            .chain(g.created_by.iter())
            .all(|&f| is_std(d.name(d.frame(f).function)))
}

/// The first frame from the top that is the program's own code.
pub fn own_frame(d: &Dump, g: &Group) -> Option<u32> {
    d.stacks[g.stack as usize]
        .frames
        .iter()
        .copied()
        .find(|&f| !is_std(d.name(d.frame(f).function)))
}

pub fn score(d: &Dump, g: &Group) -> f64 {
    let own = own_frame(d, g).is_some();
    let mut s = (1.0 + g.count as f64).ln() * 2.0
        + (1.0 + f64::from(g.wait_max)).ln() * 1.5
        + state_weight(d.name(g.state));
    if own {
        s += 3.0;
    }
    if is_idle(d, g) {
        s -= 100.0;
    }
    s
}

/// Groups in rank order.
pub fn rank(d: &Dump, groups: &[Group]) -> Vec<Ranked> {
    // The goroutine by its place in the dump: an id may be printed twice
    // (goroutine 1 in each of two dumps read as one).
    let member = d.panic.as_ref().and_then(|p| {
        p.member.or_else(|| {
            let id = p.goroutine?;
            d.goroutines
                .iter()
                .position(|g| g.id == id)
                .map(|i| i as u32)
        })
    });
    let panicking = |g: &Group| member.is_some_and(|m| g.members.contains(&m));
    let mut out: Vec<Ranked> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| Ranked {
            group: i,
            score: score(d, g),
            idle: is_idle(d, g),
            panicking: panicking(g),
            may_hold: None,
        })
        .collect();
    out.sort_by(|a, b| {
        b.panicking
            .cmp(&a.panicking)
            .then(b.score.total_cmp(&a.score))
            .then(groups[b.group].count.cmp(&groups[a.group].count))
            .then(a.group.cmp(&b.group))
    });
    out
}

/// Moves the groups of a held lock's few possible holders (goroutines inside
/// the waiters' function or another method of its type, or blocked in
/// another function of its package, `LockGroup::holders`, `other_methods`
/// and `other_functions`: at most `SUSPECTS` in all) to right after the
/// highest-ranked group waiting on it, and marks them (`may_hold`): the
/// waiters are what a dump shows most of, the holder is why. The panicking
/// group stays first; a group ranked higher already stays where it is.
pub fn promote_holders(d: &Dump, groups: &[Group], locks: &[LockGroup], ranked: &mut [Ranked]) {
    // Each suspect lock's goroutine ids, then their places in the dump.
    let suspects: Vec<(usize, Vec<u64>)> = locks
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_held())
        .filter_map(|(i, l)| {
            let ids: Vec<u64> = l
                .holders
                .iter()
                .copied()
                .chain(
                    l.other_methods
                        .iter()
                        .chain(&l.other_functions)
                        .flat_map(|m| m.goroutines.iter().copied()),
                )
                .collect();
            (!ids.is_empty() && ids.len() <= SUSPECTS).then_some((i, ids))
        })
        .collect();
    if suspects.is_empty() {
        return;
    }
    let mut wanted: Vec<u64> = suspects.iter().flat_map(|(_, ids)| ids.clone()).collect();
    wanted.sort_unstable();
    let member_of: Vec<(u64, u32)> = d
        .goroutines
        .iter()
        .enumerate()
        .filter(|(_, g)| wanted.binary_search(&g.id).is_ok())
        .map(|(m, g)| (g.id, m as u32))
        .collect();
    for (lock, ids) in suspects {
        let l = &locks[lock];
        let waits = |r: &Ranked| {
            groups[r.group]
                .members
                .iter()
                .any(|m| l.members.binary_search(m).is_ok())
        };
        for id in ids {
            let Some(&(_, m)) = member_of.iter().find(|(i, _)| *i == id) else {
                continue;
            };
            let Some(from) = ranked
                .iter()
                .position(|r| groups[r.group].members.contains(&m))
            else {
                continue;
            };
            let Some(top) = ranked.iter().position(waits) else {
                continue;
            };
            if ranked[from].panicking || ranked[from].may_hold.is_some() {
                continue;
            }
            ranked[from].may_hold = Some(lock);
            if from > top + 1 {
                ranked[top + 1..=from].rotate_right(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goroutine::group::{Similarity, group};
    use crate::goroutine::lock::lock_groups;
    use crate::goroutine::parse::parse;

    /// The demo's dump (the push hub wedged: `Broadcast` blocked on a send
    /// with the mutex 77 `Push` calls wait on), ranked and promoted.
    fn demo() -> (Dump, Vec<Group>, Vec<LockGroup>, Vec<Ranked>) {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo/goroutines.txt");
        let d = parse(&std::fs::read(path).expect("the demo's dump"));
        let groups = group(&d, Similarity::Exact);
        let ranked = rank(&d, &groups);
        let locks = lock_groups(&d);
        (d, groups, locks, ranked)
    }

    fn order(d: &Dump, groups: &[Group], ranked: &[Ranked]) -> Vec<String> {
        ranked
            .iter()
            .take(3)
            .map(|r| {
                let f = own_frame(d, &groups[r.group]).map(|f| d.frame(f).function);
                f.map_or("?".into(), |f| d.name(f).to_string())
            })
            .collect()
    }

    #[test]
    fn a_locks_only_possible_holder_ranks_after_its_waiters() {
        let (d, groups, locks, mut ranked) = demo();
        assert_eq!(
            order(&d, &groups, &ranked)[..2],
            ["main.(*Hub).Push", "main.(*Hub).Push"]
        );
        promote_holders(&d, &groups, &locks, &mut ranked);
        assert_eq!(
            order(&d, &groups, &ranked),
            [
                "main.(*Hub).Push",
                "main.(*Hub).Broadcast",
                "main.(*Hub).Push"
            ]
        );
        assert_eq!(ranked[1].may_hold, Some(0));
        assert!(ranked.iter().filter(|r| r.may_hold.is_some()).count() == 1);
    }

    /// More possible holders than `SUSPECTS`: none is singled out.
    #[test]
    fn many_possible_holders_are_not_promoted() {
        let (d, groups, mut locks, mut ranked) = demo();
        let before = ranked.clone();
        let m = &mut locks[0].other_methods[0];
        let other = d
            .goroutines
            .iter()
            .map(|g| g.id)
            .find(|&i| i != m.goroutines[0]);
        m.goroutines
            .extend(std::iter::repeat_n(other.expect("another"), SUSPECTS));
        promote_holders(&d, &groups, &locks, &mut ranked);
        assert_eq!(ranked, before);
    }
}
