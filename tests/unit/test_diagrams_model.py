"""Diagram sources: loading, and every check that must stop the build with file:line (no MkDocs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from soins_obliges.diagrams.model import load_diagram, load_diagrams, parse_link

ROOT = Path(__file__).resolve().parents[2]

from .diagram_fixtures import MINIMAL, write  # noqa: E402


def errors_of(tmp_path: Path, text: str, name: str = "demo") -> list[str]:
    d, errors = load_diagram(write(tmp_path, text, name), f"diagrams/{name}.yml")
    assert d is None
    return [str(e) for e in errors]


def test_minimal_diagram_loads(tmp_path):
    d, errors = load_diagram(write(tmp_path, MINIMAL), "diagrams/demo.yml")
    assert errors == []
    assert [n.id for n in d.nodes] == ["debut", "suite", "mesure"]
    assert d.source_pages == [52]
    debut = d.node("debut")
    assert debut.link.page == "02-reponse-penale-et-addictions/spip.md" and debut.link.anchor == "quelles-sont-ses-missions"
    assert debut.link.line == 14
    assert [(e.to, e.style) for e in debut.next] == [("suite", "solid"), ("alt", "dashed")]
    assert debut.next[1].label.fr == "oui, exécutée" and debut.next[1].label.en == "yes, carried out"
    assert d.care["it"].link.concept == "injonction-therapeutique"
    assert d.target("alt").label.en == "Alternatives"
    assert [lk.raw for lk in d.links()] == ["injonction-therapeutique", "02-reponse-penale-et-addictions/spip.md#quelles-sont-ses-missions"]


def test_the_sites_diagrams_all_load():
    diagrams, errors = load_diagrams(ROOT / "diagrams", ROOT)
    assert [str(e) for e in errors] == []
    assert len(diagrams) >= 7
    for d in diagrams.values():
        assert d.meta["fr"].title and d.meta["en"].title and d.source_pages


@pytest.mark.parametrize("raw, kind", [
    ("obligation-de-soins", "concept"),
    ("06-annexes/secret-professionnel.md", "page"),
    ("06-annexes/secret-professionnel.md#ce-que-la-loi-punit", "page"),
])
def test_parse_link(raw, kind):
    link = parse_link(raw)
    assert (link.concept is not None) == (kind == "concept")


@pytest.mark.parametrize("raw", ["../docs/x.md", "/abs.md", "Obligation de soins", "x.html"])
def test_parse_link_rejects(raw):
    with pytest.raises(ValueError):
        parse_link(raw)


def test_unknown_key_names_the_line_and_suggests(tmp_path):
    text = MINIMAL.replace("    care: [it]\n", "    car: [it]\n")
    assert errors_of(tmp_path, text) == [
        "diagrams/demo.yml:21: unknown key `car` in `nodes.1` → did you mean `care`?"]


def test_missing_english_label(tmp_path):
    text = MINIMAL.replace("    fr: Suite\n    en: Next\n", "    fr: Suite\n")
    errs = errors_of(tmp_path, text)
    assert errs == ["diagrams/demo.yml:18: missing `en` in `nodes.1` → add the English label under `en:`"]


def test_arrow_to_unknown_node(tmp_path):
    text = MINIMAL.replace("      - suite\n", "      - suitte\n")
    assert errors_of(tmp_path, text) == [
        "diagrams/demo.yml:16: node `debut`: arrow to unknown node or group `suitte` → did you mean `suite`?"]


def test_unquoted_comma_in_an_arrow_mapping_is_explained(tmp_path):
    text = MINIMAL.replace('fr: "oui, exécutée", en: "yes, carried out"', "fr: oui, exécutée, en: yes, carried out")
    (err,) = errors_of(tmp_path, text)
    assert err.startswith("diagrams/demo.yml:17: `nodes.0.next.1`: unknown key(s) `exécutée`")
    assert "quote a label that contains a comma" in err


def test_bad_link_syntax(tmp_path):
    text = MINIMAL.replace("link: injonction-therapeutique", "link: Injonction thérapeutique")
    (err,) = errors_of(tmp_path, text)
    assert err.startswith("diagrams/demo.yml:6: `care.it.link`: cannot read the link 'Injonction thérapeutique'")


def test_id_must_match_the_file_name(tmp_path):
    errs = errors_of(tmp_path, MINIMAL, name="autre")
    assert errs == ["diagrams/autre.yml:1: id `demo` differs from the file name `autre` → "
                    "rename the file to demo.yml or set `id: autre`"]


def test_decision_needs_two_ways_out_and_tags_must_exist(tmp_path):
    text = MINIMAL.replace("    kind: start\n", "    kind: decision\n").replace(
        "      - {to: alt, fr: \"oui, exécutée\", en: \"yes, carried out\", style: dashed}\n", "").replace(
        "care: [it]", "care: [os]")
    errs = errors_of(tmp_path, text)
    assert "diagrams/demo.yml:10: node `debut` is a decision with 1 way out → give it at least two arrows " \
           "(`next:`), or make it a `step`" in errs
    assert any(e.startswith("diagrams/demo.yml:20: node `suite`: unknown care tag `os`") for e in errs)


def test_group_members_must_be_consecutive(tmp_path):
    text = MINIMAL + "  - id: fin\n    fr: Fin\n    en: End\n  - id: mesure2\n    group: alt\n    fr: M2\n    en: M2\n"
    errs = errors_of(tmp_path, text)
    assert errs == ["diagrams/demo.yml:30: the nodes of group `alt` are not next to each other → list a group's "
                    "nodes one after the other (the text version follows the file)"]


def test_yaml_syntax_error_has_a_line(tmp_path):
    errs = errors_of(tmp_path, MINIMAL.replace("  - id: suite\n", "  - id: suite\n   bad: [\n"))
    assert len(errs) == 1 and errs[0].startswith("diagrams/demo.yml:") and "invalid YAML" in errs[0]


def test_one_language_reconstruction_is_an_error(tmp_path):
    text = MINIMAL.replace("fr: {title: Titre, desc: Description.}",
                           "fr: {title: Titre, desc: Description., reconstruction: d'après le texte}")
    assert errors_of(tmp_path, text) == ["diagrams/demo.yml:3: `fr.reconstruction` has no `en.reconstruction` → "
                                         "write it in both languages"]
