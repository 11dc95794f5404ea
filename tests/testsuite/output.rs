//! Whole-output properties: deterministic bytes, atomic replacement, no leftovers.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::SiteTest;

fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::fixture("site/mixed");
    site.build_ok();
    let first = snapshot_dir(&site.output_path(""));
    site.build_ok();
    let second = snapshot_dir(&site.output_path(""));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = SiteTest::fixture("output/pages");
    site.build_ok();
    let before = snapshot_dir(&site.output_path(""));
    let site = site.file(
        "content/guide/first.md",
        "---\ntitle: Broken\ndate: 2026-02-30\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, Some(1));
    assert_eq!(snapshot_dir(&site.output_path("")), before);
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("folio-staging") || n.contains("folio-old")),
        "no staging folder is left behind: {names:?}"
    );
}

#[test]
fn removed_pages_disappear_from_the_output() {
    let site = SiteTest::fixture("output/pages");
    site.build_ok();
    assert!(site.output_path("qa/folder-form/index.html").exists());
    std::fs::remove_dir_all(site.root().join("content/qa/folder-form")).unwrap();
    site.build_ok();
    assert!(!site.output_path("qa/folder-form").exists());
}

#[test]
fn output_option_writes_elsewhere() {
    let site = SiteTest::fixture("output/pages");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = site.run(&["build", "--output", target.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
}

#[test]
fn refuses_to_replace_the_site_folder() {
    let site = SiteTest::fixture("output/pages");
    let run = site.run(&[
        "build",
        "--output",
        site.root().join("content").to_str().unwrap(),
    ]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("refusing to write the site into"),
        "{}",
        run.stderr
    );
    assert!(site.root().join("content/guide/first.md").exists());
}

#[test]
fn refuses_an_output_that_is_a_file_and_leaves_it_alone() {
    let site = SiteTest::fixture("output/pages");
    let out = tempfile::tempdir().unwrap();
    let notes = out.path().join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    for _ in 0..2 {
        let run = site.run(&["build", "--output", notes.to_str().unwrap()]);
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        let shown = notes.display();
        assert_eq!(
            run.stderr,
            format!(
                "{shown}: error[F0903]: refusing to write the site into {shown}: it is a file, not a folder\n  = help: give --output a folder (it is replaced whole); the file was left as it is\n\nerror: the build failed with 1 error; the previous output was left untouched\n"
            )
        );
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
        let beside: Vec<_> = (std::fs::read_dir(out.path()).unwrap().flatten())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(beside, ["notes.txt"], "nothing is made beside the file");
    }
}

#[test]
fn refuses_a_relative_output_inside_the_sources_before_it_exists_too() {
    let site = SiteTest::fixture("output/pages");
    for _ in 0..2 {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["build", "--output", "content/new"])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run folio");
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stderr.starts_with("content/new: error[F0903]: refusing to write the site into content/new: it holds the site's sources\n"),
            "{stderr}"
        );
        assert!(!site.root().join("content/new").exists());
    }
}

/// An unchanged page is linked from the previous build, not written again; a changed one is new.
#[cfg(unix)]
#[test]
fn a_second_build_reuses_unchanged_files_and_highlighted_code() {
    use std::os::unix::fs::MetadataExt;
    let inode = |site: &SiteTest, rel: &str| {
        std::fs::metadata(site.output_path(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
            .ino()
    };
    let site = SiteTest::fixture("output/pages");
    site.build_ok();
    let cached: Vec<_> = walkdir::WalkDir::new(site.root().join(".folio-cache"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .collect();
    assert!(!cached.is_empty(), "highlighted blocks are cached on disk");
    let (untouched, edited) = ("guide/second/index.html", "guide/first/index.html");
    let before = (inode(&site, untouched), inode(&site, edited));
    let first = std::fs::read_to_string(site.root().join("content/guide/first.md")).unwrap();
    let site = site.file(
        "content/guide/first.md",
        &first.replace("Where everyone starts.", "Now described."),
    );
    site.build_ok();
    assert_eq!(
        inode(&site, untouched),
        before.0,
        "an unchanged page is kept"
    );
    assert_ne!(
        inode(&site, edited),
        before.1,
        "an edited page is written anew"
    );
    assert!(site.read(edited).contains("Now described."));
}

#[test]
fn no_cache_leaves_no_cache_folder() {
    let site = SiteTest::fixture("output/pages");
    let run = site.run(&["build", "--no-cache"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!site.root().join(".folio-cache").exists());
}

/// Builds that reuse earlier output trees (the default) end with exactly the files a build from
/// nothing makes, through edits, removals, additions and files added to the output by hand.
#[test]
fn reused_output_trees_match_a_build_from_nothing() {
    let site = SiteTest::fixture("site/mixed");
    let fresh = tempfile::tempdir().unwrap();
    let fresh_out = fresh.path().join("public");
    let assert_as_fresh = |site: &SiteTest, step: &str| {
        site.build_ok();
        let args = [
            "build",
            "--no-cache",
            "--output",
            fresh_out.to_str().unwrap(),
        ];
        let run = site.run(&args);
        assert!(run.success, "{}", run.stderr);
        let (reused, clean) = (
            snapshot_dir(&site.output_path("")),
            snapshot_dir(&fresh_out),
        );
        assert_eq!(
            reused.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>(),
            "{step}"
        );
        for (path, bytes) in &clean {
            assert!(reused[path] == *bytes, "{step}: {path} differs");
        }
    };
    assert_as_fresh(&site, "first build");
    assert_as_fresh(&site, "nothing changed");
    let first = std::fs::read_to_string(site.root().join("content/guide/first.md")).unwrap();
    let site = site.file(
        "content/guide/first.md",
        &first.replace("Where everyone starts.", "Now described."),
    );
    assert_as_fresh(&site, "a page edited");
    std::fs::remove_dir_all(site.root().join("content/qa/folder-form")).unwrap();
    let site = site.file(
        "content/guide/added.md",
        "---\ntitle: Added\ndate: 2026-01-05\n---\nA new page.\n",
    );
    assert_as_fresh(&site, "a page removed and one added");
    std::fs::write(site.output_path("by-hand.txt"), "not folio's").unwrap();
    let edited_by_hand = site.output_path("guide/first/index.html");
    std::fs::write(&edited_by_hand, "edited in place").unwrap();
    assert_as_fresh(&site, "files added and edited by hand in the output");
    assert_as_fresh(&site, "the same again");
}

#[test]
fn an_alias_that_would_replace_a_generated_file_is_an_error_every_time() {
    let site = SiteTest::new().file(
        "content/a.md",
        "---\ntitle: A\naliases:\n  - /atom.xml\n  - /style.css\n  - /tags/\n  - /old/\n---\nText.\n",
    );
    // Each alias is placed at its `aliases:` key (the list is on the lines below), as invalid
    // aliases are (F0403).
    for _ in 0..3 {
        let run = site.run(&["build", "--no-cache"]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert_eq!(
            run.stderr,
            crate::harness::text_block(
                "
                content/a.md:3:1: error[F0405]: alias `/atom.xml` would replace the site's Atom feed `atom.xml`
                  = help: an alias is an old address of this page: remove it, or give another one

                content/a.md:3:1: error[F0405]: alias `/style.css` would replace the theme's file `style.css`
                  = help: an alias is an old address of this page: remove it, or give another one

                content/a.md:3:1: error[F0405]: alias `/tags/` would replace the tag index `tags/index.html`
                  = help: an alias is an old address of this page: remove it, or give another one

                error: the build failed with 3 errors; the previous output was left untouched
                "
            )
        );
    }
}
