//! Loads source files into documents: front matter checked and typed, thread posts cut apart,
//! markdown bodies kept with the file line they start on. Each file is read once, in parallel.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::date::{Date, checked_date};
use crate::diagnostic::{Diagnostic, Position, Source};
use crate::discover::{ContentFiles, PageSource};
use crate::frontmatter::{
    self, Fragment, Kind, PageFrontMatter, Schema, SectionFrontMatter, SortBy,
};
use crate::thread::{self, AnswerFile, PostBody, ThreadPosts};

/// A section: a folder of `content/`, described by its `_index.md` when it has one.
/// Pages per listing page when `_index.md` does not say: a listing of thousands of entries is a
/// page of megabytes for readers, and one long serial task at the end of a build.
pub(crate) const DEFAULT_PAGINATE_BY: usize = 100;

/// Entries per listing page as authors write it (`paginate_by`), where 0 asks for one page
/// however long: `None`.
pub(crate) fn listing_size(paginate_by: usize) -> Option<usize> {
    Some(paginate_by).filter(|n| *n > 0)
}

#[derive(Debug, Clone)]
pub struct SectionDoc {
    /// Folder relative to `content/` (`""` for the home page).
    pub dir: PathBuf,
    /// `content/…/_index.md` as shown in diagnostics, when the file exists.
    pub index_path: Option<PathBuf>,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub default_kind: Option<Kind>,
    pub sort_by: SortBy,
    /// Pages per listing page; `None` lists them all on one.
    pub paginate_by: Option<usize>,
    pub template: Option<(String, Position)>,
    /// The language its `_index.md` sets for its pages and subsections.
    pub language: Option<String>,
    pub extra: serde_json::Value,
    pub body: PostBody,
}

/// A page's front matter, checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMeta {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub weight: i64,
    /// The `slug:` and where it is written.
    pub slug: Option<(String, Position)>,
    /// Each alias and where it is written (its item, else the `aliases:` key).
    pub aliases: Vec<(String, Position)>,
    pub template: Option<(String, Position)>,
    pub votes: i64,
    pub schema: Schema,
    /// The page's language when it differs from its section's (`ru`).
    pub language: Option<String>,
    /// On a translation, the original's `source_hash` it was translated from, and where it is
    /// written.
    pub original_hash: Option<(String, Position)>,
    /// Whether the page is in the search index (`search: false` leaves it out).
    pub search: bool,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub enum PageBody {
    Article(PostBody),
    Thread(ThreadPosts),
}

#[derive(Debug, Clone)]
pub struct PageDoc {
    /// The page's main file relative to `content/`.
    pub source: PathBuf,
    /// The same file as shown in diagnostics (`content/…`).
    pub shown_path: PathBuf,
    /// Whether the page is a folder (`…/index.md`): its URL comes from the folder's name.
    pub is_folder: bool,
    pub meta: PageMeta,
    pub body: PageBody,
    /// The hash of the text of every file of the page, which a translation records to know when
    /// its original changed (see `source_hash`).
    pub source_hash: u64,
}

impl PageDoc {
    /// `source_hash` as translations write it: 16 lowercase hex digits.
    pub fn content_hash(&self) -> String {
        format!("{:016x}", self.source_hash)
    }
    pub fn kind(&self) -> Kind {
        match self.body {
            PageBody::Article(_) => Kind::Article,
            PageBody::Thread(_) => Kind::Question,
        }
    }
}

#[derive(Debug, Default)]
pub struct Documents {
    pub sections: Vec<SectionDoc>,
    /// Shared, so a watch-mode rebuild reuses the pages that did not change.
    pub pages: Vec<Arc<PageDoc>>,
    /// Pages that could not be loaded; links to them are not reported again.
    pub failed: Vec<PathBuf>,
}

/// Where content lives on disk and how its paths are shown to the user.
#[derive(Debug, Clone)]
pub struct ContentRoot {
    pub dir: PathBuf,
    pub shown_as: PathBuf,
}

impl ContentRoot {
    fn read(&self, rel: &Path) -> Result<(PathBuf, String), Diagnostic> {
        let shown = self.shown_as.join(rel);
        read_source(&self.dir.join(rel), &shown).map(|text| (shown, text))
    }
}

/// Reads a text file; strips a UTF-8 BOM and turns CRLF into LF so positions are simple.
pub(crate) fn read_source(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(shown, Position::FILE, format!("cannot read the file: {e}"))
            .with_code("F0902")
    })?;
    let text =
        String::from_utf8(bytes).map_err(|e| not_utf8(shown, e.as_bytes(), e.utf8_error()))?;
    Ok(normalize_text(&text))
}

/// The text without a BOM and with every line ending as `\n`. A lone `\r` ends a line too: YAML
/// and CommonMark count it as one, so left in place it made positions point past the file's end.
pub fn normalize_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// The first byte that is not UTF-8, at its line and column (the text before it is valid), with
/// that line as far as it is valid.
fn not_utf8(shown: &Path, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..error.valid_up_to()];
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let before = String::from_utf8_lossy(&valid[line_start..]);
    let col = before.chars().count() + 1;
    let mut d = Diagnostic::error(
        shown,
        Position::new(line, col),
        format!(
            "the file is not valid UTF-8 (byte {} is not part of a UTF-8 character)",
            error.valid_up_to()
        ),
    )
    .with_code("F0204")
    .with_help("save the file as UTF-8");
    d.source_line = Some(before.trim_end_matches('\r').to_string());
    d
}

/// Loads every section and page. Problems are collected; documents with errors are left out.
pub fn load(
    root: &ContentRoot,
    files: &ContentFiles,
    site_title: &str,
) -> (Documents, Vec<Diagnostic>) {
    let (sections, mut diagnostics) = load_sections(root, files, site_title);
    let results: Vec<PageLoad> = files
        .pages
        .par_iter()
        .map(|page| load_page(root, page, default_kind(&sections, page.main_file())))
        .collect();
    let (pages, failed, page_diagnostics) = assemble(files.pages.iter().zip(results));
    diagnostics.extend(page_diagnostics);
    (
        Documents {
            sections,
            pages,
            failed,
        },
        diagnostics,
    )
}

/// What loading one page gave: the page, or every problem found in its files.
pub(crate) type PageLoad = Result<Arc<PageDoc>, Vec<Diagnostic>>;

/// Sorts page loads (in `files.pages` order) into the pages, the files that failed and the
/// problems found.
pub(crate) fn assemble<'a>(
    loads: impl Iterator<Item = (&'a PageSource, PageLoad)>,
) -> (Vec<Arc<PageDoc>>, Vec<PathBuf>, Vec<Diagnostic>) {
    let mut pages = Vec::new();
    let mut failed = Vec::new();
    let mut diagnostics = Vec::new();
    for (source, result) in loads {
        match result {
            Ok(page) => pages.push(page),
            Err(mut ds) => {
                diagnostics.append(&mut ds);
                failed.push(source.main_file().to_path_buf());
            }
        }
    }
    (pages, failed, diagnostics)
}

/// Every section of `files`, described by its `_index.md` or, without one, by its folder name.
pub(crate) fn load_sections(
    root: &ContentRoot,
    files: &ContentFiles,
    site_title: &str,
) -> (Vec<SectionDoc>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut indexes: BTreeMap<PathBuf, SectionDoc> = BTreeMap::new();
    for path in &files.section_indexes {
        match load_section(root, path) {
            Ok(section) => {
                indexes.insert(section.dir.clone(), section);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let sections = files
        .section_dirs
        .iter()
        .map(|dir| {
            indexes
                .remove(dir)
                .unwrap_or_else(|| implicit_section(dir, site_title))
        })
        .collect();
    (sections, diagnostics)
}

/// The kind a page has unless its front matter says otherwise: its nearest section's `kind`.
pub(crate) fn default_kind(sections: &[SectionDoc], page: &Path) -> Kind {
    page.ancestors()
        .skip(1)
        .find_map(|dir| {
            sections
                .iter()
                .find(|s| s.dir == dir)
                .and_then(|s| s.default_kind)
        })
        .unwrap_or(Kind::Article)
}

pub(crate) fn implicit_section(dir: &Path, site_title: &str) -> SectionDoc {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    SectionDoc {
        dir: dir.to_path_buf(),
        index_path: None,
        title: name.map_or_else(|| site_title.to_string(), |n| humanize(&n)),
        description: None,
        weight: 0,
        default_kind: None,
        sort_by: SortBy::Weight,
        paginate_by: Some(DEFAULT_PAGINATE_BY),
        template: None,
        language: None,
        extra: serde_json::Value::Null,
        body: PostBody {
            markdown: String::new(),
            first_line: 1,
        },
    }
}

/// `getting-started` -> `Getting started`.
fn humanize(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn load_section(root: &ContentRoot, rel: &Path) -> Result<SectionDoc, Diagnostic> {
    let (shown, text) = root.read(rel)?;
    let source = Source::new(&shown, &text);
    let split = frontmatter::split(&source, &text)?;
    let fragment = split.section_fragment();
    let fm: SectionFrontMatter = frontmatter::parse(&source, &fragment)?;
    Ok(SectionDoc {
        dir: rel.parent().unwrap_or(Path::new("")).to_path_buf(),
        index_path: Some(shown.clone()),
        title: fm.title,
        description: fm.description,
        weight: fm.weight.unwrap_or(0),
        default_kind: fm.kind,
        sort_by: fm.sort_by,
        paginate_by: listing_size(fm.paginate_by.unwrap_or(DEFAULT_PAGINATE_BY)),
        template: fm.template.map(|t| (t, fragment.key_position("template"))),
        language: fm.language,
        extra: fm.extra,
        body: PostBody {
            markdown: split.body.to_string(),
            first_line: split.body_line,
        },
    })
}

/// Loads one page (a file, or a thread folder with its answer files).
pub(crate) fn load_page(root: &ContentRoot, page: &PageSource, default_kind: Kind) -> PageLoad {
    let rel = page.main_file();
    let (shown, text) = root.read(rel).map_err(|d| vec![d])?;
    let source = Source::new(&shown, &text);
    let split = frontmatter::split(&source, &text).map_err(|d| vec![d])?;
    let fragment = split.page_fragment();
    let fm: PageFrontMatter = frontmatter::parse(&source, &fragment).map_err(|d| vec![d])?;
    let kind = fm.kind.unwrap_or(default_kind);
    let meta = page_meta(&source, &fragment, fm, kind).map_err(|d| vec![d])?;
    let mut hash = SourceHash::new();
    hash.add(rel, &text);
    let body = match (kind, page) {
        (Kind::Article, PageSource::File(_)) => PageBody::Article(PostBody {
            markdown: split.body.to_string(),
            first_line: split.body_line,
        }),
        (Kind::Article, PageSource::Folder { members, .. }) => {
            if let Some(member) = members.first() {
                return Err(vec![Diagnostic::error(root.shown_as.join(member), Position::FILE, "markdown file inside an article's folder")
                    .with_code("F0203")
                    .with_help("only a thread folder (kind: question) takes answer files; move this page out of the folder")]);
            }
            PageBody::Article(PostBody {
                markdown: split.body.to_string(),
                first_line: split.body_line,
            })
        }
        (Kind::Question, PageSource::File(_)) => {
            PageBody::Thread(thread::parse_thread(&source, split.body, split.body_line)?)
        }
        (Kind::Question, PageSource::Folder { members, .. }) => PageBody::Thread(
            load_folder_thread(root, &source, &split, members, &mut hash)?,
        ),
    };
    Ok(Arc::new(PageDoc {
        source: rel.to_path_buf(),
        shown_path: shown.clone(),
        is_folder: matches!(page, PageSource::Folder { .. }),
        meta,
        body,
        source_hash: hash.finish(),
    }))
}

/// What a page's `source_hash` is made of: each of its files' path in the page (so that renaming
/// an answer file counts) and text, in the order they are read. xxh3 is specified and stable
/// across platforms and versions, which a hash written into other files must be.
struct SourceHash(xxhash_rust::xxh3::Xxh3);

impl SourceHash {
    fn new() -> Self {
        SourceHash(xxhash_rust::xxh3::Xxh3::new())
    }

    fn add(&mut self, file: &Path, text: &str) {
        let name = file.file_name().map(|n| n.to_string_lossy());
        self.0.update(name.as_deref().unwrap_or("").as_bytes());
        self.0.update(&[0]);
        self.0.update(text.as_bytes());
        self.0.update(&[0]);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

fn load_folder_thread(
    root: &ContentRoot,
    question: &Source,
    split: &frontmatter::Split,
    members: &[PathBuf],
    hash: &mut SourceHash,
) -> Result<ThreadPosts, Vec<Diagnostic>> {
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for member in members {
        match root.read(member) {
            Ok(read) => {
                hash.add(member, &read.1);
                texts.push(read);
            }
            Err(d) => errors.push(d),
        }
    }
    let mut answer_files = Vec::new();
    for (shown, text) in &texts {
        let source = Source::new(shown, text);
        match frontmatter::split(&source, text) {
            Ok(s) => answer_files.push(AnswerFile {
                source,
                yaml: s.yaml,
                yaml_line: s.yaml_line,
                body: s.body,
                body_line: s.body_line,
            }),
            Err(d) => errors.push(d),
        }
    }
    let thread = thread::parse_thread_folder(question, split.body, split.body_line, &answer_files);
    match (thread, errors.is_empty()) {
        (Ok(thread), true) => Ok(thread),
        (Ok(_), false) => Err(errors),
        (Err(mut more), _) => {
            errors.append(&mut more);
            Err(errors)
        }
    }
}

fn page_meta(
    source: &Source,
    fragment: &Fragment,
    fm: PageFrontMatter,
    kind: Kind,
) -> Result<PageMeta, Diagnostic> {
    let date = checked_date(source, fragment, "date", fm.date.as_deref())?;
    let updated = checked_date(source, fragment, "updated", fm.updated.as_deref())?;
    if kind == Kind::Article && (fm.votes.is_some() || fm.schema.is_some()) {
        let key = if fm.votes.is_some() {
            "votes"
        } else {
            "schema"
        };
        return Err(source
            .error(
                fragment.key_position(key),
                format!("`{key}` is only for questions"),
            )
            .with_code("F0112")
            .with_help("add `kind: question` to make this page a Q&A thread, or remove the key"));
    }
    if let Some(slug) = fm
        .slug
        .as_deref()
        .filter(|s| !crate::slug::is_valid_slug(s))
    {
        return Err(source
            .error(
                fragment.key_position("slug"),
                format!("invalid slug `{slug}`"),
            )
            .with_code("F0110")
            .with_help(format!(
                "slugs use lowercase letters, digits, `-` and `_`, e.g. `{}`",
                crate::slug::slugify(slug)
            )));
    }
    if fm.title.trim().is_empty() {
        return Err(source
            .error(fragment.key_position("title"), "the title is empty")
            .with_code("F0111"));
    }
    let alias_key = fragment.key_position("aliases");
    let mut alias_items = fragment.item_positions("aliases");
    if alias_items.len() != fm.aliases.len() {
        // Written in a way the line scan does not follow: every alias is placed at the key.
        alias_items = vec![alias_key; fm.aliases.len()];
    }
    let mut authors: Vec<String> = fm.author.into_iter().collect();
    authors.extend(fm.authors);
    Ok(PageMeta {
        title: fm.title,
        description: fm.description,
        date,
        updated,
        authors,
        tags: fm.tags,
        draft: fm.draft,
        weight: fm.weight.unwrap_or(0),
        slug: fm.slug.map(|s| (s, fragment.key_position("slug"))),
        aliases: fm.aliases.into_iter().zip(alias_items).collect(),
        template: fm.template.map(|t| (t, fragment.key_position("template"))),
        votes: fm.votes.unwrap_or(0),
        schema: fm.schema.unwrap_or_default(),
        language: fm.language,
        original_hash: fm
            .original_hash
            .map(|h| (h, fragment.key_position("original_hash"))),
        search: fm.search.unwrap_or(true),
        extra: fm.extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanizes_folder_names() {
        assert_eq!(humanize("getting-started"), "Getting started");
        assert_eq!(humanize("qa"), "Qa");
    }

    #[test]
    fn reads_bom_and_crlf_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n").unwrap();
        let text = read_source(&path, Path::new("a.md")).unwrap();
        assert_eq!(text, "---\ntitle: A\n---\nBody\n");
    }

    /// Found by fuzzing: YAML took a lone `\r` as a line break and folio did not, so an error
    /// after one was placed at a line past the end of the file.
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\r\r\rtitle :A\n---\nBody\r\n").unwrap();
        let text = read_source(&path, Path::new("a.md")).unwrap();
        assert_eq!(text, "---\n\n\ntitle :A\n---\nBody\n");
        let source = Source::new(Path::new("a.md"), &text);
        let split = frontmatter::split(&source, &text).unwrap();
        let err = frontmatter::parse::<PageFrontMatter>(&source, &split.page_fragment());
        assert_eq!(err.unwrap_err().position.line, 4);
    }
}
