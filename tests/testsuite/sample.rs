//! The repository's own sample guide builds with zero diagnostics.

use std::process::Command;

#[test]
fn sample_guide_builds_without_diagnostics() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&target)
        .output()
        .expect("run folio");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "", "the sample guide has diagnostics");
    assert!(target.join("index.html").is_file());
    let threads = std::fs::read_dir(target.join("qa")).unwrap().count();
    assert!(
        threads >= 7,
        "the sample has at least six threads plus the listing"
    );
}
