//! What `folio check` says about translations, per language: each translation whose original
//! changed after the hash it records (`original_hash`), the translations that record none, and
//! the pages of the default language that have no translation. Notes, which `--strict` turns
//! into warnings that fail the check: a guide is published with translations behind.

use std::path::Path;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::i18n::Translations;
use crate::index::SiteIndex;
use crate::languages::TreeId;

const OUTDATED: &str = "F0810";
const UNTRACKED: &str = "F0811";
const UNTRANSLATED: &str = "F0812";
const NO_THEME_WORDS: &str = "F0813";
const MISSING_THEME_WORDS: &str = "F0814";

/// How many pages a note names before it says "and N more".
const NAMED: usize = 10;

pub(super) fn report(index: &SiteIndex, config: &Config, strict: bool) -> Vec<Diagnostic> {
    let severity = if strict {
        Severity::Warning
    } else {
        Severity::Info
    };
    let mut notes = outdated(index);
    for tree in 1..index.languages.trees.len() {
        notes.extend(untracked(index, config, tree));
        notes.extend(untranslated(index, config, tree));
    }
    for note in &mut notes {
        note.severity = severity;
    }
    notes
}

/// One note per translation whose original changed since it recorded its hash.
fn outdated(index: &SiteIndex) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for (id, page) in index.pages.iter().enumerate() {
        let (Some(original), Some((recorded, at))) =
            (index.original(id), &page.doc.meta.original_hash)
        else {
            continue;
        };
        let original = &index.pages[original].doc;
        if *recorded == original.content_hash() {
            continue;
        }
        let code = &index.languages.trees[page.tree].code;
        let original_path = slashed(&original.shown_path);
        notes.push(
            Diagnostic::error(
                &page.doc.shown_path,
                *at,
                format!("this `{code}` translation is outdated: {original_path} changed since"),
            )
            .with_code(OUTDATED)
            .with_help(format!(
                "bring the translation up to date, then `folio new translation {original_path} {code} --refresh` records it"
            )),
        );
    }
    notes
}

/// The translations of `tree` that record no hash, so nothing tells when they fall behind.
fn untracked(index: &SiteIndex, config: &Config, tree: TreeId) -> Option<Diagnostic> {
    let pages: Vec<String> = (0..index.pages.len())
        .filter(|&id| index.pages[id].tree == tree && index.original(id).is_some())
        .filter(|&id| index.pages[id].doc.meta.original_hash.is_none())
        .map(|id| slashed(&index.pages[id].doc.shown_path))
        .collect();
    let code = &index.languages.trees[tree].code;
    let first = pages.first()?.clone();
    let original = first.replacen(&format!("content/{code}/"), "content/", 1);
    let d = Diagnostic::error(
        CONFIG_FILE,
        Position::FILE,
        format!(
            "{} of `{code}` {} no `original_hash`: {}",
            count(pages.len(), "translation"),
            if pages.len() == 1 { "records" } else { "record" },
            named(&pages)
        ),
    )
    .with_code(UNTRACKED)
    .with_help(format!(
        "`folio new translation {original} {code} --refresh` records the original's hash, so the page says when the original changes"
    ));
    Some(config.at_key(&format!("languages.{code}"), d))
}

/// The pages of the default language with no version in `tree`.
fn untranslated(index: &SiteIndex, config: &Config, tree: TreeId) -> Option<Diagnostic> {
    let pages: Vec<String> = (0..index.pages.len())
        .filter(|&id| index.pages[id].tree == 0)
        .filter(|&id| {
            !index
                .page_versions(id)
                .iter()
                .any(|&v| index.pages[v].tree == tree)
        })
        .map(|id| slashed(&index.pages[id].doc.shown_path))
        .collect();
    let code = &index.languages.trees[tree].code;
    let first = pages.first()?.clone();
    let d = Diagnostic::error(
        CONFIG_FILE,
        Position::FILE,
        format!(
            "{} of {} pages {} no `{code}` translation: {}",
            pages.len(),
            index.pages.iter().filter(|p| p.tree == 0).count(),
            if pages.len() == 1 { "has" } else { "have" },
            named(&pages)
        ),
    )
    .with_code(UNTRANSLATED)
    .with_help(format!("`folio new translation {first} {code}` starts one"));
    Some(config.at_key(&format!("languages.{code}"), d))
}

/// Notes on the theme's words in each language the pages are in: a language with no translation
/// file (its pages show the words of the fallback language), and the messages a language's
/// files lack (those fall back one by one).
pub(super) fn theme_words(
    translations: &Translations,
    languages: &[String],
    config: &Config,
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for lang in languages {
        let ui = translations.ui_language(lang);
        if !ui.eq_ignore_ascii_case(lang) {
            let d = Diagnostic::error(
                CONFIG_FILE,
                Position::FILE,
                format!("the theme's words have no `{lang}` translation: pages in `{lang}` show them in `{ui}`"),
            )
            .with_code(NO_THEME_WORDS)
            .with_help(format!("translate them in i18n/{lang}.ftl at the site's root (copy a language's file of the default theme, README: The theme's words)"));
            notes.push(config.at_key(&format!("languages.{lang}"), d));
            continue;
        }
        let Some((missing, files)) = translations.missing(lang) else {
            continue;
        };
        if missing.is_empty() {
            continue;
        }
        let file = files
            .last()
            .cloned()
            .unwrap_or_else(|| format!("i18n/{lang}.ftl").into());
        let d = Diagnostic::error(
            &file,
            Position::FILE,
            format!(
                "{} of the theme's messages {} no `{lang}` translation, shown in the default language: {}",
                missing.len(),
                if missing.len() == 1 { "has" } else { "have" },
                named(&missing)
            ),
        )
        .with_code(MISSING_THEME_WORDS)
        .with_help(format!("add them to i18n/{lang}.ftl at the site's root"));
        notes.push(d);
    }
    for note in &mut notes {
        note.severity = Severity::Info;
    }
    notes
}

fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        _ => format!("{n} {what}s"),
    }
}

/// The first few of `paths`, then how many more.
fn named(paths: &[String]) -> String {
    let shown = paths[..paths.len().min(NAMED)].join(", ");
    match paths.len().saturating_sub(NAMED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
