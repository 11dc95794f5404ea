//! Highlighted code blocks: a dozen languages, each fence option, and the warning for unknown
//! languages.

use crate::harness::{SiteTest, text_block};

/// The `<figure>` code blocks of a page, in order.
fn figures(html: &str) -> Vec<String> {
    html.match_indices("<figure class=\"code-block")
        .map(|(start, _)| {
            let end =
                start + html[start..].find("</figure>").expect("closed figure") + "</figure>".len();
            html[start..end].to_string()
        })
        .collect()
}

#[test]
fn languages_are_highlighted() {
    let site = SiteTest::fixture("highlight");
    let run = site.build_ok();
    assert_eq!(run.stderr, "", "no unknown-language warnings");
    let blocks = figures(&site.read("languages/index.html"));
    let names = [
        "python",
        "async_rust",
        "typescript",
        "tsx",
        "javascript",
        "django_template",
        "console",
        "sql",
        "yaml",
        "toml",
        "json",
        "dockerfile",
        "go",
    ];
    assert_eq!(blocks.len(), names.len());
    for (name, block) in names.iter().zip(&blocks) {
        assert!(
            block.contains("<span class=\"hl-"),
            "{name} is not highlighted: {block}"
        );
        insta::assert_snapshot!(format!("language_{name}"), block);
    }
}

#[test]
fn async_rust_and_tsx_use_modern_grammars() {
    let site = SiteTest::fixture("highlight");
    site.build_ok();
    let blocks = figures(&site.read("languages/index.html"));
    assert!(
        blocks[1].contains("<span class=\"hl-keyword hl-other\">async</span>"),
        "{}",
        blocks[1]
    );
    assert!(
        blocks[1].contains(">await</span>"),
        "await is a keyword: {}",
        blocks[1]
    );
    // Only a grammar that knows JSX sees the element as a tag.
    assert!(
        blocks[3].contains("<span class=\"hl-entity hl-name hl-tag\">span</span>"),
        "TSX grammar: {}",
        blocks[3]
    );
}

#[test]
fn fence_options() {
    let site = SiteTest::fixture("highlight");
    site.build_ok();
    let blocks = figures(&site.read("options/index.html"));
    for (name, block) in [
        "linenos",
        "linenostart_hl_lines",
        "title",
        "diff_python",
        "plain_text",
    ]
    .iter()
    .zip(&blocks)
    {
        insta::assert_snapshot!(format!("option_{name}"), block);
    }
}

#[test]
fn theme_stylesheet_is_generated_and_linked() {
    let site = SiteTest::fixture("highlight");
    site.build_ok();
    let css = site.read("syntax.css");
    assert!(
        css.contains("html[data-theme=\"dark\"] .hl-comment"),
        "dark theme is scoped"
    );
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    let page = site.read("languages/index.html");
    assert!(
        page.contains("href=\"/syntax.css?h="),
        "the page links the stylesheet"
    );
    assert!(!page.contains(" style=\""), "no inline styles");
}

const UNKNOWN: &str =
    "---\ntitle: A\n---\n```klingon\nQapla'\n```\n\nText.\n\n```klingon\nbatlh\n```\n";

#[test]
fn unknown_languages_warn_once_per_language() {
    let site = SiteTest::new()
        .file("content/a.md", UNKNOWN)
        .file("content/b.md", "---\ntitle: B\n---\n```vulcan\nx\n```\n");
    let run = site.build_ok();
    assert_eq!(
        run.stderr,
        text_block(
            r#"
            content/a.md:4:1: warning[F0701]: unknown code language `klingon` in 2 code blocks, shown as plain text
              = help: used at content/a.md:4, content/a.md:10; `folio highlight --list` shows the known languages, `text` turns highlighting off

            content/b.md:4:1: warning[F0701]: unknown code language `vulcan` in 1 code block, shown as plain text
              = help: used at content/b.md:4; `folio highlight --list` shows the known languages, `text` turns highlighting off

            "#,
        )
    );
}

#[test]
fn strict_makes_unknown_languages_errors() {
    let site = SiteTest::new().file("content/a.md", UNKNOWN);
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with("content/a.md:4:1: error[F0701]: unknown code language `klingon`"),
        "{}",
        run.stderr
    );
    let site = site.file(
        "folio.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[highlight]\nstrict = true\n",
    );
    assert_eq!(site.build().code, Some(1));
}

#[test]
fn unknown_theme_lists_the_available_ones() {
    let site = SiteTest::new().file("folio.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\n[highlight]\ndark_theme = \"Coldark-Drak\"\n");
    let run = site.build();
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.starts_with(&text_block(
        r#"
        folio.toml:4:1: error[F0702]: unknown highlighting theme `Coldark-Drak` (dark_theme in [highlight])
          |
        4 | dark_theme = "Coldark-Drak"
          | ^
          = help: did you mean `Coldark-Dark`? Available themes: "#,
    )), "{}", run.stderr);
}

#[test]
fn highlight_list_shows_languages_and_themes() {
    let site = SiteTest::new();
    let run = site.run(&["highlight", "--list"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.contains("  TypeScriptReact: tsx"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  Shell session: console, shell-session")
    );
    assert!(run.stdout.contains("  Coldark-Cold (in use)"));
}

#[test]
fn a_syntax_folder_that_does_not_load_is_an_error_at_its_key() {
    let site = SiteTest::new()
        .file(
            "folio.toml",
            "title = \"T\"\nbase_url = \"https://example.org/\"\n[highlight]\nextra_syntaxes = \"syntaxes\"\n",
        )
        .file(
            "syntaxes/bad.sublime-syntax",
            "%YAML 1.2\n---\nname: Bad\nscope: source.bad\ncontexts:\n  main:\n    - match: '('\n",
        );
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("folio.toml:4:1: error[F0703]: cannot load the syntaxes in "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\n4 | extra_syntaxes = \"syntaxes\"\n"),
        "{}",
        run.stderr
    );
}

/// Folders named in folio.toml resolve inside the site: `..` (or an absolute path) that leaves
/// it is refused at the key's line, before anything is read there.
#[test]
fn highlight_folders_outside_the_site_are_refused_at_their_key() {
    for (key, folder, example) in [
        ("extra_syntaxes", "../../../../..", "syntaxes"),
        ("extra_themes", "/etc/themes", "themes"),
    ] {
        let site = SiteTest::new().file(
            "folio.toml",
            &format!(
                "title = \"T\"\nbase_url = \"https://example.org/\"\n[highlight]\n  {key} = \"{folder}\"\n"
            ),
        );
        for args in [&["build"][..], &["highlight", "--list"]] {
            let run = site.run(args);
            assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
            assert_eq!(
                run.stderr,
                format!(
                    "folio.toml:4:3: error[F0605]: {key} `{folder}` is outside the site's folder\n  |\n4 |   {key} = \"{folder}\"\n  |   ^\n  = help: folders named in folio.toml are read from inside the site: move it there, e.g. `{key} = \"{example}\"`\n\n{}",
                    if args[0] == "build" {
                        "error: the build failed with 1 error; the previous output was left untouched\n"
                    } else {
                        ""
                    }
                ),
                "{args:?}"
            );
        }
    }
}
