//! Front matter: the YAML between `---` lines at the top of a file, and the YAML of answer and
//! reply blocks. Errors are positioned at the line of the source file, not of the YAML fragment.
//! This is the one module that knows the YAML crate.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, LineIndex, Position, Source, unknown_name_help};

/// A file cut into its front matter and its body. Line numbers are 1-based lines of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

impl<'a> Split<'a> {
    /// The YAML of a page's file, to parse as `PageFrontMatter`.
    pub fn page_fragment(&self) -> Fragment<'a> {
        self.fragment("front matter", PAGE_KEYS)
    }

    /// The YAML of a section's `_index.md`, to parse as `SectionFrontMatter`.
    pub fn section_fragment(&self) -> Fragment<'a> {
        self.fragment("section front matter", SECTION_KEYS)
    }

    fn fragment(&self, what: &'static str, known_keys: &'static [&'static str]) -> Fragment<'a> {
        Fragment {
            yaml: self.yaml,
            first_line: self.yaml_line,
            marker_line: 1,
            what,
            known_keys,
        }
    }
}

/// Cuts `text` (newlines already normalized to `\n`) at its front matter fences.
pub fn split<'a>(source: &Source, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        return Err(source
            .error(Position::line(1), "missing front matter")
            .with_code("F0102")
            .with_help(
                "start the file with a `---` line, then `title: ...`, then another `---` line",
            ));
    };
    let closing = find_closing_fence(rest);
    let Some((yaml_len, body_start)) = closing else {
        return Err(source
            .error(Position::line(1), "front matter is not closed")
            .with_code("F0103")
            .with_help("add a line with only `---` after the front matter"));
    };
    let yaml = &rest[..yaml_len];
    let body = &rest[body_start..];
    Ok(Split {
        yaml,
        yaml_line: 2,
        body,
        body_line: 2 + yaml.lines().count() + 1,
    })
}

/// Byte length of the YAML and the offset where the body starts, or `None` without a fence.
fn find_closing_fence(rest: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// What a YAML fragment is, for messages: "front matter", "answer block"...
#[derive(Debug, Clone, Copy)]
pub struct Fragment<'a> {
    pub yaml: &'a str,
    /// File line of the fragment's first line.
    pub first_line: usize,
    /// File line of the opening marker, for problems with the fragment as a whole.
    pub marker_line: usize,
    pub what: &'a str,
    pub known_keys: &'a [&'a str],
}

/// Deserializes a YAML fragment into `T` (which denies unknown fields) and turns YAML errors into
/// positioned diagnostics with a help line.
pub fn parse<T: DeserializeOwned>(source: &Source, fragment: &Fragment) -> Result<T, Diagnostic> {
    serde_yaml_ng::from_str(fragment.yaml).map_err(|err| {
        let message = strip_location(&err.to_string());
        // By byte offset, through folio's line index: YAML's own line count also breaks at
        // U+0085, U+2028 and U+2029, which folio (and the rest of its messages) do not.
        let lines = LineIndex::new(fragment.yaml);
        let located = err.location().map(|l| {
            let p = lines.position(l.index());
            (p.line, p.col)
        });
        describe(source, fragment, &message, located)
    })
}

/// Drops every ` at line N column M`: those count lines of the fragment, not of the file.
fn strip_location(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let digits = |t: &str| t.chars().take_while(char::is_ascii_digit).count();
        let line_len = digits(rest);
        let Some(after) = rest[line_len..].strip_prefix(" column ") else {
            break;
        };
        let end = i + " at line ".len() + line_len + " column ".len() + digits(after);
        out.replace_range(i..end, "");
    }
    out
}

/// `i64` -> `a whole number`: serde's names for types, in an author's words.
fn plain_type(expected: &str) -> &str {
    match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" => "a whole number",
        "a sequence" => "a list",
        "a string" => "text",
        "a boolean" => "true or false",
        "a map" => "a set of `key: value` lines",
        other => other,
    }
}

/// Rewrites serde's `key: invalid type: string "x", expected i64` for authors, with its code:
/// a value of the wrong type, a value not allowed, or YAML that does not parse.
fn explain(message: &str, what: &str) -> (&'static str, String) {
    if let Some((key, rest)) = message.split_once(": invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        let text = format!("`{key}` must be {}, found {found}", plain_type(expected));
        return ("F0106", text);
    }
    if let Some((key, rest)) = message.split_once(": ")
        && !key.contains(' ')
    {
        return ("F0107", format!("invalid value for `{key}`: {rest}"));
    }
    ("F0108", format!("invalid YAML in the {what}: {message}"))
}

fn between_backticks(text: &str) -> Option<&str> {
    let start = text.find('`')? + 1;
    let len = text[start..].find('`')?;
    Some(&text[start..start + len])
}

fn describe(
    source: &Source,
    fragment: &Fragment,
    message: &str,
    located: Option<(usize, usize)>,
) -> Diagnostic {
    let at = |line: usize, col: usize| Position::new(fragment.first_line + line - 1, col);
    let marker = Position::line(fragment.marker_line);
    let what = fragment.what;
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = between_backticks(rest).unwrap_or(rest);
        let position = located.map_or(marker, |(l, c)| at(l, c));
        return source
            .error(position, format!("unknown {what} key `{key}`"))
            .with_code("F0101")
            .with_help(unknown_name_help(key, fragment.known_keys));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = between_backticks(rest).unwrap_or(rest);
        return source
            .error(marker, format!("{what} has no `{key}`"))
            .with_code("F0104")
            .with_help(format!("add a line `{key}: ...`"));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let key = between_backticks(rest).unwrap_or(rest);
        let line = key_lines(fragment.yaml, key)
            .nth(1)
            .map_or(marker, |l| at(l, 1));
        return source
            .error(line, format!("`{key}` is given twice in the {what}"))
            .with_code("F0105");
    }
    let position = match located {
        Some((l, c)) if !(l == 1 && c == 1 && fragment.yaml.trim().is_empty()) => at(l, c),
        _ => marker,
    };
    let (code, text) = explain(message, what);
    source.error(position, text).with_code(code)
}

/// 1-based lines (within the fragment) where a top-level `key:` is written.
fn key_lines<'a>(yaml: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    yaml.lines().enumerate().filter_map(move |(i, line)| {
        let rest = line.strip_prefix(key)?;
        rest.trim_start().starts_with(':').then_some(i + 1)
    })
}

impl Fragment<'_> {
    /// Positions in the file of the items of a top-level sequence `key`, in order: block items
    /// (`- x` on the lines below the key) or a flow sequence on the key's line (`[x, y]`).
    /// Empty when the key is not written or its items are written some other way.
    pub fn item_positions(&self, key: &str) -> Vec<Position> {
        let Some(line) = key_lines(self.yaml, key).next() else {
            return Vec::new();
        };
        let lines: Vec<&str> = self.yaml.lines().collect();
        let at = |l: usize, col: usize| Position::new(self.first_line + l - 1, col);
        let key_line = lines[line - 1];
        let value = key_line[key.len()..].trim_start().trim_start_matches(':');
        let value_start = key_line.len() - value.trim_start().len();
        if value.trim_start().starts_with('[') {
            return flow_items(&key_line[value_start..])
                .map(|offset| at(line, key_line[..value_start + offset].chars().count() + 1))
                .collect();
        }
        let mut items = Vec::new();
        for (i, text) in lines.iter().enumerate().skip(line) {
            let trimmed = text.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let Some(item) = trimmed.strip_prefix('-') else {
                if text.len() == trimmed.len() {
                    break;
                }
                continue;
            };
            let item_start = text.len() - item.trim_start().len();
            items.push(at(i + 1, text[..item_start].chars().count() + 1));
        }
        items
    }

    /// Position of a top-level key's value in the file: where the value starts on the key's line,
    /// else (the value on the lines below) the key; the marker when the key is not written.
    pub fn key_position(&self, key: &str) -> Position {
        let Some(l) = key_lines(self.yaml, key).next() else {
            return Position::line(self.marker_line);
        };
        let line = self.yaml.lines().nth(l - 1).unwrap_or_default();
        let value = line
            .strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix(':'))
            .unwrap_or_default()
            .trim_start();
        let col = if value.is_empty() {
            1
        } else {
            line.chars().count() - value.chars().count() + 1
        };
        Position::new(self.first_line + l - 1, col)
    }
}

/// Byte offsets in `flow` (`[a, "b, c"]`) where each item starts; quotes may hold commas.
fn flow_items(flow: &str) -> impl Iterator<Item = usize> + '_ {
    let mut quote = None;
    let mut starts = Vec::new();
    let mut expecting = true;
    for (i, c) in flow.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, ']') => break,
            (None, ',') => expecting = true,
            (None, c) if c.is_whitespace() => {}
            (None, c) => {
                if expecting {
                    starts.push(i);
                    expecting = false;
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
            }
        }
    }
    starts.into_iter()
}

/// `kind:` of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Article,
    Question,
}

/// `schema:` of a thread: how search engines are told about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Schema {
    #[default]
    Qa,
    Forum,
}

/// The front matter of a page (article or question).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub template: Option<String>,
    pub kind: Option<Kind>,
    pub votes: Option<i64>,
    pub schema: Option<Schema>,
    pub language: Option<String>,
    /// On a translation: the content hash of the original it was translated from.
    pub original_hash: Option<String>,
    /// `false` keeps the page out of the search index.
    pub search: Option<bool>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

const PAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "author",
    "authors",
    "tags",
    "draft",
    "weight",
    "slug",
    "aliases",
    "template",
    "kind",
    "votes",
    "schema",
    "language",
    "original_hash",
    "search",
    "extra",
];

/// How a section lists its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Weight,
    Date,
    Title,
}

/// The front matter of a section's `_index.md` (and of the home page, `content/_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub kind: Option<Kind>,
    #[serde(default)]
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    pub template: Option<String>,
    /// The language of the section's pages (and of its subsections'), unless they say.
    pub language: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

impl SectionFrontMatter {
    /// The front matter of a section's `_index.md` whose whole text is `text`.
    pub fn read(source: &Source, text: &str) -> Result<SectionFrontMatter, Diagnostic> {
        let split = split(source, text)?;
        parse(source, &split.section_fragment())
    }
}

const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "kind",
    "sort_by",
    "paginate_by",
    "template",
    "language",
    "extra",
];

/// The YAML of an `--- answer` block, or the front matter of an answer file in a thread folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnswerMeta {
    pub author: Option<String>,
    pub date: Option<String>,
    pub votes: Option<serde_yaml_ng::Value>,
    pub accepted: Option<bool>,
    pub id: Option<String>,
}

pub(crate) const ANSWER_KEYS: &[&str] = &["author", "date", "votes", "accepted", "id"];

/// The YAML of a `--- reply` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReplyMeta {
    pub author: Option<String>,
    pub date: Option<String>,
    pub id: Option<String>,
}

pub(crate) const REPLY_KEYS: &[&str] = &["author", "date", "id"];

/// Votes must be whole numbers; YAML would happily give us `1.5` or `"many"`.
pub(crate) fn votes_value(value: &serde_yaml_ng::Value) -> Result<i64, String> {
    match value.as_i64() {
        Some(votes) => Ok(votes),
        None => Err(serde_yaml_ng::to_string(value)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Found by fuzzing: YAML also ends a line at U+0085 (NEL), so its line numbers drift from
    /// the file's after one; the error is placed by its byte offset instead.
    #[test]
    fn yaml_errors_after_a_next_line_character_stay_in_the_file() {
        let text = "---\ntitle: First\n!ti 'n:valid ttiat\u{fffd}\u{fffd}\u{fffd}\u{85}\n\n\n...\u{fffd}.................authors: ..---\n'''''''tgk2--\n\n\n\n\n\n\n\n\n\n\n\n---\nBody\n";
        let src = source(text);
        let split = split(&src, text).unwrap();
        let err = parse::<PageFrontMatter>(&src, &split.page_fragment()).unwrap_err();
        let lines = text.split('\n').count();
        assert!(err.position.line <= lines, "{err}");
        let width = text
            .split('\n')
            .nth(err.position.line - 1)
            .unwrap()
            .chars()
            .count();
        assert!(err.position.col <= width + 1, "{err}");
    }

    /// Found by fuzzing: the column was the key's length plus 3, past the end of `votes:` when the
    /// value is on the next line, and off where more than one space follows the colon.
    #[test]
    fn key_position_is_the_value_on_the_keys_line_else_the_key() {
        let fragment = |yaml| Fragment {
            yaml,
            first_line: 10,
            marker_line: 9,
            what: "answer block",
            known_keys: ANSWER_KEYS,
        };
        let at = |yaml, key| fragment(yaml).key_position(key);
        assert_eq!(at("author: a\nvotes: 1.5\n", "votes"), Position::new(11, 8));
        assert_eq!(at("votes:    1.5\n", "votes"), Position::new(10, 11));
        assert_eq!(at("votes:\n  many\n", "votes"), Position::new(10, 1));
        assert_eq!(at("votes :x\n", "votes"), Position::new(10, 8));
        assert_eq!(at("author: a\n", "votes"), Position::line(9));
    }

    fn source(text: &str) -> Source<'_> {
        Source::new(Path::new("a.md"), text)
    }

    fn page(text: &str) -> Result<PageFrontMatter, String> {
        let src = source(text);
        let split = split(&src, text).map_err(|d| d.to_string())?;
        let fragment = split.page_fragment();
        parse(&src, &fragment).map_err(|d| d.to_string())
    }

    #[test]
    fn splits_front_matter_and_body_with_lines() {
        let text = "---\ntitle: A\ntags: [x]\n---\nBody\n";
        let split = split(&source(text), text).unwrap();
        assert_eq!(split.yaml, "title: A\ntags: [x]\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = page("---\ntitle: A\nBody\n").unwrap_err();
        assert!(
            err.starts_with("a.md:1:1: error[F0103]: front matter is not closed"),
            "{err}"
        );
    }

    #[test]
    fn unknown_key_is_positioned_in_the_file_with_a_suggestion() {
        let err = page("---\ntitle: A\ntitel: B\n---\n").unwrap_err();
        assert_eq!(
            err,
            "a.md:3:1: error[F0101]: unknown front matter key `titel`\n  |\n3 | titel: B\n  | ^\n  = help: did you mean `title`?"
        );
    }

    #[test]
    fn wrong_type_is_positioned_at_the_value() {
        let err = page("---\ntitle: A\ntags: 3\n---\n").unwrap_err();
        assert!(
            err.starts_with("a.md:3:7: error[F0106]: `tags` must be a list, found integer `3`"),
            "{err}"
        );
    }

    #[test]
    fn yaml_syntax_errors_lose_fragment_positions() {
        let err = page("---\ntitle: \"oops\ndate: 2026-01-01\n---\n").unwrap_err();
        assert!(err.starts_with("a.md:4:1: error[F0108]: invalid YAML in the front matter: found unexpected end of stream, while scanning a quoted scalar"), "{err}");
    }

    #[test]
    fn missing_title_points_at_the_fence() {
        let err = page("---\ndate: 2026-01-01\n---\n").unwrap_err();
        assert!(
            err.starts_with("a.md:1:1: error[F0104]: front matter has no `title`"),
            "{err}"
        );
    }

    #[test]
    fn accepts_all_documented_keys() {
        let fm = page(
            "---\ntitle: A\ndescription: d\ndate: 2026-01-02\nupdated: 2026-01-03\nauthor: me\n\
             tags: [a, b]\ndraft: true\nweight: 3\nslug: s\naliases: [/old/]\ntemplate: t.html\n\
             kind: question\nvotes: 2\nschema: forum\nlanguage: ru\nextra:\n  k: v\n---\n",
        )
        .unwrap();
        assert_eq!(fm.kind, Some(Kind::Question));
        assert_eq!(fm.extra["k"], "v");
        assert_eq!(fm.schema, Some(Schema::Forum));
    }

    #[test]
    fn items_of_a_sequence_are_placed_one_by_one() {
        let fragment = |yaml| Fragment {
            yaml,
            first_line: 2,
            marker_line: 1,
            what: "front matter",
            known_keys: PAGE_KEYS,
        };
        let block =
            fragment("title: T\naliases:\n  - /a/\n\n  -   \"/b/\"\n# note\nslug: s\n- /c/\n");
        assert_eq!(
            block.item_positions("aliases"),
            [Position::new(4, 5), Position::new(6, 7)]
        );
        let flow = fragment("aliases: [/a/, \"/b, c/\",  /d/]\n");
        assert_eq!(
            flow.item_positions("aliases"),
            [
                Position::new(2, 11),
                Position::new(2, 16),
                Position::new(2, 27)
            ]
        );
        assert_eq!(fragment("title: T\n").item_positions("aliases"), []);
    }

    #[test]
    fn votes_must_be_whole_numbers() {
        assert_eq!(votes_value(&serde_yaml_ng::Value::from(3)), Ok(3));
        assert_eq!(
            votes_value(&serde_yaml_ng::Value::from(1.5)),
            Err("1.5".into())
        );
    }
}
