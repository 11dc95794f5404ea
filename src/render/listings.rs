//! Everything that lists pages, rendered once every page's digest is known: the pages of each
//! section's and tag's listing (with their pager), the home page, the tag index, the 404 page,
//! and the Atom feeds and sitemap.

use serde::Serialize;

use super::{Rendered, Renderer};
use crate::content::RenderedContent;
use crate::diagnostic::Diagnostic;
use crate::document::listing_size;
use crate::feeds::{self, FeedSpec};
use crate::frontmatter::Kind;
use crate::index::{PageId, SectionId, listing_page_path, listing_pages, output_file};
use crate::languages::TreeId;
use crate::views::{Link, PageSummary, Place, SectionSummary, Views};

/// How many pages the home page lists as recent articles and recent threads.
const RECENT_ON_HOME: usize = 6;

pub(super) enum Job {
    /// Page `number` (from 1) of a section's or a tag's listing.
    Listing {
        listing: Listing,
        number: usize,
    },
    /// The home page of a language.
    Home(TreeId),
    /// The tag index of a language.
    Tags(TreeId),
    NotFound,
}

/// What a listing split into pages lists: a section's pages or a tag's.
#[derive(Clone, Copy)]
pub(super) enum Listing {
    Section(SectionId),
    Tag(usize),
}

/// A listing's entries, where its first page is, and how many entries a page shows.
struct Entries<'a> {
    path: String,
    pages: &'a [PageId],
    /// `None`: all on one page.
    per_page: Option<usize>,
}

/// One page of a listing: where it goes, what it lists, and its pager.
struct ListingPage<'a> {
    path: String,
    pages: &'a [PageId],
    paginator: Paginator,
}

#[derive(Serialize)]
struct PaginatorLink {
    number: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    pages: Vec<PaginatorLink>,
}

impl<'a> Entries<'a> {
    fn per_page(&self) -> usize {
        self.per_page.unwrap_or(usize::MAX)
    }

    /// How many listing pages there are; one even when there is nothing to list.
    fn listing_pages(&self) -> usize {
        listing_pages(self.pages.len(), self.per_page)
    }

    /// Page 1 at the listing's own path, the others under `page/N/` below it (the owners of
    /// output paths use the same rule).
    fn page_path(&self, number: usize) -> String {
        listing_page_path(&self.path, number)
    }

    /// The paths of the pages after the first (the sitemap lists them too).
    fn later_paths(self) -> impl Iterator<Item = String> {
        (2..=self.listing_pages()).map(move |n| self.page_path(n))
    }

    fn page(&self, views: &Views, number: usize) -> ListingPage<'a> {
        let total = self.listing_pages();
        let url = |n: usize| views.index.url(&self.page_path(n));
        let per_page = self.per_page();
        let start = (number - 1).saturating_mul(per_page).min(self.pages.len());
        let end = start.saturating_add(per_page).min(self.pages.len());
        ListingPage {
            path: self.page_path(number),
            pages: &self.pages[start..end],
            paginator: Paginator {
                current: number,
                total,
                prev_url: (number > 1).then(|| url(number - 1)),
                next_url: (number < total).then(|| url(number + 1)),
                pages: (1..=total)
                    .map(|n| PaginatorLink {
                        number: n,
                        url: url(n),
                        current: n == number,
                    })
                    .collect(),
            },
        }
    }
}

impl Renderer<'_> {
    /// `title`, or on a later page `title (page N of M)` in `lang`, so each page's title is
    /// its own.
    fn listing_title(&self, listing: &ListingPage, title: &str, lang: &str) -> String {
        let Paginator { current, total, .. } = listing.paginator;
        if current == 1 {
            return title.to_string();
        }
        let (current, total) = (current.to_string(), total.to_string());
        let args = [("title", title), ("current", &current), ("total", &total)];
        self.words(lang, "listing-page-title", &args)
    }

    fn tree_language(&self, tree: TreeId) -> &str {
        &self.views.index.languages.trees[tree].code
    }
}

impl<'a> Renderer<'a> {
    /// Every section but the home pages, then every tag.
    fn listings(&self) -> impl Iterator<Item = Listing> {
        let index = self.views.index;
        (0..index.sections.len())
            .filter(|id| !index.homes.contains(id))
            .map(Listing::Section)
            .chain((0..index.tags.len()).map(Listing::Tag))
    }

    fn entries(&self, listing: Listing) -> Entries<'a> {
        let index = self.views.index;
        match listing {
            Listing::Section(id) => Entries {
                path: index.sections[id].path.clone(),
                pages: &index.sections[id].pages,
                per_page: index.sections[id].doc.paginate_by,
            },
            Listing::Tag(id) => Entries {
                path: index.tags[id].path(),
                pages: &index.tags[id].pages,
                per_page: listing_size(self.views.config.tags.paginate_by),
            },
        }
    }

    pub(super) fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for listing in self.listings() {
            let total = self.entries(listing).listing_pages();
            jobs.extend((1..=total).map(|number| Job::Listing { listing, number }));
        }
        for tree in 0..self.views.index.languages.trees.len() {
            jobs.extend([Job::Home(tree), Job::Tags(tree)]);
        }
        jobs.push(Job::NotFound);
        jobs
    }

    pub(super) fn render(
        &self,
        job: &Job,
        content: &RenderedContent,
    ) -> Result<Rendered, Diagnostic> {
        match *job {
            Job::Listing { listing, number } => {
                let page = self.entries(listing).page(self.views, number);
                match listing {
                    Listing::Section(id) => self.section(id, page, content),
                    Listing::Tag(id) => self.tag(id, page, content),
                }
            }
            Job::Home(tree) => self.home(tree, content),
            Job::Tags(tree) => self.tags(tree),
            Job::NotFound => {
                let title = self.words(self.tree_language(0), "not-found-title", &[]);
                let mut cx = self.context("404.html", &title, None, "website", Place::Only(0));
                cx.insert("breadcrumbs", &Vec::<Link>::new());
                self.file("404.html", cx, "404.html".into(), "the 404 page")
            }
        }
    }

    fn section(
        &self,
        id: SectionId,
        listing: ListingPage,
        content: &RenderedContent,
    ) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let section = &views.index.sections[id];
        let shown = section.shown_path();
        let template = self.template_for(section.doc.template.as_ref(), "section.html", &shown)?;
        let pages = self.summaries(listing.pages, content);
        let subsections: Vec<SectionSummary> = section
            .subsections
            .iter()
            .map(|&s| views.section_summary(s))
            .collect();
        let path = &listing.path;
        let title = self.listing_title(&listing, &section.doc.title, &section.language);
        let description = section.doc.description.as_deref();
        let mut cx = self.context(path, &title, description, "website", Place::Section(id));
        cx.insert(
            "breadcrumbs",
            &views.breadcrumbs(section.parent, Some(views.section_link(id))),
        );
        cx.insert(
            "section",
            &serde_json::json!({
                "title": section.doc.title,
                "description": section.doc.description,
                "url": views.index.url(&section.path),
                "permalink": views.permalink(&section.path),
                "content": content.sections[id].html,
                "extra": section.doc.extra,
                "pages": pages,
                "subsections": subsections,
            }),
        );
        cx.insert("paginator", &listing.paginator);
        let output = output_file(path);
        self.file(&template, cx, output, &format!("`{}`", shown.display()))
    }

    /// What listings show of `ids`.
    fn summaries(&self, ids: &[PageId], content: &RenderedContent) -> Vec<PageSummary> {
        let views = self.views;
        (ids.iter())
            .map(|&p| views.summary(p, &content.pages[p]))
            .collect()
    }

    /// The newest pages of `kind` in language `tree`.
    fn recent(&self, kind: Kind, tree: TreeId, content: &RenderedContent) -> Vec<PageSummary> {
        let index = self.views.index;
        let mut ids: Vec<PageId> = (0..index.pages.len())
            .filter(|&p| index.pages[p].doc.kind() == kind && index.pages[p].tree == tree)
            .collect();
        crate::index::newest_first(&index.pages, &mut ids);
        ids.truncate(RECENT_ON_HOME);
        self.summaries(&ids, content)
    }

    fn home(&self, tree: TreeId, content: &RenderedContent) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let id = views.index.homes[tree];
        let home = &views.index.sections[id];
        let mut cx = self.context(
            &home.path,
            &home.doc.title,
            home.doc.description.as_deref(),
            "website",
            Place::Section(id),
        );
        cx.insert("breadcrumbs", &Vec::<Link>::new());
        let sections: Vec<SectionSummary> = home
            .subsections
            .iter()
            .map(|&s| views.section_summary(s))
            .collect();
        cx.insert(
            "home",
            &serde_json::json!({
                "title": home.doc.title,
                "description": home.doc.description,
                "content": content.sections[id].html,
                "sections": sections,
                "recent_articles": self.recent(Kind::Article, tree, content),
                "recent_threads": self.recent(Kind::Question, tree, content),
            }),
        );
        let shown = home.shown_path();
        let template = self.template_for(home.doc.template.as_ref(), "index.html", &shown)?;
        let what = match tree {
            0 => "the home page".to_string(),
            _ => format!(
                "the home page of `{}`",
                views.index.languages.trees[tree].code
            ),
        };
        self.file(&template, cx, output_file(&home.path), &what)
    }

    /// The tag index of language `tree`.
    fn tags(&self, tree: TreeId) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let index = views.index;
        let tags: Vec<serde_json::Value> = (index.tags.iter())
            .filter(|t| t.tree == tree)
            .map(|t| serde_json::json!({ "name": t.name, "slug": t.slug, "url": index.url(&t.path()), "count": t.pages.len() }))
            .collect();
        let path = index.tags_path(tree);
        let title = self.words(self.tree_language(tree), "tags", &[]);
        let mut cx = self.context(&path, &title, None, "website", Place::Tags(tree));
        cx.insert(
            "breadcrumbs",
            &views.breadcrumbs(Some(index.homes[tree]), Some(self.tags_link(tree))),
        );
        cx.insert("tags", &tags);
        self.file("tags.html", cx, output_file(&path), "the tag index")
    }

    fn tags_link(&self, tree: TreeId) -> Link {
        Link {
            title: self.words(self.tree_language(tree), "tags", &[]),
            url: self.views.index.url(&self.views.index.tags_path(tree)),
        }
    }

    fn tag(
        &self,
        id: usize,
        listing: ListingPage,
        content: &RenderedContent,
    ) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let tag = &views.index.tags[id];
        let path = tag.path();
        let lang = self.tree_language(tag.tree);
        let tagged = self.words(lang, "tagged-title", &[("tag", &tag.name)]);
        let title = self.listing_title(&listing, &tagged, lang);
        let place = Place::Only(tag.tree);
        let mut cx = self.context(&listing.path, &title, None, "website", place);
        let feed_url = views.index.url(&format!("{path}atom.xml"));
        if let Some(serde_json::Value::Object(mut meta)) = cx.get("meta").cloned() {
            meta.insert("feed_url".into(), feed_url.clone().into());
            cx.insert("meta", &meta);
        }
        let home = views.index.homes[tag.tree];
        let mut crumbs = views.breadcrumbs(Some(home), Some(self.tags_link(tag.tree)));
        crumbs.push(Link {
            title: tag.name.clone(),
            url: views.index.url(&path),
        });
        cx.insert("breadcrumbs", &crumbs);
        let pages = self.summaries(listing.pages, content);
        cx.insert(
            "tag",
            &serde_json::json!({
                "name": tag.name,
                "slug": tag.slug,
                "url": views.index.url(&path),
                "feed_url": feed_url,
                "pages": pages,
                "page_count": tag.pages.len(),
            }),
        );
        cx.insert("paginator", &listing.paginator);
        let output = output_file(&listing.path);
        let what = format!("the page of tag `{}`", tag.name);
        self.file("tag.html", cx, output, &what)
    }

    pub(super) fn feeds(&self, content: &RenderedContent) -> Vec<Rendered> {
        let views = self.views;
        let index = views.index;
        let limit = views.config.feed.limit;
        let mut files = Vec::new();
        for (tree, language) in index.languages.trees.iter().enumerate() {
            let pages: Vec<PageId> = (0..index.pages.len())
                .filter(|&p| index.pages[p].tree == tree)
                .collect();
            let path = index.feed_path(tree);
            let spec = FeedSpec {
                title: &language.title,
                tree,
                path: &path,
                alternate: &language.path,
                pages: &pages,
                limit,
            };
            let feed = feeds::atom(views, &content.pages, &spec).into_bytes();
            files.push(Rendered::untemplated(path, feed));
        }
        for tag in &index.tags {
            let path = format!("{}atom.xml", tag.path());
            let site_title = &index.languages.trees[tag.tree].title;
            let title = format!("{site_title} – {}", tag.name);
            let spec = FeedSpec {
                title: &title,
                tree: tag.tree,
                path: &path,
                alternate: &tag.path(),
                pages: &tag.pages,
                limit,
            };
            let feed = feeds::atom(views, &content.pages, &spec).into_bytes();
            files.push(Rendered::untemplated(path.clone(), feed));
        }
        let pagination: Vec<String> = self
            .listings()
            .flat_map(|l| self.entries(l).later_paths())
            .collect();
        let sitemap = feeds::sitemap(views, &pagination).into_bytes();
        files.push(Rendered::untemplated("sitemap.xml".into(), sitemap));
        let robots = feeds::robots(views).into_bytes();
        files.push(Rendered::untemplated("robots.txt".into(), robots));
        files
    }
}
