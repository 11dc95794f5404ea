//! `folio check`: links in the built pages (templates included), content warnings, exit codes,
//! and `--external` against a local server (never the internet).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::harness::{BuildRun, SiteTest, text_block};

/// Templates that render only what a test puts in them, so links and reachability are the
/// test's own (the default theme links every page from its sidebar).
fn bare_theme(site: SiteTest) -> SiteTest {
    site.file(
        "templates/base.html",
        "<!doctype html>\n<html><body>{% block content %}{% endblock content %}</body></html>\n",
    )
    .file(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.base_path }}a/\">A</a>{% endblock content %}\n",
    )
    .file(
        "templates/section.html",
        "{% extends \"base.html\" %}{% block content %}{{ section.title }}{% endblock content %}\n",
    )
    .file(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1>\n<main>{{ page.content | safe }}</main>{% endblock content %}\n",
    )
}

fn check(site: &SiteTest, args: &[&str]) -> BuildRun {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    site.run(&all)
}

fn stderr_of(site: &SiteTest, run: &BuildRun) -> String {
    run.stderr
        .replace(&site.root().display().to_string(), "SITE")
}

#[test]
fn a_clean_site_checks_clean() {
    let site = SiteTest::new()
        .file(
            "content/guide/a.md",
            "---\ntitle: Alpha\n---\nSee [Beta](b.md#setup) and ![A diagram](flow.svg).\n\n## Later\n",
        )
        .file("content/guide/flow.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("content/guide/b.md", "---\ntitle: Beta\n---\n## Setup\n\n### Details\n")
        .file(
            "content/qa/q.md",
            "---\ntitle: Why?\nkind: question\n---\nWhy?\n\n--- answer\nauthor: a\n---\nBecause.\n",
        );
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with("Checked "), "{}", run.stdout);
    assert!(
        run.stdout.trim_end().ends_with(": no problems"),
        "{}",
        run.stdout
    );
    assert!(!site.output_path("").exists(), "check wrote the site");
}

#[test]
fn the_sample_guide_checks_clean() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["check", "--root", env!("CARGO_MANIFEST_DIR")])
        .env("NO_COLOR", "1")
        .output()
        .expect("run folio");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // The one note: which English pages have no Russian translation yet.
    let notes: Vec<&str> = stderr.lines().filter(|l| l.contains("[F")).collect();
    assert_eq!(notes.len(), 1, "the sample guide has problems: {stderr}");
    assert!(
        notes[0]
            .starts_with("folio.toml:12:1: info[F0812]: 16 of 24 pages have no `ru` translation"),
        "{stderr}"
    );
}

fn warnings_site() -> SiteTest {
    SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: Setup\n---\nIntro ![](flow.svg) and [](b.md).\n\n## Install\n\n#### Options\n\n<img src=\"../flow.svg\">\n",
        )
        .file("content/flow.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("content/b.md", "---\ntitle: setup\n---\nText.\n")
        .file("content/q.md", "---\ntitle: Why?\nkind: question\n---\nWhy?\n")
}

#[test]
fn content_warnings_point_at_their_lines() {
    let site = warnings_site();
    let run = check(&site, &[]);
    assert_eq!(
        run.code,
        Some(0),
        "warnings do not fail a check: {}",
        run.stderr
    );
    assert_eq!(
        stderr_of(&site, &run),
        text_block(
            r#"
            content/a.md:2:1: warning[F0804]: the title `Setup` is also used by `content/b.md`
              |
            2 | title: Setup
              | ^
              = help: titles name pages in search results, browser tabs and listings: give each page its own

            content/a.md:4:7: warning[F0801]: image without alt text
              |
            4 | Intro ![](flow.svg) and [](b.md).
              |       ^
              = help: describe the image between the brackets (`![A diagram of the request flow](flow.svg)`) for readers who cannot see it

            content/a.md:4:25: warning[F0802]: link without text
              |
            4 | Intro ![](flow.svg) and [](b.md).
              |                         ^
              = help: screen readers announce a link by its text: write what it leads to between the brackets

            content/a.md:8:1: warning[F0803]: heading level skips from h2 to h4
              |
            8 | #### Options
              | ^
              = help: screen readers and the table of contents go by levels: make this an h3 (###) or add the missing level above it

            content/a.md:10:1: warning[F0801]: image without alt text
               |
            10 | <img src="../flow.svg">
               | ^
              = help: add `alt="..."` describing the image, or `alt=""` if it is only decoration

            content/b.md:2:1: warning[F0804]: the title `setup` is also used by `content/a.md`
              |
            2 | title: setup
              | ^
              = help: titles name pages in search results, browser tabs and listings: give each page its own

            content/q.md:2:1: info[F0805]: this thread has no answers yet
              |
            2 | title: Why?
              | ^
              = help: add an answer after a `--- answer` line, or as a file in the thread's folder

            "#,
        )
    );
    assert!(
        run.stdout.contains(": 6 warnings, 1 note"),
        "{}",
        run.stdout
    );
}

#[test]
fn strict_turns_warnings_into_failure() {
    let site = warnings_site();
    let run = check(&site, &["--strict"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("error: the check found 6 warnings (--strict)\n"),
        "{}",
        run.stderr
    );
    // A note alone never fails, even with --strict.
    let site = SiteTest::new().file(
        "content/q.md",
        "---\ntitle: Why?\nkind: question\n---\nWhy?\n",
    );
    assert_eq!(check(&site, &["--strict"]).code, Some(0));
}

#[test]
fn a_broken_link_in_a_template_points_at_the_template_line() {
    let site = bare_theme(SiteTest::new())
        .file(
            "templates/article.html",
            "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1>\n<p><a href=\"/about/\">About</a> <a href=\"#comments\">Comments</a></p>\n{% endblock content %}\n",
        )
        .file("content/a.md", "---\ntitle: A\n---\nText.\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        stderr_of(&site, &run),
        text_block(
            r##"
            templates/article.html:3:13: error[F0310]: link `/about/` points to a missing file: the site has no `about/index.html`
              |
            3 | <p><a href="/about/">About</a> <a href="#comments">Comments</a></p>
              |             ^
              = help: written by the template `article.html` (or one it includes or extends); found on `a/index.html` line 3

            templates/article.html:3:41: error[F0311]: link `#comments` points to a missing anchor `#comments` in `a/index.html`
              |
            3 | <p><a href="/about/">About</a> <a href="#comments">Comments</a></p>
              |                                         ^
              = help: written by the template `article.html` (or one it includes or extends); found on `a/index.html` line 3

            error: the check found 2 errors
            "##,
        )
    );
}

#[test]
fn a_generated_link_names_the_template_and_the_page() {
    let site = bare_theme(SiteTest::new())
        .file(
            "templates/article.html",
            "{% extends \"base.html\" %}{% block content %}<a href=\"{{ page.permalink }}comments/\">c</a>{% endblock content %}\n",
        )
        .file("content/a.md", "---\ntitle: A\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n[A](a.md)\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stderr = stderr_of(&site, &run);
    for page in ["a", "b"] {
        let expected = text_block(&format!(
            r#"
            templates/article.html: error[F0310]: link `https://example.org/{page}/comments/` points to a missing file: the site has no `{page}/comments/index.html`
              = help: written by the template `article.html` (or one it includes or extends); found on `{page}/index.html` line 2
            "#
        ));
        assert!(stderr.contains(&expected), "{stderr}");
    }
}

#[test]
fn a_broken_root_relative_link_in_content_points_at_its_line() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\n---\nSee [the plan](/plan/) and <a href=\"/b/#x\">raw</a>.\n",
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stderr = stderr_of(&site, &run);
    assert!(
        stderr.starts_with(&text_block(
            r#"
            content/a.md:4:5: error[F0310]: link `/plan/` points to a missing file: the site has no `plan/index.html`
              |
            4 | See [the plan](/plan/)"#,
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/a.md:4:28: error[F0310]: link `/b/#x` points to a missing file: the site has no `b/index.html`"),
        "{stderr}"
    );
}

#[test]
fn links_must_stay_under_the_base_path() {
    let site = bare_theme(SiteTest::new())
        .file(
            "folio.toml",
            "title = \"T\"\nbase_url = \"https://example.org/guide/\"\n",
        )
        .file(
            "templates/index.html",
            "{% extends \"base.html\" %}{% block content %}<a href=\"/guide/a/\">A</a> <a href=\"/blog/\">Blog</a>{% endblock content %}\n",
        )
        .file("content/a.md", "---\ntitle: A\n---\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stderr = stderr_of(&site, &run);
    assert!(
        stderr.starts_with("templates/index.html:1:80: error[F0312]: link `/blog/` leads to `/blog/`, outside the site's base path `/guide/`"),
        "{stderr}"
    );
}

#[test]
fn pages_no_other_page_links_to_are_reported() {
    let site = bare_theme(SiteTest::new())
        .file("content/a.md", "---\ntitle: A\n---\nSee [B](b.md).\n")
        .file("content/b.md", "---\ntitle: B\n---\nBack to [A](a.md).\n")
        .file("content/orphan.md", "---\ntitle: Orphan\n---\nAlone.\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        stderr_of(&site, &run),
        text_block(
            r#"
            content/orphan.md:2:1: warning[F0806]: no other page links to `/orphan/`
              |
            2 | title: Orphan
              | ^
              = help: readers only find it through search: link to it from a related page, or check that its section is listed

            "#,
        )
    );
}

#[test]
fn github_format_annotates_the_line() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\n---\n[x](/nope/)\n");
    let run = check(&site, &["--format", "github"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout.contains("::error file=") && run.stdout.contains("content/a.md,line=4,col=1"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_site_is_a_usage_error() {
    let site = SiteTest::empty();
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}

#[test]
fn help_documents_the_exit_codes() {
    let run = SiteTest::empty().run(&["check", "--help"]);
    assert!(
        run.stdout
            .contains("Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage"),
        "{}",
        run.stdout
    );
}

/// A server on 127.0.0.1 that answers `/ok` with 200 and anything else with 404, counting
/// requests per path.
struct LinkServer {
    base: String,
    ok_hits: Arc<AtomicUsize>,
    missing_hits: Arc<AtomicUsize>,
    _runtime: tokio::runtime::Runtime,
}

fn link_server() -> LinkServer {
    use axum::http::{StatusCode, Uri};
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let ok_hits = Arc::new(AtomicUsize::new(0));
    let missing_hits = Arc::new(AtomicUsize::new(0));
    let (ok, missing) = (ok_hits.clone(), missing_hits.clone());
    let app = axum::Router::new().fallback(move |uri: Uri| {
        let (ok, missing) = (ok.clone(), missing.clone());
        async move {
            if uri.path() == "/ok" {
                ok.fetch_add(1, Ordering::SeqCst);
                StatusCode::OK
            } else {
                missing.fetch_add(1, Ordering::SeqCst);
                StatusCode::NOT_FOUND
            }
        }
    });
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    runtime.spawn(async move { axum::serve(listener, app).await });
    LinkServer {
        base,
        ok_hits,
        missing_hits,
        _runtime: runtime,
    }
}

#[test]
fn external_links_are_fetched_and_successes_cached() {
    let server = link_server();
    let site = SiteTest::new().file(
        "content/a.md",
        &format!(
            "---\ntitle: A\n---\nSee [ok]({0}/ok) and\n[gone]({0}/gone).\n",
            server.base
        ),
    );
    let run = check(&site, &["--external"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        stderr_of(&site, &run),
        text_block(&format!(
            r#"
            content/a.md:5:1: error[F0850]: link `{0}/gone` answers 404 Not Found
              |
            5 | [gone]({0}/gone).
              | ^
              = help: fix or remove the link; a site that refuses robots can go in `skip_external` under [check] in folio.toml

            error: the check found 1 error
            "#,
            server.base
        ))
    );
    assert!(
        run.stdout
            .contains("(2 external: 2 fetched, 0 cached, 0 skipped)"),
        "{}",
        run.stdout
    );
    assert!(
        site.root()
            .join(".folio-cache/external-links.json")
            .is_file()
    );
    assert_eq!(server.ok_hits.load(Ordering::SeqCst), 1);
    let again = check(&site, &["--external"]);
    assert_eq!(again.code, Some(1), "{}", again.stderr);
    assert!(
        again
            .stdout
            .contains("(2 external: 1 fetched, 1 cached, 0 skipped)"),
        "{}",
        again.stdout
    );
    assert_eq!(
        server.ok_hits.load(Ordering::SeqCst),
        1,
        "the cached link was fetched again"
    );
    assert_eq!(server.missing_hits.load(Ordering::SeqCst), 2);
}

#[test]
fn skipped_hosts_are_not_fetched() {
    let server = link_server();
    let site = SiteTest::new()
        .file(
            "folio.toml",
            "title = \"T\"\nbase_url = \"https://example.org/\"\n[check]\nskip_external = [\"127.0.0.1\"]\n",
        )
        .file(
            "content/a.md",
            &format!("---\ntitle: A\n---\n[gone]({}/gone)\n", server.base),
        );
    let run = check(&site, &["--external"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("1 skipped"), "{}", run.stdout);
    assert_eq!(server.missing_hits.load(Ordering::SeqCst), 0);
}

#[test]
fn a_broken_link_on_later_listing_pages_names_the_listing_template() {
    let site = bare_theme(SiteTest::new())
        .file(
            "folio.toml",
            &format!("{}\n[tags]\npaginate_by = 1\n", crate::harness::CONFIG),
        )
        .file(
            "templates/tag.html",
            "{% extends \"base.html\" %}{% block content %}{% for p in tag.pages %}<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endfor %}\n<a href=\"/retired/\">old</a>{% endblock content %}\n",
        )
        .file("content/a.md", "---\ntitle: A\ntags: [x]\n---\n[B](b.md)\n")
        .file("content/b.md", "---\ntitle: B\ntags: [x]\n---\n[A](a.md)\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stderr = stderr_of(&site, &run);
    assert!(
        stderr.contains("templates/tag.html:2:10: error[F0310]: link `/retired/` points to a missing file: the site has no `retired/index.html`\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: written by the template `tag.html` (or one it includes or extends); found on 2 pages, e.g. `tags/x/index.html` line 3\n"),
        "{stderr}"
    );
}

/// Two elements with one id: a link reaches only the first, so the check fails, naming the
/// page, the line of the second and the template that writes the first.
#[test]
fn an_id_given_twice_on_a_page_is_an_error() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\n---\ntext\n\n<div id=\"main\">raw</div>\n\n<p id=\"x\">1</p><p id=\"x\">2</p>\n",
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stderr = stderr_of(&site, &run);
    assert!(
        stderr.contains(
            "error[F0313]: id `main` is given to more than one element of `a/index.html`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[F0313]: id `x` is given to more than one element of `a/index.html`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a link to `#main` reaches only the first"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the repeat is found on `a/index.html` line "),
        "{stderr}"
    );
}

/// The same repeat on many pages, written by the same place, is one error naming the pages.
#[test]
fn an_id_repeated_on_many_pages_is_one_error() {
    let page = "---\ntitle: P\n---\ntext\n\n<div id=\"main\">raw</div>\n";
    let site = SiteTest::new()
        .file("content/a.md", page)
        .file("content/b.md", page);
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let stderr = stderr_of(&site, &run);
    assert_eq!(stderr.matches("error[F0313]").count(), 1, "{stderr}");
    assert!(
        stderr.contains("the repeat is found on 2 pages, e.g. `a/index.html` line "),
        "{stderr}"
    );
}

/// Headings step around the theme's ids; a `{#id}` that takes one is an error at its line.
#[test]
fn headings_leave_the_themes_ids_alone() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\n---\n## Main\n\ntext\n");
    site.build_ok();
    let html = site.read("a/index.html");
    assert!(html.contains("<h2 id=\"main-1\">Main"), "{html}");
    assert_eq!(html.matches("id=\"main\"").count(), 1);
    let taken = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\n---\n## Contents {#toc-title}\n\n## Twice {#t}\n\n## Again {#t}\n",
    );
    let run = taken.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/a.md:4:1: error[F0305]: heading id `toc-title` is already used on this page"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/a.md:8:1: error[F0305]: heading id `t` is already used on this page"
        ),
        "{}",
        run.stderr
    );
}

/// `[content] heading_ids = "unicode"` gives headings GitHub's ids, so links written for a
/// repository's README work here too, in articles and in posts, and in their summaries on the
/// home page.
#[test]
fn unicode_heading_ids_are_githubs() {
    let site = SiteTest::new()
        .file(
            "folio.toml",
            "title = \"T\"\nbase_url = \"https://example.org/\"\n\n[content]\nheading_ids = \"unicode\"\n",
        )
        .file(
            "content/a.md",
            "---\ntitle: A\n---\nSee [Windows](#использование-bat-в-windows) and [設定](q.md#設定ファイル).\n\n## Использование `bat` в Windows\n",
        )
        .file(
            "content/q.md",
            "---\ntitle: Q\nkind: question\n---\nSee [below](#設定ファイル).\n\n## 設定ファイル\n\n--- answer\nauthor: a\n---\nYes.\n",
        );
    let run = check(&site, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    site.build_ok();
    let a = site.read("a/index.html");
    assert!(a.contains("<h2 id=\"использование-bat-в-windows\">"), "{a}");
    let q = site.read("q/index.html");
    assert!(q.contains("<h2 id=\"user-content-設定ファイル\">"), "{q}");
    // Written percent-encoded, as every href.
    assert!(
        a.contains(
            "href=\"/q/#user-content-%E8%A8%AD%E5%AE%9A%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB\""
        ),
        "{a}"
    );
}
