//! Where a URL in the output came from, so a report points at something an author can edit:
//! the content line that wrote it (matched by the URL the build made of it), or else the
//! template that rendered the page, as the build recorded it (and the template line, when the
//! URL is written there literally).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::build::Files;
use crate::diagnostic::{LineIndex, Position};
use crate::render::Made;

use super::content::{ContentLink, decoded};

/// The place a URL was written: a content line or a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Origin {
    pub path: PathBuf,
    pub position: Position,
    pub source_line: Option<String>,
    /// The template whose output held the URL (`None` for content).
    pub template: Option<String>,
}

/// The build's record of what wrote each output file, the content links, and the site's
/// template sources.
pub(super) struct Origins<'a> {
    files: &'a Files,
    /// Content links by the URL the build wrote for them.
    content: HashMap<String, Vec<&'a ContentLink>>,
    /// Template files as shown (`templates/base.html`) with their text.
    templates: Vec<(PathBuf, String)>,
    theme: String,
    root: PathBuf,
}

impl<'a> Origins<'a> {
    pub(super) fn new(
        files: &'a Files,
        links: &'a [ContentLink],
        root: &Path,
        theme: &str,
    ) -> Self {
        let mut content: HashMap<String, Vec<&ContentLink>> = HashMap::new();
        for link in links {
            content.entry(link.href.clone()).or_default().push(link);
            // External URLs are checked without their fragment.
            let without_fragment = link.href.split_once('#').map(|(url, _)| url);
            if let Some(url) = without_fragment.filter(|_| link.href.starts_with("http")) {
                content.entry(url.to_string()).or_default().push(link);
            }
        }
        Origins {
            files,
            content,
            templates: read_templates(root, theme),
            theme: theme.to_string(),
            root: root.to_path_buf(),
        }
    }

    /// What wrote `output`, when the build rendered it (rather than copied it).
    fn made(&self, output: &str) -> Option<&Made> {
        self.files.get(output)?.as_ref()
    }

    /// Where `url`, found on `output`, was written. Several places when content wrote it
    /// more than once.
    pub(super) fn of(&self, url: &str, output: &str) -> Vec<Origin> {
        let from_content = |link: &&ContentLink| Origin {
            path: link.path.clone(),
            position: link.position,
            source_line: Some(link.source_line.clone()),
            template: None,
        };
        if let Some(links) = self.content.get(&decoded(url)) {
            let own: Vec<Origin> = links
                .iter()
                .filter(|l| l.page == output)
                .map(from_content)
                .collect();
            if !own.is_empty() {
                return own;
            }
            // Listings, tags and feeds show content written on other pages (summaries).
            if self.made(output).is_some_and(|made| !made.content_page) {
                return links.iter().map(from_content).collect();
            }
        }
        vec![self.template_origin(self.literal(url), output)]
    }

    /// The template line of `literal` (a template, its text and an offset in it), or else the
    /// template that rendered `output`.
    fn template_origin(&self, literal: Option<(&PathBuf, &str, usize)>, output: &str) -> Origin {
        let template = self.made(output).and_then(|made| made.template.clone());
        if let Some((path, text, offset)) = literal {
            let position = LineIndex::new(text).position(offset);
            return Origin {
                path: path.clone(),
                position,
                source_line: text.lines().nth(position.line - 1).map(str::to_string),
                template,
            };
        }
        let path = match &template {
            Some(name) => self.template_path(name),
            None => PathBuf::from(output),
        };
        Origin {
            path,
            position: Position::FILE,
            source_line: None,
            template,
        }
    }

    /// Where the element with `id`, repeated on `output`, was written: the template line that
    /// writes `id="…"` literally, or else the page's template.
    pub(super) fn of_id(&self, id: &str, output: &str) -> Origin {
        let needle = format!("id=\"{id}\"");
        let literal = self
            .templates
            .iter()
            .find_map(|(path, text)| text.find(&needle).map(|i| (path, text.as_str(), i)));
        self.template_origin(literal, output)
    }

    /// The first template that writes `url` literally (in an `href="..."` or `src="..."`).
    fn literal(&self, url: &str) -> Option<(&PathBuf, &str, usize)> {
        self.templates.iter().find_map(|(path, text)| {
            ["\"", "'"].iter().find_map(|quote| {
                let needle = format!("{quote}{url}{quote}");
                text.find(&needle)
                    .map(|i| (path, text.as_str(), i + quote.len()))
            })
        })
    }

    /// The template file as shown: the site's override, its theme's, or the built-in one.
    fn template_path(&self, name: &str) -> PathBuf {
        let site = Path::new("templates").join(name);
        if self.root.join(&site).is_file() {
            return site;
        }
        let theme = Path::new("themes")
            .join(&self.theme)
            .join("templates")
            .join(name);
        if self.root.join(&theme).is_file() {
            return theme;
        }
        Path::new("(built-in theme)/templates").join(name)
    }
}

/// The text of every template file of the site and its theme, as shown to the user.
fn read_templates(root: &Path, theme: &str) -> Vec<(PathBuf, String)> {
    let mut templates = Vec::new();
    let theme_dir = Path::new("themes").join(theme).join("templates");
    for dir in [Path::new("templates"), theme_dir.as_path()] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let Ok(rel) = entry.path().strip_prefix(root) else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                templates.push((rel.to_path_buf(), text));
            }
        }
    }
    templates
}
