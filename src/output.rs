//! The built site in memory (output path -> bytes or a file to copy), and writing it atomically:
//! everything goes into a staging folder beside the target, which is then swapped into place, so
//! a failed or interrupted build never leaves a half-written site.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

#[derive(Debug, Clone)]
pub enum OutputFile {
    Bytes(Vec<u8>),
    Embedded(&'static [u8]),
    Copy(PathBuf),
}

/// Site-relative paths (`careers/pay/index.html`) to contents, sorted for determinism.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, OutputFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write the site into {0}: it holds the site's sources")]
    UnsafeTarget(PathBuf),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Output {
    pub fn insert(&mut self, path: String, file: OutputFile) {
        self.files.insert(path, file);
    }

    /// Writes every file under a staging folder, then swaps it with `target`.
    pub fn write_atomically(&self, target: &Path, site_root: &Path) -> Result<(), WriteError> {
        check_target(target, site_root)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let staging = parent.join(format!(".{name}.folio-staging"));
        let old = parent.join(format!(".{name}.folio-old"));
        for leftover in [&staging, &old] {
            if leftover.exists() {
                fs::remove_dir_all(leftover).map_err(io_err(leftover))?;
            }
        }
        if let Err(e) = self.write_all(&staging) {
            fs::remove_dir_all(&staging).ok();
            return Err(e);
        }
        swap(&staging, target, &old)
    }

    fn write_all(&self, dir: &Path) -> Result<(), WriteError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let mut dirs: Vec<PathBuf> = self
            .files
            .keys()
            .filter_map(|p| Path::new(p).parent().map(|d| dir.join(d)))
            .collect();
        dirs.dedup();
        for d in &dirs {
            fs::create_dir_all(d).map_err(io_err(d))?;
        }
        self.files.par_iter().try_for_each(|(rel, file)| {
            let path = dir.join(rel);
            match file {
                OutputFile::Bytes(bytes) => fs::write(&path, bytes),
                OutputFile::Embedded(bytes) => fs::write(&path, bytes),
                OutputFile::Copy(source) => fs::copy(source, &path).map(|_| ()),
            }
            .map_err(io_err(&path))
        })
    }
}

fn swap(staging: &Path, target: &Path, old: &Path) -> Result<(), WriteError> {
    if target.exists() {
        fs::rename(target, old).map_err(io_err(target))?;
    }
    if let Err(source) = fs::rename(staging, target) {
        if old.exists() {
            fs::rename(old, target).ok();
        }
        return Err(WriteError::Io {
            path: target.to_path_buf(),
            source,
        });
    }
    if old.exists() {
        fs::remove_dir_all(old).map_err(io_err(old))?;
    }
    Ok(())
}

/// The output folder is deleted and replaced, so it must never be the site or hold its sources.
fn check_target(target: &Path, site_root: &Path) -> Result<(), WriteError> {
    let absolute = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let target_abs = absolute(target);
    let root_abs = absolute(site_root);
    let sources = ["content", "templates", "static", "themes", "folio.toml"];
    if root_abs.starts_with(&target_abs)
        || sources
            .iter()
            .any(|s| target_abs.starts_with(root_abs.join(s)))
    {
        return Err(WriteError::UnsafeTarget(target.to_path_buf()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir_all(target.join("stale")).unwrap();
        fs::write(target.join("stale/index.html"), "old").unwrap();
        let mut output = Output::default();
        output.insert("a/index.html".into(), OutputFile::Bytes(b"new".to_vec()));
        output
            .write_atomically(&target, &dir.path().join("site"))
            .unwrap();
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("stale").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_to_overwrite_the_site_itself() {
        let dir = tempfile::tempdir().unwrap();
        let output = Output::default();
        assert!(matches!(
            output.write_atomically(dir.path(), dir.path()),
            Err(WriteError::UnsafeTarget(_))
        ));
        assert!(matches!(
            output.write_atomically(&dir.path().join("content"), dir.path()),
            Err(WriteError::UnsafeTarget(_))
        ));
    }
}
