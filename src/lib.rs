//! folio: a static site generator for guides made of long-form articles and Q&A threads.
//!
//! The build is one pipeline with data flowing one way (see `build`): discover files -> load
//! documents -> build the site index -> render markdown -> render templates -> write output.

pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod escape;
pub mod feeds;
pub mod frontmatter;
pub mod highlight;
pub mod index;
pub mod jsonld;
pub mod links;
pub mod markdown;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod thread;
pub mod views;
