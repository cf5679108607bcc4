//! Templates of the corpus's real logs, as a user reads them: the header
//! (time, level, thread, logger, host, context) left out, one message one
//! template, values masked where they vary.

use super::*;

/// The corpus file `path` mined, which must be what the plain pipeline gives.
fn mined_as_plain(path: &str) -> SourcePatterns {
    let (_f, src) = source_of(&corpus(path), 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    mined
}

/// That `text` is a template of `mined`, counted `n` times (all of them
/// shown when not).
fn assert_counted(mined: &SourcePatterns, text: &str, n: u64) {
    assert_eq!(
        count_of(mined, text),
        Some(n),
        "{text}: {:#?}",
        mined.templates
    );
}

/// The templates' texts of what was mined, in order.
fn texts_of(mined: &SourcePatterns) -> Vec<&str> {
    mined.templates.iter().map(|t| t.text.as_str()).collect()
}

/// supervisord's messages keep their first word (`spawned:`, `exited:`,
/// `stopped:`): after its level comes the message, never a logger's name. Its
/// real log from the corpus.
#[test]
fn supervisord_messages_keep_their_first_word() {
    let (_f, src) = source_of(&corpus("supervisord/supervisord.log"), 0);
    assert!(matches!(src.detection.format, Format::Supervisord));
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(
        count("spawned: '<*>' with pid <*>"),
        Some(6),
        "{:#?}",
        mined.templates
    );
    assert_eq!(
        count("exited: flaky (exit status <*>; not expected)"),
        Some(3),
        "{:#?}",
        mined.templates
    );
    assert_eq!(count("stopped: web (terminated by SIGTERM)"), Some(2));
    assert!(
        mined.templates.iter().all(|t| !t.text.starts_with('\'')),
        "{:#?}",
        mined.templates
    );
}

/// A logfmt line's message is its `msg` value, read as words: go-kit's
/// `msg="Starting Prometheus Server"` was masked as a quoted value, so every
/// message of the corpus's Prometheus log fell into a few `msg="<*>"`
/// templates. The time and level fields are left out (the panes show them
/// in their columns), the other fields follow the message as written.
#[test]
fn logfmt_messages_are_mined_by_their_words() {
    let (_f, src) = source_of(&corpus("logfmt/prometheus.logfmt"), 0);
    assert!(matches!(src.detection.format, Format::Logfmt));
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let texts = texts_of(&mined);
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(
        count("Starting TSDB ... caller=main.go:<*>"),
        Some(1),
        "{texts:#?}"
    );
    assert_eq!(
        count(
            "Loading configuration file caller=main.go:<*> filename=/srv/casefile-demo/servers/prometheus.yml"
        ),
        Some(2),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("msg=") && !t.contains("level=") && !t.contains("ts=")),
        "{texts:#?}"
    );
    // slog's TextHandler: a bare message, a quoted one, dotted group keys.
    let mined = mined_as_plain("logfmt/slog-text-go127.logfmt");
    let texts = texts_of(&mined);
    assert!(
        texts.contains(&"starting demo service service=demo req.pid=<*> req.go=go<*>"),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("listening service=demo")),
        "{texts:#?}"
    );
}

/// A colored log is mined as the panes show it, without its escape sequences:
/// loguru's colorized output (`\x1b[1mloguru demo starting\x1b[0m`) gave
/// templates such as `demo starting\x1b[<*>m`, its first word taken with the
/// escape before it. The same program's plain log gives the same templates.
#[test]
fn escape_sequences_are_left_out_of_templates() {
    let texts = |bytes: &[u8]| {
        let (_f, src) = source_of(bytes, 0);
        let mined = mine_source(&src);
        assert_eq!(mined, plain(&src));
        let mut t: Vec<String> = mined.templates.into_iter().map(|t| t.text).collect();
        t.sort();
        t
    };
    let colored = texts(&corpus("ansi/python-loguru-colorized.log"));
    assert!(colored.iter().all(|t| !t.contains('\x1b')), "{colored:#?}");
    assert_eq!(colored, texts(&corpus("python/loguru-plain.log")));
}

/// A nested value that varies in one field keeps its shape in the template:
/// slog's `source` object (`function`, `file`, `line`) and a group
/// (`req={"path":…,"status":…}`) were made `source=<*>` and `req=<*>` whole
/// as soon as two lines differed anywhere inside them, so the template no
/// longer said which fields the message carries.
#[test]
fn nested_values_generalise_field_by_field() {
    let mined = mined_as_plain("json-lines/slog-json-go127.jsonl");
    let finished = mined
        .templates
        .iter()
        .find(|t| t.text.starts_with("request finished"))
        .expect("the request finished template");
    assert_eq!(finished.count, 5);
    assert_eq!(
        finished.text,
        "request finished source={\"function\":\"<*>\",\"file\":\"slog<*>demo/slog<*>demo.go\",\
         \"line\":<*>} service=demo req={\"path\":\"<*>\",\"status\":<*>,\"duration\":<*>}"
    );
}

/// ZooKeeper's log4j layout (`%d{ISO8601} - %-5p [%t:%C{1}@%L] - %m%n`) puts
/// the thread, class and line in a context holding a `:`, which the context
/// rule did not take: every template began `[main:QuorumPeerConfig@<*>] -`,
/// and a message logged by two threads made two templates. The corpus's log.
#[test]
fn a_log4j_context_holding_a_colon_is_left_out() {
    let mined = mined_as_plain("log4j/zookeeper-server.log");
    let texts = texts_of(&mined);
    // Where the line has no message (the banner's blank lines), its
    // message is blank, not its header.
    assert!(texts.iter().all(|t| !t.contains("@<*>]")), "{texts:#?}");
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(count("<blank>"), Some(2), "{texts:#?}");
    assert_eq!(
        count("Reading configuration from: <*>"),
        Some(2),
        "{texts:#?}"
    );
    assert_eq!(count("Unexpected exception"), Some(2), "{texts:#?}");
}

/// etcd's capnslog writes `LEVEL | package: message` (`I | etcdmain: etcd
/// Version: 3.4.23`): the `|` and the package stayed in every template, as
/// did its notice level `N`. Left out, as the logger of a Java layout is. The
/// corpus's log.
#[test]
fn a_package_after_a_pipe_is_left_out() {
    let mined = mined_as_plain("misc/etcd-capnslog.log");
    let texts = texts_of(&mined);
    assert!(
        texts
            .iter()
            .all(|t| !t.starts_with("| ") && !t.starts_with("N ") && !t.contains("etcdserver:")),
        "{texts:#?}"
    );
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(count("etcd Version: <*>"), Some(1), "{texts:#?}");
    assert_eq!(
        count("set the initial cluster version to <*>"),
        Some(1),
        "{texts:#?}"
    );
    assert_eq!(
        count("started to purge file, dir: <*>, suffix: snap, max: <*>, interval: <*>s"),
        Some(1),
        "{texts:#?}"
    );
}

/// A syslog line's host and `program[pid]:` tag are its header: `Nov 23
/// 14:08:38 vm redis-server[14304]: … Ready to accept connections` kept `vm
/// redis-server[<*>]:` (and redis's own stamp after it) in its template, as a
/// host without a digit stopped the header. The journal's short output gives
/// the templates its `-o cat` output (messages only) gives. The corpus's logs.
#[test]
fn a_month_in_another_language_is_header_as_an_english_one() {
    // journalctl under LC_TIME=fr_FR: `août 19 11:08:37 nlaptop symphorien[4961]: test`.
    let mined = mined_as_plain("syslog-rfc3164/lnav-logfile_syslog_fr.0");
    assert_counted(&mined, "test", 1);
}

#[test]
fn a_syslog_host_and_tag_are_left_out() {
    let texts = |path: &str| {
        let mined = mined_as_plain(path);
        let mut t: Vec<(String, u64)> = mined
            .templates
            .into_iter()
            .map(|t| (t.text, t.count))
            .collect();
        t.sort();
        t
    };
    let cat = texts("journald/journalctl-cat.txt");
    for short in [
        "journald/journalctl-short.txt",
        "journald/journalctl-short-iso.txt",
        "journald/journalctl-short-unix.txt",
        "journald/journalctl-short-full-berlin.txt",
    ] {
        let short = texts(short);
        for want in [
            "Ready to accept connections",
            "worker <*> processing item <*> of <*>",
            "Redis is starting <*>",
        ] {
            let count = |t: &[(String, u64)]| t.iter().find(|(s, _)| s == want).map(|p| p.1);
            assert!(count(&cat).is_some(), "{want}: {cat:#?}");
            assert_eq!(count(&short), count(&cat), "{want}: {short:#?}");
        }
        assert!(
            short.iter().all(|(t, _)| !t.starts_with("vm ")),
            "{short:#?}"
        );
    }
    let auth = texts("openssh/auth-rsyslog.log");
    assert!(
        auth.contains(&(
            "Connection closed by authenticating user root <*> port <*> [preauth]".to_string(),
            2
        )),
        "{auth:#?}"
    );
}

/// Python's logging layouts put the logger's name around the level
/// (`%(name)s - %(levelname)s - %(message)s`, basicConfig's
/// `LEVEL:name:message`, `LEVEL [thread] name: message`), and loguru has a
/// level `SUCCESS`. Each kept the logger (`demo.client - INFO - server
/// listening on …`, `INFO:demo.client:server listening on …`). The same
/// program's logs in the corpus give the same templates for its messages.
#[test]
fn python_loggers_around_the_level_are_left_out() {
    for path in [
        "python/stdlib-asctime-comma-millis.log",
        "python/stdlib-basicconfig-default.log",
        "python/stdlib-iso-offset-threads.log",
    ] {
        let mined = mined_as_plain(path);
        let texts = texts_of(&mined);
        assert!(
            texts.contains(&"server listening on http://<*>:<*>"),
            "{path}: {texts:#?}"
        );
        assert!(
            texts.contains(&"refusing /boom?x=<*>"),
            "{path}: {texts:#?}"
        );
        assert!(
            texts.iter().all(|t| !t.contains("demo.")),
            "{path}: {texts:#?}"
        );
    }
    let (_f, src) = source_of(&corpus("python/loguru-plain.log"), 0);
    let mined = mine_source(&src);
    assert_counted(&mined, "finished", 1);
}

/// An RFC 5424 line's header runs from `<PRI>VERSION` through the host, app,
/// procid, msgid and structured data (`<38>1 2026-… vm sshd 10092 - -  msg`,
/// `… vm df - DISK [timeQuality …] msg`): each template began `vm sshd <*> -
/// -`. rsyslog wrote the same events in its traditional format: the same
/// templates. The corpus's logs.
#[test]
fn an_rfc5424_header_is_left_out() {
    let texts = mined_as_plain;
    let new = texts("syslog-rfc5424/rsyslog-protocol23.log");
    let old = texts("syslog-rfc3164/rsyslog-traditional.log");
    for want in [
        "Server listening on <*> port <*>.",
        "Connection closed by authenticating user root <*> port <*> [preauth]",
        "DB saved on disk",
    ] {
        assert!(
            count_of(&old, want).is_some(),
            "{want}: {:#?}",
            old.templates
        );
        assert_eq!(
            count_of(&new, want),
            count_of(&old, want),
            "{want}: {:#?}",
            new.templates
        );
    }
    assert!(
        new.templates.iter().all(|t| !t.text.starts_with("vm ")),
        "{:#?}",
        new.templates
    );
    let logger = texts("syslog-rfc5424/logger-udp-raw.log");
    assert_counted(&logger, "Filesystem Size Used Avail Use% Mounted on", 1);
}

/// PostgreSQL's `LOG:` is its level (as `ERROR:` is), and Monolog (Laravel)
/// writes its level after the channel (`local.ERROR:`): both stayed in their
/// templates (`LOG: listening on Unix socket "<*>"`, `local.ERROR: Uncaught
/// …`). The corpus's logs.
#[test]
fn postgres_and_monolog_levels_are_left_out() {
    let mined = mined_as_plain("misc/postgresql-stderr.log");
    assert_counted(&mined, "listening on Unix socket \"<*>\"", 1);
    assert!(
        mined.templates.iter().all(|t| !t.text.starts_with("LOG:")),
        "{:#?}",
        mined.templates
    );
    let mined = mined_as_plain("misc/lnav-logfile_laravel.0");
    assert!(
        mined
            .templates
            .iter()
            .all(|t| !t.text.contains("local.ERROR")),
        "{:#?}",
        mined.templates
    );
}

/// nginx's error log writes `pid#tid:` and, for a connection's events, `*cid`
/// after the level (`[notice] 9263#9263: *3 client … closed`): both stayed
/// in every template (`<*>#<*>: *<*> client <*> closed keepalive
/// connection`). The corpus's log.
#[test]
fn nginx_pid_tid_and_connection_are_left_out() {
    let mined = mined_as_plain("nginx/error.log");
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(
        count("client <*> closed keepalive connection"),
        Some(10),
        "{:#?}",
        mined.templates
    );
    assert_eq!(count("exit"), Some(2), "{:#?}", mined.templates);
    assert!(
        mined
            .templates
            .iter()
            .all(|t| !t.text.contains('#') && !t.text.starts_with('*')),
        "{:#?}",
        mined.templates
    );
}

/// Apache's error log writes `[module:level] [pid N:tid N]` and, for a
/// request, `[client addr]` before the message: each template kept them
/// (`[core:notice] [pid <*>:tid <*>] AH<*>: Command line: …`). The level is
/// read from `[module:level]`, as `Format::parse` reads it. The corpus's log.
#[test]
fn apache_module_level_pid_and_client_are_left_out() {
    let mined = mined_as_plain("apache/error.log");
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(
        count("AH<*>: File does not exist: <*>"),
        Some(1),
        "{:#?}",
        mined.templates
    );
    assert_eq!(
        count("AH<*>: caught SIGTERM, shutting down"),
        Some(1),
        "{:#?}",
        mined.templates
    );
    assert_eq!(
        count("(<*>)Connection refused: AH<*>: http: attempt to connect to <*> (<*>:<*>) failed"),
        Some(1),
        "{:#?}",
        mined.templates
    );
    assert!(
        mined
            .templates
            .iter()
            .all(|t| !t.text.starts_with('[') && !t.text.contains("pid <*>")),
        "{:#?}",
        mined.templates
    );
}

/// VMware's vpxd writes `vpxd[pid]` and an RFC 5424 structured-data element
/// (`[Originator@6876 sub=vpxLro opID=7e1280cf]`) after the level: every
/// template began `vpxd[<*>] [Originator@<*> sub=…`, and an operation id
/// with a `]` cut off (`opID=<*> [VpxLRO]`) split one message in two. The
/// corpus's log.
#[test]
fn a_pid_tag_and_structured_data_after_the_level_are_left_out() {
    let mined = mined_as_plain("misc/lnav-logfile_vpxd.0");
    assert_counted(&mined, "[VpxLRO] -- FINISH lro-<*>", 5);
    assert!(
        mined
            .templates
            .iter()
            .all(|t| !t.text.contains("Originator") && !t.text.contains("vpxd[")),
        "{:#?}",
        mined.templates
    );
}

/// klog's structured records quote their message after the header
/// (`file.go:15] "listening" addr="127.0.0.1:34165"`): a one-word message
/// was masked as a quoted value (`"<*>" addr=…`), so every one-word message
/// with the same fields would share one template. The message is read as
/// its words, as a logfmt line's `msg` is. The corpus's log.
#[test]
fn a_klog_message_is_read_as_its_words() {
    let (_f, src) = source_of(&corpus("klog/klog-stderr.log"), 0);
    assert!(matches!(src.detection.format, Format::Klog));
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let count = |text: &str| count_of(&mined, text);
    assert_eq!(
        count("listening addr=\"<*>:<*>\""),
        Some(1),
        "{:#?}",
        mined.templates
    );
    assert_eq!(
        count("shutting down uptime=\"short\""),
        Some(1),
        "{:#?}",
        mined.templates
    );
    assert_eq!(
        count("sending request method=\"GET\" url=\"<*>\""),
        Some(5),
        "{:#?}",
        mined.templates
    );
    assert!(
        mined.templates.iter().all(|t| !t.text.starts_with('"')),
        "{:#?}",
        mined.templates
    );
}

/// A one-letter level is read only where a format puts one: after logcat's
/// pid and tid (`1702  2395 D WindowManager: …`) or before capnslog's lone
/// `|` (`I | etcdmain: …`). VDSM's message `I am the actual vdsm 4.9-0`
/// lost its `I`, read as a level after the header. The corpus's logs.
#[test]
fn a_one_letter_level_is_read_only_where_a_format_puts_one() {
    let mined = mined_as_plain("python/lnav-logfile_vdsm.0");
    assert_counted(&mined, "I am the actual vdsm <*>", 1);
    for path in ["loghub/Android_2k.log", "misc/etcd-capnslog.log"] {
        let (_f, src) = source_of(&corpus(path), 0);
        let mined = mine_source(&src);
        let one_letter = |t: &str| {
            let b = t.as_bytes();
            b.len() > 2 && b"VDIWEFNCT".contains(&b[0]) && b[1] == b' '
        };
        assert!(
            mined.templates.iter().all(|t| !one_letter(&t.text)),
            "{path}: {:#?}",
            mined.templates
        );
    }
}

/// After an RFC 5424 header, the message is read as the traditional syslog
/// reading reads what follows `prog[pid]:`: sshd's `error:` and redis's
/// own header and level (`10110:M 23 Nov … # WARNING`) stayed in the RFC
/// 5424 templates and were left out of the same events' traditional ones.
/// rsyslog wrote the same events both ways. The corpus's logs.
#[test]
fn an_rfc5424_message_is_read_as_a_traditional_one() {
    let texts = mined_as_plain;
    let new = texts("syslog-rfc5424/rsyslog-protocol23.log");
    let old = texts("syslog-rfc3164/rsyslog-traditional.log");
    for want in [
        "kex_exchange_identification: read: Connection reset by peer",
        "kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/<*>\"",
    ] {
        assert_eq!(
            count_of(&old, want),
            Some(1),
            "{want}: {:#?}",
            old.templates
        );
        assert_eq!(
            count_of(&new, want),
            Some(1),
            "{want}: {:#?}",
            new.templates
        );
    }
    assert!(
        new.templates
            .iter()
            .all(|t| !t.text.starts_with("error:") && !t.text.starts_with("WARNING ")),
        "{:#?}",
        new.templates
    );
}

/// A syslog tag without a pid (`vm rsyslogd: …`, `vm redis-server: …`) is
/// header as one with a pid is (`vm sshd[9919]: …`): the host and the tag
/// stayed in the first's templates (`vm redis-server: Configuration
/// loaded`). rsyslog wrote the same events in RFC 5424, whose app name is
/// header. The corpus's logs.
#[test]
fn a_syslog_tag_without_a_pid_is_left_out() {
    let texts = mined_as_plain;
    let new = texts("syslog-rfc5424/rsyslog-protocol23.log");
    for path in [
        "syslog-rfc3164/rsyslog-traditional.log",
        "syslog-rfc3339/rsyslog-fileformat-rfc3339.log",
    ] {
        let old = texts(path);
        for want in [
            "Configuration loaded",
            "Redis version=<*>, bits=<*>, commit=<*>, modified=<*>, pid=<*>, just started",
        ] {
            assert!(
                count_of(&new, want).is_some(),
                "{want}: {:#?}",
                new.templates
            );
            assert_eq!(
                count_of(&old, want),
                count_of(&new, want),
                "{path}: {want}: {:#?}",
                old.templates
            );
        }
        assert!(
            old.templates.iter().all(|t| !t.text.starts_with("vm ")),
            "{path}: {:#?}",
            old.templates
        );
    }
}

/// RFC 5424 written without its `<PRI>VERSION` (VMware NSX, and CRON beside
/// it: `… host NSX 3106 - [abc@6876 comp="abc-edge" …] msg`): the app name,
/// procid, msgid and structured data stayed in the templates (`NSX <*> -
/// [abc@<*> comp="abc-edge" … s<*>comp="fork-monitor"] keep-alive …`, `CRON
/// <*> - - (root) CMD …`), where they are header as after `<PRI>VERSION`. The
/// corpus's log.
#[test]
fn an_rfc5424_header_without_pri_is_left_out() {
    let mined = mined_as_plain("syslog-rfc3339/lnav-logfile_with_zones.0");
    let texts = texts_of(&mined);
    for want in [
        "(root) CMD ( <*> -n <*> >/dev/null <*>>&<*>)",
        "dynamic arp entry(<*>, <*>) is created",
    ] {
        assert!(texts.contains(&want), "{want}: {texts:#?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("keep-alive check received resp {'seq': <*>,")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("NSX") && !t.contains("CRON") && !t.contains("abc@")),
        "{texts:#?}"
    );
}

/// A request id of random letters and digits (Nextcloud's
/// `reqId=twvbRFk1OwgHo2bqggnx`) is one value: it was masked digit by digit
/// (`twvbRFk<*>OwgHo<*>bqggnx`), so each request made its own template. The
/// corpus's log.
#[test]
fn a_random_id_is_one_value() {
    let mined = mined_as_plain("json-lines/lnav-logfile_nextcloud.0");
    let texts = texts_of(&mined);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Tried to scan non file reqId=<*> ")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("twvbRFk") && !t.contains("SblFU")),
        "{texts:#?}"
    );
}

/// A syslog tag without a pid after a host holding a digit (`tstack-centos5
/// dhclient: DHCPREQUEST …`) is header as after a host without one: the
/// host, a header token for its digit, was skipped, and the tag kept
/// (`dhclient: DHCPREQUEST on eth<*> …`). The corpus's log.
#[test]
fn a_pid_less_tag_after_a_host_with_a_digit_is_left_out() {
    let mined = mined_as_plain("syslog-rfc3164/lnav-logfile_partitions.0");
    let texts = texts_of(&mined);
    assert!(
        texts.contains(&"DHCPREQUEST on eth<*> to <*> port <*> (xid=<*>)"),
        "{texts:#?}"
    );
    assert!(
        texts.iter().all(|t| !t.starts_with("dhclient:")),
        "{texts:#?}"
    );
}

/// journalctl writes a record without a pid (the kernel's, or one logged
/// without `_PID`) with a bare tag, `vm kernel: msg`. Its `short` outputs
/// are read as syslog, tag and all left out; `-o short-full`'s stamp
/// (`Mon 2026-11-23 15:08:38 CET`) is read as ISO 8601, where the host and a
/// bare tag stayed in the templates (`vm redis-server: Configuration
/// loaded`). The corpus's journalctl outputs with redis-server's pid taken
/// out of its tags (the other programs' kept, as journalctl mixes them).
#[test]
fn a_journalctl_tag_without_a_pid_is_left_out() {
    // redis-server's `redis-server[digits]:` written `redis-server:`.
    let without_pids = |path: &str| -> Vec<u8> {
        let text = corpus(path);
        let mut out = Vec::new();
        for line in text.split_inclusive(|&b| b == b'\n') {
            let redis = memchr::memmem::find(line, b" redis-server[").is_some();
            let tag = memchr::memmem::find(line, b"]: ")
                .filter(|_| redis)
                .and_then(|close| {
                    let open = memchr::memrchr(b'[', &line[..close])?;
                    line[open + 1..close]
                        .iter()
                        .all(u8::is_ascii_digit)
                        .then_some((open, close))
                });
            match tag {
                Some((open, close)) => {
                    out.extend_from_slice(&line[..open]);
                    out.extend_from_slice(&line[close + 1..]);
                }
                None => out.extend_from_slice(line),
            }
        }
        out
    };
    let texts = |path: &str| {
        let (_f, src) = source_of(&without_pids(path), 0);
        let mined = mine_source(&src);
        assert_eq!(mined, plain(&src));
        let mut t: Vec<(String, u64)> = mined
            .templates
            .into_iter()
            .map(|t| (t.text, t.count))
            .collect();
        t.sort();
        t
    };
    let short = texts("journald/journalctl-short.txt");
    assert!(
        short.contains(&("Configuration loaded".to_string(), 1)),
        "{short:#?}"
    );
    for path in [
        "journald/journalctl-short-full-berlin.txt",
        "journald/journalctl-short-iso.txt",
        "journald/journalctl-short-unix.txt",
        "journald/journalctl-short-monotonic.txt",
    ] {
        let other = texts(path);
        assert_eq!(
            other.iter().map(|p| &p.0).collect::<Vec<_>>(),
            short.iter().map(|p| &p.0).collect::<Vec<_>>(),
            "{path}"
        );
    }
}

/// The demo's kernel log (kern.log, `kernel: [   11.260940] wlan0: …`)
/// keeps each line's device in its template (`wlan<*>: associated`, `eth<*>:
/// …`): the device, a token with a digit after the uptime, was skipped as
/// header, and `wlan0: associated` mined as `associated`.
#[test]
fn the_demo_kernel_logs_devices_stay_in_its_templates() {
    let path = format!("{}/assets/demo/kern.log", env!("CARGO_MANIFEST_DIR"));
    let (_f, src) = source_of(&std::fs::read(&path).expect("demo kern.log"), 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    assert_counted(&mined, "wlan<*>: associated", 7);
    let texts = texts_of(&mined);
    assert!(!texts.contains(&"associated"), "{texts:#?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("wlan<*>: authenticate with")),
        "{texts:#?}"
    );
}

/// The corpus's journalctl outputs with every tag's pid taken out (entries
/// journald got without `_PID` print as `vm tag: msg`): `-o short-monotonic`
/// is still a journal (its host and tag header, the templates `-o short`
/// gives), where it was read as dmesg, host and tag kept in every template.
#[test]
fn a_monotonic_journal_without_pids_mines_as_the_short_one() {
    let without_pids = |path: &str| -> Vec<u8> {
        let text = String::from_utf8(corpus(path)).expect("utf-8");
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            // The first `]: ` closes `tag[pid]` (the uptime's `]` is
            // followed by a space).
            let tag = line.find("]: ").and_then(|close| {
                let open = line[..close].rfind('[')?;
                line[open + 1..close]
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then_some((open, close))
            });
            match tag {
                Some((open, close)) => {
                    out.push_str(&line[..open]);
                    out.push_str(&line[close + 1..]);
                }
                None => out.push_str(line),
            }
        }
        out.into_bytes()
    };
    let mono = without_pids("journald/journalctl-short-monotonic.txt");
    assert!(
        String::from_utf8_lossy(&mono).starts_with("[ 9057.367166] vm redis-server: "),
        "pids taken out"
    );
    let (_f, src) = source_of(&mono, 0);
    assert!(
        matches!(src.detection.format, Format::JournalMonotonic),
        "{:?}",
        src.detection
    );
    let texts = |src: &Source| {
        let mined = mine_source(src);
        assert_eq!(mined, plain(src));
        let mut t: Vec<(String, u64)> = mined
            .templates
            .into_iter()
            .map(|t| (t.text, t.count))
            .collect();
        t.sort();
        t
    };
    let (_g, short) = source_of(&without_pids("journald/journalctl-short.txt"), 0);
    let short = texts(&short);
    assert!(
        short.contains(&("Configuration loaded".to_string(), 1)),
        "{short:#?}"
    );
    assert_eq!(texts(&src), short);
}

/// After the RFC 5424 header the message's first words holding a digit were
/// skipped as if they were a program's own stamp: `OpenSSH_9.2p1
/// Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026` was mined as `OpenSSL <*>
/// Jan <*>`. A word is the message's (`/dev/vda` too). The corpus's logs.
#[test]
fn a_word_holding_a_digit_after_the_header_is_the_messages() {
    let ssh = "OpenSSH_<*>p<*> Debian<*>+deb<*>u<*>, OpenSSL <*> Jan <*>";
    let raw = mined_as_plain("syslog-rfc5424/logger-udp-raw.log");
    assert_counted(&raw, ssh, 1);
    assert_counted(&raw, "<*> <*>G <*>% /", 1);
    let via = mined_as_plain("syslog-rfc5424/logger-udp-via-rsyslog.log");
    assert_counted(&via, ssh, 2);
}
