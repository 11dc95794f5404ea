//! The exact text and exit code of each kind of bad input: the messages are the interface.
//! Each case is also built with `--format json` to check that every diagnostic has a code that
//! docs/diagnostics.md documents.

use crate::harness::{SiteTest, text_block};

fn fails_with(site: SiteTest, expected: &str) {
    fails_with_code(site, 1, expected);
}

fn fails_with_code(site: SiteTest, code: i32, expected: &str) {
    let run = site.build();
    assert_eq!(run.code, Some(code), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr
            .replace(&site.root().display().to_string(), "SITE"),
        expected
    );
    let json = site.run(&["build", "--format", "json"]);
    assert_eq!(json.code, Some(code), "{}", json.stderr);
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"),
    )
    .expect("docs/diagnostics.md");
    assert!(!json.stdout.is_empty(), "no diagnostics in JSON");
    for line in json.stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON object per line");
        let code = value["code"].as_str().unwrap_or_default();
        assert!(
            code.len() == 5 && code.starts_with('F'),
            "diagnostic without a code: {line}"
        );
        assert!(
            docs.contains(&format!("\n### {code} ")),
            "{code} is not documented in docs/diagnostics.md"
        );
    }
}

#[test]
fn missing_config() {
    let site = SiteTest::empty().file("content/a.md", "---\ntitle: A\n---\n");
    fails_with_code(
        site,
        2,
        &text_block(
            r#"
            folio.toml: error[F0901]: no folio.toml in SITE
              = help: run folio in a site's folder, or point to one with --root

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unknown_config_key() {
    let site = SiteTest::new().file(
        "folio.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\nthme = \"x\"\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            folio.toml:3:1: error[F0601]: unknown key `thme` in folio.toml
              |
            3 | thme = "x"
              | ^
              = help: did you mean `theme`?

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn config_syntax() {
    let site = SiteTest::new().file(
        "folio.toml",
        "title = \"T\nbase_url = \"https://example.org/\"\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            folio.toml:1:11: error[F0603]: invalid folio.toml: invalid basic string, expected `"`
              |
            1 | title = "T
              |           ^

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn yaml_syntax() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: \"oops\ndate: 2026-01-01\n---\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:4:1: error[F0108]: invalid YAML in the front matter: found unexpected end of stream, while scanning a quoted scalar
              |
            4 | ---
              | ^

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unknown_front_matter_key() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\ntgas: [x]\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:3:1: error[F0101]: unknown front matter key `tgas`
              |
            3 | tgas: [x]
              | ^
              = help: did you mean `tags`?

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn wrong_type() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\nweight: heavy\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:3:9: error[F0106]: `weight` must be a whole number, found string "heavy"
              |
            3 | weight: heavy
              |         ^

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unclosed_front_matter() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\n\nBody\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:1:1: error[F0103]: front matter is not closed
              |
            1 | ---
              | ^
              = help: add a line with only `---` after the front matter

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn impossible_date() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\ndate: 2026-02-30\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:3:7: error[F0109]: invalid date `2026-02-30`
              |
            3 | date: 2026-02-30
              |       ^
              = help: write dates as YYYY-MM-DD, or RFC 3339 such as 2026-03-02T10:00:00Z

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn missing_title() {
    let site = SiteTest::new().file("content/a.md", "---\ndate: 2026-02-03\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:1:1: error[F0104]: front matter has no `title`
              |
            1 | ---
              | ^
              = help: add a line `title: ...`

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn two_accepted_answers() {
    let site = SiteTest::new()
        .file("content/q.md", "---\ntitle: Q\nkind: question\n---\nQ?\n\n--- answer\nauthor: a\naccepted: true\n---\nA\n\n--- answer\nauthor: b\naccepted: true\n---\nB\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/q.md:13:1: error[F0202]: a thread can have only one accepted answer
               |
            13 | --- answer
               | ^
              = help: `answer-1` (line 7) is already accepted; remove `accepted: true` from one of them

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn answer_without_author() {
    let site = SiteTest::new().file(
        "content/q.md",
        "---\ntitle: Q\nkind: question\n---\nQ?\n\n--- answer\nvotes: 3\n---\nA\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/q.md:7:1: error[F0104]: answer has no author
              |
            7 | --- answer
              | ^
              = help: add a line `author: NAME` to the block

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn non_integer_votes() {
    let site = SiteTest::new().file(
        "content/q.md",
        "---\ntitle: Q\nkind: question\n---\nQ?\n\n--- answer\nauthor: a\nvotes: 2.5\n---\nA\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/q.md:9:8: error[F0106]: `votes` must be a whole number, found `2.5`
              |
            9 | votes: 2.5
              |        ^
              = help: write the vote count as an integer, e.g. `votes: 12`

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unknown_block_key() {
    let site = SiteTest::new().file(
        "content/q.md",
        "---\ntitle: Q\nkind: question\n---\nQ?\n\n--- answer\nauthor: a\naccept: true\n---\nA\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/q.md:9:1: error[F0101]: unknown answer key `accept`
              |
            9 | accept: true
              | ^
              = help: did you mean `accepted`?

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unclosed_block() {
    let site = SiteTest::new().file(
        "content/q.md",
        "---\ntitle: Q\nkind: question\n---\nQ?\n\n--- answer\nauthor: a\nA\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/q.md:7:1: error[F0103]: block metadata is not closed
              |
            7 | --- answer
              | ^
              = help: add a line with only `---` after the block's `author:`, `date:`... lines

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn broken_link() {
    let site = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\nSee [the guide](guide.md).\n",
        )
        .file("content/guides.md", "---\ntitle: Guides\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:4:5: error[F0301]: link to a missing file `guide.md`
              |
            4 | See [the guide](guide.md).
              |     ^
              = help: did you mean `content/guides.md`?

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn missing_anchor() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\n---\n## Real\n\nSee [x](#rael).\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:6:5: error[F0304]: link `#rael` points to a missing anchor `#rael` in `content/a.md`
              |
            6 | See [x](#rael).
              |     ^
              = help: did you mean `#real`?

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn link_to_draft() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\n---\nSee [b](b.md).\n")
        .file("content/b.md", "---\ntitle: B\ndraft: true\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:4:5: error[F0303]: link to `b.md`, which is a draft and is not built
              |
            4 | See [b](b.md).
              |     ^
              = help: build with --drafts to include it, or remove the link

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn duplicate_url() {
    // Placed at the second page's first line (its URL comes from its name), naming the first
    // page at its `slug:`.
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\nslug: b\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/b.md:1:1: error[F0402]: this page has the URL `/b/`, like the page content/a.md:3:7
              = help: give one of them another `slug:` or file name

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn duplicate_url_is_placed_at_the_slug_that_makes_it() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\n---\n")
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2026-01-02\nslug: a\n---\n",
        );
    fails_with(
        site,
        &text_block(
            r#"
            content/b.md:4:7: error[F0402]: this page has the URL `/a/`, like the page content/a.md:1:1
              = help: give one of them another `slug:` or file name

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn empty_slug_from_the_file_name() {
    let site = SiteTest::new().file("content/---.md", "---\ntitle: Dashes\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/---.md:1:1: error[F0401]: the file name gives an empty URL slug
              = help: rename the file or set `slug:` in the front matter

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn missing_base_url_is_placed_at_the_top_of_folio_toml() {
    let site = SiteTest::empty()
        .file("folio.toml", "title = \"T\"\n\n[feed]\nlimit = 5\n")
        .file("content/a.md", "---\ntitle: A\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            folio.toml:1:1: error[F0602]: folio.toml has no `base_url`
              |
            1 | title = "T"
              | ^
              = help: add a line `base_url = "https://example.org/"` at the top of folio.toml, before any `[table]`

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn each_invalid_alias_is_placed_at_its_item() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\naliases:\n  - /old/\n  # moved twice\n  - \"../older/\"\ndraft: false\n---\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:6:5: error[F0403]: invalid alias `../older/`
              = help: an alias is a path on this site, such as `/old/path/`

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unknown_template() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\ntemplate: artcle.html\n---\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:3:11: error[F0504]: unknown template `artcle.html`
              = help: did you mean `article.html`?

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn template_syntax() {
    let site = SiteTest::new()
        .file("templates/article.html", "{% for x in %}\n")
        .file("content/a.md", "---\ntitle: A\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            templates/article.html:1:13: error[F0502]: template syntax error: expected an expression or an array of values
              |
            1 | {% for x in %}
              |             ^

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn template_runtime() {
    let site = SiteTest::new()
        .file("templates/article.html", "{{ page.nope.deeper }}\n")
        .file("content/a.md", "---\ntitle: A\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            templates/article.html: error[F0505]: cannot render `content/a.md` (`a/index.html`): Failed to render 'article.html': Variable `page.nope.deeper` not found in context while rendering 'article.html'

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn unknown_theme() {
    let site = SiteTest::new().file(
        "folio.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntheme = \"fancy\"\n",
    );
    fails_with(
        site,
        &text_block(
            r#"
            folio.toml:3:1: error[F0501]: unknown theme `fancy`
              |
            3 | theme = "fancy"
              | ^
              = help: expected one of `default`

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn errors_in_several_files() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\ntags: x\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n[c](c.md)\n")
        .file("content/c/_index.md", "---\ntitle: C\nsort: date\n---\n");
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:3:7: error[F0106]: `tags` must be a list, found string "x"
              |
            3 | tags: x
              |       ^

            content/b.md:4:1: error[F0301]: link to a missing file `c.md`
              |
            4 | [c](c.md)
              | ^
              = help: no file `content/c.md` exists

            content/c/_index.md:3:1: error[F0101]: unknown section front matter key `sort`
              |
            3 | sort: date
              | ^
              = help: did you mean `sort_by`?

            error: the build failed with 3 errors; the previous output was left untouched
            "#,
        ),
    );
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_the_first_bad_byte() {
    let site = SiteTest::new().file("content/a.md", "placeholder");
    std::fs::write(
        site.root().join("content/a.md"),
        b"---\ntitle: A\n---\nCaf\xe9 au lait\n",
    )
    .unwrap();
    fails_with(
        site,
        &text_block(
            r#"
            content/a.md:4:4: error[F0204]: the file is not valid UTF-8 (byte 20 is not part of a UTF-8 character)
              |
            4 | Caf
              |    ^
              = help: save the file as UTF-8

            error: the build failed with 1 error; the previous output was left untouched
            "#,
        ),
    );
}
