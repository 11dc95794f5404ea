//! The staging folder of a clean build: files go to writer threads that put them into a folder
//! beside the target, which `commit` swaps into place only when the whole build succeeded.
//! In: the files of a build, from any thread (`Sink`). Out: the target replaced whole, or left
//! as it was (or, when even that fails, an error naming where it is: `swap`). Files whose bytes did not change since the previous build are hard-linked from it
//! instead of written again, and the tree the swap replaces may be kept for the next build to
//! write into (`recycle`).

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::recycle::{self, Entry, Manifest, Recycled, SpareFolder, Stamp};
use super::swap::{SideFolders, WriteNotice, remove_old, swap};
use super::{
    OutputFile, Sink, WriteError, check_target, io_err, remove_empty_folders,
    remove_file_if_present, remove_with_empty_parents,
};
use crate::cache::Key;

/// What a build may take from the builds before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reuse {
    /// Write every file into a fresh folder, and delete the tree the new one replaces.
    Nothing,
    /// Keep the replaced tree as the next build's staging folder (`recycle`).
    Previous,
}

/// A staging folder beside the target that a build writes into; `commit` swaps it in.
/// Files go to writer threads, so the threads that render pages never wait for the disk: on a
/// slow disk, a 10,000-page build spent half its time blocked in `write`.
pub(crate) struct Staging {
    folder: Arc<StagingFolder>,
    old: PathBuf,
    /// Where replaced trees are kept, when the build reuses them.
    spare: Option<SpareFolder>,
    queues: Vec<SyncSender<(String, OutputFile)>>,
    writers: Vec<JoinHandle<()>>,
    /// The first write that failed; later files are dropped and the build fails.
    failure: Arc<Mutex<Option<WriteError>>>,
    /// What preparing the side folders did or could not clean up, to report with the build.
    notices: Vec<WriteNotice>,
}

/// The staging folder as the writer threads see it.
struct StagingFolder {
    staging: PathBuf,
    target: PathBuf,
    made_dirs: Mutex<HashSet<PathBuf>>,
    /// What the staging folder held before this build (a recycled tree), else nothing.
    recycled: Recycled,
    /// What folio wrote into the target last time, checked file by file before use.
    previous: Manifest,
    /// Every file put so far.
    made: Mutex<Manifest>,
}

/// Writer threads, and how many files each may have waiting (bounds the memory in flight).
const WRITERS: usize = 2;
const QUEUE_PER_WRITER: usize = 64;

impl Staging {
    /// Checks the target is safe to replace and starts a staging folder beside it: the tree an
    /// earlier build replaced, when reused and kept, else an empty one.
    pub(crate) fn create(
        target: &Path,
        site_root: &Path,
        reuse: Reuse,
    ) -> Result<Staging, WriteError> {
        check_target(target, site_root)?;
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let SideFolders {
            staging,
            old,
            mut notices,
        } = SideFolders::prepare(target)?;
        let spare = SpareFolder::beside(target);
        let (recycled, previous, spare) = match reuse {
            Reuse::Previous => {
                let recycled = spare.take_tree(&staging).ok().flatten();
                (recycled, spare.output_manifest_entries(), Some(spare))
            }
            Reuse::Nothing => {
                // A spare tree that cannot be removed is only a leftover: no build trusts a
                // file of it without checking it against its manifest.
                if let Err(e) = spare.remove() {
                    notices.push(WriteNotice::Leftover {
                        path: spare.root.clone(),
                        reason: e.to_string(),
                    });
                }
                (None, Manifest::new(), None)
            }
        };
        if recycled.is_none() {
            fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        }
        let mut recycled = recycled.unwrap_or_default();
        let folder = Arc::new(StagingFolder {
            made_dirs: Mutex::new(std::mem::take(&mut recycled.dirs)),
            staging,
            target: target.to_path_buf(),
            recycled,
            previous,
            made: Mutex::new(Manifest::new()),
        });
        let failure = Arc::new(Mutex::new(None));
        let (queues, writers) = (0..WRITERS)
            .map(|_| {
                let (queue, files) = sync_channel::<(String, OutputFile)>(QUEUE_PER_WRITER);
                let (folder, failure) = (folder.clone(), failure.clone());
                let writer = std::thread::spawn(move || {
                    for (rel, file) in files {
                        let failed = failure.lock().map_or(true, |f| f.is_some());
                        if failed {
                            continue;
                        }
                        if let Err(e) = folder.write(&rel, file) {
                            if let Ok(mut slot) = failure.lock() {
                                slot.get_or_insert(e);
                            }
                        }
                    }
                });
                (queue, writer)
            })
            .unzip();
        Ok(Staging {
            folder,
            old,
            spare,
            queues,
            writers,
            failure,
            notices,
        })
    }

    /// Waits for the writers, removes what the staging folder held that this build did not
    /// put, then swaps it in place of the target. Returns what could not be cleaned up on the
    /// way (the site is in place all the same).
    pub(crate) fn commit(mut self) -> Result<Vec<WriteNotice>, WriteError> {
        self.finish_writing();
        let failure = self.failure.lock().ok().and_then(|mut f| f.take());
        if let Some(e) = failure {
            self.abandon();
            return Err(e);
        }
        let folder = &self.folder;
        let made = folder.made.lock().map(|m| m.clone()).unwrap_or_default();
        let swapped = (folder.remove_unmade(&made))
            .and_then(|()| swap(&folder.staging, &folder.target, &self.old));
        if let Err(e) = swapped {
            // A recycled tree goes back as the spare even half cleaned: the next build checks
            // every file it finds against the manifest before trusting it.
            self.abandon();
            return Err(e);
        }
        let mut notices = std::mem::take(&mut self.notices);
        let Some(spare) = &self.spare else {
            notices.extend(remove_old(&self.old));
            return Ok(notices);
        };
        let kept = if self.old.exists() {
            spare.keep(&self.old, &made)
        } else {
            spare.save_output_manifest(&made)
        };
        if kept.is_err() {
            // The site is in place; the next build just starts from an empty folder.
            spare.remove().ok();
            notices.extend(remove_old(&self.old));
        }
        Ok(notices)
    }

    /// The target stays as it was. A reused staging tree is kept for the next build, with what
    /// it holds now; otherwise it is removed.
    pub(crate) fn abandon(mut self) {
        self.finish_writing();
        let folder = &self.folder;
        let put_back = self.spare.as_ref().is_some_and(|spare| {
            let held = folder.holds();
            spare.put_back(&folder.staging, &held).is_ok()
        });
        if !put_back {
            fs::remove_dir_all(&folder.staging).ok();
        }
    }

    fn finish_writing(&mut self) {
        self.queues.clear();
        for writer in self.writers.drain(..) {
            writer.join().ok();
        }
    }
}

impl StagingFolder {
    fn make_parent(&self, path: &Path) -> Result<(), WriteError> {
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        let known = self.made_dirs.lock().is_ok_and(|d| d.contains(dir));
        if !known {
            fs::create_dir_all(dir).map_err(io_err(dir))?;
            if let Ok(mut made) = self.made_dirs.lock() {
                made.insert(dir.to_path_buf());
            }
        }
        Ok(())
    }

    /// What the staging folder holds at `rel` now: `None` if nothing, `Some(None)` if a file
    /// whose bytes are unknown.
    fn holding(&self, rel: &str) -> Option<Option<Entry>> {
        let made = self.made.lock().ok().and_then(|m| m.get(rel).copied());
        made.map(Some)
            .or_else(|| self.recycled.files.get(rel).copied())
    }

    /// Every file whose bytes are known, as the next build's manifest of this tree.
    fn holds(&self) -> Manifest {
        let recycled =
            (self.recycled.files.iter()).filter_map(|(rel, entry)| Some((rel.clone(), (*entry)?)));
        let mut holds: Manifest = recycled.collect();
        if let Ok(made) = self.made.lock() {
            holds.extend(made.iter().map(|(rel, entry)| (rel.clone(), *entry)));
        }
        holds
    }

    fn write(&self, rel: &str, file: OutputFile) -> Result<(), WriteError> {
        let path = self.staging.join(rel);
        let read;
        let bytes: &[u8] = match &file {
            OutputFile::Bytes(bytes) => bytes,
            OutputFile::Embedded(bytes) => bytes,
            OutputFile::Copy(source) => {
                read = fs::read(source).map_err(io_err(source))?;
                &read
            }
        };
        let key = Key::of(&[bytes]);
        let holding = self.holding(rel);
        let entry = match holding {
            Some(Some(entry)) if entry.key == key => entry,
            _ => {
                // A later file with the same path replaces an earlier one, as in memory.
                if holding.is_some() {
                    remove_file_if_present(&path)?;
                }
                let placed = self.place(rel, key, bytes);
                let stamp = match placed {
                    Err(_) if self.clear_way(rel) => self.place(rel, key, bytes)?,
                    placed => placed?,
                };
                Entry { key, stamp }
            }
        };
        if let Ok(mut made) = self.made.lock() {
            made.insert(rel.to_string(), entry);
        }
        Ok(())
    }

    /// Puts `bytes` at `rel`: a link to the target's file when it has them, else a new file.
    fn place(&self, rel: &str, key: Key, bytes: &[u8]) -> Result<Stamp, WriteError> {
        let path = self.staging.join(rel);
        self.make_parent(&path)?;
        match self.link_previous(rel, key, bytes, &path) {
            Some(stamp) => Ok(stamp),
            None => write_new(&path, bytes),
        }
    }

    /// In a recycled tree, a stale file may stand where this build needs a folder, or a stale
    /// folder where it needs a file (a page that became a static file): removes them. True if
    /// something was removed.
    fn clear_way(&self, rel: &str) -> bool {
        if self.recycled.files.is_empty() {
            return false;
        }
        let path = self.staging.join(rel);
        let mut cleared = false;
        for above in path.ancestors().skip(1).take_while(|p| *p != self.staging) {
            if fs::symlink_metadata(above).is_ok_and(|m| !m.is_dir()) {
                cleared |= fs::remove_file(above).is_ok();
            }
        }
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            cleared |= fs::remove_dir_all(&path).is_ok();
        }
        cleared
    }

    /// Hard-links the target's file when it holds exactly `bytes`: an unchanged file costs a
    /// link instead of a write, and keeps its inode and modification time. The manifest of
    /// the target says so without reading it; without one, the file is read and compared.
    fn link_previous(&self, rel: &str, key: Key, bytes: &[u8], path: &Path) -> Option<Stamp> {
        let previous = self.target.join(rel);
        let same = if self.previous.is_empty() {
            let same_size = fs::metadata(&previous).is_ok_and(|m| m.len() == bytes.len() as u64);
            same_size && fs::read(&previous).is_ok_and(|old| old == bytes)
        } else {
            recycle::known_bytes(&self.previous, rel, &previous) == Some(key)
        };
        if !same || fs::hard_link(&previous, path).is_err() {
            return None;
        }
        fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
    }

    /// Removes what a recycled tree held that this build did not put.
    fn remove_unmade(&self, made: &Manifest) -> Result<(), WriteError> {
        let recycled = &self.recycled;
        for rel in recycled.files.keys().filter(|rel| !made.contains_key(*rel)) {
            // Unless `clear_way` already removed it for a folder of this build.
            let path = self.staging.join(rel);
            if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                remove_with_empty_parents(&self.staging, rel)?;
            }
        }
        for stray in &recycled.strays {
            remove_file_if_present(stray)?;
        }
        for dir in &recycled.empty_dirs {
            remove_empty_folders(&self.staging, Some(dir));
        }
        Ok(())
    }
}

/// Writes a new file and returns its stamp.
fn write_new(path: &Path, bytes: &[u8]) -> Result<Stamp, WriteError> {
    let written = fs::File::create(path).and_then(|mut file| {
        file.write_all(bytes)?;
        file.metadata()
    });
    written.map(|m| Stamp::of(&m)).map_err(io_err(path))
}

impl Sink for Staging {
    /// Queues the file for a writer; files with the same path always go to the same writer, so
    /// the later one still wins.
    fn put(&self, rel: &str, file: OutputFile) -> Result<(), WriteError> {
        if let Some(e) = self.failure.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        let writer = crate::cache::Key::of(&[rel.as_bytes()]).to_bytes()[0] as usize % WRITERS;
        let sent = self.queues[writer].send((rel.to_string(), file));
        sent.map_err(|_| WriteError::Io {
            path: self.folder.staging.join(rel),
            source: io::Error::other("the writer thread stopped"),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::output::tests::entries;

    /// Every file under `dir` with its text, and every folder (with a trailing `/`).
    fn tree(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
                match e.file_type().is_dir() {
                    true => (format!("{rel}/"), String::new()),
                    false => (rel.into_owned(), fs::read_to_string(e.path()).unwrap()),
                }
            })
            .collect()
    }

    /// Builds `files` into `target` through a staging folder that reuses earlier trees.
    fn build_reusing(target: &Path, files: &[(&str, &str)]) -> BTreeMap<String, String> {
        let staging = Staging::create(target, Path::new("/nonexistent-site"), Reuse::Previous);
        let staging = staging.unwrap();
        for (path, text) in files {
            let file = OutputFile::Bytes(text.as_bytes().to_vec());
            staging.put(path, file).unwrap();
        }
        staging.commit().unwrap();
        tree(target)
    }

    fn expected(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut tree = BTreeMap::new();
        for (path, text) in files {
            let mut dir = Path::new(path).parent();
            while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                tree.insert(format!("{}/", d.display()), String::new());
                dir = d.parent();
            }
            tree.insert(path.to_string(), text.to_string());
        }
        tree
    }

    fn modified(path: &Path) -> std::time::SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn a_reused_tree_ends_exactly_as_a_fresh_build_would() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let first = [
            ("a/index.html", "a"),
            ("b/index.html", "b"),
            ("c/x/index.html", "c"),
        ];
        assert_eq!(build_reusing(&target, &first), expected(&first));
        let second = [
            ("a/index.html", "a"),
            ("b/index.html", "b2"),
            ("d/index.html", "d"),
        ];
        assert_eq!(build_reusing(&target, &second), expected(&second));
        let unchanged = modified(&target.join("a/index.html"));

        // The third build recycles the first one's tree: stale files and folders go, and a
        // file changed or added by hand in the output is not trusted.
        fs::write(target.join("stray.txt"), "added by hand").unwrap();
        fs::create_dir_all(target.join("empty/inner")).unwrap();
        let kept_tree = dir.path().join(".public.folio-spare/tree");
        fs::write(kept_tree.join("a/index.html"), "changed in the kept tree").unwrap();
        assert_eq!(build_reusing(&target, &second), expected(&second));
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "a",
            "a file changed since folio wrote it is written again"
        );
        let fourth = [
            ("b/index.html", "b2"),
            ("d/index.html", "d4"),
            ("e/index.html", "e"),
        ];
        assert_eq!(build_reusing(&target, &fourth), expected(&fourth));
        assert_eq!(build_reusing(&target, &fourth), expected(&fourth));
        assert_ne!(unchanged, std::time::SystemTime::UNIX_EPOCH);
        let d = target.join("d/index.html");
        let d_written = modified(&d);
        assert_eq!(build_reusing(&target, &fourth), expected(&fourth));
        assert_eq!(
            modified(&d),
            d_written,
            "an unchanged file is not written again"
        );
        assert_eq!(
            entries(dir.path()).len(),
            2,
            "the target and the spare folder"
        );
    }

    #[test]
    fn a_reused_tree_lets_files_and_folders_trade_places() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let before = [("a", "file"), ("b/index.html", "page")];
        build_reusing(&target, &before);
        build_reusing(&target, &before);
        let after = [("a/index.html", "page"), ("b", "file")];
        assert_eq!(build_reusing(&target, &after), expected(&after));
        assert_eq!(build_reusing(&target, &before), expected(&before));
    }

    #[test]
    fn a_failed_build_keeps_the_output_and_its_tree_for_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let files = [("a/index.html", "a"), ("b/index.html", "b")];
        build_reusing(&target, &files);
        build_reusing(&target, &files);
        let staging = Staging::create(&target, Path::new("/nonexistent-site"), Reuse::Previous);
        let staging = staging.unwrap();
        staging
            .put("a/index.html", OutputFile::Bytes(b"half".to_vec()))
            .unwrap();
        staging
            .put("new/index.html", OutputFile::Bytes(b"n".to_vec()))
            .unwrap();
        staging.abandon();
        assert_eq!(tree(&target), expected(&files), "the output is untouched");
        assert_eq!(build_reusing(&target, &files), expected(&files));

        let fresh = Staging::create(&target, Path::new("/nonexistent-site"), Reuse::Nothing);
        let fresh = fresh.unwrap();
        fresh
            .put("a/index.html", OutputFile::Bytes(b"a".to_vec()))
            .unwrap();
        fresh.commit().unwrap();
        assert_eq!(tree(&target), expected(&[("a/index.html", "a")]));
        assert_eq!(
            entries(dir.path()),
            ["public"],
            "reusing nothing keeps nothing"
        );
    }
}

#[cfg(test)]
mod swap_tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::output::swap::step::faults::inject;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = (crate::output::tests::entries(dir).into_iter())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A build of one page saying `text` into `target`, reusing nothing.
    fn build(target: &Path, text: &str) -> Result<Vec<WriteNotice>, WriteError> {
        let staging = Staging::create(target, Path::new("/nonexistent-site"), Reuse::Nothing)?;
        staging.put("index.html", OutputFile::Bytes(text.as_bytes().to_vec()))?;
        staging.commit()
    }

    fn page(target: &Path) -> String {
        fs::read_to_string(target.join("index.html")).unwrap()
    }

    fn folders(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
        let target = dir.join("public");
        (
            target,
            dir.join(".public.folio-staging"),
            dir.join(".public.folio-old"),
        )
    }

    #[test]
    fn a_target_that_cannot_be_moved_aside_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let (target, _, old) = folders(dir.path());
        build(&target, "one").unwrap();
        inject("rename", &target);
        let e = build(&target, "two").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot move the previous output {} aside to {}: injected failure",
                target.display(),
                old.display()
            )
        );
        assert_eq!(e.previous_output_moved_to(), None);
        assert_eq!(page(&target), "one");
        assert_eq!(entries(dir.path()), ["public"]);
    }

    #[test]
    fn a_new_site_that_cannot_be_moved_in_puts_the_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let (target, staging, _) = folders(dir.path());
        build(&target, "one").unwrap();
        inject("rename", &staging);
        let e = build(&target, "two").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot move the new site from {} to {}: injected failure",
                staging.display(),
                target.display()
            )
        );
        assert_eq!(e.previous_output_moved_to(), None);
        assert_eq!(
            e.help(),
            Some("the previous output was moved back into place; check the folder's permissions")
        );
        assert_eq!(page(&target), "one");
        assert_eq!(entries(dir.path()), ["public"]);

        // A first build has no previous output to put back, and says nothing of one.
        let first = dir.path().join("first");
        inject("rename", &dir.path().join(".first.folio-staging"));
        let e = build(&first, "one").unwrap_err();
        assert_eq!(
            e.help(),
            Some("check the permissions of the folder that holds the output")
        );
        assert!(!first.exists());
    }

    #[test]
    fn a_previous_output_that_cannot_be_put_back_is_named_and_restored_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let (target, staging, old) = folders(dir.path());
        build(&target, "one").unwrap();
        inject("rename", &staging);
        inject("rename", &old);
        let e = build(&target, "two").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot move the new site from {} to {}: injected failure; nor move the previous output back from {}: injected failure",
                staging.display(),
                target.display(),
                old.display()
            )
        );
        assert_eq!(e.previous_output_moved_to(), Some(old.as_path()));
        assert_eq!(page(&old), "one", "the previous output is where it says");
        assert_eq!(entries(dir.path()), [".public.folio-old"]);

        // The state a build killed between the two renames leaves, too.
        let notices = build(&target, "three").unwrap();
        assert_eq!(
            notices,
            [WriteNotice::Restored {
                old: old.clone(),
                target: target.clone()
            }]
        );
        assert_eq!(page(&target), "three");
        assert_eq!(entries(dir.path()), ["public"]);
    }

    #[test]
    fn an_old_tree_that_cannot_be_removed_is_a_notice_and_never_blocks_later_builds() {
        let dir = tempfile::tempdir().unwrap();
        let (target, _, old) = folders(dir.path());
        build(&target, "one").unwrap();
        inject("remove", &old);
        let notices = build(&target, "two").unwrap();
        let leftover = WriteNotice::Leftover {
            path: old.clone(),
            reason: "injected failure".into(),
        };
        assert_eq!(notices, [leftover]);
        assert_eq!(
            notices[0].message(),
            "cannot remove this folder, left over from replacing the output: injected failure"
        );
        assert_eq!(page(&target), "two", "the new site is in place");
        assert_eq!(page(&old), "one");

        // Still stuck at the next build: it is named again, and that build uses another name.
        inject("remove", &old);
        let notices = build(&target, "three").unwrap();
        assert_eq!(notices.len(), 1);
        assert_eq!(page(&target), "three");
        assert_eq!(entries(dir.path()), [".public.folio-old", "public"]);

        // Once it can be removed, it goes.
        assert!(build(&target, "four").unwrap().is_empty());
        assert_eq!(page(&target), "four");
        assert_eq!(entries(dir.path()), ["public"]);
    }
}
