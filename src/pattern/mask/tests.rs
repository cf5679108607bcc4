use super::*;
use crate::test_rng::XorShift;

fn masked(s: &str) -> String {
    let mut m = Masked::default();
    mask_into(message(s.as_bytes()), &mut m);
    String::from_utf8_lossy(&m.text).into_owned()
}

/// Masks a message as it is (no header or level skipped).
fn mask(s: &str) -> String {
    let mut m = Masked::default();
    mask_into(s.as_bytes(), &mut m);
    String::from_utf8_lossy(&m.text).into_owned()
}

#[test]
fn headers_are_skipped_and_variables_masked() {
    // Lines from ../shared/corpus/loghub, one per format.
    assert_eq!(
        masked(
            "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating"
        ),
        "PacketResponder <*> for block blk_<*> terminating"
    );
    assert_eq!(
        masked(
            "03-17 16:13:38.819  1702  8671 D PowerManagerService: acquire lock=233570404, flags=0x1, tag=\"View Lock\", name=com.android.systemui, ws=null, uid=10037, pid=2227"
        ),
        "acquire lock=<*>, flags=<*>, tag=\"<*>\", name=com.android.systemui, ws=null, uid=<*>, pid=<*>"
    );
    assert_eq!(
        masked(
            "- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root"
        ),
        // The program tag has digits, so it is read as header (Loghub's content agrees).
        "session closed for user root"
    );
    assert_eq!(
        masked("17/06/09 20:10:40 INFO storage.BlockManager: Found block rdd_2_3 locally"),
        "Found block rdd_<*> locally"
    );
    assert_eq!(
        masked(
            "2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b-2096-447d-96ea-a692162415ae 113d3a99c3da401fbd62cc2caa5b96d2 - - -] 10.11.10.1 \"GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1\" status: 200 len: 1893 time: 0.2477829"
        ),
        "<*> \"GET <*> HTTP/<*>\" status: <*> len: <*> time: <*>"
    );
}

#[test]
fn a_line_without_header_is_kept_whole() {
    assert_eq!(
        masked("ws reconnect attempt 41"),
        "ws reconnect attempt <*>"
    );
    assert_eq!(masked("took 12ms at 0x7ffe"), "took <*>ms at <*>");
}

#[test]
fn levels_and_loggers() {
    assert_eq!(masked("INFO starting up"), "starting up");
    assert_eq!(masked("[warn] disk low"), "disk low");
    assert_eq!(masked("<E> boom"), "boom");
    assert_eq!(masked("12:00 error: boom"), "boom");
    // A one-letter level counts after a header, and only in upper case.
    assert_eq!(masked("12:00 W slow"), "slow");
    assert_eq!(masked("12:00 w slow"), "w slow");
    assert_eq!(masked("I think so"), "I think so");
    // Longer than any level word: not one.
    assert_eq!(masked("12:00 INFORMATION x"), "INFORMATION x");
    assert_eq!(masked("12:00 INFO app.Main: [main] go"), "go");
}

#[test]
fn numbers() {
    assert_eq!(mask("count 42 of -7 at 1.5"), "count <*> of <*> at <*>");
    assert_eq!(mask("range 10-12 or +3"), "range <*> or <*>");
    // Values in a row read as one.
    assert_eq!(mask("sizes 10 12 +3 end"), "sizes <*> end");
    assert_eq!(mask("x=1,y=-2;"), "x=<*>,y=<*>;");
    // Digits inside a word: each run masked, the letters kept.
    assert_eq!(mask("dn228 v2beta"), "dn<*> v<*>beta");
}

#[test]
fn hex() {
    assert_eq!(mask("at 0x7ffe0010 flags=0X1F"), "at <*> flags=<*>");
    assert_eq!(
        mask("digest 113d3a99c3da401fbd62cc2caa5b96d2"),
        "digest <*>"
    );
    // Hex letters only, no digit: a word.
    assert_eq!(mask("cafe added"), "cafe added");
}

#[test]
fn ids() {
    assert_eq!(
        mask("req-38101a0b-2096-447d-96ea-a692162415ae done"),
        "req-<*> done"
    );
    assert_eq!(
        mask("kiosk-07 blk_-6952295868487656571"),
        "kiosk-<*> blk_<*>"
    );
    assert_eq!(mask("rdd_2_3 tenant-10266"), "rdd_<*> tenant-<*>");
    assert_eq!(
        mask("uuid 550e8400-e29b-41d4-a716-446655440000"),
        "uuid <*>"
    );
    // A list of ids reads as one value.
    assert_eq!(mask("blocks blk_1 blk_2 blk_3 ok"), "blocks blk_<*> ok");
}

#[test]
fn addresses() {
    assert_eq!(mask("from 10.0.0.1:443, to fe80::1"), "from <*>, to <*>");
    assert_eq!(mask("mac 00:1a:2b:3c:4d:5e."), "mac <*>.");
    // Not a path (one slash): the address's pieces are masked one by one.
    assert_eq!(mask("peer /10.250.19.102:54106"), "peer /<*>:<*>");
    assert_eq!(mask("host(10.0.0.1)"), "host(<*>)");
}

/// Java layouts put the thread before the level (logback's default `%d
/// [%thread] %-5level %logger - %msg`), a context and an MDC value before the
/// logger (`INFO  [main] r-1001 c.e.o.OrderService - msg`), or pad the logger
/// before a colon (Spring Boot). The message is what follows the logger's
/// `-` or `:`, whichever thread logged it, at whatever level; the corpus's
/// lines.
#[test]
fn java_layouts_leave_thread_level_and_logger_out() {
    for line in [
        "2026-11-24T00:41:47.339+10:30 [main] INFO  com.example.orders.OrderService - OrderService starting on JVM 17.0.15",
        "2026-11-24T00:41:47.339+10:30 [config-reloader] WARN  com.example.orders.OrderService - OrderService starting on JVM 17.0.15",
        "14:11:47.525 [main] DEBUG com.example.billing.InvoiceJob - OrderService starting on JVM 17",
        "2026-11-24 00:41:47,339 INFO  [main] r-1001 c.e.o.OrderService - OrderService starting on JVM 17.0.15",
        "2026-11-24 00:41:47,339 ERROR [pool-1-thread-3] r-1002 c.e.o.OrderService - OrderService starting on JVM 17.0.15",
        "2025-01-24T07:00:30,227 INFO [main                     ] FarmApplication          : OrderService starting on JVM 21.0.5",
    ] {
        assert_eq!(masked(line), "OrderService starting on JVM <*>", "{line}");
    }
    // A dash or colon in the message itself stays.
    assert_eq!(
        masked("2026-11-24 00:41:47,339 INFO starting a - b"),
        "starting a - b"
    );
    assert_eq!(
        masked("2026-11-24 00:41:47,339 ERROR failed - retrying"),
        "failed - retrying"
    );
    assert_eq!(masked("2026-11-24 00:41:47,339 INFO [main] start"), "start");
}

/// log4j's `[%t:%C{1}@%L] - %m` (ZooKeeper's layout): the context holds a
/// `:`, and brackets when the thread's name does (`QuorumPeer[myid=1]`); with
/// the logger's `-` after it, it is the header's. ZooKeeper's MDC before the
/// level (`[myid:1]`, `[myid:]` in standalone mode) too.
#[test]
fn a_context_holding_a_colon_before_the_loggers_dash_is_header() {
    for line in [
        "2026-11-23 14:11:37,883 - INFO  [main:QuorumPeerConfig@177] - Reading configuration from: /x/zoo.cfg",
        "2026-11-23 14:11:44,195 - WARN  [NIOWorkerThread-1:NIOServerCnxn@380] - Reading configuration from: /x/zoo.cfg",
        "2026-11-23 14:11:37,883 [myid:1] - INFO  [QuorumPeer[myid=1](plain=0.0.0.0:2181)(secure=disabled):Learner@91] - Reading configuration from: /x/zoo.cfg",
        "2026-11-23 14:11:37,883 [myid:] - INFO  [main:QuorumPeerConfig@177] - Reading configuration from: /x/zoo.cfg",
    ] {
        assert_eq!(masked(line), "Reading configuration from: <*>", "{line}");
    }
    // An empty message stays empty.
    assert_eq!(
        masked("2026-11-23 14:11:38,118 - INFO  [main:ZookeeperBanner@42] - "),
        ""
    );
    // Without the separator after it, a bracket holding a colon is the message's.
    assert_eq!(
        masked("2026-11-23 14:11:37,883 - INFO  [a:b] c - d"),
        "[a:b] c - d"
    );
    assert_eq!(
        masked("2026-11-23 14:11:37,883 INFO [client 10.0.0.1:80] refused"),
        "[client <*>] refused"
    );
}

/// capnslog's `LEVEL | package: message` (etcd): the `|` and the package are
/// the header's, at any level letter (`N` is its notice).
#[test]
fn a_package_after_a_pipe_is_header() {
    for line in [
        "2026-11-23 14:10:13.032871 I | etcdmain: etcd Version: 3.4.23",
        "2026-11-23 14:10:13.032871 N | etcdserver/membership: etcd Version: 3.4.23",
        "2026-11-23 14:10:13.032871 W | pkg/fileutil: etcd Version: 3.4.23",
    ] {
        assert_eq!(masked(line), "etcd Version: <*>", "{line}");
    }
    // loguru's `| name:function:line - message`.
    assert_eq!(
        masked("2026-11-23 14:06:47.762 | INFO     | __main__:<module>:18 - loguru demo starting"),
        "loguru demo starting"
    );
    // After the pipe, a message without a package keeps its words.
    assert_eq!(
        masked("2026-11-23 14:10:13 I | ready to serve"),
        "ready to serve"
    );
    assert_eq!(masked("2026-11-23 14:10:13 I | a - b"), "a - b");
}

/// A syslog host (no digit) before a `program[pid]:` tag is header, and the
/// tag is too: the message is what follows them.
#[test]
fn a_host_before_a_program_and_pid_is_header() {
    for line in [
        "Nov 23 14:08:38 vm sshd[9919]: Server listening on 0.0.0.0 port 22.",
        "2026-11-23T15:02:58.165402+01:00 vm sshd[9919]: Server listening on 0.0.0.0 port 22.",
        "Nov 23 14:08:38 Tim-Stacks-iMac.local sshd[0]: Server listening on 0.0.0.0 port 22.",
        "Nov 23 14:08:38 host7 sshd[9919]: Server listening on 0.0.0.0 port 22.",
    ] {
        assert_eq!(masked(line), "Server listening on <*> port <*>.", "{line}");
    }
    // Not a pid in the brackets, or no header before: the words stay.
    assert_eq!(masked("12:00 vm sshd[ab]: x"), "vm sshd[ab]: x");
    assert_eq!(masked("vm sshd[12]: x"), "vm sshd[<*>]: x");
    assert_eq!(masked("12:00 got sshd[12] x"), "got sshd[<*>] x");
}

/// Python's logging: the logger before the level (`name - LEVEL - msg`),
/// basicConfig's `LEVEL:name:msg`, a dotted logger after the thread (`LEVEL
/// [thread] name: msg`); loguru's `SUCCESS` level, in upper case only.
#[test]
fn python_loggers_are_header() {
    for line in [
        "2026-11-23 14:08:47,739 - demo.client - INFO - server listening",
        "2026-11-23 14:08:47,739 - root - WARNING - server listening",
        "INFO:demo.client:server listening",
        "WARNING:root:server listening",
        "2026-11-23T11:08:48-0300 ERROR    [Thread-3 (process_request_thread)] demo.server: server listening",
        "2026-11-23 14:08:48.969 | SUCCESS  | __main__:<module>:25 - server listening",
    ] {
        assert_eq!(masked(line), "server listening", "{line}");
    }
    // A dash or colon among the message's words stays.
    assert_eq!(masked("12:00 retry - then - done"), "retry - then - done");
    assert_eq!(masked("INFO:not a logger"), "INFO:not a logger");
    assert_eq!(masked("Info:x:y"), "Info:x:y");
    assert_eq!(masked("12:00 success: web up"), "success: web up");
    assert_eq!(masked("12:00 INFO [main] Starting: now"), "Starting: now");
}

/// RFC 5424: `<PRI>VERSION`, then the stamp, host, app, procid and msgid, then
/// the structured data (`-` or `[id k="v"]…`, a `]` inside quotes kept) are
/// header.
#[test]
fn an_rfc5424_header_is_header() {
    for line in [
        "<38>1 2026-11-23T15:03:31.612726+01:00 vm sshd 10092 - -  Server listening",
        "<46>1 2026-11-23T15:03:29.600858+01:00 vm rsyslogd - - - Server listening",
        "<132>1 2026-11-23T14:03:45.918357+00:00 vm df - DISK [timeQuality tzKnown=\"1\" isSynced=\"0\"] Server listening",
        "<29>1 2026-11-23T14:03:45.915282+00:00 vm redis - - [a x=\"]\"][b@1 y=\"q\\\"]\"] Server listening",
    ] {
        assert_eq!(masked(line), "Server listening", "{line}");
    }
    // Not RFC 5424: read as before.
    assert_eq!(
        masked("<14>Nov 23 14:03:45 vm ssh-version: hi"),
        "vm ssh-version: hi"
    );
    assert_eq!(masked("<38>1 a b c"), "a b c");
    // Structured data never closed: the line is read as before.
    assert_eq!(
        masked("<38>1 2026 vm app - - [x y=\"z Server"),
        "vm app - - [x y=\"<*>\""
    );
}

/// PostgreSQL's `LOG:` (in upper case only: `Log file created at:` starts
/// glog's files) and Monolog's `channel.LEVEL:` are levels.
#[test]
fn postgres_log_and_a_channels_level_are_levels() {
    assert_eq!(
        masked("2026-11-23 08:10:34.925 CST [16282] LOG:  listening on Unix socket"),
        "listening on Unix socket"
    );
    assert_eq!(
        masked("[2023-05-15 18:19:32] local.ERROR: Target class does not exist."),
        "Target class does not exist."
    );
    assert_eq!(
        masked("[2023-05-15 18:19:32] production.INFO: Target class does not exist."),
        "Target class does not exist."
    );
    // After a level with its colon, a word ending in `:` is the message's.
    assert_eq!(
        masked("2026-11-23 08:10:34.925 CST [16282] LOG:  duration: 1.2 ms statement: x"),
        "duration: <*> ms statement: x"
    );
    assert_eq!(
        masked(
            "Nov 23 15:03:42 vm sshd[10180]: error: kex_exchange_identification: read: Connection reset"
        ),
        "kex_exchange_identification: read: Connection reset"
    );
    assert_eq!(masked("Log file created at: x"), "Log file created at: x");
    assert_eq!(masked("12:00 Log: x"), "Log: x");
    assert_eq!(masked("12:00 file.Info: x"), "file.Info: x");
    assert_eq!(masked("12:00 a.b: x"), "a.b: x");
}

/// A zone's abbreviation after the time is header: PostgreSQL's `CET`
/// and `CEST` (its default `log_line_prefix`) split every template at the
/// change to summer time, and kept the zone in every one.
#[test]
fn a_zone_abbreviation_is_header() {
    assert_eq!(
        masked("2025-04-12 00:14:12.837 CEST [1329108] ERROR:  syntax error at or near \"null\""),
        "syntax error at or near \"<*>\""
    );
    assert_eq!(
        masked("2025-01-12 00:14:12.837 CET [1329108] ERROR:  syntax error at or near \"null\""),
        "syntax error at or near \"<*>\""
    );
    assert_eq!(
        masked("2026-11-23 08:10:34.925 CST [16282] LOG:  listening on Unix socket"),
        "listening on Unix socket"
    );
    // In the message, a zone stays.
    assert_eq!(
        masked("2026-11-23 08:10:34 INFO moved to UTC"),
        "moved to UTC"
    );
}

/// A MAC or IPv6 address after `key=` is one value, whatever its hex pairs
/// hold: the kernel's firewall lines (`MAC=01:00:5e:00:00:01:…` and
/// `MAC=01:00:5e:7f:ff:fa:…`) made two templates of one message, the pairs
/// without a digit (`ff`, `fa`) kept as words.
#[test]
fn an_address_after_a_key_is_one_value() {
    for mac in [
        "01:00:5e:00:00:01:3c:84:6a:1f:22:90:08:00",
        "01:00:5e:7f:ff:fa:e5:1d:ab:5c:71:0e:08:00",
    ] {
        assert_eq!(
            mask(&format!("[UFW BLOCK] IN=wlan0 OUT= MAC={mac} SRC=10.0.0.7")),
            "[UFW BLOCK] IN=wlan<*> OUT= MAC=<*> SRC=<*>"
        );
    }
    assert_eq!(mask("peer=fe80::be:ef1, ok"), "peer=<*>, ok");
    // One colon: a host and port, masked piece by piece as before.
    assert_eq!(mask("addr=127.0.0.1:33297"), "addr=<*>:<*>");
}

/// zerolog's console writer names levels in three letters (`INF`, `DBG`,
/// `WRN`), structlog's pads them inside brackets (`[info     ]`): the level
/// stayed in the template.
#[test]
fn short_and_padded_levels_are_levels() {
    assert_eq!(
        masked("2026-11-23T14:05:12Z INF request finished duration=0.1 path=/x"),
        "request finished duration=<*> path=/x"
    );
    assert_eq!(
        masked("2026-11-23T14:05:12Z DBG sending request"),
        "sending request"
    );
    assert_eq!(masked("2026-11-23T14:05:12Z WRN slow"), "slow");
    assert_eq!(
        masked("2026-11-23 15:08:49 [info     ] starting                       component=demo"),
        "starting component=demo"
    );
    assert_eq!(
        masked("2026-11-23 15:08:49 [error    ] request failed"),
        "request failed"
    );
    // A bracket that does not close right after a level is the message's.
    assert_eq!(
        masked("2026-11-23 15:08:49 [info from the server]"),
        "[info from the server]"
    );
}

/// Apache's error log brackets its date (`[Mon Nov 23 19:05:51.221355
/// 2026]`): header too, or every day's weekday splits the templates.
#[test]
fn a_bracketed_date_is_header() {
    assert_eq!(
        masked(
            "[Mon Nov 23 19:05:51.221355 2026] [core:notice] [pid 9517:tid 9517] AH00094: Command line: 'x'"
        ),
        "[core:notice] [pid <*>:tid <*>] AH<*>: Command line: '<*>'"
    );
}

#[test]
fn quoted_values() {
    assert_eq!(mask("GET \"/v2/x\" 'abc'"), "GET \"<*>\" '<*>'");
    assert_eq!(mask("tag=\"View Lock\", name=x"), "tag=\"<*>\", name=x");
    assert_eq!(mask("a='b c d' e"), "a='<*>' e");
    // The first `=` followed by a quote opens the value, not the first `=`.
    assert_eq!(mask("a=b=\"c d\" e"), "a=b=\"<*>\" e");
    assert_eq!(mask("a=b,c='d e' f"), "a=b,c='<*>' f");
    // Closed in the same token: the value is masked as a token.
    assert_eq!(mask("user=\"bob\" x"), "user=\"bob\" x");
    assert_eq!(mask("user=\"bob7\" x"), "user=\"bob<*>\" x");
    // Never closed: the value takes the rest of the line.
    assert_eq!(mask("msg=\"runs on and on"), "msg=\"<*>\"");
    assert_eq!(mask("msg=\"a b\"c, d"), "msg=\"<*>\"c, d");
}

/// A quote escaped by a backslash does not close a quoted value: Go's `%q`,
/// logfmt writers and JSON fields write `err="Get \"http://h/x\": dial tcp"`,
/// which masked as `err="<*>"http://h/x\": dial tcp`, the URL and the rest
/// of the error kept in the template.
#[test]
fn escaped_quotes_stay_inside_a_quoted_value() {
    assert_eq!(
        mask(
            r#"failed err="Get \"http://127.0.0.1:1/health\": dial tcp 127.0.0.1:1: connect: connection refused" target=a"#
        ),
        r#"failed err="<*>" target=a"#
    );
    assert_eq!(mask(r#"k="a \" b" c"#), r#"k="<*>" c"#);
    // An escaped backslash before the quote escapes nothing: the value ends there.
    assert_eq!(mask(r#"k="a b\\" c"#), r#"k="<*>" c"#);
    assert_eq!(mask(r#"k='it\'s here' c"#), r#"k='<*>' c"#);
    // Escaped quotes only: the value takes the rest of the message.
    assert_eq!(mask(r#"k="a \" b \" c"#), r#"k="<*>""#);
}

#[test]
fn paths() {
    assert_eq!(
        mask("open /var/log/syslog, ./conf/a.toml: ~/x/y)"),
        "open <*>, <*>: <*>)"
    );
    // One slash is not a path: the pieces around it are masked one by one.
    assert_eq!(mask("/tmp and a/g3"), "/tmp and a/g<*>");
    assert_eq!(mask("/dev/pts/3"), "<*>");
}

#[test]
fn durations() {
    assert_eq!(
        mask("took 12ms then 1.5s and 3h20m"),
        "took <*>ms then <*>s and <*>h<*>m"
    );
    assert_eq!(mask("ttl=30s after 250µs"), "ttl=<*>s after <*>µs");
}

#[test]
fn literal_wild_cards() {
    // A `<*>` already in the text says "more than one value" once.
    assert_eq!(mask("<*>5 x<*>"), "<*> x<*>");
    assert_eq!(mask("<*> <*>"), "<*> <*>");
}

/// `message` written plainly, one byte at a time through the class table.
fn plain_message(line: &[u8]) -> &[u8] {
    let ws = |b: u8| class(b) & WS != 0;
    if let Some(msg) = plain_5424(line) {
        return msg;
    }
    let mut rest = line;
    let mut skipped = 0;
    loop {
        let t = &rest[rest.iter().position(|&b| !ws(b)).unwrap_or(rest.len())..];
        let tok = &t[..t.iter().position(|&b| ws(b)).unwrap_or(t.len())];
        if tok.is_empty() {
            return t;
        }
        let digit = tok.iter().any(u8::is_ascii_digit);
        let punct = tok.iter().all(u8::is_ascii_punctuation);
        // Monolog's `channel.LEVEL:`.
        let channel = tok.ends_with(b":")
            && tok[..tok.len() - 1]
                .iter()
                .rposition(|&b| b == b'.')
                .is_some_and(|d| {
                    let level = &tok[d + 1..tok.len() - 1];
                    d > 0
                        && level.len() > 1
                        && level.iter().all(u8::is_ascii_uppercase)
                        && is_level(level)
                });
        if !digit && (is_level(tok) && (skipped > 0 || tok.len() > 1) || channel) {
            let after = trim_start(&t[tok.len()..]);
            // A level with its colon: the message follows.
            return if tok.ends_with(b":") {
                after
            } else {
                plain_after_level(after)
            };
        }
        // A level padded inside its brackets: `[info     ]`.
        if !digit && tok.len() > 2 && tok[0] == b'[' && is_level(&tok[1..]) {
            let after = trim_start(&t[tok.len()..]);
            if after.first() == Some(&b']') {
                return plain_after_level(trim_start(&after[1..]));
            }
        }
        // `[Mon` opens Apache's bracketed date.
        let day = if tok.len() == 4 && tok[0] == b'[' {
            &tok[1..]
        } else {
            tok
        };
        let zone = [
            "UTC", "GMT", "WET", "WEST", "BST", "CET", "CEST", "EET", "EEST", "MSK", "IST", "SGT",
            "HKT", "JST", "KST", "AWST", "ACST", "ACDT", "AEST", "AEDT", "NZST", "NZDT", "HST",
            "AKST", "AKDT", "PST", "PDT", "MST", "MDT", "CST", "CDT", "EST", "EDT",
        ]
        .iter()
        .any(|z| z.as_bytes() == tok);
        let month = zone
            || day.len() == 3
                && [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
                ]
                .iter()
                .any(|m| m.as_bytes() == day);
        if !(digit || punct || month) || skipped >= 12 {
            // A host before a `program[pid]:` tag.
            let next = trim_start(&t[tok.len()..]);
            let next = &next[..next.iter().position(|&b| ws(b)).unwrap_or(next.len())];
            let pid = next
                .strip_suffix(b"]:")
                .and_then(|n| {
                    n.split(|&b| b == b'[')
                        .next_back()
                        .map(|p| (n.len() - p.len(), p))
                })
                .is_some_and(|(at, p)| at > 1 && !p.is_empty() && p.iter().all(u8::is_ascii_digit));
            if skipped > 0 && skipped < 12 && pid {
                rest = &t[tok.len()..];
                continue;
            }
            // A thread before the level: a context, then a level word; a
            // context holding `:` or `[`, then a lone `-`, then a level word.
            let after = plain_context(t).or_else(|| {
                let rest = trim_start(&t[plain_nested_end(t)? + 1..]);
                (rest.len() > 1 && rest[0] == b'-' && ws(rest[1])).then(|| trim_start(&rest[1..]))
            });
            if let Some(after) = after {
                let next = &after[..after.iter().position(|&b| ws(b)).unwrap_or(after.len())];
                if next.len() > 1 && !next.iter().any(u8::is_ascii_digit) && is_level(next) {
                    return plain_after_level(trim_start(&after[next.len()..]));
                }
            }
            // A logger, a lone `-`, a level word.
            let after = trim_start(&t[tok.len()..]);
            if tok.iter().all(|&b| class(b) & NAME != 0)
                && after.len() > 1
                && after[0] == b'-'
                && ws(after[1])
            {
                let rest = trim_start(&after[1..]);
                let next = &rest[..rest.iter().position(|&b| ws(b)).unwrap_or(rest.len())];
                if next.len() > 1 && !next.iter().any(u8::is_ascii_digit) && is_level(next) {
                    return plain_after_level(trim_start(&rest[next.len()..]));
                }
            }
            // `LEVEL:name:message`.
            if let Some(i) = tok.iter().position(|&b| b == b':')
                && tok[..i].len() > 1
                && tok[..i].iter().all(u8::is_ascii_uppercase)
                && is_level(&tok[..i])
                && let Some(j) = tok[i + 1..].iter().position(|&b| b == b':')
                && j > 0
            {
                return trim_start(&t[i + j + 2..]);
            }
            return t;
        }
        skipped += 1;
        rest = &t[tok.len()..];
    }
}

/// An RFC 5424 line's message, read plainly: `<digits>digits`, five tokens,
/// then `-` or `[…]` elements whose quoted values may hold `]` and `\"`.
fn plain_5424(line: &[u8]) -> Option<&[u8]> {
    let ws = |b: u8| class(b) & WS != 0;
    let mut words = Vec::new();
    let mut rest = line;
    for _ in 0..6 {
        let t = trim_start(rest);
        let n = t.iter().position(|&b| ws(b)).unwrap_or(t.len());
        if n == 0 {
            return None;
        }
        words.push(&t[..n]);
        rest = &t[n..];
    }
    let pri = words[0];
    let gt = pri.iter().position(|&b| b == b'>')?;
    let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if pri[0] != b'<' || !all_digits(&pri[1..gt]) || !all_digits(&pri[gt + 1..]) {
        return None;
    }
    let t = trim_start(rest);
    if t.first() == Some(&b'-') && (t.len() == 1 || ws(t[1])) {
        return Some(trim_start(&t[1..]));
    }
    if t.first() != Some(&b'[') {
        return None;
    }
    let (mut k, mut depth_open, mut quoted, mut escaped) = (0, false, false, false);
    while k < t.len() {
        let b = t[k];
        if !depth_open {
            if b != b'[' {
                break;
            }
            depth_open = true;
        } else if escaped {
            escaped = false;
        } else if quoted && b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            quoted = !quoted;
        } else if b == b']' && !quoted {
            depth_open = false;
        }
        k += 1;
    }
    if depth_open {
        return None;
    }
    Some(trim_start(&t[k..]))
}

/// What follows a bracketed context at the start of `t`: a `]` within 200
/// bytes, something before it, no `:` or `[` before it.
fn plain_context(t: &[u8]) -> Option<&[u8]> {
    if t.first() != Some(&b'[') {
        return None;
    }
    let k = t[1..t.len().min(200)]
        .iter()
        .position(|&b| matches!(b, b']' | b':' | b'['))?;
    (k > 0 && t[1 + k] == b']').then(|| trim_start(&t[k + 2..]))
}

/// Where the `]` closing a context's `[` is, counting nested brackets: within
/// 200 bytes, something before it, whitespace or the end after it.
fn plain_nested_end(t: &[u8]) -> Option<usize> {
    if t.first() != Some(&b'[') {
        return None;
    }
    let mut depth = 0;
    for (k, &b) in t.iter().enumerate().take(200) {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    let ends = k + 1 == t.len() || class(t[k + 1]) & WS != 0;
                    return (k > 1 && ends).then_some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// What follows the level, read plainly: a logger name (letters, digits and
/// `. _ $ - :`, ending in `:` or holding a `.`) and one bracketed context.
fn plain_after_level(t: &[u8]) -> &[u8] {
    // A lone `|`, then a package ending in `:` or a logger holding a `:`
    // before a lone `-`.
    if t.len() > 1 && t[0] == b'|' && class(t[1]) & WS != 0 {
        let rest = trim_start(&t[1..]);
        let words: Vec<&[u8]> = rest
            .split(|&b| class(b) & WS != 0)
            .filter(|w| !w.is_empty())
            .take(3)
            .collect();
        let after_word =
            |w: &[u8]| trim_start(&rest[w.as_ptr() as usize - rest.as_ptr() as usize + w.len()..]);
        return match words[..] {
            [w, _, ..] if w.len() > 1 && w.ends_with(b":") => after_word(words[0]),
            [w, b"-", ..] if w[..w.len() - 1].contains(&b':') => after_word(words[1]),
            [w, b"-"] if w[..w.len() - 1].contains(&b':') && !rest.ends_with(b"-") => {
                after_word(words[1])
            }
            _ => rest,
        };
    }
    let end = t
        .iter()
        .position(|&b| class(b) & WS != 0)
        .unwrap_or(t.len());
    let (tok, after) = t.split_at(end);
    let name = tok.iter().all(|&b| class(b) & NAME != 0);
    let mut t = if name
        && !after.is_empty()
        && (tok.ends_with(b":") || tok.contains(&b'.') && !tok.ends_with(b"."))
    {
        trim_start(after)
    } else {
        t
    };
    if let Some(after) = plain_context(t) {
        t = after;
        // A dotted logger ending in `:`, with something after it.
        let end = t
            .iter()
            .position(|&b| class(b) & WS != 0)
            .unwrap_or(t.len());
        let name = &t[..end];
        if name.iter().all(|&b| class(b) & NAME != 0)
            && end < t.len()
            && name.ends_with(b":")
            && name.contains(&b'.')
        {
            t = trim_start(&t[end..]);
        }
    } else if let Some(k) = plain_nested_end(t) {
        // A context holding `:` or `[`: only before the logger's separator.
        let after = trim_start(&t[k + 1..]);
        let msg = plain_separator(after);
        if msg.len() < after.len() {
            return msg;
        }
    }
    plain_separator(t)
}

/// After the logger's lone `-` or `:`, read plainly.
fn plain_separator(t: &[u8]) -> &[u8] {
    // The logger's lone `-` or `:`: first, or after a dotted or CamelCase
    // logger that is the first or second of the next tokens; within 200 bytes.
    let words: Vec<&[u8]> = t[..t.len().min(200)]
        .split(|&b| class(b) & WS != 0)
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let logger = |w: &[u8]| {
        (w.contains(&b'.') && !w.ends_with(b"."))
            || w.len() > 1
                && w.iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
                && w[1..].iter().any(u8::is_ascii_uppercase)
    };
    for (k, w) in words.iter().enumerate() {
        if (*w == b"-" || *w == b":") && (k == 0 || logger(words[k - 1])) {
            // The bytes after this word: find its place in `t`.
            let at = w.as_ptr() as usize - t.as_ptr() as usize;
            return trim_start(&t[at + 1..]);
        }
    }
    t
}

#[test]
fn the_message_is_found_as_the_plain_reading_finds_it() {
    let pieces: [&[u8]; 51] = [
        b"LOG:",
        b"Log",
        b"local.ERROR:",
        b".INFO:",
        b"<38>1",
        b"[a x=\"]\\\"\"]",
        b"[b",
        b"demo.client:",
        b"INFO:root:go",
        b"SUCCESS",
        b"success",
        b"sshd[12]:",
        b"a[]:",
        b"[7]:",
        b"|",
        b"N",
        b"pkg/x:",
        b"m:<m>:18",
        b"[main:Env@98]",
        b"[q[m=1](a:b):L@9]",
        b"[myid:]",
        b"[x[y]",
        b"]",
        b"[Mon",
        b":",
        b"FarmApp",
        b"c.e.Svc",
        b"2024-03-01",
        b"10:00:01.5",
        b"-",
        b"--",
        b"Nov",
        b"Tue",
        b"INFO",
        b"[warn]",
        b"W",
        b"a",
        b"dn228",
        b"host",
        b"crond[22]:",
        b"app.Main:",
        b"[main]",
        b"\xc3\xa9t\xc3\xa9",
        b"12345678901234567",
        b"error:",
        b"<E>",
        b"x\x0by",
        b"",
        b"word",
        b"(7)",
        b"\x00",
    ];
    let seps: [&[u8]; 5] = [b" ", b"  ", b"\t", b" \r", b"\x0b"];
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut next = |n: usize| rng.pick(n);
    for _ in 0..100_000 {
        let mut line = Vec::new();
        for _ in 0..next(10) {
            line.extend_from_slice(pieces[next(pieces.len())]);
            line.extend_from_slice(seps[next(seps.len())]);
        }
        assert_eq!(message(&line), plain_message(&line), "{line:?}");
    }
    // Every line of the shared corpus.
    let lines = corpus_lines(|file, line| {
        assert_eq!(message(line), plain_message(line), "{}", file.display());
    });
    assert!(lines > 20_000, "{lines} corpus lines");
}

/// Every file of the shared corpus (`../shared/corpus`).
pub(crate) fn corpus_files() -> Vec<std::path::PathBuf> {
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// Calls `each` with every line of every corpus file and the file; returns
/// how many lines there were.
pub(crate) fn corpus_lines(mut each: impl FnMut(&std::path::Path, &[u8])) -> usize {
    let mut lines = 0;
    for file in corpus_files() {
        let bytes = std::fs::read(&file).expect("corpus file reads");
        for line in bytes.split(|&b| b == b'\n') {
            each(&file, line);
            lines += 1;
        }
    }
    lines
}

/// `text` with every ASCII digit replaced by a random one (lengths kept).
pub(crate) fn redigited(text: &[u8], rng: &mut crate::test_rng::XorShift) -> Vec<u8> {
    text.iter()
        .map(|&b| {
            if b.is_ascii_digit() {
                b'0' + rng.below(10) as u8
            } else {
                b
            }
        })
        .collect()
}

/// `text` with each maximal run of ASCII digits given a new length (1 to 14)
/// and new digits: the same digit key (`digit_key`), another length.
pub(crate) fn relengthened(text: &[u8], rng: &mut crate::test_rng::XorShift) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() {
            while i < text.len() && text[i].is_ascii_digit() {
                i += 1;
            }
            for _ in 0..1 + rng.pick(14) {
                out.push(b'0' + rng.below(10) as u8);
            }
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// `mask_into` of `msg`, into a fresh `Masked`.
pub(crate) fn masked_bytes(msg: &[u8]) -> Masked {
    let mut m = Masked::default();
    mask_into(msg, &mut m);
    m
}

/// Two texts (`a`, `b`) whose masked forms (`ma`, `mb`) must be the same.
pub(crate) fn assert_masks_alike(what: &str, a: &[u8], ma: &Masked, b: &[u8], mb: &Masked) {
    assert!(
        ma.text == mb.text && ma.tokens == mb.tokens,
        "{what}: {:?} masks to {:?}, {:?} to {:?}",
        String::from_utf8_lossy(a),
        String::from_utf8_lossy(&ma.text),
        String::from_utf8_lossy(b),
        String::from_utf8_lossy(&mb.text),
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("corpus directory reads") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A kernel's uptime padded with spaces (`[    0.001377]`) masks as one
/// unpadded (`[12345.678901]`): the lone `[` is read with the number after it.
#[test]
fn a_padded_bracketed_number_masks_as_an_unpadded_one() {
    for (a, b) in [
        (
            "kernel: [    0.001377] Linux version 6.1",
            "kernel: [12345.678901] Linux version 6.1",
        ),
        ("kernel: [  12:34:56] x", "kernel: [12:34:56] x"),
        ("[ 7] up", "[7] up"),
    ] {
        assert_eq!(mask(a), mask(b), "{a} / {b}");
    }
    assert_eq!(mask("kernel: [    0.001377] Linux"), "kernel: [<*>] Linux");
    // Not a number in brackets: left as it is.
    assert_eq!(mask("[ INFO ] ok"), "[ INFO ] ok");
    assert_eq!(mask("[ 12 ] ok"), "[ <*> ] ok");
    assert_eq!(mask("a [ b] c"), "a [ b] c");
    // However long the number.
    let long = format!("[ {}] x", "9".repeat(100));
    assert_eq!(mask(&long), "[<*>] x");
}
