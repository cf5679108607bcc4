//! The screen's side of the case file: bookmarks are kept as content anchors
//! in it, saved on every change ("saved" is said only once the change is on
//! disk), and found again when their source loads — after the log grew, was
//! rotated, or casefile restarted.

use super::super::app::{App, RowRef};
use crate::case::model::Bookmark;
use crate::case::{Anchor, Change, Resolved, anchor::resolve_all};

/// A bookmark's id, from its content: the same record gets the same id in
/// every process, so removing it in one removes it for all.
fn bookmark_id(a: &Anchor) -> String {
    format!(
        "b-{}-{}-{:016x}-{}",
        a.source,
        a.time.unwrap_or(i64::MIN),
        a.hash,
        a.nth
    )
}

/// Records the bookmark on `(pane, row)` being added or removed, and saves.
/// Returns the suffix for the status message: " · saved", or the error.
pub fn bookmark_changed(app: &mut App, (p, r): RowRef, added: bool) -> String {
    let Some(anchor) = app.source(p).and_then(|s| Anchor::of(s, r)) else {
        return String::new();
    };
    let Some(store) = app.case.as_mut() else {
        return String::new();
    };
    let id = bookmark_id(&anchor);
    store.change(if added {
        Change::PutBookmark(Bookmark { id, anchor })
    } else {
        Change::DeleteBookmark(id)
    });
    match store.save() {
        Ok(_) => format!(" · saved to {}", store.path().display()),
        Err(e) => format!(" · NOT SAVED: {e}"),
    }
}

/// Once pane `p`'s source is loaded: its bookmarks from the case file, found
/// by content. Those whose record is gone stay in the case file (detached).
pub fn restore_bookmarks(app: &mut App, p: usize) -> usize {
    let (Some(store), Some(src)) = (app.case.as_ref(), app.source(p)) else {
        return 0;
    };
    let mine: Vec<&Anchor> = store
        .case()
        .bookmarks
        .iter()
        .map(|b| &b.anchor)
        .filter(|a| a.source == src.name)
        .collect();
    let rows: Vec<RowRef> = resolve_all(&mine, src)
        .into_iter()
        .filter_map(Resolved::record)
        .map(|r| (p, r))
        .collect();
    let detached = mine.len() - rows.len();
    for at in rows {
        if !app.bookmarks.contains(&at) {
            app.bookmarks.push(at);
        }
    }
    detached
}
