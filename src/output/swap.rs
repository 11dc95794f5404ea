//! Replacing the output folder by the staging folder: two renames (target -> `.X.folio-old`,
//! staging -> target), then the old tree goes. Every step can fail, or the process can be killed
//! between two of them, so each outcome is made true and said as it is: a first rename that
//! fails changes nothing; a second one that fails moves the old tree back (and if even that
//! fails, the error says where the previous output is); an old tree that cannot be removed once
//! the new site is in place is a warning, not a failure. A build finds what an interrupted or
//! half-failed one left: an old tree with no target is the previous output and is put back; a
//! side folder that cannot be removed is left where it is (and named) while this build uses
//! another name, so one stuck folder never fails every later build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{WriteError, beside, io_err};

/// Something a build that wrote the site did on the way, or could not clean up.
#[derive(Debug, PartialEq, Eq)]
pub enum WriteNotice {
    /// An interrupted build had moved the previous output to `old`; it was moved back first.
    Restored { old: PathBuf, target: PathBuf },
    /// A side folder (an earlier output, or an old staging folder) that cannot be removed.
    Leftover { path: PathBuf, reason: String },
}

impl WriteNotice {
    pub(crate) fn message(&self) -> String {
        match self {
            // Both are named by the folder's name: they sit side by side, and the diagnostic's
            // path (the target) says where.
            WriteNotice::Restored { old, target } => format!(
                "put the previous output back from {} into {}, where an interrupted build had left it",
                name(old),
                name(target)
            ),
            WriteNotice::Leftover { reason, .. } => {
                format!("cannot remove this folder, left over from replacing the output: {reason}")
            }
        }
    }

    pub(crate) fn help(&self) -> &'static str {
        match self {
            WriteNotice::Restored { .. } => {
                "nothing to do: the site was then built and written as usual"
            }
            WriteNotice::Leftover { .. } => {
                "the site was written; remove that folder by hand (later builds work around it until then)"
            }
        }
    }

    /// The diagnostic code: F0905 for a folder left over, F0906 for a restored output.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            WriteNotice::Leftover { .. } => "F0905",
            WriteNotice::Restored { .. } => "F0906",
        }
    }
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The staging and old folders a build may use beside `target`, after putting back a previous
/// output that an interrupted swap left aside.
pub(super) struct SideFolders {
    pub staging: PathBuf,
    pub old: PathBuf,
    pub notices: Vec<WriteNotice>,
}

/// How many other names a side folder may take while folders of its name cannot be removed.
const OTHER_NAMES: usize = 20;

impl SideFolders {
    pub(super) fn prepare(target: &Path) -> Result<SideFolders, WriteError> {
        let mut notices = Vec::new();
        let old = beside(target, "folio-old");
        if !target.exists() && old.is_dir() {
            // Killed between the two renames: `old` is the previous output, the target is gone.
            step::rename(&old, target).map_err(io_err(&old))?;
            notices.push(WriteNotice::Restored {
                old: old.clone(),
                target: target.to_path_buf(),
            });
        }
        let staging = free_folder(target, "folio-staging", &mut notices)?;
        let old = free_folder(target, "folio-old", &mut notices)?;
        Ok(SideFolders {
            staging,
            old,
            notices,
        })
    }
}

/// `.X.SUFFIX` beside `target` once any stale folder there is removed; where one cannot be, the
/// first of `.X.SUFFIX-2`, `-3`, … that can be had, with a notice naming each stuck folder.
fn free_folder(
    target: &Path,
    suffix: &str,
    notices: &mut Vec<WriteNotice>,
) -> Result<PathBuf, WriteError> {
    let names = std::iter::once(suffix.to_string())
        .chain((2..2 + OTHER_NAMES).map(|n| format!("{suffix}-{n}")));
    let mut last = None;
    for name in names {
        let path = beside(target, &name);
        if fs::symlink_metadata(&path).is_err() {
            return Ok(path);
        }
        match step::remove_dir_all(&path) {
            Ok(()) => return Ok(path),
            Err(e) => {
                notices.push(WriteNotice::Leftover {
                    path: path.clone(),
                    reason: e.to_string(),
                });
                last = Some((path, e));
            }
        }
    }
    let (path, source) = last.unwrap_or_else(|| (beside(target, suffix), io::Error::other("")));
    Err(WriteError::Io { path, source })
}

/// Puts `staging` in place of `target`, moving the target to `old` first. On failure the target
/// is as it was, or the error says where it is.
pub(super) fn swap(staging: &Path, target: &Path, old: &Path) -> Result<(), WriteError> {
    let had_target = target.exists();
    if had_target {
        step::rename(target, old).map_err(|source| WriteError::MoveAside {
            target: target.to_path_buf(),
            old: old.to_path_buf(),
            source,
        })?;
    }
    let Err(source) = step::rename(staging, target) else {
        return Ok(());
    };
    let not_moved_in = |source| WriteError::MoveIn {
        staging: staging.to_path_buf(),
        target: target.to_path_buf(),
        source,
        had_previous: had_target,
    };
    if !had_target {
        return Err(not_moved_in(source));
    }
    match step::rename(old, target) {
        Ok(()) => Err(not_moved_in(source)),
        Err(back) => Err(WriteError::NotRestored {
            staging: staging.to_path_buf(),
            target: target.to_path_buf(),
            old: old.to_path_buf(),
            source,
            back,
        }),
    }
}

/// Removes the replaced tree; the new site is in place whatever happens, so a failure is a
/// notice naming the folder.
pub(super) fn remove_old(old: &Path) -> Option<WriteNotice> {
    if fs::symlink_metadata(old).is_err() {
        return None;
    }
    let e = step::remove_dir_all(old).err()?;
    Some(WriteNotice::Leftover {
        path: old.to_path_buf(),
        reason: e.to_string(),
    })
}

/// The file-system calls of the swap, through which unit tests make a chosen step fail (as
/// root, permissions cannot).
pub(super) mod step {
    use std::io;
    use std::path::Path;

    pub(crate) fn rename(from: &Path, to: &Path) -> io::Result<()> {
        #[cfg(test)]
        faults::check("rename", from)?;
        std::fs::rename(from, to)
    }

    pub(crate) fn remove_dir_all(path: &Path) -> io::Result<()> {
        #[cfg(test)]
        faults::check("remove", path)?;
        std::fs::remove_dir_all(path)
    }

    #[cfg(test)]
    pub(crate) mod faults {
        use std::cell::RefCell;
        use std::io;
        use std::path::{Path, PathBuf};

        thread_local! {
            static FAULTS: RefCell<Vec<(&'static str, PathBuf)>> = const { RefCell::new(Vec::new()) };
        }

        /// Makes the next `op` ("rename" or "remove") on `path` in this thread fail.
        pub(crate) fn inject(op: &'static str, path: &Path) {
            FAULTS.with(|f| f.borrow_mut().push((op, path.to_path_buf())));
        }

        pub(super) fn check(op: &str, path: &Path) -> io::Result<()> {
            let hit = FAULTS.with(|f| {
                let mut faults = f.borrow_mut();
                let found = faults.iter().position(|(o, p)| *o == op && p == path);
                found.map(|i| faults.remove(i))
            });
            match hit {
                Some(_) => Err(io::Error::other("injected failure")),
                None => Ok(()),
            }
        }
    }
}
