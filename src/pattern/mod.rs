//! Patterns: every record reduced to a template (`mask`), grouped online
//! (`miner`), per source, with counts and first and last time per template.

#[cfg(target_arch = "x86_64")]
mod aes_hash;
mod cache;
pub mod json_line;
pub mod mask;
pub mod miner;
pub mod occurrences;
mod slots;
mod texts;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

pub use miner::{Miner, Template};

use cache::MaskedCache;
use texts::ChunkTexts;

use crate::format::json::Flavor;
use crate::format::{Format, json_text};
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

/// Records a worker reduces to masked texts at a time (mining's first phase,
/// `texts`), at least; the second phase takes each chunk's texts in file order.
pub const CHUNK_RECORDS: usize = 1 << 16;

/// How many times `min` records a guided chunk holds at most.
const GROWTH: usize = 16;

/// Chunks of `n` records for `workers` threads, in file order, each at least
/// `min` records: up to `GROWTH * min` while many are left, then smaller, so
/// that the workers finish together. A chunk pays once for each distinct
/// masked text it meets (its own list, then the fold), and a JSON log's texts
/// are many: 15.6 k in each 64 Ki records of the nested log, 34 k in each 256
/// Ki, so bigger chunks meet the same texts fewer times (docs/BENCHMARKS.md:
/// up to 1 Mi records, not 256 Ki, mined the nested log 6% faster); near the
/// end, a worker left alone with a big chunk would leave the other cores idle.
fn guided_ranges(n: usize, workers: usize, min: usize) -> Vec<std::ops::Range<usize>> {
    let min = min.max(1);
    let mut ranges = Vec::new();
    let mut a = 0;
    while a < n {
        let left = n - a;
        let size = (left / (2 * workers.max(1)))
            .clamp(min, GROWTH * min)
            .min(left);
        ranges.push(a..a + size);
        a += size;
    }
    ranges
}

/// Reduces records `range` to their masked texts, by key where a key was met
/// before (in this chunk or, through the worker's `MaskedCache`, an earlier one).
fn mask_chunk(src: &Source, range: std::ops::Range<usize>, cache: &mut MaskedCache) -> ChunkTexts {
    let json = mined_as_json(&src.detection.format);
    let (mut reader, mut masked) = (json_line::JsonReader::default(), mask::Masked::default());
    cache.start_chunk(range.start);
    let (mut looks, mut hits) = (0, 0);
    // A journal entry's key would be its lines': its text is read whole (and
    // so is a `-o json` line's, read through serde_json).
    let mut keys = (src.detection.format.entries().is_none()
        && !is_journal_json(&src.detection.format))
    .then(TextKeys::default);
    // A JSON line is first looked up by its key (`json_line::JsonKeys`).
    let mut keyed = json.then(json_line::JsonKeys::default);
    // A message written anew (`message_of`), when keys do not pay.
    let mut message = Vec::new();
    let mut texts = ChunkTexts::with_capacity(range.len());
    // Each record is keyed two records ahead of its look-up and its slot
    // prefetched, and its entry a record ahead: the look-up then finds both
    // in the CPU's cache.
    let ahead = |(line, time),
                 keyed: &mut Option<json_line::JsonKeys>,
                 keys: &mut Option<TextKeys>,
                 cache: &MaskedCache| {
        let key = if let Some(k) = keyed {
            Key::Json(k.hashes(line))
        } else if let Some(k) = keys {
            let (h, check) = k.hasher.hashes(line);
            Key::Line(h, check)
        } else {
            Key::None
        };
        if let Some(h) = key.hash() {
            cache.prefetch(h);
        }
        (line, time, key)
    };
    let mut lines = src.first_lines(range);
    let mut next = lines.next().map(|r| ahead(r, &mut keyed, &mut keys, cache));
    let mut after = lines.next().map(|r| ahead(r, &mut keyed, &mut keys, cache));
    while let Some((line, time, key)) = next {
        next = after;
        after = lines.next().map(|r| ahead(r, &mut keyed, &mut keys, cache));
        // The next record's slot was asked for a record ago: its entry's
        // count is asked for now.
        if let Some(h) = next.and_then(|(_, _, k)| k.hash()) {
            cache.prefetch_entry(h);
        }
        // A JSON line is masked as it is scanned, unless its key was seen. Its
        // fields (request ids, latencies) differ from line to line, so it is
        // not looked up among the text keys.
        let hashes = match (key, &keyed) {
            (Key::Json(h), Some(_)) => h,
            _ => None,
        };
        let key_hit = hashes.and_then(|(h, second)| {
            cache
                .get(h)
                .filter(|f| f.kind == JSON_KEY && f.check == cache::check_of(second))
        });
        let id = if let (Some(f), Some(k)) = (key_hit, &mut keyed) {
            k.hits += 1;
            cache.hit(f.entry, time, &mut texts);
            None
        } else if json && reader.mask(line, &mut masked) {
            if masked.text.is_empty() {
                blank_json_text(&mut masked);
            }
            let id = texts.of_masked(&masked);
            if let Some((h, second)) = hashes
                && json_line::key_stands_for(&masked)
                && let Some(e) = cache.add(&masked, texts.hash(id), id)
            {
                cache.bind(h, second, JSON_KEY, e);
            }
            Some(id)
        } else if let Some(k) = &mut keys {
            let id = k.text(
                &src.detection.format,
                line,
                key,
                cache,
                &mut texts,
                &mut masked,
            );
            // Where few lines repeat, even up to their numbers, looking them
            // up costs more than it saves: the chunk goes on without.
            if k.looks == TextKeys::TRIAL && !k.pays() {
                (looks, hits) = (k.looks, k.hits);
                keys = None;
            }
            Some(id)
        } else {
            mask::mask_into(
                message_of(&src.detection.format, line, &mut message),
                &mut masked,
            );
            Some(texts.of_masked(&masked))
        };
        if let Some(id) = id {
            texts.record(id, time);
        }
        if texts.ids.len() == json_line::JsonKeys::TRIAL
            && keyed.as_ref().is_some_and(|k| !k.pays())
        {
            keyed = None;
        }
    }
    if let Some(k) = keys {
        (looks, hits) = (k.looks, k.hits);
    }
    // A JSON chunk's look-ups are by JSON key (its lines not read as JSON by
    // text keys, seldom).
    if let Some(k) = &keyed {
        (looks, hits) = (looks + k.looks, hits + k.hits);
    }
    cache.end_chunk(looks, hits, &mut texts);
    texts
}

/// A record's key, computed two records ahead of its look-up.
#[derive(Clone, Copy)]
enum Key {
    /// `json_line::JsonKeys::hashes`.
    Json(Option<(u64, u64)>),
    /// The line key's two hashes (`mask::line_key::KeyHasher`).
    Line(u64, u64),
    None,
}

impl Key {
    fn hash(self) -> Option<u64> {
        match self {
            Key::Json(h) => h.map(|h| h.0),
            Key::Line(h, _) => Some(h),
            Key::None => None,
        }
    }
}

/// A text line's masked text without masking it when a line like it was masked
/// before (in this chunk or, through the worker's `MaskedCache`, an earlier
/// one). Looked up, in turn, by:
/// - its line key (`mask::line_key`: every digit as `0` in place), which skips
///   `mask::message` too. Most lines of a log repeat up to their numbers (more
///   than half of a 64 Ki chunk of the generated app log, 86% after twenty
///   chunks), and Loghub's lines word for word.
/// - its message's digit key (`mask::digit_key`: each run of digits as one
///   `0`): messages that differ in their numbers' lengths (`took 12ms` /
///   `took 7ms`) or in the header (a thread's name) share it.
///
/// A key stands for every line or message with that key only when the masked
/// text holds no digit: then every one masks the same (the keys'
/// guarantees). A line whose masked text holds a digit (`v22x-<*>`) is filed
/// under its line key's hash with its own bytes' second hash, which must then match.
#[derive(Default)]
struct TextKeys {
    hasher: mask::line_key::KeyHasher,
    /// A message's digit key.
    key: Vec<u8>,
    /// A message written anew (`message_of`).
    text: Vec<u8>,
    looks: usize,
    hits: usize,
}

/// Kinds of keys in the cache (`cache::Found::kind`).
const LINE_KEY: u8 = 0;
/// A line's own bytes, filed under its line key's hash.
const LINE_EXACT: u8 = 1;
const DIGIT_KEY: u8 = 2;
/// A JSON line's key (`json_line::JsonKeys`).
const JSON_KEY: u8 = 3;

impl TextKeys {
    /// Lines after which a chunk checks that repeats are common enough.
    const TRIAL: usize = 4096;

    /// At least one lookup in four found its line: a lookup (keys and hashes)
    /// costs about a quarter of masking one.
    fn pays(&self) -> bool {
        self.hits * 4 >= self.looks
    }

    /// `line`'s text; `key` is its line key's hashes, if it was keyed.
    /// `format` is the source's (`message_of`).
    fn text(
        &mut self,
        format: &Format,
        line: &[u8],
        key: Key,
        cache: &mut MaskedCache,
        texts: &mut ChunkTexts,
        masked: &mut mask::Masked,
    ) -> u32 {
        self.looks += 1;
        let (lh, lcheck) = match key {
            Key::Line(h, check) => (h, cache::check_of(check)),
            _ => {
                let (h, check) = self.hasher.hashes(line);
                (h, cache::check_of(check))
            }
        };
        if let Some(f) = cache.get(lh)
            && match f.kind {
                LINE_KEY => f.check == lcheck,
                LINE_EXACT => f.check == cache::check(line),
                _ => false,
            }
        {
            let e = f.entry;
            self.hits += 1;
            return cache.text(e, texts);
        }
        let msg = message_of(format, line, &mut self.text);
        // A message without a digit is its own digit key.
        let key: &[u8] = if msg.iter().any(u8::is_ascii_digit) {
            mask::digit_key::digit_key(msg, &mut self.key);
            &self.key
        } else {
            msg
        };
        let kh = miner::hash(key);
        if let Some(f) = cache.get(kh)
            && f.kind == DIGIT_KEY
            && f.check == cache::check(key)
        {
            let e = f.entry;
            self.hits += 1;
            cache.bind(lh, lcheck, LINE_KEY, e);
            return cache.text(e, texts);
        }
        mask::mask_into(msg, masked);
        let id = texts.of_masked(masked);
        if let Some(e) = cache.add(masked, texts.hash(id), id) {
            if masked.text.iter().any(u8::is_ascii_digit) {
                cache.bind(lh, cache::check(line), LINE_EXACT, e);
            } else {
                cache.bind(kh, cache::check(key), DIGIT_KEY, e);
                cache.bind(lh, lcheck, LINE_KEY, e);
            }
        }
        id
    }
}

/// A text record's message, for masking: `mask::message`, which skips the
/// header, a level word and a logger's name after it (`INFO
/// dfs.DataNode$PacketResponder: …`, `D WindowManager: …`). supervisord writes
/// no name after its level, and its messages often start with a word and a
/// colon (`INFO spawned: 'web' with pid 7`, `success:`, `exited:`), which
/// that rule took for a name: its message starts after the level word its
/// parser reads (`Format::header`). A logfmt line reads as its message then
/// its fields (`logfmt::mining_text`, written into `buf`): its `msg="…"` is
/// the message, not a quoted value to mask; so is a klog record's quoted
/// message (`golog::klog_mining_text`). A syslog line's tag without a pid
/// (`vm rsyslogd: msg`) is header as one with a pid is
/// (`mask::syslog_message`), and so in journalctl's `-o short-full`, read
/// as ISO 8601 (`starts_with_weekday`). Each split depends on no digit's
/// value, so the line keys' guarantees hold.
///
/// A line with escape sequences (a colored log) is read without them, as the
/// panes show it: its message is written into `buf`. Where a sequence ends
/// depends on no digit (a CSI's parameters are digits, its final byte is
/// not), so the keys, taken on the line as written, keep their guarantees.
///
/// A line that is all header (a Laravel error's closing `"}`, read as
/// punctuation) is its own message, and a blank one (a record's first line,
/// at the start of a log) is `BLANK`: a template is never empty. So is a
/// dated line that ends at its header (`mask::is_dated_header`): at its
/// stamp (Go's `log.Println()`), its level (`… INFO`), a syslog tag (`vm
/// sshd[123]:`), a logger's name or separator (ZooKeeper's banner `…
/// [main:ZookeeperBanner@42] -`): its message is blank, not its header.
pub(crate) fn message_of<'a>(format: &Format, line: &'a [u8], buf: &'a mut Vec<u8>) -> &'a [u8] {
    if memchr::memchr(0x1b, line).is_some() {
        let mut clean = Vec::with_capacity(line.len());
        crate::ansi::strip_into(line, &mut clean);
        let mut written = Vec::new();
        let msg = message_of_clean(format, &clean, &mut written);
        *buf = if msg.is_empty() {
            whole_line(&clean)
        } else {
            msg
        }
        .to_vec();
        return buf;
    }
    let msg = message_of_clean(format, line, buf);
    if msg.is_empty() {
        return whole_line(line);
    }
    msg
}

/// What a blank record's first line is mined as, so that its template shows
/// where templates are listed.
pub(crate) const BLANK: &[u8] = b"<blank>";

/// A line without a message, as its own: trimmed, or `BLANK` when it is
/// blank or a dated record that is all header (`mask::is_dated_header`).
#[cold]
fn whole_line(line: &[u8]) -> &[u8] {
    match line.trim_ascii() {
        b"" => BLANK,
        t if mask::is_dated_header(t) => BLANK,
        t => t,
    }
}

/// A JSON line's text when it is empty (no message, or an empty one, and no
/// other field): `BLANK`, as a text line without a message.
#[cold]
fn blank_json_text(masked: &mut mask::Masked) {
    masked.text.extend_from_slice(BLANK);
    masked.tokens.push((0, BLANK.len() as u32));
}

/// `message_of` for a line without escape sequences. Inlined: called (no
/// longer a tail call once its result is checked) it cost 1.1 M of the text
/// log's 168 M mining instructions (docs/BENCHMARKS.md).
#[inline(always)]
fn message_of_clean<'a>(format: &Format, line: &'a [u8], buf: &'a mut Vec<u8>) -> &'a [u8] {
    match format {
        // A journal entry, as its JSON line reads (`json_text::journald`,
        // `identifier[pid]: message`), mined as its `-o short` line is: the
        // tag and what the program wrote before its message (Go's or
        // redis's own stamp) are header.
        Format::JournalVerbose | Format::JournalExport => {
            *buf = crate::format::shown::first_line_bytes(format, line, true, None).into_owned();
            mask::syslog_message(buf)
        }
        Format::Json(j) if j.flavor == Flavor::Journal => match json_text::readable(line) {
            Some(text) => {
                *buf = text.into_bytes();
                mask::syslog_message(buf)
            }
            None => mask::message(line),
        },
        Format::Supervisord => match format.header(line).and_then(|h| h.level) {
            Some(level) => line[level.end..].trim_ascii_start(),
            None => mask::message(line),
        },
        Format::Logfmt if crate::format::logfmt::mining_text(line, buf) => buf,
        Format::Klog if crate::format::golog::klog_mining_text(mask::message(line), buf) => buf,
        Format::Syslog3164
        | Format::Syslog3339
        | Format::JournalShortIso
        | Format::JournalMonotonic
        | Format::JournalUnix => mask::syslog_message(line),
        Format::Iso8601 if starts_with_weekday(line) => mask::syslog_message(line),
        // A file's or pod's name before the stamp is no message: what
        // follows it is mined as the line would be without it.
        Format::Prefixed(inner) => message_behind_token(inner, line, buf),
        // The request from its method on: the counters, address and
        // variables' sizes before the stamp are no message.
        Format::Uwsgi => mask::message(crate::format::uwsgi::message(line)),
        // The message and fields after `INFO[0000]`.
        Format::LogrusTty => mask::message(crate::format::logrus::message(line)),
        _ => mask::message(line),
    }
}

/// `message_of_clean` of what follows a `grep -H` or `kubectl --prefix`
/// token, read as `inner` reads it: the token is not recursed into.
#[inline(never)]
fn message_behind_token<'a>(inner: &Format, line: &'a [u8], buf: &'a mut Vec<u8>) -> &'a [u8] {
    message_of_clean(
        inner,
        crate::format::prefixed::behind_in(inner, line).unwrap_or(line),
        buf,
    )
}

/// Is a source of this format mined through `json_line` (its lines' readable
/// text, `message  key=value …`)? A JSON log's, but `journalctl -o json`'s: its
/// entries are mined by `message_of` as `-o verbose`'s and `-o export`'s are.
pub(crate) fn mined_as_json(format: &Format) -> bool {
    matches!(format, Format::Json(_)) && !is_journal_json(format)
}

/// Is this `journalctl -o json` (or `-o json-seq`)?
fn is_journal_json(format: &Format) -> bool {
    matches!(format, Format::Json(j) if j.flavor == Flavor::Journal)
}

/// Does `line` start with a weekday's name and a space (journalctl's `-o
/// short-full`, `Mon 2026-11-23 15:08:38 CET vm tag: msg`, read as ISO
/// 8601)? Its host and tag are then a syslog line's. Most ISO 8601 lines
/// start with a digit: the first byte says so.
fn starts_with_weekday(line: &[u8]) -> bool {
    line.len() > 4
        && line[0].is_ascii_uppercase()
        && line[3] == b' '
        && matches!(
            &line[..3],
            b"Mon" | b"Tue" | b"Wed" | b"Thu" | b"Fri" | b"Sat" | b"Sun"
        )
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

/// Mines one source's templates: chunks of records (`guided_ranges`) are
/// reduced to their masked texts on every core (`mask_chunk`), then one miner
/// takes each chunk's distinct texts in file order, each with its count: the
/// same templates, counts and record ids as one miner taking every record in
/// turn (a text the miner met before maps to its template by the miner's
/// exact table, so only first meetings, and their order, shape the templates).
pub fn mine_source(src: &Source) -> SourcePatterns {
    mine_source_counting(src, &AtomicUsize::new(0))
}

/// `mine_source`, adding to `folded` the records mined as each chunk is
/// folded (in file order), so a screen can say how far mining got.
pub fn mine_source_counting(src: &Source, folded: &AtomicUsize) -> SourcePatterns {
    mine_resumable(src, None, folded).0
}

/// What mining a source's records leaves besides its templates: the miner
/// and each template's span as they were before its last record, from which
/// the records appended to the source since (a log being written, read on
/// by `source::extend`) are mined as if with the others (`mine_resumable`).
/// Before the last: a read on may read that record again, grown (a line
/// its writer had not ended, a trace still being written), and the miner
/// must not have met it as it was.
#[derive(Debug, Clone, Default)]
pub struct Resumable {
    miner: Miner,
    span: Vec<(Option<Nanos>, Option<Nanos>)>,
    /// The records the miner took: all but the last (none of none).
    records: usize,
}

impl Resumable {
    /// How many of the source's first records this state mined: a source
    /// read on is mined on from it when these records are kept as they were.
    pub fn records(&self) -> usize {
        self.records
    }
}

/// `mine_source_counting`, and what mining more records of the source later
/// starts from. With `before` (what mining the source's records gave, and
/// its state; the source's first `before.1.records()` records unchanged
/// since), only the records after those are mined: the result is the whole
/// source's.
pub fn mine_resumable(
    src: &Source,
    before: Option<(&SourcePatterns, &Resumable)>,
    folded: &AtomicUsize,
) -> (SourcePatterns, Resumable) {
    let workers = rayon::current_num_threads();
    let from = before.map_or(0, |(_, r)| r.records).min(src.index.len());
    folded.fetch_add(from, Ordering::Relaxed);
    let ranges = guided_ranges(src.index.len() - from, workers, CHUNK_RECORDS)
        .into_iter()
        .map(|r| r.start + from..r.end + from)
        .collect();
    mine_with(src, ranges, cache::limits, folded, before)
}

/// `mine_source` with `chunk` records a chunk (the result does not depend on it).
pub fn mine_in_chunks(src: &Source, chunk: usize) -> SourcePatterns {
    let n = src.index.len();
    let chunk = chunk.max(1);
    let ranges = (0..n)
        .step_by(chunk)
        .map(|a| a..(a + chunk).min(n))
        .collect();
    mine_with(src, ranges, cache::limits, &AtomicUsize::new(0), None).0
}

/// Mines `src` in chunks `ranges` (in file order, covering every record
/// after those `before` mined), each worker's cache bounded by
/// `limits(workers)`.
///
/// Each worker takes the next chunk in file order, with a cache of its own (a
/// chunk learns from the chunks its worker mined before); the fold takes each
/// chunk as soon as the chunks before it are folded, on a thread of its own, so
/// it runs beside the masking and only the last chunk's fold is left at the end.
fn mine_with(
    src: &Source,
    ranges: Vec<std::ops::Range<usize>>,
    limits: impl Fn(usize) -> cache::Limits + Sync,
    folded: &AtomicUsize,
    before: Option<(&SourcePatterns, &Resumable)>,
) -> (SourcePatterns, Resumable) {
    let n = src.index.len();
    let ranges = last_apart(ranges, n);
    let workers = rayon::current_num_threads().clamp(1, ranges.len().max(1));
    let limits = limits(workers);
    let mut ids = Vec::with_capacity(n);
    let (miner, span, from) = match before {
        Some((p, r)) => {
            ids.extend_from_slice(&p.ids[..r.records]);
            (r.miner.clone(), r.span.clone(), r.records)
        }
        None => (Miner::new(), Vec::new(), 0),
    };
    let mut fold = Fold {
        miner,
        span,
        ids,
        m: mask::Masked::default(),
        folded,
        // The last record is a chunk of its own: the state before it is kept.
        chunks: 0,
        keep_before: ranges.len().checked_sub(1).filter(|_| n > from),
        kept: None,
    };
    if workers == 1 {
        // One core: each chunk folded as soon as it is masked.
        let mut cache = MaskedCache::new(limits);
        for r in ranges {
            fold.chunk(mask_chunk(src, r, &mut cache));
        }
    } else {
        let next = AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<(usize, ChunkTexts)>();
        std::thread::scope(|s| {
            let folding = s.spawn(|| {
                // Chunks come in about the order they were taken: those ahead
                // of the next to fold wait here (a few, one a worker).
                let mut waiting = std::collections::BTreeMap::new();
                let mut at = 0;
                for (k, c) in rx {
                    waiting.insert(k, c);
                    while let Some(c) = waiting.remove(&at) {
                        fold.chunk(c);
                        at += 1;
                    }
                }
            });
            (0..workers).into_par_iter().for_each_with(tx, |tx, _| {
                let mut cache = MaskedCache::new(limits);
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(r) = ranges.get(k) else { break };
                    // The fold only stops early if it panicked, which the
                    // scope reports.
                    let _ = tx.send((k, mask_chunk(src, r.clone(), &mut cache)));
                }
            });
            folding.join().expect("the fold thread");
        });
    }
    let Fold {
        miner,
        span,
        ids,
        kept,
        ..
    } = fold;
    let patterns = SourcePatterns {
        ids,
        templates: found(&miner.templates, &span),
    };
    let state = match kept {
        Some(k) => k,
        None => Resumable {
            miner,
            span,
            records: n,
        },
    };
    (patterns, state)
}

/// `ranges` (in file order, up to record `n`) with the last record in a
/// range of its own, so that the fold can keep its state before it.
fn last_apart(mut ranges: Vec<std::ops::Range<usize>>, n: usize) -> Vec<std::ops::Range<usize>> {
    if let Some(last) = ranges.last_mut()
        && last.len() > 1
        && last.end == n
    {
        last.end = n - 1;
        ranges.push(n - 1..n);
    }
    ranges
}

/// Mining's second phase: one miner taking each chunk's texts in file order.
struct Fold<'a> {
    miner: Miner,
    span: Vec<(Option<Nanos>, Option<Nanos>)>,
    ids: Vec<u32>,
    m: mask::Masked,
    /// The records folded so far, for progress.
    folded: &'a AtomicUsize,
    /// Chunks taken so far; the one before which the state is kept (the
    /// source's last record, alone), and that state.
    chunks: usize,
    keep_before: Option<usize>,
    kept: Option<Resumable>,
}

impl Fold<'_> {
    /// Takes the next chunk's texts, in file order.
    fn chunk(&mut self, c: ChunkTexts) {
        if self.keep_before == Some(self.chunks) {
            self.kept = Some(Resumable {
                miner: self.miner.clone(),
                span: self.span.clone(),
                records: self.ids.len(),
            });
        }
        self.chunks += 1;
        let map: Vec<u32> = (0..c.texts.len())
            .map(|k| {
                let seen = c.seen[k];
                // A text met before needs no copy of its bytes: the exact
                // table knows it by its hash (a known text has none).
                let h = c.texts.hash(k);
                let g = match self.miner.add_known(h, seen.count) {
                    Some(g) => g,
                    None => {
                        assert!(
                            !c.texts.is_known(k),
                            "a known text is one an earlier chunk handed over"
                        );
                        c.texts.get(k, &mut self.m);
                        self.miner.add_new(&self.m, h, seen.count)
                    }
                };
                if g as usize >= self.span.len() {
                    self.span.resize(g as usize + 1, (None, None));
                }
                widen(&mut self.span[g as usize], seen.span());
                g
            })
            .collect();
        self.ids.extend(c.ids.iter().map(|&l| map[l as usize]));
        self.folded.fetch_add(c.ids.len(), Ordering::Relaxed);
    }
}

fn found(t: &[Template], span: &[(Option<Nanos>, Option<Nanos>)]) -> Vec<Found> {
    t.iter()
        .zip(span)
        .map(|(t, &(first, last))| Found {
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
