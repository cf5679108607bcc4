//! `mask::header::message` against a plain reading of the same rules, one
//! byte at a time through the class table, on every corpus line and on
//! random lines.

use super::*;
use crate::pattern::mask::tests::corpus_lines;
use crate::test_rng::XorShift;

/// `message` written plainly, one byte at a time through the class table.
fn plain_message(line: &[u8]) -> &[u8] {
    plain_message_with(line, false)
}

/// `plain_message`; with `tags`, a host and a tag without a pid, `program:`,
/// are header too (`syslog_message`).
fn plain_message_with(line: &[u8], tags: bool) -> &[u8] {
    // A syslog line's month in another language (`août 19 11:08:37`) is
    // header: the line is read on after it.
    let line = match std::str::from_utf8(line)
        .ok()
        .and_then(|l| l.split_once(' '))
    {
        Some((word, rest))
            if tags
                && crate::format::month_abbrev(word.as_bytes()).is_none()
                && crate::format::month_localized(line).is_some()
                && regex::Regex::new(r"^[ 0-9][0-9] [0-9][0-9]:")
                    .expect("regex")
                    .is_match(rest) =>
        {
            &line[word.len()..]
        }
        _ => line,
    };
    let ws = |b: u8| class(b) & WS != 0;
    // An RFC 5424 message: read on as if a header was skipped.
    let (mut rest, mut skipped) = match plain_5424(line) {
        Some(msg) => (msg, 1),
        None => (line, 0),
    };
    let mut prev: &[u8] = b"";
    let mut tagged = false;
    // After an RFC 5424 header or a skipped `program[pid]:` tag.
    let mut after_tag = skipped == 1;
    // After the kernel's `kernel:` tag or its uptime at the line's start.
    let mut kernel = false;
    loop {
        let t = &rest[rest.iter().position(|&b| !ws(b)).unwrap_or(rest.len())..];
        let tok = &t[..t.iter().position(|&b| ws(b)).unwrap_or(t.len())];
        if tok.is_empty() {
            return t;
        }
        let digit = tok.iter().any(u8::is_ascii_digit);
        // `[12345.678901]`, or `0.001377]` after a lone `[`.
        let uptime = tok.last() == Some(&b']') && {
            let inner = &tok[usize::from(tok[0] == b'[')..tok.len() - 1];
            inner.contains(&b'.') && inner.iter().all(|&b| b == b'.' || b.is_ascii_digit())
        };
        if uptime {
            let first = skipped == 0 || skipped == 1 && prev == b"[";
            kernel = kernel || first && (!tags || tagged);
        } else if digit && kernel {
            // `systemd[1]:`, a program's tag with its pid: header.
            let pid = tok.strip_suffix(b"]:").is_some_and(|n| {
                let open = n.iter().rposition(|&b| b == b'[');
                open.is_some_and(|k| {
                    k > 0 && k + 1 < n.len() && n[k + 1..].iter().all(u8::is_ascii_digit)
                })
            });
            if !pid {
                return t;
            }
            kernel = false;
        }
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
        // A one-letter level: after a token of digits, or before a lone `|`.
        let next = trim_start(&t[tok.len()..]);
        let one_letter = skipped > 0 && !prev.is_empty() && prev.iter().all(u8::is_ascii_digit)
            || next.len() == 1 && next[0] == b'|'
            || next.len() > 1 && next[0] == b'|' && ws(next[1]);
        if !digit && (is_level(tok) && (tok.len() > 1 || one_letter) || channel) {
            let after = trim_start(&t[tok.len()..]);
            // A level with its colon: the message follows.
            return if tok.ends_with(b":") {
                after
            } else {
                plain_after_level(after)
            };
        }
        // Apache's `[module:level]`: the word after the last `:` a level.
        if !digit
            && tok.len() > 2
            && tok[0] == b'['
            && tok.ends_with(b"]")
            && let inner = &tok[1..tok.len() - 1]
            && let Some(c) = inner.iter().rposition(|&b| b == b':')
            && c > 0
            && inner[..c]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
            && inner.len() - c > 2
            && is_level(&inner[c + 1..])
        {
            return plain_apache_ids(trim_start(&t[tok.len()..]));
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
        // After a tag, a word holding a digit: a path, or a letter and two
        // lower-case letters, one of them not a hex digit; not a token
        // holding a `:` or ending in `]`.
        let word = tok.last() != Some(&b']')
            && !tok.contains(&b':')
            && (tok[0] == b'/'
                || (2..tok.len()).any(|i| {
                    let w = &tok[i - 2..=i];
                    w[0].is_ascii_alphabetic()
                        && w[1].is_ascii_lowercase()
                        && w[2].is_ascii_lowercase()
                        && !w.iter().all(u8::is_ascii_hexdigit)
                }));
        // A call: a letter or `_`, name bytes, then `(`; not a tag ending in `:`.
        let call = (tok[0].is_ascii_alphabetic() || tok[0] == b'_')
            && !tok.ends_with(b":")
            && tok.iter().position(|&b| b == b'(').is_some_and(|k| {
                tok[..k]
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
            });
        let stamp = digit && !((tags && tagged || after_tag) && word) && !call;
        // Punctuation around the message: `+++ … +++` (the line ends with it
        // too, after a space), or `<…` that a later `>` closes.
        let line_end = t.trim_ascii_end();
        let marker = punct
            && (tok[0] == b'<' && t[tok.len()..].contains(&b'>')
                || tok.len() > 1
                    && line_end.len() > tok.len()
                    && line_end.ends_with(tok)
                    && line_end[line_end.len() - tok.len() - 1].is_ascii_whitespace());
        if !(stamp || punct && !marker || month) || skipped >= 12 {
            // RFC 5424's app name (after a host or not), procid, msgid and
            // structured data, without `<PRI>VERSION`: read on after them.
            if skipped > 0
                && skipped < 12
                && let Some(msg) = plain_5424_fields(line, line.len() - t.len())
            {
                skipped += 1;
                prev = b"";
                tagged = true;
                kernel = false;
                rest = msg;
                continue;
            }
            // A `program:` tag itself, in a syslog line (after a host with a digit).
            let is_name_tag = |w: &[u8]| {
                w.len() > 1
                    && w.ends_with(b":")
                    && w[..w.len() - 1]
                        .iter()
                        .all(|&b| b != b':' && class(b) & NAME != 0)
            };
            if tags && !tagged && skipped > 0 && skipped < 12 && is_name_tag(tok) {
                skipped += 1;
                prev = b"";
                tagged = true;
                kernel = tok == b"kernel:";
                rest = &t[tok.len()..];
                continue;
            }
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
            // A host before a `program:` tag, in a syslog line.
            let name_tag = is_name_tag(next);
            if tags && !tagged && skipped > 0 && skipped < 12 && name_tag {
                skipped += 1;
                prev = b"";
                tagged = true;
                kernel = next == b"kernel:";
                let after_tok = trim_start(&t[tok.len()..]);
                rest = &after_tok[next.len()..];
                continue;
            }
            // Apache's `[pid …]` after a module or level holding a digit.
            if skipped > 0 && tok == b"[pid" {
                return plain_apache_ids(t);
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
        prev = tok;
        // A skipped token ending in `:`: a tag, after which no host is read.
        tagged |= tags && tok.last() == Some(&b':');
        after_tag |= tok.strip_suffix(b"]:").is_some_and(|n| {
            n.iter().rposition(|&b| b == b'[').is_some_and(|k| {
                k > 0 && k + 1 < n.len() && n[k + 1..].iter().all(u8::is_ascii_digit)
            })
        });
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
    plain_elements(t)
}

/// After a host, an app name, a procid (`-` or digits), a msgid, then
/// elements whose first id is `name@digits`, or `-` after a msgid without
/// lower-case letters, read plainly from the nearest RFC 3339 stamp before
/// `line[at..]`, when what follows them starts past `at`.
fn plain_5424_fields(line: &[u8], at: usize) -> Option<&[u8]> {
    let ws = |b: u8| class(b) & WS != 0;
    // The tokens before `at`, with where each ends.
    let mut tokens = Vec::new();
    let mut k = 0;
    while k < at {
        if ws(line[k]) {
            k += 1;
            continue;
        }
        let s = k;
        while k < at && !ws(line[k]) {
            k += 1;
        }
        tokens.push((&line[s..k], k));
    }
    // Digits and `- : . + Z` around one `T` between digits, a `-` before
    // it and a `:` after it.
    let rfc3339 = |stamp: &[u8]| {
        let Some(t_at) = stamp.iter().position(|&b| b == b'T') else {
            return false;
        };
        t_at > 0
            && stamp[0].is_ascii_digit()
            && stamp[t_at - 1].is_ascii_digit()
            && stamp.get(t_at + 1).is_some_and(u8::is_ascii_digit)
            && stamp[..t_at].contains(&b'-')
            && stamp[t_at..].contains(&b':')
            && stamp[t_at + 1..]
                .iter()
                .chain(&stamp[..t_at])
                .all(|&b| b.is_ascii_digit() || b"-:.+Z".contains(&b))
    };
    let &(_, end) = tokens.iter().rev().find(|(w, _)| rfc3339(w))?;
    let msg = plain_fields(&line[end..])?;
    (line.len() - msg.len() > at).then_some(msg)
}

/// After a host, app name, procid, msgid and structured data, read plainly.
fn plain_fields(f: &[u8]) -> Option<&[u8]> {
    let ws = |b: u8| class(b) & WS != 0;
    // The words after the stamp with what follows each.
    let mut words = Vec::new();
    let mut rest = f;
    for _ in 0..4 {
        let w = trim_start(rest);
        let n = w.iter().position(|&b| ws(b)).unwrap_or(w.len());
        if n == 0 {
            return None;
        }
        words.push(&w[..n]);
        rest = &w[n..];
    }
    let procid = words[2] == b"-" || words[2].iter().all(u8::is_ascii_digit);
    if !procid {
        return None;
    }
    let sd = trim_start(rest);
    if sd.first() == Some(&b'-') && (sd.len() == 1 || ws(sd[1])) {
        let upper = words[3].iter().all(|b| !b.is_ascii_lowercase());
        return upper.then(|| trim_start(&sd[1..]));
    }
    let id = &sd[..sd
        .iter()
        .position(|&b| ws(b) || b == b']')
        .unwrap_or(sd.len())];
    // RFC 5424's registered ids, before a space.
    let registered = ["[timeQuality", "[origin", "[meta"]
        .iter()
        .any(|r| id == r.as_bytes() && sd.get(id.len()) == Some(&b' '));
    if registered {
        return plain_elements(sd);
    }
    let at = id.iter().position(|&b| b == b'@')?;
    let ok = id.len() > 1
        && id[0] == b'['
        && at > 1
        && at + 1 < id.len()
        && id[at + 1..].iter().all(u8::is_ascii_digit);
    if !ok {
        return None;
    }
    plain_elements(sd)
}

/// After structured-data elements, read plainly: quoted values may hold `]`
/// and `\"`. None when one is not closed.
fn plain_elements(t: &[u8]) -> Option<&[u8]> {
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

/// After Apache's `[pid …]`, `[client …]` and `[remote …]` groups, each to
/// its first `]`.
fn plain_apache_ids(mut t: &[u8]) -> &[u8] {
    loop {
        let group = [&b"[pid "[..], b"[client ", b"[remote "]
            .iter()
            .any(|g| t.starts_with(g));
        match t.iter().position(|&b| b == b']') {
            Some(k) if group => t = trim_start(&t[k + 1..]),
            _ => return t,
        }
    }
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
    // nginx's `pid#tid:`, then maybe a connection's `*cid`.
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if let Some(ids) = tok.strip_suffix(b":")
        && let [pid, tid] = ids.split(|&b| b == b'#').collect::<Vec<_>>()[..]
        && digits(pid)
        && digits(tid)
    {
        let rest = trim_start(after);
        let next = &rest[..rest
            .iter()
            .position(|&b| class(b) & WS != 0)
            .unwrap_or(rest.len())];
        return match next.strip_prefix(b"*") {
            Some(cid) if digits(cid) => trim_start(&rest[next.len()..]),
            _ => rest,
        };
    }
    // A `name[pid]` tag, then structured data whose id is `name@digits`.
    let pid_tag = tok.first().is_some_and(|&b| class(b) & NAME != 0)
        && tok.ends_with(b"]")
        && tok[..tok.len() - 1]
            .iter()
            .rposition(|&b| b == b'[')
            .is_some_and(|k| {
                let pid = &tok[k + 1..tok.len() - 1];
                k > 0 && !pid.is_empty() && pid.iter().all(u8::is_ascii_digit)
            });
    if pid_tag {
        let rest = trim_start(after);
        let id_end = rest
            .iter()
            .position(|&b| class(b) & WS != 0 || b == b']')
            .unwrap_or(rest.len());
        let id = &rest[..id_end];
        if id.len() > 1
            && id[0] == b'['
            && let Some(at) = id.iter().position(|&b| b == b'@')
            && at > 1
            && at + 1 < id.len()
            && id[at + 1..].iter().all(u8::is_ascii_digit)
            && let Some(msg) = plain_elements(rest)
        {
            return msg;
        }
    }
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
    let pieces: [&[u8]; 88] = [
        b"rsyslogd:",
        b"kernel:",
        b"[",
        b"11.260940]",
        b"[5.1]",
        b"wlan0:",
        b"systemd[1]:",
        b"NSX",
        b"-1",
        b"[abc@6876 s2comp=\"x]\"]",
        b"[b@ x]",
        b"then",
        b"h01",
        b"a:b:",
        b"vm",
        b"I",
        b"1702",
        b"vpxd[45715]",
        b"[Originator@6876",
        b"2022-08-27T14:22:01.613Z",
        b"[timeQuality",
        b"k8s-agent",
        b"[a@]",
        b"@9",
        b"x[]",
        b"[core:notice]",
        b"[http2:info]",
        b"[a:b:error]",
        b"[pid",
        b"[client",
        b"7:tid",
        b"1]",
        b"9263#9263:",
        b"1#:",
        b"#2:",
        b"*3",
        b"*",
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
        assert_eq!(
            syslog_message(&line),
            plain_message_with(&line, true),
            "{line:?}"
        );
    }
    // Every line of the shared corpus.
    let lines = corpus_lines(|file, line| {
        assert_eq!(message(line), plain_message(line), "{}", file.display());
        assert_eq!(
            syslog_message(line),
            plain_message_with(line, true),
            "{}",
            file.display()
        );
    });
    assert!(lines > 20_000, "{lines} corpus lines");
}
