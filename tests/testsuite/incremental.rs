//! Watch-mode rebuilds (`build::Session`) against clean builds: after every step of a random
//! sequence of edits, the session's output folder must hold exactly the bytes a clean build of
//! the same files makes, report the same diagnostics, and, when the edit breaks the site, keep
//! the last good output untouched. Half the sequences also have a page open, which rebuilds of
//! every page write ahead of the others.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use folio::{BlockCache, BuildOptions, Changes, Diagnostic, Format, Session, build, render};

use crate::harness::SiteTest;

/// A small deterministic generator (splitmix64), so a failing sequence can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A page the test writes itself, so its front matter can be edited field by field.
#[derive(Clone)]
struct Page {
    name: String,
    title: String,
    tags: Vec<&'static str>,
    date: u32,
    draft: bool,
    paragraphs: Vec<String>,
    /// Front matter that does not parse, until the next edit of this page.
    broken: bool,
}

impl Page {
    fn path(&self) -> PathBuf {
        PathBuf::from(format!("guide/{}.md", self.name))
    }

    fn text(&self) -> String {
        if self.broken {
            return format!("---\ntitle: [{}\n---\nBroken.\n", self.title);
        }
        format!(
            "---\ntitle: \"{}\"\ndate: 2026-01-{:02}\ntags: [{}]\ndraft: {}\n---\n{}\n",
            self.title,
            self.date,
            self.tags.join(", "),
            self.draft,
            self.paragraphs.join("\n\n")
        )
    }
}

struct Sequence {
    site: SiteTest,
    random: Random,
    pages: Vec<Page>,
    made: usize,
}

const TAGS: [&str; 4] = ["Django", "Basics", "Deploy", "Testing"];

impl Sequence {
    fn content(&self) -> PathBuf {
        self.site.root().join("content")
    }

    fn write_page(&self, page: &Page) -> PathBuf {
        let path = page.path();
        fs::write(self.content().join(&path), page.text()).expect("write page");
        path
    }

    fn new_page(&mut self) -> Page {
        self.made += 1;
        let n = self.made;
        Page {
            name: format!("page-{n}"),
            title: format!("Page number {n}"),
            tags: vec![TAGS[n % TAGS.len()]],
            date: (n % 28 + 1) as u32,
            draft: false,
            paragraphs: vec![format!("Opening words of page {n}.")],
            broken: false,
        }
    }

    /// A paragraph that links to another page (sometimes to an anchor, sometimes to a file
    /// that does not exist, which breaks the build until the paragraph is replaced).
    fn paragraph(&mut self) -> String {
        let word = self.random.next() % 1000;
        match self.random.below(6) {
            0 => "[A link to the first steps](first.md#install).".to_string(),
            1 => "[A broken link](no-such-page.md).".to_string(),
            2 => "## A heading\n\n```python\nprint('hello')\n```".to_string(),
            3 => {
                let target = self.random.pick(&self.pages).name.clone();
                format!("[See {target}]({target}.md) for word {word}.")
            }
            _ => format!("Words and more words, number {word}."),
        }
    }

    /// Makes one random edit and returns what a watcher would have reported.
    fn edit(&mut self) -> (String, Changes) {
        let mut changes = Changes::default();
        let root = self.site.root().to_path_buf();
        let choice = self.random.below(15);
        let i = self.random.below(self.pages.len());
        let what = match choice {
            0..=3 => {
                let p = self.paragraph();
                self.pages[i].paragraphs.push(p);
                self.pages[i].broken = false;
                "append a paragraph"
            }
            4 => {
                let p = self.paragraph();
                self.pages[i].paragraphs[0] = p;
                self.pages[i].broken = false;
                "replace the opening paragraph"
            }
            5 => {
                self.pages[i].title = format!("Retitled {}", self.random.next() % 100);
                self.pages[i].broken = false;
                "retitle"
            }
            6 => {
                let tag = *self.random.pick(&TAGS);
                self.pages[i].tags = vec![tag];
                self.pages[i].draft = !self.pages[i].draft;
                self.pages[i].broken = false;
                "change tags and draft"
            }
            7 => {
                self.pages[i].broken = true;
                "break the front matter"
            }
            8 => {
                let page = self.new_page();
                changes.content.insert(self.write_page(&page));
                self.pages.push(page);
                return ("add a page".into(), changes);
            }
            9 if self.pages.len() > 2 => {
                let page = self.pages.remove(i);
                fs::remove_file(self.content().join(page.path())).expect("remove");
                changes.content.insert(page.path());
                return ("delete a page".into(), changes);
            }
            10 => {
                let old = self.pages[i].path();
                self.made += 1;
                self.pages[i].name = format!("renamed-{}", self.made);
                let new = self.pages[i].path();
                fs::rename(self.content().join(&old), self.content().join(&new)).expect("mv");
                changes.content.extend([old, new]);
                return ("rename a page".into(), changes);
            }
            11 => {
                let template = root.join("templates/article.html");
                let theme = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/default/templates/article.html");
                let text = fs::read_to_string(theme).expect("theme template");
                let marker = format!("<!-- edit {} -->", self.random.next() % 1000);
                fs::create_dir_all(template.parent().expect("folder")).expect("mkdir");
                fs::write(template, format!("{marker}\n{text}")).expect("write");
                changes.theme = true;
                return ("edit a template".into(), changes);
            }
            12 => {
                let css = format!("p {{ margin: {}px; }}\n", self.random.next() % 50);
                fs::create_dir_all(root.join("static")).expect("mkdir");
                fs::write(root.join("static/extra.css"), css).expect("write");
                changes.theme = true;
                return ("edit a static file".into(), changes);
            }
            13 => {
                let svg = format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title></svg>\n",
                    self.random.next()
                );
                let asset = PathBuf::from("guide/diagram.svg");
                fs::write(self.content().join(&asset), svg).expect("write");
                changes.content.insert(asset);
                return ("edit an asset".into(), changes);
            }
            _ => {
                let section = PathBuf::from("guide/_index.md");
                let words = self.random.next() % 1000;
                let text =
                    format!("---\ntitle: The guide\nsort_by: date\n---\nSection words {words}.\n");
                fs::write(self.content().join(&section), text).expect("write");
                changes.content.insert(section);
                return ("edit a section".into(), changes);
            }
        };
        changes.content.insert(self.write_page(&self.pages[i]));
        (format!("{what} of {}", self.pages[i].name), changes)
    }
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                found.insert(rel, fs::read(&path).expect("read"));
            }
        }
    }
    found
}

fn shown(diagnostics: &[Diagnostic]) -> String {
    render(diagnostics, Format::Human, false)
}

fn options(root: &Path, output: PathBuf) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(output),
        include_drafts: true,
        ..BuildOptions::default()
    }
}

fn assert_same_trees(
    step: &str,
    session: &BTreeMap<String, Vec<u8>>,
    clean: &BTreeMap<String, Vec<u8>>,
) {
    let only_session: Vec<_> = session.keys().filter(|k| !clean.contains_key(*k)).collect();
    let only_clean: Vec<_> = clean.keys().filter(|k| !session.contains_key(*k)).collect();
    assert!(
        only_session.is_empty() && only_clean.is_empty(),
        "{step}: files only in the session's output {only_session:?}, only in the clean build's {only_clean:?}"
    );
    for (path, bytes) in session {
        assert!(
            clean[path] == *bytes,
            "{step}: {path} differs from a clean build:\n--- session\n{}\n--- clean\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&clean[path])
        );
    }
}

fn run_sequence(seed: u64, steps: usize) {
    let site = SiteTest::fixture("site/mixed");
    // Tags of a few pages each, so edits move pages between tag listing pages and add or
    // remove later ones.
    let config = site.root().join("folio.toml");
    let text = fs::read_to_string(&config).expect("folio.toml");
    fs::write(&config, format!("{text}\n[tags]\npaginate_by = 2\n")).expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    let mut sequence = Sequence {
        site,
        random: Random(seed),
        pages: Vec::new(),
        made: 0,
    };
    for _ in 0..3 {
        let page = sequence.new_page();
        sequence.write_page(&page);
        sequence.pages.push(page);
    }
    let root = sequence.site.root().to_path_buf();
    let mut session_options = options(&root, out.path().join("session"));
    session_options.highlight_cache = Some(BlockCache::default());
    let mut session = Session::new(session_options);
    let mut last_good: Option<BTreeMap<String, Vec<u8>>> = None;
    let mut history = Vec::new();
    let mut written_early = 0;
    for step in 0..=steps {
        let changes = if step == 0 {
            history.push("first build".to_string());
            Changes::default()
        } else {
            let (what, changes) = sequence.edit();
            history.push(what);
            changes
        };
        let label = format!("seed {seed}, step {step} (after: {})", history.join("; "));
        let clean_dir = out.path().join(format!("clean-{step}"));
        let clean = build(&options(&root, clean_dir.clone()));
        // Odd seeds play a browser with a page open: rebuilds of every page write it first.
        let open = if seed % 2 == 1 {
            vec!["/guide/first/".to_string()]
        } else {
            Vec::new()
        };
        let mut early = |urls: &[String]| {
            assert_eq!(urls, ["/guide/first/"]);
            written_early += 1;
        };
        let incremental = session.rebuild_open_first(&changes, &open, &mut early);
        let session_files = files(&out.path().join("session"));
        match (incremental, clean) {
            (Ok(inc), Ok(clean)) => {
                assert_eq!(shown(&inc.warnings), shown(&clean.warnings), "{label}");
                assert_eq!(inc.summary.files, clean.summary.files, "{label}");
                let clean_files = files(&clean_dir);
                assert_same_trees(&label, &session_files, &clean_files);
                last_good = Some(clean_files);
            }
            (Err(inc), Err(clean)) => {
                assert_eq!(shown(&inc), shown(&clean), "{label}");
                let previous = last_good.clone().unwrap_or_default();
                assert_same_trees(&format!("{label}, failed"), &session_files, &previous);
            }
            (inc, clean) => panic!(
                "{label}: the session {} but a clean build {}",
                if inc.is_ok() { "succeeded" } else { "failed" },
                match clean {
                    Ok(_) => "succeeded".to_string(),
                    Err(d) => format!("failed:\n{}", shown(&d)),
                }
            ),
        }
        fs::remove_dir_all(&clean_dir).ok();
    }
    if seed % 2 == 1 {
        assert!(
            written_early > 0,
            "seed {seed}: the open page was never written first"
        );
    }
}

#[test]
fn random_edit_sequences_match_clean_builds() {
    for seed in [1, 2, 3, 4] {
        run_sequence(seed, 30);
    }
}

#[test]
fn a_page_written_first_is_put_back_when_the_rest_fails() {
    let site = SiteTest::fixture("site/mixed");
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("session");
    let mut session = Session::new(options(site.root(), output.clone()));
    session.rebuild(&Changes::default()).expect("first build");
    let before = files(&output);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    fs::create_dir_all(site.root().join("templates")).expect("mkdir");
    for (name, extra) in [
        ("article.html", "<!-- a new article template -->"),
        ("question.html", "{{ no_such_variable }}"),
    ] {
        let text = fs::read_to_string(theme.join(name)).expect("theme template");
        let edited = text.replacen("</article>", &format!("{extra}</article>"), 1);
        fs::write(site.root().join("templates").join(name), edited).expect("write");
    }
    let changes = Changes {
        theme: true,
        ..Changes::default()
    };
    let mut early = Vec::new();
    let open = ["/guide/first/".to_string()];
    let failed = session.rebuild_open_first(&changes, &open, &mut |urls| {
        early.push(urls.to_vec());
        let page = fs::read_to_string(output.join("guide/first/index.html")).expect("page");
        assert!(page.contains("a new article template"), "written first");
    });
    let Err(errors) = failed else {
        panic!("question pages cannot render");
    };
    assert!(
        shown(&errors).contains("no_such_variable"),
        "{}",
        shown(&errors)
    );
    assert_eq!(early, [open.to_vec()]);
    assert_same_trees("after the failed rebuild", &files(&output), &before);
}
