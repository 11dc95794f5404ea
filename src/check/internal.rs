//! Checks every URL of every output file against the output itself: the file it names must
//! exist (a folder means its `index.html`), its `#fragment` must be an id in that page, and it
//! must stay under the site's base path. Pages are checked in parallel; the result also says
//! which pages are linked from another page (for the "not reachable" warning) and which
//! external URLs were seen.

use std::collections::{HashMap, HashSet};

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use super::html::Scan;

/// The site's address: `https://example.org/guide/` and its path `/guide/`.
#[derive(Debug, Clone)]
pub(super) struct SiteUrls {
    pub base_url: String,
    pub base_path: String,
}

/// What a URL found in an output file is, once resolved against that file's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Classified {
    /// `mailto:`, `data:`, an empty href: nothing to check.
    Skip,
    /// An http(s) URL outside the site, without its fragment.
    External(String),
    /// A file of the output (site-relative, decoded, without query) and an optional fragment.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// An address on the same host that leaves the base path: the absolute path it resolves to.
    OutsideBase(String),
}

/// One output file as the checker sees it.
pub(super) struct OutputPage {
    /// Site-relative output path: `guide/install/index.html`.
    pub path: String,
    pub scan: Scan,
    /// Whether its links count as navigation (not a redirect page, a feed or the sitemap).
    pub navigation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Problem {
    MissingFile { target: String },
    MissingAnchor { target: String, fragment: String },
    OutsideBase { resolved: String },
}

/// A broken URL: the page it was found on (index into the pages), as written, and its line.
#[derive(Debug, Clone)]
pub(super) struct Broken {
    pub page: usize,
    pub url: String,
    pub line: usize,
    pub problem: Problem,
}

/// An external URL and a page it was found on.
#[derive(Debug, Clone)]
pub(super) struct ExternalUse {
    pub page: usize,
    pub url: String,
}

#[derive(Debug, Default)]
pub(super) struct LinkReport {
    pub broken: Vec<Broken>,
    /// Output files some other navigation page links to.
    pub linked: HashSet<String>,
    pub external: Vec<ExternalUse>,
    /// How many URLs were looked at.
    pub checked: usize,
}

/// Checks every URL of `pages` against `files` (every path of the output).
pub(super) fn check(pages: &[OutputPage], files: &HashSet<&str>, site: &SiteUrls) -> LinkReport {
    let ids: HashMap<&str, &HashSet<String>> = pages
        .iter()
        .map(|p| (p.path.as_str(), &p.scan.ids))
        .collect();
    let per_page: Vec<LinkReport> = pages
        .par_iter()
        .enumerate()
        .map(|(n, page)| check_page(n, page, files, &ids, site))
        .collect();
    let mut report = LinkReport::default();
    for mut part in per_page {
        report.broken.append(&mut part.broken);
        report.external.append(&mut part.external);
        report.linked.extend(part.linked);
        report.checked += part.checked;
    }
    report
}

fn check_page(
    n: usize,
    page: &OutputPage,
    files: &HashSet<&str>,
    ids: &HashMap<&str, &HashSet<String>>,
    site: &SiteUrls,
) -> LinkReport {
    let mut report = LinkReport::default();
    let mut seen_external = HashSet::new();
    for found in &page.scan.urls {
        report.checked += 1;
        let problem = match classify(&found.url, &page.path, site) {
            Classified::Skip => None,
            Classified::External(url) => {
                if seen_external.insert(url.clone()) {
                    report.external.push(ExternalUse { page: n, url });
                }
                None
            }
            Classified::OutsideBase(resolved) => Some(Problem::OutsideBase { resolved }),
            Classified::Internal { path, fragment } => match target_file(files, &path) {
                None => Some(Problem::MissingFile { target: path }),
                Some(target) => {
                    if page.navigation && target != page.path {
                        report.linked.insert(target.clone());
                    }
                    missing_anchor(ids, &target, fragment)
                }
            },
        };
        if let Some(problem) = problem {
            report.broken.push(Broken {
                page: n,
                url: found.url.clone(),
                line: found.line,
                problem,
            });
        }
    }
    report
}

fn missing_anchor(
    ids: &HashMap<&str, &HashSet<String>>,
    target: &str,
    fragment: Option<String>,
) -> Option<Problem> {
    let fragment = fragment?;
    // `#top` and text fragments (`#:~:text=`) work without an id.
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:") {
        return None;
    }
    let page_ids = ids.get(target)?;
    (!page_ids.contains(&fragment)).then(|| Problem::MissingAnchor {
        target: target.to_string(),
        fragment,
    })
}

/// The output file a site-relative path names: itself, or the `index.html` of a folder.
fn target_file(files: &HashSet<&str>, path: &str) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = crate::index::output_file(path);
        return files.contains(index.as_str()).then_some(index);
    }
    if files.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    files.contains(index.as_str()).then_some(index)
}

/// Resolves `url`, found in the output file `page` (site-relative), the way a browser would.
pub(super) fn classify(url: &str, page: &str, site: &SiteUrls) -> Classified {
    let url = url.trim();
    if url.is_empty() {
        return Classified::Skip;
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Classified::Internal {
            path: page.to_string(),
            fragment: Some(decode(fragment)),
        };
    }
    if let Some(rest) = url.strip_prefix("//") {
        let scheme = site.base_url.split("//").next().unwrap_or("https:");
        return classify(&format!("{scheme}//{rest}"), page, site);
    }
    if let Some(scheme) = scheme_of(url) {
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return Classified::Skip;
        }
        if let Some(rest) = strip_prefix_ignore_case(url, &site.base_url) {
            return internal(&format!("{}{rest}", site.base_path), site);
        }
        if url.eq_ignore_ascii_case(site.base_url.trim_end_matches('/')) {
            return internal(&site.base_path, site);
        }
        let without_fragment = url.split('#').next().unwrap_or(url);
        return Classified::External(without_fragment.to_string());
    }
    if url.starts_with('/') {
        return internal(url, site);
    }
    // A page's address is its folder (`a/index.html` is served as `/a/`), or the file itself.
    let address = page.strip_suffix("index.html").unwrap_or(page);
    if url.starts_with('?') {
        return internal(&format!("{}{address}{url}", site.base_path), site);
    }
    let dir = match address.rfind('/') {
        Some(i) => &address[..=i],
        None => "",
    };
    internal(&format!("{}{dir}{url}", site.base_path), site)
}

/// An absolute URL path (with query and fragment) checked against the base path.
fn internal(absolute: &str, site: &SiteUrls) -> Classified {
    let (before_fragment, fragment) = match absolute.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (absolute, None),
    };
    let path = before_fragment.split('?').next().unwrap_or(before_fragment);
    let path = normalize(path);
    let root = site.base_path.trim_end_matches('/');
    let rest = if path == root {
        Some("")
    } else {
        path.strip_prefix(&site.base_path)
    };
    match rest {
        Some(rest) => Classified::Internal {
            path: decode(rest),
            fragment,
        },
        None => Classified::OutsideBase(path),
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Removes `.` and `..` segments of an absolute URL path, as browsers do (never above `/`).
fn normalize(path: &str) -> String {
    if !path.contains("/.") {
        return path.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

fn scheme_of(url: &str) -> Option<&str> {
    let i = url.find(':')?;
    let scheme = &url[..i];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::html::scan;

    fn site(base: &str) -> SiteUrls {
        let path = base
            .split_once("://")
            .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()))
            .unwrap_or_else(|| "/".into());
        SiteUrls {
            base_url: base.into(),
            base_path: path,
        }
    }

    fn internal_path(path: &str, fragment: Option<&str>) -> Classified {
        Classified::Internal {
            path: path.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn classifies_urls_like_a_browser() {
        let s = site("https://e.org/guide/");
        let c = |u: &str| classify(u, "qa/x/index.html", &s);
        assert_eq!(c("mailto:a@b.c"), Classified::Skip);
        assert_eq!(c("/guide/a/"), internal_path("a/", None));
        assert_eq!(c("/guide"), internal_path("", None));
        assert_eq!(c("/other/"), Classified::OutsideBase("/other/".into()));
        assert_eq!(c("../../a/#b"), internal_path("a/", Some("b")));
        assert_eq!(c("../../../up/"), Classified::OutsideBase("/up/".into()));
        assert_eq!(
            c("#answer-2"),
            internal_path("qa/x/index.html", Some("answer-2"))
        );
        assert_eq!(
            classify("a.png", "404.html", &s),
            internal_path("a.png", None)
        );
        assert_eq!(
            classify("#m", "404.html", &s),
            internal_path("404.html", Some("m"))
        );
        assert_eq!(c("img%20one.png"), internal_path("qa/x/img one.png", None));
        assert_eq!(
            c("https://E.org/guide/style.css?h=12"),
            internal_path("style.css", None)
        );
        assert_eq!(
            c("https://other.org/x#y"),
            Classified::External("https://other.org/x".into())
        );
        assert_eq!(
            c("//cdn.org/a.js"),
            Classified::External("https://cdn.org/a.js".into())
        );
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let s = site("https://e.org/");
        let pages = vec![
            OutputPage {
                path: "index.html".into(),
                scan: scan(br##"<a href="/a/">a</a><a href="/a/#nope">b</a><a href="/b/">c</a><a href="/a#x">d</a><a href="#main">m</a><main id="main"></main>"##),
                navigation: true,
            },
            OutputPage {
                path: "a/index.html".into(),
                scan: scan(br#"<h2 id="x">x</h2><a href="../index.html">home</a><a href="../">home</a>"#),
                navigation: true,
            },
        ];
        let files: HashSet<&str> = ["index.html", "a/index.html"].into_iter().collect();
        let report = check(&pages, &files, &s);
        let problems: Vec<(&str, &Problem)> = report
            .broken
            .iter()
            .map(|b| (b.url.as_str(), &b.problem))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    "/a/#nope",
                    &Problem::MissingAnchor {
                        target: "a/index.html".into(),
                        fragment: "nope".into()
                    }
                ),
                (
                    "/b/",
                    &Problem::MissingFile {
                        target: "b/".into()
                    }
                ),
            ]
        );
        assert!(report.linked.contains("a/index.html") && report.linked.contains("index.html"));
        assert_eq!(report.checked, 7);
    }
}
