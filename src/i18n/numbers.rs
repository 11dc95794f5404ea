//! Whole numbers as each language writes them (CLDR's grouping): `12,345` in English, `12 345`
//! in Russian and French, `12.345` in German; Spanish and Polish leave four digits whole
//! (`1234`). Fluent's own display has no grouping, so each language's bundle gets the formatter
//! of its kind. Digits stay Latin in every language, as most sites in Arabic write them.

use fluent_bundle::FluentValue;

/// A bundle's number formatter (Fluent calls it for every number it displays).
pub(super) type Formatter<M> = fn(&FluentValue, &M) -> Option<String>;

/// The formatter of language `code`.
pub(super) fn formatter<M>(code: &str) -> Formatter<M> {
    let primary = code.split('-').next().unwrap_or(code);
    match primary {
        "ru" | "uk" | "be" | "cs" | "sk" | "sv" | "fi" | "nb" | "nn" | "no" | "kk" | "lt"
        | "et" | "hu" => grouped::<M, '\u{a0}', 4>,
        "fr" => grouped::<M, '\u{202f}', 4>,
        "pl" | "bg" | "lv" => grouped::<M, '\u{a0}', 5>,
        "de" | "pt" | "it" | "nl" | "tr" | "id" | "da" | "el" | "ro" | "sl" | "sr" | "vi" => {
            grouped::<M, '.', 4>
        }
        "es" | "hr" => grouped::<M, '.', 5>,
        _ => grouped::<M, ',', 4>,
    }
}

/// A whole number of at least `MIN` digits with `SEP` between groups of three; `None` (Fluent's
/// own display) for anything else.
fn grouped<M, const SEP: char, const MIN: usize>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() >= 1e15 || number.options.minimum_fraction_digits.is_some() {
        return None;
    }
    Some(group(n as i64, SEP, MIN))
}

fn group(n: i64, sep: char, min: usize) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    if digits.len() < min {
        out.push_str(&digits);
        return out;
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn groups_of_three_from_the_right() {
        assert_eq!(group(5, ',', 4), "5");
        assert_eq!(group(1234, ',', 4), "1,234");
        assert_eq!(group(1234, '.', 5), "1234");
        assert_eq!(group(12345, '.', 5), "12.345");
        assert_eq!(group(-1234567, '\u{a0}', 4), "-1\u{a0}234\u{a0}567");
        assert_eq!(group(999, ',', 4), "999");
    }
}
