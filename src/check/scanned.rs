//! The sink `folio check` builds into. Each HTML page, feed and sitemap is scanned for its ids
//! and URLs when the build hands it over, inside the build's own rendering tasks, and only the
//! scan is kept: a check holds the site's links, not its bytes, and reads no page twice.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use crate::index::SiteIndex;
use crate::output::{OutputFile, Sink, WriteError};

use super::html::{self, Scan};
use super::internal::OutputPage;

/// Every output path, with the scan of the ones that hold markup.
#[derive(Default)]
pub struct ScannedOutput {
    files: Mutex<HashMap<String, Option<Scan>>>,
}

impl Sink for ScannedOutput {
    fn put(&self, path: &str, file: OutputFile) -> Result<(), WriteError> {
        let scan = holds_markup(path).then(|| scan_file(&file)).flatten();
        // A later file with the same path replaces the earlier one, as in the output folder.
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.insert(path.to_string(), scan);
        Ok(())
    }
}

impl ScannedOutput {
    /// Every path of the output, sorted, and its markup files in path order; links on redirect
    /// pages, feeds and the sitemap do not count as navigation.
    pub fn into_pages(self, index: &SiteIndex) -> (Vec<String>, Vec<OutputPage>) {
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let aliases: HashSet<&str> = index
            .aliases
            .iter()
            .map(|a| a.output_file.as_str())
            .collect();
        let mut paths: Vec<String> = files.keys().cloned().collect();
        paths.sort_unstable();
        let mut pages: Vec<OutputPage> = files
            .into_iter()
            .filter_map(|(path, scan)| {
                let navigation = !path.ends_with(".xml") && !aliases.contains(path.as_str());
                Some(OutputPage {
                    scan: scan?,
                    navigation,
                    path,
                })
            })
            .collect();
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        (paths, pages)
    }
}

fn holds_markup(path: &str) -> bool {
    [".html", ".htm", ".xml"].iter().any(|e| path.ends_with(e))
}

/// The file's scan; a copied file that cannot be read has none (the build reports unreadable
/// sources).
fn scan_file(file: &OutputFile) -> Option<Scan> {
    match file {
        OutputFile::Bytes(bytes) => Some(html::scan(bytes)),
        OutputFile::Embedded(bytes) => Some(html::scan(bytes)),
        OutputFile::Copy(source) => std::fs::read(source).ok().map(|b| html::scan(&b)),
    }
}
