//! The lines of a block as HTML, by how the block is highlighted: code goes in, one HTML
//! fragment a line comes out, with the extra class some lines get. Plain text is only escaped,
//! a grammar's code goes through the span writer, a shell session highlights its commands and
//! leaves their output plain, and a diff keeps its markers and highlights the rest.

use syntect::parsing::SyntaxReference;
use syntect::util::LinesWithEndings;

use super::CLASS_PREFIX;
use super::spans::{Grammar, SpanWriter};
use crate::escape;

/// The lines of a block: their HTML (no newlines) one after the other in one buffer, so a
/// block's lines cost no allocation each, and where each line ends with its extra class
/// (`diff-add`, `console-output`).
#[derive(Default)]
pub(super) struct Lines {
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

    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, Option<&'static str>)> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|(end, _)| *end));
        starts
            .zip(&self.ends)
            .map(|(start, (end, class))| (&self.html[start..*end], *class))
    }

    pub(super) fn total_len(&self) -> usize {
        self.html.len()
    }

    pub(super) fn count(&self) -> usize {
        self.ends.len()
    }
}

pub(super) fn plain_lines(code: &str) -> Lines {
    let mut lines = Lines::with_capacity(code);
    for line in LinesWithEndings::from(code) {
        escape::text_into(&mut lines.html, line.trim_end_matches(['\n', '\r']));
        lines.end_line(None);
    }
    lines
}

/// Every line highlighted with `syntax`, its state carried from line to line.
pub(super) fn grammar_lines(code: &str, syntax: &SyntaxReference, grammar: Grammar) -> Lines {
    let mut writer = SpanWriter::new(syntax, grammar);
    let mut lines = Lines::with_capacity(code);
    for line in LinesWithEndings::from(code) {
        writer.line(line, &mut lines.html);
        lines.end_line(None);
    }
    lines
}

const PROMPTS: &[&str] = &["$ ", "% ", "# "];

/// Prompt lines: the prompt as its own span (not selectable), the command as bash. Other lines
/// are the command's output, left plain.
pub(super) fn console_lines(code: &str, bash: &SyntaxReference, grammar: Grammar) -> Lines {
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
                escape::text_into(&mut lines.html, text);
                lines.end_line(Some("console-output"));
                continue;
            }
        };
        if !prompt.is_empty() {
            lines.html.push_str("<span class=\"");
            lines.html.push_str(CLASS_PREFIX);
            lines.html.push_str("prompt\">");
            escape::text_into(&mut lines.html, prompt);
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
pub(super) fn diff_lines(code: &str, syntax: &SyntaxReference, grammar: Grammar) -> Lines {
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
        escape::text_into(&mut lines.html, marker);
        lines.html.push_str("</span>");
        writer.line(rest, &mut lines.html);
        lines.end_line(class);
    }
    lines
}

#[cfg(test)]
mod tests {
    use crate::highlight::tests::render;

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
}
