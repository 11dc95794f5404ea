//! The site navigation (the theme's `nav.html`), rendered once per build and marked for each
//! page: the sidebar is the same on every page but for the link to the page itself.

use std::collections::HashMap;

use tera::Context;

use super::{Renderer, Vars};
use crate::diagnostic::Diagnostic;
use crate::direction;
use crate::escape;
use crate::languages::TreeId;

/// The shared navigation and where each of its links is, so that marking the links to the
/// current page copies the sidebar once instead of searching all of it for every page.
#[derive(Default)]
pub(super) struct Nav {
    html: String,
    /// For each escaped URL, the byte ranges of the `href="URL"` attributes that link to it.
    links: HashMap<String, Vec<(usize, usize)>>,
}

const HREF: &str = "href=\"";
const CURRENT: &str = " aria-current=\"page\"";

impl Nav {
    pub(super) fn new(html: String) -> Self {
        let mut links: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (start, _) in html.match_indices(HREF) {
            let value = start + HREF.len();
            if let Some(len) = html[value..].find('"') {
                let url = html[value..value + len].to_string();
                links.entry(url).or_default().push((start, value + len + 1));
            }
        }
        Nav { html, links }
    }

    /// The navigation with `aria-current="page"` after each `href="…"` to `url`: what replacing
    /// `href="URL"` by `href="URL" aria-current="page"` gives.
    pub(super) fn marked(&self, url: &str) -> String {
        let Some(spans) = self.links.get(&escape::attr(url)) else {
            return self.html.clone();
        };
        let mut out = String::with_capacity(self.html.len() + spans.len() * CURRENT.len());
        let mut copied = 0;
        for &(start, end) in spans {
            // A match overlapping the one before (a URL ending in `href=`) is not one to `replace`.
            if start >= copied {
                out.push_str(&self.html[copied..end]);
                out.push_str(CURRENT);
                copied = end;
            }
        }
        out.push_str(&self.html[copied..]);
        out
    }
}

/// The template a theme may provide for its site navigation, given to pages as `nav_html`.
const NAV_TEMPLATE: &str = "nav.html";

impl Renderer<'_> {
    /// The navigation of language `tree`.
    pub(super) fn shared_nav(&self, tree: TreeId) -> Result<String, Diagnostic> {
        if !self.theme.has_template(NAV_TEMPLATE) {
            return Ok(String::new());
        }
        let mut cx = Context::new();
        cx.insert("lang", &self.views.index.languages.trees[tree].code);
        let lang = self.views.index.languages.trees[tree].code.clone();
        cx.insert("dir", &direction::of(&lang));
        let vars = Vars { cx, tree, lang };
        let html = self.run(NAV_TEMPLATE, vars, NAV_TEMPLATE, "the site navigation")?;
        Ok(String::from_utf8_lossy(&html).trim_end().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::Nav;
    use crate::escape;

    /// What `Nav::marked` replaced: a search of the whole sidebar for every page.
    fn replaced(nav: &str, url: &str) -> String {
        let href = format!("href=\"{}\"", escape::attr(url));
        nav.replace(&href, &format!("{href} aria-current=\"page\""))
    }

    #[test]
    fn marks_the_links_to_the_page_as_replace_did() {
        let nav = concat!(
            r#"<a href="/a/">A</a><a href="/a/b/">B</a><a href="/a/">A again</a>"#,
            r#"<a href="/q?x=1&amp;y=2">Q</a><a href="/hhref="/hhref=">H</a>"#,
            r#"<a href="/x/" title='href="/a/"'>X</a><a href="/">home</a>"#,
        );
        let marked = Nav::new(nav.to_string());
        for url in [
            "/a/",
            "/a/b/",
            "/q?x=1&y=2",
            "/hhref=",
            "/x/",
            "/",
            "/none/",
            "",
        ] {
            assert_eq!(marked.marked(url), replaced(nav, url), "{url}");
        }
        assert_eq!(Nav::default().marked("/a/"), "");
    }
}
