"""Page weight on a phone: what a first visit downloads, page by page, in Chromium at 390×844 with a cold cache.

    .venv/bin/python -m benchmarks.weight [--site DIR]

For each page (home, a chapter, a glossary entry, a page with a diagram; French and English): the requests, their
raw and gzip sizes (gzip -6 of each response body: what a web server's usual compression sends), the responses
≥ 400 and the requests that leave the site's origin. Then what opening the search and typing a first query adds.
Prints a table; asserts nothing (targets are in the issues: issue 14 asks ≤ 110 KB gzip for home, chapter and
glossary entry, a diagram page ≤ chapter + 40 KB, a first query ≤ 60 KB).
"""
from __future__ import annotations

import argparse
import gzip
import os
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from benchmarks.search import CHROMIUM_ARGS, build, serve

PAGES = (
    ("home", "", "en/"),
    ("chapter", "02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/",
     "en/02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/"),
    ("glossary entry", "glossaire/rechute/", "en/glossaire/rechute/"),
    ("diagram page", "06-annexes/cycle-du-changement/", "en/06-annexes/cycle-du-changement/"),
)
QUERY = {"fr": "injonction", "en": "injunction"}


class Visit:
    def __init__(self, origin: str):
        self.origin = origin
        self.rows: list[tuple[str, int, int, int]] = []     # url, status, raw, gzip
        self.off_origin: list[str] = []

    def on_response(self, r) -> None:
        url = r.url
        if url.startswith("data:"):
            return
        if not url.startswith(self.origin):
            self.off_origin.append(url)
            return
        try:
            body = r.body()
        except Exception:      # redirects and aborted requests have no body
            body = b""
        self.rows.append((urlparse(url).path, r.status, len(body), len(gzip.compress(body, 6))))

    def since(self, n: int) -> tuple[int, int, int, int]:
        rows = self.rows[n:]
        return len(rows), sum(r[2] for r in rows), sum(r[3] for r in rows), sum(r[1] >= 400 for r in rows)


def measure(site: Path) -> list[tuple]:
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    out = []
    try:
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                   args=CHROMIUM_ARGS)
            for name, fr, en in PAGES:
                for lang, path in (("fr", fr), ("en", en)):
                    ctx = b.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                        is_mobile=True, has_touch=True)      # a new context: a cold cache
                    page = ctx.new_page()
                    v = Visit(base)
                    page.on("response", v.on_response)
                    page.goto(f"{base}/{path}")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(800)
                    loaded = v.since(0)
                    heavy = sorted(v.rows, key=lambda r: -r[3])[:3]
                    search = None
                    if name == "chapter":
                        n = len(v.rows)
                        page.tap("label.md-header__button[for=__search]")
                        page.keyboard.type(QUERY[lang])
                        page.wait_for_selector(".md-search-result__item", timeout=60000)
                        page.wait_for_load_state("networkidle")
                        search = v.since(n)
                    out.append((name, lang, loaded, len(v.off_origin), search, heavy))
                    ctx.close()
            b.close()
    finally:
        httpd.shutdown()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="an already built site (default: build one)")
    ap.add_argument("--heaviest", action="store_true", help="also list each page's three heaviest responses")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        rows = measure(site)
    print("page weight, first visit on a phone (390×844, cold cache), gzip -6 of each response:")
    print(f"  {'page':<16}{'lang':<6}{'requests':>9}{'raw KB':>9}{'gzip KB':>9}{'≥ 400':>7}{'off-origin':>12}")
    for name, lang, (n, raw, gz, bad), off, search, heavy in rows:
        print(f"  {name:<16}{lang:<6}{n:>9}{raw / 1024:>9.0f}{gz / 1024:>9.0f}{bad:>7}{off:>12}")
        if args.heaviest:
            for path, _, r, g in heavy:
                print(f"      {g / 1024:6.0f} KB gzip  {path}")
    for name, lang, _, _, search, _ in rows:
        if search:
            n, raw, gz, bad = search
            print(f"  opening the search and a first query ({lang}): {n} requests, {raw / 1024:.0f} KB raw, "
                  f"{gz / 1024:.0f} KB gzip, {bad} responses ≥ 400")


if __name__ == "__main__":
    main()
