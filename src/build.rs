//! The build: the only place that knows the order of the stages. Each stage takes the previous
//! one's result and returns a new value plus diagnostics; all diagnostics of a build are
//! reported together. Files stream into a staging folder as they are made, and it replaces the
//! previous output only when the whole build succeeded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config, Sanitize};
use crate::content::{self, PageDigest, RenderedContent, Tools, render_page, render_sections};
use crate::date::Date;
use crate::diagnostic::{self, Diagnostic, Position};
use crate::discover::discover;
use crate::document::{ContentRoot, load, read_source};
use crate::frontmatter::Kind;
use crate::highlight::{self, BlockCache, Highlighter};
use crate::i18n::{Locales, Translations};
use crate::index::{self, IndexOptions, SiteIndex};
use crate::languages::Languages;
use crate::markdown::Trust;
use crate::output::{Output, OutputFile, Reuse, Sink, Staging, WriteError, WriteNotice};
use crate::progress::stage;
use crate::render::{Made, SiteRenderer};
use crate::sanitize::Sanitizer;
use crate::search::SearchIndex;
use crate::theme::{StaticFile, Theme, ThemeSource, UNKNOWN_THEME};
use crate::views::Views;

mod highlighting;
mod incremental;
mod locales;
mod owners;

pub(crate) use highlighting::highlight_listing;
use highlighting::load_highlighting;

pub use incremental::{Changes, Session};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of folio.toml.
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Warnings (such as code in an unknown language) fail the build.
    pub strict: bool,
    /// Highlighted code blocks, kept between builds that share these options (watch mode).
    pub highlight_cache: Option<BlockCache>,
    /// The persistent cache folder (`ROOT/.folio-cache` from the command line), or none.
    pub cache_dir: Option<PathBuf>,
    /// Told the name of each stage as it starts, for the command line's spinner and timings.
    pub progress: Option<crate::progress::Progress>,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub articles: usize,
    pub threads: usize,
    pub sections: usize,
    pub tags: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// The site rendered in memory, before anything is written.
pub struct BuiltSite {
    pub output: Output,
    pub summary: BuildSummary,
    pub warnings: Vec<Diagnostic>,
}

/// What a successful build reports once its files are in place.
pub struct Built {
    pub summary: BuildSummary,
    pub warnings: Vec<Diagnostic>,
}

/// Runs every stage and returns the site in memory, or every error found.
pub fn build_in_memory(options: &BuildOptions) -> Result<BuiltSite, Vec<Diagnostic>> {
    let sink = Mutex::new(Output::default());
    let built = build_into(options, &sink)?.built;
    Ok(BuiltSite {
        output: sink.into_inner().unwrap_or_default(),
        summary: built.summary,
        warnings: built.warnings,
    })
}

/// Builds and writes the site; the previous output stays untouched unless everything succeeded.
pub fn build(options: &BuildOptions) -> Result<Built, Vec<Diagnostic>> {
    let started = Instant::now();
    let target = options.output_dir();
    let write_error = |e: WriteError| vec![write_failure(&target, e)];
    // The persistent cache's switch also decides whether earlier output trees are reused.
    let reuse = match options.cache_dir {
        Some(_) => Reuse::Previous,
        None => Reuse::Nothing,
    };
    let staging = Staging::create(&target, &options.root, reuse).map_err(write_error)?;
    let mut built = match build_into(options, &staging) {
        Ok(site) => site.built,
        Err(diagnostics) => {
            staging.abandon();
            return Err(diagnostics);
        }
    };
    stage(&options.progress, "replacing the previous output");
    let notices = staging.commit().map_err(write_error)?;
    let notice = |n: &WriteNotice| write_notice(n, &options.root);
    built.warnings.extend(notices.iter().map(notice));
    built.summary.elapsed = started.elapsed();
    Ok(built)
}

/// What the stages need from folio.toml and the theme, loaded before any content.
pub(crate) struct Setup {
    pub config: Config,
    /// The theme, or why it cannot be used (the content is still rendered, for its diagnostics).
    pub theme: Result<Theme, Vec<Diagnostic>>,
    pub highlighter: Highlighter,
    pub syntax_css: String,
}

impl Setup {
    pub(crate) fn load(options: &BuildOptions) -> Result<Setup, Vec<Diagnostic>> {
        let config = load_config(options)?;
        let theme = load_theme(options, &config);
        let (highlighter, syntax_css) = load_highlighting(&config, options).map_err(|d| vec![d])?;
        Ok(Setup {
            config,
            theme,
            highlighter,
            syntax_css,
        })
    }

    /// The theme, when it could be loaded; else its errors go to `diagnostics`.
    fn usable_theme(&self, diagnostics: &mut Vec<Diagnostic>) -> Option<&Theme> {
        match &self.theme {
            Ok(theme) => Some(theme),
            Err(errors) => {
                diagnostics.extend(errors.iter().cloned());
                None
            }
        }
    }

    /// What page rendering needs besides the page.
    pub(crate) fn tools<'a>(
        &'a self,
        index: &'a SiteIndex,
        sanitizer: &'a Sanitizer,
        locales: &'a Locales,
    ) -> Tools<'a> {
        Tools {
            locales,
            index,
            sanitizer,
            highlighter: &self.highlighter,
            theme_ids: self
                .theme
                .as_ref()
                .map_or(&[], |theme| theme.ids.as_slice()),
            heading_ids: self.config.content.heading_ids,
            search: self.config.search.enable,
            articles: match self.config.content.sanitize {
                Sanitize::Posts => Trust::Author,
                Sanitize::All => Trust::Contributor,
            },
        }
    }

    /// The views of a site indexed as `index`, built at `today`.
    pub(crate) fn views<'a>(
        &'a self,
        index: &'a SiteIndex,
        today: Date,
        locales: &'a Locales,
    ) -> Views<'a> {
        Views {
            index,
            config: &self.config,
            today,
            locales,
        }
    }
}

pub(crate) fn load_theme(
    options: &BuildOptions,
    config: &Config,
) -> Result<Theme, Vec<Diagnostic>> {
    let at_theme_key = |d: Diagnostic| match d.code {
        UNKNOWN_THEME => config.at_key("theme", d),
        _ => d,
    };
    Theme::load(&ThemeSource {
        site_root: &options.root,
        name: &config.theme,
        language: &config.language,
    })
    .map_err(|errors| errors.into_iter().map(at_theme_key).collect())
}

pub(crate) fn content_root(options: &BuildOptions) -> ContentRoot {
    ContentRoot {
        dir: options.root.join("content"),
        shown_as: PathBuf::from("content"),
    }
}

pub(crate) fn index_options(options: &BuildOptions, today: Date) -> IndexOptions {
    IndexOptions {
        include_drafts: options.include_drafts,
        today,
    }
}

/// What the stages made besides the files: the configuration and the index they were made
/// from, so `folio check` reports on the build's own data instead of loading the site again.
pub(crate) struct SiteBuild {
    pub config: Config,
    pub index: SiteIndex,
    pub files: Files,
    pub built: Built,
    /// The translations the theme's words came from, and the languages the pages were in.
    pub translations: Arc<Translations>,
    pub languages: Vec<String>,
}

/// Every file a build wrote, with what wrote it (`None`: copied as it is, as static files and
/// assets are).
pub(crate) type Files = BTreeMap<String, Option<Made>>;

/// Runs every stage, handing each output file to `sink` as soon as it is made, so a big site
/// never holds all its pages in memory. On error the sink may hold some files: the caller
/// throws them away.
pub(crate) fn build_into(
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<SiteBuild, Vec<Diagnostic>> {
    let started = Instant::now();
    let setup = Setup::load(options)?;
    let today = Date::today();
    let (mut index, mut diagnostics) = index_site(options, &setup, today)?;
    let theme = setup.usable_theme(&mut diagnostics);
    diagnostics.extend(owners::claim_outputs(
        &mut index,
        theme,
        &setup.config,
        &options.root,
    ));
    let sanitizer = Sanitizer::default();
    let locales = setup.locales(&index);
    let tools = setup.tools(&index, &sanitizer, &locales);
    let mut files = Files::new();
    if let Some(theme) = theme {
        let content_dir = content_root(options).dir;
        let copied = copy_static_files(theme, &index, &content_dir, &setup.syntax_css, sink);
        let copied = copied.map_err(|e| vec![write_failure(&options.output_dir(), e)])?;
        files.extend(copied.into_iter().map(|path| (path, None)));
    }
    let (sections, section_findings): (Vec<_>, Vec<_>) = render_sections(tools).into_iter().unzip();
    let views = setup.views(&index, today, &locales);
    let renderer = theme.and_then(|theme| {
        SiteRenderer::new(&views, theme, &setup.syntax_css, sink)
            .map_err(|d| diagnostics.push(d))
            .ok()
    });
    let pages = format!("rendering {} pages", index.pages.len());
    stage(&options.progress, &pages);
    let search =
        (renderer.is_some() && setup.config.search.enable).then(|| SearchIndex::new(&index, sink));
    let (pages, page_findings) = render_pages(
        tools,
        renderer.as_ref(),
        search.as_ref(),
        &mut files,
        &mut diagnostics,
    );
    let rendered = RenderedContent { pages, sections };
    let strict = options.strict || setup.config.highlight.strict;
    let findings = (&page_findings[..], &section_findings[..]);
    diagnostics.extend(content::finish(
        &index, &rendered, findings.0, findings.1, strict,
    ));
    stage(&options.progress, "applying templates");
    match &renderer {
        Some(renderer) => {
            let (listed, render_diagnostics) = renderer.rest(&rendered);
            files.extend(listed.into_iter().map(|(path, made)| (path, Some(made))));
            diagnostics.extend(render_diagnostics);
        }
        // Without a theme (or its navigation) there is nothing to write: its errors say why.
        None => return Err(sorted(diagnostics)),
    }
    match finish_search(search, theme, options) {
        Ok(paths) => files.extend(paths.into_iter().map(|path| (path, None))),
        Err(d) => diagnostics.push(d),
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(sorted(diagnostics));
    }
    let built = Built {
        summary: summary(&index, files.len(), started),
        warnings: sorted(diagnostics),
    };
    Ok(SiteBuild {
        translations: setup.translations(),
        languages: locales.languages().map(str::to_string).collect(),
        config: setup.config,
        index,
        files,
        built,
    })
}

/// Writes what is left of the search index once every page is in it; returns the paths written.
fn finish_search(
    search: Option<SearchIndex>,
    theme: Option<&Theme>,
    options: &BuildOptions,
) -> Result<Vec<String>, Diagnostic> {
    let (Some(search), Some(theme)) = (search, theme) else {
        return Ok(Vec::new());
    };
    stage(&options.progress, "writing the search index");
    (search.finish(&theme.translations)).map_err(|e| write_failure(&options.output_dir(), e))
}

/// Discovers, loads and indexes the content: the site index with what those stages found.
fn index_site(
    options: &BuildOptions,
    setup: &Setup,
    today: Date,
) -> Result<(SiteIndex, Vec<Diagnostic>), Vec<Diagnostic>> {
    let content = content_root(options);
    let (files, mut diagnostics) = discover(&content.dir, &content.shown_as);
    if diagnostics.iter().any(Diagnostic::is_error) {
        // Without its content folder there is no site to index.
        return Err(sorted(diagnostics));
    }
    stage(
        &options.progress,
        &format!("loading {} pages", files.pages.len()),
    );
    let (documents, load_diagnostics) = load(&content, &files, &setup.config.title);
    diagnostics.extend(load_diagnostics);
    let (index, index_diagnostics) = index::build(
        documents,
        &files,
        &setup.config.base_path(),
        Languages::of(&setup.config),
        index_options(options, today),
    );
    diagnostics.extend(index_diagnostics);
    Ok((index, diagnostics))
}

/// Renders every content page, templates it and hands it to the sink, in one task each, then
/// keeps only its digest: a big site never holds all its HTML, and page templates see only the
/// index and the page's own content. Returns the digests and what rendering each page found, in
/// index order; adds the files written and the template errors.
fn render_pages(
    tools: Tools,
    renderer: Option<&SiteRenderer>,
    search: Option<&SearchIndex>,
    files: &mut Files,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<PageDigest>, Vec<content::Findings>) {
    let results: Vec<_> = (tools.index.pages.par_iter().enumerate())
        .map(|(id, page)| {
            let (rendered, findings) = render_page(tools, page);
            let written = renderer.map(|r| r.page(id, &rendered.digest, &rendered.html));
            let indexed = search.and_then(|s| s.add(id, rendered.html.search.as_ref()).err());
            (rendered.digest, findings, written, indexed)
        })
        .collect();
    let mut digests = Vec::with_capacity(results.len());
    let mut all_findings = Vec::with_capacity(results.len());
    for (digest, findings, written, indexed) in results {
        digests.push(digest);
        all_findings.push(findings);
        if let Some(e) = indexed {
            diagnostics.push(
                Diagnostic::error("search", Position::FILE, e.to_string()).with_code("F0903"),
            );
        }
        match written {
            Some(Ok((path, made))) => {
                files.insert(path, Some(made));
            }
            Some(Err(d)) => diagnostics.push(d),
            None => {}
        }
    }
    (digests, all_findings)
}

/// The counts a build reports.
pub(crate) fn summary(index: &SiteIndex, files: usize, started: Instant) -> BuildSummary {
    let threads = index
        .pages
        .iter()
        .filter(|p| p.doc.kind() == Kind::Question)
        .count();
    BuildSummary {
        articles: index.pages.len() - threads,
        threads,
        sections: index.sections.len() - 1,
        tags: index.tags.len(),
        files,
        elapsed: started.elapsed(),
    }
}

/// Writes the theme's static files, the content's assets and the highlighting stylesheet; pages
/// come later, so one with the same path replaces them. Returns the paths written.
pub(crate) fn copy_static_files(
    theme: &Theme,
    index: &SiteIndex,
    content_dir: &Path,
    syntax_css: &str,
    sink: &dyn Sink,
) -> Result<Vec<String>, WriteError> {
    let mut copied = Vec::new();
    for (path, file) in &theme.static_files {
        let file = match file {
            StaticFile::Embedded(bytes) => OutputFile::Embedded(bytes),
            StaticFile::Disk(path) => OutputFile::Copy(path.clone()),
        };
        copied.push((path.clone(), file));
    }
    for (source, path) in &index.assets {
        copied.push((path.clone(), OutputFile::Copy(content_dir.join(source))));
    }
    let css = OutputFile::Bytes(syntax_css.as_bytes().to_vec());
    copied.push((highlight::SYNTAX_CSS.into(), css));
    let paths = copied.iter().map(|(p, _)| p.clone()).collect();
    copied
        .into_par_iter()
        .try_for_each(|(path, file)| sink.put(&path, file))?;
    Ok(paths)
}

pub(crate) fn write_failure(target: &Path, e: WriteError) -> Diagnostic {
    let help = e.help();
    // A swap that failed halfway is reported at the folder now holding the previous output.
    let (path, code) = match e.previous_output_moved_to() {
        Some(old) => (old, "F0907"),
        None => (target, "F0903"),
    };
    let d = Diagnostic::error(path, Position::FILE, e.to_string()).with_code(code);
    match help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// A warning for what replacing the output did or left behind, though the site is in place.
fn write_notice(notice: &WriteNotice, root: &Path) -> Diagnostic {
    let path = match notice {
        WriteNotice::Restored { target, .. } => target,
        WriteNotice::Leftover { path, .. } => path,
    };
    let path = path.strip_prefix(root).unwrap_or(path);
    Diagnostic::warning(path, Position::FILE, notice.message())
        .with_code(notice.code())
        .with_help(notice.help())
}

/// What the last line of a failed build says of the previous output: untouched, unless a swap
/// failed halfway and left it in another folder (F0907, reported at that folder).
pub(crate) fn previous_output_after(diagnostics: &[Diagnostic], root: &Path) -> String {
    match diagnostics.iter().find(|d| d.code == "F0907") {
        Some(d) => format!(
            "the previous output is in {}",
            d.path.strip_prefix(root).unwrap_or(&d.path).display()
        ),
        None => "the previous output was left untouched".into(),
    }
}

pub(super) fn load_config(options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let path = options.root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(vec![
            Diagnostic::error(
                CONFIG_FILE,
                Position::FILE,
                format!("no {CONFIG_FILE} in {}", display_root(&options.root)),
            )
            .with_code("F0901")
            .with_help("run folio in a site's folder, or point to one with --root"),
        ]);
    }
    let text = read_source(&path, Path::new(CONFIG_FILE)).map_err(|d| vec![d])?;
    let config = Config::parse(Path::new(CONFIG_FILE), &text)
        .and_then(|c| c.resolve_folders(&options.root))
        .map_err(|d| vec![d])?;
    match &options.base_url {
        Some(url) => config.with_base_url(url).map_err(|d| vec![d]),
        None => Ok(config),
    }
}

fn display_root(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        "the current folder".into()
    } else {
        root.display().to_string()
    }
}

pub(crate) fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_that_could_not_put_the_previous_output_back_says_where_it_is() {
        let root = Path::new("/site");
        let half_done = WriteError::NotRestored {
            staging: root.join(".public.folio-staging"),
            target: root.join("public"),
            old: root.join(".public.folio-old"),
            source: std::io::Error::other("denied"),
            back: std::io::Error::other("denied"),
        };
        let d = write_failure(&root.join("public"), half_done);
        assert_eq!(
            (d.code, d.path.as_path()),
            ("F0907", Path::new("/site/.public.folio-old"))
        );
        assert_eq!(
            previous_output_after(&[d], root),
            "the previous output is in .public.folio-old"
        );
        let refused = write_failure(root, WriteError::UnsafeTarget(root.to_path_buf()));
        assert_eq!(refused.code, "F0903");
        assert_eq!(
            previous_output_after(&[refused], root),
            "the previous output was left untouched"
        );
    }
}
