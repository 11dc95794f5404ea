//! Links and images in a post, rewritten from what the source file says (`../qa/x.md#answer-2`)
//! to the built site's URL by the site index (`ResolveLink`). In: a link's destination and its
//! byte range. Out: the URL to write, a diagnostic with the link's file position when it cannot
//! be resolved, and a `PendingAnchor` when its `#anchor` can only be checked once every page is
//! rendered.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::CowStr;

use super::Writer;
use crate::diagnostic::{Diagnostic, Position};
use crate::sanitize::CONTRIBUTOR_ID_PREFIX;
use crate::thread;

/// Where a link's `#anchor` must exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorOwner {
    Page(usize),
    Section(usize),
}

/// A link target as the site index resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    pub href: String,
    /// The anchor to check once every page is rendered, and the document that must define it
    /// (`None`: the page the link is on).
    pub anchor: Option<(Option<AnchorOwner>, String)>,
}

/// A link that cannot be resolved: message and help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// The diagnostic code (F03xx), see docs/diagnostics.md.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

/// Turns a link as written in a source file into the URL of the built site.
pub trait ResolveLink {
    /// `from_dir` is the folder of the source file, relative to `content/`.
    fn resolve(&self, from_dir: &Path, dest: &str) -> Result<ResolvedLink, LinkError>;
}

/// An anchor link to check after rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAnchor {
    pub owner: Option<AnchorOwner>,
    pub anchor: String,
    pub link: String,
    pub path: PathBuf,
    pub position: Position,
    pub source_line: String,
}

impl<'a> Writer<'a, '_> {
    pub(super) fn link(&mut self, dest: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        match self.cx.links.resolve(self.cx.source_dir, &dest) {
            Ok(mut resolved) => {
                self.point_into_own_post(&mut resolved);
                if let Some((owner, anchor)) = resolved.anchor {
                    let (position, source_line) = self.position(range);
                    self.rendered.anchors.push(PendingAnchor {
                        owner,
                        anchor,
                        link: dest.to_string(),
                        path: self.cx.shown_path.to_path_buf(),
                        position,
                        source_line,
                    });
                }
                if resolved.href == dest.as_ref() {
                    dest
                } else {
                    resolved.href.into()
                }
            }
            Err(err) => {
                let (position, source_line) = self.position(range);
                let mut diagnostic = Diagnostic::error(self.cx.shown_path, position, err.message)
                    .with_help_opt(err.help)
                    .with_code(err.code);
                diagnostic.source_line = Some(source_line);
                self.rendered.diagnostics.push(diagnostic);
                dest
            }
        }
    }
}

/// Whether a `#fragment` on a thread page may name an id in a post, which has the contributor
/// prefix: not when it has the prefix already, nor when it has the form of the thread's own
/// anchors (`answer-2`, `question-reply-1`), so a link to a missing answer is reported as that.
pub(crate) fn may_be_in_a_post(fragment: &str) -> bool {
    !fragment.is_empty()
        && !fragment.starts_with(CONTRIBUTOR_ID_PREFIX)
        && !thread::is_numbered_anchor(fragment)
}

impl Writer<'_, '_> {
    /// In a contributor's post, `#setup` means the post's own heading, whose id has the
    /// contributor prefix; the page's ids reserved before the posts (the thread's anchors, the
    /// theme's) and ids written with the prefix stay as they are.
    fn point_into_own_post(&self, resolved: &mut ResolvedLink) {
        let prefix = self.cx.trust.id_prefix();
        let Some((None, anchor)) = &mut resolved.anchor else {
            return;
        };
        if prefix.is_empty() || !may_be_in_a_post(anchor) || self.ids.contains(anchor) {
            return;
        }
        *anchor = format!("{prefix}{anchor}");
        resolved.href = resolved.href.replacen('#', &format!("#{prefix}"), 1);
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::md;

    #[test]
    fn links_are_rewritten_and_failures_positioned() {
        let r = md("See [pay](pay.md) and\n[gone](missing.md).\n");
        assert!(r.html.contains("href=\"pay/\""));
        let d = &r.diagnostics[0];
        assert_eq!(
            d.to_string(),
            "content/a.md:11:1: error[F0301]: link to a missing file `missing.md`\n   |\n11 | [gone](missing.md).\n   | ^"
        );
    }

    #[test]
    fn same_page_anchors_are_recorded_for_checking() {
        let r = md("[x](#later)\n");
        assert_eq!(r.anchors[0].anchor, "later");
        assert_eq!(r.anchors[0].owner, None);
    }
}
