"""From the mixed MkDocs index to one index per language (soins_obliges.search.index), on the fixture glossary."""
import shutil
from pathlib import Path

import pytest

from soins_obliges.glossary.model import load_glossary
from soins_obliges.search import index as si
from soins_obliges.search import text
from soins_obliges.search.html import exclude_source_line

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "glossary"
FR = text.stopword_set("fr")


@pytest.fixture(scope="module")
def glossary():
    g, errors = load_glossary(FIXTURES)
    assert not errors
    return g


def doc(location, title, text_="", **extra):
    return {"location": location, "title": title, "text": text_, **extra}


def test_split_keeps_each_edition_and_leaves_french_fallbacks_out_of_english():
    docs = [doc("", "Accueil"), doc("#a", "A"), doc("ch/", "Chapitre"), doc("ch/#s", "Section"),
            doc("en/", "Home"), doc("en/ch/", "Chapitre"), doc("en/ch/#s", "Section"), doc("en/about/", "About")]
    pages = {"": si.PageInfo("fr", "fr"), "ch/": si.PageInfo("fr", "fr"), "en/": si.PageInfo("en", "en"),
             "en/ch/": si.PageInfo("en", "fr"), "en/about/": si.PageInfo("en", "en")}
    out, left_out = si.split_languages(docs, pages, {"en": "en/"}, "fr")
    assert [d["location"] for d in out["fr"]] == ["", "#a", "ch/", "ch/#s"]
    assert [d["location"] for d in out["en"]] == ["", "about/"]          # relative to /en/
    assert left_out == {"fr": [], "en": ["en/ch/"]}
    kept, _ = si.split_languages(docs, pages, {"en": "en/"}, "fr", keep_fallbacks=True)
    assert "ch/#s" in [d["location"] for d in kept["en"]]


def test_a_title_section_moves_into_its_empty_page_doc():
    docs = [doc("g/x/", "Récidive", ""), doc("g/x/#recidive", "Récidive", "<p>Définition</p>"),
            doc("g/x/#en-detail", "En détail", "<p>…</p>"), doc("c/", "Chapitre", "<p>intro</p>"),
            doc("c/#chapitre", "Chapitre", "<p>keep</p>")]
    out = si.merge_title_sections(docs)
    assert [(d["location"], d["text"]) for d in out] == [
        ("g/x/", "<p>Définition</p>"), ("g/x/#en-detail", "<p>…</p>"), ("c/", "<p>intro</p>"),
        ("c/#chapitre", "<p>keep</p>")]


def test_glossary_entry_gets_keywords_boost_and_loses_navigation_sections(glossary):
    docs = [doc("glossaire/recidive/", "Récidive", "<p>Justice · Définition</p>", boost=8),
            doc("glossaire/recidive/#autres-formes", "Autres formes", "<p>récidive légale</p>", boost=8),
            doc("glossaire/recidive/#ne-pas-confondre-avec", "Ne pas confondre avec", "<p>Rechute…</p>", boost=8),
            doc("glossaire/recidive/#ou-ce-terme-apparait", "Où ce terme apparaît", "<ul><li>Chapitre</li></ul>", boost=8),
            doc("glossaire/recidive/#voir-aussi", "Voir aussi", "<p>rechute</p>", boost=8),
            doc("glossaire/", "Glossaire", "<p>intro</p>", boost=4), doc("glossaire/#de-a-a-z", "De A à Z", "…", boost=4),
            doc("glossaire/faux-amis/recidive-rechute/", "Récidive et rechute", "…", boost=6),
            doc("ch/", "Chapitre", "…")]
    out = {d["location"]: d for d in si.shape_glossary_docs(docs, "fr", glossary, FR)}
    assert set(out) == {"glossaire/recidive/", "glossaire/recidive/#ne-pas-confondre-avec", "glossaire/",
                        "glossaire/faux-amis/recidive-rechute/", "ch/"}
    entry = out["glossaire/recidive/"]
    assert entry["boost"] == si.ENTRY_BOOST
    assert "boost" not in out["glossaire/recidive/#ne-pas-confondre-avec"]
    assert out["glossaire/faux-amis/recidive-rechute/"]["boost"] == si.GROUP_BOOST
    assert "boost" not in out["glossaire/"]
    words = entry["keywords"].split()
    assert "0recidiv" in words                      # the term, whole
    assert "0recidivlegal" in words and "légale" in words   # a variant, whole and word by word
    assert "0reoffending" in words                  # the English term, whole only
    assert "reoffending" not in words and "récidive" not in words   # no English word; title words not twice


def test_keywords_of_a_term_kept_in_french_include_its_gloss_in_english_only(glossary):
    own, other = si.concept_forms(glossary, "injonction-therapeutique", "en")
    assert "IT" in own and "court-ordered treatment for drug use" in other
    own_fr, other_fr = si.concept_forms(glossary, "injonction-therapeutique", "fr")
    assert "court-ordered treatment for drug use" not in own_fr + other_fr


def test_aliases_link_acronyms_and_expansions_in_chapters(glossary):
    docs = [doc("a/", "Le CSAPA", "<p>Le CSAPA accueille toute personne.</p>"),
            doc("b/", "Soins", "<p>Un centre de soins, d'accompagnement et de prévention en addictologie.</p>"),
            doc("c/", "Mesures", "<p>L'injonction thérapeutique est rare.</p>"),
            doc("c/#s", "Sigles", "<p>On écrit IT.</p>"),
            doc("d/", "Informatique", "<p>Le service IT est fermé.</p>"),
            doc("glossaire/csapa/", "Centre de soins", "<p>CSAPA</p>")]
    si.add_aliases(docs, "fr", glossary)
    aliases = {d["location"]: d.get("aliases") for d in docs}
    assert aliases["a/"] == "centre de soins, d'accompagnement et de prévention en addictologie"
    assert aliases["b/"] == "CSAPA"
    assert aliases["c/"] == "IT"
    assert aliases["c/#s"] == "injonction thérapeutique"   # ambiguous acronym: the page names the term
    assert aliases["d/"] is None                          # ambiguous acronym alone: not trusted
    assert aliases["glossaire/csapa/"] is None            # glossary pages have keywords instead


def test_build_indexes_writes_analysis_parameters_for_the_worker(glossary):
    mixed = {"config": {"lang": ["fr", "en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
             "docs": [doc("", "Accueil"), doc("en/", "Home")]}
    out, _ = si.build_indexes(mixed, {}, {"en": "en/"}, "fr", glossary)
    assert set(out) == {"fr", "en"}
    for lang, idx in out.items():
        cfg = idx["config"]
        assert cfg["lang"] == ["en"] and cfg["pipeline"] == [] and cfg["separator"] == text.SEPARATOR
        assert cfg["fields"]["keywords"]["boost"] == si.KEYWORD_BOOST and "aliases" in cfg["fields"]
        assert cfg["so"]["lang"] == lang and cfg["so"]["fuzzy"] == [list(r) for r in text.FUZZY]
    assert "it" not in out["en"]["config"]["so"]["stopwords"]        # IT is a glossary acronym
    assert "the" in out["en"]["config"]["so"]["stopwords"]
    assert [d["location"] for d in out["en"]["docs"]] == [""]


def test_a_glossary_form_made_of_stop_words_stops_the_build(glossary, tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "glossary")
    path = tmp_path / "glossary" / "rechute.yml"
    src = path.read_text(encoding="utf-8")
    path.write_text(src.replace("  term: rechute\n", "  term: rechute\n  hidden: [de la, rechutte]\n", 1),
                    encoding="utf-8")
    g, errors = load_glossary(tmp_path / "glossary")
    assert not errors
    found = si.check_forms(g)
    assert len(found) == 1
    err = str(found[0])
    line = src.splitlines().index("  term: rechute") + 2
    assert err.startswith(f"{g.concepts['rechute'].file}:{line}: `fr.hidden` form « de la »"), err
    assert "→" in err
    assert si.check_forms(glossary) == []


def test_source_line_is_kept_out_of_the_search_index():
    html = '<h1>T</h1><p class="so-source"><strong>Source :</strong> guide</p><p>texte</p>'
    out = exclude_source_line(html)
    assert '<p class="so-source" data-search-exclude>' in out
    assert exclude_source_line(out) == out
    assert exclude_source_line("<p>rien</p>") == "<p>rien</p>"
