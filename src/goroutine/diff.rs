//! Two dumps of one program: groups matched by their stack, wait, creator
//! and labels, and what grew and shrank between them (a leak grows).
//!
//! The two dumps may come from builds with different Go versions, whose
//! runtimes name some waits differently (`wait_reason`) and whose standard
//! library frames differ (files, lines, `internal/sync` under `sync`). Groups
//! are matched in three passes: by their whole stack, then the groups left by
//! the program's own frames only, so the same stuck goroutines pair up, then
//! those left by the functions of those frames, so a goroutine that waits in
//! the same functions from another line (the main goroutine fetching its
//! second dump) is not said to be one gone and another new.

use std::collections::HashMap;

use super::std_pkgs::is_std;
use super::{Dump, Group, Similarity};

/// One group (or the groups of one place in the program) as compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// The wait as the newer dump printed it (the older one's for a group gone).
    pub state: String,
    /// The wait as the older dump printed it, when it named it otherwise
    /// (Go 1.19's `semacquire`, Go 1.20's `sync.Mutex.Lock`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_before: Option<String>,
    pub top_function: String,
    /// The first frame of the program's own code, when there is one.
    pub own_function: Option<String>,
    pub created_by: Option<String>,
    /// A `?debug=1` profile's goroutine labels, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<String>,
    pub before: u64,
    pub after: u64,
}

impl Change {
    pub fn delta(&self) -> i64 {
        self.after as i64 - self.before as i64
    }

    /// The wait in each dump's words: `semacquire -> sync.Mutex.Lock` when
    /// they differ (`arrow` between them), else the one word.
    pub fn states(&self, arrow: &str) -> String {
        match &self.state_before {
            Some(b) => format!("{b}{arrow}{}", self.state),
            None => self.state.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diff {
    pub total_before: u64,
    pub total_after: u64,
    /// Largest growth first.
    pub grown: Vec<Change>,
    /// Largest shrink first.
    pub shrunk: Vec<Change>,
    pub new: Vec<Change>,
    pub gone: Vec<Change>,
}

/// A wait as every Go version names it. Go 1.20 names the waits of
/// `sync.Mutex.Lock`, `sync.RWMutex.RLock` and `sync.RWMutex.Lock`, and Go
/// 1.25 that of `sync.WaitGroup.Wait`, where earlier runtimes print
/// `semacquire` (`waitReasonStrings` in the runtime's `runtime2.go`; every
/// other wait reason of Go 1.19 reads the same in Go 1.27).
pub fn wait_reason(state: &str) -> &str {
    match state {
        "sync.Mutex.Lock" | "sync.RWMutex.RLock" | "sync.RWMutex.Lock" | "sync.WaitGroup.Wait" => {
            "semacquire"
        }
        s => s,
    }
}

/// How much of a group identifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Every frame (file and line too, at `Similarity::Exact`).
    Stack,
    /// The program's own frames only: what another Go version's standard
    /// library changes is left out (the creator only by its function).
    OwnCode,
    /// The functions of the program's own frames, not their lines.
    OwnFunctions,
}

/// A key that survives between dumps: names, not interned ids.
fn key(d: &Dump, g: &Group, sim: Similarity, pass: Pass) -> String {
    let labels = g.labels.map_or("", |l| d.name(l));
    let mut k = format!("{}|{}|{labels}", wait_reason(d.name(g.state)), g.locked);
    let frame = |k: &mut String, f: u32, whole: bool| {
        let fr = d.frame(f);
        match (sim, whole) {
            (Similarity::Exact, true) => k.push_str(&format!(
                "|{} {}:{}",
                d.name(fr.function),
                d.name(fr.file),
                fr.line
            )),
            _ => k.push_str(&format!("|{}", d.name(fr.function))),
        }
    };
    let frames = &d.stacks[g.stack as usize].frames;
    let own = |f: u32| !is_std(d.name(d.frame(f).function));
    // Without a frame of the program's own, functions alone say too little
    // (every net/http connection goroutine would be one): such a group is
    // keyed by its whole stack, which found no pair in the first pass.
    if pass == Pass::OwnFunctions && !frames.iter().any(|&f| own(f)) {
        return key(d, g, sim, Pass::Stack);
    }
    let lines = pass != Pass::OwnFunctions;
    for &f in frames {
        let own = own(f);
        if pass == Pass::Stack || own {
            frame(&mut k, f, lines);
        }
    }
    if let Some(c) = g.created_by {
        k.push_str("|created by");
        let own = !is_std(d.name(d.frame(c).function));
        frame(&mut k, c, lines && (pass == Pass::Stack || own));
    }
    k
}

/// The groups `left` (indices into `groups`) by key, in the order first seen.
fn by_key(
    d: &Dump,
    groups: &[Group],
    left: &[usize],
    sim: Similarity,
    pass: Pass,
) -> (Vec<String>, HashMap<String, Vec<usize>>) {
    let mut order = Vec::new();
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in left {
        let k = key(d, &groups[i], sim, pass);
        map.entry(k.clone())
            .or_insert_with(|| {
                order.push(k);
                Vec::new()
            })
            .push(i);
    }
    (order, map)
}

/// The largest of `members` (the first of them on a tie).
fn largest(groups: &[Group], members: &[usize]) -> usize {
    let mut best = members[0];
    for &i in members {
        if groups[i].count > groups[best].count {
            best = i;
        }
    }
    best
}

fn change(d: &Dump, g: &Group, before: u64, after: u64) -> Change {
    let frames = &d.stacks[g.stack as usize].frames;
    Change {
        state: d.name(g.state).to_string(),
        state_before: None,
        top_function: frames
            .first()
            .map(|&f| d.name(d.frame(f).function).to_string())
            .unwrap_or_default(),
        own_function: super::rank::own_frame(d, g).map(|f| d.name(d.frame(f).function).to_string()),
        created_by: g
            .created_by
            .map(|f| d.name(d.frame(f).function).to_string()),
        labels: g.labels.map(|l| d.name(l).to_string()),
        before,
        after,
    }
}

pub fn diff(
    old: &Dump,
    old_groups: &[Group],
    new: &Dump,
    new_groups: &[Group],
    sim: Similarity,
) -> Diff {
    let mut out = Diff {
        total_before: old.total(),
        total_after: new.total(),
        ..Default::default()
    };
    let mut old_left: Vec<usize> = (0..old_groups.len()).collect();
    let mut new_left: Vec<usize> = (0..new_groups.len()).collect();
    for pass in [Pass::Stack, Pass::OwnCode, Pass::OwnFunctions] {
        let (_, before) = by_key(old, old_groups, &old_left, sim, pass);
        let (order, after) = by_key(new, new_groups, &new_left, sim, pass);
        let (mut old_paired, mut new_paired) =
            (vec![false; old_groups.len()], vec![false; new_groups.len()]);
        for k in &order {
            let (Some(was), Some(is)) = (before.get(k), after.get(k)) else {
                continue;
            };
            let count =
                |groups: &[Group], m: &[usize]| m.iter().map(|&i| groups[i].count).sum::<u64>();
            let (b, a) = (count(old_groups, was), count(new_groups, is));
            let (og, ng) = (
                &old_groups[largest(old_groups, was)],
                &new_groups[largest(new_groups, is)],
            );
            let mut c = change(new, ng, b, a);
            let said = old.name(og.state);
            if said != c.state {
                c.state_before = Some(said.to_string());
            }
            match a.cmp(&b) {
                std::cmp::Ordering::Greater => out.grown.push(c),
                std::cmp::Ordering::Less => out.shrunk.push(c),
                std::cmp::Ordering::Equal => {}
            }
            was.iter().for_each(|&i| old_paired[i] = true);
            is.iter().for_each(|&i| new_paired[i] = true);
        }
        old_left.retain(|&i| !old_paired[i]);
        new_left.retain(|&i| !new_paired[i]);
    }
    for &i in &new_left {
        let g = &new_groups[i];
        out.new.push(change(new, g, 0, g.count));
    }
    for &i in &old_left {
        let g = &old_groups[i];
        out.gone.push(change(old, g, g.count, 0));
    }
    out.grown.sort_by_key(|c| std::cmp::Reverse(c.delta()));
    out.shrunk.sort_by_key(Change::delta);
    out.new.sort_by_key(|c| std::cmp::Reverse(c.after));
    out.gone.sort_by_key(|c| std::cmp::Reverse(c.before));
    out
}
