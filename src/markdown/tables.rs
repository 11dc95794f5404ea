//! Tables: each is wrapped in a scrollable, keyboard-focusable region whose accessible name
//! lists the header cells, and column alignment becomes a class instead of an inline `style`.
//! In: a table's events up to its end tag. Out: the table's events in the post.

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::Writer;
use crate::escape;
use crate::i18n::Labels;

impl<'a> Writer<'a, '_> {
    /// Writes a table (`inner`: its events up to the end tag) inside a scrollable region named
    /// after its header cells.
    pub(super) fn table(
        &mut self,
        alignments: &[Alignment],
        inner: Vec<(Event<'a>, Range<usize>)>,
    ) {
        let label = escape::attr(&table_label(&inner, self.cx.labels));
        self.out.push(Event::Html(
            format!(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"
            )
            .into(),
        ));
        let inner = self.rewrite_inline(inner);
        self.out.push(Event::Start(Tag::Table(Vec::new())));
        self.out.extend(aligned_cells(inner, alignments));
        self.out.push(Event::End(TagEnd::Table));
        self.out.push(Event::Html("</div>\n".into()));
    }
}

/// Table cells with `class="align-center"` instead of pulldown-cmark's inline `style`, which a
/// strict Content-Security-Policy would block.
fn aligned_cells<'a>(events: Vec<Event<'a>>, alignments: &[Alignment]) -> Vec<Event<'a>> {
    let mut in_head = false;
    let mut column = 0;
    events
        .into_iter()
        .map(|event| {
            let tag = if in_head { "th" } else { "td" };
            match event {
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    column = 0;
                    event
                }
                Event::End(TagEnd::TableHead) => {
                    in_head = false;
                    event
                }
                Event::Start(Tag::TableRow) => {
                    column = 0;
                    event
                }
                Event::Start(Tag::TableCell) => {
                    let class = match alignments.get(column) {
                        Some(Alignment::Left) => " class=\"align-left\"",
                        Some(Alignment::Center) => " class=\"align-center\"",
                        Some(Alignment::Right) => " class=\"align-right\"",
                        _ => "",
                    };
                    Event::Html(format!("<{tag}{class}>").into())
                }
                Event::End(TagEnd::TableCell) => {
                    column += 1;
                    Event::Html(format!("</{tag}>").into())
                }
                other => other,
            }
        })
        .collect()
}

/// "Table: Tool, Use": the header cells name the scrollable region, so each table on a page
/// gets its own accessible name.
fn table_label(events: &[(Event, Range<usize>)], labels: &Labels) -> String {
    let mut cells = Vec::new();
    let mut in_head = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => break,
            Event::Start(Tag::TableCell) if in_head => cells.push(String::new()),
            Event::Text(t) | Event::Code(t) if in_head => {
                if let Some(cell) = cells.last_mut() {
                    cell.push_str(t);
                }
            }
            _ => {}
        }
    }
    let names: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if names.is_empty() {
        labels.table.clone()
    } else {
        labels.table_of.around(&names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::md;

    #[test]
    fn tables_are_wrapped_for_scrolling() {
        let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.starts_with("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table: a, b\"><table>"), "{}", r.html);
        assert!(r.html.ends_with("</table>\n</div>\n"), "{}", r.html);
    }

    #[test]
    fn aligned_columns_use_classes_not_inline_styles() {
        let r = md("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(r.html.contains("<thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th></tr></thead>"), "{}", r.html);
        assert!(r.html.contains("<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td></tr>"), "{}", r.html);
        assert!(!r.html.contains("style="));
    }
}
