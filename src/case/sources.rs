//! Loading a case file's sources again (for the report and anchored notes).

use super::model::SourceEntry;
use crate::index::Zone;
use crate::loader::{LoadEvent, load_in_order};
use crate::source::{LoadOptions, Source};

/// A case file source and what became of loading it.
#[derive(Debug)]
pub struct Loaded {
    pub entry: SourceEntry,
    /// The source, or why it could not be loaded (a file gone, stdin).
    pub source: Result<Source, String>,
}

/// Loads the entries (only the one named `only`, when given), in their order.
pub fn load(entries: &[SourceEntry], only: Option<&str>) -> Vec<Loaded> {
    let chosen: Vec<&SourceEntry> = entries
        .iter()
        .filter(|e| only.is_none_or(|n| e.name == n))
        .collect();
    let mut out: Vec<Loaded> = chosen
        .iter()
        .map(|e| Loaded {
            entry: (*e).clone(),
            source: Err("not loaded".into()),
        })
        .collect();
    let mut specs = Vec::new();
    let mut slot = Vec::new();
    for (k, e) in chosen.iter().enumerate() {
        match e.to_spec() {
            Ok(s) => {
                specs.push(s);
                slot.push(k);
            }
            Err(why) => out[k].source = Err(why),
        }
    }
    // Zones are per source in a case file; `local` is the fallback for those without.
    let opts = LoadOptions {
        zone: Zone::Local,
        ..LoadOptions::default()
    };
    load_in_order(specs, opts, |ev| match ev {
        LoadEvent::Done { id, source } => out[slot[id]].source = Ok(*source),
        LoadEvent::Failed { id, error, .. } => out[slot[id]].source = Err(error.to_string()),
        _ => {}
    });
    date_dumps(&mut out);
    out
}

/// Places each goroutine dump in time as the screen does (`goroutine::when`),
/// with the time the case file kept for it (`--set NAME.time=`).
fn date_dumps(out: &mut [Loaded]) {
    use crate::goroutine::when::{self, Placement};
    let (placed, ids) = {
        let (refs, ids): (Vec<&Source>, Vec<usize>) = out
            .iter()
            .enumerate()
            .filter_map(|(k, l)| l.source.as_ref().ok().map(|s| (s, k)))
            .unzip();
        let set: Vec<_> = ids.iter().map(|&k| out[k].entry.time).collect();
        (when::placements(&refs, &set), ids)
    };
    for (k, placement) in placed {
        if let (Placement::At(t), Ok(s)) = (placement, &mut out[ids[k]].source) {
            when::date(s, t);
        }
    }
}
