use super::super::message;
use super::super::tests::{
    SEPARATORS, assert_masks_alike, corpus_lines, masked_bytes as masked, push_random_words,
    redigited as renumbered,
};
use super::*;
use crate::test_rng::XorShift;

fn key_of(line: &[u8]) -> (Vec<u8>, u64) {
    let mut k = Vec::new();
    let h = line_key(line, &mut k);
    k.truncate(line.len());
    (k, h)
}

/// The key as defined, byte by byte.
fn plain_key(line: &[u8]) -> Vec<u8> {
    line.iter()
        .map(|&b| if b.is_ascii_digit() { b'0' } else { b })
        .collect()
}

#[test]
fn each_digit_becomes_zero_in_place() {
    assert_eq!(
        key_of(b"took 12ms from 10.0.0.7").0,
        b"took 00ms from 00.0.0.0"
    );
    assert_eq!(key_of(b"").0, b"");
    assert_eq!(key_of(b"9").0, b"0");
    // Not ASCII digits: kept.
    assert_eq!(key_of("٣ ³".as_bytes()).0, "٣ ³".as_bytes());
    // Lines with one key hash alike; a longer buffer from a longer line is
    // reused, and the key is only the line's length of it.
    let mut k = Vec::new();
    let h = line_key(b"a 1234567890 b c d e", &mut k);
    assert_eq!(line_key(b"a 9999999999 b c d e", &mut k), h);
    let h2 = line_key(b"x9", &mut k);
    assert_eq!(&k[..2], b"x0");
    assert_eq!(key_of(b"x5").1, h2);
    // Zero bytes past the end are not the line's: lengths differ, hashes too.
    assert_ne!(key_of(b"ab").1, key_of(b"ab\0").1);
    assert_ne!(key_of(b"abcdefgh").1, key_of(b"abcdefgh\0").1);
}

#[test]
fn the_word_at_a_time_key_is_the_plain_key() {
    // Digits beside the bytes next to their range (`/`, `:`), above ASCII, and
    // lines of every length around a word.
    let bytes = b"0123456789/:a \xff\x80\0\xb0\xb9";
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut k = Vec::new();
    for _ in 0..100_000 {
        let n = rng.pick(50);
        let line: Vec<u8> = (0..n)
            .map(|_| match rng.below(4) {
                0 => rng.below(256) as u8,
                _ => bytes[rng.pick(bytes.len())],
            })
            .collect();
        let h = line_key(&line, &mut k);
        assert_eq!(k[..n], plain_key(&line), "{line:?}");
        let renumbered = renumbered(&line, &mut rng);
        assert_eq!(key_of(&renumbered).1, h, "{line:?}");
    }
}

/// Where `message(line)` starts and ends in `line`.
fn split(line: &[u8]) -> (usize, usize) {
    let msg = message(line);
    let start = msg.as_ptr() as usize - line.as_ptr() as usize;
    (start, start + msg.len())
}

/// Checks the guarantee for `line` with `variants` renumberings of it; returns
/// whether it applied (the masked message holds no digit).
fn check(line: &[u8], rng: &mut XorShift, variants: usize, what: &dyn Fn() -> String) -> bool {
    let m = masked(message(line));
    if m.text.iter().any(u8::is_ascii_digit) {
        return false;
    }
    for _ in 0..variants {
        let v = renumbered(line, rng);
        assert_eq!(key_of(&v), key_of(line));
        assert_eq!(split(&v), split(line), "{}: {line:?} / {v:?}", what());
        assert_masks_alike(&what(), line, &m, &v, &masked(message(&v)));
    }
    true
}

#[test]
fn lines_with_one_key_give_one_message_and_mask_alike_on_the_corpus() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut applied = 0;
    let lines = corpus_lines(|file, line| {
        applied += usize::from(check(line, &mut rng, 3, &|| file.display().to_string()));
    });
    assert!(lines > 20_000, "{lines} corpus lines");
    assert!(applied > lines / 2, "{applied} of {lines}");
}

#[test]
fn lines_with_one_key_give_one_message_and_mask_alike_on_random_lines() {
    // Headers with digits, months, punctuation and levels; then message
    // pieces beside the bytes masking decides on.
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
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut applied, mut skipped) = (0, 0);
    for n in 0..200_000 {
        let mut line = Vec::new();
        for _ in 0..rng.pick(5) {
            line.extend_from_slice(heads[rng.pick(heads.len())]);
            line.extend_from_slice(SEPARATORS[rng.pick(SEPARATORS.len())]);
        }
        push_random_words(&mut rng, &pieces, &mut line);
        if check(&line, &mut rng, 4, &|| format!("random line {n}")) {
            applied += 1;
        } else {
            skipped += 1;
        }
    }
    // Both sides of the rule are exercised.
    assert!(applied > 20_000 && skipped > 10_000, "{applied} {skipped}");
}

/// Both ways of hashing a key: the vector one where this CPU has it, and the
/// scalar one.
fn hashers() -> [KeyHasher; 2] {
    [KeyHasher::default(), KeyHasher::scalar()]
}

#[test]
fn every_byte_of_a_key_and_its_length_change_its_hashes_and_no_digit_does() {
    let bytes = b"0123456789/:a \xff\x80\0\xb0\xb9\t\"";
    let mut rng = XorShift(0x5851_f42d_4c95_7f2d);
    for mut hasher in hashers() {
        // Every length around the 16- and 32-byte blocks and the tail's load.
        for n in 0..100 {
            let line: Vec<u8> = (0..n).map(|_| bytes[rng.pick(bytes.len())]).collect();
            let h = hasher.hashes(&line);
            for at in 0..n {
                let mut other = line.clone();
                other[at] = if line[at].is_ascii_digit() {
                    b'0' + (line[at] - b'0' + 1 + rng.below(9) as u8) % 10
                } else if line[at] == b'x' {
                    b'y'
                } else {
                    b'x'
                };
                let o = hasher.hashes(&other);
                if line[at].is_ascii_digit() {
                    assert_eq!(o, h, "a digit at {at} of {line:?}");
                } else {
                    assert_ne!(o.0, h.0, "byte {at} of {line:?}");
                    assert_ne!(o.1, h.1, "byte {at} of {line:?}");
                }
            }
            // A zero byte more is another key.
            let mut longer = line.clone();
            longer.push(0);
            assert_ne!(hasher.hashes(&longer), h, "{line:?} and a zero byte");
        }
    }
}

#[test]
fn lines_with_one_key_hash_alike_and_other_keys_do_not() {
    let pieces: [&[u8]; 8] = [b"took ", b"ms ", b"id=", b"a", b"\t", b"/v1/", b"12", b"7"];
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for mut hasher in hashers() {
        let mut seen = std::collections::HashMap::new();
        for _ in 0..50_000 {
            let mut line = Vec::new();
            for _ in 0..rng.pick(24) {
                line.extend_from_slice(pieces[rng.pick(pieces.len())]);
            }
            let h = hasher.hashes(&line);
            assert_eq!(hasher.hashes(&renumbered(&line, &mut rng)), h, "{line:?}");
            // One key per pair of hashes, and per each hash alone.
            let key = plain_key(&line);
            assert_eq!(*seen.entry(h.0).or_insert_with(|| key.clone()), key);
            assert_eq!(*seen.entry(h.1).or_insert_with(|| key.clone()), key);
        }
        assert!(seen.len() > 20_000, "{} keys", seen.len());
    }
}
