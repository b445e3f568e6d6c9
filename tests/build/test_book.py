"""The whole guide on one page (soins_obliges.book), in both editions: every chapter that restates the guide, in
the navigation's order, no duplicate id, every link inside the page or to a file of the site."""
from __future__ import annotations

import collections
import html
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from soins_obliges import provenance

ROOT = Path(__file__).parents[2]
BOOKS = {"fr": "livre/index.html", "en": "en/livre/index.html"}


def _nav_chapters() -> list[str]:
    """The content pages of mkdocs.yml's nav, in order, that restate the guide."""
    nav = re.findall(r"^\s+- (?:[^:\n]+: )?([\w/.-]+\.md)\s*(?:#.*)?$", (ROOT / "mkdocs.yml").read_text(), re.M)
    out = []
    for src in nav:
        meta, _ = provenance.front_matter((ROOT / "docs" / src).read_text(encoding="utf-8"))
        if str(meta.get("source_pages", "none")).lower() != "none":
            out.append(src)
    return out


@pytest.mark.parametrize("lang", BOOKS)
def test_book_has_every_chapter_in_order(site, lang):
    text = (site / BOOKS[lang]).read_text(encoding="utf-8")
    sources = re.findall(r'<section class="so-book__chapter" id="c(\d+)" data-source="([^"]+)">', text)
    expected = [("en/" if lang == "en" else "") + s[:-3].removesuffix("index").rstrip("/") + "/"
                if not s.endswith("index.md") else ("en/" if lang == "en" else "") + s[:-len("index.md")]
                for s in _nav_chapters()]
    assert [u for _, u in sources] == expected
    assert [int(n) for n, _ in sources] == list(range(1, len(expected) + 1))
    assert len(expected) >= 40
    toc = re.search(r'<nav class="so-book__toc".*?</nav>', text, re.S).group(0)
    assert toc.count("<li>") == len(expected)
    assert 'class="so-book-contents"' not in text, "the marker must be replaced"
    assert text.count('class="so-source"') == len(expected), "each chapter keeps its « Source » line"


@pytest.mark.parametrize("lang", BOOKS)
def test_book_ids_are_unique_and_links_resolve(site, lang):
    page = site / BOOKS[lang]
    text = page.read_text(encoding="utf-8")
    body = text[text.index('<nav class="so-book__toc"'):text.index("</article>")]
    ids = re.findall(r'\sid="([^"]+)"', text)
    dupes = [i for i, n in collections.Counter(ids).items() if n > 1]
    assert not dupes, dupes[:10]
    bad = []
    for href in re.findall(r'\shref="([^"]+)"', body):
        href = html.unescape(href)
        if urlparse(href).scheme or href.startswith("//"):
            continue
        path, _, frag = href.partition("#")
        if not path:
            if frag not in ids:
                bad.append(href)
            continue
        target = (page.parent / path).resolve()
        target = target / "index.html" if target.is_dir() else target
        if not target.is_file():
            bad.append(href)
    assert not bad, bad[:10]
    assert "#c" in body and re.search(r'href="#c\d+-[\w-]+"', body), "links between chapters stay in the page"
