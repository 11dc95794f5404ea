//! The languages of a build: the translations its theme's words come from, and what each
//! language its pages are in needs.

use std::sync::{Arc, OnceLock};

use super::Setup;
use crate::i18n::{Locales, Translations};
use crate::index::SiteIndex;

impl Setup {
    /// The theme's translations, or the built-in ones when the theme failed to load (the
    /// content is still rendered then, for its diagnostics).
    pub(crate) fn translations(&self) -> Arc<Translations> {
        static BUILT_IN: OnceLock<Arc<Translations>> = OnceLock::new();
        match &self.theme {
            Ok(theme) => theme.translations.clone(),
            Err(_) => BUILT_IN
                .get_or_init(|| Arc::new(Translations::built_in()))
                .clone(),
        }
    }

    /// What each language of `index`'s pages needs (labels, dates, the theme's words).
    pub(crate) fn locales(&self, index: &SiteIndex) -> Locales {
        let languages = (index.pages.iter().map(|p| p.language.as_str()))
            .chain(index.sections.iter().map(|s| s.language.as_str()))
            .chain(index.languages.trees.iter().map(|t| t.code.as_str()));
        Locales::new(&self.translations(), &self.config.language, languages)
    }
}
