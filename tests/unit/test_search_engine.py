"""The browser's search replayed in Python (soins_obliges.search.engine) and the golden-set tooling, on a small
index built like the real one (fixture glossary)."""
from pathlib import Path

import pytest

from soins_obliges.glossary.model import load_glossary
from soins_obliges.search import golden
from soins_obliges.search import index as si
from soins_obliges.search.engine import SearchEngine, extract_text_blocks, material_transform

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "glossary"


def doc(location, title, text="", **extra):
    return {"location": location, "title": title, "text": text, **extra}


@pytest.fixture(scope="module")
def small_indexes():
    glossary, errors = load_glossary(FIXTURES)
    assert not errors
    docs = [
        doc("", "Accueil", "<p>Un site sur les soins obligés.</p>"),
        doc("glossaire/recidive/", "Récidive", "", boost=8),
        doc("glossaire/recidive/#recidive", "Récidive", "<p>Nouvelle infraction après une condamnation.</p>", boost=8),
        doc("glossaire/rechute/", "Rechute", "", boost=8),
        doc("glossaire/rechute/#rechute", "Rechute", "<p>Reprise d'une consommation.</p>", boost=8),
        doc("glossaire/csapa/", "Centre de soins, d'accompagnement et de prévention en addictologie", "", boost=8),
        doc("glossaire/csapa/#centre-de-soins", "Centre de soins, d'accompagnement et de prévention en addictologie",
            "<p>Santé · Sigle : CSAPA</p>", boost=8),
        doc("ch/recidive-rechute/", "Récidive et rechute : deux logiques",
            "<ul><li>La récidive est pénale, la rechute est clinique.</li></ul>"),
        doc("ch/recidive-rechute/#du-cote-de-la-justice", "Du côté de la justice",
            "<p>Prévenir les récidives est une finalité de la peine.</p>"),
        doc("ch/infractions/", "Les infractions", "<p>Contravention, délit, crime.</p>"),
        doc("ch/infractions/#ivresse", "L'ivresse sur la voie publique",
            "<p>Être trouvé en état d'ivresse manifeste dans un lieu public est une contravention.</p>"),
        doc("ch/csapa/", "L'accueil en centre spécialisé", "<p>Le CSAPA doit accueillir la personne.</p>"),
        doc("en/", "Home", "<p>A site about court-ordered care.</p>"),
        doc("en/glossaire/rechute/", "Relapse", "", boost=8),
        doc("en/glossaire/rechute/#relapse", "Relapse", "<p>Return to use.</p>", boost=8),
        doc("en/glossaire/recidive/", "Reoffending", "", boost=8),
        doc("en/glossaire/recidive/#reoffending", "Reoffending", "<p>A new offence.</p>", boost=8),
        doc("en/ch/recidive-rechute/", "Récidive et rechute : deux logiques", "<p>La récidive.</p>"),
    ]
    pages = {p: si.PageInfo("en" if p.startswith("en/") else "fr", "fr" if p == "en/ch/recidive-rechute/"
                            else ("en" if p.startswith("en/") else "fr"))
             for p in {d["location"].split("#")[0] for d in docs}}
    mixed = {"config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}, "docs": docs}
    indexes, _ = si.build_indexes(mixed, pages, {"en": "en/"}, "fr", glossary)
    return indexes


@pytest.fixture(scope="module")
def engines(small_indexes):
    return {lang: SearchEngine(idx) for lang, idx in small_indexes.items()}


def first(engines, lang, query):
    groups = engines[lang].search(query)
    return groups[0].page.title if groups else None


def titles(engines, lang, query, n=5):
    return [t for g in engines[lang].search(query)[:n] for t in g.titles]


@pytest.mark.parametrize("query", ["récidive", "recidive", "RECIDIVE", "récidives", "Récidives"])
def test_accents_case_and_plural_find_the_entry_first(engines, query):
    assert first(engines, "fr", query) == "Récidive"


def test_acronym_finds_the_entry_and_the_chapter_that_uses_it(engines):
    groups = engines["fr"].search("csapa")
    assert groups[0].page.title.startswith("Centre de soins")
    assert "L'accueil en centre spécialisé" in [g.page.title for g in groups]


def test_expansion_finds_the_chapter_written_with_the_acronym(engines):
    assert "L'accueil en centre spécialisé" in titles(engines, "fr", "centre de soins d'accompagnement")


def test_a_chapter_section_is_found_by_its_text(engines):
    groups = engines["fr"].search("ivresse manifeste")
    assert groups[0].page.title == "Les infractions"
    assert groups[0].sections[0].title == "L'ivresse sur la voie publique"


def test_typo_tolerance(engines):
    assert first(engines, "fr", "recidivve") == "Récidive"
    assert first(engines, "en", "relaspe") == "Relapse"


def test_english_index_has_english_pages_only(engines):
    found = {g.page.location for g in engines["en"].search("récidive")}
    assert found and all(not loc.startswith(("en/", "ch/")) for loc in found)
    assert first(engines, "en", "récidive") == "Reoffending"         # the French term, on an English page
    assert first(engines, "en", "relapses") == "Relapse"
    assert engines["fr"].search("zzzz") == []


def test_sections_are_grouped_under_their_page(engines):
    groups = engines["fr"].search("récidives peine")
    pages = [g.page.location for g in groups]
    assert len(pages) == len(set(pages))
    chapter = next(g for g in groups if g.page.location == "ch/recidive-rechute/")
    assert [s.location for s in chapter.sections] == ["ch/recidive-rechute/#du-cote-de-la-justice"]


def test_material_transform_adds_wildcards_only_where_material_does():
    assert material_transform("foo bar") == "foo* bar*"
    assert material_transform("recidiv*^10 recidiv~1 0recidiv^100") == "recidiv*^10 recidiv~1 0recidiv^100"
    assert material_transform("foo~") == "foo~1"
    assert material_transform("  ") == ""


def test_extract_text_blocks_skips_tags_like_material():
    assert extract_text_blocks("<p>Un <code>texte</code></p> <ul><li>liste</li></ul>") == ["Un ", "texte", " ",
                                                                                         "liste"]
    assert extract_text_blocks("sans balise") == ["sans balise"]


def test_golden_evaluation_counts_hits_and_ranks(engines, tmp_path):
    path = tmp_path / "golden.yml"
    path.write_text("fr:\n  - {q: recidive, expect: [Récidive]}\n  - {q: zzzz, expect: [Rechute]}\n"
                    "en:\n  - {q: relapse, expect: [Relapse], browser: true}\n", encoding="utf-8")
    cases, errors = golden.load(path)
    assert not errors and [c.browser for c in cases] == [False, False, True]
    summary = golden.summary(golden.evaluate(cases, engines))
    assert summary["fr"] == {"queries": 2, "recall@5": 0.5, "mrr": 0.5}
    assert summary["en"] == {"queries": 1, "recall@5": 1.0, "mrr": 1.0}


def test_golden_set_errors_say_where(tmp_path):
    path = tmp_path / "golden.yml"
    path.write_text("fr:\n  - {q: recidive}\n  - {q: x, expect: [Y], color: red}\nde:\n  - {q: a, expect: [b]}\n",
                    encoding="utf-8")
    cases, errors = golden.load(path)
    msgs = [str(e) for e in errors]
    assert msgs[0].startswith(f"{path.as_posix()}:2: an entry needs `q`")
    assert msgs[1].startswith(f"{path.as_posix()}:3: unknown keys ['color']")
    assert msgs[2].startswith(f"{path.as_posix()}:4: unknown language `de`")
    stale = golden.check_titles(cases, {"fr": {"docs": [doc("", "Z")]}}, "golden.yml")
    assert [str(e) for e in stale] == ["golden.yml:3: « Y » is not a title of the fr index → use a title of the "
                                       "built site (a page or a section heading)"]
