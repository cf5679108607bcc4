//! Automatic detection: try every candidate on a sample and keep the one that
//! dates the most lines.

use std::borrow::Cow;

use super::{Format, app, golog, json, kernel, prefixed, syslog, trim_cr};

/// Result of format detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub format: Format,
    /// Share of sampled non-blank lines the format parsed a timestamp from, 0..=1.
    pub confidence: f32,
}

/// How many lines detection looks at.
pub const DETECT_LINES: usize = 400;

/// For formats that parse exactly like a more general one listed after them, whether
/// a line has their distinctive shape. None for formats with a parser of their own.
fn signature(format: &Format, line: &[u8]) -> Option<bool> {
    Some(match format {
        Format::JournalShortIso => syslog::iso_syslog_signature(line, true),
        Format::Syslog3339 => syslog::iso_syslog_signature(line, false),
        Format::JournalMonotonic => kernel::monotonic_journal_signature(line),
        Format::NginxError => golog::nginx_signature(line),
        Format::Postgres => app::signature(line, app::postgres_level),
        Format::Supervisord => app::supervisord_signature(line),
        Format::Python => app::signature(line, app::python_level),
        Format::Log4j => app::log4j_signature(line),
        _ => return None,
    })
}

/// Picks the format that dates the most sampled lines; earlier candidates win ties,
/// so more specific formats are listed first. A format that is a named shape of a
/// general one (e.g. `supervisord` of `iso8601`) only counts when most of the lines
/// it dates have its signature. JSON keys are learned from the sample first.
pub fn detect(sample: &[u8]) -> Detection {
    let lines: Vec<Cow<'_, [u8]>> = sample
        .split(|&b| b == b'\n')
        .map(trim_cr)
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(DETECT_LINES)
        .map(crate::ansi::strip_cow)
        .collect();
    if lines.is_empty() {
        return Detection {
            format: Format::Plain,
            confidence: 0.0,
        };
    }
    let refs: Vec<&[u8]> = lines.iter().map(|l| l.as_ref()).collect();
    if let Some((format, confidence)) = super::journal_entry::detect(&refs) {
        return Detection { format, confidence };
    }
    let learned = json::JsonFormat::discover(&refs);
    let (mut best, mut best_hits) = best_candidate(&refs, learned.as_ref());
    if best_hits < refs.len()
        && let Some((format, hits)) = behind_tokens(&refs, best_hits)
    {
        best = Detection {
            format,
            confidence: hits as f32 / refs.len() as f32,
        };
        best_hits = hits;
    }
    // Python's `basicConfig()` default writes `LEVEL:logger:message` with no
    // time; its own lines outnumber the few dated ones among them (an
    // `http.server` line's `[23/Nov/2026 14:08:47]`): an undated log whose
    // levels `plain` reads.
    let level_led = refs.iter().filter(|l| python_default_line(l)).count();
    if level_led > best_hits {
        return Detection {
            format: Format::Plain,
            confidence: 1.0 - best.confidence,
        };
    }
    // logrus's colour lines (`INFO[0000] msg`) date nothing: most of the
    // sample in their shape, their levels are read.
    let logrus = refs
        .iter()
        .filter(|l| super::logrus::head(l).is_some())
        .count();
    if logrus > best_hits && logrus * 2 > refs.len() {
        return Detection {
            format: Format::LogrusTty,
            confidence: logrus as f32 / refs.len() as f32,
        };
    }
    // A few dated lines among long tracebacks still make a log (loguru's
    // `diagnose` dumps), but one stray match in prose does not. Fewer than
    // 1% do when what is not dated is nearly all their traces
    // (`traces_fill`: a Laravel log's entries of a hundred frames or more).
    if best.confidence < 0.05 && (best_hits < 3 || best.confidence < 0.01) {
        // A last line without its newline was cut (at the file's end, or the
        // sample's): a dump cut mid-frame keeps its shape. So does one cut in
        // a goroutine's header, whatever newline or blank lines follow it.
        let cut = |last: &[u8]| {
            !sample.ends_with(b"\n")
                || crate::goroutine::line::header_cut(crate::goroutine::line::trim(last))
        };
        let whole = match refs.split_last() {
            Some((last, rest)) if !rest.is_empty() && refs.len() < DETECT_LINES && cut(last) => {
                rest
            }
            _ => &refs[..],
        };
        // A log whose few lines come before a Go crash (a service that
        // logged it started, then panicked with every goroutine's stack) is
        // a log with the panic in it, as it is with more lines: the panic
        // is dated by them. A bare dump prints no dated line.
        if best_hits > 0 && logged_then_crashed(&best.format, &refs) {
            return best;
        }
        let dump = super::records::looks_like_go_dump(whole)
            .or_else(|| dump_after_message(sample, &refs))
            .map(|s| (Format::GoDump, s));
        let compose =
            || super::docker::looks_like_compose(&refs).map(|s| (Format::DockerCompose, s));
        let traced = || {
            (best_hits >= 2 && traces_fill(&best.format, &refs))
                .then(|| (best.format.clone(), best.confidence))
        };
        best = match dump.or_else(compose).or_else(traced) {
            Some((format, share)) => Detection {
                format,
                confidence: share,
            },
            None => Detection {
                format: Format::Plain,
                confidence: 1.0 - best.confidence,
            },
        };
    }
    best
}

/// The candidate that dates the most of `refs` (see `detect`), and how many
/// lines it dates.
fn best_candidate(refs: &[&[u8]], learned: Option<&json::JsonFormat>) -> (Detection, usize) {
    let mut best = Detection {
        format: Format::Plain,
        confidence: 0.0,
    };
    let mut best_hits = 0;
    // A W3C log names its columns: without a `#Fields:` line, its dates and
    // times are any ISO log's.
    let w3c = super::w3c::learn(refs);
    for format in Format::candidates() {
        let format = match (format, learned) {
            (Format::Json(_), Some(j)) => Format::Json(j.clone()),
            (Format::W3c(_), _) => match w3c {
                Some(c) => Format::W3c(c),
                None => continue,
            },
            (f, _) => f,
        };
        let mut hits = 0;
        let mut signed = 0;
        for l in refs {
            if format.parse(l).stamp.is_some() {
                hits += 1;
                if signature(&format, l).unwrap_or(true) {
                    signed += 1;
                }
            }
        }
        if signed * 2 <= hits {
            continue;
        }
        let confidence = hits as f32 / refs.len() as f32;
        if confidence > best.confidence {
            best = Detection { format, confidence };
            best_hits = hits;
        }
    }
    (best, best_hits)
}

/// `grep -H`'s, `grep -Hn`'s or `kubectl logs --prefix`'s lines: the format
/// of what follows each line's leading token (`prefixed::behind`), detected
/// as `detect` would on those lines alone, read behind the tokens; when that
/// dates more lines than `best_hits`, it and how many lines it dates.
///
/// The lines are also read behind grep's file name alone (`behind_name`):
/// `app.log:9947:M …` is redis's line behind `grep -H`, not a line number.
fn behind_tokens(refs: &[&[u8]], best_hits: usize) -> Option<(Format, usize)> {
    let mut best: Option<(Format, usize)> = None;
    let cut: [Cut; 2] = [prefixed::behind, prefixed::behind_name];
    for (i, cut) in cut.into_iter().enumerate() {
        let own: Vec<&[u8]> = refs.iter().filter_map(|l| cut(l)).collect();
        if own.is_empty() || (i == 1 && !refs.iter().any(|l| numbered(l))) {
            continue;
        }
        let (inner, _) = best_candidate(&own, None);
        let Some(wrapped) = prefixed::wrap(inner.format) else {
            continue;
        };
        let hits = refs
            .iter()
            .filter(|l| wrapped.parse(l).stamp.is_some())
            .count();
        if hits > best.as_ref().map_or(best_hits, |b| b.1) {
            best = Some((wrapped, hits));
        }
    }
    best
}

/// Where a line is cut behind its token.
type Cut = fn(&[u8]) -> Option<&[u8]>;

/// Does `behind` take digits after `line`'s file name for a line number?
fn numbered(line: &[u8]) -> bool {
    prefixed::behind(line).map(<[u8]>::len) != prefixed::behind_name(line).map(<[u8]>::len)
}

/// Do the lines `format` dates all come before a Go panic or fatal error
/// that opens a dump (`panic: …` then a goroutine's header)?
fn logged_then_crashed(format: &Format, lines: &[&[u8]]) -> bool {
    let Some(opener) = lines
        .iter()
        .position(|l| crate::goroutine::line::crash_opener(l).is_some())
    else {
        return false;
    };
    let dated = |l: &&[u8]| format.parse(l).stamp.is_some();
    lines[..opener].iter().any(dated)
        && !lines[opener..].iter().any(dated)
        && lines[opener..]
            .iter()
            .any(|l| crate::goroutine::line::header(l).is_some())
}

/// Are the lines of `lines` that `format` dates not (nearly all) traces:
/// frames, exceptions' lines, traces' headings, indented lines
/// (`records::looks_like_trace_line`, `trace_heading`,
/// `looks_like_continuation`)? Nine in ten of them, so that what a logger
/// prints around its traces (Monolog's `[previous exception] …` and closing
/// `"}`) does not count against them, while prose with a few dates in it,
/// or program output, does.
fn traces_fill(format: &Format, lines: &[&[u8]]) -> bool {
    use super::records::{looks_like_continuation, looks_like_trace_line, trace_heading};
    let (mut undated, mut traced) = (0usize, 0usize);
    for l in lines {
        if format.parse(l).stamp.is_some() {
            continue;
        }
        undated += 1;
        if looks_like_trace_line(l) || trace_heading(l) || looks_like_continuation(l) {
            traced += 1;
        }
    }
    traced * 10 >= undated * 9
}

/// A Go panic or fatal error whose message (a quoted error page, a payload)
/// runs past the lines detection reads or makes most of them: the dump is
/// judged from its first goroutine's header on, after the opener; the share
/// of dump-shaped lines there. `lines`: the sample's first lines.
fn dump_after_message(sample: &[u8], lines: &[&[u8]]) -> Option<f32> {
    let first = lines.first()?;
    crate::goroutine::line::crash_opener(first)?;
    dump_from_first_header(first, sample, 0)
}

/// The share of dump-shaped lines from the first goroutine's header in
/// `text` at or after `from` on, after `opener` (a panic's first line).
fn dump_from_first_header(opener: &[u8], text: &[u8], from: usize) -> Option<f32> {
    let h = first_header(&text[from..])? + from;
    from_header(opener, &text[h..text.len().min(h + crate::source::SAMPLE)])
}

/// The share of dump-shaped lines of `opener` (a panic's first line) and the
/// lines of `rest` (from a goroutine's header on), as detection reads them.
fn from_header(opener: &[u8], rest: &[u8]) -> Option<f32> {
    let mut lines: Vec<&[u8]> = vec![opener];
    lines.extend(
        rest.split(|&b| b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .take(DETECT_LINES - 1),
    );
    // A cut last line keeps the dump's shape (as `detect` reads a sample).
    if lines.len() > 2 && !rest.ends_with(b"\n") {
        lines.pop();
    }
    super::records::looks_like_go_dump(&lines)
}

/// Where the first line that is a goroutine's header starts in `text`.
fn first_header(text: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(text, b"\ngoroutine ")
        .map(|k| k + 1)
        .find(|&k| {
            let end = memchr::memchr(b'\n', &text[k..]).map_or(text.len(), |e| k + e);
            let line = &text[k..end];
            crate::goroutine::line::header(line.strip_suffix(b"\r").unwrap_or(line)).is_some()
        })
}

/// How far past the sample a Go panic's first goroutine is looked for.
const PANIC_REACH: usize = 64 << 20;

/// A Go panic whose message runs past the sample: `text`, a file's bytes,
/// begins with the panic's line, and its first `sampled` bytes (the sample)
/// hold no goroutine that makes a dump. Its first goroutine's header is
/// looked for past them, `PANIC_REACH` at most; Some when the text from it
/// on reads as a dump.
pub fn long_panic(text: &[u8], sampled: usize) -> Option<Detection> {
    // The opener first: most sources asked are plain logs, whose first line
    // need not be found.
    crate::goroutine::line::crash_opener(text)?;
    let text = &text[..text.len().min(PANIC_REACH)];
    let first = text.split(|&b| b == b'\n').next()?;
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    let from = sampled.saturating_sub(1).min(text.len());
    dump_from_first_header(first, text, from).map(|confidence| Detection {
        format: Format::GoDump,
        confidence,
    })
}

/// A shape of log casefile knows it does not read, from the first lines of
/// `sample`: what it is and what to do, said instead of "try --format",
/// which no format would answer.
pub fn unread_shape(sample: &[u8]) -> Option<&'static str> {
    let mut lines = sample
        .split(|&b| b == b'\n')
        .map(trim_cr)
        .filter(|l| !l.is_empty())
        .take(DETECT_LINES);
    let first = lines.next()?;
    (first.starts_with(b"#separator") && sample.windows(8).any(|w| w == b"#fields\t")).then_some(
        "a Zeek (Bro) TSV log whose first column is not its epoch ts, the only place casefile reads it: convert it with zeek-cut -d",
    )
}

/// `WARNING:root:msg`, `ERROR:demo.server:msg`: Python logging's default
/// format, a level name, a colon, the logger's name and a colon.
fn python_default_line(line: &[u8]) -> bool {
    let word = line.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let name = line.get(word + 1..).map_or(0, |r| {
        r.iter().take_while(|&&c| c != b':' && c != b' ').count()
    });
    word >= 4
        && line.get(word) == Some(&b':')
        && name > 0
        && line.get(word + 1 + name) == Some(&b':')
        && crate::level::Level::parse(&line[..word]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(sample: &str) -> &'static str {
        detect(sample.as_bytes()).format.name()
    }

    #[test]
    fn named_shapes_win_over_generic_iso() {
        assert_eq!(
            name(
                "2022-03-24 17:23:05,123 INFO spawned: 'x' with pid 1\n2022-03-24 17:23:06,001 INFO success: x\n"
            ),
            "supervisord"
        );
        assert_eq!(
            name(
                "2026-11-23 14:06:46,532 - demo - INFO - hi\n2026-11-23 14:06:46,533 - demo - ERROR - boom\n"
            ),
            "python"
        );
        assert_eq!(
            name("2026-11-23T14:08:57Z tick\n2026-11-23T14:08:58Z tick\n"),
            "iso8601"
        );
        assert_eq!(
            name("2026/11/23 05:35:29 [notice] 1#1: x\n2026/11/23 05:35:29 [error] 1#1: y\n"),
            "nginx-error"
        );
        assert_eq!(name("2026/11/23 05:35:29 hello\n"), "go-log");
        assert_eq!(name("[ 12.000001] usb 1-1: new device\n"), "dmesg");
        assert_eq!(
            name("[ 12.000001] vm sshd[1]: hello\n"),
            "journal-short-monotonic"
        );
    }

    /// `journalctl -o short-monotonic` writes an entry without a pid (the
    /// kernel's, one sent without `_PID`) with a bare tag: `[   12.000001]
    /// myhost systemd-logind: …`. A journal of such entries was read as dmesg,
    /// its host and tag left in every message. dmesg's own lines (the demo's
    /// kern.log without its syslog header: `usb 1-2:`, `nvme nvme0:`, `Zone
    /// ranges:`, `systemd[1]:`) stay dmesg.
    #[test]
    fn a_monotonic_journal_without_pids_is_a_journal() {
        for log in [
            "[   12.000001] myhost systemd-logind: New seat seat0.\n",
            "[    5.123456] host kernel: Linux version 6.1.0-18-amd64\n",
            "[ 9057.367166] vm redis-server: Configuration loaded\n[ 9058.372428] vm panicdemo: worker 2 processing item 0 of 3\n",
        ] {
            assert_eq!(name(log), "journal-short-monotonic", "{log}");
        }
        let kern =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo/kern.log"))
                .expect("demo kern.log");
        let dmesg: String = kern
            .lines()
            .filter_map(|l| l.split_once(" kernel: ").map(|(_, m)| format!("{m}\n")))
            .collect();
        assert!(
            dmesg.starts_with("[    0.000000] Linux version"),
            "{dmesg:.80}"
        );
        assert_eq!(name(&dmesg), "dmesg");
        for line in [
            "[    2.446755] usb 1-2: new full-speed USB device number 2 using xhci_hcd\n",
            "[    1.100000] nvme nvme0: pci function 0000:02:00.0\n",
            "[    1.200000] usb usb1: New USB device found, idVendor=1d6b\n",
            "[    1.300000] scsi host0: ahci\n",
            "[    1.400000] sd 0:0:0:0: [sda] 976773168 512-byte logical blocks\n",
        ] {
            assert_eq!(name(line), "dmesg", "{line}");
        }
    }

    /// supervisord writes `%(asctime)s %(levelname)s %(message)s`, asctime
    /// `2026-11-23 14:08:56,011` (local, comma millis): an ISO log in another
    /// stamp with a four-letter level word is a generic ISO log, as `docker
    /// logs -t` dates a program's `INFO msg` lines. The corpus's supervisord
    /// log stays supervisord (tests/corpus_formats.rs).
    #[test]
    fn supervisord_only_in_supervisords_stamp() {
        for log in [
            "2026-11-23T14:08:39.938125123Z INFO spawned: 'web' with pid 7\n2026-11-23T14:08:40.001Z WARN exited: web (exit status 1; not expected)\n",
            "2026-11-23T14:06:55Z INFO starting worker\n2026-11-23T14:06:56Z WARN slow disk\n",
            "2026-11-23 14:06:55.123456+01:00 INFO starting worker\n",
            "[2026-11-23 14:06:55,123] INFO starting worker\n",
        ] {
            assert_ne!(name(log), "supervisord", "{log}");
        }
        assert_eq!(
            name("2026-11-23T14:06:55Z INFO starting worker\n"),
            "iso8601"
        );
        assert_eq!(
            name("2026-11-23 14:08:56,011 CRIT Supervisor is running as root.\n"),
            "supervisord"
        );
    }

    /// Every parser on every prefix of lines of every shape: lines are cut at 64 KiB
    /// and may end anywhere, so no parser may index past the end.
    #[test]
    fn no_parser_panics_on_truncated_lines() {
        let samples: [&[u8]; 25] = [
            b"<38>1 2026-11-23T15:03:00.192000+01:00 vm sshd 9919 - -  msg",
            b"<38>Mar  2 18:19:00.123 host prog[1]: error x",
            b"2022-03-24T17:23:05+0100 host prog[pid]: msg",
            b"[ 9057.367166] vm redis-server[14304]: x",
            b"[Thu Mar 24 17:23:05 2022] msg",
            b"1.2.3.4 - - [23/Nov/2026:05:35:30 -0800] \"GET / HTTP/1.1\" 500 1",
            b"[Mon Nov 23 19:05:51.221355 2026] [core:info] [pid 1] x",
            b"I1123 14:05:12.710033   10929 klogdemo.go:35] x",
            b"9947:M 23 Nov 2026 14:03:13.460 * msg",
            b"2026/11/23 05:35:29 [notice] 9263#9263: x",
            b"2026-11-23 08:10:34.925 CST [16282] LOG:  x",
            b"2026-11-23 14:06:46,532 - name - INFO - msg | INFO     | x",
            b"Nov 23, 2026 2:06:48 PM JulDemo main",
            b"{\"t\":{\"$date\":\"2026-03-10T20:58:09.401+00:00\"},\"level\":30,\"ts\":1795442711.5}",
            b"logger=x t=2025-04-24T19:51:48.520963849Z level=info",
            b"web-1  | 17/06/09 20:10:40 INFO x: 1795442918.881981 y",
            b"2026-03-17 16:13:38.811123 +0800 root  1702  2395 D Tag: msg",
            b"03-17 16:13:38.811 W/Tag     (10037: 1702): msg",
            b"         1710692018.811  1702  2395 D Tag:",
            b"app.log:12:2026-11-23 14:06:46,532 INFO x",
            b"[pod/web/app] 2026-11-23T14:06:46Z WARN x",
            b"KERNDTLB 1131566461.123 2005.11.09 x",
            b"[pid: 1|app: 0|req: 1/1] ::1 () {3 vars in 6 bytes} [Sun Mar 13 22:49:12 2016] GET / => generated 4 bytes in 1 msecs (HTTP/1.1 200)",
            b"2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80 - 1.2.3.4 UA - 404 0 2",
            b"1320279554.496300\tCg9xqq3JAcZusspA86\t192.168.2.76\t52025",
        ];
        let mut all = Format::candidates();
        all.push(Format::W3c(
            super::super::w3c::fields(b"#Fields: time c-ip sc-status date").expect("fields"),
        ));
        all.push(Format::Plain);
        all.push(Format::GoDump);
        for s in samples {
            for end in 0..=s.len() {
                for f in &all {
                    let _ = f.parse(&s[..end]);
                }
            }
        }
    }

    /// `-v epoch` lines date as `journal-short-unix` too: logcat's header wins.
    /// With `-v year` they are ISO lines whose level is logcat's letter.
    #[test]
    fn logcat_before_the_formats_that_date_its_stamps() {
        assert_eq!(
            name("1710692018.811  1702  2395 D Tag: a\n1710692018.812  1702  2395 E Tag: b\n"),
            "logcat"
        );
        assert_eq!(
            name(
                "2026-03-17 16:13:38.811  1702  2395 D Tag: a\n2026-03-17 16:13:38.812  1702  2395 E Tag: b\n"
            ),
            "logcat"
        );
        assert_eq!(
            name("1795442918.881981 vm redis-server[14304]: x\n"),
            "journal-short-unix"
        );
    }

    /// A panic whose message fills the lines detection reads is judged from
    /// its first goroutine on; prose after a panic's line, or a header
    /// among prose, is no dump.
    #[test]
    fn a_panic_with_a_long_message_is_a_dump() {
        let mut text = String::from("panic: fetch config: 502 Bad Gateway:\n");
        for _ in 0..500 {
            text.push_str("<p>upstream connect error</p>\n");
        }
        let dump = "\ngoroutine 1 [running]:\nmain.main()\n\t/srv/main.go:12 +0x1d\n\n\
goroutine 7 [chan receive]:\nmain.wait()\n\t/srv/main.go:20 +0x2f\ncreated by main.main\n\t/srv/main.go:9 +0x45\n";
        let d = detect(format!("{text}{dump}").as_bytes());
        assert_eq!(d.format, Format::GoDump);
        // The same text with prose where the stacks were.
        let prose = "\ngoroutine 1 [running]:\nthe worker stopped here\nand was restarted\nby the supervisor\n";
        assert_eq!(
            detect(format!("{text}{prose}").as_bytes()).format,
            Format::Plain
        );
        // No panic's line first.
        let text = text.replacen("panic: ", "note: ", 1);
        assert_eq!(
            detect(format!("{text}{dump}").as_bytes()).format,
            Format::Plain
        );
        // Past the sample (its first 40 bytes here): the header is looked
        // for after it.
        let text = format!("panic: boom\n{}{dump}", "<p>page</p>\n".repeat(50));
        assert_eq!(
            long_panic(text.as_bytes(), 40).map(|d| d.format),
            Some(Format::GoDump)
        );
        assert_eq!(
            long_panic(text.replacen("panic", "pani", 1).as_bytes(), 40),
            None
        );
    }

    #[test]
    fn formats_are_shareable() {
        fn check<T: Clone + std::fmt::Debug + PartialEq + Send + Sync>() {}
        check::<Format>();
    }

    #[test]
    fn json_keys_are_learned() {
        let d = detect(b"{\"level\":\"info\",\"ts\":1795442711.5551887,\"msg\":\"x\"}\n");
        assert_eq!(d.format.name(), "json");
        let Format::Json(j) = d.format else {
            panic!("not json");
        };
        assert_eq!(j.time_keys.len(), 1);
        assert_eq!(j.time_keys[0].name(), "ts");
    }

    #[test]
    fn compose_logs_of_services_without_stamps() {
        let log = "worker-1  | panic: boom\nweb-1     | GET /health 200\nworker-1  | \nworker-1  | goroutine 1 [running]:\nworker-1  | main.main()\n";
        assert_eq!(name(log), "docker-compose");
        assert_eq!(name("a | b\nplain text\nmore text\n"), "plain");
    }

    /// Two dated lines among 400 make a log when the rest is their traces
    /// (`traces_fill`), not when it is prose or program output.
    #[test]
    fn a_few_dated_lines_heading_traces_make_a_log() {
        let entry = |k: usize| {
            let mut e = format!("[2023-05-15 18:{k:02}:32] local.ERROR: boom\n[stacktrace]\n");
            for f in 0..198 {
                e.push_str(&format!(
                    "#{f} /app/src/Kernel.php({f}): App\\Kernel->handle()\n"
                ));
            }
            e + "\"} \n"
        };
        let traced = entry(1) + &entry(2);
        assert_eq!(name(&traced), "iso8601");
        let prose = traced.replace("#", "step ");
        assert_eq!(name(&prose), "plain");
    }
}
