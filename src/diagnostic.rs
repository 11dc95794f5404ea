//! Diagnostics are data: every stage returns the problems it found as `Diagnostic` values with a
//! source position, and the build reports them all together at the end. Rendering follows rustc:
//! `path:line:col: error[F0101]: message`, the source line, a caret and an optional help line.
//! `render` also writes them as GitHub Actions annotations or JSON lines for CI; the codes and the
//! formats are documented in docs/diagnostics.md.

use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anstyle::{AnsiColor, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, never fails a build (e.g. a thread nobody has answered yet).
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// A 1-based line and column in a source file; line 0 means "the file as a whole".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub const FILE: Position = Position { line: 0, col: 0 };

    pub fn new(line: usize, col: usize) -> Self {
        Position { line, col }
    }

    pub fn line(line: usize) -> Self {
        Position { line, col: 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier such as `F0101`, listed in docs/diagnostics.md; empty until assigned.
    pub code: &'static str,
    /// Path as shown to the user: relative to the site root where possible.
    pub path: PathBuf,
    pub position: Position,
    pub message: String,
    pub help: Option<String>,
    /// The text of the line the position points at, for the excerpt under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: "",
            path: path.into(),
            position,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, position, message)
        }
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Attaches the line of `text` that the position points at.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.position.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.position.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, Position, &str) {
        (&self.path, self.position, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        write_human(&mut text, self, false);
        f.write_str(&text)
    }
}

/// How diagnostics are written: for people, for GitHub Actions, or for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// rustc-like text with the source line and a caret; colored on a terminal.
    #[default]
    Human,
    /// GitHub Actions workflow commands (`::error file=...::message`), shown on pull requests.
    Github,
    /// One JSON object per line with stable fields (see docs/diagnostics.md).
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Human, Format::Github, Format::Json];

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Github => "github",
            Format::Json => "json",
        }
    }
}

/// Renders diagnostics in `format`, each ending with a newline (human ones also with a blank
/// line). `color` adds ANSI styles to the human format and is ignored by the others.
pub fn render(diagnostics: &[Diagnostic], format: Format, color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        debug_assert!(
            is_code(d.code),
            "diagnostic without a stable code (add `.with_code(..)`): {}",
            d.message
        );
        match format {
            Format::Human => {
                write_human(&mut out, d, color);
                out.push_str("\n\n");
            }
            Format::Github => write_github(&mut out, d),
            Format::Json => {
                out.push_str(&serde_json::to_string(&JsonDiagnostic::from(d)).unwrap_or_default());
                out.push('\n');
            }
        }
    }
    out
}

/// `F` and four digits, as every code in docs/diagnostics.md.
fn is_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with('F') && code[1..].bytes().all(|b| b.is_ascii_digit())
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Info => AnsiColor::BrightCyan,
    };
    Style::new().bold().fg_color(Some(color.into()))
}

/// The human format: `path:line:col: error[F0101]: message`, the source line, a caret, a help
/// line; the first part is what editors and terminals recognize to jump to the place.
fn write_human(out: &mut String, d: &Diagnostic, color: bool) {
    let styled = |style: Style| if color { style } else { Style::new() };
    let bold = styled(Style::new().bold());
    let level = styled(severity_style(d.severity));
    let gutter_style = styled(
        Style::new()
            .bold()
            .fg_color(Some(AnsiColor::BrightBlue.into())),
    );
    let path = d.path.display();
    let Position { line, col } = d.position;
    if line == 0 {
        let _ = write!(out, "{bold}{path}:{bold:#} ");
    } else {
        let _ = write!(out, "{bold}{path}:{line}:{col}:{bold:#} ");
    }
    let code = if d.code.is_empty() {
        String::new()
    } else {
        format!("[{}]", d.code)
    };
    let _ = write!(
        out,
        "{level}{}{code}{level:#}{bold}: {}{bold:#}",
        d.severity, d.message
    );
    if let (Some(source), true) = (&d.source_line, line > 0) {
        let gutter = " ".repeat(line.to_string().len());
        let (source, before_caret) = source_window(source, col);
        let pad: String = source
            .chars()
            .take(before_caret)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let g = gutter_style;
        let _ = write!(
            out,
            "\n{g}{gutter} |{g:#}\n{g}{line} |{g:#} {source}\n{g}{gutter} |{g:#} {pad}{level}^{level:#}"
        );
    }
    if let Some(help) = &d.help {
        let _ = write!(out, "\n  {bold}= help:{bold:#} {help}");
    }
}

/// How many characters of a source line a report shows at most: a paragraph written on one line
/// (often 200 characters) is shown whole, while a longer line (minified HTML, a data URL, a
/// generated file) is cut to a window around the column, marked with `…` where it was cut.
const SHOWN_LINE: usize = 240;

/// The part of `line` shown under a diagnostic at column `col` (from 1), and how many of its
/// characters come before the caret.
fn source_window(line: &str, col: usize) -> (Cow<'_, str>, usize) {
    let before = col.saturating_sub(1);
    let length = line.chars().count();
    if length <= SHOWN_LINE {
        return (Cow::Borrowed(line), before);
    }
    let start = before
        .saturating_sub(SHOWN_LINE / 3)
        .min(length - SHOWN_LINE);
    let end = start + SHOWN_LINE;
    let mut shown = String::with_capacity(SHOWN_LINE * 4 + 6);
    if start > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(start).take(SHOWN_LINE));
    if end < length {
        shown.push('…');
    }
    (Cow::Owned(shown), before - start + usize::from(start > 0))
}

/// A GitHub Actions workflow command; the runner turns it into an annotation on the file.
fn write_github(out: &mut String, d: &Diagnostic) {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![format!(
        "file={}",
        github_property(&d.path.display().to_string())
    )];
    if d.position.line > 0 {
        properties.push(format!("line={}", d.position.line));
        properties.push(format!("col={}", d.position.col));
    }
    if !d.code.is_empty() {
        properties.push(format!("title={}", github_property(d.code)));
    }
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let _ = writeln!(
        out,
        "::{command} {}::{}",
        properties.join(","),
        github_data(&message)
    );
}

/// Escapes a workflow command's message as the Actions toolkit does (`escapeData`).
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (`escapeProperty`): also `:` and `,`.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The JSON format's object: field names are an interface, documented in docs/diagnostics.md.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: String,
    code: &'a str,
    path: String,
    line: Option<usize>,
    col: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        let positioned = d.position.line > 0;
        JsonDiagnostic {
            severity: d.severity.to_string(),
            code: d.code,
            path: d.path.display().to_string(),
            line: positioned.then_some(d.position.line),
            col: positioned.then_some(d.position.col),
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// Diagnostics with their paths relative to the current folder rather than the site's folder
/// (`--root docs`: `content/a.md` becomes `docs/content/a.md`), for GitHub annotations, which
/// must name files from the repository's root. Paths that are not files of the site (such as
/// `--base-url`) stay as they are.
pub(crate) fn rebased(diagnostics: &[Diagnostic], root: &Path) -> Vec<Diagnostic> {
    let cwd = std::env::current_dir().ok();
    diagnostics
        .iter()
        .map(|d| {
            let joined = root.join(&d.path);
            let mut d = d.clone();
            if d.path.is_relative() && joined.exists() {
                let relative = cwd
                    .as_deref()
                    .and_then(|cwd| joined.strip_prefix(cwd).ok())
                    .unwrap_or(&joined);
                d.path = relative.strip_prefix(".").unwrap_or(relative).to_path_buf();
            }
            d
        })
        .collect()
}

/// A source file's path and text, so diagnostics can quote the line they point at.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Source { path, text }
    }

    pub fn error(&self, position: Position, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, position, message).with_source(self.text)
    }
}

/// Sorts diagnostics by file and position so reports are deterministic whatever order the
/// parallel stages found them in.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Position::new(line, col)
    }

    /// The text of the 1-based line `line`, without its line break ("" past the end).
    pub(crate) fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let text = self.text.get(start..end).unwrap_or("");
        text.strip_suffix('\r').unwrap_or(text)
    }
}

/// "Did you mean" lookups that share one budget of comparisons. A site with tens of thousands
/// of broken links into a long page still gets every one reported, but once the budget is spent
/// the rest go without a suggestion, so the cost stays bounded instead of growing with broken
/// links times candidates. Lookups made in a fixed order give the same report every time.
pub(crate) struct SuggestionBudget {
    left: AtomicUsize,
}

impl SuggestionBudget {
    /// Enough for every suggestion a real site needs: about a second of string comparisons.
    const COMPARISONS: usize = 2_000_000;

    pub(crate) fn new() -> Self {
        SuggestionBudget {
            left: AtomicUsize::new(Self::COMPARISONS),
        }
    }

    /// Takes `comparisons` from the budget; false (taking nothing) when too few are left.
    pub(crate) fn spend(&self, comparisons: usize) -> bool {
        let take = |left: usize| left.checked_sub(comparisons);
        self.left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, take)
            .is_ok()
    }

    /// `closest`, while the budget lasts.
    pub(crate) fn closest<'a>(&self, unknown: &str, known: &[&'a str]) -> Option<&'a str> {
        self.spend(known.len())
            .then(|| closest(unknown, known))
            .flatten()
    }
}

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
pub(crate) fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Help text for an unknown name: a suggestion when one is close, else the list of known names.
pub(crate) fn unknown_name_help(unknown: &str, known: &[&str]) -> String {
    match closest(unknown, known) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!(
            "expected one of {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_source_caret_and_help() {
        let d = Diagnostic::error("content/a.md", Position::new(2, 3), "bad thing")
            .with_help("fix it")
            .with_source("one\ntwo words\n");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:3: error: bad thing\n  |\n2 | two words\n  |   ^\n  = help: fix it"
        );
    }

    #[test]
    fn renders_the_code_after_the_severity() {
        let d = Diagnostic::warning("content/a.md", Position::new(1, 1), "odd").with_code("F0701");
        assert_eq!(d.to_string(), "content/a.md:1:1: warning[F0701]: odd");
        assert_eq!(
            render(&[d], Format::Human, false),
            "content/a.md:1:1: warning[F0701]: odd\n\n"
        );
    }

    #[test]
    fn colors_only_when_asked() {
        let d = Diagnostic::error("a.md", Position::new(1, 2), "bad")
            .with_code("F0101")
            .with_source("xyz")
            .with_help("fix");
        let plain = render(std::slice::from_ref(&d), Format::Human, false);
        assert!(!plain.contains('\x1b'));
        let colored = render(&[d], Format::Human, true);
        assert!(
            colored.contains("\x1b[1m\x1b[91merror[F0101]\x1b[0m"),
            "{colored:?}"
        );
        let stripped: String = strip_ansi(&colored);
        assert_eq!(stripped, plain);
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|c| *c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn github_escapes_data_and_properties() {
        let d = Diagnostic::error("content/a,b:c.md", Position::new(3, 7), "50% off\r\nnext")
            .with_code("F0301")
            .with_help("try `x`");
        assert_eq!(
            render(&[d], Format::Github, false),
            "::error file=content/a%2Cb%3Ac.md,line=3,col=7,title=F0301::50%25 off%0D%0Anext%0Ahelp: try `x`\n"
        );
        let info = Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error("folio.toml", Position::FILE, "note").with_code("F0901")
        };
        assert_eq!(
            render(&[info], Format::Github, false),
            "::notice file=folio.toml,title=F0901::note\n"
        );
    }

    #[test]
    fn json_has_stable_fields_with_nulls() {
        let d = Diagnostic::error("folio.toml", Position::FILE, "missing").with_code("F0602");
        assert_eq!(
            render(&[d], Format::Json, false),
            "{\"severity\":\"error\",\"code\":\"F0602\",\"path\":\"folio.toml\",\"line\":null,\"col\":null,\"message\":\"missing\",\"help\":null}\n"
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "diagnostic without a stable code")]
    fn rendering_a_diagnostic_without_a_code_fails_in_debug_builds() {
        render(
            &[Diagnostic::error("a.md", Position::FILE, "no code")],
            Format::Json,
            false,
        );
    }

    /// Every code written in the sources is documented, and every documented code is used.
    #[test]
    fn every_code_is_documented() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let docs = std::fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
        let documented: std::collections::BTreeSet<&str> = docs
            .lines()
            .filter_map(|l| l.strip_prefix("### "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|c| is_code(c))
            .collect();
        let mut used = std::collections::BTreeMap::new();
        for entry in walkdir::WalkDir::new(root.join("src")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            // This file's tests use codes as examples.
            if entry.path().ends_with("diagnostic.rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (i, _) in text.match_indices("\"F") {
                let literal = text.get(i + 1..i + 7).unwrap_or("");
                if literal.ends_with('"') && is_code(&literal[..5]) {
                    used.insert(literal[..5].to_string(), entry.path().display().to_string());
                }
            }
        }
        for (code, file) in &used {
            assert!(
                documented.contains(code.as_str()),
                "{code} (used in {file}) is not documented in docs/diagnostics.md"
            );
        }
        for code in &documented {
            assert!(
                used.contains_key(*code),
                "{code} is documented in docs/diagnostics.md but no source file uses it"
            );
        }
    }

    #[test]
    fn renders_file_level_diagnostic_without_position() {
        let d = Diagnostic::error("folio.toml", Position::FILE, "missing");
        assert_eq!(d.to_string(), "folio.toml: error: missing");
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let index = LineIndex::new("ab\nпривет x\n");
        assert_eq!(index.position(0), Position::new(1, 1));
        assert_eq!(index.position(3), Position::new(2, 1));
        let x = "ab\nпривет x".find('x').unwrap();
        assert_eq!(index.position(x), Position::new(2, 8));
    }

    #[test]
    fn suggestions_stop_when_the_budget_is_spent() {
        let budget = SuggestionBudget::new();
        let known = ["title", "date"];
        assert_eq!(budget.closest("titel", &known), Some("title"));
        assert!(budget.spend(SuggestionBudget::COMPARISONS - 3));
        assert!(!budget.spend(2), "only one comparison is left");
        assert_eq!(budget.closest("titel", &known), None);
        assert_eq!(budget.closest("titel", &["title"]), Some("title"));
        assert_eq!(budget.closest("titel", &["title"]), None);
    }

    #[test]
    fn long_source_lines_are_cut_to_a_window_around_the_column() {
        let short = "let x = 1;";
        assert_eq!(source_window(short, 5), (Cow::Borrowed(short), 4));
        let long = format!("{}ERR{}", "a".repeat(5_000), "b".repeat(5_000));
        let (shown, before) = source_window(&long, 5_001);
        assert_eq!(shown.chars().count(), SHOWN_LINE + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(
            shown.chars().skip(before).take(3).collect::<String>(),
            "ERR"
        );
        let (start, before) = source_window(&long, 3);
        assert!(!start.starts_with('…') && start.ends_with('…'));
        assert_eq!(before, 2);
        let (end, before) = source_window(&long, 10_003);
        assert!(end.starts_with('…') && !end.ends_with('…'));
        assert_eq!(end.chars().nth(before), Some('b'));
        let d = Diagnostic::error("a.md", Position::new(1, 5_001), "here")
            .with_code("F0000")
            .with_source(&long);
        let text = render(&[d], Format::Human, false);
        assert!(text.contains("ERR") && text.len() < 1_000, "{}", text.len());
    }

    #[test]
    fn line_text_is_what_str_lines_gives() {
        for text in ["", "a", "a\n", "a\r\nb\r\n", "\n\nc", "x\nпривет\r\n\n"] {
            let index = LineIndex::new(text);
            let lines: Vec<&str> = text.lines().collect();
            for line in 1..=lines.len() + 2 {
                let expected = lines.get(line - 1).copied().unwrap_or("");
                assert_eq!(index.line_text(line), expected, "{text:?} line {line}");
            }
            assert_eq!(index.line_text(0), "");
        }
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("zzz", &["title", "date"]), None);
        assert_eq!(
            unknown_name_help("zzz", &["a", "b"]),
            "expected one of `a`, `b`"
        );
    }
}
