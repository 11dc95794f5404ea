//! The exact text and exit code of each kind of bad input: the messages are the interface.

use crate::harness::SiteTest;

fn fails_with(site: SiteTest, expected: &str) {
    let run = site.build();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr
            .replace(&site.root().display().to_string(), "SITE"),
        expected
    );
}

#[test]
fn missing_config() {
    let site = SiteTest::empty().file("content/a.md", "---\ntitle: A\n---\n");
    fails_with(
        site,
        "folio.toml: error: no folio.toml in SITE\n  = help: run folio in a site's folder, or point to one with --root\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "folio.toml:3:1: error: unknown key `thme` in folio.toml\n  |\n3 | thme = \"x\"\n  | ^\n  = help: did you mean `theme`?\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "folio.toml:1:11: error: invalid folio.toml: invalid basic string, expected `\"`\n  |\n1 | title = \"T\n  |           ^\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/a.md:4:1: error: invalid YAML in the front matter: found unexpected end of stream, while scanning a quoted scalar\n  |\n4 | ---\n  | ^\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn unknown_front_matter_key() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\ntgas: [x]\n---\n");
    fails_with(
        site,
        "content/a.md:3:1: error: unknown front matter key `tgas`\n  |\n3 | tgas: [x]\n  | ^\n  = help: did you mean `tags`?\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn wrong_type() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\nweight: heavy\n---\n");
    fails_with(
        site,
        "content/a.md:3:9: error: `weight` must be a whole number, found string \"heavy\"\n  |\n3 | weight: heavy\n  |         ^\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn unclosed_front_matter() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\n\nBody\n");
    fails_with(
        site,
        "content/a.md:1:1: error: front matter is not closed\n  |\n1 | ---\n  | ^\n  = help: add a line with only `---` after the front matter\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn impossible_date() {
    let site = SiteTest::new().file("content/a.md", "---\ntitle: A\ndate: 2026-02-30\n---\n");
    fails_with(
        site,
        "content/a.md:3:7: error: invalid date `2026-02-30`\n  |\n3 | date: 2026-02-30\n  |       ^\n  = help: write dates as YYYY-MM-DD, or RFC 3339 such as 2026-03-02T10:00:00Z\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn missing_title() {
    let site = SiteTest::new().file("content/a.md", "---\ndate: 2026-02-03\n---\n");
    fails_with(
        site,
        "content/a.md:1:1: error: front matter has no `title`\n  |\n1 | ---\n  | ^\n  = help: add a line `title: ...`\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn two_accepted_answers() {
    let site = SiteTest::new()
        .file("content/q.md", "---\ntitle: Q\nkind: question\n---\nQ?\n\n--- answer\nauthor: a\naccepted: true\n---\nA\n\n--- answer\nauthor: b\naccepted: true\n---\nB\n");
    fails_with(
        site,
        "content/q.md:13:1: error: a thread can have only one accepted answer\n   |\n13 | --- answer\n   | ^\n  = help: `answer-1` (line 7) is already accepted; remove `accepted: true` from one of them\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/q.md:7:1: error: answer has no author\n  |\n7 | --- answer\n  | ^\n  = help: add a line `author: NAME` to the block\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/q.md:9:8: error: `votes` must be a whole number, found `2.5`\n  |\n9 | votes: 2.5\n  |        ^\n  = help: write the vote count as an integer, e.g. `votes: 12`\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/q.md:9:1: error: unknown answer key `accept`\n  |\n9 | accept: true\n  | ^\n  = help: did you mean `accepted`?\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/q.md:7:1: error: block metadata is not closed\n  |\n7 | --- answer\n  | ^\n  = help: add a line with only `---` after the block's `author:`, `date:`... lines\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/a.md:4:5: error: link to a missing file `guide.md`\n  |\n4 | See [the guide](guide.md).\n  |     ^\n  = help: did you mean `content/guides.md`?\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/a.md:6:5: error: link `#rael` points to a missing anchor `#rael` in `content/a.md`\n  |\n6 | See [x](#rael).\n  |     ^\n  = help: did you mean `#real`?\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn link_to_draft() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\n---\nSee [b](b.md).\n")
        .file("content/b.md", "---\ntitle: B\ndraft: true\n---\n");
    fails_with(
        site,
        "content/a.md:4:5: error: link to `b.md`, which is a draft and is not built\n  |\n4 | See [b](b.md).\n  |     ^\n  = help: build with --drafts to include it, or remove the link\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn duplicate_url() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\nslug: b\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n");
    fails_with(
        site,
        "content/b.md: error: this page has the URL `/b/`, like the page content/a.md\n  = help: give one of them another `slug:` or file name\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/a.md:3:11: error: unknown template `artcle.html`\n  = help: did you mean `article.html`?\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn template_syntax() {
    let site = SiteTest::new()
        .file("templates/article.html", "{% for x in %}\n")
        .file("content/a.md", "---\ntitle: A\n---\n");
    fails_with(
        site,
        "templates/article.html:1:13: error: template syntax error: expected an expression or an array of values\n  |\n1 | {% for x in %}\n  |             ^\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
    );
}

#[test]
fn template_runtime() {
    let site = SiteTest::new()
        .file("templates/article.html", "{{ page.nope.deeper }}\n")
        .file("content/a.md", "---\ntitle: A\n---\n");
    fails_with(
        site,
        "templates/article.html: error: cannot render `content/a.md` (`a/index.html`): Failed to render 'article.html': Variable `page.nope.deeper` not found in context while rendering 'article.html'\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "folio.toml: error: unknown theme `fancy`\n  = help: expected one of `default`\n\nerror: the build failed with 1 error; the previous output was left untouched\n",
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
        "content/a.md:3:7: error: `tags` must be a list, found string \"x\"\n  |\n3 | tags: x\n  |       ^\n\ncontent/b.md:4:1: error: link to a missing file `c.md`\n  |\n4 | [c](c.md)\n  | ^\n  = help: no file `content/c.md` exists\n\ncontent/c/_index.md:3:1: error: unknown section front matter key `sort`\n  |\n3 | sort: date\n  | ^\n  = help: did you mean `sort_by`?\n\nerror: the build failed with 3 errors; the previous output was left untouched\n",
    );
}
