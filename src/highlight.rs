//! Syntax highlighting of code blocks with syntect and the curated grammars of bat (two-face):
//! a fence's info string (`python linenos hl_lines="2 4-6" title="app.py"`) and its code go in,
//! class-based HTML comes out, so one page serves the light and the dark theme and needs no
//! inline styles. The grammars load once, lazily, from a precompiled dump; identical blocks are
//! highlighted once. This is the one module that knows syntect.
//!
//! Here: finding a fence language's grammar, the caches of highlighted blocks, and the HTML
//! around a block's lines. The submodules do the rest: `fence` reads the info string, `lines`
//! turns code into lines of HTML by kind of block (plain, grammar, shell session, diff), `spans`
//! writes a grammar's spans with the highlighter's memo of lines, `styles` keeps only the spans the
//! stylesheet can see, and `themes` writes that stylesheet.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::highlighting::Theme;
use syntect::parsing::{SyntaxReference, SyntaxSet, SyntaxSetBuilder};

use crate::cache::{DiskCache, Key};
use crate::escape;

mod fence;
mod lines;
mod spans;
mod styles;
mod themes;

pub(crate) use fence::FenceOptions;
pub(crate) use styles::StyledScopes;
pub(crate) use themes::{SYNTAX_CSS, Themes, theme_css};

use lines::{Lines, console_lines, diff_lines, grammar_lines, plain_lines};
use spans::{Grammar, LineMemo};

const CLASS_PREFIX: &str = "hl-";

/// What authors write after the fence, resolved to a grammar name or a special mode.
const ALIASES: &[(&str, &str)] = &[
    ("py", "Python"),
    ("python3", "Python"),
    ("rs", "Rust"),
    ("js", "JavaScript (Babel)"),
    ("javascript", "JavaScript (Babel)"),
    ("jsx", "JavaScript (Babel)"),
    ("mjs", "JavaScript (Babel)"),
    ("cjs", "JavaScript (Babel)"),
    ("ts", "TypeScript"),
    ("typescript", "TypeScript"),
    ("tsx", "TypeScriptReact"),
    ("sh", "Bourne Again Shell (bash)"),
    ("shell", "Bourne Again Shell (bash)"),
    ("bash", "Bourne Again Shell (bash)"),
    ("zsh", "Bourne Again Shell (bash)"),
    ("yml", "YAML"),
    ("golang", "Go"),
    ("html+django", "HTML (Jinja2)"),
    ("htmldjango", "HTML (Jinja2)"),
    ("django", "HTML (Jinja2)"),
    ("jinja", "HTML (Jinja2)"),
    ("jinja2", "HTML (Jinja2)"),
    ("html+jinja", "HTML (Jinja2)"),
    ("docker", "Dockerfile"),
    ("dockerfile", "Dockerfile"),
    ("c++", "C++"),
    ("cpp", "C++"),
    ("patch", "Diff"),
    ("md", "Markdown"),
    ("make", "Makefile"),
    ("makefile", "Makefile"),
    ("nginx", "nginx"),
    ("ini", "INI"),
    ("cfg", "INI"),
];

/// Languages that are deliberately not highlighted.
const PLAIN: &[&str] = &["", "text", "plain", "plaintext", "txt", "none", "output"];

/// Shell sessions: prompt lines are highlighted as bash, output is left plain.
const CONSOLE: &[&str] = &["console", "shell-session", "shellsession", "terminal"];

/// A highlighted block, and the language when no grammar knew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightedBlock {
    pub html: Arc<str>,
    pub unknown_language: Option<String>,
}

impl HighlightedBlock {
    /// Part of the cache keys: entries written in another layout are never read.
    const STORED_FORMAT: &[u8] = b"language line, then html";

    /// The unknown language (or nothing) on the first line, then the HTML: a block read back
    /// from the disk needs no grammar, so a build whose blocks are all cached never loads them.
    fn to_stored(&self) -> String {
        format!(
            "{}\n{}",
            self.unknown_language.as_deref().unwrap_or_default(),
            self.html
        )
    }

    fn from_stored(stored: &str) -> Option<HighlightedBlock> {
        let (language, html) = stored.split_once('\n')?;
        Some(HighlightedBlock {
            html: html.into(),
            unknown_language: Some(language.to_string()).filter(|l| !l.is_empty()),
        })
    }
}

/// How a block's lines are turned into HTML.
enum Mode<'a> {
    Plain,
    Grammar(&'a SyntaxReference),
    Console(&'a SyntaxReference),
    Diff(Option<&'a SyntaxReference>),
}

/// The default grammars: bat's curated set, loaded once from its precompiled dump.
fn default_syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// Highlights code blocks; cheap to share between threads.
pub struct Highlighter {
    extra_syntaxes: Option<SyntaxSet>,
    enabled: bool,
    caches: Caches,
    lines: LineMemo,
    /// The spans the stylesheet can see; all of them when the themes are not known.
    styles: Option<StyledScopes>,
    /// Mixed into cache keys: what besides the block itself decides its HTML.
    fingerprint: Key,
    /// The grammar each fence language was found to name (its index in the syntax set): the
    /// search compares lowercased names of every grammar, and every block asks.
    found: Mutex<HashMap<String, Option<usize>>>,
}

/// Where highlighted blocks are kept between builds: in memory for the rebuilds of one watch
/// session, on disk for later runs. Either may be absent.
#[derive(Debug, Clone, Default)]
pub struct Caches {
    pub memory: Option<BlockCache>,
    pub disk: Option<DiskCache>,
}

impl Highlighter {
    /// `extra_syntaxes`: a folder of `.sublime-syntax` files the site adds to the defaults.
    pub fn new(enabled: bool, extra_syntaxes: Option<&Path>) -> Result<Highlighter, String> {
        Highlighter::with_caches(enabled, extra_syntaxes, Caches::default())
    }

    /// A highlighter that reuses (and fills) `caches`, so a rebuild highlights only the blocks
    /// that changed.
    pub fn with_caches(
        enabled: bool,
        extra_syntaxes: Option<&Path>,
        caches: Caches,
    ) -> Result<Highlighter, String> {
        let extra_hash = extra_syntaxes.map_or(0, folder_hash);
        let fingerprint = Key::of(&[
            HighlightedBlock::STORED_FORMAT,
            BLOCK_MARKUP,
            &[u8::from(enabled)],
            &extra_hash.to_le_bytes(),
        ]);
        let extra_syntaxes = match extra_syntaxes {
            None => None,
            Some(dir) => {
                let mut builder: SyntaxSetBuilder = default_syntaxes().clone().into_builder();
                builder
                    .add_from_folder(dir, true)
                    .map_err(|e| format!("cannot load the syntaxes in {}: {e}", dir.display()))?;
                Some(builder.build())
            }
        };
        Ok(Highlighter {
            extra_syntaxes,
            enabled,
            caches,
            lines: LineMemo::default(),
            styles: None,
            fingerprint,
            found: Mutex::default(),
        })
    }

    /// The same highlighter writing only the spans some rule of `themes`' stylesheet (the
    /// themes given to [`theme_css`]) can match, with class lists reduced to what those rules
    /// name: the page looks the same and weighs less. The themes join the cache keys.
    pub fn styled_by(self, themes: &[&Theme]) -> Highlighter {
        let styles = StyledScopes::of(themes);
        let fingerprint = Key::of(&[&self.fingerprint.to_bytes(), &styles.key.to_bytes()]);
        Highlighter {
            // A fresh memo: lines memoized so far were written for another stylesheet.
            lines: LineMemo::default(),
            styles: Some(styles),
            fingerprint,
            ..self
        }
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.extra_syntaxes
            .as_ref()
            .unwrap_or_else(|| default_syntaxes())
    }

    /// Every language name and file extension a fence may use, for `folio highlight --list`.
    pub fn languages(&self) -> Vec<(String, Vec<String>)> {
        let mut list: Vec<(String, Vec<String>)> = self
            .syntaxes()
            .syntaxes()
            .iter()
            .filter(|s| !s.hidden && !s.file_extensions.is_empty())
            .map(|s| {
                let mut tokens: Vec<String> = ALIASES
                    .iter()
                    .filter(|(_, name)| *name == s.name)
                    .map(|(alias, _)| alias.to_string())
                    .collect();
                for extension in &s.file_extensions {
                    if !tokens.contains(extension) {
                        tokens.push(extension.clone());
                    }
                }
                (s.name.clone(), tokens)
            })
            .collect();
        list.push((
            "Shell session".into(),
            CONSOLE.iter().map(|s| s.to_string()).collect(),
        ));
        list.sort_by_key(|(name, _)| name.to_lowercase());
        list
    }

    pub fn render(&self, info: &str, code: &str) -> HighlightedBlock {
        let key = Key::of(&[
            &self.fingerprint.to_bytes(),
            info.as_bytes(),
            code.as_bytes(),
        ]);
        let memory = self.caches.memory.as_ref();
        if let Some(hit) = memory.and_then(|m| m.get(key)) {
            return hit;
        }
        let on_disk = self.caches.disk.as_ref().and_then(|d| d.get(key));
        let block = match on_disk.as_deref().and_then(HighlightedBlock::from_stored) {
            Some(block) => block,
            None => {
                let block = self.render_uncached(info, code);
                if let Some(disk) = &self.caches.disk {
                    disk.put(key, &block.to_stored());
                }
                block
            }
        };
        if let Some(memory) = memory {
            memory.insert(key, block.clone());
        }
        block
    }

    fn render_uncached(&self, info: &str, code: &str) -> HighlightedBlock {
        let options = FenceOptions::parse(info);
        let (mode, unknown) = self.mode(&options.language);
        let lines = if self.enabled {
            self.lines(&mode, code)
        } else {
            plain_lines(code)
        };
        HighlightedBlock {
            html: block_html(&options, &mode, &lines).into(),
            unknown_language: unknown,
        }
    }

    fn find(&self, language: &str) -> Option<&SyntaxReference> {
        let lower = language.to_lowercase();
        let all = self.syntaxes().syntaxes();
        if let Some(found) = self.found.lock().ok().and_then(|f| f.get(&lower).copied()) {
            return found.map(|i| &all[i]);
        }
        let found = self.search(&lower);
        let index = found.and_then(|s| all.iter().position(|other| std::ptr::eq(s, other)));
        if let Ok(mut known) = self.found.lock() {
            known.insert(lower, index);
        }
        found
    }

    fn search(&self, lower: &str) -> Option<&SyntaxReference> {
        let syntaxes = self.syntaxes();
        ALIASES
            .iter()
            .find(|(alias, _)| *alias == lower)
            .and_then(|(_, name)| syntaxes.find_syntax_by_name(name))
            .or_else(|| syntaxes.find_syntax_by_token(lower))
            .or_else(|| {
                syntaxes
                    .syntaxes()
                    .iter()
                    .find(|s| s.name.to_lowercase() == lower)
            })
    }

    fn mode(&self, language: &str) -> (Mode<'_>, Option<String>) {
        let lower = language.to_lowercase();
        if PLAIN.contains(&lower.as_str()) {
            return (Mode::Plain, None);
        }
        if CONSOLE.contains(&lower.as_str()) {
            return match self.find("bash") {
                Some(bash) => (Mode::Console(bash), None),
                None => (Mode::Plain, None),
            };
        }
        if let Some(under) = lower.strip_prefix("diff-") {
            return match self.find(under) {
                Some(syntax) => (Mode::Diff(Some(syntax)), None),
                None => (Mode::Diff(None), Some(language.to_string())),
            };
        }
        match self.find(&lower) {
            Some(syntax) => (Mode::Grammar(syntax), None),
            None => (Mode::Plain, Some(language.to_string())),
        }
    }

    fn lines(&self, mode: &Mode, code: &str) -> Lines {
        type ByGrammar = fn(&str, &SyntaxReference, Grammar) -> Lines;
        let (syntax, lines): (&SyntaxReference, ByGrammar) = match mode {
            Mode::Plain | Mode::Diff(None) => return plain_lines(code),
            Mode::Grammar(syntax) => (syntax, grammar_lines),
            Mode::Console(bash) => (bash, console_lines),
            Mode::Diff(Some(syntax)) => (syntax, diff_lines),
        };
        // The block's table of the memo, given back when the block is done.
        let memo = self.lines.lend();
        let grammar = Grammar {
            syntaxes: self.syntaxes(),
            memo: &memo,
            styles: self.styles.as_ref(),
        };
        lines(code, syntax, grammar)
    }
}

/// Highlighted blocks by a hash of their fence and code; shared (cheap to clone) so it can outlive
/// one build.
#[derive(Debug, Clone, Default)]
pub struct BlockCache(Arc<Mutex<HashMap<Key, HighlightedBlock>>>);

impl BlockCache {
    /// A long watch session edits many blocks; past this many the cache starts over.
    const MAX_ENTRIES: usize = 100_000;

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().map_or(0, |c| c.len())
    }

    fn get(&self, key: Key) -> Option<HighlightedBlock> {
        self.0.lock().ok().and_then(|c| c.get(&key).cloned())
    }

    fn insert(&self, key: Key, block: HighlightedBlock) {
        if let Ok(mut cache) = self.0.lock() {
            if cache.len() >= BlockCache::MAX_ENTRIES {
                cache.clear();
            }
            cache.insert(key, block);
        }
    }
}

/// A hash of every file under `dir`, so that blocks cached by a running `folio serve` are
/// highlighted again when a grammar of `extra_syntaxes` is edited.
fn folder_hash(dir: &Path) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let files = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in files.flatten().filter(|e| e.file_type().is_file()) {
        entry.path().hash(&mut hasher);
        std::fs::read(entry.path())
            .unwrap_or_default()
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// Part of the cache keys: a change to `block_html`'s markup within one folio version (while
/// working on folio) never serves blocks written the old way.
const BLOCK_MARKUP: &[u8] = b"pre dir=ltr";

/// `<figure><figcaption>title</figcaption><pre><code>` with one `<span class="line">` a line.
/// The `<pre>` is `dir="ltr"`: code reads left to right on a right-to-left page too, also where
/// the theme's stylesheet does not apply (feed readers).
fn block_html(options: &FenceOptions, mode: &Mode, lines: &Lines) -> String {
    let language = escape::attr(&options.language);
    let mut html = String::with_capacity(lines.total_len() + lines.count() * 40 + 200);
    let kind = match mode {
        Mode::Console(_) => " code-console",
        Mode::Diff(_) => " code-diff",
        _ => "",
    };
    html.push_str("<figure class=\"code-block");
    html.push_str(kind);
    html.push('"');
    if !language.is_empty() {
        html.push_str(" data-lang=\"");
        html.push_str(&language);
        html.push('"');
    }
    html.push('>');
    if let Some(title) = &options.title {
        html.push_str("<figcaption class=\"code-title\">");
        escape::text_into(&mut html, title);
        html.push_str("</figcaption>");
    }
    html.push_str("<pre class=\"");
    html.push_str(CLASS_PREFIX);
    html.push_str("code\" dir=\"ltr\" tabindex=\"0\"");
    if options.line_numbers {
        html.push_str(" data-linenos");
    }
    html.push_str("><code");
    if !language.is_empty() {
        html.push_str(" class=\"language-");
        html.push_str(&language);
        html.push('"');
    }
    html.push('>');
    for (i, (line, class)) in lines.iter().enumerate() {
        html.push_str("<span class=\"line");
        if options.is_highlighted(i + 1) {
            html.push_str(" hl");
        }
        if let Some(extra) = class {
            html.push(' ');
            html.push_str(extra);
        }
        html.push('"');
        if options.line_numbers {
            use std::fmt::Write;
            write!(html, " data-line=\"{}\"", options.first_line + i).ok();
        }
        html.push('>');
        html.push_str(line);
        html.push_str("</span>\n");
    }
    html.push_str("</code></pre></figure>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn render(info: &str, code: &str) -> HighlightedBlock {
        Highlighter::new(true, None).unwrap().render(info, code)
    }

    pub(super) fn theme_of(selectors: &[&str]) -> Theme {
        use std::str::FromStr;
        use syntect::highlighting::{Color, ScopeSelectors, StyleModifier, ThemeItem};
        Theme {
            scopes: selectors
                .iter()
                .map(|s| ThemeItem {
                    scope: ScopeSelectors::from_str(s).unwrap(),
                    style: StyleModifier {
                        foreground: Some(Color::WHITE),
                        ..StyleModifier::default()
                    },
                })
                .collect(),
            ..Theme::default()
        }
    }

    pub(super) fn render_styled(themes: &[&Theme], info: &str, code: &str) -> String {
        Highlighter::new(true, None)
            .unwrap()
            .styled_by(themes)
            .render(info, code)
            .html
            .to_string()
    }

    #[test]
    fn a_shared_cache_survives_highlighters() {
        let cache = BlockCache::default();
        let caches = Caches {
            memory: Some(cache.clone()),
            disk: None,
        };
        Highlighter::with_caches(true, None, caches.clone())
            .unwrap()
            .render("python", "x = 1\n");
        assert_eq!(cache.len(), 1);
        let again = Highlighter::with_caches(true, None, caches.clone())
            .unwrap()
            .render("python", "x = 1\n");
        assert!(again.html.contains("hl-"));
        assert_eq!(cache.len(), 1, "the second build reuses the block");
        Highlighter::with_caches(false, None, caches)
            .unwrap()
            .render("python", "x = 1\n");
        assert_eq!(cache.len(), 2, "another configuration does not reuse it");
    }

    #[test]
    fn blocks_on_disk_are_reused_with_their_language_findings() {
        let dir = tempfile::tempdir().unwrap();
        let caches = Caches {
            memory: None,
            disk: Some(DiskCache::open(dir.path(), "highlight").unwrap()),
        };
        let first = Highlighter::with_caches(true, None, caches.clone()).unwrap();
        let fresh = first.render("python", "x = 1\n");
        let unknown = first.render("klingon", "x\n");
        let second = Highlighter::with_caches(true, None, caches).unwrap();
        assert_eq!(second.render("python", "x = 1\n"), fresh);
        let again = second.render("klingon", "x\n");
        assert_eq!(again.html, unknown.html);
        assert_eq!(again.unknown_language.as_deref(), Some("klingon"));
    }

    #[test]
    fn known_aliases_resolve_to_grammars() {
        let h = Highlighter::new(true, None).unwrap();
        for alias in [
            "py",
            "rs",
            "js",
            "ts",
            "tsx",
            "jsx",
            "sh",
            "zsh",
            "yml",
            "golang",
            "html+django",
            "jinja",
            "dockerfile",
            "toml",
            "sql",
            "json",
            "html",
            "css",
            "go",
            "java",
            "c",
            "cpp",
            "diff",
            "ini",
            "nginx",
            "markdown",
            "makefile",
            "yaml",
            "bash",
        ] {
            assert!(h.find(alias).is_some(), "{alias}");
        }
    }

    #[test]
    fn unknown_languages_render_plain_and_are_reported() {
        let block = render("klingon", "a < b\n");
        assert_eq!(block.unknown_language.as_deref(), Some("klingon"));
        assert!(block.html.contains("a &lt; b"));
        assert_eq!(render("text", "x\n").unknown_language, None);
    }

    #[test]
    fn line_numbers_highlighted_lines_and_titles() {
        let html = render("text linenostart=3 hl_lines=2 title=\"a.txt\"", "a\nb\n").html;
        assert!(html.starts_with("<figure class=\"code-block\" data-lang=\"text\"><figcaption class=\"code-title\">a.txt</figcaption><pre class=\"hl-code\" dir=\"ltr\" tabindex=\"0\" data-linenos><code class=\"language-text\">"), "{html}");
        assert!(html.contains("<span class=\"line\" data-line=\"3\">a</span>\n<span class=\"line hl\" data-line=\"4\">b</span>"), "{html}");
    }

    #[test]
    fn the_themes_are_part_of_the_cache_key() {
        let cache = BlockCache::default();
        let caches = Caches {
            memory: Some(cache.clone()),
            disk: None,
        };
        let highlighter = |selectors: &[&str]| {
            Highlighter::with_caches(true, None, caches.clone())
                .unwrap()
                .styled_by(&[&theme_of(selectors)])
        };
        let strings = highlighter(&["string"]).render("python", "x = \"a\"\n");
        let comments = highlighter(&["comment"]).render("python", "x = \"a\"\n");
        assert_ne!(strings.html, comments.html);
        assert_eq!(cache.len(), 2);
        highlighter(&["string"]).render("python", "x = \"a\"\n");
        assert_eq!(cache.len(), 2, "the same themes reuse the block");
    }
}
