//! The reporting layer: what a command prints, on which stream, and the exit code it ends with.
//!
//! In: what a stage returned (diagnostics, a `BuildSummary`, a `CheckReport`, an error with its
//! help) and the user's choices (`--format`, `--quiet`, `--verbose`). Out: text on stdout or
//! stderr, and an `Outcome` that becomes the process's exit code. It exists so the library stages
//! return values and never print or pick exit codes, and so every command words counts, failures
//! and help the same way: `cli` runs a stage and hands its result here, and `serve`'s watch loop,
//! which reports as it goes, is handed a `Reporter`.
//!
//! Streams: in the human format diagnostics go to stderr and the summary to stdout; in the github
//! and json formats diagnostics go to stdout and the summary to stderr, so stdout holds only what
//! a program reads (see docs/diagnostics.md). The parts: `outcome` (the exit-code policy) and
//! `wording` (counts, plurals, summary lines and failure messages), both pure and unit tested.

mod outcome;
mod wording;

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use crate::diagnostic::{self, Diagnostic, Format, Severity};
use crate::progress::timings_report;

pub(crate) use outcome::{FailureKind, Outcome};
pub(crate) use wording::{
    Counts, build_failed, built_line, check_failed, check_not_built, checked_line, plural,
};

/// `--quiet`, nothing, or `--verbose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    /// clap keeps `--quiet` and `--verbose` apart, so at most one is set.
    pub(crate) fn from_flags(quiet: bool, verbose: bool) -> Self {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

/// Writes a command's diagnostics, summary and failure lines in the chosen format, to the right
/// stream (see the module comment), leaving out warnings and summaries under `--quiet`. Every
/// command reports through one, and `serve` is handed one for what it says while it runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reporter {
    format: Format,
    verbosity: Verbosity,
    /// Colors for the human format: stderr is a terminal and NO_COLOR is not set.
    color: bool,
}

impl Reporter {
    pub(crate) fn new(format: Format, verbosity: Verbosity) -> Self {
        let color =
            anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
        Reporter {
            format,
            verbosity,
            color,
        }
    }

    /// Whether a build should draw its spinner: not under `--quiet`, and only on a terminal.
    pub(crate) fn animates_progress(&self) -> bool {
        self.verbosity != Verbosity::Quiet && std::io::stderr().is_terminal()
    }

    /// Prints diagnostics; `root` is the site's folder, which GitHub annotations need in their
    /// paths (they name files from the repository's root).
    pub(crate) fn diagnostics(&self, diagnostics: &[Diagnostic], root: &Path) {
        let shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| self.verbosity != Verbosity::Quiet || d.severity == Severity::Error)
            .cloned()
            .collect();
        match self.format {
            Format::Human => {
                let text = diagnostic::render(&shown, Format::Human, self.color);
                anstream::stderr().write_all(text.as_bytes()).ok();
            }
            Format::Github => {
                let text =
                    diagnostic::render(&diagnostic::rebased(&shown, root), Format::Github, false);
                std::io::stdout().write_all(text.as_bytes()).ok();
            }
            Format::Json => {
                let text = diagnostic::render(&shown, Format::Json, false);
                std::io::stdout().write_all(text.as_bytes()).ok();
            }
        }
    }

    /// The last lines of a successful run: stdout for people, stderr beside machine formats.
    pub(crate) fn summary(&self, text: &str) {
        match (self.verbosity, self.format) {
            (Verbosity::Quiet, _) => {}
            (_, Format::Human) => line_to_stdout(text),
            _ => eprintln!("{text}"),
        }
    }

    /// `--verbose`'s list of how long each stage of a build took, on stderr.
    pub(crate) fn stage_timings(&self, stages: &[(String, Duration)]) {
        if self.verbosity == Verbosity::Verbose {
            eprint!("{}", timings_report(stages));
        }
    }

    /// What the command was asked for (a new page's path, a listing), on stdout even under
    /// `--quiet`: scripts read it.
    pub(crate) fn result(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).ok();
        out.flush().ok();
    }

    /// A line about what a long-running command is doing (`Serving http://...`), on stdout and
    /// flushed at once: tests and scripts read it while the command runs.
    pub(crate) fn progress(&self, line: &str) {
        line_to_stdout(line);
    }

    /// The last line of a run that failed on diagnostics, always on stderr (even with
    /// `--quiet`), its `error` colored like the diagnostics above it.
    pub(crate) fn failure(&self, message: &str) {
        let style = if self.color && self.format == Format::Human {
            anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::BrightRed.into()))
        } else {
            anstyle::Style::new()
        };
        let mut err = anstream::stderr();
        writeln!(err, "{style}error{style:#}: {message}").ok();
    }

    /// An error that stopped a command (`error: ...`, then `  = help: ...` when there is help),
    /// always on stderr. Plain text: it has no diagnostics above it to match.
    pub(crate) fn error(&self, message: &dyn Display, help: Option<&str>) {
        let mut err = std::io::stderr().lock();
        writeln!(err, "error: {message}").ok();
        if let Some(help) = help {
            writeln!(err, "  = help: {help}").ok();
        }
    }

    /// Something the user should know that does not stop the command, on stderr.
    pub(crate) fn warning(&self, message: &dyn Display) {
        eprintln!("warning: {message}");
    }

    /// A remark on a choice folio made for the user (another port), on stderr.
    pub(crate) fn note(&self, message: &dyn Display) {
        eprintln!("note: {message}");
    }
}

/// One line on stdout, flushed: stdout may be a pipe another program reads as we go.
fn line_to_stdout(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").ok();
    out.flush().ok();
}
