//! The command line: clap's raw arguments become resolved options (`BuildOptions`), and clap's
//! types stop here. In the human format diagnostics go to stderr and the summary to stdout; in
//! the github and json formats diagnostics go to stdout and the summary to stderr, so stdout
//! holds only what a program reads (see docs/diagnostics.md).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{BuildOptions, BuildSummary, build};
use crate::diagnostic::{self, Diagnostic, Format, Severity};
use crate::progress::{StageTimer, timings_report};

#[derive(Parser, Debug)]
#[command(
    name = "folio",
    version,
    about = "A static site generator for guides: long-form articles and Q&A threads",
    after_help = "Examples:\n  folio init my-guide\n  folio serve --root my-guide\n  folio check --root my-guide --format github\n  folio build --root my-guide\n  folio completions bash > ~/.local/share/bash-completion/completions/folio"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors: no warnings, no summary, no progress
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each stage of the build took
    #[arg(long, short, global = true)]
    verbose: bool,
}

/// clap's side of `--format`; the type itself belongs to `diagnostic`.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Format::Human => "text with the source line; colored on a terminal",
            Format::Github => "GitHub Actions annotations (::error file=...::message)",
            Format::Json => "one JSON object per line",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    #[command(
        after_help = "Exit codes: 0 built, 1 errors in the site (or warnings with --strict), 2 usage or \
I/O error (no folio.toml, output not writable).\n\n\
Examples:\n  folio build --root my-guide --base-url https://example.org/guide/\n  \
folio build --format github   # annotations on pull requests\n  \
folio build --format json --quiet | jq .code"
    )]
    Build {
        /// The site's folder (holds folio.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish at this URL instead of base_url from folio.toml
        #[arg(long)]
        base_url: Option<String>,
        /// Include drafts and pages dated in the future
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (such as code in an unknown language) as errors
        #[arg(long)]
        strict: bool,
        /// How to write diagnostics (codes and fields: docs/diagnostics.md)
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Neither read nor fill the persistent cache (ROOT/.folio-cache) of highlighted code
        #[arg(long)]
        no_cache: bool,
    },
    /// Build, serve and watch the site; open pages reload after every change
    #[command(
        after_help = "Drafts and pages dated in the future are always shown while serving.\n\nExample:\n  folio serve --root my-guide --port 1111 --open"
    )]
    Serve {
        /// The site's folder (holds folio.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks a free one [default: 1111, or the next free one]
        #[arg(long)]
        port: Option<u16>,
        /// The address to listen on; anything but loopback exposes the site to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Accepted for symmetry with `build`: serve always includes drafts and future pages
        #[arg(long)]
        drafts: bool,
        /// Write the site into this folder and keep it on exit [default: a temporary folder,
        /// removed on exit]
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Show what syntax highlighting knows: languages for code fences, and themes
    #[command(after_help = "Example:\n  folio highlight --list")]
    Highlight {
        /// List the languages (with the names a fence may use) and the themes
        #[arg(long)]
        list: bool,
        /// The site's folder, for its extra syntaxes and themes
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check the built site without writing it: links in every page, content warnings, and
    /// with --external the links to other sites
    #[command(
        after_help = "Every link, image and stylesheet of every output page (navigation, listings, \
feeds and template-written links included) must lead to a file of the site, an existing #anchor, \
and stay under the base path. Content warnings: images without alt text, links without text, \
headings that skip a level, duplicate titles, pages no other page links to, threads without answers \
(a note). --external fetches http(s) links (HEAD, then GET; retries; per-host limits); links that \
worked are remembered for [check] cache_days (default 7) in .folio-cache/, and [check] \
skip_external lists hosts or URL patterns never fetched.\n\n\
Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage or I/O error (no folio.toml, \
unreadable files).\n\n\
Examples:\n  folio check\n  folio check --root my-guide --external --strict --format github"
    )]
    Check {
        /// The site's folder (holds folio.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also fetch links to other sites (http and https)
        #[arg(long)]
        external: bool,
        /// Fail on warnings too, not only on errors
        #[arg(long)]
        strict: bool,
        /// Include drafts and pages dated in the future
        #[arg(long)]
        drafts: bool,
        /// How to write diagnostics (codes and fields: docs/diagnostics.md)
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print a shell completion script to stdout
    #[command(
        after_help = "Examples:\n  folio completions bash > ~/.local/share/bash-completion/completions/folio\n  \
folio completions zsh > ~/.zfunc/_folio\n  folio completions fish > ~/.config/fish/completions/folio.fish"
    )]
    Completions {
        /// The shell to write completions for
        shell: clap_complete::Shell,
    },
    /// Start a new guide: folio.toml, a home page, an article, a Q&A thread, .gitignore and a
    /// GitHub Pages workflow
    #[command(
        after_help = "The guide's title comes from the folder's name. A folder that is not empty (anything \
but .git) is refused unless --force; with --force the starter files are added beside what is \
there, but no existing file is ever overwritten (an existing .gitignore only gets public/ and \
.folio-cache/ appended), and a folder that already has a folio.toml is always refused.\n\n\
Exit codes: 0 created, 1 refused, 2 usage or I/O error.\n\n\
Example:\n  folio init my-guide && cd my-guide && folio serve"
    )]
    Init {
        /// The guide's folder, created if missing
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the starter files to a folder that is not empty, keeping every existing file
        #[arg(long)]
        force: bool,
    },
    /// Create a draft article or question with its front matter filled in
    #[command(
        after_help = "The file is named after the title (content/SECTION/SLUG.md) and starts with the \
title, today's date and `draft: true`. Articles go to content/ unless --section is given; questions \
go to the section whose _index.md says `kind: question` (content/qa/ in a new guide). An existing \
file is never overwritten.\n\n\
Exit codes: 0 created, 1 the file exists, 2 unknown section or other usage or I/O error.\n\n\
Examples:\n  folio new article \"Deploying with Docker\" --section guide\n  folio new question \"Why does my task run twice?\""
    )]
    New {
        /// What to create
        #[arg(value_parser = ["article", "question"])]
        kind: String,
        /// The page's title (quote it)
        title: String,
        /// The section (a folder inside content/, e.g. `guide`) to create the page in
        #[arg(long)]
        section: Option<String>,
        /// The site's folder (holds folio.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Parses the arguments, runs the command and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = Verbosity::from_flags(cli.quiet, cli.verbose);
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            strict,
            format,
            no_cache,
        } => {
            let options = BuildOptions {
                cache_dir: (!no_cache).then(|| root.join(crate::cache::DEFAULT_DIR)),
                root,
                output,
                base_url,
                include_drafts: drafts,
                strict,
                ..BuildOptions::default()
            };
            run_build(options, &Reporter::new(format, verbosity))
        }
        Command::Highlight { list, root } => run_highlight(list, &root),
        Command::Check {
            root,
            external,
            strict,
            drafts,
            format,
        } => crate::check::run_check(
            &crate::check::CheckOptions {
                root,
                external,
                strict,
                include_drafts: drafts,
                ..crate::check::CheckOptions::default()
            },
            &Reporter::new(format, verbosity),
        ),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "folio", &mut out);
            ExitCode::SUCCESS
        }
        Command::Init { dir, force } => {
            let options = crate::scaffold::InitOptions { dir, force };
            crate::scaffold::run_init(&options, verbosity == Verbosity::Quiet)
        }
        Command::New {
            kind,
            title,
            section,
            root,
        } => crate::scaffold::run_new(&crate::scaffold::NewOptions {
            root,
            kind: if kind == "question" {
                crate::scaffold::NewKind::Question
            } else {
                crate::scaffold::NewKind::Article
            },
            title,
            section,
        }),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts: _,
            output,
        } => run_serve(&crate::serve::ServeOptions {
            root,
            bind,
            port,
            open_browser: open,
            output,
        }),
    }
}

fn run_serve(options: &crate::serve::ServeOptions) -> ExitCode {
    match crate::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            if let Some(help) = error.help() {
                eprintln!("  = help: {help}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}

fn run_highlight(list: bool, root: &std::path::Path) -> ExitCode {
    if !list {
        eprintln!("error: nothing to do; try `folio highlight --list`");
        return ExitCode::from(2);
    }
    match crate::build::highlight_listing(root) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let reporter = Reporter::new(Format::Human, Verbosity::Normal);
            reporter.diagnostics(&diagnostics, root);
            exit_code(&diagnostics)
        }
    }
}

fn run_build(mut options: BuildOptions, reporter: &Reporter) -> ExitCode {
    let animate = reporter.verbosity != Verbosity::Quiet && std::io::stderr().is_terminal();
    let timer = StageTimer::start("reading folio.toml and the theme", animate);
    options.progress = Some(timer.progress());
    let result = build(&options);
    let stages = timer.finish();
    match result {
        Ok(site) => {
            reporter.diagnostics(&site.warnings, &options.root);
            let summary = summary_line(&site.summary, &options.output_dir());
            reporter.summary(&summary);
            if reporter.verbosity == Verbosity::Verbose {
                eprint!("{}", timings_report(&stages));
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics, &options.root);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            reporter.failure(&format!(
                "the build failed with {errors} error{}; the previous output was left untouched",
                plural(errors)
            ));
            exit_code(&diagnostics)
        }
    }
}

/// 2 when folio could not do its job (F09xx: not a site, unreadable or unwritable files, an
/// internal error), else 1: the site has errors its author can fix.
pub fn exit_code(diagnostics: &[Diagnostic]) -> ExitCode {
    let environment = diagnostics
        .iter()
        .any(|d| d.is_error() && d.code.starts_with("F09"));
    ExitCode::from(if environment { 2 } else { 1 })
}

/// `--quiet`, nothing, or `--verbose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    fn from_flags(quiet: bool, verbose: bool) -> Self {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

/// Writes a command's diagnostics and summary lines in the chosen format, to the right stream
/// (see the module comment), leaving out warnings and summaries under `--quiet`. `folio check`
/// reports through it too.
pub struct Reporter {
    pub format: Format,
    pub verbosity: Verbosity,
    /// Colors for the human format: stderr is a terminal and NO_COLOR is not set.
    color: bool,
}

impl Reporter {
    pub fn new(format: Format, verbosity: Verbosity) -> Self {
        let color =
            anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
        Reporter {
            format,
            verbosity,
            color,
        }
    }

    /// Prints diagnostics; `root` is the site's folder, which GitHub annotations need in their
    /// paths (they name files from the repository's root).
    pub fn diagnostics(&self, diagnostics: &[Diagnostic], root: &Path) {
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

    /// The one line of a successful run: stdout for people, stderr beside machine formats.
    pub fn summary(&self, line: &str) {
        match (self.verbosity, self.format) {
            (Verbosity::Quiet, _) => {}
            (_, Format::Human) => println!("{line}"),
            _ => eprintln!("{line}"),
        }
    }

    /// The last line of a failed run, always on stderr (even with `--quiet`).
    pub fn failure(&self, message: &str) {
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
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `Built 12 articles, 7 threads, 5 sections, 14 tags (151 files) into public/ in 84 ms`
pub fn summary_line(summary: &BuildSummary, output: &std::path::Path) -> String {
    let BuildSummary {
        articles,
        threads,
        sections,
        tags,
        files,
        elapsed,
    } = summary;
    format!(
        "Built {articles} article{}, {threads} thread{}, {sections} section{}, {tags} tag{} ({files} files) into {} in {} ms",
        plural(*articles),
        plural(*threads),
        plural(*sections),
        plural(*tags),
        output.display(),
        elapsed.as_millis()
    )
}
