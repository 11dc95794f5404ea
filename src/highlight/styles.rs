//! Which highlighting spans the stylesheet can see: the configured themes go in, a filter comes
//! out that gives a grammar scope its class list, or none when no rule of the generated CSS can
//! match it. Grammars mark far more scopes than themes color (over a third of all spans), and
//! every span costs bytes on every page, so spans no rule can match are not written.
//!
//! The filter follows the CSS that `theme_css` writes, not syntect's own selector matching:
//! a theme selector `source.python string.quoted - comment` becomes the descendant selector
//! `.hl-source.hl-python .hl-string.hl-quoted` (the exclusion is dropped), and a compound such as
//! `.hl-string.hl-quoted` matches any element carrying those classes, whatever its other ones. So:
//! - a span is kept when its scope's atoms include every atom of some compound, in any position
//!   of any selector: a rule may style it, or it may be the ancestor a descendant selector needs.
//!   A span matching no compound has no declarations of its own and is never a selector's
//!   witness, so removing it changes no rule's match on any element and no inherited value;
//! - a kept span's classes are reduced to the atoms some compound names: a compound's atoms all
//!   belong to that set, so it matches the reduced list exactly when it matched the full one.
//!
//! Rules that declare nothing (a theme item with no color and no font style) style nothing and
//! are ignored; the classes the rest of the stylesheet and `theme.js` use (`hl-code`,
//! `hl-prompt`, `hl-diff-marker`) are always kept, should a grammar use them as scope atoms.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use syntect::highlighting::{FontStyle, Theme};
use syntect::parsing::Scope;

use super::CLASS_PREFIX;
use crate::cache::Key;

/// Classes the block stylesheet and the copy button read, besides the themes' rules.
const ALWAYS_STYLED: &[&str] = &["code", "prompt", "diff-marker"];

/// The compound selectors of a stylesheet, and what they decide.
#[derive(Debug, Clone)]
pub(crate) struct StyledScopes {
    /// Each compound (`.hl-string.hl-quoted`, as a scope) under its first atom: a scope can only
    /// match compounds whose first atom it has.
    compounds: HashMap<u16, Vec<Scope>>,
    /// Every atom some compound names; the only classes worth writing.
    atoms: HashSet<u16>,
    /// A hash of the compounds: the HTML of a block depends on them.
    pub key: Key,
}

impl StyledScopes {
    /// The compounds of every rule that declares something in `themes`' CSS.
    pub(crate) fn of(themes: &[&Theme]) -> StyledScopes {
        let mut found: Vec<Scope> = themes
            .iter()
            .flat_map(|theme| &theme.scopes)
            .filter(|item| declares_something(&item.style))
            .flat_map(|item| &item.scope.selectors)
            .flat_map(|selector| selector.extract_scopes())
            .chain(
                ALWAYS_STYLED
                    .iter()
                    .filter_map(|name| Scope::new(name).ok()),
            )
            .filter(|compound| !compound.is_empty())
            .collect();
        found.sort_unstable();
        found.dedup();
        // Atom numbers differ between runs: the key is made of the names, in a stable order.
        let mut names: Vec<String> = found.iter().map(|s| s.build_string()).collect();
        names.sort_unstable();
        let parts: Vec<&[u8]> = names.iter().map(|n| n.as_bytes()).collect();
        let mut compounds: HashMap<u16, Vec<Scope>> = HashMap::new();
        let mut atom_set = HashSet::new();
        for compound in found {
            atom_set.extend(atoms(compound));
            compounds
                .entry(compound.atom_at(0))
                .or_default()
                .push(compound);
        }
        StyledScopes {
            compounds,
            atoms: atom_set,
            key: Key::of(&[b"styled-scopes-1", &Key::of(&parts).to_bytes()]),
        }
    }

    /// `keyword.control.python` -> `hl-keyword hl-control` when some rule names `keyword` or
    /// `keyword.control` (and none `python`); `None` when no compound matches the scope.
    pub(crate) fn classes(&self, scope: Scope) -> Option<Arc<str>> {
        let mine: Vec<u16> = atoms(scope).collect();
        let matches = mine.iter().any(|first| {
            self.compounds.get(first).is_some_and(|compounds| {
                compounds
                    .iter()
                    .any(|compound| atoms(*compound).all(|atom| mine.contains(&atom)))
            })
        });
        if !matches {
            return None;
        }
        let name = scope.build_string();
        let classes: Vec<String> = name
            .split('.')
            .zip(&mine)
            .filter(|(_, atom)| self.atoms.contains(atom))
            .map(|(text, _)| format!("{CLASS_PREFIX}{text}"))
            .collect();
        Some(classes.join(" ").into())
    }
}

/// The atom numbers of a scope, in order.
fn atoms(scope: Scope) -> impl Iterator<Item = u16> {
    // A scope has at most 8 atoms, the bound of `atom_at`.
    (0..scope.len().min(8) as usize).map(move |i| scope.atom_at(i))
}

/// Whether `theme_css` writes a declaration for this style.
fn declares_something(style: &syntect::highlighting::StyleModifier) -> bool {
    let visible_font = FontStyle::UNDERLINE | FontStyle::BOLD | FontStyle::ITALIC;
    style.foreground.is_some()
        || style.background.is_some()
        || style.font_style.is_some_and(|f| f.intersects(visible_font))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use syntect::highlighting::{Color, ScopeSelectors, StyleModifier, ThemeItem, ThemeSettings};

    use crate::highlight::Themes;
    use crate::highlight::tests::{render, render_styled};

    fn colored(selectors: &str) -> ThemeItem {
        ThemeItem {
            scope: ScopeSelectors::from_str(selectors).unwrap(),
            style: StyleModifier {
                foreground: Some(Color::BLACK),
                ..StyleModifier::default()
            },
        }
    }

    fn theme(items: Vec<ThemeItem>) -> Theme {
        Theme {
            settings: ThemeSettings::default(),
            scopes: items,
            ..Theme::default()
        }
    }

    fn classes(styles: &StyledScopes, scope: &str) -> Option<String> {
        styles
            .classes(Scope::new(scope).unwrap())
            .map(|c| c.to_string())
    }

    #[test]
    fn compounds_match_as_css_classes_do() {
        let light = theme(vec![colored("string.quoted, keyword")]);
        let dark = theme(vec![colored("constant.numeric")]);
        let styles = StyledScopes::of(&[&light, &dark]);
        assert_eq!(
            classes(&styles, "string.quoted.double.python").as_deref(),
            Some("hl-string hl-quoted")
        );
        assert_eq!(
            classes(&styles, "keyword.control.rust").as_deref(),
            Some("hl-keyword")
        );
        // CSS does not care where the classes come from: `.hl-string.hl-quoted` matches.
        assert_eq!(
            classes(&styles, "quoted.meta.string").as_deref(),
            Some("hl-quoted hl-string")
        );
        assert_eq!(classes(&styles, "string.unquoted"), None);
        assert_eq!(classes(&styles, "constant.language"), None);
        assert_eq!(
            classes(&styles, "constant.numeric.integer").as_deref(),
            Some("hl-constant hl-numeric")
        );
    }

    #[test]
    fn ancestors_of_descendant_selectors_are_kept() {
        // `.hl-source.hl-python .hl-string`: the `source.python` span is what makes it match.
        let styles = StyledScopes::of(&[&theme(vec![colored("source.python string")])]);
        assert_eq!(
            classes(&styles, "source.python").as_deref(),
            Some("hl-source hl-python")
        );
        assert_eq!(classes(&styles, "source.rust"), None);
        // Exclusions are not in the CSS: the rule matches comments' strings too.
        let styles = StyledScopes::of(&[&theme(vec![colored("meta.tag - comment")])]);
        assert_eq!(classes(&styles, "comment.block"), None);
        assert!(classes(&styles, "meta.tag.html").is_some());
    }

    #[test]
    fn rules_without_declarations_and_the_block_classes() {
        let mut empty = colored("variable");
        empty.style.foreground = None;
        let styles = StyledScopes::of(&[&theme(vec![empty])]);
        assert_eq!(classes(&styles, "variable.other"), None);
        assert_eq!(
            classes(&styles, "punctuation.prompt.shell").as_deref(),
            Some("hl-prompt")
        );
        assert_eq!(
            classes(&styles, "meta.code.fence").as_deref(),
            Some("hl-code")
        );
    }

    #[test]
    fn the_key_follows_the_rules_not_their_order() {
        let a = theme(vec![colored("string"), colored("comment")]);
        let b = theme(vec![colored("comment"), colored("string")]);
        let c = theme(vec![colored("comment")]);
        assert_eq!(StyledScopes::of(&[&a]).key, StyledScopes::of(&[&b]).key);
        assert_ne!(StyledScopes::of(&[&a]).key, StyledScopes::of(&[&c]).key);
    }

    /// Reads the spans of a highlighted line: for every character, the class lists of the
    /// spans around it, outermost first.
    fn span_stacks(line: &str) -> Vec<Vec<Vec<String>>> {
        let mut stacks = Vec::new();
        let mut open: Vec<Vec<String>> = Vec::new();
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("<span class=\"") {
                let end = after.find("\">").unwrap();
                open.push(after[..end].split(' ').map(String::from).collect());
                rest = &after[end + 2..];
            } else if let Some(after) = rest.strip_prefix("</span>") {
                open.pop();
                rest = after;
            } else {
                let len = rest.find('<').unwrap_or(rest.len());
                for _ in 0..len {
                    stacks.push(open.clone());
                }
                rest = &rest[len..];
            }
        }
        stacks
    }

    /// For every character, the rules of `themes`' CSS that match each element around it, with
    /// the elements no rule matches left out: two pages that agree on this look the same.
    fn matched_rules(themes: &[&Theme], html: &str) -> Vec<Vec<Vec<usize>>> {
        let mut selectors: Vec<Vec<Vec<String>>> = Vec::new();
        for theme in themes {
            for item in &theme.scopes {
                for selector in &item.scope.selectors {
                    let compounds = selector.extract_scopes().into_iter().map(|scope| {
                        let name = scope.build_string();
                        name.split('.').map(|a| format!("hl-{a}")).collect()
                    });
                    selectors.push(compounds.collect());
                }
            }
        }
        let matches = |compound: &Vec<String>, classes: &Vec<String>| {
            compound.iter().all(|c| classes.contains(c))
        };
        // Descendant selectors, matched from the element outwards.
        let rule_matches = |selector: &Vec<Vec<String>>, path: &[Vec<String>]| {
            let Some((last, ancestors)) = selector.split_last() else {
                return false;
            };
            let Some((element, outer)) = path.split_last() else {
                return false;
            };
            let mut wanted = ancestors.iter().rev().peekable();
            for classes in outer.iter().rev() {
                if wanted.peek().is_some_and(|c| matches(c, classes)) {
                    wanted.next();
                }
            }
            matches(last, element) && wanted.peek().is_none()
        };
        let mut characters = Vec::new();
        for line in html.lines().filter(|l| l.starts_with("<span class=\"line")) {
            let inner = &line[line.find('>').unwrap() + 1..line.len() - "</span>".len()];
            for stack in span_stacks(inner) {
                let per_element: Vec<Vec<usize>> = (1..=stack.len())
                    .map(|depth| {
                        (0..selectors.len())
                            .filter(|&i| rule_matches(&selectors[i], &stack[..depth]))
                            .collect::<Vec<_>>()
                    })
                    .filter(|rules| !rules.is_empty())
                    .collect();
                characters.push(per_element);
            }
        }
        characters
    }

    #[test]
    fn the_configured_themes_style_every_character_as_before() {
        let themes = Themes::load(None).unwrap();
        let samples = [
            (
                "python",
                "import os\n@dataclass\nclass A(B):\n    \"\"\"Doc.\"\"\"\n    def f(self, x: int = 1) -> str:\n        return f\"{x!r} {os.sep}\"  # note\n",
            ),
            (
                "rust",
                "async fn main() -> Result<(), Box<dyn Error>> {\n    let v: Vec<u8> = vec![1, 2];\n    println!(\"{v:?}\"); // done\n    g().await?;\n    Ok(())\n}\n",
            ),
            (
                "typescript",
                "export const f = async <T,>(x: T): Promise<T> => {\n  /** doc */\n  return await g(`${x}`);\n};\n",
            ),
            (
                "html",
                "<!doctype html>\n<div class=\"a\" onclick=\"f(1)\"><style>p { color: red; }</style>{{ x }}</div>\n",
            ),
            ("diff-python", "-x = 1\n+x = \"two\"\n"),
            ("console", "$ pip install \"django>=5\" | tee log\nok\n"),
        ];
        for (light, dark) in [
            ("Coldark-Cold", "Coldark-Dark"),
            ("GitHub", "Monokai Extended"),
        ] {
            let pair = [themes.get(light).unwrap(), themes.get(dark).unwrap()];
            for (info, code) in samples {
                let all = render(info, code).html;
                let styled = render_styled(&pair, info, code);
                assert!(styled.len() < all.len(), "{info}: {styled}");
                for theme in pair {
                    assert_eq!(
                        matched_rules(&[theme], &styled),
                        matched_rules(&[theme], &all),
                        "{info} with {light}/{dark}:\n{all}\n{styled}"
                    );
                }
            }
        }
    }
}
