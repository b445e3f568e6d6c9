"""One test per validation error of the glossary, asserting its message (file:line: problem → fix)."""
import shutil
import textwrap
from pathlib import Path

import pytest

from soins_obliges.glossary.model import load_glossary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "glossary"

GOOD = """\
id: {id}
sector: santé
source_pages: "30"
fr:
  term: {fr}
  definition: Une définition.
en:
  term: {en}
  definition: A definition.
"""


@pytest.fixture
def gdir(tmp_path):
    d = tmp_path / "glossary"
    d.mkdir()
    return d


def write(d: Path, name: str, text: str) -> None:
    (d / name).write_text(textwrap.dedent(text), encoding="utf-8")


def errors_of(d: Path) -> list[str]:
    return [str(e) for e in load_glossary(d)[1]]


def test_fixture_glossary_is_valid():
    g, errors = load_glossary(FIXTURES)
    assert errors == [] and len(g.concepts) == 6 and "recidive-rechute" in g.groups


def test_invalid_yaml(gdir):
    write(gdir, "a.yml", "id: a\nsector: santé\nfr: [unclosed\n")
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:") and "invalid YAML" in msg and "→" in msg


def test_duplicate_key(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "sector: justice\n")
    (msg,) = errors_of(gdir)
    assert "invalid YAML" in msg and "sector" in msg


def test_misspelled_key_gets_did_you_mean(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("source_pages", "source_page"))
    msgs = errors_of(gdir)
    assert any(m.startswith("glossary/a.yml:3: unknown key `source_page`") and "did you mean `source_pages`?" in m
               for m in msgs)


def test_misspelled_nested_key(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("  definition: Une", "  definiton: Une"))
    msgs = errors_of(gdir)
    assert any("glossary/a.yml:6: unknown key `definiton` in `fr`" in m and "did you mean `definition`?" in m
               for m in msgs)


def test_missing_language(gdir):
    text = GOOD.format(id="a", fr="aa", en="aa").split("en:")[0]
    write(gdir, "a.yml", text)
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:1: missing `en`") and "add the English edition" in msg


def test_unknown_sector(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("santé", "medical"))
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:2: `sector` is 'medical'") and "santé, justice, commun" in msg


def test_empty_definition(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("A definition.", '""'))
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:9: `en.definition` is empty")


def test_blank_definition(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("Une définition.", '"   "'))
    (msg,) = errors_of(gdir)
    assert "`fr.definition` is empty" in msg


def test_raw_html_in_definition(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("Une définition.", "Une <b>définition</b>."))
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:6: raw HTML in `fr.definition`") and "Markdown only" in msg


def test_id_differs_from_file_name(gdir):
    write(gdir, "a.yml", GOOD.format(id="b", fr="aa", en="aa"))
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:1: id `b` differs from the file name `a`")


def test_duplicate_id(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa"))
    write(gdir, "a.yaml", GOOD.format(id="a", fr="bb", en="bb"))
    msgs = errors_of(gdir)
    assert any("duplicate id `a`" in m for m in msgs)


def test_term_claimed_by_two_concepts(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="rechute", en="relapse"))
    write(gdir, "b.yml", GOOD.format(id="b", fr="Rechute", en="lapse"))
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/b.yml:5: fr term « Rechute » is also claimed by `a`") and "homonyms" in msg


def test_acronym_claimed_by_two_concepts(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("  definition: Une", "  acronyms: [CAP]\n  definition: Une"))
    write(gdir, "b.yml", GOOD.format(id="b", fr="bb", en="bb").replace("  definition: Une", "  acronyms: [CAP]\n  definition: Une"))
    (msg,) = errors_of(gdir)
    assert "fr acronym « CAP » is also claimed by `a`" in msg


def test_declared_homonyms_are_allowed(gdir):
    hom = 'homonyms:\n  CAP: "commission vs certificat"\n'
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("  definition: Une", "  acronyms: [CAP]\n  definition: Une") + hom)
    write(gdir, "b.yml", GOOD.format(id="b", fr="bb", en="bb").replace("  definition: Une", "  acronyms: [CAP]\n  definition: Une") + hom)
    assert errors_of(gdir) == []


def test_unknown_see_also(gdir):
    write(gdir, "rechute.yml", GOOD.format(id="rechute", fr="rechute", en="relapse"))
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "see_also: [rechut]\n")
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:10: `see_also`: unknown concept `rechut`") and "did you mean `rechute`?" in msg


def test_see_also_self_reference(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "see_also: [a]\n")
    (msg,) = errors_of(gdir)
    assert "`see_also` names the concept itself" in msg


def test_unknown_confusable(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "confusables:\n  - id: zz\n    fr: x\n    en: y\n")
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:11: `confusables`: unknown concept `zz`")


def test_confusable_with_itself(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "confusables:\n  - id: a\n    fr: x\n    en: y\n")
    (msg,) = errors_of(gdir)
    assert "cannot be confused with itself" in msg


def test_confusable_needs_both_languages(gdir):
    write(gdir, "b.yml", GOOD.format(id="b", fr="bb", en="bb"))
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "confusables:\n  - id: b\n    fr: x\n")
    (msg,) = errors_of(gdir)
    assert "missing `en` in `confusables.0`" in msg


def test_stays_french_needs_a_gloss(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa") + "stays_french: true\n")
    (msg,) = errors_of(gdir)
    assert "`stays_french: true` but no `en.gloss`" in msg


def test_bad_source_pages(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace('"30"', '"99"'))
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/a.yml:3: page 99 is outside the guide")


def test_group_with_unknown_concept(gdir, tmp_path):
    shutil.copytree(FIXTURES, gdir, dirs_exist_ok=True)
    write(gdir / "faux-amis", "g.yml", "id: g\nconcepts: [rechute, rechut]\nfr: {title: T, intro: I}\nen: {title: T, intro: I}\n")
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/faux-amis/g.yml:2: unknown concept `rechut`") and "did you mean `rechute`?" in msg


def test_every_error_is_reported_not_only_the_first(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa").replace("santé", "x"))
    write(gdir, "b.yml", GOOD.format(id="b", fr="bb", en="bb").replace("A definition.", '""'))
    assert len(errors_of(gdir)) == 2


def test_never_link_file_is_loaded_and_checked(gdir):
    write(gdir, "a.yml", GOOD.format(id="a", fr="aa", en="aa"))
    write(gdir, "_ne-pas-lier.yml", "fr: [Fédération Addiction]\nen: [Fédération Addiction]\n")
    g, errors = load_glossary(gdir)
    assert errors == [] and g.never_link["fr"] == ["Fédération Addiction"] and "_ne-pas-lier" not in g.concepts
    write(gdir, "_ne-pas-lier.yml", "fr: Fédération Addiction\n")
    (msg,) = errors_of(gdir)
    assert msg.startswith("glossary/_ne-pas-lier.yml:1: expected `fr:` and `en:` lists of names")
