//! Renders the markdown of every page and section, in parallel, then checks the `#anchors` that
//! links point at now that every page's ids are known. Thread posts are sanitized here, and code
//! blocks in unknown languages are reported (one warning per language).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity, SuggestionBudget};
use crate::document::PageBody;
use crate::highlight::Highlighter;
use crate::i18n::{Labels, Locales};
use crate::index::{Page, Section, SiteIndex};
use crate::markdown::{
    self, AnchorOwner, LanguageUse, PendingAnchor, PostContext, TocEntry, Trust,
};
use crate::sanitize::{CONTRIBUTOR_ID_PREFIX, Sanitizer};
use crate::search;
use crate::slug::{HeadingIds, UniqueIds};
use crate::thread::{self, PostBody, Reply};

const WORDS_PER_MINUTE: usize = 200;

/// A page's content once rendered: what its own template shows (`html`), and what outlives
/// it (`digest`).
#[derive(Debug)]
pub struct RenderedPage {
    pub digest: PageDigest,
    pub html: PageHtml,
}

/// What listings, feeds, the home page and anchor checks need of a page: a build keeps it for
/// every page after the page is written and its HTML dropped.
#[derive(Debug)]
pub struct PageDigest {
    pub summary: String,
    pub reading_time: usize,
    ids: HashSet<String>,
}

/// The HTML of a page's body and posts, shown only by the page's own template.
#[derive(Debug)]
pub struct PageHtml {
    /// The article's body, or the question's.
    pub body: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub thread: Option<ThreadHtml>,
    /// What the search index keeps of the page, when the site has search and the page is in
    /// it; kept here so watch mode can make the index again without rendering the page.
    pub search: Option<search::PageEntry>,
}

/// The HTML of a thread's posts, in the order of the thread's `ThreadPosts` (answers in
/// reading order, each with its replies).
#[derive(Debug)]
pub struct ThreadHtml {
    pub question_replies: Vec<String>,
    pub answers: Vec<AnswerHtml>,
}

#[derive(Debug)]
pub struct AnswerHtml {
    pub body: String,
    pub replies: Vec<String>,
}

#[derive(Debug)]
pub struct RenderedSection {
    pub html: String,
    ids: HashSet<String>,
}

/// What listings and the checks of `#anchors` need of the whole site: every page's digest and
/// every section's content, in index order.
#[derive(Debug, Default)]
pub struct RenderedContent {
    pub pages: Vec<PageDigest>,
    pub sections: Vec<RenderedSection>,
}

/// What rendering needs besides the content: the index for links, the sanitizer for
/// contributors' posts, the highlighter for code, and who writes articles and sections
/// (`[content] sanitize`; thread posts are always a contributor's).
#[derive(Clone, Copy)]
pub struct Tools<'a> {
    pub index: &'a SiteIndex,
    pub sanitizer: &'a Sanitizer,
    pub highlighter: &'a Highlighter,
    /// The ids the theme writes on pages, which headings leave to it.
    pub theme_ids: &'a [String],
    pub articles: Trust,
    pub heading_ids: HeadingIds,
    /// The labels of each language the pages are written in.
    pub locales: &'a Locales,
    /// Whether pages are indexed for search (`[search] enable`).
    pub search: bool,
}

impl Tools<'_> {
    /// Whether `page` goes into the search index.
    fn indexes(&self, page: &Page) -> bool {
        self.search && page.doc.meta.search
    }

    /// The ids a link may point at once the page is rendered: its own, not the theme's (which
    /// were only reserved, and many are on other templates' pages).
    fn anchors(&self, ids: UniqueIds) -> HashSet<String> {
        let mut anchors = ids.into_set();
        for id in self.theme_ids {
            anchors.remove(id);
        }
        anchors
    }

    /// The ids of a page before its content is rendered: the theme's.
    fn page_ids(&self) -> UniqueIds {
        let mut ids = UniqueIds::default();
        for id in self.theme_ids {
            ids.reserve(id);
        }
        ids
    }

    /// Sanitizes a contributor's rendered post and puts its code blocks back, its ids made
    /// unique among the page's `ids`; the summary is kept (and cleaned the same way) only when
    /// the page shows it.
    fn sanitize(&self, r: &mut markdown::Rendered, ids: &mut UniqueIds, keep_summary: bool) {
        let blocks = std::mem::take(&mut r.code_blocks);
        r.html = self.sanitizer.post(&r.html, &blocks, ids, &r.heading_ids);
        r.summary = if keep_summary {
            self.sanitizer.summary(&r.summary, &blocks)
        } else {
            String::new()
        };
    }

    /// Renders an article's or a section's body, sanitized when their authors are contributors.
    fn render_body(
        &self,
        body: &PostBody,
        cx: &PostContext,
        ids: &mut UniqueIds,
    ) -> markdown::Rendered {
        let mut r = markdown::render(body, cx, ids);
        if self.articles == Trust::Contributor {
            self.sanitize(&mut r, ids, true);
        }
        r
    }
}

/// What rendering found that is checked or reported once everything is rendered.
#[derive(Default)]
pub struct Findings {
    anchors: Vec<PendingAnchor>,
    diagnostics: Vec<Diagnostic>,
    languages: Vec<LanguageUse>,
}

impl Findings {
    fn take_from(&mut self, rendered: &mut markdown::Rendered) {
        self.anchors.append(&mut rendered.anchors);
        self.diagnostics.append(&mut rendered.diagnostics);
        self.languages.append(&mut rendered.unknown_languages);
    }
}

/// The content of every section's `_index.md`.
pub fn render_sections(tools: Tools) -> Vec<(RenderedSection, Findings)> {
    tools
        .index
        .sections
        .par_iter()
        .map(|section| render_section(tools, section))
        .collect()
}

/// Checks what needed every page and section rendered (`content`, in index order, with what
/// rendering each one found): links to `#anchors` in other pages, and the languages no grammar
/// knows. Borrows the findings so watch mode can keep them for the pages it does not re-render.
pub fn finish(
    index: &SiteIndex,
    content: &RenderedContent,
    page_findings: &[Findings],
    section_findings: &[Findings],
    strict: bool,
) -> Vec<Diagnostic> {
    let owners = (page_findings.iter().enumerate())
        .map(|(id, f)| (AnchorOwner::Page(id), f))
        .chain((section_findings.iter().enumerate()).map(|(id, f)| (AnchorOwner::Section(id), f)));
    let mut anchors = AnchorCheck {
        index,
        content,
        sorted_ids: HashMap::new(),
        suggestions: SuggestionBudget::new(),
    };
    let mut diagnostics = Vec::new();
    let mut languages = Vec::new();
    for (owner, findings) in owners {
        diagnostics.extend(findings.diagnostics.iter().cloned());
        languages.extend(findings.languages.iter().cloned());
        diagnostics.extend((findings.anchors.iter()).filter_map(|a| anchors.check(owner, a)));
    }
    diagnostics.extend(unknown_language_diagnostics(languages, strict));
    diagnostics
}

/// One diagnostic per unknown language, positioned at its first block and listing the others.
fn unknown_language_diagnostics(mut uses: Vec<LanguageUse>, strict: bool) -> Vec<Diagnostic> {
    uses.sort_by(|a, b| {
        (&a.language, &a.path, a.position).cmp(&(&b.language, &b.path, b.position))
    });
    let mut diagnostics = Vec::new();
    for group in uses.chunk_by(|a, b| a.language == b.language) {
        let first = &group[0];
        let places: Vec<String> = group
            .iter()
            .map(|u| format!("{}:{}", u.path.display(), u.position.line))
            .collect();
        let blocks = if group.len() == 1 {
            "1 code block".to_string()
        } else {
            format!("{} code blocks", group.len())
        };
        let mut d = Diagnostic::error(&first.path, first.position, format!("unknown code language `{}` in {blocks}, shown as plain text", first.language))
            .with_code("F0701")
            .with_help(format!("used at {}; `folio highlight --list` shows the known languages, `text` turns highlighting off", places.join(", ")));
        if !strict {
            d.severity = Severity::Warning;
        }
        diagnostics.push(d);
    }
    diagnostics
}

/// Checks links to `#anchors` once every page's ids are known. Each page's ids are sorted once,
/// however many links miss them, and suggestions share a budget.
struct AnchorCheck<'a> {
    index: &'a SiteIndex,
    content: &'a RenderedContent,
    sorted_ids: HashMap<AnchorOwner, Vec<&'a str>>,
    suggestions: SuggestionBudget,
}

impl<'a> AnchorCheck<'a> {
    /// The error for `pending`, found while rendering `from`, when its anchor is missing.
    fn check(&mut self, from: AnchorOwner, pending: &PendingAnchor) -> Option<Diagnostic> {
        let owner = pending.owner.unwrap_or(from);
        let ids = match owner {
            AnchorOwner::Page(id) => &self.content.pages[id].ids,
            AnchorOwner::Section(id) => &self.content.sections[id].ids,
        };
        if ids.contains(&pending.anchor) {
            return None;
        }
        let shown = match owner {
            AnchorOwner::Page(id) => self.index.pages[id].doc.shown_path.display().to_string(),
            AnchorOwner::Section(id) => self.index.sections[id].shown_path().display().to_string(),
        };
        let prefixed = format!("{CONTRIBUTOR_ID_PREFIX}{}", pending.anchor);
        let help = if ids.contains(&prefixed) {
            format!(
                "ids in contributors' posts start with `{CONTRIBUTOR_ID_PREFIX}`: link to `#{prefixed}`"
            )
        } else {
            let known = self.sorted_ids.entry(owner).or_insert_with(|| {
                let mut known: Vec<&str> = ids.iter().map(String::as_str).collect();
                known.sort_unstable();
                known
            });
            anchor_help(&pending.anchor, &shown, known, &self.suggestions)
        };
        Some(missing_anchor(pending, &shown, help))
    }
}

/// What to link to instead of a missing `anchor` of `shown`, whose ids are `known`.
fn anchor_help(
    anchor: &str,
    shown: &str,
    known: &[&str],
    suggestions: &SuggestionBudget,
) -> String {
    match suggestions.closest(anchor, known) {
        Some(k) => format!("did you mean `#{k}`?"),
        None if known.is_empty() => format!("`{shown}` has no anchors"),
        None => format!(
            "anchors in `{shown}`: {}",
            known
                .iter()
                .take(12)
                .map(|k| format!("#{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn missing_anchor(pending: &PendingAnchor, shown: &str, help: String) -> Diagnostic {
    let mut d = Diagnostic::error(
        &pending.path,
        pending.position,
        format!(
            "link `{}` points to a missing anchor `#{}` in `{shown}`",
            pending.link, pending.anchor
        ),
    )
    .with_code("F0304")
    .with_help(help);
    d.source_line = Some(pending.source_line.clone());
    d
}

fn source_dir(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// One page's content, with what it found (link targets to check, unknown languages).
pub fn render_page(tools: Tools, page: &Page) -> (RenderedPage, Findings) {
    match &page.doc.body {
        PageBody::Article(body) => render_article(tools, page, body),
        PageBody::Thread(posts) => render_thread(tools, page, posts),
    }
}

fn render_article(tools: Tools, page: &Page, body: &PostBody) -> (RenderedPage, Findings) {
    let doc = &page.doc;
    let url = tools.index.url(&page.path);
    let cx = PostContext {
        shown_path: &doc.shown_path,
        source_dir: source_dir(&doc.source),
        footnote_prefix: "",
        links: tools.index,
        highlighter: tools.highlighter,
        trust: tools.articles,
        heading_ids: tools.heading_ids,
        page_url: &url,
        labels: &tools.locales.get(&page.language).labels,
        keep_text: tools.indexes(page),
    };
    let mut ids = tools.page_ids();
    let mut r = tools.render_body(body, &cx, &mut ids);
    let mut findings = Findings::default();
    findings.take_from(&mut r);
    let search = cx.keep_text.then(|| search::article(page, &r.text));
    let page = RenderedPage {
        digest: PageDigest {
            summary: r.summary,
            reading_time: reading_time(r.word_count),
            ids: tools.anchors(ids),
        },
        html: PageHtml {
            body: r.html,
            toc: r.toc,
            word_count: r.word_count,
            thread: None,
            search,
        },
    };
    (page, findings)
}

fn render_thread(
    tools: Tools,
    page: &Page,
    posts: &thread::ThreadPosts,
) -> (RenderedPage, Findings) {
    let doc = &page.doc;
    let mut ids = tools.page_ids();
    for anchor in posts.anchors() {
        ids.reserve(anchor);
    }
    let mut renderer = PostRenderer {
        tools,
        ids,
        findings: Findings::default(),
        words: 0,
        page_url: tools.index.url(&page.path),
        labels: &tools.locales.get(&page.language).labels,
        texts: tools.indexes(page).then(Vec::new),
    };
    let question = renderer.render(
        &posts.question,
        &doc.shown_path,
        &doc.source,
        Post::Question,
    );
    let question_replies = posts
        .question_replies
        .iter()
        .map(|r| renderer.reply(r, &doc.shown_path, &doc.source))
        .collect();
    // Answer files of a thread folder sit beside its index.md, so links resolve from the same
    // folder in both forms.
    let source = &doc.source;
    let answers = (posts.answers.iter())
        .map(|a| AnswerHtml {
            body: renderer
                .render(&a.body, &a.path, source, Post::At(&a.anchor))
                .html,
            replies: (a.replies.iter())
                .map(|r| renderer.reply(r, &a.path, source))
                .collect(),
        })
        .collect();
    let page = RenderedPage {
        digest: PageDigest {
            summary: question.summary,
            reading_time: reading_time(renderer.words),
            ids: tools.anchors(renderer.ids),
        },
        html: PageHtml {
            body: question.html,
            toc: question.toc,
            word_count: renderer.words,
            thread: Some(ThreadHtml {
                question_replies,
                answers,
            }),
            search: (renderer.texts.as_ref()).map(|texts| search::thread(page, posts, texts)),
        },
    };
    (page, renderer.findings)
}

/// Which post of a thread is rendered: the question, whose summary is the page's, or an answer
/// or reply at its anchor, which prefixes its footnotes and has no summary to keep.
#[derive(Clone, Copy)]
enum Post<'a> {
    Question,
    At(&'a str),
}

/// Renders the posts of one thread, sharing the page's ids and sanitizing every post.
struct PostRenderer<'a> {
    tools: Tools<'a>,
    ids: UniqueIds,
    findings: Findings,
    words: usize,
    page_url: String,
    labels: &'a Labels,
    /// Each post's text for the search index, in the thread's order, when the page is indexed.
    texts: Option<Vec<search::PostText>>,
}

impl PostRenderer<'_> {
    fn render(
        &mut self,
        body: &PostBody,
        shown: &Path,
        source: &Path,
        post: Post,
    ) -> markdown::Rendered {
        let prefix = match post {
            Post::Question => String::new(),
            Post::At(anchor) => format!("{anchor}-"),
        };
        let cx = PostContext {
            shown_path: shown,
            source_dir: source_dir(source),
            footnote_prefix: &prefix,
            links: self.tools.index,
            highlighter: self.tools.highlighter,
            trust: Trust::Contributor,
            heading_ids: self.tools.heading_ids,
            page_url: &self.page_url,
            labels: self.labels,
            keep_text: self.texts.is_some(),
        };
        let mut r = markdown::render(body, &cx, &mut self.ids);
        if let Some(texts) = &mut self.texts {
            texts.push(search::PostText::of(&r.text));
        }
        let keep_summary = matches!(post, Post::Question);
        self.tools.sanitize(&mut r, &mut self.ids, keep_summary);
        self.words += r.word_count;
        self.findings.take_from(&mut r);
        r
    }

    fn reply(&mut self, reply: &Reply, shown: &Path, source: &Path) -> String {
        self.render(&reply.body, shown, source, Post::At(&reply.anchor))
            .html
    }
}

fn render_section(tools: Tools, section: &Section) -> (RenderedSection, Findings) {
    let shown = section.shown_path();
    let url = tools.index.url(&section.path);
    let cx = PostContext {
        shown_path: &shown,
        source_dir: &section.doc.dir,
        footnote_prefix: "",
        links: tools.index,
        highlighter: tools.highlighter,
        trust: tools.articles,
        heading_ids: tools.heading_ids,
        page_url: &url,
        labels: &tools.locales.get(&section.language).labels,
        keep_text: false,
    };
    let mut ids = tools.page_ids();
    let mut r = tools.render_body(&section.doc.body, &cx, &mut ids);
    let mut findings = Findings::default();
    findings.take_from(&mut r);
    (
        RenderedSection {
            html: r.html,
            ids: tools.anchors(ids),
        },
        findings,
    )
}

fn reading_time(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}
