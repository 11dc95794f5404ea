//! The shape docs/decisions.md promises, kept true: no source file over 600 lines of non-test
//! code, no function over 80 lines, and no two modules that import each other (top-level
//! modules through `crate::`, sibling submodules through `super::`). A plain reading of the
//! sources, as `rustfmt` leaves them: an item ends at the first `}` at its own indentation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FUNCTION_LINES: usize = 80;

/// Every `.rs` file under `src/`, as its module path (`check/internal`) and its non-test text.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    let module = |path: &PathBuf| {
        let rel = path
            .strip_prefix(&src)
            .expect("under src")
            .with_extension("");
        let rel = rel.to_string_lossy().replace('\\', "/");
        rel.strip_suffix("/mod").unwrap_or(&rel).to_string()
    };
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("source");
            let code = text
                .split("\n#[cfg(test)]")
                .next()
                .unwrap_or("")
                .to_string();
            (module(path), code)
        })
        .collect()
}

#[test]
fn no_file_over_600_lines_and_no_function_over_80() {
    let mut too_long = Vec::new();
    for (module, code) in sources() {
        let lines: Vec<&str> = code.lines().collect();
        if lines.len() > MAX_FILE_LINES {
            too_long.push(format!("{module}: {} lines", lines.len()));
        }
        for (start, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "async fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn || line.trim_end().ends_with(';') {
                continue;
            }
            let end = format!("{}}}", &line[..line.len() - trimmed.len()]);
            let Some(length) = lines[start..].iter().position(|l| *l == end) else {
                continue;
            };
            if length + 1 > MAX_FUNCTION_LINES {
                too_long.push(format!("{module}:{}: {} lines", start + 1, length + 1));
            }
        }
    }
    assert!(too_long.is_empty(), "too long: {too_long:#?}");
}

#[test]
fn no_two_modules_import_each_other() {
    let sources = sources();
    let modules: BTreeSet<&str> = sources.iter().map(|(m, _)| m.as_str()).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &sources {
        let (top, parent) = match module.rsplit_once('/') {
            Some((parent, _)) => (module.split('/').next().unwrap_or(module), Some(parent)),
            None => (module.as_str(), None),
        };
        for (prefix, scope) in [("crate::", None), ("super::", parent)] {
            for (i, _) in code.match_indices(prefix) {
                let rest = &code[i + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                let (from, to) = match scope {
                    None => (top.to_string(), name),
                    Some(parent) => (module.clone(), format!("{parent}/{name}")),
                };
                if from != to && modules.contains(to.as_str()) {
                    imports.entry(from).or_default().insert(to);
                }
            }
        }
    }
    let mut cycles = Vec::new();
    for (a, targets) in &imports {
        for b in targets {
            if a < b && imports.get(b).is_some_and(|back| back.contains(a)) {
                cycles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that import each other: {cycles:?}"
    );
}
