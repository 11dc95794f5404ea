//! Watch mode's output: a live output folder brought up to date in place (`Patch`), file by
//! file, with what it holds tracked by hash (`Written`) and an early partial commit that can be
//! taken back (`Undo`). In: the files of a rebuild (`Sink`). Out: the folder as a clean build
//! would leave it, and the new `Written`. It exists apart from `staging` because a rebuild must
//! not pay for a whole new tree: only changed files are written, and renamed into place.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{
    OutputFile, Sink, WriteError, beside, check_target, io_err, remove_with_empty_parents,
};
use crate::cache::Key;

/// The files an output folder holds, by site-relative path, with a hash of their bytes.
pub(crate) type Written = BTreeMap<String, Key>;

/// Watch mode's sink: brings an output folder up to date in place. A file whose bytes the folder
/// already holds (known by hash, not read back) is skipped; the others are written beside their
/// place (`index.html.folio-new`) and renamed over it by `commit`, so the server never sends a
/// half-written file and a rebuild that fails leaves the folder as it was. Writing beside, not
/// into a fresh tree, matters: making thousands of folders was most of a rebuild's time on ext4.
/// The first rebuild into a folder builds a whole new tree beside it and swaps it in.
pub(crate) struct Patch {
    target: PathBuf,
    /// The new tree of a first rebuild (when nothing is `present`), else `None`.
    side: Option<PathBuf>,
    present: Written,
    made: Mutex<Written>,
    changed: Mutex<BTreeSet<String>>,
    /// Folders known to exist, and those this patch made in the target (removed if abandoned).
    known_dirs: Mutex<HashSet<PathBuf>>,
    new_dirs: Mutex<Vec<PathBuf>>,
    /// Folders whose every file this patch put (`search/`): a partial commit removes the files
    /// they held before that it did not put.
    whole: Vec<String>,
}

/// Added to the name of a file written beside the one it replaces.
const NEW_SUFFIX: &str = ".folio-new";

impl Patch {
    /// `present` is what `target` holds now, as the last `commit` returned it (empty at first:
    /// the first commit then replaces whatever the folder holds).
    pub(crate) fn start(
        target: &Path,
        site_root: &Path,
        present: Written,
    ) -> Result<Self, WriteError> {
        check_target(target, site_root)?;
        let side = if present.is_empty() {
            let side = beside(target, "folio-next");
            if side.exists() {
                fs::remove_dir_all(&side).map_err(io_err(&side))?;
            }
            fs::create_dir_all(&side).map_err(io_err(&side))?;
            Some(side)
        } else {
            None
        };
        Ok(Patch {
            target: target.to_path_buf(),
            side,
            present,
            made: Mutex::new(Written::new()),
            changed: Mutex::new(BTreeSet::new()),
            known_dirs: Mutex::new(HashSet::new()),
            new_dirs: Mutex::new(Vec::new()),
            whole: Vec::new(),
        })
    }

    /// Tells the patch it puts every file of folder `dir` (`search/`, ending in `/`).
    pub(crate) fn puts_whole(&mut self, dir: &str) {
        self.whole.push(dir.to_string());
    }

    /// Puts the changed files in place. When `complete`, this rebuild put every file of the
    /// site, so files it did not put are removed. Returns what the target holds now.
    pub(crate) fn commit(mut self, complete: bool) -> Result<Written, WriteError> {
        let (made, changed) = self.take_lists();
        if let Some(side) = &self.side {
            if complete {
                // The first rebuild: its tree replaces whatever was there before.
                if self.target.exists() {
                    fs::remove_dir_all(&self.target).map_err(io_err(&self.target))?;
                }
                fs::rename(side, &self.target).map_err(io_err(&self.target))?;
                return Ok(made);
            }
        }
        let moved = self.move_in(&changed);
        if let Some(side) = &self.side {
            fs::remove_dir_all(side).ok();
        }
        moved?;
        if !complete {
            let gone: Vec<String> = (self.present.keys())
                .filter(|p| self.whole.iter().any(|dir| p.starts_with(dir.as_str())))
                .filter(|p| !made.contains_key(*p))
                .cloned()
                .collect();
            let mut now = self.present;
            for path in gone {
                remove_with_empty_parents(&self.target, &path)?;
                now.remove(&path);
            }
            now.extend(made);
            return Ok(now);
        }
        for gone in self.present.keys().filter(|p| !made.contains_key(*p)) {
            remove_with_empty_parents(&self.target, gone)?;
        }
        Ok(made)
    }

    /// Like a partial `commit`, but keeps the files it replaces, so the change can be undone.
    pub(crate) fn commit_undoably(mut self) -> Result<(Written, Undo), WriteError> {
        let (made, changed) = self.take_lists();
        let undo = Undo {
            target: self.target.clone(),
            kept: beside(&self.target, "folio-kept"),
            replaced: (changed.iter())
                .map(|rel| (rel.clone(), self.present.get(rel).copied()))
                .collect(),
        };
        let moved =
            move_aside(&self.target, &undo.kept, &changed).and_then(|()| self.move_in(&changed));
        if let Some(side) = &self.side {
            fs::remove_dir_all(side).ok();
        }
        if let Err(e) = moved {
            undo.undo(&mut Written::new());
            return Err(e);
        }
        let mut now = self.present;
        now.extend(made);
        Ok((now, undo))
    }

    /// Removes what this patch wrote; the target stays as it was. Returns what it holds.
    pub(crate) fn abandon(self) -> Written {
        match &self.side {
            Some(side) => {
                fs::remove_dir_all(side).ok();
            }
            None => {
                for rel in self.changed.lock().map(|c| c.clone()).unwrap_or_default() {
                    fs::remove_file(self.staged(&rel)).ok();
                }
                let mut dirs = self.new_dirs.lock().map(|d| d.clone()).unwrap_or_default();
                dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
                for dir in dirs {
                    fs::remove_dir(dir).ok();
                }
            }
        }
        self.present
    }

    /// What was put, and which of those files changed.
    fn take_lists(&mut self) -> (Written, BTreeSet<String>) {
        let made = self.made.get_mut().map(std::mem::take).unwrap_or_default();
        let changed = (self.changed.get_mut().map(std::mem::take)).unwrap_or_default();
        (made, changed)
    }

    /// Where a changed file waits for `commit`.
    fn staged(&self, rel: &str) -> PathBuf {
        match &self.side {
            Some(side) => side.join(rel),
            None => self.target.join(format!("{rel}{NEW_SUFFIX}")),
        }
    }

    /// Renames each changed file from where it waits to its place.
    fn move_in(&self, changed: &BTreeSet<String>) -> Result<(), WriteError> {
        for rel in changed {
            let to = self.target.join(rel);
            if self.side.is_some() {
                self.make_parent(&to)?;
            }
            fs::rename(self.staged(rel), &to).map_err(io_err(&to))?;
        }
        Ok(())
    }

    fn make_parent(&self, path: &Path) -> Result<(), WriteError> {
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        if self.known_dirs.lock().is_ok_and(|d| d.contains(dir)) {
            return Ok(());
        }
        let missing: Vec<PathBuf> = (dir.ancestors())
            .take_while(|d| !d.exists())
            .map(Path::to_path_buf)
            .collect();
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        if let Ok(mut new) = self.new_dirs.lock() {
            new.extend(missing);
        }
        if let Ok(mut known) = self.known_dirs.lock() {
            known.insert(dir.to_path_buf());
        }
        Ok(())
    }
}

impl Sink for Patch {
    fn put(&self, rel: &str, file: OutputFile) -> Result<(), WriteError> {
        let bytes = match file {
            OutputFile::Bytes(bytes) => bytes,
            OutputFile::Embedded(bytes) => bytes.to_vec(),
            OutputFile::Copy(source) => fs::read(&source).map_err(io_err(&source))?,
        };
        let key = Key::of(&[&bytes]);
        if let Ok(mut made) = self.made.lock() {
            made.insert(rel.to_string(), key);
        }
        let path = self.staged(rel);
        if self.present.get(rel) == Some(&key) {
            // A later file with the same path replaces an earlier one, even an unchanged one.
            let was_changed = self.changed.lock().is_ok_and(|mut c| c.remove(rel));
            if was_changed {
                fs::remove_file(&path).map_err(io_err(&path))?;
            }
            return Ok(());
        }
        self.make_parent(&path)?;
        fs::write(&path, &bytes).map_err(io_err(&path))?;
        if let Ok(mut changed) = self.changed.lock() {
            changed.insert(rel.to_string());
        }
        Ok(())
    }
}

/// What `Patch::commit_undoably` replaced: the files it moved aside, and what the output
/// folder held at their paths before.
pub(crate) struct Undo {
    target: PathBuf,
    kept: PathBuf,
    replaced: Vec<(String, Option<Key>)>,
}

impl Undo {
    /// Puts the replaced files back (and removes those that were new), updating `written`.
    pub(crate) fn undo(self, written: &mut Written) {
        for (rel, before) in &self.replaced {
            let path = self.target.join(rel);
            match before {
                Some(key) => {
                    if fs::rename(self.kept.join(rel), &path).is_ok() {
                        written.insert(rel.clone(), *key);
                    }
                }
                None => {
                    remove_with_empty_parents(&self.target, rel).ok();
                    written.remove(rel);
                }
            }
        }
        fs::remove_dir_all(&self.kept).ok();
    }

    /// Keeps the change: removes the files moved aside.
    pub(crate) fn keep(self) {
        fs::remove_dir_all(&self.kept).ok();
    }
}

/// Moves the existing `target/rel` of each of `files` to `aside/rel`.
fn move_aside(target: &Path, aside: &Path, files: &BTreeSet<String>) -> Result<(), WriteError> {
    if aside.exists() {
        fs::remove_dir_all(aside).map_err(io_err(aside))?;
    }
    for rel in files {
        let from = target.join(rel);
        if !from.exists() {
            continue;
        }
        let to = aside.join(rel);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        fs::rename(&from, &to).map_err(io_err(&from))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::entries;

    fn put_all(patch: &Patch, files: &[(&str, &str)]) {
        for (path, text) in files {
            patch
                .put(path, OutputFile::Bytes(text.as_bytes().to_vec()))
                .unwrap();
        }
    }

    #[test]
    fn a_patch_writes_only_what_changed_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let (target, site) = (dir.path().join("out"), dir.path().join("site"));
        fs::create_dir_all(target.join("leftover")).unwrap();
        fs::write(target.join("leftover/x.html"), "from before").unwrap();
        let first = Patch::start(&target, &site, Written::new()).unwrap();
        put_all(&first, &[("a/index.html", "a"), ("b/index.html", "b")]);
        let written = first.commit(true).unwrap();
        assert_eq!(written.len(), 2);
        assert!(
            !target.join("leftover").exists(),
            "the first patch empties the folder"
        );
        let unchanged_time = fs::metadata(target.join("b/index.html"))
            .unwrap()
            .modified()
            .unwrap();

        let second = Patch::start(&target, &site, written.clone()).unwrap();
        put_all(&second, &[("a/index.html", "a2"), ("b/index.html", "b")]);
        let written = second.commit(true).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "a2"
        );
        let modified = fs::metadata(target.join("b/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, unchanged_time, "an unchanged file is not written");

        let partial = Patch::start(&target, &site, written.clone()).unwrap();
        put_all(&partial, &[("c/index.html", "c")]);
        let written = partial.commit(false).unwrap();
        assert_eq!(
            written.len(),
            3,
            "a partial patch keeps what it did not put"
        );

        let complete = Patch::start(&target, &site, written.clone()).unwrap();
        put_all(&complete, &[("a/index.html", "a2")]);
        let written = complete.commit(true).unwrap();
        assert!(!target.join("b").exists() && !target.join("c").exists());

        let abandoned = Patch::start(&target, &site, written.clone()).unwrap();
        put_all(
            &abandoned,
            &[("a/index.html", "never"), ("new/index.html", "x")],
        );
        assert_eq!(abandoned.abandon(), written);
        assert!(!target.join("new").exists(), "a folder it made is removed");
        assert!(!target.join("a/index.html.folio-new").exists());
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "a2"
        );
        assert_eq!(entries(dir.path()), ["out"], "no side folder is left");
    }

    #[test]
    fn an_undoable_patch_puts_back_what_it_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (target, site) = (dir.path().join("out"), dir.path().join("site"));
        let first = Patch::start(&target, &site, Written::new()).unwrap();
        put_all(&first, &[("a/index.html", "old")]);
        let before = first.commit(true).unwrap();
        let early = Patch::start(&target, &site, before.clone()).unwrap();
        put_all(
            &early,
            &[("a/index.html", "new"), ("b/index.html", "added")],
        );
        let (mut written, undo) = early.commit_undoably().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert_eq!(written.len(), 2);
        undo.undo(&mut written);
        assert_eq!(written, before);
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "old"
        );
        assert!(!target.join("b/index.html").exists());
        assert_eq!(entries(dir.path()), ["out"], "nothing is left beside it");
    }
}
