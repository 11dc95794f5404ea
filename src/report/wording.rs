//! Counts and the sentences made of them: plurals, the summary lines of `folio build` and
//! `folio check`, and the last line of a failed run.
//!
//! In: numbers (a `BuildSummary`, a `CheckReport`, diagnostics to count). Out: the exact text a
//! command prints, which the integration tests assert. One plural rule and one sentence per
//! message keep `build`, `check` and `serve` saying the same thing the same way.

use std::path::Path;

use crate::build::BuildSummary;
use crate::check::CheckReport;
use crate::diagnostic::{Diagnostic, Severity};

/// `""` for one, `"s"` for any other number (the words folio counts all take an `s`).
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `1 error`, `3 errors`.
fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", plural(n))
}

/// How many diagnostics of each severity a run found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut counts = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.notes += 1,
            }
        }
        counts
    }

    /// `1 error, 2 warnings`, leaving out what is zero; `no problems` when all are.
    fn found(&self) -> String {
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.notes, "note"),
        ]
        .iter()
        .filter(|&&(n, _)| n > 0)
        .map(|&(n, word)| count(n, word))
        .collect();
        if counts.is_empty() {
            "no problems".to_string()
        } else {
            counts.join(", ")
        }
    }
}

/// `Built 12 articles, 7 threads, 5 sections, 14 tags (151 files) into public/ in 84 ms`
pub(crate) fn built_line(summary: &BuildSummary, output: &Path) -> String {
    let BuildSummary {
        articles,
        threads,
        sections,
        tags,
        files,
        elapsed,
    } = summary;
    format!(
        "Built {}, {}, {}, {} ({}) into {} in {} ms",
        count(*articles, "article"),
        count(*threads, "thread"),
        count(*sections, "section"),
        count(*tags, "tag"),
        count(*files, "file"),
        output.display(),
        elapsed.as_millis()
    )
}

/// `Checked 151 files and 3210 links (12 external: 4 fetched, 8 cached, 0 skipped) in 84 ms:
/// 1 error`; the part in parentheses only with `--external`.
pub(crate) fn checked_line(report: &CheckReport, external: bool) -> String {
    let mut line = format!("Checked {} files and {} links", report.files, report.urls);
    if external {
        line.push_str(&format!(
            " ({} external: {} fetched, {} cached, {} skipped)",
            report.external, report.fetched, report.cached, report.skipped
        ));
    }
    let found = Counts::of(&report.diagnostics).found();
    format!("{line} in {} ms: {found}", report.elapsed.as_millis())
}

/// The last line of a build that failed: `the build failed with 2 errors; ` and what became of
/// the output (`then`), which `build` and `serve` tell differently.
pub(crate) fn build_failed(errors: usize, then: &str) -> String {
    format!("the build failed with {}; {then}", count(errors, "error"))
}

/// The last line of `folio check` when the site does not even build.
pub(crate) fn check_not_built(errors: usize) -> String {
    format!(
        "the site does not build ({}); fix these first",
        count(errors, "error")
    )
}

/// The last line of a check that failed: its errors, or else the warnings `--strict` failed on.
pub(crate) fn check_failed(counts: &Counts) -> String {
    if counts.errors > 0 {
        format!("the check found {}", count(counts.errors, "error"))
    } else {
        format!(
            "the check found {} (--strict)",
            count(counts.warnings, "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::diagnostic::Position;

    fn diagnostic(severity: Severity) -> Diagnostic {
        let mut d = Diagnostic::error("content/a.md", Position::FILE, "x");
        d.severity = severity;
        d
    }

    #[test]
    fn one_is_singular_every_other_number_plural() {
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(2, "page"), "2 pages");
        assert_eq!(plural(1), "");
        assert_eq!(plural(11), "s");
    }

    #[test]
    fn the_build_line_counts_each_kind_of_page() {
        let summary = BuildSummary {
            articles: 1,
            threads: 7,
            sections: 0,
            tags: 1,
            files: 1,
            elapsed: Duration::from_millis(84),
        };
        assert_eq!(
            built_line(&summary, Path::new("public")),
            "Built 1 article, 7 threads, 0 sections, 1 tag (1 file) into public in 84 ms"
        );
    }

    #[test]
    fn the_check_line_lists_only_what_was_found() {
        let mut report = CheckReport {
            diagnostics: Vec::new(),
            files: 151,
            urls: 3210,
            external: 12,
            fetched: 4,
            cached: 7,
            skipped: 1,
            elapsed: Duration::from_millis(84),
        };
        assert_eq!(
            checked_line(&report, false),
            "Checked 151 files and 3210 links in 84 ms: no problems"
        );
        report.diagnostics = vec![
            diagnostic(Severity::Info),
            diagnostic(Severity::Error),
            diagnostic(Severity::Info),
        ];
        assert_eq!(
            checked_line(&report, true),
            "Checked 151 files and 3210 links (12 external: 4 fetched, 7 cached, 1 skipped) \
             in 84 ms: 1 error, 2 notes"
        );
    }

    #[test]
    fn failures_name_what_failed_them() {
        assert_eq!(
            build_failed(1, "the previous output was left untouched"),
            "the build failed with 1 error; the previous output was left untouched"
        );
        assert_eq!(
            check_not_built(3),
            "the site does not build (3 errors); fix these first"
        );
        let warned = Counts::of(&[diagnostic(Severity::Warning)]);
        assert_eq!(
            check_failed(&warned),
            "the check found 1 warning (--strict)"
        );
        let broken = Counts::of(&[
            diagnostic(Severity::Error),
            diagnostic(Severity::Warning),
            diagnostic(Severity::Error),
        ]);
        assert_eq!(check_failed(&broken), "the check found 2 errors");
    }
}
