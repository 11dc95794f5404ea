//! Machine-readable outputs: Atom feeds (site-wide and per tag), `sitemap.xml` and `robots.txt`.
//! Written by hand: the formats are small, and this keeps the bytes deterministic.

use crate::content::PageDigest;
use crate::escape::attr as xml_escape;
use crate::index::{PageId, SiteIndex, newest_first};
use crate::languages::TreeId;
use crate::views::{Alternate, Place, Views};

/// One Atom feed of the newest dated pages among `pages`.
pub(crate) struct FeedSpec<'a> {
    pub title: &'a str,
    /// The language of its pages.
    pub tree: TreeId,
    /// Site-relative path of the feed itself (`atom.xml`, `tags/x/atom.xml`).
    pub path: &'a str,
    /// Site-relative path of the page the feed belongs to.
    pub alternate: &'a str,
    pub pages: &'a [PageId],
    pub limit: usize,
}

pub(crate) fn atom(views: &Views, digests: &[PageDigest], spec: &FeedSpec) -> String {
    let index = views.index;
    let mut ids: Vec<PageId> = spec
        .pages
        .iter()
        .copied()
        .filter(|&p| index.pages[p].doc.meta.date.is_some())
        .collect();
    newest_first(&index.pages, &mut ids);
    ids.truncate(spec.limit);
    let updated = ids
        .iter()
        .filter_map(|&p| {
            let meta = &index.pages[p].doc.meta;
            meta.updated.or(meta.date)
        })
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.iso());
    let language = &index.languages.trees[spec.tree];
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    xml.push_str(&format!(" xml:lang=\"{}\">\n", xml_escape(&language.code)));
    xml.push_str(&format!("  <title>{}</title>\n", xml_escape(spec.title)));
    if !language.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(&language.description)
        ));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&views.permalink(spec.path))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&views.permalink(spec.alternate))
    ));
    xml.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        xml_escape(&views.permalink(spec.path))
    ));
    xml.push_str("  <generator>folio</generator>\n");
    for &id in &ids {
        xml.push_str(&entry(views, &digests[id], id));
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(views: &Views, digest: &PageDigest, id: PageId) -> String {
    let page = &views.index.pages[id];
    let meta = &page.doc.meta;
    let link = views.permalink(&page.path);
    let published = meta.date.map(|d| d.iso()).unwrap_or_default();
    let updated = meta.updated.map_or_else(|| published.clone(), |d| d.iso());
    let mut xml = String::from("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", xml_escape(&meta.title)));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&link)
    ));
    xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&link)));
    xml.push_str(&format!(
        "    <published>{published}</published>\n    <updated>{updated}</updated>\n"
    ));
    let authors = if meta.authors.is_empty() && !views.config.author.is_empty() {
        vec![views.config.author.clone()]
    } else {
        meta.authors.clone()
    };
    for author in authors {
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(&author)
        ));
    }
    for tag in views.tag_links(id) {
        xml.push_str(&format!(
            "    <category term=\"{}\"/>\n",
            xml_escape(&tag.name)
        ));
    }
    let summary = &digest.summary;
    if !summary.is_empty() {
        xml.push_str(&format!(
            "    <summary type=\"html\">{}</summary>\n",
            xml_escape(summary)
        ));
    }
    xml.push_str("  </entry>\n");
    xml
}

/// One `<url>` of the sitemap: its path, last change and versions in other languages.
type SitemapRow = (String, Option<String>, Vec<Alternate>);

/// Every built page, section (and its pagination pages) and tag page, with its last change and,
/// for a translated page, every language's version (`xhtml:link`, as search engines read it).
pub(crate) fn sitemap(views: &Views, extra_paths: &[String]) -> String {
    let index: &SiteIndex = views.index;
    let mut rows: Vec<SitemapRow> = Vec::new();
    for (id, page) in index.pages.iter().enumerate() {
        let date = page
            .doc
            .meta
            .updated
            .or(page.doc.meta.date)
            .map(|d| d.day());
        rows.push((page.path.clone(), date, views.alternates(Place::Page(id))));
    }
    let sections = index.sections.iter().enumerate();
    rows.extend(
        sections.map(|(id, s)| (s.path.clone(), None, views.alternates(Place::Section(id)))),
    );
    rows.extend(extra_paths.iter().map(|p| (p.clone(), None, Vec::new())));
    for tree in 0..index.languages.trees.len() {
        rows.push((
            index.tags_path(tree),
            None,
            views.alternates(Place::Tags(tree)),
        ));
    }
    rows.extend(index.tags.iter().map(|t| (t.path(), None, Vec::new())));
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.dedup_by(|a, b| a.0 == b.0);
    let namespaces = match rows.iter().any(|r| !r.2.is_empty()) {
        true => " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"",
        false => "",
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{namespaces}>\n",
    );
    for (path, lastmod, alternates) in rows {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            xml_escape(&views.permalink(&path))
        ));
        if let Some(day) = lastmod {
            xml.push_str(&format!("    <lastmod>{day}</lastmod>\n"));
        }
        for alternate in alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&alternate.hreflang),
                xml_escape(&alternate.url)
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub(crate) fn robots(views: &Views) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        views.permalink("sitemap.xml")
    )
}
