//! Text measured as the terminal lays it out: in display columns, where CJK
//! and most emoji take two and combining marks none (`unicode-width`).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    s.width()
}

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The start of `s` that `max` columns can show, with room to spare for
/// zero-width characters: a template or line can be megabytes long, and
/// measuring it whole on every frame would stall the screen.
fn showable(s: &str, max: usize) -> &str {
    match s
        .char_indices()
        .nth(max.saturating_mul(4).saturating_add(64))
    {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// `raw` (a template, a log line) made safe for the terminal as
/// [`crate::ansi::display_text`] does, cleaning only the bytes `max` columns
/// can show (4 a character, and some to spare for escape sequences taken
/// out); `…` ends it when the rest was left out. Callers `cut` or `shorten` it.
pub fn clean_head(raw: &[u8], max: usize) -> String {
    match crate::ansi::display_head(raw, max.saturating_mul(4).saturating_add(64)) {
        (head, 0) => head,
        (head, _) => format!("{head}…"),
    }
}

/// `s` in at most `max` columns, `…` in the last one when it was cut.
pub fn cut(s: &str, max: usize) -> String {
    let head = showable(s, max);
    if head.len() == s.len() && width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in head.chars() {
        let cw = char_width(c);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `names[i]` in at most `max` columns, as `cut` gives it, unless another
/// of `names` would then read the same (`kiosk-cli…` for two kiosks' logs):
/// then its head and its end, `kios…hbf-3`, where names of one kind differ.
pub fn cut_apart(names: &[&str], i: usize, max: usize) -> String {
    let mine = cut(names[i], max);
    let clash = names
        .iter()
        .enumerate()
        .any(|(j, n)| j != i && *n != names[i] && cut(n, max) == mine);
    if !clash || max < 3 {
        return mine;
    }
    let chars: Vec<char> = showable(names[i], usize::MAX).chars().collect();
    let head_w = (max - 1) / 2;
    let tail_w = max - 1 - head_w;
    let (mut head, mut w) = (String::new(), 0);
    for &c in &chars {
        if w + char_width(c) > head_w {
            break;
        }
        head.push(c);
        w += char_width(c);
    }
    let (mut tail, mut w) = (Vec::new(), 0);
    for &c in chars.iter().rev() {
        if w + char_width(c) > tail_w {
            break;
        }
        tail.push(c);
        w += char_width(c);
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

/// Pane `p`'s name in `w` columns, padded, kept apart from the other panes'
/// names as [`cut_apart`] keeps them.
pub fn pad_name(app: &crate::tui::app::App, p: usize, w: usize) -> String {
    let names: Vec<&str> = app.panes.iter().map(|x| x.name.as_str()).collect();
    match names.get(p) {
        Some(_) => {
            let mut out = cut_apart(&names, p, w);
            let n = width(&out);
            out.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
            out
        }
        None => pad("?", w),
    }
}

/// `s` cut to `w` columns and padded with spaces to exactly `w`.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = cut(s, w);
    let n = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
    out
}

/// `s` in at most `max` columns, shortened at a word boundary with `…` so no
/// word is cut in half; a single word longer than the room is cut.
pub fn shorten(s: &str, max: usize) -> String {
    let head = showable(s, max);
    if head.len() == s.len() && width(s) <= max {
        return s.to_string();
    }
    let mut end = 0;
    let mut w = 0;
    let mut last_break = None;
    for (i, c) in head.char_indices() {
        let cw = char_width(c);
        if w + cw + 1 > max {
            break;
        }
        if c.is_whitespace() {
            last_break = Some(i);
        }
        w += cw;
        end = i + c.len_utf8();
    }
    // A word that ends where the room does is kept whole.
    if s[end..].starts_with(char::is_whitespace) {
        last_break = Some(end);
    }
    match last_break {
        Some(b) if b > 0 => format!("{}…", s[..b].trim_end_matches([' ', ',', ';', ':'])),
        _ => format!("{}…", &s[..end]),
    }
}

/// `head`, `lead` and `path` in at most `max` columns. What changed (`head`)
/// reads first: it keeps its first three words (12 to 24 columns, `…`
/// included) while the path gives way from its left, whole directories at a
/// time (`…/cases/x.case`), down to its file name or that name's last 20
/// columns (`…214d0.casefile.json`); columns left over go to the head. When
/// even that does not fit (an 80-column status line), the path goes with
/// the lead's " to " (`kiosk-client: only warn and worse · saved`; the
/// messages view has it), and "(and 2 more changes)" if the head needs its
/// room; a lead that is only " to " keeps the path, and the head gives way.
pub fn shorten_before(head: &str, lead: &str, path: &str, max: usize) -> String {
    let hw = width(head);
    let (lw, pw) = (width(lead), width(path));
    if hw + lw + pw <= max {
        return format!("{head}{lead}{path}");
    }
    let words: Vec<&str> = head.split(' ').take(3).collect();
    let three = words.iter().map(|w| width(w)).sum::<usize>() + words.len() - 1;
    let want = if hw <= three { hw } else { three + 1 };
    let head_min = hw.min(want.clamp(12, 24));
    let name_form = match path.rfind('/') {
        Some(i) => 1 + width(&path[i..]),
        None => pw,
    };
    let path_min = pw.min(name_form).min(20);
    let out = if head_min + lw + path_min <= max {
        let head = shorten(head, max - lw - path_min);
        let path = shorten_path(path, max - lw - width(&head));
        format!("{head}{lead}{path}")
    } else if let Some(short) = lead.strip_suffix(" to ").filter(|l| !l.trim().is_empty()) {
        // " · saved (and 2 more changes)" gives way to what changed too.
        let short = match short.split_once(" (") {
            Some((bare, _)) if max.saturating_sub(width(short)) < head_min => bare,
            _ => short,
        };
        format!("{}{short}", shorten(head, max.saturating_sub(width(short))))
    } else {
        // Where it was saved before what: the head then shows as `…`.
        let path = shorten_path(path, max.saturating_sub(lw + 1).min(pw));
        let room = max.saturating_sub(lw + width(&path));
        let head = if room == 0 {
            String::new()
        } else {
            shorten(head, room)
        };
        format!("{head}{lead}{path}")
    };
    if width(&out) <= max {
        out
    } else {
        // Not even the lead fits: the whole, cut at its end.
        shorten(&format!("{head}{lead}{path}"), max)
    }
}

/// `path` in `max` columns, given way from its left at a `/` (`…/cases/x`),
/// else its name's end after `…`.
fn shorten_path(path: &str, max: usize) -> String {
    if width(path) <= max {
        return path.to_string();
    }
    let rest = path
        .match_indices('/')
        .map(|(i, _)| &path[i..])
        .find(|rest| width(rest) < max);
    match rest {
        Some(rest) => format!("…{rest}"),
        None if max > 0 => format!("…{}", tail(path, max - 1)),
        None => String::new(),
    }
}

/// The last `max` columns of `s` (for a prompt whose end must stay visible).
pub fn tail(s: &str, max: usize) -> &str {
    let mut w = 0;
    for (i, c) in s.char_indices().rev() {
        w += char_width(c);
        if w > max {
            return &s[i + c.len_utf8()..];
        }
    }
    s
}

/// `s` in lines of at most `max` columns, broken at spaces where possible.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let sep = usize::from(!line.is_empty());
        if !line.is_empty() && width(&line) + sep + width(word) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        // A word longer than a line is broken where the line ends.
        for c in word.chars() {
            if width(&line) + char_width(c) > max {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("日志"), 4);
        assert_eq!(width("ok 🚀"), 5);
        assert_eq!(cut("日志服务器", 5), "日志…");
        assert_eq!(
            width(&cut("日志服务器", 6)),
            5,
            "a wide char never half-shown"
        );
        assert_eq!(pad("日志", 6), "日志  ");
        assert_eq!(tail("ab日志", 4), "日志");
        assert_eq!(tail("ab日志", 5), "b日志");
    }

    #[test]
    fn clean_head_cleans_only_what_can_show_and_ends_in_an_ellipsis_when_it_cut() {
        assert_eq!(clean_head(b"a\x1b[2Jb\x07c", 10), "ab\u{2407}c");
        let huge = vec![b'x'; 1 << 20];
        let head = clean_head(&huge, 10);
        assert_eq!(head, format!("{}…", "x".repeat(104)));
        assert_eq!(cut(&head, 10), "xxxxxxxxx…");
        // Measured no further than can show, and still cut where it should.
        let long = "y".repeat(1 << 20);
        assert_eq!(cut(&long, 5), "yyyy…");
        assert_eq!(shorten(&format!("ab cd {long}"), 8), "ab cd…");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_within_long_words() {
        assert_eq!(
            wrap("no time zone in timestamps", 12),
            ["no time zone", "in", "timestamps"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert!(
            wrap("日志 服务器 已经 停止", 5)
                .iter()
                .all(|l| width(l) <= 5)
        );
    }

    #[test]
    fn shorten_before_keeps_the_lead_and_the_path_and_gives_the_path_way_from_its_left() {
        let lead = " · saved to ";
        let path = "/home/oncall/incidents/2026-11-20/cases/x.case";
        let head = "api: keeping lines matching /a very long filter/";
        let whole = format!("{head}{lead}{path}");
        assert_eq!(shorten_before(head, lead, path, 200), whole);
        // The path gives way from its left, at a `/`, while the head is whole.
        let s = shorten_before(head, lead, path, 80);
        assert_eq!(s, format!("{head}{lead}…/cases/x.case"));
        // Then the path, from its left, at a `/`, the head keeping its
        // first three words.
        let s = shorten_before(head, lead, path, 40);
        assert_eq!(s, format!("api: keeping lines…{lead}…/x.case"));
        let s = shorten_before(head, lead, path, 46);
        assert_eq!(s, format!("api: keeping lines…{lead}…/cases/x.case"));
        // Then the file's name, keeping its end.
        let long = "/x/averyveryverylongname.case";
        let s = shorten_before("saved bookmark", " to ", long, 40);
        assert_eq!(s, "saved bookmark to …veryverylongname.case");
        // Where there is no room for both, "saved" stays without where.
        let s = shorten_before(head, lead, long, 24);
        assert_eq!(s, "api: keeping… · saved");
        // The head keeps its first two words when they are short: "saved
        // bookmark", not "saved…".
        let name = "backend+goroutines+kern+2-f214d0.casefile.json";
        let s = shorten_before("saved bookmark", " to ", name, 44);
        assert!(s.starts_with("saved bookmark to …"), "{s}");
        assert_eq!(width(&s), 44, "{s}");
        // The demo's 80-column status line leaves 44 columns: what changed
        // first, with "saved" (the messages view has where); 20 columns more
        // and the file's name shows too, from its left.
        let path = format!("/home/oncall/{name}");
        let head = "kiosk-client: only warn and worse";
        let s = shorten_before(head, lead, &path, 44);
        assert_eq!(s, format!("{head} · saved"));
        let s = shorten_before(head, lead, &path, 64);
        assert_eq!(
            s,
            format!("kiosk-client: only warn and…{lead}…+2-f214d0.casefile.json")
        );
        let s = shorten_before(head, lead, &path, 72);
        assert_eq!(s, format!("{head}{lead}…ern+2-f214d0.casefile.json"));
        // More changes saved at once say so where there is room.
        let more = " · saved (and 2 more changes) to ";
        let s = shorten_before(head, more, &path, 44);
        assert_eq!(s, format!("{head} · saved"));
        let s = shorten_before("saved bookmark", " (and 2 more changes) to ", &path, 44);
        assert_eq!(s, "saved bookmark (and 2 more changes)");
    }

    /// A change whose first word is long (a source named after its
    /// service): the head is cut where a word ends, or, when even its first
    /// word is wider than the room, ends in `…`; never a word's start alone.
    #[test]
    fn shorten_before_cuts_the_head_at_a_word_or_ends_a_long_first_word_in_an_ellipsis() {
        let head = "kiosk-client-render-pipeline: only warn and worse";
        let (lead, path) = (" · saved to ", "/tmp/cases/x.casefile.json");
        for max in 20..=90 {
            let s = shorten_before(head, lead, path, max);
            assert!(width(&s) <= max, "{max}: {s}");
            let shown = s.split(" · saved").next().unwrap_or_default();
            if shown == head {
                continue;
            }
            let kept = shown
                .strip_suffix('…')
                .unwrap_or_else(|| panic!("{max}: {s}"));
            let at_a_word = head[kept.len()..].starts_with([' ', ':']);
            let in_the_first_word = !kept.contains(' ') && !head[..kept.len()].contains(':');
            assert!(at_a_word || in_the_first_word, "{max}: cut mid-word: {s}");
        }
        // A single word wider than the room ends in `…`.
        let s = shorten_before("averyveryverylongbookmarkname", " to ", "/x/c.json", 24);
        assert_eq!(s, "averyveryv… to /x/c.json");
    }

    #[test]
    fn shorten_stops_at_a_word() {
        assert_eq!(
            shorten("supervisord: no time zone in timestamps", 20),
            "supervisord: no…"
        );
        assert_eq!(shorten("no more matches below", 18), "no more matches…");
        assert_eq!(shorten("short", 18), "short");
        assert_eq!(shorten("averyveryverylongword", 8), "averyve…");
        // A word ending where the room does is kept.
        assert_eq!(
            shorten("kiosk-client: only warn and worse", 24),
            "kiosk-client: only warn…"
        );
        assert!(width(&shorten("日志 服务器 已经 停止 工作", 9)) <= 9);
    }
}
