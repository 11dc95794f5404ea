//! Writing a watch-mode rebuild: renders the pages and listings a rebuild changed through the
//! theme into an `output::Patch` of the output folder, which is committed only when everything
//! rendered; the pages open in a browser can go first, undoably.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Memo, Unwritten};
use crate::build::{BuildOptions, copy_static_files, write_failure};
use crate::diagnostic::Diagnostic;
use crate::index::{PageId, Target};
use crate::output::{OutputFile, Patch, Sink, Undo, Written};
use crate::render::SiteRenderer;
use crate::search::{SEARCH_DIR, SearchIndex};
use crate::theme::Theme;

/// What writing leaves: what the output folder holds, and whether every file was written.
type WriteOutcome = (Written, Result<(), Vec<Diagnostic>>);

/// The pages to write before the others, and whom to tell when they are.
pub(super) struct Early<'a> {
    pub open: &'a [String],
    pub early: &'a mut dyn FnMut(&[String]),
}

impl Memo {
    /// Renders what `unwritten` names and patches the output folder, which holds `present`;
    /// returns what it holds afterwards (empty when that is unknown: the next rebuild then
    /// replaces the whole folder).
    pub(super) fn write(
        &self,
        options: &BuildOptions,
        present: Written,
        unwritten: &Unwritten,
        first: Early,
    ) -> WriteOutcome {
        let target = options.output_dir();
        let write_error = |e| vec![write_failure(&target, e)];
        let theme = match &self.setup.theme {
            Ok(theme) => theme,
            // The theme's errors are among those checked before writing; returned here too so
            // a failed write always says why.
            Err(errors) => return (present, Err(errors.clone())),
        };
        // The first rebuild has nothing on show to update early.
        let open = if unwritten.everything && !present.is_empty() {
            self.pages_at(first.open)
        } else {
            Vec::new()
        };
        let (present, undo) = if open.is_empty() {
            (present, None)
        } else {
            match self.write_open_pages(options, theme, present, &open) {
                Ok((written, undo)) => {
                    let urls: Vec<String> = (open.iter())
                        .map(|&id| self.index.url(&self.index.pages[id].path))
                        .collect();
                    (first.early)(&urls);
                    (written, Some(undo))
                }
                Err((written, errors)) => return (written, Err(errors)),
            }
        };
        let (mut written, result) = match self.patched(options, theme, present, unwritten, true) {
            Ok(patch) => match patch.commit(unwritten.everything) {
                Ok(written) => (written, Ok(())),
                Err(e) => (Written::new(), Err(write_error(e))),
            },
            Err((written, errors)) => (written, Err(errors)),
        };
        match (undo, &result) {
            (Some(undo), Ok(())) => undo.keep(),
            (Some(undo), Err(_)) => undo.undo(&mut written),
            (None, _) => {}
        }
        (written, result)
    }

    /// The pages whose URL (or its `index.html`) is among `urls`.
    fn pages_at(&self, urls: &[String]) -> Vec<PageId> {
        let by_url: HashMap<String, PageId> = (self.index.pages.iter().enumerate())
            .map(|(id, page)| (self.index.url(&page.path), id))
            .collect();
        let mut ids: Vec<PageId> = (urls.iter())
            .filter_map(|url| {
                let folder = url.strip_suffix("index.html").unwrap_or(url);
                by_url.get(folder).copied()
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Writes just the pages `ids`, undoably.
    fn write_open_pages(
        &self,
        options: &BuildOptions,
        theme: &Theme,
        present: Written,
        ids: &[PageId],
    ) -> Result<(Written, Undo), (Written, Vec<Diagnostic>)> {
        let only = Unwritten {
            pages: (ids.iter())
                .map(|&id| self.index.pages[id].doc.source.clone())
                .collect(),
            ..Unwritten::default()
        };
        let patch = self.patched(options, theme, present, &only, false)?;
        let target = options.output_dir();
        (patch.commit_undoably()).map_err(|e| (Written::new(), vec![write_failure(&target, e)]))
    }

    /// A patch of the output folder (which holds `present`) with what `what` names rendered
    /// into it, and the search index when `with_search` (and the site has search), not
    /// committed yet; or what the folder holds and why it failed.
    fn patched(
        &self,
        options: &BuildOptions,
        theme: &Theme,
        present: Written,
        what: &Unwritten,
        with_search: bool,
    ) -> Result<Patch, (Written, Vec<Diagnostic>)> {
        let target = options.output_dir();
        // On failure the folder is untouched, but forgetting what it holds only costs a full
        // rewrite next time.
        let mut patch = Patch::start(&target, &options.root, present)
            .map_err(|e| (Written::new(), vec![write_failure(&target, e)]))?;
        let with_search = with_search && self.setup.config.search.enable;
        if with_search {
            patch.puts_whole(SEARCH_DIR);
        }
        match self.render_into(theme, what, with_search, &patch) {
            Ok(()) => Ok(patch),
            Err(errors) => Err((patch.abandon(), errors)),
        }
    }

    /// The whole search index again, from every page's entry kept since it was rendered: the
    /// patch writes only the files whose bytes changed (the pages edited, their term chunks).
    fn write_search_index(&self, theme: &Theme, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let search = SearchIndex::new(&self.index, sink);
        let failed = |e| write_failure(&self.content.dir, e);
        for (id, html) in self.page_html.iter().enumerate() {
            search.add(id, html.search.as_ref()).map_err(failed)?;
        }
        search.finish(&theme.translations).map(drop).map_err(failed)
    }

    fn render_into(
        &self,
        theme: &Theme,
        unwritten: &Unwritten,
        with_search: bool,
        sink: &dyn Sink,
    ) -> Result<(), Vec<Diagnostic>> {
        let css = &self.setup.syntax_css;
        let views = self.setup.views(&self.index, self.today, &self.locales);
        let renderer = SiteRenderer::new(&views, theme, css, sink).map_err(|d| vec![d])?;
        let put_error = |e| vec![write_failure(&self.content.dir, e)];
        let pages: Vec<PageId> = if unwritten.everything {
            copy_static_files(theme, &self.index, &self.content.dir, css, sink)
                .map_err(put_error)?;
            (0..self.index.pages.len()).collect()
        } else {
            for asset in &unwritten.assets {
                if let Some(path) = self.index.asset_path(asset) {
                    let file = OutputFile::Copy(self.content.dir.join(asset));
                    sink.put(path, file).map_err(put_error)?;
                }
            }
            (unwritten.pages.iter())
                .filter_map(|main| match self.index.targets.get(main) {
                    Some(Target::Page(id)) => Some(*id),
                    _ => None,
                })
                .collect()
        };
        let mut errors: Vec<Diagnostic> = pages
            .par_iter()
            .filter_map(|&id| {
                let digest = &self.rendered.pages[id];
                renderer.page(id, digest, &self.page_html[id]).err()
            })
            .collect();
        if unwritten.everything || unwritten.listings {
            errors.extend(renderer.rest(&self.rendered).1);
        }
        if with_search {
            errors.extend(self.write_search_index(theme, sink).err());
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
