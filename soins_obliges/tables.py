"""Tables that fit a phone: each body cell carries its column's header as ``data-label``, set at build time.

Under 600 px wide, ``docs/assets/site.css`` shows each row of a table as a card, each cell a line labelled with
its column header (``td::before { content: attr(data-label) }``): nothing scrolls sideways. The table stays a real
``<table>``; because the CSS changes its ``display``, which makes browsers drop its table semantics, the elements
also carry the ARIA roles (table, rowgroup, row, columnheader, rowheader, cell) so screen readers still read a
table. The first cell of each body row names the row (a concept, a measure, a date…): it becomes a row header
(``<th scope="row">``), the card's title. An empty header cell (the corner of a comparison matrix) gets a
visually hidden label, so that no header is empty.

- ``label_table(table, corner)``: the work, on one ``xml.etree`` ``<table>`` element (unit-tested);
- ``TablesExtension(lang)``: Python-Markdown extension that does it for every table of a page; ``lang()`` gives
  the page's language (the hidden corner label is « Critère » or "Criterion").

The attributes written (``data-label``, ``data-so-table``, ``role``, ``scope``) are in the allow-list of the
site's sanitizer (``soins_obliges.sanitize``), which checks every page after this extension has run.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .typography import french_spacing

CORNER = {"fr": "Critère", "en": "Criterion"}
HIDDEN_CLASS = "so-visually-hidden"
MARK = "data-so-table"          # the CSS hook: Material styles tables without a class, so no class is added
_STASH = re.compile("\x02[^\x03]*\x03")      # Python-Markdown placeholders (raw HTML stashed): not text


def cell_text(el: etree.Element) -> str:
    """The text a reader sees in a cell, on one line (placeholders of stashed HTML left out)."""
    return " ".join(_STASH.sub("", "".join(el.itertext())).split())


def _rows(section: etree.Element | None) -> list[etree.Element]:
    return [] if section is None else [tr for tr in section if tr.tag == "tr"]


def label_table(table: etree.Element, corner: str = CORNER["fr"], lang: str = "fr") -> bool:
    """Label one table in place. Returns False (and leaves it alone) when it has no header row or is already
    labelled. French labels get French typography (the page's pass only touches text, not attributes)."""
    if table.get(MARK) is not None:
        return False
    thead, tbody = table.find("thead"), table.find("tbody")
    head_rows = _rows(thead)
    if not head_rows:
        return False
    headers = [c for c in head_rows[-1] if c.tag in ("th", "td")]
    labels: list[str] = []
    for th in headers:
        text = cell_text(th)
        if not text:                              # the corner of a matrix: a label for screen readers only
            span = etree.SubElement(th, "span", {"class": HIDDEN_CLASS})
            span.text = text = corner
        labels.append(french_spacing(text) if lang == "fr" else text)
    table.set(MARK, "cards")
    table.set("role", "table")
    for section in (thead, tbody):
        if section is not None:
            section.set("role", "rowgroup")
    for tr in head_rows:
        tr.set("role", "row")
        for th in tr:
            if th.tag in ("th", "td"):
                th.tag = "th"
                th.set("role", "columnheader")
                th.set("scope", "col")
    for tr in _rows(tbody):
        tr.set("role", "row")
        cells = [c for c in tr if c.tag in ("th", "td")]
        for i, cell in enumerate(cells):
            if i < len(labels):
                cell.set("data-label", labels[i])
            if i == 0 and len(cells) > 1:
                cell.tag = "th"
                cell.set("scope", "row")
                cell.set("role", "rowheader")
            else:
                cell.set("role", "cell")
    return True


class _LabelTables(Treeprocessor):
    def __init__(self, md: Markdown, lang: Callable[[], str]):
        super().__init__(md)
        self.lang = lang

    def run(self, root):
        lang = self.lang()
        for table in list(root.iter("table")):
            label_table(table, CORNER.get(lang, CORNER["fr"]), lang)


class TablesExtension(Extension):
    """Labels every table of a page for the phone layout (see the module's docstring)."""

    def __init__(self, lang: Callable[[], str] = lambda: "fr", **kwargs):
        self.lang = lang
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown):
        # after inline processing (20: links, abbreviations, glossary references are in place), before the
        # sanitizer's page check (a postprocessor)
        md.treeprocessors.register(_LabelTables(md, self.lang), "so_tables", 4)
        md.registerExtension(self)
