//! The highlighting a build sets up from `[highlight]`: the highlighter with its caches and the
//! stylesheet of its themes, and the listing `folio highlight --list` prints.

use std::path::{Path, PathBuf};

use super::{BuildOptions, load_config};
use crate::cache::DiskCache;
use crate::config::{CONFIG_FILE, Config, HighlightConfig};
use crate::diagnostic::{self, Diagnostic, Position};
use crate::highlight::{self, Caches, Highlighter, Themes};

/// The languages and themes highlighting knows, with the site's extras when `root` is a site.
pub(crate) fn highlight_listing(root: &Path) -> Result<String, Vec<Diagnostic>> {
    let config = if root.join(CONFIG_FILE).is_file() {
        load_config(&BuildOptions {
            root: root.to_path_buf(),
            ..BuildOptions::default()
        })?
        .highlight
    } else {
        HighlightConfig::default()
    };
    let extra = |p: &Option<PathBuf>| p.as_ref().map(|p| root.join(p));
    let config_error = |message: String| {
        vec![Diagnostic::error(CONFIG_FILE, Position::FILE, message).with_code("F0703")]
    };
    let highlighter =
        Highlighter::new(true, extra(&config.extra_syntaxes).as_deref()).map_err(config_error)?;
    let themes = Themes::load(extra(&config.extra_themes).as_deref()).map_err(config_error)?;
    let mut text = String::from("Languages (name: what a fence may say)\n");
    for (name, tokens) in highlighter.languages() {
        text.push_str(&format!("  {name}: {}\n", tokens.join(", ")));
    }
    text.push_str("  Plain text: text, plain, txt, none\n\nThemes (light_theme and dark_theme in [highlight])\n");
    for name in themes.names() {
        let mark = if name == config.light_theme || name == config.dark_theme {
            " (in use)"
        } else {
            ""
        };
        text.push_str(&format!("  {name}{mark}\n"));
    }
    Ok(text)
}

/// The highlighter and the stylesheet of the light and dark themes named in `[highlight]`.
pub(super) fn load_highlighting(
    site: &Config,
    options: &BuildOptions,
) -> Result<(Highlighter, String), Diagnostic> {
    let config = &site.highlight;
    let root = &options.root;
    // Placed at the key of `[highlight]` that names what failed.
    let config_error = |key: &'static str| {
        move |message: String| {
            let d = Diagnostic::error(CONFIG_FILE, Position::FILE, message).with_code("F0703");
            site.at_key(&format!("highlight.{key}"), d)
        }
    };
    let themes = Themes::load(
        config
            .extra_themes
            .as_ref()
            .map(|p| root.join(p))
            .as_deref(),
    )
    .map_err(config_error("extra_themes"))?;
    let theme = |key: &str, name: &str| {
        themes.get(name).ok_or_else(|| {
            let names = themes.names();
            let known: Vec<&str> = names.iter().map(String::as_str).collect();
            let help = match diagnostic::closest(name, &known) {
                Some(close) => format!(
                    "did you mean `{close}`? Available themes: {}",
                    names.join(", ")
                ),
                None => format!("available themes: {}", names.join(", ")),
            };
            let d = Diagnostic::error(
                CONFIG_FILE,
                Position::FILE,
                format!("unknown highlighting theme `{name}` ({key} in [highlight])"),
            );
            site.at_key(&format!("highlight.{key}"), d)
                .with_code("F0702")
                .with_help(help)
        })
    };
    let light = theme("light_theme", &config.light_theme)?;
    let dark = theme("dark_theme", &config.dark_theme)?;
    let css = highlight::theme_css(light, dark).map_err(config_error("light_theme"))?;
    let extra_syntaxes = config.extra_syntaxes.as_ref().map(|p| root.join(p));
    let caches = Caches {
        memory: options.highlight_cache.clone(),
        // A cache that cannot be opened only costs speed.
        disk: options
            .cache_dir
            .as_ref()
            .and_then(|dir| DiskCache::open(dir, "highlight").ok()),
    };
    let highlighter = Highlighter::with_caches(config.enable, extra_syntaxes.as_deref(), caches)
        .map_err(config_error("extra_syntaxes"))?
        .styled_by(&[light, dark]);
    Ok((highlighter, css))
}
