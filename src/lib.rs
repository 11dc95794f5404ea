//! folio: a static site generator for guides made of long-form articles and Q&A threads.
//!
//! The build is one pipeline with data flowing one way (see `build`): discover files -> load
//! documents -> build the site index -> render markdown -> render templates -> write output.
//! docs/decisions.md ("How data flows") follows a page through every stage.
//!
//! Every module is private to the crate. What other crates may use is re-exported here: the
//! command line (`cli::run`, for the binary), building a site once or keeping a watch session
//! (`build`, `Session`), and the diagnostics they return. `stages` exposes the stages one by one
//! for the benchmarks and the fuzz targets only.

mod build;
mod cache;
mod check;
pub mod cli;
mod config;
mod content;
mod date;
mod diagnostic;
mod direction;
mod discover;
mod document;
mod escape;
mod feeds;
mod frontmatter;
mod highlight;
mod i18n;
mod index;
mod jsonld;
mod languages;
mod links;
mod markdown;
mod output;
mod progress;
mod render;
mod report;
mod sanitize;
mod scaffold;
mod search;
mod serve;
mod slug;
mod theme;
mod thread;
mod views;

pub use build::{
    BuildOptions, BuildSummary, Built, BuiltSite, Changes, Session, build, build_in_memory,
};
pub use diagnostic::{Diagnostic, Format, Position, Severity, render};
pub use highlight::BlockCache;
pub use output::{Output, OutputFile};

/// The stages one by one, for `benches/`, which time each of them, and for `fuzz/`, which feeds
/// each parser arbitrary bytes. Not an API: it changes with the pipeline.
#[doc(hidden)]
pub mod stages {
    pub use crate::config::Config;
    pub use crate::content::{
        PageHtml, RenderedContent, Tools, finish, render_page, render_sections,
    };
    pub use crate::date::Date;
    pub use crate::diagnostic::Source;
    pub use crate::discover::discover;
    pub use crate::document::{ContentRoot, load, normalize_text};
    pub use crate::frontmatter::{
        PageFrontMatter, SectionFrontMatter, parse as parse_front_matter,
        split as split_front_matter,
    };
    pub use crate::highlight::Highlighter;
    pub use crate::i18n::{Labels, Locales};
    pub use crate::index::{IndexOptions, SiteIndex, build as build_index};
    pub use crate::languages::Languages;
    pub use crate::markdown::{
        LinkError, PostContext, ResolveLink, ResolvedLink, Trust, render as render_markdown,
    };
    pub use crate::output::{Sink, WriteError};
    pub use crate::render::SiteRenderer;
    pub use crate::sanitize::Sanitizer;
    pub use crate::search::Analyzer;
    pub use crate::slug::{HeadingIds, UniqueIds};
    pub use crate::theme::{Theme, ThemeSource};
    pub use crate::thread::{PostBody, ThreadPosts, parse_thread};
    pub use crate::views::Views;
}
