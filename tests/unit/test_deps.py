"""Rebuild bookkeeping of `mkdocs serve` (soins_obliges.deps) and the caches that keep its rebuilds short: they must
give what a fresh load gives, and forget a file as soon as it changes."""
from __future__ import annotations

import os

from soins_obliges.deps import Dependencies, changed, digest, stamps
from soins_obliges.glossary import model
from soins_obliges.legal import pages as legal_pages

from conftest import ROOT, replace


def test_dependents_and_commit():
    d = Dependencies()
    d.begin()
    d.record("a.html", "concept", {"rechute", "recidive"})
    d.record("b.html", "concept", {"csapa"})
    d.record("b.html", "diagram", {"demo"})
    assert d.dependents("concept", {"rechute"}) == set()      # not committed yet
    d.commit(full=True)
    assert d.dependents("concept", {"rechute"}) == {"a.html"}
    assert d.dependents("diagram", {"demo"}) == {"b.html"}
    d.begin()
    d.record("a.html", "concept", {"csapa"})                 # an incremental build updates what it rendered
    d.commit(full=False)
    assert d.dependents("concept", {"csapa"}) == {"a.html", "b.html"}
    assert d.dependents("concept", {"rechute"}) == set()
    d.begin()
    d.record("c.html", "concept", {"x"})
    d.begin()                                                # a failed build's records are dropped
    d.commit(full=False)
    assert d.dependents("concept", {"x"}) == set()


def test_stamps_and_changed(tmp_path):
    f = tmp_path / "f.yml"
    f.write_text("a")
    before = stamps([f, tmp_path / "missing"])
    assert list(before) == [f.as_posix()]
    f.write_text("ab")
    after = stamps([f])
    assert changed(before, after) == {f.as_posix()}
    assert changed(after, after) == set()
    assert digest(1, "a") == digest(1, "a") != digest("1", "a")


def _copy_glossary(tmp_path):
    import shutil

    dest = tmp_path / "glossary"
    shutil.copytree(ROOT / "tests" / "fixtures" / "glossary", dest)
    return dest


def test_an_edited_concept_is_reloaded_and_the_matcher_kept_while_forms_stay(tmp_path):
    g = _copy_glossary(tmp_path)
    first, errors = model.load_glossary(g)
    assert not errors
    replace(g / "rechute.yml", "  definition: Reprise", "  definition: Nouvelle reprise")
    os.utime(g / "rechute.yml", ns=(1, 2))                    # a different date, whatever the clock's resolution
    second, _ = model.load_glossary(g)
    assert second is not first
    assert second.concepts["rechute"].fr.definition.startswith("Nouvelle reprise")
    assert second.concepts["csapa"] is first.concepts["csapa"]        # unchanged file: shared, not reloaded
    assert second.matcher("fr") is first.matcher("fr")                # same forms: the compiled matcher is kept
    replace(g / "rechute.yml", "  term: rechute", "  term: rechute\n  variants: [rechutes graves]")
    third, errors = model.load_glossary(g)
    assert not errors, errors
    assert third.matcher("fr") is not first.matcher("fr")             # new forms: a new matcher
    assert third.matcher("fr").find("deux rechutes graves")


def test_legal_scan_forgets_an_edited_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "p.md"
    page.write_text("# P\n\nL'article 132-45 du code pénal.\n", encoding="utf-8")
    assert legal_pages.collect(docs).by_article
    page.write_text("# P\n\nPlus de citation ici, rien du tout.\n", encoding="utf-8")
    assert not legal_pages.collect(docs).by_article
