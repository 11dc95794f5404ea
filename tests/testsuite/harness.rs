//! `SiteTest`: a throwaway site in a temporary folder, built by the real `folio` binary.

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const CONFIG: &str = "title = \"Test Guide\"\nbase_url = \"https://example.org/\"\n";

pub(crate) struct SiteTest {
    dir: tempfile::TempDir,
}

pub(crate) struct BuildRun {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for BuildRun {
    fn from(output: std::process::Output) -> Self {
        BuildRun {
            success: output.status.success(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl SiteTest {
    /// An empty site with a minimal folio.toml.
    pub(crate) fn new() -> Self {
        let site = SiteTest::empty().file("folio.toml", CONFIG);
        std::fs::create_dir_all(site.root().join("content")).expect("mkdir content");
        site
    }

    /// A folder with nothing in it, not even folio.toml.
    pub(crate) fn empty() -> Self {
        SiteTest {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of `tests/fixtures/NAME`: `FEATURE/CASE`, a small site with only what that case
    /// needs (`site/mixed` holds every kind of page, for properties of a whole output).
    pub(crate) fn fixture(name: &str) -> Self {
        let site = SiteTest {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, site.root());
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn file(self, path: &str, contents: &str) -> Self {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
        self
    }

    pub(crate) fn build(&self) -> BuildRun {
        self.run(&["build"])
    }

    pub(crate) fn run(&self, args: &[&str]) -> BuildRun {
        let output = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run folio");
        BuildRun::from(output)
    }

    /// Builds and panics with the diagnostics if the build fails.
    pub(crate) fn build_ok(&self) -> BuildRun {
        let run = self.build();
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    pub(crate) fn output_path(&self, rel: &str) -> PathBuf {
        self.root().join("public").join(rel)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The `<main>` element of an output page: the part a test should compare, so theme chrome
    /// changes do not break every test.
    pub(crate) fn main_of(&self, rel: &str) -> String {
        let html = self.read(rel);
        let start = html
            .find("<main")
            .unwrap_or_else(|| panic!("{rel} has no <main>"));
        let end = html
            .rfind("</main>")
            .map(|i| i + "</main>".len())
            .unwrap_or(html.len());
        html[start..end].to_string()
    }
}

/// stdout without the elapsed time, which varies from run to run.
pub(crate) fn without_timing(text: &str) -> String {
    match text.rfind(" in ") {
        Some(i) if text[i..].trim_end().ends_with(" ms") => format!("{}\n", &text[..i]),
        _ => text.to_string(),
    }
}

/// A multi-line text written as an indented block (`indoc`-style), so an expected message reads
/// as it prints: the line break after the opening quote and the indentation of the closing line
/// are dropped, and so is the indentation the other lines share. The text ends with a line break
/// only when the closing quote stands on a line of its own.
pub(crate) fn text_block(block: &str) -> String {
    let body = block
        .strip_prefix('\n')
        .expect("a text block starts with a line break");
    let mut lines: Vec<&str> = body.split('\n').collect();
    let ends_with_break = lines.last().is_some_and(|l| l.trim().is_empty());
    if ends_with_break {
        lines.pop();
    }
    let indent = (lines.iter())
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut text = (lines.iter())
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    if ends_with_break {
        text.push('\n');
    }
    text
}

/// The text of an HTML fragment: tags dropped, entities left as they are.
pub(crate) fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
