use super::*;
use crate::pattern::Miner;
use crate::pattern::json_line::JsonReader;
use crate::pattern::mask;
use crate::test_rng::XorShift;
use std::collections::HashMap;

mod reference;
use reference::reference_key;

fn key_of(line: &[u8]) -> Option<Vec<u8>> {
    let mut k = LineKey::default();
    k.build(line).then(|| k.key().to_vec())
}

#[test]
fn vector_classes_are_the_byte_classes() {
    let mut rng = XorShift(0x1234_5678_9abc_def1);
    let alphabet = b"\"\\{}[],:.-_+xXaAfFgGzZ09 ~\x00\x1f\x7f\x80\xff";
    let check = |b: &[u8; 64]| {
        let (mut want, mut got) = ([0u8; 64], [0u8; 64]);
        let bytes = classify_bytes(b, &mut want);
        // Every width this CPU runs.
        for width in [Width::Sse2, Width::Avx2, Width::Avx512] {
            if width > widest() {
                continue;
            }
            assert_eq!(classify(b, &mut got, width), bytes, "{width:?} {b:?}");
            assert_eq!(got, want, "{b:?}");
        }
    };
    for round in 0..5_000 {
        let mut b = [0u8; 64];
        for x in &mut b {
            *x = if round % 2 == 0 {
                rng.next() as u8
            } else {
                alphabet[rng.pick(alphabet.len())]
            };
        }
        check(&b);
    }
    for x in 0..=255u8 {
        check(&[x; 64]);
    }
}

#[test]
fn digits_collapse_and_ids_are_marked() {
    let line = br#"{"time":"2026-11-18T00:00:00.114Z","msg":"took 830ms","request_id":"07f2d0f467888a3e","latency_ms":2021,"f":1.05,"s":"v22x-abc-1"}"#;
    assert_eq!(
        String::from_utf8_lossy(&key_of(line).expect("keyed")),
        "{\"time\":\"\u{1}\",\"msg\":\"took 0ms\",\"request_id\":\"\u{1}\",\
         \"latency_ms\":0,\"f\":0.0,\"s\":\"v0x-abc-0\"}"
    );
    // Only leading strings under left-out keys are skipped whole.
    for (line, key) in [
        (
            &br#"{"level":"INFO","time":"12:30"}"#[..],
            &b"{\"level\":\"\x01\",\"time\":\"\x01\"}"[..],
        ),
        (br#"{"lvl":"","k":"a 1"}"#, br#"{"lvl":"","k":"a 0"}"#),
        (br#"{"msg":"12:30"}"#, br#"{"msg":"0:0"}"#),
        (br#"{"time":12,"v":"1:2"}"#, br#"{"time":0,"v":"0:0"}"#),
        // After a field shown, a left-out key's value folds like any other.
        (br#"{"a":"x","time":"1:2"}"#, br#"{"a":"x","time":"0:0"}"#),
        (
            br#"{"level":"INFO","a":"x","time":"1:2"}"#,
            b"{\"level\":\"\x01\",\"a\":\"x\",\"time\":\"0:0\"}",
        ),
        (br#"{"a": "x","time":"1:2"}"#, br#"{"a": "x","time":"0:0"}"#),
        (
            br#"{"a":"1","b":"2","c":"3","d":"4","time":"1:2"}"#,
            b"{\"a\":\"\x01\",\"b\":\"\x01\",\"c\":\"\x01\",\"d\":\"\x01\",\"time\":\"0:0\"}",
        ),
    ] {
        assert_eq!(
            key_of(line).as_deref(),
            Some(key),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
    // A value ending in `.` is not marked; `X`, `+` and `.` are value bytes.
    assert_eq!(
        key_of(br#"{"a":"12.","b":"1X+2.3","c":"","d":"abc"}"#).as_deref(),
        Some(&b"{\"a\":\"0.\",\"b\":\"\x01\",\"c\":\"\",\"d\":\"abc\"}"[..])
    );
    // Long lines: runs and strings across 64-byte words.
    let mut long = b"{\"a\":\"".to_vec();
    long.extend(std::iter::repeat_n(b'7', 100));
    long.extend_from_slice(b"\",\"b\":\"");
    long.extend(std::iter::repeat_n(b'x', 70));
    long.extend_from_slice(b" 123\",\"c\":12}");
    let mut want = b"{\"a\":\"\x01\",\"b\":\"".to_vec();
    want.extend(std::iter::repeat_n(b'x', 70));
    want.extend_from_slice(b" 0\",\"c\":0}");
    assert_eq!(key_of(&long), Some(want));
    // A `\u` escape's hex digits are kept: they are a character, not a number.
    let key = |l: &[u8]| key_of(l).expect("keyed");
    assert_eq!(
        key(br#"{"msg":"err=\u003cnil\u003e took 12ms \u00e912"}"#),
        br#"{"msg":"err=\u003cnil\u003e took 0ms \u00e90"}"#
    );
    assert_eq!(
        key(br#"{"msg":"err=\u003cnil\u003e took 7ms"}"#),
        key(br#"{"msg":"err=\u003cnil\u003e took 345ms"}"#)
    );
    assert_ne!(key(br#"{"msg":"\u00e9"}"#), key(br#"{"msg":"\u01e9"}"#));
    assert_ne!(key(br#"{"msg":"\u00e9"}"#), key(br#"{"msg":"\u00e91"}"#));
}

#[test]
fn values_after_equals_inside_strings_are_marked() {
    let key = |l: &[u8]| String::from_utf8_lossy(&key_of(l).expect("keyed")).into_owned();
    // Hex ids in a message key alike: they mask to `<*>` whatever they hold.
    assert_eq!(
        key(br#"{"msg":"released lease id=0c0b after 12ms","k":"a=1f b=7"}"#),
        "{\"msg\":\"released lease id=\u{1} after 0ms\",\"k\":\"a=\u{1} b=\u{1}\"}"
    );
    assert_eq!(
        key(br#"{"msg":"released lease id=0c0b after 12ms"}"#),
        key(br#"{"msg":"released lease id=a0e0 after 7ms"}"#)
    );
    // Not marked: no digit, a `.` last, a letter, comma or escape after it,
    // no `=` before it.
    for (line, want) in [
        (&br#"{"m":"id=abc"}"#[..], "{\"m\":\"id=abc\"}"),
        (br#"{"m":"v=1.2."}"#, "{\"m\":\"v=0.0.\"}"),
        (br#"{"m":"v=1fz"}"#, "{\"m\":\"v=0fz\"}"),
        (br#"{"m":"v=12, w"}"#, "{\"m\":\"v=0, w\"}"),
        (br#"{"m":"v=12\n"}"#, "{\"m\":\"v=0\\n\"}"),
        (br#"{"m":"v 12"}"#, "{\"m\":\"v 0\"}"),
    ] {
        assert_eq!(key(line), want, "{}", String::from_utf8_lossy(line));
    }
    // A value across a 64-byte word.
    let mut long = b"{\"msg\":\"".to_vec();
    long.extend(std::iter::repeat_n(b'w', 50));
    long.extend_from_slice(b" id=0123456789abcdef0123 x\"}");
    let mut want = b"{\"msg\":\"".to_vec();
    want.extend(std::iter::repeat_n(b'w', 50));
    want.extend_from_slice(b" id=\x01 x\"}");
    assert_eq!(key_of(&long), Some(want));
}

#[test]
fn lines_the_key_cannot_vouch_for() {
    let long = format!(
        r#"{{"msg":"handled request","uri":"/{}","n":1}}"#,
        "ab/".repeat(1000)
    );
    for line in [
        &br#"{"msg":"caf\u00g9"}"#[..], // a `\u` escape without four hex digits
        br#"{"msg":"caf\u12"}"#,
        br#"{"msg":"a\x"}"#,                     // not an escape
        br#"{"msg":"a\"}"#,                      // an escaped closing quote
        b"{\"msg\":\"a\tb\"}",                   // a control byte
        br#"p" | {"msg":"x"}"#,                  // a quote before the object
        br#"p\ | {"msg":"x"}"#,                  // a backslash before it
        "pr\u{e9} | {\"msg\":\"x\"}".as_bytes(), // not ASCII before it
        br#"{"msg":"x"} "#,                      // after the object
        br#"{"k1":"x","k2":"y"}"#,               // a key with a digit
        br#"{"a":{"k1":1,"k2":2}}"#,             // a nested key with a digit
        br#"{"msg":"1" ,"b":2}"#,                // a digit string not followed by `,`
        br#"{"l":["a1" ,"b"]}"#,                 // nor in an array
        br#"{"l":[01]}"#,                        // a leading zero, nested
        br#"{"n":01}"#,                          // a leading zero
        br#"{"n":-012}"#,                        // a leading zero
        br#"{"n":1e5}"#,                         // an exponent
        br#"{"n":1.5E-3}"#,                      // an exponent
        br#"{"n":1234567890123456}"#,            // 16 digits
        br#"{"msg":"unclosed}"#,                 // no closing quote
        b"{\"msg\":\"\xff\"}",                   // not UTF-8
        b"{\"msg\":\"a\x1fb\"}",                 // a control byte
    ] {
        assert_eq!(key_of(line), None, "{}", String::from_utf8_lossy(line));
    }
    for line in [
        &br#"{"n":0,"f":0.05,"g":-0,"h":-3.25,"b":true,"z":null}"#[..],
        br#"{"msg":"[1]{2}","k":"a b 12"}"#,
        br#"{ "msg" : "x" , "n" : 12 }"#,
        br#"{"k":"12"}"#,
        br#"{}"#,
        // Nested values (a string with a digit ends a value before `]` too).
        br#"{"msg":"x","ctx":{"a":1}}"#,
        br#"{"msg":"x","l":[1]}"#,
        br#"{"l":["a1","b2"],"o":{"p":{"q":[{}, [ ]]}}}"#,
        // What `docker compose logs` writes before each line, and a time.
        br#"p | {"msg":"x"}"#,
        br#"caddy  | {"level":"info","ts":1761019822.3,"msg":"serving"}"#,
        br#"2026-11-18T00:00:00.000Z {"msg":"x"}"#,
        // Escapes (Docker's json-file driver ends every `log` with `\n`).
        br#"{"msg":"a\"b"}"#,
        br#"{"log":"GET / 200\n","stream":"stdout","time":"2026-11-20T14:31:07.2Z"}"#,
        br#"{"msg":"a\\","k":"\\\"x\/\b\f\r\t"}"#,
        br#"{"msg":"caf\u00e9 \u003cnil\u003e"}"#,
        // UTF-8 reads as its bytes (`readable` writes it as it stands).
        "{\"msg\":\"caf\u{e9} took 12\u{b5}s\",\"who\":\"J\u{fc}rgen\"}".as_bytes(),
        // Long lines (a Caddy access log's run to 2 KB).
        long.as_bytes(),
    ] {
        assert!(key_of(line).is_some(), "{}", String::from_utf8_lossy(line));
    }
}

/// Log/slog's JSON handler with AddSource nests `source` (and groups) in every
/// line: such lines are keyed, so a log of them is masked once per key.
#[test]
fn nested_lines_of_a_real_log_are_keyed() {
    let log =
        std::fs::read("../shared/corpus/json-lines/slog-json-go127.jsonl").expect("corpus file");
    let lines: Vec<&[u8]> = log
        .split(|&c| c == b'\n')
        .filter(|l| l.contains(&b'{'))
        .collect();
    let nested = |l: &[u8]| l.windows(2).filter(|w| *w == b":{").count() >= 2;
    assert!(lines.iter().filter(|l| nested(l)).count() >= 10);
    // Only a line holding an escape (a quoted error) is left to the scanner.
    for line in lines.iter().filter(|l| !l.contains(&b'\\')) {
        assert!(key_of(line).is_some(), "{}", String::from_utf8_lossy(line));
    }
    // Two requests' lines differ only in numbers: one key.
    let finished: Vec<_> = lines
        .iter()
        .filter(|l| memchr::memmem::find(l, b"request finished").is_some())
        .filter_map(|l| key_of(l))
        .collect();
    assert!(finished.len() >= 2);
}

/// A line's mask through `JsonReader::mask` (the JSON path of mining).
fn masked(reader: &mut JsonReader, line: &[u8]) -> Option<Masked> {
    let mut m = Masked::default();
    reader.mask(line, &mut m).then_some(m)
}

/// The guarantee: lines with the same key mask alike when the first's masked
/// text holds no digit. Returns how many lines were checked against another.
fn same_key_masks_alike(lines: &[Vec<u8>]) -> usize {
    let mut reader = JsonReader::default();
    let mut first: HashMap<Vec<u8>, (Vec<u8>, Option<Masked>)> = HashMap::new();
    let mut checked = 0;
    for line in lines {
        let Some(key) = key_of(line) else { continue };
        let m = masked(&mut reader, line);
        match first.get(&key) {
            None => {
                first.insert(key, (line.clone(), m));
            }
            Some((a, Some(ma))) if !ma.text.iter().any(u8::is_ascii_digit) => {
                let shown = |l: &[u8]| String::from_utf8_lossy(l).into_owned();
                let mb = m.unwrap_or_else(|| panic!("{} / {}", shown(a), shown(line)));
                assert_eq!(
                    shown(&mb.text),
                    shown(&ma.text),
                    "{} / {}",
                    shown(a),
                    shown(line)
                );
                assert_eq!(mb.tokens, ma.tokens, "{} / {}", shown(a), shown(line));
                checked += 1;
            }
            Some(_) => {}
        }
    }
    checked
}

/// Mines `lines` as mining looks a JSON source up by key, with keys and
/// without: the same template for every line, the same templates.
fn keyed_mining_is_the_same(lines: &[Vec<u8>]) -> usize {
    let (mut plain, mut keyed) = (Miner::new(), Miner::new());
    let (mut reader, mut keyed_reader) = (JsonReader::default(), JsonReader::default());
    let mut keys = JsonKeys::default();
    let mut seen = HashMap::new();
    let mut m = Masked::default();
    for line in lines {
        let want = if reader.mask(line, &mut m) {
            plain.add_masked(&m, 1)
        } else {
            plain.add(mask::message(line))
        };
        let hashes = keys.hashes(line);
        let got = match hashes.and_then(|h| seen.get(&h)) {
            Some(&id) => {
                keys.hits += 1;
                keyed.seen_again(id);
                id
            }
            None if keyed_reader.mask(line, &mut m) => {
                let id = keyed.add_masked(&m, 1);
                if let Some(h) = hashes
                    && key_stands_for(&m)
                {
                    seen.insert(h, id);
                }
                id
            }
            None => keyed.add(mask::message(line)),
        };
        assert_eq!(got, want, "{}", String::from_utf8_lossy(line));
    }
    let texts = |m: &Miner| {
        m.templates
            .iter()
            .map(|t| (t.text(), t.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&keyed), texts(&plain));
    keys.hits
}

fn corpus_lines() -> Vec<Vec<Vec<u8>>> {
    crate::pattern::mask::tests::corpus_files()
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).expect("corpus file");
            bytes
                .split(|&c| c == b'\n')
                .filter(|l| l.contains(&b'{'))
                .map(<[u8]>::to_vec)
                .collect()
        })
        .collect()
}

#[test]
fn keyed_mining_is_the_same_on_the_corpus() {
    let (mut keyed, mut hits) = (0, 0);
    for lines in corpus_lines() {
        same_key_masks_alike(&lines);
        keyed += lines.iter().filter(|l| key_of(l).is_some()).count();
        hits += keyed_mining_is_the_same(&lines);
    }
    // Of the corpus's ~1,500 lines holding `{`, those without nesting, escapes
    // or bytes that are not ASCII are keyed; its files are small, so few repeat
    // a key.
    assert!(keyed > 150 && hits >= 5, "{keyed} keyed, {hits} hits");
}

/// Random JSON lines from templates whose digits (`#`) and ids (`%`) are
/// drawn anew for each line, so that many lines share a key.
fn random_lines(seed: u64, templates: usize, per_template: usize) -> Vec<Vec<u8>> {
    let keys = [
        "msg",
        "message",
        "log",
        "time",
        "level",
        "pid",
        "k",
        "k",
        "service",
        "a b",
        "x=y",
        "",
        "/p/q",
        "'s",
        "v",
        "d#",
        "k~",
        "a.b",
        "p/",
        "request_id",
        "q='",
    ];
    let words = [
        "open",
        "#",
        "-#",
        "0x%",
        "blk_#",
        "req-%",
        "#.#.#.#:#",
        "/var/log/x",
        "./a/b",
        "~/c",
        "a=#",
        "k=\\\"a",
        "k='b",
        "b'",
        "'v'",
        "#ms",
        "dn#",
        "<*>",
        "x=<*>",
        "é",
        "[#]:",
        "a,",
        "#.#",
        "t-#",
        "%",
        "#.#.",
        "0X%",
        "a+#",
        "x",
        "e#",
        "-",
        "v#x-abc-#",
        "%.",
        "#X#",
        "{#}",
        "[%]",
        "a\\tb",
        "\\u00e9#",
        "\\u0#e",
        "x\\u00#",
        "id=%",
        "n=#",
        "k=%.",
        "=#",
        "a=#,",
        "t=#\\\"",
        "u=#\\u0041",
        "v=#=%",
        "w=.#",
        "[",
        "#]",
        "#.#]",
        "%]x",
        "h=%z",
        "h=%Z y",
    ];
    let numbers = [
        "#", "-#", "#.#", "0.0000#", "-0", "#e#", "#E-#", "0#", "true", "null", "0", "#.0#",
    ];
    let nested = [
        "{\"a\":#}",
        "[#,\"%\"]",
        "{}",
        "[]",
        "{\"a\":#,\"b\":\"%\",\"c\":[#.#,\"%\",true,null]}",
        "{\"function\":\"main.(*T).h\",\"file\":\"a/b#.go\",\"line\":#}",
        "{\"w\":\"a b #\",\"x\":\"k='v\",\"y\":\"c d\"}",
        "[\"a \",#,\" b\",\"%\",\" c\"]",
        "{ \"a\" : [ # , \"%\" ] , \"b\" :{ } }",
        "{\"a\":#,\"a\":\"%\",\"a\":\"x\"}",
        "{\"k\":\"/var/log/#\",\"p\":\"./a/#\"}",
        "[[[#]],{\"d\":[{\"e\":\"%.\"}]}]",
        "{\"addr\":\"#.#.#.#:#\",\"t\":\"#ms\",\"id\":\"req-%\"}",
        "[\"x=#\",\"y\",\"x=%\",\"'q\"]",
        "{\"msg\":\"inner #\",\"time\":\"#\",\"k1\":#}",
        "{\"e\":#e#,\"f\":-#.#,\"g\":0#}",
        "{\"k#\":\"a\",\"k#\":\"b\"}",
        "{\"q\":\"id=%\",\"r\":\"a=# b\"}",
        "[\"n=# x\",\"v=%\",\"w=%.\"]",
    ];
    let mut rng = XorShift(seed);
    let mut lines = Vec::new();
    for _ in 0..templates {
        let mut t = String::new();
        let mut next = |n: usize| rng.pick(n);
        t.push_str(["", "", "", "", "", "p# | "][next(6)]);
        t.push('{');
        if next(2) == 0 {
            // A first field under a left-out key, as most logs have.
            for _ in 0..1 + next(3) {
                t.push_str(
                    [
                        "\"time\":\"#-#T#:#Z\"",
                        "\"ts\":#.#",
                        "\"level\":\"I#\"",
                        "\"pid\":\"#\"",
                        "\"level\":\"INFO\"",
                        "\"msg\":\"a: #\"",
                        "\"k\":\"v #\"",
                    ][next(7)],
                );
                t.push(',');
            }
        }
        for k in 0..next(7) {
            if k > 0 {
                t.push_str([",", ",", ",", ", ", " ,"][next(5)]);
            }
            t.push('"');
            t.push_str(keys[next(keys.len())]);
            t.push_str(["\":", "\":", "\": "][next(3)]);
            match next(10) {
                0 | 1 => t.push_str(numbers[next(numbers.len())]),
                2 | 4 => t.push_str(nested[next(nested.len())]),
                3 => t.push_str(["\"%\"", "\"#\"", "\"%.\""][next(3)]),
                _ => {
                    t.push('"');
                    for w in 0..next(5) {
                        if w > 0 {
                            t.push_str([" ", " ", "  ", "\\n", "\\t"][next(5)]);
                        }
                        t.push_str(words[next(words.len())]);
                    }
                    t.push('"');
                }
            }
        }
        t.push_str(["}", "}", "}", "}", "}", "} ", "}x", ""][next(8)]);
        for _ in 0..per_template {
            let mut line = Vec::new();
            for c in t.bytes() {
                match c {
                    b'#' => {
                        let len = [1, 1, 2, 3, 4, 5, 15, 16, 20][rng.pick(9)];
                        for d in 0..len {
                            let lead = d == 0 && rng.pick(4) == 0;
                            line.push(if lead {
                                b'0'
                            } else {
                                b'0' + rng.pick(10) as u8
                            });
                        }
                    }
                    b'%' => {
                        let alphabet = b"0123456789abcdefABCDEF.-_+xX";
                        let len = 1 + rng.pick(18);
                        for _ in 0..len {
                            line.push(alphabet[rng.pick(alphabet.len())]);
                        }
                        if rng.pick(3) > 0 {
                            line.push(b'0' + rng.pick(10) as u8);
                        }
                    }
                    b'x' if rng.pick(50) == 0 => line.push(0xff),
                    c => line.push(c),
                }
            }
            lines.push(line);
        }
    }
    lines
}

#[test]
fn keyed_mining_is_the_same_on_random_lines() {
    let (mut checked, mut hits, mut nested, mut escaped) = (0, 0, 0, 0);
    for seed in 1..=6u64 {
        let lines = random_lines(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15), 2_000, 8);
        checked += same_key_masks_alike(&lines);
        hits += keyed_mining_is_the_same(&lines);
        let with_nested: Vec<_> = lines
            .iter()
            .filter(|l| l[1..].windows(2).any(|w| w == b":{" || w == b":["))
            .cloned()
            .collect();
        nested += same_key_masks_alike(&with_nested);
        let with_escapes: Vec<_> = lines.into_iter().filter(|l| l.contains(&b'\\')).collect();
        escaped += same_key_masks_alike(&with_escapes);
    }
    // Many lines share a key with a line masked without digits, nested
    // values or escapes or not.
    assert!(
        checked > 5_000 && hits > 5_000 && nested > 600 && escaped > 1_000,
        "{checked} checked, {hits} hits, {nested} with nested values, {escaped} with escapes"
    );
}

/// The key's hashes of a key written out.
fn hashes_of(key: &[u8]) -> (u64, u64) {
    hashes_by(key, aes_available())
}

/// The key's hashes of a key written out, by AES rounds or not.
fn hashes_by(key: &[u8], aes: bool) -> (u64, u64) {
    let mut padded = key.to_vec();
    padded.resize(key.len().next_multiple_of(16), 0xff);
    key_hashes(&padded, key.len(), aes)
}

/// Every line's key is the reference key, its hashes those of that key
/// written out, and no two different keys share either hash.
fn keys_and_hashes_are_the_reference(lines: &[Vec<u8>]) -> usize {
    // Keys written by AVX-512's compression (where this CPU has it) and by
    // copying runs: the same.
    let mut copying = LineKey::copying();
    for line in lines {
        let want = reference_key(line);
        assert_eq!(copying.build(line).then(|| copying.key().to_vec()), want);
    }
    let mut k = LineKey::default();
    let mut by_hash: [HashMap<u64, Vec<u8>>; 2] = Default::default();
    let mut keyed = 0;
    for line in lines {
        let shown = || String::from_utf8_lossy(line).into_owned();
        let want = reference_key(line);
        assert_eq!(k.build(line).then(|| k.key().to_vec()), want, "{}", shown());
        let h = k.hashes(line);
        assert_eq!(h, want.as_deref().map(hashes_of), "{}", shown());
        let (Some(key), Some(h)) = (want, h) else {
            continue;
        };
        keyed += 1;
        for (seen, h) in by_hash.iter_mut().zip([h.0, h.1]) {
            let first = seen.entry(h).or_insert_with(|| key.clone());
            assert_eq!(*first, key, "two keys, one hash: {}", shown());
        }
    }
    keyed
}

#[test]
fn keys_and_hashes_are_the_reference_on_the_corpus_and_random_lines() {
    let corpus: Vec<Vec<u8>> = corpus_lines().into_iter().flatten().collect();
    assert!(keys_and_hashes_are_the_reference(&corpus) > 150);
    let mut keyed = 0;
    for seed in 1..=6u64 {
        let lines = random_lines(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15), 2_000, 8);
        keyed += keys_and_hashes_are_the_reference(&lines);
    }
    assert!(keyed > 10_000, "{keyed} keyed");
}

#[test]
fn the_hex_digits_of_an_escape_outside_strings_are_no_number() {
    // No JSON (a backslash outside strings), but keyed: the `\u` escapes'
    // hex digits are kept, so `00` is no number with a leading zero.
    let line = br#"{"time":"\","msg":"\u00e96\u00410 k=5"8","k":"55","j":{"a":6,"b":"AAa8"}}"#;
    assert_eq!(keys_and_hashes_are_the_reference(&[line.to_vec()]), 1);
}

#[test]
fn hashes_tell_keys_apart_that_differ_in_one_byte_or_length() {
    // Keys of every length up to three blocks, and each with one byte
    // changed, one byte more or one less: all hashes distinct.
    // Both ways of hashing: AES rounds (where this CPU has them) and not.
    for aes in [aes_available(), false] {
        keys_apart(aes);
    }
}

fn keys_apart(aes: bool) {
    let mut rng = XorShift(0x5eed);
    let mut seen: [HashMap<u64, Vec<u8>>; 2] = Default::default();
    for len in 0..48 {
        let key: Vec<u8> = (0..len).map(|_| b' ' + rng.pick(95) as u8).collect();
        let mut variants = vec![
            key.clone(),
            [&key[..], b"a"].concat(),
            [&key[..], &[MARK]].concat(),
        ];
        for at in 0..len {
            let mut v = key.clone();
            v[at] ^= 1;
            variants.push(v);
        }
        for v in variants {
            let h = hashes_by(&v, aes);
            for (seen, h) in seen.iter_mut().zip([h.0, h.1]) {
                let first = seen.entry(h).or_insert_with(|| v.clone());
                assert_eq!(*first, v);
            }
        }
    }
}

/// Lines whose leading fields are read like a recent line's take that line's
/// marks (`leading::Shape`): levels of two lengths in turn, a value holding an
/// escaped quote, a line ending early, a key of the same length, a prefix.
#[test]
fn leading_fields_read_like_a_recent_line_are_marked_alike() {
    let lines: [&[u8]; 10] = [
        br#"{"time":"2026-11-18T00:00:00.000Z","level":"INFO","msg":"a 1"}"#,
        br#"{"time":"2026-11-18T00:00:01.000Z","level":"DEBUG","msg":"a 2"}"#,
        br#"{"time":"2026-11-18T00:00:02.000Z","level":"WARN","msg":"b"}"#,
        br#"{"time":"2026-11-18T00:00:03.000Z","level":"ERROR","msg":"c 3"}"#,
        br#"{"time":"2026-11-18T00:00:04.000Z","level":"I\"O","msg":"d"}"#,
        br#"{"time":"2026-11-18T00:00:05.000Z","level":"INFO"}"#,
        br#"{"time":"2026-11-18T00:00:06.000Z","lever":"INFO","msg":"e"}"#,
        br#"{"time":"2026-11-18T00:00:07.000Z","level":"INFO","msg":"f 4"}"#,
        br#"web | {"time":"2026-11-18T00:00:08.000Z","level":"INFO","msg":"g"}"#,
        br#"{"time":"2026-11-18T00:00:09.000Z","level":"DEBUG","msg":"a 5"}"#,
    ];
    let mut k = LineKey::default();
    // Twice: the second time every line finds a shape its first reading left.
    for line in lines.iter().chain(lines.iter()) {
        let want = reference_key(line).expect("keyed");
        assert!(k.build(line), "{}", String::from_utf8_lossy(line));
        assert_eq!(
            String::from_utf8_lossy(k.key()),
            String::from_utf8_lossy(&want),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
}
