//! `folio check`: builds the site in memory (nothing is written) and reports what a build does
//! not catch. Every URL of every output file must lead to a file of the output, an id for its
//! `#fragment`, and stay under the base path (`internal`); content gets the warnings authors
//! ask for (`content`); with `--external`, http(s) links are fetched (`external`). Problems are
//! traced back to the content line or template that wrote them (`origins`).
//!
//! The check runs on the build's own data: the build hands each file to a sink that scans it
//! (`scanned`) and returns the configuration and site index it rendered from.

mod content;
mod external;
mod html;
mod internal;
mod origins;
mod scanned;
mod translations;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, SiteBuild, build_into};
use crate::diagnostic::{self, Diagnostic, Position, Severity, SuggestionBudget};
use crate::index;

pub(crate) use external::{CACHE_DIR, ExternalOptions};
use internal::{Broken, OutputPage, Problem, SiteUrls};
use origins::{Origin, Origins};
use scanned::ScannedOutput;

const MISSING_FILE: &str = "F0310";
const MISSING_ANCHOR: &str = "F0311";
const OUTSIDE_BASE_PATH: &str = "F0312";
const REPEATED_ID: &str = "F0313";
const EXTERNAL_BROKEN: &str = "F0850";
const EXTERNAL_UNREACHABLE: &str = "F0851";
const EXTERNAL_MOVED: &str = "F0852";
const EXTERNAL_INVALID: &str = "F0853";
const EXTERNAL_CACHE: &str = "F0854";

#[derive(Debug, Clone, Default)]
pub(crate) struct CheckOptions {
    pub root: PathBuf,
    /// Fetch http(s) links too.
    pub external: bool,
    /// Warnings fail the check.
    pub strict: bool,
    pub include_drafts: bool,
    pub external_options: ExternalOptions,
}

/// What a check found, and how much it looked at (`report` words it and decides the exit code).
#[derive(Debug)]
pub(crate) struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub urls: usize,
    pub external: usize,
    pub fetched: usize,
    pub cached: usize,
    pub skipped: usize,
    pub elapsed: Duration,
}

/// Builds the site in memory and checks it; `Err` holds the build's diagnostics when it fails.
pub(crate) fn check(options: &CheckOptions) -> Result<CheckReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let build_options = BuildOptions {
        root: options.root.clone(),
        include_drafts: options.include_drafts,
        // The build's own cache (highlighted code) makes a check after a build cheap.
        cache_dir: Some(options.root.join(crate::cache::DEFAULT_DIR)),
        ..BuildOptions::default()
    };
    let output = ScannedOutput::default();
    let SiteBuild {
        config,
        index,
        files: written,
        built,
        translations,
        languages,
    } = build_into(&build_options, &output)?;
    let pages = output.into_pages(&index);
    let site_urls = SiteUrls {
        base_url: config.base_url.clone(),
        base_path: config.base_path(),
    };
    let files: HashSet<&str> = written.keys().map(String::as_str).collect();
    let (links, content) = rayon::join(
        || internal::check(&pages, &files, &site_urls),
        || content::scan(&index),
    );
    let origins = Origins::new(&written, &content.links, &options.root, &config.theme);
    let mut diagnostics = built.warnings;
    diagnostics.extend(content.diagnostics);
    diagnostics.extend(content::page_warnings(&index, &options.root, &links.linked));
    diagnostics.extend(translations::report(&index, &config, options.strict));
    diagnostics.extend(translations::theme_words(
        &translations,
        &languages,
        &config,
    ));
    let report_cx = ReportContext {
        pages: &pages,
        files: &files,
        origins: &origins,
        site: &site_urls,
        suggestions: SuggestionBudget::new(),
    };
    diagnostics.extend(broken_link_diagnostics(&links.broken, &report_cx));
    diagnostics.extend(repeated_id_diagnostics(&report_cx));
    let mut report = CheckReport {
        diagnostics: Vec::new(),
        files: files.len(),
        urls: links.checked,
        external: 0,
        fetched: 0,
        cached: 0,
        skipped: 0,
        elapsed: Duration::ZERO,
    };
    if options.external {
        let uses = external_uses(&links.external, &report_cx);
        let urls: Vec<String> = uses.keys().cloned().collect();
        let checked = external::check(
            &urls,
            &config.check,
            &options.root,
            &options.external_options,
        );
        report.external = urls.len();
        report.fetched = checked.fetched;
        report.cached = checked.cached;
        report.skipped = checked.skipped;
        diagnostics.extend(external_diagnostics(&uses, &checked));
    }
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    report.diagnostics = diagnostics;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What turning URLs into reports needs.
struct ReportContext<'a> {
    pages: &'a [OutputPage],
    files: &'a HashSet<&'a str>,
    origins: &'a Origins<'a>,
    site: &'a SiteUrls,
    suggestions: SuggestionBudget,
}

impl ReportContext<'_> {
    /// `guide/a/index.html` line 12
    fn place(&self, page: usize, line: usize) -> String {
        format!("`{}` line {line}", self.pages[page].path)
    }
}

/// Where a URL was found: the page (an index into the pages) and the line.
type Found = (usize, usize);

/// One diagnostic per place a broken URL was written, listing the pages it shows on.
fn broken_link_diagnostics(broken: &[Broken], cx: &ReportContext) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(Origin, &str, &Problem), Vec<Found>> = BTreeMap::new();
    for b in broken {
        for origin in cx.origins.of(&b.url, &cx.pages[b.page].path) {
            groups
                .entry((origin, b.url.as_str(), &b.problem))
                .or_default()
                .push((b.page, b.line));
        }
    }
    groups
        .into_iter()
        .map(|((origin, url, problem), found)| {
            let (code, message, hint) = describe_problem(url, problem, cx);
            let mut help = Vec::new();
            if let Some(template) = &origin.template {
                help.push(format!(
                    "written by the template `{template}` (or one it includes or extends)"
                ));
            }
            help.push(found_on(&found, cx));
            help.extend(hint);
            located(
                Diagnostic::error(&origin.path, origin.position, message),
                &origin,
            )
            .with_code(code)
            .with_help(help.join("; "))
        })
        .collect()
}

/// One error per place that writes an id a page gives to more than one element, listing the
/// pages it shows on (a template that writes an id twice repeats it on every page).
fn repeated_id_diagnostics(cx: &ReportContext) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(Origin, &str), Vec<Found>> = BTreeMap::new();
    for (n, page) in cx.pages.iter().enumerate() {
        for repeated in &page.scan.repeated_ids {
            let origin = cx.origins.of_id(&repeated.id, &page.path);
            (groups.entry((origin, repeated.id.as_str())).or_default()).push((n, repeated.line));
        }
    }
    groups
        .into_iter()
        .map(|((origin, id), found)| {
            let mut help = Vec::new();
            if let Some(template) = &origin.template {
                help.push(format!("the page is rendered by the template `{template}`"));
            }
            help.push(format!("the repeat is {}", found_on(&found, cx)));
            help.push(format!("a link to `#{id}` reaches only the first: give the other another id (a heading: `## Title {{#other-id}}`)"));
            let page = &cx.pages[found[0].0].path;
            let message = format!("id `{id}` is given to more than one element of `{page}`");
            located(Diagnostic::error(&origin.path, origin.position, message), &origin)
                .with_code(REPEATED_ID)
                .with_help(help.join("; "))
        })
        .collect()
}

fn located(mut d: Diagnostic, origin: &Origin) -> Diagnostic {
    d.source_line = origin.source_line.clone();
    d
}

/// `found on `a/index.html` line 3` or `found on 40 pages, e.g. ...`
fn found_on(found: &[Found], cx: &ReportContext) -> String {
    let mut pages: Vec<usize> = found.iter().map(|(p, _)| *p).collect();
    pages.dedup();
    let (page, offset) = found[0];
    if pages.len() == 1 {
        format!("found on {}", cx.place(page, offset))
    } else {
        format!(
            "found on {} pages, e.g. {}",
            pages.len(),
            cx.place(page, offset)
        )
    }
}

fn describe_problem(
    url: &str,
    problem: &Problem,
    cx: &ReportContext,
) -> (&'static str, String, Option<String>) {
    match problem {
        Problem::MissingFile { target } => {
            let file = if target.is_empty() || target.ends_with('/') {
                index::output_file(target)
            } else {
                target.clone()
            };
            let hint = (cx.suggestions.spend(cx.files.len()))
                .then(|| likely_meant(&file, cx.files))
                .flatten()
                .map(|k| format!("did you mean `{}`?", page_url(cx.site, k)));
            (
                MISSING_FILE,
                format!("link `{url}` points to a missing file: the site has no `{file}`"),
                hint,
            )
        }
        Problem::MissingAnchor { target, fragment } => {
            // The pages are in path order.
            let ids = (cx.pages.binary_search_by(|p| p.path.as_str().cmp(target)))
                .map(|i| &cx.pages[i].scan.ids)
                .ok()
                .filter(|ids| cx.suggestions.spend(ids.len()));
            let hint = ids.and_then(|ids| {
                // Sorted, so that a tie between two ids is broken the same way every run.
                let mut known: Vec<&str> = ids.iter().map(String::as_str).collect();
                known.sort_unstable();
                diagnostic::closest(fragment, &known).map(|k| format!("did you mean `#{k}`?"))
            });
            (
                MISSING_ANCHOR,
                format!("link `{url}` points to a missing anchor `#{fragment}` in `{target}`"),
                hint,
            )
        }
        Problem::OutsideBase { resolved } => (
            OUTSIDE_BASE_PATH,
            format!(
                "link `{url}` leads to `{resolved}`, outside the site's base path `{}`",
                cx.site.base_path
            ),
            Some(format!(
                "pages are published under `{}`: start the link with it, or make it relative",
                cx.site.base_url
            )),
        ),
    }
}

/// An output file a typo away from `file` (of the same kind: a page for a page).
fn likely_meant<'a>(file: &str, files: &HashSet<&'a str>) -> Option<&'a str> {
    let extension = |p: &str| p.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let wanted = file.strip_suffix("index.html").unwrap_or(file);
    let length = wanted.chars().count();
    let allowed = (length / 4).max(1);
    files
        .iter()
        .filter(|f| extension(f) == extension(file))
        .filter_map(|f| {
            let candidate = f.strip_suffix("index.html").unwrap_or(f);
            // The distance is at least the difference in length: most files need no comparing.
            if candidate.chars().count().abs_diff(length) > allowed {
                return None;
            }
            let distance = strsim::damerau_levenshtein(wanted, candidate);
            (distance <= allowed).then_some((distance, *f))
        })
        .min()
        .map(|(_, f)| f)
}

/// The address of an output file: `guide/index.html` -> `/base/guide/`.
fn page_url(site: &SiteUrls, file: &str) -> String {
    let path = file.strip_suffix("index.html").unwrap_or(file);
    format!("{}{path}", site.base_path)
}

/// Every external URL with the places that wrote it.
fn external_uses(
    uses: &[internal::ExternalUse],
    cx: &ReportContext,
) -> BTreeMap<String, BTreeSet<Origin>> {
    let mut map: BTreeMap<String, BTreeSet<Origin>> = BTreeMap::new();
    for u in uses {
        map.entry(u.url.clone())
            .or_default()
            .extend(cx.origins.of(&u.url, &cx.pages[u.page].path));
    }
    map
}

fn external_diagnostics(
    uses: &BTreeMap<String, BTreeSet<Origin>>,
    checked: &external::ExternalReport,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (url, origins) in uses {
        let Some(outcome) = checked.outcomes.get(url) else {
            continue;
        };
        let (severity, code, message, help) = match outcome {
            external::Outcome::Ok => continue,
            external::Outcome::Moved { location } => (
                Severity::Info,
                EXTERNAL_MOVED,
                format!("link `{url}` has moved permanently to `{location}`"),
                "link to the new address".to_string(),
            ),
            external::Outcome::Broken { status } => (
                Severity::Error,
                EXTERNAL_BROKEN,
                format!("link `{url}` answers {}", external::status_name(*status)),
                "fix or remove the link; a site that refuses robots can go in `skip_external` under [check] in folio.toml".to_string(),
            ),
            external::Outcome::Unreachable { reason } => (
                Severity::Warning,
                EXTERNAL_UNREACHABLE,
                format!("link `{url}` could not be checked: {reason}"),
                "the site may be down for a while; run the check again later".to_string(),
            ),
            external::Outcome::Invalid { reason } => (
                Severity::Error,
                EXTERNAL_INVALID,
                format!("link `{url}` is not a valid URL: {reason}"),
                "check the address for typos".to_string(),
            ),
        };
        for origin in origins {
            let mut help = help.clone();
            if let Some(template) = &origin.template {
                help = format!("written by the template `{template}`; {help}");
            }
            let mut d = located(
                Diagnostic::error(&origin.path, origin.position, message.clone()),
                origin,
            )
            .with_code(code)
            .with_help(help);
            d.severity = severity;
            diagnostics.push(d);
        }
    }
    if let Some(error) = &checked.cache_error {
        let mut d = Diagnostic::error(
            Path::new(CACHE_DIR).join(external::CACHE_FILE),
            Position::FILE,
            format!("the cache of checked links was not saved: {error}"),
        )
        .with_code(EXTERNAL_CACHE)
        .with_help("the next check fetches every link again");
        d.severity = Severity::Info;
        diagnostics.push(d);
    }
    diagnostics
}
