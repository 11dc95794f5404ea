//! One benchmark group per stage of a build, each on fixed inputs generated here: front matter,
//! markdown, highlighting, templates, writing, and a whole small build cold and a second time.
//!
//!     cargo bench --bench stages -- --warm-up-time 1 --measurement-time 2
//!
//! Sites are generated into temporary folders; nothing outside the repository is read.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use folio::stages::{
    Config, ContentRoot, Date, HeadingIds, Highlighter, IndexOptions, Labels, Languages, LinkError,
    Locales, PageFrontMatter, PageHtml, PostBody, PostContext, RenderedContent, ResolveLink,
    ResolvedLink, Sanitizer, Sink, SiteIndex, SiteRenderer, Source, Theme, ThemeSource, Tools,
    Trust, UniqueIds, Views, WriteError, build_index, discover, finish, load, parse_front_matter,
    render_markdown, render_page, render_sections, split_front_matter,
};
use folio::{BuildOptions, Output, OutputFile, build, build_in_memory};

const PAGE: &str = "---
title: \"Caching with Redis: from whole pages to single values\"
description: Django's cache layers from whole pages down to single values, backed by Redis, and how to invalidate them without serving stale data.
date: 2026-06-03
updated: 2026-07-14
author: Ilya Sorokin
tags: [redis, performance, caching]
weight: 2
aliases: [/old/caching/, /scaling/cache/]
extra:
  difficulty: intermediate
  reviewed_by: [Marta Kowalska, Chen Wei]
---
After the query count is under control, the next big win is not running some queries at all.
";

fn front_matter(c: &mut Criterion) {
    let mut group = c.benchmark_group("front_matter");
    let path = Path::new("content/scaling/caching-with-redis.md");
    group.throughput(Throughput::Bytes(PAGE.len() as u64));
    group.bench_function("split_and_parse", |b| {
        b.iter(|| {
            let text = black_box(PAGE);
            let source = Source::new(path, text);
            let split = split_front_matter(&source, text).expect("front matter");
            let fragment = split.page_fragment();
            let parsed: PageFrontMatter = parse_front_matter(&source, &fragment).expect("yaml");
            black_box(parsed)
        })
    });
    group.finish();
}

/// Resolves `x.md` to `x/` and keeps every other link, as the site index would for pages that
/// exist; `#anchors` are recorded for checking.
struct Links;

impl ResolveLink for Links {
    fn resolve(&self, _from_dir: &Path, dest: &str) -> Result<ResolvedLink, LinkError> {
        let anchor = dest.strip_prefix('#').map(|a| (None, a.to_string()));
        Ok(ResolvedLink {
            href: dest.replace(".md", "/"),
            anchor,
        })
    }
}

const PROSE: &str = "Django keeps a *cache* of rendered fragments so a busy page does not run the same \
queries twice; read [the Redis docs](https://redis.io/docs/) and the **settings** before \
you change `CACHES`. Invalidation is the hard part: a key must go away exactly when the \
data behind it changes, and no sooner, or the cache only adds load.";

/// About 1000 words (999 as the renderer counts them) of article: headings, paragraphs with links, a list, a table.
fn article() -> String {
    let mut text = String::from("Caching pays off once the queries are under control.\n\n");
    for section in 0..5 {
        text.push_str(&format!("## Layer {section}: what to cache\n\n{PROSE}\n\n"));
        text.push_str("See [the settings](settings.md#caches) for every option.\n\n");
        text.push_str(&format!(
            "### Keys for layer {section}\n\n{PROSE} {PROSE}\n\n"
        ));
        if section % 2 == 0 {
            text.push_str("- per-view caching with `cache_page`\n- template fragments\n");
            text.push_str("- the low-level API: `cache.get_or_set`\n- sessions, see [below](#layer-4-what-to-cache)\n\n");
        } else {
            text.push_str("| layer | scope | invalidation |\n|---|---|---:|\n");
            text.push_str("| page | whole response | timeout |\n| fragment | part of a template | key version |\n");
            text.push_str("| value | one query | signal |\n\n");
        }
    }
    text
}

fn markdown_to_html(c: &mut Criterion) {
    let mut group = c.benchmark_group("markdown");
    let body = PostBody {
        markdown: article(),
        first_line: 10,
    };
    let highlighter = Highlighter::new(false, None).expect("highlighter");
    let cx = PostContext {
        shown_path: Path::new("content/scaling/caching.md"),
        source_dir: Path::new("scaling"),
        footnote_prefix: "",
        links: &Links,
        highlighter: &highlighter,
        trust: Trust::Author,
        heading_ids: HeadingIds::Ascii,
        page_url: "/page/",
        labels: Labels::english(),
        keep_text: false,
    };
    let rendered = render_markdown(&body, &cx, &mut UniqueIds::default());
    assert!(
        rendered.diagnostics.is_empty(),
        "{:?}",
        rendered.diagnostics
    );
    group.throughput(Throughput::Bytes(body.markdown.len() as u64));
    group.bench_function("article_1000_words", |b| {
        b.iter(|| black_box(render_markdown(&body, &cx, &mut UniqueIds::default())))
    });
    group.finish();
}

const PYTHON_40: &str = r#"import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction


@dataclass
class Reservation:
    """A table booked for a number of guests."""

    guest: str
    party_size: int
    starts_at: datetime
    notes: list[str] = field(default_factory=list)

    def reminder_time(self) -> datetime:
        return self.starts_at.replace(hour=9, minute=0) - timedelta(days=0)


async def free_tables(restaurant_id: int, when: datetime) -> list[int]:
    key = f"free:{restaurant_id}:{when:%Y%m%d%H}"
    if (cached := cache.get(key)) is not None:
        return cached
    rows = await asyncio.to_thread(_query_tables, restaurant_id, when)
    tables = [row["id"] for row in rows if row["seats"] >= 2]
    cache.set(key, tables, timeout=60 * 5)  # five minutes
    return tables


@transaction.atomic
def book(reservation: Reservation, table_id: int) -> dict[str, object]:
    if reservation.party_size > 12:
        raise ValueError("parties over 12 must call the restaurant")
    table = Table.objects.select_for_update().get(pk=table_id)
    table.held_until = reservation.starts_at + timedelta(hours=2)
    booking = {"table": table_id, "guest": reservation.guest, "ok": True}
    cache.delete_pattern(f"free:*:{reservation.starts_at:%Y%m%d}*")
    return booking
"#;

const TYPESCRIPT_40: &str = r#"import { z } from "zod";
import type { Request, Response } from "express";

export interface Reservation {
  guest: string;
  partySize: number;
  startsAt: Date;
  notes?: string[];
}

const schema = z.object({
  guest: z.string().min(1),
  partySize: z.number().int().positive().max(12),
  startsAt: z.coerce.date(),
});

type Booking = { table: number; guest: string; ok: boolean };

export class TableService {
  private readonly cache = new Map<string, number[]>();

  constructor(private readonly baseUrl: string) {}

  async freeTables(restaurantId: number, when: Date): Promise<number[]> {
    const key = `free:${restaurantId}:${when.toISOString().slice(0, 13)}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const res = await fetch(`${this.baseUrl}/restaurants/${restaurantId}/tables`);
    const rows = (await res.json()) as Array<{ id: number; seats: number }>;
    const tables = rows.filter((r) => r.seats >= 2).map((r) => r.id);
    this.cache.set(key, tables);
    return tables;
  }
}

export async function book(req: Request, res: Response): Promise<void> {
  const input = schema.parse(req.body);
  const booking: Booking = { table: Number(req.params.table), guest: input.guest, ok: true };
  res.status(201).json(booking);
}
"#;

fn highlighting(c: &mut Criterion) {
    let mut group = c.benchmark_group("highlight");
    for (name, info, code) in [
        ("python", "python", PYTHON_40),
        ("typescript", "ts", TYPESCRIPT_40),
    ] {
        assert_eq!(code.lines().count(), 40);
        group.throughput(Throughput::Bytes(code.len() as u64));
        // A fresh highlighter has an empty line memo, so every line is parsed.
        group.bench_function(format!("{name}_40_lines_fresh"), |b| {
            b.iter(|| {
                let highlighter = Highlighter::new(true, None).expect("highlighter");
                black_box(highlighter.render(info, code))
            })
        });
        // The same highlighter again: no block cache is configured, so this is the line memo.
        let warm = Highlighter::new(true, None).expect("highlighter");
        warm.render(info, code);
        group.bench_function(format!("{name}_40_lines_warm"), |b| {
            b.iter(|| black_box(warm.render(info, code)))
        });
    }
    group.finish();
}

const SECTIONS: [&str; 4] = ["getting-started", "scaling", "ecosystem", "careers"];

/// A site of `pages` pages: articles in four sections (headings, prose with links, a list, a
/// table, a Python and a TypeScript block) and, one in ten, Q&A threads with two answers and a
/// reply. Each page's code differs, so no two blocks share a cache entry.
fn write_site(root: &Path, pages: usize, highlight: bool) {
    let content = root.join("content");
    let write = |rel: &str, text: &str| {
        let path = content.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    let config = format!(
        "title = \"Bench guide\"\nbase_url = \"https://example.org/\"\n[highlight]\nenable = {highlight}\n"
    );
    std::fs::create_dir_all(root).expect("mkdir");
    std::fs::write(root.join("folio.toml"), config).expect("config");
    write(
        "_index.md",
        "---\ntitle: Bench guide\n---\nA generated guide.\n",
    );
    for (i, section) in SECTIONS.iter().enumerate() {
        let index = format!("---\ntitle: Section {section}\nweight: {i}\n---\n{PROSE}\n");
        write(&format!("{section}/_index.md"), &index);
    }
    write(
        "qa/_index.md",
        "---\ntitle: Questions\nkind: question\nsort_by: date\npaginate_by: 10\n---\nThreads.\n",
    );
    for i in 0..pages {
        let date = format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        let tags = format!("[t{}, u{}]", i % 12, i % 5);
        if i % 10 == 9 {
            write(&format!("qa/question-{i}.md"), &thread(i, &date, &tags));
        } else {
            let section = SECTIONS[i % SECTIONS.len()];
            let text = format!(
                "---\ntitle: Page {i}\ndescription: About page {i}.\ndate: {date}\nauthor: Author {}\ntags: {tags}\nweight: {i}\n---\n{}",
                i % 7,
                page_body(i)
            );
            write(&format!("{section}/page-{i}.md"), &text);
        }
    }
}

fn page_body(i: usize) -> String {
    // Four pages back is in the same section, unless it is a thread.
    let neighbour = i.wrapping_sub(4);
    let link = if i < 4 || neighbour % 10 == 9 {
        String::new()
    } else {
        format!(" Read [page {neighbour}](page-{neighbour}.md) first.")
    };
    format!(
        "{PROSE}{link}\n\n## Setup {i}\n\n{PROSE}\n\n- one\n- two `{i}`\n- three\n\n\
         | a | b |\n|---|---|\n| {i} | x |\n\n```python\n# page {i}\n{PYTHON_40}```\n\n\
         ## Client\n\n{PROSE}\n\n```ts\n// page {i}\n{TYPESCRIPT_40}```\n"
    )
}

fn thread(i: usize, date: &str, tags: &str) -> String {
    format!(
        "---\ntitle: Question {i}?\ndate: {date}\nauthor: asker_{i}\nvotes: {}\ntags: {tags}\n---\n{PROSE}\n\n\
         --- answer\nauthor: helper_a\ndate: {date}\nvotes: 5\naccepted: true\n---\n{PROSE}\n\n\
         ```python\n# answer {i}\n{PYTHON_40}```\n\n\
         --- reply\nauthor: asker_{i}\ndate: {date}\n---\nThanks, that worked.\n\n\
         --- answer\nauthor: helper_b\ndate: {date}\nvotes: 2\n---\n{PROSE}\n",
        i % 20
    )
}

/// Throws the rendered files away, so only the templates are measured.
struct Discard;

impl Sink for Discard {
    fn put(&self, _path: &str, file: OutputFile) -> Result<(), WriteError> {
        black_box(file);
        Ok(())
    }
}

/// Everything the template stage takes, made once by the stages before it.
struct Prepared {
    config: Config,
    theme: Theme,
    index: SiteIndex,
    /// Each page's HTML, beside its digest in `content`.
    html: Vec<PageHtml>,
    content: RenderedContent,
    today: Date,
}

fn prepare(root: &Path) -> Prepared {
    let text = std::fs::read_to_string(root.join("folio.toml")).expect("config");
    let config = Config::parse(Path::new("folio.toml"), &text).expect("config");
    let theme = Theme::load(&ThemeSource {
        site_root: root,
        name: &config.theme,
        language: "en",
    })
    .expect("theme");
    let content_root = ContentRoot {
        dir: root.join("content"),
        shown_as: PathBuf::from("content"),
    };
    let (files, _) = discover(&content_root.dir, &content_root.shown_as);
    let (documents, _) = load(&content_root, &files, &config.title);
    let today = Date::today();
    let options = IndexOptions {
        include_drafts: false,
        today,
    };
    let (index, _) = build_index(
        documents,
        &files,
        &config.base_path(),
        Languages::of(&config),
        options,
    );
    let highlighter = Highlighter::new(false, None).expect("highlighter");
    let tools = Tools {
        index: &index,
        sanitizer: &Sanitizer::default(),
        highlighter: &highlighter,
        theme_ids: &[],
        articles: Trust::Author,
        heading_ids: HeadingIds::Ascii,
        locales: &Locales::built_in(),
        search: false,
    };
    let (pages, page_findings): (Vec<_>, Vec<_>) =
        index.pages.iter().map(|p| render_page(tools, p)).unzip();
    let (sections, section_findings): (Vec<_>, Vec<_>) = render_sections(tools).into_iter().unzip();
    let (digests, html) = pages.into_iter().map(|p| (p.digest, p.html)).unzip();
    let content = RenderedContent {
        pages: digests,
        sections,
    };
    let diagnostics = finish(&index, &content, &page_findings, &section_findings, false);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    Prepared {
        config,
        theme,
        index,
        html,
        content,
        today,
    }
}

fn templates(c: &mut Criterion) {
    let mut group = c.benchmark_group("templates");
    group.sample_size(10);
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(dir.path(), 200, false);
    let prepared = prepare(dir.path());
    // As in the build, page templates see the index and their own content only.
    let locales = Locales::built_in();
    let views = Views {
        index: &prepared.index,
        config: &prepared.config,
        today: prepared.today,
        locales: &locales,
    };
    group.bench_function("pages_200_one_thread", |b| {
        b.iter(|| {
            let renderer =
                SiteRenderer::new(&views, &prepared.theme, "", &Discard).expect("renderer");
            let pages = prepared.content.pages.iter().zip(&prepared.html);
            for (id, (digest, html)) in pages.enumerate() {
                black_box(renderer.page(id, digest, html).expect("page"));
            }
        })
    });
    group.bench_function("listings_feeds_sitemap", |b| {
        b.iter(|| {
            let renderer =
                SiteRenderer::new(&views, &prepared.theme, "", &Discard).expect("renderer");
            black_box(renderer.rest(&prepared.content))
        })
    });
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let built = build_in_memory(&options).expect("build");
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    group.bench_function("build_in_memory_200", |b| {
        b.iter(|| black_box(build_in_memory(&options).expect("build").summary.files))
    });
    group.finish();
}

/// `count` files of about 20 KB, each different; `word` (nine letters) makes another version of
/// the same sizes.
fn generated_output(count: usize, word: &str) -> Output {
    let mut output = Output::default();
    for i in 0..count {
        let line = format!("<p>{word} paragraph of page {i}, long enough to fill a line.</p>\n");
        let mut html = format!("<!doctype html><title>Page {i}</title>\n");
        while html.len() < 20 * 1024 {
            html.push_str(&line);
        }
        let path = format!("section-{}/page-{i}/index.html", i % 10);
        output.insert(path, OutputFile::Bytes(html.into_bytes()));
    }
    output
}

fn writing(c: &mut Criterion) {
    let mut group = c.benchmark_group("write");
    group.sample_size(10);
    let output = generated_output(500, "Generated");
    let previous = generated_output(500, "Rewritten");
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let target = dir.path().join("public");
    group.throughput(Throughput::Elements(output.files.len() as u64));
    group.bench_function("500_files_20kb_new", |b| {
        b.iter_batched(
            || {
                if target.exists() {
                    std::fs::remove_dir_all(&target).expect("clean");
                }
            },
            |()| output.write_atomically(&target, &site).expect("write"),
            BatchSize::PerIteration,
        )
    });
    // The previous output has files of the same sizes but other bytes: each is read, compared
    // and written, and the previous folder removed.
    group.bench_function("500_files_20kb_changed", |b| {
        b.iter_batched(
            || previous.write_atomically(&target, &site).expect("previous"),
            |_| output.write_atomically(&target, &site).expect("write"),
            BatchSize::PerIteration,
        )
    });
    output.write_atomically(&target, &site).expect("write");
    // Every file is unchanged, so each is compared and hard-linked from the previous output.
    group.bench_function("500_files_20kb_unchanged", |b| {
        b.iter(|| output.write_atomically(&target, &site).expect("write"))
    });
    group.finish();
}

fn whole_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build_200_pages");
    group.sample_size(10);
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    write_site(&site, 200, true);
    let output = dir.path().join("public");
    let cold = BuildOptions {
        root: site.clone(),
        output: Some(output.clone()),
        cache_dir: None,
        ..BuildOptions::default()
    };
    group.bench_function("cold", |b| {
        b.iter_batched(
            || {
                if output.exists() {
                    std::fs::remove_dir_all(&output).expect("clean");
                }
            },
            |()| black_box(build(&cold).expect("build").summary.files),
            BatchSize::PerIteration,
        )
    });
    let second = BuildOptions {
        cache_dir: Some(dir.path().join("cache")),
        ..cold.clone()
    };
    let first = build(&second).expect("first build");
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    group.bench_function("second", |b| {
        b.iter(|| black_box(build(&second).expect("build").summary.files))
    });
    group.finish();
}

criterion_group!(
    benches,
    front_matter,
    markdown_to_html,
    highlighting,
    templates,
    writing,
    whole_build
);
criterion_main!(benches);
