use super::super::digit_key::digit_key;
use super::super::line_key::line_key;
use super::super::message;
use super::super::tests::{
    assert_masks_alike, corpus_lines, masked_bytes as masked, redigited, relengthened,
};
use super::*;
use crate::test_rng::XorShift;

fn key_of(line: &[u8]) -> Option<(Vec<u8>, (u64, u64))> {
    let mut k = RunsKey::default();
    let h = k.build(line)?;
    Some((k.key().to_vec(), h))
}

/// `digit_key` of some bytes.
fn plain_key(line: &[u8]) -> Vec<u8> {
    let mut k = Vec::new();
    digit_key(line, &mut k);
    k
}

/// Where the first ASCII letter is (the length if none).
fn first_letter(line: &[u8]) -> usize {
    line.iter()
        .position(u8::is_ascii_alphabetic)
        .unwrap_or(line.len())
}

/// Each digit as `0`, in place.
fn in_place(line: &[u8]) -> Vec<u8> {
    line.iter()
        .map(|&b| if b.is_ascii_digit() { b'0' } else { b })
        .collect()
}

/// Whether `line` has more than `MAX_RUNS` runs of digits after its first
/// letter (then it is keyed in place).
fn many_runs(line: &[u8]) -> bool {
    let rest = plain_key(&line[first_letter(line)..]);
    rest.iter().filter(|&&b| b == b'0').count() > MAX_RUNS as usize
}

/// The runs key as defined: digits in place before the first letter, runs
/// collapsed after; all in place with more than `MAX_RUNS` runs.
fn plain_runs_key(line: &[u8]) -> Vec<u8> {
    if many_runs(line) {
        return in_place(line);
    }
    let p = first_letter(line);
    let mut k = in_place(&line[..p]);
    k.extend(plain_key(&line[p..]));
    k
}

/// `line` renumbered: digits before the first letter in place, runs after it
/// of other lengths, unless there are too many (the same runs key).
fn renumbered(line: &[u8], rng: &mut XorShift) -> Vec<u8> {
    if many_runs(line) {
        return redigited(line, rng);
    }
    let p = first_letter(line);
    let mut v = redigited(&line[..p], rng);
    v.extend(relengthened(&line[p..], rng));
    v
}

#[test]
fn each_run_of_digits_becomes_one_zero() {
    let (k, h) = key_of(b"[exec-3] took 7ms from 10.0.0.7").expect("short");
    assert_eq!(k, b"[exec-0] took 0ms from 0.0.0.0");
    assert_eq!(key_of(b"[exec-10] took 12ms from 10.0.0.17").unwrap().1, h);
    assert_ne!(key_of(b"[exec-10] took 12ms from 10.0.0.1x").unwrap().1, h);
    assert_eq!(key_of(b"").unwrap().0, b"");
    assert_eq!(key_of(b"x123").unwrap().0, b"x0");
    // Before the first letter, in place.
    assert_eq!(key_of(b"123").unwrap().0, b"000");
    // With more than `MAX_RUNS` runs after it, all in place (not the same
    // key as a line with fewer runs that collapses to the same bytes).
    assert_eq!(MAX_RUNS, 7);
    assert_eq!(key_of(b"x1 2 3 4 5 6 7 8").unwrap().0, b"x0 0 0 0 0 0 0 0");
    assert_eq!(
        key_of(b"x1 2 3 4 5 6 7 88").unwrap().0,
        b"x0 0 0 0 0 0 0 00"
    );
    assert_ne!(
        key_of(b"x1 2 3 4 5 6 7 88").unwrap().1,
        key_of(b"x1 2 3 4 5 6 77").unwrap().1
    );
    assert_eq!(key_of(b"x1 2 3 4 5 6 77").unwrap().0, b"x0 0 0 0 0 0 0");
    assert_eq!(
        key_of(b"2026-11-18 00:00:00.000 INFO  [pool-2-thread-14] took 12ms")
            .unwrap()
            .0,
        b"0000-00-00 00:00:00.000 INFO  [pool-0-thread-0] took 0ms"
    );
    // Not ASCII digits: kept.
    assert_eq!(key_of("٣ ³".as_bytes()).unwrap().0, "٣ ³".as_bytes());
    // Zero bytes past the end are not the key's: lengths differ, hashes too.
    assert_ne!(key_of(b"ab").unwrap().1, key_of(b"ab\0").unwrap().1);
    let sixteen = b"abcdefghijklmnop";
    assert_ne!(
        key_of(sixteen).unwrap().1,
        key_of(b"abcdefghijklmnop\0").unwrap().1
    );
    // The two hashes are not one.
    assert_ne!(h.0, h.1);
    // Up to the context window, not past it.
    assert!(key_of(&[b'a'; MAX_LINE]).is_some());
    assert!(key_of(&[b'a'; MAX_LINE + 1]).is_none());
    // A builder reused for a shorter line after a longer one.
    let mut rk = RunsKey::default();
    rk.build(&[b'7'; 150]);
    rk.build(b"x99 y");
    assert_eq!(rk.key(), b"x0 y");
}

#[test]
fn the_vector_key_is_the_plain_key() {
    // Digits beside the bytes next to their range (`/`, `:`), above ASCII,
    // runs across 16- and 64-byte blocks, lines of every length to the limit.
    let bytes = b"0123456789/:a \xff\x80\0\xb0\xb9";
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut rk = RunsKey::default();
    for _ in 0..100_000 {
        let n = rng.pick(MAX_LINE + 1);
        let line: Vec<u8> = (0..n)
            .map(|_| match rng.below(4) {
                0 => rng.below(256) as u8,
                _ => bytes[rng.pick(bytes.len())],
            })
            .collect();
        let h = rk.build(&line).expect("short line");
        assert_eq!(rk.key(), plain_runs_key(&line), "{line:?}");
        // The digit key of suffixes that start outside a run's tail, from the
        // first letter on.
        let p = first_letter(&line);
        for from in [0, p, n, rng.pick(n + 1), rng.pick(n + 1), rng.pick(n + 1)] {
            if from == 0
                || from == n
                || !(line[from - 1].is_ascii_digit() && line[from].is_ascii_digit())
            {
                let want = (from >= p && !many_runs(&line)).then(|| plain_key(&line[from..]));
                assert_eq!(
                    rk.digit_key_from(from).map(<[u8]>::to_vec),
                    want,
                    "{line:?} {from}"
                );
            }
        }
        // Renumbered: the same key and hashes.
        let v = renumbered(&line, &mut rng);
        if let Some((k, hv)) = key_of(&v) {
            assert_eq!((k, hv), (rk.key().to_vec(), h), "{line:?} / {v:?}");
        }
        // The vector scans give what the byte-by-byte one gives.
        if n >= 16 {
            let (mut plain, mut sse2, mut avx2) = ([1u8; ROOM], [2u8; ROOM], [3u8; ROOM]);
            let want = classify_bytes(&line, &mut plain);
            let got = simd::classify(&line, &mut sse2, false);
            assert_eq!((got, &sse2[..n]), (want, &plain[..n]), "{line:?}");
            if has_avx2() {
                let got = simd::classify(&line, &mut avx2, true);
                assert_eq!((got, &avx2[..n]), (want, &plain[..n]), "{line:?}");
            }
        }
    }
}

/// Checks the guarantee for `line` with `variants` renumberings of it, runs of
/// other lengths; returns whether it applied (the line is keyed and its masked
/// message holds no digit) and how many variants were past `MAX_LINE`.
fn check(
    line: &[u8],
    rng: &mut XorShift,
    variants: usize,
    what: &dyn Fn() -> String,
) -> (bool, usize) {
    let Some((key, h)) = key_of(line) else {
        return (false, 0);
    };
    let msg = message(line);
    let m = masked(msg);
    if m.text.iter().any(u8::is_ascii_digit) {
        return (false, 0);
    }
    // The message's digit key is the key's suffix from the message's start.
    let mut rk = RunsKey::default();
    rk.build(line);
    let start = line.len() - msg.len();
    if let Some(suffix) = rk.digit_key_from(start) {
        assert_eq!(suffix, plain_key(msg), "{}: {line:?}", what());
    }
    let mut long = 0;
    for k in 0..variants {
        // Runs of other lengths, and (once) the same lengths, other digits.
        let v = if k == 0 {
            redigited(line, rng)
        } else {
            renumbered(line, rng)
        };
        let Some((kv, hv)) = key_of(&v) else {
            long += 1;
            continue;
        };
        assert_eq!((&kv, hv), (&key, h));
        let mv = message(&v);
        // The message starts at the same place of the key.
        assert_eq!(
            key.len() - plain_key(mv).len(),
            key.len() - plain_key(msg).len(),
            "{}: {line:?} / {v:?}",
            what()
        );
        assert_masks_alike(&what(), line, &m, &v, &masked(mv));
    }
    (true, long)
}

#[test]
fn short_lines_with_one_key_give_one_message_and_mask_alike_on_the_corpus() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let (mut applied, mut long) = (0, 0);
    let lines = corpus_lines(|file, line| {
        let (a, l) = check(line, &mut rng, 4, &|| file.display().to_string());
        applied += usize::from(a);
        long += l;
    });
    assert!(lines > 20_000, "{lines} corpus lines");
    assert!(applied > lines / 3, "{applied} of {lines}");
    assert!(long > 0, "no variant grew past {MAX_LINE} bytes");
}

#[test]
fn short_lines_with_one_key_give_one_message_and_mask_alike_on_random_lines() {
    // Headers with digits, months, punctuation and levels, then either
    // message pieces beside the bytes masking decides on or a context
    // bracket whose digit runs can carry its `]` across the window.
    let heads: [&[u8]; 16] = [
        b"2024-03-01T10:00:00Z",
        b"2024-03-01 10:00:00.123",
        b"Mar",
        b"17",
        b"-",
        b"[1234]",
        b"host7",
        b"INFO",
        b"E",
        b"W1201",
        b"[WARN]",
        b"<E>",
        b"error:",
        b"dfs.DataNode:",
        b"[req-1 - - -]",
        b"[main-7]",
    ];
    let pieces: [&[u8]; 30] = [
        b"a",
        b"f",
        b"x",
        b"v",
        b"ms",
        b"blk",
        b"-",
        b"_",
        b".",
        b"+",
        b"=",
        b"=\"",
        b"\"",
        b"'",
        b"/",
        b"./",
        b"[",
        b"]",
        b":",
        b",",
        b"(",
        b")",
        b";",
        b"<*>",
        b"@",
        b"\xc3\xa9",
        b"$",
        b"INFO",
        b"Jan",
        b"I",
    ];
    let context: [&[u8]; 7] = [
        b"req-",
        b"worker",
        b" ",
        b"-",
        b"abcdef",
        b"pool.",
        b"a-context-name-long-enough-to-reach-the-window",
    ];
    let seps: [&[u8]; 3] = [b" ", b"  ", b"\t"];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let digits = |line: &mut Vec<u8>, rng: &mut XorShift| {
        for _ in 0..1 + rng.pick(4) {
            line.push(b'0' + rng.below(10) as u8);
        }
    };
    let (mut applied, mut skipped, mut long) = (0, 0, 0);
    for n in 0..200_000 {
        let mut line = Vec::new();
        for _ in 0..rng.pick(5) {
            line.extend_from_slice(heads[rng.pick(heads.len())]);
            line.extend_from_slice(seps[rng.pick(seps.len())]);
        }
        let mut tokens = 1 + rng.pick(6);
        if rng.below(3) == 0 {
            // A level, a logger, and a context of some 60 to 190 bytes with
            // a few runs of digits, then a short message.
            line.extend_from_slice(b"INFO app.Main: [");
            let to = line.len() + 60 + rng.pick(130);
            let mut runs = 0;
            while line.len() < to {
                if runs < 3 && rng.below(4) == 0 {
                    digits(&mut line, &mut rng);
                    runs += 1;
                } else {
                    line.extend_from_slice(context[rng.pick(context.len())]);
                }
            }
            line.extend_from_slice(b"] ");
            tokens = 1 + rng.pick(2);
        }
        for _ in 0..tokens {
            for _ in 0..1 + rng.pick(6) {
                if rng.below(5) < 2 {
                    digits(&mut line, &mut rng);
                } else {
                    line.extend_from_slice(pieces[rng.pick(pieces.len())]);
                }
            }
            line.extend_from_slice(seps[rng.pick(seps.len())]);
        }
        match check(&line, &mut rng, 4, &|| format!("random line {n}")) {
            (true, l) => {
                applied += 1;
                long += l;
            }
            (false, _) => skipped += 1,
        }
    }
    // Both sides of the rule are exercised, and variants grow past the window.
    assert!(
        applied > 20_000 && skipped > 10_000 && long > 5_000,
        "{applied} {skipped} {long}"
    );
}

/// Hit rates of the line keys on a log, as the mining cache would see them:
/// `CASEFILE_KEY_RATES=/tmp/app-16m.log cargo test --release --lib
/// key_hit_rates -- --ignored --nocapture`. Lines that start with an ASCII
/// digit are taken as records (the generated logs' are); chunks of 65,536 of
/// them alternate between two caches (two workers) of at most 32 Ki keys,
/// filled first come: on a line-key miss the digit key is looked up, and the
/// line's key and (on a miss of both) its message's digit key are added.
/// Counts, for the in-place key (`line_key`) and for the runs key (in place
/// past `MAX_LINE`), how many records their line key found.
#[test]
#[ignore]
fn key_hit_rates() {
    use std::collections::HashSet;
    let Ok(path) = std::env::var("CASEFILE_KEY_RATES") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("log reads");
    let records: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| l.first().is_some_and(u8::is_ascii_digit))
        .collect();
    for runs in [false, true] {
        let mut caches: [HashSet<(u8, u64, u64)>; 2] = Default::default();
        let (mut line_hits, mut digit_hits) = (0, 0);
        let (mut buf, mut dk, mut rk) = (Vec::new(), Vec::new(), RunsKey::default());
        for (c, chunk) in records.chunks(1 << 16).enumerate() {
            let cache = &mut caches[c % 2];
            for line in chunk {
                let lk = match rk.build(line).filter(|_| runs) {
                    Some((h, h2)) => (0, h, h2),
                    None => (
                        1,
                        line_key(line, &mut buf),
                        crate::pattern::cache::check(&buf[..line.len()]),
                    ),
                };
                if cache.contains(&lk) {
                    line_hits += 1;
                    continue;
                }
                digit_key(message(line), &mut dk);
                let d = (
                    2,
                    crate::pattern::miner::hash(&dk),
                    crate::pattern::cache::check(&dk),
                );
                let hit = cache.contains(&d);
                digit_hits += usize::from(hit);
                for k in [Some(lk), (!hit).then_some(d)].into_iter().flatten() {
                    if cache.len() < 32 << 10 {
                        cache.insert(k);
                    }
                }
            }
        }
        let n = records.len() as f64;
        println!(
            "{}: {} records, line key found {:.1}%, digit key {:.1}%, neither {:.1}%",
            if runs { "runs key" } else { "in place" },
            records.len(),
            100.0 * line_hits as f64 / n,
            100.0 * digit_hits as f64 / n,
            100.0 * (n - (line_hits + digit_hits) as f64) / n
        );
    }
}

#[test]
fn past_the_context_window_one_runs_key_can_split_two_ways() {
    // The context's `]` is 198 bytes after its `[` with a one-digit id, 211
    // with a fourteen-digit one: found in the first line, not in the second,
    // so the messages start at different places of one runs key (why longer
    // lines are keyed in place).
    let line = |id: &str| {
        let mut l = format!("INFO app.Main: [req-{id} ").into_bytes();
        l.resize(l.len() + 191, b'x');
        l.extend_from_slice(b"] took 7ms");
        l
    };
    let (a, b) = (line("1"), line("12345678901234"));
    assert_eq!(plain_runs_key(&a), plain_runs_key(&b));
    let start = |l: &[u8]| plain_runs_key(l).len() - plain_key(message(l)).len();
    assert_ne!(start(&a), start(&b));
    assert!(key_of(&a).is_none() && key_of(&b).is_none());
}
