//! The fuzz targets' smoke run under `cargo test` (stable, bounded): every target on its
//! checked-in corpus (`fuzz/corpus/TARGET`), on every crash input the fuzzer found
//! (`fuzz/regressions/TARGET`, kept as regression inputs), and on a fixed number of seeded
//! mutations of them. The coverage-guided run is `fuzz/run` (docs/security.md, "Fuzzing").

use std::path::{Path, PathBuf};

#[allow(unreachable_pub, dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod targets;

/// Mutated inputs per target and seed file: enough to leave the corpus's well-formed shapes, few
/// enough that the whole smoke run stays within seconds. `FOLIO_FUZZ_ROUNDS=N` runs N times as
/// many (`.ci/run` asks for more, in a step of its own).
const MUTANTS_PER_SEED: usize = 6;
/// Fewer for the whole build, which is two builds of a site per input.
const SITE_MUTANTS_PER_SEED: usize = 2;

fn rounds() -> usize {
    std::env::var("FOLIO_FUZZ_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}
const MAX_LEN: usize = 16 * 1024;

/// Fragments the parsers give meaning to, spliced into mutants so they reach deeper paths.
const TOKENS: &[&[u8]] = &[
    b"---\n",
    b"--- answer\n",
    b"--- reply\n",
    b"```rust\n",
    b"```\n",
    b"[^1]",
    b"[^1]: note\n",
    b"> [!NOTE]\n",
    b"| a | b |\n|---|---|\n",
    b"# H {#id}\n",
    b"[link](missing.md#x)",
    b"[a](#top)",
    b"title: ",
    b"date: 2026-02-30\n",
    b"votes: -9223372036854775808\n",
    b"accepted: true\n",
    b"kind: question\n",
    b"base_url = \"",
    b"[highlight]\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\0",
    b"\"",
    b"'",
    b"\t",
];

/// xorshift64*: the same mutants on every run, so a failure here reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to four random edits of `seed`: flip, insert a token, delete or duplicate a range, or
/// splice in part of `other`.
fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(5) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(data.len());
                let copy = data[at..end].to_vec();
                data.splice(at..at, copy);
            }
            _ => {
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(512)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    data.truncate(MAX_LEN);
    data
}

fn inputs(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let data = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, data)
        })
        .collect()
}

fn smoke(name: &str) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let (_, target) = *targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a target of that name");
    let corpus = inputs(&fuzz.join("corpus").join(name));
    assert!(!corpus.is_empty(), "no corpus for {name}");
    for (path, data) in inputs(&fuzz.join("regressions").join(name)) {
        println!("{}", path.display());
        target(&data);
    }
    let mutants = rounds()
        * if name == "site" {
            SITE_MUTANTS_PER_SEED
        } else {
            MUTANTS_PER_SEED
        };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
    for (i, (path, data)) in corpus.iter().enumerate() {
        target(data);
        let other = &corpus[(i + 1) % corpus.len()].1;
        for n in 0..mutants {
            let mutant = mutate(&mut rng, data, other);
            // Printed (shown on failure) so the input can be rebuilt and kept.
            println!(
                "{} mutant {n}: {:?}",
                path.display(),
                String::from_utf8_lossy(&mutant)
            );
            target(&mutant);
        }
    }
}

#[test]
fn front_matter() {
    smoke("front_matter");
}

#[test]
fn thread() {
    smoke("thread");
}

#[test]
fn config() {
    smoke("config");
}

#[test]
fn markdown() {
    smoke("markdown");
}

#[test]
fn site() {
    smoke("site");
}

/// A target in `fuzz/Cargo.toml` that the smoke run does not know would go untested in CI.
#[test]
fn every_fuzz_target_has_a_smoke_run_and_a_corpus() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut binaries: Vec<String> = inputs(&fuzz.join("fuzz_targets"))
        .into_iter()
        .map(|(p, _)| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    binaries.sort();
    let mut known: Vec<String> = targets::TARGETS
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    known.sort();
    assert_eq!(binaries, known);
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    for name in &known {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "{name} not in fuzz/Cargo.toml"
        );
        assert!(
            !inputs(&fuzz.join("corpus").join(name)).is_empty(),
            "no corpus for {name}"
        );
    }
}
