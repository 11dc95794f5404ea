//! `folio init` and `folio new`: starting a guide, and starting a page in one.
//!
//! `init` writes the starter site of `src/scaffold/starter/` (embedded in the binary) into a
//! folder, filling in the guide's title, today's date and folio's version. `new` writes a draft
//! article or question with its front matter filled in. Neither ever overwrites a file: a guide's
//! sources are the one thing folio must not lose.

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::CONFIG_FILE;
use crate::diagnostic::closest;
use crate::report::FailureKind;

mod new;
mod translation;

pub(crate) use new::{NewKind, NewOptions, new_page};
pub(crate) use translation::{TranslationOptions, new_translation};

/// The starter guide. Names starting with `dot_` are written with a leading `.` instead, so the
/// starter's `.gitignore` does not apply to folio's own repository.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/starter");

const CONTENT_DIR: &str = "content";
const GITIGNORE: &str = ".gitignore";
/// Lines `init` makes sure a `.gitignore` has, also when it keeps an existing one.
/// `.public.folio-spare/` keeps the tree a build replaced, for the next build to reuse.
const IGNORED: &[&str] = &["public/", ".folio-cache/", ".public.folio-spare/"];

#[derive(Debug, thiserror::Error)]
pub(crate) enum ScaffoldError {
    #[error("{} is not empty", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} already exists", .0.display())]
    AlreadyASite(PathBuf),
    #[error("{} already exists", .0.display())]
    PageExists(PathBuf),
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("no {CONFIG_FILE} in {}", .0.display())]
    NotASite(PathBuf),
    #[error("the title `{0}` has no letters or digits to make a file name from")]
    EmptySlug(String),
    #[error("there is no section `{name}` in {}", .content.display())]
    UnknownSection {
        name: String,
        content: PathBuf,
        known: Vec<String>,
    },
    #[error("`{0}` is not a section name")]
    BadSectionName(String),
    #[error("there is no Q&A section in {}", .0.display())]
    NoQuestionSection(PathBuf),
    #[error("there are several Q&A sections: {}", .0.join(", "))]
    SeveralQuestionSections(Vec<String>),
    #[error("the translation {} already exists", .0.display())]
    TranslationExists(PathBuf),
    #[error("there is no language `{code}` in {CONFIG_FILE}")]
    UnknownLanguage { code: String, known: Vec<String> },
    #[error("{} is not a page of content/", .0.display())]
    NotAPage(PathBuf),
    #[error("{} is itself in another language's folder", .0.display())]
    NotAnOriginal(PathBuf),
    #[error("{} does not load: {}", .0.display(), .1)]
    PageDoesNotLoad(PathBuf, String),
    #[error("{} has no translation to refresh at {}", .original.display(), .translation.display())]
    NoTranslation {
        translation: PathBuf,
        original: PathBuf,
        language: String,
    },
    #[error("{} has no YAML front matter between `---` lines", .0.display())]
    NoFrontMatter(PathBuf),
    #[error("{CONFIG_FILE}: {0}")]
    BadConfig(String),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ScaffoldError {
    /// A refusal to touch existing files, or else a bad argument or an I/O failure.
    pub(crate) fn kind(&self) -> FailureKind {
        match self {
            ScaffoldError::NotEmpty(_)
            | ScaffoldError::AlreadyASite(_)
            | ScaffoldError::PageExists(_)
            | ScaffoldError::TranslationExists(_) => FailureKind::Refused,
            _ => FailureKind::Usage,
        }
    }

    pub(crate) fn help(&self) -> Option<String> {
        Some(match self {
            ScaffoldError::NotEmpty(_) => "choose a new or empty folder, or pass --force to add \
                the starter files beside what is there (nothing is overwritten)"
                .into(),
            ScaffoldError::AlreadyASite(_) => {
                "this folder already holds a guide; start writing with `folio new article \"Title\"`"
                    .into()
            }
            ScaffoldError::PageExists(_) => {
                "choose another title, or edit the existing file; folio never overwrites a page"
                    .into()
            }
            ScaffoldError::NotASite(_) => {
                "run folio in a guide's folder, point to one with --root, or start one with `folio init`"
                    .into()
            }
            ScaffoldError::EmptySlug(_) => "give the page a title with letters or digits".into(),
            ScaffoldError::UnknownSection { name, known, .. } => section_help(name, known),
            ScaffoldError::BadSectionName(_) => {
                "name a folder inside content/, such as `guide` or `guide/advanced`".into()
            }
            ScaffoldError::NoQuestionSection(_) => "create `content/qa/_index.md` with \
                `kind: question` in its front matter, or pass --section"
                .into(),
            ScaffoldError::SeveralQuestionSections(_) => {
                "pass --section to choose one".into()
            }
            ScaffoldError::TranslationExists(_) => "edit it; once it matches the original, \
                `--refresh` records that (folio never overwrites a page)"
                .into(),
            ScaffoldError::UnknownLanguage { code, known } => language_help(code, known),
            ScaffoldError::NotAPage(_) => {
                "name the original's file or thread folder, e.g. `content/guide/install.md`".into()
            }
            ScaffoldError::NotAnOriginal(_) => {
                "name the page in the default language's tree (content/, outside the language folders)".into()
            }
            ScaffoldError::NoTranslation {
                original, language, ..
            } => format!(
                "start one with `folio new translation {} {language}`",
                slashed(original)
            ),
            ScaffoldError::NoFrontMatter(_) => {
                "start the file with `---`, its front matter, and `---`".into()
            }
            ScaffoldError::BadConfig(_) | ScaffoldError::PageDoesNotLoad(..) => {
                "`folio check` shows the problem with its place".into()
            }
            ScaffoldError::NotAFolder(_) | ScaffoldError::Io { .. } => return None,
        })
    }
}

fn language_help(code: &str, known: &[String]) -> String {
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    match closest(code, &names) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!(
            "add a table `[languages.{code}]` to {CONFIG_FILE}; its pages go in content/{code}/"
        ),
        None => format!(
            "the site's other languages are {}; add `[languages.{code}]` to {CONFIG_FILE} for a new one",
            names.join(", ")
        ),
    }
}

fn section_help(name: &str, known: &[String]) -> String {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    if let Some(near) = closest(name, &known) {
        return format!("did you mean `{near}`?");
    }
    if known.is_empty() {
        return "create the folder first; a folder inside content/ is a section".into();
    }
    format!(
        "the sections are {}; a new folder inside content/ makes a new one",
        known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

pub(super) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ScaffoldError + '_ {
    move |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    }
}

// ---------------------------------------------------------------------------------------------
// folio init

#[derive(Debug, Clone)]
pub(crate) struct InitOptions {
    /// The guide's folder; created when missing.
    pub dir: PathBuf,
    /// Write into a folder that is not empty (never overwriting a file).
    pub force: bool,
}

/// What `init` did, paths relative to the guide's folder, sorted.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct InitReport {
    pub created: Vec<PathBuf>,
    /// Starter files that were already there and were left as they were.
    pub kept: Vec<PathBuf>,
    /// An existing `.gitignore` that got the lines for folio's output appended.
    pub gitignore_extended: bool,
}

/// Values the starter's `%%NAME%%` placeholders are replaced with.
#[derive(Debug, Clone)]
pub(crate) struct StarterValues {
    pub title: String,
    pub today: String,
    pub version: String,
}

/// Writes the starter guide into `options.dir`.
///
/// A folder holding nothing but `.git` counts as empty. With `force`, a folder that is not empty
/// is accepted, but starter files that exist are kept, and a folder that already has a
/// `folio.toml` is refused: it is a guide already (Zola and Hugo refuse the same way).
pub(crate) fn init(options: &InitOptions) -> Result<InitReport, ScaffoldError> {
    let dir = &options.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(ScaffoldError::NotAFolder(dir.clone()));
    }
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    if dir.join(CONFIG_FILE).exists() {
        return Err(ScaffoldError::AlreadyASite(dir.join(CONFIG_FILE)));
    }
    if !options.force && !is_empty_folder(dir)? {
        return Err(ScaffoldError::NotEmpty(dir.clone()));
    }
    let values = StarterValues {
        title: title_for_folder(dir),
        today: crate::date::Date::today().day(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let mut report = InitReport::default();
    for (rel, text) in starter_files(&values) {
        let path = dir.join(&rel);
        if path.exists() {
            if rel == Path::new(GITIGNORE) {
                report.gitignore_extended = extend_gitignore(&path)?;
            }
            report.kept.push(rel);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        write_new(&path, &text)?;
        report.created.push(rel);
    }
    Ok(report)
}

fn is_empty_folder(dir: &Path) -> Result<bool, ScaffoldError> {
    let mut entries = std::fs::read_dir(dir).map_err(io_error(dir))?;
    Ok(entries.all(|entry| entry.is_ok_and(|e| e.file_name() == ".git")))
}

/// `my-django-guide` -> `My django guide`, from the folder's own name (`.` resolved).
fn title_for_folder(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_', '.'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "My guide".to_string(),
    }
}

/// Every starter file with its path in the new guide and its text, sorted by path.
fn starter_files(values: &StarterValues) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    collect_files(&STARTER, &mut files);
    let mut files: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|file| {
            let text = String::from_utf8_lossy(file.contents());
            (target_path(file.path()), fill_in(&text, values))
        })
        .collect();
    files.sort();
    files
}

fn collect_files<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    out.extend(dir.files());
    for sub in dir.dirs() {
        collect_files(sub, out);
    }
}

/// `dot_github/workflows/pages.yml` -> `.github/workflows/pages.yml`.
fn target_path(path: &Path) -> PathBuf {
    path.components()
        .map(|c| {
            let name = c.as_os_str().to_string_lossy();
            match name.strip_prefix("dot_") {
                Some(rest) => format!(".{rest}"),
                None => name.into_owned(),
            }
        })
        .collect()
}

fn fill_in(text: &str, values: &StarterValues) -> String {
    text.replace("%%TITLE_TOML%%", &quoted(&values.title))
        .replace("%%TITLE_YAML%%", &yaml_string(&values.title))
        .replace("%%TODAY%%", &values.today)
        .replace("%%FOLIO_VERSION%%", &values.version)
}

/// Appends the lines folio needs to an existing `.gitignore`, as `cargo init` does; true when
/// something was missing.
fn extend_gitignore(path: &Path) -> Result<bool, ScaffoldError> {
    let text = std::fs::read_to_string(path).map_err(io_error(path))?;
    let has = |line: &str| {
        let bare = line.trim_end_matches('/');
        text.lines()
            .map(|l| l.trim().trim_start_matches('/').trim_end_matches('/'))
            .any(|l| l == bare)
    };
    let missing: Vec<&str> = IGNORED.iter().copied().filter(|l| !has(l)).collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut addition = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        addition.push('\n');
    }
    addition.push_str("\n# folio's output and cache\n");
    for line in missing {
        addition.push_str(line);
        addition.push('\n');
    }
    let mut file = OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(io_error(path))?;
    file.write_all(addition.as_bytes())
        .map_err(io_error(path))?;
    Ok(true)
}

/// Creates `path` with `text`, failing if it appeared in the meantime.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::PageExists(path.to_path_buf()),
            _ => ScaffoldError::Io {
                path: path.to_path_buf(),
                source,
            },
        })?;
    file.write_all(text.as_bytes()).map_err(io_error(path))
}

/// A title as a YAML scalar: plain when that reads back as the same text, else double-quoted.
pub(crate) fn yaml_string(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A plain YAML scalar is safe when it starts with a letter, holds only letters, digits, spaces
/// and punctuation with no meaning to YAML (no `:`, `#`, quotes or brackets), and is not a word
/// YAML reads as a boolean or null.
fn is_plain_safe(text: &str) -> bool {
    const SPECIAL: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];
    text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,;?!'()-/&+".contains(c))
        && !SPECIAL.contains(&text.to_lowercase().as_str())
}

/// A double-quoted string, valid both in YAML and as a TOML basic string.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                write!(out, "\\u{:04X}", u32::from(c)).ok();
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// What init and new tell the user, as text for the command line to print.

/// What `init` did and what to do next, for `folio init` to print (without a last newline).
pub(crate) fn init_summary(dir: &Path, report: &InitReport) -> String {
    let mut out = String::new();
    let shown = shown_path(dir);
    writeln!(out, "Created a guide in {}:", shown.display()).ok();
    for path in &report.created {
        writeln!(out, "  {}", slashed(path)).ok();
    }
    if !report.kept.is_empty() {
        writeln!(out, "Kept as they were:").ok();
        for path in &report.kept {
            writeln!(out, "  {}", slashed(path)).ok();
        }
    }
    if report.gitignore_extended {
        writeln!(out, "Added folio's output folders to .gitignore").ok();
    }
    out.push_str("\nNext:\n  ");
    if shown != Path::new(".") {
        let shown = shown.display().to_string();
        let shown = if shown.contains(char::is_whitespace) {
            format!("\"{shown}\"")
        } else {
            shown
        };
        write!(out, "cd {shown} && ").ok();
    }
    out.push_str(NEXT_STEPS);
    out
}

const NEXT_STEPS: &str = "folio serve
and open http://127.0.0.1:1111/: pages reload as you save. Start pages with
  folio new article \"Title\" --section guide
  folio new question \"Title\"
To publish, push to GitHub and choose Settings > Pages > Source: GitHub Actions.";

/// A path as `folio new` prints it: `content/guide/x.md`, without `./`, with `/` separators.
pub(crate) fn shown(path: &Path) -> String {
    slashed(&shown_path(path))
}

/// `./content/x.md` -> `content/x.md`.
fn shown_path(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// A relative path with `/` separators on every platform, as the README writes them.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> StarterValues {
        StarterValues {
            title: "My \"best\" guide".into(),
            today: "2026-03-02".into(),
            version: "9.9.9".into(),
        }
    }

    #[test]
    fn starter_files_have_their_final_names() {
        let names: Vec<String> = starter_files(&values())
            .iter()
            .map(|(p, _)| slashed(p))
            .collect();
        assert_eq!(
            names,
            [
                ".github/workflows/pages.yml",
                ".gitignore",
                "content/_index.md",
                "content/guide/_index.md",
                "content/guide/writing-pages.md",
                "content/qa/_index.md",
                "content/qa/how-do-i-answer-a-question.md",
                "folio.toml",
            ]
        );
    }

    #[test]
    fn starter_placeholders_are_all_filled_in() {
        for (path, text) in starter_files(&values()) {
            assert!(
                !text.contains("%%"),
                "{} keeps a placeholder",
                path.display()
            );
        }
        let files = starter_files(&values());
        let text_of = |name: &str| {
            files
                .iter()
                .find(|(p, _)| slashed(p) == name)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        assert!(text_of("folio.toml").contains("title = \"My \\\"best\\\" guide\"\n"));
        assert!(text_of("content/_index.md").contains("title: \"My \\\"best\\\" guide\"\n"));
        assert!(text_of(".github/workflows/pages.yml").contains("FOLIO_VERSION: \"9.9.9\""));
        assert!(text_of("content/guide/writing-pages.md").contains("date: 2026-03-02\n"));
    }

    #[test]
    fn folder_names_become_titles() {
        let dir = tempfile::tempdir().unwrap();
        let guide = dir.path().join("my-django_guide");
        std::fs::create_dir(&guide).unwrap();
        assert_eq!(title_for_folder(&guide), "My django guide");
    }

    #[test]
    fn plain_titles_stay_plain() {
        assert_eq!(
            yaml_string("Is Django still a good choice in 2026?"),
            "Is Django still a good choice in 2026?"
        );
        assert_eq!(
            yaml_string("Стоит ли учить Django"),
            "Стоит ли учить Django"
        );
    }

    #[test]
    fn yaml_hostile_titles_are_quoted() {
        assert_eq!(yaml_string("He said: \"hi\""), r#""He said: \"hi\"""#);
        assert_eq!(yaml_string("#1 tip"), "\"#1 tip\"");
        assert_eq!(yaml_string("yes"), "\"yes\"");
        assert_eq!(yaml_string("2026"), "\"2026\"");
        assert_eq!(yaml_string("- list"), "\"- list\"");
        assert_eq!(yaml_string("C:\\path"), r#""C:\\path""#);
        assert_eq!(yaml_string("a [b]"), "\"a [b]\"");
    }

    #[test]
    fn gitignore_gets_only_missing_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".gitignore");
        std::fs::write(&path, "/public\ntarget/").unwrap();
        assert!(extend_gitignore(&path).unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "/public\ntarget/\n\n# folio's output and cache\n.folio-cache/\n.public.folio-spare/\n"
        );
        assert!(!extend_gitignore(&path).unwrap());
    }
}
