"""Legal references benchmark: registry load, detection on the whole content, rendering with the extension.

    .venv/bin/python -m benchmarks.legal [--runs N]

Prints numbers (time, counts, weight of the popover data); asserts nothing.
"""
from __future__ import annotations

import argparse
import gzip
import re
import statistics
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _best(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser(prog="benchmarks.legal")
    ap.add_argument("--runs", type=int, default=5)
    args, _ = ap.parse_known_args()

    from soins_obliges.legal import pages
    from soins_obliges.legal.extension import LegalConfig, LegalExtension, PageContext
    from soins_obliges.legal.registry import load_index, load_registry
    from soins_obliges.legal.scan import scan_markdown

    t_index, index = _best(load_index, args.runs)
    t_reg, (reg, errors) = _best(lambda: load_registry(index=index), args.runs)
    print(f"index: {sum(len(v) for v in index.values())} articles in {len(index)} codes, loaded in {t_index * 1000:.0f} ms")
    print(f"registry: {len(reg.entries)} reviewed articles ({len(errors)} errors), checked in {t_reg * 1000:.0f} ms")

    files = [p for p in sorted(DOCS.rglob("*.md")) if p.name not in (pages.PAGE, pages.PAGE_EN)]
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    chars = sum(len(t) for t in texts.values())

    def scan_all():
        return sum(len(scan_markdown(t)) for t in texts.values())

    t_scan, n = _best(scan_all, args.runs)
    print(f"detection: {n} citations in {len(files)} Markdown files ({chars / 1e6:.2f} M chars) in {t_scan * 1000:.0f} ms "
          f"({t_scan / max(len(files), 1) * 1000:.2f} ms/file)")

    def render_all(with_legal: bool):
        sizes = []
        for p, text in texts.items():
            exts = ["admonition", "tables", "toc", "footnotes", "attr_list", "md_in_html"]
            if with_legal:
                cfg = LegalConfig(registry=reg, on_error=lambda *e: None,
                                  page=PageContext(src_uri=p.name, file=str(p), source=text))
                exts.append(LegalExtension(cfg))
            body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
            sizes.append(len(markdown.markdown(body, extensions=exts)))
        return sizes

    t_plain, plain = _best(lambda: render_all(False), max(1, args.runs // 2))
    t_legal, legal = _best(lambda: render_all(True), max(1, args.runs // 2))
    extra = sum(legal) - sum(plain)
    print(f"rendering {len(files)} pages: {t_plain * 1000:.0f} ms without, {t_legal * 1000:.0f} ms with the extension "
          f"(+{(t_legal - t_plain) * 1000:.0f} ms, +{(t_legal - t_plain) / len(files) * 1000:.2f} ms/page)")
    print(f"HTML added by links, badges, notices and popover data: {extra / 1024:.0f} KB raw over {len(files)} pages")

    t_collect, site = _best(lambda: pages.collect(DOCS), args.runs)
    t_body, body = _best(lambda: pages.body("fr", reg, site), args.runs)
    print(f"references page: {len(site.by_article)} articles from {len(site.pages)} pages, scan {t_collect * 1000:.0f} ms, "
          f"body {t_body * 1000:.0f} ms, {len(body) / 1024:.0f} KB Markdown")
    js = (DOCS / "assets" / "legal.js").read_bytes()
    print(f"legal.js: {len(js)} B raw, {len(gzip.compress(js, 9))} B gzip")
    arts = [k for k in site.by_article if reg.entry(*k)]
    print(f"cited: {len(arts)} distinct articles, {sum(reg.entry(*k).changed_since_2020 for k in arts)} changed since 2020, "
          f"{statistics.mean(len(v) for v in site.by_article.values()):.1f} pages per article on average")


if __name__ == "__main__":
    main()
