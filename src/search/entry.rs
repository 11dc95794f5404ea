//! What the search index keeps of one page, made in the page's own render task from the text
//! its markdown rendering kept: its results (the page, each heading's part of an article, each
//! answer and reply of a thread, at their anchors) and the terms of each, weighted.

use serde::Serialize;

use super::terms::TermId;
use super::words::Analyzer;
use crate::frontmatter::Kind;
use crate::index::{Page, SiteIndex};
use crate::markdown::TextBlock;
use crate::thread::ThreadPosts;

/// Characters of a result's text kept to show as its excerpt.
const EXCERPT_CHARS: usize = 220;

/// Term frequency saturation and length normalization (BM25's `k1` and `b`), over a result's
/// length in terms against a typical one.
const K1: f32 = 1.2;
const B: f32 = 0.75;
const TYPICAL_TERMS: f32 = 120.0;

/// What a term in a result's heading or the page's title adds to its score: those name what
/// the result is about.
const HEADING_BONUS: f32 = 2.5;
const TITLE_BONUS: f32 = 4.0;
/// A term in a code block counts for less than one in prose.
const CODE_WEIGHT: f32 = 0.5;
/// Scores are kept in 7 bits, this many steps to one point.
const STEPS_PER_POINT: f32 = 9.0;
/// The bit of a posting's weight set when the term is in the page's title.
pub(crate) const IN_TITLE: u8 = 0x80;

/// A page's results and their terms.
#[derive(Debug, Clone, Default)]
pub struct PageEntry {
    /// What the results list shows of each result; the page's own part of its `PageView`
    /// (title, URL, section) comes from the index when the entry is added, since watch mode
    /// keeps an entry while its section is renamed or moved.
    pub(crate) results: Vec<ResultView>,
    /// `(term, result, weight)`: the result's place in `view.results`, and the term's weight in
    /// it, with `IN_TITLE`.
    pub(crate) postings: Vec<(TermId, u16, u8)>,
    /// How many distinct terms the title has, to tell an exact title from a longer one.
    pub(crate) title_terms: u8,
}

/// What a reader's results list shows of a page, as the fragment files store it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PageView {
    #[serde(rename = "t")]
    pub title: String,
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "s")]
    pub section: String,
    /// `a` an article, `q` a question.
    #[serde(rename = "k")]
    pub kind: &'static str,
    #[serde(rename = "g", skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "r")]
    pub results: Vec<ResultView>,
}

/// One result: the page's start (no anchor), a heading's part, an answer or a reply.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ResultView {
    #[serde(rename = "a", skip_serializing_if = "String::is_empty")]
    pub anchor: String,
    /// A heading's text, or the author of a post.
    #[serde(rename = "h", skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// `p` the page, `h` a heading, `q` the question, `a` an answer, `A` the accepted answer,
    /// `r` a reply.
    #[serde(rename = "k")]
    pub kind: &'static str,
    #[serde(rename = "v", skip_serializing_if = "Option::is_none")]
    pub votes: Option<i64>,
    #[serde(rename = "x")]
    pub excerpt: String,
}

/// A result on its way into the entry: what it shows and the text its terms come from.
struct Part<'a> {
    view: ResultView,
    heading: &'a str,
    text: &'a str,
    code: &'a str,
    /// How much its score counts (accepted answers and votes raise it).
    prior: f32,
}

/// The entry of an article, whose text is `blocks` (its start, then one per heading).
pub(crate) fn article(page: &Page, blocks: &[TextBlock]) -> PageEntry {
    let parts = blocks
        .iter()
        .enumerate()
        .map(|(i, block)| Part {
            view: ResultView {
                anchor: block.anchor.clone().unwrap_or_default(),
                heading: block.heading.clone(),
                kind: if i == 0 { "p" } else { "h" },
                votes: None,
                excerpt: excerpt(&block.text),
            },
            heading: &block.heading,
            text: &block.text,
            code: &block.code,
            prior: 1.0,
        })
        .collect();
    entry(page, parts)
}

/// The text of one post of a thread, in the order of its `ThreadPosts`.
pub(crate) struct PostText {
    pub text: String,
    pub code: String,
}

impl PostText {
    /// A post's text blocks as one (a post's headings do not make results of their own).
    pub(crate) fn of(blocks: &[TextBlock]) -> PostText {
        let mut post = PostText {
            text: String::new(),
            code: String::new(),
        };
        for block in blocks {
            for piece in [&block.heading, &block.text] {
                if !piece.is_empty() {
                    post.text.push_str(piece);
                    post.text.push(' ');
                }
            }
            post.code.push_str(&block.code);
        }
        post
    }
}

/// The entry of a thread: its question, then each question reply, each answer and its replies,
/// as `texts` gives them in that order.
pub(crate) fn thread<'a>(page: &Page, posts: &ThreadPosts, texts: &'a [PostText]) -> PageEntry {
    let mut texts = texts.iter();
    let mut parts = Vec::new();
    let mut post = |view: ResultView, prior: f32, texts: &mut std::slice::Iter<'a, PostText>| {
        if let Some(text) = texts.next() {
            parts.push(Part {
                view: ResultView {
                    excerpt: excerpt(&text.text),
                    ..view
                },
                heading: "",
                text: &text.text,
                code: &text.code,
                prior,
            });
        }
    };
    let author = |a: &str| a.to_string();
    post(
        ResultView {
            kind: "q",
            heading: page.doc.meta.authors.first().cloned().unwrap_or_default(),
            ..ResultView::default()
        },
        1.0,
        &mut texts,
    );
    let reply = |r: &crate::thread::Reply| ResultView {
        anchor: r.anchor.clone(),
        heading: author(&r.author),
        kind: "r",
        ..ResultView::default()
    };
    for r in &posts.question_replies {
        post(reply(r), REPLY_PRIOR, &mut texts);
    }
    for answer in &posts.answers {
        let view = ResultView {
            anchor: answer.anchor.clone(),
            heading: author(&answer.author),
            kind: if answer.accepted { "A" } else { "a" },
            votes: Some(answer.votes),
            ..ResultView::default()
        };
        post(
            view,
            answer_prior(answer.accepted, answer.votes),
            &mut texts,
        );
        for r in &answer.replies {
            post(reply(r), REPLY_PRIOR, &mut texts);
        }
    }
    entry(page, parts)
}

/// Replies are short asides: they rank below the posts they answer.
const REPLY_PRIOR: f32 = 0.8;

/// An accepted answer and votes raise an answer, votes by their order of magnitude.
fn answer_prior(accepted: bool, votes: i64) -> f32 {
    let accepted = if accepted { 1.25 } else { 1.0 };
    let votes = 1.0 + 0.06 * (1.0 + votes.max(0) as f32).ln();
    accepted * votes.min(1.4)
}

fn entry(page: &Page, parts: Vec<Part>) -> PageEntry {
    let analyzer = Analyzer::new(&page.language);
    let mut title = Vec::new();
    analyzer.terms(&page.doc.meta.title, |t| title.push(t));
    title.sort_unstable();
    title.dedup();
    let mut postings = Vec::new();
    let mut results = Vec::with_capacity(parts.len());
    let mut scratch = Vec::new();
    for (i, part) in parts.into_iter().enumerate().take(usize::from(u16::MAX)) {
        let title = if i == 0 { &title[..] } else { &[] };
        weights(&analyzer, &part, title, &mut scratch, |term, weight| {
            postings.push((term, i as u16, weight))
        });
        results.push(part.view);
    }
    PageEntry {
        results,
        postings,
        title_terms: title.len().min(usize::from(u8::MAX)) as u8,
    }
}

/// What the results list shows of page `id`, with its `results`.
pub(crate) fn page_view(index: &SiteIndex, page: &Page, results: &[ResultView]) -> PageView {
    PageView {
        title: page.doc.meta.title.clone(),
        url: index.url(&page.path),
        section: index.sections[page.section].doc.title.clone(),
        kind: match page.doc.kind() {
            Kind::Question => "q",
            Kind::Article => "a",
        },
        tags: page
            .tags
            .iter()
            .map(|t| index.tags[*t].name.clone())
            .collect(),
        results: results.to_vec(),
    }
}

/// Calls `each` with every term of a result and its weight: the term's frequency in the text,
/// saturated and normalized by the text's length, plus a bonus for a term of the heading or of
/// the page's `title` (sorted). `scratch` is reused from result to result.
fn weights(
    analyzer: &Analyzer,
    part: &Part,
    title: &[TermId],
    scratch: &mut Vec<Occurrence>,
    mut each: impl FnMut(TermId, u8),
) {
    scratch.clear();
    let mut length = 0.0;
    analyzer.terms(part.text, |term| {
        length += 1.0;
        scratch.push(Occurrence::counted(term, 1.0));
    });
    analyzer.terms(part.code, |term| {
        scratch.push(Occurrence::counted(term, CODE_WEIGHT))
    });
    // A heading's term counts once, however often the heading repeats it.
    let mut heading = Vec::new();
    analyzer.terms(part.heading, |term| heading.push(term));
    heading.sort_unstable();
    heading.dedup();
    scratch.extend(
        heading
            .iter()
            .map(|&term| Occurrence::bonus(term, HEADING_BONUS)),
    );
    scratch.extend(title.iter().map(|&term| Occurrence {
        in_title: true,
        ..Occurrence::bonus(term, TITLE_BONUS)
    }));
    scratch.sort_unstable_by_key(|o| o.term);
    let norm = K1 * (1.0 - B + B * length / TYPICAL_TERMS);
    for same in scratch.chunk_by(|a, b| a.term == b.term) {
        let tf: f32 = same.iter().map(|o| o.tf).sum();
        let bonus: f32 = same.iter().map(|o| o.bonus).sum();
        let in_title = same.iter().any(|o| o.in_title);
        let score = if tf > 0.0 {
            tf * (K1 + 1.0) / (tf + norm)
        } else {
            0.0
        } + bonus;
        let steps = (score * part.prior * STEPS_PER_POINT)
            .round()
            .clamp(1.0, 127.0) as u8;
        each(same[0].term, steps | if in_title { IN_TITLE } else { 0 });
    }
}

/// A term met in a result: in its text or code (`tf`), or in its heading or title (`bonus`).
#[derive(Clone, Copy)]
struct Occurrence {
    term: TermId,
    tf: f32,
    bonus: f32,
    in_title: bool,
}

impl Occurrence {
    fn counted(term: TermId, tf: f32) -> Occurrence {
        Occurrence {
            term,
            tf,
            bonus: 0.0,
            in_title: false,
        }
    }

    fn bonus(term: TermId, bonus: f32) -> Occurrence {
        Occurrence {
            term,
            tf: 0.0,
            bonus,
            in_title: false,
        }
    }
}

/// The start of a result's text, cut at a word.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end]
                .rfind(' ')
                .filter(|i| *i > end / 2)
                .unwrap_or(end);
            format!("{}…", text[..cut].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_at_a_word() {
        assert_eq!(excerpt("  short  "), "short");
        let long = "word ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn accepted_answers_and_votes_rank_higher() {
        assert!(answer_prior(true, 0) > answer_prior(false, 0));
        assert!(answer_prior(false, 50) > answer_prior(false, 2));
        assert!(answer_prior(false, -5) == answer_prior(false, 0));
    }
}
