#!/usr/bin/env python3
"""Edit-to-output latency of `folio serve`, measured the way ../shared/bench/serve_latency.py
measures `zola serve` and `hugo server`, so the figures sit side by side.

    benches/serve_latency.py --bin target/release/folio --site SITE --out DIR
                             [--reps 5] [--tpl-reps 3] [--port P] [--label L] [--log FILE]

It reuses the shared script's server runner, polling and page choice, and adds what folio needs:
the log lines that say a rebuild finished and the server is ready, and a site template to edit
(the corpus uses the built-in theme, so the theme's `article.html` is copied into the site's
`templates/` for the run and removed after it). Prints one JSON object; times are seconds.
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "bench", "serve_latency.py")
THEME_TEMPLATE = os.path.join(HERE, "..", "themes", "default", "templates", "article.html")

DONE_RE = re.compile(r"^Built \d+ article")
FAILED_RE = re.compile(r"^error: the build failed")
READY_RE = re.compile(r"^Serving http")
TEMPLATE = "templates/article.html"
TPL_ANCHOR = "</article>"


def shared():
    spec = importlib.util.spec_from_file_location("serve_latency", SHARED)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--tpl-reps", type=int, default=3)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--label", default="folio serve")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--log")
    a = ap.parse_args()
    s = shared()

    site, out = os.path.abspath(a.site), os.path.abspath(a.out)
    slug = s.pick_article(site)
    md = os.path.join(site, "content", "articles", slug + ".md")
    html = os.path.join(out, "articles", slug, "index.html")
    tpl = os.path.join(site, TEMPLATE)
    had_template = os.path.exists(tpl)
    if not had_template:
        os.makedirs(os.path.dirname(tpl), exist_ok=True)
        shutil.copyfile(THEME_TEMPLATE, tpl)
    port = a.port or 1111
    argv = [a.bin, "serve", "--root", site, "--bind", "127.0.0.1", "--port", str(port),
            "--output", out]
    orig_md, orig_tpl = s.read(md), s.read(tpl)
    res = {"tool": "folio", "label": a.label, "argv": argv, "page": html}
    t_start = time.monotonic()
    srv = s.Server(argv, "folio")
    try:
        t_ready, _ = srv.wait_line(READY_RE, t_start, a.timeout)
        s.poll_for(html, b"</html>", a.timeout)
        res["startup_s"] = round(time.monotonic() - t_start, 3)
        res["startup_log_ready_s"] = round(t_ready - t_start, 3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/{slug}/", timeout=30) as r:
            r.read()
        time.sleep(2.0)

        def measure(kind, path, orig, make_edit, reps):
            seen, done = [], []
            for k in range(reps):
                token = f"bench-{kind}-{k}-{os.getpid()}-{time.time_ns()}"
                t_mark = time.monotonic()
                with open(path, "wb") as f:
                    f.write(make_edit(orig, token))
                t0 = time.monotonic()
                t1 = s.poll_for(html, token.encode(), a.timeout)
                td, _ = srv.wait_line(DONE_RE, t_mark, a.timeout)
                seen.append(t1 - t0)
                done.append(max(td, t1) - t0)
                time.sleep(2.0)
            with open(path, "wb") as f:
                f.write(orig)
            srv.wait_line(DONE_RE, time.monotonic() - 0.5, a.timeout)
            time.sleep(2.0)
            return {f"{kind}_output_s": [round(x, 3) for x in seen],
                    f"{kind}_output_median_s": round(statistics.median(seen), 3),
                    f"{kind}_logdone_median_s": round(statistics.median(done), 3)}

        res.update(measure("content", md, orig_md,
                           lambda o, tok: o + f"\nEdited line {tok}.\n".encode(), a.reps))
        if a.tpl_reps:
            def tpl_edit(o, tok):
                text = o.decode()
                assert TPL_ANCHOR in text
                return text.replace(TPL_ANCHOR, f'<p class="rev">{tok}</p>\n' + TPL_ANCHOR, 1).encode()
            res.update(measure("template", tpl, orig_tpl, tpl_edit, a.tpl_reps))
        res["server_peak_rss_mib"] = round((srv.peak_rss_kib() or 0) / 1024, 1)
    finally:
        with open(md, "wb") as f:
            f.write(orig_md)
        if had_template:
            with open(tpl, "wb") as f:
                f.write(orig_tpl)
        else:
            os.remove(tpl)
            try:
                os.rmdir(os.path.dirname(tpl))
            except OSError:
                pass
        srv.stop()
        if a.log:
            with open(a.log, "w") as f:
                for t, line in srv.lines:
                    f.write(f"{t - t_start:9.3f} {line}\n")
    print(json.dumps(res))


if __name__ == "__main__":
    sys.exit(main())
