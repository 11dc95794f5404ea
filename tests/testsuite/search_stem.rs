//! The reader's query stemmers (`themes/default/static/stem/LANG.js`) against rust-stemmers, which
//! stems the index at build time: a query word that stems differently in the browser finds
//! nothing. Each language's word list (`tests/fixtures/search/words/LANG.txt`) is stemmed by
//! both, in one `node` process per language; node is required, so its absence fails the test.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// The languages with a `*_stems_agree` test below.
const TESTED: &[&str] = &["de", "en", "es", "fr", "pt", "ru"];

/// Loads the stemmer file, checks it registered only its own language, and prints the stem of
/// each stdin line.
const NODE_SCRIPT: &str = r#"
globalThis.self = globalThis;
const [file, lang] = process.argv.slice(1);
require(file);
const names = Object.keys(self.folioStemmers || {});
if (names.length !== 1 || typeof self.folioStemmers[lang] !== 'function') {
  console.error(file + ' registers ' + JSON.stringify(names) + ', expected only ' + lang);
  process.exit(2);
}
const stem = self.folioStemmers[lang];
const words = require('fs').readFileSync(0, 'utf8').split('\n');
words.pop();
process.stdout.write(words.map((w) => stem(w) + '\n').join(''));
"#;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stemmer_file(lang: &str) -> PathBuf {
    root()
        .join("themes/default/static/stem")
        .join(format!("{lang}.js"))
}

fn word_list(lang: &str) -> Vec<String> {
    let path = root().join(format!("tests/fixtures/search/words/{lang}.txt"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let words: Vec<String> = text.lines().map(str::to_owned).collect();
    for word in &words {
        // The stemmers' input contract: what folio's normalization produces.
        let normal: String = word.nfc().collect::<String>().to_lowercase();
        assert!(
            !word.is_empty() && *word == normal && !word.contains('ё'),
            "{}: {word:?} is not a normalized word (lowercase NFC, ё as е)",
            path.display()
        );
    }
    words
}

/// The stems `node` computes with the JavaScript stemmer, one per word.
fn js_stems(lang: &str, words: &[String]) -> Vec<String> {
    let file = stemmer_file(lang);
    let mut child = Command::new("node")
        .arg("-e")
        .arg(NODE_SCRIPT)
        .arg(&file)
        .arg(lang)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run `node` ({e}): Node.js is required to test the search stemmers")
        });
    let mut input = String::new();
    for word in words {
        input.push_str(word);
        input.push('\n');
    }
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("wait for node");
    writer
        .join()
        .expect("stdin writer")
        .expect("write words to node");
    assert!(
        output.status.success(),
        "node failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("node prints UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn assert_stems_agree(lang: &str, algorithm: Algorithm) {
    let words = word_list(lang);
    let stemmer = Stemmer::create(algorithm);
    let js = js_stems(lang, &words);
    assert_eq!(js.len(), words.len(), "{lang}.js printed one stem per word");
    let mismatches: Vec<String> = words
        .iter()
        .zip(&js)
        .filter_map(|(word, js)| {
            let rust = stemmer.stem(word);
            (rust != js.as_str()).then(|| format!("{word}: rust={rust} js={js}"))
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "{lang}.js disagrees with rust-stemmers on {} of {} words; the first ones:\n{}",
        mismatches.len(),
        words.len(),
        mismatches[..mismatches.len().min(20)].join("\n")
    );
}

#[test]
fn english_stems_agree() {
    assert_stems_agree("en", Algorithm::English);
}

#[test]
fn russian_stems_agree() {
    assert_stems_agree("ru", Algorithm::Russian);
}

#[test]
fn german_stems_agree() {
    assert_stems_agree("de", Algorithm::German);
}

#[test]
fn french_stems_agree() {
    assert_stems_agree("fr", Algorithm::French);
}

#[test]
fn spanish_stems_agree() {
    assert_stems_agree("es", Algorithm::Spanish);
}

#[test]
fn portuguese_stems_agree() {
    assert_stems_agree("pt", Algorithm::Portuguese);
}

#[test]
fn every_stemmer_file_is_tested() {
    let dir = root().join("themes/default/static/stem");
    let mut shipped: Vec<String> = std::fs::read_dir(&dir)
        .expect("read the stemmer folder")
        .map(|entry| entry.expect("stemmer folder entry").file_name())
        .filter_map(|name| name.to_str()?.strip_suffix(".js").map(str::to_owned))
        .collect();
    shipped.sort();
    let mut tested = TESTED.to_vec();
    tested.sort_unstable();
    assert_eq!(
        shipped,
        tested,
        "each stemmer in {} has a golden test",
        dir.display()
    );
}
