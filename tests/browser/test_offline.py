"""Offline after one visit (issue 15): in each language, visit one chapter, cut the network (the server stops),
then open a glossary entry never opened, reload the chapter, run a search; a page never read leads to the
offline page, which names it; « Hors ligne » shows while the browser has no network; a new deploy shows the
« nouvelle version » notice, and accepting it reloads the page under the new worker."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.browser.test_search import settled_results

PHONE = {"width": 390, "height": 844}
CASE = {
    "fr": {"chapter": "/03-soins-obliges-reperes/recidive-et-rechute/", "entry": "/glossaire/abstinence/",
           "unread": "/02-reponse-penale-et-addictions/spip/", "query": "injonction", "badge": "Hors ligne",
           "update": "nouvelle version", "reload": "Recharger"},
    "en": {"chapter": "/en/03-soins-obliges-reperes/recidive-et-rechute/", "entry": "/en/glossaire/abstinence/",
           "unread": "/en/02-reponse-penale-et-addictions/spip/", "query": "injunction", "badge": "Offline",
           "update": "new version", "reload": "Reload"},
}
READY = "navigator.serviceWorker && navigator.serviceWorker.controller !== null && window.__soOfflineReady === true"


class _Site(http.server.SimpleHTTPRequestHandler):
    sw_suffix = b""          # set to simulate a new deploy (the workers' bytes change)

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.split("?")[0].endswith("/sw.js") and type(self).sw_suffix:
            data = (Path(self.directory) / self.path.split("?")[0].lstrip("/")).read_bytes() + type(self).sw_suffix
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()


class Server:
    def __init__(self, site: Path):
        handler = type("Handler", (_Site,), {})
        self.handler = handler
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        """The network is cut: nothing answers on this port any more."""
        self.httpd.shutdown()
        self.httpd.server_close()


def _wait_ready(page):
    page.wait_for_function(READY, timeout=90_000)


def _h1(page) -> str:
    return page.locator("article h1").first.inner_text()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_offline_after_one_visit(browser, site, lang):
    case = CASE[lang]
    server = Server(site)
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="allow")
    page = ctx.new_page()
    try:
        page.goto(server.url + case["chapter"])
        chapter_title = _h1(page)
        _wait_ready(page)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == server.url + ("/en/" if lang == "en" else "/"), scope
        server.stop()

        with pytest.raises(Exception):                       # the network is really cut
            ctx.request.get(server.url + case["entry"], timeout=3000)

        resp = page.goto(server.url + case["entry"])
        assert resp is not None and resp.ok and resp.from_service_worker, "glossary entry not served offline"
        assert _h1(page), "the entry has no title"
        assert page.locator(".md-content article").inner_text().strip(), "the entry is empty offline"
        css = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert css in ("sticky", "fixed"), "the stylesheet did not load offline"

        page.goto(server.url + case["chapter"])
        assert _h1(page) == chapter_title, "the chapter read before did not reload offline"

        page.goto(server.url + case["unread"])
        assert "/hors-ligne/" in page.url, f"an unread page offline should lead to the offline page, not {page.url}"
        asked = page.locator("[data-so-offline-page]")
        assert asked.is_visible() and asked.inner_text() == case["unread"]
        assert page.locator("[data-so-offline-retry]").get_attribute("href") == case["unread"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.goto(server.url + case["chapter"])
        page.tap("label.md-header__button[for=__search]")
        page.keyboard.type(case["query"])
        results = settled_results(page)
        assert results, "no search result offline"
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_offline_badge(browser, site, lang):
    case = CASE[lang]
    server = Server(site)
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="allow")
    page = ctx.new_page()
    try:
        page.goto(server.url + case["chapter"])
        badge = page.locator(".so-offline-badge")
        assert badge.count() == 1 and not badge.is_visible()
        ctx.set_offline(True)
        page.wait_for_function("document.querySelector('.so-offline-badge').hidden === false")
        assert badge.is_visible() and badge.inner_text() == case["badge"]
        box = badge.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        ctx.set_offline(False)
        page.wait_for_function("document.querySelector('.so-offline-badge').hidden === true")
    finally:
        ctx.close()
        server.stop()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_version_notice(browser, site, lang):
    case = CASE[lang]
    server = Server(site)
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="allow")
    page = ctx.new_page()
    try:
        page.goto(server.url + case["chapter"])
        _wait_ready(page)
        assert page.locator(".so-update").count() == 0, "a notice with no new version"
        server.handler.sw_suffix = b"\n// a new deploy\n"
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = page.locator(".so-update")
        notice.wait_for(timeout=90_000)
        assert case["update"] in notice.inner_text()
        page.evaluate("window.__marker = 1")
        with page.expect_navigation(timeout=30_000):
            notice.get_by_role("button", name=case["reload"]).click()
        assert page.evaluate("window.__marker") is None, "the page did not reload"
        page.wait_for_function(READY)
        state = page.evaluate("navigator.serviceWorker.getRegistration().then(r => [!!r.waiting, r.active.state])")
        assert state == [False, "activated"], state
        assert page.locator(".so-update").count() == 0
    finally:
        ctx.close()
        server.stop()
