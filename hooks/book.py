"""MkDocs wiring of ``soins_obliges.book``: the whole guide on one page per edition.

Events (static-i18n runs every event once per language):
- on_nav: note the reading order of this edition's pages;
- on_page_context: note each page's title and whether it restates the guide (``source_pages`` other than none);
- on_post_build, after hooks/search.py (-200: the book is not indexed twice) and before hooks/offline.py (-300:
  its worker's version covers the book): ``soins_obliges.book.write`` for each edition.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from soins_obliges import book

log = logging.getLogger("mkdocs.hooks.soins_obliges.book")
_order: dict[str, list[str]] = {}
_pages: dict[str, dict[str, tuple[str, bool]]] = {}


def _lang(config) -> str:
    plugin = config["plugins"].get("i18n")
    return getattr(plugin, "current_language", None) or config["theme"]["language"]


def on_nav(nav, config, files):
    _order[_lang(config)] = [p.url for p in nav.pages]
    _pages[_lang(config)] = {}
    return nav


def on_page_context(context, page, config, nav):
    restates = str(page.meta.get("source_pages", "none")).strip().lower() != "none"
    _pages.setdefault(_lang(config), {})[page.url] = (page.title or page.url, restates)
    return context


@event_priority(-250)
def on_post_build(config):
    plugin = config["plugins"].get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return
    if getattr(config, "_so_report", None):
        return                                   # a failed build: hooks/guard.py reports it
    build = getattr(config, "_so_build", None)
    if getattr(build, "incremental", False):
        return                                   # `manage.sh serve` re-renders edited pages only: no book
    default = plugin.default_language if plugin is not None else config["theme"]["language"]
    for lang, order in _order.items():
        prefix = "" if lang == default else f"{lang}/"
        seen = _pages.get(lang, {})
        if prefix + book.URL not in seen:
            log.info(f"book ({lang}): no book page ({book.PAGE} is not in this site), nothing to assemble")
            continue
        chapters = [book.Chapter(url, seen[url][0]) for url in order if url in seen and seen[url][1]]
        try:
            size = book.write(config["site_dir"], chapters, prefix + book.URL, lang)
        except book.BookError as exc:
            raise PluginError(f"book: {exc}") from exc
        log.info(f"book ({lang}): {len(chapters)} chapters on {prefix}{book.URL} ({size // 1024} KB)")
