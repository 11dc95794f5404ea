//! Content warnings authors want caught, found by reading each post's markdown with
//! pulldown-cmark's offset iterator (so every warning has its file line): images without alt
//! text, links without text, headings that skip a level; and per page: titles used twice,
//! threads nobody answered, pages no other page links to. The same pass records every link a
//! post writes, as the build resolves it, so a broken URL in the output can be traced back to
//! the line that wrote it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use html5gum::{Token, Tokenizer};
use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, LineIndex, Position, Severity};
use crate::document::PageBody;
use crate::index::SiteIndex;
use crate::markdown::{self, ResolveLink};
use crate::thread::PostBody;

const IMAGE_WITHOUT_ALT: &str = "F0801";
const EMPTY_LINK: &str = "F0802";
const SKIPPED_HEADING_LEVEL: &str = "F0803";
const DUPLICATE_TITLE: &str = "F0804";
const THREAD_WITHOUT_ANSWERS: &str = "F0805";
const UNREACHABLE_PAGE: &str = "F0806";

/// A link written in content, as the build writes it into the output.
#[derive(Debug, Clone)]
pub(super) struct ContentLink {
    /// The URL in the output, percent-decoded (the key URLs found in the output are matched by).
    pub href: String,
    /// The output file the post is shown on: `guide/install/index.html`.
    pub page: String,
    pub path: PathBuf,
    pub position: Position,
    pub source_line: String,
}

#[derive(Debug, Default)]
pub(super) struct ContentScan {
    pub diagnostics: Vec<Diagnostic>,
    pub links: Vec<ContentLink>,
}

impl ContentScan {
    fn append(&mut self, mut other: ContentScan) {
        self.diagnostics.append(&mut other.diagnostics);
        self.links.append(&mut other.links);
    }
}

/// One markdown body: where it was written and the page it is shown on.
struct Post<'a> {
    body: &'a PostBody,
    shown: &'a Path,
    /// The source's folder relative to `content/`, which relative links start from.
    source_dir: &'a Path,
    page: String,
}

/// Reads every post of every page and section.
pub(super) fn scan(index: &SiteIndex) -> ContentScan {
    let mut posts: Vec<Post> = Vec::new();
    for page in &index.pages {
        let doc = &page.doc;
        let output = page.output_file();
        let source_dir = doc.source.parent().unwrap_or(Path::new(""));
        let post = |body, shown| Post {
            body,
            shown,
            source_dir,
            page: output.clone(),
        };
        match &doc.body {
            PageBody::Article(body) => posts.push(post(body, &doc.shown_path)),
            PageBody::Thread(thread) => {
                posts.push(post(&thread.question, &doc.shown_path));
                for reply in &thread.question_replies {
                    posts.push(post(&reply.body, &doc.shown_path));
                }
                for answer in &thread.answers {
                    posts.push(post(&answer.body, &answer.path));
                    for reply in &answer.replies {
                        posts.push(post(&reply.body, &answer.path));
                    }
                }
            }
        }
    }
    let section_paths: Vec<PathBuf> = index.sections.iter().map(|s| s.shown_path()).collect();
    for (section, shown) in index.sections.iter().zip(&section_paths) {
        posts.push(Post {
            body: &section.doc.body,
            shown,
            source_dir: &section.doc.dir,
            page: section.output_file(),
        });
    }
    posts
        .par_iter()
        .map(|post| scan_post(post, index))
        .reduce(ContentScan::default, |mut a, b| {
            a.append(b);
            a
        })
}

/// An element still open while reading a post, and whether it has text yet.
enum Open {
    Link { start: usize, text: bool },
    Image { start: usize, alt: bool },
    Other,
}

fn scan_post(post: &Post, index: &SiteIndex) -> ContentScan {
    let markdown = &post.body.markdown;
    let mut scan = PostScan {
        post,
        index,
        lines: LineIndex::new(markdown),
        out: ContentScan::default(),
        open: Vec::new(),
        // The page title is the h1, so a body's first heading should be an h2.
        level: 1,
    };
    let mut html_block: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(markdown, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => scan.heading(level as usize, range.start),
            Event::Start(Tag::Link { dest_url, .. }) => {
                scan.record_link(&dest_url, range.start);
                scan.open.push(Open::Link {
                    start: range.start,
                    text: false,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                scan.record_link(&dest_url, range.start);
                mark_text(&mut scan.open);
                scan.open.push(Open::Image {
                    start: range.start,
                    alt: false,
                });
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some(range.start..range.start),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html_block.take() {
                    scan.raw_html(block);
                }
            }
            Event::Start(_) => scan.open.push(Open::Other),
            Event::End(TagEnd::Link) => scan.end_link(),
            Event::End(TagEnd::Image) => scan.end_image(),
            Event::End(_) => {
                scan.open.pop();
            }
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                mark_text(&mut scan.open)
            }
            Event::Html(_) => {
                if let Some(block) = &mut html_block {
                    block.end = range.end;
                }
            }
            Event::InlineHtml(_) => scan.raw_html(range),
            _ => {}
        }
    }
    scan.out
}

/// One post being read: what it found so far, and the elements open at this point.
struct PostScan<'a> {
    post: &'a Post<'a>,
    index: &'a SiteIndex,
    lines: LineIndex<'a>,
    out: ContentScan,
    open: Vec<Open>,
    /// The level of the last heading.
    level: usize,
}

impl PostScan<'_> {
    /// The position of a byte offset in the source file, and the text of its line.
    fn at(&self, offset: usize) -> (Position, String) {
        let local = self.lines.position(offset);
        (
            Position::new(self.post.body.first_line + local.line - 1, local.col),
            self.lines.line_text(local.line).to_string(),
        )
    }

    fn warn(&mut self, offset: usize, code: &'static str, message: String, help: &str) {
        let (position, source_line) = self.at(offset);
        let mut d = Diagnostic::warning(self.post.shown, position, message)
            .with_code(code)
            .with_help(help);
        d.source_line = Some(source_line);
        self.out.diagnostics.push(d);
    }

    fn heading(&mut self, h: usize, start: usize) {
        let level = self.level;
        if h > level + 1 {
            self.warn(
                start,
                SKIPPED_HEADING_LEVEL,
                format!(
                    "heading level skips from h{level}{} to h{h}",
                    if level == 1 { " (the page title)" } else { "" }
                ),
                &format!(
                    "screen readers and the table of contents go by levels: make this an h{} ({}) or add the missing level above it",
                    level + 1,
                    "#".repeat(level + 1)
                ),
            );
        }
        self.level = h;
        self.open.push(Open::Other);
    }

    fn end_link(&mut self) {
        if let Some(Open::Link { start, text: false }) = self.open.pop() {
            self.warn(
                start,
                EMPTY_LINK,
                "link without text".into(),
                "screen readers announce a link by its text: write what it leads to between the brackets",
            );
        }
    }

    fn end_image(&mut self) {
        if let Some(Open::Image { start, alt: false }) = self.open.pop() {
            self.warn(
                start,
                IMAGE_WITHOUT_ALT,
                "image without alt text".into(),
                "describe the image between the brackets (`![A diagram of the request flow](flow.svg)`) for readers who cannot see it",
            );
        }
    }

    fn record_link(&mut self, dest: &str, offset: usize) {
        let post = self.post;
        // A link the build cannot resolve is already a build error.
        let Ok(resolved) = self.index.resolve(post.source_dir, dest) else {
            return;
        };
        let (position, source_line) = self.at(offset);
        self.out.links.push(ContentLink {
            href: decoded(&resolved.href),
            page: post.page.clone(),
            path: post.shown.to_path_buf(),
            position,
            source_line,
        });
    }

    /// Raw HTML in a post: its links and images are written to the output as they are.
    fn raw_html(&mut self, range: Range<usize>) {
        let post = self.post;
        let Some(html) = post.body.markdown.get(range.clone()) else {
            return;
        };
        // Offsets inside the fragment are not tracked by the default emitter; find each tag's
        // start.
        let mut search_from = 0;
        for token in Tokenizer::new(html).flatten() {
            let Token::StartTag(tag) = token else {
                continue;
            };
            let name = String::from_utf8_lossy(&tag.name).into_owned();
            let tag_start = html[search_from..]
                .find(&format!("<{name}"))
                .map_or(search_from, |i| search_from + i);
            search_from = (tag_start + 1).min(html.len());
            let offset = range.start + tag_start;
            let attr = |key: &[u8]| {
                tag.attributes
                    .get(key)
                    .map(|v| String::from_utf8_lossy(v).into_owned())
            };
            if name == "img" && attr(b"alt").is_none() {
                let (position, source_line) = self.at(offset);
                let mut d = Diagnostic::warning(post.shown, position, "image without alt text")
                    .with_code(IMAGE_WITHOUT_ALT)
                    .with_help("add `alt=\"...\"` describing the image, or `alt=\"\"` if it is only decoration");
                d.source_line = Some(source_line);
                self.out.diagnostics.push(d);
            }
            for key in [b"href".as_slice(), b"src".as_slice()] {
                if let Some(url) = attr(key) {
                    let (position, source_line) = self.at(offset);
                    self.out.links.push(ContentLink {
                        href: decoded(url.trim()),
                        page: post.page.clone(),
                        path: post.shown.to_path_buf(),
                        position,
                        source_line,
                    });
                }
            }
        }
    }
}

/// Text inside links and images: every open one now has some.
fn mark_text(open: &mut [Open]) {
    for element in open {
        match element {
            Open::Link { text, .. } => *text = true,
            Open::Image { alt, .. } => *alt = true,
            Open::Other => {}
        }
    }
}

pub(super) fn decoded(url: &str) -> String {
    percent_decode_str(url).decode_utf8_lossy().into_owned()
}

/// Warnings about pages as a whole: duplicate titles, unanswered threads (info), and pages
/// that no other page links to. `linked` holds the output files some page links to.
pub(super) fn page_warnings(
    index: &SiteIndex,
    root: &Path,
    linked: &HashSet<String>,
) -> Vec<Diagnostic> {
    let content = root.join("content");
    // Per language: a translation may keep its original's title (a product name, say).
    let title_of = |id: usize| {
        let page = &index.pages[id];
        (page.tree, page.doc.meta.title.trim().to_lowercase())
    };
    let mut by_title: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    for id in 0..index.pages.len() {
        by_title.entry(title_of(id)).or_default().push(id);
    }
    let mut diagnostics = Vec::new();
    for (id, page) in index.pages.iter().enumerate() {
        let doc = &page.doc;
        let mut found: Vec<Diagnostic> = Vec::new();
        let same = &by_title[&title_of(id)];
        if same.len() > 1 {
            let others: Vec<String> = same
                .iter()
                .filter(|&&o| o != id)
                .map(|&o| format!("`{}`", index.pages[o].doc.shown_path.display()))
                .collect();
            found.push(
                Diagnostic::warning(
                    &doc.shown_path,
                    Position::FILE,
                    format!("the title `{}` is also used by {}", doc.meta.title, others.join(", ")),
                )
                .with_code(DUPLICATE_TITLE)
                .with_help("titles name pages in search results, browser tabs and listings: give each page its own"),
            );
        }
        let unanswered = matches!(&doc.body, PageBody::Thread(t) if t.answers.is_empty());
        if unanswered {
            let mut d = Diagnostic::warning(
                &doc.shown_path,
                Position::FILE,
                "this thread has no answers yet",
            )
            .with_code(THREAD_WITHOUT_ANSWERS)
            .with_help(
                "add an answer after a `--- answer` line, or as a file in the thread's folder",
            );
            d.severity = Severity::Info;
            found.push(d);
        }
        if !linked.contains(&page.output_file()) {
            found.push(
                Diagnostic::warning(
                    &doc.shown_path,
                    Position::FILE,
                    format!("no other page links to `{}`", index.url(&page.path)),
                )
                .with_code(UNREACHABLE_PAGE)
                .with_help("readers only find it through search: link to it from a related page, or check that its section is listed"),
            );
        }
        if !found.is_empty() {
            at_title_line(&content.join(&doc.source), &mut found);
            diagnostics.append(&mut found);
        }
    }
    diagnostics
}

/// Points page-level warnings at the `title:` line of the front matter, when it can be read.
fn at_title_line(file: &Path, diagnostics: &mut [Diagnostic]) {
    let Ok(text) = crate::document::read_source(file, file) else {
        return;
    };
    let Some(line) = title_line(&text) else {
        return;
    };
    for d in diagnostics {
        d.position = Position::line(line);
        *d = d.clone().with_source(&text);
    }
}

/// The 1-based line of `title:` in a file's front matter.
fn title_line(text: &str) -> Option<usize> {
    let mut lines = text.lines().enumerate();
    lines.next().filter(|(_, l)| l.trim_end() == "---")?;
    lines
        .take_while(|(_, l)| l.trim_end() != "---")
        .find(|(_, l)| l.starts_with("title:"))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_title_line_in_front_matter_only() {
        assert_eq!(
            title_line("---\ndate: 1\ntitle: A\n---\ntitle: no\n"),
            Some(3)
        );
        assert_eq!(title_line("---\ndate: 1\n---\ntitle: no\n"), None);
    }
}
