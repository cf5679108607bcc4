//! The note editor: a box over the panes with what the note is about, the
//! text (Enter: new line), the tags field, the standard tags and the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::app::App;
use crate::tui::editor::{Editor, Field, STANDARD_TAGS};
use crate::tui::text::{char_width, cut, width};

pub const HINT: &str =
    "Enter: new line · Ctrl-S or Alt-Enter: save · Esc: close · Tab: tags · Alt-1…5: tags";
/// `HINT` where it does not fit (an 80-column screen): every key still named.
const HINT_SHORT: &str = "Enter: new line · Ctrl-S: save · Esc: close · Tab, Alt-1…5: tags";

pub fn render(app: &App, e: &Editor, area: Rect, buf: &mut Buffer) {
    let w = area.width.saturating_sub(4).min(100);
    let want = e.lines.len() as u16 + 8;
    // At least 10 rows where the screen has them (`clamp` would panic where it has not).
    let h = want.max(10).min(area.height.saturating_sub(2));
    if w < 24 || h < 8 {
        compact(app, e, area, buf);
        return;
    }
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    Clear.render(r, buf);
    let title = if e.new { " new note " } else { " edit note " };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(r);
    block.render(r, buf);
    let th = &app.theme;
    let iw = inner.width as usize;
    let (x, mut y) = (inner.x, inner.y);
    buf.set_stringn(x, y, cut(&e.about, iw), iw, th.dim());
    y += 1;
    // Text rows: what is left after the about line and the four rows below.
    let rows = inner.height.saturating_sub(5) as usize;
    let first = e.row.saturating_sub(rows.saturating_sub(1));
    for (k, line) in e.lines.iter().enumerate().skip(first).take(rows) {
        let cursor = (e.field == Field::Text && k == e.row).then_some(e.col);
        text_line(buf, x, y, iw, line, cursor, Style::new());
        y += 1;
    }
    y = inner.y + 1 + rows as u16;
    let tags_label = "tags: ";
    buf.set_stringn(x, y, tags_label, iw, th.dim());
    let tx = x + tags_label.len() as u16;
    let cursor = (e.field == Field::Tags).then(|| e.tags.chars().count());
    text_line(
        buf,
        tx,
        y,
        iw.saturating_sub(tags_label.len()),
        &e.tags,
        cursor,
        Style::new(),
    );
    y += 1;
    // The standard tags, lit when the note carries them.
    let all = e.all_tags();
    let mut cx = x;
    for (k, t) in STANDARD_TAGS.iter().enumerate() {
        let s = format!("{}:#{t} ", k + 1);
        if (cx - x) as usize + width(&s) > iw {
            break;
        }
        let style = if all.iter().any(|a| a == t) {
            th.note().add_modifier(Modifier::REVERSED)
        } else {
            th.dim()
        };
        buf.set_stringn(cx, y, s.trim_end(), iw, style);
        cx += width(&s) as u16;
    }
    y += 1;
    let tags = all
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ");
    if !tags.is_empty() {
        buf.set_stringn(x, y, cut(&format!("saved with {tags}"), iw), iw, th.dim());
    }
    y += 1;
    let (hint, style) = if e.confirm_discard {
        (
            "discard what you typed? Esc again: discard · any other key: keep editing",
            th.warning(),
        )
    } else {
        let fits = width(HINT) <= iw;
        (if fits { HINT } else { HINT_SHORT }, th.dim())
    };
    buf.set_stringn(x, y, cut(hint, iw), iw, style);
}

/// The editor on a screen too small for its box (a tmux split under ten
/// rows): it still has the keyboard, so it shows over the top rows what it
/// edits (the line at the cursor, or the tags), and how to save or close.
fn compact(app: &App, e: &Editor, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let w = area.width as usize;
    let rows = area.height.min(3);
    if w == 0 || rows == 0 {
        return;
    }
    Clear.render(Rect::new(area.x, area.y, area.width, rows), buf);
    let (x, mut y) = (area.x, area.y);
    if rows >= 2 {
        let what = if e.new { "new note" } else { "edit note" };
        let hint = if e.confirm_discard {
            "discard? Esc again: discard · any other key: keep"
        } else {
            "Ctrl-S: save · Esc: close · Tab: tags"
        };
        let head = cut(&format!("{what} · {hint}"), w);
        let style = if e.confirm_discard {
            th.warning()
        } else {
            th.dim()
        };
        buf.set_stringn(x, y, head, w, style);
        y += 1;
    }
    if rows >= 3 {
        buf.set_stringn(x, y, cut(&e.about, w), w, th.dim());
        y += 1;
    }
    let (label, line, cursor) = match e.field {
        Field::Text => {
            let line = e.lines.get(e.row).map_or("", String::as_str);
            ("› ", line, Some(e.col))
        }
        Field::Tags => ("tags: ", e.tags.as_str(), Some(e.tags.chars().count())),
    };
    buf.set_stringn(x, y, label, w, th.dim());
    let lw = width(label).min(w);
    text_line(buf, x + lw as u16, y, w - lw, line, cursor, Style::new());
}

/// One line of text, scrolled so that the cursor (a char position) shows; the
/// cursor cell is drawn reversed.
fn text_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: usize,
    line: &str,
    cursor: Option<usize>,
    style: Style,
) {
    if w == 0 {
        return;
    }
    let chars: Vec<char> = line.chars().collect();
    let start = cursor.map_or(0, |c| scroll_start(&chars, c, w));
    let mut cx = x;
    let end = x + w as u16;
    for (k, &ch) in chars.iter().enumerate().skip(start) {
        let cw = char_width(ch).max(1) as u16;
        if cx + cw > end {
            break;
        }
        let st = if cursor == Some(k) {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        };
        buf[(cx, y)].set_char(ch).set_style(st);
        cx += cw;
    }
    if let Some(c) = cursor
        && c >= chars.len()
        && cx < end
    {
        buf[(cx, y)]
            .set_char(' ')
            .set_style(style.add_modifier(Modifier::REVERSED));
    }
}

/// The first char shown so that the cursor cell (at char `cursor`, past the
/// end when it equals the length) shows in `w` cells: as many chars before
/// the cursor as fit beside it, counted back from it. Counting from the left
/// instead summed the rest of the line for each char dropped, quadratic in a
/// long line (142 ms a frame for a pasted record of 20,000 characters).
fn scroll_start(chars: &[char], cursor: usize, w: usize) -> usize {
    let mut start = cursor.min(chars.len());
    let mut used = 1;
    while start > 0 {
        let cw = char_width(chars[start - 1]);
        if used + cw > w {
            break;
        }
        used += cw;
        start -= 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    /// The smallest start whose chars up to the cursor fit beside it: the
    /// rule, computed the slow way.
    fn reference(chars: &[char], cursor: usize, w: usize) -> usize {
        let c = cursor.min(chars.len());
        (0..=c)
            .find(|&s| chars[s..c].iter().map(|&ch| char_width(ch)).sum::<usize>() < w)
            .unwrap_or(c)
    }

    #[test]
    fn the_cursor_stays_on_screen_with_wide_and_zero_width_chars() {
        let alphabet = ['a', 'é', '漢', '\u{301}', '🙂', ' '];
        let mut rng = XorShift(11);
        for _ in 0..2000 {
            let n = rng.below(60) as usize;
            let chars: Vec<char> = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                .collect();
            let cursor = rng.below(n as u64 + 2) as usize;
            let w = 1 + rng.below(20) as usize;
            assert_eq!(
                scroll_start(&chars, cursor, w),
                reference(&chars, cursor, w),
                "{chars:?} cursor {cursor} width {w}"
            );
        }
    }

    /// A pasted line of 200,000 characters, the cursor at its end: the last
    /// `w - 1` show beside the cursor cell.
    #[test]
    fn a_long_line_scrolls_to_its_end() {
        let chars: Vec<char> = "x".repeat(200_000).chars().collect();
        assert_eq!(scroll_start(&chars, chars.len(), 80), 200_000 - 79);
        assert_eq!(scroll_start(&chars, 100, 80), 100 - 79);
        assert_eq!(scroll_start(&chars, 10, 80), 0);
    }
}
