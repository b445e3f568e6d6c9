"""The other way the search could go (issue 14, item 2b): Pagefind, measured on the same site and golden set.

    .venv/bin/python -m benchmarks.search_pagefind [--site DIR]

Needs the ``pagefind`` binary (PyPI ``pagefind[bin]``, in the ``bench`` extra; skipped, and said so, without it).
On a copy of the built site: ``pagefind --site`` indexes each page's article (``data-pagefind-body`` added on
Material's ``<article>``; two variants: the article alone, and the article plus the glossary's keywords and the
sections' acronym aliases that our own index adds, as a weighted hidden paragraph), then Chromium opens a page of
each language and runs every golden-set query through Pagefind's own JavaScript API (``pagefind.search``,
``result.data()``). Prints recall@5 and MRR per language, the queries that miss, and what a first query costs on
the network (everything fetched from the first call to the first five results' data), raw and gzip.
Asserts nothing. The choice it informs is written in the README (« Search »).
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from soins_obliges.search import golden  # noqa: E402

from benchmarks.search import CHROMIUM_ARGS, GOLDEN, build, serve  # noqa: E402

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
PAGES = {"fr": "pf-bench.html", "en": "en/pf-bench.html"}
PROBE = {"fr": "injonction", "en": "injunction"}


def pagefind_command() -> list[str] | None:
    exe = shutil.which("pagefind")
    if exe:
        return [exe]
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pagefind"]


def prepare(site: Path, dest: Path, keywords: bool) -> None:
    """Copy the site, mark each article as Pagefind's body, optionally add our search-only words."""
    shutil.copytree(site, dest)
    extra: dict[str, str] = {}
    if keywords:
        for lang, rel in (("fr", "search/so/index.json"), ("en", "en/search/so/index.json")):
            prefix = "" if lang == "fr" else "en/"
            for doc in json.loads((site / rel).read_text())["docs"]:
                words = " ".join(filter(None, (doc.get("keywords"), doc.get("aliases"))))
                if words:
                    page = prefix + doc["location"].split("#")[0]
                    extra[page] = (extra.get(page, "") + " " + words).strip()
    for page in dest.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(dest).as_posix()
        rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        add = ""
        if rel in extra:
            add = f'<p data-pagefind-weight="10" style="display:none">{html.escape(extra[rel])}</p>'
        text, n = ARTICLE.subn(lambda m: m.group(0)[:-1] + " data-pagefind-body>" + add, text, count=1)
        if n:
            page.write_text(text, encoding="utf-8")
    for lang, rel in PAGES.items():
        (dest / rel).write_text(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>pf</title></head><body>'
            '<script type="module">import * as pf from "/pagefind/pagefind.js";'
            "await pf.options({}); window.pf = pf; window.pfReady = true;</script></body></html>",
            encoding="utf-8")


def index(site: Path, cmd: list[str]) -> None:
    subprocess.run(cmd + ["--site", str(site)], check=True, capture_output=True)


SEARCH_JS = """async (q) => {
  const r = await window.pf.search(q);
  const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  const clean = t => (t || "").replace(/\u00b6/g, "").trim();     // Material's permalink sign
  return top.map(d => [clean(d.meta.title)].concat((d.sub_results || []).map(s => clean(s.title))));
}"""


def measure(site: Path, cases: list[golden.Case]):
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for lang, rel in PAGES.items():
                ctx = browser.new_context(viewport={"width": 390, "height": 844})
                page = ctx.new_page()
                sizes: list[tuple[str, int, int]] = []

                def on_response(r, sizes=sizes):
                    if "/pagefind/" in r.url:
                        try:
                            body = r.body()
                        except Exception:
                            return
                        # .pagefind files are gzip already: count them as sent
                        gz = len(body) if r.url.endswith((".pagefind", ".pf_meta", ".pf_index", ".pf_fragment")) \
                            else len(gzip.compress(body, 6))
                        sizes.append((r.url.rsplit("/", 1)[-1], len(body), gz))

                page.on("response", on_response)
                page.goto(f"{base}/{rel}")
                page.wait_for_function("window.pfReady === true")
                page.evaluate(SEARCH_JS, PROBE[lang])
                first = list(sizes)
                page.remove_listener("response", on_response)
                outcomes = []
                for c in (c for c in cases if c.lang == lang):
                    shown = page.evaluate(SEARCH_JS, c.query)
                    outcomes.append(golden.Outcome(c, golden.rank_of_titles(shown, c.expect), shown[:golden.TOP]))
                out[lang] = (first, outcomes)
                ctx.close()
            browser.close()
    finally:
        httpd.shutdown()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = ap.parse_args()
    cmd = pagefind_command()
    if cmd is None:
        print("pagefind is not installed (pip install 'pagefind[bin]==1.5.2', the bench extra): skipped")
        return
    cases, errors = golden.load(GOLDEN)
    assert not errors, errors
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        for keywords in (False, True):
            work = Path(tmp) / f"pf-{keywords}"
            prepare(site, work, keywords)
            index(work, cmd)
            label = "article + our keywords and aliases" if keywords else "article only"
            print(f"Pagefind, {label}:")
            for lang, (first, outcomes) in measure(work, cases).items():
                s = golden.summary(outcomes)[lang]
                raw, gz = sum(r for _, r, _ in first), sum(g for _, _, g in first)
                print(f"  {lang}: recall@5 {s['recall@5']:.1%}  MRR {s['mrr']:.3f}  ({s['queries']} queries); first query "
                      f"« {PROBE[lang]} »: {len(first)} requests, {raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzip")
                for name, r, g in sorted(first, key=lambda x: -x[2])[:4]:
                    print(f"      {g / 1024:6.1f} KB  {name}")
                misses = [o for o in outcomes if not o.hit]
                for o in misses:
                    got = " | ".join(t[0] for t in o.shown[:3])
                    print(f"      miss [{o.case.kind}] {o.case.query!r} → {got}")


if __name__ == "__main__":
    main()
