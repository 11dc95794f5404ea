//! Postings on their way from pages to term chunks. A page's render task packs the page's
//! postings into a few bytes each (`page_bytes`); `invert` turns the tree's pages, in page
//! order, into each term's postings already encoded as the term chunks store them, so neither
//! side ever holds a posting as more than the bytes it is written in.

use rustc_hash::FxHashMap;

use super::entry::{IN_TITLE, PageEntry};
use super::terms::TermId;

/// A page's postings, sorted by term then result: the number of distinct terms of the page's
/// title, then per posting the term's id (as the difference from the previous posting's), the
/// result's place in the page, and the weight byte.
pub(crate) fn page_bytes(entry: &PageEntry) -> Box<[u8]> {
    let mut postings = entry.postings.clone();
    postings.sort_unstable();
    let mut out = Vec::with_capacity(1 + postings.len() * 4);
    out.push(entry.title_terms);
    let mut previous = 0;
    for (term, result, weight) in postings {
        varint(&mut out, u64::from(term - previous));
        previous = term;
        varint(&mut out, u64::from(result));
        out.push(weight);
    }
    out.into_boxed_slice()
}

/// One term's postings, encoded as its chunk stores them (after the term and its page count).
#[derive(Default)]
pub(crate) struct TermPostings {
    pub bytes: Vec<u8>,
    pub pages: u32,
    pub last_page: u32,
}

/// Each term of `pages` (page number and `page_bytes`, in page order) with its postings.
pub(crate) fn invert(pages: impl Iterator<Item = (u32, Box<[u8]>)>) -> Vec<(TermId, TermPostings)> {
    let mut terms: FxHashMap<TermId, TermPostings> = FxHashMap::default();
    let mut group = Vec::new();
    for (number, bytes) in pages {
        let Some((&title_terms, mut rest)) = bytes.split_first() else {
            continue;
        };
        let mut term = 0;
        let mut current = None;
        let mut count = 0;
        while !rest.is_empty() {
            let next = term + read_varint(&mut rest) as TermId;
            let result = read_varint(&mut rest);
            let Some((&weight, after)) = rest.split_first() else {
                break;
            };
            rest = after;
            if current != Some(next) {
                if let Some(done) = current {
                    add_page(terms.entry(done).or_default(), number, count, &group);
                }
                current = Some(next);
                group.clear();
                count = 0;
            }
            term = next;
            count += 1;
            varint(&mut group, result);
            group.push(weight);
            if weight & IN_TITLE != 0 {
                group.push(title_terms);
            }
        }
        if let Some(done) = current {
            add_page(terms.entry(done).or_default(), number, count, &group);
        }
    }
    terms.into_iter().collect()
}

/// Adds page `number`'s `count` postings of a term, encoded in `group`, to the term's.
fn add_page(term: &mut TermPostings, number: u32, count: u64, group: &[u8]) {
    varint(&mut term.bytes, u64::from(number - term.last_page));
    term.last_page = number;
    term.pages += 1;
    varint(&mut term.bytes, count);
    term.bytes.extend_from_slice(group);
}

/// A term as its chunk stores it: its length and bytes, its page count and postings.
pub(crate) fn encode_term(out: &mut Vec<u8>, term: &str, postings: &TermPostings) {
    varint(out, term.len() as u64);
    out.extend_from_slice(term.as_bytes());
    varint(out, u64::from(postings.pages));
    out.extend_from_slice(&postings.bytes);
}

pub(crate) fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> u64 {
    let mut value = 0;
    let mut shift = 0;
    while let Some((&byte, rest)) = bytes.split_first() {
        *bytes = rest;
        if shift < 64 {
            value |= u64::from(byte & 0x7f) << shift;
        }
        shift += 7;
        if byte & 0x80 == 0 {
            break;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300] {
            varint(&mut out, n);
        }
        assert_eq!(out, [0, 127, 0x80, 1, 0xac, 2]);
        let mut rest = &out[..];
        let read: Vec<u64> = (0..4).map(|_| read_varint(&mut rest)).collect();
        assert_eq!(read, [0, 127, 128, 300]);
    }

    #[test]
    fn a_terms_postings_are_grouped_by_page() {
        let page = |postings: Vec<(TermId, u16, u8)>| PageEntry {
            postings,
            title_terms: 3,
            ..PageEntry::default()
        };
        let pages = [
            (2, page(vec![(7, 4, 9), (7, 0, 0x85), (5, 1, 1)])),
            (7, page(vec![(7, 1, 10)])),
        ];
        let mut terms = invert(pages.iter().map(|(n, p)| (*n, page_bytes(p))));
        terms.sort_unstable_by_key(|(id, _)| *id);
        assert_eq!(terms.len(), 2);
        let mut out = Vec::new();
        encode_term(&mut out, "ab", &terms[1].1);
        assert_eq!(out, [2, b'a', b'b', 2, 2, 2, 0, 0x85, 3, 4, 9, 5, 1, 1, 10]);
        assert_eq!(
            (terms[0].1.pages, &terms[0].1.bytes[..]),
            (1, &[2, 1, 1, 1][..])
        );
    }
}
