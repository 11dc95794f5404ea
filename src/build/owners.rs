//! Every output path has one owner. A page's `aliases:` become redirect pages, and an alias that
//! names a file the build makes for itself (the feeds, the sitemap, the 404 page, the tag index,
//! a theme's stylesheet or script, a content asset) would replace it, or ask for a folder where
//! that file is (`/atom.xml` is `atom.xml/index.html`): the result then depended on which writer
//! got there first. Such an alias is an error at its line, found before anything is written.
//! So is a page or section on one of those files (`content/tags.md` on the tag index, a page
//! on a static file or a later listing page), and a static file on a file the build makes
//! (`static/sitemap.xml`). A site's static file replacing the theme's is an override, not a
//! collision. (Pages, sections, tags and aliases among themselves are
//! `index::duplicate_outputs`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::document::listing_size;
use crate::highlight::SYNTAX_CSS;
use crate::index::{self, SiteIndex, url_position};
use crate::theme::{StaticFile, Theme};

/// Settles who writes each output path before anything is written: takes out of the index the
/// aliases that collide with a file the build writes for itself, so nothing is written twice,
/// and returns an error for each, and for each page, section or static file on such a file.
pub(crate) fn claim_outputs(
    index: &mut SiteIndex,
    theme: Option<&Theme>,
    config: &Config,
    site_root: &Path,
) -> Vec<Diagnostic> {
    let tags_per_page = listing_size(config.tags.paginate_by);
    let made = made_files(index, tags_per_page);
    let static_files = theme.map_or(&[][..], |t| t.static_files.as_slice());
    let mut diagnostics = static_collisions(static_files, &made, site_root);
    let mut owned = made;
    for (path, source) in static_files {
        let own = matches!(source, StaticFile::Disk(p) if p.starts_with(site_root.join("static")));
        let what = if own {
            "the static file"
        } else {
            "the theme's file"
        };
        owned.insert(path.clone(), what.into());
    }
    diagnostics.extend(page_collisions(index, &owned));
    diagnostics.extend(drop_colliding_aliases(index, &owned));
    diagnostics
}

fn drop_colliding_aliases(
    index: &mut SiteIndex,
    owned: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut keep = Vec::with_capacity(index.aliases.len());
    for alias in &index.aliases {
        let Some((file, what)) = collision(&alias.output_file, owned) else {
            keep.push(true);
            continue;
        };
        keep.push(false);
        let page = &index.pages[alias.target].doc;
        diagnostics.push(
            Diagnostic::error(
                &page.shown_path,
                alias.position,
                format!("alias `{}` would replace {what} `{file}`", alias.written),
            )
            .with_code("F0405")
            .with_help("an alias is an old address of this page: remove it, or give another one"),
        );
    }
    let mut keep = keep.into_iter();
    index.aliases.retain(|_| keep.next().unwrap_or(true));
    diagnostics
}

/// A page or section whose file is one the build makes for itself or a static file.
fn page_collisions(index: &SiteIndex, owned: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let pages = (index.pages.iter()).map(|p| {
        (
            p.output_file(),
            p.doc.shown_path.clone(),
            url_position(&p.doc),
        )
    });
    let sections = (index.sections.iter())
        .filter(|s| s.doc.index_path.is_some())
        .map(|s| (s.output_file(), s.shown_path(), Position::new(1, 1)));
    (pages.chain(sections))
        .filter_map(|(output, shown, at)| {
            let (file, what) = collision(&output, owned)?;
            Some(
                Diagnostic::error(
                    &shown,
                    at,
                    format!("this page would replace {what} `{file}`"),
                )
                .with_code("F0406")
                .with_help("give the page another `slug:` or file name"),
            )
        })
        .collect()
}

/// A static file (the site's or the theme's) on a file the build makes.
fn static_collisions(
    static_files: &[(String, StaticFile)],
    made: &BTreeMap<String, String>,
    site_root: &Path,
) -> Vec<Diagnostic> {
    (static_files.iter())
        .filter_map(|(rel, source)| {
            let (file, what) = collision(rel, made)?;
            let shown = match source {
                StaticFile::Disk(path) => {
                    path.strip_prefix(site_root).unwrap_or(path).to_path_buf()
                }
                StaticFile::Embedded(_) => PathBuf::from("(built-in theme)/static").join(rel),
            };
            Some(
                Diagnostic::error(
                    &shown,
                    Position::FILE,
                    format!("this static file would replace {what} `{file}`"),
                )
                .with_code("F0406")
                .with_help("folio writes that file itself: remove or rename the static file"),
            )
        })
        .collect()
}

/// The files the build makes besides pages, first listing pages, aliases and static files (the
/// later pages of paginated listings included), with what each is (as messages name it).
fn made_files(index: &SiteIndex, tags_per_page: Option<usize>) -> BTreeMap<String, String> {
    let mut owned = BTreeMap::new();
    for (file, what) in [
        ("sitemap.xml", "the sitemap"),
        ("robots.txt", "robots.txt"),
        ("404.html", "the 404 page"),
        (SYNTAX_CSS, "the highlighting stylesheet"),
    ] {
        owned.insert(file.to_string(), what.to_string());
    }
    for (tree, language) in index.languages.trees.iter().enumerate() {
        let (feed, tags) = match tree {
            0 => (
                "the site's Atom feed".to_string(),
                "the tag index".to_string(),
            ),
            _ => (
                format!("the `{}` Atom feed", language.code),
                format!("the `{}` tag index", language.code),
            ),
        };
        owned.insert(index.feed_path(tree), feed);
        owned.insert(index::output_file(&index.tags_path(tree)), tags);
    }
    for tag in &index.tags {
        let feed = format!("the Atom feed of tag `{}`", tag.name);
        owned.insert(format!("{}atom.xml", tag.path()), feed);
    }
    for (_, path) in &index.assets {
        owned.insert(path.clone(), "the content file".into());
    }
    owned.extend(index.later_listing_files(tags_per_page));
    owned
}

/// The generated file `alias_file` collides with: the same path, a file where the alias needs a
/// folder, or a file inside the folder the alias would be a file at.
fn collision<'a>(
    alias_file: &str,
    owned: &'a BTreeMap<String, String>,
) -> Option<(&'a str, &'a str)> {
    let found = |path: &str| {
        owned
            .get_key_value(path)
            .map(|(k, v)| (k.as_str(), v.as_str()))
    };
    let folders = alias_file.match_indices('/').map(|(i, _)| &alias_file[..i]);
    let inside = format!("{alias_file}/");
    found(alias_file)
        .or_else(|| folders.into_iter().find_map(found))
        .or_else(|| {
            let (path, what) = owned.range(inside.clone()..).next()?;
            path.starts_with(&inside)
                .then_some((path.as_str(), what.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_collides_with_the_same_file_a_file_above_it_or_one_inside_it() {
        let owned: BTreeMap<String, String> = [
            ("atom.xml", "the feed"),
            ("tags/index.html", "the tag index"),
            ("img/logo.png", "an asset"),
        ]
        .map(|(p, w)| (p.to_string(), w.to_string()))
        .into_iter()
        .collect();
        assert_eq!(
            collision("atom.xml/index.html", &owned),
            Some(("atom.xml", "the feed"))
        );
        assert_eq!(
            collision("tags/index.html", &owned),
            Some(("tags/index.html", "the tag index"))
        );
        assert_eq!(collision("img", &owned), Some(("img/logo.png", "an asset")));
        assert_eq!(collision("old/index.html", &owned), None);
        assert_eq!(collision("atom/index.html", &owned), None);
        assert_eq!(collision("im", &owned), None);
    }
}
