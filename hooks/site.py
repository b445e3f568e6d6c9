"""MkDocs wiring of the engine (``soins_obliges``). No logic of its own: it calls the engine's functions
at the right MkDocs events and turns content errors into a stopped build.

Events, in the order MkDocs calls them (static-i18n runs the whole sequence once per language):
- on_page_markdown: check the page's front matter (``source_pages``);
- on_page_content: add the source line under the title; French typography on French pages;
- on_env: stop the build with every content error found in this language pass;
- on_post_page: mark French pages shown in the English edition as French.
"""
from __future__ import annotations

import logging
import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from soins_obliges import i18n, provenance, typography
from soins_obliges.errors import ErrorCollector

log = logging.getLogger("mkdocs.hooks.soins_obliges")

_errors = ErrorCollector()
_state: dict = {}
_H1_END = re.compile(r"</h1>", re.I)


def _build_lang(config) -> str:
    plugin = config["plugins"].get("i18n")
    return getattr(plugin, "current_language", None) or config["theme"]["language"]


def _page_lang(page) -> str:
    return getattr(page.file, "locale", None) or "fr"


def on_pre_build(config):
    _errors.errors.clear()


def on_page_markdown(markdown, page, config, files):
    src = f"{config['docs_dir'].rstrip('/').rsplit('/', 1)[-1]}/{page.file.src_uri}"
    lines = {}
    if page.file.abs_src_path:
        _, lines = provenance.front_matter(open(page.file.abs_src_path, encoding="utf-8").read())
    pages, errs = provenance.check_page_meta(page.meta, lines, src)
    _errors.extend(errs)
    page.meta["_source_pages"] = pages
    return markdown


def on_page_content(html, page, config, files):
    lang = _page_lang(page)
    line = provenance.source_line_html(page.meta.get("_source_pages"), _build_lang(config))
    if line:
        html, n = _H1_END.subn("</h1>" + line, html, count=1)
        if not n:
            html = line + html
    if lang == "fr":
        html = typography.french_spacing(html)
    return html


def on_env(env, config, files):
    if _errors:
        report = "\n".join(str(e) for e in _errors.errors)
        _errors.errors.clear()
        raise PluginError(f"content errors ({_build_lang(config)} build):\n{report}")
    return env





@event_priority(100)  # before static-i18n's own on_post_build, which starts the other languages' builds
def on_post_build(config):
    """static-i18n writes every language's theme 404 page to the same ``404.html`` at the site root, the last
    language winning. Keep the French one at the root and move each other language's to ``<lang>/404.html``."""
    i18n_plugin = config["plugins"].get("i18n")
    if i18n_plugin is None:
        return
    root_404 = os.path.join(config["site_dir"], "404.html")
    if not getattr(i18n_plugin, "building", False):  # outer pass: the default language
        if os.path.exists(root_404):
            _state["default_404"] = open(root_404, encoding="utf-8").read()
        return
    lang = _build_lang(config)
    if os.path.exists(root_404) and "default_404" in _state:
        os.makedirs(os.path.join(config["site_dir"], lang), exist_ok=True)
        os.replace(root_404, os.path.join(config["site_dir"], lang, "404.html"))
        with open(root_404, "w", encoding="utf-8") as fh:
            fh.write(_state["default_404"])


def on_post_page(output, page, config):
    if _build_lang(config) != "fr" and _page_lang(page) == "fr":
        output = i18n.mark_french_fallback(output)
    return output
