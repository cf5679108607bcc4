//! An ISO 8601 line behind a leading token, the shapes on-call engineers
//! paste: `grep -H`'s file name (`app.log:2026-…`), `grep -Hn`'s with the
//! line number (`app.log:12:2026-…`), a context line of `grep -C` with `-`
//! for `:` (`app.log-12-2026-…`), `kubectl logs --prefix`'s
//! `[pod/web-7d9f/app] 2026-…Z …`, a file name and a space before each line
//! (Loghub's OpenStack sample). The token may differ from line to line
//! (several files in one grep output); what follows it is read as `iso8601`
//! reads a line.

use super::{Header, LineInfo, iso};

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

pub fn parse(line: &[u8]) -> LineInfo {
    match prefix_end(line) {
        Some(p) => iso::parse_line(&line[p..]),
        None => LineInfo::default(),
    }
}

/// Where `parse` reads the stamp and level: `iso8601`'s, behind the token,
/// which stays (it says which file or pod a row is from).
pub fn header(line: &[u8]) -> Option<Header> {
    let p = prefix_end(line)?;
    iso::header(&line[p..]).map(|h| h.shifted(p))
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
        assert_eq!(parse(line), iso::parse_line(own));
        assert!(parse(line).stamp.is_some());
        let h = header(line).expect("header");
        assert_eq!(h.stamp.start, 11);
        assert_eq!(parse(b"app.log:12:2026-13-23 14:08:56 x").stamp, None);
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
