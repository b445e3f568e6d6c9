"""The registry (soins_obliges.legal.registry): the LEGI index copied into the repository, and the reviewed file
of cited articles checked against it."""
import textwrap

import pytest

from soins_obliges.legal.codes import CODES
from soins_obliges.legal.registry import (ARTICLES_FILE, ATTRIBUTION, INDEX_DATE, default_registry, load_index,
                                          load_registry)

HEAD = 'index_date: "2023-12-06"\nattribution: "x"\narticles:\n'


@pytest.fixture(scope="module")
def index():
    return load_index()


def entry(code="CP", num="222-39", status="en_vigueur", extra=""):
    item = (f'- code: {code}\n  num: "{num}"\n'
            "  summary: {fr: Un résumé assez long., en: A summary long enough.}\n"
            f'  status: {status}\n  verified_on: "2026-01-01"\n  source: test\n'
            + "".join(f"  {line}\n" for line in extra.splitlines()))
    return textwrap.indent(item, "  ")


def load(tmp_path, index, *entries):
    p = tmp_path / "articles.yaml"
    p.write_text(HEAD + "".join(entries), encoding="utf-8")
    return load_registry(p, index=index, display_path="articles.yaml")


def test_index_covers_the_six_codes_with_their_sizes(index):
    assert set(index) == set(CODES)
    assert len(index["CP"]) == 1303 and len(index["CSP"]) == 13238 and len(index["CPEN"]) == 1684
    assert "222-39" in index["CP"] and "D581" not in index["CPP"] and "R131-46" not in index["CP"]


def test_attribution_and_date():
    assert INDEX_DATE == "2023-12-06"
    assert ATTRIBUTION["fr"] == "Source : Légifrance / DILA, base LEGI, Licence Ouverte 2.0, état au 6 décembre 2023"


def test_the_shipped_registry_is_valid_and_consistent():
    reg, errors = default_registry()
    assert errors == []
    assert len(reg.entries) >= 70
    for e in reg.entries.values():
        assert reg.exists(e.code, e.num) == e.in_force, (e.code, e.num)
        assert e.summary["fr"] != e.summary["en"]


def test_gone_articles_of_the_issue_are_flagged():
    reg, _ = default_registry()
    assert reg.entry("CPP", "D581").status == "deplace"
    assert reg.entry("CP", "R131-46").status in ("abroge", "deplace")
    assert reg.entry("CP", "132-45").changed_since_2020          # sursis probatoire


def test_verified_ids_name_the_api_answer_they_were_read_in():
    """Every LEGIARTI id of the registry was read as the ``cid`` of the article's own recorded Légifrance API
    answer (LexHub-project/legifrance-bot cache/articles/<cid>.json), whose number and code the source repeats;
    never a version id, never the superseded CPP 720 (LEGIARTI000006577940)."""
    reg, _ = default_registry()
    with_id = [e for e in reg.entries.values() if e.legiarti]
    assert len(with_id) >= 26
    for e in with_id:
        assert f"cache/articles/{e.legiarti}.json" in e.legiarti_source, (e.code, e.num)
        assert f"num {e.num}," in e.legiarti_source or e.num == "222-39", (e.code, e.num)
        assert CODES[e.code].legitext in e.legiarti_source or e.num == "222-39", (e.code, e.num)
    assert "LEGIARTI000006577940" not in {e.legiarti for e in with_id}
    assert len({e.legiarti for e in with_id}) == len(with_id)          # one article, one id


def test_links_open_the_article_or_search_its_number_never_the_whole_code():
    reg, _ = default_registry()
    assert reg.url("CP", "132-45") == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417442"
    assert reg.opens_article("CP", "132-45")
    assert reg.link_label("CP", "132-45", "fr") == "Lire l'article sur Légifrance"
    assert reg.link_label("CP", "132-45", "en") == "Read the article on Légifrance"
    no_id = next(e for e in reg.entries.values() if e.code == "CPP" and not e.legiarti)
    url = reg.url("CPP", no_id.num)
    assert url == ("https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE"
                   f"&query={no_id.num}&page=1&init=true&nomCode=aQb8lg%3D%3D")
    assert reg.link_label("CPP", no_id.num, "fr") == "Chercher l'article sur Légifrance"
    assert reg.link_label("CPP", no_id.num, "en") == "Search for the article on Legifrance".replace("Legi", "Légi")
    for e in reg.entries.values():
        assert "texte_lc" not in reg.url(e.code, e.num)


def test_search_url_per_code():
    assert CODES["CP"].search_url("132-45").endswith("&query=132-45&page=1&init=true&nomCode=M94xeQ%3D%3D")
    # no nomCode known for the other codes: the number is searched in every code (hits name their code)
    csp = CODES["CSP"].search_url("L3413-1")
    assert csp == ("https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE"
                   "&query=L3413-1&page=1&init=true")
    assert "nomCode" not in csp


def test_share_counts_articles_with_an_id():
    reg, _ = default_registry()
    a, n = reg.share(reg.entries)
    assert n == len(reg.entries) and a == sum(1 for e in reg.entries.values() if e.legiarti)


def test_dating_lines_separate_the_law_and_the_review():
    from soins_obliges.legal.registry import law_state, reviewed_on
    assert law_state("fr") == "État du droit : index LEGI du 6 décembre 2023"
    assert law_state("en") == "State of the law: LEGI index of 6 December 2023"
    assert reviewed_on("2026-11-27", "fr") == "Fiche relue le 27 novembre 2026"
    assert reviewed_on("2026-11-01", "fr") == "Fiche relue le 1er novembre 2026"
    assert reviewed_on("2026-11-27", "en") == "Entry reviewed on 27 November 2026"


def test_ready_entry_from_the_index_and_the_verified_ids(index):
    from soins_obliges.legal.registry import Registry, ready_entry
    reg = Registry(index=index)
    text = ready_entry(reg, "CSP", "L3413-2", ids={("CSP", "L3413-2"): ("LEGIARTI000000000001", "a recorded answer")})
    for part in ("  - code: CSP", '    num: "L3413-2"',
                 "    # section (index LEGI du 2023-12-06) : partie-legislative/troisieme-partie",
                 "chapitre-iii-personnes-signalees-par-lautorite-judiciaire", "    status: en_vigueur",
                 "    legiarti: LEGIARTI000000000001", '    legiarti_source: "a recorded answer"',
                 "      fr: TODO", "      en: TODO", '    verified_on: "TODO', "    source: TODO"):
        assert part in text, part
    assert "legiarti" not in ready_entry(reg, "CSP", "L3413-3", ids={})


def test_ready_entry_pasted_with_its_todo_is_refused(tmp_path, index):
    item = ('  - code: CSP\n    num: "L3413-2"\n    summary:\n      fr: TODO ce que dit l\'article\n'
            '      en: TODO what the article says\n    status: en_vigueur\n    verified_on: "2026-01-01"\n'
            '    source: TODO ce que vous avez relu\n')
    _, errors = load(tmp_path, index, item)
    assert len(errors) == 1 and "still to write: summary, source" in errors[0].problem and errors[0].line == 4
    assert errors[0].fix == "replace each TODO with the reviewed text"


def test_verified_ids_come_only_from_answers_read_in_the_article_s_own_file(tmp_path):
    from soins_obliges.legal.registry import verified_ids
    csv = tmp_path / "cited-articles.csv"
    csv.write_text("code,legitext,num,exists_2023_12,status_known,status_as_of,cid,version_id_in_force,version_since,source,note\n"
                   "CP,L,132-45,yes,,,LEGIARTI000006417442,,,bot cache/articles/LEGIARTI000006417442.json,ok\n"
                   "CP,L,132-23,yes,,,LEGIARTI000006417401,,,link inside cached 222-37,seen as a link\n"
                   "CPP,L,395,yes,,,LEGIARTI000006576446,,,bot cache/articles/LEGIARTI000006576446.json,WEAK: link only\n"
                   "ROUTE,L,L234-1,yes,,,,LEGIARTI000054724895,,legi-route,version only\n", encoding="utf-8")
    ids = verified_ids(csv)
    assert list(ids) == [("CP", "132-45")] and ids[("CP", "132-45")][0] == "LEGIARTI000006417442"
    assert verified_ids(tmp_path / "absent.csv") == {}


def test_a_valid_entry(tmp_path, index):
    reg, errors = load(tmp_path, index, entry())
    assert errors == [] and reg.entry("CP", "222-39").summary["en"] == "A summary long enough."


def test_in_force_status_for_an_absent_article(tmp_path, index):
    _, errors = load(tmp_path, index, entry(num="132-99"))
    assert len(errors) == 1 and "absent from the LEGI index" in errors[0].problem and errors[0].line == 4


def test_gone_status_for_an_article_in_force(tmp_path, index):
    _, errors = load(tmp_path, index, entry(status="abroge", extra="changes: {fr: Abrogé en 2021., en: Repealed in 2021.}\n"))
    assert any("in force in the LEGI index" in e.problem for e in errors)


def test_changed_status_needs_changes(tmp_path, index):
    _, errors = load(tmp_path, index, entry(status="modifie"))
    assert any("needs `changes`" in e.problem for e in errors)


def test_moved_article_needs_successors_in_force(tmp_path, index):
    _, errors = load(tmp_path, index, entry("CPP", "D581", "deplace", "changes: {fr: Déplacé en 2022., en: Moved in 2022.}\n"))
    assert any("needs its `successors`" in e.problem for e in errors)
    _, errors = load(tmp_path, index, entry("CPP", "D581", "deplace",
                                            "changes: {fr: Déplacé en 2022., en: Moved in 2022.}\n"
                                            "successors: [{code: CPEN, num: D999-1}]\n"))
    assert any("successor CPEN D999-1 is not in force" in e.problem for e in errors)


def test_an_id_needs_its_source(tmp_path, index):
    _, errors = load(tmp_path, index, entry(extra="legiarti: LEGIARTI000006417729\n"))
    assert any("never guess an id" in e.fix for e in errors)


def test_schema_rejects_a_malformed_id_and_unknown_fields(tmp_path, index):
    _, errors = load(tmp_path, index, entry(extra="legiarti: LEGIARTI123\nlegiarti_source: x\ncolour: red\n"))
    assert errors and all(e.file == "articles.yaml" for e in errors)
    text = " ".join(e.problem for e in errors)
    assert "LEGIARTI123" in text and "colour" in text


def test_duplicates_and_unnormalised_numbers(tmp_path, index):
    _, errors = load(tmp_path, index, entry(), entry())
    assert any("listed twice" in e.problem for e in errors)
    _, errors = load(tmp_path, index, entry(num="L3421-1 ".strip(), code="CSP"), entry(code="CSP", num="L03421-1"))
    assert any("not normalised" in e.problem or "absent" in e.problem for e in errors)


def test_index_date_must_match(tmp_path, index):
    p = tmp_path / "articles.yaml"
    p.write_text(HEAD.replace("2023-12-06", "2022-01-01") + entry(), encoding="utf-8")
    _, errors = load_registry(p, index=index)
    assert any("index_date" in e.problem for e in errors)


def test_the_registry_file_is_package_data():
    assert ARTICLES_FILE.exists() and ARTICLES_FILE.parent.parent.name == "data"


def test_text_checked_is_the_date_of_the_article_texts(tmp_path, index):
    reg, errors = load(tmp_path, index, entry(extra='text_checked: "2023-12-06"'))
    assert not errors and reg.entries[("CP", "222-39")].text_checked == "2023-12-06"
    reg, errors = load(tmp_path, index, entry(extra='text_checked: "2026-01-01"'))
    assert len(errors) == 1 and "text_checked 2026-01-01 is not the date of the article texts (2023-12-06)" in errors[0].problem
    reg, errors = load(tmp_path, index, entry())
    assert not errors and reg.entries[("CP", "222-39")].text_checked is None


def test_number_2029_only_for_the_legislative_cpp(tmp_path, index):
    reg, errors = load(tmp_path, index, entry(code="CPP", num="41", extra='number_2029: "L. 123-4"'))
    assert not errors and reg.entries[("CPP", "41")].number_2029 == "L. 123-4"
    reg, errors = load(tmp_path, index, entry(extra='number_2029: "X"'))
    assert len(errors) == 1 and "number_2029 is only for the legislative articles" in errors[0].problem
