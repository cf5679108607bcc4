use super::*;

#[test]
fn one_timestamp_and_one_level() {
    let f = Format::by_name("iso8601").expect("format");
    let line = b"2026-11-20 14:31:07.219 INFO [render] uploading textures";
    assert_eq!(
        first_line(&f, line, true, Some(Level::Info)),
        "[render] uploading textures"
    );
    // An inherited time: the line's text is its own.
    assert_eq!(
        first_line(&f, b"INFO at main", false, Some(Level::Info)),
        "at main"
    );
    assert_eq!(
        first_line(&f, b"Log in failed", false, Some(Level::Info)),
        "Log in failed"
    );
}

#[test]
fn a_dated_traces_lines_read_as_their_messages() {
    let f = Format::Syslog3164;
    assert_eq!(
        continuation_line(&f, b"Nov 23 14:08:39 vm app[7]:         /a/main.go:3 +0x2"),
        "        /a/main.go:3 +0x2"
    );
    // Lines without the capturer's stamp stay as written.
    assert_eq!(
        continuation_line(&f, b"Caused by: java.io.IOException: x"),
        "Caused by: java.io.IOException: x"
    );
    let j = Format::by_name("journal-json").expect("format");
    assert_eq!(
        continuation_line(
            &j,
            br#"{"__REALTIME_TIMESTAMP":"1795442919940752","MESSAGE":"\tmain.go:3 +0x2"}"#
        ),
        "    main.go:3 +0x2"
    );
}

/// gunicorn writes `[2026-11-23 14:08:49 +0000] [14377] [DEBUG] …`: the
/// offset after a space is the stamp's, not half of it left as `+0000]`.
#[test]
fn a_stamp_with_a_spaced_offset_goes_whole() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/python/gunicorn-error.log"
    );
    let text = std::fs::read_to_string(path).expect("corpus file");
    let line = text.lines().next().expect("a line");
    let f = Format::by_name("iso8601").expect("format");
    assert_eq!(
        first_line(&f, line.as_bytes(), true, Some(Level::Debug)),
        "[14377] Current configuration:"
    );
    for (line, want) in [
        ("2026-11-23 14:08:49 -0500 ready", "ready"),
        ("2026-11-23 14:08:49 Zookeeper started", "Zookeeper started"),
    ] {
        assert_eq!(first_line(&f, line.as_bytes(), true, None), want);
    }
}

/// journalctl's `-o short-unix` and `-o short-full` stamps, which the
/// time column shows: not again in every row.
#[test]
fn journal_unix_and_full_stamps_go() {
    for (format, file) in [
        ("journal-short-unix", "journalctl-short-unix.txt"),
        ("iso8601", "journalctl-short-full-berlin.txt"),
    ] {
        let path = format!(
            "{}/../shared/corpus/journald/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("corpus file");
        let line = text.lines().next().expect("a line");
        let f = Format::by_name(format).expect("format");
        assert!(
            first_line(&f, line.as_bytes(), true, None).starts_with("vm redis-server[14304]: "),
            "{file}: {}",
            first_line(&f, line.as_bytes(), true, None)
        );
    }
}

/// The time column shows the record's time: the stamp that gave it is not
/// shown again, in whichever shape or place the format writes it (the
/// first line of each corpus file, as the panes, `show` and `merge` read it).
#[test]
fn each_formats_stamp_goes() {
    for (format, file, level, want) in [
        (
            "syslog-rfc5424",
            "syslog-rfc5424/rsyslog-protocol23.log",
            Level::Info,
            "vm rsyslogd - - -  [origin software=",
        ),
        (
            "syslog-rfc5424",
            "syslog-rfc5424/logger-udp-raw.log",
            Level::Info,
            "vm ssh-version - - [timeQuality tzKnown=",
        ),
        (
            "syslog-rfc3164",
            "syslog-rfc3164/rsyslog-forwarded-udp-raw.log",
            Level::Info,
            "vm rsyslogd: [origin software=",
        ),
        (
            "logfmt",
            "logfmt/lnav-logfile_grafana.0",
            Level::Info,
            "logger=settings msg=\"Starting Grafana\" version=11.5.2 commit=",
        ),
        (
            "logfmt",
            "logfmt/logrus-text.logfmt",
            Level::Info,
            "msg=\"starting demo service\" go=go1.19.8 pid=10898",
        ),
        (
            "logfmt",
            "logfmt/prometheus.logfmt",
            Level::Info,
            "caller=main.go:513 msg=\"No time or size retention",
        ),
        (
            "logfmt",
            "logfmt/xslog-text.logfmt",
            Level::Info,
            "msg=\"starting demo service\" service=demo pid=10941 go=go1.19.8",
        ),
        (
            "klog",
            "klog/klog-stderr.log",
            Level::Info,
            "10929 klogdemo.go:35] klog demo started with 0 args",
        ),
        (
            "log4j",
            "loghub/Spark_2k.log",
            Level::Info,
            "executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]",
        ),
        (
            "log4j",
            "loghub/HDFS_2k.log",
            Level::Info,
            "148 dfs.DataNode$PacketResponder: PacketResponder 1 for block",
        ),
        (
            "apache-error",
            "apache/error.log",
            Level::Info,
            "[mpm_event:notice] [pid 9517:tid 9517] AH00489: Apache/2.4.71 (Debian) configured",
        ),
        (
            "redis",
            "misc/redis-server.log",
            Level::Warn,
            "10194:C oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
        ),
        (
            "postgres",
            "misc/postgresql-stderr.log",
            Level::Info,
            "[16282] LOG:  starting PostgreSQL 15.18",
        ),
    ] {
        let path = format!("{}/../shared/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("corpus file");
        let line = text.lines().next().expect("a line");
        let f = Format::by_name(format).expect("format");
        assert!(f.parse(line.as_bytes()).stamp.is_some(), "{file}: undated");
        let shown = first_line(&f, line.as_bytes(), true, Some(level));
        assert!(shown.starts_with(want), "{file}: {shown}");
    }
}

/// A logfmt time key is dropped only where it gave the time: another
/// `t=` (not a time) and an inherited time keep the line whole.
#[test]
fn logfmt_keeps_fields_that_are_not_its_time() {
    let f = Format::Logfmt;
    assert_eq!(
        first_line(&f, b"t=abc ts=1795442711.5 msg=x", true, None),
        "t=abc msg=x"
    );
    assert_eq!(
        first_line(&f, b"msg=\"a b\" time=\"2026-11-23T09:05:11Z\"", true, None),
        "msg=\"a b\""
    );
    assert_eq!(
        first_line(&f, b"time=2026-11-23T09:05:11Z msg=x", false, None),
        "time=2026-11-23T09:05:11Z msg=x"
    );
}

#[test]
fn json_reads_as_message_and_fields() {
    let f = Format::by_name("json").expect("format");
    let line = br#"{"time":"2026-11-20T14:31:07.201Z","level":"INFO","msg":"ws connect","client":"kiosk-07"}"#;
    assert_eq!(
        first_line(&f, line, true, Some(Level::Info)),
        "ws connect  client=kiosk-07"
    );
}

/// The first line of a corpus file's line `n` (1-based) as `show` prints it:
/// the format detected, the line as written (escapes and all).
fn corpus_shown(file: &str, n: usize) -> (String, &'static str) {
    let path = format!("{}/../shared/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("corpus file");
    let d = super::super::detect(&bytes[..bytes.len().min(256 * 1024)]);
    let line = bytes
        .split(|&b| b == b'\n')
        .nth(n - 1)
        .expect("line within file");
    let level = d.format.parse(&crate::ansi::strip_cow(line)).level;
    (first_line(&d.format, line, true, level), d.format.name())
}

/// loguru's default format (`stamp | LEVEL    | name:function:line - msg`):
/// the stamp and the level word between bars go, not only the stamp.
#[test]
fn loguru_shows_neither_stamp_nor_level() {
    for (n, want) in [
        (1, "__main__:<module>:18 - loguru demo starting"),
        (3, "__main__:<module>:23 - fetch failed"),
    ] {
        let (shown, format) = corpus_shown("python/loguru-plain.log", n);
        assert_eq!(shown, want, "line {n} read as {format}");
    }
}

/// `docker compose logs -t`: the stamp after the service's prefix goes, the
/// prefix stays (it says which service); a level word right after the stamp
/// goes as after any stamp. Containers' JSON reads as JSON lines do.
#[test]
fn compose_stamps_go_after_the_service() {
    for (file, n, want) in [
        (
            "docker/lnav-logfile_docker_compose_with_ts.0",
            1,
            "web-1  | * Serving Flask app 'app.py'",
        ),
        (
            "docker/lnav-logfile_docker_compose_with_ts.0",
            3,
            "web-1  | This is a development server. Do not use it in a production deployment. \
             Use a production WSGI server instead.",
        ),
        (
            "docker/lnav-logfile_docker_compose.0",
            11,
            "redis-1  | 1:C oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
        ),
    ] {
        let (shown, format) = corpus_shown(file, n);
        assert_eq!(shown, want, "{file}:{n} read as {format}");
    }
    let json = br#"caddy-1  | {"level":"info","ts":1761019822.3152757,"msg":"serving"}"#;
    assert_eq!(
        first_line(&Format::DockerCompose, json, true, Some(Level::Info)),
        "caddy-1  | serving"
    );
}

/// Every corpus file in a dated text format, through the real loader and
/// indexer: the first line of each record dated by its own stamp, as shown,
/// holds no stamp the parser read, nor begins, past punctuation, with the
/// level word the level column shows. The stamp's text is found without
/// `Format::header`: from the first to the last digit that, changed, changes
/// the stamp the line parses to. (JSON lines read as their fields, unchanged.)
#[test]
fn no_shown_line_repeats_its_stamp_or_level() {
    use crate::source::{self, Input, LoadOptions, Settings, SourceSpec};
    let opts = LoadOptions {
        zone: crate::index::Zone::Fixed(0),
        now: 1_700_000_000_000_000_000,
        levels: true,
    };
    let mut failures = Vec::new();
    let mut dated = 0;
    for file in crate::pattern::mask::tests::corpus_files() {
        let spec = SourceSpec {
            name: "corpus".to_string(),
            input: Input::Files(vec![file.clone()]),
            settings: Settings::default(),
        };
        let Ok((parts, warnings)) = source::open(&spec) else {
            continue;
        };
        let src = source::index(&spec, std::sync::Arc::new(parts), warnings, &opts, |_| {});
        let f = &src.detection.format;
        if matches!(f, Format::Json(_)) {
            continue;
        }
        let mut here = 0;
        for i in 0..src.index.len() {
            let Some(e) = src.entry(i).filter(|e| e.own_time()) else {
                continue;
            };
            let head = headline(f, src.record_bytes(i)).0;
            let line = crate::ansi::strip_cow(head);
            let Some(stamp) = f.parse(&line).stamp else {
                continue;
            };
            dated += 1;
            let Some(text) = stamp_text(f, &line, stamp) else {
                continue;
            };
            let shown = first_line(f, head, true, e.level());
            let rest = shown.trim_start_matches([' ', '|', '-', '[', ':']);
            let word = rest.len()
                - rest
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .len();
            let after = &rest.as_bytes()[word..];
            let ends = matches!(
                after,
                [] | [b' ' | b']' | b'|', ..] | [b':'] | [b':', b' ', ..]
            );
            let shouts = word >= 3 && rest[..word].bytes().all(|b| b.is_ascii_uppercase());
            let repeats_level = ends
                && shouts
                && e.level().is_some()
                && Level::parse(&rest.as_bytes()[..word]) == e.level();
            if shown.contains(&text) || repeats_level {
                here += 1;
                if here <= 2 {
                    failures.push(format!(
                        "{} ({}): {shown:?} (stamp {text:?})",
                        file.display(),
                        f.name()
                    ));
                }
            }
        }
    }
    assert!(dated > 5_000, "{dated} dated records");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The text from the first to the last digit of `line` that dates it (each,
/// changed to another digit, makes `line` parse to another stamp), with the
/// three bytes before it: a message may quote the same time in its own words.
fn stamp_text(f: &Format, line: &[u8], stamp: super::super::Stamp) -> Option<String> {
    let mut copy = line.to_vec();
    let mut dating = (0..line.len().min(256)).filter(|&p| {
        let d = line[p];
        d.is_ascii_digit()
            && (b'0'..=b'9').filter(|&o| o != d).any(|o| {
                copy[p] = o;
                let changed = f.parse(&copy).stamp.is_some_and(|s| s != stamp);
                copy[p] = d;
                changed
            })
    });
    let first = dating.next()?;
    let last = dating.last().unwrap_or(first);
    Some(String::from_utf8_lossy(&line[first.saturating_sub(3)..=last]).into_owned())
}

/// Each format's header, cut where its parser reads it: the separators the
/// format writes around the stamp and the level go with them, a thread or
/// a module tag between stays; a level word that is all the message stays,
/// and a line of nothing but its stamp stays whole.
#[test]
fn each_formats_header_goes_where_its_parser_read_it() {
    use Level::*;
    for (format, line, level, want) in [
        (
            "log4j",
            "2026-11-23 14:11:45,374 - INFO  [main:QuorumPeerConfig@177] - Reading configuration",
            Some(Info),
            "[main:QuorumPeerConfig@177] - Reading configuration",
        ),
        (
            "log4j",
            "2026-11-24T00:41:47.339+10:30 [main] WARN  com.example.X - x",
            Some(Warn),
            "[main] com.example.X - x",
        ),
        (
            "log4j",
            "[2022-03-24 17:23:05,123] INFO started (kafka.Server)",
            Some(Info),
            "started (kafka.Server)",
        ),
        (
            "python",
            "2026-11-23 14:08:47,739 - demo.client - WARNING - slow",
            Some(Warn),
            "demo.client - slow",
        ),
        (
            "python",
            "2026-11-23T11:08:48-0300 INFO     [MainThread] demo.client: x",
            Some(Info),
            "[MainThread] demo.client: x",
        ),
        (
            "supervisord",
            "2026-11-23 14:08:56,011 CRIT Supervisor is running as root.",
            Some(Fatal),
            "Supervisor is running as root.",
        ),
        (
            "nginx-error",
            "2026/11/23 05:35:29 [error] 9263#9263: *3 open() failed",
            Some(Error),
            "9263#9263: *3 open() failed",
        ),
        (
            "iso8601",
            "2026-11-23 14:10:13.032871 W | etcdserver: slow",
            Some(Warn),
            "etcdserver: slow",
        ),
        (
            "access-log",
            "127.0.0.1 - - [23/Nov/2026:05:35:30 -0800] \"GET /x HTTP/1.1\" 404 153",
            Some(Warn),
            "127.0.0.1 - - \"GET /x HTTP/1.1\" 404 153",
        ),
        (
            "logcat",
            "1710692018.811  1702  2395 D Tag: msg",
            Some(Debug),
            "1702  2395 Tag: msg",
        ),
        (
            "docker-compose",
            "worker-1  | 2026/12/01 15:04:05.629729 worker 2 processing job 0",
            None,
            "worker-1  | worker 2 processing job 0",
        ),
        (
            "dmesg",
            "<6>[  314.777958] i915 0000:00:02.0: [drm] GPU HANG",
            Some(Info),
            "i915 0000:00:02.0: [drm] GPU HANG",
        ),
        (
            "dmesg-t",
            "[Thu Mar 24 17:23:05 2022] EXT4-fs error (device sda1)",
            Some(Error),
            "EXT4-fs error (device sda1)",
        ),
        ("iso8601", "2026-11-23 14:08:49 INFO", Some(Info), "INFO"),
        (
            "iso8601",
            "2026-11-23 14:08:49",
            None,
            "2026-11-23 14:08:49",
        ),
    ] {
        let f = Format::by_name(format).expect("format");
        assert_eq!(f.parse(line.as_bytes()).level, level, "{format}: {line}");
        assert_eq!(
            first_line(&f, line.as_bytes(), true, level),
            want,
            "{format}"
        );
    }
}

/// A level word the format writes in a fixed place beside other fields goes
/// too, not only one right after the stamp: gunicorn's `[LEVEL]` after its
/// pid, logcat's priority letter after the ids (`D/` before the tag with
/// `-v time`), Laravel's `.LEVEL` after its channel. What surrounds it stays.
#[test]
fn a_level_in_its_formats_place_goes() {
    for (file, n, want) in [
        (
            "python/gunicorn-error.log",
            1,
            "[14377] Current configuration:",
        ),
        (
            "loghub/Android_2k.log",
            2,
            "1702  8671 PowerManagerService: acquire lock=233570404, flags=0x1, \
             tag=\"View Lock\", name=com.android.systemui, ws=null, uid=10037, pid=2227",
        ),
        (
            "misc/lnav-logfile_laravel.0",
            1,
            "local: Target class [Fruitcake\\Cors\\HandleCors] does not exist.",
        ),
    ] {
        let (shown, format) = corpus_shown(file, n);
        let shown = shown.split(" {\"exception").next().unwrap_or_default();
        assert_eq!(shown, want, "{file}:{n} read as {format}");
    }
    let logcat = Format::by_name("logcat").expect("format");
    assert_eq!(
        first_line(
            &logcat,
            b"03-17 16:13:38.811 W/ActivityManager( 1702): Unable to start",
            true,
            Some(Level::Warn)
        ),
        "ActivityManager( 1702): Unable to start"
    );
    // A letter logcat prints for an unknown priority: no level shows it.
    assert_eq!(
        first_line(
            &logcat,
            b"03-17 16:13:38.811  1702  2395 ? Tag: odd",
            true,
            None
        ),
        "1702  2395 ? Tag: odd"
    );
    // Words that only look like it stay.
    let iso = Format::by_name("iso8601").expect("format");
    for line in [
        "[2026-11-23 14:08:49 +0000] [14377] [worker] starting",
        "[2023-05-15 18:19:32] see file.ERROR: not a level",
    ] {
        let want = line.split_once("] ").map_or("", |(_, r)| r);
        assert_eq!(first_line(&iso, line.as_bytes(), true, None), want);
    }
}

/// logrus's rows say their level once, in the level column: `INF level=info
/// msg=…` and `INF INFO[0000] …` said it twice. A logfmt line's level field
/// goes as its time field does (only where it gave the level); a colour
/// line's four letters go, its `[0000]`, the only time it gives, stays.
#[test]
fn logrus_rows_say_their_level_once() {
    let first = |file: &str| {
        let path = format!("{}/../shared/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("corpus file");
        text.lines().nth(2).expect("a third line").to_string()
    };
    let text = first("logfmt/logrus-text.logfmt");
    assert_eq!(
        first_line(&Format::Logfmt, text.as_bytes(), true, Some(Level::Debug)),
        "msg=\"sending request\" method=GET url=\"http://127.0.0.1:42455/ok\""
    );
    let tty = first("ansi/logrus-forcecolors.log");
    assert_eq!(
        first_line(
            &Format::LogrusTty,
            tty.as_bytes(),
            false,
            Some(Level::Debug)
        ),
        "[0000] sending request                               method=GET url=\"http://127.0.0.1:37803/ok\""
    );
    // A level field that did not give the level (an inherited time, no
    // level read: the line is a continuation's) stays.
    assert_eq!(
        first_line(&Format::Logfmt, b"level=info msg=x", false, None),
        "level=info msg=x"
    );
}
