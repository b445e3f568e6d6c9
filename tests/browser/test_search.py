"""The search in Debian's Chromium, on the real site: the ground truth.

- the browser analyses words exactly as the Python engine does (whole vocabulary of both indexes);
- each edition loads its own index, and shows only its own pages;
- the golden set's browser queries, typed into the real search box, show an expected title in the first five;
- on a 390×844 phone the overlay is usable: readable text, 44 px tap targets, the first result above the keyboard.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from soins_obliges.search import golden, text
from soins_obliges.search.engine import material_tokens
from soins_obliges.search.index import plain

ROOT = Path(__file__).resolve().parents[2]
CASES = [c for c in golden.load(ROOT / "tests" / "search" / "golden.yml")[0] if c.browser]
SEARCH = {"fr": "search", "en": "en/search"}
INDEX = {lang: f"{rel}/so/index.json" for lang, rel in SEARCH.items()}      # the whole index (never fetched)
PAGE = {"fr": "/02-reponse-penale-et-addictions/spip/", "en": "/en/02-reponse-penale-et-addictions/spip/"}
ARTICLE_FR = '<article class="md-content__inner md-typeset" lang="fr">'
PHONE = {"width": 390, "height": 844}
KEYBOARD = 336        # height of a phone's on-screen keyboard with its suggestion bar (iPhone 12-15, portrait)

TOP_RESULTS = """
() => Array.from(document.querySelectorAll(".md-search-result__item")).slice(0, 5).map(li => ({
  href: li.querySelector("a").href,
  titles: Array.from(li.querySelectorAll("h1, h2")).map(h => h.textContent.trim())
}))
"""


def settled_results(page, timeout_ms=20000):
    """The result list once it stops changing (Material answers every keystroke)."""
    page.wait_for_selector(".md-search-result__item", timeout=timeout_ms)
    last, same = None, 0
    for _ in range(80):
        now = page.evaluate(TOP_RESULTS)
        same = same + 1 if now == last else 0
        if same >= 2:
            return now
        last = now
        page.wait_for_timeout(150)
    return last


def search(page, server, lang, query, url=None):
    page.goto(server + (url or PAGE[lang]))
    page.click("input.md-search__input") if page.viewport_size["width"] > 1000 else \
        page.tap("label.md-header__button[for=__search]")
    page.keyboard.type(query)
    return settled_results(page)


@pytest.fixture(scope="module")
def indexes(site):
    return {lang: json.loads((site / rel).read_text(encoding="utf-8")) for lang, rel in INDEX.items()}


def test_browser_analyses_words_like_the_python_engine(browser, site, indexes):
    """Keys of every token of both indexes, tokens of every text, and rewritten queries: JS = Python."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(site / "search" / "worker.js"))
    for lang, idx in indexes.items():
        so = dict(idx["config"]["so"], separator=idx["config"]["separator"])
        stop = set(so["stopwords"])
        sep = __import__("re").compile(so["separator"])
        vocab = sorted({t for d in idx["docs"] for f in ("title", "text", "keywords", "aliases")
                        for t in material_tokens(d.get(f), sep)})
        texts = [plain(d["text"]) for d in idx["docs"][:400]]
        queries = [c.query for c in CASES] + ["Récidives", "juge de l'application des peines", "JAP", "dé",
                                               "de la", "  ", "PRÉ-TRIAL détention", "0,5 g/l", "n°3 «soins»"]
        js = page.evaluate("""([so, vocab, texts, queries]) => {
            const a = soSearch.analyzer(so);
            return {keys: vocab.map(a.key), tokens: texts.map(a.tokens), rewrites: queries.map(a.rewrite)};
        }""", [so, vocab, texts, queries])
        py_keys = [text.key(t, lang, stop) for t in vocab]
        diff = [(t, j, p) for t, j, p in zip(vocab, js["keys"], py_keys) if j != p]
        assert len(vocab) > 2000 and not diff, f"{lang}: {len(diff)} keys differ, e.g. {diff[:10]}"
        assert js["tokens"] == [text.tokens(t) for t in texts], lang
        assert js["rewrites"] == [text.rewrite_query(q, lang, stop) for q in queries], lang
    page.close()


def test_each_edition_loads_and_shows_only_its_own_pages(browser, server, site):
    for lang, query in (("fr", "rechute"), ("en", "relapse")):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requested = []
        page.on("request", lambda r: requested.append(urlparse(r.url).path))
        results = search(page, server, lang, query)
        indexes = [p for p in requested if p.endswith("search_index.json")]
        assert indexes == ["/en/search/search_index.json" if lang == "en" else "/search/search_index.json"]
        worker = "/en/search/worker.js" if lang == "en" else "/search/worker.js"   # each edition's own copy
        assert worker in requested and not any(p.endswith("/worker.js") and p != worker for p in requested)
        assert not any(p.startswith("/assets/javascripts/workers/search.") for p in requested)   # ours replaces it
        root = "/en/search/" if lang == "en" else "/search/"
        pieces = [p for p in requested if "/search/so/" in p]
        assert pieces and all(p.startswith(root + "so/") for p in pieces), pieces
        assert root + "so/lexicon.json" in pieces and not any(p.endswith("/so/index.json") for p in requested)
        assert len(results) >= 2
        for r in results:
            path = unquote(urlparse(r["href"]).path)
            assert path.startswith("/en/") == (lang == "en"), (lang, path)
            html = (site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
            if lang == "en":
                assert ARTICLE_FR not in html, f"a French fallback page in English results: {path}"
        page.close()


ALL_CASES = golden.load(ROOT / "tests" / "search" / "golden.yml")[0]

RUN_ENGINE = """async ([base, cfg, queries]) => {
  const e = soSearch.Engine(cfg, path => fetch(new URL(path, base)).then(r => r.json()));
  await e.ready;
  const out = [];
  for (const q of queries) {
    e.loaded.length = 0;
    const r = await e.search(q);
    out.push({loaded: e.loaded.slice(),
              groups: r.items.map(g => g.map(d => [d.location, d.title.replace(/<\\/?mark>/g, ""), d.score]))});
  }
  return out;
}"""


def test_the_worker_searches_like_the_python_replica(browser, server, site):
    """Every golden query (and a few more), run by the worker's engine in Chromium on the built pieces: the same
    result pages, the same first-result sections, the same scores and the same files fetched as
    soins_obliges.search.sharded.ShardedSearch."""
    from soins_obliges.search import sharded

    page = browser.new_page()
    page.goto(server + "/")
    page.add_script_tag(path=str(site / "search" / "worker.js"))
    for lang, rel in SEARCH.items():
        files = sharded.read_folder(site / rel)
        config = json.loads(files["search_index.json"])["config"]
        cfg = dict(config["so"], separator=config["separator"])
        queries = [c.query for c in ALL_CASES if c.lang == lang] + ["d", "de", "dé", "zzzz", "peine", "  "]
        js = page.evaluate(RUN_ENGINE, [f"{server}/{rel}/", cfg, queries])
        py = sharded.ShardedSearch(files)
        for q, got in zip(queries, js):
            py.loaded = []
            groups = py.search(q)
            assert [next(d[0] for d in g if "#" not in d[0]) for g in got["groups"]] == \
                [g.page.location for g in groups], (lang, q)
            if groups:
                first = got["groups"][0]
                assert [d[0] for d in first if "#" in d[0]] == [s.location for s in groups[0].sections], (lang, q)
                page_score = next((d[2] for d in first if "#" not in d[0]), None)
                assert page_score == pytest.approx(groups[0].page.score, rel=1e-12), (lang, q)
            assert set(got["loaded"]) == set(py.loaded), (lang, q)    # both keep what they fetched
    page.close()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.lang}:{c.query}" for c in CASES])
def test_golden_query_typed_in_the_search_box(browser, server, case):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    results = search(page, server, case.lang, case.query)
    page.close()
    shown = [r["titles"] for r in results]
    assert golden.rank_of_titles(shown, case.expect, depth=5), f"{case.query!r}: {shown}, expected {case.expect}"


def test_result_link_highlights_the_typed_word_on_the_page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    results = search(page, server, "fr", "recidives")
    assert results[0]["titles"][0] == "Récidive"
    assert "h=r%C3%A9cidive" in results[0]["href"]
    with page.expect_navigation():                 # wait for the result page itself, not the current one
        page.click(".md-search-result__item a")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=15000)
    marked = page.eval_on_selector_all("article mark[data-md-highlight]", "els => els.map(e => e.textContent)")
    page.close()
    assert any(m.lower() == "récidive" for m in marked), marked


def test_phone_search_overlay_is_usable(browser, server):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc != urlparse(server).netloc else None)
    search(page, server, "fr", "injonction therapeutique")

    def box(selector):
        return page.eval_on_selector_all(selector, """els => els.filter(e => e.offsetParent !== null).map(e => {
            const b = e.getBoundingClientRect(), cs = getComputedStyle(e);
            return {top: b.top, bottom: b.bottom, width: b.width, height: b.height, font: parseFloat(cs.fontSize)};
        })""")

    assert page.get_attribute('[data-md-component="search"][role="dialog"]', "aria-label") == "Recherche"
    assert box(".md-search__input")[0]["height"] >= 44
    icons = box(".md-search__form .md-search__icon")
    assert len(icons) >= 2 and all(i["width"] >= 44 and i["height"] >= 44 for i in icons), icons
    links = box(".md-search-result__link")
    assert links and all(link["height"] >= 44 for link in links), links
    assert all(s["height"] >= 44 for s in box(".md-search-result__more > summary")), "« more on this page » rows"
    assert all(h["font"] >= 16 for h in box(".md-search-result__article h1"))
    assert all(t["font"] >= 14 for t in box(".md-search-result__article h2, .md-search-result__article p"))
    first = links[0]
    assert 0 <= first["top"] and first["bottom"] <= PHONE["height"] - KEYBOARD, f"first result hidden: {first}"
    assert page.evaluate("""() => { const s = document.querySelector(".md-search__scrollwrap");
                                    return s.scrollWidth <= s.clientWidth + 1; }""")
    # the keyboard open: the visible height shrinks, the first result still shows in full
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"] - KEYBOARD})
    page.wait_for_timeout(300)
    first = box(".md-search-result__link")[0]
    assert first["bottom"] <= PHONE["height"] - KEYBOARD
    ctx.close()
    assert foreign == [], foreign
