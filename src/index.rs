//! The site index: every page and section with its URL, the section tree, tags, neighbours and
//! the map from source files to URLs that link resolution needs. Metadata only: markdown is
//! rendered after this, when every link target is known.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Position};
use crate::discover::{ContentFiles, SECTION_INDEX};
use crate::document::{Documents, PageDoc, SectionDoc};
use crate::frontmatter::SortBy;
use crate::languages::{Languages, TreeId};
use crate::slug::slugify;

mod duplicates;
mod tags;
mod trees;

use duplicates::duplicate_outputs;
use tags::collect_tags;
use trees::{link_versions, section_path, tree_home, with_language_homes};

pub(crate) type PageId = usize;
pub(crate) type SectionId = usize;

#[derive(Debug)]
pub struct Page {
    pub doc: Arc<PageDoc>,
    /// Site-relative URL path without the base path: `careers/pay/`.
    pub path: String,
    pub section: SectionId,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
    pub tags: Vec<usize>,
    /// The language tree it is in (its section's).
    pub tree: TreeId,
    /// The language it is written in: its own `language:`, else its section's.
    pub language: String,
    /// Its versions in every language (itself among them), in `SiteIndex::page_versions`,
    /// when it has a translation or is one.
    pub versions: Option<usize>,
}

#[derive(Debug)]
pub struct Section {
    pub doc: SectionDoc,
    pub path: String,
    /// The section above it; `None` for the home page of each language.
    pub parent: Option<SectionId>,
    pub tree: TreeId,
    /// Its `_index.md`'s `language:`, else its parent's, else its tree's.
    pub language: String,
    /// As a page's, in `SiteIndex::section_versions`.
    pub versions: Option<usize>,
    /// Pages in the section's order.
    pub pages: Vec<PageId>,
    /// Subsections ordered by weight, then title.
    pub subsections: Vec<SectionId>,
}

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    /// Each language has its own tags, under its own path.
    pub tree: TreeId,
    /// Where the tree's tags are: `tags/`, `ru/tags/`.
    pub tags_path: String,
    /// Newest first.
    pub pages: Vec<PageId>,
}

impl Tag {
    pub fn path(&self) -> String {
        format!("{}{}/", self.tags_path, self.slug)
    }

    pub fn output_file(&self) -> String {
        output_file(&self.path())
    }
}

impl Page {
    /// The file the page is written to: `careers/pay/index.html`.
    pub fn output_file(&self) -> String {
        output_file(&self.path)
    }
}

impl Section {
    /// The file the section's (first) listing page is written to.
    pub fn output_file(&self) -> String {
        output_file(&self.path)
    }

    /// The section as messages name it: its `_index.md`, or its folder under `content/` when it
    /// has none.
    pub fn shown_path(&self) -> PathBuf {
        match &self.doc.index_path {
            Some(path) => path.clone(),
            None => Path::new("content").join(&self.doc.dir),
        }
    }
}

/// The file a page at the site-relative URL path `path` (`careers/pay/`, or `` for the home
/// page) is written to: every URL is a folder served by its `index.html`.
pub(crate) fn output_file(path: &str) -> String {
    format!("{path}index.html")
}

/// The site-relative path of page `number` (from 1) of a listing whose first page is at
/// `path`: page 1 at the listing's own path, the others under `page/N/` below it.
pub(crate) fn listing_page_path(path: &str, number: usize) -> String {
    if number == 1 {
        path.to_string()
    } else {
        format!("{path}page/{number}/")
    }
}

/// How many pages a listing of `entries` takes at `per_page` (`None`: all on one); one even
/// when there is nothing to list.
pub(crate) fn listing_pages(entries: usize, per_page: Option<usize>) -> usize {
    entries.div_ceil(per_page.unwrap_or(usize::MAX)).max(1)
}

/// A redirect page from an old URL to a page.
#[derive(Debug)]
pub struct Alias {
    pub output_file: String,
    pub target: PageId,
    /// The alias as written in the front matter, and where.
    pub written: String,
    pub position: Position,
}

/// What a source file became, so links to it resolve or explain why they cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Page(PageId),
    Section(SectionId),
    /// Left out of this build (draft or future date); the string says why.
    Excluded(String),
    /// Could not be loaded; its own error is reported already.
    Failed,
}

#[derive(Debug, Default)]
pub struct SiteIndex {
    pub base_path: String,
    pub languages: Languages,
    /// The home page of each tree of `languages`.
    pub homes: Vec<SectionId>,
    /// The pages that are translations of each other, each group in tree order.
    pub page_versions: Vec<Vec<PageId>>,
    pub section_versions: Vec<Vec<SectionId>>,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub tags: Vec<Tag>,
    pub aliases: Vec<Alias>,
    /// Content assets: (path relative to content/, site-relative output path).
    pub assets: Vec<(PathBuf, String)>,
    pub targets: HashMap<PathBuf, Target>,
    asset_paths: HashMap<PathBuf, String>,
}

/// What decides which pages are built.
#[derive(Debug, Clone, Copy)]
pub struct IndexOptions {
    pub include_drafts: bool,
    pub today: Date,
}

impl SiteIndex {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    pub fn home(&self) -> &Section {
        &self.sections[0]
    }

    /// The site-relative path of a tree's tag index: `tags/`, `ru/tags/`.
    pub fn tags_path(&self, tree: TreeId) -> String {
        format!("{}tags/", self.languages.trees[tree].path)
    }

    /// The site-relative path of a tree's Atom feed: `atom.xml`, `ru/atom.xml`.
    pub fn feed_path(&self, tree: TreeId) -> String {
        format!("{}atom.xml", self.languages.trees[tree].path)
    }

    /// Page `id` in every language it is written in, itself among them, in tree order; empty
    /// when it has no translation.
    pub fn page_versions(&self, id: PageId) -> &[PageId] {
        self.pages[id]
            .versions
            .map_or(&[], |group| &self.page_versions[group])
    }

    pub fn section_versions(&self, id: SectionId) -> &[SectionId] {
        self.sections[id]
            .versions
            .map_or(&[], |group| &self.section_versions[group])
    }

    /// The page of the default language that page `id` translates, if it is a translation.
    pub fn original(&self, id: PageId) -> Option<PageId> {
        let first = *self.page_versions(id).first()?;
        (first != id && self.pages[first].tree == 0).then_some(first)
    }

    /// The output file of every listing page after the first (of each section but the home
    /// page, and of each tag at `tags_per_page`), with what it is as messages name it.
    pub(crate) fn later_listing_files(
        &self,
        tags_per_page: Option<usize>,
    ) -> Vec<(String, String)> {
        let sections = self.sections.iter().skip(1).map(|s| {
            let what = format!("the listing of {}", s.shown_path().display());
            (s.path.clone(), s.pages.len(), s.doc.paginate_by, what)
        });
        let tags = self.tags.iter().map(|t| {
            let what = format!("the listing of tag `{}`", t.name);
            (t.path(), t.pages.len(), tags_per_page, what)
        });
        let mut files = Vec::new();
        for (path, entries, per_page, what) in sections.chain(tags) {
            for number in 2..=listing_pages(entries, per_page) {
                let file = output_file(&listing_page_path(&path, number));
                files.push((file, format!("page {number} of {what}")));
            }
        }
        files
    }

    /// The asset a content-relative path names, as a site-relative output path.
    pub fn asset_path(&self, source: &Path) -> Option<&str> {
        self.asset_paths.get(source).map(String::as_str)
    }
}

/// Builds the index; pages left out of the build are listed in `targets` as excluded.
pub fn build(
    docs: Documents,
    files: &ContentFiles,
    base_path: &str,
    languages: Languages,
    options: IndexOptions,
) -> (SiteIndex, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut targets = HashMap::new();
    let section_docs = with_language_homes(docs.sections, &languages);
    let (mut sections, section_of_dir) = place_sections(section_docs, &languages, &mut targets);
    targets.extend(docs.failed.iter().map(|p| (p.clone(), Target::Failed)));
    let placement = Placement {
        sections: &sections,
        section_of_dir: &section_of_dir,
        options,
    };
    let mut pages = placement.pages(docs.pages, &mut targets, &mut diagnostics);
    order_sections(&mut sections, &mut pages);
    let tags = collect_tags(&mut pages, &languages);
    let aliases = collect_aliases(&pages, &mut diagnostics);
    let (assets, asset_paths) = place_assets(files, &pages, &sections);
    let homes = (0..languages.trees.len())
        .map(|tree| tree_home(&sections, &languages, tree))
        .collect();
    let page_versions = link_versions(
        &languages,
        &mut pages,
        |p| p.doc.source.clone(),
        |p| p.tree,
        |p, g| p.versions = g,
    );
    let section_versions = link_versions(
        &languages,
        &mut sections,
        |s| s.doc.dir.clone(),
        |s| s.tree,
        |s, g| s.versions = g,
    );
    let index = SiteIndex {
        base_path: base_path.to_string(),
        languages,
        homes,
        page_versions,
        section_versions,
        sections,
        pages,
        tags,
        aliases,
        assets,
        targets,
        asset_paths,
    };
    diagnostics.extend(duplicate_outputs(&index));
    (index, diagnostics)
}

/// The sections sorted by folder, each linked to its parent and listed in `targets`, and the
/// section of each folder.
fn place_sections(
    docs: Vec<SectionDoc>,
    languages: &Languages,
    targets: &mut HashMap<PathBuf, Target>,
) -> (Vec<Section>, HashMap<PathBuf, SectionId>) {
    let mut sections: Vec<Section> = docs
        .into_iter()
        .map(|doc| {
            let tree = languages.tree_of(&doc.dir);
            Section {
                path: section_path(languages, tree, &doc.dir),
                tree,
                language: String::new(),
                versions: None,
                doc,
                parent: None,
                pages: Vec::new(),
                subsections: Vec::new(),
            }
        })
        .collect();
    sections.sort_by(|a, b| a.doc.dir.cmp(&b.doc.dir));
    let section_of_dir: HashMap<PathBuf, SectionId> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.doc.dir.clone(), i))
        .collect();
    for id in 0..sections.len() {
        let dir = &sections[id].doc.dir;
        let parent = match languages.is_root(dir) {
            true => None,
            false => dir.parent().and_then(|p| section_of_dir.get(p).copied()),
        };
        // Sorted by folder, so a parent comes before its subsections and has its language.
        let language = (sections[id].doc.language.clone())
            .or_else(|| parent.map(|p| sections[p].language.clone()))
            .unwrap_or_else(|| languages.trees[sections[id].tree].code.clone());
        let section = &mut sections[id];
        section.parent = parent;
        section.language = language;
        targets.insert(section.doc.dir.join(SECTION_INDEX), Target::Section(id));
    }
    (sections, section_of_dir)
}

/// What decides where pages go: their section, and whether the build leaves them out.
struct Placement<'a> {
    sections: &'a [Section],
    section_of_dir: &'a HashMap<PathBuf, SectionId>,
    options: IndexOptions,
}

impl Placement<'_> {
    /// The pages of the build with their section and URL path, each listed in `targets` (as
    /// excluded when left out).
    fn pages(
        &self,
        docs: Vec<Arc<PageDoc>>,
        targets: &mut HashMap<PathBuf, Target>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Page> {
        let mut pages = Vec::new();
        for doc in docs {
            if let Some(reason) = exclusion(&doc, self.options) {
                targets.insert(doc.source.clone(), Target::Excluded(reason));
                continue;
            }
            let Some(&section) = self.section_of_dir.get(&section_dir(&doc)) else {
                continue;
            };
            let Some(path) = page_path(&self.sections[section].path, &doc) else {
                diagnostics.push(
                    Diagnostic::error(
                        &doc.shown_path,
                        url_position(&doc),
                        "the file name gives an empty URL slug",
                    )
                    .with_code("F0401")
                    .with_help("rename the file or set `slug:` in the front matter"),
                );
                continue;
            };
            targets.insert(doc.source.clone(), Target::Page(pages.len()));
            let home = &self.sections[section];
            pages.push(Page {
                tree: home.tree,
                language: doc
                    .meta
                    .language
                    .clone()
                    .unwrap_or_else(|| home.language.clone()),
                versions: None,
                doc,
                path,
                section,
                prev: None,
                next: None,
                tags: Vec::new(),
            });
        }
        pages
    }
}

fn exclusion(doc: &PageDoc, options: IndexOptions) -> Option<String> {
    if options.include_drafts {
        return None;
    }
    if doc.meta.draft {
        return Some("is a draft".into());
    }
    doc.meta
        .date
        .filter(|d| *d > options.today)
        .map(|d| format!("is dated in the future ({})", d.day()))
}

/// The folder of the section a page belongs to (a page folder belongs to the folder above it).
fn section_dir(doc: &PageDoc) -> PathBuf {
    let parent = doc.source.parent().unwrap_or(Path::new(""));
    let dir = if doc.is_folder {
        parent.parent().unwrap_or(Path::new(""))
    } else {
        parent
    };
    dir.to_path_buf()
}

fn dir_path(dir: &Path) -> String {
    dir.components()
        .map(|c| format!("{}/", slugify(&c.as_os_str().to_string_lossy())))
        .collect()
}

fn page_path(section_path: &str, doc: &PageDoc) -> Option<String> {
    let name = if doc.is_folder {
        doc.source.parent().and_then(Path::file_name)
    } else {
        doc.source.file_stem()
    };
    let slug = match &doc.meta.slug {
        Some((slug, _)) => slug.clone(),
        None => slugify(
            &name
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    (!slug.is_empty()).then(|| format!("{section_path}{slug}/"))
}

/// Where what decides a page's URL is written: its `slug:`, else the file's first line (the
/// URL comes from its name, and `slug:` would go in the front matter there).
pub(crate) fn url_position(doc: &PageDoc) -> Position {
    doc.meta
        .slug
        .as_ref()
        .map_or(Position::new(1, 1), |(_, at)| *at)
}

fn order_sections(sections: &mut [Section], pages: &mut [Page]) {
    for (id, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(id);
    }
    let keys: Vec<(i64, String)> = sections
        .iter()
        .map(|s| (s.doc.weight, s.doc.title.to_lowercase()))
        .collect();
    for id in 0..sections.len() {
        if let Some(parent) = sections[id].parent {
            sections[parent].subsections.push(id);
        }
    }
    for section in sections.iter_mut() {
        section.subsections.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        let sort_by = section.doc.sort_by;
        section
            .pages
            .sort_by(|a, b| page_order(&pages[*a], &pages[*b], sort_by));
        for (i, &id) in section.pages.iter().enumerate() {
            pages[id].prev = i.checked_sub(1).map(|j| section.pages[j]);
            pages[id].next = section.pages.get(i + 1).copied();
        }
    }
}

fn page_order(a: &Page, b: &Page, sort_by: SortBy) -> std::cmp::Ordering {
    let (ma, mb) = (&a.doc.meta, &b.doc.meta);
    let by_title = || {
        ma.title
            .to_lowercase()
            .cmp(&mb.title.to_lowercase())
            .then(a.path.cmp(&b.path))
    };
    match sort_by {
        SortBy::Weight => ma.weight.cmp(&mb.weight).then_with(by_title),
        SortBy::Date => mb.date.cmp(&ma.date).then_with(by_title),
        SortBy::Title => by_title(),
    }
}

/// Newest first, then by title: the order of feeds, tag pages and "recent" lists.
pub(crate) fn newest_first(pages: &[Page], ids: &mut [PageId]) {
    ids.sort_by(|&a, &b| {
        let (pa, pb) = (&pages[a], &pages[b]);
        pb.doc
            .meta
            .date
            .cmp(&pa.doc.meta.date)
            .then(pa.doc.meta.title.cmp(&pb.doc.meta.title))
            .then(pa.path.cmp(&pb.path))
    });
}

fn collect_aliases(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for (id, page) in pages.iter().enumerate() {
        for (alias, position) in &page.doc.meta.aliases {
            let trimmed = alias.trim_start_matches('/');
            if trimmed.is_empty()
                || trimmed.split('/').any(|part| part == ".." || part == ".")
                || alias.contains("://")
            {
                diagnostics.push(
                    Diagnostic::error(
                        &page.doc.shown_path,
                        *position,
                        format!("invalid alias `{alias}`"),
                    )
                    .with_code("F0403")
                    .with_help("an alias is a path on this site, such as `/old/path/`"),
                );
                continue;
            }
            let output_file = if trimmed.ends_with(".html") {
                trimmed.to_string()
            } else {
                format!("{}/index.html", trimmed.trim_end_matches('/'))
            };
            aliases.push(Alias {
                output_file,
                target: id,
                written: alias.clone(),
                position: *position,
            });
        }
    }
    aliases
}

/// Places assets next to the output of the page or section whose folder holds them, so relative
/// links from the page keep working.
fn place_assets(
    files: &ContentFiles,
    pages: &[Page],
    sections: &[Section],
) -> (Vec<(PathBuf, String)>, HashMap<PathBuf, String>) {
    let folder_pages: HashMap<&Path, &str> = pages
        .iter()
        .filter(|p| p.doc.is_folder)
        .filter_map(|p| Some((p.doc.source.parent()?, p.path.as_str())))
        .collect();
    let section_paths: HashMap<&Path, &str> = sections
        .iter()
        .map(|s| (s.doc.dir.as_path(), s.path.as_str()))
        .collect();
    let mut assets = Vec::new();
    for asset in &files.assets {
        let owner = asset.ancestors().skip(1).find_map(|dir| {
            folder_pages
                .get(dir)
                .or_else(|| section_paths.get(dir))
                .map(|url| (dir, *url))
        });
        let Some((dir, url)) = owner else { continue };
        let rest = asset.strip_prefix(dir).unwrap_or(asset);
        let rest: Vec<String> = rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        assets.push((asset.clone(), format!("{url}{}", rest.join("/"))));
    }
    let map = assets.iter().cloned().collect();
    (assets, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_paths_are_slugified_folders() {
        assert_eq!(dir_path(Path::new("")), "");
        assert_eq!(
            dir_path(Path::new("Getting Started/Вопросы")),
            "getting-started/voprosy/"
        );
    }
}
