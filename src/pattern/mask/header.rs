//! Where a text line's message starts (`message`): the header's dates,
//! times, zones and numbers, a level word, a logger's name, a context and the
//! logger's separator are skipped. Every decision reads byte classes, never a
//! digit's value or run length (the line keys' guarantees, `line_key`).

use super::{NAME, PUNCT, WS, class, swar, trim_start};

/// Is `tok` a level word (`INFO`, `[WARN]`, `<E>`, `error:`)? One-letter levels
/// only in upper case (`I`, `W`), so that the word "a" or "I" in prose can't be one
/// unless the caller allows it.
pub(super) fn is_level(tok: &[u8]) -> bool {
    if tok.len() > 10
        || tok.is_empty()
        || !tok[0].is_ascii_alphabetic() && !matches!(tok[0], b'[' | b'<')
    {
        return false;
    }
    let t = tok
        .strip_prefix(b"[")
        .and_then(|t| t.strip_suffix(b"]"))
        .or_else(|| tok.strip_prefix(b"<").and_then(|t| t.strip_suffix(b">")))
        .or_else(|| tok.strip_suffix(b":"))
        .unwrap_or(tok);
    if t.is_empty() || t.len() > 8 {
        return false;
    }
    // Most words are not levels: their first letter says so.
    if !matches!(
        t[0].to_ascii_uppercase(),
        b'T' | b'D' | b'I' | b'N' | b'W' | b'E' | b'F' | b'C' | b'A' | b'S' | b'V' | b'L'
    ) {
        return false;
    }
    let mut up = [0u8; 8];
    for (u, b) in up.iter_mut().zip(t) {
        *u = b.to_ascii_uppercase();
    }
    let known = matches!(
        &up[..t.len()],
        b"TRACE"
            | b"DEBUG"
            | b"INFO"
            | b"NOTICE"
            | b"WARN"
            | b"WARNING"
            | b"ERROR"
            | b"ERR"
            | b"FATAL"
            | b"CRIT"
            | b"CRITICAL"
            | b"ALERT"
            | b"EMERG"
            | b"SEVERE"
            | b"FINE"
            | b"FINER"
            | b"FINEST"
            | b"CONFIG"
            // zerolog's console writer.
            | b"TRC"
            | b"DBG"
            | b"INF"
            | b"WRN"
            | b"FTL"
            | b"V"
            | b"D"
            | b"I"
            | b"W"
            | b"E"
            | b"F"
            // capnslog's (etcd) notice, critical and trace.
            | b"N"
            | b"C"
            | b"T"
    );
    // loguru's `SUCCESS` and PostgreSQL's `LOG`: in upper case only, as
    // `success:` and `Log file created at:` start messages.
    if matches!(&up[..t.len()], b"SUCCESS" | b"LOG") {
        return t.iter().all(u8::is_ascii_uppercase);
    }
    known && (t.len() > 1 || t[0].is_ascii_uppercase())
}

/// Is `tok` Monolog's `channel.LEVEL:` (`local.ERROR:`): a name, a `.`, an
/// upper-case level word and a `:`?
fn is_channel_level(tok: &[u8]) -> bool {
    let Some(t) = tok.strip_suffix(b":") else {
        return false;
    };
    let Some(dot) = memchr::memrchr(b'.', t) else {
        return false;
    };
    let level = &t[dot + 1..];
    dot > 0 && level.len() > 1 && level.iter().all(u8::is_ascii_uppercase) && is_level(level)
}

/// Is `tok` Apache's `[module:level]` (`[core:notice]`, `[proxy_http:error]`):
/// a name, a `:` and a level word in brackets? The level is the word after
/// the last `:`, as `format::web::parse_apache_error` reads it.
fn is_module_level(tok: &[u8]) -> bool {
    let Some(inner) = tok.strip_prefix(b"[").and_then(|t| t.strip_suffix(b"]")) else {
        return false;
    };
    let Some(c) = memchr::memrchr(b':', inner) else {
        return false;
    };
    let level = &inner[c + 1..];
    c > 0
        && inner[..c]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
        && level.len() > 1
        && is_level(level)
}

/// After Apache's `[pid N:tid N]` and a request's `[client addr]` (or
/// `[remote addr]`), which its error log writes between the level and the
/// message: each group runs to its first `]`.
fn after_apache_ids(mut t: &[u8]) -> &[u8] {
    while t.starts_with(b"[pid ") || t.starts_with(b"[client ") || t.starts_with(b"[remote ") {
        let Some(k) = memchr::memchr(b']', t) else {
            break;
        };
        t = trim_start(&t[k + 1..]);
    }
    t
}

/// A time zone's abbreviation (`CET`, `CEST`, `PDT`): after a time, header
/// (PostgreSQL's default prefix, `journalctl -o short-full`).
fn is_zone(tok: &[u8]) -> bool {
    matches!(
        tok,
        b"UTC"
            | b"GMT"
            | b"WET"
            | b"WEST"
            | b"BST"
            | b"CET"
            | b"CEST"
            | b"EET"
            | b"EEST"
            | b"MSK"
            | b"IST"
            | b"SGT"
            | b"HKT"
            | b"JST"
            | b"KST"
            | b"AWST"
            | b"ACST"
            | b"ACDT"
            | b"AEST"
            | b"AEDT"
            | b"NZST"
            | b"NZDT"
            | b"HST"
            | b"AKST"
            | b"AKDT"
            | b"PST"
            | b"PDT"
            | b"MST"
            | b"MDT"
            | b"CST"
            | b"CDT"
            | b"EST"
            | b"EDT"
    )
}

/// A header token without a digit (with one, a date, time, pid or host, it is
/// header): `-` and other punctuation, a month or weekday.
fn is_header_word(tok: &[u8]) -> bool {
    if is_zone(tok) {
        return true;
    }
    // Apache's error log brackets its date: `[Mon Nov 23 19:05:51.221355 2026]`.
    let tok = tok
        .strip_prefix(b"[")
        .filter(|t| t.len() == 3)
        .unwrap_or(tok);
    tok.iter().all(|&b| class(b) & PUNCT != 0)
        || tok.len() == 3
            && matches!(
                tok,
                b"Jan"
                    | b"Feb"
                    | b"Mar"
                    | b"Apr"
                    | b"May"
                    | b"Jun"
                    | b"Jul"
                    | b"Aug"
                    | b"Sep"
                    | b"Oct"
                    | b"Nov"
                    | b"Dec"
                    | b"Mon"
                    | b"Tue"
                    | b"Wed"
                    | b"Thu"
                    | b"Fri"
                    | b"Sat"
                    | b"Sun"
            )
}

/// Is `line`, whose message came out empty (all header), a dated record
/// with nothing after its header? It is dated: it holds a date or a time
/// (`is_date_or_time`), or a level word and a token holding a digit (HDFS's
/// `081109 203615 148 INFO`). And it ends at a header field (`ends_header`),
/// not at a value that `message` read as header: VDSM's `… ::(wrapper)
/// [10.35.16.71]` and VAMI's `…:com.root:Response :` stay their own text. A
/// line that is not dated (a lone `"}`, `Error`, `42`) is its own too. Its
/// message is blank (`pattern::message_of`). Asks only where digits are, of
/// the bytes around them (never a digit) and of the tokens without one: the
/// line keys' guarantee holds.
pub fn is_dated_header(line: &[u8]) -> bool {
    let mut toks = line
        .split(|&b| class(b) & WS != 0)
        .filter(|t| !t.is_empty());
    let Some(last) = toks.next_back() else {
        return false;
    };
    if !ends_header(last) {
        return false;
    }
    let (mut level, mut digit) = (false, false);
    for t in toks.chain([last]) {
        if is_date_or_time(t) {
            return true;
        }
        if t.iter().any(u8::is_ascii_digit) {
            digit = true;
        } else {
            level |= is_level(t);
        }
    }
    level && digit
}

/// Does `tok` hold a date or a time: a digit, a `-`, `/` or `:` and a digit
/// (`2026/11/23`, `15:03:31`, logcat's `03-17`)?
fn is_date_or_time(tok: &[u8]) -> bool {
    tok.windows(3).any(|w| {
        w[0].is_ascii_digit() && matches!(w[1], b'-' | b'/' | b':') && w[2].is_ascii_digit()
    })
}

/// Is `tok`, a line's last, a header field a line may end at: a stamp, a
/// level word, a lone `-` or `|` (a logger's separator, RFC 5424's nil
/// fields), a tag or a logger's name with its `:` (`sshd[10092]:`,
/// `rsyslogd:`, `WindowManager:`), a context without a digit (`[main]`)?
fn ends_header(tok: &[u8]) -> bool {
    let letter = tok.iter().any(u8::is_ascii_alphabetic);
    let digit = tok.iter().any(u8::is_ascii_digit);
    is_date_or_time(tok)
        || matches!(tok, b"-" | b"|")
        || letter && tok.ends_with(b":")
        || !digit && (is_level(tok) || letter && tok.ends_with(b"]"))
}

/// The message of a line: leading header tokens (dates, times, numbers, hosts
/// with digits, months) are skipped, then a level word if there is one, and
/// after a level the logger's name (`dfs.DataNode:`, `nova.compute.manager`) and
/// one bracketed context (`[req-… - - -]`, `[main]`, or before the logger's
/// `-`, `[main:QuorumPeerConfig@177]`). Without a level word the
/// message starts at the first token that is not header; a word before a
/// syslog tag with a pid (`vm sshd[9919]:`) is the host, header too.
///
/// Every record of a text log goes through here, so each token's end and
/// whether it holds a digit are found eight bytes at a time.
pub fn message(line: &[u8]) -> &[u8] {
    message_with(line, false)
}

/// `message` for a syslog line (`Format` says so): a word before a tag
/// without a pid, `program:` (`vm rsyslogd: msg`), is the host, and the
/// tag is header as `program[pid]:` is, after a host holding a digit too
/// (`host01 dhclient: msg`, the host skipped as a header token); not after a tag (a header token
/// ending in `:`, `sshd[9]:`), where `word word:` is the message's
/// (`monotonic clock: POSIX`). Only there: elsewhere `word word:` after a
/// stamp is a message (Go's `… 14:05:11 server listening: …`).
pub fn syslog_message(line: &[u8]) -> &[u8] {
    message_with(past_localized_month(line), true)
}

/// `message`; with `tags`, a syslog tag without a pid is header too.
#[inline(always)]
fn message_with(line: &[u8], tags: bool) -> &[u8] {
    // After an RFC 5424 header, what follows is read as what follows a
    // traditional syslog line's `prog[pid]:` (a header skipped): sshd's
    // `error:` is a level in both.
    let (mut rest, mut skipped) = match after_5424_header(line) {
        Some(msg) => (msg, 1),
        None => (line, 0),
    };
    // Whether a program's tag (or an RFC 5424 header) was skipped: after it
    // a token holding a digit is header only as a stamp or id part.
    let mut after_tag = skipped == 1;
    // The last header token skipped.
    let mut prev: &[u8] = b"";
    // Whether a header token ending in `:` (a tag) was skipped.
    let mut tagged = false;
    // Whether the header so far is the kernel's (its `kernel:` tag, its
    // uptime at the line's start): a token with a digit after it is the
    // device the message is about (`wlan0: associated`), not header.
    let mut kernel = false;
    loop {
        let t = trim_start(rest);
        let (end, digit) = swar::token_digits(t);
        if end == 0 {
            return t;
        }
        let (tok, after) = t.split_at(end);
        if digit && is_uptime(tok) {
            // dmesg's `[   11.260940]` at the line's start; in syslog only
            // after a tag (journalctl's `-o short-monotonic` has a host and
            // a tag after it).
            kernel |= (skipped == 0 || skipped == 1 && prev == b"[") && (!tags || tagged);
        } else if digit && kernel {
            // A program writing to the kernel's log keeps its tag, header
            // as in syslog (`systemd[1]: Hostname set to …`).
            if !is_pid_tag(t) {
                return t;
            }
            kernel = false;
        }
        // A level word is letters (and brackets or a colon): no digit.
        if !digit
            && (is_level(tok) && (tok.len() > 1 || one_letter_level(prev, after))
                || is_channel_level(tok))
        {
            // A level with its colon (`LOG:`, sshd's `error:`) ends the
            // header: a word ending in `:` after it is the message's
            // (`LOG:  duration: 1.2 ms`, `error: kex_exchange_identification:`).
            let after = trim_start(after);
            return if tok.ends_with(b":") {
                after
            } else {
                after_level(after)
            };
        }
        if !digit && tok.len() > 2 && tok[0] == b'[' {
            // A level padded inside its brackets (structlog's `[info     ]`).
            if is_level(&tok[1..]) {
                let after = trim_start(after);
                if after.first() == Some(&b']') {
                    return after_level(trim_start(&after[1..]));
                }
            }
            if is_module_level(tok) {
                return after_apache_ids(trim_start(after));
            }
        }
        // A word holding a digit after a tag is the message's (`OpenSSH_9.2p1`).
        // RFC 5424's fields without `<PRI>VERSION` count as a tag in syslog
        // only: elsewhere they may be a W3C line's `GET / - 80 -`. A call
        // holding a digit (strace's `close(5)`) is the message's anywhere.
        let stamp =
            digit && !((tags && tagged || after_tag) && is_message_word(tok)) && !is_call(tok);
        if !(stamp || is_header_word(tok) && !opens_marker(tok, t)) || skipped >= 12 {
            if skipped > 0 && skipped < 12 {
                match read_on(line, t, end, tags && !tagged) {
                    ReadOn::Host(after) => {
                        rest = after;
                        continue;
                    }
                    ReadOn::Tag(msg) => {
                        skipped += 1;
                        prev = b"";
                        tagged = true;
                        kernel = is_kernel_tag(&t[..t.len() - msg.len()]);
                        rest = msg;
                        continue;
                    }
                    ReadOn::Message => {}
                }
            }
            // Apache's `[pid N:tid N]` after a `[module:level]` with a digit
            // (`[http2:info]`, `[core:trace3]`): header, read as a number.
            if skipped > 0 && tok == b"[pid" {
                return after_apache_ids(t);
            }
            return thread_before_level(t)
                .or_else(|| name_before_level(t))
                .or_else(|| level_colon_name(tok, t))
                .unwrap_or(t);
        }
        skipped += 1;
        prev = tok;
        tagged |= tags && tok.ends_with(b":");
        after_tag |= digit && tok.ends_with(b"]:") && is_pid_tag(t);
        rest = after;
    }
}

/// Where the header read on at `t` (the first token of `line` not read as
/// header, `end` long) goes.
enum ReadOn<'a> {
    /// What follows a tag, read on as after `program[pid]:`.
    Tag(&'a [u8]),
    /// What follows a host before a `program[pid]:` tag.
    Host(&'a [u8]),
    /// `t` starts the message.
    Message,
}

/// Header that runs to a tag, then read on as after `program[pid]:`: RFC
/// 5424's fields after a stamp without `<PRI>VERSION` (VMware NSX's `host NSX
/// 3106 - [abc@6876 …] msg`); with `untagged` (a syslog line, no tag read
/// yet), a tag without a pid after a host holding a digit, a header token
/// (`host01 dhclient: msg`); or, unless a `program[pid]:` tag follows (then
/// `t`'s word is the host, header, not counted: journalctl's `short-full`
/// stamp and redis's own after the tag take eleven tokens), a tag without a
/// pid after this word, the host (`vm rsyslogd: msg`). Out of line and cold,
/// asked once a line where it is asked at all: the loop over header tokens
/// keeps `line` out of its registers.
#[cold]
#[inline(never)]
fn read_on<'a>(line: &'a [u8], t: &'a [u8], end: usize, untagged: bool) -> ReadOn<'a> {
    let (tok, after) = t.split_at(end);
    // `t` is what is left of `line`: a suffix of it.
    let found = after_5424_fields(line, line.len() - t.len()).or_else(|| {
        (untagged && tok.last() == Some(&b':'))
            .then(|| after_name_tag(t))
            .flatten()
    });
    match found {
        Some(msg) => ReadOn::Tag(msg),
        None if is_pid_tag(trim_start(after)) => ReadOn::Host(after),
        None if untagged => after_name_tag(trim_start(after)).map_or(ReadOn::Message, ReadOn::Tag),
        None => ReadOn::Message,
    }
}

/// Is `tok` (holding a digit, after a program's tag) a word of the message
/// rather than a program's own stamp or id after its tag (redis's `14304:M 23
/// Nov 2026 14:08:38.883 *`, Python's `2026-11-23 14:05:11,123`)? A path
/// (`/dev/vda1`) or a word's letters, one and two lower-case ones, not all hex
/// digits (`OpenSSH_9.2p1`, `Debian-2+deb12u10,`; not an id's `7e1280cf` nor
/// redis's banner `oO0OoO0OoO0Oo`, which its `-o cat` lines start with). A token
/// holding a `:` (a caller's `main.go:42:`, an id's `tid:1d1f`, a URL) or
/// ending in `]` (klog's `server.go:123]`, a thread) stays header as before.
/// Letters and bytes other than digits only (the line keys' guarantees).
fn is_message_word(tok: &[u8]) -> bool {
    if tok.last() == Some(&b']') || memchr::memchr(b':', tok).is_some() {
        return false;
    }
    if tok[0] == b'/' {
        return true;
    }
    // A letter and two lower-case ones, one of the three not a hex digit.
    tok.windows(3).any(|w| {
        w[0].is_ascii_alphabetic()
            && w[1].is_ascii_lowercase()
            && w[2].is_ascii_lowercase()
            && w.iter().any(|b| !b.is_ascii_hexdigit())
    })
}

/// Is `tok` (holding a digit) a call, a name and the `(` of what it was
/// called with (strace's `close(5)`, `futex(0x55b1f2e93210,`): a letter or
/// `_`, letters, digits and `_` up to a `(`, not ending in `:` (Linux's
/// `sshd(pam_unix)[19939]:` is a tag)? A date, time, host, pid or id holds no
/// name before a `(`. Most header tokens start with a digit or a bracket:
/// their first byte says so. Letters and bytes other than digits only (the
/// line keys' guarantees).
fn is_call(tok: &[u8]) -> bool {
    (tok[0].is_ascii_alphabetic() || tok[0] == b'_')
        && tok.last() != Some(&b':')
        && tok
            .iter()
            .find(|&&b| !(b.is_ascii_alphanumeric() || b == b'_'))
            == Some(&b'(')
}

/// Does `tok`, a header word at the start of `t` (what is left of the line),
/// open a marker around the message rather than separate header fields? A
/// token of punctuation that ends the line too (strace's `+++ exited with 0
/// +++`), or an angle bracket that a later `>` closes (strace's `<... accept4
/// resumed> …`). A lone `-` or `|` between fields stays header, whatever
/// ends the line (a log whose last field may be `-`). Out of line and cold:
/// asked only of header words, which most headers hold none of.
#[cold]
#[inline(never)]
fn opens_marker(tok: &[u8], t: &[u8]) -> bool {
    if !tok.iter().all(|&b| class(b) & PUNCT != 0) {
        return false;
    }
    if tok[0] == b'<' {
        return memchr::memchr(b'>', &t[tok.len()..]).is_some();
    }
    let t = t.trim_ascii_end();
    tok.len() > 1
        && t.len() > tok.len()
        && t.ends_with(tok)
        && t[t.len() - tok.len() - 1].is_ascii_whitespace()
}

/// Is `tok` the kernel's uptime, `[12345.678901]` or, after a lone `[`,
/// `0.001377]`: digits and a point before a closing `]`?
fn is_uptime(tok: &[u8]) -> bool {
    let Some(inner) = tok.strip_suffix(b"]") else {
        return false;
    };
    let inner = inner.strip_prefix(b"[").unwrap_or(inner);
    inner.contains(&b'.') && inner.iter().all(|&b| b == b'.' || b.is_ascii_digit())
}

/// May a one-letter level (`I`, `D`) stand here, where `prev` is the header
/// token before it (empty at the line's start) and `after` what follows it?
/// Only where a format puts one: after logcat's tid, digits (`1702  2395 D
/// WindowManager: …`), or before capnslog's lone `|` (`I | etcdmain: …`).
/// Anywhere else it is a message's first word (VDSM's `::(run) I am …`).
fn one_letter_level(prev: &[u8], after: &[u8]) -> bool {
    let after = trim_start(after);
    !prev.is_empty() && prev.iter().all(u8::is_ascii_digit)
        || after.first() == Some(&b'|') && after.get(1).is_none_or(|&b| class(b) & WS != 0)
}

/// How far after its `[` a context's `]` is looked for (`after_level`): the
/// one decision of `message` that looks at positions.
pub const CONTEXT_WINDOW: usize = 200;

/// After a bracketed context (`[main]`, `[main      ]`), what follows it; None
/// when `t` does not start with one.
fn after_context(t: &[u8]) -> Option<&[u8]> {
    if !t.starts_with(b"[") {
        return None;
    }
    let k = memchr::memchr3(b']', b':', b'[', &t[1..t.len().min(CONTEXT_WINDOW)])?;
    (k > 0 && t[1 + k] == b']').then(|| trim_start(&t[k + 2..]))
}

/// The message of a line whose logger stands before its level, between lone
/// dashes (Python's `%(name)s - %(levelname)s - %(message)s`): `t` starts with
/// a name (letters, digits, `. _ $ - :`), a lone `-` and a level word. None
/// otherwise.
fn name_before_level(t: &[u8]) -> Option<&[u8]> {
    let (end, other) = swar::token_not_name(t);
    if other || end == 0 {
        return None;
    }
    let after = after_dash(trim_start(&t[end..]))?;
    let (end, digit) = swar::token_digits(after);
    (end > 1 && !digit && is_level(&after[..end])).then(|| after_level(trim_start(&after[end..])))
}

/// The message of Python's basicConfig line `LEVEL:name:message`: `tok` (the
/// first token of `t`) is an upper-case level word, a `:`, a name and a `:`.
/// None otherwise.
fn level_colon_name<'a>(tok: &[u8], t: &'a [u8]) -> Option<&'a [u8]> {
    let i = memchr::memchr(b':', tok)?;
    let level = &tok[..i];
    if level.len() < 2 || !level.iter().all(u8::is_ascii_uppercase) || !is_level(level) {
        return None;
    }
    let j = memchr::memchr(b':', &tok[i + 1..])?;
    (j > 0).then(|| trim_start(&t[i + j + 2..]))
}

/// Where the `]` that closes the `[` starting `t` is, brackets nested
/// (ZooKeeper's thread `QuorumPeer[myid=1](…)`), within `CONTEXT_WINDOW`
/// bytes, with something before it and whitespace or the end after it.
fn closing_bracket(t: &[u8]) -> Option<usize> {
    if !t.starts_with(b"[") {
        return None;
    }
    let head = &t[..t.len().min(CONTEXT_WINDOW)];
    let mut depth = 0usize;
    for k in memchr::memchr2_iter(b'[', b']', head) {
        if head[k] == b'[' {
            depth += 1;
            continue;
        }
        depth -= 1;
        if depth == 0 {
            let ends = t.get(k + 1).is_none_or(|&b| class(b) & WS != 0);
            return (k > 1 && ends).then_some(k);
        }
    }
    None
}

/// After a lone `-` at the start of `t` (log4j's `[myid:] - INFO`), what
/// follows it; None when `t` does not start with one.
fn after_dash(t: &[u8]) -> Option<&[u8]> {
    let rest = t.strip_prefix(b"-")?;
    rest.first()
        .is_some_and(|&b| class(b) & WS != 0)
        .then(|| trim_start(rest))
}

/// The message of a line whose thread stands before its level (logback's
/// default `%d [%thread] %-5level %logger - %msg`): `t` starts with a context
/// and a level word follows it. A context holding `:` or `[` (ZooKeeper's MDC
/// `[myid:]`) counts when a lone `-` stands between it and the level. None
/// otherwise.
fn thread_before_level(t: &[u8]) -> Option<&[u8]> {
    let after = match after_context(t) {
        Some(after) => after,
        None => after_dash(trim_start(&t[closing_bracket(t)? + 1..]))?,
    };
    let (end, digit) = swar::token_digits(after);
    (end > 1 && !digit && is_level(&after[..end])).then(|| after_level(trim_start(&after[end..])))
}

/// After the level, name and context: the logger's lone `-` or `:` (log4j's
/// `%logger - %msg`, Spring Boot's padded `Logger   : msg`), after the logger
/// itself when it is still there (a dotted or CamelCase name) and an MDC
/// value before it (`r-1001 c.e.o.OrderService - msg`): the first lone `-` or
/// `:`, within `CONTEXT_WINDOW` bytes, as the first, second or third word. A
/// dash or colon after words of the message (`failed - retrying`) stays.
fn after_logger(t: &[u8]) -> &[u8] {
    let head = &t[..t.len().min(CONTEXT_WINDOW)];
    let ws = |b: u8| class(b) & WS != 0;
    // Most messages hold no lone dash or colon near their start: memchr says so.
    let Some(k) = memchr::memchr2_iter(b'-', b':', head)
        .find(|&k| (k == 0 || ws(head[k - 1])) && head.get(k + 1).is_none_or(|&b| ws(b)))
    else {
        return t;
    };
    let mut words = head[..k].split(|&b| ws(b)).filter(|w| !w.is_empty());
    let (count, last) = words.by_ref().fold((0, &b""[..]), |(n, _), w| (n + 1, w));
    let logger = |w: &[u8]| {
        let dotted = w.contains(&b'.') && !w.ends_with(b".");
        let camel = w.len() > 1
            && w.iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
            && w[1..].iter().any(u8::is_ascii_uppercase);
        dotted || camel
    };
    if count == 0 || count <= 2 && logger(last) {
        trim_start(&t[k + 1..])
    } else {
        t
    }
}

/// After a level's lone `|` (capnslog's `I | etcdmain: msg`, loguru's `INFO
/// | __main__:<module>:18 - msg`): the package or logger that follows it, a
/// word ending in `:` or one holding a `:` before a lone `-`, is left out.
/// None when `t` does not start with a lone `|`.
fn after_pipe(t: &[u8]) -> Option<&[u8]> {
    let rest = t.strip_prefix(b"|")?;
    if rest.first().is_none_or(|&b| class(b) & WS == 0) {
        return None;
    }
    let rest = trim_start(rest);
    let end = rest
        .iter()
        .position(|&b| class(b) & WS != 0)
        .unwrap_or(rest.len());
    let (tok, after) = rest.split_at(end);
    let after = trim_start(after);
    if tok.len() > 1 && tok.ends_with(b":") && !after.is_empty() {
        return Some(after);
    }
    if tok[..tok.len().saturating_sub(1)].contains(&b':')
        && let Some(msg) = after_dash(after)
    {
        return Some(msg);
    }
    Some(rest)
}

/// After nginx's `pid#tid:` and a connection's `*cid` (`9263#9263: *3 msg`):
/// digits, a `#`, digits and a `:`, then optionally a `*` and digits. None
/// when `t` does not start with such a token.
fn after_pid_tid(t: &[u8]) -> Option<&[u8]> {
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let end = t
        .iter()
        .position(|&b| class(b) & WS != 0)
        .unwrap_or(t.len());
    let tid = t[..end].strip_suffix(b":")?;
    let hash = memchr::memchr(b'#', tid)?;
    if hash >= tid.len() || !digits(&t[..hash]) || !digits(&tid[hash + 1..]) {
        return None;
    }
    let rest = trim_start(&t[end..]);
    let end = rest
        .iter()
        .position(|&b| class(b) & WS != 0)
        .unwrap_or(rest.len());
    Some(match rest[..end].strip_prefix(b"*") {
        Some(cid) if digits(cid) => trim_start(&rest[end..]),
        _ => rest,
    })
}

/// Skips a logger name and one bracketed context after the level.
fn after_level(t: &[u8]) -> &[u8] {
    if let Some(msg) = after_pipe(t) {
        return msg;
    }
    // Most messages do not start with a digit: nginx's `pid#tid:` does.
    if t.first().is_some_and(u8::is_ascii_digit)
        && let Some(msg) = after_pid_tid(t)
    {
        return msg;
    }
    // Most contexts start with a byte no name holds (`[main]`): then the
    // name's end is not needed.
    let (end, other) = match t.first() {
        Some(&b) if class(b) & NAME == 0 => (0, true),
        _ => swar::token_not_name(t),
    };
    let (tok, after) = t.split_at(end);
    // A name with a non-name byte that ends in `]` may be a `name[pid]` tag.
    if other
        && tok.last() == Some(&b']')
        && let Some(msg) = after_pid_and_data(tok, after)
    {
        return msg;
    }
    // A logger's `name:` with nothing after it (HDFS's
    // `INFO dfs.DataNode$PacketResponder:`): the message is blank.
    if !other && after.is_empty() && tok.len() > 1 && tok.ends_with(b":") {
        return after;
    }
    let mut t = if !other
        && !after.is_empty()
        && (tok.ends_with(b":") || tok.contains(&b'.') && !tok.ends_with(b"."))
    {
        trim_start(after)
    } else {
        t
    };
    // A context, not the message: `[-]`, `[req-… - - -]`, `[main]`: a `]`
    // within 200 bytes, with something before it and no `:` or `[`.
    if let Some(after) = after_context(t) {
        t = after;
        // A dotted logger after the thread (`INFO [MainThread] demo.client: msg`).
        // Most messages' first word is short and does not end in `:`: it is
        // read byte by byte, and only a `name:` is checked for its bytes.
        let end = t
            .iter()
            .position(|&b| class(b) & WS != 0)
            .unwrap_or(t.len());
        let name = &t[..end];
        if end < t.len()
            && name.ends_with(b":")
            && name.contains(&b'.')
            && name.iter().all(|&b| class(b) & NAME != 0)
        {
            t = trim_start(&t[end..]);
        }
    } else if let Some(k) = closing_bracket(t) {
        // One holding `:` or `[` (log4j's `[%t:%C{1}@%L]`, ZooKeeper's
        // layout) only when the logger's separator follows it.
        let after = trim_start(&t[k + 1..]);
        let msg = after_logger(after);
        if msg.len() < after.len() {
            return msg;
        }
    }
    after_logger(t)
}

mod syslog;

use syslog::{
    after_5424_fields, after_5424_header, after_name_tag, after_pid_and_data, is_kernel_tag,
    is_pid_tag, past_localized_month,
};

#[cfg(test)]
mod tests;
