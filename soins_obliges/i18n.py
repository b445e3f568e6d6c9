"""Language marking of pages: French content shown in the English edition must say it is French."""
from __future__ import annotations

import re

# Interface strings that Markdown extensions configured in mkdocs.yml (in French) add to every page.
PERMALINK_TITLE = {"fr": "Lien vers cette section", "en": "Link to this section"}


def localise_markdown_config(mdx_configs: dict, lang: str) -> None:
    """Set, for the edition being built, the interface strings that extensions write into pages (the heading
    permalinks' title, from ``toc``). static-i18n builds each edition with the same configuration, so the
    French value of mkdocs.yml would otherwise reach every English page."""
    toc = mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = PERMALINK_TITLE.get(lang, PERMALINK_TITLE["en"])


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')

FALLBACK_NOTICE_EN = (
    '<div class="admonition note so-untranslated" lang="en"><p class="admonition-title">Not yet translated</p>'
    "<p>This page has no English edition yet: it is shown in French, the site's first language. "
    "The glossary and the home and about pages are available in English.</p></div>"
)


def mark_french_fallback(html: str) -> str:
    """Give the page content ``lang="fr"`` and an English notice, for a French page built under ``/en/``."""
    new, n = _ARTICLE.subn('<article class="md-content__inner md-typeset" lang="fr"', html, count=1)
    new = new.replace('<article class="md-content__inner md-typeset" lang="fr">',
                      '<article class="md-content__inner md-typeset" lang="fr">' + FALLBACK_NOTICE_EN, 1)
    if not n:
        raise ValueError("no <article class=\"md-content__inner md-typeset\"> in the page: the theme changed")
    return new

