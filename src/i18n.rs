//! The theme's words and the renderer's labels in the reader's language, from Project Fluent
//! files (`i18n/LANG.ftl`): the default theme's (embedded), then a theme's own, then the site's,
//! each message overriding the one before. A page's words come from its language, then the
//! language without its region (`pt-BR` -> `pt`), then the site's default language, then
//! English; plural forms follow CLDR through Fluent's selectors.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::Entry;
use include_dir::{Dir, include_dir};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, LineIndex};

mod labels;
mod locales;
mod numbers;
mod template;

pub use labels::Labels;
pub use locales::Locales;
pub(crate) use template::Translate;

static DEFAULT_FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default/i18n");

/// The folder of translation files, in a theme and at a site's root.
pub(crate) const I18N_DIR: &str = "i18n";

/// The language every message exists in: the default theme's `en.ftl` has them all.
const LAST_RESORT: &str = "en";

const SYNTAX_ERROR: &str = "F0506";

/// One language's messages: the bundle, and which of them were written where.
struct Language {
    bundle: FluentBundle<FluentResource>,
    /// Each message id with the file that gave it (the last one to write it).
    ids: BTreeMap<String, PathBuf>,
}

/// Every language some translation file is written for.
pub struct Translations {
    languages: HashMap<String, Language>,
    /// The site's default language, the fallback after a page's own.
    default: String,
}

impl Translations {
    /// The default theme's files, a theme folder's (`theme_dir/i18n`, when the site has one) and
    /// the site's own (`site_root/i18n`), with every syntax error found in them.
    pub fn load(
        theme_dir: Option<&Path>,
        site_root: &Path,
        default: &str,
    ) -> (Translations, Vec<Diagnostic>) {
        let mut files = embedded_files();
        for dir in theme_dir.into_iter().chain([site_root]) {
            files.extend(disk_files(&dir.join(I18N_DIR), site_root));
        }
        let mut errors = Vec::new();
        let mut languages: HashMap<String, Language> = HashMap::new();
        for (code, shown, text) in files {
            let resource = parse(&shown, text, &mut errors);
            let language = languages
                .entry(code.clone())
                .or_insert_with(|| Language::new(&code));
            language.add(resource, &shown);
        }
        let translations = Translations {
            languages,
            default: default.to_ascii_lowercase(),
        };
        (translations, errors)
    }

    /// The default theme's files alone (for builds whose theme failed to load).
    pub fn built_in() -> Translations {
        Translations::load(None, Path::new("/nonexistent"), LAST_RESORT).0
    }

    /// The languages a page in `lang` takes its words from, in order.
    fn chain(&self, lang: &str) -> Vec<&Language> {
        let lang = lang.to_ascii_lowercase();
        let primary = lang.split('-').next().unwrap_or("").to_string();
        let mut codes = vec![lang, primary, self.default.clone(), LAST_RESORT.to_string()];
        codes.dedup();
        let mut seen = Vec::new();
        for code in codes {
            if let Some(language) = self.languages.get(&code)
                && !seen.iter().any(|l: &&Language| std::ptr::eq(*l, language))
            {
                seen.push(language);
            }
        }
        seen
    }

    /// The language whose words a page in `lang` shows: its own when there is a file for it
    /// (or for its primary language), else the first fallback that has one.
    pub fn ui_language(&self, lang: &str) -> String {
        let lang = lang.to_ascii_lowercase();
        let primary = lang.split('-').next().unwrap_or("");
        if self.languages.contains_key(&lang) || self.languages.contains_key(primary) {
            return lang;
        }
        [&self.default, LAST_RESORT]
            .into_iter()
            .find(|code| self.languages.contains_key(*code))
            .map_or_else(|| LAST_RESORT.to_string(), |c| c.to_string())
    }

    /// Message `id` in language `lang` (or its fallbacks) with `args`, or `None` when no file
    /// has it.
    pub fn text(&self, lang: &str, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        self.chain(lang)
            .into_iter()
            .find_map(|language| language.format(id, args))
    }

    /// The messages of the default language (of en.ftl, when it is not the site's) that
    /// language `lang` has no file giving, and the file `lang`'s messages come from; `None`
    /// when it has no file at all.
    pub fn missing(&self, lang: &str) -> Option<(Vec<String>, Vec<PathBuf>)> {
        let language = self.languages.get(&lang.to_ascii_lowercase())?;
        let reference = self
            .languages
            .get(&self.default)
            .or_else(|| self.languages.get(LAST_RESORT))?;
        let missing = (reference.ids.keys())
            .filter(|id| !language.ids.contains_key(*id))
            .cloned()
            .collect();
        let mut files: Vec<PathBuf> = language.ids.values().cloned().collect();
        files.sort();
        files.dedup();
        Some((missing, files))
    }

    /// The words of language `lang` for folio's own markup in content.
    pub fn labels(&self, lang: &str) -> Labels {
        Labels::of(|id, args| self.text(lang, id, args).unwrap_or_default())
    }

    /// Every message of `lang`'s chain that takes no arguments, formatted: most of a template's
    /// words, looked up once per language instead of once per use.
    fn plain_messages(&self, lang: &str) -> HashMap<String, String> {
        let mut plain = HashMap::new();
        for language in self.chain(lang).into_iter().rev() {
            for id in language.ids.keys() {
                if let Some(text) = language.format_plain(id) {
                    plain.insert(id.clone(), text);
                }
            }
        }
        plain
    }
}

impl Language {
    fn new(code: &str) -> Language {
        let id: LanguageIdentifier = code.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // The marks Fluent puts around each placeable (U+2068, U+2069) keep a name in another
        // script from reordering a sentence; folio's placeables are numbers and names inside an
        // element whose `lang` and `dir` are set, and the marks show up in `<title>` and feeds.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(numbers::formatter(code)));
        Language {
            bundle,
            ids: BTreeMap::new(),
        }
    }

    fn add(&mut self, resource: FluentResource, shown: &Path) {
        for entry in resource.entries() {
            if let Entry::Message(message) = entry {
                self.ids
                    .insert(message.id.name.to_string(), shown.to_path_buf());
            }
        }
        self.bundle.add_resource_overriding(resource);
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        Some(text.into_owned())
    }

    /// Message `id` formatted when it takes no arguments (a missing argument is an error).
    fn format_plain(&self, id: &str) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, None, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// The resource of `text`, with a diagnostic for each syntax error (Fluent keeps the rest).
fn parse(shown: &Path, text: String, errors: &mut Vec<Diagnostic>) -> FluentResource {
    match FluentResource::try_new(text) {
        Ok(resource) => resource,
        Err((resource, found)) => {
            let lines = LineIndex::new(resource.source());
            for error in found {
                let position = lines.position(error.pos.start);
                let line = resource
                    .source()
                    .lines()
                    .nth(position.line.saturating_sub(1));
                let mut d = Diagnostic::error(
                    shown,
                    position,
                    format!("translation file syntax error: {error}"),
                )
                .with_code(SYNTAX_ERROR)
                .with_help("a message is `id = text`, its lines after the first indented; see https://projectfluent.org/fluent/guide/");
                d.source_line = line.map(str::to_string);
                errors.push(d);
            }
            resource
        }
    }
}

/// The default theme's files: (language, shown path, text).
fn embedded_files() -> Vec<(String, PathBuf, String)> {
    let mut files: Vec<_> = DEFAULT_FILES
        .files()
        .filter_map(|file| {
            let code = language_of(file.path())?;
            let shown = Path::new("(built-in theme)/i18n").join(file.path());
            Some((
                code,
                shown,
                String::from_utf8_lossy(file.contents()).into_owned(),
            ))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The `.ftl` files of `dir`, shown relative to the site.
fn disk_files(dir: &Path, site_root: &Path) -> Vec<(String, PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let code = language_of(&path)?;
            let text = std::fs::read_to_string(&path).ok()?;
            let shown = path.strip_prefix(site_root).unwrap_or(&path).to_path_buf();
            Some((code, shown, crate::document::normalize_text(&text)))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// `ru` for `ru.ftl`, lowercased; `None` for other files.
fn language_of(path: &Path) -> Option<String> {
    if path.extension()? != "ftl" {
        return None;
    }
    Some(path.file_stem()?.to_string_lossy().to_ascii_lowercase())
}

/// A number or a string as Fluent takes it.
pub(crate) fn fluent_value(value: &serde_json::Value) -> FluentValue<'static> {
    match value {
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(FluentValue::from)
            .or_else(|| n.as_f64().map(FluentValue::from))
            .unwrap_or(FluentValue::None),
        serde_json::Value::String(s) => FluentValue::from(s.clone()),
        other => FluentValue::from(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
