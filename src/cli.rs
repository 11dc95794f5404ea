//! The command line: clap's raw arguments become resolved options (`BuildOptions`,
//! `CheckOptions`, `ServeOptions`, ...), and clap's types stop here. Each command runs its stage
//! and hands what it returned to `report`, which prints it and decides the exit code; nothing
//! here prints on its own.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{BuildOptions, build, previous_output_after};
use crate::check::{CheckOptions, check};
use crate::diagnostic::Format;
use crate::progress::StageTimer;
use crate::report::{self, Counts, FailureKind, Outcome, Reporter, Verbosity};
use crate::scaffold::{
    InitOptions, NewKind, NewOptions, TranslationOptions, new_page, new_translation,
};
use crate::serve::{AllowedHost, ConnectionLimits, ServeOptions, serve};

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
    Serve(ServeArgs),
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
    /// Create a draft article or question, or start a translation of a page
    #[command(
        after_help = "Examples:\n  folio new article \"Deploying with Docker\" --section guide\n  folio new question \"Why does my task run twice?\"\n  folio new translation content/guide/install.md ru"
    )]
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Subcommand, Debug)]
enum NewCommand {
    /// Create a draft article (in content/, or --section)
    #[command(after_help = NEW_PAGE_HELP)]
    Article(NewPageArgs),
    /// Create a draft question (in the section whose _index.md says `kind: question`)
    #[command(after_help = NEW_PAGE_HELP)]
    Question(NewPageArgs),
    /// Start a translation of a page: a copy in content/LANG/ recording the original's hash
    #[command(
        after_help = "The page (a file or a thread folder, with its answer files) is copied to the same \
path under content/LANG/, for you to translate, with `original_hash:` in its front matter. When the \
original changes later, the translated page says that it is outdated, and `folio check` lists it. Once \
the translation has caught up, `--refresh` records the original's current hash (nothing else in the \
file changes). An existing translation is never overwritten.\n\n\
Exit codes: 0 written, 1 the translation exists, 2 unknown language or page, or I/O error.\n\n\
Examples:\n  folio new translation content/guide/install.md ru\n  folio new translation content/guide/install.md ru --refresh"
    )]
    Translation {
        /// The original page: its file or thread folder (e.g. content/guide/install.md)
        page: PathBuf,
        /// The language, as folio.toml's `[languages.LANG]` names it (e.g. ru)
        language: String,
        /// Only record the original's current hash in the existing translation
        #[arg(long)]
        refresh: bool,
        /// The site's folder (holds folio.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

const NEW_PAGE_HELP: &str = "The file is named after the title (content/SECTION/SLUG.md) and starts with the \
title, today's date and `draft: true`. Articles go to content/ unless --section is given; questions \
go to the section whose _index.md says `kind: question` (content/qa/ in a new guide). An existing \
file is never overwritten.\n\n\
Exit codes: 0 created, 1 the file exists, 2 unknown section or other usage or I/O error.\n\n\
Examples:\n  folio new article \"Deploying with Docker\" --section guide\n  folio new question \"Why does my task run twice?\"";

#[derive(clap::Args, Debug)]
struct NewPageArgs {
    /// The page's title (quote it)
    title: String,
    /// The section (a folder inside content/, e.g. `guide`) to create the page in
    #[arg(long)]
    section: Option<String>,
    /// The site's folder (holds folio.toml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// `folio serve`'s arguments, resolved into `ServeOptions`.
#[derive(Debug, clap::Args)]
struct ServeArgs {
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
    /// Also answer requests for this host name (repeatable; `.example.test` allows it and
    /// every name under it). Without it only localhost, loopback addresses and the --bind
    /// address are answered, against DNS rebinding
    #[arg(long = "allowed-host", value_name = "NAME", value_parser = AllowedHost::parse)]
    allowed_hosts: Vec<AllowedHost>,
    // The connection limits (`ConnectionLimits`) are hidden: the integration tests need short
    // timeouts, users have no reason to change them.
    /// Close a connection whose request headers are not complete this long after the server
    /// starts waiting for them
    #[arg(long, hide = true, value_parser = duration, default_value = "10s")]
    header_read_timeout: Duration,
    /// Close a connection on which no byte moved this long
    #[arg(long, hide = true, value_parser = duration, default_value = "60s")]
    idle_timeout: Duration,
    /// Connections served at once; more wait until one closes
    #[arg(long, hide = true, default_value_t = 256, value_parser = clap::value_parser!(u16).range(1..))]
    max_connections: u16,
}

impl From<ServeArgs> for ServeOptions {
    fn from(args: ServeArgs) -> Self {
        ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            open_browser: args.open,
            output: args.output,
            allowed_hosts: args.allowed_hosts,
            limits: ConnectionLimits {
                header_read_timeout: args.header_read_timeout,
                idle_timeout: args.idle_timeout,
                max_connections: usize::from(args.max_connections),
            },
        }
    }
}

/// Parses the arguments, runs the command and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = Verbosity::from_flags(cli.quiet, cli.verbose);
    run_command(cli.command, verbosity).exit_code()
}

/// Resolves the command's options, runs it and reports through the right `Reporter`.
fn run_command(command: Command, verbosity: Verbosity) -> Outcome {
    // `serve` and `highlight` have always printed in full whatever `--quiet` says.
    let unfiltered = Reporter::new(Format::Human, Verbosity::Normal);
    let human = Reporter::new(Format::Human, verbosity);
    match command {
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
        Command::Highlight { list, root } => run_highlight(list, &root, &unfiltered),
        Command::Check {
            root,
            external,
            strict,
            drafts,
            format,
        } => {
            let options = CheckOptions {
                root,
                external,
                strict,
                include_drafts: drafts,
                ..CheckOptions::default()
            };
            run_check(&options, &Reporter::new(format, verbosity))
        }
        Command::Completions { shell } => print_completions(shell, &human),
        Command::Init { dir, force } => run_init(&InitOptions { dir, force }, &human),
        Command::New { what } => run_new(what, &human),
        Command::Serve(args) => run_serve(&args.into(), &unfiltered),
    }
}

/// The script is the command's result, for the shell to read: stdout, also under `--quiet`.
fn print_completions(shell: clap_complete::Shell, reporter: &Reporter) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "folio", &mut script);
    reporter.result(&String::from_utf8_lossy(&script));
    Outcome::Done
}

/// `500ms` or `10s` (hidden serve options only, so no richer syntax).
fn duration(given: &str) -> Result<Duration, String> {
    let parsed = match given.strip_suffix("ms") {
        Some(ms) => ms.parse().map(Duration::from_millis),
        None => given
            .strip_suffix('s')
            .unwrap_or(given)
            .parse()
            .map(Duration::from_secs),
    };
    parsed
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("`{given}` is not a duration such as `500ms` or `10s`"))
}

fn run_build(mut options: BuildOptions, reporter: &Reporter) -> Outcome {
    let timer = StageTimer::start(
        "reading folio.toml and the theme",
        reporter.animates_progress(),
    );
    options.progress = Some(timer.progress());
    let result = build(&options);
    let stages = timer.finish();
    match result {
        Ok(site) => {
            reporter.diagnostics(&site.warnings, &options.root);
            reporter.summary(&report::built_line(&site.summary, &options.output_dir()));
            reporter.stage_timings(&stages);
            Outcome::Done
        }
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics, &options.root);
            reporter.failure(&report::build_failed(
                Counts::of(&diagnostics).errors,
                &previous_output_after(&diagnostics, &options.root),
            ));
            Outcome::of_errors(&diagnostics)
        }
    }
}

/// `folio check`: clean, errors (or warnings with `--strict`), or a site that does not build.
fn run_check(options: &CheckOptions, reporter: &Reporter) -> Outcome {
    match check(options) {
        Ok(found) => {
            reporter.diagnostics(&found.diagnostics, &options.root);
            reporter.summary(&report::checked_line(&found, options.external));
            let counts = Counts::of(&found.diagnostics);
            let outcome = Outcome::of_check(&counts, options.strict);
            if outcome != Outcome::Done {
                reporter.failure(&report::check_failed(&counts));
            }
            outcome
        }
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics, &options.root);
            reporter.failure(&report::check_not_built(Counts::of(&diagnostics).errors));
            Outcome::of_errors(&diagnostics)
        }
    }
}

fn run_serve(options: &ServeOptions, reporter: &Reporter) -> Outcome {
    match serve(options, reporter) {
        Ok(()) => Outcome::Done,
        Err(error) => {
            reporter.error(&error, error.help());
            Outcome::of_failure(error.kind())
        }
    }
}

/// `folio init`: what was created and what to do next (nothing under `--quiet`).
fn run_init(options: &InitOptions, reporter: &Reporter) -> Outcome {
    match crate::scaffold::init(options) {
        Ok(made) => {
            reporter.summary(&crate::scaffold::init_summary(&options.dir, &made));
            Outcome::Done
        }
        Err(error) => {
            reporter.error(&error, error.help().as_deref());
            Outcome::of_failure(error.kind())
        }
    }
}

/// `folio new`: the new file's path, which scripts read (so also under `--quiet`).
fn run_new(what: NewCommand, reporter: &Reporter) -> Outcome {
    let page = |kind, args: NewPageArgs| NewOptions {
        root: args.root,
        kind,
        title: args.title,
        section: args.section,
    };
    let written = match what {
        NewCommand::Article(args) => new_page(&page(NewKind::Article, args)),
        NewCommand::Question(args) => new_page(&page(NewKind::Question, args)),
        NewCommand::Translation {
            page,
            language,
            refresh,
            root,
        } => new_translation(&TranslationOptions {
            root,
            page,
            language,
            refresh,
        }),
    };
    match written {
        Ok(path) => {
            reporter.result(&format!("{}\n", crate::scaffold::shown(&path)));
            Outcome::Done
        }
        Err(error) => {
            reporter.error(&error, error.help().as_deref());
            Outcome::of_failure(error.kind())
        }
    }
}

fn run_highlight(list: bool, root: &Path, reporter: &Reporter) -> Outcome {
    if !list {
        reporter.error(&"nothing to do; try `folio highlight --list`", None);
        return Outcome::of_failure(FailureKind::Usage);
    }
    match crate::build::highlight_listing(root) {
        Ok(text) => {
            reporter.result(&text);
            Outcome::Done
        }
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics, root);
            Outcome::of_errors(&diagnostics)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_timeouts_are_milliseconds_or_seconds() {
        assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(duration("10"), Ok(Duration::from_secs(10)));
        for bad in ["0s", "0ms", "", "s", "1.5s", "-1s", "10m"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
    }
}
