"""The whole guide on one page, per edition (``livre/``, ``en/livre/``): every chapter in reading order, for
reading from start to end, printing, and the PDF (``soins_obliges.pdf``).

A post-build step on the output, independent of the site generator: it reads each chapter's built ``<article>``
(already rendered and sanitised by the build) and puts them, in the navigation's order, into the book page that
the build made from ``docs/livre.md`` (its marker paragraph is replaced). In each chapter:
- ids get the chapter's prefix (``c12-sources``), so that the page has no duplicate id, and the chapter's own
  ``#…`` links follow;
- a link to another chapter of the book (``../spip/#missions``) becomes a link inside the page (``#c14-missions``);
  every other relative address (glossary, diagrams, images) is rewritten relative to the book page;
- headings go one level down (the chapter's title is an ``<h2>`` under the book's ``<h1>``);
- the print line, the pop-up data (``<script type="application/json">``) and the heading permalinks are left out.

Where the PDF is published (``soins_obliges.pdf``), a link to it takes the place of ``<p class="so-book-pdf"></p>``
at the top of the book.
"""
from __future__ import annotations

import html as _html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

MARKER = "so-book-contents"                      # the stub's paragraph: <p class="so-book-contents"></p>
PAGE = "livre.md"
URL = "livre/"
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)
_DROP = [re.compile(p, re.S) for p in (r'<p class="so-print-meta">.*?</p>', r'<script\b[^>]*>.*?</script>',
                                        r'<a class="headerlink"[^>]*>.*?</a>')]
_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_HEADING = re.compile(r"<(/?)h([1-5])(?=[\s>])")
PDF_MARKER = '<p class="so-book-pdf"></p>'
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)

TEXT = {
    "fr": {"toc": "Sommaire", "part": "Chapitre", "source": "Page du site"},
    "en": {"toc": "Contents", "part": "Chapter", "source": "Page on the site"},
}


class BookError(ValueError):
    """The book could not be assembled (the message says what to do)."""


@dataclass(frozen=True)
class Chapter:
    url: str          # the chapter's URL in the output, relative to the site root: "02-…/spip/" (or "en/02-…/spip/")
    title: str


def _article(html: str, where: str) -> str:
    m = _ARTICLE.search(html)
    if not m:
        raise BookError(f"{where}: no <article class=\"md-content__inner md-typeset\"> → the theme changed; "
                        "update soins_obliges/book.py")
    body = m.group(1)
    for rx in _DROP:
        body = rx.sub("", body)
    return body


def _resolve(base_url: str, href: str) -> tuple[str, str]:
    """A relative address of a page at ``base_url`` → (site-root path, fragment)."""
    path, _, frag = href.partition("#")
    if not path:
        return base_url, frag
    full = posixpath.normpath(posixpath.join(base_url.rstrip("/") or ".", path))
    if path.endswith("/") and not full.endswith("/"):
        full += "/"
    if full == ".":
        full = ""
    return full, frag


def _relative(target: str, from_url: str) -> str:
    start = from_url.rstrip("/") or "."                # a page's URL is its folder: "x/y/", or "" for the home
    rel = posixpath.relpath(target or ".", start)
    return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")


def chapter_html(html: str, chapter: Chapter, number: int, prefixes: dict[str, int], book_url: str,
                 where: str = "") -> str:
    """One chapter's content, ready to sit in the book page (see the module's docstring)."""
    body = _article(html, where or chapter.url)
    p = f"c{number}-"
    body = _ID.sub(lambda m: f"{m.group(1)}{p}{m.group(2)}{m.group(3)}", body)

    def link(m: re.Match) -> str:
        href = _html.unescape(m.group(2))
        if not href or _EXTERNAL.match(href) or href.startswith("/"):
            return m.group(0)
        target, frag = _resolve(chapter.url, href)
        if target in prefixes:
            new = f"#c{prefixes[target]}-{frag}" if frag else f"#c{prefixes[target]}"
        else:
            new = _relative(target, book_url) + (f"#{frag}" if frag else "")
        return f"{m.group(1)}{_html.escape(new, quote=True)}{m.group(3)}"

    body = _HREF.sub(link, body)
    body = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", body)
    return f'<section class="so-book__chapter" id="c{number}" data-source="{_html.escape(chapter.url)}">{body}</section>'


def assemble(site: Path, chapters: list[Chapter], book_url: str, lang: str) -> str:
    """The book's contents: a table of contents, then every chapter."""
    site = Path(site)
    prefixes = {c.url: i for i, c in enumerate(chapters, 1)}
    t = TEXT[lang]
    toc = [f'<nav class="so-book__toc" aria-labelledby="so-book-toc"><h2 id="so-book-toc">{t["toc"]}</h2><ol>']
    parts = []
    for i, c in enumerate(chapters, 1):
        path = site / c.url / "index.html"
        if not path.is_file():
            raise BookError(f"{c.url}index.html is not in the output → the book lists only pages that were built")
        toc.append(f'<li><a href="#c{i}">{_html.escape(c.title)}</a></li>')
        parts.append(chapter_html(path.read_text(encoding="utf-8"), c, i, prefixes, book_url, c.url))
    toc.append("</ol></nav>")
    return "\n".join([PDF_MARKER] + toc + parts)


def write(site: Path, chapters: list[Chapter], book_url: str, lang: str) -> int:
    """Put the book's contents into its built page (``<book_url>index.html``); returns its size in bytes."""
    page = Path(site) / book_url / "index.html"
    if not page.is_file():
        raise BookError(f"{book_url}index.html is not in the output → docs/{PAGE} (the book page) must be built")
    text = page.read_text(encoding="utf-8")
    marker = f'<p class="{MARKER}"></p>'
    if text.count(marker) != 1:
        raise BookError(f"{book_url}index.html: the marker {marker} must appear once (docs/{PAGE})")
    text = text.replace(marker, assemble(site, chapters, book_url, lang))
    page.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
