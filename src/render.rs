//! Renders every output page through the theme's templates, in parallel, into a `Sink`: each
//! content page as soon as its content is ready (here, with the redirect pages of its aliases),
//! then what lists pages once every page's digest is known (`listings`: section and tag
//! listings with pagination, the home page, tags, 404, feeds, the sitemap and robots.txt). The
//! navigation is rendered once and marked for each page (`nav`).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use tera::{Context, Tera};

use crate::content::{PageDigest, PageHtml, RenderedContent};
use crate::diagnostic::{Diagnostic, Position, unknown_name_help};
use crate::direction;
use crate::escape;
use crate::frontmatter::Kind;
use crate::highlight::SYNTAX_CSS;
use crate::i18n::Translate;
use crate::index::PageId;
use crate::jsonld;
use crate::languages::TreeId;
use crate::output::{OutputFile, Sink};
use crate::theme::{Theme, error_chain};
use crate::views::{AssetUrls, Place, SiteView, Views};

mod listings;
mod nav;

use nav::Nav;

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

#[derive(Serialize)]
struct Meta {
    title: String,
    description: String,
    canonical_url: String,
    og_type: &'static str,
    feed_url: String,
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
        let trees = 0..views.index.languages.trees.len();
        renderer.navs = trees
            .map(|tree| renderer.shared_nav(tree).map(Nav::new))
            .collect::<Result<_, _>>()?;
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
            search_script: (views.config.search.enable)
                .then(|| hashed("search.js", theme.static_bytes("search.js"))),
        };
        let trees = 0..views.index.languages.trees.len();
        let teras = (views.locales.languages())
            .map(|lang| {
                let mut tera = theme.tera.clone();
                let translate = Translate::new(theme.translations.clone(), lang);
                tera.register_function("t", translate);
                (lang.to_string(), tera)
            })
            .collect();
        Renderer {
            views,
            theme,
            sites: trees
                .map(|tree| SiteVariable::new(&views.site(&assets, tree)))
                .collect(),
            navs: Vec::new(),
            teras,
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

/// FNV-1a: tiny, stable across Rust versions, good enough for cache busting.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

struct Renderer<'a> {
    views: &'a Views<'a>,
    theme: &'a Theme,
    /// The `site` variable of each language.
    sites: Vec<SiteVariable>,
    /// Each language's `nav.html`, rendered once: the sidebar is the same on every page but for
    /// the current page's mark, and rendering it per page took a third of the template time.
    navs: Vec<Nav>,
    /// The templates for each language of the pages, their `t()` giving its words.
    teras: HashMap<String, Tera>,
}

/// What a template is rendered with: its variables, the language tree whose `site` it sees,
/// and the language whose words its `t()` gives.
struct Vars {
    cx: Context,
    tree: TreeId,
    lang: String,
}

impl std::ops::Deref for Vars {
    type Target = Context;
    fn deref(&self) -> &Context {
        &self.cx
    }
}

impl std::ops::DerefMut for Vars {
    fn deref_mut(&mut self) -> &mut Context {
        &mut self.cx
    }
}

impl<'a> Renderer<'a> {
    /// The variables every page has: its URL and meta, the navigation of its language, its
    /// versions in other languages.
    fn context(
        &self,
        path: &str,
        title: &str,
        description: Option<&str>,
        og_type: &'static str,
        place: Place,
    ) -> Vars {
        let views = self.views;
        let index = views.index;
        let tree = match place {
            Place::Page(id) => index.pages[id].tree,
            Place::Section(id) => index.sections[id].tree,
            Place::Tags(tree) | Place::Only(tree) => tree,
        };
        let language = &index.languages.trees[tree];
        let mut cx = Context::new();
        let site_title = &language.title;
        let full_title = if title.is_empty() || title == site_title {
            site_title.clone()
        } else {
            format!("{title} | {site_title}")
        };
        let current_url = index.url(path);
        let nav = self.navs.get(tree).map(|nav| nav.marked(&current_url));
        cx.insert("nav_html", &nav.unwrap_or_default());
        cx.insert("current_url", &current_url);
        cx.insert(
            "meta",
            &Meta {
                title: full_title,
                description: description.unwrap_or(&language.description).to_string(),
                canonical_url: views.permalink(path),
                og_type,
                feed_url: index.url(&index.feed_path(tree)),
            },
        );
        cx.insert("jsonld", &Option::<String>::None);
        let lang = match place {
            Place::Page(id) => &index.pages[id].language,
            Place::Section(id) => &index.sections[id].language,
            Place::Tags(_) | Place::Only(_) => &language.code,
        };
        cx.insert("lang", lang);
        cx.insert("dir", &direction::of(lang));
        let ui_lang = self.ui_lang(lang);
        cx.insert("ui_dir", &direction::of(&ui_lang));
        cx.insert("ui_lang", &ui_lang);
        cx.insert("alternates", &views.alternates(place));
        cx.insert("languages", &views.language_links(place, tree));
        Vars {
            cx,
            tree,
            lang: lang.clone(),
        }
    }

    /// The language of the theme's words on a page in `lang` when it is another (the words
    /// fell back to it), for their elements' `lang`; empty when they are in `lang`.
    fn ui_lang(&self, lang: &str) -> String {
        let ui = &self.views.locales.get(lang).ui_language;
        if ui.eq_ignore_ascii_case(lang) {
            String::new()
        } else {
            ui.clone()
        }
    }

    /// Message `id` of the translation files in `lang`, for the few words folio writes
    /// outside templates (titles of listings, redirect pages).
    fn words(&self, lang: &str, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.to_string());
        }
        (self.theme.translations)
            .text(lang, id, Some(&fluent_args))
            .unwrap_or_else(|| id.to_string())
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
        vars: Vars,
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
        vars: Vars,
        output: &str,
        what: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let tera = self.teras.get(&vars.lang).unwrap_or(&self.theme.tera);
        self.sites[vars.tree]
            .with(vars.cx, |cx| tera.render(template, cx))
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
            Place::Page(id),
        );
        cx.insert(
            "breadcrumbs",
            &views.breadcrumbs(Some(page.section), Some(views.page_link(id))),
        );
        cx.insert("jsonld", &Some(jsonld));
        cx.insert("page", &view);
        cx.insert("translation", &views.translation(id));
        if let Some(thread) = &thread {
            cx.insert("thread", thread);
        }
        let output = page.output_file();
        let what = format!("`{}`", doc.shown_path.display());
        let mut file = self.file(&template, cx, output, &what)?;
        file.made.content_page = true;
        Ok(file)
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
                let lang = &target.language;
                let moved = escape::attr(&self.words(lang, "moved-to", &[]));
                let html = format!(
                    "<!doctype html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>{moved} <a href=\"{url}\">{title}</a>.</p>\n</body>\n</html>\n",
                    escape::attr(lang),
                    direction::of(lang).as_str(),
                );
                Rendered::untemplated(alias.output_file.clone(), html.into_bytes())
            })
            .collect()
    }
}
