//! The text direction of a language: a BCP 47 tag (`ar`, `fa-IR`, `az-Arab`) in, `ltr` or `rtl`
//! out, for the `dir` attribute next to every `lang` the theme writes. A browser does not derive
//! the direction from `lang`, so an Arabic page without `dir="rtl"` lays out left to right.

use serde::Serialize;

/// Which way a language's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Languages written right to left in their usual script (the one a tag without a script
/// subtag means): Arabic, Persian, Hebrew (and its old code `iw`), Urdu, Pashto, Sindhi, Uyghur,
/// Yiddish, Dhivehi, Central Kurdish.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb",
];

/// Scripts written right to left, as ISO 15924 codes in lowercase.
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa", "yezi",
];

/// The direction of the language tag `tag`: its script subtag if it has one (`sd-Deva` is
/// ltr, `az-Arab` rtl), else its language; ltr for anything unknown, including an empty tag.
/// Subtags are case-insensitive and may be separated by `_` as in locale names (`fa_IR`).
pub(crate) fn of(tag: &str) -> Direction {
    let mut subtags = tag.split(['-', '_']).map(str::to_ascii_lowercase);
    let Some(language) = subtags.next() else {
        return Direction::Ltr;
    };
    // After the language come up to three extended language subtags of three letters, then
    // the script if there is one: four letters. Anything else (a region, a variant, `x-`) ends
    // the place where a script can stand.
    let alphabetic =
        |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_alphabetic());
    let script = subtags
        .find(|s| !alphabetic(s, 3))
        .filter(|s| alphabetic(s, 4));
    let rtl = match &script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&language.as_str()),
    };
    if rtl { Direction::Rtl } else { Direction::Ltr }
}

#[cfg(test)]
mod tests {
    use super::{Direction, of};

    #[test]
    fn right_to_left_languages_and_their_regions() {
        for tag in [
            "ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "ar-EG", "fa-IR", "he-IL",
            "ur-PK", "ckb-IQ", "AR", "Fa-ir", "fa_IR", "ar-arb", "ar-419",
        ] {
            assert_eq!(of(tag), Direction::Rtl, "{tag}");
        }
    }

    #[test]
    fn left_to_right_languages_and_lookalikes() {
        for tag in [
            "",
            "en",
            "en-US",
            "ru",
            "zh-Hans-CN",
            "ja",
            "hi",
            "fr-CA",
            "arn",
            "far",
            "hew",
            "a",
            "-ar",
            "x-ar",
            "de-CH-1996",
            "ku",
        ] {
            assert_eq!(of(tag), Direction::Ltr, "{tag}");
        }
    }

    #[test]
    fn a_script_subtag_decides() {
        assert_eq!(of("az-Arab"), Direction::Rtl);
        assert_eq!(of("ku-Arab-IQ"), Direction::Rtl);
        assert_eq!(of("pa-Arab"), Direction::Rtl);
        assert_eq!(of("jrb-Hebr"), Direction::Rtl);
        assert_eq!(of("sd-Deva"), Direction::Ltr);
        assert_eq!(of("ar-Latn"), Direction::Ltr);
        assert_eq!(of("ug-Cyrl-KZ"), Direction::Ltr);
        assert_eq!(of("zh-yue-Hant"), Direction::Ltr);
        // Only the subtag after the language and its extensions is a script.
        assert_eq!(of("en-US-arab"), Direction::Ltr);
        assert_eq!(of("en-x-arab"), Direction::Ltr);
        assert_eq!(of("ar-EG-latn"), Direction::Rtl);
    }

    #[test]
    fn attribute_values() {
        assert_eq!(Direction::Ltr.as_str(), "ltr");
        assert_eq!(Direction::Rtl.as_str(), "rtl");
        assert_eq!(serde_json::to_string(&Direction::Rtl).unwrap(), "\"rtl\"");
    }
}
