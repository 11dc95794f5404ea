use std::path::Path;

use fluent_bundle::FluentArgs;

use super::*;

fn count(n: i64) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    args.set("count", n);
    args
}

fn built_in() -> Translations {
    Translations::built_in()
}

#[test]
fn english_has_every_message_and_a_plural() {
    let t = built_in();
    assert_eq!(
        t.text("en", "answer-count", Some(&count(1))).as_deref(),
        Some("1 answer")
    );
    assert_eq!(
        t.text("en", "answer-count", Some(&count(5))).as_deref(),
        Some("5 answers")
    );
    assert_eq!(
        t.text("en", "on-this-page", None).as_deref(),
        Some("On this page")
    );
    assert_eq!(t.text("en", "no-such-message", None), None);
}

#[test]
fn russian_plurals_follow_cldr() {
    let t = built_in();
    for (n, expected) in [
        (1, "1 ответ"),
        (2, "2 ответа"),
        (5, "5 ответов"),
        (11, "11 ответов"),
        (21, "21 ответ"),
        (22, "22 ответа"),
        (25, "25 ответов"),
    ] {
        assert_eq!(
            t.text("ru", "answer-count", Some(&count(n))).as_deref(),
            Some(expected),
            "{n}"
        );
    }
}

#[test]
fn arabic_selects_six_plural_forms() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    let six = "n =\n    { $count ->\n        [zero] Z\n        [one] O\n        [two] T\n        [few] F\n        [many] M\n       *[other] X\n    }\n";
    std::fs::write(site.path().join("i18n/ar.ftl"), six).unwrap();
    let (t, errors) = Translations::load(None, site.path(), "en");
    assert!(errors.is_empty(), "{errors:?}");
    let forms: Vec<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|&n| t.text("ar", "n", Some(&count(n))).unwrap_or_default())
        .collect();
    assert_eq!(forms, ["Z", "O", "T", "F", "M", "X"]);
    let shipped = built_in();
    let words: Vec<String> = [0, 1, 2, 3]
        .iter()
        .map(|&n| {
            shipped
                .text("ar", "answer-count", Some(&count(n)))
                .unwrap_or_default()
        })
        .map(|text| {
            text.chars()
                .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
                .collect()
        })
        .collect();
    let mut distinct = words.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        4,
        "ar.ftl writes 0, 1, 2 and 3 answers each its own way: {words:?}"
    );
}

#[test]
fn every_shipped_language_has_every_message_of_english() {
    let t = built_in();
    for lang in ["ru", "de", "fr", "es", "pt", "zh", "ja", "ar", "he"] {
        let (missing, _) = t.missing(lang).unwrap_or_else(|| panic!("no {lang}.ftl"));
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[test]
fn numbers_are_grouped_as_each_language_groups_them() {
    let t = built_in();
    let number = |lang: &str, n: i64| {
        let mut args = FluentArgs::new();
        args.set("value", n);
        t.text(lang, "number", Some(&args)).unwrap_or_default()
    };
    assert_eq!(number("en", 12345), "12,345");
    assert_eq!(number("ru", 12345), "12\u{a0}345");
    assert_eq!(number("de", 1234), "1.234");
    assert_eq!(number("es", 1234), "1234");
    assert_eq!(number("es", 12345), "12.345");
    assert_eq!(number("fr", 1234), "1\u{202f}234");
    assert_eq!(number("en", 7), "7");
    assert_eq!(
        t.text("ru", "answer-count", Some(&count(1021))).as_deref(),
        Some("1\u{a0}021 ответ")
    );
}

#[test]
fn a_region_falls_back_to_its_language_then_the_default() {
    let t = built_in();
    assert_eq!(
        t.text("pt-BR", "on-this-page", None),
        t.text("pt", "on-this-page", None)
    );
    assert_eq!(t.ui_language("pt-BR"), "pt-br");
    assert_eq!(t.ui_language("sw"), "en");
    assert_eq!(
        t.text("sw", "on-this-page", None).as_deref(),
        Some("On this page")
    );
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    let t = built_in();
    let date = crate::date::Date::parse("2026-02-11").unwrap();
    let locales = Locales::new(&t, "en", ["ru", "ja", "de"].into_iter());
    assert_eq!(locales.get("en").dates.format(date), "Feb 11, 2026");
    assert_eq!(locales.get("ru").dates.format(date), "11 февраля 2026");
    assert_eq!(locales.get("ja").dates.format(date), "2026年2月11日");
    assert_eq!(locales.get("de").dates.format(date), "11. Februar 2026");
}

#[test]
fn a_site_message_wins_and_a_syntax_error_is_positioned() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(
        site.path().join("i18n/ru.ftl"),
        "on-this-page = Содержание\n",
    )
    .unwrap();
    std::fs::write(site.path().join("i18n/xx.ftl"), "ok = Fine\nbroken = { $\n").unwrap();
    let (t, errors) = Translations::load(None, site.path(), "en");
    assert_eq!(
        t.text("ru", "on-this-page", None).as_deref(),
        Some("Содержание")
    );
    assert_eq!(
        t.text("ru", "tags", None).as_deref(),
        Some("Теги"),
        "the theme's other messages stay"
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, Path::new("i18n/xx.ftl"));
    assert_eq!(errors[0].position.line, 2);
    assert_eq!(t.text("xx", "ok", None).as_deref(), Some("Fine"));
    let (missing, files) = t.missing("xx").unwrap();
    assert!(missing.contains(&"on-this-page".to_string()));
    assert_eq!(files, [Path::new("i18n/xx.ftl")]);
}

#[test]
fn labels_keep_the_text_around_their_value() {
    let labels = Labels::english();
    assert_eq!(
        labels.heading_anchor.around("Intro"),
        "Link to this section: Intro"
    );
    assert_eq!(labels.footnote_back.around("2"), "Back to reference 2");
    assert_eq!(labels.alerts[3], "Warning");
}
