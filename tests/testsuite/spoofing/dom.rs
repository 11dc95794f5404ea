//! A page as a tree, for the checks of `spoofing`: html5gum's tokens nested by their tags.
//! Enough of an HTML parser for what folio writes and what a browser serializes, where every
//! element is closed or void; no implied end tags.

use html5gum::emitters::default::DefaultEmitter;
use html5gum::{Token, Tokenizer};

pub(super) struct Dom {
    pub(super) elements: Vec<Element>,
}

pub(super) struct Element {
    pub(super) index: usize,
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) parent: Option<usize>,
    children: Vec<Child>,
}

enum Child {
    Element(usize),
    Text(String),
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl Element {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        (self.attrs.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    pub(super) fn attrs_text(&self) -> String {
        (self.attrs.iter())
            .map(|(n, v)| format!(" {n}=\"{v}\""))
            .collect()
    }
}

impl Dom {
    pub(super) fn parse(html: &str) -> Dom {
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        let mut dom = Dom {
            elements: vec![Element {
                index: 0,
                name: "#document".to_string(),
                attrs: Vec::new(),
                parent: None,
                children: Vec::new(),
            }],
        };
        let mut open = vec![0];
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            let top = *open.last().unwrap_or(&0);
            match token {
                Token::StartTag(tag) => {
                    let index = dom.elements.len();
                    let name = text(&tag.name);
                    let void = tag.self_closing || VOID.contains(&name.as_str());
                    dom.elements.push(Element {
                        index,
                        name,
                        attrs: (tag.attributes.iter())
                            .map(|(n, v)| (text(n), text(&v.value)))
                            .collect(),
                        parent: Some(top),
                        children: Vec::new(),
                    });
                    dom.elements[top].children.push(Child::Element(index));
                    if !void {
                        open.push(index);
                    }
                }
                Token::EndTag(tag) => {
                    let name = text(&tag.name);
                    if let Some(at) = open.iter().rposition(|e| dom.elements[*e].name == name) {
                        open.truncate(at.max(1));
                    }
                }
                Token::String(s) => dom.elements[top].children.push(Child::Text(text(&s.value))),
                _ => {}
            }
        }
        dom
    }

    pub(super) fn child_elements(&self, index: usize) -> Vec<usize> {
        (self.elements[index].children.iter())
            .filter_map(|c| match c {
                Child::Element(e) => Some(*e),
                Child::Text(_) => None,
            })
            .collect()
    }

    pub(super) fn descendants(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo = self.child_elements(index);
        todo.reverse();
        while let Some(e) = todo.pop() {
            out.push(e);
            todo.extend(self.child_elements(e).into_iter().rev());
        }
        out
    }

    /// The text of an element, entities decoded, trimmed.
    pub(super) fn text(&self, index: usize) -> String {
        let mut out = String::new();
        self.push_text(index, &mut out);
        out.trim().to_string()
    }

    fn push_text(&self, index: usize, out: &mut String) {
        for child in &self.elements[index].children {
            match child {
                Child::Element(c) => self.push_text(*c, out),
                Child::Text(t) => out.push_str(t),
            }
        }
    }

    /// The elements that hold contributor HTML, with a label: the body of the question, of
    /// each answer and reply (from question.html and macros.html), and of each summary on a
    /// listing.
    pub(super) fn containers(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut todo = vec![0];
        while let Some(e) = todo.pop() {
            match self.container_label(e) {
                Some(label) => out.push((e, label)),
                None => todo.extend(self.child_elements(e).into_iter().rev()),
            }
        }
        out
    }

    fn container_label(&self, index: usize) -> Option<String> {
        let element = &self.elements[index];
        let parent = &self.elements[element.parent?];
        let id = |e: &Element| e.attr("id").unwrap_or("?").to_string();
        if element.has_class("reply-body") && parent.has_class("reply") {
            return Some(format!("reply {}", id(parent)));
        }
        if element.has_class("prose") && parent.has_class("post-main") {
            let post = &self.elements[parent.parent?];
            return Some(match post.has_class("answer") {
                true => format!("answer {}", id(post)),
                false => "question".to_string(),
            });
        }
        if element.has_class("entry-text") && parent.has_class("entry") {
            return Some("summary".to_string());
        }
        None
    }
}
