//! `folio init` and `folio new`: the starter guide builds clean, existing files are never
//! overwritten, and new pages build with their titles intact.

use std::path::Path;
use std::process::Command;

use crate::harness::{BuildRun, text_block};

/// Runs the real binary with `cwd` as the current folder.
fn folio(cwd: &Path, args: &[&str]) -> BuildRun {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run folio");
    BuildRun::from(output)
}

fn ok(run: BuildRun) -> BuildRun {
    assert_eq!(
        run.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
    run
}

/// Every file under `dir`, relative, with `/` separators, sorted; `public/` left out.
fn files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix");
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary folder with a guide made by `folio init guide`.
fn new_guide() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    ok(folio(tmp.path(), &["init", "guide"]));
    let guide = tmp.path().join("guide");
    (tmp, guide)
}

#[test]
fn init_prints_what_it_created() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = ok(folio(tmp.path(), &["init", "my-guide"]));
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("init_stdout", run.stdout);
    insta::assert_snapshot!("init_files", files(&tmp.path().join("my-guide")).join("\n"));
}

#[test]
fn init_then_build_and_check_have_no_diagnostics() {
    let (_tmp, guide) = new_guide();
    let run = ok(folio(&guide, &["build"]));
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.starts_with("Built 1 article, 1 thread, "),
        "{}",
        run.stdout
    );
    let check = ok(folio(&guide, &["check", "--strict"]));
    assert!(
        format!("{}{}", check.stdout, check.stderr).contains(": no problems"),
        "{}{}",
        check.stdout,
        check.stderr
    );
    for page in [
        "index.html",
        "guide/writing-pages/index.html",
        "qa/how-do-i-answer-a-question/index.html",
    ] {
        assert!(guide.join("public").join(page).is_file(), "{page}");
    }
}

#[test]
fn init_titles_the_guide_after_its_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("django-notes");
    std::fs::create_dir(&dir).expect("mkdir");
    let run = ok(folio(&dir, &["init"]));
    assert!(
        run.stdout.starts_with("Created a guide in .:\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\nNext:\n  folio serve\n"),
        "{}",
        run.stdout
    );
    assert!(read(&dir.join("folio.toml")).contains("\ntitle = \"Django notes\"\n"));
    assert!(read(&dir.join("content/_index.md")).starts_with("---\ntitle: Django notes\n"));
}

#[test]
fn init_writes_the_running_version_into_the_workflow() {
    let (_tmp, guide) = new_guide();
    let workflow = read(&guide.join(".github/workflows/pages.yml"));
    let version = format!("FOLIO_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(workflow.contains(&version));
    assert!(workflow.contains("run: folio check --format github\n"));
    assert!(workflow.contains(
        "folio build --base-url \"https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/\""
    ));
    assert_eq!(
        read(&guide.join(".gitignore"))
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        ["public/", ".folio-cache/", ".public.folio-spare/"]
    );
}

#[test]
fn init_is_silent_with_quiet() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = ok(folio(tmp.path(), &["init", "guide", "--quiet"]));
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert!(tmp.path().join("guide/folio.toml").is_file());
}

#[test]
fn init_accepts_a_folder_with_only_git() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(tmp.path().join(".git/objects")).expect("mkdir");
    ok(folio(tmp.path(), &["init"]));
    assert!(tmp.path().join("folio.toml").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(tmp.path().join("guide")).expect("mkdir");
    std::fs::write(tmp.path().join("guide/notes.txt"), "mine").expect("write");
    let run = folio(tmp.path(), &["init", "guide"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        text_block(
            r#"
            error: guide is not empty
              = help: choose a new or empty folder, or pass --force to add the starter files beside what is there (nothing is overwritten)
            "#,
        )
    );
    assert_eq!(files(&tmp.path().join("guide")), ["notes.txt"]);
}

#[test]
fn init_force_adds_files_but_overwrites_none() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let guide = tmp.path().join("guide");
    let home = "---\ntitle: My own home\n---\nKeep me.\n";
    std::fs::create_dir_all(guide.join("content")).expect("mkdir");
    std::fs::write(guide.join("content/_index.md"), home).expect("write");
    std::fs::write(guide.join(".gitignore"), "target/\n/public\n").expect("write");
    std::fs::write(guide.join("notes.txt"), "mine").expect("write");

    let run = ok(folio(tmp.path(), &["init", "guide", "--force"]));
    assert!(
        run.stdout.contains(&text_block(
            r#"
                Kept as they were:
                  .gitignore
                  content/_index.md
                Added folio's output folders to .gitignore
                "#,
        )),
        "{}",
        run.stdout
    );
    assert_eq!(read(&guide.join("content/_index.md")), home);
    assert_eq!(read(&guide.join("notes.txt")), "mine");
    assert_eq!(
        read(&guide.join(".gitignore")),
        text_block(
            r#"
            target/
            /public

            # folio's output and cache
            .folio-cache/
            .public.folio-spare/
            "#,
        )
    );
    assert!(guide.join("content/guide/writing-pages.md").is_file());
    let build = ok(folio(&guide, &["build"]));
    assert_eq!(build.stderr, "");
}

#[test]
fn init_refuses_a_guide_even_with_force() {
    let (tmp, guide) = new_guide();
    let before = read(&guide.join("folio.toml"));
    let run = folio(tmp.path(), &["init", "guide", "--force"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        text_block(&format!(
            r#"
            error: {} already exists
              = help: this folder already holds a guide; start writing with `folio new article "Title"`
            "#,
            Path::new("guide").join("folio.toml").display()
        ))
    );
    assert_eq!(read(&guide.join("folio.toml")), before);
}

#[test]
fn new_article_and_question_build_as_drafts() {
    let (_tmp, guide) = new_guide();
    let article = ok(folio(
        &guide,
        &[
            "new",
            "article",
            "Deploying with Docker",
            "--section",
            "guide",
        ],
    ));
    assert_eq!(article.stdout, "content/guide/deploying-with-docker.md\n");
    let question = ok(folio(
        &guide,
        &["new", "question", "Why does my task run twice?"],
    ));
    assert_eq!(
        question.stdout,
        "content/qa/why-does-my-task-run-twice.md\n"
    );
    let root_article = ok(folio(&guide, &["new", "article", "About this guide"]));
    assert_eq!(root_article.stdout, "content/about-this-guide.md\n");

    let text = read(&guide.join("content/qa/why-does-my-task-run-twice.md"));
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(
        text.starts_with(&format!(
            "---\ntitle: Why does my task run twice?\ndate: {today}\ndraft: true\n"
        )),
        "{text}"
    );

    let build = ok(folio(&guide, &["build", "--drafts"]));
    assert_eq!(build.stderr, "");
    ok(folio(&guide, &["check", "--drafts"]));
    let public = guide.join("public");
    assert!(
        public
            .join("guide/deploying-with-docker/index.html")
            .is_file()
    );
    assert!(
        public
            .join("qa/why-does-my-task-run-twice/index.html")
            .is_file()
    );
    assert!(public.join("about-this-guide/index.html").is_file());

    ok(folio(&guide, &["build"]));
    assert!(
        !public
            .join("guide/deploying-with-docker/index.html")
            .exists()
    );
}

#[test]
fn new_question_in_an_article_section_says_its_kind() {
    let (_tmp, guide) = new_guide();
    let run = ok(folio(
        &guide,
        &["new", "question", "Which database?", "--section", "guide"],
    ));
    let text = read(&guide.join(run.stdout.trim()));
    assert!(
        text.starts_with("---\ntitle: Which database?\nkind: question\n"),
        "{text}"
    );
    let build = ok(folio(&guide, &["build", "--drafts"]));
    assert_eq!(build.stderr, "");
}

#[test]
fn yaml_hostile_titles_survive() {
    let (_tmp, guide) = new_guide();
    let run = ok(folio(
        &guide,
        &["new", "article", "He said: \"hi\"", "--section", "guide"],
    ));
    assert_eq!(run.stdout, "content/guide/he-said-hi.md\n");
    let run = ok(folio(&guide, &["new", "question", "#1 tip"]));
    assert_eq!(run.stdout, "content/qa/1-tip.md\n");
    assert!(
        read(&guide.join("content/guide/he-said-hi.md"))
            .starts_with("---\ntitle: \"He said: \\\"hi\\\"\"\n")
    );

    ok(folio(&guide, &["build", "--drafts"]));
    let article = read(&guide.join("public/guide/he-said-hi/index.html"));
    assert!(article.contains("He said: &quot;hi&quot;"), "{article}");
    let question = read(&guide.join("public/qa/1-tip/index.html"));
    assert!(question.contains("#1 tip"), "{question}");
}

#[test]
fn new_refuses_to_overwrite() {
    let (_tmp, guide) = new_guide();
    let before = read(&guide.join("content/guide/writing-pages.md"));
    let run = folio(
        &guide,
        &["new", "article", "Writing pages!", "--section", "guide"],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        text_block(&format!(
            r#"
            error: {} already exists
              = help: choose another title, or edit the existing file; folio never overwrites a page
            "#,
            Path::new("content/guide")
                .join("writing-pages.md")
                .display()
        ))
    );
    assert_eq!(read(&guide.join("content/guide/writing-pages.md")), before);
}

#[test]
fn new_rejects_unknown_sections() {
    let (_tmp, guide) = new_guide();
    let run = folio(&guide, &["new", "article", "Title", "--section", "gide"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        text_block(
            r#"
            error: there is no section `gide` in content
              = help: did you mean `guide`?
            "#,
        )
    );
    let run = folio(&guide, &["new", "article", "Title", "--section", "blog"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        text_block(
            r#"
            error: there is no section `blog` in content
              = help: the sections are `guide`, `qa`; a new folder inside content/ makes a new one
            "#,
        )
    );
    assert_eq!(files(&guide.join("content")).len(), 5);
}

#[test]
fn new_outside_a_guide_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = folio(tmp.path(), &["new", "article", "Title"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        text_block(
            r#"
            error: no folio.toml in .
              = help: run folio in a guide's folder, point to one with --root, or start one with `folio init`
            "#,
        )
    );
}

#[test]
fn new_takes_a_root() {
    let (tmp, _guide) = new_guide();
    let run = ok(folio(
        tmp.path(),
        &["new", "question", "Where do answers go?", "--root", "guide"],
    ));
    assert_eq!(
        run.stdout,
        format!(
            "{}\n",
            Path::new("guide/content/qa")
                .join("where-do-answers-go.md")
                .display()
        )
        .replace('\\', "/")
    );
}
