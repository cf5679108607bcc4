//! A case file held by one process: changes are applied at once in memory and
//! remembered until they are saved. A save takes the lock, and when another
//! process saved since (the file on disk is not the one last seen) it reads
//! that version and replays this process's changes on top, so neither
//! process's notes are lost.

use std::path::{Path, PathBuf};

use super::Result;
use super::file::{self, Stamp};
use super::lock;
use super::model::{Bookmark, CaseFile, Cursor, FilterEntry, Note, SourceEntry};

/// One change to a case file.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Adds the note, or replaces the note with the same id.
    PutNote(Note),
    DeleteNote(String),
    PutBookmark(Bookmark),
    DeleteBookmark(String),
    /// Adds the source, or replaces the one with the same name.
    PutSource(SourceEntry),
    SetFilters(Vec<FilterEntry>),
    SetCursor(Option<Cursor>),
    SetTitle(Option<String>),
}

impl Change {
    fn apply(&self, c: &mut CaseFile) {
        match self {
            Change::PutNote(n) => put(&mut c.notes, n.clone(), |x| &x.id),
            Change::DeleteNote(id) => c.notes.retain(|n| &n.id != id),
            Change::PutBookmark(b) => put(&mut c.bookmarks, b.clone(), |x| &x.id),
            Change::DeleteBookmark(id) => c.bookmarks.retain(|b| &b.id != id),
            Change::PutSource(s) => put(&mut c.sources, s.clone(), |x| &x.name),
            Change::SetFilters(f) => c.filters = f.clone(),
            Change::SetCursor(k) => c.cursor = k.clone(),
            Change::SetTitle(t) => c.title = t.clone(),
        }
    }
}

fn put<T>(v: &mut Vec<T>, item: T, key: impl Fn(&T) -> &String) {
    match v.iter_mut().find(|x| key(x) == key(&item)) {
        Some(slot) => *slot = item,
        None => v.push(item),
    }
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// The revision now on disk.
    pub rev: u64,
    /// Another process had saved meanwhile; its changes were merged in.
    pub merged: bool,
}

#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    case: CaseFile,
    pending: Vec<Change>,
    /// The file on disk as last read or written; None when there was none.
    seen: Option<Stamp>,
}

impl Store {
    /// Opens the case file at `path`, or an empty case when there is none yet
    /// (the file is created by the first save). A damaged file or one from a
    /// newer casefile is an error: it will never be overwritten.
    pub fn open(path: &Path) -> Result<Store> {
        let (case, seen) = match file::read(path)? {
            Some((c, s)) => (c, Some(s)),
            None => (CaseFile::default(), None),
        };
        Ok(Store {
            path: path.to_path_buf(),
            case,
            pending: Vec::new(),
            seen,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn case(&self) -> &CaseFile {
        &self.case
    }

    /// True when the file exists on disk (it has been saved at least once).
    pub fn exists(&self) -> bool {
        self.seen.is_some()
    }

    /// Changes made since the last save.
    pub fn is_dirty(&self) -> bool {
        !self.pending.is_empty()
    }

    pub fn change(&mut self, c: Change) {
        c.apply(&mut self.case);
        self.pending.push(c);
    }

    /// Saves every pending change; returns once the file is durable on disk.
    /// On failure nothing is lost: the changes stay pending, the file on disk
    /// stays as it was, and the next save tries again.
    pub fn save(&mut self) -> Result<Saved> {
        let _held = lock::lock(&self.path, lock::WAIT)?;
        file::remove_stale_temps(&self.path);
        let now = file::stamp(&self.path);
        let merged = now != self.seen;
        let mut next = if merged {
            // Someone else saved (or removed the file): their version is the base.
            let mut base = match file::read(&self.path)? {
                Some((c, _)) => c,
                None => CaseFile::default(),
            };
            for c in &self.pending {
                c.apply(&mut base);
            }
            base
        } else {
            self.case.clone()
        };
        next.rev += 1;
        next.version = super::VERSION;
        let stamp = file::write_atomic(&self.path, &file::to_bytes(&next))?;
        self.case = next;
        self.pending.clear();
        self.seen = Some(stamp);
        Ok(Saved {
            rev: self.case.rev,
            merged,
        })
    }

    /// Picks up what other processes saved, keeping this one's unsaved changes.
    pub fn reload(&mut self) -> Result<bool> {
        let now = file::stamp(&self.path);
        if now == self.seen {
            return Ok(false);
        }
        if let Some((mut base, st)) = file::read(&self.path)? {
            for c in &self.pending {
                c.apply(&mut base);
            }
            self.case = base;
            self.seen = Some(st);
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::model::new_id;

    fn note(text: &str) -> Note {
        Note {
            id: new_id(),
            at: Some(1_000),
            until: None,
            source: None,
            anchor: None,
            tags: vec!["symptom".into()],
            text: text.into(),
            created: 5,
        }
    }

    #[test]
    fn a_save_is_read_back_by_a_new_store() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut s = Store::open(&p).expect("open");
        assert!(!s.exists());
        let n = note("client silent from 17:23:05");
        s.change(Change::PutNote(n.clone()));
        assert_eq!(
            s.save().expect("save"),
            Saved {
                rev: 1,
                merged: false
            }
        );
        let back = Store::open(&p).expect("reopen");
        assert_eq!(back.case().notes, [n]);
        assert_eq!(back.case().rev, 1);
    }

    #[test]
    fn two_processes_on_one_file_keep_both_notes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut a = Store::open(&p).expect("open a");
        let mut b = Store::open(&p).expect("open b");
        let na = note("from a");
        let nb = note("from b");
        a.change(Change::PutNote(na.clone()));
        a.save().expect("save a");
        b.change(Change::PutNote(nb.clone()));
        b.change(Change::SetTitle(Some("GPU hang".into())));
        let saved = b.save().expect("save b");
        assert!(saved.merged, "b saw a's save");
        let disk = Store::open(&p).expect("reopen");
        assert_eq!(disk.case().notes, [na.clone(), nb.clone()]);
        assert_eq!(disk.case().title.as_deref(), Some("GPU hang"));
        // a deletes its note; b's edit of its own note must survive a's save.
        assert!(a.reload().expect("reload"));
        a.change(Change::DeleteNote(na.id.clone()));
        let mut nb2 = nb.clone();
        nb2.text = "from b, edited".into();
        b.change(Change::PutNote(nb2.clone()));
        b.save().expect("save b");
        a.save().expect("save a");
        assert_eq!(Store::open(&p).expect("reopen").case().notes, [nb2]);
    }

    #[test]
    fn a_damaged_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut s = Store::open(&p).expect("open");
        s.change(Change::PutNote(note("x")));
        s.save().expect("save");
        std::fs::write(&p, b"{\"version\":1,\"notes\":[{\"id\"").expect("damage");
        s.change(Change::PutNote(note("y")));
        let e = s.save().expect_err("refuses to merge into a damaged file");
        assert!(e.to_string().contains("damaged"), "{e}");
        assert_eq!(
            std::fs::read(&p).expect("read"),
            b"{\"version\":1,\"notes\":[{\"id\""
        );
        assert!(Store::open(&p).is_err());
        assert!(s.is_dirty(), "the unsaved note is kept");
    }

    #[test]
    fn a_failed_save_keeps_the_change_pending() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("gone");
        std::fs::create_dir(&sub).expect("mkdir");
        let p = sub.join("c.casefile.json");
        let mut s = Store::open(&p).expect("open");
        s.change(Change::PutNote(note("x")));
        std::fs::remove_dir(&sub).expect("rmdir");
        assert!(s.save().is_err());
        assert!(s.is_dirty());
        std::fs::create_dir(&sub).expect("mkdir");
        s.save().expect("saves once the directory is back");
        assert_eq!(Store::open(&p).expect("reopen").case().notes.len(), 1);
    }
}
