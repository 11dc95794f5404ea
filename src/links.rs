//! Link resolution against the site index: a link to a source file (`../careers/pay.md#pay`)
//! becomes that page's URL; a link to a missing file, a page left out of the build or a file
//! outside `content/` is an error with a hint. External links are left alone.

use std::path::{Component, Path, PathBuf};

use crate::document::PageBody;
use crate::index::{SiteIndex, Target};
use crate::markdown::{AnchorOwner, LinkError, ResolveLink, ResolvedLink, may_be_in_a_post};
use crate::sanitize::CONTRIBUTOR_ID_PREFIX;

impl ResolveLink for SiteIndex {
    fn resolve(&self, from_dir: &Path, dest: &str) -> Result<ResolvedLink, LinkError> {
        if let Some(anchor) = dest.strip_prefix('#') {
            let anchor = (!anchor.is_empty()).then(|| (None, percent_decode(anchor)));
            return Ok(ResolvedLink {
                href: dest.to_string(),
                anchor,
            });
        }
        if is_external(dest) {
            return Ok(ResolvedLink {
                href: dest.to_string(),
                anchor: None,
            });
        }
        if let Some(site_path) = dest.strip_prefix('/') {
            let href = if dest.starts_with(&self.base_path) {
                dest.to_string()
            } else {
                self.url(site_path)
            };
            return Ok(ResolvedLink { href, anchor: None });
        }
        self.resolve_relative(from_dir, dest)
    }
}

impl SiteIndex {
    fn resolve_relative(&self, from_dir: &Path, dest: &str) -> Result<ResolvedLink, LinkError> {
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or(path_part);
        let Some(target) = normalize(&from_dir.join(percent_decode(path_part))) else {
            return Err(LinkError {
                code: "F0302",
                message: format!("link `{dest}` points outside the content folder"),
                help: None,
            });
        };
        let with_fragment = |url: String| match fragment {
            Some(f) if !f.is_empty() => format!("{url}#{f}"),
            _ => url,
        };
        match self.targets.get(&target) {
            Some(Target::Page(id)) => {
                let page = &self.pages[*id];
                // On a thread page, `#setup` means the heading of a post (`#user-content-setup`).
                let prefix = match fragment {
                    Some(f) if in_a_post(page, &percent_decode(f)) => CONTRIBUTOR_ID_PREFIX,
                    _ => "",
                };
                let url = self.url(&page.path);
                Ok(ResolvedLink {
                    href: match fragment {
                        Some(f) if !f.is_empty() => format!("{url}#{prefix}{f}"),
                        _ => url,
                    },
                    anchor: (fragment.filter(|f| !f.is_empty())).map(|f| {
                        (
                            Some(AnchorOwner::Page(*id)),
                            format!("{prefix}{}", percent_decode(f)),
                        )
                    }),
                })
            }
            Some(Target::Section(id)) => Ok(ResolvedLink {
                href: with_fragment(self.url(&self.sections[*id].path)),
                anchor: fragment
                    .filter(|f| !f.is_empty())
                    .map(|f| (Some(AnchorOwner::Section(*id)), percent_decode(f))),
            }),
            Some(Target::Excluded(reason)) => Err(LinkError {
                code: "F0303",
                message: format!(
                    "link to `{}`, which {reason} and is not built",
                    target.display()
                ),
                help: Some("build with --drafts to include it, or remove the link".into()),
            }),
            Some(Target::Failed) => Ok(ResolvedLink {
                href: dest.to_string(),
                anchor: None,
            }),
            None => match self.asset_path(&target) {
                Some(path) => Ok(ResolvedLink {
                    href: self.url(path),
                    anchor: None,
                }),
                None => Err(self.missing_file(dest, &target)),
            },
        }
    }

    fn missing_file(&self, dest: &str, target: &Path) -> LinkError {
        let help = match likely_meant(target, self.targets.keys()) {
            Some(k) => format!("did you mean `content/{}`?", k.display()),
            None => format!("no file `content/{}` exists", target.display()),
        };
        LinkError {
            code: "F0301",
            message: format!("link to a missing file `{dest}`"),
            help: Some(help),
        }
    }
}

/// Whether `#fragment` on `page` names something in a contributor's post: on a thread page,
/// the ids of posts start with `user-content-` (see docs/security.md), while the thread's own
/// anchors (`#answer-2`, or an answer's `id:`) are the theme's; an id already written with the
/// prefix is left alone.
fn in_a_post(page: &crate::index::Page, fragment: &str) -> bool {
    let PageBody::Thread(posts) = &page.doc.body else {
        return false;
    };
    may_be_in_a_post(fragment) && !posts.anchors().any(|anchor| anchor == fragment)
}

/// A file in the same folder whose name is a typo away from the one asked for.
fn likely_meant<'a>(
    target: &Path,
    known: impl Iterator<Item = &'a PathBuf>,
) -> Option<&'a PathBuf> {
    let name = target.file_name()?.to_string_lossy();
    let length = name.chars().count();
    if length <= 4 {
        return None;
    }
    let allowed = (length / 4).max(1);
    known
        .filter(|k| k.parent() == target.parent())
        .filter_map(|k| {
            let other = k.file_name()?.to_string_lossy();
            // The distance is at least the difference in length: most names need no comparing.
            if other.chars().count().abs_diff(length) > allowed {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&name, &other);
            (distance <= allowed).then_some((distance, k))
        })
        .min()
        .map(|(_, k)| k)
}

/// Anything with a scheme (`https:`, `mailto:`), or protocol-relative.
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Resolves `.` and `..` without touching the file system; `None` when it climbs above the root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_external_links() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example.org/x.js"));
        assert!(!is_external("../pay.md"));
        assert!(!is_external("pay.md"));
        assert!(!is_external("dir/a:b.md"));
    }

    #[test]
    fn normalizes_relative_paths() {
        assert_eq!(
            normalize(Path::new("qa/../careers/./pay.md")),
            Some(PathBuf::from("careers/pay.md"))
        );
        assert_eq!(normalize(Path::new("../x.md")), None);
    }

    #[test]
    fn suggests_only_near_misses_in_the_same_folder() {
        let known = [
            PathBuf::from("guides.md"),
            PathBuf::from("a.md"),
            PathBuf::from("qa/guide.md"),
        ];
        assert_eq!(
            likely_meant(Path::new("guide.md"), known.iter()),
            Some(&known[0])
        );
        assert_eq!(likely_meant(Path::new("c.md"), known.iter()), None);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("%D0%B2"), "в");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
