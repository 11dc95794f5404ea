//! Markdown to HTML for one post (an article body, a question, an answer or a reply). In: the
//! post's markdown with its first line in the source file, and where the post lives
//! (`PostContext`). Out: `Rendered`, the HTML with its summary, table of contents, word count,
//! the anchors to check once every page is rendered, and diagnostics with file positions. Every
//! transform runs on pulldown-cmark's events while their byte offsets are still known, so every
//! broken link gets its file line. This module walks the events and rewrites the inline ones
//! (alerts as admonitions, task lists, the summary marker); the block transforms live in their
//! own modules: `headings` (ids, anchors, the TOC), `code` (highlighted code blocks), `tables`,
//! `footnotes`, and `links` (link rewriting and the anchors to check).

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{BlockQuoteKind, Event, Options, Parser, Tag, TagEnd, html};

use crate::diagnostic::{Diagnostic, LineIndex, Position};
use crate::highlight::Highlighter;
use crate::i18n::Labels;
use crate::sanitize::CONTRIBUTOR_ID_PREFIX;
use crate::slug::HeadingIds;
use crate::slug::UniqueIds;
use crate::thread::PostBody;

mod code;
mod footnotes;
mod headings;
mod links;
mod tables;

pub(crate) use code::LanguageUse;
pub(crate) use headings::TocEntry;
pub(crate) use links::{AnchorOwner, PendingAnchor, may_be_in_a_post};
pub use links::{LinkError, ResolveLink, ResolvedLink};

use footnotes::{FOOTNOTE_MARK, FootnoteIds, Footnotes};

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub summary: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub anchors: Vec<PendingAnchor>,
    pub diagnostics: Vec<Diagnostic>,
    pub unknown_languages: Vec<LanguageUse>,
    /// Highlighted blocks whose placeholders stand in `html` (when set aside).
    pub code_blocks: Vec<std::sync::Arc<str>>,
    /// The ids given to the post's headings, in order.
    pub heading_ids: Vec<String>,
    /// The post's plain text cut at its headings, when its context asks for it (search).
    pub text: Vec<TextBlock>,
}

/// A part of a post's plain text: from its start, or from a heading to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextBlock {
    /// The id of the heading the part starts at; `None` at the post's start.
    pub anchor: Option<String>,
    pub heading: String,
    /// Prose: text, inline code, table cells and footnotes.
    pub text: String,
    /// The code blocks' text, which is searched but never shown as an excerpt.
    pub code: String,
}

impl TextBlock {
    /// Adds `text`; a `" "` ends a block or a line, so it is added only once.
    fn add(&mut self, text: &str) {
        if text == " " && (self.text.is_empty() || self.text.ends_with(' ')) {
            return;
        }
        self.text.push_str(text);
    }
}

/// What a post needs to know about where it lives.
pub struct PostContext<'a> {
    pub shown_path: &'a Path,
    /// The source file's folder relative to `content/`, for relative links.
    pub source_dir: &'a Path,
    /// Prefix of footnote ids, so posts sharing a page do not collide.
    pub footnote_prefix: &'a str,
    pub links: &'a dyn ResolveLink,
    pub highlighter: &'a Highlighter,
    pub trust: Trust,
    pub heading_ids: HeadingIds,
    /// The page's own URL: its summary is shown on other pages, where `#later` must name it.
    pub page_url: &'a str,
    /// The words folio writes into the post, in its page's language.
    pub labels: &'a Labels,
    /// Whether to keep the post's plain text (`Rendered::text`) for the search index.
    pub keep_text: bool,
}

/// Who wrote a post. The site's authors' raw HTML is kept as written. A contributor's post is
/// sanitized afterwards, so its highlighted code blocks are set aside (`Rendered::code_blocks`,
/// a placeholder in the HTML) for the sanitizer to skip, and its ids carry
/// `CONTRIBUTOR_ID_PREFIX`, as the sanitizer gives every other id of the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    Author,
    Contributor,
}

impl Trust {
    pub(crate) fn id_prefix(self) -> &'static str {
        match self {
            Trust::Author => "",
            Trust::Contributor => CONTRIBUTOR_ID_PREFIX,
        }
    }
}

/// The markdown extensions folio enables; `check` parses bodies with the same ones.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Renders one post. `ids` is shared by every post of a page so heading ids stay unique.
pub fn render(body: &PostBody, cx: &PostContext, ids: &mut UniqueIds) -> Rendered {
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&body.markdown, options())
        .into_offset_iter()
        .collect();
    let lines = LineIndex::new(&body.markdown);
    let mut writer = Writer {
        cx,
        body,
        lines,
        ids,
        out: Vec::with_capacity(events.len()),
        rendered: Rendered::default(),
        footnotes: Footnotes::default(),
        summary_end: None,
        first_paragraph: None,
        depth: 0,
        in_heading: false,
    };
    if cx.keep_text {
        writer.rendered.text.push(TextBlock::default());
    }
    writer.run(events);
    writer.finish()
}

fn footnote_ids<'c>(cx: &PostContext<'c>) -> FootnoteIds<'c> {
    FootnoteIds {
        page: cx.trust.id_prefix(),
        post: cx.footnote_prefix,
    }
}

struct Writer<'a, 'c> {
    cx: &'c PostContext<'c>,
    body: &'c PostBody,
    lines: LineIndex<'c>,
    ids: &'c mut UniqueIds,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    footnotes: Footnotes<'a>,
    summary_end: Option<usize>,
    first_paragraph: Option<Range<usize>>,
    /// Nesting of block containers, to find the first top-level paragraph.
    depth: usize,
    /// Inside a heading, whose text starts the next text block instead of ending this one.
    in_heading: bool,
}

impl<'a> Writer<'a, '_> {
    fn run(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let inner =
                        take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                    self.in_heading = true;
                    let inner = self.rewrite_inline(inner);
                    self.in_heading = false;
                    if let Some(taken) = self.heading(level, id, classes, attrs, inner) {
                        self.taken_heading_id(&taken, &range);
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let inner =
                        take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                    self.code_block(kind, &inner, &range);
                }
                Event::Start(Tag::Table(alignments)) => {
                    let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Table)));
                    self.table(&alignments, inner);
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let inner = take_until(&mut iter, |e| {
                        matches!(e, Event::End(TagEnd::FootnoteDefinition))
                    });
                    let inner = self.rewrite_inline(inner);
                    self.footnotes.define(label, inner);
                }
                other => {
                    let rewritten = self.rewrite(other, range);
                    self.push(rewritten);
                }
            }
        }
    }

    /// Applies link rewriting and footnote references to events collected inside a heading or
    /// a footnote definition.
    fn rewrite_inline(&mut self, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
        events
            .into_iter()
            .flat_map(|(e, r)| self.rewrite(e, r))
            .collect()
    }

    fn push(&mut self, events: Vec<Event<'a>>) {
        for event in events {
            match &event {
                Event::Start(Tag::Paragraph)
                    if self.depth == 0 && self.first_paragraph.is_none() =>
                {
                    self.first_paragraph = Some(self.out.len()..self.out.len());
                }
                Event::End(TagEnd::Paragraph) if self.depth == 0 => {
                    if let Some(range) = self.first_paragraph.as_mut().filter(|r| r.start == r.end)
                    {
                        range.end = self.out.len() + 1;
                    }
                }
                Event::Start(
                    Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Table(_)
                    | Tag::DefinitionList
                    | Tag::Item
                    | Tag::HtmlBlock,
                ) => self.depth += 1,
                Event::End(
                    TagEnd::BlockQuote(_)
                    | TagEnd::List(_)
                    | TagEnd::Table
                    | TagEnd::DefinitionList
                    | TagEnd::Item
                    | TagEnd::HtmlBlock,
                ) => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            self.out.push(event);
        }
    }

    fn rewrite(&mut self, event: Event<'a>, range: Range<usize>) -> Vec<Event<'a>> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(dest_url, &range);
                vec![Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })]
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(dest_url, &range);
                vec![Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })]
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, index) = alert_name(kind);
                let title = crate::escape::attr(&self.cx.labels.alerts[index]);
                vec![Event::Html(format!("<div class=\"admonition admonition-{class}\" role=\"note\"><p class=\"admonition-title\">{title}</p>\n").into())]
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => vec![Event::Html("</div>\n".into())],
            Event::TaskListMarker(done) => {
                let labels = self.cx.labels;
                let (checked, label) = if done {
                    (" checked", crate::escape::attr(&labels.task_done))
                } else {
                    ("", crate::escape::attr(&labels.task_open))
                };
                vec![Event::InlineHtml(
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ")
                        .into(),
                )]
            }
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference(&label, footnote_ids(self.cx));
                vec![Event::InlineHtml(html.into())]
            }
            Event::Html(ref text) | Event::InlineHtml(ref text)
                if text.trim() == "<!-- more -->" =>
            {
                self.summary_end.get_or_insert(self.out.len());
                vec![]
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.rendered.word_count += text.split_whitespace().count();
                self.keep_text(text);
                vec![event]
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                if !is_inline_end(&event) {
                    self.keep_text(" ");
                }
                vec![event]
            }
            other => vec![other],
        }
    }

    /// Adds prose to the current text block, when the post keeps its text.
    fn keep_text(&mut self, text: &str) {
        if self.in_heading {
            return;
        }
        if let Some(block) = self.rendered.text.last_mut() {
            block.add(text);
        }
    }

    fn position(&self, range: &Range<usize>) -> (Position, String) {
        let local = self.lines.position(range.start);
        (
            Position::new(self.body.first_line + local.line - 1, local.col),
            self.lines.line_text(local.line).to_string(),
        )
    }

    fn finish(mut self) -> Rendered {
        let summary_events = match (self.summary_end, &self.first_paragraph) {
            (Some(end), _) => &self.out[..end],
            (None, Some(range)) if !range.is_empty() => &self.out[range.clone()],
            _ => &[][..],
        };
        self.rendered.summary = summary_html(summary_events, self.cx.page_url);
        let footnotes =
            std::mem::take(&mut self.footnotes).into_events(footnote_ids(self.cx), self.cx.labels);
        let mut html_out = String::with_capacity(self.body.markdown.len() * 3 / 2);
        html::push_html(&mut html_out, self.out.into_iter().chain(footnotes));
        self.rendered.html = html_out;
        self.rendered
    }
}

/// The summary's HTML, for other pages (listings, feeds, the home page): its own `#anchors`
/// name its page, and footnote marks, whose notes are not there, are left out.
fn summary_html(events: &[Event], page_url: &str) -> String {
    let footnote_mark = |event: &&Event| matches!(event, Event::InlineHtml(html) if html.starts_with(FOOTNOTE_MARK));
    let events = (events.iter().filter(|e| !footnote_mark(e)).cloned()).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if dest_url.starts_with('#') => Event::Start(Tag::Link {
            link_type,
            dest_url: format!("{page_url}{dest_url}").into(),
            title,
            id,
        }),
        other => other,
    });
    let mut html_out = String::new();
    html::push_html(&mut html_out, events);
    html_out
}

/// Whether `event` closes an inline element, whose text runs on without a space.
fn is_inline_end(event: &Event) -> bool {
    matches!(
        event,
        Event::End(
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        )
    )
}

/// Takes events up to and including the one that closes the current element.
fn take_until<'a>(
    iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    is_end: impl Fn(&Event) -> bool,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut inner = Vec::new();
    for (event, range) in iter.by_ref() {
        if is_end(&event) {
            break;
        }
        inner.push((event, range));
    }
    inner
}

/// An alert's class, and its place in `Labels::alerts`.
fn alert_name(kind: BlockQuoteKind) -> (&'static str, usize) {
    match kind {
        BlockQuoteKind::Note => ("note", 0),
        BlockQuoteKind::Tip => ("tip", 1),
        BlockQuoteKind::Important => ("important", 2),
        BlockQuoteKind::Warning => ("warning", 3),
        BlockQuoteKind::Caution => ("caution", 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) struct NoLinks;

    impl ResolveLink for NoLinks {
        fn resolve(&self, _from: &Path, dest: &str) -> Result<ResolvedLink, LinkError> {
            if dest.contains("missing") {
                return Err(LinkError {
                    code: "F0301",
                    message: format!("link to a missing file `{dest}`"),
                    help: None,
                });
            }
            let anchor = dest.strip_prefix('#').map(|a| (None, a.to_string()));
            Ok(ResolvedLink {
                href: dest.replace(".md", "/"),
                anchor,
            })
        }
    }

    pub(super) fn md(text: &str) -> Rendered {
        let cx = PostContext {
            shown_path: Path::new("content/a.md"),
            source_dir: Path::new(""),
            footnote_prefix: "",
            links: &NoLinks,
            highlighter: &Highlighter::new(false, None).unwrap(),
            trust: Trust::Author,
            heading_ids: HeadingIds::Ascii,
            page_url: "/guide/pay/",
            labels: Labels::english(),
            keep_text: true,
        };
        render(
            &PostBody {
                markdown: text.to_string(),
                first_line: 10,
            },
            &cx,
            &mut UniqueIds::default(),
        )
    }

    #[test]
    fn alerts_become_admonitions() {
        let r = md("> [!WARNING]\n> Mind the gap.\n");
        assert_eq!(
            r.html,
            "<div class=\"admonition admonition-warning\" role=\"note\"><p class=\"admonition-title\">Warning</p>\n<p>Mind the gap.</p>\n</div>\n"
        );
    }

    #[test]
    fn a_summary_has_no_footnote_marks() {
        let r = md("Fact.[^1]\n\n[^1]: Source.\n");
        assert_eq!(r.summary, "<p>Fact.</p>\n");
        assert!(r.html.contains("footnote-ref"), "{}", r.html);
    }

    #[test]
    fn a_summarys_own_anchors_name_its_page() {
        let r = md("See [later](#later).\n\n## Later\n");
        assert_eq!(
            r.summary,
            "<p>See <a href=\"/guide/pay/#later\">later</a>.</p>\n"
        );
        assert!(r.html.contains("<a href=\"#later\">"), "{}", r.html);
    }

    #[test]
    fn summary_is_the_more_marker_or_the_first_paragraph() {
        assert_eq!(md("First.\n\nSecond.\n").summary, "<p>First.</p>\n");
        assert_eq!(
            md("> quote\n\nFirst.\n\nSecond.\n").summary,
            "<p>First.</p>\n"
        );
        assert_eq!(
            md("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n").summary,
            "<p>One.</p>\n<p>Two.</p>\n"
        );
    }

    #[test]
    fn plain_text_is_kept_in_parts_cut_at_headings() {
        let r = md(
            "Intro *with* `code`'s [link](x.md).\n\n## Setup {#setup}\n\n- one\n- two\n\n```\nlet x;\n```\n",
        );
        assert_eq!(
            r.text,
            [
                TextBlock {
                    anchor: None,
                    heading: String::new(),
                    text: "Intro with code’s link. ".into(),
                    code: String::new(),
                },
                TextBlock {
                    anchor: Some("setup".into()),
                    heading: "Setup".into(),
                    text: "one two ".into(),
                    code: "let x;\n".into(),
                },
            ]
        );
    }

    #[test]
    fn counts_words_outside_code_blocks() {
        assert_eq!(
            md("Three little words\n\n```\nnot counted here\n```\n").word_count,
            3
        );
    }

    #[test]
    fn smart_punctuation_task_lists_and_definition_lists() {
        let r = md("\"Hi\" -- there\n\n- [x] done\n\nTerm\n: Definition\n");
        assert!(r.html.contains("“Hi” – there"), "{}", r.html);
        assert!(
            r.html.contains(
                "<li><input type=\"checkbox\" disabled checked aria-label=\"Done\"> done</li>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<dt>Term</dt>"), "{}", r.html);
    }
}
