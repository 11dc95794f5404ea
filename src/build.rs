//! The build: the only place that knows the order of the stages. Each stage takes the previous
//! one's result and returns a new value plus diagnostics; all diagnostics of a build are
//! reported together, and nothing is written unless the whole build succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{CONFIG_FILE, Config};
use crate::content::render_content;
use crate::date::Date;
use crate::diagnostic::{self, Diagnostic, Position};
use crate::discover::discover;
use crate::document::{ContentRoot, load, read_source};
use crate::frontmatter::Kind;
use crate::index::{self, IndexOptions};
use crate::output::{Output, OutputFile};
use crate::render::render_site;
use crate::sanitize::Sanitizer;
use crate::theme::{StaticFile, Theme, ThemeSource};
use crate::views::Views;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of folio.toml.
    pub base_url: Option<String>,
    pub include_drafts: bool,
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

/// Runs every stage and returns the site in memory, or every error found.
pub fn build_in_memory(options: &BuildOptions) -> Result<BuiltSite, Vec<Diagnostic>> {
    let started = Instant::now();
    let config = load_config(options)?;
    let theme = Theme::load(&ThemeSource {
        site_root: &options.root,
        name: &config.theme,
    });
    let content = ContentRoot {
        dir: options.root.join("content"),
        shown_as: PathBuf::from("content"),
    };
    let (files, mut diagnostics) = discover(&content.dir, &content.shown_as);
    let (documents, load_diagnostics) = load(&content, &files, &config.title);
    diagnostics.extend(load_diagnostics);
    let index_options = IndexOptions {
        include_drafts: options.include_drafts,
        today: Date::today(),
    };
    let (index, index_diagnostics) =
        index::build(documents, &files, &config.base_path(), index_options);
    diagnostics.extend(index_diagnostics);
    let (rendered, content_diagnostics) = render_content(&index, &Sanitizer::default());
    diagnostics.extend(content_diagnostics);
    let theme = match theme {
        Ok(theme) => theme,
        Err(errors) => {
            diagnostics.extend(errors);
            return Err(sorted(diagnostics));
        }
    };
    let views = Views {
        index: &index,
        content: &rendered,
        config: &config,
    };
    let (pages, render_diagnostics) = render_site(&views, &theme);
    diagnostics.extend(render_diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(sorted(diagnostics));
    }
    let mut output = Output::default();
    for (path, file) in &theme.static_files {
        let file = match file {
            StaticFile::Embedded(bytes) => OutputFile::Embedded(bytes),
            StaticFile::Disk(path) => OutputFile::Copy(path.clone()),
        };
        output.insert(path.clone(), file);
    }
    for (source, path) in &index.assets {
        output.insert(path.clone(), OutputFile::Copy(content.dir.join(source)));
    }
    for (path, bytes) in pages {
        output.insert(path, OutputFile::Bytes(bytes));
    }
    let threads = index
        .pages
        .iter()
        .filter(|p| p.doc.kind() == Kind::Question)
        .count();
    let summary = BuildSummary {
        articles: index.pages.len() - threads,
        threads,
        sections: index.sections.len() - 1,
        tags: index.tags.len(),
        files: output.files.len(),
        elapsed: started.elapsed(),
    };
    Ok(BuiltSite {
        output,
        summary,
        warnings: sorted(diagnostics),
    })
}

/// Builds and writes the site; the previous output stays untouched unless everything succeeded.
pub fn build(options: &BuildOptions) -> Result<BuiltSite, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut site = build_in_memory(options)?;
    let target = options.output_dir();
    site.output
        .write_atomically(&target, &options.root)
        .map_err(|e| vec![Diagnostic::error(&target, Position::FILE, e.to_string())])?;
    site.summary.elapsed = started.elapsed();
    Ok(site)
}

fn load_config(options: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let path = options.root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(vec![
            Diagnostic::error(
                CONFIG_FILE,
                Position::FILE,
                format!("no {CONFIG_FILE} in {}", display_root(&options.root)),
            )
            .with_help("run folio in a site's folder, or point to one with --root"),
        ]);
    }
    let text = read_source(&path, Path::new(CONFIG_FILE)).map_err(|d| vec![d])?;
    let config = Config::parse(Path::new(CONFIG_FILE), &text).map_err(|d| vec![d])?;
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

fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    diagnostics
}
