//! Fenced and indented code blocks, highlighted by the site's `Highlighter`. In: a block's info
//! string and text. Out: its HTML in the post (or a placeholder, when the post sets highlighted
//! code aside for the sanitizer), and a `LanguageUse` with the block's position when no grammar
//! knows its language, for the build's warning.

use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{CodeBlockKind, Event};

use super::{Trust, Writer};
use crate::diagnostic::Position;
use crate::sanitize::code_placeholder;

/// A code block whose language no grammar knows, for the build's warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageUse {
    pub language: String,
    pub path: PathBuf,
    pub position: Position,
}

impl<'a> Writer<'a, '_> {
    /// Highlights a code block (`inner` holds its text events) and records an unknown language
    /// at the block's line.
    pub(super) fn code_block(
        &mut self,
        kind: CodeBlockKind<'a>,
        inner: &[(Event<'a>, Range<usize>)],
        range: &Range<usize>,
    ) {
        let code: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.into_string(),
            _ => String::new(),
        };
        if let Some(text) = self.rendered.text.last_mut() {
            text.code.push_str(&code);
        }
        let block = self.cx.highlighter.render(&info, &code);
        if let Some(language) = block.unknown_language {
            let (position, _) = self.position(range);
            self.rendered.unknown_languages.push(LanguageUse {
                language,
                path: self.cx.shown_path.to_path_buf(),
                position,
            });
        }
        let html = if self.cx.trust == Trust::Contributor {
            self.rendered.code_blocks.push(block.html);
            code_placeholder(self.rendered.code_blocks.len() - 1)
        } else {
            block.html.as_ref().to_string()
        };
        self.out.push(Event::Html(html.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::md;

    #[test]
    fn code_blocks_are_escaped_with_a_language_class() {
        let r = md("```python title=\"x.py\"\nif a < b:\n    pass\n```\n");
        assert_eq!(
            r.html,
            "<figure class=\"code-block\" data-lang=\"python\"><figcaption class=\"code-title\">x.py</figcaption><pre class=\"hl-code\" dir=\"ltr\" tabindex=\"0\"><code class=\"language-python\"><span class=\"line\">if a &lt; b:</span>\n<span class=\"line\">    pass</span>\n</code></pre></figure>\n"
        );
        assert!(r.unknown_languages.is_empty());
    }

    #[test]
    fn unknown_code_languages_are_recorded_with_their_line() {
        let r = md("Intro\n\n```klingon\nQapla'\n```\n");
        assert_eq!(
            r.unknown_languages,
            vec![LanguageUse {
                language: "klingon".into(),
                path: "content/a.md".into(),
                position: Position::new(12, 1)
            }]
        );
    }
}
