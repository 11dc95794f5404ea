//! The language trees in the index: each language's home page, its sections' URLs below its
//! path, and the groups of pages (or sections) that are translations of each other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Section, SectionId, dir_path};
use crate::document::SectionDoc;
use crate::languages::{Languages, TreeId};

/// The sections with a home page for each language whose folder has no `_index.md` (or does
/// not exist yet), titled as folio.toml says.
pub(super) fn with_language_homes(
    mut docs: Vec<SectionDoc>,
    languages: &Languages,
) -> Vec<SectionDoc> {
    for tree in languages.trees.iter().skip(1) {
        let Some(dir) = &tree.dir else { continue };
        match docs.iter_mut().find(|d| &d.dir == dir) {
            Some(doc) if doc.index_path.is_none() => doc.title = tree.title.clone(),
            Some(_) => {}
            None => {
                let mut home = crate::document::implicit_section(dir, &tree.title);
                home.title = tree.title.clone();
                docs.push(home);
            }
        }
    }
    docs
}

/// A section's URL path: its folders, below its language's path.
pub(super) fn section_path(languages: &Languages, tree: TreeId, dir: &Path) -> String {
    let tree = &languages.trees[tree];
    let rest = tree
        .dir
        .as_deref()
        .map_or(dir, |d| dir.strip_prefix(d).unwrap_or(dir));
    format!("{}{}", tree.path, dir_path(rest))
}

pub(super) fn tree_home(sections: &[Section], languages: &Languages, tree: TreeId) -> SectionId {
    let dir = languages.trees[tree].dir.clone().unwrap_or_default();
    sections.iter().position(|s| s.doc.dir == dir).unwrap_or(0)
}

/// Groups the items (pages or sections) found at the same path in several trees, and gives
/// each grouped item its group's number; returns the groups, each in tree order.
pub(super) fn link_versions<T>(
    languages: &Languages,
    items: &mut [T],
    path: impl Fn(&T) -> PathBuf,
    tree: impl Fn(&T) -> TreeId,
    set: impl Fn(&mut T, Option<usize>),
) -> Vec<Vec<usize>> {
    if !languages.is_multilingual() {
        return Vec::new();
    }
    let mut by_key: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (id, item) in items.iter().enumerate() {
        by_key
            .entry(languages.key(&path(item)).to_path_buf())
            .or_default()
            .push(id);
    }
    let mut groups = Vec::new();
    for mut ids in by_key.into_values().filter(|ids| ids.len() > 1) {
        ids.sort_by_key(|&id| tree(&items[id]));
        for &id in &ids {
            set(&mut items[id], Some(groups.len()));
        }
        groups.push(ids);
    }
    groups
}
