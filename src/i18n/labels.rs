//! The words folio's renderer writes into content (heading anchors, footnotes, tables, alerts,
//! task lists), resolved once per language: a label around a value (`Link to this section:
//! TITLE`) is kept as the text before and after it, so rendering a heading formats nothing.

use std::sync::OnceLock;

use fluent_bundle::FluentArgs;

use super::Translations;

/// Text around one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affix {
    before: String,
    after: String,
}

impl Affix {
    pub(crate) fn around(&self, value: &str) -> String {
        format!("{}{value}{}", self.before, self.after)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub heading_anchor: Affix,
    pub footnotes: String,
    pub footnote_back: Affix,
    /// A table's region without header cells, and with them (`Table: Name, Size`).
    pub table: String,
    pub table_of: Affix,
    /// GitHub's alerts: note, tip, important, warning, caution.
    pub alerts: [String; 5],
    pub task_done: String,
    pub task_open: String,
}

/// Stands for the value while a label is formatted: a private-use character no translation has.
const SLOT: &str = "\u{E000}";

impl Labels {
    /// The labels `lookup` gives (a message id and its arguments to its text).
    pub(crate) fn of(lookup: impl Fn(&str, Option<&FluentArgs>) -> String) -> Labels {
        let plain = |id: &str| lookup(id, None);
        let affix = |id: &str, arg: &str| {
            let mut args = FluentArgs::new();
            args.set(arg, SLOT);
            let text = lookup(id, Some(&args));
            let (before, after) = text.split_once(SLOT).unwrap_or((&text, ""));
            Affix {
                before: before.to_string(),
                after: after.to_string(),
            }
        };
        Labels {
            heading_anchor: affix("heading-anchor", "title"),
            footnotes: plain("footnotes"),
            footnote_back: affix("footnote-back", "number"),
            table: plain("table"),
            table_of: affix("table-of", "columns"),
            alerts: [
                "alert-note",
                "alert-tip",
                "alert-important",
                "alert-warning",
                "alert-caution",
            ]
            .map(plain),
            task_done: plain("task-done"),
            task_open: plain("task-open"),
        }
    }

    /// English, from the default theme's `en.ftl` (tests, benchmarks, builds without a theme).
    pub fn english() -> &'static Labels {
        static ENGLISH: OnceLock<Labels> = OnceLock::new();
        ENGLISH.get_or_init(|| Translations::built_in().labels("en"))
    }
}
