"""The glossary in the real site: every concept in both languages, backlinks to real anchors, links in chapters."""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from conftest import ROOT, run_build
from soins_obliges.glossary.model import load_glossary


@pytest.fixture(scope="module")
def glossary():
    g, errors = load_glossary(ROOT / "glossary")
    assert errors == []
    return g


def ids_in(page: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', page.read_text()))


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    base = "/" + page.relative_to(site).parent.as_posix() + "/"
    url = urlparse(urljoin(base, href))
    target = site / unquote(url.path).lstrip("/")
    if target.is_dir() or not target.suffix:
        target = target / "index.html"
    return target, url.fragment


def test_every_concept_has_a_page_in_both_languages(site, glossary):
    for cid, concept in glossary.concepts.items():
        fr = site / "glossaire" / cid / "index.html"
        en = site / "en" / "glossaire" / cid / "index.html"
        assert fr.exists() and en.exists(), cid
        assert re.search(r'<html lang="fr"', fr.read_text()) and re.search(r'<html lang="en"', en.read_text())
        assert htmllib.escape(concept.en.term[:1].upper() + concept.en.term[1:], quote=False) in en.read_text(), cid


def test_every_group_has_a_comparison_page(site, glossary):
    assert len(glossary.groups) >= 7
    for gid, group in glossary.groups.items():
        for prefix in ("", "en/"):
            page = site / prefix / "glossaire" / "faux-amis" / gid / "index.html"
            text = page.read_text()
            assert "<table" in text and "data-label=" in text, page
            for cid in group.concepts:
                assert f"glossaire/{cid}/" in text or f"../{cid}/" in text, (page, cid)


def test_backlinks_point_to_real_anchors(site, glossary):
    checked = 0
    for cid in glossary.concepts:
        page = site / "glossaire" / cid / "index.html"
        text = page.read_text()
        where = text.split('id="ou-ce-terme-apparait"', 1)
        if len(where) < 2:
            continue
        section = where[1].split("<h2", 1)[0]
        for href in re.findall(r'href="([^"]+)"', section):
            target, fragment = resolve(site, page, htmllib.unescape(href))
            assert target.exists(), (page, href)
            if fragment:
                assert fragment in ids_in(target), (page, href)
                checked += 1
    assert checked > 50


def test_chapters_link_glossary_terms_to_existing_entries(site, glossary):
    total = 0
    for page in (site / "02-reponse-penale-et-addictions").rglob("index.html"):
        for cid, href in re.findall(r'<a class="so-term" data-term="([^"]+)" href="([^"]+)"', page.read_text()):
            assert cid in glossary.concepts
            target, _ = resolve(site, page, href)
            assert target.exists() and f"/glossaire/{cid}/" in "/" + target.relative_to(site).as_posix(), href
            total += 1
    assert total > 30


def test_each_concept_linked_once_per_page(site):
    for page in site.rglob("index.html"):
        terms = re.findall(r'class="so-term" data-term="([^"]+)"', page.read_text())
        explicit = re.findall(r"\[\[", page.read_text())
        assert explicit == [], page  # every [[ref]] was rendered
        # automatic links: first occurrence only (explicit [[refs]] may repeat a concept on definitions pages)
        # the book (livre/) puts every chapter on one page: each chapter keeps its own first links
        if "definitions" not in page.as_posix() and "/livre/" not in page.as_posix():
            assert len(terms) == len(set(terms)), page


def test_popover_data_on_pages_with_links(site):
    page = (site / "03-soins-obliges-reperes" / "recidive-et-rechute" / "index.html").read_text()
    assert 'class="so-term"' in page and 'class="so-glossary-data"' in page
    assert "assets/glossary.js" in page


def test_glossary_home_lists_every_concept_and_acronyms(site, glossary):
    home = (site / "glossaire" / "index.html").read_text()
    for cid in glossary.concepts:
        assert f'href="{cid}/"' in home, cid
    assert "Sigles" in home and "CSAPA" in home


def test_unknown_explicit_reference_fails_the_build(project_copy, tmp_path):
    page = project_copy / "docs" / "a-propos.md"
    page.write_text(page.read_text() + "\n\nVoir [[rechut]].\n")
    proc = run_build(project_copy, tmp_path / "out")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"docs/a-propos\.md:\d+: « \[\[rechut\]\] »: unknown glossary concept `rechut` → did you mean \[\[rechute\]\]\?", out), out[-2000:]


def test_invalid_concept_fails_the_build(project_copy, tmp_path):
    concept = project_copy / "glossary" / "rechute.yml"
    concept.write_text(concept.read_text().replace("sector:", "secteur:", 1))
    proc = run_build(project_copy, tmp_path / "out")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "glossary/rechute.yml:" in out and "unknown key `secteur`" in out and "did you mean `sector`?" in out
