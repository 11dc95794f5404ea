//! The exit-code policy: every way a command can end, mapped to 0, 1 or 2 in one place.
//!
//! In: what a stage returned (the diagnostics a failed run stopped on, the counts of a check, the
//! kind of an error that stopped a command). Out: an `Outcome`, and from it the `ExitCode`. The
//! stages say what happened (`FailureKind` is a fact about an error); only this module turns that
//! into a number, so the commands keep the promise their `--help` makes: 0 done, 1 problems the
//! user fixes in the site (or a refusal to overwrite), 2 usage or I/O errors.

use std::process::ExitCode;

use crate::diagnostic::Diagnostic;

use super::Counts;

/// How a command ended, which is all its exit code tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It did its job: 0.
    Done,
    /// It ran and found what its user must fix in the site, or refused to touch what exists: 1.
    Failed,
    /// folio could not do its job: a usage error, not a site, unreadable or unwritable files, an
    /// internal error: 2.
    CannotRun,
}

/// What kind of error stopped `serve`, `init` or `new` before it could do its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// folio would not overwrite what is there (a guide, a page, a folder that is not empty).
    Refused,
    /// The command asks for what cannot be: a port in use, a folder that is not a site, an unknown
    /// section, nothing to do; or a file it names cannot be read or written.
    Usage,
    /// The system failed folio while it worked: a temporary folder, the server, the watcher.
    Runtime,
}

/// Diagnostic codes of the environment's faults (F09xx), not the site's.
const ENVIRONMENT_CODES: &str = "F09";

impl Outcome {
    /// A run that stopped on `diagnostics`: folio could not do its job when an error is the
    /// environment's (F09xx: not a site, unreadable or unwritable files, an internal error), else
    /// the site has errors its author can fix.
    pub(crate) fn of_errors(diagnostics: &[Diagnostic]) -> Outcome {
        let environment = diagnostics
            .iter()
            .any(|d| d.is_error() && d.code.starts_with(ENVIRONMENT_CODES));
        if environment {
            Outcome::CannotRun
        } else {
            Outcome::Failed
        }
    }

    /// A check that ran: it fails on errors, and on warnings under `--strict`.
    pub(crate) fn of_check(counts: &Counts, strict: bool) -> Outcome {
        if counts.errors > 0 || (strict && counts.warnings > 0) {
            Outcome::Failed
        } else {
            Outcome::Done
        }
    }

    pub(crate) fn of_failure(kind: FailureKind) -> Outcome {
        match kind {
            FailureKind::Refused | FailureKind::Runtime => Outcome::Failed,
            FailureKind::Usage => Outcome::CannotRun,
        }
    }

    /// The number the process exits with.
    pub(crate) fn code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Failed => 1,
            Outcome::CannotRun => 2,
        }
    }

    pub(crate) fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn error(code: &'static str) -> Diagnostic {
        Diagnostic::error("content/a.md", Position::FILE, "broken").with_code(code)
    }

    #[test]
    fn environment_errors_exit_2_and_site_errors_1() {
        assert_eq!(Outcome::of_errors(&[error("F0101")]).code(), 1);
        assert_eq!(
            Outcome::of_errors(&[error("F0101"), error("F0901")]).code(),
            2
        );
        let mut warning = error("F0901");
        warning.severity = crate::diagnostic::Severity::Warning;
        assert_eq!(Outcome::of_errors(&[error("F0310"), warning]).code(), 1);
    }

    #[test]
    fn a_check_fails_on_errors_and_on_warnings_only_when_strict() {
        let clean = Counts::default();
        let warned = Counts {
            warnings: 2,
            notes: 1,
            ..Counts::default()
        };
        let broken = Counts {
            errors: 1,
            ..Counts::default()
        };
        assert_eq!(Outcome::of_check(&clean, true).code(), 0);
        assert_eq!(Outcome::of_check(&warned, false).code(), 0);
        assert_eq!(Outcome::of_check(&warned, true).code(), 1);
        assert_eq!(Outcome::of_check(&broken, false).code(), 1);
        let noted = Counts {
            notes: 3,
            ..Counts::default()
        };
        assert_eq!(Outcome::of_check(&noted, true).code(), 0);
    }

    #[test]
    fn refusals_and_runtime_failures_exit_1_usage_errors_2() {
        assert_eq!(Outcome::of_failure(FailureKind::Refused).code(), 1);
        assert_eq!(Outcome::of_failure(FailureKind::Runtime).code(), 1);
        assert_eq!(Outcome::of_failure(FailureKind::Usage).code(), 2);
        assert_eq!(Outcome::Done.code(), 0);
    }
}
