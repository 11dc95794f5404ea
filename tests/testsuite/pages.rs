//! Articles, sections, tags, feeds and URLs, each case built from its own fixture.

use crate::harness::{CONFIG, SiteTest, text_block, without_timing};

#[test]
fn builds_and_prints_a_one_line_summary() {
    let site = SiteTest::fixture("build/summary");
    let run = site.build_ok();
    assert_eq!(run.stderr, "");
    let expected = format!(
        "Built 2 articles, 3 threads, 2 sections, 3 tags (32 files) into {}\n",
        site.root().join("public").display()
    );
    assert_eq!(without_timing(&run.stdout), expected);
    let written = walkdir::WalkDir::new(site.output_path(""))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(written, 32, "the summary counts the files written");
}

#[test]
fn article_main_snapshot() {
    let site = SiteTest::fixture("articles/markdown");
    site.build_ok();
    insta::assert_snapshot!(site.main_of("guide/first/index.html"));
}

#[test]
fn section_listing_is_paginated() {
    let site = SiteTest::fixture("sections/paginated");
    site.build_ok();
    insta::assert_snapshot!("qa_section_page_1", site.main_of("qa/index.html"));
    let second = site.main_of("qa/page/2/index.html");
    assert!(
        second.contains("href=\"/qa/stoit-li-uchit-django/\""),
        "{second}"
    );
    assert!(
        second.contains("href=\"/qa/\""),
        "links back to page 1: {second}"
    );
}

/// A site of `count` notes, `content/notes/note-000.md` onward, each with `front_matter` added.
fn notes(count: usize, front_matter: &str) -> SiteTest {
    (0..count).fold(SiteTest::new(), |site, n| {
        let page = format!("---\ntitle: Note {n:03}\n{front_matter}---\nText.\n");
        site.file(&format!("content/notes/note-{n:03}.md"), &page)
    })
}

/// A long section is split into listing pages of 100 unless its `_index.md` says otherwise.
#[test]
fn long_sections_are_paginated_by_default() {
    let site = notes(101, "");
    site.build_ok();
    let (first, second) = (
        site.main_of("notes/index.html"),
        site.main_of("notes/page/2/index.html"),
    );
    assert!(
        first.contains("/notes/note-099/") && !first.contains("/notes/note-100/"),
        "{first}"
    );
    assert!(second.contains("/notes/note-100/"), "{second}");
    let page = site.read("notes/note-000/index.html");
    let start = page.find("sidebar-nav").unwrap();
    let sidebar = &page[start..start + page[start..].find("</nav>").unwrap()];
    assert_eq!(
        sidebar.matches("href=\"/notes/note-").count(),
        25,
        "{sidebar}"
    );
    assert!(sidebar.contains(">All 101 pages</a>"), "{sidebar}");

    let site = site.file(
        "content/notes/_index.md",
        "---\ntitle: Notes\npaginate_by: 0\n---\n",
    );
    site.build_ok();
    assert!(
        site.main_of("notes/index.html")
            .contains("/notes/note-100/")
    );
    assert!(
        !site.output_path("notes/page/2").exists(),
        "0 keeps one page"
    );
}

/// A tag's page lists 100 of its pages like a section's listing, the later ones at `page/N/`
/// below it, linked both ways and in the sitemap; `[tags] paginate_by` changes the size.
#[test]
fn long_tags_are_paginated_by_default() {
    let site = notes(101, "tags: [Rust]\n");
    site.build_ok();
    let (first, second) = (
        site.main_of("tags/rust/index.html"),
        site.main_of("tags/rust/page/2/index.html"),
    );
    assert!(
        first.contains("/notes/note-099/") && !first.contains("/notes/note-100/"),
        "{first}"
    );
    assert!(
        second.contains("/notes/note-100/") && !second.contains("/notes/note-099/"),
        "{second}"
    );
    assert!(first.contains("<span>101 pages</span>"), "{first}");
    assert!(
        first.contains("<a href=\"/tags/rust/page/2/\" rel=\"next\">"),
        "{first}"
    );
    assert!(
        second.contains("<a href=\"/tags/rust/\" rel=\"prev\">"),
        "{second}"
    );
    assert!(!site.output_path("tags/rust/page/3").exists());
    let later = site.read("tags/rust/page/2/index.html");
    assert!(
        later.contains("<title>Tagged “Rust” (page 2 of 2) | Test Guide</title>"),
        "{later}"
    );
    assert!(
        later.contains("<link rel=\"canonical\" href=\"https://example.org/tags/rust/page/2/\">"),
        "{later}"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/tags/rust/page/2/</loc>"),
        "{sitemap}"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);

    let site = site.file("folio.toml", &format!("{CONFIG}[tags]\npaginate_by = 50\n"));
    site.build_ok();
    assert!(
        site.main_of("tags/rust/page/3/index.html")
            .contains("/notes/note-100/")
    );
    assert!(!site.output_path("tags/rust/page/4").exists());

    let site = site.file("folio.toml", &format!("{CONFIG}[tags]\npaginate_by = 0\n"));
    site.build_ok();
    let only = site.main_of("tags/rust/index.html");
    assert!(
        only.contains("/notes/note-000/") && only.contains("/notes/note-100/"),
        "{only}"
    );
    assert!(!only.contains("rel=\"next\""), "{only}");
    assert!(
        !site.output_path("tags/rust/page/2").exists(),
        "0 keeps one page"
    );
    assert!(!site.read("sitemap.xml").contains("tags/rust/page/"));
}

#[test]
fn home_lists_sections_and_recent_pages() {
    let site = SiteTest::fixture("site/mixed");
    site.build_ok();
    insta::assert_snapshot!(site.main_of("index.html"));
}

#[test]
fn links_between_sources_become_urls() {
    let site = SiteTest::fixture("articles/links");
    site.build_ok();
    let first = site.main_of("guide/first/index.html");
    assert!(
        first.contains("<a href=\"/guide/second/#part-two\">link to part two</a>"),
        "{first}"
    );
    assert!(first.contains("<a href=\"/guide/diagram.svg\">diagram</a>"));
    assert!(
        site.output_path("guide/diagram.svg").is_file(),
        "assets are copied next to their page"
    );
    let second = site.main_of("guide/second/index.html");
    assert!(
        second.contains("<a href=\"/qa/worth-it/#answer-2\">the accepted answer</a>"),
        "{second}"
    );
}

#[test]
fn cyrillic_file_names_give_readable_urls() {
    let site = SiteTest::fixture("urls/cyrillic");
    site.build_ok();
    let page = site.main_of("qa/stoit-li-uchit-django/index.html");
    assert!(page.contains("Стоит ли учить Django в 2026 году?"));
}

#[test]
fn drafts_and_future_pages_are_left_out_unless_asked() {
    let site = SiteTest::fixture("articles/drafts");
    site.build_ok();
    assert!(!site.output_path("guide/draft/index.html").exists());
    assert!(!site.output_path("guide/future/index.html").exists());
    assert!(!site.read("guide/index.html").contains("Unfinished"));
    let run = site.run(&["build", "--drafts"]);
    assert!(run.success, "{}", run.stderr);
    assert!(site.output_path("guide/draft/index.html").exists());
    assert!(site.output_path("guide/future/index.html").exists());
}

#[test]
fn drafts_and_future_pages_carry_a_mark_when_built() {
    let site = SiteTest::fixture("articles/drafts");
    let run = site.run(&["build", "--drafts"]);
    assert!(run.success, "{}", run.stderr);
    let draft = "<span class=\"badge badge-draft\">Draft</span>";
    let scheduled = "<span class=\"badge badge-scheduled\">Scheduled";
    let dated = "<span class=\"badge badge-scheduled\">Scheduled <time datetime=\"2999-01-01T00:00:00Z\">Jan 1, 2999</time></span>";
    assert!(
        site.main_of("guide/draft/index.html")
            .contains(&format!("<h1 class=\"page-title\">Unfinished {draft}</h1>")),
        "the page's title"
    );
    assert!(site.main_of("guide/future/index.html").contains(&format!(
        "<h1 class=\"page-title\">From the future {dated}</h1>"
    )));
    let listing = site.main_of("guide/index.html");
    assert!(
        listing.contains(&format!("Unfinished</a> {draft}")),
        "{listing}"
    );
    assert!(
        listing.contains(&format!("From the future</a> {dated}")),
        "{listing}"
    );
    // A normal page has no mark of its own; its sidebar marks the other two.
    let normal = site.read("guide/first/index.html");
    let normal_main = site.main_of("guide/first/index.html");
    assert!(!normal_main.contains("badge-"), "{normal_main}");
    assert!(
        normal.contains(&format!("Unfinished {draft}</a>")),
        "{normal}"
    );
    assert!(normal.contains(&format!("From the future {scheduled}</span></a>")));
    assert_eq!(normal.matches("class=\"badge ").count(), 2, "{normal}");
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = SiteTest::fixture("articles/aliases");
    site.build_ok();
    let alias = site.read("old/first/index.html");
    assert!(
        alias.contains("<meta http-equiv=\"refresh\" content=\"0; url=/guide/first/\">"),
        "{alias}"
    );
    assert!(alias.contains("<link rel=\"canonical\" href=\"https://example.org/guide/first/\">"));
}

#[test]
fn tags_have_pages_and_feeds() {
    let site = SiteTest::fixture("tags/feeds");
    site.build_ok();
    let tags = site.main_of("tags/index.html");
    for tag in ["Basics", "Careers", "Django"] {
        assert!(tags.contains(tag), "{tags}");
    }
    let django = site.main_of("tags/django/index.html");
    let newest = django.find("Second steps").expect("second");
    let older = django.find("First steps").expect("first");
    assert!(newest < older, "tag pages list newest first");
    let feed = site.read("tags/django/atom.xml");
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/tags/django/atom.xml\"/>"), "{feed}");
}

#[test]
fn site_feed_sitemap_and_robots() {
    let site = SiteTest::fixture("site/mixed");
    site.build_ok();
    insta::assert_snapshot!("atom", site.read("atom.xml"));
    let sitemap = site.read("sitemap.xml");
    for loc in [
        "https://example.org/",
        "https://example.org/guide/first/",
        "https://example.org/qa/page/2/",
        "https://example.org/tags/django/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc} missing from {sitemap}"
        );
    }
    assert!(!sitemap.contains("draft"));
    assert_eq!(
        site.read("robots.txt"),
        text_block(
            r#"
            User-agent: *
            Allow: /

            Sitemap: https://example.org/sitemap.xml
            "#,
        )
    );
    assert!(site.output_path("404.html").is_file());
}

#[test]
fn head_has_canonical_description_and_opengraph() {
    let site = SiteTest::fixture("articles/head");
    site.build_ok();
    let page = site.read("guide/first/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.org/guide/first/\">"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"description\" content=\"Where everyone starts.\">"));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"First steps | Fixture Guide\">"),
        "{page}"
    );
    assert!(page.contains("\"@type\":\"Article\""));
}

#[test]
fn a_base_url_with_a_sub_path_prefixes_every_internal_url() {
    let site = SiteTest::fixture("site/mixed");
    let run = site.run(&["build", "--base-url", "https://example.org/guide-site/"]);
    assert!(run.success, "{}", run.stderr);
    for page in [
        "index.html",
        "guide/first/index.html",
        "qa/worth-it/index.html",
        "tags/django/index.html",
        "qa/index.html",
    ] {
        let html = site.read(page);
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len() - 1..];
                assert!(
                    rest.starts_with("/guide-site/"),
                    "{page}: {}",
                    &rest[..rest.len().min(60)]
                );
            }
        }
    }
    assert!(
        site.read("atom.xml")
            .contains("href=\"https://example.org/guide-site/guide/first/\"")
    );
}

#[test]
fn sites_without_a_themes_folder_use_the_built_in_theme() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\n---\nHello.\n");
    site.build_ok();
    assert!(site.read("a/index.html").contains("<p>Hello.</p>"));
    assert!(site.output_path("style.css").is_file());
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\n---\nHello.\n")
        .file(
            "templates/article.html",
            "<main>custom {{ page.title }}</main>",
        );
    site.build_ok();
    assert_eq!(site.read("a/index.html"), "<main>custom A</main>");
    assert!(
        site.read("index.html").contains("<main"),
        "other templates still come from the theme"
    );
}

#[test]
fn crlf_and_bom_sources_build_like_lf_ones() {
    let site = SiteTest::new().file(
        "content/a.md",
        "\u{feff}---\r\ntitle: A\r\n---\r\n## Head\r\n\r\nText.\r\n",
    );
    site.build_ok();
    let main = site.main_of("a/index.html");
    assert!(main.contains("<h2 id=\"head\">Head"), "{main}");
    assert!(!main.contains('\r'));
}
