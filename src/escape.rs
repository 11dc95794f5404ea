//! Escaping text for HTML and XML output: a string goes in, the same string with its markup
//! characters written as entities comes out. There are two rules, one per place a string can
//! land: text between tags (`&`, `<`, `>`), and attribute values, template output and feed XML
//! (also `"` and `'`). Every module that writes markup by hand uses these, so the rules live in
//! one leaf module that depends on nothing in the crate (and no module imports another one only
//! for its escaping).

/// `text` for a place between tags, appended to `out`: the highlighter escapes every run of code
/// between its spans into one buffer.
pub(crate) fn text_into(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    pulldown_cmark_escape::escape_html_body_text(out, text).ok();
}

/// `text` for a quoted attribute value, or anywhere else: `&`, `<`, `>`, `"` and `'` become
/// entities (`'` as `&#39;`). Templates and feeds use it too: it is also valid XML, and one rule
/// for all of them means a URL escapes the same way in a page's links and in its sidebar index.
pub(crate) fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a `String` cannot fail.
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_quotes() {
        let mut out = String::from("<p>");
        text_into(&mut out, "a < b && \"c\" > 'd'");
        assert_eq!(out, "<p>a &lt; b &amp;&amp; \"c\" &gt; 'd'");
    }

    #[test]
    fn attributes_escape_both_quotes() {
        assert_eq!(
            attr("<a href=\"x\">Tom's & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(attr("/guide/ünïcode/"), "/guide/ünïcode/");
    }
}
