"""Search costs nothing until it is used (issue 14): on a page load, no request for the index, the search worker,
Material's worker or lunr; opening the search (phone: the search button; desktop: the field; the `/` key) starts
them, and the first query gets results. No page requests a sitemap or gets a response ≥ 400."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.test_search import PAGE, settled_results

SEARCH = ("search_index.json", "/search/so/", "/search/worker.js", "/assets/javascripts/workers/search.",
          "/assets/javascripts/lunr/")


def _searchy(paths):
    return [p for p in paths if any(s in p for s in SEARCH)]


def _load(browser, server, url, viewport, **kw):
    page = browser.new_page(viewport=viewport, **kw)
    seen, bad = [], []
    page.on("request", lambda r: seen.append(urlparse(r.url).path))
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.goto(server + url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    return page, seen, bad


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_phone_search_is_fetched_when_opened(browser, server, lang):
    page, seen, bad = _load(browser, server, PAGE[lang], {"width": 390, "height": 844}, is_mobile=True,
                            has_touch=True)
    assert _searchy(seen) == [], f"search downloaded before use: {_searchy(seen)}"
    assert not [p for p in seen if p.endswith("sitemap.xml")] and not bad, (seen, bad)
    page.tap("label.md-header__button[for=__search]")
    page.keyboard.type("rechute" if lang == "fr" else "relapse")
    results = settled_results(page)
    assert results, "no result after opening the search"
    index = "/en/search/search_index.json" if lang == "en" else "/search/search_index.json"
    assert index in seen and index.replace("search_index.json", "worker.js") in seen
    page.close()


def test_desktop_field_and_slash_key_open_the_search(browser, server):
    for how in ("click", "slash"):
        page, seen, bad = _load(browser, server, "/", {"width": 1280, "height": 900})
        assert _searchy(seen) == [] and not bad, (seen, bad)
        if how == "click":
            page.click("input.md-search__input")
        else:
            page.keyboard.press("/")
        page.keyboard.type("injonction")
        assert settled_results(page), how
        assert "/search/search_index.json" in seen, how
        page.close()


def test_no_page_requests_a_sitemap_or_fails(browser, server):
    for url in ("/", "/en/", "/glossaire/rechute/", "/en/glossaire/rechute/", "/06-annexes/cycle-du-changement/"):
        page, seen, bad = _load(browser, server, url, {"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        assert not [p for p in seen if "sitemap" in p], (url, seen)
        assert not bad, (url, bad)
        page.close()
