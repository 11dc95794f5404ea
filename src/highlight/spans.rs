//! Writes the HTML of highlighted lines: a grammar and lines of code go in, each line comes out
//! as a balanced fragment of nested `<span class="hl-…">` (syntect's scope operations, with the
//! spans closed at the end of a line and opened again on the next), appended to a buffer. Lines
//! met again in the same parse state are taken from the highlighter's memo instead of parsed
//! again, and keywords bat's grammars predate are patched in.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet,
};

use super::CLASS_PREFIX;
use super::styles::StyledScopes;
use crate::escape;

/// Turns syntect's scope operations into nested `<span class="hl-…">`, closing the spans at the
/// end of each line and opening them again on the next, so every line is a balanced fragment.
pub(super) struct SpanWriter<'a> {
    state: Rc<WriterState>,
    grammar: Grammar<'a>,
    /// The classes of each scope's span, `None` for scopes that get no span (the thread's
    /// table, given back when the writer is dropped).
    classes: ScopeClasses,
    patch: Option<(&'static KeywordPatch, Option<Arc<str>>)>,
}

/// The grammars and the memo of lines already highlighted with them (the table lent to the
/// block being highlighted).
#[derive(Clone, Copy)]
pub(super) struct Grammar<'a> {
    pub(super) syntaxes: &'a SyntaxSet,
    pub(super) memo: &'a LentTable<'a>,
    pub(super) styles: Option<&'a StyledScopes>,
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
/// met again in the same state reuses its HTML and end state.
///
/// A highlighter owns its memo, so the memo lives as long as the highlighter (one build, or one
/// watch session) and never serves lines written with other grammars or another stylesheet.
/// The memo is a pool of tables: a block being highlighted borrows one for itself (no lock per
/// line) and gives it back when done, so there are as many tables as blocks highlighted at
/// once, one per thread, as with a table per thread, but owned and dropped like any value.
#[derive(Default)]
pub(super) struct LineMemo {
    spare: Mutex<Vec<SpareTable>>,
}

/// A table waiting in the pool, free to be lent to a block on any thread.
struct SpareTable(MemoTable);

// SAFETY: a `MemoTable` is not `Send` for two reasons, and neither matters while it waits in
// the pool. Its states are shared through `Rc`s, but every clone of them lives in the table or
// in a `SpanWriter`, which borrows the table through the `LentTable` it was lent in: the table
// goes back to the pool only when that `LentTable` drops, after every writer of the block, so
// the counts move with the table and are never touched by two threads. And syntect's
// `ParseState` holds onig `Region`s, which are plain buffers that onig allocated for them
// (no thread-local or shared state), so they may be dropped or cloned on another thread.
unsafe impl Send for SpareTable {}

/// The table a block's lines are memoized in, given back to the memo's pool when dropped.
pub(super) struct LentTable<'a> {
    memo: &'a LineMemo,
    table: RefCell<MemoTable>,
}

impl LineMemo {
    /// A table for one block: the one given back last (likely warm with this thread's lines),
    /// or a new one while every table is lent.
    pub(super) fn lend(&self) -> LentTable<'_> {
        let spare = self.spare().pop().map(|SpareTable(table)| table);
        LentTable {
            memo: self,
            table: RefCell::new(spare.unwrap_or_default()),
        }
    }

    fn spare(&self) -> std::sync::MutexGuard<'_, Vec<SpareTable>> {
        // A table is whole whenever it is in the pool, even if a block panicked elsewhere.
        self.spare.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for LentTable<'_> {
    fn drop(&mut self) {
        let table = std::mem::take(self.table.get_mut());
        self.memo.spare().push(SpareTable(table));
    }
}

#[derive(Default)]
struct MemoTable {
    lines: HashMap<String, Vec<MemoEntry>>,
    entries: usize,
    /// The classes of each scope's span (`None`: no span), kept from block to block: working
    /// them out takes syntect's global scope lock and a few allocations.
    classes: ScopeClasses,
}

type ScopeClasses = HashMap<Scope, Option<Arc<str>>>;

/// States are shared (`Rc`) between the memo and the writers: a line found in the memo hands
/// its end state to the next line without copying syntect's state (regex regions, stacks).
struct MemoEntry {
    before: Rc<WriterState>,
    html: Box<str>,
    after: Rc<WriterState>,
}

impl LentTable<'_> {
    /// Bounds the memory a table takes on a big site (a few hundred bytes an entry); past it
    /// the table starts over, so it keeps serving the lines of recent pages.
    const MAX_ENTRIES: usize = 40_000;

    /// Appends the line's HTML to `html` and returns its end state, when the memo has it.
    fn get(
        &self,
        line: &str,
        before: &Rc<WriterState>,
        html: &mut String,
    ) -> Option<Rc<WriterState>> {
        let table = self.table.borrow();
        // The state a line ends in is usually the very one a memoized line started in.
        let entry = table
            .lines
            .get(line)?
            .iter()
            .find(|e| Rc::ptr_eq(&e.before, before) || e.before == *before)?;
        html.push_str(&entry.html);
        Some(Rc::clone(&entry.after))
    }

    fn insert(&self, line: &str, entry: MemoEntry) {
        let mut table = self.table.borrow_mut();
        if table.entries >= Self::MAX_ENTRIES {
            table.lines.clear();
            table.entries = 0;
        }
        table.entries += 1;
        table.lines.entry(line.to_string()).or_default().push(entry);
    }

    /// The table's scope classes, lent to a writer (a writer made while another holds them
    /// starts empty).
    fn take_classes(&self) -> ScopeClasses {
        std::mem::take(&mut self.table.borrow_mut().classes)
    }

    fn give_back_classes(&self, classes: ScopeClasses) {
        let mut table = self.table.borrow_mut();
        if table.classes.len() < classes.len() {
            table.classes = classes;
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
    pub(super) fn new(syntax: &SyntaxReference, grammar: Grammar<'a>) -> Self {
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

    /// newline, appended to `html`.
    pub(super) fn line(&mut self, line: &str, html: &mut String) {
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
            escape::text_into(html, text);
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
        escape::text_into(html, text);
        return;
    };
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        if word_len == 0 {
            let other_len = rest.find(is_word).unwrap_or(rest.len());
            escape::text_into(html, &rest[..other_len]);
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
            None => escape::text_into(html, word),
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

#[cfg(test)]
mod tests {
    use super::LineMemo;
    use crate::highlight::tests::{render, render_styled, theme_of};

    #[test]
    fn tables_are_lent_to_one_block_and_given_back() {
        let memo = LineMemo::default();
        {
            let first = memo.lend();
            let _second = memo.lend();
            first.table.borrow_mut().entries = 1;
            assert!(memo.spare().is_empty(), "two blocks at once, two tables");
        }
        assert_eq!(memo.spare().len(), 2);
        let again = memo.lend();
        assert_eq!(again.table.borrow().entries, 1, "the last one given back");
        assert_eq!(memo.spare().len(), 1);
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
}
