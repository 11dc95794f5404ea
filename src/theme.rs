//! The theme: tera templates and static files. The default theme is embedded in the binary so a
//! site without a `themes/` folder builds; a site's own `themes/NAME/` replaces it and its
//! `templates/` folder overrides single templates. This is the one module that knows tera.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use std::error::Error;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Position, unknown_name_help};
use crate::escape;
use crate::i18n::Translations;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

const DEFAULT_THEME_NAME: &str = "default";

/// A file to copy to the output root: either bytes embedded in the binary or a file on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

pub struct Theme {
    pub tera: Tera,
    /// The words of the templates and of folio's markup, in every language with a file.
    pub translations: Arc<Translations>,
    /// Output-relative path and where its bytes come from; the site's `static/` already merged in.
    pub static_files: Vec<(String, StaticFile)>,
    /// The ids the templates write literally (`id="main"`), which no heading may take.
    pub ids: Vec<String>,
}

/// The code of the error for a theme that does not exist (placed at the `theme` key by the build).
pub(crate) const UNKNOWN_THEME: &str = "F0501";

/// Where the theme comes from.
pub struct ThemeSource<'a> {
    pub site_root: &'a Path,
    pub name: &'a str,
    /// The site's default language, which pages fall back to for a word their own lacks.
    pub language: &'a str,
}

impl Theme {
    pub fn load(source: &ThemeSource) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = source.site_root.join("themes").join(source.name);
        let mut templates: Vec<(String, String, PathBuf)> = Vec::new();
        let mut static_files = Vec::new();
        let mut errors = Vec::new();
        if theme_dir.is_dir() {
            read_dir_files(&theme_dir.join("templates"), &mut |rel, path| {
                match std::fs::read_to_string(path) {
                    Ok(text) => templates.push((rel, text, path.to_path_buf())),
                    Err(e) => errors.push(io_error(path, e)),
                }
            });
            read_dir_files(&theme_dir.join("static"), &mut |rel, path| {
                static_files.push((rel, StaticFile::Disk(path.to_path_buf())))
            });
        } else if source.name == DEFAULT_THEME_NAME {
            embedded_files(&DEFAULT_THEME, "templates", &mut |rel, bytes| {
                templates.push((
                    rel.clone(),
                    String::from_utf8_lossy(bytes).into_owned(),
                    PathBuf::from("(built-in theme)/templates").join(rel),
                ));
            });
            embedded_files(&DEFAULT_THEME, "static", &mut |rel, bytes| {
                static_files.push((rel, StaticFile::Embedded(bytes)))
            });
        } else {
            let available = available_themes(source.site_root);
            let names: Vec<&str> = available.iter().map(String::as_str).collect();
            return Err(vec![
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    Position::FILE,
                    format!("unknown theme `{}`", source.name),
                )
                .with_code(UNKNOWN_THEME)
                .with_help(unknown_name_help(source.name, &names)),
            ]);
        }
        read_dir_files(&source.site_root.join("templates"), &mut |rel, path| {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    templates.retain(|(name, _, _)| *name != rel);
                    templates.push((rel, text, path.to_path_buf()));
                }
                Err(e) => errors.push(io_error(path, e)),
            }
        });
        read_dir_files(&source.site_root.join("static"), &mut |rel, path| {
            static_files.retain(|(name, _)| *name != rel);
            static_files.push((rel, StaticFile::Disk(path.to_path_buf())));
        });
        let own_dir = theme_dir.is_dir().then_some(theme_dir.as_path());
        let (translations, translation_errors) =
            Translations::load(own_dir, source.site_root, source.language);
        errors.extend(translation_errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        static_files.sort_by(|a, b| a.0.cmp(&b.0));
        let tera = compile(&templates, source.site_root)?;
        let ids = literal_ids(templates.iter().map(|(_, text, _)| text.as_str()));
        Ok(Theme {
            tera,
            translations: Arc::new(translations),
            static_files,
            ids,
        })
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    pub fn template_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
        names.sort_unstable();
        names
    }

    pub fn static_bytes(&self, rel: &str) -> Option<Vec<u8>> {
        match &self.static_files.iter().find(|(name, _)| name == rel)?.1 {
            StaticFile::Embedded(bytes) => Some(bytes.to_vec()),
            StaticFile::Disk(path) => std::fs::read(path).ok(),
        }
    }
}

/// Every `id="…"` value written without a tera expression in it, sorted and once each.
fn literal_ids<'t>(texts: impl Iterator<Item = &'t str>) -> Vec<String> {
    let mut ids: Vec<String> = texts
        .flat_map(|text| text.split(" id=\"").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| !id.is_empty() && !id.contains(['{', '}', '%']))
        .map(str::to_string)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, Position::FILE, format!("cannot read: {e}")).with_code("F0902")
}

fn compile(
    templates: &[(String, String, PathBuf)],
    site_root: &Path,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // tera's default also escapes `/`, which makes every URL in the output hard to read.
    tera.set_escape_fn(escape::attr);
    let pairs: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    let Err(e) = tera.add_raw_templates(pairs) else {
        return Ok(tera);
    };
    // Parsing is most of a small site's start-up, so templates are parsed alone, for a syntax
    // error to name its own file, only once the whole set has failed.
    let errors: Vec<Diagnostic> = templates
        .iter()
        .filter_map(|(name, text, path)| {
            let e = tera::Template::new(name, None, text).err()?;
            Some(syntax_error(path, site_root, text, &e))
        })
        .collect();
    if errors.is_empty() {
        Err(vec![
            Diagnostic::error("templates", Position::FILE, error_chain(&e)).with_code("F0503"),
        ])
    } else {
        Err(errors)
    }
}

/// tera reports syntax errors as `--> LINE:COL` with a drawing and `= message`; this turns that
/// into a positioned diagnostic.
fn syntax_error(path: &Path, site_root: &Path, text: &str, e: &tera::Error) -> Diagnostic {
    let shown = path.strip_prefix(site_root).unwrap_or(path);
    let raw = e.source().map_or_else(|| e.to_string(), |s| s.to_string());
    let position = raw
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|lc| lc.split_once(':'))
        .and_then(|(l, c)| Some(Position::new(l.parse().ok()?, c.parse().ok()?)))
        .unwrap_or(Position::FILE);
    let message = raw
        .rsplit_once("= ")
        .map_or(raw.as_str(), |(_, m)| m)
        .trim();
    Diagnostic::error(shown, position, format!("template syntax error: {message}"))
        .with_code("F0502")
        .with_source(text)
}

/// tera nests the useful part of an error in its sources; this joins them into one message.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(inner) = source {
        parts.push(inner.to_string());
        source = inner.source();
    }
    parts.dedup();
    parts
        .join(": ")
        .replace('\n', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn available_themes(site_root: &Path) -> Vec<String> {
    let mut names = vec![DEFAULT_THEME_NAME.to_string()];
    if let Ok(entries) = std::fs::read_dir(site_root.join("themes")) {
        names.extend(
            entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    names.sort();
    names.dedup();
    names
}

/// Calls `f(relative path with '/', absolute path)` for each file below `dir`, in name order.
fn read_dir_files(dir: &Path, f: &mut dyn FnMut(String, &Path)) {
    if !dir.is_dir() {
        return;
    }
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !crate::discover::is_ignored_name(&e.file_name().to_string_lossy()) || e.depth() == 0
        });
    for entry in walker.flatten().filter(|e| e.file_type().is_file()) {
        if let Ok(rel) = entry.path().strip_prefix(dir) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            f(rel.join("/"), entry.path());
        }
    }
}

fn embedded_files(
    theme: &'static Dir<'static>,
    sub: &str,
    f: &mut dyn FnMut(String, &'static [u8]),
) {
    fn walk(dir: &'static Dir<'static>, base: &Path, f: &mut dyn FnMut(String, &'static [u8])) {
        for file in dir.files() {
            if let Ok(rel) = file.path().strip_prefix(base) {
                f(rel.to_string_lossy().replace('\\', "/"), file.contents());
            }
        }
        for child in dir.dirs() {
            walk(child, base, f);
        }
    }
    if let Some(dir) = theme.get_dir(sub) {
        walk(dir, Path::new(sub), f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_ids_skip_the_ones_tera_makes() {
        let ids = literal_ids(
            [
                "<main id=\"main\"><h2 id=\"toc-title\">",
                "<p id=\"{{ answer.id }}\"></p><li id=\"r-{{ n }}\"><b id=\"main\">",
            ]
            .into_iter(),
        );
        assert_eq!(ids, ["main", "toc-title"]);
    }

    #[test]
    fn embedded_theme_has_every_required_template() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(&ThemeSource {
            site_root: dir.path(),
            name: "default",
            language: "en",
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        for name in [
            "base.html",
            "index.html",
            "section.html",
            "article.html",
            "question.html",
            "tags.html",
            "tag.html",
            "404.html",
        ] {
            assert!(theme.has_template(name), "{name}");
        }
        assert!(theme.static_bytes("style.css").is_some());
    }

    #[test]
    fn unknown_theme_lists_the_available_ones() {
        let dir = tempfile::tempdir().unwrap();
        let err = Theme::load(&ThemeSource {
            site_root: dir.path(),
            name: "defualt",
            language: "en",
        })
        .err()
        .unwrap();
        assert_eq!(
            err[0].to_string(),
            "folio.toml: error[F0501]: unknown theme `defualt`\n  = help: did you mean `default`?"
        );
    }

    #[test]
    fn template_syntax_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/article.html"), "{% if %}").unwrap();
        let err = Theme::load(&ThemeSource {
            site_root: dir.path(),
            name: "default",
            language: "en",
        })
        .err()
        .unwrap();
        assert_eq!(
            err[0].to_string(),
            "templates/article.html:1:7: error[F0502]: template syntax error: expected a value that can be negated\n  |\n1 | {% if %}\n  |       ^"
        );
    }
}
