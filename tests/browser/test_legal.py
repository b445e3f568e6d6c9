"""Legal references in Debian's Chromium: the tooltip on hover (desktop), the details popover on click, tap and
Enter (phone and keyboard), badges, the 2029 notice, the references page; nothing requested from Légifrance."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

CHAPTER = "/02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/"
SECRET = "/06-annexes/secret-professionnel/"
REFS = "/references-juridiques/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _harmless(url: str) -> bool:
    return url.endswith("/sitemap.xml")      # Material asks for it beside each alternate link (TOOLCHAIN-NOTES)


@pytest.fixture
def open_page(browser, server):
    ctxs = []

    def _open(path, viewport="desktop"):
        ctx = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=viewport == "phone",
                                  has_touch=viewport == "phone")
        ctxs.append(ctx)
        page = ctx.new_page()
        page.foreign, page.errors = [], []
        host = urlparse(server).netloc
        page.on("request", lambda r: page.foreign.append(r.url)
                if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
        page.on("console", lambda m: page.errors.append(m.text)
                if m.type == "error" and not _harmless(m.location.get("url", "")) else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(server + path, wait_until="networkidle")
        return page

    yield _open
    for c in ctxs:
        c.close()


def test_hover_shows_the_tooltip_click_opens_the_details(open_page, server):
    page = open_page(CHAPTER)
    a = page.locator('a.so-cite[data-cite="cp-132-45"]').first
    href = a.get_attribute("href")
    assert href == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417442"      # verified id
    a.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    assert "Code pénal, article 132-45" in tip.inner_text()
    a.click()
    pop = page.locator("#so-legal-popover")
    pop.wait_for(state="visible")
    text = pop.inner_text()
    for part in ("Code pénal, article 132-45", "modifié depuis 2020", "obligation de soins",
                 "État du droit : index LEGI du 6 décembre 2023", "Fiche relue le", "sur Légifrance"):
        assert part in text.replace("\u00a0", " "), part
    assert not tip.is_visible()                                   # the tooltip does not cover the popover
    assert pop.locator("a.so-popover__more").first.get_attribute("href") == href
    assert pop.locator("a.so-popover__more").first.inner_text().startswith("Lire l'article sur Légifrance")
    assert page.url == server + CHAPTER                          # the click did not leave the page
    assert a.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert pop.is_hidden()
    assert page.evaluate("document.activeElement.dataset.cite") == "cp-132-45"
    assert page.foreign == [] and page.errors == []


def test_phone_tap_reaches_the_details_and_the_references_page(open_page, server):
    page = open_page(CHAPTER, "phone")
    a = page.locator('a.so-cite[data-cite="csp-l3423-1"]').first
    a.scroll_into_view_if_needed()
    a.tap()
    pop = page.locator("#so-legal-popover")
    pop.wait_for(state="visible")
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert "L. 3423-1" in pop.inner_text().replace("\u00a0", " ")
    pop.locator("a.so-popover__refs").tap()
    page.wait_for_url(server + REFS + "#csp-l3423-1")
    assert page.locator("#csp-l3423-1").is_visible()
    assert page.foreign == [] and page.errors == []


def test_keyboard_opens_traps_focus_and_closes(open_page):
    page = open_page(CHAPTER)
    a = page.locator('a.so-cite[data-cite="cp-132-45"]').first
    a.focus()
    page.keyboard.press("Enter")
    pop = page.locator("#so-legal-popover")
    pop.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('so-popover__close')")
    assert pop.get_attribute("role") == "dialog" and pop.get_attribute("aria-labelledby")
    for _ in range(4):                                            # close, Légifrance, references, back to close
        page.keyboard.press("Tab")
        assert pop.evaluate("(p) => p.contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert pop.is_hidden() and page.evaluate("document.activeElement.dataset.cite") == "cp-132-45"


def test_gone_article_badge_and_successor(open_page):
    page = open_page(SECRET)
    badge = page.locator(".so-cite-badge--deplace").first
    assert badge.is_visible() and badge.inner_text() == "déplacé"
    succ = page.locator(".so-cite-successor a.so-cite").first
    assert "D.\u00a0113-45" in succ.inner_text()
    succ.click()
    pop = page.locator("#so-legal-popover")
    pop.wait_for(state="visible")
    assert "Code pénitentiaire, article D" in pop.inner_text()


def test_cpp_notice_is_visible_once(open_page):
    page = open_page(SECRET)
    notice = page.locator("#so-cpp-2029")
    assert notice.count() == 1 and notice.is_visible()
    assert "2029" in notice.inner_text()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", [REFS, "/en" + REFS])
def test_references_page(open_page, path, viewport):
    page = open_page(path, viewport)
    assert page.locator("h1").first.is_visible()
    body = page.locator("article").inner_text().replace("\u00a0", " ").replace("\u202f", " ")
    assert "Légifrance / DILA" in body and ("6 décembre 2023" in body or "6 December 2023" in body)
    assert page.locator("h3[id]").count() > 50
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.foreign == [] and page.errors == []


def test_an_article_without_a_verified_id_offers_a_search(open_page):
    """Each popover names its own link: the article itself, or Légifrance's search for its number."""
    page = open_page("/02-reponse-penale-et-addictions/execution-de-la-peine/")
    a = page.locator('.md-content a.so-cite[href*="/search/code?"]').first
    assert a.count(), "a page citing an article without a verified id is needed here (CPP 720 has none)"
    href = a.get_attribute("href")
    a.scroll_into_view_if_needed()
    a.click()
    pop = page.locator("#so-legal-popover")
    pop.wait_for(state="visible")
    more = pop.locator("a.so-popover__more").first
    assert more.get_attribute("href") == href and "searchField=NUM_ARTICLE" in href
    assert more.inner_text().startswith("Chercher l'article sur Légifrance")
