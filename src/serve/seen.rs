//! What the source files held when they were last seen, by hash, so events that leave a file as
//! it was (a save without changes, or one write the watcher reports in two bursts while a build
//! runs) do not start a rebuild: on a big site a needless one can take seconds.
//!
//! In: absolute paths from the watcher. Out: those whose contents changed, or that are not
//! plain files any more (removed, or folders), which are always kept.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::cache::Key;

#[derive(Debug, Default)]
pub(super) struct SeenContents {
    files: HashMap<PathBuf, Key>,
}

impl SeenContents {
    /// Keeps the paths whose contents differ from when they were last seen (or were never seen).
    pub(super) fn changed(&mut self, touched: Vec<PathBuf>) -> Vec<PathBuf> {
        touched
            .into_iter()
            .filter(|path| {
                let now = std::fs::read(path).ok().map(|bytes| Key::of(&[&bytes]));
                match now {
                    Some(key) => self.files.insert(path.clone(), key) != Some(key),
                    None => {
                        self.files.remove(path);
                        true
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_new_contents_count() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        let mut seen = SeenContents::default();
        std::fs::write(&file, "one").unwrap();
        assert_eq!(seen.changed(vec![file.clone()]), vec![file.clone()]);
        assert!(
            seen.changed(vec![file.clone()]).is_empty(),
            "the same bytes again"
        );
        std::fs::write(&file, "two").unwrap();
        assert_eq!(seen.changed(vec![file.clone()]), vec![file.clone()]);
        std::fs::remove_file(&file).unwrap();
        assert_eq!(
            seen.changed(vec![file.clone()]),
            vec![file.clone()],
            "removed"
        );
        assert_eq!(
            seen.changed(vec![dir.path().to_path_buf()]).len(),
            1,
            "a folder"
        );
    }
}
