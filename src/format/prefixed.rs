//! A line of any dated format behind a leading token, the shapes on-call
//! engineers paste: `grep -H`'s file name (`auth.log:Nov 23 …`,
//! `app.log:2026-…`), `grep -Hn`'s with the line number (`app.log:12:…`), a
//! context line of `grep -C` with `-` for `:` (`app.log-12-…`), `kubectl logs
//! --prefix`'s `[pod/web-7d9f/app] …`, a file name and a space before an ISO
//! date (Loghub's OpenStack sample). The token may differ from line to line
//! (several files in one grep output); what follows it is read as its own
//! format (detected on the lines without their tokens) reads the line alone:
//! `Format::Prefixed(inner)`, named `prefixed-INNER`.

use std::sync::LazyLock;

use super::{Format, Header, LineInfo};

mod shape;

/// What `casefile index` prints before the inner format's name.
pub const NAME_PREFIX: &str = "prefixed-";

/// Whether lines of `inner` are read behind a token. Not formats with a
/// prefix or reading of their own that the token would hide (JSON lines are
/// mined by key, compose's service prefix, SimpleFormatter's two-line
/// records), nor undated or multi-line-entry ones.
pub fn wraps(inner: &Format) -> bool {
    !matches!(
        inner,
        Format::Json(_)
            | Format::DockerCompose
            | Format::Jul
            | Format::LogrusTty
            | Format::Plain
            | Format::GoDump
            | Format::JournalVerbose
            | Format::JournalExport
            // Their `#` lines make records (W3C's columns) read in order.
            | Format::W3c(_)
            | Format::Zeek
            | Format::Prefixed(_)
    )
}

/// `inner` behind a token, when it `wraps`.
pub fn wrap(inner: Format) -> Option<Format> {
    wraps(&inner).then(|| Format::Prefixed(Box::new(inner)))
}

/// `prefixed-NAME` for each format that `wraps`, made once (names are `&'static`).
static NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    Format::candidates()
        .iter()
        .filter(|f| wraps(f))
        .map(|f| {
            let name: &'static str =
                Box::leak(format!("{NAME_PREFIX}{}", f.name()).into_boxed_str());
            (f.name(), name)
        })
        .collect()
});

/// The name of `inner` behind a token.
pub fn name(inner: &Format) -> &'static str {
    let own = inner.name();
    NAMES
        .iter()
        .find(|(n, _)| *n == own)
        .map_or("prefixed", |(_, p)| p)
}

/// Every `prefixed-NAME`, for `--format`.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.iter().map(|(_, p)| *p)
}

/// Where the line behind a leading token starts: before an ISO date's shape
/// (`prefix_end`), else after `grep`'s or `kubectl`'s token
/// (`grep_token_end`). By byte classes only, as `prefix_end`.
pub fn token_end(line: &[u8]) -> Option<usize> {
    prefix_end(line).or_else(|| grep_token_end(line))
}

/// The line behind its token, if it has one.
pub fn behind(line: &[u8]) -> Option<&[u8]> {
    token_end(line).map(|p| &line[p..])
}

/// `token_end` for lines of `inner`: of the places a token may end, the
/// first from which the line has `inner`'s shape (`shape::leads`): after
/// `grep -Hn`'s line number, after the file's name (redis's `9947:M 23 Nov …`
/// and a time of day's `14:11:47.525` behind `grep -H` start with digits and a
/// colon, not a line number), at a `-` in the first word (a context line of
/// `grep -C` without `-n`: `auth.log-Nov 23 …`); `token_end`'s when none
/// has it or `inner` has no shape to check. By byte classes, as `token_end`.
#[inline(never)]
pub fn token_end_in(inner: &Format, line: &[u8]) -> Option<usize> {
    if let Some(p) = prefix_end(line) {
        return Some(p);
    }
    let ends = grep_token_ends(line);
    if shape::known(inner) {
        let (name, numbered) = ends.map_or((None, None), |(n, m)| (Some(n), m));
        let dashes = line[..first_word(line)]
            .iter()
            .enumerate()
            .filter(|&(i, &b)| i > 0 && b == b'-')
            .map(|(i, _)| Some(i + 1));
        if let Some(p) = [numbered, name]
            .into_iter()
            .chain(dashes)
            .flatten()
            .find(|&p| shape::leads(inner, &line[p..]))
        {
            return Some(p);
        }
    }
    ends.map(|(name, numbered)| numbered.unwrap_or(name))
}

/// The line behind its token as a line of `inner`, if it has one.
pub fn behind_in<'a>(inner: &Format, line: &'a [u8]) -> Option<&'a [u8]> {
    token_end_in(inner, line).map(|p| &line[p..])
}

/// The line behind a `grep -H` name alone, where `behind` takes the digits
/// after it for `grep -Hn`'s line number: what detection also tries, for
/// lines that start with digits and a colon.
pub fn behind_name(line: &[u8]) -> Option<&[u8]> {
    if prefix_end(line).is_some() {
        return behind(line);
    }
    grep_token_ends(line).map(|(name, _)| &line[name..])
}

/// The file or pod a line's token names, without grep's line number and
/// separators (`app.log` of `app.log:12:` and of `app.log-13-`); None
/// without a token. An undated line's (a frame's) is read as
/// `undated_text_start` reads it, so that a trace's lines name their file.
pub fn token_name<'a>(inner: &Format, line: &'a [u8]) -> Option<&'a [u8]> {
    let end = token_end_in(inner, line).or_else(|| undated_text_start(line))?;
    let token = &line[..end];
    let token = without_separator(token).unwrap_or(token);
    let digits = token
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let name = &token[..token.len() - digits];
    Some(match without_separator(name) {
        Some(name) if digits > 0 && !name.is_empty() => name,
        _ => token,
    })
}

/// A token without the `:`, `-` or space that ends it; None without one.
fn without_separator(token: &[u8]) -> Option<&[u8]> {
    match token.last() {
        Some(b':' | b'-' | b' ') => Some(&token[..token.len() - 1]),
        _ => None,
    }
}

/// `kubectl logs --prefix`'s `[…] `; else, in the first word, `grep -H`'s
/// `name:` and `grep -Hn`'s `name:12:` (a single `:`: not the line's own
/// `::`), or a context line's `name-12-`.
fn grep_token_end(line: &[u8]) -> Option<usize> {
    grep_token_ends(line).map(|(name, numbered)| numbered.unwrap_or(name))
}

/// Where `grep_token_end`'s token ends after the name, and after a line
/// number that follows it, if one does (`name:12:`; a context line's
/// `name-12-` has only the second).
fn grep_token_ends(line: &[u8]) -> Option<(usize, Option<usize>)> {
    let word = first_word(line);
    if line.first() == Some(&b'[') && word > 1 && line[word - 1] == b']' {
        return (line.get(word) == Some(&b' ')).then_some((word + 1, None));
    }
    let head = &line[..word];
    let numbered = |after: usize, sep: u8| {
        let digits = head[after..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        (digits > 0 && head.get(after + digits) == Some(&sep)).then_some(after + digits + 1)
    };
    if let Some(colon) = head.iter().position(|&b| b == b':')
        && colon > 0
        && head.get(colon + 1) != Some(&b':')
    {
        return Some((colon + 1, numbered(colon + 1, b':')));
    }
    (1..head.len())
        .filter(|&i| head[i] == b'-')
        .find_map(|i| numbered(i + 1, b'-'))
        .map(|n| (n, None))
}

/// The length of the line's first word (up to a space or tab), at most
/// `TOKEN_MAX + 1` bytes.
fn first_word(line: &[u8]) -> usize {
    line.iter()
        .take(TOKEN_MAX + 1)
        .position(|&b| b == b' ' || b == b'\t')
        .unwrap_or(line.len().min(TOKEN_MAX + 1))
}

/// Longest leading token looked through (a path, a pod's name).
const TOKEN_MAX: usize = 256;

/// Where the line behind the leading token starts: right after a `:` or `-`
/// in the first token, or after the space that ends it, wherever a date's shape
/// (`dddd-dd-dd` and a time's `dd:`) begins. Not after `::`, a field
/// separator of the line itself (VDSM's `Thread::LEVEL::2011-12-05 …`). Read from byte classes only
/// (which bytes are digits, never their values), so two lines that differ
/// only in digits split alike, as mining's line keys need
/// (`pattern::mask::line_key`). None when the line has no such token.
pub fn prefix_end(line: &[u8]) -> Option<usize> {
    let head = &line[..line.len().min(TOKEN_MAX + 1)];
    for (i, &b) in head.iter().enumerate() {
        match b {
            b':' if i > 0 && line[i - 1] != b':' && date_shape(line, i + 1) => {
                return Some(i + 1);
            }
            b':' => {}
            b'-' if i > 0 && date_shape(line, i + 1) => return Some(i + 1),
            b' ' => return (i > 0 && date_shape(line, i + 1)).then_some(i + 1),
            b'\t' => return None,
            _ => {}
        }
    }
    None
}

/// `dddd-dd-dd?dd:` at `pos`, by byte classes.
fn date_shape(line: &[u8], pos: usize) -> bool {
    let Some(s) = line.get(pos..pos + 14) else {
        return false;
    };
    let digits = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_digit);
    digits(0..4)
        && s[4] == b'-'
        && digits(5..7)
        && s[7] == b'-'
        && digits(8..10)
        && matches!(s[10], b'T' | b't' | b' ' | b'_')
        && digits(11..13)
        && s[13] == b':'
}

/// Where the text behind an undated line's token starts (a stack's frame
/// under a pod's or file's name): after a `[`…`]` and a space, or after the
/// first token's first `:` and a line number's digits and `:`. None when
/// the first token is neither.
pub fn undated_text_start(line: &[u8]) -> Option<usize> {
    let token = line
        .iter()
        .take(TOKEN_MAX + 1)
        .position(|&b| b == b' ' || b == b'\t')
        .unwrap_or(line.len().min(TOKEN_MAX + 1));
    if line.first() == Some(&b'[') && token > 1 && line[token - 1] == b']' {
        return (line.get(token) == Some(&b' ')).then_some(token + 1);
    }
    let colon = line[..token].iter().position(|&b| b == b':')?;
    let after = colon + 1;
    let digits = line[after..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 0 && line.get(after + digits) == Some(&b':') {
        return Some(after + digits + 1);
    }
    Some(after)
}

/// The line behind its token as `inner` reads it; undated without a token.
/// Out of line: `Format::parse` calls it for every line of every format,
/// and its call back into `parse`, inlined, would make that recursive.
#[inline(never)]
pub fn parse(inner: &Format, line: &[u8]) -> LineInfo {
    match behind_in(inner, line) {
        Some(own) => inner.parse(own),
        None => LineInfo::default(),
    }
}

/// Where `parse` reads the stamp and level: `inner`'s, behind the token,
/// which stays (it says which file or pod a row is from).
pub fn header(inner: &Format, line: &[u8]) -> Option<Header> {
    let p = token_end_in(inner, line)?;
    inner.header(&line[p..]).map(|h| h.shifted(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_ends_at_a_colon_or_a_space_before_a_date() {
        assert_eq!(
            prefix_end(b"app.log:2017-05-16 00:00:00.008 INFO x"),
            Some(8)
        );
        assert_eq!(
            prefix_end(b"app.log:123:2017-05-16 00:00:00.008 x"),
            Some(12)
        );
        assert_eq!(
            prefix_end(b"[pod/web-7d9f/app] 2026-11-23T14:08:57Z x"),
            Some(19)
        );
        let openstack = b"nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO x";
        assert_eq!(prefix_end(openstack), Some(35));
        // `grep -C`'s context lines.
        assert_eq!(prefix_end(b"app.log-2017-05-16 00:00:00.008 x"), Some(8));
        assert_eq!(
            prefix_end(b"app.log-123-2017-05-16 00:00:00.008 x"),
            Some(12)
        );
        // A line that starts with its stamp has no token before it.
        assert_eq!(prefix_end(b"2026-11-23T14:08:57Z tick"), None);
        assert_eq!(
            prefix_end(b"2026-11-23 14:08:57 2026-11-23 14:08:57 x"),
            None
        );
        // A date later in the line, after a word of prose.
        assert_eq!(prefix_end(b"backup of 2026-11-23 14:08:57 done"), None);
        assert_eq!(prefix_end(b"web-1  | 2024-04-25T05:32:35Z x"), None);
        assert_eq!(prefix_end(b" 2024-04-25T05:32:35Z x"), None);
        // VDSM's own `::` separators around its stamp.
        let vdsm = b"MainThread::INFO::2011-12-05 07:04:56,101::vdsm::71::vds::(run) I am";
        assert_eq!(prefix_end(vdsm), None);
    }

    #[test]
    fn the_line_behind_the_token_is_read_as_iso8601() {
        let line = b"app.log:12:2026-11-23 14:08:56,011 CRIT Supervisor is running as root.";
        let own = &line[11..];
        let iso = Format::Iso8601;
        assert_eq!(parse(&iso, line), iso.parse(own));
        assert!(parse(&iso, line).stamp.is_some());
        let h = header(&iso, line).expect("header");
        assert_eq!(h.stamp.start, 11);
        assert_eq!(parse(&iso, b"app.log:12:2026-13-23 14:08:56 x").stamp, None);
    }

    #[test]
    fn grep_and_kubectl_tokens_end_before_any_format() {
        let end = |l: &[u8]| token_end(l).map(|p| String::from_utf8_lossy(&l[p..]).into_owned());
        assert_eq!(
            end(b"auth.log:Nov 23 14:05:45 vm sshd[1]: x").as_deref(),
            Some("Nov 23 14:05:45 vm sshd[1]: x")
        );
        assert_eq!(
            end(b"auth.log:12:Nov 23 14:05:45 vm x").as_deref(),
            Some("Nov 23 14:05:45 vm x")
        );
        assert_eq!(
            end(b"auth-x.log-12-Nov 23 14:05:45 vm x").as_deref(),
            Some("Nov 23 14:05:45 vm x")
        );
        assert_eq!(
            end(b"svc.log:I1123 14:05:12.710033 1 a.go:3] x").as_deref(),
            Some("I1123 14:05:12.710033 1 a.go:3] x")
        );
        assert_eq!(
            end(b"[pod/p/c] 2026/11/23 14:05:11 x").as_deref(),
            Some("2026/11/23 14:05:11 x")
        );
        assert_eq!(end(b"Nov 23 14:05:45 vm sshd[1]: x"), None);
        assert_eq!(end(b"I1123 14:05:12.710033 1 a.go:3] x"), None);
        assert_eq!(end(b"Thread::INFO::x"), None);
    }

    #[test]
    fn digits_and_a_colon_after_a_name_are_the_lines_own_when_its_format_says_so() {
        let end = |f: &Format, l: &[u8]| {
            token_end_in(f, l).map(|p| String::from_utf8_lossy(&l[p..]).into_owned())
        };
        let redis = Format::Redis;
        let cases: [(&Format, &[u8], &str); 9] = [
            (
                &redis,
                b"r.log:9947:M 04 Nov 2020 10:00:00.123 * Ready",
                "9947:M 04",
            ),
            (
                &redis,
                b"r.log:12:9947:M 04 Nov 2020 10:00:00.123 * x",
                "9947:M 04",
            ),
            (
                &redis,
                b"r.log:5:9:C 04 Nov 2020 10:00:00.123 * x",
                "9:C 04",
            ),
            (
                &Format::TimeOfDay,
                b"lb.log:14:11:47.525 [main] INFO x",
                "14:11:47.525",
            ),
            (
                &Format::TimeOfDay,
                b"lb.log:3:14:11:47.525 [main] INFO x",
                "14:11:47.525",
            ),
            (&Format::TimeOfDay, b"z.log:2:05PM INF x", "2:05PM INF"),
            (&Format::TimeOfDay, b"z.log:12:2:05PM INF x", "2:05PM INF"),
            (&Format::TimeOfDay, b"z.log:12:14:05:11 x", "14:05:11 x"),
            // Formats that never start so: the digits are a line number.
            (&Format::GoLog, b"g.log:12:34:56 x", "34:56 x"),
        ];
        for (f, line, want) in cases {
            let got = end(f, line).unwrap_or_default();
            assert!(
                got.starts_with(want),
                "{:?}: {got:?}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn a_token_names_its_file_without_the_line_number() {
        let name = |l: &[u8]| {
            token_name(&Format::Syslog3164, l).map(|n| String::from_utf8_lossy(n).into_owned())
        };
        for line in [
            &b"app.log.1:Nov 23 14:05:45 vm x"[..],
            b"app.log.1:12:Nov 23 14:05:45 vm x",
            b"app.log.1-13-Nov 23 14:05:45 vm x",
            b"app.log.1-Nov 23 14:05:45 vm x",
            b"app.log.1:14:\tat App.main(App.java:3)",
            b"app.log.1:\tat App.main(App.java:3)",
        ] {
            assert_eq!(name(line).as_deref(), Some("app.log.1"), "{line:?}");
        }
        assert_eq!(name(b"[pod/p/c] main.main()").as_deref(), Some("[pod/p/c]"));
        assert_eq!(name(b"plain words"), None);
    }

    #[test]
    fn an_undated_line_is_read_past_its_token() {
        let at =
            |l: &[u8]| undated_text_start(l).map(|p| String::from_utf8_lossy(&l[p..]).into_owned());
        assert_eq!(
            at(b"[pod/api/api] main.main()").as_deref(),
            Some("main.main()")
        );
        assert_eq!(
            at(b"[pod/api/api] \t/srv/main.go:16").as_deref(),
            Some("\t/srv/main.go:16")
        );
        assert_eq!(
            at(b"app.log:\tat App.main(App.java:3)").as_deref(),
            Some("\tat App.main(App.java:3)")
        );
        assert_eq!(
            at(b"app.log:17:Caused by: x").as_deref(),
            Some("Caused by: x")
        );
        assert_eq!(at(b"plain words"), None);
    }
}
