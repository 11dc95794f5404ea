//! The persistent cache (`.folio-cache/` in the site's folder by default): results of costly
//! pure work (highlighted code blocks) stored on disk by a hash of everything that decides
//! them, so a second build, or CI with the folder restored, does not redo that work. Entries
//! live under a folder named after folio's version, so an upgrade never reads stale results;
//! folders of other versions are removed when a build opens the cache.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

/// The folder in the site's root a build uses unless told otherwise.
pub(crate) const DEFAULT_DIR: &str = ".folio-cache";

/// A stable 128-bit hash of some parts (the same on every machine and Rust version).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u128);

impl Key {
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut hasher = Xxh3::new();
        for part in parts {
            // The length first, so ("ab", "c") and ("a", "bc") differ.
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Key(hasher.digest128())
    }

    pub fn to_bytes(self) -> [u8; 16] {
        self.0.to_le_bytes()
    }

    /// 32 hex digits, as in file names and manifests.
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }

    pub fn from_hex(hex: &str) -> Option<Key> {
        u128::from_str_radix(hex, 16).ok().map(Key)
    }
}

/// One kind of cached result (`highlight`) in one version's folder.
#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    /// Opens (creating) `root/VERSION/kind`, and removes the folders other versions left.
    pub fn open(root: &Path, kind: &str) -> io::Result<DiskCache> {
        let version = env!("CARGO_PKG_VERSION");
        let dir = root.join(version).join(kind);
        fs::create_dir_all(&dir)?;
        for entry in fs::read_dir(root)?.flatten() {
            let name = entry.file_name();
            if name != version && entry.path().is_dir() {
                fs::remove_dir_all(entry.path()).ok();
            }
        }
        Ok(DiskCache { dir })
    }

    /// The entry stored under `key`, unless it is missing or was cut short.
    pub fn get(&self, key: Key) -> Option<String> {
        let mut text = fs::read_to_string(self.path(key)).ok()?;
        let value_len = text.strip_suffix(&Self::seal(key))?.len();
        text.truncate(value_len);
        Some(text)
    }

    /// Stores an entry; a cache that cannot be written only costs speed, so errors are dropped.
    pub fn put(&self, key: Key, value: &str) {
        // Written in place (a rename per entry doubled the cost of a first build); the seal at
        // the end tells a whole entry from one a crash cut short.
        fs::write(self.path(key), format!("{value}{}", Self::seal(key))).ok();
    }

    fn seal(key: Key) -> String {
        format!("\n\u{0}{}", key.hex())
    }

    fn path(&self, key: Key) -> PathBuf {
        self.dir.join(key.hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_finds_entries_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::open(dir.path(), "highlight").unwrap();
        let key = Key::of(&[b"python", b"print(1)\n"]);
        assert_eq!(cache.get(key), None);
        cache.put(key, "<span>print</span>");
        assert_eq!(cache.get(key).as_deref(), Some("<span>print</span>"));
        let other = Key::of(&[b"pytho", b"nprint(1)\n"]);
        assert_ne!(key, other);
        assert_eq!(cache.get(other), None);
    }

    #[test]
    fn an_entry_cut_short_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::open(dir.path(), "highlight").unwrap();
        let key = Key::of(&[b"x"]);
        cache.put(key, "<span>whole</span>");
        let path = cache.path(key);
        let whole = fs::read(&path).unwrap();
        fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert_eq!(cache.get(key), None);
    }

    #[test]
    fn other_versions_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("0.0.0-old/highlight")).unwrap();
        DiskCache::open(dir.path(), "highlight").unwrap();
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![env!("CARGO_PKG_VERSION").to_string()]);
    }
}
