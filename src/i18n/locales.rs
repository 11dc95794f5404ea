//! What a build needs of each language its pages are in, made once: the renderer's labels, how
//! dates are written, and the language the theme's words come from.

use std::collections::{BTreeSet, HashMap};

use fluent_bundle::FluentArgs;

use super::{Labels, Translations};
use crate::date::Date;

/// A language's long date, kept as the pieces around its day, month and year.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DateFormat {
    months: [String; 12],
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Day,
    Month,
    Year,
}

/// Stand for the day, month and year while the date message is formatted.
const DAY: char = '\u{E001}';
const MONTH: char = '\u{E002}';
const YEAR: char = '\u{E003}';

impl DateFormat {
    fn of(translations: &Translations, lang: &str) -> DateFormat {
        let months = std::array::from_fn(|i| {
            let id = format!("month-{}", i + 1);
            translations
                .text(lang, &id, None)
                .unwrap_or_else(|| (i + 1).to_string())
        });
        let mut args = FluentArgs::new();
        args.set("day", DAY.to_string());
        args.set("month", MONTH.to_string());
        args.set("year", YEAR.to_string());
        let text = translations
            .text(lang, "date", Some(&args))
            .unwrap_or_default();
        let mut pieces = Vec::new();
        let mut literal = String::new();
        for c in text.chars() {
            let slot = match c {
                DAY => Piece::Day,
                MONTH => Piece::Month,
                YEAR => Piece::Year,
                _ => {
                    literal.push(c);
                    continue;
                }
            };
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(slot);
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        DateFormat { months, pieces }
    }

    /// `date` as the language writes it (`Feb 11, 2026`, `11 февраля 2026`).
    pub(crate) fn format(&self, date: Date) -> String {
        if self.pieces.is_empty() {
            return date.day();
        }
        let (year, month, day) = date.parts();
        let mut out = String::with_capacity(24);
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Day => out.push_str(&day.to_string()),
                Piece::Month => out.push_str(&self.months[(month as usize).saturating_sub(1) % 12]),
                Piece::Year => out.push_str(&year.to_string()),
            }
        }
        out
    }
}

/// One language of the build.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Locale {
    pub labels: Labels,
    pub dates: DateFormat,
    /// The language the theme's words are in on its pages (its own, or the fallback's).
    pub ui_language: String,
}

/// English from the built-in files, for a `Locales` that somehow lacks its default.
fn english() -> &'static Locale {
    static ENGLISH: std::sync::OnceLock<Locale> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| {
        let translations = Translations::built_in();
        Locale {
            labels: translations.labels("en"),
            dates: DateFormat::of(&translations, "en"),
            ui_language: "en".into(),
        }
    })
}

/// Every language of a build's pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Locales {
    by_language: HashMap<String, Locale>,
    default: String,
}

impl Locales {
    /// The locales of `languages` (tags as pages give them) and of `default`.
    pub(crate) fn new<'l>(
        translations: &Translations,
        default: &str,
        languages: impl Iterator<Item = &'l str>,
    ) -> Locales {
        let mut all: BTreeSet<&str> = languages.collect();
        all.insert(default);
        let by_language = all
            .into_iter()
            .map(|lang| {
                let locale = Locale {
                    labels: translations.labels(lang),
                    dates: DateFormat::of(translations, lang),
                    ui_language: translations.ui_language(lang),
                };
                (lang.to_string(), locale)
            })
            .collect();
        Locales {
            by_language,
            default: default.to_string(),
        }
    }

    /// English alone, from the built-in files (benchmarks, fuzzing).
    pub fn built_in() -> Locales {
        Locales::new(&Translations::built_in(), "en", std::iter::empty())
    }

    /// The locale of `lang`, or the default language's for one the build did not list.
    pub(crate) fn get(&self, lang: &str) -> &Locale {
        self.by_language
            .get(lang)
            .or_else(|| self.by_language.get(&self.default))
            .unwrap_or_else(|| english())
    }

    pub(crate) fn languages(&self) -> impl Iterator<Item = &str> {
        self.by_language.keys().map(String::as_str)
    }
}
