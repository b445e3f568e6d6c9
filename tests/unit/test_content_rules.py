"""Content rules checked on the repository's content (no build): own words, key points, provenance."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from soins_obliges import provenance

ROOT = Path(__file__).resolve().parents[2]
OVERLAP = ROOT.parent / "shared" / "tools" / "overlap-check"
GENERATED = ("glossaire/", "correspondance-guide", "references-juridiques", "schemas")


def content_pages():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if not rel.startswith(GENERATED):
            yield rel, path


@pytest.mark.skipif(not OVERLAP.exists(), reason="../shared/tools/overlap-check is not beside this clone")
def test_no_passage_repeated_from_the_guide():
    """The guide's sentences do not carry over: no run of 15+ words shared with it."""
    proc = subprocess.run([sys.executable, str(OVERLAP), "docs", "glossary"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "0 passage(s)" in proc.stdout


def test_every_restating_page_opens_with_its_key_points():
    missing = []
    for rel, path in content_pages():
        meta, _ = provenance.front_matter(path.read_text(encoding="utf-8"))
        box = '!!! abstract "Key points"' if rel.endswith(".en.md") else '!!! abstract "L\'essentiel"'
        if provenance.parse_source_pages(meta.get("source_pages")) is not None \
                and box not in path.read_text(encoding="utf-8"):
            missing.append(rel)
    assert missing == []


def test_every_english_page_restates_the_same_guide_pages_as_its_french_page():
    for rel, path in content_pages():
        if rel.endswith(".en.md"):
            fr = path.with_name(path.name[:-6] + ".md")
            assert fr.exists(), f"{rel} has no French page"
            en_meta, _ = provenance.front_matter(path.read_text(encoding="utf-8"))
            fr_meta, _ = provenance.front_matter(fr.read_text(encoding="utf-8"))
            assert str(en_meta.get("source_pages")) == str(fr_meta.get("source_pages")), rel


def test_every_page_has_one_h1_matching_its_title():
    for rel, path in content_pages():
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1]
        h1 = [line for line in body.splitlines() if line.startswith("# ")]
        assert len(h1) == 1, rel
