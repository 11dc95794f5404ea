//! The site's search index, made during the build from what each page's rendering kept of its
//! text (`entry`), one index per language tree, read in the reader's browser by the theme's
//! `search.js`. Every file but the small root is named by a hash of its bytes, so an unchanged
//! file keeps its name between builds (reused by the output's recycling and by caches).
//!
//! Under `search/CODE/` (CODE: the tree's language):
//! - `index.json`: the root. The first term of each term chunk and the chunk's file, the hash
//!   of each fragment file, the languages to stem queries in, and the words of the results list.
//! - `t-HASH.bin`: a chunk of terms in byte order, each with its postings, gzip-compressed.
//! - `f-N-HASH.bin`: fragment N, what the results list shows (title, URL, section, each result's
//!   anchor, label and excerpt) of `GROUP` consecutive pages of the tree, gzip-compressed JSON.
//!
//! A term chunk is a sequence of varints (LEB128): the number of terms, then for each term its
//! UTF-8 length and bytes, the number of pages it is in, and per page the page's number in the
//! tree (as the difference from the previous page's), the number of its results with the term,
//! and per result its place in the page's results and a weight byte (`entry::IN_TITLE` set for
//! a term of the page's title, then followed by a byte: the title's number of distinct terms).
//!
//! A page's entry is added as soon as the page is rendered; a fragment file is written when its
//! last page arrives, so the build never holds the site's excerpts. Each page's postings are
//! kept packed (`postings::page_bytes`) until `finish` inverts them.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::i18n::Translations;
use crate::index::{PageId, SiteIndex};
use crate::languages::TreeId;
use crate::output::{OutputFile, Sink, WriteError};

mod entry;
mod postings;
mod terms;
mod words;

use postings::{TermPostings, varint};
use terms::TermId;

pub(crate) use entry::{PageEntry, PostText, article, thread};
pub use words::Analyzer;
pub(crate) use words::stemmer_language;

/// The folder of every language tree's index.
pub(crate) const SEARCH_DIR: &str = "search/";

/// Pages per fragment file: a result costs the reader its fragment, and the site this many
/// pages per file (10,000 pages: 1,250 files).
const GROUP: usize = 8;
/// A term chunk is cut once its postings pass this many bytes (before compression).
const CHUNK_BYTES: usize = 48 * 1024;

/// The index being made: a page's entry goes in as soon as the page is rendered.
pub(crate) struct SearchIndex<'a> {
    index: &'a SiteIndex,
    sink: &'a dyn Sink,
    trees: Vec<TreeIndex>,
    /// Each page's tree and number in it, by `PageId`.
    places: Vec<(TreeId, u32)>,
}

/// The index of one language tree.
struct TreeIndex {
    /// Each page's postings (`postings::page_bytes`), by its number in the tree, until
    /// `finish` inverts them.
    postings: Vec<OnceLock<Box<[u8]>>>,
    fragments: Vec<Mutex<Fragment>>,
    pages: usize,
    /// Results added: the reader weighs a term by how few of them have it.
    results: AtomicUsize,
}

/// The pages of one fragment file, filled in as they are rendered.
#[derive(Default)]
struct Fragment {
    pages: Vec<(usize, entry::PageView)>,
    arrived: usize,
    expected: usize,
    /// The file's hash, once written.
    hash: Option<u32>,
}

impl<'a> SearchIndex<'a> {
    /// An empty index of the pages of `index`, whose files go to `sink`.
    pub(crate) fn new(index: &'a SiteIndex, sink: &'a dyn Sink) -> SearchIndex<'a> {
        let mut counts = vec![0usize; index.languages.trees.len()];
        let places = (index.pages.iter())
            .map(|page| {
                let number = counts[page.tree];
                counts[page.tree] += 1;
                (page.tree, number as u32)
            })
            .collect();
        let trees = counts
            .iter()
            .map(|&pages| TreeIndex {
                postings: (0..pages).map(|_| OnceLock::new()).collect(),
                fragments: (0..pages.div_ceil(GROUP))
                    .map(|n| {
                        Mutex::new(Fragment {
                            expected: GROUP.min(pages - n * GROUP),
                            ..Fragment::default()
                        })
                    })
                    .collect(),
                pages,
                results: AtomicUsize::new(0),
            })
            .collect();
        SearchIndex {
            index,
            sink,
            trees,
            places,
        }
    }

    /// Adds page `id`'s entry (`None`: a page kept out of search); writes its fragment file
    /// when it was the fragment's last page.
    pub(crate) fn add(&self, id: PageId, entry: Option<&PageEntry>) -> Result<(), WriteError> {
        let (tree_id, number) = self.places[id];
        let tree = &self.trees[tree_id];
        if let Some(entry) = entry {
            tree.results
                .fetch_add(entry.results.len(), Ordering::Relaxed);
            // Set once: a page is added once a build.
            let _ = tree.postings[number as usize].set(postings::page_bytes(entry));
        }
        let number = number as usize;
        let mut fragment = lock(&tree.fragments[number / GROUP]);
        if let Some(entry) = entry {
            let page = &self.index.pages[id];
            let view = entry::page_view(self.index, page, &entry.results);
            fragment.pages.push((number % GROUP, view));
        }
        fragment.arrived += 1;
        if fragment.arrived == fragment.expected {
            self.write_fragment(tree_id, number / GROUP, &mut fragment)?;
        }
        Ok(())
    }

    fn write_fragment(
        &self,
        tree: TreeId,
        n: usize,
        fragment: &mut Fragment,
    ) -> Result<(), WriteError> {
        fragment.pages.sort_by_key(|(i, _)| *i);
        let json = serde_json::to_vec(&fragment.pages).unwrap_or_default();
        fragment.pages = Vec::new();
        let bytes = gzip(&json);
        let hash = xxh3_64(&bytes) as u32;
        fragment.hash = Some(hash);
        self.sink.put(
            &format!("{}f-{n}-{hash:08x}.bin", self.dir(tree)),
            OutputFile::Bytes(bytes),
        )
    }

    /// `search/CODE/`: where tree `tree`'s files are.
    fn dir(&self, tree: TreeId) -> String {
        format!("{SEARCH_DIR}{}/", self.index.languages.trees[tree].code)
    }

    /// Writes what is left: fragments whose pages did not all arrive, the term chunks and each
    /// tree's root. Returns the paths of the files written.
    pub(crate) fn finish(mut self, translations: &Translations) -> Result<Vec<String>, WriteError> {
        let sink = self.sink;
        let mut written = Vec::new();
        let mut trees = std::mem::take(&mut self.trees);
        for (tree_id, tree) in trees.iter_mut().enumerate() {
            let dir = self.dir(tree_id);
            let mut fragments = String::with_capacity(tree.fragments.len() * 8);
            for (n, fragment) in tree.fragments.iter().enumerate() {
                let mut fragment = lock(fragment);
                if fragment.hash.is_none() {
                    self.write_fragment(tree_id, n, &mut fragment)?;
                }
                let hash = fragment.hash.unwrap_or_default();
                fragments.push_str(&format!("{hash:08x}"));
                written.push(format!("{dir}f-{n}-{hash:08x}.bin"));
            }
            let terms = tree.terms();
            let mut chunks = Vec::new();
            for batch in chunk_terms(terms).chunks(CHUNKS_AT_ONCE) {
                for (first, name, bytes) in compress(batch) {
                    sink.put(&format!("{dir}{name}"), OutputFile::Bytes(bytes))?;
                    written.push(format!("{dir}{name}"));
                    chunks.push((first, name));
                }
            }
            let root = Root {
                version: 1,
                pages: tree.pages,
                results: tree.results.load(Ordering::Relaxed),
                group: GROUP,
                stem: self.stemmed_languages(tree_id),
                chunks,
                fragments,
                words: Words::of(translations, &self.index.languages.trees[tree_id].code),
            };
            let json = serde_json::to_vec(&root).unwrap_or_default();
            sink.put(&format!("{dir}index.json"), OutputFile::Bytes(json))?;
            written.push(format!("{dir}index.json"));
        }
        Ok(written)
    }

    /// The languages of the tree's pages that have a stemmer, which queries are stemmed in.
    fn stemmed_languages(&self, tree: TreeId) -> Vec<&'static str> {
        let mut languages: Vec<&'static str> = (self.index.pages.iter())
            .filter(|p| p.tree == tree)
            .filter_map(|p| words::stemmer_language(&p.language))
            .collect();
        languages.sort_unstable();
        languages.dedup();
        languages
    }
}

impl TreeIndex {
    /// Every term of the tree with its postings, in byte order; each page's postings are
    /// dropped once inverted.
    fn terms(&mut self) -> Vec<(Arc<str>, TermPostings)> {
        let pages = std::mem::take(&mut self.postings);
        let pages = (pages.into_iter().enumerate())
            .filter_map(|(number, page)| Some((number as u32, page.into_inner()?)));
        let (ids, postings): (Vec<TermId>, Vec<TermPostings>) =
            postings::invert(pages).into_iter().unzip();
        let mut terms: Vec<_> = terms::names(ids).into_iter().zip(postings).collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

/// The root of a tree's index, `search/CODE/index.json`.
#[derive(Serialize)]
struct Root {
    version: u32,
    pages: usize,
    results: usize,
    group: usize,
    stem: Vec<&'static str>,
    /// The first term of each chunk and its file.
    chunks: Vec<(String, String)>,
    /// The hash of each fragment file, eight hex digits each.
    fragments: String,
    words: Words,
}

/// The results list's words in the tree's language. A count's words are given for sample
/// numbers, `{n}` standing for the number: the reader picks the sample of its count's plural
/// category (`Intl.PluralRules`), as the translation files' plurals do.
#[derive(Serialize)]
struct Words {
    /// The language whose plural rules and digits the counts follow.
    lang: String,
    results: Vec<(u32, String)>,
    votes: Vec<(u32, String)>,
    none: String,
    error: String,
    question: String,
    answer: String,
    accepted: String,
    reply: String,
}

/// Numbers of every plural category of the theme's languages (zero, one, two, few, many,
/// other in Arabic; one, few, many in Russian; French and Spanish `many` for millions).
const PLURAL_SAMPLES: &[u32] = &[0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 1_000_000];

impl Words {
    fn of(translations: &Translations, lang: &str) -> Words {
        let text = |id: &str, args: &[(&str, &str)]| {
            let mut fluent = fluent_bundle::FluentArgs::new();
            for (name, value) in args {
                fluent.set(*name, value.to_string());
            }
            translations
                .text(lang, id, Some(&fluent))
                .unwrap_or_default()
        };
        let counted = |id: &str| {
            (PLURAL_SAMPLES.iter())
                .map(|&n| {
                    let mut args = fluent_bundle::FluentArgs::new();
                    args.set("count", n);
                    args.set("value", n);
                    let shown = translations.text(lang, "number", Some(&args));
                    let words = translations.text(lang, id, Some(&args)).unwrap_or_default();
                    let words = match shown {
                        Some(shown) if !shown.is_empty() => words.replace(&shown, "{n}"),
                        _ => words,
                    };
                    (n, words)
                })
                .collect()
        };
        Words {
            lang: lang.to_string(),
            results: counted("search-results"),
            votes: counted("vote-count"),
            none: text("search-no-results", &[("query", "{q}")]),
            error: text("search-error", &[]),
            question: text("search-question", &[]),
            answer: text("search-answer", &[]),
            accepted: text("search-accepted-answer", &[]),
            reply: text("search-reply", &[]),
        }
    }
}

/// Cuts the sorted `terms` into chunks of about `CHUNK_BYTES`, encoded: each chunk's first term
/// and its bytes. Each term's postings are dropped once encoded, so the encoded chunks take the
/// place of the postings rather than doubling them.
fn chunk_terms(terms: Vec<(Arc<str>, TermPostings)>) -> Vec<(String, Vec<u8>)> {
    let mut chunks = Vec::new();
    let mut body = Vec::new();
    let mut count = 0;
    let mut first = String::new();
    for (term, postings) in terms {
        if count == 0 {
            first = term.to_string();
        }
        postings::encode_term(&mut body, &term, &postings);
        drop(postings);
        count += 1;
        if body.len() >= CHUNK_BYTES {
            chunks.push((std::mem::take(&mut first), with_count(count, &body)));
            body.clear();
            count = 0;
        }
    }
    if count > 0 || chunks.is_empty() {
        chunks.push((first, with_count(count, &body)));
    }
    chunks
}

/// Chunks compressed at once, in parallel.
const CHUNKS_AT_ONCE: usize = 16;

/// `chunks` compressed, each with its first term and its file's name.
fn compress(chunks: &[(String, Vec<u8>)]) -> Vec<(String, String, Vec<u8>)> {
    chunks
        .par_iter()
        .map(|(first, bytes)| {
            let bytes = gzip(bytes);
            let name = format!("t-{:016x}.bin", xxh3_64(&bytes));
            (first.clone(), name, bytes)
        })
        .collect()
}

fn with_count(count: usize, body: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(body.len() + 4);
    varint(&mut bytes, count as u64);
    bytes.extend_from_slice(body);
    bytes
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_cut_by_size_and_know_their_first_term() {
        let terms: Vec<(Arc<str>, TermPostings)> = (0..3000)
            .map(|i| {
                let postings = TermPostings {
                    bytes: vec![1; 40],
                    pages: 20,
                    ..TermPostings::default()
                };
                (format!("term{i:05}").into(), postings)
            })
            .collect();
        let chunks = chunk_terms(terms);
        assert!(chunks.len() > 1, "{}", chunks.len());
        assert_eq!(chunks[0].0, "term00000");
        assert!(chunks.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
