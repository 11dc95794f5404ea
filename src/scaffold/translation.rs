//! `folio new translation PAGE LANG`: a copy of a page (a thread folder with its answer files)
//! at the same path in the language's tree, for a translator to rewrite, with the original's
//! content hash in its front matter (`original_hash`). When the original changes, the hash no
//! longer matches and the translation says so; `--refresh` records the current hash once the
//! translation has caught up.

use std::path::{Path, PathBuf};

use super::{CONTENT_DIR, ScaffoldError, shown_path, write_new};
use crate::config::{CONFIG_FILE, Config};
use crate::discover::{PageSource, discover};
use crate::document::{ContentRoot, PageDoc, load_page, read_source};
use crate::frontmatter::Kind;
use crate::languages::Languages;

#[derive(Debug, Clone)]
pub(crate) struct TranslationOptions {
    /// The guide's folder, holding `folio.toml` and `content/`.
    pub root: PathBuf,
    /// The original: its file or thread folder, as the user names it (`content/guide/a.md`,
    /// `guide/a.md`, or relative to the working folder).
    pub page: PathBuf,
    pub language: String,
    /// Only record the original's current hash in an existing translation.
    pub refresh: bool,
}

/// The key every translation records its original's hash under.
const HASH_KEY: &str = "original_hash";

/// Writes the translation (or refreshes its hash) and returns its main file's path.
pub(crate) fn new_translation(options: &TranslationOptions) -> Result<PathBuf, ScaffoldError> {
    let root = &options.root;
    let config = read_config(root)?;
    let languages = Languages::of(&config);
    let tree = languages
        .trees
        .iter()
        .position(|t| t.code == options.language && t.dir.is_some())
        .ok_or_else(|| ScaffoldError::UnknownLanguage {
            code: options.language.clone(),
            known: languages
                .trees
                .iter()
                .skip(1)
                .map(|t| t.code.clone())
                .collect(),
        })?;
    let content = shown_path(&root.join(CONTENT_DIR));
    let (source, doc) = original(&content, &languages, &options.page)?;
    let hash = doc.content_hash();
    let target = content.join(languages.in_tree(source.main_file(), tree));
    if options.refresh {
        let text = read_source(&target, &target).map_err(|_| ScaffoldError::NoTranslation {
            translation: target.clone(),
            original: options.page.clone(),
            language: options.language.clone(),
        })?;
        let updated =
            with_hash(&text, &hash).ok_or(ScaffoldError::NoFrontMatter(target.clone()))?;
        std::fs::write(&target, updated).map_err(super::io_error(&target))?;
        return Ok(target);
    }
    copy_page(&content, &source, &languages, tree, &hash)?;
    Ok(target)
}

fn read_config(root: &Path) -> Result<Config, ScaffoldError> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|_| ScaffoldError::NotASite(root.into()))?;
    Config::parse(Path::new(CONFIG_FILE), &text).map_err(|d| ScaffoldError::BadConfig(d.message))
}

/// The page `named` of the default language, loaded as a build loads it (so its hash is the
/// build's).
fn original(
    content: &Path,
    languages: &Languages,
    named: &Path,
) -> Result<(PageSource, PageDoc), ScaffoldError> {
    let rel = content_relative(content, named);
    let (files, _) = discover(content, content);
    let found = files.pages.iter().find(|p| {
        let main = p.main_file();
        main == rel || matches!(p, PageSource::Folder { .. }) && main.parent() == Some(&rel)
    });
    let Some(source) = found else {
        return Err(ScaffoldError::NotAPage(named.to_path_buf()));
    };
    if languages.tree_of(source.main_file()) != 0 {
        return Err(ScaffoldError::NotAnOriginal(named.to_path_buf()));
    }
    let root = ContentRoot {
        dir: content.to_path_buf(),
        shown_as: content.to_path_buf(),
    };
    // The kind decides only how the body is cut; the hash is of the files whatever it is.
    let doc = load_page(&root, source, Kind::Article)
        .or_else(|_| load_page(&root, source, Kind::Question))
        .map_err(|errors| {
            let first = errors
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            ScaffoldError::PageDoesNotLoad(named.to_path_buf(), first)
        })?;
    Ok((source.clone(), (*doc).clone()))
}

/// `named` relative to `content/`: as given when it is, else with `content/` (or the working
/// folder's path to it) taken off.
fn content_relative(content: &Path, named: &Path) -> PathBuf {
    let named = named.strip_prefix(".").unwrap_or(named);
    let under = |base: &Path| named.strip_prefix(base).ok().map(Path::to_path_buf);
    let absolute = std::fs::canonicalize(named).ok();
    let content_abs = std::fs::canonicalize(content).ok();
    under(content)
        .or_else(|| under(Path::new(CONTENT_DIR)))
        .or_else(|| {
            let (a, c) = (absolute?, content_abs?);
            a.strip_prefix(c).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| named.to_path_buf())
}

/// Copies the page's files into `tree`, the main file with the hash in its front matter.
fn copy_page(
    content: &Path,
    source: &PageSource,
    languages: &Languages,
    tree: usize,
    hash: &str,
) -> Result<(), ScaffoldError> {
    let main = source.main_file();
    let members = match source {
        PageSource::File(_) => &[][..],
        PageSource::Folder { members, .. } => members.as_slice(),
    };
    let target = |rel: &Path| content.join(languages.in_tree(rel, tree));
    if target(main).exists() {
        return Err(ScaffoldError::TranslationExists(target(main)));
    }
    let text = read_source(&content.join(main), main)
        .map_err(|d| ScaffoldError::PageDoesNotLoad(main.into(), d.message))?;
    let main_text =
        with_hash(&text, hash).ok_or(ScaffoldError::NoFrontMatter(content.join(main)))?;
    let mut files = vec![(target(main), main_text)];
    for member in members {
        let text = read_source(&content.join(member), member)
            .map_err(|d| ScaffoldError::PageDoesNotLoad(member.clone(), d.message))?;
        files.push((target(member), text));
    }
    for (path, text) in &files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(super::io_error(dir))?;
        }
        write_new(path, text)?;
    }
    Ok(())
}

/// The page's text with `original_hash: HASH` in its front matter: the line replaced where it
/// is, else added as the front matter's last line. `None` without YAML front matter.
fn with_hash(text: &str, hash: &str) -> Option<String> {
    let line = format!("{HASH_KEY}: {hash}");
    let body_start = text.strip_prefix("---\n")?;
    let end = std::iter::once(0)
        .chain(body_start.match_indices('\n').map(|(i, _)| i + 1))
        .find(|&start| body_start[start..].starts_with("---"))?;
    let (yaml, rest) = body_start.split_at(end);
    let mut lines: Vec<String> = yaml.lines().map(str::to_string).collect();
    match lines
        .iter_mut()
        .find(|l| l.starts_with(&format!("{HASH_KEY}:")))
    {
        Some(existing) => *existing = line,
        None => lines.push(line),
    }
    Some(format!("---\n{}\n{rest}", lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::with_hash;

    #[test]
    fn the_hash_replaces_its_line_or_ends_the_front_matter() {
        let page = "---\ntitle: A\n---\nBody\n";
        assert_eq!(
            with_hash(page, "00ff").unwrap(),
            "---\ntitle: A\noriginal_hash: 00ff\n---\nBody\n"
        );
        let recorded = "---\ntitle: A\noriginal_hash: 1234\ntags: [x]\n---\nBody ---\n";
        assert_eq!(
            with_hash(recorded, "abcd").unwrap(),
            "---\ntitle: A\noriginal_hash: abcd\ntags: [x]\n---\nBody ---\n"
        );
        assert_eq!(with_hash("No front matter\n", "00"), None);
        assert_eq!(with_hash("---\ntitle: never closed\n", "00"), None);
    }
}
