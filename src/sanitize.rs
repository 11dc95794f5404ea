//! Q&A answers and replies come from contributors, so their HTML goes through an allow-list
//! sanitizer (ammonia): scripts, event handlers, styles and `javascript:` URLs never reach the
//! page, while everything folio's own markdown renderer emits survives. This is the one module
//! that knows the sanitizer crate.

pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
}

impl Default for Sanitizer {
    fn default() -> Self {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["section", "input"])
            .add_generic_attributes(["class", "id", "aria-label", "role", "tabindex"])
            .add_tag_attributes("figure", ["data-lang"])
            .add_tag_attributes("pre", ["data-linenos"])
            .add_tag_attributes("span", ["data-line"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .link_rel(Some("nofollow ugc noopener noreferrer"));
        Sanitizer { builder }
    }
}

impl Sanitizer {
    pub fn clean(&self, html: &str) -> String {
        self.builder.clean(html).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let s = Sanitizer::default();
        let out = s.clean("<p onclick=\"x()\">Hi<script>alert(1)</script> <a href=\"javascript:alert(1)\">x</a></p>");
        assert_eq!(
            out,
            "<p>Hi <a rel=\"nofollow ugc noopener noreferrer\">x</a></p>"
        );
    }

    #[test]
    fn keeps_highlighted_code_blocks_whole() {
        let html = "<figure class=\"code-block\" data-lang=\"py\"><pre class=\"hl-code\" tabindex=\"0\" data-linenos=\"\"><code><span class=\"line hl\" data-line=\"3\">x</span></code></pre></figure>";
        assert_eq!(Sanitizer::default().clean(html), html);
    }

    #[test]
    fn keeps_what_the_markdown_renderer_emits() {
        let s = Sanitizer::default();
        let html = "<h2 id=\"a\">A<a class=\"heading-anchor\" href=\"#a\" aria-label=\"Link\">#</a></h2>\n<pre tabindex=\"0\"><code class=\"language-python\">x</code></pre>\n<ul><li><input disabled=\"\" type=\"checkbox\"> done</li></ul>";
        let out = s.clean(html);
        assert!(out.contains("<h2 id=\"a\">"), "{out}");
        assert!(out.contains("class=\"heading-anchor\""), "{out}");
        assert!(
            out.contains("<pre tabindex=\"0\"><code class=\"language-python\">"),
            "{out}"
        );
        assert!(
            out.contains("<input disabled=\"\" type=\"checkbox\">"),
            "{out}"
        );
    }
}
