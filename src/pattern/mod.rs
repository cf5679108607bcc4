//! Patterns: every record reduced to a template (`mask`), grouped online
//! (`miner`), per source, with counts and first and last time per template.

pub mod json_line;
pub mod mask;
pub mod miner;
pub mod occurrences;

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
    let (mut reader, mut text) = (json_line::JsonReader::default(), Vec::new());
    let mut ids = Vec::with_capacity(range.len());
    let mut span: Vec<(Option<Nanos>, Option<Nanos>)> = Vec::new();
    for i in range {
        let line = src.first_line(i);
        let id = if json && reader.read(line, &mut text) {
            miner.add(&text)
        } else {
            miner.add(mask::message(line))
        };
        ids.push(id);
        if id as usize >= span.len() {
            span.resize(id as usize + 1, (None, None));
        }
        if let Some(t) = src.time(i) {
            widen(&mut span[id as usize], (Some(t), Some(t)));
        }
    }
    Chunk {
        ids,
        templates: miner.templates,
        span,
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
    let n = src.index.len();
    let ranges: Vec<_> = (0..n)
        .step_by(CHUNK_RECORDS)
        .map(|a| a..(a + CHUNK_RECORDS).min(n))
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
                m.set_tokens(&t.tokens);
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
