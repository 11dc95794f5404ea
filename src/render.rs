//! Renders every output page through the theme's templates, in parallel, into a `Sink`: each
//! content page as soon as its content is ready, then section listings with pagination, the home
//! page, tags, 404 and alias redirects, feeds, the sitemap and robots.txt.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use tera::Context;

use crate::content::{PageDigest, PageHtml, RenderedContent};
use crate::diagnostic::{Diagnostic, Position, unknown_name_help};
use crate::document::listing_size;
use crate::escape;
use crate::feeds::{self, FeedSpec};
use crate::frontmatter::Kind;
use crate::highlight::SYNTAX_CSS;
use crate::index::{PageId, SectionId, output_file};
use crate::jsonld;
use crate::output::{OutputFile, Sink};
use crate::theme::{Theme, error_chain};
use crate::views::{AssetUrls, Link, PageSummary, SectionSummary, SiteView, Views};

/// How many pages the home page lists as recent articles and recent threads.
const RECENT_ON_HOME: usize = 6;

/// One output file: site-relative path, its bytes, and what wrote it.
struct Rendered {
    path: String,
    bytes: Vec<u8>,
    made: Made,
}

/// What wrote an output file, so `folio check` can point a bad link at the template behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The template, or `None` for folio's own markup (redirects, feeds, the sitemap).
    pub template: Option<String>,
    /// A content page's own file: its links come from that page or its template, while
    /// listings and feeds also show what other pages wrote (their summaries).
    pub content_page: bool,
}

impl Rendered {
    /// A file of folio's own markup, written without a template.
    fn untemplated(path: String, bytes: Vec<u8>) -> Self {
        Rendered {
            path,
            bytes,
            made: Made {
                template: None,
                content_page: false,
            },
        }
    }
}

enum Job {
    /// Page `number` (from 1) of a section's or a tag's listing.
    Listing {
        listing: Listing,
        number: usize,
    },
    Home,
    Tags,
    NotFound,
}

/// What a listing split into pages lists: a section's pages or a tag's.
#[derive(Clone, Copy)]
enum Listing {
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
struct Meta {
    title: String,
    description: String,
    canonical_url: String,
    og_type: &'static str,
    feed_url: String,
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
        self.pages.len().div_ceil(self.per_page()).max(1)
    }

    /// Page 1 at the listing's own path, the others under `page/N/` below it.
    fn page_path(&self, number: usize) -> String {
        if number == 1 {
            self.path.clone()
        } else {
            format!("{}page/{number}/", self.path)
        }
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

impl ListingPage<'_> {
    /// `title`, or on a later page `title (page N of M)`, so each page's title is its own.
    fn title(&self, title: &str) -> String {
        let Paginator { current, total, .. } = self.paginator;
        if current == 1 {
            title.to_string()
        } else {
            format!("{title} (page {current} of {total})")
        }
    }
}

/// Renders output pages through the theme into a sink: each content page on its own, as soon
/// as its content is rendered (`page`), and everything that lists pages once all are (`rest`).
pub struct SiteRenderer<'a> {
    renderer: Renderer<'a>,
    sink: &'a dyn Sink,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        views: &'a Views<'a>,
        theme: &'a Theme,
        syntax_css: &str,
        sink: &'a dyn Sink,
    ) -> Result<Self, Diagnostic> {
        let mut renderer = Renderer::new(views, theme, syntax_css);
        renderer.nav = Nav::new(renderer.shared_nav()?);
        Ok(SiteRenderer { renderer, sink })
    }

    /// Renders and writes the page `id`, whose content is `digest` and `html`; returns its
    /// output path and what wrote it.
    pub fn page(
        &self,
        id: PageId,
        digest: &PageDigest,
        html: &PageHtml,
    ) -> Result<(String, Made), Diagnostic> {
        self.renderer
            .page(id, digest, html)
            .and_then(|f| self.put(f))
    }

    /// Renders and writes everything but the content pages, which `content` digests:
    /// listings, home, tags, 404, alias redirects, feeds, sitemap. Returns the paths written and
    /// what wrote each.
    pub fn rest(&self, content: &RenderedContent) -> (Vec<(String, Made)>, Vec<Diagnostic>) {
        let renderer = &self.renderer;
        let results: Vec<Result<(String, Made), Diagnostic>> = renderer
            .jobs()
            .par_iter()
            .map(|job| renderer.render(job, content).and_then(|f| self.put(f)))
            .collect();
        let feeds = renderer.feeds(content);
        let extra = renderer.aliases().into_iter().chain(feeds);
        let mut paths = Vec::with_capacity(results.len() + 8);
        let mut diagnostics = Vec::new();
        for result in results.into_iter().chain(extra.map(|f| self.put(f))) {
            match result {
                Ok(path) => paths.push(path),
                Err(d) => diagnostics.push(d),
            }
        }
        (paths, diagnostics)
    }

    fn put(&self, file: Rendered) -> Result<(String, Made), Diagnostic> {
        let Rendered { path, bytes, made } = file;
        self.sink
            .put(&path, OutputFile::Bytes(bytes))
            .map_err(|e| {
                Diagnostic::error(&path, Position::FILE, e.to_string()).with_code("F0903")
            })?;
        Ok((path, made))
    }
}

impl<'a> Renderer<'a> {
    fn new(views: &'a Views<'a>, theme: &'a Theme, syntax_css: &str) -> Self {
        let hashed = |name: &str, bytes: Option<Vec<u8>>| {
            format!(
                "{}?h={:08x}",
                views.index.url(name),
                bytes.map(|b| fnv1a(&b)).unwrap_or_default()
            )
        };
        let assets = AssetUrls {
            stylesheet: hashed("style.css", theme.static_bytes("style.css")),
            script: hashed("theme.js", theme.static_bytes("theme.js")),
            syntax_stylesheet: hashed(SYNTAX_CSS, Some(syntax_css.as_bytes().to_vec())),
        };
        Renderer {
            views,
            theme,
            site: SiteVariable::new(&views.site(assets)),
            nav: Nav::default(),
        }
    }
}

/// The `site` variable, serialized once. Cloning it into every page's context (a map per
/// sidebar link) cost more than the rest of a page's templating, so each rendering borrows a
/// spare copy and gives it back: there are only as many copies as pages rendered at once.
struct SiteVariable {
    value: Value,
    spare: Mutex<Vec<Value>>,
}

impl SiteVariable {
    fn new(site: &SiteView) -> Self {
        SiteVariable {
            // A `SiteView` is plain strings, numbers, lists and maps: it always serializes.
            value: serde_json::to_value(site).unwrap_or_default(),
            spare: Mutex::new(Vec::new()),
        }
    }

    /// Calls `render` with `vars` plus `site`.
    fn with<R>(&self, mut vars: Context, render: impl FnOnce(&Context) -> R) -> R {
        let site = self.spare().pop().unwrap_or_else(|| self.value.clone());
        let only_site = Map::from_iter([(SITE.to_string(), site)]);
        // Moves `site` in (`insert` would clone it); it replaces any `site` of `vars`, so the
        // value taken back below is always ours.
        vars.extend(Context::from_value(Value::Object(only_site)).unwrap_or_default());
        let result = render(&vars);
        if let Some(site) = vars.remove(SITE) {
            self.spare().push(site);
        }
        result
    }

    fn spare(&self) -> MutexGuard<'_, Vec<Value>> {
        self.spare.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

const SITE: &str = "site";

/// The shared navigation and where each of its links is, so that marking the links to the
/// current page copies the sidebar once instead of searching all of it for every page.
#[derive(Default)]
struct Nav {
    html: String,
    /// For each escaped URL, the byte ranges of the `href="URL"` attributes that link to it.
    links: HashMap<String, Vec<(usize, usize)>>,
}

const HREF: &str = "href=\"";
const CURRENT: &str = " aria-current=\"page\"";

impl Nav {
    fn new(html: String) -> Self {
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
    fn marked(&self, url: &str) -> String {
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

/// FNV-1a: tiny, stable across Rust versions, good enough for cache busting.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

struct Renderer<'a> {
    views: &'a Views<'a>,
    theme: &'a Theme,
    site: SiteVariable,
    /// The theme's `nav.html`, rendered once: the sidebar is the same on every page but for
    /// the current page's mark, and rendering it per page took a third of the template time.
    nav: Nav,
}

/// The template a theme may provide for its site navigation; see `Renderer::nav_html`.
const NAV_TEMPLATE: &str = "nav.html";

impl<'a> Renderer<'a> {
    fn shared_nav(&self) -> Result<String, Diagnostic> {
        if !self.theme.has_template(NAV_TEMPLATE) {
            return Ok(String::new());
        }
        let mut cx = Context::new();
        cx.insert("lang", &self.views.config.language);
        let html = self.run(NAV_TEMPLATE, cx, NAV_TEMPLATE, "the site navigation")?;
        Ok(String::from_utf8_lossy(&html).trim_end().to_string())
    }

    /// Every section but the home page, then every tag.
    fn listings(&self) -> impl Iterator<Item = Listing> {
        let index = self.views.index;
        (1..index.sections.len())
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

    fn jobs(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        for listing in self.listings() {
            let total = self.entries(listing).listing_pages();
            jobs.extend((1..=total).map(|number| Job::Listing { listing, number }));
        }
        jobs.extend([Job::Home, Job::Tags, Job::NotFound]);
        jobs
    }

    fn render(&self, job: &Job, content: &RenderedContent) -> Result<Rendered, Diagnostic> {
        match *job {
            Job::Listing { listing, number } => {
                let page = self.entries(listing).page(self.views, number);
                match listing {
                    Listing::Section(id) => self.section(id, page, content),
                    Listing::Tag(id) => self.tag(id, page, content),
                }
            }
            Job::Home => self.home(content),
            Job::Tags => self.tags(),
            Job::NotFound => {
                let mut cx = self.context("404.html", "Page not found", None, "website");
                cx.insert("breadcrumbs", &Vec::<Link>::new());
                self.file("404.html", cx, "404.html".into(), "the 404 page")
            }
        }
    }

    fn context(
        &self,
        path: &str,
        title: &str,
        description: Option<&str>,
        og_type: &'static str,
    ) -> Context {
        let views = self.views;
        let mut cx = Context::new();
        let site_title = &views.config.title;
        let full_title = if title.is_empty() || title == site_title {
            site_title.clone()
        } else {
            format!("{title} | {site_title}")
        };
        let current_url = views.index.url(path);
        cx.insert("nav_html", &self.nav.marked(&current_url));
        cx.insert("current_url", &current_url);
        cx.insert(
            "meta",
            &Meta {
                title: full_title,
                description: description.unwrap_or(&views.config.description).to_string(),
                canonical_url: views.permalink(path),
                og_type,
                feed_url: views.index.url("atom.xml"),
            },
        );
        cx.insert("jsonld", &Option::<String>::None);
        cx.insert("lang", &views.config.language);
        cx
    }

    /// The template a document asked for, checked to exist, or the kind's default.
    fn template_for(
        &self,
        asked: Option<&(String, Position)>,
        default: &str,
        shown: &std::path::Path,
    ) -> Result<String, Diagnostic> {
        match asked {
            None => Ok(default.to_string()),
            Some((name, _)) if self.theme.has_template(name) => Ok(name.clone()),
            Some((name, position)) => {
                Err(
                    Diagnostic::error(shown, *position, format!("unknown template `{name}`"))
                        .with_code("F0504")
                        .with_help(unknown_name_help(name, &self.theme.template_names())),
                )
            }
        }
    }

    /// The output file `output`, rendered by `template` with `vars` and `site`.
    fn file(
        &self,
        template: &str,
        vars: Context,
        output: String,
        what: &str,
    ) -> Result<Rendered, Diagnostic> {
        let bytes = self.run(template, vars, &output, what)?;
        Ok(Rendered {
            path: output,
            bytes,
            made: Made {
                template: Some(template.to_string()),
                content_page: false,
            },
        })
    }

    /// Renders `template` with `vars` and `site`.
    fn run(
        &self,
        template: &str,
        vars: Context,
        output: &str,
        what: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.site
            .with(vars, |cx| self.theme.tera.render(template, cx))
            .map(String::into_bytes)
            .map_err(|e| {
                Diagnostic::error(
                    format!("templates/{template}"),
                    Position::FILE,
                    format!("cannot render {what} (`{output}`): {}", error_chain(&e)),
                )
                .with_code("F0505")
            })
    }

    fn page(
        &self,
        id: PageId,
        digest: &PageDigest,
        html: &PageHtml,
    ) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let page = &views.index.pages[id];
        let doc = &page.doc;
        let default = if doc.kind() == Kind::Question {
            "question.html"
        } else {
            "article.html"
        };
        let template = self.template_for(doc.meta.template.as_ref(), default, &doc.shown_path)?;
        let view = views.page(id, digest, html);
        let thread = views.thread(id, html);
        let jsonld = match &thread {
            Some(t) => jsonld::thread(&view, t, doc.meta.schema),
            None => jsonld::article(&view),
        };
        let mut cx = self.context(
            &page.path,
            &doc.meta.title,
            doc.meta.description.as_deref(),
            "article",
        );
        cx.insert(
            "breadcrumbs",
            &views.breadcrumbs(Some(page.section), Some(views.page_link(id))),
        );
        cx.insert("jsonld", &Some(jsonld));
        cx.insert("lang", &view.language);
        cx.insert("page", &view);
        if let Some(thread) = &thread {
            cx.insert("thread", thread);
        }
        let output = page.output_file();
        let what = format!("`{}`", doc.shown_path.display());
        let mut file = self.file(&template, cx, output, &what)?;
        file.made.content_page = true;
        Ok(file)
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
        let title = listing.title(&section.doc.title);
        let mut cx = self.context(path, &title, section.doc.description.as_deref(), "website");
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

    fn recent(&self, kind: Kind, content: &RenderedContent) -> Vec<PageSummary> {
        let index = self.views.index;
        let mut ids: Vec<PageId> = (0..index.pages.len())
            .filter(|&p| index.pages[p].doc.kind() == kind)
            .collect();
        crate::index::newest_first(&index.pages, &mut ids);
        ids.truncate(RECENT_ON_HOME);
        self.summaries(&ids, content)
    }

    fn home(&self, content: &RenderedContent) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let home = views.index.home();
        let mut cx = self.context(
            "",
            &home.doc.title,
            home.doc.description.as_deref(),
            "website",
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
                "content": content.sections[0].html,
                "sections": sections,
                "recent_articles": self.recent(Kind::Article, content),
                "recent_threads": self.recent(Kind::Question, content),
            }),
        );
        let template = self.template_for(
            home.doc.template.as_ref(),
            "index.html",
            std::path::Path::new("content/_index.md"),
        )?;
        self.file(&template, cx, "index.html".into(), "the home page")
    }

    fn tags(&self) -> Result<Rendered, Diagnostic> {
        let views = self.views;
        let tags: Vec<serde_json::Value> = views
            .index
            .tags
            .iter()
            .map(|t| serde_json::json!({ "name": t.name, "slug": t.slug, "url": views.index.url(&t.path()), "count": t.pages.len() }))
            .collect();
        let mut cx = self.context("tags/", "Tags", None, "website");
        cx.insert(
            "breadcrumbs",
            &views.breadcrumbs(
                Some(0),
                Some(Link {
                    title: "Tags".into(),
                    url: views.index.url("tags/"),
                }),
            ),
        );
        cx.insert("tags", &tags);
        self.file("tags.html", cx, "tags/index.html".into(), "the tag index")
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
        let title = listing.title(&format!("Tagged “{}”", tag.name));
        let mut cx = self.context(&listing.path, &title, None, "website");
        let feed_url = views.index.url(&format!("{path}atom.xml"));
        if let Some(serde_json::Value::Object(mut meta)) = cx.get("meta").cloned() {
            meta.insert("feed_url".into(), feed_url.clone().into());
            cx.insert("meta", &meta);
        }
        let tags_link = Link {
            title: "Tags".into(),
            url: views.index.url("tags/"),
        };
        let mut crumbs = views.breadcrumbs(Some(0), Some(tags_link));
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

    /// Redirect pages for old URLs: a meta refresh plus a canonical link, no template needed.
    fn aliases(&self) -> Vec<Rendered> {
        let views = self.views;
        views
            .index
            .aliases
            .iter()
            .map(|alias| {
                let target = &views.index.pages[alias.target];
                let url = escape::attr(&views.index.url(&target.path));
                let canonical = escape::attr(&views.permalink(&target.path));
                let title = escape::attr(&target.doc.meta.title);
                let html = format!(
                    "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{url}\">{title}</a>.</p>\n</body>\n</html>\n",
                    escape::attr(&views.config.language)
                );
                Rendered::untemplated(alias.output_file.clone(), html.into_bytes())
            })
            .collect()
    }

    fn feeds(&self, content: &RenderedContent) -> Vec<Rendered> {
        let views = self.views;
        let index = views.index;
        let limit = views.config.feed.limit;
        let all: Vec<PageId> = (0..index.pages.len()).collect();
        let mut files = vec![Rendered::untemplated(
            "atom.xml".to_string(),
            feeds::atom(
                views,
                &content.pages,
                &FeedSpec {
                    title: &views.config.title,
                    path: "atom.xml",
                    alternate: "",
                    pages: &all,
                    limit,
                },
            )
            .into_bytes(),
        )];
        for tag in &index.tags {
            let path = format!("{}atom.xml", tag.path());
            let title = format!("{} – {}", views.config.title, tag.name);
            let spec = FeedSpec {
                title: &title,
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
