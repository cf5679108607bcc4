use super::*;

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
    // A one-letter level counts only where a format puts one (after
    // logcat's pid and tid, before capnslog's `|`), and only in upper case.
    assert_eq!(masked("03-17 16:13:38.811  1702  2395 W Tag: slow"), "slow");
    assert_eq!(masked("12:00 W | pkg: slow"), "slow");
    assert_eq!(masked("12:00 W slow"), "W slow");
    assert_eq!(masked("12:00 7 w slow"), "w slow");
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

/// A random id mixes letters and digits (`reqId=twvbRFk1OwgHo2bqggnx`,
/// sendmail's queue id `jA9J1UvC004306:`): it is one value, where a name
/// with a number in it (`ssh2`, `eth0`, `s2comp`, `utf8mb4`, `log4j2`) keeps
/// its letters. Told apart by where the digits are, never by their values or
/// how many a run holds: letters and digits only, two runs of digits or more
/// among both cases' letters, or three runs among one case's.
#[test]
fn random_ids_are_one_value() {
    for (id, want) in [
        ("reqId=twvbRFk1OwgHo2bqggnx", "reqId=<*>"),
        ("jA9J1UvC004306:", "<*>:"),
        ("ddnp8sh5vg3i58", "<*>"),
        ("oO0OoO0OoO0Oo", "<*>"),
        ("ssh2", "ssh<*>"),
        ("eth0", "eth<*>"),
        ("s2comp=x", "s<*>comp=x"),
        ("utf8mb4", "utf<*>mb<*>"),
        ("log4j2.xml", "log<*>j<*>.xml"),
        ("eth0.IPv6", "eth<*>.IPv<*>"),
        ("md5", "md<*>"),
        ("x86_64", "<*>"),
        ("Http2Stream", "Http<*>Stream"),
        ("u0a37", "u<*>a<*>"),
    ] {
        assert_eq!(mask(id), want, "{id}");
    }
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
    // RFC 5424's fields after a stamp without `<PRI>VERSION`, a host or not.
    for line in [
        "2022-08-27T17:22:01+03:00 vm CRON 20856 - -  (root) CMD",
        "2022-08-27T14:22:01Z h01 NSX 4828 SWITCHING [a@6876 b=\"c d\"] (root) CMD",
    ] {
        assert_eq!(masked(line), "(root) CMD", "{line}");
    }
    assert_eq!(
        masked("12:00 Retry 3 failed - giving up"),
        "Retry <*> failed - giving up"
    );
}

/// RFC 5424's app name holding a digit (`k8s-agent`, `app2`), as util-linux
/// `logger --rfc5424 -t app2` sends it, with and without `<PRI>VERSION`
/// (VMware NSX's shape): after a host holding a digit (or the nil `-`) it
/// was read as header, a token holding a digit, and the fields were then
/// looked for from the structured data on, so it stayed in the message.
#[test]
fn an_rfc5424_app_name_holding_a_digit_is_header() {
    for line in [
        "<13>1 2026-12-04T03:03:07.738456+00:00 vm app2 25180 - [timeQuality tzKnown=\"1\" isSynced=\"0\"] entry is created",
        "2022-08-27T14:22:01.613Z space01.global-acme.entp k8s-agent 3106 - [abc@6876 comp=\"abc-edge\"] entry is created",
        "2022-08-27T14:22:01.888Z h01 app2 4828 SWITCHING [abc@6876 s2comp=\"neigh\"] entry is created",
        "2022-08-27T14:22:01.888Z h01 app2 4828 ID47 [abc@6876 s2comp=\"neigh\"] entry is created",
        "2022-08-27T14:22:01.888Z - app2 4828 - [abc@6876 x=\"y\"] entry is created",
        "2022-08-27T14:22:01.888Z vm app2 4828 - [abc@6876 x=\"y\"] entry is created",
        // logger's, without `<13>1`: an element whose id RFC 5424 registers.
        "2026-12-04T03:03:07.738456+00:00 h01 app2 25180 - [timeQuality tzKnown=\"1\" isSynced=\"0\"] entry is created",
    ] {
        assert_eq!(masked(line), "entry is created", "{line}");
    }
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
/// 2026]`): header too, or every day's weekday splits the templates. So are
/// its `[module:level]`, `[pid N:tid N]` and `[client addr]`, a module with a
/// digit or a trace level included.
#[test]
fn a_bracketed_date_is_header() {
    assert_eq!(
        masked(
            "[Mon Nov 23 19:05:51.221355 2026] [core:notice] [pid 9517:tid 9517] AH00094: Command line: 'x'"
        ),
        "AH<*>: Command line: '<*>'"
    );
    assert_eq!(
        masked(
            "[Mon Nov 23 19:05:51.221355 2026] [http2:trace4] [pid 9517:tid 9573] [client 127.0.0.1:45554] h2_stream(1): opened"
        ),
        // mod_http2's `h2_stream(1)` calls by name (`a_call_name_holding_…`).
        "h2_stream(<*>): opened"
    );
    // A bracketed word before the message is not a level unless its last
    // word is one.
    assert_eq!(
        masked("2026-11-23 15:08:49 [db:pool] [pid 1] ready"),
        "[db:pool] [pid <*>] ready"
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

/// Separators between random words.
pub(crate) const SEPARATORS: [&[u8]; 3] = [b" ", b"  ", b"\t"];

/// Appends 1–6 random words to `out`, each of 1–6 pieces (a run of 1–4
/// digits, or one of `pieces`) and a separator (`SEPARATORS`).
pub(crate) fn push_random_words(
    rng: &mut crate::test_rng::XorShift,
    pieces: &[&[u8]],
    out: &mut Vec<u8>,
) {
    for _ in 0..1 + rng.pick(6) {
        for _ in 0..1 + rng.pick(6) {
            if rng.below(5) < 2 {
                for _ in 0..1 + rng.pick(4) {
                    out.push(b'0' + rng.below(10) as u8);
                }
            } else {
                out.extend_from_slice(pieces[rng.pick(pieces.len())]);
            }
        }
        out.extend_from_slice(SEPARATORS[rng.pick(SEPARATORS.len())]);
    }
}

/// Every file of the shared corpus (`../shared/corpus`), in the order of
/// their paths.
pub(crate) fn corpus_files() -> Vec<std::path::PathBuf> {
    let mut files =
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    files.sort();
    files
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

/// A kernel line's device (`wlan0:`, `eth0:`, `sd 0:0:0:0:`, `usb 1-1:`)
/// after its uptime (`[   11.260940]`, dmesg and kern.log) or its `kernel:`
/// tag is the message's: `wlan0: associated` mined as `associated`, the
/// device taken for a header token for its digit. A host or a tag holding a
/// digit in a syslog line stays header.
#[test]
fn a_kernel_device_after_its_uptime_or_tag_stays_in_the_message() {
    let syslog = |s: &str| String::from_utf8_lossy(syslog_message(s.as_bytes())).into_owned();
    let plain = |s: &str| String::from_utf8_lossy(message(s.as_bytes())).into_owned();
    for (line, want) in [
        (
            "Nov 20 14:31:04 kiosk-07 kernel: [   11.260940] wlan0: associated",
            "wlan0: associated",
        ),
        (
            "Nov 20 14:31:04 kiosk-07 kernel: [12345.678901] eth0: link up",
            "eth0: link up",
        ),
        (
            "Nov 20 14:31:04 kiosk-07 kernel: wlan0: associated",
            "wlan0: associated",
        ),
        ("Nov 20 14:31:04 vm kernel: eth0: link up", "eth0: link up"),
        // A program's tag with its pid in the kernel's log: header.
        (
            "Nov 20 14:31:04 kiosk-07 kernel: [    3.1] systemd[1]: Hostname set to <kiosk-07>.",
            "Hostname set to <kiosk-07>.",
        ),
        (
            "Nov 20 14:31:04 kiosk-07 kernel: [    5.123456] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
            "usb 1-1: new high-speed USB device number 2 using xhci_hcd",
        ),
        // Guards: a host, a tag holding a digit, a tag with a pid.
        (
            "Nov 20 14:31:04 host01 dhclient: DHCPACK from 10.0.0.1",
            "DHCPACK from 10.0.0.1",
        ),
        ("Nov 20 14:31:04 vm python3: started", "started"),
        (
            "Nov 20 14:31:04 host01 sshd[99]: Accepted key",
            "Accepted key",
        ),
    ] {
        assert_eq!(syslog(line), want, "{line}");
    }
    for (line, want) in [
        ("[   11.260940] wlan0: associated", "wlan0: associated"),
        ("[12345.678901] eth0: link up", "eth0: link up"),
        (
            "[    5.123456] sd 0:0:0:0: [sda] 976773168 512-byte logical blocks",
            "sd 0:0:0:0: [sda] 976773168 512-byte logical blocks",
        ),
        (
            "[    5.123456] usb 1-1: new high-speed USB device number 2 using xhci_hcd",
            "usb 1-1: new high-speed USB device number 2 using xhci_hcd",
        ),
        // Not an uptime: `[1]` is gunicorn's pid, header as before.
        (
            "[2026-11-23 14:08:49 +0000] [1] [INFO] Booting worker",
            "Booting worker",
        ),
    ] {
        assert_eq!(plain(line), want, "{line}");
    }
}

/// After a syslog tag (or an RFC 5424 header) a token holding a digit is
/// header when it is a stamp or an id part (redis's own `14304:M 23 Nov 2026
/// 14:08:38.883 *`, Python's `2026-11-23 14:05:11,123 INFO` under
/// journald), but a word holding a digit or a path is the message's:
/// `OpenSSH_9.2p1 Debian-2+deb12u10,` and `/dev/vda` were skipped as header.
#[test]
fn a_word_holding_a_digit_after_a_tag_is_the_messages() {
    let syslog = |s: &str| String::from_utf8_lossy(syslog_message(s.as_bytes())).into_owned();
    let ssh = "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026";
    let df = "/dev/vda        252G   13G   79G  14% /";
    for (line, want) in [
        (format!("Nov 23 14:03:45 vm ssh-version: {ssh}"), ssh),
        (format!("Nov 23 14:03:46 vm sshd[12]: {ssh}"), ssh),
        (format!("Nov 23 14:03:47 vm df: {df}"), df),
        // Lines 1 and 4 of ../shared/corpus/syslog-rfc5424/logger-udp-raw.log.
        (
            format!(
                "<14>1 2026-11-23T14:03:45.906632+00:00 vm ssh-version - - [timeQuality tzKnown=\"1\" isSynced=\"0\"] {ssh}"
            ),
            ssh,
        ),
        (
            format!(
                "<132>1 2026-11-23T14:03:45.918479+00:00 vm df - DISK [timeQuality tzKnown=\"1\" isSynced=\"0\"] {df}"
            ),
            df,
        ),
    ] {
        assert_eq!(syslog(&line), want, "{line}");
        // Without the syslog format a tag without a pid stays (`vm df: …`).
        if !line.contains(" vm df: ") && !line.contains(" ssh-version: ") {
            assert_eq!(
                String::from_utf8_lossy(message(line.as_bytes())),
                want,
                "{line}"
            );
        }
    }
    // A program's own stamp after the tag stays header.
    for line in [
        "Nov 23 14:08:38 vm redis-server[14304]: 14304:M 23 Nov 2026 14:08:38.883 * Ready to accept connections tcp",
        "Nov 23 14:05:11 vm app[7]: 2026-11-23 14:05:11,123 INFO Ready to accept connections tcp",
        "Nov 23 14:05:11 vm app[7]: 2026/11/23 14:05:11 Ready to accept connections tcp",
        // An id holding a `:` (lnav's ansi corpus log), a redis banner.
        "Sep 19 09:24:04 Tims-MacBook-Air Agent[17600]: tid:1d1f - Ready to accept connections tcp",
        "Nov 23 14:05:11 vm redis-server: oO0OoO0OoO0Oo Ready to accept connections tcp",
    ] {
        assert_eq!(syslog(line), "Ready to accept connections tcp", "{line}");
    }
}

mod calls;
