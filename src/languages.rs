//! The site's languages. The default one (`language` in folio.toml) owns `content/`; each other
//! one (`[languages.CODE]`) owns the folder `content/CODE/`, which mirrors the default tree: a
//! page there with the same path as one of `content/` is its translation. Each language is a
//! *tree* with its own home page, navigation, tags and feeds, published under its path (`ru/`).

use std::path::{Component, Path, PathBuf};

use crate::config::{Config, url_path};

/// Index of a language in `Languages::trees`; the default language is 0.
pub(crate) type TreeId = usize;

#[derive(Debug, Clone)]
pub struct Tree {
    /// The language tag as folio.toml writes it (`ru`, `pt-BR`).
    pub code: String,
    /// Site-relative URL path of its home page: `` for the default language, `ru/`.
    pub path: String,
    /// Its folder under `content/` (`ru`), `None` for the default language.
    pub dir: Option<PathBuf>,
    pub title: String,
    pub description: String,
    /// What the language switcher calls it: its own name for itself.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Languages {
    /// The default language first, then the others by code.
    pub trees: Vec<Tree>,
}

impl Default for Languages {
    /// An English site with no other language (what an index is before the first build).
    fn default() -> Self {
        Languages {
            trees: vec![Tree {
                code: "en".into(),
                path: String::new(),
                dir: None,
                title: String::new(),
                description: String::new(),
                name: own_name("en"),
            }],
        }
    }
}

impl Languages {
    pub fn of(config: &Config) -> Languages {
        let default = Tree {
            code: config.language.clone(),
            path: String::new(),
            dir: None,
            title: config.title.clone(),
            description: config.description.clone(),
            name: own_name(&config.language),
        };
        let others = config.languages.iter().map(|(code, language)| Tree {
            code: code.clone(),
            path: language
                .path
                .as_deref()
                .and_then(url_path)
                .unwrap_or_else(|| format!("{}/", code.to_lowercase())),
            dir: Some(PathBuf::from(code)),
            title: language
                .title
                .clone()
                .unwrap_or_else(|| config.title.clone()),
            description: language
                .description
                .clone()
                .unwrap_or_else(|| config.description.clone()),
            name: language.name.clone().unwrap_or_else(|| own_name(code)),
        });
        Languages {
            trees: std::iter::once(default).chain(others).collect(),
        }
    }

    /// Whether the site has more than its default language.
    pub fn is_multilingual(&self) -> bool {
        self.trees.len() > 1
    }

    /// The tree a content-relative path (a folder or a file) belongs to.
    pub fn tree_of(&self, path: &Path) -> TreeId {
        let Some(Component::Normal(first)) = path.components().next() else {
            return 0;
        };
        self.trees
            .iter()
            .position(|t| t.dir.as_deref().is_some_and(|d| d.as_os_str() == first))
            .unwrap_or(0)
    }

    /// Whether `dir` is the folder of a language other than the default.
    pub fn is_root(&self, dir: &Path) -> bool {
        self.trees.iter().any(|t| t.dir.as_deref() == Some(dir))
    }

    /// `path` (content-relative) without its tree's folder: what its translations share.
    pub fn key<'p>(&self, path: &'p Path) -> &'p Path {
        let tree = &self.trees[self.tree_of(path)];
        match &tree.dir {
            Some(dir) => path.strip_prefix(dir).unwrap_or(path),
            None => path,
        }
    }

    /// The same content-relative path in another tree.
    pub fn in_tree(&self, key: &Path, tree: TreeId) -> PathBuf {
        match &self.trees[tree].dir {
            Some(dir) => dir.join(key),
            None => key.to_path_buf(),
        }
    }
}

/// The language's name for itself, for the languages a guide is most often written in; the
/// tag itself for the others (folio.toml's `name` sets it).
fn own_name(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let name = match primary.as_str() {
        "ar" => "العربية",
        "bg" => "Български",
        "bn" => "বাংলা",
        "ca" => "Català",
        "cs" => "Čeština",
        "da" => "Dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "Español",
        "et" => "Eesti",
        "fa" => "فارسی",
        "fi" => "Suomi",
        "fr" => "Français",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "hr" => "Hrvatski",
        "hu" => "Magyar",
        "id" => "Bahasa Indonesia",
        "it" => "Italiano",
        "ja" => "日本語",
        "kk" => "Қазақ тілі",
        "ko" => "한국어",
        "lt" => "Lietuvių",
        "lv" => "Latviešu",
        "nb" | "no" => "Norsk",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "pt" => "Português",
        "ro" => "Română",
        "ru" => "Русский",
        "sk" => "Slovenčina",
        "sl" => "Slovenščina",
        "sr" => "Српски",
        "sv" => "Svenska",
        "th" => "ไทย",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ur" => "اردو",
        "uz" => "Oʻzbekcha",
        "vi" => "Tiếng Việt",
        "zh" => "中文",
        _ => return tag.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_belongs_to_the_tree_of_its_first_folder() {
        let toml =
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[languages.ru]\n[languages.pt-BR]\n";
        let config = Config::parse(Path::new("folio.toml"), toml).unwrap();
        let languages = Languages::of(&config);
        let codes: Vec<&str> = languages.trees.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["en", "pt-BR", "ru"]);
        assert_eq!(languages.trees[1].path, "pt-br/");
        assert_eq!(languages.trees[2].name, "Русский");
        assert_eq!(languages.tree_of(Path::new("ru/qa/x.md")), 2);
        assert_eq!(languages.tree_of(Path::new("rus/x.md")), 0);
        assert_eq!(languages.tree_of(Path::new("")), 0);
        assert_eq!(languages.key(Path::new("ru/qa/x.md")), Path::new("qa/x.md"));
        assert_eq!(languages.key(Path::new("qa/x.md")), Path::new("qa/x.md"));
        assert_eq!(
            languages.in_tree(Path::new("qa/x.md"), 2),
            Path::new("ru/qa/x.md")
        );
        assert!(languages.is_root(Path::new("ru")));
        assert!(!languages.is_root(Path::new("")));
    }
}
