//! Headings: each gets a unique id (its slug, or the `{#id}` written in the source), a `#`
//! anchor link beside its text, and below `h1` a place in the post's table of contents. In: the
//! heading's level, attributes and already rewritten inline events. Out: the heading's HTML in
//! the post and a `TocEntry` nested under the heading above it.

use pulldown_cmark::{CowStr, Event, HeadingLevel};
use serde::Serialize;

use std::ops::Range;

use super::{Trust, Writer};
use crate::diagnostic::Diagnostic;
use crate::escape;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

impl<'a> Writer<'a, '_> {
    /// Writes a heading; returns the id an author wrote in the source (`{#id}`) when the page
    /// already has it (the theme's, or another heading's), which the caller reports.
    pub(super) fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
    ) -> Option<String> {
        let title = plain_text(&inner);
        let prefix = self.cx.trust.id_prefix();
        let mut taken = None;
        let id = match id {
            Some(explicit) => {
                let id = format!("{prefix}{explicit}");
                if self.ids.reserve(&id) {
                    id
                } else if self.cx.trust == Trust::Contributor {
                    // A contributor's slip must not fail the site's build: number it instead.
                    self.ids.unique("", &id)
                } else {
                    taken = Some(id.clone());
                    id
                }
            }
            None => self.ids.unique(prefix, &self.cx.heading_ids.slug(&title)),
        };
        self.rendered.heading_ids.push(id.clone());
        if self.cx.keep_text {
            self.rendered.text.push(super::TextBlock {
                anchor: Some(id.clone()),
                heading: title.clone(),
                ..Default::default()
            });
        }
        let mut open = format!("<{level} id=\"{}\"", escape::attr(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape::attr(&classes.join(" "))));
        }
        for (name, value) in &attrs {
            open.push_str(&format!(
                " {}=\"{}\"",
                escape::attr(name),
                escape::attr(value.as_deref().unwrap_or(""))
            ));
        }
        open.push('>');
        self.out.push(Event::Html(open.into()));
        self.out.extend(inner);
        if level != HeadingLevel::H1 {
            let label = escape::attr(&self.cx.labels.heading_anchor.around(&title));
            self.out.push(Event::Html(
                format!(
                    "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a>",
                    escape::attr(&id)
                )
                .into(),
            ));
            add_to_toc(
                &mut self.rendered.toc,
                TocEntry {
                    level: level as u8,
                    id,
                    title,
                    children: Vec::new(),
                },
            );
        }
        self.out.push(Event::Html(format!("</{level}>\n").into()));
        taken
    }

    pub(super) fn taken_heading_id(&mut self, id: &str, range: &Range<usize>) {
        let (position, source_line) = self.position(range);
        let mut d = Diagnostic::error(
            self.cx.shown_path,
            position,
            format!("heading id `{id}` is already used on this page"),
        )
        .with_code("F0305")
        .with_help(format!("a link to `#{id}` would reach only the first element with it (the theme's own ids count too): write another id in `{{#...}}`"));
        d.source_line = Some(source_line);
        self.rendered.diagnostics.push(d);
    }
}

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn add_to_toc(toc: &mut Vec<TocEntry>, entry: TocEntry) {
    match toc.last_mut() {
        Some(last) if last.level < entry.level => add_to_toc(&mut last.children, entry),
        _ => toc.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::md;

    #[test]
    fn headings_get_unique_ids_anchors_and_a_toc() {
        let r = md("## Intro\n\n### Sub *part*\n\n## Intro\n\n## Custom {#mine}\n");
        assert!(r.html.contains("<h2 id=\"intro\">Intro<a class=\"heading-anchor\" href=\"#intro\" aria-label=\"Link to this section: Intro\">#</a></h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"intro-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">Custom"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].title, "Sub part");
        assert_eq!(r.toc[0].children[0].id, "sub-part");
    }
}
