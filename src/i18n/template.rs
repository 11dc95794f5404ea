//! `t(key="…", …)`, the templates' translation function, bound to one language: each language a
//! site shows gets its own copy of the templates with its own `t`, so a template (and a macro,
//! which cannot see the page) never passes the language.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::FluentArgs;
use tera::Value;

use super::{Translations, fluent_value};

pub(crate) struct Translate {
    translations: Arc<Translations>,
    lang: String,
    /// Every message without arguments, formatted once.
    plain: HashMap<String, String>,
}

impl Translate {
    pub(crate) fn new(translations: Arc<Translations>, lang: &str) -> Translate {
        Translate {
            plain: translations.plain_messages(lang),
            translations,
            lang: lang.to_string(),
        }
    }
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Some(key) = args.get("key").and_then(Value::as_str) else {
            return Err("t() takes the message's id as `key`, e.g. t(key=\"on-this-page\")".into());
        };
        if args.len() == 1
            && let Some(text) = self.plain.get(key)
        {
            return Ok(Value::String(text.clone()));
        }
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args.iter().filter(|(name, _)| *name != "key") {
            fluent_args.set(name.clone(), fluent_value(value));
        }
        match self.translations.text(&self.lang, key, Some(&fluent_args)) {
            Some(text) => Ok(Value::String(text)),
            None => Err(format!(
                "no translation file has a message `{key}` (i18n/{}.ftl or en.ftl)",
                self.lang
            )
            .into()),
        }
    }
}
