//! `folio.toml`: the site's configuration. Unknown keys are errors that name the key and
//! suggest the closest known one; syntax errors are positioned.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, LineIndex, Position, Source, unknown_name_help};

pub(crate) const CONFIG_FILE: &str = "folio.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub feed: FeedConfig,
    #[serde(default)]
    pub highlight: HighlightConfig,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub tags: TagsConfig,
    #[serde(default)]
    pub content: ContentConfig,
    #[serde(default)]
    pub search: SearchConfig,
    /// The languages besides `language`, each with its pages in `content/CODE/`.
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, LanguageConfig>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Where each key was written, so a problem found after parsing (an unknown theme) points
    /// at its line.
    #[serde(skip)]
    keys: KeyPlaces,
}

/// The place of each `key = value` line of folio.toml, by `key` or `table.key`, with the line.
#[derive(Debug, Clone, Default)]
struct KeyPlaces(HashMap<String, (Position, String)>);

impl KeyPlaces {
    fn of(text: &str) -> KeyPlaces {
        let mut places = HashMap::new();
        let mut table = String::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.split(']').next()) {
                table = name.trim().to_string();
                let col = line.chars().count() - trimmed.chars().count() + 1;
                let place = (Position::new(i + 1, col), line.to_string());
                places.entry(table.clone()).or_insert(place);
                continue;
            }
            let Some((key, _)) = trimmed.split_once('=') else {
                continue;
            };
            let key = key.trim().trim_matches('"');
            let full = if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            };
            let col = line.chars().count() - trimmed.chars().count() + 1;
            let place = (Position::new(i + 1, col), line.to_string());
            places.entry(full).or_insert(place);
        }
        KeyPlaces(places)
    }
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "author",
    "feed",
    "highlight",
    "check",
    "tags",
    "content",
    "search",
    "languages",
    "extra",
];

/// `[languages.CODE]`: a language of the site besides the default one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language (default: the site's).
    pub title: Option<String>,
    pub description: Option<String>,
    /// Where its pages are published, below the base URL (default: the code, `ru` -> `/ru/`).
    pub path: Option<String>,
    /// The language's name in the language switcher (default: its own name for it, `Русский`).
    pub name: Option<String>,
}

const LANGUAGE_KEYS: &[&str] = &["title", "description", "path", "name"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// How many entries each Atom feed holds, newest first.
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
}

const FEED_KEYS: &[&str] = &["limit"];

/// `[highlight]`: syntax highlighting of code blocks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighlightConfig {
    #[serde(default = "enabled")]
    pub enable: bool,
    /// Theme for the light color scheme (see `folio highlight --list`).
    #[serde(default = "default_light_theme")]
    pub light_theme: String,
    #[serde(default = "default_dark_theme")]
    pub dark_theme: String,
    /// A folder of `.sublime-syntax` files, relative to the site, added to the built-in grammars.
    pub extra_syntaxes: Option<std::path::PathBuf>,
    /// A folder of `.tmTheme` files, relative to the site.
    pub extra_themes: Option<std::path::PathBuf>,
    /// Code blocks in unknown languages are errors instead of warnings.
    #[serde(default)]
    pub strict: bool,
}

const HIGHLIGHT_KEYS: &[&str] = &[
    "enable",
    "light_theme",
    "dark_theme",
    "extra_syntaxes",
    "extra_themes",
    "strict",
];

/// `[check]`: what `folio check --external` skips, and how long it trusts a link that worked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Hosts (`example.com`, also its subdomains) or URL patterns (`https://x.org/private/*`)
    /// that are never fetched.
    #[serde(default)]
    pub skip_external: Vec<String>,
    /// Days a link that answered successfully is not fetched again (0: no cache).
    #[serde(default = "default_cache_days")]
    pub cache_days: u32,
}

const CHECK_KEYS: &[&str] = &["skip_external", "cache_days"];

/// `[tags]`: the pages of each tag (`/tags/NAME/`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagsConfig {
    /// Pages per listing page of a tag, as a section's `paginate_by`; 0 lists them all on one.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
}

const TAGS_KEYS: &[&str] = &["paginate_by"];

/// `[content]`: who is trusted to write what, and how headings get their ids.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentConfig {
    #[serde(default)]
    pub sanitize: Sanitize,
    /// `"ascii"` (transliterated, the default) or `"unicode"` (as GitHub makes them).
    #[serde(default)]
    pub heading_ids: crate::slug::HeadingIds,
}

const CONTENT_KEYS: &[&str] = &["sanitize", "heading_ids"];

/// `[search]`: the site's own search index and the box that reads it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// On by default: a guide's readers search before they browse.
    #[serde(default = "enabled")]
    pub enable: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enable: true }
    }
}

const SEARCH_KEYS: &[&str] = &["enable"];

/// Whose markdown goes through the sanitizer: thread posts only (the site's authors write the
/// articles and may use raw HTML, as in Zola), or everything, for sites whose articles also
/// come from outside contributors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sanitize {
    #[default]
    Posts,
    All,
}

impl Default for TagsConfig {
    fn default() -> Self {
        TagsConfig {
            paginate_by: default_paginate_by(),
        }
    }
}

/// The same default as a section's, for the same reasons (see `DEFAULT_PAGINATE_BY`).
fn default_paginate_by() -> usize {
    crate::document::DEFAULT_PAGINATE_BY
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            skip_external: Vec::new(),
            cache_days: default_cache_days(),
        }
    }
}

fn default_cache_days() -> u32 {
    7
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig {
            enable: true,
            light_theme: default_light_theme(),
            dark_theme: default_dark_theme(),
            extra_syntaxes: None,
            extra_themes: None,
            strict: false,
        }
    }
}

fn enabled() -> bool {
    true
}

/// Coldark was designed for WCAG AA contrast in both schemes, and its backgrounds sit well with
/// the default theme.
fn default_light_theme() -> String {
    "Coldark-Cold".into()
}

fn default_dark_theme() -> String {
    "Coldark-Dark".into()
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            limit: default_feed_limit(),
        }
    }
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_feed_limit() -> usize {
    20
}

impl Config {
    /// Parses the text of `folio.toml`; `path` is only used in diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let source = Source::new(path, text);
        let mut config: Config = toml::from_str(text).map_err(|err| describe(&source, &err))?;
        config.keys = KeyPlaces::of(text);
        config.validated(&source)
    }

    /// `d` (about folio.toml) placed at the line of `key` (`theme`, `highlight.light_theme`),
    /// when the file sets it.
    pub(crate) fn at_key(&self, key: &str, mut d: Diagnostic) -> Diagnostic {
        if let Some((position, line)) = self.keys.0.get(key) {
            d.position = *position;
            d.source_line = Some(line.clone());
        }
        d
    }

    /// The folders folio.toml names (`[highlight]` `extra_syntaxes` and `extra_themes`) made
    /// absolute and canonical as far as they exist, or an error at the key of one that lies
    /// outside the site's folder `root` (through `..`, an absolute path or a symbolic link): a
    /// folio.toml from elsewhere must not make a build read, or watch, the whole disk.
    pub(crate) fn resolve_folders(mut self, root: &Path) -> Result<Config, Diagnostic> {
        let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let syntaxes = self.highlight.extra_syntaxes.take();
        let syntaxes = syntaxes.map(|w| self.confined(&site, "extra_syntaxes", &w));
        self.highlight.extra_syntaxes = syntaxes.transpose()?;
        let themes = self.highlight.extra_themes.take();
        let themes = themes.map(|w| self.confined(&site, "extra_themes", &w));
        self.highlight.extra_themes = themes.transpose()?;
        Ok(self)
    }

    /// The folder `written` at `[highlight]` `key`, resolved inside the canonical `site`.
    fn confined(
        &self,
        site: &Path,
        key: &str,
        written: &Path,
    ) -> Result<std::path::PathBuf, Diagnostic> {
        let resolved = canonical(&site.join(written));
        if resolved.starts_with(site) {
            return Ok(resolved);
        }
        let example = written.file_name().map_or_else(
            || key.replace("extra_", ""),
            |n| n.to_string_lossy().into_owned(),
        );
        let d = Diagnostic::error(
            CONFIG_FILE,
            Position::FILE,
            format!("{key} `{}` is outside the site's folder", written.display()),
        )
        .with_code("F0605")
        .with_help(format!(
            "folders named in {CONFIG_FILE} are read from inside the site: move it there, e.g. `{key} = \"{example}\"`"
        ));
        Err(self.at_key(&format!("highlight.{key}"), d))
    }

    /// The same config with `base_url` replaced (the `--base-url` option), checked the same way.
    pub fn with_base_url(mut self, url: &str) -> Result<Config, Diagnostic> {
        self.base_url = url.to_string();
        self.validated(&Source::new(Path::new("--base-url"), ""))
    }

    fn validated(mut self, source: &Source) -> Result<Config, Diagnostic> {
        let base_url_line = key_position(source.text, "base_url");
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(source
                .error(
                    base_url_line,
                    format!("base_url `{}` is not an http(s) URL", self.base_url),
                )
                .with_code("F0604")
                .with_help(
                    "write the address the site is published at, e.g. `https://example.org/guide/`",
                ));
        }
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        self.check_languages(source)?;
        Ok(self)
    }

    /// Each `[languages.CODE]`: a language tag other than the default, published at a path of
    /// plain folder names.
    fn check_languages(&self, source: &Source) -> Result<(), Diagnostic> {
        if !is_language_tag(&self.language) {
            let d = source
                .error(
                    key_position(source.text, "language"),
                    format!("`{}` is not a language tag", self.language),
                )
                .with_code("F0606")
                .with_help("write a BCP 47 language tag such as `en`, `pt-BR` or `zh-Hans`");
            return Err(self.at_key("language", d));
        }
        for (code, language) in &self.languages {
            let table = format!("languages.{code}");
            let error = |message: String, help: String| {
                let d = Diagnostic::error(CONFIG_FILE, Position::FILE, message)
                    .with_code("F0606")
                    .with_help(help);
                self.at_key(&table, d)
            };
            if !is_language_tag(code) {
                let dashed = code.replace('_', "-");
                let help = match is_language_tag(&dashed) {
                    true => format!("language tags join their parts with `-`: `[languages.{dashed}]`"),
                    false => "name the table by a BCP 47 language tag such as `[languages.ru]` or `[languages.pt-BR]`".into(),
                };
                return Err(error(
                    format!("`[{table}]`: `{code}` is not a language tag"),
                    help,
                ));
            }
            if code.eq_ignore_ascii_case(&self.language) {
                return Err(error(
                    format!("`[{table}]` is the site's default language (`language = \"{}\"`)", self.language),
                    "the default language's pages are those of `content/` and its title is `title`: remove this table".into(),
                ));
            }
            if let Some(path) = &language.path
                && url_path(path).is_none()
            {
                let d = Diagnostic::error(
                    CONFIG_FILE,
                    Position::FILE,
                    format!("`path = \"{path}\"` of `[{table}]` is not a path on the site"),
                )
                .with_code("F0606")
                .with_help(format!(
                    "write folder names joined by `/`, e.g. `path = \"{}\"`",
                    code.to_lowercase()
                ));
                return Err(self.at_key(&format!("{table}.path"), d));
            }
        }
        Ok(())
    }

    /// The path part of base_url: `/` or `/guide/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".into(),
        }
    }
}

/// Whether `tag` has the shape of a BCP 47 language tag: a primary subtag of 2-3 (or 5-8)
/// letters, then subtags of 1-8 letters or digits (`en`, `pt-BR`, `zh-Hant-TW`, `sr-Latn`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or("");
    let primary_ok =
        matches!(primary.len(), 2..=3 | 5..=8) && primary.chars().all(|c| c.is_ascii_alphabetic());
    primary_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A `path` of folio.toml (`ru`, `/docs/ru/`) as a site-relative URL path (`docs/ru/`), or
/// `None` when it is not plain folder names.
pub(crate) fn url_path(written: &str) -> Option<String> {
    let trimmed = written.trim_matches('/');
    if trimmed.is_empty() {
        return None;
    }
    let mut path = String::new();
    for part in trimmed.split('/') {
        let plain = part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if part.is_empty() || !plain {
            return None;
        }
        path.push_str(part);
        path.push('/');
    }
    Some(path)
}

/// `path` with its nearest existing ancestor canonicalized and `..` in the rest taken lexically,
/// so a folder that does not exist yet is judged by where it would be.
fn canonical(path: &Path) -> std::path::PathBuf {
    for ancestor in path.ancestors() {
        if let Ok(real) = std::fs::canonicalize(ancestor) {
            let rest = path.strip_prefix(ancestor).unwrap_or(Path::new(""));
            let mut resolved = real;
            for part in rest.components() {
                match part {
                    std::path::Component::ParentDir => {
                        resolved.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => resolved.push(other),
                }
            }
            return resolved;
        }
    }
    path.to_path_buf()
}

fn key_position(text: &str, key: &str) -> Position {
    text.lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains('='))
        .map_or(Position::FILE, |i| Position::line(i + 1))
}

/// The `[table]` header in force at a 1-based line, if any.
fn table_at(text: &str, line: usize) -> Option<&str> {
    text.lines()
        .take(line)
        .filter_map(|l| l.trim().strip_prefix('[')?.strip_suffix(']'))
        .last()
        .map(str::trim)
}

fn describe(source: &Source, err: &toml::de::Error) -> Diagnostic {
    let position = err.span().map_or(Position::FILE, |span| {
        LineIndex::new(source.text).position(span.start)
    });
    let message = err.message().trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        let known = match table_at(source.text, position.line) {
            Some("feed") => FEED_KEYS,
            Some("highlight") => HIGHLIGHT_KEYS,
            Some("check") => CHECK_KEYS,
            Some("tags") => TAGS_KEYS,
            Some("content") => CONTENT_KEYS,
            Some("search") => SEARCH_KEYS,
            Some(t) if t.starts_with("languages.") => LANGUAGE_KEYS,
            _ => CONFIG_KEYS,
        };
        return source
            .error(position, format!("unknown key `{key}` in {CONFIG_FILE}"))
            .with_code("F0601")
            .with_help(unknown_name_help(key, known));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        // Every required key is top-level, so it goes at the top, before any `[table]`.
        let example = match key {
            "base_url" => "https://example.org/",
            "title" => "My site",
            _ => "...",
        };
        return source
            .error(
                Position::new(1, 1),
                format!("{CONFIG_FILE} has no `{key}`"),
            )
            .with_code("F0602")
            .with_help(format!(
                "add a line `{key} = \"{example}\"` at the top of {CONFIG_FILE}, before any `[table]`"
            ));
    }
    source
        .error(position, format!("invalid {CONFIG_FILE}: {message}"))
        .with_code("F0603")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_have_the_bcp47_shape() {
        for ok in ["en", "ru", "pt-BR", "zh-Hant-TW", "sr-Latn", "ast"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "englishlanguage",
            "ru_RU",
            "r1",
            "en-",
            "-en",
            "ru/",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn paths_are_plain_folder_names() {
        assert_eq!(url_path("ru").as_deref(), Some("ru/"));
        assert_eq!(url_path("/docs/ru/").as_deref(), Some("docs/ru/"));
        for bad in ["", "/", "a//b", "../x", "Ru", "ру", "a b"] {
            assert_eq!(url_path(bad), None, "{bad}");
        }
    }

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("folio.toml"), text).map_err(|d| d.to_string())
    }

    #[test]
    fn parses_a_minimal_config_with_defaults() {
        let c = parse("title = \"G\"\nbase_url = \"https://example.org/guide\"\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/guide/");
        assert_eq!(c.base_path(), "/guide/");
        assert_eq!(c.theme, "default");
        assert_eq!(c.feed.limit, 20);
    }

    #[test]
    fn keys_are_placed_by_table() {
        let c = parse("title = \"G\"\nbase_url = \"https://e.org/\"\ntheme = \"t\"\n[highlight]\n  light_theme = \"x\"\n").unwrap();
        let d = |key: &str| {
            c.at_key(key, Diagnostic::error(CONFIG_FILE, Position::FILE, "x"))
                .position
        };
        assert_eq!(d("theme"), Position::new(3, 1));
        assert_eq!(d("highlight.light_theme"), Position::new(5, 3));
        assert_eq!(d("light_theme"), Position::FILE, "only under its table");
        assert_eq!(d("highlight.dark_theme"), Position::FILE, "not in the file");
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let err =
            parse("title = \"G\"\nbase_url = \"https://e.org/\"\nthem = \"x\"\n").unwrap_err();
        assert_eq!(
            err,
            "folio.toml:3:1: error[F0601]: unknown key `them` in folio.toml\n  |\n3 | them = \"x\"\n  | ^\n  = help: did you mean `theme`?"
        );
    }

    #[test]
    fn unknown_key_in_a_table_suggests_from_that_table() {
        let err =
            parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[feed]\nlimt = 3\n").unwrap_err();
        assert!(err.ends_with("did you mean `limit`?"), "{err}");
    }

    #[test]
    fn check_table_has_defaults_and_checked_keys() {
        let c = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n").unwrap();
        assert_eq!(c.check.cache_days, 7);
        assert!(c.check.skip_external.is_empty());
        let c = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[check]\nskip_external = [\"x.org\"]\ncache_days = 0\n").unwrap();
        assert_eq!(c.check.skip_external, ["x.org"]);
        assert_eq!(c.check.cache_days, 0);
        let err = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[check]\nskip = []\n")
            .unwrap_err();
        assert!(err.ends_with("did you mean `skip_external`?"), "{err}");
    }

    #[test]
    fn highlight_table_has_defaults_and_checked_keys() {
        let c = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n").unwrap();
        assert!(c.highlight.enable);
        assert_eq!(c.highlight.light_theme, "Coldark-Cold");
        let err =
            parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[highlight]\ndark = \"x\"\n")
                .unwrap_err();
        assert!(err.ends_with("did you mean `dark_theme`?"), "{err}");
    }

    #[test]
    fn tags_table_has_defaults_and_checked_keys() {
        let c = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n").unwrap();
        assert_eq!(c.tags.paginate_by, 100);
        let c = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[tags]\npaginate_by = 0\n")
            .unwrap();
        assert_eq!(c.tags.paginate_by, 0);
        let err = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[tags]\npaginate = 5\n")
            .unwrap_err();
        assert!(err.ends_with("did you mean `paginate_by`?"), "{err}");
        let err = parse("title = \"G\"\nbase_url = \"https://e.org/\"\n[tags]\npaginate_by = -1\n")
            .unwrap_err();
        assert!(
            err.starts_with("folio.toml:4:15: error[F0603]: invalid folio.toml"),
            "{err}"
        );
    }

    #[test]
    fn syntax_errors_are_positioned() {
        let err = parse("title = \"G\nbase_url = 1\n").unwrap_err();
        assert!(err.starts_with("folio.toml:1:"), "{err}");
        assert!(err.contains("error[F0603]: invalid folio.toml"), "{err}");
    }

    #[test]
    fn base_url_must_be_absolute() {
        let err = parse("title = \"G\"\nbase_url = \"/guide/\"\n").unwrap_err();
        assert!(
            err.starts_with(
                "folio.toml:2:1: error[F0604]: base_url `/guide/` is not an http(s) URL"
            ),
            "{err}"
        );
    }

    #[test]
    fn highlight_folders_resolve_inside_the_site_or_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("grammars")).unwrap();
        std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), site.join("linked")).unwrap();
        let with = |folder: &str| {
            let text = format!(
                "title = \"G\"\nbase_url = \"https://e.org/\"\n[highlight]\nextra_themes = \"{folder}\"\n"
            );
            let config = Config::parse(Path::new(CONFIG_FILE), &text).unwrap();
            config
                .resolve_folders(&site)
                .map(|c| c.highlight.extra_themes)
        };
        let real = std::fs::canonicalize(&site).unwrap();
        assert_eq!(with("grammars").unwrap(), Some(real.join("grammars")));
        assert_eq!(
            with("not-yet/../themes").unwrap(),
            Some(real.join("themes")),
            "a folder that does not exist yet is judged by where it would be"
        );
        for outside in [
            "linked",
            "linked/x",
            "..",
            "grammars/../../elsewhere",
            "/tmp",
        ] {
            let d = with(outside).unwrap_err();
            assert_eq!(
                (d.code, d.position),
                ("F0605", Position::new(4, 1)),
                "{outside}"
            );
        }
    }

    #[test]
    fn missing_title_is_reported() {
        let err = parse("base_url = \"https://e.org/\"\n").unwrap_err();
        assert!(
            err.starts_with("folio.toml:1:1: error[F0602]: folio.toml has no `title`"),
            "{err}"
        );
    }
}
