//! Q&A threads: answer order, anchors, both source forms, sanitizing and structured data.

use crate::harness::{SiteTest, text_of};

fn jsonld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("json-ld")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("end");
    serde_json::from_str(&html[start..end]).expect("valid JSON-LD")
}

#[test]
fn thread_main_snapshot() {
    let site = SiteTest::fixture("threads/worth-it");
    site.build_ok();
    insta::assert_snapshot!(site.main_of("qa/worth-it/index.html"));
}

#[test]
fn answers_are_ordered_accepted_then_votes() {
    let site = SiteTest::fixture("threads/answer-order");
    site.build_ok();
    let main = site.main_of("qa/order/index.html");
    let order: Vec<usize> = ["id=\"answer-2\"", "id=\"answer-3\"", "id=\"answer-1\""]
        .iter()
        .map(|id| main.find(id).expect(id))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn contributor_html_is_sanitized() {
    let site = SiteTest::fixture("threads/sanitized");
    site.build_ok();
    let main = site.main_of("qa/unsafe/index.html");
    assert!(
        main.contains("Consider Go too. "),
        "the answer is shown: {main}"
    );
    assert!(main.contains(">click</a>"), "{main}");
    assert!(!main.contains("<script"), "{main}");
    assert!(!main.contains("javascript:"));
    assert!(!main.contains("onclick"));
}

#[test]
fn marker_lines_in_code_fences_stay_code() {
    let site = SiteTest::fixture("threads/code-fence");
    site.build_ok();
    let main = site.main_of("qa/markers/index.html");
    assert!(
        text_of(&main).contains("--- answer\nauthor: not-a-real-answer"),
        "{main}"
    );
    assert_eq!(
        main.matches("class=\"post answer").count(),
        2,
        "the two answers of the thread, not the one in the fence"
    );
}

#[test]
fn qa_page_structured_data_follows_the_guidelines() {
    let site = SiteTest::fixture("threads/worth-it");
    site.build_ok();
    let data = jsonld(&site.read("qa/worth-it/index.html"));
    assert_eq!(data["@type"], "QAPage");
    let q = &data["mainEntity"];
    assert_eq!(q["@type"], "Question");
    assert_eq!(q["name"], "Is Django worth learning?");
    assert_eq!(q["answerCount"], 3);
    assert_eq!(q["upvoteCount"], 7);
    assert_eq!(q["dateCreated"], "2026-02-01T00:00:00Z");
    assert_eq!(q["author"]["name"], "asker");
    assert_eq!(
        q["acceptedAnswer"]["url"],
        "https://example.org/qa/worth-it/#answer-2"
    );
    assert_eq!(q["acceptedAnswer"]["upvoteCount"], 1);
    assert_eq!(q["suggestedAnswer"].as_array().map(Vec::len), Some(2));
    let script = site.read("qa/worth-it/index.html");
    assert!(
        !script.contains("alert(\"x\")</script>"),
        "content cannot close the JSON-LD script"
    );
}

#[test]
fn forum_schema_switches_to_discussion_forum_posting() {
    let site = SiteTest::fixture("threads/forum");
    site.build_ok();
    let data = jsonld(&site.read("qa/stoit-li-uchit-django/index.html"));
    assert_eq!(data["@type"], "DiscussionForumPosting");
    assert_eq!(data["comment"].as_array().map(Vec::len), Some(1));
}

#[test]
fn single_file_and_folder_threads_render_the_same() {
    let single = "---\ntitle: T\nauthor: asker\n---\nQ?\n\n--- reply\nauthor: asker\n---\nMore.\n\n--- answer\nauthor: a\nvotes: 2\n---\nFirst.\n\n--- reply\nauthor: asker\n---\nThanks!\n\n--- answer\nauthor: b\nvotes: 5\naccepted: true\n---\nSecond.\n";
    let site = SiteTest::new()
        .file(
            "content/qa/_index.md",
            "---\ntitle: QA\nkind: question\n---\n",
        )
        .file("content/qa/single.md", single)
        .file(
            "content/qa/folder/index.md",
            "---\ntitle: T\nauthor: asker\n---\nQ?\n\n--- reply\nauthor: asker\n---\nMore.\n",
        )
        .file(
            "content/qa/folder/01-a.md",
            "---\nauthor: a\nvotes: 2\n---\nFirst.\n\n--- reply\nauthor: asker\n---\nThanks!\n",
        )
        .file(
            "content/qa/folder/02-b.md",
            "---\nauthor: b\nvotes: 5\naccepted: true\n---\nSecond.\n",
        );
    site.build_ok();
    let strip_pager = |html: String| {
        html[..html.find("<nav class=\"pager\"").unwrap_or(html.len())]
            .replace("/qa/single/", "/qa/X/")
            .replace("/qa/folder/", "/qa/X/")
    };
    assert_eq!(
        strip_pager(site.main_of("qa/single/index.html")),
        strip_pager(site.main_of("qa/folder/index.html"))
    );
}

#[test]
fn crlf_threads_parse_like_lf_ones() {
    let thread = "---\r\ntitle: T\r\nkind: question\r\n---\r\nQ?\r\n\r\n--- answer\r\nauthor: a\r\nvotes: 2\r\n---\r\nA.\r\n\r\n--- reply\r\nauthor: b\r\n---\r\nR.\r\n";
    let site = SiteTest::new().file("content/t.md", thread);
    site.build_ok();
    let main = site.main_of("t/index.html");
    assert!(main.contains("id=\"answer-1\""), "{main}");
    assert!(main.contains("id=\"answer-1-reply-1\""), "{main}");
    assert!(!main.contains('\r'));
}

#[test]
fn a_page_language_reaches_the_html_element() {
    let site = SiteTest::fixture("threads/language");
    site.build_ok();
    assert!(
        site.read("qa/stoit-li-uchit-django/index.html")
            .contains("<html lang=\"ru\" dir=\"ltr\">")
    );
    assert!(
        site.read("qa/worth-it/index.html")
            .contains("<html lang=\"en\" dir=\"ltr\">")
    );
}

/// An Arabic page is right to left, with the theme's words in Arabic. A Persian page (no
/// translation file has Persian) is right to left too, and the theme's words around it fall back
/// to the site's language, marked with its `lang` and direction, while the page's own title in
/// the breadcrumbs goes back to the page's.
#[test]
fn a_right_to_left_page_gets_dir_and_words_in_its_language_or_marked_as_not() {
    let site = SiteTest::fixture("threads/language");
    site.build_ok();
    let arabic = site.read("qa/hl-t-lm-jngw/index.html");
    assert!(
        arabic.contains("<html lang=\"ar-EG\" dir=\"rtl\">"),
        "{arabic}"
    );
    assert!(
        arabic.contains("<header class=\"site-header\">"),
        "{arabic}"
    );
    assert!(
        arabic.contains("إجابة واحدة"),
        "the theme's words in Arabic: {arabic}"
    );
    let persian = site.read("qa/ay-jngw-bymwzm/index.html");
    assert!(
        persian.contains("<html lang=\"fa\" dir=\"rtl\">"),
        "{persian}"
    );
    for theirs in [
        "<header class=\"site-header\" lang=\"en\" dir=\"ltr\">",
        "<aside class=\"sidebar\" lang=\"en\" dir=\"ltr\">",
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\" lang=\"en\" dir=\"ltr\">",
        "<div class=\"post-side\" lang=\"en\" dir=\"ltr\">",
        "<p class=\"reply-meta\" lang=\"en\" dir=\"ltr\">",
        "<footer class=\"site-footer\" lang=\"en\" dir=\"ltr\">",
        "aria-current=\"page\" lang=\"fa\" dir=\"rtl\">",
    ] {
        assert!(persian.contains(theirs), "{theirs} in {persian}");
    }
}

#[test]
fn links_to_missing_answers_are_errors() {
    let site = SiteTest::fixture("threads/missing-answer");
    let run = site.build();
    assert!(!run.success);
    assert!(
        run.stderr.contains("content/guide/third.md:4:5: error[F0304]: link `../qa/worth-it.md#answer-9` points to a missing anchor `#answer-9` in `content/qa/worth-it.md`"),
        "{}",
        run.stderr
    );
}

/// A contributor's post cannot dress itself as the page: no theme classes, no page ids, no
/// roles or focus stops of its own, and folio's code blocks come back only where folio put
/// them, never inside an attribute.
#[test]
fn contributor_posts_cannot_use_the_themes_classes_or_the_pages_ids() {
    let site = SiteTest::fixture("threads/spoofing");
    site.build_ok();
    let main = site.main_of("qa/spoof/index.html");
    assert!(
        main.contains("<p><span>✓ Accepted answer</span></p>"),
        "{main}"
    );
    assert!(
        main.contains("<div id=\"user-content-main\">Run <span>; curl"),
        "{main}"
    );
    assert_eq!(
        main.matches("id=\"main\"").count(),
        1,
        "the theme's own: {main}"
    );
    assert_eq!(main.matches("id=\"answer-2\"").count(), 1, "{main}");
    assert!(
        main.contains("<h1 id=\"user-content-answers-title\">Main"),
        "{main}"
    );
    assert!(main.contains("<h2 id=\"user-content-setup\">Setup<a class=\"heading-anchor\" href=\"#user-content-setup\""), "{main}");
    assert!(!main.contains("role=\"dialog\""), "{main}");
    assert!(!main.contains("data-x"), "{main}");
    // One block per fence: the forged placeholder takes the post's own block, the real one
    // then has none to take; no block lands in an attribute.
    assert_eq!(
        main.matches("<figure class=\"code-block\"").count(),
        2,
        "{main}"
    );
    assert!(!main.contains("=\"<figure"), "{main}");
    assert!(!main.contains("<folio-code"), "{main}");
    assert!(
        main.contains("href=\"#user-content-fn-answer-1-why\""),
        "{main}"
    );
    insta::assert_snapshot!(main);
}

#[test]
fn sanitize_all_treats_articles_as_a_contributors() {
    let site = SiteTest::fixture("threads/sanitize-all");
    site.build_ok();
    let main = site.main_of("guest/index.html");
    assert!(
        !main.contains("<script") && !main.contains("onclick"),
        "{main}"
    );
    assert!(
        main.contains("<span id=\"user-content-main\">hidden</span>"),
        "{main}"
    );
    assert!(main.contains("<h2 id=\"user-content-setup\">"), "{main}");
    assert!(main.contains("<figure class=\"code-block\""), "{main}");
}

/// A link to a heading in a post means its `user-content-` id, from an article or from a post
/// of the thread; the thread's own anchors keep theirs, and a heading that is not there is an
/// error naming the id it looked for.
#[test]
fn links_to_a_posts_heading_need_no_prefix() {
    let site = SiteTest::fixture("threads/spoofing")
        .file(
            "content/guide.md",
            "---\ntitle: Guide\n---\nSee [setup](qa/spoof.md#setup) and [the answer](qa/spoof.md#answer-2).\n",
        )
        .file(
            "content/qa/own.md",
            "---\ntitle: Own\nkind: question\n---\nSee [below](#later) and [the answer](#answer-1).\n\n## Later\n\n--- answer\nauthor: a\n---\nAn answer.\n",
        );
    site.build_ok();
    let guide = site.main_of("guide/index.html");
    assert!(
        guide.contains("href=\"/qa/spoof/#user-content-setup\""),
        "{guide}"
    );
    assert!(guide.contains("href=\"/qa/spoof/#answer-2\""), "{guide}");
    let own = site.main_of("qa/own/index.html");
    assert!(own.contains("href=\"#user-content-later\""), "{own}");
    assert!(own.contains("href=\"#answer-1\""), "{own}");
    let broken = SiteTest::fixture("threads/spoofing").file(
        "content/guide.md",
        "---\ntitle: Guide\n---\nSee [setup](qa/spoof.md#stup).\n",
    );
    let run = broken.build();
    assert!(
        run.stderr.contains("content/guide.md:4:5: error[F0304]: link `qa/spoof.md#stup` points to a missing anchor `#user-content-stup` in `content/qa/spoof.md`"),
        "{}",
        run.stderr
    );
}
