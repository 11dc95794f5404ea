//! The least highlighting work a corpus needs: syntect's parser (onig, bat's grammars, as folio
//! uses them) run over every fenced code block of a folder of markdown, on one thread, with no
//! HTML written. docs/performance.md compares folio's highlighting time with this.
//!
//!     cargo run --release --example highlight_floor -- /tmp/corpus1k/content

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use syntect::parsing::{ParseState, ScopeStack};
use syntect::util::LinesWithEndings;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: highlight_floor CONTENT_DIR");
        std::process::exit(2);
    };
    let mut blocks = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        collect_blocks(entry.path(), &mut blocks);
    }
    let syntaxes = two_face::syntax::extra_newlines();
    let mut per_language: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    let started = Instant::now();
    for (language, code) in &blocks {
        let Some(syntax) = syntaxes.find_syntax_by_token(language) else {
            continue;
        };
        let block_started = Instant::now();
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        for line in LinesWithEndings::from(code) {
            let Ok(ops) = state.parse_line(line, &syntaxes) else {
                break;
            };
            for (_, op) in ops {
                stack.apply(&op).ok();
            }
        }
        let entry = per_language.entry(language.clone()).or_default();
        entry.0 += block_started.elapsed().as_secs_f64();
        entry.1 += code.len();
    }
    let bytes: usize = blocks.iter().map(|(_, c)| c.len()).sum();
    println!(
        "{} blocks, {} KiB of code: {:.2} s on one thread",
        blocks.len(),
        bytes / 1024,
        started.elapsed().as_secs_f64()
    );
    for (language, (seconds, bytes)) in per_language {
        let rate = bytes as f64 / 1024.0 / seconds;
        println!("  {language:12} {seconds:6.3} s  {rate:6.0} KiB/s");
    }
}

/// The (language, code) of every fenced block of a markdown file.
fn collect_blocks(path: &Path, blocks: &mut Vec<(String, String)>) {
    if path.extension().is_none_or(|e| e != "md") {
        return;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (line.strip_prefix("```"), open.take()) {
            (Some(info), None) => open = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(block)) => blocks.push(block),
            (None, Some((language, mut code))) => {
                code.push_str(line);
                code.push('\n');
                open = Some((language, code));
            }
            (None, None) => {}
        }
    }
}
