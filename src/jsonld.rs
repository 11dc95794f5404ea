//! Structured data for search engines: `Article` for articles, `QAPage` for threads (Google's
//! Q&A guidelines) or `DiscussionForumPosting` with `schema: forum`. The JSON is escaped so no
//! content can close the `<script>` element it sits in.

use serde_json::{Value, json};

use crate::frontmatter::Schema;
use crate::views::{AnswerView, PageView, ThreadView};

/// Text of an HTML fragment for `text` fields: tags dropped, whitespace folded. Block tags
/// separate words; inline ones (a highlighted `{}` is several spans) do not.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = &rest[start..];
            break;
        };
        let tag = &rest[start + 1..start + end];
        if !is_inline_tag(tag) {
            out.push(' ');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let text = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `tag` (what is between `<` and `>`) opens or closes an inline element.
fn is_inline_tag(tag: &str) -> bool {
    const INLINE: [&str; 16] = [
        "a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span",
        "strong", "sub", "sup",
    ];
    let name = tag.trim_start_matches('/');
    let name = name
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    INLINE
        .iter()
        .any(|inline| name.eq_ignore_ascii_case(inline))
}

fn person(name: &str) -> Value {
    json!({ "@type": "Person", "name": name })
}

pub(crate) fn article(page: &PageView) -> String {
    let s = &page.summary;
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": s.title,
        "url": page.permalink,
        "mainEntityOfPage": page.permalink,
        "wordCount": page.word_count,
        "inLanguage": page.language,
    });
    insert_opt(
        &mut data,
        "description",
        s.description.clone().map(Value::from),
    );
    insert_opt(
        &mut data,
        "datePublished",
        s.date.date_iso.clone().map(Value::from),
    );
    insert_opt(
        &mut data,
        "dateModified",
        page.updated_iso
            .clone()
            .or_else(|| s.date.date_iso.clone())
            .map(Value::from),
    );
    if !s.authors.is_empty() {
        data["author"] = s.authors.iter().map(|a| person(a)).collect();
    }
    safe_json(&data)
}

fn answer(a: &AnswerView, permalink: &str) -> Value {
    let mut data = json!({
        "@type": "Answer",
        "text": plain(&a.content),
        "upvoteCount": a.votes,
        "url": format!("{permalink}#{}", a.id),
        "author": person(&a.author),
    });
    insert_opt(
        &mut data,
        "datePublished",
        a.date.date_iso.clone().map(Value::from),
    );
    data
}

pub(crate) fn thread(page: &PageView, thread: &ThreadView, schema: Schema) -> String {
    let s = &page.summary;
    let data = match schema {
        Schema::Qa => {
            let mut question = json!({
                "@type": "Question",
                "name": s.title,
                "text": plain(&page.content),
                "answerCount": thread.answer_count,
                "upvoteCount": thread.votes,
                "author": person(&thread.author),
            });
            insert_opt(
                &mut question,
                "dateCreated",
                thread.date.date_iso.clone().map(Value::from),
            );
            if let Some(accepted) = thread.answers.iter().find(|a| a.accepted) {
                question["acceptedAnswer"] = answer(accepted, &page.permalink);
            }
            let suggested: Vec<Value> = thread
                .answers
                .iter()
                .filter(|a| !a.accepted)
                .map(|a| answer(a, &page.permalink))
                .collect();
            if !suggested.is_empty() {
                question["suggestedAnswer"] = Value::Array(suggested);
            }
            json!({ "@context": "https://schema.org", "@type": "QAPage", "inLanguage": page.language, "mainEntity": question })
        }
        Schema::Forum => {
            let comments: Vec<Value> = thread
                .answers
                .iter()
                .map(|a| {
                    let mut c = json!({ "@type": "Comment", "text": plain(&a.content), "author": person(&a.author), "url": format!("{}#{}", page.permalink, a.id) });
                    insert_opt(&mut c, "datePublished", a.date.date_iso.clone().map(Value::from));
                    c
                })
                .collect();
            let mut post = json!({
                "@context": "https://schema.org",
                "@type": "DiscussionForumPosting",
                "inLanguage": page.language,
                "headline": s.title,
                "text": plain(&page.content),
                "url": page.permalink,
                "author": person(&thread.author),
                "comment": comments,
            });
            insert_opt(
                &mut post,
                "datePublished",
                thread.date.date_iso.clone().map(Value::from),
            );
            post
        }
    };
    safe_json(&data)
}

fn insert_opt(data: &mut Value, key: &str, value: Option<Value>) {
    if let (Some(value), Some(map)) = (value, data.as_object_mut()) {
        map.insert(key.to_string(), value);
    }
}

/// JSON with `<`, `>` and `&` escaped, so `</script>` or `<!--` in content cannot end the element.
fn safe_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakouts_are_escaped() {
        let out = safe_json(&json!({ "text": "</script><script>alert(1)</script> & <!--" }));
        assert!(!out.contains('<') && !out.contains('>'));
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap()["text"],
            "</script><script>alert(1)</script> & <!--"
        );
    }

    #[test]
    fn plain_text_drops_tags_and_entities() {
        assert_eq!(
            plain("<p>Use <code>a &lt; b</code></p>\n<p>Then</p>"),
            "Use a < b Then"
        );
        assert_eq!(
            plain(
                "<pre><code><span class=\"hl-p\">{</span><span class=\"hl-p\">}</span></code></pre><p>x<br>y</p>"
            ),
            "{} x y"
        );
    }
}
