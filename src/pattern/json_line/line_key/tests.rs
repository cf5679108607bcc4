use super::*;
use crate::pattern::Miner;
use crate::pattern::json_line::JsonReader;
use crate::pattern::mask;
use crate::test_rng::XorShift;

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
        for avx2 in [false, has_avx2()] {
            assert_eq!(classify(b, &mut got, avx2), bytes, "{b:?}");
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
        (
            br#"{"a":"x","time":"1:2"}"#,
            b"{\"a\":\"x\",\"time\":\"\x01\"}",
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
}

#[test]
fn lines_the_key_cannot_vouch_for() {
    for line in [
        &br#"{"msg":"a\"b"}"#[..],       // an escape
        br#"{"msg":"caf\xc3\xa9"}"#,     // not ASCII
        b"{\"msg\":\"a\tb\"}",           // a control byte
        br#"p | {"msg":"x"}"#,           // a prefix
        br#"{"msg":"x"} "#,              // after the object
        br#"{"msg":"x","ctx":{"a":1}}"#, // nested
        br#"{"msg":"x","l":[1]}"#,       // nested
        br#"{"k1":"x","k2":"y"}"#,       // a key with a digit
        br#"{"msg":"1" ,"b":2}"#,        // a digit string not followed by `,`
        br#"{"n":01}"#,                  // a leading zero
        br#"{"n":-012}"#,                // a leading zero
        br#"{"n":1e5}"#,                 // an exponent
        br#"{"n":1.5E-3}"#,              // an exponent
        br#"{"n":1234567890123456}"#,    // 16 digits
        br#"{"msg":"unclosed}"#,         // no closing quote
    ] {
        assert_eq!(key_of(line), None, "{}", String::from_utf8_lossy(line));
    }
    for line in [
        &br#"{"n":0,"f":0.05,"g":-0,"h":-3.25,"b":true,"z":null}"#[..],
        br#"{"msg":"[1]{2}","k":"a b 12"}"#,
        br#"{ "msg" : "x" , "n" : 12 }"#,
        br#"{"k":"12"}"#,
        br#"{}"#,
    ] {
        assert!(key_of(line).is_some(), "{}", String::from_utf8_lossy(line));
    }
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

/// Mines `lines` as `mine_chunk` mines a JSON source, with keys and without:
/// the same template for every line, the same templates.
fn keyed_mining_is_the_same(lines: &[Vec<u8>]) -> usize {
    let (mut plain, mut keyed) = (Miner::new(), Miner::new());
    let (mut reader, mut keyed_reader) = (JsonReader::default(), JsonReader::default());
    let mut keys = KeyedLines::default();
    let mut m = Masked::default();
    for line in lines {
        let want = if reader.mask(line, &mut m) {
            plain.add_masked(&m, 1)
        } else {
            plain.add(mask::message(line))
        };
        let got = match keys.get(line) {
            Some(id) => {
                keyed.seen_again(id);
                id
            }
            None if keyed_reader.mask(line, &mut m) => {
                let id = keyed.add_masked(&m, 1);
                keys.insert(&m, id);
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
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("corpus directory").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, files);
            } else {
                files.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("../shared/corpus"), &mut files);
    files.sort();
    files
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
    ];
    let numbers = [
        "#", "-#", "#.#", "0.0000#", "-0", "#e#", "#E-#", "0#", "true", "null", "0", "#.0#",
    ];
    let nested = ["{\"a\":#}", "[#,\"%\"]", "{}", "[]"];
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
                2 if next(3) == 0 => t.push_str(nested[next(nested.len())]),
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
    let mut checked = 0;
    let mut hits = 0;
    for seed in 1..=6u64 {
        let lines = random_lines(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15), 2_000, 8);
        checked += same_key_masks_alike(&lines);
        hits += keyed_mining_is_the_same(&lines);
    }
    // Many lines share a key with a line masked without digits.
    assert!(
        checked > 5_000 && hits > 5_000,
        "{checked} checked, {hits} hits"
    );
}
