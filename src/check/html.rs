//! Reads one output file with html5gum's tokenizer (a WHATWG tokenizer, not a guess with
//! regexes): the ids a `#fragment` may point at, and every URL the file refers to (`href`,
//! `src`, `srcset`, `poster`, a meta refresh, OpenGraph URLs, a sitemap's `<loc>`), each with its
//! byte offset so a report can name the output line. Attribute values arrive with entities
//! decoded, as a browser sees them.

use std::collections::HashSet;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

/// A URL found in an output file and the line its text starts on (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundUrl {
    pub url: String,
    pub line: usize,
}

/// What one output file holds that link checking needs.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub ids: HashSet<String>,
    pub urls: Vec<FoundUrl>,
    /// Ids given to a second element, each with the line of that element: a `#fragment`
    /// reaches only the first, and a contributor's copy of a page id could take its links.
    pub repeated_ids: Vec<RepeatedId>,
}

/// An id met again, and the line of the element that repeats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RepeatedId {
    pub id: String,
    pub line: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Attr {
    Id,
    Name,
    Href,
    Src,
    SrcSet,
    Poster,
    Rel,
    Content,
    HttpEquiv,
    Property,
    Other,
}

impl Attr {
    fn of(name: &[u8]) -> Attr {
        match name {
            b"id" => Attr::Id,
            b"name" => Attr::Name,
            b"href" => Attr::Href,
            b"src" => Attr::Src,
            b"srcset" => Attr::SrcSet,
            b"poster" => Attr::Poster,
            b"rel" => Attr::Rel,
            b"content" => Attr::Content,
            b"http-equiv" => Attr::HttpEquiv,
            b"property" => Attr::Property,
            _ => Attr::Other,
        }
    }
}

/// The start tag being read: its name and the attributes that matter.
#[derive(Default)]
struct Tag {
    name: Vec<u8>,
    attrs: Vec<(Attr, String, usize)>,
    current: Option<Attr>,
}

impl Tag {
    fn value(&self, attr: Attr) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _, _)| *a == attr)
            .map(|(_, v, _)| v.as_str())
    }
}

/// Scans an HTML page, or an XML feed or sitemap (their `<link href>` and `<loc>` are URLs too).
pub(super) fn scan(bytes: &[u8]) -> Scan {
    let mut scan = Scan::default();
    // URLs with the byte offset of their text, turned into lines once the file is read.
    let mut found: Vec<(String, usize)> = Vec::new();
    let mut repeated: Vec<(String, usize)> = Vec::new();
    let mut tag = Tag::default();
    let mut in_loc = false;
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    tag.name.clear();
                    tag.name.extend_from_slice(name);
                    tag.attrs.clear();
                    tag.current = None;
                }
                CallbackEvent::AttributeName { name } => {
                    tag.current = Some(Attr::of(name)).filter(|a| *a != Attr::Other);
                }
                CallbackEvent::AttributeValue { value } => {
                    if let Some(attr) = tag.current.take() {
                        let value = String::from_utf8_lossy(value).into_owned();
                        tag.attrs.push((attr, value, span.start));
                    }
                }
                CallbackEvent::CloseStartTag { .. } => {
                    in_loc = tag.name == b"loc";
                    take_tag(&tag, &mut scan.ids, &mut found, &mut repeated);
                }
                CallbackEvent::EndTag { .. } => in_loc = false,
                CallbackEvent::String { value } if in_loc => {
                    let url = String::from_utf8_lossy(value).trim().to_string();
                    found.push((url, span.start));
                }
                _ => {}
            }
            None
        },
    );
    // Script and style contents are text, not markup: switch states as a tree builder would.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(bytes, WithoutErrors(emitter)) {
        let Ok(()) = token;
    }
    let lines = Lines::new(bytes);
    let urls = found.into_iter().map(|(url, offset)| FoundUrl {
        url,
        line: lines.of(offset),
    });
    scan.urls.extend(urls);
    let repeated = repeated.into_iter().map(|(id, offset)| RepeatedId {
        id,
        line: lines.of(offset),
    });
    scan.repeated_ids.extend(repeated);
    scan
}

/// Parse errors are of no use here, and validating every character for them costs a tenth of
/// the time.
struct WithoutErrors<E>(E);

impl<E: Emitter> ForwardingEmitter for WithoutErrors<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Records the ids (and the ids met before) and URLs of a finished start tag.
fn take_tag(
    tag: &Tag,
    ids: &mut HashSet<String>,
    urls: &mut Vec<(String, usize)>,
    repeated: &mut Vec<(String, usize)>,
) {
    let name = tag.name.as_slice();
    // `preconnect` and `dns-prefetch` name an origin, not a document.
    let origin_only = tag.value(Attr::Rel).is_some_and(|rel| {
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("preconnect") || r.eq_ignore_ascii_case("dns-prefetch"))
    });
    for (attr, value, offset) in &tag.attrs {
        let mut push = |url: &str, offset: usize| {
            let url = url.trim();
            if !url.is_empty() {
                urls.push((url.to_string(), offset));
            }
        };
        match attr {
            Attr::Id if !value.is_empty() && !ids.insert(value.clone()) => {
                repeated.push((value.clone(), *offset));
            }
            Attr::Name if name == b"a" && !value.is_empty() => {
                ids.insert(value.clone());
            }
            Attr::Href if !origin_only && name != b"base" => push(value, *offset),
            Attr::Src | Attr::Poster => push(value, *offset),
            Attr::SrcSet => {
                for candidate in value.split(',') {
                    if let Some(url) = candidate.split_ascii_whitespace().next() {
                        push(url, *offset);
                    }
                }
            }
            Attr::Content if name == b"meta" => {
                if let Some(url) = meta_url(tag, value) {
                    push(url, *offset);
                }
            }
            _ => {}
        }
    }
}

/// The URL in a `<meta>`'s content: a refresh target, or an OpenGraph/Twitter URL or image.
fn meta_url<'a>(tag: &Tag, content: &'a str) -> Option<&'a str> {
    if tag
        .value(Attr::HttpEquiv)
        .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    {
        let (_, after) = content.split_once(';')?;
        let after = after.trim_start();
        let url = after
            .get(..4)
            .filter(|k| k.eq_ignore_ascii_case("url="))
            .map(|_| &after[4..])?;
        return Some(url.trim_matches(|c| c == '\'' || c == '"' || c == ' '));
    }
    let property = tag.value(Attr::Property).or(tag.value(Attr::Name))?;
    matches!(
        property,
        "og:url" | "og:image" | "og:image:url" | "og:audio" | "og:video" | "twitter:image"
    )
    .then_some(content)
}

/// Where the lines of a file start, so that each URL's line is found without counting the
/// file's newlines again: "found on `page.html` line 12".
struct Lines(Vec<usize>);

impl Lines {
    fn new(bytes: &[u8]) -> Self {
        Lines(
            (bytes.iter().enumerate())
                .filter_map(|(i, &b)| (b == b'\n').then_some(i))
                .collect(),
        )
    }

    /// The 1-based line of a byte offset.
    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&newline| newline < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<String> {
        scan(html.as_bytes())
            .urls
            .into_iter()
            .map(|u| u.url)
            .collect()
    }

    #[test]
    fn finds_ids_given_twice_with_the_line_of_the_second() {
        let s =
            scan(b"<main id=\"main\">\n<h2 id=\"a\"></h2>\n<div id=\"main\"></div><p id=\"a\">");
        let repeated: Vec<(&str, usize)> = s
            .repeated_ids
            .iter()
            .map(|r| (r.id.as_str(), r.line))
            .collect();
        assert_eq!(repeated, [("main", 3), ("a", 3)]);
    }

    #[test]
    fn finds_links_images_and_ids() {
        let html = r#"<!doctype html><html><head>
<link rel="stylesheet" href="/style.css?h=1">
<link rel="preconnect" href="https://fonts.example.org">
<meta property="og:url" content="https://e.org/a/">
<meta http-equiv="refresh" content="0; url=/new/">
</head><body><h2 id="intro">Intro</h2><a name="old"></a>
<a href="/a/#intro">a</a> <img src="x.png" srcset="x1.png 1x, x2.png 2x" alt="">
<a href="">self</a><a href="?q=a&amp;b=c">q</a></body></html>"#;
        let s = scan(html.as_bytes());
        let found: Vec<&str> = s.urls.iter().map(|u| u.url.as_str()).collect();
        assert_eq!(
            found,
            [
                "/style.css?h=1",
                "https://e.org/a/",
                "/new/",
                "/a/#intro",
                "x.png",
                "x1.png",
                "x2.png",
                "?q=a&b=c"
            ]
        );
        assert!(s.ids.contains("intro") && s.ids.contains("old"));
        assert_eq!(s.urls[3].line, 7);
        assert_eq!((s.urls[0].line, s.urls[7].line), (2, 8));
    }

    #[test]
    fn script_and_style_contents_are_not_markup() {
        let html = "<script>var s = '<a href=\"/nope/\">';</script><style>a::after{content:'<img src=x>'}</style><a href=\"/yes/\">y</a>";
        assert_eq!(urls(html), ["/yes/"]);
    }

    #[test]
    fn reads_feed_links_and_sitemap_locations() {
        let xml = "<?xml version=\"1.0\"?><urlset><url><loc>https://e.org/a/</loc></url></urlset>\n<feed><link rel=\"alternate\" href=\"https://e.org/b/\"/></feed>";
        assert_eq!(urls(xml), ["https://e.org/a/", "https://e.org/b/"]);
    }
}
