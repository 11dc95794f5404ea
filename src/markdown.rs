//! Markdown to HTML for one post (an article body, a question, an answer or a reply): heading
//! ids and anchors, the table of contents, GitHub alerts as admonitions, footnotes, summary and
//! word count, and link rewriting while byte offsets are still known, so every broken link gets
//! its file line. Anchors into other pages are returned to be checked once every page is rendered.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, LineIndex, Position};
use crate::highlight::Highlighter;
use crate::slug::{UniqueIds, slugify};
use crate::thread::PostBody;

/// Where a link's `#anchor` must exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorOwner {
    Page(usize),
    Section(usize),
}

/// A link target as the site index resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub href: String,
    /// The anchor to check once every page is rendered, and the document that must define it
    /// (`None`: the page the link is on).
    pub anchor: Option<(Option<AnchorOwner>, String)>,
}

/// A link that cannot be resolved: message and help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// The diagnostic code (F03xx), see docs/diagnostics.md.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// Turns a link as written in a source file into the URL of the built site.
pub trait ResolveLink {
    /// `from_dir` is the folder of the source file, relative to `content/`.
    fn resolve(&self, from_dir: &Path, dest: &str) -> Result<ResolvedLink, LinkError>;
}

/// An anchor link to check after rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAnchor {
    pub owner: Option<AnchorOwner>,
    pub anchor: String,
    pub link: String,
    pub path: PathBuf,
    pub position: Position,
    pub source_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

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
}

/// A code block whose language no grammar knows, for the build's warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageUse {
    pub language: String,
    pub path: PathBuf,
    pub position: Position,
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
    /// Put highlighted code blocks in `Rendered::code_blocks` and only a placeholder in the
    /// HTML, so a sanitizer can skip the (trusted, escaped, span-heavy) highlighted code.
    pub set_aside_code: bool,
}

/// The text that stands for the `n`th set-aside code block; see `PostContext::set_aside_code`.
pub fn code_placeholder(n: usize) -> String {
    format!("\u{E000}folio-code-{n}\u{E000}\n")
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
    };
    writer.run(events);
    writer.finish()
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
                    let inner = self.rewrite_inline(inner);
                    self.heading(level, id, classes, attrs, inner);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let inner =
                        take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                    let code: String = inner
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let info = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => info.into_string(),
                        _ => String::new(),
                    };
                    let block = self.cx.highlighter.render(&info, &code);
                    if let Some(language) = block.unknown_language {
                        let (position, _) = self.position(&range);
                        self.rendered.unknown_languages.push(LanguageUse {
                            language,
                            path: self.cx.shown_path.to_path_buf(),
                            position,
                        });
                    }
                    let html = if self.cx.set_aside_code {
                        self.rendered.code_blocks.push(block.html);
                        code_placeholder(self.rendered.code_blocks.len() - 1)
                    } else {
                        block.html.as_ref().to_string()
                    };
                    self.out.push(Event::Html(html.into()));
                }
                Event::Start(Tag::Table(alignments)) => {
                    let inner = take_until(&mut iter, |e| matches!(e, Event::End(TagEnd::Table)));
                    let label = escape_attr(&table_label(&inner));
                    self.out.push(Event::Html(format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">").into()));
                    let inner = self.rewrite_inline(inner);
                    self.out.push(Event::Start(Tag::Table(Vec::new())));
                    self.out.extend(aligned_cells(inner, &alignments));
                    self.out.push(Event::End(TagEnd::Table));
                    self.out.push(Event::Html("</div>\n".into()));
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
                let (class, title) = alert_name(kind);
                vec![Event::Html(format!("<div class=\"admonition admonition-{class}\" role=\"note\"><p class=\"admonition-title\">{title}</p>\n").into())]
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => vec![Event::Html("</div>\n".into())],
            Event::TaskListMarker(done) => {
                let (checked, label) = if done {
                    (" checked", "Done")
                } else {
                    ("", "Not done")
                };
                vec![Event::InlineHtml(
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ")
                        .into(),
                )]
            }
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference(&label, self.cx.footnote_prefix);
                vec![Event::InlineHtml(html.into())]
            }
            Event::Html(ref text) | Event::InlineHtml(ref text)
                if text.trim() == "<!-- more -->" =>
            {
                self.summary_end.get_or_insert(self.out.len());
                vec![]
            }
            Event::Text(ref text) => {
                self.rendered.word_count += text.split_whitespace().count();
                vec![event]
            }
            Event::Code(ref text) => {
                self.rendered.word_count += text.split_whitespace().count();
                vec![event]
            }
            other => vec![other],
        }
    }

    fn position(&self, range: &Range<usize>) -> (Position, String) {
        let local = self.lines.position(range.start);
        let line = self
            .body
            .markdown
            .lines()
            .nth(local.line - 1)
            .unwrap_or("")
            .to_string();
        (
            Position::new(self.body.first_line + local.line - 1, local.col),
            line,
        )
    }

    fn link(&mut self, dest: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        match self.cx.links.resolve(self.cx.source_dir, &dest) {
            Ok(resolved) => {
                if let Some((owner, anchor)) = resolved.anchor {
                    let (position, source_line) = self.position(range);
                    self.rendered.anchors.push(PendingAnchor {
                        owner,
                        anchor,
                        link: dest.to_string(),
                        path: self.cx.shown_path.to_path_buf(),
                        position,
                        source_line,
                    });
                }
                if resolved.href == dest.as_ref() {
                    dest
                } else {
                    resolved.href.into()
                }
            }
            Err(err) => {
                let (position, source_line) = self.position(range);
                let mut diagnostic = Diagnostic::error(self.cx.shown_path, position, err.message)
                    .with_help_opt(err.help)
                    .with_code(err.code);
                diagnostic.source_line = Some(source_line);
                self.rendered.diagnostics.push(diagnostic);
                dest
            }
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
    ) {
        let title = plain_text(&inner);
        let id = match id {
            Some(explicit) => {
                self.ids.reserve(&explicit);
                explicit.into_string()
            }
            None => self.ids.unique(&slugify(&title)),
        };
        let mut open = format!("<{level} id=\"{}\"", escape_attr(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape_attr(&classes.join(" "))));
        }
        for (name, value) in &attrs {
            open.push_str(&format!(
                " {}=\"{}\"",
                escape_attr(name),
                escape_attr(value.as_deref().unwrap_or(""))
            ));
        }
        open.push('>');
        self.out.push(Event::Html(open.into()));
        self.out.extend(inner);
        if level != HeadingLevel::H1 {
            let label = escape_attr(&format!("Link to this section: {title}"));
            self.out.push(Event::Html(
                format!(
                    "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a>",
                    escape_attr(&id)
                )
                .into(),
            ));
            add_to_toc(
                &mut self.rendered.toc,
                TocEntry {
                    level: level as u8,
                    id,
                    title,
                    children: Vec::new(),
                },
            );
        }
        self.out.push(Event::Html(format!("</{level}>\n").into()));
    }

    fn finish(mut self) -> Rendered {
        let summary_events = match (self.summary_end, &self.first_paragraph) {
            (Some(end), _) => &self.out[..end],
            (None, Some(range)) if !range.is_empty() => &self.out[range.clone()],
            _ => &[][..],
        };
        html::push_html(&mut self.rendered.summary, summary_events.iter().cloned());
        let footnotes = std::mem::take(&mut self.footnotes).into_events(self.cx.footnote_prefix);
        let mut html_out = String::with_capacity(self.body.markdown.len() * 3 / 2);
        html::push_html(&mut html_out, self.out.into_iter().chain(footnotes));
        self.rendered.html = html_out;
        self.rendered
    }
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

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Table cells with `class="align-center"` instead of pulldown-cmark's inline `style`, which a
/// strict Content-Security-Policy would block.
fn aligned_cells<'a>(events: Vec<Event<'a>>, alignments: &[Alignment]) -> Vec<Event<'a>> {
    let mut in_head = false;
    let mut column = 0;
    events
        .into_iter()
        .map(|event| {
            let tag = if in_head { "th" } else { "td" };
            match event {
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    column = 0;
                    event
                }
                Event::End(TagEnd::TableHead) => {
                    in_head = false;
                    event
                }
                Event::Start(Tag::TableRow) => {
                    column = 0;
                    event
                }
                Event::Start(Tag::TableCell) => {
                    let class = match alignments.get(column) {
                        Some(Alignment::Left) => " class=\"align-left\"",
                        Some(Alignment::Center) => " class=\"align-center\"",
                        Some(Alignment::Right) => " class=\"align-right\"",
                        _ => "",
                    };
                    Event::Html(format!("<{tag}{class}>").into())
                }
                Event::End(TagEnd::TableCell) => {
                    column += 1;
                    Event::Html(format!("</{tag}>").into())
                }
                other => other,
            }
        })
        .collect()
}

/// "Table: Tool, Use": the header cells name the scrollable region, so each table on a page
/// gets its own accessible name.
fn table_label(events: &[(Event, Range<usize>)]) -> String {
    let mut cells = Vec::new();
    let mut in_head = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => break,
            Event::Start(Tag::TableCell) if in_head => cells.push(String::new()),
            Event::Text(t) | Event::Code(t) if in_head => {
                if let Some(cell) = cells.last_mut() {
                    cell.push_str(t);
                }
            }
            _ => {}
        }
    }
    let names: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if names.is_empty() {
        "Table".into()
    } else {
        format!("Table: {}", names.join(", "))
    }
}

fn add_to_toc(toc: &mut Vec<TocEntry>, entry: TocEntry) {
    match toc.last_mut() {
        Some(last) if last.level < entry.level => add_to_toc(&mut last.children, entry),
        _ => toc.push(entry),
    }
}

fn alert_name(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_text_into(&mut out, text);
    out
}

/// [`escape_text`] appending to `out`: the highlighter escapes every run of code between spans.
pub fn escape_text_into(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html_body_text(out, text).ok();
}

pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// Footnote references are numbered in order of first use; definitions are gathered and written
/// at the end of the post, GitHub style.
#[derive(Default)]
struct Footnotes<'a> {
    order: Vec<String>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    fn reference(&mut self, label: &str, prefix: &str) -> String {
        let key = footnote_key(label);
        let number = match self.order.iter().position(|k| *k == key) {
            Some(i) => i + 1,
            None => {
                self.order.push(key.clone());
                self.order.len()
            }
        };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{prefix}{key}\" id=\"fnref-{prefix}{key}\">{number}</a></sup>"
        )
    }

    fn define(&mut self, label: CowStr<'a>, events: Vec<Event<'a>>) {
        self.definitions.push((footnote_key(&label), events));
    }

    fn into_events(mut self, prefix: &str) -> Vec<Event<'a>> {
        if self.definitions.is_empty() {
            return Vec::new();
        }
        let rank = |key: &str| {
            self.order
                .iter()
                .position(|k| k == key)
                .unwrap_or(usize::MAX)
        };
        self.definitions.sort_by_key(|(key, _)| rank(key));
        let mut events = vec![Event::Html(
            "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n".into(),
        )];
        for (number, (key, body)) in self.definitions.into_iter().enumerate() {
            events.push(Event::Html(
                format!("<li id=\"fn-{prefix}{key}\">\n").into(),
            ));
            events.extend(body);
            let back = if self.order.contains(&key) {
                format!(
                    "<a class=\"footnote-back\" href=\"#fnref-{prefix}{key}\" aria-label=\"Back to reference {}\">↩</a>\n",
                    number + 1
                )
            } else {
                String::new()
            };
            events.push(Event::Html(format!("{back}</li>\n").into()));
        }
        events.push(Event::Html("</ol>\n</section>\n".into()));
        events
    }
}

fn footnote_key(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() { "note".into() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;

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

    fn md(text: &str) -> Rendered {
        let cx = PostContext {
            shown_path: Path::new("content/a.md"),
            source_dir: Path::new(""),
            footnote_prefix: "",
            links: &NoLinks,
            highlighter: &Highlighter::new(false, None).unwrap(),
            set_aside_code: false,
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
    fn headings_get_unique_ids_anchors_and_a_toc() {
        let r = md("## Intro\n\n### Sub *part*\n\n## Intro\n\n## Custom {#mine}\n");
        assert!(r.html.contains("<h2 id=\"intro\">Intro<a class=\"heading-anchor\" href=\"#intro\" aria-label=\"Link to this section: Intro\">#</a></h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"intro-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">Custom"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].title, "Sub part");
        assert_eq!(r.toc[0].children[0].id, "sub-part");
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
    fn code_blocks_are_escaped_with_a_language_class() {
        let r = md("```python title=\"x.py\"\nif a < b:\n    pass\n```\n");
        assert_eq!(
            r.html,
            "<figure class=\"code-block\" data-lang=\"python\"><figcaption class=\"code-title\">x.py</figcaption><pre class=\"hl-code\" tabindex=\"0\"><code class=\"language-python\"><span class=\"line\">if a &lt; b:</span>\n<span class=\"line\">    pass</span>\n</code></pre></figure>\n"
        );
        assert!(r.unknown_languages.is_empty());
    }

    #[test]
    fn unknown_code_languages_are_recorded_with_their_line() {
        let r = md("Intro\n\n```klingon\nQapla'\n```\n");
        assert_eq!(
            r.unknown_languages,
            vec![LanguageUse {
                language: "klingon".into(),
                path: "content/a.md".into(),
                position: Position::new(12, 1)
            }]
        );
    }

    #[test]
    fn tables_are_wrapped_for_scrolling() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.starts_with("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table: a, b\"><table>"), "{}", r.html);
        assert!(r.html.ends_with("</table>\n</div>\n"), "{}", r.html);
    }

    #[test]
    fn aligned_columns_use_classes_not_inline_styles() {
        let r = md("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(r.html.contains("<thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th></tr></thead>"), "{}", r.html);
        assert!(r.html.contains("<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td></tr>"), "{}", r.html);
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn footnotes_are_numbered_and_gathered_at_the_end() {
        let r = md("Text[^b] and[^a].\n\n[^a]: First def.\n[^b]: Second def.\n");
        assert!(
            r.html.contains("<a href=\"#fn-b\" id=\"fnref-b\">1</a>"),
            "{}",
            r.html
        );
        let b = r.html.find("<li id=\"fn-b\">").unwrap();
        let a = r.html.find("<li id=\"fn-a\">").unwrap();
        assert!(b < a, "definitions follow reference order");
        assert!(
            r.html
                .contains("href=\"#fnref-a\" aria-label=\"Back to reference 2\"")
        );
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
    fn counts_words_outside_code_blocks() {
        assert_eq!(
            md("Three little words\n\n```\nnot counted here\n```\n").word_count,
            3
        );
    }

    #[test]
    fn links_are_rewritten_and_failures_positioned() {
        let r = md("See [pay](pay.md) and\n[gone](missing.md).\n");
        assert!(r.html.contains("href=\"pay/\""));
        let d = &r.diagnostics[0];
        assert_eq!(
            d.to_string(),
            "content/a.md:11:1: error[F0301]: link to a missing file `missing.md`\n   |\n11 | [gone](missing.md).\n   | ^"
        );
    }

    #[test]
    fn same_page_anchors_are_recorded_for_checking() {
        let r = md("[x](#later)\n");
        assert_eq!(r.anchors[0].anchor, "later");
        assert_eq!(r.anchors[0].owner, None);
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
