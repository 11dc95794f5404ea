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
    let site = SiteTest::fixture("basic");
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
    let site = SiteTest::fixture("basic");
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
        !names.iter().any(|n| n.contains("folio-")),
        "no staging folder is left behind: {names:?}"
    );
}

#[test]
fn removed_pages_disappear_from_the_output() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    assert!(site.output_path("qa/folder-form/index.html").exists());
    std::fs::remove_dir_all(site.root().join("content/qa/folder-form")).unwrap();
    site.build_ok();
    assert!(!site.output_path("qa/folder-form").exists());
}

#[test]
fn output_option_writes_elsewhere() {
    let site = SiteTest::fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = site.run(&["build", "--output", target.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
}

#[test]
fn refuses_to_replace_the_site_folder() {
    let site = SiteTest::fixture("basic");
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
