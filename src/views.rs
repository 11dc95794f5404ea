//! What templates see: plain serializable values built from the site index and the rendered
//! content. docs/templates.md documents every field; keep the two in step.

use serde::Serialize;

use crate::config::Config;
use crate::content::{PageDigest, PageHtml};
use crate::date::{Date, DateView};
use crate::direction;
use crate::document::PageBody;
use crate::frontmatter::Kind;
use crate::i18n::Locales;
use crate::index::{PageId, SectionId, SiteIndex};
use crate::languages::TreeId;
use crate::markdown::TocEntry;
use crate::thread::Reply;

#[derive(Serialize, Clone, PartialEq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct NavPage {
    pub title: String,
    pub url: String,
    pub kind: Kind,
    pub draft: bool,
    /// Dated after the build (shown only with drafts included, as `folio serve` does).
    pub scheduled: bool,
}

/// How many pages of one section the sidebar lists. Every page carries the sidebar, so listing a
/// 5,000-page section on each page would make the site grow with the square of its size; larger
/// sections are reached through their paginated listing instead.
const NAV_PAGES_PER_SECTION: usize = 25;

#[derive(Serialize)]
pub struct NavSection {
    pub title: String,
    pub url: String,
    /// The first `NAV_PAGES_PER_SECTION` pages in the section's order.
    pub pages: Vec<NavPage>,
    pub page_count: usize,
    /// Whether `pages` leaves some out (the theme then links to the listing).
    pub more: bool,
    pub sections: Vec<NavSection>,
}

/// The same page in another language, for `<link rel="alternate" hreflang>` and the sitemap.
#[derive(Serialize, Clone, PartialEq)]
pub struct Alternate {
    /// A language tag, or `x-default` for the version in the site's default language.
    pub hreflang: String,
    /// Absolute, as search engines require.
    pub url: String,
}

/// One language in the theme's language switcher.
#[derive(Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    /// The page in that language when it has a translation, else that language's home page.
    pub url: String,
    /// Whether `url` is this page's translation (not the language's home page).
    pub translated: bool,
    pub current: bool,
}

/// A translated page's link to its original, and whether the original changed since.
#[derive(Serialize)]
pub struct TranslationView {
    pub original: Link,
    /// The original's language and its name (`en`, `English`).
    pub original_language: String,
    pub original_language_name: String,
    /// The original changed after the hash the translation records (`original_hash`).
    pub outdated: bool,
}

/// What an output page is, for finding its versions in other languages.
#[derive(Clone, Copy)]
pub enum Place {
    Page(PageId),
    Section(SectionId),
    /// The tag index of a tree.
    Tags(TreeId),
    /// A page of one tree only (a tag's listing, the 404 page).
    Only(TreeId),
}

/// One language's version of an output page.
struct Version {
    tree: TreeId,
    path: String,
    language: String,
}

#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    /// The text direction of `language`, for `dir` next to `lang`.
    pub dir: &'static str,
    pub author: String,
    pub base_url: String,
    pub base_path: String,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub home_url: String,
    pub tags_url: String,
    pub feed_url: String,
    pub sitemap_url: String,
    pub stylesheet_url: String,
    pub script_url: String,
    pub syntax_stylesheet_url: String,
    pub nav: Vec<NavSection>,
    pub generator: String,
    /// The search index of the page's language and the script that reads it; `None` when
    /// `[search] enable` is off.
    pub search: Option<SearchView>,
}

#[derive(Serialize)]
pub struct SearchView {
    /// The root of the tree's index: `/search/en/index.json`.
    pub index_url: String,
    /// The reader's script, loaded when the search box is first used.
    pub script_url: String,
    /// The stemmer of the tree's language (`en`), fetched beside the index's root; empty when
    /// the language has none.
    pub stem: &'static str,
}

/// Cache-busting URLs of the theme's stylesheet and scripts.
pub struct AssetUrls {
    pub stylesheet: String,
    pub script: String,
    pub syntax_stylesheet: String,
    /// `search.js`, when the site has search.
    pub search_script: Option<String>,
}

/// What listings, feeds and the home page show of a page (compared by watch mode to decide
/// whether they need rendering again).
#[derive(Serialize, PartialEq)]
pub struct PageSummary {
    pub kind: Kind,
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub summary: String,
    #[serde(flatten)]
    pub date: DateView,
    pub authors: Vec<String>,
    pub tags: Vec<TagLink>,
    pub reading_time: usize,
    pub draft: bool,
    /// Dated after the build (shown only with drafts included, as `folio serve` does).
    pub scheduled: bool,
    pub answer_count: usize,
    pub has_accepted: bool,
    pub votes: i64,
}

#[derive(Serialize)]
pub struct SectionSummary {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub page_count: usize,
}

#[derive(Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub summary: PageSummary,
    pub permalink: String,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub content: String,
    pub word_count: usize,
    /// The page's own language, or the site's.
    pub language: String,
    pub toc: Vec<TocEntry>,
    pub extra: serde_json::Value,
    pub section: Link,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
pub struct ReplyView {
    pub id: String,
    pub author: String,
    #[serde(flatten)]
    pub date: DateView,
    pub content: String,
}

#[derive(Serialize)]
pub struct AnswerView {
    pub id: String,
    pub url: String,
    pub author: String,
    #[serde(flatten)]
    pub date: DateView,
    pub votes: i64,
    pub accepted: bool,
    pub content: String,
    pub replies: Vec<ReplyView>,
}

#[derive(Serialize)]
pub struct ThreadView {
    pub author: String,
    #[serde(flatten)]
    pub date: DateView,
    pub votes: i64,
    pub replies: Vec<ReplyView>,
    pub answers: Vec<AnswerView>,
    pub answer_count: usize,
    pub has_accepted: bool,
}

/// Builds view values from the index, and from the rendered content each call is given.
pub struct Views<'a> {
    pub index: &'a SiteIndex,
    pub config: &'a Config,
    /// The build's time, which pages dated after it are `scheduled` for.
    pub today: Date,
    /// How each language writes dates, and the language of the theme's words.
    pub locales: &'a Locales,
}

impl Views<'_> {
    /// The `site` variable of the pages of language `tree`: its title, home, tags, feed, nav.
    pub fn site(&self, assets: &AssetUrls, tree: TreeId) -> SiteView {
        let index = self.index;
        let language = &index.languages.trees[tree];
        SiteView {
            title: language.title.clone(),
            description: language.description.clone(),
            language: language.code.clone(),
            dir: direction::of(&language.code).as_str(),
            author: self.config.author.clone(),
            base_url: self.config.base_url.clone(),
            base_path: index.base_path.clone(),
            extra: self.config.extra.clone(),
            home_url: index.url(&language.path),
            tags_url: index.url(&index.tags_path(tree)),
            feed_url: index.url(&index.feed_path(tree)),
            sitemap_url: index.url("sitemap.xml"),
            stylesheet_url: assets.stylesheet.clone(),
            script_url: assets.script.clone(),
            syntax_stylesheet_url: assets.syntax_stylesheet.clone(),
            nav: index.sections[index.homes[tree]]
                .subsections
                .iter()
                .map(|&s| self.nav_section(s))
                .collect(),
            generator: format!("folio {}", env!("CARGO_PKG_VERSION")),
            search: assets.search_script.as_ref().map(|script| SearchView {
                index_url: index.url(&format!("search/{}/index.json", language.code)),
                script_url: script.clone(),
                stem: crate::search::stemmer_language(&language.code).unwrap_or_default(),
            }),
        }
    }

    /// `place` in every language it exists in, in tree order (just itself when it has no
    /// translation).
    fn versions(&self, place: Place) -> Vec<Version> {
        let index = self.index;
        let page = |&id: &PageId| Version {
            tree: index.pages[id].tree,
            path: index.pages[id].path.clone(),
            language: index.pages[id].language.clone(),
        };
        let section = |&id: &SectionId| Version {
            tree: index.sections[id].tree,
            path: index.sections[id].path.clone(),
            language: index.sections[id].language.clone(),
        };
        let tags = |tree: TreeId| Version {
            tree,
            path: index.tags_path(tree),
            language: index.languages.trees[tree].code.clone(),
        };
        match place {
            Place::Page(id) if index.pages[id].versions.is_some() => {
                index.page_versions(id).iter().map(page).collect()
            }
            Place::Page(id) => vec![page(&id)],
            Place::Section(id) if index.sections[id].versions.is_some() => {
                index.section_versions(id).iter().map(section).collect()
            }
            Place::Section(id) => vec![section(&id)],
            Place::Tags(_) => (0..index.languages.trees.len()).map(tags).collect(),
            Place::Only(tree) => vec![tags(tree)],
        }
    }

    /// The `<link rel="alternate" hreflang>` of `place`: every version, then `x-default` for the
    /// default language's; none when it exists in one language only.
    pub fn alternates(&self, place: Place) -> Vec<Alternate> {
        // Every page asks (its <head>, the sitemap): a site of one language has none to find.
        if !self.index.languages.is_multilingual() {
            return Vec::new();
        }
        let versions = self.versions(place);
        if versions.len() < 2 {
            return Vec::new();
        }
        let mut alternates: Vec<Alternate> = versions
            .iter()
            .map(|v| Alternate {
                hreflang: v.language.clone(),
                url: self.permalink(&v.path),
            })
            .collect();
        if let Some(default) = versions.iter().find(|v| v.tree == 0) {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                url: self.permalink(&default.path),
            });
        }
        alternates
    }

    /// The language switcher of `place` in language `tree`: each language, linking to the
    /// version in it or else to its home page; empty on a site of one language.
    pub fn language_links(&self, place: Place, tree: TreeId) -> Vec<LanguageLink> {
        let index = self.index;
        if !index.languages.is_multilingual() {
            return Vec::new();
        }
        let versions = self.versions(place);
        (index.languages.trees.iter().enumerate())
            .map(|(t, language)| {
                let version = versions.iter().find(|v| v.tree == t);
                LanguageLink {
                    code: language.code.clone(),
                    name: language.name.clone(),
                    url: index.url(version.map_or(&language.path, |v| &v.path)),
                    translated: version.is_some(),
                    current: t == tree,
                }
            })
            .collect()
    }

    /// On a translation: its original, and whether that changed since it was translated.
    pub fn translation(&self, id: PageId) -> Option<TranslationView> {
        let index = self.index;
        let original = index.original(id)?;
        let recorded = index.pages[id].doc.meta.original_hash.as_ref();
        let language = &index.languages.trees[0];
        Some(TranslationView {
            original: self.page_link(original),
            original_language: index.pages[original].language.clone(),
            original_language_name: language.name.clone(),
            outdated: recorded
                .is_some_and(|(hash, _)| *hash != index.pages[original].doc.content_hash()),
        })
    }

    fn nav_section(&self, id: SectionId) -> NavSection {
        let section = &self.index.sections[id];
        NavSection {
            title: section.doc.title.clone(),
            url: self.index.url(&section.path),
            page_count: section.pages.len(),
            more: section.pages.len() > NAV_PAGES_PER_SECTION,
            pages: section
                .pages
                .iter()
                .take(NAV_PAGES_PER_SECTION)
                .map(|&p| {
                    let page = &self.index.pages[p];
                    NavPage {
                        title: page.doc.meta.title.clone(),
                        url: self.index.url(&page.path),
                        kind: page.doc.kind(),
                        draft: page.doc.meta.draft,
                        scheduled: self.is_scheduled(p),
                    }
                })
                .collect(),
            sections: section
                .subsections
                .iter()
                .map(|&s| self.nav_section(s))
                .collect(),
        }
    }

    /// Dated after the build: such a page is built only with drafts included.
    fn is_scheduled(&self, id: PageId) -> bool {
        self.index.pages[id]
            .doc
            .meta
            .date
            .is_some_and(|date| date > self.today)
    }

    pub fn page_link(&self, id: PageId) -> Link {
        let page = &self.index.pages[id];
        Link {
            title: page.doc.meta.title.clone(),
            url: self.index.url(&page.path),
        }
    }

    pub fn section_link(&self, id: SectionId) -> Link {
        let section = &self.index.sections[id];
        Link {
            title: section.doc.title.clone(),
            url: self.index.url(&section.path),
        }
    }

    pub fn tag_links(&self, id: PageId) -> Vec<TagLink> {
        self.index.pages[id]
            .tags
            .iter()
            .map(|&t| {
                let tag = &self.index.tags[t];
                TagLink {
                    name: tag.name.clone(),
                    url: self.index.url(&tag.path()),
                }
            })
            .collect()
    }

    /// What listings show of page `id`, whose rendered content is digested in `digest`.
    pub fn summary(&self, id: PageId, digest: &PageDigest) -> PageSummary {
        let page = &self.index.pages[id];
        let meta = &page.doc.meta;
        let thread = match &page.doc.body {
            PageBody::Thread(posts) => Some(posts),
            PageBody::Article(_) => None,
        };
        PageSummary {
            kind: page.doc.kind(),
            title: meta.title.clone(),
            url: self.index.url(&page.path),
            description: meta.description.clone(),
            summary: digest.summary.clone(),
            date: self.date(meta.date, &page.language),
            authors: meta.authors.clone(),
            tags: self.tag_links(id),
            reading_time: digest.reading_time,
            draft: meta.draft,
            scheduled: self.is_scheduled(id),
            answer_count: thread.map_or(0, |t| t.answers.len()),
            has_accepted: thread.is_some_and(|t| t.answers.iter().any(|a| a.accepted)),
            votes: meta.votes,
        }
    }

    pub fn section_summary(&self, id: SectionId) -> SectionSummary {
        let section = &self.index.sections[id];
        SectionSummary {
            title: section.doc.title.clone(),
            url: self.index.url(&section.path),
            description: section.doc.description.clone(),
            page_count: section.pages.len(),
        }
    }

    /// The view of page `id`, whose content is digested in `digest` with its HTML in `html`:
    /// pages are rendered before the site's content is complete, and their HTML is dropped as
    /// soon as they are written.
    pub fn page(&self, id: PageId, digest: &PageDigest, html: &PageHtml) -> PageView {
        let page = &self.index.pages[id];
        let updated = self.date(page.doc.meta.updated, &page.language);
        PageView {
            summary: self.summary(id, digest),
            permalink: self.permalink(&page.path),
            updated: updated.date,
            updated_iso: updated.date_iso,
            content: html.body.clone(),
            word_count: html.word_count,
            language: page.language.clone(),
            toc: html.toc.clone(),
            extra: page.doc.meta.extra.clone(),
            section: self.section_link(page.section),
            prev: page.prev.map(|p| self.page_link(p)),
            next: page.next.map(|p| self.page_link(p)),
        }
    }

    /// The thread of page `id`: its posts as loaded, with their HTML from `html`.
    pub fn thread(&self, id: PageId, html: &PageHtml) -> Option<ThreadView> {
        let page = &self.index.pages[id];
        let (PageBody::Thread(posts), Some(thread)) = (&page.doc.body, &html.thread) else {
            return None;
        };
        let url = self.index.url(&page.path);
        let replies = |list: &[Reply], html: &[String]| -> Vec<ReplyView> {
            (list.iter().zip(html))
                .map(|(r, content)| ReplyView {
                    id: r.anchor.clone(),
                    author: r.author.clone(),
                    date: self.date(r.date, &page.language),
                    content: content.clone(),
                })
                .collect()
        };
        let answers: Vec<AnswerView> = (posts.answers.iter().zip(&thread.answers))
            .map(|(a, html)| AnswerView {
                id: a.anchor.clone(),
                url: format!("{url}#{}", a.anchor),
                author: a.author.clone(),
                date: self.date(a.date, &page.language),
                votes: a.votes,
                accepted: a.accepted,
                content: html.body.clone(),
                replies: replies(&a.replies, &html.replies),
            })
            .collect();
        Some(ThreadView {
            author: page.doc.meta.authors.first().cloned().unwrap_or_default(),
            date: self.date(page.doc.meta.date, &page.language),
            votes: page.doc.meta.votes,
            replies: replies(&posts.question_replies, &thread.question_replies),
            answer_count: answers.len(),
            has_accepted: answers.iter().any(|a| a.accepted),
            answers,
        })
    }

    /// `date` as language `lang` writes it, with its ISO form.
    fn date(&self, date: Option<Date>, lang: &str) -> DateView {
        let format = &self.locales.get(lang).dates;
        DateView {
            date: date.map(|d| format.format(d)),
            date_iso: date.map(|d| d.iso()),
        }
    }

    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url, path)
    }

    /// Home first, the current page last.
    pub fn breadcrumbs(&self, section: Option<SectionId>, current: Option<Link>) -> Vec<Link> {
        let mut trail = Vec::new();
        let mut next = section;
        while let Some(id) = next {
            trail.push(self.section_link(id));
            next = self.index.sections[id].parent;
        }
        trail.reverse();
        trail.extend(current);
        trail
    }
}
