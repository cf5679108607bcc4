//! A syslog line's own header fields, which `message_with` reads on over:
//! RFC 5424's `<PRI>VERSION`, stamp, host, app, procid, msgid and structured
//! data (with or without `<PRI>VERSION`), and traditional syslog's tags
//! (`program[pid]:`, `program:`, the kernel's `kernel:`). Byte classes only,
//! never a digit's value (the line keys' guarantees).

use super::super::{NAME, WS, class, swar, trim_start};

/// Does `header` (what a syslog line's header read on over) end in the
/// kernel's tag, `kernel:`?
pub(super) fn is_kernel_tag(header: &[u8]) -> bool {
    let h = header.trim_ascii_end();
    h.strip_suffix(b"kernel:")
        .is_some_and(|before| before.last().is_none_or(|&b| class(b) & WS != 0))
}

/// The message of an RFC 5424 line (`<38>1 2026-… vm sshd 10092 - - msg`): after
/// `<PRI>VERSION`, five tokens (stamp, host, app, procid, msgid) and the
/// structured data, `-` or `[…]` elements (a `]` or `\"` inside a quoted
/// value does not end one). None when `line` is not one.
pub(super) fn after_5424_header(line: &[u8]) -> Option<&[u8]> {
    let t = trim_start(line);
    // Most lines are not: their first byte says so before a token is read.
    if t.first() != Some(&b'<') {
        return None;
    }
    let (end, _) = swar::token_digits(t);
    let pri = t[..end].strip_prefix(b"<")?;
    let close = memchr::memchr(b'>', pri)?;
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if !(digits(&pri[..close]) && digits(&pri[close + 1..])) {
        return None;
    }
    let mut rest = &t[end..];
    for _ in 0..5 {
        let t = trim_start(rest);
        let (end, _) = swar::token_digits(t);
        if end == 0 {
            return None;
        }
        rest = &t[end..];
    }
    let t = trim_start(rest);
    if t.first() == Some(&b'-') && t.get(1).is_none_or(|&b| class(b) & WS != 0) {
        return Some(trim_start(&t[1..]));
    }
    if t.first() != Some(&b'[') {
        return None;
    }
    after_elements(t)
}

/// After RFC 5424's fields past its stamp, read without a `<PRI>VERSION`
/// before (VMware NSX's `2022-08-27T14:22:01.613Z host NSX 3106 - [abc@6876
/// …] msg`, `… vm CRON 20856 - - msg`): a host, an app name, a procid (`-`
/// or digits), a msgid, then structured data whose first element's id is a
/// name, `@` and digits, or `-` after a msgid without lower-case letters.
/// Asked where the message would start, `line[at..]`, the first token not
/// read as header: the fields are read from the nearest one-token stamp
/// (`is_rfc3339`) before it, as the host, app name, procid, msgid and the
/// structured data's first words may have been read as header (holding a
/// digit or nil: `h01 k8s-agent 3106 - [abc@6876`), and what they are
/// followed by is the message when it starts past `at`. So only where the
/// line is RFC 5424: a W3C request's `GET /robots.txt - 80 -` after a date,
/// time and address is not. None otherwise; most lines hold no `T` before
/// their message, the first thing asked.
pub(super) fn after_5424_fields(line: &[u8], at: usize) -> Option<&[u8]> {
    memchr::memchr(b'T', &line[..at])?;
    let mut end = at;
    loop {
        let (s, e) = token_before(&line[..end])?;
        if is_rfc3339(&line[s..e]) {
            let msg = after_fields(&line[e..])?;
            return (line.len() - msg.len() > at).then_some(msg);
        }
        end = s;
    }
}

/// Where the last whitespace-separated token of `b` starts and ends; None
/// when `b` holds none.
fn token_before(b: &[u8]) -> Option<(usize, usize)> {
    let end = b.len() - b.iter().rev().take_while(|&&c| class(c) & WS != 0).count();
    let start = b[..end]
        .iter()
        .rposition(|&c| class(c) & WS != 0)
        .map_or(0, |k| k + 1);
    (end > start).then_some((start, end))
}

/// After the host, app name, procid, msgid and structured data that start
/// `f` (`after_5424_fields`); None when `f` does not start with them.
fn after_fields(f: &[u8]) -> Option<&[u8]> {
    let mut fields = [&b""[..]; 4];
    let mut rest = f;
    for field in &mut fields {
        let t = trim_start(rest);
        let (end, _) = swar::token_digits(t);
        if end == 0 {
            return None;
        }
        *field = &t[..end];
        rest = &t[end..];
    }
    let [_, _, procid, msgid] = fields;
    if procid != b"-" && !procid.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sd = trim_start(rest);
    // A nil `-` in place of the structured data only after a msgid without
    // lower-case letters (`-`, `SWITCHING`): `retry - then - done` is a message.
    if sd.first() == Some(&b'-') && sd.get(1).is_none_or(|&b| class(b) & WS != 0) {
        let upper = !msgid.iter().any(u8::is_ascii_lowercase);
        return upper.then(|| trim_start(&sd[1..]));
    }
    // Or an element whose id RFC 5424 registers (`logger --rfc5424`'s
    // `[timeQuality tzKnown="1" isSynced="0"]`): after a stamp, host, app
    // name and procid, no message's word.
    let registered = [&b"[timeQuality "[..], b"[origin ", b"[meta "]
        .iter()
        .any(|id| sd.starts_with(id));
    if registered {
        return after_elements(sd);
    }
    after_numbered_elements(sd)
}

/// Is `tok` a stamp as RFC 5424 writes it, one token (RFC 3339's
/// `2022-08-27T14:22:01.613Z`, `…T17:22:01.694554+03:00`): digits and
/// `- : . + Z`, a `T` between digits with a `-` before it and a `:` after
/// it? Byte classes only.
fn is_rfc3339(tok: &[u8]) -> bool {
    let Some(t) = memchr::memchr(b'T', tok) else {
        return false;
    };
    let digit = |k: usize| tok.get(k).is_some_and(u8::is_ascii_digit);
    t > 0
        && digit(0)
        && digit(t - 1)
        && digit(t + 1)
        && tok[..t].contains(&b'-')
        && tok[t + 1..].contains(&b':')
        && tok.iter().enumerate().all(|(k, &b)| {
            k == t || b.is_ascii_digit() || matches!(b, b'-' | b':' | b'.' | b'+' | b'Z')
        })
}

/// After the structured-data elements that start `t` (`[a x="1"][b@9 y=2]`):
/// a `]` or `\"` inside a quoted value does not end one. None when one is
/// not closed.
fn after_elements(mut t: &[u8]) -> Option<&[u8]> {
    while t.first() == Some(&b'[') {
        let mut quoted = false;
        let mut k = 1;
        loop {
            match *t.get(k)? {
                b'\\' if quoted => k += 1,
                b'"' => quoted = !quoted,
                b']' if !quoted => break,
                _ => {}
            }
            k += 1;
        }
        t = &t[k + 1..];
    }
    Some(trim_start(t))
}

/// Is `tok` a program's name and pid, `vpxd[45715]` (digits between its `[`
/// and its final `]`)?
fn is_pid_token(tok: &[u8]) -> bool {
    let Some(inner) = tok.strip_suffix(b"]") else {
        return false;
    };
    memchr::memrchr(b'[', inner).is_some_and(|k| {
        k > 0 && k + 1 < inner.len() && inner[k + 1..].iter().all(u8::is_ascii_digit)
    })
}

/// After a program's `name[pid]` and the RFC 5424 structured data that
/// follows it (vpxd's `vpxd[45715] [Originator@6876 sub=vpxLro opID=7e1280cf]
/// msg`): an element's id is a name, `@` and an enterprise number. None when
/// `tok` (the first token, `after` what follows it) is not such a tag or no
/// such element follows it.
pub(super) fn after_pid_and_data<'a>(tok: &[u8], after: &'a [u8]) -> Option<&'a [u8]> {
    if !is_pid_token(tok) {
        return None;
    }
    after_numbered_elements(trim_start(after))
}

/// After the structured-data elements that start `t` when the first one's id
/// is a name, `@` and an enterprise number (`[Originator@6876 …]`); None
/// otherwise.
fn after_numbered_elements(t: &[u8]) -> Option<&[u8]> {
    let id = &t[..t
        .iter()
        .position(|&b| class(b) & WS != 0 || b == b']')
        .unwrap_or(t.len())];
    let at = memchr::memchr(b'@', id.strip_prefix(b"[")?)?;
    let number = &id[at + 2..];
    if at == 0 || number.is_empty() || !number.iter().all(u8::is_ascii_digit) {
        return None;
    }
    after_elements(t)
}

/// Does `t` start with a syslog tag with a pid, `program[pid]:` (`sshd[9919]:`):
/// a token ending in `]:`, digits between its `[` and `]`?
pub(super) fn is_pid_tag(t: &[u8]) -> bool {
    let end = t
        .iter()
        .position(|&b| class(b) & WS != 0)
        .unwrap_or(t.len());
    let Some(inner) = t[..end].strip_suffix(b"]:") else {
        return false;
    };
    let open = inner.iter().rposition(|&b| b == b'[');
    open.is_some_and(|k| {
        k > 0 && k + 1 < inner.len() && inner[k + 1..].iter().all(u8::is_ascii_digit)
    })
}

/// After a syslog tag without a pid, `program:` (`rsyslogd:`,
/// `redis-server:`): a token of name bytes (letters, digits, `. _ $ -`)
/// ending in its only `:`. None when `t` does not start with one.
pub(super) fn after_name_tag(t: &[u8]) -> Option<&[u8]> {
    let end = t
        .iter()
        .position(|&b| class(b) & WS != 0)
        .unwrap_or(t.len());
    let name = t[..end].strip_suffix(b":")?;
    (!name.is_empty() && name.iter().all(|&b| b != b':' && class(b) & NAME != 0)).then(|| &t[end..])
}

/// `line` past a month written in another language at its start (`août 19
/// 11:08:37 …` from journalctl under `LC_TIME=fr_FR`), header as `Aug` is:
/// the rest of the stamp is read as any. Only before a day and a time (`out
/// of memory` keeps its word). Asks only of the first token's letters
/// (`format::month_localized`) and where digits stand after it, never of
/// a digit's value.
#[inline]
pub(super) fn past_localized_month(line: &[u8]) -> &[u8] {
    match line.first() {
        Some(&b) if b >= 0xc0 || b.is_ascii_alphabetic() => {
            if crate::format::month_abbrev(line).is_some() {
                return line;
            }
            match crate::format::month_localized(line) {
                Some((_, len)) if day_and_time(&line[len..]) => &line[len..],
                _ => line,
            }
        }
        _ => line,
    }
}

/// ` dd hh:` or `  d hh:` (a day of the month, two wide, and an hour), by
/// byte classes.
fn day_and_time(b: &[u8]) -> bool {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    b.first() == Some(&b' ')
        && (b.get(1) == Some(&b' ') || digit(1))
        && digit(2)
        && b.get(3) == Some(&b' ')
        && digit(4)
        && digit(5)
        && b.get(6) == Some(&b':')
}
