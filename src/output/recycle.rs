//! The previous output, kept for the next build. When a build's staging folder is swapped in,
//! the tree it replaces is not deleted but kept beside the target (`.NAME.folio-spare/tree`),
//! with a manifest of what folio wrote into it. The next build writes into that tree instead of
//! a fresh one: its folders already exist, and a file whose bytes it already holds is left as
//! it is. On ext4, making one folder per page and deleting the old tree were most of a second
//! build's time; unchanged files are hard links shared by both trees, so the spare costs little
//! disk.
//!
//! A manifest is trusted file by file only where the file on disk still has the size, the
//! modification time and the inode recorded when folio wrote it; anything else in the tree
//! (a file someone changed or added) is rewritten or removed, so the result is always exactly
//! what a build into an empty folder makes.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::cache::Key;

/// How a file on disk looked right after folio wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified_ns: i128,
    inode: u64,
}

impl Stamp {
    pub(super) fn of(metadata: &fs::Metadata) -> Stamp {
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Stamp {
            len: metadata.len(),
            modified_ns,
            inode: inode(metadata),
        }
    }
}

#[cfg(unix)]
fn inode(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

/// A file folio wrote: the hash of its bytes, and its stamp right after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub key: Key,
    pub stamp: Stamp,
}

/// What folio wrote into a tree, by site-relative path (`a/index.html`).
pub(super) type Manifest = HashMap<String, Entry>;

/// One line a file: `KEY LEN MODIFIED INODE PATH`, the path last, as it may hold spaces.
fn manifest_text(manifest: &Manifest) -> String {
    let mut lines: Vec<String> = (manifest.iter())
        .map(|(rel, e)| {
            let s = e.stamp;
            let key = e.key.hex();
            format!("{key} {} {} {} {rel}\n", s.len, s.modified_ns, s.inode)
        })
        .collect();
    lines.sort_unstable();
    lines.concat()
}

/// Reads `manifest_text`; a line that does not parse is left out (its file is then rewritten).
fn parse_manifest(text: &str) -> Manifest {
    let entry = |line: &str| {
        let mut parts = line.splitn(5, ' ');
        let key = Key::from_hex(parts.next()?)?;
        let stamp = Stamp {
            len: parts.next()?.parse().ok()?,
            modified_ns: parts.next()?.parse().ok()?,
            inode: parts.next()?.parse().ok()?,
        };
        let rel = parts.next().filter(|r| !r.is_empty())?;
        Some((rel.to_string(), Entry { key, stamp }))
    };
    text.lines().filter_map(entry).collect()
}

/// The folder beside the target that keeps the spare tree and the manifests.
pub(super) struct SpareFolder {
    pub root: PathBuf,
}

/// A spare tree taken as the staging folder: what it holds, and which of its files' bytes are
/// known.
#[derive(Debug, Default)]
pub(super) struct Recycled {
    /// Every file in the tree; `Some` where the manifest still vouches for its bytes.
    pub files: HashMap<String, Option<Entry>>,
    /// Every folder in the tree (handed to the staging folder as ones it need not make).
    pub dirs: HashSet<PathBuf>,
    /// Folders with nothing in them (a build never makes one), and files the build cannot
    /// name (not UTF-8): they go.
    pub empty_dirs: Vec<PathBuf>,
    pub strays: Vec<PathBuf>,
}

impl SpareFolder {
    pub(super) fn beside(target: &Path) -> SpareFolder {
        SpareFolder {
            root: super::beside(target, "folio-spare"),
        }
    }

    fn tree(&self) -> PathBuf {
        self.root.join("tree")
    }

    fn tree_manifest(&self) -> PathBuf {
        self.root.join("tree.manifest")
    }

    fn output_manifest(&self) -> PathBuf {
        self.root.join("output.manifest")
    }

    /// What folio wrote into the target the last time (unchecked: use `known_bytes`).
    pub(super) fn output_manifest_entries(&self) -> Manifest {
        read_manifest(&self.output_manifest())
    }

    /// Moves the spare tree to `staging` (which must not exist) and lists what it holds.
    /// `None` when there is no spare tree.
    pub(super) fn take_tree(&self, staging: &Path) -> io::Result<Option<Recycled>> {
        let tree = self.tree();
        if !tree.is_dir() {
            return Ok(None);
        }
        let manifest = read_manifest(&self.tree_manifest());
        // From here the manifest no longer describes a spare tree.
        remove_if_present(&self.tree_manifest())?;
        fs::rename(&tree, staging)?;
        Ok(Some(list_tree(staging, &manifest)))
    }

    /// After a swap: `old_output` (the tree the target held) becomes the spare tree, and
    /// `written` is what the target holds now.
    pub(super) fn keep(&self, old_output: &Path, written: &Manifest) -> io::Result<()> {
        self.install_tree(old_output)?;
        absent_is_fine(fs::rename(self.output_manifest(), self.tree_manifest()))?;
        self.save_output_manifest(written)
    }

    /// Records what the target holds (when there was no previous tree to keep).
    pub(super) fn save_output_manifest(&self, written: &Manifest) -> io::Result<()> {
        fs::create_dir_all(&self.root)?;
        write_replacing(&self.output_manifest(), manifest_text(written).as_bytes())
    }

    /// Puts a staging tree back as the spare one, after a build that failed.
    pub(super) fn put_back(&self, staging: &Path, holds: &Manifest) -> io::Result<()> {
        self.install_tree(staging)?;
        write_replacing(&self.tree_manifest(), manifest_text(holds).as_bytes())
    }

    /// Moves `from` to be the spare tree, replacing any there.
    fn install_tree(&self, from: &Path) -> io::Result<()> {
        fs::create_dir_all(&self.root)?;
        let tree = self.tree();
        if tree.exists() {
            fs::remove_dir_all(&tree)?;
        }
        fs::rename(from, &tree)
    }

    /// Forgets everything kept (a build told to reuse nothing).
    pub(super) fn remove(&self) -> io::Result<()> {
        absent_is_fine(fs::remove_dir_all(&self.root))
    }
}

/// The bytes' hash, if `manifest` vouches for the file at `path` (named `rel` in it).
pub(super) fn known_bytes(manifest: &Manifest, rel: &str, path: &Path) -> Option<Key> {
    let entry = manifest.get(rel)?;
    let stamp = Stamp::of(&fs::symlink_metadata(path).ok()?);
    (stamp == entry.stamp).then_some(entry.key)
}

fn read_manifest(path: &Path) -> Manifest {
    fs::read_to_string(path)
        .map(|text| parse_manifest(&text))
        .unwrap_or_default()
}

pub(super) fn remove_if_present(path: &Path) -> io::Result<()> {
    absent_is_fine(fs::remove_file(path))
}

/// A removal or rename of something that is not there has nothing left to do.
fn absent_is_fine(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes beside, then renames, so a manifest is never read half-written.
fn write_replacing(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let partial = path.with_extension("partial");
    fs::write(&partial, bytes)?;
    fs::rename(&partial, path)
}

/// Every file and folder under `tree`, and the bytes the manifest vouches for.
fn list_tree(tree: &Path, manifest: &Manifest) -> Recycled {
    let mut recycled = Recycled::default();
    let mut parents = HashSet::new();
    for entry in walkdir::WalkDir::new(tree)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        if let Some(parent) = path.parent() {
            parents.insert(parent.to_path_buf());
        }
        if entry.file_type().is_dir() {
            recycled.dirs.insert(path.to_path_buf());
            continue;
        }
        let Some(rel) = site_relative(tree, path) else {
            recycled.strays.push(path.to_path_buf());
            continue;
        };
        let known = (manifest.get(&rel))
            .filter(|e| entry.metadata().is_ok_and(|m| Stamp::of(&m) == e.stamp))
            .copied();
        recycled.files.insert(rel, known);
    }
    recycled.empty_dirs = (recycled.dirs.iter())
        .filter(|d| !parents.contains(*d))
        .cloned()
        .collect();
    recycled
}

/// `a/index.html` for `TREE/a/index.html`: the form the build names files by.
fn site_relative(tree: &Path, path: &Path) -> Option<String> {
    let parts: Vec<&str> = (path.strip_prefix(tree).ok()?.components())
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_was_written_and_skips_broken_lines() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "x").unwrap();
        let stamp = Stamp::of(&fs::metadata(&file).unwrap());
        let entry = Entry {
            key: Key::of(&[b"x"]),
            stamp,
        };
        let manifest: Manifest = [("a b/index.html".to_string(), entry)].into();
        let text = manifest_text(&manifest) + "not a line\n";
        assert_eq!(parse_manifest(&text), manifest);
        assert_eq!(
            known_bytes(&manifest, "a b/index.html", &file),
            Some(entry.key)
        );
        fs::write(&file, "y").unwrap();
        assert_eq!(
            known_bytes(&manifest, "a b/index.html", &file),
            None,
            "a file changed since is not vouched for"
        );
    }
}
