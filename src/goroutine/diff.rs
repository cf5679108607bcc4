//! Two dumps of one program: groups matched by their stack, state, creator
//! and labels, and what grew and shrank between them (a leak grows).

use std::collections::HashMap;

use super::{Dump, Group, Similarity};

/// One group as compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub state: String,
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

/// A key that survives between dumps: names, not interned ids.
fn key(d: &Dump, g: &Group, sim: Similarity) -> String {
    let labels = g.labels.map_or("", |l| d.name(l));
    let mut k = format!("{}|{}|{labels}", d.name(g.state), g.locked);
    let frames = d.stacks[g.stack as usize].frames.iter();
    for &f in frames.chain(g.created_by.iter()) {
        let fr = d.frame(f);
        match sim {
            Similarity::Exact => k.push_str(&format!(
                "|{} {}:{}",
                d.name(fr.function),
                d.name(fr.file),
                fr.line
            )),
            Similarity::Similar => k.push_str(&format!("|{}", d.name(fr.function))),
        }
    }
    k
}

fn change(d: &Dump, g: &Group, before: u64, after: u64) -> Change {
    let frames = &d.stacks[g.stack as usize].frames;
    Change {
        state: d.name(g.state).to_string(),
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
    let before: HashMap<String, usize> = old_groups
        .iter()
        .enumerate()
        .map(|(i, g)| (key(old, g, sim), i))
        .collect();
    let mut out = Diff {
        total_before: old.total(),
        total_after: new.total(),
        ..Default::default()
    };
    let mut matched = vec![false; old_groups.len()];
    for g in new_groups {
        match before.get(&key(new, g, sim)) {
            Some(&i) => {
                matched[i] = true;
                let b = old_groups[i].count;
                let c = change(new, g, b, g.count);
                if g.count > b {
                    out.grown.push(c);
                } else if g.count < b {
                    out.shrunk.push(c);
                }
            }
            None => out.new.push(change(new, g, 0, g.count)),
        }
    }
    for (i, g) in old_groups.iter().enumerate() {
        if !matched[i] {
            out.gone.push(change(old, g, g.count, 0));
        }
    }
    out.grown.sort_by_key(|c| std::cmp::Reverse(c.delta()));
    out.shrunk.sort_by_key(Change::delta);
    out.new.sort_by_key(|c| std::cmp::Reverse(c.after));
    out.gone.sort_by_key(|c| std::cmp::Reverse(c.before));
    out
}
