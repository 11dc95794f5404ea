#!/usr/bin/env node
// What a visitor's browser downloads to search a built site, and how well the search ranks.
//
//   node benches/search/measure.mjs SITE_DIR --engine pagefind|folio --queries queries.json
//        [--base /] [--folio-script search.js] [--page PATH] [--limit N] [--top 10]
//        [--out report.json] [--md report.md] [--index-dir DIR] [--no-gzip] [--http1]
//        [--types answer,pair] [--quote answer]
//   node benches/search/measure.mjs --render report.json     (the Markdown of an earlier run)
//
// Serves SITE_DIR on 127.0.0.1 the way a static host does (gzip for text types, as Netlify,
// GitHub Pages or nginx with gzip on would; files that are not text, like Pagefind's pre-compressed
// .pf_* chunks, as they are; Cache-Control max-age=3600; HTTP/2 over TLS with a throwaway
// self-signed certificate, as every CDN serves, so that Chromium's six connections per HTTP/1.1
// host do not queue parallel requests into false sequential rounds; --http1 for plain HTTP/1.1).
// Every other host is unreachable (a dead proxy for all but loopback; DNS answers nothing). For each
// query of queries.json (corpus-queries.mjs): a fresh browser context (empty cache) opens a blank
// page of the site's origin (or --page), then runs the query through the engine's JS API:
//   pagefind: const pf = await import(BASE + 'pagefind/pagefind.js'); const r = await pf.search(q);
//             then .data() of the top 10 results (what its UI shows);
//   folio:    a <script src=BASE + --folio-script> is added, then await self.folioSearch.search(q)
//             (an array of results with `url`, best first).
// Then a second, different query (the next one in the file) runs in the same page (warm: the
// engine's state and the HTTP cache are kept) and its extra traffic is recorded.
//
// Every response is recorded from the server's side (exact bytes, and nothing a web worker asks
// for can slip past): path, status, body bytes as sent (after gzip), bytes before gzip, start and
// end time; beside it Playwright's request.sizes() and, for requests of the page itself (not of
// Pagefind's worker), the initiator CDP reports. Depth: a request that started only after
// another finished is one level deeper (longest such chain; 1 = all in parallel).
// --types keeps queries of those types; --quote wraps queries of those types in double quotes
// (Pagefind's exact-phrase mode; the answer queries are phrases, see corpus-queries.mjs).
// MRR@10: 1/rank of the first top-10 result whose URL (origin and #fragment dropped) is the
// expected page; the answer anchor (`#answer-N`) is reported besides, when a result carries it.

import http from 'node:http';
import http2 from 'node:http2';
import os from 'node:os';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const SITE_CHECK = process.env.SITE_CHECK_DIR || '/tmp/site-check';
const BLANK = '__search-bench__.html';

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = { site: null, engine: null, queries: null, base: '/', folioScript: 'search.js', page: null,
    limit: Infinity, top: 10, out: null, md: null, indexDir: null, gzip: true, http1: false, types: null, quote: [], timeoutMs: 30000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`); return argv[++i]; };
    if (a === '--engine') o.engine = val();
    else if (a === '--queries') o.queries = val();
    else if (a === '--base') o.base = val();
    else if (a === '--folio-script') o.folioScript = val().replace(/^\/+/, '');
    else if (a === '--page') o.page = val().replace(/^\/+/, '');
    else if (a === '--limit') o.limit = parseInt(val(), 10);
    else if (a === '--top') o.top = parseInt(val(), 10);
    else if (a === '--out') o.out = val();
    else if (a === '--md') o.md = val();
    else if (a === '--index-dir') o.indexDir = val();
    else if (a === '--no-gzip') o.gzip = false;
    else if (a === '--http1') o.http1 = true;
    else if (a === '--types') o.types = val().split(',');
    else if (a === '--quote') o.quote = val().split(',');
    else if (a === '--timeout-ms') o.timeoutMs = parseInt(val(), 10);
    else if (!a.startsWith('-') && !o.site) o.site = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!o.site || !o.queries || !['pagefind', 'folio'].includes(o.engine)) {
    throw new Error('usage: measure.mjs SITE_DIR --engine pagefind|folio --queries FILE [--base /] [--folio-script search.js] '
      + '[--page PATH] [--limit N] [--top 10] [--out report.json] [--md report.md] [--index-dir DIR] [--no-gzip] [--http1]');
  }
  o.base = ('/' + o.base + '/').replace(/\/{2,}/g, '/');
  if (o.indexDir == null && o.engine === 'pagefind') o.indexDir = path.join(o.site, 'pagefind');
  return o;
}

// ---------------------------------------------------------------- static server (after site-check's)
const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.xml': 'application/xml; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.gz': 'application/gzip',
};
// What hosts compress on the fly. Not the .pf_* chunks or a .gz: they are compressed already.
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|wasm|xml)|image\/svg)/;

function startServer(root, { base, gzip, http1 }) {
  const log = [];
  const t0 = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - t0) / 1e6; // ms
  const blank = Buffer.from('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>search bench</title><link rel="icon" href="data:,"></head><body></body></html>\n');

  async function resolve(pathname) {
    if (!pathname.startsWith(base)) return null;
    let rel;
    try { rel = decodeURIComponent(pathname.slice(base.length)); } catch { return null; }
    if (rel === BLANK) return { body: blank, type: MIME['.html'] };
    let abs = path.resolve(root, '.' + path.sep + rel);
    if (abs !== root && !abs.startsWith(root + path.sep)) return null;
    let st = await fsp.stat(abs).catch(() => null);
    if (st && st.isDirectory()) {
      if (!pathname.endsWith('/')) return { redirect: pathname + '/' };
      abs = path.join(abs, 'index.html');
      st = await fsp.stat(abs).catch(() => null);
    }
    if (!st || !st.isFile()) return null;
    return { file: abs, type: MIME[path.extname(abs).toLowerCase()] || 'application/octet-stream' };
  }

  const handler = async (req, res) => {
    const entry = { path: req.url, http: req.httpVersion, start_ms: now(), status: 0, body_bytes: 0, raw_bytes: 0, header_bytes: 0, encoding: null };
    log.push(entry);
    res.on('finish', () => {
      entry.end_ms = now();
      entry.header_bytes = typeof res._header === 'string' ? Buffer.byteLength(res._header) : 0;
    });
    try {
      const u = new URL(req.url, 'http://127.0.0.1');
      const r = await resolve(u.pathname);
      if (r && r.redirect) { entry.status = 301; res.writeHead(301, { Location: r.redirect, 'Content-Length': 0 }); return res.end(); }
      if (!r) { entry.status = 404; res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': 10 }); return res.end('Not Found\n'); }
      const raw = r.body || await fsp.readFile(r.file);
      let body = raw;
      const headers = { 'Content-Type': r.type, 'Cache-Control': 'public, max-age=3600', Vary: 'Accept-Encoding' };
      if (gzip && COMPRESSIBLE.test(r.type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = zlib.gzipSync(raw, { level: 6 });
        headers['Content-Encoding'] = 'gzip';
        entry.encoding = 'gzip';
      }
      headers['Content-Length'] = body.length;
      Object.assign(entry, { status: 200, body_bytes: body.length, raw_bytes: raw.length });
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      entry.status = 500;
      entry.error = String(e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  };
  const tls = http1 ? null : selfSigned();
  const server = http1 ? http.createServer(handler) : http2.createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, handler);
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const origin = `${http1 ? 'http' : 'https'}://127.0.0.1:${server.address().port}`;
      ok({ origin, log, now, spki: tls && tls.spki, close: () => new Promise((r) => { server.close(() => r()); server.closeAllConnections?.(); }) });
    });
  });
}

function selfSigned() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-bench-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    // Chromium trusts this key by its hash (--ignore-certificate-errors-spki-list): a certificate
    // error would also keep responses out of its HTTP cache and spoil the warm second query.
    const der = execFileSync('openssl', ['x509', '-in', path.join(dir, 'cert.pem'), '-pubkey', '-noout']);
    const spkiDer = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: der });
    const spki = crypto.createHash('sha256').update(spkiDer).digest('base64');
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')), spki };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// site-check's Chromium flags, and no way off this machine: every host but loopback goes to a
// dead proxy and resolves to nothing. No page.route(): intercepting would put a round trip
// through node in front of every request and blur the timing.
async function launchBrowser(spki) {
  const require = createRequire(path.join(SITE_CHECK, 'package.json'));
  const { chromium } = require('playwright-core');
  const { CHROMIUM_ARGS } = await import(pathToFileURL(path.join(SITE_CHECK, 'check.mjs')).href);
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true,
    args: [...CHROMIUM_ARGS, '--proxy-server=http://127.0.0.1:9', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ...(spki ? [`--ignore-certificate-errors-spki-list=${spki}`] : [])] });
}

// ---------------------------------------------------------------- engines (run in the page)
async function runPagefind({ q, base, top }) {
  const t = performance.now();
  const pf = await import(base + 'pagefind/pagefind.js');
  const r = await pf.search(q);
  const searched = performance.now();
  const data = await Promise.all(r.results.slice(0, top).map((x) => x.data()));
  return {
    total: r.results.length, search_ms: searched - t, total_ms: performance.now() - t,
    results: data.map((d) => ({ url: d.url, title: d.meta && d.meta.title, sub: (d.sub_results || []).slice(0, 3).map((s) => s.url) })),
  };
}

async function runFolio({ q, base, top, script }) {
  const t = performance.now();
  if (!self.folioSearch) {
    await new Promise((ok, fail) => {
      const s = document.createElement('script');
      s.src = base + script;
      s.onload = ok;
      s.onerror = () => fail(new Error(`cannot load ${s.src}`));
      document.head.append(s);
    });
  }
  if (!self.folioSearch || typeof self.folioSearch.search !== 'function') throw new Error('self.folioSearch.search is missing');
  const res = await self.folioSearch.search(q);
  const list = Array.isArray(res) ? res : (res && res.results) || [];
  const ms = performance.now() - t;
  return {
    total: list.length, search_ms: ms, total_ms: ms,
    results: list.slice(0, top).map((d) => ({ url: d.url, title: d.title, sub: d.sub ? d.sub.map((s) => s.url) : [] })),
  };
}

// ---------------------------------------------------------------- per-phase figures
function depthOf(reqs) {
  const sorted = [...reqs].sort((a, b) => a.start_ms - b.start_ms);
  for (const r of sorted) {
    r.depth = 1 + Math.max(0, ...sorted.filter((p) => p !== r && p.end_ms != null && p.end_ms <= r.start_ms).map((p) => p.depth || 0));
  }
  return sorted.reduce((m, r) => Math.max(m, r.depth), 0);
}

// Busy periods: how often the network went idle while the search waited for something. Less
// sensitive than depth to a worker that issues parallel requests a few ms apart, but blind to a
// dependent request that starts while an unrelated one is still loading.
function roundsOf(reqs) {
  const iv = reqs.filter((r) => r.end_ms != null).map((r) => [r.start_ms, r.end_ms]).sort((a, b) => a[0] - b[0]);
  let n = 0, end = -Infinity;
  for (const [s, e] of iv) { if (s > end) n++; end = Math.max(end, e); }
  return n;
}

function phaseFigures(reqs) {
  const depth = depthOf(reqs);
  return {
    requests: reqs.length, depth, rounds: roundsOf(reqs),
    bytes: reqs.reduce((s, r) => s + r.body_bytes, 0),
    // as Chromium counts it (request.sizes(): body + headers; on HTTP/2 the body figure carries the framing)
    wire_bytes: reqs.reduce((s, r) => s + (r.browser_sizes ? r.browser_sizes.responseBodySize + r.browser_sizes.responseHeadersSize : r.body_bytes + r.header_bytes), 0),
    body_bytes: reqs.reduce((s, r) => s + r.body_bytes, 0),
    raw_bytes: reqs.reduce((s, r) => s + r.raw_bytes, 0),
    span_ms: reqs.length ? Math.max(...reqs.map((r) => r.end_ms)) - Math.min(...reqs.map((r) => r.start_ms)) : 0,
    failed: reqs.filter((r) => r.status !== 200).length,
  };
}

function normUrl(u, origin, base) {
  let p;
  try { p = new URL(u, origin + base); } catch { return { page: String(u), full: String(u) }; }
  const page = p.pathname.replace(/index\.html$/, '');
  return { page, full: page + p.hash };
}

function judge(q, results, origin) {
  const want = q.expected;
  let rank = 0, anchorRank = 0;
  results.forEach((r, i) => {
    const n = normUrl(r.url, origin, '/');
    if (!rank && n.page === want) rank = i + 1;
    const subs = [r.url, ...(r.sub || [])].map((s) => normUrl(s, origin, '/').full);
    if (!anchorRank && q.expected_anchor && subs.includes(q.expected_anchor)) anchorRank = i + 1;
  });
  return { rank, rr: rank ? 1 / rank : 0, anchor_rank: q.expected_anchor ? anchorRank : null };
}

// ---------------------------------------------------------------- one query, cold then warm
async function measureQuery(browser, srv, o, q, q2) {
  const context = await browser.newContext();
  const blocked = [];
  context.on('requestfailed', (req) => { if (new URL(req.url()).origin !== srv.origin) blocked.push(req.url()); });
  const seen = []; // what the page (not its workers) saw, with sizes and initiators
  const initiators = new Map();
  context.on('requestfinished', async (req) => {
    const sizes = await req.sizes().catch(() => null);
    seen.push({ url: req.url(), sizes, initiator: initiators.get(req.url()) || null, timing: req.timing() });
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    const frame = e.initiator && e.initiator.stack && e.initiator.stack.callFrames && e.initiator.stack.callFrames[0];
    initiators.set(e.request.url, { type: e.initiator.type, url: e.initiator.url || (frame && frame.url) || null });
  });

  const pageUrl = srv.origin + o.base + (o.page || BLANK);
  const mark0 = srv.log.length;
  await page.goto(pageUrl, { waitUntil: 'load' });
  await quiet(srv);
  const load = srv.log.slice(mark0);
  const fn = o.engine === 'pagefind' ? runPagefind : runFolio;
  const arg = (qq) => ({ q: qq, base: o.base, top: o.top, script: o.folioScript });

  const out = { id: q.id, type: q.type, query: q.query, expected: q.expected, expected_anchor: q.expected_anchor || null };
  const run = async (qq) => {
    const mark = srv.log.length;
    const seenMark = seen.length;
    let res, error = null;
    try { res = await withTimeout(page.evaluate(fn, arg(qq)), o.timeoutMs); } catch (e) { error = String(e.message || e).split('\n')[0]; }
    await quiet(srv);
    const reqs = srv.log.slice(mark).map((r) => ({ ...r, start_ms: +r.start_ms.toFixed(2), end_ms: r.end_ms != null ? +r.end_ms.toFixed(2) : null }));
    await sleep(50); // let the last requestfinished handlers read their sizes
    for (const r of reqs) {
      const s = seen.slice(seenMark).find((x) => new URL(x.url).pathname + new URL(x.url).search === r.path);
      if (s) { r.browser_sizes = s.sizes; r.initiator = s.initiator; } else r.initiator = { type: 'not seen by the page' };
    }
    const fig = phaseFigures(reqs);
    return { res, error, fig, reqs };
  };
  const cold = await run(q.query);
  Object.assign(out, cold.fig, { error: cold.error, search_ms: cold.res ? +cold.res.search_ms.toFixed(1) : null,
    total_ms: cold.res ? +cold.res.total_ms.toFixed(1) : null, hits: cold.res ? cold.res.total : 0 });
  Object.assign(out, judge(q, cold.res ? cold.res.results : [], srv.origin));
  out.top = cold.res ? cold.res.results.map((r) => r.url) : [];
  out.responses = cold.reqs;
  const warm = await run(q2.query);
  out.second = { query: q2.query, ...warm.fig, error: warm.error, total_ms: warm.res ? +warm.res.total_ms.toFixed(1) : null, responses: warm.reqs };
  out.page_load = phaseFigures(load);
  out.blocked = blocked;
  out.console_errors = consoleErrors;
  await context.close();
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function quiet(srv, idleMs = 150) {
  for (let i = 0; i < 200; i++) {
    const open = srv.log.some((r) => r.end_ms == null);
    const last = Math.max(0, ...srv.log.map((r) => r.end_ms || r.start_ms));
    if (!open && srv.now() - last >= idleMs) return;
    await sleep(25);
  }
}
function withTimeout(p, ms) {
  return Promise.race([p, new Promise((_, fail) => setTimeout(() => fail(new Error(`timed out after ${ms} ms`)), ms))]);
}

// ---------------------------------------------------------------- summary
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : null; };
const kib = (n) => (n == null ? '-' : (n / 1024).toFixed(1));

function indexFiles(dir) {
  if (!dir || !fs.existsSync(dir)) return null;
  let files = 0, bytes = 0;
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else { files++; bytes += fs.statSync(p).size; } } };
  walk(dir);
  return { dir, files, bytes };
}

function summarize(rows) {
  const ok = rows.filter((r) => !r.error);
  const stat = (f) => ({ median: median(ok.map(f)), max: ok.length ? Math.max(...ok.map(f)) : null });
  const byType = {};
  for (const t of [...new Set(rows.map((r) => r.type))]) {
    const rs = rows.filter((r) => r.type === t);
    byType[t] = { queries: rs.length, bytes_median: median(rs.map((r) => r.bytes)), bytes_max: Math.max(...rs.map((r) => r.bytes)),
      requests_median: median(rs.map((r) => r.requests)), mrr10: rs.reduce((s, r) => s + r.rr, 0) / rs.length, found_top10: rs.filter((r) => r.rank).length,
      anchor_top10: rs.some((r) => r.anchor_rank != null) ? rs.filter((r) => r.anchor_rank).length : null };
  }
  return {
    queries: rows.length, errors: rows.length - ok.length,
    bytes: stat((r) => r.bytes), wire_bytes: stat((r) => r.wire_bytes), body_bytes: stat((r) => r.body_bytes), raw_bytes: stat((r) => r.raw_bytes),
    requests: stat((r) => r.requests), depth: stat((r) => r.depth), rounds: stat((r) => r.rounds), total_ms: stat((r) => r.total_ms || 0),
    second: { bytes: stat((r) => r.second.bytes), requests: stat((r) => r.second.requests), depth: stat((r) => r.second.depth), rounds: stat((r) => r.second.rounds) },
    mrr10: rows.reduce((s, r) => s + r.rr, 0) / rows.length, by_type: byType,
    blocked_requests: rows.reduce((s, r) => s + r.blocked.length, 0),
    console_errors: rows.reduce((s, r) => s + r.console_errors.length, 0),
  };
}

function markdown(rep) {
  const s = rep.summary, L = [];
  L.push(`# Search: ${rep.engine} on ${rep.site}`, '');
  L.push(`${s.queries} queries (${rep.queries_file}); ${rep.http1 ? 'HTTP/1.1' : 'HTTP/2 (TLS)'}, gzip ${rep.gzip ? 'on' : 'off'} for text types; `
    + 'KiB transferred = response bodies as sent (what the host compresses, compressed), cold cache, script and index together.', '');
  if (rep.index) L.push(`Index: ${rep.index.files} files, ${(rep.index.bytes / 1048576).toFixed(1)} MiB on disk (${rep.index.dir}).`, '');
  L.push('| | median | max |', '|---|---|---|');
  L.push(`| first query: KiB transferred | ${kib(s.bytes.median)} | ${kib(s.bytes.max)} |`);
  L.push(`| first query: KiB as Chromium counts (with headers, framing) | ${kib(s.wire_bytes.median)} | ${kib(s.wire_bytes.max)} |`);
  L.push(`| first query: KiB before gzip | ${kib(s.raw_bytes.median)} | ${kib(s.raw_bytes.max)} |`);
  L.push(`| first query: requests | ${s.requests.median} | ${s.requests.max} |`);
  L.push(`| first query: depth (longest chain of requests each started after the previous ended) | ${s.depth.median} | ${s.depth.max} |`);
  L.push(`| first query: busy periods (network idle in between) | ${s.rounds.median} | ${s.rounds.max} |`);
  L.push(`| first query: time in page, ms (localhost) | ${s.total_ms.median?.toFixed(0)} | ${s.total_ms.max?.toFixed(0)} |`);
  L.push(`| second query: KiB transferred | ${kib(s.second.bytes.median)} | ${kib(s.second.bytes.max)} |`);
  L.push(`| second query: requests | ${s.second.requests.median} | ${s.second.requests.max} |`);
  L.push(`| second query: depth | ${s.second.depth.median} | ${s.second.depth.max} |`);
  L.push(`| second query: busy periods | ${s.second.rounds.median} | ${s.second.rounds.max} |`, '');
  L.push(`MRR@10: **${s.mrr10.toFixed(3)}**; ${Object.entries(s.by_type).map(([t, v]) => `${t} ${v.mrr10.toFixed(3)} (${v.found_top10}/${v.queries} in top 10${v.anchor_top10 != null ? `, anchor ${v.anchor_top10}` : ''})`).join('; ')}.`);
  L.push('', '| type | queries | KiB median | KiB max | requests median | MRR@10 | in top 10 |', '|---|---|---|---|---|---|---|');
  for (const [t, v] of Object.entries(s.by_type)) {
    L.push(`| ${t} | ${v.queries} | ${kib(v.bytes_median)} | ${kib(v.bytes_max)} | ${v.requests_median} | ${v.mrr10.toFixed(3)} | ${v.found_top10} |`);
  }
  L.push('');
  L.push(`Errors: ${s.errors}; blocked off-host requests: ${s.blocked_requests}; console errors: ${s.console_errors}.`, '');
  L.push('| # | type | query | KiB | req | depth | busy | ms | rank | 2nd KiB | 2nd req |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rep.rows) {
    L.push(`| ${r.id} | ${r.type} | ${r.query.replace(/\|/g, '\\|').slice(0, 60)} | ${kib(r.bytes)} | ${r.requests} | ${r.depth} | ${r.rounds} | ${r.total_ms == null ? 'error' : r.total_ms.toFixed(0)} | ${r.rank || '-'}${r.anchor_rank ? ` (#${r.anchor_rank})` : ''} | ${kib(r.second.bytes)} | ${r.second.requests} |`);
  }
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------- main
async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--render' && argv[1]) {
    // re-summarize an earlier report.json (after a change to the summary, or to read it again)
    const rep = JSON.parse(fs.readFileSync(argv[1], 'utf8'));
    rep.summary = summarize(rep.rows);
    process.stdout.write(markdown(rep));
    return 0;
  }
  let o;
  try { o = parseArgs(argv); } catch (e) { console.error(e.message); return 2; }
  const qfile = JSON.parse(fs.readFileSync(o.queries, 'utf8'));
  const queries = (qfile.queries || qfile).filter((q) => !o.types || o.types.includes(q.type)).slice(0, o.limit)
    .map((q) => (o.quote.includes(q.type) ? { ...q, query: `"${q.query}"` } : q));
  const srv = await startServer(path.resolve(o.site), { base: o.base, gzip: o.gzip, http1: o.http1 });
  const browser = await launchBrowser(srv.spki);
  const rows = [];
  try {
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i], q2 = queries[(i + 1) % queries.length];
      const row = await measureQuery(browser, srv, o, q, q2);
      rows.push(row);
      console.error(`${q.id} ${q.type} ${JSON.stringify(q.query)}: ${kib(row.bytes)} KiB, ${row.requests} req, depth ${row.depth}, `
        + `rank ${row.rank || '-'}; 2nd ${kib(row.second.bytes)} KiB/${row.second.requests} req${row.error ? ' ERROR ' + row.error : ''}`);
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  const rep = { tool: 'benches/search/measure.mjs', engine: o.engine, site: path.resolve(o.site), base: o.base, gzip: o.gzip, http1: o.http1, quoted_types: o.quote,
    queries_file: path.resolve(o.queries), generated_at: new Date().toISOString(), index: indexFiles(o.indexDir),
    summary: summarize(rows), rows };
  const md = markdown(rep);
  if (o.out) fs.writeFileSync(o.out, JSON.stringify(rep, null, 1));
  if (o.md) fs.writeFileSync(o.md, md);
  process.stdout.write(md);
  return rep.summary.errors ? 1 : 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 2; });
