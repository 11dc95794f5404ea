//! Diagnostics are data: every stage returns the problems it found as `Diagnostic` values with a
//! source position, and the build reports them all together at the end. Rendering follows rustc:
//! `path:line:col: error: message`, the source line, a caret and an optional help line.

use std::fmt;
use std::path::{Path, PathBuf};

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
        let path = self.path.display();
        let Position { line, col } = self.position;
        if line == 0 {
            write!(f, "{path}: {}: {}", self.severity, self.message)?;
        } else {
            write!(
                f,
                "{path}:{line}:{col}: {}: {}",
                self.severity, self.message
            )?;
        }
        if let (Some(source), true) = (&self.source_line, line > 0) {
            let gutter = " ".repeat(line.to_string().len());
            let pad: String = source
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{gutter} |\n{line} | {source}\n{gutter} | {pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
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
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Position::new(line, col)
    }
}

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Help text for an unknown name: a suggestion when one is close, else the list of known names.
pub fn unknown_name_help(unknown: &str, known: &[&str]) -> String {
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
    fn suggests_close_names_only() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("zzz", &["title", "date"]), None);
        assert_eq!(
            unknown_name_help("zzz", &["a", "b"]),
            "expected one of `a`, `b`"
        );
    }
}
