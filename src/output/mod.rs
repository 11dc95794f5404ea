//! Where a build puts its files (`Sink`): in memory (output path -> bytes or a file to copy,
//! here), written as they are made into a staging folder that is swapped into place (`staging`),
//! or patched into a live output folder by watch mode (`patch`). Either way a failed or
//! interrupted build never leaves a half-written site. This module also holds the steps on the
//! target folder that staging and patching share: where side folders go, the check that the
//! target is safe to replace, and removing files with the folders they leave empty.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

mod patch;
mod recycle;
mod staging;
mod swap;

pub(crate) use patch::{Patch, Undo, Written};
pub(crate) use staging::{Reuse, Staging};
pub(crate) use swap::WriteNotice;

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
    #[error("refusing to write the site into {0}: it is a file, not a folder")]
    TargetIsAFile(PathBuf),
    #[error("cannot move the previous output {target} aside to {old}: {source}")]
    MoveAside {
        target: PathBuf,
        old: PathBuf,
        source: io::Error,
    },
    #[error("cannot move the new site from {staging} to {target}: {source}")]
    MoveIn {
        staging: PathBuf,
        target: PathBuf,
        source: io::Error,
        /// Whether there was a previous output (it was moved back).
        had_previous: bool,
    },
    #[error(
        "cannot move the new site from {staging} to {target}: {source}; nor move the previous output back from {old}: {back}"
    )]
    NotRestored {
        staging: PathBuf,
        target: PathBuf,
        old: PathBuf,
        source: io::Error,
        back: io::Error,
    },
}

impl WriteError {
    /// What to do about it, when the user can do something.
    pub(crate) fn help(&self) -> Option<&'static str> {
        match self {
            WriteError::Io { .. } | WriteError::MoveAside { .. } => None,
            WriteError::MoveIn { had_previous, .. } => Some(if *had_previous {
                "the previous output was moved back into place; check the folder's permissions"
            } else {
                "check the permissions of the folder that holds the output"
            }),
            WriteError::NotRestored { .. } => Some(
                "the previous output is in the folder named last: move it back by hand, or build again",
            ),
            WriteError::UnsafeTarget(_) => Some(
                "the output folder is replaced whole: give --output a folder of its own, such as `public/`",
            ),
            WriteError::TargetIsAFile(_) => {
                Some("give --output a folder (it is replaced whole); the file was left as it is")
            }
        }
    }

    /// Where the previous output is, when a failed swap could not leave it in place.
    pub(crate) fn previous_output_moved_to(&self) -> Option<&Path> {
        match self {
            WriteError::NotRestored { old, .. } => Some(old),
            _ => None,
        }
    }
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

    /// Writes every file under a staging folder, then swaps it with `target`; returns what the
    /// swap could not clean up.
    pub fn write_atomically(
        &self,
        target: &Path,
        site_root: &Path,
    ) -> Result<Vec<WriteNotice>, WriteError> {
        let staging = Staging::create(target, site_root, Reuse::Nothing)?;
        let written = self
            .files
            .par_iter()
            .try_for_each(|(rel, file)| staging.put(rel, file.clone()));
        match written {
            Ok(()) => staging.commit(),
            Err(e) => {
                staging.abandon();
                Err(e)
            }
        }
    }
}

/// Receives the files of a build as they are made, from any thread. A later file with the same
/// path replaces an earlier one.
pub trait Sink: Sync {
    fn put(&self, path: &str, file: OutputFile) -> Result<(), WriteError>;
}

/// Keeps the site in memory (`folio check`, tests, benchmarks).
impl Sink for Mutex<Output> {
    fn put(&self, path: &str, file: OutputFile) -> Result<(), WriteError> {
        if let Ok(mut output) = self.lock() {
            output.insert(path.to_string(), file);
        }
        Ok(())
    }
}

fn remove_file_if_present(path: &Path) -> Result<(), WriteError> {
    recycle::remove_if_present(path).map_err(io_err(path))
}

/// `.NAME.SUFFIX` beside `target`.
fn beside(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.{suffix}"))
}

/// Removes `target/rel`, then each folder above it that is left empty (as a clean build would
/// not make it).
fn remove_with_empty_parents(target: &Path, rel: &str) -> Result<(), WriteError> {
    let path = target.join(rel);
    remove_file_if_present(&path)?;
    remove_empty_folders(target, path.parent());
    Ok(())
}

/// Removes `dir` and each folder above it, up to `target`, while they are empty.
fn remove_empty_folders(target: &Path, mut dir: Option<&Path>) {
    while let Some(d) = dir.filter(|d| *d != target && d.starts_with(target)) {
        // Fails, harmlessly, as soon as a folder still holds something.
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The output folder is deleted and replaced, so it must be a folder (or nothing yet), and never
/// the site, a folder above it, a folder inside its sources, or another site.
fn check_target(target: &Path, site_root: &Path) -> Result<(), WriteError> {
    if target.exists() && !target.is_dir() {
        return Err(WriteError::TargetIsAFile(target.to_path_buf()));
    }
    let target_abs = absolute(target);
    let root_abs = absolute(site_root);
    let sources = ["content", "templates", "static", "themes", "folio.toml"];
    let holds_a_site =
        target_abs.join("folio.toml").exists() || target_abs.join("content").is_dir();
    if root_abs.starts_with(&target_abs)
        || holds_a_site
        || sources
            .iter()
            .any(|s| target_abs.starts_with(root_abs.join(s)))
    {
        return Err(WriteError::UnsafeTarget(target.to_path_buf()));
    }
    Ok(())
}

/// `path` made absolute and canonical as far as it exists: the nearest existing folder,
/// canonical, with the rest after it, so a target that does not exist yet compares the same as
/// one that does (`content/new` is inside `content/` before the first build too). `..` in the
/// part that does not exist is taken lexically.
fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while fs::canonicalize(&existing).is_err() {
        let Some(name) = existing.components().next_back() else {
            break;
        };
        rest.push(name.as_os_str().to_os_string());
        if !existing.pop() {
            break;
        }
    }
    let base = fs::canonicalize(if existing.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &existing
    })
    .unwrap_or(existing);
    let mut absolute = base;
    for part in rest.iter().rev() {
        match part.to_str() {
            Some("..") => {
                absolute.pop();
            }
            Some(".") => {}
            _ => absolute.push(part),
        }
    }
    absolute
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
        assert_eq!(entries(dir.path()), ["public"]);
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

    #[test]
    fn refuses_a_file_a_folder_not_made_yet_inside_the_sources_and_another_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        let refused = |target: &Path| check_target(target, &site).is_err();
        let notes = dir.path().join("notes.txt");
        fs::write(&notes, "keep me").unwrap();
        assert!(matches!(
            check_target(&notes, &site),
            Err(WriteError::TargetIsAFile(_))
        ));
        assert_eq!(fs::read_to_string(&notes).unwrap(), "keep me");
        assert!(refused(&site.join("content/not/made/yet")));
        assert!(refused(&site.join("static/out")));
        assert!(refused(&site.join("themes/t/out")));
        assert!(refused(&site.join("public/../content/x")));
        assert!(refused(dir.path()), "a folder above the site");
        let other = dir.path().join("other");
        fs::create_dir_all(other.join("content")).unwrap();
        assert!(refused(&other), "another site");
        assert!(!refused(&site.join("public")));
        assert!(!refused(&dir.path().join("out/not/made/yet")));
    }

    /// The names in `dir`: a write must leave nothing beside its target.
    pub(super) fn entries(dir: &Path) -> Vec<std::ffi::OsString> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect()
    }
}
