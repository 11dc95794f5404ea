//! The command line: clap's raw arguments become resolved options (`BuildOptions`), and clap's
//! types stop here. Diagnostics go to stderr, the summary to stdout.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{BuildOptions, BuildSummary, build};
use crate::diagnostic::Diagnostic;

#[derive(Parser, Debug)]
#[command(
    name = "folio",
    version,
    about = "A static site generator for guides: long-form articles and Q&A threads"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    #[command(
        after_help = "Example:\n  folio build --root my-guide --base-url https://example.org/guide/"
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
    },
    /// Build, serve and watch the site; open pages reload after every change
    #[command(
        after_help = "Drafts and pages dated in the future are always shown while serving.\n\nExample:\n  folio serve --root my-guide --port 1111 --open"
    )]
    Serve {
        /// The site's folder (holds folio.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks a free one
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback exposes the site to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Accepted for symmetry with `build`: serve always includes drafts and future pages
        #[arg(long)]
        drafts: bool,
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
}

/// Parses the arguments, runs the command and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            strict,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                include_drafts: drafts,
                strict,
                ..BuildOptions::default()
            };
            run_build(&options)
        }
        Command::Highlight { list, root } => run_highlight(list, &root),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts: _,
        } => run_serve(&crate::serve::ServeOptions {
            root,
            bind,
            port,
            open_browser: open,
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
            print_diagnostics(&diagnostics);
            ExitCode::FAILURE
        }
    }
}

fn run_build(options: &BuildOptions) -> ExitCode {
    match build(options) {
        Ok(site) => {
            print_diagnostics(&site.warnings);
            println!("{}", summary_line(&site.summary, &options.output_dir()));
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: the build failed with {errors} error{}; the previous output was left untouched",
                plural(errors)
            );
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        writeln!(err, "{d}\n").ok();
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
