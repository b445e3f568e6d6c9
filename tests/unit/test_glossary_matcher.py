"""Matcher and linking policy: French and English inflection, elision, accents, case, overlaps, ambiguity."""
import pytest

from soins_obliges.glossary.matcher import Entry, Matcher, PageLinker, fold, term_pattern

FR = [
    Entry("rechute", ("rechute",)),
    Entry("recidive", ("récidive", "récidive légale")),
    Entry("obligation-de-soins", ("obligation de soins",), ("OS",), ("OS",)),
    Entry("injonction-therapeutique", ("injonction thérapeutique",), ("IT",), ("IT",)),
    Entry("injonction-de-soins", ("injonction de soins",)),
    Entry("soins", ("soin",)),
    Entry("usage-a-risque", ("usage à risque",)),
    Entry("usage", ("usage",)),
    Entry("csapa", ("centre de soins, d'accompagnement et de prévention en addictologie",), ("CSAPA",)),
    Entry("juge", ("juge",)),
    Entry("jap", ("juge de l'application des peines",), ("JAP",)),
    Entry("tribunal", ("tribunal",)),
    Entry("bureau", ("bureau",)),
    Entry("casier", ("casier judiciaire",)),
    Entry("prevenu", ("prévenu",)),
    Entry("re-consommation", ("re-consommation",)),
    Entry("personne-placee", ("personne placée sous main de justice",)),
    Entry("aller-vers", ("aller vers",)),
    Entry("secret-partage", ("secret partagé",)),
    Entry("mise-en-examen", ("mise en examen",)),
]
EN = [
    Entry("rechute", ("relapse",)),
    Entry("recidive", ("reoffending",)),
    Entry("probation-officer", ("probation officer",)),
    Entry("harm-reduction", ("harm reduction",)),
    Entry("policy", ("policy",)),
    Entry("process", ("process",)),
    Entry("injonction-therapeutique", ("injonction thérapeutique",), ("IT",), ("IT",)),
]


def found(text, entries=FR, lang="fr"):
    m = Matcher(entries, lang)
    return [(text[x.start:x.end], x.concept) for x in m.find(text)]


@pytest.mark.parametrize("text, expected", [
    # case and accents: the author's text is kept
    ("La Rechute est fréquente.", [("Rechute", "rechute")]),
    ("RECHUTE", [("RECHUTE", "rechute")]),
    ("une recidive", [("recidive", "recidive")]),
    ("une RÉCIDIVE", [("RÉCIDIVE", "recidive")]),
    ("une rëcidive", [("rëcidive", "recidive")]),
    # plurals
    ("les rechutes", [("rechutes", "rechute")]),
    ("des récidives", [("récidives", "recidive")]),
    ("les juges", [("juges", "juge")]),
    ("les tribunaux", [("tribunaux", "tribunal")]),
    ("les bureaux", [("bureaux", "bureau")]),
    ("les casiers judiciaires", [("casiers judiciaires", "casier")]),
    ("des injonctions thérapeutiques", [("injonctions thérapeutiques", "injonction-therapeutique")]),
    ("les usages à risques", [("usages à risques", "usage-a-risque")]),
    ("les prévenus", [("prévenus", "prevenu")]),
    # invariable -s/-x words are not pluralised twice, and not shortened
    ("casier judiciaire", [("casier judiciaire", "casier")]),
    # elision stays outside the match
    ("l'usage à risque", [("usage à risque", "usage-a-risque")]),
    ("d'injonction thérapeutique", [("injonction thérapeutique", "injonction-therapeutique")]),
    ("qu'une rechute", [("rechute", "rechute")]),
    ("l’obligation de soins", [("obligation de soins", "obligation-de-soins")]),
    # typographic apostrophe inside a compound term
    ("le juge de l’application des peines", [("juge de l’application des peines", "jap")]),
    ("centre de soins, d’accompagnement et de prévention en addictologie",
     [("centre de soins, d’accompagnement et de prévention en addictologie", "csapa")]),
    # hyphen / space variants inside compounds
    ("la re-consommation", [("re-consommation", "re-consommation")]),
    ("la re consommation", [("re consommation", "re-consommation")]),
    ("la reconsommation", [("reconsommation", "re-consommation")]),
    # non-breaking spaces between words
    ("aller\u00a0vers", [("aller\u00a0vers", "aller-vers")]),
    # longest match first, nested terms
    ("une injonction de soins", [("injonction de soins", "injonction-de-soins")]),
    ("l'usage à risque et l'usage", [("usage à risque", "usage-a-risque"), ("usage", "usage")]),
    ("le juge de l'application des peines et le juge",
     [("juge de l'application des peines", "jap"), ("juge", "juge")]),
    ("la récidive légale", [("récidive légale", "recidive")]),
    ("personne placée sous main de justice", [("personne placée sous main de justice", "personne-placee")]),
    ("personnes placées sous main de justice", [("personnes placées sous main de justice", "personne-placee")]),
    # word boundaries: no match inside a longer word
    ("rechuter", []),
    ("prérécidive", []),
    ("soignant", []),
    ("jugement", []),
    ("mise en examen", [("mise en examen", "mise-en-examen")]),
    ("le secret partagé", [("secret partagé", "secret-partage")]),
    # acronyms: case-sensitive, whole word
    ("au CSAPA de Lyon", [("CSAPA", "csapa")]),
    ("au csapa", []),
    ("le JAP décide", [("JAP", "jap")]),
    ("JAPON", []),
    ("B-CSAPA", []),
])
def test_french_matching(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("a relapse", [("relapse", "rechute")]),
    ("two relapses", [("relapses", "rechute")]),
    ("Reoffending rates", [("Reoffending", "recidive")]),
    ("probation officers", [("probation officers", "probation-officer")]),
    ("harm reduction", [("harm reduction", "harm-reduction")]),
    ("drug policies", [("policies", "policy")]),
    ("processes", [("processes", "process")]),
    ("the injonction thérapeutique", [("injonction thérapeutique", "injonction-therapeutique")]),
    ("relapsed", []),
])
def test_english_matching(text, expected):
    assert found(text, EN, "en") == expected


def test_fold_keeps_length():
    for s in ["Récidive", "l’usage", "aller\u00a0vers", "Œuvre", "ÉTÉ"]:
        assert len(fold(s)) == len(s)
    assert fold("L’ÉTÉ") == "l'ete"


def test_term_pattern_pluralises_content_words_only():
    src = term_pattern("obligation de soins", "fr")
    assert "obligations?" in src and r"de" in src and "soins?" not in src


def test_first_occurrence_only():
    linker = PageLinker(Matcher(FR, "fr"))
    assert [m.concept for m in linker.links("rechute, rechute")] == ["rechute"]
    assert linker.links("encore une rechute") == []


def test_every_occurrence_when_configured():
    linker = PageLinker(Matcher(FR, "fr"), first_only=False)
    assert len(linker.links("rechute, rechute")) == 2


def test_never_on_the_concepts_own_page():
    linker = PageLinker(Matcher(FR, "fr"), own_concept="rechute")
    assert [m.concept for m in linker.links("rechute et récidive")] == ["recidive"]


def test_ambiguous_acronym_needs_the_term_on_the_page():
    m = Matcher(FR, "fr")
    alone = PageLinker(m, page_text="Le IT department.")
    assert alone.links("Le IT department.") == []
    with_term = PageLinker(m, page_text="L'injonction thérapeutique (IT) est…")
    assert [x.concept for x in with_term.links("puis l'IT")] == ["injonction-therapeutique"]


def test_ambiguous_acronym_in_english_text():
    m = Matcher(EN, "en")
    assert PageLinker(m, page_text="IT support").links("IT support") == []


def test_unambiguous_acronym_links_alone():
    m = Matcher(FR, "fr")
    assert [x.concept for x in PageLinker(m, page_text="au CSAPA").links("au CSAPA")] == ["csapa"]


def test_overlapping_candidates_keep_leftmost_longest():
    m = Matcher(FR, "fr")
    assert [(x.start, x.end) for x in m.find("injonction de soins")] == [(0, 19)]
