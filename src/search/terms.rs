//! Terms by number. The index and each page's entry name a term by a `TermId`, so a page's
//! postings are counted, sorted and stored as numbers, not strings. Every analyzer of the
//! process shares one table, so an id names the same term for the life of the process (watch
//! mode keeps pages' entries from build to build); it only grows, bounded by the vocabulary.
//!
//! Each thread keeps the terms its words became, by language (`Cache`): words repeat from
//! page to page, and stemming one is far dearer than looking it up.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use rustc_hash::FxBuildHasher;

/// A term's number in the process's table.
pub(crate) type TermId = u32;

#[derive(Default)]
struct Table {
    ids: HashMap<Arc<str>, TermId, FxBuildHasher>,
    names: Vec<Arc<str>>,
}

static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(Mutex::default);

fn table() -> std::sync::MutexGuard<'static, Table> {
    TABLE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The id of `term`, given it one if it has none.
pub(crate) fn intern(term: &str) -> TermId {
    let mut table = table();
    if let Some(id) = table.ids.get(term) {
        return *id;
    }
    let id = table.names.len() as TermId;
    let name: Arc<str> = term.into();
    table.names.push(name.clone());
    table.ids.insert(name, id);
    id
}

/// The term of each of `ids`, looked up under one lock.
pub(crate) fn names(ids: impl IntoIterator<Item = TermId>) -> Vec<Arc<str>> {
    let table = table();
    ids.into_iter()
        .map(|id| table.names.get(id as usize).cloned().unwrap_or_default())
        .collect()
}

/// What one thread's words became in one language: `None` for a word left out (a stop word).
#[derive(Default)]
pub(crate) struct Cache {
    /// Words that are stemmed.
    pub words: HashMap<Box<str>, Option<TermId>, FxBuildHasher>,
    /// Identifiers kept whole, which are not.
    pub whole: HashMap<Box<str>, Option<TermId>, FxBuildHasher>,
    /// Words with capitals or connectors as written (`QuerySet`), with their words' terms.
    pub mixed: HashMap<Box<str>, Box<[TermId]>, FxBuildHasher>,
}

/// Words a thread keeps in all its caches before it starts over, so a site of many languages
/// (or of words that never repeat) stays bounded.
const CACHED_WORDS: usize = 200_000;

thread_local! {
    static CACHES: RefCell<Vec<(&'static str, Cache)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's cache of language `lang`.
pub(crate) fn with_cache<R>(lang: &'static str, f: impl FnOnce(&mut Cache) -> R) -> R {
    CACHES.with(|caches| {
        let mut caches = caches.borrow_mut();
        let cached: usize = (caches.iter())
            .map(|(_, c)| c.words.len() + c.whole.len() + c.mixed.len())
            .sum();
        if cached > CACHED_WORDS {
            caches.clear();
        }
        let at = match caches.iter().position(|(l, _)| *l == lang) {
            Some(at) => at,
            None => {
                caches.push((lang, Cache::default()));
                caches.len() - 1
            }
        };
        f(&mut caches[at].1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_keeps_its_id() {
        let a = intern("folio-test-term-a");
        let b = intern("folio-test-term-b");
        assert_ne!(a, b);
        assert_eq!(intern("folio-test-term-a"), a);
        let names = names([b, a]);
        assert_eq!(names[0].as_ref(), "folio-test-term-b");
        assert_eq!(names[1].as_ref(), "folio-test-term-a");
    }
}
