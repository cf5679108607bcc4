use super::*;
use crate::pattern::mask::{Masked, mask_into};
use crate::test_rng::XorShift;

/// The reader's text, and whether the scanner (not serde_json) produced it.
fn read(line: &[u8]) -> (Option<String>, bool) {
    read_with(&mut JsonReader::default(), line)
}

/// As `read`, with a reader that has read other lines before (so that it knows
/// their keys).
fn read_with(reader: &mut JsonReader, line: &[u8]) -> (Option<String>, bool) {
    let mut out = Vec::new();
    let fast = scan(line, &mut out, &mut reader.scanner).is_some();
    let text = reader
        .read(line, &mut out)
        .then(|| String::from_utf8(out).expect("UTF-8"));
    (text, fast)
}

/// Reads like `json_text::readable`, and says whether the scanner did it.
fn same(line: &str) -> bool {
    let (text, fast) = read(line.as_bytes());
    assert_eq!(text, json_text::readable(line.as_bytes()), "{line}");
    fast
}

#[test]
fn the_common_shape_is_read_without_serde() {
    assert!(same(
        r#"{"time":"2026-11-18T00:00:00.000Z","level":"INFO","service":"api","msg":"user=953868 opened socket","request_id":"032b9e96757c781c","latency_ms":836,"status":201}"#
    ));
    assert_eq!(
        read(br#"{"ts":1.5,"msg":"slow query","sql":"select 1","ok":true,"n":null,"x":-3}"#).0,
        Some(r#"slow query  sql="select 1"  ok=true  n=null  x=-3"#.to_string())
    );
    // The message is the first message key holding a string.
    assert!(same(r#"{"msg":7,"message":"real","log":"not this"}"#));
    // Noise, time and level keys are left out, nested or not.
    assert!(same(
        r#"{"time":{"s":1,"ns":[2,3]},"pid":12,"hostname":"h","v":0,"lvl":"warn","msg":"x"}"#
    ));
    assert!(same(r#"{}"#));
    assert!(same(r#"{"a":"b"}   "#));
    assert!(same(" { \"msg\" : \"spaced\" , \"k\" : 1 }\t"));
}

#[test]
fn lines_with_the_keys_of_the_line_before_read_alike() {
    let mut reader = JsonReader::default();
    let mut same_after = |line: &str| {
        let (text, fast) = read_with(&mut reader, line.as_bytes());
        assert_eq!(text, json_text::readable(line.as_bytes()), "{line}");
        fast
    };
    assert!(same_after(r#"{"time":"t","msg":"first","k":1}"#));
    assert!(same_after(r#"{"time":"t","msg":"second","k":"a b"}"#));
    // The same keys, but the message key holds no string: no message.
    assert!(same_after(r#"{"time":"t","msg":3,"k":2}"#));
    // Another message key of the same shape takes over when `msg` is no string.
    assert!(same_after(r#"{"log":"from log","msg":null}"#));
    assert!(same_after(r#"{"log":"from log","msg":"from msg"}"#));
    // Keys given twice are never learned as a shape; the next line is read anew.
    assert!(!same_after(r#"{"msg":"a","msg":"b"}"#));
    assert!(!same_after(r#"{"msg":"a","msg":"b"}"#));
    assert!(same_after(r#"{"msg":"a","msh":"b"}"#));
    assert!(same_after(r#"{"msg":"a","msg2":"b"}"#));
    assert!(same_after(r#"{"ms":"a","gmsg":"b"}"#));
}

#[test]
fn escapes_read_as_serde_reads_them() {
    for line in [
        r#"{"msg":"said \"hi\"\n\n","path":"C:\\tmp\\x","tab":"a\tb","nul":"\u0000","e":"\u00e9\ud83d\ude00"}"#,
        r#"{"msg":"ok","ctl":"\u001f\b\f\r","slash":"a\/b"}"#,
        r#"{"msg":"GET / 200\n","stream":"stdout","time":"2022-03-24T17:23:05.1Z"}"#,
    ] {
        assert!(same(line), "{line}");
    }
    // A lone surrogate: serde_json refuses the line, and so does the reader,
    // even where the text leaves the string out (a left-out key, a nested
    // value under one, a nested key).
    assert!(!same(r#"{"msg":"\ud800 x"}"#));
    for line in [
        r#"{"msg":"m","time":"\ud800"}"#,
        r#"{"msg":"m","time":"\udc00\ud800"}"#,
        r#"{"msg":"m","time":"\ud800\n"}"#,
        r#"{"msg":"m","time":"\ud83d\ud83d"}"#,
        r#"{"msg":"m","time":{"a":["\ud800"]}}"#,
        r#"{"msg":"m","time":{"\ude00":1}}"#,
        r#"{"msg":"m","n":{"\ude00":1}}"#,
    ] {
        assert_eq!(read(line.as_bytes()).0, None, "{line}");
        assert_eq!(json_text::readable(line.as_bytes()), None, "{line}");
    }
    assert!(same(
        r#"{"msg":"m","time":"\ud83d\ude00\uDBFF\uDFFF","n":"\uD83D\uDE00"}"#
    ));
    assert!(!same(r#"{"msg":"bad \q escape"}"#));
}

#[test]
fn numbers_print_as_serde_prints_them() {
    for n in [
        "0",
        "-1",
        "123456789012345678",
        "1234567890123456789",
        "99999999999999999999",
        "-9223372036854775809",
        "-0",
        "1.50",
        "1e5",
        "2.5E-3",
        "-0.0",
        "0.2477829",
        "1e400",
    ] {
        same(&format!(r#"{{"msg":"m","n":{n}}}"#));
    }
    assert!(same(r#"{"msg":"m","n":12}"#));
    // A number beyond f64's range makes serde_json refuse the line, even where
    // the text leaves it out: under a left-out key, in a nested value there.
    let huge = format!("1{}", "0".repeat(400));
    for line in [
        r#"{"msg":"m","pid":1e400}"#.to_string(),
        r#"{"msg":"m","pid":-2.5E+308}"#.to_string(),
        format!(r#"{{"msg":"m","time":{huge}}}"#),
        format!(r#"{{"msg":"m","n":-{huge}}}"#),
        r#"{"msg":"m","time":{"a":[1,1e309]}}"#.to_string(),
        r#"{"msg":"m","n":{"a":[1,1e309]}}"#.to_string(),
    ] {
        assert_eq!(read(line.as_bytes()).0, None, "{line}");
        assert_eq!(json_text::readable(line.as_bytes()), None, "{line}");
    }
    // Long ones within it are read.
    let long_fraction = format!("0.{}1", "0".repeat(400));
    for n in [&huge[..300], &long_fraction, "1e-400", "1.7e308", "-1e308"] {
        same(&format!(r#"{{"msg":"m","pid":{n},"n":{n},"d":[{n}]}}"#));
    }
    // Not JSON numbers.
    for n in ["01", "1.", ".5", "+1", "1e", "-"] {
        assert!(!same(&format!(r#"{{"msg":"m","n":{n}}}"#)), "{n}");
    }
}

#[test]
fn unusual_lines_are_left_to_serde() {
    // A nested value that is shown, a key given twice, an escaped key.
    assert!(!same(r#"{"msg":"m","ctx":{"a": 1, "b":[1, 2.50]}}"#));
    assert!(!same(r#"{"msg":"a","msg":"b"}"#));
    assert!(!same(r#"{"m\u0073g":"a"}"#));
    // A prefix before the JSON stays in front (docker compose).
    assert!(same(
        r#"caddy  | {"level":"info","ts":1761019822.3,"msg":"serving"}"#
    ));
    assert!(same("web-1 \x0b {\"msg\":\"x\"}"));
    assert!(!same("pré {\"msg\":\"x\"}"));
}

#[test]
fn what_is_not_a_json_object_is_refused() {
    for line in [
        "plain text",
        "[1,2,3]",
        "{broken",
        r#"{"a":1} trailing"#,
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{"a":tru}"#,
        r#"{"a":"raw	tab"}"#,
        "{\"a\":\"\u{7f}\"}",
    ] {
        let (text, _) = read(line.as_bytes());
        assert_eq!(text, json_text::readable(line.as_bytes()), "{line}");
    }
    let mut bad = br#"{"msg":"x"#.to_vec();
    bad.extend_from_slice(b"\xff\"}");
    assert_eq!(read(&bad).0, None);
    assert_eq!(json_text::readable(&bad), None);
}

/// Every line of the corpus that holds a `{` reads the same as through serde_json.
#[test]
fn reads_like_serde_on_the_corpus() {
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
    let (mut objects, mut fast) = (0, 0);
    // One reader for every line, as mining uses it: it knows the keys of the
    // line before.
    let mut reader = JsonReader::default();
    let mut masker = JsonReader::default();
    for f in files {
        let bytes = std::fs::read(&f).expect("corpus file");
        for line in bytes.split(|&c| c == b'\n').filter(|l| l.contains(&b'{')) {
            let (text, scanned) = read_with(&mut reader, line);
            assert_eq!(
                text,
                json_text::readable(line),
                "{f:?}: {}",
                String::from_utf8_lossy(line)
            );
            masks_like_the_text(&mut masker, line);
            objects += usize::from(text.is_some());
            fast += usize::from(scanned);
        }
    }
    // The corpus has hundreds of JSON lines, most of them in the common shape.
    assert!(objects > 300 && fast * 2 > objects, "{fast} of {objects}");
}

/// Random lines built from JSON pieces, valid and not, read the same as through serde_json.
#[test]
fn reads_like_serde_on_random_lines() {
    let keys = [
        "\"msg\"",
        "\"message\"",
        "\"log\"",
        "\"time\"",
        "\"level\"",
        "\"pid\"",
        "\"k\"",
        "\"k\"",
        "\"a b\"",
        "\"x=y\"",
        "\"\"",
    ];
    let values = [
        "\"v\"",
        "\"a b\"",
        "\"a=b\"",
        "\"\"",
        "\"q\\\"\"",
        "\"\\n\"",
        "\"\\u00e9\"",
        "\"é\"",
        "1",
        "-0",
        "2.50",
        "1e3",
        "true",
        "null",
        "{}",
        "[]",
        "{\"n\":[1,{}]}",
        "[1,\"a\"]",
        "tru",
        "01",
        "\"\\x\"",
    ];
    let seps = [",", ", ", " ,", ",,", ""];
    // One reader for every line: lines with the same keys follow each other
    // often (few keys), with values of other kinds.
    let mut reader = JsonReader::default();
    let mut masker = JsonReader::default();
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut next = |n: usize| rng.pick(n);
    for _ in 0..20_000 {
        let mut line = String::from(["", "p | ", " "][next(3)]);
        line.push('{');
        for k in 0..next(5) {
            if k > 0 {
                let odd = next(8) == 0;
                line.push_str(seps[if odd { next(5) } else { 0 }]);
            }
            line.push_str(keys[next(keys.len())]);
            line.push_str([":", " : "][next(2)]);
            line.push_str(values[next(values.len())]);
        }
        let odd = next(10) == 0;
        line.push_str(["}", "} ", "}x", ""][if odd { next(4) } else { 0 }]);
        let (text, _) = read_with(&mut reader, line.as_bytes());
        assert_eq!(text, json_text::readable(line.as_bytes()), "{line}");
        masks_like_the_text(&mut masker, line.as_bytes());
    }
}

/// `JsonReader::mask` gives what `mask_into` gives on the readable text (the
/// miner's input before the JSON path masked lines as it scanned them): the
/// same text and token bounds, and false exactly when there is no text.
fn masks_like_the_text(reader: &mut JsonReader, line: &[u8]) -> bool {
    let mut got = Masked {
        text: b"left over".to_vec(),
        tokens: vec![(0, 4)],
    };
    let ok = reader.mask(line, &mut got);
    let shown = || String::from_utf8_lossy(line).into_owned();
    match json_text::readable(line) {
        Some(text) => {
            let mut want = Masked::default();
            mask_into(text.as_bytes(), &mut want);
            assert!(ok, "{}", shown());
            assert_eq!(
                String::from_utf8_lossy(&got.text),
                String::from_utf8_lossy(&want.text),
                "{}",
                shown()
            );
            assert_eq!(got.tokens, want.tokens, "{}", shown());
        }
        None => assert!(!ok, "{}", shown()),
    }
    ok
}

/// Random lines whose messages and values hold what masking treats apart
/// (numbers, ids, paths, quotes that open values, lists of values, `key=`
/// pairs, whitespace of every kind) mask as their readable text masks.
#[test]
fn masks_like_the_readable_text_on_random_lines() {
    let keys = [
        "msg", "message", "log", "time", "level", "pid", "k", "k2", "id_1", "a b", "x=y", "",
        "/p/q", "q\\\"", "'s", "v", "d1", "k~", "a.b", "p/",
    ];
    let words = [
        "open",
        "42",
        "-7",
        "0x1f",
        "blk_123",
        "req-3a4b",
        "10.0.0.1:80",
        "/var/log/x",
        "./a/b",
        "~/c",
        "a=1",
        "k=\\\"a",
        "k='b",
        "b'",
        "c\\\"",
        "\\\"q\\\"",
        "'v'",
        "12ms",
        "dn228",
        "<*>",
        "x=<*>",
        "é",
        "[2915]:",
        "a,",
        "1.5",
        "t-126",
        "deadbeef",
        "444c0d9b389877e8",
        "1.5.",
        "0X1F",
        "a+1",
        "x",
        "~x",
        "t~1",
        "1,2",
        "ab_",
        "e5",
        "-",
    ];
    let spaces = [" ", "  ", "\\t", "\\n", "\\r", "\\f", "\\u000b", "\\u00a0"];
    let mut reader = JsonReader::default();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut next = |n: usize| rng.pick(n);
    let mut masked = 0;
    for _ in 0..30_000 {
        let string = |next: &mut dyn FnMut(usize) -> usize| {
            let mut s = String::from("\"");
            for w in 0..next(6) {
                if w > 0 {
                    s.push_str(spaces[next(spaces.len())]);
                }
                s.push_str(words[next(words.len())]);
            }
            s.push('"');
            s
        };
        let mut line = String::from(["", "", "", "p | ", "x=\"a | "][next(5)]);
        line.push('{');
        for k in 0..next(6) {
            if k > 0 {
                line.push(',');
            }
            line.push('"');
            line.push_str(keys[next(keys.len())]);
            line.push_str("\":");
            match next(8) {
                0 => line.push_str(["12", "-3", "1.50", "true", "null", "1e2"][next(6)]),
                1 => line.push_str(["{}", "[1]", "{\"a\":1}"][next(3)]),
                _ => line.push_str(&string(&mut next)),
            }
        }
        line.push('}');
        masked += usize::from(masks_like_the_text(&mut reader, line.as_bytes()));
    }
    assert!(masked > 20_000, "{masked}");
}

/// The eight-bytes-at-a-time scan stops at the first byte a string's scan must
/// look at, wherever it falls in a word, whatever comes after it.
#[test]
fn plain_runs_end_at_the_first_special_byte() {
    let special = [b'"', b'\\', 0x00, 0x1f, 0x80, 0xff, 0xc3];
    let plain = [b'a', b' ', b'!', b'#', b'[', b']', 0x20, 0x7f, b'~', b'0'];
    let is_special = |c: u8| !(0x20..0x80).contains(&c) || c == b'"' || c == b'\\';
    for len in 0..40 {
        for (k, &fill) in plain.iter().enumerate() {
            let mut run: Vec<u8> = (0..len).map(|i| plain[(i + k) % plain.len()]).collect();
            assert_eq!(plain_run_end(&run, 0), len, "{run:?}");
            for at in 0..len {
                for &s in &special {
                    for &after in &[fill, s, 0x00, 0x80] {
                        let saved = run.clone();
                        run[at] = s;
                        if at + 1 < len {
                            run[at + 1] = after;
                        }
                        let first = run.iter().position(|&c| is_special(c));
                        assert_eq!(Some(plain_run_end(&run, 0)), first, "{run:?}");
                        let from = at.min(3);
                        assert_eq!(
                            plain_run_end(&run, from),
                            from + run[from..]
                                .iter()
                                .position(|&c| is_special(c))
                                .unwrap_or(len - from),
                            "{run:?} from {from}"
                        );
                        run = saved;
                    }
                }
            }
        }
    }
}
