//! Q&A threads: a question's body followed by `--- answer` and `--- reply` blocks, or a folder
//! whose `index.md` is the question and whose other files are answers. This stage cuts the text
//! into posts and checks their metadata; markdown is rendered later.

use crate::date::{Date, checked_date};
use crate::diagnostic::{Diagnostic, Position, Source};
use crate::frontmatter::{self, ANSWER_KEYS, AnswerMeta, Fragment, REPLY_KEYS, ReplyMeta};

/// Markdown of one post with the file line its first line sits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostBody {
    pub markdown: String,
    pub first_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub anchor: String,
    pub author: String,
    pub date: Option<Date>,
    pub body: PostBody,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub anchor: String,
    pub author: String,
    pub date: Option<Date>,
    pub votes: i64,
    pub accepted: bool,
    pub body: PostBody,
    pub replies: Vec<Reply>,
    /// The file the answer was written in (the thread file, or its own file in a thread folder).
    pub path: std::path::PathBuf,
    pub marker: Position,
}

/// A question's own body, its direct replies and its answers in reading order (see
/// `sort_for_reading`; anchors are numbered in file order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadPosts {
    pub question: PostBody,
    pub question_replies: Vec<Reply>,
    pub answers: Vec<Answer>,
}

impl ThreadPosts {
    /// The anchors of the thread's answers and replies, which the theme writes as ids.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        let replies = (self.answers.iter().flat_map(|a| &a.replies)).chain(&self.question_replies);
        (self.answers.iter().map(|a| a.anchor.as_str())).chain(replies.map(|r| r.anchor.as_str()))
    }
}

/// How the anchors a thread numbers itself start (`answer-2`, `answer-2-reply-1`,
/// `question-reply-1`).
const NUMBERED_ANCHORS: [&str; 2] = ["answer-", "question-reply-"];

/// Whether `fragment` has the form of an anchor a thread numbers itself, whether or not the
/// thread has it.
pub(crate) fn is_numbered_anchor(fragment: &str) -> bool {
    NUMBERED_ANCHORS.iter().any(|p| fragment.starts_with(p))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Answer,
    Reply,
}

/// One `--- answer`/`--- reply` block as written: marker line, YAML and markdown.
#[derive(Debug)]
struct Block<'a> {
    marker: Marker,
    marker_line: usize,
    yaml: &'a str,
    body: PostBody,
}

/// Tracks fenced code blocks so marker lines inside them stay plain text.
#[derive(Default)]
struct FenceState {
    open: Option<(char, usize)>,
}

impl FenceState {
    /// Feeds a line; returns true when the line is inside (or opens/closes) a fence.
    fn feed(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let fence = (indent < 4)
            .then(|| fence_run(line.trim_start_matches(' ')))
            .flatten();
        match (self.open, fence) {
            (None, Some(run)) => {
                self.open = Some(run);
                true
            }
            (Some((c, n)), Some((c2, n2))) if c == c2 && n2 >= n && is_closing(line, n2) => {
                self.open = None;
                true
            }
            (open, _) => open.is_some(),
        }
    }
}

fn fence_run(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn is_closing(line: &str, run: usize) -> bool {
    line.trim_start_matches(' ')[run..].trim().is_empty()
}

fn marker_of(line: &str) -> Option<Marker> {
    match line.trim_end() {
        "--- answer" => Some(Marker::Answer),
        "--- reply" => Some(Marker::Reply),
        _ => None,
    }
}

/// Cuts a body into the leading markdown and the blocks after it.
fn cut_blocks<'a>(
    source: &Source,
    body: &'a str,
    body_line: usize,
) -> Result<(PostBody, Vec<Block<'a>>), Diagnostic> {
    let lines: Vec<(usize, &str)> = body
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .collect();
    let mut fences = FenceState::default();
    let mut markers = Vec::new();
    for (i, (_, line)) in lines.iter().enumerate() {
        if !fences.feed(line)
            && let Some(marker) = marker_of(line)
        {
            markers.push((i, marker));
        }
    }
    let offset_of = |i: usize| lines.get(i).map_or(body.len(), |(o, _)| *o);
    let lead_end = markers.first().map_or(lines.len(), |(i, _)| *i);
    let lead = PostBody {
        markdown: body[..offset_of(lead_end)].to_string(),
        first_line: body_line,
    };
    let mut blocks = Vec::new();
    for (k, &(i, marker)) in markers.iter().enumerate() {
        let end = markers.get(k + 1).map_or(lines.len(), |(j, _)| *j);
        let close = (i + 1..end).find(|&j| lines[j].1.trim_end() == "---");
        let marker_line = body_line + i;
        let Some(close) = close else {
            return Err(source
                .error(Position::line(marker_line), "block metadata is not closed")
                .with_code("F0103")
                .with_help(
                    "add a line with only `---` after the block's `author:`, `date:`... lines",
                ));
        };
        blocks.push(Block {
            marker,
            marker_line,
            yaml: &body[offset_of(i + 1)..offset_of(close)],
            body: PostBody {
                markdown: body[offset_of(close + 1)..offset_of(end)].to_string(),
                first_line: body_line + close + 1,
            },
        });
    }
    Ok((lead, blocks))
}

/// Parses a single-file thread: the question body with its blocks.
pub fn parse_thread(
    source: &Source,
    body: &str,
    body_line: usize,
) -> Result<ThreadPosts, Vec<Diagnostic>> {
    let (question, blocks) = cut_blocks(source, body, body_line).map_err(|d| vec![d])?;
    let mut builder = ThreadBuilder::new(question);
    let mut errors = Vec::new();
    for block in blocks {
        let result = match block.marker {
            Marker::Answer => answer_from_block(source, &block).map(|a| builder.push_answer(a)),
            Marker::Reply => reply_from_block(source, &block).map(|r| builder.push_reply(r)),
        };
        if let Err(d) = result {
            errors.push(d);
        }
    }
    builder.finish(errors, &[*source])
}

/// One answer file of a thread folder: its front matter and body (which may hold replies).
pub(crate) struct AnswerFile<'a> {
    pub source: Source<'a>,
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Parses a thread folder: the question from `index.md`, then one answer per file, in file name
/// order.
pub(crate) fn parse_thread_folder(
    question_source: &Source,
    body: &str,
    body_line: usize,
    answer_files: &[AnswerFile],
) -> Result<ThreadPosts, Vec<Diagnostic>> {
    let (question, blocks) = cut_blocks(question_source, body, body_line).map_err(|d| vec![d])?;
    let mut builder = ThreadBuilder::new(question);
    let mut errors = Vec::new();
    for block in blocks {
        let result = match block.marker {
            Marker::Reply => {
                reply_from_block(question_source, &block).map(|r| builder.push_reply(r))
            }
            Marker::Answer => Err(question_source
                .error(
                    Position::line(block.marker_line),
                    "answer block in a thread folder's index.md",
                )
                .with_code("F0201")
                .with_help("in a thread folder each answer is its own file next to index.md")),
        };
        if let Err(d) = result {
            errors.push(d);
        }
    }
    for file in answer_files {
        match answer_from_file(file) {
            Ok((answer, replies)) => {
                builder.push_answer(answer);
                replies.into_iter().for_each(|r| builder.push_reply(r));
            }
            Err(mut ds) => errors.append(&mut ds),
        }
    }
    let mut sources = vec![*question_source];
    sources.extend(answer_files.iter().map(|f| f.source));
    builder.finish(errors, &sources)
}

fn answer_from_file(file: &AnswerFile) -> Result<(Answer, Vec<Reply>), Vec<Diagnostic>> {
    let source = &file.source;
    let (body, blocks) = cut_blocks(source, file.body, file.body_line).map_err(|d| vec![d])?;
    let fragment = Fragment {
        yaml: file.yaml,
        first_line: file.yaml_line,
        marker_line: 1,
        what: "answer",
        known_keys: ANSWER_KEYS,
    };
    let answer = answer_from_meta(source, &fragment, body).map_err(|d| vec![d])?;
    let mut replies = Vec::new();
    let mut errors = Vec::new();
    for block in blocks {
        match block.marker {
            Marker::Reply => match reply_from_block(source, &block) {
                Ok(r) => replies.push(r),
                Err(d) => errors.push(d),
            },
            Marker::Answer => errors.push(
                source
                    .error(
                        Position::line(block.marker_line),
                        "a second answer in an answer file",
                    )
                    .with_code("F0201")
                    .with_help("each answer of a thread folder is its own file"),
            ),
        }
    }
    if errors.is_empty() {
        Ok((answer, replies))
    } else {
        Err(errors)
    }
}

fn answer_from_block(source: &Source, block: &Block) -> Result<Answer, Diagnostic> {
    let fragment = Fragment {
        yaml: block.yaml,
        first_line: block.marker_line + 1,
        marker_line: block.marker_line,
        what: "answer",
        known_keys: ANSWER_KEYS,
    };
    answer_from_meta(source, &fragment, block.body.clone())
}

fn answer_from_meta(
    source: &Source,
    fragment: &Fragment,
    body: PostBody,
) -> Result<Answer, Diagnostic> {
    let meta: AnswerMeta = frontmatter::parse(source, fragment)?;
    let author = required_author(source, fragment, meta.author)?;
    let votes = match &meta.votes {
        None => 0,
        Some(value) => frontmatter::votes_value(value).map_err(|found| {
            source
                .error(
                    fragment.key_position("votes"),
                    format!("`votes` must be a whole number, found `{found}`"),
                )
                .with_code("F0106")
                .with_help("write the vote count as an integer, e.g. `votes: 12`")
        })?,
    };
    Ok(Answer {
        anchor: checked_id(source, fragment, meta.id)?.unwrap_or_default(),
        author,
        date: checked_date(source, fragment, "date", meta.date.as_deref())?,
        votes,
        accepted: meta.accepted.unwrap_or(false),
        body,
        replies: Vec::new(),
        path: source.path.to_path_buf(),
        marker: Position::line(fragment.marker_line),
    })
}

fn reply_from_block(source: &Source, block: &Block) -> Result<Reply, Diagnostic> {
    let fragment = Fragment {
        yaml: block.yaml,
        first_line: block.marker_line + 1,
        marker_line: block.marker_line,
        what: "reply",
        known_keys: REPLY_KEYS,
    };
    let meta: ReplyMeta = frontmatter::parse(source, &fragment)?;
    Ok(Reply {
        anchor: checked_id(source, &fragment, meta.id)?.unwrap_or_default(),
        author: required_author(source, &fragment, meta.author)?,
        date: checked_date(source, &fragment, "date", meta.date.as_deref())?,
        body: block.body.clone(),
    })
}

fn required_author(
    source: &Source,
    fragment: &Fragment,
    author: Option<String>,
) -> Result<String, Diagnostic> {
    match author.map(|a| a.trim().to_string()) {
        Some(a) if !a.is_empty() => Ok(a),
        _ => Err(source
            .error(
                Position::line(fragment.marker_line),
                format!("{} has no author", fragment.what),
            )
            .with_code("F0104")
            .with_help("add a line `author: NAME` to the block")),
    }
}

fn checked_id(
    source: &Source,
    fragment: &Fragment,
    id: Option<String>,
) -> Result<Option<String>, Diagnostic> {
    match id {
        Some(id) if !crate::slug::is_valid_slug(&id) => Err(source
            .error(fragment.key_position("id"), format!("invalid id `{id}`"))
            .with_code("F0110")
            .with_help("ids use lowercase letters, digits, `-` and `_`")),
        other => Ok(other),
    }
}

/// Collects posts in file order, numbering anchors and attaching replies to the answer above.
struct ThreadBuilder {
    posts: ThreadPosts,
}

impl ThreadBuilder {
    fn new(question: PostBody) -> Self {
        ThreadBuilder {
            posts: ThreadPosts {
                question,
                question_replies: Vec::new(),
                answers: Vec::new(),
            },
        }
    }

    fn push_answer(&mut self, mut answer: Answer) {
        if answer.anchor.is_empty() {
            answer.anchor = format!("{}{}", NUMBERED_ANCHORS[0], self.posts.answers.len() + 1);
        }
        self.posts.answers.push(answer);
    }

    fn push_reply(&mut self, mut reply: Reply) {
        let (parent, replies) = match self.posts.answers.last_mut() {
            Some(answer) => (answer.anchor.clone(), &mut answer.replies),
            None => ("question".to_string(), &mut self.posts.question_replies),
        };
        if reply.anchor.is_empty() {
            reply.anchor = format!("{parent}-reply-{}", replies.len() + 1);
        }
        replies.push(reply);
    }

    fn finish(
        self,
        mut errors: Vec<Diagnostic>,
        sources: &[Source],
    ) -> Result<ThreadPosts, Vec<Diagnostic>> {
        errors.extend(self.check_accepted().map(
            |d| match sources.iter().find(|s| s.path == d.path) {
                Some(source) => d.with_source(source.text),
                None => d,
            },
        ));
        if errors.is_empty() {
            let mut posts = self.posts;
            sort_for_reading(&mut posts.answers);
            Ok(posts)
        } else {
            Err(errors)
        }
    }

    fn check_accepted(&self) -> Option<Diagnostic> {
        let accepted: Vec<&Answer> = self.posts.answers.iter().filter(|a| a.accepted).collect();
        let [first, second, ..] = accepted.as_slice() else {
            return None;
        };
        Some(
            Diagnostic::error(
                &second.path,
                second.marker,
                "a thread can have only one accepted answer",
            )
            .with_code("F0202")
            .with_help(format!(
                "`{}` (line {}) is already accepted; remove `accepted: true` from one of them",
                first.anchor, first.marker.line
            )),
        )
    }
}

/// Puts answers in reading order, once, when the thread is loaded: accepted first, then by votes
/// (descending), then oldest first, then file order.
fn sort_for_reading(answers: &mut [Answer]) {
    answers.sort_by(|a, b| {
        b.accepted
            .cmp(&a.accepted)
            .then(b.votes.cmp(&a.votes))
            .then(a.date.cmp(&b.date))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(body: &str) -> Result<ThreadPosts, String> {
        let src = Source::new(Path::new("q.md"), body);
        parse_thread(&src, body, 1).map_err(|ds| {
            ds.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    const THREAD: &str = "Is Django still worth it?\n\n--- reply\nauthor: asker\n---\nContext.\n\n--- answer\nauthor: a\nvotes: 3\n---\nYes.\n\n--- reply\nauthor: asker\n---\nThanks!\n\n--- answer\nauthor: b\nvotes: 9\naccepted: true\ndate: 2026-03-02\n---\nAlso yes.\n";

    #[test]
    fn cuts_question_answers_and_replies() {
        let t = parse(THREAD).unwrap();
        assert_eq!(t.question.markdown, "Is Django still worth it?\n\n");
        assert_eq!(t.question_replies[0].anchor, "question-reply-1");
        // Anchors follow the file; the accepted answer comes first in reading order.
        assert_eq!(t.answers.len(), 2);
        assert_eq!(t.answers[1].anchor, "answer-1");
        assert_eq!(t.answers[1].replies[0].anchor, "answer-1-reply-1");
        assert_eq!(t.answers[1].replies[0].body.markdown, "Thanks!\n\n");
        assert_eq!(t.answers[0].anchor, "answer-2");
        assert_eq!(t.answers[0].body.first_line, 25);
        assert!(t.answers[0].accepted);
    }

    #[test]
    fn orders_accepted_then_votes_then_date() {
        let t = parse(THREAD).unwrap();
        let order: Vec<&str> = t.answers.iter().map(|a| a.author.as_str()).collect();
        assert_eq!(order, ["b", "a"]);
        let more = parse("Q\n\n--- answer\nauthor: old\nvotes: 5\ndate: 2026-01-01\n---\nx\n\n--- answer\nauthor: new\nvotes: 5\ndate: 2026-02-01\n---\ny\n\n--- answer\nauthor: top\nvotes: 7\n---\nz\n").unwrap();
        let order: Vec<&str> = more.answers.iter().map(|a| a.author.as_str()).collect();
        assert_eq!(order, ["top", "old", "new"]);
    }

    #[test]
    fn markers_inside_code_fences_are_text() {
        let body = "Q\n\n````markdown\n--- answer\nauthor: x\n---\n```\nnested\n```\n````\n\n--- answer\nauthor: real\n---\nA\n";
        let t = parse(body).unwrap();
        assert_eq!(t.answers.len(), 1);
        assert_eq!(t.answers[0].author, "real");
        assert!(t.question.markdown.contains("--- answer\nauthor: x"));
    }

    #[test]
    fn tilde_fences_also_protect_markers() {
        let t = parse("Q\n~~~\n--- reply\n~~~\n").unwrap();
        assert!(t.question_replies.is_empty());
    }

    #[test]
    fn two_accepted_answers_is_an_error_at_the_second() {
        let err = parse("Q\n\n--- answer\nauthor: a\naccepted: true\n---\nx\n\n--- answer\nauthor: b\naccepted: true\n---\ny\n").unwrap_err();
        assert!(
            err.starts_with(
                "q.md:9:1: error[F0202]: a thread can have only one accepted answer\n  |\n9 | --- answer\n"
            ),
            "{err}"
        );
        assert!(
            err.contains("`answer-1` (line 3) is already accepted"),
            "{err}"
        );
    }

    #[test]
    fn answer_without_author_is_an_error_at_its_marker() {
        let err = parse("Q\n\n--- answer\nvotes: 2\n---\nx\n").unwrap_err();
        assert!(
            err.starts_with("q.md:3:1: error[F0104]: answer has no author"),
            "{err}"
        );
    }

    #[test]
    fn fractional_votes_are_an_error_at_the_key() {
        let err = parse("Q\n\n--- answer\nauthor: a\nvotes: 1.5\n---\nx\n").unwrap_err();
        assert!(
            err.starts_with("q.md:5:8: error[F0106]: `votes` must be a whole number, found `1.5`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_block_key_is_positioned_with_suggestion() {
        let err = parse("Q\n\n--- reply\nauthor: a\nvotes: 1\n---\nx\n").unwrap_err();
        assert!(
            err.starts_with("q.md:5:1: error[F0101]: unknown reply key `votes`"),
            "{err}"
        );
        let err = parse("Q\n\n--- answer\nauthr: a\n---\nx\n").unwrap_err();
        assert!(err.contains("did you mean `author`?"), "{err}");
    }

    #[test]
    fn unclosed_block_is_an_error() {
        let err = parse("Q\n\n--- answer\nauthor: a\nText without fence\n").unwrap_err();
        assert!(
            err.starts_with("q.md:3:1: error[F0103]: block metadata is not closed"),
            "{err}"
        );
    }

    #[test]
    fn explicit_ids_are_kept_and_checked() {
        let t = parse(
            "Q\n\n--- answer\nauthor: a\nid: go-instead\n---\nx\n\n--- reply\nauthor: b\n---\ny\n",
        )
        .unwrap();
        assert_eq!(t.answers[0].anchor, "go-instead");
        assert_eq!(t.answers[0].replies[0].anchor, "go-instead-reply-1");
        let err = parse("Q\n\n--- answer\nauthor: a\nid: Bad Id\n---\nx\n").unwrap_err();
        assert!(
            err.starts_with("q.md:5:5: error[F0110]: invalid id `Bad Id`"),
            "{err}"
        );
    }
}
