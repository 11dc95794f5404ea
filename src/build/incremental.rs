//! Watch-mode rebuilds. A `Session` keeps what its last build loaded, indexed and rendered; each
//! rebuild redoes only what the changed files affect, and writes only the output files whose
//! bytes changed (`output::Patch`). The result is the same, byte for byte, as a clean build of
//! the same files (tests/testsuite/incremental.rs checks it over random edit sequences).
//!
//! - A change to the body of pages (the usual save) re-reads and re-renders those pages and
//!   writes them, plus the listings and feeds when what they show of a page changed.
//! - Anything that can move pages or change what other pages show (front matter, files added or
//!   removed, `_index.md`, templates, static files) re-indexes and re-templates every page, but
//!   reuses the rendered markdown of every page whose source and link targets did not change.
//! - folio.toml, a `[highlight]` folder, or the passing of a page's date start over.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::{BuildOptions, Built, Setup, content_root, index_options, load_theme, sorted, summary};
use crate::cache::Key;
use crate::content::{
    self, Findings, PageHtml, RenderedContent, RenderedPage, render_page, render_sections,
};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::discover::{ContentFiles, PageSource, discover};
use crate::document::{
    ContentRoot, Documents, PageDoc, PageLoad, SectionDoc, assemble, default_kind, load_page,
    load_sections,
};
use crate::frontmatter::Kind;
use crate::i18n::Locales;
use crate::index::{self, PageId, SiteIndex, Target};
use crate::output::Written;
use crate::sanitize::Sanitizer;
use crate::views::PageSummary;

mod write;

use write::Early;

/// What changed since the last rebuild, as the watcher saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// folio.toml, or a folder `[highlight]` names: everything starts over.
    pub config: bool,
    /// Templates or static files, the site's or its theme's.
    pub theme: bool,
    /// Files and folders under `content/`, relative to it.
    pub content: BTreeSet<PathBuf>,
}

/// A site kept in memory between rebuilds, writing into one output folder it owns.
pub struct Session {
    options: BuildOptions,
    memo: Option<Memo>,
    /// What the output folder holds.
    written: Written,
    unwritten: Unwritten,
}

/// Work a rebuild did in memory that has not reached the output folder yet: a failed rebuild
/// writes nothing, so its work waits for the next one that succeeds.
#[derive(Debug, Default)]
struct Unwritten {
    everything: bool,
    listings: bool,
    /// Pages by main file (relative to `content/`).
    pages: BTreeSet<PathBuf>,
    /// Content assets (relative to `content/`).
    assets: BTreeSet<PathBuf>,
}

impl Unwritten {
    fn merge(&mut self, other: Unwritten) {
        self.everything |= other.everything;
        self.listings |= other.listings;
        self.pages.extend(other.pages);
        self.assets.extend(other.assets);
    }
}

/// Changed content files, sorted by what they are.
#[derive(Default)]
struct ContentChanges {
    /// Pages (by main file) whose files changed.
    reload: BTreeSet<PathBuf>,
    /// Files added or removed: the file list must be found again.
    structural: bool,
    sections_changed: bool,
    assets: BTreeSet<PathBuf>,
}

/// One page's source as last loaded.
struct Loaded {
    source: PageSource,
    /// The kind its section gave it when it was loaded.
    kind: Kind,
    result: PageLoad,
}

/// Everything the last rebuild knew, each part from the one before it.
struct Memo {
    setup: Setup,
    today: Date,
    content: ContentRoot,
    files: ContentFiles,
    /// Each file of a page (its main file, a thread folder's answers) -> the page's main file.
    page_files: HashMap<PathBuf, PathBuf>,
    discover_warnings: Vec<Diagnostic>,
    sections: Vec<SectionDoc>,
    section_diagnostics: Vec<Diagnostic>,
    loads: HashMap<PathBuf, Loaded>,
    index: SiteIndex,
    index_diagnostics: Vec<Diagnostic>,
    /// A hash of what rendered markdown depends on in the index: link targets and page ids.
    links: Key,
    rendered: RenderedContent,
    /// Each page's HTML, in index order beside its digest in `rendered`.
    page_html: Vec<PageHtml>,
    page_findings: Vec<Findings>,
    section_findings: Vec<Findings>,
    /// What the languages of `index`'s pages need, made with it.
    locales: Locales,
}

impl Session {
    /// A session writing into `options.output_dir()`, which it empties on its first rebuild.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            memo: None,
            written: Written::new(),
            unwritten: Unwritten::default(),
        }
    }

    /// A new session with the same options, for after a rebuild that stopped half way: it
    /// builds everything again and replaces whatever the output folder holds.
    pub fn restarted(&self) -> Session {
        Session::new(self.options.clone())
    }

    /// Brings the output folder up to date after `changes` (the first rebuild builds all).
    /// On error the folder is left as it was and the work waits for the next rebuild.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Built, Vec<Diagnostic>> {
        self.rebuild_open_first(changes, &[], &mut |_| {})
    }

    /// Like `rebuild`, but when every page must be rendered again (a template, front matter
    /// or added page changed), first writes the pages at `open` (URL paths of pages open in a
    /// browser) and calls `early` with their URLs, so those can reload at once while the rest
    /// is rendered (as Hugo's fast render mode). If the rest then fails, they are put back.
    pub fn rebuild_open_first(
        &mut self,
        changes: &Changes,
        open: &[String],
        early: &mut dyn FnMut(&[String]),
    ) -> Result<Built, Vec<Diagnostic>> {
        let started = Instant::now();
        let memo = update(&mut self.memo, &mut self.unwritten, &self.options, changes)?;
        let diagnostics = memo.diagnostics(&self.options);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(sorted(diagnostics));
        }
        if self.written.is_empty() {
            // What the folder holds is unknown (the first rebuild, or a failed commit).
            self.unwritten.everything = true;
        }
        let present = std::mem::take(&mut self.written);
        let first = Early { open, early };
        let (written, result) = memo.write(&self.options, present, &self.unwritten, first);
        self.written = written;
        result.map_err(|mut errors| {
            errors.extend(diagnostics.iter().cloned());
            sorted(errors)
        })?;
        self.unwritten = Unwritten::default();
        Ok(Built {
            summary: summary(&memo.index, self.written.len(), started),
            warnings: sorted(diagnostics),
        })
    }
}

/// Rendered pages by main file, with the document each was rendered from.
type Reusable = HashMap<PathBuf, (Arc<PageDoc>, (RenderedPage, Findings))>;

/// Updates the memo for `changes`, or starts over when there is none to update (or the
/// configuration changed or a page's date passed); adds what must be written again to `unwritten`.
fn update<'a>(
    slot: &'a mut Option<Memo>,
    unwritten: &mut Unwritten,
    options: &BuildOptions,
    changes: &Changes,
) -> Result<&'a Memo, Vec<Diagnostic>> {
    let today = Date::today();
    let previous = slot
        .take()
        .filter(|m| !changes.config && !m.dates_passed(today));
    let (memo, more) = match previous {
        Some(mut memo) => {
            memo.today = today;
            let more = memo.apply(options, changes)?;
            (memo, more)
        }
        None => {
            let everything = Unwritten {
                everything: true,
                ..Unwritten::default()
            };
            (Memo::load(options, today)?, everything)
        }
    };
    unwritten.merge(more);
    Ok(slot.insert(memo))
}

impl Memo {
    fn load(options: &BuildOptions, today: Date) -> Result<Memo, Vec<Diagnostic>> {
        let setup = Setup::load(options)?;
        let content = content_root(options);
        let (files, discover_warnings) = discover_files(&content)?;
        let (sections, section_diagnostics) = load_sections(&content, &files, &setup.config.title);
        let mut memo = Memo {
            setup,
            today,
            page_files: page_files(&files),
            content,
            files,
            discover_warnings,
            sections,
            section_diagnostics,
            loads: HashMap::new(),
            index: SiteIndex::default(),
            index_diagnostics: Vec::new(),
            links: Key::of(&[]),
            rendered: RenderedContent::default(),
            page_html: Vec::new(),
            page_findings: Vec::new(),
            section_findings: Vec::new(),
            locales: Locales::built_in(),
        };
        memo.load_pages(&BTreeSet::new(), true);
        memo.reindex(options);
        Ok(memo)
    }

    /// Whether a page's date passed since the memo was made: it is no longer scheduled (or,
    /// without drafts, no longer left out), which can change every listing.
    fn dates_passed(&self, now: Date) -> bool {
        (self.loads.values())
            .filter_map(|loaded| loaded.result.as_ref().ok()?.meta.date)
            .any(|date| date > self.today && date <= now)
    }

    /// Takes `changes` in; returns what must be written again.
    fn apply(
        &mut self,
        options: &BuildOptions,
        changes: &Changes,
    ) -> Result<Unwritten, Vec<Diagnostic>> {
        let mut unwritten = Unwritten::default();
        if changes.theme {
            self.setup.theme = load_theme(options, &self.setup.config);
            unwritten.everything = true;
            if self.setup.locales(&self.index) != self.locales {
                // The translation files changed the labels content is rendered with: no
                // rendered page can be reused.
                self.links = Key::of(&[b"labels changed"]);
            }
        }
        let ContentChanges {
            reload,
            structural,
            mut sections_changed,
            assets,
        } = self.sort_changes(&changes.content);
        unwritten.assets = assets;
        if structural {
            let (files, warnings) = discover_files(&self.content)?;
            self.page_files = page_files(&files);
            self.files = files;
            self.discover_warnings = warnings;
            sections_changed = true;
        }
        if sections_changed {
            (self.sections, self.section_diagnostics) =
                load_sections(&self.content, &self.files, &self.setup.config.title);
        }
        self.load_pages(&reload, structural || sections_changed);
        if !structural && !sections_changed && !changes.theme {
            if let Some(listings) = self.patch_bodies(&reload) {
                unwritten.listings = listings;
                // A translation says whether its original changed since it was translated.
                let versions = self.other_versions(&reload);
                unwritten.pages = reload;
                unwritten.pages.extend(versions);
                return Ok(unwritten);
            }
        }
        self.reindex(options);
        unwritten.everything = true;
        Ok(unwritten)
    }

    /// What the changed content files are to the site as it was.
    fn sort_changes(&self, paths: &BTreeSet<PathBuf>) -> ContentChanges {
        let mut sorted = ContentChanges::default();
        for path in paths {
            if !self.content.dir.join(path).is_file() {
                // Removed, or a folder: which pages exist may have changed.
                sorted.structural = true;
            } else if let Some(main) = self.page_files.get(path) {
                sorted.reload.insert(main.clone());
            } else if self.files.section_indexes.contains(path) {
                sorted.sections_changed = true;
            } else if self.files.assets.contains(path) {
                sorted.assets.insert(path.clone());
            } else {
                sorted.structural = true;
            }
        }
        sorted
    }

    /// Loads the pages named in `reload` again. With `everything`, also goes through every
    /// page of `files`: loads the new ones and those whose section now gives them another kind,
    /// drops the removed ones, keeps the rest.
    fn load_pages(&mut self, reload: &BTreeSet<PathBuf>, everything: bool) {
        let mut to_load = Vec::new();
        if everything {
            let mut previous = std::mem::take(&mut self.loads);
            for source in &self.files.pages {
                let main = source.main_file().to_path_buf();
                let kind = default_kind(&self.sections, &main);
                match previous.remove(&main) {
                    Some(old)
                        if old.source == *source && old.kind == kind && !reload.contains(&main) =>
                    {
                        self.loads.insert(main, old);
                    }
                    _ => to_load.push((source.clone(), kind)),
                }
            }
        } else {
            to_load.extend(
                (reload.iter())
                    .filter_map(|main| self.loads.get(main))
                    .map(|old| (old.source.clone(), old.kind)),
            );
        }
        let content = &self.content;
        let loaded: Vec<Loaded> = to_load
            .into_par_iter()
            .map(|(source, kind)| Loaded {
                result: load_page(content, &source, kind),
                source,
                kind,
            })
            .collect();
        for page in loaded {
            self.loads
                .insert(page.source.main_file().to_path_buf(), page);
        }
    }

    /// The fast path: when every page in `reload` is a built page whose front matter did not
    /// change, puts the new bodies into the index and renders those pages again. Returns whether
    /// the listings must be written again, or `None` when the index itself must be rebuilt.
    fn patch_bodies(&mut self, reload: &BTreeSet<PathBuf>) -> Option<bool> {
        let mut patches = Vec::new();
        for main in reload {
            let Some(Target::Page(id)) = self.index.targets.get(main) else {
                return None;
            };
            let Ok(doc) = &self.loads.get(main)?.result else {
                return None;
            };
            let old = &self.index.pages[*id].doc;
            let same_place =
                old.meta == doc.meta && old.kind() == doc.kind() && old.is_folder == doc.is_folder;
            if !same_place {
                return None;
            }
            patches.push((*id, doc.clone()));
        }
        let shown = |memo: &Memo, id: PageId| {
            let views = memo.setup.views(&memo.index, memo.today, &memo.locales);
            views.summary(id, &memo.rendered.pages[id])
        };
        // What listings showed, before the new bodies (a thread's answers, say) replace the old.
        let before: Vec<PageSummary> = patches.iter().map(|(id, _)| shown(self, *id)).collect();
        for (id, doc) in &patches {
            self.index.pages[*id].doc = doc.clone();
        }
        let sanitizer = Sanitizer::default();
        let tools = self.setup.tools(&self.index, &sanitizer, &self.locales);
        let fresh: Vec<(PageId, (RenderedPage, Findings))> = patches
            .par_iter()
            .map(|(id, _)| (*id, render_page(tools, &self.index.pages[*id])))
            .collect();
        for (id, (page, findings)) in fresh {
            self.rendered.pages[id] = page.digest;
            self.page_html[id] = page.html;
            self.page_findings[id] = findings;
        }
        let after = patches.iter().map(|(id, _)| shown(self, *id));
        Some(before.into_iter().ne(after))
    }

    /// The main files of the other language versions of the pages of `mains`.
    fn other_versions(&self, mains: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
        let index = &self.index;
        (mains.iter())
            .filter_map(|main| match index.targets.get(main) {
                Some(Target::Page(id)) => Some(*id),
                _ => None,
            })
            .flat_map(|id| index.page_versions(id).iter().filter(move |&&v| v != id))
            .map(|&v| index.pages[v].doc.source.clone())
            .collect()
    }

    /// Rebuilds the index from the loaded pages, and renders every page and section whose
    /// source or link targets changed.
    fn reindex(&mut self, options: &BuildOptions) {
        let loads = self.files.pages.iter().filter_map(|source| {
            let loaded = self.loads.get(source.main_file())?;
            Some((source, loaded.result.clone()))
        });
        let (pages, failed, _) = assemble(loads);
        let documents = Documents {
            sections: self.sections.clone(),
            pages,
            failed,
        };
        let (mut index, mut index_diagnostics) = index::build(
            documents,
            &self.files,
            &self.setup.config.base_path(),
            crate::languages::Languages::of(&self.setup.config),
            index_options(options, self.today),
        );
        let theme = self.setup.theme.as_ref().ok();
        let config = &self.setup.config;
        let dropped = super::owners::claim_outputs(&mut index, theme, config, &options.root);
        index_diagnostics.extend(dropped);
        let links = link_targets(&index);
        let mut reusable = self.reusable_pages(links);
        let slots: Vec<Option<(RenderedPage, Findings)>> = (index.pages.iter())
            .map(|page| {
                let (doc, rendered) = reusable.remove(&page.doc.source)?;
                Arc::ptr_eq(&doc, &page.doc).then_some(rendered)
            })
            .collect();
        let sanitizer = Sanitizer::default();
        let locales = self.setup.locales(&index);
        let tools = self.setup.tools(&index, &sanitizer, &locales);
        let (pages, page_findings): (Vec<_>, Vec<_>) = slots
            .into_par_iter()
            .enumerate()
            .map(|(id, slot)| slot.unwrap_or_else(|| render_page(tools, &index.pages[id])))
            .unzip();
        let (digests, html) = pages.into_iter().map(|p| (p.digest, p.html)).unzip();
        let (sections, section_findings): (Vec<_>, Vec<_>) =
            render_sections(tools).into_iter().unzip();
        self.rendered = RenderedContent {
            pages: digests,
            sections,
        };
        self.page_html = html;
        self.page_findings = page_findings;
        self.section_findings = section_findings;
        self.index = index;
        self.locales = locales;
        self.index_diagnostics = index_diagnostics;
        self.links = links;
    }

    /// The rendered pages that stay right under an index whose link targets hash to `links`,
    /// by main file, with the document each was rendered from.
    fn reusable_pages(&mut self, links: Key) -> Reusable {
        if links != self.links {
            return HashMap::new();
        }
        let digests = std::mem::take(&mut self.rendered.pages);
        let html = std::mem::take(&mut self.page_html);
        let findings = std::mem::take(&mut self.page_findings);
        let pages =
            (digests.into_iter().zip(html)).map(|(digest, html)| RenderedPage { digest, html });
        (self.index.pages.iter())
            .zip(pages.zip(findings))
            .map(|(page, rendered)| (page.doc.source.clone(), (page.doc.clone(), rendered)))
            .collect()
    }

    /// Every diagnostic the site has now, as a clean build would report them.
    fn diagnostics(&self, options: &BuildOptions) -> Vec<Diagnostic> {
        let mut all = self.discover_warnings.clone();
        all.extend(self.section_diagnostics.iter().cloned());
        for source in &self.files.pages {
            if let Some(Loaded {
                result: Err(ds), ..
            }) = self.loads.get(source.main_file())
            {
                all.extend(ds.iter().cloned());
            }
        }
        all.extend(self.index_diagnostics.iter().cloned());
        if let Err(errors) = &self.setup.theme {
            all.extend(errors.iter().cloned());
        }
        let strict = options.strict || self.setup.config.highlight.strict;
        all.extend(content::finish(
            &self.index,
            &self.rendered,
            &self.page_findings,
            &self.section_findings,
            strict,
        ));
        all
    }
}

/// Finds the content files; a missing `content/` folder is an error there is no site without.
fn discover_files(
    content: &ContentRoot,
) -> Result<(ContentFiles, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (files, diagnostics) = discover(&content.dir, &content.shown_as);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(sorted(diagnostics));
    }
    Ok((files, diagnostics))
}

fn page_files(files: &ContentFiles) -> HashMap<PathBuf, PathBuf> {
    let mut map = HashMap::new();
    for source in &files.pages {
        let main = source.main_file().to_path_buf();
        if let PageSource::Folder { members, .. } = source {
            map.extend(members.iter().map(|m| (m.clone(), main.clone())));
        }
        map.insert(main.clone(), main);
    }
    map
}

/// A hash of what a page's rendered markdown depends on in the index: where every source file
/// went (page ids, as anchors refer to them, and URLs), section URLs and asset paths.
fn link_targets(index: &SiteIndex) -> Key {
    let mut text = index.base_path.clone();
    let mut targets: Vec<_> = index.targets.iter().collect();
    targets.sort_by(|a, b| a.0.cmp(b.0));
    for (source, target) in targets {
        text.push_str(&format!("\n{}\t{target:?}", source.display()));
    }
    for page in &index.pages {
        text.push_str(&format!("\np\t{}", page.path));
    }
    for section in &index.sections {
        text.push_str(&format!("\ns\t{}", section.path));
    }
    for (source, path) in &index.assets {
        text.push_str(&format!("\na\t{}\t{path}", source.display()));
    }
    Key::of(&[text.as_bytes()])
}
