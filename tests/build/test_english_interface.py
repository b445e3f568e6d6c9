"""The English edition carries no French interface text: what the engine and the theme add to a page (heading
permalinks, the source line, notices, badges, popover and table labels, the concordance's page titles) is in
English on English pages. French content shown under /en/ (untranslated pages, French official names) is marked
``lang="fr"`` and not counted."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import material

from soins_obliges import book, concordance, i18n, pdf
from soins_obliges.diagrams import html as diagrams_html
from soins_obliges.diagrams import pages as diagrams_pages
from soins_obliges.glossary import pages as glossary_pages
from soins_obliges.legal import checker, extension
from soins_obliges.legal import pages as legal_pages
from soins_obliges.legal import registry as legal_registry

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
ATTRS = ("title", "aria-label", "placeholder", "alt", "data-md-tooltip")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]*>|\[[^\]]*\]\([^)]*\)|[*_`]")


def _fragments(text: str) -> list[str]:
    """The literal parts of a label (its {placeholders}, tags and Markdown left out), long enough to mean something."""
    return [f.strip(" :.,;—-·()«»\n") for f in _PLACEHOLDER.split(text) if len(f.strip(" :.,;—-·()«»\n")) >= 9]


def _pairs(table: dict) -> list[tuple[str, str]]:
    fr, en = table.get("fr"), table.get("en")
    if isinstance(fr, str) and isinstance(en, str):
        return [(fr, en)]
    if isinstance(fr, dict) and isinstance(en, dict):
        return [(fr[k], en.get(k, "")) for k in fr if isinstance(fr[k], str)]
    return []


def _theme_strings() -> list[tuple[str, str]]:
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    read = lambda lang: dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', (folder / f"{lang}.html").read_text(), re.M))
    fr, en = read("fr"), read("en")
    return [(v, en.get(k, "")) for k, v in fr.items() if k != "language"]


def french_interface_strings() -> set[str]:
    pairs = [(i18n.PERMALINK_TITLE["fr"], i18n.PERMALINK_TITLE["en"])]
    for table in (concordance.TEXT, legal_pages.T, extension.LABELS, legal_registry.LINK_LABELS, book.TEXT, pdf.TEXT, checker._TOOLTIP, glossary_pages.T,
                  diagrams_pages.T, diagrams_html.T):
        pairs += _pairs(table)
    pairs += _theme_strings()
    out = set()
    for fr, en in pairs:
        en_parts = set(_fragments(en))
        out |= {f for f in _fragments(fr) if f not in en_parts and not f.isupper()}
    return out


class _Visible(HTMLParser):
    """The text and labelled attributes of a page, outside ``lang="fr"`` elements (the page's own language, on
    ``<html>``, aside), scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _french(self) -> bool:
        return any(fr for _, fr in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        french = (tag != "html" and (a.get("lang") or "").startswith("fr")) or tag in ("script", "style", "template")
        if not self._french() and not french:
            self.parts += [a[k] for k in ATTRS if a.get(k)]
        if tag not in VOID:
            self.stack.append((tag, french))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self._french() and data.strip():
            self.parts.append(" ".join(data.split()))


def visible(html: str) -> str:
    p = _Visible()
    p.feed(html)
    return "\n".join(p.parts)


def test_the_list_of_french_interface_strings_is_real():
    strings = french_interface_strings()
    assert len(strings) > 80
    assert {"Lien vers cette section", "Lire l'article sur Légifrance", "Chercher l'article sur Légifrance",
            "Aller au contenu"} <= strings


def test_the_scan_finds_french_interface_text_on_a_french_page(site):
    text = visible((site / "01-addictions-et-addictologie" / "concept-addiction" / "index.html").read_text())
    assert "Lien vers cette section" in text and "Aller au contenu" in text


def test_english_pages_have_no_french_interface_text(site):
    strings = sorted(french_interface_strings(), key=len, reverse=True)
    found: dict[str, list[str]] = {}
    pages = sorted((site / "en").rglob("*.html"))
    assert len(pages) > 300
    for page in pages:
        text = visible(page.read_text(encoding="utf-8"))
        hits = [s for s in strings if s in text]
        if hits:
            found[page.relative_to(site).as_posix()] = hits
    assert not found, "\n".join(f"{p}: {', '.join(map(repr, h[:4]))}" for p, h in list(found.items())[:20]) + \
        f"\n({len(found)} English pages) → translate the label in the engine's 'en' table, or mark French content lang=\"fr\""


def test_english_concordance_shows_the_titles_of_the_english_pages(site):
    page = site / "en" / "correspondance-guide" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = (re.findall(r'<td[^>]*><a href="([^"]+)">(.*?)</a>', html)
             + re.findall(r' · <a href="([^"]+)">(.*?)</a>', html))
    assert len(links) > 100
    wrong = []
    for href, label in links:
        target = (page.parent / href / "index.html").resolve()
        h1 = re.search(r"<h1[^>]*>(.*?)<", target.read_text(encoding="utf-8"), re.S).group(1).strip()
        french = 'lang="fr"' in label
        text = re.sub(r"<[^>]+>", "", label).strip()
        if text != h1 or french != ('<article class="md-content__inner md-typeset" lang="fr"' in target.read_text()):
            wrong.append(f"{href}: {label!r} (page title {h1!r})")
    assert not wrong, "\n".join(wrong[:10])
