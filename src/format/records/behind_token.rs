//! A line behind a grep or kubectl token (`Format::Prefixed`): its record
//! rule is the inner format's, on what follows the token, and another
//! file's or pod's undated line starts a record of its own.

use super::{RecordState, Start};
use crate::format::Format;

impl Format {
    /// `undated_start` behind a token. Out of line, as `prefixed_dated_start`.
    #[inline(never)]
    pub(super) fn prefixed_undated_start(
        &self,
        inner: &Format,
        text: &[u8],
        dense: bool,
        st: &mut RecordState,
    ) -> Start {
        let p = crate::format::prefixed::undated_text_start(text);
        let start = inner.undated_start(p.map_or(text, |p| &text[p..]), dense, st);
        // Another file's or pod's line does not continue this one's record
        // (a glog file's header after the file before it). A token not read
        // (`grep -C`'s context line without `-n`) leaves the record open.
        let Some(here) = self.service(text) else {
            return start;
        };
        let above = st.service_above.replace(here);
        if start == Start::Continue && above.is_some_and(|a| a != here) {
            st.trace_last = false;
            return Start::New(None);
        }
        start
    }

    /// `dated_start` behind a token, read as the format behind it. Out of
    /// line: its call back into `dated_start`, inlined, kept `dated` out of
    /// every other format's `dated_start` and made indexing ~5% slower.
    #[inline(never)]
    pub(super) fn prefixed_dated_start(
        &self,
        inner: &Format,
        line: &[u8],
        st: &mut RecordState,
    ) -> Start {
        st.service_above = self.service(line);
        inner.dated_start(
            crate::format::prefixed::behind_in(inner, line).unwrap_or(line),
            st,
        )
    }
}
