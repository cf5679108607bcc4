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

/// Nested values that are shown are written by the scanner, compact, as
/// serde_json's `Value::to_string` writes them.
#[test]
fn nested_values_are_read_without_serde() {
    for line in [
        // Go's log/slog JSONHandler with AddSource and a group.
        r#"{"time":"2026-12-01T05:27:46.482238038Z","level":"INFO","source":{"function":"main.sl.Info","file":"slog127demo/slog127demo.go","line":15},"msg":"request finished","service":"demo","req":{"path":"/ok","status":200,"duration":5127}}"#,
        // zap/Caddy: objects of arrays of strings with spaces, quotes, `=`.
        r#"{"level":"info","ts":1716723772.6014807,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.5.1.1","proto":"HTTP/2.0","headers":{"Accept":["*/*"],"User-Agent":["facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"]}},"duration":0.017557019,"resp_headers":{"Content-Security-Policy":["default-src 'self'"],"X":["a=b","\"q\""]}}"#,
        // ECS: dotted keys, objects three deep, big integers.
        r#"{"@timestamp":"2025-01-13T09:58:13.631Z","log.level":"debug","message":"num=39","log":{"logger":"app","origin":{"file":{"line":42,"name":"es_logger.py"},"function":"main"}},"process":{"pid":9159,"thread":{"id":140631176265728,"name":"MainThread"}}}"#,
        // Rust tracing: the message inside `fields`, spans as an array of objects.
        r#"{"timestamp":"2025-10-28T19:15:10.821422Z","level":"INFO","fields":{"message":"shaving yaks"},"target":"fmt_json::yak_shave","spans":[{"yaks":3,"name":"shaving_yaks"},{"yak":1,"name":"shave"}],"threadId":1}"#,
        // Arrays of every kind of value, empty ones.
        r#"{"msg":"m","a":[1,-2,"x",true,false,null,[],{},[[]],[{}]],"e":{},"f":[]}"#,
        // Escapes inside nested values are decoded, then written as serde_json writes them.
        r#"{"msg":"m","ctx":{"q":"say \"hi\"\n","u":"\u00e9\ud83d\ude00\/","c":"\u001f\u007f","t":["a\tb","\\"]}}"#,
        // Numbers serde_json prints anew.
        r#"{"msg":"m","ctx":{"price":2.50,"e":1e3,"z":-0,"f":-0.0,"big":12345678901234567890,"neg":-9223372036854775809,"x":0.000001}}"#,
        // Whitespace inside nested values is dropped.
        "{\"msg\":\"m\",\"ctx\":{ \"a\" : 1 ,\t\"b\":[ 1 , 2.50 ,\r\n{ } ] , \"c\" : { \"d\" : \"e f\" } } }",
        // The MongoDB shape: nested time left out, nested attributes shown.
        r#"{"t":{"$date":"2026-03-10T20:58:09.401+00:00"},"s":"I",  "c":"NETWORK",  "id":22943,   "ctx":"listener","msg":"Connection accepted","attr":{"remote":"10.29.42.162:56982","connectionId":162095}}"#,
    ] {
        assert!(same(line), "{line}");
    }
    // Nesting as deep as the scanner goes.
    let deep = |n: usize| format!(r#"{{"msg":"m","d":{}1{}}}"#, "[".repeat(n), "]".repeat(n));
    assert!(same(&deep(MAX_DEPTH - 1)));
    assert!(!same(&deep(MAX_DEPTH)));
    let deep_objects = format!(
        r#"{{"msg":"m","d":{}"x"{}}}"#,
        r#"{"k":"#.repeat(40),
        "}".repeat(40)
    );
    assert!(same(&deep_objects));
}

/// A field's nested value that already stands as serde_json writes it, as
/// logs write them, is known as such while the line is read (its bytes are
/// then copied, not walked again); any other is written anew.
#[test]
fn nested_values_as_serde_writes_them_are_known_while_reading() {
    let verbatim = |v: &str| {
        let line = format!(r#"{{"msg":"m","v":{v}}}"#);
        assert!(same(&line), "{line}");
        let p = line.len() - v.len() - 1;
        let (_, end, kind) = field_value(line.as_bytes(), p, &mut Default::default()).expect(v);
        assert_eq!(end, p + v.len(), "{v}");
        kind == Kind::Nested { verbatim: true }
    };
    for v in [
        "{}",
        "[]",
        "[[[]]]",
        r#"{"a":1,"b":[true,null,"x y",{}],"c":{"a":-2,"d":false}}"#,
        r#"[{"a":1},{"a":2}]"#,
        r#"{"é":"ü a=b '"}"#,
    ] {
        assert!(verbatim(v), "{v}");
    }
    for v in [
        "{ }",
        r#"{"a": 1}"#,
        "[1 ]",
        "[1,\t2]",
        r#"{"a":"\n"}"#,
        r#"{"\u0062":1}"#,
        "[2.50]",
        "[1e3]",
        "[-0]",
        "[12345678901234567890]",
        r#"{"a":1,"b":{"a":2},"a":3}"#,
    ] {
        assert!(!verbatim(v), "{v}");
    }
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
    // A key given twice, in the line or in a nested object (serde_json keeps
    // the first one's place and the last one's value), an escaped key.
    assert!(!same(r#"{"msg":"a","msg":"b"}"#));
    assert!(!same(r#"{"msg":"m","ctx":{"a": 1, "b":[1, 2.50], "a":2}}"#));
    assert!(!same(r#"{"msg":"m","ctx":[{"a":{"b":1,"b":{}}}]}"#));
    assert!(!same(r#"{"msg":"m","ctx":{"m\u0073g":"a"}}"#));
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
    let files = crate::pattern::mask::tests::corpus_files();
    let (mut objects, mut fast) = (0, 0);
    // Per file: JSON object lines, and those the scanner read.
    let mut per_file = std::collections::BTreeMap::new();
    // One reader for every line, as mining uses it: it knows the keys of the
    // line before.
    let mut reader = JsonReader::default();
    let mut masker = JsonReader::default();
    for f in files {
        let bytes = std::fs::read(&f).expect("corpus file");
        let name = f
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let counts: &mut (usize, usize) = per_file.entry(name).or_default();
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
            counts.0 += usize::from(text.is_some());
            counts.1 += usize::from(scanned);
        }
    }
    // The corpus has hundreds of JSON lines, most of them in the common shape.
    assert!(objects > 300 && fast * 2 > objects, "{fast} of {objects}");
    // Logs whose lines nest values that are shown are read by the scanner,
    // every line: slog with AddSource and a group, Caddy's request, ECS,
    // MongoDB's attributes, Rust tracing's fields and spans, loguru's record,
    // Nextcloud's data, pino, etcd's zap.
    for name in [
        "slog-json-go127.jsonl",
        "lnav-logfile_caddy_log.0",
        "lnav-logfile_caddy_log.1",
        "lnav-logfile_ecs_log.json",
        "lnav-logfile_mongodb.0",
        "lnav-logfile_rust_tracing.0",
        "python-loguru-serialize.jsonl",
        "lnav-logfile_nextcloud.0",
        "lnav-logfile_pino.0",
        "etcd-zap.jsonl",
    ] {
        let (objects, fast) = per_file[name];
        assert!(
            objects > 0 && fast == objects,
            "{name}: {fast} of {objects}"
        );
    }
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
    // Inside nested values: keys given twice (`\u0061` is `a`), and leaves
    // of every kind, numbers serde_json prints anew, strings with escapes,
    // spaces, quotes and `=`, and a few that serde_json refuses.
    let nested_keys = [
        "\"a\"",
        "\"b\"",
        "\"c d\"",
        "\"x=y\"",
        "\"\"",
        "\"é\"",
        "\"msg\"",
        "\"\\u0061\"",
        "\"q\\\"\"",
    ];
    let leaves = [
        "\"v\"",
        "\"a b\"",
        "\"a=b\"",
        "\"\"",
        "\"q\\\"\"",
        "\"\\n\\t\\r\\b\\f\"",
        "\"\\u00e9\\ud83d\\ude00\"",
        "\"\\/\\\\\"",
        "\"\\u001f\\u007f\"",
        "\"é ü\"",
        "0",
        "-1",
        "123456789012345678",
        "12345678901234567890",
        "-9223372036854775809",
        "-0",
        "-0.0",
        "2.50",
        "1e3",
        "1E-7",
        "0.000001",
        "true",
        "false",
        "null",
        "{}",
        "[]",
        "1e400",
        "\"\\ud800\"",
        "tru",
    ];
    let seps = [",", ", ", " ,", ",,", ""];
    // One reader for every line: lines with the same keys follow each other
    // often (few keys), with values of other kinds.
    let mut reader = JsonReader::default();
    let mut masker = JsonReader::default();
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut next = |n: usize| rng.pick(n);
    let mut leaf = |next: &mut dyn FnMut(usize) -> usize| leaves[next(leaves.len())].to_string();
    // Lines holding a nested value that the scanner read.
    let mut nested_fast = 0;
    for _ in 0..40_000 {
        let mut line = String::from(["", "p | ", " "][next(3)]);
        line.push('{');
        let mut nested = false;
        for k in 0..next(5) {
            if k > 0 {
                let odd = next(8) == 0;
                line.push_str(seps[if odd { next(5) } else { 0 }]);
            }
            line.push_str(keys[next(keys.len())]);
            line.push_str([":", " : "][next(2)]);
            if next(3) == 0 {
                let depth = [1, 2, 3, 8][next(4)];
                push_nested(&mut next, depth, &nested_keys, &mut leaf, &mut line);
                nested = true;
            } else {
                line.push_str(values[next(values.len())]);
            }
        }
        let odd = next(10) == 0;
        line.push_str(["}", "} ", "}x", ""][if odd { next(4) } else { 0 }]);
        let (text, fast) = read_with(&mut reader, line.as_bytes());
        assert_eq!(text, json_text::readable(line.as_bytes()), "{line}");
        masks_like_the_text(&mut masker, line.as_bytes());
        nested_fast += usize::from(nested && fast);
    }
    assert!(nested_fast > 5_000, "{nested_fast}");
}

/// A random leaf of a nested value, from a random index in `0..n`.
type Leaf<'a> = dyn FnMut(&mut dyn FnMut(usize) -> usize) -> String + 'a;

/// Appends a random nested value, an object or an array up to `depth` deep:
/// keys from `keys`, leaves from `leaf`, nested values within, JSON whitespace
/// here and there.
fn push_nested(
    next: &mut dyn FnMut(usize) -> usize,
    depth: usize,
    keys: &[&str],
    leaf: &mut Leaf,
    out: &mut String,
) {
    let ws = |next: &mut dyn FnMut(usize) -> usize| {
        if next(6) == 0 {
            [" ", "\t", "\r\n ", "  "][next(4)]
        } else {
            ""
        }
    };
    let object = next(2) == 0;
    out.push(if object { '{' } else { '[' });
    for k in 0..next(5) {
        if k > 0 {
            out.push(',');
        }
        out.push_str(ws(next));
        if object {
            out.push_str(keys[next(keys.len())]);
            out.push_str(ws(next));
            out.push(':');
            out.push_str(ws(next));
        }
        if depth > 1 && next(3) == 0 {
            push_nested(next, depth - 1, keys, leaf, out);
        } else {
            let value = leaf(next);
            out.push_str(&value);
        }
        out.push_str(ws(next));
    }
    out.push(if object { '}' } else { ']' });
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
    let numbers = ["12", "-3", "1.50", "true", "null", "1e2", "-0", "0.000001"];
    let nested_keys = [
        "\"a\"", "\"b\"", "\"k=\"", "\"/p\"", "\"a b\"", "\"'s\"", "\"1\"",
    ];
    let mut reader = JsonReader::default();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut next = |n: usize| rng.pick(n);
    let (mut masked, mut nested_fast) = (0, 0);
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
        let mut nested = false;
        for k in 0..next(6) {
            if k > 0 {
                line.push(',');
            }
            line.push('"');
            line.push_str(keys[next(keys.len())]);
            line.push_str("\":");
            match next(8) {
                0 => line.push_str(["12", "-3", "1.50", "true", "null", "1e2"][next(6)]),
                1 | 2 => {
                    let mut leaf = |next: &mut dyn FnMut(usize) -> usize| match next(3) {
                        0 => numbers[next(numbers.len())].to_string(),
                        _ => string(next),
                    };
                    let depth = 1 + next(3);
                    push_nested(&mut next, depth, &nested_keys, &mut leaf, &mut line);
                    nested = true;
                }
                _ => line.push_str(&string(&mut next)),
            }
        }
        line.push('}');
        masked += usize::from(masks_like_the_text(&mut reader, line.as_bytes()));
        nested_fast += usize::from(nested && read(line.as_bytes()).1);
    }
    assert!(masked > 20_000, "{masked}");
    assert!(nested_fast > 5_000, "{nested_fast}");
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

/// A JSON message that starts by calling a name holding a digit keeps it,
/// as `mask_into` keeps it (`mask::call_name`), a field's value does not.
#[test]
fn a_messages_call_name_is_masked_as_in_the_text() {
    let mut reader = JsonReader::default();
    for line in [
        r#"{"level":"info","msg":"accept4(3) = 5","fd":"wait4(1)"}"#,
        r#"{"msg":"h2_stream(1): opened","n":2}"#,
        r#"{"msg":"<... wait4 resumed> = 5","n":2}"#,
    ] {
        assert!(masks_like_the_text(&mut reader, line.as_bytes()), "{line}");
    }
}
