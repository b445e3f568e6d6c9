"""Accessibility fixes of the theme's navigation markup (Material for MkDocs 9.8.2), on each built page.

- A section of the navigation that has its own index page (``navigation.indexes``) is a link beside a toggle
  label that holds only an icon; the section's ``<nav>`` is named by that empty label (``aria-labelledby``), so
  every such section is a navigation landmark without a name, and axe reports them as not unique
  (``landmark-unique``). The section's ``<nav>`` is named by its title instead (``md-nav__title``, which holds the
  section's name).
- The theme writes ``tabindex=""`` on navigation labels: not a valid value (the Nu HTML Checker's error, ignored
  by browsers). It is removed, which changes nothing for the reader.
- On a page outside the navigation (the glossary entries), the table of contents' title is a label ``for="__toc"``
  while the page has no such control: the label keeps its text and loses the ``for`` (the Nu HTML Checker's error;
  the label did nothing).
"""
from __future__ import annotations

import re

_NAV = re.compile(r'<nav class="md-nav" data-md-level="\d+" aria-labelledby="(?P<id>__nav_[\w]+_label)"[^>]*>\s*'
                  r'<label class="md-nav__title" for="(?P<for>__nav_[\w]+)"')
_TAG = re.compile(r"<[^>]+>")


def _label_text(html: str, label_id: str) -> str | None:
    m = re.search(rf'<label [^>]*id="{re.escape(label_id)}"[^>]*>(.*?)</label>', html, re.S)
    return None if m is None else " ".join(_TAG.sub(" ", m.group(1)).split())


def fix_navigation(html: str) -> str:
    """The page with its navigation sections named and ``tabindex=""`` removed (see the module's docstring)."""
    def name(m: re.Match) -> str:
        if _label_text(html, m.group("id")):
            return m.group(0)                      # the toggle label has the section's name: keep it
        title = f'{m.group("for")}_title'
        return (m.group(0).replace(f'aria-labelledby="{m.group("id")}"', f'aria-labelledby="{title}"')
                .replace(f'<label class="md-nav__title" for="{m.group("for")}"',
                         f'<label class="md-nav__title" for="{m.group("for")}" id="{title}"'))

    html = _NAV.sub(name, html)
    if 'id="__toc"' not in html:
        html = html.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return re.sub(r'(<label [^>]*?) tabindex=""', r"\1", html)
