"""The search on the real site (built once per session, strict): one index per language, cut in pieces
(soins_obliges.search.sharded), the worker wired in, and the golden set's recall@5 (the browser's search replayed
in Python on the built pieces, and equal to lunr on the whole index)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from soins_obliges.search import golden, sharded, text
from soins_obliges.search.engine import SearchEngine

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "search" / "golden.yml"
SEARCH = {"fr": "search", "en": "en/search"}
INDEX = {lang: f"{rel}/so/index.json" for lang, rel in SEARCH.items()}      # the whole index (never fetched)
ARTICLE_FR = '<article class="md-content__inner md-typeset" lang="fr">'
TARGET_RECALL = 0.95


@pytest.fixture(scope="module")
def indexes(site):
    return {lang: json.loads((site / rel).read_text(encoding="utf-8")) for lang, rel in INDEX.items()}


@pytest.fixture(scope="module")
def pieces(site):
    return {lang: sharded.read_folder(site / rel) for lang, rel in SEARCH.items()}


def page_html(site: Path, lang: str, location: str) -> str:
    root = site / ("en" if lang == "en" else "")
    return (root / location.split("#")[0] / "index.html").read_text(encoding="utf-8")


def test_each_language_has_its_own_index_of_its_own_pages(site, indexes):
    for lang, idx in indexes.items():
        assert idx["config"]["so"]["lang"] == lang
        assert len(idx["docs"]) > 50, lang
        for d in idx["docs"]:
            assert not d["location"].startswith("en/"), (lang, d["location"])   # relative to the edition's root
            html = page_html(site, lang, d["location"])
            assert f'<html lang="{lang}"' in html, (lang, d["location"])
            if lang == "en":
                assert ARTICLE_FR not in html, f"French fallback page in the English index: {d['location']}"


def test_every_english_glossary_entry_is_in_the_english_index(site, indexes):
    """Including terms kept in French (same title and text in both editions)."""
    entries = {d["location"]: d for d in indexes["en"]["docs"]}
    pages = [p for p in (site / "en" / "glossaire").glob("*/index.html") if p.parent.name != "faux-amis"]
    assert len(pages) > 5
    for p in pages:
        loc = f"glossaire/{p.parent.name}/"
        assert loc in entries, loc
        assert entries[loc]["keywords"].split(), loc
        assert entries[loc]["text"], f"{loc}: the definition must show under the title in the results"


def test_search_config_is_ours(indexes):
    for idx in indexes.values():
        cfg = idx["config"]
        assert cfg["lang"] == ["en"] and cfg["pipeline"] == [] and cfg["separator"] == text.SEPARATOR
        assert {"title", "text", "keywords", "aliases"} <= set(cfg["fields"])
        assert set(cfg["so"]) >= {"stopwords", "exact_boost", "whole_boost", "fuzzy"}


def test_source_line_and_glossary_navigation_are_not_indexed(indexes):
    for lang, idx in indexes.items():
        for d in idx["docs"]:
            assert not re.match(r"<p>Source\s?:", d["text"]), (lang, d["location"])
            assert not d["location"].endswith(("#ou-ce-terme-apparait", "#where-this-term-appears")), d["location"]


def test_acronyms_and_expansions_meet_in_chapter_sections(indexes):
    aliased = [d for d in indexes["fr"]["docs"] if d.get("aliases")]
    assert len(aliased) > 20
    assert any("JAP" in d["aliases"].split(", ") for d in aliased)


def test_pages_load_our_worker_and_their_edition_index(site):
    patch = re.compile(r'<script>\(function\(\)\{var d=document.querySelector\(.*?</script>', re.S)
    fr = (site / "02-reponse-penale-et-addictions" / "spip" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "02-reponse-penale-et-addictions" / "spip" / "index.html").read_text(encoding="utf-8")
    for html in (fr, en, (site / "404.html").read_text(encoding="utf-8")):
        script = patch.search(html)
        assert script and "search/worker.js" in script.group(0) and 'getElementById("__config")' in script.group(0)
        assert html.index('id="__config"') < script.start() < html.index("assets/javascripts/bundle.")
    assert 'c.base=' not in patch.search(fr).group(0)
    assert 'c.base=c.base.replace(/\\/?$/,"/")+"en/"' in patch.search(en).group(0)
    for edition in (site, site / "en"):          # each edition's own copy (tests/build/test_offline.py)
        assert (edition / "search" / "worker.js").read_text(encoding="utf-8") == \
            (ROOT / "docs" / "assets" / "search" / "worker.js").read_text(encoding="utf-8")


def test_golden_set_titles_are_titles_of_the_site(indexes):
    cases, errors = golden.load(GOLDEN)
    assert not errors, "\n".join(map(str, errors))
    assert len(cases) >= 60 and {c.lang for c in cases} == {"fr", "en"}
    assert sum(c.browser for c in cases) >= 12
    stale = golden.check_titles(cases, indexes, GOLDEN.relative_to(ROOT).as_posix())
    assert not stale, "\n".join(map(str, stale))


def test_golden_set_recall_at_5(pieces):
    """On the pieces the browser fetches, searched as the worker searches them."""
    cases, _ = golden.load(GOLDEN)
    engines = {lang: sharded.ShardedSearch(files) for lang, files in pieces.items()}
    outcomes = golden.evaluate(cases, engines)
    summary = golden.summary(outcomes)
    misses = "\n".join(f"  [{o.case.lang}] {o.case.query!r} → {[t[0] for t in o.shown]} (expected {o.case.expect})"
                       for o in outcomes if not o.hit)
    for lang, s in summary.items():
        assert s["recall@5"] >= TARGET_RECALL, f"{lang}: recall@5 {s['recall@5']:.1%}\n{misses}"


def _same_ranking(a, b, tolerance=1e-3) -> bool:
    """The same pages in the same order, except that pages whose lunr scores are equal within ``tolerance``
    (ties, and the 4 significant digits the pieces keep of each weight) may come in either order."""
    if len(a) != len(b):
        return False
    score = {g.page.location: g.page.score for g in a}
    for x, y in zip(a, b):
        if x.page.location != y.page.location:
            other = score.get(y.page.location)
            if other is None or abs(other - x.page.score) > tolerance * max(abs(other), abs(x.page.score), 1e-9):
                return False
    return True


def test_the_pieces_rank_as_lunr_ranks_the_whole_index(indexes, pieces):
    """Cutting the index changes no ranking: the first ten results of every golden query are the pages that lunr
    finds on the whole index, in the same order (up to ties), and the first result shows the same sections."""
    cases, _ = golden.load(GOLDEN)
    differ = []
    for lang in ("fr", "en"):
        whole, cut = SearchEngine(indexes[lang]), sharded.ShardedSearch(pieces[lang])
        for c in (c for c in cases if c.lang == lang):
            a, b = whole.search(c.query)[:10], cut.search(c.query)[:10]
            if not _same_ranking(a, b) or \
                    (a and {s.location for s in a[0].sections} != {s.location for s in b[0].sections}):
                differ.append((lang, c.query, [g.page.location for g in a][:3], [g.page.location for g in b][:3]))
    assert not differ, differ


def test_opening_the_search_fetches_little_and_every_piece_is_there(pieces):
    """search_index.json (what Material fetches) holds the configuration only; the lexicon's words each have
    their postings in the right file, and every page has its snippets file."""
    for lang, files in pieces.items():
        manifest = json.loads(files["search_index.json"])
        assert manifest["docs"] == [] and manifest["config"]["so"]["version"], lang
        assert len(files["search_index.json"]) < 4096, lang
        lexicon = json.loads(files["so/lexicon.json"])
        terms = sharded.front_decode(lexicon["terms"])
        assert terms == sorted(set(terms)) and len(terms) > 3000, lang
        shards = {k[len("so/t/"):-len(".json")]: json.loads(v) for k, v in files.items() if k.startswith("so/t/")}
        assert {t for s in shards.values() for t in s} == set(terms), lang
        assert all(t.startswith(p) for p, s in shards.items() for t in s), lang
        n = len(lexicon["parents"])
        assert all(0 <= flat[k + 1] < n for s in shards.values() for flat in s.values() for k in range(0, len(flat), 3))
        for page, loc, title in lexicon["pages"]:
            snippets = json.loads(files[f"so/d/{page}.json"])
            assert snippets[str(page)][0] == loc and title, (lang, loc)


def test_a_glossary_form_that_cannot_be_searched_stops_the_build(project_copy, tmp_path):
    """Bad input → the strict build stops with file:line, what is wrong and how to fix it."""
    from conftest import run_build

    path = project_copy / "glossary" / "rechute.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    fr = lines.index("fr:")
    hidden = next(i for i in range(fr, len(lines)) if lines[i].startswith("  hidden:"))
    lines[hidden] = "  hidden: [de la]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_build(project_copy, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"glossary/rechute.yml:{hidden + 1}: `fr.hidden` form « de la » has no searchable word" in out, out[-3000:]
    assert "→ write the form with at least one content word, or remove it" in out
