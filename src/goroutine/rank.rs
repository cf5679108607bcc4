//! Orders groups by how suspicious they are: the panicking goroutine first,
//! then many goroutines, long waits and waits on locks in the program's own
//! code; the standard library's idle goroutines (keep-alive readers,
//! `signal.loop`, tickers, the runtime's workers) last, marked foldable.

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
/// such thing: it is never folded away as idle.
pub fn is_idle(d: &Dump, g: &Group) -> bool {
    let frames = &d.stacks[g.stack as usize].frames;
    !frames.is_empty()
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
