"""Checking citations against the registry (soins_obliges.legal.checker): one test per status and per kind of
error, on a small reviewed file checked against the real LEGI index of 2023-12-06."""
import textwrap

import pytest

from soins_obliges.legal.checker import check, tooltip
from soins_obliges.legal.parser import ParseState, find_citations
from soins_obliges.legal.registry import load_index, load_registry

ARTICLES = """\
index_date: "2023-12-06"
attribution: "Source : Légifrance / DILA, base LEGI, Licence Ouverte 2.0, état au 6 décembre 2023"
articles:
  - code: CP
    num: "222-39"
    summary: {fr: Punit la cession de stupéfiants pour la consommation d'autrui., en: Punishes supplying drugs for someone's own use.}
    status: en_vigueur
    legiarti: LEGIARTI000006417729
    legiarti_source: cited-articles.csv
    verified_on: "2026-11-27"
    source: test
  - code: CP
    num: "132-45"
    summary: {fr: Liste les obligations du sursis probatoire., en: Lists the obligations of probation.}
    status: modifie
    changes: {fr: Sursis probatoire depuis le 24 mars 2020., en: Sursis probatoire since 24 March 2020.}
    verified_on: "2026-11-27"
    source: test
  - code: CP
    num: "132-41-1"
    summary: {fr: Sursis probatoire à suivi renforcé., en: Probation with reinforced follow-up.}
    status: nouveau
    changes: {fr: Créé par la loi n° 2019-222., en: Created by Act No. 2019-222.}
    verified_on: "2026-11-27"
    source: test
  - code: CP
    num: "132-54"
    summary: {fr: Organisait le sursis-TIG., en: Governed the sursis-TIG.}
    status: abroge
    changes: {fr: Abrogé en 2020., en: Repealed in 2020.}
    successors: [{code: CP, num: "132-45", detail: "21°"}]
    verified_on: "2026-11-27"
    source: test
  - code: CPP
    num: "D581"
    summary: {fr: Secret professionnel des SPIP., en: Professional secrecy of SPIP staff.}
    status: deplace
    changes: {fr: Passé au code pénitentiaire., en: Moved to the Prison Code.}
    successors: [{code: CPEN, num: D113-45}]
    verified_on: "2026-11-27"
    source: test
  - code: CPP
    num: "41-1"
    summary: {fr: Les alternatives aux poursuites., en: Alternatives to prosecution.}
    status: modifie
    changes: {fr: Avertissement pénal probatoire depuis 2023., en: Probationary warning since 2023.}
    verified_on: "2026-11-27"
    source: test
  - code: CPEN
    num: "D113-45"
    summary: {fr: Secret professionnel des SPIP., en: Professional secrecy of SPIP staff.}
    status: nouveau
    changes: {fr: Code pénitentiaire 2022., en: Prison Code 2022.}
    verified_on: "2026-11-27"
    source: test
"""


@pytest.fixture(scope="module")
def index():
    return load_index()


@pytest.fixture(scope="module")
def reg(index, tmp_path_factory):
    path = tmp_path_factory.mktemp("legal") / "articles.yaml"
    path.write_text(ARTICLES, encoding="utf-8")
    r, errors = load_registry(path, index=index)
    assert errors == []
    return r


def one(text, reg, context=None):
    (c,) = find_citations(text, ParseState(last_code=context))
    return check(c, reg)


def problems(res):
    return [f"{p.problem} → {p.fix}" for p in res.problems]


def test_in_force_unchanged_links_to_the_verified_article(reg):
    res = one("article 222-39 du code pénal", reg)
    assert res.problems == []
    (v,) = res.verdicts
    assert v.ok and not v.gone and v.url == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417729"


def test_without_an_id_the_link_searches_the_number_in_its_code(reg):
    res = one("article 132-45 du code pénal", reg)
    (v,) = res.verdicts
    assert res.problems == [] and v.ok and v.entry.changed_since_2020
    assert v.url == ("https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE"
                     "&query=132-45&page=1&init=true&nomCode=M94xeQ%3D%3D")
    assert "texte_lc" not in v.url


def test_created_since_2020(reg):
    (v,) = one("article 132-41-1 du code pénal", reg).verdicts
    assert v.ok and v.entry.status == "nouveau" and v.entry.changed_since_2020


def test_repealed_article_cited_as_historical_is_allowed(reg):
    res = one("l'ancien article 132-54 du code pénal", reg)
    (v,) = res.verdicts
    assert res.problems == [] and v.ok and v.gone and v.entry.status == "abroge"


def test_moved_article_cited_as_historical_is_allowed(reg):
    res = one("former Article D. 581 of the Code of Criminal Procedure", reg)
    (v,) = res.verdicts
    assert res.problems == [] and v.gone and [s.num for s in v.entry.successors] == ["D113-45"]


def test_gone_article_without_ancien_is_an_error(reg):
    res = one("l'article D. 581 du code de procédure pénale", reg)
    assert problems(res) == [
        "« article D. 581 du code de procédure pénale » : l'article D. 581 du code de procédure pénale a été déplacé "
        "depuis 2020 (successeur : art. D. 113-45 du code pénitentiaire) ; il n'est plus en vigueur (index LEGI du "
        "2023-12-06) → écrivez-le comme historique, « l'ancien article D. 581 du code de procédure pénale », ou citez "
        "art. D. 113-45 du code pénitentiaire"]
    assert not res.verdicts[0].ok


def test_unknown_article_message(reg):
    res = one("article 132-99 du code pénal", reg)
    assert [p.problem for p in res.problems] == [
        "« article 132-99 du code pénal » : article inconnu du code pénal (index LEGI du 2023-12-06)"]


def test_unknown_article_in_a_list_names_it(reg):
    res = one("articles 222-39 et 222-99 du code pénal", reg)
    assert [p.problem for p in res.problems] == [
        "« articles 222-39 et 222-99 du code pénal » : article 222-99 inconnu du code pénal (index LEGI du 2023-12-06)"]
    assert [v.ok for v in res.verdicts] == [True, False]


def test_number_of_another_code_names_that_code(reg):
    res = one("article 41-1 du code pénal", reg)
    (p,) = res.problems
    assert "ce numéro existe dans le code de procédure pénale" in p.problem
    assert p.fix == "corrigez le code : « article 41-1 du code de procédure pénale »"


def test_article_in_force_but_not_reviewed(reg):
    (p,) = one("article 226-13 du code pénal", reg).problems
    assert "absent du registre des articles cités" in p.problem and "articles.yaml" in p.fix


def test_code_from_context_that_lacks_the_article(reg):
    (p,) = one("l'ancien article D. 581", reg, context="CP").problems
    assert "aucun code n'est nommé" in p.problem
    assert p.fix == "nommez le code : « l’ancien article D. 581 du code de procédure pénale »"


def test_no_code_at_all(reg):
    (p,) = one("articles 132-44 et 132-45", reg).problems
    assert "aucun code n'est nommé" in p.problem


def test_same_code_without_a_code_before(reg):
    (p,) = one("l'article 141-2 du même code", reg).problems
    assert "« même code » ne renvoie à aucun code" in p.problem


def test_code_outside_the_index(reg):
    (p,) = one("article L. 211-1 du code de l'organisation judiciaire", reg).problems
    assert "n'est pas couvert par l'index LEGI" in p.problem


def test_reversed_range(reg):
    res = one("articles 222-39 à 132-45 du code pénal", reg)
    assert any("plage" in p.problem for p in res.problems)


def test_ancien_on_an_article_still_in_force_is_allowed(reg):
    res = one("l'ancien article 132-45 du code pénal", reg)
    assert res.problems == [] and res.verdicts[0].ok and not res.verdicts[0].gone


def test_tooltip_has_code_article_summary_status_and_date(reg):
    e = reg.entry("CPP", "41-1")
    t = tooltip(e, "fr")
    for part in ("Code de procédure pénale, article 41-1", "Les alternatives aux poursuites.",
                 "Statut : modifié depuis 2020", "numérotation appelée à changer au 1er janvier 2029",
                 "État du droit : index LEGI du 6 décembre 2023", "Fiche relue le 27 novembre 2026"):
        assert part in t
    assert "Vérifié le" not in t and "vérifié le" not in t
    en = tooltip(e, "en")
    assert "Status: amended since 2020" in en
    assert "State of the law: LEGI index of 6 December 2023" in en and "Entry reviewed on 27 November 2026" in en


def test_cpp_regulatory_part_is_not_recodified(reg):
    assert reg.entry("CPP", "41-1").recodified_2029
    assert not reg.entry("CPP", "D581").recodified_2029
    assert not reg.entry("CP", "132-45").recodified_2029


def test_an_indexed_article_missing_from_the_registry_gets_a_ready_entry(reg):
    res = one("article L. 3413-2 du code de la santé publique", reg)
    (p,) = res.problems
    assert "absent du registre des articles cités (il existe dans l'index LEGI du 2023-12-06)" in p.problem
    assert p.fix.startswith("ajoutez-le à soins_obliges/data/legal/articles.yaml")
    entry = p.fix.split(":\n", 1)[1]
    assert entry.splitlines()[:2] == ["  - code: CSP", '    num: "L3413-2"']
    assert "chapitre-iii-personnes-signalees-par-lautorite-judiciaire" in entry
    assert "    status: en_vigueur" in entry and "TODO" in entry


def test_an_article_absent_from_the_index_keeps_its_error(reg):
    (p,) = one("article 132-99 du code pénal", reg).problems
    assert "inconnu du code pénal (index LEGI du 2023-12-06)" in p.problem and "TODO" not in p.fix
