"""The Python-Markdown extension on its own (no MkDocs): Markdown in, HTML out."""
import json
import re
from pathlib import Path

import markdown
import pytest

from soins_obliges.glossary.extension import GlossaryConfig, GlossaryExtension, PageContext
from soins_obliges.glossary.model import load_glossary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "glossary"


@pytest.fixture(scope="module")
def glossary():
    g, errors = load_glossary(FIXTURES)
    assert not errors
    return g


def render(glossary, text, lang="fr", own=None, errors=None):
    cfg = GlossaryConfig(glossary=glossary, href=lambda cid, src: f"/g/{cid}/",
                         on_error=lambda *e: errors.append(e) if errors is not None else None,
                         page=PageContext(src_uri="x.md", lang=lang, own_concept=own))
    return markdown.markdown(text, extensions=["abbr", "admonition", "tables", GlossaryExtension(cfg)])


def links(html):
    return re.findall(r'<a class="so-term" data-term="([^"]+)" href="[^"]+">([^<]+)</a>', html)


def test_first_occurrence_is_linked_and_text_kept(glossary):
    html = render(glossary, "Une Rechute, puis une rechute.")
    assert links(html) == [("rechute", "Rechute")]


def test_never_in_headings_links_code(glossary):
    html = render(glossary, "# La rechute\n\n[la rechute](x.md) `rechute`\n\n    rechute\n")
    assert links(html) == []


def test_never_inside_abbreviations(glossary):
    html = render(glossary, "Le CSAPA.\n\n*[CSAPA]: centre de soins")
    assert links(html) == []


def test_in_tables_and_admonitions(glossary):
    html = render(glossary, '!!! note "Récidive"\n    Une rechute.\n\n| a |\n|---|\n| récidive |\n')
    assert links(html) == [("rechute", "rechute"), ("recidive", "récidive")]


def test_explicit_reference_and_custom_text(glossary):
    html = render(glossary, "Voir [[rechute]] et [[recidive|les récidives]].")
    assert links(html) == [("rechute", "rechute"), ("recidive", "les récidives")]


def test_opt_out(glossary):
    html = render(glossary, "Une [[!rechute]] de tension, puis une rechute.")
    assert '<span class="so-nolink">rechute</span>' in html
    assert links(html) == [("rechute", "rechute")]


def test_unknown_explicit_reference_is_an_error(glossary):
    errors = []
    html = render(glossary, "ligne 1\n\nVoir [[rechut]].", errors=errors)
    (file, line, problem, fix) = errors[0]
    assert (file, line) == ("x.md", 3) and "unknown glossary concept `rechut`" in problem and "[[rechute]]" in fix
    assert "rechut" in html  # the text is kept, not dropped


def test_own_page_is_not_linked(glossary):
    assert links(render(glossary, "La rechute et la récidive.", own="rechute")) == [("recidive", "récidive")]


def test_english_page_uses_english_terms(glossary):
    html = render(glossary, "A relapse is not reoffending.", lang="en")
    assert links(html) == [("rechute", "relapse"), ("recidive", "reoffending")]


def test_popover_data_rides_with_the_page(glossary):
    html = render(glossary, "Une rechute au CSAPA.")
    payload = json.loads(re.search(r'<script type="application/json" class="so-glossary-data">(.*)</script>', html).group(1))
    assert set(payload["terms"]) == {"rechute", "csapa"}
    assert payload["terms"]["rechute"]["sector"] == "Santé" and "Reprise" in payload["terms"]["rechute"]["definition"]


def test_no_data_when_nothing_is_linked(glossary):
    assert "so-glossary-data" not in render(glossary, "Rien à lier ici.")


def test_ambiguous_acronym_alone_is_not_linked(glossary):
    assert links(render(glossary, "Le service IT.")) == []
    assert links(render(glossary, "L'injonction thérapeutique puis l'IT.")) == [
        ("injonction-therapeutique", "injonction thérapeutique")]


def test_a_proper_name_listed_as_never_link_hides_the_term_inside(glossary):
    from dataclasses import replace

    g = replace(glossary, never_link={"fr": ["Fédération Rechute"]})
    assert links(render(g, "La Fédération Rechute publie un guide sur la rechute.")) == [("rechute", "rechute")]
    assert links(render(glossary, "La Fédération Rechute publie.")) == [("rechute", "Rechute")]
