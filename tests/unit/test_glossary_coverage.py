"""Coverage of the glossary (issue 4): the guide's 34 defined terms and every acronym used on the site's pages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from soins_obliges.glossary.matcher import Matcher, fold
from soins_obliges.glossary.model import load_glossary

ROOT = Path(__file__).resolve().parents[2]

# The entries of the guide's two « Quelques définitions » chapters (p. 30-33 and 58-59), as the guide titles them,
# with the concept that defines each.
DEFINED_TERMS = {
    # addictology (p. 30-33)
    "Abstinence": "abstinence", "Accompagnement": "accompagnement", "Accueil": "accueil-inconditionnel",
    "Aller vers": "aller-vers", "Cure": "cure", "Craving": "craving",
    "Gestion de la consommation": "gestion-de-la-consommation", "Intervention précoce": "intervention-precoce",
    "Overdose, surdose": "overdose", "Postcure": "postcure", "Prévention": "prevention", "Projet": "projet-de-soin",
    "Rechute": "rechute", "Réduction des risques et des dommages": "rdrd", "Sevrage": "sevrage",
    "Substitution aux opiacés": "substitution-opiaces", "Tolérance": "tolerance", "Usager": "usager",
    # justice (p. 58-59)
    "Commission d'application des peines (CAP)": "cap", "Condamnation": "condamnation",
    "Constitution de partie civile": "constitution-de-partie-civile", "Débat contradictoire": "debat-contradictoire",
    "Désistance": "desistance", "Écrouer": "ecrou", "Mise en examen": "mise-en-examen",
    "Multi-condamnation": "multi-condamnation",
    "Personne placée sous main de justice": "personne-placee-sous-main-de-justice",
    "Plan d'accompagnement de la personne et d'exécution de la peine (PACEP)": "pacep",
    "Police judiciaire": "police-judiciaire", "Prévenu": "prevenu", "Probation": "probation",
    "Récidive (ou récidive « légale »)": "recidive", "Réitération": "reiteration",
    "Usager simple de stupéfiants": "usager-simple-de-stupefiants",
}

# Upper-case words of the pages that are not acronyms of the guide's vocabulary, and why.
NOT_ACRONYMS = {
    "AIDES": "name of an association, written in capitals",
    "AKATIJ": "name of an association (working group member)",
    "ALT": "name of a CSAPA (working group member)",
    "CEID": "name of an association, never expanded in the guide",
    "MG": "part of a proper name (« Pôle MG Addictions »)",
    "SIC": "part of the formula E = SIC (concept equation-e-sic)",
    "AIDS": "English name of the disease (French « sida »), not a term of the guide's vocabulary",
    "PDF": "file format (about page)", "DILA": "data attribution (about page)", "LEGI": "data attribution",
}


@pytest.fixture(scope="module")
def glossary():
    g, errors = load_glossary(ROOT / "glossary")
    assert errors == []
    return g


def test_the_34_defined_terms():
    assert len(DEFINED_TERMS) == 34


@pytest.mark.parametrize("heading, cid", DEFINED_TERMS.items())
def test_each_defined_term_has_its_concept(glossary, heading, cid):
    assert cid in glossary.concepts, f"« {heading} » has no concept glossary/{cid}.yml"
    concept = glossary.concepts[cid]
    word = re.sub(r"\s*\(.*\)\s*$", "", heading).split(",")[0].strip()
    forms = {fold(f) for f in (concept.fr.term, *concept.fr.variants, *concept.fr.hidden, *concept.fr.acronyms)}
    found = {m.concept for m in Matcher(glossary.entries("fr"), "fr").find(word)}
    assert cid in found or fold(word) in forms, f"« {word} » does not lead to `{cid}`"
    assert concept.en.definition and concept.fr.definition


def site_acronyms() -> set[str]:
    found = set()
    for path in (ROOT / "docs").rglob("*.md"):
        rel = path.relative_to(ROOT / "docs").as_posix()
        # generated pages, and the accessibility statement (RGAA, WCAG, NVDA: the site's, not the guide's vocabulary)
        if rel.startswith(("glossaire/", "correspondance-guide", "references-juridiques", "schemas", "accessibilite")):
            continue
        text = re.sub(r"\]\([^)]*\)", "]", path.read_text(encoding="utf-8"))   # link targets are not text
        text = re.sub(r"`[^`]*`", "", text)
        found |= set(re.findall(r"(?<![\w-])([A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]+)?)(?![\w-])", text))
    return found


def test_every_acronym_on_the_site_has_a_concept(glossary):
    known = {a for c in glossary.concepts.values() for lang in (c.fr, c.en) for a in lang.acronyms}
    missing = []
    for acronym in sorted(site_acronyms()):
        if acronym in known or acronym in NOT_ACRONYMS:
            continue
        parts = re.split(r"-", acronym)
        if all(p in known for p in parts):          # DACG-PEPP
            continue
        if re.sub(r"-(?:\d+|[IVX]+)$", "", acronym) in known:   # DSM-5, DSM-IV
            continue
        missing.append(acronym)
    assert missing == [], f"acronyms used on the site with no glossary concept: {missing}"
    assert len(site_acronyms()) > 60
