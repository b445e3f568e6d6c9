"""Detection of code article citations in running text (soins_obliges.legal.parser): the forms professionals
write, French and English, and what must never be taken for a code article."""
import pytest

from soins_obliges.legal.codes import display, normalise
from soins_obliges.legal.parser import ParseState, find_citations


def cites(text, context=None):
    """[(code, [nums], historical)] for each citation found; ``context``: the code named earlier on the page."""
    state = ParseState(last_code=context)
    return [(c.code, c.nums, c.historical) for c in find_citations(text, state)]


POSITIVE_FR = [
    ("article 132-45 du code pénal", None, [("CP", ["132-45"], False)]),
    ("l'article 41-1 du code de procédure pénale", None, [("CPP", ["41-1"], False)]),
    ("art. L. 3413-1 CSP", None, [("CSP", ["L3413-1"], False)]),
    ("art. 222-39 C. pén.", None, [("CP", ["222-39"], False)]),
    ("articles L. 3421-1 et L. 3423-1 du code de la santé publique", None, [("CSP", ["L3421-1", "L3423-1"], False)]),
    ("articles 132-44 et 132-45", "CP", [("CP", ["132-44", "132-45"], False)]),
    ("article R. 234-1 du code de la route", None, [("CR", ["R234-1"], False)]),
    ("l'article 141-2 du même code", "CPP", [("CPP", ["141-2"], False)]),
    ("art. 222-39, al. 2", "CP", [("CP", ["222-39"], False)]),
    ("articles L. 3413-1 à L. 3413-4 du code de la santé publique", None, [("CSP", ["L3413-1", "L3413-4"], False)]),
    ("article 132-45, 3°, du code pénal", None, [("CP", ["132-45"], False)]),
    ("41-1 CPP", None, [("CPP", ["41-1"], False)]),
    ("l'article 41 du CPP", None, [("CPP", ["41"], False)]),
    ("l'ancien article D. 581 du code de procédure pénale", None, [("CPP", ["D581"], True)]),
    ("Ancien article D. 581 du code de procédure pénale.", None, [("CPP", ["D581"], True)]),
    ("articles 60-1, 77-1-1 et 99-3 du code de procédure pénale", None, [("CPP", ["60-1", "77-1-1", "99-3"], False)]),
    ("articles 774, 775 et 777 du code de procédure pénale", None, [("CPP", ["774", "775", "777"], False)]),
    ("articles 768 et suivants du code de procédure pénale", None, [("CPP", ["768"], False)]),
    ("Article 226-14 du code pénal, 3° (4° depuis 2020)", None, [("CP", ["226-14"], False)]),
    ("| 226-14, 1° | Privations |", "CP", [("CP", ["226-14"], False)]),
    ("article L.3423-1 du code de la santé publique", None, [("CSP", ["L3423-1"], False)]),
    ("article L3423-1 du CSP", None, [("CSP", ["L3423-1"], False)]),
    ("art. 132-45 CP", None, [("CP", ["132-45"], False)]),
    ("article 132-45 du Code pénal", None, [("CP", ["132-45"], False)]),
    ("Articles L. 3413-1 à L. 3413-4, L. 3424-1 et L. 3425-1 du code de la santé publique", None,
     [("CSP", ["L3413-1", "L3413-4", "L3424-1", "L3425-1"], False)]),
    ("les articles\nL. 3711-1 et suivants du code de la santé publique", None, [("CSP", ["L3711-1"], False)]),
    ("article\u00a0L.\u00a03423-1 du code de la santé publique", None, [("CSP", ["L3423-1"], False)]),
    ("article D. 113-45 du code pénitentiaire", None, [("CPEN", ["D113-45"], False)]),
    ("article L. 312-1 du code de l’action sociale et des familles", None, [("CASF", ["L312-1"], False)]),
    ("l'alinéa 2 de l'article 434-1 du code pénal", None, [("CP", ["434-1"], False)]),
    ("article 434-1, alinéa 2, du code pénal", None, [("CP", ["434-1"], False)]),
    ("l'article 132-45 (3°) du code pénal", None, [("CP", ["132-45"], False)]),
    ("(art. 132-45 C. pén.)", None, [("CP", ["132-45"], False)]),
    ("les anciens articles 132-54 à 132-57 du code pénal", None, [("CP", ["132-54", "132-57"], True)]),
    ("l'article R. 234-1 du même code", "CR", [("CR", ["R234-1"], False)]),
    ("article 132-45 du code pénal ; article 41-1 du code de procédure pénale", None,
     [("CP", ["132-45"], False), ("CPP", ["41-1"], False)]),
]

POSITIVE_EN = [
    ("Article 132-45 of the Criminal Code", None, [("CP", ["132-45"], False)]),
    ("Articles 132-44 and 132-45 of the Criminal Code", None, [("CP", ["132-44", "132-45"], False)]),
    ("Articles 495-17 to 495-25 of the Code of Criminal Procedure", None, [("CPP", ["495-17", "495-25"], False)]),
    ("former Article D. 581 of the Code of Criminal Procedure", None, [("CPP", ["D581"], True)]),
    ("Article L. 3413-1 of the Public Health Code", None, [("CSP", ["L3413-1"], False)]),
    ("Article R. 234-1 of the Highway Code", None, [("CR", ["R234-1"], False)]),
    ("Article 141-2 of the same code", "CPP", [("CPP", ["141-2"], False)]),
    ("Article 222-39, paragraph 2, of the Criminal Code", None, [("CP", ["222-39"], False)]),
    ("Articles 137 et seq. of the Code of Criminal Procedure", None, [("CPP", ["137"], False)]),
    ("Articles 137 and following of the Code of Criminal Procedure", None, [("CPP", ["137"], False)]),
    ("Article D. 112-35 of the Prison Code", None, [("CPEN", ["D112-35"], False)]),
    ("Article L. 312-1 of the Social Action and Families Code", None, [("CASF", ["L312-1"], False)]),
    ("Article 132-45 of the French Criminal Code", None, [("CP", ["132-45"], False)]),
    ("article 132-45 du code pénal", None, [("CP", ["132-45"], False)]),   # French citation in an English page
]

NEGATIVE = [
    "loi du 31 décembre 1970",
    "décret n° 2019-507 du 24 mai 2019",
    "loi n° 2019-222 du 23 mars 2019 de programmation 2018-2022",
    "l'article 1er de la loi du 31 décembre 1970",
    "l'article 48 de la loi n° 2007-297 du 5 mars 2007",
    "les articles 2 et 3 du décret du 24 mai 2019",
    "Article 64 of the Constitution",
    "Article 3 of the European Convention on Human Rights",
    "Article 2 of Decree No. 2019-507",
    "circulaire n° 2008-79 du 28 février 2008",
    "Revue Droit & Santé, n° 59, 2014, p. 1193-1201",
    "vers les pages 60-61 du guide",
    "le premier Plan Cancer (2003-2007)",
    "OFDT, Tendances n° 91 (2013), p. 4-5 : article d'I. Obradovic",
    "figure toujours dans le même article (2°)",
    "le guide imprime « D.34 11-1 », avec une espace parasite",
    "et aux articles qui le suivent",
    "ordonnance n° 2025-1091 du 19 novembre 2025",
    "les articles de code cités sont vérifiés",
    "Articles of French codes link to Légifrance",
]


@pytest.mark.parametrize("text,context,expected", POSITIVE_FR)
def test_french_forms(text, context, expected):
    assert cites(text, context) == expected


@pytest.mark.parametrize("text,context,expected", POSITIVE_EN)
def test_english_forms(text, context, expected):
    assert cites(text, context) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_code_articles(text):
    assert cites(text, context="CP") == []


def test_a_quantity_after_a_comma_is_not_another_article():
    assert cites("article 222-39, 5 ans d'emprisonnement", "CP") == [("CP", ["222-39"], False)]


def test_roles_of_lists_ranges_and_following():
    (c,) = find_citations("articles L. 3413-1 à L. 3413-4, L. 3424-1 et L. 3711-1 et suivants du CSP", ParseState())
    assert [r.role for r in c.refs] == ["range-start", "range-end", "list", "and-following"]


def test_details_are_kept_but_not_part_of_the_number():
    (c,) = find_citations("art. 222-39, al. 2, du code pénal", ParseState())
    assert c.refs[0].detail == "al. 2" and c.nums == ["222-39"]
    (c,) = find_citations("article 132-45, 3°, du code pénal", ParseState())
    assert c.refs[0].detail == "3°"


def test_spans_cover_the_citation_and_each_number():
    text = "Voir les articles 132-44 et 132-45 du code pénal, puis la suite."
    (c,) = find_citations(text, ParseState())
    assert text[c.start:c.end] == "articles 132-44 et 132-45 du code pénal"
    assert [text[r.start:r.end] for r in c.refs] == ["132-44", "132-45"]


def test_same_code_follows_the_page_in_document_order():
    state = ParseState()
    found = find_citations("l'article 143-1 du code de procédure pénale. L'article 141-2 du même code.", state)
    assert [(c.code, c.code_via) for c in found] == [("CPP", "explicit"), ("CPP", "same")]
    # a later paragraph, same page: the state carries over
    (c,) = find_citations("article 138 du même code", state)
    assert c.code == "CPP"


def test_a_code_named_without_an_article_sets_the_context():
    state = ParseState()
    find_citations("Le code de la route prévoit deux infractions.", state)
    (c,) = find_citations("l'article L. 234-1 et l'article R. 234-1", state)[:1]
    assert (c.code, c.code_via) == ("CR", "context")


def test_code_first_form_takes_the_code_named_just_before():
    state = ParseState()
    assert [(c.code, c.nums) for c in find_citations("CSP, art. L. 3413-1 ; C. pr. pén., art. 41-1", state)] == [
        ("CSP", ["L3413-1"]), ("CPP", ["41-1"])]


def test_same_code_with_nothing_before_has_no_code():
    (c,) = find_citations("l'article 141-2 du même code", ParseState())
    assert c.code is None and c.code_via == "same"


def test_codes_outside_the_index_are_recognised():
    (c,) = find_citations("article L. 211-1 du code de l'organisation judiciaire", ParseState())
    assert c.uncovered == "code de l'organisation judiciaire" and c.code is None
    (c,) = find_citations("article 1240 du code civil", ParseState())
    assert c.uncovered == "code civil"
    (c,) = find_citations("article L. 110-1 du code de commerce", ParseState())
    assert c.uncovered.startswith("code de commerce")


def test_historical_marker_only_before_the_article_word():
    assert cites("l'ancien article R. 131-46 du code pénal") == [("CP", ["R131-46"], True)]
    assert cites("l'article R. 131-46 du code pénal, ancien") == [("CP", ["R131-46"], False)]


@pytest.mark.parametrize("raw,norm", [("L. 3421-1", "L3421-1"), ("R.131-46", "R131-46"), ("D 581", "D581"),
                                      ("222-39", "222-39"), ("1er", "1"), ("LO 3", "LO3")])
def test_normalise(raw, norm):
    assert normalise(raw) == norm


def test_display_uses_a_no_break_space():
    assert display("L3413-1") == "L.\u00a03413-1" and display("132-45") == "132-45"
