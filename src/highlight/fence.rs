//! The info string of a code fence (`python linenos hl_lines="2 4-6" title="app.py"`) goes in,
//! its options come out: the language that picks a grammar, and what the block's HTML shows
//! around the code (line numbers, highlighted lines, a title). Kept apart from the grammars so
//! the fence syntax can be read and tested on its own.

/// The fence's options, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FenceOptions {
    pub language: String,
    pub line_numbers: bool,
    pub first_line: usize,
    pub highlighted_lines: Vec<(usize, usize)>,
    pub title: Option<String>,
}

impl FenceOptions {
    /// `python linenos linenostart=5 hl_lines="2 4-6" title="app.py"`
    pub(crate) fn parse(info: &str) -> FenceOptions {
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

    pub(super) fn is_highlighted(&self, line: usize) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
