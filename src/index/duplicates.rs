//! Two sources that would write the same output file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{SiteIndex, url_position};
use crate::diagnostic::{Diagnostic, Position};

/// One of the sources that would write an output file: its file as messages name it, what it
/// is, and where in the file its URL is decided (`FILE` for a folder or the tag pages).
struct Owner<'a> {
    shown: PathBuf,
    kind: &'a str,
    at: Position,
}

impl Owner<'_> {
    /// `content/a.md:3:7`, or the path alone when there is no position.
    fn placed(&self) -> String {
        match self.at {
            Position { line: 0, .. } => self.shown.display().to_string(),
            Position { line, col } => format!("{}:{line}:{col}", self.shown.display()),
        }
    }
}

/// Two sources that would write the same output file: an error at the second one's `slug:`
/// (or alias, or first line) that names the first one with its position.
pub(super) fn duplicate_outputs(index: &SiteIndex) -> Vec<Diagnostic> {
    let mut owners: BTreeMap<String, Vec<Owner>> = BTreeMap::new();
    for s in &index.sections {
        let at = match s.doc.index_path {
            Some(_) => Position::new(1, 1),
            None => Position::FILE,
        };
        owners.entry(s.output_file()).or_default().push(Owner {
            shown: s.shown_path(),
            kind: "section",
            at,
        });
    }
    for p in &index.pages {
        owners.entry(p.output_file()).or_default().push(Owner {
            shown: p.doc.shown_path.clone(),
            kind: "page",
            at: url_position(&p.doc),
        });
    }
    for a in &index.aliases {
        owners
            .entry(a.output_file.clone())
            .or_default()
            .push(Owner {
                shown: index.pages[a.target].doc.shown_path.clone(),
                kind: "alias",
                at: a.position,
            });
    }
    for t in &index.tags {
        owners.entry(t.output_file()).or_default().push(Owner {
            shown: PathBuf::from("tags"),
            kind: "tag page",
            at: Position::FILE,
        });
    }
    owners
        .into_iter()
        .filter(|(_, list)| list.len() > 1)
        .map(|(output, list)| {
            let (first, second) = (&list[0], &list[1]);
            let url = format!(
                "{}{}",
                index.base_path,
                output.trim_end_matches("index.html")
            );
            Diagnostic::error(
                &second.shown,
                second.at,
                format!(
                    "this {} has the URL `{url}`, like the {} {}",
                    second.kind,
                    first.kind,
                    first.placed()
                ),
            )
            .with_code("F0402")
            .with_help("give one of them another `slug:` or file name")
        })
        .collect()
}
