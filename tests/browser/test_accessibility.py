"""axe-core 4.14.1 (tests/browser/axe.py) finds no violation of WCAG 2.0/2.1 A and AA (RGAA 4.1's basis) nor of
axe's best practices on every page type (the whole guide on one page included), in both editions, both palettes, on a phone and on a desktop; also
with the search open and with each kind of popover open."""
from __future__ import annotations

import pytest

from . import axe

CHAPTER = "/02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/"
PAGES = {"home": "/", "chapter": CHAPTER, "glossary index": "/glossaire/", "entry": "/glossaire/rechute/",
         "comparison": "/glossaire/faux-amis/recidive-rechute/", "diagrams": "/schemas/",
         "legal references": "/references-juridiques/", "concordance": "/correspondance-guide/",
         "offline page": "/hors-ligne/", "about": "/a-propos/", "accessibility statement": "/accessibilite/",
         "whole guide": "/livre/"}
STATES = list(PAGES) + ["search open", "glossary popover", "legal popover"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _open_state(page, state, phone):
    press = (lambda loc: loc.tap()) if phone else (lambda loc: loc.click())
    if state == "search open":
        press(page.locator("label.md-header__button[for=__search]" if phone else "input.md-search__input"))
        page.keyboard.type("rechute" if page.url.find("/en/") < 0 else "relapse")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        page.wait_for_timeout(300)
    elif state == "glossary popover":
        term = page.locator("a.so-term").first
        term.scroll_into_view_if_needed()
        press(term)
        page.wait_for_selector("#so-popover", state="visible")
    elif state == "legal popover":
        cite = page.locator("a.so-cite").first
        cite.scroll_into_view_if_needed()
        press(cite)
        page.wait_for_selector("#so-legal-popover", state="visible")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_axe_violation(browser, server, lang, viewport, scheme):
    phone = viewport == "phone"
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone, color_scheme=scheme)
    found = []
    try:
        for state in STATES:
            page = ctx.new_page()
            page.goto(server + ("/en" if lang == "en" else "") + PAGES.get(state, CHAPTER))
            page.wait_for_load_state("networkidle")
            _open_state(page, state, phone)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
                ("slate" if scheme == "dark" else "default"), "the palette did not follow the reader's setting"
            found += [f"{state}: {rule} ({impact}) at {target}: {summary}"
                      for rule, impact, target, summary in axe.violations(page)]
            page.close()
    finally:
        ctx.close()
    assert not found, f"{len(found)} axe violations ({lang}, {viewport}, {scheme}):\n" + "\n".join(found[:15])


def test_axe_finds_a_violation_when_there_is_one(browser, server):
    """The checker itself works: a page with an image without text and an unnamed button fails."""
    page = browser.new_page()
    page.goto(server + "/")
    page.evaluate("""() => { const m = document.querySelector('article');
        m.insertAdjacentHTML('afterbegin', '<img src="assets/offline/icon-32.png"><button></button>'); }""")
    rules = {v[0] for v in axe.violations(page)}
    assert {"image-alt", "button-name"} <= rules
    page.close()
