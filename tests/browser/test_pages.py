"""Every page type in a desktop and a 390×844 phone viewport, in Debian's Chromium:
no request leaves the local server, no console error, no missing asset."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

PAGE_TYPES = {
    "home": "/",
    "about": "/a-propos/",
    "english home": "/en/",
    "english about": "/en/a-propos/",
    "chapter": "/02-reponse-penale-et-addictions/spip/",
    "english chapter": "/en/02-reponse-penale-et-addictions/spip/",
    "glossary entry": "/glossaire/rechute/",
    "english glossary entry": "/en/glossaire/rechute/",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _harmless_404(url: str) -> bool:
    # Material asks for sitemap.xml beside each alternate-language link (see TOOLCHAIN-NOTES)
    return url.endswith("/sitemap.xml")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_only_local_resources(browser, server, kind, viewport):
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=viewport == "phone",
                              has_touch=viewport == "phone")
    page = ctx.new_page()
    foreign, errors, missing = [], [], []
    host = urlparse(server).netloc
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})")
            if m.type == "error" and not _harmless_404(m.location.get("url", "")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: missing.append(r.url)
            if r.status == 404 and not _harmless_404(r.url) else None)
    resp = page.goto(server + PAGE_TYPES[kind], wait_until="networkidle")
    assert resp.status == 200
    assert page.locator("h1").first.is_visible()
    # the body never scrolls sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ctx.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert missing == [], f"404 assets: {missing}"
    assert errors == [], f"console errors: {errors}"


def test_language_switcher_goes_to_the_same_page(browser, server):
    page = browser.new_page()
    page.goto(server + "/a-propos/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a[hreflang="en"].md-select__link').first.click()
    page.wait_for_load_state()
    assert page.url == server + "/en/a-propos/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()
