use super::super::message;
use super::super::tests::{
    assert_masks_alike, corpus_lines, masked_bytes as masked, push_random_words,
    relengthened as renumbered,
};
use super::*;
use crate::test_rng::XorShift;

fn key(msg: &[u8]) -> Vec<u8> {
    let mut k = Vec::new();
    digit_key(msg, &mut k);
    k
}

#[test]
fn each_run_of_digits_becomes_one_zero() {
    assert_eq!(key(b"took 12ms from 10.0.0.7"), b"took 0ms from 0.0.0.0");
    assert_eq!(key(b"0x7ffe1234 blk_-6969"), b"0x0ffe0 blk_-0");
    assert_eq!(key(b"no digits"), b"no digits");
    assert_eq!(key(b"123"), b"0");
    assert_eq!(key(b""), b"");
    // Not ASCII digits: kept.
    assert_eq!(key("٣ ³".as_bytes()), "٣ ³".as_bytes());
    // The buffer is reused: a shorter message after a longer one.
    let mut k = Vec::new();
    digit_key(b"a 1234567890 b", &mut k);
    digit_key(b"x9", &mut k);
    assert_eq!(k, b"x0");
}

/// The key as defined, byte by byte.
fn plain_key(msg: &[u8]) -> Vec<u8> {
    let mut k: Vec<u8> = Vec::new();
    for (i, &b) in msg.iter().enumerate() {
        if !b.is_ascii_digit() {
            k.push(b);
        } else if i == 0 || !msg[i - 1].is_ascii_digit() {
            k.push(b'0');
        }
    }
    k
}

#[test]
fn the_word_at_a_time_key_is_the_plain_key() {
    // Runs across eight-byte words, at the ends, bytes next to the digits'
    // range (`/`, `:`) and above ASCII.
    let bytes = b"0123456789/:a \xff\x80";
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut k = Vec::new();
    for _ in 0..100_000 {
        let n = rng.pick(40);
        let msg: Vec<u8> = (0..n)
            .map(|_| match rng.below(3) {
                0 => bytes[rng.pick(bytes.len())],
                _ => b'0' + rng.below(10) as u8,
            })
            .collect();
        digit_key(&msg, &mut k);
        assert_eq!(k, plain_key(&msg), "{msg:?}");
    }
}

/// Checks the guarantee for `msg` with `variants` renumberings of it; returns
/// whether it applied (the masked text holds no digit).
fn check(msg: &[u8], rng: &mut XorShift, variants: usize, what: &dyn Fn() -> String) -> bool {
    let m = masked(msg);
    if m.text.iter().any(u8::is_ascii_digit) {
        return false;
    }
    for _ in 0..variants {
        let v = renumbered(msg, rng);
        assert_eq!(key(&v), key(msg));
        assert_masks_alike(&what(), msg, &m, &v, &masked(&v));
    }
    true
}

#[test]
fn messages_with_one_digit_key_mask_alike_on_the_corpus() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut applied = 0;
    let lines = corpus_lines(|file, line| {
        let msg = message(line);
        applied += usize::from(check(msg, &mut rng, 3, &|| file.display().to_string()));
    });
    assert!(lines > 20_000, "{lines} corpus lines");
    assert!(applied > lines / 2, "{applied} of {lines}");
}

#[test]
fn messages_with_one_digit_key_mask_alike_on_random_messages() {
    // Digit runs beside the bytes masking decides on: hex letters, id
    // separators, delimiters, quotes, slashes, brackets, `=`.
    let pieces: [&[u8]; 34] = [
        b"a",
        b"f",
        b"x",
        b"X",
        b"g",
        b"v",
        b"k",
        b"ms",
        b"blk",
        b"-",
        b"_",
        b".",
        b"+",
        b"=",
        b"=\"",
        b"='",
        b"\"",
        b"'",
        b"/",
        b"./",
        b"~/",
        b"[",
        b"]",
        b":",
        b",",
        b"(",
        b")",
        b";",
        b"<*>",
        b"<",
        b"@",
        b"\\",
        b"\xc3\xa9",
        b"$",
    ];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut applied, mut skipped) = (0, 0);
    for n in 0..200_000 {
        let mut msg = Vec::new();
        push_random_words(&mut rng, &pieces, &mut msg);
        if check(&msg, &mut rng, 4, &|| format!("random message {n}")) {
            applied += 1;
        } else {
            skipped += 1;
        }
    }
    // Both sides of the rule are exercised.
    assert!(applied > 20_000 && skipped > 20_000, "{applied} {skipped}");
}
