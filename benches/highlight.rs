//! Highlighting throughput (MB/s of code) per language group, and the cost of a whole build with
//! and without highlighting on a generated site.
//!
//!     cargo bench --bench highlight
//!
//! Each iteration uses a fresh `Highlighter`, so its block cache never hides the real work.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::stages::Highlighter;
use folio::{BuildOptions, build_in_memory};

const PYTHON: &str = "@app.get(\"/orders/{order_id}\")\nasync def order(order_id: int) -> dict[str, int]:\n    \"\"\"Return one order.\"\"\"\n    items = [i for i in range(order_id) if i % 2]  # odd ones\n    return {\"id\": order_id, \"count\": len(items)}\n\n";
const RUST: &str = "async fn fetch(client: &Client, url: &str) -> Result<String, Error> {\n    let body = client.get(url).send().await?.text().await?;\n    let n: Vec<u32> = body.lines().map(|l| l.len() as u32).collect();\n    Ok(format!(\"{} {:?}\", body, n))\n}\n\n";
const TYPESCRIPT: &str = "interface Order { id: number; items?: string[] }\nexport const total = (o: Order): number => o.items?.length ?? 0;\nasync function load(id: number): Promise<Order> {\n  const res = await fetch(`/api/orders/${id}`);\n  return (await res.json()) as Order;\n}\n";
const SHELL: &str = "for f in *.md; do\n  echo \"building $f\" && folio build --root \"$(dirname \"$f\")\" || exit 1\ndone\nexport PATH=\"$HOME/.cargo/bin:$PATH\"\n";
const DATA: &str = "services:\n  web:\n    image: \"tableside:latest\"\n    ports: [\"8000:8000\"]\n    environment:\n      DEBUG: \"false\"\n";

/// About 64 KiB of `snippet`.
fn sample(snippet: &str) -> String {
    snippet.repeat(64 * 1024 / snippet.len() + 1)
}

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("highlight");
    for (name, language, snippet) in [
        ("python", "python", PYTHON),
        ("rust", "rust", RUST),
        ("typescript", "ts", TYPESCRIPT),
        ("shell", "bash", SHELL),
        ("yaml", "yaml", DATA),
    ] {
        let code = sample(snippet);
        group.throughput(Throughput::Bytes(code.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let highlighter = Highlighter::new(true, None).expect("highlighter");
                black_box(highlighter.render(language, &code))
            })
        });
    }
    group.finish();
}

/// A site of `pages` articles, each with prose and three code blocks.
fn write_site(root: &Path, pages: usize, highlight: bool) {
    std::fs::create_dir_all(root.join("content/guide")).expect("mkdir");
    let config = format!(
        "title = \"Bench\"\nbase_url = \"https://example.org/\"\n[highlight]\nenable = {highlight}\n"
    );
    std::fs::write(root.join("folio.toml"), config).expect("config");
    for i in 0..pages {
        let body = format!(
            "---\ntitle: Page {i}\ndate: 2026-01-01\ntags: [t{}]\n---\n## Intro\n\n{}\n\n```python\n{PYTHON}```\n\n```rust\n{RUST}```\n\n```ts\n{TYPESCRIPT}```\n",
            i % 10,
            "Prose about caching and queues. ".repeat(40)
        );
        std::fs::write(root.join(format!("content/guide/page-{i}.md")), body).expect("page");
    }
}

fn whole_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build_200_pages");
    group.sample_size(10);
    for highlight in [true, false] {
        let dir = tempfile::tempdir().expect("temp dir");
        write_site(dir.path(), 200, highlight);
        let options = BuildOptions {
            root: dir.path().to_path_buf(),
            output: None,
            base_url: None,
            include_drafts: false,
            strict: false,
            ..BuildOptions::default()
        };
        let name = if highlight {
            "with_highlighting"
        } else {
            "without_highlighting"
        };
        group.bench_function(name, |b| {
            b.iter(|| black_box(build_in_memory(&options).map(|s| s.summary.files)))
        });
    }
    group.finish();
}

criterion_group!(benches, throughput, whole_build);
criterion_main!(benches);
