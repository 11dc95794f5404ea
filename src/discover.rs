//! Finds the files of a site's `content/` folder and sorts them into section indexes, pages
//! (single files or thread/page folders) and assets. Paths are relative to `content/`, and the
//! lists are sorted so every later stage is deterministic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Position};

pub(crate) const SECTION_INDEX: &str = "_index.md";
pub(crate) const FOLDER_INDEX: &str = "index.md";

/// A page's source: one markdown file, or a folder whose `index.md` is the page and whose other
/// markdown files are its answers (threads only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageSource {
    File(PathBuf),
    Folder {
        index: PathBuf,
        members: Vec<PathBuf>,
    },
}

impl PageSource {
    pub fn main_file(&self) -> &Path {
        match self {
            PageSource::File(path) => path,
            PageSource::Folder { index, .. } => index,
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ContentFiles {
    /// Every folder that holds pages or an `_index.md`, `""` being `content/` itself.
    pub section_dirs: Vec<PathBuf>,
    pub section_indexes: Vec<PathBuf>,
    pub pages: Vec<PageSource>,
    pub assets: Vec<PathBuf>,
}

/// Editor and system temporaries that must never become pages or trigger rebuilds: hidden files,
/// emacs lock and backup files, vim swap files and vim's `4913` write test.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// `.md` in any case: `NOTES.MD` is a page, not a file published with its front matter.
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// Walks `content_dir`. A missing folder is an error; unreadable entries are reported and skipped.
pub fn discover(content_dir: &Path, shown_as: &Path) -> (ContentFiles, Vec<Diagnostic>) {
    let mut files = ContentFiles::default();
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                shown_as,
                Position::FILE,
                "the content folder does not exist",
            )
            .with_code("F0404")
            .with_help("create it and put the site's markdown files there"),
        );
        return (files, diagnostics);
    }
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    let mut all = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if let Ok(rel) = e.path().strip_prefix(content_dir) {
                    all.push(rel.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map_or_else(
                    || shown_as.to_path_buf(),
                    |p| shown_as.join(p.strip_prefix(content_dir).unwrap_or(p)),
                );
                diagnostics.push(
                    Diagnostic::error(path, Position::FILE, format!("cannot read: {err}"))
                        .with_code("F0902"),
                );
            }
        }
    }
    classify(&all, &mut files);
    (files, diagnostics)
}

/// Sorts relative file paths (in walk order) into the parts of the content.
fn classify(all: &[PathBuf], files: &mut ContentFiles) {
    // Each folder page's folder, with its place among the folder pages in walk order.
    let folder_pages: HashMap<&Path, usize> = all
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == FOLDER_INDEX))
        .filter_map(|p| p.parent())
        .filter(|dir| !dir.as_os_str().is_empty())
        .enumerate()
        .map(|(order, dir)| (dir, order))
        .collect();
    // The folder page a file belongs to: of the folder pages above it, the first walked.
    let owning_folder = |path: &Path| {
        (path.ancestors().skip(1))
            .filter_map(|dir| folder_pages.get_key_value(dir))
            .min_by_key(|(_, order)| **order)
            .map(|(dir, _)| *dir)
    };
    let mut by_folder: HashMap<&Path, Vec<&PathBuf>> = HashMap::new();
    for path in all {
        by_folder
            .entry(path.parent().unwrap_or(Path::new("")))
            .or_default()
            .push(path);
    }
    let mut section_dirs = std::collections::BTreeSet::new();
    section_dirs.insert(PathBuf::new());
    for path in all {
        let parent = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(folder) = owning_folder(path) {
            let is_member = parent == folder && is_markdown(path) && name != FOLDER_INDEX;
            if name == FOLDER_INDEX && parent == folder {
                section_dirs.insert(folder.parent().unwrap_or(Path::new("")).to_path_buf());
                let members = (by_folder.get(folder).into_iter().flatten())
                    .filter(|p| is_markdown(p) && p.file_name().is_some_and(|n| n != FOLDER_INDEX))
                    .map(|p| (*p).clone())
                    .collect();
                files.pages.push(PageSource::Folder {
                    index: path.clone(),
                    members,
                });
            } else if !is_member {
                files.assets.push(path.clone());
            }
        } else if name == SECTION_INDEX {
            section_dirs.insert(parent);
            files.section_indexes.push(path.clone());
        } else if is_markdown(path) {
            section_dirs.insert(parent);
            files.pages.push(PageSource::File(path.clone()));
        } else {
            files.assets.push(path.clone());
        }
    }
    // A section's ancestors are sections too, so the tree has no gaps.
    let with_ancestors: Vec<PathBuf> = section_dirs
        .iter()
        .flat_map(|d| d.ancestors().map(Path::to_path_buf).collect::<Vec<_>>())
        .collect();
    section_dirs.extend(with_ancestors);
    files.section_dirs = section_dirs.into_iter().collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn sorts_files_into_sections_pages_folders_and_assets() {
        let mut files = ContentFiles::default();
        classify(
            &paths(&[
                "_index.md",
                "guide/_index.md",
                "guide/a.md",
                "guide/img.png",
                "qa/t/01-a.md",
                "qa/t/index.md",
                "qa/t/diagram.svg",
                "deep/er/x.md",
            ]),
            &mut files,
        );
        assert_eq!(
            files.section_indexes,
            paths(&["_index.md", "guide/_index.md"])
        );
        assert_eq!(
            files.pages,
            vec![
                PageSource::File("guide/a.md".into()),
                PageSource::Folder {
                    index: "qa/t/index.md".into(),
                    members: paths(&["qa/t/01-a.md"])
                },
                PageSource::File("deep/er/x.md".into()),
            ]
        );
        assert_eq!(files.assets, paths(&["guide/img.png", "qa/t/diagram.svg"]));
        assert_eq!(
            files.section_dirs,
            paths(&["", "deep", "deep/er", "guide", "qa"])
        );
    }

    #[test]
    fn markdown_extensions_are_any_case_and_nested_folders_belong_to_the_first_walked() {
        let mut files = ContentFiles::default();
        classify(
            &paths(&[
                "NOTES.MD",
                "a/index.md",
                "a/one.Md",
                "a/z/index.md",
                "a/z/two.md",
                "b/c/index.md",
                "b/c/x.md",
                "b/c/index.md.bak",
            ]),
            &mut files,
        );
        assert_eq!(
            files.pages,
            vec![
                PageSource::File("NOTES.MD".into()),
                PageSource::Folder {
                    index: "a/index.md".into(),
                    members: paths(&["a/one.Md"])
                },
                PageSource::Folder {
                    index: "b/c/index.md".into(),
                    members: paths(&["b/c/x.md"])
                },
            ]
        );
        // `a/z` is inside the folder page `a`, walked first: its files are `a`'s assets.
        assert_eq!(
            files.assets,
            paths(&["a/z/index.md", "a/z/two.md", "b/c/index.md.bak"])
        );
    }

    #[test]
    fn ignores_editor_temporaries() {
        for name in [
            ".x.swp",
            "x.md~",
            "#x.md#",
            ".#x.md",
            "4913",
            "x.md.swp",
            ".hidden.md",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("page.md"));
    }
}
