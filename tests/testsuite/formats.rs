//! `--format human|github|json` on one broken site, exit codes, `--quiet`, `--verbose`, colors,
//! completions, `--version` and the examples in `--help`: the command line's conventions.

use std::path::Path;
use std::process::Command;

use crate::harness::{BuildRun, SiteTest};

/// Runs folio in `dir` with `args` (no `--root` added) and the given environment.
fn folio_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> BuildRun {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GITHUB_ACTIONS");
    for (key, value) in env {
        command.env(key, value);
    }
    BuildRun::from(command.output().expect("run folio"))
}

/// `tests/fixtures/formats/broken` copied into a temporary folder, as `broken/` in it.
fn broken() -> SiteTest {
    SiteTest::fixture("formats")
}

const FAILED: &str =
    "error: the build failed with 4 errors; the previous output was left untouched\n";

#[test]
fn human_format() {
    let site = broken();
    let run = folio_in(
        site.root(),
        &["build", "--root", "broken"],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert!(run.stderr.ends_with(FAILED), "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn github_format_names_files_from_the_current_folder() {
    let site = broken();
    let run = folio_in(
        site.root(),
        &["build", "--root", "broken", "--format", "github"],
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, FAILED);
    assert!(
        run.stdout.starts_with(
            "::error file=broken/content/guide/install.md,line=5,col=32,title=F0301::"
        )
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_format_has_one_object_per_diagnostic() {
    let site = broken();
    let run = folio_in(
        &site.root().join("broken"),
        &["build", "--format", "json"],
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, FAILED);
    let objects: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(objects.len(), 5);
    for object in &objects {
        let keys: Vec<&String> = object.as_object().expect("object").keys().collect();
        assert_eq!(
            keys,
            ["code", "col", "help", "line", "message", "path", "severity"]
        );
    }
    // Two pages with one URL are placed at the `slug:` that makes the second one's.
    assert_eq!(objects[4]["code"], "F0402");
    assert_eq!(
        (objects[4]["line"].as_u64(), objects[4]["col"].as_u64()),
        (Some(3), Some(7))
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn colors_on_request_and_never_with_no_color() {
    let site = broken();
    let forced = folio_in(
        site.root(),
        &["build", "--root", "broken"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(
        forced.stderr.contains("\x1b[1m\x1b[91merror[F0301]\x1b[0m"),
        "{:?}",
        forced.stderr
    );
    let plain = folio_in(
        site.root(),
        &["build", "--root", "broken"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!plain.stderr.contains('\x1b'));
    // Piped, without any variable: plain.
    let piped = folio_in(site.root(), &["build", "--root", "broken"], &[]);
    assert!(!piped.stderr.contains('\x1b'));
    let json = folio_in(
        site.root(),
        &["build", "--root", "broken", "--format", "json"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!json.stdout.contains('\x1b'));
}

fn warning_only() -> SiteTest {
    SiteTest::new().file("content/a.md", "---\ntitle: A\n---\n```klingon\nx\n```\n")
}

#[test]
fn exit_codes() {
    let ok = SiteTest::new().file("content/a.md", "---\ntitle: A\n---\nHello\n");
    assert_eq!(ok.build().code, Some(0));
    let broken = broken();
    let run = folio_in(broken.root(), &["build", "--root", "broken"], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(warning_only().build().code, Some(0));
    assert_eq!(warning_only().run(&["build", "--strict"]).code, Some(1));
    // Not a site: a usage error.
    assert_eq!(SiteTest::empty().build().code, Some(2));
    // Unknown option or format value: clap's usage error.
    assert_eq!(ok.run(&["build", "--format", "xml"]).code, Some(2));
    assert_eq!(ok.run(&["build", "--bogus"]).code, Some(2));
}

#[test]
fn output_that_cannot_be_written_is_exit_code_2() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\n---\n")
        .file(
            "blocker",
            "a file where the output's parent folder should be",
        );
    let output = site.root().join("blocker/public");
    let run = site.run(&["build", "--output", output.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains(": error[F0903]: "), "{}", run.stderr);
}

#[test]
fn quiet_shows_only_errors() {
    let loud = warning_only().build();
    assert!(loud.stderr.contains("warning[F0701]"));
    assert!(loud.stdout.starts_with("Built 1 article"));
    let quiet = warning_only().run(&["build", "--quiet"]);
    assert_eq!(quiet.code, Some(0));
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, "");
    let json = warning_only().run(&["-q", "build", "--format", "json"]);
    assert_eq!((json.stdout.as_str(), json.stderr.as_str()), ("", ""));
    let site = broken();
    let failed = folio_in(site.root(), &["build", "-q", "--root", "broken"], &[]);
    assert!(!failed.stderr.contains("warning"));
    assert!(failed.stderr.contains("error[F0301]"));
    assert!(failed.stderr.ends_with(FAILED));
}

#[test]
fn summary_goes_to_stderr_beside_machine_formats() {
    let run = warning_only().run(&["build", "--format", "json"]);
    assert_eq!(run.code, Some(0));
    assert!(run.stderr.starts_with("Built 1 article"), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("{\"severity\":\"warning\",\"code\":\"F0701\"")
    );
}

#[test]
fn verbose_times_each_stage() {
    let run = warning_only().run(&["build", "--verbose"]);
    assert_eq!(run.code, Some(0));
    for stage in [
        "reading folio.toml and the theme",
        "loading 1 pages",
        "rendering 1 pages",
        "applying templates",
        "replacing the previous output",
    ] {
        assert!(run.stderr.contains(stage), "{stage}: {}", run.stderr);
    }
    assert!(run.stderr.trim_end().ends_with(" ms"));
    assert!(SiteTest::new().run(&["build", "-q", "-v"]).code == Some(2));
}

#[test]
fn completions_for_each_shell() {
    let dir = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = folio_in(dir.path(), &["completions", shell], &[]);
        assert_eq!(run.code, Some(0), "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("folio"), "{shell}");
        assert!(run.stdout.contains("format"), "{shell}");
        assert!(run.stdout.len() > 500, "{shell}");
    }
    assert_eq!(
        folio_in(dir.path(), &["completions", "tcsh"], &[]).code,
        Some(2)
    );
}

#[test]
fn version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = folio_in(dir.path(), &["--version"], &[]);
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stdout, format!("folio {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    let top = folio_in(dir.path(), &["--help"], &[]);
    assert!(top.stdout.contains("Examples:"), "{}", top.stdout);
    let commands: Vec<String> = top
        .stdout
        .split("Commands:")
        .nth(1)
        .expect("a command list")
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 5, "{commands:?}");
    for command in commands {
        let run = folio_in(dir.path(), &[&command, "--help"], &[]);
        assert_eq!(run.code, Some(0), "{command}");
        assert!(
            run.stdout.contains("Example"),
            "{command} --help: {}",
            run.stdout
        );
    }
}
