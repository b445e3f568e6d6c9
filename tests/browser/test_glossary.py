"""Glossary popovers in Chromium: tap on a phone, keyboard on a desktop, Esc, focus return, no layout shift."""
from __future__ import annotations

import pytest

CHAPTER = "/03-soins-obliges-reperes/recidive-et-rechute/"


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "sitemap" not in (m.location.get("url") or "") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    ctx.close()


def test_tap_opens_the_popover_and_esc_closes_it(phone, server):
    page, errors = phone
    page.goto(server + CHAPTER, wait_until="networkidle")
    term = page.locator("a.so-term").first
    term.scroll_into_view_if_needed()
    before = page.evaluate("document.documentElement.scrollHeight")
    term.tap()
    pop = page.locator("#so-popover")
    assert pop.is_visible()
    assert page.url.endswith(CHAPTER)                     # the tap did not navigate
    assert pop.get_attribute("role") == "dialog"
    assert term.get_attribute("aria-expanded") == "true"
    assert "Voir la fiche" in pop.inner_text()
    box = pop.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390   # fits the phone screen
    assert page.evaluate("document.documentElement.scrollHeight") == before  # no layout shift
    more = pop.locator(".so-popover__more").bounding_box()
    assert more["height"] >= 44                            # tap target
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('so-term')")
    assert errors == []


def test_tap_outside_closes(phone, server):
    page, _ = phone
    page.goto(server + CHAPTER, wait_until="networkidle")
    page.locator("a.so-term").first.tap()
    page.locator("h1").tap()
    assert not page.locator("#so-popover").is_visible()


def test_see_entry_navigates_to_the_concept_page(phone, server):
    page, _ = phone
    page.goto(server + CHAPTER, wait_until="networkidle")
    term = page.locator("a.so-term").first
    cid = term.get_attribute("data-term")
    term.tap()
    with page.expect_navigation():
        page.locator(".so-popover__more").tap()
    assert page.url.endswith(f"/glossaire/{cid}/")


def test_keyboard_enter_opens_focus_moves_in_and_returns(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + CHAPTER, wait_until="networkidle")
    term = page.locator("a.so-term").first
    term.focus()
    page.keyboard.press("Enter")
    pop = page.locator("#so-popover")
    assert pop.is_visible()
    assert page.evaluate("document.getElementById('so-popover').contains(document.activeElement)")
    page.keyboard.press("Tab")   # focus stays inside the dialog
    assert page.evaluate("document.getElementById('so-popover').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert page.evaluate("document.activeElement.dataset.term") == term.get_attribute("data-term")
    page.close()


def test_link_works_without_javascript(browser, server):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + CHAPTER)
    term = page.locator("a.so-term").first
    cid = term.get_attribute("data-term")
    with page.expect_navigation():
        term.click()
    assert page.url.endswith(f"/glossaire/{cid}/")
    ctx.close()


def test_sector_filter_on_the_glossary_home(browser, server):
    page = browser.new_page()
    page.goto(server + "/glossaire/", wait_until="networkidle")
    page.locator('.so-filter button[data-sector="justice"]').click()
    visible = page.locator(".so-az a[data-sector]:visible")
    justice = visible.count()
    assert justice > 50
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.sector)")) == {"justice"}
    page.locator('.so-filter button[data-sector=""]').click()
    assert page.locator(".so-az a[data-sector]:visible").count() > justice
    page.close()
