//! A case file held by one process: changes are applied at once in memory and
//! remembered until they are saved. A save takes the lock, and when another
//! process saved since (the file or its journal is not as last seen), or what
//! it last saw was read without the lock, it reads the disk again and replays
//! this process's changes on top, so neither process's notes are lost. A
//! save appends to the journal (fast, durable);
//! `compact` folds the journal into the case file by an atomic rewrite.

use std::path::{Path, PathBuf};

use super::Result;
use super::file::{self, Stamp};
use super::model::{Bookmark, CaseFile, Cursor, FilterEntry, Note, SourceEntry};
use super::{journal, lock};

/// One change to a case file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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
    pub fn apply(&self, c: &mut CaseFile) {
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
    /// The journal's length as last read or written.
    seen_journal: u64,
    /// `seen` and `seen_journal` were read or written with the lock held. A
    /// read without it can pair a compaction's new file with the journal it
    /// is about to empty; the journal's length is then not a witness of
    /// change (another save can make it that long again), so the next save
    /// reads the disk again first.
    seen_under_lock: bool,
}

impl Store {
    /// Opens the case file at `path`, or an empty case when there is none yet
    /// (the file is created by the first save). A damaged file or one from a
    /// newer casefile is an error: it will never be overwritten.
    pub fn open(path: &Path) -> Result<Store> {
        let mut s = Store {
            path: path.to_path_buf(),
            case: CaseFile::default(),
            pending: Vec::new(),
            seen: None,
            seen_journal: 0,
            seen_under_lock: false,
        };
        s.load_disk()?;
        Ok(s)
    }

    /// Reads the case file and its journal as they are on disk, then replays
    /// this process's pending changes on top.
    fn load_disk(&mut self) -> Result<()> {
        let (mut case, seen) = match file::read(&self.path)? {
            Some((c, s)) => (c, Some(s)),
            None => (CaseFile::default(), None),
        };
        let (logged, valid) = journal::read(&self.path)?;
        for c in logged.iter().flatten().chain(&self.pending) {
            c.apply(&mut case);
        }
        // Saves since the last compaction count as revisions too.
        case.rev += logged.len() as u64;
        self.case = case;
        self.seen = seen;
        self.seen_journal = valid;
        self.seen_under_lock = false;
        Ok(())
    }

    /// With the lock held: reads the disk again when another process saved
    /// since, or when what was seen was read without the lock. True when the
    /// case changed by it (another process's changes merged in).
    fn catch_up(&mut self) -> Result<bool> {
        let changed = self.changed_on_disk();
        if !changed && self.seen_under_lock {
            return Ok(false);
        }
        let before = (!changed).then(|| self.case.clone());
        self.load_disk()?;
        self.seen_under_lock = true;
        Ok(before.is_none_or(|b| b != self.case))
    }

    /// True when someone else saved since this process last read or wrote.
    fn changed_on_disk(&self) -> bool {
        file::stamp(&self.path) != self.seen || journal::len(&self.path) != self.seen_journal
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

    /// Saves every pending change; returns once it is durable on disk. The
    /// first save writes the case file; later ones append to its journal.
    /// On failure nothing is lost: the changes stay pending, the files on
    /// disk stay as they were, and the next save tries again.
    pub fn save(&mut self) -> Result<Saved> {
        let _held = lock::lock(&self.path, lock::WAIT)?;
        let merged = self.catch_up()?;
        if self.seen.is_none() {
            self.rewrite()?;
        } else if !self.pending.is_empty() {
            self.seen_journal = journal::append(&self.path, &self.pending, self.seen_journal)?;
            self.case.rev += 1;
        }
        self.pending.clear();
        Ok(Saved {
            rev: self.case.rev,
            merged,
        })
    }

    /// Saves, then folds the journal into the case file (an atomic rewrite of
    /// the whole file), so the one file holds everything again.
    pub fn compact(&mut self) -> Result<Saved> {
        let saved = self.save()?;
        let _held = lock::lock(&self.path, lock::WAIT)?;
        let merged = self.catch_up()?;
        if self.seen_journal > 0 || merged {
            self.rewrite()?;
        }
        Ok(Saved {
            rev: self.case.rev,
            merged: saved.merged || merged,
        })
    }

    /// Writes the whole case (pending changes included) and empties the
    /// journal. Called with the lock held and the disk state loaded.
    fn rewrite(&mut self) -> Result<()> {
        file::remove_stale_temps(&self.path);
        let (rev, version) = (self.case.rev, self.case.version);
        self.case.rev += 1;
        self.case.version = super::VERSION;
        match file::write_atomic(&self.path, &file::to_bytes(&self.case)) {
            Ok(stamp) => self.seen = Some(stamp),
            Err(e) => {
                (self.case.rev, self.case.version) = (rev, version);
                return Err(e);
            }
        }
        journal::clear(&self.path)?;
        self.seen_journal = 0;
        self.pending.clear();
        Ok(())
    }

    /// Picks up what other processes saved, keeping this one's unsaved changes.
    pub fn reload(&mut self) -> Result<bool> {
        if !self.changed_on_disk() {
            return Ok(false);
        }
        self.load_disk()?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::model::test_note as note;

    /// A store of a new case file at `p` that saved note `a`, which wrote
    /// the file, and then note `b`, which went to the journal.
    pub(super) fn saved_twice(p: &Path, a: &str, b: &str) -> Store {
        let mut s = Store::open(p).expect("open");
        s.change(Change::PutNote(note(a)));
        s.save().expect("the first save writes the file");
        s.change(Change::PutNote(note(b)));
        s.save().expect("the second save goes to the journal");
        s
    }

    /// The notes' texts of the case file at `p`, opened anew, in its order.
    pub(super) fn texts(p: &Path) -> Vec<String> {
        Store::open(p)
            .expect("reopen")
            .case()
            .notes
            .iter()
            .map(|n| n.text.clone())
            .collect()
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
    fn saves_go_to_the_journal_until_compaction_folds_them_in() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut s = Store::open(&p).expect("open");
        let first = note("first");
        s.change(Change::PutNote(first.clone()));
        s.save().expect("save");
        assert_eq!(journal::len(&p), 0, "the first save writes the case file");
        let second = note("second");
        s.change(Change::PutNote(second.clone()));
        s.change(Change::DeleteNote(first.id.clone()));
        assert_eq!(s.save().expect("save").rev, 2);
        assert!(journal::len(&p) > 0);
        assert_eq!(
            file::read(&p).expect("read").expect("exists").0.notes,
            [first]
        );
        let back = Store::open(&p).expect("reopen");
        assert_eq!(back.case().notes, std::slice::from_ref(&second));
        assert_eq!(back.case().rev, 2);
        s.compact().expect("compact");
        assert_eq!(journal::len(&p), 0);
        let on_disk = file::read(&p).expect("read").expect("exists").0;
        assert_eq!((on_disk.notes, on_disk.rev), (vec![second], 3));
    }

    #[test]
    fn a_torn_journal_line_is_ignored_and_cut_off() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        saved_twice(&p, "a", "b");
        // A process killed mid-append leaves half a line.
        let jp = journal::path_for(&p);
        let mut bytes = std::fs::read(&jp).expect("journal");
        bytes.extend_from_slice(b"[{\"put_note\":{\"id\":\"half");
        std::fs::write(&jp, &bytes).expect("tear");
        let mut other = Store::open(&p).expect("a torn tail is not damage");
        assert_eq!(other.case().notes.len(), 2);
        other.change(Change::PutNote(note("c")));
        other.save().expect("save");
        assert_eq!(texts(&p), ["a", "b", "c"]);
        // A bad line that is not the last one is damage, and is said so.
        let mut bytes = std::fs::read(&jp).expect("journal");
        bytes.splice(0..0, b"{not json}\n".iter().copied());
        std::fs::write(&jp, &bytes).expect("damage");
        let e = Store::open(&p).expect_err("damaged journal");
        assert!(e.to_string().contains("journal line 1"), "{e}");
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

#[cfg(test)]
mod interleaved {
    use super::tests::{saved_twice, texts};
    use super::*;
    use crate::case::model::test_note as note;

    /// `texts`, sorted.
    fn sorted_texts(p: &Path) -> Vec<String> {
        let mut t = texts(p);
        t.sort();
        t
    }

    /// `note add` run by 32 processes at once lost a note now and then: one
    /// opened (without the lock) between another's compaction renaming the
    /// new file in and emptying the journal, so it took the new file with the
    /// old journal's length. Once a third process's note made the journal that
    /// long again, its save saw nothing changed, and its compaction wrote the
    /// file without that note. Here the steps are played by hand.
    #[test]
    fn a_store_opened_mid_compaction_does_not_lose_a_later_note() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let first = saved_twice(&p, "note 1", "note 8");
        // The compaction's rename is done, its journal not yet emptied.
        let mut folded = first.case().clone();
        folded.rev += 1;
        file::write_atomic(&p, &file::to_bytes(&folded)).expect("rename");
        let mut late = Store::open(&p).expect("opened mid-compaction");
        journal::clear(&p).expect("the compaction ends");
        // Another process's note: a journal line as long as the one emptied.
        let mut other = Store::open(&p).expect("other");
        other.change(Change::PutNote(note("note 2")));
        other.save().expect("other saves");
        late.change(Change::PutNote(note("note 9")));
        late.save().expect("late saves");
        late.compact().expect("late compacts");
        assert_eq!(sorted_texts(&p), ["note 1", "note 2", "note 8", "note 9"]);
    }
}
