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


def test_verified_ids_only_from_the_shared_list():
    """Every LEGIARTI id of the registry is one of ../shared/data/legi-index/cited-articles.csv (verified there)."""
    verified = {"LEGIARTI000006417722", "LEGIARTI000006417724", "LEGIARTI000006417729", "LEGIARTI000006417732",
                "LEGIARTI000006417401", "LEGIARTI000054724895", "LEGIARTI000054724851", "LEGIARTI000038954545"}
    reg, _ = default_registry()
    ids = {e.legiarti for e in reg.entries.values() if e.legiarti}
    assert ids and ids <= verified


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
