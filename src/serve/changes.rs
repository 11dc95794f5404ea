//! Turns the paths touched by a burst of file events into a `ChangeSet`: which kinds of site
//! sources changed (content, templates, static files, configuration). Pure, so the rules that
//! decide whether to rebuild and whether a stylesheet swap is enough are unit tested.
//!
//! In: the site root, the output folder (never a source), the `[highlight]` extra folders and
//! absolute paths from the watcher. Out: a `ChangeSet`; an empty one means nothing worth a rebuild
//! happened.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::build::Changes;
use crate::config::CONFIG_FILE;
use crate::discover::is_ignored_name;

/// Where the sources of a site are, as seen by the watcher.
#[derive(Debug, Clone)]
pub(super) struct SiteLayout {
    /// Absolute (canonical) site root.
    pub root: PathBuf,
    /// Absolute output folder: events inside it are the build's own writes.
    pub output: PathBuf,
    /// Absolute folders named by `[highlight]` `extra_syntaxes` and `extra_themes` (inside the
    /// site): a change in them changes how every page is built, like a change of `folio.toml`.
    pub extra: Vec<PathBuf>,
}

impl SiteLayout {
    /// The same layout with the extra folders as folio.toml names them now.
    pub(super) fn with_extra(&self, extra: &[PathBuf]) -> SiteLayout {
        SiteLayout {
            extra: extra.to_vec(),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SourceKind {
    Content,
    Template,
    Static,
    Config,
}

/// What changed since the last build: the site-relative paths and their kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ChangeSet {
    pub paths: BTreeSet<(SourceKind, PathBuf)>,
}

impl ChangeSet {
    pub(super) fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Only stylesheets among the static files changed: a browser can swap them without a reload.
    pub(super) fn is_css_only(&self) -> bool {
        !self.is_empty()
            && self.paths.iter().all(|(kind, path)| {
                *kind == SourceKind::Static && path.extension().is_some_and(|e| e == "css")
            })
    }

    pub(super) fn merge(&mut self, other: ChangeSet) {
        self.paths.extend(other.paths);
    }

    /// What the build session needs to know: whether the configuration, the theme or which
    /// content files (relative to `content/`) changed.
    pub(super) fn for_build(&self) -> Changes {
        let mut changes = Changes::default();
        for (kind, path) in &self.paths {
            match kind {
                SourceKind::Config => changes.config = true,
                SourceKind::Template | SourceKind::Static => changes.theme = true,
                SourceKind::Content => {
                    let inside = path.strip_prefix("content").unwrap_or(path);
                    changes.content.insert(inside.to_path_buf());
                }
            }
        }
        changes
    }

    /// `content/a.md`, or `content/a.md and 3 more`, for the terminal.
    pub(super) fn describe(&self) -> String {
        let mut paths = self.paths.iter().map(|(_, p)| p.display().to_string());
        let first = paths.next().unwrap_or_default();
        match self.paths.len() {
            0 | 1 => first,
            n => format!("{first} and {} more", n - 1),
        }
    }
}

/// The change set of a burst of events, given every path the events named.
pub(super) fn classify(layout: &SiteLayout, touched: &[PathBuf]) -> ChangeSet {
    let paths = touched
        .iter()
        .filter(|path| !path.starts_with(&layout.output))
        .filter_map(|path| classify_path(layout, path))
        .collect();
    ChangeSet { paths }
}

/// The kind of one touched path and how the terminal names it (site-relative where possible).
fn classify_path(layout: &SiteLayout, path: &Path) -> Option<(SourceKind, PathBuf)> {
    if let Some(folder) = layout.extra.iter().find(|f| path.starts_with(f)) {
        let inside = path.strip_prefix(folder).ok()?;
        if has_ignored_component(inside) {
            return None;
        }
        let shown = path.strip_prefix(&layout.root).unwrap_or(path);
        return Some((SourceKind::Config, shown.to_path_buf()));
    }
    let rel = path.strip_prefix(&layout.root).ok()?;
    if has_ignored_component(rel) {
        return None;
    }
    source_kind(rel).map(|kind| (kind, rel.to_path_buf()))
}

/// Editor temporaries anywhere in the path (a file in a hidden folder is skipped by the build too).
fn has_ignored_component(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(name) => {
            let name = name.to_string_lossy();
            is_ignored_name(&name) || is_jetbrains_temporary(&name)
        }
        _ => true,
    })
}

/// JetBrains' "safe write" renames through `x___jb_tmp___` and `x___jb_old___`.
fn is_jetbrains_temporary(name: &str) -> bool {
    name.ends_with("___jb_tmp___") || name.ends_with("___jb_old___")
}

/// Which kind of source a site-relative path is, or `None` for files the build never reads.
fn source_kind(rel: &Path) -> Option<SourceKind> {
    let mut parts = rel.components().filter_map(|c| match c {
        Component::Normal(name) => name.to_str(),
        _ => None,
    });
    match parts.next()? {
        "content" => Some(SourceKind::Content),
        // The theme's words: the templates (and content's labels) take them in.
        "templates" | "i18n" => Some(SourceKind::Template),
        "static" => Some(SourceKind::Static),
        name if name == CONFIG_FILE => Some(SourceKind::Config),
        "themes" => match (parts.next(), parts.next()) {
            (Some(_theme), Some("static")) => Some(SourceKind::Static),
            _ => Some(SourceKind::Template),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> SiteLayout {
        SiteLayout {
            root: PathBuf::from("/site"),
            output: PathBuf::from("/tmp/folio-serve/site"),
            extra: Vec::new(),
        }
    }

    fn changes(paths: &[&str]) -> ChangeSet {
        let touched: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        classify(&layout(), &touched)
    }

    fn kinds_of(changes: &ChangeSet) -> BTreeSet<SourceKind> {
        changes.paths.iter().map(|(kind, _)| *kind).collect()
    }

    #[test]
    fn tells_the_build_session_what_changed() {
        let set = changes(&["/site/content/guide/a.md", "/site/templates/page.html"]);
        let build = set.for_build();
        assert!(build.theme && !build.config);
        assert_eq!(build.content, BTreeSet::from([PathBuf::from("guide/a.md")]));
        assert!(changes(&["/site/folio.toml"]).for_build().config);
        assert!(changes(&["/site/static/x.css"]).for_build().theme);
    }

    fn kinds(paths: &[&str]) -> Vec<SourceKind> {
        kinds_of(&changes(paths)).into_iter().collect()
    }

    #[test]
    fn sorts_paths_into_kinds_of_sources() {
        use SourceKind::*;
        assert_eq!(kinds(&["/site/content/guide/a.md"]), [Content]);
        assert_eq!(kinds(&["/site/content/guide/img.png"]), [Content]);
        assert_eq!(kinds(&["/site/templates/article.html"]), [Template]);
        assert_eq!(kinds(&["/site/i18n/ru.ftl"]), [Template]);
        assert_eq!(kinds(&["/site/static/app.js"]), [Static]);
        assert_eq!(kinds(&["/site/themes/default/static/style.css"]), [Static]);
        assert_eq!(
            kinds(&["/site/themes/default/templates/base.html"]),
            [Template]
        );
        assert_eq!(kinds(&["/site/themes/default/theme.toml"]), [Template]);
        assert_eq!(kinds(&["/site/folio.toml"]), [Config]);
        assert_eq!(
            kinds(&[
                "/site/folio.toml",
                "/site/content/a.md",
                "/site/static/x.css"
            ]),
            [Content, Static, Config]
        );
    }

    #[test]
    fn a_new_or_removed_folder_is_a_change_of_its_kind() {
        assert_eq!(kinds(&["/site/content/new-section"]), [SourceKind::Content]);
        assert_eq!(kinds(&["/site/templates"]), [SourceKind::Template]);
    }

    #[test]
    fn ignores_editor_temporaries_and_hidden_files() {
        let burst = [
            "/site/content/.a.md.swp",
            "/site/content/.a.md.swx",
            "/site/content/a.md~",
            "/site/content/#a.md#",
            "/site/content/.#a.md",
            "/site/content/4913",
            "/site/content/a.md___jb_tmp___",
            "/site/content/a.md___jb_old___",
            "/site/content/.git/index",
            "/site/static/.DS_Store",
        ];
        assert!(changes(&burst).is_empty());
    }

    #[test]
    fn ignores_the_output_and_files_the_build_never_reads() {
        let output = layout().output.join("index.html");
        let touched = vec![
            output,
            PathBuf::from("/site/public/index.html"),
            PathBuf::from("/site/README.md"),
            PathBuf::from("/site/target/debug/folio"),
            PathBuf::from("/elsewhere/content/a.md"),
        ];
        assert!(classify(&layout(), &touched).is_empty());
    }

    #[test]
    fn sees_a_rename_save_through_its_final_name() {
        // vim: rename a.md to a.md~, write a new a.md, delete a.md~.
        let vim = changes(&[
            "/site/content/a.md",
            "/site/content/a.md~",
            "/site/content/4913",
        ]);
        assert_eq!(vim.paths.len(), 1);
        assert_eq!(vim.describe(), "content/a.md");
        // VS Code or JetBrains: write a temporary, then rename it over the original.
        let jetbrains = changes(&["/site/content/a.md___jb_tmp___", "/site/content/a.md"]);
        assert_eq!(jetbrains.describe(), "content/a.md");
    }

    #[test]
    fn a_move_names_both_ends() {
        let moved = changes(&["/site/content/old.md", "/site/content/guide/new.md"]);
        assert_eq!(moved.describe(), "content/guide/new.md and 1 more");
        assert_eq!(kinds_of(&moved).len(), 1);
    }

    #[test]
    fn only_stylesheets_in_static_folders_are_css_only() {
        assert!(changes(&["/site/static/site.css"]).is_css_only());
        assert!(
            changes(&[
                "/site/themes/default/static/style.css",
                "/site/static/a.css"
            ])
            .is_css_only()
        );
        assert!(!changes(&["/site/static/site.css", "/site/content/a.md"]).is_css_only());
        assert!(!changes(&["/site/static/app.js"]).is_css_only());
        assert!(!changes(&["/site/content/style.css"]).is_css_only());
        assert!(!changes(&["/site/templates/style.css"]).is_css_only());
        assert!(!ChangeSet::default().is_css_only());
    }

    #[test]
    fn merging_keeps_every_path_once() {
        let mut pending = changes(&["/site/static/a.css"]);
        pending.merge(changes(&["/site/static/a.css", "/site/content/a.md"]));
        assert_eq!(pending.paths.len(), 2);
        assert!(!pending.is_css_only());
    }

    #[test]
    fn highlight_extra_folders_anywhere_rebuild_everything() {
        let layout = layout().with_extra(&[
            PathBuf::from("/shared/syntaxes"),
            PathBuf::from("/site/highlight/themes"),
            PathBuf::from("/site/themes/mine/syntaxes"),
        ]);
        let classify = |path: &str| classify(&layout, &[PathBuf::from(path)]);
        let outside = classify("/shared/syntaxes/toml.sublime-syntax");
        assert_eq!(kinds_of(&outside), BTreeSet::from([SourceKind::Config]));
        assert_eq!(outside.describe(), "/shared/syntaxes/toml.sublime-syntax");
        let inside = classify("/site/highlight/themes/nord.tmTheme");
        assert_eq!(kinds_of(&inside), BTreeSet::from([SourceKind::Config]));
        assert_eq!(inside.describe(), "highlight/themes/nord.tmTheme");
        assert_eq!(
            kinds_of(&classify("/site/themes/mine/syntaxes/x.sublime-syntax")),
            BTreeSet::from([SourceKind::Config]),
            "a config change even inside a theme"
        );
        assert_eq!(
            kinds_of(&classify("/shared/syntaxes")),
            BTreeSet::from([SourceKind::Config]),
            "the folder itself, created or removed"
        );
        assert!(!classify("/shared/syntaxes/nested/a.sublime-syntax").is_empty());
        for ignored in [
            "/shared/syntaxes/.toml.sublime-syntax.swp",
            "/shared/syntaxes/toml.sublime-syntax~",
            "/shared/syntaxes/4913",
            "/shared/other/a.sublime-syntax",
            "/shared/syntaxes-old/a.sublime-syntax",
            "/site/highlight/other.tmTheme",
        ] {
            assert!(classify(ignored).is_empty(), "{ignored}");
        }
        assert!(!classify("/shared/syntaxes/a.sublime-syntax").is_css_only());
    }
}
