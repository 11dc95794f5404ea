#!/usr/bin/env node
// A judged query set for the benchmark corpus (gen_corpus.py --flavor folio).
//
//   node benches/search/corpus-queries.mjs CORPUS_DIR [--titles 30] [--pairs 15] [--answers 15] > queries.json
//
// Reads CORPUS_DIR/content/**.md (front matter `title`, `description`, `tags`, `author`; a thread is
// `kind: question` with `--- answer` / `--- reply` blocks) and derives, deterministically (pages are
// taken in the order of a hash of their path, never of the directory listing), queries with the URL
// a search should put first:
//   - title:  the exact title of a page whose title no other page has (half articles, half questions),
//             with double quotes dropped (a visitor does not type them);
//   - pair:   two words of a page's title that no other page has together anywhere in its text;
//   - answer: a run of 2-4 consecutive words from an answer's prose whose words no other page has
//             together, and neither the question nor the thread's other answers have all of them.
//             Expected: the thread page; `expected_anchor` is the answer's `#answer-N` (N counts the
//             answers in file order, as folio numbers them), which a result may carry instead.
// "Has" is judged on crudely stemmed words (plural/-ed/-ing stripped), so an engine that stems
// does not see a second page the check missed. A page `content/a/b.md` is served at `/a/b/`.

import fs from 'node:fs';
import path from 'node:path';

const STOP = new Set(('a an the and or but of to in on at by for with from as is are was were be been it its this that '
  + 'these those into over under than then so not no do does did can could should would will how why what when '
  + 'which who your you we our my i if via vs after before without about keeps keep such too many per way').split(' '));

function parseArgs(argv) {
  const o = { titles: 30, pairs: 15, answers: 15, corpus: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--titles') o.titles = +argv[++i];
    else if (a === '--pairs') o.pairs = +argv[++i];
    else if (a === '--answers') o.answers = +argv[++i];
    else if (!a.startsWith('-') && !o.corpus) o.corpus = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!o.corpus) throw new Error('usage: corpus-queries.mjs CORPUS_DIR [--titles N] [--pairs N] [--answers N]');
  return o;
}

// FNV-1a, 32 bit: a fixed, platform-independent order of pages.
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

const tokens = (s) => (s.toLowerCase().match(/[a-z0-9]+/g) || []);
function stem(w) {
  for (const suf of ['ing', 'ed', 'es', 's']) {
    if (w.length > suf.length + 2 && w.endsWith(suf)) return w.slice(0, -suf.length);
  }
  return w;
}
const stems = (s) => tokens(s).map(stem);

function listMd(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listMd(p));
    else if (e.isFile() && e.name.endsWith('.md') && e.name !== '_index.md') out.push(p);
  }
  return out;
}

// The few front-matter fields the corpus writes, one `key: value` a line (values JSON-quoted or bare).
function frontMatter(text) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return { fm: {}, body: text };
  const fm = {};
  for (const line of m[1].split('\n')) {
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (!kv) continue;
    let v = kv[2];
    if (v.startsWith('"')) { try { v = JSON.parse(v); } catch { /* keep raw */ } }
    fm[kv[1]] = v;
  }
  return { fm, body: text.slice(m[0].length) };
}

// Prose only: no fenced code, no links (their text is another page's title), no inline code.
const prose = (md) => md.replace(/```[\s\S]*?```/g, ' ').replace(/\[[^\]]*\]\([^)]*\)/g, ' ')
  .replace(/`[^`]*`/g, ' ').replace(/^\|.*$/gm, ' ').replace(/^#+ /gm, '');

// A thread's body cut at its `--- answer` / `--- reply` markers (outside code fences).
function splitThread(body) {
  const parts = { question: [], answers: [] };
  let cur = parts.question, inCode = false, inMeta = false;
  for (const line of body.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    if (!inCode && (line === '--- answer' || line === '--- reply')) {
      if (line === '--- answer') { cur = []; parts.answers.push(cur); }
      else cur.push('\n'); // a reply's text belongs to its answer's part of the page
      inMeta = true;
      continue;
    }
    if (inMeta) { if (line === '---') inMeta = false; else if (!/^(author|date|votes|accepted):/.test(line)) cur.push(line); continue; }
    cur.push(line);
  }
  return { question: parts.question.join('\n'), answers: parts.answers.map((a) => a.join('\n')) };
}

function loadPages(corpus) {
  const content = path.join(corpus, 'content');
  const files = listMd(content).map((f) => path.relative(content, f).split(path.sep).join('/')).sort();
  return files.map((rel, id) => {
    const { fm, body } = frontMatter(fs.readFileSync(path.join(content, rel), 'utf8'));
    const thread = fm.kind === 'question' ? splitThread(body) : null;
    const head = [fm.title, fm.description, fm.tags, fm.author].join(' ');
    const words = new Set(stems(head + ' ' + body));
    return { id, rel, url: '/' + rel.replace(/\.md$/, '') + '/', kind: thread ? 'question' : 'article',
      title: fm.title || '', head, bodyText: body, thread, words, order: fnv(rel) };
  });
}

function postings(pages) {
  const idx = new Map();
  idx.byId = [];
  for (const p of pages) idx.byId[p.id] = p;
  for (const p of pages) for (const w of p.words) { let s = idx.get(w); if (!s) idx.set(w, (s = [])); s.push(p.id); }
  return idx;
}

// Pages holding every stem (stops counting past `cap`): walk the rarest stem's pages.
function cooccur(idx, ws, cap = 50) {
  const uniq = [...new Set(ws)].sort((a, b) => (idx.get(a) || []).length - (idx.get(b) || []).length);
  if (!uniq.length) return 0;
  let n = 0;
  for (const id of idx.get(uniq[0]) || []) if (uniq.every((w) => idx.byId[id].words.has(w)) && ++n >= cap) break;
  return n;
}

const content = (ws) => ws.filter((w) => !STOP.has(w) && w.length > 1);

function titleQueries(pages, n) {
  const count = new Map();
  for (const p of pages) count.set(p.title, (count.get(p.title) || 0) + 1);
  const out = [];
  for (const kind of ['article', 'question']) {
    const want = kind === 'article' ? Math.ceil(n / 2) : Math.floor(n / 2);
    out.push(...pages.filter((p) => p.kind === kind && count.get(p.title) === 1).slice(0, want)
      .map((p) => ({ type: 'title', query: p.title.replace(/"/g, '').replace(/\s+/g, ' ').trim(), expected: p.url, page_kind: kind })));
  }
  return out;
}

// Two words of the title that no other *title* has together (in a corpus of 10,000 generated pages
// every pair of words shares some body text with hundreds of pages: specific to one page means its
// title). Of the first `pool` pages that have such a pair, the `n` whose pair the fewest pages have
// anywhere in their text.
function pairQueries(pages, idx, n, used, pool = 300) {
  const tidx = postings(pages.map((p) => ({ id: p.id, words: new Set(stems(p.title)) })));
  const found = [];
  for (const p of pages) {
    if (found.length >= pool) break;
    if (used.has(p.id)) continue;
    const ws = [...new Set(content(tokens(p.title)))];
    let best = null;
    for (let i = 0; i < ws.length; i++) for (let j = i + 1; j < ws.length; j++) {
      const st = [stem(ws[i]), stem(ws[j])];
      if (st[0] === st[1] || cooccur(tidx, st, 2) !== 1) continue;
      const pagesWithBoth = cooccur(idx, st, Infinity);
      if (!best || pagesWithBoth < best.pagesWithBoth) best = { q: `${ws[i]} ${ws[j]}`, pagesWithBoth };
    }
    if (best) found.push({ p, ...best });
  }
  found.sort((a, b) => a.pagesWithBoth - b.pagesWithBoth || a.p.order - b.p.order);
  return found.slice(0, n).map(({ p, q, pagesWithBoth }) => {
    used.add(p.id);
    return { type: 'pair', query: q, expected: p.url, page_kind: p.kind, pages_with_both_words: pagesWithBoth };
  });
}

const ngrams = (toks, lo, hi, f) => {
  for (let len = lo; len <= hi; len++) for (let i = 0; i + len <= toks.length; i++) f(toks.slice(i, i + len), i);
};

// A phrase (2-4 consecutive words, within a sentence of an answer's prose) that occurs in no other
// page and, on its thread, in no other post. The generated prose reuses a small vocabulary, so no
// set of words is unique to a page; a run of words is. Candidates come from the first `pool`
// threads; one pass over the corpus counts the pages holding each.
function answerQueries(pages, n, used, pool = 200) {
  const threads = pages.filter((p) => p.thread && !used.has(p.id)).slice(0, pool);
  const cand = new Map(); // phrase -> Set of page ids
  const perThread = threads.map((p) => {
    const list = [];
    p.thread.answers.forEach((ans, k) => {
      for (const sentence of prose(ans).split(/[.;:!?\n]+/)) {
        ngrams(tokens(sentence), 2, 4, (win) => {
          if (STOP.has(win[0]) || STOP.has(win[win.length - 1]) || content(win).length < 2) return;
          const q = win.join(' ');
          cand.set(q, cand.get(q) || new Set());
          list.push({ q, k, len: win.length });
        });
      }
    });
    return { p, list };
  });
  for (const p of pages) {
    const seen = new Set();
    ngrams(tokens(p.head + ' ' + p.bodyText), 2, 4, (win) => {
      const q = win.join(' ');
      const s = cand.get(q);
      if (s && !seen.has(q)) { seen.add(q); if (s.size < 2) s.add(p.id); }
    });
  }
  const out = [];
  for (const { p, list } of perThread) {
    if (out.length >= n) break;
    const posts = [p.head + ' ' + p.thread.question, ...p.thread.answers].map((t) => ' ' + tokens(t).join(' ') + ' ');
    const ok = list.filter(({ q, k }) => cand.get(q).size === 1
      && posts.every((t, j) => (j === k + 1) === t.includes(' ' + q + ' ')));
    if (!ok.length) continue;
    ok.sort((a, b) => a.len - b.len || a.k - b.k);
    const best = ok[0];
    used.add(p.id);
    out.push({ type: 'answer', query: best.q, expected: p.url, expected_anchor: `${p.url}#answer-${best.k + 1}`,
      page_kind: 'question', answer: best.k + 1 });
  }
  return out;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const pages = loadPages(o.corpus).sort((a, b) => a.order - b.order || a.id - b.id);
  const idx = postings(pages);
  const titles = titleQueries(pages, o.titles);
  const used = new Set(pages.filter((p) => titles.some((t) => t.expected === p.url)).map((p) => p.id));
  const pairs = pairQueries(pages, idx, o.pairs, used);
  const answers = answerQueries(pages, o.answers, used);
  const queries = [...titles, ...pairs, ...answers].map((q, i) => ({ id: i + 1, ...q }));
  const report = { corpus: path.resolve(o.corpus), pages: pages.length, generated_by: 'benches/search/corpus-queries.mjs', queries };
  process.stdout.write(JSON.stringify(report, null, 1) + '\n');
}

main();
