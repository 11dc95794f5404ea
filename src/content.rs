//! Renders the markdown of every page and section, in parallel, then checks the `#anchors` that
//! links point at now that every page's ids are known. Thread posts are sanitized here.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest};
use crate::document::PageBody;
use crate::index::{Page, Section, SiteIndex};
use crate::markdown::{self, AnchorOwner, PendingAnchor, PostContext, TocEntry};
use crate::sanitize::Sanitizer;
use crate::slug::UniqueIds;
use crate::thread::{self, PostBody, Reply};

const WORDS_PER_MINUTE: usize = 200;

#[derive(Debug)]
pub struct RenderedReply {
    pub anchor: String,
    pub author: String,
    pub date: Option<Date>,
    pub html: String,
}

#[derive(Debug)]
pub struct RenderedAnswer {
    pub anchor: String,
    pub author: String,
    pub date: Option<Date>,
    pub votes: i64,
    pub accepted: bool,
    pub html: String,
    pub replies: Vec<RenderedReply>,
}

#[derive(Debug)]
pub struct RenderedThread {
    pub question_replies: Vec<RenderedReply>,
    /// In reading order: accepted, then votes, then date.
    pub answers: Vec<RenderedAnswer>,
}

#[derive(Debug)]
pub struct RenderedPage {
    pub html: String,
    pub summary: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_time: usize,
    pub thread: Option<RenderedThread>,
    ids: HashSet<String>,
}

#[derive(Debug)]
pub struct RenderedSection {
    pub html: String,
    ids: HashSet<String>,
}

#[derive(Debug)]
pub struct RenderedContent {
    pub pages: Vec<RenderedPage>,
    pub sections: Vec<RenderedSection>,
}

/// One page's or section's rendering with what must be checked afterwards.
struct Output<T> {
    value: T,
    anchors: Vec<PendingAnchor>,
    diagnostics: Vec<Diagnostic>,
}

pub fn render_content(
    index: &SiteIndex,
    sanitizer: &Sanitizer,
) -> (RenderedContent, Vec<Diagnostic>) {
    let pages: Vec<Output<RenderedPage>> = index
        .pages
        .par_iter()
        .map(|page| render_page(index, page, sanitizer))
        .collect();
    let sections: Vec<Output<RenderedSection>> = index
        .sections
        .par_iter()
        .map(|section| render_section(index, section))
        .collect();
    let mut diagnostics = Vec::new();
    let mut pending = Vec::new();
    let pages: Vec<RenderedPage> = pages
        .into_iter()
        .enumerate()
        .map(|(id, out)| {
            diagnostics.extend(out.diagnostics);
            pending.extend(out.anchors.into_iter().map(|a| (AnchorOwner::Page(id), a)));
            out.value
        })
        .collect();
    let sections: Vec<RenderedSection> = sections
        .into_iter()
        .enumerate()
        .map(|(id, out)| {
            diagnostics.extend(out.diagnostics);
            pending.extend(
                out.anchors
                    .into_iter()
                    .map(|a| (AnchorOwner::Section(id), a)),
            );
            out.value
        })
        .collect();
    let content = RenderedContent { pages, sections };
    diagnostics.extend(
        pending
            .into_iter()
            .filter_map(|(from, anchor)| check_anchor(index, &content, from, anchor)),
    );
    (content, diagnostics)
}

fn check_anchor(
    index: &SiteIndex,
    content: &RenderedContent,
    from: AnchorOwner,
    pending: PendingAnchor,
) -> Option<Diagnostic> {
    let owner = pending.owner.unwrap_or(from);
    let (ids, shown) = match owner {
        AnchorOwner::Page(id) => (
            &content.pages[id].ids,
            index.pages[id].doc.shown_path.display().to_string(),
        ),
        AnchorOwner::Section(id) => (
            &content.sections[id].ids,
            index.sections[id]
                .doc
                .index_path
                .as_deref()
                .unwrap_or(Path::new("content"))
                .display()
                .to_string(),
        ),
    };
    if ids.contains(&pending.anchor) {
        return None;
    }
    let mut known: Vec<&str> = ids.iter().map(String::as_str).collect();
    known.sort_unstable();
    let help = match closest(&pending.anchor, &known) {
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
    };
    let mut d = Diagnostic::error(
        &pending.path,
        pending.position,
        format!(
            "link `{}` points to a missing anchor `#{}` in `{shown}`",
            pending.link, pending.anchor
        ),
    )
    .with_help(help);
    d.source_line = Some(pending.source_line);
    Some(d)
}

fn source_dir(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

fn render_page(index: &SiteIndex, page: &Page, sanitizer: &Sanitizer) -> Output<RenderedPage> {
    let doc = &page.doc;
    let cx = PostContext {
        shown_path: &doc.shown_path,
        source_dir: source_dir(&doc.source),
        footnote_prefix: "",
        links: index,
    };
    let mut ids = UniqueIds::default();
    match &doc.body {
        PageBody::Article(body) => {
            let r = markdown::render(body, &cx, &mut ids);
            let page = RenderedPage {
                reading_time: reading_time(r.word_count),
                html: r.html,
                summary: r.summary,
                toc: r.toc,
                word_count: r.word_count,
                thread: None,
                ids: ids.into_set(),
            };
            Output {
                value: page,
                anchors: r.anchors,
                diagnostics: r.diagnostics,
            }
        }
        PageBody::Thread(posts) => {
            for answer in &posts.answers {
                ids.reserve(&answer.anchor);
                answer.replies.iter().for_each(|r| {
                    ids.reserve(&r.anchor);
                });
            }
            posts.question_replies.iter().for_each(|r| {
                ids.reserve(&r.anchor);
            });
            let mut renderer = PostRenderer {
                index,
                sanitizer,
                ids,
                anchors: Vec::new(),
                diagnostics: Vec::new(),
                words: 0,
            };
            let question = renderer.render(&posts.question, &doc.shown_path, &doc.source, "");
            let question_replies = posts
                .question_replies
                .iter()
                .map(|r| renderer.reply(r, &doc.shown_path, &doc.source))
                .collect();
            let answers = thread::reading_order(&posts.answers)
                .into_iter()
                .map(|a| {
                    // Answer files of a thread folder sit beside its index.md, so links resolve
                    // from the same folder in both forms.
                    let source = &doc.source;
                    let html = renderer.render(&a.body, &a.path, source, &a.anchor).html;
                    RenderedAnswer {
                        anchor: a.anchor.clone(),
                        author: a.author.clone(),
                        date: a.date,
                        votes: a.votes,
                        accepted: a.accepted,
                        html,
                        replies: a
                            .replies
                            .iter()
                            .map(|r| renderer.reply(r, &a.path, source))
                            .collect(),
                    }
                })
                .collect();
            let page = RenderedPage {
                reading_time: reading_time(renderer.words),
                html: question.html,
                summary: question.summary,
                toc: question.toc,
                word_count: renderer.words,
                thread: Some(RenderedThread {
                    question_replies,
                    answers,
                }),
                ids: renderer.ids.into_set(),
            };
            Output {
                value: page,
                anchors: renderer.anchors,
                diagnostics: renderer.diagnostics,
            }
        }
    }
}

/// Renders the posts of one thread, sharing the page's ids and sanitizing every post.
struct PostRenderer<'a> {
    index: &'a SiteIndex,
    sanitizer: &'a Sanitizer,
    ids: UniqueIds,
    anchors: Vec<PendingAnchor>,
    diagnostics: Vec<Diagnostic>,
    words: usize,
}

impl PostRenderer<'_> {
    fn render(
        &mut self,
        body: &PostBody,
        shown: &Path,
        source: &Path,
        prefix: &str,
    ) -> markdown::Rendered {
        let prefix = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix}-")
        };
        let cx = PostContext {
            shown_path: shown,
            source_dir: source_dir(source),
            footnote_prefix: &prefix,
            links: self.index,
        };
        let mut r = markdown::render(body, &cx, &mut self.ids);
        r.html = self.sanitizer.clean(&r.html);
        r.summary = self.sanitizer.clean(&r.summary);
        self.words += r.word_count;
        self.anchors.append(&mut r.anchors);
        self.diagnostics.append(&mut r.diagnostics);
        r
    }

    fn reply(&mut self, reply: &Reply, shown: &Path, source: &Path) -> RenderedReply {
        RenderedReply {
            anchor: reply.anchor.clone(),
            author: reply.author.clone(),
            date: reply.date,
            html: self.render(&reply.body, shown, source, &reply.anchor).html,
        }
    }
}

fn render_section(index: &SiteIndex, section: &Section) -> Output<RenderedSection> {
    let shown = section
        .doc
        .index_path
        .clone()
        .unwrap_or_else(|| Path::new("content").join(&section.doc.dir));
    let cx = PostContext {
        shown_path: &shown,
        source_dir: &section.doc.dir,
        footnote_prefix: "",
        links: index,
    };
    let mut ids = UniqueIds::default();
    let r = markdown::render(&section.doc.body, &cx, &mut ids);
    Output {
        value: RenderedSection {
            html: r.html,
            ids: ids.into_set(),
        },
        anchors: r.anchors,
        diagnostics: r.diagnostics,
    }
}

fn reading_time(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}
