//! URL slugs. Non-Latin text is transliterated to ASCII (`Стоит ли` -> `stoit-li`) so that URLs
//! and anchors stay readable when shared, need no percent-encoding, and work on every server and
//! file system (see docs/decisions.md).

use std::collections::{HashMap, HashSet};

/// Lowercase ASCII letters and digits, every other run of characters folded into one `-`.
pub(crate) fn slugify(text: &str) -> String {
    // The soft and hard signs have no Latin letter: deunicode writes them as `'` and `"`, which
    // split a word in two (`карьера` -> `kar-era`); transliteration leaves them out.
    let signless: String;
    let text = if text.contains(['ь', 'ъ', 'Ь', 'Ъ']) {
        signless = text.replace(['ь', 'ъ', 'Ь', 'Ъ'], "");
        &signless
    } else {
        text
    };
    let ascii = deunicode::deunicode_with_tofu(text, "-");
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// How headings get their ids: transliterated to ASCII (`Настройка` -> `nastroika`, folio's
/// default, safe in any tool), or as GitHub makes them (`настройка`), so links written for a
/// repository's READMEs keep working.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    #[default]
    Ascii,
    Unicode,
}

impl HeadingIds {
    pub(crate) fn slug(self, text: &str) -> String {
        match self {
            HeadingIds::Ascii => slugify(text),
            HeadingIds::Unicode => github_slug(text),
        }
    }
}

/// GitHub's heading ids: lowercased, letters, marks and numbers of any script kept with `-` and
/// `_`, each space a `-`, everything else (punctuation, symbols, emoji) dropped.
fn github_slug(text: &str) -> String {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    let kept = |c: char| {
        matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Letter
                | GeneralCategoryGroup::Mark
                | GeneralCategoryGroup::Number
        ) || c == '-'
            || c == '_'
    };
    (text.trim().chars().flat_map(char::to_lowercase))
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if kept(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether `text` may be used as-is as a slug or anchor id given by an author.
pub(crate) fn is_valid_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Hands out unique ids within one page: the second `intro` becomes `intro-1`.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
    /// For each id asked for more than once, the number its next copy tries first: every
    /// smaller one is taken, so 20,000 headings with the same text cost 20,000 tries, not 200
    /// million.
    next_number: HashMap<String, usize>,
}

impl UniqueIds {
    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    pub fn into_set(self) -> HashSet<String> {
        self.taken
    }

    /// `{prefix}{slug}`, or `{prefix}{slug}-N` with the smallest N not taken; a slug left
    /// empty (a heading of punctuation) is `section`.
    pub fn unique(&mut self, prefix: &str, slug: &str) -> String {
        let slug = if slug.is_empty() { "section" } else { slug };
        let base = format!("{prefix}{slug}");
        if self.reserve(&base) {
            return base;
        }
        let next = self.next_number.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_latin_text() {
        assert_eq!(
            slugify("Select related vs. prefetch_related"),
            "select-related-vs-prefetch-related"
        );
        assert_eq!(slugify("  --Hello, World!--  "), "hello-world");
        assert_eq!(slugify("Django 6.0 & async"), "django-6-0-async");
    }

    #[test]
    fn transliterates_cyrillic() {
        assert_eq!(
            slugify("Стоит ли учить Django в 2026?"),
            "stoit-li-uchit-django-v-2026"
        );
        assert_eq!(
            slugify("Карьера и производительность"),
            "karera-i-proizvoditelnost"
        );
        assert_eq!(slugify("подъезд"), "podezd");
    }

    #[test]
    fn unknown_scripts_do_not_vanish_silently() {
        assert_eq!(slugify("🚀"), "rocket");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn unicode_ids_are_githubs() {
        let slug = |t: &str| HeadingIds::Unicode.slug(t);
        assert_eq!(slug("Windows での bat の利用"), "windows-での-bat-の利用");
        assert_eq!(
            slug("Использование bat в Windows"),
            "использование-bat-в-windows"
        );
        assert_eq!(slug("Windows에서 bat 사용하기"), "windows에서-bat-사용하기");
        assert_eq!(slug("What's new? (v2.0)"), "whats-new-v20");
        assert_eq!(slug("Emoji 🎉 here"), "emoji--here");
        assert_eq!(slug("हिन्दी"), "हिन्दी", "marks stay");
        assert_eq!(HeadingIds::Ascii.slug("Настройка"), "nastroika");
    }

    #[test]
    fn unique_ids_count_up() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("", "intro"), "intro");
        assert_eq!(ids.unique("", "intro"), "intro-1");
        assert_eq!(ids.unique("", "intro"), "intro-2");
        assert_eq!(ids.unique("", ""), "section");
        assert_eq!(ids.unique("user-content-", ""), "user-content-section");
        assert_eq!(ids.unique("user-content-", "intro"), "user-content-intro");
    }

    #[test]
    fn numbers_skip_ids_taken_otherwise_and_stay_the_smallest_free() {
        let mut ids = UniqueIds::default();
        assert!(ids.reserve("h-2"));
        let given: Vec<String> = (0..5).map(|_| ids.unique("", "h")).collect();
        assert_eq!(given, ["h", "h-1", "h-3", "h-4", "h-5"]);
        // `h-1` as a text of its own is already taken by the numbering of `h`.
        assert_eq!(ids.unique("", "h-1"), "h-1-1");
        let many: Vec<String> = (0..20_000).map(|_| ids.unique("", "x")).collect();
        assert_eq!(many[19_999], "x-19999");
        assert_eq!(ids.into_set().len(), 5 + 1 + 1 + 20_000);
    }

    #[test]
    fn validates_author_given_slugs() {
        assert!(is_valid_slug("answer-2"));
        assert!(!is_valid_slug("Answer 2"));
        assert!(!is_valid_slug(""));
    }
}
