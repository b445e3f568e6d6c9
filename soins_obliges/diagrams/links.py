"""Links of diagram boxes: where they point, the URL to write in the SVG, and the checks.

SVG ``href`` attributes are not rewritten by MkDocs, so URLs are written relative to the page the diagram is
shown on, and checked here: a concept must exist in the glossary, a page in ``docs/``, an anchor among the
headings of that page.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from posixpath import dirname, relpath

from ..errors import ContentError
from .model import Link

GLOSSARY_DIR = "glossaire"


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site URL (relative to the site root, no leading slash) of a docs page, as MkDocs builds it.

    >>> page_url("02-reponse-penale-et-addictions/spip.md")
    '02-reponse-penale-et-addictions/spip/'
    >>> page_url("06-annexes/index.md")
    '06-annexes/'
    """
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return "" if use_directory_urls else "index.html"
    if stem.endswith("/index"):
        return stem[:-5] if use_directory_urls else stem + ".html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_url(target_url: str, from_url: str) -> str:
    """``target_url`` written relative to the page at ``from_url`` (both relative to the site root).

    >>> relative_url("glossaire/jap/", "02-reponse-penale-et-addictions/spip/")
    '../../glossaire/jap/'
    """
    base = from_url if from_url.endswith("/") or not from_url else dirname(from_url) + "/"
    path, _, frag = target_url.partition("#")
    trailing = path.endswith("/") or path == ""     # "" is the home page
    rel = relpath(path.rstrip("/") or ".", base.rstrip("/") or ".")
    if trailing and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    if rel == "./" and frag and path.rstrip("/") == base.rstrip("/"):
        return f"#{frag}"       # a heading of the page itself
    return rel + (f"#{frag}" if frag else "")


def target_url(link: Link, use_directory_urls: bool = True) -> str:
    """Site-root-relative URL of a link's target."""
    if link.concept:
        return page_url(f"{GLOSSARY_DIR}/{link.concept}.md", use_directory_urls)
    return page_url(link.page, use_directory_urls) + (f"#{link.anchor}" if link.anchor else "")


@dataclass
class LinkChecker:
    """What exists on the site being built: glossary concepts, pages, and the heading anchors of each page."""

    concepts: set[str]
    pages: set[str]                                  # docs-relative src paths of the French/canonical pages
    anchors: dict[str, set[str]] | None = None       # page → heading ids; None while pages are not rendered yet

    def check(self, link: Link, file: str) -> list[ContentError]:
        """Problems with one link (empty when it resolves)."""
        if link.concept:
            if link.concept in self.concepts:
                return []
            close = difflib.get_close_matches(link.concept, sorted(self.concepts), n=1, cutoff=0.7)
            return [ContentError(file, link.line, f"{link.where}: link to unknown glossary concept `{link.concept}`",
                                 f"did you mean `{close[0]}`?" if close else
                                 f"create glossary/{link.concept}.yml, or link a page: `path/page.md#anchor`")]
        if link.page not in self.pages:
            close = difflib.get_close_matches(link.page, sorted(self.pages), n=1, cutoff=0.6)
            return [ContentError(file, link.line, f"{link.where}: link to unknown page `{link.page}`",
                                 f"did you mean `{close[0]}`?" if close else
                                 "write the page's path relative to docs/, e.g. `02-reponse-penale-et-addictions/spip.md`")]
        # (a page absent from ``anchors`` was not rendered in this build: an incremental rebuild keeps it as it was)
        if link.anchor and self.anchors is not None and link.page in self.anchors:
            have = self.anchors[link.page]
            if link.anchor not in have:
                close = difflib.get_close_matches(link.anchor, sorted(have), n=1, cutoff=0.5)
                return [ContentError(file, link.line,
                                     f"{link.where}: `{link.page}` has no heading `#{link.anchor}`",
                                     f"did you mean `#{close[0]}`?" if close else
                                     f"use one of its headings' anchors: {', '.join(sorted(have)) or '(none)'}")]
        return []
