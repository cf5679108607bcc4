//! Goroutines with the same stack form a group. Exact: the same function,
//! file and line in every frame (arguments never count). Similar: the same
//! functions, whatever the line inside them (panicparse's looser mode).
//! Goroutine labels (a `?debug=1` profile's `# labels:`) tell groups apart
//! too: the profile prints one record per stack and label set.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::Dump;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Similarity {
    #[default]
    Exact,
    Similar,
}

/// Goroutines that share state, stack, creator, thread locking and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// A member's stack: the group's frames.
    pub stack: u32,
    pub state: u32,
    pub locked: bool,
    /// A member's `created by` frame.
    pub created_by: Option<u32>,
    /// The members' labels as printed (`{"k":"v"}`), index into `Dump::names`.
    pub labels: Option<u32>,
    /// Goroutines in the group (a profile record counts as many as it stands for).
    pub count: u64,
    /// Minutes waited (the runtime prints none under one minute: 0).
    pub wait_min: u32,
    pub wait_max: u32,
    /// Indices into `Dump::goroutines`, in dump order.
    pub members: Vec<u32>,
}

impl Group {
    pub fn ids<'a>(&'a self, d: &'a Dump) -> impl Iterator<Item = u64> + 'a {
        self.members.iter().map(|&m| d.goroutines[m as usize].id)
    }
}

/// A frame's identity at a similarity: function, file, line.
type FrameKey = (u32, u32, u32);
/// A group's identity: canonical stack, state, creator, locked to a thread, labels.
type GroupKey = (u32, u32, Option<FrameKey>, bool, Option<u32>);
type Map<K, V> = HashMap<K, V, FxBuildHasher>;

/// The identity of a frame at a similarity: exact frames ignore only the pc.
fn frame_key(d: &Dump, f: u32, sim: Similarity) -> FrameKey {
    let f = d.frame(f);
    match sim {
        Similarity::Exact => (f.function, f.file, f.line),
        Similarity::Similar => (f.function, u32::MAX, 0),
    }
}

/// Canonical ids for stacks at a similarity, so that stacks that differ only
/// in what the similarity ignores share one id. A profile record without
/// printed frames (its `#` lines dropped on the way) is known by its
/// addresses: without them every such record would be one stack.
pub fn stack_keys(d: &Dump, sim: Similarity) -> Vec<u32> {
    let mut seen: Map<(Vec<FrameKey>, &[u64], bool), u32> = Map::default();
    d.stacks
        .iter()
        .map(|s| {
            let key: Vec<_> = s.frames.iter().map(|&f| frame_key(d, f, sim)).collect();
            let addresses = if key.is_empty() {
                &s.addresses[..]
            } else {
                &[]
            };
            let n = seen.len() as u32;
            *seen.entry((key, addresses, s.elided)).or_insert(n)
        })
        .collect()
}

/// Groups the goroutines of a dump, in order of first appearance.
pub fn group(d: &Dump, sim: Similarity) -> Vec<Group> {
    let stacks = stack_keys(d, sim);
    let mut index: Map<GroupKey, usize> = Map::default();
    let mut groups: Vec<Group> = Vec::new();
    for (i, g) in d.goroutines.iter().enumerate() {
        let key = (
            stacks[g.stack as usize],
            g.state,
            g.created_by.map(|f| frame_key(d, f, sim)),
            g.locked,
            g.labels,
        );
        let k = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                stack: g.stack,
                state: g.state,
                locked: g.locked,
                created_by: g.created_by,
                labels: g.labels,
                count: 0,
                wait_min: u32::MAX,
                wait_max: 0,
                members: Vec::new(),
            });
            groups.len() - 1
        });
        let grp = &mut groups[k];
        grp.count += u64::from(g.count);
        grp.members.push(i as u32);
        let w = g.wait_minutes.unwrap_or(0);
        grp.wait_min = grp.wait_min.min(w);
        grp.wait_max = grp.wait_max.max(w);
    }
    groups
}

/// A group's members, longest wait first (then by id): whoever has waited
/// longest is the first to read. Indices into `Dump::goroutines`.
pub fn members_by_wait(d: &Dump, g: &Group) -> Vec<u32> {
    let mut m = g.members.clone();
    m.sort_by_key(|&i| {
        let gr = &d.goroutines[i as usize];
        (std::cmp::Reverse(gr.wait_minutes.unwrap_or(0)), gr.id)
    });
    m
}

/// Whether a function belongs to the standard library or the runtime (the
/// TUI dims those frames so the program's own stand out).
pub fn is_std_function(function: &str) -> bool {
    super::std_pkgs::is_std(function)
}

/// The `n` goroutines of `members` that waited longest, longest first (then
/// by id). A screen shows a few dozen of a group that may hold a million:
/// selecting them is linear, sorting only what is shown.
pub fn longest_waits(d: &Dump, members: &[u32], n: usize) -> Vec<u32> {
    let key = |i: &u32| {
        let g = &d.goroutines[*i as usize];
        (std::cmp::Reverse(g.wait_minutes.unwrap_or(0)), g.id)
    };
    let mut m = members.to_vec();
    if n < m.len() {
        m.select_nth_unstable_by_key(n, key);
        m.truncate(n);
    }
    m.sort_by_key(key);
    m
}

/// A `?debug=1` profile's labels as printed (`{"role":"worker",
/// "tenant":"acme"}`), each `"key":"value"` pair as printed. Go quotes keys
/// and values (`%q`), so a `", "` whose quote is not escaped parts two pairs.
fn label_pairs(labels: &str) -> Vec<&str> {
    let inner = labels
        .trim()
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(labels);
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for (k, _) in inner.match_indices("\", \"") {
        let escapes = bytes[..k].iter().rev().take_while(|&&b| b == b'\\').count();
        if escapes % 2 == 0 {
            out.push(&inner[from..=k]);
            from = k + 3;
        }
    }
    if from < inner.len() {
        out.push(&inner[from..]);
    }
    out
}

/// The labels of `g` as its row in a narrow list shows them: the pairs the
/// other groups of its stack (by function) do not all share first, so that
/// a row cut short still tells two tenants' workers apart, then the rest.
/// As printed when no other group has its stack. None without labels.
pub fn telling_labels(d: &Dump, groups: &[Group], g: &Group) -> Option<String> {
    let printed = d.name(g.labels?);
    let functions = |x: &Group| -> Vec<u32> {
        d.stacks[x.stack as usize]
            .frames
            .iter()
            .map(|&f| d.frame(f).function)
            .collect()
    };
    let mine = functions(g);
    let others: Vec<Vec<&str>> = groups
        .iter()
        .filter(|o| !std::ptr::eq(*o, g) && o.labels != g.labels && functions(o) == mine)
        .map(|o| o.labels.map_or_else(Vec::new, |l| label_pairs(d.name(l))))
        .collect();
    if others.is_empty() {
        return Some(printed.to_string());
    }
    let pairs = label_pairs(printed);
    let (telling, shared): (Vec<&str>, Vec<&str>) = pairs
        .iter()
        .partition(|p| others.iter().any(|o| !o.contains(p)));
    Some(format!("{{{}}}", [telling, shared].concat().join(", ")))
}

#[cfg(test)]
mod label_tests {
    use super::label_pairs;

    #[test]
    fn label_pairs_part_at_unescaped_quotes_only() {
        assert_eq!(
            label_pairs(r#"{"role":"worker", "tenant":"acme"}"#),
            [r#""role":"worker""#, r#""tenant":"acme""#]
        );
        // A value holding `", "` is printed with its quotes escaped.
        assert_eq!(
            label_pairs(r#"{"q":"a\", \"b", "t":"x"}"#),
            [r#""q":"a\", \"b""#, r#""t":"x""#]
        );
        assert_eq!(label_pairs("{}"), Vec::<&str>::new());
    }
}
