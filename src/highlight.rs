//! Syntax highlighting of code blocks with syntect and the curated grammars of bat (two-face):
//! a fence's info string (`python linenos hl_lines="2 4-6" title="app.py"`) and its code go in,
//! class-based HTML comes out, so one page serves the light and the dark theme and needs no
//! inline styles. The grammars load once, lazily, from a precompiled dump; identical blocks are
//! highlighted once. This is the one module that knows syntect.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use syntect::highlighting::Theme;
use syntect::html::{ClassStyle, css_for_theme_with_class_style};
use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet, SyntaxSetBuilder,
};
use syntect::util::LinesWithEndings;

use crate::cache::{DiskCache, Key};
use crate::markdown::{escape_attr, escape_text_into};

mod styles;

pub use styles::StyledScopes;

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

/// The fence's options, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FenceOptions {
    pub language: String,
    pub line_numbers: bool,
    pub first_line: usize,
    pub highlighted_lines: Vec<(usize, usize)>,
    pub title: Option<String>,
}

impl FenceOptions {
    /// `python linenos linenostart=5 hl_lines="2 4-6" title="app.py"`
    pub fn parse(info: &str) -> FenceOptions {
        let mut words = split_info(info).into_iter();
        let mut options = FenceOptions {
            language: words.next().unwrap_or_default(),
            first_line: 1,
            ..FenceOptions::default()
        };
        for word in words {
            let (key, value) = word.split_once('=').unwrap_or((&word, ""));
            match key {
                "linenos" => options.line_numbers = true,
                "linenostart" => {
                    options.line_numbers = true;
                    options.first_line = value.parse().unwrap_or(1);
                }
                "hl_lines" => options.highlighted_lines = parse_ranges(value),
                "title" => options.title = Some(value.to_string()).filter(|t| !t.is_empty()),
                _ => {}
            }
        }
        options
    }

    fn is_highlighted(&self, line: usize) -> bool {
        self.highlighted_lines
            .iter()
            .any(|(from, to)| (*from..=*to).contains(&line))
    }
}

/// Splits on spaces and commas, keeping quoted values (`title="my file.py"`) whole.
fn split_info(info: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in info.chars() {
        match c {
            '"' => quoted = !quoted,
            c if (c.is_whitespace() || c == ',') && !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `2 4-6` -> [(2, 2), (4, 6)]
fn parse_ranges(text: &str) -> Vec<(usize, usize)> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|part| {
            let (from, to) = part.split_once('-').unwrap_or((part, part));
            Some((from.trim().parse().ok()?, to.trim().parse().ok()?))
        })
        .collect()
}

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

    fn grammar(&self) -> Grammar<'_> {
        Grammar {
            syntaxes: self.syntaxes(),
            memo: &self.lines,
            styles: self.styles.as_ref(),
        }
    }

    fn lines(&self, mode: &Mode, code: &str) -> Lines {
        match mode {
            Mode::Plain | Mode::Diff(None) => plain_lines(code),
            Mode::Grammar(syntax) => SpanWriter::new(syntax, self.grammar()).lines(code),
            Mode::Console(bash) => console_lines(code, bash, self.grammar()),
            Mode::Diff(Some(syntax)) => diff_lines(code, syntax, self.grammar()),
        }
    }
}

/// Highlighted blocks by a hash of their fence and code; shared (cheap to clone) so it can outlive
/// one build.
#[derive(Debug, Clone, Default)]
pub struct BlockCache(Arc<Mutex<HashMap<Key, HighlightedBlock>>>);

impl BlockCache {
    /// A long watch session edits many blocks; past this many the cache starts over.
    const MAX_ENTRIES: usize = 100_000;

    pub fn len(&self) -> usize {
        self.0.lock().map_or(0, |c| c.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

/// The lines of a block: their HTML (no newlines) one after the other in one buffer, so a
/// block's lines cost no allocation each, and where each line ends with its extra class
/// (`diff-add`, `console-output`).
#[derive(Default)]
struct Lines {
    html: String,
    ends: Vec<(usize, Option<&'static str>)>,
}

impl Lines {
    fn with_capacity(code: &str) -> Lines {
        Lines {
            html: String::with_capacity(code.len() * 3),
            ends: Vec::with_capacity(code.len() / 24 + 1),
        }
    }

    /// Ends the line whose HTML was pushed since the previous one.
    fn end_line(&mut self, class: Option<&'static str>) {
        self.ends.push((self.html.len(), class));
    }

    fn iter(&self) -> impl Iterator<Item = (&str, Option<&'static str>)> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|(end, _)| *end));
        starts
            .zip(&self.ends)
            .map(|(start, (end, class))| (&self.html[start..*end], *class))
    }

    fn total_len(&self) -> usize {
        self.html.len()
    }

    fn count(&self) -> usize {
        self.ends.len()
    }
}

fn plain_lines(code: &str) -> Lines {
    let mut lines = Lines::with_capacity(code);
    for line in LinesWithEndings::from(code) {
        escape_text_into(&mut lines.html, line.trim_end_matches(['\n', '\r']));
        lines.end_line(None);
    }
    lines
}

/// `<figure><figcaption>title</figcaption><pre><code>` with one `<span class="line">` a line.
fn block_html(options: &FenceOptions, mode: &Mode, lines: &Lines) -> String {
    let language = escape_attr(&options.language);
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
        escape_text_into(&mut html, title);
        html.push_str("</figcaption>");
    }
    html.push_str("<pre class=\"");
    html.push_str(CLASS_PREFIX);
    html.push_str("code\" tabindex=\"0\"");
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

/// Turns syntect's scope operations into nested `<span class="hl-…">`, closing the spans at the
/// end of each line and opening them again on the next, so every line is a balanced fragment.
struct SpanWriter<'a> {
    state: Rc<WriterState>,
    grammar: Grammar<'a>,
    /// The classes of each scope's span, `None` for scopes that get no span (the thread's
    /// table, given back when the writer is dropped).
    classes: ScopeClasses,
    patch: Option<(&'static KeywordPatch, Option<Arc<str>>)>,
}

/// The grammars and the memo of lines already highlighted with them.
#[derive(Clone, Copy)]
struct Grammar<'a> {
    syntaxes: &'a SyntaxSet,
    memo: &'a LineMemo,
    styles: Option<&'a StyledScopes>,
}

impl Grammar<'_> {
    /// `keyword.control.python` -> `hl-keyword hl-control hl-python`, as syntect's CSS expects,
    /// or only what the stylesheet can match (`None`: no span at all).
    fn classes(&self, scope: Scope) -> Option<Arc<str>> {
        match self.styles {
            Some(styles) => styles.classes(scope),
            None => Some(scope_classes(scope).into()),
        }
    }
}

/// Everything that decides how the next line is highlighted.
#[derive(Clone, PartialEq, Eq)]
struct WriterState {
    parse: ParseState,
    stack: ScopeStack,
    /// Classes of the spans open at the end of the previous line, reopened on the next, one
    /// entry a scope on the stack (`None` for those without a span).
    open: Vec<Option<Arc<str>>>,
}

/// Lines already highlighted, by their text and the state they started in. Parsing is the
/// costly part of highlighting and code repeats itself (imports, braces, boilerplate), so a line
/// met again in the same state reuses its HTML and end state. syntect's parse state holds
/// regex regions that cannot cross threads, so each thread keeps its own table; the id tells
/// the tables of different highlighters (grammar sets) apart.
struct LineMemo {
    id: u64,
}

impl Default for LineMemo {
    fn default() -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        LineMemo {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }
}

#[derive(Default)]
struct MemoTable {
    highlighter: u64,
    lines: HashMap<String, Vec<MemoEntry>>,
    entries: usize,
    /// The classes of each scope's span (`None`: no span), kept from block to block: working
    /// them out takes syntect's global scope lock and a few allocations.
    classes: ScopeClasses,
}

type ScopeClasses = HashMap<Scope, Option<Arc<str>>>;

thread_local! {
    static MEMO: RefCell<MemoTable> = RefCell::new(MemoTable::default());
}

/// States are shared (`Rc`) between the memo and the writers: a line found in the memo hands
/// its end state to the next line without copying syntect's state (regex regions, stacks).
struct MemoEntry {
    before: Rc<WriterState>,
    html: Box<str>,
    after: Rc<WriterState>,
}

impl LineMemo {
    /// Bounds the memory the memo takes on a big site (a few hundred bytes an entry); past it
    /// the table starts over, so it keeps serving the lines of recent pages.
    const MAX_ENTRIES: usize = 40_000;

    /// Appends the line's HTML to `html` and returns its end state, when the memo has it.
    fn get(
        &self,
        line: &str,
        before: &Rc<WriterState>,
        html: &mut String,
    ) -> Option<Rc<WriterState>> {
        MEMO.with_borrow(|table| {
            if table.highlighter != self.id {
                return None;
            }
            // The state a line ends in is usually the very one a memoized line started in.
            let entry = table
                .lines
                .get(line)?
                .iter()
                .find(|e| Rc::ptr_eq(&e.before, before) || e.before == *before)?;
            html.push_str(&entry.html);
            Some(Rc::clone(&entry.after))
        })
    }

    fn insert(&self, line: &str, entry: MemoEntry) {
        MEMO.with_borrow_mut(|table| {
            self.claim(table);
            if table.entries >= Self::MAX_ENTRIES {
                table.lines.clear();
                table.entries = 0;
            }
            table.entries += 1;
            table.lines.entry(line.to_string()).or_default().push(entry);
        });
    }

    /// The thread's table of scope classes, lent to a writer for one block (a writer made while
    /// another holds it starts empty).
    fn take_classes(&self) -> ScopeClasses {
        MEMO.with_borrow_mut(|table| {
            self.claim(table);
            std::mem::take(&mut table.classes)
        })
    }

    fn give_back_classes(&self, classes: ScopeClasses) {
        MEMO.with_borrow_mut(|table| {
            if table.highlighter == self.id && table.classes.len() < classes.len() {
                table.classes = classes;
            }
        });
    }

    /// Starts the thread's table over when it holds another highlighter's lines.
    fn claim(&self, table: &mut MemoTable) {
        if table.highlighter != self.id {
            *table = MemoTable {
                highlighter: self.id,
                ..MemoTable::default()
            };
        }
    }
}

/// Keywords that bat's grammars predate (its Rust grammar has no `async`/`await`): where the
/// grammar leaves them as plain code, they get the keyword classes a newer grammar would give.
struct KeywordPatch {
    scope: &'static str,
    words: &'static [&'static str],
    /// The scope the words get, written like any other (`hl-keyword hl-other hl-rust`).
    keyword: &'static str,
}

const KEYWORD_PATCHES: &[KeywordPatch] = &[KeywordPatch {
    scope: "source.rust",
    words: &["async", "await", "dyn"],
    keyword: "keyword.other.rust",
}];

impl<'a> SpanWriter<'a> {
    fn new(syntax: &SyntaxReference, grammar: Grammar<'a>) -> Self {
        SpanWriter {
            state: Rc::new(WriterState {
                parse: ParseState::new(syntax),
                stack: ScopeStack::new(),
                open: Vec::new(),
            }),
            grammar,
            classes: grammar.memo.take_classes(),
            patch: keyword_patches()
                .iter()
                .find(|(scope, _, _)| *scope == syntax.scope)
                .map(|(_, keyword, patch)| (*patch, keyword.and_then(|s| grammar.classes(s)))),
        }
    }

    fn lines(mut self, code: &str) -> Lines {
        let mut lines = Lines::with_capacity(code);
        for line in LinesWithEndings::from(code) {
            self.line(line, &mut lines.html);
            lines.end_line(None);
        }
        lines
    }

    /// One line (with its newline, as the grammars expect) to balanced HTML without the
    /// newline, appended to `html`.
    fn line(&mut self, line: &str, html: &mut String) {
        let memo = self.grammar.memo;
        if let Some(after) = memo.get(line, &self.state, html) {
            self.state = after;
            return;
        }
        let before = Rc::clone(&self.state);
        let start = html.len();
        self.parse_line(line, html);
        memo.insert(
            line,
            MemoEntry {
                before,
                html: html[start..].into(),
                after: Rc::clone(&self.state),
            },
        );
    }

    fn parse_line(&mut self, line: &str, html: &mut String) {
        // The memo holds the state before this line: parsing goes on in a copy of it.
        let state = Rc::make_mut(&mut self.state);
        for class in state.open.iter().flatten() {
            open_span(html, class);
        }
        let text = line.trim_end_matches(['\n', '\r']);
        let Ok(ops) = state.parse.parse_line(line, self.grammar.syntaxes) else {
            escape_text_into(html, text);
            close_spans(html, &state.open);
            return;
        };
        let mut done = 0;
        // The span closed last and where its `</span>` ends: a span with the same classes
        // opened right there continues it instead (with classes reduced to what the stylesheet
        // names, neighbors such as `meta.function` and `meta.function.parameters` often match).
        let merge = self.grammar.styles.is_some();
        let mut closed: Option<(Arc<str>, usize)> = None;
        let (classes, grammar, patch) = (&mut self.classes, self.grammar, self.patch.as_ref());
        for (offset, op) in ops {
            let offset = offset.min(text.len());
            if offset > done {
                push_code(html, &text[done..offset], patch, &state.stack);
                done = offset;
            }
            let open = &mut state.open;
            let applied = state.stack.apply_with_hook(&op, |basic, _| match basic {
                BasicScopeStackOp::Push(scope) => {
                    let class = classes
                        .entry(scope)
                        .or_insert_with(|| grammar.classes(scope))
                        .clone();
                    match (&class, &closed) {
                        (Some(class), Some((last, end)))
                            if merge && *end == html.len() && last == class =>
                        {
                            html.truncate(end - "</span>".len());
                        }
                        (Some(class), _) => open_span(html, class),
                        (None, _) => {}
                    }
                    open.push(class);
                }
                BasicScopeStackOp::Pop => {
                    if let Some(Some(class)) = open.pop() {
                        html.push_str("</span>");
                        closed = Some((class, html.len()));
                    }
                }
            });
            if applied.is_err() {
                break;
            }
        }
        push_code(html, &text[done..], patch, &state.stack);
        close_spans(html, &state.open);
    }
}

impl Drop for SpanWriter<'_> {
    fn drop(&mut self) {
        self.grammar
            .memo
            .give_back_classes(std::mem::take(&mut self.classes));
    }
}

/// `<span class="…">`
fn open_span(html: &mut String, class: &str) {
    html.push_str("<span class=\"");
    html.push_str(class);
    html.push_str("\">");
}

/// Closes the spans of `open` (scopes without a span have none to close).
fn close_spans(html: &mut String, open: &[Option<Arc<str>>]) {
    for _ in open.iter().flatten() {
        html.push_str("</span>");
    }
}

/// Plain code between scope changes, with patched keywords wrapped when outside strings and
/// comments.
fn push_code(
    html: &mut String,
    text: &str,
    patch: Option<&(&'static KeywordPatch, Option<Arc<str>>)>,
    stack: &ScopeStack,
) {
    let Some((patch, class)) = patch.filter(|_| !in_string_or_comment(stack)) else {
        escape_text_into(html, text);
        return;
    };
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        if word_len == 0 {
            let other_len = rest.find(is_word).unwrap_or(rest.len());
            escape_text_into(html, &rest[..other_len]);
            rest = &rest[other_len..];
            continue;
        }
        let word = &rest[..word_len];
        match class.as_deref().filter(|_| patch.words.contains(&word)) {
            Some(class) => {
                open_span(html, class);
                html.push_str(word);
                html.push_str("</span>");
            }
            None => escape_text_into(html, word),
        }
        rest = &rest[word_len..];
    }
}

fn in_string_or_comment(stack: &ScopeStack) -> bool {
    let prefixes = string_and_comment_scopes();
    stack
        .as_slice()
        .iter()
        .any(|s| prefixes.iter().any(|p| p.is_prefix_of(*s)))
}

/// The grammar scope and keyword scope of each of `KEYWORD_PATCHES`, parsed once (`Scope::new`
/// takes syntect's global scope lock, and every block asks).
fn keyword_patches() -> &'static [(Scope, Option<Scope>, &'static KeywordPatch)] {
    static PATCHES: OnceLock<Vec<(Scope, Option<Scope>, &'static KeywordPatch)>> = OnceLock::new();
    PATCHES.get_or_init(|| {
        KEYWORD_PATCHES
            .iter()
            .filter_map(|p| Some((Scope::new(p.scope).ok()?, Scope::new(p.keyword).ok(), p)))
            .collect()
    })
}

/// `string` and `comment`, parsed once: `Scope::new` takes syntect's global scope lock, and this
/// is asked for every run of plain code in a patched language.
fn string_and_comment_scopes() -> &'static [Scope] {
    static SCOPES: OnceLock<Vec<Scope>> = OnceLock::new();
    SCOPES.get_or_init(|| {
        ["string", "comment"]
            .iter()
            .filter_map(|name| Scope::new(name).ok())
            .collect()
    })
}

/// `keyword.control.python` -> `hl-keyword hl-control hl-python`, every atom a class.
fn scope_classes(scope: Scope) -> String {
    scope
        .build_string()
        .split('.')
        .map(|atom| format!("{CLASS_PREFIX}{atom}"))
        .collect::<Vec<_>>()
        .join(" ")
}

const PROMPTS: &[&str] = &["$ ", "% ", "# "];

/// Prompt lines: the prompt as its own span (not selectable), the command as bash. Other lines
/// are the command's output, left plain.
fn console_lines(code: &str, bash: &SyntaxReference, grammar: Grammar) -> Lines {
    let mut writer: Option<SpanWriter> = None;
    let mut lines = Lines::with_capacity(code);
    for line in LinesWithEndings::from(code) {
        let text = line.trim_end_matches(['\n', '\r']);
        // A command ending in `\` goes on, unprompted, on the next line.
        let continued = writer.take();
        let prompt = PROMPTS.iter().find(|p| line.starts_with(*p));
        let (prompt, command, mut command_writer) = match (continued, prompt) {
            (Some(w), _) => ("", line, w),
            (None, Some(p)) => (*p, &line[p.len()..], SpanWriter::new(bash, grammar)),
            (None, None) => {
                escape_text_into(&mut lines.html, text);
                lines.end_line(Some("console-output"));
                continue;
            }
        };
        if !prompt.is_empty() {
            lines.html.push_str("<span class=\"");
            lines.html.push_str(CLASS_PREFIX);
            lines.html.push_str("prompt\">");
            escape_text_into(&mut lines.html, prompt);
            lines.html.push_str("</span>");
        }
        command_writer.line(command, &mut lines.html);
        lines.end_line(Some("console-command"));
        if text.ends_with('\\') {
            writer = Some(command_writer);
        }
    }
    lines
}

/// `diff-python`: the first character marks an added or removed line, the rest is highlighted
/// as the underlying language with its state carried across lines.
fn diff_lines(code: &str, syntax: &SyntaxReference, grammar: Grammar) -> Lines {
    let mut writer = SpanWriter::new(syntax, grammar);
    let mut lines = Lines::with_capacity(code);
    for line in LinesWithEndings::from(code) {
        let (marker, rest) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
        let class = match marker {
            "+" => Some("diff-add"),
            "-" => Some("diff-del"),
            _ => None,
        };
        let (marker, rest) = if class.is_some() || marker == " " {
            (marker, rest)
        } else {
            ("", line)
        };
        lines.html.push_str("<span class=\"");
        lines.html.push_str(CLASS_PREFIX);
        lines.html.push_str("diff-marker\">");
        escape_text_into(&mut lines.html, marker);
        lines.html.push_str("</span>");
        writer.line(rest, &mut lines.html);
        lines.end_line(class);
    }
    lines
}

/// The CSS of a light and a dark theme: the light one by default, the dark one under
/// `prefers-color-scheme: dark` unless the reader chose light, and whenever they chose dark.
pub fn theme_css(light: &Theme, dark: &Theme) -> Result<String, String> {
    let style = ClassStyle::SpacedPrefixed {
        prefix: CLASS_PREFIX,
    };
    let light_css = css_for_theme_with_class_style(light, style).map_err(|e| e.to_string())?;
    let dark_css = css_for_theme_with_class_style(dark, style).map_err(|e| e.to_string())?;
    Ok(format!(
        "/* Syntax highlighting, generated by folio from the themes in [highlight] of folio.toml. */\n{BLOCK_CSS}\n{}\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        scoped(&light_css, ""),
        scoped(&dark_css, "html[data-theme=\"dark\"] "),
        scoped(&dark_css, "html:not([data-theme=\"light\"]) ")
    ))
}

/// How the parts of a block behave, whatever the colors: line numbers that are not copied,
/// highlighted and diff lines, prompts that cannot be selected. Themes tune the colors through
/// the custom properties.
const BLOCK_CSS: &str = r#"
.code-block { margin: 1.25rem 0; }
.code-block pre.hl-code { margin: 0; overflow-x: auto; }
.code-block code { display: block; min-width: max-content; }
.code-block .line { display: inline-block; min-width: 100%; }
.code-block pre[data-linenos] .line::before {
  content: attr(data-line); display: inline-block; width: 3ch; margin-right: 1.5ch;
  text-align: right; opacity: 0.6; user-select: none; -webkit-user-select: none;
}
.code-block .line.hl { background: var(--code-highlight-bg, rgba(255, 213, 0, 0.12)); box-shadow: inset 3px 0 0 var(--code-highlight-bar, #d9a400); }
.code-block .line.diff-add { background: var(--code-diff-add-bg, rgba(46, 160, 67, 0.10)); }
.code-block .line.diff-del { background: var(--code-diff-del-bg, rgba(248, 81, 73, 0.10)); }
.code-block .hl-diff-marker, .code-block .hl-prompt { user-select: none; -webkit-user-select: none; }
.code-block .hl-prompt { opacity: 0.7; }
.code-block .line.console-output { opacity: 0.85; }
"#;

/// Prefixes every selector of syntect's generated CSS with `scope`.
fn scoped(css: &str, scope: &str) -> String {
    css.lines()
        .filter(|l| !l.trim_start().starts_with("/*") && !l.trim_start().starts_with('*'))
        .map(|line| match line.strip_suffix(" {") {
            Some(selectors) if !scope.is_empty() => {
                let prefixed: Vec<String> = selectors
                    .split(", ")
                    .map(|s| format!("{scope}{s}"))
                    .collect();
                format!("{} {{", prefixed.join(", "))
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The themes a site can name: bat's set plus the site's own `.tmTheme` folder.
pub struct Themes {
    embedded: two_face::theme::EmbeddedLazyThemeSet,
    extra: BTreeThemes,
}

type BTreeThemes = std::collections::BTreeMap<String, Theme>;

impl Themes {
    pub fn load(extra_dir: Option<&Path>) -> Result<Themes, String> {
        let extra = match extra_dir {
            None => BTreeThemes::new(),
            Some(dir) => {
                syntect::highlighting::ThemeSet::load_from_folder(dir)
                    .map_err(|e| format!("cannot load the themes in {}: {e}", dir.display()))?
                    .themes
            }
        };
        Ok(Themes {
            embedded: two_face::theme::extra(),
            extra,
        })
    }

    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = two_face::theme::EmbeddedLazyThemeSet::theme_names()
            .iter()
            .map(|n| n.as_name().to_string())
            .collect();
        names.extend(self.extra.keys().cloned());
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup();
        names
    }

    pub fn get(&self, name: &str) -> Option<&Theme> {
        if let Some(theme) = self.extra.get(name) {
            return Some(theme);
        }
        let embedded = two_face::theme::EmbeddedLazyThemeSet::theme_names()
            .iter()
            .find(|n| n.as_name() == name)?;
        Some(self.embedded.get(*embedded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(info: &str, code: &str) -> HighlightedBlock {
        Highlighter::new(true, None).unwrap().render(info, code)
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
    fn parses_fence_options() {
        let o = FenceOptions::parse("python linenostart=5 hl_lines=\"2 4-6\" title=\"my app.py\"");
        assert_eq!(o.language, "python");
        assert!(o.line_numbers);
        assert_eq!(o.first_line, 5);
        assert_eq!(o.highlighted_lines, vec![(2, 2), (4, 6)]);
        assert_eq!(o.title.as_deref(), Some("my app.py"));
        assert_eq!(FenceOptions::parse("rust,linenos").language, "rust");
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
    fn every_line_is_a_balanced_fragment() {
        let block = render("python", "x = \"\"\"a\nb\"\"\"\n");
        let html = &block.html;
        for line in html.lines().filter(|l| l.contains("class=\"line")) {
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
        assert!(html.contains("hl-string"), "{html}");
    }

    #[test]
    fn rust_async_await_are_keywords_outside_strings() {
        let html = render("rust", "async fn f() { g().await; let s = \"async\"; }\n").html;
        let keyword = |w: &str| format!("<span class=\"hl-keyword hl-other hl-rust\">{w}</span>");
        assert!(html.contains(&keyword("async")), "{html}");
        assert!(html.contains(&keyword("await")), "{html}");
        assert_eq!(
            html.matches(&keyword("async")).count(),
            1,
            "the string's async stays a string: {html}"
        );
    }

    #[test]
    fn unknown_languages_render_plain_and_are_reported() {
        let block = render("klingon", "a < b\n");
        assert_eq!(block.unknown_language.as_deref(), Some("klingon"));
        assert!(block.html.contains("a &lt; b"));
        assert_eq!(render("text", "x\n").unknown_language, None);
    }

    #[test]
    fn console_prompts_are_split_from_output() {
        let html = render("console", "$ pip install django\nCollecting django\n").html;
        assert!(
            html.contains(
                "<span class=\"line console-command\"><span class=\"hl-prompt\">$ </span>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"line console-output\">Collecting django</span>"),
            "{html}"
        );
    }

    #[test]
    fn console_commands_continue_after_a_backslash() {
        let html = render("console", "$ curl -X POST \\\n    http://x/\nok\n").html;
        assert_eq!(
            html.matches("class=\"line console-command\"").count(),
            2,
            "{html}"
        );
        assert!(
            html.contains("<span class=\"line console-output\">ok</span>"),
            "{html}"
        );
    }

    #[test]
    fn diff_lines_keep_their_markers_and_classes() {
        let html = render("diff-python", "-x = 1\n+x = 2\n y = 3\n").html;
        assert!(html.contains("class=\"line diff-del\""), "{html}");
        assert!(html.contains("class=\"line diff-add\""), "{html}");
        assert!(
            html.contains("<span class=\"hl-diff-marker\">+</span>"),
            "{html}"
        );
    }

    #[test]
    fn line_numbers_highlighted_lines_and_titles() {
        let html = render("text linenostart=3 hl_lines=2 title=\"a.txt\"", "a\nb\n").html;
        assert!(html.starts_with("<figure class=\"code-block\" data-lang=\"text\"><figcaption class=\"code-title\">a.txt</figcaption><pre class=\"hl-code\" tabindex=\"0\" data-linenos><code class=\"language-text\">"), "{html}");
        assert!(html.contains("<span class=\"line\" data-line=\"3\">a</span>\n<span class=\"line hl\" data-line=\"4\">b</span>"), "{html}");
    }

    #[test]
    fn theme_css_scopes_the_dark_theme() {
        let themes = Themes::load(None).unwrap();
        let css = theme_css(
            themes.get("Coldark-Cold").unwrap(),
            themes.get("Coldark-Dark").unwrap(),
        )
        .unwrap();
        assert!(css.contains("\n.hl-comment {"));
        assert!(css.contains("html[data-theme=\"dark\"] .hl-comment {"));
        assert!(css.contains("html:not([data-theme=\"light\"]) .hl-comment {"));
        assert!(themes.names().contains(&"GitHub".to_string()));
    }

    fn theme_of(selectors: &[&str]) -> Theme {
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

    fn render_styled(themes: &[&Theme], info: &str, code: &str) -> String {
        Highlighter::new(true, None)
            .unwrap()
            .styled_by(themes)
            .render(info, code)
            .html
            .to_string()
    }

    #[test]
    fn scopes_no_theme_styles_get_no_span() {
        let light = theme_of(&["string"]);
        let dark = theme_of(&["comment"]);
        let html = render_styled(&[&light, &dark], "python", "x = 1  # one\n");
        assert!(!html.contains("hl-source"), "{html}");
        assert!(!html.contains("hl-constant"), "{html}");
        assert!(!html.contains("hl-keyword"), "{html}");
        assert!(
            html.contains("x = 1  <span class=\"hl-comment\">"),
            "{html}"
        );
    }

    #[test]
    fn styled_scopes_keep_their_span() {
        let light = theme_of(&["string.quoted"]);
        let dark = theme_of(&["keyword.other"]);
        let html = render_styled(&[&light, &dark], "rust", "async fn f() { \"s\" }\n");
        assert!(
            html.contains("<span class=\"hl-string hl-quoted\">\"s\"</span>"),
            "{html}"
        );
        // Patched keywords follow the same rule: `keyword.other.rust` keeps a reduced class.
        assert!(
            html.contains("<span class=\"hl-keyword hl-other\">async</span>"),
            "{html}"
        );
        let html = render_styled(&[&light], "rust", "async fn f() {}\n");
        assert!(
            html.contains(
                "<code class=\"language-rust\"><span class=\"line\">async fn f() {}</span>"
            ),
            "{html}"
        );
    }

    #[test]
    fn ancestors_a_descendant_selector_needs_are_kept() {
        let theme = theme_of(&["source.python string"]);
        let html = render_styled(&[&theme], "python", "x = \"\"\"a\nb\"\"\"\n");
        // Every line reopens the `source.python` span the selector needs, then the string.
        for line in html.lines().filter(|l| l.contains("class=\"line")) {
            assert!(
                line.contains("<span class=\"line\"><span class=\"hl-source hl-python\">"),
                "{line}"
            );
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count()
            );
        }
        // `python` is a class the selector names, so strings keep it too.
        assert!(
            html.contains("<span class=\"hl-string hl-python\">"),
            "{html}"
        );
        assert!(!html.contains("hl-keyword"), "{html}");
        let rust = render_styled(&[&theme], "rust", "let s = \"a\";\n");
        assert!(!rust.contains("hl-source"), "{rust}");
    }

    #[test]
    fn neighbors_with_the_same_classes_become_one_span() {
        // `meta.function.python` and `meta.function.parameters.python` both reduce to the
        // `hl-meta hl-function` the selector names.
        let theme = theme_of(&["meta.function entity"]);
        let html = render_styled(&[&theme], "python", "def f(a, b):\n    pass\n");
        assert!(
            html.contains(
                "<span class=\"line\"><span class=\"hl-meta hl-function\">def <span class=\"hl-entity hl-function\">f</span>(a, b):</span></span>"
            ),
            "{html}"
        );
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

    /// Reads the spans of a highlighted line: for every character, the class lists of the
    /// spans around it, outermost first.
    fn span_stacks(line: &str) -> Vec<Vec<Vec<String>>> {
        let mut stacks = Vec::new();
        let mut open: Vec<Vec<String>> = Vec::new();
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("<span class=\"") {
                let end = after.find("\">").unwrap();
                open.push(after[..end].split(' ').map(String::from).collect());
                rest = &after[end + 2..];
            } else if let Some(after) = rest.strip_prefix("</span>") {
                open.pop();
                rest = after;
            } else {
                let len = rest.find('<').unwrap_or(rest.len());
                for _ in 0..len {
                    stacks.push(open.clone());
                }
                rest = &rest[len..];
            }
        }
        stacks
    }

    /// For every character, the rules of `themes`' CSS that match each element around it, with
    /// the elements no rule matches left out: two pages that agree on this look the same.
    fn matched_rules(themes: &[&Theme], html: &str) -> Vec<Vec<Vec<usize>>> {
        let mut selectors: Vec<Vec<Vec<String>>> = Vec::new();
        for theme in themes {
            for item in &theme.scopes {
                for selector in &item.scope.selectors {
                    let compounds = selector.extract_scopes().into_iter().map(|scope| {
                        let name = scope.build_string();
                        name.split('.').map(|a| format!("hl-{a}")).collect()
                    });
                    selectors.push(compounds.collect());
                }
            }
        }
        let matches = |compound: &Vec<String>, classes: &Vec<String>| {
            compound.iter().all(|c| classes.contains(c))
        };
        // Descendant selectors, matched from the element outwards.
        let rule_matches = |selector: &Vec<Vec<String>>, path: &[Vec<String>]| {
            let Some((last, ancestors)) = selector.split_last() else {
                return false;
            };
            let Some((element, outer)) = path.split_last() else {
                return false;
            };
            let mut wanted = ancestors.iter().rev().peekable();
            for classes in outer.iter().rev() {
                if wanted.peek().is_some_and(|c| matches(c, classes)) {
                    wanted.next();
                }
            }
            matches(last, element) && wanted.peek().is_none()
        };
        let mut characters = Vec::new();
        for line in html.lines().filter(|l| l.starts_with("<span class=\"line")) {
            let inner = &line[line.find('>').unwrap() + 1..line.len() - "</span>".len()];
            for stack in span_stacks(inner) {
                let per_element: Vec<Vec<usize>> = (1..=stack.len())
                    .map(|depth| {
                        (0..selectors.len())
                            .filter(|&i| rule_matches(&selectors[i], &stack[..depth]))
                            .collect::<Vec<_>>()
                    })
                    .filter(|rules| !rules.is_empty())
                    .collect();
                characters.push(per_element);
            }
        }
        characters
    }

    #[test]
    fn the_configured_themes_style_every_character_as_before() {
        let themes = Themes::load(None).unwrap();
        let samples = [
            (
                "python",
                "import os\n@dataclass\nclass A(B):\n    \"\"\"Doc.\"\"\"\n    def f(self, x: int = 1) -> str:\n        return f\"{x!r} {os.sep}\"  # note\n",
            ),
            (
                "rust",
                "async fn main() -> Result<(), Box<dyn Error>> {\n    let v: Vec<u8> = vec![1, 2];\n    println!(\"{v:?}\"); // done\n    g().await?;\n    Ok(())\n}\n",
            ),
            (
                "typescript",
                "export const f = async <T,>(x: T): Promise<T> => {\n  /** doc */\n  return await g(`${x}`);\n};\n",
            ),
            (
                "html",
                "<!doctype html>\n<div class=\"a\" onclick=\"f(1)\"><style>p { color: red; }</style>{{ x }}</div>\n",
            ),
            ("diff-python", "-x = 1\n+x = \"two\"\n"),
            ("console", "$ pip install \"django>=5\" | tee log\nok\n"),
        ];
        for (light, dark) in [
            ("Coldark-Cold", "Coldark-Dark"),
            ("GitHub", "Monokai Extended"),
        ] {
            let pair = [themes.get(light).unwrap(), themes.get(dark).unwrap()];
            for (info, code) in samples {
                let all = render(info, code).html;
                let styled = render_styled(&pair, info, code);
                assert!(styled.len() < all.len(), "{info}: {styled}");
                for theme in pair {
                    assert_eq!(
                        matched_rules(&[theme], &styled),
                        matched_rules(&[theme], &all),
                        "{info} with {light}/{dark}:\n{all}\n{styled}"
                    );
                }
            }
        }
    }
}
