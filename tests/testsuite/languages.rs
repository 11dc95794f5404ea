//! Sites in several languages: a tree per language (`content/ru/` mirrors `content/`), each
//! with its own home, listings, tags and feed; translations linked both ways (hreflang, the
//! sitemap, the language switcher); the outdated-translation notice, `folio new translation`,
//! and what `folio check` says about translations.

use std::fs;
use std::path::Path;

use folio::{BuildOptions, Changes, Session};

use crate::harness::{SiteTest, without_timing};

fn trilingual() -> SiteTest {
    let site = SiteTest::fixture("languages/trilingual");
    site.build_ok();
    site
}

/// The `<head>` of an output page.
fn head_of(site: &SiteTest, rel: &str) -> String {
    let html = site.read(rel);
    let end = html.find("</head>").unwrap_or(html.len());
    html[..end].to_string()
}

fn hreflang_links(head: &str) -> Vec<String> {
    head.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
        .map(str::to_string)
        .collect()
}

#[test]
fn each_language_has_its_tree_under_its_path() {
    let site = trilingual();
    for file in [
        "index.html",
        "ru/index.html",
        "ar/index.html",
        "ru/guide/index.html",
        "ru/guide/install/index.html",
        "ru/qa/why/index.html",
        "ar/guide/install/index.html",
        "atom.xml",
        "ru/atom.xml",
        "ar/atom.xml",
        "tags/index.html",
        "ru/tags/index.html",
        "ru/tags/ustanovka/index.html",
        "tags/setup/index.html",
    ] {
        assert!(site.output_path(file).is_file(), "{file} is written");
    }
    assert!(
        !site.output_path("ru/tags/setup/index.html").exists(),
        "tags are per language"
    );
}

#[test]
fn pages_have_the_language_of_their_tree_section_or_front_matter() {
    let site = trilingual();
    for (file, lang) in [
        ("guide/install/index.html", "en"),
        ("ru/guide/install/index.html", "ru"),
        ("ar/guide/install/index.html", "ar"),
        ("ru/index.html", "ru"),
        ("guide/deutsch/hallo/index.html", "de"),
        ("guide/deutsch/index.html", "de"),
        ("guide/bonjour/index.html", "fr"),
    ] {
        let html = site.read(file);
        assert!(
            html.contains(&format!("<html lang=\"{lang}\"")),
            "{file} is in {lang}: {}",
            &html[..200.min(html.len())]
        );
    }
    assert!(
        site.read("ar/guide/install/index.html")
            .contains("<html lang=\"ar\" dir=\"rtl\">")
    );
    assert!(
        site.read("ru/guide/install/index.html")
            .contains("<html lang=\"ru\" dir=\"ltr\">")
    );
    let jsonld = site.read("ru/guide/install/index.html");
    assert!(
        jsonld.contains("\"inLanguage\":\"ru\""),
        "JSON-LD inLanguage"
    );
}

#[test]
fn translations_link_to_each_other_both_ways_with_x_default() {
    let site = trilingual();
    let expected = [
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/guide/install/\">",
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/guide/install/\">",
        "<link rel=\"alternate\" hreflang=\"ru\" href=\"https://example.org/ru/guide/install/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/guide/install/\">",
    ];
    for file in [
        "guide/install/index.html",
        "ru/guide/install/index.html",
        "ar/guide/install/index.html",
    ] {
        assert_eq!(hreflang_links(&head_of(&site, file)), expected, "{file}");
    }
    let folder_thread = hreflang_links(&head_of(&site, "qa/why/index.html"));
    assert_eq!(folder_thread.len(), 3, "{folder_thread:?}");
    assert!(
        folder_thread[1].contains("/ru/qa/why/"),
        "{folder_thread:?}"
    );
    assert!(
        hreflang_links(&head_of(&site, "guide/other/index.html")).is_empty(),
        "a page in one language has no alternates"
    );
    let head = head_of(&site, "ru/guide/install/index.html");
    assert!(
        head.contains("<meta property=\"og:locale\" content=\"ru\">"),
        "{head}"
    );
    assert!(
        head.contains("<meta property=\"og:locale:alternate\" content=\"en\">"),
        "{head}"
    );
}

#[test]
fn the_language_switcher_goes_to_the_translation_or_the_language_home() {
    let site = trilingual();
    let menu = |file: &str| {
        let html = site.read(file);
        let start = html
            .find("<details class=\"language-menu\">")
            .expect("menu");
        let end = start + html[start..].find("</details>").expect("end");
        html[start..end].to_string()
    };
    let translated = menu("ru/guide/install/index.html");
    assert!(
        translated.contains("<a href=\"/guide/install/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{translated}"
    );
    assert!(
        translated.contains("<a href=\"/ar/guide/install/\" hreflang=\"ar\""),
        "{translated}"
    );
    assert!(
        translated.contains("lang=\"ru\" aria-current=\"true\">Русский</a>"),
        "{translated}"
    );
    let alone = menu("guide/other/index.html");
    assert!(
        alone.contains("<a href=\"/ru/\" hreflang=\"ru\" lang=\"ru\">Русский</a>"),
        "{alone}"
    );
    assert!(
        alone.contains("<a href=\"/ar/\" hreflang=\"ar\" lang=\"ar\">العربية</a>"),
        "{alone}"
    );
    let tags = menu("ru/tags/index.html");
    assert!(
        tags.contains("<a href=\"/tags/\" hreflang=\"en\""),
        "{tags}"
    );
}

#[test]
fn each_language_lists_feeds_and_navigates_only_its_own_pages() {
    let site = trilingual();
    let ru_home = site.main_of("ru/index.html");
    insta::assert_snapshot!("ru_home_main", ru_home);
    let en_home = site.main_of("index.html");
    assert!(!en_home.contains("/ru/"), "{en_home}");
    let ru_feed = site.read("ru/atom.xml");
    assert!(ru_feed.contains("xml:lang=\"ru\""), "{ru_feed}");
    assert!(
        ru_feed.contains("<title>Полевое руководство</title>"),
        "{ru_feed}"
    );
    assert!(
        ru_feed.contains("https://example.org/ru/guide/install/"),
        "{ru_feed}"
    );
    assert!(!ru_feed.contains("https://example.org/guide/"), "{ru_feed}");
    let en_feed = site.read("atom.xml");
    assert!(!en_feed.contains("/ru/"), "{en_feed}");
    let ru_page = site.read("ru/guide/install/index.html");
    let nav_start = ru_page.find("class=\"sidebar-nav\"").expect("nav");
    let nav = &ru_page[nav_start..nav_start + ru_page[nav_start..].find("</nav>").expect("end")];
    assert!(nav.contains("href=\"/ru/guide/\""), "{nav}");
    assert!(!nav.contains("href=\"/guide/\""), "{nav}");
    assert!(
        ru_page.contains("<a class=\"site-title\" href=\"/ru/\">"),
        "the title goes home in ru"
    );
    let crumbs = site.main_of("ru/guide/install/index.html");
    assert!(
        crumbs.contains("href=\"/ru/\""),
        "breadcrumbs start at the ru home"
    );
}

#[test]
fn the_sitemap_lists_every_version_of_a_translated_page() {
    let site = trilingual();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entry = |loc: &str| {
        let start = sitemap.find(&format!("<loc>{loc}</loc>")).expect(loc);
        let end = start + sitemap[start..].find("</url>").expect("end");
        sitemap[start..end].to_string()
    };
    insta::assert_snapshot!(
        "sitemap_ru_install",
        entry("https://example.org/ru/guide/install/")
    );
    assert!(!entry("https://example.org/guide/other/").contains("xhtml:link"));
}

#[test]
fn an_outdated_translation_says_so_and_a_current_one_does_not() {
    let site = trilingual();
    let stale = site.main_of("ru/guide/stale/index.html");
    assert!(stale.contains("class=\"translation-notice\""), "{stale}");
    assert!(
        stale.contains("href=\"/guide/stale/\" hreflang=\"en\""),
        "{stale}"
    );
    for current in ["ru/guide/install/index.html", "ru/qa/why/index.html"] {
        let main = site.main_of(current);
        assert!(!main.contains("translation-notice"), "{current}: {main}");
    }
}

#[test]
fn new_translation_copies_the_page_with_its_hash_and_refresh_updates_it() {
    let site = trilingual();
    let run = site.run(&["new", "translation", "content/guide/other.md", "ru"]);
    assert!(run.success, "{}", run.stderr);
    let path = site.root().join("content/ru/guide/other.md");
    let written = fs::read_to_string(&path).expect("translation");
    let original =
        fs::read_to_string(site.root().join("content/guide/other.md")).expect("original");
    let hash_line = written
        .lines()
        .find(|l| l.starts_with("original_hash: "))
        .expect("hash recorded")
        .to_string();
    assert_eq!(written.replace(&format!("{hash_line}\n"), ""), original);

    let again = site.run(&["new", "translation", "content/guide/other.md", "ru"]);
    assert_eq!(
        again.code,
        Some(1),
        "an existing translation is never overwritten"
    );
    assert!(
        again
            .stderr
            .contains("content/ru/guide/other.md already exists"),
        "{}",
        again.stderr
    );
    assert_eq!(fs::read_to_string(&path).expect("kept"), written);

    fs::write(
        site.root().join("content/guide/other.md"),
        format!("{original}More.\n"),
    )
    .expect("edit");
    site.build_ok();
    assert!(
        site.main_of("ru/guide/other/index.html")
            .contains("translation-notice")
    );
    let refresh = site.run(&[
        "new",
        "translation",
        "content/guide/other.md",
        "ru",
        "--refresh",
    ]);
    assert!(refresh.success, "{}", refresh.stderr);
    let refreshed = fs::read_to_string(&path).expect("refreshed");
    assert_ne!(refreshed, written, "the hash changed");
    assert_eq!(
        refreshed.lines().count(),
        written.lines().count(),
        "only the hash line changed"
    );
    site.build_ok();
    assert!(
        !site
            .main_of("ru/guide/other/index.html")
            .contains("translation-notice")
    );

    let folder = site.run(&["new", "translation", "content/qa/why", "ar"]);
    assert!(folder.success, "{}", folder.stderr);
    assert!(
        site.root().join("content/ar/qa/why/bob.md").is_file(),
        "answer files come along"
    );

    let unknown = site.run(&["new", "translation", "content/guide/other.md", "rus"]);
    assert_eq!(unknown.code, Some(2));
    assert_eq!(
        unknown.stderr,
        "error: there is no language `rus` in folio.toml\n  = help: did you mean `ru`?\n"
    );
}

#[test]
fn check_lists_outdated_untracked_and_missing_translations_as_notes() {
    let site = trilingual();
    let run = site.run(&["check"]);
    assert!(run.success, "notes do not fail the check: {}", run.stderr);
    assert!(
        run.stderr.contains("content/ru/guide/stale.md:4:16: info[F0810]: this `ru` translation is outdated: content/guide/stale.md changed since"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("folio.toml:6:1: info[F0812]: 3 of 6 pages have no `ru` translation: content/guide/bonjour.md, content/guide/deutsch/hallo.md, content/guide/other.md"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("folio.toml:10:1: info[F0812]: 5 of 6 pages have no `ar` translation"),
        "{}",
        run.stderr
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, Some(1), "--strict fails on them");
    assert!(
        strict.stderr.contains("warning[F0810]"),
        "{}",
        strict.stderr
    );
    assert!(
        without_timing(&strict.stdout).ends_with(": 3 warnings\n"),
        "{}",
        strict.stdout
    );
}

/// Watch mode: editing an original makes its translation's notice appear without a restart,
/// and recording the new hash makes it go.
#[test]
fn the_outdated_notice_follows_edits_in_watch_mode() {
    let site = SiteTest::fixture("languages/trilingual");
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("session");
    let mut session = Session::new(BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(output.clone()),
        ..BuildOptions::default()
    });
    let translation = output.join("ru/guide/install/index.html");
    let notice = || {
        fs::read_to_string(&translation)
            .expect("page")
            .contains("translation-notice")
    };
    session.rebuild(&Changes::default()).expect("first build");
    assert!(!notice());
    let original = site.root().join("content/guide/install.md");
    let text = fs::read_to_string(&original).expect("original");
    fs::write(&original, format!("{text}\nA new paragraph.\n")).expect("edit");
    let edited = |path: &str| Changes {
        content: [Path::new(path).to_path_buf()].into(),
        ..Changes::default()
    };
    session
        .rebuild(&edited("guide/install.md"))
        .expect("rebuild");
    assert!(notice(), "the original changed");
    let refresh = site.run(&[
        "new",
        "translation",
        "content/guide/install.md",
        "ru",
        "--refresh",
    ]);
    assert!(refresh.success, "{}", refresh.stderr);
    session
        .rebuild(&edited("ru/guide/install.md"))
        .expect("rebuild");
    assert!(!notice(), "the new hash is recorded");
}

#[test]
fn languages_in_folio_toml_are_checked_with_their_line() {
    let site = |table: &str| {
        SiteTest::new()
            .file(
                "folio.toml",
                &format!(
                    "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"en\"\n{table}\n"
                ),
            )
            .file("content/_index.md", "---\ntitle: T\n---\n")
    };
    for (table, expected) in [
        (
            "[languages.en]\ntitle = \"x\"",
            "folio.toml:4:1: error[F0606]: `[languages.en]` is the site's default language (`language = \"en\"`)",
        ),
        (
            "[languages.pt_BR]",
            "  = help: language tags join their parts with `-`: `[languages.pt-BR]`",
        ),
        (
            "[languages.ru]\npath = \"../x\"",
            "folio.toml:5:1: error[F0606]: `path = \"../x\"` of `[languages.ru]` is not a path on the site",
        ),
    ] {
        let run = site(table).build();
        assert_eq!(run.code, Some(1), "{table}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{table}: {}", run.stderr);
    }
}

#[test]
fn check_notes_languages_without_the_themes_words() {
    let site = SiteTest::new()
        .file(
            "folio.toml",
            "title = \"T\"\nbase_url = \"https://e.org/\"\n\n[languages.sw]\ntitle = \"T\"\n",
        )
        .file("content/_index.md", "---\ntitle: T\n---\n")
        .file("content/sw/_index.md", "---\ntitle: Mwongozo\n---\n")
        .file(
            "content/notes.md",
            "---\ntitle: Notes\nlanguage: eo\n---\nSaluton.\n",
        )
        .file("i18n/eo.ftl", "on-this-page = Sur ĉi tiu paĝo\n");
    let run = site.run(&["check"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("folio.toml:4:1: info[F0813]: the theme's words have no `sw` translation: pages in `sw` show them in `en`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("i18n/eo.ftl: info[F0814]: "),
        "{}",
        run.stderr
    );
    site.build_ok();
    let notes = site.read("notes/index.html");
    assert!(notes.contains("<html lang=\"eo\" dir=\"ltr\">"), "{notes}");
    assert!(
        notes.contains("<header class=\"site-header\">"),
        "eo has a file, so the theme's words are not marked as another language's: {notes}"
    );
}
