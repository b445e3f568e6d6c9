"""Tables that fit a phone (issue 14): soins_obliges.tables labels each cell with its column header at build time
(data-label), keeps a real table with ARIA roles, makes the first cell of a row its header and never leaves a header
cell empty; the glossary's comparison pages put one concept per row (one card per concept on a phone)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from soins_obliges import sanitize
from soins_obliges.glossary import pages
from soins_obliges.glossary.model import load_glossary
from soins_obliges.tables import TablesExtension, cell_text, label_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "glossary"
MATRIX = "| | Addictologie | Justice |\n|---|---|---|\n| Objectif | Réduire les risques | Prévenir la récidive |\n"
MEASURES = ("| Mesure | Ordonnée par | Base légale |\n|---|:---:|---|\n"
            "| **Obligation de soins** | le juge | [article 132-45](https://example.org/) |\n"
            "| Injonction thérapeutique | le procureur | — |\n")


def render(text: str, lang: str = "fr") -> str:
    return markdown.markdown(text, extensions=["tables", "abbr", TablesExtension(lang=lambda: lang)])


def cells(html: str, tag: str) -> list[dict]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', attrs)) for attrs in re.findall(rf"<{tag}\b([^>]*)>", html)]


def test_every_body_cell_is_labelled_with_its_column_header():
    html = render(MEASURES)
    tds = cells(html, "td")
    assert [td["data-label"] for td in tds] == ["Ordonnée par", "Base légale"] * 2
    assert all(td["role"] == "cell" for td in tds)
    assert 'style="text-align: center;"' in html                  # the Markdown alignment is kept


def test_first_cell_of_a_row_is_its_header_and_the_roles_keep_the_table_semantics():
    html = render(MEASURES)
    assert html.startswith('<table data-so-table="cards" role="table">')
    assert html.count('role="rowgroup"') == 2 and html.count('<tr role="row">') == 3
    heads = cells(html, "th")
    assert [h.get("scope") for h in heads] == ["col", "col", "col", "row", "row"]
    assert [h["role"] for h in heads] == ["columnheader"] * 3 + ["rowheader"] * 2
    assert [h["data-label"] for h in heads[3:]] == ["Mesure", "Mesure"]
    assert '<th data-label="Mesure" role="rowheader" scope="row"><strong>Obligation de soins</strong></th>' in html


def test_an_empty_header_cell_gets_a_visually_hidden_label_in_the_page_language():
    fr, en = render(MATRIX), render(MATRIX, "en")
    assert '<th role="columnheader" scope="col"><span class="so-visually-hidden">Critère</span></th>' in fr
    assert '<span class="so-visually-hidden">Criterion</span>' in en
    assert re.search(r"<th[^>]*>\s*</th>", fr) is None                   # no empty header cell
    assert [c["data-label"] for c in cells(fr, "td")] == ["Addictologie", "Justice"]
    assert '<th data-label="Critère" role="rowheader" scope="row">Objectif</th>' in fr


def test_labels_are_the_header_text_without_markup_with_french_typography():
    html = render("| Qui l'emploie ? | [Lien](x.md) **gras** ABC |\n|---|---|\n| a | b |\n\n*[ABC]: Un sigle\n")
    assert [c["data-label"] for c in cells(html, "td")] == ["Lien gras ABC"]
    assert cells(html, "th")[2]["data-label"] == "Qui l'emploie\u202f?"     # narrow no-break space before ?
    en = render("| Who ? | b |\n|---|---|\n| a | b |\n", "en")
    assert cells(en, "th")[2]["data-label"] == "Who ?"


def test_a_one_column_table_keeps_its_cells_and_a_row_without_enough_headers_is_safe():
    one = render("| Année |\n|---|\n| 2006 |\n")
    assert '<td data-label="Année" role="cell">2006</td>' in one
    table = etree.fromstring("<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr>"
                             "</tbody></table>")
    assert label_table(table)
    out = etree.tostring(table, encoding="unicode")
    assert cells(out, "th")[1] == {"data-label": "A", "scope": "row", "role": "rowheader"}
    assert cells(out, "td") == [{"role": "cell"}]                     # no header for it: no label


def test_labelling_twice_changes_nothing_and_a_table_without_header_is_left_alone():
    table = etree.fromstring(render(MATRIX))
    before = etree.tostring(table, encoding="unicode")
    assert label_table(table) is False and etree.tostring(table, encoding="unicode") == before
    bare = etree.fromstring("<table><tbody><tr><td>1</td></tr></tbody></table>")
    assert label_table(bare) is False and bare.get("role") is None


def test_stashed_html_placeholders_are_not_label_text():
    th = etree.Element("th")
    th.text = "\x02wzxhzdk:0\x03Page "
    em = etree.SubElement(th, "em")
    em.text, em.tail = "du", "  guide"
    assert cell_text(th) == "Page du guide"


@pytest.mark.parametrize("text", [MATRIX, MEASURES])
def test_the_sanitizer_keeps_what_the_tables_extension_writes(text):
    html = render(text)
    assert "data-label=" in html and sanitize.check(html) == []
    assert "data-" in sanitize.PREFIXES and "role" in sanitize.ATTRIBUTES["*"] and "scope" in sanitize.ATTRIBUTES["th"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_comparison_page_has_one_concept_per_row(lang):
    g, errors = load_glossary(FIXTURES)
    assert not errors
    grp = g.groups["recidive-rechute"]
    md = pages.group_page(grp, g, lang)
    html = render(md.split("-->", 1)[1], lang)
    t = pages.T[lang]
    heads = [cell_text(etree.fromstring(f"<th>{m}</th>")) for m in re.findall(r"<th[^>]*>(.*?)</th>", html)]
    assert heads[:5] == [t["term"], t["sector"], t["definition"], t["other_lang"], t["legal"]]
    rows = re.findall(r'<th data-label="[^"]+" role="rowheader" scope="row">(.*?)</th>', html)
    assert len(rows) == len(grp.concepts) == 2                      # one row (one card) per concept
    for cid, row in zip(grp.concepts, rows):
        assert f"glossaire/{cid}.md" in row and g.concepts[cid].lang(lang).term[1:] in row
    assert {c["data-label"] for c in cells(html, "td")} == {t["sector"], t["definition"], t["other_lang"], t["legal"]}
    assert re.search(r"<th[^>]*>\s*</th>", html) is None
