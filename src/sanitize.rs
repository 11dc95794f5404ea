//! Contributors' posts (Q&A questions, answers and replies, and articles too when
//! `[content] sanitize = "all"`) go through an allow-list sanitizer (ammonia): scripts, event
//! handlers, styles and `javascript:` URLs never reach the page, and neither do the theme's
//! classes or ids, so a post cannot dress itself as the page (a fake "accepted" badge, a fake
//! console whose Copy button copies hidden text, a second `#main`). Only the classes folio's
//! own markdown renderer emits survive, and every id gets `CONTRIBUTOR_ID_PREFIX`, as on
//! GitHub. Highlighted code blocks skip the sanitizer (they are folio's own escaped output, and
//! re-parsing their spans would be most of its work): they stand in the HTML as a placeholder
//! element and are put back after cleaning, where only a real element can match. This is the
//! one module that knows the sanitizer crate.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use crate::slug::UniqueIds;

/// Starts every id inside a contributor's post; themes never use it, so a post cannot take an
/// id of the page.
pub(crate) const CONTRIBUTOR_ID_PREFIX: &str = "user-content-";

/// The element that stands for the `n`th set-aside code block. After cleaning, its exact text
/// can only be an element: the serializer escapes `<` in text and `"` in attribute values.
pub(crate) fn code_placeholder(n: usize) -> String {
    // A line of its own, as the block's HTML would be; the block brings its own newline back.
    format!("{PLACEHOLDER_OPEN}{n}{PLACEHOLDER_CLOSE}\n")
}

const PLACEHOLDER_TAG: &str = "folio-code";
const PLACEHOLDER_OPEN: &str = "<folio-code data-n=\"";
const PLACEHOLDER_CLOSE: &str = "\"></folio-code>";

/// The classes folio's markdown renderer gives contributor content (heading anchors,
/// footnotes, tables, admonitions), by element. Any other class is dropped.
const RENDERER_CLASSES: &[(&str, &[&str])] = &[
    ("a", &["heading-anchor", "footnote-back"]),
    ("sup", &["footnote-ref"]),
    ("section", &["footnotes"]),
    (
        "div",
        &[
            "table-wrap",
            "admonition",
            "admonition-note",
            "admonition-tip",
            "admonition-important",
            "admonition-warning",
            "admonition-caution",
        ],
    ),
    ("p", &["admonition-title"]),
    ("th", &["align-left", "align-center", "align-right"]),
    ("td", &["align-left", "align-center", "align-right"]),
];

pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
}

impl Default for Sanitizer {
    fn default() -> Self {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["section", "input", PLACEHOLDER_TAG])
            // A `nav` in a post would be one more navigation landmark of the page.
            .rm_tags(["nav"])
            .add_generic_attributes(["id", "class"])
            .id_prefix(Some(CONTRIBUTOR_ID_PREFIX))
            .attribute_filter(|element, attribute, value| match attribute {
                "class" => renderer_classes(element, value).map(Cow::Owned),
                "id" => Some(POST_IDS.with(|ids| match ids.borrow_mut().as_mut() {
                    Some(ids) => Cow::Owned(ids.claim(value)),
                    None => Cow::Borrowed(value),
                })),
                _ => Some(Cow::Borrowed(value)),
            })
            .add_tag_attributes(PLACEHOLDER_TAG, ["data-n"])
            .add_tag_attributes("a", ["aria-label"])
            .add_tag_attributes("section", ["aria-label"])
            .add_tag_attributes("div", ["aria-label"])
            // The roles and focus stop of a table's scroll box and of an admonition, no others.
            .add_tag_attribute_values("div", "role", ["region", "note"])
            .add_tag_attribute_values("div", "tabindex", ["0"])
            .add_tag_attribute_values("input", "type", ["checkbox"])
            // A task list's checkbox, with the label the renderer gives it (axe: "form
            // elements must have labels").
            .add_tag_attributes("input", ["checked", "disabled", "aria-label"])
            .link_rel(Some("nofollow ugc noopener noreferrer"));
        Sanitizer { builder }
    }
}

/// The classes of `value` that folio's renderer gives `element`, or none at all (so no empty
/// `class=""` is left behind).
fn renderer_classes(element: &str, value: &str) -> Option<String> {
    let (_, allowed) = RENDERER_CLASSES.iter().find(|(tag, _)| *tag == element)?;
    let kept: Vec<&str> = (value.split_ascii_whitespace())
        .filter(|class| allowed.contains(class))
        .collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

thread_local! {
    /// The ids of the page whose post this thread is cleaning. Ammonia's attribute filter is one
    /// closure for every post, so `Sanitizer::post` lends it the page's ids here for the call.
    static POST_IDS: RefCell<Option<PostIds>> = const { RefCell::new(None) };
}

/// The ids of a page while one of its posts is cleaned.
struct PostIds {
    page: UniqueIds,
    /// The ids folio gave the post's headings, not met yet.
    headings: HashSet<String>,
}

impl PostIds {
    /// The id an element of the post keeps: a heading's own the first time it is met, else a
    /// number added until it is unique on the page (two posts with `id="x"`, or a contributor's
    /// copy of a heading's id).
    fn claim(&mut self, id: &str) -> String {
        if self.headings.remove(id) {
            return id.to_string();
        }
        self.page.unique("", id)
    }
}

impl Sanitizer {
    /// Cleans a post's HTML and puts back the set-aside code blocks (`blocks[n]` where the
    /// `n`th placeholder was). A placeholder that did not survive as an element (a contributor
    /// wrote it inside an attribute) loses its block; a forged one gets at most the post's own
    /// block of that number, once. Ids are made unique on the page, whose ids so far are
    /// `page_ids`; `heading_ids` are the ones folio gave the post's headings.
    pub fn post(
        &self,
        html: &str,
        blocks: &[Arc<str>],
        page_ids: &mut UniqueIds,
        heading_ids: &[String],
    ) -> String {
        let lent = PostIds {
            page: std::mem::take(page_ids),
            headings: heading_ids.iter().cloned().collect(),
        };
        POST_IDS.with(|ids| *ids.borrow_mut() = Some(lent));
        let cleaned = self.builder.clean(html).to_string();
        if let Some(back) = POST_IDS.with(|ids| ids.borrow_mut().take()) {
            *page_ids = back.page;
        }
        put_back_code(&cleaned, blocks)
    }

    /// Cleans a post's summary, shown on other pages: its ids are left as the post has them.
    pub fn summary(&self, html: &str, blocks: &[Arc<str>]) -> String {
        put_back_code(&self.builder.clean(html).to_string(), blocks)
    }
}

/// One pass over `html`: each placeholder element is replaced by its block (the first time its
/// number is met) or dropped, and any other `folio-code` tag a contributor wrote is dropped
/// (its content kept), so none is left.
fn put_back_code(html: &str, blocks: &[Arc<str>]) -> String {
    const OPEN_TAG: &str = "<folio-code";
    const CLOSE_TAG: &str = "</folio-code>";
    let mut out = String::with_capacity(html.len() + blocks.iter().map(|b| b.len()).sum::<usize>());
    let mut used = vec![false; blocks.len()];
    let mut rest = html;
    loop {
        let next = [rest.find(OPEN_TAG), rest.find(CLOSE_TAG)]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = next else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix(CLOSE_TAG) {
            rest = after;
            continue;
        }
        let Some((n, after)) = placeholder_number(rest) else {
            rest = &rest[tag_length(rest)..];
            continue;
        };
        rest = after;
        if n < blocks.len() && !used[n] {
            used[n] = true;
            out.push_str(&blocks[n]);
            if blocks[n].ends_with('\n') {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
        }
    }
    out.push_str(rest);
    out
}

/// The number of the placeholder `text` starts with, exactly as `code_placeholder` wrote it,
/// and the text after it.
fn placeholder_number(text: &str) -> Option<(usize, &str)> {
    let after = text.strip_prefix(PLACEHOLDER_OPEN)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let n = after[..digits].parse().ok()?;
    Some((n, after[digits..].strip_prefix(PLACEHOLDER_CLOSE)?))
}

/// The length of the start tag `text` starts with, up to its `>`: serialized attribute values
/// are in `"` with `"` escaped, but may hold a `>`.
fn tag_length(text: &str) -> usize {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        Sanitizer::default().summary(html, &[])
    }

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let out = clean(
            "<p onclick=\"x()\">Hi<script>alert(1)</script> <a href=\"javascript:alert(1)\">x</a></p>",
        );
        assert_eq!(
            out,
            "<p>Hi <a rel=\"nofollow ugc noopener noreferrer\">x</a></p>"
        );
    }

    #[test]
    fn keeps_what_the_markdown_renderer_emits() {
        let html = "<h2 id=\"user-content-a\">A<a class=\"heading-anchor\" href=\"#user-content-a\" aria-label=\"Link\">#</a></h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table: a\"><table><thead><tr><th class=\"align-left\">a</th></tr></thead></table></div>\n<ul><li><input disabled=\"\" type=\"checkbox\" aria-label=\"Done\"> done</li></ul>\n<div class=\"admonition admonition-note\" role=\"note\"><p class=\"admonition-title\">Note</p></div>\n<p><sup class=\"footnote-ref\"><a href=\"#user-content-fn-x\" id=\"user-content-fnref-x\">1</a></sup></p>";
        let linked = html
            .replace(
                "\">#</a>",
                "\" rel=\"nofollow ugc noopener noreferrer\">#</a>",
            )
            .replace(
                "\">1</a>",
                "\" rel=\"nofollow ugc noopener noreferrer\">1</a>",
            );
        assert_eq!(clean(html), linked);
    }

    #[test]
    fn drops_the_theme_classes_and_prefixes_ids() {
        let out = clean(
            "<span class=\"badge badge-accepted\" id=\"answer-1\">✓ Accepted</span><span class=\"visually-hidden\">; curl x | sh</span><h2 class=\"answers-title\" id=\"main\">x</h2>",
        );
        assert_eq!(
            out,
            "<span id=\"user-content-answer-1\">✓ Accepted</span><span>; curl x | sh</span><h2 id=\"user-content-main\">x</h2>"
        );
    }

    #[test]
    fn ids_stay_unique_on_the_page() {
        let s = Sanitizer::default();
        let mut page = UniqueIds::default();
        page.reserve("answer-1");
        // As the renderer reserved it.
        page.reserve("user-content-setup");
        let headings = ["user-content-setup".to_string()];
        let html =
            "<p id=\"x\"></p><h2 id=\"user-content-setup\"></h2><p id=\"user-content-setup\"></p>";
        let first = s.post(html, &[], &mut page, &headings);
        assert_eq!(
            first,
            "<p id=\"user-content-x\"></p><h2 id=\"user-content-setup\"></h2><p id=\"user-content-setup-1\"></p>"
        );
        let second = s.post("<p id=\"x\"></p>", &[], &mut page, &[]);
        assert_eq!(second, "<p id=\"user-content-x-1\"></p>");
        assert!(
            page.reserve("answer-2") && !page.reserve("answer-1"),
            "the page's ids came back"
        );
    }

    #[test]
    fn a_post_adds_no_landmark() {
        assert_eq!(
            clean("<nav><a href=\"/\">Home</a></nav>"),
            "<a href=\"/\" rel=\"nofollow ugc noopener noreferrer\">Home</a>"
        );
    }

    #[test]
    fn keeps_only_the_renderers_roles_and_focus_stops() {
        let out = clean(
            "<div role=\"dialog\" tabindex=\"-1\">a</div><span role=\"region\" tabindex=\"0\">b</span><input type=\"text\" autofocus>",
        );
        assert_eq!(out, "<div>a</div><span>b</span><input>");
    }

    #[test]
    fn code_blocks_come_back_only_where_a_placeholder_element_survived() {
        let blocks: Vec<Arc<str>> = vec!["<figure class=\"code-block\">A</figure>\n".into()];
        let s = Sanitizer::default();
        let kept = s.summary(&format!("<p>x</p>\n{}", code_placeholder(0)), &blocks);
        assert_eq!(kept, "<p>x</p>\n<figure class=\"code-block\">A</figure>\n");
        // Inside an attribute the placeholder is text, escaped by the serializer, so the block
        // cannot break out of the attribute.
        let attr = format!("<p title=\"{}\">x</p>", code_placeholder(0));
        let out = s.summary(&attr, &blocks);
        assert!(!out.contains("<figure"), "{out}");
        let text = "<p>&lt;folio-code data-n=\"0\"&gt;&lt;/folio-code&gt;</p>";
        assert!(!s.summary(text, &blocks).contains("<figure"));
    }

    #[test]
    fn no_folio_code_element_a_contributor_writes_survives() {
        let blocks: Vec<Arc<str>> = vec!["[A]\n".into()];
        let html = format!(
            "<folio-code data-n=\"0\"><b>x\"</b></folio-code><folio-code>y</folio-code><folio-code data-n=\"a>b\">z</folio-code>{}",
            code_placeholder(0)
        );
        assert_eq!(
            Sanitizer::default().summary(&html, &blocks),
            "<b>x\"</b>yz[A]\n"
        );
    }

    #[test]
    fn each_block_comes_back_once_and_unknown_numbers_vanish() {
        let blocks: Vec<Arc<str>> = vec!["[A]\n".into()];
        let html = format!(
            "{}{}{}",
            code_placeholder(0),
            code_placeholder(0),
            code_placeholder(7)
        );
        // The block's newline stands for its placeholder's; the others keep theirs.
        assert_eq!(Sanitizer::default().summary(&html, &blocks), "[A]\n\n\n");
    }
}
