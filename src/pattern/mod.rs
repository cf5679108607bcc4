//! Patterns: every record reduced to a template (`mask`), grouped online
//! (`miner`), per source, with counts and first and last time per template.

pub mod json_line;
pub mod mask;
pub mod miner;
pub mod occurrences;

use std::collections::HashMap;

use rayon::prelude::*;

pub use miner::{Miner, Template};

use crate::format::Format;
use crate::source::Source;
use crate::time::Nanos;

/// One source's templates and the template of each record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcePatterns {
    /// Template id (index into `templates`) of each record.
    pub ids: Vec<u32>,
    pub templates: Vec<Found>,
}

/// A template with where it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub text: String,
    pub count: u64,
    pub first: Option<Nanos>,
    pub last: Option<Nanos>,
}

/// Records mined by one miner before chunks are merged: sources up to this
/// size are mined strictly in file order.
pub const CHUNK_RECORDS: usize = 1 << 16;

/// One chunk's result: record ids local to its miner, templates, times.
struct Chunk {
    ids: Vec<u32>,
    templates: Vec<Template>,
    span: Vec<(Option<Nanos>, Option<Nanos>)>,
}

fn mine_chunk(src: &Source, range: std::ops::Range<usize>) -> Chunk {
    let mut miner = Miner::new();
    let json = matches!(src.detection.format, Format::Json(_));
    let (mut reader, mut masked) = (json_line::JsonReader::default(), mask::Masked::default());
    let mut seen = Some(SeenMessages::default());
    // A JSON line is first looked up by its key (`json_line::KeyedLines`).
    let mut keyed = json.then(json_line::KeyedLines::default);
    let mut ids = Vec::with_capacity(range.len());
    // Each template's (earliest, latest) time; `NO_SPAN` until it has one.
    let mut span: Vec<(Nanos, Nanos)> = Vec::new();
    for (line, time) in src.first_lines(range) {
        // A JSON line is masked as it is scanned, unless its key was seen. Its
        // fields (request ids, latencies) differ from line to line, so it is
        // not looked up among the messages seen.
        let key_hit = keyed.as_mut().and_then(|k| k.get(line));
        let id = if let Some(id) = key_hit {
            miner.seen_again(id);
            id
        } else if json && reader.mask(line, &mut masked) {
            let id = miner.add_masked(&masked, 1);
            if let Some(k) = &mut keyed {
                k.insert(&masked, id);
            }
            id
        } else {
            let msg = mask::message(line);
            match &mut seen {
                Some(seen) => match seen.get(msg) {
                    Some(id) => {
                        miner.seen_again(id);
                        id
                    }
                    None => {
                        mask::mask_into(msg, &mut masked);
                        let id = miner.add_masked(&masked, 1);
                        seen.insert(msg, &masked, id);
                        id
                    }
                },
                None => miner.add(msg),
            }
        };
        ids.push(id);
        // Where few messages repeat word for word, remembering them costs more
        // than it saves: the chunk goes on without.
        if ids.len() == SeenMessages::TRIAL && seen.as_ref().is_some_and(|s| !s.pays()) {
            seen = None;
        }
        if ids.len() == json_line::KeyedLines::TRIAL && keyed.as_ref().is_some_and(|k| !k.pays()) {
            keyed = None;
        }
        if id as usize >= span.len() {
            span.resize(id as usize + 1, NO_SPAN);
        }
        if let Some(t) = time {
            let s = &mut span[id as usize];
            *s = (s.0.min(t), s.1.max(t));
        }
    }
    Chunk {
        ids,
        templates: miner.templates,
        span: span
            .into_iter()
            .map(|(a, b)| {
                if a <= b {
                    (Some(a), Some(b))
                } else {
                    (None, None)
                }
            })
            .collect(),
    }
}

/// No time seen: any time is below the first and above the second.
const NO_SPAN: (Nanos, Nanos) = (Nanos::MAX, Nanos::MIN);

/// The messages one chunk's miner has seen, with their template: a message
/// seen before joins the same template, so it skips masking. Logs repeat many
/// messages word for word (of Loghub's 2,000-line samples, Android has 438
/// distinct messages and Thunderbird 339), and many more that differ only in
/// their numbers (`took 12ms` / `took 7ms`; nine in ten records of a 64 Ki
/// chunk of the generated app log). So a message is looked up by its bytes
/// first (cheap, and what repeats word for word ends there), then by its digit
/// key (`mask::digit_key`). Every message masked is remembered by its bytes,
/// and also by its digit key when its masked text holds no digit: then every
/// message with that key masks the same (one whose masked text holds a digit,
/// `v22x-<*>`, does not).
#[derive(Default)]
struct SeenMessages {
    /// Hash of a message or of a digit key → the remembered bytes
    /// (`start..end` in `bytes`), template id, and whether every message
    /// with these bytes as digit key masks the same (its masked text holds no
    /// digit). A message equal to a remembered digit key has that key as its
    /// own (a key is its own key), so one table holds both.
    ids: HashMap<u64, (usize, usize, u32, bool), miner::Prehashed>,
    bytes: Vec<u8>,
    /// The message last looked up: its hash, and its digit key's (`None`
    /// when it holds no digit, so that the key is the message).
    hash: u64,
    key_hash: Option<u64>,
    key: Vec<u8>,
    looks: usize,
    hits: usize,
}

impl SeenMessages {
    /// Records after which a chunk checks that repeats are common enough.
    const TRIAL: usize = 4096;

    fn get(&mut self, msg: &[u8]) -> Option<u32> {
        self.looks += 1;
        self.hash = miner::hash(msg);
        self.key_hash = None;
        if let Some(id) = self.find(self.hash, msg, false) {
            return Some(id);
        }
        if !msg.iter().any(u8::is_ascii_digit) {
            return None;
        }
        mask::digit_key::digit_key(msg, &mut self.key);
        let h = miner::hash(&self.key);
        self.key_hash = Some(h);
        let key = std::mem::take(&mut self.key);
        let found = self.find(h, &key, true);
        self.key = key;
        found
    }

    /// The template of `bytes` (hashed `h`); `as_key`: they are a digit key,
    /// which only a message masked without digits answers for.
    fn find(&mut self, h: u64, bytes: &[u8], as_key: bool) -> Option<u32> {
        let &(a, b, id, keyed) = self.ids.get(&h)?;
        let hit = (keyed || !as_key) && self.bytes[a..b] == *bytes;
        self.hits += usize::from(hit);
        hit.then_some(id)
    }

    /// At least one lookup in four found its message: a lookup (the digit
    /// key and its hash) costs about a quarter of masking and adding one.
    fn pays(&self) -> bool {
        self.hits * 4 >= self.looks
    }

    /// Remembers `msg`, just looked up and missed, masked as `masked` (under
    /// a hash another message or key already has, that one stays).
    fn insert(&mut self, msg: &[u8], masked: &mask::Masked, id: u32) {
        let keyed = !masked.text.iter().any(u8::is_ascii_digit);
        self.remember(self.hash, msg, id, keyed);
        if let Some(h) = self.key_hash
            && keyed
        {
            let key = std::mem::take(&mut self.key);
            self.remember(h, &key, id, true);
            self.key = key;
        }
    }

    fn remember(&mut self, h: u64, bytes: &[u8], id: u32, keyed: bool) {
        let a = self.bytes.len();
        if let std::collections::hash_map::Entry::Vacant(v) = self.ids.entry(h) {
            self.bytes.extend_from_slice(bytes);
            v.insert((a, self.bytes.len(), id, keyed));
        }
    }
}

fn widen(a: &mut (Option<Nanos>, Option<Nanos>), b: (Option<Nanos>, Option<Nanos>)) {
    a.0 = match (a.0, b.0) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    a.1 = match (a.1, b.1) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
}

/// Mines one source's templates. Chunks of `CHUNK_RECORDS` are mined in
/// parallel, then their templates are folded, in file order, into one miner as
/// if each were a line seen `count` times.
pub fn mine_source(src: &Source) -> SourcePatterns {
    mine_in_chunks(src, CHUNK_RECORDS)
}

/// `mine_source` with `chunk` records a chunk (benchmarks compare sizes).
pub fn mine_in_chunks(src: &Source, chunk: usize) -> SourcePatterns {
    let n = src.index.len();
    let ranges: Vec<_> = (0..n)
        .step_by(chunk.max(1))
        .map(|a| a..(a + chunk).min(n))
        .collect();
    let chunks: Vec<Chunk> = ranges.into_par_iter().map(|r| mine_chunk(src, r)).collect();
    if chunks.len() <= 1 {
        let c = chunks.into_iter().next().unwrap_or(Chunk {
            ids: vec![],
            templates: vec![],
            span: vec![],
        });
        let templates = found(&c.templates, c.span);
        return SourcePatterns {
            ids: c.ids,
            templates,
        };
    }
    let mut global = Miner::new();
    let mut span: Vec<(Option<Nanos>, Option<Nanos>)> = Vec::new();
    let mut ids = Vec::with_capacity(n);
    let mut m = mask::Masked::default();
    for c in chunks {
        let map: Vec<u32> = c
            .templates
            .iter()
            .zip(&c.span)
            .map(|(t, sp)| {
                t.masked_into(&mut m);
                let g = global.add_masked(&m, t.count);
                if g as usize >= span.len() {
                    span.resize(g as usize + 1, (None, None));
                }
                widen(&mut span[g as usize], *sp);
                g
            })
            .collect();
        ids.extend(c.ids.iter().map(|&l| map[l as usize]));
    }
    SourcePatterns {
        ids,
        templates: found(&global.templates, span),
    }
}

fn found(t: &[Template], span: Vec<(Option<Nanos>, Option<Nanos>)>) -> Vec<Found> {
    t.iter()
        .zip(span)
        .map(|(t, (first, last))| Found {
            text: t.text(),
            count: t.count,
            first,
            last,
        })
        .collect()
}

/// Mines every source, one per core.
pub fn mine_all(sources: &[&Source]) -> Vec<SourcePatterns> {
    sources.par_iter().map(|s| mine_source(s)).collect()
}

/// Global pattern ids: source `k`'s template `t` is `base[k] + t + 1`.
pub fn id_bases(p: &[SourcePatterns]) -> Vec<usize> {
    let mut base = 0;
    p.iter()
        .map(|s| {
            let b = base;
            base += s.templates.len();
            b
        })
        .collect()
}

#[cfg(test)]
mod tests;
