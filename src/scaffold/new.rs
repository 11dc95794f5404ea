//! `folio new article|question "Title"`: a draft page with its front matter filled in, in the
//! section asked for (or the guide's Q&A section for questions), never over an existing file.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::{CONTENT_DIR, ScaffoldError, shown_path, slashed, write_new, yaml_string};
use crate::config::CONFIG_FILE;
use crate::diagnostic::Source;
use crate::discover::{FOLDER_INDEX, SECTION_INDEX, is_ignored_name};
use crate::frontmatter::{Kind, SectionFrontMatter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NewKind {
    Article,
    Question,
}

#[derive(Debug, Clone)]
pub(crate) struct NewOptions {
    /// The guide's folder, holding `folio.toml` and `content/`.
    pub root: PathBuf,
    pub kind: NewKind,
    pub title: String,
    /// A folder inside `content/` (`guide`, `guide/advanced`). Articles default to `content/`
    /// itself, questions to the section whose `_index.md` says `kind: question`.
    pub section: Option<String>,
}

/// Writes a draft page and returns its path (under `options.root`).
pub(crate) fn new_page(options: &NewOptions) -> Result<PathBuf, ScaffoldError> {
    let root = &options.root;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ScaffoldError::NotASite(root.clone()));
    }
    let content = shown_path(&root.join(CONTENT_DIR));
    if !content.is_dir() {
        return Err(ScaffoldError::NotAFolder(content));
    }
    let title = one_line(&options.title);
    let slug = crate::slug::slugify(&title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(options.title.clone()));
    }
    let sections = sections(&content);
    let section = match (&options.section, options.kind) {
        (Some(name), _) => find_section(&content, name, &sections)?,
        (None, NewKind::Article) => PathBuf::new(),
        (None, NewKind::Question) => question_section(&content, &sections)?,
    };
    let dir = content.join(&section);
    for taken in [
        dir.join(format!("{slug}.md")),
        dir.join(&slug).join(FOLDER_INDEX),
    ] {
        if taken.exists() {
            return Err(ScaffoldError::PageExists(taken));
        }
    }
    let wanted = match options.kind {
        NewKind::Article => Kind::Article,
        NewKind::Question => Kind::Question,
    };
    let page = PageDraft {
        kind: options.kind,
        title: &title,
        date: &crate::date::Date::today().day(),
        explicit_kind: section_kind(&content, &section) != wanted,
    };
    let path = dir.join(format!("{slug}.md"));
    write_new(&path, &page.text())?;
    Ok(path)
}

/// Titles are one line: runs of whitespace, newlines included, become one space.
fn one_line(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every section folder of `content/` (`guide`, `guide/advanced`), sorted: folders that are not
/// hidden and are not a page folder (one holding `index.md`).
fn sections(content: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(content)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            let page_folder = e.file_type().is_dir() && e.path().join(FOLDER_INDEX).exists();
            !is_ignored_name(&e.file_name().to_string_lossy()) && !page_folder
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(content).ok()?;
            Some(slashed(rel))
        })
        .collect();
    names.sort();
    names
}

/// The folder of `--section NAME`, relative to `content/`. `content/guide/` is read as `guide`.
fn find_section(content: &Path, name: &str, known: &[String]) -> Result<PathBuf, ScaffoldError> {
    let trimmed = name.trim().trim_matches('/');
    let trimmed = match trimmed.strip_prefix("content/") {
        Some(rest) if !content.join(trimmed).is_dir() => rest,
        _ => trimmed,
    };
    let rel = PathBuf::from(trimmed);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(ScaffoldError::BadSectionName(name.to_string()));
    }
    if trimmed.is_empty() {
        return Ok(PathBuf::new());
    }
    if known.iter().any(|k| k == trimmed) {
        return Ok(rel);
    }
    Err(ScaffoldError::UnknownSection {
        name: trimmed.to_string(),
        content: content.to_path_buf(),
        known: known.to_vec(),
    })
}

/// Where questions go without `--section`: the one section whose `_index.md` says
/// `kind: question` (`qa` when several do), else a folder named `qa`.
fn question_section(content: &Path, known: &[String]) -> Result<PathBuf, ScaffoldError> {
    let declared: Vec<&String> = known
        .iter()
        .filter(|name| own_kind(&content.join(name)) == Some(Kind::Question))
        .collect();
    match declared.as_slice() {
        [one] => Ok(PathBuf::from(one)),
        [] if known.iter().any(|k| k == "qa") => Ok(PathBuf::from("qa")),
        [] => Err(ScaffoldError::NoQuestionSection(content.to_path_buf())),
        several if several.iter().any(|k| *k == "qa") => Ok(PathBuf::from("qa")),
        several => Err(ScaffoldError::SeveralQuestionSections(
            several.iter().map(|s| s.to_string()).collect(),
        )),
    }
}

/// The kind pages of `section` get when they name none: the nearest `_index.md` with `kind:`.
fn section_kind(content: &Path, section: &Path) -> Kind {
    section
        .ancestors()
        .find_map(|dir| own_kind(&content.join(dir)))
        .unwrap_or(Kind::Article)
}

/// `kind:` of a folder's `_index.md`. A file that does not parse counts as saying nothing: the
/// build reports it with its line.
fn own_kind(dir: &Path) -> Option<Kind> {
    let path = dir.join(SECTION_INDEX);
    let text = std::fs::read_to_string(&path).ok()?;
    let text = text.replace("\r\n", "\n");
    let source = Source::new(&path, &text);
    SectionFrontMatter::read(&source, &text).ok()?.kind
}

/// The text of a new page.
#[derive(Debug, Clone, Copy)]
struct PageDraft<'a> {
    kind: NewKind,
    title: &'a str,
    date: &'a str,
    /// Write `kind:` because the section's default kind is the other one.
    explicit_kind: bool,
}

impl PageDraft<'_> {
    fn text(&self) -> String {
        let mut text = String::from("---\n");
        writeln!(text, "title: {}", yaml_string(self.title)).ok();
        if self.explicit_kind {
            let kind = match self.kind {
                NewKind::Article => "article",
                NewKind::Question => "question",
            };
            writeln!(text, "kind: {kind}").ok();
        }
        writeln!(text, "date: {}", self.date).ok();
        text.push_str("draft: true\n");
        text.push_str("# description: One sentence for listings, search engines and feeds.\n");
        if self.kind == NewKind::Question {
            text.push_str("# author: your-name\n");
        }
        text.push_str("# tags: [one-tag, another]\n");
        text.push_str("---\n");
        text.push_str(match self.kind {
            NewKind::Article => ARTICLE_BODY,
            NewKind::Question => QUESTION_BODY,
        });
        text
    }
}

const ARTICLE_BODY: &str = "\
Write the article here. Its first paragraph is its summary in listings.

Remove `draft: true` above to publish it; `folio serve` shows drafts meanwhile.
";

const QUESTION_BODY: &str = "\
Describe the problem: what you tried, what happened, and what you expected.

Answers go below the question in this file. Each starts with a line `--- answer`, then
`author: name` (and `votes: 3`, `accepted: true` for the accepted one), then a line `---`.
Replies to an answer start with `--- reply` the same way. Remove `draft: true` to publish.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter;

    /// Reads a title back through the same YAML parser the build uses.
    fn round_trip(title: &str) -> String {
        let text = PageDraft {
            kind: NewKind::Article,
            title,
            date: "2026-03-02",
            explicit_kind: false,
        }
        .text();
        let path = Path::new("x.md");
        let source = Source::new(path, &text);
        let split = frontmatter::split(&source, &text).unwrap();
        let fragment = split.page_fragment();
        let fm: frontmatter::PageFrontMatter = frontmatter::parse(&source, &fragment).unwrap();
        assert!(fm.draft);
        assert_eq!(fm.date.as_deref(), Some("2026-03-02"));
        fm.title
    }

    #[test]
    fn titles_round_trip_through_yaml() {
        for title in [
            "He said: \"hi\"",
            "#1 tip",
            "yes",
            "null",
            "1.5",
            "Back\\slash",
            "'single' quotes",
            "a: b # c",
            "&anchor *alias !tag",
            "{braces} [brackets], commas",
            "% percent @ at ` backtick | pipe > gt",
            "Стоит ли учить Django в 2026?",
            "Tab\u{7}bell",
        ] {
            assert_eq!(round_trip(title), title);
        }
    }

    #[test]
    fn article_draft_text() {
        let text = PageDraft {
            kind: NewKind::Article,
            title: "Deploying: the hard parts",
            date: "2026-03-02",
            explicit_kind: false,
        }
        .text();
        assert!(text.starts_with(
            "---\ntitle: \"Deploying: the hard parts\"\ndate: 2026-03-02\ndraft: true\n"
        ));
    }

    #[test]
    fn question_draft_names_its_kind_only_when_needed() {
        let draft = |explicit_kind| {
            PageDraft {
                kind: NewKind::Question,
                title: "Why?",
                date: "2026-03-02",
                explicit_kind,
            }
            .text()
        };
        assert!(!draft(false).contains("kind:"));
        assert!(draft(true).starts_with("---\ntitle: Why?\nkind: question\n"));
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(one_line("  Two\n lines\tand  tabs "), "Two lines and tabs");
    }

    #[test]
    fn slugs_come_from_titles() {
        assert_eq!(crate::slug::slugify("He said: \"hi\""), "he-said-hi");
        assert_eq!(crate::slug::slugify("#1 tip"), "1-tip");
    }

    #[test]
    fn section_names_are_checked() {
        let known = vec!["guide".to_string(), "qa".to_string()];
        let content = Path::new("/nowhere/content");
        assert_eq!(
            find_section(content, "content/guide/", &known).unwrap(),
            Path::new("guide")
        );
        assert!(matches!(
            find_section(content, "../etc", &known),
            Err(ScaffoldError::BadSectionName(_))
        ));
        let error = find_section(content, "guid", &known).unwrap_err();
        assert_eq!(error.help().unwrap(), "did you mean `guide`?");
    }
}
