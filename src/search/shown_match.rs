//! What a row shows of a match found in its line as written. A JSON row
//! reads `message  key=value …`, so `/"status":503` matches the line but not
//! the row's text: the row would look like a match for nothing. This maps
//! each match in the line to the parts of the row's text that stand for the
//! bytes it covers: `status=503` for `"status":503`, `ent=ht` for
//! `ent":"ht`, `ws c` for `"msg":"ws c`. Bytes the row does not show (the
//! time and level keys, which have columns of their own; the message's key)
//! map to nothing.

use std::ops::Range;

use serde_json::Value;

use crate::format::json::{LEVEL_KEYS, TIME_KEYS};
use crate::format::json_text::{self, MESSAGE_KEYS, NOISE_KEYS};
use crate::pattern::json_line::{FieldSpan, field_spans};

/// A part of the row's text and the field of the line it stands for.
struct Part {
    field: FieldSpan,
    /// Where the part is in the text.
    text: Range<usize>,
    /// The value's bytes without its quotes.
    inner: Range<usize>,
    /// The message (its key is not shown), or a field's `key=value`.
    message: bool,
    /// The value reads as written (between its quotes, if a string): each
    /// byte of the field maps to one of the text.
    as_written: bool,
}

/// The ranges of `shown` (the text a JSON row shows for `line`, as
/// `json_text::readable` gives it) that stand for the bytes `matches` cover
/// in `line`, sorted and merged. Empty when `line` is not a JSON object the
/// row reads so (journald's entries, a key given twice, a text that differs).
pub fn shown_ranges(line: &[u8], matches: &[Range<usize>], shown: &str) -> Vec<Range<usize>> {
    let Some((text, parts)) = parts(line) else {
        return Vec::new();
    };
    if text != shown {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in matches {
        for p in &parts {
            if let Some(r) = p.covered(m) {
                out.push(r);
            }
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The row's text for `line`, built as `json_text::readable` builds it, with
/// where each field went.
fn parts(line: &[u8]) -> Option<(String, Vec<Part>)> {
    let fields = field_spans(line)?;
    let key = |f: &FieldSpan| std::str::from_utf8(&line[f.key.clone()]).ok();
    let mut keys = Vec::with_capacity(fields.len());
    let mut values = Vec::with_capacity(fields.len());
    for f in &fields {
        let k = key(f)?;
        // journald's entries read otherwise (`json_text::journald`); a key
        // given twice keeps one value.
        if k == "__REALTIME_TIMESTAMP" || k == "__CURSOR" || keys.contains(&k) {
            return None;
        }
        keys.push(k);
        values.push(serde_json::from_slice::<Value>(&line[f.value.clone()]).ok()?);
    }
    let msg = MESSAGE_KEYS.iter().find_map(|m| {
        keys.iter()
            .position(|k| k == m)
            .filter(|&i| values[i].is_string())
    });
    let mut text = String::new();
    let start = memchr::memchr(b'{', line)?;
    if start > 0 {
        text.push_str(String::from_utf8_lossy(&line[..start]).trim_end());
        text.push(' ');
    }
    let mut parts = Vec::new();
    if let Some(i) = msg {
        let Value::String(m) = &values[i] else {
            return None;
        };
        let m = m.trim_end_matches('\n');
        let at = text.len();
        text.push_str(m);
        let f = &fields[i];
        let inner = inner(line, f);
        parts.push(Part {
            as_written: line[inner.clone()] == *m.as_bytes(),
            inner,
            field: f.clone(),
            text: at..text.len(),
            message: true,
        });
    }
    for (i, f) in fields.iter().enumerate() {
        let k = keys[i];
        let left_out = [&TIME_KEYS[..], &LEVEL_KEYS[..], &NOISE_KEYS[..]]
            .iter()
            .any(|ks| ks.contains(&k));
        if Some(i) == msg || left_out {
            continue;
        }
        // `field` puts two spaces before it unless it comes first.
        let at = if text.is_empty() { 0 } else { text.len() + 2 };
        json_text::field(&mut text, k, &values[i]);
        let inner = inner(line, f);
        parts.push(Part {
            as_written: text.as_bytes()[at + k.len() + 1..] == line[inner.clone()],
            inner,
            field: f.clone(),
            text: at..text.len(),
            message: false,
        });
    }
    Some((text, parts))
}

/// A field's value without its quotes.
fn inner(line: &[u8], f: &FieldSpan) -> Range<usize> {
    let v = f.value.clone();
    if line.get(v.start) == Some(&b'"') && v.len() >= 2 {
        v.start + 1..v.end - 1
    } else {
        v
    }
}

impl Part {
    /// The part of the text that stands for the bytes of `m` in this field.
    fn covered(&self, m: &Range<usize>) -> Option<Range<usize>> {
        let f = &self.field;
        // The field from its key's opening quote to its value's end.
        let (from, to) = (f.key.start - 1, f.value.end);
        let (s, e) = (m.start.max(from), m.end.min(to));
        if s >= e {
            return None;
        }
        let vi = self.inner.clone();
        if self.message {
            // The message's key is not shown; its value is the part.
            let (s, e) = (s.max(vi.start), e.min(vi.end));
            if s >= e {
                return None;
            }
            if !self.as_written {
                return Some(self.text.clone());
            }
            let at = self.text.start;
            return Some(at + (s - vi.start)..at + (e - vi.start));
        }
        if !self.as_written {
            return Some(self.text.clone());
        }
        // `key=value`: the key's bytes map to the key, the bytes between key
        // and value (quotes, `:`, spaces) to `=`, the value's to the value.
        let klen = f.key.len();
        let first = |b: usize| {
            if b < f.key.start {
                0
            } else if b < f.key.end {
                b - f.key.start
            } else if b < vi.start {
                klen
            } else if b < vi.end {
                klen + 1 + (b - vi.start)
            } else {
                self.text.len()
            }
        };
        let last = |b: usize| {
            if b < f.key.start {
                0
            } else if b < f.key.end {
                b - f.key.start + 1
            } else if b < vi.start {
                klen + 1
            } else if b < vi.end {
                klen + 1 + (b - vi.start) + 1
            } else {
                self.text.len()
            }
        };
        let (a, b) = (first(s), last(e - 1));
        (a < b).then(|| self.text.start + a..self.text.start + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row's text and what it shows of `pattern`'s matches in `line`.
    fn lit(line: &str, pattern: &str) -> Vec<String> {
        let shown = json_text::readable(line.as_bytes()).expect("json");
        let re = regex::Regex::new(pattern).expect("regex");
        let matches: Vec<_> = re.find_iter(line).map(|m| m.range()).collect();
        shown_ranges(line.as_bytes(), &matches, &shown)
            .into_iter()
            .map(|r| shown[r].to_string())
            .collect()
    }

    const LINE: &str = r#"{"time":"2026-11-20T14:31:09.5Z","level":"WARN","msg":"ws closed","component":"ws","code":1006,"err":"read: \"eof\"","ratio":1.50,"ctx":{"a":1}}"#;

    #[test]
    fn a_match_in_the_line_lights_up_what_the_row_shows_of_it() {
        assert_eq!(
            json_text::readable(LINE.as_bytes()).as_deref(),
            Some(
                r#"ws closed  component=ws  code=1006  err="read: \"eof\""  ratio=1.5  ctx={"a":1}"#
            )
        );
        assert_eq!(lit(LINE, r#""code":1006"#), ["code=1006"]);
        assert_eq!(lit(LINE, r#"nent":"w"#), ["nent=w"]);
        assert_eq!(lit(LINE, r#""msg":"ws c"#), ["ws c"]);
        assert_eq!(lit(LINE, r#"closed","comp"#), ["closed", "comp"]);
        // Values the row writes otherwise light up whole.
        assert_eq!(lit(LINE, r#"\\"eof"#), [r#"err="read: \"eof\"""#]);
        assert_eq!(lit(LINE, r#"1\.50"#), ["ratio=1.5"]);
        // A nested value the row writes as the line does maps byte for byte.
        assert_eq!(lit(LINE, r#""a":1"#), [r#""a":1"#]);
        // The time and level have columns of their own; the message's key is
        // not shown.
        assert!(lit(LINE, r#""level":"WARN""#).is_empty());
        assert!(lit(LINE, r#""msg""#).is_empty());
    }

    #[test]
    fn a_prefix_and_lines_read_otherwise() {
        let compose = r#"web-1  | {"msg":"GET /","status":503}"#;
        assert_eq!(lit(compose, r#""status":5"#), ["status=5"]);
        let journald = r#"{"__CURSOR":"s=1","MESSAGE":"slow","_COMM":"api"}"#;
        assert!(lit(journald, r#""MESSAGE":"slow"#).is_empty());
        let shown = json_text::readable(LINE.as_bytes()).expect("json");
        let whole = std::iter::once(0..8).collect::<Vec<_>>();
        assert!(shown_ranges(b"not json", &whole, &shown).is_empty());
    }
}
