//! The words of a text as the search index keeps them, and as the reader's script
//! (`themes/default/static/search.js`) must find them again from a query: the two sides follow
//! the same rules, and tests/testsuite/search.rs runs both on the same texts.
//!
//! 1. The text is put in NFC and lowercased, and `ё` becomes `е` (Russian writes either; `й` is
//!    a letter of its own and is never folded).
//! 2. A word is a run of letters, marks, numbers and connectors (`_`). A word written as a code
//!    identifier (`select_related`, `camelCase`) is kept whole and also as its parts.
//! 3. Han, hiragana and katakana are written without spaces: each of their characters is a word.
//! 4. A word of a language with a stemmer is replaced by its Snowball stem, so `настройка` and
//!    `настройкой` are one term; a language's most common words (`the`, `и`) are left out.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use super::terms::{self, TermId};

/// Words longer than this (hashes, base64, minified code) are not searched for.
const MAX_WORD_CHARS: usize = 40;

/// The languages both sides can stem, each with its script under `static/stem/`.
pub(crate) const STEMMED: &[(&str, Algorithm)] = &[
    ("de", Algorithm::German),
    ("en", Algorithm::English),
    ("es", Algorithm::Spanish),
    ("fr", Algorithm::French),
    ("pt", Algorithm::Portuguese),
    ("ru", Algorithm::Russian),
];

/// How the words of one language become terms.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    /// The stemmer's language, which names its cache.
    code: Option<&'static str>,
    stop_words: &'static [&'static str],
}

impl Analyzer {
    /// The analyzer of `lang` (a BCP 47 tag: `ru`, `pt-BR`); a language without a stemmer
    /// still finds whole words and their prefixes.
    pub fn new(lang: &str) -> Analyzer {
        let base = stemmer_language(lang);
        Analyzer {
            stemmer: base.and_then(|code| {
                STEMMED
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map(|(_, a)| Stemmer::create(*a))
            }),
            code: base,
            stop_words: match base {
                Some("en") => ENGLISH_STOP_WORDS,
                Some("ru") => RUSSIAN_STOP_WORDS,
                _ => &[],
            },
        }
    }

    /// Calls `each` with the id of every term of `text` the index keeps, in order.
    pub(crate) fn terms(&self, text: &str, mut each: impl FnMut(TermId)) {
        terms::with_cache(self.code.unwrap_or(""), |cache| {
            cut(text, |cut| match cut {
                Cut::Plain(word) => {
                    if let Some(id) = self.known(cache, word, false) {
                        each(id);
                    }
                }
                Cut::Mixed(word) => {
                    if let Some(ids) = cache.mixed.get(word) {
                        return ids.iter().for_each(|&id| each(id));
                    }
                    let mut ids = Vec::new();
                    identifier_words(word, &mut |part, whole| {
                        ids.extend(self.known(cache, part, whole));
                    });
                    ids.iter().for_each(|&id| each(id));
                    cache.mixed.insert(word.into(), ids.into_boxed_slice());
                }
            })
        });
    }

    /// The term of a normalized `word` (`whole`: an identifier kept whole), from `cache` when
    /// it was met before.
    fn known(&self, cache: &mut terms::Cache, word: &str, whole: bool) -> Option<TermId> {
        let known = if whole {
            &mut cache.whole
        } else {
            &mut cache.words
        };
        if let Some(id) = known.get(word) {
            return *id;
        }
        let id = if whole {
            Some(terms::intern(word))
        } else {
            (!self.stop_words.contains(&word)).then(|| terms::intern(&self.term(word, false)))
        };
        known.insert(word.into(), id);
        id
    }

    /// Every term of `text`, its stop words too: what a query's words become in `search.js`.
    pub fn query_terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        words(text, |word, whole| {
            terms.push(self.term(word, whole).into_owned())
        });
        terms
    }

    /// The term of a normalized `word`: its stem, unless it is an identifier kept `whole`.
    fn term<'w>(&self, word: &'w str, whole: bool) -> Cow<'w, str> {
        match &self.stemmer {
            Some(stemmer) if !whole => {
                let stem = stemmer.stem(word);
                if self.code == Some("ru") {
                    Cow::Owned(russian_plural_verb(&stem).to_string())
                } else {
                    stem
                }
            }
            _ => Cow::Borrowed(word),
        }
    }
}

/// Snowball leaves the third person plural of the second conjugation after a hushing
/// consonant whole (`учат`, `лечат`) while it stems the rest of the verb (`учить`, `учит`: `уч`):
/// its `-ат` goes when a vowel is left before it. `search.js` does the same after `stem/ru.js`.
fn russian_plural_verb(stem: &str) -> &str {
    let Some(rest) = stem.strip_suffix("ат").or_else(|| stem.strip_suffix("ят")) else {
        return stem;
    };
    let hushing = rest.ends_with(['ж', 'ч', 'ш', 'щ']);
    let vowel = rest.contains(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']);
    if hushing && vowel { rest } else { stem }
}

/// The stemmer's language of `lang`: its primary subtag, when both sides stem it.
pub(crate) fn stemmer_language(lang: &str) -> Option<&'static str> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    STEMMED
        .iter()
        .map(|(code, _)| *code)
        .find(|code| code.eq_ignore_ascii_case(primary))
}

/// Calls `each(word, whole)` with every normalized word of `text`: `whole` marks an identifier
/// kept whole, which is not stemmed; its parts follow it as words of their own.
pub(crate) fn words(text: &str, mut each: impl FnMut(&str, bool)) {
    cut(text, |cut| match cut {
        Cut::Plain(word) => each(word, false),
        Cut::Mixed(word) => identifier_words(word, &mut each),
    });
}

/// A word as cut from a text.
pub(crate) enum Cut<'w> {
    /// Normalized already: one word.
    Plain(&'w str),
    /// As written, with capitals or connectors: an identifier's words (`identifier_words`).
    Mixed(&'w str),
}

/// Calls `each` with every word of `text`, in NFC.
pub(crate) fn cut(text: &str, mut each: impl FnMut(Cut)) {
    // Most text is in NFC already, and checking is much cheaper than composing.
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        cut_nfc(text, &mut each);
    } else {
        cut_nfc(&text.nfc().collect::<String>(), &mut each);
    }
}

/// The words of NFC `text`: each is a slice of it, so a word is copied only to be lowercased.
fn cut_nfc(text: &str, each: &mut impl FnMut(Cut)) {
    let mut word = Word::default();
    for (at, c) in text.char_indices() {
        match class(c) {
            Class::Unspaced => {
                word.flush(text, at, each);
                // Han and kana have no case.
                each(Cut::Plain(c.encode_utf8(&mut [0; 4])));
            }
            Class::Word => word.push(at, c.is_uppercase()),
            Class::Connector => word.push(at, true),
            Class::Other => word.flush(text, at, each),
        }
    }
    word.flush(text, text.len(), each);
}

/// The word being cut: where it starts, with what `flush` needs to know of it.
#[derive(Default)]
struct Word {
    start: Option<usize>,
    chars: usize,
    /// An uppercase letter or a connector: the word may be an identifier, or need lowercasing.
    mixed: bool,
}

impl Word {
    fn push(&mut self, at: usize, mixed: bool) {
        self.start.get_or_insert(at);
        self.chars += 1;
        self.mixed |= mixed;
    }

    /// Hands on the word that ends at byte `end` of `text`, then starts the next.
    fn flush(&mut self, text: &str, end: usize, each: &mut impl FnMut(Cut)) {
        if let Some(start) = self.start {
            let word = &text[start..end];
            if self.mixed {
                each(Cut::Mixed(word));
            } else if self.chars <= MAX_WORD_CHARS {
                // Lowercase already and one part: the common case, without copying. (`ё` is
                // 0xd1 0x91: most words have no 0x91 byte.)
                if word.bytes().any(|b| b == 0x91) && word.contains('ё') {
                    each(Cut::Plain(&lowercase(word)));
                } else {
                    each(Cut::Plain(word));
                }
            }
        }
        *self = Word::default();
    }
}

/// The words of a word with capitals or connectors: whole when it is an identifier, then its
/// parts, lowercased.
fn identifier_words(word: &str, each: &mut impl FnMut(&str, bool)) {
    let parts = identifier_parts(word);
    if parts.len() > 1 {
        let whole = lowercase(word);
        if whole.chars().count() <= MAX_WORD_CHARS {
            each(&whole, true);
        }
    }
    for part in parts {
        let part = lowercase(part);
        if !part.is_empty() && part.chars().count() <= MAX_WORD_CHARS {
            each(&part, false);
        }
    }
}

/// The parts of a word written as an identifier: cut at connectors (`_`) and where the case
/// turns up (`camelCase`, `HTTPServer` -> `HTTP`, `Server`); one part for any other word.
fn identifier_parts(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in word.split(|c| class(c) == Class::Connector) {
        let chars: Vec<(usize, char)> = piece.char_indices().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (at, c) = chars[i];
            let before = chars[i - 1].1;
            let after_is_lower = chars.get(i + 1).is_some_and(|(_, n)| n.is_lowercase());
            let turns_up = c.is_uppercase()
                && (before.is_lowercase()
                    || before.is_numeric()
                    || (before.is_uppercase() && after_is_lower));
            if turns_up {
                parts.push(&piece[start..at]);
                start = at;
            }
        }
        parts.push(&piece[start..]);
    }
    parts.retain(|p| !p.is_empty());
    parts
}

fn lowercase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        push_lower(&mut out, c);
    }
    out
}

fn push_lower(out: &mut String, c: char) {
    for lower in c.to_lowercase() {
        out.push(if lower == 'ё' { 'е' } else { lower });
    }
}

/// What a character is to the word cutter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter, mark or number.
    Word,
    /// Connector punctuation (`_`): inside a word, and where an identifier's parts meet.
    Connector,
    /// Han, hiragana and katakana, written without spaces: each character is a word.
    Unspaced,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Class::Word,
            '_' => Class::Connector,
            _ => Class::Other,
        };
    }
    if is_unspaced(c) {
        return Class::Unspaced;
    }
    match c.general_category_group() {
        GeneralCategoryGroup::Letter
        | GeneralCategoryGroup::Mark
        | GeneralCategoryGroup::Number => Class::Word,
        GeneralCategoryGroup::Punctuation
            if c.general_category() == GeneralCategory::ConnectorPunctuation =>
        {
            Class::Connector
        }
        _ => Class::Other,
    }
}

fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FA1F)
}

/// Words too common to tell pages apart.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into",
    "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their", "then", "there",
    "these", "this", "those", "to", "was", "were", "which", "with",
];

const RUSSIAN_STOP_WORDS: &[&str] = &[
    "а", "без", "бы", "в", "во", "да", "для", "до", "же", "за", "и", "из", "или", "к", "ко", "ли",
    "на", "над", "не", "ни", "но", "о", "об", "от", "по", "под", "при", "про", "с", "со", "то",
    "у", "что", "это",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: &str, text: &str) -> Vec<String> {
        let mut ids = Vec::new();
        Analyzer::new(lang).terms(text, |id| ids.push(id));
        terms::names(ids).iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn identifiers_are_kept_whole_and_in_parts() {
        assert_eq!(
            terms("xx", "select_related parseHTTPHeader v2"),
            [
                "select_related",
                "select",
                "related",
                "parsehttpheader",
                "parse",
                "http",
                "header",
                "v2"
            ]
        );
    }

    #[test]
    fn han_and_kana_are_one_word_a_character() {
        assert_eq!(terms("zh", "搜索引擎abc"), ["搜", "索", "引", "擎", "abc"]);
        assert_eq!(terms("ja", "カナ"), ["カ", "ナ"]);
    }

    #[test]
    fn yo_is_ye_and_short_i_stays() {
        assert_eq!(terms("xx", "Ёлка ЙОД"), ["елка", "йод"]);
        assert_eq!(terms("ru", "ещё"), terms("ru", "еще"));
        let mut seen = Vec::new();
        words("мой новый", |w, _| seen.push(w.to_string()));
        assert_eq!(seen, ["мой", "новый"]);
    }

    #[test]
    fn nfc_joins_combining_marks() {
        assert_eq!(terms("xx", "cafe\u{301}"), ["café"]);
    }

    #[test]
    fn stop_words_are_left_out_and_words_stemmed() {
        assert_eq!(terms("en", "The caches of the index"), ["cach", "index"]);
        assert_eq!(terms("en-GB", "running"), ["run"]);
        assert_eq!(terms("de", "die Häuser"), ["die", "haus"]);
        assert_eq!(terms("ja", "the"), ["the"]);
    }

    /// Inflected Russian forms meet at one stem, whichever is typed.
    #[test]
    fn russian_inflections_match_both_ways() {
        let pairs = [
            ("новый", "новая"),
            ("новый", "новое"),
            ("новые", "новых"),
            ("настройка", "настройкой"),
            ("настройки", "настройку"),
            ("настройках", "настройкам"),
            ("учить", "учат"),
            ("учит", "учат"),
            ("ёлка", "елки"),
            ("её", "ее"),
            ("страница", "страницы"),
            ("страницу", "страницей"),
            ("страницах", "страницами"),
            ("ответ", "ответы"),
            ("ответа", "ответов"),
            ("ответом", "ответе"),
            ("вопрос", "вопросы"),
            ("вопроса", "вопросов"),
            ("сборка", "сборки"),
            ("сборку", "сборкой"),
            ("шаблон", "шаблоны"),
            ("шаблона", "шаблонов"),
            ("шаблоном", "шаблонах"),
            ("ссылка", "ссылки"),
            ("ссылку", "ссылкой"),
            ("раздел", "разделы"),
            ("раздела", "разделов"),
            ("сайт", "сайта"),
            ("сайты", "сайтов"),
            ("быстрый", "быстрая"),
            ("быстрые", "быстрого"),
            ("большой", "большая"),
            ("большие", "больших"),
            ("работать", "работает"),
            ("работают", "работал"),
            ("лечить", "лечат"),
            ("кэш", "кэша"),
            ("кэшем", "кэши"),
            ("файл", "файлы"),
            ("файла", "файлов"),
            ("язык", "языки"),
            ("языка", "языков"),
            ("перевод", "переводы"),
            ("перевода", "переводов"),
        ];
        let unmatched: Vec<_> = pairs
            .iter()
            .filter(|(a, b)| terms("ru", a) != terms("ru", b))
            .map(|(a, b)| format!("{a}={:?} {b}={:?}", terms("ru", a), terms("ru", b)))
            .collect();
        assert!(unmatched.is_empty(), "{unmatched:#?}");
        assert!(pairs.len() >= 40);
    }
}
