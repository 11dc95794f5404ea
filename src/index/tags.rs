//! Each language's tags: the pages of each, newest first.

use std::collections::BTreeMap;

use super::{Page, Tag, newest_first};
use crate::languages::{Languages, TreeId};
use crate::slug::slugify;

/// The tags of every tree, by tree then name; each page learns its tags.
pub(super) fn collect_tags(pages: &mut [Page], languages: &Languages) -> Vec<Tag> {
    let mut by_slug: BTreeMap<(TreeId, String), Tag> = BTreeMap::new();
    for (id, page) in pages.iter().enumerate() {
        for name in &page.doc.meta.tags {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let key = (page.tree, slug.clone());
            let tag = by_slug.entry(key).or_insert_with(|| Tag {
                name: name.clone(),
                slug,
                tree: page.tree,
                tags_path: format!("{}tags/", languages.trees[page.tree].path),
                pages: Vec::new(),
            });
            if !tag.pages.contains(&id) {
                tag.pages.push(id);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug.into_values().collect();
    tags.sort_by(|a, b| {
        (a.tree.cmp(&b.tree))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then(a.slug.cmp(&b.slug))
    });
    for (tag_id, tag) in tags.iter_mut().enumerate() {
        newest_first(pages, &mut tag.pages);
        for &page in &tag.pages {
            pages[page].tags.push(tag_id);
        }
    }
    tags
}
