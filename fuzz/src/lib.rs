//! The fuzz targets' bodies: one function per parser a user's bytes reach. Each takes raw bytes,
//! must not panic, and asserts what every input must keep true: diagnostics have a code and a
//! real position (line and column ≥ 1, within the file) or none (`Position::FILE`), and the same
//! input gives the same result twice.
//!
//! libFuzzer calls them from `fuzz_targets/` (coverage-guided, `fuzz/run`); the CI smoke test
//! (`tests/testsuite/fuzz.rs`) includes this file and calls them on the checked-in corpus, the
//! kept crash inputs and seeded mutations of them, under `cargo test` on stable.

use std::path::Path;
use std::sync::OnceLock;

use folio::stages::{
    Config, HeadingIds, Highlighter, Labels, LinkError, PageFrontMatter, PostBody, PostContext,
    ResolveLink, ResolvedLink, Sanitizer, SectionFrontMatter, Source, ThreadPosts, Trust,
    UniqueIds, normalize_text, parse_front_matter, parse_thread, render_markdown,
    split_front_matter,
};
use folio::{BuildOptions, Diagnostic, Format, Position, build_in_memory, render};

/// A fuzz target: raw bytes in, a panic on a broken invariant.
pub type Target = fn(&[u8]);

/// The targets by name, for the smoke test and the corpus folders (`fuzz/corpus/NAME`).
pub const TARGETS: [(&str, Target); 5] = [
    ("front_matter", front_matter),
    ("thread", thread),
    ("config", config),
    ("markdown", markdown),
    ("site", site),
];

/// A page's file: front matter split off and parsed as a page's and as a section's.
pub fn front_matter(data: &[u8]) {
    let text = source_text(data);
    let path = Path::new("content/page.md");
    let source = Source::new(path, &text);
    let first = parse_page(&source, &text);
    assert_eq!(
        first,
        parse_page(&source, &text),
        "front matter parsing is not deterministic"
    );
    if let Err(d) = &first {
        check_diagnostic(d, path, &text);
    }
    match SectionFrontMatter::read(&source, &text) {
        Ok(_) => {}
        Err(d) => check_diagnostic(&d, path, &text),
    }
}

/// The page's front matter as text (`PageFrontMatter` has no `PartialEq`), or its error.
fn parse_page(source: &Source, text: &str) -> Result<String, Diagnostic> {
    let split = split_front_matter(source, text)?;
    let fm: PageFrontMatter = parse_front_matter(source, &split.page_fragment())?;
    Ok(format!("{fm:?}"))
}

/// A single-file thread: the question's body cut into `--- answer` and `--- reply` blocks.
pub fn thread(data: &[u8]) {
    let text = source_text(data);
    let path = Path::new("content/qa/thread.md");
    let source = Source::new(path, &text);
    // Without front matter the whole file is the body, so the block parser sees every input.
    let (body, body_line) = match split_front_matter(&source, &text) {
        Ok(split) => (split.body, split.body_line),
        Err(_) => (text.as_str(), 1),
    };
    let first = parse_thread(&source, body, body_line);
    assert_eq!(
        first,
        parse_thread(&source, body, body_line),
        "thread parsing is not deterministic"
    );
    match first {
        Ok(posts) => check_posts(&posts, &text),
        Err(ds) => {
            assert!(!ds.is_empty(), "a failed thread names no error");
            ds.iter().for_each(|d| check_diagnostic(d, path, &text));
        }
    }
}

/// Every post starts on a line of the file, and its markdown is part of the file.
fn check_posts(posts: &ThreadPosts, text: &str) {
    let lines = line_count(text);
    let mut bodies = vec![&posts.question];
    bodies.extend(posts.question_replies.iter().map(|r| &r.body));
    for answer in &posts.answers {
        bodies.push(&answer.body);
        bodies.extend(answer.replies.iter().map(|r| &r.body));
        let at = answer.marker;
        assert!(
            at.line >= 1 && at.line <= lines && at.col >= 1,
            "answer marker at {at:?}"
        );
    }
    for body in bodies {
        assert!(
            body.first_line >= 1 && body.first_line <= lines + 1,
            "post at line {}",
            body.first_line
        );
        assert!(
            text.contains(body.markdown.as_str()),
            "a post's markdown is not in the file"
        );
    }
}

/// folio.toml.
pub fn config(data: &[u8]) {
    let text = source_text(data);
    let path = Path::new("folio.toml");
    // `Config` keeps its keys' places in a hash map, so its `Debug` text has no fixed order:
    // compare what the build uses of it instead.
    let parse = || Config::parse(path, &text).map(|c| (c.base_path(), c.base_url.clone(), c));
    let (first, again) = (parse(), parse());
    assert_eq!(
        first.as_ref().map(|(p, u, _)| (p, u)),
        again.as_ref().map(|(p, u, _)| (p, u)),
        "config parsing is not deterministic"
    );
    match first {
        Ok((_, _, config)) => {
            if let Err(d) = config.with_base_url("http://localhost:1111/sub/") {
                check_diagnostic(&d, path, &text);
            }
        }
        Err(d) => check_diagnostic(&d, path, &text),
    }
}

/// Links to `*missing*` fail, `#anchors` are kept for checking, every other link is kept.
struct Links;

impl ResolveLink for Links {
    fn resolve(&self, _from_dir: &Path, dest: &str) -> Result<ResolvedLink, LinkError> {
        if dest.contains("missing") {
            return Err(LinkError {
                code: "F0301",
                message: format!("no page {dest}"),
                help: None,
            });
        }
        let anchor = dest.strip_prefix('#').map(|a| (None, a.to_string()));
        Ok(ResolvedLink {
            href: dest.replace(".md", "/"),
            anchor,
        })
    }
}

/// A post's markdown with folio's extensions (headings with ids, highlighted code, footnotes,
/// tables, alerts, links), rendered twice: the second time the highlighter's caches are warm,
/// and the result must not change.
pub fn markdown(data: &[u8]) {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    let highlighter = HIGHLIGHTER.get_or_init(|| {
        Highlighter::new(true, None).unwrap_or_else(|e| panic!("highlighter: {e}"))
    });
    let text = source_text(data);
    let path = Path::new("content/guide/page.md");
    let body = PostBody {
        markdown: text.clone(),
        first_line: 1,
    };
    let render_once = |trust| {
        let cx = PostContext {
            shown_path: path,
            source_dir: Path::new("guide"),
            footnote_prefix: "p1-",
            links: &Links,
            highlighter,
            trust,
            heading_ids: HeadingIds::Ascii,
            page_url: "/page/",
            labels: Labels::english(),
            keep_text: true,
        };
        let r = render_markdown(&body, &cx, &mut UniqueIds::default());
        let shape = format!(
            "{:?}{:?}{:?}{}",
            r.toc, r.anchors, r.unknown_languages, r.word_count
        );
        (r.html, r.summary, shape, r.diagnostics, r.code_blocks)
    };
    let first = render_once(Trust::Author);
    assert!(
        first == render_once(Trust::Author),
        "markdown rendering is not deterministic"
    );
    first
        .3
        .iter()
        .for_each(|d| check_diagnostic(d, path, &text));
    let (html, summary, _, diagnostics, blocks) = render_once(Trust::Contributor);
    diagnostics
        .iter()
        .for_each(|d| check_diagnostic(d, path, &text));
    // A contributor's post as a thread page shows it: sanitized, its code blocks put back.
    let sanitizer = Sanitizer::default();
    let cleaned = sanitizer.post(&html, &blocks, &mut UniqueIds::default(), &[]);
    let cleaned_summary = sanitizer.summary(&summary, &blocks);
    for out in [&cleaned, &cleaned_summary] {
        let lower = out.to_ascii_lowercase();
        assert!(
            !lower.contains("<script") && !lower.contains("<folio-code"),
            "a script or a placeholder survived sanitizing: {out}"
        );
    }
}

/// The files of the small site the `site` target builds, in the order the input's parts fill
/// them (parts are separated by NUL bytes; missing parts are empty files).
pub const SITE_FILES: [&str; 6] = [
    "folio.toml",
    "content/_index.md",
    "content/guide/_index.md",
    "content/guide/page.md",
    "content/qa/_index.md",
    "content/qa/thread.md",
];

/// The whole build of a small site written to a temporary folder: config, the home page, a
/// section with a page, and a section of threads. Built twice, with identical results.
pub fn site(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let mut parts = data.split(|&b| b == 0);
    for name in SITE_FILES {
        let path = dir.path().join(name);
        let part = parts.next().unwrap_or_default();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{parent:?}: {e}"));
        }
        std::fs::write(&path, part).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    }
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let summarize = |built: Result<folio::BuiltSite, Vec<Diagnostic>>| match built {
        Ok(site) => {
            let files: Vec<String> = site
                .output
                .files
                .iter()
                .map(|(k, v)| format!("{k}{v:?}"))
                .collect();
            Ok((files, site.warnings))
        }
        Err(ds) => Err(ds),
    };
    let first = summarize(build_in_memory(&options));
    assert!(
        first == summarize(build_in_memory(&options)),
        "the build is not deterministic"
    );
    let diagnostics = match &first {
        Ok((_, warnings)) => warnings,
        Err(errors) => {
            assert!(!errors.is_empty(), "a failed build names no error");
            errors
        }
    };
    for d in diagnostics {
        let Some(name) = SITE_FILES.iter().find(|n| d.path == Path::new(n)) else {
            // Not one of the files: only a diagnostic about the site as a whole has no position.
            assert_eq!(d.position, Position::FILE, "{d}");
            continue;
        };
        let text = source_text(&std::fs::read(dir.path().join(name)).unwrap_or_default());
        check_diagnostic(d, Path::new(name), &text);
    }
}

/// The text a parser sees, as folio's loader makes it (no BOM, `\n` line ends). Bytes that are
/// not UTF-8 stand replaced, so every input reaches the parser (the loader's UTF-8 error is
/// fuzzed by `site`).
fn source_text(data: &[u8]) -> String {
    normalize_text(&String::from_utf8_lossy(data))
}

/// Lines as a diagnostic counts them: at least 1, one more after a final newline.
fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// A diagnostic has a code, names `path`, points at a line and column of `text` (or at the file
/// as a whole), and renders in every format.
fn check_diagnostic(d: &Diagnostic, path: &Path, text: &str) {
    assert!(d.code.starts_with('F') && d.code.len() == 5, "no code: {d}");
    assert_eq!(d.path, path, "{d}");
    if d.position != Position::FILE {
        let Position { line, col } = d.position;
        assert!(line >= 1 && col >= 1, "position {line}:{col}: {d}");
        let lines = line_count(text);
        assert!(line <= lines, "line {line} of {lines}: {d}");
        let width = text
            .split('\n')
            .nth(line - 1)
            .map_or(0, |l| l.chars().count());
        assert!(
            col <= width + 1,
            "column {col} of a line of {width} characters: {d}"
        );
    }
    for format in Format::ALL {
        let shown = render(std::slice::from_ref(d), format, false);
        assert!(!shown.is_empty(), "{d}");
    }
}
