//! The sink `folio check` builds into. Each HTML page, feed and sitemap is scanned for its ids
//! and URLs when the build hands it over, inside the build's own rendering tasks, and only the
//! scan is kept: a check holds the site's links, not its bytes, and reads no page twice.
//! (Which files exist, and what wrote each, is the build's own record: `build::Files`.)

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use crate::index::SiteIndex;
use crate::output::{OutputFile, Sink, WriteError};

use super::html::{self, Scan};
use super::internal::OutputPage;

/// The scans of the output files that hold markup, by path: a later file with the same path
/// replaces the earlier one's scan, as in the output folder.
#[derive(Default)]
pub(super) struct ScannedOutput {
    scans: Mutex<HashMap<String, Scan>>,
}

impl Sink for ScannedOutput {
    fn put(&self, path: &str, file: OutputFile) -> Result<(), WriteError> {
        if let Some(scan) = holds_markup(path).then(|| scan_file(&file)).flatten() {
            let mut scans = self.scans.lock().unwrap_or_else(PoisonError::into_inner);
            scans.insert(path.to_string(), scan);
        }
        Ok(())
    }
}

impl ScannedOutput {
    /// The markup files in path order; links on redirect pages, feeds and the sitemap do not
    /// count as navigation.
    pub(super) fn into_pages(self, index: &SiteIndex) -> Vec<OutputPage> {
        let scans = self
            .scans
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let aliases: HashSet<&str> = index
            .aliases
            .iter()
            .map(|a| a.output_file.as_str())
            .collect();
        let mut pages: Vec<OutputPage> = scans
            .into_iter()
            .map(|(path, scan)| OutputPage {
                navigation: !path.ends_with(".xml") && !aliases.contains(path.as_str()),
                scan,
                path,
            })
            .collect();
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        pages
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
