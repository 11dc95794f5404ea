//! Footnotes, GitHub style. In: each reference as the post's events reach it, and each
//! definition's rewritten events. Out: the reference's superscript link, numbered in order of
//! first use, and at the end of the post a list of the definitions in that order, each with a
//! link back. Ids carry the post's prefix so posts sharing a page do not collide.

use pulldown_cmark::{CowStr, Event};

use crate::escape;
use crate::i18n::Labels;
use crate::slug::slugify;

/// How a footnote's mark in the text starts.
pub(super) const FOOTNOTE_MARK: &str = "<sup class=\"footnote-ref\">";

/// How a post's footnote ids are made: `{page}fn-{post}{key}` for a definition and
/// `{page}fnref-{post}{key}` for its first reference. `page` is the post's id prefix (a
/// contributor's), `post` tells apart the posts that share a page (`answer-2-`).
#[derive(Clone, Copy)]
pub(super) struct FootnoteIds<'p> {
    pub(super) page: &'p str,
    pub(super) post: &'p str,
}

impl FootnoteIds<'_> {
    fn definition(self, key: &str) -> String {
        format!("{}fn-{}{key}", self.page, self.post)
    }

    fn reference(self, key: &str) -> String {
        format!("{}fnref-{}{key}", self.page, self.post)
    }
}

/// Footnote references are numbered in order of first use; definitions are gathered and written
/// at the end of the post, GitHub style.
#[derive(Default)]
pub(super) struct Footnotes<'a> {
    order: Vec<String>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    pub(super) fn reference(&mut self, label: &str, ids: FootnoteIds) -> String {
        let key = footnote_key(label);
        let number = match self.order.iter().position(|k| *k == key) {
            Some(i) => i + 1,
            None => {
                self.order.push(key.clone());
                self.order.len()
            }
        };
        format!(
            "{FOOTNOTE_MARK}<a href=\"#{}\" id=\"{}\">{number}</a></sup>",
            ids.definition(&key),
            ids.reference(&key)
        )
    }

    pub(super) fn define(&mut self, label: CowStr<'a>, events: Vec<Event<'a>>) {
        self.definitions.push((footnote_key(&label), events));
    }

    pub(super) fn into_events(mut self, ids: FootnoteIds, labels: &Labels) -> Vec<Event<'a>> {
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
            format!(
                "<section class=\"footnotes\" aria-label=\"{}\">\n<ol>\n",
                escape::attr(&labels.footnotes)
            )
            .into(),
        )];
        for (number, (key, body)) in self.definitions.into_iter().enumerate() {
            events.push(Event::Html(
                format!("<li id=\"{}\">\n", ids.definition(&key)).into(),
            ));
            events.extend(body);
            let back = if self.order.contains(&key) {
                format!(
                    "<a class=\"footnote-back\" href=\"#{}\" aria-label=\"{}\">↩</a>\n",
                    ids.reference(&key),
                    escape::attr(&labels.footnote_back.around(&(number + 1).to_string()))
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
    use crate::markdown::tests::md;

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
}
