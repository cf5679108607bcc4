//! Where a JSON line's top-level fields are, for what search shows of a
//! match in the line as written (`search::shown_match`).

use std::ops::Range;

use super::{Kind, Skip, nested, object, skip_ws};

/// A top-level field of a JSON object line: its key's bytes (between the
/// quotes) and its value's (quotes included), as spans of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

/// The top-level fields of a JSON object line (what stands before its `{`,
/// such as `docker compose`'s prefix, left aside), in order; None when the
/// line is not one object or a key holds an escape.
pub fn field_spans(line: &[u8]) -> Option<Vec<FieldSpan>> {
    let start = memchr::memchr(b'{', line)?;
    let body = line[start..].trim_ascii_end();
    let mut fields = Vec::new();
    let mut keys = nested::Keys::default();
    let end = object(body, 0, 1, Some((&mut fields, &mut keys)), &mut Skip)?;
    if skip_ws(body, end) != body.len() {
        return None;
    }
    Some(
        fields
            .iter()
            .map(|f| {
                let (a, b) = match f.kind {
                    Kind::Str { .. } => (f.value.0 - 1, f.value.1 + 1),
                    _ => f.value,
                };
                FieldSpan {
                    key: start + f.key.0..start + f.key.1,
                    value: start + a..start + b,
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_spans_of_the_line() {
        let line = br#"web-1  | {"msg":"a \"b\"","n":12, "o":{"k":[1]}}"#;
        let spans = field_spans(line).expect("an object");
        let text = |r: &Range<usize>| std::str::from_utf8(&line[r.clone()]).expect("utf-8");
        let got: Vec<(&str, &str)> = spans
            .iter()
            .map(|f| (text(&f.key), text(&f.value)))
            .collect();
        assert_eq!(
            got,
            [("msg", r#""a \"b\"""#), ("n", "12"), ("o", r#"{"k":[1]}"#)]
        );
        assert_eq!(field_spans(b"{\"a\":1} trailing"), None);
        assert_eq!(field_spans(b"no json"), None);
    }
}
